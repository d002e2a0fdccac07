//! Pure rules of running a meeting from the facilitator's seat: how long a
//! broadcast stays up, how long a seen signal is confirmed, the countdown
//! when the breakouts close.

/// When closing the breakouts with a countdown, every running group timer
/// is set to this much time left (Zoom's "close all rooms").
pub const CLOSING_COUNTDOWN_MS: i64 = 60_000;

/// A closing countdown's broadcast stays up this long.
pub const CLOSING_BROADCAST_MS: i64 = 2 * 60_000;

/// "The phase is over" stays on the note-takers' screens this long.
pub const PHASE_END_BROADCAST_MS: i64 = 10 * 60_000;

/// A note-taker sees "seen ✓" for this long after the facilitator acknowledged.
pub const SIGNAL_SEEN_SHOWN_MS: i64 = 5 * 60_000;

/// Longest expiry a broadcast can ask for, in minutes (a day).
const MAX_EXPIRY_MINUTES: i64 = 24 * 60;

/// Splits a typed broadcast into its text and an optional expiry in
/// minutes, written as a trailing ` /N` ("Kaffee ist da /5": shown for
/// five minutes). Anything else is text.
pub fn split_expiry(typed: &str) -> (String, Option<i64>) {
    let trimmed = typed.trim_end();
    if let Some((text, tail)) = trimmed.rsplit_once(" /") {
        if let Ok(minutes) = tail.parse::<i64>() {
            if (1..=MAX_EXPIRY_MINUTES).contains(&minutes) && !text.trim().is_empty() {
                return (text.trim_end().to_string(), Some(minutes));
            }
        }
    }
    (trimmed.to_string(), None)
}

/// True while a note-taker should still see that their signal was seen.
pub fn seen_still_shown(seen_ms: i64, now_ms: i64) -> bool {
    now_ms.saturating_sub(seen_ms) < SIGNAL_SEEN_SHOWN_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trailing_slash_number_is_the_expiry() {
        assert_eq!(split_expiry("Kaffee ist da /5"), ("Kaffee ist da".into(), Some(5)));
        assert_eq!(split_expiry("Noch 10 Minuten"), ("Noch 10 Minuten".into(), None));
        assert_eq!(split_expiry("1/2 Stunde"), ("1/2 Stunde".into(), None));
        assert_eq!(split_expiry(" /5"), (" /5".trim_end().into(), None));
        assert_eq!(split_expiry("x /0"), ("x /0".into(), None));
        assert_eq!(split_expiry("x /99999"), ("x /99999".into(), None));
    }

    #[test]
    fn seen_is_shown_for_five_minutes() {
        assert!(seen_still_shown(0, SIGNAL_SEEN_SHOWN_MS - 1));
        assert!(!seen_still_shown(0, SIGNAL_SEEN_SHOWN_MS));
    }
}
