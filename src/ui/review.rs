//! Rendering of the review view (`runde review`) and of a group's part as
//! published (also over the note-taker's view, key `P`): pure functions of
//! the view's state. Every state has a symbol and a word, never colour
//! alone: `?` open, `=` kept, `▇` replaced; `✓` signed off, `✗` not, `⚠` void.
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::{help, status_message, text, theme};
use crate::app::App;
use crate::app::review::{Action, PART, PartView, Review, Tab, action_text};
use crate::export::privacy::publish::{Doubtful, Piece, place_label};
use crate::export::privacy::signoff::{PartLine, Status};
use crate::i18n::{ReviewStrings, review_strings, strings};
use crate::model::Lang;
use crate::model::review::Verdict;

/// The whole review screen.
pub fn render(r: &Review, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let s = review_strings(r.lang);
    let [head, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::from(r.message.is_some() && area.height >= 6)),
        Constraint::Length(u16::from(area.height >= 3)),
    ])
    .areas(area);
    header(r, s, head, buf);
    match (&r.shown, r.tab) {
        (Some(view), _) => part(view, &view_status(r, view), r.lang, body, buf),
        (None, Tab::Mentions) => mentions(r, s, body, buf),
        (None, Tab::Parts) => parts(r, s, body, buf),
    }
    if let Some(m) = &r.message {
        status_message(m, status, buf);
    }
    footer_of(r.bindings(), r.lang, footer, buf);
    if let Some(name) = &r.prompt {
        help::dialog(&format!("{} {name}▏", s.sign_prompt), area, buf);
    }
    if let Some(scroll) = r.help {
        help::help_of_at(
            r.bindings(),
            |a| action_text(r.lang, *a),
            strings(r.lang),
            scroll,
            area,
            buf,
        );
    }
}

fn view_status(r: &Review, view: &PartView) -> Vec<Status> {
    r.parts
        .iter()
        .find(|p| p.board == view.part.board)
        .map(|p| p.status.clone())
        .unwrap_or_default()
}

fn footer_of(bindings: &[crate::app::keys::Binding<Action>], lang: Lang, area: Rect, buf: &mut Buffer) {
    help::footer_of(
        bindings,
        |a| action_text(lang, *a),
        |a| matches!(a, Action::Help | Action::Quit),
        area,
        buf,
    );
}

/// Title, the two tabs, and how many mentions are open.
fn header(r: &Review, s: &ReviewStrings, area: Rect, buf: &mut Buffer) {
    let tab = |name: &str, on: bool| match on {
        true => Span::styled(format!("[{name}]"), theme::selected()),
        false => Span::styled(format!(" {name} "), theme::dim()),
    };
    let count = s.open_of(r.open_count(), r.items.len());
    let mut spans = vec![
        tab(s.tab_mentions, r.tab == Tab::Mentions),
        tab(s.tab_parts, r.tab == Tab::Parts),
        Span::raw(" "),
        Span::styled(count, theme::title()),
    ];
    if area.width >= 70 {
        spans.insert(0, Span::styled(format!("{} · ", s.title), theme::title()));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// The symbol and word of a mention's state.
fn state_of(d: &Doubtful, s: &ReviewStrings) -> (&'static str, &'static str, Style) {
    match d.verdict {
        None => ("?", s.undecided, theme::warning()),
        Some(Verdict::Keep) => ("=", s.kept, theme::success()),
        Some(_) => ("▇", s.replaced, theme::title()),
    }
}

/// The list of doubtful mentions (two rows each) and the selected one's
/// details under it.
fn mentions(r: &Review, s: &ReviewStrings, area: Rect, buf: &mut Buffer) {
    if r.items.is_empty() {
        Paragraph::new(s.nothing_doubtful)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    let detail_rows = if area.height >= 8 { 3 } else { 0 };
    let [list, detail] = Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_rows)]).areas(area);
    let width = list.width as usize;
    let per_page = (list.height as usize / 2).max(1);
    let first = r.cursor.saturating_sub(per_page - 1);
    let mut lines = Vec::new();
    for (i, d) in r.items.iter().enumerate().skip(first).take(per_page) {
        let (symbol, word, style) = state_of(d, s);
        let selected = i == r.cursor;
        let place = place_label(r.plan(), d, r.lang);
        let right = format!(" {word}");
        let left = text::cut(
            &format!("{symbol} {place}"),
            width.saturating_sub(right.chars().count()),
        );
        let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(left.as_str()) + right.chars().count());
        let row_style = if selected { theme::selected() } else { style };
        lines.push(Line::from(vec![
            Span::styled(left, row_style),
            Span::styled(" ".repeat(pad), row_style),
            Span::styled(right, row_style),
        ]));
        lines.push(sentence(d, width));
    }
    Paragraph::new(lines).render(list, buf);
    if let Some(d) = r.items.get(r.cursor).filter(|_| detail_rows > 0) {
        details(d, s, detail, buf);
    }
}

