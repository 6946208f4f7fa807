//! Stage 1, load: find the site's files, read them, split and parse their
//! front matter into the typed model. Files are independent, so they are
//! read and parsed in parallel; every problem becomes a diagnostic and
//! loading goes on, so one run reports all of them.

pub mod frontmatter;
pub mod sources;

pub use frontmatter::{split, Split, SplitError};
pub use sources::Catalogue;

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Location};
use crate::hashing::{Map, Set};
use crate::locate::{self, Step};
use crate::model::{
    split_language, Body, ContentKind, Document, FrontMatter, News, Origin, Page, Person, Service,
    SiteConfig, Topic, Translation,
};
use crate::scaffold;
use crate::schema::{self, Problem, Schema, Segment, Target};
use crate::source::SourceFile;
use crate::text;
use crate::yaml;

/// Everything read from `content/`, parsed but not yet cross-checked.
#[derive(Debug, Default)]
pub struct Loaded {
    /// `site.yaml`, if it could be parsed.
    pub site: Option<(Arc<SourceFile>, SiteConfig)>,
    /// `topics.yaml`, if present and parsed.
    pub topics: Option<(Arc<SourceFile>, Vec<Topic>)>,
    /// `home.md`, the home page's text, if present.
    pub home: Option<Arc<Document<Page>>>,
    /// Services.
    pub services: Vec<Arc<Document<Service>>>,
    /// News articles, drafts included.
    pub news: Vec<Arc<Document<News>>>,
    /// Bodies.
    pub bodies: Vec<Arc<Document<Body>>>,
    /// People.
    pub people: Vec<Arc<Document<Person>>>,
    /// Free pages.
    pub pages: Vec<Arc<Document<Page>>>,
    /// Translations (`<slug>.<code>.md`), checked against their originals
    /// in the resolve stage.
    pub translations: Vec<Arc<Translation>>,
    /// Files of `content/static/`, copied as they are.
    pub static_files: Vec<StaticFile>,
    /// Slugs of documents whose front matter could not be read at all
    /// (broken YAML), with their kind: references and links to them are not
    /// reported again, their own errors already are.
    pub unparsed: HashSet<(ContentKind, String)>,
    /// The site paths of those documents (a news article's only when its
    /// `date:` line can still be read): links to them are not reported.
    pub unparsed_paths: Vec<String>,
    /// Problems found while loading.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether `topics.yaml` exists but could not be read: references to
    /// topics are then not checked (its own error is the cause).
    pub topics_unreadable: bool,
    /// site.yaml's path as shown, when it exists but could not be read:
    /// every other file is read through it (its data sources, languages,
    /// legal pages), so only its own problems are reported.
    pub site_unreadable: Option<PathBuf>,
    /// Whether there was a `content/` folder at all: without one, that is
    /// the only thing to say (no "missing legal page" for every kind).
    pub no_content: bool,
}

/// A file copied to the output unchanged.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path below the output folder, with `/` separators.
    pub output: String,
    /// Where to read it.
    pub source: PathBuf,
}

/// One parsed document of any kind, so all kinds share one parallel pass.
#[derive(Clone)]
enum AnyDocument {
    Service(Arc<Document<Service>>),
    News(Arc<Document<News>>),
    Body(Arc<Document<Body>>),
    Person(Arc<Document<Person>>),
    Page(Arc<Document<Page>>),
    Home(Arc<Document<Page>>),
    Translation(Arc<Translation>),
}

/// Documents parsed before, by file, for loads that repeat (the live
/// preview): a file whose bytes are unchanged is not parsed again. Every
/// file is still read, so the result is the same as a fresh load.
#[derive(Default)]
pub struct ParseCache {
    /// By path (as the bytes of the name: hashing a `Path` parses it).
    documents: RwLock<Map<OsString, CachedDocument>>,
    /// For the next load only: every file not listed here is known to be
    /// unchanged (a watcher said which ones changed), so it is not read.
    changed_only: RwLock<Option<Set<OsString>>>,
    /// The documents found by the last walk of the content folders, with
    /// the warnings of that walk: while only known files change, the set of
    /// files is the same and the folders need not be walked again.
    listing: RwLock<Option<Arc<Listing>>>,
    /// The documents parsed anew since [`ParseCache::settle`] was last
    /// called, by kind and slug; `None` when that is not known (the content
    /// folders were walked again, so files may have come or gone).
    parsed_since: Mutex<Option<Vec<(ContentKind, String)>>>,
    /// Whether every file changed since the last settle is a document
    /// listed before (no site.yaml, topics.yaml, static file or theme).
    documents_only: Mutex<bool>,
    /// The data sources as last read, with the text of site.yaml they were
    /// read under: read again only when site.yaml or a data file changed.
    catalogue: Mutex<Option<(Arc<str>, Arc<Catalogue>)>>,
    /// For the next load only: a file read as this text instead of what
    /// is on disk, or a document that is not on disk yet (the preview
    /// checks a save from the forms before it writes anything).
    overlay: RwLock<Option<(PathBuf, Arc<str>)>>,
}

/// The Markdown files of a site, each with the kind its folder gives it.
#[derive(Clone, Default)]
struct Listing {
    tasks: Vec<(ContentKind, PathBuf)>,
    diagnostics: Vec<Diagnostic>,
}

impl ParseCache {
    /// Makes the next load read `path` as `text`, whatever is on disk
    /// (and only it anew, as [`ParseCache::only_changed`] does). Call
    /// [`ParseCache::forget`] after that load unless the text is then
    /// written to `path`: the cache would hold what is not on disk.
    pub fn overlay(&self, path: PathBuf, text: String) {
        self.only_changed([path.clone()]);
        *self.overlay.write().expect("not poisoned") = Some((path, Arc::from(text)));
    }

    /// Forgets what was parsed from `path` (and the listing of files),
    /// so the next load reads it from disk.
    pub fn forget(&self, path: &Path) {
        self.documents
            .write()
            .expect("not poisoned")
            .remove(path.as_os_str());
        *self.listing.write().expect("not poisoned") = None;
        *self.parsed_since.lock().expect("not poisoned") = None;
    }

    /// The text the next load reads for `path` instead of the disk's.
    fn overlaid(&self, path: &Path) -> Option<Arc<str>> {
        let overlay = self.overlay.read().expect("not poisoned");
        overlay
            .as_ref()
            .filter(|(p, _)| p == path)
            .map(|(_, text)| Arc::clone(text))
    }

