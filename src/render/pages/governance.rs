//! `/steuerung/`: the governance tree with its chairs, and the people.
//!
//! The tree is the page's org chart: the theme draws the nested list as
//! boxes joined by lines, each box a link to the body. The roots are
//! grouped by level, the state's own bodies first, and within a level the
//! largest subtree first (then by name), so the Landesregierung heads the
//! chart instead of sitting among the alphabet.

use serde::Serialize;

use super::{home_crumb, Page};
use crate::model::Level;
use crate::render::views::{ListLink, PersonRef, TreeNode, Views};
use crate::resolve::{ListKey, Site};

/// Bodies the governance page shows at most, roots always: the tree is
/// cut at the deepest level that keeps it within this, and each body's
/// own page shows its children.
const TREE_BODIES: usize = 60;

/// The governance page's own data.
#[derive(Serialize)]
pub struct Governance<'a> {
    /// The roots with their subtrees, per level in [`Level::PORTAL_ORDER`];
    /// levels without a root are left out.
    groups: Vec<TreeGroup<'a>>,
    people: Vec<PersonRef<'a>>,
    /// The list of people, when there are more than shown.
    people_more: Option<ListLink>,
}

/// The bodies at the top of one level of government.
#[derive(Serialize)]
pub struct TreeGroup<'a> {
    /// `federal`, `state`, `municipal` or `cross_level`, for anchors and
    /// classes.
    level: Level,
    /// The group's heading, e.g. "Land".
    title: &'static str,
    nodes: Vec<TreeNode<'a>>,
}

/// How many bodies belong to body `b`, itself included. The tree has no
/// cycles (resolve cuts them), so the walk ends.
fn subtree_size(site: &Site, b: usize) -> usize {
    let mut size = 0;
    let mut stack = vec![b];
    while let Some(next) = stack.pop() {
        size += 1;
        stack.extend(&site.index.body_children[next]);
    }
    size
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
    Page::new(
        "governance.html",
        views.text("pages.governance.title"),
        views.text("pages.governance.description"),
        vec![home_crumb(views)],
        Governance {
            groups: Level::PORTAL_ORDER
                .iter()
                .filter_map(|&level| {
                    let mut roots: Vec<(usize, usize)> = site
                        .index
                        .body_roots
                        .iter()
                        .copied()
                        .filter(|&b| site.bodies[b].front.level == level)
                        .map(|b| (b, subtree_size(site, b)))
                        .collect();
                    // Bodies are in name order; a stable sort keeps it for ties.
                    roots.sort_by_key(|root| std::cmp::Reverse(root.1));
                    let roots: Vec<usize> = roots.into_iter().map(|(b, _)| b).collect();
                    (!roots.is_empty()).then(|| TreeGroup {
                        level,
                        title: level.heading(),
                        nodes: views.tree(&roots, depth),
                    })
                })
                .collect(),
            people: people.iter().map(|&p| views.person_ref(p)).collect(),
            people_more,
        },
    )
}
