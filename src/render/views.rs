//! What templates receive: small, serialisable views of the site model.
//! `docs/templates.md` documents every field; keep the two in step.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{
    AccessibilityStatement, Barrier, BarrierReason, Body, Contact, Document, Enforcement, Example,
    Imprint, LaunchDate, LegalKind, News, Page, Person, Role, Service,
};
use crate::resolve::ListKey;
use crate::resolve::Site;
use crate::urls;
use crate::urls::policy::{self, Address, Use};

/// The id of the section of the catalogue page that lists the open data;
/// the footer of every page links to it.
pub const OPEN_DATA_SECTION: &str = "_offene-daten";

use super::deps::{Input, Reads, Relation, SiteList};
use crate::model::ContentKind;

/// A link to a service, with what lists show of it.
#[derive(Debug, Serialize)]
pub struct ServiceCard<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub status: &'static str,
    pub status_label: &'a str,
    pub focus: bool,
    pub efa: bool,
    pub online_url: Option<&'a str>,
    /// Which of its values are demonstration data.
    pub example: &'a Example,
    /// The language of its page when not the page's own (see
    /// [`Views::lang_of`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
}

/// A link to a news article, with its date and teaser.
#[derive(Debug, Serialize)]
pub struct NewsCard<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub date: String,
    pub summary: &'a str,
    pub url: String,
    /// Which of its values are demonstration data.
    pub example: &'a Example,
    /// A draft, shown only in builds with `--drafts` (with a mark).
    pub draft: bool,
    /// The language of its page when not the page's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
}

/// A link to a body.
#[derive(Debug, Serialize)]
pub struct BodyRef<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub short: Option<&'a str>,
    pub url: String,
    /// Which of its values are demonstration data.
    pub example: &'a Example,
    /// The language of its page when not the page's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
}

/// A link to a person.
#[derive(Debug, Serialize)]
pub struct PersonRef<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub url: String,
    /// Which of its values are demonstration data.
    pub example: &'a Example,
    /// The language of its page when not the page's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
}

/// A link to a topic, with its description and counts.
#[derive(Debug, Serialize)]
pub struct TopicCard<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub url: String,
    pub service_count: usize,
    pub news_count: usize,
}

/// A link from an owner page to the list's own pages, when it shows
/// only the first entries.
#[derive(Debug, Serialize)]
pub struct ListLink {
    pub url: String,
    /// Entries in all.
    pub count: usize,
    /// The list's heading.
    pub title: String,
}

/// A service online, with the day it went online.
#[derive(Debug, Serialize)]
pub struct LaunchRow<'a> {
    pub service: ServiceCard<'a>,
    pub date: String,
    /// Whether the day is the last check, not `available_since`.
    pub checked: bool,
}

/// A role as shown on body and person pages.
#[derive(Debug, Serialize)]
pub struct RoleView<'a> {
    pub title: &'a str,
    pub from: String,
    pub to: Option<String>,
    pub current: bool,
    pub chair: bool,
    pub body: Option<BodyRef<'a>>,
    pub person: PersonRef<'a>,
}

/// Builds views from one resolved site, noting every input it reads (see
/// [`super::deps`]): build one `Views` per page.
pub struct Views<'a> {
    pub site: &'a Site,
    reads: Reads,
}

impl<'a> Views<'a> {
    /// Views of `site` for one page.
    pub fn new(site: &'a Site) -> Self {
        Views {
            site,
            reads: Reads::default(),
        }
    }

    /// Notes that the page read `input`.
    pub fn read(&self, input: Input) {
        self.reads.read(input);
    }

    /// Notes that the page read the document `slug` of `kind`.
    pub fn read_document(&self, kind: ContentKind, slug: &str) {
        self.reads.read(Input::Document(kind, slug.to_owned()));
    }

    /// Notes that the page read the card of a document: what lists show of
    /// it, so that an edit of another field does not render the lists again.
    pub fn read_card(&self, kind: ContentKind, slug: &str) {
        self.reads.read(Input::Card(kind, slug.to_owned()));
    }

