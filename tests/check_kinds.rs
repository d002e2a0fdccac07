//! Issue 27, point 3: every kind of finding `runde check` can report, and
//! every problem of a malformed file, has words in German and English. The
//! lists below are checked against `match`es without a wildcard: a new
//! variant does not compile until it is listed here, and once listed it
//! fails until `i18n::check` words it in both languages.
use proptest::prelude::*;
use runde::i18n::check::{describe, problem, store_problem};
use runde::model::Lang;
use runde::model::RuleError;
use runde::model::check::{Bound, FindingKind, Rejection, SkipReason};
use runde::model::problem::{BadValue, Damage, Encoded, IdOf, ParseProblem, StoreProblem, Unmerged, ValueKind};
use runde::model::series::SeriesError;

/// The variant's position in the enum; no wildcard, so every variant is named.
fn finding_index(k: &FindingKind) -> usize {
    match k {
        FindingKind::Malformed(_) => 0,
        FindingKind::Unreadable { .. } => 1,
        FindingKind::Failed { .. } => 2,
        FindingKind::Refused(_) => 14,
        FindingKind::Skipped(_) => 3,
        FindingKind::Rejected(_) => 4,
        FindingKind::TornTail { .. } => 5,
        FindingKind::AtCeiling { .. } => 6,
        FindingKind::ClockOff { .. } => 7,
        FindingKind::PlanConflict { .. } => 8,
        FindingKind::LogConflict { .. } => 9,
        FindingKind::PlaceholderTitle { .. } => 10,
        FindingKind::PlaceholderBoard { .. } => 11,
        FindingKind::Orphan { .. } => 12,
        FindingKind::GoneSources { .. } => 13,
    }
}
const FINDING_KINDS: usize = 15;

fn problem_index(p: &ParseProblem) -> usize {
    match p {
        ParseProblem::NotAPlan => 0,
        ParseProblem::InvalidUtf8 => 1,
        ParseProblem::NewerPlanFormat { .. } => 2,
        ParseProblem::NewerLogFormat { .. } => 3,
        ParseProblem::UnknownKey { .. } => 4,
        ParseProblem::MissingKey { .. } => 5,
        ParseProblem::FileEnds => 6,
        ParseProblem::BadValue(_) => 7,
        ParseProblem::Json(_) => 8,
        ParseProblem::NoBoards => 9,
        ParseProblem::BadId { .. } => 10,
        ParseProblem::DuplicateBoard { .. } => 11,
        ParseProblem::NoSections { .. } => 12,
        ParseProblem::DuplicateSection { .. } => 13,
        ParseProblem::TableColumns { .. } => 14,
        ParseProblem::UnknownColumn { .. } => 15,
        ParseProblem::UnknownZone { .. } => 16,
        ParseProblem::DuplicatePhase { .. } => 17,
        ParseProblem::PhaseUnknownBoard { .. } => 18,
        ParseProblem::CorruptRecord(_) => 19,
        ParseProblem::Detail(_) => 20,
    }
}
const PROBLEMS: usize = 21;

/// Every sub-kind that changes the words: skip reasons, rejections, bounds,
/// damages, value kinds, id owners.
fn every_skip() -> Vec<SkipReason> {
    let all = vec![
        SkipReason::Link,
        SkipReason::NotAFile,
        SkipReason::NotUtf8,
        SkipReason::Unreadable("Permission denied".into()),
    ];
    for s in &all {
        match s {
            SkipReason::Link | SkipReason::NotAFile | SkipReason::NotUtf8 | SkipReason::Unreadable(_) => {}
        }
    }
    all
}

fn every_bound() -> Vec<Bound> {
    let all = vec![
        Bound::Seq(1),
        Bound::Lamport(2),
        Bound::WallTime(3),
        Bound::KeyLength(300),
        Bound::MeetingNumber(5),
        Bound::TimerLength(6),
        Bound::TimerExtension(7),
        Bound::Decision,
        Bound::SignOff,
        Bound::TimerSteps(1025),
    ];
    let index = |b: &Bound| match b {
        Bound::Seq(_) => 0,
        Bound::Lamport(_) => 1,
        Bound::WallTime(_) => 2,
        Bound::KeyLength(_) => 3,
        Bound::MeetingNumber(_) => 4,
        Bound::TimerLength(_) => 5,
        Bound::TimerExtension(_) => 6,
        Bound::Decision => 7,
        Bound::SignOff => 8,
        Bound::TimerSteps(_) => 9,
    };
    assert_covers(all.iter().map(index), 10, "Bound");
    all
}

