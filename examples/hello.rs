//! The floor for the benchmark driver: the smallest ratatui program that
//! draws a frame and redraws on every key (q quits).
use ratatui::crossterm::event::{self, Event, KeyCode};
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let mut keys = 0u64;
    loop {
        terminal.draw(|f| f.render_widget(Paragraph::new(format!("hello runde {keys}")), f.area()))?;
        if let Event::Key(k) = event::read()? {
            if k.code == KeyCode::Char('q') {
                break;
            }
            keys += 1;
        }
    }
    ratatui::restore();
    Ok(())
}
