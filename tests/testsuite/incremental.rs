//! Fixture `small`, edited: incremental rebuilds give byte for byte what a
//! full build writes, after any sequence of edits, and render only the
//! pages an edit touches.

use portal::incremental::Incremental;
use portal::pipeline::{self, BuildOptions};
use portal::search;
use proptest::prelude::*;

use crate::harness::{repo, Site};

const SERVICES: [&str; 5] = ["a-online", "b-rollout", "c-planned", "d-pilot", "e-online"];
const NEWS: [&str; 4] = ["n1", "n2", "n3", "n4"];
const BODIES: [&str; 4] = ["ag-daten", "it-rat", "ministerium", "regierung"];

/// One edit an editor could make.
#[derive(Debug, Clone)]
enum Edit {
    ServiceTitle(usize, usize),
    ServiceStatus(usize, usize),
    ServiceTopics(usize, usize),
    ServiceResponsible(usize, usize),
    NewsDate(usize, u32),
    NewsServices(usize, usize),
    BodyParent(usize, usize),
    BodyName(usize, usize),
    PersonRoleBody(usize),
    AddService(usize),
    DeleteService(usize),
    AddNews(usize),
    BreakFile(usize),
    FixFiles,
    Template(usize),
    SiteTitle(usize),
    Text(usize, usize),
    /// A service's or a body's `example:` mark (whole entry, some fields,
    /// none): marks show on its page, on cards, in figures and the data.
    ServiceExample(usize, usize),
    BodyExample(usize, usize),
    /// A topic's title in topics.yaml (topic pages, cards, list pages).
    TopicTitle(usize),
    /// The title of a person's role (body and person pages).
    PersonRoleTitle(usize),
    /// A text of the theme in the site's string file (every page).
    ThemeText(usize),
    /// A translation of a service into English, new or changed, with
    /// English in site.yaml's `translations`; one variant contradicts its
    /// original (an error), one repeats a field unchanged.
    Translation(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..5usize, 0..4usize).prop_map(|(s, t)| Edit::ServiceTitle(s, t)),
        (0..5usize, 0..5usize).prop_map(|(s, t)| Edit::ServiceStatus(s, t)),
        (0..5usize, 0..3usize).prop_map(|(s, t)| Edit::ServiceTopics(s, t)),
        (0..5usize, 0..4usize).prop_map(|(s, b)| Edit::ServiceResponsible(s, b)),
        (0..4usize, 0..40u32).prop_map(|(n, d)| Edit::NewsDate(n, d)),
        (0..4usize, 0..5usize).prop_map(|(n, s)| Edit::NewsServices(n, s)),
        (0..4usize, 0..5usize).prop_map(|(b, p)| Edit::BodyParent(b, p)),
        (0..4usize, 0..3usize).prop_map(|(b, n)| Edit::BodyName(b, n)),
        (0..4usize).prop_map(Edit::PersonRoleBody),
        (0..3usize).prop_map(Edit::AddService),
        (0..3usize).prop_map(Edit::DeleteService),
        (0..3usize).prop_map(Edit::AddNews),
        (0..5usize).prop_map(Edit::BreakFile),
        Just(Edit::FixFiles),
        (0..3usize).prop_map(Edit::Template),
        (0..3usize).prop_map(Edit::SiteTitle),
        (0..5usize, 0..3usize).prop_map(|(s, t)| Edit::Text(s, t)),
        (0..5usize, 0..4usize).prop_map(|(s, m)| Edit::ServiceExample(s, m)),
        (0..4usize, 0..3usize).prop_map(|(b, m)| Edit::BodyExample(b, m)),
        (0..3usize).prop_map(Edit::TopicTitle),
        (0..3usize).prop_map(Edit::PersonRoleTitle),
        (0..3usize).prop_map(Edit::ThemeText),
        (0..5usize, 0..3usize).prop_map(|(s, t)| Edit::Translation(s, t)),
    ]
}

