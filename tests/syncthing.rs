//! The real engine: two Syncthing instances on loopback only (no
//! discovery, relays, NAT or usage reporting) share one sessions folder
//! while 3 `runde add --stdin` writers per side write 200 notes each, one
//! side goes offline for a while and one writer is killed with SIGKILL.
//! Every acknowledged note must reach both sides, readers must see no
//! error. Without syncthing installed the test fails under CI=true and is
//! skipped (with a reason) otherwise.
mod common;

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const API_KEY: &str = "runde-test-key";
const WRITERS_PER_SIDE: usize = 3;
const NOTES_PER_WRITER: usize = 200;

/// How long a Syncthing instance may run: the whole test takes about a
/// minute; past this its instances are killed by PID and the test fails.
const ENGINE_LIMIT: Duration = Duration::from_secs(600);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Instance {
    home: PathBuf,
    folder: PathBuf,
    id: String,
    gui: u16,
    listen: u16,
}

fn generate(root: &Path, name: &str) -> Instance {
    let home = root.join(format!("home-{name}"));
    let folder = root.join(format!("sessions-{name}"));
    std::fs::create_dir_all(folder.join(".stfolder")).unwrap();
    let out = Command::new("syncthing")
        .args(["generate", "--no-default-folder", "--skip-port-probing"])
        .arg(format!("--home={}", home.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = Command::new("syncthing")
        .args(["serve", "--device-id"])
        .arg(format!("--home={}", home.display()))
        .output()
        .unwrap();
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(id.len() > 50, "no device id: {id:?}");
    Instance {
        home,
        folder,
        id,
        gui: free_port(),
        listen: free_port(),
    }
}

fn write_config(me: &Instance, peer: &Instance) {
    let device = |i: &Instance, name: &str| {
        format!(
            r#"<device id="{}" name="{name}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy=""><address>tcp://127.0.0.1:{}</address><paused>false</paused><autoAcceptFolders>false</autoAcceptFolders></device>"#,
            i.id, i.listen
        )
    };
    let config = format!(
        r#"<configuration version="36">
<folder id="runde" label="runde" path="{folder}" type="sendreceive" rescanIntervalS="5" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
<device id="{me_id}" introducedBy=""></device><device id="{peer_id}" introducedBy=""></device>
<minDiskFree unit="%">0</minDiskFree><versioning></versioning><markerName>.stfolder</markerName>
</folder>
{me_dev}
{peer_dev}
<gui enabled="true" tls="false" debugging="false"><address>127.0.0.1:{gui}</address><apikey>{API_KEY}</apikey><theme>default</theme></gui>
<options><listenAddress>tcp://127.0.0.1:{listen}</listenAddress><globalAnnounceEnabled>false</globalAnnounceEnabled><localAnnounceEnabled>false</localAnnounceEnabled><relaysEnabled>false</relaysEnabled><natEnabled>false</natEnabled><urAccepted>-1</urAccepted><urSeen>3</urSeen><startBrowser>false</startBrowser><reconnectionIntervalS>1</reconnectionIntervalS><autoUpgradeIntervalH>0</autoUpgradeIntervalH><crashReportingEnabled>false</crashReportingEnabled><minHomeDiskFree unit="%">0</minHomeDiskFree><setLowPriority>false</setLowPriority></options>
</configuration>
"#,
        folder = me.folder.display(),
        me_id = me.id,
        peer_id = peer.id,
        me_dev = device(me, "me"),
        peer_dev = device(peer, "peer"),
        gui = me.gui,
        listen = me.listen,
    );
    std::fs::write(me.home.join("config.xml"), config).unwrap();
}

fn serve(i: &Instance) -> common::Bounded {
    let child = Command::new("syncthing")
        .args(["serve", "--no-browser", "--no-restart", "--no-upgrade"])
        .arg(format!("--home={}", i.home.display()))
        .arg(format!("--logfile={}", i.home.join("log.txt").display()))
        .env("STNOUPGRADE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    common::Bounded::new(child, ENGINE_LIMIT, "syncthing")
}

/// A POST to the instance's REST API (plain HTTP on loopback).
fn post(i: &Instance, path: &str) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", i.gui)) else {
        return false;
    };
    let req = format!("POST {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nX-API-Key: {API_KEY}\r\nContent-Length: 0\r\n\r\n");
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200")
}

fn wait_until(limit: Duration, what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < limit, "timed out after {limit:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Per side: a reader polling the session; remembers when each note first
/// appeared and every error.
struct Seen {
    first: Mutex<HashMap<String, Instant>>,
    errors: Mutex<Vec<String>>,
}

fn reader(dir: PathBuf, seen: Arc<Seen>, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut session = None;
        while !stop.load(Ordering::Relaxed) {
            if session.is_none() && dir.join("session.json").exists() {
                match runde::store::Session::open(&dir) {
                    Ok(s) => session = Some(s),
                    Err(e) => seen.errors.lock().unwrap().push(format!("open: {e}")),
                }
            }
            if let Some(s) = session.as_mut() {
                match s.refresh() {
                    Ok(_) => {
                        let now = Instant::now();
                        let mut first = seen.first.lock().unwrap();
                        for n in s.state().live_notes() {
                            first.entry(n.id.clone()).or_insert(now);
                        }
                    }
                    Err(e) => seen.errors.lock().unwrap().push(e.to_string()),
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    })
}

/// One `runde add --stdin` writer; returns (acknowledged id, when) pairs.
fn writer(
    dir: PathBuf,
    name: String,
    kill_after: Option<usize>,
) -> std::thread::JoinHandle<(Vec<(String, Instant)>, bool)> {
    std::thread::spawn(move || {
        let child = Command::new(assert_cmd::cargo::cargo_bin("runde"))
            .env_remove("RUNDE_SESSIONS")
            .args([
                "add",
                dir.to_str().unwrap(),
                "--board",
                "continuity",
                "--by",
                &name,
                "--stdin",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Bounded: a writer that stops answering is killed, which ends the
        // read below.
        let mut child = common::Bounded::new(child, common::COMMAND_LIMIT, &format!("writer {name}"));
        let mut stdin = child.child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.child.stdout.take().unwrap());
        let mut acked = Vec::new();
        let mut killed = false;
        for i in 0..NOTES_PER_WRITER {
            if kill_after == Some(i) {
                common::kill_pid(child.child.id());
                killed = true;
                break;
            }
            writeln!(stdin, "{name} note {i}").unwrap();
            stdin.flush().unwrap();
            let mut line = String::new();
            if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            acked.push((line.trim().to_string(), Instant::now()));
            std::thread::sleep(Duration::from_millis(50));
        }
        drop(stdin);
        let status = child.wait_within(common::COMMAND_LIMIT);
        let mut err = String::new();
        let _ = child.child.stderr.take().unwrap().read_to_string(&mut err);
        assert!(killed || status.success(), "writer {name} failed: {err}");
        (acked, killed)
    })
}

/// Propagation of single notes written one at a time (like a note-taker
/// does), alternately on each side, as seen by the other side's reader.
fn calm_propagation(dir_a: &Path, dir_b: &Path, seen: &[Arc<Seen>]) -> Vec<f64> {
    let mut delays = Vec::new();
    for i in 0..20 {
        let (from, other) = if i % 2 == 0 {
            (dir_a, &seen[1])
        } else {
            (dir_b, &seen[0])
        };
        let id = common::add(from, "continuity", &format!("calm {i}"), &[]);
        let written = Instant::now();
        wait_until(Duration::from_secs(30), "a calm note on the other side", || {
            other.first.lock().unwrap().contains_key(&id)
        });
        delays.push(written.elapsed().as_secs_f64());
        std::thread::sleep(Duration::from_millis(300));
    }
    delays.sort_by(f64::total_cmp);
    delays
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[test]
fn two_syncthing_instances_carry_every_note_and_readers_never_fail() {
    if Command::new("syncthing").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "syncthing is not installed; .ci/run installs it (apt-get install syncthing)"
        );
        eprintln!("SKIPPED: syncthing is not installed (apt-get install syncthing)");
        return;
    }
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (generate(tmp.path(), "a"), generate(tmp.path(), "b"));
    write_config(&a, &b);
    write_config(&b, &a);
    let engines = [serve(&a), serve(&b)];

    let (dir_a, dir_b) = (a.folder.join("s"), b.folder.join("s"));
    common::runde()
        .args([
            "new",
            dir_a.to_str().unwrap(),
            "--template",
            "kompetenznetzwerk",
            "--date",
            "2026-11-29",
        ])
        .assert()
        .success();
    wait_until(Duration::from_secs(60), "the plan on side b", || {
        dir_b.join("session.json").exists()
    });

    let stop = Arc::new(AtomicBool::new(false));
    let seen: Vec<Arc<Seen>> = (0..2)
        .map(|_| {
            Arc::new(Seen {
                first: Mutex::new(HashMap::new()),
                errors: Mutex::new(Vec::new()),
            })
        })
        .collect();
    let readers = [
        reader(dir_a.clone(), seen[0].clone(), stop.clone()),
        reader(dir_b.clone(), seen[1].clone(), stop.clone()),
    ];
    let mut writers = Vec::new();
    for side in 0..2 {
        for w in 0..WRITERS_PER_SIDE {
            let dir = if side == 0 { dir_a.clone() } else { dir_b.clone() };
            let kill = (side == 0 && w == 0).then_some(NOTES_PER_WRITER / 2);
            writers.push((side, writer(dir, format!("w{side}{w}"), kill)));
        }
    }
    // Side b goes offline for a while.
    let online_from = Instant::now() + Duration::from_secs(1);
    std::thread::sleep(Duration::from_secs(5));
    assert!(post(&a, &format!("/rest/system/pause?device={}", b.id)), "pause");
    assert!(post(&b, &format!("/rest/system/pause?device={}", a.id)), "pause");
    let offline = (Instant::now(), Duration::from_secs(5));
    std::thread::sleep(offline.1);
    assert!(post(&a, &format!("/rest/system/resume?device={}", b.id)), "resume");
    assert!(post(&b, &format!("/rest/system/resume?device={}", a.id)), "resume");
    let offline_end = Instant::now();

    let mut acked: Vec<(usize, String, Instant)> = Vec::new();
    let mut killed = 0;
    for (side, w) in writers {
        let (ids, was_killed) = w.join().unwrap();
        killed += usize::from(was_killed);
        acked.extend(ids.into_iter().map(|(id, t)| (side, id, t)));
    }
    let written = Instant::now();
    let all_there = |s: &Seen| {
        let first = s.first.lock().unwrap();
        acked.iter().all(|(_, id, _)| first.contains_key(id))
    };
    wait_until(
        Duration::from_secs(60),
        "both sides to hold every acknowledged note",
        || all_there(&seen[0]) && all_there(&seen[1]),
    );
    let converged = written.elapsed();
    let calm = calm_propagation(&dir_a, &dir_b, &seen);
    stop.store(true, Ordering::Relaxed);
    for r in readers {
        r.join().unwrap();
    }
    let ids_a: BTreeSet<String> = runde::store::Session::open(&dir_a)
        .unwrap()
        .state()
        .live_notes()
        .map(|n| n.id.clone())
        .collect();
    let ids_b: BTreeSet<String> = runde::store::Session::open(&dir_b)
        .unwrap()
        .state()
        .live_notes()
        .map(|n| n.id.clone())
        .collect();
    // Propagation to the other side, for notes written while both were
    // online and the backlog of the offline time was delivered.
    let settled = offline_end + Duration::from_secs(3);
    let mut delays: Vec<f64> = acked
        .iter()
        .filter(|(_, _, t)| (*t > online_from && *t + Duration::from_secs(2) < offline.0) || *t > settled)
        .filter_map(|(side, id, t)| {
            let other = seen[1 - side].first.lock().unwrap();
            other
                .get(id)
                .map(|seen_at| seen_at.saturating_duration_since(*t).as_secs_f64())
        })
        .collect();
    delays.sort_by(f64::total_cmp);
    let errors: Vec<String> = seen.iter().flat_map(|s| s.errors.lock().unwrap().clone()).collect();
    eprintln!(
        "syncthing: acknowledged {}, present a {} / b {}, reader errors {}, writers killed {killed}, converged {:.1} s after the last write, propagation under load median {:.2} s / p95 {:.2} s (n={}), one note at a time median {:.2} s / p95 {:.2} s (n={}), total {:.0} s",
        acked.len(),
        acked.iter().filter(|(_, id, _)| ids_a.contains(id)).count(),
        acked.iter().filter(|(_, id, _)| ids_b.contains(id)).count(),
        errors.len(),
        converged.as_secs_f64(),
        percentile(&delays, 0.5),
        percentile(&delays, 0.95),
        delays.len(),
        percentile(&calm, 0.5),
        percentile(&calm, 0.95),
        calm.len(),
        started.elapsed().as_secs_f64(),
    );
    assert_eq!(errors, Vec::<String>::new(), "reader errors");
    assert_eq!(ids_a, ids_b, "both sides hold the same notes");
    assert_eq!(killed, 1);
    assert!(acked.len() >= (2 * WRITERS_PER_SIDE - 1) * NOTES_PER_WRITER + NOTES_PER_WRITER / 2 - 1);
    for (_, id, _) in &acked {
        assert!(ids_a.contains(id) && ids_b.contains(id), "acknowledged note {id} lost");
    }
    drop(engines);
}
