//! The history of a series as text: meetings, workshops, carried and
//! resolved topics. The meetings are read by the store.
use std::collections::BTreeMap;

use crate::i18n::strings;
use crate::model::series::series_key;
use crate::model::{BoardKind, Plan, SessionState};

/// The history of a series as text: meetings, workshops, carried and resolved topics.
/// `members` are the meetings of one series, oldest first.
pub fn render(members: &[(&Plan, &SessionState)]) -> String {
    let Some((first, _)) = members.first() else {
        return String::new();
    };
    let lang = first.lang;
    let s = strings(lang);
    let (series, network) = series_key(first);
    let mut out = format!("{series} · {network} — {} {}\n\n", members.len(), s.meetings_word);
    // topic root id → (text, first meeting label, carried into, resolved in)
    let mut topics: BTreeMap<String, (String, String, Vec<String>, Option<String>)> = BTreeMap::new();
    for (plan, state) in members {
        let label = match plan.meeting_number {
            Some(n) => format!("#{n} {}", plan.date),
            None => plan.date.to_string(),
        };
        let notes = crate::i18n::cli_strings(lang).notes(state.live_notes().count());
        out.push_str(&format!("{label}  {}  ({notes})\n", plan.title));
        let workshops: Vec<&str> = plan
            .boards_of_kind(BoardKind::Workshop)
            .map(|b| b.title.as_str())
            .collect();
        if !workshops.is_empty() {
            out.push_str(&format!("    {}: {}\n", s.workshops_word, workshops.join(", ")));
        }
        for board in plan.boards_of_kind(BoardKind::Topics) {
            for section in &board.sections {
                for n in state.notes_in(&board.id, &section.id) {
                    let Some(origin) = &n.origin else { continue };
                    let from = match origin.meeting {
                        Some(k) => format!("#{k} {}", origin.date),
                        None => origin.date.clone(),
                    };
                    let entry = topics
                        .entry(origin.note.clone())
                        .or_insert_with(|| (n.text.clone(), from, Vec::new(), None));
                    entry.2.push(label.clone());
                    if n.done && entry.3.is_none() {
                        entry.3 = Some(label.clone());
                    }
                }
            }
        }
    }
    if !topics.is_empty() {
        out.push_str(&format!("\n{}:\n", s.open_topics));
        for (text, from, carried, resolved) in topics.values() {
            let status = match resolved {
                Some(r) => format!("✓ {} {r}", s.resolved_in),
                None => format!("… {}", s.still_open),
            };
            out.push_str(&format!(
                "  {status} — „{text}“ ({} {from}; {} {})\n",
                s.from_meeting,
                s.carried_to,
                carried.join(", ")
            ));
        }
    }
    out
}
