//! Plain data of a workshop session: the plan people write, the notes and
//! timers that change during the meeting, and the events that change them.
//! Nothing in here touches the disk or the clock.
pub mod check;
pub mod draft;
pub mod event;
pub mod finding;
pub mod history;
pub mod merge;
pub mod plan;
pub mod plan_edit;
pub mod position;
pub mod problem;
pub mod replica;
pub mod review;
pub mod rules;
pub mod series;
pub mod similarity;
pub mod state;
pub mod template;
pub mod text;
pub mod timer;

pub use event::{Change, Event, NoteFields, NoteKind, OrderKey, Origin, Signal, TimerOp, TimerStep};
pub use plan::{Board, BoardKind, Lang, Plan, Section};
pub use problem::{BadValue, ParseProblem};
pub use replica::{FolderNews, Replica, SaveError, Skews};
pub use rules::{RuleError, TimerCommand};
pub use state::{Note, SessionState};
pub use timer::{TimerFacts, TimerState};
pub mod facilitation;
