//! `portal translations`.

use portal::{say, tell};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use portal::pipeline::{self, BuildOptions};
use portal::resolve::{stamped_translation, translation_report, LanguageReport, Standing};

use super::{print_diagnostics, Format};

/// The arguments of `portal translations` (its help text is on `Command`
/// in main.rs).
#[derive(clap::Args)]
pub struct Args {
    /// The site's folder, which holds content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Record in these translations that they are up to date with their
    /// originals (writes their `translates:` field).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub stamp: Vec<PathBuf>,
    /// The report as one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Reports how every translation stands, or stamps the named ones; exit
/// code 1 when the site cannot be read or a named file is no translation.
pub fn run(args: Args) -> ExitCode {
    let (site, diagnostics) = pipeline::check_site(&BuildOptions {
        out: args.root.join("public"),
        root: args.root.clone(),
        base_url: None,
        drafts: true,
        search: false,
        precompress: false,
    });
    let Some(site) = site else {
        print_diagnostics(&diagnostics, Format::Human);
        tell!("error: the site cannot be read; fix the errors above first");
        return ExitCode::FAILURE;
    };
    if args.stamp.is_empty() {
        let report = translation_report(&site);
        if args.json {
            say!("{}", serde_json::json!({ "languages": report }));
        } else {
            print_report(&report);
        }
        return ExitCode::SUCCESS;
    }
    let mut failed = false;
    for file in &args.stamp {
        let shown = relative(&args.root, file);
        let Some(t) = site.translations.iter().find(|t| t.file.path() == shown) else {
            tell!(
                "error: `{}` is no translation of this site (a translation is `<slug>.<code>.md` beside its original, in a language of `translations`)",
                shown.display()
            );
            failed = true;
            continue;
        };
        let Some(text) = stamped_translation(&site, t) else {
            tell!(
                "error: the original of `{}` does not exist",
                shown.display()
            );
            failed = true;
            continue;
        };
        match write_atomically(&args.root.join(&shown), &text) {
            Ok(()) => tell!("stamped {}", shown.display()),
            Err(e) => {
                tell!("error: cannot write `{}`: {e}", shown.display());
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `file` as the site shows it: relative to `root` when it lies inside.
fn relative(root: &Path, file: &Path) -> PathBuf {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    absolute(file)
        .strip_prefix(absolute(root))
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.to_path_buf())
}

/// Writes beside the file and renames, so an interrupted write never
/// leaves half a translation.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".portal-stamp");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

fn print_report(report: &[LanguageReport]) {
    if report.is_empty() {
        say!("The site has no further languages (`translations` in content/site.yaml).");
        return;
    }
    for language in report {
        let count = |f: fn(&Standing) -> bool| {
            language
                .translations
                .iter()
                .filter(|t| f(&t.standing))
                .count()
        };
        say!(
            "{}: {} translated ({} current, {} outdated, {} unstamped), {} untranslated",
            language.language,
            language.translations.len(),
            count(|s| *s == Standing::Current),
            count(|s| matches!(s, Standing::Outdated(_))),
            count(|s| *s == Standing::Unstamped),
            language.untranslated.len()
        );
        for t in &language.translations {
            match &t.standing {
                Standing::Current => say!("  current       {}", t.file),
                Standing::Outdated(parts) => say!(
                    "  outdated      {} ({} changed in {})",
                    t.file,
                    parts.join(", "),
                    t.original
                ),
                Standing::Unstamped => say!("  unstamped     {}", t.file),
            }
        }
        for file in &language.untranslated {
            say!("  untranslated  {file}");
        }
    }
}
