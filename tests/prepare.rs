//! Scenario tests of the plan editor (`runde prepare`) on a TestBackend:
//! the reference meeting built from an empty folder by keys only,
//! validation that keeps invalid plans off the disk, reorder and
//! duplicate, refused deletions, live pick-up by a running facilitator
//! view, the run sheet, and screens in German and English at 80×24 / 40×12.
#[path = "common/mod.rs"]
mod common;
#[path = "common/tui.rs"]
mod tui;

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use runde::app::Action as AppAction;
use runde::app::prepare::{Prepare, Tab};
use runde::model::plan::{Date, Plan};
use runde::model::{BoardKind, Lang};
use runde::runtime::prepare::PrepareRunner;
use tui::{Fixture, assert_shows, last_line, line};

fn date(s: &str) -> Date {
    Date::try_from(s.to_string()).unwrap()
}

/// An editor on `dir` (new or existing), templates fixed to the built-ins.
fn editor(dir: &Path) -> PrepareRunner {
    let mut p = PrepareRunner::open(dir.to_path_buf(), None, date("2000-01-01")).unwrap();
    p.templates.retain(|(_, built_in)| *built_in);
    p
}

fn press(p: &mut PrepareRunner, code: KeyCode) {
    let mods = match code {
        KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    p.handle_key(KeyEvent::new(code, mods));
}

/// Presses keys written as a small script: one char per key, `⏎` Enter,
/// `⎋` Esc, `⇥` Tab, `⌫` Ctrl-U (clear the field), `␣` Space.
fn keys(p: &mut PrepareRunner, script: &str) {
    for c in script.chars() {
        match c {
            '⏎' => press(p, KeyCode::Enter),
            '⎋' => press(p, KeyCode::Esc),
            '⇥' => press(p, KeyCode::Tab),
            '␣' => press(p, KeyCode::Char(' ')),
            '⌫' => p.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
            c => press(p, KeyCode::Char(c)),
        }
    }
}

/// Opens the field under the cursor, replaces its text, accepts it.
fn set(p: &mut PrepareRunner, text: &str) {
    keys(p, &format!("⏎⌫{text}⏎"));
}

fn screen(p: &Prepare, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(p, f.area())).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn reference() -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/kompetenznetzwerk-2021-10/session.json");
    runde::store::plan_file::read_plan(&path).unwrap()
}

/// What the editor sets: phase and section ids are made from titles (the
/// editor never asks for them), so they are replaced by position/title.
fn comparable(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    for (i, phase) in p.agenda.iter_mut().enumerate() {
        phase.id = format!("phase-{i}");
    }
    for board in &mut p.boards {
        let columns: Option<Vec<String>> = board.table.as_ref().map(|t| {
            t.columns
                .iter()
                .map(|c| board.section(c).map(|s| s.title.clone()).unwrap_or_default())
                .collect()
        });
        if let (Some(t), Some(c)) = (board.table.as_mut(), columns) {
            t.columns = c;
        }
        for s in &mut board.sections {
            s.id = s.title.clone();
        }
        // Phrase links are written in session.json; the editor has no row for them.
        board.links.clear();
    }
    p
}

