//! The Word minutes as an editor opens them: read back structurally (one
//! bullet definition, every list its own instance, properties, styles and
//! language set) and rendered by a real office suite (LibreOffice,
//! headless) whose PDF shows bullets, no numbered run and the same text as
//! the Markdown minutes.
mod minutes_common;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use minutes_common::*;
use quick_xml::events::Event;
use runde::export::doc::{Block, Minutes};
use runde::export::{Audience, Format};
use runde::model::{Lang, Plan, SessionState};

/// The example with notes, as the session folder holds them.
fn example() -> (Plan, SessionState) {
    let (_t, dir) = {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("example");
        std::fs::create_dir_all(&dir).unwrap();
        runde::example::write_to(&dir).unwrap();
        (tmp, dir)
    };
    let session = runde::store::Session::open(&dir).expect("the example opens");
    (session.plan().clone(), session.state().clone())
}

/// A part of the .docx archive as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the archive"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

/// An XML element: its name, attributes, and the names of its ancestors.
#[derive(Debug)]
struct Element {
    name: String,
    attrs: HashMap<String, String>,
    path: Vec<String>,
    text: String,
}

/// Every element of an XML text in document order.
fn elements(xml: &str) -> Vec<Element> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<Element> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                out.push(element(&e, &path));
                path.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                open.push(out.len() - 1);
            }
            Event::Empty(e) => out.push(element(&e, &path)),
            Event::End(_) => {
                path.pop();
                open.pop();
            }
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    out[i].text.push_str(&t.xml10_content().unwrap_or_default());
                }
            }
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                let c = match name.as_str() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let (Some(&i), Some(c)) = (open.last(), c) {
                    out[i].text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn element(e: &quick_xml::events::BytesStart<'_>, path: &[String]) -> Element {
    Element {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .flatten()
            .map(|a| {
                (
                    String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default(),
                )
            })
            .collect(),
        path: path.to_vec(),
        text: String::new(),
    }
}

fn val<'a>(e: &'a Element, key: &str) -> &'a str {
    e.attrs.get(key).map(String::as_str).unwrap_or("")
}

/// The sizes of the lists in the minutes, in order (a table's two lists
/// left then right).
fn list_sizes(m: &Minutes) -> Vec<usize> {
    m.blocks
        .iter()
        .flat_map(|b| match b {
            Block::List { items } => vec![items.len()],
            Block::Table(t) => t.columns.iter().map(Vec::len).collect(),
            _ => vec![],
        })
        .collect()
}

#[test]
fn every_word_list_is_a_bullet_list_of_its_own_that_starts_afresh() {
    let (plan, state) = example();
    for lang in [Lang::De, Lang::En] {
        let docx = render_bytes(&plan, &state, Format::Docx, lang);
        let numbering = elements(&part(&docx, "word/numbering.xml"));
        let abstracts: Vec<&str> = numbering
            .iter()
            .filter(|e| e.name == "w:abstractNum")
            .map(|e| val(e, "w:abstractNumId"))
            .collect();
        let nums: Vec<&str> = numbering
            .iter()
            .filter(|e| e.name == "w:num")
            .map(|e| val(e, "w:numId"))
            .collect();
        let unique = |ids: &[&str]| ids.iter().collect::<std::collections::BTreeSet<_>>().len() == ids.len();
        assert!(unique(&abstracts), "abstractNumId defined twice: {abstracts:?}");
        assert!(unique(&nums), "numId defined twice: {nums:?}");
        // numId → its abstract definition; abstract → its first level's format.
        let mut num_to_abstract = HashMap::new();
        let mut current_num = "";
        let mut overrides: HashMap<&str, &str> = HashMap::new();
        let mut format = HashMap::new();
        let mut current_abstract = "";
        for e in &numbering {
            match e.name.as_str() {
                "w:num" => current_num = val(e, "w:numId"),
                "w:abstractNumId" if e.path.last().is_some_and(|p| p == "w:num") => {
                    num_to_abstract.insert(current_num, val(e, "w:val"));
                }
                "w:startOverride" => {
                    overrides.insert(current_num, val(e, "w:val"));
                }
                "w:abstractNum" => current_abstract = val(e, "w:abstractNumId"),
                "w:numFmt" => {
                    format.entry(current_abstract).or_insert(val(e, "w:val"));
                }
                _ => {}
            }
        }
        let bullet_defs = format.values().filter(|f| **f == "bullet").count();
        assert_eq!(bullet_defs, 1, "one bullet definition: {format:?}");
        // The numbered paragraphs, in order, by instance.
        let document = elements(&part(&docx, "word/document.xml"));
        let used: Vec<&str> = document
            .iter()
            .filter(|e| e.name == "w:numId")
            .map(|e| val(e, "w:val"))
            .collect();
        for id in &used {
            let abstract_id = num_to_abstract
                .get(id)
                .unwrap_or_else(|| panic!("numId {id} is defined"));
            assert_eq!(format.get(abstract_id), Some(&"bullet"), "numId {id} is a bullet list");
            assert_eq!(overrides.get(id), Some(&"1"), "numId {id} starts afresh");
        }
        let mut runs: Vec<(&str, usize)> = Vec::new();
        for id in used {
            match runs.last_mut() {
                Some((last, n)) if *last == id => *n += 1,
                _ => runs.push((id, 1)),
            }
        }
        let minutes = runde::export::doc::build(&plan, &state, lang, Audience::Internal);
        let sizes = list_sizes(&minutes);
        assert_eq!(
            runs.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
            sizes,
            "one instance per list"
        );
        let ids: Vec<&str> = runs.iter().map(|(id, _)| *id).collect();
        assert!(unique(&ids), "no list continues another: {ids:?}");
    }
}