    /// `listing` with the overlaid document, when it is a new one.
    fn with_overlaid(&self, content: &Path, listing: &Listing) -> Option<Listing> {
        let overlay = self.overlay.read().expect("not poisoned");
        let (path, _) = overlay.as_ref()?;
        if listing.tasks.iter().any(|(_, p)| p == path) || path.extension()? != "md" {
            return None;
        }
        let kind = kind_of(content, path).filter(|k| *k != ContentKind::Home)?;
        let mut listing = listing.clone();
        listing.tasks.push((kind, path.clone()));
        Some(listing)
    }

    /// Tells the next load that only `paths` changed since the last one;
    /// other files it has parsed before are taken as they were, unread.
    pub fn only_changed(&self, paths: impl IntoIterator<Item = PathBuf>) {
        *self.changed_only.write().expect("not poisoned") =
            Some(paths.into_iter().map(PathBuf::into_os_string).collect());
    }

    /// From now on, note which documents are parsed anew (see
    /// [`ParseCache::parsed_since_settled`]). The live preview settles
    /// after each good build: a document parsed in a build that failed
    /// still counts as changed for the next good one.
    pub fn settle(&self) {
        *self.parsed_since.lock().expect("not poisoned") = Some(Vec::new());
        *self.documents_only.lock().expect("not poisoned") = true;
    }

    /// Whether only known documents changed since the last
    /// [`ParseCache::settle`]: no other file of the site, and no file came
    /// or went. Then whatever the documents' front matter does not change
    /// (lists, relations, topics, the dashboard) is the same as then.
    pub fn only_documents_changed(&self) -> bool {
        *self.documents_only.lock().expect("not poisoned")
            && self.parsed_since.lock().expect("not poisoned").is_some()
    }

    /// The documents (kind and slug) parsed anew since the last
    /// [`ParseCache::settle`]: every other document is the one it was
    /// then. `None` when that cannot be said (never settled, or files came
    /// or went).
    pub fn parsed_since_settled(&self) -> Option<Vec<(ContentKind, String)>> {
        self.parsed_since.lock().expect("not poisoned").clone()
    }

    /// For each task, what the cache holds for it when a watcher said the
    /// file did not change (`None` for the others). Under one lock for all:
    /// taking a lock per file on every core made the locks' cache line
    /// travel between cores ten thousand times per edit.
    #[allow(clippy::type_complexity)]
    fn known_unchanged(
        &self,
        tasks: &[(ContentKind, PathBuf)],
    ) -> Vec<Option<(Option<AnyDocument>, Vec<Diagnostic>)>> {
        let changed = self.changed_only.read().expect("not poisoned");
        let documents = self.documents.read().expect("not poisoned");
        match changed.as_ref() {
            // On every core: each lookup waits for memory more than it works.
            Some(changed) => tasks
                .par_iter()
                .map(|(_, path)| {
                    if changed.contains(path.as_os_str()) {
                        return None;
                    }
                    let known = documents.get(path.as_os_str())?;
                    Some((known.document.clone(), known.diagnostics.clone()))
                })
                .collect(),
            None => tasks.iter().map(|_| None).collect(),
        }
    }

    /// Whether the watcher named only documents of `listing` as changed
    /// (false when it named nothing: then anything may have changed).
    fn changed_are_documents(&self, listing: &Listing) -> bool {
        let changed = self.changed_only.read().expect("not poisoned");
        changed.as_ref().is_some_and(|changed| {
            changed
                .iter()
                .all(|path| listing.tasks.iter().any(|(_, p)| p.as_os_str() == path))
        })
    }

    /// The last listing, if the watcher's changes cannot have changed the
    /// set of files: each changed path is a document listed before that is
    /// still a file, or lies outside the document folders (site.yaml, static
    /// files, themes). A new, deleted or renamed document, or a changed
    /// folder, needs a new walk.
    fn unchanged_listing(&self, content: &Path) -> Option<Arc<Listing>> {
        let changed = self.changed_only.read().expect("not poisoned");
        let listing = self.listing.read().expect("not poisoned");
        let (changed, listing) = (changed.as_ref()?, listing.as_ref()?);
        // A few changed paths against the listing: a scan, not a set.
        let listed = |path: &OsStr| listing.tasks.iter().any(|(_, p)| p.as_os_str() == path);
        let in_document_folders = |path: &Path| {
            path == content.join("home.md")
                || ContentKind::IN_FOLDERS
                    .iter()
                    .filter_map(|kind| kind.folder())
                    .any(|folder| path.starts_with(content.join(folder)))
        };
        changed
            .iter()
            .all(|path| {
                let path = Path::new(path);
                if listed(path.as_os_str()) {
                    path.is_file()
                } else {
                    !in_document_folders(path)
                }
            })
            .then(|| Arc::clone(listing))
    }
}

impl ParseCache {
    /// The data sources: as read before when neither site.yaml nor a data
    /// file changed, else read again, and then every document that may add
    /// to a record is parsed again too.
    fn catalogue(
        &self,
        root: &Path,
        content: &Path,
        site: Option<&(Arc<SourceFile>, SiteConfig)>,
    ) -> Arc<Catalogue> {
        let site_text: Arc<str> =
            site.map_or_else(|| Arc::from(""), |(f, _)| Arc::from(f.text.as_str()));
        let mut held = self.catalogue.lock().expect("not poisoned");
        if let Some((text, catalogue)) = held.as_ref() {
            let changed = self.changed_only.read().expect("not poisoned");
            let data_unchanged = changed
                .as_ref()
                .is_some_and(|paths| !paths.iter().any(|p| catalogue.covers(Path::new(p))));
            if **text == *site_text && (data_unchanged || catalogue.is_empty()) {
                return Arc::clone(catalogue);
            }
        }
        let catalogue = Arc::new(Catalogue::load(root, content, site, true));
        if held.is_some() {
            self.documents.write().expect("not poisoned").clear();
            *self.parsed_since.lock().expect("not poisoned") = None;
            *self.documents_only.lock().expect("not poisoned") = false;
        }
        *held = Some((site_text, Arc::clone(&catalogue)));
        catalogue
    }
}

/// A file's text and what parsing it gave.
#[derive(Clone)]
struct CachedDocument {
    text: Arc<str>,
    document: Option<AnyDocument>,
    diagnostics: Vec<Diagnostic>,
}

/// Loads the site below `root` (the folder holding `content/`).
pub fn load(root: &Path) -> Loaded {
    load_with(root, None)
}

