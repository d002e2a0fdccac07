//! Issue 26, point 14: the command line's words live in `i18n` alone. This
//! reads the source of `src/commands` and fails on any sentence written
//! there: a string literal printed (`eprintln!` and kin) or put in an error
//! that holds letters besides `{placeholders}` and the "runde: " prefix,
//! and any other literal of two or more words that is not a command line.
use std::path::{Path, PathBuf};

/// Literals that may stay, each with the reason.
const ALLOWED: [(&str, &str); 2] = [
    (
        "<completion script>",
        "a pseudo-path naming standard output, like <stdin>",
    ),
    ("<man page>", "a pseudo-path naming standard output, like <stdin>"),
];

/// Calls whose string arguments reach the person at the terminal.
const SPEAKERS: [&str; 9] = [
    "emit(",
    "emit_plain(",
    "eprintln!(",
    "println!(",
    "eprint!(",
    "print!(",
    "Error::Usage(",
    "Error::Invalid(",
    "Error::Problems(",
];

/// A string literal and the byte offset where it starts.
#[derive(Debug)]
struct Literal {
    at: usize,
    text: String,
}

/// The string literals of Rust source `src`, skipping comments and char
/// literals (plain and raw strings; escapes are kept as written).
fn literals(src: &str) -> Vec<Literal> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'r' if (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let start = i;
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let body = j + 1;
                let end = src[body..].find(&close).map_or(b.len(), |e| body + e);
                out.push(Literal {
                    at: start,
                    text: src[body..end].to_string(),
                });
                i = end + close.len();
            }
            b'"' => {
                let start = i;
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                out.push(Literal {
                    at: start,
                    text: src[i + 1..j.min(b.len())].to_string(),
                });
                i = j + 1;
            }
            b'\'' => {
                // A char literal ('x', '\n', '…') or a lifetime ('a).
                let rest = &src[i + 1..];
                if rest.starts_with('\\') {
                    i += 1 + rest[2..].find('\'').map_or(rest.len(), |e| e + 3);
                } else {
                    let c = rest.chars().next().map_or(1, char::len_utf8);
                    i += if rest[c..].starts_with('\'') { c + 2 } else { 1 };
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The literal without its `{placeholders}` (and `{{`/`}}`), escapes and
/// the "runde: " prefix.
fn words_of(literal: &str) -> String {
    let text = literal.strip_prefix("runde: ").unwrap_or(literal);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
            }
            '{' => {
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                }
            }
            '\\' => {
                chars.next();
            }
            c => out.push(c),
        }
    }
    out
}

/// The ranges of `src` inside the parentheses of a speaking call.
fn spoken_ranges(src: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for speaker in SPEAKERS {
        for (at, _) in src.match_indices(speaker) {
            // `eprintln!(` also matches inside nothing else; `print!(` is
            // inside `eprint!(`, which is fine (same range).
            let open = at + speaker.len();
            let mut depth = 1;
            let mut end = open;
            for (k, c) in src[open..].char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = open + k;
                    break;
                }
            }
            out.push(open..end);
        }
    }
    out
}

/// A command line shown to the person (`runde note PATH --board ID`).
fn is_command_line(words: &str) -> bool {
    let w = words.trim();
    w.starts_with("runde ") || w.starts_with("--") || w.starts_with('`')
}

