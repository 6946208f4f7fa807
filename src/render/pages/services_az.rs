//! `/leistungen/a-z/`: every service by initial letter.

use serde::Serialize;

use super::{home_crumb, Crumb, Page};
use crate::model::ContentKind;
use crate::render::deps::{Input, SiteList};
use crate::render::views::{ServiceCard, Views};
use crate::text;
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

/// The services of one letter.
#[derive(Serialize)]
struct LetterGroup<'a> {
    letter: String,
    id: String,
    services: Vec<ServiceCard<'a>>,
}

/// The anchor of a letter; digits and other signs get names of their own.
fn id(letter: &str) -> String {
    match letter {
        "#" => "_sonstige".to_owned(),
        "0–9" => "_ziffern".to_owned(),
        letter => format!("_{}", letter.to_lowercase()),
    }
}

pub fn view<'a>(views: &Views<'a>) -> Page<ServicesAz<'a>> {
    let site = views.site;
    views.read(Input::List(SiteList::Services));
    // Services are sorted by the same key, so each letter's services are
    // one run of the catalogue order.
    let mut letters: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, d) in site.services.iter().enumerate() {
        views.read_document(ContentKind::Service, &d.slug);
        let letter = text::initial(&d.front.title);
        match letters.last_mut() {
            Some((last, items)) if *last == letter => items.push(i),
            _ => letters.push((letter, vec![i])),
        }
    }
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
        .map(|(letter, items)| LetterGroup {
            letter: letter.clone(),
            id: id(letter),
            services: views.service_cards(items),
        })
        .collect();
    Page::new(
        "services_az.html",
        "Leistungen von A bis Z",
        format!("Alle {} Leistungen alphabetisch.", site.services.len()),
        vec![
            home_crumb(views),
            Crumb::to(views, "Leistungen", urls::SERVICES),
        ],
        ServicesAz {
            letters: index,
            groups,
        },
    )
}
