//! The first screen of an SSH note-taker: asks for the person's name (the
//! author of their notes and the key of their draft). Runs on the same
//! byte terminal and input channel as the view that follows.
use std::io::Write;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text;
use crate::error::{Error, Result};
use crate::model::Lang;
use crate::runtime::{ByteTerminal, Msg};

/// Longest name kept, in characters.
pub const MAX_NAME: usize = 40;

/// What typing a key did to the name being entered.
#[derive(Debug, PartialEq, Eq)]
pub enum NameStep {
    Typing,
    Done(String),
    Leave,
}

/// Applies one event to `name`.
pub fn name_step(name: &mut String, ev: &Event) -> NameStep {
    let Event::Key(k) = ev else {
        if let Event::Paste(p) = ev {
            push_chars(name, p);
        }
        return NameStep::Typing;
    };
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    match k.code {
        KeyCode::Enter if !name.trim().is_empty() => NameStep::Done(name.trim().to_string()),
        KeyCode::Esc => NameStep::Leave,
        KeyCode::Char('c' | 'd') if ctrl => NameStep::Leave,
        KeyCode::Backspace => {
            name.pop();
            NameStep::Typing
        }
        KeyCode::Char(c) if !ctrl => {
            push_chars(name, &c.to_string());
            NameStep::Typing
        }
        _ => NameStep::Typing,
    }
}

fn push_chars(name: &mut String, typed: &str) {
    for c in typed.chars().filter(|c| !c.is_control()) {
        if name.chars().count() >= MAX_NAME {
            break;
        }
        name.push(c);
    }
}

/// Asks for a name; `None` when the person left, the connection dropped
/// or nothing was typed within `idle_limit`.
pub fn ask_name<W: Write>(
    terminal: &mut ByteTerminal<W>,
    rx: &mpsc::Receiver<Msg>,
    lang: Lang,
    idle_limit: Duration,
) -> Result<Option<String>> {
    let mut name = String::new();
    let started = Instant::now();
    loop {
        draw(terminal, &name, lang)?;
        let left = idle_limit.saturating_sub(started.elapsed());
        let ev = match rx.recv_timeout(left) {
            Ok(Msg::Term(ev)) => ev,
            Ok(Msg::Store) => continue,
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected | RecvTimeoutError::Timeout) => return Ok(None),
        };
        if let Event::Resize(w, h) = ev {
            terminal
                .resize(Rect::new(0, 0, w, h))
                .map_err(|e| Error::io("<terminal>", e))?;
        }
        match name_step(&mut name, &ev) {
            NameStep::Typing => {}
            NameStep::Done(name) => return Ok(Some(name)),
            NameStep::Leave => return Ok(None),
        }
    }
}

fn draw<W: Write>(terminal: &mut ByteTerminal<W>, name: &str, lang: Lang) -> Result<()> {
    terminal
        .draw(|frame| {
            let [_, middle, _] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(4), Constraint::Fill(1)]).areas(frame.area());
            let [_, boxed, _] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Max(50), Constraint::Fill(1)]).areas(middle);
            let block = Block::default()
                .borders(Borders::ALL)
                .title(text::NAME_PROMPT.get(lang));
            let lines = vec![Line::from(format!("> {name}▏")), Line::from(text::NAME_HINT.get(lang))];
            frame.render_widget(Paragraph::new(lines).block(block), boxed);
        })
        .map_err(|e| Error::io("<terminal>", e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn typing_a_name_and_confirming() {
        let mut name = String::new();
        for c in "Ana x".chars() {
            assert_eq!(name_step(&mut name, &key(KeyCode::Char(c))), NameStep::Typing);
        }
        name_step(&mut name, &key(KeyCode::Backspace));
        assert_eq!(name_step(&mut name, &key(KeyCode::Enter)), NameStep::Done("Ana".into()));
    }

    #[test]
    fn empty_names_are_not_accepted_and_names_are_bounded() {
        let mut name = String::new();
        assert_eq!(name_step(&mut name, &key(KeyCode::Enter)), NameStep::Typing);
        name_step(&mut name, &Event::Paste("x".repeat(100)));
        assert_eq!(name.chars().count(), MAX_NAME);
        assert_eq!(name_step(&mut name, &key(KeyCode::Esc)), NameStep::Leave);
    }
}
