//! `runde serve`: note-takers join over SSH with nothing to install. The
//! SSH user name picks the board, a join code (or an allowed key) lets them
//! in, and each connection runs runde's own view on its own thread, as its
//! own writer. Nothing else is served.
pub mod auth;
pub mod full;
pub mod grace;
pub mod guard;
pub mod input;
pub mod prompt;
pub mod refresh;
pub mod server;
pub mod view;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use tokio::net::TcpListener;

use crate::error::{Error, Result};
use crate::i18n::serve_words;
use crate::model::Lang;
use crate::store::{Session, watch};
use server::{Connection, Shared};

/// The default listen address.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:2222";
/// The default number of connections.
pub const DEFAULT_MAX: usize = 32;

/// How to run a server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub dir: PathBuf,
    pub listen: String,
    pub code: Option<String>,
    pub max: usize,
    pub authorized_keys: Option<PathBuf>,
}

/// A server that is listening.
pub struct Running {
    pub local: SocketAddr,
    pub code: String,
    pub fingerprint: String,
    pub join: String,
    runtime: tokio::runtime::Runtime,
    listener: TcpListener,
    shared: Arc<Shared>,
    config: Arc<russh::server::Config>,
}

/// Binds the listen address and prepares everything; serve with [`Running::serve`].
pub fn start(options: &ServeOptions) -> Result<Running> {
    let session = Session::open(&options.dir)?;
    let lang = session.plan().lang;
    let boards = phase_boards(&session);
    let code = match &options.code {
        Some(c) if !c.trim().is_empty() => c.trim().to_string(),
        Some(_) => return Err(Error::Usage(serve_words(lang).code_empty.into())),
        None => auth::generate_code()?,
    };
    let allowed_keys = match &options.authorized_keys {
        Some(path) => auth::read_allowed_keys(path)?,
        None => Vec::new(),
    };
    let key = auth::host_key(&auth::config_dir()?)?;
    let fingerprint = auth::fingerprint(&key);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("<tokio>", e))?;
    let listener = runtime
        .block_on(TcpListener::bind(&options.listen))
        .map_err(|e| Error::io(&options.listen, e))?;
    let local = listener.local_addr().map_err(|e| Error::io(&options.listen, e))?;
    let idle = view::idle_limit();
    let config = russh::server::Config {
        methods: server::methods(),
        auth_rejection_time: Duration::from_millis(300),
        auth_rejection_time_initial: Some(Duration::from_millis(0)),
        keys: vec![key],
        inactivity_timeout: Some(idle),
        // Key offers count too: room for an agent with many keys.
        max_auth_attempts: 20,
        nodelay: true,
        ..Default::default()
    };
    let shown = boards.iter().filter_map(|id| session.plan().board(id)).collect();
    let groups = crate::app::join::guest_boards(session.plan(), shown);
    let join = join_text(lang, &join_info(local, &code, &fingerprint), &groups);
    let shared = Arc::new(Shared {
        dir: options.dir.clone(),
        code: code.clone(),
        allowed_keys,
        gate: guard::Gate::new(guard::Limits {
            grace: grace_limit(),
            ..guard::LIMITS
        }),
        boards: session.plan().boards.iter().map(|b| b.id.clone()).collect(),
        lang,
        max: options.max.max(1),
        idle,
        active: AtomicUsize::new(0),
        listeners: Mutex::new(Vec::new()),
        guests: crate::app::join::Guests::default(),
        stopping: Arc::default(),
        stop: tokio::sync::Notify::new(),
        views: Arc::default(),
    });
    Ok(Running {
        local,
        code,
        fingerprint,
        join,
        runtime,
        listener,
        shared,
        config: Arc::new(config),
    })
}

