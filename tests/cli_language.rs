//! Issue 27, point 3 (and 26, point 14): every message the command line
//! prints is in the session's language — a German session hears no
//! English sentence and an English one no German, on success and on error.
mod common;

use common::*;

/// Words that only an English message would use (paths are masked first;
/// board ids and command lines such as `runde note … --board methods` are
/// data and contain none of these).
const ENGLISH: [&str; 16] = [
    "wrote",
    "minutes",
    "signed off",
    "healthy",
    "mention",
    "undecided",
    "copied",
    "kept",
    "no changes",
    "conflict",
    " the ",
    " of ",
    "needs",
    "try ",
    "not part",
    "place",
];

/// Words that only a German message would use.
const GERMAN: [&str; 14] = [
    "Protokoll",
    "geschrieben",
    "Nächste",
    "Mitschreiben",
    "Notiz",
    "Erwähnung",
    "Sitzung",
    "nicht",
    " und ",
    " ist ",
    " der ",
    " die ",
    " das ",
    "ersetzt",
];

/// One command's stderr with every temporary path replaced by `PATH`.
struct Said {
    what: String,
    stderr: String,
}

fn run(args: &[&str], env: &[(&str, &std::path::Path)], masks: &[&std::path::Path]) -> Said {
    let mut cmd = runde();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.env_remove("VISUAL").output().unwrap();
    let mut stderr = String::from_utf8(out.stderr).unwrap();
    for m in masks {
        stderr = stderr.replace(m.to_str().unwrap(), "PATH");
    }
    Said {
        what: args[..args.len().min(2)].join(" "),
        stderr,
    }
}

/// Runs the commands that speak on a fresh session in `lang`; returns
/// what each said.
fn conversation(lang: &str) -> Vec<Said> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let d = dir.to_str().unwrap();
    let state = tmp.path().join("state");
    let masks = [dir.as_path(), tmp.path()];
    let env = [("RUNDE_STATE_DIR", state.as_path())];
    let mut said = vec![run(&["new", d, "--lang", lang, "--date", "2021-10-05"], &env, &masks)];
    let id = add(&dir, "methods", "Kanban", &[]);
    let out = tmp.path().join("out.md");
    let o = out.to_str().unwrap();
    for args in [
        vec!["plan", d],
        vec!["check", d],
        vec!["review", d, "--list"],
        vec!["review", d, "--keep", "Zzzyx"],
        vec!["signoff", d, "--board", "methods", "--by", "Ada"],
        vec!["export", d, "-o", o],
        vec!["export", d, "--public", "-o", o],
        vec!["export", d, "--check-public"],
        vec!["export", d, "--require-signoff"],
        vec!["timer", d, "extend"],
        vec!["move", d, &id],
        vec!["add", d, "--board", "methods"],
        vec!["plan", d, "--resolve"],
        vec!["signoff", d, "--board", "nope", "--by", "Ada"],
    ] {
        said.push(run(&args, &env, &masks));
    }
    let editor = [
        ("RUNDE_STATE_DIR", state.as_path()),
        ("EDITOR", std::path::Path::new("true")),
    ];
    said.push(run(&["plan", d, "--edit"], &editor, &masks));
    said.push(run(&["export", d, "--fragment"], &env, &masks));
    said
}

/// Every message of `said` avoids the other language's words.
fn assert_no_foreign_words(said: &[Said], foreign: &[&str]) {
    for s in said {
        for word in foreign {
            assert!(
                !s.stderr.contains(word),
                "`runde {}` said {word:?} in the wrong language:\n{}",
                s.what,
                s.stderr
            );
        }
    }
}

/// Each `(n, phrase)`: the `n`th command of [`conversation`] said `phrase`.
fn assert_said(said: &[Said], expected: &[(usize, &str)]) {
    for (n, phrase) in expected {
        let s = &said[*n];
        assert!(
            s.stderr.contains(phrase),
            "`runde {}` did not say {phrase:?}:\n{}",
            s.what,
            s.stderr
        );
    }
}

#[test]
fn a_german_session_hears_german_only() {
    let said = conversation("de");
    assert_no_foreign_words(&said, &ENGLISH);
    assert_said(
        &said,
        &[
            (0, "Nächste Schritte"),
            (2, "in Ordnung"),
            (3, "Erwähnungen"),
            (5, "freigegeben"),
            (6, "internes Protokoll"),
            (7, "öffentliches Protokoll"),
            (10, "braucht MINUTES"),
            (15, "Keine Änderungen"),
            (16, "gelten nur für"),
        ],
    );
}

#[test]
fn an_english_session_hears_english_only() {
    let said = conversation("en");
    assert_no_foreign_words(&said, &GERMAN);
    assert_said(
        &said,
        &[
            (0, "Next steps"),
            (2, "healthy"),
            (3, "mentions undecided"),
            (5, "signed off"),
            (6, "wrote internal minutes"),
            (7, "wrote public minutes"),
            (10, "needs MINUTES"),
            (15, "no changes"),
            (16, "apply to"),
        ],
    );
}

/// Every message above said something: an empty stderr would pass the
/// foreign-word check for nothing.
#[test]
fn every_command_of_the_conversation_speaks() {
    for lang in ["de", "en"] {
        for s in conversation(lang) {
            assert!(!s.stderr.trim().is_empty(), "`runde {}` ({lang}) said nothing", s.what);
        }
    }
}

