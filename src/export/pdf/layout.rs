//! The PDF's layout: words broken into lines by the font's widths, blocks
//! placed down A4 pages. A heading always stays on the page of what
//! follows it; short paragraphs and list items are not split; the
//! two-column table is one row of two lists, split over pages only when
//! it must be. Links are coloured and underlined.
use ttf_parser::Face;

use super::super::doc::{Block, Inline, Rich, TwoColumnTable};
use super::super::inline::flatten;

pub(super) const PAGE: (f32, f32) = (595.28, 841.89);
pub(super) const MARGIN: f32 = 56.0;
const BODY: f32 = 10.5;
const GAP: f32 = 6.0;
/// Paragraphs and items of up to this many lines are kept on one page.
const KEEP: usize = 6;
/// Where the text ends above the page number.
const BOTTOM: f32 = MARGIN + 20.0;
const CELL_PAD: f32 = 4.0;
const BULLET_INDENT: f32 = 16.0;
const TITLE_SIZE: f32 = 17.0;
const HEADING_SIZE: f32 = 13.0;
const SUBHEADING_SIZE: f32 = 11.5;

/// A word (or space-led word) in one style.
#[derive(Clone)]
pub(super) struct Word {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub link: Option<String>,
    /// A forced line break before this word.
    pub newline: bool,
}

/// Text placed on a page.
pub(super) struct Placed {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    /// Part of a link: drawn in the link colour.
    pub link: bool,
    pub text: String,
}

/// What one page shows.
#[derive(Default)]
pub(super) struct Page {
    pub texts: Vec<Placed>,
    /// Table borders.
    pub rules: Vec<[f32; 4]>,
    /// Lines under links.
    pub underlines: Vec<[f32; 4]>,
    /// Clickable areas and where they lead.
    pub links: Vec<([f32; 4], String)>,
}

/// A line of a table cell: a list item's first line has a bullet.
type Line = Vec<(f32, Word)>;

pub(super) struct Layout {
    pub faces: [Face<'static>; 2],
    pub pages: Vec<Page>,
    y: f32,
    /// Per block: the pages its first and its last text went on.
    pub spans: Vec<(usize, usize)>,
}

pub(super) fn words(inlines: &[Inline]) -> Vec<Word> {
    let mut out = Vec::new();
    let mut newline = false;
    for run in &flatten(inlines) {
        let (bold, italic, link) = match run {
            Inline::Strong { .. } => (true, false, None),
            Inline::Emph { .. } => (false, true, None),
            Inline::Link { url, .. } => (false, false, Some(url.clone())),
            Inline::Break => {
                newline = true;
                continue;
            }
            Inline::Text { .. } | Inline::Lang { .. } => (false, false, None),
        };
        let text = run.visible();
        let mut start = 0;
        // Words keep their leading space so spacing survives style changes.
        for (i, c) in text.char_indices() {
            if c == ' ' && i > start && !text[start..i].trim().is_empty() {
                out.push(Word {
                    text: text[start..i].to_string(),
                    bold,
                    italic,
                    link: link.clone(),
                    newline: std::mem::take(&mut newline),
                });
                start = i;
            }
        }
        if start < text.len() {
            out.push(Word {
                text: text[start..].to_string(),
                bold,
                italic,
                link: link.clone(),
                newline: std::mem::take(&mut newline),
            });
        }
    }
    out
}

fn plain(text: &str) -> Vec<Word> {
    words(&[Inline::text(text)])
}

fn bold(mut words: Vec<Word>) -> Vec<Word> {
    words.iter_mut().for_each(|w| w.bold = true);
    words
}

fn lead(size: f32) -> f32 {
    size * 1.4
}

/// How many first lines of a block of `n` lines must share a page.
fn kept(n: usize) -> usize {
    if n <= KEEP { n } else { 2 }
}

impl Layout {
    pub fn new(faces: [Face<'static>; 2]) -> Layout {
        Layout {
            faces,
            pages: vec![Page::default()],
            y: PAGE.1 - MARGIN,
            spans: Vec::new(),
        }
    }

    pub fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        let face = &self.faces[usize::from(bold)];
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }

    /// Breaks words into lines no wider than `width`.
    fn lines(&self, words: &[Word], width: f32, size: f32) -> Vec<Line> {
        let mut lines: Vec<Line> = vec![Vec::new()];
        let mut x = 0.0;
        for word in words {
            let line_empty = lines.last().is_none_or(Vec::is_empty);
            let mut w = word.clone();
            if word.newline && !line_empty {
                lines.push(Vec::new());
                x = 0.0;
            }
            let ww = self.width(&w.text, w.bold, size);
            if x + ww > width && !lines.last().is_none_or(Vec::is_empty) {
                lines.push(Vec::new());
                x = 0.0;
            }
            if x == 0.0 {
                w.text = w.text.trim_start().to_string();
            }
            let ww = self.width(&w.text, w.bold, size);
            if let Some(line) = lines.last_mut() {
                line.push((x, w));
            }
            x += ww;
        }
        lines
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = PAGE.1 - MARGIN;
    }

    fn at_top(&self) -> bool {
        self.y >= PAGE.1 - MARGIN
    }

    /// Starts a new page unless `height` fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    /// Places lines at `x` and moves `y` down; a short block's lines stay
    /// on one page, a long one's first two.
    fn flow(&mut self, words: &[Word], x: f32, width: f32, size: f32) {
        let lines = self.lines(words, width, size);
        self.ensure(lead(size) * kept(lines.len()) as f32);
        for line in lines {
            self.ensure(lead(size));
            self.y -= lead(size);
            let y = self.y;
            self.place_line(&line, x, y, size);
        }
    }

    fn place_line(&mut self, line: &[(f32, Word)], x: f32, y: f32, size: f32) {
        for (i, (dx, w)) in line.iter().enumerate() {
            let width = self.width(&w.text, w.bold, size);
            // A space between two words of one link is underlined too.
            let continued = i > 0 && line[i - 1].1.link == w.link;
            let space = if w.text.starts_with(' ') && !continued {
                self.width(" ", w.bold, size)
            } else {
                0.0
            };
            let page = self.page();
            if let Some(url) = &w.link {
                let start = x + dx + space;
                page.links
                    .push(([start, y - 2.0, x + dx + width, y + size], url.clone()));
                page.underlines.push([start, y - 1.5, x + dx + width, y - 1.5]);
            }
            page.texts.push(Placed {
                x: x + dx,
                y,
                size,
                bold: w.bold,
                italic: w.italic,
                link: w.link.is_some(),
                text: w.text.clone(),
            });
        }
    }

    /// Lays out all blocks in order.
    pub fn blocks(&mut self, blocks: &[Block]) {
        for (i, block) in blocks.iter().enumerate() {
            let page0 = self.pages.len() - 1;
            let count0 = self.pages[page0].texts.len();
            self.block(block, &blocks[i + 1..]);
            let start = (page0..self.pages.len())
                .find(|&p| self.pages[p].texts.len() > if p == page0 { count0 } else { 0 })
                .unwrap_or(page0);
            self.spans.push((start, self.pages.len() - 1));
        }
    }

    fn block(&mut self, block: &Block, rest: &[Block]) {
        let width = PAGE.0 - 2.0 * MARGIN;
        match block {
            Block::Title { text, subtitle, .. } => {
                self.flow(&bold(plain(text)), MARGIN, width, TITLE_SIZE);
                if let Some(sub) = subtitle {
                    let mut words = plain(sub);
                    words.iter_mut().for_each(|w| w.italic = true);
                    self.flow(&words, MARGIN, width, BODY);
                }
            }
            Block::Heading { text, .. } | Block::Subheading { text, .. } => {
                let size = if matches!(block, Block::Heading { .. }) {
                    HEADING_SIZE
                } else {
                    SUBHEADING_SIZE
                };
                self.ensure(self.keep_height(std::slice::from_ref(block)) + self.keep_height(rest));
                if matches!(block, Block::Heading { .. }) && !self.at_top() {
                    self.y -= GAP;
                }
                self.flow(&bold(plain(text)), MARGIN, width, size);
            }
            Block::Paragraph { inlines, .. } => self.flow(&words(inlines), MARGIN, width, BODY),
            Block::List { items } => self.list(items, width),
            Block::Table(table) => self.table(table, width),
        }
        self.y -= GAP;
    }

