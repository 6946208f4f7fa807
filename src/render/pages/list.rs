//! The own pages of a paged list (see [`crate::resolve::ListKey`]): a
//! topic's services, a body's news, the services of a letter or status, the
//! people; one template for all of them.

use serde::Serialize;

use super::lists::Pager;
use super::{home_crumb, Crumb, Page};
use crate::model::ContentKind;
use crate::render::deps::Input;
use crate::render::views::{LaunchRow, NewsCard, PersonRef, ServiceCard, Views};
use crate::resolve::{Entries, ListKey};
use crate::urls;

/// A page of a list.
#[derive(Serialize)]
pub struct ListPage<'a> {
    list: ListView<'a>,
    pager: Pager,
}

/// The list on one of its pages: one of the entry lists is filled.
#[derive(Serialize)]
struct ListView<'a> {
    /// The list's heading (without the page number).
    title: String,
    /// Entries in all.
    count: usize,
    /// `services`, `news`, `people` or `launches`: which list is filled.
    entries: &'static str,
    services: Vec<ServiceCard<'a>>,
    news: Vec<NewsCard<'a>>,
    people: Vec<PersonRef<'a>>,
    launches: Vec<LaunchRow<'a>>,
    /// The page the list belongs to, which shows its first entries.
    owner: Crumb,
}

/// The page that shows the first entries of `key`, read as the page reads it.
fn owner(views: &Views, key: ListKey) -> Crumb {
    let site = views.site;
    match key {
        ListKey::Letter(_) => Crumb::to(
            views,
            views.text("pages.services_az.title"),
            urls::SERVICES_AZ,
        ),
        ListKey::TopicServices(t) | ListKey::TopicNews(t) => {
            let topic = &site.topics[t];
            views.read(Input::Topic(topic.slug.clone()));
            Crumb::to(views, &topic.title, &urls::topic(&topic.slug))
        }
        ListKey::BodyServices(b) | ListKey::BodyNews(b) => {
            let body = &site.bodies[b];
            views.read_document(ContentKind::Body, &body.slug);
            Crumb::to(views, &body.front.name, &urls::body(&body.slug))
        }
        ListKey::PersonNews(p) => {
            let person = &site.people[p];
            views.read_document(ContentKind::Person, &person.slug);
            Crumb::to(views, &person.front.name, &urls::person(&person.slug))
        }
        ListKey::ServiceNews(s) => {
            let service = &site.services[s];
            views.read_document(ContentKind::Service, &service.slug);
            Crumb::to(views, &service.front.title, &urls::service(&service.slug))
        }
        ListKey::Status(_) | ListKey::Focus | ListKey::Online => {
            Crumb::to(views, views.text("pages.progress.title"), urls::PROGRESS)
        }
        ListKey::People => Crumb::to(
            views,
            views.text("pages.governance.title"),
            urls::GOVERNANCE,
        ),
    }
}

/// The crumbs above the owner.
fn section(views: &Views, key: ListKey) -> Option<Crumb> {
    match key {
        ListKey::Letter(_) | ListKey::ServiceNews(_) => Some(Crumb::to(
            views,
            views.text("pages.services.title"),
            urls::SERVICES,
        )),
        ListKey::TopicServices(_) | ListKey::TopicNews(_) => Some(Crumb::to(
            views,
            views.text("pages.topics.title"),
            urls::TOPICS,
        )),
        ListKey::BodyServices(_) | ListKey::BodyNews(_) | ListKey::PersonNews(_) => {
            Some(Crumb::to(
                views,
                views.text("pages.governance.title"),
                urls::GOVERNANCE,
            ))
        }
        ListKey::Status(_) | ListKey::Focus | ListKey::Online | ListKey::People => None,
    }
}

pub fn view<'a>(views: &Views<'a>, key: ListKey, number: usize) -> Page<'a, ListPage<'a>> {
    let site = views.site;
    let per_page = site.config.list_per_page.max(1);
    let (relation, slug) = key.relation(site);
    views.read(Input::Excerpt(
        relation,
        slug,
        (number - 1) * per_page,
        per_page,
    ));
    let items = key.page(site, number);
    let total = key.pages(site);
    let title = key.title(site);
    let owner = owner(views, key);
    let mut trail = vec![home_crumb(views)];
    trail.extend(section(views, key));
    trail.push(owner.clone());
    let mut list = ListView {
        title: title.clone(),
        count: key.items(site).len(),
        entries: "services",
        services: Vec::new(),
        news: Vec::new(),
        people: Vec::new(),
        launches: Vec::new(),
        owner,
    };
    match (key, key.entries()) {
        (ListKey::Online, _) => {
            list.entries = "launches";
            list.launches = items.iter().filter_map(|&i| views.launch_row(i)).collect();
        }
        (_, Entries::Services) => list.services = views.service_cards(items),
        (_, Entries::News) => {
            list.entries = "news";
            list.news = views.news_cards(items);
        }
        (_, Entries::People) => {
            list.entries = "people";
            list.people = items.iter().map(|&p| views.person_ref(p)).collect();
        }
        (_, Entries::Bodies) => {}
    }
    let (number_text, total_text) = (number.to_string(), total.to_string());
    let page_title = if number == 1 {
        title
    } else {
        site.text(
            "lists.page_of",
            &[
                ("title", &title),
                ("number", &number_text),
                ("total", &total_text),
            ],
        )
    };
    let description = site.text(
        "lists.description",
        &[
            ("n", &list.count.to_string()),
            ("number", &number_text),
            ("total", &total_text),
        ],
    );
    Page::new(
        "list.html",
        page_title,
        description,
        trail,
        ListPage {
            list,
            pager: Pager::new(number, total, |n| views.href(&key.path(site, n))),
        },
    )
}
