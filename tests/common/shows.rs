//! Content assertions for screens and documents: what a snapshot must
//! show, checked beside it, so a snapshot accepted by mistake still fails.
#![allow(dead_code)]

/// Fails unless `text` contains every piece of `wanted`, naming each one
/// missing and showing the whole text.
#[track_caller]
pub fn assert_shows(text: &str, wanted: &[&str]) {
    let missing: Vec<&str> = wanted.iter().copied().filter(|w| !text.contains(w)).collect();
    assert!(missing.is_empty(), "missing {missing:?} in:\n{text}");
}

/// Fails unless each of `parts` occurs in `text`, each after the one before.
#[track_caller]
pub fn assert_in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        let Some(at) = text[from..].find(part) else {
            panic!("{part:?} missing or out of order in:\n{text}");
        };
        from += at + part.len();
    }
}

/// Line `n` of a screen (0 is the top), `""` past the end.
pub fn line(text: &str, n: usize) -> &str {
    text.lines().nth(n).unwrap_or_default()
}

/// The last line that is not blank: a view's footer.
pub fn last_line(text: &str) -> &str {
    text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default()
}
