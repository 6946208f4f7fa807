//! Incremental rebuilds for the live preview: the same stages as
//! [`crate::pipeline::build`], run again after an edit, rendering only the
//! pages whose inputs changed.
//!
//! Every rendered page keeps the inputs it read (see [`crate::render::deps`])
//! with their fingerprints. After an edit the site is loaded and resolved
//! again (cheap next to rendering), the fingerprints of those inputs are
//! computed anew, and a page is rendered again exactly when one of them
//! differs, when it is new, or when its template changed. Files besides the
//! pages (feed, sitemap, assets) are made again and compared. The output is
//! kept in memory, path by path, as the preview server serves it; a test
//! compares it byte for byte with full builds after random edits.
//!
//! A build with errors changes nothing: the last good output stays.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::hashing::{fingerprint, Map, Set};
use crate::pipeline::{self, BuildOptions, Phase, Timer};
use crate::render::deps::{self, Input};
use crate::render::{self, Templates};
use crate::resolve::PlannedPage;
use crate::search::{self, Record};
use crate::theme::{self, Theme};
use crate::urls::{self, BaseUrl};

/// Every output file by its path below the output folder (`index.html`,
/// `leistungen/index.html`), in path order. A persistent map: the server
/// takes a snapshot after each step of a rebuild, and a copy shares all
/// but what changes afterwards (copying and dropping a B-tree of 23,600
/// files took 7 ms, on the way to serving the edited page).
pub type Files = imbl::OrdMap<Arc<str>, Arc<[u8]>>;

/// A freshly rendered page: its site path, its HTML, its JSON twin (file
/// and text), what it read (with fingerprints) and its search record.
type Made = (
    String,
    String,
    Option<(String, String)>,
    Vec<(Input, u64)>,
    Option<Record<'static>>,
);

/// What compiled templates are valid for: the fingerprint of every
/// template, and the codes of the site's languages.
type CompiledKey = (Map<String, u64>, Vec<String>);

/// The search records of each language: the folder of its index (empty
/// for the site's own language, `en/` for an edition) and the records.
pub type SearchRecords = Vec<(String, Vec<Arc<Record<'static>>>)>;

/// The output of the last good build, and what each page was made of.
#[derive(Default)]
struct State {
    /// Every output file by its path below the output folder.
    files: Files,
    /// What each page (by site path) read.
    pages: Map<String, Vec<Input>>,
    /// The fingerprint of every input some page read, as it was then.
    prints: Map<Input, u64>,
    /// The pages that read each input.
    readers: Map<Input, Set<String>>,
    /// The output files that are no pages (feed, sitemap, assets, static).
    others: BTreeSet<String>,
    /// The search record of each page that has one. A record is made of
    /// what its page reads, so it is made again exactly when the page is.
    records: Map<String, Arc<Record<'static>>>,
    /// Every page's path, in the order of the plan.
    order: Vec<Arc<str>>,
    /// Where the site is published, for the search index.
    publication: Option<BaseUrl>,
    /// The prefix of each edition (`/en`), for the search index.
    prefixes: Vec<String>,
}

/// A site kept built in memory and brought up to date after edits.
pub struct Incremental {
    options: BuildOptions,
    state: Option<State>,
    reuse: pipeline::Reuse,
    /// The compiled templates of each language, reused while no template
    /// and no language changed.
    compiled: Option<(CompiledKey, Vec<Arc<Templates>>)>,
    /// The open-data files, made again only when what they show changed.
    data: render::data::Memo,
}

/// What a rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Rebuild {
    /// Pages rendered (all of them on the first build).
    pub rendered: usize,
    /// Pages in the site.
    pub pages: usize,
    /// Output paths whose bytes changed, appeared or disappeared.
    pub changed: Vec<String>,
    /// Warnings of the build.
    pub warnings: Vec<Diagnostic>,
    /// How long it took.
    pub duration: Duration,
    /// How long each phase took: load, resolve, theme, compare
    /// (fingerprints), render, output (the pages taken into the output, which
    /// is served from then on), files (feed, sitemap, open data, assets),
    /// finish (those taken in).
    pub phases: Vec<Phase>,
}

