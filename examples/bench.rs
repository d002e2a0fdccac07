//! Whole-process benchmark driver: `cargo run --release --example bench`
//! (add `-- --quick` for a smoke run). Real binaries in a pseudo-terminal:
//! startup to first frame, key-to-screen latency, propagation between
//! processes, idle CPU, wake-ups and memory — at 100, 1,000 and 10,000
//! notes, each beside a minimal ratatui program as the floor.
//!
//! `-- --slow-fsync`: typing notes in the note view while every fsync of the
//! log takes 300 ms, in process (the view runtime writing into a byte sink),
//! with writes on the UI thread (as before issue 13) and in the background.
#[path = "../tests/common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pty::View;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    if std::env::args().any(|a| a == "--slow-fsync") {
        return slow_fsync::report(quick);
    }
    let bin = binaries();
    let custom: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_default();
    let sizes: &[usize] = if !custom.is_empty() {
        &custom
    } else if quick {
        &[100]
    } else {
        &[100, 1_000, 10_000]
    };
    let runs = if quick { 3 } else { 10 };
    let keys = if quick { 20 } else { 200 };
    let notes_to_propagate = if quick { 5 } else { 100 };
    let idle_secs = if quick { 2 } else { 30 };

    println!("machine: {} cores, {}", cores(), cpu_model());
    let floor_start = median(&startup(&bin.hello, &[], "hello runde", runs));
    let floor_key = median(&hello_keys(&bin.hello, keys));
    println!(
        "floor (ratatui hello): startup {} · key-to-screen {}\n",
        ms(floor_start),
        ms(floor_key)
    );
    println!(
        "| notes | startup facilitate | startup note | key→screen median / p95 | add note median | undo median | propagation median / p95 | idle CPU | wake-ups/s | RSS |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let one_board = {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("s");
        let n = *sizes.last().unwrap_or(&100);
        runde::synthetic::write_on(&dir, n, 4, 1).expect("synthetic session");
        let (cursor, add, undo) = note_keys(&bin.runde, &dir, keys);
        format!(
            "note-taker with all {n} notes on its board: key→screen {} / {} (median / p95), add {}, undo {}",
            ms(median(&cursor)),
            ms(p95(&cursor)),
            ms(median(&add)),
            ms(median(&undo))
        )
    };
    for &n in sizes {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("s");
        runde::synthetic::write(&dir, n, 4).expect("synthetic session");
        run(&bin.runde, &["phase", path(&dir), "work"]);
        let d = path(&dir);
        let fac = startup(&bin.runde, &["facilitate", d], "Gruppe 1", runs);
        let note = startup(&bin.runde, &["note", d, "--board", "b1"], "Gruppe 1", runs);
        let (cursor, add, undo) = note_keys(&bin.runde, &dir, keys);
        let propagation = propagate(&bin.runde, &dir, notes_to_propagate);
        run(&bin.runde, &["timer", d, "start"]);
        let (cpu, wakeups, rss) = idle(&bin.runde, &dir, idle_secs);
        println!(
            "| {n} | {} ({:.1}×) | {} ({:.1}×) | {} / {} ({:.1}×) | {} | {} | {} / {} | {cpu:.2} % | {wakeups:.1} | {:.1} MiB |",
            ms(median(&fac)),
            ratio(median(&fac), floor_start),
            ms(median(&note)),
            ratio(median(&note), floor_start),
            ms(median(&cursor)),
            ms(p95(&cursor)),
            ratio(median(&cursor), floor_key),
            ms(median(&add)),
            ms(median(&undo)),
            ms(median(&propagation)),
            ms(p95(&propagation)),
            rss as f64 / 1024.0,
        );
    }
    println!("\n{one_board}");
}

struct Binaries {
    runde: PathBuf,
    hello: PathBuf,
}

