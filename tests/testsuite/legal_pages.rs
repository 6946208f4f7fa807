//! Fixture `small`: the accessibility statement and the Impressum as typed
//! fields, checked like every other field and rendered in the order and
//! wording of the EU model statement.

use crate::harness::{attrs, stderr, texts, Site};

const STATEMENT: &str = "content/pages/barrierefreiheit.md";
const IMPRINT: &str = "content/pages/impressum.md";

/// Runs `portal check` and returns its exit status and messages.
fn check(site: &Site) -> (bool, String) {
    let output = site.run(&["check"]);
    (output.status.success(), stderr(&output))
}

#[test]
fn the_statement_follows_the_eu_model() {
    let site = Site::fixture("small");
    let output = site.build(&[]);
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    let page = site.page("barrierefreiheit/index.html");
    assert_eq!(
        texts(&page, ".legal h2"),
        [
            "Stand der Vereinbarkeit mit den Anforderungen",
            "Nicht barrierefreie Inhalte",
            "Erstellung dieser Erklärung zur Barrierefreiheit",
            "Feedback und Kontaktangaben",
            "Durchsetzungsverfahren",
        ]
    );
    let text = texts(&page, ".legal").join(" ");
    for expected in [
        "Herausgeber dieses Portals ist: Testministerium.",
        "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0)",
        "WCAG) 2.1, Konformitätsstufe AA",
        "mit den genannten Anforderungen teilweise vereinbar",
        "Diese Erklärung wurde am 1. Mai 2026 erstellt. Sie beruht auf einer Bewertung durch Dritte durch Prüfstelle Beispiel.",
        "zuletzt am 1. Juni 2026 überprüft",
        "Schlichtungsstelle Test",
        "Teststraße 1, 12345 Teststadt",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in {text}");
    }
    // Barriers grouped by reason, in the model's order (not the file's).
    assert_eq!(
        texts(&page, ".legal h3"),
        [
            "Unvereinbarkeit mit den Anforderungen",
            "Unverhältnismäßige Belastung"
        ]
    );
    assert!(texts(&page, ".barriers li")[0].contains("Alte PDF-Dateien"));
    assert!(
        texts(&page, ".barriers li")[1].contains("Barrierefreie Alternative: Auskunft per E-Mail")
    );
    let links = attrs(&page, ".legal a", "href");
    assert!(links.contains(&"mailto:barrierefreiheit@test.example".to_owned()));
    assert!(links.contains(&"https://schlichtung.test.example/".to_owned()));
    assert!(links.contains(&"tel:+4930000000".to_owned()), "{links:?}");
    // The editor's own text follows the fields.
    assert_eq!(texts(&page, ".legal ~ .prose h2"), ["Übersicht"]);
}

#[test]
fn the_imprint_shows_every_field_the_law_asks_for() {
    let site = Site::fixture("small");
    site.build(&[]);
    let page = site.page("impressum/index.html");
    let text = texts(&page, ".legal").join(" ");
    for expected in [
        "Testministerium",
        "Oberste Landesbehörde",
        "Vertreten durch: die Ministerin",
        "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
        "Erika Muster",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in {text}");
    }
    assert_eq!(
        attrs(&page, ".legal a", "href"),
        ["mailto:kontakt@test.example", "tel:+4930111111"]
    );
}

#[test]
fn a_missing_schlichtungsstelle_is_an_error() {
    let site = Site::fixture("small");
    let text = site.read_source(STATEMENT);
    let start = text.find("  enforcement:").unwrap();
    let end = text.find("---\n## ").unwrap();
    site.write(STATEMENT, &format!("{}{}", &text[..start], &text[end..]));
    let (ok, err) = check(&site);
    assert!(!ok, "{err}");
    assert!(
        err.contains("error: missing required field `enforcement` in `accessibility`"),
        "{err}"
    );
    assert!(
        err.contains(" --> content/pages/barrierefreiheit.md:4:1"),
        "{err}"
    );
    assert!(
        err.contains(
            "help: add `enforcement:` with a group of the fields name, legal_basis, address, url"
        ),
        "{err}"
    );
}

#[test]
fn an_unknown_conformity_status_is_an_error_with_the_allowed_values() {
    let site = Site::fixture("small");
    site.edit(
        STATEMENT,
        "conformity: partially_compliant",
        "conformity: partialy_compliant",
    );
    let (ok, err) = check(&site);
    assert!(!ok);
    assert!(
        err.contains(
            "error: `partialy_compliant` is not a valid value for `accessibility.conformity`"
        ),
        "{err}"
    );
    assert!(
        err.contains(" --> content/pages/barrierefreiheit.md:5:15"),
        "{err}"
    );
    assert!(
        err.contains("help: did you mean `partially_compliant`? allowed: fully_compliant, partially_compliant, not_compliant"),
        "{err}"
    );
}

#[test]
fn a_legal_page_without_its_fields_is_an_error() {
    let site = Site::fixture("small");
    site.write(
        IMPRINT,
        "---\ntitle: Impressum\nlegal: imprint\n---\nText.\n",
    );
    let (ok, err) = check(&site);
    assert!(!ok);
    assert!(
        err.contains("error: missing required field `imprint` (a page with `legal: imprint` needs it)\n --> content/pages/impressum.md:3:8"),
        "{err}"
    );
}