    /// The height that must fit on the page before the first of `blocks`
    /// may start: a heading with what must stay with it, a paragraph's or
    /// list item's kept lines, a table's caption, header and first lines.
    fn keep_height(&self, blocks: &[Block]) -> f32 {
        let width = PAGE.0 - 2.0 * MARGIN;
        let Some(block) = blocks.first() else {
            return 0.0;
        };
        match block {
            Block::Title { .. } => 0.0,
            Block::Heading { text, .. } => {
                let lines = self.lines(&bold(plain(text)), width, HEADING_SIZE).len();
                GAP + lead(HEADING_SIZE) * lines as f32 + GAP + self.keep_height(&blocks[1..])
            }
            Block::Subheading { text, .. } => {
                let lines = self.lines(&bold(plain(text)), width, SUBHEADING_SIZE).len();
                lead(SUBHEADING_SIZE) * lines as f32 + GAP + self.keep_height(&blocks[1..])
            }
            Block::Paragraph { inlines, .. } => {
                lead(BODY) * kept(self.lines(&words(inlines), width, BODY).len()) as f32
            }
            Block::List { items } => items.first().map_or(0.0, |item| {
                let lines = self.lines(&words(&item.inlines), width - BULLET_INDENT, BODY).len();
                lead(BODY) * kept(lines) as f32
            }),
            Block::Table(table) => self.table_keep(table, width),
        }
    }

    /// A table's caption, header row and the first two lines of its lists.
    fn table_keep(&self, table: &TwoColumnTable, width: f32) -> f32 {
        let caption = self.lines(&bold(plain(&table.caption)), width, BODY).len();
        let [l, r] = self.table_cells(table, width);
        let first = l.len().max(r.len()).clamp(1, 2);
        lead(BODY) * (caption + 1 + first) as f32 + 4.0 * CELL_PAD + 4.0
    }

    fn list(&mut self, items: &[Rich], width: f32) {
        for item in items {
            let lines = self.lines(&words(&item.inlines), width - BULLET_INDENT, BODY).len();
            self.ensure(lead(BODY) * kept(lines) as f32);
            let y = self.y - lead(BODY);
            self.page().texts.push(bullet(MARGIN + 4.0, y));
            self.flow(
                &words(&item.inlines),
                MARGIN + BULLET_INDENT,
                width - BULLET_INDENT,
                BODY,
            );
            self.y -= 2.0;
        }
    }

    /// A column of the table as lines: each item's lines, its first with a
    /// bullet.
    fn column(&self, items: &[Rich], width: f32) -> Vec<(bool, Line)> {
        items
            .iter()
            .flat_map(|item| {
                self.lines(&words(&item.inlines), width - BULLET_INDENT, BODY)
                    .into_iter()
                    .enumerate()
                    .map(|(i, line)| (i == 0, line))
            })
            .collect()
    }

    fn table_cells(&self, table: &TwoColumnTable, width: f32) -> [Vec<(bool, Line)>; 2] {
        let inner = width / 2.0 - 2.0 * CELL_PAD;
        [
            self.column(&table.columns[0], inner),
            self.column(&table.columns[1], inner),
        ]
    }

    /// The table's caption, its header row, the row of two lists with
    /// borders, and its source.
    fn table(&mut self, table: &TwoColumnTable, width: f32) {
        self.ensure(self.table_keep(table, width));
        self.flow(&bold(plain(&table.caption)), MARGIN, width, BODY);
        self.y -= 4.0;
        let inner = width / 2.0 - 2.0 * CELL_PAD;
        let head = |h: &str| -> Vec<(bool, Line)> {
            self.lines(&bold(plain(h)), inner, BODY)
                .into_iter()
                .map(|l| (false, l))
                .collect()
        };
        let header = [head(&table.headers[0]), head(&table.headers[1])];
        self.row(header, width);
        let cells = self.table_cells(table, width);
        self.row(cells, width);
        if let Some(source) = &table.source {
            self.y -= 2.0;
            self.flow(&words(source), MARGIN, width, BODY - 1.0);
        }
    }

