//! Carries out CLI commands on a session folder. Output goes to stdout,
//! errors come back to `main` as [`Error`]s with their exit codes.
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cli::{AddArgs, Cli, Command, ExportArgs, NewArgs, TimerAction, TimerArgs};
use crate::error::{Error, Result};
use crate::export::{self, Audience};
use crate::i18n::{cli_strings, strings};
use crate::model::plan::Date;
use crate::model::timer::{display_seconds, format_clock};
use crate::model::{NoteKind, Plan, TimerState, template};
use crate::store::plan_file::read_text;
use crate::store::{PLAN_FILE, Session, TimerCommand, check, paths};

/// Runs one parsed command.
pub fn run(cli: Cli) -> Result<()> {
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
                return Err(Error::Usage("move needs --board, --section or --before".into()));
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
                _ => return Err(Error::Usage("flag needs --follow-up, --done or --clear".into())),
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
            let mut out: String = template::TEMPLATES
                .iter()
                .map(|t| format!("{t}  (built-in)\n"))
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
            let join_hint = if serve {
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
            let mut app = crate::app::App::facilitator(open_steady(&path)?, lang);
            app.join_hint = join_hint;
            app.system_clock = Some(std::sync::Arc::new(crate::clock::SystemClock));
            app.bell_enabled = !no_bell && std::env::var_os("RUNDE_NO_BELL").is_none();
            app.set_authors_hidden(hide_authors);
            app.claim_facilitator(crate::app::drafts::state_root());
            crate::terminal::run(app)
        }
        Command::Note { path, board, by, lang } => {
            let mut session = open_steady(&path)?;
            session.set_author(by);
            let mut app = crate::app::App::note_taker(session, board.as_deref(), lang)?;
            app.system_clock = Some(std::sync::Arc::new(crate::clock::SystemClock));
            crate::terminal::run(app)
        }
        Command::Demo => demo(),
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

/// Opens a session for a long-running view, on a steady clock.
fn open_steady(arg: &str) -> Result<Session> {
    Session::open_with_clock(
        &paths::resolve(arg)?,
        std::sync::Arc::new(crate::clock::SteadyClock::start()),
    )
}

/// Opens the session named by a PATH argument.
pub fn open(arg: &str) -> Result<Session> {
    Session::open(&paths::resolve(arg)?)
}

fn new(args: NewArgs) -> Result<()> {
    let dir = paths::resolve(&args.path)?;
    let given_date = match &args.date {
        Some(d) => Some(Date::try_from(d.clone()).map_err(Error::Usage)?),
        None => None,
    };
    if let Some(prev) = &args.from {
        let prev_dir = paths::resolve(prev)?;
        if !prev_dir.join(PLAN_FILE).is_file() {
            return Err(Error::Invalid(format!(
                "{}: no previous session there",
                prev_dir.display()
            )));
        }
        let carried = crate::store::create::new_from(&dir, &prev_dir, given_date, args.title.as_deref())?;
        let lang = crate::store::plan_file::load(&dir)
            .ok()
            .flatten()
            .map(|p| p.lang)
            .unwrap_or_default();
        let from = prev_dir.display().to_string();
        eprintln!("runde: {}", cli_strings(lang).carried(carried.len(), &from));
        offer_prepare(&dir);
        return emit(&format!("{}\n", dir.display()));
    }
    let date = given_date.unwrap_or_else(|| Date(chrono::Local::now().date_naive()));
    let name = args.template.as_deref().unwrap_or("kompetenznetzwerk");
    let lang = args.lang.unwrap_or_default();
    let mut plan = match template::plan(name, lang, args.title.as_deref(), date) {
        Some(plan) => plan,
        None => {
            let mut plan = crate::store::templates::load_template(name)?.ok_or_else(|| {
                let saved = crate::store::templates::user_templates().unwrap_or_default();
                Error::Usage(format!(
                    "unknown template {name:?} (templates: {}{}{})",
                    template::TEMPLATES.join(", "),
                    if saved.is_empty() { "" } else { ", " },
                    saved.join(", ")
                ))
            })?;
            plan.date = date;
            if let Some(t) = &args.title {
                plan.title = t.clone();
            }
            if let Some(l) = args.lang {
                plan.lang = l;
            }
            plan
        }
    };
    if plan.timezone.is_none() {
        plan.timezone = crate::store::templates::machine_timezone(plan.lang);
    }
    crate::store::create::create_session(&dir, &plan)?;
    if args.sync.is_some() {
        write_stignore(&dir)?;
    }
    if args.template.is_none() {
        let hint = cli_strings(plan.lang).template_questions;
        eprintln!("runde: {hint} runde prepare {}", dir.display());
    }
    offer_prepare(&dir);
    emit(&format!("{}\n", dir.display()))
}

/// After `new`: say how to open the plan editor (never start a TUI here,
/// scripts call `new`). On stderr, so stdout stays the folder path.
fn offer_prepare(dir: &Path) {
    let lang = crate::store::plan_file::load(dir)
        .ok()
        .flatten()
        .map(|p| p.lang)
        .unwrap_or_default();
    let hint = crate::i18n::prepare_strings(lang).open_hint;
    eprintln!("runde: {hint} runde prepare {}", dir.display());
    print_next_steps(dir);
}

/// After `new`: the commands that run the meeting, on stderr.
fn print_next_steps(dir: &Path) {
    let plan = crate::store::plan_file::load(dir).ok().flatten();
    let lang = plan.as_ref().map(|p| p.lang).unwrap_or_default();
    let board = plan
        .as_ref()
        .and_then(|p| {
            p.boards_of_kind(crate::model::BoardKind::Workshop)
                .next()
                .or(p.boards.first())
                .map(|b| b.id.clone())
        })
        .unwrap_or_else(|| "BOARD".into());
    let s = cli_strings(lang);
    let d = dir.display();
    let steps = [
        (format!("runde prepare {d}"), s.step_prepare),
        (format!("runde facilitate {d}"), s.step_facilitate),
        (format!("runde note {d} --board {board}"), s.step_note),
        (format!("runde export {d}"), s.step_export),
    ];
    let width = steps.iter().map(|(c, _)| c.chars().count()).max().unwrap_or(0);
    let mut text = format!("runde: {}\n", s.next_steps);
    for (command, what) in steps {
        text.push_str(&format!("  {command:<width$}  {what}\n"));
    }
    eprint!("{}", crate::model::text::neutralise_controls(&text));
}

/// `runde prepare PATH`: the plan editor, on a new or existing folder.
fn prepare(path: &str, lang: Option<crate::model::Lang>, date: Option<&str>) -> Result<()> {
    let dir = paths::resolve(path)?;
    let date = match date {
        Some(d) => Date::try_from(d.to_string()).map_err(Error::Usage)?,
        None => Date(chrono::Local::now().date_naive()),
    };
    let editor = crate::app::prepare::Prepare::open(dir, lang, date)?;
    crate::terminal::run_prepare(editor)
}

fn add(args: AddArgs) -> Result<()> {
    let mut s = open(&args.path)?;
    s.set_author(args.by.clone());
    s.set_note_lang(args.lang);
    let kind = if args.paragraph {
        NoteKind::Paragraph
    } else {
        NoteKind::Bullet
    };
    // Check board and section before reading any input.
    s.resolve_place(&args.board, args.section.as_deref())?;
    if args.stdin {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            let line = line.map_err(|e| Error::io("<stdin>", e))?;
            if line.trim().is_empty() {
                continue;
            }
            // Others may be writing too: append after what the room has written.
            // A reader's trouble (another writer's log mid-replace by a sync
            // engine) never stops this writer: the next line reads again.
            if let Err(e) = s.refresh() {
                eprintln!("runde: {e} (reading again before the next note)");
            }
            let id = s.add_note(&args.board, args.section.as_deref(), &line, kind, args.star)?;
            emit(&format!("{id}\n"))?;
        }
        return Ok(());
    }
    if args.text.is_empty() {
        return Err(Error::Usage("add needs the note's TEXT (or --stdin)".into()));
    }
    let id = s.add_note(
        &args.board,
        args.section.as_deref(),
        &args.text.join(" "),
        kind,
        args.star,
    )?;
    emit(&format!("{id}\n"))
}

