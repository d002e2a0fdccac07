//! `runde review` and `runde signoff`: deciding about doubtful mentions of
//! names in the public minutes, and signing off the groups' parts.
use super::{Error, Result, Session, cli_strings, emit_plain, localized, open, open_steady};
use crate::cli::ReviewArgs;
use crate::export::privacy::{Redactor, publish, signoff};
use crate::model::review::Verdict;

/// `runde review PATH [--list | --keep WORD | --redact WORD]`; the view
/// without any of them.
pub(super) fn review(args: ReviewArgs) -> Result<()> {
    if args.list {
        return list(&args.path);
    }
    if args.keep.is_empty() && args.redact.is_empty() {
        let mut session = open_steady(&args.path)?;
        session.set_author(args.by);
        let lang = args.lang.unwrap_or(session.plan().lang);
        return crate::terminal::run_review(crate::runtime::review::ReviewRunner::new(session, lang));
    }
    let mut s = open(&args.path)?;
    s.set_author(args.by);
    for (words, verdict) in [(&args.keep, Verdict::Keep), (&args.redact, Verdict::Redact)] {
        for word in words {
            decide_word(&mut s, word, verdict)?;
        }
    }
    Ok(())
}

/// Prints the undecided mentions; exit 1 while there are any.
fn list(path: &str) -> Result<()> {
    let s = open(path)?;
    let lang = s.plan().lang;
    let doubtful = publish::doubtful(s.plan(), s.state());
    let open: Vec<&publish::Doubtful> = doubtful.iter().filter(|d| d.verdict.is_none()).collect();
    let lines: String = open
        .iter()
        .map(|d| format!("{}\n", publish::describe(s.plan(), d, lang)))
        .collect();
    emit_plain(&lines)?;
    let says = cli_strings(lang);
    let summary = says.undecided_of(open.len(), doubtful.len());
    if !open.is_empty() {
        return Err(Error::Problems(says.decide_with(&summary, path)));
    }
    eprintln!("runde: {summary}");
    Ok(())
}

/// Decides every lone occurrence of `word` (in each kind of case it has
/// now) as `verdict`.
fn decide_word(s: &mut Session, word: &str, verdict: Verdict) -> Result<()> {
    let says = cli_strings(s.plan().lang);
    let redactor = Redactor::new(&s.plan().people, s.plan().lang);
    // A word copied from `--list` may carry its possessive ("Koch's").
    let word = [word]
        .into_iter()
        .chain(
            ["'s", "’s", "s", "'", "’"]
                .iter()
                .filter_map(|end| word.strip_suffix(end)),
        )
        .find(|w| !redactor.lone_scopes(w).is_empty())
        .unwrap_or(word);
    let scopes = redactor.lone_scopes(word);
    if scopes.is_empty() {
        return Err(Error::Invalid(says.not_a_name(word)));
    }
    for scope in scopes {
        s.decide(scope, verdict)?;
    }
    let now = publish::doubtful(s.plan(), s.state());
    let covered = now
        .iter()
        .filter(|d| d.by_word && d.verdict == Some(verdict) && redactor.words_matching(word).contains(&d.found.word))
        .count();
    eprintln!("runde: {}", says.decided_word(word, verdict == Verdict::Keep, covered));
    Ok(())
}

/// `runde signoff PATH --board ID --by NAME`: the part as it stands now.
pub(super) fn signoff(path: &str, board: &str, by: &str) -> Result<()> {
    let mut s = open(path)?;
    let says = cli_strings(s.plan().lang);
    let result = crate::model::rules::require_board(s.plan(), board).map(|_| ());
    localized(&s, result.map_err(Error::from))?;
    let Some(part) = signoff::part(s.plan(), s.state(), board) else {
        return Err(Error::Invalid(says.no_such_board(board)));
    };
    s.sign_off(board, by, &part.digest)?;
    let notes = part
        .lines
        .iter()
        .filter(|l| matches!(l, signoff::PartLine::Note { .. }))
        .count();
    let by = crate::model::text::one_line(by);
    eprintln!("runde: {}", says.signed_off(&by, board, notes, part.undecided));
    Ok(())
}

/// Says on stderr (in `lang`) which groups' parts are not signed off; an
/// error when `require` and any is not.
pub(super) fn signoff_notice(s: &Session, require: bool, lang: crate::model::Lang) -> Result<()> {
    let missing = signoff::not_signed_off(s.plan(), s.state());
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = missing
        .iter()
        .map(|id| {
            let title = s.plan().board(id).map_or(id.as_str(), |b| b.title.as_str());
            format!("{} ({id})", crate::model::text::one_line(title))
        })
        .collect();
    let names = names.join(", ");
    if require {
        return Err(Error::Problems(cli_strings(lang).signoff_required(&names)));
    }
    eprintln!("runde: {}", cli_strings(lang).not_signed_off_yet(&names));
    Ok(())
}
