//! Fuzzes the SSH input parser (bytes from the network) with the oracle in
//! `fuzz/oracles/input.rs`: any bytes in any chunks stay bounded and never
//! panic; well-formed keys give their events however they are split.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../oracles/input.rs"]
mod oracle;

fuzz_target!(|data: &[u8]| {
    oracle::check(data);
});