/// One line of `runde import`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportLine {
    board: String,
    section: Option<String>,
    text: String,
    #[serde(default)]
    kind: NoteKind,
    #[serde(default)]
    starred: bool,
    by: Option<String>,
    /// The note's language, when named.
    #[serde(default)]
    lang: Option<crate::model::Lang>,
}

fn import(path: &str, file: Option<&Path>) -> Result<()> {
    let mut s = open(path)?;
    let (name, text) = match file {
        Some(f) if f != Path::new("-") => (f.display().to_string(), read_text(f)?),
        _ => {
            let mut t = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut t).map_err(|e| Error::io("<stdin>", e))?;
            ("<stdin>".to_string(), t)
        }
    };
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match import_line(&s, line) {
            Ok(parsed) => lines.push(parsed),
            Err(why) => bad.push(Error::parse(&name, i + 1, why)),
        }
    }
    // All or nothing: a file with a bad line imports no note at all.
    if !bad.is_empty() {
        for e in &bad {
            eprintln!("runde: {e}");
        }
        return Err(Error::Invalid(cli_strings(s.plan().lang).bad_import_lines(bad.len())));
    }
    for l in lines {
        s.set_author(l.by.clone());
        s.set_note_lang(l.lang);
        let id = s.add_note(&l.board, l.section.as_deref(), &l.text, l.kind, l.starred)?;
        emit(&format!("{id}\n"))?;
    }
    Ok(())
}

