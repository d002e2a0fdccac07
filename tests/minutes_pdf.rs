//! The PDF minutes as a reader's viewer shows them: the document's title
//! (not the file name) and language, links that look like links (coloured
//! and underlined under every clickable area), and no heading left alone
//! at the foot of a page.
mod minutes_common;

use minutes_common::*;
use runde::export::Format;
use runde::model::{Lang, Plan, SessionState};

fn example() -> (Plan, SessionState) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("example");
    std::fs::create_dir_all(&dir).unwrap();
    runde::example::write_to(&dir).unwrap();
    let session = runde::store::Session::open(&dir).expect("the example opens");
    (session.plan().clone(), session.state().clone())
}

/// Runs a poppler tool on the PDF and returns its output.
fn poppler(tool_name: &str, pdf: &[u8], args: &[&str]) -> Option<String> {
    let program = tool(tool_name)?;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new(program)
        .args(args)
        .arg(&path)
        .args(if tool_name == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{tool_name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn viewers_show_the_title_and_know_the_language() {
    let (mut plan, state) = example();
    plan.organization = Some("Hochschule Niederrhein".into());
    for (lang, code) in [(Lang::De, "de"), (Lang::En, "en")] {
        let pdf = render_bytes(&plan, &state, Format::Pdf, lang);
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains(&format!("/Lang ({code})")), "catalog /Lang");
        assert!(
            raw.contains("/DisplayDocTitle true"),
            "viewers show the title, not the file name"
        );
        let Some(info) = poppler("pdfinfo", &pdf, &[]) else {
            return;
        };
        let title = info.lines().find_map(|l| l.strip_prefix("Title:")).map(str::trim);
        let number = if lang == Lang::De { "Nr. 07" } else { "No. 07" };
        assert_eq!(
            title,
            Some(format!("Newsletter {number}: Netzwerken und Kooperationen in der Lokalen Ökonomie – Fallstricke und Erfolgsfaktoren").as_str()),
            "{info}"
        );
        assert!(info.contains("Author:          Hochschule Niederrhein"), "{info}");
    }
}

/// Numbers after a PDF name in an object (`/Rect [a b c d]`).
fn rect(object: &str) -> Option<[f32; 4]> {
    let at = object.find("/Rect [")? + "/Rect [".len();
    let end = object[at..].find(']')? + at;
    let v: Vec<f32> = object[at..end]
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    Some([*v.first()?, *v.get(1)?, *v.get(2)?, *v.get(3)?])
}

/// The decompressed content of every stream in the file.
fn streams(pdf: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = pdf;
    while let Some(start) = find(rest, b"stream\n") {
        let body = &rest[start + b"stream\n".len()..];
        let Some(end) = find(body, b"\nendstream") else { break };
        if let Ok(data) = miniz_oxide::inflate::decompress_to_vec_zlib(&body[..end]) {
            out.push(String::from_utf8_lossy(&data).into_owned());
        }
        rest = &body[end + b"\nendstream".len()..];
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Stroked segments drawn in the link colour: `[x1, y1, x2, y2]`.
fn link_underlines(content: &str) -> Vec<[f32; 4]> {
    let mut out = Vec::new();
    let mut blue = false;
    let tokens: Vec<&str> = content.split_whitespace().collect();
    for (i, t) in tokens.iter().enumerate() {
        match *t {
            "RG" if i >= 3 => blue = tokens[i - 3..i] == ["0.02", "0.27", "0.68"],
            "Q" => blue = false,
            "l" if blue && i >= 5 && tokens[i - 3] == "m" => {
                let n = |k: usize| tokens[k].parse::<f32>().unwrap_or(f32::NAN);
                out.push([n(i - 5), n(i - 4), n(i - 2), n(i - 1)]);
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_link_is_coloured_and_underlined_where_it_can_be_clicked() {
    let (plan, state) = example();
    let pdf = render_bytes(&plan, &state, Format::Pdf, Lang::De);
    let raw = String::from_utf8_lossy(&pdf);
    let links: Vec<[f32; 4]> = raw
        .split("endobj")
        .filter(|o| o.contains("/Subtype /Link"))
        .filter_map(rect)
        .collect();
    assert!(links.len() >= 5, "the example's links are clickable: {}", links.len());
    let contents = streams(&pdf);
    let underlines: Vec<[f32; 4]> = contents.iter().flat_map(|c| link_underlines(c)).collect();
    for r in &links {
        let under = underlines
            .iter()
            .any(|u| (u[0] - r[0]).abs() < 0.1 && (u[2] - r[2]).abs() < 0.1 && u[1] > r[1] && u[1] < r[1] + 3.0);
        assert!(under, "link at {r:?} is underlined in the link colour");
    }
    assert!(
        contents.iter().any(|c| c.contains("0.02 0.27 0.68 rg")),
        "link text is drawn in the link colour"
    );
    // The text after a link is black again.
    assert!(
        contents
            .iter()
            .any(|c| c.contains("0.02 0.27 0.68 rg") && c.contains("0 g"))
    );
}

#[test]
fn no_page_of_the_example_ends_with_a_heading() {
    let (plan, state) = example();
    let minutes = runde::export::doc::build(&plan, &state, Lang::En, runde::export::Audience::Internal);
    let headings: Vec<String> = minutes
        .blocks
        .iter()
        .filter_map(|b| match b {
            runde::export::doc::Block::Heading { text, .. } | runde::export::doc::Block::Subheading { text, .. } => {
                Some(text.clone())
            }
            _ => None,
        })
        .collect();
    // Intros of different lengths move every page break.
    for extra in 0..6 {
        let mut plan = plan.clone();
        plan.intro = Some(format!(
            "{}{}",
            plan.intro.clone().unwrap_or_default(),
            " Mehr dazu im Folgenden.".repeat(extra * 13)
        ));
        for lang in [Lang::De, Lang::En] {
            let pdf = render_bytes(&plan, &state, Format::Pdf, lang);
            let Some(text) = poppler("pdftotext", &pdf, &[]) else {
                return;
            };
            let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
            for page in &pages[..pages.len() - 1] {
                let lines: Vec<&str> = page
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with("Seite ") && !l.starts_with("Page "))
                    .collect();
                let last = lines.last().copied().unwrap_or("");
                assert!(
                    !headings.iter().any(|h| h == last || h.ends_with(&format!(" {last}"))),
                    "a page ends with the heading {last:?} ({extra} {lang:?})"
                );
            }
        }
    }
}
