//! Build script: puts the build's commit into `runde --version`
//! (`runde 0.1.0 (957182ce698b 2026-12-05)`) and its date into the man page. `RUNDE_BUILD_COMMIT` overrides
//! the commit (for builds from a source archive); without it and without a
//! git checkout of this package — a `.crate`, a tarball — the long version
//! is just the package version.
use std::path::{Path, PathBuf};
use std::process::Command;

/// Override of the commit shown by `runde --version`.
const COMMIT_ENV: &str = "RUNDE_BUILD_COMMIT";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={COMMIT_ENV}");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = match std::env::var(COMMIT_ENV) {
        Ok(given) if !given.trim().is_empty() => Some(given.trim().to_string()),
        _ => git_commit(&manifest),
    };
    let long = match &commit {
        Some(commit) => format!("{version} ({commit})"),
        None => version,
    };
    // The commit's date (YYYY-MM-DD) for the man page, when known.
    let date = commit
        .as_deref()
        .and_then(|c| c.split_whitespace().nth(1))
        .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-')
        .unwrap_or("");
    println!("cargo:rustc-env=RUNDE_LONG_VERSION={long}");
    println!("cargo:rustc-env=RUNDE_COMMIT_DATE={date}");
}

/// Output of `git ARGS` run in `dir`, trimmed; `None` when git is missing
/// or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// "957182ce698b 2026-12-05" for the commit checked out in `dir`, if `dir`
/// is the top of a git work tree (not a package unpacked inside some other
/// repository). Asks cargo to run this again when HEAD moves.
fn git_commit(dir: &Path) -> Option<String> {
    let top = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?);
    if top.canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    let branch = git(dir, &["symbolic-ref", "-q", "HEAD"]);
    for file in ["HEAD", "packed-refs"].into_iter().chain(branch.as_deref()) {
        let path = git(dir, &["rev-parse", "--path-format=absolute", "--git-path", file]);
        // A path that does not exist would make cargo run this on every build.
        if let Some(path) = path.filter(|p| Path::new(p).exists()) {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    git(dir, &["log", "-1", "--format=%h %cs", "--abbrev=12"])
}
