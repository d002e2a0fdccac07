//! The CLI contract: every command, its output and its error paths.
mod common;

use common::*;
use predicates::prelude::*;

fn p(dir: &std::path::Path) -> &str {
    dir.to_str().unwrap()
}

#[test]
fn new_creates_a_valid_plan_in_the_chosen_language() {
    let (_t, dir) = new_session("kompetenznetzwerk", "en");
    let plan: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("session.json")).unwrap()).unwrap();
    assert_eq!(plan["lang"], "en");
    assert_eq!(plan["date"], "2021-10-05");
    let ids: Vec<&str> = plan["boards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["keynote", "methods", "success", "continuity", "actors", "findings"]
    );
    assert_eq!(plan["boards"][1]["title"], "Methods & formats");
    runde().args(["check", p(&dir)]).assert().success();
}

#[test]
fn new_refuses_a_non_empty_folder_and_bad_arguments() {
    let (_t, dir) = new_session("blank", "de");
    let before = snapshot_files(&dir);
    runde()
        .args(["new", p(&dir)])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nicht leer"));
    assert_eq!(snapshot_files(&dir), before);
    let tmp = tempfile::tempdir().unwrap();
    let fresh = tmp.path().join("x");
    runde()
        .args(["new", p(&fresh), "--template", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unbekannte Vorlage"));
    runde()
        .args(["new", p(&fresh), "--date", "05.10.2021"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "ungültiges Datum \"05.10.2021\" (erwartet JJJJ-MM-TT",
        ));
    runde().args(["new", p(&fresh), "--lang", "fr"]).assert().code(2);
    runde()
        .args(["new", p(&fresh), "--title", "Mein Treffen"])
        .assert()
        .success();
    let plan = std::fs::read_to_string(fresh.join("session.json")).unwrap();
    assert!(plan.contains("\"title\": \"Mein Treffen\""));
}

#[test]
fn add_prints_an_id_that_the_export_contains() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let id = add(
        &dir,
        "success",
        "Verlässliche Ansprechpersonen",
        &["--section", "pitfalls", "--by", "Ana", "--star"],
    );
    assert_eq!(id.len(), 26, "{id}");
    let para = add(&dir, "continuity", "Ein Absatz.", &["--paragraph"]);
    let doc = export_json(&dir);
    assert_eq!(texts(&doc, "success", "pitfalls"), ["Verlässliche Ansprechpersonen"]);
    let note = &doc["boards"][2]["sections"][1]["notes"][0];
    assert_eq!(note["id"], id.as_str());
    assert_eq!(note["by"], "Ana");
    assert_eq!(note["starred"], true);
    assert_eq!(note["kind"], "bullet");
    assert!(note["created"].as_str().unwrap().ends_with('Z'));
    let continuity = &doc["boards"][3]["sections"][0]["notes"][0];
    assert_eq!(
        (continuity["id"].as_str().unwrap(), continuity["kind"].as_str().unwrap()),
        (para.as_str(), "paragraph")
    );
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["plan"]["title"], "Netzwerktreffen");
}

#[test]
fn add_errors_name_the_problem() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    runde()
        .args(["add", p(&dir), "--board", "nope", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unbekannte Tafel \"nope\"").and(predicate::str::contains("methods")));
    runde()
        .args(["add", p(&dir), "--board", "success", "--section", "nope", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unbekannter Abschnitt \"nope\""));
    runde()
        .args(["add", p(&dir), "--board", "methods", "   "])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("der Text ist leer"));
    runde().args(["add", p(&dir), "--board", "methods"]).assert().code(2);
    runde()
        .args(["add", p(&dir), "--board", "methods", "--stdin", "x"])
        .assert()
        .code(2);
    let missing = dir.join("missing");
    runde()
        .args(["add", p(&missing), "--board", "methods", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("diesen Sitzungsordner gibt es nicht"));
    let logs = std::fs::read_dir(dir.join("log")).map_or(0, |d| d.count());
    assert_eq!(logs, 0, "failed adds must not create logs");
}

#[test]
fn add_stdin_adds_one_note_per_line_and_streams_ids() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let out = runde()
        .args(["add", p(&dir), "--board", "methods", "--stdin"])
        .write_stdin("eins\n\nzwei\ndrei ü „quote“ 🎉\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(ids.len(), 3);
    let doc = export_json(&dir);
    assert_eq!(texts(&doc, "methods", "notes"), ["eins", "zwei", "drei ü „quote“ 🎉"]);
}

