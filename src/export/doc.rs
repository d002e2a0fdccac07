//! The minutes as a format-neutral document in the newsletter's order:
//! title, intro, open topics, keynote (with its Dos/Don'ts table), the
//! transition to the workshops, one part per workshop, key findings and
//! the closing with the next meeting. Renderers only lay this out.
use serde::Serialize;

use super::privacy::{Audience, Redactor};
use crate::i18n::{Strings, strings};
use crate::model::plan::{Date, NextMeeting, TimeOfDay};
use crate::model::{Board, BoardKind, Lang, Note, NoteKind, Plan, SessionState};

/// A run of text inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Bold text.
    Strong(String),
}

/// A block of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// The title with the newsletter line under it.
    Title { text: String, subtitle: Option<String> },
    /// A part's heading.
    Heading { text: String },
    /// A sub-part's heading (a section of a board).
    Subheading { text: String },
    /// A paragraph.
    Paragraph { inlines: Vec<Inline> },
    /// A bullet list.
    List { items: Vec<String> },
    /// A two-column table with a caption.
    Table {
        caption: String,
        headers: [String; 2],
        rows: Vec<[String; 2]>,
    },
}

/// The whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Minutes {
    /// Language code (`de`/`en`).
    pub lang: &'static str,
    /// Plain title (for the HTML `<title>`).
    pub title: String,
    pub blocks: Vec<Block>,
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph {
        inlines: vec![Inline::Text(text.into())],
    }
}

struct Builder<'a> {
    plan: &'a Plan,
    state: &'a SessionState,
    lang: Lang,
    s: &'static Strings,
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
    Minutes {
        lang: lang.code(),
        title: b.text(&plan.title),
        blocks: b.blocks,
    }
}

impl<'a> Builder<'a> {
    /// Text as it may appear for this audience.
    fn text(&self, t: &str) -> String {
        let inert = neutralise_controls(t);
        match self.audience {
            Audience::Internal => inert,
            Audience::Public => self.redactor.redact(&inert),
        }
    }

    fn quoted(&self, t: &str) -> String {
        match self.lang {
            Lang::De => format!("„{}“", self.text(t)),
            Lang::En => format!("“{}”", self.text(t)),
        }
    }

    fn long_date(&self, d: Date) -> String {
        use chrono::Datelike;
        let month = self.s.months[d.0.month0() as usize];
        match self.lang {
            Lang::De => format!("{:02}. {month} {}", d.0.day(), d.0.year()),
            Lang::En => format!("{} {month} {}", d.0.day(), d.0.year()),
        }
    }

    fn title(&mut self) {
        let quoted = self.quoted(&self.plan.title);
        let text = match &self.plan.series {
            Some(series) => format!("{}: {quoted}", self.text(series)),
            None => quoted,
        };
        let month_year = {
            use chrono::Datelike;
            let d = self.plan.date.0;
            format!("{} {}", self.s.months[d.month0() as usize], d.year())
        };
        let subtitle = Some(match &self.plan.newsletter {
            Some(n) => format!("{} {} / {month_year}", self.s.newsletter, self.text(n)),
            None => month_year,
        });
        self.blocks.push(Block::Title { text, subtitle });
    }

