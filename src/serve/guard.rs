//! Who may start a login, so that the join code cannot be used to lock
//! people out. Modelled on OpenSSH's `MaxStartups`, `PerSourceMaxStartups`
//! and `PerSourcePenalties`:
//!
//! - a connection that has not logged in yet holds a *startup* place, never
//!   one of the `--max` places (those are taken when the code is right);
//! - startups are capped per source address and in total. A source with
//!   strikes (below) may have [`Limits::per_source`] logins in progress at
//!   once, a clean one [`Limits::per_clean_source`] (a whole group may join
//!   from behind one NAT address). From [`Limits::start`] logins in
//!   progress on, a new connection is dropped with a probability rising
//!   from [`Limits::rate`] % to 100 % at [`Limits::full`] (random early
//!   drop), so a flood cannot hold every place;
//! - a wrong code (or a login that outstays [`Limits::grace`]) is a strike
//!   against its source: the source is *blocked* for 0.5 s, 1 s, 2 s, … up to
//!   30 s. A blocked source's new connections are closed at once and its
//!   codes are not checked; nothing sleeps and nothing holds a place while
//!   it waits. A right code clears the source's strikes.
//! - a refused connection is *held* (not read, no task of russh, no
//!   place) until its source's block ends, at most [`Limits::hold`], then
//!   closed: an impatient client that reconnects at once waits instead of
//!   flooding the accept loop. Held connections are capped per source
//!   ([`Limits::held_per_source`]) and in total ([`Limits::held`]); past
//!   either they are closed at once.
//!
//! IPv4 sources are single addresses, IPv6 sources /64 networks (one host
//! may have many addresses in its /64).
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The limits of a gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Logins in progress from one source with strikes at once.
    pub per_source: usize,
    /// Logins in progress from one source without strikes at once.
    pub per_clean_source: usize,
    /// Logins in progress from which new ones are dropped at random.
    pub start: usize,
    /// Drop probability (percent) at `start`.
    pub rate: u32,
    /// Logins in progress at which every new one is dropped.
    pub full: usize,
    /// Longest time a login may take.
    pub grace: Duration,
    /// Longest time a refused connection is held before it is closed.
    pub hold: Duration,
    /// Refused connections held at once from one source.
    pub held_per_source: usize,
    /// Refused connections held at once in all.
    pub held: usize,
}

/// The server's limits: room for a whole workshop typing the code at once
/// (`start` is above the default `--max`, also from one address), while
/// ten sources trying wrong codes hold at most 20 places.
pub const LIMITS: Limits = Limits {
    per_source: 2,
    per_clean_source: 32,
    start: 48,
    rate: 30,
    full: 160,
    grace: Duration::from_secs(120),
    hold: Duration::from_secs(10),
    // A held connection costs one file descriptor and a timer: 512 stay
    // well inside the usual limit of 1,024 with every other place taken.
    held_per_source: 64,
    held: 512,
};

/// How long a connection refused for `why` is held before it is closed:
/// until its source's block ends, else a second (a busy source, a crowded
/// server), never longer than `limits.hold`.
pub fn hold_for(limits: &Limits, why: Refusal) -> Duration {
    match why {
        Refusal::Blocked(left) => left,
        Refusal::SourceBusy | Refusal::Crowded => Duration::from_secs(1),
    }
    .min(limits.hold)
}

/// Sources remembered with strikes; past this, new sources are not
/// penalised (OpenSSH's "permissive" overflow) rather than refused.
const MAX_TRACKED: usize = 65_536;
/// Strikes are forgotten this long after a source's block ended.
const FORGET_AFTER: Duration = Duration::from_secs(600);

/// The block after a source's n-th strike: 0.5 s, 1 s, 2 s, … up to 30 s.
pub fn block_for(strikes: u32) -> Duration {
    let ms = 500u64.saturating_mul(1 << strikes.saturating_sub(1).min(6));
    Duration::from_millis(ms.min(30_000))
}

/// The chance (percent) that a new login is dropped with `total` logins in
/// progress: 0 below `start`, `rate` at `start`, rising linearly to 100 at
/// `full`.
pub fn drop_percent(limits: &Limits, total: usize) -> u32 {
    if total < limits.start {
        return 0;
    }
    if total >= limits.full || limits.full <= limits.start {
        return 100;
    }
    let span = (limits.full - limits.start) as u64;
    let over = (total - limits.start) as u64;
    let rate = u64::from(limits.rate.min(100));
    (rate + (100 - rate) * over / span) as u32
}

/// The source a peer address counts as: the address itself for IPv4
/// (also when mapped into IPv6), its /64 network for IPv6.
pub fn source_of(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(bits.into())
        }
        v4 => v4,
    }
}

