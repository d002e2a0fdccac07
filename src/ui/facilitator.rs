//! The facilitator's projector screen: agenda bar, broadcast, one tile per
//! breakout group with a large countdown, and the present/merged modes.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::widgets::{
    Decoration, broadcast_line, broadcast_lines, clock_face, editor, editor_height, lead_above, note_list,
    note_list_with, provenance_line, signal_label, state_label,
};
use super::{text, theme};
use crate::app::synthesis::Suggestions;
use crate::app::{App, FacMode, Facilitator};
use crate::model::timer::format_clock;
use crate::model::{Board, Note};

mod bars;
mod clock;
pub mod join;

pub use join::join_card;

use bars::{agenda_bar, header_line, signal_banner};
use clock::{big_clock, big_clock_layout};

/// Draws the facilitator view into `area`.
pub fn render(app: &App, f: &Facilitator, area: Rect, buf: &mut Buffer) {
    let tall = area.height >= 8;
    // A long broadcast takes a second line on a screen with room for it.
    let bcast_rows = match (tall, area.height >= 24) {
        (false, _) => 0,
        (true, roomy) => broadcast_lines(app, None, area.width as usize)
            .len()
            .min(1 + usize::from(roomy)),
    };
    let has_signals = !app.state().pending_signals().is_empty();
    let signoffs = super::review::plenary_signoffs(app);
    let [header, agenda, signed, signals, bcast, body, input] = Layout::vertical([
        Constraint::Length(u16::from(area.height >= 6)),
        Constraint::Length(u16::from(tall)),
        Constraint::Length(u16::from(tall && signoffs.is_some())),
        Constraint::Length(u16::from(has_signals && area.height >= 4)),
        Constraint::Length(bcast_rows as u16),
        Constraint::Fill(1),
        Constraint::Length(app.input().map_or(0, |i| editor_height(i, area))),
    ])
    .areas(area);
    header_line(app, f, header, buf);
    agenda_bar(app, agenda, buf);
    if let Some(line) = signoffs {
        super::review::signoff_strip(line, signed, buf);
    }
    signal_banner(app, signals, buf);
    broadcast_line(app, None, None, bcast, buf);
    match &f.mode {
        FacMode::Grid => grid(app, f, body, buf),
        FacMode::Present(board) => present(app, f, board, body, buf),
        FacMode::Merged => columns(app, f, body, buf),
    }
    if let Some(text) = app.phase_confirm_text() {
        super::help::dialog(&text, body, buf);
    }
    if let Some(i) = app.input() {
        editor(app, i, input, buf);
    }
}

fn grid(app: &App, f: &Facilitator, area: Rect, buf: &mut Buffer) {
    let groups = app.groups();
    if groups.is_empty() {
        return phase_screen(app, area, buf);
    }
    let n = groups.len();
    let cols = match n {
        1 => 1,
        2 if area.width >= 60 => 2,
        2 => 1,
        3 | 4 => 2.min(n),
        5 | 6 => 3,
        _ => 3 + usize::from(n > 9),
    }
    .min((area.width / 16).max(1) as usize);
    let rows = n.div_ceil(cols);
    let tile_h = area.height / rows as u16;
    if tile_h < 5 || area.width / (cols as u16) < 18 {
        return compact_list(app, f, &groups, area, buf);
    }
    let row_areas = Layout::vertical(vec![Constraint::Ratio(1, rows as u32); rows]).split(area);
    for (r, row_area) in row_areas.iter().enumerate() {
        let in_row = (n - r * cols).min(cols);
        let col_areas = Layout::horizontal(vec![Constraint::Ratio(1, cols as u32); cols]).split(*row_area);
        for c in 0..in_row {
            let i = r * cols + c;
            tile(app, i, groups[i], i == f.selected.min(n - 1), col_areas[c], buf);
        }
    }
}

