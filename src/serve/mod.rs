//! `portal serve`: the live preview for editors. It sits on top of the
//! pipeline like the command line does: [`crate::incremental`] keeps the
//! site built in memory and renders again only what an edit touched; this
//! module watches the files, serves the result over HTTP on loopback, and
//! tells open pages to reload. The stages know nothing of it.

pub mod edit;
pub mod http;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

use crate::diagnostic::Diagnostic;
use crate::incremental::Incremental;
use crate::pipeline::BuildOptions;
use crate::search::{self, Record};
use crate::urls::BaseUrl;
use http::{Reload, Shared};

/// How `portal serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site and how to build it (`out` is not written).
    pub build: BuildOptions,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Whether the forms may save when the preview listens on an address
    /// other than loopback (see [`edit`]).
    pub allow_remote_editing: bool,
}

/// Why the preview could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound.
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    /// The files could not be watched.
    #[error("cannot watch {0}: {1}")]
    Watch(PathBuf, notify_debouncer_full::notify::Error),
    /// The runtime or the server failed.
    #[error("the server stopped: {0}")]
    Server(std::io::Error),
}

/// Problems of a build as the terminal shows them.
fn human(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(Diagnostic::to_human)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Builds `incremental` again and publishes the result to `shared`; prints
/// one line (and the problems, if any). Returns the errors found (none
/// after a good build).
fn rebuild(
    incremental: &mut Incremental,
    indexer: &Indexer,
    shared: &Shared,
    root: &Path,
    changed: Option<&[PathBuf]>,
) -> Vec<Diagnostic> {
    let what = match changed {
        None | Some([]) => "Built".to_owned(),
        Some(paths) => {
            let names: Vec<String> = paths
                .iter()
                .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
                .collect();
            format!("{} changed:", names.join(", "))
        }
    };
    // The edited page first: served and reloaded as soon as the pages are
    // done, before feeds, sitemaps and open data are made again.
    let pages_done = |files: &crate::incremental::Files, changed: &[String]| {
        *shared.files.write().expect("not poisoned") = Arc::new(files.clone());
        let had_problems = shared
            .problems
            .write()
            .expect("not poisoned")
            .take()
            .is_some();
        // After errors every page shows the overlay: all reload.
        let reload = if had_problems {
            Reload::All
        } else {
            Reload::of_files(&shared.prefix, changed)
        };
        shared.reloads.send(reload);
    };
    let result = match changed {
        Some(paths) => incremental.rebuild_changed_then(paths, pages_done),
        None => incremental.rebuild_then(pages_done),
    };
    match result {
        Ok(done) => {
            // Now with feeds, sitemaps and open data; the page shown did
            // not change again, so no second reload.
            if let Some(files) = incremental.files() {
                *shared.files.write().expect("not poisoned") = Arc::new(files.clone());
            }
            indexer.index(incremental);
            for warning in &done.warnings {
                tell!("{}", warning.to_human());
            }
            let phases: Vec<String> = done
                .phases
                .iter()
                .map(|p| format!("{} {}", p.name, p.duration.as_millis()))
                .collect();
            say!(
                "{what} {} of {} pages rendered, {} files changed, in {} ms ({})",
                done.rendered,
                done.pages,
                done.changed.len(),
                done.duration.as_millis(),
                phases.join(", ")
            );
            Vec::new()
        }
        Err(problems) => {
            let text = human(&problems);
            tell!("{text}");
            let errors = problems.iter().filter(|d| d.is_error()).count();
            let plural = if errors == 1 { "error" } else { "errors" };
            if incremental.files().is_some() {
                say!("{what} {errors} {plural}; still serving the last build without errors");
            } else {
                say!("{what} {errors} {plural}; nothing to serve until they are fixed");
            }
            *shared.problems.write().expect("not poisoned") = Some(text);
            shared.reloads.send(Reload::All);
            problems
        }
    }
}

/// What the rebuilding thread is asked to do.
enum Job {
    /// Files changed (or the watcher lost track: read everything again).
    Changes(DebounceEventResult),
    /// The forms save a file.
    Save(edit::Save),
}

/// Builds the search index of the preview on a thread of its own, once the
/// site has been quiet for a moment: indexing thousands of pages takes
/// seconds, and an editor's next save must not wait for it. Only the newest
/// build is indexed; the index served until then is the previous one.
struct Indexer {
    jobs: std::sync::mpsc::Sender<(crate::incremental::SearchRecords, BaseUrl)>,
}

/// How long the site must be quiet before the index is built again.
const INDEX_QUIET: Duration = Duration::from_millis(800);

impl Indexer {
    fn start(shared: Arc<Shared>) -> Self {
        let (jobs, queue) =
            std::sync::mpsc::channel::<(crate::incremental::SearchRecords, BaseUrl)>();
        std::thread::spawn(move || {
            // The index waits for the editor, not the other way round: at
            // the lowest priority it takes only the time rebuilds leave.
            // On Linux the nice value belongs to the thread; the index is
            // written on this thread alone, so the rebuilds keep the cores.
            #[cfg(target_os = "linux")]
            let _ = rustix::process::setpriority_process(None, 19);
            while let Ok(mut job) = queue.recv() {
                // Wait for quiet, taking the newest build meanwhile.
                loop {
                    match queue.recv_timeout(INDEX_QUIET) {
                        Ok(newer) => job = newer,
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
                let started = std::time::Instant::now();
                let (languages, base) = job;
                let mut all = crate::incremental::Files::new();
                let mut pages = 0;
                let mut failed = None;
                for (folder, records) in &languages {
                    match index_in_memory(records, base.clone()) {
                        Ok(files) => {
                            pages += records.len();
                            for (path, bytes) in files {
                                all.insert(format!("{folder}{path}").into(), bytes);
                            }
                        }
                        Err(e) => failed = Some(e),
                    }
                }
                match failed {
                    None => {
                        let count = all.len();
                        *shared.search.write().expect("not poisoned") = Arc::new(all);
                        say!(
                            "Search index: {pages} pages, {count} files, in {} ms",
                            started.elapsed().as_millis()
                        );
                    }
                    Some(e) => tell!("{e}"),
                }
            }
        });
        Indexer { jobs }
    }

    fn index(&self, incremental: &Incremental) {
        if let Some(job) = incremental.search_records() {
            let _ = self.jobs.send(job);
        }
    }
}

/// The search index of `records`, written into memory on the calling thread.
fn index_in_memory(
    records: &[Arc<Record<'static>>],
    base: BaseUrl,
) -> Result<crate::incremental::Files, search::SearchError> {
    let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build();
    let files = match one_thread {
        Ok(pool) => pool.install(|| search::index_in_memory(records, base))?,
        Err(_) => search::index_in_memory(records, base)?,
    };
    Ok(files
        .into_iter()
        .map(|(p, b)| (Arc::<str>::from(p), Arc::<[u8]>::from(b)))
        .collect())
}

/// The path the site is published under, for serving at the same paths.
fn prefix(options: &BuildOptions) -> String {
    let configured = options.base_url.clone().or_else(|| {
        let text = std::fs::read_to_string(options.root.join("content/site.yaml")).ok()?;
        let value: serde_yaml::Value = crate::yaml::from_str(&text).ok()?;
        value.get("base_url")?.as_str().map(str::to_owned)
    });
    configured
        .and_then(|url| BaseUrl::parse(&url).ok())
        .map_or_else(|| "/".to_owned(), |b| b.path().to_owned())
}

/// Whether an event changes a file's name or bytes.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Whether a changed file can change the site.
fn matters(root: &Path, path: &Path) -> bool {
    let inside = path.strip_prefix(root).unwrap_or(path);
    inside.starts_with("content") || inside.starts_with("themes")
}

/// How long the watcher waits for more events of one save (an editor's
/// save is a few events within a millisecond or two); every millisecond
/// here is one more before the edited page is served.
const DEBOUNCE_MS: u64 = 4;

/// Runs the preview until interrupted: builds, serves, watches, rebuilds.
/// `on_ready` is told the address once the server listens.
pub fn run(options: ServeOptions, on_ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    // Events name absolute paths; compare them with an absolute root.
    let root = options
        .build
        .root
        .canonicalize()
        .unwrap_or_else(|_| options.build.root.clone());
    let (jobs, queue) = std::sync::mpsc::channel::<Job>();
    // Saves join the watcher's events in one queue, in order.
    let save_jobs = jobs.clone();
    let saves: edit::Queue = Box::new(move |save| save_jobs.send(Job::Save(save)).is_ok());
    let shared = Arc::new(Shared {
        files: RwLock::new(Arc::new(Default::default())),
        search: RwLock::new(Arc::new(Default::default())),
        problems: RwLock::new(None),
        prefix: prefix(&options.build),
        reloads: Default::default(),
        editing: edit::Editing::new(&root, options.bind, options.allow_remote_editing, saves),
    });
    // Canonical paths, as the watcher reports them.
    let mut build = options.build.clone();
    build.root = root.clone();
    let mut incremental = Incremental::new(build);
    let indexer = Indexer::start(Arc::clone(&shared));
    let mut errors = rebuild(&mut incremental, &indexer, &shared, &root, None);

    let events = jobs.clone();
    let mut debouncer = new_debouncer(
        Duration::from_millis(DEBOUNCE_MS),
        None,
        move |result: DebounceEventResult| {
            let _ = events.send(Job::Changes(result));
        },
    )
    .map_err(|e| ServeError::Watch(root.clone(), e))?;
    // The site's own folders only: not an output or build folder beside them.
    for (folder, mode) in [
        (root.join("content"), RecursiveMode::Recursive),
        (root.join("themes"), RecursiveMode::Recursive),
        (root.clone(), RecursiveMode::NonRecursive),
    ] {
        if folder.is_dir() {
            debouncer
                .watch(&folder, mode)
                .map_err(|e| ServeError::Watch(folder.clone(), e))?;
        }
    }
    let watcher_shared = Arc::clone(&shared);
    let watch_root = root.clone();
    std::thread::spawn(move || {
        for job in queue {
            let result = match job {
                Job::Changes(result) => result,
                Job::Save(save) => {
                    let outcome = edit::apply(&mut incremental, &watch_root, &save, &errors);
                    let saved = outcome.as_ref().is_ok_and(|s| s.written);
                    match &outcome {
                        Ok(done) if done.written => say!("{} saved from the forms", save.shown),
                        Ok(_) => {}
                        Err(refused) => say!(
                            "{} not saved from the forms: {}",
                            save.shown,
                            refused.message
                        ),
                    }
                    // The file is on disk: the form need not wait for the
                    // preview, which reloads its open pages as after any
                    // edit.
                    let _ = save.reply.send(outcome);
                    if saved {
                        errors = rebuild(
                            &mut incremental,
                            &indexer,
                            &watcher_shared,
                            &watch_root,
                            Some(std::slice::from_ref(&save.path)),
                        );
                    }
                    continue;
                }
            };
            // Errors of the watcher or lost events: read everything again
            // (`None`); otherwise only the files that changed.
            let changed = match result {
                Err(_) => None,
                Ok(events) if events.iter().any(|e| e.need_rescan()) => None,
                Ok(events) => {
                    let mut changed: Vec<PathBuf> = events
                        .iter()
                        // Reading the files (as every rebuild does) is no change.
                        .filter(|e| is_change(&e.kind))
                        .flat_map(|e| e.paths.iter())
                        .filter(|p| matters(&watch_root, p))
                        .cloned()
                        .collect();
                    changed.sort();
                    changed.dedup();
                    if changed.is_empty() {
                        continue;
                    }
                    Some(changed)
                }
            };
            errors = rebuild(
                &mut incremental,
                &indexer,
                &watcher_shared,
                &watch_root,
                changed.as_deref(),
            );
        }
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Server)?;
    let address = SocketAddr::new(options.bind, options.port);
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| ServeError::Bind(address, e))?;
        let bound = listener.local_addr().map_err(ServeError::Server)?;
        shared.editing.bound(bound.port());
        on_ready(bound);
        axum::serve(
            listener,
            http::router(shared).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(ServeError::Server)
    })?;
    drop(debouncer);
    Ok(())
}