/// Why a new connection was not let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Its source is blocked for this much longer.
    Blocked(Duration),
    /// Its source already has as many logins in progress as it may.
    SourceBusy,
    /// Too many logins in progress (random early drop).
    Crowded,
}

#[derive(Debug, Default)]
struct Record {
    /// Logins in progress.
    startups: usize,
    /// Refused connections held open.
    held: usize,
    strikes: u32,
    blocked_until: Option<Instant>,
}

impl Record {
    /// Its strikes are old enough to forget.
    fn stale(&self, now: Instant) -> bool {
        self.blocked_until.is_none_or(|t| now > t + FORGET_AFTER)
    }
}

#[derive(Debug, Default)]
struct State {
    sources: HashMap<IpAddr, Record>,
    total: usize,
    held: usize,
}

/// The shared record of logins in progress and strikes per source.
#[derive(Debug)]
pub struct Gate {
    limits: Limits,
    state: Mutex<State>,
}

/// A login in progress; its place is given back when dropped (the client
/// left, the login ended, or it succeeded).
#[derive(Debug)]
pub struct Startup {
    gate: Arc<Gate>,
    source: IpAddr,
    /// Counted against its source (false when too many sources are tracked).
    tracked: bool,
}

impl Drop for Startup {
    fn drop(&mut self) {
        let mut state = self.gate.lock();
        state.total = state.total.saturating_sub(1);
        if let Some(r) = state.sources.get_mut(&self.source).filter(|_| self.tracked) {
            r.startups = r.startups.saturating_sub(1);
        }
    }
}

/// A refused connection held open; its place among the held is given
/// back when dropped.
#[derive(Debug)]
pub struct Held {
    gate: Arc<Gate>,
    source: IpAddr,
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut state = self.gate.lock();
        state.held = state.held.saturating_sub(1);
        if let Some(r) = state.sources.get_mut(&self.source) {
            r.held = r.held.saturating_sub(1);
        }
    }
}

impl Gate {
    /// A gate with `limits`.
    pub fn new(limits: Limits) -> Arc<Gate> {
        Arc::new(Gate {
            limits,
            state: Mutex::new(State::default()),
        })
    }

    /// The gate's limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Lets a new connection from `ip` start a login, or says why not.
    /// `roll` gives a number in 0..100, asked for only when the random
    /// early drop applies.
    pub fn admit(self: &Arc<Self>, ip: IpAddr, now: Instant, roll: impl FnOnce() -> u32) -> Result<Startup, Refusal> {
        let source = source_of(ip);
        let mut state = self.lock();
        if let Some(left) = blocked(state.sources.get(&source), now) {
            return Err(Refusal::Blocked(left));
        }
        if let Some(r) = state.sources.get(&source) {
            let cap = if r.strikes > 0 && !r.stale(now) {
                self.limits.per_source
            } else {
                self.limits.per_clean_source
            };
            if r.startups >= cap {
                return Err(Refusal::SourceBusy);
            }
        }
        let chance = drop_percent(&self.limits, state.total);
        if chance >= 100 || (chance > 0 && roll() % 100 < chance) {
            return Err(Refusal::Crowded);
        }
        // With too many sources tracked it is let in uncounted (permissive).
        let tracked = record_for(&mut state, source, now).map(|r| r.startups += 1).is_some();
        state.total += 1;
        Ok(Startup {
            gate: self.clone(),
            source,
            tracked,
        })
    }

    /// Lets a refused connection from `ip` be held open, unless its
    /// source or the server already holds as many as they may (or the
    /// source cannot be tracked): then `None`, and it is closed at once.
    pub fn hold(self: &Arc<Self>, ip: IpAddr, now: Instant) -> Option<Held> {
        let source = source_of(ip);
        let mut state = self.lock();
        if state.held >= self.limits.held {
            return None;
        }
        let per_source = self.limits.held_per_source;
        let record = record_for(&mut state, source, now).filter(|r| r.held < per_source)?;
        record.held += 1;
        state.held += 1;
        Some(Held {
            gate: self.clone(),
            source,
        })
    }

    /// Refused connections held, in total and from `ip`'s source.
    pub fn held(&self, ip: IpAddr) -> (usize, usize) {
        let state = self.lock();
        let here = state.sources.get(&source_of(ip)).map_or(0, |r| r.held);
        (state.held, here)
    }

    /// How much longer `ip`'s source is blocked, if it is.
    pub fn blocked(&self, ip: IpAddr, now: Instant) -> Option<Duration> {
        blocked(self.lock().sources.get(&source_of(ip)), now)
    }

