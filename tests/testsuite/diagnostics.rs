//! Fixture `mistakes`: one site with dozens of different mistakes spread
//! over many files. One run of `portal check` must report every one, each
//! at the right file and line, sorted, and `portal build` must refuse.

use serde_json::Value;

use crate::harness::{stderr, stdout, Site};

/// (severity, file, line, column, message part, help part)
type Expected = (
    &'static str,
    &'static str,
    u64,
    u64,
    &'static str,
    &'static str,
);

const EXPECTED: &[Expected] = &[
    (
        "error",
        "content/governance/bodies/ag-daten.md",
        5,
        9,
        "the parents form a cycle: ag-daten → it-rat → ag-daten",
        "remove `parent`",
    ),
    (
        "error",
        "content/governance/bodies/ministerium.md",
        3,
        7,
        "`ministery` is not a valid value for `kind`",
        "did you mean `ministry`?",
    ),
    (
        "error",
        "content/governance/bodies/regierung.md",
        5,
        14,
        "`established` must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not `2024-13`",
        "e.g. 2021-05",
    ),
    (
        "error",
        "content/governance/people/erika-muster.md",
        7,
        9,
        "the role ends (2021) before it starts (2024)",
        "`from` must not be after `to`",
    ),
    (
        "error",
        "content/governance/people/erika-muster.md",
        9,
        11,
        "unknown body `ag-datn`",
        "did you mean `ag-daten`?",
    ),
    (
        "error",
        "content/governance/people/max-beispiel.md",
        1,
        1,
        "missing required field `roles`",
        "add `roles:` with a list",
    ),
    (
        "error",
        "content/governance/people/max-beispiel.md",
        2,
        1,
        // The misspelt required field is one mistake: no "missing `name`" too.
        "unknown field `nmae`",
        "did you mean `name`? (`name` is required)",
    ),
    (
        "error",
        "content/home.md",
        2,
        8,
        "the placeholder `TODO` is still here",
        "replace it",
    ),
    (
        "error",
        "content/news/n1.md",
        3,
        7,
        "`date` must be a date written YYYY-MM-DD, not `2024-13-01`",
        "check month and day",
    ),
    (
        // Found in the same run although the date above is wrong.
        "error",
        "content/news/n1.md",
        5,
        10,
        "unknown person `erika-mustr`",
        "did you mean `erika-muster`?",
    ),
    (
        "error",
        "content/news/n2.md",
        5,
        11,
        "`services` must be a list, not `gut`",
        "`services: [gut]`",
    ),
    (
        "error",
        "content/news/n2.md",
        7,
        7,
        "the link target `/leistungen/gibtsnicht/` does not exist in this site",
        // No other service is a plausible typo of it: no "did you mean".
        "link to an existing page",
    ),
    (
        "error",
        "content/news/n2.md",
        9,
        5,
        "`/leistungen/gut/` has no heading with the id `uebersciht`",
        "did you mean `#uebersicht`?",
    ),
    (
        "error",
        "content/news/n3.md",
        6,
        11,
        "the image has no alternative text",
        "![Beschreibung](/bild.png)",
    ),
    (
        "error",
        "content/news/n3.md",
        6,
        11,
        "the link target `/bild.png` does not exist in this site",
        "",
    ),
    (
        "error",
        "content/news/n3.md",
        8,
        19,
        "the image is loaded from another site",
        "content/static/",
    ),
    (
        "error",
        "content/news/n4.md",
        5,
        10,
        "unknown person `erika-mustr`",
        "did you mean `erika-muster`?",
    ),
    (
        "warning",
        "content/news/n4.md",
        9,
        1,
        "the heading skips from level 2 to level 4",
        "use ###",
    ),
    (
        "warning",
        "content/news/n4.md",
        11,
        5,
        "`gut/` is a relative link",
        "starting with `/`",
    ),
    (
        "error",
        "content/pages/datenschutz.md",
        2,
        19,
        "the YAML is malformed: the text of `title` contains `: `",
        "put it in quotes: `title: \"Datenschutz: Hinweise\"`",
    ),
    (
        "error",
        "content/pages/barrierefreiheit.md",
        4,
        1,
        "missing required field `enforcement` in `accessibility`",
        "add `enforcement:` with a group of the fields name, legal_basis, address, url",
    ),
    (
        "error",
        "content/pages/barrierefreiheit.md",
        5,
        15,
        "`teilweise_vereinbar` is not a valid value for `accessibility.conformity`",
        "allowed: fully_compliant, partially_compliant, not_compliant",
    ),
    (
        "error",
        "content/pages/barrierefreiheit.md",
        9,
        13,
        "`accessibility.reviewed` must be a date written YYYY-MM-DD, not `gestern`",
        "YYYY-MM-DD",
    ),
    (
        "error",
        "content/pages/gebaerdensprache.md",
        5,
        9,
        "the address `JavaScript:alert(1)` could run a script",
        "the portal links only to a site path",
    ),
    (
        "error",
        "content/pages/gebaerdensprache.md",
        7,
        1,
        "the address `vbscript:msgbox(1)` could run a script",
        "the portal links only to a site path",
    ),
    (
        "error",
        "content/pages/gebaerdensprache.md",
        9,
        1,
        "`tel:abc` is not a telephone number",
        "write it like tel:+4961311600",
    ),
    (
        "error",
        "content/pages/gebaerdensprache.md",
        9,
        25,
        "`mailto:niemand` does not name an e-mail address",
        "write it like mailto:kontakt@beispiel.de",
    ),
    (
        "error",
        "content/pages/impressum.md",
        3,
        8,
        "missing required field `imprint` (a page with `legal: imprint` needs it)",
        "add `imprint:` with a group of the fields provider, represented_by, email, phone, content_responsible",
    ),
    (
        "error",
        "content/pages/ueber.md",
        3,
        8,
        "missing required field `imprint` (a page with `legal: imprint` needs it)",
        "add `imprint:`",
    ),
    (
        "error",
        "content/pages/impressum.md",
        6,
        1,
        "a second front matter block",
        "merge the fields",
    ),
    (
        "error",
        "content/pages/leichte-sprache.md",
        3,
        8,
        "`easy-language` is not a valid value for `legal`",
        "did you mean `easy_language`?",
    ),
    (
        "error",
        "content/pages/themen.md",
        1,
        1,
        "the page path `/themen/` is taken by the portal itself",
        "move the file",
    ),
    (
        "error",
        "content/pages/ueber.md",
        3,
        8,
        "two pages claim `legal: imprint`",
        "content/pages/impressum.md claims it too",
    ),
    (
        "error",
        "content/services/Falsch_Name.md",
        1,
        1,
        "`Falsch_Name` is not a valid slug",
        "rename the file to `falsch-name.md`",
    ),
    (
        "error",
        "content/services/a-online.md",
        6,
        1,
        "unknown field `stauts`",
        "did you mean `status`? (`status` is required)",
    ),
    (
        "error",
        "content/services/b-rollout.md",
        4,
        17,
        "unknown topic `famlie`",
        "did you mean `familie`?",
    ),
    (
        "error",
        "content/services/b-rollout.md",
        6,
        9,
        "a service with status `rollout` needs `online_url`",
        "add `online_url: https://",
    ),
    (
        "error",
        "content/services/bombe.md",
        2,
        1,
        "it expands too much through anchors and aliases",
        "",
    ),
    (
        "error",
        "content/services/c-planned.md",
        9,
        8,
        "`123` is not a valid `leika`",
        "exactly 14 digits",
    ),
    (
        "error",
        "content/services/c-planned.md",
        10,
        11,
        "`maturity` is 5, but must be between 0 and 4",
        "from 0 to 4",
    ),
    (
        "error",
        "content/services/d-pilot.md",
        5,
        12,
        "`citizen` is not a valid value for `audience`",
        "did you mean `citizens`?",
    ),
    (
        "error",
        "content/services/d-pilot.md",
        8,
        10,
        "`updated` must be a date written YYYY-MM-DD, not `2024-02-30`",
        "check month and day",
    ),
    (
        "error",
        "content/services/e-online.md",
        3,
        10,
        "`summary` has 439 characters; at most 300 are allowed",
        "shorten",
    ),
    (
        "error",
        "content/services/e-online.md",
        7,
        14,
        "unknown body `ministerum`",
        "did you mean `ministerium`?",
    ),
    (
        "error",
        "content/services/e-online.md",
        9,
        13,
        "`kein-link` is not a full web address",
        "https://",
    ),
    (
        "error",
        "content/services/latin1.md",
        2,
        12,
        "the file is not valid UTF-8",
        "UTF-8",
    ),
    (
        "error",
        "content/services/leer.md",
        1,
        1,
        "the file is empty",
        "front matter",
    ),
    (
        "error",
        "content/services/offen.md",
        1,
        1,
        "the front matter is not closed",
        "",
    ),
    (
        "error",
        "content/services/ohne-front.md",
        1,
        1,
        "the file has no front matter",
        "",
    ),
    (
        "error",
        "content/site.yaml",
        15,
        10,
        "the link target `/aktuell/` does not exist in this site",
        "did you mean `/aktuelles/`?",
    ),
    (
        "error",
        "content/site.yaml",
        17,
        10,
        "the address ` javascript:alert(1)` could run a script",
        "a site path (/leistungen/) or a full address starting with https://",
    ),
    (
        "error",
        "content/topics.yaml",
        7,
        9,
        "the topic slug `familie` is used twice",
        "entry 1 already uses it",
    ),
    (
        "error",
        "content/topics.yaml",
        10,
        9,
        "`Soziales` is not a valid slug",
        "write `soziales`",
    ),
];

