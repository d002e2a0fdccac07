//! Time as an injected dependency: production code asks a [`Clock`], tests
//! use [`FakeClock`] and never sleep. Wall time is milliseconds since the
//! Unix epoch, because timers are shared between processes.
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// A source of wall-clock time in milliseconds since the Unix epoch.
pub trait Clock: Send + Sync {
    /// The current wall time in milliseconds.
    fn now_ms(&self) -> i64;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        chrono::Utc::now().timestamp_millis()
    }
}

/// A clock that only moves when told to; clones share the same time.
#[derive(Debug, Clone, Default)]
pub struct FakeClock(Arc<AtomicI64>);

impl FakeClock {
    /// A fake clock standing at `ms`.
    pub fn at(ms: i64) -> Self {
        FakeClock(Arc::new(AtomicI64::new(ms)))
    }
    /// Moves the clock forward (or backward, with a negative value).
    pub fn advance_ms(&self, ms: i64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
    /// Moves the clock forward by whole seconds.
    pub fn advance_secs(&self, secs: i64) {
        self.advance_ms(secs * 1000);
    }
    /// Sets the clock to `ms`.
    pub fn set_ms(&self, ms: i64) {
        self.0.store(ms, Ordering::SeqCst);
    }
}

impl Clock for FakeClock {
    fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}
