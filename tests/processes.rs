//! Many writers at once and writers killed with SIGKILL: every
//! acknowledged note is present exactly once.
mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::Duration;

use common::*;

fn all_note_ids(doc: &serde_json::Value) -> Vec<String> {
    doc["boards"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["sections"].as_array().unwrap().iter())
        .flat_map(|s| s["notes"].as_array().unwrap().iter())
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn eight_processes_times_a_hundred_notes_all_arrive() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let boards = ["methods", "findings", "continuity", "actors"];
    let children: Vec<_> = (0..8)
        .map(|w| {
            let input: String = (0..100).map(|i| format!("writer {w} note {i}\n")).collect();
            let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("runde"))
                .args(["add", dir.to_str().unwrap(), "--board", boards[w % 4], "--stdin"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
            Bounded::new(child, COMMAND_LIMIT, &format!("writer {w}"))
        })
        .collect();
    let mut printed = HashSet::new();
    for child in children {
        let out = child.output_within(COMMAND_LIMIT);
        assert!(out.status.success());
        printed.extend(String::from_utf8(out.stdout).unwrap().lines().map(str::to_string));
    }
    assert_eq!(printed.len(), 800);
    let doc = export_json(&dir);
    let ids = all_note_ids(&doc);
    assert_eq!(ids.len(), 800);
    assert_eq!(ids.iter().cloned().collect::<HashSet<_>>(), printed);
    for w in 0..8 {
        let mine: Vec<String> = texts(&doc, boards[w % 4], "notes")
            .into_iter()
            .filter(|t| t.starts_with(&format!("writer {w} ")))
            .collect();
        let expected: Vec<String> = (0..100).map(|i| format!("writer {w} note {i}")).collect();
        assert_eq!(mine, expected, "each writer's notes stay in its order");
    }
}

/// A small deterministic PRNG so the kill moments vary without a dependency.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn kill_9_at_random_moments_loses_no_acknowledged_note() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut acknowledged: Vec<String> = Vec::new();
    let rounds = 24;
    for round in 0..rounds {
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("runde"))
            .args(["add", dir.to_str().unwrap(), "--board", "methods", "--stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut child = Bounded::new(child, COMMAND_LIMIT, &format!("writer of round {round}"));
        let mut stdin = child.child.stdin.take().unwrap();
        let feeder = std::thread::spawn(move || {
            for i in 0..100_000 {
                if writeln!(stdin, "round {round} note {i}").is_err() {
                    break;
                }
            }
        });
        let stdout = child.child.stdout.take().unwrap();
        let (first_tx, first_rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut ids = Vec::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if ids.is_empty() {
                    let _ = first_tx.send(());
                }
                ids.push(line);
            }
            ids
        });
        // Kill at a random moment after the writer is up and saving, so a
        // slow start on a loaded machine cannot turn the round into a no-op.
        // (The sleep is the random moment, not a stand-in for a condition.)
        first_rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the writer acknowledged its first note within 60 s");
        std::thread::sleep(Duration::from_millis(next(&mut seed) % 60));
        child.child.kill().unwrap(); // SIGKILL
        child.wait_within(Duration::from_secs(20));
        let ids = reader.join().unwrap();
        let _ = feeder.join();
        acknowledged.extend(ids);
    }
    assert!(!acknowledged.is_empty(), "some notes were acknowledged");
    runde().args(["check", dir.to_str().unwrap()]).assert().success();
    let ids = all_note_ids(&export_json(&dir));
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no duplicates");
    for id in &acknowledged {
        assert_eq!(
            ids.iter().filter(|i| *i == id).count(),
            1,
            "acknowledged note {id} present once"
        );
    }
    eprintln!(
        "{rounds} kill rounds, {} acknowledged notes, {} stored",
        acknowledged.len(),
        ids.len()
    );
}

/// The time bounds themselves (tests/common/bounded.rs): a child that
/// outlives its bound is killed by PID, and the wait fails saying so.
#[test]
fn a_child_past_its_time_bound_is_killed_and_its_test_fails() {
    let sleeper = || {
        std::process::Command::new("sleep")
            .arg("600")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // A wait with a deadline fails the test with a clear message.
    let mut child = Bounded::new(sleeper(), Duration::from_secs(600), "sleep 600");
    let pid = child.child.id();
    let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        child.wait_within(Duration::from_millis(300));
    }));
    let message = failed.expect_err("the wait ran over").downcast::<String>().unwrap();
    assert!(message.contains("sleep 600 did not exit within 300ms"), "{message}");
    assert!(child.child.try_wait().unwrap().is_some(), "PID {pid} was killed");

    // A read that would block forever (the child never writes) ends when
    // the watchdog kills the child at its bound.
    let mut child = Bounded::new(sleeper(), Duration::from_millis(300), "silent child");
    let mut stdout = child.child.stdout.take().unwrap();
    let start = std::time::Instant::now();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut stdout, &mut out).unwrap();
    assert!(start.elapsed() < Duration::from_secs(30), "{:?}", start.elapsed());
    assert!(
        !child.wait_within(Duration::from_secs(5)).success(),
        "killed, not exited"
    );
}
