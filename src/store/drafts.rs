//! Drafts: the text in a note-taker's editors, written on every change
//! (atomically, by rename) so that a crash or `q` never loses typing.
//!
//! Drafts are one person's unsaved text on one machine, so they live in the
//! platform's local state directory (`$RUNDE_STATE_DIR` overrides it), never
//! in the session folder a sync engine copies between laptops:
//! `STATE/drafts/<session>/<slot>/<editor>.json`. `<session>` is a hash of
//! the canonical session path, title and date; a slot belongs to one writer
//! (the `--by` name, stored verbatim — names are never mangled) and is held
//! by one running view at a time with an OS file lock, so two views never
//! share drafts; after a crash (or kill -9) the lock is gone and the next
//! view of the same writer gets the slot — and its drafts — back.
//!
//! There is one draft per editor: a new note per board section, and one per
//! edited note. A draft records the note text the edit started from, so a
//! later change by someone else is announced when the draft is saved.
use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files::Durability;
use crate::error::{Error, Result};
use crate::model::problem::StoreProblem;

/// Environment variable that overrides the local state directory.
pub const STATE_ENV: &str = "RUNDE_STATE_DIR";

/// Slots per writer and session before giving up (one per running view).
const MAX_SLOTS: usize = 64;

pub use crate::model::draft::Draft;

/// The file a draft of this editor is kept in.
fn file_name(draft: &Draft) -> String {
    let editor = match &draft.editing {
        Some(id) => format!("edit\0{id}"),
        None => format!("new\0{}", draft.section),
    };
    format!("{:016x}.json", fnv1a(&[draft.board.as_bytes(), editor.as_bytes()]))
}

/// Who a slot belongs to, stored in it verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Owner {
    /// The canonical session folder.
    session: PathBuf,
    /// The writer's name (`--by`), if any.
    by: Option<String>,
}

/// One writer's drafts for one session, held by this view.
#[derive(Debug)]
pub struct DraftBox {
    dir: PathBuf,
    /// The held lock; released when the view ends, however it ends.
    _lock: File,
}

/// The local state directory: `$RUNDE_STATE_DIR`, else the platform's
/// (`~/.local/state/runde` on Linux).
pub fn state_root() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(STATE_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "runde")
        .ok_or_else(|| Error::Store(StoreProblem::NoStateDir { env: STATE_ENV.into() }))?;
    Ok(dirs
        .state_dir()
        .map_or_else(|| dirs.data_local_dir().to_path_buf(), Path::to_path_buf))
}

impl DraftBox {
    /// Opens (and locks) a slot of `by`'s drafts for the session in
    /// `session_dir`, below `root`. `identity` tells sessions at the same
    /// path apart (title and date).
    pub fn open(root: &Path, session_dir: &Path, identity: &str, by: Option<&str>) -> Result<DraftBox> {
        let session = session_dir.canonicalize().map_err(|e| Error::io(session_dir, e))?;
        let key = fnv1a(&[session.as_os_str().as_encoded_bytes(), identity.as_bytes()]);
        let folder = root.join("drafts").join(format!("{key:016x}"));
        create_private_dir(&folder)?;
        let owner = Owner {
            session,
            by: by.map(str::to_string),
        };
        for n in 0..MAX_SLOTS {
            let dir = folder.join(format!("w{n}"));
            if let Some(lock) = claim_slot(&dir, &owner)? {
                return Ok(DraftBox { dir, _lock: lock });
            }
        }
        Err(Error::Store(StoreProblem::TooManyViews { path: folder }))
    }

    /// The slot folder (for tests and messages).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes a draft, replacing the earlier one of the same editor.
    pub fn save(&self, draft: &Draft) -> Result<()> {
        let json = serde_json::to_vec_pretty(draft).map_err(|e| {
            Error::Store(StoreProblem::CannotEncode {
                what: crate::model::problem::Encoded::Draft,
                detail: e.to_string(),
            })
        })?;
        super::files::replace(&self.dir.join(file_name(draft)), &json, Durability::Atomic)
    }

    /// The draft of the editor `like` names, if one exists.
    pub fn load(&self, like: &Draft) -> Option<Draft> {
        let bytes = std::fs::read(self.dir.join(file_name(like))).ok()?;
        let draft: Draft = serde_json::from_slice(&bytes).ok()?;
        draft.same_editor(like).then_some(draft)
    }

    /// All drafts of this writer, newest first.
    pub fn list(&self) -> Vec<Draft> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut drafts: Vec<Draft> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".json") && e.file_name() != "owner.json")
            .filter_map(|e| std::fs::read(e.path()).ok())
            .filter_map(|b| serde_json::from_slice::<Draft>(&b).ok())
            .collect();
        drafts.sort_by(|a, b| b.saved_ms.cmp(&a.saved_ms).then_with(|| a.text.cmp(&b.text)));
        drafts
    }

    /// Removes the draft of the editor `like` names (saved or discarded).
    pub fn clear(&self, like: &Draft) {
        if self.load(like).is_some() {
            let _ = std::fs::remove_file(self.dir.join(file_name(like)));
        }
    }
}

/// Takes slot `dir` if it is free and `owner`'s (or new); `None` if it is
/// someone else's or held by a running view.
fn claim_slot(dir: &Path, owner: &Owner) -> Result<Option<File>> {
    let owner_file = dir.join("owner.json");
    if !dir.is_dir() {
        match std::fs::create_dir(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::io(dir, e)),
        }
    }
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("lock"))
        .map_err(|e| Error::io(dir.join("lock"), e))?;
    if !crate::store::presence::try_lock(&lock).map_err(|e| Error::io(dir.join("lock"), e))? {
        return Ok(None);
    }
    match std::fs::read(&owner_file) {
        Ok(bytes) => {
            let theirs: Option<Owner> = serde_json::from_slice(&bytes).ok();
            Ok((theirs.as_ref() == Some(owner)).then_some(lock))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let json = serde_json::to_vec_pretty(owner).unwrap_or_default();
            std::fs::write(&owner_file, json).map_err(|e| Error::io(&owner_file, e))?;
            Ok(Some(lock))
        }
        Err(e) => Err(Error::io(&owner_file, e)),
    }
}

/// Creates a folder (and parents) readable only by its owner: drafts are
/// one person's unsaved text.
pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::io(dir, e))
}

/// FNV-1a (64 bit) over parts separated by 0xff: a stable name for
/// a key whose exact value is stored and compared inside the file.
pub(crate) fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash ^= 0xff; // a separator no byte of UTF-8 text can be
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        for &b in *part {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_per_editor() {
        let d = |section: &str, editing: Option<&str>| Draft {
            board: "b".into(),
            section: section.into(),
            text: String::new(),
            editing: editing.map(str::to_string),
            base: None,
            saved_ms: 0,
        };
        assert_ne!(file_name(&d("s1", None)), file_name(&d("s2", None)));
        assert_ne!(file_name(&d("s1", None)), file_name(&d("s1", Some("n"))));
        assert_eq!(file_name(&d("s1", Some("n"))), file_name(&d("s2", Some("n"))));
    }
}
