//! Minutes of the shipped example: golden files for every format in both
//! languages, the newsletter's part order and counts, valid CommonMark and
//! HTML5, privacy in public minutes, empty boards left out.
mod common;
#[path = "common/shows.rs"]
mod shows;

use common::*;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use shows::*;

#[test]
fn golden_minutes_in_every_format_and_language() {
    let (_t, dir) = example_session();
    for lang in ["de", "en"] {
        let (next, next_date) = match lang {
            "de" => ("Nächstes Treffen", "08.02.2022"),
            _ => ("Next meeting", "8 February 2022"),
        };
        for format in ["md", "txt", "html", "json"] {
            let text = export(&dir, &["--format", format, "--lang", lang]);
            match format {
                "md" => {
                    let (headings, _, _) = outline(&text);
                    let levels: Vec<u8> = headings.iter().map(|(l, _)| *l).collect();
                    assert_eq!(levels, [1, 2, 2, 2, 3, 3, 2, 2, 2, 2], "{headings:?}");
                    assert_eq!(headings.last().map(|(_, t)| t.as_str()), Some(next));
                }
                "txt" => assert!(text.lines().nth(2).is_some_and(|l| l.starts_with("=====")), "{text}"),
                "html" => {
                    assert_shows(
                        &text,
                        &[&format!("<html lang=\"{lang}\">"), &format!("<h2>{next}</h2>")],
                    );
                    assert_eq!((text.matches("<h1").count(), text.matches("<h2").count()), (1, 7));
                }
                _ => {
                    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
                    // The data, not words: the plan keeps its own language.
                    assert_eq!(doc["plan"]["lang"], "de");
                    assert_eq!(json_note_counts(&doc), EXAMPLE_NOTES);
                }
            }
            if format != "json" {
                assert_shows(&text, &[next, next_date]);
                let escaped = WORKSHOPS.map(|w| {
                    if format == "html" {
                        w.replace('&', "&amp;")
                    } else {
                        w.into()
                    }
                });
                assert_in_order(&text, &escaped.each_ref().map(String::as_str));
            }
            insta::assert_snapshot!(format!("example_{lang}.{format}"), text);
        }
        let public = export(&dir, &["--format", "md", "--lang", lang, "--public"]);
        // People without consent (example plan: Tobias Brandt, Selin Aydın)
        // are not named; the speaker who agreed still is.
        for hidden in ["Tobias Brandt", "Selin Aydın"] {
            assert!(!public.contains(hidden), "{hidden} named in public minutes:\n{public}");
        }
        assert_shows(&public, &["André Koch-Engelmann", next]);
        assert_in_order(&public, &WORKSHOPS);
        insta::assert_snapshot!(format!("example_{lang}_public.md"), public);
    }
}

/// The example's four workshops, in the plan's order.
const WORKSHOPS: [&str; 4] = [
    "Methoden & Formate",
    "Fallstricke und Erfolgsfaktoren",
    "Verstetigung",
    "Akteure und Funktionen",
];

/// Notes per board of the example session, in the plan's order.
const EXAMPLE_NOTES: [(&str, usize); 6] = [
    ("keynote", 30),
    ("methods", 8),
    ("success", 7),
    ("continuity", 6),
    ("actors", 8),
    ("findings", 6),
];

fn json_note_counts(doc: &serde_json::Value) -> Vec<(&str, usize)> {
    doc["boards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let notes = b["sections"].as_array().unwrap().iter();
            let n = notes.map(|s| s["notes"].as_array().map_or(0, Vec::len)).sum();
            (b["id"].as_str().unwrap(), n)
        })
        .collect()
}

/// Headings (level, text), list item counts and table rows of a Markdown document.
type Outline = (Vec<(u8, String)>, Vec<usize>, Vec<Vec<String>>);

fn outline(md: &str) -> Outline {
    let mut headings = Vec::new();
    let mut lists = Vec::new();
    let mut table_rows: Vec<Vec<String>> = Vec::new();
    let mut in_heading: Option<u8> = None;
    let mut text = String::new();
    let mut depth = 0;
    let mut items = 0;
    let mut cell = String::new();
    let mut in_cell = false;
    let opts = pulldown_cmark::Options::ENABLE_TABLES;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                });
                text.clear();
            }
            Event::End(TagEnd::Heading(_)) => headings.push((in_heading.take().unwrap(), text.clone())),
            Event::Text(t) if in_heading.is_some() => text.push_str(&t),
            Event::Text(t) if in_cell => cell.push_str(&t),
            Event::Start(Tag::List(_)) => {
                depth += 1;
                items = 0;
            }
            Event::End(TagEnd::List(_)) => {
                depth -= 1;
                lists.push(items);
            }
            Event::Start(Tag::Item) if depth == 1 => items += 1,
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => table_rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                cell.clear();
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                table_rows.last_mut().unwrap().push(cell.clone());
            }
            _ => {}
        }
    }
    (headings, lists, table_rows)
}

