//! The pages of the site: every HTML page with its path and what it shows.
//! Rendering, the sitemap and the link checks all take the list from here.

use std::sync::{Arc, OnceLock};

use super::{ListKey, Site};
use crate::urls;

/// Which page a planned page is, with the position of what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `/`.
    Home,
    /// `/leistungen/`.
    Services,
    /// `/leistungen/a-z/`: every service by initial letter.
    ServicesAz,
    /// `/leistungen/<slug>/`: index into `Site::services`.
    Service(usize),
    /// `/aktuelles/` and `/aktuelles/seite/N/`: 1-based page number.
    NewsList(usize),
    /// `/aktuelles/<year>/<slug>/`: index into `Site::news`.
    News(usize),
    /// `/suche/`: the search page.
    Search,
    /// `/steuerung/`.
    Governance,
    /// `/steuerung/<slug>/`: index into `Site::bodies`.
    Body(usize),
    /// `/personen/<slug>/`: index into `Site::people`.
    Person(usize),
    /// `/themen/`.
    Topics,
    /// `/themen/<slug>/`: index into `Site::topics`.
    Topic(usize),
    /// `/fortschritt/`.
    Progress,
    /// A free page: index into `Site::pages`.
    Page(usize),
    /// Page N (1-based) of a list shown on pages of its own.
    List(ListKey, usize),
    /// `/404.html`.
    NotFound,
}

/// A page to render: its site path and what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPage {
    /// Site path, e.g. `/leistungen/wohngeld/`; shared with the document
    /// it shows, which keeps it from one plan to the next.
    pub path: Arc<str>,
    /// What the page shows.
    pub kind: PageKind,
}

/// Number of pages of the news list.
pub fn news_pages(site: &Site) -> usize {
    let per_page = site.config.news_per_page.max(1);
    site.news.len().div_ceil(per_page).max(1)
}

/// Lists every HTML page of the site.
pub fn plan(site: &Site) -> Vec<PlannedPage> {
    let documents = site.services.len() + site.news.len() + site.bodies.len() + site.people.len();
    let mut pages = Vec::with_capacity(documents + site.pages.len() + site.topics.len() + 16);
    let mut add = |path: Arc<str>, kind| pages.push(PlannedPage { path, kind });
    // A document's path is made once per parsed document: the preview
    // plans again after every edit.
    fn kept(path: &OnceLock<Arc<str>>, make: impl FnOnce() -> String) -> Arc<str> {
        Arc::clone(path.get_or_init(|| make().into()))
    }
    add(urls::HOME.into(), PageKind::Home);
    add(urls::SERVICES.into(), PageKind::Services);
    add(urls::SERVICES_AZ.into(), PageKind::ServicesAz);
    for (i, d) in site.services.iter().enumerate() {
        add(
            kept(&d.site_path, || urls::service(&d.slug)),
            PageKind::Service(i),
        );
    }
    for n in 1..=news_pages(site) {
        add(urls::news_list(n).into(), PageKind::NewsList(n));
    }
    for (i, d) in site.news.iter().enumerate() {
        let path = kept(&d.site_path, || urls::news(d.front.date.year(), &d.slug));
        add(path, PageKind::News(i));
    }
    add(urls::GOVERNANCE.into(), PageKind::Governance);
    for (i, d) in site.bodies.iter().enumerate() {
        add(
            kept(&d.site_path, || urls::body(&d.slug)),
            PageKind::Body(i),
        );
    }
    for (i, d) in site.people.iter().enumerate() {
        add(
            kept(&d.site_path, || urls::person(&d.slug)),
            PageKind::Person(i),
        );
    }
    add(urls::TOPICS.into(), PageKind::Topics);
    for (i, t) in site.topics.iter().enumerate() {
        add(urls::topic(&t.slug).into(), PageKind::Topic(i));
    }
    add(urls::PROGRESS.into(), PageKind::Progress);
    if site.search {
        add(urls::SEARCH.into(), PageKind::Search);
    }
    for (i, d) in site.pages.iter().enumerate() {
        add(
            kept(&d.site_path, || urls::page(&d.slug)),
            PageKind::Page(i),
        );
    }
    for (key, count) in ListKey::all(site) {
        for n in 1..=count {
            add(key.path(site, n).into(), PageKind::List(key, n));
        }
    }
    add(urls::NOT_FOUND.into(), PageKind::NotFound);
    pages
}
