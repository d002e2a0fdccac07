//! The session plan (`session.json`, format 1): what people write before
//! the meeting. Parsing is strict — unknown keys, missing keys and
//! inconsistent references are reported with their line.
/// File name of the plan inside a session folder.
pub const PLAN_FILE: &str = "session.json";

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::problem::{BadValue, ParseProblem, ValueKind};

/// The plan format this build reads and writes.
pub const PLAN_FORMAT: u32 = 1;

/// Language of the UI and the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German.
    #[default]
    De,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = BadValue;
    fn from_str(s: &str) -> std::result::Result<Self, BadValue> {
        match s {
            "de" => Ok(Lang::De),
            "en" => Ok(Lang::En),
            other => Err(BadValue {
                kind: ValueKind::Lang,
                given: other.to_string(),
            }),
        }
    }
}

/// A calendar date written as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date(pub NaiveDate);

impl TryFrom<String> for Date {
    type Error = BadValue;
    fn try_from(s: String) -> std::result::Result<Self, BadValue> {
        match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) => Ok(Date(d)),
            Err(_) => Err(BadValue {
                kind: ValueKind::Date,
                given: s,
            }),
        }
    }
}
impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// A time of day written as `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeOfDay(pub NaiveTime);

impl TryFrom<String> for TimeOfDay {
    type Error = BadValue;
    fn try_from(s: String) -> std::result::Result<Self, BadValue> {
        match NaiveTime::parse_from_str(&s, "%H:%M") {
            Ok(t) => Ok(TimeOfDay(t)),
            Err(_) => Err(BadValue {
                kind: ValueKind::Time,
                given: s,
            }),
        }
    }
}
impl From<TimeOfDay> for String {
    fn from(t: TimeOfDay) -> String {
        t.to_string()
    }
}
impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

/// The whole plan of one meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Plan format version; this build reads 1.
    pub format: u32,
    /// Language of UI and minutes.
    pub lang: Lang,
    /// Name of the series of meetings (project name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// The meeting's topic.
    pub title: String,
    /// The kind of event, for the title ("Kompetenznetzwerk-Treffen").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The network that meets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// Ordinal number of this meeting in the series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_number: Option<u32>,
    /// Newsletter number the minutes are published as (e.g. "Nr. 07").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newsletter: Option<String>,
    /// The day of the meeting.
    pub date: Date,
    /// Planned start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<TimeOfDay>,
    /// Planned end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<TimeOfDay>,
    /// Where the meeting takes place ("Hochschule Niederrhein, Krefeld").
    /// Unknown to older runde versions, which refuse a plan that sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Who publishes the minutes (the author and company of the Word and
    /// PDF files). Unknown to older runde versions, like `location`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Free intro text; paragraphs separated by blank lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// The phases of the meeting in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<Phase>,
    /// The boards notes are written on.
    pub boards: Vec<Board>,
    /// Date and time of the next meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_meeting: Option<NextMeeting>,
    /// Free closing text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<String>,
    /// People who may be named, with their consent to be named in public.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Print starred notes first in the minutes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub starred_first: bool,
    /// IANA time zone the plan's times are in (e.g. "Europe/Berlin"); the
    /// calendar export uses it whatever the exporting machine's zone.
    /// Without it, times are "floating" (read in the reader's own zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Say in the minutes which workshops each finding came from
    /// ("raised in 3 of 4 workshops"). Unknown to older runde versions,
    /// which refuse a plan that sets it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub findings_sources: bool,
}

/// One phase of the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Unique id.
    pub id: String,
    /// Title shown in the agenda bar.
    pub title: String,
    /// Planned length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Boards worked on during this phase (parallel groups).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boards: Vec<String>,
}

/// What a board is for; decides where it goes in the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BoardKind {
    /// A talk with summary, Dos/Don'ts table and source.
    Keynote,
    /// A breakout group around one guiding question.
    Workshop,
    /// The key findings of the plenary.
    Findings,
    /// Open topics carried over from an earlier meeting.
    Topics,
}

