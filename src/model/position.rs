//! Fractional position keys: strings that sort between their neighbours, so
//! moving a note is one event and concurrent inserts never renumber others.
//! (After David Greenspan's "Implementing Fractional Indexing".)

const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const BASE: usize = DIGITS.len();

/// Keys longer than this are rebalanced by the store (a section's keys are
/// rewritten short) before they are written.
pub const SOFT_KEY_LEN: usize = 48;

fn digit_value(c: u8) -> usize {
    DIGITS.iter().position(|&d| d == c).unwrap_or(0)
}

/// A key strictly between `before` and `after`. `None` means the start
/// or the end of the list. Keys from other sources (hand-edited files)
/// that do not fit are handled by falling back to a key after `before`.
/// Iterative, and at most one character longer than its longest input.
pub fn between(before: Option<&str>, after: Option<&str>) -> String {
    let a = before.unwrap_or("");
    match after {
        Some(b) if a < b && is_key(a) && is_key(b) => midpoint(a.as_bytes(), Some(b.as_bytes())),
        Some(_) if !a.is_empty() && is_key(a) => after_key(a.as_bytes()),
        Some(_) => midpoint(b"", None),
        None if is_key(a) => after_key(a.as_bytes()),
        None => midpoint(b"", None),
    }
}

/// A well-formed key: only our digits and no trailing zero.
pub fn is_key(k: &str) -> bool {
    k.bytes().all(|c| DIGITS.contains(&c)) && !k.ends_with('0')
}

/// `n` short keys in ascending order, for rewriting a section whose keys
/// grew long.
pub fn spread(n: usize) -> Vec<String> {
    let mut keys: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n {
        let next = after_key(keys.last().map_or(&b""[..], |k| k.as_bytes()));
        keys.push(next);
    }
    keys
}

/// Width of the counter that follows a key's first character: `a` is
/// followed by one digit, `b` by two, … `z` by 26 (digits by one). Appends
/// count up within a width, so keys grow by one character per 36^width
/// appends instead of one per five.
fn counter_width(head: u8) -> usize {
    digit_value(head).saturating_sub(9).max(1)
}

/// A key after `a` for appending at the end: `a`'s first character with
/// the counter after it incremented (or the first counter of the next
/// width). Only after the widest counter runs out does it grow by midpoint.
fn after_key(a: &[u8]) -> String {
    let Some(&head) = a.first() else {
        return "a1".into();
    };
    let width = counter_width(head);
    let mut counter: Vec<u8> = a[1..].iter().copied().take(width).collect();
    counter.resize(width, b'0');
    if increment(&mut counter) {
        let mut key = vec![head];
        key.extend_from_slice(&counter);
        return String::from_utf8_lossy(&key).into_owned();
    }
    let next_head = digit_value(head) + 1;
    if next_head < BASE && digit_value(head) >= 10 {
        let mut key = vec![DIGITS[next_head]];
        key.extend(std::iter::repeat_n(b'0', counter_width(DIGITS[next_head]) - 1));
        key.push(b'1');
        return String::from_utf8_lossy(&key).into_owned();
    }
    midpoint(a, None)
}

/// Adds one to a base-36 counter, skipping values that end in `0` (keys
/// never end in zero). False when it overflows.
fn increment(counter: &mut [u8]) -> bool {
    loop {
        let mut i = counter.len();
        loop {
            if i == 0 {
                return false;
            }
            i -= 1;
            let v = digit_value(counter[i]) + 1;
            if v < BASE {
                counter[i] = DIGITS[v];
                break;
            }
            counter[i] = b'0';
        }
        if counter.last() != Some(&b'0') {
            return true;
        }
    }
}

/// The key halfway between `a` and `b` (`None`: the end), built one digit
/// at a time without recursion.
fn midpoint(mut a: &[u8], mut b: Option<&[u8]>) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(a.len().max(b.map_or(0, <[u8]>::len)) + 1);
    loop {
        if let Some(bb) = b {
            let mut n = 0;
            while n < bb.len() && a.get(n).copied().unwrap_or(b'0') == bb[n] {
                n += 1;
            }
            if n > 0 {
                out.extend_from_slice(&bb[..n]);
                a = a.get(n..).unwrap_or(&[]);
                b = Some(&bb[n..]);
                continue;
            }
        }
        let digit_a = a.first().map_or(0, |&c| digit_value(c));
        let digit_b = b.and_then(|b| b.first()).map_or(BASE, |&c| digit_value(c));
        if digit_b.saturating_sub(digit_a) > 1 {
            out.push(DIGITS[(digit_a + digit_b).div_ceil(2)]);
            break;
        }
        match b {
            Some(bb) if bb.len() > 1 => {
                out.push(bb[0]);
                break;
            }
            _ => {
                out.push(DIGITS[digit_a]);
                a = a.get(1..).unwrap_or(&[]);
                b = None;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_sort_between_neighbours() {
        let first = between(None, None);
        let second = between(Some(&first), None);
        assert!(first < second);
        let middle = between(Some(&first), Some(&second));
        assert!(first < middle && middle < second, "{first} {middle} {second}");
        let before_all = between(None, Some(&first));
        assert!(before_all < first);
    }

    #[test]
    fn a_key_of_100000_characters_does_not_overflow_the_stack() {
        let long = "i".repeat(100_000);
        let after = between(Some(&long), None);
        assert!(after.as_str() > long.as_str());
        let mid = between(Some(&long), Some("z"));
        assert!(long < mid && mid.as_str() < "z");
        let before = between(None, Some(&long));
        assert!(before < long);
    }

    #[test]
    fn ten_thousand_appends_keep_keys_short() {
        let mut last: Option<String> = None;
        for _ in 0..10_000 {
            let next = between(last.as_deref(), None);
            if let Some(l) = &last {
                assert!(*l < next, "{l} !< {next}");
            }
            last = Some(next);
        }
        let len = last.map_or(0, |k| k.len());
        assert!(len <= 4, "key after 10,000 appends has {len} characters");
    }

    #[test]
    fn spread_keys_are_short_ascending_and_well_formed() {
        let keys = spread(5000);
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert!(keys.iter().all(|k| is_key(k) && k.len() <= 4));
    }

    proptest! {
        #[test]
        fn repeated_inserts_stay_ordered(choices in proptest::collection::vec(0usize..1000, 1..200)) {
            let mut keys: Vec<String> = Vec::new();
            for c in choices {
                let at = if keys.is_empty() { 0 } else { c % (keys.len() + 1) };
                let before = if at == 0 { None } else { Some(keys[at - 1].as_str()) };
                let after = keys.get(at).map(String::as_str);
                let k = between(before, after);
                if let Some(b) = before { prop_assert!(b < k.as_str(), "{} !< {}", b, k); }
                if let Some(a) = after { prop_assert!(k.as_str() < a, "{} !< {}", k, a); }
                prop_assert!(!k.ends_with('0'));
                keys.insert(at, k);
            }
        }
    }
}