#[test]
fn markdown_has_the_newsletter_parts_in_order_with_the_reference_counts() {
    let (_t, dir) = example_session();
    let md = export(&dir, &["--format", "md"]);
    let (headings, lists, rows) = outline(&md);
    let titles: Vec<String> = headings.iter().map(|(l, t)| format!("{l} {t}")).collect();
    assert_eq!(
        titles,
        [
            "1 TransLOek: „Netzwerken und Kooperationen in der Lokalen Ökonomie – Fallstricke und Erfolgsfaktoren“",
            "2 Impulsvortrag: „An einem Strang. Wie Kooperationen von Unternehmen und gemeinnützigen Organisationen einen Beitrag zur sozialen Quartiersentwicklung leisten können“",
            "2 Workshop 1: Methoden & Formate",
            "2 Workshop 2: Fallstricke und Erfolgsfaktoren",
            "3 Erfolgsfaktoren",
            "3 Fallstricke",
            "2 Workshop 3: Verstetigung",
            "2 Workshop 4: Akteure und Funktionen",
            "2 Zentrale Erkenntnisse",
            "2 Nächstes Treffen",
        ]
    );
    // Keynote: 5 paths, 4 examples, 9 dos and 8 don'ts (two lists, not
    // rows pairing unrelated items); workshops 8, 3+4, 5, 8; findings 5.
    assert_eq!(lists, [5, 4, 9, 8, 8, 3, 4, 5, 8, 5]);
    assert!(rows.is_empty(), "{rows:?}");
    assert!(md.contains("*Dos*\n\n- Früh Interesse zeigen"));
    assert!(md.contains("*Don’ts*\n\n- Auftreten wie im Vertrieb"));
    assert!(md.contains("(Quelle: [Vortrag von André Koch-Engelmann, UPJ](https://www.upj.de))"));
    assert!(md.contains("**08.02.2022 von 15:00 bis 17:00 Uhr**"));
    assert!(md.contains("Am 05. Oktober 2021 fand das fünfte Treffen"));
    assert!(md.contains("vier parallelen Workshops mit je 6–8 Personen"));
    assert!(md.contains("*Newsletter Nr. 07 / Oktober 2021*"));
}

#[test]
fn english_minutes_use_english_dates_and_times() {
    let (_t, dir) = example_session();
    let md = export(&dir, &["--format", "md", "--lang", "en"]);
    assert!(
        md.contains("On 5 October 2021, the network “Lokale Ökonomien am Niederrhein” held its fifth meeting."),
        "{md}"
    );
    assert!(md.contains("**8 February 2022, 3:00–5:00 pm**"));
    assert!(md.contains("(Source: [Vortrag von André Koch-Engelmann, UPJ](https://www.upj.de))"));
    assert!(md.contains("four parallel workshops of 6–8 people each"));
}

#[test]
fn html_is_a_valid_self_contained_page_with_escaped_text() {
    let (_t, dir) = example_session();
    runde()
        .args([
            "add",
            dir.to_str().unwrap(),
            "--board",
            "methods",
            "<script>alert(1)</script> & \u{1b}[31mred",
        ])
        .assert()
        .success();
    let html = export(&dir, &["--format", "html"]);
    let doc = scraper::Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(doc.select(&sel("html[lang=de]")).count(), 1);
    assert_eq!(doc.select(&sel("meta[charset=utf-8]")).count(), 1);
    assert_eq!(doc.select(&sel("style")).count(), 1);
    assert_eq!(
        doc.select(&sel("script")).count(),
        0,
        "note text must not become markup"
    );
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    assert_eq!(doc.select(&sel("h2")).count(), 7);
    // One row: the two lists side by side.
    assert_eq!(doc.select(&sel("table tbody tr")).count(), 1);
    assert_eq!(doc.select(&sel("table tbody td")).count(), 2);
    assert_eq!(doc.select(&sel("table tbody td:first-child li")).count(), 9);
    assert_eq!(doc.select(&sel("table tbody td:last-child li")).count(), 8);
    assert_eq!(
        doc.select(&sel("table caption"))
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
        "Kooperationen anbahnen"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;"));
    assert!(!html.contains('\u{1b}'), "control characters are neutralised");
    assert_eq!(
        doc.select(&sel("strong")).next().unwrap().text().collect::<String>(),
        "08.02.2022 von 15:00 bis 17:00 Uhr"
    );
}

#[test]
fn a_custom_template_replaces_the_default() {
    let (t, dir) = example_session();
    let tpl = t.path().join("mine.html");
    std::fs::write(&tpl, "<p>{{ title }} has {{ blocks | length }} blocks</p>").unwrap();
    let html = export(&dir, &["--format", "html", "--template", tpl.to_str().unwrap()]);
    assert!(html.starts_with("<p>Netzwerken und Kooperationen"), "{html}");
    std::fs::write(&tpl, "{% if %}").unwrap();
    export_refused(&dir, &["--format", "html", "--template", tpl.to_str().unwrap()])
        .stderr(predicates::str::contains("template"));
}

#[test]
fn text_minutes_wrap_at_72_columns_by_display_width() {
    let (_t, dir) = example_session();
    let txt = export(&dir, &["--format", "txt"]);
    use unicode_width::UnicodeWidthStr;
    // Only a URL too long for a line of its own may run over (it is never broken).
    for line in txt.lines().filter(|l| l.width() > 72) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert!(words.len() == 1 && words[0].contains("://"), "too wide: {line:?}");
    }
    assert!(txt.lines().any(|l| l.starts_with("Dos") && l.contains("Don’ts")));
}

