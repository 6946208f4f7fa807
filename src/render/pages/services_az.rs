//! `/leistungen/a-z/`: every service by initial letter; a letter with
//! more services than the page shows links its own pages.

use serde::Serialize;

use super::{home_crumb, Crumb, Page};
use crate::render::deps::{Input, SiteList};
use crate::render::views::{ListLink, ServiceCard, Views};
use crate::resolve::ListKey;
use crate::urls;

/// The A–Z page's own data.
#[derive(Serialize)]
pub struct ServicesAz<'a> {
    letters: Vec<LetterLink>,
    groups: Vec<LetterGroup<'a>>,
}

/// A letter of the index, linked when services start with it.
#[derive(Serialize)]
struct LetterLink {
    letter: String,
    id: String,
    present: bool,
}

/// The first services of one letter.
#[derive(Serialize)]
struct LetterGroup<'a> {
    letter: String,
    id: String,
    services: Vec<ServiceCard<'a>>,
    /// The letter's own pages, when it has more services than shown.
    more: Option<ListLink>,
}

/// The anchor of a letter on this page.
fn id(letter: &str) -> String {
    format!("_{}", crate::resolve::letter_id(letter))
}

pub fn view<'a>(views: &Views<'a>) -> Page<'a, ServicesAz<'a>> {
    let site = views.site;
    let letters = &site.index.letters;
    views.read(Input::List(SiteList::Letters));
    // Digits and other signs come first, as they sort first.
    let extras = letters
        .iter()
        .map(|(l, _)| l.clone())
        .filter(|l| l == "#" || l == "0–9");
    let index = extras
        .chain(('A'..='Z').map(String::from))
        .map(|letter| LetterLink {
            present: letters.iter().any(|(l, _)| *l == letter),
            id: id(&letter),
            letter,
        })
        .collect();
    let groups = letters
        .iter()
        .enumerate()
        .map(|(l, (letter, _))| {
            let (services, more) = views.shown_services(ListKey::Letter(l));
            LetterGroup {
                letter: letter.clone(),
                id: id(letter),
                services,
                more,
            }
        })
        .collect();
    Page::new(
        "services_az.html",
        views.text("pages.services_az.title"),
        site.text(
            "pages.services_az.description",
            &[("n", &site.services_shown().to_string())],
        ),
        vec![
            home_crumb(views),
            Crumb::to(views, views.text("pages.services.title"), urls::SERVICES),
        ],
        ServicesAz {
            letters: index,
            groups,
        },
    )
}
