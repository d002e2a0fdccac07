//! The command line's sentences with data in them (paths, ids, counts):
//! what `export`, `check`, `plan`, `review`, `signoff`, `timer`, `new`,
//! `list` and `demo` say, and their usage errors — German and English side
//! by side.
use super::{CliStrings, Lang};

/// What `runde export` wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The calendar file: the invitation to the next meeting.
    Invitation,
    /// Minutes naming only people who agreed.
    Public,
    /// Minutes with every name.
    Internal,
}

/// "1 Erwähnung" / "2 Erwähnungen": `count` and the word's form for it.
fn counted(count: usize, one: &str, many: &str) -> String {
    match count {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

impl CliStrings {
    /// `count` doubtful mentions (nominative).
    fn doubtful(&self, count: usize) -> String {
        match self.lang {
            Lang::De => counted(count, "zweifelhafte Erwähnung", "zweifelhafte Erwähnungen"),
            Lang::En => counted(count, "doubtful mention", "doubtful mentions"),
        }
    }

    /// `move` without a place to move to.
    pub fn move_needs(&self) -> &'static str {
        match self.lang {
            Lang::De => "move braucht --board, --section oder --before",
            Lang::En => "move needs --board, --section or --before",
        }
    }

    /// `flag` without a flag.
    pub fn flag_needs(&self) -> &'static str {
        match self.lang {
            Lang::De => "flag braucht --follow-up, --done oder --clear",
            Lang::En => "flag needs --follow-up, --done or --clear",
        }
    }

    /// After a template's name in `template list`: shipped with runde.
    pub fn built_in(&self) -> &'static str {
        match self.lang {
            Lang::De => "eingebaut",
            Lang::En => "built-in",
        }
    }

    /// `timer extend` without minutes.
    pub fn extend_needs_minutes(&self) -> &'static str {
        match self.lang {
            Lang::De => "timer extend braucht MINUTES (Minuten)",
            Lang::En => "timer extend needs MINUTES",
        }
    }

    /// Minutes given to a timer command other than `extend`.
    pub fn minutes_only_with_extend(&self) -> &'static str {
        match self.lang {
            Lang::De => "MINUTES gibt es nur bei `timer extend`",
            Lang::En => "MINUTES only goes with `timer extend`",
        }
    }

    /// `timer` without `--board` on a plan whose boards have no timer length.
    pub fn no_timer_board(&self) -> &'static str {
        match self.lang {
            Lang::De => "keine Tafel hat eine Timer-Länge; eine mit --board nennen",
            Lang::En => "no board has a timer length; name one with --board",
        }
    }

    /// `timer extend` past a day either way.
    pub fn extend_range(&self, limit: i64, minutes: i64) -> String {
        match self.lang {
            Lang::De => format!("timer extend nimmt -{limit} bis {limit} Minuten (einen Tag), nicht {minutes}"),
            Lang::En => format!("timer extend takes -{limit} to {limit} minutes (a day), not {minutes}"),
        }
    }

    /// `add --stdin` could not read what others wrote; it goes on.
    pub fn reading_again(&self, why: &str) -> String {
        match self.lang {
            Lang::De => format!("{why} (vor der nächsten Notiz wird neu gelesen)"),
            Lang::En => format!("{why} (reading again before the next note)"),
        }
    }

    /// `add` without text.
    pub fn add_needs_text(&self) -> &'static str {
        match self.lang {
            Lang::De => "add braucht den Text der Notiz (TEXT oder --stdin)",
            Lang::En => "add needs the note's TEXT (or --stdin)",
        }
    }

    /// `export --check-public`: what the public minutes would replace.
    pub fn check_public(&self, replaced: usize, undecided: usize) -> String {
        let doubtful = self.doubtful(undecided);
        match self.lang {
            Lang::De => {
                let places = counted(replaced, "Stelle lautet", "Stellen lauten");
                format!("{places} im öffentlichen Protokoll [Name]; {doubtful} unentschieden (runde review)")
            }
            Lang::En => {
                let places = counted(replaced, "place will read", "places will read");
                format!("{places} [Name] in public minutes; {doubtful} undecided (runde review)")
            }
        }
    }

    /// `export --public`: how many mentions it replaced.
    pub fn replaced_mentions(&self, count: usize) -> String {
        match self.lang {
            Lang::De => format!(
                "{} von Personen ersetzt, die nicht genannt werden möchten",
                counted(count, "Erwähnung", "Erwähnungen")
            ),
            Lang::En => format!(
                "replaced {} of people who did not agree to be named",
                counted(count, "mention", "mentions")
            ),
        }
    }

    /// `export` is done: what it wrote, and where (stdout without `to`).
    pub fn wrote(&self, what: Written, to: Option<&str>) -> String {
        let (noun, note) = match (self.lang, what) {
            (Lang::De, Written::Invitation) => ("die Einladung zum nächsten Treffen", ""),
            (Lang::De, Written::Public) => ("öffentliches Protokoll", " (genannt wird nur, wer zugestimmt hat)"),
            (Lang::De, Written::Internal) => (
                "internes Protokoll",
                " (alle Namen bleiben; zum Veröffentlichen --public)",
            ),
            (Lang::En, Written::Invitation) => ("the invitation to the next meeting", ""),
            (Lang::En, Written::Public) => ("public minutes", " (only people who agreed are named)"),
            (Lang::En, Written::Internal) => ("internal minutes", " (all names kept; use --public for publication)"),
        };
        match (self.lang, to) {
            (Lang::De, Some(path)) => format!("{noun} nach {path} geschrieben{note}"),
            (Lang::De, None) => format!("{noun} geschrieben{note}"),
            (Lang::En, Some(path)) => format!("wrote {noun}{note} to {path}"),
            (Lang::En, None) => format!("wrote {noun}{note}"),
        }
    }

    /// `check` on a folder without a plan.
    pub fn not_a_session(&self, dir: &str, plan_file: &str) -> String {
        match self.lang {
            Lang::De => format!("{dir}: keine runde-Sitzung (kein {plan_file})"),
            Lang::En => format!("{dir}: not a runde session (no {plan_file})"),
        }
    }

    /// `check` found problems.
    pub fn problems_in(&self, count: usize, dir: &str) -> String {
        match self.lang {
            Lang::De => format!("{} in {dir}", counted(count, "Problem", "Probleme")),
            Lang::En => format!("{} in {dir}", counted(count, "problem", "problems")),
        }
    }

    /// `check` found none.
    pub fn healthy(&self, dir: &str) -> String {
        match self.lang {
            Lang::De => format!("{dir} ist in Ordnung"),
            Lang::En => format!("{dir} is healthy"),
        }
    }

    /// `$VISUAL`/`$EDITOR` hold only blanks.
    pub fn editor_empty(&self) -> &'static str {
        match self.lang {
            Lang::De => "$EDITOR ist leer",
            Lang::En => "$EDITOR is empty",
        }
    }

    /// The editor ended with an error.
    pub fn editor_failed(&self, program: &str) -> String {
        match self.lang {
            Lang::De => format!("{program} ist fehlgeschlagen; der Plan bleibt unverändert"),
            Lang::En => format!("{program} failed; the plan is unchanged"),
        }
    }

    /// No editor at all.
    pub fn set_editor(&self, tried: &str) -> String {
        match self.lang {
            Lang::De => {
                format!("zum Bearbeiten des Plans $VISUAL oder $EDITOR setzen (keiner von {tried} ist im PATH)")
            }
            Lang::En => format!("set $VISUAL or $EDITOR to edit the plan (none of {tried} is on PATH)"),
        }
    }

    /// `plan --edit` closed without a change.
    pub fn no_changes(&self) -> &'static str {
        match self.lang {
            Lang::De => "Keine Änderungen",
            Lang::En => "no changes",
        }
    }

    /// `plan --edit` saved.
    pub fn plan_updated(&self) -> &'static str {
        match self.lang {
            Lang::De => "Plan gespeichert",
            Lang::En => "plan updated",
        }
    }

    /// A refused edit: where it is kept and how to go on (after the reason).
    pub fn edit_kept(&self, kept: &str, path: &str) -> String {
        match self.lang {
            Lang::De => format!(
                "der Plan bleibt unverändert; deine Fassung liegt in {kept} (`runde plan {path} --edit` öffnet sie wieder)"
            ),
            Lang::En => {
                format!("the plan is unchanged; your edit is in {kept} (`runde plan {path} --edit` opens it again)")
            }
        }
    }

    /// A place an edit would take from notes.
    pub fn orphaned_place(&self, section: &str, board: &str, notes: usize) -> String {
        let notes = self.notes(notes);
        match self.lang {
            Lang::De => format!("Abschnitt {section:?} der Tafel {board:?} ({notes})"),
            Lang::En => format!("section {section:?} of board {board:?} ({notes})"),
        }
    }

    /// An edit that would take places from notes.
    pub fn edit_orphans(&self, places: &str) -> String {
        match self.lang {
            Lang::De => format!(
                "die Änderung entfernt oder benennt Stellen mit Notizen um: {places}; ihre Kennungen behalten \
                 (nur Titel ändern) oder die Notizen vorher mit `runde move` verschieben"
            ),
            Lang::En => format!(
                "the edit removes or renames places that hold notes: {places}; keep their ids \
                 (change only titles) or move the notes first with `runde move`"
            ),
        }
    }

    /// `new --sync`: an ignore file was there already.
    pub fn kept_existing(&self, path: &str) -> String {
        match self.lang {
            Lang::De => format!("vorhandene {path} behalten"),
            Lang::En => format!("kept the existing {path}"),
        }
    }

    /// A file written besides the session (the sample ignore file).
    pub fn wrote_file(&self, path: &str) -> String {
        match self.lang {
            Lang::De => format!("{path} geschrieben"),
            Lang::En => format!("wrote {path}"),
        }
    }

    /// `plan --resolve --keep`: which copy stayed, which went.
    pub fn kept_removed(&self, keep: &str, removed: &str) -> String {
        match self.lang {
            Lang::De => format!("{keep} behalten; entfernt: {removed}"),
            Lang::En => format!("kept {keep}; removed {removed}"),
        }
    }

    /// `plan --resolve` with nothing to resolve.
    pub fn no_conflict_copies(&self, dir: &str) -> String {
        match self.lang {
            Lang::De => format!("der Plan von {dir} hat keine Konfliktkopien"),
            Lang::En => format!("the plan of {dir} has no conflict copies"),
        }
    }

    /// The label of the current plan in `plan --resolve`'s differences.
    pub fn current(&self) -> &'static str {
        match self.lang {
            Lang::De => "aktuell",
            Lang::En => "current",
        }
    }

    /// After the differences of `plan --resolve`: the commands that settle.
    pub fn resolve_howto(&self, path: &str) -> String {
        match self.lang {
            Lang::De => format!(
                "den aktuellen Plan behalten:  runde plan {path} --resolve --keep current\n\
                 eine Kopie behalten:         runde plan {path} --resolve --keep 'NAME'\n\
                 (danach die Änderungen der anderen Seite mit `runde plan {path} --edit` nachtragen)\n"
            ),
            Lang::En => format!(
                "keep the current plan:  runde plan {path} --resolve --keep current\n\
                 keep a copy instead:    runde plan {path} --resolve --keep 'NAME'\n\
                 (then re-do the other side's edits with `runde plan {path} --edit`)\n"
            ),
        }
    }

    /// `review --list`: how many doubtful mentions wait for a decision.
    pub fn undecided_of(&self, open: usize, total: usize) -> String {
        match self.lang {
            Lang::De => {
                let total = counted(total, "zweifelhaften Erwähnung", "zweifelhaften Erwähnungen");
                format!("{open} von {total} unentschieden")
            }
            Lang::En => format!("{open} of {} undecided", self.doubtful(total)),
        }
    }

    /// `review --list` with undecided mentions: how to decide.
    pub fn decide_with(&self, summary: &str, path: &str) -> String {
        match self.lang {
            Lang::De => format!("{summary}: entscheiden mit `runde review {path}` oder --keep WORT / --redact WORT"),
            Lang::En => format!("{summary}: decide with `runde review {path}` or --keep WORD / --redact WORD"),
        }
    }

    /// `review --keep/--redact WORD` for a word of no listed name.
    pub fn not_a_name(&self, word: &str) -> String {
        match self.lang {
            Lang::De => format!("{word:?} gehört zu keinem Namen einer Person, die im Plan ohne Einwilligung steht"),
            Lang::En => format!("{word:?} is not part of the name of anyone listed without consent in the plan"),
        }
    }

    /// `review --keep/--redact WORD` done: every lone `word` is kept
    /// (`keep`) or replaced; `covered` mentions now.
    pub fn decided_word(&self, word: &str, keep: bool, covered: usize) -> String {
        match (self.lang, keep) {
            (Lang::De, true) => format!(
                "jedes alleinstehende {word:?} bleibt wie geschrieben (jetzt {})",
                counted(covered, "Erwähnung", "Erwähnungen")
            ),
            (Lang::De, false) => format!(
                "jedes alleinstehende {word:?} wird durch [Name] ersetzt (jetzt {})",
                counted(covered, "Erwähnung", "Erwähnungen")
            ),
            (Lang::En, true) => format!(
                "every lone {word:?} is kept as written ({} now)",
                counted(covered, "mention", "mentions")
            ),
            (Lang::En, false) => format!(
                "every lone {word:?} is replaced by [Name] ({} now)",
                counted(covered, "mention", "mentions")
            ),
        }
    }

    /// A board id the plan does not have.
    pub fn no_such_board(&self, board: &str) -> String {
        match self.lang {
            Lang::De => format!("{board}: keine solche Tafel"),
            Lang::En => format!("{board}: no such board"),
        }
    }

    /// `signoff` done.
    pub fn signed_off(&self, by: &str, board: &str, notes: usize, undecided: usize) -> String {
        let (notes, doubtful) = (self.notes(notes), self.doubtful(undecided));
        match self.lang {
            Lang::De => format!("{by} hat {board} freigegeben ({notes}, {doubtful} unentschieden)"),
            Lang::En => format!("{by} signed off {board} ({notes}, {doubtful} undecided)"),
        }
    }

    /// `export --require-signoff` with parts not signed off.
    pub fn signoff_required(&self, names: &str) -> String {
        match self.lang {
            Lang::De => format!(
                "nicht freigegeben: {names} – die Protokollführung jeder Gruppe gibt ihren Teil frei \
                 (`runde signoff PATH --board ID --by NAME` oder Taste P in `runde note`)"
            ),
            Lang::En => format!(
                "not signed off: {names} — each group's note-taker signs off its part \
                 (`runde signoff PATH --board ID --by NAME`, or key P in `runde note`)"
            ),
        }
    }

    /// `export`: parts not signed off yet.
    pub fn not_signed_off_yet(&self, names: &str) -> String {
        match self.lang {
            Lang::De => format!("noch nicht freigegeben: {names}"),
            Lang::En => format!("not signed off yet: {names}"),
        }
    }

    /// `new --from` a folder without a session.
    pub fn no_previous_session(&self, dir: &str) -> String {
        match self.lang {
            Lang::De => format!("{dir}: dort liegt keine frühere Sitzung"),
            Lang::En => format!("{dir}: no previous session there"),
        }
    }

    /// `new --template` with an unknown name.
    pub fn unknown_template(&self, name: &str, known: &str) -> String {
        match self.lang {
            Lang::De => format!("unbekannte Vorlage {name:?} (Vorlagen: {known})"),
            Lang::En => format!("unknown template {name:?} (templates: {known})"),
        }
    }

    /// `list` before any session.
    pub fn no_sessions_yet(&self, dir: &str) -> String {
        match self.lang {
            Lang::De => format!("noch keine Sitzungen in {dir}"),
            Lang::En => format!("no sessions yet in {dir}"),
        }
    }

    /// `list`: a folder that could not be read.
    pub fn cannot_open(&self, why: &str) -> String {
        match self.lang {
            Lang::De => format!("nicht lesbar: {why}"),
            Lang::En => format!("cannot open: {why}"),
        }
    }

    /// `demo`: where the example went.
    pub fn demo_copied(&self, dir: &str) -> String {
        match self.lang {
            Lang::De => format!("Demo-Sitzung nach {dir} kopiert"),
            Lang::En => format!("demo session copied to {dir}"),
        }
    }

    /// `demo` ended: the folder stays, and how to take notes in it.
    pub fn demo_stays(&self, dir: &str, board: &str) -> String {
        match self.lang {
            Lang::De => format!(
                "die Demo-Sitzung bleibt in {dir}\nrunde: in einem zweiten Terminal ausprobieren: \
                 `runde note {dir} --board {board}`"
            ),
            Lang::En => format!(
                "the demo session stays in {dir}\nrunde: try `runde note {dir} --board {board}` in a second terminal"
            ),
        }
    }
}