/// The sentence around a mention on one row, the mention marked.
fn sentence(d: &Doubtful, width: usize) -> Line<'static> {
    let (before, word, after) = d.sentence();
    let room = width.saturating_sub(2 + word.chars().count());
    let keep_before = (room / 2).min(before.chars().count());
    let before: String = {
        let chars: Vec<char> = before.chars().collect();
        chars[chars.len() - keep_before..].iter().collect()
    };
    let after = text::cut(&after, room.saturating_sub(before.chars().count()));
    Line::from(vec![
        Span::raw("  "),
        Span::styled(before, theme::dim()),
        Span::styled(word, Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)),
        Span::styled(after, theme::dim()),
    ])
}

/// Who the selected mention may be, why it is doubtful, what is decided.
fn details(d: &Doubtful, s: &ReviewStrings, area: Rect, buf: &mut Buffer) {
    let why = d.found.doubt.map_or("", |doubt| s.why(doubt));
    let decided = match (d.verdict, d.by_word) {
        (None, _) => s.undecided.to_string(),
        (Some(_), true) => format!("{} · {}", state_of(d, s).1, s.for_every(d.written())),
        (Some(_), false) => format!("{} · {}", state_of(d, s).1, s.for_this_one),
    };
    let lines = vec![
        Line::from(Span::styled("─".repeat(area.width as usize), theme::border())),
        Line::from(Span::styled(
            format!("{}? · {why}", text::inert(&d.names)),
            theme::text(),
        )),
        Line::from(Span::styled(format!("{} {decided}", s.decided), theme::dim())),
    ];
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf);
}

/// The groups' parts: who signed off, or that nobody did.
fn parts(r: &Review, s: &ReviewStrings, area: Rect, buf: &mut Buffer) {
    if r.parts.is_empty() {
        Paragraph::new(s.no_parts).render(area, buf);
        return;
    }
    let width = area.width as usize;
    let lines: Vec<Line> = r
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (symbol, words, style) = signed_words(&p.status, s);
            let row = text::cut(&format!("{symbol} {} — {words}", text::inert(&p.title)), width);
            Line::from(Span::styled(
                row,
                if i == r.part_cursor { theme::selected() } else { style },
            ))
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// `✓ signed off by …`, `⚠ … void`, or `✗ not signed off`.
fn signed_words(status: &[Status], s: &ReviewStrings) -> (&'static str, String, Style) {
    if let Some(ok) = status.iter().find(|st| st.holds) {
        return ("✓", s.signed_by(&text::inert(&ok.by), true), theme::success());
    }
    match status.last() {
        Some(void) => ("⚠", s.signed_by(&text::inert(&void.by), false), theme::warning()),
        None => ("✗", s.not_signed.to_string(), theme::alarm()),
    }
}

/// A part exactly as it will be published: replacements shown as they
/// will read (▇ marked), kept words underlined, undecided mentions as
/// `?word?`, with who signed off above.
pub fn part(view: &PartView, status: &[Status], lang: Lang, area: Rect, buf: &mut Buffer) {
    let s = review_strings(lang);
    let p = &view.part;
    let (symbol, words, style) = signed_words(status, s);
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{} ({})", text::inert(&p.title), s.part_title),
            theme::title(),
        )),
        Line::from(Span::styled(format!("{symbol} {words}"), style)),
    ];
    if p.undecided > 0 {
        lines.push(Line::from(Span::styled(
            format!("? {}", s.open_mentions(p.undecided)),
            theme::warning(),
        )));
    }
    if p.lines.is_empty() {
        lines.push(Line::from(s.part_empty));
    }
    for line in &p.lines {
        lines.push(match line {
            PartLine::Heading(h) => Line::from(Span::styled(format!("▸ {}", text::inert(h)), theme::title())),
            PartLine::Note { pieces, .. } => {
                let mut spans = vec![Span::raw("• ")];
                spans.extend(pieces.iter().map(piece));
                Line::from(spans)
            }
        });
    }
    Clear.render(area, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((view.scroll.min(u16::MAX as usize) as u16, 0))
        .render(area, buf);
}

