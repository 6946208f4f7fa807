//! The problems the per-document checks found, kept between the resolves
//! of the live preview. A document's reference and link problems follow
//! from its own file and from what it can name (the slugs of the site, the
//! pages and their heading ids); when neither changed, its problems are the
//! same as last time. So each check keeps, per file, what it found, with a
//! signature of everything else it read: after an edit only the edited
//! files are checked again. When the edit changed what references can name
//! (a slug came or went), every document's references are; when it changed
//! what links can reach (a page or heading came or went), only the files
//! that link there, and those with link errors (see `links::check`).
//!
//! A file is recognised by its [`SourceFile`]: the load stage's cache hands
//! out the same one while a file's bytes are unchanged, and the entries
//! here hold it, so its address cannot be reused by another file.

use std::hash::Hash;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::hashing::{fingerprint, Map};
use crate::model::Document;
use crate::source::SourceFile;

/// A file's entry: the file (held, so its address stays its own) and the
/// problems found in it.
type Entry = (Arc<SourceFile>, Vec<Diagnostic>);

/// What one check found per file, and the signature it was valid for.
#[derive(Default)]
struct Found {
    signature: u64,
    by_file: Map<usize, Entry>,
}

/// The per-document problems of the last resolve, for the next one (see
/// the module's documentation). A fresh cache knows nothing, so the first
/// resolve checks every document.
#[derive(Default)]
pub struct CheckCache {
    references: Mutex<Option<Found>>,
    links: Mutex<Option<Found>>,
    /// What links could reach at the last check: each target's path (by
    /// fingerprint) with a print of its heading ids, and the signature of
    /// them all.
    pub(super) link_targets: Mutex<Option<(u64, Map<u64, u64>)>>,
    /// The documents the editions merged with their translations (see
    /// `editions`).
    pub(super) merged: Mutex<super::editions::MergedMemo>,
    /// The translations that passed their checks (see `translations`).
    pub(super) translations: Mutex<super::translations::TranslationMemo>,
}

/// Which per-document check.
#[derive(Clone, Copy)]
pub(super) enum Check {
    /// References to topics, services, bodies and people.
    References,
    /// Links, images and headings of the Markdown text.
    Links,
}

impl CheckCache {
    fn slot(&self, check: Check) -> &Mutex<Option<Found>> {
        match check {
            Check::References => &self.references,
            Check::Links => &self.links,
        }
    }
}

/// One check over the documents of a resolve: reuses what the last
/// resolve found for unchanged files and records what this one found.
pub(super) struct Checking<'a> {
    cache: Option<(&'a CheckCache, Check)>,
    found: Found,
    /// Files checked now, with what was found.
    fresh: Mutex<Vec<(usize, Entry)>>,
    /// Documents seen by this check.
    seen: std::sync::atomic::AtomicUsize,
}

impl<'a> Checking<'a> {
    /// Starts `check` with the `signature` of what it reads besides the
    /// documents; without a cache every document is checked.
    pub(super) fn start(cache: Option<&'a CheckCache>, check: Check, signature: u64) -> Self {
        let mut found = cache
            .and_then(|c| c.slot(check).lock().expect("not poisoned").take())
            .unwrap_or_default();
        if found.signature != signature {
            found = Found {
                signature,
                by_file: Map::default(),
            };
        }
        Checking {
            cache: cache.map(|c| (c, check)),
            found,
            fresh: Mutex::new(Vec::new()),
            seen: Default::default(),
        }
    }

    /// The problems of `documents` under `check`, in parallel; a file
    /// checked before under the same signature is not checked again.
    pub(super) fn run<T: Sync + Send>(
        &self,
        documents: &[Arc<Document<T>>],
        check: impl Fn(&Document<T>, &mut Vec<Diagnostic>) + Sync,
    ) -> Vec<Diagnostic> {
        self.run_unless(documents, check, |_, _| false)
    }

    /// [`Checking::run`], checking again also the unchanged documents for
    /// which `stale(document, problems found before)` holds.
    pub(super) fn run_unless<T: Sync + Send>(
        &self,
        documents: &[Arc<Document<T>>],
        check: impl Fn(&Document<T>, &mut Vec<Diagnostic>) + Sync,
        stale: impl Fn(&Document<T>, &[Diagnostic]) -> bool + Sync,
    ) -> Vec<Diagnostic> {
        self.seen
            .fetch_add(documents.len(), std::sync::atomic::Ordering::Relaxed);
        documents
            .par_iter()
            .flat_map_iter(|doc| {
                let key = key_of(doc);
                if let Some((_, found)) = self.found.by_file.get(&key) {
                    if !stale(doc, found) {
                        return found.clone();
                    }
                }
                let mut found = Vec::new();
                check(doc, &mut found);
                if self.cache.is_some() {
                    let entry = (key, (Arc::clone(&doc.file), found.clone()));
                    self.fresh.lock().expect("not poisoned").push(entry);
                }
                found
            })
            .collect()
    }

    /// Keeps what this check found for the next resolve. Entries of files
    /// that changed since stay behind until they outnumber the documents;
    /// then all are dropped, and the next resolve checks every document.
    pub(super) fn finish(self) {
        let Some((cache, check)) = self.cache else {
            return;
        };
        let mut found = self.found;
        found
            .by_file
            .extend(self.fresh.into_inner().expect("not poisoned"));
        let seen = self.seen.into_inner();
        if found.by_file.len() > 2 * seen + 64 {
            found.by_file.clear();
        }
        *cache.slot(check).lock().expect("not poisoned") = Some(found);
    }
}

/// The key of a document's file in a [`Checking`]: the file's address
/// (held by the entry, so it is not reused while the entry lives), and for
/// a record of a data file, which holds many, the record's place in it and
/// the fingerprints of what it was made of (record and local file).
fn key_of<T>(doc: &Document<T>) -> usize {
    let file = Arc::as_ptr(&doc.file) as usize;
    match doc.record() {
        None => file,
        Some(record) => crate::hashing::fingerprint((file, record.span.start, doc.prints)) as usize,
    }
}

/// A signature of a set of values that does not depend on their order
/// (services are sorted by title, so a title edit reorders them without
/// changing what can be named).
pub(super) fn signature_of_set<T: Hash>(values: impl Iterator<Item = T>) -> u64 {
    values.fold(0u64, |sum, value| sum.wrapping_add(fingerprint(value)))
}
