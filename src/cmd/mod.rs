//! One module per command, each with its arguments (`Args`, parsed by
//! clap) and `run`, which turns the library's typed results into messages
//! and an exit code. What they share is here.

use portal::{say, tell};
use std::path::PathBuf;

use clap::ValueEnum;
use portal::diagnostic::Diagnostic;

pub mod build;
pub mod check;
pub mod deploy;
pub mod import;
pub mod init;
pub mod new;
pub mod schema;
pub mod serve;
pub mod translations;

/// The site's folder and its output folder: where `portal build` writes
/// is where `portal deploy` reads.
#[derive(clap::Args)]
pub struct Folders {
    /// The site's folder, which holds content/ (and optionally themes/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The output folder, written by build and sent by deploy
    /// [default: ROOT/public].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

impl Folders {
    /// The output folder.
    pub fn out(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// Output format of diagnostics.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// rustc-style: message, location, the source line, help.
    Human,
    /// JSON: `check` prints one object per problem, a line each;
    /// `deploy` one object with the whole result (or its error).
    Json,
    /// GitHub Actions workflow commands (::error file=…,line=…::…).
    Github,
}

pub fn print_diagnostics(diagnostics: &[Diagnostic], format: Format) {
    for d in diagnostics {
        match format {
            Format::Human => tell!("{}", d.to_human()),
            Format::Json => say!("{}", d.to_json()),
            Format::Github => say!("{}", d.to_github()),
        }
    }
}

pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn tally(diagnostics: &[Diagnostic]) -> String {
    let (errors, warnings) = counts(diagnostics);
    format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

/// Bytes for people: `512 B`, `41.2 KiB`, `3.4 MiB`.
pub fn format_bytes(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}
