//! The crate's error type: every failure names the file (and line) it is
//! about, and maps to the CLI's exit codes (1 runtime, 2 usage).
use std::path::{Path, PathBuf};

/// Result alias used throughout runde.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong, phrased for the person at the terminal.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file's content is malformed at a known line. Displayed in
    /// English; the edges word it in the session's language
    /// ([`crate::i18n::check::problem`]).
    #[error("{}:{line}: {}", path.display(), crate::i18n::check::problem(problem, crate::model::Lang::En))]
    Parse {
        path: PathBuf,
        line: usize,
        problem: crate::model::ParseProblem,
    },
    /// The request does not fit the session (unknown board, deleted note …).
    #[error("{0}")]
    Invalid(String),
    /// The command line itself is wrong (exit code 2).
    #[error("{0}")]
    Usage(String),
    /// The command ran and found problems; the text sums them up (exit code 1).
    #[error("{0}")]
    Problems(String),
    /// A command does not fit the session (a rule of `model::rules`).
    /// Displayed in English; edges word it ([`Error::in_lang`]).
    #[error("{}", crate::i18n::rule_error_text(crate::model::Lang::En, _0))]
    Rule(crate::model::RuleError),
    /// The next meeting's plan cannot be made (`new --from`). Displayed in
    /// English; edges word it ([`Error::in_lang`]).
    #[error("{}", crate::i18n::check::series_error(_0, crate::model::Lang::En))]
    Series(crate::model::series::SeriesError),
    /// An entry runde would not read back (a value beyond its limits, too
    /// long) is not written. Displayed in English; edges word it.
    #[error("{}", crate::i18n::check::not_saved(_0, crate::model::Lang::En))]
    NotSaved(crate::model::check::Rejection),
    /// The store refused or failed an operation. Displayed in English;
    /// edges word it ([`Error::in_lang`]).
    #[error("{}", crate::i18n::check::store_problem(_0, crate::model::Lang::En))]
    Store(crate::model::problem::StoreProblem),
    /// Whoever read standard output closed it (`| head`): stop quietly (exit code 0).
    #[error("standard output was closed")]
    OutputClosed,
}

impl From<crate::model::RuleError> for Error {
    fn from(e: crate::model::RuleError) -> Self {
        Error::Rule(e)
    }
}

impl From<crate::model::series::SeriesError> for Error {
    fn from(e: crate::model::series::SeriesError) -> Self {
        Error::Series(e)
    }
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// A parse error at `line` (1-based) of `path`.
    pub fn parse(path: impl AsRef<Path>, line: usize, problem: impl Into<crate::model::ParseProblem>) -> Self {
        Error::Parse {
            path: path.as_ref().to_path_buf(),
            line,
            problem: problem.into(),
        }
    }

    /// The process exit code for this error: 2 for usage, 0 for a closed
    /// output pipe, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Series(crate::model::series::SeriesError::NoNextDate) => 2,
            Error::Store(p) if p.is_usage() => 2,
            Error::OutputClosed => 0,
            _ => 1,
        }
    }

    /// The error as a person reads it in `lang`: a malformed file with its
    /// path and line, a refused entry, the store's and the rules' refusals
    /// in that language; other errors in their own words.
    pub fn in_lang(&self, lang: crate::model::Lang) -> String {
        use crate::i18n::check;
        match self {
            Error::Parse { path, line, problem } => {
                format!("{}:{line}: {}", path.display(), check::problem(problem, lang))
            }
            Error::NotSaved(why) => check::not_saved(why, lang),
            Error::Store(p) => check::store_problem(p, lang),
            Error::Rule(rule) => crate::i18n::rule_error_text(lang, rule),
            Error::Series(e) => check::series_error(e, lang),
            other => other.to_string(),
        }
    }
}