#[test]
fn edit_rm_move_and_star_change_the_notes() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let a = add(&dir, "success", "A", &[]);
    let b = add(&dir, "success", "B", &[]);
    let c = add(&dir, "success", "C", &[]);
    runde()
        .args(["edit", p(&dir), &a, "A", "neu"])
        .assert()
        .success()
        .stdout(format!("{a}\n"));
    runde().args(["move", p(&dir), &c, "--before", &a]).assert().success();
    assert_eq!(texts(&export_json(&dir), "success", "factors"), ["C", "A neu", "B"]);
    runde()
        .args(["move", p(&dir), &b, "--section", "pitfalls"])
        .assert()
        .success();
    runde()
        .args(["move", p(&dir), &a, "--board", "findings"])
        .assert()
        .success();
    let doc = export_json(&dir);
    assert_eq!(texts(&doc, "success", "factors"), ["C"]);
    assert_eq!(texts(&doc, "success", "pitfalls"), ["B"]);
    assert_eq!(texts(&doc, "findings", "notes"), ["A neu"]);
    runde().args(["star", p(&dir), &c[..12]]).assert().success();
    assert_eq!(
        export_json(&dir)["boards"][2]["sections"][0]["notes"][0]["starred"],
        true
    );
    runde().args(["rm", p(&dir), &c]).assert().success();
    assert!(texts(&export_json(&dir), "success", "factors").is_empty());
    runde()
        .args(["edit", p(&dir), &c, "zu spät"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("wurde gelöscht"));
    runde()
        .args(["rm", p(&dir), "01nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unbekannte Notiz"));
    runde().args(["move", p(&dir), &a]).assert().code(2);
    runde()
        .args(["move", p(&dir), &a, "--section", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unbekannter Abschnitt \"nope\""));
    runde()
        .args(["move", p(&dir), &b, "--before", &a])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("steht nicht in Abschnitt"));
}

