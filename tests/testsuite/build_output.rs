//! Fixture `small`: every page type at its URL, Markdown features, drafts,
//! base URLs, feeds, and the output's integrity.

use crate::harness::{attrs, files, stdout, texts, Site};
use crate::links::broken_links;

#[test]
fn every_page_type_is_written_at_its_url() {
    let site = Site::fixture("small");
    let output = site.build(&[]);
    let summary = stdout(&output);
    assert!(
        summary.starts_with("Built 34 pages and 21 other files"),
        "{summary}"
    );
    for (file, h1) in [
        ("index.html", "Willkommen im Testportal"),
        ("leistungen/index.html", "Leistungen"),
        ("leistungen/a-z/index.html", "Leistungen von A bis Z"),
        ("leistungen/a-online/index.html", "Leistung A-ONLINE"),
        ("aktuelles/index.html", "Aktuelles"),
        ("aktuelles/seite/2/index.html", "Aktuelles – Seite 2 von 2"),
        ("aktuelles/2025/n4/index.html", "Nachricht n4"),
        ("aktuelles/2024/n1/index.html", "Nachricht n1"),
        ("steuerung/index.html", "Steuerung"),
        ("steuerung/it-rat/index.html", "IT-Rat"),
        ("personen/erika-muster/index.html", "Dr. Erika Muster"),
        ("themen/index.html", "Themen"),
        ("themen/bauen/index.html", "Bauen und Wohnen"),
        ("fortschritt/index.html", "Fortschritt"),
        ("impressum/index.html", "Impressum"),
        ("ueber/team/index.html", "Das Team"),
        ("404.html", "Seite nicht gefunden"),
    ] {
        assert_eq!(texts(&site.page(file), "h1"), vec![h1.to_owned()], "{file}");
    }
    let all = files(&site.out());
    for file in [
        "aktuelles/atom.xml",
        "themen/familie/atom.xml",
        "steuerung/it-rat/atom.xml",
        "sitemap.xml",
        "robots.txt",
        "assets/favicon.svg",
    ] {
        assert!(all.contains(&file.to_owned()), "{file} missing in {all:?}");
    }
}

#[test]
fn internal_links_and_fragments_resolve() {
    let site = Site::fixture("small");
    site.build(&[]);
    assert_eq!(broken_links(&site.out(), "/"), Vec::<String>::new());
}

#[test]
fn a_broken_link_is_found_by_the_checker() {
    // The checker itself must be able to fail.
    let site = Site::fixture("small");
    site.build(&[]);
    std::fs::remove_dir_all(site.out().join("themen/bauen")).unwrap();
    let broken = broken_links(&site.out(), "/");
    assert!(
        broken.iter().any(|b| b.contains("/themen/bauen/")),
        "{broken:?}"
    );
}

#[test]
fn umlaut_headings_get_transliterated_ids() {
    let site = Site::fixture("small");
    site.build(&[]);
    let page = site.page("leistungen/a-online/index.html");
    assert_eq!(attrs(&page, "h2#uebersicht", "id"), vec!["uebersicht"]);
    assert!(site
        .read("leistungen/a-online/index.html")
        .contains("<h2 id=\"uebersicht\">Übersicht</h2>"));
}

#[test]
fn drafts_only_with_the_flag() {
    let site = Site::fixture("small");
    site.build(&[]);
    assert!(!site
        .out()
        .join("aktuelles/2026/entwurf/index.html")
        .exists());
    site.build(&["--drafts"]);
    assert_eq!(
        texts(&site.page("aktuelles/2026/entwurf/index.html"), "h1"),
        vec!["Nachricht entwurf Entwurf"],
        "the title, and the draft's mark"
    );
}

#[test]
fn base_url_with_a_folder_prefixes_every_link() {
    let site = Site::fixture("small");
    site.build(&["--base-url", "https://land.example/portal/"]);
    assert_eq!(broken_links(&site.out(), "/portal/"), Vec::<String>::new());
    let home = site.page("index.html");
    assert_eq!(
        attrs(&home, "link[rel=canonical]", "href"),
        vec!["https://land.example/portal/"]
    );
    assert!(site
        .read("sitemap.xml")
        .contains("<loc>https://land.example/portal/leistungen/a-online/</loc>"));
    // Links written in Markdown as site paths get the prefix too.
    assert!(site
        .read("leistungen/a-online/index.html")
        .contains("href=\"/portal/themen/familie/\""));
}

