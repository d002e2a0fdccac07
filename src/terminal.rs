//! The edge between the app and the local terminal. Raw mode and the
//! alternate screen are restored on every way out: `q`, Ctrl-C, SIGTERM,
//! SIGHUP and panics (ratatui's panic hook). Key presses, store changes and
//! signals feed the shared [`runtime`](crate::runtime) loop.
use std::io::IsTerminal;
use std::sync::mpsc;

use ratatui::crossterm::event;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use crate::app::{App, Message, Tone};
use crate::error::{Error, Result};
use crate::runtime::{LoopOptions, Msg, run_loop};
use crate::store::watch;

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
    let input = tx;
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if input.send(Msg::Term(ev)).is_err() {
                break;
            }
        }
    });
    let options = LoopOptions {
        debug_panic: true,
        ..LoopOptions::default()
    };
    let result = run_loop(&mut terminal, &mut app, &rx, options).map(|_| ());
    ratatui::restore();
    signal_handle.close();
    result
}
