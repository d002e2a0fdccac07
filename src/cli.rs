//! The command line: clap definitions only. Scripts and tests depend on
//! these names; `commands` carries them out.
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::export::Format;
use crate::model::Lang;

/// runde — run workshops from the terminal: the plan, the clock, the notes
/// and the minutes in one place.
#[derive(Debug, Parser)]
#[command(
    name = "runde",
    version,
    long_version = env!("RUNDE_LONG_VERSION"),
    about,
    long_about = None,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// A session argument: a folder, or a name under the sessions directory.
pub type SessionArg = String;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a session folder with a valid plan.
    New(NewArgs),
    /// Add a note; prints its id once it is safely on disk.
    Add(AddArgs),
    /// Import notes from JSON lines ({"board","section","text","kind","starred","by","lang"}).
    Import {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// File to read; standard input when omitted or "-".
        file: Option<PathBuf>,
    },
    /// Replace a note's text.
    Edit {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// The note's id (printed by `runde add`, listed in `runde export --format json`).
        note: String,
        /// The new text.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Delete a note.
    Rm {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// The note's id (printed by `runde add`, listed in `runde export --format json`).
        note: String,
    },
    /// Move a note to another section, board or place.
    Move {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// The note's id (printed by `runde add`, listed in `runde export --format json`).
        note: String,
        /// The board to move it to (default: where it is).
        #[arg(long)]
        board: Option<String>,
        /// The section to move it to (default: the board's first, or where it is).
        #[arg(long)]
        section: Option<String>,
        /// Place it before this note (default: at the end).
        #[arg(long)]
        before: Option<String>,
    },
    /// Star a note (or unstar it with --off).
    Star {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// The note's id (printed by `runde add`, listed in `runde export --format json`).
        note: String,
        /// Take the star away.
        #[arg(long)]
        off: bool,
    },
    /// Control breakout timers.
    Timer(TimerArgs),
    /// Broadcast a message to all groups or to one board.
    Say {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// Only this board's group sees it (default: everyone).
        #[arg(long)]
        board: Option<String>,
        /// The message.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// Show the message for this many minutes only (1–1440). An empty text ("") clears the message.
        #[arg(long, value_parser = clap::value_parser!(i64).range(1..=1440))]
        minutes: Option<i64>,
    },
    /// Go to the next or previous agenda phase, or to a phase by id.
    Phase {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// next, prev, or a phase id.
        target: String,
    },
    /// Show the current phase, timers, note counts and latest broadcast.
    Status {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// Print the status as JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Export the minutes.
    Export(ExportArgs),
    /// Decide about doubtful mentions in the public minutes and see each group's part as
    /// published (a view; --list, --keep, --redact for scripts).
    Review(ReviewArgs),
    /// Sign off a group's part of the public minutes as it stands now.
    Signoff {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// The group's board.
        #[arg(long)]
        board: String,
        /// Who signs off.
        #[arg(long)]
        by: String,
    },
    /// Verify plan and logs; exit 1 with one line per problem.
    Check {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
    },
    /// List the sessions in the sessions directory, grouped by series.
    List {
        /// Only the meetings of this series.
        #[arg(long)]
        series: Option<String>,
    },
    /// Mark a note to carry to the next meeting, or a carried topic as resolved.
    Flag {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// The note's id (printed by `runde add`, listed in `runde export --format json`).
        note: String,
        /// Carry this note to the next meeting as an open topic.
        #[arg(long, conflicts_with_all = ["done", "clear"])]
        follow_up: bool,
        /// The topic is resolved (it is not carried again).
        #[arg(long, conflicts_with = "clear")]
        done: bool,
        /// Remove both marks.
        #[arg(long)]
        clear: bool,
    },
    /// The meetings of a series: topics, workshops, carried and resolved open topics.
    History {
        /// Any session of the series.
        path: SessionArg,
    },
    /// Save and list your own plan templates.
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Show a summary of the plan (agenda with times, groups, questions), or safely edit it.
    Plan {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// Edit the plan in $VISUAL/$EDITOR; it is replaced only if valid.
        #[arg(long)]
        edit: bool,
        /// Show how a sync engine's conflict copies of the plan differ.
        #[arg(long, conflicts_with = "edit")]
        resolve: bool,
        /// With --resolve: keep `current` or the named conflict copy; the other versions are removed.
        #[arg(long, requires = "resolve")]
        keep: Option<String>,
        /// Print a run sheet (agenda with clock times, groups, questions) instead of the JSON.
        #[arg(long, value_enum, conflicts_with = "edit")]
        format: Option<crate::export::run_sheet::SheetFormat>,
        /// Print the plan itself (session.json) instead of the summary.
        #[arg(long, conflicts_with_all = ["edit", "format", "resolve"])]
        json: bool,
    },
    /// The facilitator's projector view: agenda, breakout timers, live boards.
    Facilitate {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// Language (de or en); default: the plan's.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        /// No terminal bell when a group reaches zero.
        #[arg(long)]
        no_bell: bool,
        /// Also let note-takers join over SSH (as `runde serve`); the header shows how.
        #[arg(long)]
        serve: bool,
        /// Address and port for --serve.
        #[arg(long, requires = "serve", default_value = crate::serve::DEFAULT_LISTEN)]
        listen: String,
        /// Join code for --serve (default: a new 6-digit code).
        #[arg(long, requires = "serve")]
        code: Option<String>,
        /// Hide note authors on the projector (key `A` toggles).
        #[arg(long)]
        hide_authors: bool,
    },
    /// A note-taker's view of one board (a picker of the phase's boards without --board).
    Note {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// The board to take notes on (default: pick one of the phase's boards).
        #[arg(long)]
        board: Option<String>,
        /// Your name, recorded on your notes.
        #[arg(long)]
        by: Option<String>,
        /// Language (de or en); default: the plan's.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// Copy the shipped example session to a temporary folder and open it.
    Demo {
        /// Language of the views and messages (de or en); default: the example's (de).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// The plan editor: build or change a meeting's plan in forms; saved only when valid.
    Prepare {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// Language of a new plan (an existing plan keeps its own).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        /// Date of a new plan (YYYY-MM-DD); today when omitted.
        #[arg(long)]
        date: Option<String>,
    },
    /// Add a key finding on the findings board that links to its source
    /// notes; prints its id once it is safely on disk.
    Finding {
        /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
        path: SessionArg,
        /// The source notes: ids or unique id prefixes, comma-separated.
        #[arg(long, required = true, value_delimiter = ',')]
        from: Vec<String>,
        /// The finding's text.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Let note-takers join over SSH: `ssh -p 2222 BOARD@HOST`, with a join code.
    Serve(ServeArgs),
    /// Print a shell completion script that completes commands, options,
    /// session names and board ids: `eval "$(runde completions bash)"`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: crate::complete::Shell,
    },
    /// Print the manual page (roff): `runde man | man -l -`.
    Man,
}

/// `runde serve …`
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
    pub path: SessionArg,
    /// Address and port to listen on.
    #[arg(long, default_value = crate::serve::DEFAULT_LISTEN)]
    pub listen: String,
    /// Join code (default: a new 6-digit code per run).
    #[arg(long)]
    pub code: Option<String>,
    /// Most connections at once.
    #[arg(long, default_value_t = crate::serve::DEFAULT_MAX)]
    pub max: usize,
    /// A file of public keys (authorized_keys format) that may join without the code.
    #[arg(long)]
    pub authorized_keys: Option<PathBuf>,
}

/// `runde template …`
#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// Store a session's plan (without notes) as template NAME.
    Save {
        /// The session whose plan to store.
        path: SessionArg,
        /// The template's name, for `runde new --template NAME`.
        name: String,
    },
    /// List built-in and saved templates.
    List,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
    pub path: SessionArg,
    /// Build the next meeting of a series from this previous session.
    #[arg(long, conflicts_with = "template")]
    pub from: Option<SessionArg>,
    /// Built-in (kompetenznetzwerk, blank) or saved template [default: kompetenznetzwerk]
    #[arg(long)]
    pub template: Option<String>,
    /// Language (de or en); default: the plan's.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// The meeting's title (default: the template's, or the next meeting's topic).
    #[arg(long)]
    pub title: Option<String>,
    /// The meeting's date (YYYY-MM-DD); today when omitted.
    #[arg(long)]
    pub date: Option<String>,
    /// The folder is shared by this sync engine: `syncthing` writes a sample `.stignore`.
    #[arg(long, value_parser = ["syncthing"])]
    pub sync: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
    pub path: SessionArg,
    /// The board to add it to (see `runde plan`).
    #[arg(long)]
    pub board: String,
    /// Section id (default: the board's first section).
    #[arg(long)]
    pub section: Option<String>,
    /// Author of the note.
    #[arg(long)]
    pub by: Option<String>,
    /// Star it (a key point).
    #[arg(long)]
    pub star: bool,
    /// Print the note as a paragraph, not a bullet.
    #[arg(long)]
    pub paragraph: bool,
    /// Read one note per line from standard input.
    #[arg(long, conflicts_with = "text")]
    pub stdin: bool,
    /// The note's text (several words are joined by spaces).
    pub text: Vec<String>,
    /// The note's language (de or en), when it differs from the session's;
    /// HTML minutes mark it so screen readers and hyphenation follow it.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimerAction {
    Start,
    Pause,
    Resume,
    Reset,
    Extend,
}

#[derive(Debug, Args)]
pub struct TimerArgs {
    /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
    pub path: SessionArg,
    /// What to do with the timer.
    pub action: TimerAction,
    /// Minutes to add with `extend` (negative to shorten).
    #[arg(allow_negative_numbers = true)]
    pub minutes: Option<i64>,
    /// Only this board's timer.
    #[arg(long, conflicts_with = "all")]
    pub board: Option<String>,
    /// Every board of the current phase (the default).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
    #[arg(
        required_unless_present = "print_template",
        default_value = "",
        hide_default_value = true
    )]
    pub path: SessionArg,
    /// The file format of the minutes.
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    /// Language (de or en); default: the plan's.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Minutes for publication: only people who agreed are named.
    #[arg(long, conflicts_with = "internal")]
    pub public: bool,
    /// Minutes for the participants, with all names (the default).
    #[arg(long)]
    pub internal: bool,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Use your own minijinja template for --format html.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// List the doubtful mentions nobody decided about, without exporting (exit 1 while any).
    #[arg(long)]
    pub check_public: bool,
    /// With --public: replace doubtful mentions nobody decided about, too (the safe choice for scripts).
    #[arg(long, requires = "public")]
    pub redact_doubtful: bool,
    /// Refuse (exit 1) until every group's part with notes is signed off (`runde signoff`).
    #[arg(long)]
    pub require_signoff: bool,
    /// HTML: only the body's content, to paste into a CMS.
    #[arg(long, conflicts_with = "email")]
    pub fragment: bool,
    /// HTML: styles inlined into every element, for sending as e-mail.
    #[arg(long)]
    pub email: bool,
    /// Print the built-in template of a format (html) and exit.
    #[arg(long, value_name = "FORMAT", value_parser = ["html"])]
    pub print_template: Option<String>,
}

/// `runde review …`
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The session: a folder, or the name of one in $RUNDE_SESSIONS.
    pub path: SessionArg,
    /// Print the doubtful mentions nobody decided about; exit 1 while there are any.
    #[arg(long, conflicts_with_all = ["keep", "redact"])]
    pub list: bool,
    /// Keep every lone occurrence of WORD as written (repeatable).
    #[arg(long, value_name = "WORD")]
    pub keep: Vec<String>,
    /// Replace every lone occurrence of WORD by [Name] (repeatable).
    #[arg(long, value_name = "WORD")]
    pub redact: Vec<String>,
    /// Your name: recorded on decisions, and who signs off in the view.
    #[arg(long)]
    pub by: Option<String>,
    /// Language (de or en); default: the plan's.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(s: &str) -> Result<Lang, crate::model::BadValue> {
    s.parse()
}
