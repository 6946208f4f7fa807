//! One module per page kind. Each returns a [`Page`]: the shared metadata
//! of every page and a typed view of its own data. The template receives
//! that view (with `site`, `nav`, `json_ld` and `charts`, which are for
//! browsers only), and the page's JSON twin is the same view serialised
//! on its own: the two cannot drift apart.
//!
//! Adding a page kind: a variant of [`crate::resolve::PageKind`] and its
//! place in [`crate::resolve::plan`], a module here with a `view`
//! function, its arm in [`prepare`], and its template in the theme.

mod body;
mod catalogue;
mod governance;
pub mod home;
mod list;
mod lists;
mod news;
mod news_list;
mod not_found;
mod page;
mod person;
mod progress;
mod search;
mod service;
mod services_az;
mod topic;
mod topics;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::structured;
use super::views::{NavLink, Views};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Heading, ParsedBody};
use crate::resolve::{PageKind, PlannedPage};
use crate::urls;

/// One step of a page's breadcrumb trail.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

impl Crumb {
    /// A crumb for the page at site path `path`.
    pub fn to(views: &Views, title: &str, path: &str) -> Self {
        Crumb {
            title: title.to_owned(),
            url: views.href(path),
        }
    }
}

/// The Atom feed of a page's own subject (a topic, a body).
#[derive(Debug, Serialize)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
}

/// SVG charts by name; for browsers only, so not in the twin.
pub type Charts = BTreeMap<&'static str, String>;

/// What a page kind's module returns.
pub struct Page<'a, T> {
    /// The theme's template for the page.
    pub template: &'static str,
    /// The page's title (`<title>`, heading, last crumb).
    pub title: String,
    /// Its description (`<meta name="description">`, JSON-LD).
    pub description: String,
    /// The crumbs above the page; empty for pages without a trail.
    pub trail: Vec<Crumb>,
    /// The page's own Markdown text, parsed (see `Document::parsed_body`).
    pub body: Option<Cow<'a, ParsedBody>>,
    /// The page's own Atom feed, besides the site's.
    pub feed: Option<FeedLink>,
    /// Whether the page runs the theme's scripts (only the search page).
    pub scripts: bool,
    /// The page's own data, under the names its template uses.
    pub data: T,
    /// Its charts.
    pub charts: Charts,
}

impl<T> Page<'_, T> {
    /// A page without body, feed, scripts or charts.
    pub fn new(
        template: &'static str,
        title: impl Into<String>,
        description: impl Into<String>,
        trail: Vec<Crumb>,
        data: T,
    ) -> Self {
        Page {
            template,
            title: title.into(),
            description: description.into(),
            trail,
            body: None,
            feed: None,
            scripts: false,
            data,
            charts: Charts::new(),
        }
    }
}

/// `page` in every template and twin.
#[derive(Debug, Serialize)]
struct PageMeta<'p> {
    title: &'p str,
    description: &'p str,
    path: &'p str,
    url: String,
    permalink: String,
    breadcrumbs: &'p [Crumb],
    is_home: bool,
    feed: &'p Option<FeedLink>,
    scripts: bool,
}

/// The view of a page: what its twin holds and its template receives.
#[derive(Debug, Serialize)]
struct View<'p, T> {
    content: Option<&'p str>,
    headings: &'p [Heading],
    page: PageMeta<'p>,
    #[serde(flatten)]
    data: &'p T,
}

/// A page ready for its template.
pub struct Prepared {
    /// The template to render.
    pub template: &'static str,
    /// The template's context.
    pub context: Context,
    /// The page's Markdown text as HTML (the guard skips it).
    pub body_html: String,
    /// The JSON twin, for pages that have one.
    pub twin: Option<(String, String)>,
}

/// The crumb every trail starts with.
pub fn home_crumb(views: &Views) -> Crumb {
    Crumb::to(views, views.text("crumbs.home"), urls::HOME)
}