/// Builds `runde` and `hello` in this driver's profile and returns their paths.
fn binaries() -> Binaries {
    let release = !cfg!(debug_assertions);
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.args(["build", "--quiet", "--bin", "runde", "--example", "hello"]);
    if release {
        cargo.arg("--release");
    }
    assert!(cargo.status().expect("cargo").success(), "build failed");
    let exe = std::env::current_exe().expect("own path");
    let examples = exe.parent().expect("examples dir");
    let target = examples.parent().expect("profile dir");
    Binaries {
        runde: target.join("runde"),
        hello: examples.join("hello"),
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn run(bin: &Path, args: &[&str]) {
    let out = Command::new(bin).args(args).output().expect("run runde");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Spawn to first frame containing `marker`, `runs` times.
fn startup(bin: &Path, args: &[&str], marker: &str, runs: usize) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let t0 = Instant::now();
            let mut v = View::spawn_program(bin, args, 120, 40);
            v.wait_for(marker);
            let took = t0.elapsed();
            let _ = v.child.kill();
            let _ = v.child.wait();
            took
        })
        .collect()
}

fn hello_keys(bin: &Path, keys: usize) -> Vec<Duration> {
    let mut v = View::spawn_program(bin, &[], 120, 40);
    v.wait_for("hello runde");
    let out = (0..keys).map(|_| timed_key(&mut v, "x")).collect();
    v.send("q");
    let _ = v.child.wait();
    out
}

fn timed_key(v: &mut View, key: &str) -> Duration {
    let before = v.formatted();
    let t0 = Instant::now();
    v.send(key);
    if !v.changed_within(&before, Duration::from_secs(10)) {
        panic!("key {key:?} did not change the screen:\n{}", v.contents());
    }
    t0.elapsed()
}

/// Cursor moves (j/k), adding notes (Enter until shown) and undo, in the note view.
fn note_keys(bin: &Path, dir: &Path, keys: usize) -> (Vec<Duration>, Vec<Duration>, Vec<Duration>) {
    let mut v = View::spawn_program(bin, &["note", path(dir), "--board", "b1", "--by", "bench"], 120, 40);
    v.wait_for("Gruppe 1");
    let cursor: Vec<Duration> = (0..keys)
        .map(|i| timed_key(&mut v, if i % 2 == 0 { "j" } else { "k" }))
        .collect();
    let mut add = Vec::new();
    let mut undo = Vec::new();
    for i in 0..(keys / 10).max(2) {
        timed_key(&mut v, "a");
        for c in format!("bench {i}").chars() {
            timed_key(&mut v, &c.to_string());
        }
        add.push(timed_key(&mut v, "\r"));
        undo.push(timed_key(&mut v, "u"));
        timed_key(&mut v, "\x12"); // Ctrl-r: redo, so the notes stay
    }
    v.send("q");
    let _ = v.child.wait();
    (cursor, add, undo)
}

/// `runde add` in another process until the note is on the facilitator's screen.
fn propagate(bin: &Path, dir: &Path, notes: usize) -> Vec<Duration> {
    let mut v = View::spawn_program(bin, &["facilitate", path(dir)], 160, 45);
    v.wait_for("Gruppe 1");
    let out = (0..notes)
        .map(|i| {
            let text = format!("propagiert-{i}-{}", std::process::id());
            let t0 = Instant::now();
            run(bin, &["add", path(dir), "--board", "b1", &text]);
            v.wait_for(&text);
            t0.elapsed()
        })
        .collect();
    v.send("q");
    let _ = v.child.wait();
    out
}

/// CPU share, voluntary context switches per second (all threads) and RSS
/// of an idle facilitator view with running timers.
fn idle(bin: &Path, dir: &Path, secs: u64) -> (f64, f64, u64) {
    let mut v = View::spawn_program(bin, &["facilitate", path(dir)], 120, 40);
    v.wait_for("Gruppe 1");
    std::thread::sleep(Duration::from_secs(1));
    let pid = v.child.process_id().expect("pid");
    let (cpu0, ctx0) = (cpu_ticks(pid), switches(pid));
    std::thread::sleep(Duration::from_secs(secs));
    let (cpu1, ctx1) = (cpu_ticks(pid), switches(pid));
    let rss = pty::rss_kib(pid);
    let _ = v.child.kill();
    let _ = v.child.wait();
    let hz = 100.0;
    (
        (cpu1 - cpu0) as f64 / hz / secs as f64 * 100.0,
        (ctx1 - ctx0) as f64 / secs as f64,
        rss,
    )
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    f.get(11).and_then(|u| u.parse::<u64>().ok()).unwrap_or(0)
        + f.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
}

