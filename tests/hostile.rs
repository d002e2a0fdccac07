//! Hostile and broken input: the plan parser and the log reader never
//! panic, every refusal names file and line, nothing is changed, and
//! note text is kept byte-exact in JSON.
mod common;

use common::*;
use predicates::prelude::*;
use proptest::prelude::*;

fn p(dir: &std::path::Path) -> &str {
    dir.to_str().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn plan_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = runde::model::Plan::parse_all(&text);
    }

    #[test]
    fn plan_parser_never_panics_on_near_valid_plans(cut in 0usize..2000, flip in 0usize..2000, byte in any::<u8>()) {
        let mut plan = runde::example::PLAN.as_bytes().to_vec();
        let at = flip % plan.len();
        plan[at] = byte;
        plan.truncate(cut.max(1) * plan.len() / 2000);
        let _ = runde::model::Plan::parse_all(&String::from_utf8_lossy(&plan));
    }

    #[test]
    fn log_reader_never_panics(lines in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..120), 0..8), keep_header in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = Vec::new();
        if keep_header {
            bytes.extend_from_slice(b"{\"runde\":\"log\",\"format\":1,\"actor\":\"x\"}\n");
        }
        for l in &lines {
            bytes.extend_from_slice(l);
            bytes.push(b'\n');
        }
        std::fs::write(dir.path().join("fuzz.jsonl"), &bytes).unwrap();
        let mut reader = runde::store::log::LogReader::new(dir.path().to_path_buf());
        let _ = reader.poll();
        prop_assert_eq!(std::fs::read(dir.path().join("fuzz.jsonl")).unwrap(), bytes);
    }
}

#[test]
fn wrong_types_deep_nesting_and_duplicates_in_the_plan() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let good = std::fs::read_to_string(dir.join("session.json")).unwrap();
    std::fs::write(
        dir.join("session.json"),
        good.replacen("\"format\": 1", "\"format\": \"eins\"", 1),
    )
    .unwrap();
    assert_refused_untouched(&dir, "session.json:2: kein gültiges JSON (invalid type");
    let nested = format!("{{\"format\": 1, \"intro\": {}{}}}", "[".repeat(5000), "]".repeat(5000));
    std::fs::write(dir.join("session.json"), nested).unwrap();
    assert_refused_untouched(&dir, "session.json:1:");
    let dup = good.replacen("\"id\": \"success\"", "\"id\": \"methods\"", 1);
    std::fs::write(dir.join("session.json"), dup).unwrap();
    assert_refused_untouched(&dir, "Tafel-Kennung \"methods\" doppelt");
}

#[test]
fn a_huge_line_in_a_log_is_corruption_not_a_crash() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "vorher", &[]);
    let log = only_log(&dir);
    let mut bytes = std::fs::read(&log).unwrap();
    bytes.extend(std::iter::repeat_n(b'x', 20 * 1024 * 1024));
    bytes.push(b'\n');
    let good = std::fs::read(&log).unwrap();
    bytes.extend_from_slice(&good[good.iter().position(|&b| b == b'\n').unwrap() + 1..]);
    std::fs::write(&log, &bytes).unwrap();
    // Reported with file and line; what came before it is kept, the rest of
    // the file ignored; nothing is allocated for the whole line.
    runde()
        .args(["check", p(&dir)])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(":3: Eintrag länger als 1 MiB"));
    assert_eq!(texts(&export_json(&dir), "methods", "notes"), ["vorher"]);
    assert_eq!(std::fs::read(&log).unwrap(), bytes, "the file is left as it is");
}

#[test]
fn invalid_utf8_inside_a_log_record_is_reported() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    runde()
        .args(["add", p(&dir), "--board", "methods", "--stdin"])
        .write_stdin("a\nb\n")
        .assert()
        .success();
    let log = only_log(&dir);
    let mut bytes = std::fs::read(&log).unwrap();
    let at = bytes.windows(5).position(|w| w == b"\"a\",\"").unwrap() + 1;
    bytes[at] = 0xff;
    std::fs::write(&log, &bytes).unwrap();
    assert_refused_untouched(&dir, "beschädigter Eintrag");
}

#[test]
fn hostile_note_text_is_kept_byte_exact_in_json() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let hostile = "\u{1b}]52;c;aGFjaw==\u{7}\u{1b}[2J \u{202e}links \u{200b}zero \u{0301}combining 😀 日本語 <b>&amp;</b> \"quoted\" \\ ".repeat(3)
        + &"long ".repeat(2000);
    let out = runde()
        .args(["add", p(&dir), "--board", "methods", "--"])
        .arg(&hostile)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = export_json(&dir);
    assert_eq!(texts(&doc, "methods", "notes"), vec![hostile]);
    let md = runde().args(["export", p(&dir), "--format", "txt"]).output().unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        !md.contains('\u{1b}') && !md.contains('\u{7}'),
        "no control characters in text minutes"
    );
}

#[cfg(unix)]
#[test]
fn files_are_never_world_writable() {
    use std::os::unix::fs::PermissionsExt;
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    add(&dir, "methods", "x", &[]);
    for path in [dir.clone(), dir.join("session.json"), dir.join("log")]
        .into_iter()
        .chain(std::fs::read_dir(dir.join("log")).unwrap().map(|e| e.unwrap().path()))
    {
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o002, 0, "{} is world-writable ({mode:o})", path.display());
    }
}