/// Fingerprints of every template with everything it extends, imports or
/// includes, so that a change of `base.html` reaches every page.
fn template_fingerprints(theme: &Theme) -> Map<String, u64> {
    let strings = theme.strings.fingerprint();
    let texts: Map<&str, &str> = theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), t.text.as_str()))
        .collect();
    let used = |text: &str| -> Vec<String> {
        let mut names = Vec::new();
        for keyword in ["extends", "import", "include"] {
            for (i, _) in text.match_indices(keyword) {
                let rest = text[i + keyword.len()..].trim_start();
                if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
                    let inner = &rest[1..];
                    if let Some(end) = inner.find(quote) {
                        names.push(inner[..end].to_owned());
                    }
                }
            }
        }
        names
    };
    texts
        .keys()
        .map(|&name| {
            let mut seen: Vec<&str> = Vec::new();
            let mut todo = vec![name.to_owned()];
            while let Some(next) = todo.pop() {
                if let Some((&known, text)) = texts.get_key_value(next.as_str()) {
                    if !seen.contains(&known) {
                        seen.push(known);
                        todo.extend(used(text));
                    }
                }
            }
            seen.sort_unstable();
            let closure: Vec<(&str, &str)> = seen.iter().map(|n| (*n, texts[n])).collect();
            // Every template may ask for any text.
            (name.to_owned(), fingerprint((closure, strings)))
        })
        .collect()
}

impl Incremental {
    /// A site to build from `options`; nothing is built yet.
    pub fn new(options: BuildOptions) -> Self {
        Incremental {
            options,
            state: None,
            reuse: Default::default(),
            compiled: None,
            data: Default::default(),
        }
    }

    /// Every output file of the last good build, by path. The search
    /// index is not among them: it is made from [`Incremental::search_records`],
    /// so a preview can build it apart from the pages.
    pub fn files(&self) -> Option<&Files> {
        self.state.as_ref().map(|s| &s.files)
    }

    /// The search records of the last good build in the order a full build
    /// indexes them, per language (the folder of its index: empty for the
    /// site's own, `en/` for an edition), and where the site is published:
    /// the input of [`crate::search::write_index`].
    pub fn search_records(&self) -> Option<(SearchRecords, BaseUrl)> {
        let state = self.state.as_ref()?;
        let mut languages: SearchRecords = std::iter::once(String::new())
            .chain(
                state
                    .prefixes
                    .iter()
                    .map(|p| format!("{}/", p.trim_start_matches('/'))),
            )
            .map(|folder| (folder, Vec::new()))
            .collect();
        for path in &state.order {
            let Some(record) = state.records.get(&**path) else {
                continue;
            };
            let at = state
                .prefixes
                .iter()
                .position(|p| {
                    path.strip_prefix(p.as_str())
                        .is_some_and(|r| r.starts_with('/'))
                })
                .map_or(0, |i| i + 1);
            languages[at].1.push(Arc::clone(record));
        }
        Some((languages, state.publication.clone()?))
    }

    /// Like [`Incremental::rebuild`], told by a watcher that only `paths`
    /// changed: other Markdown files parsed before are not read again.
    pub fn rebuild_changed(&mut self, paths: &[PathBuf]) -> Result<Rebuild, Vec<Diagnostic>> {
        self.rebuild_changed_then(paths, |_, _| {})
    }

    /// Like [`Incremental::rebuild_changed`], calling `pages_done` with the
    /// output and the output files that changed, in two steps: first once
    /// the pages an editor looks at after the edit are rendered (the page
    /// of the edited document or topic, and new pages), then once the
    /// other pages the edit changed are (lists, references, dashboards),
    /// each time before the files no one is looking at (feeds, sitemaps,
    /// open data) are made. The preview serves and reloads at each step.
    /// Should a later step fail (a template error on a list page, a static
    /// file refused by the guard), the error is returned as usual and the
    /// next rebuild starts from scratch.
    pub fn rebuild_changed_then(
        &mut self,
        paths: &[PathBuf],
        pages_done: impl FnMut(&Files, &[String]),
    ) -> Result<Rebuild, Vec<Diagnostic>> {
        self.reuse.parsed.only_changed(paths.iter().cloned());
        self.rebuild_then(pages_done)
    }

    /// The problems of the site if the file at `path` read `text` (a
    /// file not yet on disk included): the load and resolve stages, as a
    /// rebuild runs them, with nothing rendered or published. Unless `text`
    /// is then written to `path`, call [`Incremental::forget`] for it.
    pub fn check_with(&mut self, path: &Path, text: String) -> Vec<Diagnostic> {
        self.reuse.parsed.overlay(path.to_path_buf(), text);
        let (_, diagnostics, _) = pipeline::analyse_with(&self.options, Some(&self.reuse));
        diagnostics
    }

