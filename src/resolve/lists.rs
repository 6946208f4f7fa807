//! The lists the portal shows on pages of their own, a page at a time.
//!
//! Every list has an owner page that shows its first entries (a topic's
//! first services, a body's newest news, the dashboard's first services of
//! each status) and links the rest. The list's own pages exist only when
//! the owner cannot show all of it, and hold [`SiteConfig::list_per_page`]
//! entries each, so no page grows with the site: a topic of 6,000
//! services is 240 pages of 25, not one page of megabytes.
//!
//! [`SiteConfig::list_per_page`]: crate::model::SiteConfig::list_per_page

use super::{Relation, Site};
use crate::model::Status;
use crate::urls;

/// A list shown on pages of its own, by what it lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListKey {
    /// Services starting with a letter: a position in `Index::letters`.
    Letter(usize),
    /// Services filed under a topic.
    TopicServices(usize),
    /// News filed under a topic.
    TopicNews(usize),
    /// Services a body is responsible for.
    BodyServices(usize),
    /// News mentioning a body.
    BodyNews(usize),
    /// News mentioning a person.
    PersonNews(usize),
    /// News mentioning a service.
    ServiceNews(usize),
    /// Services of one status.
    Status(Status),
    /// The focus services.
    Focus,
    /// Services online, oldest first (see `Index::launches`).
    Online,
    /// Every person.
    People,
}

/// What a list's entries are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entries {
    /// Positions in `Site::services`.
    Services,
    /// Positions in `Site::news`.
    News,
    /// Positions in `Site::people`.
    People,
    /// Positions in `Site::bodies`.
    Bodies,
}

/// Entries the owner page shows of a list of services.
pub const SERVICES_SHOWN: usize = 12;
/// Entries the owner page shows of a list of news.
pub const NEWS_SHOWN: usize = 5;
/// Entries the A–Z page shows per letter (one line each).
pub const LETTER_SHOWN: usize = 20;
/// People the governance page shows.
pub const PEOPLE_SHOWN: usize = 20;

impl ListKey {
    /// The entries, in the order the list shows them.
    pub fn items(self, site: &Site) -> &[usize] {
        let ix = &site.index;
        match self {
            ListKey::Letter(l) => &ix.letters[l].1,
            ListKey::TopicServices(t) => &ix.topic_services[t],
            ListKey::TopicNews(t) => &ix.topic_news[t],
            ListKey::BodyServices(b) => &ix.body_services[b],
            ListKey::BodyNews(b) => &ix.body_news[b],
            ListKey::PersonNews(p) => &ix.person_news[p],
            ListKey::ServiceNews(s) => &ix.service_news[s],
            ListKey::Status(status) => &ix.status_services[status.position()],
            ListKey::Focus => &ix.focus_services,
            ListKey::Online => &ix.launches,
            ListKey::People => &ix.people,
        }
    }

    /// What the entries are.
    pub fn entries(self) -> Entries {
        match self {
            ListKey::TopicNews(_)
            | ListKey::BodyNews(_)
            | ListKey::PersonNews(_)
            | ListKey::ServiceNews(_) => Entries::News,
            ListKey::People => Entries::People,
            _ => Entries::Services,
        }
    }

    /// How many entries the owner page shows.
    pub fn shown(self) -> usize {
        match self {
            ListKey::Letter(_) => LETTER_SHOWN,
            ListKey::People => PEOPLE_SHOWN,
            _ if self.entries() == Entries::News => NEWS_SHOWN,
            _ => SERVICES_SHOWN,
        }
    }

    /// The entries the owner page shows.
    pub fn first(self, site: &Site) -> &[usize] {
        let items = self.items(site);
        &items[..items.len().min(self.shown())]
    }

    /// Pages of the list's own: none when the owner shows all of it.
    pub fn pages(self, site: &Site) -> usize {
        let len = self.items(site).len();
        if len <= self.shown() {
            0
        } else {
            len.div_ceil(site.config.list_per_page.max(1))
        }
    }

    /// The entries on page `number` (1-based) of the list's own pages.
    pub fn page(self, site: &Site, number: usize) -> &[usize] {
        let items = self.items(site);
        let per_page = site.config.list_per_page.max(1);
        let start = ((number.max(1) - 1) * per_page).min(items.len());
        &items[start..(start + per_page).min(items.len())]
    }

    /// The site path of page `number` of the list.
    pub fn path(self, site: &Site, number: usize) -> String {
        let ix = &site.index;
        let first = match self {
            ListKey::Letter(l) => format!("{}{}/", urls::SERVICES_AZ, letter_id(&ix.letters[l].0)),
            ListKey::TopicServices(t) => {
                format!("{}leistungen/", urls::topic(&site.topics[t].slug))
            }
            ListKey::TopicNews(t) => format!("{}aktuelles/", urls::topic(&site.topics[t].slug)),
            ListKey::BodyServices(b) => format!("{}leistungen/", urls::body(&site.bodies[b].slug)),
            ListKey::BodyNews(b) => format!("{}aktuelles/", urls::body(&site.bodies[b].slug)),
            ListKey::PersonNews(p) => format!("{}aktuelles/", urls::person(&site.people[p].slug)),
            ListKey::ServiceNews(s) => {
                format!("{}aktuelles/", urls::service(&site.services[s].slug))
            }
            ListKey::Status(status) => {
                format!("{}status/{}/", urls::PROGRESS, status_segment(status))
            }
            ListKey::Focus => format!("{}fokusleistungen/", urls::PROGRESS),
            ListKey::Online => format!("{}online-seit/", urls::PROGRESS),
            ListKey::People => urls::PEOPLE.to_owned(),
        };
        urls::paged(&first, number)
    }

