//! The words of `runde check` and of malformed files: every
//! [`FindingKind`], [`ParseProblem`] and refused entry, in German and
//! English. The store and the model hand over data; the sentences are here.
use crate::model::Lang;
use crate::model::check::{Bound, FindingKind, Rejection, SkipReason};
use crate::model::problem::{BadValue, Damage, IdOf, ParseProblem, StoreProblem, ValueKind};

/// One finding of `runde check` as a sentence in `lang` (without its
/// `path:line:` prefix, which the caller writes).
pub fn describe(kind: &FindingKind, lang: Lang) -> String {
    let de = lang == Lang::De;
    match kind {
        FindingKind::Malformed(p) => problem(p, lang),
        FindingKind::Unreadable { detail } if de => format!("nicht lesbar ({detail})"),
        FindingKind::Unreadable { detail } => format!("cannot be read ({detail})"),
        FindingKind::Failed { detail } => detail.clone(),
        FindingKind::Refused(p) => store_problem(p, lang),
        FindingKind::Skipped(why) if de => format!(
            "{}: übersprungen – runde liest nichts daraus, und sonst ist niemand betroffen; \
             löschen oder aus dem Sitzungsordner verschieben",
            skip_reason(why, lang)
        ),
        FindingKind::Skipped(why) => format!(
            "{}: skipped — runde reads nothing from it and nobody else is affected; \
             remove it or move it out of the session folder",
            skip_reason(why, lang)
        ),
        FindingKind::Rejected(r) if de => format!("{}: Eintrag übergangen", rejection(r, lang)),
        FindingKind::Rejected(r) => format!("{}: record ignored", rejection(r, lang)),
        FindingKind::TornTail { bytes } if de => format!(
            "wiederhergestellt: eine unfertige letzte Zeile ({bytes} Bytes) eines unterbrochenen Schreibers übergangen"
        ),
        FindingKind::TornTail { bytes } => {
            format!("recovered: ignored an unfinished last record ({bytes} bytes) from an interrupted writer")
        }
        FindingKind::AtCeiling { ceiling } if de => format!(
            "Lamport-Uhr an rundes Obergrenze ({ceiling}): dorthin kommt keine Sitzung durch Schreiben – \
             ein Eintrag mit riesiger Uhr wurde eingeschleust, und jeder Schreiber seitdem bleibt an der \
             Obergrenze, seine Einträge werden also nach Schreiber statt nach Gesehenem geordnet; die Datei, \
             deren erste solche Zeile am frühesten liegt, enthält den eingeschleusten Eintrag: aus log/ verschieben"
        ),
        FindingKind::AtCeiling { ceiling } => format!(
            "Lamport clock at runde's ceiling ({ceiling}): no session gets there by writing — a record with a huge \
             clock was planted, and every writer since stays at the ceiling, so their events are ordered by \
             writer instead of by what each had seen; the file whose first such line is earliest holds the \
             planted record: move it out of log/"
        ),
        FindingKind::ClockOff { writer, offset, behind } if de => {
            let how = match behind {
                true => "seine Timer-Fakten tragen Zeiten vor Fakten, die er schon kannte, und stehen nach ihnen",
                false => "er stempelt Fakten in die Zukunft; seine Timer-Fakten stehen in der Reihenfolge des Logs",
            };
            format!(
                "die Uhr des Schreibers {writer} geht um {offset} oder mehr gegenüber dem Log falsch ({how}); \
                 die Uhr dieses Rechners stellen"
            )
        }
        FindingKind::ClockOff { writer, offset, behind } => {
            let how = match behind {
                true => "its timer facts were stamped before facts it had already seen, and were placed after them",
                false => "it stamps facts in the future; its timer facts are placed by the log's order",
            };
            format!(
                "the clock of writer {writer} is off by {offset} or more against the log ({how}); \
                 set that computer's clock"
            )
        }
        FindingKind::PlanConflict { session } if de => format!(
            "Konfliktkopie des Plans: zwei Laptops haben session.json gleichzeitig bearbeitet, und eine \
             Änderung steht nur in dieser Datei; vergleichen und eine behalten mit `runde plan {session} --resolve`"
        ),
        FindingKind::PlanConflict { session } => format!(
            "conflict copy of the plan: two laptops edited session.json at once and one edit is only in this file; \
             compare and keep one with `runde plan {session} --resolve`"
        ),
        FindingKind::LogConflict {
            original,
            differs: false,
        } if de => format!(
            "Konfliktkopie des Logs {original}, runde liest sie nicht; sie enthält nichts, was dem Original \
             fehlt: löschen"
        ),
        FindingKind::LogConflict {
            original,
            differs: false,
        } => format!(
            "conflict copy of log {original}, runde does not read it; it holds nothing the original lacks: delete it"
        ),
        FindingKind::LogConflict {
            original,
            differs: true,
        } if de => format!(
            "Konfliktkopie des Logs {original}, runde liest sie nicht; sie weicht vom Original ab (wurde ein \
             Sitzungsordner kopiert und auf zwei Laptops beschrieben?): aus dem Sitzungsordner verschieben und \
             aufheben, bis die Exporte verglichen sind"
        ),
        FindingKind::LogConflict {
            original,
            differs: true,
        } => format!(
            "conflict copy of log {original}, runde does not read it; it differs from the original \
             (was one session folder copied and written on two laptops?): move it out of the session \
             folder and keep it until you have compared the exports"
        ),
        FindingKind::PlaceholderTitle { title } if de => format!(
            "Warnung: der Titel des Treffens {title:?} ist ein Platzhalter; vor dem Export des Protokolls das \
             echte Thema eintragen"
        ),
        FindingKind::PlaceholderTitle { title } => format!(
            "warning: the meeting's title {title:?} is a placeholder; set the real topic before exporting minutes"
        ),
        FindingKind::PlaceholderBoard { board, title } if de => {
            format!("Warnung: Tafel {board} hat den Platzhalter-Titel {title:?}; den Titel des Vortrags eintragen")
        }
        FindingKind::PlaceholderBoard { board, title } => {
            format!("warning: board {board} has the placeholder title {title:?}; set the talk's title")
        }
        FindingKind::Orphan { note, board, section } if de => {
            format!("Notiz {note} steht in Abschnitt {section:?} der Tafel {board:?}, den der Plan nicht hat")
        }
        FindingKind::Orphan { note, board, section } => {
            format!("note {note} is in section {section:?} of board {board:?}, which the plan does not have")
        }
        FindingKind::GoneSources {
            finding,
            board,
            gone,
            of,
        } if de => format!(
            "Erkenntnis {finding} auf Tafel {board:?}: {gone} ihrer {of} Quellnotizen fehlen (gelöscht oder \
             nicht angekommen)"
        ),
        FindingKind::GoneSources {
            finding,
            board,
            gone,
            of,
        } => format!(
            "finding {finding} on board {board:?}: {gone} of its {of} source notes are gone (deleted or missing)"
        ),
    }
}