impl Running {
    /// Serves until told to stop (see [`Stopper`]); then every guest's view
    /// ends, keeping its draft and giving the guest's terminal back.
    pub fn serve(self) -> Result<()> {
        let Running {
            runtime,
            listener,
            shared,
            config,
            ..
        } = self;
        let (store_tx, store_rx) = mpsc::channel();
        let _watcher = watch::watch(&shared.dir, store_tx, || ())?;
        let fan_out = shared.clone();
        std::thread::Builder::new()
            .name("runde-serve-refresh".into())
            .spawn(move || refresh::run(&fan_out, &store_rx))
            .map_err(|e| Error::io("<thread>", e))?;
        runtime.block_on(async move {
            accept_loop(listener, shared.clone(), config).await;
            drop_guests(&shared).await;
        });
        Ok(())
    }

    /// What stops this server, from another thread.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.shared.clone())
    }
}

/// Stops a running server and tells who is connected.
#[derive(Clone)]
pub struct Stopper(Arc<Shared>);

impl Stopper {
    /// The note-takers connected now.
    pub fn guests(&self) -> crate::app::join::Guests {
        self.0.guests.clone()
    }

    /// Asks the server to stop (it returns from [`Running::serve`] once
    /// the guests' views ended, or after [`STOP_WAIT`]).
    pub fn stop(&self) {
        self.0.stop.notify_one();
    }
}

/// How long a stopping server waits for its guests' views and connections to end.
pub const STOP_WAIT: Duration = Duration::from_secs(5);

/// Ends every guest's view (each keeps its draft and restores the guest's
/// terminal) and waits, at most [`STOP_WAIT`], until they and their
/// connections have ended.
async fn drop_guests(shared: &Shared) {
    shared.stop_views();
    let deadline = Instant::now() + STOP_WAIT;
    while (shared.views.load(Ordering::SeqCst) > 0 || shared.active.load(Ordering::SeqCst) > 0)
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, config: Arc<russh::server::Config>) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = shared.stop.notified() => return,
        };
        let (socket, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                eprintln!("runde serve: {} {e}", serve_words(shared.lang).accept_failed);
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // A connection that may not start a login gets no key exchange and
        // no place: it is held unread until its source may try again (so an
        // impatient client waits instead of reconnecting at once), or
        // closed at once when too many are held.
        let now = Instant::now();
        let startup = match shared.gate.admit(peer.ip(), now, guard::roll) {
            Ok(startup) => startup,
            Err(why) => {
                if let Some(held) = shared.gate.hold(peer.ip(), now) {
                    let wait = guard::hold_for(shared.gate.limits(), why);
                    tokio::spawn(async move {
                        tokio::time::sleep(wait).await;
                        drop((socket, held));
                    });
                }
                continue;
            }
        };
        let _ = socket.set_nodelay(true);
        if shared.active.load(Ordering::SeqCst) >= shared.max {
            full::refuse(socket, &shared, config.keys.clone(), startup);
            continue;
        }
        let login = Arc::new(grace::Login::default());
        let socket = grace::GraceStream::new(socket, shared.gate.limits().grace, login.clone());
        let handler = Connection::new(shared.clone(), Some(peer), startup, login);
        let config = config.clone();
        tokio::spawn(async move {
            if let Ok(session) = russh::server::run_stream(config, socket, handler).await {
                let _ = session.await;
            }
        });
    }
}

