//! `runde check`: verifies a session folder without changing a byte of it
//! and lists every problem as `file:line: what`.
use std::fmt;
use std::path::{Path, PathBuf};

use super::listing::{SkipReason, Skipped};
use super::log::{list_logs, scan_file};
use super::{LOG_DIR, PLAN_FILE, Session};
use crate::error::Error;
use crate::model::Plan;
use crate::store::plan_file::read_session_text;

/// One finding of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
    /// A torn tail that was skipped: reported, but healthy.
    pub recovered: bool,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            _ if self.path.as_os_str().is_empty() => write!(f, "{}", self.message),
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl From<Error> for Finding {
    fn from(e: Error) -> Self {
        match e {
            Error::Parse { path, line, message } => Finding {
                path,
                line: Some(line),
                message,
                recovered: false,
            },
            Error::Io { path, source } => Finding {
                path,
                line: None,
                message: source.to_string(),
                recovered: false,
            },
            other => Finding {
                path: PathBuf::new(),
                line: None,
                message: other.to_string(),
                recovered: false,
            },
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
            findings.extend(problems.into_iter().map(|p| Finding {
                path: plan_path.clone(),
                line: Some(p.line),
                message: p.message,
                recovered: false,
            }));
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
                        findings.extend(scan.rejected.into_iter().map(|r| Finding {
                            path: r.path,
                            line: Some(r.line),
                            message: r.why,
                            recovered: false,
                        }));
                        findings.extend(scan.torn.map(|torn| Finding {
                            path: torn.path,
                            line: Some(torn.line),
                            message: format!(
                                "recovered: ignored an unfinished last record ({} bytes) from an interrupted writer",
                                torn.bytes
                            ),
                            recovered: true,
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
    Finding {
        path: path.to_path_buf(),
        line: Some(line),
        message: format!(
            "Lamport clock at runde's ceiling ({}): no session gets there by writing — a record with a huge \
             clock was planted, and every writer since stays at the ceiling, so their events are ordered by \
             writer instead of by what each had seen; the file whose first such line is earliest holds the \
             planted record: move it out of log/",
            crate::model::event::limits::MAX_COUNTER
        ),
        recovered: false,
    }
}

/// A writer whose clock disagrees with the log: its timer facts are
/// placed by the log's order; someone should set that computer's clock.
fn clock_off(c: super::ClockOff) -> Finding {
    let how = if c.behind_ms > 0 {
        "its timer facts were stamped before facts it had already seen, and were placed after them"
    } else {
        "it stamps facts in the future; its timer facts are placed by the log's order"
    };
    Finding {
        message: format!(
            "the clock of writer {} is off by {} or more against the log ({how}); set that computer's clock",
            c.who(),
            c.offset_text()
        ),
        path: c.log,
        line: None,
        recovered: false,
    }
}

/// A file runde does not read, named so someone removes it.
fn skipped(s: Skipped) -> Finding {
    Finding {
        message: format!(
            "{}: skipped — runde reads nothing from it and nobody else is affected; remove it or move it out of the session folder",
            s.why
        ),
        path: s.path,
        line: None,
        recovered: false,
    }
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
    let plan = super::sync::plan_conflicts(dir).into_iter().map(|path| Finding {
        message: format!(
            "conflict copy of the plan: two laptops edited {PLAN_FILE} at once and one edit is only in this file; \
             compare and keep one with `runde plan {} --resolve`",
            dir.display()
        ),
        path,
        line: None,
        recovered: false,
    });
    let logs = super::sync::log_conflicts(log_dir).into_iter().map(|path| {
        let original = super::sync::original_of(&path)
            .and_then(|o| o.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let message = match super::sync::judge_log_copy(&path) {
            super::sync::CopyVerdict::Stale => format!(
                "conflict copy of log {original}, runde does not read it; it holds nothing the original lacks: delete it"
            ),
            super::sync::CopyVerdict::Differs => format!(
                "conflict copy of log {original}, runde does not read it; it differs from the original \
                 (was one session folder copied and written on two laptops?): move it out of the session \
                 folder and keep it until you have compared the exports"
            ),
        };
        Finding {
            path,
            line: None,
            message,
            recovered: false,
        }
    });
    plan.chain(logs).collect()
}

/// Titles still holding a template's placeholder ("Treffen 6",
/// "Impulsvortrag"): warnings, the session stays healthy.
fn placeholders(plan: &Plan, plan_path: &Path) -> Vec<Finding> {
    let warn = |message: String| Finding {
        path: plan_path.to_path_buf(),
        line: None,
        message,
        recovered: true,
    };
    let mut out = Vec::new();
    if crate::model::plan::is_placeholder_title(&plan.title) {
        out.push(warn(format!(
            "warning: the meeting's title {:?} is a placeholder; set the real topic before exporting minutes",
            plan.title
        )));
    }
    for board in &plan.boards {
        if board.kind == crate::model::BoardKind::Keynote && crate::model::plan::is_placeholder_title(&board.title) {
            out.push(warn(format!(
                "warning: board {} has the placeholder title {:?}; set the talk's title",
                board.id, board.title
            )));
        }
    }
    out
}

/// Notes whose board or section the plan no longer has.
fn orphans(session: &Session, plan_path: &Path) -> Vec<Finding> {
    let orphaned: std::collections::HashSet<&(String, String)> = session.orphans().iter().collect();
    let mut out: Vec<Finding> = session
        .state()
        .live_notes()
        .filter(|n| orphaned.contains(&(n.board.clone(), n.section.clone())))
        .map(|n| Finding {
            path: plan_path.to_path_buf(),
            line: None,
            message: format!(
                "note {} is in section {:?} of board {:?}, which the plan does not have",
                n.id, n.section, n.board
            ),
            recovered: false,
        })
        .collect();
    out.sort_by(|a, b| a.message.cmp(&b.message));
    out
}

/// Findings whose source notes were deleted (or never arrived): reported,
/// but healthy — the finding stands on its own.
fn gone_sources(session: &Session, plan_path: &Path) -> Vec<Finding> {
    let state = session.state();
    let mut out: Vec<Finding> = state
        .live_notes()
        .filter_map(|n| {
            let p = crate::model::finding::provenance(session.plan(), state, n)?;
            (p.gone > 0).then(|| Finding {
                path: plan_path.to_path_buf(),
                line: None,
                message: format!(
                    "finding {} on board {:?}: {} of its {} source notes are gone (deleted or missing)",
                    n.id,
                    n.board,
                    p.gone,
                    n.sources.len()
                ),
                recovered: true,
            })
        })
        .collect();
    out.sort_by(|a, b| a.message.cmp(&b.message));
    out
}