    /// One table row of two cells with borders, split over pages when it
    /// does not fit (each part with its own borders).
    fn row(&mut self, cells: [Vec<(bool, Line)>; 2], width: f32) {
        let col = width / 2.0;
        let total = cells[0].len().max(cells[1].len()).max(1);
        let mut done = 0;
        while done < total {
            let room = ((self.y - 2.0 * CELL_PAD - BOTTOM) / lead(BODY)).floor().max(0.0) as usize;
            if room == 0 && !self.at_top() {
                self.new_page();
                continue;
            }
            let take = room.max(1).min(total - done);
            let top = self.y;
            for (i, cell) in cells.iter().enumerate() {
                let x = MARGIN + i as f32 * col + CELL_PAD;
                for (n, (bulleted, line)) in cell.iter().enumerate().skip(done).take(take) {
                    let y = top - CELL_PAD - ((n - done) as f32 + 1.0) * lead(BODY) + 3.0;
                    if *bulleted {
                        self.page().texts.push(bullet(x, y));
                    }
                    let indent = if cell.iter().any(|(b, _)| *b) {
                        BULLET_INDENT - 4.0
                    } else {
                        0.0
                    };
                    self.place_line(line, x + indent, y, BODY);
                }
            }
            let bottom = top - take as f32 * lead(BODY) - 2.0 * CELL_PAD;
            let right = MARGIN + width;
            let page = self.page();
            page.rules.push([MARGIN, top, right, top]);
            page.rules.push([MARGIN, bottom, right, bottom]);
            for x in [MARGIN, MARGIN + col, right] {
                page.rules.push([x, top, x, bottom]);
            }
            self.y = bottom;
            done += take;
            if done < total {
                self.new_page();
            }
        }
    }
}

fn bullet(x: f32, y: f32) -> Placed {
    Placed {
        x,
        y,
        size: BODY,
        bold: false,
        italic: false,
        link: false,
        text: "•".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn layout() -> Layout {
        let face = |data: &'static [u8]| Face::parse(data, 0).unwrap();
        let [regular, bold] = super::super::font_files().unwrap();
        Layout::new([face(regular), face(bold)])
    }

    fn sentence(words: usize) -> Vec<Inline> {
        vec![Inline::text(
            vec!["Netzwerkarbeit braucht Zeit"; words.max(1)].join(" "),
        )]
    }

    /// A block of one of five kinds, sized by `n`.
    fn block(kind: u8, n: usize) -> Block {
        match kind % 5 {
            0 => Block::heading(vec![Inline::text(format!("Workshop {n}: Verstetigung"))]),
            1 => Block::Subheading {
                text: format!("Abschnitt {n}"),
                lang: None,
            },
            2 => Block::Paragraph {
                inlines: sentence(n * 3),
                lang: None,
            },
            3 => Block::List {
                items: (0..n % 7 + 1)
                    .map(|i| Rich {
                        inlines: sentence(i * 4 + 1),
                        lang: None,
                    })
                    .collect(),
            },
            _ => Block::Table(TwoColumnTable {
                caption: "Kooperationen anbahnen".into(),
                headers: ["Dos".into(), "Don’ts".into()],
                columns: [
                    (0..n % 12)
                        .map(|i| Rich {
                            inlines: sentence(i + 1),
                            lang: None,
                        })
                        .collect(),
                    (0..n % 5)
                        .map(|i| Rich {
                            inlines: sentence(i + 2),
                            lang: None,
                        })
                        .collect(),
                ],
                lang: None,
                source: None,
            }),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Wherever a page ends, a heading (and a heading before a
        /// subheading) is on the same page as the start of what follows.
        #[test]
        fn a_heading_never_stays_alone_at_the_foot_of_a_page(
            blocks in proptest::collection::vec((any::<u8>(), 1usize..16), 5..30),
        ) {
            let blocks: Vec<Block> = blocks.into_iter().map(|(k, n)| block(k, n)).collect();
            let mut l = layout();
            l.blocks(&blocks);
            prop_assert_eq!(l.spans.len(), blocks.len());
            for (i, b) in blocks.iter().enumerate().take(blocks.len() - 1) {
                if matches!(b, Block::Heading { .. } | Block::Subheading { .. }) {
                    prop_assert_eq!(l.spans[i].1, l.spans[i + 1].0, "block {} of {}", i, blocks.len());
                }
            }
            // Nothing is placed below the text area or above the page.
            for page in &l.pages {
                for t in &page.texts {
                    prop_assert!(t.y >= BOTTOM - 1.0 && t.y <= PAGE.1 - MARGIN, "{} at {}", t.text, t.y);
                }
            }
        }
    }

    #[test]
    fn a_table_taller_than_a_page_is_split_with_borders_on_each_page() {
        let long = block(4, 11);
        let Block::Table(mut table) = long else { unreachable!() };
        table.columns[0] = (0..120)
            .map(|i| Rich {
                inlines: sentence(i % 5 + 1),
                lang: None,
            })
            .collect();
        let mut l = layout();
        l.blocks(&[Block::Table(table)]);
        assert!(l.pages.len() >= 2);
        for page in &l.pages {
            assert!(!page.rules.is_empty(), "borders on every page");
        }
    }
}
