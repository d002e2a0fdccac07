//! Events: the facts runde appends to its logs. State is never stored,
//! only derived by folding these in their total order.
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// How a note is printed in the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// A list item.
    #[default]
    Bullet,
    /// Prose printed as a paragraph.
    Paragraph,
}

/// A signal a note-taker sends to the facilitator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// The group is done before the time is up.
    DoneEarly,
    /// The group asks for more time.
    NeedTime,
    /// The group needs the facilitator.
    NeedHelp,
}

/// An operation on one board's timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerOp {
    /// Start from idle with this length (ignored when already started).
    Start { duration_ms: i64 },
    /// Stop the clock, keeping the remaining time.
    Pause,
    /// Continue after a pause.
    Resume,
    /// Add (or with a negative value, remove) time.
    Extend { delta_ms: i64 },
    /// Back to idle.
    Reset,
}

/// One board's timer operation inside a [`Change::Timers`] fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerStep {
    pub board: String,
    pub op: TimerOp,
}

impl Change {
    /// The one fact for a batch of timer steps: none for no step, a plain
    /// [`Change::Timer`] for one (which every runde build reads), and a
    /// [`Change::Timers`] for more.
    pub fn timers(mut steps: Vec<TimerStep>) -> Option<Change> {
        match steps.len() {
            0 => None,
            1 => steps.pop().map(|TimerStep { board, op }| Change::Timer { board, op }),
            _ => Some(Change::Timers { steps }),
        }
    }
}

/// Fields of a note that can change after it was added. `None` means
/// "unchanged"; each field is a last-writer-wins register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<NoteKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starred: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
}

impl NoteFields {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        *self == NoteFields::default()
    }
}

/// A new note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewNote {
    /// Globally unique id (ULID).
    pub id: String,
    pub board: String,
    pub section: String,
    pub text: String,
    #[serde(default)]
    pub kind: NoteKind,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Fractional position key within the section.
    pub pos: String,
    /// Where a carried-over topic came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// A finding's source notes (ids), fixed when it is added. Optional and
    /// left out when empty, so older logs load unchanged; an older runde
    /// (events have no `deny_unknown_fields`) ignores it and shows a plain note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The language the note is written in, when the writer named it.
    /// Optional and left out when unset, so older logs load unchanged and
    /// an older runde ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<super::Lang>,
}

/// The earlier meeting an open topic was carried from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Folder name of the session it came from.
    pub session: String,
    /// That meeting's ordinal number, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<u32>,
    /// That meeting's date (YYYY-MM-DD).
    pub date: String,
    /// The note's id there (the topic's first appearance).
    pub note: String,
}

/// What one event changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A note was written.
    NoteAdded(NewNote),
    /// Fields of an existing note changed (edit, delete, move, star, undo).
    NoteSet {
        id: String,
        #[serde(flatten)]
        fields: NoteFields,
    },
    /// The current agenda phase changed (`None`: before the first).
    Phase { phase: Option<String> },
    /// A board's timer changed.
    Timer { board: String, op: TimerOp },
    /// Several boards' timers changed as one fact (start all, pause all,
    /// end the breakouts, and the undo of those). One event has one place
    /// in the order, so of two such commands given at once the later one
    /// wins on every board, never a mix of both. A board may have several
    /// steps; they apply in the order given. Older runde builds report the
    /// line as unreadable and skip it.
    Timers { steps: Vec<TimerStep> },
    /// The facilitator broadcast a message (to one board or to all). An
    /// empty text clears the message shown there.
    Broadcast {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        board: Option<String>,
        /// Wall time after which the message is no longer shown (optional;
        /// older runde builds ignore it and show the message until replaced).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until_ms: Option<i64>,
        /// Shown only while the session is in this phase: an automatic
        /// message ("workshops over – back to the plenary") ends with the
        /// next phase change (older builds ignore it, `until_ms` still holds).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phase: Option<String>,
    },
    /// A note-taker signalled the facilitator.
    Signal { board: String, signal: Signal },
    /// The facilitator acknowledged a board's signal.
    SignalAck { board: String },
    /// A person decided about doubtful mentions of a name in the public
    /// minutes. Written to `review/`, which older runde builds never read.
    MentionDecided(super::review::Decision),
    /// A group's note-taker signed off the group's public part (also in
    /// `review/`).
    SignedOff(super::review::SignOff),
}

/// One logged fact with its ordering metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Sequence number within the writer's log (1-based).
    pub seq: u64,
    /// Lamport clock: greater than every event the writer had seen.
    pub lamport: u64,
    /// Wall time of the writer when the event was made (ms since epoch).
    pub wall_ms: i64,
    /// What changed.
    pub c: Change,
}

/// Bounds on every number read from a log. Values outside them can only
/// come from a crafted or damaged file: the event is reported and ignored,
/// so no counter can wrap and no duration can overflow.
pub mod limits {
    /// Highest Lamport clock or sequence number accepted (2^53: far beyond
    /// any real session, and `+ 1` can never wrap).
    pub const MAX_COUNTER: u64 = 1 << 53;

    /// Longest line a log may hold. A longer one (a huge or sparse file) is
    /// reported as corruption and the rest of that file is ignored, so
    /// memory stays bounded whatever the folder holds.
    pub const MAX_RECORD_BYTES: usize = 1 << 20;