    /// Forgets what was read from `path`, so the next rebuild reads the
    /// file on disk (after a [`Incremental::check_with`] whose text was
    /// not written).
    pub fn forget(&mut self, path: &Path) {
        self.reuse.parsed.forget(path);
    }

    /// Builds the site again from its files, rendering only what changed.
    /// On errors the last good output is kept and the problems returned.
    pub fn rebuild(&mut self) -> Result<Rebuild, Vec<Diagnostic>> {
        self.rebuild_then(|_, _| {})
    }

    /// [`Incremental::rebuild`], calling `pages_done` as
    /// [`Incremental::rebuild_changed_then`] does.
    pub fn rebuild_then(
        &mut self,
        mut pages_done: impl FnMut(&Files, &[String]),
    ) -> Result<Rebuild, Vec<Diagnostic>> {
        let started = Instant::now();
        let (site, mut diagnostics, phases) =
            pipeline::analyse_with(&self.options, Some(&self.reuse));
        let mut timer = Timer::new();
        timer.phases = phases;
        let mut site = match site {
            Some(site) if !diagnostics.iter().any(Diagnostic::is_error) => site,
            _ => return Err(diagnostics),
        };
        let theme = theme::load(&self.options.root, &site.config.theme)?;
        site.strings = theme.site_strings(&site.config);
        for edition in &mut site.editions {
            edition.strings = theme.strings_for(edition.code());
        }
        let template_prints = template_fingerprints(&theme);
        let codes: Vec<String> = render::languages(&site)
            .iter()
            .map(|s| s.code().to_owned())
            .collect();
        let compiled_key = (template_prints.clone(), codes);
        let templates = match &self.compiled {
            Some((key, templates)) if *key == compiled_key => templates.clone(),
            _ => {
                let templates = render::compile(&theme, &site)?;
                self.compiled = Some((compiled_key, templates.clone()));
                templates
            }
        };
        timer.lap("theme");
        let frames = render::frames(&site, &theme, &templates);
        let site_prints: Vec<u64> = frames
            .iter()
            .map(|f| fingerprint(f.base.get("site").map(ToString::to_string)))
            .collect();
        let fingerprint = |input: &Input| {
            deps::fingerprint(
                &site,
                &site_prints,
                |name| template_prints.get(name).copied().unwrap_or_default(),
                input,
            )
        };

        // The inputs whose fingerprint changed, and the pages that read them.
        let old = self.state.take().unwrap_or_default();
        // What a document's own inputs read is its front matter and text:
        // unchanged for every document not parsed again since the last
        // good build, so only the others are fingerprinted anew.
        let parsed = self.reuse.parsed.parsed_since_settled();
        // Lists, relations, topics and the dashboard are made of front
        // matter, topics.yaml and site.yaml: when only the text of known
        // documents changed (typing in a body), they are as they were, and
        // the 12,000 of them at 10,000 pages are not fingerprinted again.
        let texts_only = self.reuse.parsed.only_documents_changed()
            && parsed.as_ref().is_some_and(|parsed| {
                parsed.iter().all(|(kind, slug)| {
                    let front = Input::Document(*kind, slug.clone());
                    old.prints.get(&front) == Some(&fingerprint(&front))
                })
            });
        let may_differ = |input: &Input| match (input, &parsed) {
            (
                Input::Document(kind, slug) | Input::Card(kind, slug) | Input::Text(kind, slug),
                Some(parsed),
            ) => parsed.iter().any(|(k, s)| k == kind && s == slug),
            (
                Input::Relation(..)
                | Input::Excerpt(..)
                | Input::List(_)
                | Input::Topic(_)
                | Input::Progress,
                _,
            ) => !texts_only,
            _ => true,
        };
        let changed: Vec<&Input> = old
            .prints
            .par_iter()
            .filter(|(input, print)| may_differ(input) && fingerprint(input) != **print)
            .map(|(input, _)| input)
            .collect();
        let dirty: Set<&str> = changed
            .iter()
            .filter_map(|input| old.readers.get(*input))
            .flatten()
            .map(String::as_str)
            .collect();
        timer.lap("compare");

        let languages = render::languages(&site);
        let planned: Vec<(usize, &PlannedPage)> = languages
            .iter()
            .enumerate()
            .flat_map(|(at, s)| s.plan.iter().map(move |page| (at, page)))
            .collect();
        // Pages to render: new ones and those that read a changed input.
        let due: Vec<(usize, &PlannedPage)> = planned
            .par_iter()
            .copied()
            .filter(|(_, page)| {
                let path: &str = &page.path;
                !old.pages.contains_key(path) || dirty.contains(path)
            })
            .collect();
        // The pages an editor looks at after an edit come first: the page
        // of the edited document (or topic), and new pages.
        let owners: Set<String> = changed
            .iter()
            .filter_map(|input| deps::owner_page(&site, input))
            .collect();
        type Due<'p> = Vec<(usize, &'p PlannedPage)>;
        let (first, rest): (Due, Due) = due.into_iter().partition(|(_, page)| {
            owners.contains(&*page.path) || !old.pages.contains_key(&*page.path)
        });
        let render_all = |pages: &[(usize, &PlannedPage)]| -> Result<Vec<Made>, Vec<Diagnostic>> {
            let results: Vec<Result<Made, Vec<Diagnostic>>> = pages
                .par_iter()
                .map(|&(at, page)| {
                    let rendered = render::render_page(&site, &frames, at, page)?;
                    let record = search::record(languages[at], page).map(Record::into_owned);
                    let inputs = rendered
                        .inputs
                        .into_iter()
                        .map(|input| {
                            let print = fingerprint(&input);
                            (input, print)
                        })
                        .collect();
                    Ok((
                        page.path.to_string(),
                        rendered.html,
                        rendered.twin,
                        inputs,
                        record,
                    ))
                })
                .collect();
            let mut problems = Vec::new();
            let mut made = Vec::new();
            for result in results {
                match result {
                    Ok(page) => made.push(page),
                    Err(mut p) => problems.append(&mut p),
                }
            }
            if problems.is_empty() {
                Ok(made)
            } else {
                Err(problems)
            }
        };
        let fresh = match render_all(&first) {
            Ok(fresh) => fresh,
            Err(mut problems) => {
                diagnostics.append(&mut problems);
                self.state = Some(old);
                return Err(diagnostics);
            }
        };
        timer.lap("render");

