//! Carries out CLI commands on a session folder. Output goes to stdout,
//! errors come back to `main` as [`Error`]s with their exit codes.
use std::io::{BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cli::{AddArgs, Cli, Command, ExportArgs, NewArgs, TimerAction, TimerArgs};
use crate::error::{Error, Result};
use crate::export::{self, Audience};
use crate::i18n::{cli_strings, strings};
use crate::model::plan::Date;
use crate::model::timer::{display_seconds, format_clock};
use crate::model::{Lang, NoteKind, Plan, TimerState, template};
use crate::store::plan_file::read_text;
use crate::store::{PLAN_FILE, Session, TimerCommand, check, paths};

mod columns;
mod meeting;
mod notes;
mod output;
mod plan_cmd;
mod review_cmd;
mod session;
mod speaks;

pub use meeting::*;
use notes::*;
use output::*;
use plan_cmd::*;
pub use session::*;

/// Runs one parsed command; an error of the store or the model comes back
/// worded in the session's language (the default one without a session).
pub fn run(cli: Cli) -> Result<()> {
    let speaks = speaks::Speaks::of(&cli.command);
    run_command(cli).map_err(|e| speaks.word(e))
}

/// Runs one parsed command; errors in their own (English) words.
fn run_command(cli: Cli) -> Result<()> {
    match cli.command {
        Command::New(args) => new(args),
        Command::Add(args) => add(args),
        Command::Import { path, file } => import(&path, file.as_deref()),
        Command::Edit { path, note, text } => {
            let mut s = open(&path)?;
            let id = resolve_note(&s, &note)?;
            let edited = s.edit_note(&id, &text.join(" "));
            localized(&s, edited)?;
            emit(&format!("{id}\n"))
        }
        Command::Rm { path, note } => {
            let mut s = open(&path)?;
            let id = resolve_note(&s, &note)?;
            let deleted = s.delete_note(&id);
            localized(&s, deleted)?;
            emit(&format!("{id}\n"))
        }
        Command::Move {
            path,
            note,
            board,
            section,
            before,
        } => {
            if board.is_none() && section.is_none() && before.is_none() {
                return Err(Error::Usage(cli_strings(lang_of(&path)).move_needs().into()));
            }
            let mut s = open(&path)?;
            let id = resolve_note(&s, &note)?;
            let moved = s.move_note(&id, board.as_deref(), section.as_deref(), before.as_deref());
            localized(&s, moved)?;
            emit(&format!("{id}\n"))
        }
        Command::Star { path, note, off } => {
            let mut s = open(&path)?;
            let id = resolve_note(&s, &note)?;
            let starred = s.set_starred(&id, !off);
            localized(&s, starred)?;
            emit(&format!("{id}\n"))
        }
        Command::Timer(args) => timer(args),
        Command::Say {
            path,
            board,
            text,
            minutes,
        } => {
            let mut s = open(&path)?;
            let until = minutes.map(|m| s.now_ms() + m * 60_000);
            s.broadcast_until(&text.join(" "), board.as_deref(), until)
        }
        Command::Phase { path, target } => {
            let mut s = open(&path)?;
            let now = match target.as_str() {
                "next" => s.step_phase(1),
                "prev" | "previous" => s.step_phase(-1),
                id => s.set_phase(Some(id)).map(|()| Some(id.to_string())),
            };
            let now = localized(&s, now)?;
            emit(&format!("{}\n", now.as_deref().unwrap_or("-")))
        }
        Command::Status { path, json } => status(&path, json),
        Command::Export(args) => export_cmd(args),
        Command::Review(args) => review_cmd::review(args),
        Command::Signoff { path, board, by } => review_cmd::signoff(&path, &board, &by),
        Command::Check { path } => check_cmd(&path),
        Command::List { series } => list(series.as_deref()),
        Command::Flag {
            path,
            note,
            follow_up,
            done,
            clear,
        } => {
            let mut s = open(&path)?;
            let id = resolve_note(&s, &note)?;
            let (f, d) = match (follow_up, done, clear) {
                (true, _, _) => (Some(true), Some(false)),
                (_, true, _) => (None, Some(true)),
                (_, _, true) => (Some(false), Some(false)),
                _ => return Err(Error::Usage(cli_strings(s.plan().lang).flag_needs().into())),
            };
            let flagged = s.set_flags(&id, f, d);
            localized(&s, flagged)?;
            emit(&format!("{id}\n"))
        }
        Command::History { path } => emit_plain(&history(&paths::resolve(&path)?)?),
        Command::Template(crate::cli::TemplateCommand::Save { path, name }) => {
            let saved = crate::store::templates::save_template(&paths::resolve(&path)?, &name)?;
            emit(&format!("{}\n", saved.display()))
        }
        Command::Template(crate::cli::TemplateCommand::List) => {
            let built_in = cli_strings(Lang::default()).built_in();
            let mut out: String = template::TEMPLATES
                .iter()
                .map(|t| format!("{t}  ({built_in})\n"))
                .collect();
            for t in crate::store::templates::user_templates()? {
                out.push_str(&format!("{t}\n"));
            }
            emit_plain(&out)
        }
        Command::Plan {
            path,
            resolve: true,
            keep,
            ..
        } => resolve_plan_cmd(&path, keep.as_deref()),
        Command::Plan {
            path,
            edit,
            format,
            json,
            ..
        } => match format {
            Some(f) => {
                let dir = paths::resolve(&path)?;
                let plan = crate::store::plan_file::read_plan(&dir.join(PLAN_FILE))?;
                emit(&export::run_sheet::render(&plan, f))
            }
            None => plan_cmd(&path, edit, json),
        },
        Command::Prepare { path, lang, date } => prepare(&path, lang, date.as_deref()),
        Command::Facilitate {
            path,
            lang,
            no_bell,
            serve,
            listen,
            code,
            hide_authors,
        } => {
            let server = if serve {
                Some(crate::serve::serve_in_background(&crate::serve::ServeOptions {
                    dir: paths::resolve(&path)?,
                    listen,
                    code,
                    max: crate::serve::DEFAULT_MAX,
                    authorized_keys: None,
                })?)
            } else {
                None
            };
            let mut view = crate::runtime::Runner::facilitator(open_steady(&path)?, lang);
            view.config_mut().join = server.as_ref().map(|s| s.join.clone());
            view.config_mut().guests = server.as_ref().map(crate::serve::Background::guests);
            view.config_mut().bell_enabled = !no_bell && std::env::var_os("RUNDE_NO_BELL").is_none();
            view.set_authors_hidden(hide_authors);
            local_view(&mut view);
            view.claim_facilitator(crate::store::drafts::state_root());
            let ran = crate::terminal::run(view);
            // The guests' views end with the facilitator's (asked first).
            if let Some(server) = server {
                server.stop();
            }
            ran
        }
        Command::Note { path, board, by, lang } => {
            let mut session = open_steady(&path)?;
            session.set_author(by);
            let mut view = crate::runtime::Runner::note_taker(session, board.as_deref(), lang)?;
            local_view(&mut view);
            crate::terminal::run(view)
        }
        Command::Demo { lang } => demo(lang),
        Command::Finding { path, from, text } => {
            let mut s = open(&path)?;
            let id = ulid::Ulid::new().to_string().to_lowercase();
            let id = s.add_finding_with_id(id, &text.join(" "), NoteKind::Bullet, &from)?;
            emit(&format!("{id}\n"))
        }
        Command::Serve(args) => crate::serve::serve(&crate::serve::ServeOptions {
            dir: paths::resolve(&args.path)?,
            listen: args.listen,
            code: args.code,
            max: args.max,
            authorized_keys: args.authorized_keys,
        }),
        Command::Completions { shell } => {
            emit(&crate::complete::script(shell).map_err(|e| Error::io("<completion script>", e))?)
        }
        Command::Man => emit(&crate::manpage::render().map_err(|e| Error::io("<man page>", e))?),
    }
}

/// Writes to stdout; a closed pipe (`| head`) ends quietly.
pub fn emit(text: &str) -> Result<()> {
    emit_bytes(text.as_bytes())
}

/// Writes bytes (a Word or PDF file) to standard output.
pub fn emit_bytes(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::OutputClosed),
        Err(e) => Err(Error::io("<stdout>", e)),
    }
}

