//! The `portal` command line. Errors become exit codes and messages here;
//! everything below works with typed errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use portal::diagnostic::Diagnostic;
use portal::pipeline::{self, BuildError, BuildOptions};

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
    },
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{}", d.to_human());
    }
}

fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            drafts,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let options = BuildOptions {
                root,
                out: out.clone(),
                base_url,
                drafts,
            };
            match pipeline::build(&options) {
                Ok(summary) => {
                    print_diagnostics(&summary.warnings);
                    let phases: Vec<String> = summary
                        .phases
                        .iter()
                        .map(|p| format!("{} {:.0} ms", p.name, p.duration.as_secs_f64() * 1000.0))
                        .collect();
                    println!(
                        "Built {} and {} into {} in {:.2} s ({}){}",
                        plural(summary.written.pages, "page", "pages"),
                        plural(summary.written.files, "other file", "other files"),
                        out.display(),
                        summary.total().as_secs_f64(),
                        phases.join(", "),
                        match summary.warnings.len() {
                            0 => String::new(),
                            n => format!(", {}", plural(n, "warning", "warnings")),
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(BuildError::Content(diagnostics)) => {
                    print_diagnostics(&diagnostics);
                    let (errors, warnings) = counts(&diagnostics);
                    eprintln!(
                        "{}, {}; nothing was written",
                        plural(errors, "error", "errors"),
                        plural(warnings, "warning", "warnings")
                    );
                    ExitCode::FAILURE
                }
                Err(e) => {
                    eprintln!("error: {:#}", anyhow::Error::from(e));
                    ExitCode::FAILURE
                }
            }
        }
    }
}
