//! Stage 3b, search: a full-text index of the site that works on the static
//! files alone, built in-process with Pagefind's Rust API.
//!
//! Records are made from the typed site model, not by re-parsing the
//! rendered HTML: each service, article, body, person and free page becomes
//! a small synthetic HTML document whose title carries a high weight (so a
//! service whose title matches comes first) and whose type is a filter
//! (Leistung / Meldung / Gremium / Person / Seite).
//!
//! German forms compound nouns ("Wohnsitzanmeldung"); Pagefind matches
//! word beginnings and stems, so "Anmeldung" would not find the compound.
//! Each record therefore also carries the tails of its long words that are
//! words of the site themselves ("anmeldung"), found against the site's own
//! vocabulary: no dictionary to ship, and nothing indexed that no page uses.

//! Stage 3b, search: a full-text index of the site that works on the static
//! files alone, written by `portal` itself from the typed site model.
//!
//! Why not Pagefind's files: its browser client loads a list of every page
//! before the first query (about 0.5 MB gzipped at 100,000 pages, 5 MB at a
//! million), it needs WebAssembly (`'wasm-unsafe-eval'` in the search
//! page's content security policy), and its indexer holds every page's
//! words in memory on one thread. This index keeps what the visitor loads
//! to start and to run one query small at any size:
//!
//! - `suchindex/index.json`, the manifest: the number of pages, the page
//!   numbers of each type (pages are numbered by type, so the type filter
//!   needs no list), and where each shard of the sorted stems begins;
//! - `suchindex/w/<hash>.json`, shards of about [`SHARD_BYTES`]: per stem
//!   its number of pages and its postings, inline when few, else the names
//!   of its blocks;
//! - `suchindex/p/<hash>.json`, blocks of at most [`BLOCK`] postings, the
//!   strongest first, so a query reads the first block of each word;
//! - `suchindex/f/<n / 1000>/<n>.json`, one small fragment per page (link,
//!   title, type, summary), read for the results shown.
//!
//! Records are made from the site model, not by re-parsing the rendered
//! HTML. A word in a title weighs most, then the summary, then the body;
//! German compounds are also found by their tails when the tail is a word
//! of the site ("Anmeldung" finds the "Wohnsitzanmeldung": no dictionary to
//! ship, and nothing indexed that no page uses).
//!
//! The writer streams: the pages are indexed in parallel, each page's
//! fragment is written when the page is done, and its postings go to a
//! collector (`postings.rs`) that spills sorted runs to disk past a limit.
//! The output is the same bytes however many threads wrote it.

mod postings;
mod words;

use std::borrow::Cow;
use std::io;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{ContentKind, Document};
use crate::output::Staging;
use crate::resolve::{PageKind, PlannedPage, Site};
use crate::urls::BaseUrl;

pub use words::{stem, words};

/// Where the index files go, below the output folder.
pub const INDEX_DIR: &str = "suchindex";

/// The format's version, in the manifest; the browser refuses others.
pub const FORMAT_VERSION: u32 = 1;

/// Postings of a stem kept in its shard entry when it has at most this many.
pub const INLINE: usize = 32;

/// Postings per block file.
pub const BLOCK: usize = 2000;

/// A shard is closed once its entries reach this many bytes.
pub const SHARD_BYTES: usize = 24 * 1024;

/// Postings held in memory before a sorted run is spilled to disk: 32
/// million (256 MiB); a site of 100,000 pages stays below it.
pub const RUN_LIMIT: usize = 32 << 20;

/// How much a word weighs by where it stands (an impact is at most 255).
const TITLE: u16 = 96;
const SUMMARY: u16 = 24;
const BODY: u16 = 4;
/// The body's share of an impact is capped, so a long text does not
/// outweigh a title.
const BODY_CAP: u16 = 64;

