//! Shell completion that knows runde's data. `runde completions bash|zsh|fish`
//! prints a script that asks runde itself for candidates (clap_complete's
//! dynamic engine: `COMPLETE=<shell> runde -- <words>`), so a Tab completes
//! subcommands and flags from the clap definitions, and session names,
//! board and section ids, phases, languages and templates from the disk.
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use clap::builder::StyledStr;
use clap::{Arg, ArgMatches, Command, CommandFactory, ValueEnum, ValueHint};
use clap_complete::engine::{
    ArgValueCandidates, ArgValueCompleter, CompletionCandidate, PathCompleter, ValueCompleter,
};
use clap_complete::env::{Bash, EnvCompleter, Fish, Zsh};

use crate::cli::Cli;
use crate::model::{Plan, template};
use crate::store::{PLAN_FILE, paths, plan_file, templates};

/// The environment variable that turns a run of runde into a completion
/// request (clap_complete's protocol).
pub const COMPLETE_ENV: &str = "COMPLETE";

/// The program the scripts call for candidates: the installed `runde` on PATH.
const PROGRAM: &str = "runde";

/// A shell runde writes a completion script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// Answers a completion request and exits, when this process is one;
/// returns at once otherwise. Call it before anything is written to stdout.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(|| command_for(&words_from_request()))
        .var(COMPLETE_ENV)
        .complete();
}

/// The completion script for `shell`, for `eval` in a shell's start-up file
/// or for the shell's completion folder (the zsh one also works autoloaded
/// from `$fpath` as `_runde`).
pub fn script(shell: Shell) -> std::io::Result<String> {
    let mut buf = Vec::new();
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
    };
    completer.write_registration(COMPLETE_ENV, PROGRAM, PROGRAM, PROGRAM, &mut buf)?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    Ok(match shell {
        Shell::Zsh => autoloadable_zsh(&text),
        _ => text,
    })
}

/// clap_complete's zsh script registers itself with `compdef` when sourced;
/// autoloaded from `$fpath` it must also complete on its first call, or the
/// first Tab after start-up would show nothing.
fn autoloadable_zsh(script: &str) -> String {
    let function = format!("_clap_dynamic_completer_{PROGRAM}");
    let register = format!("compdef {function} {PROGRAM}");
    let both = format!(
        "if [[ \"${{funcstack[1]}}\" == \"_{PROGRAM}\" ]]; then\n    {function} \"$@\"\nelse\n    {register}\nfi"
    );
    script.replacen(&register, &both, 1)
}

/// The command line with completers for runde's data attached to every
/// argument that takes a session, board, section, phase, language or
/// template — found by the argument's id, so new subcommands get them too.
/// `words` is the command line being completed (for the session the board
/// ids come from); empty outside completion.
pub fn command_for(words: &[OsString]) -> Command {
    let context = Context::of(words);
    attach(Cli::command(), &context)
}

/// What the words typed so far say about the session and board.
#[derive(Debug, Clone, Default)]
struct Context {
    /// The board named with `--board`.
    board: Option<String>,
    /// The plan of the session named on the command line, if readable.
    plan: Option<Plan>,
}

impl Context {
    /// Parses `words` leniently (missing arguments and unknown values are
    /// ignored) and takes the innermost subcommand's PATH and `--board`.
    fn of(words: &[OsString]) -> Context {
        let Ok(matches) = Cli::command().ignore_errors(true).try_get_matches_from(words) else {
            return Context::default();
        };
        let mut m: &ArgMatches = &matches;
        while let Some((_, sub)) = m.subcommand() {
            m = sub;
        }
        let text = |id: &str| {
            m.try_get_one::<String>(id)
                .ok()
                .flatten()
                .filter(|v| !v.is_empty())
                .cloned()
        };
        let session = text("path").and_then(|p| paths::resolve(&p).ok());
        Context {
            plan: session.as_deref().and_then(read_plan),
            board: text("board"),
        }
    }
}

/// The plan of the session in `dir`, if it has a readable one.
fn read_plan(dir: &Path) -> Option<Plan> {
    let file = dir.join(PLAN_FILE);
    file.is_file().then(|| plan_file::read_plan(&file).ok()).flatten()
}

/// The words of a completion request: what follows `--` on runde's own
/// command line (`COMPLETE=bash runde -- runde note S --board ""`).
fn words_from_request() -> Vec<OsString> {
    let args: Vec<OsString> = std::env::args_os().collect();
    match args.iter().position(|a| a == "--") {
        Some(at) => args[at + 1..].to_vec(),
        None => Vec::new(),
    }
}

/// `cmd` and all its subcommands with the data completers attached.
fn attach(cmd: Command, context: &Context) -> Command {
    let ids: Vec<_> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    let subcommand = cmd.get_name().to_string();
    let mut cmd = cmd;
    for id in ids {
        cmd = cmd.mut_arg(id, |arg| with_completer(arg, &subcommand, context));
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, |sub| attach(sub, context));
    }
    cmd
}