/// Loads the site, reusing what `cache` parsed before for files whose
/// bytes did not change (and remembering the rest).
pub fn load_with(root: &Path, cache: Option<&ParseCache>) -> Loaded {
    let content = root.join("content");
    let mut loaded = Loaded::default();
    if !content.is_dir() {
        loaded.diagnostics.push(
            Diagnostic::error(format!(
                "no `content/` folder in {}",
                std::path::absolute(root)
                    .unwrap_or_else(|_| root.to_path_buf())
                    .display()
            ))
            .with_help("run portal in the site's folder, or pass --root DIR"),
        );
        loaded.no_content = true;
        return loaded;
    }

    let site_yaml = content.join(SITE_FILE);
    let before = loaded.diagnostics.len();
    loaded.site = load_yaml_file(
        root,
        &site_yaml,
        Schema::Site,
        &mut loaded.diagnostics,
        cache,
    );
    if loaded.site.is_none()
        && loaded.diagnostics[before..]
            .iter()
            .any(Diagnostic::is_error)
    {
        loaded.site_unreadable = Some(display_path(root, &site_yaml));
    }
    if !site_yaml.is_file() {
        loaded.diagnostics.push(
            Diagnostic::error("the site has no `content/site.yaml`")
                .with_help("create it with title, description, base_url, language, publisher, contact and accessibility_contact"),
        );
    }
    // The data sources first: a Markdown service may add to one of their
    // records, and is then read together with it.
    let catalogue = match cache {
        Some(cache) => cache.catalogue(root, &content, loaded.site.as_ref()),
        None => Arc::new(Catalogue::load(root, &content, loaded.site.as_ref(), false)),
    };
    loaded
        .diagnostics
        .extend(catalogue.diagnostics.iter().cloned());

    let known = cache.and_then(|c| c.unchanged_listing(&content));
    let files_unchanged = known.is_some();
    let listing = known.unwrap_or_else(|| Arc::new(list_documents(root, &content)));
    if let (Some(cache), false) = (cache, files_unchanged) {
        *cache.parsed_since.lock().expect("not poisoned") = None;
    }
    if let Some(cache) = cache {
        *cache.listing.write().expect("not poisoned") = Some(Arc::clone(&listing));
        if !cache.changed_are_documents(&listing) {
            *cache.documents_only.lock().expect("not poisoned") = false;
        }
    }
    let listing = match cache.and_then(|c| c.with_overlaid(&content, &listing)) {
        Some(with) => Arc::new(with),
        None => listing,
    };
    let tasks = &listing.tasks;
    loaded
        .diagnostics
        .extend(listing.diagnostics.iter().cloned());

    let known = match cache {
        Some(cache) => cache.known_unchanged(tasks),
        None => tasks.iter().map(|_| None).collect(),
    };
    let results: Vec<(Option<AnyDocument>, Vec<Diagnostic>)> = tasks
        .par_iter()
        .zip(known)
        .map(|((kind, path), known)| {
            if let Some(known) = known {
                return known;
            }
            let mut diagnostics = Vec::new();
            let document = load_document(
                root,
                &content,
                (*kind, path),
                &catalogue,
                cache,
                &mut diagnostics,
            );
            (document, diagnostics)
        })
        .collect();
    if let Some(cache) = cache {
        // Forget files that are gone (none are while the listing holds).
        if !files_unchanged {
            let present: Set<&OsStr> = tasks.iter().map(|(_, path)| path.as_os_str()).collect();
            cache
                .documents
                .write()
                .expect("not poisoned")
                .retain(|path, _| present.contains(path.as_os_str()));
        }
        *cache.changed_only.write().expect("not poisoned") = None;
    }
    for ((kind, path), (document, diagnostics)) in tasks.iter().zip(results) {
        loaded.diagnostics.extend(diagnostics);
        let is_translation = path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|stem| split_language(stem).is_some());
        if document.is_none() && *kind != ContentKind::Home && !is_translation {
            let slug = match kind {
                // A page's slug is its path below pages/.
                ContentKind::Page => path
                    .strip_prefix(content.join("pages"))
                    .ok()
                    .map(|p| p.with_extension("").to_string_lossy().replace('\\', "/")),
                _ => path.file_stem().map(|s| s.to_string_lossy().into_owned()),
            };
            if let Some(slug) = slug {
                let page = match kind {
                    ContentKind::Service => Some(crate::urls::service(&slug)),
                    ContentKind::Body => Some(crate::urls::body(&slug)),
                    ContentKind::Person => Some(crate::urls::person(&slug)),
                    ContentKind::Page => Some(crate::urls::page(&slug)),
                    // A draft left out for its placeholders is no page to link to.
                    ContentKind::News if !is_draft_file(path) => {
                        news_year(path).map(|year| crate::urls::news(year, &slug))
                    }
                    ContentKind::News => None,
                    ContentKind::Home => None,
                };
                loaded.unparsed_paths.extend(page);
                loaded.unparsed.insert((*kind, slug));
            }
        }
        match document {
            Some(AnyDocument::Service(d)) => loaded.services.push(d),
            Some(AnyDocument::News(d)) => loaded.news.push(d),
            Some(AnyDocument::Body(d)) => loaded.bodies.push(d),
            Some(AnyDocument::Person(d)) => loaded.people.push(d),
            Some(AnyDocument::Page(d)) => loaded.pages.push(d),
            Some(AnyDocument::Home(d)) => loaded.home = Some(d),
            Some(AnyDocument::Translation(t)) => loaded.translations.push(t),
            None => {}
        }
    }

    if !catalogue.is_empty() {
        add_records(&catalogue, &content, &mut loaded);
    }
    let topics_yaml = content.join(TOPICS_FILE);
    if !topics_yaml.is_file() {
        loaded.diagnostics.push(
            Diagnostic::warning("the site has no `content/topics.yaml`")
                .with_help("list the topics as `- {slug, title, description}` entries"),
        );
    }
    loaded.topics = load_topics(root, &topics_yaml, &mut loaded.diagnostics, cache);
    loaded.topics_unreadable = loaded.topics.is_none() && topics_yaml.is_file();
    loaded.static_files = find_static(root, &content.join("static"), &mut loaded.diagnostics);
    if let Some((file, config)) = &loaded.site {
        if let Some(admin) = &config.admin {
            let cms = find_cms(root, file, admin, &mut loaded.diagnostics);
            // Published only with a repository to save into.
            if admin.backend.is_some() {
                loaded.static_files.extend(cms);
            }
        }
    }
    if let Some(cache) = cache {
        *cache.overlay.write().expect("not poisoned") = None;
    }
    loaded
}

