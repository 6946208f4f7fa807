//! Fixture `small` (5 services, 3 of them focus services; 4 bodies in one
//! chain; 2 people with 3 roles): the inline SVG charts are well-formed XML
//! and show the content's numbers.

use roxmltree::{Document, Node};

use crate::harness::{texts, Site};

/// The chart SVGs of an output page, as written.
fn svgs(site: &Site, page: &str) -> Vec<String> {
    let html = site.read(page);
    let mut found = Vec::new();
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<svg ") {
        let end = rest[start..].find("</svg>").expect("an <svg> is closed") + start + 6;
        let svg = &rest[start..end];
        if svg.contains("class=\"chart ") {
            found.push(svg.to_owned());
        }
        rest = &rest[end..];
    }
    found
}

/// The one chart of `kind` on `page`, parsed by a real XML parser.
fn chart(site: &Site, page: &str, kind: &str) -> String {
    let all: Vec<String> = svgs(site, page)
        .into_iter()
        .filter(|s| s.contains(&format!("chart--{kind}\"")))
        .collect();
    assert_eq!(all.len(), 1, "one {kind} chart on {page}");
    let svg = all.into_iter().next().unwrap();
    Document::parse(&svg).unwrap_or_else(|e| panic!("{kind} chart is not XML: {e}\n{svg}"));
    svg
}

fn has_class(node: &Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|c| c == class))
}

/// Elements with `class`, in document order.
fn with_class<'a>(doc: &'a Document<'a>, class: &str) -> Vec<Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.is_element() && has_class(n, class))
        .collect()
}

fn text_of(node: &Node) -> String {
    node.text().unwrap_or_default().to_owned()
}

fn number(node: &Node, attr: &str) -> f64 {
    node.attribute(attr).unwrap().parse().unwrap()
}

#[test]
fn every_chart_is_accessible_scalable_svg_without_inline_style() {
    let site = Site::fixture("small");
    site.build(&[]);
    for page in [
        "fortschritt/index.html",
        "steuerung/index.html",
        "personen/erika-muster/index.html",
    ] {
        let all = svgs(&site, page);
        assert!(!all.is_empty(), "no chart on {page}");
        for svg in all {
            let doc = Document::parse(&svg).unwrap();
            let root = doc.root_element();
            assert_eq!(
                root.tag_name().namespace(),
                Some("http://www.w3.org/2000/svg")
            );
            assert_eq!(root.attribute("role"), Some("img"));
            assert!(root.attribute("aria-label").is_some_and(|l| l.len() > 20));
            assert!(root.attribute("viewBox").is_some());
            assert!(root.attribute("width").is_none() && root.attribute("height").is_none());
            assert!(
                doc.descendants().all(|n| n.attribute("style").is_none()),
                "inline style in {page}"
            );
        }
    }
}

#[test]
fn status_bars_show_the_counts_of_the_table() {
    let site = Site::fixture("small");
    site.build(&[]);
    let svg = chart(&site, "fortschritt/index.html", "bars");
    let doc = Document::parse(&svg).unwrap();
    let labels: Vec<String> = with_class(&doc, "chart__label")
        .iter()
        .map(text_of)
        .collect();
    let values: Vec<String> = with_class(&doc, "chart__value")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        labels,
        [
            "Geplant",
            "In Entwicklung",
            "Pilotbetrieb",
            "Im Rollout",
            "Online verfügbar"
        ]
    );
    assert_eq!(values, ["1", "0", "1", "1", "2"]);
    // The same numbers as the table, row by row.
    let rows = texts(
        &site.page("fortschritt/index.html"),
        ".status-table tbody tr",
    );
    for (row, (label, value)) in rows.iter().zip(labels.iter().zip(&values)) {
        assert!(row.starts_with(&format!("{label} {value} ")), "{row}");
    }
    // Bar lengths are proportional to the counts.
    let widths: Vec<f64> = with_class(&doc, "chart__bar")
        .iter()
        .map(|n| number(n, "width"))
        .collect();
    assert_eq!(widths.len(), 5);
    let unit = widths[4] / 2.0;
    for (w, v) in widths.iter().zip(&values) {
        assert!(
            (w - unit * v.parse::<f64>().unwrap()).abs() < 0.2,
            "{widths:?}"
        );
    }
}

#[test]
fn focus_chart_fills_one_step_per_status_reached() {
    let site = Site::fixture("small");
    site.build(&[]);
    let svg = chart(&site, "fortschritt/index.html", "stages");
    let doc = Document::parse(&svg).unwrap();
    let labels: Vec<String> = with_class(&doc, "chart__label")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        labels,
        [
            "Leistung A-ONLINE: Online verfügbar",
            "Leistung B-ROLLOUT: Im Rollout",
            "Leistung C-PLANNED: Geplant",
        ]
    );
    let steps = with_class(&doc, "chart__step");
    assert_eq!(steps.len(), 3 * 5);
    let done: Vec<usize> = steps
        .chunks(5)
        .map(|row| {
            row.iter()
                .filter(|n| has_class(n, "chart__step--done"))
                .count()
        })
        .collect();
    assert_eq!(done, [5, 4, 1]);
}