/// One line of an import, checked against the plan.
fn import_line(s: &Session, line: &str) -> std::result::Result<ImportLine, String> {
    let parsed: ImportLine = serde_json::from_str(line).map_err(|e| e.to_string())?;
    s.resolve_place(&parsed.board, parsed.section.as_deref())
        .map_err(|e| e.to_string())?;
    Ok(parsed)
}

/// A note id or unique prefix; a prefix that fits several notes is called
/// ambiguous (in the session's language) rather than unknown.
fn resolve_note(s: &Session, note: &str) -> Result<String> {
    localized(s, s.resolve_note_id(note))
}

/// A command's outcome with a rule error (unknown note, board …) put in
/// the session's language.
fn localized<T>(s: &Session, result: Result<T>) -> Result<T> {
    result.map_err(|e| match e {
        Error::Rule(rule) => Error::Invalid(crate::i18n::rule_error_text(s.plan().lang, &rule)),
        other => other,
    })
}

fn timer(args: TimerArgs) -> Result<()> {
    let mut s = open(&args.path)?;
    let command = match (args.action, args.minutes) {
        (TimerAction::Extend, Some(m)) => TimerCommand::Extend(extend_ms(m)?),
        (TimerAction::Extend, None) => {
            return Err(Error::Usage("timer extend needs MINUTES".into()));
        }
        (_, Some(_)) => return Err(Error::Usage("MINUTES only goes with `timer extend`".into())),
        (TimerAction::Start, None) => TimerCommand::Start,
        (TimerAction::Pause, None) => TimerCommand::Pause,
        (TimerAction::Resume, None) => TimerCommand::Resume,
        (TimerAction::Reset, None) => TimerCommand::Reset,
    };
    let boards = match &args.board {
        Some(b) => vec![b.clone()],
        None => s.default_timer_boards(),
    };
    if boards.is_empty() {
        return Err(Error::Invalid(
            "no board has a timer length; name one with --board".into(),
        ));
    }
    for board in &boards {
        s.timer(board, command)?;
    }
    status_lines(&s, Some(&boards))
}

/// `timer extend MINUTES` in ms: at most a day either way.
fn extend_ms(minutes: i64) -> Result<i64> {
    let limit = crate::model::event::limits::MAX_DURATION_MS / 60_000;
    if !(-limit..=limit).contains(&minutes) {
        return Err(Error::Usage(format!(
            "timer extend takes -{limit} to {limit} minutes (a day), not {minutes}"
        )));
    }
    Ok(minutes * 60_000)
}

/// The JSON shape of `runde status --json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct StatusJson {
    pub phase: Option<String>,
    pub timers: Vec<TimerJson>,
    pub notes: std::collections::BTreeMap<String, usize>,
    pub broadcast: Option<BroadcastJson>,
    pub signals: std::collections::BTreeMap<String, crate::model::Signal>,
}

/// One timer in `runde status --json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct TimerJson {
    pub board: String,
    pub state: TimerState,
    pub duration_seconds: i64,
    pub remaining_seconds: i64,
}

/// The latest broadcast in `runde status --json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct BroadcastJson {
    pub text: String,
    pub board: Option<String>,
    pub at: String,
}

