//! `/steuerung/`: the governance tree with its chairs, and the people.

use serde::Serialize;

use super::{home_crumb, Page};
use crate::render::charts;
use crate::render::views::{ListLink, PersonRef, TreeNode, Views};
use crate::resolve::{ListKey, Site};

/// Bodies the governance page shows at most, roots always: the tree is
/// cut at the deepest level that keeps it within this, and each body's
/// own page shows its children.
const TREE_BODIES: usize = 60;

/// The governance page's own data.
#[derive(Serialize)]
pub struct Governance<'a> {
    tree: Vec<TreeNode<'a>>,
    people: Vec<PersonRef<'a>>,
    /// The list of people, when there are more than shown.
    people_more: Option<ListLink>,
}

/// How many levels below the roots the page shows.
pub fn tree_depth(site: &Site) -> usize {
    let ix = &site.index;
    let mut level: Vec<usize> = ix.body_roots.clone();
    let mut shown = level.len();
    let mut depth = 0;
    loop {
        let next: Vec<usize> = level
            .iter()
            .flat_map(|&b| ix.body_children[b].iter().copied())
            .collect();
        if next.is_empty() || shown + next.len() > TREE_BODIES {
            return depth;
        }
        shown += next.len();
        depth += 1;
        level = next;
    }
}

pub fn view<'a>(views: &Views<'a>) -> Page<'a, Governance<'a>> {
    let site = views.site;
    let depth = tree_depth(site);
    let (people, people_more) = views.shown(ListKey::People);
    let mut page = Page::new(
        "governance.html",
        "Steuerung",
        "Wer die Digitalisierung der Verwaltung steuert: Gremien, Ämter und ihre Aufgaben.",
        vec![home_crumb(views)],
        Governance {
            tree: views.tree(&site.index.body_roots, depth),
            people: people.iter().map(|&p| views.person_ref(p)).collect(),
            people_more,
        },
    );
    page.charts
        .insert("org_chart", charts::org_chart_for(views, depth));
    page
}
