//! Demonstration data (`example:` in front matter): every page and file
//! that shows a marked value shows the mark, structured data leaves it out,
//! `portal check --examples` lists it, and a site without marks shows none.
//!
//! The first test reads the marks of the repository's own example portal
//! from `portal check --examples --format json` and follows each marked
//! value to every place the build shows it; the fixture tests pin the
//! finer rules on the `small` fixture.

use std::collections::BTreeMap;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::harness::{files, stdout, Site};

/// The marked entries as `portal check --examples --format json` lists them.
fn marked(site: &Site) -> Vec<Value> {
    let output = site.run(&["check", "--examples", "--format", "json"]);
    assert!(
        output.status.success(),
        "{}",
        crate::harness::stderr(&output)
    );
    stdout(&output)
        .lines()
        .filter(|l| l.starts_with('{') && l.contains("\"example\""))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn fields(entry: &Value) -> Vec<String> {
    entry["example"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .collect()
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn has_mark(element: &ElementRef) -> bool {
    element
        .select(&Selector::parse(".example-mark").unwrap())
        .next()
        .is_some()
}

/// The `<dd>` after each `<dt>` of the page's fact lists, by the `<dt>`'s text.
fn facts<'a>(html: &'a Html) -> BTreeMap<String, ElementRef<'a>> {
    let mut out = BTreeMap::new();
    for dt in select(html, "dl.facts > dt") {
        let dd = dt
            .next_siblings()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "dd")
            .unwrap();
        out.insert(dt.text().collect::<String>(), dd);
    }
    out
}

/// Which fact of a service page shows which front-matter field.
const SERVICE_FACTS: [(&str, &str); 17] = [
    ("eligibility", "Wer kann das beantragen?"),
    ("audience", "Für wen?"),
    ("documents", "Was brauchen Sie?"),
    ("costs", "Was kostet es?"),
    ("processing_time", "Wie lange dauert es?"),
    ("legal_basis", "Rechtsgrundlage"),
    ("responsible", "Zuständig"),
    ("status", "Status"),
    ("coverage", "Verfügbarkeit"),
    ("available_since", "Online seit"),
    ("maturity", "OZG-Reifegrad"),
    ("maturity_v2", "Reifegrad (Modell 2.0)"),
    ("leika", "LeiKa-Schlüssel"),
    ("ozg_id", "OZG-ID"),
    ("topics", "Themen"),
    ("updated", "Zuletzt geprüft"),
    ("efa_lead", ""),
];