/// One searchable page: borrowed from the site model in a build, owned
/// (`Record<'static>`) where the preview keeps it between rebuilds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    /// Site path of the page.
    pub path: Cow<'a, str>,
    /// Its title.
    pub title: Cow<'a, str>,
    /// One sentence shown under the title in the results.
    pub summary: Cow<'a, str>,
    /// What it is.
    pub kind: ContentKind,
    /// The page's text, as plain text.
    pub text: Cow<'a, str>,
}

impl Record<'_> {
    /// The record with every field owned.
    pub fn into_owned(self) -> Record<'static> {
        Record {
            path: Cow::Owned(self.path.into_owned()),
            title: Cow::Owned(self.title.into_owned()),
            summary: Cow::Owned(self.summary.into_owned()),
            kind: self.kind,
            text: Cow::Owned(self.text.into_owned()),
        }
    }

    /// The record borrowing from this one.
    pub fn borrowed(&self) -> Record<'_> {
        Record {
            path: Cow::Borrowed(&self.path),
            title: Cow::Borrowed(&self.title),
            summary: Cow::Borrowed(&self.summary),
            kind: self.kind,
            text: Cow::Borrowed(&self.text),
        }
    }
}

/// Problems of building the index; the build fails with them.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A file of the index could not be written.
    #[error("the search index could not be written: {0}")]
    Io(#[from] io::Error),
    /// More pages or stems than the format numbers.
    #[error("the search index holds at most {max} {what}; this site has more")]
    TooLarge {
        /// What overflowed.
        what: &'static str,
        /// The limit.
        max: u32,
    },
}

/// The type under which a planned page is found, if it is worth finding:
/// services, articles, bodies, people and free pages; list pages are not.
pub fn searchable_kind(page: &PlannedPage) -> Option<ContentKind> {
    match page.kind {
        PageKind::Service(_) => Some(ContentKind::Service),
        PageKind::News(_) => Some(ContentKind::News),
        PageKind::Body(_) => Some(ContentKind::Body),
        PageKind::Person(_) => Some(ContentKind::Person),
        PageKind::Page(_) => Some(ContentKind::Page),
        _ => None,
    }
}

/// The search text of a document's body: held by the preview, read again
/// from the source in a build (which shed it after loading).
fn body_text<T>(d: &Document<T>) -> Cow<'_, str> {
    if d.body.is_whole() {
        Cow::Borrowed(&d.body.text)
    } else {
        Cow::Owned(crate::markdown::plain_text(d.markdown()))
    }
}

/// The record of a planned page, if it is worth finding (see
/// [`searchable_kind`]).
pub fn record<'a>(site: &'a Site, page: &'a PlannedPage) -> Option<Record<'a>> {
    let path = Cow::Borrowed(&*page.path);
    let kind = searchable_kind(page)?;
    let (title, summary, text): (&str, Option<Cow<str>>, Cow<str>) = match page.kind {
        PageKind::Service(i) => {
            let d = &site.services[i];
            (
                &d.front.title,
                Some(Cow::Borrowed(&d.front.summary)),
                body_text(d),
            )
        }
        PageKind::News(i) => {
            let d = &site.news[i];
            (
                &d.front.title,
                Some(Cow::Borrowed(&d.front.summary)),
                body_text(d),
            )
        }
        PageKind::Body(i) => {
            let d = &site.bodies[i];
            (&d.front.name, None, body_text(d))
        }
        PageKind::Person(i) => {
            let d = &site.people[i];
            let roles: Vec<&str> = d.front.roles.iter().map(|r| r.title.as_str()).collect();
            (
                &d.front.name,
                Some(Cow::Owned(roles.join(", "))),
                body_text(d),
            )
        }
        PageKind::Page(i) => {
            let d = &site.pages[i];
            (
                &d.front.title,
                d.front.summary.as_deref().map(Cow::Borrowed),
                body_text(d),
            )
        }
        _ => return None,
    };
    Some(Record {
        path,
        title: Cow::Borrowed(title),
        summary: summary.unwrap_or_else(|| Cow::Owned(first_sentence(&text).into_owned())),
        kind,
        text,
    })
}

