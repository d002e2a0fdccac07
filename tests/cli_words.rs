//! Issue 16, points 11, 13 and 14 for the command line: every message in
//! the session's language with plural forms, the next steps a newcomer
//! needs, and error messages that say what is wrong and where.
mod common;

use common::*;
use predicates::prelude::*;

fn p(dir: &std::path::Path) -> &str {
    dir.to_str().unwrap()
}

fn stdout_of(args: &[&str]) -> String {
    let out = runde().args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Point 11: `status` speaks the session's language: no `phase:`, no
/// `signal: NeedHelp`, and "1 Notiz" but "2 Notizen".
#[test]
fn status_speaks_the_session_language_with_plural_forms() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    runde().args(["phase", p(&dir), "workshops"]).assert().success();
    add(&dir, "methods", "eins", &[]);
    add(&dir, "success", "eins", &[]);
    add(&dir, "success", "zwei", &[]);
    let mut s = runde::store::Session::open(&dir).unwrap();
    s.signal("methods", runde::model::Signal::NeedHelp).unwrap();
    let text = stdout_of(&["status", p(&dir)]);
    assert!(text.contains("Phase: Parallele Workshops"), "{text}");
    assert!(
        !text.contains("phase:") && !text.contains("NeedHelp") && !text.contains("signal:"),
        "{text}"
    );
    assert!(text.contains("Signal: braucht Hilfe"), "{text}");
    let methods = text.lines().find(|l| l.starts_with("methods")).unwrap();
    assert!(
        methods.contains(" 1 Notiz") && !methods.contains("Notizen"),
        "{methods}"
    );
    let success = text.lines().find(|l| l.starts_with("success")).unwrap();
    assert!(success.contains(" 2 Notizen"), "{success}");
    let (_e, en) = new_session("kompetenznetzwerk", "en");
    add(&en, "methods", "one", &[]);
    let text = stdout_of(&["status", p(&en)]);
    assert!(
        text.contains("Phase: ") && text.contains(" 1 note\n") && text.contains(" 0 notes"),
        "{text}"
    );
}

/// Point 11: `list` counts notes in each session's language, like `history`.
#[test]
fn list_and_history_count_notes_in_the_sessions_language() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    for (name, lang) in [("herbst", "de"), ("autumn", "en")] {
        runde()
            .env("RUNDE_SESSIONS", &sessions)
            .args(["new", name, "--lang", lang, "--date", "2021-10-05"])
            .assert()
            .success();
    }
    add(&sessions.join("herbst"), "methods", "eins", &[]);
    add(&sessions.join("autumn"), "methods", "one", &[]);
    add(&sessions.join("autumn"), "methods", "two", &[]);
    let out = runde().env("RUNDE_SESSIONS", &sessions).arg("list").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let herbst = text.lines().find(|l| l.trim().starts_with("herbst")).unwrap();
    assert!(herbst.ends_with("(1 Notiz)"), "{text}");
    let autumn = text.lines().find(|l| l.trim().starts_with("autumn")).unwrap();
    assert!(autumn.ends_with("(2 notes)"), "{text}");
    let history = stdout_of(&["history", p(&sessions.join("herbst"))]);
    assert!(history.contains("(1 Notiz)"), "{history}");
}

/// Point 13: the demo shows the folder and the exact `runde note` command
/// (in the facilitator's header while the view runs; on stderr here).
#[test]
fn demo_tells_how_to_join() {
    let tmp = tempfile::tempdir().unwrap();
    let out = runde()
        .env("TMPDIR", tmp.path())
        .env("RUNDE_NO_TUI", "1")
        .arg("demo")
        .output()
        .unwrap();
    assert!(out.status.success());
    let copy = std::fs::read_dir(tmp.path()).unwrap().next().unwrap().unwrap().path();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let command = format!("runde note {} --board methods", copy.display());
    assert!(stderr.contains(&command), "{stderr}");
    assert_eq!(
        runde::commands::demo_join_hint(&copy, runde::model::Lang::De, "methods", None),
        format!("Mitschreiben: {command}")
    );
}

