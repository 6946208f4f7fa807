//! `/themen/`: every topic.

use serde::Serialize;

use super::{home_crumb, Page};
use crate::render::views::{TopicCard, Views};

/// The topics page's own data.
#[derive(Serialize)]
pub struct Topics<'a> {
    topics: Vec<TopicCard<'a>>,
}

pub fn view<'a>(views: &Views<'a>) -> Page<'a, Topics<'a>> {
    Page::new(
        "topics.html",
        views.text("pages.topics.title"),
        views.text("pages.topics.description"),
        vec![home_crumb(views)],
        Topics {
            topics: views.all_topic_cards(),
        },
    )
}
