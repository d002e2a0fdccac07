//! What must hold for the SSH input parser (`runde::serve::input`) on any
//! bytes a client sends. One oracle, three drivers: the libFuzzer target
//! `fuzz/fuzz_targets/input.rs`, the time-boxed driver
//! `examples/fuzz_input.rs` that CI runs, and `tests/input_fuzz.rs`.
//!
//! The first byte of the data picks what it is read as:
//! - **raw** (even): the rest is the byte stream itself, fed in chunks.
//!   No panic; after every chunk the parser holds at most
//!   `MAX_HELD_SEQUENCE` bytes of an unfinished sequence and
//!   `MAX_HELD_PASTE` of a paste; no more events than bytes; a paste of at
//!   most `MAX_HELD_PASTE` characters; and a parser holding nothing acts
//!   like a new one (the rest of the stream gives both the same events;
//!   "nothing" includes not being inside a paste).
//! - **keys** (odd): the rest is read as a list of well-formed keys
//!   (characters, control keys, CSI and SS3 sequences with modifiers,
//!   Alt-keys, bracketed pastes), each with the event a terminal means by
//!   it, written here from xterm's conventions, not from the parser. The
//!   stream gives exactly those events, fed whole or split anywhere — except
//!   right after the ESC that starts a sequence, which the parser reads as
//!   the Esc key when a packet ends there (terminals send a sequence in one
//!   write).
//!
//! Chunk lengths come from the data's first bytes, so a fuzzer explores
//! them too.
#![allow(dead_code)]
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use runde::serve::input::{InputParser, MAX_HELD_PASTE, MAX_HELD_SEQUENCE};

/// What one check fed and got.
#[derive(Debug, Default, Clone, Copy)]
pub struct Fed {
    pub bytes: usize,
    pub events: usize,
}

/// Checks every property on `data`; panics (with the reason) when one fails.
pub fn check(data: &[u8]) -> Fed {
    let Some((&mode, rest)) = data.split_first() else {
        return Fed::default();
    };
    let (seeds, body) = rest.split_at(rest.len().min(4));
    if mode % 2 == 0 {
        check_raw(body, seeds)
    } else {
        check_keys(body, seeds)
    }
}

/// Chunk lengths cycling through `seeds` (1 to 64 bytes; one chunk
/// without seeds).
fn chunks(len: usize, seeds: &[u8], mut allowed: impl FnMut(usize) -> bool) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while at < len && !seeds.is_empty() {
        at = (at + 1 + seeds[i % seeds.len()] as usize % 64).min(len);
        while at < len && !allowed(at) {
            at += 1;
        }
        ends.push(at);
        i += 1;
    }
    if ends.last() != Some(&len) {
        ends.push(len);
    }
    ends
}

fn feed_checked(p: &mut InputParser, bytes: &[u8]) -> Vec<Event> {
    let events = p.feed(bytes);
    let (sequence, paste) = p.held();
    let paste = paste.unwrap_or(0);
    assert!(sequence <= MAX_HELD_SEQUENCE, "holds {sequence} bytes of a sequence");
    assert!(paste <= MAX_HELD_PASTE, "holds {paste} bytes of a paste");
    for e in &events {
        if let Event::Paste(text) = e {
            let n = text.chars().count();
            assert!(n <= MAX_HELD_PASTE, "a paste of {n} characters");
        }
    }
    events
}

/// Bytes the parser holds, in all (a paste being collected counts one more).
fn total(p: &InputParser) -> usize {
    let (sequence, paste) = p.held();
    sequence + paste.map_or(0, |n| n + 1)
}

fn check_raw(body: &[u8], seeds: &[u8]) -> Fed {
    let mut p = InputParser::new();
    // From the first point where `p` holds nothing, a new parser is fed the
    // same chunks: both must give the same events.
    let mut fresh: Option<(InputParser, Vec<Event>, Vec<Event>)> = None;
    let mut events = 0;
    let mut from = 0;
    for end in chunks(body.len(), seeds, |_| true) {
        let held = total(&p);
        let chunk = &body[from..end];
        let got = feed_checked(&mut p, chunk);
        assert!(
            got.len() <= chunk.len() + held,
            "{} events from {} bytes",
            got.len(),
            chunk.len() + held
        );
        events += got.len();
        if let Some((q, ours, theirs)) = fresh.as_mut() {
            ours.extend(got);
            theirs.extend(feed_checked(q, chunk));
        } else if total(&p) == 0 {
            fresh = Some((InputParser::new(), Vec::new(), Vec::new()));
        }
        from = end;
    }
    if let Some((_, ours, theirs)) = fresh {
        assert_eq!(ours, theirs, "a parser holding nothing acts unlike a new one");
    }
    Fed {
        bytes: body.len(),
        events,
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// A character key as terminals' users see it: upper case comes with Shift.
fn char_key(c: char, extra: KeyModifiers) -> Event {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), shift | extra)
}

