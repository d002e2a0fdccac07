//! Turns the bytes an SSH client's terminal sends into crossterm-style
//! events: printable UTF-8, Enter, Backspace, Tab, Shift-Tab, Esc, arrows,
//! Home/End, PgUp/PgDn, Insert/Delete, F1–F12, Alt-keys, Ctrl-letters and
//! bracketed paste (`ESC[200~ … ESC[201~` → [`Event::Paste`]). Sequences
//! may be split across packets; every buffer is bounded. A paste longer
//! than [`MAX_HELD_PASTE`] keeps its start, and the bytes it dropped are
//! counted for [`InputParser::take_cut`], so the view can say so.
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Longest escape sequence kept while waiting for its end.
const MAX_PENDING: usize = 32;
/// Longest paste kept; the rest is dropped (and counted). Well above the
/// longest note ([`crate::app::MAX_NOTE_BYTES`]), so that what does not fit
/// into a note arrives too and is kept as a draft.
const MAX_PASTE: usize = 2 * 1024 * 1024;
/// Most bytes of an unfinished sequence a parser holds between two calls
/// of [`InputParser::feed`] (see [`InputParser::held`]).
pub const MAX_HELD_SEQUENCE: usize = MAX_PENDING;
/// Most bytes of an unfinished paste it holds, and the longest paste.
pub const MAX_HELD_PASTE: usize = MAX_PASTE;
const ESC: u8 = 0x1b;
const PASTE_END: &[u8] = b"\x1b[201~";

/// A streaming parser of terminal input bytes.
#[derive(Debug, Default)]
pub struct InputParser {
    pending: Vec<u8>,
    paste: Option<Vec<u8>>,
    /// Bytes dropped from the paste being collected.
    dropping: u64,
    /// Bytes dropped from pastes that ended, not yet taken.
    cut: u64,
}

/// One step of parsing: an event (or nothing) and the bytes it used.
enum Step {
    Event(Option<Event>, usize),
    /// The bytes so far may start a longer sequence.
    Incomplete,
}

impl InputParser {
    /// A parser with nothing pending.
    pub fn new() -> InputParser {
        InputParser::default()
    }

    /// Bytes held until more input comes: of an unfinished sequence, and
    /// of a paste while one is being collected (for bounds checks in tests
    /// and fuzzing).
    pub fn held(&self) -> (usize, Option<usize>) {
        (self.pending.len(), self.paste.as_ref().map(Vec::len))
    }

    /// Bytes dropped from the pastes that ended since the last call (each
    /// longer than [`MAX_HELD_PASTE`]); 0 when none was cut.
    pub fn take_cut(&mut self) -> u64 {
        std::mem::take(&mut self.cut)
    }

    /// Parses `bytes` (following whatever was pending) into events. A lone
    /// ESC at the end of a packet is the Esc key: terminals send a key's
    /// whole sequence in one write.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        self.pending.extend_from_slice(bytes);
        let mut at = 0;
        while at < self.pending.len() {
            if self.paste.is_some() {
                match self.take_paste(at, &mut events) {
                    0 => break,
                    used => at += used,
                }
                continue;
            }
            match parse_one(&self.pending[at..]) {
                Step::Event(ev, used) => {
                    if let Some(Event::Paste(_)) = ev {
                        self.paste = Some(Vec::new());
                    } else if let Some(ev) = ev {
                        events.push(ev);
                    }
                    at += used;
                }
                Step::Incomplete if self.pending[at..] == [ESC] => {
                    events.push(key(KeyCode::Esc, KeyModifiers::NONE));
                    at += 1;
                }
                Step::Incomplete if self.pending.len() - at > MAX_PENDING => at = self.pending.len(),
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..at);
        events
    }

    /// Collects paste text from `at`; returns the bytes used (0: wait for more).
    fn take_paste(&mut self, at: usize, events: &mut Vec<Event>) -> usize {
        let rest = &self.pending[at..];
        let Some(paste) = self.paste.as_mut() else {
            return rest.len();
        };
        if let Some(end) = find(rest, PASTE_END) {
            self.dropping += push_bounded(paste, &rest[..end]);
            if self.dropping > 0 {
                // Cut at the bound: a character split there goes with the rest.
                self.dropping += drop_torn_char(paste);
            }
            self.cut += std::mem::take(&mut self.dropping);
            let text = normalise_newlines(&String::from_utf8_lossy(paste));
            self.paste = None;
            events.push(Event::Paste(text));
            return end + PASTE_END.len();
        }
        // Keep a tail that may be the start of the end marker.
        let keep = (1..PASTE_END.len())
            .rev()
            .find(|&n| rest.len() >= n && PASTE_END.starts_with(&rest[rest.len() - n..]))
            .unwrap_or(0);
        self.dropping += push_bounded(paste, &rest[..rest.len() - keep]);
        rest.len() - keep
    }
}

