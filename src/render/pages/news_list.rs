//! `/aktuelles/` and `/aktuelles/seite/N/`: the news, newest first, paged.

use serde::Serialize;

use super::lists::Pager;
use super::{home_crumb, Crumb, Page};
use crate::render::deps::{Input, SiteList};
use crate::render::views::{NewsCard, Views};
use crate::resolve::news_pages;
use crate::urls;

/// A page of the news list.
#[derive(Serialize)]
pub struct NewsList<'a> {
    news: Vec<NewsCard<'a>>,
    pager: Pager,
}

pub fn view<'a>(views: &Views<'a>, number: usize) -> Page<'a, NewsList<'a>> {
    let site = views.site;
    views.read(Input::List(SiteList::NewsPage(number)));
    let per_page = site.config.news_per_page.max(1);
    let total = news_pages(site);
    let items: Vec<usize> = (0..site.news.len())
        .skip((number - 1) * per_page)
        .take(per_page)
        .collect();
    let title = if number == 1 {
        views.text("pages.news.title").to_owned()
    } else {
        views.site.text(
            "lists.page_of",
            &[
                ("title", views.text("pages.news.title")),
                ("number", &number.to_string()),
                ("total", &total.to_string()),
            ],
        )
    };
    let mut trail = vec![home_crumb(views)];
    if number > 1 {
        trail.push(Crumb::to(views, views.text("pages.news.title"), urls::NEWS));
    }
    Page::new(
        "news_list.html",
        title,
        views.text("pages.news.description"),
        trail,
        NewsList {
            news: views.news_cards(&items),
            pager: Pager::new(number, total, |n| views.href(&urls::news_list(n))),
        },
    )
}
