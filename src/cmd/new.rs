//! `portal new`.

use portal::{say, tell};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use portal::model::{ContentKind, LegalKind};
use portal::{scaffold, text};

/// The arguments of `portal new` (its help text is on `Command` in
/// main.rs).
#[derive(clap::Args)]
pub struct Args {
    /// The kind of content.
    #[arg(value_parser = kinds())]
    pub kind: ContentKind,
    /// The slug (file name without .md); for pages a path like ueber-uns/team.
    pub slug: String,
    /// For a page: make it this legal page, with the fields the law asks
    /// for (accessibility: the EU model statement; imprint: the Impressum).
    #[arg(long, value_name = "KIND", value_parser = ["imprint", "privacy", "accessibility", "easy_language", "sign_language"])]
    pub legal: Option<String>,
    /// The site's folder, which holds content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// The kinds with a folder of their own, by their noun (`service`,
/// `news`, …), listed in `portal new --help`.
fn kinds() -> impl clap::builder::TypedValueParser<Value = ContentKind> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(ContentKind::IN_FOLDERS.map(ContentKind::noun))
        .try_map(|noun| ContentKind::from_noun(&noun).ok_or("not a kind of content"))
}

/// Writes the new file and says what to do next.
pub fn run(args: Args) -> ExitCode {
    match new_file(&args.root, args.kind, &args.slug, args.legal.as_deref()) {
        Ok(path) => {
            say!(
                "Created {}: replace every TODO, then run `portal check`",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            tell!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn new_file(
    root: &Path,
    kind: ContentKind,
    slug: &str,
    legal: Option<&str>,
) -> anyhow::Result<PathBuf> {
    let nested = kind.nests();
    let legal = match legal {
        None => None,
        Some(_) if !nested => {
            bail!("--legal is only for pages: `portal new page {slug} --legal …`")
        }
        Some(key) => Some(
            LegalKind::ALL
                .into_iter()
                .find(|k| k.key() == key)
                .context("clap allows only the keys of LegalKind")?,
        ),
    };
    let segments: Vec<&str> = slug.trim_matches('/').split('/').collect();
    for segment in &segments {
        if !text::is_slug(segment) || (!nested && segments.len() > 1) {
            bail!(
                "`{slug}` is not a valid slug: use lowercase a-z, 0-9 and `-`, e.g. `{}`",
                text::slugify(slug)
            );
        }
    }
    let folder = kind.folder().context("this kind has no folder")?;
    let path = root
        .join("content")
        .join(folder)
        .join(format!("{}.md", segments.join("/")));
    if path.exists() {
        bail!("{} already exists; nothing was written", path.display());
    }
    std::fs::create_dir_all(path.parent().context("the path has a folder")?)?;
    let today = portal::date::Date(portal::pipeline::today());
    std::fs::write(&path, scaffold::new_file(kind, legal, today))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}
