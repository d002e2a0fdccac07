//! The store's file-system helpers: creating files and folders durably,
//! replacing a whole file durably and without surprises for the others who
//! share the folder, and fsyncing a folder. A replacement is a temp file
//! next to it (created new, never through a link), written and fsynced,
//! renamed over the old name, then the folder fsynced. The replaced file
//! keeps its mode and group; a new file gets `0664` (less where the umask
//! says so).
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::problem::StoreProblem;

/// Mode asked for when a file is created (the umask may take bits away).
pub const FILE_MODE: u32 = 0o664;
/// Mode asked for when a folder is created (the umask may take bits away;
/// a setgid bit on the parent is inherited by the system).
pub const DIR_MODE: u32 = 0o775;

/// Refuses `path` if it is a symbolic link (a missing path is fine).
pub fn refuse_symlink(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(Error::Store(StoreProblem::IsLink {
            path: path.to_path_buf(),
        })),
        _ => Ok(()),
    }
}

/// Whether a replacement waits until it is on stable storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// The file and the folder's new entry are fsynced (plans, minutes).
    Synced,
    /// Atomic (rename) but not fsynced: a crash keeps the old or the new
    /// text, a power loss may lose the last change (drafts, written per
    /// burst of typing).
    Atomic,
}

/// Replaces (or creates) `path` with `content`, durably. Never follows a
/// symbolic link at `path` or at the temp name.
pub fn replace_file(path: &Path, content: &[u8]) -> Result<()> {
    replace(path, content, Durability::Synced)
}

/// Replaces (or creates) `path` with `content` through a temp file next to
/// it (`tempfile`: created new, never through a link, removed on failure),
/// renamed over the old name. Never follows a symbolic link at `path`.
pub fn replace(path: &Path, content: &[u8], durability: Durability) -> Result<()> {
    replace_if(path, content, durability, || Ok(true)).map(|_| ())
}

/// [`replace_file`], but only if `still_ok` — asked after the new content
/// is on disk under its temp name, right before the rename — says so;
/// returns whether it replaced the file. The temp file is removed otherwise.
pub fn replace_file_if(path: &Path, content: &[u8], still_ok: impl FnOnce() -> Result<bool>) -> Result<bool> {
    replace_if(path, content, Durability::Synced, still_ok)
}

/// [`replace`], asking `still_ok` right before the rename.
fn replace_if(
    path: &Path,
    content: &[u8],
    durability: Durability,
    still_ok: impl FnOnce() -> Result<bool>,
) -> Result<bool> {
    refuse_symlink(path)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let old = std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file);
    let mut tmp = temp_next_to(&dir, path)?;
    write_content(tmp.as_file_mut(), content, old.as_ref(), durability).map_err(|e| Error::io(tmp.path(), e))?;
    if !still_ok()? {
        return Ok(false);
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    if durability == Durability::Synced {
        sync_dir(&dir)?;
    }
    Ok(true)
}

/// A fresh temp file `.<name>.<random>.tmp` next to `target`.
fn temp_next_to(dir: &Path, target: &Path) -> Result<tempfile::NamedTempFile> {
    let stem = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    new_temp(dir, &format!(".{stem}."), ".tmp")
}

/// A fresh file `<prefix><random><suffix>` in `dir` (`O_EXCL`: a planted
/// file or link is never opened), asking for [`FILE_MODE`] (the umask may
/// take bits away); removed when dropped unless persisted.
pub fn new_temp(dir: &Path, prefix: &str, suffix: &str) -> Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(suffix);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(FILE_MODE));
    builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))
}

/// Writes `content` (fsynced when asked), giving the file the mode and
/// group of the file it replaces.
fn write_content(
    file: &mut File,
    content: &[u8],
    old: Option<&std::fs::Metadata>,
    durability: Durability,
) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(old) = old {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // Keeping the group may be refused (not a member): the mode still holds.
        let _ = std::os::unix::fs::fchown(&*file, None, Some(old.gid()));
        file.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o7777))?;
    }
    #[cfg(not(unix))]
    let _ = old;
    file.write_all(content)?;
    match durability {
        Durability::Synced => file.sync_all(),
        Durability::Atomic => Ok(()),
    }
}

/// Creates a directory (and parents) and fsyncs its parent so the new name
/// survives a power loss.
pub fn create_dir_durably(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o775);
    builder.create(dir).map_err(|e| Error::io(dir, e))?;
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_dir(parent)?;
    }
    Ok(())
}

/// Creates a file that must not exist yet, never world-writable.
pub fn create_new_file(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o664);
    options.open(path).map_err(|e| Error::io(path, e))
}

/// Fsyncs a directory so that names created in it are durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
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
