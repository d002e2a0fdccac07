//! Fuzzes what a session folder may hold: arbitrary listings of `log/`,
//! `clock/` and the session folder (names of any Unicode and raw bytes,
//! links out of the folder and to a FIFO, folders, FIFOs, sparse files) are
//! fed to the log scan, the sync-engine filters, `runde check`, opening the
//! session and adding a note. The promises are in
//! `tests/common/planted.rs`, shared with the property test
//! `tests/hostile_listing.rs`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/planted.rs"]
mod planted;

fuzz_target!(|data: &[u8]| {
    let mut setup = planted::Setup::new();
    setup.plant(&planted::decode(data));
    if let Err(e) = setup.exercise() {
        panic!("{e}\nplanted: {:?}", setup.planted);
    }
});
