//! The minutes report the meeting as it happened: the workshops that ran
//! (the plan's phase, not only those with notes), a keynote without notes
//! with its speaker, the places, plain-text links without nested
//! brackets, and in the other language every plan text marked and every
//! label translated.
mod minutes_common;

use minutes_common::*;
use proptest::prelude::*;
use runde::export::Format;
use runde::model::{Board, BoardKind, Lang, Section};

const WORKSHOPS: [(&str, &str, &str); 4] = [
    ("methods", "notes", "Methoden & Formate"),
    ("success", "factors", "Fallstricke und Erfolgsfaktoren"),
    ("continuity", "notes", "Verstetigung"),
    ("actors", "notes", "Akteure und Funktionen"),
];

/// The paragraph that opens the workshops.
fn overview(md: &str) -> &str {
    md.split("\n\n")
        .find(|p| p.contains("parallelen Workshops") || p.contains("in einem Workshop"))
        .unwrap_or("")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whichever workshops wrote notes, the overview counts and names the
    /// four that ran in the phase, says which have no notes, and only
    /// those with notes get a part; a workshop outside the agenda counts
    /// only when it has notes.
    #[test]
    fn the_overview_counts_and_names_the_workshops_that_ran(
        with_notes in proptest::collection::vec(any::<bool>(), 4),
        extra_has_notes in any::<bool>(),
    ) {
        let mut plan = example_plan();
        let mut extra = Board::new("extra", BoardKind::Workshop, "Zusatzrunde", vec![Section {
            id: "notes".into(),
            title: "Notizen".into(),
            lead: None,
        }]);
        extra.participants = Some(7);
        plan.boards.push(extra);
        let mut notes = vec![];
        for (i, (board, section, _)) in WORKSHOPS.iter().enumerate() {
            if with_notes[i] {
                notes.push((*board, *section, "Eine Notiz"));
            }
        }
        if extra_has_notes {
            notes.push(("extra", "notes", "Noch eine Notiz"));
        }
        let md = render(&plan, &state_with(&notes), Format::Md, Lang::De);
        let text = overview(&md);
        let ran = 4 + usize::from(extra_has_notes);
        let count = if ran == 4 { "vier" } else { "fünf" };
        prop_assert!(text.contains(&format!("in {count} parallelen Workshops")), "{}", text);
        for (_, _, title) in WORKSHOPS {
            prop_assert!(text.contains(&format!("„{title}“")), "{title} named: {}", text);
        }
        prop_assert_eq!(text.contains("„Zusatzrunde“"), extra_has_notes);
        let silent: Vec<&str> = WORKSHOPS
            .iter()
            .zip(&with_notes)
            .filter(|(_, n)| !**n)
            .map(|((_, _, t), _)| *t)
            .collect();
        let sentence = text.split(". ").find(|s| s.contains("keine Notizen")).unwrap_or("");
        for (_, _, title) in WORKSHOPS {
            prop_assert_eq!(sentence.contains(&format!("„{title}“")), silent.contains(&title), "{}", text);
        }
        prop_assert_eq!(sentence.is_empty(), silent.is_empty());
        let parts = md.lines().filter(|l| l.starts_with("## Workshop ")).count();
        prop_assert_eq!(parts, with_notes.iter().filter(|n| **n).count() + usize::from(extra_has_notes));
    }
}

#[test]
fn the_overview_of_the_example_with_two_silent_workshops_names_all_four() {
    let plan = example_plan();
    let state = state_with(&[("methods", "notes", "A"), ("actors", "notes", "B")]);
    let md = render(&plan, &state, Format::Md, Lang::De);
    let expected = "Im Anschluss arbeiteten die Teilnehmenden in vier parallelen Workshops mit je 6–8 Personen zu den Themen „Methoden & Formate“, „Fallstricke und Erfolgsfaktoren“, „Verstetigung“ sowie „Akteure und Funktionen“. Aus den Workshops „Fallstricke und Erfolgsfaktoren“ sowie „Verstetigung“ liegen keine Notizen vor.";
    assert!(md.contains(expected), "{md}");
    let en = render(&plan, &state, Format::Md, Lang::En);
    assert!(
        en.contains("in four parallel workshops of 6–8 people each")
            && en
                .contains("No notes were taken in the workshops “Fallstricke und Erfolgsfaktoren” and “Verstetigung”."),
        "{en}"
    );
}

