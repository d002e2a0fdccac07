//! What the status line says about a paste that did not fit.
use crate::model::Lang;

/// "Note full: how many of all characters were pasted, and where the rest is."
pub fn too_long(lang: Lang, taken: usize, of: usize, kept: bool) -> String {
    let (taken, of) = (group_digits(taken, lang), group_digits(of, lang));
    match (lang, kept) {
        (Lang::De, true) => format!("Notiz voll: {taken} von {of} Zeichen eingefügt, Rest als Entwurf (D)"),
        (Lang::De, false) => format!("Zu lang: {taken} von {of} Zeichen eingefügt, der Rest fehlt"),
        (Lang::En, true) => format!("Note full: pasted {taken} of {of} characters, the rest is a draft (D)"),
        (Lang::En, false) => format!("Too long: pasted {taken} of {of} characters, the rest is left out"),
    }
}

/// "The last `bytes` of the paste did not arrive" (at most `limit` bytes
/// of a paste are held).
pub fn cut(lang: Lang, bytes: u64, limit: usize) -> String {
    let mib = limit >> 20;
    let n = group_digits(usize::try_from(bytes).unwrap_or(usize::MAX), lang);
    match lang {
        Lang::De => format!("Gekürzt: die letzten {n} Bytes kamen nicht an (SSH: höchstens {mib} MiB)"),
        Lang::En => format!("Paste cut: its last {n} bytes did not arrive (SSH: {mib} MiB per paste)"),
    }
}

/// 1234567 as "1.234.567" (German) or "1,234,567" (English).
fn group_digits(x: usize, lang: Lang) -> String {
    let sep = if lang == Lang::De { '.' } else { ',' };
    let digits = x.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_as_each_language_writes_them() {
        assert_eq!(group_digits(1_234_567, Lang::De), "1.234.567");
        assert_eq!(group_digits(1_234_567, Lang::En), "1,234,567");
        assert_eq!(group_digits(999, Lang::En), "999");
    }
}
