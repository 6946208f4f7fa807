//! Fixture `small`: the open data under `/daten/`. The JSON files are read
//! back with serde_json and validated against the schemas the build
//! publishes beside them, the CSV is read back with the csv crate and
//! compared row by row with the JSON and with the fixture's Markdown, and
//! the DCAT catalogue's addresses must name files of the output.

use std::collections::BTreeMap;
use std::fs;

use serde_json::Value;

use crate::harness::{attrs, files, stderr, texts, Site};

const BASE: &str = "https://test.example/";

fn json(site: &Site, file: &str) -> Value {
    serde_json::from_str(&site.read(file)).unwrap_or_else(|e| panic!("{file} is not JSON: {e}"))
}

/// The problems `instance` has against the schema published at `schema_file`.
fn schema_errors(site: &Site, schema_file: &str, instance: &Value) -> Vec<String> {
    let schema = json(site, schema_file);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{schema_file} is no valid JSON Schema: {e}"));
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The front matter of every Markdown file in `folder` of the fixture, by slug.
fn front_matter(site: &Site, folder: &str) -> BTreeMap<String, serde_yaml::Value> {
    let dir = site.root().join("content").join(folder);
    let mut all = BTreeMap::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let yaml = text.split("---").nth(1).expect("front matter");
        let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
        all.insert(slug, serde_yaml::from_str(yaml).unwrap());
    }
    all
}

fn yaml_str<'a>(v: &'a serde_yaml::Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(serde_yaml::Value::as_str)
}

/// A YAML scalar as text: partial dates like `2024` are numbers in YAML.
fn yaml_text(v: &serde_yaml::Value, key: &str) -> Option<String> {
    match v.get(key)? {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        other => panic!("{key}: {other:?}"),
    }
}