#[test]
fn the_rules_between_fields_hold() {
    let site = Site::fixture("small");
    site.edit(STATEMENT, "  assessor: Prüfstelle Beispiel\n", "");
    site.edit(STATEMENT, "prepared: 2026-05-01", "prepared: 2026-07-01");
    site.edit(
        STATEMENT,
        "url: https://schlichtung.test.example/",
        "url: javascript:alert(1)",
    );
    site.edit(STATEMENT, "phone: \"+49 30 000000\"", "phone: \"call me\"");
    site.write(
        "content/pages/ueber/team.md",
        "---\ntitle: Team\naccessibility:\n  conformity: fully_compliant\n  standards: [bitv_2_0]\n  method: self_assessment\n  prepared: 2026-01-01\n  reviewed: 2026-01-01\n  enforcement: {name: S, legal_basis: § 16 BGG, address: A, url: \"https://s.example/\"}\n---\nText.\n",
    );
    site.edit(IMPRINT, "email: kontakt@test.example", "email: kontakt");
    site.edit(
        "content/home.md",
        "summary: Das Testportal zeigt die Digitalisierung.",
        "summary: S.\nimprint:\n  provider: {name: N, address: A}\n  represented_by: R\n  email: a@b.de\n  phone: \"123\"\n  content_responsible: {name: N, address: A}",
    );
    let (ok, err) = check(&site);
    assert!(!ok);
    for expected in [
        "error: an assessment by a third party must name who made it\n --> content/pages/barrierefreiheit.md:7:11",
        "error: the statement was reviewed (2026-06-01) before it was prepared (2026-07-01)\n --> content/pages/barrierefreiheit.md:9:13",
        "error: the address `javascript:alert(1)` could run a script",
        "error: `call me` is not a telephone number",
        "error: `accessibility:` belongs only on the page with `legal: accessibility`\n --> content/pages/ueber/team.md:3:1",
        "error: `kontakt` is not an e-mail address\n  --> content/pages/impressum.md:10:10",
        "error: `imprint:` belongs only on the page with `legal: imprint`\n --> content/home.md:4:1",
    ] {
        assert!(err.contains(expected), "{expected:?} missing in\n{err}");
    }
}

#[test]
fn a_partly_compliant_site_must_list_its_barriers() {
    let site = Site::fixture("small");
    let text = site.read_source(STATEMENT);
    let start = text.find("  barriers:").unwrap();
    let end = text.find("  enforcement:").unwrap();
    site.write(STATEMENT, &format!("{}{}", &text[..start], &text[end..]));
    let (ok, err) = check(&site);
    assert!(!ok);
    assert!(
        err.contains(
            "error: a site that is `partially_compliant` must list what is not accessible"
        ),
        "{err}"
    );
}

#[test]
fn an_old_review_date_is_warned_about() {
    let site = Site::fixture("small");
    site.edit(STATEMENT, "prepared: 2026-05-01", "prepared: 2025-05-01");
    site.edit(STATEMENT, "reviewed: 2026-06-01", "reviewed: 2025-06-01");
    let output = site.build(&[]);
    let err = stderr(&output);
    assert!(err.contains("warning: the accessibility statement was last reviewed on 2025-06-01, more than a year ago"), "{err}");
    assert!(
        err.contains("--> content/pages/barrierefreiheit.md:10:13"),
        "{err}"
    );
}

#[test]
fn portal_new_scaffolds_a_legal_page_with_its_fields() {
    let site = Site::fixture("small");
    std::fs::remove_file(site.root().join(STATEMENT)).unwrap();
    let output = site.run(&[
        "new",
        "page",
        "barrierefreiheit",
        "--legal",
        "accessibility",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = site.read_source(STATEMENT);
    assert!(text.contains("\nlegal: accessibility\n"), "{text}");
    assert!(text.contains("\naccessibility:\n"), "{text}");
    let conformity_line = text
        .lines()
        .position(|l| l == "  conformity: TODO")
        .expect("conformity is scaffolded")
        + 1;
    let (ok, err) = check(&site);
    assert!(!ok);
    assert!(
        err.contains(&format!(
            "error: the placeholder `TODO` is still here\n  --> content/pages/barrierefreiheit.md:{conformity_line}:15"
        )),
        "{err}"
    );
    let refused = site.run(&["new", "service", "x", "--legal", "imprint"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("--legal is only for pages"));
}

#[test]
fn the_easy_language_and_sign_language_pages_carry_the_four_contents_of_bitv_section_4() {
    let site = Site::fixture("small");
    let output = site.run(&["check"]);
    assert!(
        !stderr(&output).contains("BITV 2.0 § 4"),
        "{}",
        stderr(&output)
    );
    // Without the sections on navigation and on further content.
    site.edit(
        "content/pages/leichte-sprache.md",
        "## So finden Sie sich zurecht",
        "## Wie es geht",
    );
    site.edit(
        "content/pages/leichte-sprache.md",
        "## Weitere Texte in Leichter Sprache",
        "## Noch etwas",
    );
    let output = site.run(&["check"]);
    let err = stderr(&output);
    assert!(output.status.success(), "a warning, not an error: {err}");
    assert!(
        err.contains("warning: the page in Leichte Sprache lacks 2 of the four contents BITV 2.0 § 4 asks for: how to find one's way in the site; where more such content is"),
        "{err}"
    );
    assert!(
        err.contains("--> content/pages/leichte-sprache.md:1:1"),
        "{err}"
    );
    assert!(
        err.contains("`## So finden Sie sich zurecht`, `## Weitere Texte in Leichter Sprache`"),
        "{err}"
    );
    assert!(!err.contains("the page in Gebärdensprache"), "{err}");
}