/// Builds the status of a session at the session clock's now.
pub fn status_of(s: &Session) -> StatusJson {
    let now = s.now_ms();
    let counts = s.state().note_counts();
    StatusJson {
        phase: s.state().phase().map(str::to_string),
        timers: s
            .plan()
            .boards
            .iter()
            .map(|b| {
                let t = s.state().timer(&b.id);
                let duration = if t.is_started() {
                    t.total_ms()
                } else {
                    (i64::from(s.plan().board_minutes(&b.id).unwrap_or(0)) * 60_000 + t.planned_extra_ms()).max(0)
                };
                let remaining = if t.is_started() { t.remaining_ms(now) } else { duration };
                TimerJson {
                    board: b.id.clone(),
                    state: t.state(now),
                    duration_seconds: duration / 1000,
                    remaining_seconds: display_seconds(remaining),
                }
            })
            .collect(),
        notes: s
            .plan()
            .boards
            .iter()
            .map(|b| (b.id.clone(), counts.get(b.id.as_str()).copied().unwrap_or(0)))
            .collect(),
        broadcast: s.state().latest_broadcast(None).map(|b| BroadcastJson {
            text: b.text.clone(),
            board: b.board.clone(),
            at: chrono::DateTime::from_timestamp_millis(b.wall_ms)
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
        }),
        signals: s
            .plan()
            .boards
            .iter()
            .filter_map(|b| s.state().signal(&b.id).map(|sig| (b.id.clone(), sig.signal)))
            .collect(),
    }
}

fn status(path: &str, json: bool) -> Result<()> {
    let s = open(path)?;
    if json {
        let mut text = serde_json::to_string_pretty(&status_of(&s)).unwrap_or_default();
        text.push('\n');
        return emit(&text);
    }
    status_lines(&s, None)
}

fn status_lines(s: &Session, only: Option<&[String]>) -> Result<()> {
    let st = strings(s.plan().lang);
    let cli = cli_strings(s.plan().lang);
    let status = status_of(s);
    let mut out = String::new();
    let phase = status
        .phase
        .as_deref()
        .map(|p| {
            s.plan()
                .phase(p)
                .map_or(p.to_string(), |ph| format!("{} ({p})", ph.title))
        })
        .unwrap_or_else(|| st.no_phase.to_string());
    if only.is_none() {
        out.push_str(&format!("{}  {}\n", s.plan().title, s.plan().date));
        out.push_str(&format!("{}: {phase}\n", st.phase));
        if let Some(b) = &status.broadcast {
            out.push_str(&format!("{}: {}\n", st.broadcast, b.text));
        }
    }
    for t in &status.timers {
        if only.is_some_and(|o| !o.contains(&t.board)) {
            continue;
        }
        let notes = status.notes.get(&t.board).copied().unwrap_or(0);
        let signal = status
            .signals
            .get(&t.board)
            .map(|sig| format!("  {}: {}", cli.signal, cli.signal_word(*sig)))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:<14} {:<10} {:>7}  {}{signal}\n",
            t.board,
            st.timer_state(t.state),
            format_clock(t.remaining_seconds),
            cli.notes(notes)
        ));
    }
    emit_plain(&out)
}

fn export_cmd(args: ExportArgs) -> Result<()> {
    if args.print_template.is_some() {
        return emit(export::html::DEFAULT_TEMPLATE);
    }
    let s = open(&args.path)?;
    if args.check_public {
        let report = export::check_public(s.plan(), s.state())?;
        emit_plain(&report.uncertain.iter().map(|u| format!("{u}\n")).collect::<String>())?;
        let summary = format!(
            "{} place(s) will read [Name] in public minutes; {} need a human look",
            report.replaced,
            report.uncertain.len()
        );
        if !report.uncertain.is_empty() {
            return Err(Error::Problems(summary));
        }
        eprintln!("runde: {summary}");
        return Ok(());
    }
    let template = match &args.template {
        Some(p) => Some(export::html::Template {
            name: p.display().to_string(),
            source: read_text(p)?,
        }),
        None => None,
    };
    let html = match (args.fragment, args.email) {
        (true, _) => export::html::Mode::Fragment,
        (_, true) => export::html::Mode::Email,
        _ => export::html::Mode::Page,
    };
    let audience = if args.public {
        Audience::Public
    } else {
        Audience::Internal
    };
    let opts = export::Options {
        format: Some(args.format),
        lang: args.lang,
        audience,
        template,
        html,
        now_ms: chrono::Utc::now().timestamp_millis(),
    };
    let bytes = export::render_bytes(s.plan(), s.state(), &opts)?;
    if audience == Audience::Public {
        let report = export::check_public(s.plan(), s.state())?;
        eprintln!(
            "runde: replaced {} mention(s) of people who did not agree to be named",
            report.replaced
        );
        if !report.uncertain.is_empty() {
            eprintln!(
                "runde: {} of them need a human look: runde export --check-public",
                report.uncertain.len()
            );
        }
    }
    match &args.output {
        Some(path) => crate::store::durable::replace_file(path, &bytes)?,
        None if args.format.is_binary() => emit_bytes(&bytes)?,
        None => emit(&String::from_utf8_lossy(&bytes))?,
    }
    let which = match audience {
        Audience::Public => "public minutes (only people who agreed are named)",
        Audience::Internal => "internal minutes (all names kept; use --public for publication)",
    };
    match &args.output {
        Some(p) => eprintln!("runde: wrote {which} to {}", p.display()),
        None => eprintln!("runde: wrote {which}"),
    }
    Ok(())
}

