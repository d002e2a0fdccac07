//! Fuzzes position keys: for any two keys (well-formed or not, any length)
//! `between` returns without recursion, and a key strictly between two
//! well-formed ones whenever they are ordered.
#![no_main]
use libfuzzer_sys::fuzz_target;
use runde::model::position::{between, is_key};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('|').unwrap_or((text.as_ref(), ""));
    let (a, b) = (Some(a).filter(|s| !s.is_empty()), Some(b).filter(|s| !s.is_empty()));
    let key = between(a, b);
    let a_ok = a.is_none_or(is_key);
    let b_ok = b.is_none_or(is_key);
    if a_ok && b_ok && a.zip(b).is_none_or(|(a, b)| a < b) {
        assert!(is_key(&key), "{key:?}");
        if let Some(a) = a {
            assert!(a < key.as_str(), "{a:?} !< {key:?}");
        }
        if let Some(b) = b {
            assert!(key.as_str() < b, "{key:?} !< {b:?}");
        }
    }
});