/// The reference meeting, typed into an empty folder.
fn build_reference(p: &mut PrepareRunner) {
    let r = reference();
    let kn = r.board("keynote").unwrap();
    let q = |id: &str| r.board(id).unwrap().question.clone().unwrap();
    // Meeting form, one row after the other.
    set(p, &r.title);
    keys(p, "jj"); // no event kind
    set(p, "TransLOek");
    keys(p, "j");
    set(p, r.network.as_deref().unwrap());
    keys(p, "j");
    set(p, "5");
    keys(p, "j");
    set(p, "Nr. 07");
    keys(p, "j");
    set(p, "2021-10-05");
    keys(p, "j");
    set(p, "15:00");
    keys(p, "j");
    set(p, "17:00");
    keys(p, "j");
    set(p, r.timezone.as_deref().unwrap());
    keys(p, "jj"); // language stays German
    set(p, r.intro.as_deref().unwrap());
    keys(p, "j");
    set(p, r.closing.as_deref().unwrap());
    keys(p, "j");
    set(p, "2022-02-08");
    keys(p, "j");
    set(p, "15:00");
    keys(p, "j");
    set(p, "17:00");
    // Agenda: title, then the minutes field opens by itself.
    keys(p, "⇥");
    for (title, minutes) in [
        ("Begrüßung", 10),
        ("Impulsvortrag", 30),
        ("Parallele Workshops", 45),
        ("Plenum", 20),
    ] {
        keys(p, &format!("a{title}⏎{minutes}⏎"));
    }
    // Boards: the keynote in the second phase.
    keys(p, "⇥l");
    keys(p, &format!("a{}⏎", kn.title));
    keys(p, "j");
    set(p, "keynote");
    keys(p, "jj⏎"); // kind: workshop → keynote
    keys(p, "jj"); // past the timer length (a keynote has no group size)
    set(p, kn.speaker.as_deref().unwrap());
    keys(p, "j");
    set(p, kn.role.as_deref().unwrap());
    keys(p, "j");
    set(p, kn.organization.as_deref().unwrap());
    keys(p, "j");
    set(p, kn.organization_url.as_deref().unwrap());
    keys(p, "j");
    set(p, kn.source.as_deref().unwrap());
    keys(p, "j");
    set(p, kn.source_url.as_deref().unwrap());
    keys(p, "jjjj"); // the first section
    set(p, "Zusammenfassung");
    keys(p, "aPraxisbeispiele⏎");
    keys(p, &format!("L{}⏎", kn.sections[1].lead.as_deref().unwrap()));
    keys(p, "aDos⏎aDon'ts⏎aFazit⏎");
    keys(p, "kkkkkkk"); // back to the table caption
    set(p, "Kooperationen anbahnen");
    keys(p, "j⏎⏎j⏎⏎"); // left column → Dos, right → Don'ts
    keys(p, "⎋");
    // The four workshops in the third phase.
    keys(p, "l");
    for (id, title, n) in [
        ("methods", "Methoden & Formate", 7),
        ("success", "Fallstricke und Erfolgsfaktoren", 6),
        ("continuity", "Verstetigung", 8),
        ("actors", "Akteure und Funktionen", 7),
    ] {
        keys(p, &format!("a{title}⏎j"));
        set(p, id);
        keys(p, "j");
        set(p, &q(id));
        keys(p, "jj");
        set(p, &n.to_string());
        if id == "success" {
            let s = &r.board("success").unwrap().sections;
            keys(p, "jj"); // past the timer length: no keynote rows on a workshop
            set(p, "Erfolgsfaktoren");
            keys(p, &format!("L{}⏎", s[0].lead.as_deref().unwrap()));
            keys(p, &format!("aFallstricke⏎L{}⏎", s[1].lead.as_deref().unwrap()));
        }
        keys(p, "⎋");
    }
    // The findings board in the plenary.
    keys(p, "laZentrale Erkenntnisse⏎j");
    set(p, "findings");
    keys(p, "jj⏎⏎⎋"); // kind: workshop → keynote → findings
    // People and their consent.
    keys(p, "⇥");
    for person in &r.people {
        keys(p, &format!("a{}⏎", person.name));
        if person.public {
            keys(p, "␣");
        }
    }
    keys(p, "w");
}

#[test]
fn reference_plan_is_built_from_an_empty_folder_by_keys_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("meeting");
    let mut p = editor(&dir);
    build_reference(&mut p);
    println!(
        "keystrokes for the reference plan: {} ({} typed into fields, {} commands and moves)",
        p.keystrokes,
        p.typed_keys,
        p.keystrokes - p.typed_keys
    );
    assert!(!p.dirty(), "saved: {:?}", p.message);
    let saved = runde::store::plan_file::read_plan(&dir.join("session.json")).unwrap();
    assert_eq!(comparable(&saved), comparable(&reference()));
    // The board ids the CLI uses are the reference's.
    assert_eq!(saved.agenda[2].boards, ["methods", "success", "continuity", "actors"]);
    assert_eq!(saved.boards[0].kind, BoardKind::Keynote);
    common::runde()
        .args(["check", dir.to_str().unwrap()])
        .assert()
        .success();
}