/// How long a login may take: `RUNDE_SERVE_GRACE_SECS` (for tests) or
/// [`guard::LIMITS`]' two minutes, enough to read the code off the projector.
fn grace_limit() -> Duration {
    std::env::var("RUNDE_SERVE_GRACE_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|&s| s > 0)
        .map_or(guard::LIMITS.grace, Duration::from_secs)
}

/// The boards of the current phase (all boards when no phase is set).
fn phase_boards(session: &Session) -> Vec<String> {
    let phase: Vec<String> = session
        .state()
        .phase()
        .and_then(|p| session.plan().phase(p))
        .map(|p| p.boards.clone())
        .unwrap_or_default();
    if phase.is_empty() {
        session.plan().boards.iter().map(|b| b.id.clone()).collect()
    } else {
        phase
    }
}

/// Addresses people can reach: the listen address itself, or for a
/// wildcard every non-loopback address of this machine (loopback when
/// there is none).
pub fn addresses_for(local: SocketAddr) -> Vec<IpAddr> {
    if !local.ip().is_unspecified() {
        return vec![local.ip()];
    }
    let mut found: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|i| i.ip())
        .filter(|ip| !ip.is_loopback() && (local.is_ipv6() || ip.is_ipv4()))
        .collect();
    found.dedup();
    if found.is_empty() {
        found.push(IpAddr::from([127, 0, 0, 1]));
    }
    found
}

/// How to join, as the facilitator's header and join card say it: the
/// line that opens the group picker with the code, further addresses,
/// the host key's fingerprint, per group its title beside the line that
/// opens it, and the projector's line.
pub fn join_text(lang: Lang, info: &crate::app::JoinInfo, boards: &[&crate::model::Board]) -> String {
    use crate::app::join::PICKER_USER;
    let (words, card) = (serve_words(lang), crate::i18n::join::join_strings(lang));
    let mut out = format!("{}\n", words.join_header);
    out.push_str(&format!("  {}\n", info.picker_line(card.code)));
    for host in info.hosts.iter().skip(1) {
        out.push_str(&format!("  {} {}\n", card.also, info.command_at(PICKER_USER, host)));
    }
    out.push_str(&format!("{}: {}\n", words.fingerprint, info.fingerprint));
    let groups = crate::ui::facilitator::join::board_lines(info, boards);
    if !groups.is_empty() {
        out.push_str(&format!("{}\n", card.straight_to_group));
        for line in groups {
            out.push_str(&format!("{line}\n"));
        }
    }
    out.push_str(&format!("{}: {}\n", words.projector, info.command("projector")));
    out
}

/// `runde serve`: prints where it listens and how to join, then serves
/// until Ctrl-C (twice within [`CTRL_C_AGAIN`] while guests are
/// connected) or SIGTERM.
pub fn serve(options: &ServeOptions) -> Result<()> {
    let running = start(options)?;
    let lang = running.shared.lang;
    let banner = format!("{} {}\n{}", serve_words(lang).listening, running.local, running.join);
    // Not `emit`: a closed stdout must not end the server.
    let mut out = std::io::stdout().lock();
    let _ = std::io::Write::write_all(&mut out, banner.as_bytes()).and_then(|()| std::io::Write::flush(&mut out));
    drop(out);
    stop_on_signals(running.stopper(), lang)?;
    running.serve()
}

/// How long a second Ctrl-C may take to stop a server with guests.
pub const CTRL_C_AGAIN: Duration = Duration::from_secs(5);

/// SIGTERM stops the server; so does Ctrl-C (SIGINT) when no guest is
/// connected, else a second one within [`CTRL_C_AGAIN`] (the first says
/// so on stderr). A signal after the stop began ends the process at once.
fn stop_on_signals(stopper: Stopper, lang: Lang) -> Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).map_err(|e| Error::io("<signals>", e))?;
    std::thread::Builder::new()
        .name("runde-serve-signals".into())
        .spawn(move || {
            let mut first: Option<Instant> = None;
            let mut stopping = false;
            for signal in signals.forever() {
                if stopping {
                    std::process::exit(130);
                }
                let guests = stopper.guests().labels();
                let again = first.is_some_and(|at| at.elapsed() < CTRL_C_AGAIN);
                if signal == SIGTERM || guests.is_empty() || again {
                    stopping = true;
                    eprintln!("{}", serve_words(lang).stopping);
                    stopper.stop();
                } else {
                    first = Some(Instant::now());
                    eprintln!("{}", crate::i18n::ctrl_c_again(lang, &guests, CTRL_C_AGAIN.as_secs()));
                }
            }
        })
        .map_err(|e| Error::io("<thread>", e))?;
    Ok(())
}

