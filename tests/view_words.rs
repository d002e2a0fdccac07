//! Issue 27, point 3: an error a view shows (the store's or the rules'
//! refusal) is worded in the view's language, like the command line's.
#[path = "common/tui.rs"]
mod tui;

use runde::error::Error;
use runde::model::Lang;
use runde::model::problem::StoreProblem;
use runde::runtime::Runner;
use tui::*;

/// Whatever the store refuses when a note-taker's drafts cannot be kept,
/// the view says it in its language.
#[test]
fn a_view_words_the_stores_refusal_in_its_language() {
    let fx = Fixture::example();
    let refusals = [
        StoreProblem::NoStateDir {
            env: "RUNDE_STATE_DIR".into(),
        },
        StoreProblem::TooManyViews {
            path: fx.dir().join("drafts"),
        },
        StoreProblem::IsLink {
            path: fx.dir().join("state"),
        },
    ];
    for lang in [Lang::De, Lang::En] {
        for refusal in &refusals {
            let e = Error::Store(refusal.clone());
            let expected = e.in_lang(lang);
            let runner = Runner::note_taker_with_state(fx.session(), Some("methods"), Some(lang), Err(e)).unwrap();
            // A standing notice in the view's message stack.
            let said: Vec<String> = runner.app().shared.messages().into_iter().map(|m| m.text).collect();
            let said = said.join(" | ");
            assert!(
                said.contains(&expected),
                "{lang:?} view did not say {expected:?} for {refusal:?}: {said:?}"
            );
        }
    }
}

/// The plan editor says why a template was not saved in its language.
#[test]
fn the_plan_editor_words_a_refused_template_in_its_language() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use runde::app::prepare::Action;
    use runde::runtime::prepare::PrepareRunner;
    for lang in [Lang::De, Lang::En] {
        let tmp = tempfile::tempdir().unwrap();
        let date = runde::model::plan::Date::try_from("2021-10-05".to_string()).unwrap();
        let mut p = PrepareRunner::open(tmp.path().join("s"), Some(lang), date).unwrap();
        p.plan = runde::model::template::plan("kompetenznetzwerk", lang, Some("Treffen"), date).unwrap();
        for _ in 0..4 {
            p.update(Action::NextTab);
        }
        p.update(Action::SaveTemplate);
        for c in "blank".chars() {
            p.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        p.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        let expected = Error::Store(StoreProblem::BuiltInTemplate { name: "blank".into() }).in_lang(lang);
        let said = p.editor().message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
        assert!(
            said.contains(&expected),
            "{lang:?} editor did not say {expected:?}: {said:?}"
        );
    }
}
