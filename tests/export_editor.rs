//! Minutes a newsletter editor can publish as they are: the generated
//! wording in German and English, links and inline formatting, HTML for a
//! CMS and for e-mail, Word and PDF checked with real readers, and the
//! mode of files written with `-o`.
mod common;

use common::*;
use std::path::Path;

/// Changes the session's plan with `f` (the plan as JSON).
fn edit_plan(dir: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("session.json");
    let mut plan: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    f(&mut plan);
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
}

fn board<'a>(plan: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    plan["boards"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|b| b["id"] == id)
        .unwrap()
}

#[test]
fn the_intro_says_the_meeting_took_place_and_the_title_names_the_kind_of_event() {
    let (_t, dir) = example_session();
    edit_plan(&dir, |p| p["event"] = "Kompetenznetzwerk-Treffen".into());
    let md = export(&dir, &["--format", "md"]);
    assert!(
        md.starts_with("# TransLOek: Kompetenznetzwerk-Treffen zum Thema „Netzwerken und Kooperationen"),
        "{md}"
    );
    assert!(md.contains(
        "Am 05. Oktober 2021 fand das fünfte Treffen des Netzwerks „Lokale Ökonomien am Niederrhein“ statt."
    ));
    assert!(!md.contains("zusammen. Im Mittelpunkt"));
    let en = export(&dir, &["--format", "md", "--lang", "en"]);
    assert!(
        en.starts_with("# TransLOek: Kompetenznetzwerk-Treffen on “Netzwerken"),
        "{en}"
    );
}

#[test]
fn the_keynote_byline_needs_no_inflection() {
    let (_t, dir) = example_session();
    let md = export(&dir, &["--format", "md"]);
    assert!(
        md.contains(
            "Vortrag von André Koch-Engelmann (stellvertretender Geschäftsführer, [UPJ Netzwerk](https://www.upj.de))."
        ),
        "{md}"
    );
    assert!(!md.contains("Koch-Engelmann, stellvertretender"));
}

#[test]
fn the_transition_quotes_topics_joins_with_sowie_and_agrees_in_number() {
    let (_t, dir) = example_session();
    let md = export(&dir, &["--format", "md"]);
    assert!(
        md.contains("Im Anschluss arbeiteten die Teilnehmenden in vier parallelen Workshops mit je 6–8 Personen zu den Themen „Methoden & Formate“, „Fallstricke und Erfolgsfaktoren“, „Verstetigung“ sowie „Akteure und Funktionen“."),
        "{md}"
    );
    let en = export(&dir, &["--format", "md", "--lang", "en"]);
    assert!(
        en.contains("“Verstetigung” and “Akteure und Funktionen”"),
        "no mixed and/und: {en}"
    );
    assert!(!en.contains("Verstetigung and Akteure"));

    let (_t2, one) = new_session("kompetenznetzwerk", "de");
    edit_plan(&one, |p| {
        board(p, "success")["participants"] = 7.into();
        // Only this workshop runs in the meeting.
        p["agenda"][2]["boards"] = serde_json::json!(["success"]);
    });
    add(&one, "success", "Nur ein Fallstrick", &["--section", "pitfalls"]);
    let md = export(&one, &["--format", "md"]);
    assert!(
        md.contains("Die Teilnehmenden arbeiteten in einem Workshop mit 7 Personen zum Thema „"),
        "{md}"
    );
    assert!(!md.contains("Danach"), "nothing came before: {md}");
    let en = export(&one, &["--format", "md", "--lang", "en"]);
    assert!(
        en.contains("The participants worked in one workshop of 7 people on “"),
        "{en}"
    );
    assert!(!en.contains("each"), "{en}");
}

