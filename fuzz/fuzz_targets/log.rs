//! Fuzzes the log reader: any file content, no panic, file unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("fuzz.jsonl");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let mut reader = runde::store::log::LogReader::new(dir.path().to_path_buf());
    let _ = reader.poll();
    assert_eq!(std::fs::read(&path).ok().as_deref(), Some(data));
});