#[test]
fn invalid_values_are_shown_while_typing_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("meeting");
    let mut p = editor(&dir);
    keys(&mut p, "jjjjjj⏎⌫2021-13-05");
    let text = screen(&p, 80, 24);
    assert!(text.contains("✗ Datum als JJJJ-MM-TT"), "{text}");
    keys(&mut p, "⏎");
    assert!(p.input.is_some(), "an invalid date is not accepted");
    keys(&mut p, "⌫2021-10-05⏎j⏎17:00⏎j⏎15:00");
    let text = screen(&p, 80, 24);
    assert!(text.contains("Das Ende muss nach dem Beginn liegen"), "{text}");
    keys(&mut p, "⏎w");
    let text = screen(&p, 80, 24);
    assert!(text.contains("Nicht gespeichert"), "{text}");
    assert!(!dir.exists(), "nothing written while the plan is invalid");
    // Fixed, the plan is saved.
    keys(&mut p, "k");
    set(&mut p, "16:00");
    keys(&mut p, "j");
    set(&mut p, "18:00");
    keys(&mut p, "kkkkkkkk");
    set(&mut p, "Treffen");
    keys(&mut p, "⇥⇥aGruppe⏎⎋w");
    assert!(!p.dirty(), "{:?}", p.message);
    let saved = runde::store::plan_file::read_plan(&dir.join("session.json")).unwrap();
    assert_eq!(saved.end.unwrap().to_string(), "18:00");
}

#[test]
fn an_unknown_time_zone_is_shown_while_typing_and_never_saved() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    keys(&mut p, "jjjjjjjjj⏎⌫Europe/Berlln");
    let text = screen(&p, 80, 24);
    assert!(text.contains("Zeitzone"), "{text}");
    assert!(text.contains("✗ unbekannte Zeitzone"), "{text}");
    keys(&mut p, "⏎");
    assert!(p.input.is_some(), "an unknown zone is not accepted");
    keys(&mut p, "⎋w");
    let saved = runde::store::plan_file::read_plan(&fx.dir().join("session.json")).unwrap();
    assert_eq!(saved.timezone.as_deref(), Some("Europe/Berlin"));
    // A known zone is taken and saved.
    set(&mut p, "America/New_York");
    keys(&mut p, "w");
    assert!(!p.dirty(), "{:?}", p.message);
    let saved = runde::store::plan_file::read_plan(&fx.dir().join("session.json")).unwrap();
    assert_eq!(saved.timezone.as_deref(), Some("America/New_York"));
    // A bad zone that came from the file keeps the plan from being saved.
    p.plan.timezone = Some("Mars/Olympus".into());
    keys(&mut p, "w");
    assert!(screen(&p, 80, 24).contains("Nicht gespeichert"));
    let saved = runde::store::plan_file::read_plan(&fx.dir().join("session.json")).unwrap();
    assert_eq!(saved.timezone.as_deref(), Some("America/New_York"));
}

#[test]
fn event_findings_sources_and_board_web_addresses_are_edited() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    keys(&mut p, "j");
    set(&mut p, "Kompetenznetzwerk-Treffen");
    keys(&mut p, "jjjjjjjjjjjjjjj⏎"); // the findings sources switch
    assert!(screen(&p, 80, 24).contains("☑ ja"));
    // Board web addresses: only http and https.
    keys(&mut p, "⇥⇥l⏎jjjjjjj⏎⌫ftp://example.org"); // a keynote: no question, no group size
    assert!(screen(&p, 80, 24).contains("✗ Webadresse mit http://"));
    keys(&mut p, "⌫https://example.org⏎jj");
    set(&mut p, "http://example.org/quelle");
    keys(&mut p, "w");
    assert!(!p.dirty(), "{:?}", p.message);
    let saved = runde::store::plan_file::read_plan(&fx.dir().join("session.json")).unwrap();
    assert_eq!(saved.event.as_deref(), Some("Kompetenznetzwerk-Treffen"));
    assert!(saved.findings_sources);
    let kn = saved.board("keynote").unwrap();
    assert_eq!(kn.organization_url.as_deref(), Some("https://example.org"));
    assert_eq!(kn.source_url.as_deref(), Some("http://example.org/quelle"));
}

