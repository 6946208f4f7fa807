//! The build as named, timed phases: load → resolve → render (and write)
//! → commit. Each phase is one module; this file only sequences them.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diagnostic::{self, Diagnostic};
use crate::output::Staging;
use crate::render::{self, RenderSummary};
use crate::resolve::{self, ResolveOptions, Site};
use crate::search;
use crate::{load, theme};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder (holding `content/`, optionally `themes/`).
    pub root: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// Include draft news.
    pub drafts: bool,
    /// Make the search index and the search page. Off (`--no-search`) for
    /// quick builds: then no page offers a search that has no index.
    pub search: bool,
    /// Write `.gz` and `.br` siblings of text files (`--precompress`).
    pub precompress: bool,
}

/// How long one phase took.
#[derive(Debug, Clone)]
pub struct Phase {
    /// `load`, `resolve`, `render`, `commit`.
    pub name: &'static str,
    /// Wall time.
    pub duration: Duration,
}

/// A successful build.
#[derive(Debug)]
pub struct BuildSummary {
    /// Pages and other files written.
    pub written: RenderSummary,
    /// Timed phases in order.
    pub phases: Vec<Phase>,
    /// Warnings (a build with errors fails instead).
    pub warnings: Vec<Diagnostic>,
    /// The search index, unless built without one.
    pub search: Option<SearchSummary>,
    /// What `--precompress` wrote.
    pub precompressed: Option<crate::output::Precompressed>,
}

/// What the search index came to.
#[derive(Debug, Clone, Copy)]
pub struct SearchSummary {
    /// Pages, stems, files and bytes of the index.
    pub index: search::IndexSummary,
    /// How long writing it took.
    pub took: Duration,
}

impl BuildSummary {
    /// Total wall time.
    pub fn total(&self) -> Duration {
        self.phases.iter().map(|p| p.duration).sum()
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content (or theme) has errors; all problems found are listed.
    #[error("the site has {} error(s)", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    /// The output could not be written.
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
}

/// Times named phases one after another.
pub(crate) struct Timer {
    pub(crate) phases: Vec<Phase>,
    started: Instant,
}

impl Timer {
    pub(crate) fn new() -> Self {
        Timer {
            phases: Vec::new(),
            started: Instant::now(),
        }
    }

    /// Ends the phase `name` now.
    pub(crate) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.phases.push(Phase {
            name,
            duration: now - self.started,
        });
        self.started = now;
    }
}

/// The day of the build: from `SOURCE_DATE_EPOCH` when set (the convention
/// of reproducible builds, also used by the tests), else the clock.
pub fn today() -> chrono::NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Loads and resolves the site, collecting every problem; the shared front
/// half of `build` and `check`.
pub fn analyse(options: &BuildOptions) -> (Option<Site>, Vec<Diagnostic>, Vec<Phase>) {
    analyse_with(options, None)
}

/// What an analysis repeated after edits (the live preview) keeps from
/// the last one: the parsed files and what the checks found per document.
#[derive(Default)]
pub struct Reuse {
    /// Files parsed before (see [`load::ParseCache`]).
    pub parsed: load::ParseCache,
    /// Problems found per document (see [`resolve::CheckCache`]).
    pub checked: resolve::CheckCache,
}

/// [`analyse`], reusing what the last analysis with `reuse` did for the
/// files that did not change.
pub fn analyse_with(
    options: &BuildOptions,
    reuse: Option<&Reuse>,
) -> (Option<Site>, Vec<Diagnostic>, Vec<Phase>) {
    let mut timer = Timer::new();
    let loaded = load::load_with(&options.root, reuse.map(|r| &r.parsed));
    timer.lap("load");
    let (site, mut diagnostics) = resolve::resolve_with(
        loaded,
        &ResolveOptions {
            base_url: options.base_url.clone(),
            drafts: options.drafts,
            today: Some(today()),
            search: options.search,
        },
        reuse.map(|r| &r.checked),
    );
    timer.lap("resolve");
    diagnostic::sort(&mut diagnostics);
    (site, diagnostics, timer.phases)
}

/// Checks everything a build would (content, links, the theme's templates)
/// and writes nothing. Returns every problem, sorted.
pub fn check(options: &BuildOptions) -> Vec<Diagnostic> {
    check_site(options).1
}

/// [`check`], also returning the resolved site (when it could be read at
/// all) for reports about the content, like the entries marked as
/// demonstration data.
pub fn check_site(options: &BuildOptions) -> (Option<Site>, Vec<Diagnostic>) {
    let (site, mut diagnostics, _) = analyse(options);
    let theme_name = site.as_ref().map_or("default", |s| s.config.theme.as_str());
    match theme::load(&options.root, theme_name) {
        Ok(theme) => {
            let languages = site
                .as_ref()
                .map_or_else(|| vec!["de"], |s| s.config.text_languages());
            if let Err(mut problems) = render::Templates::new(&theme, &languages) {
                diagnostics.append(&mut problems);
            }
        }
        Err(mut problems) => diagnostics.append(&mut problems),
    }
    diagnostic::sort(&mut diagnostics);
    (site, diagnostics)
}

/// Builds the site. The previous output is replaced only on success.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, BuildError> {
    let (site, mut diagnostics, phases) = analyse(options);
    let mut timer = Timer::new();
    timer.phases = phases;
    let site = match site {
        Some(site) if !diagnostics.iter().any(Diagnostic::is_error) => site,
        _ => return Err(BuildError::Content(diagnostics)),
    };
    let theme = theme::load(&options.root, &site.config.theme).map_err(|mut d| {
        diagnostics.append(&mut d);
        BuildError::Content(diagnostics.clone())
    })?;
    let mut site = site;
    site.strings = theme.site_strings(&site.config);
    for edition in &mut site.editions {
        edition.strings = theme.strings_for(edition.code());
    }
    let staging = Staging::create(&options.out)?;
    let written = render::render(&site, &theme, &staging);
    timer.lap("render");
    let written = written.map_err(|mut d| {
        diagnostics.append(&mut d);
        diagnostic::sort(&mut diagnostics);
        BuildError::Content(diagnostics.clone())
    })?;
    // The search index is made from the site model, not from the pages, on
    // all cores once the pages are written (it streams: its memory does
    // not add to the pages').
    let mut search_summary = None;
    if options.search {
        let started = Instant::now();
        let index = search::write_site_index(&site, &staging).map_err(|e| {
            diagnostics.push(Diagnostic::error(e.to_string()));
            BuildError::Content(diagnostics.clone())
        })?;
        search_summary = Some(SearchSummary {
            index,
            took: started.elapsed(),
        });
        timer.lap("search");
    }
    let precompressed = if options.precompress {
        let done = staging.precompress()?;
        timer.lap("precompress");
        Some(done)
    } else {
        None
    };
    staging.commit()?;
    timer.lap("commit");
    Ok(BuildSummary {
        written,
        phases: timer.phases,
        warnings: diagnostics,
        search: search_summary,
        precompressed,
    })
}
