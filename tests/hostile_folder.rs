//! The hostile folder: anyone who can write a session folder may plant or
//! craft files. Each attack below is one a group member could mount; runde
//! must name the file and line, ignore what is forged, never write outside
//! the folder or follow a link, and keep every honest note.
mod common;
#[path = "common/tui.rs"]
mod tui;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::*;
use predicates::prelude::*;
use runde::clock::Clock;
use runde::model::event::NewNote;
use runde::model::{Change, Event, NoteFields, NoteKind, Origin, TimerOp};
use runde::store::log::encode_record;
use tui::{Fixture, MEETING_START_MS, screen};

fn p(dir: &Path) -> &str {
    dir.to_str().unwrap()
}

/// A log file named after `actor` (unless `file` says otherwise) whose
/// header claims `actor`, holding `events` with valid checksums.
fn plant(dir: &Path, file: &str, actor: &str, events: &[Event]) -> PathBuf {
    let path = dir.join("log").join(file);
    let mut bytes = format!("{{\"runde\":\"log\",\"format\":1,\"actor\":\"{actor}\"}}\n").into_bytes();
    for ev in events {
        bytes.extend_from_slice(&encode_record(ev));
    }
    std::fs::create_dir_all(dir.join("log")).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn event(seq: u64, lamport: u64, c: Change) -> Event {
    Event {
        seq,
        lamport,
        wall_ms: MEETING_START_MS,
        c,
    }
}

fn note(id: &str, pos: &str, text: &str) -> Change {
    Change::NoteAdded(NewNote {
        id: id.into(),
        board: "methods".into(),
        section: "notes".into(),
        text: text.into(),
        kind: NoteKind::Bullet,
        starred: false,
        by: None,
        pos: pos.into(),
        origin: None,
        sources: Vec::new(),
        lang: None,
    })
}

fn timer(op: TimerOp) -> Change {
    Change::Timer {
        board: "methods".into(),
        op,
    }
}

/// The actor of the session's only log (the honest writer).
fn actor_of(log: &Path) -> String {
    log.file_stem().unwrap().to_str().unwrap().to_string()
}

fn check_output(dir: &Path) -> (i32, String) {
    let out = runde().args(["check", p(dir)]).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

// ----- point 5: counters out of range ----------------------------------

#[test]
fn a_lamport_clock_at_u64_max_does_not_void_later_edits() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let id = add(&dir, "methods", "alt", &[]);
    let planted = plant(
        &dir,
        "01planted00000000000000000.jsonl",
        "01planted00000000000000000",
        &[event(
            1,
            u64::MAX,
            Change::Broadcast {
                text: "gepflanzt".into(),
                board: None,
                until_ms: None,
                phase: None,
            },
        )],
    );
    runde().args(["edit", p(&dir), &id, "neu"]).assert().success();
    assert_eq!(texts(&export_json(&dir), "methods", "notes"), ["neu"]);
    let (code, out) = check_output(&dir);
    assert_eq!(code, 1, "{out}");
    let name = planted.file_name().unwrap().to_str().unwrap();
    assert!(out.contains(&format!("{name}:2: Lamport-Uhr")), "{out}");
}

#[test]
fn out_of_range_values_are_reported_with_file_and_line_and_ignored() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "ehrlich", &[]);
    let actor = "01craft000000000000000000";
    let mut carried = note("n-meeting", "a5", "aus Treffen 4294967295");
    if let Change::NoteAdded(n) = &mut carried {
        n.origin = Some(Origin {
            session: "alt".into(),
            meeting: Some(u32::MAX),
            date: "2021-01-01".into(),
            note: "x".into(),
        });
    }
    let planted = plant(
        &dir,
        &format!("{actor}.jsonl"),
        actor,
        &[
            event(1, 1, timer(TimerOp::Start { duration_ms: i64::MAX })),
            event(2, 2, timer(TimerOp::Extend { delta_ms: i64::MIN })),
            event(3, 3, note("n-long-key", &"i".repeat(100_000), "langer Schlüssel")),
            event(4, 4, carried),
            Event {
                wall_ms: i64::MIN,
                ..event(5, 5, note("n-wall", "a7", "Urzeit"))
            },
            event(u64::MAX, 6, note("n-seq", "a8", "Folgenummer")),
            event(
                7,
                7,
                Change::NoteSet {
                    id: "n-seq".into(),
                    fields: NoteFields {
                        pos: Some("z".repeat(300)),
                        ..NoteFields::default()
                    },
                },
            ),
        ],
    );
    let (code, out) = check_output(&dir);
    assert_eq!(code, 1, "{out}");
    let name = planted.file_name().unwrap().to_str().unwrap();
    for (line, what) in [
        (2, "Timer-Länge"),
        (3, "Timer-Verlängerung"),
        (4, "Positionsschlüssel mit 100000"),
        (5, "Treffen-Nummer"),
        (6, "Uhrzeit"),
        (7, "Folgenummer"),
        (8, "Positionsschlüssel mit 300"),
    ] {
        assert!(out.contains(&format!("{name}:{line}: {what}")), "line {line}: {out}");
    }
    assert_eq!(texts(&export_json(&dir), "methods", "notes"), ["ehrlich"]);
    let st = status(&dir);
    assert_eq!(
        st["timers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["state"] != "idle")
            .count(),
        0
    );
    // A write after the forged records works and sorts after them.
    add(&dir, "methods", "danach", &[]);
    assert_eq!(texts(&export_json(&dir), "methods", "notes"), ["ehrlich", "danach"]);
}

