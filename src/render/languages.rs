//! The versions of a page in the site's languages: its `hreflang` links
//! and its language switch.
//!
//! The switch names every language of the site. A version that exists is
//! a link; where the page has none, the switch says so in that language
//! and links that language's start page, so a reader who wanted English
//! learns it in English instead of landing on a German page unwarned.

use serde::Serialize;

use crate::resolve::{PageKind, Site};
use crate::urls;

/// One language of the site as a page's switch and head show it.
#[derive(Debug, Serialize)]
pub struct Version {
    /// The language code (`de`, `en`, `ls` for Leichte Sprache).
    pub code: String,
    /// Its pages' `lang` and `hreflang` (`de` for Leichte Sprache).
    pub lang: String,
    /// Whether it is Leichte Sprache, a variant of the site's own
    /// language: linked, but no `hreflang` alternate.
    pub variant: bool,
    /// The language's name in itself ("English", "Deutsch").
    pub name: String,
    /// Whether it is the page's own language.
    pub current: bool,
    /// The page's address in that language, absolute (for `hreflang`);
    /// `None` when the page has no version in it.
    pub url: Option<String>,
    /// The address to link in the switch: the version, or else that
    /// language's start page.
    pub href: String,
    /// In that language: that the page has no version in it (empty when
    /// it has one).
    pub missing: String,
    /// In that language: the name of the link to its start page.
    pub start: String,
}

/// The versions of the page at `site_path` (without prefix) of the site
/// in language `at` (0 for the site's own, see [`super::languages()`]). Empty
/// for a site in one language, and for the 404 page.
pub fn versions(root: &Site, at: usize, site_path: &str, kind: PageKind) -> Vec<Version> {
    if root.editions.is_empty() || kind == PageKind::NotFound {
        return Vec::new();
    }
    super::languages(root)
        .into_iter()
        .enumerate()
        .map(|(n, site)| {
            let publishes = n == 0
                || site
                    .edition
                    .as_ref()
                    .is_some_and(|e| e.publishes(site_path));
            let href = |path: &str| match &site.edition {
                Some(e) => site.base.href(&format!("{}{path}", e.prefix)),
                None => site.base.href(path),
            };
            Version {
                code: site.code().to_owned(),
                lang: site.lang().to_owned(),
                variant: site.is_variant(),
                name: site.text("lang.name", &[]),
                current: n == at,
                url: publishes.then(|| site.absolute(site_path)),
                href: if publishes {
                    href(site_path)
                } else {
                    href(urls::HOME)
                },
                missing: if publishes {
                    String::new()
                } else {
                    site.text("lang.missing", &[])
                },
                start: site.text("lang.start_page", &[]),
            }
        })
        .collect()
}

/// Whether the page lists documents: in an edition such a page shows only
/// what the edition translates, and says where the complete list is.
pub fn lists_documents(kind: PageKind) -> bool {
    matches!(
        kind,
        PageKind::Home
            | PageKind::Services
            | PageKind::ServicesAz
            | PageKind::NewsList(_)
            | PageKind::Topics
            | PageKind::Topic(_)
            | PageKind::List(..)
            | PageKind::Progress
            | PageKind::Search
    )
}
