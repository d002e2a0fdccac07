//! Issue 26, points 16–18 on the command line: the run sheet labels the
//! meeting and writes dates in the session's language; `new --from` keeps
//! the intro, adds no empty topics board and says why findings stayed
//! behind; `status` keeps its columns for board ids of any length.
mod common;

use std::path::Path;

use common::*;
use proptest::prelude::*;
use runde::model::plan::Date;
use runde::model::{BoardKind, Lang, NoteKind, Plan, TimerCommand, template};
use runde::store::Session;
use unicode_width::UnicodeWidthStr;

fn p(dir: &Path) -> &str {
    dir.to_str().unwrap()
}

fn day(text: &str) -> Date {
    Date::try_from(text.to_string()).unwrap()
}

/// The network template's plan in `lang`, on 2021-10-05.
fn template_plan(lang: Lang) -> Plan {
    template::plan("kompetenznetzwerk", lang, None, day("2021-10-05")).unwrap()
}

/// A session folder `name` under `root` with `plan`.
fn session_with(root: &Path, name: &str, plan: &Plan) -> std::path::PathBuf {
    let dir = root.join(name);
    runde::store::create::create_session(&dir, plan).unwrap();
    dir
}

/// Runs runde and returns (stdout, stderr); the command must succeed.
fn run_ok(args: &[&str]) -> (String, String) {
    let out = runde().args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "runde {args:?} failed: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

// ----- point 16: the run sheet ---------------------------------------------

/// Months as the minutes write them, spelled here independently of i18n.
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "05. Dezember 2026" / "5 December 2026".
fn expected_date(lang: Lang, y: i32, m: u32, d: u32) -> String {
    match lang {
        Lang::De => format!("{d:02}. {} {y}", MONTHS_DE[m as usize - 1]),
        Lang::En => format!("{d} {} {y}", MONTHS_EN[m as usize - 1]),
    }
}

/// Point 16, as a facilitator sees it: `runde plan --format md|txt` names
/// the event, labels the meeting number as a number (not "Network 3") and
/// writes the date in words of the session's language.
#[test]
fn the_run_sheet_labels_the_meeting_number_shows_the_event_and_writes_dates_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    for (lang, event, network, labels) in [
        (
            Lang::De,
            "Kompetenznetzwerk-Treffen",
            "Lokale Ökonomien",
            ["Anlass: ", "Netzwerk: ", "Treffen Nr.: 3", "Datum: 05. Dezember 2026"],
        ),
        (
            Lang::En,
            "Competence network meeting",
            "Local economies",
            ["Event: ", "Network: ", "Meeting no.: 3", "Date: 5 December 2026"],
        ),
    ] {
        let mut plan = template_plan(lang);
        plan.event = Some(event.into());
        plan.network = Some(network.into());
        plan.meeting_number = Some(3);
        plan.date = day("2026-12-05");
        let dir = session_with(tmp.path(), lang.code(), &plan);
        for (format, bullet) in [("md", "- "), ("txt", "  ")] {
            let (sheet, _) = run_ok(&["plan", p(&dir), "--format", format]);
            let lines: Vec<&str> = sheet.lines().collect();
            let has = |line: &str| lines.contains(&line);
            assert!(has(&format!("{bullet}{}{event}", labels[0])), "{sheet}");
            assert!(has(&format!("{bullet}{}{network}", labels[1])), "{sheet}");
            assert!(has(&format!("{bullet}{}", labels[2])), "{sheet}");
            assert!(
                lines.iter().any(|l| l.starts_with(&format!("{bullet}{}", labels[3]))),
                "{sheet}"
            );
            assert!(!sheet.contains("2026-12-05"), "no ISO date: {sheet}");
            assert!(!sheet.contains("Netzwerk 3") && !sheet.contains("Network 3"), "{sheet}");
        }
    }
}