// ----- point 6: claimed identities -------------------------------------

#[test]
fn a_planted_log_cannot_claim_another_writers_identity() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "erste", &[]);
    add(&dir, "methods", "zweite", &[]);
    let victim = {
        let mut logs: Vec<PathBuf> = std::fs::read_dir(dir.join("log"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        logs.sort();
        actor_of(&logs[0])
    };
    // In range, so only the claimed identity can make it harmful.
    plant(
        &dir,
        "00.jsonl",
        &victim,
        &[event(1_000_000, 1, note("forged", "zz", "gefälscht"))],
    );
    assert_eq!(
        texts(&export_json(&dir), "methods", "notes"),
        ["erste", "zweite"],
        "the victim's notes are kept, the impostor's ignored"
    );
    let (code, out) = check_output(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("00.jsonl:1: der Kopf nennt den Schreiber"), "{out}");
    // The attack as reported: a record at seq 2^64-1.
    plant(
        &dir,
        "00.jsonl",
        &victim,
        &[event(u64::MAX, 1, note("forged", "zz", "gefälscht"))],
    );
    assert_eq!(texts(&export_json(&dir), "methods", "notes"), ["erste", "zweite"]);
}

// ----- point 13: position keys -----------------------------------------

#[test]
fn a_note_with_a_100000_character_key_neither_crashes_add_nor_the_views() {
    let fx = Fixture::example();
    let actor = "01longkey0000000000000000";
    plant(
        fx.dir(),
        &format!("{actor}.jsonl"),
        actor,
        &[event(1, 10_000, note("n-long", &"i".repeat(100_000), "lang"))],
    );
    add(fx.dir(), "methods", "danach", &[]);
    let mut s = fx.session();
    let id = s
        .add_note("methods", None, "noch eins", NoteKind::Bullet, false)
        .unwrap();
    assert!(s.state().note(&id).unwrap().pos.len() <= runde::model::position::SOFT_KEY_LEN);
    assert_eq!(s.rejected().len(), 1);
    let app = fx.note_taker(Some("methods"), None, None);
    screen(&app, 100, 40);
    let fac = fx.facilitator(None);
    screen(&fac, 120, 40);
}

#[test]
fn moving_a_note_back_and_forth_a_thousand_times_keeps_keys_bounded() {
    let fx = Fixture::example();
    let mut s = fx.session();
    let a = s.add_note("methods", None, "A", NoteKind::Bullet, false).unwrap();
    let b = s.add_note("methods", None, "B", NoteKind::Bullet, false).unwrap();
    s.add_note("methods", None, "C", NoteKind::Bullet, false).unwrap();
    for i in 0..1000 {
        // Always between the same two neighbours: keys would grow by one
        // character every few moves without rebalancing.
        let moving = if i % 2 == 0 { &a } else { &b };
        s.reorder_note(moving, 1).unwrap();
    }
    let longest = s.state().live_notes().map(|n| n.pos.len()).max().unwrap();
    assert!(longest <= runde::model::position::SOFT_KEY_LEN, "{longest}");
    let reopened = fx.session();
    assert_eq!(reopened.state().digest(), s.state().digest());
    assert!(reopened.rejected().is_empty());
}

// ----- point 14: huge and sparse files ---------------------------------

#[test]
fn a_sparse_terabyte_log_is_reported_not_allocated() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "ehrlich", &[]);
    let path = dir.join("log").join("zz.jsonl");
    let file = std::fs::File::create(&path).unwrap();
    if file.set_len(1 << 40).is_err() {
        return; // the file system has no sparse files
    }
    runde().args(["status", p(&dir)]).assert().success();
    assert_eq!(texts(&export_json(&dir), "methods", "notes"), ["ehrlich"]);
    let (code, out) = check_output(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("zz.jsonl:1: Eintrag länger als 1 MiB"), "{out}");
    let fx_app = runde::store::Session::open(&dir).unwrap();
    assert_eq!(fx_app.rejected().len(), 1);
}