    /// The most text (UTF-8 bytes) a paste or a reopened draft puts into
    /// one editor: a quarter of the longest record, so that a note this
    /// long is always saved — JSON escapes at most double pasted text (its
    /// control characters are dropped), and the record's other fields are
    /// small.
    pub const MAX_NOTE_BYTES: usize = MAX_RECORD_BYTES / 4;

    /// The one test of a Lamport clock or sequence number, for reading and
    /// for writing alike: `1..=MAX_COUNTER`.
    pub fn counter_ok(value: u64) -> bool {
        (1..=MAX_COUNTER).contains(&value)
    }

    /// The clock a writer stamps next, from the highest clock among the
    /// records it accepted: one more, but never past [`MAX_COUNTER`]. So a
    /// record that passed [`counter_ok`] can never make a save fail: at
    /// the ceiling (only a planted record gets anyone there) later events
    /// share the clock and are ordered by writer and sequence number.
    pub fn next_counter(highest_accepted: u64) -> u64 {
        highest_accepted.saturating_add(1).clamp(1, MAX_COUNTER)
    }
    /// Longest timer length or extension: 24 hours.
    pub const MAX_DURATION_MS: i64 = 24 * 60 * 60 * 1000;
    /// Latest wall time accepted: the end of the year 9999 (ms since epoch).
    pub const MAX_WALL_MS: i64 = 253_402_300_799_999;
    /// Longest position key accepted.
    pub const MAX_KEY_LEN: usize = 256;
    /// Highest meeting number accepted.
    pub const MAX_MEETING: u32 = 1_000_000;
    /// Most timer steps one [`super::Change::Timers`] fact may hold (a plan
    /// has far fewer boards; a longer list can only be crafted).
    pub const MAX_TIMER_STEPS: usize = 1024;
}

use crate::model::check::Bound;

impl Event {
    /// Checks every number and key against [`limits`]; the reason if one is
    /// out of range.
    pub fn check_bounds(&self) -> Result<(), Bound> {
        use limits::*;
        if !counter_ok(self.seq) {
            return Err(Bound::Seq(self.seq));
        }
        if !counter_ok(self.lamport) {
            return Err(Bound::Lamport(self.lamport));
        }
        if !(0..=MAX_WALL_MS).contains(&self.wall_ms) {
            return Err(Bound::WallTime(self.wall_ms));
        }
        self.c.check_bounds()
    }
}

impl Change {
    /// The note and the text this change gives it, if it sets a text.
    pub fn set_text(&self) -> Option<(String, String)> {
        match self {
            Change::NoteAdded(n) => Some((n.id.clone(), n.text.clone())),
            Change::NoteSet {
                id,
                fields: NoteFields { text: Some(t), .. },
            } => Some((id.clone(), t.clone())),
            _ => None,
        }
    }

    fn check_bounds(&self) -> Result<(), Bound> {
        use limits::*;
        let key_ok = |pos: &str| pos.len() <= MAX_KEY_LEN;
        match self {
            Change::NoteAdded(n) if !key_ok(&n.pos) => Err(Bound::KeyLength(n.pos.len())),
            Change::NoteAdded(NewNote {
                origin: Some(Origin { meeting: Some(m), .. }),
                ..
            }) if *m > MAX_MEETING => Err(Bound::MeetingNumber(*m)),
            Change::NoteSet {
                fields: NoteFields { pos: Some(pos), .. },
                ..
            } if !key_ok(pos) => Err(Bound::KeyLength(pos.len())),
            Change::Timer { op, .. } => check_timer_op(op),
            Change::Timers { steps } if steps.len() > MAX_TIMER_STEPS => Err(Bound::TimerSteps(steps.len())),
            Change::Timers { steps } => steps.iter().try_for_each(|s| check_timer_op(&s.op)),
            Change::MentionDecided(d) if !review_ok(d) => Err(Bound::Decision),
            Change::SignedOff(s) if [&s.board, &s.by, &s.digest].iter().any(|f| f.len() > MAX_REVIEW_FIELD) => {
                Err(Bound::SignOff)
            }
            _ => Ok(()),
        }
    }
}

fn check_timer_op(op: &TimerOp) -> Result<(), Bound> {
    use limits::MAX_DURATION_MS;
    match op {
        TimerOp::Start { duration_ms: d } if !(0..=MAX_DURATION_MS).contains(d) => Err(Bound::TimerLength(*d)),
        TimerOp::Extend { delta_ms: d } if !(-MAX_DURATION_MS..=MAX_DURATION_MS).contains(d) => {
            Err(Bound::TimerExtension(*d))
        }
        _ => Ok(()),
    }
}

/// Longest word, case, place, context or name a review fact may carry.
const MAX_REVIEW_FIELD: usize = 4096;

fn review_ok(d: &super::review::Decision) -> bool {
    let s = &d.scope;
    let at = s.at.iter().flat_map(|a| [&a.place, &a.context]);
    [&s.word, &s.case]
        .into_iter()
        .chain(at)
        .chain(d.by.iter())
        .all(|f| f.len() <= MAX_REVIEW_FIELD)
}

/// The total order of events: (lamport, actor, seq). Whatever a writer had
/// seen sorts before its own event, whatever the wall clocks say.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OrderKey {
    pub lamport: u64,
    pub actor: Arc<str>,
    pub seq: u64,
}
