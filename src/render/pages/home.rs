//! `/`: the home page, with the newest news, the topics and the figures.

use serde::Serialize;

use super::Page;
use crate::model::{ContentKind, Example};
use crate::render::deps::{Input, SiteList};
use crate::render::views::{NewsCard, TopicCard, Views};
use crate::resolve::Progress;

/// Articles the home page shows.
pub const LATEST_NEWS: usize = 3;

/// The home page's own data.
#[derive(Serialize)]
pub struct Home<'a> {
    latest_news: Vec<NewsCard<'a>>,
    topics: Vec<TopicCard<'a>>,
    progress: &'a Progress,
    intro_summary: Option<&'a str>,
    intro_example: Option<&'a Example>,
}

pub fn view<'a>(views: &Views<'a>) -> Page<'a, Home<'a>> {
    let site = views.site;
    views.read_document(ContentKind::Home, "");
    views.read(Input::List(SiteList::LatestNews));
    views.read(Input::Progress);
    views.read_text(ContentKind::Home, "");
    let intro = site.home.as_ref();
    let latest: Vec<usize> = (0..site.news.len().min(LATEST_NEWS)).collect();
    let title = intro.map_or(site.config.title.clone(), |h| h.front.title.clone());
    let description = intro
        .and_then(|h| h.front.summary.clone())
        .unwrap_or_else(|| site.config.description.clone());
    let mut page = Page::new(
        "home.html",
        title,
        description,
        Vec::new(),
        Home {
            latest_news: views.news_cards(&latest),
            topics: views.all_topic_cards(),
            progress: &site.progress,
            intro_summary: intro.and_then(|h| h.front.summary.as_deref()),
            intro_example: intro.map(|h| &h.front.example),
        },
    );
    page.body = intro.map(|h| h.parsed_body());
    page
}
