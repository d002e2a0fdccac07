//! Rendering: a pure function of `&App`. The screen is a header, the
//! view's body, a status line and a one-line key hint footer; help and
//! dialogs are drawn on top.
pub mod facilitator;
pub mod help;
pub mod note;
pub mod text;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{App, Screen, Tone};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let [body, status, footer] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(u16::from(self.message.is_some() && area.height >= 10)),
            Constraint::Length(u16::from(area.height >= 3)),
        ])
        .areas(area);
        match &self.screen {
            Screen::Facilitator(f) => facilitator::render(self, f, body, buf),
            Screen::Note(v) => note::render(self, v, body, buf),
            Screen::Picker(p) => note::render_picker(self, p, body, buf),
        }
        if let Some(m) = &self.message {
            let style = match m.tone {
                Tone::Info => theme::dim(),
                Tone::Success => theme::success(),
                Tone::Warning => theme::warning(),
                Tone::Error => theme::alarm(),
            };
            Paragraph::new(Line::from(Span::styled(
                text::cut(&m.text, status.width as usize),
                style,
            )))
            .render(status, buf);
        }
        help::footer(self, footer, buf);
        help::overlays(self, area, buf);
    }
}
