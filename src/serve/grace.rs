//! A login's time limit, enforced on the socket itself: until the
//! connection is marked logged in, reading from it fails once the grace
//! time is over. russh runs each connection on a task of its own that an
//! outside timeout cannot end, and a client stuck half-way through the key
//! exchange never lets a disconnect request through; a failing read ends
//! the connection in every state.
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

/// Whether a login finished, and whether its grace time ran out first.
#[derive(Debug, Default)]
pub struct Login {
    done: AtomicBool,
    expired: AtomicBool,
}

impl Login {
    /// The login succeeded: the time limit no longer applies.
    pub fn finish(&self) {
        self.done.store(true, Ordering::SeqCst);
    }

    /// The login succeeded.
    pub fn is_done(&self) -> bool {
        self.done.load(Ordering::SeqCst)
    }

    /// The grace time ran out before the login succeeded.
    pub fn expired(&self) -> bool {
        self.expired.load(Ordering::SeqCst)
    }
}

/// A stream whose reads fail after `grace` unless its [`Login`] finished.
pub struct GraceStream<S> {
    inner: S,
    deadline: Pin<Box<Sleep>>,
    login: Arc<Login>,
}

impl<S> GraceStream<S> {
    /// Wraps `inner`; the grace time starts now.
    pub fn new(inner: S, grace: Duration, login: Arc<Login>) -> GraceStream<S> {
        GraceStream {
            inner,
            deadline: Box::pin(tokio::time::sleep(grace)),
            login,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for GraceStream<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        if !self.login.is_done() && self.deadline.as_mut().poll(cx).is_ready() {
            self.login.expired.store(true, Ordering::SeqCst);
            return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "login took too long")));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for GraceStream<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn reads_fail_after_the_grace_time_unless_logged_in() {
        let (client, server) = tokio::io::duplex(64);
        let login = Arc::new(Login::default());
        let mut stream = GraceStream::new(server, Duration::from_millis(50), login.clone());
        let mut buf = [0u8; 8];
        let read = stream.read(&mut buf).await;
        assert_eq!(read.unwrap_err().kind(), io::ErrorKind::TimedOut);
        assert!(login.expired());

        let (mut client2, server2) = tokio::io::duplex(64);
        let login = Arc::new(Login::default());
        let mut stream = GraceStream::new(server2, Duration::from_millis(50), login.clone());
        login.finish();
        tokio::time::sleep(Duration::from_millis(100)).await;
        client2.write_all(b"hi").await.unwrap();
        assert_eq!(stream.read(&mut buf).await.unwrap(), 2);
        assert!(!login.expired());
        drop(client);
    }
}