#[test]
fn feed_sitemap_and_robots() {
    let site = Site::fixture("small");
    site.build(&[]);
    let feed = site.read("aktuelles/atom.xml");
    let n4 = feed
        .find("https://test.example/aktuelles/2025/n4/")
        .expect("newest entry");
    let n1 = feed
        .find("https://test.example/aktuelles/2024/n1/")
        .expect("oldest entry");
    assert!(n4 < n1, "newest first");
    assert!(!feed.contains("entwurf"));
    assert!(feed.contains("<updated>2025-11-20T00:00:00+00:00</updated>"));
    let sitemap = site.read("sitemap.xml");
    assert_eq!(sitemap.matches("<url>").count(), 33, "every page but 404");
    assert!(sitemap.contains(
        "<loc>https://test.example/leistungen/a-online/</loc><lastmod>2026-01-15</lastmod>"
    ));
    assert!(!sitemap.contains("404"));
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: https://test.example/sitemap.xml"));
}

#[test]
fn governance_is_a_nested_tree_with_chairs_and_role_history() {
    let site = Site::fixture("small");
    site.build(&[]);
    let governance = site.page("steuerung/index.html");
    // regierung > ministerium > it-rat > ag-daten, nested lists.
    assert_eq!(
        texts(
            &governance,
            "ul.tree > li > ul > li > ul > li > ul > li .tree__name"
        ),
        vec!["AG Daten"]
    );
    assert!(texts(&governance, ".tree__meta")
        .iter()
        .any(|t| t == "Vorsitz: Dr. Erika Muster"));
    let ministry = site.page("steuerung/ministerium/index.html");
    // Who was CIO when: newest first.
    assert_eq!(
        texts(&ministry, "table tbody tr"),
        vec![
            "Max Beispiel CIO November 2024 – heute",
            "Dr. Erika Muster CIO Mai 2021 – Oktober 2024"
        ]
    );
    assert_eq!(
        texts(
            &site.page("steuerung/ag-daten/index.html"),
            ".breadcrumbs li"
        ),
        vec![
            "Startseite",
            "Steuerung",
            "Landesregierung",
            "Testministerium",
            "IT-Rat",
            "AG Daten"
        ]
    );
}

#[test]
fn rebuilding_gives_the_same_bytes() {
    let site = Site::fixture("small");
    site.build(&[]);
    let first = site.output_bytes();
    site.build(&[]);
    assert!(first.len() > 30);
    assert!(
        first == site.output_bytes(),
        "a file differs between two builds"
    );
}

#[test]
fn help_explains_every_option() {
    let site = Site::fixture("small");
    let help = stdout(&site.run(&["build", "--help"]));
    for option in ["--root", "--out", "--base-url", "--drafts"] {
        assert!(help.contains(option), "{option} missing in:\n{help}");
    }
    assert!(stdout(&site.run(&["--help"])).contains("build"));
}

