//! In-process figures: loading a session (logs → folded state) and
//! exporting it, at 100, 1,000 and 10,000 notes over five boards.
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use runde::export::{self, Format};
use runde::store::Session;

fn sessions() -> Vec<(usize, tempfile::TempDir)> {
    [100, 1_000, 10_000]
        .into_iter()
        .map(|n| {
            let dir = tempfile::tempdir().expect("temp dir");
            runde::synthetic::write(dir.path(), n, 4).expect("synthetic session");
            (n, dir)
        })
        .collect()
}

fn load(c: &mut Criterion) {
    let sessions = sessions();
    let mut group = c.benchmark_group("load");
    for (n, dir) in &sessions {
        group.bench_with_input(BenchmarkId::from_parameter(n), dir.path(), |b, path| {
            b.iter(|| black_box(Session::open(path).expect("open")))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("export");
    for (n, dir) in &sessions {
        let s = Session::open(dir.path()).expect("open");
        for format in [Format::Md, Format::Html, Format::Txt, Format::Json] {
            let opts = export::Options {
                format: Some(format),
                ..Default::default()
            };
            group.bench_with_input(
                BenchmarkId::new(format!("{format:?}").to_lowercase(), n),
                &opts,
                |b, opts| b.iter(|| black_box(export::render(s.plan(), s.state(), opts).expect("render"))),
            );
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = load
}
criterion_main!(benches);