#[test]
fn a_keynote_without_notes_still_names_speaker_role_organisation_and_title() {
    let plan = example_plan();
    let state = state_with(&[("methods", "notes", "Eine Notiz")]);
    let md = render(&plan, &state, Format::Md, Lang::De);
    assert!(
        md.contains("## Impulsvortrag: „An einem Strang. Wie Kooperationen von Unternehmen und gemeinnützigen Organisationen einen Beitrag zur sozialen Quartiersentwicklung leisten können“"),
        "{md}"
    );
    assert!(
        md.contains(
            "Vortrag von André Koch-Engelmann (stellvertretender Geschäftsführer, [UPJ Netzwerk](https://www.upj.de))."
        ),
        "{md}"
    );
    // The workshops follow the talk.
    assert!(md.contains("Im Anschluss arbeiteten die Teilnehmenden"), "{md}");
    let en = render(&plan, &state, Format::Txt, Lang::En);
    assert!(en.contains("Talk by André Koch-Engelmann (stellvertretender"), "{en}");
}

#[test]
fn a_placeholder_keynote_without_speaker_or_notes_is_left_out() {
    let mut plan = example_plan();
    let keynote = plan.boards.iter_mut().find(|b| b.id == "keynote").unwrap();
    keynote.title = "Impulsvortrag".into();
    keynote.speaker = None;
    let md = render(&plan, &state_with(&[]), Format::Md, Lang::De);
    assert!(!md.contains("## Impulsvortrag"), "{md}");
}

#[test]
fn the_place_of_this_meeting_and_of_the_next_appear_where_given() {
    let mut plan = example_plan();
    let md = render(&plan, &state_with(&[]), Format::Md, Lang::De);
    assert!(!md.contains("Ort:"), "no place, no label: {md}");
    plan.location = Some("Hochschule Niederrhein, Krefeld".into());
    if let Some(next) = plan.next_meeting.as_mut() {
        next.location = Some("Rathaus Mönchengladbach".into());
    }
    let md = render(&plan, &state_with(&[]), Format::Md, Lang::De);
    assert!(
        md.contains("„Lokale Ökonomien am Niederrhein“ statt (Ort: Hochschule Niederrhein, Krefeld). Im Mittelpunkt"),
        "{md}"
    );
    assert!(
        md.contains("**08.02.2022 von 15:00 bis 17:00 Uhr** statt (Ort: Rathaus Mönchengladbach) – wir laden"),
        "{md}"
    );
    let en = render(&plan, &state_with(&[]), Format::Md, Lang::En);
    assert!(
        en.contains("held its fifth meeting (venue: Hochschule Niederrhein, Krefeld)."),
        "{en}"
    );
}

#[test]
fn plain_text_writes_a_link_inside_parentheses_after_a_comma() {
    let plan = example_plan();
    let txt = render(
        &plan,
        &state_with(&[("keynote", "dos", "Früh Interesse zeigen")]),
        Format::Txt,
        Lang::De,
    );
    let flat = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("(stellvertretender Geschäftsführer, UPJ Netzwerk, https://www.upj.de)."),
        "{flat}"
    );
    assert!(
        flat.contains("(Quelle: Vortrag von André Koch-Engelmann, UPJ, https://www.upj.de)"),
        "{flat}"
    );
    assert!(flat.contains("TransLOek an der Hochschule Niederrhein (https://www.hs-niederrhein.de/transloek/)."));
}

/// The deepest nesting of parentheses in a text.
fn depth(text: &str) -> usize {
    let (mut d, mut max) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '(' => {
                d += 1;
                max = max.max(d);
            }
            ')' => d = d.saturating_sub(1),
            _ => {}
        }
    }
    max
}

proptest! {
    /// Spelling out links never nests brackets deeper than the text
    /// itself (or one level for a link outside any), and every address is
    /// written out.
    #[test]
    fn spelled_out_links_never_nest_brackets(
        parts in proptest::collection::vec((r"[a-zäö ()]{0,12}", proptest::option::of(r"[a-z]{1,8}")), 1..6),
    ) {
        use runde::export::inline::Inline;
        let mut runs = Vec::new();
        let mut urls = Vec::new();
        for (i, (text, link)) in parts.iter().enumerate() {
            runs.push(Inline::text(text.clone()));
            if let Some(l) = link {
                let url = format!("https://example.org/{i}{l}");
                runs.push(Inline::Link { text: l.clone(), url: url.clone() });
                urls.push(url);
            }
        }
        let plain = runde::export::inline::plain(&runs);
        let out = runde::export::text::spelled_out(&runs);
        prop_assert!(depth(&out) <= depth(&plain).max(1), "{:?} → {:?}", plain, out);
        for url in urls {
            prop_assert!(out.contains(&url));
        }
    }
}

