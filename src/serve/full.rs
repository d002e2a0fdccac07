//! What a client sees when every `--max` place is taken: the SSH banner
//! says so (OpenSSH prints it before asking for anything), and the server
//! then disconnects with the same words as the reason (OpenSSH prints
//! "Received disconnect …: runde: this server is full …"), never "too many
//! authentication attempts". A refusal is a login in progress like any
//! other: it holds a startup place of [`super::guard`] (so refusals are
//! capped per source and in total) and ends after a few seconds at most.
use std::sync::Arc;
use std::time::Duration;

use russh::MethodSet;
use russh::server::{Auth, Handle, Response};
use tokio::net::TcpStream;
use tokio::sync::watch;

use super::grace::{GraceStream, Login};
use super::guard::Startup;
use super::server::Shared;
use crate::i18n::serve_words;

/// How long a refused client may take to read the banner.
const REFUSAL_TIMEOUT: Duration = Duration::from_secs(10);

/// Tells the client on `socket` that the server is full, then closes it;
/// `startup` is held until then.
pub fn refuse(socket: TcpStream, shared: &Arc<Shared>, host_keys: Vec<russh::keys::PrivateKey>, startup: Startup) {
    let socket = GraceStream::new(socket, REFUSAL_TIMEOUT, Arc::new(Login::default()));
    let config = Arc::new(russh::server::Config {
        methods: MethodSet::empty(),
        auth_rejection_time: Duration::ZERO,
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: host_keys,
        inactivity_timeout: Some(REFUSAL_TIMEOUT),
        max_auth_attempts: 1_000,
        nodelay: true,
        ..Default::default()
    });
    let (handle, heard) = watch::channel(None);
    let handler = Full {
        shared: shared.clone(),
        handle: heard,
        _startup: startup,
    };
    tokio::spawn(async move {
        if let Ok(session) = russh::server::run_stream(config, socket, handler).await {
            let _ = handle.send(Some(session.handle()));
            let _ = session.await;
        }
    });
}

/// The words of the banner for this server.
pub fn banner(shared: &Shared) -> String {
    serve_words(shared.lang).full.replace("{max}", &shared.max.to_string())
}

/// A connection that is only told the server is full.
struct Full {
    shared: Arc<Shared>,
    /// Set once the session runs (the client may ask for the banner
    /// before); used to disconnect with the reason.
    handle: watch::Receiver<Option<Handle>>,
    _startup: Startup,
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
        let banner = banner(&self.shared);
        // Sent after the banner: the reason the client prints on leaving.
        let reason = banner.trim_end().to_string();
        let mut handle = self.handle.clone();
        tokio::spawn(async move {
            let Ok(handle) = handle.wait_for(Option::is_some).await.map(|h| h.clone()) else {
                return;
            };
            if let Some(handle) = handle {
                let _ = handle
                    .disconnect(russh::Disconnect::TooManyConnections, reason, String::new())
                    .await;
            }
        });
        Ok(Some(banner))
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
