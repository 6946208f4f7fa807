//! A link checker over built output: every internal `href`/`src` must name
//! a file that exists, and every `#fragment` an id on the target page.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use scraper::{Html, Selector};

use crate::harness::files;

/// Broken internal links as "page -> link" lines. `base_path` is the path
/// the site is published under (`/` or `/portal/`).
pub fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let pages: Vec<String> = files(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    let link = Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    let id = Selector::parse("[id]").unwrap();
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut links: Vec<(String, String)> = Vec::new();
    for page in &pages {
        let html = Html::parse_document(&fs::read_to_string(out.join(page)).unwrap());
        ids.insert(
            page.clone(),
            html.select(&id)
                .filter_map(|e| e.value().attr("id").map(str::to_owned))
                .collect(),
        );
        for e in html.select(&link) {
            let target = e
                .value()
                .attr("href")
                .or_else(|| e.value().attr("src"))
                .unwrap();
            links.push((page.clone(), target.to_owned()));
        }
    }
    let mut broken = Vec::new();
    for (page, target) in links {
        if target.contains("://") || target.starts_with("mailto:") || target.starts_with("tel:") {
            continue;
        }
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target.as_str(), None),
        };
        let file = if path.is_empty() {
            page.clone()
        } else if let Some(rest) = path.strip_prefix(base_path) {
            if rest.is_empty() || rest.ends_with('/') {
                format!("{rest}index.html")
            } else {
                rest.to_owned()
            }
        } else {
            broken.push(format!("{page} -> {target} (not below {base_path})"));
            continue;
        };
        if !out.join(&file).is_file() {
            broken.push(format!("{page} -> {target} (no file {file})"));
            continue;
        }
        if let Some(fragment) = fragment {
            let known = ids.get(&file).is_some_and(|ids| ids.contains(fragment));
            if !known {
                broken.push(format!("{page} -> {target} (no id {fragment} in {file})"));
            }
        }
    }
    broken
}
