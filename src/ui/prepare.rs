//! Rendering of the plan editor (`runde prepare`): a pure function of
//! [`Prepare`]. Tabs on top, the tab's list or form, the open field with
//! its validation, the plan's problems, a status line and the key footer.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{help, left_right, text, theme};
use crate::app::prepare::describe as prepare_action_text;
use crate::app::prepare::{
    Action, BOARD_ROWS, BoardRow, MEETING_ROWS, Overlay, Prepare, Tab, board_field_text, board_positions, board_row,
    field_text, shows_board_row,
};
use crate::app::prepare::{Field, MEETING_ORDER, MeetingRow};
use crate::model::plan_edit;

impl Widget for &Prepare {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let input_h = if self.input.is_some() { 4 } else { 0 };
        // The plan changed elsewhere / a refused save: up to three lines.
        let banner_h = match &self.banner {
            Some(b) if area.height >= 10 => (b.width() as u16).div_ceil(area.width.max(1)).clamp(1, 3),
            _ => 0,
        };
        let [tabs, banner, body, input, problems, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(banner_h),
            Constraint::Fill(1),
            Constraint::Length(input_h),
            Constraint::Length(u16::from(area.height >= 6)),
            Constraint::Length(u16::from(self.message.is_some() && area.height >= 8)),
            Constraint::Length(u16::from(area.height >= 3)),
        ])
        .areas(area);
        tab_line(self, tabs, buf);
        if let Some(b) = &self.banner {
            Paragraph::new(text::inert(b))
                .style(theme::warning())
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(banner, buf);
        }
        match self.tab {
            Tab::Meeting => meeting(self, body, buf),
            Tab::Agenda => agenda(self, body, buf),
            Tab::Boards if self.board_form.is_some() => board_form(self, body, buf),
            Tab::Boards => boards(self, body, buf),
            Tab::People => people(self, body, buf),
            Tab::Templates => templates(self, body, buf),
        }
        field(self, input, buf);
        problem_line(self, problems, buf);
        if let Some(m) = &self.message {
            super::status_message(m, status, buf);
        }
        footer_line(self, footer, buf);
        overlay(self, area, buf);
    }
}