/// The positions in the plan of the pages worth finding.
pub fn searchable(site: &Site) -> Vec<u32> {
    site.plan
        .par_iter()
        .enumerate()
        .filter_map(|(i, page)| searchable_kind(page).map(|_| i as u32))
        .collect()
}

/// Where a type's pages stand in the index: in the order of the type
/// filter, so each type is one range of page numbers.
fn kind_rank(kind: ContentKind) -> u8 {
    match kind {
        ContentKind::Service => 0,
        ContentKind::News => 1,
        ContentKind::Body => 2,
        ContentKind::Person => 3,
        ContentKind::Page | ContentKind::Home => 4,
    }
}

/// Where the index files are written.
pub trait Sink: Sync {
    /// Writes `bytes` at `path` (`/`-separated, below the output folder).
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, path, bytes)
    }
}

/// Index files kept in memory (the preview serves them from there).
#[derive(Debug, Default)]
pub struct MemorySink(std::sync::Mutex<Vec<(String, Vec<u8>)>>);

impl MemorySink {
    /// The files written, sorted by path.
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_owned(), bytes.to_vec()));
        Ok(())
    }
}

/// How the index is written.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// The base the pages are linked under.
    pub base: BaseUrl,
    /// Postings held in memory before a sorted run is spilled.
    pub run_limit: usize,
    /// Where spilled runs go (removed when the index is written).
    pub scratch: PathBuf,
}

/// What the index came to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexSummary {
    /// Pages in the index.
    pub pages: usize,
    /// Distinct stems.
    pub stems: usize,
    /// Files written below [`INDEX_DIR`].
    pub files: usize,
    /// Their bytes.
    pub bytes: usize,
    /// Sorted runs spilled to disk on the way.
    pub runs: usize,
    /// Time to gather the vocabulary and stem it.
    pub words_took: std::time::Duration,
    /// Time to index the pages and write their fragments.
    pub pages_took: std::time::Duration,
    /// Time to merge the postings and write shards, blocks and manifest.
    pub shards_took: std::time::Duration,
}

/// Writes the index of `site` into `staging`, and that of each of its
/// editions below the edition's prefix (`en/suchindex/`): a search in a
/// language finds the pages in that language.
pub fn write_site_index(site: &Site, staging: &Staging) -> Result<IndexSummary, SearchError> {
    let mut summary = write_one_index(site, staging, "")?;
    for edition in &site.editions {
        let prefix = edition.edition.as_ref().map_or_else(String::new, |e| {
            format!("{}/", e.prefix.trim_start_matches('/'))
        });
        let more = write_one_index(edition, staging, &prefix)?;
        summary.pages += more.pages;
        summary.stems += more.stems;
        summary.files += more.files;
        summary.bytes += more.bytes;
    }
    Ok(summary)
}

/// A [`Sink`] writing below a folder of another.
pub struct Prefixed<'s> {
    /// The folder, with a trailing `/` (`en/`).
    pub prefix: &'s str,
    /// Where the files go.
    pub sink: &'s dyn Sink,
}

impl Sink for Prefixed<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.sink.write(&format!("{}{path}", self.prefix), bytes)
    }
}

fn write_one_index(
    site: &Site,
    staging: &Staging,
    prefix: &str,
) -> Result<IndexSummary, SearchError> {
    let order = searchable(site);
    let options = IndexOptions {
        base: site.base.clone(),
        run_limit: RUN_LIMIT,
        scratch: staging.scratch(&format!("suchindex-runs{}", prefix.trim_end_matches('/'))),
    };
    let page = |n: usize| &site.plan[order[n] as usize];
    let kind = |n: usize| searchable_kind(page(n)).expect("searchable pages have a type");
    let record = |n: usize| record(site, page(n)).expect("searchable pages have records");
    write_index(
        order.len(),
        kind,
        record,
        &options,
        &Prefixed {
            prefix,
            sink: staging,
        },
    )
}

fn first_sentence(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    match text.find(". ") {
        Some(end) if end < 200 => Cow::Borrowed(&text[..=end]),
        _ => Cow::Owned(text.chars().take(160).collect()),
    }
}

