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

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use crate::model::ContentKind;
use crate::resolve::{PageKind, PlannedPage, Site};
use crate::text::escape_html;
use crate::urls::BaseUrl;

/// Where the index files go, below the output folder.
pub const BUNDLE_DIR: &str = "pagefind";

/// Files of Pagefind's bundle the portal's own search page does not load.
const UNUSED_BUNDLE_FILES: [&str; 4] = [
    "pagefind-ui.",
    "pagefind-modular-ui.",
    "pagefind-component-ui.",
    "pagefind-highlight.",
];

/// One searchable page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Site path of the page.
    pub path: String,
    /// Its title.
    pub title: String,
    /// One sentence shown under the title in the results.
    pub summary: String,
    /// What it is.
    pub kind: ContentKind,
    /// The page's text, as plain text.
    pub text: String,
}

/// Problems of building the index; the build fails with them.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Pagefind refused a record or the index.
    #[error("the search index could not be built: {0}")]
    Index(String),
    /// No runtime for Pagefind's asynchronous API.
    #[error("the search index could not be built: {0}")]
    Runtime(#[from] std::io::Error),
}

/// The record of a planned page, if it is worth finding: services,
/// articles, bodies, people and free pages; list pages are not.
pub fn record(site: &Site, page: &PlannedPage) -> Option<Record> {
    let path = page.path.to_string();
    let record = match page.kind {
        PageKind::Service(i) => {
            let d = &site.services[i];
            Record {
                path,
                title: d.front.title.clone(),
                summary: d.front.summary.clone(),
                kind: ContentKind::Service,
                text: d.body.text.clone(),
            }
        }
        PageKind::News(i) => {
            let d = &site.news[i];
            Record {
                path,
                title: d.front.title.clone(),
                summary: d.front.summary.clone(),
                kind: ContentKind::News,
                text: d.body.text.clone(),
            }
        }
        PageKind::Body(i) => {
            let d = &site.bodies[i];
            let text = d.body.text.clone();
            Record {
                path,
                title: d.front.name.clone(),
                summary: first_sentence(&text),
                kind: ContentKind::Body,
                text,
            }
        }
        PageKind::Person(i) => {
            let d = &site.people[i];
            let roles: Vec<&str> = d.front.roles.iter().map(|r| r.title.as_str()).collect();
            Record {
                path,
                title: d.front.name.clone(),
                summary: roles.join(", "),
                kind: ContentKind::Person,
                text: d.body.text.clone(),
            }
        }
        PageKind::Page(i) => {
            let d = &site.pages[i];
            let text = d.body.text.clone();
            Record {
                path,
                title: d.front.title.clone(),
                summary: d
                    .front
                    .summary
                    .clone()
                    .unwrap_or_else(|| first_sentence(&text)),
                kind: ContentKind::Page,
                text,
            }
        }
        _ => return None,
    };
    Some(record)
}

/// The records of every page worth finding, in the order of the plan.
pub fn records(site: &Site) -> Vec<Record> {
    site.plan
        .par_iter()
        .filter_map(|page| record(site, page))
        .collect()
}

/// Where and in which language the index is published.
#[derive(Debug, Clone)]
pub struct Publication {
    /// The base the record paths are linked under.
    pub base: BaseUrl,
    /// The site's language, for stemming.
    pub language: String,
}

impl Publication {
    /// Where `site` is published.
    pub fn of(site: &Site) -> Self {
        Publication {
            base: site.base.clone(),
            language: site.config.language.clone(),
        }
    }
}

fn first_sentence(text: &str) -> String {
    let text = text.trim();
    match text.find(". ") {
        Some(end) if end < 200 => text[..=end].to_owned(),
        _ => text.chars().take(160).collect(),
    }
}

/// Lowercase words of `text` (letters and digits, umlauts kept).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The shortest tail of a compound that still counts as a word.
const MIN_PART: usize = 4;
/// The shortest head of a compound ("Bau" in "Bauantrag").
const MIN_HEAD: usize = 3;

