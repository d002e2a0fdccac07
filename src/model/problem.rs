//! What is wrong at one line of a file (a plan, a log), as data: the
//! words are `i18n::check`'s, in the reader's language. A text kept here
//! (`Detail`, `Json`, `detail`) is a library's or the operating system's own.
use std::path::PathBuf;

/// What is wrong at a line of a file runde reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseProblem {
    /// The text is no plan at all.
    NotAPlan,
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// A plan written by a newer runde.
    NewerPlanFormat { found: u64, known: u32 },
    /// A log written by a newer runde.
    NewerLogFormat { found: u32, known: u32 },
    /// A key the plan does not know.
    UnknownKey { key: String },
    /// A key the plan needs is missing.
    MissingKey { key: String },
    /// The file ends in the middle of a value.
    FileEnds,
    /// A value that is not a date, time or language.
    BadValue(BadValue),
    /// Any other JSON error, in serde_json's own words.
    Json(String),
    /// A plan without boards.
    NoBoards,
    /// An id with characters other than letters, digits, `-` and `_`.
    BadId { of: IdOf, id: String },
    /// Two boards with one id.
    DuplicateBoard { id: String },
    /// A board without sections.
    NoSections { board: String },
    /// Two sections of a board with one id.
    DuplicateSection { board: String, id: String },
    /// A table that does not have two columns.
    TableColumns { board: String },
    /// A table column that is not a section of its board.
    UnknownColumn { board: String, column: String },
    /// A time zone that is not an IANA name.
    UnknownZone { zone: String },
    /// Two agenda phases with one id.
    DuplicatePhase { id: String },
    /// An agenda phase naming a board the plan does not have.
    PhaseUnknownBoard { phase: String, board: String },
    /// A damaged log record with valid records after it.
    CorruptRecord(Damage),
    /// A problem in another component's words (an SSH key, an imported line).
    Detail(String),
}

impl From<String> for ParseProblem {
    fn from(text: String) -> Self {
        ParseProblem::Detail(text)
    }
}

impl From<&str> for ParseProblem {
    fn from(text: &str) -> Self {
        ParseProblem::Detail(text.to_string())
    }
}

/// Whose id is malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdOf {
    Board,
    Section,
}

/// How a line of a log is damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// It does not start like a runde record.
    NotARecord,
    /// Its checksum is missing.
    NoChecksum,
    /// Its checksum does not match.
    ChecksumMismatch,
    /// The first line is not a runde log header.
    NotAHeader,
}

/// A written value that does not parse: what was given and what it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadValue {
    pub kind: ValueKind,
    pub given: String,
}

/// The kinds of written values runde parses itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// `YYYY-MM-DD`.
    Date,
    /// `HH:MM`.
    Time,
    /// `de` or `en`.
    Lang,
}

impl ValueKind {
    /// The form a value of this kind is written in (no words: a pattern).
    pub fn form(self) -> &'static str {
        match self {
            ValueKind::Date => "YYYY-MM-DD",
            ValueKind::Time => "HH:MM",
            ValueKind::Lang => "de|en",
        }
    }
}

/// serde needs a text for a value it could not take; this one is a form,
/// not a sentence (`"2021-13-01" ≠ YYYY-MM-DD`), and
/// [`BadValue::recognize`] reads it back.
impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} ≠ {}", self.given, self.kind.form())
    }
}

impl BadValue {
    /// The bad value a serde message starts with, if it is one of ours.
    pub fn recognize(message: &str) -> Option<BadValue> {
        for kind in [ValueKind::Date, ValueKind::Time, ValueKind::Lang] {
            let tail = format!(" ≠ {}", kind.form());
            let Some(at) = message.find(&tail) else { continue };
            let given: String = serde_json::from_str(&message[..at]).ok()?;
            return Some(BadValue { kind, given });
        }
        None
    }
}

impl std::error::Error for BadValue {}

/// Why the store refused or failed an operation, as data (the words are
/// `i18n::check::store_problem`'s). Paths are as the store saw them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreProblem {
    /// The session folder does not exist.
    NoSuchFolder { path: PathBuf },
    /// The folder holds no `session.json`.
    NotASession { path: PathBuf },
    /// The session folder went away while writing.
    FolderGone { path: PathBuf },
    /// The log file was removed while writing: nothing was saved.
    LogRemoved { path: PathBuf },
    /// A log got shorter while it was read: someone truncated it.
    LogShrunk { path: PathBuf },
    /// A symbolic link where the session keeps a file or folder.
    IsLink { path: PathBuf },
    /// A folder, FIFO or device where the session keeps a file.
    NotAFile { path: PathBuf },
    /// A file larger than runde reads (the limit in MiB).
    TooLarge { path: PathBuf, mib: u64 },
    /// `new` into a folder that holds something.
    FolderNotEmpty { path: PathBuf },
    /// `plan --resolve` without conflict copies.
    NoConflictCopies { path: PathBuf },
    /// `plan --resolve --keep NAME` with a name that is no conflict copy.
    NotAConflictCopy { given: String, copies: Vec<String> },
    /// The plan changed while resolving; nothing was replaced.
    ChangedWhileResolving { plan: PathBuf, session: PathBuf },
    /// A user template of that name exists.
    TemplateExists { path: PathBuf },
    /// A template name that is not an id.
    BadTemplateName { name: String },
    /// A template name that is a built-in's.
    BuiltInTemplate { name: String },
    /// No config directory (set the variable named).
    NoConfigDir { env: String },
    /// No data directory (set the variable named).
    NoDataDir { env: String },
    /// No local state directory (set the variable named).
    NoStateDir { env: String },
    /// An empty PATH argument.
    EmptyPath,
    /// The background writer thread stopped: not saved.
    WriterStopped,
    /// An earlier entry of this writer failed: not saved.
    WriterFailed,
    /// Too many views of one writer are open on this session.
    TooManyViews { path: PathBuf },
    /// A sign-off without a name.
    SignOffWithoutName,
    /// The folder cannot be watched for changes (the system's words).
    CannotWatch { path: PathBuf, detail: String },
    /// A plan or a draft cannot be written as JSON (serde_json's words).
    CannotEncode { what: Encoded, detail: String },
    /// A plan edit to save is not JSON (serde_json's words).
    EditNotJson { detail: String },
}

/// What could not be written as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoded {
    /// The session's plan.
    Plan,
    /// A note's draft.
    Draft,
}

/// Why two edits of a plan could not be merged, when it was not a clash
/// of fields: nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmerged {
    /// The plan changed again on every try.
    KeptChanging,
    /// The plan file was removed meanwhile.
    Removed,
    /// The plan on disk is not JSON (someone is editing it).
    NotJson,
    /// The merged plan is not valid: its first problem.
    Invalid { line: usize, problem: ParseProblem },
}

impl StoreProblem {
    /// True for a mistake on the command line (exit code 2).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            StoreProblem::EmptyPath
                | StoreProblem::NotAConflictCopy { .. }
                | StoreProblem::BadTemplateName { .. }
                | StoreProblem::SignOffWithoutName
        )
    }

    /// True when the session folder or the log went away under a write.
    pub fn is_gone(&self) -> bool {
        matches!(self, StoreProblem::FolderGone { .. } | StoreProblem::LogRemoved { .. })
    }
}
