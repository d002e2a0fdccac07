//! The next meeting of a plan as an RFC 5545 calendar with one event,
//! in the language asked for: titled as the next meeting (its topic when
//! the plan knows it), its place as `LOCATION`, a plain-text description
//! with addresses written out. The time of the export (`DTSTAMP`) is given
//! by the caller.
use super::doc::{next_meeting_when, typographic};
use super::inline::parse;
use super::text::spelled_out;
use crate::error::{Error, Result};
use crate::i18n::minutes_words;
use crate::model::plan::NextMeeting;
use crate::model::{Lang, Plan};

/// An RFC 5545 calendar with the next meeting as one event.
pub fn render(plan: &Plan, lang: Lang, now_ms: i64) -> Result<String> {
    let next = plan
        .next_meeting
        .as_ref()
        .ok_or_else(|| Error::Invalid(crate::i18n::export_says(lang).no_next_meeting().into()))?;
    let series = plan
        .series
        .clone()
        .unwrap_or_else(|| plan.network.clone().unwrap_or_default());
    let key = format!("{}|{}|{}", series, plan.network.as_deref().unwrap_or(""), next.date);
    let uid = format!(
        "{:08x}-{}@runde",
        crc32fast::hash(key.as_bytes()),
        next.date.0.format("%Y%m%d")
    );
    let zone = plan_zone(plan, lang)?;
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
            lines.push(format!("DTSTART:{}", ics_time(start, zone, lang)?));
            lines.push(format!("DTEND:{}", ics_time(end, zone, lang)?));
        }
        None => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", next.date.0.format("%Y%m%d")));
            lines.push(format!(
                "DTEND;VALUE=DATE:{}",
                (next.date.0 + chrono::Duration::days(1)).format("%Y%m%d")
            ));
        }
    }
    let summary = summary(plan, next, lang);
    lines.push(format!("SUMMARY:{}", ics_text(&summary)));
    let place = place(plan, next);
    if let Some(place) = &place {
        lines.push(format!("LOCATION:{}", ics_text(place)));
    }
    lines.push(format!(
        "DESCRIPTION:{}",
        ics_text(&description(plan, next, lang, &summary, place.as_deref()))
    ));
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    Ok(lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("\r\n") + "\r\n")
}

/// The invitation's title: "TransLOek: 6. Treffen des Netzwerks „…“", or
/// "TransLOek: <topic>" when the plan knows the next meeting's topic.
pub fn summary(plan: &Plan, next: &NextMeeting, lang: Lang) -> String {
    let w = minutes_words(lang);
    let what = match next.topic.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(topic) => topic.to_string(),
        None => {
            let meeting = match plan.meeting_number.and_then(|n| n.checked_add(1)) {
                Some(n) => w.numbered_meeting(n, lang),
                None => w.next_meeting.to_string(),
            };
            match plan.network.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(network) => {
                    let quoted = match lang {
                        Lang::De => format!("„{network}“"),
                        Lang::En => format!("“{network}”"),
                    };
                    format!("{meeting} {} {quoted}", w.of_network)
                }
                None => meeting,
            }
        }
    };
    let title = match plan.series.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(series) => format!("{series}: {what}"),
        None => what,
    };
    typographic(&crate::model::text::one_line(&title))
}

/// Where the next meeting takes place: its own place, else this one's.
fn place(plan: &Plan, next: &NextMeeting) -> Option<String> {
    next.location
        .as_deref()
        .or(plan.location.as_deref())
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(crate::model::text::one_line)
}

/// The invitation's text: title, time and place, then the plan's closing
/// words — plain text, links written out as addresses.
fn description(plan: &Plan, next: &NextMeeting, lang: Lang, summary: &str, place: Option<&str>) -> String {
    let w = minutes_words(lang);
    let mut out = format!("{summary}\n{}: {}", w.when, next_meeting_when(next, lang));
    if let Some(place) = place {
        out.push_str(&format!("\n{}: {place}", capitalised(w.venue)));
    }
    if let Some(closing) = plan.closing.as_deref().filter(|c| !c.trim().is_empty()) {
        for paragraph in closing.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let text = crate::model::text::neutralise_controls(paragraph);
            out.push_str("\n\n");
            out.push_str(&spelled_out(&parse(&text)));
        }
    }
    typographic(&out)
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The plan's time zone, if it names one.
fn plan_zone(plan: &Plan, lang: Lang) -> Result<Option<chrono_tz::Tz>> {
    match &plan.timezone {
        None => Ok(None),
        Some(name) => name
            .parse::<chrono_tz::Tz>()
            .map(Some)
            .map_err(|_| Error::Invalid(crate::i18n::export_says(lang).not_a_zone(name))),
    }
}

/// A DATE-TIME value: UTC when the plan has a zone, else floating local time.
fn ics_time(local: chrono::NaiveDateTime, zone: Option<chrono_tz::Tz>, lang: Lang) -> Result<String> {
    use chrono::TimeZone;
    let Some(zone) = zone else {
        return Ok(local.format("%Y%m%dT%H%M%S").to_string());
    };
    zone.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&chrono::Utc).format("%Y%m%dT%H%M%SZ").to_string())
        .ok_or_else(|| {
            let time = local.format("%Y-%m-%d %H:%M").to_string();
            Error::Invalid(crate::i18n::export_says(lang).time_skipped(&time, zone.name()))
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::Date;

    fn plan_with_next_meeting(zone: Option<&str>, title: &str) -> Plan {
        let mut plan = crate::synthetic::plan();
        plan.title = title.into();
        plan.timezone = zone.map(str::to_string);
        plan.next_meeting = Some(crate::model::plan::NextMeeting {
            start: Some(crate::model::plan::TimeOfDay(
                chrono::NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
            )),
            ..crate::model::plan::NextMeeting::on(Date(chrono::NaiveDate::from_ymd_opt(2022, 2, 8).unwrap()))
        });
        plan
    }

    #[test]
    fn calendar_times_follow_the_plans_zone_not_the_machines() {
        let berlin = render(&plan_with_next_meeting(Some("Europe/Berlin"), "T"), Lang::De, 0).unwrap();
        assert!(berlin.contains("DTSTART:20220208T140000Z"), "{berlin}");
        assert!(berlin.contains("DTEND:20220208T160000Z"), "{berlin}");
        let tokyo = render(&plan_with_next_meeting(Some("Asia/Tokyo"), "T"), Lang::De, 0).unwrap();
        assert!(tokyo.contains("DTSTART:20220208T060000Z"), "{tokyo}");
        let floating = render(&plan_with_next_meeting(None, "T"), Lang::De, 0).unwrap();
        assert!(floating.contains("DTSTART:20220208T150000\r\n"), "{floating}");
    }

    #[test]
    fn a_lone_carriage_return_in_plan_text_never_reaches_the_calendar() {
        let mut plan = plan_with_next_meeting(None, "T");
        plan.series = Some("S\rX".into());
        plan.closing = Some("A\rB\u{1b}[2J\r\nC".into());
        plan.location = Some("Ort\r\nZwei".into());
        let text = render(&plan, Lang::De, 0).unwrap();
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
