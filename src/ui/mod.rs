//! Rendering: a pure function of `&App`. The screen is a header, the
//! view's body, a status line and a one-line key hint footer; help and
//! dialogs are drawn on top.
pub mod facilitator;
pub mod help;
pub mod note;
pub mod prepare;
pub mod text;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Message, Screen, Tone};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let [body, status, footer] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(u16::from(
                (self.message.is_some() || self.plan_conflict_banner().is_some()) && area.height >= 10,
            )),
            Constraint::Length(u16::from(area.height >= 3)),
        ])
        .areas(area);
        match &self.screen {
            Screen::Facilitator(f) => facilitator::render(self, f, body, buf),
            Screen::Note(v) => note::render(self, v, body, buf),
            Screen::Picker(p) => note::render_picker(self, p, body, buf),
        }
        if let Some(m) = &self.message {
            status_message(m, status, buf);
        } else if let Some(banner) = self.plan_conflict_banner() {
            Paragraph::new(Line::from(Span::styled(
                text::cut(&banner, status.width as usize),
                theme::warning(),
            )))
            .render(status, buf);
        }
        help::footer(self, footer, buf);
        help::overlays(self, area, buf);
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

/// The one-line status message, styled by its tone.
pub fn status_message(m: &Message, area: Rect, buf: &mut Buffer) {
    let style = match m.tone {
        Tone::Info => theme::dim(),
        Tone::Success => theme::success(),
        Tone::Warning => theme::warning(),
        Tone::Error => theme::alarm(),
    };
    Paragraph::new(Line::from(Span::styled(text::cut(&m.text, area.width as usize), style))).render(area, buf);
}
