//! Fixture `small` with services of German titles: the A–Z list files
//! umlauts under their base letter, links every letter that has services
//! and names the reserved file name `a-z`.

use crate::harness::{attrs, stderr, texts, Site};

fn add_service(site: &Site, slug: &str, title: &str) {
    site.write(
        &format!("content/services/{slug}.md"),
        &format!("---\ntitle: {title}\nsummary: Kurz.\ntopics: [bauen]\naudience: [citizens]\nstatus: planned\nresponsible: it-rat\nupdated: 2026-02-01\n---\nText.\n"),
    );
}

#[test]
fn the_a_to_z_list_files_umlauts_under_their_base_letter() {
    let site = Site::fixture("small");
    add_service(&site, "aerger", "Ärger mit Ämtern");
    add_service(&site, "antrag", "Antrag auf Auskunft");
    add_service(&site, "oeffentlich", "öffentliche Bekanntmachung");
    add_service(&site, "zitat", "„Zulassung“ von Fahrzeugen");
    add_service(&site, "notruf", "112 – Notruf");
    site.build(&[]);
    let page = site.page("leistungen/a-z/index.html");
    assert_eq!(texts(&page, "h2"), ["0–9", "A", "L", "O", "Z"]);
    assert_eq!(
        texts(&page, "section[aria-labelledby=_a] li a"),
        ["Antrag auf Auskunft", "Ärger mit Ämtern"],
        "Ä sorts as A, after An…"
    );
    assert_eq!(
        texts(&page, "section[aria-labelledby=_l] li a").len(),
        5,
        "the fixture's five services"
    );
    assert_eq!(
        texts(&page, "section[aria-labelledby=_o] li a"),
        ["öffentliche Bekanntmachung"]
    );
    assert_eq!(
        texts(&page, "section[aria-labelledby=_z] li a"),
        ["„Zulassung“ von Fahrzeugen"],
        "quotes do not count"
    );
    // The letter navigation links exactly the letters that have services;
    // the others are shown, not linked.
    assert_eq!(
        attrs(&page, "nav.letters a", "href"),
        ["#_ziffern", "#_a", "#_l", "#_o", "#_z"]
    );
    assert_eq!(
        page.select(&scraper::Selector::parse("nav.letters li").unwrap())
            .count(),
        27
    );
    // Every link target exists.
    for href in attrs(&page, "nav.letters a", "href") {
        let id = &href[1..];
        assert_eq!(
            attrs(&page, &format!("h2[id='{id}']"), "id").len(),
            1,
            "{href}"
        );
    }
    // The catalogue links the list instead of repeating it.
    let catalogue = site.page("leistungen/index.html");
    assert!(attrs(&catalogue, "a", "href").contains(&"/leistungen/a-z/".to_owned()));
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://test.example/leistungen/a-z/</loc>"));
}

#[test]
fn a_service_cannot_take_the_address_of_the_a_to_z_list() {
    let site = Site::fixture("small");
    add_service(&site, "a-z", "Alles");
    let output = site.run(&["build"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("content/services/a-z.md")
            && err.contains("is taken by the list of services from A to Z"),
        "{err}"
    );
    assert!(err.contains("rename the file"), "{err}");
}

#[test]
fn a_free_page_cannot_take_the_search_page_or_its_index() {
    for (file, path) in [
        ("content/pages/suche.md", "/suche/"),
        ("content/pages/suchindex/x.md", "/suchindex/x/"),
    ] {
        let site = Site::fixture("small");
        site.write(file, "---\ntitle: Suche\n---\nText.\n");
        let output = site.run(&["build"]);
        assert!(!output.status.success(), "{file}");
        let err = stderr(&output);
        assert!(
            err.contains(&format!(
                "the page path `{path}` is taken by the portal itself"
            )),
            "{err}"
        );
    }
}
