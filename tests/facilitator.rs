//! Scenario tests of the facilitator's projector view on a TestBackend
//! with a fake clock: timers, live notes, broadcasts, signals, present and
//! merged modes, in German and English, at several sizes.
#[path = "common/tui.rs"]
mod tui;

use ratatui::crossterm::event::KeyCode;
use runde::app::{Action, FacMode, Screen};
use runde::clock::Clock;
use runde::model::{Lang, Signal};
use tui::*;

fn in_workshops(fx: &Fixture, lang: Option<Lang>) -> runde::runtime::Runner {
    let mut app = fx.facilitator(lang);
    for _ in 0..3 {
        app.handle_key(key('n'));
    }
    assert_eq!(app.state().phase(), Some("workshops"));
    app
}

#[test]
fn start_all_then_ten_minutes_later_every_group_shows_35_minutes() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('S'));
    fx.clock.advance_secs(600);
    app.update(Action::Tick);
    let text = screen(&app, 160, 45);
    assert_eq!(text.matches("▶ läuft").count(), 4, "{text}");
    let other = fx.session();
    for b in ["methods", "success", "continuity", "actors"] {
        let t = other.state().timer(b);
        assert_eq!(
            t.remaining_ms(fx.clock.now_ms()),
            35 * 60_000,
            "{b}: the store holds the same facts"
        );
    }
    insta::assert_snapshot!("fac_de_160x45_running", text);
    let small = screen(&app, 80, 24);
    // Four numbered tiles, each running, with its note count; the footer's keys.
    assert_eq!(small.matches("▶ läuft").count(), 4, "{small}");
    assert_shows(
        &small,
        &[
            "1 Methoden & Formate",
            "4 Akteure und Funktionen",
            "8 Notizen",
            "6 Notizen",
        ],
    );
    assert_shows(
        last_line(&small),
        &["n/N Phase", "p präsentieren", "? Hilfe", "q beenden"],
    );
    insta::assert_snapshot!("fac_de_80x24_running", small);
    let tiny = screen(&app, 20, 5);
    // One line per group with its time left; the help key stays.
    assert_eq!(tiny.matches("▶ 35:00").count(), 4, "{tiny}");
    assert_eq!(last_line(&tiny), "? Hilfe  q beenden");
    insta::assert_snapshot!("fac_de_20x5", tiny);
}

#[test]
fn pause_one_extend_one_and_run_over_time() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('S'));
    fx.clock.advance_secs(60);
    app.handle_key(key('2'));
    app.handle_key(key(' ')); // pause group 2
    app.handle_key(key('3'));
    app.handle_key(key('+'));
    app.handle_key(key('5')); // +5 on group 3
    fx.clock.advance_secs(46 * 60);
    app.update(Action::Tick);
    let s = app.state();
    let now = fx.clock.now_ms();
    assert_eq!(
        s.timer("success").remaining_ms(now),
        44 * 60_000,
        "paused after one minute"
    );
    assert_eq!(
        s.timer("continuity").remaining_ms(now),
        3 * 60_000,
        "50 minutes in total"
    );
    assert_eq!(s.timer("methods").remaining_ms(now), -2 * 60_000);
    assert!(app.take_bell(), "a group reached zero");
    let text = screen(&app, 160, 45);
    assert!(text.contains("⚠ überzogen"), "{text}");
    assert!(text.contains("⏸ pausiert"), "{text}");
    insta::assert_snapshot!("fac_de_160x45_over_paused", text);
}

#[test]
fn all_modifier_extends_every_group() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('S'));
    app.handle_key(key('a'));
    app.handle_key(key('-'));
    let s = app.state();
    for b in ["methods", "success", "continuity", "actors"] {
        assert_eq!(s.timer(b).total_ms(), 44 * 60_000, "{b}");
    }
}

