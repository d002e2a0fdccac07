use super::*;
use crate::model::{Change, TimerOp};

fn event(seq: u64) -> Event {
    Event {
        seq,
        lamport: seq,
        wall_ms: 1000 + seq as i64,
        c: Change::Timer {
            board: "b".into(),
            op: TimerOp::Pause,
        },
    }
}

#[test]
fn record_round_trips_and_detects_bit_flips() {
    let line = encode_record(&event(7));
    let body = &line[..line.len() - 1];
    assert_eq!(decode_record(body).unwrap(), event(7));
    let mut flipped = body.to_vec();
    flipped[12] ^= 0x04;
    assert!(decode_record(&flipped).is_err());
    assert!(decode_record(&body[..body.len() - 3]).is_err());
}

fn file_with(records: usize) -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let mut w = LogWriter::create(dir.path(), None, 0).unwrap();
    for s in 1..=records as u64 {
        w.append(&event(s)).unwrap();
    }
    let path = dir.path().join(w.file_name());
    let bytes = std::fs::read(&path).unwrap();
    (dir, path, bytes)
}

fn read_all(dir: &Path) -> Result<(usize, Vec<TornTail>)> {
    let mut r = LogReader::new(dir.to_path_buf());
    let n = r.poll()?.len();
    Ok((n, r.torn_tails()))
}

#[test]
fn torn_tail_at_every_byte_of_the_last_records_loads_the_prefix() {
    let (dir, path, bytes) = file_with(10);
    let line_ends: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    let first_record_end = line_ends[0];
    for cut in first_record_end..bytes.len() {
        std::fs::write(&path, &bytes[..cut]).unwrap();
        let complete = line_ends.iter().filter(|&&e| e <= cut).count() - 1;
        let (n, torn) = read_all(dir.path()).unwrap();
        assert_eq!(n, complete, "cut at {cut}");
        assert_eq!(torn.is_empty(), line_ends.contains(&cut), "cut at {cut}");
    }
}

#[test]
fn bad_last_line_is_torn_but_bad_middle_line_is_corruption() {
    let (dir, path, bytes) = file_with(5);
    let mut torn = bytes.clone();
    let len = torn.len();
    torn[len - 5] = b'X';
    std::fs::write(&path, &torn).unwrap();
    let (n, tails) = read_all(dir.path()).unwrap();
    assert_eq!((n, tails.len()), (4, 1));

    let mut corrupt = bytes.clone();
    let second_line = bytes.iter().position(|&b| b == b'\n').unwrap() + 10;
    corrupt[second_line] = b'#';
    std::fs::write(&path, &corrupt).unwrap();
    let err = read_all(dir.path()).unwrap_err().to_string();
    assert!(err.contains(":2: corrupt record"), "{err}");
}

#[test]
fn newer_log_format_is_refused() {
    let (dir, path, bytes) = file_with(1);
    let text = String::from_utf8(bytes)
        .unwrap()
        .replace("\"format\":1", "\"format\":9");
    std::fs::write(&path, text).unwrap();
    let err = read_all(dir.path()).unwrap_err().to_string();
    assert!(err.contains(":1: log format 9 is newer"), "{err}");
}

#[test]
fn a_torn_tail_is_read_once_not_on_every_poll() {
    let (dir, path, mut bytes) = file_with(3);
    bytes.extend(std::iter::repeat_n(b'x', 100_000));
    std::fs::write(&path, &bytes).unwrap();
    let mut r = LogReader::new(dir.path().to_path_buf());
    assert_eq!(r.poll().unwrap().len(), 3);
    let first = r.bytes_read();
    for _ in 0..10 {
        r.poll().unwrap();
    }
    assert_eq!(r.bytes_read(), first, "the torn tail was read again");
    assert_eq!(r.torn_tails().len(), 1);
}

#[test]
fn a_line_longer_than_the_limit_is_reported_and_the_file_skipped_from_there() {
    let (dir, path, mut bytes) = file_with(2);
    bytes.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES * 3));
    std::fs::write(&path, &bytes).unwrap();
    let mut r = LogReader::new(dir.path().to_path_buf());
    assert_eq!(r.poll().unwrap().len(), 2);
    let rejected = r.rejected();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].line, 4);
    assert!(r.bytes_read() < 3 * MAX_RECORD_BYTES as u64, "read {}", r.bytes_read());
}

#[test]
fn a_log_that_vanished_after_listing_is_skipped_and_read_next_round() {
    let (dir, path, _) = file_with(2);
    let aside = dir.path().join(".syncthing.tmp");
    std::fs::rename(&path, &aside).unwrap();
    let mut cursor = Cursor::default();
    let mut count = 0;
    read_new(&path, &mut cursor, &mut |_, _| count += 1).unwrap();
    assert_eq!((count, cursor.offset), (0, 0));
    std::fs::rename(&aside, &path).unwrap();
    read_new(&path, &mut cursor, &mut |_, _| count += 1).unwrap();
    assert_eq!(count, 2);
}

#[test]
fn conflict_copies_and_engine_files_are_not_read_as_logs() {
    let (dir, path, bytes) = file_with(2);
    let mut longer = bytes.clone();
    longer.extend_from_slice(&encode_record(&event(3)));
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    for name in [
        format!("{stem}.sync-conflict-20260101-120000-ABCDEFG.jsonl"),
        format!("{stem} (conflicted copy 2026-01-01 120000).jsonl"),
        format!("{stem}_conflict-20260101-120000.jsonl"),
        format!("~syncthing~{stem}.jsonl.tmp"),
    ] {
        std::fs::write(dir.path().join(name), &longer).unwrap();
    }
    std::fs::create_dir(dir.path().join(".stversions")).unwrap();
    std::fs::write(dir.path().join(".stfolder"), "").unwrap();
    let (n, _) = read_all(dir.path()).unwrap();
    assert_eq!(n, 2);
}

#[test]
fn incremental_reads_pick_up_appends_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = LogWriter::create(dir.path(), None, 0).unwrap();
    let mut r = LogReader::new(dir.path().to_path_buf());
    w.append(&event(1)).unwrap();
    assert_eq!(r.poll().unwrap().len(), 1);
    assert_eq!(r.poll().unwrap().len(), 0);
    w.append(&event(2)).unwrap();
    w.append(&event(3)).unwrap();
    assert_eq!(r.poll().unwrap().len(), 2);
}
