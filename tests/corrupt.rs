//! Malformed, truncated and hostile session files: a clear `file:line`
//! error, exit 1, and not one byte changed.
mod common;

use common::*;
use predicates::prelude::*;

fn p(dir: &std::path::Path) -> &str {
    dir.to_str().unwrap()
}

#[test]
fn garbage_plan_is_reported_with_path_and_line() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    std::fs::write(dir.join("session.json"), "{\n  \"format\": 1,\n  garbage\n}").unwrap();
    assert_refused_untouched(&dir, "session.json:3:");
}

#[test]
fn unknown_key_in_plan_is_named() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let text = std::fs::read_to_string(dir.join("session.json")).unwrap();
    std::fs::write(
        dir.join("session.json"),
        text.replacen("\"lang\"", "\"colour\": \"red\",\n  \"lang\"", 1),
    )
    .unwrap();
    assert_refused_untouched(&dir, "session.json:3: unbekannter Schlüssel `colour`");
}

#[test]
fn truncated_plan_is_reported() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let text = std::fs::read_to_string(dir.join("session.json")).unwrap();
    std::fs::write(dir.join("session.json"), &text[..text.len() / 2]).unwrap();
    assert_refused_untouched(&dir, "session.json:");
}

#[test]
fn invalid_utf8_and_future_format_are_reported() {
    let (_t, dir) = new_session("blank", "de");
    let text = std::fs::read(dir.join("session.json")).unwrap();
    let mut bad = text.clone();
    bad.splice(20..20, [0xff, 0xfe]);
    std::fs::write(dir.join("session.json"), &bad).unwrap();
    assert_refused_untouched(&dir, "ungültiges UTF-8");
    let future = String::from_utf8(text)
        .unwrap()
        .replace("\"format\": 1", "\"format\": 2");
    std::fs::write(dir.join("session.json"), future).unwrap();
    assert_refused_untouched(&dir, "runde aktualisieren");
}

#[test]
fn torn_tail_is_recovered_and_never_truncated() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let a = add(&dir, "methods", "erste", &[]);
    let log = only_log(&dir);
    let mut bytes = std::fs::read(&log).unwrap();
    bytes.extend_from_slice(b"{\"e\":{\"seq\":2,\"lamport\":2,\"wall");
    std::fs::write(&log, &bytes).unwrap();
    runde()
        .args(["check", p(&dir)])
        .assert()
        .success()
        .stdout(predicate::str::contains(":3: wiederhergestellt"));
    let b = add(&dir, "methods", "zweite", &[]);
    assert_eq!(texts(&export_json(&dir), "methods", "notes"), ["erste", "zweite"]);
    assert_ne!(a, b);
    assert_eq!(std::fs::read(&log).unwrap(), bytes, "torn log left byte for byte");
}

#[test]
fn garbage_in_the_middle_of_a_log_is_corruption() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let out = runde()
        .args(["add", p(&dir), "--board", "methods", "--stdin"])
        .write_stdin("a\nb\nc\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let log = only_log(&dir);
    let text = std::fs::read_to_string(&log).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "this is not json";
    std::fs::write(&log, lines.join("\n") + "\n").unwrap();
    let name = log.file_name().unwrap().to_str().unwrap().to_string();
    assert_refused_untouched(&dir, &format!("{name}:3: beschädigter Eintrag"));
}

#[test]
fn flipped_checksum_in_the_middle_is_corruption() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    runde()
        .args(["add", p(&dir), "--board", "methods", "--stdin"])
        .write_stdin("a\nb\n")
        .assert()
        .success();
    let log = only_log(&dir);
    let text = std::fs::read_to_string(&log).unwrap();
    let flipped = text.replacen("\"text\":\"a\"", "\"text\":\"A\"", 1);
    std::fs::write(&log, flipped).unwrap();
    assert_refused_untouched(&dir, "Prüfsumme stimmt nicht");
}

#[test]
fn a_symlinked_log_is_skipped_and_named_by_check_only() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "a", &[]);
    let outside = tempfile::NamedTempFile::new().unwrap();
    #[cfg(unix)]
    {
        let link = dir.join("log").join("evil.jsonl");
        std::os::unix::fs::symlink(outside.path(), &link).unwrap();
        add(&dir, "methods", "b", &[]);
        assert_eq!(texts(&export_json(&dir), "methods", "notes"), ["a", "b"]);
        runde()
            .args(["check", p(&dir)])
            .assert()
            .code(1)
            .stdout(predicate::str::contains(format!(
                "\n{}: ein symbolischer Link",
                link.display()
            )));
    }
}

#[test]
fn a_plan_without_a_board_referenced_by_notes_fails_check() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "actors", "a", &[]);
    let text = std::fs::read_to_string(dir.join("session.json")).unwrap();
    let plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut plan = plan;
    plan["boards"].as_array_mut().unwrap().retain(|b| b["id"] != "actors");
    for phase in plan["agenda"].as_array_mut().unwrap() {
        if let Some(b) = phase.get_mut("boards").and_then(|b| b.as_array_mut()) {
            b.retain(|x| x != "actors");
        }
    }
    std::fs::write(dir.join("session.json"), serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    runde()
        .args(["check", p(&dir)])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("der Tafel \"actors\", den der Plan nicht hat"));
}