        // The new state is the old one with what changed: pages not
        // rendered keep their bytes and inputs.
        let mut state = old;
        let mut changed_files = Vec::new();
        let planned_paths: Set<&str> = planned.iter().map(|(_, p)| &*p.path).collect();
        let gone: Vec<String> = state
            .pages
            .keys()
            .filter(|p| !planned_paths.contains(p.as_str()))
            .cloned()
            .collect();
        for path in gone {
            state.forget(&path);
            state.records.remove(&path);
            let twin = urls::twin_file(&path);
            for file in std::iter::once(urls::output_file(&path)).chain(twin) {
                if state.files.remove(file.as_str()).is_some() {
                    changed_files.push(file);
                }
            }
        }
        let mut rendered = fresh.len();
        changed_files.extend(state.take_in(fresh));
        timer.lap("output");
        pages_done(&state.files, &changed_files);
        if !rest.is_empty() {
            // What else the edit changed: lists, references, dashboards.
            let fresh = match render_all(&rest) {
                Ok(fresh) => fresh,
                Err(mut problems) => {
                    // The first pages are served already: start the next
                    // build from scratch.
                    diagnostics.append(&mut problems);
                    self.state = None;
                    return Err(diagnostics);
                }
            };
            rendered += fresh.len();
            let more = state.take_in(fresh);
            pages_done(&state.files, &more);
            changed_files.extend(more);
            timer.lap("rest");
        }
        let others =
            match render::site_files(&site, &theme, render::OpenData::Remembered(&self.data)) {
                Ok(files) => files,
                Err(mut p) => {
                    // The pages of this build are in `state` already: start
                    // the next one from scratch.
                    diagnostics.append(&mut p);
                    self.state = None;
                    return Err(diagnostics);
                }
            };
        timer.lap("files");
        let mut problems = Vec::new();
        let mut others_now = BTreeSet::new();
        for (path, bytes) in others.generated {
            others_now.insert(path.clone());
            changed_files.extend(state.put(path, bytes.into()));
        }
        for file in others.copied {
            others_now.insert(file.output.clone());
            match std::fs::read(&file.source) {
                Ok(bytes) => changed_files.extend(state.put(file.output.clone(), bytes.into())),
                Err(e) => problems.push(Diagnostic::error(format!(
                    "cannot read {}: {e}",
                    file.source.display()
                ))),
            }
        }
        // Files besides pages that are gone (a deleted static file).
        for path in state.others.difference(&others_now) {
            if state.files.remove(path.as_str()).is_some() {
                changed_files.push(path.clone());
            }
        }
        state.others = others_now;
        state.order = planned.iter().map(|(_, p)| p.path.clone()).collect();
        state.publication = Some(site.base.clone());
        state.prefixes = site
            .editions
            .iter()
            .filter_map(|e| e.edition.as_ref().map(|e| e.prefix.clone()))
            .collect();
        if !problems.is_empty() {
            // Nothing of this build is kept: the next one starts from a
            // build from scratch, as the lists moved out of `old` are gone.
            diagnostics.append(&mut problems);
            self.state = None;
            return Err(diagnostics);
        }
        changed_files.sort();
        timer.lap("finish");
        self.state = Some(state);
        self.reuse.parsed.settle();
        diagnostics.retain(|d| d.severity == Severity::Warning);
        let pages = planned.len();
        // Freeing a site of thousands of documents takes a while; nobody
        // needs to wait for it.
        std::thread::spawn(move || drop(site));
        Ok(Rebuild {
            rendered,
            pages,
            changed: changed_files,
            warnings: diagnostics,
            duration: started.elapsed(),
            phases: timer.phases,
        })
    }
}