    /// The list's heading, naming what it lists.
    pub fn title(self, site: &Site) -> String {
        let ix = &site.index;
        let named = |key: &str, name: &str| site.text(key, &[("name", name)]);
        match self {
            ListKey::Letter(l) => named("lists.letter", &ix.letters[l].0),
            ListKey::TopicServices(t) => named("lists.topic_services", &site.topics[t].title),
            ListKey::TopicNews(t) => named("lists.topic_news", &site.topics[t].title),
            ListKey::BodyServices(b) => named("lists.body_services", &site.bodies[b].front.name),
            ListKey::BodyNews(b) => named("lists.news_about", &site.bodies[b].front.name),
            ListKey::PersonNews(p) => named("lists.news_about", &site.people[p].front.name),
            ListKey::ServiceNews(s) => named("lists.news_about", &site.services[s].front.title),
            ListKey::Status(status) => named(
                "lists.status",
                &site.text(&format!("status.{}", status.key()), &[]),
            ),
            ListKey::Focus => site.text("lists.focus", &[]),
            ListKey::Online => site.text("lists.online", &[]),
            ListKey::People => site.text("lists.people", &[]),
        }
    }

    /// The relation of the index the list shows, by its stable key (see
    /// [`Relation`]).
    pub fn relation(self, site: &Site) -> (Relation, String) {
        let ix = &site.index;
        match self {
            ListKey::Letter(l) => (Relation::Letter, ix.letters[l].0.clone()),
            ListKey::TopicServices(t) => (Relation::TopicServices, site.topics[t].slug.clone()),
            ListKey::TopicNews(t) => (Relation::TopicNews, site.topics[t].slug.clone()),
            ListKey::BodyServices(b) => (Relation::BodyServices, site.bodies[b].slug.clone()),
            ListKey::BodyNews(b) => (Relation::BodyNews, site.bodies[b].slug.clone()),
            ListKey::PersonNews(p) => (Relation::PersonNews, site.people[p].slug.clone()),
            ListKey::ServiceNews(s) => (Relation::ServiceNews, site.services[s].slug.clone()),
            ListKey::Status(status) => (Relation::StatusServices, status.key().to_owned()),
            ListKey::Focus => (Relation::FocusServices, String::new()),
            ListKey::Online => (Relation::Launches, String::new()),
            ListKey::People => (Relation::People, String::new()),
        }
    }

    /// Every list of `site` that has pages of its own, with their number.
    pub fn all(site: &Site) -> Vec<(ListKey, usize)> {
        let ix = &site.index;
        let keys = (0..ix.letters.len())
            .map(ListKey::Letter)
            .chain((0..site.services.len()).map(ListKey::ServiceNews))
            .chain(
                (0..site.bodies.len())
                    .flat_map(|b| [ListKey::BodyServices(b), ListKey::BodyNews(b)]),
            )
            .chain((0..site.people.len()).map(ListKey::PersonNews))
            .chain([ListKey::People])
            .chain(
                (0..site.topics.len())
                    .flat_map(|t| [ListKey::TopicServices(t), ListKey::TopicNews(t)]),
            )
            .chain(Status::ALL.iter().rev().map(|&s| ListKey::Status(s)))
            .chain([ListKey::Focus, ListKey::Online]);
        keys.map(|key| (key, key.pages(site)))
            .filter(|(_, pages)| *pages > 0)
            .collect()
    }
}

/// The path segment of a letter of the A–Z list: `a`…`z`, `ziffern` for
/// digits, `sonstige` for other signs.
pub fn letter_id(letter: &str) -> String {
    match letter {
        "#" => "sonstige".to_owned(),
        "0–9" => "ziffern".to_owned(),
        letter => letter.to_lowercase(),
    }
}

/// The path segment of a status, from its German label (`in-entwicklung`).
fn status_segment(status: Status) -> String {
    crate::text::slugify(status.label())
}

impl Site {
    /// The entries of `relation` for `key`, and what they are; `None` when
    /// the key names nothing (a deleted topic), and for the relations that
    /// are no list of entries (roles, neighbours).
    pub fn related(&self, relation: Relation, key: &str) -> Option<(&[usize], Entries)> {
        let ix = &self.index;
        let topic = || ix.topic.get(key).copied();
        let body = || ix.body.get(key).copied();
        Some(match relation {
            Relation::TopicServices => (&ix.topic_services[topic()?][..], Entries::Services),
            Relation::TopicNews => (&ix.topic_news[topic()?][..], Entries::News),
            Relation::TopicBodies => (&ix.topic_bodies[topic()?][..], Entries::Bodies),
            Relation::ServiceNews => (&ix.service_news[*ix.service.get(key)?][..], Entries::News),
            Relation::BodyServices => (&ix.body_services[body()?][..], Entries::Services),
            Relation::BodyNews => (&ix.body_news[body()?][..], Entries::News),
            Relation::BodyChildren => (&ix.body_children[body()?][..], Entries::Bodies),
            Relation::PersonNews => (&ix.person_news[*ix.person.get(key)?][..], Entries::News),
            Relation::Letter => {
                let (_, items) = ix.letters.iter().find(|(letter, _)| letter == key)?;
                (&items[..], Entries::Services)
            }
            Relation::StatusServices => {
                let status = Status::ALL.iter().find(|s| s.key() == key)?;
                (
                    &ix.status_services[status.position()][..],
                    Entries::Services,
                )
            }
            Relation::FocusServices => (&ix.focus_services[..], Entries::Services),
            Relation::Launches => (&ix.launches[..], Entries::Services),
            Relation::People => (&ix.people[..], Entries::People),
            Relation::BodyRoles | Relation::NewsNeighbours => return None,
        })
    }
}