/// `arg` with the completer its id calls for (or unchanged).
fn with_completer(arg: Arg, subcommand: &str, context: &Context) -> Arg {
    let is_text = arg.get_value_hint() == ValueHint::Unknown;
    let from_plan = |values: fn(&Plan, &Context) -> Vec<Described>| {
        let found = context.plan.as_ref().map(|p| values(p, context)).unwrap_or_default();
        ArgValueCandidates::new(move || found.iter().map(Described::candidate).collect())
    };
    match arg.get_id().as_str() {
        "path" | "from" if is_text => arg.add(ArgValueCompleter::new(SessionCompleter)),
        "board" => arg.add(from_plan(boards)),
        "section" => arg.add(from_plan(sections)),
        "target" if subcommand == "phase" => arg.add(from_plan(phases)),
        "lang" => arg.add(ArgValueCandidates::new(lang_candidates)),
        "template" if is_text => arg.add(ArgValueCandidates::new(template_candidates)),
        _ => arg,
    }
}

/// A value with a one-line description (shown by zsh and fish).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Described {
    value: String,
    help: String,
}

impl Described {
    fn new(value: &str, help: &str) -> Described {
        Described {
            value: value.to_string(),
            help: one_line(help),
        }
    }

    fn candidate(&self) -> CompletionCandidate {
        candidate(&self.value, self.help.clone())
    }
}

/// A candidate with a one-line description.
fn candidate(value: &str, help: impl Into<String>) -> CompletionCandidate {
    CompletionCandidate::new(value).help(Some(StyledStr::from(help.into())))
}

/// Session PATHs: the names of the sessions in the sessions folder, or
/// folders when the word is a path (has a `/`, starts with `.` or `~`) or
/// no session name fits.
struct SessionCompleter;

impl ValueCompleter for SessionCompleter {
    fn complete(&self, current: &OsStr) -> Vec<CompletionCandidate> {
        let typed = current.to_string_lossy();
        let looks_like_path = typed.contains('/') || typed.starts_with('.') || typed.starts_with('~');
        let named: Vec<CompletionCandidate> = if looks_like_path {
            Vec::new()
        } else {
            paths::sessions_dir()
                .map(|dir| session_candidates(&dir, &typed))
                .unwrap_or_default()
        };
        if named.is_empty() {
            PathCompleter::dir().complete(current)
        } else {
            named
        }
    }
}

/// The sessions in `folder` whose names start with `prefix`, described by
/// their date and title, in name order.
fn session_candidates(folder: &Path, prefix: &str) -> Vec<CompletionCandidate> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
        .filter(|(name, dir)| name.starts_with(prefix) && dir.join(PLAN_FILE).is_file())
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(name, dir)| match read_plan(&dir) {
            Some(plan) => Described::new(&name, &format!("{} · {}", plan.date, plan.title)).candidate(),
            None => CompletionCandidate::new(name),
        })
        .collect()
}

/// The plan's boards, described by their titles.
fn boards(plan: &Plan, _: &Context) -> Vec<Described> {
    plan.boards.iter().map(|b| Described::new(&b.id, &b.title)).collect()
}

/// The sections of the `--board` given, or of every board (each id once).
fn sections(plan: &Plan, context: &Context) -> Vec<Described> {
    let board = context.board.as_deref();
    let mut seen = std::collections::BTreeSet::new();
    plan.boards
        .iter()
        .filter(|b| board.is_none_or(|id| b.id == id))
        .flat_map(|b| &b.sections)
        .filter(|s| seen.insert(s.id.clone()))
        .map(|s| Described::new(&s.id, &s.title))
        .collect()
}

/// `next`, `prev` and the agenda's phase ids.
fn phases(plan: &Plan, _: &Context) -> Vec<Described> {
    let steps = [
        Described::new("next", "the next phase"),
        Described::new("prev", "the previous phase"),
    ];
    let agenda = plan.agenda.iter().map(|p| Described::new(&p.id, &p.title));
    steps.into_iter().chain(agenda).collect()
}

/// The two languages.
fn lang_candidates() -> Vec<CompletionCandidate> {
    vec![candidate("de", "Deutsch"), candidate("en", "English")]
}

/// Built-in and saved plan templates.
fn template_candidates() -> Vec<CompletionCandidate> {
    let builtin = template::TEMPLATES.iter().map(|t| candidate(t, "built-in"));
    let saved = templates::user_templates()
        .unwrap_or_default()
        .into_iter()
        .map(|t| candidate(&t, "saved"));
    builtin.chain(saved).collect()
}

/// Text for a one-line description: control characters and line breaks
/// become spaces (a title comes from a file anyone in the folder can write).
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn the_plan_and_board_come_from_the_words_typed_so_far() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(PLAN_FILE), crate::example::PLAN).unwrap();
        let dir = tmp.path().display();
        let c = Context::of(&words(&format!("runde add {dir} --board methods --section")));
        let expected = Plan::parse(Path::new(PLAN_FILE), crate::example::PLAN).unwrap();
        assert_eq!(c.plan.map(|p| p.title), Some(expected.title));
        assert_eq!(c.board.as_deref(), Some("methods"));
        let none = Context::of(&words("runde note"));
        assert!(none.plan.is_none() && none.board.is_none());
    }

    #[test]
    fn the_zsh_script_completes_when_autoloaded_and_registers_when_sourced() {
        let zsh = script(Shell::Zsh).unwrap();
        assert!(zsh.starts_with("#compdef runde"), "{zsh}");
        assert!(zsh.contains("\"${funcstack[1]}\" == \"_runde\""), "{zsh}");
        assert!(
            zsh.contains("else\n    compdef _clap_dynamic_completer_runde runde\nfi"),
            "{zsh}"
        );
    }

    #[test]
    fn descriptions_are_one_line() {
        assert_eq!(one_line("a\nb\x1b[31mc"), "a b [31mc");
    }
}
