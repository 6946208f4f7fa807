//! `/suche/`: the search page, the only one that runs script.

use serde::Serialize;

use super::{home_crumb, Page};
use crate::render::views::Views;
use crate::urls;

/// The search page's own data.
#[derive(Serialize)]
pub struct Search {
    az_url: String,
    search_index: String,
}

pub fn view(views: &Views) -> Page<'static, Search> {
    let mut page = Page::new(
        "search.html",
        views.text("pages.search.title"),
        views.text("pages.search.description"),
        vec![home_crumb(views)],
        Search {
            az_url: views.href(urls::SERVICES_AZ),
            search_index: views.href(&format!("/{}/", crate::search::INDEX_DIR)),
        },
    );
    page.scripts = true;
    page
}
