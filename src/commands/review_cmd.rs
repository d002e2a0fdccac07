//! `runde review` and `runde signoff`: deciding about doubtful mentions of
//! names in the public minutes, and signing off the groups' parts.
use super::*;
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
    let summary = format!("{} of {} doubtful mention(s) undecided", open.len(), doubtful.len());
    if !open.is_empty() {
        return Err(Error::Problems(format!(
            "{summary}: decide with `runde review {path}` or --keep WORD / --redact WORD"
        )));
    }
    eprintln!("runde: {summary}");
    Ok(())
}

/// Decides every lone occurrence of `word` (in each kind of case it has
/// now) as `verdict`.
fn decide_word(s: &mut Session, word: &str, verdict: Verdict) -> Result<()> {
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
        return Err(Error::Invalid(format!(
            "{word:?} is not part of the name of anyone listed without consent in the plan"
        )));
    }
    for scope in scopes {
        s.decide(scope, verdict)?;
    }
    let now = publish::doubtful(s.plan(), s.state());
    let covered = now
        .iter()
        .filter(|d| d.by_word && d.verdict == Some(verdict) && redactor.words_matching(word).contains(&d.found.word))
        .count();
    let what = match verdict {
        Verdict::Keep => "kept as written",
        _ => "replaced by [Name]",
    };
    eprintln!("runde: every lone {word:?} is {what} ({covered} mention(s) now)");
    Ok(())
}

/// `runde signoff PATH --board ID --by NAME`: the part as it stands now.
pub(super) fn signoff(path: &str, board: &str, by: &str) -> Result<()> {
    let mut s = open(path)?;
    let result = crate::model::rules::require_board(s.plan(), board).map(|_| ());
    localized(&s, result.map_err(Error::from))?;
    let Some(part) = signoff::part(s.plan(), s.state(), board) else {
        return Err(Error::Invalid(format!("{board}: no such board")));
    };
    s.sign_off(board, by, &part.digest)?;
    let notes = part
        .lines
        .iter()
        .filter(|l| matches!(l, signoff::PartLine::Note { .. }))
        .count();
    eprintln!(
        "runde: {} signed off {board} ({notes} note(s), {} doubtful mention(s) undecided)",
        crate::model::text::one_line(by),
        part.undecided
    );
    Ok(())
}

/// Says on stderr which groups' parts are not signed off; an error when
/// `require` and any is not.
pub(super) fn signoff_notice(s: &Session, require: bool) -> Result<()> {
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
        return Err(Error::Problems(format!(
            "not signed off: {names} — each group's note-taker signs off its part \
             (`runde signoff PATH --board ID --by NAME`, or key P in `runde note`)"
        )));
    }
    eprintln!("runde: not signed off yet: {names}");
    Ok(())
}