/// The fragment of page `n`: what a result shows.
#[derive(Serialize)]
struct Fragment<'a> {
    url: String,
    title: &'a str,
    kind: &'static str,
    summary: &'a str,
}

/// The index of `records` (in the order a build gives them), written into
/// memory: for the preview, which serves it from there. Runs on the
/// calling rayon pool.
pub fn index_in_memory<R>(
    records: &[R],
    base: BaseUrl,
) -> Result<Vec<(String, Vec<u8>)>, SearchError>
where
    R: std::ops::Deref<Target = Record<'static>> + Sync,
{
    static SCRATCH: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = SCRATCH.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let options = IndexOptions {
        base,
        run_limit: RUN_LIMIT,
        scratch: std::env::temp_dir().join(format!("portal-index-{}-{n}", std::process::id())),
    };
    let sink = MemorySink::default();
    index_records(records, &options, &sink)?;
    Ok(sink.into_files())
}

/// Writes the index of records held whole (the preview's) into `sink`.
fn index_records<R>(
    records: &[R],
    options: &IndexOptions,
    sink: &dyn Sink,
) -> Result<IndexSummary, SearchError>
where
    R: std::ops::Deref<Target = Record<'static>> + Sync,
{
    write_index(
        records.len(),
        |n| records[n].kind,
        |n| records[n].borrowed(),
        options,
        sink,
    )
}

/// Where the fragment of page `n` is written.
pub fn fragment_path(n: usize) -> String {
    format!("{INDEX_DIR}/f/{}/{n}.json", n / 1000)
}

/// Writes the index of the `count` records `record(0..count)` into `sink`;
/// `kind(n)` is `record(n).kind`, told apart because making a record may
/// mean parsing its body (each record is made twice: for the vocabulary,
/// then for the postings).
///
/// Pages are numbered by type (in the order of the type filter), then in
/// the order given.
pub fn write_index<'a, K, F>(
    count: usize,
    kind: K,
    record: F,
    options: &IndexOptions,
    sink: &dyn Sink,
) -> Result<IndexSummary, SearchError>
where
    K: Fn(usize) -> ContentKind + Sync,
    F: Fn(usize) -> Record<'a> + Sync,
{
    if count > postings::MAX_PAGE as usize {
        return Err(SearchError::TooLarge {
            what: "pages",
            max: postings::MAX_PAGE,
        });
    }
    let mut order: Vec<(u8, u32)> = (0..count)
        .into_par_iter()
        .map(|n| (kind_rank(kind(n)), n as u32))
        .collect();
    order.par_sort_unstable();
    let order: Vec<u32> = order.into_iter().map(|(_, n)| n).collect();
    let record = |page: usize| record(order[page] as usize);
    let started = std::time::Instant::now();
    let vocabulary = words::Vocabulary::of((0..count).into_par_iter().map(|n| {
        let r = record(n);
        [r.title, r.summary, r.text]
    }));
    if vocabulary.stems() > postings::MAX_STEM as usize {
        return Err(SearchError::TooLarge {
            what: "distinct word stems",
            max: postings::MAX_STEM,
        });
    }
    let words_took = started.elapsed();
    let started = std::time::Instant::now();
    let collector = postings::Collector::new(options.scratch.clone(), options.run_limit);
    let written = std::sync::atomic::AtomicUsize::new(0);
    (0..count).into_par_iter().chunks(256).try_for_each_init(
        Vec::new,
        |hits, pages| -> Result<(), SearchError> {
            let mut postings = Vec::new();
            for n in pages {
                let r = record(n);
                page_postings(&r, n as u32, &vocabulary, hits, &mut postings);
                let fragment = serde_json::to_vec(&Fragment {
                    url: options.base.href(&r.path),
                    title: &r.title,
                    kind: r.kind.label(),
                    summary: &r.summary,
                })
                .expect("fragments serialise");
                sink.write(&fragment_path(n), &fragment)?;
                written.fetch_add(fragment.len(), std::sync::atomic::Ordering::Relaxed);
            }
            collector.add(&postings)?;
            Ok(())
        },
    )?;
    let runs = collector.spilled();
    let pages_took = started.elapsed();
    let started = std::time::Instant::now();
    let mut out = Writer {
        sink,
        files: count,
        bytes: written.into_inner(),
    };
    let shards = write_shards(collector.into_sorted()?, &vocabulary, &mut out)?;
    let kinds = kind_ranges(count, |n| kind(order[n] as usize));
    let manifest = serde_json::to_vec(&Manifest {
        version: FORMAT_VERSION,
        pages: count,
        block: BLOCK,
        kinds,
        shards,
    })
    .expect("the manifest serialises");
    out.write(&format!("{INDEX_DIR}/index.json"), &manifest)?;
    Ok(IndexSummary {
        pages: count,
        stems: vocabulary.stems(),
        files: out.files,
        bytes: out.bytes,
        runs,
        words_took,
        pages_took,
        shards_took: started.elapsed(),
    })
}

