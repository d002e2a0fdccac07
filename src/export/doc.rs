//! The minutes as a format-neutral document in the newsletter's order:
//! title, intro, open topics, keynote (with its Dos/Don'ts table), the
//! transition to the workshops, one part per workshop, key findings and
//! the closing with the next meeting. Renderers only lay this out.
use serde::Serialize;

pub use super::inline::Inline;
use super::inline::{link_phrases, parse, plain, safe_url};
use super::privacy::{Audience, Redactor};
use crate::i18n::{MinutesWords, Strings, minutes_words, strings};
use crate::model::plan::{Date, NextMeeting, TimeOfDay, is_placeholder_title};
use crate::model::{Board, BoardKind, Lang, Note, NoteKind, Plan, SessionState};

mod parts;
pub use parts::next_meeting_when;
mod runs;
use runs::{ARG0, ARG1, ARG2};
pub use runs::{fill, typographic};

/// A paragraph, list item or table cell: runs of text, and the language
/// it is written in when that differs from the document's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Rich {
    pub inlines: Vec<Inline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'static str>,
}

/// A block of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// The title with the newsletter line under it; `inlines` is `text`
    /// with plan text in another language marked.
    Title {
        text: String,
        subtitle: Option<String>,
        inlines: Vec<Inline>,
    },
    /// A part's heading; `inlines` as for the title.
    Heading { text: String, inlines: Vec<Inline> },
    /// A sub-part's heading (a section of a board: plan text).
    Subheading {
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        lang: Option<&'static str>,
    },
    /// A paragraph.
    Paragraph {
        inlines: Vec<Inline>,
        #[serde(skip_serializing_if = "Option::is_none")]
        lang: Option<&'static str>,
    },
    /// A bullet list.
    List { items: Vec<Rich> },
    /// A two-column table with a caption and the source it comes from.
    Table(TwoColumnTable),
}

impl Block {
    /// A heading of these runs.
    pub fn heading(inlines: Vec<Inline>) -> Block {
        Block::Heading {
            text: plain(&inlines),
            inlines,
        }
    }
}

/// A table of two lists side by side under their headings, in one row
/// (the keynote's Dos and Don'ts): the lists are not paired item by item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TwoColumnTable {
    pub caption: String,
    pub headers: [String; 2],
    /// The two lists, left and right.
    pub columns: [Vec<Rich>; 2],
    /// The language of caption and headers (plan text), when not the
    /// document's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'static str>,
    /// "(Quelle: …)", printed under the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Vec<Inline>>,
}

/// The whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Minutes {
    /// Language code (`de`/`en`).
    pub lang: &'static str,
    /// Plain title (for the HTML `<title>` and the files' properties).
    pub title: String,
    /// "Newsletter Nr. 07", when the plan has a newsletter number.
    pub newsletter: Option<String>,
    /// When the meeting began, RFC 3339 in UTC (its day at midnight when
    /// the plan has no start; local time read as UTC without a zone).
    pub created: String,
    /// Who publishes the minutes, when the plan says.
    pub organization: Option<String>,
    pub blocks: Vec<Block>,
}

impl Minutes {
    /// The title of the document's file properties and of an HTML page:
    /// "Newsletter Nr. 07: Topic", or the topic alone.
    pub fn document_title(&self) -> String {
        match &self.newsletter {
            Some(n) => format!("{n}: {}", self.title),
            None => self.title.clone(),
        }
    }
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph { inlines, lang: None }
}

struct Builder<'a> {
    plan: &'a Plan,
    state: &'a SessionState,
    lang: Lang,
    s: &'static Strings,
    w: &'static MinutesWords,
    audience: Audience,
    redactor: Redactor,
    blocks: Vec<Block>,
}

/// Builds the minutes of a session.
pub fn build(plan: &Plan, state: &SessionState, lang: Lang, audience: Audience) -> Minutes {
    let mut b = Builder {
        plan,
        state,
        lang,
        s: strings(lang),
        w: minutes_words(lang),
        audience,
        redactor: Redactor::new(&plan.people, lang),
        blocks: Vec::new(),
    };
    b.title();
    b.intro();
    for board in plan.boards_of_kind(BoardKind::Topics) {
        b.simple_board(board);
    }
    for board in plan.boards_of_kind(BoardKind::Keynote) {
        b.keynote(board);
    }
    b.workshops();
    for board in plan.boards_of_kind(BoardKind::Findings) {
        b.simple_board(board);
    }
    b.closing();
    let newsletter = plan
        .newsletter
        .as_deref()
        .map(|n| format!("{} {}", b.s.newsletter, b.newsletter_number(n)));
    let mut minutes = Minutes {
        lang: lang.code(),
        title: b.text(&plan.title),
        newsletter,
        created: runs::meeting_start_utc(plan),
        organization: plan.organization.as_deref().map(|o| b.text(o)),
        blocks: b.blocks,
    };
    runs::typeset(&mut minutes);
    minutes
}

