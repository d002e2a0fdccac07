//! What `runde check` finds in a session folder, as data: every kind of
//! finding with its fields. `store::check` finds them; `i18n::check`
//! words them in the session's language.
use crate::model::problem::{ParseProblem, StoreProblem};

/// One kind of finding, with what the sentence about it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingKind {
    /// A line of a file (plan or log) is malformed.
    Malformed(ParseProblem),
    /// A file or folder could not be read; the operating system's words.
    Unreadable { detail: String },
    /// The store refused to read something (a link, too large …).
    Refused(StoreProblem),
    /// Something else failed, in its own words.
    Failed { detail: String },
    /// An entry of the folder runde does not read.
    Skipped(SkipReason),
    /// A log line that was ignored.
    Rejected(Rejection),
    /// A killed writer's unfinished last line, skipped (healthy).
    TornTail { bytes: usize },
    /// A record whose Lamport clock is at runde's ceiling.
    AtCeiling { ceiling: u64 },
    /// A writer whose clock disagrees with the log.
    ClockOff {
        /// Who (their name, else the writer's id).
        writer: String,
        /// How far off, as `-30 min` or `+1 h 05 min`.
        offset: String,
        /// Behind (stamped before facts it had seen) rather than ahead.
        behind: bool,
    },
    /// A sync engine's conflict copy of the plan.
    PlanConflict {
        /// The session folder, for the `runde plan … --resolve` hint.
        session: String,
    },
    /// A sync engine's conflict copy of a log.
    LogConflict {
        /// The name of the log it copies.
        original: String,
        /// Whether it holds anything the original lacks.
        differs: bool,
    },
    /// The meeting's title is still a template's placeholder (a warning).
    PlaceholderTitle { title: String },
    /// A keynote board's title is still a placeholder (a warning).
    PlaceholderBoard { board: String, title: String },
    /// A note in a board or section the plan no longer has.
    Orphan {
        note: String,
        board: String,
        section: String,
    },
    /// A key finding whose source notes are gone (reported, healthy).
    GoneSources {
        finding: String,
        board: String,
        gone: usize,
        of: usize,
    },
}

/// Why an entry of a folder is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A symbolic link: runde never follows one in a session folder.
    Link,
    /// A folder, FIFO, socket or device where a file belongs.
    NotAFile,
    /// A name that is not valid UTF-8.
    NotUtf8,
    /// The file could not be opened or read (the operating system's words).
    Unreadable(String),
}

/// Why a line of a log was ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// A valid record with a value out of range.
    OutOfRange(Bound),
    /// A complete record whose event this runde cannot take (serde's words).
    Unreadable { detail: String },
    /// A header claiming another writer's name.
    Impostor { claimed: String },
    /// A record longer than the limit (MiB): ignored with the rest of its file.
    Oversize { mib: usize },
}

/// A value of an event beyond runde's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    Seq(u64),
    Lamport(u64),
    WallTime(i64),
    /// A position key of this many characters.
    KeyLength(usize),
    MeetingNumber(u32),
    /// A timer length in ms.
    TimerLength(i64),
    /// A timer extension in ms.
    TimerExtension(i64),
    /// A batch timer fact with this many steps.
    TimerSteps(usize),
    /// A privacy decision with an oversized field.
    Decision,
    /// A sign-off with an oversized field.
    SignOff,
}
