//! `/leistungen/<slug>/`: one service.

use serde::Serialize;

use super::{home_crumb, Crumb, Page};
use crate::markdown;
use crate::model::ContentKind;
use crate::render::deps::Relation;
use crate::render::views::{NewsCard, ServiceView, Views};
use crate::urls;

/// A service page's own data.
#[derive(Serialize)]
pub struct ServicePage<'a> {
    service: ServiceView<'a>,
    news: Vec<NewsCard<'a>>,
}

pub fn view<'a>(views: &Views<'a>, i: usize) -> Page<ServicePage<'a>> {
    let site = views.site;
    let d = &site.services[i];
    views.read_relation(Relation::ServiceNews, &d.slug);
    views.read_text(ContentKind::Service, &d.slug);
    let mut page = Page::new(
        "service.html",
        d.front.title.clone(),
        d.front.summary.clone(),
        vec![
            home_crumb(views),
            Crumb::to(views, "Leistungen", urls::SERVICES),
        ],
        ServicePage {
            service: views.service(d),
            news: views.news_cards(&site.index.service_news[i]),
        },
    );
    page.body = Some(markdown::render(d.body(), &site.base));
    page
}
