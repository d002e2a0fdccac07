//! A series of meetings: the next meeting built from the last (numbers,
//! date, layout, people, and the open topics carried over), the series'
//! history, a calendar invitation for the next meeting, and user templates.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::i18n::strings;
use crate::model::plan::{Date, read_text};
use crate::model::{Board, BoardKind, NoteKind, Origin, Plan, Section};
use crate::store::{PLAN_FILE, Session};

/// Id of the board that holds carried-over topics.
pub const TOPICS_BOARD: &str = "open-topics";

/// The plan of the meeting after `prev`.
pub fn next_plan(prev: &Plan, date: Option<Date>, title: Option<&str>) -> Result<Plan> {
    let next = prev.next_meeting.as_ref();
    let date = date.or(next.map(|n| n.date)).ok_or_else(|| {
        Error::Usage("the previous meeting's plan has no \"next_meeting\"; give the date with --date".into())
    })?;
    let s = strings(prev.lang);
    let number = match prev.meeting_number {
        Some(n) => Some(n.checked_add(1).ok_or_else(|| {
            Error::Invalid(format!(
                "meeting_number {n} is the largest runde can count to; set a smaller one in the plan"
            ))
        })?),
        None => None,
    };
    let mut boards: Vec<Board> = prev.boards.iter().filter(|b| b.id != TOPICS_BOARD).cloned().collect();
    boards.insert(
        0,
        Board::new(
            TOPICS_BOARD,
            BoardKind::Topics,
            s.open_topics,
            vec![Section {
                id: "topics".into(),
                title: s.open_topics.into(),
                lead: None,
            }],
        ),
    );
    let mut agenda = prev.agenda.clone();
    for phase in &mut agenda {
        phase.boards.retain(|b| b != TOPICS_BOARD);
    }
    if let Some(first) = agenda.first_mut() {
        first.boards.insert(0, TOPICS_BOARD.into());
    }
    let default_title = match number {
        Some(n) => format!("{} {n}", s.meeting_word),
        None => s.meeting_word.to_string(),
    };
    Ok(Plan {
        title: title.map(str::to_string).unwrap_or(default_title),
        meeting_number: number,
        newsletter: prev.newsletter.as_deref().map(increment_number),
        date,
        start: next.and_then(|n| n.start).or(prev.start),
        end: next.and_then(|n| n.end).or(prev.end),
        intro: None,
        agenda,
        boards,
        next_meeting: None,
        closing: None,
        ..prev.clone()
    })
}

/// "Nr. 07" → "Nr. 08": the last number in the text plus one, same width.
/// Counts in decimal digits, so no number is too large and none wraps.
pub fn increment_number(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let Some(end) = chars.iter().rposition(|c| c.is_ascii_digit()) else {
        return text.to_string();
    };
    let start = chars[..end]
        .iter()
        .rposition(|c| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let mut digits: Vec<char> = chars[start..=end].to_vec();
    let mut carry = true;
    for d in digits.iter_mut().rev() {
        if !carry {
            break;
        }
        (*d, carry) = if *d == '9' {
            ('0', true)
        } else {
            ((*d as u8 + 1) as char, false)
        };
    }
    let head: String = chars[..start].iter().collect();
    let tail: String = chars[end + 1..].iter().collect();
    let overflow = if carry { "1" } else { "" };
    format!("{head}{overflow}{}{tail}", digits.iter().collect::<String>())
}

/// A topic to carry into the next meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    pub text: String,
    pub kind: NoteKind,
    pub origin: Origin,
}

/// Open topics of a meeting: starred key findings, notes flagged as
/// follow-ups, and carried topics not yet resolved.
pub fn open_topics(prev: &Session) -> Vec<Carried> {
    let plan = prev.plan();
    let name = session_name(prev.dir());
    let here = |id: &str| Origin {
        session: name.clone(),
        meeting: plan.meeting_number,
        date: plan.date.to_string(),
        note: id.to_string(),
    };
    let mut out: Vec<Carried> = Vec::new();
    let push = |c: Carried, out: &mut Vec<Carried>| {
        if !out.iter().any(|o| o.origin.note == c.origin.note) {
            out.push(c);
        }
    };
    for board in plan.boards.iter() {
        for section in &board.sections {
            for n in prev.state().notes_in(&board.id, &section.id) {
                let carry = match board.kind {
                    BoardKind::Topics => !n.done,
                    BoardKind::Findings => (n.starred || n.follow_up) && !n.done,
                    _ => n.follow_up && !n.done,
                };
                if carry {
                    let origin = n.origin.clone().unwrap_or_else(|| here(&n.id));
                    push(
                        Carried {
                            text: n.text.clone(),
                            kind: n.kind,
                            origin,
                        },
                        &mut out,
                    );
                }
            }
        }
    }
    out
}

