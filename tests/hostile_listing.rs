//! A bad file affects only itself: generated session folders with planted
//! names (any Unicode, case mappings that change length, bytes that are not
//! UTF-8) and kinds (links out of the folder, to a FIFO, folders, FIFOs,
//! sparse terabyte files, valid and garbage logs) in `log/`, `clock/` and
//! the session folder. Every reader keeps the promises of
//! `common/planted.rs`; the fuzz target `listing` runs the same checks.
#![cfg(unix)]
mod common;
#[path = "common/planted.rs"]
mod planted;

use std::time::Duration;

use common::*;
use planted::{ATOMS, Entry, Folder, Kind, Setup};
use predicates::prelude::*;
use proptest::prelude::*;

/// Runs the promises on another thread, so a reader that waits on a FIFO
/// fails the test instead of hanging it.
fn exercise_bounded(entries: Vec<Entry>) -> Result<(), String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut setup = Setup::new();
        setup.plant(&entries);
        let _ = tx.send(
            setup
                .exercise()
                .map_err(|e| format!("{e}\nplanted: {:?}", setup.planted)),
        );
    });
    rx.recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| Err("a reader hung (60 s)".into()))
}

fn name() -> impl Strategy<Value = Vec<u8>> {
    let atom = prop::sample::select(ATOMS.to_vec()).prop_map(|a| a.as_bytes().to_vec());
    prop_oneof![
        // Any Unicode, and the markers runde and the engines use.
        (
            any::<String>(),
            prop::sample::select(vec![".jsonl", ".json", ".sync-conflict-1.jsonl", ""])
        )
            .prop_map(|(s, ext)| format!("{s}{ext}").into_bytes()),
        prop::collection::vec(atom, 1..6).prop_map(|v| v.concat()),
        // Raw bytes: not UTF-8 as often as not.
        (prop::collection::vec(any::<u8>(), 1..12)).prop_map(|mut v| {
            v.extend_from_slice(b".jsonl");
            v
        }),
    ]
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64).prop_map(Kind::Bytes),
        prop::sample::select(vec![0u64, 1, 1 << 20, (1 << 20) + 1, 1 << 40]).prop_map(Kind::Sparse),
        Just(Kind::Log),
        Just(Kind::LinkOut),
        Just(Kind::LinkFifo),
        Just(Kind::LinkHonest),
        Just(Kind::Dir),
        Just(Kind::Fifo),
    ]
}

fn entry() -> impl Strategy<Value = Entry> {
    let folder = prop::sample::select(vec![Folder::Log, Folder::Log, Folder::Session, Folder::Clock]);
    (folder, name(), kind()).prop_map(|(folder, name, kind)| Entry { folder, name, kind })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_planted_listing_affects_only_itself(entries in prop::collection::vec(entry(), 0..6)) {
        if let Err(e) = exercise_bounded(entries) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn the_kelvin_sign_and_other_length_changing_names_are_handled() {
    let conflict = "\u{e9}\u{212A}.sync-conflict-20260101-120000-ABCDEFG.jsonl";
    let entries = [
        conflict,
        "\u{212A}\u{212A} (Konflikt 2026).jsonl",
        "İ_conflict-1.jsonl",
        "ẞ (conflicted copy).json",
    ]
    .iter()
    .flat_map(|n| {
        [Folder::Log, Folder::Session].map(|folder| Entry {
            folder,
            name: n.as_bytes().to_vec(),
            kind: Kind::Log,
        })
    })
    .collect();
    exercise_bounded(entries).unwrap();
    // And the command line: `check` names the copy, exits 1, never panics.
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "a", &[]);
    std::fs::write(dir.join("log").join(conflict), "x").unwrap();
    runde()
        .args(["check", dir.to_str().unwrap()])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(conflict))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn a_link_a_folder_and_a_fifo_in_log_stop_nobody_and_check_names_each() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "vorher", &[]);
    let log = dir.join("log");
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::os::unix::fs::symlink(outside.path(), log.join("evil.jsonl")).unwrap();
    std::fs::create_dir(log.join("folder.jsonl")).unwrap();
    rustix::fs::mkfifoat(rustix::fs::CWD, log.join("fifo.jsonl"), rustix::fs::Mode::RUSR).unwrap();
    rustix::fs::mkfifoat(rustix::fs::CWD, dir.join("clock-fifo.jsonl"), rustix::fs::Mode::RUSR).unwrap();
    let d = dir.to_str().unwrap();
    let bounded = |args: &[&str]| {
        let mut cmd = runde();
        cmd.args(args).timeout(Duration::from_secs(60));
        cmd
    };
    bounded(&["add", d, "--board", "methods", "danach"]).assert().success();
    bounded(&["status", d]).assert().success();
    bounded(&["timer", d, "start"]).assert().success();
    let md = bounded(&["export", d]).assert().success().get_output().stdout.clone();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("vorher") && md.contains("danach"), "{md}");
    let out = bounded(&["check", d]).assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    for name in ["evil.jsonl", "folder.jsonl", "fifo.jsonl"] {
        let path = log.join(name);
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{}: ", path.display()))),
            "{name} not named at the start of a line:\n{out}"
        );
    }
    assert!(out.contains("symbolischer Link"), "{out}");
    assert!(!out.lines().any(|l| l.starts_with(':')), "{out}");
}