/// What is wrong at a line of a file, in `lang`.
pub fn problem(p: &ParseProblem, lang: Lang) -> String {
    let de = lang == Lang::De;
    let id_of = |of: &IdOf| match (of, de) {
        (IdOf::Board, true) => "Tafel-Kennung",
        (IdOf::Board, false) => "board id",
        (IdOf::Section, true) => "Abschnitts-Kennung",
        (IdOf::Section, false) => "section id",
    };
    match p {
        ParseProblem::NotAPlan if de => "kein Plan".into(),
        ParseProblem::NotAPlan => "not a plan".into(),
        ParseProblem::InvalidUtf8 if de => "ungültiges UTF-8".into(),
        ParseProblem::InvalidUtf8 => "invalid UTF-8".into(),
        ParseProblem::NewerPlanFormat { found, known } if de => {
            format!("Planformat {found} ist neuer, als diese runde-Version versteht ({known}); runde aktualisieren")
        }
        ParseProblem::NewerPlanFormat { found, known } => {
            format!("plan format {found} is newer than this runde understands ({known}); upgrade runde")
        }
        ParseProblem::NewerLogFormat { found, known } if de => {
            format!("Logformat {found} ist neuer, als diese runde-Version versteht ({known}); runde aktualisieren")
        }
        ParseProblem::NewerLogFormat { found, known } => {
            format!("log format {found} is newer than this runde understands ({known}); upgrade runde")
        }
        ParseProblem::UnknownKey { key } if de => format!("unbekannter Schlüssel `{key}`"),
        ParseProblem::UnknownKey { key } => format!("unknown key `{key}`"),
        ParseProblem::MissingKey { key } if de => format!("der nötige Schlüssel `{key}` fehlt"),
        ParseProblem::MissingKey { key } => format!("missing required key `{key}`"),
        ParseProblem::FileEnds if de => "die Datei endet mitten in einem Wert".into(),
        ParseProblem::FileEnds => "the file ends in the middle of a value".into(),
        ParseProblem::BadValue(bad) => bad_value(bad, lang),
        ParseProblem::Json(detail) if de => format!("kein gültiges JSON ({detail})"),
        ParseProblem::Json(detail) => format!("not valid JSON ({detail})"),
        ParseProblem::NoBoards if de => "ein Plan braucht mindestens eine Tafel".into(),
        ParseProblem::NoBoards => "a plan needs at least one board".into(),
        ParseProblem::BadId { of, id } if de => format!(
            "{} {id:?} darf nur Buchstaben, Ziffern, '-' und '_' enthalten",
            id_of(of)
        ),
        ParseProblem::BadId { of, id } => {
            format!("{} {id:?} may only contain letters, digits, '-' and '_'", id_of(of))
        }
        ParseProblem::DuplicateBoard { id } if de => format!("Tafel-Kennung {id:?} doppelt"),
        ParseProblem::DuplicateBoard { id } => format!("duplicate board id {id:?}"),
        ParseProblem::NoSections { board } if de => format!("Tafel {board:?} braucht mindestens einen Abschnitt"),
        ParseProblem::NoSections { board } => format!("board {board:?} needs at least one section"),
        ParseProblem::DuplicateSection { board, id } if de => {
            format!("Abschnitts-Kennung {id:?} doppelt in Tafel {board:?}")
        }
        ParseProblem::DuplicateSection { board, id } => format!("duplicate section id {id:?} in board {board:?}"),
        ParseProblem::TableColumns { board } if de => {
            format!("die Tabelle der Tafel {board:?} braucht genau zwei Spalten")
        }
        ParseProblem::TableColumns { board } => format!("the table of board {board:?} needs exactly two columns"),
        ParseProblem::UnknownColumn { board, column } if de => {
            format!("Tabellenspalte {column:?} ist kein Abschnitt der Tafel {board:?}")
        }
        ParseProblem::UnknownColumn { board, column } => {
            format!("table column {column:?} is not a section of board {board:?}")
        }
        ParseProblem::UnknownZone { zone } if de => {
            format!("unbekannte Zeitzone {zone:?} (einen IANA-Namen wie \"Europe/Berlin\" angeben)")
        }
        ParseProblem::UnknownZone { zone } => {
            format!("unknown time zone {zone:?} (use an IANA name such as \"Europe/Berlin\")")
        }
        ParseProblem::DuplicatePhase { id } if de => format!("Agenda-Kennung {id:?} doppelt"),
        ParseProblem::DuplicatePhase { id } => format!("duplicate agenda id {id:?}"),
        ParseProblem::PhaseUnknownBoard { phase, board } if de => {
            format!("Agenda-Phase {phase:?} nennt die unbekannte Tafel {board:?}")
        }
        ParseProblem::PhaseUnknownBoard { phase, board } => {
            format!("agenda phase {phase:?} names unknown board {board:?}")
        }
        ParseProblem::CorruptRecord(why) if de => format!(
            "beschädigter Eintrag ({}) mit gültigen Einträgen danach; runde lässt diese Datei unberührt – \
             aus log/ verschieben, um die Sitzung ohne sie zu öffnen",
            damage(*why, lang)
        ),
        ParseProblem::CorruptRecord(why) => format!(
            "corrupt record ({}) with valid records after it; runde leaves this file untouched — \
             move it out of log/ to open the session without it",
            damage(*why, lang)
        ),
        ParseProblem::Detail(text) => text.clone(),
    }
}