fn switches(pid: u32) -> u64 {
    let mut total = 0;
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for t in tasks.flatten() {
            let status = std::fs::read_to_string(t.path().join("status")).unwrap_or_default();
            total += status
                .lines()
                .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    total
}

fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn median(v: &[Duration]) -> Duration {
    let mut s = v.to_vec();
    s.sort();
    s.get(s.len() / 2).copied().unwrap_or_default()
}

fn p95(v: &[Duration]) -> Duration {
    let mut s = v.to_vec();
    s.sort();
    s.get((s.len() * 95 / 100).min(s.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn ratio(a: Duration, floor: Duration) -> f64 {
    a.as_secs_f64() / floor.as_secs_f64().max(1e-9)
}

/// Key→screen while every fsync takes 300 ms: the view runtime runs on its
/// own thread and draws into a byte sink; a key's latency ends at the first
/// flush of the frame that follows it.
mod slow_fsync {
    use std::io::Write;
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use runde::runtime::{LoopOptions, Msg, Runner, byte_terminal, run_loop};
    use runde::store::Session;

    const FSYNC: Duration = Duration::from_millis(300);

    /// Output bytes go nowhere; every flush is reported with its time.
    struct FrameSink(mpsc::Sender<Instant>);

    impl Write for FrameSink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            let _ = self.0.send(Instant::now());
            Ok(())
        }
    }

    pub fn report(quick: bool) {
        let notes = if quick { 3 } else { 20 };
        println!(
            "typing {notes} notes (a, 10 letters, Enter) with every fsync taking {} ms:",
            FSYNC.as_millis()
        );
        for background in [false, true] {
            let keys = typing(background, notes);
            println!(
                "| {} | key→screen median {} / p95 {} / max {} ({} keys) |",
                if background {
                    "writes in the background"
                } else {
                    "writes on the UI thread"
                },
                super::ms(super::median(&keys)),
                super::ms(super::p95(&keys)),
                super::ms(keys.iter().max().copied().unwrap_or_default()),
                keys.len()
            );
        }
    }

    fn typing(background: bool, notes: usize) -> Vec<Duration> {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("s");
        runde::synthetic::write(&dir, 100, 1).expect("synthetic session");
        let session = Session::open(&dir).expect("open");
        let state = Ok(tmp.path().join("state"));
        let mut app = Runner::note_taker_with_state(session, Some("b1"), None, state).expect("app");
        app.set_fault_injector(Some(runde::store::log::slow_fsync(FSYNC)));
        let (tx, rx) = mpsc::channel();
        if background {
            let wake = tx.clone();
            app.write_in_background(Box::new(move || {
                let _ = wake.send(Msg::Store);
            }))
            .expect("writer");
        }
        let (frames, flushed) = mpsc::channel();
        let view = std::thread::spawn(move || {
            let mut terminal = byte_terminal(FrameSink(frames), 120, 40).expect("terminal");
            run_loop(&mut terminal, &mut app, &rx, LoopOptions::default()).expect("loop");
        });
        flushed.recv_timeout(Duration::from_secs(10)).expect("first frame");
        let mut latencies = Vec::new();
        for n in 0..notes {
            let text = format!("notiz{n:05}");
            let keys = std::iter::once(KeyCode::Char('a'))
                .chain(text.chars().map(KeyCode::Char))
                .chain(std::iter::once(KeyCode::Enter));
            for code in keys {
                std::thread::sleep(Duration::from_millis(5));
                while flushed.try_recv().is_ok() {}
                let sent = Instant::now();
                tx.send(Msg::Term(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
                    .expect("send");
                let frame = flushed.recv_timeout(Duration::from_secs(10)).expect("frame");
                latencies.push(frame.saturating_duration_since(sent));
            }
            // A pause after each note, so its save settles before the next key.
            std::thread::sleep(FSYNC + Duration::from_millis(100));
        }
        let _ = tx.send(Msg::Stop);
        view.join().expect("view thread");
        latencies
    }
}
