//! Built-in plan templates for `runde new`: `kompetenznetzwerk` (welcome,
//! keynote, four parallel workshops, plenary) and `blank`, in German and
//! English.
use super::plan::{Board, BoardKind, Date, Lang, Phase, Plan, Section, Table};

/// Names of the built-in templates.
pub const TEMPLATES: &[&str] = &["kompetenznetzwerk", "blank"];

/// Builds a template's plan, or `None` for an unknown name.
pub fn plan(name: &str, lang: Lang, title: Option<&str>, date: Date) -> Option<Plan> {
    let de = lang == Lang::De;
    let t = |g: &str, e: &str| if de { g.to_string() } else { e.to_string() };
    let (default_title, agenda, boards) = match name {
        "kompetenznetzwerk" => (
            t("Netzwerktreffen", "Network meeting"),
            network_agenda(&t),
            network_boards(&t),
        ),
        "blank" => (
            t("Workshop", "Workshop"),
            vec![phase("work", &t("Arbeitsphase", "Work phase"), 30, &["notes"])],
            vec![board(
                "notes",
                BoardKind::Workshop,
                &t("Notizen", "Notes"),
                None,
                vec![section("notes", &t("Notizen", "Notes"))],
            )],
        ),
        _ => return None,
    };
    Some(Plan {
        title: title.map(str::to_string).unwrap_or(default_title),
        agenda,
        boards,
        ..super::plan_edit::empty_plan(lang, date)
    })
}

fn network_agenda(t: &dyn Fn(&str, &str) -> String) -> Vec<Phase> {
    vec![
        phase("welcome", &t("Begrüßung", "Welcome"), 10, &[]),
        phase("keynote", &t("Impulsvortrag", "Keynote"), 30, &["keynote"]),
        phase(
            "workshops",
            &t("Parallele Workshops", "Parallel workshops"),
            45,
            &["methods", "success", "continuity", "actors"],
        ),
        phase("plenary", &t("Plenum", "Plenary"), 20, &["findings"]),
    ]
}

fn network_boards(t: &dyn Fn(&str, &str) -> String) -> Vec<Board> {
    let notes = || vec![section("notes", &t("Notizen", "Notes"))];
    let mut keynote = board(
        "keynote",
        BoardKind::Keynote,
        &t("Impulsvortrag", "Keynote"),
        None,
        vec![
            section("summary", &t("Zusammenfassung", "Summary")),
            section("dos", "Dos"),
            section("donts", "Don'ts"),
        ],
    );
    keynote.table = Some(Table {
        caption: t("Dos und Don'ts", "Dos and don'ts"),
        columns: vec!["dos".into(), "donts".into()],
    });
    vec![
        keynote,
        board(
            "methods",
            BoardKind::Workshop,
            &t("Methoden & Formate", "Methods & formats"),
            Some(t(
                "Mit welchen Methoden und Werkzeugen gelingt Netzwerkarbeit im Quartier?",
                "Which methods and tools make networking in a neighbourhood work?",
            )),
            notes(),
        ),
        board(
            "success",
            BoardKind::Workshop,
            &t("Erfolgsfaktoren & Fallstricke", "Success factors & pitfalls"),
            Some(t(
                "Was hat Netzwerkarbeit bei euch gelingen lassen, und woran ist sie gescheitert?",
                "What made networking succeed for you, and where did it stumble?",
            )),
            vec![
                section("factors", &t("Erfolgsfaktoren", "Success factors")),
                section("pitfalls", &t("Fallstricke", "Pitfalls")),
            ],
        ),
        board(
            "continuity",
            BoardKind::Workshop,
            &t("Verstetigung", "Continuity"),
            Some(t(
                "Wie wird aus einem Netzwerk eine dauerhafte Struktur, und muss es das immer?",
                "How does a network become lasting, and should it always?",
            )),
            notes(),
        ),
        board(
            "actors",
            BoardKind::Workshop,
            &t("Akteure & Rollen", "Actors & roles"),
            Some(t(
                "Wer ist für die Vernetzung im Quartier wichtig, und wer übernimmt welche Rolle?",
                "Who matters for networking in the neighbourhood, and who plays which role?",
            )),
            notes(),
        ),
        board(
            "findings",
            BoardKind::Findings,
            &t("Zentrale Erkenntnisse", "Key findings"),
            None,
            notes(),
        ),
    ]
}

fn phase(id: &str, title: &str, minutes: u32, boards: &[&str]) -> Phase {
    Phase {
        id: id.into(),
        title: title.into(),
        minutes: Some(minutes),
        boards: boards.iter().map(|b| b.to_string()).collect(),
    }
}

fn section(id: &str, title: &str) -> Section {
    Section {
        id: id.into(),
        title: title.into(),
        lead: None,
    }
}

fn board(id: &str, kind: BoardKind, title: &str, question: Option<String>, sections: Vec<Section>) -> Board {
    Board {
        question,
        ..Board::new(id, kind, title, sections)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn templates_validate_in_both_languages() {
        let date = Date(NaiveDate::from_ymd_opt(2021, 10, 5).unwrap());
        for name in TEMPLATES {
            for lang in [Lang::De, Lang::En] {
                let plan = plan(name, lang, None, date).unwrap();
                let text = plan.to_pretty_json().unwrap();
                let (parsed, problems) = Plan::parse_all(&text);
                assert!(problems.is_empty(), "{name} {lang:?}: {problems:?}");
                assert_eq!(parsed.unwrap(), plan);
            }
        }
        assert!(plan("nope", Lang::De, None, date).is_none());
    }

    #[test]
    fn network_template_has_the_agreed_board_ids() {
        let date = Date(NaiveDate::from_ymd_opt(2021, 10, 5).unwrap());
        let plan = plan("kompetenznetzwerk", Lang::En, Some("X"), date).unwrap();
        let ids: Vec<&str> = plan.boards.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            ["keynote", "methods", "success", "continuity", "actors", "findings"]
        );
        let success: Vec<&str> = plan
            .board("success")
            .unwrap()
            .sections
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(success, ["factors", "pitfalls"]);
        assert_eq!(plan.board_minutes("actors"), Some(45));
        assert_eq!(plan.title, "X");
    }
}