/// A value that is not a date, time or language, in `lang`.
pub fn bad_value(bad: &BadValue, lang: Lang) -> String {
    let given = &bad.given;
    match (bad.kind, lang) {
        (ValueKind::Date, Lang::De) => format!("ungültiges Datum {given:?} (erwartet JJJJ-MM-TT, etwa 2021-10-05)"),
        (ValueKind::Date, Lang::En) => format!("invalid date {given:?} (expected YYYY-MM-DD)"),
        (ValueKind::Time, Lang::De) => format!("ungültige Uhrzeit {given:?} (erwartet HH:MM)"),
        (ValueKind::Time, Lang::En) => format!("invalid time {given:?} (expected HH:MM)"),
        (ValueKind::Lang, Lang::De) => format!("unbekannte Sprache {given:?} (erwartet de oder en)"),
        (ValueKind::Lang, Lang::En) => format!("unknown language {given:?} (expected de or en)"),
    }
}

/// How a log line is damaged, in `lang`.
pub fn damage(d: Damage, lang: Lang) -> &'static str {
    match (d, lang) {
        (Damage::NotARecord, Lang::De) => "kein runde-Eintrag",
        (Damage::NotARecord, Lang::En) => "not a runde record",
        (Damage::NoChecksum, Lang::De) => "Eintrag ohne Prüfsumme",
        (Damage::NoChecksum, Lang::En) => "record has no checksum",
        (Damage::ChecksumMismatch, Lang::De) => "Prüfsumme stimmt nicht",
        (Damage::ChecksumMismatch, Lang::En) => "checksum mismatch",
        (Damage::NotAHeader, Lang::De) => "kein Kopf eines runde-Logs",
        (Damage::NotAHeader, Lang::En) => "not a runde log header",
    }
}