fn tile(app: &App, index: usize, board: &Board, selected: bool, area: Rect, buf: &mut Buffer) {
    let s = app.s();
    let face = clock_face(app, &board.id);
    let title = format!(" {} {} ", index + 1, board.title);
    let title_style = if selected { theme::selected() } else { theme::title() };
    let title = text::cut(&title, area.width.saturating_sub(4) as usize);
    let inner = super::framed(&title, title_style, selected, area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let (scale, rows) = big_clock_layout(&face.text, inner.width, inner.height.saturating_sub(2));
    let [clock, gauge, status, latest] = Layout::vertical([
        Constraint::Length(rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    big_clock(&face.text, face.style, scale, clock, buf);
    LineGauge::default()
        .filled_style(face.style)
        .unfilled_style(theme::dim())
        .ratio(face.ratio)
        .label("")
        .render(gauge, buf);
    let count = app.state().live_count(&board.id);
    let mut spans = vec![
        Span::styled(state_label(s, face.state), face.style),
        Span::styled(
            format!(" · {}", crate::i18n::cli_strings(app.lang()).notes(count)),
            theme::text(),
        ),
    ];
    if let Some(sig) = app.state().signal(&board.id) {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            format!(" ⚑ {} ", signal_label(s, sig.signal)),
            theme::signal(),
        ));
    }
    spans.extend(super::review::signoff_badge(app, &board.id));
    Paragraph::new(Line::from(spans)).render(status, buf);
    latest_notes(app, &board.id, latest, buf);
}

/// The newest notes of a board, newest first.
fn latest_notes(app: &App, board: &str, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let notes = app.state().newest_on_board(board, area.height as usize);
    let width = area.width as usize;
    let lines: Vec<Line> = notes
        .iter()
        .take(area.height as usize)
        .map(|n| {
            let star = if n.starred { "★ " } else { "• " };
            Line::from(Span::styled(
                text::cut(&format!("{star}{}", n.text), width),
                if n.starred { theme::starred() } else { theme::text() },
            ))
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// One line per group when the terminal is too small for tiles.
fn compact_list(app: &App, f: &Facilitator, groups: &[&Board], area: Rect, buf: &mut Buffer) {
    let s = app.s();
    let width = area.width as usize;
    let lines: Vec<Line> = groups
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let face = clock_face(app, &b.id);
            let sig = app.state().signal(&b.id).map(|_| " ⚑").unwrap_or("");
            let symbol = state_label(s, face.state).chars().next().unwrap_or(' ');
            let right = format!(" {symbol} {}{sig}", face.text);
            let left = text::cut(&format!("{} {}", i + 1, b.title), width.saturating_sub(right.width()));
            let pad = width.saturating_sub(left.width() + right.width());
            let style = if i == f.selected {
                theme::selected()
            } else {
                theme::text()
            };
            Line::from(vec![
                Span::styled(left, style),
                Span::raw(" ".repeat(pad)),
                Span::styled(right, face.style),
            ])
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// A phase without groups (welcome, break): its title and how long it has run.
fn phase_screen(app: &App, area: Rect, buf: &mut Buffer) {
    let s = app.s();
    let state = app.state();
    let plan = app.plan();
    let phase = state.phase().and_then(|p| plan.phase(p));
    let title = phase.map(|p| p.title.clone()).unwrap_or_else(|| plan.title.clone());
    let elapsed = state
        .phase_since_ms()
        .filter(|_| phase.is_some())
        .map(|since| (app.display_ms() - since).max(0) / 1000);
    let clock = elapsed.map(format_clock).unwrap_or_default();
    let label = phase
        .map(|p| format!("⏱ {} · {clock} {}", text::inert(&p.title), app.flow().since_start))
        .unwrap_or_default();
    let planned = phase
        .and_then(|p| p.minutes)
        .map(|m| format!("{} {m}′", s.planned))
        .unwrap_or_default();
    let chars = clock.chars().count().max(1) as u16;
    let scale = (area.width / (chars * 8)).min(area.height / 2 / 8).max(1);
    let rows = if scale > 1 { 8 * scale } else { 8.min(area.height / 2) };
    let [_, t, c, hint] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Length(rows),
        Constraint::Fill(1),
    ])
    .areas(area);
    Paragraph::new(vec![
        Line::from(Span::styled(text::inert(&title), theme::title())),
        Line::from(Span::styled(planned, theme::dim())),
    ])
    .centered()
    .render(t, buf);
    big_clock(&clock, theme::paused(), scale, c, buf);
    Paragraph::new(vec![
        Line::from(Span::styled(label, theme::text())),
        Line::from(Span::styled(s.no_groups, theme::dim())),
    ])
    .centered()
    .render(hint, buf);
}

fn present(app: &App, f: &Facilitator, board: &str, area: Rect, buf: &mut Buffer) {
    let Some(b) = app.plan().board(board) else {
        return;
    };
    let question = b
        .question
        .as_deref()
        .map(|q| format!("{}: {q}", app.s().question))
        .unwrap_or_default();
    let q_lines = if question.is_empty() {
        0
    } else {
        text::wrap(&question, area.width as usize, "", "").len().min(3) as u16
    };
    let [title, q, cols] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(q_lines), Constraint::Fill(1)]).areas(area);
    let face = clock_face(app, board);
    Paragraph::new(Line::from(vec![
        Span::styled(
            text::cut(&b.title, (title.width as usize).saturating_sub(20)),
            theme::title(),
        ),
        Span::raw("   "),
        Span::styled(
            format!("{} {}", face.text, state_label(app.s(), face.state)),
            face.style,
        ),
    ]))
    .render(title, buf);
    Paragraph::new(
        text::wrap(&question, q.width as usize, "", "")
            .into_iter()
            .map(Line::from)
            .collect::<Vec<_>>(),
    )
    .style(theme::dim())
    .render(q, buf);
    columns(app, f, cols, buf);
}

/// Side-by-side columns of notes with the cursor in the chosen column.
fn columns(app: &App, f: &Facilitator, area: Rect, buf: &mut Buffer) {
    let cols = app.columns();
    if cols.is_empty() {
        return;
    }
    let suggestions = app.suggestions();
    let shown = cols.len().min((area.width / 24).max(1) as usize);
    let first = f.column.saturating_sub(shown - 1).min(cols.len() - shown);
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, shown as u32); shown]).split(area);
    for (slot, col_area) in areas.iter().enumerate() {
        let i = first + slot;
        let col = &cols[i];
        let active = i == f.column;
        let title = format!(
            " {} ({}) ",
            text::cut(&col.title, col_area.width.saturating_sub(10) as usize),
            col.notes.len()
        );
        let badge = (f.mode == FacMode::Merged)
            .then(|| super::review::signoff_badge(app, &col.board))
            .flatten();
        let title = match badge {
            Some(b) => format!("{title}{} ", b.content),
            None => title,
        };
        let inner = super::framed(&title, theme::title(), active, *col_area, buf);
        let list = lead_above(col.lead.as_deref(), inner, buf);
        match f.mode {
            FacMode::Merged | FacMode::Present(_) => {
                let headings = match f.mode {
                    FacMode::Merged => section_headings(app, &col.notes),
                    _ => Default::default(),
                };
                let decorate = |n: &Note| {
                    let mut d = synthesis_decoration(app, f, &suggestions, n);
                    d.above.extend(headings.get(n.id.as_str()).cloned());
                    d
                };
                note_list_with(app, &col.notes, active.then_some(f.cursor), None, &decorate, list, buf);
            }
            _ => note_list(app, &col.notes, active.then_some(f.cursor), None, list, buf),
        }
    }
}

