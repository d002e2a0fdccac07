//! `runde timer` and `status`: the clock and state of a running meeting.
use super::columns::{Column, lay_out};
use super::{
    Deserialize, Error, Result, Serialize, Session, TimerAction, TimerArgs, TimerCommand, TimerState, cli_strings,
    display_seconds, emit, emit_plain, format_clock, open, strings,
};

pub(super) fn timer(args: TimerArgs) -> Result<()> {
    let mut s = open(&args.path)?;
    let words = cli_strings(s.plan().lang);
    let command = match (args.action, args.minutes) {
        (TimerAction::Extend, Some(m)) => TimerCommand::Extend(extend_ms(m, s.plan().lang)?),
        (TimerAction::Extend, None) => {
            return Err(Error::Usage(words.extend_needs_minutes().into()));
        }
        (_, Some(_)) => return Err(Error::Usage(words.minutes_only_with_extend().into())),
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
        return Err(Error::Invalid(words.no_timer_board().into()));
    }
    match &args.board {
        Some(board) => {
            s.timer(board, command)?;
        }
        // The boards of the phase change together, as one fact.
        None => {
            s.timer_all(&boards, command)?;
        }
    }
    status_lines(&s, Some(&boards), None)
}

/// `timer extend MINUTES` in ms: at most a day either way.
pub(super) fn extend_ms(minutes: i64, lang: crate::model::Lang) -> Result<i64> {
    let limit = crate::model::event::limits::MAX_DURATION_MS / 60_000;
    if !(-limit..=limit).contains(&minutes) {
        return Err(Error::Usage(cli_strings(lang).extend_range(limit, minutes)));
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

pub(super) fn status(path: &str, json: bool) -> Result<()> {
    let s = open(path)?;
    if json {
        let mut text = serde_json::to_string_pretty(&status_of(&s)).unwrap_or_default();
        text.push('\n');
        return emit(&text);
    }
    status_lines(&s, None, None)
}

/// The status as lines on stdout, in `lang` (else the plan's language).
pub(super) fn status_lines(s: &Session, only: Option<&[String]>, lang: Option<crate::model::Lang>) -> Result<()> {
    let lang = lang.unwrap_or(s.plan().lang);
    let st = strings(lang);
    let cli = cli_strings(lang);
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
        out.push_str(&format!("{}  {}\n", s.plan().title, st.long_date(s.plan().date, lang)));
        out.push_str(&format!("{}: {phase}\n", st.phase));
        if let Some(b) = &status.broadcast {
            out.push_str(&format!("{}: {}\n", st.broadcast, b.text));
        }
    }
    let rows: Vec<Vec<String>> = status
        .timers
        .iter()
        .filter(|t| only.is_none_or(|o| o.contains(&t.board)))
        .map(|t| {
            let notes = status.notes.get(&t.board).copied().unwrap_or(0);
            let signal = status
                .signals
                .get(&t.board)
                .map(|sig| format!("{}: {}", cli.signal, cli.signal_word(*sig)))
                .unwrap_or_default();
            vec![
                t.board.clone(),
                st.timer_state(t.state).to_string(),
                format_clock(t.remaining_seconds),
                cli.notes(notes),
                signal,
            ]
        })
        .collect();
    for line in lay_out(&rows, &STATUS_COLUMNS, 2) {
        out.push_str(&line);
        out.push('\n');
    }
    emit_plain(&out)
}

/// The columns of `status`: board id (cut past [`BOARD_ID_COLUMNS`]),
/// timer state, time left, notes, signal.
const STATUS_COLUMNS: [Column; 5] = [
    Column::left(BOARD_ID_COLUMNS),
    Column::left(usize::MAX),
    Column::right(usize::MAX),
    Column::left(usize::MAX),
    Column::left(usize::MAX),
];

/// The widest board id `status` shows whole: the ids `runde prepare` makes
/// from titles (32 characters and a "-2") fit, and a row stays within 80
/// columns; longer ids end in "…" (`status --json` has them whole).
const BOARD_ID_COLUMNS: usize = 36;