/// The postings of one page: each stem once, with its impact.
fn page_postings(
    r: &Record,
    page: u32,
    vocabulary: &words::Vocabulary,
    hits: &mut Vec<(u32, u16, u16)>,
    out: &mut Vec<u64>,
) {
    hits.clear();
    for (text, weight) in [(&*r.title, TITLE), (&*r.summary, SUMMARY), (&*r.text, BODY)] {
        for word in words(text) {
            let Some(found) = vocabulary.get(&word) else {
                continue;
            };
            let body = weight == BODY;
            hits.push((found.stem, weight, u16::from(body)));
            if found.part != words::NO_PART {
                hits.push((found.part, weight / 2, u16::from(body)));
            }
        }
    }
    hits.sort_unstable_by_key(|h| h.0);
    let mut i = 0;
    while i < hits.len() {
        let stem = hits[i].0;
        let (mut other, mut body) = (0u16, 0u16);
        while i < hits.len() && hits[i].0 == stem {
            if hits[i].2 == 1 {
                body = body.saturating_add(hits[i].1);
            } else {
                other = other.saturating_add(hits[i].1);
            }
            i += 1;
        }
        let impact = other.saturating_add(body.min(BODY_CAP)).clamp(1, 255) as u8;
        out.push(postings::pack(stem, page, impact));
    }
}

/// The manifest, `suchindex/index.json`.
#[derive(Serialize)]
struct Manifest {
    version: u32,
    pages: usize,
    block: usize,
    /// `[label, first page, end]` per run of pages of one type.
    kinds: Vec<(&'static str, usize, usize)>,
    /// `[first stem (shortened), file]` per shard, in order.
    shards: Vec<(String, String)>,
}

fn kind_ranges(
    count: usize,
    kind: impl Fn(usize) -> ContentKind,
) -> Vec<(&'static str, usize, usize)> {
    let mut ranges: Vec<(&'static str, usize, usize)> = Vec::new();
    for n in 0..count {
        let label = kind(n).label();
        match ranges.last_mut() {
            Some(last) if last.0 == label => last.2 = n + 1,
            _ => ranges.push((label, n, n + 1)),
        }
    }
    ranges
}

/// Files written so far.
struct Writer<'s> {
    sink: &'s dyn Sink,
    files: usize,
    bytes: usize,
}

impl Writer<'_> {
    fn write(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.files += 1;
        self.bytes += bytes.len();
        self.sink.write(path, bytes)
    }

    /// Writes `bytes` under a name made from their hash; returns the name
    /// relative to [`INDEX_DIR`].
    fn write_hashed(&mut self, folder: &str, bytes: &[u8]) -> io::Result<String> {
        let hash = Sha256::digest(bytes);
        let name: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        let relative = format!("{folder}/{name}.json");
        self.write(&format!("{INDEX_DIR}/{relative}"), bytes)?;
        Ok(relative)
    }
}