#[test]
fn a_note_from_another_process_appears_on_its_tile() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    let mut other = fx.session();
    other
        .add_note(
            "actors",
            None,
            "Quartiersbüro als Anlaufstelle",
            Default::default(),
            false,
        )
        .unwrap();
    assert!(app.update(Action::StoreChanged));
    let text = screen(&app, 160, 45);
    assert!(text.contains("• Quartiersbüro als Anlaufstelle"), "{text}");
    assert!(text.contains("9 Notizen"), "{text}");
}

#[test]
fn broadcast_typed_in_the_view_reaches_the_store() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('b'));
    typ(&mut app, "Noch 5 Minuten");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(
        fx.session().state().latest_broadcast(Some("methods")).unwrap().text,
        "Noch 5 Minuten"
    );
    let text = screen(&app, 120, 40);
    assert!(text.contains("» Durchsage: Noch 5 Minuten  (15:00)"), "{text}");
}

#[test]
fn a_signal_shows_on_the_tile_until_acknowledged() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    fx.session().signal("continuity", Signal::NeedTime).unwrap();
    app.update(Action::StoreChanged);
    assert!(screen(&app, 120, 40).contains("⚑ braucht Zeit"));
    app.handle_key(key('3'));
    app.handle_key(code(KeyCode::Enter));
    assert!(!screen(&app, 120, 40).contains("⚑"));
    assert!(fx.session().state().signal("continuity").is_none());
}

#[test]
fn present_and_merged_modes_and_copy_to_findings() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, Some(Lang::En));
    app.handle_key(key('2'));
    app.handle_key(key('p'));
    assert!(matches!(&app.screen, Screen::Facilitator(f) if f.mode == FacMode::Present("success".into())));
    let text = screen(&app, 160, 45);
    assert!(
        text.contains("Erfolgsfaktoren (3)") && text.contains("Fallstricke (4)"),
        "{text}"
    );
    insta::assert_snapshot!("fac_en_160x45_present", text);
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(key('j'));
    app.handle_key(key('f'));
    let findings = fx
        .session()
        .state()
        .notes_in("findings", "notes")
        .iter()
        .map(|n| n.text.clone())
        .collect::<Vec<_>>();
    assert!(
        findings
            .last()
            .unwrap()
            .starts_with("Häufige und unerwartete Personalwechsel"),
        "{findings:?}"
    );
    app.handle_key(key('m'));
    let text = screen(&app, 160, 45);
    // All four boards side by side with their counts, the group's sections
    // as headings, the copy confirmed, and the merged view's keys.
    assert_in_order(
        line(&text, 2),
        &[
            "Methoden & Formate (8)",
            "(7)",
            "Verstetigung (6)",
            "Akteure und Funktionen (8)",
        ],
    );
    assert_shows(
        &text,
        &["▸ Erfolgsfaktoren", "▸ Fallstricke", "Copied to Zentrale Erkenntnisse"],
    );
    assert_shows(last_line(&text), &["f → findings", "Esc back"]);
    insta::assert_snapshot!("fac_en_160x45_merged", text);
    app.handle_key(code(KeyCode::Esc));
    assert!(matches!(&app.screen, Screen::Facilitator(f) if f.mode == FacMode::Grid));
}

#[test]
fn english_ui_and_tiny_terminal() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, Some(Lang::En));
    app.handle_key(key('S'));
    fx.clock.advance_secs(90);
    app.update(Action::Tick);
    for (w, h) in [(80, 24), (160, 45)] {
        let text = screen(&app, w, h);
        // English words on every tile and in the footer; the clock a minute
        // and a half in.
        assert_eq!(text.matches("▶ running").count(), 4, "{text}");
        assert_shows(
            &text,
            &["8 notes", "7 notes", "6 notes", "› ▶ Parallele Workshops 45′ (1′)"],
        );
        assert_shows(line(&text, 0), &["15:01"]);
        // The footer in order of use: at 80 columns the phases and the
        // plenary's keys, with room also starting all groups.
        let footer: &[&str] = if w == 80 {
            &["Space start/pause", "n/N phase", "p present", "? help", "q quit"]
        } else {
            &[
                "p present",
                "m merged",
                "S start all",
                "P pause all",
                "? help",
                "q quit",
            ]
        };
        assert_shows(last_line(&text), footer);
        insta::assert_snapshot!(format!("fac_en_{w}x{h}_running"), text);
    }
    let tiny = screen(&app, 20, 5);
    assert!(tiny.contains("43:30"), "{tiny}");
    insta::assert_snapshot!("fac_en_20x5", tiny);
}

