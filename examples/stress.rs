//! Stress driver for the store: `cargo run --release --example stress`
//! (`-- --quick` for a short run). Prints the counts it checked.
//!
//! 1. kill -9 loop: `runde add --stdin` and the note-taker view in a pty,
//!    killed at random moments; every acknowledged note present exactly once.
//! 2. concurrency: 20 processes × 500 mixed operations (add, edit, delete,
//!    move) at once; the result equals what the writers expect, and
//!    independent readers see the same state.
#[path = "../tests/common/pty.rs"]
mod pty;

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use runde::model::NoteKind;
use runde::store::Session;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--worker") {
        return worker(
            Path::new(&args[2]),
            args[3].parse().unwrap_or(500),
            args[4].parse().unwrap_or(1),
        );
    }
    let quick = args.iter().any(|a| a == "--quick");
    let runde = build_runde();
    if let Some(at) = args.iter().position(|a| a == "--soak") {
        let secs = args.get(at + 1).and_then(|s| s.parse().ok()).unwrap_or(300);
        return soak(&runde, secs);
    }
    let started = Instant::now();
    let (rounds, pty_rounds, writers, ops) = if quick { (20, 5, 4, 50) } else { (200, 40, 20, 500) };
    kill_loop(&runde, rounds);
    pty_kill_loop(&runde, pty_rounds);
    concurrency(writers, ops);
    println!("all checks passed in {:.0} s", started.elapsed().as_secs_f64());
}

fn build_runde() -> PathBuf {
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.args(["build", "--quiet", "--bin", "runde"]);
    if !cfg!(debug_assertions) {
        cargo.arg("--release");
    }
    assert!(cargo.status().expect("cargo").success());
    let exe = std::env::current_exe().expect("own path");
    exe.parent().and_then(Path::parent).expect("target dir").join("runde")
}

fn session(tag: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new().prefix(tag).tempdir().expect("temp dir");
    let dir = tmp.path().join("s");
    runde::store::create::create_session(&dir, &runde::synthetic::plan()).expect("session");
    (tmp, dir)
}

fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn check_ok(runde: &Path, dir: &Path) -> String {
    let out = Command::new(runde).arg("check").arg(dir).output().expect("check");
    assert!(
        out.status.success(),
        "runde check failed:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn kill_loop(runde: &Path, rounds: usize) {
    let (_t, dir) = session("runde-kill-");
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut acked: Vec<String> = Vec::new();
    for round in 0..rounds {
        let mut child = Command::new(runde)
            .args(["add", dir.to_str().unwrap(), "--board", "b1", "--stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        let feeder = std::thread::spawn(move || {
            for i in 0..1_000_000 {
                if writeln!(stdin, "round {round} note {i}").is_err() {
                    break;
                }
            }
        });
        let stdout = child.stdout.take().expect("stdout");
        let reader =
            std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).collect::<Vec<_>>());
        std::thread::sleep(Duration::from_millis(5 + xorshift(&mut seed) % 80));
        child.kill().expect("SIGKILL");
        child.wait().expect("wait");
        acked.extend(reader.join().expect("reader"));
        let _ = feeder.join();
    }
    let report = check_ok(runde, &dir);
    let recovered = report.lines().filter(|l| l.contains("recovered")).count();
    let s = Session::open(&dir).expect("open");
    let stored: Vec<&str> = s.state().live_notes().map(|n| n.id.as_str()).collect();
    let unique: HashSet<&str> = stored.iter().copied().collect();
    assert_eq!(unique.len(), stored.len(), "duplicates");
    let missing = acked.iter().filter(|id| !unique.contains(id.as_str())).count();
    assert_eq!(missing, 0, "acknowledged notes lost");
    println!(
        "kill -9 loop (runde add --stdin): {rounds} rounds, {} acknowledged, {} stored, {recovered} torn tails recovered, lost 0, duplicated 0",
        acked.len(),
        stored.len()
    );
}

fn pty_kill_loop(runde: &Path, rounds: usize) {
    let (_t, dir) = session("runde-ptykill-");
    let mut seed = 0x9e37_79b9_u64;
    let mut acked: Vec<String> = Vec::new();
    for round in 0..rounds {
        let mut view = pty::View::spawn_program(
            runde,
            &["note", dir.to_str().unwrap(), "--board", "b1", "--by", "stress"],
            100,
            30,
        );
        view.wait_for("Gruppe 1");
        let n = 1 + xorshift(&mut seed) % 5;
        for i in 0..n {
            let text = format!("pty {round}.{i}");
            view.send(&format!("a{text}\r"));
            view.wait_for(&text);
            acked.push(text);
        }
        view.send(&format!("aunterwegs {round}\r"));
        std::thread::sleep(Duration::from_micros(xorshift(&mut seed) % 3000));
        let _ = view.child.kill();
        let _ = view.child.wait();
    }
    check_ok(runde, &dir);
    let s = Session::open(&dir).expect("open");
    let texts: Vec<String> = s.state().live_notes().map(|n| n.text.clone()).collect();
    for a in &acked {
        assert_eq!(texts.iter().filter(|t| *t == a).count(), 1, "{a} present exactly once");
    }
    println!(
        "kill -9 loop (note-taker view in a pty): {rounds} rounds, {} notes shown as saved, all present once",
        acked.len()
    );
}