fn any_lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::De), Just(Lang::En)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Point 16 for every date, number and title: the number line carries
    /// the number, the date line the date in words, no ISO date is left,
    /// and a plain-text heading is underlined to its display width (titles
    /// with wide and combining characters included).
    #[test]
    fn any_meeting_gets_a_labelled_number_and_a_date_in_words(
        lang in any_lang(),
        (y, m, d) in (1900i32..2200, 1u32..=12, 1u32..=28),
        number in any::<u32>(),
        title in "[a-zA-Z äöüß日本語한국\u{301}\u{308}–]{1,40}",
    ) {
        let mut plan = template_plan(lang);
        plan.date = Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        plan.meeting_number = Some(number);
        plan.network = Some("N".into());
        plan.title = title.trim().to_string();
        prop_assume!(!plan.title.is_empty());
        let iso = plan.date.to_string();
        let (number_label, date_label) = match lang {
            Lang::De => ("Treffen Nr.", "Datum"),
            Lang::En => ("Meeting no.", "Date"),
        };
        for format in [runde::export::run_sheet::SheetFormat::Md, runde::export::run_sheet::SheetFormat::Txt] {
            let sheet = runde::export::run_sheet::render(&plan, format);
            let lines: Vec<&str> = sheet.lines().collect();
            let number_line = format!("{number_label}: {number}");
            prop_assert!(lines.iter().any(|l| l.ends_with(&number_line)), "{}", sheet);
            let date_line = format!("{date_label}: {}", expected_date(lang, y, m, d));
            prop_assert!(lines.iter().any(|l| l.contains(&date_line)), "{}", sheet);
            prop_assert!(!sheet.contains(&iso), "{}", sheet);
            prop_assert!(!lines.iter().any(|l| l.ends_with(&format!(" N {number}"))), "{}", sheet);
            if format == runde::export::run_sheet::SheetFormat::Txt {
                for pair in lines.windows(2) {
                    let rule = pair[1];
                    if !rule.is_empty() && (rule.chars().all(|c| c == '=') || rule.chars().all(|c| c == '-')) {
                        prop_assert_eq!(rule.chars().count(), pair[0].width(), "{}", sheet);
                    }
                }
            }
        }
    }
}

// ----- point 17: `new --from` ------------------------------------------------

/// Point 17 with the shipped example (four findings without a star, two
/// starred): the intro is kept, the two starred findings are carried, and
/// the facilitator is told in German why the other four stayed behind.
#[test]
fn new_from_keeps_the_intro_and_says_why_findings_stayed_behind() {
    let (tmp, prev) = example_session();
    let next = tmp.path().join("next");
    let (_, stderr) = run_ok(&["new", p(&next), "--from", p(&prev)]);
    let before = Session::open(&prev).unwrap();
    let after = Session::open(&next).unwrap();
    assert!(before.plan().intro.is_some());
    assert_eq!(after.plan().intro, before.plan().intro, "the intro is kept");
    assert!(stderr.contains("2 offene Themen aus"), "{stderr}");
    assert!(
        stderr.contains(
            "4 Erkenntnisse nicht übernommen: übernommen werden nur Erkenntnisse mit Stern (★, Taste * oder runde star)"
        ),
        "{stderr}"
    );
}