/// Marks (`✔`), suggested similar notes (`≈`) and, on the note under the
/// cursor, which other groups said something similar.
fn synthesis_decoration(app: &App, f: &Facilitator, suggestions: &Suggestions, n: &Note) -> Decoration {
    let mut below: Vec<String> = provenance_line(app, n).into_iter().collect();
    let groups = suggestions.groups();
    if suggestions.cursor.as_deref() == Some(n.id.as_str()) && !groups.is_empty() {
        below.push(format!("≈ {}", app.syn().also_in(&groups)));
    }
    let (marker, style) = if f.marks.contains(&n.id) {
        (Some("✔ "), Some(theme::success()))
    } else if suggestions.contains(&n.id) {
        (Some("≈ "), Some(theme::warning()))
    } else {
        (None, None)
    };
    Decoration {
        marker,
        style,
        below,
        ..Decoration::default()
    }
}

/// The merged view's section headings: the note that begins a section of
/// a board with several sections, with that section's title.
fn section_headings<'a>(app: &App, notes: &[&'a Note]) -> std::collections::HashMap<&'a str, String> {
    let plan = app.plan();
    let mut headings = std::collections::HashMap::new();
    let mut previous: Option<(&str, &str)> = None;
    for n in notes {
        let here = (n.board.as_str(), n.section.as_str());
        if previous != Some(here) {
            let title = plan
                .board(&n.board)
                .filter(|b| b.sections.len() > 1)
                .and_then(|b| b.sections.iter().find(|s| s.id == n.section));
            if let Some(section) = title {
                headings.insert(n.id.as_str(), format!("▸ {}", section.title));
            }
        }
        previous = Some(here);
    }
    headings
}