// ----- point 15: timer arithmetic --------------------------------------

#[test]
fn timer_extend_with_an_absurd_number_is_a_usage_error() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    runde()
        .args(["timer", p(&dir), "start", "--board", "methods"])
        .assert()
        .success();
    for minutes in ["9223372036854775807", "99999999999999", "-9223372036854775808"] {
        runde()
            .args(["timer", p(&dir), "extend", "--board", "methods", "--", minutes])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("1440 Minuten"));
    }
    let methods = timer_of(&dir, "methods");
    assert_eq!(methods["state"], "running");
    assert!(methods["remaining_seconds"].as_i64().unwrap() > 40 * 60, "{methods}");
}

// ----- point 16: a writer whose clock is an hour ahead ------------------

#[test]
fn a_timer_paused_by_a_host_an_hour_ahead_is_paused_by_the_log_for_everyone() {
    let fx = Fixture::example();
    let mut facilitator = fx.session();
    facilitator.timer("methods", runde::store::TimerCommand::Start).unwrap();
    let total = facilitator.state().timer("methods").total_ms();
    // The newest fact before the pause: a note 60 s after the start.
    fx.clock.advance_secs(60);
    let mut group = fx.session();
    group
        .add_note("methods", None, "eine Notiz", runde::model::NoteKind::Bullet, false)
        .unwrap();
    fx.clock.advance_secs(5);
    let ahead = runde::clock::FakeClock::at(fx.clock.now_ms() + 3_600_000);
    let mut skewed = runde::store::Session::open_with_clock(fx.dir(), Arc::new(ahead)).unwrap();
    skewed.timer("methods", runde::store::TimerCommand::Pause).unwrap();
    // Live: the open facilitator view picks the pause up.
    facilitator.refresh().unwrap();
    let now = fx.clock.now_ms();
    assert_eq!(facilitator.state().timer("methods").remaining_ms(now), total - 60_000);
    assert!(facilitator.largest_skew().unwrap() < -3_000_000, "the skew is reported");
    // Loaded: a new process, now and ten minutes later, agrees.
    for _ in 0..2 {
        let later = fx.session();
        let t = later.state().timer("methods");
        assert!(!t.is_running());
        assert_eq!(t.remaining_ms(fx.clock.now_ms()), total - 60_000);
        fx.clock.advance_secs(600);
    }
}

// ----- point 17: linear load -------------------------------------------

#[test]
fn a_hundred_thousand_pause_resume_events_are_folded_once_each() {
    let fx = Fixture::example();
    let actor = "01timers00000000000000000";
    let mut events = vec![event(1, 10_000, timer(TimerOp::Start { duration_ms: 2_700_000 }))];
    for i in 0..100_000u64 {
        let op = if i % 2 == 0 { TimerOp::Pause } else { TimerOp::Resume };
        events.push(Event {
            wall_ms: MEETING_START_MS + i as i64,
            ..event(i + 2, 10_001 + i, timer(op))
        });
    }
    plant(fx.dir(), &format!("{actor}.jsonl"), actor, &events);
    let s = fx.session();
    assert!(
        s.state().timer_folds() <= events.len() + 10,
        "{} folds for {} events",
        s.state().timer_folds(),
        events.len()
    );
    assert!(s.state().timer("methods").is_started());
}