#[test]
fn timers_start_pause_extend_reset_and_report_status() {
    let (_t, dir) = new_session("kompetenznetzwerk", "en");
    runde()
        .args(["phase", p(&dir), "workshops"])
        .assert()
        .success()
        .stdout("workshops\n");
    runde().args(["timer", p(&dir), "start"]).assert().success();
    let st = status(&dir);
    assert_eq!(st["phase"], "workshops");
    let timers = st["timers"].as_array().unwrap();
    let running: Vec<&str> = timers
        .iter()
        .filter(|t| t["state"] == "running")
        .map(|t| t["board"].as_str().unwrap())
        .collect();
    assert_eq!(running, ["methods", "success", "continuity", "actors"]);
    let methods = timers.iter().find(|t| t["board"] == "methods").unwrap();
    assert_eq!(methods["duration_seconds"], 2700);
    assert!(methods["remaining_seconds"].as_i64().unwrap() > 2690);

    runde()
        .args(["timer", p(&dir), "pause", "--board", "methods"])
        .assert()
        .success();
    runde()
        .args(["timer", p(&dir), "extend", "5", "--board", "methods"])
        .assert()
        .success();
    let methods = timer_of(&dir, "methods");
    assert_eq!(methods["state"], "paused");
    assert_eq!(methods["duration_seconds"], 3000);
    runde()
        .args(["timer", p(&dir), "extend", "-10", "--all"])
        .assert()
        .success();
    let st = status(&dir);
    let actors = st["timers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["board"] == "actors")
        .unwrap()
        .clone();
    assert_eq!(actors["duration_seconds"], 2100);
    runde()
        .args(["timer", p(&dir), "resume", "--board", "methods"])
        .assert()
        .success();
    runde()
        .args(["timer", p(&dir), "reset", "--board", "success"])
        .assert()
        .success();
    let st = status(&dir);
    let state = |b: &str| {
        st["timers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["board"] == b)
            .unwrap()["state"]
            .clone()
    };
    assert_eq!(state("methods"), "running");
    assert_eq!(state("success"), "idle");
    assert_eq!(state("keynote"), "idle");
}

#[test]
fn timer_errors() {
    let (_t, dir) = new_session("kompetenznetzwerk", "en");
    runde().args(["timer", p(&dir), "extend"]).assert().code(2);
    runde().args(["timer", p(&dir), "start", "3"]).assert().code(2);
    runde().args(["timer", p(&dir), "dance"]).assert().code(2);
    // Lengthening an idle timer lengthens its planned duration (issue 16).
    runde()
        .args(["timer", p(&dir), "extend", "5", "--board", "methods"])
        .assert()
        .success();
    runde()
        .args(["timer", p(&dir), "start", "--board", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown board"));
    runde()
        .args(["timer", p(&dir), "start", "--board", "methods", "--all"])
        .assert()
        .code(2);
}

#[test]
fn say_and_phase_show_up_in_status() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    runde()
        .args(["say", p(&dir), "Noch", "5", "Minuten"])
        .assert()
        .success();
    assert_eq!(status(&dir)["broadcast"]["text"], "Noch 5 Minuten");
    runde()
        .args(["say", p(&dir), "--board", "methods", "Bitte", "zurück"])
        .assert()
        .success();
    assert_eq!(status(&dir)["broadcast"]["board"], "methods");
    runde().args(["say", p(&dir), "--board", "nope", "x"]).assert().code(1);
    runde()
        .args(["phase", p(&dir), "next"])
        .assert()
        .success()
        .stdout("welcome\n");
    runde()
        .args(["phase", p(&dir), "next"])
        .assert()
        .success()
        .stdout("keynote\n");
    runde()
        .args(["phase", p(&dir), "prev"])
        .assert()
        .success()
        .stdout("welcome\n");
    runde()
        .args(["phase", p(&dir), "lunch"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unbekannte Phase \"lunch\""));
    let text = runde().args(["status", p(&dir)]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Begrüßung (welcome)"), "{text}");
    assert!(text.contains("Durchsage: Bitte zurück"), "{text}");
}

#[test]
fn export_writes_files_atomically_and_reports_the_audience() {
    let (_t, dir) = example_session();
    let out = dir.join("minutes.md");
    runde()
        .args(["export", p(&dir), "-o", p(&out)])
        .assert()
        .success()
        .stderr(predicate::str::contains("internes Protokoll"));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# TransLOek: „Netzwerken"));
    assert!(md.contains("Notiert von Tobias Brandt."));
    runde()
        .args(["export", p(&dir), "--public", "-o", p(&out)])
        .assert()
        .success()
        .stderr(predicate::str::contains("öffentliches Protokoll"));
    let public = std::fs::read_to_string(&out).unwrap();
    assert!(!public.contains("Tobias Brandt"));
    assert!(public.contains("André Koch-Engelmann"));
    runde()
        .args(["export", p(&dir), "--public", "--internal"])
        .assert()
        .code(2);
    runde().args(["export", p(&dir), "--format", "odt"]).assert().code(2);
}

#[test]
fn check_public_lists_only_what_needs_a_human_and_exits_1_while_uncertain() {
    let (_t, dir) = example_session();
    let out = runde().args(["export", p(&dir), "--check-public"]).output().unwrap();
    assert!(out.status.success(), "authors are dropped anyway: nothing to look at");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "");
    let plan_path = dir.join("session.json");
    let mut plan: serde_json::Value = serde_json::from_slice(&std::fs::read(&plan_path).unwrap()).unwrap();
    let people = plan["people"].as_array_mut().unwrap();
    people.push(serde_json::json!({"name": "Lena Brandt", "public": false}));
    std::fs::write(&plan_path, serde_json::to_vec_pretty(&plan).unwrap()).unwrap();
    add(&dir, "findings", "Herr Brandt und Lena stellten vor", &[]);
    let out = runde().args(["export", p(&dir), "--check-public"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "Lena is also Lena Hoffmann, who agreed");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("»Lena«") && text.contains("Lena Brandt"), "{text}");
    // Public minutes are refused while it is undecided, naming the place …
    let refused = runde().args(["export", p(&dir), "--public"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(refused.stdout.is_empty(), "nothing is published");
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(stderr.contains("»Lena«") && stderr.contains("Lena Brandt"), "{stderr}");
    // … and published when scripts ask to replace every doubtful one.
    let public = runde()
        .args(["export", p(&dir), "--public", "--redact-doubtful"])
        .output()
        .unwrap();
    assert!(public.status.success());
    let stderr = String::from_utf8(public.stderr).unwrap();
    assert!(stderr.contains("2 Erwähnungen von Personen ersetzt"), "{stderr}");
}

/// Point 18: `runde new` records the machine's time zone in the plan.
#[test]
fn new_records_the_time_zone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    runde()
        .env("TZ", "America/New_York")
        .args(["new", p(&dir), "--template", "blank", "--date", "2021-10-05"])
        .assert()
        .success();
    let plan: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("session.json")).unwrap()).unwrap();
    assert_eq!(plan["timezone"], "America/New_York");
    runde().args(["check", p(&dir)]).assert().success();
}

#[test]
fn named_sessions_live_in_the_sessions_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    runde()
        .env("RUNDE_SESSIONS", &sessions)
        .args(["new", "herbst", "--date", "2021-10-05", "--title", "Herbsttreffen"])
        .assert()
        .success();
    runde()
        .env("RUNDE_SESSIONS", &sessions)
        .args(["new", "winter", "--date", "2022-02-08", "--title", "Wintertreffen"])
        .assert()
        .success();
    runde()
        .env("RUNDE_SESSIONS", &sessions)
        .args(["add", "herbst", "--board", "methods", "x"])
        .assert()
        .success();
    let out = runde().env("RUNDE_SESSIONS", &sessions).arg("list").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], "-", "sessions without a series are grouped together");
    assert!(
        lines[1].starts_with("herbst") && lines[1].contains("2021-10-05") && lines[1].contains("(1 Notiz)"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("winter") && lines[2].contains("Wintertreffen"),
        "{text}"
    );
}

