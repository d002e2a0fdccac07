//! Listing a folder of the session without trusting a name or a file in
//! it: everyone who shares the folder may have planted something there. A
//! name that is not UTF-8, a symbolic link, a folder, a FIFO or a device
//! where a file is expected is *skipped* — left out of what runde reads and
//! named by `runde check` — and never an error for anyone else. Files are
//! opened without following links and without blocking (a FIFO would wait
//! for a writer forever), and only regular files are read.
use std::fs::File;
use std::path::{Path, PathBuf};

/// An entry of a folder that runde leaves alone, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The entry (its name as the folder holds it).
    pub path: PathBuf,
    /// Why it is not read.
    pub why: SkipReason,
}

pub use crate::model::check::SkipReason;

/// What listing a folder found: the names of the regular files that passed
/// the name filter (sorted), and the entries that looked wanted but are
/// skipped.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Listing {
    /// Regular files whose names passed the filter, sorted.
    pub names: Vec<String>,
    /// Entries skipped (a link, not a file, a name that is not UTF-8).
    pub skipped: Vec<Skipped>,
}

/// Lists the regular files of `dir` whose names pass `wanted`. A missing
/// folder lists as empty; a folder that cannot be read is an error. An
/// entry whose name is not UTF-8 is skipped when its lossy form would pass.
pub fn list_files(dir: &Path, wanted: impl Fn(&str) -> bool) -> std::io::Result<Listing> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Listing::default()),
        Err(e) => return Err(e),
    };
    let mut listing = Listing::default();
    for entry in entries {
        // An entry that vanished while listing is simply not there.
        let Ok(entry) = entry else { continue };
        let raw = entry.file_name();
        let name = match raw.to_str() {
            Some(n) => n.to_string(),
            None => {
                if wanted(&raw.to_string_lossy()) {
                    listing.skipped.push(Skipped {
                        path: entry.path(),
                        why: SkipReason::NotUtf8,
                    });
                }
                continue;
            }
        };
        if !wanted(&name) {
            continue;
        }
        // The entry's own type: a link is reported as a link, never followed.
        let why = match entry.file_type() {
            Ok(t) if t.is_symlink() => Some(SkipReason::Link),
            Ok(t) if !t.is_file() => Some(SkipReason::NotAFile),
            Ok(_) => None,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => Some(SkipReason::Unreadable(e.to_string())),
        };
        match why {
            Some(why) => listing.skipped.push(Skipped {
                path: entry.path(),
                why,
            }),
            None => listing.names.push(name),
        }
    }
    listing.names.sort();
    listing.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(listing)
}

/// Opens `path` for reading if it is a regular file: never through a
/// symbolic link and never waiting on a FIFO. The check is made on the
/// opened file, so a name swapped for a link after listing is refused too.
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.custom_flags(flags.bits() as i32);
    }
    let file = options.open(path).map_err(|e| {
        // O_NOFOLLOW on a link fails with ELOOP: say what it is.
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            not_regular(SkipReason::Link)
        } else {
            e
        }
    })?;
    if !file.metadata()?.is_file() {
        return Err(not_regular(SkipReason::NotAFile));
    }
    Ok(file)
}

/// Reads a whole regular file of at most `limit` bytes (see [`open_regular`]).
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Err(too_large(limit));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// A file over the limit of [`read_regular`] (its payload: the limit in MiB).
#[derive(Debug)]
struct TooLarge(u64);

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "> {} MiB", self.0)
    }
}

impl std::error::Error for TooLarge {}

fn too_large(limit: u64) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, TooLarge(limit >> 20))
}

/// An error of [`read_regular`] as the store reports it: a link, not a
/// file, too large (as data), else the system's error with the path.
pub fn read_error(path: &Path, e: std::io::Error) -> crate::error::Error {
    use crate::error::Error;
    use crate::model::problem::StoreProblem;
    let path_buf = path.to_path_buf();
    if is_not_regular(&e) {
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        return Error::Store(match link {
            true => StoreProblem::IsLink { path: path_buf },
            false => StoreProblem::NotAFile { path: path_buf },
        });
    }
    match e.get_ref().and_then(|inner| inner.downcast_ref::<TooLarge>()) {
        Some(TooLarge(mib)) => Error::Store(StoreProblem::TooLarge {
            path: path_buf,
            mib: *mib,
        }),
        None => Error::io(path, e),
    }
}

fn not_regular(why: SkipReason) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{why:?}"))
}

/// True when an error from [`open_regular`] means the entry is not a
/// regular file (a link, a folder, a FIFO): it is skipped, not retried.
pub fn is_not_regular(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::InvalidInput
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_folders_fifos_and_odd_names_are_skipped_not_errors() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("good.jsonl"), "x").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", d.join("link.jsonl")).unwrap();
        std::fs::create_dir(d.join("folder.jsonl")).unwrap();
        rustix::fs::mkfifoat(rustix::fs::CWD, d.join("fifo.jsonl"), rustix::fs::Mode::RUSR).unwrap();
        let odd = std::ffi::OsStr::from_bytes(b"\xff\xfe.jsonl");
        std::fs::write(d.join(odd), "x").unwrap();
        std::fs::write(d.join("other.txt"), "x").unwrap();
        let l = list_files(d, |n| n.ends_with(".jsonl")).unwrap();
        assert_eq!(l.names, ["good.jsonl"]);
        let why: Vec<_> = l.skipped.iter().map(|s| s.why.clone()).collect();
        assert_eq!(l.skipped.len(), 4, "{why:?}");
        assert!(why.contains(&SkipReason::Link));
        assert!(why.contains(&SkipReason::NotUtf8));
        assert_eq!(why.iter().filter(|w| **w == SkipReason::NotAFile).count(), 2);
        for name in ["link.jsonl", "folder.jsonl", "fifo.jsonl"] {
            let e = open_regular(&d.join(name)).unwrap_err();
            assert!(is_not_regular(&e), "{name}: {e}");
        }
        assert_eq!(read_regular(&d.join("good.jsonl"), 10).unwrap(), b"x");
        assert!(read_regular(&d.join("good.jsonl"), 0).is_err());
    }
}
