//! Fixture `small` (5 services with known statuses): the dashboard's
//! figures follow the content.

use crate::harness::{texts, Site};

fn figures(site: &Site) -> (String, String, String, Vec<String>) {
    let page = site.page("fortschritt/index.html");
    let one = |sel: &str| texts(&page, sel).remove(0);
    (
        one("#_fokus-online"),
        one("#_online-nutzbar"),
        one("#_efa-anteil"),
        texts(&page, ".status-table tbody tr"),
    )
}

#[test]
fn figures_are_computed_from_the_services() {
    let site = Site::fixture("small");
    site.build(&[]);
    let (focus, usable, efa, rows) = figures(&site);
    assert_eq!(focus, "1 von 3");
    assert_eq!(usable, "4 von 5");
    assert_eq!(efa, "40 %");
    assert_eq!(
        rows,
        [
            "Geplant 1 20 %",
            "In Entwicklung 0 0 %",
            "Pilotbetrieb 1 20 %",
            "Im Rollout 1 20 %",
            "Online verfügbar 2 40 %",
        ]
    );
}

#[test]
fn changing_one_status_changes_the_counts() {
    let site = Site::fixture("small");
    site.edit(
        "content/services/c-planned.md",
        "status: planned",
        "status: online\nonline_url: https://c.test.example/",
    );
    site.build(&[]);
    let (focus, usable, _, rows) = figures(&site);
    assert_eq!(focus, "2 von 3");
    assert_eq!(usable, "5 von 5");
    assert_eq!(rows[0], "Geplant 0 0 %");
    assert_eq!(rows[4], "Online verfügbar 3 60 %");
    // The home page shows the same figures.
    let home = texts(&site.page("index.html"), ".figure");
    assert!(
        home.contains(&"2 von 3 Fokusleistungen vollständig online".to_owned()),
        "{home:?}"
    );
}