impl State {
    /// Sets the bytes of output file `path`; returns the path if they
    /// changed (or the file is new).
    fn put(&mut self, path: String, bytes: Arc<[u8]>) -> Option<String> {
        if self
            .files
            .get(path.as_str())
            .is_none_or(|before| *before != bytes)
        {
            self.files.insert(Arc::from(path.as_str()), bytes);
            Some(path)
        } else {
            None
        }
    }

    /// Takes freshly rendered pages into the output; returns the output
    /// files whose bytes changed.
    fn take_in(&mut self, fresh: Vec<Made>) -> Vec<String> {
        let mut changed = Vec::new();
        for (path, html, twin, inputs, record) in fresh {
            if let Some((file, json)) = twin {
                changed.extend(self.put(file, json.into_bytes().into()));
            }
            match record {
                Some(record) => {
                    self.records.insert(path.clone(), Arc::new(record));
                }
                None => {
                    self.records.remove(&path);
                }
            }
            changed.extend(self.put(urls::output_file(&path), html.into_bytes().into()));
            self.record(&path, inputs);
        }
        changed
    }

    /// Records what page `path` read now, with fingerprints. A page of
    /// thousands of inputs (the catalogue) mostly reads what it read
    /// before, so only the difference is applied to the reverse index.
    fn record(&mut self, path: &str, inputs: Vec<(Input, u64)>) {
        let before: Set<Input> = self
            .pages
            .remove(path)
            .unwrap_or_default()
            .into_iter()
            .collect();
        let now: Set<&Input> = inputs.iter().map(|(input, _)| input).collect();
        for input in before.iter().filter(|input| !now.contains(input)) {
            self.unread(input, path);
        }
        for (input, print) in &inputs {
            match self.prints.get_mut(input) {
                Some(known) => *known = *print,
                None => {
                    self.prints.insert(input.clone(), *print);
                }
            }
            if !before.contains(input) {
                self.readers
                    .entry(input.clone())
                    .or_default()
                    .insert(path.to_owned());
            }
        }
        let inputs = inputs.into_iter().map(|(input, _)| input).collect();
        self.pages.insert(path.to_owned(), inputs);
    }

    /// Notes that page `path` no longer reads `input`; an input nobody
    /// reads any more is dropped.
    fn unread(&mut self, input: &Input, path: &str) {
        if let Some(readers) = self.readers.get_mut(input) {
            readers.remove(path);
            if readers.is_empty() {
                self.readers.remove(input);
                self.prints.remove(input);
            }
        }
    }

    /// Drops what page `path` read from the graph; inputs nobody reads any
    /// more are dropped too.
    fn forget(&mut self, path: &str) {
        let Some(inputs) = self.pages.remove(path) else {
            return;
        };
        for input in inputs {
            self.unread(&input, path);
        }
    }
}
