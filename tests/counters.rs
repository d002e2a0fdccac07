//! Nobody's counter can stop my save: a planted record with any Lamport
//! clock or sequence number — at, below or above the bound, negative,
//! fractional, beyond 64 bits, a string — is either read (and a writer's
//! next clock, computed from it, is still one every reader accepts) or
//! ignored at read time and named by `runde check` as `file:line`.
mod common;

use common::*;
use predicates::prelude::*;
use proptest::prelude::*;
use runde::model::event::limits::{MAX_COUNTER, counter_ok, next_counter};
use runde::store::Session;

/// A log named after `actor` holding a record whose `seq` and `lamport`
/// are the JSON texts given (checksum valid), then a valid note.
fn plant_raw(dir: &std::path::Path, actor: &str, seq: &str, lamport: &str) -> std::path::PathBuf {
    let mut bytes = format!("{{\"runde\":\"log\",\"format\":1,\"actor\":\"{actor}\"}}\n").into_bytes();
    let body = format!(
        "{{\"seq\":{seq},\"lamport\":{lamport},\"wall_ms\":1633438800000,\"c\":{{\"broadcast\":{{\"text\":\"gepflanzt\"}}}}}}"
    );
    bytes.extend_from_slice(&record(&body));
    let after = "{\"seq\":7,\"lamport\":3,\"wall_ms\":1633438800000,\"c\":{\"note_added\":{\"id\":\"01after\",\"board\":\"methods\",\"section\":\"notes\",\"text\":\"danach gepflanzt\",\"pos\":\"t\"}}}";
    bytes.extend_from_slice(&record(after));
    let path = dir.join("log").join(format!("{actor}.jsonl"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn record(body: &str) -> Vec<u8> {
    format!(
        "{{\"e\":{body},\"crc\":\"{:08x}\"}}\n",
        crc32fast::hash(body.as_bytes())
    )
    .into_bytes()
}

#[test]
fn a_record_at_exactly_two_to_the_53_stops_no_save_and_check_names_it() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "vorher", &[]);
    let planted = plant_raw(&dir, "01ceiling0000000000000000", "1", &MAX_COUNTER.to_string());
    add(&dir, "methods", "nachher", &[]);
    add(&dir, "actors", "und noch eins", &[]);
    let json = export_json(&dir);
    assert_eq!(
        texts(&json, "methods", "notes"),
        ["vorher", "danach gepflanzt", "nachher"]
    );
    runde()
        .args(["check", dir.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{}:2: Lamport-Uhr an rundes Obergrenze",
            planted.display()
        )));
}

#[test]
fn the_bound_is_two_to_the_53_inclusive() {
    let accepted: Vec<bool> = [0, 1, MAX_COUNTER - 1, MAX_COUNTER, MAX_COUNTER + 1, u64::MAX]
        .map(counter_ok)
        .to_vec();
    assert_eq!(accepted, [false, true, true, true, false, false]);
    assert_eq!(next_counter(MAX_COUNTER), MAX_COUNTER);
    assert_eq!(next_counter(MAX_COUNTER - 1), MAX_COUNTER);
    assert_eq!(next_counter(0), 1);
}

/// Values of a counter as a crafted log may spell them.
fn tokens() -> Vec<String> {
    let m = MAX_COUNTER;
    let mut out: Vec<String> = [0, 1, 2, m - 1, m, m + 1, u64::MAX]
        .iter()
        .map(u64::to_string)
        .collect();
    out.extend(
        [
            "-1",
            "-0",
            "1.5",
            "1e400",
            "9.007199254740993e15",
            "\"9007199254740993\"",
            "null",
            "[1]",
            "{}",
            "true",
        ]
        .map(String::from),
    );
    out.push("9".repeat(300));
    out.push(format!("\"{}\"", "x".repeat(100_000)));
    out
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(tokens()),
        (MAX_COUNTER - 4..=MAX_COUNTER + 4).prop_map(|v| v.to_string()),
        any::<u64>().prop_map(|v| v.to_string()),
        any::<i64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| format!("{v:?}")),
    ]
}

/// The value a token has when it is a u64 (serde's reading of it).
fn as_counter(token: &str) -> Option<u64> {
    serde_json::from_str::<u64>(token).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn reading_and_writing_share_one_bound(x in prop_oneof![any::<u64>(), MAX_COUNTER - 3..=MAX_COUNTER + 3]) {
        let next = next_counter(x);
        if counter_ok(x) {
            prop_assert!(counter_ok(next), "{x} accepted, but the next clock {next} would not be");
            prop_assert!(next >= x);
        }
        prop_assert!(next <= MAX_COUNTER);
    }

    #[test]
    fn no_planted_counter_stops_a_save(seq in token(), lamport in token()) {
        let (_t, dir) = new_session("kompetenznetzwerk", "de");
        let mut honest = Session::open(&dir).unwrap();
        honest.add_note("methods", None, "vorher", runde::model::NoteKind::Bullet, false).unwrap();
        let planted = plant_raw(&dir, "01planted0000000000000000", &seq, &lamport);
        let mut writer = Session::open(&dir).unwrap();
        writer.add_note("methods", None, "nachher", runde::model::NoteKind::Bullet, false)
            .map_err(|e| TestCaseError::fail(format!("save failed after seq {seq} lamport {lamport}: {e}")))?;
        let reader = Session::open(&dir).unwrap();
        let texts: Vec<&str> = reader.state().live_notes().map(|n| n.text.as_str()).collect();
        let accepted = as_counter(&seq).is_some_and(counter_ok) && as_counter(&lamport).is_some_and(counter_ok);
        // The planted file's own next record (seq 7) is read unless the
        // planted one took its place in that file's sequence.
        let own_next_read = !accepted || as_counter(&seq).is_some_and(|s| s < 7);
        let expected: &[&str] = if own_next_read { &["vorher", "nachher", "danach gepflanzt"] } else { &["vorher", "nachher"] };
        for t in expected {
            prop_assert!(texts.contains(t), "{} missing: {:?}", t, texts);
        }
        prop_assert!(counter_ok(reader.state().max_lamport()));
        // `check` names line 2 exactly when it was not read as it stands
        // (out of range, unreadable) or sits at the ceiling.
        let at_ceiling = accepted && as_counter(&lamport) == Some(MAX_COUNTER);
        let named = runde::store::check::check(&dir)
            .iter()
            .any(|f| f.path == planted && f.line == Some(2) && !f.recovered);
        prop_assert_eq!(named, !accepted || at_ceiling, "seq {} lamport {}", seq, lamport);
    }
}

#[test]
fn a_record_at_the_ceiling_stops_no_sign_off() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "vorher", &[]);
    plant_raw(&dir, "01ceiling0000000000000000", "1", &MAX_COUNTER.to_string());
    let path = dir.to_str().unwrap();
    runde()
        .args(["signoff", path, "--board", "methods", "--by", "Lea"])
        .assert()
        .success();
    let session = Session::open(&dir).unwrap();
    assert_eq!(session.state().review().signoffs("methods").len(), 1);
}
