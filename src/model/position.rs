//! Fractional position keys: strings that sort between their neighbours, so
//! moving a note is one event and concurrent inserts never renumber others.
//! (After David Greenspan's "Implementing Fractional Indexing".)

const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

fn digit_value(c: u8) -> usize {
    DIGITS.iter().position(|&d| d == c).unwrap_or(0)
}

/// A key strictly between `before` and `after`. `None` means the start
/// or the end of the list. Keys from other sources (hand-edited files)
/// that do not fit are handled by falling back to a key after `before`.
pub fn between(before: Option<&str>, after: Option<&str>) -> String {
    let a = before.unwrap_or("");
    match after {
        Some(b) if a < b && is_key(a) && is_key(b) => midpoint(a.as_bytes(), Some(b.as_bytes())),
        Some(_) if !a.is_empty() && is_key(a) => midpoint(a.as_bytes(), None),
        Some(_) => midpoint(b"", None),
        None if is_key(a) => midpoint(a.as_bytes(), None),
        None => midpoint(b"", None),
    }
}

/// A well-formed key: only our digits and no trailing zero.
fn is_key(k: &str) -> bool {
    k.bytes().all(|c| DIGITS.contains(&c)) && !k.ends_with('0')
}

fn midpoint(a: &[u8], b: Option<&[u8]>) -> String {
    if let Some(b) = b {
        let mut n = 0;
        while n < b.len() && a.get(n).copied().unwrap_or(b'0') == b[n] {
            n += 1;
        }
        if n > 0 {
            let prefix = String::from_utf8_lossy(&b[..n]).into_owned();
            let rest_a = if n < a.len() { &a[n..] } else { &[][..] };
            return prefix + &midpoint(rest_a, Some(&b[n..]));
        }
    }
    let digit_a = a.first().map(|&c| digit_value(c)).unwrap_or(0);
    let digit_b = b
        .and_then(|b| b.first())
        .map(|&c| digit_value(c))
        .unwrap_or(DIGITS.len());
    if digit_b - digit_a > 1 {
        let mid = (digit_a + digit_b).div_ceil(2);
        return (DIGITS[mid] as char).to_string();
    }
    match b {
        Some(b) if b.len() > 1 => (b[0] as char).to_string(),
        _ => {
            let rest = if a.is_empty() { &[][..] } else { &a[1..] };
            let mut s = (DIGITS[digit_a] as char).to_string();
            s.push_str(&midpoint(rest, None));
            s
        }
    }
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
