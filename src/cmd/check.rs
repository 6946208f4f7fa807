//! `portal check`.

use std::path::PathBuf;
use std::process::ExitCode;

use portal::pipeline::{self, BuildOptions};

use super::{counts, print_diagnostics, tally, Format};

/// The arguments of `portal check` (its help text is on `Command` in
/// main.rs).
#[derive(clap::Args)]
pub struct Args {
    /// The site's folder, which holds content/ (and optionally themes/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// How to print problems: for people, as JSON lines, or as GitHub
    /// Actions annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Checks the whole site; exit code 1 when there is an error.
pub fn run(args: Args) -> ExitCode {
    let diagnostics = pipeline::check(&BuildOptions {
        out: args.root.join("public"),
        root: args.root,
        base_url: None,
        drafts: false,
        search: true,
        precompress: false,
    });
    print_diagnostics(&diagnostics, args.format);
    eprintln!("{}", tally(&diagnostics));
    if counts(&diagnostics).0 > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