/// `runde demo` (German, the example's language) and `runde demo --lang
/// en`: the messages and the status of the groups in one language.
#[test]
fn the_demo_speaks_one_language() {
    for (lang, foreign, expect) in [
        (None, &ENGLISH[..], "Mitschreiben:"),
        (Some("en"), &GERMAN[..], "Take notes:"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let mut cmd = runde();
        cmd.env("TMPDIR", tmp.path()).env("RUNDE_NO_TUI", "1").arg("demo");
        if let Some(l) = lang {
            cmd.args(["--lang", l]);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stderr = String::from_utf8(out.stderr).unwrap();
        let copy = std::fs::read_dir(tmp.path()).unwrap().next().unwrap().unwrap().path();
        let stderr = stderr.replace(copy.to_str().unwrap(), "PATH");
        assert!(stderr.contains(expect), "{stderr}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        // The status before the minutes: the runtime's words, not the notes'.
        let status = stdout.split("\n\n").next().unwrap_or_default().to_string();
        let said = [
            Said {
                what: "demo".into(),
                stderr,
            },
            Said {
                what: "demo (status)".into(),
                stderr: status.lines().skip(1).collect::<Vec<_>>().join("\n"),
            },
        ];
        assert_no_foreign_words(&said, foreign);
    }
}

/// What a failing command said on stderr (its paths as given).
fn failed(args: &[&str], env: &[(&str, &std::path::Path)]) -> String {
    let mut cmd = runde();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(!out.status.success(), "`runde {}` succeeded", args.join(" "));
    String::from_utf8(out.stderr).unwrap()
}

/// Issue 27, point 3: the refusals of the rules and the store reach the
/// person in the session's language from every command — not only from
/// those that opened the session themselves (a timer's board, an export
/// target that is a link, a template's name, a session folder that is not
/// there). Without a readable plan (a linked `session.json`) the session's
/// language cannot be known: the default, German, is used.
#[test]
fn every_command_words_its_refusals_in_the_sessions_language() {
    use runde::error::Error;
    use runde::model::Lang;
    use runde::model::problem::StoreProblem;
    for (lang, code) in [(Lang::De, "de"), (Lang::En, "en")] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("s");
        let d = dir.to_str().unwrap();
        let (state, config) = (tmp.path().join("state"), tmp.path().join("config"));
        let env = [("RUNDE_STATE_DIR", state.as_path()), ("RUNDE_CONFIG", config.as_path())];
        runde()
            .args(["new", d, "--lang", code, "--date", "2021-10-05"])
            .assert()
            .success();
        let store = |p: StoreProblem| Error::Store(p).in_lang(lang);
        let link = tmp.path().join("out.md");
        std::os::unix::fs::symlink(tmp.path().join("elsewhere.md"), &link).unwrap();
        let missing = dir.join("gone");
        let (board, note) = match lang {
            Lang::De => ("unbekannte Tafel \"nope\"", "unbekannte Notiz \"nope\""),
            Lang::En => ("unknown board \"nope\"", "unknown note \"nope\""),
        };
        let cases: Vec<(Vec<&str>, String)> = vec![
            (vec!["timer", d, "start", "--board", "nope"], board.into()),
            (vec!["say", d, "--board", "nope", "hello"], board.into()),
            (vec!["finding", d, "--from", "nope", "x"], note.into()),
            (
                vec!["export", d, "-o", link.to_str().unwrap()],
                store(StoreProblem::IsLink { path: link.clone() }),
            ),
            (
                vec!["template", "save", d, "a b"],
                store(StoreProblem::BadTemplateName { name: "a b".into() }),
            ),
            (
                vec!["template", "save", d, "blank"],
                store(StoreProblem::BuiltInTemplate { name: "blank".into() }),
            ),
        ];
        for (args, expected) in &cases {
            let said = failed(args, &env);
            assert!(
                said.contains(expected.as_str()),
                "`runde {}` ({code}) did not say {expected:?}:\n{said}",
                args.join(" ")
            );
        }
        // No session there: the default language.
        let gone = Error::Store(StoreProblem::NoSuchFolder { path: missing.clone() }).in_lang(Lang::De);
        for args in [
            vec!["history", missing.to_str().unwrap()],
            vec!["serve", missing.to_str().unwrap(), "--listen", "127.0.0.1:0"],
        ] {
            let said = failed(&args, &env);
            assert!(said.contains(&gone), "`runde {}`:\n{said}", args.join(" "));
        }
        // A linked plan is never read, so its language is unknown.
        let plan = dir.join("session.json");
        let moved = tmp.path().join("plan.json");
        std::fs::rename(&plan, &moved).unwrap();
        std::os::unix::fs::symlink(&moved, &plan).unwrap();
        let linked = Error::Store(StoreProblem::IsLink { path: plan.clone() }).in_lang(Lang::De);
        for args in [vec!["plan", d], vec!["plan", d, "--format", "md"]] {
            let said = failed(&args, &env);
            assert!(said.contains(&linked), "`runde {}`:\n{said}", args.join(" "));
        }
    }
}
