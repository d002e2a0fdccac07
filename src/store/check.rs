//! `runde check`: verifies a session folder without changing a byte of it
//! and lists every problem as data: a file, a line and a [`FindingKind`]
//! (worded by `i18n::check` in the session's language).
use std::path::{Path, PathBuf};

use super::listing::{SkipReason, Skipped};
use super::log::{list_logs, scan_file};
use super::{LOG_DIR, PLAN_FILE, Session};
use crate::error::Error;
use crate::model::Plan;
pub use crate::model::check::FindingKind;
use crate::model::problem::StoreProblem;
use crate::store::plan_file::read_session_text;

/// One finding of a check: where, and what as data
/// (`i18n::check::describe` words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file it is about (empty when it is about no file).
    pub path: PathBuf,
    pub line: Option<usize>,
    pub kind: FindingKind,
    /// A torn tail that was skipped: reported, but healthy.
    pub recovered: bool,
}

impl Finding {
    /// A problem with `path` (at `line`, if known).
    fn at(path: impl Into<PathBuf>, line: Option<usize>, kind: FindingKind) -> Finding {
        Finding {
            path: path.into(),
            line,
            kind,
            recovered: false,
        }
    }

    /// The same finding, reported but healthy.
    fn healthy(self) -> Finding {
        Finding {
            recovered: true,
            ..self
        }
    }
}

impl From<Error> for Finding {
    fn from(e: Error) -> Self {
        match e {
            Error::Parse { path, line, problem } => Finding::at(path, Some(line), FindingKind::Malformed(problem)),
            Error::Io { path, source } => Finding::at(
                path,
                None,
                FindingKind::Unreadable {
                    detail: source.to_string(),
                },
            ),
            Error::Store(problem) => {
                let path = match &problem {
                    StoreProblem::IsLink { path }
                    | StoreProblem::NotAFile { path }
                    | StoreProblem::TooLarge { path, .. }
                    | StoreProblem::LogShrunk { path } => path.clone(),
                    _ => PathBuf::new(),
                };
                Finding::at(path, None, FindingKind::Refused(problem))
            }
            other => Finding::at(
                PathBuf::new(),
                None,
                FindingKind::Failed {
                    detail: other.to_string(),
                },
            ),
        }
    }
}

/// Checks plan and logs of the session in `dir`.
pub fn check(dir: &Path) -> Vec<Finding> {
    check_with_clock(dir, std::sync::Arc::new(crate::clock::SystemClock))
}

/// [`check`] with the time read from `clock` (a clock ahead is judged
/// against it).
pub fn check_with_clock(dir: &Path, clock: std::sync::Arc<dyn crate::clock::Clock>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let plan_path = dir.join(PLAN_FILE);
    let plan_ok = match read_session_text(&plan_path) {
        Ok(text) => {
            let (plan, problems) = Plan::parse_all(&text);
            findings.extend(
                problems
                    .into_iter()
                    .map(|p| Finding::at(&plan_path, Some(p.line), FindingKind::Malformed(p.kind))),
            );
            if let Some(plan) = &plan {
                findings.extend(placeholders(plan, &plan_path));
            }
            plan.is_some() && findings.iter().all(|f| f.recovered)
        }
        Err(e) => {
            findings.push(e.into());
            false
        }
    };
    findings.extend(links_in(dir));
    let log_dir = dir.join(LOG_DIR);
    let mut logs_ok = true;
    match list_logs(&log_dir) {
        Ok(listing) => {
            findings.extend(listing.skipped.into_iter().map(skipped));
            for name in listing.names {
                let path = log_dir.join(name);
                match scan_file(&path) {
                    Ok(scan) => {
                        findings.extend(scan.unreadable.map(|why| {
                            skipped(Skipped {
                                path: path.clone(),
                                why,
                            })
                        }));
                        findings.extend(scan.at_ceiling.map(|line| at_ceiling(&path, line)));
                        findings.extend(
                            scan.rejected
                                .into_iter()
                                .map(|r| Finding::at(r.path, Some(r.line), FindingKind::Rejected(r.why))),
                        );
                        findings.extend(scan.torn.map(|torn| {
                            Finding::at(torn.path, Some(torn.line), FindingKind::TornTail { bytes: torn.bytes })
                                .healthy()
                        }));
                    }
                    Err(e) => {
                        logs_ok = false;
                        findings.push(e.into());
                    }
                }
            }
        }
        Err(e) => {
            logs_ok = false;
            findings.push(e.into());
        }
    }
    findings.extend(sync_conflicts(dir, &log_dir));
    if plan_ok && logs_ok {
        match Session::open_with_clock(dir, clock) {
            Ok(session) => {
                findings.extend(session.clocks_off().into_iter().map(clock_off));
                findings.extend(orphans(&session, &plan_path));
                findings.extend(gone_sources(&session, &plan_path));
            }
            Err(e) => findings.push(e.into()),
        }
    }
    findings
}