fn reported(site: &Site) -> (Vec<Value>, String) {
    let output = site.run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "check must fail");
    let lines = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect();
    (lines, stderr(&output))
}

#[test]
fn every_mistake_is_reported_at_its_file_and_line() {
    let site = Site::fixture("mistakes");
    let (found, summary) = reported(&site);
    let located: Vec<&Value> = found.iter().filter(|d| d.get("file").is_some()).collect();
    for &(severity, file, line, column, message, help) in EXPECTED {
        let hit = located.iter().find(|d| {
            d["file"] == file
                && d["line"] == line
                && d["message"].as_str().unwrap().contains(message)
        });
        let Some(hit) = hit else {
            panic!(
                "not reported: {file}:{line}: {message}\nreported:\n{}",
                found
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        };
        assert_eq!(hit["severity"], severity, "{file}:{line}: {message}");
        assert_eq!(hit["column"], column, "{file}:{line}: {message}");
        assert!(
            hit["help"].as_str().unwrap_or("").contains(help),
            "{file}:{line}: help {:?} lacks {help:?}",
            hit["help"]
        );
    }
    assert_eq!(
        located.len(),
        EXPECTED.len(),
        "unexpected extra diagnostics:\n{located:#?}"
    );
    let errors = EXPECTED.iter().filter(|e| e.0 == "error").count();
    let warnings = found.len() - errors;
    assert!(
        summary.contains(&format!("{errors} errors, {warnings} warnings")),
        "{summary}"
    );
}

#[test]
fn diagnostics_are_sorted_site_files_first_then_by_file_and_line() {
    let site = Site::fixture("mistakes");
    let (found, _) = reported(&site);
    // site.yaml and topics.yaml, which every document reads, first.
    let rank = |file: &str| match file {
        "content/site.yaml" => 0,
        "content/topics.yaml" => 1,
        _ => 2,
    };
    let keys: Vec<(u8, String, u64, u64)> = found
        .iter()
        .filter(|d| d.get("file").is_some())
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            (
                rank(file),
                file.to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        keys.iter().any(|k| k.0 < 2) && keys.iter().any(|k| k.0 == 2),
        "{keys:#?}"
    );
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn github_annotations() {
    let site = Site::fixture("mistakes");
    let output = site.run(&["check", "--format", "github"]);
    let text = stdout(&output);
    assert!(
        text.lines().any(|l| l == "::error file=content/services/a-online.md,line=6,col=1::unknown field `stauts`%0Ahelp: did you mean `status`? (`status` is required)"),
        "{text}"
    );
    // No site-wide "no page is marked `legal: …`" warnings: a page whose
    // `legal` value is wrong may be the one missing, and its own error is
    // the cause to fix first.
    assert_eq!(
        text.lines().count(),
        EXPECTED.len(),
        "every annotation has a file"
    );
}

#[test]
fn build_refuses_and_keeps_the_previous_output() {
    // Build the clean fixture, then break it: the output must stay as it was.
    let site = Site::fixture("small");
    site.build(&[]);
    let before = site.output_bytes();
    site.edit(
        "content/services/a-online.md",
        "status: online",
        "stauts: online",
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("unknown field `stauts`"));
    assert!(stderr(&output).contains("nothing was written, the previous output is unchanged"));
    assert_eq!(site.output_bytes(), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
}

#[test]
fn a_failed_render_keeps_the_previous_output() {
    let site = Site::fixture("small");
    site.build(&[]);
    let before = site.output_bytes();
    // Content is fine, the site's own template fails while rendering.
    site.write(
        "themes/default/templates/topic.html",
        "{% extends \"base.html\" %}{% block content %}{{ nicht_da.feld }}{% endblock content %}",
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("themes/default/templates/topic.html"),
        "{}",
        stderr(&output)
    );
    assert_eq!(site.output_bytes(), before);
}

#[test]
fn human_format_snapshots() {
    let site = Site::fixture("mistakes");
    let text = stderr(&site.run(&["check"]));
    let block = |needle: &str| -> String {
        text.split("\n\n")
            .find(|b| b.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not in output"))
            .to_owned()
    };
    insta::assert_snapshot!("unknown_field", block("unknown field `stauts`"));
    insta::assert_snapshot!("parent_cycle", block("the parents form a cycle"));
    insta::assert_snapshot!("missing_fragment", block("has no heading with the id"));
    insta::assert_snapshot!("invalid_date", block("not `2024-02-30`"));
    insta::assert_snapshot!("non_utf8", block("not valid UTF-8"));
    insta::assert_snapshot!("summary_line", text.lines().last().unwrap());
}

/// The day of `SOURCE_DATE_EPOCH` the harness sets (1793491200).
fn portal_date_of_test_clock() -> &'static str {
    "2026-11-01"
}

#[test]
fn scaffolded_files_fail_until_filled_in() {
    let site = Site::fixture("small");
    let output = site.run(&["new", "service", "neue-leistung"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text =
        std::fs::read_to_string(site.root().join("content/services/neue-leistung.md")).unwrap();
    assert!(text.contains("# Where the service stands. One of: planned, in_development, pilot, rollout, online. (required)\nstatus: TODO\n"), "{text}");
    let check = site.run(&["check", "--format", "json"]);
    assert_eq!(check.status.code(), Some(1));
    let todo = stdout(&check)
        .lines()
        .filter(|l| l.contains("neue-leistung.md") && l.contains("placeholder"))
        .count();
    assert_eq!(
        todo, 7,
        "title, summary, topics, audience, status, responsible and the text; `updated` is today"
    );
    let today = portal_date_of_test_clock();
    assert!(text.contains(&format!("\nupdated: {today}\n")), "{text}");
    // A news article starts as a draft, dated today: it keeps the preview
    // working while it is written.
    assert!(site
        .run(&["new", "news", "neue-nachricht"])
        .status
        .success());
    let news = std::fs::read_to_string(site.root().join("content/news/neue-nachricht.md")).unwrap();
    assert!(news.contains(&format!("\ndate: {today}\n")), "{news}");
    assert!(news.contains("\ndraft: true\n"), "{news}");
    // Refuses to overwrite, and refuses bad slugs.
    assert!(!site
        .run(&["new", "service", "neue-leistung"])
        .status
        .success());
    let bad = site.run(&["new", "news", "Neue_Nachricht_2"]);
    assert!(
        stderr(&bad).contains("`neue-nachricht-2`"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn schemas_are_written_and_match_the_model() {
    let site = Site::fixture("small");
    let output = site.run(&["schema", "--out", "schemas"]);
    assert!(output.status.success());
    let service: Value = serde_json::from_str(
        &std::fs::read_to_string(site.root().join("schemas/service.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(service["additionalProperties"], false);
    let required: Vec<&str> = service["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        [
            "title",
            "summary",
            "topics",
            "audience",
            "status",
            "responsible",
            "updated"
        ]
    );
    for name in ["site", "topics", "news", "body", "person", "page"] {
        assert!(
            site.root()
                .join(format!("schemas/{name}.schema.json"))
                .is_file(),
            "{name}"
        );
    }
}

#[test]
fn a_build_killed_halfway_leaves_the_previous_output() {
    // A site large enough that rendering takes a moment, so the build can be
    // killed while it writes into its staging folder.
    let site = Site::fixture("small");
    for i in 0..1500 {
        site.write(
            &format!("content/services/viele-{i}.md"),
            &format!(
                "---\ntitle: Leistung {i}\nsummary: S.\ntopics: [familie]\naudience: [citizens]\nstatus: planned\nresponsible: ministerium\nupdated: 2026-01-15\n---\n## Übersicht\n\nText {i}.\n"
            ),
        );
    }
    site.build(&[]);
    let before = site.output_bytes();
    site.edit(
        "content/services/a-online.md",
        "Beschreibung von a-online.",
        "Neuer Text.",
    );
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("portal"))
        .current_dir(site.root())
        .arg("build")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let staging = site.root().join(format!(".public.staging-{}", child.id()));
    let started = std::time::Instant::now();
    while !staging.join("leistungen").exists() {
        assert!(
            started.elapsed().as_secs() < 60,
            "the build never started writing"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build finished before it wrote its first service page"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    eprintln!(
        "killed the build {} ms after it started",
        started.elapsed().as_millis()
    );
    // The kill landed while the build ran (not after it exited) ...
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        status.signal(),
        Some(9),
        "the build was not killed but ended with {status}"
    );
    // ... and while it was writing pages: fewer than a whole build writes.
    let written = |dir: &std::path::Path| {
        crate::harness::files(dir)
            .iter()
            .filter(|f| f.ends_with(".html"))
            .count()
    };
    let staged = written(&staging);
    let complete = written(&site.out());
    assert!(
        staged < complete,
        "the kill landed after all {complete} pages were written ({staged} staged)"
    );
    eprintln!("{staged} of {complete} pages were written when the build was killed");
    assert_eq!(site.output_bytes(), before, "the published output changed");
    assert!(staging.exists(), "the killed build left its staging folder");
    // The next build removes what the killed one left and succeeds.
    site.build(&[]);
    assert!(!staging.exists());
    assert!(site
        .read("leistungen/a-online/index.html")
        .contains("Neuer Text."));
}

#[test]
fn a_folder_that_cannot_be_read_is_an_error_naming_it() {
    // Running as root, permissions cannot make a folder unreadable; a path
    // longer than the system allows (made step by step with relative
    // paths) can: the walk fails there with "File name too long".
    let site = Site::fixture("small");
    site.build(&[]);
    let before = site.output_bytes();
    let name = "x".repeat(200);
    {
        use rustix::fs::{mkdirat, openat, Mode, OFlags, CWD};
        let open = OFlags::DIRECTORY | OFlags::RDONLY;
        let static_dir = site.root().join("content/static");
        std::fs::create_dir_all(&static_dir).unwrap();
        let mut dir = openat(CWD, &static_dir, open, Mode::empty()).unwrap();
        for _ in 0..24 {
            mkdirat(&dir, name.as_str(), Mode::from_raw_mode(0o755)).unwrap();
            dir = openat(&dir, name.as_str(), open, Mode::empty()).unwrap();
        }
    }
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(&format!("error: cannot read `content/static/{name}/")),
        "{err}"
    );
    assert!(
        err.contains("help: make it readable for the user running portal, or remove it"),
        "{err}"
    );
    assert_eq!(
        site.output_bytes(),
        before,
        "the previous output is unchanged"
    );
}
