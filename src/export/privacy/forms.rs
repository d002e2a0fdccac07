//! The forms a reader's eye does not tell apart. A word is compared in
//! several keys, and two words match when they share one:
//!
//! - **folded**: invisible characters dropped (zero-width, soft hyphen,
//!   bidi controls), Unicode NFKC (so "Müller" typed with a combining
//!   diaeresis, fullwidth "Ｍüller" and ligatures are the plain word), full
//!   case folding (ı/İ → i, ß → ss, final σ);
//! - **without apostrophes**: "O'Brien" → "obrien";
//! - **ASCII**: transliterated (`deunicode`): "André" → "andre", "Łukasz"
//!   → "lukasz", "Jürgen" → "jurgen", Greek and Cyrillic → Latin;
//! - **German umlauts spelled out**: "Müller" → "mueller";
//! - **look-alike skeleton** (Unicode TR39, `unicode-security`): "Мüller"
//!   with a Cyrillic М is "Müller"; taken of the upper-cased word and
//!   lower-cased after, so letter case never splits two look-alikes.
use unicode_normalization::UnicodeNormalization;

/// Unicode's default-ignorable code points: drawn as nothing (zero-width
/// spaces and joiners, soft hyphen, bidi controls, variation selectors).
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Characters that read as an apostrophe.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´' | '′' | '＇' | 'ꞌ')
}

/// Characters that join two parts of one word or name: hyphens (not
/// dashes, which separate), underscores and dots without space
/// ("tobias.brandt@…", "tobias_brandt").
pub fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '－' | '﹣' | '_' | '.')
}

/// True for a character that belongs to a word: letters, digits,
/// combining marks (a diaeresis typed separately) and invisible ones.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) || is_ignorable(c)
}

/// The folded form of a word: invisible characters dropped, apostrophes
/// as `'`, NFKC, full case folding, NFC.
pub fn fold(word: &str) -> String {
    let clean: String = visible(word);
    let mut out = String::with_capacity(clean.len());
    for c in clean.nfkc() {
        match c {
            'ı' | 'İ' => out.push('i'),
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ſ' => out.push('s'),
            c => {
                for l in c.to_lowercase() {
                    // "İ" lowered elsewhere is "i" + a combining dot above.
                    if !(l == '\u{307}' && out.ends_with('i')) {
                        out.push(l);
                    }
                }
            }
        }
    }
    out.nfc().collect()
}

/// `word` without invisible characters and with every apostrophe as `'`.
fn visible(word: &str) -> String {
    word.chars()
        .filter(|c| !is_ignorable(*c))
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

/// Every key of a word (see the module documentation), without repeats;
/// empty for a word with no letters.
pub fn keys(word: &str) -> Vec<String> {
    let folded = fold(word);
    let bare: String = folded.chars().filter(|c| *c != '\'').collect();
    let skeleton = look_alike(word);
    let mut out = vec![
        ascii(&bare),
        ascii(&umlauts(&bare)),
        ascii(&skeleton),
        ascii(&umlauts(&skeleton)),
        skeleton,
        bare,
        folded,
    ];
    out.retain(|k| !k.is_empty());
    out.sort_unstable();
    out.dedup();
    out
}

/// The TR39 skeleton of the upper-cased word, lower-cased, without
/// apostrophes.
fn look_alike(word: &str) -> String {
    let upper: String = visible(word).nfkc().flat_map(char::to_uppercase).collect();
    let skeleton: String = unicode_security::skeleton(&upper).collect();
    let lower: String = skeleton
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| *c != '\'')
        .collect();
    lower.nfc().collect()
}

/// German umlauts spelled out: ä → ae, ö → oe, ü → ue.
fn umlauts(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            c => out.push(c),
        }
    }
    out
}

/// The ASCII letters and digits of a word's transliteration, lower case.
fn ascii(word: &str) -> String {
    deunicode::deunicode(word)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares_a_key(a: &str, b: &str) -> bool {
        let kb = keys(b);
        keys(a).iter().any(|k| kb.contains(k))
    }

    #[test]
    fn every_written_form_of_a_name_shares_a_key_with_it() {
        let same = [
            ("Müller", "Mu\u{308}ller"),
            ("Müller", "Muller"),
            ("Müller", "Mueller"),
            ("Müller", "MÜLLER"),
            ("Müller", "\u{41c}üller"),
            ("Müller", "\u{41c}\u{dc}LL\u{415}R"),
            ("Müller", "Ｍüller"),
            ("Müller", "Mül\u{ad}ler"),
            ("Müller", "Mül\u{200b}ler"),
            ("Jürgen", "Jurgen"),
            ("André", "Andre"),
            ("Łukasz", "lukasz"),
            ("O'Brien", "OBrien"),
            ("O'Brien", "O’Brien"),
            ("Aydın", "AYDIN"),
            ("Aydın", "aydin"),
            ("İlkay", "ilkay"),
            ("Groß", "GROSS"),
            ("Şükrü", "Sukru"),
            ("Παπαδόπουλος", "Papadopoulos"),
            ("Παπαδόπουλος", "ΠΑΠΑΔΟΠΟΥΛΟΣ"),
            ("Иванов", "Ivanov"),
            ("Peter", "\u{420}eter"),
            ("Ilse", "ILSE"),
            ("Ilse", "ilse"),
        ];
        for (name, form) in same {
            assert!(
                shares_a_key(name, form),
                "{name} / {form}: {:?} vs {:?}",
                keys(name),
                keys(form)
            );
        }
    }

    #[test]
    fn different_words_stay_different() {
        for (a, b) in [
            ("Koch", "Kocher"),
            ("Brandt", "Brand"),
            ("Anna", "Anne"),
            ("Müller", "Möller"),
        ] {
            assert!(!shares_a_key(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn folding_follows_full_case_folding() {
        assert_eq!(fold("SELİN AYDIN"), "selin aydin");
        assert_eq!(fold("Weiß"), "weiss");
        assert_eq!(fold("ΟΔΥΣΣΕΥΣ"), fold("οδυσσευς"));
        assert_eq!(fold("Ｍüller"), "müller");
        assert_eq!(fold("Mu\u{308}ller"), "müller");
    }
}
