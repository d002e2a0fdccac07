//! Every argument and option of every subcommand says what it is for, in
//! `--help` and so in the man page (a bare `--lang <LANG>` or a
//! `[default: ""]` tells a user nothing).
use clap::CommandFactory;
use runde::cli::Cli;

fn undocumented(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if matches!(id, "help" | "version") {
            continue;
        }
        let has_help = arg.get_help().is_some() || arg.get_long_help().is_some();
        if !has_help {
            out.push(format!("{path} {id}"));
        }
    }
    for sub in cmd.get_subcommands() {
        undocumented(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

#[test]
fn every_argument_and_option_has_a_help_text() {
    let mut missing = Vec::new();
    undocumented(&Cli::command(), "runde", &mut missing);
    assert!(
        missing.is_empty(),
        "arguments without a help text:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_help_shows_an_empty_default() {
    let mut cmd = Cli::command();
    let mut empty = Vec::new();
    for sub in cmd.get_subcommands_mut() {
        let help = sub.render_long_help().to_string();
        if help.contains("[default: ]") || help.contains("[default: \"\"]") {
            empty.push(sub.get_name().to_string());
        }
    }
    assert!(empty.is_empty(), "help shows an empty default: {empty:?}");
}
