//! The layering rules of the crate, checked on the source text.
//!
//! `model` (plain data + rules, no I/O, no words) ← `store` (all I/O) and
//! `app` (state and `update`, effects as data) ← `runtime` (carries the
//! effects out) ← edges (`terminal`, `serve`, `commands`); `ui` renders
//! `&App`; `i18n` (every word) and `export` use the model. Each test reads
//! the files of one layer, collects every `crate::…` module it names (in
//! `use crate::…` lines and in `crate::a::b` paths, comments removed) and
//! fails when one of them is outside what that layer may use.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `path` (or `path` itself when it is a file).
fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(path).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            files.extend(rust_files(&entry));
        } else if entry.extension().is_some_and(|e| e == "rs") {
            files.push(entry);
        }
    }
    files
}

/// The source without `//` line comments and `/* */` block comments.
/// String literals are kept; a `//` inside a string ends the line early,
/// which only ever hides text, never invents an import.
fn strip_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
        } else if rest.starts_with("//") {
            rest = rest.find('\n').map_or("", |end| &rest[end..]);
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The top-level modules named after `crate::` in `source`, with the line
/// number of each use; `use crate::{a, b::c}` names both `a` and `b`.
fn crate_modules(source: &str) -> Vec<(usize, String)> {
    let code = strip_comments(source);
    let mut found = Vec::new();
    for (index, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            let after = &rest[at + "crate::".len()..];
            rest = after;
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // e.g. `my_crate::`
            }
            for name in names_after(after) {
                found.push((index + 1, name));
            }
        }
    }
    found
}

/// `store::x` → [store]; `{store, app::Y}` → [store, app].
fn names_after(text: &str) -> Vec<String> {
    let ident = |s: &str| {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<String>()
    };
    match text.strip_prefix('{') {
        Some(group) => {
            let group = group.split('}').next().unwrap_or("");
            group
                .split(',')
                .map(|part| ident(part.trim()))
                .filter(|n| !n.is_empty())
                .collect()
        }
        None => vec![ident(text)].into_iter().filter(|n| !n.is_empty()).collect(),
    }
}

/// Every use of a forbidden module in `layer`, as "file:line: crate::module".
fn violations(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for file in rust_files(&root.join(layer)) {
        let source = fs::read_to_string(&file).unwrap();
        for (line, module) in crate_modules(&source) {
            if forbidden.contains(&module.as_str()) {
                let shown = file.strip_prefix(root).unwrap_or(&file).display();
                found.push(format!("{shown}:{line}: crate::{module}"));
            }
        }
    }
    found
}

/// Every use in `layer` of a module outside `allowed`.
fn outside(layer: &str, allowed: &[&str]) -> Vec<String> {
    let all = top_level_modules();
    let forbidden: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|m| !allowed.contains(m))
        .collect();
    violations(layer, &forbidden)
}

/// The crate's top-level modules, read from `src/`.
fn top_level_modules() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut names: Vec<String> = fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let stem = p.file_stem()?.to_str()?.to_string();
            (p.is_dir() || p.extension().is_some_and(|e| e == "rs")).then_some(stem)
        })
        .filter(|n| n != "lib" && n != "main")
        .collect();
    names.sort();
    names.dedup();
    names
}

fn assert_clean(rule: &str, found: Vec<String>) {
    assert!(found.is_empty(), "{rule} is broken by:\n{}", found.join("\n"));
}

#[test]
fn model_is_plain_data_and_rules_without_words() {
    assert_clean(
        "src/model uses only plain data and rules (no I/O, no words)",
        outside("src/model", &["model", "error", "synthetic"]),
    );
}

#[test]
fn store_does_io_below_the_app_without_words() {
    assert_clean(
        "src/store reads and writes the model (no app, no words)",
        outside(
            "src/store",
            &["store", "model", "error", "clock", "example", "synthetic"],
        ),
    );
}

#[test]
fn export_uses_only_model_and_words() {
    assert_clean(
        "src/export builds documents from the model",
        outside("src/export", &["export", "model", "error", "i18n", "synthetic"]),
    );
}

#[test]
fn app_reaches_no_store_runtime_or_edge() {
    // Not even a type: what effects carry is model data.
    assert_clean(
        "src/app is state and update (effects leave it as data)",
        outside("src/app", &["app", "model", "error", "export", "i18n", "synthetic"]),
    );
}