#[test]
fn public_minutes_replace_names_of_people_without_consent() {
    let (_t, dir) = example_session();
    let d = dir.to_str().unwrap();
    runde()
        .args([
            "add",
            d,
            "--board",
            "findings",
            "Tobias Brandt schlägt vor, TOBIAS BRANDTs Liste zu teilen; André Koch-Engelmann stimmt zu.",
        ])
        .assert()
        .success();
    let public = export(&dir, &["--format", "md", "--public"]);
    assert!(!public.to_lowercase().contains("tobias brandt"), "{public}");
    assert!(
        public.contains(r"\[Name\] schlägt vor, \[Name\]s Liste zu teilen; André Koch-Engelmann stimmt zu."),
        "{public}"
    );
    assert!(!public.contains("Notiert von"), "no authors in public minutes");
    let json = export(&dir, &["--format", "json", "--public"]);
    assert!(
        !json.contains("Tobias Brandt") && !json.contains("Selin Aydın"),
        "public JSON drops names"
    );
    let internal = export(&dir, &["--format", "md"]);
    assert!(internal.contains("Tobias Brandt schlägt vor"));
    assert!(internal.contains("Notiert von Selin Aydın."));
    let check = runde().args(["export", d, "--check-public"]).output().unwrap();
    assert!(check.status.success(), "nothing uncertain");
    assert_eq!(String::from_utf8(check.stdout).unwrap(), "", "only what needs a look");
    assert!(String::from_utf8(check.stderr).unwrap().contains("2 Stellen lauten"));
}

#[test]
fn empty_boards_and_sections_are_left_out() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "success", "Nur ein Fallstrick", &["--section", "pitfalls"]);
    let md = export(&dir, &["--format", "md"]);
    let (headings, lists, _) = outline(&md);
    let titles: Vec<&str> = headings.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "„Netzwerktreffen“",
            "Workshop 1: Erfolgsfaktoren & Fallstricke",
            "Fallstricke"
        ]
    );
    assert_eq!(lists, [1]);
    // Four workshops ran (the plan's phase), one wrote notes.
    assert!(md.contains("in vier parallelen Workshops zu den Themen"), "{md}");
    assert!(
        md.contains(
            "Aus den Workshops „Methoden & Formate“, „Verstetigung“ sowie „Akteure & Rollen“ liegen keine Notizen vor."
        ),
        "{md}"
    );
}

#[test]
fn bidi_overrides_never_reach_exported_minutes() {
    use runde::export::{Format, Options, render};
    let mut plan = runde::synthetic::plan();
    plan.title = "Treffen \u{202E}gnudalniE\u{202C} \u{2066}x\u{2069}".into();
    if let Some(board) = plan.boards.first_mut() {
        board.title = "Board \u{202A}y\u{202D}".into();
    }
    let state = runde::model::SessionState::default();
    for format in [Format::Md, Format::Html, Format::Txt] {
        let opts = Options {
            format: Some(format),
            ..Options::default()
        };
        let out = render(&plan, &state, &opts).unwrap();
        assert!(out.contains("gnudalniE"), "{format:?}: the title is exported");
        let bidi: Vec<char> = out
            .chars()
            .filter(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect();
        assert!(bidi.is_empty(), "{format:?} carries bidi controls {bidi:?}");
    }
}