    /// Notes that the page read the Markdown text of a document.
    pub fn read_text(&self, kind: ContentKind, slug: &str) {
        self.reads.read(Input::Text(kind, slug.to_owned()));
    }

    /// Notes that the page read a relation of the index.
    pub fn read_relation(&self, relation: Relation, key: &str) {
        self.reads.read(Input::Relation(relation, key.to_owned()));
    }

    /// Everything the page read.
    pub fn into_inputs(self) -> Vec<Input> {
        self.reads.into_inputs()
    }

    /// The address of `site_path` as a link on this page: in an edition,
    /// the edition's version when it publishes one (`/en/leistungen/x/`),
    /// else the original's.
    pub fn href(&self, site_path: &str) -> String {
        match &self.site.edition {
            Some(e) if e.publishes(site_path) => {
                self.site.base.href(&format!("{}{site_path}", e.prefix))
            }
            _ => self.site.base.href(site_path),
        }
    }

    /// The language of the page a link to `site_path` leads to, when it is
    /// not the page's own: in an edition, the original's language for a
    /// document the edition does not translate. Templates mark such links
    /// (`hreflang`, `lang` and a visible name of the language).
    pub fn lang_of(&self, site_path: &str) -> Option<&'a str> {
        let edition = self.site.edition.as_deref()?;
        (!edition.publishes(site_path)).then_some(edition.original.as_str())
    }

    /// The theme's text of `key` in the site's language (see
    /// [`crate::i18n`]); every key the code asks for is in
    /// `CODE_KEYS` in `render/templates.rs`, checked before rendering.
    pub fn text(&self, key: &str) -> &'a str {
        self.site.strings.plain(key).unwrap_or_default()
    }

    /// The theme's name of a value (`status.pilot` → "Pilotbetrieb"): the
    /// text of `group.<value as written in front matter>`.
    pub fn value_label(&self, group: &str, value: impl serde::Serialize) -> &'a str {
        let key = match serde_json::to_value(value) {
            Ok(serde_json::Value::String(name)) => name,
            _ => return "",
        };
        self.text(&format!("{group}.{key}"))
    }

    pub fn service_card(&self, i: usize) -> ServiceCard<'a> {
        let d = &self.site.services[i];
        self.read_card(ContentKind::Service, &d.slug);
        ServiceCard {
            slug: &d.slug,
            title: &d.front.title,
            summary: &d.front.summary,
            url: self.href(&urls::service(&d.slug)),
            lang: self.lang_of(&urls::service(&d.slug)),
            status: d.front.status.key(),
            status_label: self.value_label("status", d.front.status),
            focus: d.front.focus,
            efa: d.front.efa,
            online_url: d.front.online_url.as_deref(),
            example: &d.front.example,
        }
    }

    pub fn service_cards(&self, items: &[usize]) -> Vec<ServiceCard<'a>> {
        items.iter().map(|&i| self.service_card(i)).collect()
    }

    pub fn news_path(d: &Document<News>) -> String {
        urls::news(d.front.date.year(), &d.slug)
    }

    pub fn news_card(&self, i: usize) -> NewsCard<'a> {
        let d = &self.site.news[i];
        self.read_card(ContentKind::News, &d.slug);
        NewsCard {
            slug: &d.slug,
            title: &d.front.title,
            date: d.front.date.to_string(),
            summary: &d.front.summary,
            url: self.href(&Self::news_path(d)),
            lang: self.lang_of(&Self::news_path(d)),
            example: &d.front.example,
            draft: d.front.draft,
        }
    }

    pub fn news_cards(&self, items: &[usize]) -> Vec<NewsCard<'a>> {
        items.iter().map(|&i| self.news_card(i)).collect()
    }

    pub fn body_ref(&self, i: usize) -> BodyRef<'a> {
        let d = &self.site.bodies[i];
        self.read_card(ContentKind::Body, &d.slug);
        BodyRef {
            slug: &d.slug,
            name: &d.front.name,
            short: d.front.short.as_deref(),
            url: self.href(&urls::body(&d.slug)),
            lang: self.lang_of(&urls::body(&d.slug)),
            example: &d.front.example,
        }
    }

    pub(super) fn body_by_slug(&self, slug: &str) -> Option<BodyRef<'a>> {
        // Read even when missing: the page changes when it appears.
        self.read_card(ContentKind::Body, slug);
        self.site.index.body.get(slug).map(|&i| self.body_ref(i))
    }

    pub fn person_ref(&self, i: usize) -> PersonRef<'a> {
        let d = &self.site.people[i];
        self.read_card(ContentKind::Person, &d.slug);
        PersonRef {
            slug: &d.slug,
            name: &d.front.name,
            url: self.href(&urls::person(&d.slug)),
            lang: self.lang_of(&urls::person(&d.slug)),
            example: &d.front.example,
        }
    }

    pub fn topic_card(&self, i: usize) -> TopicCard<'a> {
        let t = &self.site.topics[i];
        self.read(Input::Topic(t.slug.clone()));
        // The counts only: an excerpt of no entries.
        self.read(Input::Excerpt(
            Relation::TopicServices,
            t.slug.clone(),
            0,
            0,
        ));
        self.read(Input::Excerpt(Relation::TopicNews, t.slug.clone(), 0, 0));
        TopicCard {
            slug: &t.slug,
            title: &t.title,
            description: &t.description,
            url: self.href(&urls::topic(&t.slug)),
            service_count: self.site.index.topic_services[i].len(),
            news_count: self.site.index.topic_news[i].len(),
        }
    }

    /// The entries of `key` its owner page shows, and a link to the list's
    /// own pages when there are more.
    pub fn shown(&self, key: ListKey) -> (&'a [usize], Option<ListLink>) {
        let site = self.site;
        let (relation, slug) = key.relation(site);
        self.read(Input::Excerpt(relation, slug, 0, key.shown()));
        let link = (key.pages(site) > 0).then(|| ListLink {
            url: self.href(&key.path(site, 1)),
            count: key.items(site).len(),
            title: key.title(site),
        });
        (key.first(site), link)
    }

    /// The first services of `key` and the link to the rest.
    pub fn shown_services(&self, key: ListKey) -> (Vec<ServiceCard<'a>>, Option<ListLink>) {
        let (items, link) = self.shown(key);
        (self.service_cards(items), link)
    }

    /// The newest news of `key` and the link to the rest.
    pub fn shown_news(&self, key: ListKey) -> (Vec<NewsCard<'a>>, Option<ListLink>) {
        let (items, link) = self.shown(key);
        (self.news_cards(items), link)
    }

    /// A service online with its launch day (see [`Service::launch`]).
    pub fn launch_row(&self, i: usize) -> Option<LaunchRow<'a>> {
        let service = self.service_card(i);
        let (date, kind) = self.site.services[i].front.launch()?;
        Some(LaunchRow {
            service,
            date: date.to_string(),
            checked: kind == LaunchDate::Checked,
        })
    }

    /// Every topic, in the order of topics.yaml.
    pub fn all_topic_cards(&self) -> Vec<TopicCard<'a>> {
        self.read(Input::List(SiteList::Topics));
        (0..self.site.topics.len())
            .map(|i| self.topic_card(i))
            .collect()
    }

    fn topic_cards(&self, slugs: &[String]) -> Vec<TopicCard<'a>> {
        for slug in slugs {
            self.read(Input::Topic(slug.clone()));
        }
        slugs
            .iter()
            .filter_map(|s| self.site.index.topic.get(s))
            .map(|&i| self.topic_card(i))
            .collect()
    }

    pub fn role(&self, person: usize, role: &'a Role) -> RoleView<'a> {
        // The role's own fields are the person's front matter, not its card.
        self.read_document(ContentKind::Person, &self.site.people[person].slug);
        RoleView {
            title: &role.title,
            from: role.from.to_string(),
            to: role.to.map(|d| d.to_string()),
            current: role.to.is_none(),
            chair: role.chair,
            body: self.body_by_slug(&role.body),
            person: self.person_ref(person),
        }
    }

    /// The site as every template sees it, without `assets` (the theme's
    /// files, added by [`super::base_context`]).
    pub fn site(&self) -> SiteView<'a> {
        self.read(Input::Site);
        let s = self.site;
        let c = &s.config;
        let legal: Vec<LegalLink<'a>> = LegalKind::ALL
            .iter()
            .filter_map(|kind| {
                let page = &s.pages[*s.legal.get(kind)?];
                Some(LegalLink {
                    kind: kind.key(),
                    label: self.text(&format!("legal_kind.{}", kind.key())),
                    title: &page.front.title,
                    url: self.href(&urls::page(&page.slug)),
                })
            })
            .collect();
        let legal_by_kind = legal.iter().map(|l| (l.kind, l.clone())).collect();
        // The resolve stage refused an invalid contact; never link one.
        let contact_href = policy::check_contact(&c.accessibility_contact).unwrap_or_default();
        SiteView {
            title: &c.title,
            description: &c.description,
            language: &c.language,
            base_url: s.base.absolute("/"),
            root: s.base.path(),
            home_url: self.href(urls::HOME),
            feed_url: self.href(urls::FEED),
            search_url: self.site.search.then(|| self.href(urls::SEARCH)),
            publisher: PublisherView {
                name: &c.publisher.name,
                body: c
                    .publisher
                    .body
                    .as_deref()
                    .and_then(|b| self.body_by_slug(b)),
            },
            contact: &c.contact,
            accessibility_contact: &c.accessibility_contact,
            accessibility_contact_is_email: contact_href.starts_with("mailto:"),
            accessibility_contact_href: contact_href,
            example_notice: c.example_notice.as_deref(),
            example: &c.example,
            data: self.open_data(),
            legal,
            legal_by_kind,
            assets: BTreeMap::new(),
        }
    }

    /// The open data under `/daten/`: where the files are, and the
    /// licence they are published under (`None` when site.yaml names none).
    fn open_data(&self) -> OpenDataView<'a> {
        let s = self.site;
        let licence = s.config.data_licence.as_ref().map(|l| {
            // A licence on the site itself is a site path: link it like one.
            let url = match policy::check(&l.url, Use::Link) {
                Ok(Address::SitePath(path)) => self.href(path),
                _ => l.url.clone(),
            };
            LicenceView {
                id: &l.id,
                name: &l.name,
                url,
            }
        });
        OpenDataView {
            url: format!("{}#{}", self.href(urls::SERVICES), OPEN_DATA_SECTION),
            section_id: OPEN_DATA_SECTION,
            services_json: self.href(urls::DATA_SERVICES_JSON),
            services_csv: self.href(urls::DATA_SERVICES_CSV),
            services_schema: self.href(urls::DATA_SERVICES_SCHEMA),
            governance_json: self.href(urls::DATA_GOVERNANCE_JSON),
            governance_schema: self.href(urls::DATA_GOVERNANCE_SCHEMA),
            catalog: self.href(urls::DATA_CATALOG),
            licence,
        }
    }

    /// The main menu, marking the entry of the current page or section.
    pub fn navigation(&self, path: &str) -> Vec<NavLink<'a>> {
        self.site
            .config
            .navigation
            .iter()
            .map(|item| {
                let local = item.url.starts_with('/') && !item.url.starts_with("//");
                let current = if !local {
                    ""
                } else if item.url == path {
                    "page"
                } else if item.url != "/" && path.starts_with(&item.url) {
                    "section"
                } else {
                    ""
                };
                NavLink {
                    title: &item.title,
                    url: if local {
                        self.href(&item.url)
                    } else {
                        item.url.clone()
                    },
                    current,
                }
            })
            .collect()
    }

    /// The service with every field, labels and resolved links.
    pub fn service(&self, d: &'a Document<Service>) -> ServiceView<'a> {
        self.read_document(ContentKind::Service, &d.slug);
        let s = &d.front;
        ServiceView {
            front: s,
            slug: &d.slug,
            url: self.href(&urls::service(&d.slug)),
            status_label: self.value_label("status", s.status),
            usable_online: s.status.is_usable_online() && s.online_url.is_some(),
            audience_labels: s
                .audience
                .iter()
                .map(|a| self.value_label("audience", a))
                .collect(),
            coverage_label: s.coverage.map(|c| self.value_label("coverage", c)),
            responsible: self.body_by_slug(&s.responsible),
            topics: self.topic_cards(&s.topics),
            source: d.record().map(|r| SourceNote {
                name: &r.source.name,
                stand: r.stand,
                url: r.source_url.as_deref(),
            }),
        }
    }

    /// A free page; a legal page's fields come with the labels of the
    /// EU model statement, barriers grouped by reason in its order.
    pub fn page(&self, d: &'a Document<Page>) -> PageView<'a> {
        self.read_document(ContentKind::Page, &d.slug);
        let p = &d.front;
        let accessibility = p.accessibility.as_ref().map(|a| AccessibilityView {
            statement: a,
            conformity_label: self.value_label("conformity", a.conformity),
            standard_labels: a
                .standards
                .iter()
                .map(|s| self.value_label("standard", s))
                .collect(),
            method_label: self.value_label("assessment", a.method),
            barriers_by_reason: BarrierReason::ALL
                .iter()
                .filter_map(|&reason| {
                    let items: Vec<&Barrier> =
                        a.barriers.iter().filter(|b| b.reason == reason).collect();
                    (!items.is_empty()).then(|| BarrierGroup {
                        reason: reason.key(),
                        label: self.text(&format!("barrier_reason.{}", reason.key())),
                        items,
                    })
                })
                .collect(),
            enforcement: EnforcementView {
                enforcement: &a.enforcement,
                phone_href: a.enforcement.phone.as_deref().map(policy::tel_href),
            },
        });
        let imprint = p.imprint.as_ref().map(|i| ImprintView {
            imprint: i,
            phone_href: policy::tel_href(&i.phone),
        });
        PageView {
            front: p,
            accessibility,
            imprint,
        }
    }

    /// A news article with resolved links.
    pub fn article(&self, d: &'a Document<News>) -> ArticleView<'a> {
        self.read_document(ContentKind::News, &d.slug);
        let n = &d.front;
        let ix = &self.site.index;
        for slug in &n.services {
            self.read_document(ContentKind::Service, slug);
        }
        for slug in &n.people {
            self.read_document(ContentKind::Person, slug);
        }
        ArticleView {
            front: n,
            slug: &d.slug,
            url: self.href(&Self::news_path(d)),
            topics: self.topic_cards(&n.topics),
            services: n
                .services
                .iter()
                .filter_map(|s| ix.service.get(s))
                .map(|&i| self.service_card(i))
                .collect(),
            bodies: n
                .bodies
                .iter()
                .filter_map(|s| self.body_by_slug(s))
                .collect(),
            people: n
                .people
                .iter()
                .filter_map(|s| ix.person.get(s))
                .map(|&i| self.person_ref(i))
                .collect(),
        }
    }

    /// A body with its place in the tree.
    pub fn body(&self, i: usize) -> BodyView<'a> {
        let d = &self.site.bodies[i];
        self.read_document(ContentKind::Body, &d.slug);
        self.read_relation(Relation::BodyChildren, &d.slug);
        // The parent as resolved (a cycle leaves it out).
        self.read(Input::List(SiteList::BodyTree));
        let b = &d.front;
        let ix = &self.site.index;
        BodyView {
            front: b,
            slug: &d.slug,
            url: self.href(&urls::body(&d.slug)),
            kind_label: self.value_label("body_kind", b.kind),
            level_label: self.value_label("level", b.level),
            parent: ix.body_parent[i].map(|p| self.body_ref(p)),
            children: ix.body_children[i]
                .iter()
                .map(|&c| self.body_ref(c))
                .collect(),
            topics: self.topic_cards(&b.topics),
        }
    }

    /// The governance tree below `roots`, `depth` levels deep: a body at
    /// the last level names how many children it has instead of showing
    /// them (its own page lists them).
    pub fn tree(&self, roots: &[usize], depth: usize) -> Vec<TreeNode<'a>> {
        self.read(Input::List(SiteList::BodyTree));
        roots
            .iter()
            .map(|&i| {
                let d = &self.site.bodies[i];
                self.read_relation(Relation::BodyRoles, &d.slug);
                self.read_relation(Relation::BodyChildren, &d.slug);
                self.read_text(ContentKind::Body, &d.slug);
                let chairs: Vec<PersonRef> = self.site.index.body_roles[i]
                    .iter()
                    .filter(|(p, r)| {
                        let person = &self.site.people[*p];
                        self.read_document(ContentKind::Person, &person.slug);
                        let role = &person.front.roles[*r];
                        role.chair && role.to.is_none()
                    })
                    .map(|(p, _)| self.person_ref(*p))
                    .collect();
                let children = &self.site.index.body_children[i];
                let (shown, hidden_children) = match depth {
                    0 => (Vec::new(), children.len()),
                    _ => (self.tree(children, depth - 1), 0),
                };
                TreeNode {
                    body: self.body_ref(i),
                    kind_label: self.value_label("body_kind", d.front.kind),
                    level_label: self.value_label("level", d.front.level),
                    summary: d.body.first_paragraph.clone(),
                    chairs,
                    children: shown,
                    hidden_children,
                }
            })
            .collect()
    }

    /// A person's roles, newest first.
    pub fn person_roles(&self, i: usize) -> Vec<RoleView<'a>> {
        let d: &'a Document<Person> = &self.site.people[i];
        self.read_document(ContentKind::Person, &d.slug);
        let mut roles: Vec<&Role> = d.front.roles.iter().collect();
        roles.sort_by_key(|r| std::cmp::Reverse(r.from.latest()));
        roles.into_iter().map(|r| self.role(i, r)).collect()
    }
}

