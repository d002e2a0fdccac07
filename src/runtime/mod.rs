//! The view runtime: runs a [`Program`] — a view's state with what carries
//! out its effects ([`live::Runner`] for the meeting views, and the plan editor's) — over any terminal. Input events, store changes
//! and stop requests arrive on one channel ([`Msg`]); frames go to a
//! ratatui terminal over any `Write`. The same synchronous loop drives the
//! local TTY (`terminal`), an SSH channel (`serve`) and tests. Nothing here
//! touches process-wide state: raw mode, signals and panic hooks belong to
//! the local-terminal edge.
pub mod live;
pub mod prepare;
pub mod review;
use std::io::Write;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};
use ratatui::layout::Rect;

use crate::app::{App, Ticked};
use crate::error::{Error, Result};
use crate::ui::LastFrame;
pub use live::Runner;

/// Something the event loop must react to.
#[derive(Debug)]
pub enum Msg {
    /// A key, mouse, paste or resize event.
    Term(event::Event),
    /// The session folder changed.
    Store,
    /// Stop now (a signal, a dropped connection, a server shutdown).
    Stop,
    /// Bytes at the end of the paste just sent that never arrived (an SSH
    /// connection keeps at most [`crate::serve::input::MAX_HELD_PASTE`]).
    PasteCut(u64),
}

/// How a loop behaves beyond the app's own rules.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoopOptions {
    /// Close the view after this long without a key press.
    pub idle_limit: Option<Duration>,
    /// Ctrl-D closes the view when no editor is open (SSH sessions).
    pub ctrl_d_quits: bool,
    /// Check for the debug panic key (`RUNDE_DEBUG_PANIC`, local terminal only).
    pub debug_panic: bool,
}

/// Why a loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The app quit (`q`, Ctrl-D).
    Quit,
    /// A stop message arrived or every sender went away.
    Stopped,
    /// No key for longer than the idle limit.
    Idle,
}

/// A ratatui terminal writing escape sequences into any byte sink.
pub type ByteTerminal<W> = Terminal<CrosstermBackend<W>>;

