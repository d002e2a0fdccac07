//! Text in aligned columns for the command line's tables (`status`, `list`):
//! padded by display width — never by bytes or chars, so wide and combining
//! characters keep the columns — and cut with "…" where a column has a limit.
use unicode_width::UnicodeWidthStr;

use crate::ui::text::cut;

/// How a column lines up its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One column of a table: its alignment and the most columns of the
/// terminal a cell may take (longer cells end in "…").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub align: Align,
    pub max: usize,
}

impl Column {
    /// A left-aligned column of at most `max` terminal columns.
    pub const fn left(max: usize) -> Self {
        Column {
            align: Align::Left,
            max,
        }
    }

    /// A right-aligned column of at most `max` terminal columns.
    pub const fn right(max: usize) -> Self {
        Column {
            align: Align::Right,
            max,
        }
    }
}

/// `text` padded with spaces to `width` terminal columns.
pub fn pad(text: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    match align {
        Align::Left => format!("{text}{fill}"),
        Align::Right => format!("{fill}{text}"),
    }
}

/// `rows` as lines: each cell made inert and cut to its column's `max`,
/// every column as wide as its widest cell, columns `gap` spaces apart,
/// no spaces at the end of a line. Cells beyond `columns` are dropped.
pub fn lay_out(rows: &[Vec<String>], columns: &[Column], gap: usize) -> Vec<String> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().zip(columns).map(|(text, c)| cut(text, c.max)).collect())
        .collect();
    let widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            cells
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let between = " ".repeat(gap);
    cells
        .iter()
        .map(|row| {
            let padded: Vec<String> = row
                .iter()
                .zip(columns.iter().zip(&widths))
                .map(|(cell, (c, &w))| pad(cell, w, c.align))
                .collect();
            padded.join(&between).trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// One cell: letters (narrow, wide, with combining marks), no spaces.
    fn cell() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                "[a-z0-9_-]",
                "[日本語한국어中文]",
                "[aeou][\u{301}\u{308}\u{20d7}]",
                "[äöüßÉ–]",
            ],
            1..50,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// For any cells: each line's cells start (left) or end (right) in
        /// the same terminal column as in every other line, and a cell is
        /// whole or a prefix of itself ending in "…" within its limit.
        #[test]
        fn any_cells_keep_their_columns(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 3), 1..8),
            max in 3usize..40,
        ) {
            let columns = [Column::left(max), Column::right(usize::MAX), Column::left(usize::MAX)];
            let lines = lay_out(&rows, &columns, 2);
            let mut edges = std::collections::BTreeSet::new();
            for (line, row) in lines.iter().zip(&rows) {
                let shown: Vec<&str> = line.split_whitespace().collect();
                prop_assert_eq!(shown.len(), 3, "{:?}", line);
                let first = shown[0];
                if first != row[0] {
                    prop_assert!(first.ends_with('…') && first.width() <= max, "{:?}", first);
                    prop_assert!(row[0].starts_with(first.trim_end_matches('…')), "{:?}", first);
                }
                prop_assert_eq!(shown[1], row[1].as_str());
                prop_assert_eq!(shown[2], row[2].as_str());
                let second = first.len() + line[first.len()..].find(shown[1]).unwrap_or(0);
                let third_from = second + shown[1].len();
                let third = third_from + line[third_from..].find(shown[2]).unwrap_or(0);
                edges.insert((line[..third_from].width(), line[..third].width()));
            }
            prop_assert_eq!(edges.len(), 1, "{:#?}", lines);
        }
    }

    #[test]
    fn columns_line_up_by_display_width_and_long_cells_are_cut() {
        let rows = vec![
            vec!["a".to_string(), "1".into(), "x".into()],
            vec!["日本語".to_string(), "22".into(), "y".into()],
            vec!["e\u{301}e\u{301}".to_string(), "333".into(), "".into()],
            vec!["abcdefghij".to_string(), "4".into(), "z".into()],
        ];
        let lines = lay_out(&rows, &[Column::left(6), Column::right(9), Column::left(9)], 2);
        assert_eq!(
            lines,
            [
                "a         1  x",
                "日本語   22  y",
                "e\u{301}e\u{301}      333",
                "abcde…    4  z",
            ]
        );
    }
}
