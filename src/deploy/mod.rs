//! `portal deploy`: publishes a built site to S3-compatible object storage,
//! sending only what changed.
//!
//! Not a stage of the build but what comes after it: it reads the output
//! folder as `portal build` left it. In order:
//!
//! 1. `settings`: check the environment (credentials, endpoint, region);
//!    `local`: hash every file of the output folder (in parallel);
//! 2. `bucket`: read the listing and the `manifest` of the last deploy;
//! 3. `plan`: decide every upload and delete before anything is written,
//!    so a deploy that would delete too much is refused whole;
//! 4. upload in waves (content-addressed files, other files, pages), so
//!    no page is live before what it points to; record each finished wave
//!    (and every ten seconds) in the manifest, so a deploy that stops
//!    halfway is resumed, not repeated, by the next;
//! 5. delete what the site no longer has, last.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use futures_util::stream::{self, StreamExt};

mod bucket;
mod local;
mod manifest;
mod plan;
mod settings;
mod target;

pub use manifest::MANIFEST_NAME;
pub use plan::Reason;
pub use settings::check_endpoint;
pub use target::{Target, TargetError};

use bucket::{Bucket, LastDeploy};
use local::LocalFile;
use manifest::{Manifest, Sent};

/// How often the manifest is written during a wave of uploads.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(10);

/// What to deploy where.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The built site.
    pub out: PathBuf,
    /// The bucket and folder.
    pub target: Target,
    /// An S3-compatible service other than AWS (`http://` allowed).
    pub endpoint: Option<String>,
    /// Only compare and report; write nothing.
    pub dry_run: bool,
    /// Refuse the deploy when it would delete more objects than this.
    pub max_deletes: usize,
    /// Uploads at the same time.
    pub jobs: usize,
}

/// One upload, done or (with `--dry-run`) planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uploaded {
    /// The path below the output folder (and below the prefix).
    pub path: String,
    /// Why it was sent.
    pub reason: Reason,
    /// Bytes sent.
    pub size: u64,
}

/// What a deploy did (or, with `--dry-run`, would do).
#[derive(Debug, Clone)]
pub struct Deployed {
    /// Where to.
    pub target: Target,
    /// Files sent, in the order they were started.
    pub uploads: Vec<Uploaded>,
    /// Paths below the prefix whose objects were deleted.
    pub deletes: Vec<String>,
    /// Files the bucket already held as they are.
    pub unchanged: usize,
    /// Bytes sent for the files (the manifest aside).
    pub bytes: u64,
    /// From start to finish.
    pub took: Duration,
    /// Nothing was written.
    pub dry_run: bool,
    /// Things the user should know that did not stop the deploy.
    pub warnings: Vec<String>,
}

