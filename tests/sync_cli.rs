//! The command line in a folder shared by a sync engine: `runde new` in a
//! freshly shared folder, `runde check` naming conflict copies, and
//! `runde plan --resolve` settling a plan conflict.
mod common;

use common::runde;
use predicates::prelude::*;

#[test]
fn new_accepts_a_folder_holding_only_sync_markers_and_writes_a_stignore() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("shared");
    std::fs::create_dir_all(dir.join(".stfolder")).unwrap();
    std::fs::write(dir.join(".DS_Store"), "").unwrap();
    runde()
        .args(["new", dir.to_str().unwrap(), "--sync", "syncthing"])
        .assert()
        .success();
    assert!(dir.join("session.json").is_file());
    let ignore = std::fs::read_to_string(dir.join(".stignore")).unwrap();
    assert!(ignore.contains("drafts"), "{ignore}");
    // A folder with anything else in it is still refused.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("mine.txt"), "").unwrap();
    runde()
        .args(["new", other.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nicht leer"));
}

#[test]
fn a_plan_conflict_fails_check_until_resolved() {
    let (_tmp, dir) = common::new_session("blank", "en");
    let plan = std::fs::read_to_string(dir.join("session.json")).unwrap();
    let copy_name = "session.sync-conflict-20261129-120000-ABCDEFG.json";
    let theirs = plan.replacen("\"title\": \"", "\"title\": \"Their ", 1);
    assert_ne!(theirs, plan);
    std::fs::write(dir.join(copy_name), &theirs).unwrap();
    let path = dir.to_str().unwrap();
    runde()
        .args(["check", path])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(copy_name).and(predicate::str::contains("--resolve")));
    runde()
        .args(["plan", path, "--resolve"])
        .assert()
        .success()
        .stdout(predicate::str::contains("+ \"title\": \"Their ").and(predicate::str::contains("--keep current")));
    runde()
        .args(["plan", path, "--resolve", "--keep", copy_name])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(dir.join("session.json")).unwrap(), theirs);
    assert!(!dir.join(copy_name).exists());
    runde().args(["check", path]).assert().success();
}

#[test]
fn check_names_log_conflict_copies_and_says_what_to_do() {
    let (_tmp, dir) = common::example_session();
    let before = common::export_json(&dir);
    let log = dir.join("log").join("01m8egqxc689sh9q1m8vzf821g.jsonl");
    let copy = dir
        .join("log")
        .join("01m8egqxc689sh9q1m8vzf821g (conflicted copy 2026-11-29 120000).jsonl");
    std::fs::copy(&log, &copy).unwrap();
    let out = runde().args(["check", dir.to_str().unwrap()]).assert().code(1);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("conflicted copy") && text.contains("löschen"), "{text}");
    // The copy is never read.
    assert_eq!(common::export_json(&dir), before);
}