#[test]
fn security_txt_names_the_contact_and_expires_within_a_year_of_the_build_day() {
    let site = Site::fixture("small");
    site.build(&[]);
    let text = site.read(".well-known/security.txt");
    let fields: Vec<(&str, &str)> = text
        .lines()
        .map(|line| {
            line.split_once(": ")
                .expect("`Field: value` lines (RFC 9116)")
        })
        .collect();
    let field = |name: &str| -> Vec<&str> {
        fields
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .collect()
    };
    assert_eq!(field("Contact"), ["mailto:kontakt@test.example"]);
    // The harness builds on 2026-11-01 (SOURCE_DATE_EPOCH): 364 days later.
    assert_eq!(field("Expires"), ["2027-10-31T00:00:00Z"]);
    assert_eq!(
        field("Canonical"),
        ["https://test.example/.well-known/security.txt"]
    );
    // Another build day (2023-11-14), another expiry.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_portal"))
        .current_dir(site.root())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["build"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(site
        .read(".well-known/security.txt")
        .contains("Expires: 2024-11-12T00:00:00Z"));
}

#[test]
fn no_search_leaves_out_the_index_the_search_page_and_every_search_form() {
    let site = Site::fixture("small");
    let summary = stdout(&site.build(&["--no-search"]));
    assert!(
        summary.starts_with("Built 33 pages") && !summary.contains("Search index"),
        "{summary}"
    );
    let written = files(&site.out());
    assert!(!written
        .iter()
        .any(|f| f.starts_with("suchindex/") || f.starts_with("suche/")));
    for file in written.iter().filter(|f| f.ends_with(".html")) {
        let forms = attrs(&site.page(file), "form", "action");
        assert!(
            forms.is_empty(),
            "{file} offers a search without an index: {forms:?}"
        );
    }
    // Nothing links to the search page either.
    assert!(broken_links(&site.out(), "/").is_empty());
}

#[test]
fn timings_name_every_phase_and_the_slowest_templates_with_page_counts() {
    let site = Site::fixture("small");
    let summary = stdout(&site.build(&["--timings"]));
    for phase in [
        "load",
        "resolve",
        "render",
        "pages",
        "other files",
        "search",
        "words",
        "postings",
        "shards",
        "commit",
    ] {
        assert!(
            summary
                .lines()
                .any(|l| l.trim_start().starts_with(phase) && l.contains(" ms")),
            "no line for {phase}:\n{summary}"
        );
    }
    let templates: Vec<&str> = summary
        .lines()
        .skip_while(|l| !l.starts_with("Slowest templates"))
        .skip(1)
        .collect();
    assert_eq!(templates.len(), 10, "{summary}");
    let service = templates
        .iter()
        .find(|l| l.trim_start().starts_with("service.html"))
        .unwrap_or_else(|| panic!("service.html missing:\n{summary}"));
    assert!(service.contains(" 5 pages"), "{service}");
}

#[test]
fn the_catalogue_shows_twelve_services_per_topic_and_links_the_rest() {
    let site = Site::fixture("small");
    for n in 0..14 {
        site.write(
            &format!("content/services/zz-{n:02}.md"),
            &format!(
                "---\ntitle: Zusatzleistung {n:02}\nsummary: Kurz.\ntopics: [bauen]\naudience: [citizens]\nstatus: planned\nresponsible: ministerium\nupdated: 2026-01-15\n---\nText.\n"
            ),
        );
    }
    site.build(&[]);
    let catalogue = site.page("leistungen/index.html");
    let section = texts(&catalogue, "section[aria-labelledby='_bauen'] .card__title");
    assert_eq!(section.len(), 12, "{section:?}");
    let more = attrs(
        &catalogue,
        "section[aria-labelledby='_bauen'] .more a",
        "href",
    );
    assert_eq!(more, ["/themen/bauen/"]);
    // The topic's page shows as many, and links its own list of all.
    let topic = site.page("themen/bauen/index.html");
    assert_eq!(texts(&topic, ".card__title").len(), 12);
    assert_eq!(
        attrs(&topic, ".more a", "href"),
        ["/themen/bauen/leistungen/"]
    );
    let list = site.page("themen/bauen/leistungen/index.html");
    let all = texts(&list, ".card__title");
    assert!(
        all.iter()
            .filter(|t| t.starts_with("Zusatzleistung"))
            .count()
            == 14,
        "{all:?}"
    );
    // A topic with few services has no such link.
    assert!(attrs(
        &catalogue,
        "section[aria-labelledby='_familie'] .more a",
        "href"
    )
    .is_empty());
}

#[test]
fn precompress_writes_gzip_and_brotli_siblings_that_unpack_to_the_page() {
    use std::io::Read;
    let site = Site::fixture("small");
    let summary = stdout(&site.build(&["--precompress"]));
    assert!(summary.contains("Precompressed: "), "{summary}");
    let page = std::fs::read(site.out().join("index.html")).unwrap();
    let mut gz = Vec::new();
    flate2::read::GzDecoder::new(&std::fs::read(site.out().join("index.html.gz")).unwrap()[..])
        .read_to_end(&mut gz)
        .unwrap();
    assert_eq!(gz, page);
    let mut br = Vec::new();
    brotli::Decompressor::new(
        &std::fs::read(site.out().join("index.html.br")).unwrap()[..],
        4096,
    )
    .read_to_end(&mut br)
    .unwrap();
    assert_eq!(br, page);
    let written = files(&site.out());
    // Already compressed or too small to pay: no siblings.
    assert!(!written
        .iter()
        .any(|f| f.contains(".pf_") && f.ends_with(".gz")));
    assert!(written
        .iter()
        .any(|f| f.starts_with("assets/portal.") && f.ends_with(".css.br")));
    assert!(!written.contains(&"robots.txt.gz".to_owned()));
    // A build without the flag publishes none.
    site.build(&[]);
    assert!(!files(&site.out())
        .iter()
        .any(|f| f.ends_with(".gz") || f.ends_with(".br")));
}