fn every_rejection() -> Vec<Rejection> {
    let mut all: Vec<Rejection> = every_bound().into_iter().map(Rejection::OutOfRange).collect();
    all.push(Rejection::Unreadable {
        detail: "invalid type: string".into(),
    });
    all.push(Rejection::Impostor { claimed: "00".into() });
    all.push(Rejection::Oversize { mib: 1 });
    let index = |r: &Rejection| match r {
        Rejection::OutOfRange(_) => 0,
        Rejection::Unreadable { .. } => 1,
        Rejection::Impostor { .. } => 2,
        Rejection::Oversize { .. } => 3,
    };
    assert_covers(all.iter().map(index), 4, "Rejection");
    all
}

fn every_problem() -> Vec<ParseProblem> {
    let s = |t: &str| t.to_string();
    let mut all = vec![
        ParseProblem::NotAPlan,
        ParseProblem::InvalidUtf8,
        ParseProblem::NewerPlanFormat { found: 2, known: 1 },
        ParseProblem::NewerLogFormat { found: 2, known: 1 },
        ParseProblem::UnknownKey { key: s("colour") },
        ParseProblem::MissingKey { key: s("title") },
        ParseProblem::FileEnds,
        ParseProblem::Json(s("expected value")),
        ParseProblem::NoBoards,
        ParseProblem::DuplicateBoard { id: s("b") },
        ParseProblem::NoSections { board: s("b") },
        ParseProblem::DuplicateSection {
            board: s("b"),
            id: s("s"),
        },
        ParseProblem::TableColumns { board: s("b") },
        ParseProblem::UnknownColumn {
            board: s("b"),
            column: s("c"),
        },
        ParseProblem::UnknownZone {
            zone: s("Mars/Olympus"),
        },
        ParseProblem::DuplicatePhase { id: s("p") },
        ParseProblem::PhaseUnknownBoard {
            phase: s("p"),
            board: s("x"),
        },
        ParseProblem::Detail(s("ssh key: bad base64")),
    ];
    for of in [IdOf::Board, IdOf::Section] {
        match of {
            IdOf::Board | IdOf::Section => all.push(ParseProblem::BadId { of, id: s("a b") }),
        }
    }
    for kind in [ValueKind::Date, ValueKind::Time, ValueKind::Lang] {
        match kind {
            ValueKind::Date | ValueKind::Time | ValueKind::Lang => {
                all.push(ParseProblem::BadValue(BadValue { kind, given: s("x") }))
            }
        }
    }
    for d in [
        Damage::NotARecord,
        Damage::NoChecksum,
        Damage::ChecksumMismatch,
        Damage::NotAHeader,
    ] {
        match d {
            Damage::NotARecord | Damage::NoChecksum | Damage::ChecksumMismatch | Damage::NotAHeader => {
                all.push(ParseProblem::CorruptRecord(d))
            }
        }
    }
    assert_covers(all.iter().map(problem_index), PROBLEMS, "ParseProblem");
    all
}

fn every_finding() -> Vec<FindingKind> {
    let s = |t: &str| t.to_string();
    let mut all: Vec<FindingKind> = every_problem().into_iter().map(FindingKind::Malformed).collect();
    all.extend(every_skip().into_iter().map(FindingKind::Skipped));
    all.extend(every_rejection().into_iter().map(FindingKind::Rejected));
    all.extend(every_store_problem().into_iter().map(FindingKind::Refused));
    all.extend([
        FindingKind::Unreadable {
            detail: s("Permission denied (os error 13)"),
        },
        FindingKind::Failed {
            detail: s("the store's own text"),
        },
        FindingKind::TornTail { bytes: 31 },
        FindingKind::AtCeiling { ceiling: 1 << 53 },
        FindingKind::PlanConflict { session: s("/tmp/s") },
        FindingKind::PlaceholderTitle { title: s("Treffen 6") },
        FindingKind::PlaceholderBoard {
            board: s("keynote"),
            title: s("Impulsvortrag"),
        },
        FindingKind::Orphan {
            note: s("01n"),
            board: s("b"),
            section: s("s"),
        },
        FindingKind::GoneSources {
            finding: s("01f"),
            board: s("findings"),
            gone: 1,
            of: 3,
        },
    ]);
    for behind in [true, false] {
        all.push(FindingKind::ClockOff {
            writer: s("Laptop B"),
            offset: s("+1 h 05 min"),
            behind,
        });
    }
    for differs in [true, false] {
        all.push(FindingKind::LogConflict {
            original: s("01a.jsonl"),
            differs,
        });
    }
    assert_covers(all.iter().map(finding_index), FINDING_KINDS, "FindingKind");
    all
}