#[test]
fn demo_copies_the_example_and_shows_running_timers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = runde()
        .env("TMPDIR", tmp.path())
        .arg("demo")
        .env("RUNDE_NO_TUI", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("läuft"), "{text}");
    assert!(text.contains("## Workshop 4: Akteure und Funktionen"), "{text}");
    let copies: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(copies.len(), 1);
}

#[test]
fn plan_shows_and_edits_the_plan_only_when_valid() {
    let (_t, dir) = new_session("blank", "de");
    runde()
        .args(["plan", p(&dir), "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"format\": 1"));
    runde()
        .args(["plan", p(&dir), "--edit"])
        .env("EDITOR", "sed -i s/Workshop/Sommerfest/")
        .env_remove("VISUAL")
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(dir.join("session.json"))
            .unwrap()
            .contains("Sommerfest")
    );
    let before = std::fs::read(dir.join("session.json")).unwrap();
    runde()
        .args(["plan", p(&dir), "--edit"])
        .env("EDITOR", "sed -i s/\"lang\"/\"sprache\"/")
        .env_remove("VISUAL")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("unbekannter Schlüssel `sprache`")
                .and(predicate::str::contains("Plan bleibt unverändert")),
        );
    assert_eq!(std::fs::read(dir.join("session.json")).unwrap(), before);
}

#[test]
fn import_reads_json_lines_and_reports_bad_lines_with_their_number() {
    let (_t, dir) = new_session("kompetenznetzwerk", "de");
    let file = dir.join("notes.jsonl");
    std::fs::write(
        &file,
        "{\"board\":\"methods\",\"text\":\"a\"}\n{\"board\":\"nope\",\"text\":\"b\"}\n",
    )
    .unwrap();
    runde()
        .args(["import", p(&dir), p(&file)])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.jsonl:2: unbekannte Tafel"));
    assert!(
        texts(&export_json(&dir), "methods", "notes").is_empty(),
        "nothing imported from a bad file"
    );
    std::fs::write(
        &file,
        "{\"board\":\"methods\",\"text\":\"a\",\"kind\":\"paragraph\",\"by\":\"Kim\"}\n",
    )
    .unwrap();
    runde().args(["import", p(&dir), p(&file)]).assert().success();
    assert_eq!(texts(&export_json(&dir), "methods", "notes"), ["a"]);
}

#[test]
fn usage_errors_exit_2_and_help_is_available() {
    runde().assert().code(2);
    runde().arg("frobnicate").assert().code(2);
    runde()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("facilitat").or(predicate::str::contains("Export")));
}

/// Point 11: a plan title, a broadcast and carried note text full of
/// terminal escapes reach `status`, `list` and `history` without a single
/// control character (other than the line breaks of the output itself).
#[test]
fn plain_output_neutralises_control_characters() {
    const EVIL: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\r";
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    let dir = sessions.join("herbst");
    runde()
        .env("RUNDE_SESSIONS", &sessions)
        .args(["new", "herbst", "--template", "blank", "--date", "2021-10-05"])
        .args(["--title", &format!("Titel{EVIL}")])
        .assert()
        .success();
    let plan_path = dir.join("session.json");
    let mut plan: serde_json::Value = serde_json::from_slice(&std::fs::read(&plan_path).unwrap()).unwrap();
    plan["series"] = serde_json::json!(format!("Reihe{EVIL}"));
    plan["next_meeting"] = serde_json::json!({"date": "2021-11-05"});
    std::fs::write(&plan_path, serde_json::to_vec_pretty(&plan).unwrap()).unwrap();
    let board = plan["boards"][0]["id"].as_str().unwrap().to_string();
    runde()
        .args(["say", p(&dir), &format!("Pause{EVIL}")])
        .assert()
        .success();
    let id = add(&dir, &board, &format!("Thema{EVIL}"), &[]);
    runde().args(["flag", p(&dir), &id, "--follow-up"]).assert().success();
    runde()
        .env("RUNDE_SESSIONS", &sessions)
        .args(["new", "winter", "--from", "herbst"])
        .assert()
        .success();
    let outputs = [
        runde().args(["status", p(&dir)]).output().unwrap(),
        runde().env("RUNDE_SESSIONS", &sessions).arg("list").output().unwrap(),
        runde().args(["history", p(&dir)]).output().unwrap(),
        runde()
            .args(["timer", p(&dir), "start", "--board", &board])
            .output()
            .unwrap(),
    ];
    for out in outputs {
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "raw control characters in {text:?}"
        );
    }
    let history = runde().args(["history", p(&dir)]).output().unwrap();
    let text = String::from_utf8(history.stdout).unwrap();
    assert!(text.contains("Thema") && text.contains("Titel"), "{text}");
}