/// What every page's template receives as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub base_url: String,
    pub root: &'a str,
    pub home_url: String,
    pub feed_url: String,
    pub search_url: Option<String>,
    pub publisher: PublisherView<'a>,
    pub contact: &'a Contact,
    pub accessibility_contact: &'a str,
    pub accessibility_contact_is_email: bool,
    pub accessibility_contact_href: String,
    pub example_notice: Option<&'a str>,
    pub example: &'a Example,
    pub data: OpenDataView<'a>,
    pub legal: Vec<LegalLink<'a>>,
    pub legal_by_kind: BTreeMap<&'static str, LegalLink<'a>>,
    /// The address of each of the theme's static files by its path below
    /// `static/` (fingerprinted names for CSS and JS).
    pub assets: BTreeMap<String, String>,
}

/// Who publishes the site, with its body when site.yaml names one.
#[derive(Debug, Serialize)]
pub struct PublisherView<'a> {
    pub name: &'a str,
    pub body: Option<BodyRef<'a>>,
}

/// A link to one of the legal pages every footer shows.
#[derive(Debug, Clone, Serialize)]
pub struct LegalLink<'a> {
    pub kind: &'static str,
    pub label: &'a str,
    pub title: &'a str,
    pub url: String,
}

/// Where the open data is and under which licence.
#[derive(Debug, Serialize)]
pub struct OpenDataView<'a> {
    pub url: String,
    pub section_id: &'static str,
    pub services_json: String,
    pub services_csv: String,
    pub services_schema: String,
    pub governance_json: String,
    pub governance_schema: String,
    pub catalog: String,
    pub licence: Option<LicenceView<'a>>,
}

