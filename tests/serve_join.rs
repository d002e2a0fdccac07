//! What the facilitator's join card tells guests works as typed, end to
//! end over loopback: a real `runde serve`, the card rendered for its
//! address, and every `ssh -p PORT USER@HOST` line on it logged in with a
//! russh client — `join@` reaches the board picker, each group's line
//! reaches the group whose title stands beside it. A guest on SSH is told
//! to ask the facilitator about a plan conflict, never to run `runde`.
//! Every wait is bounded and the server is killed by PID when a test ends.
mod common;
#[path = "common/ssh.rs"]
mod ssh;

use std::net::{IpAddr, SocketAddr};
use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use runde::runtime::Runner;
use ssh::{CODE, Server, Term, WAIT};

fn start(dir: &Path) -> Server {
    Server::start(Path::new(env!("CARGO_BIN_EXE_runde")), dir, &[], &[])
}

/// The facilitator's join card for a server on `addr`, as text.
fn join_card(dir: &Path, addr: SocketAddr) -> String {
    let session = runde::store::Session::open(dir).unwrap();
    let mut view = Runner::facilitator(session, None);
    view.config_mut().join = Some(runde::serve::join_info(addr, CODE, "SHA256:test"));
    view.handle_key(KeyEvent::new(KeyCode::Char('J'), KeyModifiers::NONE));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| f.render_widget(&*view, f.area())).unwrap();
    let buf = terminal.backend().buffer().clone();
    (0..30)
        .map(|y| (0..100).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

/// One `ssh -p PORT USER@HOST` line of the card, split as a shell would,
/// with the words beside it.
struct Shown {
    user: String,
    target: SocketAddr,
    beside: String,
}

fn shown_lines(card: &str) -> Vec<Shown> {
    card.lines()
        .filter_map(|line| {
            let at = line.find("ssh -p ")?;
            let words: Vec<&str> = line[at..].split_whitespace().collect();
            let port: u16 = words.get(2)?.parse().ok()?;
            let (user, host) = words.get(3)?.split_once('@')?;
            let host: IpAddr = host.trim_end_matches('│').parse().ok()?;
            Some(Shown {
                user: user.to_string(),
                target: SocketAddr::new(host, port),
                beside: line[..at]
                    .trim_matches(|c: char| c == '│' || c.is_whitespace())
                    .to_string(),
            })
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_ssh_line_on_the_join_card_is_accepted_and_reaches_its_group() {
    let (_tmp, dir) = common::new_session("kompetenznetzwerk", "en");
    let server = start(&dir);
    let card = join_card(&dir, server.addr);
    let lines = shown_lines(&card);
    let plan = runde::store::Session::open(&dir).unwrap().plan().clone();
    // The key findings are the facilitator's: no line for guests.
    let groups = plan
        .boards
        .iter()
        .filter(|b| runde::app::join::guest_may_write(b))
        .count();
    assert!(groups < plan.boards.len());
    assert!(lines.len() > groups, "the picker line and one per group:\n{card}");
    assert!(!card.contains("findings@"), "{card}");
    let source = IpAddr::from([127, 0, 0, 1]);
    for (i, shown) in lines.iter().enumerate() {
        let term = Term::open(source, shown.target, &shown.user, (100, 30))
            .await
            .unwrap_or_else(|e| panic!("{}@{}: {e}\n{card}", shown.user, shown.target));
        let wanted = match plan.boards.iter().find(|b| b.id == shown.user) {
            // The title beside the line is the group's, and the line opens it.
            Some(board) => {
                assert_eq!(shown.beside, board.title, "{card}");
                board.title.clone()
            }
            None => {
                assert_eq!(shown.user, "join", "{card}");
                "Choose".to_string()
            }
        };
        assert!(
            term.log_in_as(&format!("Guest{i}"), &wanted).await,
            "{}@{} shows {wanted:?}:\n{}",
            shown.user,
            shown.target,
            term.contents()
        );
        let _ = term.handle.disconnect(russh::Disconnect::ByApplication, "", "").await;
    }
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guest_on_ssh_is_told_to_ask_the_facilitator_about_a_plan_conflict() {
    let (_tmp, dir) = common::new_session("kompetenznetzwerk", "en");
    let server = start(&dir);
    let plan = runde::store::Session::open(&dir).unwrap().plan().clone();
    let board = plan.boards.first().expect("a board");
    let term = Term::open(IpAddr::from([127, 0, 0, 1]), server.addr, &board.id, (140, 30))
        .await
        .expect("logs in");
    assert!(term.log_in_as("Selin", &board.title).await, "{}", term.contents());
    std::fs::copy(
        dir.join("session.json"),
        dir.join("session (conflicted copy 2026-11-29 120000).json"),
    )
    .unwrap();
    assert!(term.shows("tell the facilitator", WAIT).await, "{}", term.contents());
    assert!(!term.contents().contains("runde plan"), "{}", term.contents());
    drop(server);
}

/// `runde serve`'s banner, up to its projector line, and the server.
fn serve_banner(dir: &Path, config: &Path) -> (common::Bounded, Vec<String>) {
    let mut child = common::serve_command(dir, CODE, config, &config.join("state"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("runde serve starts");
    let stdout = common::Lines::new(child.stdout.take().unwrap());
    let process = common::Bounded::new(child, std::time::Duration::from_secs(120), "runde serve");
    let mut banner = Vec::new();
    while let Some(line) = stdout.next_within(WAIT, "runde serve's banner") {
        let last = line.contains("projector@");
        banner.push(line);
        if last {
            break;
        }
    }
    // Keep the pipe drained.
    std::thread::spawn(move || while stdout.next_within(std::time::Duration::MAX, "").is_some() {});
    (process, banner)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_serve_banner_says_what_the_join_card_says_and_every_line_works() {
    for lang in ["en", "de"] {
        let (_tmp, dir) = common::new_session("kompetenznetzwerk", lang);
        let config = tempfile::tempdir().unwrap();
        let (server, banner) = serve_banner(&dir, config.path());
        let text = banner.join("\n");
        let addr: SocketAddr = banner[0].split_whitespace().last().unwrap().parse().unwrap();
        let plan = runde::store::Session::open(&dir).unwrap().plan().clone();
        // The header's line: the picker, and the code.
        let words = runde::i18n::join::join_strings(plan.lang);
        let join = format!("ssh -p {} join@127.0.0.1 · {} {CODE}", addr.port(), words.code);
        assert!(
            banner.iter().any(|l| l.trim() == join),
            "{lang}: no {join:?} in\n{text}"
        );
        // The host key guests are asked to confirm.
        let key = runde::serve::auth::host_key(config.path()).unwrap();
        assert!(text.contains(&runde::serve::auth::fingerprint(&key)), "{lang}:\n{text}");
        // Every group a guest writes on, by title, beside its line; not the findings.
        let lines = shown_lines(&text);
        for board in plan
            .boards
            .iter()
            .filter(|b| b.kind == runde::model::BoardKind::Workshop)
        {
            let line = lines
                .iter()
                .find(|s| s.user == board.id)
                .unwrap_or_else(|| panic!("{lang}: no line for {}:\n{text}", board.id));
            assert_eq!(line.beside, board.title, "{lang}:\n{text}");
            let term = Term::open(IpAddr::from([127, 0, 0, 1]), line.target, &line.user, (100, 30))
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", line.user));
            assert!(
                term.log_in_as("Guest", &board.title).await,
                "{lang}: {}",
                term.contents()
            );
            let _ = term.handle.disconnect(russh::Disconnect::ByApplication, "", "").await;
        }
        assert!(
            !text.contains("findings@"),
            "{lang}: a guest cannot write there:\n{text}"
        );
        drop(server);
    }
}
