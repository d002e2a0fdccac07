//! A replication simulator: two copies of one session folder kept in step
//! the way Syncthing does it (temp file, preserved mtime, delete then
//! rename, partial temp files, random order, pauses) and the way Nextcloud
//! does it (`.part` files, conflicted copies), while writers and readers
//! work on both sides. Readers must never fail, both sides must end up with
//! the same notes, and every acknowledged note must be there.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use runde::clock::SystemClock;
use runde::store::Session;

/// A small deterministic random source (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Engine {
    Syncthing,
    Nextcloud,
}

/// The readers of one side: refreshed at every step, also in the middle
/// of a file replacement; every error is counted.
struct Readers {
    sessions: Vec<Session>,
    errors: Vec<String>,
}

impl Readers {
    fn look(&mut self) {
        for s in &mut self.sessions {
            if let Err(e) = s.refresh() {
                self.errors.push(e.to_string());
            }
        }
    }
}

/// The engine's version check: a log only grows, so `src` is the newer
/// version when `dst` is missing or a shorter prefix of it.
fn is_newer(src: &Path, dst: &Path) -> bool {
    let Ok(new) = std::fs::read(src) else { return false };
    match std::fs::read(dst) {
        Ok(old) => new.len() > old.len() && new.starts_with(&old),
        Err(_) => true,
    }
}

/// Files of `sub` in `src` that `dst` lacks or has in an older version.
fn changed_files(src: &Path, dst: &Path, sub: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(src.join(sub)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".part") && !n.contains("conflicted copy"))
        .filter(|n| is_newer(&src.join(sub).join(n), &dst.join(sub).join(n)))
        .collect();
    names.sort();
    names
}

/// Copies one file the way `engine` does, letting `readers` look at every
/// intermediate state.
fn deliver(engine: Engine, from: &Path, to: &Path, readers: &mut Readers, rng: &mut Rng) {
    let bytes = std::fs::read(from).unwrap();
    let mtime = std::fs::metadata(from).unwrap().modified().unwrap();
    let dir = to.parent().unwrap();
    std::fs::create_dir_all(dir).unwrap();
    let name = to.file_name().unwrap().to_string_lossy().into_owned();
    let tmp: PathBuf = match engine {
        Engine::Syncthing => dir.join(format!(".syncthing.{name}.tmp")),
        Engine::Nextcloud => dir.join(format!("{name}.~{:x}.part", rng.below(1 << 20))),
    };
    // A partial transfer first, seen by readers.
    let half = bytes.len() / 2;
    std::fs::write(&tmp, &bytes[..half]).unwrap();
    readers.look();
    std::fs::write(&tmp, &bytes).unwrap();
    let file = std::fs::File::options().write(true).open(&tmp).unwrap();
    file.set_modified(mtime).unwrap();
    drop(file);
    if engine == Engine::Syncthing && to.exists() {
        // Syncthing deletes the old version, then renames the new one in.
        std::fs::remove_file(to).unwrap();
        readers.look();
    }
    std::fs::rename(&tmp, to).unwrap();
    if engine == Engine::Nextcloud && rng.below(4) == 0 {
        // A conflicted copy with a note that exists nowhere else.
        let copy = dir.join(format!(
            "{} (conflicted copy 2026-11-29 120000).jsonl",
            name.trim_end_matches(".jsonl")
        ));
        let mut stale = bytes.clone();
        stale.extend_from_slice(&ghost_record());
        std::fs::write(copy, stale).unwrap();
    }
}

/// A valid record of a note that no writer acknowledged.
fn ghost_record() -> Vec<u8> {
    use runde::model::event::NewNote;
    use runde::model::{Change, Event};
    runde::store::log::encode_record(&Event {
        seq: 999_999,
        lamport: 1,
        wall_ms: 0,
        c: Change::NoteAdded(NewNote {
            id: "ghost".into(),
            board: "continuity".into(),
            section: "notes".into(),
            text: "ghost".into(),
            kind: Default::default(),
            starred: false,
            by: None,
            pos: "a".into(),
            origin: None,
            sources: Vec::new(),
            lang: None,
        }),
    })
}