// ----- point 10: links at every path -----------------------------------

#[cfg(unix)]
#[test]
fn a_refused_plan_edit_is_kept_on_this_machine_never_through_a_planted_link() {
    let (t, dir) = new_session("kompetenznetzwerk", "de");
    let outside = t.path().join("root-only.txt");
    std::fs::write(&outside, "geheim").unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("session.json.rejected")).unwrap();
    let state = t.path().join("state");
    runde()
        .args(["plan", p(&dir), "--edit"])
        .env("EDITOR", "sed -i 1s/^/kaputt/")
        .env("RUNDE_STATE_DIR", &state)
        .env_remove("VISUAL")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(state.to_str().unwrap()));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "geheim");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !leftovers
            .iter()
            .any(|n| n.to_string_lossy().starts_with(".session-edit-")),
        "no working copy in the shared folder: {leftovers:?}"
    );
}

#[cfg(unix)]
#[test]
fn export_never_writes_through_a_link() {
    let (t, dir) = new_session("kompetenznetzwerk", "de");
    let outside = t.path().join("elsewhere.md");
    std::fs::write(&outside, "unberührt").unwrap();
    let link = dir.join("minutes.md");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    runde()
        .args(["export", p(&dir), "-o", p(&link)])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("symbolischer Link"));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "unberührt");
}

#[cfg(unix)]
#[test]
fn a_symlinked_plan_is_refused_by_plan_and_plan_edit() {
    let (t, dir) = new_session("kompetenznetzwerk", "de");
    let real = t.path().join("real.json");
    std::fs::rename(dir.join("session.json"), &real).unwrap();
    std::os::unix::fs::symlink(&real, dir.join("session.json")).unwrap();
    let before = std::fs::read(&real).unwrap();
    for args in [vec!["plan", p(&dir)], vec!["plan", p(&dir), "--edit"]] {
        runde()
            .args(&args)
            .env("EDITOR", "true")
            .assert()
            .code(1)
            .stderr(predicate::str::contains("symbolischer Link"));
    }
    assert_eq!(std::fs::read(&real).unwrap(), before);
}

// ----- point 12: file modes --------------------------------------------

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn exporting_over_a_shared_file_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let (t, dir) = new_session("kompetenznetzwerk", "de");
    let shared = t.path().join("protokoll.md");
    std::fs::write(&shared, "alt").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
    runde().args(["export", p(&dir), "-o", p(&shared)]).assert().success();
    assert_eq!(mode(&shared), 0o664);
    std::fs::set_permissions(dir.join("session.json"), std::fs::Permissions::from_mode(0o664)).unwrap();
    runde()
        .args(["plan", p(&dir), "--edit"])
        .env("EDITOR", "sed -i s/Kompetenznetzwerk/KNW/")
        .env_remove("VISUAL")
        .assert()
        .success();
    assert_eq!(mode(&dir.join("session.json")), 0o664);
}

#[test]
fn new_creates_the_shared_log_folder() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    assert!(dir.join("log").is_dir());
}

// ----- point 7: plan edits that would orphan notes ----------------------

#[test]
fn plan_edit_refuses_to_orphan_acknowledged_notes() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "bestätigt", &[]);
    let before = std::fs::read(dir.join("session.json")).unwrap();
    let state = tempfile::tempdir().unwrap();
    runde()
        .args(["plan", p(&dir), "--edit"])
        .env("EDITOR", "sed -i s/\"notes\"/\"notizen\"/")
        .env("RUNDE_STATE_DIR", state.path())
        .env_remove("VISUAL")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Abschnitt \"notes\" der Tafel \"methods\" (1 Notiz)",
        ));
    assert_eq!(
        std::fs::read(dir.join("session.json")).unwrap(),
        before,
        "plan unchanged"
    );
    assert!(
        !dir.join("session.json.rejected").exists(),
        "nothing left in the shared folder"
    );
    let kept = kept_plan_edits(state.path());
    assert!(
        kept.join("session.json.rejected").is_file(),
        "the edit is kept on this machine"
    );
}