fn tab_line(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let s = p.s();
    let mut spans = Vec::new();
    for (i, name) in s.tabs.iter().enumerate() {
        let selected = crate::app::prepare::TABS[i] == p.tab;
        let style = if selected { theme::selected() } else { theme::dim() };
        let mark = if selected { "▸" } else { " " };
        spans.push(Span::styled(format!("{mark}{name} "), style));
    }
    let state = if p.dirty() { s.unsaved } else { s.saved_mark };
    let left: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let width = area.width as usize;
    if left.width() + state.width() + 1 > width {
        // Too narrow for every tab: the current one and the save state.
        let current = s.tabs[crate::app::prepare::TABS.iter().position(|t| *t == p.tab).unwrap_or(0)];
        let line = left_right(
            &format!("▸{current}"),
            theme::selected(),
            state.to_string(),
            theme::warning(),
            width,
        );
        Paragraph::new(line).render(area, buf);
        return;
    }
    let pad = width.saturating_sub(left.width() + state.width());
    spans.push(Span::raw(" ".repeat(pad)));
    let state_style = if p.dirty() { theme::warning() } else { theme::success() };
    spans.push(Span::styled(state, state_style));
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// Rows of `label: value`, the selected one marked, scrolled into view.
fn rows(items: Vec<(String, String)>, selected: Option<usize>, area: Rect, buf: &mut Buffer) {
    let label_w = items
        .iter()
        .map(|(l, _)| l.width())
        .max()
        .unwrap_or(0)
        .min(area.width as usize / 3);
    let lines = items
        .into_iter()
        .map(|(label, value)| {
            if label.is_empty() {
                value
            } else {
                format!("{:<label_w$}  {value}", text::cut(&label, label_w))
            }
        })
        .collect();
    list(lines, selected, area, buf);
}

/// One line per item, the selected one marked with `▸`, scrolled into view.
fn list(items: Vec<String>, selected: Option<usize>, area: Rect, buf: &mut Buffer) {
    let height = area.height as usize;
    if height == 0 {
        return;
    }
    let top = selected.map_or(0, |s| s.saturating_sub(height.saturating_sub(1)));
    let width = area.width as usize;
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, item)| {
            let on = Some(i) == selected;
            let mark = if on { "▸ " } else { "  " };
            let style = if on { theme::selected() } else { theme::text() };
            Line::from(Span::styled(text::cut(&format!("{mark}{item}"), width), style))
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

fn meeting(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let s = p.s();
    let items = (0..MEETING_ROWS)
        .map(|row| {
            let mut value = field_text(&p.plan, Field::Meeting(row)).replace('\n', " ");
            // A date before today is most likely a copied plan's.
            if MEETING_ORDER[row] == MeetingRow::Date && p.today.is_some_and(|today| p.plan.date < today) {
                value = format!("{value}  {}", s.date_in_past);
            }
            (s.meeting_fields[row].to_string(), value)
        })
        .collect();
    rows(items, Some(p.meeting_row), area, buf);
}

fn agenda(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let s = p.s();
    let [list_area, total] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let starts = plan_edit::phase_starts(&p.plan);
    let items: Vec<String> = p
        .plan
        .agenda
        .iter()
        .zip(&starts)
        .map(|(phase, start)| {
            let at = start.map_or("--:--".to_string(), |t| t.to_string());
            let minutes = phase.minutes.map_or("–".to_string(), |m| m.to_string());
            let boards = if phase.boards.is_empty() {
                String::new()
            } else {
                format!("  [{}]", phase.boards.len())
            };
            format!("{at}  {minutes:>3} {}  {}{boards}", s.minutes_short, phase.title)
        })
        .collect();
    if items.is_empty() {
        Paragraph::new(Span::styled(s.no_phases, theme::dim())).render(list_area, buf);
    } else {
        list(items, Some(p.phase_row), list_area, buf);
    }
    Paragraph::new(total_line(p)).render(total, buf);
}

/// "Σ 105 min of 120 min (15:00–17:00) ✓ fits" or the over-planning.
fn total_line(p: &Prepare) -> Line<'static> {
    let s = p.s();
    let sum = plan_edit::agenda_total(&p.plan);
    let head = format!("Σ {sum} {}", s.minutes_short);
    let Some(len) = plan_edit::meeting_length(&p.plan) else {
        return Line::from(Span::styled(head, theme::title()));
    };
    let (start, end) = (
        p.plan.start.map(|t| t.to_string()).unwrap_or_default(),
        p.plan.end.map(|t| t.to_string()).unwrap_or_default(),
    );
    // The verdict first, so a narrow screen still shows it.
    let (verdict, style) = match plan_edit::over_planned(&p.plan) {
        Some(over @ 1..) => (format!("{} {over} {}", s.over, s.minutes_short), theme::alarm()),
        _ => (format!("{} · {} {}", s.fits, len - sum, s.free), theme::success()),
    };
    let numbers = format!("  {head} {} {len} ({start}–{end})", s.of);
    Line::from(vec![
        Span::styled(verdict, style),
        Span::styled(numbers, theme::title()),
    ])
}

fn boards(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let s = p.s();
    let [head, list_area] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let phases = p.plan.agenda.len();
    let name = p
        .plan
        .agenda
        .get(p.board_phase)
        .map_or(s.no_phase.to_string(), |ph| ph.title.clone());
    let header = format!("◂ {name} ({}/{}) ▸", (p.board_phase + 1).min(phases + 1), phases + 1);
    Paragraph::new(Span::styled(text::cut(&header, area.width as usize), theme::title())).render(head, buf);
    let items: Vec<String> = p
        .listed_boards()
        .into_iter()
        .filter_map(|i| p.plan.boards.get(i))
        .map(|b| {
            let question = b.question.as_deref().map(|q| format!(" – {q}")).unwrap_or_default();
            format!("{} [{}]{question}", b.title, s.kind(b.kind))
        })
        .collect();
    if items.is_empty() {
        Paragraph::new(Span::styled(s.no_boards, theme::dim())).render(list_area, buf);
    } else {
        list(items, Some(p.board_row), list_area, buf);
    }
}

fn board_form(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let s = p.s();
    let Some(form) = p.board_form else { return };
    let Some(board) = p.plan.boards.get(form.board) else {
        return;
    };
    let inner = super::framed(&board.title, theme::title(), true, area, buf);
    let positions = board_positions(board);
    let mut items: Vec<(String, String)> = (0..BOARD_ROWS)
        .filter(|&row| shows_board_row(board, row))
        .map(|row| {
            let value = match board_row(row) {
                Some(BoardRow::Kind) => s.kind(board.kind).to_string(),
                _ => board_field_text(board, row),
            };
            (s.board_fields[row].to_string(), value)
        })
        .collect();
    for (i, sec) in board.sections.iter().enumerate() {
        let lead = sec.lead.as_deref().map(|l| format!(" – {l}")).unwrap_or_default();
        let label = if i == 0 { s.sections.to_string() } else { String::new() };
        items.push((label, format!("• {}{lead}", sec.title)));
    }
    // Section rows have an empty label after the first: keep them aligned.
    let label_w = s.board_fields.iter().map(|l| l.width()).max().unwrap_or(0);
    let items = items
        .into_iter()
        .map(|(l, v)| (if l.is_empty() { " ".repeat(label_w) } else { l }, v))
        .collect();
    let at = positions.iter().position(|&p| p == form.row);
    rows(items, at, inner, buf);
}

fn people(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let s = p.s();
    let [head, list_area] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    Paragraph::new(Span::styled(
        text::cut(s.people_public, area.width as usize),
        theme::dim(),
    ))
    .render(head, buf);
    let items: Vec<String> = p
        .plan
        .people
        .iter()
        .map(|person| {
            let mark = if person.public { s.public_yes } else { s.public_no };
            format!("{}  ({mark})", person.name)
        })
        .collect();
    if items.is_empty() {
        Paragraph::new(Span::styled(s.no_people, theme::dim())).render(list_area, buf);
    } else {
        list(items, Some(p.person_row), list_area, buf);
    }
}

fn templates(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let s = p.s();
    let items = p
        .templates
        .iter()
        .map(|(name, built_in)| {
            let kind = if *built_in { s.built_in } else { s.saved_template };
            format!("{name}  ({kind})")
        })
        .collect();
    list(items, Some(p.template_row), area, buf);
}

/// The open text field: label on the frame, the text, and why it is refused.
fn field(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let Some(input) = &p.input else { return };
    if area.height < 3 {
        return;
    }
    let [edit_area, error] = Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(area);
    let inner = super::framed(&field_label(p, input.field), theme::title(), true, edit_area, buf);
    input.area.render(inner, buf);
    if let Some(e) = input.error {
        let msg = p.s().field_error(e, p.lang());
        Paragraph::new(Span::styled(text::cut(msg, area.width as usize), theme::alarm())).render(error, buf);
    }
}

fn field_label(p: &Prepare, field: Field) -> String {
    let s = p.s();
    match field {
        Field::Meeting(row) => s.meeting_fields[row.min(MEETING_ROWS - 1)].into(),
        Field::PhaseTitle(_) => s.phase_title.into(),
        Field::PhaseMinutes(_) => s.phase_minutes.into(),
        Field::NewPhase(_) => s.new_phase.into(),
        Field::Board(_, row) => s.board_fields[row.min(BOARD_ROWS - 1)].into(),
        Field::SectionTitle(..) => s.section_title.into(),
        Field::SectionLead(..) => s.section_lead.into(),
        Field::NewSection(..) => s.new_section.into(),
        Field::NewBoard(_) => s.new_board.into(),
        Field::PersonName(_) => s.person_name.into(),
        Field::NewPerson => s.new_person.into(),
        Field::TemplateName => s.template_name.into(),
    }
}

fn problem_line(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let s = p.s();
    let problems = p.problems();
    let line = match problems.first() {
        None => Span::styled(s.no_problems, theme::success()),
        Some(first) => Span::styled(
            text::cut(
                &format!("{} ({}): {}", s.problems, problems.len(), s.problem(first, p.lang())),
                area.width as usize,
            ),
            theme::warning(),
        ),
    };
    Paragraph::new(line).render(area, buf);
}

/// The one-line footer from the key table: as many as fit, help and quit last.
fn footer_line(p: &Prepare, area: Rect, buf: &mut Buffer) {
    help::footer_of(
        p.bindings(),
        |a| prepare_action_text(p.lang(), a),
        |a| matches!(a, Action::Help | Action::Quit),
        area,
        buf,
    );
}

fn overlay(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let s = p.s();
    match &p.overlay {
        Some(Overlay::Help) => help_box(p, area, buf),
        Some(Overlay::ConfirmQuit) => help::dialog(s.confirm_quit, area, buf),
        Some(Overlay::ConfirmTemplate(name)) => help::dialog(&format!("{name}: {}", s.confirm_template), area, buf),
        None => {}
    }
}

/// The `?` overlay: every binding of the current table with its long text.
fn help_box(p: &Prepare, area: Rect, buf: &mut Buffer) {
    let strings = crate::i18n::strings(p.lang());
    help::help_of(p.bindings(), |a| prepare_action_text(p.lang(), a), strings, area, buf);
}
