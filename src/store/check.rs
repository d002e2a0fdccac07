//! `runde check`: verifies a session folder without changing a byte of it
//! and lists every problem as `file:line: what`.
use std::fmt;
use std::path::{Path, PathBuf};

use super::log::{list_logs, scan_file};
use super::{LOG_DIR, PLAN_FILE, Session};
use crate::error::Error;
use crate::model::Plan;
use crate::model::plan::read_text;

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
    let mut findings = Vec::new();
    let plan_path = dir.join(PLAN_FILE);
    let plan_ok = match read_text(&plan_path) {
        Ok(text) => {
            let (plan, problems) = Plan::parse_all(&text);
            findings.extend(problems.into_iter().map(|p| Finding {
                path: plan_path.clone(),
                line: Some(p.line),
                message: p.message,
                recovered: false,
            }));
            plan.is_some() && findings.is_empty()
        }
        Err(e) => {
            findings.push(e.into());
            false
        }
    };
    let log_dir = dir.join(LOG_DIR);
    let mut logs_ok = true;
    match list_logs(&log_dir) {
        Ok(names) => {
            for name in names {
                let path = log_dir.join(name);
                match scan_file(&path) {
                    Ok((_, Some(torn))) => findings.push(Finding {
                        path: torn.path,
                        line: Some(torn.line),
                        message: format!(
                            "recovered: ignored an unfinished last record ({} bytes) from an interrupted writer",
                            torn.bytes
                        ),
                        recovered: true,
                    }),
                    Ok((_, None)) => {}
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
    if plan_ok && logs_ok {
        match Session::open(dir) {
            Ok(session) => {
                findings.extend(orphans(&session, &plan_path));
                findings.extend(gone_sources(&session, &plan_path));
            }
            Err(e) => findings.push(e.into()),
        }
    }
    findings
}

/// Notes whose board or section the plan no longer has.
fn orphans(session: &Session, plan_path: &Path) -> Vec<Finding> {
    let plan = session.plan();
    let mut out: Vec<Finding> = session
        .state()
        .live_notes()
        .filter(|n| plan.board(&n.board).and_then(|b| b.section(&n.section)).is_none())
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