/// Point 17 in both languages: a meeting whose findings nobody starred
/// gets no empty "open topics" board, and the reason is given; once one
/// finding is starred, the board is there with that finding.
#[test]
fn new_from_without_starred_findings_adds_no_topics_board_and_says_why() {
    for (lang, none, one_left, two_left) in [
        (
            Lang::De,
            "keine offenen Themen aus",
            "1 Erkenntnis nicht übernommen: übernommen werden nur Erkenntnisse mit Stern",
            "2 Erkenntnisse nicht übernommen: übernommen werden nur Erkenntnisse mit Stern",
        ),
        (
            Lang::En,
            "no open topics carried from",
            "1 finding not carried: only starred findings",
            "2 findings not carried: only starred findings",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let mut plan = template_plan(lang);
        plan.intro = Some("Willkommen – welcome.\n\nSecond paragraph.".into());
        plan.next_meeting = Some(runde::model::plan::NextMeeting {
            date: day("2022-02-08"),
            start: None,
            end: None,
            location: None,
            topic: None,
        });
        let prev = session_with(tmp.path(), "prev", &plan);
        let first = add(&prev, "findings", "first finding", &[]);
        add(&prev, "findings", "second finding", &[]);
        add(&prev, "methods", "a workshop note", &[]);

        let next = tmp.path().join("next");
        let (_, stderr) = run_ok(&["new", p(&next), "--from", p(&prev)]);
        assert!(stderr.contains(none), "{stderr}");
        assert!(stderr.contains(two_left), "{stderr}");
        let json = export_json(&next);
        let plan_text = std::fs::read_to_string(next.join("session.json")).unwrap();
        assert!(!plan_text.contains("open-topics"), "no empty topics board: {plan_text}");
        assert!(
            json["boards"]
                .as_array()
                .unwrap()
                .iter()
                .all(|b| b["id"] != "open-topics"),
            "{json}"
        );
        let next_plan = Session::open(&next).unwrap().plan().clone();
        assert_eq!(next_plan.intro, plan.intro, "the intro is kept");

        runde().args(["star", p(&prev), &first]).assert().success();
        let again = tmp.path().join("again");
        let (_, stderr) = run_ok(&["new", p(&again), "--from", p(&prev)]);
        assert!(stderr.contains(one_left), "{stderr}");
        let s = Session::open(&again).unwrap();
        assert_eq!(s.plan().boards[0].id, "open-topics");
        assert_eq!(s.plan().agenda[0].boards[0], "open-topics");
        let topics: Vec<&str> = s
            .state()
            .notes_in("open-topics", "topics")
            .iter()
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(topics, ["first finding"]);
    }
}

/// One generated note of the previous meeting: on the findings board or
/// a workshop board, with its flags.
#[derive(Debug, Clone)]
struct Flags {
    finding: bool,
    starred: bool,
    follow_up: bool,
    done: bool,
    deleted: bool,
}

fn flags() -> impl Strategy<Value = Flags> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(finding, starred, follow_up, done, deleted)| Flags {
            finding,
            starred,
            follow_up,
            done,
            deleted,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Point 17 for any mix of notes: what is carried is exactly the open
    /// starred or flagged findings and the open flagged workshop notes;
    /// every other open finding is counted as left behind; the topics
    /// board exists exactly when something is carried; the intro is kept.
    #[test]
    fn the_next_meeting_carries_exactly_the_open_starred_or_flagged_notes(
        lang in any_lang(),
        notes in proptest::collection::vec(flags(), 0..7),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let mut plan = template_plan(lang);
        plan.intro = Some("intro".into());
        let prev = session_with(tmp.path(), "prev", &plan);
        let mut s = Session::open(&prev).unwrap();
        let (mut carried, mut left) = (Vec::new(), 0);
        for (i, f) in notes.iter().enumerate() {
            let board = if f.finding { "findings" } else { "methods" };
            let text = format!("note {i}");
            let id = s.add_note(board, None, &text, NoteKind::Bullet, f.starred).unwrap();
            s.set_flags(&id, Some(f.follow_up), Some(f.done)).unwrap();
            if f.deleted {
                s.delete_note(&id).unwrap();
                continue;
            }
            let open = !f.done;
            if open && (f.follow_up || (f.finding && f.starred)) {
                carried.push(text);
            } else if open && f.finding {
                left += 1;
            }
        }
        drop(s);
        let next = tmp.path().join("next");
        let got = runde::store::create::new_from(&next, &prev, Some(day("2022-01-01")), None, runde::i18n::series_words).unwrap();
        let mut texts: Vec<String> = got.topics.iter().map(|c| c.text.clone()).collect();
        texts.sort();
        carried.sort();
        prop_assert_eq!(&texts, &carried);
        prop_assert_eq!(got.findings_left, left);
        let s = Session::open(&next).unwrap();
        let has_board = s.plan().board("open-topics").is_some();
        prop_assert_eq!(has_board, !carried.is_empty());
        prop_assert_eq!(
            s.plan().agenda.iter().any(|ph| ph.boards.iter().any(|b| b == "open-topics")),
            !carried.is_empty()
        );
        prop_assert_eq!(s.plan().intro.as_deref(), Some("intro"));
        prop_assert_eq!(s.plan().boards_of_kind(BoardKind::Topics).count(), usize::from(!carried.is_empty()));
    }
}

// ----- point 18: `status` columns ------------------------------------------

/// The display column where `needle` starts in `line`, searching from
/// byte `from`; returns (start column, end byte).
fn column_of(line: &str, needle: &str, from: usize) -> (usize, usize) {
    let at = line[from..]
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {line:?}"))
        + from;
    (line[..at].width(), at + needle.len())
}

/// What `status` shows of a board id: the whole id up to 36 columns,
/// else a shorter prefix ending in "…".
fn shown_id<'a>(line: &'a str, id: &str) -> &'a str {
    if id.width() <= 36 {
        assert!(line.starts_with(&format!("{id} ")), "{id:?} whole in {line:?}");
        &line[..id.len()]
    } else {
        let end = line.find('…').unwrap_or_else(|| panic!("{id:?} cut in {line:?}")) + '…'.len_utf8();
        let shown = &line[..end];
        assert!(id.starts_with(shown.trim_end_matches('…')), "{shown:?} of {id:?}");
        assert!(shown.width() <= 36, "{shown:?}");
        shown
    }
}

