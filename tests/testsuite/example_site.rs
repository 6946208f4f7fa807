//! The repository's own `content/`: it builds with the embedded theme alone
//! into at least 60 pages without a broken link.

use crate::harness::{files, Site};
use crate::links::broken_links;

#[test]
fn example_site_builds_completely_without_broken_links() {
    let site = Site::example();
    assert!(!site.root().join("themes").exists());
    site.build(&[]);
    let pages = files(&site.out())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .count();
    assert!(pages >= 60, "only {pages} pages");
    assert_eq!(broken_links(&site.out(), "/"), Vec::<String>::new());
}
