//! Clock differences between laptops, measured NTP-style through the
//! session folder, so that a sync engine's delivery delay is never taken
//! for a clock difference.
//!
//! Every open view owns `clock/<id>.jsonl` and appends JSON lines to it: a
//! *probe* carries the sender's time t1; whoever reads it answers with its
//! receive time t2 and send time t3; the prober reads the answer at t4.
//! Offset θ = ((t2−t1)+(t3−t4))/2 and round trip δ = (t4−t1)−(t3−t2): the
//! true offset lies within θ ± δ/2, whatever the engine's delays. Only an
//! offset larger than its own uncertainty counts. The files live outside
//! `log/`, so readers of the event logs (also older runde builds) never
//! see them.
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files::create_new_file;

/// Folder of the clock probes inside a session folder.
pub const CLOCK_DIR: &str = "clock";
/// Waits between this view's probes (ms): a few quick ones, then calm.
const PROBE_GAPS_MS: [i64; 4] = [5_000, 15_000, 30_000, 120_000];
/// A best sample older than this is replaced by any newer one.
const SAMPLE_MAX_AGE_MS: i64 = 600_000;

/// One line of a clock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "snake_case")]
enum Msg {
    /// "What time is it with you?" — sent at t1.
    Probe { from: String, n: u64, t1: i64 },
    /// The answer to probe `n` of `to`: received at t2, sent at t3.
    Answer {
        from: String,
        to: String,
        n: u64,
        t1: i64,
        t2: i64,
        t3: i64,
    },
    /// The sender's events are written by log actor `actor`.
    Hello { from: String, actor: String },
}

/// The best measurement of one other view's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    /// Their clock minus ours (ms).
    pub offset_ms: i64,
    /// Round trip of the probe (ms): the offset is known to ±half of it.
    pub delay_ms: i64,
    /// Our time when it was measured.
    pub at_ms: i64,
}

impl Estimate {
    /// The part of the offset that is certain — its size less half the
    /// round trip, sign kept — when that exceeds `margin_ms`. With a fast
    /// round trip this is the offset itself.
    pub fn credible(&self, margin_ms: i64) -> Option<i64> {
        let proven = self.offset_ms.abs() - self.delay_ms / 2;
        (proven > margin_ms).then_some(proven * self.offset_ms.signum())
    }
}

/// Computes offset and delay of one probe round trip.
pub fn ntp(t1: i64, t2: i64, t3: i64, t4: i64, at_ms: i64) -> Estimate {
    Estimate {
        offset_ms: ((t2 - t1) + (t3 - t4)) / 2,
        delay_ms: ((t4 - t1) - (t3 - t2)).max(0),
        at_ms,
    }
}

/// This view's side of the clock exchange.
#[derive(Debug)]
pub struct ClockExchange {
    dir: PathBuf,
    id: String,
    file: Option<File>,
    sent: u64,
    next_probe_ms: i64,
    offsets: HashMap<String, u64>,
    started: bool,
    best: HashMap<String, Estimate>,
    actors: HashMap<String, String>,
}

impl ClockExchange {
    /// An exchange in `session_dir/clock`, probing from `now_ms` on.
    pub fn new(session_dir: &Path, now_ms: i64) -> Self {
        ClockExchange {
            dir: session_dir.join(CLOCK_DIR),
            id: ulid::Ulid::new().to_string().to_lowercase(),
            file: None,
            sent: 0,
            next_probe_ms: now_ms,
            offsets: HashMap::new(),
            started: false,
            best: HashMap::new(),
            actors: HashMap::new(),
        }
    }

    /// Tells the others which log actor writes this view's events.
    pub fn announce(&mut self, actor: &str) {
        let msg = Msg::Hello {
            from: self.id.clone(),
            actor: actor.to_string(),
        };
        self.send(&msg);
    }

    /// Answers new probes, takes in new answers and sends a probe when due.
    /// Best effort: a missing folder or a vanished file is tried again later.
    pub fn poll(&mut self, now_ms: i64) {
        let mut answers = Vec::new();
        for lines in self.read_new_lines() {
            let first_look = !self.started;
            let probes: Vec<&Msg> = lines.iter().filter(|m| matches!(m, Msg::Probe { .. })).collect();
            // On the first look only the newest probe of a file is answered.
            let skip = if first_look { probes.len().saturating_sub(1) } else { 0 };
            let mut seen_probes = 0;
            for msg in &lines {
                match msg {
                    Msg::Probe { from, n, t1 } if *from != self.id => {
                        seen_probes += 1;
                        if seen_probes > skip {
                            answers.push(Msg::Answer {
                                from: self.id.clone(),
                                to: from.clone(),
                                n: *n,
                                t1: *t1,
                                t2: now_ms,
                                t3: now_ms,
                            });
                        }
                    }
                    Msg::Answer {
                        from, to, t1, t2, t3, ..
                    } if *to == self.id => {
                        self.take_sample(from, ntp(*t1, *t2, *t3, now_ms, now_ms));
                    }
                    Msg::Hello { from, actor } if *from != self.id => {
                        self.actors.insert(actor.clone(), from.clone());
                    }
                    _ => {}
                }
            }
        }
        self.started = true;
        for answer in &answers {
            self.send(answer);
        }
        if now_ms >= self.next_probe_ms {
            self.sent += 1;
            let msg = Msg::Probe {
                from: self.id.clone(),
                n: self.sent,
                t1: now_ms,
            };
            self.send(&msg);
            let gap = PROBE_GAPS_MS[(self.sent as usize - 1).min(PROBE_GAPS_MS.len() - 1)];
            self.next_probe_ms = now_ms + gap;
        }
    }