/// Sets `key: value` in the front matter of `relative` (adds the line if
/// the field is missing).
fn set_field(site: &Site, relative: &str, key: &str, value: &str) {
    let text = site.read_source(relative);
    let end = text[4..].find("\n---").map_or(text.len(), |i| i + 4);
    let (front, rest) = text.split_at(end);
    let prefix = format!("{key}:");
    let mut found = false;
    let mut lines: Vec<String> = front
        .lines()
        .map(|line| {
            if line.starts_with(&prefix) {
                found = true;
                format!("{key}: {value}")
            } else {
                line.to_owned()
            }
        })
        .collect();
    if !found {
        lines.push(format!("{key}: {value}"));
    }
    site.write(relative, &format!("{}{rest}", lines.join("\n")));
}

fn apply(site: &Site, edit: &Edit) -> Vec<String> {
    let service = |i: usize| format!("content/services/{}.md", SERVICES[i]);
    let news = |i: usize| format!("content/news/{}.md", NEWS[i]);
    let body = |i: usize| format!("content/governance/bodies/{}.md", BODIES[i]);
    let touched = match *edit {
        Edit::ServiceTitle(s, t) => {
            let titles = ["Anders", "Zulassung", "Wohngeld", "Ärger mit Ämtern"];
            set_field(site, &service(s), "title", titles[t]);
            vec![service(s)]
        }
        Edit::ServiceStatus(s, t) => {
            let statuses = ["planned", "in_development", "pilot", "rollout", "online"];
            set_field(site, &service(s), "online_url", "https://x.test.example/");
            set_field(site, &service(s), "status", statuses[t]);
            vec![service(s)]
        }
        Edit::ServiceTopics(s, t) => {
            let topics = ["[familie]", "[bauen]", "[familie, bauen]"];
            set_field(site, &service(s), "topics", topics[t]);
            vec![service(s)]
        }
        Edit::ServiceResponsible(s, b) => {
            set_field(site, &service(s), "responsible", BODIES[b]);
            vec![service(s)]
        }
        Edit::NewsDate(n, d) => {
            let date = format!("{}-{:02}-{:02}", 2023 + d % 4, 1 + d % 12, 1 + d % 28);
            set_field(site, &news(n), "date", &date);
            vec![news(n)]
        }
        Edit::NewsServices(n, s) => {
            set_field(site, &news(n), "services", &format!("[{}]", SERVICES[s]));
            vec![news(n)]
        }
        Edit::BodyParent(b, p) => {
            // A parent of its own or a cycle is an error: both builds fail.
            set_field(site, &body(b), "parent", BODIES[p % 4]);
            vec![body(b)]
        }
        Edit::ServiceExample(s, m) => {
            let marks = ["true", "[status]", "[status, focus, updated]", "false"];
            set_field(site, &service(s), "example", marks[m]);
            vec![service(s)]
        }
        Edit::BodyExample(b, m) => {
            let marks = ["true", "[name, parent]", "false"];
            set_field(site, &body(b), "example", marks[m]);
            vec![body(b)]
        }
        Edit::BodyName(b, n) => {
            let names = ["Rat", "Zentrale Stelle", "Arbeitskreis"];
            set_field(site, &body(b), "name", names[n]);
            vec![body(b)]
        }
        Edit::PersonRoleBody(b) => {
            let file = "content/governance/people/max-beispiel.md";
            let text = site.read_source(file);
            let old = text
                .lines()
                .find(|l| l.trim_start().starts_with("body:"))
                .unwrap()
                .to_owned();
            site.edit(file, &old, &format!("    body: {}", BODIES[b]));
            vec![file.to_owned()]
        }
        Edit::AddService(n) => {
            let file = format!("content/services/neu-{n}.md");
            site.write(
            &file,
            &format!("---\ntitle: Neue Leistung {n}\nsummary: Neu.\ntopics: [bauen]\naudience: [citizens]\nstatus: planned\nresponsible: it-rat\nupdated: 2026-02-0{}\n---\n## Übersicht\n\nNeu {n}.\n", n + 1),
            );
            vec![file]
        }
        Edit::DeleteService(n) => {
            let file = format!("content/services/neu-{n}.md");
            let _ = std::fs::remove_file(site.root().join(&file));
            vec![file]
        }
        Edit::AddNews(n) => {
            let file = format!("content/news/neu-{n}.md");
            site.write(
            &file,
            &format!("---\ntitle: Neue Nachricht {n}\ndate: 2025-0{}-15\nsummary: Neu.\ntopics: [familie]\nservices: [b-rollout]\n---\nText {n}.\n", n + 1),
            );
            vec![file]
        }
        Edit::BreakFile(s) => {
            set_field(site, &service(s), "summary", "[kaputt");
            vec![service(s)]
        }
        Edit::FixFiles => {
            let mut touched: Vec<String> = (0..SERVICES.len()).map(service).collect();
            for (s, slug) in SERVICES.iter().enumerate() {
                set_field(site, &service(s), "summary", "Wieder gut.");
                let translation = format!("content/services/{slug}.en.md");
                if site.root().join(&translation).exists() {
                    site.write(&translation, "---\ntitle: Fixed\n---\nText.\n");
                    touched.push(translation);
                }
            }
            touched
        }
        Edit::Template(n) => {
            let builtin =
                std::fs::read_to_string(repo().join("themes/default/templates/topic.html"))
                    .unwrap();
            site.write(
                "themes/default/templates/topic.html",
                &builtin.replace(
                    "{% block content %}",
                    &format!("{{% block content %}}<p>Version {n}</p>"),
                ),
            );
            vec!["themes/default/templates/topic.html".to_owned()]
        }
        Edit::SiteTitle(n) => {
            let titles = ["Testportal", "Portal B", "Portal C"];
            set_field(site, "content/site.yaml", "title", titles[n]);
            vec!["content/site.yaml".to_owned()]
        }
        Edit::TopicTitle(n) => {
            let titles = ["Bauen und Wohnen", "Wohnen", "Zuhause und Bauen"];
            let file = "content/topics.yaml";
            let text = site.read_source(file);
            let old = text
                .lines()
                .find(|l| l.contains("title:") && !l.contains("Familie"))
                .unwrap()
                .to_owned();
            site.edit(file, &old, &format!("  title: {}", titles[n]));
            vec![file.to_owned()]
        }
        Edit::PersonRoleTitle(n) => {
            let titles = ["CIO", "Beauftragter", "CDO"];
            let file = "content/governance/people/max-beispiel.md";
            let text = site.read_source(file);
            let old = text
                .lines()
                .find(|l| l.trim_start().starts_with("- title:"))
                .unwrap()
                .to_owned();
            site.edit(file, &old, &format!("  - title: {}", titles[n]));
            vec![file.to_owned()]
        }
        Edit::ThemeText(n) => {
            let file = "themes/default/strings/de.yaml";
            site.write(
                file,
                &format!("frame:\n  skip_link: Direkt zum Inhalt {n}\n"),
            );
            vec![file.to_owned()]
        }
        Edit::Translation(s, t) => {
            let config = "content/site.yaml";
            if !site.read_source(config).contains("translations:") {
                site.edit(config, "language: de", "language: de\ntranslations: [en]");
            }
            let file = format!("content/services/{}.en.md", SERVICES[s]);
            let extra = ["", "status: retired\n", "audience: [citizens]\n"][t];
            site.write(
                &file,
                &format!("---\ntitle: Service {s} in English {t}\n{extra}---\nText {t}.\n"),
            );
            vec![config.to_owned(), file]
        }
        Edit::Text(s, t) => {
            let file = service(s);
            let text = site.read_source(&file);
            site.write(&file, &format!("{text}\nZusatz {t}.\n"));
            vec![file]
        }
    };
    touched
}