/// Adds the records of the data sources that no Markdown file adds to as
/// services of their own; a record two files add to, or a record whose
/// address a Markdown service already has, is an error at the file.
fn add_records(catalogue: &Catalogue, content: &Path, loaded: &mut Loaded) {
    let mut claimed: Map<usize, usize> = Map::default();
    // A service file whose front matter cannot be read still claims its
    // record (by the `leika:` line, read without YAML, or its slug): its
    // own error is the cause, not the record's missing status.
    for (kind, slug) in &loaded.unparsed {
        if *kind != ContentKind::Service {
            continue;
        }
        let text = std::fs::read_to_string(content.join("services").join(format!("{slug}.md")))
            .unwrap_or_default();
        let key = text
            .lines()
            .find_map(|l| l.strip_prefix("leika:"))
            .map(|k| k.trim().trim_matches(['"', '\'']).to_owned());
        let front = match key {
            Some(key) => serde_json::json!({ "leika": key }),
            None => serde_json::json!({}),
        };
        if let Some(index) = catalogue.matching(slug, &front) {
            claimed.insert(index, usize::MAX);
        }
    }
    let mut problems = Vec::new();
    for (i, doc) in loaded.services.iter().enumerate() {
        let Some(record) = doc.record() else {
            continue;
        };
        let Some(index) = catalogue.index_of(&doc.file, record.span.start) else {
            continue;
        };
        if let Some(&other) = claimed.get(&index).filter(|&&o| o != usize::MAX) {
            let other: &Arc<Document<Service>> = &loaded.services[other];
            problems.push(
                doc.error_at(
                    &[Step::Key("leika")],
                    "a second file adds to this catalogue service",
                )
                .with_help(format!(
                    "{} adds to it too; keep what both say in one file",
                    other.main_file().path().display()
                )),
            );
        } else {
            claimed.insert(index, i);
        }
    }
    let claimed: Set<usize> = claimed.into_keys().collect();
    let written: Map<&str, &Arc<Document<Service>>> = loaded
        .services
        .iter()
        .filter(|d| d.record().is_none())
        .map(|d| (d.slug.as_str(), d))
        .collect();
    let mut records = Vec::new();
    for (document, found) in catalogue.unclaimed(&claimed) {
        problems.extend(found.iter().cloned());
        let Some(document) = document else {
            continue;
        };
        if let Some(file) = written.get(document.slug.as_str()) {
            let at = document
                .file
                .location(document.record().map_or(0..1, |r| r.head(&document.file)));
            problems.push(
                file.file
                    .error(0..3, format!("this file has the address of the catalogue's service `{}`", document.front.title))
                    .with_help(format!(
                        "{}:{} is that service: add `leika: \"{}\"` here to add to it, or rename this file",
                        at.file.display(),
                        at.line,
                        document.front.leika.as_deref().unwrap_or("…")
                    )),
            );
            continue;
        }
        records.push(Arc::clone(document));
    }
    loaded.services.extend(records);
    loaded.diagnostics.extend(problems);
}

/// The year of a news article whose front matter cannot be read, from its
/// `date:` line, so that links to it still resolve.
fn news_year(path: &Path) -> Option<i32> {
    year_of_date_line(&std::fs::read_to_string(path).ok()?)
}

/// Whether the file's front matter says `draft: true`, read without YAML.
fn is_draft_file(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| is_draft_text(&text))
}

/// Whether a document's text has the line `draft: true` in its front matter.
fn is_draft_text(text: &str) -> bool {
    text.lines()
        .skip(1)
        .take_while(|l| l.trim_end() != "---")
        .any(|l| l.trim() == "draft: true")
}

/// The year on the `date:` line of a document's text, read without YAML:
/// for a news article whose date (or whole front matter) was rejected,
/// where its page would be.
pub fn year_of_date_line(text: &str) -> Option<i32> {
    text.lines()
        .take(64)
        .find_map(|line| line.strip_prefix("date:"))
        .map(|rest| rest.trim().trim_matches(['"', '\'']))
        .and_then(|date| date.get(..4)?.parse().ok())
}

/// Walks the content folders for the Markdown files of every kind; other
/// files there get a warning.
fn list_documents(root: &Path, content: &Path) -> Listing {
    let mut listing = Listing::default();
    for kind in ContentKind::IN_FOLDERS {
        let (Some(folder), nested) = (kind.folder(), kind.nests()) else {
            continue;
        };
        let dir = content.join(folder);
        for entry in walk(root, &dir, &mut listing.diagnostics) {
            if entry.file_type().is_file() {
                if !nested && entry.depth() > 1 {
                    listing.diagnostics.push(
                        Diagnostic::warning(format!(
                            "`{}` is in a subfolder and is not read",
                            display_path(root, entry.path()).display()
                        ))
                        .with_help(format!("move it directly into content/{folder}/")),
                    );
                } else if entry.path().extension().is_some_and(|e| e == "md") {
                    listing.tasks.push((kind, entry.into_path()));
                } else {
                    listing.diagnostics.push(
                        Diagnostic::warning(format!(
                            "`{}` is not a Markdown file and is ignored",
                            display_path(root, entry.path()).display()
                        ))
                        .with_help(
                            "content files end in `.md`; put other files in content/static/",
                        ),
                    );
                }
            }
        }
    }
    let home = content.join("home.md");
    if home.is_file() {
        listing.tasks.push((ContentKind::Home, home));
    }
    // The home page's translations, `home.<code>.md`, beside it.
    if let Ok(entries) = std::fs::read_dir(content) {
        let mut translated: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "md")
                    && p.file_stem()
                        .and_then(|s| s.to_str())
                        .and_then(split_language)
                        .is_some_and(|(name, _)| name == "home")
            })
            .collect();
        translated.sort();
        listing
            .tasks
            .extend(translated.into_iter().map(|p| (ContentKind::Home, p)));
    }

    listing
}

/// The path shown to editors: relative to the site root.
fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads a file as UTF-8; a file that is not is an error at the first bad byte.
fn read_source(
    root: &Path,
    path: &Path,
    cache: Option<&ParseCache>,
) -> Result<SourceFile, Diagnostic> {
    let shown = display_path(root, path);
    if let Some(text) = cache.and_then(|c| c.overlaid(path)) {
        return Ok(SourceFile::new(shown, text.to_string()));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read the file: {e}"))
            .at(Location::file(&shown))
            .with_help("make it readable for the user running portal, or remove it")
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(shown, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(shown, text);
            Err(file
                .error(valid..valid + 1, "the file is not valid UTF-8")
                .with_help("save the file with the encoding UTF-8"))
        }
    }
}

/// The kind of the document at `path` in the content folder `content`, by
/// where it lies: the start page (`home.md` and its translations) beside
/// site.yaml, every other kind in its folder (pages also in subfolders).
pub fn kind_of(content: &Path, path: &Path) -> Option<ContentKind> {
    if path.parent() == Some(content) {
        let stem = path.file_stem()?.to_str()?;
        let name = split_language(stem).map_or(stem, |(name, _)| name);
        return (name == "home").then_some(ContentKind::Home);
    }
    ContentKind::IN_FOLDERS.into_iter().find(|kind| {
        kind.folder().is_some_and(|folder| {
            path.parent() == Some(&content.join(folder))
                || (kind.nests() && path.starts_with(content.join(folder)))
        })
    })
}