/// Why runde does not read an entry of the folder, in `lang`.
pub fn skip_reason(why: &SkipReason, lang: Lang) -> String {
    match (why, lang) {
        (SkipReason::Link, Lang::De) => "ein symbolischer Link; runde folgt keinem Link in einem Sitzungsordner".into(),
        (SkipReason::Link, Lang::En) => "a symbolic link; runde never follows links in a session folder".into(),
        (SkipReason::NotAFile, Lang::De) => "keine gewöhnliche Datei (ein Ordner, FIFO, Socket oder Gerät)".into(),
        (SkipReason::NotAFile, Lang::En) => "not a regular file (a folder, FIFO, socket or device)".into(),
        (SkipReason::NotUtf8, Lang::De) => "ein Dateiname, der kein UTF-8 ist".into(),
        (SkipReason::NotUtf8, Lang::En) => "a file name that is not UTF-8".into(),
        (SkipReason::Unreadable(detail), Lang::De) => format!("nicht lesbar ({detail})"),
        (SkipReason::Unreadable(detail), Lang::En) => format!("cannot be read ({detail})"),
    }
}

/// Why a log line was ignored, in `lang`.
pub fn rejection(r: &Rejection, lang: Lang) -> String {
    let de = lang == Lang::De;
    match r {
        Rejection::OutOfRange(b) => bound(b, lang),
        Rejection::Unreadable { detail } if de => format!("unlesbares Ereignis: {detail}"),
        Rejection::Unreadable { detail } => format!("unreadable event: {detail}"),
        Rejection::Impostor { claimed } if de => format!(
            "der Kopf nennt den Schreiber {claimed:?}, aber das Log eines Schreibers trägt seinen Namen: \
             diese Datei stammt nicht von runde und wird übergangen"
        ),
        Rejection::Impostor { claimed } => format!(
            "the header claims the writer {claimed:?}, but a writer's log is named after it: \
             this file was not written by runde and is ignored"
        ),
        Rejection::Oversize { mib } if de => {
            format!("Eintrag länger als {mib} MiB: übergangen, mit dem Rest dieser Datei")
        }
        Rejection::Oversize { mib } => format!("record longer than {mib} MiB: ignored, with the rest of this file"),
    }
}

