//! The words of the plenary synthesis (marks, findings, suggestions).
use super::Lang;

/// The words of the plenary synthesis (marks, findings, suggestions).
#[derive(Debug)]
pub struct SynthesisStrings {
    pub marked: &'static str,
    pub finding_prompt: &'static str,
    pub finding_saved: &'static str,
    pub sources_word: &'static str,
    pub already_in_finding: &'static str,
    /// A finding marked or copied as if it were a group's note.
    pub is_finding: &'static str,
    pub marks_cleared: &'static str,
    lang: Lang,
}

const SYNTHESIS_DE: SynthesisStrings = SynthesisStrings {
    marked: "markiert – f fasst sie zu einer Erkenntnis zusammen, Esc hebt auf",
    finding_prompt: "Erkenntnis – die markierten Notizen zu einem Satz verdichten",
    finding_saved: "Erkenntnis gespeichert",
    sources_word: "Quellen",
    already_in_finding: "diese Notiz steht schon in einer Erkenntnis – nicht noch einmal kopiert",
    is_finding: "das ist schon eine Erkenntnis – markieren und kopieren lassen sich die Notizen der Gruppen",
    marks_cleared: "Markierungen aufgehoben",
    lang: Lang::De,
};

const SYNTHESIS_EN: SynthesisStrings = SynthesisStrings {
    marked: "marked – f merges them into one finding, Esc clears",
    finding_prompt: "Finding – condense the marked notes into one sentence",
    finding_saved: "Finding saved",
    sources_word: "sources",
    already_in_finding: "this note is already in a finding – not copied again",
    is_finding: "this is a finding already – mark and copy the groups' notes",
    marks_cleared: "Marks cleared",
    lang: Lang::En,
};

/// The synthesis words of a language.
pub fn synthesis_strings(lang: Lang) -> &'static SynthesisStrings {
    match lang {
        Lang::De => &SYNTHESIS_DE,
        Lang::En => &SYNTHESIS_EN,
    }
}

impl SynthesisStrings {
    /// "auch in Gruppe 2, 4" / "also in groups 2, 4" (numbers as shown on screen).
    pub fn also_in(&self, groups: &[usize]) -> String {
        let list: Vec<String> = groups.iter().map(usize::to_string).collect();
        let list = list.join(", ");
        match (self.lang, groups.len()) {
            (Lang::De, _) => format!("auch in Gruppe {list}"),
            (Lang::En, 1) => format!("also in group {list}"),
            (Lang::En, _) => format!("also in groups {list}"),
        }
    }

    /// "genannt in 3 von 4 Workshops" / "raised in 3 of 4 workshops".
    pub fn raised_in(&self, count: usize, total: usize) -> String {
        match (self.lang, total) {
            (Lang::De, 1) => format!("genannt in {count} von {total} Workshop"),
            (Lang::De, _) => format!("genannt in {count} von {total} Workshops"),
            (Lang::En, 1) => format!("raised in {count} of {total} workshop"),
            (Lang::En, _) => format!("raised in {count} of {total} workshops"),
        }
    }

    /// "1 Quelle gelöscht" / "2 sources deleted".
    pub fn sources_gone(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::De, 1) => "1 Quelle gelöscht".to_string(),
            (Lang::De, n) => format!("{n} Quellen gelöscht"),
            (Lang::En, 1) => "1 source deleted".to_string(),
            (Lang::En, n) => format!("{n} sources deleted"),
        }
    }
}
