//! A time-boxed fuzzer for the SSH input parser that runs on stable Rust,
//! so CI can run it (`.ci/run`: 30 s). Random inputs — uniform bytes,
//! bytes near the parser's special ones, long pastes, unfinished
//! sequences, and mutations of earlier inputs — go through the oracle that
//! the libFuzzer target uses (`fuzz/oracles/input.rs`). It prints how many
//! inputs it ran, their bytes and the largest; on a failure it writes the
//! input to a file, names it, and exits 1.
//!
//! `cargo run --example fuzz_input -- [--seconds N] [--seed S]`
//! (the seed is printed, so a run can be repeated).
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use proptest::prelude::RngCore;
use proptest::test_runner::{RngAlgorithm, TestRng};

#[path = "../fuzz/oracles/input.rs"]
mod oracle;

/// Random numbers, repeatable from a seed (proptest's xorshift).
struct Rng(TestRng);

impl Rng {
    fn new(seed: u64) -> Rng {
        let bytes: Vec<u8> = [seed, !seed].iter().flat_map(|s| s.to_le_bytes()).collect();
        Rng(TestRng::from_seed(RngAlgorithm::XorShift, &bytes))
    }
    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }
    fn byte(&mut self) -> u8 {
        self.0.next_u64() as u8
    }
}

const SPECIAL: &[u8] = b"\x1b\x1b\x1b\x1b[[[O;;~~0123456789AZHFP\r\n\t\x7f\x00\xc3\xe2\xf0\x80\xbf";
const PIECES: [&[u8]; 8] = [
    b"\x1b[200~",
    b"\x1b[201~",
    b"\x1b[",
    b"\x1bO",
    b"\x1b[1;5",
    b"\x1b[2",
    b"\xe2\x82",
    b"\r\n",
];

/// A length from 0 to 2^17, spread evenly over its powers of two.
fn length(rng: &mut Rng) -> usize {
    let bits = rng.below(18);
    rng.below(1 << bits)
}

fn input(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mode = rng.byte();
    let seeds: Vec<u8> = (0..4).map(|_| rng.byte()).collect();
    let len = length(rng);
    let body: Vec<u8> = match rng.below(6) {
        0 => (0..len).map(|_| rng.byte()).collect(),
        1 => (0..len)
            .map(|_| {
                if rng.below(2) == 0 {
                    SPECIAL[rng.below(SPECIAL.len())]
                } else {
                    rng.byte()
                }
            })
            .collect(),
        2 => {
            // A paste longer or shorter than the parser keeps, maybe unended.
            let mut b = b"\x1b[200~".to_vec();
            b.extend((0..len * 2).map(|_| rng.byte() & 0x7f | 0x20));
            if rng.below(2) == 0 {
                b.extend_from_slice(b"\x1b[201~");
            }
            b
        }
        3 => {
            // Sequences that do not end.
            let mut b = Vec::new();
            while b.len() < len {
                b.extend_from_slice(b"\x1b[");
                b.extend((0..rng.below(100)).map(|_| b"0123456789;"[rng.below(11)]));
            }
            b
        }
        4 if !corpus.is_empty() => {
            // A mutation of an earlier input: flipped bytes and spliced-in
            // pieces of sequences.
            let mut b = corpus[rng.below(corpus.len())].clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(b.len() + 1);
                match rng.below(3) {
                    0 if at < b.len() => b[at] ^= 1 << rng.below(8),
                    1 => {
                        let piece = PIECES[rng.below(PIECES.len())];
                        b.splice(at..at, piece.iter().copied());
                    }
                    _ => b.truncate(at.max(1)),
                }
            }
            return b;
        }
        _ => (0..len).map(|_| rng.byte()).collect(), // read as keys when `mode` is odd
    };
    [vec![mode], seeds, body].concat()
}

fn main() {
    let mut seconds = 30.0;
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--seconds" => seconds = value.parse().unwrap_or(seconds),
            "--seed" => seed = value.parse().unwrap_or(seed),
            _ => {
                eprintln!("usage: fuzz_input [--seconds N] [--seed S]");
                std::process::exit(2);
            }
        }
    }
    let mut rng = Rng::new(seed);
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    let (mut runs, mut bytes, mut events, mut largest) = (0u64, 0u64, 0u64, 0usize);
    let start = Instant::now();
    let budget = Duration::from_secs_f64(seconds);
    while start.elapsed() < budget {
        let data = input(&mut rng, &corpus);
        match std::panic::catch_unwind(|| oracle::check(&data)) {
            Ok(fed) => {
                runs += 1;
                bytes += data.len() as u64;
                events += fed.events as u64;
                largest = largest.max(data.len());
            }
            Err(_) => {
                let path = std::env::temp_dir().join(format!("fuzz_input-{seed}.bin"));
                let saved = std::fs::write(&path, &data).is_ok();
                eprintln!(
                    "fuzz_input: FAILED on input {runs} (seed {seed}, {} bytes){}",
                    data.len(),
                    if saved {
                        format!(", saved to {}", path.display())
                    } else {
                        String::new()
                    }
                );
                std::process::exit(1);
            }
        }
        if data.len() < 4096 {
            if corpus.len() < 256 {
                corpus.push(data);
            } else {
                let at = rng.below(corpus.len());
                corpus[at] = data;
            }
        }
    }
    println!(
        "fuzz_input: {runs} inputs, {:.1} MB, {events} events, largest {largest} bytes, in {:.1} s (seed {seed}); no failure",
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
}
