//! `/leistungen/<slug>/`: one service.

use serde::Serialize;

use super::{home_crumb, Crumb, Page};
use crate::model::ContentKind;
use crate::render::views::{ListLink, NewsCard, ServiceView, Views};
use crate::resolve::ListKey;
use crate::urls;

/// A service page's own data.
#[derive(Serialize)]
pub struct ServicePage<'a> {
    service: ServiceView<'a>,
    news: Vec<NewsCard<'a>>,
    /// The service's list of news, when there are more than shown.
    news_more: Option<ListLink>,
}

pub fn view<'a>(views: &Views<'a>, i: usize) -> Page<'a, ServicePage<'a>> {
    let site = views.site;
    let d = &site.services[i];
    let (news, news_more) = views.shown_news(ListKey::ServiceNews(i));
    views.read_text(ContentKind::Service, &d.slug);
    let mut page = Page::new(
        "service.html",
        d.front.title.clone(),
        d.front.summary.clone(),
        vec![
            home_crumb(views),
            Crumb::to(views, views.text("pages.services.title"), urls::SERVICES),
        ],
        ServicePage {
            service: views.service(d),
            news,
            news_more,
        },
    );
    page.body = Some(d.parsed_body());
    page
}
