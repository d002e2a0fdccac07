//! Helpers for scenario tests: an app on a copy of the example session
//! with a fake clock, keys, and the rendered screen as text.
#![allow(dead_code)]
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use runde::app::App;
use runde::clock::FakeClock;
use runde::runtime::Runner;
use runde::store::Session;

#[path = "shows.rs"]
mod shows;
#[allow(unused_imports)]
pub use shows::*;

/// 2021-10-05 15:00 UTC, just after the example meeting's notes were written.
pub const MEETING_START_MS: i64 = 1_633_446_000_000;

/// A copy of the example session, a fake clock at the meeting's start.
pub struct Fixture {
    pub _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub clock: FakeClock,
}

impl Fixture {
    pub fn example() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("example");
        std::fs::create_dir_all(&dir).unwrap();
        runde::example::write_to(&dir).unwrap();
        Fixture {
            _tmp: tmp,
            dir,
            clock: FakeClock::at(MEETING_START_MS),
        }
    }

    /// Another writer on the same folder (a second process in real life).
    pub fn session(&self) -> Session {
        Session::open_with_clock(&self.dir, Arc::new(self.clock.clone())).unwrap()
    }

    /// A facilitator view (times of day in UTC).
    pub fn facilitator(&self, lang: Option<runde::model::Lang>) -> Runner {
        Runner::facilitator(self.session(), lang)
    }

    /// A note-taker's view with drafts below the fixture's state folder.
    pub fn note_taker(&self, board: Option<&str>, by: Option<&str>, lang: Option<runde::model::Lang>) -> Runner {
        let mut s = self.session();
        s.set_author(by.map(str::to_string));
        let state = self._tmp.path().join("state");
        Runner::note_taker_with_state(s, board, lang, Ok(state)).unwrap()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The ids of `board`'s live notes, as a fresh reader of the folder sees them.
    pub fn note_ids(&self, board: &str) -> Vec<String> {
        Session::open(self.dir())
            .unwrap()
            .state()
            .live_notes()
            .filter(|n| n.board == board)
            .map(|n| n.id.clone())
            .collect()
    }

    /// How many live notes with exactly `text` a fresh reader of the folder sees.
    pub fn count_notes(&self, text: &str) -> usize {
        Session::open(self.dir())
            .unwrap()
            .state()
            .live_notes()
            .filter(|n| n.text == text)
            .count()
    }
}

pub fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

pub fn code(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Presses each character as a key.
pub fn typ(app: &mut Runner, text: &str) {
    for c in text.chars() {
        app.handle_key(key(c));
    }
}

/// Renders the app at `w`×`h` and returns the screen as text.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buf = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The rows of the `?` box (found by its German or English title), trimmed.
pub fn help_rows(text: &str) -> Vec<String> {
    let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let corner = |l: &Vec<char>| {
        let s: String = l.iter().collect();
        let at = s.find("┌ Tastenkürzel ").or_else(|| s.find("┌ Keys "))?;
        Some(s[..at].chars().count())
    };
    let Some((top, left)) = lines.iter().enumerate().find_map(|(y, l)| corner(l).map(|x| (y, x))) else {
        return Vec::new();
    };
    let right = lines[top]
        .iter()
        .skip(left)
        .position(|c| *c == '┐')
        .map_or(left, |p| p + left);
    lines[top + 1..]
        .iter()
        .take_while(|l| l.get(left) == Some(&'│'))
        .map(|l| {
            l[left + 1..right.min(l.len())]
                .iter()
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect()
}