/// Tails of the long `words` that are words of `vocabulary`:
/// "wohnsitzanmeldung" gives "anmeldung" when the site uses that word.
fn compound_parts(words: &HashSet<String>, vocabulary: &HashSet<&str>) -> Vec<String> {
    let mut parts: Vec<String> = words
        .iter()
        .filter_map(|word| {
            let chars: Vec<(usize, char)> = word.char_indices().collect();
            if chars.len() < MIN_HEAD + MIN_PART {
                return None;
            }
            chars[MIN_HEAD..=chars.len() - MIN_PART]
                .iter()
                .map(|&(start, _)| &word[start..])
                .find(|tail| vocabulary.contains(tail))
                .map(str::to_owned)
        })
        .collect();
    parts.sort();
    parts.dedup();
    parts
}

/// The synthetic page Pagefind indexes for a record.
fn document(record: &Record, parts: &[String], language: &str) -> String {
    format!(
        "<html lang=\"{lang}\"><head><title>{title}</title></head><body>\
         <h1 data-pagefind-weight=\"10\" data-pagefind-meta=\"title\">{title}</h1>\
         <p data-pagefind-meta=\"summary\" data-pagefind-weight=\"2\">{summary}</p>\
         <span data-pagefind-filter=\"Typ\">{kind}</span>\
         <div>{text}</div><div data-pagefind-weight=\"0.5\">{parts}</div></body></html>",
        lang = escape_html(language),
        title = escape_html(&record.title),
        summary = escape_html(&record.summary),
        kind = record.kind.label(),
        text = escape_html(&record.text),
        parts = escape_html(&parts.join(" ")),
    )
}

/// Builds the index of `records` and returns its files by output path
/// (`pagefind/…`), in a stable order.
pub fn index<R: Borrow<Record>>(
    records: &[R],
    publication: &Publication,
) -> Result<Vec<(String, Vec<u8>)>, SearchError> {
    let records: Vec<&Record> = records.iter().map(Borrow::borrow).collect();
    // Each record's distinct words, once; the site's vocabulary is their
    // union, and compounds are split against it.
    let distinct: Vec<HashSet<String>> = records
        .par_iter()
        .map(|r| {
            words(&r.title)
                .chain(words(&r.summary))
                .chain(words(&r.text))
                .collect()
        })
        .collect();
    let vocabulary: HashSet<&str> = distinct
        .iter()
        .flatten()
        .map(String::as_str)
        .filter(|w| w.chars().count() >= MIN_PART)
        .collect();
    let documents: Vec<(String, String)> = records
        .par_iter()
        .zip(&distinct)
        .map(|(r, words)| {
            let parts = compound_parts(words, &vocabulary);
            (
                publication.base.href(&r.path),
                document(r, &parts, &publication.language),
            )
        })
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let language = publication.language.clone();
    let files = runtime.block_on(async move {
        let config = pagefind::options::PagefindServiceConfig::builder()
            .force_language(language)
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config))
            .map_err(|e| SearchError::Index(e.to_string()))?;
        for (url, html) in documents {
            index
                .add_html_file(None, Some(url), html)
                .await
                .map_err(|e| SearchError::Index(e.to_string()))?;
        }
        index
            .get_files()
            .await
            .map_err(|e| SearchError::Index(e.to_string()))
    })?;
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for file in files {
        // Pagefind's ready-made interfaces: the portal has its own search
        // page, so they would only be published, never loaded.
        let name = file.filename.to_string_lossy();
        if UNUSED_BUNDLE_FILES
            .iter()
            .any(|prefix| name.starts_with(prefix))
        {
            continue;
        }
        let relative = file
            .filename
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        out.insert(format!("{BUNDLE_DIR}/{relative}"), file.contents);
    }
    Ok(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_give_the_site_s_own_words() {
        let vocabulary: HashSet<&str> = ["anmeldung", "antrag", "wohnsitz"].into_iter().collect();
        let of = |text: &str| -> HashSet<String> { words(text).collect() };
        assert_eq!(
            compound_parts(&of("Die Wohnsitzanmeldung und der Bauantrag."), &vocabulary),
            ["anmeldung", "antrag"]
        );
        // Short words and words without a known tail give nothing.
        assert!(compound_parts(&of("Anmeldung Haus Kindergeld"), &vocabulary).is_empty());
    }

    #[test]
    fn record_text_cannot_break_the_synthetic_page() {
        let record = Record {
            path: "/x/".into(),
            title: "</h1><script>x</script>".into(),
            summary: "a & b".into(),
            kind: ContentKind::Service,
            text: "<b>".into(),
        };
        let html = document(&record, &[], "de");
        assert!(!html.contains("<script>") && html.contains("&lt;/h1&gt;"));
    }
}