fn assert_covers(indexes: impl Iterator<Item = usize>, count: usize, what: &str) {
    let mut seen = vec![false; count];
    for i in indexes {
        seen[i] = true;
    }
    let missing: Vec<usize> = (0..count).filter(|i| !seen[*i]).collect();
    assert!(missing.is_empty(), "{what}: variants {missing:?} are not in the list");
}

/// Kinds whose text is someone else's (the store's, a library's), shown
/// as given in both languages.
fn words_are_given(k: &FindingKind) -> bool {
    matches!(
        k,
        FindingKind::Failed { .. } | FindingKind::Malformed(ParseProblem::Detail(_))
    )
}

#[test]
fn every_finding_has_words_in_both_languages() {
    let all = every_finding();
    let mut seen_de = std::collections::HashSet::new();
    for kind in &all {
        let de = describe(kind, Lang::De);
        let en = describe(kind, Lang::En);
        assert!(!de.trim().is_empty() && !en.trim().is_empty(), "{kind:?}");
        if !words_are_given(kind) {
            assert_ne!(de, en, "{kind:?} has the same words in both languages");
        }
        // Two kinds never read alike: each says what it is.
        assert!(seen_de.insert(de.clone()), "{kind:?} reads like another kind: {de}");
    }
}

#[test]
fn a_parse_problem_reads_the_same_in_check_and_in_an_error() {
    for p in every_problem() {
        for lang in [Lang::De, Lang::En] {
            assert_eq!(describe(&FindingKind::Malformed(p.clone()), lang), problem(&p, lang));
        }
        let e = runde::error::Error::parse("session.json", 7, p.clone());
        assert_eq!(e.to_string(), format!("session.json:7: {}", problem(&p, Lang::En)));
    }
}

proptest! {
    /// Whatever names the fields hold, both languages show them.
    #[test]
    fn the_fields_of_a_finding_appear_in_its_words(
        note in "[0-9a-z]{1,26}",
        board in "[a-z_-]{1,12}",
        section in "[a-z_-]{1,12}",
        title in "\\PC{0,30}",
        writer in "\\PC{1,30}",
        gone in 1usize..50,
        extra in 0usize..50,
    ) {
        let kinds = [
            (FindingKind::Orphan { note: note.clone(), board: board.clone(), section: section.clone() },
             vec![note.clone(), format!("{board:?}"), format!("{section:?}")]),
            (FindingKind::PlaceholderBoard { board: board.clone(), title: title.clone() },
             vec![board.clone(), format!("{title:?}")]),
            (FindingKind::GoneSources { finding: note.clone(), board: board.clone(), gone, of: gone + extra },
             vec![note.clone(), format!("{board:?}"), format!("{gone} "), format!(" {} ", gone + extra)]),
            (FindingKind::ClockOff { writer: writer.clone(), offset: "-30 min".into(), behind: true },
             vec![writer.clone(), "-30 min".into()]),
        ];
        for (kind, fields) in kinds {
            for lang in [Lang::De, Lang::En] {
                let said = describe(&kind, lang);
                for f in &fields {
                    prop_assert!(said.contains(f.as_str()), "{:?} in {:?}: {}", f, lang, said);
                }
            }
        }
    }
}