/// An event value beyond runde's limits, in `lang`.
pub fn bound(b: &Bound, lang: Lang) -> String {
    let de = lang == Lang::De;
    let out_of_range = |what_de: &str, what_en: &str, value: &dyn std::fmt::Display| match de {
        true => format!("{what_de} {value} außerhalb des Bereichs"),
        false => format!("{what_en} {value} out of range"),
    };
    match b {
        Bound::Seq(n) => out_of_range("Folgenummer", "sequence number", n),
        Bound::Lamport(n) => out_of_range("Lamport-Uhr", "Lamport clock", n),
        Bound::WallTime(n) => out_of_range("Uhrzeit", "wall time", n),
        Bound::MeetingNumber(n) => out_of_range("Treffen-Nummer", "meeting number", n),
        Bound::TimerLength(ms) => out_of_range("Timer-Länge (ms)", "timer length (ms)", ms),
        Bound::TimerExtension(ms) => out_of_range("Timer-Verlängerung (ms)", "timer extension (ms)", ms),
        Bound::TimerSteps(n) if de => format!("{n} Timer-Schritte in einem Eintrag"),
        Bound::TimerSteps(n) => format!("{n} timer steps in one fact"),
        Bound::KeyLength(n) if de => format!("Positionsschlüssel mit {n} Zeichen"),
        Bound::KeyLength(n) => format!("position key of {n} characters"),
        Bound::Decision if de => "Entscheidung mit übergroßem Feld".into(),
        Bound::Decision => "decision with an oversized field".into(),
        Bound::SignOff if de => "Freigabe mit übergroßem Feld".into(),
        Bound::SignOff => "sign-off with an oversized field".into(),
    }
}

/// An entry that was not written, in `lang`.
pub fn not_saved(r: &Rejection, lang: Lang) -> String {
    match (r, lang) {
        (Rejection::Oversize { mib }, Lang::De) => format!("nicht gespeichert: der Eintrag ist länger als {mib} MiB"),
        (Rejection::Oversize { mib }, Lang::En) => format!("not saved: the entry is longer than {mib} MiB"),
        (other, Lang::De) => format!("nicht gespeichert: {}", rejection(other, lang)),
        (other, Lang::En) => format!("not saved: {}", rejection(other, lang)),
    }
}

