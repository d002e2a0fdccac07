//! Issue 27, point 3: `runde check` speaks the session's language. Real bad
//! files — a conflict copy of the plan and of a log, a torn last log line,
//! a planted symbolic link, a plan with an unknown key or a bad date — are
//! named with their path (and line) and described in German for a German
//! session and in English for an English one, never in the other language.
mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Conflict copies, a torn tail and a link planted in a fresh session in
/// `lang`; returns the session and the paths check must name.
struct Planted {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    log: PathBuf,
    log_copy: PathBuf,
    plan_copy: PathBuf,
    link: PathBuf,
}

fn planted(lang: &str) -> Planted {
    let (tmp, dir) = new_session("kompetenznetzwerk", lang);
    add(&dir, "methods", "eine Notiz", &[]);
    let log = only_log(&dir);
    let stem = log.file_stem().unwrap().to_str().unwrap().to_string();
    let log_copy = dir
        .join("log")
        .join(format!("{stem}.sync-conflict-20261129-120000-ABCDEFG.jsonl"));
    std::fs::copy(&log, &log_copy).unwrap();
    let plan_copy = dir.join("session.sync-conflict-20261129-120000-ABCDEFG.json");
    std::fs::copy(dir.join("session.json"), &plan_copy).unwrap();
    let mut bytes = std::fs::read(&log).unwrap();
    bytes.extend_from_slice(b"{\"e\":{\"seq\":2,\"lamport\":2,\"wall");
    std::fs::write(&log, &bytes).unwrap();
    let link = dir.join("evil.json");
    std::os::unix::fs::symlink(tmp.path().join("elsewhere"), &link).unwrap();
    Planted {
        _tmp: tmp,
        dir,
        log,
        log_copy,
        plan_copy,
        link,
    }
}

/// `runde check DIR`: its standard output and whether it passed.
fn check(dir: &Path) -> (bool, String) {
    let out = runde().args(["check", dir.to_str().unwrap()]).output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap())
}

/// The line of `out` about `path` (with `:line` when given) holds `words`.
fn says(out: &str, path: &Path, line: Option<usize>, words: &str) {
    let head = match line {
        Some(l) => format!("{}:{l}: ", path.display()),
        None => format!("{}: ", path.display()),
    };
    assert!(
        out.lines().any(|l| l.starts_with(&head) && l.contains(words)),
        "no line starting {head:?} says {words:?}:\n{out}"
    );
}

/// Phrases of one language that must not appear in the other's report.
const ENGLISH: [&str; 6] = [
    "skipped",
    "conflict copy",
    "recovered",
    "symbolic link",
    "unknown key",
    "invalid date",
];
const GERMAN: [&str; 6] = [
    "übersprungen",
    "Konfliktkopie",
    "wiederhergestellt",
    "symbolischer Link",
    "unbekannter Schlüssel",
    "ungültiges Datum",
];

#[cfg(unix)]
#[test]
fn check_names_each_bad_file_in_the_sessions_language() {
    for (lang, words, foreign) in [
        (
            "de",
            [
                "wiederhergestellt",
                "Konfliktkopie des Logs",
                "Konfliktkopie des Plans",
                "ein symbolischer Link; runde folgt keinem Link",
                "übersprungen",
            ],
            ENGLISH,
        ),
        (
            "en",
            [
                "recovered",
                "conflict copy of log",
                "conflict copy of the plan",
                "a symbolic link; runde never follows links",
                "skipped",
            ],
            GERMAN,
        ),
    ] {
        let p = planted(lang);
        let (ok, out) = check(&p.dir);
        assert!(!ok, "{lang}: conflict copies are problems:\n{out}");
        // The torn line is line 3: the header, the note, the cut record.
        says(&out, &p.log, Some(3), words[0]);
        says(&out, &p.log_copy, None, words[1]);
        says(&out, &p.plan_copy, None, words[2]);
        says(&out, &p.link, None, words[3]);
        says(&out, &p.link, None, words[4]);
        for phrase in foreign {
            assert!(
                !out.contains(phrase),
                "{lang}: {phrase:?} of the other language:\n{out}"
            );
        }
    }
}

/// The 1-based line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    1 + text[..text.find(needle).unwrap()].matches('\n').count()
}

#[test]
fn a_malformed_plan_is_named_with_path_and_line_in_its_own_language() {
    for (lang, unknown, bad_date, foreign) in [
        (
            "de",
            "unbekannter Schlüssel `colour`",
            "ungültiges Datum \"2021-13-01\"",
            ENGLISH,
        ),
        ("en", "unknown key `colour`", "invalid date \"2021-13-01\"", GERMAN),
    ] {
        let (_t, dir) = new_session("kompetenznetzwerk", lang);
        let plan_path = dir.join("session.json");
        let good = std::fs::read_to_string(&plan_path).unwrap();
        // An unknown key, on a line of its own after the title.
        let text = good.replacen("\"title\"", "\"colour\": \"red\",\n  \"title\"", 1);
        std::fs::write(&plan_path, &text).unwrap();
        let (ok, out) = check(&dir);
        assert!(!ok, "{out}");
        says(&out, &plan_path, Some(line_of(&text, "\"colour\"")), unknown);
        // A date that is no date: named at its line, check and every command alike.
        let text = good.replacen("\"2021-10-05\"", "\"2021-13-01\"", 1);
        std::fs::write(&plan_path, &text).unwrap();
        let (ok, out) = check(&dir);
        assert!(!ok, "{out}");
        let line = line_of(&text, "\"2021-13-01\"");
        says(&out, &plan_path, Some(line), bad_date);
        let status = runde().args(["status", dir.to_str().unwrap()]).output().unwrap();
        let err = String::from_utf8(status.stderr).unwrap();
        assert_eq!(status.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("{}:{line}: {bad_date}", plan_path.display())),
            "{lang}: {err}"
        );
        for phrase in foreign {
            assert!(
                !out.contains(phrase) && !err.contains(phrase),
                "{lang}: {phrase:?}:\n{out}{err}"
            );
        }
    }
}

/// A linked plan is refused by `check` with its path named once (the
/// store's refusal names the file itself). The plan is never read, so the
/// session's language is unknown: the default, German.
#[cfg(unix)]
#[test]
fn check_names_a_linked_plan_once() {
    let words = "ist ein symbolischer Link";
    for lang in ["de", "en"] {
        let (tmp, dir) = new_session("blank", lang);
        let plan = dir.join("session.json");
        let moved = tmp.path().join("plan.json");
        std::fs::rename(&plan, &moved).unwrap();
        std::os::unix::fs::symlink(&moved, &plan).unwrap();
        let (ok, out) = check(&dir);
        assert!(!ok, "{out}");
        let shown = plan.display().to_string();
        let refused = out.lines().find(|l| l.contains(words));
        assert!(refused.is_some(), "{lang}: no line says {words:?}:\n{out}");
        for line in out.lines() {
            assert!(line.matches(&shown).count() <= 1, "{lang}: the path twice:\n{line}");
        }
    }
}