/// A board: one group's (or one talk's) notes, in sections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    /// Unique id.
    pub id: String,
    /// What the board is for.
    pub kind: BoardKind,
    /// Title (talk title for a keynote).
    pub title: String,
    /// The guiding question of a workshop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Number of participants in the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<u32>,
    /// Timer length; defaults to the agenda phase's minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Keynote speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Speaker's role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Speaker's organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Source line printed after the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Web page of the speaker's organization (links the organization).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_url: Option<String>,
    /// Web page of the source (links the source line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Phrases in this board's notes that link to a page (e.g. the
    /// practical examples of a talk): phrase → URL, linked where found.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub links: std::collections::BTreeMap<String, String>,
    /// A two-column table built from two sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<Table>,
    /// The board's sections, in order.
    pub sections: Vec<Section>,
}

/// A two-column table (Dos / Don'ts) made from two sections of a board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Caption above the table.
    pub caption: String,
    /// Exactly two section ids, left and right column.
    pub columns: Vec<String>,
}

/// A section of a board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Id, unique within the board.
    pub id: String,
    /// Title.
    pub title: String,
    /// Optional sentence printed before the notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
}

/// When the next meeting takes place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextMeeting {
    /// Day.
    pub date: Date,
    /// Start time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<TimeOfDay>,
    /// End time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<TimeOfDay>,
    /// Where it takes place, when not where this meeting took place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Its topic, when already known (titles the calendar invitation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
}

impl NextMeeting {
    /// A next meeting on `date`, nothing else known yet.
    pub fn on(date: Date) -> NextMeeting {
        NextMeeting {
            date,
            start: None,
            end: None,
            location: None,
            topic: None,
        }
    }
}

/// A person who may appear in notes, with consent to be named in public.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Name as written in notes.
    pub name: String,
    /// Agreed to be named in the public minutes.
    #[serde(default)]
    pub public: bool,
}

/// A problem found in a plan, at a 1-based line of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub kind: ParseProblem,
}

impl Plan {
    /// Parses and validates plan text; the first problem becomes the error.
    pub fn parse(path: &Path, text: &str) -> Result<Plan> {
        let (plan, problems) = Plan::parse_all(text);
        match (plan, problems.into_iter().next()) {
            (Some(plan), None) => Ok(plan),
            (_, Some(p)) => Err(Error::parse(path, p.line, p.kind)),
            (None, None) => Err(Error::parse(path, 1, ParseProblem::NotAPlan)),
        }
    }

    /// Parses plan text and lists every problem found (for `runde check`).
    pub fn parse_all(text: &str) -> (Option<Plan>, Vec<Problem>) {
        if let Some(p) = check_format_version(text) {
            return (None, vec![p]);
        }
        match serde_json::from_str::<Plan>(text) {
            Ok(plan) => {
                let problems = plan.validate(text);
                (Some(plan), problems)
            }
            Err(e) => (None, vec![serde_problem(&e)]),
        }
    }

    /// The language a plan text asks for, even when the plan has a
    /// mistake elsewhere (its mistakes are then told in that language).
    pub fn lang_hint(text: &str) -> Option<Lang> {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        value.get("lang")?.as_str()?.parse().ok()
    }

    /// The board with this id.
    pub fn board(&self, id: &str) -> Option<&Board> {
        self.boards.iter().find(|b| b.id == id)
    }

    /// The board with this id, or an error naming the known ones.
    pub fn require_board(&self, id: &str) -> Result<&Board> {
        crate::model::rules::require_board(self, id).map_err(Error::Rule)
    }

