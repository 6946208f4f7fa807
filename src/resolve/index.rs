//! Lookups by slug and the relations between documents, built once so that
//! every page finds what lists or mentions it without scanning the site.

use crate::hashing::Map;
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
    pub topic: Map<String, usize>,
    /// Service position by slug.
    pub service: Map<String, usize>,
    /// News position by slug.
    pub news: Map<String, usize>,
    /// Body position by slug.
    pub body: Map<String, usize>,
    /// Person position by slug.
    pub person: Map<String, usize>,
    /// Page position by path.
    pub page: Map<String, usize>,
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

fn positions<'a>(slugs: impl ExactSizeIterator<Item = &'a str>) -> Map<String, usize> {
    let mut map = Map::with_capacity_and_hasher(slugs.len(), Default::default());
    for (i, slug) in slugs.enumerate() {
        // The first one wins; duplicates are reported by the checks.
        map.entry(slug.to_owned()).or_insert(i);
    }
    map
}

/// Appends `item` to the lists of every slug that resolves in `lookup`.
fn file_under(
    lists: &mut [Vec<usize>],
    lookup: &Map<String, usize>,
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
    /// Keeps in the lists of documents (a topic's services, a body's news,
    /// the A–Z letters, the list of people) only the entries `service`,
    /// `news`, `body` and `person` accept; positions and the governance
    /// tree stay whole. An edition in another language lists only what it
    /// translates (see `editions`).
    pub fn keep_only(
        &mut self,
        service: impl Fn(usize) -> bool,
        news: impl Fn(usize) -> bool,
        body: impl Fn(usize) -> bool,
        person: impl Fn(usize) -> bool,
    ) {
        let keep = |lists: &mut Vec<Vec<usize>>, accept: &dyn Fn(usize) -> bool| {
            for list in lists.iter_mut() {
                list.retain(|&i| accept(i));
            }
        };
        keep(&mut self.topic_services, &service);
        keep(&mut self.body_services, &service);
        keep(&mut self.status_services, &service);
        keep(&mut self.topic_news, &news);
        keep(&mut self.body_news, &news);
        keep(&mut self.person_news, &news);
        keep(&mut self.service_news, &news);
        keep(&mut self.topic_bodies, &body);
        self.focus_services.retain(|&i| service(i));
        self.launches.retain(|&i| service(i));
        self.people.retain(|&i| person(i));
        for (_, letter) in &mut self.letters {
            letter.retain(|&i| service(i));
        }
        self.letters.retain(|(_, letter)| !letter.is_empty());
    }

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
        // Positions first, then the relations of each kind of document on
        // their own threads: at 10,000 documents this is memory-bound
        // (every slug is a pointer to follow), and two cores follow twice
        // as many.
        let ((topic, service), (news_ix, (body, (person, page)))) = rayon::join(
            || {
                rayon::join(
                    || positions(topics.iter().map(|t| t.slug.as_str())),
                    || positions(services.iter().map(|d| d.slug.as_str())),
                )
            },
            || {
                rayon::join(
                    || positions(news.iter().map(|d| d.slug.as_str())),
                    || {
                        (
                            positions(bodies.iter().map(|d| d.slug.as_str())),
                            (
                                positions(people.iter().map(|d| d.slug.as_str())),
                                positions(pages.iter().map(|d| d.slug.as_str())),
                            ),
                        )
                    },
                )
            },
        );
        let mut ix = Index {
            topic,
            service,
            news: news_ix,
            body,
            person,
            page,
            people: (0..people.len()).collect(),
            ..Index::default()
        };
        let ((of_services, launches), (of_news, of_bodies)) = rayon::join(
            || {
                rayon::join(
                    || ServiceRelations::build(&ix, topics.len(), bodies.len(), services),
                    || launches(services),
                )
            },
            || {
                rayon::join(
                    || {
                        NewsRelations::build(
                            &ix,
                            topics.len(),
                            bodies.len(),
                            people.len(),
                            services.len(),
                            news,
                        )
                    },
                    || {
                        let mut topic_bodies = vec![Vec::new(); topics.len()];
                        let mut parents = vec![None; bodies.len()];
                        for (i, b) in bodies.iter().enumerate() {
                            file_under(&mut topic_bodies, &ix.topic, &b.front.topics, i);
                            parents[i] = b
                                .front
                                .parent
                                .as_ref()
                                .and_then(|p| ix.body.get(p).copied());
                        }
                        (topic_bodies, parents)
                    },
                )
            },
        );
        ix.letters = of_services.letters;
        ix.status_services = of_services.status;
        ix.focus_services = of_services.focus;
        ix.topic_services = of_services.topics;
        ix.body_services = of_services.bodies;
        ix.launches = launches;
        ix.topic_news = of_news.topics;
        ix.body_news = of_news.bodies;
        ix.person_news = of_news.people;
        ix.service_news = of_news.services;
        (ix.topic_bodies, ix.body_parent) = of_bodies;
        ix.body_children = vec![Vec::new(); bodies.len()];
        ix.body_roles = vec![Vec::new(); bodies.len()];
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

/// The relations of the services: A–Z letters, status and focus lists,
/// services per topic and per responsible body.
struct ServiceRelations {
    letters: Vec<(String, Vec<usize>)>,
    status: Vec<Vec<usize>>,
    focus: Vec<usize>,
    topics: Vec<Vec<usize>>,
    bodies: Vec<Vec<usize>>,
}

impl ServiceRelations {
    fn build(
        ix: &Index,
        topics: usize,
        bodies: usize,
        services: &[Arc<Document<Service>>],
    ) -> Self {
        let mut of = ServiceRelations {
            letters: Vec::new(),
            status: vec![Vec::new(); Status::ALL.len()],
            focus: Vec::new(),
            topics: vec![Vec::new(); topics],
            bodies: vec![Vec::new(); bodies],
        };
        for (i, s) in services.iter().enumerate() {
            let letter = text::initial(&s.front.title);
            match of.letters.last_mut() {
                Some((last, items)) if *last == letter => items.push(i),
                _ => of.letters.push((letter, vec![i])),
            }
            of.status[s.front.status.position()].push(i);
            if s.front.focus {
                of.focus.push(i);
            }
            file_under(&mut of.topics, &ix.topic, &s.front.topics, i);
            file_under(
                &mut of.bodies,
                &ix.body,
                std::slice::from_ref(&s.front.responsible),
                i,
            );
        }
        of
    }
}

/// Services with a launch day, oldest first, then by title.
fn launches(services: &[Arc<Document<Service>>]) -> Vec<usize> {
    let mut launches: Vec<(usize, crate::date::Date, &str)> = services
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.front.launch()?.0, s.front.title.as_str())))
        .collect();
    launches.sort_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(b.2)));
    launches.into_iter().map(|(i, _, _)| i).collect()
}

/// The news filed under each topic, body, person and service.
struct NewsRelations {
    topics: Vec<Vec<usize>>,
    bodies: Vec<Vec<usize>>,
    people: Vec<Vec<usize>>,
    services: Vec<Vec<usize>>,
}

impl NewsRelations {
    fn build(
        ix: &Index,
        topics: usize,
        bodies: usize,
        people: usize,
        services: usize,
        news: &[Arc<Document<News>>],
    ) -> Self {
        let mut of = NewsRelations {
            topics: vec![Vec::new(); topics],
            bodies: vec![Vec::new(); bodies],
            people: vec![Vec::new(); people],
            services: vec![Vec::new(); services],
        };
        for (i, n) in news.iter().enumerate() {
            file_under(&mut of.topics, &ix.topic, &n.front.topics, i);
            file_under(&mut of.bodies, &ix.body, &n.front.bodies, i);
            file_under(&mut of.people, &ix.person, &n.front.people, i);
            file_under(&mut of.services, &ix.service, &n.front.services, i);
        }
        of
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