/// The open data's licence.
#[derive(Debug, Serialize)]
pub struct LicenceView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
}

/// An entry of the main menu; `current` is `page`, `section` or empty.
#[derive(Debug, Serialize)]
pub struct NavLink<'a> {
    pub title: &'a str,
    pub url: String,
    pub current: &'static str,
}

// The page views below are a document's front matter with labels and
// resolved references added. A reference replaces the field of the same
// name (a slug becomes a card): serialised into a JSON value, as templates
// and twins receive it, the later field takes the earlier one's place.

/// A service page's `service`.
#[derive(Debug, Serialize)]
pub struct ServiceView<'a> {
    #[serde(flatten)]
    pub front: &'a Service,
    pub slug: &'a str,
    pub url: String,
    pub status_label: &'a str,
    pub usable_online: bool,
    pub audience_labels: Vec<&'a str>,
    pub coverage_label: Option<&'a str>,
    pub responsible: Option<BodyRef<'a>>,
    pub topics: Vec<TopicCard<'a>>,
    /// Where the service's text comes from, for a service imported from a
    /// data source ("Quelle: …, Stand: …").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceNote<'a>>,
}

/// The data source a service's text comes from.
#[derive(Debug, Serialize)]
pub struct SourceNote<'a> {
    /// The source's name from site.yaml.
    pub name: &'a str,
    /// When the catalogue last changed the service.
    pub stand: Option<crate::date::Date>,
    /// The service's page on the catalogue's own portal.
    pub url: Option<&'a str>,
}

