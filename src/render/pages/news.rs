//! `/aktuelles/<year>/<slug>/`: one article, with its neighbours.

use serde::Serialize;

use super::{home_crumb, Crumb, Page};
use crate::model::ContentKind;
use crate::render::deps::Relation;
use crate::render::views::{ArticleView, NewsCard, Views};
use crate::urls;

/// A news page's own data.
#[derive(Serialize)]
pub struct NewsPage<'a> {
    article: ArticleView<'a>,
    newer: Option<NewsCard<'a>>,
    older: Option<NewsCard<'a>>,
}

pub fn view<'a>(views: &Views<'a>, i: usize) -> Page<'a, NewsPage<'a>> {
    let site = views.site;
    let d = &site.news[i];
    views.read_relation(Relation::NewsNeighbours, &d.slug);
    views.read_text(ContentKind::News, &d.slug);
    let mut page = Page::new(
        "news.html",
        d.front.title.clone(),
        d.front.summary.clone(),
        vec![
            home_crumb(views),
            Crumb::to(views, views.text("pages.news.title"), urls::NEWS),
        ],
        NewsPage {
            article: views.article(d),
            newer: (i > 0).then(|| views.news_card(i - 1)),
            older: (i + 1 < site.news.len()).then(|| views.news_card(i + 1)),
        },
    );
    page.body = Some(d.parsed_body());
    page
}
