//! `/steuerung/`: the governance tree with its chairs, and the people.

use serde::Serialize;

use super::{home_crumb, Page};
use crate::render::charts;
use crate::render::deps::{Input, SiteList};
use crate::render::views::{PersonRef, TreeNode, Views};

/// The governance page's own data.
#[derive(Serialize)]
pub struct Governance<'a> {
    tree: Vec<TreeNode<'a>>,
    people: Vec<PersonRef<'a>>,
}

pub fn view<'a>(views: &Views<'a>) -> Page<Governance<'a>> {
    let site = views.site;
    views.read(Input::List(SiteList::People));
    let mut page = Page::new(
        "governance.html",
        "Steuerung",
        "Wer die Digitalisierung der Verwaltung steuert: Gremien, Ämter und ihre Aufgaben.",
        vec![home_crumb(views)],
        Governance {
            tree: views.tree(&site.index.body_roots),
            people: (0..site.people.len())
                .map(|p| views.person_ref(p))
                .collect(),
        },
    );
    page.charts
        .insert("org_chart", charts::org_chart_for(views));
    page
}
