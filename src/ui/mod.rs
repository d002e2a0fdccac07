//! Rendering: a pure function of `&App`. The screen is a header, the
//! view's body, a status line and a one-line key hint footer; help and
//! dialogs are drawn on top.
pub mod facilitator;
pub mod fit;
pub mod help;
pub mod note;
pub mod prepare;
pub mod review;
pub mod text;
pub mod theme;
pub mod widgets;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Message, Screen, Tone};
use crate::model::state::Broadcast;

/// Clock-only redraws in a row before a full frame is drawn again anyway.
pub const MAX_CLOCK_ONLY_FRAMES: u32 = 9;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let messages = self.messages();
        let [body, status, footer] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(stack_rows(messages.len(), area.height) as u16),
            Constraint::Length(u16::from(area.height >= 3)),
        ])
        .areas(area);
        match &self.screen {
            Screen::Facilitator(f) => facilitator::render(self, f, body, buf),
            Screen::Note(v) => note::render(self, v, body, buf),
            Screen::Picker(p) => note::render_picker(self, p, body, buf),
        }
        message_stack(&messages, self.flow().more_messages, status, buf);
        let cut = matches!(self.screen, Screen::Note(_)) && note::broadcast_cut(self, body);
        help::footer(self, cut, footer, buf);
        help::overlays(self, area, buf);
        if let Some(view) = &self.part {
            review::part_overlay(self, view, area, buf);
        }
    }
}