fn check_cmd(path: &str) -> Result<()> {
    let dir = paths::resolve(path)?;
    if !dir.join(PLAN_FILE).exists() {
        return Err(Error::Invalid(format!(
            "{}: not a runde session (no {PLAN_FILE})",
            dir.display()
        )));
    }
    let findings = check::check(&dir);
    let problems = findings.iter().filter(|f| !f.recovered).count();
    let mut out = String::new();
    for f in &findings {
        out.push_str(&format!("{f}\n"));
    }
    emit_plain(&out)?;
    if problems > 0 {
        return Err(Error::Problems(format!("{problems} problem(s) in {}", dir.display())));
    }
    eprintln!("runde: {} is healthy", dir.display());
    Ok(())
}

/// One row of `runde list`: date, folder name, the rest.
type ListRow = (String, String, String);

fn list(only_series: Option<&str>) -> Result<()> {
    let dir = paths::sessions_dir()?;
    if !dir.is_dir() {
        eprintln!("runde: no sessions yet in {}", dir.display());
        return Ok(());
    }
    // (series, network) → rows of (date, name, rest)
    let mut groups: std::collections::BTreeMap<(String, String), Vec<ListRow>> = Default::default();
    for found in crate::store::scan::scan(&dir)? {
        match found {
            Ok(m) => {
                let plan = m.session.plan();
                let key = crate::model::series::series_key(plan);
                if only_series.is_some_and(|s| s != key.0) {
                    continue;
                }
                let notes = m.session.state().live_notes().count();
                let number = plan.meeting_number.map(|n| format!("#{n} ")).unwrap_or_default();
                let name = m
                    .dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                groups.entry(key).or_default().push((
                    plan.date.to_string(),
                    name,
                    format!("{number}{}  ({})", plan.title, cli_strings(plan.lang).notes(notes)),
                ));
            }
            Err((path, e)) => {
                if only_series.is_none() {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    groups
                        .entry(Default::default())
                        .or_default()
                        .push(("?".into(), name, format!("cannot open: {e}")));
                }
            }
        }
    }
    let width = groups.values().flatten().map(|r| r.1.len()).max().unwrap_or(0);
    let mut out = String::new();
    for ((series, network), mut rows) in groups {
        rows.sort();
        let heading = match (series.is_empty(), network.is_empty()) {
            (true, true) => "-".to_string(),
            (false, true) => series,
            (true, false) => network,
            (false, false) => format!("{series} · {network}"),
        };
        out.push_str(&format!("{heading}\n"));
        for (date, name, rest) in rows {
            out.push_str(&format!("  {name:<width$}  {date}  {rest}\n"));
        }
    }
    emit_plain(&out)
}

