//! Fixture `small` with languages: `language` and `translations` in
//! site.yaml, the theme's texts per language (`strings/<code>.yaml`) and
//! their checks, each problem at its file and line.

use crate::harness::{attrs, stderr, texts, Site};

fn check(site: &Site) -> String {
    let output = site.run(&["check"]);
    assert!(!output.status.success(), "check should fail");
    stderr(&output)
}

#[test]
fn an_unknown_language_code_is_an_error_at_its_line_with_the_code_meant() {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "language: de",
        "language: de\ntranslations: [eng, en, en, de]",
    );
    let err = check(&site);
    assert!(
        err.contains("`eng` is not a language code portal knows"),
        "{err}"
    );
    assert!(err.contains("--> content/site.yaml:5:16"), "{err}");
    assert!(err.contains("write `en`"), "{err}");
    assert!(err.contains("`en` is named twice"), "{err}");
    assert!(err.contains("`de` is the site's own language"), "{err}");
    // Cause first: no second error about texts for `eng`.
    assert!(!err.contains("no texts in the language"), "{err}");
    assert!(err.contains("3 errors"), "{err}");

    let site = Site::fixture("small");
    site.edit("content/site.yaml", "language: de", "language: deutsch");
    let err = check(&site);
    assert!(
        err.contains("`deutsch` is not a language tag portal knows"),
        "{err}"
    );
}

#[test]
fn every_text_must_exist_in_every_language_of_the_site() {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "language: de",
        "language: de\ntranslations: [en]",
    );
    // The built-in theme speaks German and English: nothing to report.
    let output = site.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    // A site's own text in German only.
    site.write(
        "themes/default/strings/de.yaml",
        "frame:\n  skip_link: Direkt zum Inhalt\n  hotline: Servicetelefon\n",
    );
    let err = check(&site);
    assert!(
        err.contains("the text `frame.hotline` has no version in `en`"),
        "{err}"
    );
    assert!(
        err.contains("--> themes/default/strings/de.yaml:3:12"),
        "{err}"
    );
    assert!(
        err.contains("add `frame.hotline` to themes/default/strings/en.yaml"),
        "{err}"
    );
    // A language the theme does not speak.
    site.write(
        "themes/default/strings/de.yaml",
        "frame:\n  skip_link: Direkt zum Inhalt\n",
    );
    site.edit(
        "content/site.yaml",
        "translations: [en]",
        "translations: [en, tr]",
    );
    let err = check(&site);
    assert!(
        err.contains("the theme has no texts in the language `tr`"),
        "{err}"
    );
}

#[test]
fn a_site_rewords_one_text_and_a_template_asks_only_for_known_keys() {
    let site = Site::fixture("small");
    site.write(
        "themes/default/strings/de.yaml",
        "frame:\n  skip_link: Direkt zum Inhalt\n",
    );
    site.build(&[]);
    let home = site.page("index.html");
    assert_eq!(texts(&home, ".skip-link"), ["Direkt zum Inhalt"]);
    // The other texts are the built-in ones.
    assert_eq!(texts(&home, ".site-menu__button"), ["Menü"]);

    // A key no string file has, at the template's line and column.
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ t(key=\"frame.menue\") }}</h1>\n{% endblock content %}\n",
    );
    let err = check(&site);
    assert!(err.contains("the theme has no text `frame.menue`"), "{err}");
    assert!(
        err.contains("--> themes/default/templates/404.html:3:15"),
        "{err}"
    );
    assert!(err.contains("did you mean `frame.menu`?"), "{err}");

    // A string file named after no language.
    site.write("themes/default/templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Nicht gefunden</h1>{% endblock content %}");
    site.write("themes/default/strings/english.yaml", "frame: {}\n");
    let err = check(&site);
    assert!(
        err.contains("`english.yaml` is not named after a language"),
        "{err}"
    );
}

/// The fixture with English as a further language.
fn with_english() -> Site {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "language: de",
        "language: de\ntranslations: [en]",
    );
    site
}

