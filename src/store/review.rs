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
use super::log::{LogReader, LogWriter};
use crate::error::{Error, Result};
use crate::model::review::{Decision, MentionScope, SignOff, Verdict};
use crate::model::{Change, SessionState};

/// Folder of the review facts inside a session folder.
pub const REVIEW_DIR: &str = "review";

/// The review folder as a session reads and writes it.
#[derive(Debug)]
pub struct ReviewLog {
    reader: LogReader,
    writer: Option<LogWriter>,
}

impl ReviewLog {
    /// The review log of the session in `dir` (a link there is refused).
    pub fn open(dir: &Path) -> Result<ReviewLog> {
        super::durable::refuse_symlink(&dir.join(REVIEW_DIR))?;
        Ok(ReviewLog {
            reader: LogReader::new(dir.join(REVIEW_DIR)),
            writer: None,
        })
    }

    /// Folds facts written since the last call into `state`; how many.
    pub fn poll(&mut self, state: &mut SessionState) -> Result<usize> {
        self.reader.poll_into(&mut |key, ev| state.apply(&key, ev))
    }
}

impl Session {
    /// Records a decision about doubtful mentions (who decided: the
    /// session's author).
    pub fn decide(&mut self, scope: MentionScope, verdict: Verdict) -> Result<()> {
        let by = self.author().map(str::to_string);
        self.append_review(Change::MentionDecided(Decision { scope, verdict, by }))
    }

    /// Records that `by` signed off `board`'s public part with `digest`.
    pub fn sign_off(&mut self, board: &str, by: &str, digest: &str) -> Result<()> {
        if by.trim().is_empty() {
            return Err(Error::Usage("a sign-off needs the name of who signs".into()));
        }
        crate::model::rules::require_board(self.plan(), board)?;
        self.append_review(Change::SignedOff(SignOff {
            board: board.to_string(),
            by: crate::model::text::one_line(by.trim()),
            digest: digest.to_string(),
        }))
    }

    /// Appends a review fact to this writer's file in `review/`, durably,
    /// then applies it.
    fn append_review(&mut self, change: Change) -> Result<()> {
        let wall_ms = self.now_ms();
        let by = self.author().map(str::to_string);
        let dir = self.dir().join(REVIEW_DIR);
        let review = &mut self.review;
        if review.writer.is_none() {
            review.writer = Some(LogWriter::create(&dir, by.as_deref(), wall_ms)?);
        }
        let (key, ev) = super::write_event(
            &mut review.writer,
            &mut review.reader,
            self.state.max_lamport(),
            wall_ms,
            change,
        )?;
        self.state.apply(&key, ev);
        Ok(())
    }
}
