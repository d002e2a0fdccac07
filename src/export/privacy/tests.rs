use super::*;

fn person(name: &str, public: bool) -> Person {
    Person {
        name: name.into(),
        public,
    }
}

fn people() -> Vec<Person> {
    vec![
        person("Tobias Brandt", false),
        person("Selin Aydın", false),
        person("Jonas Weber", false),
        person("Jürgen Müller", false),
        person("Tobias Koch", false),
        person("André Lefèvre", false),
        person("Łukasz Wójcik", false),
        person("Siobhan O'Brien", false),
        person("Jonas Schmidt", false),
        person("Maria Bauer", false),
        person("André Koch-Engelmann", true),
        person("Anna Schmidt", true),
    ]
}

fn de(text: &str) -> String {
    Redactor::new(&people(), Lang::De).redact(text)
}

fn en(text: &str) -> String {
    Redactor::new(&people(), Lang::En).redact(text)
}

/// Each mention as written, with its doubt (`None`: certain).
fn kinds(text: &str) -> Vec<(String, Option<Doubt>)> {
    Redactor::new(&people(), Lang::De)
        .mentions(text)
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m.doubt))
        .collect()
}

fn certain(text: &str) -> Vec<String> {
    kinds(text)
        .into_iter()
        .filter(|(_, d)| d.is_none())
        .map(|(t, _)| t)
        .collect()
}

#[test]
fn the_reported_forms_of_a_full_name_are_certain() {
    for written in [
        "Ju\u{308}rgen Mu\u{308}ller",
        "Jurgen Muller",
        "Juergen Mueller",
        "Jürgen \u{41c}üller",
        "Jürgen Ｍüller",
        "JÜRGEN MÜLLER",
        "jürgen\u{a0}müller",
        "Jürgen\nMüller",
        "Jür\u{200b}gen Mül\u{ad}ler",
        "Andre Lefevre",
        "lukasz wojcik",
        "Siobhan OBrien",
        "Siobhan O’Brien",
        "Müller, Jürgen",
    ] {
        let all = kinds(written);
        match written.contains(',') {
            // Surname first with a comma reads as two lone names: asked about.
            true => assert!(
                all.iter().all(|(_, d)| d.is_some()) && all.len() == 2,
                "{written}: {all:?}"
            ),
            false => assert_eq!(certain(written), [written], "{written}: {all:?}"),
        }
    }
}

#[test]
fn honorifics_possessives_and_attributions_make_a_lone_name_certain() {
    assert_eq!(certain("Herr Brandt schlug vor"), ["Herr Brandt"]);
    assert_eq!(certain("mit Herrn Dr. Brandt"), ["Herrn Dr. Brandt"]);
    assert_eq!(certain("Prof. Dr. Tobias Brandt"), ["Prof. Dr. Tobias Brandt"]);
    assert_eq!(certain("Brandts Idee"), ["Brandts"]);
    assert_eq!(certain("Brandt’s idea"), ["Brandt’s"]);
    assert_eq!(certain("Tobias' Beispiel"), ["Tobias'"]);
    assert_eq!(certain("laut Brandt geht das"), ["Brandt"]);
    assert_eq!(certain("according to Brandt"), ["Brandt"]);
    assert_eq!(certain("Brandt meinte, es gehe"), ["Brandt"]);
    assert_eq!(certain("Gute Idee (Brandt)"), ["Brandt"]);
    assert_eq!(
        certain("Herr Bauer kam"),
        ["Herr Bauer"],
        "an honorific makes even an ordinary word a name"
    );
}

#[test]
fn lone_names_and_ordinary_words_are_doubtful() {
    assert_eq!(kinds("Tobias kam später"), [("Tobias".into(), Some(Doubt::Lone))]);
    assert_eq!(kinds("Wie Brandt es sah"), [("Brandt".into(), Some(Doubt::Lone))]);
    assert_eq!(kinds("Der Bauer hat gesät"), [("Bauer".into(), Some(Doubt::Ordinary))]);
    assert_eq!(kinds("des Bauers Feld"), [("Bauers".into(), Some(Doubt::Ordinary))]);
    assert_eq!(kinds("laut Bauer"), [("Bauer".into(), Some(Doubt::Ordinary))]);
    assert_eq!(kinds("die Brandt-Methode"), [("Brandt".into(), Some(Doubt::Lone))]);
    assert_eq!(kinds("Der Müller mahlt"), [("Müller".into(), Some(Doubt::Ordinary))]);
}

#[test]
fn names_shared_with_people_who_agreed_are_doubtful_unless_full() {
    assert_eq!(kinds("Schmidt sagte"), [("Schmidt".into(), Some(Doubt::Shared))]);
    assert_eq!(kinds("Frau Schmidt"), [("Frau Schmidt".into(), Some(Doubt::Shared))]);
    assert_eq!(kinds("Jonas Schmidt kam"), [("Jonas Schmidt".into(), None)]);
    assert!(kinds("Anna Schmidt kam").is_empty(), "her full name stays");
    assert!(kinds("André Koch-Engelmann und Koch-Engelmann").is_empty());
    assert_eq!(kinds("Koch sagte"), [("Koch".into(), Some(Doubt::Shared))]);
}

#[test]
fn everything_outside_a_mention_stays_byte_identical() {
    let text =
        "„Jürgen Müller“\u{a0}— Prof. Dr. Tobias\r\nBrandt’s *Idee*: [Selin Aydın](https://x.org/selin-aydin)\u{200b}!";
    let out = de(text);
    assert_eq!(
        out,
        "„[Name]“\u{a0}— [Name]s *Idee*: [[Name]](https://x.org/[Name])\u{200b}!"
    );
    assert_eq!(en("Tobias’ idea"), "[Name]'s idea");
}

#[test]
fn a_name_part_inside_another_word_is_no_mention() {
    assert!(kinds("Brandtschutz und Tobiasson, Kocher").is_empty());
}

#[test]
fn authors_need_consent() {
    let r = Redactor::new(&people(), Lang::De);
    assert!(r.may_name_author("andré koch-engelmann"));
    assert!(r.may_name_author("ANDRE\u{301} KOCH-ENGELMANN"));
    assert!(!r.may_name_author("Tobias Brandt"));
    assert!(!r.may_name_author("Unlisted Person"));
}

#[test]
fn calendar_texts_are_redacted() {
    let mut plan = crate::synthetic::plan();
    plan.title = "Vortrag von Tobias Brandt".into();
    plan.closing = Some("Fragen an Frau Aydın".into());
    let public = Redactor::new(&people(), Lang::De).plan(&plan);
    assert_eq!(public.title, "Vortrag von [Name]");
    assert_eq!(public.closing.as_deref(), Some("Fragen an [Name]"));
}

#[test]
fn words_of_decisions_are_found_in_any_form() {
    let r = Redactor::new(&people(), Lang::De);
    assert_eq!(r.words_matching("Mueller"), ["müller"]);
    assert_eq!(r.words_matching("KOCH"), ["koch"], "the part of the hidden person only");
    assert!(r.words_matching("Anna").is_empty());
}