/// A free or legal page's `document`.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    #[serde(flatten)]
    pub front: &'a Page,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<AccessibilityView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imprint: Option<ImprintView<'a>>,
}

/// The accessibility statement with the EU model's labels.
#[derive(Debug, Serialize)]
pub struct AccessibilityView<'a> {
    #[serde(flatten)]
    pub statement: &'a AccessibilityStatement,
    pub conformity_label: &'a str,
    pub standard_labels: Vec<&'a str>,
    pub method_label: &'a str,
    pub barriers_by_reason: Vec<BarrierGroup<'a>>,
    pub enforcement: EnforcementView<'a>,
}

/// The barriers of one reason.
#[derive(Debug, Serialize)]
pub struct BarrierGroup<'a> {
    pub reason: &'static str,
    pub label: &'a str,
    pub items: Vec<&'a Barrier>,
}

/// The enforcement procedure with a dialable phone link.
#[derive(Debug, Serialize)]
pub struct EnforcementView<'a> {
    #[serde(flatten)]
    pub enforcement: &'a Enforcement,
    pub phone_href: Option<String>,
}

/// The Impressum with a dialable phone link.
#[derive(Debug, Serialize)]
pub struct ImprintView<'a> {
    #[serde(flatten)]
    pub imprint: &'a Imprint,
    pub phone_href: String,
}

/// A news page's `article`.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub front: &'a News,
    pub slug: &'a str,
    pub url: String,
    pub topics: Vec<TopicCard<'a>>,
    pub services: Vec<ServiceCard<'a>>,
    pub bodies: Vec<BodyRef<'a>>,
    pub people: Vec<PersonRef<'a>>,
}

/// A body page's `body`.
#[derive(Debug, Serialize)]
pub struct BodyView<'a> {
    #[serde(flatten)]
    pub front: &'a Body,
    pub slug: &'a str,
    pub url: String,
    pub kind_label: &'a str,
    pub level_label: &'a str,
    pub parent: Option<BodyRef<'a>>,
    pub children: Vec<BodyRef<'a>>,
    pub topics: Vec<TopicCard<'a>>,
}

/// A body in the governance tree, with its chairs and children.
#[derive(Debug, Serialize)]
pub struct TreeNode<'a> {
    pub body: BodyRef<'a>,
    pub kind_label: &'a str,
    pub level_label: &'a str,
    pub summary: String,
    pub chairs: Vec<PersonRef<'a>>,
    pub children: Vec<TreeNode<'a>>,
    /// Children not shown (the tree is cut at a depth); the body's page
    /// lists them.
    pub hidden_children: usize,
}
