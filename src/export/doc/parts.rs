//! The newsletter's parts after the title and intro: keynote and byline,
//! the two-column table, the workshops with their lead-ins and transition,
//! the closing and the next meeting.
use super::runs::{ARG0, ARG1, ARG2};
use super::{
    Block, Board, BoardKind, Builder, Inline, Lang, NextMeeting, Note, Rich, TwoColumnTable, english_range,
    english_time, fill, is_placeholder_title, para, question_count, safe_url, strings,
};

impl<'a> Builder<'a> {
    pub(super) fn keynote(&mut self, board: &'a Board) {
        let groups = self.sections_with_notes(board);
        let has_notes = groups.iter().any(|(_, notes)| !notes.is_empty());
        let titled = !is_placeholder_title(&board.title);
        let has_speaker = board.speaker.as_deref().is_some_and(|s| !s.trim().is_empty());
        // Speaker and title are facts of the plan: a talk without notes
        // is still reported.
        if !has_notes && !(self.ran(board) && (titled || has_speaker)) {
            return;
        }
        let inlines = if titled {
            fill(&format!("{}: {ARG0}", self.s.keynote), &[self.quoted(&board.title)])
        } else {
            vec![Inline::text(self.s.keynote)]
        };
        self.blocks.push(Block::heading(inlines));
        self.byline(board);
        let table_cols: Vec<&str> = board
            .table
            .iter()
            .flat_map(|t| t.columns.iter().map(String::as_str))
            .collect();
        let attribute = self.board_author(&groups).is_none();
        let mut table_done = false;
        for (section, notes) in &groups {
            if table_cols.contains(&section.id.as_str()) {
                if !table_done {
                    table_done = true;
                    self.table(board, &groups);
                }
                continue;
            }
            self.section_body(board, section, notes, false, attribute);
        }
        self.authors(&groups);
    }

    /// Whether a board was part of the meeting: the agenda puts it in a
    /// phase (every board, when the agenda names none), or it has notes.
    pub(super) fn ran(&self, board: &Board) -> bool {
        let no_boards_in_agenda = self.plan.agenda.iter().all(|p| p.boards.is_empty());
        no_boards_in_agenda || self.plan.phase_of_board(&board.id).is_some() || self.has_notes(board)
    }

    pub(super) fn has_notes(&self, board: &Board) -> bool {
        self.state.live_notes().any(|n| n.board == board.id)
    }

    /// "Vortrag von NAME (ROLE, ORGANIZATION)." — a form that needs no
    /// inflection of the role; the organization linked when it has a URL.
    pub(super) fn byline(&mut self, board: &Board) {
        let Some(speaker) = board.speaker.as_deref().filter(|s| !s.trim().is_empty()) else {
            return;
        };
        let mut inlines = vec![Inline::text(format!("{} {}", self.s.talk_by, self.text(speaker)))];
        let role = board
            .role
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .map(|r| self.plan_runs(r));
        let org = board.organization.as_deref().filter(|o| !o.trim().is_empty()).map(|o| {
            let org = self.text(o);
            self.foreign(vec![match board.organization_url.as_deref().filter(|u| safe_url(u)) {
                Some(url) => Inline::Link {
                    text: org,
                    url: url.to_string(),
                },
                None => Inline::text(org),
            }])
        });
        let about = match (role, org) {
            (Some(role), Some(org)) => fill(&format!(" ({ARG0}, {ARG1})"), &[role, org]),
            (Some(one), None) | (None, Some(one)) => fill(&format!(" ({ARG0})"), &[one]),
            (None, None) => Vec::new(),
        };
        inlines.extend(about);
        inlines.push(Inline::text("."));
        self.blocks.push(para(fill(&ARG0.to_string(), &[inlines])));
    }

    /// The table of two sections: their notes as two lists side by side.
    pub(super) fn table(&mut self, board: &'a Board, groups: &[(&'a crate::model::Section, Vec<&'a Note>)]) {
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
        for lead in [&left.0.lead, &right.0.lead].into_iter().flatten() {
            self.paragraphs(lead);
        }
        let attribute = self.board_author(groups).is_none();
        let list =
            |notes: &Vec<&Note>| -> Vec<Rich> { notes.iter().map(|n| self.note_rich(board, n, attribute)).collect() };
        let columns = [list(&left.1), list(&right.1)];
        let source = board.source.as_deref().map(|source| {
            let text = self.text(source);
            let source_run = match board.source_url.as_deref().filter(|u| safe_url(u)) {
                Some(url) => Inline::Link {
                    text,
                    url: url.to_string(),
                },
                None => Inline::text(text),
            };
            fill(
                &format!("({}: {ARG0})", self.s.source),
                &[self.foreign(vec![source_run])],
            )
        });
        self.blocks.push(Block::Table(TwoColumnTable {
            caption: self.text(&table.caption),
            headers: [self.text(&left.0.title), self.text(&right.0.title)],
            columns,
            lang: self.source_lang(),
            source,
        }));
    }

