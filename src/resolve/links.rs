//! Links, images and headings in Markdown bodies (and the menu of
//! site.yaml): every site path must be a page or file of the site, every
//! `#fragment` a heading id on the target page, every image needs alt text
//! and must come from the site itself, headings must not skip levels.

use std::borrow::Cow;
use std::ops::Range;

use super::memo::{Check, CheckCache, Checking};
use super::{PageKind, Site};
use crate::diagnostic::Diagnostic;
use crate::hashing::{fingerprint, Map, Set};
use crate::locate::{self, Step};
use crate::markdown::{Heading, Outline};
use crate::model::Document;
use crate::text;
use crate::urls;
use crate::urls::policy::{self, Address, Refusal, Use};

/// Site paths of the site, with the outline of the page's Markdown where
/// the page is a document (list pages have none).
type Targets<'a> = Map<Cow<'a, str>, Option<&'a Outline>>;

/// The targets of links, and a signature of them: every path with the ids
/// of its headings (not where they are, which any edit above them moves),
/// summed so that the order of the pages does not matter.
fn targets<'a>(site: &'a Site, unparsed: &[String]) -> (Targets<'a>, u64) {
    let mut targets: Targets = Map::default();
    let mut signature = 0u64;
    let mut add = |path: Cow<'a, str>, outline: Option<&'a Outline>| {
        let ids = outline.map(Outline::ids_print);
        signature = signature.wrapping_add(fingerprint((path.as_ref(), ids)));
        targets.insert(path, outline);
    };
    // Pages of documents that could not be read exist all the same: their
    // own errors are the cause to report, not every link to them.
    // A document that cannot be read has its pages (in every language)
    // reported once, at its own error: links to them are no knock-on
    // errors.
    let prefixes: Vec<&str> = std::iter::once("")
        .chain(
            site.editions
                .iter()
                .filter_map(|e| e.edition.as_ref().map(|e| e.prefix.as_str())),
        )
        .collect();
    for path in unparsed {
        for prefix in &prefixes {
            add(Cow::Owned(format!("{prefix}{path}")), None);
        }
    }
    // A rejected date has a stand-in; links go to the year the editor wrote.
    for d in site.news.iter().filter(|d| d.rejects("date")) {
        if let Some(year) = crate::load::year_of_date_line(&d.file.text) {
            add(Cow::Owned(urls::news(year, &d.slug)), Some(&d.body.outline));
        }
    }
    for site in std::iter::once(site).chain(&site.editions) {
        for page in &site.plan {
            let outline = match page.kind {
                PageKind::Home => site.home.as_ref().map(|d| &d.body.outline),
                PageKind::Service(i) => Some(&site.services[i].body.outline),
                PageKind::News(i) => Some(&site.news[i].body.outline),
                PageKind::Body(i) => Some(&site.bodies[i].body.outline),
                PageKind::Person(i) => Some(&site.people[i].body.outline),
                PageKind::Page(i) => Some(&site.pages[i].body.outline),
                _ => None,
            };
            add(Cow::Borrowed(&page.path), outline);
        }
    }
    for edition in site.editions.iter().filter_map(|e| e.edition.as_ref()) {
        for path in [urls::FEED, urls::SITEMAP] {
            add(Cow::Owned(format!("{}{path}", edition.prefix)), None);
        }
    }
    for path in [urls::FEED, urls::SITEMAP, urls::ROBOTS, urls::SECURITY_TXT]
        .into_iter()
        .chain(urls::DATA_FILES)
    {
        add(Cow::Borrowed(path), None);
    }
    for topic in &site.topics {
        add(Cow::Owned(urls::topic_feed(&topic.slug)), None);
    }
    for body in &site.bodies {
        add(Cow::Owned(urls::body_feed(&body.slug)), None);
    }
    for file in &site.static_files {
        add(Cow::Owned(format!("/{}", file.output)), None);
    }
    (targets, signature)
}