/// How many questions a guiding question holds ("Wie …, welche …, und
/// ist …?" holds three).
pub fn question_count(q: &str) -> usize {
    let marks = q.matches('?').count();
    let interrogatives = [
        "wie",
        "was",
        "wo",
        "welche",
        "welcher",
        "welches",
        "welchen",
        "wer",
        "wen",
        "wem",
        "warum",
        "weshalb",
        "wann",
        "wozu",
        "woran",
        "womit",
        "wodurch",
        "wofür",
        "worauf",
        "inwiefern",
        "how",
        "what",
        "where",
        "which",
        "who",
        "whom",
        "why",
        "when",
        "whether",
    ];
    let clauses = q
        .split([',', '?', ';'])
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .filter(|c| {
            let first = c.split_whitespace().next().unwrap_or("");
            interrogatives.contains(&first) || ["und", "oder", "and", "or"].contains(&first)
        })
        .count();
    marks.max(clauses).max(1)
}

impl<'a> Builder<'a> {
    /// Text as it may appear for this audience.
    fn text(&self, t: &str) -> String {
        let inert = crate::model::text::neutralise_controls(t);
        match self.audience {
            Audience::Internal => inert,
            Audience::Public => self.redactor.redact(&inert),
        }
    }

    /// Text from the plan or a note, with its inline Markdown parsed.
    fn rich(&self, t: &str) -> Vec<Inline> {
        parse(&self.text(t))
    }

