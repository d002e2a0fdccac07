//! Living in a folder that a file-sync engine (Syncthing, Nextcloud,
//! ownCloud, Dropbox) replicates between laptops: which names are the
//! engine's own temporary, marker or conflict files, and which are runde's.
use std::path::{Path, PathBuf};

use super::PLAN_FILE;
use crate::error::{Error, Result};
use crate::model::problem::StoreProblem;

/// What a name in a session folder is, as far as sync engines go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncName {
    /// An ordinary file or folder (runde's, or the user's).
    Ordinary,
    /// A sync engine's marker, index, lock or half-transferred file.
    EngineFile,
    /// A conflict copy the engine made when two sides changed one file.
    ConflictCopy,
}

/// Classifies one file name (not a path).
pub fn classify(name: &str) -> SyncName {
    if is_conflict_copy(name) {
        SyncName::ConflictCopy
    } else if is_engine_file(name) {
        SyncName::EngineFile
    } else {
        SyncName::Ordinary
    }
}

/// Syncthing, Nextcloud/ownCloud and Dropbox markers, temp and lock files,
/// and the desktop clutter of Windows and macOS.
pub fn is_engine_file(name: &str) -> bool {
    // ASCII case only: the engines' names are ASCII, and an ASCII lower
    // case keeps every byte where it was (see [`original_of`]).
    let lower = name.to_ascii_lowercase();
    const EXACT: [&str; 7] = [
        ".stfolder",
        ".stignore",
        ".stversions",
        ".owncloudsync.log",
        "desktop.ini",
        ".ds_store",
        "thumbs.db",
    ];
    EXACT.contains(&lower.as_str())
        || (lower.starts_with(".syncthing.") && lower.ends_with(".tmp"))
        || (lower.starts_with("~syncthing~") && lower.ends_with(".tmp"))
        || lower.ends_with(".part")
        || lower.starts_with(".~lock")
        || (lower.starts_with(".sync_") && lower.ends_with(".db"))
        || (lower.starts_with("._sync_") && lower.ends_with(".db"))
        || lower.starts_with(".dropbox")
}

/// A conflict copy: Syncthing `x.sync-conflict-DATE-TIME-DEVICE.ext`,
/// Nextcloud/Dropbox `x (conflicted copy …).ext`, ownCloud
/// `x_conflict-DATE-TIME.ext`, German Nextcloud `x (Konflikt …).ext`.
pub fn is_conflict_copy(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains(".sync-conflict-")
        || lower.contains("conflicted copy")
        || lower.contains("_conflict-")
        || lower.contains("(konflikt")
}

/// True when `name` may be a writer's log: `*.jsonl`, not hidden, not an
/// engine file and not a conflict copy.
pub fn is_log_name(name: &str) -> bool {
    name.ends_with(".jsonl") && !name.starts_with('.') && !name.starts_with('~') && classify(name) == SyncName::Ordinary
}

/// True when a folder holds nothing but sync-engine files (an empty folder
/// just shared with Syncthing has `.stfolder`).
pub fn holds_only_engine_files(dir: &Path) -> Result<bool> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        if !is_engine_file(&entry.file_name().to_string_lossy()) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Conflict copies of the plan (`session.sync-conflict-….json`,
/// `session (conflicted copy …).json`, …) in a session folder, sorted.
pub fn plan_conflicts(dir: &Path) -> Vec<PathBuf> {
    let stem = PLAN_FILE.trim_end_matches(".json");
    conflict_copies_in(dir, |n| n.starts_with(stem) && n != PLAN_FILE)
}

/// Conflict copies of logs in a log folder, sorted.
pub fn log_conflicts(log_dir: &Path) -> Vec<PathBuf> {
    conflict_copies_in(log_dir, |_| true)
}

/// The conflict copies in `dir` whose names pass `wanted`, sorted. Names
/// that are not UTF-8 are left out (`runde check` names them elsewhere);
/// a link or folder with such a name is listed (and never read).
fn conflict_copies_in(dir: &Path, wanted: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_conflict_copy(n) && wanted(n))
        .map(|n| dir.join(n))
        .collect();
    found.sort();
    found
}

/// What a conflict copy of a log holds compared with its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyVerdict {
    /// Every byte of it is also at the start of the original: nothing lost.
    Stale,
    /// It holds bytes the original lacks (or no original is there).
    Differs,
}