/// Why the store refused or failed an operation, in `lang`.
pub fn store_problem(p: &StoreProblem, lang: Lang) -> String {
    use StoreProblem as S;
    let de = lang == Lang::De;
    let shown = |p: &std::path::Path| p.display().to_string();
    match p {
        S::NoSuchFolder { path } if de => format!("{}: diesen Sitzungsordner gibt es nicht", shown(path)),
        S::NoSuchFolder { path } => format!("{}: no such session folder", shown(path)),
        S::NotASession { path } if de => format!(
            "{}: keine runde-Sitzung (kein session.json); mit `runde new` anlegen",
            shown(path)
        ),
        S::NotASession { path } => format!(
            "{}: not a runde session (no session.json); create one with `runde new`",
            shown(path)
        ),
        S::FolderGone { path } if de => format!("{}: der Sitzungsordner ist nicht mehr da", shown(path)),
        S::FolderGone { path } => format!("{}: the session folder no longer exists", shown(path)),
        S::LogRemoved { path } if de => format!(
            "{}: die Logdatei wurde entfernt, während runde hineinschrieb; nichts wurde gespeichert",
            shown(path)
        ),
        S::LogRemoved { path } => format!(
            "{}: the log file was removed while runde was writing to it; nothing was saved",
            shown(path)
        ),
        S::LogShrunk { path } if de => format!(
            "{}: die Logdatei wurde kürzer, während runde sie las; jemand hat sie abgeschnitten",
            shown(path)
        ),
        S::LogShrunk { path } => format!(
            "{}: the log file got shorter while runde was reading it; someone truncated it",
            shown(path)
        ),
        S::IsLink { path } if de => format!(
            "{}: ist ein symbolischer Link; runde folgt keinem Link in einem Sitzungsordner",
            shown(path)
        ),
        S::IsLink { path } => format!(
            "{}: is a symbolic link; runde does not follow links in a session folder",
            shown(path)
        ),
        S::NotAFile { path } if de => format!(
            "{}: keine gewöhnliche Datei (ein Ordner, FIFO oder Gerät); runde liest sie nicht",
            shown(path)
        ),
        S::NotAFile { path } => format!(
            "{}: not a regular file (a folder, FIFO or device); runde does not read it",
            shown(path)
        ),
        S::TooLarge { path, mib } if de => {
            format!("{}: größer als {mib} MiB; runde liest die Datei nicht", shown(path))
        }
        S::TooLarge { path, mib } => format!("{}: larger than {mib} MiB; runde does not read it", shown(path)),
        S::FolderNotEmpty { path } if de => format!(
            "{}: den Ordner gibt es schon, und er ist nicht leer; runde rührt ihn nicht an",
            shown(path)
        ),
        S::FolderNotEmpty { path } => format!(
            "{}: the folder exists and is not empty; runde will not touch it",
            shown(path)
        ),
        S::NoConflictCopies { path } if de => format!("{}: vom Plan gibt es keine Konfliktkopien", shown(path)),
        S::NoConflictCopies { path } => format!("{}: the plan has no conflict copies", shown(path)),
        S::NotAConflictCopy { given, copies } if de => format!(
            "{given:?} ist keine Konfliktkopie des Plans; `current` oder eine davon angeben: {}",
            copies.join(", ")
        ),
        S::NotAConflictCopy { given, copies } => format!(
            "{given:?} is not a conflict copy of the plan; use `current` or one of: {}",
            copies.join(", ")
        ),
        S::ChangedWhileResolving { plan, session } if de => format!(
            "{}: der Plan hat sich beim Auflösen geändert; nichts wurde ersetzt oder entfernt – \
             neu vergleichen mit `runde plan {} --resolve`",
            shown(plan),
            shown(session)
        ),
        S::ChangedWhileResolving { plan, session } => format!(
            "{}: the plan changed while resolving; nothing was replaced or removed — \
             compare again with `runde plan {} --resolve`",
            shown(plan),
            shown(session)
        ),
        S::TemplateExists { path } if de => {
            format!(
                "{}: eine Vorlage dieses Namens gibt es schon; erst entfernen",
                shown(path)
            )
        }
        S::TemplateExists { path } => format!("{}: a template of that name exists; remove it first", shown(path)),
        S::BadTemplateName { name } if de => {
            format!("Vorlagennamen dürfen nur Buchstaben, Ziffern, '-' und '_' enthalten: {name:?}")
        }
        S::BadTemplateName { name } => {
            format!("template names may only contain letters, digits, '-' and '_': {name:?}")
        }
        S::BuiltInTemplate { name } if de => {
            format!("{name:?} ist eine mitgelieferte Vorlage; einen anderen Namen wählen")
        }
        S::BuiltInTemplate { name } => format!("{name:?} is a built-in template; choose another name"),
        S::NoConfigDir { env } if de => format!("kein Konfigurationsordner zu finden; {env} setzen"),
        S::NoConfigDir { env } => format!("cannot find a config directory; set {env}"),
        S::NoDataDir { env } if de => format!("kein Datenordner zu finden; {env} setzen"),
        S::NoDataDir { env } => format!("cannot find a data directory; set {env}"),
        S::NoStateDir { env } if de => format!("kein lokaler Zustandsordner zu finden; {env} setzen"),
        S::NoStateDir { env } => format!("cannot find a local state directory; set {env}"),
        S::EmptyPath if de => "der Sitzungs-PATH ist leer".into(),
        S::EmptyPath => "the session PATH is empty".into(),
        S::WriterStopped if de => "nicht gespeichert: der Schreib-Thread ist beendet".into(),
        S::WriterStopped => "not saved: the writer thread has stopped".into(),
        S::WriterFailed if de => {
            "nicht gespeichert: ein früherer Eintrag dieses Schreibers ließ sich nicht speichern".into()
        }
        S::WriterFailed => "not saved: an earlier entry of this writer could not be saved".into(),
        S::TooManyViews { path } if de => {
            format!("{}: zu viele Ansichten dieses Schreibers sind offen", shown(path))
        }
        S::TooManyViews { path } => format!("{}: too many views of this writer are open", shown(path)),
        S::SignOffWithoutName if de => "eine Freigabe braucht den Namen dessen, der freigibt".into(),
        S::SignOffWithoutName => "a sign-off needs the name of who signs".into(),
        S::CannotWatch { path, detail } if de => {
            format!("{}: Änderungen lassen sich nicht beobachten: {detail}", shown(path))
        }
        S::CannotWatch { path, detail } => format!("{}: cannot watch for changes: {detail}", shown(path)),
        S::CannotEncode { what, detail } => {
            use crate::model::problem::Encoded;
            match (what, de) {
                (Encoded::Plan, true) => format!("der Plan lässt sich nicht als JSON schreiben: {detail}"),
                (Encoded::Plan, false) => format!("the plan cannot be written as JSON: {detail}"),
                (Encoded::Draft, true) => format!("Entwurf nicht gespeichert: {detail}"),
                (Encoded::Draft, false) => format!("draft not saved: {detail}"),
            }
        }
        S::EditNotJson { detail } if de => format!("kein Plan: {detail}"),
        S::EditNotJson { detail } => format!("not a plan: {detail}"),
    }
}

