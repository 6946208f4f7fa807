//! Fixture `small` with languages: `language` and `translations` in
//! site.yaml, the theme's texts per language (`strings/<code>.yaml`) and
//! their checks, each problem at its file and line.

use crate::harness::{stderr, texts, Site};

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
    assert!(err.contains("`eng` is not a language code portal knows"), "{err}");
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
    assert!(err.contains("`deutsch` is not a language tag portal knows"), "{err}");
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
    assert!(err.contains("the text `frame.hotline` has no version in `en`"), "{err}");
    assert!(err.contains("--> themes/default/strings/de.yaml:3:12"), "{err}");
    assert!(err.contains("add `frame.hotline` to themes/default/strings/en.yaml"), "{err}");
    // A language the theme does not speak.
    site.write(
        "themes/default/strings/de.yaml",
        "frame:\n  skip_link: Direkt zum Inhalt\n",
    );
    site.edit("content/site.yaml", "translations: [en]", "translations: [en, tr]");
    let err = check(&site);
    assert!(err.contains("the theme has no texts in the language `tr`"), "{err}");
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
    assert!(err.contains("--> themes/default/templates/404.html:3:15"), "{err}");
    assert!(err.contains("did you mean `frame.menu`?"), "{err}");

    // A string file named after no language.
    site.write("themes/default/templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Nicht gefunden</h1>{% endblock content %}");
    site.write("themes/default/strings/english.yaml", "frame: {}\n");
    let err = check(&site);
    assert!(err.contains("`english.yaml` is not named after a language"), "{err}");
}