fn plan_cmd(path: &str, edit: bool, json: bool) -> Result<()> {
    let dir = paths::resolve(path)?;
    let plan_path = dir.join(PLAN_FILE);
    crate::store::durable::refuse_symlink(&plan_path)?;
    let current = read_text(&plan_path)?;
    let plan = Plan::parse(&plan_path, &current)?;
    if json {
        return emit(&current);
    }
    if !edit {
        let hint = cli_strings(plan.lang).raw_plan_hint;
        emit_plain(&export::run_sheet::render(&plan, export::run_sheet::SheetFormat::Txt))?;
        eprintln!("runde: {hint} runde plan {path} --json");
        return Ok(());
    }
    let editor = editor_command()?;
    let rejected: PathBuf = dir.join(REJECTED_FILE);
    // The last refused edit is offered again, never through a planted link.
    let text = match std::fs::symlink_metadata(&rejected) {
        Ok(m) if m.file_type().is_file() => {
            eprintln!(
                "runde: {} {}",
                cli_strings(plan.lang).reopened_rejected,
                rejected.display()
            );
            read_text(&rejected)?
        }
        _ => current.clone(),
    };
    // O_EXCL under a random name: a planted file or link is never opened.
    let mut draft = tempfile::Builder::new()
        .prefix(".session-edit-")
        .suffix(".json")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
    draft
        .as_file_mut()
        .write_all(text.as_bytes())
        .and_then(|()| draft.as_file_mut().sync_all())
        .map_err(|e| Error::io(draft.path(), e))?;
    // The editor is run directly, never through a shell.
    let mut parts = editor.split_whitespace();
    let program = parts.next().ok_or_else(|| Error::Usage("$EDITOR is empty".into()))?;
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(draft.path())
        .status()
        .map_err(|e| Error::io(program, e))?;
    if !status.success() {
        return Err(Error::Invalid(format!("{program} failed; the plan is unchanged")));
    }
    crate::store::durable::refuse_symlink(draft.path())?;
    let edited = read_text(draft.path())?;
    if edited == text && text == current {
        eprintln!("runde: no changes");
        return Ok(());
    }
    // (line in the edited text, why)
    let refusal = match Plan::parse(&plan_path, &edited) {
        Err(Error::Parse { line, message, .. }) => Some((Some(line), message)),
        Err(e) => Some((None, e.to_string())),
        Ok(new_plan) => orphaned_by(&dir, &new_plan)?.map(|why| (None, why)),
    };
    if let Some((line, why)) = refusal {
        let kept = match crate::store::durable::replace_file(&rejected, edited.as_bytes()) {
            Ok(()) => rejected,
            Err(e) => {
                // Never through a planted link; the edit stays in the draft.
                eprintln!("runde: {e}");
                draft.keep().map_err(|e| Error::io(&dir, e.error))?.1
            }
        };
        let at = line.map(|l| format!("{}:{l}: ", kept.display())).unwrap_or_default();
        return Err(Error::Invalid(format!(
            "{at}{why}\nthe plan is unchanged; your edit is in {} (`runde plan {path} --edit` opens it again)",
            kept.display()
        )));
    }
    crate::store::durable::replace_file(&plan_path, edited.as_bytes())?;
    eprintln!("runde: plan updated");
    if std::fs::symlink_metadata(&rejected).is_ok_and(|m| m.file_type().is_file()) {
        if let Err(e) = std::fs::remove_file(&rejected) {
            eprintln!("runde: {}: {e}", rejected.display());
        }
    }
    Ok(())
}

/// Where a refused plan edit is kept, next to the plan.
const REJECTED_FILE: &str = "session.json.rejected";

/// Editors tried, in order, when neither $VISUAL nor $EDITOR is set.
const FALLBACK_EDITORS: [&str; 3] = ["editor", "nano", "vi"];

/// The editor command: $VISUAL, $EDITOR, else the first fallback on PATH.
fn editor_command() -> Result<String> {
    for var in ["VISUAL", "EDITOR"] {
        if let Ok(value) = std::env::var(var) {
            if !value.trim().is_empty() {
                return Ok(value);
            }
        }
    }
    FALLBACK_EDITORS
        .iter()
        .find(|e| on_path(e))
        .map(|e| e.to_string())
        .ok_or_else(|| {
            Error::Usage(format!(
                "set $VISUAL or $EDITOR to edit the plan (none of {} is on PATH)",
                FALLBACK_EDITORS.join(", ")
            ))
        })
}

/// True when an executable file `program` is in a folder of PATH.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| is_executable(&d.join(program))))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Why `new_plan` must not replace the plan of the session in `dir`: the
/// notes it would leave without a board or section (notes already without
/// one do not count).
fn orphaned_by(dir: &Path, new_plan: &Plan) -> Result<Option<String>> {
    let session = Session::open(dir)?;
    let mut lost: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for n in session.state().live_notes() {
        let place = (n.board.clone(), n.section.clone());
        let kept = new_plan.board(&n.board).and_then(|b| b.section(&n.section)).is_some();
        if !kept && !session.orphans().contains(&place) {
            *lost.entry((n.board.as_str(), n.section.as_str())).or_insert(0) += 1;
        }
    }
    if lost.is_empty() {
        return Ok(None);
    }
    let places: Vec<String> = lost
        .iter()
        .map(|((board, section), count)| format!("section {section:?} of board {board:?} ({count} note(s))"))
        .collect();
    Ok(Some(format!(
        "the edit removes or renames places that hold notes: {}; keep their ids (change only titles) or move the notes first with `runde move`",
        places.join(", ")
    )))
}