/// A bordered box, highlighted when active; returns the area inside.
pub fn framed(title: &str, title_style: Style, active: bool, area: Rect, buf: &mut Buffer) -> Rect {
    let border = if active {
        theme::selected_border()
    } else {
        theme::border()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Span::styled(
            text::cut(title, area.width.saturating_sub(2) as usize),
            title_style,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// One line with `left` cut to fit and `right` flush right.
pub fn left_right<'a>(left: &str, left_style: Style, right: String, right_style: Style, width: usize) -> Line<'a> {
    let left = text::cut(left, width.saturating_sub(right.width() + 1));
    let pad = width.saturating_sub(left.width() + right.width());
    Line::from(vec![
        Span::styled(left, left_style),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, right_style),
    ])
}

/// How a message looks: its tone's style.
fn tone_style(tone: Tone) -> Style {
    match tone {
        Tone::Info => theme::dim(),
        Tone::Success => theme::success(),
        Tone::Warning => theme::warning(),
        Tone::Error => theme::alarm(),
    }
}

/// The one-line status message, styled by its tone.
pub fn status_message(m: &Message, area: Rect, buf: &mut Buffer) {
    Paragraph::new(Line::from(Span::styled(
        text::cut(&m.text, area.width as usize),
        tone_style(m.tone),
    )))
    .render(area, buf);
}

/// Lines the message stack takes on a screen `height` rows tall: one on a
/// small screen, two from 20 rows, three from 30; none below 10.
pub fn stack_rows(messages: usize, height: u16) -> usize {
    let most = match height {
        0..10 => 0,
        10..20 => 1,
        20..30 => 2,
        _ => 3,
    };
    messages.min(most)
}

/// The message stack over `area`, one message a line, most important
/// first; when there are more than fit, the last line ends in "+N" and
/// `more` (the word for the rest).
pub fn message_stack(messages: &[Message], more: &str, area: Rect, buf: &mut Buffer) {
    let rows = area.height as usize;
    let width = area.width as usize;
    let hidden = messages.len().saturating_sub(rows);
    let lines: Vec<Line> = messages
        .iter()
        .take(rows)
        .enumerate()
        .map(|(i, m)| {
            let style = tone_style(m.tone);
            if i + 1 < rows || hidden == 0 {
                return Line::from(Span::styled(text::cut(&m.text, width), style));
            }
            // The words after "+N" only where they leave the message half the line.
            let mut tail = format!("  +{hidden} {more}");
            if text::width(&tail) > width / 2 {
                tail = format!("  +{hidden}");
            }
            let room = width.saturating_sub(text::width(&tail));
            Line::from(vec![
                Span::styled(text::cut(&m.text, room), style),
                Span::styled(text::cut(&tail, width), theme::dim()),
            ])
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// The last frame drawn in full, kept so that a tick which only moved the
/// clock can redraw just the clock on top of it instead of the whole
/// screen. Only the note-taker view (no dialog, no editor) takes this path;
/// anything else draws in full.
#[derive(Debug, Clone)]
pub struct LastFrame {
    buffer: Buffer,
    /// `None` when the frame cannot be redrawn clock-only.
    still: Option<Still>,
    clock_only_frames: u32,
}

/// What the screen outside the clock depends on, over time, beyond what a
/// key or a folder change would redraw anyway.
#[derive(Debug, Clone, PartialEq)]
struct Still {
    area: Rect,
    broadcast: Option<Broadcast>,
}

impl LastFrame {
    /// Keeps `buffer`, just drawn in full for `app`.
    pub fn of(app: &App, buffer: &Buffer) -> LastFrame {
        LastFrame {
            buffer: buffer.clone(),
            still: still_of(app, buffer.area),
            clock_only_frames: 0,
        }
    }

    /// Redraws only the clock of `app` on top of the last frame and returns
    /// the cells that changed (to be written to the screen as they are),
    /// so the screen becomes what a full render of `app` would show.
    /// `None`, and nothing changed, when that is not possible: the screen,
    /// its size or a broadcast changed, or too many clock-only redraws in
    /// a row.
    pub fn redraw_clock(&mut self, app: &App) -> Option<Vec<(u16, u16, Cell)>> {
        let Screen::Note(v) = &app.screen else { return None };
        let area = self.buffer.area;
        let now = still_of(app, area);
        if now.is_none() || now != self.still || self.clock_only_frames >= MAX_CLOCK_ONLY_FRAMES {
            return None;
        }
        let old = header_row(&self.buffer);
        let mut new = Buffer::empty(old.area);
        note::redraw_header(app, v, area, &mut new);
        let changed = owned(old.diff(&new));
        self.buffer.merge(&new);
        self.clock_only_frames += 1;
        Some(changed)
    }

    /// The frame as it is on the screen.
    pub fn buffer(&self) -> &Buffer {
        &self.buffer
    }

    /// Whether the screen's header row may differ from what the terminal's
    /// own diff assumes (after clock-only redraws).
    pub fn header_written_directly(&self) -> bool {
        self.clock_only_frames > 0
    }

    /// The cells of the header row that differ between this frame (on the
    /// screen) and `next` (drawn in full over a same-sized screen).
    pub fn header_fixes(&self, next: &Buffer) -> Vec<(u16, u16, Cell)> {
        if next.area != self.buffer.area {
            return Vec::new();
        }
        owned(header_row(&self.buffer).diff(&header_row(next)))
    }
}

fn owned(cells: Vec<(u16, u16, &Cell)>) -> Vec<(u16, u16, Cell)> {
    cells.into_iter().map(|(x, y, c)| (x, y, c.clone())).collect()
}

/// A copy of the top row of `buf`.
fn header_row(buf: &Buffer) -> Buffer {
    let area = buf.area;
    let row = Rect {
        height: area.height.min(1),
        ..area
    };
    let mut out = Buffer::empty(row);
    for x in row.left()..row.right() {
        out[(x, row.y)] = buf[(x, row.y)].clone();
    }
    out
}

/// `None` unless `app` shows a note-taker view without dialog or editor
/// on a screen tall enough for its layout to keep the header on top.
fn still_of(app: &App, area: Rect) -> Option<Still> {
    let Screen::Note(v) = &app.screen else { return None };
    if app.overlay().is_some() || app.input().is_some() || area.height < 10 || area.width == 0 {
        return None;
    }
    Some(Still {
        area,
        broadcast: app.state().active_broadcast(Some(&v.board), app.now_ms()).cloned(),
    })
}
