//! Replacing a whole file durably and without surprises for the others who
//! share the folder: a temp file next to it (created new, never through a
//! link), written and fsynced, renamed over the old name, then the folder
//! fsynced. The replaced file keeps its mode and group; a new file gets
//! `0664` (less where the umask says so).
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::log::sync_dir;

/// Mode asked for when a file is created (the umask may take bits away).
pub const FILE_MODE: u32 = 0o664;
/// Mode asked for when a folder is created (the umask may take bits away;
/// a setgid bit on the parent is inherited by the system).
pub const DIR_MODE: u32 = 0o775;

/// Refuses `path` if it is a symbolic link (a missing path is fine).
pub fn refuse_symlink(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(Error::Invalid(format!(
            "{}: is a symbolic link; runde does not follow links in a session folder",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// Replaces (or creates) `path` with `content`, durably. Never follows a
/// symbolic link at `path` or at the temp name.
pub fn replace_file(path: &Path, content: &[u8]) -> Result<()> {
    replace_file_if(path, content, || Ok(true)).map(|_| ())
}

/// [`replace_file`], but only if `still_ok` — asked after the new content
/// is on disk under its temp name, right before the rename — says so;
/// returns whether it replaced the file. The temp file is removed otherwise.
pub fn replace_file_if(path: &Path, content: &[u8], still_ok: impl FnOnce() -> Result<bool>) -> Result<bool> {
    refuse_symlink(path)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let old = std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file);
    let (tmp_path, mut file) = create_temp(&dir, path)?;
    let written = write_synced(&mut file, &tmp_path, content, old.as_ref()).and_then(|()| still_ok());
    match written {
        Ok(true) => {}
        Ok(false) => {
            let _ = std::fs::remove_file(&tmp_path);
            return Ok(false);
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp_path);
            return Err(e);
        }
    }
    if let Err(e) = std::fs::rename(&tmp_path, path) {
        let _ = std::fs::remove_file(&tmp_path);
        return Err(Error::io(path, e));
    }
    sync_dir(&dir)?;
    Ok(true)
}

/// Creates a fresh temp file next to `target` (`create_new`: an existing
/// name or a planted link is never opened).
fn create_temp(dir: &Path, target: &Path) -> Result<(PathBuf, File)> {
    let stem = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut last_err = None;
    for _ in 0..8 {
        let name = format!(".{stem}.{}.tmp", ulid::Ulid::new().to_string().to_lowercase());
        let tmp = dir.join(name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
        match options.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last_err = Some(Error::io(&tmp, e)),
            Err(e) => return Err(Error::io(&tmp, e)),
        }
    }
    Err(last_err.unwrap_or_else(|| Error::Invalid(format!("{}: no temp name free", dir.display()))))
}

/// Writes and fsyncs `content`, giving the file the mode and group of the
/// file it replaces.
fn write_synced(file: &mut File, tmp: &Path, content: &[u8], old: Option<&std::fs::Metadata>) -> Result<()> {
    #[cfg(unix)]
    if let Some(old) = old {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // Keeping the group may be refused (not a member): the mode still holds.
        let _ = std::os::unix::fs::fchown(&*file, None, Some(old.gid()));
        file.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o7777))
            .map_err(|e| Error::io(tmp, e))?;
    }
    #[cfg(not(unix))]
    let _ = old;
    file.write_all(content).map_err(|e| Error::io(tmp, e))?;
    file.sync_all().map_err(|e| Error::io(tmp, e))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn a_replaced_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        replace_file(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(mode(&path), 0o664);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temp file left");
    }

    #[test]
    fn a_new_file_is_never_more_open_than_0664() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.md");
        replace_file(&path, b"x").unwrap();
        assert_eq!(mode(&path) & !0o664, 0);
        assert_ne!(mode(&path) & 0o600, 0);
    }

    #[test]
    fn a_link_at_the_target_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(outside.path(), "precious").unwrap();
        let link = dir.path().join("session.json.rejected");
        std::os::unix::fs::symlink(outside.path(), &link).unwrap();
        assert!(replace_file(&link, b"evil").is_err());
        assert_eq!(std::fs::read_to_string(outside.path()).unwrap(), "precious");
    }
}