/// Compares a log's conflict copy with the log it was copied from.
pub fn judge_log_copy(copy: &Path) -> CopyVerdict {
    let Some(original) = original_of(copy) else {
        return CopyVerdict::Differs;
    };
    match is_prefix_of(copy, &original) {
        Ok(true) => CopyVerdict::Stale,
        _ => CopyVerdict::Differs,
    }
}

/// True when every byte of the file `a` is at the start of the file `b`.
/// Both must be regular files (never through a link); they are compared a
/// chunk at a time, so their size costs no memory.
fn is_prefix_of(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let (mut fa, mut fb) = (super::listing::open_regular(a)?, super::listing::open_regular(b)?);
    if fa.metadata()?.len() > fb.metadata()?.len() {
        return Ok(false);
    }
    let (mut ba, mut bb) = (vec![0u8; 64 << 10], vec![0u8; 64 << 10]);
    loop {
        let n = fa.read(&mut ba)?;
        if n == 0 {
            return Ok(true);
        }
        if fb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return Ok(false);
        }
    }
}

/// The file a conflict copy was made of, by the engines' naming rules.
pub fn original_of(copy: &Path) -> Option<PathBuf> {
    let name = copy.file_name()?.to_string_lossy().into_owned();
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !e.contains(' ') && !e.contains(')') => (s.to_string(), format!(".{e}")),
        _ => (name.clone(), String::new()),
    };
    // Positions found in the ASCII lower case are positions in `stem`: it
    // has the same bytes everywhere but A–Z (a full Unicode lower case can
    // change lengths: the Kelvin sign K becomes a one-byte k).
    let lower = stem.to_ascii_lowercase();
    let cut = [".sync-conflict-", " (", "_conflict-"]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()?;
    // Nothing (or only `.`/`..`) before the marker: a copy of no file —
    // such a name would be the folder itself or its parent.
    let before = stem.get(..cut)?;
    let original = format!("{before}{ext}");
    if before.is_empty() || original == "." || original == ".." {
        return None;
    }
    Some(copy.with_file_name(original))
}