#[test]
fn a_new_plan_gets_the_machines_time_zone_like_runde_new() {
    let tmp = tempfile::tempdir().unwrap();
    let p = editor(&tmp.path().join("meeting"));
    assert_eq!(p.plan.timezone, runde::store::templates::machine_timezone(p.plan.lang));
}

#[test]
fn phases_reorder_and_duplicate_and_over_planning_is_marked() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    keys(&mut p, "⇥J");
    assert_eq!(p.plan.agenda[1].id, "welcome");
    assert_eq!(p.phase_row, 1);
    keys(&mut p, "K");
    assert_eq!(p.plan.agenda[0].id, "welcome");
    keys(&mut p, "jjc");
    let ids: Vec<&str> = p.plan.agenda.iter().map(|ph| ph.id.as_str()).collect();
    assert_eq!(ids, ["welcome", "keynote", "workshops", "workshops-2", "plenary"]);
    assert_eq!(p.plan.agenda[3].boards.len(), 4, "the copy has its own boards");
    assert!(p.plan.agenda[3].boards.iter().all(|b| b.ends_with("-2")));
    let text = screen(&p, 80, 24);
    assert!(text.contains("⚠ überplant um 30 Min."), "{text}");
    assert!(text.contains("16:25"), "the copy starts after the original: {text}");
    assert!(text.contains("17:10"), "the plenary moves: {text}");
    keys(&mut p, "d");
    assert_eq!(p.plan.agenda.len(), 4);
    // Boards reorder within their phase.
    keys(&mut p, "⇥llJ");
    assert_eq!(p.plan.agenda[2].boards[..2], ["success", "methods"]);
    keys(&mut p, "w");
    assert!(!p.dirty(), "{:?}", p.message);
}

#[test]
fn deleting_a_board_or_section_with_notes_is_refused_with_the_reason() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    keys(&mut p, "⇥⇥lld");
    let text = screen(&p, 80, 24);
    assert!(text.contains("Nicht gelöscht: die Gruppe hat"), "{text}");
    assert!(p.plan.board("methods").is_some());
    // Renaming is fine.
    keys(&mut p, "⏎");
    set(&mut p, "Methoden und Werkzeuge");
    assert_eq!(p.plan.board("methods").unwrap().title, "Methoden und Werkzeuge");
    // A section with notes is refused too.
    keys(&mut p, "jjjjjjjjjjjjjjjd");
    assert!(screen(&p, 80, 24).contains("der Abschnitt hat"));
    keys(&mut p, "⎋");
    // A new, empty board can go again.
    keys(&mut p, "aLeer⏎⎋");
    assert!(p.plan.board("leer").is_some());
    keys(&mut p, "jjjjd");
    assert!(p.plan.board("leer").is_none(), "{:?}", p.message);
}

#[test]
fn a_running_facilitator_view_sees_a_renamed_board_live() {
    let fx = Fixture::example();
    let mut fac = fx.facilitator(None);
    for _ in 0..3 {
        fac.handle_key(tui::key('n'));
    }
    assert!(tui::screen(&fac, 120, 40).contains("Methoden & Formate"));
    let mut p = editor(fx.dir());
    keys(&mut p, "⇥⇥ll⏎");
    set(&mut p, "Werkzeugkiste");
    keys(&mut p, "w");
    assert!(!p.dirty(), "{:?}", p.message);
    fac.update(AppAction::Tick);
    let text = tui::screen(&fac, 120, 40);
    assert!(text.contains("Werkzeugkiste"), "{text}");
}

#[test]
fn quit_asks_while_changes_are_unsaved() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    keys(&mut p, "q");
    assert!(p.quit, "nothing changed: quits at once");
    let mut p = editor(fx.dir());
    keys(&mut p, "⇥Jq");
    assert!(!p.quit);
    assert!(screen(&p, 80, 24).contains("verwerfen und beenden"));
    keys(&mut p, "n");
    assert!(!p.quit);
    keys(&mut p, "qj");
    assert!(p.quit);
}

