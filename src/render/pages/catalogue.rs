//! `/leistungen/`: the catalogue, a few services per topic with links to
//! the rest, the figures and the open data.

use serde::Serialize;

use super::{home_crumb, Page};
use crate::render::deps::{Input, SiteList};
use crate::render::views::{ServiceCard, TopicCard, Views};
use crate::resolve::{Progress, SERVICES_SHOWN};
use crate::urls;

/// Services shown per topic on the catalogue page at most: as many as the
/// topic's own page shows before linking the rest. Keeps the catalogue
/// readable, and its size bounded, at any number of services (a state's
/// 6,000 or the national catalogue's 8,500 would otherwise make one page
/// of megabytes).
const PER_TOPIC: usize = SERVICES_SHOWN;

/// Service cards the catalogue shows in all: with many topics, fewer per
/// topic, so that the page stays bounded by this, not by the topics.
const CARDS: usize = 144;

/// Fewer cards per topic than this are not worth a section each: the
/// catalogue then only lists the topics, each linking its own page.
const FEWEST_PER_TOPIC: usize = 3;

/// The catalogue's own data.
#[derive(Serialize)]
pub struct Catalogue<'a> {
    az_url: String,
    /// Whether the catalogue only lists the topics (too many for sections).
    compact: bool,
    by_topic: Vec<TopicGroup<'a>>,
    progress: &'a Progress,
}

/// The first services of a topic.
#[derive(Serialize)]
struct TopicGroup<'a> {
    topic: TopicCard<'a>,
    services: Vec<ServiceCard<'a>>,
    /// Whether the topic has more services than shown.
    more: bool,
}

pub fn view<'a>(views: &Views<'a>) -> Page<'a, Catalogue<'a>> {
    let site = views.site;
    let ix = &site.index;
    views.read(Input::List(SiteList::Services));
    views.read(Input::List(SiteList::Topics));
    views.read(Input::Progress);
    // Which topics have services decides the sections: a topic that gains
    // its first service (in an edition: its first translated one) must
    // render the page again, so every topic's count is read.
    for topic in &site.topics {
        views.read(Input::Excerpt(
            crate::resolve::Relation::TopicServices,
            topic.slug.clone(),
            0,
            0,
        ));
    }
    let with_services = (0..site.topics.len())
        .filter(|&i| !ix.topic_services[i].is_empty())
        .count();
    let mut per_topic = (CARDS / with_services.max(1)).min(PER_TOPIC);
    let compact = per_topic < FEWEST_PER_TOPIC;
    if compact {
        per_topic = 0;
    }
    let by_topic = (0..site.topics.len())
        .filter(|&i| !ix.topic_services[i].is_empty())
        .map(|i| {
            let all = &ix.topic_services[i];
            let shown = &all[..all.len().min(per_topic)];
            TopicGroup {
                topic: views.topic_card(i),
                services: views.service_cards(shown),
                more: all.len() > shown.len(),
            }
        })
        .collect();
    Page::new(
        "services.html",
        views.text("pages.services.title"),
        site.text(
            "pages.services.description",
            &[("n", &site.services_shown().to_string())],
        ),
        vec![home_crumb(views)],
        Catalogue {
            az_url: views.href(urls::SERVICES_AZ),
            compact,
            by_topic,
            progress: &site.progress,
        },
    )
}