    fn intro(&mut self) {
        let date = self.long_date(self.plan.date);
        let ordinal = self.plan.meeting_number.map(|n| self.s.ordinal(n, self.lang));
        let network = self.plan.network.as_deref().map(|n| self.quoted(n));
        let topic = self.quoted(&self.plan.title);
        let first = match self.lang {
            Lang::De => {
                let what = match (&ordinal, &network) {
                    (Some(o), Some(n)) => format!("das {o} Treffen des Netzwerks {n}"),
                    (Some(o), None) => format!("das {o} Treffen"),
                    (None, Some(n)) => format!("ein Treffen des Netzwerks {n}"),
                    (None, None) => "ein Treffen".to_string(),
                };
                format!("Am {date} kam {what} zusammen. Im Mittelpunkt stand das Thema {topic}.")
            }
            Lang::En => {
                let what = match (&ordinal, &network) {
                    (Some(o), Some(n)) => format!("the network {n} held its {o} meeting"),
                    (Some(o), None) => format!("the {o} meeting took place"),
                    (None, Some(n)) => format!("the network {n} met"),
                    (None, None) => "the meeting took place".to_string(),
                };
                format!("On {date}, {what}. Its topic was {topic}.")
            }
        };
        self.blocks.push(para(first));
        if let Some(intro) = &self.plan.intro {
            for p in intro.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                self.blocks.push(para(self.text(p)));
            }
        }
    }

    fn keynote(&mut self, board: &'a Board) {
        let groups = self.sections_with_notes(board);
        if groups.iter().all(|(_, notes)| notes.is_empty()) {
            return;
        }
        self.blocks.push(Block::Heading {
            text: format!("{}: {}", self.s.keynote, self.quoted(&board.title)),
        });
        let speaker: Vec<String> = [&board.speaker, &board.role, &board.organization]
            .into_iter()
            .flatten()
            .map(|t| self.text(t))
            .collect();
        if !speaker.is_empty() {
            self.blocks
                .push(para(format!("{} {}.", self.s.talk_by, speaker.join(", "))));
        }
        let table_cols: Vec<&str> = board
            .table
            .iter()
            .flat_map(|t| t.columns.iter().map(String::as_str))
            .collect();
        let mut table_done = false;
        for (section, notes) in &groups {
            if table_cols.contains(&section.id.as_str()) {
                if !table_done {
                    table_done = true;
                    self.table(board, &groups);
                }
                continue;
            }
            self.section_body(section, notes, false);
        }
    }

    fn table(&mut self, board: &'a Board, groups: &[(&'a crate::model::Section, Vec<&'a Note>)]) {
        let Some(table) = &board.table else { return };
        let column = |id: &str| groups.iter().find(|(s, _)| s.id == id);
        let (Some(left), Some(right)) = (
            table.columns.first().and_then(|c| column(c)),
            table.columns.get(1).and_then(|c| column(c)),
        ) else {
            return;
        };
        if left.1.is_empty() && right.1.is_empty() {
            return;
        }
        let rows = (0..left.1.len().max(right.1.len()))
            .map(|i| {
                let cell = |notes: &Vec<&Note>| notes.get(i).map(|n| self.note_text(n)).unwrap_or_default();
                [cell(&left.1), cell(&right.1)]
            })
            .collect();
        self.blocks.push(Block::Table {
            caption: self.text(&table.caption),
            headers: [self.text(&left.0.title), self.text(&right.0.title)],
            rows,
        });
        if let Some(source) = &board.source {
            self.blocks
                .push(para(format!("({}: {})", self.s.source, self.text(source))));
        }
    }

    fn workshops(&mut self) {
        let workshops: Vec<&'a Board> = self
            .plan
            .boards_of_kind(BoardKind::Workshop)
            .filter(|b| self.state.live_notes().any(|n| n.board == b.id))
            .collect();
        if workshops.is_empty() {
            return;
        }
        self.transition(&workshops);
        for (i, board) in workshops.iter().enumerate() {
            self.blocks.push(Block::Heading {
                text: format!("{} {}: {}", self.s.workshop, i + 1, self.text(&board.title)),
            });
            if let Some(q) = &board.question {
                self.blocks
                    .push(para(format!("{} {}", self.s.question_intro, self.text(q))));
            }
            let groups = self.sections_with_notes(board);
            let titled = board.sections.len() > 1;
            for (section, notes) in &groups {
                self.section_body(section, notes, titled);
            }
        }
    }

    fn transition(&mut self, workshops: &[&'a Board]) {
        let count = self.s.number(workshops.len());
        let sizes: Vec<u32> = workshops.iter().filter_map(|b| b.participants).collect();
        let size = match (sizes.iter().min(), sizes.iter().max()) {
            (Some(lo), Some(hi)) if lo == hi => Some(lo.to_string()),
            (Some(lo), Some(hi)) => Some(format!("{lo}–{hi}")),
            _ => None,
        };
        let titles: Vec<String> = workshops.iter().map(|b| self.text(&b.title)).collect();
        let titles = self.s.join_list(&titles);
        let plural = workshops.len() != 1;
        let text = match (self.lang, size) {
            (Lang::De, Some(size)) => format!(
                "Danach arbeiteten {count} {} mit je {size} Teilnehmenden an diesen Themen: {titles}.",
                if plural { "parallele Workshops" } else { "Workshop" }
            ),
            (Lang::De, None) => format!(
                "Danach arbeiteten {count} {} an diesen Themen: {titles}.",
                if plural { "parallele Workshops" } else { "Workshop" }
            ),
            (Lang::En, Some(size)) => format!(
                "Then {count} {} of {size} participants each took up these topics: {titles}.",
                if plural { "parallel workshops" } else { "workshop" }
            ),
            (Lang::En, None) => format!(
                "Then {count} {} took up these topics: {titles}.",
                if plural { "parallel workshops" } else { "workshop" }
            ),
        };
        self.blocks.push(para(text));
    }

    fn simple_board(&mut self, board: &'a Board) {
        let groups = self.sections_with_notes(board);
        if groups.iter().all(|(_, notes)| notes.is_empty()) {
            return;
        }
        self.blocks.push(Block::Heading {
            text: self.text(&board.title),
        });
        let titled = board.sections.len() > 1;
        for (section, notes) in &groups {
            self.section_body(section, notes, titled);
        }
    }

    fn closing(&mut self) {
        let next = self.plan.next_meeting.as_ref().map(|n| self.next_meeting(n));
        let closing = self.plan.closing.as_deref().filter(|c| !c.trim().is_empty());
        if next.is_none() && closing.is_none() {
            return;
        }
        self.blocks.push(Block::Heading {
            text: self.s.next_meeting.to_string(),
        });
        if let Some(when) = next {
            let inlines = match self.lang {
                Lang::De => vec![
                    Inline::Text("Das nächste Treffen findet am ".into()),
                    Inline::Strong(when),
                    Inline::Text(" statt.".into()),
                ],
                Lang::En => vec![
                    Inline::Text("The next meeting takes place on ".into()),
                    Inline::Strong(when),
                    Inline::Text(".".into()),
                ],
            };
            self.blocks.push(Block::Paragraph { inlines });
        }
        if let Some(c) = closing {
            for p in c.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                self.blocks.push(para(self.text(p)));
            }
        }
    }

    fn next_meeting(&self, n: &NextMeeting) -> String {
        use chrono::Datelike;
        let d = n.date.0;
        match self.lang {
            Lang::De => {
                let date = d.format("%d.%m.%Y").to_string();
                match (n.start, n.end) {
                    (Some(s), Some(e)) => format!("{date} von {s} bis {e} Uhr"),
                    (Some(s), None) => format!("{date} um {s} Uhr"),
                    _ => date,
                }
            }
            Lang::En => {
                let date = format!("{} {} {}", d.day(), self.s.months[d.month0() as usize], d.year());
                match (n.start, n.end) {
                    (Some(s), Some(e)) => format!("{date}, {}", english_range(s, e)),
                    (Some(s), None) => format!("{date}, {}", english_time(s, true)),
                    _ => date,
                }
            }
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

    fn section_body(&mut self, section: &crate::model::Section, notes: &[&Note], titled: bool) {
        if notes.is_empty() {
            return;
        }
        if titled {
            self.blocks.push(Block::Subheading {
                text: self.text(&section.title),
            });
        }
        if let Some(lead) = &section.lead {
            self.blocks.push(para(self.text(lead)));
        }
        let mut list: Vec<String> = Vec::new();
        for note in notes {
            match note.kind {
                NoteKind::Bullet => list.push(self.note_text(note)),
                NoteKind::Paragraph => {
                    if !list.is_empty() {
                        self.blocks.push(Block::List {
                            items: std::mem::take(&mut list),
                        });
                    }
                    self.blocks.push(para(self.note_text(note)));
                }
            }
        }
        if !list.is_empty() {
            self.blocks.push(Block::List { items: list });
        }
    }

    /// A note's text for this audience, with its author when internal and
    /// the meeting it came from when it was carried over.
    fn note_text(&self, note: &Note) -> String {
        let mut text = self.text(note.text.trim_end());
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
            text = format!("{text} ({suffix})");
        }
        if let Some(raised) = self.raised_in(note) {
            text = format!("{text} ({raised})");
        }
        match (&note.by, self.audience) {
            (Some(by), Audience::Internal) if !by.trim().is_empty() => format!("{text} — {by}"),
            _ => text,
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

/// Control characters (terminal escapes, BEL, …) become U+FFFD so no
/// output format can be made to do anything by a note's text.
fn neutralise_controls(t: &str) -> String {
    t.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
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