#[test]
fn services_json_follows_its_schema_and_the_content() {
    let site = Site::fixture("small");
    site.build(&[]);
    let data = json(&site, "daten/leistungen.json");
    assert_eq!(
        data["$schema"],
        format!("{BASE}daten/leistungen.schema.json")
    );
    assert_eq!(
        schema_errors(&site, "daten/leistungen.schema.json", &data),
        Vec::<String>::new()
    );
    let schema = json(&site, "daten/leistungen.schema.json");
    assert_eq!(schema["$id"], data["$schema"]);

    // The validation can fail: a wrong status and a missing key are found.
    let mut broken = data.clone();
    broken["services"][0]["status"] = Value::from("fertig");
    broken["services"][1]
        .as_object_mut()
        .unwrap()
        .remove("leika");
    assert_eq!(
        schema_errors(&site, "daten/leistungen.schema.json", &broken).len(),
        2,
        "{:#?}",
        schema_errors(&site, "daten/leistungen.schema.json", &broken)
    );

    let markdown = front_matter(&site, "services");
    let services = data["services"].as_array().unwrap();
    assert_eq!(services.len(), markdown.len());
    assert_eq!(data["count"], markdown.len());
    // Catalogue order: by title, as on /leistungen/.
    let titles: Vec<&str> = services
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    let page = site.page("leistungen/a-z/index.html");
    assert_eq!(
        titles,
        texts(&page, ".az-list a")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    for s in services {
        let slug = s["slug"].as_str().unwrap();
        let front = &markdown[slug];
        assert_eq!(s["title"].as_str(), yaml_str(front, "title"), "{slug}");
        assert_eq!(s["summary"].as_str(), yaml_str(front, "summary"), "{slug}");
        assert_eq!(s["status"].as_str(), yaml_str(front, "status"), "{slug}");
        assert_eq!(
            s["online_url"].as_str(),
            yaml_str(front, "online_url"),
            "{slug}"
        );
        assert_eq!(s["updated"].as_str(), yaml_str(front, "updated"), "{slug}");
        assert_eq!(s["focus"].as_bool(), front["focus"].as_bool(), "{slug}");
        assert_eq!(
            s["responsible"]["slug"].as_str(),
            yaml_str(front, "responsible")
        );
        assert_eq!(s["responsible"]["name"], "Testministerium");
        assert_eq!(s["url"], format!("{BASE}leistungen/{slug}/"));
        assert!(site
            .out()
            .join(format!("leistungen/{slug}/index.html"))
            .exists());
        let topics: Vec<&str> = s["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["slug"].as_str().unwrap())
            .collect();
        let front_topics: Vec<&str> = front["topics"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(topics, front_topics, "{slug}");
    }
    let online = services.iter().find(|s| s["slug"] == "a-online").unwrap();
    assert_eq!(online["status_label"], "Online verfügbar");
    assert_eq!(online["topics"][0]["title"], "Familie");
    assert_eq!(online["leika"], Value::Null);
    // The newest `updated` of the content, not the day of the build.
    assert_eq!(data["modified"], "2026-01-15");
    assert_eq!(data["licence"]["id"], "dl-de/by-2-0");
    assert_eq!(
        data["licence"]["url"],
        "https://www.govdata.de/dl-de/by-2-0"
    );
}

#[test]
fn the_csv_reads_back_as_the_json() {
    let site = Site::fixture("small");
    // Text that needs quoting, and lists.
    site.edit(
        "content/services/a-online.md",
        "title: Leistung A-ONLINE",
        "title: 'Leistung A-ONLINE, mit \"Zitat\"'\nleika: \"99123456789000\"\ndocuments: [Ausweis, \"Nachweis; mit Semikolon\"]",
    );
    site.build(&[]);
    let data = json(&site, "daten/leistungen.json");
    let bytes = fs::read(site.out().join("daten/leistungen.csv")).unwrap();
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(!text.starts_with('\u{feff}'), "no byte-order mark");
    assert!(text.ends_with("\r\n"), "RFC 4180 line ends");
    assert!(
        text.contains("\"Leistung A-ONLINE, mit \"\"Zitat\"\"\""),
        "quoted as RFC 4180 says"
    );

    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[..3], ["slug", "url", "title"]);
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), header.len());
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    let services = data["services"].as_array().unwrap();
    assert_eq!(rows.len(), services.len());
    assert_eq!(rows.len(), front_matter(&site, "services").len());
    let list = |v: &Value, key: Option<&str>| -> String {
        v.as_array()
            .unwrap()
            .iter()
            .map(|item| match key {
                Some(k) => item[k].as_str().unwrap().to_owned(),
                None => item.as_str().unwrap().to_owned(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let scalar = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    for (row, s) in rows.iter().zip(services) {
        for key in [
            "slug",
            "url",
            "title",
            "summary",
            "leika",
            "status",
            "status_label",
            "online_url",
            "focus",
            "efa",
            "efa_lead",
            "maturity",
            "maturity_v2",
            "ozg_id",
            "coverage",
            "coverage_label",
            "available_since",
            "updated",
            "costs",
            "processing_time",
            "eligibility",
        ] {
            assert_eq!(row[key], scalar(&s[key]), "{key} of {}", row["slug"]);
        }
        assert_eq!(row["topics"], list(&s["topics"], Some("slug")));
        assert_eq!(row["topic_titles"], list(&s["topics"], Some("title")));
        assert_eq!(row["audience"], list(&s["audience"], None));
        assert_eq!(row["documents"], list(&s["documents"], None));
        assert_eq!(row["legal_basis"], list(&s["legal_basis"], None));
        assert_eq!(row["responsible"], scalar(&s["responsible"]["slug"]));
        assert_eq!(row["responsible_name"], scalar(&s["responsible"]["name"]));
        assert_eq!(row["responsible_url"], scalar(&s["responsible"]["url"]));
    }
    let a = rows.iter().find(|r| r["slug"] == "a-online").unwrap();
    assert_eq!(a["title"], "Leistung A-ONLINE, mit \"Zitat\"");
    assert_eq!(a["leika"], "99123456789000");
    assert_eq!(a["documents"], "Ausweis; Nachweis; mit Semikolon");
    assert_eq!(a["status"], "online");
    assert_eq!(a["focus"], "true");
}

#[test]
fn governance_json_has_parents_and_roles() {
    let site = Site::fixture("small");
    site.build(&[]);
    let data = json(&site, "daten/steuerung.json");
    assert_eq!(
        data["$schema"],
        format!("{BASE}daten/steuerung.schema.json")
    );
    assert_eq!(
        schema_errors(&site, "daten/steuerung.schema.json", &data),
        Vec::<String>::new()
    );
    let bodies = data["bodies"].as_array().unwrap();
    let markdown = front_matter(&site, "governance/bodies");
    assert_eq!(bodies.len(), markdown.len());
    for b in bodies {
        let slug = b["slug"].as_str().unwrap();
        assert_eq!(b["name"].as_str(), yaml_str(&markdown[slug], "name"));
        assert_eq!(
            b["parent"].as_str(),
            yaml_str(&markdown[slug], "parent"),
            "{slug}"
        );
        assert_eq!(b["url"], format!("{BASE}steuerung/{slug}/"));
    }
    let people = data["people"].as_array().unwrap();
    let markdown = front_matter(&site, "governance/people");
    assert_eq!(people.len(), markdown.len());
    for p in people {
        let slug = p["slug"].as_str().unwrap();
        let roles = p["roles"].as_array().unwrap();
        let front_roles = markdown[slug]["roles"].as_sequence().unwrap();
        assert_eq!(roles.len(), front_roles.len(), "{slug}");
        for (r, f) in roles.iter().zip(front_roles) {
            assert_eq!(r["title"].as_str(), yaml_str(f, "title"));
            assert_eq!(r["body"].as_str(), yaml_str(f, "body"));
            assert_eq!(r["from"].as_str().map(str::to_owned), yaml_text(f, "from"));
            assert_eq!(r["to"].as_str().map(str::to_owned), yaml_text(f, "to"));
        }
    }
    let erika = people.iter().find(|p| p["slug"] == "erika-muster").unwrap();
    assert_eq!(erika["roles"][0]["body_name"], "Testministerium");
    assert_eq!(erika["roles"][0]["from"], "2021-05");
    assert_eq!(erika["roles"][0]["to"], "2024-10");
    assert_eq!(erika["roles"][1]["from"], "2024");
    assert_eq!(erika["roles"][1]["to"], Value::Null);
    assert_eq!(erika["roles"][1]["chair"], true);
}

#[test]
fn the_dcat_catalogue_names_files_of_the_output() {
    let site = Site::fixture("small");
    site.build(&[]);
    let catalog = json(&site, "daten/katalog.jsonld");
    assert_eq!(catalog["@type"], "dcat:Catalog");
    assert_eq!(catalog["@context"]["dcat"], "http://www.w3.org/ns/dcat#");
    assert_eq!(catalog["@context"]["dct"], "http://purl.org/dc/terms/");
    assert_eq!(catalog["dct:publisher"]["foaf:name"], "Testministerium");
    assert_eq!(catalog["dct:modified"]["@value"], "2026-01-15");
    let datasets = catalog["dcat:dataset"].as_array().unwrap();
    assert_eq!(datasets.len(), 2);
    let mut files = Vec::new();
    for dataset in datasets {
        assert_eq!(dataset["@type"], "dcat:Dataset");
        assert_eq!(dataset["dct:title"]["@language"], "de");
        let landing = dataset["dcat:landingPage"]["@id"].as_str().unwrap();
        let page = landing.strip_prefix(BASE).expect("under the base URL");
        assert!(
            site.out().join(page).join("index.html").exists(),
            "{landing}"
        );
        for d in dataset["dcat:distribution"].as_array().unwrap() {
            assert_eq!(d["@type"], "dcat:Distribution");
            let url = d["dcat:downloadURL"]["@id"].as_str().unwrap();
            assert_eq!(d["dcat:accessURL"]["@id"], url);
            let file = url.strip_prefix(BASE).expect("under the base URL");
            let bytes = fs::read(site.out().join(file)).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(
                d["dcat:byteSize"]["@value"],
                bytes.len().to_string(),
                "{url}"
            );
            assert_eq!(
                d["dct:license"]["@id"],
                "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
            );
            assert_eq!(
                d["dcatde:licenseAttributionByText"]["@value"],
                "Testministerium"
            );
            let (format, media) = if file.ends_with(".csv") {
                ("CSV", "text/csv")
            } else {
                ("JSON", "application/json")
            };
            assert_eq!(
                d["dct:format"]["@id"],
                format!("http://publications.europa.eu/resource/authority/file-type/{format}")
            );
            assert_eq!(
                d["dcat:mediaType"]["@id"],
                format!("https://www.iana.org/assignments/media-types/{media}")
            );
            if let Some(schema) = d["dct:conformsTo"]["@id"].as_str() {
                let schema_file = schema.strip_prefix(BASE).unwrap();
                assert!(site.out().join(schema_file).exists(), "{schema}");
            }
            files.push(file.to_owned());
        }
    }
    assert_eq!(
        files,
        [
            "daten/leistungen.json",
            "daten/leistungen.csv",
            "daten/steuerung.json"
        ]
    );
}

#[test]
fn the_data_is_linked_from_every_page_and_the_catalogue() {
    let site = Site::fixture("small");
    site.build(&[]);
    let home = site.page("index.html");
    assert!(
        attrs(&home, "footer a", "href").contains(&"/leistungen/#_offene-daten".to_owned()),
        "footer link"
    );
    let catalogue = site.page("leistungen/index.html");
    assert_eq!(texts(&catalogue, "h2#_offene-daten"), ["Offene Daten"]);
    let links = attrs(
        &catalogue,
        "section[aria-labelledby=_offene-daten] a",
        "href",
    );
    for file in [
        "/daten/leistungen.csv",
        "/daten/leistungen.json",
        "/daten/steuerung.json",
        "/daten/katalog.jsonld",
        "https://www.govdata.de/dl-de/by-2-0",
    ] {
        assert!(links.contains(&file.to_owned()), "{file} not in {links:?}");
    }
}

#[test]
fn the_same_content_gives_the_same_bytes() {
    let site = Site::fixture("small");
    site.build(&[]);
    let first: Vec<(String, Vec<u8>)> = site
        .output_bytes()
        .into_iter()
        .filter(|(f, _)| f.starts_with("daten/"))
        .collect();
    assert_eq!(first.len(), 6);
    let output = site.run(&["build"]);
    assert!(output.status.success());
    let second: Vec<(String, Vec<u8>)> = site
        .output_bytes()
        .into_iter()
        .filter(|(f, _)| f.starts_with("daten/"))
        .collect();
    assert!(first == second, "the open data changed between two builds");
}

#[test]
fn without_a_licence_the_data_is_published_with_a_warning() {
    let site = Site::fixture("small");
    let yaml = site.read_source("content/site.yaml");
    let start = yaml.find("data_licence:").unwrap();
    site.write("content/site.yaml", &yaml[..start]);
    let output = site.build(&[]);
    let err = stderr(&output);
    assert_eq!(
        err.matches("warning: site.yaml names no licence for the open data")
            .count(),
        1,
        "{err}"
    );
    assert!(err.contains("add `data_licence:`"), "{err}");
    let data = json(&site, "daten/leistungen.json");
    assert!(data.get("licence").is_none());
    assert_eq!(
        schema_errors(&site, "daten/leistungen.schema.json", &data),
        Vec::<String>::new()
    );
    assert!(json(&site, "daten/steuerung.json").get("licence").is_none());
    let catalog = site.read("daten/katalog.jsonld");
    assert!(!catalog.contains("dct:license"), "{catalog}");
    assert_eq!(
        texts(
            &site.page("leistungen/index.html"),
            "section[aria-labelledby=_offene-daten] p"
        )[1],
        "Für diese Daten ist noch keine Lizenz angegeben."
    );
}

#[test]
fn a_licence_address_that_runs_script_is_an_error_at_its_line() {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "url: https://www.govdata.de/dl-de/by-2-0",
        "url: \"javascript:alert(1)\"",
    );
    let yaml = site.read_source("content/site.yaml");
    let line = yaml
        .lines()
        .position(|l| l.contains("javascript:"))
        .unwrap()
        + 1;
    let output = site.run(&["build"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains(&format!("--> content/site.yaml:{line}:")),
        "{err}"
    );
    assert!(!site.out().join("daten/leistungen.json").exists());
}

#[test]
fn editors_may_link_to_the_data() {
    let site = Site::fixture("small");
    site.edit(
        "content/pages/ueber.md",
        "\n---\n",
        "\n---\nDie [Leistungen als Tabelle](/daten/leistungen.csv) und der [Katalog](/daten/katalog.jsonld).\n",
    );
    let output = site.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    site.edit(
        "content/pages/ueber.md",
        "/daten/leistungen.csv",
        "/daten/leistungen.xlsx",
    );
    let output = site.run(&["check"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("the link target `/daten/leistungen.xlsx` does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_static_file_cannot_replace_the_data() {
    let site = Site::fixture("small");
    site.write("content/static/daten/leistungen.csv", "slug\nfalsch\n");
    let output = site.run(&["build"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output)
            .contains("would replace the open data the portal writes at /daten/leistungen.csv"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn every_page_has_a_json_twin_with_its_data_and_resolved_references() {
    let site = Site::fixture("small");
    site.build(&[]);
    let twin = |file: &str| -> serde_json::Value {
        serde_json::from_str(&site.read(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    let service = twin("leistungen/a-online/index.json");
    assert_eq!(service["page"]["title"], "Leistung A-ONLINE");
    assert_eq!(service["page"]["path"], "/leistungen/a-online/");
    assert_eq!(service["service"]["title"], "Leistung A-ONLINE");
    assert_eq!(service["service"]["status"], "online");
    // References come resolved: the responsible body with its name.
    assert_eq!(service["service"]["responsible"]["name"], "Testministerium");
    // The rendered body is there, as on the page.
    assert!(service["content"]
        .as_str()
        .unwrap()
        .contains("Beschreibung von a-online."));
    // What every page shares is not repeated in every twin.
    assert!(service.get("site").is_none() && service.get("nav").is_none());
    // Every page written as index.html has its twin; the 404 page has none.
    let all = files(&site.out());
    let pages: Vec<&String> = all.iter().filter(|f| f.ends_with("index.html")).collect();
    for page in &pages {
        let json = page.replace("index.html", "index.json");
        assert!(all.contains(&json), "{json} missing");
        twin(&json);
    }
    assert!(!all.iter().any(|f| f == "404.json"));
}