#[test]
fn notes_of_a_section_the_plan_lost_stay_visible_and_exported() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "bestätigt", &[]);
    // The plan changed behind runde's back (or in the race with a writer).
    let plan = std::fs::read_to_string(dir.join("session.json")).unwrap();
    std::fs::write(dir.join("session.json"), plan.replace("\"notes\"", "\"notizen\"")).unwrap();
    let doc = export_json(&dir);
    assert_eq!(texts(&doc, "methods", "notes"), ["bestätigt"]);
    let md = runde().args(["export", p(&dir)]).output().unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("bestätigt") && md.contains("nicht mehr im Plan"), "{md}");
    let (code, out) = check_output(&dir);
    assert_eq!(code, 1);
    assert!(out.contains("den der Plan nicht hat"), "{out}");
}

// ----- the generated hostile folder, against every command and view -----

/// One crafted folder content: what is planted, by name.
struct Attack {
    name: &'static str,
    plant: fn(&Path),
    /// `check` must report it (an in-range forgery looks like any writer).
    reported: bool,
}

fn attacks() -> Vec<Attack> {
    fn forged(dir: &Path, events: &[Event]) {
        plant(
            dir,
            "01forged00000000000000000.jsonl",
            "01forged00000000000000000",
            events,
        );
    }
    vec![
        Attack {
            name: "lamport at u64::MAX",
            plant: |d| forged(d, &[event(1, u64::MAX, note("f1", "zz", "x"))]),
            reported: true,
        },
        Attack {
            name: "seq at u64::MAX",
            plant: |d| forged(d, &[event(u64::MAX, 5, note("f1", "zz", "x"))]),
            reported: true,
        },
        Attack {
            name: "timer lengths at the limits",
            plant: |d| {
                forged(
                    d,
                    &[
                        event(1, 5, timer(TimerOp::Start { duration_ms: i64::MAX })),
                        event(2, 6, timer(TimerOp::Extend { delta_ms: i64::MAX })),
                        Event {
                            wall_ms: i64::MAX,
                            ..event(3, 7, timer(TimerOp::Pause))
                        },
                    ],
                )
            },
            reported: true,
        },
        Attack {
            name: "in-range timer from far in the future",
            plant: |d| {
                forged(
                    d,
                    &[
                        Event {
                            wall_ms: 253_402_300_000_000,
                            ..event(1, 5, timer(TimerOp::Start { duration_ms: 60_000 }))
                        },
                        event(2, 6, timer(TimerOp::Extend { delta_ms: 86_400_000 })),
                        event(3, 7, timer(TimerOp::Extend { delta_ms: 86_400_000 })),
                    ],
                )
            },
            reported: false,
        },
        Attack {
            name: "100,000-character position key",
            plant: |d| forged(d, &[event(1, 5, note("f1", &"i".repeat(100_000), "x"))]),
            reported: true,
        },
        Attack {
            name: "255-character position key, in range",
            plant: |d| forged(d, &[event(1, 5, note("f1", &"z".repeat(255), "x"))]),
            reported: false,
        },
        Attack {
            name: "claimed identity",
            plant: |d| {
                let victim = std::fs::read_dir(d.join("log"))
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
                    .map(|p| actor_of(&p))
                    .unwrap();
                plant(d, "00.jsonl", &victim, &[event(u64::MAX, 1, note("f1", "zz", "x"))]);
            },
            reported: true,
        },
        Attack {
            name: "sparse terabyte",
            plant: |d| {
                let f = std::fs::File::create(d.join("log").join("zz.jsonl")).unwrap();
                let _ = f.set_len(1 << 40);
            },
            reported: true,
        },
        Attack {
            name: "one huge line then records",
            plant: |d| {
                let mut bytes = b"{\"runde\":\"log\",\"format\":1,\"actor\":\"huge\"}\n".to_vec();
                bytes.extend(std::iter::repeat_n(b'{', 5 << 20));
                bytes.push(b'\n');
                bytes.extend_from_slice(&encode_record(&event(1, 5, note("f1", "zz", "x"))));
                std::fs::write(d.join("log").join("huge.jsonl"), bytes).unwrap();
            },
            reported: true,
        },
        Attack {
            name: "unknown section and board",
            plant: |d| {
                let mut orphan = note("f-orphan", "a1", "verwaist");
                if let Change::NoteAdded(n) = &mut orphan {
                    n.board = "nirgends".into();
                    n.section = "nie".into();
                }
                forged(d, &[event(1, 5, orphan)]);
            },
            reported: true,
        },
        #[cfg(unix)]
        Attack {
            name: "links at the rejected-edit, temp and export paths",
            plant: |d| {
                let outside = d.parent().unwrap().join("outside.txt");
                for name in ["session.json.rejected", "minutes.md", ".session.json.tmp"] {
                    let _ = std::os::unix::fs::symlink(&outside, d.join(name));
                }
            },
            reported: true,
        },
    ]
}