#[test]
fn question_lead_ins_vary_and_agree_with_the_number_of_questions() {
    let (_t, dir) = example_session();
    let md = export(&dir, &["--format", "md"]);
    let leads: Vec<&str> = md
        .lines()
        .filter(|l| l.ends_with('?'))
        .filter_map(|l| l.split_once(": ").map(|(lead, _)| lead))
        .filter(|lead| lead.contains("Frage"))
        .collect();
    assert_eq!(leads.len(), 4, "{md}");
    let distinct: std::collections::BTreeSet<&&str> = leads.iter().collect();
    assert_eq!(distinct.len(), 4, "varied: {leads:?}");
    assert!(leads[0].ends_with("die Frage"), "one question: {leads:?}");
    for lead in &leads[1..] {
        assert!(lead.contains("Fragen"), "several questions: {leads:?}");
    }
}

#[test]
fn the_closing_thanks_names_the_network_and_invites_to_the_next_meeting() {
    let (_t, dir) = example_session();
    let md = export(&dir, &["--format", "md"]);
    assert!(md.contains(
        "Das nächste Treffen des Netzwerks „Lokale Ökonomien am Niederrhein“ findet am **08.02.2022 von 15:00 bis 17:00 Uhr** statt"
    ), "{md}");
    assert!(md.contains("Dank") && md.contains("laden"), "{md}");
    let en = export(&dir, &["--format", "md", "--lang", "en"]);
    assert!(en.contains("The next meeting of the network “Lokale Ökonomien am Niederrhein” takes place on **8 February 2022, 3:00–5:00 pm**"), "{en}");
    assert!(en.contains("invited"));
}

#[test]
fn english_ordinals_beyond_twelve_have_the_right_suffix() {
    let (_t, dir) = example_session();
    for (n, word) in [
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (13, "13th"),
    ] {
        edit_plan(&dir, |p| p["meeting_number"] = n.into());
        let en = export(&dir, &["--format", "md", "--lang", "en"]);
        assert!(en.contains(&format!("held its {word} meeting")), "{n}: {en}");
    }
}

#[test]
fn attributions_never_follow_a_colon_and_no_text_line_starts_with_a_dash() {
    let (_t, dir) = example_session();
    add(&dir, "continuity", "Noch ein Gedanke", &["--by", "Jonas Weber"]);
    let md = export(&dir, &["--format", "md"]);
    assert!(md.contains("Dazu kamen weitere Gedanken (Selin Aydın):"), "{md}");
    assert!(!md.contains(": — ") && !md.contains(": ("), "{md}");
    assert!(md.contains("- Noch ein Gedanke (Jonas Weber)"));
    // One author for a whole workshop: named once, not under every note.
    assert!(md.contains("*Notiert von Lena Hoffmann.*"));
    assert!(!md.contains("(Lena Hoffmann)"));
    for lang in ["de", "en"] {
        let txt = export(&dir, &["--format", "txt", "--lang", lang]);
        for line in txt.lines() {
            let t = line.trim_start();
            assert!(!t.starts_with('–') && !t.starts_with('—'), "{line:?} in\n{txt}");
        }
    }
}

#[test]
fn check_warns_about_placeholder_titles_and_export_does_not_print_them() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(
        &dir,
        "keynote",
        "Ein Gedanke aus dem Vortrag",
        &["--section", "summary"],
    );
    let out = runde().args(["check", dir.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "warnings keep the session healthy");
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("Warnung") && report.contains("\"Netzwerktreffen\""),
        "{report}"
    );
    assert!(
        report.contains("Tafel keynote") && report.contains("\"Impulsvortrag\""),
        "{report}"
    );
    let md = export(&dir, &["--format", "md"]);
    assert!(md.contains("## Impulsvortrag\n"), "{md}");
    assert!(!md.contains("„Impulsvortrag“"), "{md}");
}

#[test]
fn a_lead_on_a_table_section_is_printed_before_the_table() {
    let (_t, dir) = example_session();
    edit_plan(&dir, |p| {
        board(p, "keynote")["sections"][2]["lead"] = "Was beim Anbahnen hilft und was schadet:".into();
    });
    let md = export(&dir, &["--format", "md"]);
    let lead = md
        .find("Was beim Anbahnen hilft und was schadet:")
        .expect("lead printed");
    assert!(lead < md.find("*Dos*").unwrap());
}