    /// The language of what people wrote (plan and notes), when it is not
    /// the language of the minutes.
    fn source_lang(&self) -> Option<&'static str> {
        (self.plan.lang != self.lang).then(|| self.plan.lang.code())
    }

    /// The language of a note, when it is not the language of the minutes:
    /// the one its writer named, else the plan's.
    fn note_lang(&self, note: &Note) -> Option<&'static str> {
        let written = note.lang.unwrap_or(self.plan.lang);
        (written != self.lang).then(|| written.code())
    }

    /// Runs of plan text, marked with the plan's language when the
    /// minutes are in the other one.
    fn foreign(&self, runs: Vec<Inline>) -> Vec<Inline> {
        match self.source_lang() {
            Some(lang) if !runs.is_empty() => vec![Inline::Lang { lang, runs }],
            _ => runs,
        }
    }

    /// A plan text (plain) as runs, marked as `foreign`.
    fn plan_runs(&self, t: &str) -> Vec<Inline> {
        self.foreign(vec![Inline::text(self.text(t))])
    }

    /// A plan text in the quotation marks of the minutes' language.
    fn quoted(&self, t: &str) -> Vec<Inline> {
        let sentence = match self.lang {
            Lang::De => format!("„{ARG0}“"),
            Lang::En => format!("“{ARG0}”"),
        };
        fill(&sentence, &[self.plan_runs(t)])
    }

    fn long_date(&self, d: Date) -> String {
        self.s.long_date(d, self.lang)
    }

    /// "a, b sowie c" / "a, b and c".
    fn join(&self, items: Vec<Vec<Inline>>) -> Vec<Inline> {
        let and = match self.lang {
            Lang::De => " sowie ",
            Lang::En => " and ",
        };
        let count = items.len();
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(Inline::text(if i + 1 == count { and } else { ", " }));
            }
            out.extend(item);
        }
        fill(&ARG0.to_string(), &[out])
    }

    /// "Nr. 07" in the minutes' language: a number the plan wrote with a
    /// label ("Nr. 07", "No. 7", "#7") gets this language's label.
    fn newsletter_number(&self, n: &str) -> String {
        let text = self.text(n);
        let trimmed = text.trim();
        let lower = trimmed.to_lowercase();
        let rest = ["nr.", "no.", "nr", "no", "#"]
            .iter()
            .find_map(|label| lower.strip_prefix(label).map(|_| trimmed[label.len()..].trim_start()))
            .unwrap_or(trimmed);
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            format!("{} {rest}", self.w.number_label)
        } else {
            text
        }
    }

    /// " (Ort: Hochschule Niederrhein)" for a place the plan names.
    fn venue(&self, place: Option<&str>) -> Vec<Inline> {
        match place.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => fill(&format!(" ({}: {ARG0})", self.w.venue), &[self.plan_runs(p)]),
            None => Vec::new(),
        }
    }

    fn title(&mut self) {
        let quoted = self.quoted(&self.plan.title);
        let topic = match (&self.plan.event, self.lang) {
            (Some(event), Lang::De) => fill(&format!("{ARG0} zum Thema {ARG1}"), &[self.plan_runs(event), quoted]),
            (Some(event), Lang::En) => fill(&format!("{ARG0} on {ARG1}"), &[self.plan_runs(event), quoted]),
            (None, _) => quoted,
        };
        let inlines = match &self.plan.series {
            Some(series) => fill(&format!("{ARG0}: {ARG1}"), &[self.plan_runs(series), topic]),
            None => topic,
        };
        let month_year = {
            use chrono::Datelike;
            let d = self.plan.date.0;
            format!("{} {}", self.s.months[d.month0() as usize], d.year())
        };
        let subtitle = Some(match &self.plan.newsletter {
            Some(n) => format!("{} {} / {month_year}", self.s.newsletter, self.newsletter_number(n)),
            None => month_year,
        });
        self.blocks.push(Block::Title {
            text: plain(&inlines),
            subtitle,
            inlines,
        });
    }

    fn intro(&mut self) {
        let date = self.long_date(self.plan.date);
        let ordinal = self.plan.meeting_number.map(|n| self.s.ordinal(n, self.lang));
        let network = self.plan.network.as_deref().map(|n| self.quoted(n));
        let sentence = match self.lang {
            Lang::De => {
                let what = match (&ordinal, &network) {
                    (Some(o), Some(_)) => format!("das {o} Treffen des Netzwerks {ARG0}"),
                    (Some(o), None) => format!("das {o} Treffen"),
                    (None, Some(_)) => format!("ein Treffen des Netzwerks {ARG0}"),
                    (None, None) => "ein Treffen".to_string(),
                };
                format!("Am {date} fand {what} statt{ARG1}. Im Mittelpunkt stand das Thema {ARG2}.")
            }
            Lang::En => {
                let what = match (&ordinal, &network) {
                    (Some(o), Some(_)) => format!("the network {ARG0} held its {o} meeting"),
                    (Some(o), None) => format!("the {o} meeting took place"),
                    (None, Some(_)) => format!("the network {ARG0} met"),
                    (None, None) => "the meeting took place".to_string(),
                };
                format!("On {date}, {what}{ARG1}. Its topic was {ARG2}.")
            }
        };
        let args = [
            network.unwrap_or_default(),
            self.venue(self.plan.location.as_deref()),
            self.quoted(&self.plan.title),
        ];
        self.blocks.push(para(fill(&sentence, &args)));
        if let Some(intro) = &self.plan.intro {
            self.paragraphs(intro);
        }
    }

    /// Plan text split at blank lines into paragraphs.
    fn paragraphs(&mut self, text: &str) {
        for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let inlines = self.rich(p);
            let lang = self.source_lang();
            self.blocks.push(Block::Paragraph { inlines, lang });
        }
    }

    fn sections_with_notes(&self, board: &'a Board) -> Vec<(&'a crate::model::Section, Vec<&'a Note>)> {
        let state: &'a SessionState = self.state;
        board
            .sections
            .iter()
            .map(|s| {
                let mut notes = state.notes_in(&board.id, &s.id);
                if self.plan.starred_first {
                    notes.sort_by_key(|n| !n.starred);
                }
                (s, notes)
            })
            .collect()
    }

    fn section_body(
        &mut self,
        board: &Board,
        section: &crate::model::Section,
        notes: &[&Note],
        titled: bool,
        attribute: bool,
    ) {
        if notes.is_empty() {
            return;
        }
        if titled {
            self.blocks.push(Block::Subheading {
                text: self.text(&section.title),
                lang: self.source_lang(),
            });
        }
        if let Some(lead) = &section.lead {
            self.paragraphs(lead);
        }
        let mut list: Vec<Rich> = Vec::new();
        for note in notes {
            match note.kind {
                NoteKind::Bullet => list.push(self.note_rich(board, note, attribute)),
                NoteKind::Paragraph => {
                    if !list.is_empty() {
                        self.blocks.push(Block::List {
                            items: std::mem::take(&mut list),
                        });
                    }
                    let Rich { inlines, lang } = self.note_rich(board, note, attribute);
                    self.blocks.push(Block::Paragraph { inlines, lang });
                }
            }
        }
        if !list.is_empty() {
            self.blocks.push(Block::List { items: list });
        }
    }

    /// The one author of all these notes, in internal minutes.
    fn single_author<'n>(&self, notes: &[&'n Note]) -> Option<&'n str> {
        if self.audience == Audience::Public {
            return None;
        }
        let mut authors = notes.iter().map(|n| n.by.as_deref().map(str::trim).unwrap_or(""));
        let first = authors.next()?;
        (!first.is_empty() && authors.all(|a| a == first)).then_some(first)
    }

    /// The one author of a whole board's notes.
    fn board_author(&self, groups: &[(&'a crate::model::Section, Vec<&'a Note>)]) -> Option<&'a str> {
        let notes: Vec<&'a Note> = groups.iter().flat_map(|(_, n)| n.iter().copied()).collect();
        self.single_author(&notes)
    }

    /// "Notiert von NAME." after a board whose notes one person wrote.
    fn authors(&mut self, groups: &[(&'a crate::model::Section, Vec<&'a Note>)]) {
        if let Some(by) = self.board_author(groups) {
            let text = match self.lang {
                Lang::De => format!("Notiert von {by}."),
                Lang::En => format!("Notes taken by {by}."),
            };
            self.blocks.push(para(vec![Inline::Emph { text }]));
        }
    }

    /// A note for this audience, with the meeting it came from when it
    /// was carried over and, when `attribute` (internal only), its author
    /// in parentheses — before a closing colon, never after it.
    fn note_rich(&self, board: &Board, note: &Note, attribute: bool) -> Rich {
        let mut inlines = link_phrases(self.rich(note.text.trim_end()), &board.links);
        if let Some(origin) = &note.origin {
            let date = chrono::NaiveDate::parse_from_str(&origin.date, "%Y-%m-%d")
                .ok()
                .map(Date);
            let when = date.map(|d| self.long_date(d)).unwrap_or_else(|| origin.date.clone());
            let suffix = match (self.lang, origin.meeting) {
                (Lang::De, Some(n)) => format!("aus dem {n}. Treffen am {when}"),
                (Lang::De, None) => format!("aus dem Treffen am {when}"),
                (Lang::En, Some(n)) => format!("from meeting {n} on {when}"),
                (Lang::En, None) => format!("from the meeting on {when}"),
            };
            inlines.push(Inline::text(format!(" ({suffix})")));
        }
        if let Some(raised) = self.raised_in(note) {
            inlines.push(Inline::text(format!(" ({raised})")));
        }
        match (&note.by, self.audience) {
            (Some(by), Audience::Internal) if attribute && !by.trim().is_empty() => {
                attribute_before_colon(&mut inlines, &format!(" ({})", by.trim()));
            }
            _ => {}
        }
        Rich {
            inlines,
            lang: self.note_lang(note),
        }
    }

    /// "genannt in 3 von 4 Workshops" for a finding with sources, when the
    /// plan asks for it (`findings_sources`).
    fn raised_in(&self, note: &Note) -> Option<String> {
        if !self.plan.findings_sources {
            return None;
        }
        let p = crate::model::finding::provenance(self.plan, self.state, note)?;
        (p.workshops > 0).then(|| crate::i18n::synthesis_strings(self.lang).raised_in(p.workshops, p.workshops_total))
    }
}

/// Appends `who` to the runs, before a trailing colon if there is one.
fn attribute_before_colon(inlines: &mut Vec<Inline>, who: &str) {
    if let Some(Inline::Text { text }) = inlines.last_mut() {
        let trimmed = text.trim_end();
        if let Some(body) = trimmed.strip_suffix(':') {
            *text = format!("{body}{who}:");
            return;
        }
    }
    inlines.push(Inline::text(who));
}

fn english_time(t: TimeOfDay, with_suffix: bool) -> String {
    use chrono::Timelike;
    let (pm, h) = t.0.hour12();
    let base = format!("{h}:{:02}", t.0.minute());
    if with_suffix {
        format!("{base} {}", if pm { "pm" } else { "am" })
    } else {
        base
    }
}

fn english_range(s: TimeOfDay, e: TimeOfDay) -> String {
    use chrono::Timelike;
    let same_half = (s.0.hour() >= 12) == (e.0.hour() >= 12);
    format!("{}–{}", english_time(s, !same_half), english_time(e, true))
}