/// Postings as the browser reads them: sorted by page, each page as the
/// difference to the one before, followed by its impact.
fn encode_postings(postings: &mut [(u32, u8)], out: &mut String) {
    use std::fmt::Write;
    postings.sort_unstable_by_key(|p| p.0);
    out.push('[');
    let mut previous = 0;
    for (i, &(page, impact)) in postings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{},{impact}", page - previous);
        previous = page;
    }
    out.push(']');
}

/// Writes the shards and blocks from the sorted postings; returns the
/// manifest's list of shards.
fn write_shards(
    mut sorted: postings::Sorted,
    vocabulary: &words::Vocabulary,
    out: &mut Writer,
) -> Result<Vec<(String, String)>, SearchError> {
    let mut shards = Vec::new();
    let mut shard = String::from("[");
    let mut shard_first: Option<u32> = None;
    let mut previous_last: Option<u32> = None;
    let mut group: Vec<(u32, u8)> = Vec::new();
    let mut current: Option<u32> = None;
    let mut entry = String::new();
    let mut close_shard = |shard: &mut String,
                           first: u32,
                           previous_last: Option<u32>,
                           out: &mut Writer|
     -> io::Result<()> {
        shard.push(']');
        let file = out.write_hashed("w", shard.as_bytes())?;
        let first = vocabulary.stem(first);
        let separator = match previous_last {
            None => String::new(),
            Some(last) => separator(vocabulary.stem(last), first),
        };
        shards.push((separator, file));
        shard.clear();
        shard.push('[');
        Ok(())
    };
    loop {
        let next = sorted.next_posting()?;
        let stem_of_next = next.map(|p| postings::unpack(p).0);
        if let Some(stem) = current.filter(|_| stem_of_next != current) {
            entry.clear();
            stem_entry(vocabulary.stem(stem), &mut group, out, &mut entry)?;
            if shard_first.is_none() {
                shard_first = Some(stem);
            } else {
                shard.push(',');
            }
            shard.push_str(&entry);
            group.clear();
            if shard.len() >= SHARD_BYTES {
                close_shard(
                    &mut shard,
                    shard_first.take().expect("set"),
                    previous_last,
                    out,
                )?;
                previous_last = Some(stem);
            }
        }
        let Some(posting) = next else { break };
        let (stem, page, impact) = postings::unpack(posting);
        current = Some(stem);
        group.push((page, impact));
    }
    if let Some(first) = shard_first {
        close_shard(&mut shard, first, previous_last, out)?;
    }
    Ok(shards)
}

/// The entry of one stem in its shard: `[stem, pages, postings]`, the
/// postings inline or as the names of their blocks, strongest first.
fn stem_entry(
    stem: &str,
    postings: &mut [(u32, u8)],
    out: &mut Writer,
    entry: &mut String,
) -> io::Result<()> {
    entry.push('[');
    entry.push_str(&serde_json::to_string(stem).expect("strings serialise"));
    entry.push(',');
    entry.push_str(&postings.len().to_string());
    entry.push(',');
    if postings.len() <= INLINE {
        encode_postings(postings, entry);
    } else {
        // Strongest first; among equals, the lower page number.
        postings.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut names = Vec::new();
        let mut block = String::new();
        for chunk in postings.chunks_mut(BLOCK) {
            block.clear();
            encode_postings(chunk, &mut block);
            names.push(out.write_hashed("p", block.as_bytes())?);
        }
        entry.push_str(&serde_json::to_string(&names).expect("names serialise"));
    }
    entry.push(']');
    Ok(())
}