const CHARS: [&str; 8] = ["ä", "Ä", "€", "😀", "ß", "É", "ł", "中"];
const ARROWS: [(u8, KeyCode); 6] = [
    (b'A', KeyCode::Up),
    (b'B', KeyCode::Down),
    (b'C', KeyCode::Right),
    (b'D', KeyCode::Left),
    (b'H', KeyCode::Home),
    (b'F', KeyCode::End),
];
/// `ESC [ n ~` keys (xterm and VT220).
const TILDE: [(u16, KeyCode); 20] = [
    (1, KeyCode::Home),
    (2, KeyCode::Insert),
    (3, KeyCode::Delete),
    (4, KeyCode::End),
    (5, KeyCode::PageUp),
    (6, KeyCode::PageDown),
    (7, KeyCode::Home),
    (8, KeyCode::End),
    (11, KeyCode::F(1)),
    (12, KeyCode::F(2)),
    (13, KeyCode::F(3)),
    (14, KeyCode::F(4)),
    (15, KeyCode::F(5)),
    (17, KeyCode::F(6)),
    (18, KeyCode::F(7)),
    (19, KeyCode::F(8)),
    (20, KeyCode::F(9)),
    (21, KeyCode::F(10)),
    (23, KeyCode::F(11)),
    (24, KeyCode::F(12)),
];
/// `ESC O x` keys: the arrows, Home and End as after `ESC [`, and F1–F4.
const SS3_F: [(u8, KeyCode); 4] = [
    (b'P', KeyCode::F(1)),
    (b'Q', KeyCode::F(2)),
    (b'R', KeyCode::F(3)),
    (b'S', KeyCode::F(4)),
];

/// xterm's modifier parameter `m`: m - 1 = shift 1 | alt 2 | ctrl 4.
fn modifiers(m: u8) -> KeyModifiers {
    let bits = m - 1;
    let mut mods = KeyModifiers::NONE;
    for (bit, m) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
    ] {
        if bits & bit != 0 {
            mods |= m;
        }
    }
    mods
}

/// A stream of well-formed keys decoded from `data`: its bytes, the events
/// it means, and the offsets right after a sequence's leading ESC.
#[derive(Default)]
pub struct Keys {
    pub bytes: Vec<u8>,
    pub events: Vec<Event>,
    esc_starts: Vec<usize>,
}

impl Keys {
    fn push(&mut self, bytes: &[u8], event: Option<Event>) {
        if bytes.first() == Some(&0x1b) {
            self.esc_starts.push(self.bytes.len() + 1);
        }
        self.bytes.extend_from_slice(bytes);
        self.events.extend(event);
    }
}

