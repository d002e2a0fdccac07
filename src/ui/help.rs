//! The footer hint line and the `?` help overlay — both generated from the
//! key-binding table the dispatcher uses — and the small dialogs.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::theme;
use unicode_width::UnicodeWidthStr;

use crate::app::keys::Binding;
use crate::app::{Action, App, Overlay};

/// The one-line footer: the table's footer bindings, as many as fit;
/// `?` and `q` always, and `i` when the screen `cut` the broadcast.
pub fn footer(app: &App, cut: bool, area: Rect, buf: &mut Buffer) {
    footer_of(
        &app.shown_bindings(),
        |a| a.describe(app.lang()),
        |a| matches!(a, Action::Help | Action::Quit) || (cut && *a == Action::ShowInfo),
        area,
        buf,
    );
}

/// The footer of any view's table: `text` gives (short, long) words of an
/// action; `pinned` ones (help, quit) always show, at the end.
pub fn footer_of<A: Clone>(
    bindings: &[Binding<A>],
    text: impl Fn(&A) -> (&'static str, &'static str),
    pinned: impl Fn(&A) -> bool,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.height == 0 {
        return;
    }
    let shown: Vec<&Binding<A>> = bindings.iter().filter(|b| b.footer && !b.shown.is_empty()).collect();
    let (always, rest): (Vec<&Binding<A>>, Vec<&Binding<A>>) = shown.into_iter().partition(|b| pinned(&b.action));
    let piece = |b: &Binding<A>| {
        let (short, _) = text(&b.action);
        (b.shown, short, b.shown.width() + 1 + short.width() + 2)
    };
    // The last piece needs no gap after it.
    let width = area.width as usize + 2;
    let mut used: usize = always.iter().map(|b| piece(b).2).sum();
    let mut chosen = Vec::new();
    for b in rest {
        let (_, _, w) = piece(b);
        if used + w > width {
            break;
        }
        used += w;
        chosen.push(b);
    }
    chosen.extend(always);
    let mut spans: Vec<Span> = Vec::new();
    for b in chosen {
        let (keys, short, _) = piece(b);
        spans.push(Span::styled(keys, theme::key()));
        spans.push(Span::styled(format!(" {short}  "), theme::dim()));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// Help and dialogs on top of everything.
pub fn overlays(app: &App, area: Rect, buf: &mut Buffer) {
    let s = app.s();
    match app.overlay() {
        Some(Overlay::Help) => help(app, area, buf),
        Some(Overlay::ConfirmQuit) => {
            let question = match &app.screen {
                crate::app::Screen::Facilitator(f) if !f.quit_guests.is_empty() => {
                    crate::i18n::join::guests_connected(app.lang(), &f.quit_guests)
                }
                crate::app::Screen::Facilitator(_) => s.confirm_quit.to_string(),
                _ => crate::i18n::view_strings(app.lang()).confirm_quit_note.to_string(),
            };
            dialog(&question, area, buf)
        }
        Some(Overlay::JoinCard) => super::facilitator::join_card(app, area, buf),
        Some(Overlay::Info) => super::note::info_overlay(app, area, buf),
        Some(Overlay::SignalPicker) => dialog(s.signal_prompt, area, buf),
        Some(Overlay::SectionPicker) => {
            let sections: Vec<String> = app
                .note_board()
                .map(|b| {
                    b.sections
                        .iter()
                        .enumerate()
                        .map(|(i, sec)| format!("{} {}", i + 1, sec.title))
                        .collect()
                })
                .unwrap_or_default();
            dialog(&format!("{}  {}", s.section_prompt, sections.join(" · ")), area, buf);
        }
        Some(Overlay::Drafts) => {
            let drafts: Vec<String> = app
                .board_drafts()
                .iter()
                .take(9)
                .enumerate()
                .map(|(i, d)| {
                    // The rest of a long paste has an id of its own but no base: a new note.
                    let mark = if d.editing.is_some() && d.base.is_some() {
                        "✎ "
                    } else {
                        "+ "
                    };
                    let first = d.text.lines().next().unwrap_or_default();
                    format!("{} {mark}„{}“", i + 1, super::text::cut(first, 24))
                })
                .collect();
            dialog(&format!("{}  {}", s.drafts_prompt, drafts.join(" · ")), area, buf);
        }
        None => {}
    }
}

fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let bottom = crate::i18n::view_strings(app.lang()).help_scroll;
    let mut rows = join_rows(app);
    rows.extend(
        help_entries(&app.shown_bindings(), |a| a.describe(app.lang()))
            .into_iter()
            .map(|(k, t)| (k.to_string(), t.to_string())),
    );
    let entries: Vec<(&str, &str)> = rows.iter().map(|(k, t)| (k.as_str(), t.as_str())).collect();
    help_box(
        &entries,
        app.s().help_title,
        bottom,
        app.shared.transient.help_scroll,
        area,
        buf,
    );
}

/// While a server for guests runs: how to join and the host key's
/// fingerprint OpenSSH asks every guest to confirm, above the keys.
pub fn join_rows(app: &App) -> Vec<(String, String)> {
    let Some(info) = &app.config().join else {
        return Vec::new();
    };
    let w = crate::i18n::join::join_strings(app.lang());
    vec![
        ("ssh".to_string(), info.command(crate::app::join::PICKER_USER)),
        (w.code.to_string(), info.code.clone()),
        (w.host_key.to_string(), info.fingerprint.clone()),
    ]
}

/// The `?` overlay of any view's table: every binding with its long words.
pub fn help_of<A: Clone>(
    bindings: &[Binding<A>],
    text: impl Fn(&A) -> (&'static str, &'static str),
    s: &crate::i18n::Strings,
    area: Rect,
    buf: &mut Buffer,
) {
    help_of_at(bindings, text, s, 0, area, buf);
}

/// [`help_of`] with the first `scroll` entries skipped (small screens).
pub fn help_of_at<A: Clone>(
    bindings: &[Binding<A>],
    text: impl Fn(&A) -> (&'static str, &'static str),
    s: &crate::i18n::Strings,
    scroll: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let entries = help_entries(bindings, text);
    help_box(&entries, s.help_title, s.help_close, scroll, area, buf);
}

/// One help entry per binding group: a table's bindings with a label
/// (a group's other bindings have none and are described by the first).
fn help_entries<A: Clone>(
    bindings: &[Binding<A>],
    text: impl Fn(&A) -> (&'static str, &'static str),
) -> Vec<(&'static str, &'static str)> {
    bindings
        .iter()
        .filter(|b| !b.shown.is_empty())
        .map(|b| (b.shown, text(&b.action).1))
        .collect()
}

/// The help box: keys right-aligned, words wrapped beside them; the first
/// `scroll` entries skipped (never so many that the box is left half empty).
fn help_box(entries: &[(&str, &str)], title: &str, bottom: &str, scroll: usize, area: Rect, buf: &mut Buffer) {
    let key_width = entries.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let text_width = entries.iter().map(|(_, t)| t.width()).max().unwrap_or(0);
    let width = (key_width + 2 + text_width + 2).min(100).min(area.width as usize) as u16;
    let wrap_at = (width as usize).saturating_sub(2 + key_width + 2).max(8);
    let rows: Vec<Vec<Line>> = entries
        .iter()
        .map(|(keys, words)| {
            super::text::wrap(words, wrap_at, "", "")
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    let keys = if i == 0 { *keys } else { "" };
                    Line::from(vec![
                        Span::styled(format!("{keys:>key_width$}  "), theme::key()),
                        Span::raw(l),
                    ])
                })
                .collect()
        })
        .collect();
    let total: usize = rows.iter().map(Vec::len).sum();
    let height = (total as u16 + 2).min(area.height);
    let visible = height.saturating_sub(2) as usize;
    let first = scroll.min(last_full_start(&rows, visible));
    let lines: Vec<Line> = rows.into_iter().skip(first).flatten().take(visible).collect();
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::selected_border())
                .title(Span::styled(format!(" {title} "), theme::title()))
                .title_bottom(Span::styled(format!(" {bottom} "), theme::dim())),
        )
        .render(rect, buf);
}

/// The first entry from which the rest fills `visible` rows at most.
fn last_full_start(rows: &[Vec<Line>], visible: usize) -> usize {
    let mut used = 0;
    for (i, entry) in rows.iter().enumerate().rev() {
        used += entry.len();
        if used > visible {
            return (i + 1).min(rows.len() - 1);
        }
    }
    0
}

pub fn dialog(text: &str, area: Rect, buf: &mut Buffer) {
    let width = 64.min(area.width);
    let inner = width.saturating_sub(2).max(1) as usize;
    let lines = super::text::wrap(text, inner, "", "");
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .wrap(Wrap { trim: false })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::selected_border()),
        )
        .render(rect, buf);
}

pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width: width.min(area.width),
        height: height.min(area.height),
    }
}
