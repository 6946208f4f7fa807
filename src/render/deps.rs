//! What each page is made of: the inputs a page read while its context was
//! built, and their fingerprints. This is the dependency graph of the live
//! preview: after an edit, a page is rendered again exactly when one of its
//! inputs has a new fingerprint.
//!
//! Inputs are named by stable keys (slugs, not positions), so adding a file
//! does not shift every key. Reads are recorded where they happen, in the
//! view builders, so a new template variable cannot silently escape the
//! graph; a property test compares incremental output with full builds.

use std::cell::RefCell;
use std::collections::BTreeSet;

use crate::hashing;
use crate::model::ContentKind;
pub use crate::resolve::Relation;
use crate::resolve::{news_pages, Entries, Site};

/// A list across the whole site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SiteList {
    /// Every service, in catalogue order.
    Services,
    /// Every topic, in the order of topics.yaml.
    Topics,
    /// Every person, in order.
    People,
    /// The governance tree: every body with its parent.
    BodyTree,
    /// The newest articles the home page shows.
    LatestNews,
    /// The letters of the A–Z list, with how many services each has.
    Letters,
    /// The articles on one page of the news list, and the number of pages.
    NewsPage(usize),
}

/// One thing a page can depend on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// What every page shows of the site: site.yaml, menu, footer.
    Site,
    /// The template a page is rendered with, and what it includes.
    Template(&'static str),
    /// A document's front matter.
    Document(ContentKind, String),
    /// A document's card: what lists and references show of it (a
    /// service card, a news card, a body or person reference).
    Card(ContentKind, String),
    /// A document's Markdown text.
    Text(ContentKind, String),
    /// A topic of topics.yaml.
    Topic(String),
    /// A relation of the index, whole.
    Relation(Relation, String),
    /// A part of a relation of the index: the entries from a position
    /// (`start`, `len`), and how many there are in all. What one page of a
    /// paged list shows, or the first entries an owner page shows.
    Excerpt(Relation, String, usize, usize),
    /// A list across the site.
    List(SiteList),
    /// The dashboard's figures.
    Progress,
    /// Which languages have a version of the page at this site path
    /// (without prefix): its language switch and `hreflang` links.
    Versions(String),
    /// Which documents the edition translates, and their translations:
    /// what decides its lists and where its links lead.
    Translated,
    /// An input of a page of the edition at this position (see
    /// [`crate::resolve::Edition`]), read from that edition.
    Edition(usize, Box<Input>),
}

/// Collects the inputs of the page being built.
#[derive(Debug, Default)]
pub struct Reads(RefCell<BTreeSet<Input>>);

impl Reads {
    /// Notes that the page read `input`.
    pub fn read(&self, input: Input) {
        self.0.borrow_mut().insert(input);
    }

    /// Everything read, in a stable order.
    pub fn into_inputs(self) -> Vec<Input> {
        self.0.into_inner().into_iter().collect()
    }
}

/// Slugs of `items`, for fingerprints of lists.
fn slugs_of<'a>(site: &'a Site, items: &[usize], entries: Entries) -> Vec<&'a str> {
    items
        .iter()
        .map(|&i| match entries {
            Entries::Services => site.services[i].slug.as_str(),
            Entries::News => site.news[i].slug.as_str(),
            Entries::People => site.people[i].slug.as_str(),
            Entries::Bodies => site.bodies[i].slug.as_str(),
        })
        .collect()
}

/// The fingerprints of a document's front matter and body, taken when it
/// was parsed.
fn document(site: &Site, kind: ContentKind, slug: &str) -> Option<(u64, u64)> {
    let ix = &site.index;
    match kind {
        ContentKind::Service => ix.service.get(slug).map(|&i| site.services[i].prints),
        ContentKind::News => ix.news.get(slug).map(|&i| site.news[i].prints),
        ContentKind::Body => ix.body.get(slug).map(|&i| site.bodies[i].prints),
        ContentKind::Person => ix.person.get(slug).map(|&i| site.people[i].prints),
        ContentKind::Page => ix.page.get(slug).map(|&i| site.pages[i].prints),
        ContentKind::Home => site.home.as_ref().map(|h| h.prints),
    }
}