/// Every refusal of the store, each named so a new one must be listed.
fn every_store_problem() -> Vec<StoreProblem> {
    use StoreProblem as S;
    let p = || std::path::PathBuf::from("/tmp/s");
    let all = vec![
        S::NoSuchFolder { path: p() },
        S::NotASession { path: p() },
        S::FolderGone { path: p() },
        S::LogRemoved { path: p() },
        S::LogShrunk { path: p() },
        S::IsLink { path: p() },
        S::NotAFile { path: p() },
        S::TooLarge { path: p(), mib: 16 },
        S::FolderNotEmpty { path: p() },
        S::NoConflictCopies { path: p() },
        S::NotAConflictCopy {
            given: "x".into(),
            copies: vec!["a.json".into()],
        },
        S::ChangedWhileResolving {
            plan: p(),
            session: p(),
        },
        S::TemplateExists { path: p() },
        S::BadTemplateName { name: "a b".into() },
        S::BuiltInTemplate { name: "blank".into() },
        S::NoConfigDir {
            env: "RUNDE_CONFIG".into(),
        },
        S::NoDataDir {
            env: "RUNDE_SESSIONS".into(),
        },
        S::NoStateDir {
            env: "RUNDE_STATE".into(),
        },
        S::EmptyPath,
        S::WriterStopped,
        S::WriterFailed,
        S::TooManyViews { path: p() },
        S::SignOffWithoutName,
        S::CannotWatch {
            path: p(),
            detail: "inotify limit".into(),
        },
        S::CannotEncode {
            what: Encoded::Plan,
            detail: "key must be a string".into(),
        },
        S::CannotEncode {
            what: Encoded::Draft,
            detail: "key must be a string".into(),
        },
        S::EditNotJson {
            detail: "EOF while parsing".into(),
        },
    ];
    let index = |s: &S| match s {
        S::NoSuchFolder { .. } => 0,
        S::NotASession { .. } => 1,
        S::FolderGone { .. } => 2,
        S::LogRemoved { .. } => 3,
        S::LogShrunk { .. } => 4,
        S::IsLink { .. } => 5,
        S::NotAFile { .. } => 22,
        S::TooLarge { .. } => 23,
        S::FolderNotEmpty { .. } => 6,
        S::NoConflictCopies { .. } => 7,
        S::NotAConflictCopy { .. } => 8,
        S::ChangedWhileResolving { .. } => 9,
        S::TemplateExists { .. } => 10,
        S::BadTemplateName { .. } => 11,
        S::BuiltInTemplate { .. } => 12,
        S::NoConfigDir { .. } => 13,
        S::NoDataDir { .. } => 14,
        S::NoStateDir { .. } => 15,
        S::EmptyPath => 16,
        S::WriterStopped => 17,
        S::WriterFailed => 18,
        S::TooManyViews { .. } => 19,
        S::SignOffWithoutName => 20,
        S::CannotWatch { .. } => 21,
        S::CannotEncode {
            what: Encoded::Plan, ..
        } => 24,
        S::CannotEncode {
            what: Encoded::Draft, ..
        } => 25,
        S::EditNotJson { .. } => 26,
    };
    assert_covers(all.iter().map(index), 27, "StoreProblem");
    all
}

#[test]
fn every_store_refusal_has_words_in_both_languages() {
    let mut seen = std::collections::HashSet::new();
    for p in every_store_problem() {
        let de = store_problem(&p, Lang::De);
        let en = store_problem(&p, Lang::En);
        assert!(!de.trim().is_empty() && !en.trim().is_empty(), "{p:?}");
        assert_ne!(de, en, "{p:?}");
        assert!(seen.insert(de.clone()), "{p:?} reads like another: {de}");
        let e = runde::error::Error::Store(p.clone());
        assert_eq!(e.to_string(), en, "English is the error's own text");
        assert_eq!(e.in_lang(Lang::De), de);
        assert_eq!(e.exit_code(), if p.is_usage() { 2 } else { 1 }, "{p:?}");
    }
}