pub fn options(site: &Site) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        out: site.out(),
        base_url: None,
        drafts: false,
        search: true,
        precompress: false,
    }
}

/// Builds from scratch; `None` when the site has errors.
pub fn full_build(site: &Site) -> Option<Vec<(String, Vec<u8>)>> {
    pipeline::build(&options(site)).ok()?;
    Some(site.output_bytes())
}

/// The pages and files of the incremental build, with the search index
/// made from its records (as the preview does, apart from the pages).
pub fn incremental_files(incremental: &Incremental) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = incremental
        .files()
        .unwrap()
        .iter()
        .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
        .collect();
    let (languages, base) = incremental.search_records().unwrap();
    for (folder, records) in languages {
        for (path, bytes) in search::index_in_memory(&records, base.clone()).unwrap() {
            files.push((format!("{folder}{path}"), bytes));
        }
    }
    files.sort();
    files
}

/// The fixture `small` with lists long enough to have pages of their own
/// (two entries a page): 21 more services under `bauen` for `it-rat`, all
/// starting with Z, and 6 more news about `a-online`, `it-rat` and
/// `familie`. The edits then move entries between pages and lists.
fn paged_site() -> Site {
    let site = Site::fixture("small");
    set_field(&site, "content/site.yaml", "list_per_page", "2");
    let statuses = ["planned", "pilot", "online"];
    for n in 0..21 {
        site.write(
            &format!("content/services/zz-{n:02}.md"),
            &format!(
                "---\ntitle: Zusatzleistung {n:02}\nsummary: Kurz.\ntopics: [bauen]\naudience: [citizens]\nstatus: {}\nonline_url: https://x.test.example/{n}\nresponsible: it-rat\nupdated: 2026-01-{:02}\nfocus: {}\n---\nText.\n",
                statuses[n % 3],
                1 + n,
                n % 2 == 0
            ),
        );
    }
    for n in 0..6 {
        site.write(
            &format!("content/news/zz-{n}.md"),
            &format!("---\ntitle: Weitere Nachricht {n}\ndate: 2022-0{}-10\nsummary: Kurz.\ntopics: [familie]\nservices: [a-online]\nbodies: [it-rat]\npeople: [max-beispiel]\n---\nText.\n", n + 1),
        );
    }
    site
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn incremental_rebuilds_equal_full_builds(edits in prop::collection::vec(edit(), 1..10)) {
        let site = paged_site();
        let mut incremental = Incremental::new(options(&site));
        incremental.rebuild().expect("the fixture builds");
        let mut last_good = full_build(&site).expect("the fixture builds");
        for list in ["themen/bauen/leistungen/seite/2/", "leistungen/a-z/z/", "steuerung/it-rat/aktuelles/seite/2/", "fortschritt/fokusleistungen/"] {
            prop_assert!(last_good.iter().any(|(path, _)| *path == format!("{list}index.html")), "{list} missing");
        }
        prop_assert_eq!(&incremental_files(&incremental), &last_good);
        for (step, edit) in edits.iter().enumerate() {
            let touched = apply(&site, edit);
            // Half the steps are told what changed, as the preview's
            // watcher tells it; the others find out by reading every file.
            let result = if step % 2 == 0 {
                let paths: Vec<_> = touched.iter().map(|p| site.root().join(p)).collect();
                incremental.rebuild_changed(&paths)
            } else {
                incremental.rebuild()
            };
            match full_build(&site) {
                Some(full) => {
                    prop_assert!(result.is_ok(), "step {step} {edit:?}: {:?}", result.err());
                    let files = incremental_files(&incremental);
                    let differ: Vec<&String> = files
                        .iter()
                        .zip(&full)
                        .filter(|(a, b)| a != b)
                        .map(|(a, _)| &a.0)
                        .collect();
                    prop_assert!(
                        files.len() == full.len() && differ.is_empty(),
                        "step {step} {edit:?}: {} vs {} files, differing: {differ:?}",
                        files.len(),
                        full.len()
                    );
                    last_good = full;
                }
                None => {
                    // The content is broken: the last good site stays.
                    prop_assert!(result.is_err(), "step {step} {edit:?} built incrementally");
                    prop_assert_eq!(&incremental_files(&incremental), &last_good);
                }
            }
        }
    }
}

