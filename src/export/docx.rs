//! Minutes as a Word document (.docx, A4) as editors expect it: a body
//! font and size, spacing after paragraphs and around headings, headings
//! kept with what follows; one bullet list definition with an instance
//! per list (so no list continues another's count); the two-column table
//! as two lists side by side in one row; title, language, dates and
//! publisher in the document's properties — from the same document as
//! every other format.
use docx_rs::{
    AbstractNumbering, BreakType, Docx, Hyperlink, HyperlinkType, IndentLevel, Level, LevelJc, LevelOverride,
    LevelText, LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

use super::doc::{Block, Inline, Minutes, Rich, TwoColumnTable};
use super::inline::flatten;
use crate::error::{Error, Result};

/// The bullet list definition. docx-rs always writes a numbered
/// definition and instance with id 1 of its own; ours start after it.
const BULLETS: usize = 2;
/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// 2.5 cm margins; the text is 16 cm wide.
const MARGIN: i32 = 1417;
const TEXT_WIDTH: usize = 11906 - 2 * MARGIN as usize;
const FONT: &str = "Calibri";
/// 11 pt body text, in half points.
const BODY_SIZE: usize = 22;

/// The document as it is built: Word's document and the next free list
/// instance.
struct Writer {
    docx: Docx,
    next_list: usize,
}

/// Renders the minutes as a .docx file; `now_ms` is the time of the
/// export (the document's "modified" date).
pub fn render(m: &Minutes, now_ms: i64) -> Result<Vec<u8>> {
    let docx = styles(Docx::new())
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin {
            top: MARGIN,
            left: MARGIN,
            bottom: MARGIN,
            right: MARGIN,
            header: 709,
            footer: 709,
            gutter: 0,
        })
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None),
            ),
        );
    let mut w = Writer { docx, next_list: 1 };
    for block in &m.blocks {
        w.block(block);
    }
    let mut xml = w.docx.build();
    xml.styles = with_language(&xml.styles, m.lang);
    xml.doc_props.core = core_properties(m, now_ms).into_bytes();
    xml.doc_props.app = app_properties(m).into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| Error::Invalid(format!("Word document: {e}")))?;
    Ok(out.into_inner())
}

impl Writer {
    fn add(&mut self, p: Paragraph) {
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title { text, subtitle, .. } => {
                self.add(styled("Title", text));
                if let Some(sub) = subtitle {
                    self.add(styled("Subtitle", sub));
                }
            }
            Block::Heading { text, .. } => self.add(styled("Heading1", text)),
            Block::Subheading { text, .. } => self.add(styled("Heading2", text)),
            Block::Paragraph { inlines, .. } => self.add(runs(Paragraph::new(), inlines)),
            Block::List { items } => {
                for p in self.list(items) {
                    self.add(p);
                }
            }
            Block::Table(table) => self.table(table),
        }
    }

    /// A list's paragraphs, numbered with a new instance of the bullet
    /// definition that starts afresh.
    fn list(&mut self, items: &[Rich]) -> Vec<Paragraph> {
        self.next_list += 1;
        let id = self.next_list;
        self.docx = std::mem::take(&mut self.docx)
            .add_numbering(Numbering::new(id, BULLETS).add_override(LevelOverride::new(0).start(1)));
        items
            .iter()
            .map(|item| {
                runs(Paragraph::new(), &item.inlines)
                    .numbering(NumberingId::new(id), IndentLevel::new(0))
                    .line_spacing(LineSpacing::new().after(60))
            })
            .collect()
    }

    /// The table's caption in bold, a header row and one row with the two
    /// lists, and its source.
    fn table(&mut self, table: &TwoColumnTable) {
        let col = TEXT_WIDTH / 2;
        let cell = |paragraphs: Vec<Paragraph>| {
            let cell = TableCell::new().width(col, WidthType::Dxa);
            if paragraphs.is_empty() {
                return cell.add_paragraph(Paragraph::new());
            }
            paragraphs.into_iter().fold(cell, TableCell::add_paragraph)
        };
        let head = TableRow::new(
            table
                .headers
                .iter()
                .map(|h| cell(vec![Paragraph::new().add_run(Run::new().add_text(h).bold())]))
                .collect(),
        );
        let [left, right] = &table.columns;
        let body = TableRow::new(vec![cell(self.list(left)), cell(self.list(right))]);
        self.add(
            Paragraph::new()
                .add_run(Run::new().add_text(&table.caption).bold())
                .keep_next(true),
        );
        self.docx = std::mem::take(&mut self.docx).add_table(
            Table::new(vec![head, body])
                .set_grid(vec![col, col])
                .width(TEXT_WIDTH, WidthType::Dxa),
        );
        if let Some(source) = &table.source {
            self.add(runs(Paragraph::new(), source).line_spacing(LineSpacing::new().before(120)));
        }
    }
}

