//! Fixture `small` with long lists: no page lists everything. An owner
//! page (topic, body, person, service, A–Z, dashboard, governance) shows
//! the first entries and links the list's own pages; those pages hold
//! `list_per_page` entries each, together every entry once, with a pager,
//! and they are in the sitemap and have JSON twins.

use std::collections::BTreeSet;

use crate::harness::{attrs, texts, Site};

/// `small` with 30 more services under `bauen` for `it-rat` (titles with
/// Z, every other one a focus service, the others online), 8 more news about
/// `a-online`, `it-rat`, `max-beispiel` and `familie`, and 22 more people,
/// at `list_per_page: 4`.
fn long_lists() -> Site {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "news_per_page: 3",
        "news_per_page: 3\nlist_per_page: 4",
    );
    for n in 0..30 {
        let online = n % 2 == 1;
        site.write(
            &format!("content/services/zz-{n:02}.md"),
            &format!(
                "---\ntitle: Zusatzleistung {n:02}\nsummary: Kurz.\ntopics: [bauen]\naudience: [citizens]\nstatus: {}\n{}responsible: it-rat\nupdated: 2026-01-{:02}\nfocus: {}\n---\nText.\n",
                if online { "online" } else { "planned" },
                if online { "online_url: https://x.test.example/\n" } else { "" },
                1 + n % 28,
                n % 2 == 0
            ),
        );
    }
    for n in 0..8 {
        site.write(
            &format!("content/news/zz-{n}.md"),
            &format!("---\ntitle: Weitere Nachricht {n}\ndate: 2022-0{}-10\nsummary: Kurz.\ntopics: [familie]\nservices: [a-online]\nbodies: [it-rat]\npeople: [max-beispiel]\n---\nText.\n", n + 1),
        );
    }
    for n in 0..22 {
        site.write(
            &format!("content/governance/people/zz-{n:02}.md"),
            &format!("---\nname: Person Zett {n:02}\nroles:\n  - title: Mitglied\n    body: ag-daten\n    from: 2024\n---\nText.\n"),
        );
    }
    site.build(&[]);
    site
}

/// The titles on every page of the list starting at `first`, following
/// the pager's "next" links, and the number of pages.
fn walk(site: &Site, first: &str, selector: &str) -> (Vec<String>, usize) {
    let mut titles = Vec::new();
    let mut next = Some(first.to_owned());
    let mut pages = 0;
    while let Some(path) = next {
        let page = site.page(&format!("{}index.html", path.trim_start_matches('/')));
        let shown = texts(&page, selector);
        assert!(shown.len() <= 4, "{path}: {} entries", shown.len());
        titles.extend(shown);
        pages += 1;
        next = attrs(&page, "nav.pager a[rel=next]", "href").pop();
    }
    (titles, pages)
}

#[test]
fn an_owner_page_shows_the_first_entries_and_links_all_of_them() {
    let site = long_lists();
    // The topic: 12 of its 33 services, 5 of its news, links to both lists.
    let topic = site.page("themen/bauen/index.html");
    assert_eq!(texts(&topic, ".card__title").len(), 12);
    assert_eq!(
        attrs(&topic, ".more a", "href"),
        ["/themen/bauen/leistungen/"]
    );
    assert_eq!(
        texts(&topic, ".more a"),
        ["Leistungen zum Thema Bauen und Wohnen: alle 33 anzeigen"]
    );
    let (services, pages) = walk(&site, "/themen/bauen/leistungen/", ".card__title");
    assert_eq!(pages, 9, "33 services at 4 a page");
    let unique: BTreeSet<&String> = services.iter().collect();
    assert_eq!(unique.len(), 33, "every service once: {services:?}");
    assert_eq!(services.len(), 33);

    // The body's services and news, the person's and the service's news.
    let body = site.page("steuerung/it-rat/index.html");
    assert_eq!(
        attrs(&body, ".more a", "href"),
        [
            "/steuerung/it-rat/leistungen/",
            "/steuerung/it-rat/aktuelles/"
        ]
    );
    let (news, _) = walk(&site, "/steuerung/it-rat/aktuelles/", ".news-item__title");
    assert_eq!(news.len(), 8);
    let person = site.page("personen/max-beispiel/index.html");
    assert_eq!(texts(&person, ".news-item__title").len(), 5);
    assert_eq!(
        attrs(&person, ".more a", "href"),
        ["/personen/max-beispiel/aktuelles/"]
    );
    let service = site.page("leistungen/a-online/index.html");
    assert_eq!(
        attrs(&service, ".more a", "href"),
        ["/leistungen/a-online/aktuelles/"]
    );

    // A letter with more than 20 services links its own pages.
    let az = site.page("leistungen/a-z/index.html");
    assert_eq!(
        texts(&az, "section[aria-labelledby=_z] li a").len(),
        20,
        "the first 20 of Z"
    );
    assert_eq!(
        attrs(&az, "section[aria-labelledby=_z] .more a", "href"),
        ["/leistungen/a-z/z/"]
    );
    let (z, _) = walk(&site, "/leistungen/a-z/z/", ".card__title");
    assert_eq!(z.len(), 30);
    assert!(
        attrs(&az, "section[aria-labelledby=_l] .more a", "href").is_empty(),
        "a short letter is shown whole"
    );

    // The dashboard: the first of each list, the rest on pages of their own.
    let dashboard = site.page("fortschritt/index.html");
    let more = attrs(&dashboard, ".more a", "href");
    assert!(
        more.contains(&"/fortschritt/fokusleistungen/".to_owned()),
        "{more:?}"
    );
    assert!(
        more.contains(&"/fortschritt/status/geplant/".to_owned()),
        "{more:?}"
    );
    assert!(
        more.contains(&"/fortschritt/online-seit/".to_owned()),
        "{more:?}"
    );
    let (planned, _) = walk(&site, "/fortschritt/status/geplant/", ".card__title");
    assert_eq!(
        planned.len(),
        texts(&dashboard, "#_status-planned td.num")[0]
            .split_whitespace()
            .next()
            .unwrap()
            .parse::<usize>()
            .unwrap(),
        "the status list has as many services as the table counts"
    );
    let (online, _) = walk(
        &site,
        "/fortschritt/online-seit/",
        ".online-table tbody tr td:first-child a",
    );
    assert_eq!(online.len(), 17, "15 added and 2 of the fixture online");

    // The governance page: 20 people, the list of all 24.
    let governance = site.page("steuerung/index.html");
    assert_eq!(
        texts(&governance, "section[aria-labelledby=_personen] li").len(),
        20
    );
    let (people, _) = walk(&site, "/personen/", ".az-list li a");
    assert_eq!(people.len(), 24);
}