#[test]
fn links_and_inline_formatting_render_in_every_format() {
    let (_t, dir) = example_session();
    edit_plan(&dir, |p| {
        let k = board(p, "keynote");
        k["organization_url"] = "https://www.upj.de".into();
        k["source_url"] = "https://www.upj.de/vortrag".into();
        k["links"] = serde_json::json!({"Stadtteilpaten Nürnberg": "https://example.org/paten"});
    });
    let url = "https://example.org/ein/sehr/langer/pfad/der/nicht/umbrochen/werden/darf/weil/er/sonst/kaputt/ist";
    add(
        &dir,
        "findings",
        &format!("Mehr bei [UPJ](https://upj.de) und <https://upj.de>, **wichtig** und *betont*: {url}"),
        &[],
    );
    let md = export(&dir, &["--format", "md"]);
    assert!(
        md.contains("[UPJ](https://upj.de) und <https://upj.de>, **wichtig** und *betont*"),
        "{md}"
    );
    assert!(md.contains("[UPJ Netzwerk](https://www.upj.de)"));
    assert!(md.contains("[Stadtteilpaten Nürnberg](https://example.org/paten)"));
    assert!(md.contains("[Vortrag von André Koch-Engelmann, UPJ](https://www.upj.de/vortrag)"));
    assert!(!md.contains("\\<https"));

    let html = export(&dir, &["--format", "html"]);
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let hrefs: Vec<&str> = doc.select(&sel("a")).filter_map(|a| a.value().attr("href")).collect();
    for want in [
        "https://upj.de",
        "https://www.upj.de",
        "https://example.org/paten",
        "https://www.upj.de/vortrag",
        url,
    ] {
        assert!(hrefs.contains(&want), "{want} in {hrefs:?}");
    }
    assert_eq!(
        doc.select(&sel("li strong")).next().unwrap().text().collect::<String>(),
        "wichtig"
    );
    assert_eq!(
        doc.select(&sel("li em")).next().unwrap().text().collect::<String>(),
        "betont"
    );

    let txt = export(&dir, &["--format", "txt"]);
    assert!(txt.contains("UPJ (https://upj.de)"), "{txt}");
    assert!(txt.lines().any(|l| l.contains(url)), "URL unbroken: {txt}");
}

#[test]
fn markdown_keeps_the_line_breaks_of_a_multi_line_note() {
    let (_t, dir) = example_session();
    add(&dir, "findings", "Erste Zeile\nZweite Zeile", &[]);
    let md = export(&dir, &["--format", "md"]);
    assert!(md.contains("- Erste Zeile\\\n  Zweite Zeile"), "{md}");
    let breaks = pulldown_cmark::Parser::new(&md)
        .filter(|e| matches!(e, pulldown_cmark::Event::HardBreak))
        .count();
    assert_eq!(breaks, 1);
    let html = export(&dir, &["--format", "html"]);
    assert!(html.contains("Erste Zeile<br>Zweite Zeile"));
    assert!(!html.contains("pre-line"));
}

#[test]
fn html_keeps_plain_characters_attaches_the_source_and_names_the_newsletter() {
    let (_t, dir) = example_session();
    let html = export(&dir, &["--format", "html"]);
    assert!(!html.contains("&#x2f;") && !html.contains("&#x27;"), "plain / and '");
    assert!(html.contains(">Don’ts</th>"));
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let caption = doc.select(&sel("figure > figcaption")).next().expect("figcaption");
    assert!(
        caption
            .text()
            .collect::<String>()
            .contains("Quelle: Vortrag von André Koch-Engelmann")
    );
    assert_eq!(doc.select(&sel("figure > table")).count(), 1);
    let title = doc.select(&sel("title")).next().unwrap().text().collect::<String>();
    assert!(title.starts_with("Newsletter Nr. 07: "), "{title}");
}

