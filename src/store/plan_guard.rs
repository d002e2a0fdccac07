//! Writing `session.json` only over what the writer saw. Every writer of
//! the plan (`runde prepare`, `plan --edit`, `plan --resolve`) remembers the
//! bytes it started from ([`PlanBase`]) and replaces the file only while
//! it still holds them — compared after the new text is on disk under its
//! temp name, right before the rename. If someone else changed it since,
//! the two edits are merged field by field ([`crate::model::merge`]); when
//! both changed the same field, nothing is written: the person's version is
//! kept beside the plan in the *local* state directory (never in the shared
//! folder), with both sides shown and how to settle it.
//!
//! What remains: writers on this machine take an exclusive lock on the
//! session folder around compare-and-rename, so they never miss each other.
//! A sync engine (or a runde on another laptop of a shared network folder)
//! that renames its copy in during the microseconds between our compare and
//! our rename is not seen by us; the engine then makes a conflict copy (or,
//! over a network folder, the later rename wins) — no lock reaches across
//! Syncthing. `check` and both views report such conflict copies.
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::PLAN_FILE;
use super::files::create_dir_durably;
use super::plan_file::MAX_PLAN_BYTES;
use crate::error::{Error, Result};
use crate::model::Plan;
use crate::model::merge::{self, Clash};
use crate::model::problem::{ParseProblem, StoreProblem, Unmerged};

pub use crate::model::merge::PlanBase;

/// What `session.json` holds now: its bytes (`None`: no file). A link, a
/// folder or an oversized file there is an error (it is never read).
pub fn current(dir: &Path) -> Result<Option<Vec<u8>>> {
    let path = dir.join(PLAN_FILE);
    match super::listing::read_regular(&path, MAX_PLAN_BYTES) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(super::listing::read_error(&path, e)),
    }
}

/// The plan in `dir` (if any) and the base it was read from — one read, so
/// the two always belong together.
pub fn load(dir: &Path) -> Result<(Option<Plan>, PlanBase)> {
    let bytes = current(dir)?;
    let plan = match &bytes {
        Some(b) => {
            let path = dir.join(PLAN_FILE);
            let text = crate::model::plan::decode_text(&path, b.clone())?;
            Some(Plan::parse(&path, &text)?)
        }
        None => None,
    };
    Ok((plan, PlanBase::of(bytes)))
}

/// What a guarded save did.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// The file still held the base: replaced with this writer's text.
    Written,
    /// Someone changed the plan meanwhile, in other fields: both edits are
    /// in the file, which now holds `text`; `theirs` names the fields the
    /// other edit changed.
    Merged { text: String, theirs: Vec<String> },
    /// Both changed the same fields (or the merge is not a valid plan):
    /// nothing was written.
    Refused(Refusal),
}

/// Why a save was refused, and where the person's version is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// Fields both sides changed, each with both values.
    pub clashes: Vec<Clash>,
    /// Why the merge failed when it was not a clash (an invalid result).
    pub invalid: Option<Unmerged>,
    /// The person's edit laid over the other one (theirs where only they
    /// changed something, the person's own value at each clash), kept in
    /// the local state directory; it opens with the next `plan --edit`.
    pub kept: PathBuf,
    /// `kept` as text (a valid plan, unless `invalid` says otherwise).
    pub kept_text: String,
    /// What the plan on disk holds now (the base for settling it).
    pub current: PlanBase,
}

/// Writes `mine` (a plan's JSON text) to `dir/session.json` if the file
/// still holds `base`; otherwise merges or refuses (see [`Saved`]).
/// Refused edits are kept below `root` (the local state directory,
/// [`super::drafts::state_root`]).
pub fn save(root: &Path, dir: &Path, base: &PlanBase, mine: &str) -> Result<Saved> {
    create_dir_durably(dir)?;
    let _lock = lock_folder(dir);
    let path = dir.join(PLAN_FILE);
    let mut base = base.clone();
    let mut mine = mine.to_string();
    let mut theirs_fields: Vec<String> = Vec::new();
    // Each round either writes or merges with a newer plan; a plan that
    // keeps changing under us is refused rather than chased forever.
    for _ in 0..4 {
        let mut seen = None;
        let written = super::files::replace_file_if(&path, mine.as_bytes(), || {
            let now = current(dir)?;
            let same = now.as_deref() == base.bytes();
            seen = Some(now);
            Ok(same)
        })?;
        if written {
            return Ok(if theirs_fields.is_empty() {
                Saved::Written
            } else {
                Saved::Merged {
                    text: mine,
                    theirs: theirs_fields,
                }
            });
        }
        let theirs = seen.flatten();
        match merge_plans(root, dir, &base, &mine, theirs.as_deref())? {
            Merge::Clean { text, changed } => {
                theirs_fields.extend(changed);
                base = PlanBase::of(theirs);
                mine = text;
            }
            Merge::Refused(r) => return Ok(Saved::Refused(r)),
        }
    }
    let now = current(dir)?;
    Ok(Saved::Refused(keep(
        root,
        dir,
        Vec::new(),
        Some(Unmerged::KeptChanging),
        &mine,
        PlanBase::of(now),
    )?))
}

enum Merge {
    Clean { text: String, changed: Vec<String> },
    Refused(Refusal),
}

