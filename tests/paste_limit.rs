//! A paste is never cut silently: a note editor takes what fits (at most
//! `MAX_NOTE_BYTES`), the status line says how much, and the rest is kept
//! as a draft of its own — the saved note and that draft together hold
//! every character pasted. Generated pastes of any length around the limit
//! (one line or many, multi-byte characters), after text already typed.
#[path = "common/tui.rs"]
mod tui;

use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode};
use runde::app::MAX_NOTE_BYTES;
use runde::model::Lang;
use tui::*;

/// A text of about `len` bytes from `seed`: words of ASCII, umlauts, `€`
/// and emoji; with `lines`, a line break now and then.
fn text_of(len: usize, seed: u64, lines: bool) -> String {
    const WORDS: &[&str] = &["Vertrauen", "Zeit", "Grüße", "€", "🎉", "a", "naïve", "x"];
    let mut s = seed | 1;
    let mut out = String::with_capacity(len + 8);
    while out.len() < len {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        out.push_str(WORDS[(s % WORDS.len() as u64) as usize]);
        out.push(if lines && s % 11 == 0 { '\n' } else { ' ' });
    }
    out
}

fn live_texts(fx: &Fixture) -> Vec<String> {
    fx.session().state().live_notes().map(|n| n.text.clone()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn a_paste_past_the_note_limit_is_kept_whole_across_the_note_and_a_draft(
        len in MAX_NOTE_BYTES - 2_000..3 * MAX_NOTE_BYTES,
        seed in any::<u64>(),
        lines in any::<bool>(),
        typed in "[a-zäö ]{0,20}",
    ) {
        let fx = Fixture::example();
        let before = live_texts(&fx);
        let mut app = fx.note_taker(Some("methods"), Some("Kim"), Some(Lang::En));
        app.handle_key(key('a'));
        typ(&mut app, &typed);
        let pasted = text_of(len, seed, lines);
        app.handle_event(Event::Paste(pasted.clone()));
        let shown = screen(&app, 200, 30);
        app.handle_key(code(KeyCode::Enter));
        let whole = format!("{typed}{pasted}");
        let added: Vec<String> = live_texts(&fx).into_iter().filter(|t| !before.contains(t)).collect();
        prop_assert_eq!(added.len(), 1, "one note saved");
        let note = &added[0];
        prop_assert!(note.len() <= MAX_NOTE_BYTES, "{} bytes in one note", note.len());
        let drafts = app.board_drafts();
        if whole.len() <= MAX_NOTE_BYTES {
            prop_assert_eq!(note, &whole);
            prop_assert!(drafts.is_empty());
            prop_assert!(!shown.contains("Note full"));
        } else {
            prop_assert!(shown.contains("Note full"), "{}", shown);
            let taken = note.chars().count() - typed.chars().count();
            let told = format!("pasted {} of", taken.to_string().as_bytes().rchunks(3).rev()
                .map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(","));
            prop_assert!(shown.contains(&told), "says how much was taken ({}): {}", told, shown);
            prop_assert_eq!(drafts.len(), 1, "the rest is one draft");
            let rest = &drafts[0].text;
            prop_assert!(
                whole == format!("{note}{rest}") || whole == format!("{note}\n{rest}"),
                "note ({} bytes) and draft ({} bytes) hold the paste ({} bytes)",
                note.len(), rest.len(), whole.len()
            );
        }
    }
}

/// The rest reopened with `D` fills a note again, and what still does not
/// fit becomes the next draft: nothing is lost however often it goes round.
#[test]
fn the_rest_reopened_is_split_again_until_it_fits() {
    let fx = Fixture::example();
    let before = live_texts(&fx);
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), Some(Lang::En));
    let pasted = text_of(3 * MAX_NOTE_BYTES + 100, 7, false);
    app.handle_key(key('a'));
    app.handle_event(Event::Paste(pasted.clone()));
    app.handle_key(code(KeyCode::Enter));
    for round in 0..3 {
        assert_eq!(app.board_drafts().len(), 1, "round {round}: one draft left");
        app.handle_key(key('D'));
        let listed = screen(&app, 120, 30);
        assert!(listed.contains("1 + „"), "listed as a new note: {listed}");
        app.handle_key(key('1'));
        app.handle_key(code(KeyCode::Enter));
    }
    assert!(app.board_drafts().is_empty());
    let added: Vec<String> = live_texts(&fx).into_iter().filter(|t| !before.contains(t)).collect();
    assert_eq!(added.len(), 4);
    assert!(added.iter().all(|n| n.len() <= MAX_NOTE_BYTES));
    let joined: usize = added.iter().map(|n| n.chars().count()).sum();
    // Split inside words, never at a line break (there is none): every
    // character is in one of the notes.
    assert_eq!(joined, pasted.chars().count());
}
