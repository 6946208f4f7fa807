//! `portal import`.

use portal::{say, tell};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use clap::ValueEnum;
use portal::load::{self, sources::changes, Catalogue};

use super::{counts, print_diagnostics, Format};

/// The arguments of `portal import` (its help text is on `Command` in
/// main.rs).
#[derive(clap::Args)]
pub struct Args {
    /// The new export: a file, or a folder of files for a source that is
    /// a folder.
    pub export: PathBuf,
    /// The site's folder, which holds content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Which source of site.yaml, by its name or path (needed when there
    /// are several).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Report what would change and leave the current export in place.
    #[arg(long)]
    pub dry_run: bool,
    /// The report: Markdown (for people and pull request descriptions) or
    /// JSON.
    #[arg(long, value_enum, default_value_t = Report::Markdown)]
    pub report: Report,
}

/// The form of the change report.
#[derive(Clone, Copy, ValueEnum)]
pub enum Report {
    /// Markdown.
    Markdown,
    /// One JSON object.
    Json,
}

/// Compares, reports, and replaces the export; exit code 1 when the new
/// export has errors or a local file adds to a service it no longer has.
pub fn run(args: Args) -> ExitCode {
    match import(&args) {
        Ok(code) => code,
        Err(e) => {
            tell!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn import(args: &Args) -> anyhow::Result<ExitCode> {
    // Absolute, so the export (anywhere) is shown relative to it when it
    // lies inside the site.
    let root = &std::path::absolute(&args.root)?;
    let content = root.join("content");
    let loaded = load::load(root);
    let Some((site_file, site)) = loaded.site.clone() else {
        bail!("content/site.yaml cannot be read: run `portal check` for its errors");
    };
    let index = match (&args.source, site.sources.len()) {
        (_, 0) => bail!("site.yaml declares no `sources:`; see docs/data-sources.md"),
        (None, 1) => 0,
        (None, _) => bail!(
            "site.yaml declares several sources: name one with --source ({})",
            site.sources
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (Some(wanted), _) => site
            .sources
            .iter()
            .position(|s| &s.name == wanted || &s.path == wanted)
            .with_context(|| format!("site.yaml has no source named `{wanted}`"))?,
    };
    let source = site.sources[index].clone();
    let export = std::path::absolute(&args.export)?;
    if !export.exists() {
        bail!("the export {} does not exist", args.export.display());
    }
    let target = content.join(&source.path);
    if target.is_dir() != export.is_dir() {
        bail!(
            "the source `{}` is a {}, the export a {}: give a {} ",
            source.path,
            kind(&target),
            kind(&export),
            kind(&target)
        );
    }
    let of_source = |catalogue: Catalogue| {
        let mut catalogue = catalogue;
        catalogue.records.retain(|r| r.source.index == index);
        catalogue
    };
    let old = of_source(Catalogue::load(
        root,
        &content,
        Some(&(site_file.clone(), site.clone())),
        false,
    ));
    let new = Catalogue::load_with_export(
        root,
        &content,
        Some(&(site_file, site.clone())),
        false,
        Some((index, &export)),
    );
    let shown = export.strip_prefix(root).unwrap_or(&export);
    let problems: Vec<_> = new
        .diagnostics
        .iter()
        .filter(|d| {
            d.location
                .as_ref()
                .is_some_and(|l| l.file.starts_with(shown))
        })
        .cloned()
        .collect();
    let new = of_source(new);
    let changes = changes::compare(&old, &new, &loaded.services);
    match args.report {
        Report::Markdown => say!("{}", changes.to_markdown(&source.name)),
        Report::Json => say!("{}", serde_json::to_string_pretty(&changes)?),
    }
    print_diagnostics(&problems, Format::Human);
    print_diagnostics(&changes.orphans, Format::Human);
    let errors = counts(&problems).0 + changes.orphans.len();
    if errors > 0 {
        tell!(
            "{} left as it was: the new export has {errors} error{} to resolve first",
            source.path,
            if errors == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::FAILURE);
    }
    if args.dry_run {
        tell!("dry run: {} left as it was", source.path);
    } else {
        replace(&export, &target)?;
        tell!(
            "content/{} replaced by {}",
            source.path,
            args.export.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn kind(path: &Path) -> &'static str {
    if path.is_dir() {
        "folder"
    } else {
        "file"
    }
}

/// Puts the export in the source's place, each file written beside its
/// final name and renamed, so a reader never sees half a file; a folder's
/// files the export no longer has are removed.
fn replace(export: &Path, target: &Path) -> anyhow::Result<()> {
    let pairs: Vec<(PathBuf, PathBuf)> = if export.is_dir() {
        let mut pairs = Vec::new();
        for entry in std::fs::read_dir(export)? {
            let path = entry?.path();
            if path.is_file() {
                let name = path.file_name().context("a file name")?.to_owned();
                pairs.push((path, target.join(name)));
            }
        }
        for entry in std::fs::read_dir(target)? {
            let path = entry?.path();
            let name = path.file_name().context("a file name")?;
            if path.is_file() && !export.join(name).exists() {
                std::fs::remove_file(&path)
                    .with_context(|| format!("cannot remove {}", path.display()))?;
            }
        }
        pairs
    } else {
        vec![(export.to_path_buf(), target.to_path_buf())]
    };
    for (from, to) in pairs {
        let temporary = to.with_extension("import-tmp");
        std::fs::copy(&from, &temporary)
            .with_context(|| format!("cannot write {}", temporary.display()))?;
        std::fs::rename(&temporary, &to)
            .with_context(|| format!("cannot replace {}", to.display()))?;
    }
    Ok(())
}