/// The fingerprint of a document's card: the fields the card builders of
/// [`Views`](super::views::Views) read (`service_card`, `news_card`,
/// `body_ref`, `person_ref`; the address follows from the slug, the news
/// year from the date, the base from [`Input::Site`]). Hashed directly, not
/// through the card: every rebuild compares thousands of cards. A field
/// added to a card belongs here too; the incremental-equals-full test
/// finds one that is missing once an edit changes it.
fn card(site: &Site, kind: ContentKind, slug: &str) -> Option<u64> {
    let ix = &site.index;
    Some(match kind {
        ContentKind::Service => {
            let s = &site.services[*ix.service.get(slug)?].front;
            hashing::fingerprint((
                slug,
                &s.title,
                &s.summary,
                s.status,
                s.focus,
                s.efa,
                &s.online_url,
                &s.example,
            ))
        }
        ContentKind::News => {
            let n = &site.news[*ix.news.get(slug)?].front;
            hashing::fingerprint((slug, &n.title, n.date, &n.summary, &n.example, n.draft))
        }
        ContentKind::Body => {
            let b = &site.bodies[*ix.body.get(slug)?].front;
            hashing::fingerprint((slug, &b.name, &b.short, &b.example))
        }
        ContentKind::Person => {
            let p = &site.people[*ix.person.get(slug)?].front;
            hashing::fingerprint((slug, &p.name, &p.example))
        }
        ContentKind::Page | ContentKind::Home => return None,
    })
}

