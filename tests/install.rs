//! runde as an installed Unix tool: completion scripts that parse in bash,
//! zsh and fish and complete runde's data (session names, the board ids of
//! the session on the command line), a man page that renders without
//! warnings and names every subcommand and environment variable, and a
//! version that names the build's commit. Every shell and `man` run is
//! bounded in time.
mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use clap::CommandFactory;

/// The longest a shell or `man` may take here.
const LIMIT: Duration = Duration::from_secs(60);

/// A sessions folder with two sessions of different plans and a folder
/// that is not a session; runde on PATH as the completion scripts expect.
struct Setup {
    tmp: tempfile::TempDir,
    path_var: String,
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let setup = Setup {
            path_var: path_with_runde(),
            tmp,
        };
        for (name, template) in [("kompetenz-a", "kompetenznetzwerk"), ("klausur-b", "blank")] {
            setup
                .runde()
                .args(["new", name, "--template", template])
                .assert()
                .success();
        }
        std::fs::create_dir_all(setup.sessions().join("kein-plan")).unwrap();
        setup
    }

    fn sessions(&self) -> PathBuf {
        self.tmp.path().join("sessions")
    }

    /// A command with this setup's environment.
    fn env(&self, cmd: &mut Command) {
        cmd.env("PATH", &self.path_var)
            .env("RUNDE_SESSIONS", self.sessions())
            .env("RUNDE_CONFIG", self.tmp.path().join("config"))
            .env("RUNDE_STATE_DIR", self.tmp.path().join("state"))
            .env("HOME", self.tmp.path())
            .env_remove("COMPLETE")
            .timeout(LIMIT);
    }

    fn runde(&self) -> Command {
        let mut cmd = common::runde();
        self.env(&mut cmd);
        cmd
    }

    fn program(&self, name: &str) -> Command {
        let mut cmd = Command::new(name);
        self.env(&mut cmd);
        cmd
    }

    /// The completion script for `shell`, written to a file.
    fn script(&self, shell: &str) -> PathBuf {
        let out = self.runde().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let file = self.tmp.path().join(format!("runde.{shell}"));
        std::fs::write(&file, out.stdout).unwrap();
        file
    }

    /// The board ids in a session's plan, read from its file.
    fn boards_of(&self, session: &str) -> Vec<String> {
        let text = std::fs::read_to_string(self.sessions().join(session).join("session.json")).unwrap();
        let plan: serde_json::Value = serde_json::from_str(&text).unwrap();
        plan["boards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].as_str().unwrap().to_string())
            .collect()
    }

    /// What bash's completion for runde offers for `words` (the last one is
    /// the word under the cursor), calling the function the script
    /// registered with `complete -F` as bash itself does on Tab.
    fn bash_complete(&self, words: &[&str]) -> Vec<String> {
        let script = self.script("bash");
        let driver = r#"
source "$1"; shift
fn=$(complete -p runde | sed -E 's/.* -F ([^ ]+) .*/\1/')
COMP_WORDS=("$@")
COMP_CWORD=$(( $# - 1 ))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMP_TYPE=9
"$fn" runde "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;
        let out = self
            .program("bash")
            .arg("-c")
            .arg(driver)
            .arg("bash")
            .arg(&script)
            .args(words)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        lines(&out.stdout)
    }

    /// What fish offers for the command line `line` (`complete -C`).
    fn fish_complete(&self, line: &str) -> Vec<String> {
        let script = self.script("fish");
        let out = self
            .program("fish")
            .args(["--no-config", "-c", "source $argv[1]; complete -C $argv[2]"])
            .arg(&script)
            .arg(line)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        // "value<TAB>description": the values only.
        lines(&out.stdout)
            .into_iter()
            .map(|l| l.split('\t').next().unwrap_or_default().to_string())
            .collect()
    }
}

/// PATH with the directory of the runde under test first.
fn path_with_runde() -> String {
    let bin = assert_cmd::cargo::cargo_bin("runde");
    let dir = bin.parent().unwrap().display().to_string();
    format!("{dir}:{}", std::env::var("PATH").unwrap_or_default())
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn completion_scripts_parse_in_bash_zsh_and_fish() {
    let setup = Setup::new();
    let checks: [(&str, &[&str]); 3] = [("bash", &["-n"]), ("zsh", &["-n"]), ("fish", &["--no-execute"])];
    for (shell, check) in checks {
        let script = setup.script(shell);
        let out = setup.program(shell).args(check).arg(&script).output().unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{shell} rejects its script: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The check itself sees a broken script.
        let broken = setup.tmp.path().join(format!("broken.{shell}"));
        let mut text = std::fs::read_to_string(&script).unwrap();
        text.push_str("\nif true; then\n");
        std::fs::write(&broken, text).unwrap();
        let out = setup.program(shell).args(check).arg(&broken).output().unwrap();
        assert!(
            !out.status.success(),
            "{shell} {check:?} did not notice a broken script"
        );
    }
}

#[test]
fn bash_completes_session_names_from_the_sessions_folder() {
    let setup = Setup::new();
    for command in ["facilitate", "note", "export", "status", "prepare"] {
        assert_eq!(
            setup.bash_complete(&["runde", command, "kom"]),
            ["kompetenz-a"],
            "after {command}"
        );
        assert_eq!(
            sorted(setup.bash_complete(&["runde", command, "k"])),
            ["klausur-b", "kompetenz-a"],
            "after {command}: a folder without session.json is no session"
        );
    }
    // Nested subcommands and options that take a session, too.
    assert_eq!(
        setup.bash_complete(&["runde", "template", "save", "kla"]),
        ["klausur-b"]
    );
    assert_eq!(
        setup.bash_complete(&["runde", "new", "x", "--from", "kom"]),
        ["kompetenz-a"]
    );
}

#[test]
fn bash_completes_the_board_ids_of_the_session_on_the_command_line() {
    let setup = Setup::new();
    for session in ["kompetenz-a", "klausur-b"] {
        let boards = setup.boards_of(session);
        assert!(!boards.is_empty());
        for command in ["note", "add", "say"] {
            assert_eq!(
                sorted(setup.bash_complete(&["runde", command, session, "--board", ""])),
                sorted(boards.clone()),
                "runde {command} {session} --board"
            );
        }
        // A prefix narrows them to the boards that start with it.
        let first = &boards[0];
        let prefix = &first[..2];
        let expected: Vec<String> = boards.iter().filter(|b| b.starts_with(prefix)).cloned().collect();
        assert_eq!(
            sorted(setup.bash_complete(&["runde", "note", session, "--board", prefix])),
            sorted(expected)
        );
    }
    assert_ne!(setup.boards_of("kompetenz-a"), setup.boards_of("klausur-b"));
}

#[test]
fn bash_completes_formats_languages_and_templates() {
    let setup = Setup::new();
    let formats = setup.bash_complete(&["runde", "export", "kompetenz-a", "--format", ""]);
    for format in ["md", "html", "txt", "docx", "pdf", "json", "ics"] {
        assert!(formats.contains(&format.to_string()), "{format} in {formats:?}");
    }
    assert_eq!(
        setup.bash_complete(&["runde", "note", "kompetenz-a", "--lang", ""]),
        ["de", "en"]
    );
    setup
        .runde()
        .args(["template", "save", "kompetenz-a", "mein-format"])
        .assert()
        .success();
    assert_eq!(
        sorted(setup.bash_complete(&["runde", "new", "x", "--template", ""])),
        ["blank", "kompetenznetzwerk", "mein-format"]
    );
}

#[test]
fn fish_completes_sessions_and_boards() {
    let setup = Setup::new();
    assert_eq!(setup.fish_complete("runde facilitate kom"), ["kompetenz-a"]);
    assert_eq!(
        sorted(setup.fish_complete("runde note klausur-b --board ")),
        sorted(setup.boards_of("klausur-b"))
    );
}

#[test]
fn zsh_completes_from_its_function_folder_on_the_first_tab() {
    let setup = Setup::new();
    let functions = setup.tmp.path().join("zfunc");
    std::fs::create_dir_all(&functions).unwrap();
    std::fs::copy(setup.script("zsh"), functions.join("_runde")).unwrap();
    let zdot = setup.tmp.path().join("zdot");
    std::fs::create_dir_all(&zdot).unwrap();
    let rc = format!(
        "fpath=({} $fpath)\nautoload -Uz compinit && compinit -u -d {}\nPS1='%% '\n",
        functions.display(),
        setup.tmp.path().join("zcompdump").display()
    );
    std::fs::write(zdot.join(".zshrc"), rc).unwrap();
    let sessions = setup.sessions().display().to_string();
    let zdot_s = zdot.display().to_string();
    let home = setup.tmp.path().display().to_string();
    let env = [
        ("PATH", setup.path_var.as_str()),
        ("RUNDE_SESSIONS", sessions.as_str()),
        ("ZDOTDIR", zdot_s.as_str()),
        ("HOME", home.as_str()),
    ];
    let mut shell = pty::View::spawn_with_env(Path::new("zsh"), &["-i"], &env, 100, 20);
    shell.wait_for("% ");
    shell.send("runde note kla\t");
    shell.wait_for("runde note klausur-b");
    shell.send(" --board \t");
    let screen = shell.wait_for(&setup.boards_of("klausur-b")[0]);
    let _ = shell.child.kill();
    assert!(screen.contains("runde note klausur-b --board"), "{screen}");
}

/// The man page rendered by man(1) at 80 columns: (text, warnings).
fn man(page: &Path) -> (String, String) {
    let mut cmd = Command::new("man");
    cmd.args(["--warnings", "-l"])
        .arg(page)
        .env("MANWIDTH", "80")
        .env_remove("MAN_KEEP_FORMATTING")
        .env_remove("MANPAGER")
        .env("PAGER", "cat")
        .timeout(LIMIT);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "man failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// "runde a b" for every visible subcommand, however deep.
fn subcommand_lines(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let line = format!("{prefix} {}", sub.get_name());
        subcommand_lines(sub, &line, out);
        out.push(line);
    }
}

#[test]
fn the_man_page_renders_without_warnings_and_names_every_subcommand() {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::runde().arg("man").timeout(LIMIT).output().unwrap();
    assert!(out.status.success());
    let page = tmp.path().join("runde.1");
    std::fs::write(&page, &out.stdout).unwrap();
    let (text, warnings) = man(&page);
    assert_eq!(warnings, "", "man --warnings");
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "COMMANDS",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
        "EXAMPLES",
    ] {
        assert!(text.lines().any(|l| l == section), "section {section} missing");
    }
    let mut names = Vec::new();
    subcommand_lines(&runde::cli::Cli::command(), "runde", &mut names);
    assert!(names.len() > 25);
    for name in names {
        let heading = format!("   {name}");
        assert!(text.lines().any(|l| l == heading), "no subsection for `{name}`");
    }
    // The check sees a broken page.
    let broken = tmp.path().join("broken.1");
    let mut source = String::from_utf8_lossy(&out.stdout).into_owned();
    source.push_str(".XY undefined macro\n");
    std::fs::write(&broken, source).unwrap();
    assert_ne!(man(&broken).1, "", "man --warnings did not notice a broken page");
}

/// Names of environment variables read in `source`: string literals passed
/// to `env::var`/`var_os` (or given to a variable on one of the three
/// lines before such a call), and every `RUNDE_…` literal.
fn variables_read(source: &str) -> Vec<String> {
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let reads = |l: &str| l.contains("env::var(") || l.contains("env::var_os(");
        let near_read = (i..lines.len().min(i + 4)).any(|j| reads(lines[j]));
        for literal in line.split('"').skip(1).step_by(2) {
            let is_name = literal.len() > 1
                && literal
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && literal.starts_with(|c: char| c.is_ascii_uppercase());
            let compile_time = line.contains(&format!("env!(\"{literal}\")"));
            if is_name && !compile_time && (near_read || literal.starts_with("RUNDE_")) {
                found.push(literal.to_string());
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_environment_variable_runde_reads_is_in_the_man_page() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let documented: Vec<&str> = runde::manpage::ENVIRONMENT
        .iter()
        .flat_map(|(names, _)| names.split(", "))
        .collect();
    let mut read = std::collections::BTreeSet::new();
    for file in files {
        for name in variables_read(&std::fs::read_to_string(&file).unwrap()) {
            read.insert((name, file.display().to_string()));
        }
    }
    for name in ["RUNDE_SESSIONS", "RUNDE_STATE_DIR", "EDITOR", "VISUAL", "TZ"] {
        assert!(read.iter().any(|(n, _)| n == name), "the scan misses {name}");
    }
    let missing: Vec<String> = read
        .iter()
        .filter(|(name, _)| !documented.contains(&name.as_str()))
        .map(|(name, file)| format!("{name} ({file})"))
        .collect();
    assert!(missing.is_empty(), "not in the man page's ENVIRONMENT: {missing:?}");
    for name in ["NO_COLOR", "EDITOR", "RUNDE_SESSIONS", "RUNDE_STATE_DIR"] {
        assert!(documented.contains(&name), "{name}");
    }
}

#[test]
fn the_scan_for_environment_variables_sees_direct_and_named_reads() {
    let source = "const X_ENV: &str = \"RUNDE_X\";\n\
                  for var in [\"VISUAL\", \"EDITOR\"] {\n    std::env::var(var);\n}\n\
                  let tz = std::env::var(\"TZ\");\n\
                  let v = env!(\"RUNDE_LONG_VERSION\");\n\
                  let s = \"NOT_READ\";\n\n\n\n\n";
    assert_eq!(variables_read(source), ["RUNDE_X", "VISUAL", "EDITOR", "TZ"]);
}

#[test]
fn version_names_the_package_version_and_the_commit() {
    let out = common::runde().arg("--version").output().unwrap();
    let long = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        long.starts_with(&format!("runde {} (", env!("CARGO_PKG_VERSION"))),
        "{long}"
    );
    let head = std::process::Command::new("git")
        .args(["-C", env!("CARGO_MANIFEST_DIR"), "rev-parse", "--short=12", "HEAD"])
        .output()
        .unwrap();
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    assert_eq!(head.len(), 12, "tests run in a git checkout");
    assert!(long.contains(&head), "{long} names commit {head}");
    let short = common::runde().arg("-V").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&short.stdout),
        format!("runde {}\n", env!("CARGO_PKG_VERSION"))
    );
}