#[test]
fn help_lists_the_keys_of_the_current_table() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    keys(&mut p, "⇥?");
    let text = screen(&p, 80, 24);
    assert!(text.contains("nach unten/oben schieben"), "{text}");
    assert!(text.contains("Minuten der Phase ändern"), "{text}");
    keys(&mut p, "x");
    assert!(p.overlay.is_none());
}

#[test]
fn templates_start_a_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("meeting");
    let mut p = editor(&dir);
    p.tab = Tab::Templates;
    keys(&mut p, "⏎");
    assert_eq!(p.plan.boards.len(), 6);
    assert_eq!(p.plan.date, date("2000-01-01"), "the date is kept");
}

/// Every tab (and the board form) at every size from tiny to large.
#[test]
fn every_screen_renders_at_every_size_without_panic() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    let sizes = [(1, 1), (10, 3), (20, 5), (40, 12), (41, 13), (80, 24), (160, 45)];
    for step in ["", "⇥", "⇥", "⏎", "⏎", "⎋⇥", "⇥", "?"] {
        keys(&mut p, step);
        for (w, h) in sizes {
            screen(&p, w, h);
        }
    }
}

#[test]
fn snapshots_in_both_languages() {
    let fx = Fixture::example();
    for lang in [Lang::De, Lang::En] {
        let mut p = editor(fx.dir());
        p.plan.lang = lang;
        // (agenda tab, minutes, fit, valid, board tab, field, speaker, edit key, save, help, quit)
        let w = match lang {
            Lang::De => (
                "▸Ablauf",
                "Min.",
                "Σ 105 Min. von 120",
                "✓ Plan gültig",
                "▸Gruppen",
                "Kennung",
                "Vortragende",
                "Enter ändern",
                "w speichern",
                "? Hilfe",
                "q beenden",
            ),
            Lang::En => (
                "▸Agenda",
                "min",
                "Σ 105 min of 120",
                "✓ plan valid",
                "▸Boards",
                "Id",
                "Speaker",
                "Enter edit",
                "w save",
                "? help",
                "q quit",
            ),
        };
        let (agenda, min, fit, valid, boards, id, speaker, edit, save, help, quit) = w;
        keys(&mut p, "⇥");
        for (w, h) in [(80, 24), (40, 12)] {
            let text = screen(&p, w, h);
            // The agenda tab, its four items with start times and lengths in
            // order, the time budget, the check, and the footer's keys.
            assert_shows(line(&text, 0), &[agenda]);
            for (row, (at, len, title)) in [
                ("15:00", "10", "Begrüßung"),
                ("15:10", "30", "Impulsvortrag"),
                ("15:40", "45", "Parallele Workshops"),
                ("16:25", "20", "Plenum"),
            ]
            .into_iter()
            .enumerate()
            {
                assert_shows(line(&text, row + 1), &[at, &format!("{len} {min}"), title]);
            }
            assert_shows(&text, &[fit, valid]);
            assert!(last_line(&text).starts_with(save), "{text}");
            assert_shows(last_line(&text), &[help, quit]);
            insta::assert_snapshot!(format!("prepare_agenda_{}_{w}x{h}", lang.code()), text);
        }
        keys(&mut p, "⇥l⏎");
        for (w, h) in [(80, 24), (40, 12)] {
            let text = screen(&p, w, h);
            // The boards tab with the keynote's form open: its title, id and
            // speaker, and the key that edits a field.
            assert_shows(line(&text, 0), &[boards]);
            assert!(line(&text, 1).starts_with("┌An einem Strang"), "{text}");
            assert_shows(&text, &[id, "keynote", speaker, "André Koch-Engelmann", valid]);
            assert_shows(last_line(&text), &[save, help, quit]);
            if w >= 80 {
                assert_shows(last_line(&text), &[edit]);
                assert_shows(&text, &["UPJ Netzwerk", "• Zusammenfassung", "• Dos", "• Don'ts"]);
            }
            insta::assert_snapshot!(format!("prepare_board_{}_{w}x{h}", lang.code()), text);
        }
    }
}