#[test]
fn word_properties_styles_and_language_are_set() {
    let (mut plan, state) = example();
    let docx = render_bytes(&plan, &state, Format::Docx, Lang::De);
    let core = elements(&part(&docx, "docProps/core.xml"));
    let text = |name: &str| core.iter().find(|e| e.name == name).map(|e| e.text.clone());
    assert_eq!(
        text("dc:title").as_deref(),
        Some(
            "Newsletter Nr. 07: Netzwerken und Kooperationen in der Lokalen Ökonomie – Fallstricke und Erfolgsfaktoren"
        )
    );
    assert_eq!(text("dc:language").as_deref(), Some("de-DE"));
    // 15:00 in Berlin on the meeting day.
    assert_eq!(text("dcterms:created").as_deref(), Some("2021-10-05T13:00:00Z"));
    assert_eq!(
        text("dcterms:modified").as_deref(),
        Some("2023-11-14T22:13:20Z"),
        "the export's time"
    );
    assert_eq!(text("dc:creator"), None, "no publisher in the plan, no made-up author");
    assert!(!part(&docx, "docProps/core.xml").contains("unknown"));

    let styles = elements(&part(&docx, "word/styles.xml"));
    let defaults: Vec<&Element> = styles
        .iter()
        .filter(|e| e.path.iter().any(|p| p == "w:docDefaults"))
        .collect();
    let default = |name: &str, key: &str| {
        defaults
            .iter()
            .find(|e| e.name == name)
            .map(|e| val(e, key).to_string())
            .unwrap_or_default()
    };
    assert_eq!(default("w:rFonts", "w:ascii"), "Calibri", "a body font");
    assert_eq!(default("w:sz", "w:val"), "22", "11 pt body text");
    assert_eq!(
        default("w:lang", "w:val"),
        "de-DE",
        "spell-checking follows the minutes"
    );
    assert!(
        default("w:spacing", "w:after").parse::<u32>().unwrap() > 0,
        "space after paragraphs"
    );
    for heading in ["Heading1", "Heading2"] {
        let start = styles
            .iter()
            .position(|e| e.name == "w:style" && val(e, "w:styleId") == heading)
            .unwrap();
        let inside: Vec<&Element> = styles[start + 1..]
            .iter()
            .take_while(|e| e.path.iter().any(|p| p == "w:style"))
            .collect();
        assert!(
            inside.iter().any(|e| e.name == "w:keepNext"),
            "{heading} kept with the next paragraph"
        );
        let before = inside
            .iter()
            .find(|e| e.name == "w:spacing")
            .map(|e| val(e, "w:before"))
            .unwrap_or("0");
        assert!(before.parse::<u32>().unwrap() > 0, "{heading} has space before it");
    }

    plan.organization = Some("Hochschule Niederrhein & TransLOek".into());
    let docx = render_bytes(&plan, &state, Format::Docx, Lang::En);
    let core = elements(&part(&docx, "docProps/core.xml"));
    let creator = core.iter().find(|e| e.name == "dc:creator").map(|e| e.text.clone());
    assert_eq!(creator.as_deref(), Some("Hochschule Niederrhein & TransLOek"));
    assert_eq!(
        core.iter().find(|e| e.name == "dc:language").map(|e| e.text.as_str()),
        Some("en-GB")
    );
    let app = elements(&part(&docx, "docProps/app.xml"));
    assert_eq!(
        app.iter().find(|e| e.name == "Company").map(|e| e.text.as_str()),
        Some("Hochschule Niederrhein & TransLOek")
    );
}