/// The fingerprint of `input` in `site`: equal fingerprints mean the page
/// would read the same. `site_views` are the serialised `site` of every page
/// of the site in its own language, then of each edition
/// and `template` the fingerprint of a template with what it includes.
pub fn fingerprint(
    site: &Site,
    site_views: &[u64],
    template: impl Fn(&str) -> u64 + Copy,
    input: &Input,
) -> u64 {
    let site_view = site_views.first().copied().unwrap_or_default();
    let ix = &site.index;
    let news = |i: usize| site.news[i].slug.as_str();
    let body = |i: usize| site.bodies[i].slug.as_str();
    let person = |i: usize| site.people[i].slug.as_str();
    match input {
        Input::Site => site_view,
        Input::Template(name) => template(name),
        Input::Document(kind, slug) => {
            hashing::fingerprint(document(site, *kind, slug).map(|p| p.0))
        }
        Input::Text(kind, slug) => hashing::fingerprint(document(site, *kind, slug).map(|p| p.1)),
        Input::Card(kind, slug) => hashing::fingerprint(card(site, *kind, slug)),
        Input::Topic(slug) => hashing::fingerprint(ix.topic.get(slug).map(|&i| {
            let t = &site.topics[i];
            (&t.slug, &t.title, &t.description)
        })),
        Input::Relation(relation, key) => match relation {
            // Which role of the person, too: a role moving between bodies
            // changes the list even when the people stay.
            Relation::BodyRoles => hashing::fingerprint(ix.body.get(key).map(|&i| {
                ix.body_roles[i]
                    .iter()
                    .map(|&(p, r)| (person(p), r))
                    .collect::<Vec<_>>()
            })),
            Relation::NewsNeighbours => hashing::fingerprint(ix.news.get(key).map(|&i| {
                let before = i.checked_sub(1).map(news).unwrap_or_default();
                let after = site
                    .news
                    .get(i + 1)
                    .map(|d| d.slug.as_str())
                    .unwrap_or_default();
                [before, after]
            })),
            _ => hashing::fingerprint(
                site.related(*relation, key)
                    .map(|(items, entries)| slugs_of(site, items, entries)),
            ),
        },
        Input::Excerpt(relation, key, start, len) => {
            hashing::fingerprint(site.related(*relation, key).map(|(items, entries)| {
                let window = &items[(*start).min(items.len())..(start + len).min(items.len())];
                let per_page = site.config.list_per_page;
                (slugs_of(site, window, entries), items.len(), per_page)
            }))
        }
        Input::List(list) => match list {
            SiteList::Services => {
                hashing::fingerprint(site.services.iter().map(|d| &d.slug).collect::<Vec<_>>())
            }
            SiteList::Topics => {
                hashing::fingerprint(site.topics.iter().map(|t| &t.slug).collect::<Vec<_>>())
            }
            SiteList::People => {
                hashing::fingerprint(site.people.iter().map(|d| &d.slug).collect::<Vec<_>>())
            }
            SiteList::BodyTree => hashing::fingerprint(
                (0..site.bodies.len())
                    .map(|i| (body(i), ix.body_parent[i].map(body)))
                    .collect::<Vec<_>>(),
            ),
            SiteList::Letters => hashing::fingerprint(
                ix.letters
                    .iter()
                    .map(|(letter, items)| (letter, items.len()))
                    .collect::<Vec<_>>(),
            ),
            SiteList::LatestNews => hashing::fingerprint(
                site.news
                    .iter()
                    .take(super::pages::home::LATEST_NEWS)
                    .map(|d| &d.slug)
                    .collect::<Vec<_>>(),
            ),
            SiteList::NewsPage(number) => {
                let per_page = site.config.news_per_page.max(1);
                let on_page: Vec<&str> = site
                    .news
                    .iter()
                    .skip((number.saturating_sub(1)) * per_page)
                    .take(per_page)
                    .map(|d| d.slug.as_str())
                    .collect();
                hashing::fingerprint((on_page, news_pages(site)))
            }
        },
        Input::Progress => {
            hashing::fingerprint(serde_json::to_string(&site.progress).unwrap_or_default())
        }
        // The switch names every language, with a link or a statement.
        Input::Versions(path) => hashing::fingerprint((
            site.editions.iter().map(Site::code).collect::<Vec<_>>(),
            site.versions(path)
                .iter()
                .map(|s| s.code())
                .collect::<Vec<_>>(),
        )),
        Input::Translated => hashing::fingerprint(site.edition.as_ref().map(|e| e.print)),
        Input::Edition(i, inner) => match site.editions.get(*i) {
            Some(edition) => fingerprint(
                edition,
                site_views.get(i + 1..).unwrap_or_default(),
                template,
                inner,
            ),
            None => hashing::fingerprint(None::<u64>),
        },
    }
}

/// The page that shows `input` as its own subject: a document's page, a
/// topic's page. After an edit the editor looks at it, so the preview
/// renders it before the lists and references the edit also changed.
pub fn owner_page(site: &Site, input: &Input) -> Option<String> {
    use crate::urls;
    match input {
        Input::Edition(i, inner) => {
            let edition = site.editions.get(*i)?;
            let prefix = &edition.edition.as_ref()?.prefix;
            owner_page(edition, inner).map(|path| format!("{prefix}{path}"))
        }
        Input::Document(kind, slug) | Input::Card(kind, slug) | Input::Text(kind, slug) => {
            match kind {
                ContentKind::Service => Some(urls::service(slug)),
                ContentKind::News => {
                    let i = *site.index.news.get(slug)?;
                    Some(urls::news(site.news[i].front.date.year(), slug))
                }
                ContentKind::Body => Some(urls::body(slug)),
                ContentKind::Person => Some(urls::person(slug)),
                ContentKind::Page => Some(urls::page(slug)),
                ContentKind::Home => Some(urls::HOME.to_owned()),
            }
        }
        Input::Topic(slug) => Some(urls::topic(slug)),
        _ => None,
    }
}
