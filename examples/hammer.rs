//! Join-code hammer: `cargo build --release --bin runde && cargo run
//! --release --example hammer` (`-- --secs N --per-address K`, default 60
//! and 3). Starts `runde serve --max 3` on loopback; from
//! 127.0.0.2–127.0.0.11, K impatient clients per address try wrong codes
//! and reconnect at once, for N seconds. Every 5 s a person with the right code joins from 127.0.0.1
//! (connect, code, name prompt shown) and leaves again. Prints the join
//! times, the server's CPU use over the run (from /proc/PID/stat) and the
//! machine's load. Loopback only; everything it starts it kills.
#[path = "../tests/common/ssh.rs"]
mod ssh;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use ssh::{Hammer, Server, Term};

fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    exe.parent().and_then(Path::parent).expect("target dir").join("runde")
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let at = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let secs: u64 = args
        .iter()
        .position(|a| a == "--secs")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let per_address: usize = args
        .iter()
        .position(|a| a == "--per-address")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("s");
    let made = Command::new(binary())
        .args([
            "new",
            &dir.to_string_lossy(),
            "--template",
            "kompetenznetzwerk",
            "--lang",
            "en",
        ])
        .stdout(Stdio::null())
        .status()
        .expect("runde new");
    assert!(made.success(), "runde new failed");
    let server = Server::start(&binary(), &dir, &["--max", "3"], &[]);
    println!(
        "runde serve --max 3 on {} (pid {}); load before: {}",
        server.addr,
        server.child.id(),
        load()
    );

    let sources: Vec<IpAddr> = (2..=11).map(|n| IpAddr::from([127, 0, 0, n])).collect();
    let cpu_before = server.cpu_time();
    let started = Instant::now();
    let hammer = Hammer::start(server.addr, &sources, per_address, u64::MAX);
    let mut joins = Vec::new();
    let mut failures = 0;
    while started.elapsed() < Duration::from_secs(secs) {
        tokio::time::sleep(Duration::from_secs(5)).await;
        let asked = Instant::now();
        match Term::open(IpAddr::from([127, 0, 0, 1]), server.addr, "methods", (100, 30)).await {
            Ok(term) if term.shows("> ", Duration::from_secs(20)).await => {
                joins.push(asked.elapsed());
                println!(
                    "  {:>3} s: joined in {} ms",
                    started.elapsed().as_secs(),
                    asked.elapsed().as_millis()
                );
                drop(term);
            }
            Ok(_) => {
                failures += 1;
                println!("  {:>3} s: logged in, but no name prompt", started.elapsed().as_secs());
            }
            Err(e) => {
                failures += 1;
                println!("  {:>3} s: could not join: {e}", started.elapsed().as_secs());
            }
        }
    }
    let elapsed = started.elapsed();
    let cpu = server.cpu_time().saturating_sub(cpu_before);
    let stats = hammer.stats.clone();
    hammer.stop().await;
    let load_after = load();
    joins.sort();
    let connects = stats.connects.load(Ordering::SeqCst);
    let refused = stats.refused.load(Ordering::SeqCst);
    let codes = stats.codes.load(Ordering::SeqCst);
    println!("hammer: {secs} s from 10 addresses × {per_address} clients");
    println!(
        "  {connects} connections ({:.0}/s), {refused} closed at once, {codes} wrong codes answered",
        connects as f64 / elapsed.as_secs_f64()
    );
    println!(
        "code-holders: {} joined, {failures} failed; join time median {} ms, max {} ms",
        joins.len(),
        percentile(&joins, 0.5).as_millis(),
        joins.last().copied().unwrap_or_default().as_millis()
    );
    println!(
        "server CPU: {:.2} s over {:.1} s = {:.1} % of one core; load after: {load_after}",
        cpu.as_secs_f64(),
        elapsed.as_secs_f64(),
        100.0 * cpu.as_secs_f64() / elapsed.as_secs_f64()
    );
}
