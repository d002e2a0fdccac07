//! The edge between the app and a real terminal. Raw mode and the
//! alternate screen are restored on every way out: `q`, Ctrl-C, SIGTERM,
//! SIGHUP and panics (ratatui's panic hook), and so is bracketed paste, which
//! is on while a view runs (a paste arrives as one `Event::Paste`, never as
//! keys). Key presses, store changes and
//! the clock arrive on one channel; the screen is redrawn only when
//! something changed, and the app wakes once per second while idle.
use std::io::{IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use crate::app::{Action, App, Message, Tone};
use crate::error::{Error, Result};
use crate::store::watch;

/// Something the event loop must react to.
enum Msg {
    /// A key, mouse, paste or resize event.
    Term(event::Event),
    /// The session folder changed.
    Store,
    /// A termination signal arrived.
    Stop,
}

/// Runs the app until it quits; the terminal is restored afterwards.
pub fn run(mut app: App) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "this view needs a terminal (stdin and stdout must be a TTY)".into(),
        ));
    }
    let (tx, rx) = mpsc::channel();
    let _watcher = match watch::watch(app.session.dir(), tx.clone(), || Msg::Store) {
        Ok(w) => Some(w),
        Err(e) => {
            app.message = Some(Message {
                text: e.to_string(),
                tone: Tone::Warning,
            });
            None
        }
    };
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .map_err(|e| Error::io("<signals>", e))?;
    let signal_handle = signals.handle();
    let stop = tx.clone();
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = stop.send(Msg::Stop);
        }
    });
    let mut terminal = ratatui::try_init().map_err(|e| Error::io("<terminal>", e))?;
    enable_paste();
    let input = tx;
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if input.send(Msg::Term(ev)).is_err() {
                break;
            }
        }
    });
    let result = event_loop(&mut terminal, &mut app, &rx);
    disable_paste();
    ratatui::restore();
    signal_handle.close();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, rx: &mpsc::Receiver<Msg>) -> Result<()> {
    let mut dirty = true;
    app.defer_drafts = true;
    let mut next_tick = Instant::now() + Duration::from_millis(app.ms_until_next_second());
    loop {
        if dirty {
            terminal
                .draw(|frame| frame.render_widget(&*app, frame.area()))
                .map_err(|e| Error::io("<terminal>", e))?;
            dirty = false;
        }
        if std::mem::take(&mut app.bell_pending) {
            let out = terminal.backend_mut();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        if app.quit {
            return Ok(());
        }
        let now = Instant::now();
        if now >= next_tick {
            dirty |= app.update(Action::Tick);
            next_tick = now + Duration::from_millis(app.ms_until_next_second());
            continue;
        }
        let first = match rx.recv_timeout(next_tick - now) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
            Err(RecvTimeoutError::Timeout) => continue,
        };
        // Everything already waiting (a burst of keys) is handled before
        // the next redraw, so input never queues up behind drawing.
        let mut next = Some(first);
        while let Some(msg) = next.take() {
            match msg {
                Msg::Term(ev) => {
                    debug_panic(&ev);
                    dirty |= app.handle_event(ev);
                }
                Msg::Store => dirty |= app.update(Action::StoreChanged),
                Msg::Stop => return Ok(()),
            }
            if !app.quit && app.overlay.is_none() {
                next = rx.try_recv().ok();
            }
        }
        app.flush_draft();
    }
}

/// Turns bracketed paste on, and makes a panic turn it off again before
/// ratatui's hook restores the rest of the terminal.
fn enable_paste() {
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_paste();
        restore(info);
    }));
    let _ = ratatui::crossterm::execute!(std::io::stdout(), event::EnableBracketedPaste);
}

fn disable_paste() {
    let _ = ratatui::crossterm::execute!(std::io::stdout(), event::DisableBracketedPaste);
}

/// With `RUNDE_DEBUG_PANIC=1`, F12 panics on purpose: a way to check that a
/// crash leaves the terminal usable (used by the end-to-end tests).
fn debug_panic(ev: &event::Event) {
    if let event::Event::Key(k) = ev {
        if k.code == event::KeyCode::F(12) && std::env::var_os("RUNDE_DEBUG_PANIC").is_some() {
            panic!("RUNDE_DEBUG_PANIC: panic requested with F12");
        }
    }
}

/// Runs the plan editor (`runde prepare`) until it quits. It has no clock
/// to tick and no session to watch: it redraws after each event only.
pub fn run_prepare(mut editor: crate::app::prepare::Prepare) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "this view needs a terminal (stdin and stdout must be a TTY)".into(),
        ));
    }
    let (tx, rx) = mpsc::channel();
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .map_err(|e| Error::io("<signals>", e))?;
    let signal_handle = signals.handle();
    let stop = tx.clone();
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = stop.send(Msg::Stop);
        }
    });
    let mut terminal = ratatui::try_init().map_err(|e| Error::io("<terminal>", e))?;
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Msg::Term(ev)).is_err() {
                break;
            }
        }
    });
    let result = (|| -> Result<()> {
        let mut dirty = true;
        loop {
            if dirty {
                terminal
                    .draw(|frame| frame.render_widget(&editor, frame.area()))
                    .map_err(|e| Error::io("<terminal>", e))?;
            }
            if editor.quit {
                return Ok(());
            }
            match rx.recv() {
                Ok(Msg::Term(ev)) => dirty = editor.handle_event(ev),
                Ok(Msg::Store) => dirty = false,
                Ok(Msg::Stop) | Err(_) => return Ok(()),
            }
        }
    })();
    ratatui::restore();
    signal_handle.close();
    result
}
