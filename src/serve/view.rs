//! One SSH connection's view, on its own thread: the terminal writes into a
//! bounded output queue, input arrives on a channel, and the app runs in
//! the shared [`runtime`](crate::runtime) loop. Each connection opens its
//! own store session, so it is its own writer with its own log.
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use tokio::sync::Notify;

use super::prompt;
use crate::app::join::Guests;
use crate::error::Result;
use crate::i18n::serve_words;
use crate::model::Lang;
use crate::runtime::{LoopOptions, Msg, Runner, byte_terminal, run_loop};
use crate::store::Session;

/// Bytes queued for one client before it counts as not reading.
pub const MAX_QUEUED_BYTES: usize = 1024 * 1024;
/// A connection with no key for this long is closed.
pub const IDLE_LIMIT: Duration = Duration::from_secs(2 * 60 * 60);
/// Overrides [`IDLE_LIMIT`] in seconds (for tests; not a documented option).
pub const IDLE_ENV: &str = "RUNDE_SERVE_IDLE_SECS";

/// The idle limit in force: [`IDLE_ENV`] when set to a positive number, else [`IDLE_LIMIT`].
pub fn idle_limit() -> Duration {
    std::env::var(IDLE_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&s| s > 0)
        .map_or(IDLE_LIMIT, Duration::from_secs)
}

/// Enter the alternate screen, hide the cursor, turn on bracketed paste.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[2J";
/// Undo [`ENTER`], and reset colours and attributes.
const LEAVE: &[u8] = b"\x1b[0m\x1b[?2004l\x1b[?25h\x1b[?1049l";

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

/// The SSH user name decides the role: `projector`, `join` (the picker,
/// as the join card shows it), a board id, or anything else (the picker).
pub fn role_for(user: &str, boards: &[String]) -> Role {
    if user.eq_ignore_ascii_case("projector") {
        return Role::Projector;
    }
    if user.eq_ignore_ascii_case(crate::app::join::PICKER_USER) {
        return Role::Picker;
    }
    boards
        .iter()
        .find(|b| b.eq_ignore_ascii_case(user))
        .map_or(Role::Picker, |b| Role::Board(b.clone()))
}

/// Bytes on their way to one client. The view appends whole frames, the
/// sending task takes everything queued at once (so a slow client gets
/// fewer, larger writes), and the queue never holds more than
/// [`MAX_QUEUED_BYTES`]: past that the client is not reading, the view
/// ends and the connection closes, so it cannot hold up the others.
#[derive(Debug, Default)]
pub struct OutQueue {
    bytes: Mutex<Vec<u8>>,
    ready: Notify,
    closed: AtomicBool,
    overrun: AtomicBool,
}

impl OutQueue {
    /// Waits for queued bytes; `None` once the view has ended and all was taken.
    pub async fn next(&self) -> Option<Vec<u8>> {
        loop {
            let chunk = std::mem::take(&mut *self.bytes.lock().unwrap_or_else(|e| e.into_inner()));
            if !chunk.is_empty() {
                return Some(chunk);
            }
            if self.closed.load(Ordering::Acquire) {
                return None;
            }
            self.ready.notified().await;
        }
    }

    /// Whether the client stopped reading.
    pub fn overrun(&self) -> bool {
        self.overrun.load(Ordering::Relaxed)
    }

    fn push(&self, frame: &[u8]) -> std::io::Result<()> {
        let mut bytes = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        if bytes.len() + frame.len() > MAX_QUEUED_BYTES {
            self.overrun.store(true, Ordering::Relaxed);
            self.close();
            return Err(std::io::Error::new(
                std::io::ErrorKind::WouldBlock,
                "client does not read",
            ));
        }
        bytes.extend_from_slice(frame);
        drop(bytes);
        self.ready.notify_one();
        Ok(())
    }

    fn close(&self) {
        self.closed.store(true, Ordering::Release);
        self.ready.notify_one();
    }
}

/// A `Write` whose flushed frames go into an [`OutQueue`].
pub struct ChannelOut {
    frame: Vec<u8>,
    queue: Arc<OutQueue>,
}

