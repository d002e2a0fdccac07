//! The SSH side of `runde serve` (russh): authentication with the join
//! code or an allowed key (a login in progress holds only a startup place
//! of [`super::guard`]; one of the `--max` places is taken when it
//! succeeds), one session channel with a PTY per connection,
//! and nothing else — exec, subsystems (SFTP), agent, X11 and port
//! forwarding are refused. Each accepted shell starts a view thread; bytes
//! from the client are parsed into key events for it, and its frames go
//! back through a bounded queue that respects the client's SSH window.
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use ratatui::crossterm::event::Event;
use russh::keys::PublicKey;
use russh::server::{Auth, Handle, Msg as SshMsg, Response, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet};

use super::auth::{self, MAX_WRONG_CODES};
use super::grace::Login;
use super::guard::{Gate, Startup};
use super::input::InputParser;
use super::view::{self, ChannelOut, OutQueue, ViewSpec};
use crate::i18n::serve_words;
use crate::model::Lang;
use crate::runtime::Msg;

/// How long a view's end waits for the client to close its channel
/// before the connection is ended anyway.
pub const CLIENT_CLOSE_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// What every connection shares.
pub struct Shared {
    pub dir: PathBuf,
    pub code: String,
    pub allowed_keys: Vec<PublicKey>,
    /// Logins in progress and strikes per source address.
    pub gate: Arc<Gate>,
    pub boards: Vec<String>,
    pub lang: Lang,
    pub max: usize,
    /// Views close after this long without a key.
    pub idle: std::time::Duration,
    /// Logged-in connections (at most `max`).
    pub active: AtomicUsize,
    /// Views to tell when the session folder changes.
    pub listeners: Mutex<Vec<mpsc::Sender<Msg>>>,
    /// The note-takers connected now (for the facilitator's quit question).
    pub guests: crate::app::join::Guests,
    /// Set when the server stops: views say so on their way out.
    pub stopping: Arc<std::sync::atomic::AtomicBool>,
    /// Wakes the accept loop to stop the server.
    pub stop: tokio::sync::Notify,
    /// View threads still running.
    pub views: Arc<AtomicUsize>,
}

impl Shared {
    /// Tells every live view that the store changed; forgets closed ones.
    pub fn store_changed(&self) {
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain(|tx| tx.send(Msg::Store).is_ok());
    }

    /// Tells every live view to end (the server stops).
    pub fn stop_views(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        for tx in listeners.iter() {
            let _ = tx.send(Msg::Stop);
        }
    }

    fn listen(&self, tx: mpsc::Sender<Msg>) {
        self.listeners.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
    }
}

/// Holds one of the `--max` places while a connection lives.
pub struct Slot(Arc<Shared>);

