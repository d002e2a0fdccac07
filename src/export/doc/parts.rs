//! The newsletter's parts after the title and intro: keynote and byline,
//! the two-column table, the workshops with their lead-ins and transition,
//! the closing and the next meeting.
use super::*;

impl<'a> Builder<'a> {
    pub(super) fn keynote(&mut self, board: &'a Board) {
        let groups = self.sections_with_notes(board);
        if groups.iter().all(|(_, notes)| notes.is_empty()) {
            return;
        }
        let text = if is_placeholder_title(&board.title) {
            self.s.keynote.to_string()
        } else {
            format!("{}: {}", self.s.keynote, self.quoted(&board.title))
        };
        self.blocks.push(Block::Heading { text });
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

    /// "Vortrag von NAME (ROLE, ORGANIZATION)." — a form that needs no
    /// inflection of the role; the organization linked when it has a URL.
    pub(super) fn byline(&mut self, board: &Board) {
        let Some(speaker) = board.speaker.as_deref().filter(|s| !s.trim().is_empty()) else {
            return;
        };
        let mut inlines = vec![Inline::text(format!("{} {}", self.s.talk_by, self.text(speaker)))];
        let role = board.role.as_deref().map(|r| self.text(r));
        let org = board.organization.as_deref().map(|o| self.text(o));
        if role.is_some() || org.is_some() {
            inlines.push(Inline::text(" ("));
            if let Some(role) = &role {
                inlines.push(Inline::text(role));
                if org.is_some() {
                    inlines.push(Inline::text(", "));
                }
            }
            if let Some(org) = org {
                inlines.push(match board.organization_url.as_deref().filter(|u| safe_url(u)) {
                    Some(url) => Inline::Link {
                        text: org,
                        url: url.to_string(),
                    },
                    None => Inline::text(org),
                });
            }
            inlines.push(Inline::text(")"));
        }
        inlines.push(Inline::text("."));
        self.blocks.push(Block::Paragraph { inlines, lang: None });
    }

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
        let rows = (0..left.1.len().max(right.1.len()))
            .map(|i| {
                let cell = |notes: &Vec<&Note>| {
                    notes
                        .get(i)
                        .map(|n| self.note_rich(board, n, self.board_author(groups).is_none()))
                        .unwrap_or_default()
                };
                [cell(&left.1), cell(&right.1)]
            })
            .collect();
        let source = board.source.as_deref().map(|source| {
            let text = self.text(source);
            let source_run = match board.source_url.as_deref().filter(|u| safe_url(u)) {
                Some(url) => Inline::Link {
                    text,
                    url: url.to_string(),
                },
                None => Inline::text(text),
            };
            vec![
                Inline::text(format!("({}: ", self.s.source)),
                source_run,
                Inline::text(")"),
            ]
        });
        self.blocks.push(Block::Table(TwoColumnTable {
            caption: self.text(&table.caption),
            headers: [self.text(&left.0.title), self.text(&right.0.title)],
            rows,
            source,
        }));
    }

    pub(super) fn workshops(&mut self) {
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
            if let Some(q) = board.question.as_deref().filter(|q| !q.trim().is_empty()) {
                let lead = self.question_lead(i, question_count(q) > 1);
                let mut inlines = vec![Inline::text(format!("{lead} "))];
                inlines.extend(self.rich(q));
                self.blocks.push(Block::Paragraph { inlines, lang: None });
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

    pub(super) fn transition(&mut self, workshops: &[&'a Board]) {
        let sizes: Vec<u32> = workshops.iter().filter_map(|b| b.participants).collect();
        let size = match (sizes.iter().min(), sizes.iter().max()) {
            (Some(lo), Some(hi)) if lo == hi => Some(lo.to_string()),
            (Some(lo), Some(hi)) => Some(format!("{lo}–{hi}")),
            _ => None,
        };
        let titles: Vec<String> = workshops.iter().map(|b| self.quoted(&b.title)).collect();
        let titles = self.join(&titles);
        let after_something = self.blocks.iter().any(|b| matches!(b, Block::Heading { .. }));
        let one = workshops.len() == 1;
        let count = self.s.number(workshops.len());
        let text = match self.lang {
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
                format!("{start} {groups} {topics} {titles}.")
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
                format!("{start} {groups} on {titles}.")
            }
        };
        self.blocks.push(para(text));
    }

    pub(super) fn simple_board(&mut self, board: &'a Board) {
        let groups = self.sections_with_notes(board);
        if groups.iter().all(|(_, notes)| notes.is_empty()) {
            return;
        }
        self.blocks.push(Block::Heading {
            text: self.text(&board.title),
        });
        let titled = board.sections.len() > 1;
        let attribute = self.board_author(&groups).is_none();
        for (section, notes) in &groups {
            self.section_body(board, section, notes, titled, attribute);
        }
        self.authors(&groups);
    }

    pub(super) fn closing(&mut self) {
        let next = self.plan.next_meeting.as_ref().map(|n| self.next_meeting(n));
        let closing = self.plan.closing.as_deref().filter(|c| !c.trim().is_empty());
        if next.is_none() && closing.is_none() {
            return;
        }
        self.blocks.push(Block::Heading {
            text: self.s.next_meeting.to_string(),
        });
        let network = self.plan.network.as_deref().map(|n| self.quoted(n));
        if let Some(when) = next {
            let inlines = match (self.lang, network) {
                (Lang::De, network) => vec![
                    Inline::text(match network {
                        Some(n) => format!(
                            "Herzlichen Dank an alle, die mitgewirkt haben! Das nächste Treffen des Netzwerks {n} findet am "
                        ),
                        None => "Herzlichen Dank an alle, die mitgewirkt haben! Das nächste Treffen findet am ".into(),
                    }),
                    Inline::Strong { text: when },
                    Inline::text(" statt – wir laden schon heute herzlich dazu ein."),
                ],
                (Lang::En, network) => vec![
                    Inline::text(match network {
                        Some(n) => format!(
                            "Many thanks to everyone who took part! The next meeting of the network {n} takes place on "
                        ),
                        None => "Many thanks to everyone who took part! The next meeting takes place on ".into(),
                    }),
                    Inline::Strong { text: when },
                    Inline::text(", and you are warmly invited."),
                ],
            };
            self.blocks.push(Block::Paragraph { inlines, lang: None });
        }
        if let Some(c) = closing {
            self.paragraphs(c);
        }
    }

    pub(super) fn next_meeting(&self, n: &NextMeeting) -> String {
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
}