/// Keeps one version of the plan and removes all conflict copies: `keep`
/// is `current` (session.json as it is) or a conflict copy's file name,
/// which then replaces session.json once it parses as a plan.
pub fn resolve_plan(dir: &Path, keep: &str) -> Result<Vec<PathBuf>> {
    let copies = plan_conflicts(dir);
    if copies.is_empty() {
        return Err(Error::Store(StoreProblem::NoConflictCopies {
            path: dir.to_path_buf(),
        }));
    }
    let plan_path = dir.join(PLAN_FILE);
    // What the person compared the copies with: replaced only while it holds.
    let started_from = super::plan_guard::current(dir)?;
    if keep != "current" {
        let chosen = copies
            .iter()
            .find(|c| c.file_name().is_some_and(|n| n.to_string_lossy() == keep))
            .ok_or_else(|| {
                Error::Store(StoreProblem::NotAConflictCopy {
                    given: keep.to_string(),
                    copies: copies
                        .iter()
                        .filter_map(|c| c.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .collect(),
                })
            })?;
        let text = crate::store::plan_file::read_session_text(chosen)?;
        crate::model::Plan::parse(chosen, &text)?;
        let replaced = super::files::replace_file_if(&plan_path, text.as_bytes(), || {
            Ok(super::plan_guard::current(dir)? == started_from)
        })?;
        if !replaced {
            return Err(Error::Store(StoreProblem::ChangedWhileResolving {
                plan: plan_path,
                session: dir.to_path_buf(),
            }));
        }
    }
    for copy in &copies {
        std::fs::remove_file(copy).map_err(|e| Error::io(copy, e))?;
    }
    super::files::sync_dir(dir)?;
    Ok(copies)
}

/// File names of paths, comma-separated.
pub fn names(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lines only in `a` (prefixed `-`) and only in `b` (prefixed `+`): enough
/// to see what two versions of a plan disagree about.
pub fn line_difference(a: &str, b: &str) -> String {
    let only = |x: &str, y: &str, sign: char| -> String {
        let others: std::collections::HashSet<&str> = y.lines().map(str::trim).collect();
        x.lines()
            .filter(|l| !others.contains(l.trim()))
            .map(|l| format!("{sign} {}\n", l.trim()))
            .collect()
    };
    format!("{}{}", only(a, b, '-'), only(b, a, '+'))
}

/// A Syncthing ignore file for a sessions folder: nothing machine-local
/// travels (drafts, editor and temp files, exports in progress).
pub const STIGNORE_SAMPLE: &str = "\
// runde: a Syncthing ignore file for a shared sessions folder.
// Logs (log/*.jsonl), plans (session.json) and clock probes (clock/) must sync;
// everything below is local to one laptop.
(?d).DS_Store
(?d)desktop.ini
(?d)Thumbs.db
drafts
.session-edit-*
*.rejected
*.tmp
.~lock*
";

/// File name of the Syncthing ignore file.
pub const STIGNORE_FILE: &str = ".stignore";

/// Where the ignore file belongs: the root of the shared folder (the
/// nearest folder up from `session_dir` with a `.stfolder` marker), else
/// the session folder itself.
pub fn stignore_path(session_dir: &Path) -> PathBuf {
    session_dir
        .ancestors()
        .find(|d| d.join(".stfolder").exists())
        .unwrap_or(session_dir)
        .join(STIGNORE_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_engines_are_told_apart_from_logs() {
        for name in [
            ".stfolder",
            ".stignore",
            ".stversions",
            ".syncthing.01abc.jsonl.tmp",
            "~syncthing~01abc.jsonl.tmp",
            "01abc.jsonl.~3f2a.part",
            ".~lock.session.json#",
            ".sync_12ab.db",
            ".owncloudsync.log",
            ".dropbox.cache",
            "desktop.ini",
            ".DS_Store",
        ] {
            assert_eq!(classify(name), SyncName::EngineFile, "{name}");
            assert!(!is_log_name(name), "{name}");
        }
        for name in [
            "01abc.sync-conflict-20260101-120000-ABCDEFG.jsonl",
            "01abc (conflicted copy 2026-01-01 120000).jsonl",
            "01abc (Anna's conflicted copy 2026-01-01).jsonl",
            "01abc_conflict-20260101-120000.jsonl",
            "01abc (Konflikt 2026-01-01).jsonl",
        ] {
            assert_eq!(classify(name), SyncName::ConflictCopy, "{name}");
            assert!(!is_log_name(name), "{name}");
        }
        assert!(is_log_name("01kbz2m6q0a8n1x3y4z5w6v7t8.jsonl"));
    }

    #[test]
    fn plan_conflicts_are_found_and_logs_are_not_plans() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(PLAN_FILE), "{}").unwrap();
        std::fs::write(dir.path().join("session.sync-conflict-20260101-1-AB.json"), "{}").unwrap();
        std::fs::write(dir.path().join("session (conflicted copy 2026).json"), "{}").unwrap();
        std::fs::write(dir.path().join("notes.sync-conflict-1.md"), "").unwrap();
        let found = plan_conflicts(dir.path());
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn conflict_copies_know_their_original() {
        let d = Path::new("/s/log");
        for copy in [
            "01ab.sync-conflict-20260101-120000-ABCDEFG.jsonl",
            "01ab (conflicted copy 2026-01-01 120000).jsonl",
            "01ab_conflict-20260101-120000.jsonl",
            "01ab (Konflikt 2026-01-01).jsonl",
        ] {
            assert_eq!(original_of(&d.join(copy)), Some(d.join("01ab.jsonl")), "{copy}");
        }
    }

    #[test]
    fn a_copy_of_no_file_has_no_original() {
        let d = Path::new("/s/log");
        for copy in [
            " (conflicted copy 2026).jsonl",
            ". (conflicted copy 2026-01-01)",
            ".. (Konflikt 1)",
            ".sync-conflict-1",
        ] {
            assert_eq!(original_of(&d.join(copy)), None, "{copy:?}");
        }
    }

    #[test]
    fn a_folder_with_only_markers_counts_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(holds_only_engine_files(dir.path()).unwrap());
        std::fs::create_dir(dir.path().join(".stfolder")).unwrap();
        std::fs::write(dir.path().join(".stignore"), "").unwrap();
        assert!(holds_only_engine_files(dir.path()).unwrap());
        std::fs::write(dir.path().join("mine.txt"), "").unwrap();
        assert!(!holds_only_engine_files(dir.path()).unwrap());
    }
}