/// `demo --lang en` tells the note-taker's command with `--lang en`, so
/// both views speak the language the demo was asked for.
#[test]
fn the_demo_hint_passes_on_the_language_it_was_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let out = runde()
        .env("TMPDIR", tmp.path())
        .env("RUNDE_NO_TUI", "1")
        .args(["demo", "--lang", "en"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let copy = std::fs::read_dir(tmp.path()).unwrap().next().unwrap().unwrap().path();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let command = format!("runde note {} --board methods --lang en", copy.display());
    assert!(stderr.contains(&command), "{stderr}");
}

/// Point 13: `new` keeps stdout to the path and prints the next steps, and
/// says that the default template brought the reference meeting's questions.
#[test]
fn new_prints_next_steps_and_names_the_template_questions() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let out = runde().args(["new", p(&dir), "--lang", "en"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{}\n", dir.display()));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for step in [
        format!("runde prepare {}", dir.display()),
        format!("runde facilitate {}", dir.display()),
        format!("runde note {} --board methods", dir.display()),
        format!("runde export {}", dir.display()),
    ] {
        assert!(stderr.contains(&step), "{step} missing in {stderr}");
    }
    assert!(stderr.contains("workshop questions"), "{stderr}");
    let blank = tmp.path().join("b");
    let out = runde()
        .args(["new", p(&blank), "--template", "blank"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("Leitfragen des Referenztreffens"), "{stderr}");
    assert!(stderr.contains("Nächste Schritte"), "{stderr}");
    // The plan editor is named once, first of the next steps (the rehearsal
    // saw it twice).
    let prepare = format!("runde prepare {}", blank.display());
    assert_eq!(stderr.matches(&prepare).count(), 1, "{stderr}");
}

/// Point 13: `plan` shows a readable summary; `--json` the plan itself.
#[test]
fn plan_shows_a_summary_and_the_json_on_request() {
    let (_t, dir) = example_session();
    let text = stdout_of(&["plan", p(&dir)]);
    assert!(!text.trim_start().starts_with('{'), "{text}");
    assert!(text.contains("15:00"), "agenda with clock times: {text}");
    assert!(
        text.contains("Mit welchen Methoden und Werkzeugen"),
        "questions: {text}"
    );
    let json = stdout_of(&["plan", p(&dir), "--json"]);
    let plan: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(plan["format"], 1);
    runde().args(["plan", p(&dir), "--json", "--edit"]).assert().code(2);
}

/// The absolute path of `sed`, for scripts run with a bare PATH.
fn sed() -> &'static str {
    ["/usr/bin/sed", "/bin/sed"]
        .into_iter()
        .find(|s| std::path::Path::new(s).exists())
        .expect("sed")
}

/// Point 13: without $VISUAL and $EDITOR, `plan --edit` uses `nano` from PATH.
#[test]
fn plan_edit_falls_back_to_an_editor_on_path() {
    let (_t, dir) = new_session("blank", "de");
    let bin = tempfile::tempdir().unwrap();
    let nano = bin.path().join("nano");
    std::fs::write(
        &nano,
        format!("#!/bin/sh\n{} -i s/Workshop/Sommerfest/ \"$1\"\n", sed()),
    )
    .unwrap();
    std::fs::set_permissions(&nano, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    runde()
        .args(["plan", p(&dir), "--edit"])
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .env("PATH", bin.path())
        .assert()
        .success();
    let plan = std::fs::read_to_string(dir.join("session.json")).unwrap();
    assert!(plan.contains("Sommerfest"), "{plan}");
    let empty = tempfile::tempdir().unwrap();
    runde()
        .args(["plan", p(&dir), "--edit"])
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .env("PATH", empty.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nano"));
}

/// Point 14: a prefix that fits several notes is ambiguous, not unknown.
#[test]
fn an_ambiguous_prefix_says_how_many_notes_match() {
    let (_t, dir) = example_session();
    runde()
        .args(["edit", p(&dir), "01m8", "neu"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("mehrdeutig: ").and(predicate::str::contains("Notizen beginnen mit 01m8")));
    let (_e, en) = new_session("kompetenznetzwerk", "en");
    let out = runde()
        .args(["add", p(&en), "--board", "methods", "--stdin"])
        .write_stdin("one\ntwo\n")
        .output()
        .unwrap();
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let common = ids[0].chars().zip(ids[1].chars()).take_while(|(a, b)| a == b).count();
    assert!(common >= 4, "{ids:?}");
    let prefix = &ids[0][..4];
    runde()
        .args(["rm", p(&en), prefix])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "ambiguous: 2 notes start with {prefix}"
        )));
    runde()
        .args(["rm", p(&en), "zzzz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown note"));
}

/// Point 14: a rejected plan edit names the file and line that hold the
/// broken text, and the next `--edit` starts from that text.
#[test]
fn a_rejected_plan_edit_points_at_its_file_and_is_reopened() {
    let (_t, dir) = new_session("blank", "de");
    let state = tempfile::tempdir().unwrap();
    let before = std::fs::read(dir.join("session.json")).unwrap();
    let out = runde()
        .args(["plan", p(&dir), "--edit"])
        .env("EDITOR", "sed -i -e s/Workshop/Sommerfest/ -e s/\"lang\"/\"sprache\"/")
        .env("RUNDE_STATE_DIR", state.path())
        .env_remove("VISUAL")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Kept on this machine, not in the shared session folder.
    assert!(!dir.join("session.json.rejected").exists());
    let kept = kept_plan_edits(state.path());
    let rejected = kept.join("session.json.rejected");
    let text = std::fs::read_to_string(&rejected).unwrap();
    let line = text.lines().position(|l| l.contains("sprache")).unwrap() + 1;
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("session.json.rejected:{line}:")), "{stderr}");
    assert!(!stderr.contains("session.json:"), "{stderr}");
    assert_eq!(std::fs::read(dir.join("session.json")).unwrap(), before);
    runde()
        .args(["plan", p(&dir), "--edit"])
        .env("EDITOR", "sed -i s/\"sprache\"/\"lang\"/")
        .env("RUNDE_STATE_DIR", state.path())
        .env_remove("VISUAL")
        .assert()
        .success()
        .stderr(predicate::str::contains("session.json.rejected"));
    let plan = std::fs::read_to_string(dir.join("session.json")).unwrap();
    assert!(
        plan.contains("Sommerfest"),
        "the edit went on from the rejected text: {plan}"
    );
    assert!(!rejected.exists(), "a fixed edit removes the rejected copy");
}

/// Point 14: `import` reports every bad line and imports nothing.
#[test]
fn import_reports_every_bad_line_and_imports_nothing() {
    let (_t, dir) = new_session("kompetenznetzwerk", "en");
    let file = dir.join("notes.jsonl");
    std::fs::write(
        &file,
        "{\"board\":\"methods\",\"text\":\"a\"}\n{\"board\":\"nope\",\"text\":\"b\"}\nnot json\n{\"board\":\"methods\",\"text\":\"d\"}\n",
    )
    .unwrap();
    let out = runde().args(["import", p(&dir), p(&file)]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("notes.jsonl:2: unknown board"), "{stderr}");
    assert!(stderr.contains("notes.jsonl:3:"), "{stderr}");
    assert!(stderr.contains("2 bad lines – nothing imported"), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(texts(&export_json(&dir), "methods", "notes").is_empty());
}

/// `status` writes the meeting's date as the session's language does
/// ("05. Oktober 2021"), not as ISO (found in the rehearsal).
#[test]
fn status_writes_the_date_in_the_sessions_language() {
    let (_t, dir) = example_session();
    let text = stdout_of(&["status", p(&dir)]);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.contains("05. Oktober 2021") && !first.contains("2021-10-05"),
        "{first}"
    );
}
