//! The note-taker's screen: the group's task and timer on top, the board's
//! sections as columns (tabs when narrow), the editor line at the bottom.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Tabs, Widget};

use super::fit::{self, Part};
use super::widgets::{
    broadcast_line, broadcast_lines, clock_face, editor, editor_height, lead_above, note_list, own_signal_forms,
    state_label,
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
    let (bcast_rows, _) = broadcast_rows(app, &board.id, area);
    let editor_h = app.input().map_or(0, |i| editor_height(i, area));
    let [head, q, bcast, body, editor_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(q_lines),
        Constraint::Length(bcast_rows),
        Constraint::Fill(1),
        Constraint::Length(editor_h),
    ])
    .areas(area);
    header(app, &board.title, &board.id, head, buf);
    // Two lines of the question at most; the rest is behind `i`.
    let mut q_text = text::wrap(&question, q.width as usize, "", "  ");
    if q_text.len() > q.height as usize {
        q_text.truncate(q.height as usize);
        if let Some(last) = q_text.last_mut() {
            *last = text::continued(last, q.width as usize);
        }
    }
    Paragraph::new(q_text.into_iter().map(Line::from).collect::<Vec<_>>())
        .style(theme::dim())
        .render(q, buf);
    broadcast_line(app, Some(&board.id), Some("[i]"), bcast, buf);
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

/// Rows the group's broadcast takes in the view's `area`, and whether
/// that cuts it: a long broadcast wraps to a second line (a third on a
/// tall screen); what still does not fit, `i` shows whole.
fn broadcast_rows(app: &App, board: &str, area: Rect) -> (u16, bool) {
    let most = match area.height {
        0..8 => 0,
        8..24 => 2,
        _ => 3,
    };
    let lines = broadcast_lines(app, Some(board), area.width as usize).len();
    (lines.min(most) as u16, lines > most)
}

/// Whether the note-taker's view over `area` cuts its broadcast (the
/// footer then names the key that shows it whole).
pub fn broadcast_cut(app: &App, area: Rect) -> bool {
    app.note_board().is_some_and(|b| broadcast_rows(app, &b.id, area).1)
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

/// Title on the left, the group's timer on the right. When the line is
/// short, the signal shrinks to its badge, the clock-skew warning to its
/// sign and the title is cut with "…" before the timer loses anything but
/// its state word: the timer is never hidden.
fn header(app: &App, title: &str, board: &str, area: Rect, buf: &mut Buffer) {
    let face = clock_face(app, board);
    let warn = face.state == TimerState::Running && face.style == theme::warning();
    let label = if warn {
        vec![format!(" · {}", app.s().last_minutes), String::new()]
    } else {
        Vec::new()
    };
    let skew = app
        .skew_badge()
        .map(|b| vec![format!("{b}  "), "⚠ ".to_string(), String::new()])
        .unwrap_or_default();
    let state = state_label(app.s(), face.state);
    let symbol = state.split_whitespace().next().unwrap_or_default();
    let parts = [
        Part::shrinking(own_signal_forms(app, board), theme::signal()),
        Part::shrinking(skew, theme::warning()),
        Part::fixed(format!("⏱ {}", face.text), face.style),
        Part::shrinking(vec![format!(" {state}"), format!(" {symbol}")], face.style),
        Part::shrinking(label, face.style),
    ];
    // Least important first: the signal's words, the skew's, the warning
    // word, the signal's name, the state word, the skew sign.
    const ORDER: [usize; 6] = [0, 1, 4, 0, 3, 1];
    Paragraph::new(fit::line(title, theme::title(), &parts, &ORDER, area.width as usize)).render(area, buf);
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
        let empty = if app.may_write() {
            app.s().empty_section
        } else {
            app.s().empty_section_read_only
        };
        Paragraph::new(Span::styled(empty, theme::dim())).render(list, buf);
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

/// `i`: the board's title and guiding question and the broadcast in
/// force, whole and wrapped, over the screen; any key closes it.
pub fn info_overlay(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(board) = app.note_board() else { return };
    let width = area.width.min(72);
    let inner = width.saturating_sub(2).max(1) as usize;
    let flow = app.flow();
    let mut lines: Vec<(String, Style)> = text::wrap(&board.title, inner, "", "")
        .into_iter()
        .map(|l| (l, theme::title()))
        .collect();
    lines.push((String::new(), theme::text()));
    let question = board.question.as_deref().unwrap_or(flow.no_question);
    lines.extend(
        text::wrap(question, inner, "", "")
            .into_iter()
            .map(|l| (l, theme::text())),
    );
    let broadcast = broadcast_lines(app, Some(&board.id), inner);
    if !broadcast.is_empty() {
        lines.push((String::new(), theme::text()));
        lines.extend(broadcast.into_iter().map(|l| (l, theme::broadcast())));
    }
    // Too long for the screen: shown page by page (j/k), never cut off.
    let rows = (area.height.saturating_sub(2) as usize).max(1);
    let pages = lines.len().div_ceil(rows).max(1);
    let page = app.shared.transient.help_scroll % pages;
    let bottom = if pages > 1 {
        format!(
            " {}/{pages} · {} ",
            page + 1,
            crate::i18n::view_strings(app.lang()).help_scroll
        )
    } else {
        format!(" {} ", app.s().help_close)
    };
    // The bottom line sits in the frame: cut like any other text.
    let bottom = text::cut(&bottom, width.saturating_sub(2) as usize);
    let height = lines.len().min(rows);
    let lines: Vec<(String, Style)> = lines.into_iter().skip(page * rows).take(rows).collect();
    let rect = super::help::centered(area, width, height as u16 + 2);
    Clear.render(rect, buf);
    Paragraph::new(
        lines
            .into_iter()
            .map(|(l, style)| Line::from(Span::styled(l, style)))
            .collect::<Vec<_>>(),
    )
    .block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme::selected_border())
            .title(Span::styled(format!(" {} ", flow.info_title), theme::title()))
            .title_bottom(Span::styled(bottom, theme::dim())),
    )
    .render(rect, buf);
}
