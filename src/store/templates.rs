//! User templates (saved plans in the config folder) and the machine's
//! time zone for new plans.
use std::path::{Path, PathBuf};

use super::PLAN_FILE;
use super::plan_file::read_text;
use crate::error::{Error, Result};
use crate::model::Plan;
use crate::model::problem::StoreProblem;

/// Where user templates are kept (`$RUNDE_CONFIG/templates` or the platform config dir).
pub fn templates_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("RUNDE_CONFIG").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("templates"));
    }
    directories::ProjectDirs::from("", "", "runde")
        .map(|d| d.config_dir().join("templates"))
        .ok_or_else(|| {
            Error::Store(StoreProblem::NoConfigDir {
                env: "RUNDE_CONFIG".into(),
            })
        })
}

/// Saves a session's plan (without notes) as a named template.
pub fn save_template(dir: &Path, name: &str) -> Result<PathBuf> {
    check_name(name)?;
    let plan = super::plan_file::read_plan(&dir.join(PLAN_FILE))?;
    save_plan_as_template(&plan, name)
}

/// Saves `plan` as the user template `name` (not a built-in's name, none
/// of that name yet).
pub fn save_plan_as_template(plan: &Plan, name: &str) -> Result<PathBuf> {
    check_name(name)?;
    let folder = templates_dir()?;
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let path = folder.join(format!("{name}.json"));
    if path.exists() {
        return Err(Error::Store(StoreProblem::TemplateExists { path }));
    }
    super::files::replace_file(&path, plan.to_pretty_json()?.as_bytes())?;
    Ok(path)
}

/// A template name must be an id and not a built-in's name.
fn check_name(name: &str) -> Result<()> {
    if !crate::model::plan::is_valid_id(name) {
        return Err(Error::Store(StoreProblem::BadTemplateName { name: name.into() }));
    }
    if crate::model::template::TEMPLATES.contains(&name) {
        return Err(Error::Store(StoreProblem::BuiltInTemplate { name: name.into() }));
    }
    Ok(())
}

/// A user template's plan, if one of that name exists.
pub fn load_template(name: &str) -> Result<Option<Plan>> {
    if !crate::model::plan::is_valid_id(name) {
        return Ok(None);
    }
    let path = templates_dir()?.join(format!("{name}.json"));
    if !path.is_file() {
        return Ok(None);
    }
    let text = read_text(&path)?;
    Plan::parse(&path, &text).map(Some)
}

/// Names of the user templates.
pub fn user_templates() -> Result<Vec<String>> {
    let dir = templates_dir()?;
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .filter_map(|e| {
                e.file_name()
                    .to_string_lossy()
                    .strip_suffix(".json")
                    .map(str::to_string)
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    Ok(names)
}

/// The time zone `runde new` writes into a plan: `TZ` when it names an IANA
/// zone, else the machine's zone, else Europe/Berlin for German sessions
/// (Germany, Austria and Switzerland share it); `None` leaves times floating.
pub fn machine_timezone(lang: crate::model::Lang) -> Option<String> {
    let from_env = std::env::var("TZ")
        .ok()
        .map(|tz| tz.trim_start_matches(':').to_string());
    let from_machine = iana_time_zone::get_timezone().ok();
    let fallback = match lang {
        crate::model::Lang::De => Some("Europe/Berlin".to_string()),
        crate::model::Lang::En => None,
    };
    [from_env, from_machine, fallback]
        .into_iter()
        .flatten()
        .find(|name| name.parse::<chrono_tz::Tz>().is_ok())
}