/// Why a deploy failed.
#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    /// The output folder is missing or empty.
    #[error("there is no built site in {}: run `portal build` first (or give the folder with --out)", path.display())]
    NoSite {
        /// The folder.
        path: PathBuf,
    },
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file name an object key cannot carry.
    #[error("{}: the name is not valid UTF-8 or has characters an object key cannot hold; rename the file", path.display())]
    FileName {
        /// The file.
        path: PathBuf,
    },
    /// A setting in the environment the client cannot use.
    #[error("{name} in the environment: {reason}")]
    Setting {
        /// The variable.
        name: &'static str,
        /// Why not, and how to write it.
        reason: String,
    },
    /// The threads for the requests could not be started.
    #[error("cannot start the threads that send the files: {0}")]
    Runtime(std::io::Error),
    /// No credentials in the environment.
    #[error("no credentials for the bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_REGION unless it is us-east-1) in the environment")]
    NoCredentials,
    /// The client could not be set up.
    #[error("cannot connect to {target}: {source}")]
    Connect {
        /// Where to.
        target: Target,
        /// Why.
        source: object_store::Error,
    },
    /// The bucket does not exist.
    #[error("the bucket `{}` does not exist at {at}: create it first (docs/publishing.md says how), or check its name in --to {target}", target.bucket)]
    NoBucket {
        /// The target named.
        target: Target,
        /// The store: its endpoint, or "AWS S3".
        at: String,
    },
    /// The store could not be reached at all.
    #[error("cannot reach the store at {at} ({reason}): check --endpoint (or AWS_ENDPOINT), and that the store runs and can be reached from this machine")]
    Unreachable {
        /// The store: its endpoint, or "AWS S3".
        at: String,
        /// What the network said, e.g. "Connection refused".
        reason: String,
    },
    /// The store refused the credentials.
    #[error("the store at {at} refused the credentials ({code}) while {action} {target}: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that this key may list, read and write the bucket")]
    Refused {
        /// The store: its endpoint, or "AWS S3".
        at: String,
        /// The store's error code, e.g. "InvalidAccessKeyId".
        code: String,
        /// What was being done.
        action: &'static str,
        /// Where.
        target: Target,
    },
    /// A request to the store failed.
    #[error("{action} {target}/{path} failed: {source}")]
    Store {
        /// What was being done: "listing", "reading", "uploading", "deleting".
        action: &'static str,
        /// Where.
        target: Target,
        /// The path below the prefix.
        path: String,
        /// Why.
        source: object_store::Error,
    },
    /// More deletes than `--max-deletes` allows.
    #[error(
        "refused: this deploy would delete {} objects from {target}, more than --max-deletes allows ({max}); nothing was written.\n\
         The first of them: {}.\n\
         If the site really lost these files, run it again with --max-deletes {}; --dry-run lists them all.",
        deletes.len(),
        deletes.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
        deletes.len()
    )]
    TooManyDeletes {
        /// Where to.
        target: Target,
        /// Every path that would be deleted.
        deletes: Vec<String>,
        /// The limit.
        max: usize,
    },
    /// The deploy stopped halfway; what it did is recorded.
    #[error("{source}\nThe deploy stopped after {uploaded} of {planned} uploads. The bucket still serves a consistent site; run the deploy again to complete it.")]
    Interrupted {
        /// Uploads finished.
        uploaded: usize,
        /// Uploads planned.
        planned: usize,
        /// The first failure.
        source: Box<DeployError>,
    },
}

/// How far a long deploy has got; reported every `CHECKPOINT_EVERY`
/// while files are uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Files uploaded so far.
    pub uploaded: usize,
    /// Files to upload in all.
    pub planned: usize,
}

