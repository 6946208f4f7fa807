//! Lookups by slug and the relations between documents, built once so that
//! every page finds what lists or mentions it without scanning the site.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{Body, Document, News, Page, Person, Service, Status, Topic};
use crate::text;

/// A role of a person in a body: (person index, role index).
pub type RoleRef = (usize, usize);

/// A relation of the index, named by the key it belongs to (a slug, a
/// letter of the A–Z list, a status key; empty for the site's own lists):
/// the stable name the live preview records a page's reads under, since
/// positions shift when a file is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// Services filed under a topic.
    TopicServices,
    /// News filed under a topic.
    TopicNews,
    /// Bodies filed under a topic.
    TopicBodies,
    /// News that mention a service.
    ServiceNews,
    /// Services a body is responsible for.
    BodyServices,
    /// News that mention a body.
    BodyNews,
    /// Roles held in a body.
    BodyRoles,
    /// Children of a body.
    BodyChildren,
    /// News that mention a person.
    PersonNews,
    /// The articles before and after a news article.
    NewsNeighbours,
    /// Services of a letter of the A–Z list.
    Letter,
    /// Services of a status (by its key).
    StatusServices,
    /// The focus services.
    FocusServices,
    /// The services with a launch day, oldest first.
    Launches,
    /// Every person.
    People,
}

/// Positions by slug and relations, all as indexes into the [`super::Site`] lists.
#[derive(Debug, Default)]
pub struct Index {
    /// Topic position by slug.
    pub topic: HashMap<String, usize>,
    /// Service position by slug.
    pub service: HashMap<String, usize>,
    /// News position by slug.
    pub news: HashMap<String, usize>,
    /// Body position by slug.
    pub body: HashMap<String, usize>,
    /// Person position by slug.
    pub person: HashMap<String, usize>,
    /// Page position by path.
    pub page: HashMap<String, usize>,
    /// Services per topic.
    pub topic_services: Vec<Vec<usize>>,
    /// News per topic.
    pub topic_news: Vec<Vec<usize>>,
    /// Bodies per topic.
    pub topic_bodies: Vec<Vec<usize>>,
    /// Parent of each body (when it resolves and is not part of a cycle).
    pub body_parent: Vec<Option<usize>>,
    /// Children of each body, by name.
    pub body_children: Vec<Vec<usize>>,
    /// Bodies without parent: the roots of the governance tree.
    pub body_roots: Vec<usize>,
    /// Roles held in each body, newest first.
    pub body_roles: Vec<Vec<RoleRef>>,
    /// Services each body is responsible for.
    pub body_services: Vec<Vec<usize>>,
    /// News mentioning each body.
    pub body_news: Vec<Vec<usize>>,
    /// News mentioning each person.
    pub person_news: Vec<Vec<usize>>,
    /// News mentioning each service.
    pub service_news: Vec<Vec<usize>>,
    /// The services of each initial letter of the A–Z list (see
    /// [`crate::text::initial`]), in catalogue order: services are sorted
    /// by the same key, so each letter is one run of the catalogue.
    pub letters: Vec<(String, Vec<usize>)>,
    /// Services per status, in the order of [`Status::ALL`].
    pub status_services: Vec<Vec<usize>>,
    /// The focus services, in catalogue order.
    pub focus_services: Vec<usize>,
    /// Services with a launch day ([`Service::launch`]), oldest first, then
    /// by title.
    pub launches: Vec<usize>,
    /// Every person, in order (the list of people).
    pub people: Vec<usize>,
}

fn positions<'a>(slugs: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, slug) in slugs.enumerate() {
        // The first one wins; duplicates are reported by the checks.
        map.entry(slug.to_owned()).or_insert(i);
    }
    map
}

/// Appends `item` to the lists of every slug that resolves in `lookup`.
fn file_under(
    lists: &mut [Vec<usize>],
    lookup: &HashMap<String, usize>,
    slugs: &[String],
    item: usize,
) {
    for slug in slugs {
        if let Some(&i) = lookup.get(slug) {
            // Items arrive in increasing order, so a repeated slug can only
            // repeat the last entry: checking it keeps this linear.
            if lists[i].last() != Some(&item) {
                lists[i].push(item);
            }
        }
    }
}

