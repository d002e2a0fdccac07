//! Review facts on disk: decisions on doubtful mentions and sign-offs are
//! events like any other (same record format, one append-only file per
//! writer, fsync before success, Lamport order shared with `log/`), but
//! they live in `review/`, a folder older runde builds never read — so a
//! laptop still on an older build keeps opening the session when another
//! one has reviewed it. Writes are synchronous even in a view: a decision
//! or a sign-off is a deliberate key press, and it is on disk when the
//! view says so.
use std::path::Path;

use super::Session;
use super::folder::Folder;
use super::log::{LogReader, LogWriter};
use crate::error::{Error, Result};
use crate::model::review::{Decision, MentionScope, SignOff, Verdict};
use crate::model::{Change, Event, OrderKey};

/// Folder of the review facts inside a session folder.
pub const REVIEW_DIR: &str = "review";

/// The review folder as a session reads and writes it.
#[derive(Debug)]
pub struct ReviewLog {
    pub(super) reader: LogReader,
    writer: Option<LogWriter>,
}

impl ReviewLog {
    /// The review log of the session in `dir` (a link there is refused).
    pub fn open(dir: &Path) -> Result<ReviewLog> {
        super::files::refuse_symlink(&dir.join(REVIEW_DIR))?;
        Ok(ReviewLog {
            reader: LogReader::new(dir.join(REVIEW_DIR)),
            writer: None,
        })
    }

    /// Reads every fact again from the start at the next poll.
    pub(super) fn restart(&mut self) {
        let dir = self.reader.dir().to_path_buf();
        self.reader = LogReader::new(dir);
        self.writer = None;
    }
}

impl Folder {
    /// Appends a review fact to this writer's file in `review/`, durably
    /// (stamped and bounded as every other event, see
    /// [`append`](super::append)), above Lamport time `max_lamport`.
    /// Returns the event, for the caller to apply.
    pub fn append_review(&mut self, max_lamport: u64, change: Change) -> Result<(OrderKey, Event)> {
        let wall_ms = self.now_ms();
        let by = self.writer.by.clone();
        let dir = self.dir().join(REVIEW_DIR);
        let review = &mut self.review;
        let writer = match review.writer.as_mut() {
            Some(w) => w,
            None => review.writer.insert(LogWriter::create(&dir, by.as_deref(), wall_ms)?),
        };
        let lamport = crate::model::event::limits::next_counter(max_lamport);
        let (ev, line) = super::append::stamp(writer.next_seq(), lamport, wall_ms, change)?;
        if let Err(e) = writer.append_line(ev.seq, &line) {
            // Never write a log again after a failed write or fsync.
            review.writer = None;
            return Err(e);
        }
        let key = OrderKey {
            lamport: ev.lamport,
            actor: writer.actor().clone(),
            seq: ev.seq,
        };
        review.reader.skip_own(&key);
        Ok((key, ev))
    }
}

/// A decision about doubtful mentions, by `by`.
pub fn decision(scope: MentionScope, verdict: Verdict, by: Option<String>) -> Change {
    Change::MentionDecided(Decision { scope, verdict, by })
}

/// That `by` signed off `board`'s public part with `digest`, checked
/// against `plan`.
pub fn sign_off(plan: &crate::model::Plan, board: &str, by: &str, digest: &str) -> Result<Change> {
    if by.trim().is_empty() {
        return Err(Error::Store(crate::model::problem::StoreProblem::SignOffWithoutName));
    }
    crate::model::rules::require_board(plan, board)?;
    Ok(Change::SignedOff(SignOff {
        board: board.to_string(),
        by: crate::model::text::one_line(by.trim()),
        digest: digest.to_string(),
    }))
}

impl Session {
    /// Records a decision about doubtful mentions (who decided: the
    /// session's author).
    pub fn decide(&mut self, scope: MentionScope, verdict: Verdict) -> Result<()> {
        let change = decision(scope, verdict, self.author().map(str::to_string));
        self.append_review(change)
    }

    /// Records that `by` signed off `board`'s public part with `digest`.
    pub fn sign_off(&mut self, board: &str, by: &str, digest: &str) -> Result<()> {
        let change = sign_off(self.plan(), board, by, digest)?;
        self.append_review(change)
    }
}