/// Body text, title and headings: one sans-serif font, sizes, spacing
/// after paragraphs and around headings, headings kept with the next
/// paragraph and in the outline.
fn styles(docx: Docx) -> Docx {
    let font = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    let spacing = |before: u32, after: u32| LineSpacing::new().before(before).after(after);
    let heading = |id: &str, name: &str, size: usize, before: u32, level: usize| {
        let mut style = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .fonts(font.clone())
            .line_spacing(spacing(before, 80))
            .outline_lvl(level);
        style.paragraph_property = style.paragraph_property.keep_next(true).keep_lines(true);
        style
    };
    let mut title = Style::new("Title", StyleType::Paragraph)
        .name("Title")
        .based_on("Normal")
        .next("Normal")
        .size(36)
        .bold()
        .fonts(font.clone())
        .line_spacing(spacing(0, 60));
    title.paragraph_property = title.paragraph_property.keep_next(true);
    docx.default_fonts(font.clone())
        .default_size(BODY_SIZE)
        .default_line_spacing(spacing(0, 120).line(276).line_rule(docx_rs::LineSpacingType::Auto))
        .add_style(title)
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .based_on("Normal")
                .next("Normal")
                .italic()
                .size(24)
                .line_spacing(spacing(0, 240)),
        )
        .add_style(heading("Heading1", "heading 1", 28, 360, 0))
        .add_style(heading("Heading2", "heading 2", 24, 240, 1))
}

fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(Run::new().add_text(text))
}

/// Adds the runs to a paragraph: bold, italic, links, line breaks.
fn runs(mut p: Paragraph, inlines: &[Inline]) -> Paragraph {
    for run in flatten(inlines) {
        p = match run {
            Inline::Text { text } => p.add_run(Run::new().add_text(text)),
            Inline::Strong { text } => p.add_run(Run::new().add_text(text).bold()),
            Inline::Emph { text } => p.add_run(Run::new().add_text(text).italic()),
            Inline::Link { text, url } => p.add_hyperlink(
                Hyperlink::new(url, HyperlinkType::External)
                    .add_run(Run::new().add_text(text).underline("single").color("0563C1")),
            ),
            Inline::Break => p.add_run(Run::new().add_break(BreakType::TextWrapping)),
            Inline::Lang { .. } => p,
        };
    }
    p
}

/// The language tag Word's spelling and hyphenation follow.
fn language_tag(lang: &str) -> &'static str {
    match lang {
        "en" => "en-GB",
        _ => "de-DE",
    }
}

/// Styles with the document's language as every run's default (docx-rs
/// has no setter for `w:lang`).
fn with_language(styles: &[u8], lang: &str) -> Vec<u8> {
    let xml = String::from_utf8_lossy(styles);
    let tag = language_tag(lang);
    let lang = format!(r#"<w:lang w:val="{tag}" w:eastAsia="{tag}" w:bidi="ar-SA" />"#);
    xml.replacen("</w:rPr></w:rPrDefault>", &format!("{lang}</w:rPr></w:rPrDefault>"), 1)
        .replacen(
            "<w:rPrDefault><w:rPr /></w:rPrDefault>",
            &format!("<w:rPrDefault><w:rPr>{lang}</w:rPr></w:rPrDefault>"),
            1,
        )
        .into_bytes()
}

/// `docProps/core.xml`: title, language, the meeting's start as created,
/// the export as modified, the publisher as creator when known.
fn core_properties(m: &Minutes, now_ms: i64) -> String {
    let modified = chrono::DateTime::from_timestamp_millis(now_ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ");
    let creator = m
        .organization
        .as_deref()
        .map(|o| {
            format!(
                "<dc:creator>{0}</dc:creator><cp:lastModifiedBy>{0}</cp:lastModifiedBy>",
                escape(o)
            )
        })
        .unwrap_or_default();
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>{creator}<dc:language>{lang}</dc:language>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>"#,
            "<cp:revision>1</cp:revision></cp:coreProperties>"
        ),
        title = escape(&m.document_title()),
        creator = creator,
        lang = language_tag(m.lang),
        created = m.created,
        modified = modified,
    )
}

/// `docProps/app.xml`: the application, and the publisher as company.
fn app_properties(m: &Minutes) -> String {
    let company = m
        .organization
        .as_deref()
        .map(|o| format!("<Company>{}</Company>", escape(o)))
        .unwrap_or_default();
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
            "<Application>runde</Application>{company}</Properties>"
        ),
        company = company
    )
}

/// Text for XML content.
fn escape(text: &str) -> String {
    crate::model::text::one_line(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
