//! A plan edit never overwrites what it did not see: two `runde plan
//! --edit` at once (the editors block on a file the test creates, not on a
//! timer), and `runde prepare` with the plan changed under it on a
//! TestBackend. Different fields merge; the same field is refused, shown
//! with both values, and kept on this machine (never in the shared folder).
#![cfg(unix)]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use runde::app::prepare::Prepare;
use runde::runtime::prepare::PrepareRunner;

/// An editor script: applies `sed` to the file, says it started, then
/// waits until `go` exists (or returns at once without one).
fn editor(dir: &Path, name: &str, sed: &str, go: Option<&Path>) -> PathBuf {
    let started = dir.join(format!("{name}.started"));
    let wait = go.map_or(String::new(), |g| {
        format!("while [ ! -e '{}' ]; do sleep 0.02; done\n", g.display())
    });
    let script = dir.join(format!("{name}.sh"));
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nsed -i '{sed}' \"$1\"\ntouch '{}'\n{wait}",
            started.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    script
}

fn plan_edit(dir: &Path, script: &Path, state: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("runde"));
    cmd.args(["plan", dir.to_str().unwrap(), "--edit"])
        .env("EDITOR", script)
        .env("RUNDE_STATE_DIR", state)
        .env_remove("VISUAL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Waits (at most 60 s) for `cond`.
fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let end = Instant::now() + Duration::from_secs(60);
    while !cond() {
        assert!(Instant::now() < end, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits (at most 60 s) for the process; its exit code and stderr.
fn finish(mut child: Child) -> (i32, String) {
    let end = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            return (
                status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            );
        }
        if Instant::now() > end {
            let _ = child.kill();
            panic!("plan --edit did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn plan_json(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("session.json")).unwrap()).unwrap()
}

/// Two `plan --edit` at once: the first started saves last.
fn two_edits(first_sed: &str, second_sed: &str) -> (tempfile::TempDir, PathBuf, PathBuf, (i32, String), (i32, String)) {
    let (t, dir) = new_session("kompetenznetzwerk", "de");
    let state = t.path().join("state");
    let go = t.path().join("go");
    let a = editor(t.path(), "a", first_sed, Some(&go));
    let b = editor(t.path(), "b", second_sed, None);
    let first = plan_edit(&dir, &a, &state).spawn().unwrap();
    wait_for("the first editor", || t.path().join("a.started").exists());
    let second = finish(plan_edit(&dir, &b, &state).spawn().unwrap());
    std::fs::write(&go, "").unwrap();
    let first = finish(first);
    (t, dir, state, first, second)
}

#[test]
fn two_plan_edits_of_different_fields_both_land() {
    let (_t, dir, _state, first, second) = two_edits(
        r#"s/^  "title": .*/  "title": "Erste Bearbeitung",/"#,
        r#"s/"title": "Methoden & Formate"/"title": "Zweite Bearbeitung"/"#,
    );
    assert_eq!(second.0, 0, "{}", second.1);
    assert_eq!(first.0, 0, "{}", first.1);
    let plan = plan_json(&dir);
    assert_eq!(plan["title"], "Erste Bearbeitung");
    let methods = plan["boards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "methods")
        .unwrap();
    assert_eq!(
        methods["title"], "Zweite Bearbeitung",
        "the second edit was not dropped"
    );
    assert!(
        first.1.contains("boards[methods].title"),
        "the merge is reported: {}",
        first.1
    );
}

#[test]
fn two_plan_edits_of_the_same_field_refuse_the_later_and_keep_it_on_this_machine() {
    let (_t, dir, state, first, second) = two_edits(
        r#"s/^  "title": .*/  "title": "Von A",/"#,
        r#"s/^  "title": .*/  "title": "Von B",/"#,
    );
    assert_eq!(second.0, 0, "{}", second.1);
    assert_eq!(first.0, 1, "the edit that saw the old title is refused: {}", first.1);
    assert_eq!(plan_json(&dir)["title"], "Von B", "B's saved edit stays");
    assert!(
        first.1.contains("\"Von A\"") && first.1.contains("\"Von B\""),
        "both sides shown: {}",
        first.1
    );
    assert!(first.1.contains("--edit"), "how to settle it: {}", first.1);
    let kept = kept_plan_edits(&state);
    let text = std::fs::read_to_string(kept.join("session.json.rejected")).unwrap();
    assert!(text.contains("Von A"), "A's version is kept: {text}");
    let shared: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        shared
            .iter()
            .all(|n| !n.contains("session-edit") && !n.ends_with(".rejected")),
        "{shared:?}"
    );
    // Settling it: the next edit opens A's version over B's plan.
    let keep = editor(dir.parent().unwrap(), "c", "s/x/x/", None);
    let out = plan_edit(&dir, &keep, &state).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(plan_json(&dir)["title"], "Von A");
}

// ----- runde prepare with the plan changed under it ------------------------

fn prepare(dir: &Path, state: &Path) -> PrepareRunner {
    let date = runde::model::plan::Date::try_from("2000-01-01".to_string()).unwrap();
    let mut p = PrepareRunner::open(dir.to_path_buf(), None, date).unwrap();
    p.state_root = Some(state.to_path_buf());
    p
}

fn screen(p: &Prepare) -> String {
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| f.render_widget(p, f.area())).unwrap();
    let buf = t.backend().buffer().clone();
    (0..30)
        .map(|y| {
            (0..100)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
                + "\n"
        })
        .collect()
}

/// Changes the plan on disk as another writer would (its own atomic write).
fn change_elsewhere(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut plan = plan_json(dir);
    edit(&mut plan);
    runde::store::files::replace_file(
        &dir.join("session.json"),
        serde_json::to_string_pretty(&plan).unwrap().as_bytes(),
    )
    .unwrap();
}

/// Replaces the meeting title in the editor (first row of the form).
fn type_title(p: &mut PrepareRunner, title: &str) {
    p.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    p.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in title.chars() {
        p.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    p.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
}

#[test]
fn prepare_reloads_a_plan_changed_elsewhere_at_once_when_it_holds_nothing_unsaved() {
    let (t, dir) = new_session("kompetenznetzwerk", "de");
    let mut p = prepare(&dir, &t.path().join("state"));
    assert!(!p.check_disk(), "nothing changed yet");
    change_elsewhere(&dir, |plan| plan["title"] = "Anderswo geändert".into());
    assert!(p.check_disk());
    assert_eq!(p.plan.title, "Anderswo geändert");
    assert!(!p.dirty());
    let s = screen(&p);
    assert!(s.contains("Anderswo geändert") && s.contains("Neu geladen"), "{s}");
}

#[test]
fn prepare_with_unsaved_changes_shows_a_banner_and_saving_merges_other_fields() {
    let (t, dir) = new_session("kompetenznetzwerk", "de");
    let mut p = prepare(&dir, &t.path().join("state"));
    type_title(&mut p, "Mein Titel");
    assert!(p.dirty());
    change_elsewhere(&dir, |plan| plan["network"] = "Netz von dort".into());
    assert!(p.check_disk());
    assert_eq!(p.plan.title, "Mein Titel", "unsaved work is never replaced");
    let s = screen(&p);
    assert!(s.contains("anderswo geändert") && s.contains("network"), "banner: {s}");
    p.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let plan = plan_json(&dir);
    assert_eq!(plan["title"], "Mein Titel");
    assert_eq!(plan["network"], "Netz von dort", "the other edit was kept");
    assert!(p.banner.is_none() && !p.dirty());
}

#[test]
fn prepare_never_saves_its_stale_value_over_a_field_changed_elsewhere() {
    let (t, dir) = new_session("kompetenznetzwerk", "de");
    let state = t.path().join("state");
    let mut p = prepare(&dir, &state);
    type_title(&mut p, "Von hier");
    change_elsewhere(&dir, |plan| {
        plan["title"] = "Von dort".into();
        plan["network"] = "Netz von dort".into();
    });
    p.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(plan_json(&dir)["title"], "Von dort", "refused: the other title stays");
    let s = screen(&p);
    assert!(
        s.contains("Nicht gespeichert") && s.contains("\"Von hier\"") && s.contains("\"Von dort\""),
        "{s}"
    );
    let kept = kept_plan_edits(&state);
    assert!(
        std::fs::read_to_string(kept.join("session.json.rejected"))
            .unwrap()
            .contains("Von hier")
    );
    // Saving again, having seen both, keeps this title and their network.
    p.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let plan = plan_json(&dir);
    assert_eq!(plan["title"], "Von hier");
    assert_eq!(plan["network"], "Netz von dort");
    assert!(
        !kept.join("session.json.rejected").exists(),
        "settled: the kept copy is gone"
    );
}
