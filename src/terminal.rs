//! The edge between the app and the local terminal. Raw mode and the
//! alternate screen are restored on every way out: `q`, Ctrl-C, SIGTERM,
//! SIGHUP and panics (ratatui's panic hook), and so is bracketed paste, which
//! is on while a view runs (a paste arrives as one `Event::Paste`, never as
//! keys). Key presses, store changes and signals feed the shared
//! [`runtime`](crate::runtime) loop.
use std::io::IsTerminal;
use std::sync::mpsc;

use ratatui::crossterm::event;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use crate::app::Action;
use crate::error::{Error, Result};
use crate::runtime::{LoopOptions, Msg, Runner, run_loop};
use crate::store::watch;

/// Runs a view until it quits; the terminal is restored afterwards.
pub fn run(mut runner: Runner) -> Result<()> {
    require_terminal()?;
    let (tx, rx) = mpsc::channel();
    let _watcher = match watch::watch(runner.folder().dir(), tx.clone(), || Msg::Store) {
        Ok(w) => Some(w),
        Err(e) => {
            runner.update(Action::Warn(e.in_lang(runner.app().lang())));
            None
        }
    };
    let wake = tx.clone();
    runner.write_in_background(Box::new(move || {
        let _ = wake.send(Msg::Store);
    }))?;
    let (mut terminal, edges) = Edges::start(tx)?;
    let options = LoopOptions {
        debug_panic: true,
        ..LoopOptions::default()
    };
    let result = run_loop(&mut terminal, &mut runner, &rx, options).map(|_| ());
    edges.stop();
    result
}

/// The views need a terminal on both ends.
fn require_terminal() -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "this view needs a terminal (stdin and stdout must be a TTY)".into(),
        ));
    }
    Ok(())
}

/// What a local view holds of the process while it runs: the signal
/// thread, raw mode, the alternate screen and bracketed paste.
struct Edges {
    signals: signal_hook::iterator::Handle,
}

impl Edges {
    /// Signals and key presses start arriving on `tx` as [`Msg`]s; the
    /// terminal is in raw mode with bracketed paste on.
    fn start(tx: mpsc::Sender<Msg>) -> Result<(ratatui::DefaultTerminal, Edges)> {
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
            .map_err(|e| Error::io("<signals>", e))?;
        let handle = signals.handle();
        let stop = tx.clone();
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                let _ = stop.send(Msg::Stop);
            }
        });
        let terminal = ratatui::try_init().map_err(|e| Error::io("<terminal>", e))?;
        enable_paste();
        std::thread::spawn(move || {
            while let Ok(ev) = event::read() {
                if tx.send(Msg::Term(ev)).is_err() {
                    break;
                }
            }
        });
        Ok((terminal, Edges { signals: handle }))
    }

    /// Gives the terminal back as it was.
    fn stop(self) {
        disable_paste();
        ratatui::restore();
        self.signals.close();
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

/// Runs the plan editor (`runde prepare`) until it quits. It redraws after
/// each event, and looks at `session.json` once a second (someone may edit
/// the plan elsewhere; see `app/prepare/disk.rs`).
pub fn run_prepare(mut editor: crate::runtime::prepare::PrepareRunner) -> Result<()> {
    require_terminal()?;
    let (tx, rx) = mpsc::channel();
    let (mut terminal, edges) = Edges::start(tx)?;
    let result = (|| -> Result<()> {
        let mut dirty = true;
        loop {
            if dirty {
                terminal
                    .draw(|frame| frame.render_widget(editor.editor(), frame.area()))
                    .map_err(|e| Error::io("<terminal>", e))?;
            }
            if editor.quit {
                return Ok(());
            }
            match rx.recv_timeout(std::time::Duration::from_secs(1)) {
                Ok(Msg::Term(ev)) => dirty = editor.handle_event(ev),
                Ok(Msg::Store | Msg::PasteCut(_)) => dirty = false,
                Err(mpsc::RecvTimeoutError::Timeout) => dirty = editor.check_disk(),
                Ok(Msg::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
    })();
    edges.stop();
    result
}

/// Runs the review view (`runde review`) until it quits. Changes other
/// writers make (a sign-off on another laptop) arrive through the folder
/// watcher, and once a second for folders a watcher cannot see.
pub fn run_review(mut review: crate::runtime::review::ReviewRunner) -> Result<()> {
    require_terminal()?;
    let (tx, rx) = mpsc::channel();
    let _watcher = watch::watch(review.folder().dir(), tx.clone(), || Msg::Store).ok();
    let (mut terminal, edges) = Edges::start(tx)?;
    let result = run_loop(&mut terminal, &mut review, &rx, LoopOptions::default()).map(|_| ());
    edges.stop();
    result
}
