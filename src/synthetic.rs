//! Synthetic sessions of any size for benchmarks and stress runs: a plan
//! with five boards and logs written directly (no fsync per note), so a
//! 10,000-note session takes milliseconds to create.
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::event::NewNote;
use crate::model::plan::{Board, BoardKind, Date, Lang, Phase, Plan, Section};
use crate::model::{Change, Event, NoteFields, NoteKind, position};
use crate::store::log::{Header, LOG_FORMAT, encode_record};
use crate::store::{LOG_DIR, PLAN_FILE};

/// Board ids of a synthetic session.
pub const BOARDS: [&str; 5] = ["b1", "b2", "b3", "b4", "b5"];

/// A plan with five workshop boards of two sections each, one 45-minute phase.
pub fn plan() -> Plan {
    let boards = BOARDS
        .iter()
        .enumerate()
        .map(|(i, id)| Board {
            question: Some(format!("Leitfrage der Gruppe {}?", i + 1)),
            participants: Some(7),
            ..Board::new(
                id,
                BoardKind::Workshop,
                &format!("Gruppe {}", i + 1),
                vec![
                    Section {
                        id: "ideas".into(),
                        title: "Ideen".into(),
                        lead: None,
                    },
                    Section {
                        id: "risks".into(),
                        title: "Risiken".into(),
                        lead: None,
                    },
                ],
            )
        })
        .collect();
    let date = Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default());
    Plan {
        series: Some("Bench".into()),
        title: "Synthetische Sitzung".into(),
        meeting_number: Some(1),
        agenda: vec![Phase {
            id: "work".into(),
            title: "Arbeitsphase".into(),
            minutes: Some(45),
            boards: BOARDS.iter().map(|b| b.to_string()).collect(),
        }],
        boards,
        ..crate::model::plan_edit::empty_plan(Lang::De, date)
    }
}

/// Writes a session with `notes` notes spread over the five boards, by
/// `writers` writers; every tenth note is edited once.
pub fn write(dir: &Path, notes: usize, writers: usize) -> Result<()> {
    write_on(dir, notes, writers, BOARDS.len())
}

/// Like [`write`], with the notes on the first `boards` boards only.
pub fn write_on(dir: &Path, notes: usize, writers: usize, boards: usize) -> Result<()> {
    let boards = boards.clamp(1, BOARDS.len());
    std::fs::create_dir_all(dir.join(LOG_DIR)).map_err(|e| Error::io(dir, e))?;
    std::fs::write(dir.join(PLAN_FILE), plan().to_pretty_json()?).map_err(|e| Error::io(dir, e))?;
    let writers = writers.max(1);
    let mut files: Vec<std::io::BufWriter<std::fs::File>> = Vec::new();
    for w in 0..writers {
        let path = dir.join(LOG_DIR).join(format!("synthetic-{w:03}.jsonl"));
        let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut file = std::io::BufWriter::new(file);
        let header = Header {
            runde: "log".into(),
            format: LOG_FORMAT,
            actor: format!("synthetic-{w:03}"),
            by: Some(format!("Schreiber {w}")),
            created_ms: 0,
        };
        let mut line = serde_json::to_vec(&header).unwrap_or_default();
        line.push(b'\n');
        file.write_all(&line).map_err(|e| Error::io(&path, e))?;
        files.push(file);
    }
    let mut seqs = vec![0u64; writers];
    let mut last_pos: Vec<Option<String>> = vec![None; boards * 2];
    let mut lamport = 0;
    for i in 0..notes {
        let w = i % writers;
        let slot = i % (boards * 2);
        let pos = position::between(last_pos[slot].as_deref(), None);
        last_pos[slot] = Some(pos.clone());
        let id = format!("{:026}", i);
        lamport += 1;
        seqs[w] += 1;
        let ev = Event {
            seq: seqs[w],
            lamport,
            wall_ms: 1_767_225_600_000 + i as i64 * 1000,
            c: Change::NoteAdded(NewNote {
                id: id.clone(),
                board: BOARDS[slot / 2].to_string(),
                section: if slot % 2 == 0 { "ideas" } else { "risks" }.to_string(),
                text: format!("Notiz {i}: Vertrauen entsteht durch gemeinsames Handeln im Quartier – „{i}“"),
                kind: if i % 7 == 0 {
                    NoteKind::Paragraph
                } else {
                    NoteKind::Bullet
                },
                starred: i % 13 == 0,
                by: Some(format!("Schreiber {w}")),
                pos,
                origin: None,
                sources: Vec::new(),
                lang: None,
            }),
        };
        files[w].write_all(&encode_record(&ev)).map_err(|e| Error::io(dir, e))?;
        if i % 10 == 0 {
            lamport += 1;
            seqs[w] += 1;
            let edit = Event {
                seq: seqs[w],
                lamport,
                wall_ms: ev.wall_ms + 500,
                c: Change::NoteSet {
                    id,
                    fields: NoteFields {
                        text: Some(format!("Notiz {i} (überarbeitet)")),
                        ..NoteFields::default()
                    },
                },
            };
            files[w]
                .write_all(&encode_record(&edit))
                .map_err(|e| Error::io(dir, e))?;
        }
    }
    for f in &mut files {
        f.flush().map_err(|e| Error::io(dir, e))?;
    }
    Ok(())
}