/// Decodes keys: each takes one byte for its kind and one or two for its
/// parameters.
pub fn keys(data: &[u8]) -> Keys {
    let mut k = Keys::default();
    let mut it = data.iter().copied();
    let none = KeyModifiers::NONE;
    while let Some(kind) = it.next() {
        let a = it.next().unwrap_or(0);
        match kind % 9 {
            0 => {
                let c = (0x20 + a % 95) as char;
                k.push(&[c as u8], Some(char_key(c, none)));
            }
            1 => {
                let s = CHARS[a as usize % CHARS.len()];
                let c = s.chars().next().unwrap_or(' ');
                k.push(s.as_bytes(), Some(char_key(c, none)));
            }
            2 => {
                let b = a % 32;
                let event = match b {
                    0 => Some(key(KeyCode::Char(' '), KeyModifiers::CONTROL)),
                    0x08 => Some(key(KeyCode::Backspace, none)),
                    0x09 => Some(key(KeyCode::Tab, none)),
                    0x0a | 0x0d => Some(key(KeyCode::Enter, none)),
                    0x1b => {
                        // Not a lone ESC (that is a key only at a packet's
                        // end): DEL, Backspace's other byte.
                        k.push(b"\x7f", Some(key(KeyCode::Backspace, none)));
                        continue;
                    }
                    0x1c..=0x1f => None,
                    _ => Some(key(KeyCode::Char((b + 0x60) as char), KeyModifiers::CONTROL)),
                };
                k.push(&[b], event);
            }
            3 => {
                let (x, code) = ARROWS[a as usize % ARROWS.len()];
                if a % 7 == 6 {
                    k.push(b"\x1b[Z", Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)));
                } else {
                    k.push(&[0x1b, b'[', x], Some(key(code, none)));
                }
            }
            4 => {
                let (x, code) = ARROWS[a as usize % ARROWS.len()];
                let m = 2 + it.next().unwrap_or(0) % 7;
                k.push(
                    format!("\x1b[1;{m}{}", x as char).as_bytes(),
                    Some(key(code, modifiers(m))),
                );
            }
            5 => {
                let (n, code) = TILDE[a as usize % TILDE.len()];
                k.push(format!("\x1b[{n}~").as_bytes(), Some(key(code, none)));
            }
            6 => {
                let ss3: Vec<&(u8, KeyCode)> = ARROWS.iter().chain(&SS3_F).collect();
                let &(x, code) = ss3[a as usize % ss3.len()];
                k.push(&[0x1b, b'O', x], Some(key(code, none)));
            }
            7 => match a % 4 {
                0 => k.push(b"\x1b\r", Some(key(KeyCode::Enter, KeyModifiers::ALT))),
                1 => k.push(b"\x1b\x7f", Some(key(KeyCode::Backspace, KeyModifiers::ALT))),
                2 => {
                    let s = CHARS[it.next().unwrap_or(0) as usize % CHARS.len()];
                    let c = s.chars().next().unwrap_or(' ');
                    k.push(&[b"\x1b", s.as_bytes()].concat(), Some(char_key(c, KeyModifiers::ALT)));
                }
                _ => {
                    let mut c = (0x20 + it.next().unwrap_or(0) % 95) as char;
                    if c == '[' || c == 'O' {
                        c = 'x'; // those start sequences
                    }
                    k.push(&[0x1b, c as u8], Some(char_key(c, KeyModifiers::ALT)));
                }
            },
            _ => {
                // A bracketed paste of `a % 48` pieces; newlines (CR LF, LF,
                // a lone CR) arrive as LF.
                let mut bytes = b"\x1b[200~".to_vec();
                let mut text = String::new();
                for _ in 0..a % 48 {
                    let p = it.next().unwrap_or(0);
                    let (b, t): (&[u8], &str) = match p % 8 {
                        0 => (b"\r\n", "\n"),
                        1 => (b"\n", "\n"),
                        2 => (b"\rx", "\nx"),
                        3 => ("ä€".as_bytes(), "ä€"),
                        4 => (b" ", " "),
                        5 => (b"[201~", "[201~"),
                        _ => (&[b'a' + p % 26], ""),
                    };
                    bytes.extend_from_slice(b);
                    if t.is_empty() {
                        text.push((b'a' + p % 26) as char);
                    } else {
                        text.push_str(t);
                    }
                }
                bytes.extend_from_slice(b"\x1b[201~");
                k.push(&bytes, Some(Event::Paste(text)));
            }
        }
    }
    k
}

/// The bytes escaped, for a failure message.
fn shown(bytes: &[u8]) -> String {
    bytes.escape_ascii().to_string()
}

fn check_keys(body: &[u8], seeds: &[u8]) -> Fed {
    let k = keys(body);
    let mut whole = InputParser::new();
    assert_eq!(
        feed_checked(&mut whole, &k.bytes),
        k.events,
        "fed whole: {}",
        shown(&k.bytes)
    );
    assert_eq!(total(&whole), 0, "left over after whole keys");
    let ends = chunks(k.bytes.len(), seeds, |at| k.esc_starts.binary_search(&at).is_err());
    let mut split = InputParser::new();
    let mut events = Vec::new();
    let mut from = 0;
    for &end in &ends {
        events.extend(feed_checked(&mut split, &k.bytes[from..end]));
        from = end;
    }
    assert_eq!(events, k.events, "split at {ends:?}: {}", shown(&k.bytes));
    assert_eq!(total(&split), 0, "left over after split keys");
    Fed {
        bytes: k.bytes.len(),
        events: events.len(),
    }
}