/// Creates the next meeting in `dir` from the session in `prev_dir`;
/// returns the carried topics.
pub fn new_from(dir: &Path, prev_dir: &Path, date: Option<Date>, title: Option<&str>) -> Result<Vec<Carried>> {
    let prev = Session::open(prev_dir)?;
    let plan = next_plan(prev.plan(), date, title)?;
    let carried = open_topics(&prev);
    crate::commands::create_session(dir, &plan)?;
    let mut next = Session::open(dir)?;
    for c in &carried {
        next.add_carried(TOPICS_BOARD, &c.text, c.kind, c.origin.clone())?;
    }
    Ok(carried)
}

/// The folder name of a session, used to refer to it.
pub fn session_name(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A session found while scanning a folder of sessions.
pub struct Member {
    pub dir: PathBuf,
    pub session: Session,
}

/// Sessions in `folder`, opened; unreadable ones are returned as errors.
pub fn scan(folder: &Path) -> Result<Vec<std::result::Result<Member, (PathBuf, Error)>>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(folder, e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let dir = entry.path();
        if !dir.join(PLAN_FILE).is_file() {
            continue;
        }
        out.push(
            Session::open(&dir)
                .map(|session| Member {
                    dir: dir.clone(),
                    session,
                })
                .map_err(|e| (dir, e)),
        );
    }
    Ok(out)
}

/// The series key of a plan: (series, network).
pub fn series_key(plan: &Plan) -> (String, String) {
    (
        plan.series.clone().unwrap_or_default(),
        plan.network.clone().unwrap_or_default(),
    )
}

/// The meetings of the series `dir` belongs to (its sibling folders), by date.
pub fn members_of(dir: &Path) -> Result<Vec<Member>> {
    let me = Session::open(dir)?;
    let key = series_key(me.plan());
    let canonical = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    let parent = canonical
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let mut members: Vec<Member> = scan(&parent)?
        .into_iter()
        .filter_map(|m| m.ok())
        .filter(|m| series_key(m.session.plan()) == key)
        .collect();
    members.sort_by(|a, b| {
        (a.session.plan().date, a.session.plan().meeting_number)
            .cmp(&(b.session.plan().date, b.session.plan().meeting_number))
    });
    Ok(members)
}

/// The history of a series as text: meetings, workshops, carried and resolved topics.
pub fn history(dir: &Path) -> Result<String> {
    let members = members_of(dir)?;
    let Some(first) = members.first() else {
        return Ok(String::new());
    };
    let lang = first.session.plan().lang;
    let s = strings(lang);
    let (series, network) = series_key(first.session.plan());
    let mut out = format!("{series} · {network} — {} {}\n\n", members.len(), s.meetings_word);
    // topic root id → (text, first meeting label, carried into, resolved in)
    let mut topics: BTreeMap<String, (String, String, Vec<String>, Option<String>)> = BTreeMap::new();
    for m in &members {
        let plan = m.session.plan();
        let label = match plan.meeting_number {
            Some(n) => format!("#{n} {}", plan.date),
            None => plan.date.to_string(),
        };
        let notes = m.session.state().live_notes().count();
        let notes = crate::i18n::cli_strings(lang).notes(notes);
        out.push_str(&format!("{label}  {}  ({notes})\n", plan.title));
        let workshops: Vec<&str> = plan
            .boards_of_kind(BoardKind::Workshop)
            .map(|b| b.title.as_str())
            .collect();
        if !workshops.is_empty() {
            out.push_str(&format!("    {}: {}\n", s.workshops_word, workshops.join(", ")));
        }
        for board in plan.boards_of_kind(BoardKind::Topics) {
            for section in &board.sections {
                for n in m.session.state().notes_in(&board.id, &section.id) {
                    let Some(origin) = &n.origin else { continue };
                    let from = match origin.meeting {
                        Some(k) => format!("#{k} {}", origin.date),
                        None => origin.date.clone(),
                    };
                    let entry = topics
                        .entry(origin.note.clone())
                        .or_insert_with(|| (n.text.clone(), from, Vec::new(), None));
                    entry.2.push(label.clone());
                    if n.done && entry.3.is_none() {
                        entry.3 = Some(label.clone());
                    }
                }
            }
        }
    }
    if !topics.is_empty() {
        out.push_str(&format!("\n{}:\n", s.open_topics));
        for (text, from, carried, resolved) in topics.values() {
            let status = match resolved {
                Some(r) => format!("✓ {} {r}", s.resolved_in),
                None => format!("… {}", s.still_open),
            };
            out.push_str(&format!(
                "  {status} — „{text}“ ({} {from}; {} {})\n",
                s.from_meeting,
                s.carried_to,
                carried.join(", ")
            ));
        }
    }
    Ok(out)
}