#[test]
fn run_sheet_lists_agenda_times_groups_questions_and_facilitator_lines() {
    let fx = Fixture::example();
    let dir = fx.dir().to_str().unwrap();
    let out = common::runde().args(["plan", dir, "--format", "md"]).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "# Ablaufplan: Netzwerken",
        "- 15:40   45 Min.  Parallele Workshops (Gruppen: 4)",
        "Σ Summe 105 Min. von 120",
        "## 15:40 Parallele Workshops",
        "### 2. Fallstricke und Erfolgsfaktoren [Workshop]",
        "- Leitfrage: Welche guten Erfahrungen",
        "- Moderation: ___",
    ] {
        assert!(md.contains(expected), "{expected:?} in\n{md}");
    }
    let out = common::runde().args(["plan", dir, "--format", "txt"]).output().unwrap();
    let txt = String::from_utf8(out.stdout).unwrap();
    assert!(txt.contains("Ablauf\n------"), "{txt}");
    assert!(!txt.contains("##"), "{txt}");
}

#[test]
fn new_offers_the_plan_editor_without_starting_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let out = common::runde()
        .args(["new", dir.to_str().unwrap(), "--lang", "en"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("runde prepare {}", dir.display())), "{stderr}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), dir.to_str().unwrap());
}

/// Each help line names its keys and what both do ("j/k one row down/up"),
/// never a pair of keys with the words of one of them.
#[test]
fn help_pairs_keys_with_the_words_of_both() {
    let fx = Fixture::example();
    for (lang, rows, phase, moves) in [
        (
            Lang::De,
            "j/k  eine Zeile tiefer/höher",
            "h/l  vorige/nächste Phase",
            "J/K  nach unten/oben schieben",
        ),
        (
            Lang::En,
            "j/k  one row down/up",
            "h/l  previous/next phase",
            "J/K  move down/up",
        ),
    ] {
        let mut p = editor(fx.dir());
        p.plan.lang = lang;
        keys(&mut p, "⇥⇥?");
        let text = screen(&p, 100, 40);
        assert_shows(&text, &[rows, phase, moves, "g/G"]);
        assert!(
            !text.contains("j/k  eine Zeile tiefer\n") && !text.contains("\n   k  "),
            "{text}"
        );
    }
}

/// `G`/`End` jump to the last row, `g`/`Home` back to the first: the
/// Sections of a board form, the people, the meeting form.
#[test]
fn g_and_end_jump_to_the_last_row_and_back() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    keys(&mut p, "G");
    assert_eq!(p.meeting_row, runde::app::prepare::MEETING_ROWS - 1);
    keys(&mut p, "g");
    assert_eq!(p.meeting_row, 0);
    keys(&mut p, "⇥⇥");
    while p.listed_boards().is_empty() {
        keys(&mut p, "l");
    }
    keys(&mut p, "⏎");
    let form = p.board_form.expect("a board form");
    let sections = p.plan.boards[form.board].sections.len();
    press(&mut p, KeyCode::End);
    let last = p.board_form.expect("still open").row;
    assert!(sections > 0 && last >= sections, "row {last} of {sections} sections");
    keys(&mut p, "j");
    assert_eq!(p.board_form.unwrap().row, last, "nothing below the last row");
    press(&mut p, KeyCode::Home);
    assert_eq!(p.board_form.unwrap().row, 0);
}

/// `l` past the last phase shows the boards in no phase only when there
/// are such boards — never an empty "(ohne Phase)" page.
#[test]
fn no_empty_page_of_boards_without_a_phase() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    let phases = p.plan.agenda.len();
    keys(&mut p, "⇥⇥");
    for _ in 0..phases + 3 {
        keys(&mut p, "l");
    }
    assert_eq!(p.board_phase, phases - 1, "the last page is the last phase");
    let text = screen(&p, 100, 30);
    assert!(!text.contains("(ohne Phase)"), "{text}");
}

