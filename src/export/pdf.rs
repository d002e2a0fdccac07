//! Minutes as an A4 PDF with selectable text: DejaVu Sans embedded as a
//! subset of the glyphs the minutes use (all of Unicode that German and
//! English need is available, „“ and umlauts included),
//! headings, bullet lists, the two-column table with borders, clickable
//! links and page numbers. A small line-breaking layouter over
//! `pdf-writer`; the same document as every other format.
use pdf_writer::types::{ActionType, AnnotationType, CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use ttf_parser::Face;

use super::doc::{Block, Inline, Minutes, TwoColumnTable};
use crate::error::{Error, Result};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 56.0;
const BODY: f32 = 10.5;
const GAP: f32 = 6.0;

/// A word (or space-led word) in one style.
#[derive(Clone)]
struct Word {
    text: String,
    bold: bool,
    italic: bool,
    link: Option<String>,
    /// A forced line break before this word.
    newline: bool,
}

/// Text placed on a page.
struct Placed {
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    italic: bool,
    text: String,
}

#[derive(Default)]
struct Page {
    texts: Vec<Placed>,
    rules: Vec<[f32; 4]>,
    links: Vec<([f32; 4], String)>,
}

struct Layout {
    faces: [Face<'static>; 2],
    pages: Vec<Page>,
    y: f32,
}

/// Renders the minutes as a PDF.
pub fn render(m: &Minutes) -> Result<Vec<u8>> {
    let parse = |data: &'static [u8]| Face::parse(data, 0).map_err(|e| Error::Invalid(format!("PDF font: {e}")));
    let mut layout = Layout {
        faces: [parse(REGULAR)?, parse(BOLD)?],
        pages: vec![Page::default()],
        y: PAGE.1 - MARGIN,
    };
    for block in &m.blocks {
        layout.block(block);
    }
    write(&layout, m)
}

fn words(inlines: &[Inline]) -> Vec<Word> {
    let mut out = Vec::new();
    let mut newline = false;
    for run in inlines {
        let (bold, italic, link) = match run {
            Inline::Strong { .. } => (true, false, None),
            Inline::Emph { .. } => (false, true, None),
            Inline::Link { url, .. } => (false, false, Some(url.clone())),
            Inline::Break => {
                newline = true;
                continue;
            }
            Inline::Text { .. } => (false, false, None),
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

impl Layout {
    fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
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
    fn lines(&self, words: &[Word], width: f32, size: f32) -> Vec<Vec<(f32, Word)>> {
        let mut lines: Vec<Vec<(f32, Word)>> = vec![Vec::new()];
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

    fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN + 20.0 {
            self.pages.push(Page::default());
            self.y = PAGE.1 - MARGIN;
        }
    }

    /// Places lines at `x` and moves `y` down; up to six lines are kept
    /// together on one page.
    fn flow(&mut self, words: &[Word], x: f32, width: f32, size: f32) {
        let lead = size * 1.4;
        let lines = self.lines(words, width, size);
        if lines.len() <= 6 {
            self.ensure(lead * lines.len() as f32);
        }
        for line in lines {
            self.ensure(lead);
            self.y -= lead;
            let y = self.y;
            self.place_line(&line, x, y, size);
        }
    }

    fn place_line(&mut self, line: &[(f32, Word)], x: f32, y: f32, size: f32) {
        for (dx, w) in line {
            let width = self.width(&w.text, w.bold, size);
            let page = self.page();
            if let Some(url) = &w.link {
                page.links
                    .push(([x + dx, y - 2.0, x + dx + width, y + size], url.clone()));
            }
            page.texts.push(Placed {
                x: x + dx,
                y,
                size,
                bold: w.bold,
                italic: w.italic,
                text: w.text.clone(),
            });
        }
    }

    fn block(&mut self, block: &Block) {
        let width = PAGE.0 - 2.0 * MARGIN;
        match block {
            Block::Title { text, subtitle } => {
                self.flow(&bold(plain(text)), MARGIN, width, 17.0);
                if let Some(sub) = subtitle {
                    let mut words = plain(sub);
                    words.iter_mut().for_each(|w| w.italic = true);
                    self.flow(&words, MARGIN, width, BODY);
                }
            }
            Block::Heading { text } => {
                self.ensure(50.0);
                self.y -= GAP;
                self.flow(&bold(plain(text)), MARGIN, width, 13.0);
            }
            Block::Subheading { text } => {
                self.ensure(40.0);
                self.flow(&bold(plain(text)), MARGIN, width, 11.5);
            }
            Block::Paragraph { inlines, .. } => self.flow(&words(inlines), MARGIN, width, BODY),
            Block::List { items } => {
                for item in items {
                    let lines = self.lines(&words(&item.inlines), width - 16.0, BODY).len();
                    self.ensure(BODY * 1.4 * lines.min(6) as f32);
                    let y = self.y - BODY * 1.4;
                    self.page().texts.push(Placed {
                        x: MARGIN + 4.0,
                        y,
                        size: BODY,
                        bold: false,
                        italic: false,
                        text: "•".into(),
                    });
                    self.flow(&words(&item.inlines), MARGIN + 16.0, width - 16.0, BODY);
                    self.y -= 2.0;
                }
            }
            Block::Table(table) => self.table(table, width),
        }
        self.y -= GAP;
    }

    /// The table's caption, its rows with borders and its source.
    fn table(&mut self, table: &TwoColumnTable, width: f32) {
        self.ensure(60.0);
        self.flow(&bold(plain(&table.caption)), MARGIN, width, BODY);
        self.y -= 4.0;
        let head = [bold(plain(&table.headers[0])), bold(plain(&table.headers[1]))];
        self.row(&head, width);
        for [l, r] in table.cells() {
            self.row(&[words(l), words(r)], width);
        }
        if let Some(source) = &table.source {
            self.y -= 2.0;
            self.flow(&words(source), MARGIN, width, BODY - 1.0);
        }
    }

    /// One table row of two cells with borders.
    fn row(&mut self, cells: &[Vec<Word>; 2], width: f32) {
        let col = width / 2.0;
        let pad = 4.0;
        let lead = BODY * 1.4;
        let lines = [
            self.lines(&cells[0], col - 2.0 * pad, BODY),
            self.lines(&cells[1], col - 2.0 * pad, BODY),
        ];
        let height = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lead + 2.0 * pad;
        self.ensure(height);
        let top = self.y;
        for (i, cell) in lines.iter().enumerate() {
            let x = MARGIN + i as f32 * col + pad;
            for (n, line) in cell.iter().enumerate() {
                let y = top - pad - (n as f32 + 1.0) * lead + 3.0;
                self.place_line(line, x, y, BODY);
            }
        }
        let bottom = top - height;
        let right = MARGIN + width;
        let page = self.page();
        page.rules.push([MARGIN, top, right, top]);
        page.rules.push([MARGIN, bottom, right, bottom]);
        for x in [MARGIN, MARGIN + col, right] {
            page.rules.push([x, top, x, bottom]);
        }
        self.y = bottom;
    }
}

fn bold(mut words: Vec<Word>) -> Vec<Word> {
    words.iter_mut().for_each(|w| w.bold = true);
    words
}

/// Glyphs a font used: their numbers in the subset (the font's own
/// numbers renumbered from 0), and per subset glyph the font's glyph and
/// the character it stands for.
#[derive(Default)]
struct Used {
    remapper: subsetter::GlyphRemapper,
    glyphs: std::collections::BTreeMap<u16, (u16, char)>,
}

/// The text as subset glyph numbers (Identity-H: two bytes each).
fn encode(face: &Face<'_>, text: &str, used: &mut Used) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2);
    for c in text.chars() {
        let gid = face.glyph_index(c).map_or(0, |g| g.0);
        let new = used.remapper.remap(gid);
        used.glyphs.entry(new).or_insert((gid, c));
        out.extend_from_slice(&new.to_be_bytes());
    }
    out
}

fn write(layout: &Layout, m: &Minutes) -> Result<Vec<u8>> {
    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut id = || {
        next += 1;
        Ref::new(next - 1)
    };
    let catalog = id();
    let tree = id();
    let fonts = [[id(), id(), id(), id(), id()], [id(), id(), id(), id(), id()]];
    let mut used = [Used::default(), Used::default()];
    let total = layout.pages.len();
    let mut page_ids = Vec::new();
    for (n, page) in layout.pages.iter().enumerate() {
        let (page_id, content_id) = (id(), id());
        page_ids.push(page_id);
        let mut content = Content::new();
        content.set_line_width(0.6);
        for r in &page.rules {
            content.move_to(r[0], r[1]).line_to(r[2], r[3]).stroke();
        }
        let footer = match m.lang {
            "de" => format!("Seite {} von {total}", n + 1),
            _ => format!("Page {} of {total}", n + 1),
        };
        let footer_x = (PAGE.0 - layout.width(&footer, false, 8.0)) / 2.0;
        let footer = Placed {
            x: footer_x,
            y: MARGIN - 24.0,
            size: 8.0,
            bold: false,
            italic: false,
            text: footer,
        };
        let placed = page.texts.iter().chain(std::iter::once(&footer));
        content.begin_text();
        for t in placed {
            let f = usize::from(t.bold);
            let shear = if t.italic { 0.2 } else { 0.0 };
            content.set_font(Name(if t.bold { b"F2" } else { b"F1" }), t.size);
            content.set_text_matrix([1.0, 0.0, shear, 1.0, t.x, t.y]);
            content.show(Str(&encode(&layout.faces[f], &t.text, &mut used[f])));
        }
        content.end_text();
        let mut annots = Vec::new();
        for (rect, url) in &page.links {
            let a = id();
            annots.push((a, *rect, url.clone()));
        }
        let data = miniz_oxide::deflate::compress_to_vec_zlib(&content.finish(), 6);
        pdf.stream(content_id, &data).filter(Filter::FlateDecode);
        for (a, rect, url) in &annots {
            let mut annot = pdf.annotation(*a);
            annot
                .subtype(AnnotationType::Link)
                .rect(Rect::new(rect[0], rect[1], rect[2], rect[3]))
                .border(0.0, 0.0, 0.0, None);
            annot.action().action_type(ActionType::Uri).uri(Str(url.as_bytes()));
        }
        let mut p = pdf.page(page_id);
        p.media_box(Rect::new(0.0, 0.0, PAGE.0, PAGE.1))
            .parent(tree)
            .contents(content_id);
        p.resources()
            .fonts()
            .pair(Name(b"F1"), fonts[0][0])
            .pair(Name(b"F2"), fonts[1][0]);
        p.annotations(annots.iter().map(|a| a.0));
        p.finish();
    }
    pdf.pages(tree).kids(page_ids.iter().copied()).count(total as i32);
    pdf.catalog(catalog).pages(tree).lang(TextStr(m.lang));
    // A subset's name starts with a tag of six capitals (PDF 1.7, 9.6.4).
    for (i, (data, name)) in [(REGULAR, "RUNDEA+DejaVuSans"), (BOLD, "RUNDEB+DejaVuSans-Bold")]
        .into_iter()
        .enumerate()
    {
        embed_font(&mut pdf, fonts[i], &layout.faces[i], data, name, &used[i])?;
    }
    Ok(pdf.finish())
}

/// A Type0/CIDFontType2 font with a subset of the TrueType file embedded
/// (only the glyphs used), Identity-H encoded, with widths and a
/// ToUnicode map for copy and search.
fn embed_font(pdf: &mut Pdf, ids: [Ref; 5], face: &Face<'_>, data: &[u8], name: &str, used: &Used) -> Result<()> {
    let [type0, cid, descriptor, file, cmap_id] = ids;
    let base = Name(name.as_bytes());
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(type0)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap_id);
    let scale = 1000.0 / f32::from(face.units_per_em());
    let mut font = pdf.cid_font(cid);
    font.subtype(CidFontType::Type2)
        .base_font(base)
        .system_info(info)
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = font.widths();
    for (new, (gid, _)) in &used.glyphs {
        let w = face.glyph_hor_advance(ttf_parser::GlyphId(*gid)).map_or(0.0, f32::from) * scale;
        widths.consecutive(*new, [w]);
    }
    widths.finish();
    font.finish();
    let bbox = face.global_bounding_box();
    pdf.font_descriptor(descriptor)
        .name(base)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            f32::from(bbox.x_min) * scale,
            f32::from(bbox.y_min) * scale,
            f32::from(bbox.x_max) * scale,
            f32::from(bbox.y_max) * scale,
        ))
        .italic_angle(0.0)
        .ascent(f32::from(face.ascender()) * scale)
        .descent(f32::from(face.descender()) * scale)
        .cap_height(f32::from(face.capital_height().unwrap_or(face.ascender())) * scale)
        .stem_v(80.0)
        .font_file2(file);
    let subset =
        subsetter::subset(data, 0, &used.remapper).map_err(|e| Error::Invalid(format!("PDF font {name}: {e}")))?;
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&subset, 6);
    pdf.stream(file, &compressed)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), subset.len() as i32);
    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), info);
    for (new, (_, c)) in &used.glyphs {
        cmap.pair(*new, *c);
    }
    pdf.cmap(cmap_id, &cmap.finish());
    Ok(())
}