/// One replication round from `src` to `dst`: a random subset of the
/// changed files, in random order (the rest waits: a pause).
fn replicate(engine: Engine, src: &Path, dst: &Path, readers: &mut Readers, rng: &mut Rng, all: bool) -> usize {
    let mut names = changed_files(src, dst, "log");
    let mut moved = 0;
    while !names.is_empty() {
        let name = names.swap_remove(rng.below(names.len() as u64) as usize);
        if !all && rng.below(3) == 0 {
            continue;
        }
        deliver(
            engine,
            &src.join("log").join(&name),
            &dst.join("log").join(&name),
            readers,
            rng,
        );
        moved += 1;
    }
    moved
}

fn notes_of(dir: &Path) -> BTreeSet<(String, String, String, String, String)> {
    let s = Session::open(dir).unwrap();
    s.state()
        .live_notes()
        .map(|n| {
            (
                n.id.clone(),
                n.board.clone(),
                n.section.clone(),
                n.pos.clone(),
                n.text.clone(),
            )
        })
        .collect()
}

fn run(engine: Engine, seed: u64) {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a/s"), tmp.path().join("b/s"));
    for side in [&a, &b] {
        std::fs::create_dir_all(side).unwrap();
        runde::example::write_to(side).unwrap();
        std::fs::create_dir_all(side.parent().unwrap().join(".stfolder")).unwrap();
    }
    let open = |d: &Path| Session::open_with_clock(d, Arc::new(SystemClock)).unwrap();
    let mut writers: Vec<(usize, Session)> = vec![(0, open(&a)), (0, open(&a)), (1, open(&b)), (1, open(&b))];
    let mut readers = [
        Readers {
            sessions: vec![open(&a), open(&a)],
            errors: Vec::new(),
        },
        Readers {
            sessions: vec![open(&b)],
            errors: Vec::new(),
        },
    ];
    let mut rng = Rng(seed);
    let mut acknowledged = Vec::new();
    for step in 0..240 {
        let w = rng.below(writers.len() as u64) as usize;
        let (side, writer) = &mut writers[w];
        if let Err(e) = writer.refresh() {
            readers[*side].errors.push(format!("writer refresh: {e}"));
        }
        let id = writer
            .add_note(
                "continuity",
                None,
                &format!("note {step} by writer {w}"),
                Default::default(),
                false,
            )
            .unwrap();
        acknowledged.push(id);
        if rng.below(3) == 0 {
            let [ra, rb] = &mut readers;
            replicate(engine, &a, &b, rb, &mut rng, false);
            replicate(engine, &b, &a, ra, &mut rng, false);
        }
        readers[0].look();
        readers[1].look();
    }
    // The engines catch up.
    loop {
        let [ra, rb] = &mut readers;
        let moved = replicate(engine, &a, &b, rb, &mut rng, true) + replicate(engine, &b, &a, ra, &mut rng, true);
        if moved == 0 {
            break;
        }
    }
    for r in &mut readers {
        r.look();
    }
    assert_eq!(readers[0].errors, Vec::<String>::new(), "{engine:?} side a");
    assert_eq!(readers[1].errors, Vec::<String>::new(), "{engine:?} side b");
    let (on_a, on_b) = (notes_of(&a), notes_of(&b));
    assert_eq!(on_a, on_b, "{engine:?}: both sides hold the same notes");
    assert!(
        !on_a.iter().any(|n| n.0 == "ghost"),
        "{engine:?}: a conflicted copy was read"
    );
    let ids: BTreeSet<&String> = on_a.iter().map(|n| &n.0).collect();
    for id in &acknowledged {
        assert!(ids.contains(id), "{engine:?}: acknowledged note {id} is missing");
    }
    for r in &readers {
        let seen: BTreeSet<String> = r.sessions[0].state().live_notes().map(|n| n.id.clone()).collect();
        assert!(
            acknowledged.iter().all(|id| seen.contains(id)),
            "{engine:?}: a live reader saw every note"
        );
        assert!(!seen.contains("ghost"), "{engine:?}: a conflicted copy was read");
    }
}

#[test]
fn syncthing_style_replication_loses_nothing_and_readers_never_fail() {
    run(Engine::Syncthing, 0x5eed_0001);
}

#[test]
fn nextcloud_style_replication_with_conflicted_copies_converges() {
    run(Engine::Nextcloud, 0x5eed_0002);
}
