//! The one palette: high contrast, readable from the back of a room on a
//! projector. Meaning is never carried by colour alone — every state also
//! has a symbol or a word.
use ratatui::style::{Color, Modifier, Style};

/// Normal text.
pub fn text() -> Style {
    Style::default()
}
/// Secondary text (questions, leads, hints).
pub fn dim() -> Style {
    Style::default().fg(Color::Gray)
}
/// Titles.
pub fn title() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}
/// The selected tile, note or phase.
pub fn selected() -> Style {
    Style::default()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}
/// Border of the selected tile.
pub fn selected_border() -> Style {
    Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
/// Border of other tiles.
pub fn border() -> Style {
    Style::default().fg(Color::Gray)
}
/// A running timer.
pub fn running() -> Style {
    Style::default().fg(Color::LightGreen).add_modifier(Modifier::BOLD)
}
/// A paused timer.
pub fn paused() -> Style {
    Style::default().fg(Color::LightCyan).add_modifier(Modifier::BOLD)
}
/// An idle timer.
pub fn idle() -> Style {
    Style::default().fg(Color::Gray)
}
/// Less than five minutes left.
pub fn warning() -> Style {
    Style::default().fg(Color::LightYellow).add_modifier(Modifier::BOLD)
}
/// Over time, errors.
pub fn alarm() -> Style {
    Style::default().fg(Color::LightRed).add_modifier(Modifier::BOLD)
}
/// Success messages.
pub fn success() -> Style {
    Style::default().fg(Color::LightGreen)
}
/// The broadcast line.
pub fn broadcast() -> Style {
    Style::default()
        .fg(Color::Black)
        .bg(Color::LightCyan)
        .add_modifier(Modifier::BOLD)
}
/// A pending signal from a group.
pub fn signal() -> Style {
    Style::default()
        .fg(Color::Black)
        .bg(Color::LightMagenta)
        .add_modifier(Modifier::BOLD)
}
/// Key names in the footer and help.
pub fn key() -> Style {
    Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
/// Starred notes (with ★).
pub fn starred() -> Style {
    Style::default().fg(Color::LightYellow)
}
