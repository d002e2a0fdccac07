//! Facts about publishing: a person's decisions on doubtful mentions of a
//! name ("keep this one", "replace every lone Koch") and each group's
//! sign-off of its public part. Both are facts in the session's logs and
//! fold like every other fact (last writer wins per decision and per
//! signer), so every laptop and every later export agrees. What a decision
//! covers and whether a sign-off still holds is computed by the export's
//! privacy rules; the model only keeps the facts.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::event::OrderKey;

/// Why a mention needs a person's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Doubt {
    /// A first name or surname alone.
    Lone,
    /// A name part that is also an ordinary German or English word.
    Ordinary,
    /// Also (part of) the name of someone who agreed to be named.
    Shared,
}

impl Doubt {
    /// The name of this kind of case in decisions (stable: it is logged).
    pub fn as_str(self) -> &'static str {
        match self {
            Doubt::Lone => "lone",
            Doubt::Ordinary => "ordinary",
            Doubt::Shared => "shared",
        }
    }
}

/// What a person decided about doubtful mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Leave the word as written (it is not the person, or may be named).
    Keep,
    /// Replace it by the placeholder.
    Redact,
    /// Withdraw an earlier decision: the mention is undecided again.
    Undecided,
}

/// One place a decision is about: a text (a note or a plan field), the
/// words around the mention, and which of several equal ones it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MentionAt {
    /// `note/<id>` or `plan/<path>`.
    pub place: String,
    /// The folded words right before and after the mention.
    pub context: String,
    /// Which of the equal mentions (same place, word and context) it is.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub n: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Which doubtful mentions a decision covers: one word (a plan person's
/// name part, folded) in one kind of case, at one place or everywhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MentionScope {
    /// The name part, folded ("koch").
    pub word: String,
    /// The kind of case ("lone", "ordinary", "shared", with "+possessive"):
    /// a later mention of another kind is a new case and undecided.
    pub case: String,
    /// One place only; `None`: every lone occurrence of the word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<MentionAt>,
}

/// A decision as it is logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    #[serde(flatten)]
    pub scope: MentionScope,
    pub verdict: Verdict,
    /// Who decided, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// A group's note-taker signed off the group's public part. `digest`
/// identifies exactly the text they saw; when the public part changes, the
/// sign-off no longer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub board: String,
    pub by: String,
    pub digest: String,
}

/// A sign-off as folded, with the time it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedOff {
    pub by: String,
    pub digest: String,
    pub wall_ms: i64,
}

/// The folded review facts of a session.
#[derive(Debug, Clone, Default)]
pub struct ReviewFacts {
    decisions: BTreeMap<MentionScope, (OrderKey, Verdict)>,
    /// (board, signer) → the latest sign-off.
    signoffs: BTreeMap<(String, String), (OrderKey, SignedOff)>,
}

impl ReviewFacts {
    /// Folds a decision; the later one (by log order) wins.
    pub fn decide(&mut self, key: &OrderKey, d: Decision) {
        match self.decisions.get(&d.scope) {
            Some((k, _)) if k >= key => {}
            _ => {
                self.decisions.insert(d.scope, (key.clone(), d.verdict));
            }
        }
    }

    /// Folds a sign-off; per board and signer the later one wins.
    pub fn sign(&mut self, key: &OrderKey, s: SignOff, wall_ms: i64) {
        let slot = (s.board, s.by.clone());
        match self.signoffs.get(&slot) {
            Some((k, _)) if k >= key => {}
            _ => {
                let signed = SignedOff {
                    by: s.by,
                    digest: s.digest,
                    wall_ms,
                };
                self.signoffs.insert(slot, (key.clone(), signed));
            }
        }
    }

    /// The verdict in force for exactly this scope, if any.
    pub fn verdict(&self, scope: &MentionScope) -> Option<Verdict> {
        self.decisions
            .get(scope)
            .map(|(_, v)| *v)
            .filter(|v| *v != Verdict::Undecided)
    }

    /// Every decision in force (undecided ones left out), in a stable order.
    pub fn decisions(&self) -> impl Iterator<Item = (&MentionScope, Verdict)> {
        self.decisions
            .iter()
            .filter(|(_, (_, v))| *v != Verdict::Undecided)
            .map(|(s, (_, v))| (s, *v))
    }

    /// The sign-offs of one board, oldest first.
    pub fn signoffs(&self, board: &str) -> Vec<&SignedOff> {
        let mut out: Vec<&SignedOff> = self
            .signoffs
            .iter()
            .filter(|((b, _), _)| b == board)
            .map(|(_, (_, s))| s)
            .collect();
        out.sort_by_key(|s| s.wall_ms);
        out
    }

    /// A digest of every fact, for convergence checks in tests.
    pub fn digest(&self) -> String {
        let decisions: Vec<String> = self
            .decisions
            .iter()
            .map(|(s, (_, v))| format!("{s:?}={v:?}"))
            .collect();
        let signoffs: Vec<String> = self
            .signoffs
            .iter()
            .map(|((b, by), (_, s))| format!("{b}|{by}|{}", s.digest))
            .collect();
        format!("{decisions:?}{signoffs:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn key(lamport: u64, actor: &str) -> OrderKey {
        OrderKey {
            lamport,
            actor: Arc::from(actor),
            seq: lamport,
        }
    }

    fn lone(word: &str, verdict: Verdict) -> Decision {
        Decision {
            scope: MentionScope {
                word: word.into(),
                case: "ordinary".into(),
                at: None,
            },
            verdict,
            by: None,
        }
    }

    #[test]
    fn the_later_decision_wins_in_any_order() {
        let facts = |order: &[usize]| {
            let events = [
                (key(1, "a"), lone("koch", Verdict::Keep)),
                (key(2, "b"), lone("koch", Verdict::Redact)),
                (key(3, "a"), lone("koch", Verdict::Undecided)),
                (key(4, "b"), lone("koch", Verdict::Keep)),
            ];
            let mut f = ReviewFacts::default();
            for &i in order {
                f.decide(&events[i].0, events[i].1.clone());
                f.decide(&events[i].0, events[i].1.clone());
            }
            f
        };
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]] {
            let f = facts(&order);
            assert_eq!(
                f.verdict(&lone("koch", Verdict::Keep).scope),
                Some(Verdict::Keep),
                "{order:?}"
            );
        }
        let withdrawn = facts(&[0, 1, 2]);
        assert_eq!(withdrawn.verdict(&lone("koch", Verdict::Keep).scope), None);
        assert_eq!(withdrawn.decisions().count(), 0);
    }

    #[test]
    fn a_signer_has_one_sign_off_per_board() {
        let mut f = ReviewFacts::default();
        let s = |digest: &str| SignOff {
            board: "methods".into(),
            by: "Anna".into(),
            digest: digest.into(),
        };
        f.sign(&key(5, "a"), s("new"), 20);
        f.sign(&key(2, "a"), s("old"), 10);
        assert_eq!(f.signoffs("methods").len(), 1);
        assert_eq!(f.signoffs("methods")[0].digest, "new");
        assert!(f.signoffs("other").is_empty());
    }
}