/// Reads a site file (site.yaml, topics.yaml): `None` when it does not
/// exist (on disk, or as the next load's overlay) or cannot be read, the
/// latter reported.
fn read_site_file(
    root: &Path,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    cache: Option<&ParseCache>,
) -> Option<SourceFile> {
    if !path.is_file() && cache.and_then(|c| c.overlaid(path)).is_none() {
        return None;
    }
    read_source(root, path, cache)
        .map_err(|d| diagnostics.push(d))
        .ok()
}

/// Reads and parses a plain YAML file; `Ok(None)` when it does not exist.
fn load_yaml_file<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    expected: Schema,
    diagnostics: &mut Vec<Diagnostic>,
    cache: Option<&ParseCache>,
) -> Option<(Arc<SourceFile>, T)> {
    let file = read_site_file(root, path, diagnostics, cache)?;
    let (value, _) = parse_front(
        &file,
        0..file.text.len(),
        expected,
        Repair::LeaveOut,
        diagnostics,
    )?;
    Some((Arc::new(file), value))
}

/// Reads topics.yaml: the list of topics, alone or below `topics:` (the
/// form the forms of `portal serve` and `/admin/` read and write: the CMS
/// edits the fields of a mapping, not a list at the top).
fn load_topics(
    root: &Path,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    cache: Option<&ParseCache>,
) -> Option<(Arc<SourceFile>, Vec<Topic>)> {
    let file = read_site_file(root, path, diagnostics, cache)?;
    let range = 0..file.text.len();
    let mut value = read_yaml(&file, range.clone(), diagnostics)?;
    let keyed = matches!(&value, serde_json::Value::Object(map)
        if map.len() == 1 && map.contains_key(TOPICS_KEY));
    // A mapping, but not the one key: point at a key that is wrong.
    let wrong = match &value {
        serde_json::Value::Object(map) if !keyed => map.keys().find(|k| *k != TOPICS_KEY),
        _ => None,
    };
    if let (Some(wrong), serde_json::Value::Object(map)) = (wrong, &value) {
        let span = locate::node(&file.text, range, &[Step::Key(wrong)]);
        let help = if map.contains_key(TOPICS_KEY) {
            format!(
                "topics.yaml holds nothing but its list below `{TOPICS_KEY}:`; remove `{wrong}:`"
            )
        } else {
            format!("write `{TOPICS_KEY}:` here, or the list alone")
        };
        diagnostics.push(
            file.error(
                span,
                format!("topics.yaml holds a list of topics, alone or below `{TOPICS_KEY}:`, not `{wrong}:`"),
            )
            .with_help(help),
        );
        return None;
    }
    if keyed {
        value = value[TOPICS_KEY].take();
    }
    let (topics, _) = typed_front(
        &value,
        Schema::Topics,
        Repair::LeaveOut,
        &|mut problem| {
            if keyed {
                problem.path.insert(0, Segment::Key(TOPICS_KEY.to_owned()));
            }
            problem_diagnostic(&file, &range, problem)
        },
        diagnostics,
    )?;
    Some((Arc::new(file), topics))
}

/// The site's settings, in the content folder.
pub const SITE_FILE: &str = "site.yaml";

/// The site's topics, in the content folder.
pub const TOPICS_FILE: &str = "topics.yaml";

/// The key topics.yaml may hold its list under.
pub const TOPICS_KEY: &str = "topics";

