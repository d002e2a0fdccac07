//! The note-taker's screen: the group's task and timer on top, the board's
//! sections as columns (tabs when narrow), the editor line at the bottom.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs, Widget};

use super::widgets::{
    broadcast_line, clock_face, editor, editor_height, lead_above, note_list, own_signal_badge, state_label,
};
use super::{text, theme};
use crate::app::{App, NoteView, Picker};
use crate::model::TimerState;

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
    let editor_h = app.input().map_or(0, |i| editor_height(i, area));
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
    if let Some(input) = app.input() {
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
    let signal = own_signal_badge(app, board);
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