/// The JSON-LD blocks of a page, parsed.
fn json_ld(html: &Html) -> Vec<Value> {
    select(html, r#"script[type="application/ld+json"]"#)
        .iter()
        .map(|s| serde_json::from_str(&s.inner_html()).unwrap())
        .collect()
}

fn graph_types(html: &Html) -> Vec<String> {
    json_ld(html)
        .iter()
        .flat_map(|d| d["@graph"].as_array().cloned().unwrap_or_default())
        .map(|e| e["@type"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn example_site_marks_every_demonstration_value_wherever_it_is_shown() {
    let site = Site::example();
    let entries = marked(&site);
    site.build(&[]);
    let services: Vec<&Value> = entries.iter().filter(|e| e["kind"] == "service").collect();
    // The example's catalogue rests on the seeds; what they do not give is
    // marked, so every service carries marks (and the test cannot pass
    // vacuously).
    let catalogue: Value = serde_json::from_str(&site.read("daten/leistungen.json")).unwrap();
    let records = catalogue["services"].as_array().unwrap();
    assert!(!records.is_empty());
    assert_eq!(services.len(), records.len(), "every service has marks");

    let csv = site.read("daten/leistungen.csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let csv_rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();

    let html_files: Vec<String> = files(&site.out())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    let pages: Vec<(String, Html)> = html_files
        .iter()
        .map(|f| (f.clone(), site.page(f)))
        .collect();

    let mut marked_statuses = 0;
    for entry in &services {
        let slug = entry["slug"].as_str().unwrap();
        let marks = fields(entry);
        let page_file = format!("leistungen/{slug}/index.html");
        let html = site.page(&page_file);
        let facts = facts(&html);
        // Beside every value shown, the mark exactly where the field is marked.
        for (field, label) in SERVICE_FACTS {
            let Some(dd) = facts.get(label) else { continue };
            assert_eq!(
                has_mark(dd),
                marks.contains(&field.to_owned()),
                "{page_file}: `{label}` (field `{field}`) marked {marks:?}: {}",
                dd.html()
            );
        }
        if !select(&html, "p.start").is_empty() {
            let note = select(&html, "p.start + p.example-note");
            assert_eq!(
                note.iter().any(has_mark),
                marks.iter().any(|m| m == "online_url"),
                "{page_file}: the mark after the online button"
            );
        }
        // The page explains the mark once.
        assert_eq!(select(&html, ".notice--example").len(), 1, "{page_file}");
        // Structured data carries no demonstration value.
        let record = records.iter().find(|r| r["slug"] == slug).unwrap();
        let ld = serde_json::to_string(&json_ld(&html)).unwrap();
        for field in &marks {
            let value = match field.as_str() {
                "online_url" | "leika" | "ozg_id" => record[field.as_str()].as_str(),
                "responsible" => record["responsible"]["name"].as_str(),
                _ => None,
            };
            if let Some(value) = value {
                assert!(
                    !ld.contains(value),
                    "{page_file}: JSON-LD shows the example value {value}"
                );
            }
        }
        // Its twin, its open-data record and its CSV row name the same marks.
        let twin: Value =
            serde_json::from_str(&site.read(&format!("leistungen/{slug}/index.json"))).unwrap();
        assert_eq!(twin["service"]["example"], entry["example"], "{slug} twin");
        assert_eq!(
            record["example"], entry["example"],
            "{slug} leistungen.json"
        );
        let row = csv_rows
            .iter()
            .find(|r| &r[column("slug")] == slug)
            .unwrap();
        assert_eq!(
            &row[column("example_fields")],
            marks.join("; "),
            "{slug} CSV"
        );
        assert_eq!(&row[column("example")], "false", "{slug} CSV");

        // Every list that shows the service's status shows the mark beside it.
        if marks.iter().any(|m| m == "status") {
            marked_statuses += 1;
            let href = format!("/leistungen/{slug}/");
            let mut seen = 0;
            for (file, page) in &pages {
                for item in select(page, "li, tr") {
                    let links_here = select_in(&item, "a")
                        .iter()
                        .any(|a| a.value().attr("href") == Some(href.as_str()));
                    let nested = !select_in(&item, "li, tr").is_empty();
                    if links_here && !nested && !select_in(&item, ".status").is_empty() {
                        seen += 1;
                        assert!(
                            has_mark(&item),
                            "{file}: status of {slug} without mark: {}",
                            item.html()
                        );
                    }
                }
            }
            assert!(seen >= 2, "{slug}: its status is shown in lists ({seen})");
        }
    }
    assert!(marked_statuses > 0, "the example marks some statuses");

    // Figures computed from marked statuses say so, on the dashboard, its
    // charts and the home page.
    let dashboard = site.page("fortschritt/index.html");
    for id in ["_online-nutzbar", "_fokus-online"] {
        let value = select(&dashboard, &format!("#{id}"));
        let figure = ElementRef::wrap(value[0].parent().unwrap()).unwrap();
        assert!(has_mark(&figure), "dashboard figure {id}");
    }
    let rows = select(&dashboard, "table.status-table tbody tr");
    assert!(
        rows.iter().any(has_mark),
        "the status table counts example values"
    );
    let charts = select(&dashboard, ".chart")
        .iter()
        .map(|t| t.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(charts.contains("Beispielwert"), "{charts}");
    assert!(select(&dashboard, ".notice--example").len() == 1);
    let home = site.page("index.html");
    assert!(
        select(&home, "ul.figures li")
            .iter()
            .filter(|f| has_mark(f))
            .count()
            >= 2
    );

    // The catalogue's DCAT description says that records hold example data.
    let dcat = site.read("daten/katalog.jsonld");
    assert!(dcat.contains("Beispieldaten:"), "DCAT description");

    // Bodies, people, news and pages with marks: on their page, in their
    // records, in the feeds.
    let governance: Value = serde_json::from_str(&site.read("daten/steuerung.json")).unwrap();
    let feed = site.read("aktuelles/atom.xml");
    for entry in entries.iter().filter(|e| e["kind"] != "service") {
        let path = entry["path"].as_str().unwrap();
        let file = format!("{}index.html", path.trim_start_matches('/'));
        let html = site.page(&file);
        let whole = entry["example"]["entry"] == true;
        let marks = fields(entry);
        match entry["kind"].as_str().unwrap() {
            "body" => {
                let slug = entry["slug"].as_str().unwrap();
                let record = governance["bodies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|b| b["slug"] == slug)
                    .unwrap();
                assert_eq!(record["example"], entry["example"], "{slug} steuerung.json");
                if marks.iter().any(|m| m == "website") {
                    let dd = &facts(&html)["Internetseite"];
                    assert!(has_mark(dd), "{file}: website");
                    let ld = serde_json::to_string(&json_ld(&html)).unwrap();
                    assert!(
                        !ld.contains("sameAs"),
                        "{file}: JSON-LD sameAs of an example website"
                    );
                }
            }
            "news" => {
                let title = select(&html, "h1")[0].text().collect::<String>();
                let entry_xml = feed
                    .split("<entry>")
                    .find(|e| e.contains(&format!("<title>{}", title.trim())));
                if let Some(entry_xml) = entry_xml {
                    assert!(entry_xml.contains("Beispieldaten:"), "feed entry of {file}");
                }
                if marks.iter().any(|m| m == "date") {
                    assert!(
                        has_mark(&select(&html, ".news-item__date")[0]),
                        "{file}: date"
                    );
                }
            }
            "site" if marks.iter().any(|m| m.starts_with("contact")) => {
                let footer = select(&home, ".site-footer__publisher");
                assert!(has_mark(&footer[0]), "footer contact");
            }
            _ => {}
        }
        if whole {
            assert!(select(&html, ".notice--example").len() == 1, "{file}");
            let types = graph_types(&html);
            assert!(
                types.iter().all(|t| t == "BreadcrumbList"),
                "{file}: no JSON-LD entity for a demonstration entry: {types:?}"
            );
        } else if !marks.is_empty() && entry["kind"] != "site" {
            assert!(html.html().contains("example-mark"), "{file}: marks shown");
        }
    }
}

fn select_in<'a>(element: &ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    element
        .select(&Selector::parse(selector).unwrap())
        .collect()
}

#[test]
fn whole_entries_and_single_values_are_marked_and_kept_out_of_structured_data() {
    let site = Site::fixture("small");
    site.edit(
        "content/services/a-online.md",
        "online_url: https://a.test.example/\n",
        "online_url: https://a.test.example/\nleika: \"99000000000001\"\nexample: [online_url, leika, status]\n",
    );
    site.edit(
        "content/services/d-pilot.md",
        "status: pilot\n",
        "status: pilot\nexample: true\n",
    );
    site.edit(
        "content/news/n1.md",
        "---\ntitle:",
        "---\nexample: [date]\ntitle:",
    );
    site.build(&[]);

    // Single values: marked beside the value, left out of the JSON-LD.
    let a = site.page("leistungen/a-online/index.html");
    let ld = serde_json::to_string(&json_ld(&a)).unwrap();
    assert!(ld.contains("GovernmentService"), "{ld}");
    for value in ["https://a.test.example/", "99000000000001"] {
        assert!(!ld.contains(value), "{value} in {ld}");
    }
    assert!(has_mark(&facts(&a)["LeiKa-Schlüssel"]));
    assert!(!has_mark(&facts(&a)["Zuletzt geprüft"]));

    // A whole entry: one notice on its page, a mark on its cards, no entity.
    let d = site.page("leistungen/d-pilot/index.html");
    let notice = select(&d, ".notice--example");
    assert_eq!(notice.len(), 1);
    assert!(notice[0]
        .text()
        .collect::<String>()
        .contains("ist ein Beispiel"));
    assert_eq!(graph_types(&d), ["BreadcrumbList"]);
    let az = site.page("leistungen/a-z/index.html");
    let item = select(&az, "li")
        .into_iter()
        .find(|li| li.html().contains("/leistungen/d-pilot/"))
        .unwrap();
    assert!(item.text().collect::<String>().contains("Beispieleintrag"));

    // A marked date: beside the date, out of the JSON-LD, a notice in the feeds.
    let n1 = site.read_source("content/news/n1.md");
    let year = n1.lines().find_map(|l| l.strip_prefix("date: ")).unwrap()[..4].to_owned();
    let article = site.page(&format!("aktuelles/{year}/n1/index.html"));
    assert!(has_mark(&select(&article, ".news-item__date")[0]));
    let ld = serde_json::to_string(&json_ld(&article)).unwrap();
    assert!(
        ld.contains("NewsArticle") && !ld.contains("datePublished"),
        "{ld}"
    );
    let feed = site.read("aktuelles/atom.xml");
    let entry = feed.split("<entry>").find(|e| e.contains("/n1/")).unwrap();
    assert!(
        entry.contains("Beispieldaten: Das Datum ist ein Beispielwert."),
        "{entry}"
    );

    // The open data flags both, and the catalogue's description counts them.
    let data: Value = serde_json::from_str(&site.read("daten/leistungen.json")).unwrap();
    let flags: BTreeMap<&str, &Value> = data["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["slug"].as_str().unwrap(), &s["example"]))
        .collect();
    assert_eq!(flags["d-pilot"]["entry"], true);
    assert_eq!(
        flags["a-online"]["fields"],
        serde_json::json!(["online_url", "leika", "status"])
    );
    assert_eq!(
        flags["b-rollout"],
        &serde_json::json!({"entry": false, "fields": []})
    );
    let schema = site.read("daten/leistungen.schema.json");
    assert!(
        schema.contains("Beispieldaten") || schema.contains("Beispielwerte"),
        "schema documents the flag"
    );
    assert!(site
        .read("daten/katalog.jsonld")
        .contains("Beispieldaten: 2 von 5 Leistungen"));
}

#[test]
fn check_lists_every_marked_entry_in_each_format() {
    let site = Site::fixture("small");
    site.edit(
        "content/services/d-pilot.md",
        "status: pilot\n",
        "status: pilot\nexample: true\n",
    );
    site.edit(
        "content/governance/bodies/ministerium.md",
        "---\n",
        "---\nexample: [website, established]\n",
    );
    let human = stdout(&site.run(&["check", "--examples"]));
    assert!(
        human.contains("Demonstration data (`example:`) in 2 entries:"),
        "{human}"
    );
    assert!(
        human.contains("content/governance/bodies/ministerium.md:2  body ministerium (/steuerung/ministerium/): website, established"),
        "{human}"
    );
    assert!(
        human.contains("service d-pilot (/leistungen/d-pilot/): the whole entry"),
        "{human}"
    );
    let github = stdout(&site.run(&["check", "--examples", "--format", "github"]));
    assert!(
        github.contains("::notice file=content/governance/bodies/ministerium.md,line=2,col=1::demonstration data: website, established"),
        "{github}"
    );
    // Without the flag, nothing is listed; a site without marks says so.
    assert!(!stdout(&site.run(&["check"])).contains("Demonstration data"));
    let clean = Site::fixture("small");
    assert!(stdout(&clean.run(&["check", "--examples"]))
        .contains("No entry is marked as demonstration data."));
}

#[test]
fn a_mark_that_names_no_field_is_an_error_with_the_right_name() {
    let site = Site::fixture("small");
    site.edit(
        "content/services/a-online.md",
        "status: online\n",
        "status: online\nexample: [stauts, online_url]\n",
    );
    let output = site.run(&["check"]);
    assert!(!output.status.success());
    let err = crate::harness::stderr(&output);
    assert!(
        err.contains("error: `stauts` in `example` is not a field of this entry"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `status`?"), "{err}");
    assert!(err.contains("content/services/a-online.md:7:"), "{err}");
}

#[test]
fn a_site_without_marks_shows_none() {
    let site = Site::fixture("small");
    site.build(&[]);
    for file in files(&site.out()) {
        if file.ends_with(".html") || file.ends_with(".xml") || file.ends_with(".jsonld") {
            let text = site.read(&file);
            assert!(!text.contains("example-mark"), "{file}");
            assert!(!text.contains("Beispieldaten"), "{file}");
            assert!(!text.contains("Beispielwert"), "{file}");
        }
    }
}
