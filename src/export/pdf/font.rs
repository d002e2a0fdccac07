//! The PDF's font: DejaVu Sans (regular and bold) embedded as a subset of
//! the glyphs the minutes use, Identity-H encoded, with widths and a
//! ToUnicode map so text can be copied and searched.
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use ttf_parser::Face;

use crate::error::{Error, Result};

/// Glyphs a font used: their numbers in the subset (the font's own
/// numbers renumbered from 0), and per subset glyph the font's glyph and
/// the character it stands for.
#[derive(Default)]
pub(super) struct Used {
    remapper: subsetter::GlyphRemapper,
    glyphs: std::collections::BTreeMap<u16, (u16, char)>,
}

/// The text as subset glyph numbers (Identity-H: two bytes each).
pub(super) fn encode(face: &Face<'_>, text: &str, used: &mut Used) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2);
    for c in text.chars() {
        let gid = face.glyph_index(c).map_or(0, |g| g.0);
        let new = used.remapper.remap(gid);
        used.glyphs.entry(new).or_insert((gid, c));
        out.extend_from_slice(&new.to_be_bytes());
    }
    out
}

/// A Type0/CIDFontType2 font with a subset of the TrueType file embedded
/// (only the glyphs used), Identity-H encoded, with widths and a
/// ToUnicode map for copy and search.
pub(super) fn embed_font(
    pdf: &mut Pdf,
    ids: [Ref; 5],
    face: &Face<'_>,
    data: &[u8],
    name: &str,
    used: &Used,
) -> Result<()> {
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