    /// The workshops that ran, named and counted in the overview; each
    /// with notes in its own part (numbered in that order).
    pub(super) fn workshops(&mut self) {
        let ran: Vec<&'a Board> = self
            .plan
            .boards_of_kind(BoardKind::Workshop)
            .filter(|b| self.ran(b))
            .collect();
        if ran.is_empty() {
            return;
        }
        let mut overview = self.transition(&ran);
        let silent: Vec<Vec<Inline>> = ran
            .iter()
            .filter(|b| !self.has_notes(b))
            .map(|b| self.quoted(&b.title))
            .collect();
        if !silent.is_empty() {
            let [before, after] = if silent.len() == 1 {
                self.w.no_notes_one
            } else {
                self.w.no_notes_many
            };
            overview.push(Inline::text(" "));
            overview.extend(fill(&format!("{before}{ARG0}{after}"), &[self.join(silent)]));
        }
        self.blocks.push(para(fill(&ARG0.to_string(), &[overview])));
        let described: Vec<&'a Board> = ran.into_iter().filter(|b| self.has_notes(b)).collect();
        for (i, board) in described.iter().enumerate() {
            self.blocks.push(Block::heading(fill(
                &format!("{} {}: {ARG0}", self.s.workshop, i + 1),
                &[self.plan_runs(&board.title)],
            )));
            if let Some(q) = board.question.as_deref().filter(|q| !q.trim().is_empty()) {
                let lead = self.question_lead(i, question_count(q) > 1);
                let question = self.foreign(self.rich(q));
                self.blocks.push(para(fill(&format!("{lead} {ARG0}"), &[question])));
            }
            let groups = self.sections_with_notes(board);
            let titled = board.sections.len() > 1;
            let attribute = self.board_author(&groups).is_none();
            for (section, notes) in &groups {
                self.section_body(board, section, notes, titled, attribute);
            }
            self.authors(&groups);
        }
    }

