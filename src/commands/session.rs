//! `runde new`, `demo`, `prepare`, `list` and `history`: creating,
//! finding and introducing sessions.
use unicode_width::UnicodeWidthStr;

use super::columns::{Align, pad};
use super::{
    Date, Error, NewArgs, PLAN_FILE, Path, Result, Session, TimerCommand, cli_strings, emit, emit_plain, export, paths,
    status_lines, template, write_stignore,
};

pub(super) fn new(args: NewArgs) -> Result<()> {
    let dir = paths::resolve(&args.path)?;
    let given_date = match &args.date {
        Some(d) => Some(
            Date::try_from(d.clone())
                .map_err(|e| Error::Usage(crate::i18n::check::bad_value(&e, args.lang.unwrap_or_default())))?,
        ),
        None => None,
    };
    if let Some(prev) = &args.from {
        let prev_dir = paths::resolve(prev)?;
        if !prev_dir.join(PLAN_FILE).is_file() {
            let says = cli_strings(args.lang.unwrap_or_default());
            return Err(Error::Invalid(
                says.no_previous_session(&prev_dir.display().to_string()),
            ));
        }
        let carried = crate::store::create::new_from(
            &dir,
            &prev_dir,
            given_date,
            args.title.as_deref(),
            crate::i18n::series_words,
        )
        .map_err(|e| super::worded(e, args.lang.unwrap_or_else(|| super::lang_of(prev))))?;
        let lang = crate::store::plan_file::load(&dir)
            .ok()
            .flatten()
            .map(|p| p.lang)
            .unwrap_or_default();
        let from = prev_dir.display().to_string();
        let words = cli_strings(lang);
        eprintln!("runde: {}", words.carried(carried.topics.len(), &from));
        if carried.findings_left > 0 {
            eprintln!("runde: {}", words.findings_left(carried.findings_left));
        }
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
                let known: Vec<&str> = template::TEMPLATES
                    .iter()
                    .copied()
                    .chain(saved.iter().map(String::as_str))
                    .collect();
                Error::Usage(cli_strings(lang).unknown_template(name, &known.join(", ")))
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
        write_stignore(&dir, plan.lang)?;
    }
    if args.template.is_none() {
        let hint = cli_strings(plan.lang).template_questions;
        eprintln!("runde: {hint} runde prepare {}", dir.display());
    }
    offer_prepare(&dir);
    emit(&format!("{}\n", dir.display()))
}

/// After `new`: say how to open the plan editor, first of the next steps
/// (never start a TUI here, scripts call `new`). On stderr, so stdout stays
/// the folder path.
pub(super) fn offer_prepare(dir: &Path) {
    print_next_steps(dir);
}

/// After `new`: the commands that run the meeting, on stderr.
pub(super) fn print_next_steps(dir: &Path) {
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
    let width = steps.iter().map(|(c, _)| c.width()).max().unwrap_or(0);
    let mut text = format!("runde: {}\n", s.next_steps);
    for (command, what) in steps {
        text.push_str(&format!("  {}  {what}\n", pad(&command, width, Align::Left)));
    }
    eprint!("{}", crate::model::text::neutralise_controls(&text));
}

/// `runde prepare PATH`: the plan editor, on a new or existing folder.
pub(super) fn prepare(path: &str, lang: Option<crate::model::Lang>, date: Option<&str>) -> Result<()> {
    let dir = paths::resolve(path)?;
    let date = match date {
        Some(d) => Date::try_from(d.to_string()).map_err(|e| {
            Error::Usage(crate::i18n::check::bad_value(
                &e,
                lang.unwrap_or_else(|| super::lang_of(path)),
            ))
        })?,
        None => Date(chrono::Local::now().date_naive()),
    };
    let editor = crate::runtime::prepare::PrepareRunner::open(dir, lang, date)?;
    crate::terminal::run_prepare(editor)
}

/// One row of `runde list`: date, folder name, the rest.
pub(super) type ListRow = (String, String, String);

pub(super) fn list(only_series: Option<&str>) -> Result<()> {
    let dir = paths::sessions_dir()?;
    // No one session speaks for the list: the command line's default.
    let says = cli_strings(crate::model::Lang::default());
    if !dir.is_dir() {
        eprintln!("runde: {}", says.no_sessions_yet(&dir.display().to_string()));
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
                    groups.entry(Default::default()).or_default().push((
                        "?".into(),
                        name,
                        says.cannot_open(&e.to_string()),
                    ));
                }
            }
        }
    }
    let width = groups.values().flatten().map(|r| r.1.width()).max().unwrap_or(0);
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
            out.push_str(&format!("  {}  {date}  {rest}\n", pad(&name, width, Align::Left)));
        }
    }
    emit_plain(&out)
}

/// `runde demo [--lang]`: the example, its messages, views and (without a
/// terminal) status and minutes in `lang`, else the example's language.
pub(super) fn demo(lang: Option<crate::model::Lang>) -> Result<()> {
    let dir = crate::example::copy_to_temp()?;
    let mut s = Session::open_with_clock(&dir, std::sync::Arc::new(crate::clock::SteadyClock::start()))?;
    s.set_phase(Some("workshops"))?;
    for board in s.default_timer_boards() {
        s.timer(&board, TimerCommand::Start)?;
    }
    let says = cli_strings(lang.unwrap_or(s.plan().lang));
    let shown = dir.display().to_string();
    eprintln!("runde: {}", says.demo_copied(&shown));
    let board = s
        .plan()
        .boards_of_kind(crate::model::BoardKind::Workshop)
        .next()
        .map(|b| b.id.clone())
        .unwrap_or_default();
    let join = demo_join_hint(&dir, lang.unwrap_or(s.plan().lang), &board, lang);
    eprintln!("runde: {join}");
    let interactive =
        std::io::IsTerminal::is_terminal(&std::io::stdout()) && std::env::var_os("RUNDE_NO_TUI").is_none();
    if interactive {
        let mut view = crate::runtime::Runner::facilitator(s, lang);
        view.config_mut().join_hint = Some(join);
        super::local_view(&mut view);
        let result = crate::terminal::run(view);
        eprintln!("runde: {}", says.demo_stays(&shown, &board));
        return result;
    }
    status_lines(&s, None, lang)?;
    let opts = export::Options {
        lang,
        ..Default::default()
    };
    let md = export::render(s.plan(), s.state(), &opts)?;
    emit(&format!("\n{md}"))
}

/// The line that tells how to join the demo session in `dir` (shown in
/// the facilitator's header while the demo runs); a language the demo was
/// asked for (`asked`) is passed on, so the note-taker sees the same.
pub fn demo_join_hint(dir: &Path, lang: crate::model::Lang, board: &str, asked: Option<crate::model::Lang>) -> String {
    let label = cli_strings(lang).demo_join;
    let lang_arg = asked.map(|l| format!(" --lang {}", l.code())).unwrap_or_default();
    format!("{label} runde note {} --board {board}{lang_arg}", dir.display())
}

/// The history of the series `dir` belongs to, as text.
pub(super) fn history(dir: &Path) -> Result<String> {
    let members = crate::store::scan::members_of(dir)?;
    let meetings: Vec<_> = members.iter().map(|m| (m.session.plan(), m.session.state())).collect();
    Ok(export::history::render(&meetings))
}