/// A facilitator view with running timers while four groups add a note
/// every two seconds each; RSS and note count at the start and the end.
fn soak(runde: &Path, secs: u64) {
    let (_t, dir) = session("runde-soak-");
    let d = dir.to_str().unwrap().to_string();
    for args in [vec!["phase", &d, "work"], vec!["timer", &d, "start"]] {
        assert!(Command::new(runde).args(&args).status().expect("runde").success());
    }
    let mut view = pty::View::spawn_program(runde, &["facilitate", &d], 160, 45);
    view.wait_for("Gruppe 1");
    std::thread::sleep(Duration::from_secs(2));
    let pid = view.child.process_id().expect("pid");
    let start_rss = pty::rss_kib(pid);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut added = 0;
    while Instant::now() < deadline {
        for board in ["b1", "b2", "b3", "b4"] {
            let out = Command::new(runde)
                .args(["add", &d, "--board", board, &format!("soak {added}")])
                .output()
                .expect("add");
            assert!(out.status.success());
            added += 1;
        }
        std::thread::sleep(Duration::from_millis(2000));
    }
    let end_rss = pty::rss_kib(pid);
    let _ = view.child.kill();
    let _ = view.child.wait();
    println!(
        "soak: {secs} s, 4 groups, {added} notes added; facilitator RSS {start_rss} KiB at start, {end_rss} KiB at end"
    );
}

/// A worker process: `ops` mixed operations on its own notes; prints the
/// final state it expects, one `id\tsection\tdeleted\ttext` line per note.
fn worker(dir: &Path, ops: usize, seed: u64) {
    let mut s = Session::open(dir).expect("open");
    let mut seed = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut mine: BTreeMap<String, (String, bool, String)> = BTreeMap::new();
    for i in 0..ops {
        if i % 10 == 0 {
            s.refresh().expect("refresh");
        }
        let live: Vec<String> = mine.iter().filter(|(_, v)| !v.1).map(|(k, _)| k.clone()).collect();
        let roll = xorshift(&mut seed) % 100;
        let pick = live.get(xorshift(&mut seed) as usize % live.len().max(1)).cloned();
        match (roll, pick) {
            (60..=74, Some(id)) => {
                let text = format!("edit {i}");
                s.edit_note(&id, &text).expect("edit");
                mine.get_mut(&id).expect("mine").2 = text;
            }
            (75..=84, Some(id)) => {
                s.delete_note(&id).expect("delete");
                mine.get_mut(&id).expect("mine").1 = true;
            }
            (85..=99, Some(id)) => {
                let section = if mine[&id].0 == "ideas" { "risks" } else { "ideas" };
                s.move_note(&id, None, Some(section), None).expect("move");
                mine.get_mut(&id).expect("mine").0 = section.to_string();
            }
            _ => {
                let text = format!("note {i}");
                let id = s
                    .add_note("b1", Some("ideas"), &text, NoteKind::Bullet, false)
                    .expect("add");
                mine.insert(id, ("ideas".into(), false, text));
            }
        }
    }
    let mut out = std::io::stdout().lock();
    for (id, (section, deleted, text)) in mine {
        let _ = writeln!(out, "{id}\t{section}\t{deleted}\t{text}");
    }
}

fn concurrency(writers: usize, ops: usize) {
    let (_t, dir) = session("runde-concurrency-");
    let exe = std::env::current_exe().expect("own path");
    let started = Instant::now();
    let children: Vec<_> = (0..writers)
        .map(|w| {
            Command::new(&exe)
                .args([
                    "--worker",
                    dir.to_str().unwrap(),
                    &ops.to_string(),
                    &(w + 1).to_string(),
                ])
                .stdout(Stdio::piped())
                .spawn()
                .expect("worker")
        })
        .collect();
    let mut expected: BTreeMap<String, (String, bool, String)> = BTreeMap::new();
    for c in children {
        let out = c.wait_with_output().expect("worker output");
        assert!(out.status.success(), "a worker failed");
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let f: Vec<&str> = line.splitn(4, '\t').collect();
            expected.insert(f[0].into(), (f[1].into(), f[2] == "true", f[3].into()));
        }
    }
    let took = started.elapsed();
    let readers: Vec<Session> = (0..3).map(|_| Session::open(&dir).expect("open")).collect();
    let digest = readers[0].state().digest();
    assert!(readers.iter().all(|r| r.state().digest() == digest), "readers disagree");
    let state = readers[0].state();
    for (id, (section, deleted, text)) in &expected {
        let n = state.note(id).unwrap_or_else(|| panic!("note {id} missing"));
        assert_eq!((&n.section, n.deleted, &n.text), (section, *deleted, text), "note {id}");
    }
    let live = state.live_notes().count();
    assert_eq!(live, expected.values().filter(|v| !v.1).count());
    let order: Vec<Vec<String>> = readers
        .iter()
        .map(|r| r.state().notes_in("b1", "ideas").iter().map(|n| n.id.clone()).collect())
        .collect();
    assert!(order.windows(2).all(|w| w[0] == w[1]), "order differs between readers");
    println!(
        "concurrency: {writers} processes × {ops} mixed operations in {:.1} s, {} events, {} notes ({live} live), 3 readers identical, lost 0",
        took.as_secs_f64(),
        state.event_count(),
        expected.len()
    );
}