/// Writes text built from session data (titles, broadcasts, notes) to
/// stdout with every control character neutralised.
pub fn emit_plain(text: &str) -> Result<()> {
    emit(&crate::model::text::neutralise_controls(text))
}

/// A view on this machine's terminal: local times of day, and system
/// clock jumps reported.
pub(crate) fn local_view(view: &mut crate::runtime::Runner) {
    view.config_mut().utc_offset = *chrono::Local::now().offset();
    view.watch_system_clock();
}

/// Opens a session for a long-running view, on a steady clock.
fn open_steady(arg: &str) -> Result<Session> {
    Session::open_with_clock(
        &paths::resolve(arg)?,
        std::sync::Arc::new(crate::clock::SteadyClock::start()),
    )
}

/// The language of the session named by a PATH argument, for messages
/// before (or instead of) opening it: the CLI's default when there is no
/// readable plan.
pub(crate) fn lang_of(arg: &str) -> Lang {
    let Ok(dir) = paths::resolve(arg) else {
        return Lang::default();
    };
    match crate::store::plan_file::load(&dir) {
        Ok(plan) => plan.map(|p| p.lang).unwrap_or_default(),
        // A plan with a mistake still says which language its people read.
        Err(_) => crate::store::plan_file::read_session_text(&dir.join(PLAN_FILE))
            .ok()
            .and_then(|text| Plan::lang_hint(&text))
            .unwrap_or_default(),
    }
}

/// Opens the session named by a PATH argument; a place the plan lacks is
/// titled with a warning in the plan's language. A malformed file is
/// named with its line in the language the plan asks for.
pub fn open(arg: &str) -> Result<Session> {
    let mut s = Session::open(&paths::resolve(arg)?).map_err(|e| worded(e, lang_of(arg)))?;
    s.label_orphans(crate::i18n::strings(s.plan().lang).not_in_plan);
    Ok(s)
}

/// An error of the store or the model in `lang`: a malformed file with its
/// path and line, an entry not saved. Others keep their own text.
pub(crate) fn worded(e: Error, lang: Lang) -> Error {
    match e {
        Error::Parse { .. } | Error::NotSaved(_) | Error::Rule(_) | Error::Store(_) | Error::Series(_) => {
            match e.exit_code() {
                2 => Error::Usage(e.in_lang(lang)),
                _ => Error::Invalid(e.in_lang(lang)),
            }
        }
        other => other,
    }
}

/// A command's outcome with a rule error (unknown note, board …) put in
/// the session's language.
fn localized<T>(s: &Session, result: Result<T>) -> Result<T> {
    result.map_err(|e| worded(e, s.plan().lang))
}
