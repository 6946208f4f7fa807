//! Fixture `small`: the JSON-LD block of each page type parses and says
//! what the page is about (schema.org), and no text can break out of it.

use serde_json::Value;

use crate::harness::Site;

/// The JSON-LD `@graph` of an output page, parsed.
fn graph(site: &Site, file: &str) -> Vec<Value> {
    let page = site.page(file);
    let selector = scraper::Selector::parse("script[type='application/ld+json']").unwrap();
    let blocks: Vec<String> = page.select(&selector).map(|e| e.inner_html()).collect();
    assert_eq!(blocks.len(), 1, "{file}: one JSON-LD block");
    let value: Value = serde_json::from_str(&blocks[0])
        .unwrap_or_else(|e| panic!("{file}: JSON-LD does not parse: {e}\n{}", blocks[0]));
    assert_eq!(value["@context"], "https://schema.org");
    value["@graph"].as_array().expect("a @graph").clone()
}

fn of_type<'a>(graph: &'a [Value], kind: &str) -> &'a Value {
    graph
        .iter()
        .find(|v| v["@type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {graph:#?}"))
}

fn site() -> Site {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "language: de\n",
        "language: de\nregion: Testland\n",
    );
    site.edit(
        "content/services/a-online.md",
        "focus: true\n",
        "focus: true\nleika: \"99123456789000\"\n",
    );
    site.build(&[]);
    site
}

#[test]
fn a_service_is_a_government_service_with_key_provider_area_audience_and_channel() {
    let site = site();
    let graph = graph(&site, "leistungen/a-online/index.html");
    let service = of_type(&graph, "GovernmentService");
    assert_eq!(service["name"], "Leistung A-ONLINE");
    assert_eq!(service["url"], "https://test.example/leistungen/a-online/");
    assert_eq!(service["identifier"]["propertyID"], "LeiKa");
    assert_eq!(service["identifier"]["value"], "99123456789000");
    assert_eq!(service["provider"]["@type"], "GovernmentOrganization");
    assert_eq!(service["provider"]["name"], "Testministerium");
    assert_eq!(
        service["provider"]["url"],
        "https://test.example/steuerung/ministerium/"
    );
    assert_eq!(service["areaServed"]["name"], "Testland");
    assert_eq!(
        service["audience"][0]["audienceType"],
        "Bürgerinnen und Bürger"
    );
    assert_eq!(
        service["availableChannel"]["serviceUrl"],
        "https://a.test.example/"
    );
    let trail = of_type(&graph, "BreadcrumbList");
    let items = trail["itemListElement"].as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Startseite", "Leistungen", "Leistung A-ONLINE"]);
    assert_eq!(items[2]["position"], 3);
    assert_eq!(
        items[2]["item"],
        "https://test.example/leistungen/a-online/"
    );
}

#[test]
fn bodies_people_news_and_home_say_what_they_are() {
    let site = site();
    let it_rat = graph(&site, "steuerung/it-rat/index.html");
    let org = of_type(&it_rat, "GovernmentOrganization");
    assert_eq!(org["name"], "IT-Rat");
    assert_eq!(org["parentOrganization"]["name"], "Testministerium");
    assert_eq!(org["subOrganization"][0]["name"], "AG Daten");

    let person = graph(&site, "personen/max-beispiel/index.html");
    let person = of_type(&person, "Person");
    assert_eq!(person["name"], "Max Beispiel");
    assert_eq!(person["hasOccupation"][0]["name"], "CIO");
    assert_eq!(person["worksFor"][0]["name"], "Testministerium");

    let news = graph(&site, "aktuelles/2025/n4/index.html");
    let article = of_type(&news, "NewsArticle");
    assert_eq!(article["headline"], "Nachricht n4");
    assert_eq!(article["datePublished"], "2025-11-20");
    assert_eq!(article["publisher"]["name"], "Testministerium");

    let home = graph(&site, "index.html");
    let website = of_type(&home, "WebSite");
    assert_eq!(website["name"], "Testportal");
    assert_eq!(website["url"], "https://test.example/");
    let action = &website["potentialAction"];
    assert_eq!(action["@type"], "SearchAction");
    assert_eq!(
        action["target"]["urlTemplate"],
        "https://test.example/suche/?q={search_term_string}"
    );
    assert_eq!(action["query-input"], "required name=search_term_string");

    let catalogue = graph(&site, "leistungen/index.html");
    assert_eq!(of_type(&catalogue, "WebPage")["name"], "Leistungen");
}

#[test]
fn a_title_that_closes_the_script_element_stays_inert() {
    let site = Site::fixture("small");
    let title = "A </script><script>alert(1)</script> & <!-- B";
    site.edit(
        "content/services/a-online.md",
        "title: Leistung A-ONLINE",
        &format!("title: \"{title}\""),
    );
    // The build passes the output guard: nothing broke out as script.
    site.build(&[]);
    let graph = graph(&site, "leistungen/a-online/index.html");
    assert_eq!(of_type(&graph, "GovernmentService")["name"], title);
    let html = site.read("leistungen/a-online/index.html");
    assert_eq!(html.matches("<script").count(), 1, "only the JSON-LD block");
}