impl Index {
    /// Builds the index; references that do not resolve are skipped here
    /// (the checks report them).
    pub fn build(
        topics: &[Topic],
        services: &[Arc<Document<Service>>],
        news: &[Arc<Document<News>>],
        bodies: &[Arc<Document<Body>>],
        people: &[Arc<Document<Person>>],
        pages: &[Arc<Document<Page>>],
    ) -> Self {
        let mut ix = Index {
            topic: positions(topics.iter().map(|t| t.slug.as_str())),
            service: positions(services.iter().map(|d| d.slug.as_str())),
            news: positions(news.iter().map(|d| d.slug.as_str())),
            body: positions(bodies.iter().map(|d| d.slug.as_str())),
            person: positions(people.iter().map(|d| d.slug.as_str())),
            page: positions(pages.iter().map(|d| d.slug.as_str())),
            topic_services: vec![Vec::new(); topics.len()],
            topic_news: vec![Vec::new(); topics.len()],
            topic_bodies: vec![Vec::new(); topics.len()],
            body_parent: vec![None; bodies.len()],
            body_children: vec![Vec::new(); bodies.len()],
            body_roots: Vec::new(),
            body_roles: vec![Vec::new(); bodies.len()],
            body_services: vec![Vec::new(); bodies.len()],
            body_news: vec![Vec::new(); bodies.len()],
            person_news: vec![Vec::new(); people.len()],
            service_news: vec![Vec::new(); services.len()],
            letters: Vec::new(),
            status_services: vec![Vec::new(); Status::ALL.len()],
            focus_services: Vec::new(),
            launches: Vec::new(),
            people: (0..people.len()).collect(),
        };
        for (i, s) in services.iter().enumerate() {
            let letter = text::initial(&s.front.title);
            match ix.letters.last_mut() {
                Some((last, items)) if *last == letter => items.push(i),
                _ => ix.letters.push((letter, vec![i])),
            }
            ix.status_services[s.front.status.position()].push(i);
            if s.front.focus {
                ix.focus_services.push(i);
            }
            file_under(&mut ix.topic_services, &ix.topic, &s.front.topics, i);
            file_under(
                &mut ix.body_services,
                &ix.body,
                std::slice::from_ref(&s.front.responsible),
                i,
            );
        }
        let mut launches: Vec<(usize, crate::date::Date, &str)> = services
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, s.front.launch()?.0, s.front.title.as_str())))
            .collect();
        launches.sort_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(b.2)));
        ix.launches = launches.into_iter().map(|(i, _, _)| i).collect();
        for (i, n) in news.iter().enumerate() {
            file_under(&mut ix.topic_news, &ix.topic, &n.front.topics, i);
            file_under(&mut ix.body_news, &ix.body, &n.front.bodies, i);
            file_under(&mut ix.person_news, &ix.person, &n.front.people, i);
            file_under(&mut ix.service_news, &ix.service, &n.front.services, i);
        }
        for (i, b) in bodies.iter().enumerate() {
            file_under(&mut ix.topic_bodies, &ix.topic, &b.front.topics, i);
            ix.body_parent[i] = b
                .front
                .parent
                .as_ref()
                .and_then(|p| ix.body.get(p).copied());
        }
        // A body inside a parent cycle gets no parent, so the tree stays a tree.
        for i in 0..bodies.len() {
            if in_cycle(&ix.body_parent, i) {
                ix.body_parent[i] = None;
            }
        }
        for (i, parent) in ix.body_parent.iter().enumerate() {
            match parent {
                Some(p) => ix.body_children[*p].push(i),
                None => ix.body_roots.push(i),
            }
        }
        for (p, person) in people.iter().enumerate() {
            for (r, role) in person.front.roles.iter().enumerate() {
                if let Some(&b) = ix.body.get(&role.body) {
                    ix.body_roles[b].push((p, r));
                }
            }
        }
        for roles in &mut ix.body_roles {
            roles.sort_by(|&(pa, ra), &(pb, rb)| {
                let a = &people[pa].front.roles[ra];
                let b = &people[pb].front.roles[rb];
                b.from.latest().cmp(&a.from.latest())
            });
        }
        ix
    }
}

/// Whether following parents from `start` comes back to `start`.
pub fn in_cycle(parents: &[Option<usize>], start: usize) -> bool {
    let mut current = parents[start];
    for _ in 0..parents.len() {
        match current {
            Some(c) if c == start => return true,
            Some(c) => current = parents[c],
            None => return false,
        }
    }
    false
}