    /// The agenda phase with this id.
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.agenda.iter().find(|p| p.id == id)
    }

    /// The first agenda phase that lists this board.
    pub fn phase_of_board(&self, board: &str) -> Option<&Phase> {
        self.agenda.iter().find(|p| p.boards.iter().any(|b| b == board))
    }

    /// A board's timer length in minutes: its own, else its phase's.
    pub fn board_minutes(&self, board: &str) -> Option<u32> {
        self.board(board)
            .and_then(|b| b.minutes)
            .or_else(|| self.phase_of_board(board).and_then(|p| p.minutes))
    }

    /// Boards of one kind, in plan order.
    pub fn boards_of_kind(&self, kind: BoardKind) -> impl Iterator<Item = &Board> {
        self.boards.iter().filter(move |b| b.kind == kind)
    }

    /// Serializes the plan as pretty JSON with a trailing newline; never
    /// an empty text in place of a plan.
    pub fn to_pretty_json(&self) -> Result<String> {
        let mut s = serde_json::to_string_pretty(self).map_err(|e| {
            crate::error::Error::Store(crate::model::problem::StoreProblem::CannotEncode {
                what: crate::model::problem::Encoded::Plan,
                detail: e.to_string(),
            })
        })?;
        s.push('\n');
        Ok(s)
    }
}

impl Board {
    /// A board with only the essentials; every optional field empty.
    pub fn new(id: &str, kind: BoardKind, title: &str, sections: Vec<Section>) -> Board {
        Board {
            id: id.into(),
            kind,
            title: title.into(),
            question: None,
            participants: None,
            minutes: None,
            speaker: None,
            role: None,
            organization: None,
            source: None,
            organization_url: None,
            source_url: None,
            links: Default::default(),
            table: None,
            sections,
        }
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The section with this id, or an error naming the known ones.
    pub fn require_section(&self, id: &str) -> Result<&Section> {
        crate::model::rules::require_section(self, id).map_err(Error::Rule)
    }

    /// The first section (every valid board has one).
    pub fn first_section(&self) -> Option<&Section> {
        self.sections.first()
    }
}

/// Ids are used in file names and on the command line: keep them plain.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Bytes as UTF-8 text; invalid bytes are reported with `path` (only used
/// in the message) and the line they are on.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count();
        Error::parse(path, line, ParseProblem::InvalidUtf8)
    })
}

/// A plan from a newer runde must not be misread as format 1.
fn check_format_version(text: &str) -> Option<Problem> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<serde_json::Value>,
    }
    let probe: Probe = serde_json::from_str(text).ok()?;
    let format = probe.format?.as_u64()?;
    (format > u64::from(PLAN_FORMAT)).then(|| Problem {
        line: line_of(text, "\"format\""),
        kind: ParseProblem::NewerPlanFormat {
            found: format,
            known: PLAN_FORMAT,
        },
    })
}

/// Turns a serde_json error into a problem: the kinds runde words itself
/// (an unknown or missing key, a cut-off file, a bad date), else serde's text.
fn serde_problem(e: &serde_json::Error) -> Problem {
    let mut message = e.to_string();
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    let quoted = |after: &str| {
        let rest = message.strip_prefix(after)?.strip_prefix('`')?;
        Some(rest.split('`').next()?.to_string())
    };
    let kind = if e.is_eof() {
        ParseProblem::FileEnds
    } else if let Some(key) = quoted("unknown field ") {
        ParseProblem::UnknownKey { key }
    } else if let Some(key) = quoted("missing field ") {
        ParseProblem::MissingKey { key }
    } else if let Some(bad) = BadValue::recognize(&message) {
        ParseProblem::BadValue(bad)
    } else {
        ParseProblem::Json(message)
    };
    Problem {
        line: e.line().max(1),
        kind,
    }
}

/// 1-based line of the first occurrence of `needle`, or 1.
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map(|at| 1 + text[..at].matches('\n').count())
        .unwrap_or(1)
}

/// True if a plan's or board's title is still the one a template or `new --from`
/// put there ("Impulsvortrag", "Treffen 6", "Netzwerktreffen").
pub fn is_placeholder_title(title: &str) -> bool {
    let t = title.trim();
    if t.is_empty() {
        return true;
    }
    let known = [
        "Impulsvortrag",
        "Keynote",
        "Netzwerktreffen",
        "Network meeting",
        "Treffen",
        "Meeting",
    ];
    if known.contains(&t) {
        return true;
    }
    ["Treffen ", "Meeting "].iter().any(|w| {
        t.strip_prefix(w)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

mod validate;

#[cfg(test)]
mod tests;
