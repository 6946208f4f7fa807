//! `/themen/<slug>/`: a topic's services, news and bodies.

use serde::Serialize;

use super::{home_crumb, Crumb, FeedLink, Page};
use crate::render::deps::Relation;
use crate::render::views::{BodyRef, ListLink, NewsCard, ServiceCard, TopicCard, Views};
use crate::resolve::ListKey;
use crate::urls;

/// A topic page's own data.
#[derive(Serialize)]
pub struct TopicPage<'a> {
    topic: TopicCard<'a>,
    services: Vec<ServiceCard<'a>>,
    /// The topic's list of services, when it has more than shown.
    services_more: Option<ListLink>,
    news: Vec<NewsCard<'a>>,
    /// The topic's list of news, when it has more than shown.
    news_more: Option<ListLink>,
    bodies: Vec<BodyRef<'a>>,
}

pub fn view<'a>(views: &Views<'a>, i: usize) -> Page<'a, TopicPage<'a>> {
    let site = views.site;
    let ix = &site.index;
    let t = &site.topics[i];
    views.read_relation(Relation::TopicBodies, &t.slug);
    let (services, services_more) = views.shown_services(ListKey::TopicServices(i));
    let (news, news_more) = views.shown_news(ListKey::TopicNews(i));
    let mut page = Page::new(
        "topic.html",
        t.title.clone(),
        t.description.clone(),
        vec![
            home_crumb(views),
            Crumb::to(views, views.text("pages.topics.title"), urls::TOPICS),
        ],
        TopicPage {
            topic: views.topic_card(i),
            services,
            services_more,
            news,
            news_more,
            bodies: ix.topic_bodies[i]
                .iter()
                .map(|&b| views.body_ref(b))
                .collect(),
        },
    );
    page.feed = Some(FeedLink {
        title: format!("{} – Nachrichten zum Thema {}", site.config.title, t.title),
        url: views.href(&urls::topic_feed(&t.slug)),
    });
    page
}