#[test]
fn help_comes_from_the_binding_table_and_quit_asks_while_timers_run() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('?'));
    let text = screen(&app, 100, 40);
    for b in runde::app::keys::FACILITATOR.iter().filter(|b| !b.shown.is_empty()) {
        assert!(text.contains(b.shown), "help lists {}", b.shown);
    }
    app.handle_key(key('x'));
    app.handle_key(key('S'));
    app.handle_key(key('q'));
    assert!(!app.quit(), "asks first");
    assert!(screen(&app, 100, 40).contains("Beenden? (j/n)"));
    app.handle_key(key('n'));
    assert!(!app.quit());
    app.handle_key(key('q'));
    app.handle_key(key('y'));
    assert!(app.quit());
}

#[test]
fn welcome_phase_without_groups_shows_the_phase_clock() {
    let fx = Fixture::example();
    let mut app = fx.facilitator(None);
    app.handle_key(key('n'));
    fx.clock.advance_secs(125);
    app.update(Action::Tick);
    let text = screen(&app, 120, 40);
    assert!(text.contains("Begrüßung") && text.contains("geplant 10′"), "{text}");
    assert!(text.contains("Keine Gruppen in dieser Phase"), "{text}");
}

#[test]
fn a_system_clock_jump_is_reported_and_the_countdown_stays_steady() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    let system = runde::clock::FakeClock::at(fx.clock.now_ms());
    app.compare_with(std::sync::Arc::new(system.clone()));
    app.handle_key(key('S'));
    fx.clock.advance_secs(60);
    system.advance_secs(60);
    app.update(Action::Tick);
    let remaining = |app: &runde::runtime::Runner| app.state().timer("methods").remaining_ms(app.display_ms());
    assert_eq!(remaining(&app), 44 * 60_000);
    assert!(!screen(&app, 120, 40).contains("gesprungen"));
    system.advance_secs(-3600); // an NTP step back by an hour
    fx.clock.advance_secs(1);
    app.update(Action::Tick);
    let after = screen(&app, 120, 40);
    assert!(
        after.contains("Systemuhr ist gesprungen") && after.contains("-3601 s"),
        "{after}"
    );
    assert_eq!(remaining(&app), 44 * 60_000 - 1000, "the countdown keeps going");
    fx.clock.advance_secs(1);
    system.advance_secs(1);
    app.update(Action::Tick);
    assert!(
        screen(&app, 120, 40).contains("Systemuhr ist gesprungen"),
        "reported once, kept until replaced"
    );
}

#[test]
fn a_two_line_paste_into_the_broadcast_prompt_is_one_broadcast_and_nothing_else() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('b'));
    app.handle_event(ratatui::crossterm::event::Event::Paste(
        "Noch 5 Minuten\rdann ins Plenum\nnSa+".into(),
    ));
    assert_eq!(
        app.input().expect("prompt open").area.lines(),
        ["Noch 5 Minuten dann ins Plenum nSa+"]
    );
    app.handle_key(code(KeyCode::Enter));
    let s = fx.session();
    assert_eq!(
        s.state().latest_broadcast(None).unwrap().text,
        "Noch 5 Minuten dann ins Plenum nSa+"
    );
    assert_eq!(s.state().phase(), Some("workshops"), "no phase change");
    for board in ["methods", "continuity", "actors", "success"] {
        assert!(!s.state().timer(board).is_running(), "{board}: no timer started");
    }
    let Screen::Facilitator(f) = &app.screen else { panic!() };
    assert!(!f.all_armed, "`all` not armed");
}

