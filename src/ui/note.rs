//! The note-taker's screen: the group's task and timer on top, the board's
//! sections as columns (tabs when narrow), the editor line at the bottom.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs, Widget};

use super::facilitator::{broadcast_line, clock_face, state_label};
use super::{text, theme};
use crate::app::{App, Input, InputKind, NoteView, Picker};
use crate::model::{Note, NoteKind, TimerState};

/// Smallest width of a section column before switching to tabs.
const MIN_COLUMN: u16 = 28;

/// Draws the note-taker view.
pub fn render(app: &App, v: &NoteView, area: Rect, buf: &mut Buffer) {
    let Some(board) = app.note_board() else { return };
    let compact = area.height < 16 || area.width < 60;
    let question = board.question.as_deref().map(|q| format!("? {q}")).unwrap_or_default();
    let q_lines = if compact || question.is_empty() {
        0
    } else {
        text::wrap(&question, area.width as usize, "", "  ").len().min(2) as u16
    };
    let has_broadcast = app.state().active_broadcast(Some(&board.id), app.now_ms()).is_some();
    let editor_h = app.input.as_ref().map_or(0, |i| editor_height(i, area));
    let [head, q, bcast, body, editor_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(q_lines),
        Constraint::Length(u16::from(has_broadcast && area.height >= 8)),
        Constraint::Fill(1),
        Constraint::Length(editor_h),
    ])
    .areas(area);
    header(app, &board.title, &board.id, head, buf);
    Paragraph::new(
        text::wrap(&question, q.width as usize, "", "  ")
            .into_iter()
            .map(Line::from)
            .collect::<Vec<_>>(),
    )
    .style(theme::dim())
    .render(q, buf);
    broadcast_line(app, Some(&board.id), bcast, buf);
    let sections = board.sections.len();
    if sections > 1 && body.width / (sections as u16) < MIN_COLUMN {
        tabbed(app, v, body, buf);
    } else {
        let areas = Layout::horizontal(vec![Constraint::Ratio(1, sections.max(1) as u32); sections.max(1)]).split(body);
        for (i, col) in areas.iter().enumerate() {
            section_column(app, v, i, *col, true, buf);
        }
    }
    if let Some(input) = &app.input {
        editor(app, input, editor_area, buf);
    }
}

/// Draws only the header line (title and timer) of a note-taker view over
/// `area` into `buf` (a blank row of its width is enough).
pub fn redraw_header(app: &App, v: &NoteView, area: Rect, buf: &mut Buffer) {
    let Some(board) = app.note_board().filter(|b| b.id == v.board) else {
        return;
    };
    let head = Rect { height: 1, ..area };
    header(app, &board.title, &board.id, head, buf);
}

/// Title on the left, the group's timer on the right.
fn header(app: &App, title: &str, board: &str, area: Rect, buf: &mut Buffer) {
    let face = clock_face(app, board);
    let warn = face.state == TimerState::Running && face.style == theme::warning();
    let label = if warn {
        format!(" · {}", app.s().last_minutes)
    } else {
        String::new()
    };
    let skew = app.skew_badge().map(|b| format!("{b}  ")).unwrap_or_default();
    let signal = super::facilitator::own_signal_badge(app, board);
    let right = format!(
        "{signal}{skew}⏱ {} {}{label}",
        face.text,
        state_label(app.s(), face.state)
    );
    Paragraph::new(super::left_right(
        title,
        theme::title(),
        right,
        face.style,
        area.width as usize,
    ))
    .render(area, buf);
}

fn tabbed(app: &App, v: &NoteView, area: Rect, buf: &mut Buffer) {
    let Some(board) = app.note_board() else { return };
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let titles: Vec<String> = board
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{} ({})", s.title, app.visible_notes(i).len()))
        .collect();
    Tabs::new(titles)
        .select(v.section)
        .highlight_style(theme::selected())
        .divider("|")
        .render(tabs, buf);
    section_column(app, v, v.section, body, false, buf);
}

fn section_column(app: &App, v: &NoteView, index: usize, area: Rect, with_border: bool, buf: &mut Buffer) {
    let Some(section) = app.note_board().and_then(|b| b.sections.get(index)) else {
        return;
    };
    let notes = app.visible_notes(index);
    let active = index == v.section;
    let inner = if with_border {
        let filter = if v.filter.is_some() {
            format!(" · {}", app.s().filtered)
        } else {
            String::new()
        };
        let title = format!(" {} ({}){filter} ", section.title, notes.len());
        super::framed(&title, theme::title(), active, area, buf)
    } else {
        area
    };
    let list = lead_above(section.lead.as_deref(), inner, buf);
    if notes.is_empty() {
        Paragraph::new(Span::styled(app.s().empty_section, theme::dim())).render(list, buf);
        return;
    }
    note_list(app, &notes, active.then_some(v.cursor), app.author(), list, buf);
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
    let _ = app;
    let mut out: Vec<Line> = Vec::new();
    for (i, note) in notes.iter().enumerate().skip(start) {
        if out.len() >= height {
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
            out.push(match heading {
                true => Line::from(Span::styled(l, theme::title())),
                false if is_cursor => Line::from(Span::styled(format!("{l} "), style)),
                false => Line::from(Span::styled(l, style)),
            });
        }
    }
    out.truncate(height);
    Paragraph::new(out).render(area, buf);
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
        InputKind::NewNote { .. } => s.new_note,
        InputKind::EditNote { .. } => s.edit_note,
        InputKind::Broadcast => app.broadcast_prompt(),
        InputKind::Filter => s.filter_prompt,
        InputKind::Finding { .. } => app.syn().finding_prompt,
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::selected_border())
        .title(Span::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    input.area.render(inner, buf);
}

/// The board picker.
pub fn render_picker(app: &App, p: &Picker, area: Rect, buf: &mut Buffer) {
    let plan = app.plan();
    let mut lines = vec![
        Line::from(Span::styled(app.s().pick_board, theme::title())),
        Line::from(""),
    ];
    for (i, id) in p.boards.iter().enumerate() {
        let title = plan.board(id).map(|b| b.title.as_str()).unwrap_or(id);
        let style = if i == p.cursor {
            theme::selected()
        } else {
            theme::text()
        };
        lines.push(Line::from(Span::styled(
            text::cut(&format!(" {} {title} ({id}) ", i + 1), area.width as usize),
            style,
        )));
    }
    Paragraph::new(lines).render(area, buf);
}
