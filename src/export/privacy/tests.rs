use super::*;

fn people() -> Vec<Person> {
    vec![
        Person {
            name: "Tobias Brandt".into(),
            public: false,
        },
        Person {
            name: "Selin Aydın".into(),
            public: false,
        },
        Person {
            name: "Jonas Weber".into(),
            public: false,
        },
        Person {
            name: "André Koch-Engelmann".into(),
            public: true,
        },
    ]
}

fn de(text: &str) -> String {
    Redactor::try_new(&people(), Lang::De).unwrap().redact(text)
}

fn en(text: &str) -> String {
    Redactor::try_new(&people(), Lang::En).unwrap().redact(text)
}

#[test]
fn full_name_surname_and_first_name_alone() {
    assert_eq!(de("Tobias Brandt sagte"), "[Name] sagte");
    assert_eq!(de("laut Brandt geht das"), "laut [Name] geht das");
    assert_eq!(de("Tobias meinte"), "[Name] meinte");
}

#[test]
fn honorifics_and_titles_go_with_the_name() {
    assert_eq!(de("Herr Brandt schlug vor"), "[Name] schlug vor");
    assert_eq!(de("mit Herrn Dr. Brandt"), "mit [Name]");
    assert_eq!(de("Frau Aydın, Fr. Aydin und Hr. Brandt"), "[Name], [Name] und [Name]");
    assert_eq!(de("Prof. Dr. Tobias Brandt"), "[Name]");
    assert_eq!(en("Mr Brandt, Ms. Aydın and Mrs Weber"), "[Name], [Name] and [Name]");
}

#[test]
fn any_whitespace_between_the_parts() {
    assert_eq!(de("Tobias\nBrandt"), "[Name]");
    assert_eq!(de("Tobias\u{a0}Brandt"), "[Name]");
    assert_eq!(de("Tobias \r\n  Brandt."), "[Name].");
    assert_eq!(de("To\u{ad}bias Bra\u{200b}ndt"), "[Name]");
}

#[test]
fn case_folding_includes_turkish_dotless_i() {
    assert_eq!(de("SELIN AYDIN kam"), "[Name] kam");
    assert_eq!(de("selin aydin"), "[Name]");
    assert_eq!(de("SELİN AYDIN"), "[Name]");
    assert_eq!(de("tobias brandt"), "[Name]");
}

#[test]
fn possessive_and_genitive_read_correctly() {
    assert_eq!(de("Brandts Idee"), "[Name]s Idee");
    assert_eq!(de("Tobias' Beispiel"), "[Name]s Beispiel");
    assert_eq!(en("Jonas's example"), "[Name]'s example");
    assert_eq!(en("Brandt’s idea"), "[Name]'s idea");
    assert_eq!(en("Tobias’ idea"), "[Name]'s idea");
}

#[test]
fn compounds_quotes_and_links() {
    assert_eq!(de("die Brandt-Methode"), "die [Name]-Methode");
    assert_eq!(de("„Tobias“ und 'Brandt'"), "„[Name]“ und '[Name]'");
    assert_eq!(
        de("[Tobias Brandt](https://example.org/tobias-brandt)"),
        "[[Name]](https://example.org/[Name])"
    );
}

#[test]
fn sentence_start_stays_readable_and_other_words_stay() {
    assert_eq!(de("Brandt. Tobias sagte"), "[Name]. [Name] sagte");
    assert_eq!(de("Brandtschutz und Tobiasson"), "Brandtschutz und Tobiasson");
}

#[test]
fn public_people_stay_named() {
    assert_eq!(de("André Koch-Engelmann sprach"), "André Koch-Engelmann sprach");
}

#[test]
fn uncertain_mentions_are_marked() {
    let mut people = people();
    people.push(Person {
        name: "Mark Brandt".into(),
        public: false,
    });
    people.push(Person {
        name: "Jonas Schmidt".into(),
        public: true,
    });
    let r = Redactor::try_new(&people, Lang::En).unwrap();
    let hits = r.hits("Mark the date. Herr Brandt. Jonas came.");
    let doubts: Vec<_> = hits.iter().map(|h| (h.found.as_str(), h.doubt)).collect();
    assert_eq!(
        doubts,
        [
            ("Mark", Some(Doubt::CommonWord)),
            ("Herr Brandt", None),
            ("Jonas", Some(Doubt::SharedWithPublicPerson)),
        ]
    );
    assert_eq!(r.redact("Jonas Schmidt spoke"), "Jonas Schmidt spoke");
}

#[test]
fn authors_need_consent() {
    let r = Redactor::try_new(&people(), Lang::De).unwrap();
    assert!(r.may_name_author("andré koch-engelmann"));
    assert!(!r.may_name_author("Tobias Brandt"));
    assert!(!r.may_name_author("Unlisted Person"));
}

#[test]
fn calendar_texts_are_redacted() {
    let mut plan = crate::synthetic::plan();
    plan.title = "Vortrag von Tobias Brandt".into();
    plan.closing = Some("Fragen an Frau Aydın".into());
    let r = Redactor::try_new(&people(), Lang::De).unwrap();
    let public = r.plan(&plan);
    assert_eq!(public.title, "Vortrag von [Name]");
    assert_eq!(public.closing.as_deref(), Some("Fragen an [Name]"));
}

#[test]
fn counts_what_it_changes() {
    let r = Redactor::try_new(&people(), Lang::De).unwrap();
    assert_eq!(r.redact_counting("Tobias und Brandt, nicht Anna").1, 2);
}