#[test]
fn a_paste_outside_the_broadcast_prompt_is_ignored_with_a_hint() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_event(ratatui::crossterm::event::Event::Paste("n\rS".into()));
    assert_eq!(fx.session().state().phase(), Some("workshops"));
    assert!(screen(&app, 120, 40).contains("Einfügen"));
}

#[test]
fn a_broadcast_typed_on_a_full_disk_keeps_its_text() {
    use runde::store::log::IoStep;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    let full = Arc::new(AtomicBool::new(true));
    let on = full.clone();
    app.set_fault_injector(Some(Arc::new(move |step| {
        (step == IoStep::Write && on.load(Ordering::SeqCst))
            .then(|| std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device"))
    })));
    app.handle_key(key('b'));
    typ(&mut app, "Bitte zurück ins Plenum");
    app.handle_key(code(KeyCode::Enter));
    let input = app.input().expect("the prompt stays open with the text");
    assert_eq!(input.area.lines(), ["Bitte zurück ins Plenum"]);
    let message = &app.message().as_ref().expect("the failure is shown").text;
    assert!(message.contains("No space left"), "{message}");
    full.store(false, Ordering::SeqCst);
    app.handle_key(code(KeyCode::Enter));
    assert!(app.input().is_none());
    assert_eq!(
        fx.session().state().latest_broadcast(None).unwrap().text,
        "Bitte zurück ins Plenum"
    );
}

#[test]
fn retrying_a_broadcast_on_a_full_disk_leaves_no_empty_log_files() {
    let (_t, dir) = tui_session();
    let log = dir.join("log");
    let before = std::fs::read_dir(&log).unwrap().count();
    let bin = assert_cmd::cargo::cargo_bin("runde");
    for _ in 0..3 {
        // A file size limit of 0 makes every write fail, as a full disk does
        // (EFBIG instead of ENOSPC); SIGXFSZ ignored so the write just fails.
        let out = assert_cmd::Command::new("sh")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 0; exec \"$0\" say \"$1\" Pause")
            .arg(&bin)
            .arg(&dir)
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .unwrap();
        assert!(!out.status.success(), "the write must fail");
    }
    let after = std::fs::read_dir(&log).unwrap().count();
    assert_eq!(after, before, "no empty log file per retry");
}

fn tui_session() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("example");
    std::fs::create_dir_all(&dir).unwrap();
    runde::example::write_to(&dir).unwrap();
    (tmp, dir)
}

/// A command that does not fit the session is refused in the view's
/// language (issue 13: rule errors are words, not English strings).
#[test]
fn a_refused_phase_step_is_explained_in_the_sessions_language() {
    let fx = Fixture::example();
    let plan_path = fx.dir().join("session.json");
    let mut plan: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan_path).unwrap()).unwrap();
    plan.as_object_mut().unwrap().remove("agenda");
    std::fs::write(&plan_path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    let mut de = fx.facilitator(Some(Lang::De));
    de.handle_key(key('n'));
    let text = screen(&de, 160, 45);
    assert!(text.contains("der Plan hat keine Agenda"), "{text}");
    let mut en = fx.facilitator(Some(Lang::En));
    en.handle_key(key('n'));
    let text = screen(&en, 160, 45);
    assert!(text.contains("the plan has no agenda"), "{text}");
}

#[test]
fn the_header_writes_the_date_as_the_view_language_does() {
    let fx = Fixture::example();
    let german = screen(&fx.facilitator(Some(Lang::De)), 200, 30);
    assert_shows(line(&german, 0), &["05. Oktober 2021"]);
    assert!(!german.contains("2021-10-05"), "{german}");
    let english = screen(&fx.facilitator(Some(Lang::En)), 200, 30);
    assert_shows(line(&english, 0), &["5 October 2021"]);
    assert!(!english.contains("2021-10-05"), "{english}");
}

