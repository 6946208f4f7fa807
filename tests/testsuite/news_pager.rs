//! Fixture `small` with extra articles: order and page boundaries of the
//! news list.

use crate::harness::{attrs, texts, Site};

#[test]
fn news_list_is_paged_newest_first() {
    let site = Site::fixture("small");
    // 4 articles in the fixture + 3 here = 7, at 3 per page: 3, 3, 1.
    for (slug, date) in [
        ("x1", "2023-02-01"),
        ("x2", "2025-12-24"),
        ("x3", "2024-06-01"),
    ] {
        site.write(
            &format!("content/news/{slug}.md"),
            &format!("---\ntitle: Nachricht {slug}\ndate: {date}\nsummary: S.\n---\nText.\n"),
        );
    }
    site.build(&[]);
    let titles = |file: &str| texts(&site.page(file), ".news-item__title");
    assert_eq!(
        titles("aktuelles/index.html"),
        ["Nachricht x2", "Nachricht n4", "Nachricht n3"]
    );
    // Same date: ordered by slug, so the order is stable.
    assert_eq!(
        titles("aktuelles/seite/2/index.html"),
        ["Nachricht n2", "Nachricht x3", "Nachricht n1"]
    );
    assert_eq!(titles("aktuelles/seite/3/index.html"), ["Nachricht x1"]);
    assert!(!site.out().join("aktuelles/seite/4").exists());
    assert!(
        !site.out().join("aktuelles/seite/1").exists(),
        "page 1 is /aktuelles/"
    );

    let middle = site.page("aktuelles/seite/2/index.html");
    assert_eq!(attrs(&middle, "a[rel=prev]", "href"), ["/aktuelles/"]);
    assert_eq!(
        attrs(&middle, "a[rel=next]", "href"),
        ["/aktuelles/seite/3/"]
    );
    assert_eq!(
        attrs(&middle, ".pager a[aria-current=page]", "href"),
        ["/aktuelles/seite/2/"]
    );
    let last = site.page("aktuelles/seite/3/index.html");
    assert!(attrs(&last, "a[rel=next]", "href").is_empty());
}

#[test]
fn a_long_news_list_links_first_last_and_the_neighbourhood() {
    let site = Site::fixture("small");
    site.edit("content/site.yaml", "news_per_page: 3", "news_per_page: 1");
    // 4 articles in the fixture + 8 here = 12 pages of one.
    for n in 1..=8 {
        site.write(
            &format!("content/news/y{n}.md"),
            &format!("---\ntitle: Nachricht y{n}\ndate: 2022-01-{n:02}\nsummary: S.\n---\nText.\n"),
        );
    }
    site.build(&[]);
    let numbers = |file: &str| -> Vec<String> {
        texts(&site.page(file), ".pager li")
            .into_iter()
            .filter(|t| !t.contains("Nachrichten"))
            .collect()
    };
    assert_eq!(
        numbers("aktuelles/seite/6/index.html"),
        [
            "Seite 1", "…", "Seite 4", "Seite 5", "Seite 6", "Seite 7", "Seite 8", "…", "Seite 12"
        ]
    );
    assert_eq!(
        numbers("aktuelles/index.html"),
        ["Seite 1", "Seite 2", "Seite 3", "…", "Seite 12"]
    );
    // Every page is still reachable: each links its neighbours.
    assert!(site.out().join("aktuelles/seite/12/index.html").exists());
    assert_eq!(
        attrs(
            &site.page("aktuelles/seite/11/index.html"),
            "a[rel=next]",
            "href"
        ),
        ["/aktuelles/seite/12/"]
    );
}