#[test]
fn an_edit_renders_only_the_pages_that_show_it() {
    let site = Site::fixture("small");
    let mut incremental = Incremental::new(options(&site));
    let first = incremental.rebuild().unwrap();
    assert_eq!(first.rendered, first.pages);

    // Nothing changed: nothing is rendered.
    assert_eq!(incremental.rebuild().unwrap().rendered, 0);

    // The text of a service: only its own page.
    site.edit(
        "content/services/c-planned.md",
        "Beschreibung von c-planned.",
        "Neue Beschreibung.",
    );
    let text = incremental.rebuild().unwrap();
    assert_eq!(text.rendered, 1, "{:?}", text.changed);
    assert_eq!(
        text.changed,
        [
            "leistungen/c-planned/index.html",
            "leistungen/c-planned/index.json"
        ]
    );

    // Its title: the pages that list or name it.
    set_field(&site, "content/services/c-planned.md", "title", "Umbenannt");
    let title = incremental.rebuild().unwrap();
    let pages: Vec<&str> = title
        .changed
        .iter()
        .map(String::as_str)
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert_eq!(
        pages,
        [
            "fortschritt/index.html",
            "leistungen/a-z/index.html",
            "leistungen/c-planned/index.html",
            "leistungen/index.html",
            "steuerung/ministerium/index.html",
            "themen/bauen/index.html",
        ],
        "rendered {} of {}",
        title.rendered,
        title.pages
    );
    assert!(
        title.rendered < title.pages / 2,
        "{} of {}",
        title.rendered,
        title.pages
    );
}

