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

use crate::error::{Error, Result};
use crate::i18n::serve_words;
use crate::model::{Lang, text};
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
        KeyCode::Enter => match text::clean_name(name, MAX_NAME) {
            clean if clean.is_empty() => NameStep::Typing,
            clean => NameStep::Done(clean),
        },
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

/// Adds typed or pasted characters as they will be kept: whitespace (line
/// breaks and tabs too) as a space, control and bidi characters not at all.
fn push_chars(name: &mut String, typed: &str) {
    let mut count = name.chars().count();
    for c in typed.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if text::is_unsafe_in_name(c) {
            continue;
        }
        if count >= MAX_NAME {
            break;
        }
        name.push(c);
        count += 1;
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
            // A name is at most `MAX_NAME` characters: a cut paste loses nothing more.
            Ok(Msg::Store | Msg::PasteCut(_)) => continue,
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
                .title(serve_words(lang).name_prompt);
            let lines = vec![
                Line::from(format!("> {name}▏")),
                Line::from(serve_words(lang).name_hint),
            ];
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

    /// Characters a hostile or careless name is made of: letters, spaces,
    /// terminal controls, bidi overrides and isolates, direction marks,
    /// line separators and anything else Unicode has.
    fn name_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => prop::sample::select(vec!['A', 'n', 'a', 'ö', 'ß', '李', '🎉', 'ب', '-', '.']),
            2 => prop::sample::select(vec![' ', '\t', '\n', '\r', '\u{2028}', '\u{2029}', '\u{a0}', '\u{3000}']),
            2 => prop::sample::select(vec![
                '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
                '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
            ]),
            2 => prop::sample::select(vec!['\u{1b}', '\u{7}', '\u{0}', '\u{8}', '\u{7f}', '\u{9b}', '\u{85}']),
            2 => any::<char>(),
        ]
    }

    use proptest::prelude::*;

    proptest! {
        /// Whatever is typed or pasted, the accepted name has no control or
        /// bidi character, no line break, no doubled or outer space, at
        /// most MAX_NAME characters, and keeps the visible characters in
        /// the order they were typed.
        #[test]
        fn generated_names_come_out_clean(
            chars in prop::collection::vec(name_char(), 0..80),
            pasted in any::<bool>(),
        ) {
            let mut name = String::new();
            let typed: String = chars.iter().collect();
            if pasted {
                name_step(&mut name, &Event::Paste(typed.clone()));
            } else {
                for c in &chars {
                    name_step(&mut name, &key(KeyCode::Char(*c)));
                }
            }
            let visible: String = typed
                .chars()
                .filter(|c| !c.is_whitespace() && !text::is_unsafe_in_name(*c))
                .collect();
            match name_step(&mut name, &key(KeyCode::Enter)) {
                NameStep::Done(done) => {
                    prop_assert!(!done.is_empty());
                    prop_assert!(done.chars().count() <= MAX_NAME);
                    prop_assert!(!done.chars().any(text::is_unsafe_in_name), "{done:?}");
                    prop_assert!(!done.chars().any(|c| c.is_whitespace() && c != ' '), "{done:?}");
                    prop_assert_eq!(done.trim(), done.as_str());
                    prop_assert!(!done.contains("  "), "{:?}", done);
                    let kept: String = done.chars().filter(|c| *c != ' ').collect();
                    prop_assert!(visible.starts_with(&kept), "{kept:?} not a prefix of {visible:?}");
                }
                other => prop_assert!(visible.is_empty(), "{other:?} although {visible:?} was typed"),
            }
        }
    }
}
