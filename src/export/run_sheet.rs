//! The facilitator's printable run sheet (`runde plan PATH --format md|txt`):
//! the agenda with clock times, the groups of each phase with their
//! questions and sections, and a line for who facilitates each group.
use unicode_width::UnicodeWidthStr;

use crate::i18n::{prepare_strings, sheet_words, strings};
use crate::model::Plan;
use crate::model::plan_edit::{agenda_total, meeting_length, over_planned, phase_starts};

/// Markdown or plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetFormat {
    /// CommonMark.
    Md,
    /// Plain text.
    Txt,
}

/// The run sheet of a plan, in the plan's language.
pub fn render(plan: &Plan, format: SheetFormat) -> String {
    let s = prepare_strings(plan.lang);
    let md = format == SheetFormat::Md;
    let mut out = String::new();
    let heading = |out: &mut String, level: usize, text: &str| {
        if md {
            out.push_str(&format!("{} {text}\n\n", "#".repeat(level)));
        } else if level < 3 {
            let rule = if level == 1 { '=' } else { '-' };
            out.push_str(&format!("{text}\n{}\n\n", rule.to_string().repeat(text.width())));
        } else {
            out.push_str(&format!("{text}\n"));
        }
    };
    heading(&mut out, 1, &format!("{}: {}", s.run_sheet, plan.title));
    for (label, value) in meeting_items(plan) {
        item(&mut out, md, label, &value);
    }
    out.push('\n');
    heading(&mut out, 2, s.agenda);
    let starts = phase_starts(plan);
    for (phase, start) in plan.agenda.iter().zip(&starts) {
        let at = start.map_or("--:--".to_string(), |t| t.to_string());
        let minutes = phase.minutes.map_or("–".to_string(), |m| m.to_string());
        let groups: Vec<&str> = phase
            .boards
            .iter()
            .filter_map(|b| plan.board(b).map(|b| b.title.as_str()))
            .collect();
        let groups = if groups.is_empty() {
            String::new()
        } else {
            format!(" ({}: {})", s.groups, groups.len())
        };
        let bullet = if md { "- " } else { "  " };
        out.push_str(&format!(
            "{bullet}{at}  {minutes:>3} {}  {}{groups}\n",
            s.minutes_short, phase.title
        ));
    }
    out.push_str(&format!("\nΣ {} {} {}", s.total, agenda_total(plan), s.minutes_short));
    if let Some(len) = meeting_length(plan) {
        out.push_str(&format!(" {} {len}", s.of));
        match over_planned(plan) {
            Some(over @ 1..) => out.push_str(&format!("  {} {over} {}", s.over, s.minutes_short)),
            _ => out.push_str(&format!("  {}", s.fits)),
        }
    }
    out.push_str("\n\n");
    for (phase, start) in plan.agenda.iter().zip(&starts) {
        let boards: Vec<_> = phase.boards.iter().filter_map(|b| plan.board(b)).collect();
        if boards.is_empty() {
            continue;
        }
        let at = start.map(|t| format!("{t} ")).unwrap_or_default();
        heading(&mut out, 2, &format!("{at}{}", phase.title));
        for (i, b) in boards.iter().enumerate() {
            heading(&mut out, 3, &format!("{}. {} [{}]", i + 1, b.title, s.kind(b.kind)));
            if let Some(q) = &b.question {
                item(&mut out, md, s.question, q);
            }
            if let Some(sp) = &b.speaker {
                let who = [Some(sp.as_str()), b.role.as_deref(), b.organization.as_deref()];
                item(
                    &mut out,
                    md,
                    s.board_fields[6],
                    &who.iter().flatten().copied().collect::<Vec<_>>().join(", "),
                );
            }
            if let Some(n) = b.participants {
                item(&mut out, md, s.participants, &n.to_string());
            }
            let minutes = plan.board_minutes(&b.id).map(|m| m.to_string()).unwrap_or_default();
            if !minutes.is_empty() {
                item(&mut out, md, s.board_fields[5], &minutes);
            }
            let sections: Vec<&str> = b.sections.iter().map(|x| x.title.as_str()).collect();
            item(&mut out, md, s.sections, &sections.join(" · "));
            item(&mut out, md, s.facilitates, "______________________");
            out.push('\n');
        }
    }
    out
}

/// One labelled line of a list ("- Leitfrage: …" / "  Leitfrage: …").
fn item(out: &mut String, md: bool, label: &str, value: &str) {
    let bullet = if md { "- " } else { "  " };
    out.push_str(&format!("{bullet}{label}: {value}\n"));
}

/// The meeting in labelled lines: event, network, series, the meeting's
/// number and its date as the minutes write it, with the planned times.
fn meeting_items(plan: &Plan) -> Vec<(&'static str, String)> {
    let w = sheet_words(plan.lang);
    let time = match (plan.start, plan.end) {
        (Some(a), Some(b)) => format!(", {a}–{b}"),
        (Some(a), None) => format!(", {a}"),
        _ => String::new(),
    };
    let date = strings(plan.lang).long_date(plan.date, plan.lang);
    [
        (w.event, plan.event.clone()),
        (w.network, plan.network.clone()),
        (w.series, plan.series.clone()),
        (w.meeting_number, plan.meeting_number.map(|n| n.to_string())),
        (w.date, Some(format!("{date}{time}"))),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| (label, v)))
    .collect()
}
