//! The cause first, and every problem in one run: mistakes an editor makes
//! in the repository's own example site, each reported once, at its file
//! and line, with no errors in files the editor did not touch.

use serde_json::Value;

use crate::harness::{stderr, stdout, Site};

/// Every diagnostic of `portal check --format json`, in output order.
fn check(site: &Site) -> Vec<Value> {
    let output = site.run(&["check", "--format", "json"]);
    stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn at(d: &Value) -> String {
    format!(
        "{}:{}: {}",
        d["file"].as_str().unwrap_or("-"),
        d["line"],
        d["message"].as_str().unwrap_or_default()
    )
}

/// The errors as `file:line: message`.
fn errors_at(found: &[Value]) -> Vec<String> {
    found
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(at)
        .collect()
}

/// Asserts that the errors are exactly `expected` (file, line, message
/// start), in this order, and nothing else.
fn assert_errors(found: &[Value], expected: &[(&str, u64, &str)]) {
    let errors: Vec<&Value> = found.iter().filter(|d| d["severity"] == "error").collect();
    let shown: Vec<String> = found.iter().map(at).collect();
    assert_eq!(errors.len(), expected.len(), "{shown:#?}");
    for (d, (file, line, message)) in errors.iter().zip(expected) {
        assert_eq!(d["file"], *file, "{shown:#?}");
        assert_eq!(d["line"], *line, "{shown:#?}");
        assert!(
            d["message"].as_str().unwrap().starts_with(message),
            "{shown:#?}"
        );
    }
}

#[test]
fn a_wrong_status_is_one_error_and_links_to_the_service_still_resolve() {
    let site = Site::example();
    site.edit(
        "content/services/wohngeld.md",
        "status: pilot\n",
        "status: Online verfügbar\n",
    );
    let found = check(&site);
    assert_errors(
        &found,
        &[(
            "content/services/wohngeld.md",
            7,
            "`Online verfügbar` is not a valid value for `status`",
        )],
    );
    // The label copied from the page leads to the value to write.
    assert_eq!(
        found[0]["help"],
        "`Online verfügbar` is how the site shows `online`: write `status: online`"
    );
    // News link to /leistungen/wohngeld/: not one "link target does not exist".
    assert!(found
        .iter()
        .all(|d| !d["message"].as_str().unwrap().contains("link target")));
}

#[test]
fn a_misspelt_field_is_one_error_with_the_right_name() {
    let site = Site::example();
    site.edit(
        "content/services/wohngeld.md",
        "status: pilot\n",
        "stauts: pilot\n",
    );
    let found = check(&site);
    assert_errors(
        &found,
        &[("content/services/wohngeld.md", 7, "unknown field `stauts`")],
    );
    assert_eq!(
        found[0]["help"],
        "did you mean `status`? (`status` is required)"
    );
}

#[test]
fn broken_indentation_is_reported_where_it_is_and_nowhere_else() {
    let site = Site::example();
    // A list entry indented deeper than the one before: YAML reads it as
    // the continuation of that entry.
    site.edit(
        "content/services/wohngeld.md",
        "  - bauen-und-wohnen\n",
        "    - bauen-und-wohnen\n",
    );
    let found = check(&site);
    assert_errors(
        &found,
        &[("content/services/wohngeld.md", 3, "unknown topic")],
    );
    assert!(
        found[0]["help"].as_str().unwrap().contains("not aligned"),
        "{found:#?}"
    );

    // Broken YAML syntax: the file cannot be read at all, yet links and
    // references to the service are not reported.
    let site = Site::example();
    site.edit(
        "content/services/wohngeld.md",
        "status: pilot\n",
        "status: pilot\n  oops: [\n",
    );
    let found = check(&site);
    let errors = errors_at(&found);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("content/services/wohngeld.md:"),
        "{errors:#?}"
    );
    assert!(errors[0].contains("the YAML is malformed"), "{errors:#?}");
}

