//! The join card (`J`): full screen for the projector, how guests join
//! over SSH — the command in large letters, the join code, the host key's
//! fingerprint OpenSSH asks them to confirm, and per group its title with
//! the command that opens it directly.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::clock::{big_clock, big_size};
use crate::app::App;
use crate::app::join::{JoinInfo, PICKER_USER, guest_boards};
use crate::i18n::join::{JoinStrings, join_strings};
use crate::model::Board;
use crate::ui::{text, theme};

/// One piece of the card: words (wrapped to the width) or large letters
/// of at most this many rows.
enum Row {
    Words(String, Style),
    Big(String, u16),
}

/// Draws the join card over all of `area`.
pub fn join_card(app: &App, area: Rect, buf: &mut Buffer) {
    let w = join_strings(app.lang());
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::selected_border())
        .title(Span::styled(format!(" {} ", w.card_title), theme::title()))
        .title_bottom(Span::styled(format!(" {} ", w.card_close), theme::dim()));
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = match &app.config().join {
        Some(info) => card_rows(app, info, w),
        None => vec![Row::Words(w.no_server.to_string(), theme::text())],
    };
    draw_rows(&rows, inner, buf);
}

/// The card's rows, top to bottom.
fn card_rows(app: &App, info: &JoinInfo, w: &JoinStrings) -> Vec<Row> {
    let mut rows = vec![
        Row::Words(w.step_type.to_string(), theme::dim()),
        Row::Big(info.command(PICKER_USER), 4),
    ];
    for host in info.hosts.iter().skip(1) {
        rows.push(Row::Words(
            format!("{} {}", w.also, info.command_at(PICKER_USER, host)),
            theme::text(),
        ));
    }
    // In the order OpenSSH asks: the host key first, then the code.
    rows.push(Row::Words(w.step_key.to_string(), theme::dim()));
    rows.push(Row::Words(info.fingerprint.clone(), theme::title()));
    rows.push(Row::Words(w.step_code.to_string(), theme::dim()));
    rows.push(Row::Big(info.code.clone(), 8));
    rows.push(Row::Words(w.step_pick.to_string(), theme::dim()));
    let groups = group_lines(app, info);
    if !groups.is_empty() {
        rows.push(Row::Words(String::new(), theme::dim()));
        rows.push(Row::Words(w.straight_to_group.to_string(), theme::dim()));
        rows.extend(groups.into_iter().map(|l| Row::Words(l, theme::text())));
    }
    rows
}

/// Per group on screen a guest may write on (see [`guest_boards`]): its
/// title, padded, and the command that opens it.
fn group_lines(app: &App, info: &JoinInfo) -> Vec<String> {
    let mut boards = app.groups();
    if boards.is_empty() {
        boards = app.plan().boards.iter().collect();
    }
    board_lines(info, &guest_boards(app.plan(), boards))
}

/// Per board: its title (inert, cut), padded to the longest, and the
/// command that opens it — the join card's lines and `runde serve`'s.
pub fn board_lines(info: &JoinInfo, boards: &[&Board]) -> Vec<String> {
    let titles: Vec<String> = boards.iter().map(|b| text::cut(&b.title, 40)).collect();
    let pad = titles.iter().map(|t| t.width()).max().unwrap_or(0);
    boards
        .iter()
        .zip(titles)
        .map(|(b, title)| {
            let gap = " ".repeat(pad - title.width() + 3);
            format!("  {title}{gap}{}", info.command(&b.id))
        })
        .collect()
}

/// Lays the rows out: large letters as large as the height allows (smaller,
/// then plain, when the card would not fit), words wrapped.
fn draw_rows(rows: &[Row], area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let heights = |limit: u16| -> Vec<u16> {
        rows.iter()
            .map(|r| match r {
                Row::Words(t, _) => text::wrap(t, width, "", "").len().max(1) as u16,
                Row::Big(t, most) => big_size(t, area.width, (*most).min(limit)).1,
            })
            .collect()
    };
    let fitting = [8, 4, 3, 1]
        .into_iter()
        .map(heights)
        .find(|h| h.iter().sum::<u16>() <= area.height)
        .unwrap_or_else(|| heights(1));
    let mut y = area.y;
    for (row, h) in rows.iter().zip(fitting) {
        let h = h.min(area.bottom().saturating_sub(y));
        if h == 0 {
            break;
        }
        let rect = Rect::new(area.x, y, area.width, h);
        match row {
            Row::Big(t, _) if h > 1 => big_clock(t, theme::title(), 1, rect, buf),
            Row::Big(t, _) => Paragraph::new(Line::from(Span::styled(text::cut(t, width), theme::title())))
                .centered()
                .render(rect, buf),
            Row::Words(t, style) => Paragraph::new(
                text::wrap(t, width, "", "")
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, *style)))
                    .collect::<Vec<_>>(),
            )
            .render(rect, buf),
        }
        y += h;
    }
}
