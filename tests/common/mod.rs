//! Helpers shared by the integration tests.
#![allow(dead_code)]
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

mod bounded;
#[allow(unused_imports)]
pub use bounded::*;

/// The runde binary with a clean environment for sessions.
pub fn runde() -> Command {
    let mut cmd = Command::cargo_bin("runde").expect("binary built");
    cmd.env_remove("RUNDE_SESSIONS").env("NO_COLOR", "1");
    // A command that hangs is killed and fails its test.
    cmd.timeout(COMMAND_LIMIT);
    cmd
}

/// A fresh session from a template in a temp dir; returns (tempdir, path).
pub fn new_session(template: &str, lang: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    runde()
        .args([
            "new",
            dir.to_str().unwrap(),
            "--template",
            template,
            "--lang",
            lang,
            "--date",
            "2021-10-05",
        ])
        .assert()
        .success();
    (tmp, dir)
}

/// A copy of the shipped example session.
pub fn example_session() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("example");
    std::fs::create_dir_all(&dir).unwrap();
    runde::example::write_to(&dir).unwrap();
    (tmp, dir)
}

/// Adds a note through the CLI and returns its id.
pub fn add(dir: &Path, board: &str, text: &str, extra: &[&str]) -> String {
    let out = runde()
        .args(["add", dir.to_str().unwrap(), "--board", board])
        .args(extra)
        .arg(text)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "add failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// The path of a session's only log file (sessions written by one process).
pub fn only_log(dir: &Path) -> PathBuf {
    let mut logs: Vec<PathBuf> = std::fs::read_dir(dir.join("log"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(logs.len(), 1, "expected one log file");
    logs.remove(0)
}

/// The event lines appended to `dir/log` since `before` (a
/// [`snapshot_files`] of it): events, not a new file's header.
pub fn events_added(dir: &Path, before: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    snapshot_files(&dir.join("log"))
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .flat_map(|(path, bytes)| {
            let old = before.get(path).map_or(0, Vec::len);
            String::from_utf8_lossy(&bytes[old..])
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|line| line.starts_with("{\"e\":"))
        .collect()
}

/// Every file's bytes under `dir`, for "nothing was changed" assertions.
pub fn snapshot_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The `runde export --format json` document.
pub fn export_json(dir: &Path) -> serde_json::Value {
    let out = runde()
        .args(["export", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Note texts of one board section from the JSON export, in order.
pub fn texts(doc: &serde_json::Value, board: &str, section: &str) -> Vec<String> {
    doc["boards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == board)
        .and_then(|b| b["sections"].as_array().unwrap().iter().find(|s| s["id"] == section))
        .map(|s| {
            s["notes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["text"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// `runde status --json`.
pub fn status(dir: &Path) -> serde_json::Value {
    let out = runde()
        .args(["status", dir.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// One board's timer from `runde status --json`.
pub fn timer_of(dir: &Path, board: &str) -> serde_json::Value {
    status(dir)["timers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["board"] == board)
        .unwrap()
        .clone()
}

/// Runs read and write commands on a broken session and checks that all
/// fail with `expect` on stderr and leave every file as it was.
pub fn assert_refused_untouched(dir: &std::path::Path, expect: &str) {
    let before = snapshot_files(dir);
    for args in [
        vec!["status", dir.to_str().unwrap()],
        vec!["add", dir.to_str().unwrap(), "--board", "methods", "x"],
        vec!["export", dir.to_str().unwrap()],
        vec!["timer", dir.to_str().unwrap(), "start"],
    ] {
        runde()
            .args(&args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(expect));
    }
    runde()
        .args(["check", dir.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(expect));
    assert_eq!(snapshot_files(dir), before, "files changed");
}

/// `runde export DIR ARGS…` as text; fails the test if it fails.
pub fn export(dir: &Path, args: &[&str]) -> String {
    String::from_utf8(export_bytes(dir, args)).unwrap()
}

/// `runde export DIR ARGS…` as bytes (Word, PDF); fails the test if it fails.
pub fn export_bytes(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = runde().arg("export").arg(dir).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// `runde export DIR ARGS…` that must be refused (exit code 1); check its
/// message on the returned assertion.
pub fn export_refused(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    runde().arg("export").arg(dir).args(args).assert().code(1)
}

/// The folder where a refused plan edit of the one session used with the
/// local state directory `state` is kept (`STATE/plans/<hash>/`).
pub fn kept_plan_edits(state: &Path) -> PathBuf {
    let mut folders = std::fs::read_dir(state.join("plans")).expect("a refused edit was kept");
    folders.next().expect("one session").expect("readable").path()
}

/// `runde serve DIR --listen 127.0.0.1:0 --code CODE`, loopback only, with
/// its settings in `config` and its state in `state` and no
/// `$RUNDE_SESSIONS`: the SSH server every loopback test starts.
pub fn serve_command(dir: &Path, code: &str, config: &Path, state: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_runde"));
    cmd.args([
        "serve",
        &dir.to_string_lossy(),
        "--listen",
        "127.0.0.1:0",
        "--code",
        code,
    ])
    .env("RUNDE_CONFIG", config)
    .env("RUNDE_STATE_DIR", state)
    .env_remove("RUNDE_SESSIONS");
    cmd
}