#[test]
fn notes_in_another_language_than_the_minutes_are_marked() {
    let (_t, dir) = example_session();
    let en = export(&dir, &["--format", "html", "--lang", "en"]);
    let doc = scraper::Html::parse_document(&en);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(doc.select(&sel("html[lang=en]")).count(), 1);
    let items = doc.select(&sel("li")).count();
    assert!(items > 0);
    assert_eq!(doc.select(&sel("li[lang=de]")).count(), items);
    let de = export(&dir, &["--format", "html"]);
    assert!(!de.contains("<li lang="), "same language: no mark");
}

#[test]
fn html_fragment_is_the_body_only_and_email_inlines_its_styles() {
    let (_t, dir) = example_session();
    let fragment = export(&dir, &["--format", "html", "--fragment"]);
    assert!(!fragment.contains("<html") && !fragment.contains("<head") && !fragment.contains("<body"));
    let doc = scraper::Html::parse_fragment(&fragment);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(doc.select(&sel("h1")).count(), 0, "the CMS shows the title: {fragment}");
    assert_eq!(doc.select(&sel("table tbody tr")).count(), 1);
    // Borders survive a CMS that drops <style>: attributes and inline styles.
    let table = doc.select(&sel("table")).next().unwrap();
    assert_eq!(table.value().attr("border"), Some("1"));
    for cell in doc.select(&sel("th, td")) {
        assert!(cell.value().attr("style").unwrap_or("").contains("border: 1px solid"));
    }

    let email = export(&dir, &["--format", "html", "--email"]);
    assert!(!email.contains("<style"), "styles inlined");
    let doc = scraper::Html::parse_document(&email);
    let td = doc.select(&sel("td")).next().unwrap();
    assert!(td.value().attr("style").unwrap_or("").contains("border"), "{email}");

    export_refused(&dir, &["--format", "md", "--fragment"])
        .stderr(predicates::str::contains("gelten nur für --format html"));
}

#[test]
fn the_built_in_template_can_be_printed_documented_and_used_again() {
    let (t, dir) = example_session();
    let out = runde().args(["export", "--print-template", "html"]).output().unwrap();
    assert!(out.status.success());
    let template = String::from_utf8(out.stdout).unwrap();
    for var in ["blocks", "inlines", "fragment", "email", "newsletter", "source"] {
        assert!(template.contains(var), "documents {var}");
    }
    let path = t.path().join("copy.html.j2");
    std::fs::write(&path, &template).unwrap();
    assert_eq!(
        export(&dir, &["--format", "html", "--template", path.to_str().unwrap()]),
        export(&dir, &["--format", "html"])
    );
}

#[test]
fn a_template_is_refused_where_it_does_not_apply_and_errors_name_its_file() {
    let (t, dir) = example_session();
    let path = t.path().join("mine.html.j2");
    std::fs::write(&path, "{{ title }}").unwrap();
    for format in ["md", "txt", "json", "docx", "pdf"] {
        export_refused(&dir, &["--format", format, "--template", path.to_str().unwrap()]).stderr(
            predicates::str::contains("mine.html.j2").and(predicates::str::contains("gilt nur für --format html")),
        );
    }
    std::fs::write(&path, "line one\n{% if %}").unwrap();
    export_refused(&dir, &["--format", "html", "--template", path.to_str().unwrap()])
        .stderr(predicates::str::contains("mine.html.j2").and(predicates::str::contains("(in minutes").not()));
}

use predicates::prelude::PredicateBooleanExt;

/// Paragraph texts with their style, and the tables (rows of cell texts).
type DocxOutline = (Vec<(String, String)>, Vec<Vec<Vec<String>>>);

