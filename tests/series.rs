//! A series of meetings from the CLI: the next meeting from the last,
//! open topics carried and resolved, history, grouped list, calendar
//! invitation and saved templates — with their error paths.
mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;

fn p(dir: &Path) -> &str {
    dir.to_str().unwrap()
}

fn plan(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("session.json")).unwrap()).unwrap()
}

fn topics(dir: &Path) -> Vec<serde_json::Value> {
    let doc = export_json(dir);
    doc["boards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "open-topics")
        .map(|b| b["sections"][0]["notes"].as_array().unwrap().clone())
        .unwrap_or_default()
}

#[test]
fn three_meetings_carry_and_resolve_open_topics() {
    let tmp = tempfile::tempdir().unwrap();
    let s1 = tmp.path().join("treffen-5");
    std::fs::create_dir_all(&s1).unwrap();
    runde::example::write_to(&s1).unwrap();
    // One workshop note is marked to follow up.
    let doc = export_json(&s1);
    let social = doc["boards"][2]["sections"][1]["notes"][3]["id"]
        .as_str()
        .unwrap()
        .to_string();
    runde()
        .args(["flag", p(&s1), &social, "--follow-up"])
        .assert()
        .success();

    let s2 = tmp.path().join("treffen-6");
    runde()
        .args(["new", p(&s2), "--from", p(&s1)])
        .assert()
        .success()
        .stderr(predicate::str::contains("3 offene Themen aus"));
    let p2 = plan(&s2);
    assert_eq!(p2["meeting_number"], 6);
    assert_eq!(p2["newsletter"], "Nr. 08");
    assert_eq!(p2["date"], "2022-02-08", "date from the previous next_meeting");
    assert_eq!(p2["start"], "15:00");
    assert_eq!(p2["series"], "TransLOek");
    assert_eq!(p2["people"].as_array().unwrap().len(), 5, "people and consent carried");
    assert!(p2.get("next_meeting").is_none());
    assert_eq!(
        p2["agenda"][0]["boards"][0], "open-topics",
        "topics attached to the first phase"
    );
    assert_eq!(p2["boards"][0]["kind"], "topics");
    assert_eq!(p2["boards"][0]["title"], "Offene Themen");
    let carried = topics(&s2);
    let texts: Vec<&str> = carried.iter().map(|n| n["text"].as_str().unwrap()).collect();
    assert_eq!(carried.len(), 3, "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("Soziale Medien sind zweischneidig")));
    assert!(texts.iter().any(|t| t.starts_with("Netzwerke entstehen durch Handeln")));
    assert!(
        carried
            .iter()
            .all(|n| n["origin"]["meeting"] == 5 && n["origin"]["date"] == "2021-10-05")
    );
    let total: usize = export_json(&s2)["boards"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["sections"].as_array().unwrap().iter())
        .map(|s| s["notes"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 3, "all other notes start empty");
    let md = runde().args(["export", p(&s2)]).output().unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("## Offene Themen"), "{md}");
    assert!(md.contains("(aus dem 5. Treffen am 05. Oktober 2021)"), "{md}");

    // Meeting 6 resolves one topic; meeting 7 gets the other two.
    let resolved = carried
        .iter()
        .find(|n| n["text"].as_str().unwrap().starts_with("Netzwerke entstehen"))
        .unwrap();
    runde()
        .args(["flag", p(&s2), resolved["id"].as_str().unwrap(), "--done"])
        .assert()
        .success();
    runde().args(["plan", p(&s2)]).assert().success();
    let s3 = tmp.path().join("treffen-7");
    runde()
        .args(["new", p(&s3), "--from", p(&s2)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--date"));
    assert!(!s3.exists(), "nothing created on error");
    runde()
        .args([
            "new",
            p(&s3),
            "--from",
            p(&s2),
            "--date",
            "2022-06-14",
            "--title",
            "Soziale Medien im Quartier",
        ])
        .assert()
        .success();
    let p3 = plan(&s3);
    assert_eq!(
        (p3["meeting_number"].as_u64(), p3["newsletter"].as_str()),
        (Some(7), Some("Nr. 09"))
    );
    assert_eq!(p3["title"], "Soziale Medien im Quartier");
    let carried3 = topics(&s3);
    assert_eq!(carried3.len(), 2);
    assert!(
        carried3.iter().all(|n| n["origin"]["meeting"] == 5),
        "the original meeting is kept"
    );

    let history = runde().args(["history", p(&s3)]).output().unwrap();
    let history = String::from_utf8(history.stdout).unwrap();
    assert!(
        history.contains("TransLOek · Lokale Ökonomien am Niederrhein — 3 Treffen"),
        "{history}"
    );
    assert!(
        history.contains("#5 2021-10-05") && history.contains("#6 2022-02-08") && history.contains("#7 2022-06-14"),
        "{history}"
    );
    assert!(
        history.contains("✓ erledigt in #6 2022-02-08 — „Netzwerke entstehen durch Handeln"),
        "{history}"
    );
    assert_eq!(history.matches("… noch offen").count(), 2, "{history}");
    assert!(
        history.contains("Workshops: Methoden & Formate, Fallstricke und Erfolgsfaktoren"),
        "{history}"
    );

    let listing = runde()
        .env("RUNDE_SESSIONS", tmp.path())
        .args(["list", "--series", "TransLOek"])
        .output()
        .unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines[0], "TransLOek · Lokale Ökonomien am Niederrhein", "{listing}");
    assert!(
        lines[1].contains("treffen-5") && lines[2].contains("treffen-6") && lines[3].contains("treffen-7"),
        "{listing}"
    );
    assert!(
        lines[1].contains("(65 Notizen)") && lines[2].contains("(3 Notizen)"),
        "{listing}"
    );
    let none = runde()
        .env("RUNDE_SESSIONS", tmp.path())
        .args(["list", "--series", "Andere"])
        .output()
        .unwrap();
    assert!(none.stdout.is_empty());
}

#[test]
fn new_from_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("gibt-es-nicht");
    runde()
        .args(["new", p(&tmp.path().join("x")), "--from", p(&missing)])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("keine frühere Sitzung"));
    let (_t, prev) = new_session("kompetenznetzwerk", "de");
    runde()
        .args(["new", p(&tmp.path().join("y")), "--from", p(&prev)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kein \"next_meeting\"").and(predicate::str::contains("--date")));
    let taken = tmp.path().join("belegt");
    std::fs::create_dir_all(&taken).unwrap();
    std::fs::write(taken.join("notizen.txt"), "meins").unwrap();
    runde()
        .args(["new", p(&taken), "--from", p(&prev), "--date", "2022-01-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nicht leer"));
    assert_eq!(std::fs::read_to_string(taken.join("notizen.txt")).unwrap(), "meins");
    runde()
        .args([
            "new",
            p(&tmp.path().join("z")),
            "--from",
            p(&prev),
            "--template",
            "blank",
        ])
        .assert()
        .code(2);
    runde().args(["flag", p(&prev), "01nope", "--done"]).assert().code(1);
    let id = add(&prev, "methods", "x", &[]);
    runde().args(["flag", p(&prev), &id]).assert().code(2);
}

#[test]
fn calendar_invitation_for_the_next_meeting_parses() {
    let (_t, dir) = example_session();
    let out = runde()
        .args(["export", p(&dir), "--format", "ics"])
        .env("TZ", "Asia/Tokyo")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\r\n"), "CRLF line ends");
    assert!(
        text.contains("DTSTART:20220208T140000Z"),
        "15:00 in Berlin (the plan's zone) is 14:00 UTC on any machine: {text}"
    );
    assert!(text.contains("DTEND:20220208T160000Z"), "{text}");
    let again = runde().args(["export", p(&dir), "--format", "ics"]).output().unwrap();
    let uid = |t: &str| t.lines().find(|l| l.starts_with("UID:")).map(str::to_string);
    assert_eq!(uid(&text), uid(&String::from_utf8(again.stdout).unwrap()), "stable UID");
    let unfolded = text.replace("\r\n ", "");
    let calendar: icalendar::Calendar = unfolded.parse().expect("valid iCalendar");
    use icalendar::Component;
    let event = calendar
        .components
        .iter()
        .find_map(|c| c.as_event())
        .expect("one event");
    assert_eq!(
        event.get_summary(),
        Some("TransLOek: 6. Treffen des Netzwerks „Lokale Ökonomien am Niederrhein“"),
        "titled as the next meeting, not this one's topic"
    );
    assert!(event.get_uid().unwrap().ends_with("-20220208@runde"));
    assert!(
        event
            .get_description()
            .unwrap()
            .contains("Lokale Ökonomien am Niederrhein")
    );
    assert!(event.get_start().is_some() && event.get_end().is_some());
    let (_t2, plain) = new_session("blank", "de");
    runde()
        .args(["export", p(&plain), "--format", "ics"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("kein \"next_meeting\""));
}

#[test]
fn saved_templates_create_new_sessions() {
    let config = tempfile::tempdir().unwrap();
    let (_t, dir) = example_session();
    runde()
        .env("RUNDE_CONFIG", config.path())
        .args(["template", "save", p(&dir), "netzwerk"])
        .assert()
        .success();
    runde()
        .env("RUNDE_CONFIG", config.path())
        .args(["template", "save", p(&dir), "netzwerk"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("gibt es schon"));
    runde()
        .env("RUNDE_CONFIG", config.path())
        .args(["template", "save", p(&dir), "blank"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("mitgelieferte Vorlage"));
    runde()
        .env("RUNDE_CONFIG", config.path())
        .args(["template", "save", p(&dir), "a b"])
        .assert()
        .code(2);
    let listing = runde()
        .env("RUNDE_CONFIG", config.path())
        .args(["template", "list"])
        .output()
        .unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    assert!(
        listing.contains("kompetenznetzwerk  (eingebaut)") && listing.contains("netzwerk\n"),
        "{listing}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let fresh = tmp.path().join("neu");
    runde()
        .env("RUNDE_CONFIG", config.path())
        .args([
            "new",
            p(&fresh),
            "--template",
            "netzwerk",
            "--date",
            "2023-03-01",
            "--title",
            "Frühjahr",
        ])
        .assert()
        .success();
    let plan = plan(&fresh);
    assert_eq!(
        (plan["date"].as_str(), plan["title"].as_str()),
        (Some("2023-03-01"), Some("Frühjahr"))
    );
    assert_eq!(plan["boards"][0]["speaker"], "André Koch-Engelmann", "layout kept");
    assert!(topics(&fresh).is_empty());
    assert_eq!(
        export_json(&fresh)["boards"][1]["sections"][0]["notes"]
            .as_array()
            .unwrap()
            .len(),
        0,
        "no notes copied"
    );
}
