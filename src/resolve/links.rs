//! Links, images and headings in Markdown bodies (and the menu of
//! site.yaml): every site path must be a page or file of the site, every
//! `#fragment` a heading id on the target page, every image needs alt text
//! and must come from the site itself, headings must not skip levels.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::{plan, PageKind, Site};
use crate::diagnostic::Diagnostic;
use crate::locate::{self, Step};
use crate::markdown::Outline;
use crate::model::Document;
use crate::text;
use crate::urls;
use crate::urls::policy::{self, Address, Refusal, Use};

/// Site paths of the site, with the outline of the page's Markdown where
/// the page is a document (list pages have none).
type Targets<'a> = HashMap<String, Option<&'a Outline>>;

fn targets<'a>(site: &'a Site, unparsed: &[String]) -> Targets<'a> {
    let mut targets: Targets = HashMap::new();
    // Pages of documents that could not be read exist all the same: their
    // own errors are the cause to report, not every link to them.
    for path in unparsed {
        targets.insert(path.clone(), None);
    }
    // A rejected date has a stand-in; links go to the year the editor wrote.
    for d in site.news.iter().filter(|d| d.rejects("date")) {
        if let Some(year) = crate::load::year_of_date_line(&d.file.text) {
            targets.insert(urls::news(year, &d.slug), Some(&d.outline));
        }
    }
    for page in plan(site) {
        let outline = match page.kind {
            PageKind::Home => site.home.as_ref().map(|d| &d.outline),
            PageKind::Service(i) => Some(&site.services[i].outline),
            PageKind::News(i) => Some(&site.news[i].outline),
            PageKind::Body(i) => Some(&site.bodies[i].outline),
            PageKind::Person(i) => Some(&site.people[i].outline),
            PageKind::Page(i) => Some(&site.pages[i].outline),
            _ => None,
        };
        targets.insert(page.path, outline);
    }
    for path in [urls::FEED, urls::SITEMAP, urls::ROBOTS, urls::SECURITY_TXT]
        .into_iter()
        .chain(urls::DATA_FILES)
    {
        targets.insert(path.to_owned(), None);
    }
    for topic in &site.topics {
        targets.insert(urls::topic_feed(&topic.slug), None);
    }
    for body in &site.bodies {
        targets.insert(urls::body_feed(&body.slug), None);
    }
    for file in &site.static_files {
        targets.insert(format!("/{}", file.output), None);
    }
    targets
}

/// What to say about a `#fragment` that is no heading id of `outline`.
fn fragment_help(fragment: &str, outline: &Outline) -> String {
    let ids: Vec<&str> = outline
        .headings
        .iter()
        .map(|(_, id, _)| id.as_str())
        .collect();
    match text::closest(fragment, ids.iter().copied()) {
        Some(near) => format!("did you mean `#{near}`?"),
        None if ids.is_empty() => "the text has no headings to link to".to_owned(),
        None => format!("its headings have the ids: {}", ids.join(", ")),
    }
}

/// Checks a site path with optional fragment; returns (message, help) if broken.
fn check_site_path(dest: &str, targets: &Targets) -> Option<(String, String)> {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let Some(outline) = targets.get(path) else {
        let with_slash = format!("{path}/");
        let help = if targets.contains_key(&with_slash) {
            format!("page addresses end with `/`: write `{with_slash}`")
        } else {
            match text::closest(path, targets.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "link to an existing page, e.g. /leistungen/<slug>/".to_owned(),
            }
        };
        return Some((
            format!("the link target `{path}` does not exist in this site"),
            help,
        ));
    };
    match (fragment, outline) {
        (Some(fragment), Some(outline)) if !fragment.is_empty() && !outline.has_id(fragment) => {
            Some((
                format!("`{path}` has no heading with the id `{fragment}`"),
                fragment_help(fragment, outline),
            ))
        }
        _ => None,
    }
}

/// An error for an address the URL policy refuses.
fn refused<T>(doc: &Document<T>, range: Range<usize>, refusal: Refusal) -> Diagnostic {
    doc.body_error(range, refusal.message)
        .with_help(refusal.help)
}

fn relative_warning<T>(doc: &Document<T>, range: Range<usize>, dest: &str) -> Diagnostic {
    doc.body_warning(range, format!("`{dest}` is a relative link"))
        .with_help("write the site path starting with `/`, e.g. /leistungen/wohngeld/, so it works on every page")
}

