//! `portal deploy`.

use std::process::ExitCode;

use portal::deploy::{DeployOptions, Progress, Target};

use super::{format_bytes, plural, Folders};

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
    #[arg(long, value_name = "URL")]
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
}

/// Deploys the built site and prints a summary (with `--dry-run`, every
/// planned upload and delete).
pub fn run(args: Args) -> ExitCode {
    deploy(&DeployOptions {
        out: args.folders.out(),
        target: args.to,
        endpoint: args.endpoint,
        dry_run: args.dry_run,
        max_deletes: args.max_deletes,
        jobs: args.jobs.into(),
    })
}

fn deploy(options: &DeployOptions) -> ExitCode {
    let progress = |p: Progress| {
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