/// A server's join data as `facilitate --serve` hands it in.
fn join_info() -> runde::app::JoinInfo {
    runde::app::JoinInfo {
        hosts: vec!["192.168.1.20".into(), "10.0.0.5".into()],
        port: 2622,
        code: "424242".into(),
        fingerprint: "SHA256:Ue9m0aWw3bq1jcJ8zq4n0xQyVtZ4f3kLr7PpB2sYc1E".into(),
    }
}

/// The `ssh …` commands on a screen, each as the words a shell would pass on.
fn ssh_lines(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|l| l.find("ssh -").map(|at| &l[at..]))
        .map(|l| {
            l.split_whitespace()
                .take_while(|w| !w.starts_with('·') && !w.starts_with('│'))
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn the_join_card_shows_one_working_line_the_code_the_host_key_and_each_group_by_title() {
    for (lang, code_label, key_words, close) in [
        (Lang::De, "Zugangscode", "Host-Schlüssel", "jede Taste schließt"),
        (Lang::En, "Join code", "host key", "any key closes"),
    ] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        app.config_mut().join = Some(join_info());
        // The header names the line that works as typed, never `<a|b>@host`.
        let top = screen(&app, 160, 45);
        let header = top.lines().next().unwrap_or_default();
        assert!(
            header.contains("ssh -p 2622 join@192.168.1.20") && header.contains("424242"),
            "{header}"
        );
        assert!(!header.contains('<') && !header.contains('|'), "{header}");
        app.handle_key(key('J'));
        for (w, h) in [(80, 24), (160, 45)] {
            let card = screen(&app, w, h);
            assert_shows(&card, &[code_label, key_words, join_info().fingerprint.as_str(), close]);
            // In the order OpenSSH asks: the host key, then the code.
            let at = |needle: &str| card.find(needle).unwrap_or(usize::MAX);
            assert!(at(join_info().fingerprint.as_str()) < at(code_label), "{card}");
            let lines = ssh_lines(&card);
            // Every command is plain words: user@host, no placeholder a shell would read.
            for words in &lines {
                assert!(
                    words.len() == 4 && words[1] == "-p" && words[2] == "2622",
                    "{words:?}\n{card}"
                );
                assert!(
                    words[3]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "@.-_".contains(c)),
                    "{words:?}"
                );
            }
            // Each group: its title beside the command that opens it.
            for board in app.groups() {
                let wanted = format!("ssh -p 2622 {}@192.168.1.20", board.id);
                assert!(
                    card.lines().any(|l| l.contains(&board.title) && l.contains(&wanted)),
                    "{} / {wanted}:\n{card}",
                    board.title
                );
            }
            // The second address, and the picker line at 80 columns in words.
            assert!(card.contains("ssh -p 2622 join@10.0.0.5"), "{card}");
            if w == 80 {
                assert!(card.contains("ssh -p 2622 join@192.168.1.20"), "{card}");
            } else {
                assert!(card.contains('█'), "large letters on the projector: {card}");
            }
            insta::assert_snapshot!(format!("join_card_{lang:?}_{w}x{h}").to_lowercase(), card);
        }
        app.handle_key(key('x'));
        assert!(app.overlay().is_none(), "any key closes the card");
    }
}

#[test]
fn help_shows_how_to_join_and_the_host_key_while_a_server_runs() {
    for (lang, key_words) in [(Lang::De, "Host-Schlüssel"), (Lang::En, "host key")] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        app.handle_key(key('?'));
        let plain = help_rows(&screen(&app, 160, 45));
        assert!(
            !plain.iter().any(|r| r.contains("SHA256:")),
            "no server, no key: {plain:?}"
        );
        assert!(plain.iter().any(|r| r.starts_with("J ")), "J is in the help: {plain:?}");
        app.handle_key(code(KeyCode::Esc));
        app.config_mut().join = Some(join_info());
        app.handle_key(key('?'));
        let rows = help_rows(&screen(&app, 160, 45));
        let fingerprint = join_info().fingerprint;
        assert!(
            rows.iter()
                .any(|r| r.starts_with(key_words) && r.ends_with(&fingerprint)),
            "{rows:?}"
        );
        assert!(
            rows.iter().any(|r| r.ends_with("ssh -p 2622 join@192.168.1.20")),
            "{rows:?}"
        );
        assert!(rows.iter().any(|r| r.ends_with("424242")), "{rows:?}");
    }
}

