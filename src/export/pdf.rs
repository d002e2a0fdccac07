//! Minutes as an A4 PDF with selectable text: DejaVu Sans embedded as a
//! subset of the glyphs the minutes use (all of Unicode that German and
//! English need is available, „“ and umlauts included), headings kept
//! with what follows, bullet lists, the two-column table with borders,
//! links coloured, underlined and clickable, page numbers; the document's
//! title (shown by viewers instead of the file name), language and
//! publisher. A small line-breaking layouter over `pdf-writer`; the same
//! document as every other format.
use pdf_writer::types::{ActionType, AnnotationType};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use ttf_parser::Face;

use super::doc::Minutes;
use crate::error::{Error, Result};

mod font;
mod layout;

use font::{Used, embed_font, encode};
use layout::{Layout, MARGIN, PAGE, Placed};

/// DejaVu Sans, regular and bold, stored zlib-compressed (0.7 MiB less in
/// the binary; `assets/fonts/*.ttf.z` are the `.ttf` files beside them,
/// compressed, and a test keeps them the same). Inflated on the first PDF.
const PACKED: [&[u8]; 2] = [
    include_bytes!("../../assets/fonts/DejaVuSans.ttf.z"),
    include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf.z"),
];

/// The two fonts as TrueType files, inflated once per process.
fn font_files() -> Result<[&'static [u8]; 2]> {
    static FONTS: std::sync::OnceLock<Option<[Vec<u8>; 2]>> = std::sync::OnceLock::new();
    let inflate = |z: &[u8]| miniz_oxide::inflate::decompress_to_vec_zlib(z).ok();
    let fonts = FONTS.get_or_init(|| Some([inflate(PACKED[0])?, inflate(PACKED[1])?]));
    match fonts {
        Some([regular, bold]) => Ok([regular.as_slice(), bold.as_slice()]),
        None => Err(Error::Invalid("PDF font: damaged in the binary".into())),
    }
}
/// The colour of links (a blue readable in print and on screen).
const LINK_RGB: (f32, f32, f32) = (0.02, 0.27, 0.68);

/// Renders the minutes as a PDF.
pub fn render(m: &Minutes) -> Result<Vec<u8>> {
    let parse = |data: &'static [u8]| Face::parse(data, 0).map_err(|e| Error::Invalid(format!("PDF font: {e}")));
    let [regular, bold] = font_files()?;
    let mut layout = Layout::new([parse(regular)?, parse(bold)?]);
    layout.blocks(&m.blocks);
    write(&layout, m)
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
    let info_id = id();
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
        // Links are underlined and coloured, as every reader expects.
        if !page.underlines.is_empty() {
            let (r, g, b) = LINK_RGB;
            content.save_state().set_stroke_rgb(r, g, b).set_line_width(0.5);
            for u in &page.underlines {
                content.move_to(u[0], u[1]).line_to(u[2], u[3]).stroke();
            }
            content.restore_state();
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
            link: false,
            text: footer,
        };
        let placed = page.texts.iter().chain(std::iter::once(&footer));
        content.begin_text();
        let mut coloured = false;
        for t in placed {
            if t.link != coloured {
                coloured = t.link;
                match coloured {
                    true => content.set_fill_rgb(LINK_RGB.0, LINK_RGB.1, LINK_RGB.2),
                    false => content.set_fill_gray(0.0),
                };
            }
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
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree).lang(TextStr(m.lang));
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();
    let title = m.document_title();
    let mut info = pdf.document_info(info_id);
    info.title(TextStr(&title)).creator(TextStr("runde"));
    if let Some(org) = &m.organization {
        info.author(TextStr(org));
    }
    info.finish();
    // A subset's name starts with a tag of six capitals (PDF 1.7, 9.6.4).
    let [regular, bold] = font_files()?;
    for (i, (data, name)) in [(regular, "RUNDEA+DejaVuSans"), (bold, "RUNDEB+DejaVuSans-Bold")]
        .into_iter()
        .enumerate()
    {
        embed_font(&mut pdf, fonts[i], &layout.faces[i], data, name, &used[i])?;
    }
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    /// The compressed fonts in the binary are exactly the shipped `.ttf`
    /// files: replacing one without the other fails here.
    #[test]
    fn the_packed_fonts_are_the_shipped_ttf_files() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
        let [regular, bold] = super::font_files().unwrap();
        assert_eq!(regular, std::fs::read(dir.join("DejaVuSans.ttf")).unwrap());
        assert_eq!(bold, std::fs::read(dir.join("DejaVuSans-Bold.ttf")).unwrap());
    }
}
