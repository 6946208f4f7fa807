//! `portal build`.

use portal::{say, tell};
use std::process::ExitCode;

use portal::pipeline::{self, BuildError, BuildOptions};

use super::{plural, print_diagnostics, tally, Folders, Format};

/// The arguments of `portal build` (its help text is on `Command` in
/// main.rs).
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub folders: Folders,
    /// Publish under this absolute URL instead of base_url from site.yaml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include news articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Leave out the search index and the search page (a quicker build
    /// when checking other changes).
    #[arg(long)]
    pub no_search: bool,
    /// Print the time of each phase and of the ten slowest templates.
    #[arg(long)]
    pub timings: bool,
    /// Also write gzip and Brotli copies (`.gz`, `.br`) of text files,
    /// for web servers that serve them precompressed.
    #[arg(long)]
    pub precompress: bool,
}

/// Builds the site and prints what was written.
pub fn run(args: Args) -> ExitCode {
    build(
        BuildOptions {
            out: args.folders.out(),
            root: args.folders.root,
            base_url: args.base_url,
            drafts: args.drafts,
            search: !args.no_search,
            precompress: args.precompress,
        },
        args.timings,
    )
}

fn millis(d: std::time::Duration) -> String {
    format!("{:>7.0} ms", d.as_secs_f64() * 1000.0)
}

/// `--timings`: where a build's time went, to find what to optimise.
fn print_timings(summary: &pipeline::BuildSummary) {
    let written = &summary.written;
    say!("Phases (wall time):");
    for phase in &summary.phases {
        say!("  {:<14}{}", phase.name, millis(phase.duration));
        if let (Some(search), "search") = (summary.search, phase.name) {
            say!(
                "    words       {}  {} distinct stems",
                millis(search.index.words_took),
                search.index.stems
            );
            say!(
                "    postings    {}  {}, fragments written",
                millis(search.index.pages_took),
                plural(search.index.pages, "page", "pages")
            );
            say!(
                "    shards      {}  merged, blocks and manifest written",
                millis(search.index.shards_took)
            );
        }
        if phase.name.starts_with("render") {
            say!(
                "    pages       {}  {}",
                millis(written.pages_took),
                plural(written.pages, "page", "pages")
            );
            say!(
                "    other files {}  feeds, sitemaps, open data, assets",
                millis(written.files_took)
            );
        }
    }
    let shown = written.templates.len().min(10);
    say!(
        "Slowest templates ({shown} of {}; time summed over threads, with writing the page):",
        written.templates.len()
    );
    for t in &written.templates[..shown] {
        say!(
            "  {:<24}{}  {:>7}  {:>6.2} ms per page",
            t.name,
            millis(t.took),
            plural(t.pages, "page", "pages"),
            t.took.as_secs_f64() * 1000.0 / t.pages.max(1) as f64
        );
    }
}

fn build(options: BuildOptions, timings: bool) -> ExitCode {
    match pipeline::build(&options) {
        Ok(summary) => {
            print_diagnostics(&summary.warnings, Format::Human);
            let phases: Vec<String> = summary
                .phases
                .iter()
                .map(|p| format!("{} {:.0} ms", p.name, p.duration.as_secs_f64() * 1000.0))
                .collect();
            say!(
                "Built {} and {} into {} in {:.2} s ({}){}",
                plural(summary.written.pages, "page", "pages"),
                plural(summary.written.files, "other file", "other files"),
                options.out.display(),
                summary.total().as_secs_f64(),
                phases.join(", "),
                match summary.warnings.len() {
                    0 => String::new(),
                    n => format!(", {}", plural(n, "warning", "warnings")),
                }
            );
            if let Some(search) = summary.search {
                say!(
                    "Search index: {} and {} in {}/, {} ({:.1} KiB), made in {} ms{}",
                    plural(search.index.pages, "page", "pages"),
                    plural(search.index.stems, "word stem", "word stems"),
                    portal::search::INDEX_DIR,
                    plural(search.index.files, "file", "files"),
                    search.index.bytes as f64 / 1024.0,
                    search.took.as_millis(),
                    match search.index.runs {
                        0 => String::new(),
                        n => format!(
                            ", {} spilled to disk on the way",
                            plural(n, "sorted run", "sorted runs")
                        ),
                    }
                );
            }
            if let Some(p) = summary.precompressed {
                say!(
                    "Precompressed: {} of {} text files as .gz, {} as .br (the others would not shrink by a tenth)",
                    p.gzip,
                    p.files,
                    p.brotli
                );
            }
            if timings {
                print_timings(&summary);
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diagnostics)) => {
            print_diagnostics(&diagnostics, Format::Human);
            tell!(
                "{}; nothing was written, the previous output is unchanged",
                tally(&diagnostics)
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            tell!("error: {:#}", anyhow::Error::from(e));
            ExitCode::FAILURE
        }
    }
}
