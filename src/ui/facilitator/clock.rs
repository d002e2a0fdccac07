//! The countdown digits: how large they can be drawn in a tile or on the
//! projector.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

/// How many times the full-size digits are magnified: as often as they
/// fit into the width and three fifths of the height (so a tile keeps
/// room for its notes) — 1 on ordinary screens, more on a big projector.
pub(super) fn big_scale(text: &str, width: u16, height: u16) -> u16 {
    let chars = text.chars().count().max(1) as u16;
    (width / chars.saturating_mul(8))
        .min(height.saturating_mul(3) / 5 / 8)
        .max(1)
}

/// The magnification and the rows the clock takes in an area of this size.
pub(super) fn big_clock_layout(text: &str, width: u16, height: u16) -> (u16, u16) {
    match big_scale(text, width, height) {
        1 => (1, big_size(text, width, height).1),
        k => (k, 8 * k),
    }
}

/// A countdown in big digits, magnified `scale` times (1: the largest
/// big-text size that fits the area).
pub(super) fn big_clock(text: &str, style: Style, scale: u16, area: Rect, buf: &mut Buffer) {
    if scale > 1 {
        return magnified_clock(text, style, scale, area, buf);
    }
    match big_size(text, area.width, area.height).0 {
        Some(px) => BigText::builder()
            .pixel_size(px)
            .style(style)
            .centered()
            .lines(vec![Line::from(text.to_string())])
            .build()
            .render(area, buf),
        None => Paragraph::new(Line::from(Span::styled(text.to_string(), style)))
            .centered()
            .render(area, buf),
    }
}

/// Full-size big digits with every cell drawn `scale` × `scale` times, centred.
pub(super) fn magnified_clock(text: &str, style: Style, scale: u16, area: Rect, buf: &mut Buffer) {
    let width = text.chars().count() as u16 * 8;
    let mut glyphs = Buffer::empty(Rect::new(0, 0, width, 8));
    BigText::builder()
        .pixel_size(PixelSize::Full)
        .style(style)
        .lines(vec![Line::from(text.to_string())])
        .build()
        .render(glyphs.area, &mut glyphs);
    let left = area.x + area.width.saturating_sub(width * scale) / 2;
    for gy in 0..8 {
        for gx in 0..width {
            let Some(cell) = glyphs.cell((gx, gy)).cloned() else {
                continue;
            };
            for dy in 0..scale {
                for dx in 0..scale {
                    let (x, y) = (left + gx * scale + dx, area.y + gy * scale + dy);
                    if x < area.right() && y < area.bottom() {
                        if let Some(target) = buf.cell_mut((x, y)) {
                            *target = cell.clone();
                        }
                    }
                }
            }
        }
    }
}

/// Picks the largest big-text size that fits; `None` for plain text.
pub(super) fn big_size(text: &str, width: u16, height: u16) -> (Option<PixelSize>, u16) {
    let chars = text.chars().count() as u16;
    for (px, cw, ch) in [
        (PixelSize::Full, 8, 8),
        (PixelSize::HalfHeight, 8, 4),
        (PixelSize::Quadrant, 4, 4),
        (PixelSize::Sextant, 4, 3),
    ] {
        if chars * cw <= width && ch <= height {
            return (Some(px), ch);
        }
    }
    (None, 1)
}