#[test]
fn ui_renders_the_app_only() {
    assert_clean(
        "src/ui renders &App (nothing of the store, even through a re-export)",
        outside("src/ui", &["ui", "app", "model", "export", "i18n", "error"]),
    );
}

#[test]
fn i18n_uses_only_model() {
    assert_clean(
        "src/i18n.rs uses only the model",
        [
            outside("src/i18n.rs", &["model", "i18n"]),
            outside("src/i18n", &["model", "i18n"]),
        ]
        .concat(),
    );
}

#[test]
fn app_and_ui_touch_no_file_clock_environment_or_randomness() {
    let mut found = Vec::new();
    for layer in ["src/app", "src/ui"] {
        for needle in [
            "std::fs",
            "std::env",
            "File::",
            "::now",
            "SystemClock",
            "Instant",
            "SystemTime",
            "Ulid::new",
            "thread::sleep",
        ] {
            found.extend(code_mentions(layer, needle));
        }
    }
    assert_clean("the app and the ui get time, ids and files as actions", found);
}

#[test]
fn every_layer_rule_names_modules_that_exist() {
    let all = top_level_modules();
    for name in [
        "model",
        "store",
        "app",
        "ui",
        "export",
        "i18n",
        "runtime",
        "serve",
        "commands",
        "terminal",
        "error",
        "clock",
        "example",
        "synthetic",
    ] {
        assert!(all.iter().any(|m| m == name), "no top-level module {name}: {all:?}");
    }
}

#[test]
fn the_checker_sees_uses_paths_and_groups_but_not_comments() {
    let source = "use crate::store::Session;\n\
                  // use crate::app::App;\n\
                  /* crate::ui::x */ let x = crate::commands::run();\n\
                  use crate::{series, export::doc};\n\
                  let y = my_crate::store::z;\n";
    let names: Vec<String> = crate_modules(source).into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, ["store", "commands", "series", "export"]);
}

/// Line numbers of `source` (comments removed) where `needle` appears and
/// is not followed by an identifier character (`.session`, not `.sessions`).
fn mention_lines(source: &str, needle: &str) -> Vec<usize> {
    let code = strip_comments(source);
    code.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.match_indices(needle).any(|(at, _)| {
                let next = line[at + needle.len()..].chars().next();
                !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
        .map(|(index, _)| index + 1)
        .collect()
}

/// Every mention of `needle` in the code of `layer`, as "file:line: needle".
fn code_mentions(layer: &str, needle: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for file in rust_files(&root.join(layer)) {
        let source = fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(root).unwrap_or(&file).display().to_string();
        for line in mention_lines(&source, needle) {
            found.push(format!("{shown}:{line}: {needle}"));
        }
    }
    found
}

#[test]
fn ui_renders_app_without_the_session_or_a_clock() {
    let mut found = code_mentions("src/ui", ".session");
    for clock in ["::now", ".clock", "SystemClock", "Instant", "SystemTime"] {
        found.extend(code_mentions("src/ui", clock));
    }
    assert_clean("src/ui reads only &App (no session, no clock)", found);
}

#[test]
fn the_mention_finder_sees_whole_names_in_code_only() {
    let source = "let a = app.sessions;\n\
                  // app.session.plan()\n\
                  let p = app.session.plan();\n\
                  let t = chrono::Utc::now();\n";
    assert_eq!(mention_lines(source, ".session"), [3]);
    assert_eq!(mention_lines(source, "::now"), [4]);
}

#[test]
fn no_module_pulls_in_its_parent_with_a_glob() {
    // `use super::*;` inside a file's own `mod tests { … }` is indented and
    // fine; at the top of a file it hides where every name comes from.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found: Vec<String> = rust_files(&root.join("src"))
        .into_iter()
        .filter(|f| f.file_name().is_none_or(|n| n != "tests.rs"))
        .filter(|f| {
            fs::read_to_string(f)
                .unwrap()
                .lines()
                .any(|l| l.trim_end() == "use super::*;")
        })
        .map(|f| f.strip_prefix(root).unwrap_or(&f).display().to_string())
        .collect();
    assert_clean("every file names what it uses from its parent", found);
}
