//! `/404.html`: shown for every address the site does not have.

use crate::render::views::Views;
use serde::Serialize;

use super::Page;

/// The 404 page has no data of its own.
#[derive(Serialize)]
pub struct NotFound {}

pub fn view<'a>(views: &Views<'a>) -> Page<'a, NotFound> {
    Page::new(
        "404.html",
        views.text("pages.not_found.title"),
        views.text("pages.not_found.description"),
        Vec::new(),
        NotFound {},
    )
}
