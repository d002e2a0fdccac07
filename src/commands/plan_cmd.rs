//! `runde plan`: the run sheet, editing `session.json` in `$EDITOR`, and
//! resolving sync conflicts of the plan.
use super::{
    Error, PLAN_FILE, Path, Plan, Result, Session, Write, cli_strings, emit, emit_plain, export, lang_of, paths,
    read_text,
};

pub(super) fn plan_cmd(path: &str, edit: bool, json: bool) -> Result<()> {
    use crate::store::plan_guard::{self, Saved};
    let dir = paths::resolve(path)?;
    let plan_path = dir.join(PLAN_FILE);
    crate::store::files::refuse_symlink(&plan_path)?;
    // The bytes this edit starts from: the plan is replaced only while the
    // file still holds them (or merged with what replaced them).
    let (plan, started_from) = plan_guard::load(&dir)?;
    let plan = plan.ok_or_else(|| Error::io(&plan_path, std::io::ErrorKind::NotFound.into()))?;
    let current = String::from_utf8_lossy(started_from.bytes().unwrap_or_default()).into_owned();
    if json {
        return emit(&current);
    }
    if !edit {
        let hint = cli_strings(plan.lang).raw_plan_hint;
        emit_plain(&export::run_sheet::render(&plan, export::run_sheet::SheetFormat::Txt))?;
        eprintln!("runde: {hint} runde plan {path} --json");
        return Ok(());
    }
    let says = cli_strings(plan.lang);
    let editor = editor_command(plan.lang)?;
    // A refused edit waits on this machine (never in the shared folder) and
    // is offered again, merged over the plan it was made from.
    let state = crate::store::drafts::state_root()?;
    let (text, base) = match plan_guard::rejected(&state, &dir)? {
        Some((kept, text, kept_base)) => {
            eprintln!("runde: {} {}", cli_strings(plan.lang).reopened_rejected, kept.display());
            (text, kept_base.unwrap_or_else(|| started_from.clone()))
        }
        None => (current.clone(), started_from.clone()),
    };
    // The working copy: private, on this machine, O_EXCL under a random name.
    let leftovers = plan_guard::leftovers_dir(&state, &dir)?;
    let mut draft = crate::store::files::new_temp(&leftovers, "edit-", ".json")?;
    draft
        .as_file_mut()
        .write_all(text.as_bytes())
        .and_then(|()| draft.as_file_mut().sync_all())
        .map_err(|e| Error::io(draft.path(), e))?;
    // The editor is run directly, never through a shell.
    let mut parts = editor.split_whitespace();
    let program = parts.next().ok_or_else(|| Error::Usage(says.editor_empty().into()))?;
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(draft.path())
        .status()
        .map_err(|e| Error::io(program, e))?;
    if !status.success() {
        return Err(Error::Invalid(says.editor_failed(program)));
    }
    let edited = crate::store::plan_file::read_session_text(draft.path())?;
    if edited == text && text == current {
        eprintln!("runde: {}", says.no_changes());
        return Ok(());
    }
    // (line in the edited text, why)
    let refusal = match Plan::parse(&plan_path, &edited) {
        Err(Error::Parse { line, problem, .. }) => Some((Some(line), crate::i18n::check::problem(&problem, plan.lang))),
        Err(e) => Some((None, e.to_string())),
        Ok(new_plan) => orphaned_by(&dir, &new_plan, plan.lang)?.map(|why| (None, why)),
    };
    if let Some((line, why)) = refusal {
        let kept = plan_guard::keep_rejected(&state, &dir, &edited, &base)?;
        let at = line.map(|l| format!("{}:{l}: ", kept.display())).unwrap_or_default();
        let kept = says.edit_kept(&kept.display().to_string(), path);
        return Err(Error::Invalid(format!("{at}{why}\n{kept}")));
    }
    let words = crate::i18n::plan_guard::words(plan.lang);
    match plan_guard::save(&state, &dir, &base, &edited)? {
        Saved::Written => eprintln!("runde: {}", says.plan_updated()),
        Saved::Merged { theirs, .. } => eprintln!("runde: {} {}", words.merged, theirs.join(", ")),
        Saved::Refused(r) => {
            let mut lines = vec![words.refused.to_string()];
            lines.extend(crate::i18n::plan_guard::describe(
                &r.clashes,
                r.invalid.as_ref(),
                &r.kept,
                plan.lang,
            ));
            lines.push(words.settle_cli.replace("{path}", path));
            return Err(Error::Invalid(lines.join("\n")));
        }
    }
    plan_guard::clear_rejected(&state, &dir)?;
    Ok(())
}

