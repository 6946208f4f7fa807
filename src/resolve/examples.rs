//! Every entry of the site that holds demonstration data, for
//! `portal check --examples`: before a portal goes live, an editor (or CI)
//! lists what still has to be replaced by checked facts.

use std::sync::Arc;

use serde::Serialize;

use super::Site;
use crate::diagnostic::Location;
use crate::locate::{self, Step};
use crate::model::{Document, Example};
use crate::source::SourceFile;
use crate::urls;

/// One entry with an `example:` mark.
#[derive(Debug, Clone, Serialize)]
pub struct MarkedEntry {
    /// What kind of entry: `site`, `service`, `news`, `body`, `person`, `page`.
    pub kind: &'static str,
    /// Its slug (empty for site.yaml).
    pub slug: String,
    /// The site path of its page (`/` for site.yaml, whose values appear
    /// on every page).
    pub path: String,
    /// Where the mark is written.
    #[serde(flatten)]
    pub location: Location,
    /// What is marked.
    pub example: Example,
}

impl MarkedEntry {
    /// "whole entry" or the marked fields, for people.
    pub fn describe(&self) -> String {
        match &self.example {
            Example::Entry => "the whole entry".to_owned(),
            other => other.fields().join(", "),
        }
    }
}

/// Where the `example:` field of a file stands (the file's first line when
/// it cannot be found, which a parsed mark never is).
fn mark_location(file: &SourceFile, yaml: std::ops::Range<usize>) -> Location {
    let mut location = file.location(locate::node(&file.text, yaml, &[Step::Key("example")]));
    location.source_line = None;
    location
}

fn entry<T>(
    kind: &'static str,
    document: &Arc<Document<T>>,
    path: String,
    example: &Example,
) -> Option<MarkedEntry> {
    (!example.is_none()).then(|| MarkedEntry {
        kind,
        slug: document.slug.clone(),
        path,
        location: match document.record() {
            // The mark may come from the local file, or the source's
            // defaults in site.yaml.
            Some(_) => {
                let place = document.field_place(&[Step::Key("example")]);
                let mut location = place.file.location(place.range);
                location.source_line = None;
                location
            }
            None => {
                let place = document.front_place();
                mark_location(place.file, place.range)
            }
        },
        example: example.clone(),
    })
}

/// Every marked entry, in the order of the site's files (site.yaml first,
/// then services, news, bodies, people, pages, each by file name).
pub fn marked_entries(site: &Site) -> Vec<MarkedEntry> {
    let mut out = Vec::new();
    if !site.config.example.is_none() {
        let file = &site.config_file;
        out.push(MarkedEntry {
            kind: "site",
            slug: String::new(),
            path: urls::HOME.to_owned(),
            location: mark_location(file, 0..file.text.len()),
            example: site.config.example.clone(),
        });
    }
    let mut documents: Vec<MarkedEntry> = Vec::new();
    documents.extend(
        site.services
            .iter()
            .filter_map(|d| entry("service", d, urls::service(&d.slug), &d.front.example)),
    );
    documents.extend(site.news.iter().filter_map(|d| {
        let path = urls::news(d.front.date.year(), &d.slug);
        entry("news", d, path, &d.front.example)
    }));
    documents.extend(
        site.bodies
            .iter()
            .filter_map(|d| entry("body", d, urls::body(&d.slug), &d.front.example)),
    );
    documents.extend(
        site.people
            .iter()
            .filter_map(|d| entry("person", d, urls::person(&d.slug), &d.front.example)),
    );
    documents.extend(
        site.home
            .iter()
            .filter_map(|d| entry("page", d, urls::HOME.to_owned(), &d.front.example)),
    );
    documents.extend(
        site.pages
            .iter()
            .filter_map(|d| entry("page", d, urls::page(&d.slug), &d.front.example)),
    );
    documents.sort_by(|a, b| a.location.file.cmp(&b.location.file));
    out.extend(documents);
    out
}
