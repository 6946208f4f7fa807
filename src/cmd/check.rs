//! `portal check`.

use portal::{say, tell};
use std::path::PathBuf;
use std::process::ExitCode;

use portal::diagnostic::workflow_command;
use portal::pipeline::{self, BuildOptions};
use portal::resolve::{marked_entries, MarkedEntry};

use super::{counts, plural, print_diagnostics, tally, Format};

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
    /// Check as a build with `--drafts` would: links to news marked
    /// `draft: true` count as links to existing pages.
    #[arg(long)]
    pub drafts: bool,
    /// Also list every entry marked as demonstration data (`example:`),
    /// with the marked fields, on standard output.
    #[arg(long)]
    pub examples: bool,
}

/// Checks the whole site; exit code 1 when there is an error.
pub fn run(args: Args) -> ExitCode {
    let (site, diagnostics) = pipeline::check_site(&BuildOptions {
        out: args.root.join("public"),
        root: args.root,
        base_url: None,
        drafts: args.drafts,
        search: true,
        precompress: false,
    });
    print_diagnostics(&diagnostics, args.format);
    if args.examples {
        let marked = site.as_ref().map(marked_entries).unwrap_or_default();
        print_marked(&marked, args.format);
    }
    tell!("{}", tally(&diagnostics));
    if counts(&diagnostics).0 > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The entries holding demonstration data, in the chosen format: a list
/// for people, one JSON object per entry, or GitHub notices at the mark.
fn print_marked(marked: &[MarkedEntry], format: Format) {
    match format {
        Format::Human => {
            if marked.is_empty() {
                say!("No entry is marked as demonstration data.");
                return;
            }
            say!(
                "Demonstration data (`example:`) in {}:",
                plural(marked.len(), "entry", "entries")
            );
            for m in marked {
                say!(
                    "  {}:{}  {} {} ({}): {}",
                    m.location.file.display(),
                    m.location.line,
                    m.kind,
                    if m.slug.is_empty() {
                        "site.yaml"
                    } else {
                        &m.slug
                    },
                    m.path,
                    m.describe()
                );
            }
        }
        Format::Json => {
            for m in marked {
                say!("{}", serde_json::to_string(m).unwrap_or_default());
            }
        }
        Format::Github => {
            for m in marked {
                let message = format!("demonstration data: {}", m.describe());
                say!(
                    "{}",
                    workflow_command("notice", Some(&m.location), &message)
                );
            }
        }
    }
}