fn piece(p: &Piece) -> Span<'static> {
    match p {
        Piece::Text(t) => Span::raw(text::inert(t)),
        Piece::Replaced { now, .. } => Span::styled(format!("▇{now}"), theme::selected()),
        Piece::Kept(t) => Span::styled(text::inert(t), Style::default().add_modifier(Modifier::UNDERLINED)),
        Piece::Open { was, .. } => Span::styled(format!("?{}?", text::inert(was)), theme::warning()),
    }
}

/// The note-taker's part over their board (key `P`), with its own footer.
pub fn part_overlay(app: &App, view: &PartView, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let [body, status, footer] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(u16::from(app.message().is_some() && area.height >= 6)),
        Constraint::Length(u16::from(area.height >= 3)),
    ])
    .areas(area);
    Clear.render(area, buf);
    part(view, &view.status(app.plan(), app.state()), app.lang(), body, buf);
    if let Some(m) = &app.message() {
        status_message(m, status, buf);
    }
    footer_of(PART, app.lang(), footer, buf);
    if view.help {
        help::help_of_at(PART, |a| action_text(app.lang(), *a), strings(app.lang()), 0, area, buf);
    }
}

/// " ✓ Anna" on a group's tile when a sign-off of its part holds, " ⚠ Anna"
/// when the only ones are void; nothing before anyone signed off.
pub fn signoff_badge(app: &App, board: &str) -> Option<Span<'static>> {
    let status = crate::export::privacy::signoff::status(app.plan(), app.state(), board);
    let (symbol, by, style) = match status.iter().find(|s| s.holds) {
        Some(ok) => ("✓", &ok.by, theme::success()),
        None => ("⚠", &status.last()?.by, theme::warning()),
    };
    Some(Span::styled(format!(" {symbol} {}", text::inert(by)), style))
}

/// After the groups worked (a phase after the workshops, parts with
/// notes): one line naming each group's part and who signed it off —
/// `✓ Title (Anna)`, `⚠ Title (Anna)` when void, `✗ Title` when nobody did.
pub fn plenary_signoffs(app: &App) -> Option<Line<'static>> {
    use crate::export::privacy::signoff;
    let (plan, state) = (app.plan(), app.state());
    let workshop = |p: &crate::model::plan::Phase| {
        p.boards.iter().any(|b| {
            plan.board(b)
                .is_some_and(|b| b.kind == crate::model::BoardKind::Workshop)
        })
    };
    let now = plan.agenda.iter().position(|p| Some(p.id.as_str()) == state.phase())?;
    if workshop(&plan.agenda[now]) || !plan.agenda[..now].iter().any(workshop) {
        return None;
    }
    let parts = signoff::parts_with_notes(plan, state);
    if parts.is_empty() {
        return None;
    }
    let s = review_strings(app.lang());
    let mut spans = vec![Span::styled(format!("{}: ", s.tab_parts), theme::title())];
    for (i, board) in parts.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme::dim()));
        }
        let title = plan.board(board).map_or(board.as_str(), |b| b.title.as_str());
        let status = signoff::status(plan, state, board);
        let (symbol, _, style) = signed_words(&status, s);
        let by = status
            .iter()
            .find(|st| st.holds)
            .or(status.last())
            .map(|st| format!(" ({})", text::inert(&st.by)))
            .unwrap_or_default();
        spans.push(Span::styled(format!("{symbol} {}{by}", text::inert(title)), style));
    }
    Some(Line::from(spans))
}

/// Draws the line of [`plenary_signoffs`].
pub fn signoff_strip(line: Line<'static>, area: Rect, buf: &mut Buffer) {
    Paragraph::new(line).render(area, buf);
}
