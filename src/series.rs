//! Kept only so `app::prepare` builds while it still names `crate::series`:
//! the series rules are in `model::series`, scanning and templates in
//! `store`, the calendar and history in `export`. Delete with that import.
pub use crate::store::templates::{load_template, save_template, user_templates};
