//! `/personen/<slug>/`: a person with their roles and news.

use serde::Serialize;

use super::{home_crumb, Crumb, Page};
use crate::model::ContentKind;
use crate::render::charts;
use crate::render::views::{ListLink, NewsCard, PersonRef, RoleView, Views};
use crate::resolve::ListKey;
use crate::urls;

/// A person page's own data.
#[derive(Serialize)]
pub struct PersonPage<'a> {
    person: PersonRef<'a>,
    roles: Vec<RoleView<'a>>,
    news: Vec<NewsCard<'a>>,
    /// The person's list of news, when there are more than shown.
    news_more: Option<ListLink>,
}

pub fn view<'a>(views: &Views<'a>, i: usize) -> Page<'a, PersonPage<'a>> {
    let site = views.site;
    let d = &site.people[i];
    views.read_document(ContentKind::Person, &d.slug);
    let (news, news_more) = views.shown_news(ListKey::PersonNews(i));
    views.read_text(ContentKind::Person, &d.slug);
    let mut page = Page::new(
        "person.html",
        d.front.name.clone(),
        d.body.first_paragraph.clone(),
        vec![
            home_crumb(views),
            Crumb::to(
                views,
                views.text("pages.governance.title"),
                urls::GOVERNANCE,
            ),
        ],
        PersonPage {
            person: views.person_ref(i),
            roles: views.person_roles(i),
            news,
            news_more,
        },
    );
    page.charts
        .insert("role_timeline", charts::role_timeline_for(views, i));
    page.body = Some(d.parsed_body());
    page
}
