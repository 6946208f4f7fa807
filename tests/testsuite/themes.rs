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