/// An RFC 5545 calendar with the next meeting as one event.
pub fn ics(plan: &Plan, now_ms: i64) -> Result<String> {
    let next = plan
        .next_meeting
        .as_ref()
        .ok_or_else(|| Error::Invalid("the plan has no \"next_meeting\" to put in a calendar".into()))?;
    let s = strings(plan.lang);
    let series = plan
        .series
        .clone()
        .unwrap_or_else(|| plan.network.clone().unwrap_or_default());
    let summary = if series.is_empty() {
        plan.title.clone()
    } else {
        format!("{series}: {}", plan.title)
    };
    let key = format!("{}|{}|{}", series, plan.network.as_deref().unwrap_or(""), next.date);
    let uid = format!(
        "{:08x}-{}@runde",
        crc32fast::hash(key.as_bytes()),
        next.date.0.format("%Y%m%d")
    );
    let zone = plan_zone(plan)?;
    let stamp = chrono::DateTime::from_timestamp_millis(now_ms)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ");
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//runde//runde//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{stamp}"),
    ];
    match next.start {
        Some(start) => {
            let start = next.date.0.and_time(start.0);
            let end = match next.end {
                Some(end) => next.date.0.and_time(end.0),
                None => start + chrono::Duration::hours(2),
            };
            lines.push(format!("DTSTART:{}", ics_time(start, zone)?));
            lines.push(format!("DTEND:{}", ics_time(end, zone)?));
        }
        None => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", next.date.0.format("%Y%m%d")));
            lines.push(format!(
                "DTEND;VALUE=DATE:{}",
                (next.date.0 + chrono::Duration::days(1)).format("%Y%m%d")
            ));
        }
    }
    lines.push(format!("SUMMARY:{}", ics_text(&summary)));
    let mut description = format!("{}: {}", s.next_meeting, plan.network.as_deref().unwrap_or(&series));
    if let Some(c) = &plan.closing {
        description.push_str("\n\n");
        description.push_str(c);
    }
    lines.push(format!("DESCRIPTION:{}", ics_text(&description)));
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    Ok(lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("\r\n") + "\r\n")
}

/// The plan's time zone, if it names one.
fn plan_zone(plan: &Plan) -> Result<Option<chrono_tz::Tz>> {
    match &plan.timezone {
        None => Ok(None),
        Some(name) => name
            .parse::<chrono_tz::Tz>()
            .map(Some)
            .map_err(|_| Error::Invalid(format!("the plan's timezone {name:?} is not an IANA time zone"))),
    }
}

/// A DATE-TIME value: UTC when the plan has a zone, else floating local time.
fn ics_time(local: chrono::NaiveDateTime, zone: Option<chrono_tz::Tz>) -> Result<String> {
    use chrono::TimeZone;
    let Some(zone) = zone else {
        return Ok(local.format("%Y%m%dT%H%M%S").to_string());
    };
    zone.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&chrono::Utc).format("%Y%m%dT%H%M%SZ").to_string())
        .ok_or_else(|| {
            Error::Invalid(format!(
                "{} does not exist in {} (the clocks change then); choose another time",
                local.format("%Y-%m-%d %H:%M"),
                zone.name()
            ))
        })
}

/// The time zone `runde new` writes into a plan: `TZ` when it names an IANA
/// zone, else the machine's zone, else Europe/Berlin for German sessions
/// (Germany, Austria and Switzerland share it); `None` leaves times floating.
pub fn machine_timezone(lang: crate::model::Lang) -> Option<String> {
    let from_env = std::env::var("TZ")
        .ok()
        .map(|tz| tz.trim_start_matches(':').to_string());
    let from_machine = iana_time_zone::get_timezone().ok();
    let fallback = match lang {
        crate::model::Lang::De => Some("Europe/Berlin".to_string()),
        crate::model::Lang::En => None,
    };
    [from_env, from_machine, fallback]
        .into_iter()
        .flatten()
        .find(|name| name.parse::<chrono_tz::Tz>().is_ok())
}

/// Escapes TEXT values (RFC 5545 §3.3.11): backslash, `;`, `,`, every line
/// break (CRLF, LF or a lone CR) as `\n`, other control characters replaced.
fn ics_text(t: &str) -> String {
    let escaped = t
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace(['\n', '\r'], "\\n");
    crate::model::text::neutralise_controls(&escaped).replace('\t', " ")
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

/// Where user templates are kept (`$RUNDE_CONFIG/templates` or the platform config dir).
pub fn templates_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("RUNDE_CONFIG").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("templates"));
    }
    directories::ProjectDirs::from("", "", "runde")
        .map(|d| d.config_dir().join("templates"))
        .ok_or_else(|| Error::Invalid("cannot find a config directory; set RUNDE_CONFIG".into()))
}