/// Appends what fits below [`MAX_PASTE`]; returns the bytes dropped.
fn push_bounded(buf: &mut Vec<u8>, bytes: &[u8]) -> u64 {
    let room = MAX_PASTE.saturating_sub(buf.len());
    let taken = bytes.len().min(room);
    buf.extend_from_slice(&bytes[..taken]);
    (bytes.len() - taken) as u64
}

/// Removes a UTF-8 character torn at the end of `buf`; returns its bytes.
fn drop_torn_char(buf: &mut Vec<u8>) -> u64 {
    let tail = buf.len().saturating_sub(3);
    let Some(lead) = (tail..buf.len()).rev().find(|&i| buf[i] & 0xc0 != 0x80) else {
        return 0;
    };
    let want = match buf[lead] {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    };
    if buf.len() - lead >= want {
        return 0;
    }
    let torn = (buf.len() - lead) as u64;
    buf.truncate(lead);
    torn
}

fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// A character key, with SHIFT for upper-case letters as crossterm reports them.
fn char_key(c: char, extra: KeyModifiers) -> Event {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), shift | extra)
}

fn parse_one(bytes: &[u8]) -> Step {
    match bytes[0] {
        ESC => parse_escape(bytes),
        b'\r' | b'\n' => Step::Event(Some(key(KeyCode::Enter, KeyModifiers::NONE)), 1),
        0x7f | 0x08 => Step::Event(Some(key(KeyCode::Backspace, KeyModifiers::NONE)), 1),
        b'\t' => Step::Event(Some(key(KeyCode::Tab, KeyModifiers::NONE)), 1),
        0 => Step::Event(Some(key(KeyCode::Char(' '), KeyModifiers::CONTROL)), 1),
        b @ 1..=0x1a => Step::Event(Some(key(KeyCode::Char((b + 0x60) as char), KeyModifiers::CONTROL)), 1),
        0x1c..=0x1f => Step::Event(None, 1),
        _ => parse_utf8(bytes, KeyModifiers::NONE, 0),
    }
}

/// One UTF-8 character starting at `bytes[0]`; `prefix` bytes precede it.
fn parse_utf8(bytes: &[u8], extra: KeyModifiers, prefix: usize) -> Step {
    let len = match bytes[0] {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return Step::Event(None, prefix + 1),
    };
    if bytes.len() < len {
        return Step::Incomplete;
    }
    match std::str::from_utf8(&bytes[..len]).ok().and_then(|s| s.chars().next()) {
        Some(c) => Step::Event(Some(char_key(c, extra)), prefix + len),
        None => Step::Event(None, prefix + 1),
    }
}

fn parse_escape(bytes: &[u8]) -> Step {
    let Some(&next) = bytes.get(1) else {
        return Step::Incomplete;
    };
    match next {
        b'[' => parse_csi(bytes),
        b'O' => match bytes.get(2) {
            None => Step::Incomplete,
            Some(&b) => Step::Event(ss3_key(b).map(|c| key(c, KeyModifiers::NONE)), 3),
        },
        b'\r' | b'\n' => Step::Event(Some(key(KeyCode::Enter, KeyModifiers::ALT)), 2),
        ESC => Step::Event(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        0x7f => Step::Event(Some(key(KeyCode::Backspace, KeyModifiers::ALT)), 2),
        0x20..=0x7e | 0x80..=0xff => parse_utf8(&bytes[1..], KeyModifiers::ALT, 1),
        _ => Step::Event(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
    }
}

fn ss3_key(b: u8) -> Option<KeyCode> {
    Some(match b {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(b - b'P' + 1),
        _ => return None,
    })
}

/// `ESC [ params final`.
fn parse_csi(bytes: &[u8]) -> Step {
    let Some(end) = bytes[2..].iter().position(|b| (0x40..=0x7e).contains(b)) else {
        return Step::Incomplete;
    };
    let final_at = end + 2;
    let params: Vec<u16> = std::str::from_utf8(&bytes[2..final_at])
        .unwrap_or("")
        .split(';')
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    let first = params.first().copied().unwrap_or(0);
    let modifiers = params.get(1).map_or(KeyModifiers::NONE, |&m| csi_modifiers(m));
    let code = match bytes[final_at] {
        b'A' => Some(KeyCode::Up),
        b'B' => Some(KeyCode::Down),
        b'C' => Some(KeyCode::Right),
        b'D' => Some(KeyCode::Left),
        b'H' => Some(KeyCode::Home),
        b'F' => Some(KeyCode::End),
        b'Z' => return Step::Event(Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)), final_at + 1),
        b'~' if first == 200 => return Step::Event(Some(Event::Paste(String::new())), final_at + 1),
        b'~' => tilde_key(first),
        _ => None,
    };
    Step::Event(code.map(|c| key(c, modifiers)), final_at + 1)
}

