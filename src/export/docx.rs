//! Minutes as a Word document (.docx, A4): title and headings as Word
//! heading styles, bullet lists, the two-column table with its caption
//! and source, links and bold text — from the same document as every
//! other format.
use docx_rs::{
    AbstractNumbering, BreakType, Docx, Hyperlink, HyperlinkType, IndentLevel, Level, LevelJc, LevelText, NumberFormat,
    Numbering, NumberingId, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, Table, TableCell,
    TableRow,
};

use super::doc::{Block, Inline, Minutes, TwoColumnTable};
use crate::error::{Error, Result};

const BULLETS: usize = 1;
/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);

/// Renders the minutes as a .docx file.
pub fn render(m: &Minutes) -> Result<Vec<u8>> {
    let mut docx = styles(Docx::new())
        .page_size(A4.0, A4.1)
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    for block in &m.blocks {
        docx = match block {
            Block::Title { text, subtitle } => {
                let docx = docx.add_paragraph(styled("Title", text));
                match subtitle {
                    Some(sub) => docx.add_paragraph(styled("Subtitle", sub)),
                    None => docx,
                }
            }
            Block::Heading { text } => docx.add_paragraph(styled("Heading1", text)),
            Block::Subheading { text } => docx.add_paragraph(styled("Heading2", text)),
            Block::Paragraph { inlines, .. } => docx.add_paragraph(runs(Paragraph::new(), inlines)),
            Block::List { items } => items.iter().fold(docx, |d, item| {
                d.add_paragraph(
                    runs(Paragraph::new(), &item.inlines).numbering(NumberingId::new(BULLETS), IndentLevel::new(0)),
                )
            }),
            Block::Table(table) => word_table(docx, table),
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| Error::Invalid(format!("Word document: {e}")))?;
    Ok(out.into_inner())
}

/// The table's caption in bold, the table with a bold header row, and
/// its source.
fn word_table(docx: Docx, table: &TwoColumnTable) -> Docx {
    let head = TableRow::new(
        table
            .headers
            .iter()
            .map(|h| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(h).bold())))
            .collect(),
    );
    let body = table.cells().map(|row| {
        TableRow::new(
            row.iter()
                .map(|cell| TableCell::new().add_paragraph(runs(Paragraph::new(), cell)))
                .collect(),
        )
    });
    let grid = Table::new(std::iter::once(head).chain(body).collect()).set_grid(vec![4500, 4500]);
    let docx = docx
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&table.caption).bold()))
        .add_table(grid);
    match &table.source {
        Some(source) => docx.add_paragraph(runs(Paragraph::new(), source)),
        None => docx,
    }
}

fn styles(docx: Docx) -> Docx {
    let font = RunFonts::new().ascii("Calibri").hi_ansi("Calibri").cs("Calibri");
    let style = |id: &str, name: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .size(size)
            .bold()
            .fonts(font.clone())
    };
    docx.add_style(style("Title", "Title", 36))
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .italic()
                .size(24),
        )
        .add_style(style("Heading1", "Heading 1", 28))
        .add_style(style("Heading2", "Heading 2", 24))
}

fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(Run::new().add_text(text))
}

/// Adds the runs to a paragraph: bold, italic, links, line breaks.
fn runs(mut p: Paragraph, inlines: &[Inline]) -> Paragraph {
    for run in inlines {
        p = match run {
            Inline::Text { text } => p.add_run(Run::new().add_text(text)),
            Inline::Strong { text } => p.add_run(Run::new().add_text(text).bold()),
            Inline::Emph { text } => p.add_run(Run::new().add_text(text).italic()),
            Inline::Link { text, url } => p.add_hyperlink(
                Hyperlink::new(url, HyperlinkType::External)
                    .add_run(Run::new().add_text(text).underline("single").color("0563C1")),
            ),
            Inline::Break => p.add_run(Run::new().add_break(BreakType::TextWrapping)),
        };
    }
    p
}
