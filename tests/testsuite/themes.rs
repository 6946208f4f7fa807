//! Fixture `small` with a site theme: files of `themes/<name>/` replace the
//! built-in ones one by one.

use crate::harness::{stderr, texts, Site};

#[test]
fn a_site_template_replaces_the_built_in_one() {
    let site = Site::fixture("small");
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Hier ist nichts</h1>{% endblock content %}",
    );
    site.write("themes/default/static/assets/extra.css", "body{}");
    site.build(&[]);
    assert_eq!(texts(&site.page("404.html"), "h1"), ["Hier ist nichts"]);
    // The other templates are still the built-in ones.
    assert_eq!(texts(&site.page("themen/index.html"), "h1"), ["Themen"]);
    // A stylesheet added by the theme is published under its fingerprint.
    let extra: Vec<String> = crate::harness::files(&site.out())
        .into_iter()
        .filter(|f| f.starts_with("assets/extra.") && f.ends_with(".css"))
        .collect();
    assert_eq!(extra.len(), 1, "{extra:?}");
    assert_eq!(site.read(&extra[0]), "body{}");
}

#[test]
fn a_named_theme_must_exist() {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "news_per_page: 3",
        "news_per_page: 3\ntheme: amtlich",
    );
    let output = site.run(&["build"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("the theme `amtlich` does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_broken_site_template_names_its_file_and_line() {
    let site = Site::fixture("small");
    site.write("themes/default/templates/topics.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ topics | }}\n{% endblock content %}\n");
    let output = site.run(&["build"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("--> themes/default/templates/topics.html:3:"),
        "{err}"
    );
}

#[test]
fn a_state_brands_the_portal_with_its_colours_and_logo() {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "news_per_page: 3",
        "news_per_page: 3\ntheme: land",
    );
    site.write(
        "themes/land/static/assets/brand.css",
        ":root { --color-brand: #7a0019; --color-brand-contrast: #ffffff; }\n",
    );
    site.write(
        "themes/land/static/assets/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>",
    );
    site.build(&[]);
    let home = site.page("index.html");
    // The state's brand.css, fingerprinted, before the default portal.css.
    let sheets = crate::harness::attrs(&home, "link[rel=stylesheet]:not([media])", "href");
    assert_eq!(sheets.len(), 2, "{sheets:?}");
    assert!(sheets[0].starts_with("/assets/brand.") && sheets[1].starts_with("/assets/portal."));
    let brand = site.read(sheets[0].trim_start_matches('/'));
    assert!(brand.contains("#7a0019"), "{brand}");
    // The logo beside the site's name instead of the coloured bar.
    let logo = crate::harness::attrs(&home, ".site-title img.site-title__logo", "src");
    assert_eq!(logo, ["/assets/logo.svg"]);
    assert_eq!(crate::harness::attrs(&home, ".site-title img", "alt"), [""]);
    assert!(texts(&home, ".site-title__mark").is_empty());
    // Without a logo, the bar.
    let plain = Site::fixture("small");
    plain.build(&[]);
    assert_eq!(
        crate::harness::attrs(
            &plain.page("index.html"),
            ".site-title__mark",
            "aria-hidden"
        ),
        ["true"]
    );
}
