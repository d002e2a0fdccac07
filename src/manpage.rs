//! `runde man`: the manual page (roff), built from the clap definitions —
//! every subcommand with its synopsis and options, so new ones appear
//! without an edit here — and the sections a Unix tool's page has: exit
//! status, environment, files and examples.
use clap::{Command, CommandFactory};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use crate::cli::Cli;

/// The environment variables runde reads, with what each one does.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "RUNDE_SESSIONS",
        "The sessions folder: a PATH that is a plain name is a session in it. Default: $XDG_DATA_HOME/runde/sessions (~/.local/share/runde/sessions).",
    ),
    (
        "RUNDE_STATE_DIR",
        "The local state folder (drafts, the lock of an open facilitator view). Default: $XDG_STATE_HOME/runde (~/.local/state/runde).",
    ),
    (
        "RUNDE_CONFIG",
        "The config folder (saved plan templates, the SSH host key of runde serve). Default: $XDG_CONFIG_HOME/runde (~/.config/runde).",
    ),
    (
        "VISUAL, EDITOR",
        "The editor of runde plan --edit; without either, the first of editor, nano and vi on PATH.",
    ),
    ("PATH", "Searched for the fallback editors."),
    (
        "NO_COLOR",
        "When set to a non-empty value, the views draw without colours (https://no-color.org).",
    ),
    (
        "TZ",
        "The time zone runde new writes into a new plan, when it names an IANA zone; else the machine's zone.",
    ),
    (
        "RUNDE_NO_BELL",
        "When set, no terminal bell when a group's timer reaches zero (as --no-bell).",
    ),
    (
        "RUNDE_NO_TUI",
        "When set, runde demo prints the status and the minutes instead of opening the projector view.",
    ),
    (
        "RUNDE_SERVE_IDLE_SECS",
        "Seconds after which runde serve closes a connection that sent no key (default 7200; for tests).",
    ),
    (
        "RUNDE_SERVE_GRACE_SECS",
        "Seconds a login to runde serve may take before the connection is closed (default 120; for tests).",
    ),
    (
        "RUNDE_DEBUG_PANIC",
        "When set, F12 in a view panics (to test that the terminal is restored; for tests).",
    ),
    (
        "COMPLETE",
        "Set by the completion scripts: runde then prints completion candidates instead of running (see runde completions).",
    ),
];

/// The page, as roff source.
pub fn render() -> std::io::Result<String> {
    let cmd = without_help_below(Cli::command())
        .version(env!("CARGO_PKG_VERSION"))
        .disable_help_subcommand(true);
    let man = Man::new(cmd.clone());
    let mut cmd = cmd;
    cmd.build();

    let mut page = title();
    page.push_str(&section_body(|w| man.render_name_section(w), Some("NAME"))?);
    page.push_str(&section_body(|w| man.render_synopsis_section(w), Some("SYNOPSIS"))?);
    page.push_str(&body(description()));
    page.push_str(&section_body(|w| man.render_options_section(w), Some("OPTIONS"))?);
    page.push_str(&body(heading("COMMANDS")));
    for sub in visible_subcommands(&cmd) {
        page.push_str(&subcommand(sub)?);
    }
    page.push_str(&body(exit_status()));
    page.push_str(&body(environment()));
    page.push_str(&body(files()));
    page.push_str(&body(examples()));
    page.push_str(&body(see_also()));
    Ok(page)
}

/// `cmd` without the `-h, --help` of each subcommand (the top keeps its
/// own), which would repeat under every command.
fn without_help_below(cmd: Command) -> Command {
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    names.into_iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(name, |sub| without_help_below(sub).disable_help_flag(true))
    })
}

/// The `.TH` line (written here: clap_mangen drops an empty date, which
/// shifts the fields), then no hyphenation and a ragged right margin, so
/// that paths and options stay whole.
fn title() -> String {
    let date = env!("RUNDE_COMMIT_DATE");
    let version = env!("CARGO_PKG_VERSION");
    let preamble = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    format!("{preamble}.TH RUNDE 1 \"{date}\" \"runde {version}\" \"User Commands\"\n.nh\n.ad l\n")
}