/// The shortest beginning of `first` that sorts after `last`: where a shard
/// starts, as short as the manifest can say it.
fn separator(last: &str, first: &str) -> String {
    let mut end = 0;
    for (i, c) in first.char_indices() {
        end = i + c.len_utf8();
        if &first[..end] > last {
            return first[..end].to_owned();
        }
    }
    first[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    const WORDS: [&str; 16] = [
        "Antrag",
        "Bauantrag",
        "Bauanträge",
        "Wohnsitzanmeldung",
        "Anmeldung",
        "digital",
        "Gebühr",
        "Gebühren",
        "Größe",
        "Verwaltung",
        "Verwaltungen",
        "online",
        "2025",
        "Kommune",
        "kommunal",
        "Leistung",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS.to_vec()), 0..12).prop_map(|w| w.join(" "))
    }

    fn kind() -> impl Strategy<Value = ContentKind> {
        prop::sample::select(vec![
            ContentKind::Service,
            ContentKind::News,
            ContentKind::Body,
            ContentKind::Person,
            ContentKind::Page,
        ])
    }

    fn records() -> impl Strategy<Value = Vec<Record<'static>>> {
        prop::collection::vec((text(), text(), kind(), text()), 0..40).prop_map(|pages| {
            pages
                .into_iter()
                .enumerate()
                .map(|(i, (title, summary, kind, text))| Record {
                    path: Cow::Owned(format!("/p{i}/")),
                    title: Cow::Owned(title),
                    summary: Cow::Owned(summary),
                    kind,
                    text: Cow::Owned(text),
                })
                .collect()
        })
    }

    /// The index of `records` written on `threads` threads, spilling runs
    /// of `run_limit` postings.
    fn index(
        records: &[Record<'static>],
        threads: usize,
        run_limit: usize,
    ) -> Vec<(String, Vec<u8>)> {
        let scratch = std::env::temp_dir().join(format!(
            "portal-index-test-{}-{threads}-{run_limit}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let options = IndexOptions {
            base: BaseUrl::parse("https://x.example/portal/").unwrap(),
            run_limit,
            scratch: scratch.clone(),
        };
        let sink = MemorySink::default();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let records: Vec<&Record<'static>> = records.iter().collect();
        pool.install(|| index_records(&records, &options, &sink))
            .unwrap();
        assert!(!scratch.exists(), "spilled runs are removed");
        sink.into_files()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// The index written in parallel, its postings spilled to disk in
        /// runs of a few, is the index written on one thread in memory.
        #[test]
        fn the_index_written_in_parallel_equals_the_one_written_on_one_thread(
            records in records(),
            run_limit in 1usize..50,
        ) {
            let one = index(&records, 1, usize::MAX);
            let parallel = index(&records, 3, run_limit);
            prop_assert_eq!(one, parallel);
        }
    }

    #[test]
    fn separators_are_the_shortest_beginning_after_the_last_stem() {
        assert_eq!(separator("antrag", "bau"), "b");
        assert_eq!(separator("antrag", "antw"), "antw");
        assert_eq!(separator("ab", "abc"), "abc");
    }

    #[test]
    fn postings_are_encoded_as_differences() {
        let mut p = vec![(7, 3), (2, 200), (3, 1)];
        let mut out = String::new();
        encode_postings(&mut p, &mut out);
        assert_eq!(out, "[2,200,1,1,4,3]");
    }

    #[test]
    fn a_title_weighs_more_than_a_body_full_of_the_word() {
        let vocabulary =
            words::Vocabulary::of(vec![vec!["Wohngeld", "", "wohngeld wohngeld"]].into_par_iter());
        let record = |title, text| Record {
            path: Cow::Borrowed("/x/"),
            title: Cow::Borrowed(title),
            summary: Cow::Borrowed(""),
            kind: ContentKind::Service,
            text: Cow::Borrowed(text),
        };
        let mut hits = Vec::new();
        let mut title = Vec::new();
        page_postings(
            &record("Wohngeld", ""),
            0,
            &vocabulary,
            &mut hits,
            &mut title,
        );
        let body_text = "Wohngeld ".repeat(100);
        let mut body = Vec::new();
        page_postings(
            &record("", &body_text),
            1,
            &vocabulary,
            &mut hits,
            &mut body,
        );
        let impact = |p: &[u64]| postings::unpack(p[0]).2;
        assert!(
            impact(&title) > impact(&body),
            "{} vs {}",
            impact(&title),
            impact(&body)
        );
    }
}