/// Why two edits of a plan could not be merged (not a clash), in `lang`.
pub fn unmerged(u: &crate::model::problem::Unmerged, lang: Lang) -> String {
    use crate::model::problem::Unmerged as U;
    let de = lang == Lang::De;
    match u {
        U::KeptChanging if de => "der Plan änderte sich beim Speichern immer wieder".into(),
        U::KeptChanging => "the plan kept changing while saving".into(),
        U::Removed if de => "die Plandatei wurde inzwischen entfernt".into(),
        U::Removed => "the plan file was removed meanwhile".into(),
        U::NotJson if de => "der Plan auf der Platte ist kein gültiges JSON (wird er gerade bearbeitet?)".into(),
        U::NotJson => "the plan on disk is not valid JSON (someone is editing it?)".into(),
        U::Invalid { line, problem: p } if de => format!("Zeile {line}: {}", problem(p, lang)),
        U::Invalid { line, problem: p } => format!("line {line}: {}", problem(p, lang)),
    }
}

/// Why the next meeting's plan cannot be made (`new --from`), in `lang`.
pub fn series_error(e: &crate::model::series::SeriesError, lang: Lang) -> String {
    use crate::model::series::SeriesError as S;
    match (e, lang) {
        (S::NoNextDate, Lang::De) => {
            "der Plan des vorigen Treffens hat kein \"next_meeting\"; das Datum mit --date angeben".into()
        }
        (S::NoNextDate, Lang::En) => {
            "the previous meeting's plan has no \"next_meeting\"; give the date with --date".into()
        }
        (S::LastNumber(n), Lang::De) => format!(
            "meeting_number {n} ist die größte Zahl, bis zu der runde zählen kann; im Plan eine kleinere setzen"
        ),
        (S::LastNumber(n), Lang::En) => {
            format!("meeting_number {n} is the largest runde can count to; set a smaller one in the plan")
        }
    }
}