#[test]
fn three_mistakes_in_one_file_are_reported_in_one_run() {
    let site = Site::example();
    site.edit(
        "content/services/wohngeld.md",
        "status: pilot\n",
        "status: Online\n",
    );
    site.edit(
        "content/services/wohngeld.md",
        "leika: \"99000000000001\"\n",
        "leika: 99000000000001\n",
    );
    site.edit(
        "content/services/wohngeld.md",
        "  - familie-und-soziales\n",
        "  - familie-und-sozialess\n",
    );
    let found = check(&site);
    assert_errors(
        &found,
        &[
            (
                "content/services/wohngeld.md",
                3,
                "unknown topic `familie-und-sozialess`",
            ),
            (
                "content/services/wohngeld.md",
                7,
                "`Online` is not a valid value for `status`",
            ),
            ("content/services/wohngeld.md", 10, "`leika` must be text"),
        ],
    );
    assert_eq!(found[0]["help"], "did you mean `familie-und-soziales`?");
    assert_eq!(
        found[2]["help"],
        "put it in quotes: `leika: \"99000000000001\"`"
    );
}

#[test]
fn three_mistakes_in_three_files_are_reported_in_one_run() {
    let site = Site::example();
    site.edit(
        "content/services/bauantrag.md",
        "status: rollout\n",
        "status: roll-out\n",
    );
    site.edit(
        "content/news/kommunalpakt-und-fokusleistungen.md",
        "date: 2024-04-04\n",
        "date: 2024-04-31\n",
    );
    site.edit(
        "content/governance/people/fedor-ruhose.md",
        "name:",
        "nmae:",
    );
    let found = check(&site);
    let errors = errors_at(&found);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors[0].starts_with("content/governance/people/fedor-ruhose.md:2: unknown field `nmae`"),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with(
            "content/news/kommunalpakt-und-fokusleistungen.md:3: `date` must be a date"
        ),
        "{errors:#?}"
    );
    assert!(
        errors[2].starts_with("content/services/bauantrag.md:"),
        "{errors:#?}"
    );
    assert!(
        errors[2].contains("`roll-out` is not a valid value for `status`"),
        "{errors:#?}"
    );
    // Every page links to the article and the person: no knock-on, and the
    // service's other references are checked in the same run.
    assert!(
        found.iter().all(|d| d["severity"] == "error"),
        "no warnings either: {found:#?}"
    );
}

#[test]
fn did_you_mean_never_names_another_service() {
    let site = Site::example();
    site.edit(
        "content/news/kommunalpakt-und-fokusleistungen.md",
        "(/leistungen/wohngeld/)",
        "(/leistungen/wohngelt/)",
    );
    site.edit(
        "content/news/kommunalpakt-und-fokusleistungen.md",
        "(/leistungen/bauantrag/)",
        "(/leistungen/baugenehmigung/)",
    );
    let found = check(&site);
    let helps: Vec<&str> = found
        .iter()
        .map(|d| d["help"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(helps[0], "did you mean `/leistungen/wohngeld/`?");
    assert!(!helps[1].contains("did you mean"), "{helps:?}");
}

#[test]
fn an_empty_folder_gets_one_error_and_no_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("portal")
        .unwrap()
        .current_dir(dir.path())
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.starts_with("error: no `content/` folder in"), "{err}");
    assert!(!err.contains("warning:"), "{err}");
    assert!(err.contains("1 error, 0 warnings"), "{err}");
}

#[test]
fn a_role_without_its_start_hides_nothing_else_of_the_file() {
    let site = Site::example();
    site.edit(
        "content/governance/people/fedor-ruhose.md",
        "    from: 2021-06\n",
        "",
    );
    let body = site.read_source("content/governance/people/fedor-ruhose.md");
    site.write(
        "content/governance/people/fedor-ruhose.md",
        &format!("{body}\nMehr unter [Strategie](/digitalstrategie-neu/).\n"),
    );
    let found = check(&site);
    let errors = errors_at(&found);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].contains("missing required field `from` in `roles[1]`"),
        "{errors:#?}"
    );
    // The link in the same file is checked in the same run.
    assert!(
        errors[1].contains("the link target `/digitalstrategie-neu/` does not exist"),
        "{errors:#?}"
    );
}

#[test]
fn a_broken_topics_file_is_one_error_not_one_per_reference() {
    let site = Site::example();
    site.edit(
        "content/topics.yaml",
        "- slug: familie-und-soziales\n",
        "- slug: familie-und-soziales\n  titel: x\n",
    );
    let found = check(&site);
    let errors = errors_at(&found);
    assert!(
        !errors.is_empty() && errors.iter().all(|e| e.starts_with("content/topics.yaml:")),
        "{errors:#?}"
    );
    assert!(found
        .iter()
        .all(|d| !d["message"].as_str().unwrap().starts_with("unknown topic")));
}