impl Slot {
    /// Takes a place, or `None` when the server is full.
    pub fn take(shared: &Arc<Shared>) -> Option<Slot> {
        let taken = shared.active.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            (n < shared.max).then_some(n + 1)
        });
        taken.ok().map(|_| Slot(shared.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What a typed code turned out to be.
enum Code {
    Right,
    Wrong,
    /// Not looked at: the source is blocked for this much longer.
    Blocked(std::time::Duration),
}

/// One client connection.
pub struct Connection {
    shared: Arc<Shared>,
    peer: Option<SocketAddr>,
    user: String,
    /// Codes tried on this connection (checked or not).
    tries: u32,
    channel: Option<Channel<SshMsg>>,
    size: Option<(u16, u16)>,
    to_view: Option<mpsc::Sender<Msg>>,
    parser: InputParser,
    /// The startup place, held until the login ends.
    startup: Option<Startup>,
    login: Arc<Login>,
    /// One of the `--max` places, taken when the login succeeds.
    slot: Option<Slot>,
    /// Told when the client closes its channel (the answer to ours).
    client_closed: Arc<tokio::sync::Notify>,
}

impl Connection {
    /// A connection from `peer` whose login holds `startup`; `login` is
    /// told when it succeeds (it ends the login's time limit).
    pub fn new(shared: Arc<Shared>, peer: Option<SocketAddr>, startup: Startup, login: Arc<Login>) -> Connection {
        Connection {
            shared,
            peer,
            user: String::new(),
            tries: 0,
            channel: None,
            size: None,
            to_view: None,
            parser: InputParser::new(),
            startup: Some(startup),
            login,
            slot: None,
            client_closed: Arc::new(tokio::sync::Notify::new()),
        }
    }

    /// Checks a typed code, unless the source is blocked. Nothing waits
    /// here: a wrong code blocks its source for a while instead.
    fn check_code(&mut self, typed: &str) -> Code {
        self.tries += 1;
        let now = std::time::Instant::now();
        let ip = self.peer.map(|p| p.ip());
        if let Some(left) = ip.and_then(|ip| self.shared.gate.blocked(ip, now)) {
            return Code::Blocked(left);
        }
        if auth::code_matches(&self.shared.code, typed) {
            if let Some(ip) = ip {
                self.shared.gate.clear(ip);
            }
            return Code::Right;
        }
        if let Some(ip) = ip {
            self.shared.gate.strike(ip, now);
        }
        Code::Wrong
    }

    /// The answer to a code that was not right: try again, or (after
    /// [`MAX_WRONG_CODES`] tries) the connection ends.
    fn not_right(&self) -> Result<Auth, russh::Error> {
        if self.tries >= MAX_WRONG_CODES {
            return Err(russh::Error::Disconnect);
        }
        Ok(reject())
    }

    /// The login succeeded: the startup place is given back and one of the
    /// `--max` places taken (if none is left, [`Self::auth_succeeded`] says so).
    fn accept(&mut self, user: &str) -> Auth {
        self.user = user.to_string();
        self.login.finish();
        self.startup = None;
        self.slot = Slot::take(&self.shared);
        Auth::Accept
    }

    fn is_allowed(&self, key: &PublicKey) -> bool {
        self.shared.allowed_keys.iter().any(|k| k.key_data() == key.key_data())
    }

    fn send_to_view(&self, msg: Msg) {
        if let Some(tx) = &self.to_view {
            let _ = tx.send(msg);
        }
    }

    /// Starts the view thread and the task that carries its frames to the client.
    fn start_view(&mut self, channel: Channel<SshMsg>, handle: Handle) -> std::io::Result<()> {
        let role = view::role_for(&self.user, &self.shared.boards);
        let (cols, rows) = self.size.unwrap_or((80, 24));
        let (to_view, from_client) = mpsc::channel();
        let queue = Arc::new(OutQueue::default());
        let out = ChannelOut::new(queue.clone());
        self.shared.listen(to_view.clone());
        self.to_view = Some(to_view);
        let spec = ViewSpec {
            dir: self.shared.dir.clone(),
            role,
            size: (cols, rows),
            idle: self.shared.idle,
            lang: self.shared.lang,
            guests: self.shared.guests.clone(),
            stopping: self.shared.stopping.clone(),
        };
        let ended = serve_words(self.shared.lang).view_ended;
        let running = view::Running::count(self.shared.views.clone());
        std::thread::Builder::new()
            .name("runde-ssh-view".into())
            .spawn(move || {
                let _running = running;
                if let Err(e) = view::run_view(spec, out, &from_client) {
                    eprintln!("runde serve: {ended} {e}");
                }
            })?;
        let id = channel.id();
        let (_read, write) = channel.split();
        let client_closed = self.client_closed.clone();
        tokio::spawn(async move {
            while let Some(bytes) = queue.next().await {
                if write.data_bytes(bytes).await.is_err() {
                    break;
                }
            }
            if queue.overrun() {
                let _ = handle.close(id).await;
            } else {
                let _ = write.exit_status(0).await;
                let _ = write.eof().await;
                let _ = write.close().await;
                // OpenSSH exits on a disconnect without writing out what
                // it still holds for the terminal (the bytes that restore
                // it): the client closes first, or gets a moment to.
                let _ = tokio::time::timeout(CLIENT_CLOSE_WAIT, client_closed.notified()).await;
            }
            // One view per connection: when it ends, so does the
            // connection, and its `--max` place is free again.
            let _ = handle
                .disconnect(russh::Disconnect::ByApplication, String::new(), String::new())
                .await;
        });
        Ok(())
    }

    /// Answers a refused channel request with a short explanation.
    fn refuse(&self, channel: ChannelId, session: &mut Session) -> Result<(), russh::Error> {
        session.channel_failure(channel)?;
        let note = serve_words(self.shared.lang).only_views.as_bytes().to_vec();
        session.extended_data(channel, 1, note)
    }
}

fn reject() -> Auth {
    Auth::Reject {
        proceed_with_methods: Some(methods()),
        partial_success: false,
    }
}

/// The authentication methods offered.
pub fn methods() -> MethodSet {
    MethodSet::from(
        &[
            MethodKind::Password,
            MethodKind::KeyboardInteractive,
            MethodKind::PublicKey,
        ][..],
    )
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(reject())
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        match self.check_code(password) {
            Code::Right => Ok(self.accept(user)),
            Code::Wrong | Code::Blocked(_) => self.not_right(),
        }
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let Some(mut response) = response else {
            let prompt = format!("{}: ", serve_words(self.shared.lang).join_code);
            return Ok(Auth::Partial {
                name: "runde".into(),
                instructions: "".into(),
                prompts: vec![(prompt.into(), false)].into(),
            });
        };
        let typed = response
            .next()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        if self.tries >= MAX_WRONG_CODES {
            // The answer to "no attempts left" (which asked nothing).
            return self.not_right();
        }
        let lang = self.shared.lang;
        // Say why, and ask again (OpenSSH shows the instruction).
        let ask_again = |instructions: String, again: bool| {
            let prompt = format!("{}: ", serve_words(lang).join_code);
            Auth::Partial {
                name: "runde".into(),
                instructions: instructions.into(),
                prompts: if again {
                    vec![(prompt.into(), false)]
                } else {
                    Vec::new()
                }
                .into(),
            }
        };
        let left = MAX_WRONG_CODES.saturating_sub(self.tries + 1);
        match self.check_code(&typed) {
            Code::Right => Ok(self.accept(user)),
            Code::Blocked(wait) if left > 0 => Ok(ask_again(
                serve_words(lang)
                    .wait_after_wrong_codes
                    .replace("{secs}", &wait.as_secs_f64().ceil().to_string()),
                true,
            )),
            Code::Wrong | Code::Blocked(_) => Ok(ask_again(crate::i18n::wrong_code(lang, left), left > 0)),
        }
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(if self.is_allowed(offer.public_key) {
            Auth::Accept
        } else {
            reject()
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.is_allowed(key.public_key) {
            return Ok(self.accept(user));
        }
        Ok(reject())
    }

    async fn auth_succeeded(&mut self, session: &mut Session) -> Result<(), Self::Error> {
        if self.slot.is_none() {
            // Every place was taken while this person typed the code.
            let full = super::full::banner(&self.shared);
            session.disconnect(russh::Disconnect::TooManyConnections, full.trim_end(), "")?;
        }
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<SshMsg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() || self.to_view.is_some() || self.slot.is_none() {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        self.channel = Some(channel);
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = Some((clamp_size(col_width), clamp_size(row_height)));
        session.channel_success(channel)
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        let Some(ch) = self.channel.take().filter(|c| c.id() == channel) else {
            return session.channel_failure(channel);
        };
        if self.size.is_none() {
            session.channel_failure(channel)?;
            session.extended_data(channel, 1, serve_words(self.shared.lang).needs_pty.as_bytes().to_vec())?;
            return session.close(channel);
        }
        session.channel_success(channel)?;
        if let Err(e) = self.start_view(ch, session.handle()) {
            eprintln!("runde serve: {} {e}", serve_words(self.shared.lang).view_not_started);
            session.close(channel)?;
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(channel, session)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(channel, session)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn agent_request(&mut self, _channel: ChannelId, _session: &mut Session) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn data(&mut self, _channel: ChannelId, data: &[u8], _session: &mut Session) -> Result<(), Self::Error> {
        for ev in self.parser.feed(data) {
            self.send_to_view(Msg::Term(ev));
        }
        // A paste longer than the parser keeps is never cut silently.
        let cut = self.parser.take_cut();
        if cut > 0 {
            self.send_to_view(Msg::PasteCut(cut));
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let size = (clamp_size(col_width), clamp_size(row_height));
        self.size = Some(size);
        self.send_to_view(Msg::Term(Event::Resize(size.0, size.1)));
        Ok(())
    }

    async fn channel_eof(&mut self, _channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        self.send_to_view(Msg::Stop);
        Ok(())
    }

    async fn channel_close(&mut self, _channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        self.send_to_view(Msg::Stop);
        self.client_closed.notify_one();
        Ok(())
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        // A dropped connection ends its view; the draft stays on disk.
        self.send_to_view(Msg::Stop);
        // A login that outstayed its time is a strike against its source.
        if let Some(peer) = self.peer.filter(|_| self.login.expired()) {
            self.shared.gate.strike(peer.ip(), std::time::Instant::now());
        }
    }
}

/// A terminal dimension from the client, kept within what a view can draw.
fn clamp_size(n: u32) -> u16 {
    n.clamp(10, 1000) as u16
}
