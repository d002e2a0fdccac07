//! Semantic checks of a plan beyond its JSON shape (ids unique, references
//! resolve, times fit), each located at a line of the plan's text.
use super::{HashSet, Plan, Problem, is_valid_id, line_of};

impl Plan {
    /// Semantic checks beyond the JSON shape.
    pub fn validate(&self, text: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut report = |needle: &str, message: String| {
            problems.push(Problem {
                line: line_of(text, needle),
                message,
            })
        };
        if self.boards.is_empty() {
            report("\"boards\"", "a plan needs at least one board".into());
        }
        let mut board_ids = HashSet::new();
        for board in &self.boards {
            let at = format!("\"{}\"", board.id);
            if !is_valid_id(&board.id) {
                report(
                    &at,
                    format!("board id {:?} may only contain letters, digits, '-' and '_'", board.id),
                );
            }
            if !board_ids.insert(board.id.as_str()) {
                report(&at, format!("duplicate board id {:?}", board.id));
            }
            if board.sections.is_empty() {
                report(&at, format!("board {:?} needs at least one section", board.id));
            }
            let mut section_ids = HashSet::new();
            for section in &board.sections {
                if !is_valid_id(&section.id) {
                    report(
                        &format!("\"{}\"", section.id),
                        format!(
                            "section id {:?} may only contain letters, digits, '-' and '_'",
                            section.id
                        ),
                    );
                }
                if !section_ids.insert(section.id.as_str()) {
                    report(
                        &format!("\"{}\"", section.id),
                        format!("duplicate section id {:?} in board {:?}", section.id, board.id),
                    );
                }
            }
            if let Some(table) = &board.table {
                if table.columns.len() != 2 {
                    report(
                        "\"columns\"",
                        format!("the table of board {:?} needs exactly two columns", board.id),
                    );
                }
                for col in &table.columns {
                    if !section_ids.contains(col.as_str()) {
                        report(
                            &format!("\"{col}\""),
                            format!("table column {col:?} is not a section of board {:?}", board.id),
                        );
                    }
                }
            }
        }
        if let Some(zone) = &self.timezone {
            if zone.parse::<chrono_tz::Tz>().is_err() {
                report(
                    "\"timezone\"",
                    format!("unknown time zone {zone:?} (use an IANA name such as \"Europe/Berlin\")"),
                );
            }
        }
        let mut phase_ids = HashSet::new();
        for phase in &self.agenda {
            let at = format!("\"{}\"", phase.id);
            if !phase_ids.insert(phase.id.as_str()) {
                report(&at, format!("duplicate agenda id {:?}", phase.id));
            }
            for b in &phase.boards {
                if !board_ids.contains(b.as_str()) {
                    report(
                        &format!("\"{b}\""),
                        format!("agenda phase {:?} names unknown board {b:?}", phase.id),
                    );
                }
            }
        }
        problems
    }
}
