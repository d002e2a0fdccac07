//! One SSH connection's view, on its own thread: the terminal writes into a
//! bounded output queue, input arrives on a channel, and the app runs in
//! the shared [`runtime`](crate::runtime) loop. Each connection opens its
//! own store session, so it is its own writer with its own log.
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use tokio::sync::mpsc::Sender;
use tokio::sync::mpsc::error::TrySendError;

use super::prompt;
use crate::app::App;
use crate::error::Result;
use crate::runtime::{LoopOptions, Msg, byte_terminal, run_loop};
use crate::store::Session;

/// Frames queued for one client before it counts as not reading.
pub const OUTPUT_QUEUE_FRAMES: usize = 64;
/// A connection with no key for this long is closed.
pub const IDLE_LIMIT: Duration = Duration::from_secs(2 * 60 * 60);

/// Enter the alternate screen, hide the cursor, turn on bracketed paste.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[2J";
/// Undo [`ENTER`].
const LEAVE: &[u8] = b"\x1b[?2004l\x1b[?25h\x1b[?1049l";

/// Who is on the other end of a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A note-taker on this board.
    Board(String),
    /// A note-taker who picks a board.
    Picker,
    /// The read-only facilitator view.
    Projector,
}

/// The SSH user name decides the role: a board id, `projector`, or anything else (the picker).
pub fn role_for(user: &str, boards: &[String]) -> Role {
    if user.eq_ignore_ascii_case("projector") {
        return Role::Projector;
    }
    boards
        .iter()
        .find(|b| b.eq_ignore_ascii_case(user))
        .map_or(Role::Picker, |b| Role::Board(b.clone()))
}

/// A `Write` that hands each flushed frame to the connection's bounded
/// queue. A full queue means the client does not read: the write fails,
/// the view ends and the connection closes, so it cannot hold up others.
pub struct ChannelOut {
    frame: Vec<u8>,
    queue: Sender<Vec<u8>>,
    overrun: Arc<AtomicBool>,
}

impl ChannelOut {
    /// A writer into `queue`; `overrun` is set when the queue was full.
    pub fn new(queue: Sender<Vec<u8>>, overrun: Arc<AtomicBool>) -> ChannelOut {
        ChannelOut {
            frame: Vec::new(),
            queue,
            overrun,
        }
    }
}

impl Write for ChannelOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.frame.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.frame.is_empty() {
            return Ok(());
        }
        match self.queue.try_send(std::mem::take(&mut self.frame)) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(_)) => {
                self.overrun.store(true, Ordering::Relaxed);
                Err(std::io::Error::new(std::io::ErrorKind::WouldBlock, "client does not read"))
            }
            Err(TrySendError::Closed(_)) => Err(std::io::ErrorKind::BrokenPipe.into()),
        }
    }
}

/// Everything a view thread needs.
pub struct ViewSpec {
    pub dir: PathBuf,
    pub role: Role,
    pub size: (u16, u16),
}

/// Runs one connection's view until it quits, idles out, overruns or the
/// connection drops. Writes the escape sequences that restore the client's
/// terminal on the way out.
pub fn run_view(spec: ViewSpec, mut out: ChannelOut, rx: &mpsc::Receiver<Msg>) -> Result<()> {
    out.write_all(ENTER).and_then(|()| out.flush()).ok();
    let (width, height) = spec.size;
    let mut terminal = byte_terminal(out, width, height)?;
    let result = build_app(&spec, &mut terminal, rx).and_then(|app| match app {
        Some(mut app) => run_loop(
            &mut terminal,
            &mut app,
            rx,
            LoopOptions {
                idle_limit: Some(IDLE_LIMIT),
                ctrl_d_quits: true,
                debug_panic: false,
            },
        )
        .map(|_| ()),
        None => Ok(()),
    });
    let out = terminal.backend_mut();
    let _ = out.write_all(LEAVE).and_then(|()| out.flush());
    result
}

fn build_app<W: Write>(
    spec: &ViewSpec,
    terminal: &mut crate::runtime::ByteTerminal<W>,
    rx: &mpsc::Receiver<Msg>,
) -> Result<Option<App>> {
    let mut session = Session::open(&spec.dir)?;
    let lang = session.plan().lang;
    match &spec.role {
        Role::Projector => {
            let mut app = App::facilitator(session, None);
            app.read_only = true;
            Ok(Some(app))
        }
        Role::Board(_) | Role::Picker => {
            let Some(name) = prompt::ask_name(terminal, rx, lang, IDLE_LIMIT)? else {
                return Ok(None);
            };
            session.set_author(Some(name));
            let board = match &spec.role {
                Role::Board(b) => Some(b.as_str()),
                _ => None,
            };
            App::note_taker(session, board, None).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_pick_the_role() {
        let boards = vec!["methods".to_string(), "findings".to_string()];
        assert_eq!(role_for("methods", &boards), Role::Board("methods".into()));
        assert_eq!(role_for("Findings", &boards), Role::Board("findings".into()));
        assert_eq!(role_for("projector", &boards), Role::Projector);
        assert_eq!(role_for("runde", &boards), Role::Picker);
        assert_eq!(role_for("mallory", &boards), Role::Picker);
    }

    #[test]
    fn a_full_queue_fails_the_write_and_marks_the_overrun() {
        let (tx, _rx) = tokio::sync::mpsc::channel(1);
        let overrun = Arc::new(AtomicBool::new(false));
        let mut out = ChannelOut::new(tx, overrun.clone());
        out.write_all(b"one").unwrap();
        out.flush().unwrap();
        out.write_all(b"two").unwrap();
        assert!(out.flush().is_err());
        assert!(overrun.load(Ordering::Relaxed));
    }
}