/// Converts .docx files to PDF with LibreOffice (a private profile, at
/// most three minutes) and returns each PDF's text by `pdftotext`.
fn libreoffice_text(files: &[(&str, Vec<u8>)]) -> Option<Vec<String>> {
    let soffice = tool("soffice").or_else(|| tool("libreoffice"))?;
    tool("pdftotext")?;
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    let mut cmd = std::process::Command::new("timeout");
    cmd.arg("180").arg(&soffice);
    cmd.arg(format!("-env:UserInstallation=file://{}", profile.display()));
    cmd.args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"]);
    cmd.arg(dir.path());
    for (name, bytes) in files {
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(&path, bytes).unwrap();
        cmd.arg(path);
    }
    let out = cmd.output().expect("LibreOffice runs");
    assert!(
        out.status.success(),
        "LibreOffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        files
            .iter()
            .map(|(name, _)| {
                let pdf = dir.path().join(format!("{name}.pdf"));
                assert!(
                    pdf.exists(),
                    "LibreOffice wrote {name}.pdf: {}",
                    String::from_utf8_lossy(&out.stdout)
                );
                let text = std::process::Command::new("pdftotext")
                    .arg(&pdf)
                    .arg("-")
                    .output()
                    .unwrap();
                String::from_utf8(text.stdout).unwrap()
            })
            .collect(),
    )
}

/// The words of a Markdown text as a reader sees them (markup removed).
fn markdown_words(md: &str) -> BTreeMap<String, usize> {
    use pulldown_cmark::{Event, TagEnd};
    let mut text = String::new();
    for event in pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::empty()) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => text.push('\n'),
            _ => {}
        }
    }
    words(&text)
}

/// The words of a text; a line that ends in a dash right after a word
/// ("6–" before "8") was broken inside that word and is joined again.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut joined = String::new();
    for line in text.lines() {
        joined.push_str(line);
        let t = line.trim_end();
        let broken_at_dash =
            (t.ends_with('–') || t.ends_with('-')) && t.chars().rev().nth(1).is_some_and(|c| !c.is_whitespace());
        if !broken_at_dash {
            joined.push('\n');
        }
    }
    let mut words = BTreeMap::new();
    for w in joined.split_whitespace().filter(|w| *w != "•") {
        *words.entry(w.to_string()).or_insert(0) += 1;
    }
    words
}

#[test]
fn libreoffice_shows_bullets_no_numbered_run_and_the_markdown_text() {
    let (plan, state) = example();
    let files: Vec<(&str, Vec<u8>)> = [("de", Lang::De), ("en", Lang::En)]
        .into_iter()
        .map(|(name, lang)| (name, render_bytes(&plan, &state, Format::Docx, lang)))
        .collect();
    let Some(texts) = libreoffice_text(&files) else { return };
    for ((name, _), text) in files.iter().zip(&texts) {
        let lang = if *name == "de" { Lang::De } else { Lang::En };
        let minutes = runde::export::doc::build(&plan, &state, lang, Audience::Internal);
        let items: usize = list_sizes(&minutes).iter().sum();
        assert_eq!(
            text.matches('•').count(),
            items,
            "{name}: every item with a bullet:\n{text}"
        );
        // No paragraph starts with a running number ("1.", "2.", …).
        let numbers: Vec<u32> = text
            .lines()
            .filter_map(|l| l.trim_start().split_once(". ").and_then(|(n, _)| n.parse().ok()))
            .collect();
        assert!(
            !numbers.windows(2).any(|w| w[1] == w[0] + 1),
            "{name}: a numbered run {numbers:?}"
        );
        let md = render(&plan, &state, Format::Md, lang);
        let (want, got) = (markdown_words(&md), words(text));
        let missing: Vec<_> = want.iter().filter(|(w, n)| got.get(*w) != Some(n)).collect();
        let extra: Vec<_> = got.iter().filter(|(w, n)| want.get(*w) != Some(n)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: the Word minutes read as the Markdown ones; missing {missing:?}, extra {extra:?}"
        );
    }
}
