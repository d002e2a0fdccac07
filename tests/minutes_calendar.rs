//! The calendar invitation is the next meeting's: titled as that meeting
//! (or its topic), in the language asked for, with its place, a plain-text
//! description whose links are written out; writing it says so.
mod common;
mod minutes_common;

use icalendar::{Calendar, Component, EventLike};
use minutes_common::*;
use proptest::prelude::*;
use runde::export::Format;
use runde::model::Lang;

/// The one event of a calendar file.
fn event(ics: &str) -> icalendar::Event {
    let calendar: Calendar = ics.replace("\r\n ", "").parse().expect("valid iCalendar");
    calendar
        .components
        .iter()
        .find_map(|c| c.as_event())
        .cloned()
        .expect("one event")
}

#[test]
fn the_invitation_is_titled_as_the_next_meeting_in_the_language_asked_for() {
    let plan = example_plan();
    let de = event(&render(&plan, &state_with(&[]), Format::Ics, Lang::De));
    assert_eq!(
        de.get_summary(),
        Some("TransLOek: 6. Treffen des Netzwerks „Lokale Ökonomien am Niederrhein“")
    );
    let description = de.get_description().unwrap();
    assert!(description.starts_with("TransLOek: 6. Treffen"), "{description}");
    assert!(
        description.contains("Wann: 08.02.2022 von 15:00 bis 17:00 Uhr"),
        "{description}"
    );
    let en = event(&render(&plan, &state_with(&[]), Format::Ics, Lang::En));
    assert_eq!(
        en.get_summary(),
        Some("TransLOek: 6th meeting of the network “Lokale Ökonomien am Niederrhein”")
    );
    assert!(
        en.get_description()
            .unwrap()
            .contains("When: 8 February 2022, 3:00–5:00 pm")
    );
    assert_eq!(en.get_location(), None, "the example names no place");

    let mut plan = plan;
    let next = plan.next_meeting.as_mut().unwrap();
    next.topic = Some("Daten teilen im Quartier".into());
    let topic = event(&render(&plan, &state_with(&[]), Format::Ics, Lang::De));
    assert_eq!(topic.get_summary(), Some("TransLOek: Daten teilen im Quartier"));
}

#[test]
fn the_place_is_the_next_meetings_else_this_ones() {
    let mut plan = example_plan();
    plan.location = Some("Hochschule Niederrhein, Krefeld".into());
    let here = event(&render(&plan, &state_with(&[]), Format::Ics, Lang::De));
    assert_eq!(here.get_location(), Some("Hochschule Niederrhein, Krefeld"));
    assert!(
        here.get_description()
            .unwrap()
            .contains("\nOrt: Hochschule Niederrhein, Krefeld\n")
    );
    plan.next_meeting.as_mut().unwrap().location = Some("Rathaus; Saal 2".into());
    let there = event(&render(&plan, &state_with(&[]), Format::Ics, Lang::En));
    assert_eq!(there.get_location(), Some("Rathaus; Saal 2"));
    assert!(there.get_description().unwrap().contains("\nVenue: Rathaus; Saal 2"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Whatever Markdown links the closing words hold, the description is
    /// plain text: no link syntax, every address written out.
    #[test]
    fn the_description_is_plain_text_with_addresses_written_out(
        words in proptest::collection::vec(("[A-Za-zäü]{1,10}", proptest::option::of("[a-z]{1,8}")), 1..8),
    ) {
        let mut plan = example_plan();
        let mut closing = String::new();
        let mut urls = Vec::new();
        for (i, (word, link)) in words.iter().enumerate() {
            match link {
                Some(path) => {
                    let url = format!("https://example.org/{path}{i}");
                    closing.push_str(&format!("[{word}]({url}) "));
                    urls.push(url);
                }
                None => closing.push_str(&format!("{word} ")),
            }
        }
        plan.closing = Some(closing);
        let description = event(&render(&plan, &state_with(&[]), Format::Ics, Lang::De))
            .get_description()
            .unwrap()
            .to_string();
        prop_assert!(!description.contains("]("), "{}", description);
        prop_assert!(!description.contains('['), "{}", description);
        for url in urls {
            prop_assert!(description.contains(&url), "{}", description);
        }
    }
}

#[test]
fn the_example_description_writes_its_link_out() {
    let ics = render(&example_plan(), &state_with(&[]), Format::Ics, Lang::De);
    let description = event(&ics).get_description().unwrap().to_string();
    assert!(
        description.contains("TransLOek an der Hochschule Niederrhein (https://www.hs-niederrhein.de/transloek/)."),
        "{description}"
    );
}

#[test]
fn writing_a_calendar_says_it_wrote_the_invitation_not_minutes() {
    let (t, dir) = common::example_session();
    let out = t.path().join("next.ics");
    let done = common::runde()
        .args([
            "export",
            dir.to_str().unwrap(),
            "--format",
            "ics",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(done.status.success());
    let said = String::from_utf8(done.stderr).unwrap();
    assert!(said.contains("die Einladung zum nächsten Treffen nach"), "{said}");
    assert!(!said.contains("Protokoll"), "{said}");
    let english = common::runde()
        .args(["export", dir.to_str().unwrap(), "--format", "ics", "--lang", "en"])
        .output()
        .unwrap();
    let said = String::from_utf8(english.stderr.clone()).unwrap();
    assert!(said.contains("wrote the invitation to the next meeting"), "{said}");
    assert!(!said.contains("minutes"), "{said}");
    let german = std::fs::read_to_string(&out).unwrap();
    let english = String::from_utf8(english.stdout).unwrap();
    let summary = |t: &str| event(t).get_summary().map(str::to_string);
    assert_ne!(summary(&german), summary(&english), "--lang en is English");
}

#[test]
fn the_next_plan_takes_the_planned_topic_and_place() {
    let mut plan = example_plan();
    plan.location = Some("Hochschule Niederrhein".into());
    let next = runde::model::series::next_plan(&plan, None, None, false, runde::i18n::series_words(plan.lang)).unwrap();
    assert_eq!(
        next.location.as_deref(),
        Some("Hochschule Niederrhein"),
        "the same place by default"
    );
    let planned = plan.next_meeting.as_mut().unwrap();
    planned.topic = Some("Daten teilen im Quartier".into());
    planned.location = Some("Rathaus Krefeld".into());
    let next = runde::model::series::next_plan(&plan, None, None, false, runde::i18n::series_words(plan.lang)).unwrap();
    assert_eq!(next.title, "Daten teilen im Quartier");
    assert_eq!(next.location.as_deref(), Some("Rathaus Krefeld"));
    let named = runde::model::series::next_plan(
        &plan,
        None,
        Some("Eigener Titel"),
        false,
        runde::i18n::series_words(plan.lang),
    )
    .unwrap();
    assert_eq!(named.title, "Eigener Titel", "--title wins");
}