/// Writes the sample Syncthing ignore file unless one exists.
fn write_stignore(dir: &Path) -> Result<()> {
    use crate::store::sync::{STIGNORE_SAMPLE, stignore_path};
    let path = stignore_path(dir);
    if path.exists() {
        eprintln!("runde: kept the existing {}", path.display());
        return Ok(());
    }
    std::fs::write(&path, STIGNORE_SAMPLE).map_err(|e| Error::io(&path, e))?;
    eprintln!("runde: wrote {}", path.display());
    Ok(())
}

/// `runde plan PATH --resolve [--keep current|COPY]`.
fn resolve_plan_cmd(path: &str, keep: Option<&str>) -> Result<()> {
    use crate::store::sync;
    let dir = paths::resolve(path)?;
    if let Some(keep) = keep {
        let removed = sync::resolve_plan(&dir, keep)?;
        eprintln!("runde: kept {keep}; removed {}", sync::names(&removed));
        return Ok(());
    }
    let copies = sync::plan_conflicts(&dir);
    if copies.is_empty() {
        eprintln!("runde: the plan of {} has no conflict copies", dir.display());
        return Ok(());
    }
    let current = read_text(&dir.join(PLAN_FILE))?;
    let mut out = String::new();
    for copy in &copies {
        let name = copy
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let other = read_text(copy)?;
        out.push_str(&format!(
            "--- {PLAN_FILE} (current)\n+++ {name}\n{}\n",
            sync::line_difference(&current, &other)
        ));
    }
    out.push_str(&format!(
        "keep the current plan:  runde plan {path} --resolve --keep current\nkeep a copy instead:    runde plan {path} --resolve --keep 'NAME'\n(then re-do the other side's edits with `runde plan {path} --edit`)\n"
    ));
    emit(&out)
}

fn demo() -> Result<()> {
    let dir = crate::example::copy_to_temp()?;
    let mut s = Session::open_with_clock(&dir, std::sync::Arc::new(crate::clock::SteadyClock::start()))?;
    s.set_phase(Some("workshops"))?;
    for board in s.default_timer_boards() {
        s.timer(&board, TimerCommand::Start)?;
    }
    eprintln!("runde: demo session copied to {}", dir.display());
    let board = s
        .plan()
        .boards_of_kind(crate::model::BoardKind::Workshop)
        .next()
        .map(|b| b.id.clone())
        .unwrap_or_default();
    let join = demo_join_hint(&dir, s.plan().lang, &board);
    eprintln!("runde: {join}");
    let interactive =
        std::io::IsTerminal::is_terminal(&std::io::stdout()) && std::env::var_os("RUNDE_NO_TUI").is_none();
    if interactive {
        let mut app = crate::app::App::facilitator(s, None);
        app.join_hint = Some(join);
        app.system_clock = Some(std::sync::Arc::new(crate::clock::SystemClock));
        let result = crate::terminal::run(app);
        eprintln!("runde: the demo session stays in {}", dir.display());
        eprintln!(
            "runde: try `runde note {} --board methods` in a second terminal",
            dir.display()
        );
        return result;
    }
    status_lines(&s, None)?;
    let md = export::render(s.plan(), s.state(), &export::Options::default())?;
    emit(&format!("\n{md}"))
}

/// The line that tells how to join the demo session in `dir` (shown in
/// the facilitator's header while the demo runs).
pub fn demo_join_hint(dir: &Path, lang: crate::model::Lang, board: &str) -> String {
    let label = cli_strings(lang).demo_join;
    format!("{label} runde note {} --board {board}", dir.display())
}

/// The history of the series `dir` belongs to, as text.
fn history(dir: &Path) -> Result<String> {
    let members = crate::store::scan::members_of(dir)?;
    let meetings: Vec<_> = members.iter().map(|m| (m.session.plan(), m.session.state())).collect();
    Ok(export::history::render(&meetings))
}
