//! `portal deploy`.

use portal::{say, tell};
use std::process::ExitCode;

use portal::deploy::{DeployOptions, Deployed, Progress, Target};
use portal::diagnostic::Diagnostic;

use super::{format_bytes, plural, print_diagnostics, Folders, Format};

/// The arguments of `portal deploy` (its help text is on `Command` in
/// main.rs).
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub folders: Folders,
    /// The bucket and folder: s3://BUCKET or s3://BUCKET/FOLDER.
    #[arg(long, value_name = "URL")]
    pub to: Target,
    /// An S3-compatible service other than AWS, e.g. https://s3.example.de
    /// (also read from AWS_ENDPOINT).
    #[arg(long, value_name = "URL", value_parser = endpoint)]
    pub endpoint: Option<String>,
    /// Show what would be uploaded and deleted, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Refuse the whole deploy when it would delete more objects than this.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_deletes: usize,
    /// Uploads at the same time.
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
    /// How to print the result and problems: for people, as one JSON
    /// object, or with problems as GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// `--endpoint`, checked as the command line is read.
fn endpoint(given: &str) -> Result<String, String> {
    portal::deploy::check_endpoint(given).map(|()| given.to_owned())
}

/// Deploys the built site and prints a summary (with `--dry-run`, every
/// planned upload and delete).
pub fn run(args: Args) -> ExitCode {
    let options = DeployOptions {
        out: args.folders.out(),
        target: args.to,
        endpoint: args.endpoint,
        dry_run: args.dry_run,
        max_deletes: args.max_deletes,
        jobs: args.jobs.into(),
    };
    let progress = |p: Progress| {
        tell!("  {} of {} files uploaded", p.uploaded, p.planned);
    };
    match portal::deploy::deploy(&options, &progress) {
        Ok(done) => {
            let warnings: Vec<Diagnostic> = done.warnings.iter().map(Diagnostic::warning).collect();
            match args.format {
                Format::Json => say!("{}", to_json(&done, &warnings)),
                Format::Human | Format::Github => {
                    print_diagnostics(&warnings, args.format);
                    print_summary(&options, &done);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_diagnostics(&[Diagnostic::error(e.to_string())], args.format);
            ExitCode::FAILURE
        }
    }
}

fn print_summary(options: &DeployOptions, done: &Deployed) {
    let bytes = format_bytes(done.bytes);
    if done.dry_run {
        for upload in &done.uploads {
            say!(
                "upload {} ({}, {})",
                done.target.key(&upload.path),
                upload.reason,
                format_bytes(upload.size)
            );
        }
        for path in &done.deletes {
            say!("delete {}", done.target.key(path));
        }
        say!(
            "Dry run: would upload {} ({bytes}), delete {}, leave {} unchanged in {}; nothing was written.",
            plural(done.uploads.len(), "file", "files"),
            plural(done.deletes.len(), "object", "objects"),
            done.unchanged,
            done.target,
        );
    } else {
        say!(
            "Deployed {} to {} in {:.2} s: {} uploaded ({bytes}), {} deleted, {} unchanged.",
            options.out.display(),
            done.target,
            done.took.as_secs_f64(),
            done.uploads.len(),
            done.deletes.len(),
            done.unchanged,
        );
    }
}

/// `--format json`: the whole result as one object, for CI to read.
fn to_json(done: &Deployed, warnings: &[Diagnostic]) -> String {
    let uploads: Vec<_> = done
        .uploads
        .iter()
        .map(|u| {
            serde_json::json!({
                "key": done.target.key(&u.path),
                "reason": u.reason.to_string(),
                "bytes": u.size,
            })
        })
        .collect();
    let deletes: Vec<_> = done.deletes.iter().map(|p| done.target.key(p)).collect();
    serde_json::json!({
        "target": done.target.to_string(),
        "dry_run": done.dry_run,
        "uploaded": done.uploads.len(),
        "bytes": done.bytes,
        "deleted": done.deletes.len(),
        "unchanged": done.unchanged,
        "seconds": done.took.as_secs_f64(),
        "uploads": uploads,
        "deletes": deletes,
        "warnings": warnings,
    })
    .to_string()
}
