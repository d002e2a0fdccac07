//! Times loading a synthetic session (used while profiling).
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "/tmp/syn/s10k".into()));
    if !dir.exists() {
        runde::synthetic::write(&dir, 10_000, 4).unwrap();
    }
    let iterations: usize = std::env::var("LOAD_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    for _ in 0..iterations {
        let t = std::time::Instant::now();
        let s = runde::store::Session::open(&dir).unwrap();
        eprintln!("{:?} {}", t.elapsed(), s.state().live_notes().count());
    }
}
