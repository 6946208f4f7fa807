//! `/steuerung/<slug>/`: a body with its roles, services and news.

use serde::Serialize;

use super::{home_crumb, Crumb, FeedLink, Page};
use crate::model::ContentKind;
use crate::render::deps::Relation;
use crate::render::views::{BodyView, ListLink, NewsCard, RoleView, ServiceCard, Views};
use crate::resolve::ListKey;
use crate::urls;

/// A body page's own data.
#[derive(Serialize)]
pub struct BodyPage<'a> {
    body: BodyView<'a>,
    roles: Vec<RoleView<'a>>,
    services: Vec<ServiceCard<'a>>,
    /// The body's list of services, when it has more than shown.
    services_more: Option<ListLink>,
    news: Vec<NewsCard<'a>>,
    /// The body's list of news, when it has more than shown.
    news_more: Option<ListLink>,
}

pub fn view<'a>(views: &Views<'a>, i: usize) -> Page<'a, BodyPage<'a>> {
    let site = views.site;
    let ix = &site.index;
    let d = &site.bodies[i];
    views.read_relation(Relation::BodyRoles, &d.slug);
    let (services, services_more) = views.shown_services(ListKey::BodyServices(i));
    let (news, news_more) = views.shown_news(ListKey::BodyNews(i));
    views.read_text(ContentKind::Body, &d.slug);
    let mut trail = vec![
        home_crumb(views),
        Crumb::to(
            views,
            views.text("pages.governance.title"),
            urls::GOVERNANCE,
        ),
    ];
    let mut ancestors = Vec::new();
    let mut up = ix.body_parent[i];
    while let Some(p) = up {
        let parent = &site.bodies[p];
        views.read_document(ContentKind::Body, &parent.slug);
        ancestors.push(Crumb::to(
            views,
            &parent.front.name,
            &urls::body(&parent.slug),
        ));
        up = ix.body_parent[p];
    }
    trail.extend(ancestors.into_iter().rev());
    let roles = ix.body_roles[i]
        .iter()
        .map(|&(p, r)| views.role(p, &site.people[p].front.roles[r]))
        .collect();
    let mut page = Page::new(
        "body.html",
        d.front.name.clone(),
        d.body.first_paragraph.clone(),
        trail,
        BodyPage {
            body: views.body(i),
            roles,
            services,
            services_more,
            news,
            news_more,
        },
    );
    page.feed = Some(FeedLink {
        title: format!("{} – Nachrichten: {}", site.config.title, d.front.name),
        url: views.href(&urls::body_feed(&d.slug)),
    });
    page.body = Some(d.parsed_body());
    page
}