/// A board's kind cycles both ways: `l`/→ (and Enter) to the next kind,
/// `h`/← back — a wrong press is undone with one key, not three.
#[test]
fn a_boards_kind_cycles_both_ways() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    keys(&mut p, "⇥⇥");
    while p.listed_boards().is_empty() {
        keys(&mut p, "l");
    }
    keys(&mut p, "⏎");
    let board = p.board_form.expect("a board form").board;
    while runde::app::prepare::board_row(p.board_form.unwrap().row) != Some(runde::app::prepare::BoardRow::Kind) {
        keys(&mut p, "j");
    }
    let start = p.plan.boards[board].kind;
    keys(&mut p, "l");
    let next = p.plan.boards[board].kind;
    assert_ne!(next, start);
    keys(&mut p, "h");
    assert_eq!(p.plan.boards[board].kind, start, "h undoes l");
    keys(&mut p, "h");
    let before = p.plan.boards[board].kind;
    assert_ne!(before, start);
    keys(&mut p, "⏎");
    assert_eq!(p.plan.boards[board].kind, start, "Enter steps forward like l");
}

/// A meeting date before today (a copied plan's) is pointed out on the
/// meeting form, in the plan's language; today's date or a later one is not.
#[test]
fn a_meeting_date_in_the_past_is_pointed_out() {
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    // The runtime gave today's date; the example meets on 2021-10-05.
    assert!(p.today.is_some_and(|t| t > p.plan.date));
    for (lang, words) in [(Lang::De, "liegt in der Vergangenheit"), (Lang::En, "is in the past")] {
        p.plan.lang = lang;
        let text = screen(&p, 100, 30);
        let row = text.lines().find(|l| l.contains("2021-10-05")).unwrap_or_default();
        assert!(row.contains(words), "{text}");
    }
    p.today = Some(p.plan.date);
    let text = screen(&p, 100, 30);
    assert!(!text.contains("is in the past"), "{text}");
}

/// A board's form shows the rows its kind prints: no speaker, source or
/// Dos/Don'ts table on a workshop, no guiding question or group size on a
/// keynote — but any row that holds a value stays in sight.
#[test]
fn a_boards_form_shows_the_rows_of_its_kind() {
    use runde::app::prepare::{BOARD_ROWS, BoardRow, board_row};
    let fx = Fixture::example();
    let mut p = editor(fx.dir());
    keys(&mut p, "⇥⇥");
    let open = |p: &mut PrepareRunner, id: &str| {
        keys(p, "⎋");
        let phases = p.plan.agenda.len();
        for _ in 0..phases {
            keys(p, "h");
        }
        for _ in 0..phases {
            let listed = p.listed_boards();
            if let Some(at) = listed.iter().position(|&b| p.plan.boards[b].id == id) {
                for _ in 0..at {
                    keys(p, "j");
                }
                return keys(p, "⏎");
            }
            keys(p, "l");
        }
        panic!("no board {id}");
    };
    // Every row the cursor reaches, from the top with j.
    let rows_reached = |p: &mut PrepareRunner| {
        keys(p, "g");
        let mut seen = vec![p.board_form.unwrap().row];
        loop {
            keys(p, "j");
            let row = p.board_form.unwrap().row;
            if seen.last() == Some(&row) {
                return seen;
            }
            seen.push(row);
        }
    };
    let (speaker, question) = ("Vortragende", "Leitfrage");
    {
        open(&mut p, "methods");
        let text = screen(&p, 100, 40);
        assert!(!text.contains(speaker) && !text.contains("Tabelle"), "{text}");
        assert!(text.contains(question), "{text}");
        let reached = rows_reached(&mut p);
        assert!(!reached.iter().any(|&r| board_row(r) == Some(BoardRow::Speaker)));
        assert!(reached.iter().any(|&r| r >= BOARD_ROWS), "the sections are reached");
        open(&mut p, "keynote");
        let text = screen(&p, 100, 40);
        assert!(text.contains(speaker) && text.contains("Tabelle"), "{text}");
        let reached = rows_reached(&mut p);
        assert!(!reached.iter().any(|&r| board_row(r) == Some(BoardRow::Participants)));
    }
    // A value in a row the kind does not print is not hidden.
    let methods = p.plan.boards.iter().position(|b| b.id == "methods").unwrap();
    p.plan.boards[methods].speaker = Some("Frau Beispiel".into());
    open(&mut p, "methods");
    let text = screen(&p, 100, 40);
    assert!(text.contains("Frau Beispiel"), "{text}");
}
