//! Every view at every size from 1x1 to 300x100, under random key
//! sequences, renders without panicking.
#[path = "common/tui.rs"]
mod tui;

use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use runde::app::Action;
use tui::*;

fn any_key() -> impl Strategy<Value = KeyEvent> {
    let chars = prop::sample::select(vec![
        'a', 'e', 'd', 'u', '*', 'J', 'K', 'm', 't', '!', '/', '?', 'q', 'n', 'N', 'S', 'P', '+', '-', 'b', 'p', 'f',
        'j', 'k', 'h', 'l', 'r', ' ', '1', '2', '3', '5', '9', 'y', 'x', 'ü', '🎉', '日',
    ]);
    let codes = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Backspace,
        KeyCode::Delete,
    ]);
    prop_oneof![
        chars.prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        codes.prop_map(|c| KeyEvent::new(c, KeyModifiers::NONE)),
        Just(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)),
        Just(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]
    #[test]
    fn any_size_and_keys_never_panic(
        sizes in proptest::collection::vec((1u16..300, 1u16..100), 1..4),
        keys in proptest::collection::vec(any_key(), 0..60),
        note_view in any::<bool>(),
        seconds in 0i64..4000,
    ) {
        let fx = Fixture::example();
        let mut app = if note_view { fx.note_taker(Some("success"), Some("Tobias Brandt"), None) } else { fx.facilitator(None) };
        for (i, key) in keys.into_iter().enumerate() {
            app.handle_key(key);
            if i % 7 == 0 {
                fx.clock.advance_secs(seconds);
                app.update(Action::Tick);
            }
            if app.quit() { break; }
            let (w, h) = sizes[i % sizes.len()];
            screen(&app, w, h);
        }
        for (w, h) in [(1, 1), (2, 1), (300, 100)].into_iter().chain(sizes) {
            screen(&app, w, h);
        }
    }
}