/// Board ids as `prepare` makes them or a person types them: letters,
/// digits, '-' and '_', 1 to 64 characters (the plan's limit).
fn board_ids() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::hash_set("[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}", 2..7).prop_map(|s| s.into_iter().collect())
}

/// The network template with its workshop boards renamed to `ids`.
fn plan_with_ids(lang: Lang, ids: &[String]) -> Plan {
    let mut plan = template_plan(lang);
    let workshop = plan
        .boards
        .iter()
        .find(|b| b.kind == BoardKind::Workshop)
        .unwrap()
        .clone();
    plan.boards.retain(|b| b.kind != BoardKind::Workshop);
    for id in ids {
        let mut b = workshop.clone();
        b.id = id.clone();
        plan.boards.push(b);
    }
    for phase in &mut plan.agenda {
        if phase.boards.iter().any(|b| b == &workshop.id) {
            phase.boards = ids.to_vec();
        }
    }
    plan
}

/// Checks that board rows keep their columns: the state words start in
/// one column, the clocks end in one, the note counts start in one; each
/// id is whole or cut with "…". `rows` are the board lines, `ids` their
/// boards in the same order.
fn assert_columns(rows: &[&str], ids: &[String], lang: Lang) {
    assert_eq!(rows.len(), ids.len(), "{rows:#?}");
    let (state_word, note_word) = match lang {
        Lang::De => ("bereit", "Notiz"),
        Lang::En => ("ready", "note"),
    };
    let mut columns = std::collections::BTreeSet::new();
    for (line, id) in rows.iter().zip(ids) {
        let shown = shown_id(line, id);
        let (state, after_state) = column_of(line, state_word, shown.len());
        let (_, after_colon) = column_of(line, ":", after_state);
        let clock_end = line[..after_colon + 2].width();
        let digits_at = line[after_colon + 2..]
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or_else(|| panic!("a note count in {line:?}"))
            + after_colon
            + 2;
        assert!(line[digits_at..].contains(note_word), "{line:?}");
        columns.insert((state, clock_end, line[..digits_at].width()));
    }
    assert_eq!(columns.len(), 1, "columns differ between rows:\n{}", rows.join("\n"));
}

/// The board rows of `runde status` (after the title and phase lines) and
/// the ids of the plan's boards in their order.
fn status_rows(dir: &Path) -> (Vec<String>, Vec<String>) {
    let (status, _) = run_ok(&["status", p(dir)]);
    let rows: Vec<String> = status.lines().skip(2).map(str::to_string).collect();
    let ids = Session::open(dir)
        .unwrap()
        .plan()
        .boards
        .iter()
        .map(|b| b.id.clone())
        .collect();
    (rows, ids)
}

