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

/// Wall time read once, then advanced by the monotonic clock: what a view
/// counts with, so a system clock step (NTP, a manual change) neither makes
/// a countdown jump nor corrupts the times of the facts it writes.
#[derive(Debug, Clone, Copy)]
pub struct SteadyClock {
    base_wall_ms: i64,
    base: std::time::Instant,
}

impl SteadyClock {
    /// A steady clock starting at the system's current wall time.
    pub fn start() -> Self {
        SteadyClock {
            base_wall_ms: SystemClock.now_ms(),
            base: std::time::Instant::now(),
        }
    }
}

impl Clock for SteadyClock {
    fn now_ms(&self) -> i64 {
        self.base_wall_ms + self.base.elapsed().as_millis() as i64
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
}

impl Clock for FakeClock {
    fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steady_clock_starts_at_wall_time_and_never_goes_back() {
        let c = SteadyClock::start();
        let a = c.now_ms();
        assert!((a - SystemClock.now_ms()).abs() < 1000);
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert!(c.now_ms() >= a + 5);
    }
}