/// The template, context and twin of `planned`; `base` holds `site`.
pub fn prepare(
    views: &Views,
    base: &Context,
    planned: &PlannedPage,
) -> Result<Prepared, Diagnostic> {
    match planned.kind {
        PageKind::Home => finish(views, base, planned, home::view(views)),
        PageKind::Services => finish(views, base, planned, catalogue::view(views)),
        PageKind::ServicesAz => finish(views, base, planned, services_az::view(views)),
        PageKind::Service(i) => finish(views, base, planned, service::view(views, i)),
        PageKind::NewsList(n) => finish(views, base, planned, news_list::view(views, n)),
        PageKind::News(i) => finish(views, base, planned, news::view(views, i)),
        PageKind::Governance => finish(views, base, planned, governance::view(views)),
        PageKind::Body(i) => finish(views, base, planned, body::view(views, i)),
        PageKind::Person(i) => finish(views, base, planned, person::view(views, i)),
        PageKind::Topics => finish(views, base, planned, topics::view(views)),
        PageKind::Topic(i) => finish(views, base, planned, topic::view(views, i)),
        PageKind::Search => finish(views, base, planned, search::view(views)),
        PageKind::Progress => finish(views, base, planned, progress::view(views)),
        PageKind::Page(i) => finish(views, base, planned, page::view(views, i)),
        PageKind::NotFound => finish(views, base, planned, not_found::view(views)),
        PageKind::List(key, n) => finish(views, base, planned, list::view(views, key, n)),
    }
}

/// Serialises a page's view into its template context and its twin.
fn finish<T: Serialize>(
    views: &Views,
    base: &Context,
    planned: &PlannedPage,
    page: Page<'_, T>,
) -> Result<Prepared, Diagnostic> {
    let mut trail = page.trail;
    if !trail.is_empty() {
        trail.push(Crumb::to(views, &page.title, &planned.path));
    }
    let json_ld = structured::json_ld(views, planned, &page.title, &page.description, &trail);
    let body_html = page.body.as_ref().map(|b| b.html_at(&views.site.base));
    let view = View {
        content: body_html.as_deref(),
        headings: page.body.as_ref().map_or(&[], |b| &b.outline.headings),
        page: PageMeta {
            title: &page.title,
            description: &page.description,
            path: &planned.path,
            url: views.href(&planned.path),
            permalink: views.site.base.absolute(&planned.path),
            breadcrumbs: &trail,
            is_home: planned.kind == PageKind::Home,
            feed: &page.feed,
            scripts: page.scripts,
        },
        data: &page.data,
    };
    let bug = |e: &dyn std::fmt::Display| {
        Diagnostic::error(format!(
            "the view of {} cannot be serialised: {e}",
            planned.path
        ))
        .with_help("this is a bug in portal; please report it with the page's source file")
    };
    let mut context = Context::from_serialize(&view).map_err(|e| bug(&e))?;
    context.extend(base.clone());
    context.insert("nav", &views.navigation(&planned.path) as &Vec<NavLink>);
    context.insert("json_ld", &json_ld);
    context.insert("charts", &page.charts);
    let twin = match urls::twin_file(&planned.path) {
        Some(file) => Some((file, twin_text(&view).map_err(|e| bug(&e))?)),
        None => None,
    };
    Ok(Prepared {
        template: page.template,
        context,
        body_html: body_html.map(Cow::into_owned).unwrap_or_default(),
        twin,
    })
}

/// The JSON twin of a page: its view without what every page shares
/// (`site`, `nav`) and without markup made for browsers only (`json_ld`,
/// `charts`): front matter, resolved references, the rendered body as
/// HTML, breadcrumbs. Other portals and scripts read a page without
/// scraping it; GOV.UK offers the same for every page. Its top-level keys
/// are sorted, so the file does not change with the order of fields.
fn twin_text<T: Serialize>(view: &View<'_, T>) -> Result<String, serde_json::Error> {
    let mut value = serde_json::to_value(view)?;
    if let Some(object) = value.as_object_mut() {
        object.sort_keys();
    }
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}
