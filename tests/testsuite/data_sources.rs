//! Fixture `catalogue` over fixture `small`: an XZuFi catalogue declared in
//! site.yaml, read into service pages, merged with local Markdown files,
//! refreshed with `portal import`, and attacked with bad and hostile files.

use std::fs;

use proptest::prelude::*;
use serde_json::Value;

use crate::harness::{repo, stderr, stdout, texts, Site};

const CATALOGUE: &str = "content/sources/katalog.xml";

fn fixture(name: &str) -> String {
    fs::read_to_string(repo().join("tests/fixtures/catalogue").join(name)).unwrap()
}

/// The small site with the test catalogue declared and in place.
fn site_with_catalogue() -> Site {
    let site = Site::fixture("small");
    let config = site.read_source("content/site.yaml") + &fixture("sources.yaml");
    site.write("content/site.yaml", &config);
    site.write(CATALOGUE, &fixture("katalog.xml"));
    site
}

/// `portal check --format json`: each problem as (severity, file, line, message).
fn problems(site: &Site) -> Vec<(String, String, u64, String)> {
    let output = site.run(&["check", "--format", "json"]);
    stdout(&output)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v.get("severity").is_some())
        .map(|v| {
            (
                v["severity"].as_str().unwrap_or_default().to_owned(),
                v["file"].as_str().unwrap_or_default().to_owned(),
                v["line"].as_u64().unwrap_or_default(),
                v["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn text_of(site: &Site, page: &str, selector: &str) -> String {
    texts(&site.page(page), selector).join(" | ")
}

#[test]
fn every_text_module_lands_in_its_field() {
    let site = site_with_catalogue();
    site.build(&[]);
    let page = "leistungen/hund-anmelden/index.html";
    assert_eq!(text_of(&site, page, "h1"), "Hund anmelden");
    let main = text_of(&site, page, "main");
    for expected in [
        // 05: plain text, the HTML's emphasis gone.
        "Wer einen Hund hält, meldet ihn bei der Gemeinde an.",
        // 06: the page's text, its list a list.
        "Volltext zur Hundesteuer.",
        // 09, 10, 12.
        "Sie halten einen Hund in der Gemeinde.",
        "Die Anmeldung kostet nichts.",
        "Etwa eine Woche.",
        // 13 and 14: sections of the text.
        "Innerhalb von zwei Wochen nach dem Einzug.",
        // 17: the Stand, as "updated" and on the source line.
        "3. Februar 2026",
        // 19, through `authorities:`.
        "Testministerium",
    ] {
        assert!(main.contains(expected), "{expected:?} missing from {main}");
    }
    let html = site.read(page);
    assert!(html.contains("<li>erster Punkt</li>"), "{html}");
    assert!(html.contains(r#"<h2 id="fristen">Fristen</h2>"#), "{html}");
    assert!(html.contains(r#"<a href="https://formulare.test.example/hund">Anmeldeformular</a>"#));
    // 07 and 08: one entry per list item or paragraph.
    let twin: Value =
        serde_json::from_str(&site.read("leistungen/hund-anmelden/index.json")).unwrap();
    let document = &twin["service"];
    assert_eq!(document["leika"], "99000000000011");
    assert_eq!(
        document["legal_basis"],
        serde_json::json!(["Hundesteuersatzung", "Kommunalabgabengesetz"])
    );
    assert_eq!(
        document["documents"],
        serde_json::json!(["Personalausweis", "Nachweis der Haftpflicht"])
    );
    assert_eq!(document["updated"], "2026-02-03");
    assert_eq!(document["responsible"]["slug"], "ministerium", "{document}");
    // 18: the source line links to the record on the catalogue's portal.
    assert_eq!(
        text_of(&site, page, "dd.quelle").replace(" ,", ","),
        "Testredaktion, Stand: 3. Februar 2026"
    );
    assert!(html.contains(r#"<a href="https://katalog.test.example/hund">Testredaktion</a>"#));
    assert_eq!(document["source"]["name"], "Testredaktion");
    // The defaults fill what neither record nor local file gives.
    assert_eq!(document["status"], "planned");
    // A search entry and an open-data row like any service's.
    let services = site.read("daten/leistungen.json");
    assert!(services.contains("Hund anmelden"), "{services}");
    let found = crate::harness::files(&site.out().join("suchindex/f"));
    let fragments: String = found
        .iter()
        .map(|f| site.read(&format!("suchindex/f/{f}")))
        .collect();
    assert!(fragments.contains("Hund anmelden"));
}

#[test]
fn local_additions_win_field_by_field() {
    let site = site_with_catalogue();
    site.write(
        "content/services/fischereischein.md",
        &fixture("fischereischein.md"),
    );
    site.build(&[]);
    // The local file names the page (its file name is the slug).
    let page = "leistungen/fischereischein/index.html";
    let twin: Value =
        serde_json::from_str(&site.read("leistungen/fischereischein/index.json")).unwrap();
    let document = &twin["service"];
    // From the catalogue:
    assert_eq!(document["title"], "Fischereischein beantragen");
    assert_eq!(document["updated"], "2026-01-20");
    // From the local file, over the catalogue and the defaults:
    assert_eq!(
        document["summary"],
        "Der Fischereischein, hier mit eigenem Kurztext."
    );
    assert_eq!(document["status"], "online");
    assert_eq!(document["topics"][0]["slug"], "bauen", "{document}");
    // From the defaults:
    assert_eq!(document["responsible"]["slug"], "it-rat");
    // The record has no page of its own beside the local one.
    assert!(!site
        .out()
        .join("leistungen/fischereischein-beantragen")
        .exists());
    // The local text comes before the catalogue's, unless it asks otherwise.
    let main = text_of(&site, page, "main");
    let (local, catalogue) = (
        main.find("Ein Hinweis der Redaktion.").unwrap(),
        main.find("Text aus dem Katalog.").unwrap(),
    );
    assert!(local < catalogue, "{main}");
    site.edit(
        "content/services/fischereischein.md",
        "summary:",
        "local_text: after\nsummary:",
    );
    site.build(&[]);
    let main = text_of(&site, page, "main");
    assert!(
        main.find("Ein Hinweis der Redaktion.").unwrap()
            > main.find("Text aus dem Katalog.").unwrap()
    );
    site.edit(
        "content/services/fischereischein.md",
        "local_text: after",
        "local_text: replace",
    );
    site.build(&[]);
    let main = text_of(&site, page, "main");
    assert!(main.contains("Ein Hinweis der Redaktion.") && !main.contains("Text aus dem Katalog."));
}

#[test]
fn a_problem_is_reported_where_its_value_came_from() {
    let site = site_with_catalogue();
    site.write(
        "content/services/fischereischein.md",
        &fixture("fischereischein.md").replace("topics: [bauen]", "topics: [angeln]"),
    );
    // A wrong default in site.yaml, a wrong topic in the local file, a
    // summary too long in the catalogue.
    site.edit(
        "content/site.yaml",
        "responsible: it-rat",
        "responsible: niemand",
    );
    let long = "Sehr lang. ".repeat(40);
    site.edit(
        CATALOGUE,
        "Wer angeln will, braucht einen Fischereischein.",
        &long,
    );
    let site_yaml_line = site
        .read_source("content/site.yaml")
        .lines()
        .position(|l| l.contains("responsible: niemand"))
        .unwrap() as u64
        + 1;
    let found = problems(&site);
    let errors: Vec<_> = found.iter().filter(|p| p.0 == "error").collect();
    assert!(
        errors
            .iter()
            .any(|p| p.1 == "content/services/fischereischein.md"
                && p.2 == 5
                && p.3.contains("angeln")),
        "{errors:#?}"
    );
    // The local file gives a summary of its own: the catalogue's long one is
    // no error there; the default `responsible` is one for the other record.
    assert!(
        errors.iter().any(|p| p.1 == "content/site.yaml"
            && p.2 == site_yaml_line
            && p.3.contains("niemand")),
        "{errors:#?}"
    );
    assert!(!errors.iter().any(|p| p.1 == CATALOGUE), "{errors:#?}");
    fs::remove_file(site.root().join("content/services/fischereischein.md")).unwrap();
    let found = problems(&site);
    assert!(
        found
            .iter()
            .any(|p| p.0 == "error" && p.1 == CATALOGUE && p.2 == 70 && p.3.contains("300")),
        "{found:#?}"
    );
}

#[test]
fn a_local_file_whose_key_is_gone_is_one_error_at_its_key() {
    let site = site_with_catalogue();
    site.write(
        "content/services/fischereischein.md",
        &fixture("fischereischein.md").replace("99000000000012", "99000000000099"),
    );
    let found = problems(&site);
    let errors: Vec<_> = found.iter().filter(|p| p.0 == "error").collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        (errors[0].1.as_str(), errors[0].2),
        ("content/services/fischereischein.md", 2)
    );
    assert!(
        errors[0].3.contains("no data source has that key"),
        "{}",
        errors[0].3
    );
}

#[test]
fn a_record_claimed_twice_or_shadowed_by_a_page_is_an_error_at_the_file() {
    let site = site_with_catalogue();
    site.write(
        "content/services/fischereischein.md",
        &fixture("fischereischein.md"),
    );
    site.write("content/services/angeln.md", &fixture("fischereischein.md"));
    let found = problems(&site);
    let errors: Vec<_> = found.iter().filter(|p| p.0 == "error").collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0]
            .3
            .contains("a second file adds to this catalogue service"),
        "{errors:#?}"
    );
    fs::remove_file(site.root().join("content/services/angeln.md")).unwrap();
    // Without a key, a file named like a record adds to it; with another
    // key it is a service of its own, at the address the record would have.
    site.write(
        "content/services/hund-anmelden.md",
        "---\nleika: \"99000000000055\"\ntitle: Hund\nsummary: Kurz.\ntopics: [familie]\naudience: [citizens]\nstatus: planned\nresponsible: it-rat\nupdated: 2026-01-01\n---\nText.\n",
    );
    let found = problems(&site);
    let errors: Vec<_> = found.iter().filter(|p| p.0 == "error").collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].1, "content/services/hund-anmelden.md");
    assert!(
        errors[0]
            .3
            .contains("has the address of the catalogue's service `Hund anmelden`"),
        "{errors:#?}"
    );
}

#[test]
fn import_reports_what_changed_and_replaces_the_export() {
    let site = site_with_catalogue();
    site.write(
        "content/services/fischereischein.md",
        &fixture("fischereischein.md"),
    );
    let new = fixture("katalog.xml")
        .replace("Etwa eine Woche.", "Etwa zwei Wochen.")
        .replace("99000000000012", "99000000000013")
        .replace("Fischereischein beantragen", "Jagdschein beantragen");
    site.write("neu.xml", &new);
    // The new export drops a service the local file adds to: refused.
    let output = site.run(&["import", "neu.xml"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("content/services/fischereischein.md:2:"),
        "{err}"
    );
    assert!(err.contains("content/sources/katalog.xml:61"), "{err}");
    assert_eq!(
        site.read_source(CATALOGUE),
        fixture("katalog.xml"),
        "the old export stays"
    );
    // Without the local file it goes through, with a report for a pull request.
    fs::remove_file(site.root().join("content/services/fischereischein.md")).unwrap();
    let output = site.run(&["import", "--dry-run", "neu.xml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(
        report.starts_with("## Testredaktion: 1 added, 1 removed, 1 changed, 0 unchanged"),
        "{report}"
    );
    assert!(
        report.contains("- Jagdschein beantragen (`99000000000013`"),
        "{report}"
    );
    assert!(
        report.contains("- Fischereischein beantragen (`99000000000012`"),
        "{report}"
    );
    assert!(
        report.contains("- Hund anmelden (`99000000000011`, neu.xml:4): `processing_time`"),
        "{report}"
    );
    assert_eq!(
        site.read_source(CATALOGUE),
        fixture("katalog.xml"),
        "a dry run replaces nothing"
    );
    let output = site.run(&["import", "--report", "json", "neu.xml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        report["changed"][0]["fields"],
        serde_json::json!(["processing_time"])
    );
    assert_eq!(report["added"][0]["leika"], "99000000000013");
    assert_eq!(site.read_source(CATALOGUE), new);
    site.build(&[]);
    assert!(site
        .out()
        .join("leistungen/jagdschein-beantragen/index.html")
        .exists());
}

/// One bad or hostile catalogue: what to write, and the error (file line
/// and a piece of its message) that must come first.
struct Bad {
    name: &'static str,
    xml: String,
    line: u64,
    says: &'static str,
}

fn bad_inputs() -> Vec<Bad> {
    let good = fixture("katalog.xml");
    vec![
        Bad { name: "malformed", xml: good.replace("</modulText>\n    <modulText>\n      <leikaTextmodul><code>07", "\n    <modulText>\n      <leikaTextmodul><code>07"), line: 60, says: "malformed" },
        Bad { name: "wrong namespace", xml: good.replace("http://xoev.de/schemata/xzufi/2_1_0", "urn:example:other"), line: 3, says: "not XZuFi" },
        Bad { name: "wrong root", xml: "<?xml version=\"1.0\"?>\n<rechnungen>\n  <rechnung/>\n</rechnungen>\n".into(), line: 2, says: "holds no `leistung`" },
        Bad { name: "missing key", xml: good.replace("    <idSekundaer schemeID=\"LEIKA_SCHLUESSEL\">99000000000012</idSekundaer>\n", ""), line: 61, says: "no LeiKa key" },
        Bad { name: "short key", xml: good.replace("99000000000012", "9900012"), line: 63, says: "`9900012` is not a LeiKa key" },
        Bad { name: "duplicate key", xml: good.replace("99000000000012", "99000000000011"), line: 63, says: "a second service with the LeiKa key" },
        Bad { name: "wrong encoding", xml: good.replace("Hund anmelden", "Hund anmelden \u{fffd}"), line: 10, says: "not UTF-8" },
        Bad { name: "script link", xml: good.replace("&lt;p&gt;Volltext zur Hundesteuer.", "&lt;p&gt;Volltext &lt;a href=\"javascript:alert(1)\"&gt;hier&lt;/a&gt; zur Hundesteuer."), line: 18, says: "`javascript:alert(1)` could run a script" },
        Bad { name: "entity expansion", xml: "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n]>\n<leistung>&lol2;</leistung>\n".into(), line: 2, says: "DOCTYPE" },
        Bad { name: "external entity", xml: "<?xml version=\"1.0\"?>\n<!DOCTYPE leistung [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<leistung>&xxe;</leistung>\n".into(), line: 2, says: "DOCTYPE" },
    ]
}

#[test]
fn every_bad_input_is_one_error_at_its_line_and_the_output_stays() {
    let site = site_with_catalogue();
    site.build(&[]);
    let before = site.output_bytes();
    for bad in bad_inputs() {
        let bytes = if bad.name == "wrong encoding" {
            // Latin-1 bytes in a file that declares UTF-8.
            bad.xml
                .replace('\u{fffd}', "\u{1}")
                .into_bytes()
                .into_iter()
                .map(|b| if b == 1 { 0xe4 } else { b })
                .collect()
        } else {
            bad.xml.clone().into_bytes()
        };
        fs::write(site.root().join(CATALOGUE), bytes).unwrap();
        let output = site.run(&["build"]);
        assert!(
            !output.status.success(),
            "{}: the build must fail",
            bad.name
        );
        let err = stderr(&output);
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("error:") && first.contains(bad.says),
            "{}: the cause first, got:\n{err}",
            bad.name
        );
        assert!(
            err.contains(&format!("{CATALOGUE}:{}:", bad.line)),
            "{}: expected line {} in:\n{err}",
            bad.name,
            bad.line
        );
        assert_eq!(
            site.output_bytes(),
            before,
            "{}: the earlier output must stay",
            bad.name
        );
    }
}

#[test]
fn a_source_outside_the_content_folder_is_refused_unread() {
    let site = site_with_catalogue();
    site.write("geheim.xml", &fixture("katalog.xml"));
    let line = |site: &Site| {
        site.read_source("content/site.yaml")
            .lines()
            .position(|l| l.contains("  - path:"))
            .unwrap() as u64
            + 1
    };
    for path in ["../geheim.xml", "/etc/passwd", "sources/../../geheim.xml"] {
        site.edit(
            "content/site.yaml",
            "  - path: sources/katalog.xml",
            &format!("  - path: {path}"),
        );
        let found = problems(&site);
        let errors: Vec<_> = found.iter().filter(|p| p.0 == "error").collect();
        assert_eq!(errors.len(), 1, "{path}: {errors:#?}");
        assert_eq!(
            (errors[0].1.as_str(), errors[0].2),
            ("content/site.yaml", line(&site)),
            "{path}"
        );
        assert!(
            errors[0].3.contains("is not a path inside content/"),
            "{errors:#?}"
        );
        site.edit(
            "content/site.yaml",
            &format!("  - path: {path}"),
            "  - path: sources/katalog.xml",
        );
    }
    // Nor through a symbolic link.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            site.root().join("geheim.xml"),
            site.root().join("content/sources/link.xml"),
        )
        .unwrap();
        site.edit(
            "content/site.yaml",
            "  - path: sources/katalog.xml",
            "  - path: sources/link.xml",
        );
        let found = problems(&site);
        assert!(
            found
                .iter()
                .any(|p| p.0 == "error" && p.3.contains("is not a path inside content/")),
            "{found:#?}"
        );
    }
}

#[test]
fn an_unknown_text_module_is_a_warning_at_its_code() {
    let site = site_with_catalogue();
    site.edit(CATALOGUE, "<code>13</code>", "<code>42</code>");
    let found = problems(&site);
    assert!(found.iter().all(|p| p.0 == "warning"), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|p| p.1 == CATALOGUE && p.2 == 41 && p.3.contains("`42`")),
        "{found:#?}"
    );
    site.build(&[]);
}

#[test]
fn a_file_declared_latin1_is_read_and_one_too_big_is_refused_unread() {
    let site = site_with_catalogue();
    let latin1: Vec<u8> = fixture("katalog.xml")
        .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1"))
        .collect();
    fs::write(site.root().join(CATALOGUE), latin1).unwrap();
    site.build(&[]);
    assert!(
        text_of(&site, "leistungen/hund-anmelden/index.html", "main")
            .contains("Wer einen Hund hält")
    );
    // 200 MB: refused from its size, before it is read.
    let file = fs::File::create(site.root().join(CATALOGUE)).unwrap();
    file.set_len(200_000_000).unwrap();
    let started = std::time::Instant::now();
    let output = site.run(&["check"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.starts_with("error: the data file is 200 MB, more than the 100 MB"),
        "{err}"
    );
    assert!(err.contains(CATALOGUE), "{err}");
    assert!(started.elapsed().as_secs() < 30, "never a hang");
}

#[test]
fn the_preview_follows_edits_of_catalogue_and_local_files_as_a_full_build_would() {
    use crate::incremental::{full_build, incremental_files, options};
    let site = site_with_catalogue();
    let mut preview = portal::incremental::Incremental::new(options(&site));
    preview.rebuild().expect("the site builds");
    let same_as_full = |preview: &portal::incremental::Incremental, step: &str| {
        let full = full_build(&site).expect("the site builds");
        let files = incremental_files(preview);
        let differ: Vec<&String> = files
            .iter()
            .zip(&full)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| &a.0)
            .collect();
        assert!(
            files.len() == full.len() && differ.is_empty(),
            "{step}: {} vs {} files, differing {differ:?}",
            files.len(),
            full.len()
        );
    };
    same_as_full(&preview, "start");
    let changed = |relative: &str| vec![site.root().join(relative)];
    // The catalogue changes (a title, so lists and the A–Z change too).
    site.edit(
        CATALOGUE,
        "Hund anmelden</inhalt>",
        "Hund ummelden</inhalt>",
    );
    preview.rebuild_changed(&changed(CATALOGUE)).unwrap();
    same_as_full(&preview, "catalogue edited");
    assert!(site.out().join("leistungen").exists());
    // A local file comes, adding to a record: the record's own page goes.
    site.write(
        "content/services/fischereischein.md",
        &fixture("fischereischein.md"),
    );
    preview
        .rebuild_changed(&changed("content/services/fischereischein.md"))
        .unwrap();
    same_as_full(&preview, "local file added");
    // The local file changes.
    site.edit(
        "content/services/fischereischein.md",
        "status: online",
        "status: pilot",
    );
    preview
        .rebuild_changed(&changed("content/services/fischereischein.md"))
        .unwrap();
    same_as_full(&preview, "local file edited");
    // The catalogue changes under the local file.
    site.edit(
        CATALOGUE,
        "Text aus dem Katalog.",
        "Neuer Text aus dem Katalog.",
    );
    preview.rebuild_changed(&changed(CATALOGUE)).unwrap();
    same_as_full(&preview, "catalogue edited under a local file");
    // site.yaml changes the source's defaults.
    site.edit(
        "content/site.yaml",
        "status: planned",
        "status: in_development",
    );
    preview
        .rebuild_changed(&changed("content/site.yaml"))
        .unwrap();
    same_as_full(&preview, "defaults edited");
}

/// The small site with the YAML and CSV test catalogues declared.
fn site_with_yaml_and_csv() -> Site {
    let site = Site::fixture("small");
    let defaults = "    defaults: {topics: [familie], audience: [citizens], status: planned, responsible: it-rat}\n";
    let config = site.read_source("content/site.yaml")
        + "sources:\n  - path: sources/leistungen.yaml\n    name: Kommunaler Katalog\n"
        + defaults
        + "  - path: sources/leistungen.csv\n    name: Tabelle\n"
        + defaults;
    site.write("content/site.yaml", &config);
    site.write(
        "content/sources/leistungen.yaml",
        &fixture("leistungen.yaml"),
    );
    site.write("content/sources/leistungen.csv", &fixture("leistungen.csv"));
    site
}

#[test]
fn a_yaml_list_and_a_csv_table_are_sources_too() {
    let site = site_with_yaml_and_csv();
    site.build(&[]);
    let twin = |slug: &str| -> Value {
        serde_json::from_str(&site.read(&format!("leistungen/{slug}/index.json"))).unwrap()
    };
    let parking = twin("parkausweis-beantragen");
    assert_eq!(parking["service"]["leika"], "99000000000021");
    assert_eq!(
        parking["service"]["documents"],
        serde_json::json!(["Fahrzeugschein"])
    );
    assert_eq!(parking["service"]["source"]["name"], "Kommunaler Katalog");
    assert_eq!(parking["service"]["source"]["stand"], "2026-03-01");
    assert!(parking["content"]
        .as_str()
        .unwrap()
        .contains("<li>Bescheid abwarten</li>"));
    // No key: a YAML or CSV record may go without one.
    assert_eq!(
        twin("sperrmuell-anmelden")["service"]["title"],
        "Sperrmüll anmelden"
    );
    let dog = twin("hundesteuer-zahlen");
    assert_eq!(
        dog["service"]["topics"][1]["slug"], "bauen",
        "lists are split at `;`"
    );
    assert_eq!(
        dog["service"]["documents"],
        serde_json::json!(["Anmeldung", "Bescheid"])
    );
    assert_eq!(dog["service"]["focus"], true);
    assert!(dog["content"]
        .as_str()
        .unwrap()
        .contains(r#"<a href="/steuerung/ministerium/">Ministerium</a>"#));
    assert_eq!(twin("angelkarte-kaufen")["service"]["focus"], false);
}

#[test]
fn a_wrong_value_in_a_yaml_or_csv_source_is_an_error_at_its_line() {
    let site = site_with_yaml_and_csv();
    site.edit(
        "content/sources/leistungen.yaml",
        "costs: 30 Euro im Jahr.",
        "kosten: 30 Euro im Jahr.",
    );
    site.edit(
        "content/sources/leistungen.csv",
        "familie;bauen",
        "familie;baün",
    );
    let found = problems(&site);
    let errors: Vec<_> = found.iter().filter(|p| p.0 == "error").collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|p| p.1 == "content/sources/leistungen.csv" && p.2 == 2 && p.3.contains("baün")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|p| p.1 == "content/sources/leistungen.yaml"
                && p.2 == 6
                && p.3.contains("kosten")),
        "{errors:#?}"
    );
    // Not a list at all.
    site.write(
        "content/sources/leistungen.yaml",
        "title: Nur eine Leistung\n",
    );
    let found = problems(&site);
    assert!(
        found.iter().any(|p| p.0 == "error"
            && p.1 == "content/sources/leistungen.yaml"
            && p.2 == 1
            && p.3.contains("a list of services")),
        "{found:#?}"
    );
}

/// A service as the catalogue and as Markdown would write it.
#[derive(Debug, Clone)]
struct Service {
    title: String,
    summary: String,
    paragraphs: Vec<String>,
    documents: Vec<String>,
    costs: Option<String>,
}

fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec("[A-ZÄÖÜ][a-zäöüß]{1,9}", 1..6).prop_map(|w| w.join(" "))
}

fn service() -> impl Strategy<Value = Service> {
    (
        words(),
        words(),
        proptest::collection::vec(words(), 1..4),
        proptest::collection::vec(words(), 0..4),
        proptest::option::of(words()),
    )
        .prop_map(|(title, summary, paragraphs, documents, costs)| Service {
            title,
            summary: summary + ".",
            paragraphs,
            documents,
            costs,
        })
}

fn escape(html: &str) -> String {
    html.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn as_xzufi(s: &Service) -> String {
    let module = |code: &str, html: &str| {
        format!("<modulText><leikaTextmodul><code>{code}</code></leikaTextmodul><inhalt languageCode=\"de\">{}</inhalt></modulText>\n", escape(html))
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<leistungen xmlns=\"http://xoev.de/schemata/xzufi/2_2_0\">\n<leistung>\n<referenzLeiKa><code>99000000000077</code></referenzLeiKa>\n");
    xml += &module("03", &s.title);
    xml += &module("05", &s.summary);
    xml += &module(
        "06",
        &s.paragraphs
            .iter()
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>(),
    );
    if !s.documents.is_empty() {
        xml += &module(
            "08",
            &format!(
                "<ul>{}</ul>",
                s.documents
                    .iter()
                    .map(|d| format!("<li>{d}</li>"))
                    .collect::<String>()
            ),
        );
    }
    if let Some(costs) = &s.costs {
        xml += &module("10", costs);
    }
    xml += &module("17", "01.02.2026");
    xml + "</leistung>\n</leistungen>\n"
}

fn as_markdown(s: &Service) -> String {
    let mut md = format!(
        "---\ntitle: \"{}\"\nsummary: \"{}\"\nleika: \"99000000000077\"\nupdated: 2026-02-01\ntopics: [familie]\naudience: [citizens]\nstatus: planned\nresponsible: it-rat\n",
        s.title, s.summary
    );
    if !s.documents.is_empty() {
        md += &format!(
            "documents: [{}]\n",
            s.documents
                .iter()
                .map(|d| format!("\"{d}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some(costs) = &s.costs {
        md += &format!("costs: \"{costs}\"\n");
    }
    md + "---\n" + &s.paragraphs.join("\n\n") + "\n"
}

/// The service page without the line only an imported page has.
fn page_without_source_line(site: &Site, slug: &str) -> String {
    let html = site.read(&format!("leistungen/{slug}/index.html"));
    let start = html.find("<dt>Quelle</dt>");
    match start {
        Some(start) => {
            let end = start + html[start..].find("</dd>").unwrap() + "</dd>".len();
            format!("{}{}", html[..start].trim_end(), &html[end..])
        }
        None => html,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

    /// An imported service and the same service written as Markdown give
    /// the same page (but for the source line).
    #[test]
    fn an_imported_service_gives_the_page_its_markdown_gives(s in service()) {
        let slug = portal::text::slugify(&s.title);
        let imported = Site::fixture("small");
        let config = imported.read_source("content/site.yaml")
            + "sources:\n  - path: sources/k.xml\n    name: Test\n    defaults:\n      topics: [familie]\n      audience: [citizens]\n      status: planned\n      responsible: it-rat\n";
        imported.write("content/site.yaml", &config);
        imported.write("content/sources/k.xml", &as_xzufi(&s));
        imported.build(&[]);
        let written = Site::fixture("small");
        written.write(&format!("content/services/{slug}.md"), &as_markdown(&s));
        written.build(&[]);
        prop_assert_eq!(page_without_source_line(&imported, &slug), page_without_source_line(&written, &slug));
    }
}
