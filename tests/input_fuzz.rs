//! The SSH input parser on generated input (the oracle in
//! `fuzz/oracles/input.rs`, shared with the libFuzzer target and the
//! time-boxed driver CI runs): any bytes in any chunks stay bounded and
//! never panic; well-formed keys give their events however they are split.
#[path = "../fuzz/oracles/input.rs"]
mod oracle;

use proptest::prelude::*;
use runde::serve::input::{InputParser, MAX_HELD_PASTE};

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_in_any_chunks(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        oracle::check(&data);
    }

    /// Bytes near the parser's special ones (ESC, `[`, `O`, digits, `;`,
    /// `~`, UTF-8 lead bytes) reach more of its branches than uniform ones.
    #[test]
    fn escape_heavy_bytes_in_any_chunks(
        mode in any::<u8>(),
        seeds in proptest::collection::vec(any::<u8>(), 4),
        body in proptest::collection::vec(any::<u16>(), 0..512),
    ) {
        const SPECIAL: &[u8] = b"\x1b\x1b\x1b[[O;~0129AZ\r\xc3\xe2\xf0\x80";
        let body = body.iter().map(|&x| {
            if x % 2 == 0 { SPECIAL[(x / 2) as usize % SPECIAL.len()] } else { (x >> 8) as u8 }
        });
        let data: Vec<u8> = [mode & !1].into_iter().chain(seeds).chain(body).collect();
        oracle::check(&data);
    }

    /// Sequences that never end (parameters only: digits, `;`, bytes no
    /// sequence ends with) are held only up to a bound, then dropped.
    #[test]
    fn unfinished_sequences_stay_bounded(
        seeds in proptest::collection::vec(any::<u8>(), 4),
        runs in proptest::collection::vec((0usize..200, any::<u8>()), 1..8),
    ) {
        let mut body = Vec::new();
        for (len, fill) in runs {
            body.extend_from_slice(b"\x1b[");
            body.extend((0..len).map(|i| b"0123456789;\x80\xff\x1f"[(i + fill as usize) % 14]));
        }
        let data: Vec<u8> = [vec![0], seeds, body].concat();
        oracle::check(&data);
    }

    #[test]
    fn well_formed_keys_split_anywhere(
        seeds in proptest::collection::vec(any::<u8>(), 4),
        body in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let data: Vec<u8> = [vec![1], seeds, body].concat();
        oracle::check(&data);
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// A paste longer than the parser keeps, in chunks of any size: what is
    /// held stays bounded and the paste comes out cut, not lost whole.
    #[test]
    fn an_endless_paste_stays_bounded(
        len in MAX_HELD_PASTE..3 * MAX_HELD_PASTE,
        chunk in 64usize..20_000,
    ) {
        let mut p = InputParser::new();
        prop_assert!(p.feed(b"\x1b[200~").is_empty());
        let text = vec![b'x'; len];
        for piece in text.chunks(chunk) {
            prop_assert!(p.feed(piece).is_empty());
            prop_assert!(p.held().1.is_some_and(|n| n <= MAX_HELD_PASTE), "{:?}", p.held());
        }
        let events = p.feed(b"\x1b[201~q");
        prop_assert_eq!(events.len(), 2);
        match &events[0] {
            ratatui::crossterm::event::Event::Paste(t) => prop_assert!(!t.is_empty() && t.len() <= MAX_HELD_PASTE),
            other => prop_assert!(false, "{:?}", other),
        }
    }
}

/// The oracle is not vacuous: each kind of key it decodes is a key with
/// its event.
#[test]
fn the_oracle_decodes_every_kind_of_key() {
    let mut seen = Vec::new();
    for kind in 0u8..9 {
        let keys = oracle::keys(&[kind, 3, 5, 5, 5]);
        assert!(!keys.events.is_empty(), "kind {kind}: {:?}", keys.bytes);
        seen.push(keys.bytes);
    }
    assert!(seen.iter().any(|b| b.starts_with(b"\x1b[200~")), "a paste");
    assert!(seen.iter().any(|b| b.starts_with(b"\x1bO")), "an SS3 key");
    assert!(seen.iter().any(|b| b.starts_with(b"\x1b[1;")), "a modified key");
}
