//! The words of guarded plan saves (`runde prepare`, `runde plan --edit`):
//! a plan changed elsewhere, merged edits, refused ones and how to settle.
use crate::model::Lang;

/// Words about saving a plan someone else changed meanwhile.
pub struct PlanGuardWords {
    /// Before a clash: this person's value.
    pub yours: &'static str,
    /// Before a clash: the other edit's value.
    pub theirs: &'static str,
    /// Before a clash: the value both started from.
    pub was: &'static str,
    /// Before where the refused edit is kept.
    pub kept_in: &'static str,
    /// Before why two edits could not be merged (not a clash).
    pub cannot_merge: &'static str,
    /// A save that merged another edit, before the fields it changed.
    pub merged: &'static str,
    /// A save refused: both changed the same fields.
    pub refused: &'static str,
    /// How to settle a refusal in the plan editor.
    pub settle_prepare: &'static str,
    /// How to settle a refusal from the command line (`{path}` is the session).
    pub settle_cli: &'static str,
    /// Banner: changed elsewhere while there are unsaved changes here.
    pub changed_elsewhere: &'static str,
    /// The plan was reloaded because it changed elsewhere.
    pub reloaded: &'static str,
    /// The plan on disk does not parse (someone is editing it).
    pub unreadable_elsewhere: &'static str,
}

const DE: PlanGuardWords = PlanGuardWords {
    yours: "deins",
    theirs: "dort",
    was: "vorher",
    kept_in: "Deine Fassung liegt in",
    cannot_merge: "Nicht zusammenführbar:",
    merged: "Gespeichert – zusammengeführt mit der Änderung von anderswo an:",
    refused: "Nicht gespeichert – der Plan wurde inzwischen anderswo geändert, in denselben Feldern:",
    settle_prepare: "Strg-S speichert jetzt deine Werte für diese Felder, alles andere von dort bleibt; q ohne Speichern verwirft deine.",
    settle_cli: "`runde plan {path} --edit` öffnet deine Fassung (mit allem anderen von dort) zum Entscheiden.",
    changed_elsewhere: "⚠ Plan wurde anderswo geändert – Speichern führt feldweise zusammen:",
    reloaded: "Neu geladen – der Plan wurde anderswo geändert:",
    unreadable_elsewhere: "⚠ Der Plan auf der Platte ist gerade nicht lesbar (wird er anderswo bearbeitet?)",
};

const EN: PlanGuardWords = PlanGuardWords {
    yours: "yours",
    theirs: "there",
    was: "was",
    kept_in: "Your version is kept in",
    cannot_merge: "Cannot merge:",
    merged: "Saved – merged with the change made elsewhere to:",
    refused: "Not saved – the plan was changed elsewhere meanwhile, in the same fields:",
    settle_prepare: "Ctrl-S now saves your values for these fields and keeps everything else from there; q without saving drops yours.",
    settle_cli: "`runde plan {path} --edit` opens your version (with everything else from there) to decide.",
    changed_elsewhere: "⚠ The plan was changed elsewhere – saving merges field by field:",
    reloaded: "Reloaded – the plan was changed elsewhere:",
    unreadable_elsewhere: "⚠ The plan on disk cannot be read right now (is someone editing it?)",
};

/// The words in `lang`.
pub fn words(lang: Lang) -> &'static PlanGuardWords {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// Lines that show a refused plan edit to a person: why it could not be
/// merged (`invalid`), every clash with both sides and what it was, and
/// where the person's version is kept.
pub fn describe(
    clashes: &[crate::model::merge::Clash],
    invalid: Option<&crate::model::problem::Unmerged>,
    kept: &std::path::Path,
    lang: crate::model::Lang,
) -> Vec<String> {
    use crate::model::merge::show;
    let s = words(lang);
    let mut out = Vec::new();
    if let Some(why) = invalid {
        out.push(format!("{} {}", s.cannot_merge, super::check::unmerged(why, lang)));
    }
    for c in clashes {
        let field = if c.path.is_empty() { "(plan)" } else { c.path.as_str() };
        out.push(format!(
            "{field}: {} {} · {} {} · {} {}",
            s.yours,
            show(c.mine.as_ref()),
            s.theirs,
            show(c.theirs.as_ref()),
            s.was,
            show(c.base.as_ref())
        ));
    }
    out.push(format!("{} {}", s.kept_in, kept.display()));
    out
}
