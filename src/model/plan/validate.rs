//! Semantic checks of a plan beyond its JSON shape (ids unique, references
//! resolve, times fit), each located at a line of the plan's text.
use super::{HashSet, Plan, Problem, is_valid_id, line_of};
use crate::model::problem::{IdOf, ParseProblem};

impl Plan {
    /// Semantic checks beyond the JSON shape.
    pub fn validate(&self, text: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut report = |needle: &str, kind: ParseProblem| {
            problems.push(Problem {
                line: line_of(text, needle),
                kind,
            })
        };
        if self.boards.is_empty() {
            report("\"boards\"", ParseProblem::NoBoards);
        }
        let mut board_ids = HashSet::new();
        for board in &self.boards {
            let at = format!("\"{}\"", board.id);
            if !is_valid_id(&board.id) {
                report(
                    &at,
                    ParseProblem::BadId {
                        of: IdOf::Board,
                        id: board.id.clone(),
                    },
                );
            }
            if !board_ids.insert(board.id.as_str()) {
                report(&at, ParseProblem::DuplicateBoard { id: board.id.clone() });
            }
            if board.sections.is_empty() {
                report(
                    &at,
                    ParseProblem::NoSections {
                        board: board.id.clone(),
                    },
                );
            }
            let mut section_ids = HashSet::new();
            for section in &board.sections {
                if !is_valid_id(&section.id) {
                    report(
                        &format!("\"{}\"", section.id),
                        ParseProblem::BadId {
                            of: IdOf::Section,
                            id: section.id.clone(),
                        },
                    );
                }
                if !section_ids.insert(section.id.as_str()) {
                    report(
                        &format!("\"{}\"", section.id),
                        ParseProblem::DuplicateSection {
                            board: board.id.clone(),
                            id: section.id.clone(),
                        },
                    );
                }
            }
            if let Some(table) = &board.table {
                if table.columns.len() != 2 {
                    report(
                        "\"columns\"",
                        ParseProblem::TableColumns {
                            board: board.id.clone(),
                        },
                    );
                }
                for col in &table.columns {
                    if !section_ids.contains(col.as_str()) {
                        report(
                            &format!("\"{col}\""),
                            ParseProblem::UnknownColumn {
                                board: board.id.clone(),
                                column: col.clone(),
                            },
                        );
                    }
                }
            }
        }
        if let Some(zone) = &self.timezone {
            if zone.parse::<chrono_tz::Tz>().is_err() {
                report("\"timezone\"", ParseProblem::UnknownZone { zone: zone.clone() });
            }
        }
        let mut phase_ids = HashSet::new();
        for phase in &self.agenda {
            let at = format!("\"{}\"", phase.id);
            if !phase_ids.insert(phase.id.as_str()) {
                report(&at, ParseProblem::DuplicatePhase { id: phase.id.clone() });
            }
            for b in &phase.boards {
                if !board_ids.contains(b.as_str()) {
                    report(
                        &format!("\"{b}\""),
                        ParseProblem::PhaseUnknownBoard {
                            phase: phase.id.clone(),
                            board: b.clone(),
                        },
                    );
                }
            }
        }
        problems
    }
}
