//! A header line fitted to its width: a title on the left and parts on the
//! right, each with forms from fullest to shortest. When space runs out the
//! parts shrink one step at a time in an order the caller gives (the least
//! important first) and the title is cut with "…"; a part whose shortest
//! form is kept (a timer) never leaves the line while it fits at all.
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text;

/// Columns the title keeps before the last parts shrink.
const TITLE_KEEPS: usize = 20;

/// One part of the right side: its forms, fullest first (an empty last
/// form lets it vanish), and its style.
#[derive(Debug, Clone)]
pub struct Part {
    pub forms: Vec<String>,
    pub style: Style,
}

impl Part {
    /// A part that has one form and never shrinks.
    pub fn fixed(text: impl Into<String>, style: Style) -> Part {
        Part {
            forms: vec![text.into()],
            style,
        }
    }

    /// A part with `forms`, fullest first.
    pub fn shrinking(forms: Vec<String>, style: Style) -> Part {
        Part { forms, style }
    }
}

/// The form each part is shown in at `width` with `title` to its left:
/// starting from the fullest, each step of `order` (an index into
/// `parts`) takes that part one form shorter until the title keeps
/// [`TITLE_KEEPS`] columns (or its whole width) beside them.
pub fn forms(title: &str, parts: &[Part], order: &[usize], width: usize) -> Vec<usize> {
    let mut at = vec![0; parts.len()];
    let right = |at: &[usize]| -> usize {
        parts
            .iter()
            .zip(at)
            .map(|(p, &i)| p.forms.get(i).map_or(0, |f| text::width(f)))
            .sum()
    };
    let title_needs = text::width(title).min(TITLE_KEEPS);
    let fits = |at: &[usize]| {
        let r = right(at);
        let gap = usize::from(title_needs > 0 && r > 0);
        r + gap + title_needs <= width
    };
    for &step in order {
        if fits(&at) {
            break;
        }
        if let Some(i) = at.get_mut(step) {
            if *i + 1 < parts[step].forms.len() {
                *i += 1;
            }
        }
    }
    at
}

/// The header line: `title` cut to what the parts leave, the parts flush
/// right in the forms [`forms`] chose.
pub fn line<'a>(title: &str, title_style: Style, parts: &[Part], order: &[usize], width: usize) -> Line<'a> {
    let at = forms(title, parts, order, width);
    let shown: Vec<(String, Style)> = parts
        .iter()
        .zip(&at)
        .filter_map(|(p, &i)| p.forms.get(i).map(|f| (f.clone(), p.style)))
        .filter(|(f, _)| !f.is_empty())
        .collect();
    let right: usize = shown.iter().map(|(f, _)| text::width(f)).sum();
    let title = text::cut(title, width.saturating_sub(right + 1));
    let pad = width.saturating_sub(text::width(&title) + right);
    let mut spans = vec![Span::styled(title, title_style), Span::raw(" ".repeat(pad))];
    spans.extend(shown.into_iter().map(|(f, s)| Span::styled(f, s)));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Vec<Part> {
        vec![
            Part::shrinking(vec!["⚑ needs time · waiting  ".into(), "⚑ ".into()], Style::default()),
            Part::fixed("⏱ 45:00", Style::default()),
            Part::shrinking(vec![" ▶ running".into(), " ▶".into()], Style::default()),
        ]
    }

    fn shown(width: usize) -> String {
        line(
            "Pitfalls and success factors",
            Style::default(),
            &parts(),
            &[0, 2],
            width,
        )
        .spans
        .iter()
        .map(|s| s.content.to_string())
        .collect()
    }

    #[test]
    fn the_signal_shrinks_first_and_the_timer_stays() {
        assert!(shown(80).contains("⚑ needs time · waiting  ⏱ 45:00 ▶ running"));
        let narrow = shown(40);
        assert!(narrow.contains("⚑ ⏱ 45:00 ▶ running"), "{narrow}");
        assert!(narrow.starts_with("Pitfalls") && narrow.contains('…'), "{narrow}");
        for width in 12..80 {
            let l = shown(width);
            assert!(l.contains("⏱ 45:00"), "{width}: {l}");
            assert!(text::width(&l) <= width, "{width}: {l}");
        }
    }
}