fn docx_outline(bytes: &[u8]) -> DocxOutline {
    use docx_rs::{DocumentChild, ParagraphChild, RunChild, TableCellContent, TableChild, TableRowChild};
    fn para_text(p: &docx_rs::Paragraph) -> String {
        let mut s = String::new();
        for child in &p.children {
            let runs: Vec<&docx_rs::Run> = match child {
                ParagraphChild::Run(r) => vec![r.as_ref()],
                ParagraphChild::Hyperlink(h) => h
                    .children
                    .iter()
                    .filter_map(|c| match c {
                        ParagraphChild::Run(r) => Some(r.as_ref()),
                        _ => None,
                    })
                    .collect(),
                _ => vec![],
            };
            for r in runs {
                for rc in &r.children {
                    if let RunChild::Text(t) = rc {
                        s.push_str(&t.text);
                    }
                }
            }
        }
        s
    }
    let docx = docx_rs::read_docx(bytes).expect("a valid .docx");
    let mut paragraphs = Vec::new();
    let mut tables = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => {
                let style = p.property.style.as_ref().map(|s| s.val.clone()).unwrap_or_default();
                paragraphs.push((style, para_text(p)));
            }
            DocumentChild::Table(t) => {
                let rows = t
                    .rows
                    .iter()
                    .map(|TableChild::TableRow(row)| {
                        row.cells
                            .iter()
                            .map(|TableRowChild::TableCell(cell)| {
                                cell.children
                                    .iter()
                                    .filter_map(|c| match c {
                                        TableCellContent::Paragraph(p) => Some(para_text(p)),
                                        _ => None,
                                    })
                                    .collect::<String>()
                            })
                            .collect()
                    })
                    .collect();
                tables.push(rows);
            }
            _ => {}
        }
    }
    (paragraphs, tables)
}

