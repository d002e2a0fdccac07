//! In-process figures of the views: one key press plus a full frame on a
//! 120x40 TestBackend, with 100, 1,000 and 10,000 notes on the board.
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use runde::runtime::Runner;
use runde::store::Session;

fn board_session(notes: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    runde::synthetic::write(dir.path(), notes, 1).expect("synthetic session");
    dir
}

fn key_to_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_to_frame");
    for n in [100, 1_000, 10_000] {
        let dir = board_session(n);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let session = Session::open(dir.path()).expect("open");
        let mut app = Runner::note_taker(session, Some("b1"), None).expect("app");
        let down = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        let up = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE);
        let mut flip = false;
        group.bench_with_input(BenchmarkId::new("note_cursor", n), &n, |b, _| {
            b.iter(|| {
                flip = !flip;
                app.handle_key(if flip { down } else { up });
                terminal.draw(|f| f.render_widget(app.app(), f.area())).expect("draw");
                black_box(terminal.backend().buffer().area);
            })
        });
        let mut session = Session::open(dir.path()).expect("open");
        session.set_phase(Some("work")).expect("phase");
        let mut fac = Runner::facilitator(session, None);
        group.bench_with_input(BenchmarkId::new("facilitator_tick", n), &n, |b, _| {
            b.iter(|| {
                fac.update(runde::app::Action::Tick);
                terminal.draw(|f| f.render_widget(fac.app(), f.area())).expect("draw");
            })
        });
    }
    let dir = tempfile::tempdir().expect("temp dir");
    runde::synthetic::write_on(dir.path(), 10_000, 4, 1).expect("synthetic session");
    let session = Session::open(dir.path()).expect("open");
    let mut app = Runner::note_taker(session, Some("b1"), None).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut flip = false;
    group.bench_function("note_cursor_one_board/10000", |b| {
        b.iter(|| {
            flip = !flip;
            let key = KeyEvent::new(KeyCode::Char(if flip { 'j' } else { 'k' }), KeyModifiers::NONE);
            app.handle_key(key);
            terminal.draw(|f| f.render_widget(app.app(), f.area())).expect("draw");
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2));
    targets = key_to_frame
}
criterion_main!(benches);
