//! `/404.html`: shown for every address the site does not have.

use serde::Serialize;

use super::Page;

/// The 404 page has no data of its own.
#[derive(Serialize)]
pub struct NotFound {}

pub fn view() -> Page<'static, NotFound> {
    Page::new(
        "404.html",
        "Seite nicht gefunden",
        "Diese Seite gibt es nicht oder nicht mehr.",
        Vec::new(),
        NotFound {},
    )
}