#[test]
fn minutes_in_the_other_language_mark_every_plan_text_and_translate_every_label() {
    let plan = example_plan();
    let state = state_with(&[
        ("keynote", "dos", "Früh Interesse zeigen"),
        ("keynote", "donts", "Belehren"),
        ("success", "factors", "Eine Notiz"),
        ("findings", "notes", "Ein Ergebnis"),
    ]);
    let html = render(&plan, &state, Format::Html, Lang::En);
    let doc = scraper::Html::parse_document(&html);
    // Every text node holding a plan text sits in an element marked German
    // (in the body: a page's <title> holds text only).
    let keynote = plan.board("keynote").unwrap();
    let success = plan.board("success").unwrap();
    let mut plan_texts = vec![
        plan.title.clone(),
        plan.network.clone().unwrap(),
        keynote.title.clone(),
        keynote.role.clone().unwrap(),
        keynote.organization.clone().unwrap(),
        keynote.table.as_ref().unwrap().caption.clone(),
        "Dos".into(),
        keynote.source.clone().unwrap(),
        success.question.clone().unwrap(),
        "Erfolgsfaktoren".into(),
        "Zentrale Erkenntnisse".into(),
    ];
    plan_texts.extend(WORKSHOPS.iter().map(|(_, _, t)| t.to_string()));
    for wanted in &plan_texts {
        let mut seen = 0;
        for node in doc.tree.nodes() {
            let Some(text) = node.value().as_text() else { continue };
            let in_head = node
                .ancestors()
                .filter_map(|a| a.value().as_element())
                .any(|e| e.name() == "head");
            if in_head || !text.contains(wanted.as_str()) {
                continue;
            }
            seen += 1;
            let lang = node
                .ancestors()
                .filter_map(|a| a.value().as_element())
                .find_map(|e| e.attr("lang"));
            assert_eq!(lang, Some("de"), "{wanted:?} in {:?}", &text[..text.len().min(80)]);
        }
        assert!(seen > 0, "{wanted:?} is shown");
    }
    for label in [
        "Newsletter No. 07 / October 2021",
        "Keynote: “",
        "Talk by ",
        "(Source: ",
        "Workshop 1: ",
        "The group started from the questions: ",
        "Next meeting",
        "8 February 2022",
    ] {
        assert!(html.contains(label), "{label:?} in {html}");
    }
    for german_label in [
        "Nr. 07",
        "(Quelle",
        "Vortrag von André Koch-Engelmann (",
        "Nächstes Treffen",
    ] {
        assert!(!html.contains(german_label), "{german_label:?} in English minutes");
    }
    // In its own language nothing is marked.
    let de = render(&plan, &state, Format::Html, Lang::De);
    assert!(!de.contains(" lang=\"en\"") && !de.contains("<span lang"), "{de}");
}

#[test]
fn the_plan_editor_sets_the_places_the_publisher_and_the_next_topic() {
    use runde::app::prepare::{Field, MEETING_ORDER, MeetingRow, apply_field, field_text};
    let row = |r: MeetingRow| Field::Meeting(MEETING_ORDER.iter().position(|x| *x == r).unwrap());
    let mut plan = example_plan();
    plan.next_meeting = None;
    let notes = Default::default();
    for (r, text) in [
        (MeetingRow::Location, "Hochschule Niederrhein, Krefeld"),
        (MeetingRow::Organization, "TransLOek"),
        (MeetingRow::NextLocation, "Rathaus"),
        (MeetingRow::NextTopic, "Daten teilen"),
    ] {
        apply_field(&mut plan, row(r), &format!(" {text} "), &notes).unwrap();
        assert_eq!(field_text(&plan, row(r)), text);
    }
    assert_eq!(plan.location.as_deref(), Some("Hochschule Niederrhein, Krefeld"));
    assert_eq!(plan.organization.as_deref(), Some("TransLOek"));
    let next = plan.next_meeting.as_ref().unwrap();
    assert_eq!(
        (next.location.as_deref(), next.topic.as_deref()),
        (Some("Rathaus"), Some("Daten teilen"))
    );
    apply_field(&mut plan, row(MeetingRow::Location), "", &notes).unwrap();
    assert_eq!(plan.location, None, "an empty field clears the place");
    // The plan with the new fields reads back; an older plan without them too.
    let text = plan.to_pretty_json().unwrap();
    let again = runde::model::Plan::parse(std::path::Path::new("p.json"), &text).unwrap();
    assert_eq!(again, plan);
}
