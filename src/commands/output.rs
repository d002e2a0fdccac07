//! `runde export` and `check`: minutes and health reports.
use super::{
    Audience, Error, ExportArgs, PLAN_FILE, Result, check, cli_strings, emit, emit_bytes, emit_plain, export, lang_of,
    open, paths, read_text,
};
use crate::i18n::Written;

pub(super) fn export_cmd(args: ExportArgs) -> Result<()> {
    if args.print_template.is_some() {
        return emit(export::html::DEFAULT_TEMPLATE);
    }
    let s = open(&args.path)?;
    // The person asked for minutes in `--lang`: they read that language.
    let words = cli_strings(args.lang.unwrap_or(s.plan().lang));
    if args.check_public {
        let report = export::check_public(s.plan(), s.state())?;
        emit_plain(&report.uncertain.iter().map(|u| format!("{u}\n")).collect::<String>())?;
        let summary = words.check_public(report.replaced, report.uncertain.len());
        if !report.uncertain.is_empty() {
            return Err(Error::Problems(summary));
        }
        eprintln!("runde: {summary}");
        return Ok(());
    }
    let template = match &args.template {
        Some(p) => Some(export::html::Template {
            name: p.display().to_string(),
            source: read_text(p)?,
        }),
        None => None,
    };
    let html = match (args.fragment, args.email) {
        (true, _) => export::html::Mode::Fragment,
        (_, true) => export::html::Mode::Email,
        _ => export::html::Mode::Page,
    };
    let audience = if args.public {
        Audience::Public
    } else {
        Audience::Internal
    };
    let opts = export::Options {
        format: Some(args.format),
        lang: args.lang,
        audience,
        template,
        html,
        now_ms: chrono::Utc::now().timestamp_millis(),
        undecided: match args.redact_doubtful {
            true => export::privacy::publish::Undecided::Redact,
            false => export::privacy::publish::Undecided::Refuse,
        },
    };
    super::review_cmd::signoff_notice(&s, args.require_signoff, args.lang.unwrap_or(s.plan().lang))?;
    let bytes = export::render_bytes(s.plan(), s.state(), &opts)?;
    if audience == Audience::Public {
        let published = export::privacy::publish::publish(s.plan(), s.state(), s.plan().lang, opts.undecided)?;
        eprintln!("runde: {}", words.replaced_mentions(published.replaced));
    }
    match &args.output {
        Some(path) => crate::store::files::replace_file(path, &bytes)?,
        None if args.format.is_binary() => emit_bytes(&bytes)?,
        None => emit(&String::from_utf8_lossy(&bytes))?,
    }
    let which = match (args.format, audience) {
        // A calendar file holds the invitation, not the minutes.
        (export::Format::Ics, _) => Written::Invitation,
        (_, Audience::Public) => Written::Public,
        (_, Audience::Internal) => Written::Internal,
    };
    let to = args.output.as_ref().map(|p| p.display().to_string());
    eprintln!("runde: {}", words.wrote(which, to.as_deref()));
    Ok(())
}

pub(super) fn check_cmd(path: &str) -> Result<()> {
    let dir = paths::resolve(path)?;
    let lang = lang_of(path);
    let words = cli_strings(lang);
    let shown = dir.display().to_string();
    if !dir.join(PLAN_FILE).exists() {
        return Err(Error::Invalid(words.not_a_session(&shown, PLAN_FILE)));
    }
    let findings = check::check(&dir);
    let problems = findings.iter().filter(|f| !f.recovered).count();
    let mut out = String::new();
    for f in &findings {
        let what = crate::i18n::check::describe(&f.kind, lang);
        // A refusal of the store names its file itself.
        let named = matches!(f.kind, check::FindingKind::Refused(_));
        let line = match f.line {
            _ if f.path.as_os_str().is_empty() || named => format!("{what}\n"),
            Some(line) => format!("{}:{line}: {what}\n", f.path.display()),
            None => format!("{}: {what}\n", f.path.display()),
        };
        out.push_str(&line);
    }
    emit_plain(&out)?;
    if problems > 0 {
        return Err(Error::Problems(words.problems_in(problems, &shown)));
    }
    eprintln!("runde: {}", words.healthy(&shown));
    Ok(())
}