/// True when `text` holds two words of letters (names like `RUNDE_NO_TUI`
/// or `$EDITOR` are no words).
fn has_two_words(text: &str) -> bool {
    let words = text
        .split_whitespace()
        .filter(|w| !w.contains(['_', '$']) && w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    words >= 2
}

/// Where the inline unit tests (`#[cfg(test)] mod tests { … }`) of `src`
/// begin, or its end; a `#[cfg(test)] mod tests;` declared at the top
/// leaves the rest of the file scanned.
fn inline_tests_start(src: &str) -> usize {
    src.match_indices("#[cfg(test)]")
        .map(|(at, _)| at)
        .find(|&at| {
            let rest = src[at + "#[cfg(test)]".len()..].trim_start();
            let body = rest.find('{').unwrap_or(usize::MAX);
            let decl = rest.find(';').unwrap_or(usize::MAX);
            rest.starts_with("mod ") && body < decl
        })
        .unwrap_or(src.len())
}

/// The sentences of one source file, as "file:line: literal".
fn sentences_in(path: &Path) -> Vec<String> {
    let full = std::fs::read_to_string(path).unwrap();
    // Unit tests may spell what they like.
    let src = &full[..inline_tests_start(&full)];
    let spoken = spoken_ranges(src);
    let mut found = Vec::new();
    for lit in literals(src) {
        if ALLOWED.iter().any(|(a, _)| *a == lit.text) {
            continue;
        }
        let words = words_of(&lit.text);
        let in_speech = spoken.iter().any(|r| r.contains(&lit.at));
        let sentence = if in_speech {
            words.chars().any(char::is_alphabetic) && !is_command_line(&words)
        } else {
            has_two_words(&words) && !is_command_line(&words)
        };
        if sentence {
            let line = src[..lit.at].lines().count().max(1);
            found.push(format!("{}:{line}: {:?}", path.display(), lit.text));
        }
    }
    found
}

/// `src/commands.rs` and every file under `src/commands/`.
fn command_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join("commands.rs")];
    let mut dirs = vec![root.join("commands")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_commands_spell_no_sentence_of_their_own() {
    let found: Vec<String> = command_sources().iter().flat_map(|p| sentences_in(p)).collect();
    assert!(
        found.is_empty(),
        "sentences written in src/commands (put them in src/i18n, German and English):\n{}",
        found.join("\n")
    );
}

/// The scanner itself: it finds what it must and lets data pass.
#[test]
fn the_scanner_tells_sentences_from_data() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.rs");
    let src = r##"
        // eprintln!("a comment with words");
        fn f(p: &str) {
            eprintln!("runde: {p}");
            eprintln!("runde: wrote {p}");
            let c = '"'; let l: &'static str = "id";
            emit(&format!("{id}\n"));
            let s = format!("runde note {p} --board {b}");
            Err(Error::Usage(format!("{} needs MINUTES", x)))
            let t = r#"two words"#;
            let u = "{a} · {b}";
        }
        #[cfg(test)]
        mod outside;
        fn h() { let v = "after the declaration"; }
        #[cfg(test)]
        mod tests { fn g() { eprintln!("test words"); } }
    "##;
    std::fs::write(&file, src).unwrap();
    let found = sentences_in(&file);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].contains("wrote"), "{found:#?}");
    assert!(found.iter().any(|f| f.contains("after the declaration")), "{found:#?}");
    assert!(found.iter().any(|f| f.contains("needs MINUTES")), "{found:#?}");
    assert!(found.iter().any(|f| f.contains("two words")), "{found:#?}");
}

/// Issue 27, point 3: `runde check`'s findings and the problems of a
/// malformed plan or log are data; `i18n::check` words them. These files
/// may hold names, patterns and formats, never a sentence.
#[test]
fn the_checker_and_the_file_problems_spell_no_sentence() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = [
        "store/check.rs",
        "model/check.rs",
        "model/problem.rs",
        "model/event.rs",
        "model/plan/validate.rs",
        "store/folder.rs",
        "store/files.rs",
        "store/paths.rs",
        "store/create.rs",
        "store/sync.rs",
        "store/templates.rs",
        "store/writer.rs",
        "store/watch.rs",
        "store/log.rs",
        "store/log/append.rs",
        "store/append.rs",
        "store/listing.rs",
        "store/plan_file.rs",
        "model/rules.rs",
        "model/series.rs",
        "model/plan.rs",
        "store/plan_guard.rs",
        "store/drafts.rs",
    ];
    // Literals of these files that are data, not words to a person.
    let data = [
        (
            "conflicted copy",
            "part of the file names Nextcloud and Dropbox give conflict copies",
        ),
        (
            "// runde: a Syncthing ignore file",
            "the content of the .stignore file runde writes",
        ),
        ("<writer thread>", "a pseudo-path naming the thread, like <stdin>"),
        ("no temp file left", "a unit test's assertion"),
        (
            "\" at line \"",
            "a pattern of serde_json's messages, matched to find the kind",
        ),
        (
            "\"unknown field \"",
            "a pattern of serde_json's messages, matched to find the kind",
        ),
        (
            "\"missing field \"",
            "a pattern of serde_json's messages, matched to find the kind",
        ),
        (
            "\"Network meeting\"",
            "a title a template puts in a plan, recognised as a placeholder",
        ),
    ];
    let found: Vec<String> = files
        .iter()
        .flat_map(|f| sentences_in(&root.join(f)))
        .filter(|line| !data.iter().any(|(d, _)| line.contains(d)))
        .collect();
    assert!(
        found.is_empty(),
        "sentences written where findings and problems are made (word them in src/i18n/check.rs):\n{}",
        found.join("\n")
    );
}