    /// A strike against `ip`'s source (a wrong code, a login that took too
    /// long): blocks it for [`block_for`] its strikes; returns the block.
    pub fn strike(&self, ip: IpAddr, now: Instant) -> Duration {
        let mut state = self.lock();
        let Some(record) = record_for(&mut state, source_of(ip), now) else {
            return Duration::ZERO;
        };
        record.strikes = record.strikes.saturating_add(1);
        let block = block_for(record.strikes);
        record.blocked_until = Some(now + block);
        block
    }

    /// A right code from `ip`'s source clears its strikes.
    pub fn clear(&self, ip: IpAddr) {
        if let Some(r) = self.lock().sources.get_mut(&source_of(ip)) {
            r.strikes = 0;
            r.blocked_until = None;
        }
    }

    /// Logins in progress, in total and from `ip`'s source.
    pub fn startups(&self, ip: IpAddr) -> (usize, usize) {
        let state = self.lock();
        let here = state.sources.get(&source_of(ip)).map_or(0, |r| r.startups);
        (state.total, here)
    }
}

fn blocked(record: Option<&Record>, now: Instant) -> Option<Duration> {
    let until = record?.blocked_until?;
    (until > now).then(|| until - now)
}

/// The record of `source`, made if needed; strikes long past are
/// forgotten. `None` when the table is full even after forgetting.
fn record_for(state: &mut State, source: IpAddr, now: Instant) -> Option<&mut Record> {
    if !state.sources.contains_key(&source) && state.sources.len() >= MAX_TRACKED {
        state
            .sources
            .retain(|_, r| r.startups > 0 || r.held > 0 || !r.stale(now));
        if state.sources.len() >= MAX_TRACKED {
            return None;
        }
    }
    let record = state.sources.entry(source).or_default();
    if record.stale(now) {
        record.strikes = 0;
        record.blocked_until = None;
    }
    Some(record)
}