    /// The words before a workshop's guiding question, varied from one
    /// workshop to the next and agreeing with the number of questions.
    pub(super) fn question_lead(&self, index: usize, plural: bool) -> &'static str {
        const DE_ONE: [&str; 4] = [
            "Ausgangspunkt war die Frage:",
            "Die Gruppe ging der Frage nach:",
            "Diskutiert wurde die Frage:",
            "Die Gruppe befasste sich mit der Frage:",
        ];
        const DE_MANY: [&str; 4] = [
            "Ausgangspunkt waren die Fragen:",
            "Die Gruppe ging den Fragen nach:",
            "Diskutiert wurden die Fragen:",
            "Die Gruppe befasste sich mit den Fragen:",
        ];
        const EN_ONE: [&str; 4] = [
            "The group started from the question:",
            "The group explored the question:",
            "The discussion centred on the question:",
            "The group took up the question:",
        ];
        const EN_MANY: [&str; 4] = [
            "The group started from the questions:",
            "The group explored the questions:",
            "The discussion centred on the questions:",
            "The group took up the questions:",
        ];
        let set = match (self.lang, plural) {
            (Lang::De, false) => DE_ONE,
            (Lang::De, true) => DE_MANY,
            (Lang::En, false) => EN_ONE,
            (Lang::En, true) => EN_MANY,
        };
        set[index % set.len()]
    }

    /// "Im Anschluss arbeiteten die Teilnehmenden in vier parallelen
    /// Workshops … zu den Themen „A“, „B“ …" as runs.
    pub(super) fn transition(&self, workshops: &[&'a Board]) -> Vec<Inline> {
        let sizes: Vec<u32> = workshops.iter().filter_map(|b| b.participants).collect();
        let size = match (sizes.iter().min(), sizes.iter().max()) {
            (Some(lo), Some(hi)) if lo == hi => Some(lo.to_string()),
            (Some(lo), Some(hi)) => Some(format!("{lo}–{hi}")),
            _ => None,
        };
        let titles = self.join(workshops.iter().map(|b| self.quoted(&b.title)).collect());
        let after_something = self.blocks.iter().any(|b| matches!(b, Block::Heading { .. }));
        let one = workshops.len() == 1;
        let count = self.s.number(workshops.len());
        let sentence = match self.lang {
            Lang::De => {
                let groups = match (one, &size) {
                    (true, Some(size)) => format!("in einem Workshop mit {size} Personen"),
                    (true, None) => "in einem Workshop".to_string(),
                    (false, Some(size)) => format!("in {count} parallelen Workshops mit je {size} Personen"),
                    (false, None) => format!("in {count} parallelen Workshops"),
                };
                let topics = if one { "zum Thema" } else { "zu den Themen" };
                let start = if after_something {
                    "Im Anschluss arbeiteten die Teilnehmenden"
                } else {
                    "Die Teilnehmenden arbeiteten"
                };
                format!("{start} {groups} {topics} {ARG0}.")
            }
            Lang::En => {
                let groups = match (one, &size) {
                    (true, Some(size)) => format!("in one workshop of {size} people"),
                    (true, None) => "in one workshop".to_string(),
                    (false, Some(size)) => format!("in {count} parallel workshops of {size} people each"),
                    (false, None) => format!("in {count} parallel workshops"),
                };
                let start = if after_something {
                    "Afterwards, the participants worked"
                } else {
                    "The participants worked"
                };
                format!("{start} {groups} on {ARG0}.")
            }
        };
        fill(&sentence, &[titles])
    }

    pub(super) fn simple_board(&mut self, board: &'a Board) {
        let groups = self.sections_with_notes(board);
        if groups.iter().all(|(_, notes)| notes.is_empty()) {
            return;
        }
        self.blocks.push(Block::heading(self.plan_runs(&board.title)));
        let titled = board.sections.len() > 1;
        let attribute = self.board_author(&groups).is_none();
        for (section, notes) in &groups {
            self.section_body(board, section, notes, titled, attribute);
        }
        self.authors(&groups);
    }

    pub(super) fn closing(&mut self) {
        let next = self.plan.next_meeting.as_ref();
        let closing = self.plan.closing.as_deref().filter(|c| !c.trim().is_empty());
        if next.is_none() && closing.is_none() {
            return;
        }
        self.blocks
            .push(Block::heading(vec![Inline::text(self.s.next_meeting)]));
        if let Some(n) = next {
            let network = self.plan.network.as_deref().map(|n| self.quoted(n));
            let sentence = match (self.lang, &network) {
                (Lang::De, Some(_)) => format!(
                    "Herzlichen Dank an alle, die mitgewirkt haben! Das nächste Treffen des Netzwerks {ARG0} findet am {ARG1} statt{ARG2} – wir laden schon heute herzlich dazu ein."
                ),
                (Lang::De, None) => format!(
                    "Herzlichen Dank an alle, die mitgewirkt haben! Das nächste Treffen findet am {ARG1} statt{ARG2} – wir laden schon heute herzlich dazu ein."
                ),
                (Lang::En, Some(_)) => format!(
                    "Many thanks to everyone who took part! The next meeting of the network {ARG0} takes place on {ARG1}{ARG2}, and you are warmly invited."
                ),
                (Lang::En, None) => format!(
                    "Many thanks to everyone who took part! The next meeting takes place on {ARG1}{ARG2}, and you are warmly invited."
                ),
            };
            let when = vec![Inline::Strong {
                text: self.next_meeting(n),
            }];
            let args = [network.unwrap_or_default(), when, self.venue(n.location.as_deref())];
            self.blocks.push(para(fill(&sentence, &args)));
        }
        if let Some(c) = closing {
            self.paragraphs(c);
        }
    }

    pub(super) fn next_meeting(&self, n: &NextMeeting) -> String {
        next_meeting_when(n, self.lang)
    }
}

/// When the next meeting is: "08.02.2022 von 15:00 bis 17:00 Uhr" /
/// "8 February 2022, 3:00–5:00 pm".
pub fn next_meeting_when(n: &NextMeeting, lang: Lang) -> String {
    use chrono::Datelike;
    let d = n.date.0;
    match lang {
        Lang::De => {
            let date = d.format("%d.%m.%Y").to_string();
            match (n.start, n.end) {
                (Some(s), Some(e)) => format!("{date} von {s} bis {e} Uhr"),
                (Some(s), None) => format!("{date} um {s} Uhr"),
                _ => date,
            }
        }
        Lang::En => {
            let date = format!("{} {} {}", d.day(), strings(lang).months[d.month0() as usize], d.year());
            match (n.start, n.end) {
                (Some(s), Some(e)) => format!("{date}, {}", english_range(s, e)),
                (Some(s), None) => format!("{date}, {}", english_time(s, true)),
                _ => date,
            }
        }
    }
}