#[test]
fn launch_timeline_has_a_dot_per_dated_service() {
    let site = Site::fixture("small");
    // One service gives when it went online; the two online ones without
    // it are drawn at their `updated` day, as last checked.
    site.edit(
        "content/services/d-pilot.md",
        "updated: 2026-01-15",
        "updated: 2026-01-15\navailable_since: 2024-03-01",
    );
    site.build(&[]);
    let svg = chart(&site, "fortschritt/index.html", "launches");
    let doc = Document::parse(&svg).unwrap();
    let dots: Vec<Node> = with_class(&doc, "chart__dot")
        .into_iter()
        .filter(|n| !has_class(n, "chart__key"))
        .collect();
    assert_eq!(dots.len(), 3);
    let checked = dots
        .iter()
        .filter(|n| has_class(n, "chart__dot--checked"))
        .count();
    assert_eq!(checked, 2);
    let labels: Vec<String> = with_class(&doc, "chart__label")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        labels,
        ["Leistung D-PILOT", "Leistung A-ONLINE", "Leistung E-ONLINE"]
    );
    // The earlier day sits further left; equal days at the same x.
    let xs: Vec<f64> = dots.iter().map(|n| number(n, "cx")).collect();
    assert!(xs[0] < xs[1] && (xs[1] - xs[2]).abs() < 0.01, "{xs:?}");
    let years: Vec<String> = with_class(&doc, "chart__axis-label")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(years, ["2024", "2025", "2026"]);
    // The text equivalent lists the same services, oldest first.
    let rows = texts(
        &site.page("fortschritt/index.html"),
        ".online-table tbody tr",
    );
    assert_eq!(
        rows,
        [
            "Leistung D-PILOT 1. März 2024 online seit",
            "Leistung A-ONLINE 15. Januar 2026 zuletzt geprüft (kein Datum „online seit“ angegeben)",
            "Leistung E-ONLINE 15. Januar 2026 zuletzt geprüft (kein Datum „online seit“ angegeben)",
        ]
    );
}

#[test]
fn org_chart_has_a_box_per_body_and_a_connector_per_child() {
    let site = Site::fixture("small");
    site.build(&[]);
    let svg = chart(&site, "steuerung/index.html", "org");
    let doc = Document::parse(&svg).unwrap();
    let boxes = with_class(&doc, "chart__box");
    let bodies = site.read_source("content/governance/bodies/it-rat.md");
    assert!(bodies.contains("parent: ministerium"));
    assert_eq!(boxes.len(), 4, "one box per body file");
    assert_eq!(with_class(&doc, "chart__link").len(), 3, "one per parent");
    let names: Vec<String> = with_class(&doc, "chart__label")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        names,
        ["Landesregierung", "Testministerium", "IT-Rat", "AG Daten"]
    );
    // Each level is indented further than its parent.
    let xs: Vec<f64> = boxes.iter().map(|n| number(n, "x")).collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    // The nested list stays on the page, with the same bodies.
    let list = texts(&site.page("steuerung/index.html"), ".tree__name");
    assert_eq!(list, names);
}

#[test]
fn role_timeline_has_a_bar_per_role() {
    let site = Site::fixture("small");
    site.build(&[]);
    let svg = chart(&site, "personen/erika-muster/index.html", "roles");
    let doc = Document::parse(&svg).unwrap();
    let bars = with_class(&doc, "chart__role");
    assert_eq!(bars.len(), 2);
    assert_eq!(
        bars.iter()
            .filter(|n| has_class(n, "chart__role--current"))
            .count(),
        1
    );
    let labels: Vec<String> = with_class(&doc, "chart__label")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(labels, ["CIO, Testministerium", "Vorsitzende, IT-Rat"]);
    // CIO from May 2021 to October 2024 on an axis of 2021 to 2025: the
    // bar starts a third of a year in and ends before the open role does.
    let years: Vec<String> = with_class(&doc, "chart__axis-label")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(years, ["2021", "2022", "2023", "2024", "2025"]);
    let cio_end = number(&bars[0], "x") + number(&bars[0], "width");
    let chair_end = number(&bars[1], "x") + number(&bars[1], "width");
    assert!(number(&bars[0], "x") > 1.0 && cio_end < chair_end);
    // The table, the text equivalent, lists as many roles.
    let rows = texts(
        &site.page("personen/erika-muster/index.html"),
        "table tbody tr",
    );
    assert_eq!(rows.len(), bars.len());

    let svg = chart(&site, "personen/max-beispiel/index.html", "roles");
    let doc = Document::parse(&svg).unwrap();
    assert_eq!(with_class(&doc, "chart__role").len(), 1);
}

#[test]
fn titles_are_escaped_and_charts_are_the_same_bytes_on_every_build() {
    let site = Site::fixture("small");
    site.edit(
        "content/services/a-online.md",
        "title: Leistung A-ONLINE",
        "title: 'Leistung \"A\" <&> </svg>'",
    );
    site.edit(
        "content/governance/bodies/it-rat.md",
        "name: IT-Rat",
        "name: 'R&D <Rat> \"x\"'",
    );
    site.build(&[]);
    let svg = chart(&site, "fortschritt/index.html", "stages");
    let doc = Document::parse(&svg).unwrap();
    assert!(with_class(&doc, "chart__label")
        .iter()
        .any(|n| text_of(n) == "Leistung \"A\" <&> </svg>: Online verfügbar"));
    let org = chart(&site, "steuerung/index.html", "org");
    let doc = Document::parse(&org).unwrap();
    assert!(with_class(&doc, "chart__label")
        .iter()
        .any(|n| text_of(n) == "R&D <Rat> \"x\""));

    let first: Vec<Vec<String>> = ["fortschritt/index.html", "steuerung/index.html"]
        .iter()
        .map(|p| svgs(&site, p))
        .collect();
    site.build(&[]);
    let second: Vec<Vec<String>> = ["fortschritt/index.html", "steuerung/index.html"]
        .iter()
        .map(|p| svgs(&site, p))
        .collect();
    assert_eq!(first, second);
}