impl ChannelOut {
    /// A writer into `queue`.
    pub fn new(queue: Arc<OutQueue>) -> ChannelOut {
        ChannelOut {
            frame: Vec::new(),
            queue,
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
        if self.queue.closed.load(Ordering::Acquire) {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        let result = self.queue.push(&self.frame);
        self.frame.clear();
        result
    }
}

impl Drop for ChannelOut {
    fn drop(&mut self) {
        let _ = self.flush();
        self.queue.close();
    }
}

/// Everything a view thread needs.
pub struct ViewSpec {
    pub dir: PathBuf,
    pub role: Role,
    pub size: (u16, u16),
    /// Close the view after this long without a key.
    pub idle: Duration,
    /// The session's language (the last line when the server stops).
    pub lang: Lang,
    /// Where the view counts its person while they take notes.
    pub guests: Guests,
    /// Set when the server stops.
    pub stopping: Arc<AtomicBool>,
}

/// Counts a running view thread until dropped.
pub struct Running(Arc<AtomicUsize>);

impl Running {
    /// One more view runs.
    pub fn count(views: Arc<AtomicUsize>) -> Running {
        views.fetch_add(1, Ordering::SeqCst);
        Running(views)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A note-taker counted in [`Guests`] until dropped.
struct Seat(Guests, u64);

impl Drop for Seat {
    fn drop(&mut self) {
        self.0.leave(self.1);
    }
}

/// Runs one connection's view until it quits, idles out, overruns or the
/// connection drops. Writes the escape sequences that restore the client's
/// terminal on the way out.
pub fn run_view(spec: ViewSpec, mut out: ChannelOut, rx: &mpsc::Receiver<Msg>) -> Result<()> {
    out.write_all(ENTER).and_then(|()| out.flush()).ok();
    let (width, height) = spec.size;
    let mut terminal = byte_terminal(out, width, height)?;
    let result = build_view(&spec, &mut terminal, rx).and_then(|view| match view {
        Some((mut view, _seat)) => {
            // Whoever is on the other end cannot run runde on this host,
            // nor write the facilitator's key findings.
            view.set_remote();
            // The server's one refresher reads the folder for every view.
            view.config_mut().refresh_on_tick = false;
            let ended = run_loop(
                &mut terminal,
                &mut view,
                rx,
                LoopOptions {
                    idle_limit: Some(spec.idle),
                    ctrl_d_quits: true,
                    debug_panic: false,
                },
            );
            // However it ended, what was typed last is kept as a draft.
            view.flush_draft();
            ended.map(|_| ())
        }
        None => Ok(()),
    });
    let mut last = LEAVE.to_vec();
    if spec.stopping.load(Ordering::SeqCst) {
        last.extend_from_slice(format!("\r\n{}\r\n", serve_words(spec.lang).server_stopped).as_bytes());
    }
    let out = terminal.backend_mut();
    let _ = out.write_all(&last).and_then(|()| out.flush());
    result
}

fn build_view<W: Write>(
    spec: &ViewSpec,
    terminal: &mut crate::runtime::ByteTerminal<W>,
    rx: &mpsc::Receiver<Msg>,
) -> Result<Option<(Runner, Option<Seat>)>> {
    let mut session = Session::open(&spec.dir)?;
    let lang = session.plan().lang;
    match &spec.role {
        Role::Projector => {
            let mut view = Runner::facilitator(session, None);
            view.config_mut().read_only = true;
            Ok(Some((view, None)))
        }
        Role::Board(_) | Role::Picker => {
            let Some(name) = prompt::ask_name(terminal, rx, lang, spec.idle)? else {
                return Ok(None);
            };
            let board = match &spec.role {
                Role::Board(b) => Some(b.as_str()),
                _ => None,
            };
            let label = match board.and_then(|b| session.plan().board(b)) {
                Some(b) => format!("{name} – {}", b.title),
                None => name.clone(),
            };
            session.set_author(Some(name));
            let seat = Seat(spec.guests.clone(), spec.guests.join(label));
            Runner::note_taker(session, board, None).map(|view| Some((view, Some(seat))))
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
        // The join card's user name opens the picker, even beside a board of that id.
        let with_join = vec!["join".to_string(), "methods".to_string()];
        assert_eq!(role_for("join", &with_join), Role::Picker);
    }

    #[test]
    fn a_full_queue_fails_the_write_and_marks_the_overrun() {
        let queue = Arc::new(OutQueue::default());
        let mut out = ChannelOut::new(queue.clone());
        let frame = vec![b'x'; MAX_QUEUED_BYTES / 2];
        out.write_all(&frame).unwrap();
        out.flush().unwrap();
        out.write_all(&frame).unwrap();
        out.flush().unwrap();
        assert!(!queue.overrun());
        out.write_all(b"one byte too many").unwrap();
        assert!(out.flush().is_err());
        assert!(queue.overrun());
    }

    #[test]
    fn queued_frames_are_taken_together_and_the_end_is_seen() {
        let queue = Arc::new(OutQueue::default());
        let mut out = ChannelOut::new(queue.clone());
        out.write_all(b"one ").unwrap();
        out.flush().unwrap();
        out.write_all(b"two").unwrap();
        out.flush().unwrap();
        drop(out);
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        assert_eq!(rt.block_on(queue.next()), Some(b"one two".to_vec()));
        assert_eq!(rt.block_on(queue.next()), None);
    }
}