/// A record whose Lamport clock is at the ceiling: saves still work (the
/// clock stays there), but only a planted record gets a session there.
fn at_ceiling(path: &Path, line: usize) -> Finding {
    let ceiling = crate::model::event::limits::MAX_COUNTER;
    Finding::at(path, Some(line), FindingKind::AtCeiling { ceiling })
}

/// A writer whose clock disagrees with the log: its timer facts are
/// placed by the log's order; someone should set that computer's clock.
fn clock_off(c: super::ClockOff) -> Finding {
    let kind = FindingKind::ClockOff {
        writer: c.who(),
        offset: c.offset_text(),
        behind: c.behind_ms > 0,
    };
    Finding::at(c.log, None, kind)
}

/// A file runde does not read, named so someone removes it.
fn skipped(s: Skipped) -> Finding {
    Finding::at(s.path, None, FindingKind::Skipped(s.why))
}

/// Symbolic links in the session folder, its `drafts/` and `clock/`
/// folders: runde never follows them, and someone planted them. (Those in
/// `log/` are named with the logs.)
fn links_in(dir: &Path) -> Vec<Finding> {
    let mut out = Vec::new();
    for folder in [dir.to_path_buf(), dir.join("drafts"), dir.join(super::probe::CLOCK_DIR)] {
        let Ok(listing) = super::listing::list_files(&folder, |_| true) else {
            continue;
        };
        out.extend(
            listing
                .skipped
                .into_iter()
                .filter(|s| s.why == SkipReason::Link && s.path != dir.join(LOG_DIR))
                .map(skipped),
        );
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Conflict copies a sync engine left: of the plan (two laptops edited it
/// at once) and of logs (never read; they should not exist, as every log
/// has one writer). Each is a problem until resolved.
fn sync_conflicts(dir: &Path, log_dir: &Path) -> Vec<Finding> {
    let session = dir.display().to_string();
    let plan = super::sync::plan_conflicts(dir).into_iter().map(|path| {
        let kind = FindingKind::PlanConflict {
            session: session.clone(),
        };
        Finding::at(path, None, kind)
    });
    let logs = super::sync::log_conflicts(log_dir).into_iter().map(|path| {
        let original = super::sync::original_of(&path)
            .and_then(|o| o.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let differs = super::sync::judge_log_copy(&path) == super::sync::CopyVerdict::Differs;
        Finding::at(path, None, FindingKind::LogConflict { original, differs })
    });
    plan.chain(logs).collect()
}

/// Titles still holding a template's placeholder ("Treffen 6",
/// "Impulsvortrag"): warnings, the session stays healthy.
fn placeholders(plan: &Plan, plan_path: &Path) -> Vec<Finding> {
    let warn = |kind: FindingKind| Finding::at(plan_path, None, kind).healthy();
    let mut out = Vec::new();
    if crate::model::plan::is_placeholder_title(&plan.title) {
        out.push(warn(FindingKind::PlaceholderTitle {
            title: plan.title.clone(),
        }));
    }
    for board in &plan.boards {
        if board.kind == crate::model::BoardKind::Keynote && crate::model::plan::is_placeholder_title(&board.title) {
            out.push(warn(FindingKind::PlaceholderBoard {
                board: board.id.clone(),
                title: board.title.clone(),
            }));
        }
    }
    out
}

/// Notes whose board or section the plan no longer has, by note id.
fn orphans(session: &Session, plan_path: &Path) -> Vec<Finding> {
    let orphaned: std::collections::HashSet<&(String, String)> = session.orphans().iter().collect();
    let mut notes: Vec<_> = session
        .state()
        .live_notes()
        .filter(|n| orphaned.contains(&(n.board.clone(), n.section.clone())))
        .collect();
    notes.sort_by(|a, b| a.id.cmp(&b.id));
    notes
        .into_iter()
        .map(|n| {
            let kind = FindingKind::Orphan {
                note: n.id.clone(),
                board: n.board.clone(),
                section: n.section.clone(),
            };
            Finding::at(plan_path, None, kind)
        })
        .collect()
}

/// Findings whose source notes were deleted (or never arrived): reported,
/// but healthy — the finding stands on its own. By finding id.
fn gone_sources(session: &Session, plan_path: &Path) -> Vec<Finding> {
    let state = session.state();
    let mut notes: Vec<_> = state.live_notes().collect();
    notes.sort_by(|a, b| a.id.cmp(&b.id));
    notes
        .into_iter()
        .filter_map(|n| {
            let p = crate::model::finding::provenance(session.plan(), state, n)?;
            let kind = FindingKind::GoneSources {
                finding: n.id.clone(),
                board: n.board.clone(),
                gone: p.gone,
                of: n.sources.len(),
            };
            (p.gone > 0).then(|| Finding::at(plan_path, None, kind).healthy())
        })
        .collect()
}