#[test]
fn a_link_to_an_unfinished_draft_is_still_a_broken_link() {
    let site = Site::example();
    assert!(site.run(&["new", "news", "in-arbeit"]).status.success());
    let home = site.read_source("content/home.md");
    site.write(
        "content/home.md",
        &format!("{home}\nSiehe [Neu](/aktuelles/2026/in-arbeit/).\n"),
    );
    let found = check(&site);
    let errors = errors_at(&found);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("the link target `/aktuelles/2026/in-arbeit/` does not exist"),
        "{errors:#?}"
    );
}

#[test]
fn a_topic_renamed_to_an_invalid_slug_is_reported_before_the_references_it_leaves() {
    let site = Site::example();
    site.edit(
        "content/topics.yaml",
        "- slug: familie-und-soziales\n",
        "- slug: Familie und Soziales\n",
    );
    let found = check(&site);
    let errors = errors_at(&found);
    // The references to the old slug are unresolved too, but the cause is
    // the topics file, and it comes first whatever the files are named.
    assert!(
        errors[0].starts_with("content/topics.yaml:4: `Familie und Soziales` is not a valid slug"),
        "{errors:#?}"
    );
    assert!(
        errors[1..]
            .iter()
            .all(|e| e.contains("unknown topic `familie-und-soziales`")),
        "{errors:#?}"
    );
}

#[test]
fn a_site_yaml_that_cannot_be_read_is_the_only_thing_reported() {
    let site = Site::example();
    // A misspelt field of the publisher: site.yaml cannot be read, and
    // without it neither the data source (whose services would lack their
    // titles) nor the languages (the Leichte Sprache page) are known.
    site.edit("content/site.yaml", "  body: mastd\n", "  bodi: mastd\n");
    let found = check(&site);
    let shown: Vec<String> = found.iter().map(at).collect();
    assert_eq!(
        shown,
        ["content/site.yaml:15: unknown field `bodi`"],
        "{shown:#?}"
    );
    // A mistake deep in an optional group is named where it is.
    let site = Site::example();
    site.edit(
        "content/site.yaml",
        "    name: gitlab\n",
        "    name: bitbucket\n",
    );
    let found = check(&site);
    assert_errors(
        &found,
        &[(
            "content/site.yaml",
            68,
            "`bitbucket` is not a valid value for `admin.backend.name`",
        )],
    );
}

#[test]
fn a_topics_file_below_the_wrong_key_is_one_error_at_that_key() {
    let site = Site::example();
    site.edit("content/topics.yaml", "\ntopics:\n", "\nthemen:\n");
    let found = check(&site);
    assert_errors(
        &found,
        &[(
            "content/topics.yaml",
            3,
            "topics.yaml holds a list of topics, alone or below `topics:`, not `themen:`",
        )],
    );
    assert_eq!(
        found[0]["help"], "write `topics:` here, or the list alone",
        "{found:#?}"
    );
}

#[test]
fn a_field_given_twice_a_tab_or_a_misindented_field_is_named_at_its_line() {
    let site = Site::example();
    site.edit(
        "content/services/wohngeld.md",
        "local_text: after\n",
        "local_text: after\nstatus: online\n",
    );
    let found = check(&site);
    assert_errors(
        &found,
        &[(
            "content/services/wohngeld.md",
            19,
            "the YAML is malformed: `status` is given a second time",
        )],
    );
    let site = Site::example();
    site.edit(
        "content/services/wohngeld.md",
        "  - citizens\n",
        "\t- citizens\n",
    );
    let found = check(&site);
    assert_errors(
        &found,
        &[(
            "content/services/wohngeld.md",
            6,
            "the YAML is malformed: a tab: YAML indents with spaces, not tabs",
        )],
    );
    assert_eq!(found[0]["help"], "replace the tab with spaces");
    let site = Site::example();
    site.edit(
        "content/governance/people/achim-broetel.md",
        "    body: deutscher-landkreistag\n",
        "   body: deutscher-landkreistag\n",
    );
    let found = check(&site);
    assert_errors(
        &found,
        &[(
            "content/governance/people/achim-broetel.md",
            5,
            "the YAML is malformed: `body` is indented by 3 spaces, the field above it (`title`) by 4",
        )],
    );
}
