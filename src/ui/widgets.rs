//! Widgets both live views draw: a board's clock face and state label,
//! the broadcast line and a group's own signal, note lists with their
//! decorations and lead-ins, and the editor box.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::{text, theme};
use crate::app::{App, Input, InputKind};
use crate::i18n::Strings;
use crate::model::facilitation::seen_still_shown;
use crate::model::timer::{display_seconds, format_clock};
use crate::model::{Note, NoteKind, Signal, TimerFacts, TimerState};

/// What a timer shows: the clock text, its state and style.
pub struct ClockFace {
    pub text: String,
    pub state: TimerState,
    pub style: Style,
    pub ratio: f64,
}

/// The clock face of a board's timer at the app's display instant.
pub fn clock_face(app: &App, board: &str) -> ClockFace {
    let t: TimerFacts = app.state().timer(board);
    let now = app.timer_now_ms(board);
    let state = t.state(now);
    let planned_ms = (i64::from(app.plan().board_minutes(board).unwrap_or(0)) * 60_000)
        .saturating_add(t.planned_extra_ms())
        .max(0);
    let remaining = if t.is_started() {
        t.remaining_ms(now)
    } else {
        planned_ms
    };
    let secs = display_seconds(remaining);
    let text = if secs < 0 {
        format!("+{}", format_clock(-secs))
    } else {
        format_clock(secs)
    };
    let style = match state {
        TimerState::Over => theme::alarm(),
        TimerState::Running if remaining <= 5 * 60_000 => theme::warning(),
        TimerState::Running => theme::running(),
        TimerState::Paused => theme::paused(),
        TimerState::Idle => theme::idle(),
    };
    let total = if t.is_started() { t.total_ms() } else { planned_ms };
    let ratio = if total > 0 {
        (t.elapsed_ms(now) as f64 / total as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ClockFace {
        text,
        state,
        style,
        ratio,
    }
}

/// State as symbol and word (never colour alone).
pub fn state_label(s: &Strings, state: TimerState) -> String {
    let symbol = match state {
        TimerState::Idle => "■",
        TimerState::Running => "▶",
        TimerState::Paused => "⏸",
        TimerState::Over => "⚠",
    };
    format!("{symbol} {}", s.timer_state(state))
}

/// The broadcasts shown now (a group's own, or on the projector every
/// one shown anywhere) as one text, or `None`.
fn broadcast_text_now(app: &App, board: Option<&str>, times: bool) -> Option<String> {
    let shown: Vec<&crate::model::state::Broadcast> = match board {
        Some(_) => app.state().active_broadcast(board, app.now_ms()).into_iter().collect(),
        None => app.state().active_broadcasts(app.now_ms()),
    };
    if shown.is_empty() {
        return None;
    }
    let parts: Vec<String> = shown.iter().map(|b| broadcast_text(app, board, b, times)).collect();
    Some(format!(" » {}: {}", app.s().broadcast, parts.join("  ·  ")))
}

/// The broadcast wrapped to `width` columns: every line it takes.
pub fn broadcast_lines(app: &App, board: Option<&str>, width: usize) -> Vec<String> {
    wrapped_broadcast(app, board, width, true)
}

fn wrapped_broadcast(app: &App, board: Option<&str>, width: usize, times: bool) -> Vec<String> {
    broadcast_text_now(app, board, times)
        .map(|t| text::wrap(&t, width, "", "   "))
        .unwrap_or_default()
}

/// The broadcast over `area`, wrapped to its lines; when it takes more,
/// the last line ends in "…" and then `more` (the key that shows it whole).
pub fn broadcast_line(app: &App, board: Option<&str>, more: Option<&str>, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let width = area.width as usize;
    let rows = area.height as usize;
    let mut lines = broadcast_lines(app, board, width);
    if lines.len() > rows {
        // The words come before the times they were sent: drop the times
        // first, so a message that fits without them is never cut.
        let words_only = wrapped_broadcast(app, board, width, false);
        if words_only.len() <= rows {
            lines = words_only;
        }
    }
    if lines.len() > rows {
        lines.truncate(rows);
        let hint = more.map(|k| format!(" {k}")).unwrap_or_default();
        if let Some(last) = lines.last_mut() {
            let room = width.saturating_sub(text::width(&hint));
            *last = format!("{}{hint}", text::continued(last, room));
        }
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(Span::styled(text::cut(&l, width), theme::broadcast())))
        .collect();
    Paragraph::new(lines).style(theme::broadcast()).render(area, buf);
}

/// One broadcast: to whom (on the projector), its text, and (with `times`)
/// when it was sent and, if it expires, until when.
fn broadcast_text(app: &App, board: Option<&str>, b: &crate::model::state::Broadcast, times: bool) -> String {
    let aimed = match (board, &b.board) {
        (None, Some(to)) => {
            let title = app.plan().board(to).map_or(to.as_str(), |t| t.title.as_str());
            format!("→ {}: ", text::inert(title))
        }
        _ => String::new(),
    };
    if !times {
        return format!("{aimed}{}", b.text);
    }
    let at = app.time_of_day(b.wall_ms);
    match b.until_ms {
        Some(until) => format!(
            "{aimed}{}  ({at}, {} {})",
            b.text,
            app.s().until,
            app.time_of_day(until)
        ),
        None => format!("{aimed}{}  ({at})", b.text),
    }
}

/// What a note-taker sees of their own signal, fullest first: "⚑ braucht
/// Hilfe · wartet auf die Moderation  " while pending, down to the badge
/// "⚑ "; "⚑ gesehen ✓  " (or "⚑✓ ") for a while after the facilitator
/// acknowledged it; nothing without a signal.
pub fn own_signal_forms(app: &App, board: &str) -> Vec<String> {
    let state = app.state();
    let flow = app.flow();
    if let Some(p) = state.signal(board) {
        let label = signal_label(app.s(), p.signal);
        return vec![
            format!("⚑ {label} · {}  ", flow.signal_waiting),
            format!("⚑ {label}  "),
            "⚑ ".to_string(),
        ];
    }
    match state.signal_seen_ms(board) {
        Some(at) if seen_still_shown(at, app.now_ms()) => {
            vec![format!("⚑ {}  ", flow.signal_seen), "⚑✓ ".to_string()]
        }
        _ => Vec::new(),
    }
}

/// The word for a group's signal.
pub fn signal_label(s: &Strings, signal: Signal) -> &'static str {
    match signal {
        Signal::DoneEarly => s.sig_done,
        Signal::NeedTime => s.sig_time,
        Signal::NeedHelp => s.sig_help,
    }
}

/// Draws a section's lead-in (at most a third of the height) at the top of
/// `area` and returns the space left for the notes.
pub fn lead_above(lead: Option<&str>, area: Rect, buf: &mut Buffer) -> Rect {
    let lines = lead
        .map(|l| text::wrap(l, area.width as usize, "", ""))
        .unwrap_or_default();
    let height = (lines.len() as u16).min(area.height / 3);
    let [top, rest] = Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(area);
    Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .style(theme::dim())
        .render(top, buf);
    rest
}

/// A list of notes wrapped to the area, scrolled so the cursor is visible.
/// Only the notes that fit are laid out, however long the list.
pub fn note_list(app: &App, notes: &[&Note], cursor: Option<usize>, me: Option<&str>, area: Rect, buf: &mut Buffer) {
    let decorate = |n: &Note| Decoration {
        below: provenance_line(app, n).into_iter().collect(),
        ..Decoration::default()
    };
    note_list_with(app, notes, cursor, me, &decorate, area, buf);
}

/// What a view adds to a note beyond its text.
#[derive(Debug, Clone, Default)]
pub struct Decoration {
    /// Replaces the bullet (e.g. `✔ ` for a marked note).
    pub marker: Option<&'static str>,
    /// Replaces the note's style (the cursor's style still wins).
    pub style: Option<Style>,
    /// Lines drawn under the note's text.
    pub below: Vec<String>,
    /// Headings drawn above the note (a section's title in the merged view).
    pub above: Vec<String>,
}

/// Where a finding came from, for the views: "↳ genannt in 2 von 4
/// Workshops: A, B · 1 Quelle gelöscht"; `None` for an ordinary note.
pub fn provenance_line(app: &App, note: &Note) -> Option<String> {
    let plan = app.plan();
    let p = crate::model::finding::provenance(plan, app.state(), note)?;
    let syn = app.syn();
    let titles: Vec<&str> = p
        .boards
        .iter()
        .filter_map(|b| plan.board(b))
        .map(|b| b.title.as_str())
        .collect();
    let mut line = format!("↳ {}", syn.raised_in(p.workshops, p.workshops_total));
    if !titles.is_empty() {
        line.push_str(&format!(": {}", titles.join(", ")));
    }
    if p.gone > 0 {
        line.push_str(&format!(" · {}", syn.sources_gone(p.gone)));
    }
    Some(line)
}

/// [`note_list`] with each note decorated by `decorate`.
pub fn note_list_with(
    app: &App,
    notes: &[&Note],
    cursor: Option<usize>,
    me: Option<&str>,
    decorate: &dyn Fn(&Note) -> Decoration,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.height == 0 || area.width < 3 || notes.is_empty() {
        return;
    }
    let width = area.width as usize;
    let height = area.height as usize;
    // Each line with whether it is a heading (drawn in the title style).
    let lines_of = |n: &Note| -> Vec<(String, bool)> {
        let decoration = decorate(n);
        let mut headed: Vec<(String, bool)> = Vec::new();
        for heading in &decoration.above {
            headed.extend(
                text::wrap(heading, width.saturating_sub(1), "", "  ")
                    .into_iter()
                    .map(|l| (l, true)),
            );
        }
        let marker = match (decoration.marker, n.starred, n.kind) {
            (Some(m), _, _) => m,
            (None, true, _) => "★ ",
            (None, false, NoteKind::Bullet) => "• ",
            (None, false, NoteKind::Paragraph) => "¶ ",
        };
        let author = match (&n.by, me) {
            (Some(by), Some(me)) if by == me => String::new(),
            (Some(_), _) if app.authors_hidden() => String::new(),
            (Some(by), _) => format!(" — {by}"),
            _ => String::new(),
        };
        // A note of ours not yet on disk (background writes) says so.
        let unsaved = if app.is_unsaved(&n.id) { " …" } else { "" };
        let mut lines = text::wrap(
            &format!("{}{author}{unsaved}", n.text),
            width.saturating_sub(1),
            marker,
            "  ",
        );
        for extra in &decoration.below {
            lines.extend(text::wrap(extra, width.saturating_sub(1), "  ", "  "));
        }
        headed.extend(lines.into_iter().map(|l| (l, false)));
        headed
    };
    let focus = cursor.unwrap_or(0).min(notes.len() - 1);
    // Show from the top if the cursor fits; otherwise keep it visible with
    // up to a third of the height of context below it.
    let below: usize = notes[focus + 1..].iter().take(3).map(|n| lines_of(n).len()).sum();
    let budget = height - below.min(height / 3);
    let mut start = focus;
    let mut used = lines_of(notes[focus]).len();
    while start > 0 {
        let h = lines_of(notes[start - 1]).len();
        if used + h > budget {
            break;
        }
        used += h;
        start -= 1;
    }
    // Each shown line with its style, whether it is a heading, and its note.
    let mut out: Vec<(String, Style, bool, usize)> = Vec::new();
    for (i, note) in notes.iter().enumerate().skip(start) {
        if out.len() > height {
            break;
        }
        let is_cursor = cursor == Some(i);
        let style: Style = match (is_cursor, decorate(note).style, note.starred) {
            (true, _, _) => theme::selected(),
            (false, Some(style), _) => style,
            (false, None, true) => theme::starred(),
            (false, None, false) => theme::text(),
        };
        for (l, heading) in lines_of(note) {
            let l = if is_cursor && !heading { format!("{l} ") } else { l };
            out.push((l, style, heading, i));
        }
    }
    // A note that goes on below the screen says so on its last line.
    let goes_on = height > 0 && out.len() > height && out[height].3 == out[height - 1].3;
    out.truncate(height);
    if let Some((last, ..)) = out.last_mut().filter(|_| goes_on) {
        *last = text::continued(last, width);
    }
    let lines: Vec<Line> = out
        .into_iter()
        .map(|(l, style, heading, _)| match heading {
            true => Line::from(Span::styled(l, theme::title())),
            false => Line::from(Span::styled(l, style)),
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// Height of the editor box in `area`: its text wrapped to the box, plus
/// the border; it grows to half the area (two thirds when small), then
/// the text scrolls.
pub fn editor_height(input: &Input, area: Rect) -> u16 {
    let inner = area.width.saturating_sub(2).max(1) as usize;
    let rows: usize = input
        .area
        .lines()
        .iter()
        .map(|l| text::wrap(l, inner, "", "").len())
        .sum();
    let limit = if area.height < 16 {
        area.height * 2 / 3
    } else {
        area.height / 2
    };
    (rows.max(1) as u16 + 2).min(limit.max(3))
}

/// The editor line (note, broadcast or filter).
pub fn editor(app: &App, input: &Input, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let s = app.s();
    let title = match &input.kind {
        InputKind::NewNote { .. } => s.new_note.to_string(),
        InputKind::EditNote { .. } => s.edit_note.to_string(),
        InputKind::Broadcast => app.broadcast_prompt(),
        InputKind::Filter => s.filter_prompt.to_string(),
        InputKind::Finding { .. } => app.syn().finding_prompt.to_string(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::selected_border())
        .title(Span::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    input.area.render(inner, buf);
}
