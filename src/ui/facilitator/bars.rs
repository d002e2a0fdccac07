//! The lines above the groups: header, agenda bar, pending signals and
//! the current broadcast.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Facilitator};
use crate::ui::fit::{self, Part};
use crate::ui::widgets::signal_label;
use crate::ui::{text, theme};

pub(super) fn header_line(app: &App, f: &Facilitator, area: Rect, buf: &mut Buffer) {
    let plan = app.plan();
    let now = app.time_of_day(app.now_ms());
    let armed = if f.all_armed {
        format!(" [{}] ", app.s().all_armed)
    } else {
        String::new()
    };
    let skew = app
        .skew_badge()
        .map(|b| vec![format!("{b}  "), "⚠ ".to_string(), String::new()])
        .unwrap_or_default();
    let join = join_line(app)
        .map(|h| vec![format!("{h}  "), String::new()])
        .unwrap_or_default();
    // The date as the view's language writes it ("5. Dezember 2026").
    let date = app.s().long_date(plan.date, app.lang());
    let title = match &plan.series {
        Some(s) => format!("{s}: {} · {date}", plan.title),
        None => format!("{} · {date}", plan.title),
    };
    let right_style = if f.all_armed { theme::selected() } else { theme::dim() };
    // The time of day and the armed mark stay; the skew shrinks to its
    // sign, then the join line goes (the join card `J` and `?` keep it).
    let parts = [
        Part::shrinking(join, right_style),
        Part::shrinking(skew, theme::warning()),
        Part::fixed(format!("{armed}{now}"), right_style),
    ];
    const ORDER: [usize; 3] = [1, 0, 1];
    Paragraph::new(fit::line(&title, theme::title(), &parts, &ORDER, area.width as usize)).render(area, buf);
}

/// How guests join, for the header: the command that works as typed, the
/// code and the key that shows the join card (or the runtime's own line).
fn join_line(app: &App) -> Option<String> {
    let Some(info) = &app.config().join else {
        return app.config().join_hint.clone();
    };
    let w = crate::i18n::join::join_strings(app.lang());
    Some(format!("{} · {}", info.picker_line(w.code), w.card_hint))
}

/// Phases with planned and (once begun) actual minutes; the current one marked.
pub(super) fn agenda_bar(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let state = app.state();
    let spent = state.phase_durations(app.display_ms());
    let current = state.phase();
    let mut labels = Vec::new();
    for p in &app.plan().agenda {
        let planned = p.minutes.map(|m| format!(" {m}′")).unwrap_or_default();
        let actual = spent
            .get(&p.id)
            .map(|ms| format!(" ({}′)", ms / 60_000))
            .unwrap_or_default();
        let is_current = current == Some(p.id.as_str());
        let label = format!(
            "{}{}{planned}{actual}",
            if is_current { "▶ " } else { "" },
            text::inert(&p.title)
        );
        labels.push((label, is_current));
    }
    let at = labels.iter().position(|(_, c)| *c).unwrap_or(0);
    let first = first_shown_phase(&labels, at, area.width as usize);
    let mut spans = Vec::new();
    if first > 0 {
        spans.push(Span::styled("…", theme::dim()));
    }
    for (i, (label, is_current)) in labels.into_iter().enumerate().skip(first) {
        if i > 0 {
            spans.push(Span::styled(" › ", theme::dim()));
        }
        spans.push(Span::styled(
            label,
            if is_current { theme::selected() } else { theme::dim() },
        ));
    }
    if current.is_none() {
        spans.insert(0, Span::styled(format!("■ {} · ", app.s().no_phase), theme::warning()));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// Every pending signal in one line the facilitator cannot miss, in every
/// mode and phase: "⚑ Signale: 2 Methoden braucht Hilfe (10:03) · …".
pub(super) fn signal_banner(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let state = app.state();
    let groups = app.groups();
    let parts: Vec<String> = state
        .pending_signals()
        .into_iter()
        .map(|(board, sig)| {
            let title = app.plan().board(board).map_or(board, |b| b.title.as_str());
            let label = match groups.iter().position(|g| g.id == board) {
                Some(i) => format!("{} {}", i + 1, text::inert(title)),
                None => text::inert(title),
            };
            format!(
                "{label}: {} ({})",
                signal_label(app.s(), sig.signal),
                app.time_of_day(sig.wall_ms)
            )
        })
        .collect();
    let flow = app.flow();
    let left = format!(" ⚑ {}: {}", flow.signals, parts.join(" · "));
    Paragraph::new(crate::ui::left_right(
        &left,
        theme::signal(),
        format!("{} ", flow.ack_hint),
        theme::signal(),
        area.width as usize,
    ))
    .style(theme::signal())
    .render(area, buf);
}

/// The broadcast shown now (for one board, or on the projector); a message
/// aimed at one board is labelled with it on the projector.
/// The first phase the agenda bar shows: as many before the current one
/// as fit with it, so the current phase is never cut off on the left.
pub(super) fn first_shown_phase(labels: &[(String, bool)], current: usize, width: usize) -> usize {
    if labels.is_empty() {
        return 0;
    }
    let current = current.min(labels.len() - 1);
    let needed = |first: usize| {
        let shown = &labels[first..=current];
        let words: usize = shown.iter().map(|(l, _)| l.width()).sum();
        let separators = 3 * (shown.len() - 1);
        let ellipsis = if first > 0 { "… › ".width() } else { 0 };
        words + separators + ellipsis
    };
    (0..=current).find(|&first| needed(first) <= width).unwrap_or(current)
}