    fn take_sample(&mut self, peer: &str, sample: Estimate) {
        let keep_old = self
            .best
            .get(peer)
            .is_some_and(|old| old.delay_ms < sample.delay_ms && sample.at_ms - old.at_ms < SAMPLE_MAX_AGE_MS);
        if !keep_old {
            self.best.insert(peer.to_string(), sample);
        }
    }

    /// The log actors of the other views that announced themselves.
    pub fn actors(&self) -> impl Iterator<Item = &str> {
        self.actors.keys().map(String::as_str)
    }

    /// The best estimate for the view whose events log actor `actor` writes.
    pub fn estimate_for_actor(&self, actor: &str) -> Option<Estimate> {
        self.actors.get(actor).and_then(|peer| self.best.get(peer)).copied()
    }

    /// Best estimates of all other views.
    pub fn estimates(&self) -> impl Iterator<Item = &Estimate> {
        self.best.values()
    }

    fn send(&mut self, msg: &Msg) {
        if self.file.is_none() {
            if std::fs::create_dir(&self.dir).is_err() && !self.dir.is_dir() {
                return;
            }
            self.file = create_new_file(&self.dir.join(format!("{}.jsonl", self.id))).ok();
        }
        let Some(file) = self.file.as_mut() else { return };
        let mut line = serde_json::to_vec(msg).unwrap_or_default();
        line.push(b'\n');
        // One write of the whole line; a probe lost to a full disk is just
        // a probe not answered.
        let _ = file.write_all(&line);
    }

    /// The complete lines appended to the other views' files since the last look.
    fn read_new_lines(&mut self) -> Vec<Vec<Msg>> {
        // Links, folders and FIFOs are left out (never followed, never waited on).
        let Ok(listing) = super::listing::list_files(&self.dir, super::sync::is_log_name) else {
            return Vec::new();
        };
        let mine = format!("{}.jsonl", self.id);
        let mut out = Vec::new();
        for name in listing.names {
            if name == mine {
                continue;
            }
            let offset = self.offsets.get(&name).copied().unwrap_or(0);
            if let Some((consumed, msgs)) = read_lines_from(&self.dir.join(&name), offset) {
                self.offsets.insert(name, offset + consumed);
                out.push(msgs);
            }
        }
        out
    }
}

/// Most bytes of one clock file read per look: probes are short lines, so a
/// larger unread part is not a view's (and is passed over, not loaded).
const MAX_READ: u64 = 1 << 20;

/// Reads the complete lines after `offset`; `None` when the file vanished,
/// got shorter or is not a regular file (then it is read again next time).
fn read_lines_from(path: &Path, offset: u64) -> Option<(u64, Vec<Msg>)> {
    let mut file = super::listing::open_regular(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len <= offset {
        return (len == offset).then(|| (0, Vec::new()));
    }
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut buf = Vec::new();
    file.take((len - offset).min(MAX_READ)).read_to_end(&mut buf).ok()?;
    if len - offset > MAX_READ && !buf.contains(&b'\n') {
        // A line longer than any probe: skip what is there now.
        return Some((len - offset, Vec::new()));
    }
    let end = buf.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let msgs = buf[..end]
        .split(|&b| b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect();
    Some((end as u64, msgs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symmetric_delay_is_no_offset_and_a_real_offset_is_seen() {
        // 10 s each way, clocks equal: no offset, large uncertainty.
        let e = ntp(0, 10_000, 10_000, 20_000, 0);
        assert_eq!((e.offset_ms, e.delay_ms), (0, 20_000));
        assert_eq!(e.credible(1000), None);
        // 10 s one way, 0.5 s back: off by 4.75 s but not credible.
        let e = ntp(0, 10_000, 10_000, 10_500, 0);
        assert_eq!(e.credible(1000), None);
        // Their clock 5 s ahead, 0.2 s each way: at least 4.8 s.
        let e = ntp(0, 5_200, 5_200, 400, 0);
        assert_eq!(e.offset_ms, 5_000);
        assert_eq!(e.credible(2000), Some(4_800));
        // 300 s behind with a 600 s round trip: only 2.5 s are certain.
        let e = ntp(0, -2_500, -2_500, 600_000, 0);
        assert_eq!(e.credible(1000), Some(-2_500));
    }

    #[test]
    fn two_exchanges_measure_each_other_through_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = ClockExchange::new(dir.path(), 0);
        let mut b = ClockExchange::new(dir.path(), 0);
        a.poll(1_000); // a probes at its 1 s
        b.poll(4_100); // b, 3 s ahead, answers at once
        b.announce("actor-b");
        a.poll(1_200);
        let e = a.estimate_for_actor("actor-b").unwrap();
        assert_eq!((e.offset_ms, e.delay_ms), (3_000, 200));
    }
}