/// A terminal of fixed size over `out`; resize it on [`Event::Resize`].
pub fn byte_terminal<W: Write>(out: W, width: u16, height: u16) -> Result<ByteTerminal<W>> {
    Terminal::with_options(
        CrosstermBackend::new(out),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
    .map_err(|e| Error::io("<terminal>", e))
}

/// What the loop needs of a view: its state and whatever carries out its
/// effects, behind one set of events.
pub trait Program {
    /// A terminal event (keys, paste, resize); true when the screen must be redrawn.
    fn event(&mut self, event: Event) -> bool;
    /// The session folder changed; true when the screen must be redrawn.
    fn store_changed(&mut self) -> bool;
    /// The clock's second may have moved.
    fn tick(&mut self) -> Ticked;
    /// Milliseconds until the next tick.
    fn ms_until_tick(&self) -> u64;
    /// Background results (writes on disk) arrived; true when the screen must be redrawn.
    fn outcomes(&mut self) -> bool;
    /// A burst of input was handled (drafts are written now).
    fn burst_done(&mut self) {}
    /// The loop starts: drafts are written once per burst, not per key.
    fn start_loop(&mut self) {}
    /// Whether the view asked to end.
    fn wants_quit(&self) -> bool;
    /// Whether a dialog is open (drawn before the next key is read).
    fn dialog_open(&self) -> bool;
    /// Whether an editor is open (Ctrl-D types there instead of quitting).
    fn editing(&self) -> bool;
    /// Whether a bell is due (and forgets it).
    fn take_bell(&mut self) -> bool {
        false
    }
    /// The last `bytes` of a paste never arrived; true when the screen must
    /// be redrawn (a view with an editor says so).
    fn paste_cut(&mut self, bytes: u64) -> bool {
        let _ = bytes;
        false
    }
    /// Draws a frame (see [`draw`]).
    fn draw<B: Backend>(&self, terminal: &mut Terminal<B>, last: Option<&mut LastFrame>) -> Result<Option<LastFrame>>
    where
        B::Error: Send + Sync + 'static;
}

impl Program for Runner {
    fn event(&mut self, event: Event) -> bool {
        self.handle_event(event)
    }
    fn store_changed(&mut self) -> bool {
        self.update(crate::app::Action::StoreChanged)
    }
    fn tick(&mut self) -> Ticked {
        self.tick_only()
    }
    fn ms_until_tick(&self) -> u64 {
        self.app().ms_until_next_second()
    }
    fn outcomes(&mut self) -> bool {
        self.feed_write_outcomes()
    }
    fn burst_done(&mut self) {
        self.flush_draft();
    }
    fn start_loop(&mut self) {
        self.config_mut().defer_drafts = true;
    }
    fn wants_quit(&self) -> bool {
        self.app().quit()
    }
    fn dialog_open(&self) -> bool {
        self.app().overlay().is_some()
    }
    fn editing(&self) -> bool {
        self.app().input().is_some()
    }
    fn take_bell(&mut self) -> bool {
        Runner::take_bell(self)
    }
    fn paste_cut(&mut self, bytes: u64) -> bool {
        self.update(crate::app::Action::PasteCut {
            lost: bytes,
            held: crate::serve::input::MAX_HELD_PASTE,
        })
    }
    fn draw<B: Backend>(&self, terminal: &mut Terminal<B>, last: Option<&mut LastFrame>) -> Result<Option<LastFrame>>
    where
        B::Error: Send + Sync + 'static,
    {
        draw(terminal, self.app(), last)
    }
}

/// Runs `program` until it quits, a stop arrives or it idles out. Redraws
/// only when something changed; wakes once per second for the clocks.
pub fn run_loop<W: Write, P: Program>(
    terminal: &mut ByteTerminal<W>,
    program: &mut P,
    rx: &mpsc::Receiver<Msg>,
    options: LoopOptions,
) -> Result<Ended> {
    let mut dirty = true;
    // Only the clock moved since the last frame: redraw just the clock.
    let mut clock_moved = false;
    let mut last_frame: Option<LastFrame> = None;
    program.start_loop();
    let mut next_tick = Instant::now() + Duration::from_millis(program.ms_until_tick());
    let mut last_key = Instant::now();
    loop {
        dirty |= program.outcomes();
        if dirty || clock_moved {
            let reuse = if dirty { None } else { last_frame.as_mut() };
            if let Some(full) = program.draw(terminal, reuse)? {
                last_frame = Some(full);
            }
            dirty = false;
            clock_moved = false;
        }
        if program.take_bell() {
            let out = terminal.backend_mut();
            let _ = out.write_all(b"\x07").and_then(|()| Write::flush(out));
        }
        if program.wants_quit() {
            return Ok(Ended::Quit);
        }
        let now = Instant::now();
        if options.idle_limit.is_some_and(|limit| now - last_key >= limit) {
            return Ok(Ended::Idle);
        }
        if now >= next_tick {
            match program.tick() {
                Ticked::Nothing => {}
                Ticked::ClockOnly => clock_moved = true,
                Ticked::More => dirty = true,
            }
            next_tick = now + Duration::from_millis(program.ms_until_tick());
            continue;
        }
        let first = match rx.recv_timeout(next_tick - now) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(Ended::Stopped),
        };
        // Everything already waiting is applied before the next frame, so a
        // burst of keys or store changes costs one redraw.
        for msg in std::iter::once(first).chain(std::iter::from_fn(|| rx.try_recv().ok())) {
            match msg {
                Msg::Term(ev) => {
                    if options.debug_panic {
                        debug_panic(&ev);
                    }
                    if matches!(ev, Event::Key(_) | Event::Paste(_)) {
                        last_key = Instant::now();
                    }
                    if let Event::Resize(width, height) = ev {
                        terminal
                            .resize(Rect::new(0, 0, width, height))
                            .map_err(|e| Error::io("<terminal>", e))?;
                    }
                    if options.ctrl_d_quits && !program.editing() && is_ctrl_d(&ev) {
                        return Ok(Ended::Quit);
                    }
                    dirty |= program.event(ev);
                }
                Msg::Store => dirty |= program.store_changed(),
                Msg::Stop => return Ok(Ended::Stopped),
                Msg::PasteCut(bytes) => dirty |= program.paste_cut(bytes),
            }
            // A dialog that just opened is drawn before the next key is read.
            if program.wants_quit() || program.dialog_open() {
                break;
            }
        }
        program.burst_done();
    }
}

/// Draws a frame. After a tick that only moved the clock, `last` (the last
/// full frame) may allow writing just the clock's changed cells, bypassing
/// the terminal's full-screen diff; otherwise the frame is drawn in full
/// and returned as the new last frame. A full draw after such clock-only
/// writes rewrites the header cells the terminal's diff does not know of.
pub fn draw<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &App,
    last: Option<&mut LastFrame>,
) -> Result<Option<LastFrame>>
where
    B::Error: Send + Sync + 'static,
{
    let (clock_only, stale) = match last {
        Some(l) => (l.redraw_clock(app), Some(&*l)),
        None => (None, None),
    };
    if let Some(cells) = clock_only {
        write_cells(terminal, &cells)?;
        return Ok(None);
    }
    let completed = terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .map_err(terminal_error)?;
    let next = LastFrame::of(app, completed.buffer);
    if let Some(old) = stale.filter(|l| l.header_written_directly()) {
        let fixes = old.header_fixes(next.buffer());
        write_cells(terminal, &fixes)?;
    }
    Ok(Some(next))
}

fn write_cells<B: Backend>(terminal: &mut Terminal<B>, cells: &[(u16, u16, Cell)]) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    if cells.is_empty() {
        return Ok(());
    }
    let backend = terminal.backend_mut();
    backend
        .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
        .map_err(terminal_error)?;
    Backend::flush(backend).map_err(terminal_error)
}

/// A terminal backend's error as ours, an I/O error kept as it is.
fn terminal_error<E: std::error::Error + Send + Sync + 'static>(e: E) -> Error {
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    let io = match boxed.downcast::<std::io::Error>() {
        Ok(io) => *io,
        Err(other) => std::io::Error::other(other),
    };
    Error::io("<terminal>", io)
}

fn is_ctrl_d(ev: &Event) -> bool {
    matches!(ev, Event::Key(k) if k.code == KeyCode::Char('d') && k.modifiers.contains(KeyModifiers::CONTROL))
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