#[test]
fn an_edit_made_while_the_site_is_broken_is_shown_once_it_is_fixed() {
    let site = Site::fixture("small");
    let mut incremental = Incremental::new(options(&site));
    incremental.rebuild().unwrap();
    // One save changes a title and breaks another file: nothing is built.
    set_field(&site, "content/services/c-planned.md", "title", "Umbenannt");
    set_field(&site, "content/services/a-online.md", "summary", "[kaputt");
    let both = [
        "content/services/c-planned.md",
        "content/services/a-online.md",
    ]
    .map(|p| site.root().join(p));
    assert!(incremental.rebuild_changed(&both).is_err());
    // The fix touches only the broken file; the title edit, parsed in the
    // failed build, must still reach every page that shows it.
    set_field(
        &site,
        "content/services/a-online.md",
        "summary",
        "Wieder gut.",
    );
    let fixed = incremental
        .rebuild_changed(&[site.root().join("content/services/a-online.md")])
        .unwrap();
    assert!(
        fixed.changed.iter().any(|p| p == "leistungen/index.html"),
        "{:?}",
        fixed.changed
    );
    assert_eq!(incremental_files(&incremental), full_build(&site).unwrap());
}

/// The problems of a rebuild, as text, sorted.
fn problems(
    result: Result<portal::incremental::Rebuild, Vec<portal::diagnostic::Diagnostic>>,
) -> Vec<String> {
    let mut found: Vec<String> = match result {
        Ok(done) => done.warnings,
        Err(problems) => problems,
    }
    .iter()
    .map(|d| d.to_human())
    .collect();
    found.sort();
    found
}

/// The problems a check from scratch finds, as text, sorted.
fn checked(site: &Site) -> Vec<String> {
    let mut found: Vec<String> = portal::pipeline::check(&options(site))
        .iter()
        .map(|d| d.to_human())
        .collect();
    found.sort();
    found
}

#[test]
fn link_problems_of_unchanged_files_follow_their_targets() {
    let site = Site::fixture("small");
    // b-rollout links to a heading of a-online.
    site.edit(
        "content/services/b-rollout.md",
        "[zum Abschnitt](#uebersicht)",
        "[zum Abschnitt](/leistungen/a-online/#uebersicht)",
    );
    let mut incremental = Incremental::new(options(&site));
    assert_eq!(problems(incremental.rebuild()), checked(&site));
    // Only the target changes: its heading is renamed. The unchanged file
    // that links to it now has an error.
    let a = "content/services/a-online.md";
    site.edit(a, "## Übersicht", "## Überblick");
    let renamed = problems(incremental.rebuild_changed(&[site.root().join(a)]));
    assert!(
        renamed
            .iter()
            .any(|p| p.contains("has no heading with the id `uebersicht`")),
        "{renamed:?}"
    );
    assert_eq!(renamed, checked(&site));
    // And back: the error goes.
    site.edit(a, "## Überblick", "## Übersicht");
    assert_eq!(
        problems(incremental.rebuild_changed(&[site.root().join(a)])),
        checked(&site)
    );
    // The target page goes away: an error in the file that links to it.
    std::fs::remove_file(site.root().join(a)).unwrap();
    let gone = problems(incremental.rebuild_changed(&[site.root().join(a)]));
    assert!(
        gone.iter()
            .any(|p| p.contains("`/leistungen/a-online/` does not exist")),
        "{gone:?}"
    );
    assert_eq!(gone, checked(&site));
}
