//! The language a command's errors are worded in: the session's (read
//! when an error comes back, so a successful command reads nothing more),
//! the language the command asks for, or the default without a session.
use crate::cli::{Command, TemplateCommand};
use crate::error::Error;
use crate::model::Lang;

/// Whom a command's errors speak to.
pub(super) enum Speaks {
    /// The people of the session at this PATH argument.
    Session(String),
    /// A language given on the command line (`new --lang`, `demo --lang`).
    Asked(Lang),
    /// No session: the command line's default language.
    Default,
}

impl Speaks {
    /// Whom `command` speaks to. Every command is named, so a new one must
    /// say whether it has a session.
    pub(super) fn of(command: &Command) -> Speaks {
        use Command as C;
        let session = |path: &String| Speaks::Session(path.clone());
        match command {
            C::New(args) => args.lang.map_or_else(|| session(&args.path), Speaks::Asked),
            C::Demo { lang } => lang.map_or(Speaks::Default, Speaks::Asked),
            C::Add(args) => session(&args.path),
            C::Timer(args) => session(&args.path),
            C::Export(args) => session(&args.path),
            C::Review(args) => session(&args.path),
            C::Serve(args) => session(&args.path),
            C::Template(TemplateCommand::Save { path, .. }) => session(path),
            C::Import { path, .. }
            | C::Edit { path, .. }
            | C::Rm { path, .. }
            | C::Move { path, .. }
            | C::Star { path, .. }
            | C::Say { path, .. }
            | C::Phase { path, .. }
            | C::Status { path, .. }
            | C::Signoff { path, .. }
            | C::Check { path }
            | C::Flag { path, .. }
            | C::History { path }
            | C::Plan { path, .. }
            | C::Prepare { path, .. }
            | C::Facilitate { path, .. }
            | C::Note { path, .. }
            | C::Finding { path, .. } => session(path),
            C::Template(TemplateCommand::List) | C::List { .. } | C::Completions { .. } | C::Man => Speaks::Default,
        }
    }

    /// `e` in the language it speaks (see [`super::worded`]).
    pub(super) fn word(&self, e: Error) -> Error {
        let lang = match self {
            Speaks::Session(path) => super::lang_of(path),
            Speaks::Asked(lang) => *lang,
            Speaks::Default => Lang::default(),
        };
        super::worded(e, lang)
    }
}