fn tilde_key(n: u16) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23 | 24 => KeyCode::F((n - 12) as u8),
        _ => return None,
    })
}

/// xterm's modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4).
fn csi_modifiers(m: u16) -> KeyModifiers {
    let bits = m.saturating_sub(1);
    let mut mods = KeyModifiers::NONE;
    if bits & 1 != 0 {
        mods |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        mods |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        mods |= KeyModifiers::CONTROL;
    }
    mods
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<Event> {
        InputParser::new().feed(bytes)
    }

    fn k(code: KeyCode, m: KeyModifiers) -> Event {
        key(code, m)
    }

    #[test]
    fn printable_utf8_and_controls() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            keys("aÄ€\r\x7f\t".as_bytes()),
            vec![
                k(KeyCode::Char('a'), none),
                k(KeyCode::Char('Ä'), KeyModifiers::SHIFT),
                k(KeyCode::Char('€'), none),
                k(KeyCode::Enter, none),
                k(KeyCode::Backspace, none),
                k(KeyCode::Tab, none),
            ]
        );
        assert_eq!(keys(b"\x04"), vec![k(KeyCode::Char('d'), KeyModifiers::CONTROL)]);
    }

    #[test]
    fn escape_sequences() {
        let none = KeyModifiers::NONE;
        assert_eq!(keys(b"\x1b"), vec![k(KeyCode::Esc, none)]);
        assert_eq!(
            keys(b"\x1b[A\x1bOB"),
            vec![k(KeyCode::Up, none), k(KeyCode::Down, none)]
        );
        assert_eq!(keys(b"\x1b[Z"), vec![k(KeyCode::BackTab, KeyModifiers::SHIFT)]);
        assert_eq!(keys(b"\x1b\r"), vec![k(KeyCode::Enter, KeyModifiers::ALT)]);
        assert_eq!(
            keys(b"\x1b[5~\x1b[6~"),
            vec![k(KeyCode::PageUp, none), k(KeyCode::PageDown, none)]
        );
        assert_eq!(keys(b"\x1b[1;5C"), vec![k(KeyCode::Right, KeyModifiers::CONTROL)]);
        assert_eq!(
            keys(b"\x1b[H\x1b[4~"),
            vec![k(KeyCode::Home, none), k(KeyCode::End, none)]
        );
    }

    #[test]
    fn sequences_split_across_packets() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b[").is_empty());
        assert_eq!(p.feed(b"B"), vec![k(KeyCode::Down, KeyModifiers::NONE)]);
        assert!(p.feed(&"€".as_bytes()[..1]).is_empty());
        assert_eq!(
            p.feed(&"€".as_bytes()[1..]),
            vec![k(KeyCode::Char('€'), KeyModifiers::NONE)]
        );
    }

    #[test]
    fn bracketed_paste_is_one_event_even_when_split() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b[200~line one\r\nline").is_empty());
        assert!(p.feed(b" two\x1b[20").is_empty());
        assert_eq!(
            p.feed(b"1~x"),
            vec![
                Event::Paste("line one\nline two".into()),
                k(KeyCode::Char('x'), KeyModifiers::NONE)
            ]
        );
    }

    #[test]
    fn a_paste_past_the_bound_keeps_its_start_and_counts_the_rest() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b[200~").is_empty());
        let text = vec![b'x'; MAX_PASTE + 1000];
        for piece in text.chunks(4096) {
            assert!(p.feed(piece).is_empty());
        }
        assert_eq!(p.take_cut(), 0, "counted when the paste ends");
        let events = p.feed(b"\x1b[201~\x1b[200~short\x1b[201~");
        assert_eq!(events.len(), 2);
        assert!(matches!(&events[0], Event::Paste(t) if t.len() == MAX_PASTE));
        assert_eq!(p.take_cut(), 1000);
        assert_eq!(p.take_cut(), 0, "taken once");
    }

    #[test]
    fn garbage_stays_bounded() {
        let mut p = InputParser::new();
        let mut junk = b"\x1b[".to_vec();
        junk.extend(std::iter::repeat_n(b'1', 100));
        p.feed(&junk);
        assert!(p.pending.len() <= MAX_PENDING + 2);
        assert_eq!(p.feed(b"q"), vec![k(KeyCode::Char('q'), KeyModifiers::NONE)]);
    }
}