/// Whether the text of topics.yaml holds its list below `topics:`.
pub fn topics_are_keyed(text: &str) -> bool {
    text.lines().any(|line| {
        line.strip_prefix(TOPICS_KEY)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// How a file whose fields have errors is still read for the checks that
/// span files.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repair {
    /// Leave the wrong fields out (site.yaml, topics.yaml: a stand-in
    /// address or title would itself be checked and reported).
    LeaveOut,
    /// Leave them out and put a stand-in where a required one is missing
    /// (documents: they must exist for references and links to them).
    StandIn,
}

/// Parses the YAML in `range` of `file` as `expected`: syntax first,
/// then every schema problem at once, then the typed value, with the
/// top-level fields whose values were rejected. Every problem becomes a
/// diagnostic at its line in the whole file.
fn parse_front<T: DeserializeOwned>(
    file: &SourceFile,
    range: Range<usize>,
    expected: Schema,
    repair: Repair,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(T, Vec<String>)> {
    let value = read_yaml(file, range.clone(), diagnostics)?;
    typed_front(
        &value,
        expected,
        repair,
        &|problem| problem_diagnostic(file, &range, problem),
        diagnostics,
    )
}

/// The YAML in `range` of `file` as a value; a syntax error is reported
/// at its line in the whole file.
fn read_yaml(
    file: &SourceFile,
    range: Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<serde_json::Value> {
    let yaml_text = &file.text[range.clone()];
    let value = match yaml::parse_value(yaml_text) {
        Ok(value) => value,
        Err(e) => {
            let (first_line, _) = file.position(range.start);
            let offset = match (e.line, e.column) {
                (Some(line), Some(column)) => {
                    let line_start = file.line_offset(first_line + line - 1);
                    let line_text = file.line_text(first_line + line - 1);
                    line_start
                        + line_text
                            .char_indices()
                            .nth(column.saturating_sub(1))
                            .map_or(line_text.len(), |(i, _)| i)
                }
                _ => range.start,
            };
            diagnostics.push(
                file.error(
                    offset..offset + 1,
                    format!("the YAML is malformed: {}", e.message),
                )
                .with_help(e.help.unwrap_or_else(|| {
                    "check indentation, colons and quotes; text containing `: ` must be in quotes"
                        .into()
                })),
            );
            return None;
        }
    };
    Some(value)
}

/// Checks a front-matter value against `expected`: every schema problem at
/// once (each placed in its file by `place`), then the typed value, with
/// the top-level fields whose values were rejected.
fn typed_front<T: DeserializeOwned>(
    value: &serde_json::Value,
    expected: Schema,
    repair: Repair,
    place: &dyn Fn(Problem) -> Diagnostic,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(T, Vec<String>)> {
    let mut placeholders = Vec::new();
    find_placeholders(value, &mut Vec::new(), &mut placeholders);
    let problems: Vec<Problem> = schema::check(expected, value)
        .into_iter()
        .filter(|p| !placeholders.iter().any(|ph: &Problem| ph.path == p.path))
        .collect();
    if !placeholders.is_empty() {
        // A draft is work in progress: its placeholders are a reminder, not
        // an error, so `portal new news` does not stop the preview while the
        // article is written. It is left out until they are replaced.
        let draft = value.get("draft") == Some(&serde_json::Value::Bool(true));
        for problem in placeholders {
            let mut diagnostic = place(problem);
            if draft {
                diagnostic = diagnostic.into_warning().with_help(
                    "replace it before you remove `draft: true`; until then the draft is left out of every build",
                );
            }
            diagnostics.push(diagnostic);
        }
        for problem in problems {
            diagnostics.push(place(problem));
        }
        return None;
    }
    if !problems.is_empty() {
        // Keep the document when it can still be read without the fields in
        // question, so the checks that span files (references, cycles) run
        // on it too, links to it resolve, and one run reports everything
        // with its cause first; the errors reported here fail the build all
        // the same.
        let typed = repaired(value, &problems, expected, repair);
        for problem in problems {
            diagnostics.push(place(problem));
        }
        return typed;
    }
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(typed) => Some((typed, Vec::new())),
        Err(e) => {
            let path: Vec<Segment> = e
                .path()
                .iter()
                .filter_map(|s| match s {
                    serde_path_to_error::Segment::Map { key } => Some(Segment::Key(key.clone())),
                    serde_path_to_error::Segment::Seq { index } => Some(Segment::Index(*index)),
                    _ => None,
                })
                .collect();
            diagnostics.push(place(Problem {
                path,
                target: Target::Value,
                message: e.into_inner().to_string(),
                help: Some("see docs/content-model.md for the fields of this content type".into()),
            }));
            None
        }
    }
}

/// The document read without its rejected fields (and, with
/// [`Repair::StandIn`], with stand-ins for the required ones), and the
/// names of those fields; `None` when even that cannot be read.
fn repaired<T: DeserializeOwned>(
    value: &serde_json::Value,
    problems: &[Problem],
    expected: Schema,
    repair: Repair,
) -> Option<(T, Vec<String>)> {
    let mut rejected: Vec<String> = Vec::new();
    let mut repaired = value.clone();
    let map = repaired.as_object_mut()?;
    for problem in problems {
        // A missing top-level field gets its stand-in below; a field
        // required because of another one (`legal: imprint` needs
        // `imprint:`) points at that other one, whose value is right; a
        // list entry or group that lacks a field makes its top-level field
        // wrong as a whole.
        let keep = match problem.target {
            Target::Parent => problem.path.is_empty(),
            _ => problem.message.starts_with("missing required field"),
        };
        if let (Some(Segment::Key(key)), false) = (problem.path.first(), keep) {
            if map.remove(key).is_some() && !rejected.contains(key) {
                rejected.push(key.clone());
            }
        }
    }
    if repair == Repair::StandIn {
        for field in schema::required_fields(expected) {
            if !map.contains_key(&field) {
                if let Some(stand_in) = schema::stand_in(expected, &field) {
                    map.insert(field.clone(), stand_in);
                    if !rejected.contains(&field) {
                        rejected.push(field);
                    }
                }
            }
        }
    }
    serde_json::from_value::<T>(repaired)
        .ok()
        .map(|typed| (typed, rejected))
}

/// Values still holding the `TODO` placeholder of `portal new`.
fn find_placeholders(value: &serde_json::Value, path: &mut Vec<Segment>, out: &mut Vec<Problem>) {
    match value {
        serde_json::Value::String(s) if s.starts_with(scaffold::PLACEHOLDER) => out.push(Problem {
            path: path.clone(),
            target: Target::Value,
            message: "the placeholder `TODO` is still here".into(),
            help: Some("replace it with the real value; the comment above the field says what belongs here".into()),
        }),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Segment::Index(i));
                find_placeholders(item, path, out);
                path.pop();
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                path.push(Segment::Key(key.clone()));
                find_placeholders(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Places a schema problem in the file.
fn problem_diagnostic(file: &SourceFile, range: &Range<usize>, problem: Problem) -> Diagnostic {
    let steps: Vec<Step> = problem
        .path
        .iter()
        .map(|s| match s {
            Segment::Key(k) => Step::Key(k),
            Segment::Index(i) => Step::Index(*i),
        })
        .collect();
    let span = match problem.target {
        Target::Value => locate::value(&file.text, range.clone(), &steps),
        Target::Key => locate::node(&file.text, range.clone(), &steps),
        // A missing top-level field: point at the opening `---` (or line 1).
        Target::Parent if steps.is_empty() => {
            let start = file.line_offset(file.position(range.start).0.saturating_sub(1).max(1));
            start..start + file.line_text(file.position(start).0).len()
        }
        Target::Parent => locate::node(&file.text, range.clone(), &steps),
    };
    let mut diagnostic = file.error(span, problem.message);
    if let Some(help) = problem.help {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// Reads, splits and parses one Markdown document. Returns the document
/// when its front matter parsed (even if other problems were found, so that
/// references to it still resolve), and adds every problem to `diagnostics`.
fn load_document(
    root: &Path,
    content: &Path,
    (kind, path): (ContentKind, &Path),
    catalogue: &Catalogue,
    cache: Option<&ParseCache>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<AnyDocument> {
    let file = match read_source(root, path, cache) {
        Ok(file) => file,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let translation = translation_name(content, kind, path);
    let Some(cache) = cache else {
        if let Some((slug, lang)) = translation {
            return translation_from_source(kind, slug, lang, file, false, diagnostics)
                .map(AnyDocument::Translation);
        }
        let slug = document_slug(content, kind, path, &file, diagnostics);
        // A build or check renders each page at most once: it drops the
        // body's HTML now and parses the body again when the page is made.
        return document_from_source(kind, slug, file, false, catalogue, diagnostics);
    };
    let cached = {
        let documents = cache.documents.read().expect("not poisoned");
        documents
            .get(path.as_os_str())
            .filter(|c| *c.text == *file.text)
            .map(|c| (c.document.clone(), c.diagnostics.clone()))
    };
    if let Some((document, found)) = cached {
        diagnostics.extend(found);
        return document;
    }
    let text: Arc<str> = Arc::from(file.text.as_str());
    let mut found = Vec::new();
    // A translation is kept like a document: thousands of them are not
    // parsed again after every edit.
    let document = match translation {
        Some((slug, lang)) => translation_from_source(kind, slug, lang, file, true, &mut found)
            .map(AnyDocument::Translation),
        None => {
            let slug = document_slug(content, kind, path, &file, &mut found);
            if let Some(parsed) = cache.parsed_since.lock().expect("not poisoned").as_mut() {
                parsed.push((kind, slug.clone()));
            }
            // The preview renders pages again after edits: it keeps the HTML.
            document_from_source(kind, slug, file, true, catalogue, &mut found)
        }
    };
    cache.documents.write().expect("not poisoned").insert(
        path.as_os_str().to_owned(),
        CachedDocument {
            text,
            document: document.clone(),
            diagnostics: found.clone(),
        },
    );
    diagnostics.extend(found);
    document
}

/// Parses one Markdown document given as text, as a document of `kind`, and
/// returns every problem found in it alone (no cross-file checks). The
/// property tests and the fuzzer drive the loader through this.
pub fn check_document_text(kind: ContentKind, path: &Path, text: String) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let file = SourceFile::new(path, text);
    // Parsing the document parses its body too.
    document_from_source(
        kind,
        "x".into(),
        file,
        false,
        &Catalogue::default(),
        &mut diagnostics,
    );
    diagnostics
}

/// What every kind of document is parsed from.
struct Parsing<'f> {
    file: &'f Arc<SourceFile>,
    split: &'f Split,
    expected: Schema,
    keep_html: bool,
}
fn parse<T: DeserializeOwned>(
    slug: String,
    p: &Parsing,
    value: Option<serde_json::Value>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Arc<Document<T>>> {
    let Parsing {
        file,
        split,
        expected,
        keep_html,
    } = *p;
    let value = match value {
        Some(value) => value,
        None => read_yaml(file, split.yaml.clone(), diagnostics)?,
    };
    let range = split.yaml.clone();
    typed_front(
        &value,
        expected,
        Repair::StandIn,
        &|problem| problem_diagnostic(file, &range, problem),
        diagnostics,
    )
    .map(|(front, rejected)| {
        Arc::new(Document {
            slug,
            file: Arc::clone(file),
            origin: Origin::Markdown(FrontMatter {
                yaml: split.yaml.clone(),
                body_start: split.body_start,
            }),
            front,
            rejected,
            body: {
                let mut body = crate::markdown::parse(&file.text[split.body_start..]);
                if !keep_html {
                    body.shed();
                }
                body
            },
            prints: (
                crate::hashing::fingerprint(&file.text[split.yaml.clone()]),
                crate::hashing::fingerprint(&file.text[split.body_start..]),
            ),
            order_key: Default::default(),
            site_path: Default::default(),
        })
    })
}

/// A Markdown service when the site has data sources: it adds to the
/// record with its LeiKa key (or slug) if there is one; a file that names a
/// key no source has, and lacks the fields to stand alone, is one error at
/// its key (the record went away, or the key is mistyped), not one per
/// missing field.
fn service_with_catalogue(
    slug: String,
    p: &Parsing,
    catalogue: &Catalogue,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Arc<Document<Service>>> {
    let value = read_yaml(p.file, p.split.yaml.clone(), diagnostics)?;
    if let Some(index) = catalogue.matching(&slug, &value) {
        let local = sources::LocalFile {
            slug,
            file: p.file,
            front: FrontMatter {
                yaml: p.split.yaml.clone(),
                body_start: p.split.body_start,
            },
            value: &value,
        };
        return catalogue.document(index, Some(local), p.keep_html, diagnostics);
    }
    if let Some(key) = value.get("leika").and_then(serde_json::Value::as_str) {
        let object = value.as_object();
        let lacks = schema::required_fields(p.expected)
            .into_iter()
            .filter(|f| !object.is_some_and(|o| o.contains_key(f)))
            .collect::<Vec<_>>();
        if !lacks.is_empty() {
            if catalogue.incomplete {
                // The record it adds to may be the one that could not be
                // read: that error is the cause, this file waits for it.
                return None;
            }
            let at = locate::value(&p.file.text, p.split.yaml.clone(), &[Step::Key("leika")]);
            diagnostics.push(
                p.file
                    .error(
                        at,
                        format!("this file adds to the service with LeiKa key `{key}`, and no data source has that key"),
                    )
                    .with_help(format!(
                        "the catalogue ({}) does not list it (any more): correct the key, remove the file, or give it {} to keep it as a page of its own",
                        catalogue
                            .shown
                            .iter()
                            .map(|path| path.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                        lacks.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                    )),
            );
            return None;
        }
    }
    parse(slug, p, Some(value), diagnostics)
}

/// Splits and parses a document already read; keeps the body's HTML and
/// search text if `keep_html` (see `ParsedBody::shed`).
fn document_from_source(
    kind: ContentKind,
    slug: String,
    file: SourceFile,
    keep_html: bool,
    catalogue: &Catalogue,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<AnyDocument> {
    if file.text.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error("the file is empty")
                .at(Location::file(file.path()))
                .with_help("a content file starts with front matter between two `---` lines"),
        );
        return None;
    }
    let split = match split(&file.text) {
        Ok(split) => split,
        Err(e) => {
            diagnostics.push(
                file.error(0..file.line_text(1).len(), e.to_string())
                    .with_help("see docs/content-model.md for the fields of this content type"),
            );
            return None;
        }
    };
    let rest = &file.text[split.body_start..];
    let lead = rest.len() - rest.trim_start_matches(['\n', '\r', ' ']).len();
    if frontmatter::split(&rest[lead..]).is_ok() {
        let at = split.body_start + lead;
        diagnostics.push(
            file.error(at..at + 3, "a second front matter block")
                .with_help(
                    "a file has one front matter block: merge the fields into the first one",
                ),
        );
    }
    let file = Arc::new(file);
    let expected = Schema::Front(kind);
    // Read without YAML, so a draft's text is judged as a draft's even
    // when its front matter has errors.
    let is_draft = is_draft_text(&file.text);
    let body = &file.text[split.body_start..];
    for (offset, line) in body
        .split_inclusive('\n')
        .scan(split.body_start, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
    {
        if line.starts_with(scaffold::PLACEHOLDER) {
            let at = offset..offset + scaffold::PLACEHOLDER.len();
            let message = "the placeholder `TODO` is still in the text";
            diagnostics.push(if is_draft {
                file.warning(at, message)
                    .with_help("replace it before you remove `draft: true`")
            } else {
                file.error(at, message)
                    .with_help("replace it with the text citizens should read")
            });
        }
    }
    let parsing = Parsing {
        file: &file,
        split: &split,
        expected,
        keep_html,
    };
    Some(match kind {
        ContentKind::Service if !catalogue.is_empty() => AnyDocument::Service(
            service_with_catalogue(slug, &parsing, catalogue, diagnostics)?,
        ),
        ContentKind::Service => AnyDocument::Service(parse(slug, &parsing, None, diagnostics)?),
        ContentKind::News => AnyDocument::News(parse(slug, &parsing, None, diagnostics)?),
        ContentKind::Body => AnyDocument::Body(parse(slug, &parsing, None, diagnostics)?),
        ContentKind::Person => AnyDocument::Person(parse(slug, &parsing, None, diagnostics)?),
        ContentKind::Page => AnyDocument::Page(parse(slug, &parsing, None, diagnostics)?),
        ContentKind::Home => AnyDocument::Home(parse(slug, &parsing, None, diagnostics)?),
    })
}

/// For a translation's file (`wohngeld.en.md`, `pages/ueber-uns/team.en.md`,
/// `home.en.md`): the original's slug and the language code.
fn translation_name(content: &Path, kind: ContentKind, path: &Path) -> Option<(String, String)> {
    let stem = path.file_stem()?.to_str()?;
    let (name, code) = split_language(stem)?;
    let slug = match kind {
        ContentKind::Home => String::new(),
        ContentKind::Page => {
            let dir = path
                .parent()?
                .strip_prefix(content.join("pages"))
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            if dir.is_empty() {
                name.to_owned()
            } else {
                format!("{dir}/{name}")
            }
        }
        _ => name.to_owned(),
    };
    Some((slug, code.to_owned()))
}

/// Reads a translation file: its front matter as written (merged with the
/// original's and checked in the resolve stage, which knows both) and its
/// Markdown text.
fn translation_from_source(
    kind: ContentKind,
    slug: String,
    lang: String,
    file: SourceFile,
    keep_html: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Arc<Translation>> {
    let split = match split(&file.text) {
        Ok(split) => split,
        Err(e) => {
            diagnostics.push(
                file.error(0..file.line_text(1).len().max(1), e.to_string())
                    .with_help("a translation starts with front matter between two `---` lines, with the fields it translates (e.g. `title`)"),
            );
            return None;
        }
    };
    let value = read_yaml(&file, split.yaml.clone(), diagnostics)?;
    let front = match value {
        serde_json::Value::Object(map) => map,
        _ => {
            diagnostics.push(
                file.error(
                    split.yaml.clone(),
                    "the front matter is not a list of fields",
                )
                .with_help("write one `field: value` per line"),
            );
            return None;
        }
    };
    let mut body = crate::markdown::parse(&file.text[split.body_start..]);
    if !keep_html {
        body.shed();
    }
    Some(Arc::new(Translation {
        kind,
        slug,
        lang,
        file: Arc::new(file),
        yaml: split.yaml,
        body_start: split.body_start,
        front,
        body,
    }))
}

/// The slug is the file name without `.md` (for pages, the path below
/// `pages/`); a name that is not a valid slug is an error suggesting one.
fn document_slug(
    content: &Path,
    kind: ContentKind,
    path: &Path,
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let relative = match kind {
        ContentKind::Page => path.strip_prefix(content.join("pages")).unwrap_or(path),
        _ => Path::new(path.file_name().unwrap_or_default()),
    };
    let relative = relative.with_extension("");
    let segments: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if kind != ContentKind::Home {
        let suggested: Vec<String> = segments.iter().map(|s| text::slugify(s)).collect();
        if suggested != segments {
            diagnostics.push(
                Diagnostic::error(format!(
                    "`{}` is not a valid slug: use lowercase a-z, 0-9 and `-`",
                    segments.join("/")
                ))
                .at(Location::file(file.path()))
                .with_help(format!("rename the file to `{}.md`", suggested.join("/"))),
            );
        }
    }
    segments.join("/")
}

/// Lists `content/static/` for copying.
/// The files of the CMS's `dist/` folder that `admin.cms` names, to be
/// published below `/admin/cms/`; none when it names an `https://`
/// address. A folder without the CMS's script is an error at the line.
fn find_cms(
    root: &Path,
    site: &SourceFile,
    admin: &crate::model::Admin,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<StaticFile> {
    use crate::admin::{is_cms_file, ADMIN_DIR, CMS_DIR, CMS_SCRIPT};
    let at = || {
        locate::value(
            &site.text,
            0..site.text.len(),
            &[Step::Key("admin"), Step::Key("cms")],
        )
    };
    if admin.remote_script().is_some() {
        return Vec::new();
    }
    if admin.cms.contains("://") {
        diagnostics.push(
            site.error(at(), format!("`{}` is not an https:// address", admin.cms))
                .with_help(
                    "load the CMS over https, or name a folder of the site that holds its files",
                ),
        );
        return Vec::new();
    }
    let folder = root.join(&admin.cms);
    if !folder.join(CMS_SCRIPT).is_file() {
        diagnostics.push(
            site.error(at(), format!("the folder `{}` has no `{CMS_SCRIPT}`", admin.cms))
                .with_help(format!(
                    "copy the files of Decap CMS's dist/ folder there (`npm install decap-cms@3` puts them in node_modules/decap-cms/dist/), or give the https:// address of {CMS_SCRIPT}; see docs/admin.md"
                )),
        );
        return Vec::new();
    }
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| is_cms_file(name))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
        .into_iter()
        .map(|name| StaticFile {
            output: format!("{ADMIN_DIR}/{CMS_DIR}/{name}"),
            source: folder.join(name),
        })
        .collect()
}

fn find_static(root: &Path, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<StaticFile> {
    files_below(root, dir, diagnostics)
        .into_iter()
        .map(|(source, output)| StaticFile { output, source })
        .collect()
}

/// Every entry below `dir`, sorted by name. A folder or file that cannot be
/// read is an error naming it: a site built without it would be published
/// incomplete without anyone noticing. A missing `dir` is no error (every
/// content folder is optional).
pub fn walk(root: &Path, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<walkdir::DirEntry> {
    let mut entries = Vec::new();
    for entry in WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        match entry {
            Ok(entry) => entries.push(entry),
            Err(e) if e.depth() == 0 && !dir.exists() => {}
            Err(e) => {
                let path = e.path().unwrap_or(dir);
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), ToString::to_string);
                diagnostics.push(
                    Diagnostic::error(format!(
                        "cannot read `{}`: {reason}",
                        display_path(root, path).display()
                    ))
                    .at(Location::file(display_path(root, path)))
                    .with_help("make it readable for the user running portal, or remove it"),
                );
            }
        }
    }
    entries
}

/// Files below `dir`, sorted, each with its `/`-separated path relative to
/// `dir` (the form output paths and theme names take).
pub fn files_below(
    root: &Path,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, String)> {
    walk(root, dir, diagnostics)
        .into_iter()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (e.into_path(), relative)
        })
        .collect()
}