/// What to say about a `#fragment` that is no heading id of `outline`.
fn fragment_help(fragment: &str, outline: &Outline) -> String {
    let ids: Vec<&str> = outline.headings.iter().map(|h| h.id.as_str()).collect();
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
        let help = if targets.contains_key(with_slash.as_str()) {
            format!("page addresses end with `/`: write `{with_slash}`")
        } else {
            match text::closest(path, targets.keys().map(Cow::as_ref)) {
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
    let outline = &doc.body.outline;
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
    for Heading { level, range, .. } in &outline.headings {
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

/// The site paths (by fingerprint) whose target came, went or has other
/// heading ids since the last check with `cache`; `None` the first time.
/// Fingerprints, not strings: this runs over every page after each edit
/// that adds or removes one (a list growing by a page).
fn moved_targets(cache: &CheckCache, signature: u64, targets: &Targets) -> Option<Set<u64>> {
    let mut last = cache.link_targets.lock().expect("not poisoned");
    if let Some((before, _)) = last.as_ref() {
        if *before == signature {
            return Some(Set::default());
        }
    }
    let now: Map<u64, u64> = targets
        .iter()
        .map(|(path, outline)| {
            let ids = outline.map(|o| o.ids_print());
            (fingerprint(path.as_ref()), ids.unwrap_or_default())
        })
        .collect();
    let moved = last.as_ref().map(|(_, before)| {
        let mut moved: Set<u64> = now
            .iter()
            .filter(|(path, ids)| before.get(*path) != Some(*ids))
            .map(|(path, _)| *path)
            .collect();
        moved.extend(before.keys().filter(|path| !now.contains_key(*path)));
        moved
    });
    *last = Some((signature, now));
    moved
}

/// Whether a link or image of `outline` points at one of the site paths
/// `moved` (by fingerprint).
fn links_into(outline: &Outline, moved: &Set<u64>) -> bool {
    outline.link_paths().iter().any(|path| moved.contains(path))
}

/// Every link problem of the site; `unparsed` are the site paths of
/// documents whose front matter could not be read. With a `cache`, the
/// documents unchanged since the last check are not checked again while
/// the targets are the same (see [`super::memo`]).
pub(super) fn check(
    site: &Site,
    unparsed: &[String],
    cache: Option<&CheckCache>,
) -> Vec<Diagnostic> {
    let (targets, signature) = targets(site, unparsed);
    let moved = cache.map(|cache| moved_targets(cache, signature, &targets));
    // Problems found before stay while the targets of a document's links
    // stayed; a document with errors is checked again whenever targets
    // moved, since its "did you mean" may now name another page.
    let checking = Checking::start(cache, Check::Links, 0);
    let stale = |outline: &Outline, found: &[Diagnostic]| match &moved {
        Some(Some(moved)) => {
            !moved.is_empty()
                && (found.iter().any(Diagnostic::is_error) || links_into(outline, moved))
        }
        _ => true,
    };
    let t = &targets;
    let mut out = Vec::new();
    macro_rules! check_all {
        ($documents:expr) => {
            out.extend(checking.run_unless(
                $documents,
                |d, o| check_document(d, t, o),
                |d, found| stale(&d.body.outline, found),
            ))
        };
    }
    check_all!(&site.services);
    check_all!(&site.news);
    check_all!(&site.bodies);
    check_all!(&site.people);
    check_all!(&site.pages);
    check_all!(site.home.as_slice());
    checking.finish();
    // The translations' texts, as their editions publish them (few next
    // to the originals, so checked without the memo).
    for edition in &site.editions {
        let Some(about) = &edition.edition else {
            continue;
        };
        let translated = |kind, slug: &str| about.translated.contains(&(kind, slug.to_owned()));
        macro_rules! check_translated {
            ($documents:expr, $kind:expr) => {
                for d in $documents.iter().filter(|d| translated($kind, &d.slug)) {
                    check_document(d, t, &mut out);
                }
            };
        }
        use crate::model::ContentKind;
        check_translated!(&edition.services, ContentKind::Service);
        check_translated!(&edition.news, ContentKind::News);
        check_translated!(&edition.bodies, ContentKind::Body);
        check_translated!(&edition.people, ContentKind::Person);
        check_translated!(&edition.pages, ContentKind::Page);
        check_translated!(edition.home.as_slice(), ContentKind::Home);
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