/// A number in 0..100 for the random early drop.
pub fn roll() -> u32 {
    getrandom::u32().unwrap_or(0) % 100
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Limits = Limits {
        per_source: 1,
        per_clean_source: 2,
        start: 3,
        rate: 50,
        full: 5,
        grace: Duration::from_secs(1),
        hold: Duration::from_secs(2),
        held_per_source: 2,
        held: 3,
    };

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn logins_in_progress_are_capped_per_source_and_given_back_on_drop() {
        let gate = Gate::new(SMALL);
        let now = Instant::now();
        let a1 = gate.admit(ip("10.0.0.1"), now, || 0).unwrap();
        let _a2 = gate.admit(ip("10.0.0.1"), now, || 0).unwrap();
        assert_eq!(gate.admit(ip("10.0.0.1"), now, || 0).unwrap_err(), Refusal::SourceBusy);
        let _b = gate.admit(ip("10.0.0.2"), now, || 99).unwrap();
        assert_eq!(gate.startups(ip("10.0.0.1")), (3, 2));
        drop(a1);
        assert_eq!(gate.startups(ip("10.0.0.1")), (2, 1));
        assert!(gate.admit(ip("10.0.0.1"), now, || 99).is_ok());
    }

    #[test]
    fn a_source_with_strikes_may_start_fewer_logins() {
        let gate = Gate::new(SMALL);
        let t0 = Instant::now();
        let a = ip("10.0.0.1");
        let first = gate.admit(a, t0, || 0).unwrap();
        gate.strike(a, t0);
        let t1 = t0 + Duration::from_secs(1);
        assert_eq!(gate.admit(a, t1, || 0).unwrap_err(), Refusal::SourceBusy);
        drop(first);
        let _one = gate.admit(a, t1, || 0).unwrap();
        gate.clear(a);
        assert!(gate.admit(a, t1, || 0).is_ok(), "a right code makes it clean again");
    }

    #[test]
    fn past_start_new_logins_are_dropped_at_random_and_past_full_always() {
        assert_eq!(drop_percent(&SMALL, 2), 0);
        assert_eq!(drop_percent(&SMALL, 3), 50);
        assert_eq!(drop_percent(&SMALL, 4), 75);
        assert_eq!(drop_percent(&SMALL, 5), 100);
        assert_eq!(drop_percent(&LIMITS, LIMITS.start - 1), 0);
        assert_eq!(drop_percent(&LIMITS, LIMITS.full), 100);
        let gate = Gate::new(SMALL);
        let now = Instant::now();
        let _kept: Vec<Startup> = ["1.1.1.1", "1.1.1.2", "1.1.1.3"]
            .iter()
            .map(|a| gate.admit(ip(a), now, || panic!("no roll below start")).unwrap())
            .collect();
        assert_eq!(gate.admit(ip("1.1.1.4"), now, || 49).unwrap_err(), Refusal::Crowded);
        let lucky = gate.admit(ip("1.1.1.4"), now, || 50).unwrap();
        assert_eq!(gate.admit(ip("1.1.1.5"), now, || 74).unwrap_err(), Refusal::Crowded);
        let _also = gate.admit(ip("1.1.1.5"), now, || 75).unwrap();
        assert_eq!(gate.admit(ip("1.1.1.6"), now, || 99).unwrap_err(), Refusal::Crowded);
        drop(lucky);
        assert!(
            gate.admit(ip("1.1.1.6"), now, || 99).is_ok(),
            "a place given back is free again"
        );
    }

    #[test]
    fn strikes_block_a_source_for_longer_each_time_and_a_right_code_clears_them() {
        let gate = Gate::new(SMALL);
        let t0 = Instant::now();
        let a = ip("10.0.0.1");
        assert_eq!(gate.strike(a, t0), Duration::from_millis(500));
        assert_eq!(gate.blocked(a, t0), Some(Duration::from_millis(500)));
        assert!(matches!(gate.admit(a, t0, || 0), Err(Refusal::Blocked(_))));
        assert!(gate.admit(ip("10.0.0.2"), t0, || 0).is_ok(), "others are not blocked");
        let t1 = t0 + Duration::from_millis(600);
        assert_eq!(gate.blocked(a, t1), None);
        assert!(gate.admit(a, t1, || 0).is_ok());
        assert_eq!(gate.strike(a, t1), Duration::from_secs(1));
        assert_eq!(gate.strike(a, t1), Duration::from_secs(2));
        for _ in 0..10 {
            gate.strike(a, t1);
        }
        assert_eq!(gate.blocked(a, t1), Some(Duration::from_secs(30)), "capped");
        gate.clear(a);
        assert_eq!(gate.blocked(a, t1), None);
        assert_eq!(gate.strike(a, t1), Duration::from_millis(500));
        let later = t1 + Duration::from_secs(1) + FORGET_AFTER;
        assert_eq!(
            gate.strike(a, later),
            Duration::from_millis(500),
            "old strikes are forgotten"
        );
    }

    #[test]
    fn refused_connections_are_held_up_to_a_cap_per_source_and_in_total() {
        let gate = Gate::new(SMALL);
        let now = Instant::now();
        let a1 = gate.hold(ip("10.0.0.1"), now).expect("first");
        let _a2 = gate.hold(ip("10.0.0.1"), now).expect("second");
        assert!(gate.hold(ip("10.0.0.1"), now).is_none(), "per source");
        let _b = gate.hold(ip("10.0.0.2"), now).expect("another source");
        assert!(gate.hold(ip("10.0.0.3"), now).is_none(), "in total");
        assert_eq!(gate.held(ip("10.0.0.1")), (3, 2));
        drop(a1);
        assert_eq!(gate.held(ip("10.0.0.1")), (2, 1));
        assert!(gate.hold(ip("10.0.0.3"), now).is_some(), "a place given back");
        assert_eq!(gate.startups(ip("10.0.0.1")), (0, 0), "held is not a login");
    }

    #[test]
    fn a_refused_connection_is_held_until_its_block_ends_and_never_longer_than_the_limit() {
        let ms = Duration::from_millis;
        assert_eq!(hold_for(&SMALL, Refusal::Blocked(ms(500))), ms(500));
        assert_eq!(hold_for(&SMALL, Refusal::Blocked(ms(30_000))), SMALL.hold);
        assert_eq!(hold_for(&SMALL, Refusal::SourceBusy), ms(1000));
        assert_eq!(hold_for(&LIMITS, Refusal::Crowded), ms(1000));
    }

    #[test]
    fn an_ipv6_source_is_its_64_network_and_mapped_ipv4_is_ipv4() {
        assert_eq!(
            source_of(ip("2001:db8:1:2:aaaa::1")),
            source_of(ip("2001:db8:1:2:bbbb::9"))
        );
        assert_ne!(source_of(ip("2001:db8:1:2::1")), source_of(ip("2001:db8:1:3::1")));
        assert_eq!(source_of(ip("::ffff:10.0.0.1")), ip("10.0.0.1"));
        let gate = Gate::new(SMALL);
        gate.strike(ip("::ffff:10.0.0.1"), Instant::now());
        assert!(gate.blocked(ip("10.0.0.1"), Instant::now()).is_some());
    }
}