/// Point 18 with the ids a rehearsal used: long generated ids keep the
/// columns of `status`, in German and in English, with a long timer and
/// notes and a signal on some boards.
#[test]
fn status_keeps_its_columns_for_long_board_ids() {
    let ids: Vec<String> = [
        "m",
        "netzwerken-und-kooperationen-in-der",
        "netzwerken-und-kooperationen-in-der-lokalen-oekonomie-2",
        "x_1234567890123456789012345678901234567890123456789012345678901",
    ]
    .map(String::from)
    .to_vec();
    for lang in [Lang::De, Lang::En] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = session_with(tmp.path(), "s", &plan_with_ids(lang, &ids));
        let mut s = Session::open(&dir).unwrap();
        s.timer(&ids[1], TimerCommand::Extend(1000 * 60_000)).unwrap();
        for i in 0..12 {
            s.add_note(&ids[2], None, &format!("n{i}"), NoteKind::Bullet, false)
                .unwrap();
        }
        s.add_note(&ids[0], None, "one", NoteKind::Bullet, false).unwrap();
        s.signal(&ids[3], runde::model::Signal::NeedHelp).unwrap();
        drop(s);
        let (rows, all) = status_rows(&dir);
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        assert_columns(&rows, &all, lang);
        assert!(
            rows.iter()
                .all(|l| l.width() <= 80 || l.contains("Signal") || l.contains("signal")),
            "{rows:#?}"
        );
        let (timer, _) = run_ok(&["timer", p(&dir), "extend", "5", "--board", &ids[3]]);
        assert_columns(&[timer.trim_end()], &ids[3..], lang);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Point 18 for any ids the plan allows: the columns of `status` hold.
    #[test]
    fn status_keeps_its_columns_for_any_board_ids(lang in any_lang(), ids in board_ids()) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = session_with(tmp.path(), "s", &plan_with_ids(lang, &ids));
        let (rows, all) = status_rows(&dir);
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        assert_columns(&rows, &all, lang);
    }
}

/// Point 18's class in the other tables: `list` and the next steps `new`
/// prints line up by display width for folder names with umlauts, wide
/// and combining characters.
#[test]
fn list_and_next_steps_line_up_by_display_width() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    let names = ["b", "Ärger-über-日本語", "e\u{301}te\u{301}"];
    let mut steps = Vec::new();
    for name in names {
        let out = runde()
            .env("RUNDE_SESSIONS", &sessions)
            .args(["new", name, "--lang", "de", "--date", "2021-10-05"])
            .output()
            .unwrap();
        assert!(out.status.success());
        steps.push(String::from_utf8(out.stderr).unwrap());
    }
    let (list, _) = {
        let out = runde().env("RUNDE_SESSIONS", &sessions).arg("list").output().unwrap();
        (String::from_utf8(out.stdout).unwrap(), ())
    };
    let date_columns: std::collections::BTreeSet<usize> = names
        .iter()
        .map(|name| {
            let line = list
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{name} ")))
                .unwrap_or_else(|| panic!("{name:?} in\n{list}"));
            line[..line.find("2021-10-05").unwrap()].width()
        })
        .collect();
    assert_eq!(date_columns.len(), 1, "{list}");
    for stderr in &steps {
        let starts: std::collections::BTreeSet<usize> = stderr
            .lines()
            .filter(|l| l.starts_with("  runde "))
            .map(|l| {
                let at = ["Plan bearbeiten", "Moderationsansicht", "in einer Gruppe", "Protokoll"]
                    .iter()
                    .find_map(|w| l.find(w))
                    .unwrap_or_else(|| panic!("a description in {l:?}"));
                l[..at].width()
            })
            .collect();
        assert_eq!(starts.len(), 1, "{stderr}");
    }
}
