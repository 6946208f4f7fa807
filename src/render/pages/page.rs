//! A free page (`pages/<path>.md`), legal pages among them.

use serde::Serialize;

use super::{home_crumb, Crumb, Page};
use crate::model::ContentKind;
use crate::render::views::{PageView, Views};
use crate::urls;

/// A free page's own data.
#[derive(Serialize)]
pub struct FreePage<'a> {
    document: PageView<'a>,
}

pub fn view<'a>(views: &Views<'a>, i: usize) -> Page<'a, FreePage<'a>> {
    let site = views.site;
    let d = &site.pages[i];
    views.read_text(ContentKind::Page, &d.slug);
    let mut trail = vec![home_crumb(views)];
    let segments: Vec<&str> = d.slug.split('/').collect();
    for depth in 1..segments.len() {
        let parent = segments[..depth].join("/");
        views.read_document(ContentKind::Page, &parent);
        if let Some(&p) = site.index.page.get(&parent) {
            trail.push(Crumb::to(
                views,
                &site.pages[p].front.title,
                &urls::page(&parent),
            ));
        }
    }
    let mut page = Page::new(
        "page.html",
        d.front.title.clone(),
        d.front.summary.clone().unwrap_or_default(),
        trail,
        FreePage {
            document: views.page(d),
        },
    );
    page.body = Some(d.parsed_body());
    page
}