/// Every CLI command that reads the folder, and the two writes an honest
/// user makes; none may panic (exit 101) or be killed.
fn run_every_command(dir: &Path, note: &str) {
    let d = p(dir);
    let out_file = dir.join("minutes.md");
    let commands: Vec<Vec<&str>> = vec![
        vec!["status", d],
        vec!["status", d, "--json"],
        vec!["check", d],
        vec!["export", d],
        vec!["export", d, "--format", "html"],
        vec!["export", d, "--format", "txt"],
        vec!["export", d, "--format", "json"],
        vec!["export", d, "--public"],
        vec!["export", d, "--check-public"],
        vec!["export", d, "-o", p(&out_file)],
        vec!["history", d],
        vec!["plan", d],
        vec!["add", d, "--board", "methods", "nach dem Angriff"],
        vec!["edit", d, note, "bearbeitet"],
        vec!["star", d, note],
        vec!["timer", d, "start", "--board", "methods"],
        vec!["timer", d, "extend", "--board", "methods", "5"],
        vec!["timer", d, "pause", "--board", "methods"],
        vec!["say", d, "Hallo"],
        vec!["phase", d, "next"],
    ];
    for args in commands {
        let out = runde()
            .args(&args)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0..=2)),
            "{args:?} ended with {code:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn the_hostile_folder_suite() {
    for attack in attacks() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("example");
        std::fs::create_dir_all(&dir).unwrap();
        runde::example::write_to(&dir).unwrap();
        let honest_id = add(&dir, "methods", "ehrlich", &[]);
        let honest_before = export_json(&dir);
        let outside = tmp.path().join("outside.txt");
        std::fs::write(&outside, "draußen").unwrap();
        (attack.plant)(&dir);

        // Both views, on a fake clock, render and take keys without panic.
        let clock = runde::clock::FakeClock::at(MEETING_START_MS);
        let session = runde::store::Session::open_with_clock(&dir, Arc::new(clock.clone()))
            .unwrap_or_else(|e| panic!("{}: {e}", attack.name));
        let mut fac = runde::runtime::Runner::facilitator(session, None);
        for k in ['S', 'n', ' ', '+', 'p', 'm'] {
            fac.handle_key(tui::key(k));
            screen(&fac, 120, 40);
        }
        let session = runde::store::Session::open_with_clock(&dir, Arc::new(clock)).unwrap();
        let mut nt = runde::runtime::Runner::note_taker(session, Some("methods"), None).unwrap();
        for k in ['j', 'k', 'J', 'K', '\t'] {
            nt.handle_key(tui::key(k));
            screen(&nt, 80, 24);
        }

        // Every honest note is still exported, with its text.
        let doc = export_json(&dir);
        for board in honest_before["boards"].as_array().unwrap() {
            for section in board["sections"].as_array().unwrap() {
                let (b, s) = (board["id"].as_str().unwrap(), section["id"].as_str().unwrap());
                let before = texts(&honest_before, b, s);
                let mut after = texts(&doc, b, s).into_iter();
                // In order; an in-range forgery may add notes of its own.
                for text in &before {
                    assert!(after.any(|t| t == *text), "{}: {b}/{s} lost {text:?}", attack.name);
                }
            }
        }
        run_every_command(&dir, &honest_id);
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "draußen", "{}", attack.name);
        if attack.reported {
            let (code, out) = check_output(&dir);
            assert_eq!(code, 1, "{}: check must report the attack: {out}", attack.name);
        }
    }
}