#[test]
fn a_translation_sets_texts_and_may_repeat_but_not_contradict_its_original() {
    let site = with_english();
    site.write(
        "content/services/a-online.en.md",
        "---\ntitle: Service A online\nsummary: Short description of a-online.\nstatus: online\nfocus: false\n---\nDescription of a-online.\n",
    );
    let err = check(&site);
    // `status` repeats the original's value: fine. `focus` contradicts it.
    assert!(!err.contains("`status`"), "{err}");
    assert!(
        err.contains(
            "`focus` contradicts the original: it is `true` there (content/services/a-online.md:9)"
        ),
        "{err}"
    );
    assert!(
        err.contains("--> content/services/a-online.en.md:5:8"),
        "{err}"
    );
    assert!(
        err.contains("a translation takes `focus` from its original"),
        "{err}"
    );
    assert!(err.contains("1 error"), "{err}");

    // A field the original does not have and a translation may not set.
    site.write(
        "content/services/a-online.en.md",
        "---\ntitle: Service A online\nleika: \"99000000000000\"\ndocuments: ID card\n---\nText.\n",
    );
    let err = check(&site);
    assert!(err.contains("a translation cannot set `leika`"), "{err}");
    assert!(
        err.contains("--> content/services/a-online.en.md:3:8"),
        "{err}"
    );
    // `documents` is a text field, but a list: a translation keeps the form.
    assert!(err.contains("`documents` must be a list\n"), "{err}");
    assert!(
        err.contains("--> content/services/a-online.en.md:4:12"),
        "{err}"
    );
}

