//! The `portal` command line. Errors become exit codes and messages here;
//! everything below works with typed errors.

/// mimalloc instead of the system allocator: a build makes and frees
/// millions of small strings and JSON values on several threads, and
/// glibc's per-thread arenas keep much of what was freed (peak memory of a
/// 100,000-page build: 1.22 GB with glibc, 0.92 GB with mimalloc, at about
/// the same CPU time).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

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
    /// Create a new site in DIR: the smallest one that builds and passes
    /// `portal check`, with the built-in theme.
    ///
    /// It has the five legal pages, a topic, a body, a service and a news
    /// article to show the shape of each; every stand-in value is marked as
    /// demonstration data ("Beispielwert") until you replace it.
    Init(cmd::init::Args),
    /// Build the site from ROOT/content into the output folder.
    ///
    /// The previous output is replaced only when the build succeeds; on any
    /// error every problem found is printed and the old output stays as it was.
    Build(cmd::build::Args),
    /// Check the whole site (content, links, theme) and write nothing.
    ///
    /// Prints every problem found, sorted by file and line, and exits with 1
    /// when there is an error.
    Check(cmd::check::Args),
    /// Create a content file with every field of its type, ready to fill in.
    ///
    /// Required fields hold the placeholder TODO, which `portal check` reports
    /// until it is replaced; every field has a comment saying what it means.
    New(cmd::new::Args),
    /// Preview the site while you edit it: builds, serves it over HTTP and
    /// rebuilds on every change.
    ///
    /// Only the pages a change touches are rendered again; open pages reload
    /// by themselves. A change that breaks the content keeps the last good
    /// site served, with the problems shown over every page and in the
    /// terminal. Nothing is written to disk.
    Serve(cmd::serve::Args),
    /// Publish the built site to S3-compatible object storage, sending only
    /// what changed.
    ///
    /// Files are compared by content hash with a manifest the last deploy
    /// left in the bucket; new and changed files are uploaded (files named
    /// by their content first, pages last), then files the site no longer
    /// has are deleted. Credentials come from the standard AWS environment
    /// variables. See docs/publishing.md.
    Deploy(cmd::deploy::Args),
    /// Take in a new export of a data source (an XZuFi catalogue) and
    /// report what it changes.
    ///
    /// Prints the services added, removed and changed (which fields) as
    /// Markdown, ready for a pull request description, or as JSON; then
    /// puts the export in the source's place. A new export with errors, or
    /// one that drops a service a local file still adds to, is refused
    /// with each problem at its file and line, and nothing is replaced.
    Import(cmd::import::Args),
    /// Report how the translations stand, or record that some are up to
    /// date.
    ///
    /// Lists per further language of site.yaml the translations that are
    /// current, outdated (with the parts of the original that changed) or
    /// unstamped, and the documents not translated. `--stamp FILE…` writes
    /// into each translation the version of every part of its original
    /// (`translates:`), so `portal check` warns when the original changes.
    Translations(cmd::translations::Args),
    /// Write JSON Schemas of every front-matter type, for editor tooling.
    ///
    /// The schemas are generated from the same types the checks use; see
    /// docs/editor-setup.md for completion and checking in an editor.
    Schema(cmd::schema::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Init(args) => cmd::init::run(args),
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Deploy(args) => cmd::deploy::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Translations(args) => cmd::translations::run(args),
    }
}