/// Saves a session's plan (without notes) as a named template.
pub fn save_template(dir: &Path, name: &str) -> Result<PathBuf> {
    if !crate::model::plan::is_valid_id(name) {
        return Err(Error::Usage(format!(
            "template names may only contain letters, digits, '-' and '_': {name:?}"
        )));
    }
    if crate::model::template::TEMPLATES.contains(&name) {
        return Err(Error::Invalid(format!(
            "{name:?} is a built-in template; choose another name"
        )));
    }
    let plan_path = dir.join(PLAN_FILE);
    let plan = Plan::load(&plan_path)?;
    let folder = templates_dir()?;
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let path = folder.join(format!("{name}.json"));
    if path.exists() {
        return Err(Error::Invalid(format!(
            "{}: a template of that name exists; remove it first",
            path.display()
        )));
    }
    crate::store::durable::replace_file(&path, plan.to_pretty_json().as_bytes())?;
    Ok(path)
}

/// A user template's plan, if one of that name exists.
pub fn load_template(name: &str) -> Result<Option<Plan>> {
    if !crate::model::plan::is_valid_id(name) {
        return Ok(None);
    }
    let path = templates_dir()?.join(format!("{name}.json"));
    if !path.is_file() {
        return Ok(None);
    }
    let text = read_text(&path)?;
    Plan::parse(&path, &text).map(Some)
}

/// Names of the user templates.
pub fn user_templates() -> Result<Vec<String>> {
    let dir = templates_dir()?;
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .filter_map(|e| {
                e.file_name()
                    .to_string_lossy()
                    .strip_suffix(".json")
                    .map(str::to_string)
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsletter_numbers_increment_with_their_width() {
        assert_eq!(increment_number("Nr. 07"), "Nr. 08");
        assert_eq!(increment_number("Nr. 09"), "Nr. 10");
        assert_eq!(increment_number("99"), "100");
        assert_eq!(increment_number("Ausgabe 3/2022"), "Ausgabe 3/2023");
        assert_eq!(increment_number("ohne"), "ohne");
    }

    #[test]
    fn newsletter_numbers_never_wrap() {
        assert_eq!(increment_number("Nr. 18446744073709551615"), "Nr. 18446744073709551616");
        assert_eq!(
            increment_number("Nr. 99999999999999999999999/x"),
            "Nr. 100000000000000000000000/x"
        );
    }

    #[test]
    fn the_last_meeting_number_is_an_error_not_zero() {
        let mut prev = crate::synthetic::plan();
        prev.meeting_number = Some(u32::MAX);
        let err = next_plan(&prev, Some(prev.date), None).expect_err("no wrap to 0");
        assert!(err.to_string().contains("4294967295"), "{err}");
        prev.meeting_number = Some(u32::MAX - 1);
        let next = next_plan(&prev, Some(prev.date), None).unwrap();
        assert_eq!(next.meeting_number, Some(u32::MAX));
    }

    fn plan_with_next_meeting(zone: Option<&str>, title: &str) -> Plan {
        let mut plan = crate::synthetic::plan();
        plan.title = title.into();
        plan.timezone = zone.map(str::to_string);
        plan.next_meeting = Some(crate::model::plan::NextMeeting {
            date: Date(chrono::NaiveDate::from_ymd_opt(2022, 2, 8).unwrap()),
            start: Some(crate::model::plan::TimeOfDay(
                chrono::NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
            )),
            end: None,
        });
        plan
    }

    #[test]
    fn calendar_times_follow_the_plans_zone_not_the_machines() {
        let berlin = ics(&plan_with_next_meeting(Some("Europe/Berlin"), "T"), 0).unwrap();
        assert!(berlin.contains("DTSTART:20220208T140000Z"), "{berlin}");
        assert!(berlin.contains("DTEND:20220208T160000Z"), "{berlin}");
        let tokyo = ics(&plan_with_next_meeting(Some("Asia/Tokyo"), "T"), 0).unwrap();
        assert!(tokyo.contains("DTSTART:20220208T060000Z"), "{tokyo}");
        let floating = ics(&plan_with_next_meeting(None, "T"), 0).unwrap();
        assert!(floating.contains("DTSTART:20220208T150000\r\n"), "{floating}");
    }

    #[test]
    fn a_lone_carriage_return_in_a_title_is_escaped() {
        let text = ics(&plan_with_next_meeting(None, "A\rB\u{1b}[2J"), 0).unwrap();
        let summary = text.lines().find(|l| l.contains("SUMMARY")).unwrap();
        assert!(summary.ends_with("A\\nB\u{FFFD}[2J"), "{summary:?}");
        for line in text.split("\r\n") {
            assert!(!line.contains('\r') && !line.contains('\u{1b}'), "{line:?}");
        }
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "Ökonomie ".repeat(20));
        for part in fold(&line).split("\r\n") {
            assert!(part.len() <= 75, "{part}");
        }
        assert_eq!(fold(&line).replace("\r\n ", ""), line);
    }
}