#[test]
fn a_translation_needs_an_original_and_a_language_of_the_site() {
    let site = with_english();
    site.write(
        "content/services/a-onlin.en.md",
        "---\ntitle: Service A\n---\nText.\n",
    );
    site.write(
        "content/news/n1.fr.md",
        "---\ntitle: Nouvelle\n---\nTexte.\n",
    );
    let err = check(&site);
    assert!(
        err.contains(
            "`a-onlin.en.md` translates `content/services/a-onlin.md`, which does not exist"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `a-online.en.md`?"), "{err}");
    assert!(
        err.contains("`n1.fr.md` is a translation into `fr`, which is not a language of the site"),
        "{err}"
    );
    assert!(
        err.contains("add `fr` to `translations` in content/site.yaml"),
        "{err}"
    );
}

#[test]
fn a_translation_is_published_below_its_language_and_the_rest_says_where_it_is() {
    let site = with_english();
    site.write(
        "content/services/a-online.en.md",
        "---\ntitle: Service A online\nsummary: Short description of a-online.\n---\nDescription of a-online.\n",
    );
    site.write(
        "content/home.en.md",
        "---\ntitle: Welcome\n---\nThe test portal.\n",
    );
    site.write(
        "content/news/n1.en.md",
        "---\ntitle: First news in English\nsummary: In English.\n---\nText.\n",
    );
    let output = site.build(&[]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(!err.contains("error"), "{err}");

    // The translated page, in English, linked both ways with x-default.
    let en = site.page("en/leistungen/a-online/index.html");
    assert_eq!(attrs(&en, "html", "lang"), ["en"]);
    assert_eq!(texts(&en, "h1"), ["Service A online"]);
    let alternates = |html: &scraper::Html| {
        let codes = attrs(html, "link[rel=alternate][hreflang]", "hreflang");
        let urls = attrs(html, "link[rel=alternate][hreflang]", "href");
        codes.into_iter().zip(urls).collect::<Vec<_>>()
    };
    let expected = vec![
        (
            "de".to_owned(),
            "https://test.example/leistungen/a-online/".to_owned(),
        ),
        (
            "en".to_owned(),
            "https://test.example/en/leistungen/a-online/".to_owned(),
        ),
        (
            "x-default".to_owned(),
            "https://test.example/leistungen/a-online/".to_owned(),
        ),
    ];
    assert_eq!(alternates(&en), expected);
    let de = site.page("leistungen/a-online/index.html");
    assert_eq!(alternates(&de), expected);
    assert_eq!(
        attrs(&de, ".brand-bar__languages a", "href"),
        ["/en/leistungen/a-online/"]
    );

    // A page without a translation: no page below /en/, no hreflang, and
    // its switch says so in English.
    assert!(!site.out().join("en/leistungen/b-rollout").exists());
    let untranslated = site.page("leistungen/b-rollout/index.html");
    assert!(alternates(&untranslated).is_empty());
    assert_eq!(
        texts(&untranslated, ".brand-bar__languages li[lang=en]"),
        ["This page is not available in English. Go to the English start page"]
    );

    // Lists in English show what exists in English, and link the rest.
    let az = site.page("en/leistungen/a-z/index.html");
    let listed = attrs(&az, "main a[href^='/en/leistungen/']", "href");
    assert_eq!(listed, ["/en/leistungen/a-online/"]);
    assert_eq!(
        attrs(&az, "main .notice a[hreflang=de]", "href"),
        ["/leistungen/a-z/"]
    );
    let news = site.page("en/aktuelles/index.html");
    assert_eq!(
        texts(&news, ".news-item__title a"),
        ["First news in English"]
    );
    // A link to a document the edition does not translate is marked.
    let home = site.page("en/index.html");
    assert!(
        texts(&home, "main p")
            .iter()
            .any(|p| p == "The test portal."),
        "{:?}",
        texts(&home, "main p")
    );

    // Its own feed, search index and sitemap entries with alternates.
    let feed = site.read("en/aktuelles/atom.xml");
    assert!(feed.contains("xml:lang=\"en\""), "{feed}");
    assert!(feed.contains("First news in English"), "{feed}");
    assert!(!feed.contains("<title>n2"), "{feed}");
    assert!(
        site.out().join("en/suchindex/manifest.json").exists()
            || site.out().join("en/suchindex").is_dir()
    );
    let sitemap = site.read("sitemap.xml");
    let entry = sitemap
        .lines()
        .find(|l| l.contains("<loc>https://test.example/en/leistungen/a-online/</loc>"))
        .unwrap_or_else(|| panic!("{sitemap}"));
    assert!(
        entry.contains("<xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://test.example/leistungen/a-online/\"/>"),
        "{entry}"
    );
    let twin = site.read("en/leistungen/a-online/index.json");
    assert!(twin.contains("Service A online"), "{twin}");
    // The open data: one dataset, with each service's versions.
    let data: serde_json::Value =
        serde_json::from_str(&site.read("daten/leistungen.json")).unwrap();
    let services = data["services"].as_array().unwrap();
    let a = services.iter().find(|s| s["slug"] == "a-online").unwrap();
    assert_eq!(a["translations"]["en"]["title"], "Service A online");
    assert_eq!(
        a["translations"]["en"]["url"],
        "https://test.example/en/leistungen/a-online/"
    );
    let b = services.iter().find(|s| s["slug"] == "b-rollout").unwrap();
    assert_eq!(b["translations"], serde_json::json!({}), "{b}");
}

#[test]
fn every_hreflang_of_the_example_exists_and_points_back() {
    let site = crate::harness::Site::example();
    let output = site.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let base = "https://digital.rlp.example/";
    let file_of = |url: &str| {
        let path = url
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{url} is not on the site"));
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_owned()
        }
    };
    let set_of = |html: &scraper::Html| {
        let codes = attrs(html, "link[rel=alternate][hreflang]", "hreflang");
        let urls = attrs(html, "link[rel=alternate][hreflang]", "href");
        let mut set: Vec<(String, String)> = codes.into_iter().zip(urls).collect();
        set.sort();
        set
    };
    let mut pages_with_versions = 0;
    for file in crate::harness::files(&site.out()) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = site.page(&file);
        let set = set_of(&html);
        if set.is_empty() {
            continue;
        }
        pages_with_versions += 1;
        let canonical = attrs(&html, "link[rel=canonical]", "href").remove(0);
        assert!(
            set.iter()
                .any(|(code, url)| code != "x-default" && *url == canonical),
            "{file}: its own address is not among its versions {set:?}"
        );
        assert!(set.iter().any(|(code, _)| code == "x-default"), "{file}");
        for (code, url) in &set {
            let other = file_of(url);
            assert!(
                site.out().join(&other).exists(),
                "{file}: the {code} version {url} does not exist"
            );
            let lang = attrs(&site.page(&other), "html", "lang").remove(0);
            if code != "x-default" {
                assert_eq!(&lang, code, "{other}");
            }
            // The same set on every version: reciprocal.
            assert_eq!(
                set_of(&site.page(&other)),
                set,
                "{other} does not point back to {file}"
            );
        }
    }
    // The start page, the legal pages, services and news of the example.
    assert!(pages_with_versions >= 20, "{pages_with_versions}");
}

#[test]
fn a_stamped_translation_warns_when_its_original_changes_and_the_report_says_so() {
    let site = with_english();
    site.write(
        "content/services/a-online.en.md",
        "---\ntitle: Service A online\nsummary: Short description of a-online.\n---\nDescription of a-online.\n",
    );
    // Not stamped yet: a warning that says how.
    let output = site.run(&["check"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains("this translation does not record which version of content/services/a-online.md it translates"),
        "{err}"
    );
    assert!(
        err.contains("portal translations --stamp content/services/a-online.en.md"),
        "{err}"
    );
    // Stamped (the path as given from the site's folder): up to date.
    let stamp = site.run(&["translations", "--stamp", "content/services/a-online.en.md"]);
    assert!(stamp.status.success(), "{}", stderr(&stamp));
    let stamped = site.read_source("content/services/a-online.en.md");
    assert!(stamped.contains("translates:\n  summary: \""), "{stamped}");
    assert!(stamped.contains("  text: \""), "{stamped}");
    assert!(
        stamped.ends_with("---\nDescription of a-online.\n"),
        "{stamped}"
    );
    let err = stderr(&site.run(&["check"]));
    assert!(
        !err.contains("does not record") && !err.contains("changed since"),
        "{err}"
    );
    // Stamping again changes nothing.
    site.run(&["translations", "--stamp", "content/services/a-online.en.md"]);
    assert_eq!(site.read_source("content/services/a-online.en.md"), stamped);

    // The original's title and text change; its status does not count.
    site.edit(
        "content/services/a-online.md",
        "title: Leistung A-ONLINE",
        "title: Leistung A (online)",
    );
    site.edit(
        "content/services/a-online.md",
        "Beschreibung von a-online.",
        "Neue Beschreibung.",
    );
    site.edit(
        "content/services/a-online.md",
        "status: online",
        "status: online\nmaturity: 3",
    );
    let err = stderr(&site.run(&["check"]));
    assert!(
        err.contains("the original changed since this translation: its text (content/services/a-online.md), `title` (content/services/a-online.md:2)"),
        "{err}"
    );
    assert!(
        err.contains("--> content/services/a-online.en.md:4:1"),
        "{err}"
    );

    // The report, per language, as JSON.
    let report = site.run(&["translations", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let en = &json["languages"][0];
    assert_eq!(en["language"], "en");
    assert_eq!(
        en["translations"][0]["file"],
        "content/services/a-online.en.md"
    );
    assert_eq!(en["translations"][0]["state"], "outdated");
    assert_eq!(
        en["translations"][0]["parts"],
        serde_json::json!(["text", "title"])
    );
    let untranslated: Vec<&str> = en["untranslated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        untranslated.contains(&"content/services/b-rollout.md"),
        "{untranslated:?}"
    );
    assert!(
        !untranslated.contains(&"content/services/a-online.md"),
        "{untranslated:?}"
    );

    // A file that is no translation is refused.
    let wrong = site.run(&["translations", "--stamp", "content/services/b-rollout.md"]);
    assert!(!wrong.status.success());
    assert!(
        stderr(&wrong).contains("is no translation of this site"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn a_site_in_english_gets_the_theme_in_english() {
    let site = Site::fixture("small");
    site.edit("content/site.yaml", "language: de", "language: en");
    site.build(&[]);
    let page = site.page("leistungen/a-online/index.html");
    assert_eq!(crate::harness::attrs(&page, "html", "lang"), ["en"]);
    assert_eq!(texts(&page, ".skip-link"), ["Skip to content"]);
    assert_eq!(texts(&page, ".site-menu__button"), ["Menu"]);
    assert_eq!(texts(&page, ".breadcrumbs li")[0], "Home");
    assert_eq!(texts(&page, ".card__meta .status"), ["Available online"]);
    assert!(texts(&page, ".button--start")[0].starts_with("Apply online"));
    // Dates in English, from the string file's months.
    let facts = texts(&page, ".facts dd").join(" | ");
    assert!(facts.contains("15 January 2026"), "{facts}");
    // The German site says it in German.
    let german = Site::fixture("small");
    german.build(&[]);
    let page = german.page("leistungen/a-online/index.html");
    assert_eq!(texts(&page, ".card__meta .status"), ["Online verfügbar"]);
    let facts = texts(&page, ".facts dd").join(" | ");
    assert!(facts.contains("15. Januar 2026"), "{facts}");
}

#[test]
fn leichte_sprache_is_german_below_its_own_address_and_its_start_page_is_checked() {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "language: de",
        "language: de\ntranslations: [en, ls]",
    );
    // The page at /leichte-sprache/ is where the pages in Leichte Sprache
    // begin: the error says where its text goes.
    let err = check(&site);
    assert!(
        err.contains("the page path `/leichte-sprache/` is taken by the pages in Leichte Sprache"),
        "{err}"
    );
    assert!(
        err.contains("the start page in Leichte Sprache is content/home.ls.md"),
        "{err}"
    );
    assert!(err.contains("1 error"), "{err}");

    std::fs::remove_file(site.root().join("content/pages/leichte-sprache.md")).unwrap();
    site.write(
        "content/home.ls.md",
        "---\ntitle: Das Test-Portal in Leichter Sprache\n---\n## Was finden Sie hier?\n\nTexte.\n\n## So finden Sie sich zurecht\n\nOben ist das Menü.\n",
    );
    site.write(
        "content/services/a-online.ls.md",
        "---\ntitle: Leistung A im Internet\n---\nEin einfacher Text.\n",
    );
    let output = site.build(&[]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    // Two of the four contents of BITV 2.0 § 4 are missing.
    assert!(
        err.contains(
            "the page in Leichte Sprache lacks 2 of the four contents BITV 2.0 § 4 asks for"
        ),
        "{err}"
    );
    assert!(err.contains("--> content/home.ls.md"), "{err}");

    let home = site.page("leichte-sprache/index.html");
    assert_eq!(attrs(&home, "html", "lang"), ["de"]);
    assert_eq!(texts(&home, "h1"), ["Das Test-Portal in Leichter Sprache"]);
    // German, so no hreflang alternate; linked from the German page.
    let easy = site.page("leichte-sprache/leistungen/a-online/index.html");
    assert_eq!(attrs(&easy, "html", "lang"), ["de"]);
    assert_eq!(texts(&easy, "h1"), ["Leistung A im Internet"]);
    assert!(attrs(&easy, "link[rel=alternate][hreflang]", "href").is_empty());
    let german = site.page("leistungen/a-online/index.html");
    assert_eq!(
        attrs(&german, ".brand-bar__access a[lang=de]", "href"),
        ["/leichte-sprache/leistungen/a-online/"]
    );
    assert!(!attrs(&german, "link[rel=alternate][hreflang]", "hreflang")
        .iter()
        .any(|code| code != "de" && code != "x-default" && code != "en"));
    // A page without a version in Leichte Sprache links its start page.
    let other = site.page("leistungen/b-rollout/index.html");
    assert_eq!(
        attrs(&other, ".brand-bar__access a[lang=de]", "href"),
        ["/leichte-sprache/"]
    );
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://test.example/leichte-sprache/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("hreflang=\"ls\""), "{sitemap}");
}