/// Merges `mine` into `theirs` (what the file holds now) over `base`.
fn merge_plans(root: &Path, dir: &Path, base: &PlanBase, mine: &str, theirs: Option<&[u8]>) -> Result<Merge> {
    let json = |b: &[u8]| serde_json::from_slice::<Value>(b).ok();
    let base_v = base.bytes().and_then(json);
    let mine_v = serde_json::from_str::<Value>(mine)
        .map_err(|e| Error::Store(StoreProblem::EditNotJson { detail: e.to_string() }))?;
    let current = PlanBase::of(theirs.map(<[u8]>::to_vec));
    let Some(theirs_v) = theirs.and_then(json) else {
        // Gone, or not JSON: there is nothing to merge with.
        let why = match theirs {
            None => Unmerged::Removed,
            Some(_) => Unmerged::NotJson,
        };
        return Ok(Merge::Refused(keep(root, dir, Vec::new(), Some(why), mine, current)?));
    };
    let changed = merge::changes(base_v.as_ref(), &theirs_v);
    match merge::merge3(base_v.as_ref(), &mine_v, &theirs_v) {
        Ok(merged) => {
            let text = serde_json::to_string_pretty(&merged).unwrap_or_default();
            match Plan::parse_all(&text) {
                (Some(plan), problems) if problems.is_empty() => Ok(Merge::Clean {
                    text: plan.to_pretty_json()?,
                    changed,
                }),
                (_, problems) => {
                    let why = problems.into_iter().next().map_or(
                        Unmerged::Invalid {
                            line: 1,
                            problem: ParseProblem::NotAPlan,
                        },
                        |p| Unmerged::Invalid {
                            line: p.line,
                            problem: p.kind,
                        },
                    );
                    Ok(Merge::Refused(keep(root, dir, Vec::new(), Some(why), mine, current)?))
                }
            }
        }
        Err(clashes) => {
            let settled = merge::merge3_mine_wins(base_v.as_ref(), &mine_v, &theirs_v);
            let text = serde_json::to_string_pretty(&settled).unwrap_or_default();
            let text = match Plan::parse(&dir.join(PLAN_FILE), &text) {
                Ok(plan) => plan.to_pretty_json()?,
                Err(_) => text,
            };
            Ok(Merge::Refused(keep(root, dir, clashes, None, &text, current)?))
        }
    }
}

/// Keeps a refused edit in the local state directory.
fn keep(
    root: &Path,
    dir: &Path,
    clashes: Vec<Clash>,
    invalid: Option<Unmerged>,
    text: &str,
    current: PlanBase,
) -> Result<Refusal> {
    let kept = keep_rejected(root, dir, text, &current)?;
    Ok(Refusal {
        clashes,
        invalid,
        kept,
        kept_text: text.to_string(),
        current,
    })
}

/// File name of a refused plan edit in the local state directory.
pub const REJECTED_FILE: &str = "session.json.rejected";
/// File name of the plan a refused edit started from (its merge base).
pub const REJECTED_BASE_FILE: &str = "session.json.rejected-base";

/// The private folder of this session's refused plan edits, on this
/// machine only: `STATE/plans/<hash of the session's path>/` (`0700`),
/// where `root` is STATE.
pub fn leftovers_dir(root: &Path, dir: &Path) -> Result<PathBuf> {
    let session = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    let key = super::drafts::fnv1a(&[session.as_os_str().as_encoded_bytes()]);
    let folder = root.join("plans").join(format!("{key:016x}"));
    super::drafts::create_private_dir(&folder)?;
    // Which session it belongs to, for a person looking around.
    let _ = std::fs::write(folder.join("session-path.txt"), session.as_os_str().as_encoded_bytes());
    Ok(folder)
}

/// Keeps `text` as the refused edit of the session in `dir`, with the plan
/// it is based on; returns where. Replaced atomically, never through a link.
pub fn keep_rejected(root: &Path, dir: &Path, text: &str, base: &PlanBase) -> Result<PathBuf> {
    let folder = leftovers_dir(root, dir)?;
    let path = folder.join(REJECTED_FILE);
    super::files::replace_file(&path, text.as_bytes())?;
    let base_path = folder.join(REJECTED_BASE_FILE);
    match base.bytes() {
        Some(b) => super::files::replace_file(&base_path, b)?,
        None => {
            let _ = std::fs::remove_file(&base_path);
        }
    }
    Ok(path)
}

/// The refused edit kept for `dir`, if any: its text and the plan it is
/// based on (`None` when that was not kept: then the current plan is).
pub fn rejected(root: &Path, dir: &Path) -> Result<Option<(PathBuf, String, Option<PlanBase>)>> {
    let folder = leftovers_dir(root, dir)?;
    let path = folder.join(REJECTED_FILE);
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let text = super::plan_file::read_session_text(&path)?;
    let base = super::listing::read_regular(&folder.join(REJECTED_BASE_FILE), MAX_PLAN_BYTES)
        .ok()
        .map(|b| PlanBase::of(Some(b)));
    Ok(Some((path, text, base)))
}

/// Forgets the refused edit of `dir` (it was settled).
pub fn clear_rejected(root: &Path, dir: &Path) -> Result<()> {
    let folder = leftovers_dir(root, dir)?;
    for name in [REJECTED_FILE, REJECTED_BASE_FILE] {
        match std::fs::remove_file(folder.join(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(folder.join(name), e)),
        }
    }
    Ok(())
}

/// An exclusive lock on the session folder for as long as it is held
/// (writers of the plan on this machine take turns). Best effort: where
/// the file system has no locks, the compare before the rename remains.
fn lock_folder(dir: &Path) -> Option<std::fs::File> {
    #[cfg(unix)]
    {
        let folder = std::fs::File::open(dir).ok()?;
        rustix::fs::flock(&folder, rustix::fs::FlockOperation::LockExclusive).ok()?;
        Some(folder)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}