#[test]
fn list_pages_are_in_the_sitemap_have_twins_and_a_trail() {
    let site = long_lists();
    let sitemap = site.read("sitemap.xml");
    for path in [
        "themen/bauen/leistungen/",
        "themen/bauen/leistungen/seite/9/",
        "leistungen/a-z/z/seite/2/",
        "personen/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://test.example/{path}</loc>")),
            "{path} not in the sitemap"
        );
    }
    let twin: serde_json::Value =
        serde_json::from_str(&site.read("themen/bauen/leistungen/seite/2/index.json")).unwrap();
    assert_eq!(twin["list"]["count"], 33);
    assert_eq!(twin["list"]["services"].as_array().unwrap().len(), 4);
    assert_eq!(twin["pager"]["current"], 2);
    assert_eq!(
        twin["page"]["title"],
        "Leistungen zum Thema Bauen und Wohnen – Seite 2 von 9"
    );
    let page = site.page("themen/bauen/leistungen/seite/2/index.html");
    assert_eq!(
        texts(&page, "nav[aria-label='Brotkrumennavigation'] a"),
        [
            "Startseite",
            "Themen",
            "Bauen und Wohnen",
            "Leistungen zum Thema Bauen und Wohnen – Seite 2 von 9"
        ]
    );
    assert_eq!(
        attrs(&page, "nav.pager a[aria-current=page]", "href"),
        ["/themen/bauen/leistungen/seite/2/"]
    );
}

#[test]
fn short_lists_have_no_pages_of_their_own() {
    let site = Site::fixture("small");
    site.build(&[]);
    for path in [
        "themen/bauen/leistungen/index.html",
        "leistungen/a-z/a/index.html",
        "fortschritt/status/geplant/index.html",
        "personen/index.html",
    ] {
        assert!(
            !site.out().join(path).exists(),
            "{path} exists though its owner shows every entry"
        );
    }
    assert!(attrs(&site.page("themen/bauen/index.html"), ".more a", "href").is_empty());
}

#[test]
fn a_catalogue_of_many_topics_lists_the_topics_only() {
    let site = Site::fixture("small");
    let mut topics = site.read_source("content/topics.yaml");
    for n in 0..50 {
        topics.push_str(&format!(
            "- slug: thema-{n}\n  title: Thema {n}\n  description: Beschreibung.\n"
        ));
        site.write(
            &format!("content/services/t-{n}.md"),
            &format!("---\ntitle: Leistung {n}\nsummary: Kurz.\ntopics: [thema-{n}]\naudience: [citizens]\nstatus: planned\nresponsible: it-rat\nupdated: 2026-01-15\n---\nText.\n"),
        );
    }
    site.write("content/topics.yaml", &topics);
    site.build(&[]);
    let catalogue = site.page("leistungen/index.html");
    // 52 topics with services: fewer than 3 of 144 cards each.
    assert!(texts(&catalogue, ".card__title").is_empty());
    let links = attrs(&catalogue, "nav.toc a", "href");
    assert!(links.contains(&"/themen/thema-7/".to_owned()), "{links:?}");
    assert_eq!(texts(&catalogue, "nav.toc li").len(), 52 + 2);
}
