//! What a client sees when every `--max` place is taken: the SSH banner
//! says so (OpenSSH prints it before asking for anything) and every way
//! in is refused. Only a few such refusals run at once, each briefly;
//! past that the connection is simply closed.
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use russh::MethodSet;
use russh::server::{Auth, Response};
use tokio::net::TcpStream;

use super::server::Shared;
use super::text;

/// Refusals told at the same time; more are closed without a word.
pub const MAX_REFUSING: usize = 8;
/// How long a refused client may take to read the banner.
const REFUSAL_TIMEOUT: Duration = Duration::from_secs(10);

/// Tells the client on `socket` that the server is full, then closes it.
pub fn refuse(socket: TcpStream, shared: &Arc<Shared>, host_keys: Vec<russh::keys::PrivateKey>) {
    let taken = shared.refusing.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
        (n < MAX_REFUSING).then_some(n + 1)
    });
    if taken.is_err() {
        return;
    }
    let config = Arc::new(russh::server::Config {
        methods: MethodSet::empty(),
        auth_rejection_time: Duration::ZERO,
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: host_keys,
        inactivity_timeout: Some(REFUSAL_TIMEOUT),
        max_auth_attempts: 1,
        nodelay: true,
        ..Default::default()
    });
    let handler = Full { shared: shared.clone() };
    let shared = shared.clone();
    tokio::spawn(async move {
        let run = async {
            if let Ok(session) = russh::server::run_stream(config, socket, handler).await {
                let _ = session.await;
            }
        };
        let _ = tokio::time::timeout(REFUSAL_TIMEOUT, run).await;
        shared.refusing.fetch_sub(1, Ordering::SeqCst);
    });
}

/// The words of the banner for this server.
pub fn banner(shared: &Shared) -> String {
    text::FULL.get(shared.lang).replace("{max}", &shared.max.to_string())
}

/// A connection that is only told the server is full.
struct Full {
    shared: Arc<Shared>,
}

fn nothing() -> Auth {
    Auth::Reject {
        proceed_with_methods: Some(MethodSet::empty()),
        partial_success: false,
    }
}

impl russh::server::Handler for Full {
    type Error = russh::Error;

    async fn authentication_banner(&mut self) -> Result<Option<String>, Self::Error> {
        Ok(Some(banner(&self.shared)))
    }

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(nothing())
    }

    async fn auth_password(&mut self, _user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(nothing())
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _user: &str,
        _submethods: &str,
        _response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        Ok(nothing())
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        _offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(nothing())
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        _key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(nothing())
    }
}