/// A section heading alone.
fn heading(name: &str) -> Roff {
    let mut r = Roff::new();
    r.control("SH", [name]);
    r
}

/// Subcommands shown in help, in definition order.
fn visible_subcommands(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

/// One subcommand as a subsection: synopsis, description, arguments and
/// options (without the `-h` every subcommand has), then its own subcommands.
fn subcommand(cmd: &Command) -> std::io::Result<String> {
    let name = cmd.get_bin_name().unwrap_or(cmd.get_name()).to_string();
    let mut out = body({
        let mut r = Roff::new();
        r.control("SS", [name.as_str()]);
        r
    });
    let children: Vec<&Command> = visible_subcommands(cmd).collect();
    let man = Man::new(cmd.clone());
    if children.is_empty() {
        out.push_str(&section_body(|w| man.render_synopsis_section(w), None)?);
        out.push_str(&body({
            let mut r = Roff::new();
            r.control("PP", []);
            r
        }));
    }
    out.push_str(&section_body(|w| man.render_description_section(w), None)?);
    if children.is_empty() {
        out.push_str(&section_body(|w| man.render_options_section(w), None)?);
    }
    for child in children {
        out.push_str(&subcommand(child)?);
    }
    Ok(out)
}

/// What a clap_mangen section renderer writes, without the roff preamble
/// (the page has one already) and with its `.SH` heading replaced by
/// `keep` (or dropped), so that sections can sit inside a subsection.
fn section_body(
    render: impl Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    keep: Option<&str>,
) -> std::io::Result<String> {
    let mut out = Vec::new();
    render(&mut out)?;
    let text = String::from_utf8_lossy(&out);
    let mut kept = String::new();
    for line in text.lines().filter(|l| !is_preamble(l)) {
        if line.starts_with(".SH ") {
            if let Some(title) = keep {
                kept.push_str(&format!(".SH {title}\n"));
            }
            continue;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    Ok(kept)
}

/// The two lines roff puts before every document (the apostrophe string).
fn is_preamble(line: &str) -> bool {
    line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq")
}

/// A block of roff without its preamble.
fn body(roff: Roff) -> String {
    roff.to_roff()
        .lines()
        .filter(|l| !is_preamble(l))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A tagged paragraph: `tag` in bold, then the text.
fn item(r: &mut Roff, tag: &str, text: &str) {
    r.control("TP", []);
    r.text([bold(tag)]);
    r.text([roman(text)]);
}

fn description() -> Roff {
    let mut r = heading("DESCRIPTION");
    r.text([roman(
        "runde runs a workshop from the terminal. A facilitator drives the agenda and the breakout timers on a projector; one note-taker per breakout group writes the group's board from their own laptop \u{2014} over plain ssh to ",
    ), bold("runde serve"), roman(
        ", through a folder synced by Syncthing or Nextcloud, or on the same computer; afterwards the minutes come out as Markdown, HTML, plain text, Word, PDF or JSON, in German or English.",
    )]);
    r.control("PP", []);
    r.text([
        roman("A session is a folder: the plan in "),
        italic("session.json"),
        roman(", written by people, and one append-only log per writer in "),
        italic("log/"),
        roman(". A note runde has shown as saved is on disk (fsync) and survives a crash or a power cut."),
    ]);
    r.control("PP", []);
    r.text([
        roman("Most commands take a "),
        italic("PATH"),
        roman(": a folder when it contains a slash or names an existing folder, else the name of a session in the sessions folder (see "),
        bold("RUNDE_SESSIONS"),
        roman("). A "),
        italic("NOTE"),
        roman(" is a note's id or a unique prefix of it; "),
        italic("ID"),
        roman("s of boards, sections and phases are those of the plan."),
    ]);
    r
}

fn exit_status() -> Roff {
    let mut r = heading("EXIT STATUS");
    item(&mut r, "0", "Success.");
    item(
        &mut r,
        "1",
        "A runtime error (a file that cannot be read or written, corrupt data, an unknown board or note), or problems found: runde check found problems, runde export --check-public found mentions to review.",
    );
    item(
        &mut r,
        "2",
        "A usage error: unknown command or option, a missing or invalid argument.",
    );
    r.control("PP", []);
    r.text([roman(
        "Errors are one line on standard error that names the file (and line) concerned.",
    )]);
    r
}

fn environment() -> Roff {
    let mut r = heading("ENVIRONMENT");
    for (name, text) in ENVIRONMENT {
        item(&mut r, name, text);
    }
    r
}

fn files() -> Roff {
    let mut r = heading("FILES");
    let entries = [
        (
            "~/.local/share/runde/sessions/",
            "The sessions folder ($RUNDE_SESSIONS): one folder per session.",
        ),
        (
            "SESSION/session.json",
            "The plan: agenda, boards, sections, people. Edited with runde prepare or runde plan --edit; replaced only by a valid plan.",
        ),
        (
            "SESSION/log/WRITER.jsonl",
            "One append-only log per writer (view or command); the notes, timers and messages are their merge. Never edit them by hand.",
        ),
        ("SESSION/clock/", "Clock probes between laptops that share the folder."),
        (
            "SESSION/.stignore",
            "Written by runde new --sync syncthing: what Syncthing leaves out.",
        ),
        (
            "SESSION/session.json.rejected",
            "A plan edit that was not valid, kept for the next runde plan --edit.",
        ),
        (
            "~/.local/state/runde/",
            "Local state ($RUNDE_STATE_DIR): drafts of unsent notes in drafts/, the lock of an open facilitator view in facilitator/.",
        ),
        (
            "~/.config/runde/templates/NAME.json",
            "Plan templates saved with runde template save ($RUNDE_CONFIG).",
        ),
        (
            "~/.config/runde/ssh_host_ed25519_key",
            "The host key of runde serve, created on first use ($RUNDE_CONFIG).",
        ),
    ];
    for (path, text) in entries {
        item(&mut r, path, text);
    }
    r
}

fn examples() -> Roff {
    let mut r = heading("EXAMPLES");
    let entries = [
        (
            "runde demo",
            "Open the shipped example meeting with its breakout timers running.",
        ),
        (
            "runde new netzwerk-6 --date 2025-03-12",
            "Create a session from the default template in the sessions folder.",
        ),
        ("runde prepare netzwerk-6", "Change its plan in forms."),
        (
            "runde facilitate netzwerk-6 --serve",
            "Open the projector view and let note-takers join over SSH; the header shows the join code.",
        ),
        (
            "ssh -p 2222 methods@HOST",
            "A note-taker joins the board methods from any laptop with OpenSSH.",
        ),
        (
            "runde note netzwerk-6 --board methods --by Alex",
            "A note-taker's view on the same computer or a synced folder.",
        ),
        (
            "runde add netzwerk-6 --board methods \"Start small\"",
            "Add a note from a script; prints its id once it is on disk.",
        ),
        (
            "runde export netzwerk-6 --format pdf --public -o minutes.pdf",
            "Public minutes as PDF: only people who agreed are named.",
        ),
        (
            "eval \"$(runde completions bash)\"",
            "Completion of commands, sessions and board ids in this bash (zsh and fish alike).",
        ),
    ];
    for (command, text) in entries {
        item(&mut r, command, text);
    }
    r
}

fn see_also() -> Roff {
    let mut r = heading("SEE ALSO");
    r.text([
        bold("ssh"),
        roman("(1), "),
        bold("syncthing"),
        roman("(1); the README in /usr/share/doc/runde/."),
    ]);
    r
}
