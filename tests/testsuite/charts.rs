//! Fixture `small` (5 services, 3 of them focus services; 4 bodies in one
//! chain; 2 people with 3 roles): the charts show the content's numbers,
//! their text is HTML (so it keeps the page's size at any width and is
//! never cut), their marks SVG placed in percent, and the governance tree
//! is an org chart of linked boxes.

use scraper::{ElementRef, Html, Selector};

use crate::harness::{texts, Site};

/// The one chart of `kind` on `page`.
fn chart(site: &Site, page: &str, kind: &str) -> Html {
    let html = site.page(page);
    let selector = Selector::parse(&format!(".chart--{kind}")).unwrap();
    let all: Vec<String> = html.select(&selector).map(|e| e.html()).collect();
    assert_eq!(all.len(), 1, "one {kind} chart on {page}");
    Html::parse_fragment(&all[0])
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn has_class(e: &ElementRef, class: &str) -> bool {
    e.value().classes().any(|c| c == class)
}

/// A length in percent of the track: `42.5%` → 42.5.
fn percent(e: &ElementRef, attr: &str) -> f64 {
    let value = e.value().attr(attr).unwrap();
    value
        .strip_suffix('%')
        .unwrap_or_else(|| panic!("{attr}={value} is not in percent"))
        .parse()
        .unwrap()
}

#[test]
fn every_chart_is_an_image_with_html_text_and_unscaled_marks() {
    let site = Site::fixture("small");
    site.build(&[]);
    for page in ["fortschritt/index.html", "personen/erika-muster/index.html"] {
        let html = site.page(page);
        let charts = select(&html, ".chart");
        assert!(!charts.is_empty(), "no chart on {page}");
        for chart in charts {
            assert_eq!(chart.value().name(), "div");
            assert_eq!(chart.value().attr("role"), Some("img"));
            assert!(chart
                .value()
                .attr("aria-label")
                .is_some_and(|l| l.len() > 20));
            let inner = Html::parse_fragment(&chart.html());
            // No SVG text except numbers and years; no viewBox that would
            // scale text with the screen; no inline style (CSP).
            for svg in select(&inner, "svg") {
                assert!(svg.value().attr("viewBox").is_none(), "{page}");
            }
            for text in select(&inner, "svg text") {
                let t: String = text.text().collect();
                assert!(t.chars().all(|c| c.is_ascii_digit()), "{t:?} in SVG");
            }
            assert!(!chart.html().contains("style="), "inline style in {page}");
            assert!(!chart.html().contains('…'), "cut text in {page}");
        }
    }
}

#[test]
fn status_bars_show_the_counts_of_the_table() {
    let site = Site::fixture("small");
    site.build(&[]);
    let chart = chart(&site, "fortschritt/index.html", "bars");
    let labels = texts(&chart, ".chart__label");
    let values = texts(&chart, ".chart__value");
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
    let widths: Vec<f64> = select(&chart, ".chart__bar")
        .iter()
        .map(|e| percent(e, "width"))
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
    let chart = chart(&site, "fortschritt/index.html", "stages");
    assert_eq!(
        texts(&chart, ".chart__label"),
        [
            "Leistung A-ONLINE: Online verfügbar",
            "Leistung B-ROLLOUT: Im Rollout",
            "Leistung C-PLANNED: Geplant",
        ]
    );
    let steps = select(&chart, ".chart__step");
    assert_eq!(steps.len(), 3 * 5);
    let done: Vec<usize> = steps
        .chunks(5)
        .map(|row| {
            row.iter()
                .filter(|e| has_class(e, "chart__step--done"))
                .count()
        })
        .collect();
    assert_eq!(done, [5, 4, 1]);
}

#[test]
fn launch_timeline_has_a_dot_per_dated_service_on_an_axis_to_the_build_day() {
    let site = Site::fixture("small");
    // One service gives when it went online; the two online ones without
    // it are drawn at their `updated` day, as last checked.
    site.edit(
        "content/services/d-pilot.md",
        "updated: 2026-01-15",
        "updated: 2026-01-15\navailable_since: 2024-03-01",
    );
    site.build(&[]);
    let chart = chart(&site, "fortschritt/index.html", "launches");
    let dots: Vec<ElementRef> = select(&chart, ".chart__dot")
        .into_iter()
        .filter(|e| !has_class(e, "chart__key"))
        .collect();
    assert_eq!(dots.len(), 3);
    let checked = dots
        .iter()
        .filter(|e| has_class(e, "chart__dot--checked"))
        .count();
    assert_eq!(checked, 2);
    assert_eq!(
        texts(&chart, ".chart__label"),
        ["Leistung D-PILOT", "Leistung A-ONLINE", "Leistung E-ONLINE"]
    );
    // The earlier day sits further left; equal days at the same x.
    let xs: Vec<f64> = dots.iter().map(|e| percent(e, "cx")).collect();
    assert!(xs[0] < xs[1] && (xs[1] - xs[2]).abs() < 0.01, "{xs:?}");
    // The harness builds on 1 November 2026 (SOURCE_DATE_EPOCH): the axis
    // runs to that year.
    assert_eq!(
        texts(&chart, ".chart__axis-label"),
        ["2024", "2025", "2026"]
    );
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
fn the_org_chart_is_the_tree_of_linked_boxes_grouped_by_level() {
    let site = Site::fixture("small");
    site.build(&[]);
    let bodies = site.read_source("content/governance/bodies/it-rat.md");
    assert!(bodies.contains("parent: ministerium"));
    let page = site.page("steuerung/index.html");
    // No picture beside the list: the list is the chart.
    assert!(select(&page, ".chart").is_empty());
    assert_eq!(texts(&page, ".org__level"), ["Land"]);
    // Each body once, as a link to its page, nested under its parent.
    let names = texts(&page, ".tree .tree__name");
    assert_eq!(
        names,
        ["Landesregierung", "Testministerium", "IT-Rat", "AG Daten"]
    );
    let links: Vec<String> = select(&page, ".tree a.tree__name")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(links.len(), 4);
    assert!(links.iter().all(|l| l.contains("/steuerung/")), "{links:?}");
    let depth = texts(&page, ".tree .tree .tree .tree .tree__name");
    assert_eq!(depth, ["AG Daten"]);
}

#[test]
fn role_timeline_has_a_bar_per_role_and_an_open_role_ends_on_the_build_day() {
    let site = Site::fixture("small");
    site.build(&[]);
    let chart = chart(&site, "personen/erika-muster/index.html", "roles");
    let bars = select(&chart, ".chart__role");
    assert_eq!(bars.len(), 2);
    assert_eq!(
        bars.iter()
            .filter(|e| has_class(e, "chart__role--current"))
            .count(),
        1
    );
    assert_eq!(
        texts(&chart, ".chart__label"),
        ["CIO, Testministerium", "Vorsitzende, IT-Rat"]
    );
    // CIO from May 2021 to October 2024 on an axis of 2021 to 2026 (the
    // build year): the bar starts a third of a year in and ends before
    // the open role does, which ends on 1 November 2026, not at the edge.
    assert_eq!(
        texts(&chart, ".chart__axis-label"),
        ["2021", "2022", "2023", "2024", "2025", "2026"]
    );
    let end = |e: &ElementRef| percent(e, "x") + percent(e, "width");
    assert!(percent(&bars[0], "x") > 1.0 && end(&bars[0]) < end(&bars[1]));
    let build_day = 100.0 * (5.0 + 305.0 / 365.0) / 6.0;
    assert!((end(&bars[1]) - build_day).abs() < 0.3, "{}", end(&bars[1]));
    // The table, the text equivalent, lists as many roles.
    let rows = texts(
        &site.page("personen/erika-muster/index.html"),
        "table tbody tr",
    );
    assert_eq!(rows.len(), bars.len());

    let chart = self::chart(&site, "personen/max-beispiel/index.html", "roles");
    assert_eq!(select(&chart, ".chart__role").len(), 1);
}

#[test]
fn titles_are_escaped_and_charts_are_the_same_bytes_on_every_build() {
    let site = Site::fixture("small");
    site.edit(
        "content/services/a-online.md",
        "title: Leistung A-ONLINE",
        "title: 'Leistung \"A\" <&> </div>'",
    );
    site.edit(
        "content/governance/bodies/it-rat.md",
        "name: IT-Rat",
        "name: 'R&D <Rat> \"x\"'",
    );
    site.build(&[]);
    let chart = chart(&site, "fortschritt/index.html", "stages");
    assert!(texts(&chart, ".chart__label")
        .iter()
        .any(|t| t == "Leistung \"A\" <&> </div>: Online verfügbar"));
    let page = site.page("steuerung/index.html");
    assert!(texts(&page, ".tree__name")
        .iter()
        .any(|t| t == "R&D <Rat> \"x\""));

    let charts = |site: &Site| -> Vec<String> {
        ["fortschritt/index.html", "personen/erika-muster/index.html"]
            .iter()
            .flat_map(|p| {
                select(&site.page(p), ".chart")
                    .iter()
                    .map(|e| e.html())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let first = charts(&site);
    site.build(&[]);
    assert_eq!(first, charts(&site));
}
