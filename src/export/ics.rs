//! The next meeting of a plan as an RFC 5545 calendar with one event.
//! The time of the export (`DTSTAMP`) is given by the caller.
use crate::error::{Error, Result};
use crate::i18n::strings;
use crate::model::Plan;

/// An RFC 5545 calendar with the next meeting as one event.
pub fn render(plan: &Plan, now_ms: i64) -> Result<String> {
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
        let berlin = render(&plan_with_next_meeting(Some("Europe/Berlin"), "T"), 0).unwrap();
        assert!(berlin.contains("DTSTART:20220208T140000Z"), "{berlin}");
        assert!(berlin.contains("DTEND:20220208T160000Z"), "{berlin}");
        let tokyo = render(&plan_with_next_meeting(Some("Asia/Tokyo"), "T"), 0).unwrap();
        assert!(tokyo.contains("DTSTART:20220208T060000Z"), "{tokyo}");
        let floating = render(&plan_with_next_meeting(None, "T"), 0).unwrap();
        assert!(floating.contains("DTSTART:20220208T150000\r\n"), "{floating}");
    }

    #[test]
    fn a_lone_carriage_return_in_a_title_is_escaped() {
        let text = render(&plan_with_next_meeting(None, "A\rB\u{1b}[2J"), 0).unwrap();
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