#[test]
fn word_minutes_open_with_a_docx_reader_with_headings_lists_and_the_table() {
    let (_t, dir) = example_session();
    for lang in ["de", "en"] {
        for audience in ["--internal", "--public"] {
            let bytes = export_bytes(&dir, &["--format", "docx", "--lang", lang, audience]);
            let (paragraphs, tables) = docx_outline(&bytes);
            let headings: Vec<&str> = paragraphs
                .iter()
                .filter(|(s, _)| s == "Heading1")
                .map(|(_, t)| t.as_str())
                .collect();
            assert_eq!(headings.len(), 7, "{headings:?}");
            assert!(
                headings[1].starts_with("Workshop 1: Methoden & Formate"),
                "{headings:?}"
            );
            assert_eq!(paragraphs.iter().filter(|(s, _)| s == "Title").count(), 1);
            assert_eq!(tables.len(), 1);
            assert_eq!(tables[0].len(), 2, "headers, and one row of two lists");
            assert_eq!(tables[0][0], ["Dos", "Don’ts"]);
            assert!(
                tables[0][1][0].starts_with("Früh Interesse zeigen"),
                "{:?}",
                tables[0][1]
            );
            assert!(tables[0][1][1].ends_with("Mit Frust und schlechten Nachrichten einsteigen"));
            let all: String = paragraphs.iter().map(|(_, t)| t.as_str()).collect();
            assert!(all.contains("Netzwerke entstehen durch Handeln"));
            assert_eq!(
                all.contains("Selin Aydın"),
                audience == "--internal",
                "{lang} {audience}"
            );
        }
    }
    let german = export_bytes(&dir, &["--format", "docx"]);
    let (paragraphs, _) = docx_outline(&german);
    let bold_date = paragraphs
        .iter()
        .any(|(_, t)| t.contains("08.02.2022 von 15:00 bis 17:00 Uhr"));
    assert!(bold_date);
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = assert_cmd::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .timeout(COMMAND_LIMIT)
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pdf_minutes_have_every_note_in_order_as_selectable_text() {
    let (_t, dir) = example_session();
    let json = export_json(&dir);
    let notes: Vec<String> = json["boards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] != "keynote")
        .flat_map(|b| b["sections"].as_array().unwrap().iter())
        .flat_map(|s| s["notes"].as_array().unwrap().iter())
        .map(|n| n["text"].as_str().unwrap().to_string())
        .collect();
    assert!(notes.len() > 30);
    for lang in ["de", "en"] {
        for audience in ["--internal", "--public"] {
            let pdf = export_bytes(&dir, &["--format", "pdf", "--lang", lang, audience]);
            assert!(pdf.starts_with(b"%PDF-"));
            let text = pdftotext(&pdf);
            let page_word = if lang == "de" { "Seite " } else { "Page " };
            let body: Vec<&str> = text.lines().filter(|l| !l.starts_with(page_word)).collect();
            let flat: String = body.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
            let mut at = 0;
            for note in &notes {
                let note: String = note.split_whitespace().collect::<Vec<_>>().join(" ");
                let found = flat[at..].find(&note);
                let Some(found) = found else {
                    // Public minutes replace names: compare the part before one.
                    assert_eq!(audience, "--public", "{note:?} missing in {lang}");
                    continue;
                };
                at += found + note.len();
            }
            let page_word = if lang == "de" { "Seite 1 von" } else { "Page 1 of" };
            assert!(text.contains(page_word), "page numbers");
            assert!(
                flat.contains("„Lokale Ökonomien am Niederrhein“") || lang == "en",
                "quotes and umlauts"
            );
            assert!(text.contains("Dos") && text.contains("Don’ts"));
        }
    }
    let pdf = String::from_utf8_lossy(&export_bytes(&dir, &["--format", "pdf"])).into_owned();
    assert!(pdf.contains("/MediaBox [0 0 595.28 841.89]"), "A4");
}

#[cfg(unix)]
#[test]
fn files_written_with_o_honour_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let (t, dir) = example_session();
    let bin = assert_cmd::cargo::cargo_bin("runde");
    for format in ["md", "pdf"] {
        let out = t.path().join(format!("minutes.{format}"));
        let status = assert_cmd::Command::new("sh")
            .arg("-c")
            .arg("umask 022 && exec \"$0\" export \"$1\" --format \"$2\" -o \"$3\"")
            .arg(&bin)
            .arg(&dir)
            .arg(format)
            .arg(&out)
            .env_remove("RUNDE_SESSIONS")
            .timeout(COMMAND_LIMIT)
            .output()
            .unwrap()
            .status;
        assert!(status.success());
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{format}");
    }
}

/// The notes of the JSON export, each with its board id.
fn json_notes(doc: &serde_json::Value) -> Vec<serde_json::Value> {
    doc["boards"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["sections"].as_array().unwrap().iter())
        .flat_map(|s| s["notes"].as_array().unwrap().iter().cloned())
        .collect()
}

/// The `lang` attribute of the list item holding `text` (`None`: no item
/// or no attribute), and whether such an item exists.
fn item_lang(html: &str, text: &str) -> (bool, Option<String>) {
    let doc = scraper::Html::parse_document(html);
    let li = scraper::Selector::parse("li").unwrap();
    let item = doc.select(&li).find(|e| e.text().collect::<String>().contains(text));
    (
        item.is_some(),
        item.and_then(|e| e.value().attr("lang").map(str::to_string)),
    )
}

#[test]
fn a_german_note_in_english_minutes_is_marked_in_html_only() {
    let (_t, dir) = new_session("kompetenznetzwerk", "en");
    let boards = export_json(&dir)["boards"].as_array().unwrap().clone();
    let workshop = boards.iter().find(|b| b["kind"] == "workshop").unwrap();
    let board = workshop["id"].as_str().unwrap().to_string();
    add(
        &dir,
        &board,
        "Vertrauen wächst im Quartier Schritt für Schritt",
        &["--lang", "de"],
    );
    add(&dir, &board, "Trust grows slowly", &[]);
    add(&dir, &board, "Named English on purpose", &["--lang", "en"]);

    let html = export(&dir, &["--format", "html"]);
    assert_eq!(
        item_lang(&html, "Vertrauen wächst"),
        (true, Some("de".to_string())),
        "{html}"
    );
    assert_eq!(item_lang(&html, "Trust grows slowly"), (true, None));
    assert_eq!(item_lang(&html, "Named English on purpose"), (true, None));
    // German minutes of the same session: the German note is at home, the
    // others are English.
    let de = export(&dir, &["--format", "html", "--lang", "de"]);
    assert_eq!(item_lang(&de, "Vertrauen wächst"), (true, None));
    assert_eq!(item_lang(&de, "Trust grows slowly"), (true, Some("en".to_string())));
    // Markdown and text have no place for it and stay as they were.
    for format in ["md", "txt"] {
        let out = export(&dir, &["--format", format]);
        assert!(out.contains("Vertrauen wächst im Quartier Schritt für Schritt"));
        assert!(!out.contains("lang=") && !out.contains(r#""de""#), "{format}: {out}");
    }
}

#[test]
fn a_note_keeps_its_language_through_the_log_json_and_import() {
    let (_t, dir) = example_session();
    let id = add(
        &dir,
        "findings",
        "Networks need a second person who carries them",
        &["--lang", "en"],
    );
    let plain = add(&dir, "findings", "Netzwerke brauchen eine zweite tragende Person", &[]);
    // The log: the language on the new note only, nothing on the other.
    let log: String = std::fs::read_dir(dir.join("log"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let line_of = |id: &str| log.lines().find(|l| l.contains(id)).unwrap().to_string();
    assert!(line_of(&id).contains(r#""lang":"en""#), "{log}");
    assert!(!line_of(&plain).contains(r#""lang""#), "{log}");
    // JSON export: the same, read back from the log.
    let notes = json_notes(&export_json(&dir));
    let by_id = |id: &str| notes.iter().find(|n| n["id"] == id).unwrap().clone();
    assert_eq!(by_id(&id)["lang"], "en");
    assert!(by_id(&plain).get("lang").is_none());
    // Import: the exported note goes into another session with its language.
    let (_t2, other) = example_session();
    let exported = by_id(&id);
    let line = serde_json::json!({"board": "findings", "text": exported["text"], "lang": exported["lang"]});
    let file = other.join("notes.jsonl");
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let out = runde()
        .args(["import", other.to_str().unwrap(), file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let imported = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let notes = json_notes(&export_json(&other));
    let note = notes.iter().find(|n| n["id"] == imported.as_str()).unwrap();
    assert_eq!(note["lang"], "en");
    assert_eq!(
        item_lang(&export(&other, &["--format", "html"]), "second person"),
        (true, Some("en".to_string()))
    );
}

#[test]
fn pdf_minutes_embed_only_the_glyphs_they_use() {
    let (_t, dir) = example_session();
    for lang in ["de", "en"] {
        let pdf = export_bytes(&dir, &["--format", "pdf", "--lang", lang]);
        assert!(pdf.len() < 200_000, "{lang}: {} bytes", pdf.len());
        let raw = String::from_utf8_lossy(&pdf);
        // A subset font's name carries a six-letter tag (PDF 1.7, 9.6.4).
        for font in ["+DejaVuSans", "+DejaVuSans-Bold"] {
            assert!(raw.contains(font), "{font}");
        }
    }
}

#[test]
fn text_minutes_never_break_a_url_at_its_hyphens() {
    let (_t, dir) = example_session();
    let url = "https://www.beispiel-stadt.de/quartier/gemeinsam-aktiv-mit-partnern-im-stadtteil";
    add(
        &dir,
        "findings",
        &format!("Ein gutes Beispiel aus Wiesbaden steht unter {url}"),
        &[],
    );
    add(
        &dir,
        "findings",
        &format!("Siehe [die Stadtteilpartner]({url}) im Schelmengraben"),
        &[],
    );
    for lang in ["de", "en"] {
        let txt = export(&dir, &["--format", "txt", "--lang", lang]);
        let whole = txt.lines().filter(|l| l.contains(url)).count();
        assert_eq!(whole, 2, "{txt}");
        assert!(
            !txt.lines().any(|l| l.trim_end().ends_with("https://www.beispiel-")),
            "{txt}"
        );
    }
}
