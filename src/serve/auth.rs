//! Who may join: the join code (generated per run or given), optional
//! allowed public keys, and the server's ed25519 host key, created once in
//! the config folder and reused. Wrong codes are counted per source
//! address in [`super::guard`].
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{HashAlg, PrivateKey, PublicKey};

use crate::error::{Error, Result};

/// Codes tried on one connection before it is closed.
pub const MAX_WRONG_CODES: u32 = 3;

/// A fresh 6-digit join code.
pub fn generate_code() -> Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| Error::Invalid(format!("no randomness for the join code: {e}")))?;
    Ok(format!("{:06}", u64::from_le_bytes(bytes) % 1_000_000))
}

/// Compares a typed code with the join code in time independent of where
/// they differ; spaces and dashes typed for readability are ignored.
pub fn code_matches(expected: &str, typed: &str) -> bool {
    let typed: Vec<u8> = typed.bytes().filter(|b| !matches!(b, b' ' | b'-')).collect();
    let expected = expected.as_bytes();
    if typed.len() != expected.len() {
        return false;
    }
    expected.iter().zip(&typed).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// The config folder (`$RUNDE_CONFIG` or the platform's).
pub fn config_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("RUNDE_CONFIG").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "runde")
        .map(|d| d.config_dir().to_path_buf())
        .ok_or_else(|| Error::Invalid("cannot find a config directory; set RUNDE_CONFIG".into()))
}

/// Loads the host key from `dir/ssh_host_ed25519_key`, creating it (0600) on first use.
pub fn host_key(dir: &Path) -> Result<PrivateKey> {
    let path = dir.join("ssh_host_ed25519_key");
    if path.exists() {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        return PrivateKey::from_openssh(text.as_bytes())
            .map_err(|e| Error::Invalid(format!("{}: not an OpenSSH private key: {e}", path.display())));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| Error::Invalid(format!("no randomness for the host key: {e}")))?;
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| Error::Invalid(format!("cannot encode the host key: {e}")))?;
    write_private(&path, text.as_bytes())?;
    Ok(key)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.sync_all().map_err(|e| Error::io(path, e))
}

/// The key's SHA-256 fingerprint as OpenSSH prints it.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// Reads an `authorized_keys`-style file (comments and options-free lines).
pub fn read_allowed_keys(path: &Path) -> Result<Vec<PublicKey>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| {
            PublicKey::from_openssh(l.trim())
                .map_err(|e| Error::parse(path.display().to_string(), i + 1, e.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_compare_exactly_but_ignore_separators() {
        assert!(code_matches("123456", "123456"));
        assert!(code_matches("123456", "123 456"));
        assert!(!code_matches("123456", "123457"));
        assert!(!code_matches("123456", "12345"));
    }

    #[test]
    fn generated_codes_are_six_digits() {
        let code = generate_code().unwrap();
        assert_eq!(code.len(), 6);
        assert!(code.chars().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn host_key_is_created_once_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = host_key(dir.path()).unwrap();
        let again = host_key(dir.path()).unwrap();
        assert_eq!(fingerprint(&first), fingerprint(&again));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("ssh_host_ed25519_key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
