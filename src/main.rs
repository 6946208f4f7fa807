//! The `portal` command line. Errors become exit codes and messages here;
//! everything below works with typed errors.

/// mimalloc instead of the system allocator: a build makes and frees
/// millions of small strings and JSON values on several threads, and
/// glibc's per-thread arenas keep much of what was freed (peak memory of a
/// 100,000-page build: 1.22 GB with glibc, 0.92 GB with mimalloc, at about
/// the same CPU time).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use clap::{Parser, Subcommand, ValueEnum};
use portal::diagnostic::Diagnostic;
use portal::model::LegalKind;
use portal::pipeline::{self, BuildError, BuildOptions};
use portal::schema::ContentType;
use portal::{scaffold, serve, text};

/// portal compiles a digital-strategy portal from Markdown and YAML into a
/// static, accessible citizen website.
#[derive(Parser)]
#[command(name = "portal", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from ROOT/content into the output folder.
    ///
    /// The previous output is replaced only when the build succeeds; on any
    /// error every problem found is printed and the old output stays as it was.
    Build {
        /// The site's folder, which holds content/ (and optionally themes/).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Publish under this absolute URL instead of base_url from site.yaml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include news articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Leave out the search index and the search page (a quicker build
        /// when checking other changes).
        #[arg(long)]
        no_search: bool,
        /// Print the time of each phase and of the ten slowest templates.
        #[arg(long)]
        timings: bool,
        /// Also write gzip and Brotli copies (`.gz`, `.br`) of text files,
        /// for web servers that serve them precompressed.
        #[arg(long)]
        precompress: bool,
    },
    /// Check the whole site (content, links, theme) and write nothing.
    ///
    /// Prints every problem found, sorted by file and line, and exits with 1
    /// when there is an error.
    Check {
        /// The site's folder, which holds content/ (and optionally themes/).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// How to print problems: for people, as JSON lines, or as GitHub
        /// Actions annotations.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Create a content file with every field of its type, ready to fill in.
    ///
    /// Required fields hold the placeholder TODO, which `portal check` reports
    /// until it is replaced; every field has a comment saying what it means.
    New {
        /// The kind of content.
        #[arg(value_enum)]
        kind: NewKind,
        /// The slug (file name without .md); for pages a path like ueber-uns/team.
        slug: String,
        /// For a page: make it this legal page, with the fields the law asks
        /// for (accessibility: the EU model statement; imprint: the Impressum).
        #[arg(long, value_name = "KIND", value_parser = ["imprint", "privacy", "accessibility", "easy_language", "sign_language"])]
        legal: Option<String>,
        /// The site's folder, which holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
    /// Preview the site while you edit it: builds, serves it over HTTP and
    /// rebuilds on every change.
    ///
    /// Only the pages a change touches are rendered again; open pages reload
    /// by themselves. A change that breaks the content keeps the last good
    /// site served, with the problems shown over every page and in the
    /// terminal. Nothing is written to disk.
    Serve {
        /// The site's folder, which holds content/ (and optionally themes/).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The address to listen on (loopback unless you need otherwise).
        #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Include news articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Publish the built site to S3-compatible object storage, sending only
    /// what changed.
    ///
    /// Files are compared by content hash with a manifest the last deploy
    /// left in the bucket; new and changed files are uploaded (files named
    /// by their content first, pages last), then files the site no longer
    /// has are deleted. Credentials come from the standard AWS environment
    /// variables. See docs/publishing.md.
    Deploy {
        /// The site's folder, which holds content/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The built site to deploy [default: ROOT/public].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The bucket and folder: s3://BUCKET or s3://BUCKET/FOLDER.
        #[arg(long, value_name = "URL")]
        to: portal::deploy::Target,
        /// An S3-compatible service other than AWS, e.g. https://s3.example.de
        /// (also read from AWS_ENDPOINT).
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
        /// Show what would be uploaded and deleted, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Refuse the whole deploy when it would delete more objects than this.
        #[arg(long, value_name = "N", default_value_t = 256)]
        max_deletes: usize,
        /// Uploads at the same time.
        #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=256))]
        jobs: u16,
    },
    /// Write JSON Schemas of every front-matter type, for editor tooling.
    ///
    /// The schemas are generated from the same types the checks use; see
    /// docs/editor-setup.md for completion and checking in an editor.
    Schema {
        /// Folder to write <type>.schema.json files into.
        #[arg(long, value_name = "DIR", default_value = "schemas")]
        out: PathBuf,
    },
}

/// Output format of diagnostics.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// rustc-style: message, location, the source line, help.
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow commands (::error file=…,line=…::…).
    Github,
}

/// What `portal new` can create.
#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    /// services/<slug>.md
    Service,
    /// news/<slug>.md
    News,
    /// governance/bodies/<slug>.md
    Body,
    /// governance/people/<slug>.md
    Person,
    /// pages/<path>.md
    Page,
}

fn print_diagnostics(diagnostics: &[Diagnostic], format: Format) {
    for d in diagnostics {
        match format {
            Format::Human => eprintln!("{}", d.to_human()),
            Format::Json => println!("{}", d.to_json()),
            Format::Github => println!("{}", d.to_github()),
        }
    }
}

fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn tally(diagnostics: &[Diagnostic]) -> String {
    let (errors, warnings) = counts(diagnostics);
    format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

fn millis(d: std::time::Duration) -> String {
    format!("{:>7.0} ms", d.as_secs_f64() * 1000.0)
}

/// `--timings`: where a build's time went, to find what to optimise.
fn print_timings(summary: &pipeline::BuildSummary) {
    let written = &summary.written;
    println!("Phases (wall time):");
    for phase in &summary.phases {
        println!("  {:<14}{}", phase.name, millis(phase.duration));
        if phase.name.starts_with("render") {
            println!(
                "    pages       {}  {}",
                millis(written.pages_took),
                plural(written.pages, "page", "pages")
            );
            println!(
                "    other files {}  feeds, sitemaps, open data, assets",
                millis(written.files_took)
            );
            if let Some(search) = summary.search {
                println!(
                    "    search index{}  on its own thread beside the pages",
                    millis(search.took)
                );
            }
        }
    }
    let shown = written.templates.len().min(10);
    println!(
        "Slowest templates ({shown} of {}; time summed over threads, with writing the page):",
        written.templates.len()
    );
    for t in &written.templates[..shown] {
        println!(
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
            println!(
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
                println!(
                    "Search index: {} in pagefind/, {:.1} KiB, made in {} ms beside the rendering",
                    plural(search.files, "file", "files"),
                    search.bytes as f64 / 1024.0,
                    search.took.as_millis()
                );
            }
            if let Some(p) = summary.precompressed {
                println!(
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
            eprintln!(
                "{}; nothing was written, the previous output is unchanged",
                tally(&diagnostics)
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {:#}", anyhow::Error::from(e));
            ExitCode::FAILURE
        }
    }
}

fn deploy(options: &portal::deploy::DeployOptions) -> ExitCode {
    let progress = |p: portal::deploy::Progress| {
        eprintln!("  {} of {} files uploaded", p.uploaded, p.planned);
    };
    match portal::deploy::deploy(options, &progress) {
        Ok(done) => {
            for warning in &done.warnings {
                eprintln!("warning: {warning}");
            }
            let bytes = format_bytes(done.bytes);
            if done.dry_run {
                for upload in &done.uploads {
                    println!(
                        "upload {} ({}, {})",
                        done.target.key(&upload.path),
                        upload.reason,
                        format_bytes(upload.size)
                    );
                }
                for path in &done.deletes {
                    println!("delete {}", done.target.key(path));
                }
                println!(
                    "Dry run: would upload {} ({bytes}), delete {}, leave {} unchanged in {}; nothing was written.",
                    plural(done.uploads.len(), "file", "files"),
                    plural(done.deletes.len(), "object", "objects"),
                    done.unchanged,
                    done.target,
                );
            } else {
                println!(
                    "Deployed {} to {} in {:.2} s: {} uploaded ({bytes}), {} deleted, {} unchanged.",
                    options.out.display(),
                    done.target,
                    done.took.as_secs_f64(),
                    done.uploads.len(),
                    done.deletes.len(),
                    done.unchanged,
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Bytes for people: `512 B`, `41.2 KiB`, `3.4 MiB`.
fn format_bytes(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

fn new_file(
    root: &Path,
    kind: NewKind,
    slug: &str,
    legal: Option<&str>,
) -> anyhow::Result<PathBuf> {
    let content_type = match kind {
        NewKind::Service => ContentType::Service,
        NewKind::News => ContentType::News,
        NewKind::Body => ContentType::Body,
        NewKind::Person => ContentType::Person,
        NewKind::Page => ContentType::Page,
    };
    let nested = matches!(kind, NewKind::Page);
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
    let folder = scaffold::folder(content_type).context("this kind has no folder")?;
    let path = root
        .join("content")
        .join(folder)
        .join(format!("{}.md", segments.join("/")));
    if path.exists() {
        bail!("{} already exists; nothing was written", path.display());
    }
    std::fs::create_dir_all(path.parent().context("the path has a folder")?)?;
    std::fs::write(&path, scaffold::new_file(content_type, legal))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

fn write_schemas(out: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for content_type in ContentType::ALL {
        let path = out.join(format!("{}.schema.json", content_type.name()));
        let text = serde_json::to_string_pretty(&content_type.schema())? + "\n";
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            drafts,
            no_search,
            timings,
            precompress,
        } => build(
            BuildOptions {
                out: out.unwrap_or_else(|| root.join("public")),
                root,
                base_url,
                drafts,
                search: !no_search,
                precompress,
            },
            timings,
        ),
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            open,
        } => {
            let options = serve::ServeOptions {
                build: BuildOptions {
                    out: root.join("public"),
                    root,
                    base_url: None,
                    drafts,
                    search: true,
                    precompress: false,
                },
                bind,
                port,
            };
            let result = serve::run(options, |address| {
                let url = format!("http://{address}/");
                println!("Serving {url} (Ctrl+C to stop)");
                if open {
                    // Best effort: a machine without a desktop has no opener.
                    let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
                }
            });
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Deploy {
            root,
            out,
            to,
            endpoint,
            dry_run,
            max_deletes,
            jobs,
        } => deploy(&portal::deploy::DeployOptions {
            out: out.unwrap_or_else(|| root.join("public")),
            target: to,
            endpoint,
            dry_run,
            max_deletes,
            jobs: jobs.into(),
        }),
        Command::Check { root, format } => {
            let diagnostics = pipeline::check(&BuildOptions {
                out: root.join("public"),
                root,
                base_url: None,
                drafts: false,
                search: true,
                precompress: false,
            });
            print_diagnostics(&diagnostics, format);
            eprintln!("{}", tally(&diagnostics));
            if counts(&diagnostics).0 > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::New {
            kind,
            slug,
            root,
            legal,
        } => match new_file(&root, kind, &slug, legal.as_deref()) {
            Ok(path) => {
                println!(
                    "Created {}: replace every TODO, then run `portal check`",
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
        Command::Schema { out } => match write_schemas(&out) {
            Ok(()) => {
                println!(
                    "Wrote {} schemas into {}",
                    ContentType::ALL.len(),
                    out.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}