/// Every refusal of the command rules, each named so a new one must be listed.
fn every_rule_error() -> Vec<RuleError> {
    use RuleError as R;
    let known = || vec!["a".to_string(), "b".to_string()];
    let all = vec![
        R::UnknownNote("n1".into()),
        R::NoMatchingNote("zz".into()),
        R::AmbiguousNote {
            prefix: "abcd".into(),
            count: 2,
        },
        R::DeletedNote("n1".into()),
        R::EmptyText,
        R::UnknownBoard {
            id: "nope".into(),
            known: known(),
        },
        R::UnknownSection {
            board: "a".into(),
            id: "x".into(),
            known: known(),
        },
        R::NoSections("a".into()),
        R::NoTimerLength("a".into()),
        R::NoAgenda,
        R::UnknownPhase {
            id: "lunch".into(),
            known: known(),
        },
        R::NotInSection {
            note: "n2".into(),
            board: "a".into(),
            section: "s".into(),
        },
        R::NoFindingsBoard,
    ];
    let index = |r: &R| match r {
        R::UnknownNote(_) => 0,
        R::NoMatchingNote(_) => 1,
        R::AmbiguousNote { .. } => 2,
        R::DeletedNote(_) => 3,
        R::EmptyText => 4,
        R::UnknownBoard { .. } => 5,
        R::UnknownSection { .. } => 6,
        R::NoSections(_) => 7,
        R::NoTimerLength(_) => 8,
        R::NoAgenda => 9,
        R::UnknownPhase { .. } => 10,
        R::NotInSection { .. } => 11,
        R::NoFindingsBoard => 12,
    };
    assert_covers(all.iter().map(index), 13, "RuleError");
    all
}

/// Every reason a next meeting's plan cannot be made.
fn every_series_error() -> Vec<SeriesError> {
    let all = vec![SeriesError::NoNextDate, SeriesError::LastNumber(u32::MAX)];
    let index = |s: &SeriesError| match s {
        SeriesError::NoNextDate => 0,
        SeriesError::LastNumber(_) => 1,
    };
    assert_covers(all.iter().map(index), 2, "SeriesError");
    all
}

/// Issue 27, point 3: the rules' and the series' refusals are data in the
/// model; German and English words are `i18n`'s, and an `Error` shows the
/// English ones and words them in a session's language.
#[test]
fn every_rule_and_series_refusal_has_words_in_both_languages() {
    let errors = every_rule_error()
        .into_iter()
        .map(runde::error::Error::from)
        .chain(every_series_error().into_iter().map(runde::error::Error::from));
    let mut seen = std::collections::HashSet::new();
    for e in errors {
        let (de, en) = (e.in_lang(Lang::De), e.in_lang(Lang::En));
        assert!(!de.trim().is_empty() && !en.trim().is_empty(), "{e:?}");
        assert_ne!(de, en, "{e:?}");
        assert!(seen.insert(de.clone()), "{e:?} reads like another: {de}");
        assert_eq!(e.to_string(), en, "English is the error's own text");
    }
    let e = runde::error::Error::from(RuleError::UnknownBoard {
        id: "nope".into(),
        known: vec!["a".into(), "b".into()],
    });
    assert_eq!(e.to_string(), "unknown board \"nope\" (boards: a, b)");
    assert_eq!(e.in_lang(Lang::De), "unbekannte Tafel \"nope\" (Tafeln: a, b)");
    let e = runde::error::Error::from(SeriesError::LastNumber(u32::MAX));
    assert!(e.in_lang(Lang::De).contains("4294967295") && e.to_string().contains("4294967295"));
}

/// Every reason two plan edits could not be merged, worded in both
/// languages with the line of an invalid merge.
#[test]
fn every_unmerged_plan_has_words_in_both_languages() {
    let all = [
        Unmerged::KeptChanging,
        Unmerged::Removed,
        Unmerged::NotJson,
        Unmerged::Invalid {
            line: 7,
            problem: ParseProblem::NoBoards,
        },
    ];
    let index = |u: &Unmerged| match u {
        Unmerged::KeptChanging => 0,
        Unmerged::Removed => 1,
        Unmerged::NotJson => 2,
        Unmerged::Invalid { .. } => 3,
    };
    assert_covers(all.iter().map(index), 4, "Unmerged");
    let mut seen = std::collections::HashSet::new();
    for u in &all {
        let (de, en) = (
            runde::i18n::check::unmerged(u, Lang::De),
            runde::i18n::check::unmerged(u, Lang::En),
        );
        assert!(!de.trim().is_empty() && !en.trim().is_empty(), "{u:?}");
        assert_ne!(de, en, "{u:?}");
        assert!(seen.insert(de.clone()), "{u:?} reads like another: {de}");
    }
    let invalid = runde::i18n::check::unmerged(&all[3], Lang::De);
    assert!(invalid.contains('7') && invalid.contains(&problem(&ParseProblem::NoBoards, Lang::De)));
}