/// Editors tried, in order, when neither $VISUAL nor $EDITOR is set.
pub(super) const FALLBACK_EDITORS: [&str; 3] = ["editor", "nano", "vi"];

/// The editor command: $VISUAL, $EDITOR, else the first fallback on PATH.
pub(super) fn editor_command(lang: crate::model::Lang) -> Result<String> {
    for var in ["VISUAL", "EDITOR"] {
        if let Ok(value) = std::env::var(var) {
            if !value.trim().is_empty() {
                return Ok(value);
            }
        }
    }
    FALLBACK_EDITORS
        .iter()
        .find(|e| on_path(e))
        .map(|e| e.to_string())
        .ok_or_else(|| Error::Usage(cli_strings(lang).set_editor(&FALLBACK_EDITORS.join(", "))))
}

/// True when an executable file `program` is in a folder of PATH.
pub(super) fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| is_executable(&d.join(program))))
}

#[cfg(unix)]
pub(super) fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
pub(super) fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Why `new_plan` must not replace the plan of the session in `dir`: the
/// notes it would leave without a board or section (notes already without
/// one do not count).
pub(super) fn orphaned_by(dir: &Path, new_plan: &Plan, lang: crate::model::Lang) -> Result<Option<String>> {
    let session = Session::open(dir)?;
    let mut lost: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for n in session.state().live_notes() {
        let place = (n.board.clone(), n.section.clone());
        let kept = new_plan.board(&n.board).and_then(|b| b.section(&n.section)).is_some();
        if !kept && !session.orphans().contains(&place) {
            *lost.entry((n.board.as_str(), n.section.as_str())).or_insert(0) += 1;
        }
    }
    if lost.is_empty() {
        return Ok(None);
    }
    let says = cli_strings(lang);
    let places: Vec<String> = lost
        .iter()
        .map(|((board, section), count)| says.orphaned_place(section, board, *count))
        .collect();
    Ok(Some(says.edit_orphans(&places.join(", "))))
}

/// Writes the sample Syncthing ignore file unless one exists.
pub(super) fn write_stignore(dir: &Path, lang: crate::model::Lang) -> Result<()> {
    use crate::store::sync::{STIGNORE_SAMPLE, stignore_path};
    let path = stignore_path(dir);
    let shown = path.display().to_string();
    if path.exists() {
        eprintln!("runde: {}", cli_strings(lang).kept_existing(&shown));
        return Ok(());
    }
    std::fs::write(&path, STIGNORE_SAMPLE).map_err(|e| Error::io(&path, e))?;
    eprintln!("runde: {}", cli_strings(lang).wrote_file(&shown));
    Ok(())
}

/// `runde plan PATH --resolve [--keep current|COPY]`.
pub(super) fn resolve_plan_cmd(path: &str, keep: Option<&str>) -> Result<()> {
    use crate::store::sync;
    let dir = paths::resolve(path)?;
    let says = cli_strings(lang_of(path));
    if let Some(keep) = keep {
        let removed = sync::resolve_plan(&dir, keep)?;
        eprintln!("runde: {}", says.kept_removed(keep, &sync::names(&removed)));
        return Ok(());
    }
    let copies = sync::plan_conflicts(&dir);
    if copies.is_empty() {
        eprintln!("runde: {}", says.no_conflict_copies(&dir.display().to_string()));
        return Ok(());
    }
    let current = read_text(&dir.join(PLAN_FILE))?;
    let mut out = String::new();
    for copy in &copies {
        let name = copy
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let other = read_text(copy)?;
        out.push_str(&format!(
            "--- {PLAN_FILE} ({})\n+++ {name}\n{}\n",
            says.current(),
            sync::line_difference(&current, &other)
        ));
    }
    out.push_str(&says.resolve_howto(path));
    emit(&out)
}