/// A server running on a background thread (`runde facilitate --serve`).
pub struct Background {
    /// How guests join, for the facilitator's header, join card and `?`.
    pub join: crate::app::JoinInfo,
    stopper: Stopper,
    thread: std::thread::JoinHandle<()>,
}

impl Background {
    /// The note-takers connected now.
    pub fn guests(&self) -> crate::app::join::Guests {
        self.stopper.guests()
    }

    /// Stops the server and waits until its guests were let go (drafts
    /// kept, terminals restored; bounded by [`STOP_WAIT`] and a little).
    pub fn stop(self) {
        self.stopper.stop();
        let _ = self.thread.join();
    }
}

/// Starts a server on a background thread (for `runde facilitate --serve`).
pub fn serve_in_background(options: &ServeOptions) -> Result<Background> {
    let running = start(options)?;
    let join = join_info(running.local, &running.code, &running.fingerprint);
    let stopper = running.stopper();
    let thread = std::thread::Builder::new()
        .name("runde-serve".into())
        .spawn(move || {
            if let Err(e) = running.serve() {
                eprintln!("runde serve: {e}");
            }
        })
        .map_err(|e| Error::io("<thread>", e))?;
    Ok(Background { join, stopper, thread })
}

/// How guests reach a server listening on `local`: the addresses people
/// can reach (see [`addresses_for`]), the port, the code and the host key.
pub fn join_info(local: SocketAddr, code: &str, fingerprint: &str) -> crate::app::JoinInfo {
    crate::app::JoinInfo {
        hosts: addresses_for(local).iter().map(IpAddr::to_string).collect(),
        port: local.port(),
        code: code.to_string(),
        fingerprint: fingerprint.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_text_says_what_the_join_card_says() {
        let dir = tempfile::tempdir().unwrap();
        crate::example::write_to(dir.path()).unwrap();
        let session_plan = Session::open(dir.path()).unwrap().plan().clone();
        assert!(session_plan.boards.iter().any(|b| b.id == "findings"));
        let boards: Vec<&crate::model::Board> = session_plan.boards.iter().collect();
        let shown = crate::app::join::guest_boards(&session_plan, boards);
        let info = crate::app::JoinInfo {
            hosts: vec!["192.168.1.20".into(), "10.0.0.5".into()],
            port: 2222,
            code: "123456".into(),
            fingerprint: "SHA256:abc".into(),
        };
        for lang in [Lang::De, Lang::En] {
            let text = join_text(lang, &info, &shown);
            let code = crate::i18n::join::join_strings(lang).code;
            assert!(
                text.contains(&format!("ssh -p 2222 join@192.168.1.20 · {code} 123456")),
                "{text}"
            );
            assert!(text.contains("ssh -p 2222 join@10.0.0.5"), "{text}");
            assert!(text.contains("SHA256:abc"), "{text}");
            for board in &shown {
                let line = text
                    .lines()
                    .find(|l| l.ends_with(&format!("ssh -p 2222 {}@192.168.1.20", board.id)))
                    .unwrap_or_else(|| panic!("no line for {}:\n{text}", board.id));
                let title: String = board.title.chars().take(30).collect();
                assert!(line.contains(&title), "{line}");
            }
            assert!(!text.contains("findings@"), "{text}");
        }
    }

    #[test]
    fn wildcard_addresses_never_list_loopback_when_others_exist() {
        let local: SocketAddr = "127.0.0.1:2222".parse().unwrap();
        assert_eq!(addresses_for(local), vec![IpAddr::from([127, 0, 0, 1])]);
        let any: SocketAddr = "0.0.0.0:2222".parse().unwrap();
        let found = addresses_for(any);
        assert!(!found.is_empty());
        assert!(found.len() == 1 || found.iter().all(|ip| !ip.is_loopback()));
    }
}
