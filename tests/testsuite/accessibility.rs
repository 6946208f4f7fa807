//! Fixture `small`: what BITV 2.0 and privacy ask of every page, checked
//! in the HTML (the real-browser checks live in tests/browser/).

use crate::harness::{attrs, files, running_scripts, stderr, texts, Site};

#[test]
fn every_page_has_language_landmarks_skip_link_and_legal_footer() {
    let site = Site::fixture("small");
    site.build(&[]);
    for file in files(&site.out())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let page = site.page(&file);
        assert_eq!(attrs(&page, "html", "lang"), ["de"], "{file}");
        assert_eq!(
            attrs(&page, "body > a.skip-link", "href"),
            ["#_inhalt"],
            "{file}"
        );
        assert_eq!(attrs(&page, "main", "id"), ["_inhalt"], "{file}");
        assert_eq!(texts(&page, "header").len(), 1, "{file}");
        assert_eq!(texts(&page, "footer").len(), 1, "{file}");
        assert_eq!(
            texts(&page, "footer nav li a"),
            [
                "Impressum",
                "Datenschutz",
                "Erklärung zur Barrierefreiheit",
                "Leichte Sprache",
                "Gebärdensprache",
                "Nachrichten als Feed (Atom)",
                "Offene Daten"
            ],
            "{file}"
        );
        let csp = attrs(&page, "meta[http-equiv=Content-Security-Policy]", "content");
        assert!(
            csp[0].starts_with("default-src 'none'; style-src 'self'; img-src 'self'"),
            "{file}: {csp:?}"
        );
        // Only the search page runs a script: the theme's own, same-origin,
        // which the page's CSP alone allows.
        let scripts = running_scripts(&page);
        if file == "suche/index.html" {
            // The fingerprinted name: assets/search.<10 hex digits>.js.
            assert_eq!(scripts.len(), 1, "{scripts:?}");
            let src = scripts[0]
                .strip_prefix(r#"<script src="/assets/search."#)
                .and_then(|s| s.strip_suffix(r#".js" type="module"></script>"#))
                .unwrap_or_else(|| panic!("{scripts:?}"));
            assert!(
                src.len() == 10 && src.chars().all(|c| c.is_ascii_hexdigit()),
                "{src}"
            );
        } else {
            assert!(scripts.is_empty(), "{file} has script: {scripts:?}");
        }
        let allows_script = csp[0].contains("script-src");
        assert_eq!(allows_script, file == "suche/index.html", "{file}: {csp:?}");
        assert!(attrs(&page, "iframe", "src").is_empty(), "{file}");
    }
}

#[test]
fn home_offers_easy_language_and_sign_language_at_once() {
    let site = Site::fixture("small");
    site.build(&[]);
    let home = site.page("index.html");
    assert_eq!(
        attrs(&home, ".access-box a", "href"),
        ["/leichte-sprache/", "/gebaerdensprache/"]
    );
    // Also in the header of every page.
    assert_eq!(
        texts(&home, ".brand-bar__access a"),
        ["Leichte Sprache", "Gebärdensprache"]
    );
}

#[test]
fn breadcrumbs_mark_the_current_page() {
    let site = Site::fixture("small");
    site.build(&[]);
    let page = site.page("leistungen/a-online/index.html");
    assert_eq!(
        attrs(&page, ".breadcrumbs a[aria-current=page]", "href"),
        ["/leistungen/a-online/"]
    );
    assert_eq!(
        attrs(&page, ".site-nav a[aria-current=true]", "href"),
        ["/leistungen/"]
    );
}

#[test]
fn service_pages_follow_the_start_page_pattern() {
    let site = Site::fixture("small");
    site.build(&[]);
    let online = site.page("leistungen/a-online/index.html");
    assert_eq!(
        attrs(&online, "a.button--start", "href"),
        ["https://a.test.example/"]
    );
    assert_eq!(
        texts(&online, "a.button--start"),
        ["Online beantragen : Leistung A-ONLINE"]
    );
    let planned = site.page("leistungen/c-planned/index.html");
    assert!(attrs(&planned, "a.button--start", "href").is_empty());
    assert!(texts(&planned, ".hint")[0].contains("noch nicht online"));
    // Facts in the order citizens ask them.
    let terms = texts(&online, "dl.facts:first-of-type dt");
    assert_eq!(terms[0], "Für wen?");
}

#[test]
fn a_theme_that_loads_from_another_host_fails_the_build() {
    let site = Site::fixture("small");
    site.build(&[]);
    site.write(
        "themes/default/static/assets/print.css",
        "@font-face { font-family: X; src: url(https://fonts.gstatic.com/s/x.woff2) }",
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("`assets/print.css` would make the visitor's browser contact another host: https://fonts.gstatic.com/s/x.woff2"), "{err}");

    site.write("themes/default/static/assets/print.css", "");
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<iframe src=\"https://video.example/x\" title=\"x\"></iframe>{% endblock content %}",
    );
    let err = stderr(&site.run(&["build"]));
    assert!(err.contains("`/404.html` would make the visitor's browser contact another host: <iframe src>: https://video.example/x"), "{err}");
}

#[test]
fn the_output_guard_refuses_script_and_what_it_cannot_read() {
    let site = Site::fixture("small");
    site.build(&[]);
    let before = site.output_bytes();
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<a href=\"&#106;avascript:alert(1)\" onclick=\"x()\">x</a>{% endblock content %}",
    );
    site.write("content/static/alt.html", "<p>caf\u{e9}</p>");
    std::fs::write(
        site.root().join("content/static/latin1.css"),
        b"a { content: \"caf\xe9\" }",
    )
    .unwrap();
    site.write(
        "content/static/kaputt.html",
        "<select><plaintext><script>alert(1)</script>",
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    for expected in [
        "error: `/404.html` would run script: <a href=\"javascript:alert(1)\">; <a onclick>",
        "error: `latin1.css` is not UTF-8 text, so it cannot be checked",
        "error: `kaputt.html` cannot be parsed as HTML",
    ] {
        assert!(err.contains(expected), "{expected:?} missing in\n{err}");
    }
    assert!(!err.contains("alt.html"), "{err}");
    assert_eq!(
        site.output_bytes(),
        before,
        "the previous output is unchanged"
    );
}

#[test]
fn editors_text_cannot_inject_markup() {
    let site = Site::fixture("small");
    site.edit(
        "content/services/a-online.md",
        "title: Leistung A-ONLINE",
        "title: \"<script>alert(1)</script> & \\\"Quote\\\"\"",
    );
    site.edit(
        "content/services/a-online.md",
        "Beschreibung von a-online.",
        "<img src=x onerror=alert(1)>",
    );
    site.build(&[]);
    let html = site.read("leistungen/a-online/index.html");
    assert_eq!(
        running_scripts(&scraper::Html::parse_document(&html)),
        Vec::<String>::new()
    );
    // The JSON-LD block is the only script element, and the title did not
    // end it.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(
        html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quote&quot;</h1>"),
        "{html}"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}