fn check_document<T>(doc: &Document<T>, targets: &Targets, out: &mut Vec<Diagnostic>) {
    let outline = &doc.outline;
    for (dest, range) in &outline.definitions {
        if let Err(refusal) = policy::check(dest, Use::Link) {
            out.push(refused(doc, range.clone(), refusal));
        }
    }
    for link in &outline.links {
        let range = link.range.clone();
        match policy::check(&link.dest, Use::Link) {
            // A reference link's address is reported at its definition.
            Err(_) if link.via_reference => {}
            Err(refusal) => out.push(refused(doc, range, refusal)),
            Ok(Address::Web(_) | Address::Mail(_) | Address::Phone(_)) => {}
            Ok(Address::Fragment(fragment)) => {
                if !outline.has_id(fragment) {
                    let help = fragment_help(fragment, outline);
                    out.push(
                        doc.body_error(
                            range,
                            format!("this text has no heading with the id `{fragment}`"),
                        )
                        .with_help(help),
                    );
                }
            }
            Ok(Address::SitePath(path)) => {
                if let Some((message, help)) = check_site_path(path, targets) {
                    out.push(doc.body_error(range, message).with_help(help));
                }
            }
            Ok(Address::Relative(dest)) => out.push(relative_warning(doc, range, dest)),
        }
    }
    for (dest, alt, range) in &outline.images {
        if alt.trim().is_empty() {
            out.push(
                doc.body_error(range.clone(), "the image has no alternative text")
                    .with_help(format!(
                        "describe what the image shows: ![Beschreibung]({dest})"
                    )),
            );
        }
        match policy::check(dest, Use::Image) {
            Err(refusal) => out.push(refused(doc, range.clone(), refusal)),
            Ok(Address::SitePath(path)) => {
                if let Some((message, help)) = check_site_path(path, targets) {
                    out.push(doc.body_error(range.clone(), message).with_help(help));
                }
            }
            Ok(Address::Relative(dest)) => out.push(relative_warning(doc, range.clone(), dest)),
            Ok(_) => out.push(
                doc.body_error(range.clone(), "the image is loaded from another site")
                    .with_help("put the file into content/static/ and link it as /file-name; loading from elsewhere tells that site who reads the page"),
            ),
        }
    }
    let mut previous = 1;
    for (level, _, range) in &outline.headings {
        if *level == 1 {
            out.push(
                doc.body_warning(range.clone(), "a level-1 heading in the text")
                    .with_help("the page title is the level-1 heading; start sections with `##`"),
            );
        } else if *level > previous + 1 {
            out.push(
                doc.body_warning(
                    range.clone(),
                    format!("the heading skips from level {previous} to level {level}"),
                )
                .with_help(format!(
                    "use {} here, so screen-reader users can follow the structure",
                    "#".repeat(previous as usize + 1)
                )),
            );
        }
        previous = *level;
    }
}

/// The link problems of `documents`, checked in parallel.
fn check_documents<T: Sync + Send>(
    documents: &[Arc<Document<T>>],
    targets: &Targets,
) -> Vec<Diagnostic> {
    documents
        .par_iter()
        .flat_map_iter(|doc| {
            let mut out = Vec::new();
            check_document(doc, targets, &mut out);
            out
        })
        .collect()
}

/// Every link problem of the site; `unparsed` are the site paths of
/// documents whose front matter could not be read.
pub(super) fn check(site: &Site, unparsed: &[String]) -> Vec<Diagnostic> {
    let targets = targets(site, unparsed);
    let mut out = Vec::new();
    out.extend(check_documents(&site.services, &targets));
    out.extend(check_documents(&site.news, &targets));
    out.extend(check_documents(&site.bodies, &targets));
    out.extend(check_documents(&site.people, &targets));
    out.extend(check_documents(&site.pages, &targets));
    if let Some(doc) = &site.home {
        check_document(doc, &targets, &mut out);
    }
    let file = &site.config_file;
    if let Some(licence) = &site.config.data_licence {
        // A licence published on the site itself must exist.
        if let Ok(Address::SitePath(path)) = policy::check(&licence.url, Use::Link) {
            if let Some((message, help)) = check_site_path(path, &targets) {
                let span = locate::value(
                    &file.text,
                    0..file.text.len(),
                    &[Step::Key("data_licence"), Step::Key("url")],
                );
                out.push(file.error(span, message).with_help(help));
            }
        }
    }
    for (i, item) in site.config.navigation.iter().enumerate() {
        // The address itself is checked with site.yaml; here only whether
        // a site path exists.
        if let Ok(Address::SitePath(path)) = policy::check(&item.url, Use::Menu) {
            if let Some((message, help)) = check_site_path(path, &targets) {
                let span = locate::value(
                    &file.text,
                    0..file.text.len(),
                    &[Step::Key("navigation"), Step::Index(i), Step::Key("url")],
                );
                out.push(file.error(span, message).with_help(help));
            }
        }
    }
    out
}
