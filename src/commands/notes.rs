//! `runde add` and `import`: writing notes from the command line.
use super::{
    AddArgs, BufRead, Deserialize, Error, NoteKind, Path, Result, Session, cli_strings, emit, localized, open,
    read_text,
};

pub(super) fn add(args: AddArgs) -> Result<()> {
    let mut s = open(&args.path)?;
    s.set_author(args.by.clone());
    s.set_note_lang(args.lang);
    let kind = if args.paragraph {
        NoteKind::Paragraph
    } else {
        NoteKind::Bullet
    };
    // Check board and section before reading any input.
    let place = s.resolve_place(&args.board, args.section.as_deref());
    localized(&s, place)?;
    if args.stdin {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            let line = line.map_err(|e| Error::io("<stdin>", e))?;
            if line.trim().is_empty() {
                continue;
            }
            // Others may be writing too: append after what the room has written.
            // A reader's trouble (another writer's log mid-replace by a sync
            // engine) never stops this writer: the next line reads again.
            if let Err(e) = s.refresh() {
                eprintln!("runde: {}", cli_strings(s.plan().lang).reading_again(&e.to_string()));
            }
            let added = s.add_note(&args.board, args.section.as_deref(), &line, kind, args.star);
            let id = localized(&s, added)?;
            emit(&format!("{id}\n"))?;
        }
        return Ok(());
    }
    if args.text.is_empty() {
        return Err(Error::Usage(cli_strings(s.plan().lang).add_needs_text().into()));
    }
    let added = s.add_note(
        &args.board,
        args.section.as_deref(),
        &args.text.join(" "),
        kind,
        args.star,
    );
    let id = localized(&s, added)?;
    emit(&format!("{id}\n"))
}

/// One line of `runde import`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ImportLine {
    board: String,
    section: Option<String>,
    text: String,
    #[serde(default)]
    kind: NoteKind,
    #[serde(default)]
    starred: bool,
    by: Option<String>,
    /// The note's language, when named.
    #[serde(default)]
    lang: Option<crate::model::Lang>,
}

pub(super) fn import(path: &str, file: Option<&Path>) -> Result<()> {
    let mut s = open(path)?;
    let (name, text) = match file {
        Some(f) if f != Path::new("-") => (f.display().to_string(), read_text(f)?),
        _ => {
            let mut t = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut t).map_err(|e| Error::io("<stdin>", e))?;
            ("<stdin>".to_string(), t)
        }
    };
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match import_line(&s, line) {
            Ok(parsed) => lines.push(parsed),
            Err(why) => bad.push(Error::parse(&name, i + 1, why)),
        }
    }
    // All or nothing: a file with a bad line imports no note at all.
    if !bad.is_empty() {
        for e in &bad {
            eprintln!("runde: {e}");
        }
        return Err(Error::Invalid(cli_strings(s.plan().lang).bad_import_lines(bad.len())));
    }
    for l in lines {
        s.set_author(l.by.clone());
        s.set_note_lang(l.lang);
        let id = s.add_note(&l.board, l.section.as_deref(), &l.text, l.kind, l.starred)?;
        emit(&format!("{id}\n"))?;
    }
    Ok(())
}

/// One line of an import, checked against the plan.
pub(super) fn import_line(s: &Session, line: &str) -> std::result::Result<ImportLine, String> {
    let parsed: ImportLine = serde_json::from_str(line).map_err(|e| e.to_string())?;
    localized(s, s.resolve_place(&parsed.board, parsed.section.as_deref())).map_err(|e| e.to_string())?;
    Ok(parsed)
}

/// A note id or unique prefix; a prefix that fits several notes is called
/// ambiguous (in the session's language) rather than unknown.
pub(super) fn resolve_note(s: &Session, note: &str) -> Result<String> {
    localized(s, s.resolve_note_id(note))
}