/// Deploys `options.out` to `options.target`; `progress` hears how far a
/// long upload has got (a CI log should not stay silent for minutes).
pub fn deploy(
    options: &DeployOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Deployed, DeployError> {
    let started = Instant::now();
    let is_site = std::fs::read_dir(&options.out)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if !is_site {
        return Err(DeployError::NoSite {
            path: options.out.clone(),
        });
    }
    settings::check(|name| std::env::var(name).ok(), options.endpoint.is_some())?;
    let local = local::scan(&options.out)?;
    let bucket = Bucket::connect(&options.target, options.endpoint.as_deref())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(DeployError::Runtime)?;
    let mut deployed = runtime.block_on(run(options, &bucket, &local, progress))?;
    deployed.took = started.elapsed();
    Ok(deployed)
}

async fn run(
    options: &DeployOptions,
    bucket: &Bucket,
    local: &[LocalFile],
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Deployed, DeployError> {
    let target = &options.target;
    let mut warnings = Vec::new();
    let listing = bucket.list().await?;
    let mut manifest = match bucket.manifest().await? {
        LastDeploy::Recorded(manifest) => manifest,
        LastDeploy::Unreadable => {
            warnings.push(format!(
                "{target}/{MANIFEST_NAME} is not a manifest this version of portal wrote; every file is sent again"
            ));
            Manifest::new()
        }
        LastDeploy::None => Manifest::new(),
    };

    // A dry run shows everything, also what a real run would refuse.
    let limit = if options.dry_run {
        usize::MAX
    } else {
        options.max_deletes
    };
    let plan = plan::plan(local, &manifest, &listing, limit).map_err(|refused| {
        DeployError::TooManyDeletes {
            target: target.clone(),
            deletes: refused.deletes,
            max: refused.max,
        }
    })?;
    if plan.deletes.len() > options.max_deletes {
        warnings.push(format!(
            "a real deploy would be refused: it would delete {} objects, more than --max-deletes allows ({})",
            plan.deletes.len(),
            options.max_deletes
        ));
    }
    let uploads: Vec<Uploaded> = plan
        .uploads()
        .map(|u| Uploaded {
            path: local[u.file].path.clone(),
            reason: u.reason,
            size: local[u.file].sent.size,
        })
        .collect();
    let deployed = Deployed {
        target: target.clone(),
        bytes: uploads.iter().map(|u| u.size).sum(),
        uploads,
        deletes: plan.deletes.clone(),
        unchanged: plan.unchanged,
        took: Duration::ZERO,
        dry_run: options.dry_run,
        warnings,
    };
    if options.dry_run || plan.is_empty() {
        return Ok(deployed);
    }

    let planned = deployed.uploads.len();
    let mut tally = Tally {
        uploaded: 0,
        planned,
        report: progress,
    };
    for wave in &plan.waves {
        let files: Vec<&LocalFile> = wave.iter().map(|u| &local[u.file]).collect();
        let stopped = upload_wave(bucket, &files, options.jobs, &mut manifest, &mut tally).await;
        if let Some(error) = stopped {
            return Err(DeployError::Interrupted {
                uploaded: tally.uploaded,
                planned,
                source: Box::new(error),
            });
        }
    }
    let uploaded = tally.uploaded;

    if !plan.deletes.is_empty() {
        for path in &plan.deletes {
            manifest.files.remove(path);
        }
        // The manifest first: an object it no longer names but the bucket
        // still holds is deleted by the next run, as the listing shows it.
        bucket.write_manifest(&manifest).await?;
        bucket
            .delete(&plan.deletes)
            .await
            .map_err(|error| DeployError::Interrupted {
                uploaded,
                planned,
                source: Box::new(error),
            })?;
    }
    Ok(deployed)
}

/// Uploads counted across the waves, and who hears of them.
struct Tally<'a> {
    uploaded: usize,
    planned: usize,
    report: &'a (dyn Fn(Progress) + Sync),
}

/// Uploads `files`, `jobs` at a time, recording each in `manifest` and
/// counting it in `tally`; writes the manifest and reports progress every
/// [`CHECKPOINT_EVERY`], and writes the manifest at the end. Returns the first error, after
/// which no new upload is started (the store is probably unreachable; the
/// next run resumes).
async fn upload_wave(
    bucket: &Bucket,
    files: &[&LocalFile],
    jobs: usize,
    manifest: &mut Manifest,
    tally: &mut Tally<'_>,
) -> Option<DeployError> {
    if files.is_empty() {
        return None;
    }
    let stop = AtomicBool::new(false);
    let mut finished = stream::iter(files)
        .map(|&file| {
            let stop = &stop;
            async move {
                if stop.load(Ordering::Relaxed) {
                    return None;
                }
                let result = bucket.put(file).await;
                if result.is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
                Some((file, result))
            }
        })
        .buffer_unordered(jobs.max(1));
    let mut first_error = None;
    let mut checkpoint = Instant::now();
    while let Some(done) = finished.next().await {
        let Some((file, result)) = done else { continue };
        match result {
            Ok(etag) => {
                tally.uploaded += 1;
                manifest.files.insert(
                    file.path.clone(),
                    Sent {
                        etag,
                        ..file.sent.clone()
                    },
                );
            }
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
        // A run killed during a long wave then loses at most this much:
        // the next one sends again only what is not recorded.
        if checkpoint.elapsed() >= CHECKPOINT_EVERY && first_error.is_none() {
            if let Err(error) = bucket.write_manifest(manifest).await {
                stop.store(true, Ordering::Relaxed);
                first_error = Some(error);
            }
            (tally.report)(Progress {
                uploaded: tally.uploaded,
                planned: tally.planned,
            });
            checkpoint = Instant::now();
        }
    }
    // Recorded even after a failure, so the next run sends only what did
    // not arrive. (If the store is gone this fails too; the upload's error
    // is the one to report.)
    let recorded = bucket.write_manifest(manifest).await;
    first_error.or(recorded.err())
}