#[test]
fn the_join_card_without_a_server_says_how_to_start_one() {
    for lang in [Lang::De, Lang::En] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        app.handle_key(key('J'));
        let card = screen(&app, 80, 24);
        assert_shows(&card, &["runde facilitate --serve"]);
        assert!(!card.contains("ssh -p"), "{card}");
    }
}

/// The projector shows every broadcast in force — the one to everyone and
/// each group's own — each with its end time when it expires.
#[test]
fn the_projector_shows_every_active_broadcast_with_its_end() {
    for (lang, until) in [(Lang::De, "bis 15:10"), (Lang::En, "until 15:10")] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        app.handle_key(key('b'));
        typ(&mut app, "Kaffee steht bereit");
        app.handle_key(code(KeyCode::Enter));
        app.handle_key(key('2'));
        app.handle_key(key('B'));
        typ(&mut app, "Bitte zum Ende kommen");
        app.handle_key(code(KeyCode::Enter));
        let text = screen(&app, 200, 45);
        let shown = text.lines().find(|l| l.contains("»")).unwrap_or_default();
        assert_in_order(
            shown,
            &[
                "Kaffee steht bereit",
                "Fallstricke und Erfolgsfaktoren",
                "Bitte zum Ende kommen",
            ],
        );
        // Ending the workshops says so for ten minutes, with its end.
        app.handle_key(key('S'));
        app.handle_key(key('n'));
        app.handle_key(code(KeyCode::Enter));
        let text = screen(&app, 200, 45);
        assert!(text.contains(until), "{text}");
    }
}

/// A tile counts its notes in words that agree with the number: "1 note",
/// "2 notes", "1 Notiz", "2 Notizen" (the rehearsal saw "1 notes").
#[test]
fn a_tile_counts_one_note_in_the_singular() {
    for (lang, one, two) in [(Lang::En, "1 note", "2 notes"), (Lang::De, "1 Notiz", "2 Notizen")] {
        let fx = Fixture::example();
        let mut s = fx.session();
        let ids = fx.note_ids("methods");
        for id in &ids[2..] {
            s.delete_note(id).unwrap();
        }
        let mut fac = in_workshops(&fx, Some(lang));
        fac.update(Action::StoreChanged);
        let text = screen(&fac, 140, 40);
        assert!(text.contains(&format!(" · {two}")), "{text}");
        s.delete_note(&ids[1]).unwrap();
        fac.update(Action::StoreChanged);
        let text = screen(&fac, 140, 40);
        assert!(
            text.contains(&format!(" · {one} ")) || text.contains(&format!(" · {one}\n")),
            "{text}"
        );
        assert!(
            !text.contains(&format!(" · {one}s")) && !text.contains(&format!(" · {one}en")),
            "{text}"
        );
    }
}

/// A broadcast that fits the projector's line without its time is shown
/// whole, without the time — never cut with "…" when only the "(15:00)"
/// did not fit (the rehearsal saw "…named.…").
#[test]
fn a_broadcast_that_fits_without_its_time_is_never_cut() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, Some(Lang::De));
    let prefix = " » Durchsage: ";
    // Fits 120 columns by itself; with "  (15:00)" it would not.
    let text = format!(
        "{} Schluss.",
        "x".repeat(120 - prefix.chars().count() - " Schluss.".len() - 2)
    );
    app.handle_key(key('b'));
    typ(&mut app, &text);
    app.handle_key(code(KeyCode::Enter));
    let screen = screen(&app, 120, 20);
    let line = screen.lines().find(|l| l.contains("Durchsage")).unwrap_or_default();
    assert!(line.ends_with("Schluss."), "{line}");
    assert!(!line.contains('…'), "{line}");
}
