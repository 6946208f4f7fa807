//! Fixture `small`, attacked: hostile addresses and text put into every
//! kind of field, and the whole build run. A property of the output, judged
//! by an independent oracle (html5ever, as a browser parses, and the URL
//! rules of the WHATWG, not the project's own policy):
//!
//! - no page ever carries anything that runs script;
//! - a script-running address in a field for addresses is refused with an
//!   error at that file, line and column;
//! - hostile text in a text field is published as text, and the build
//!   succeeds.

use std::path::Path;

use portal::diagnostic::Diagnostic;
use portal::pipeline::{self, BuildError, BuildOptions};
use proptest::prelude::*;
use scraper::Html;

use crate::harness::{files, is_json_ld_block, is_search_script, Site};

/// A place in the fixture where a value goes: the file, the text to
/// replace, and what replaces it (`{}` is the value).
struct Slot {
    file: &'static str,
    from: &'static str,
    to: &'static str,
}

const fn slot(file: &'static str, from: &'static str, to: &'static str) -> Slot {
    Slot { file, from, to }
}

const SERVICE: &str = "content/services/a-online.md";
const BODY: &str = "content/governance/bodies/it-rat.md";
const SITE: &str = "content/site.yaml";
const STATEMENT: &str = "content/pages/barrierefreiheit.md";
const IMPRINT: &str = "content/pages/impressum.md";
const MARKDOWN_END: &str = "und [zum Abschnitt](#uebersicht).";

/// Front-matter fields that hold an address (YAML-quoted value).
const ADDRESS_FIELDS: &[Slot] = &[
    slot(SITE, "    url: /leistungen/", "    url: {}"),
    slot(
        SITE,
        "accessibility_contact: barrierefreiheit@test.example",
        "accessibility_contact: {}",
    ),
    slot(SITE, "  email: kontakt@test.example", "  email: {}"),
    slot(
        SERVICE,
        "online_url: https://a.test.example/",
        "online_url: {}",
    ),
    slot(BODY, "level: state", "level: state\nwebsite: {}"),
    slot(
        STATEMENT,
        "url: https://schlichtung.test.example/",
        "url: {}",
    ),
    slot(STATEMENT, "phone: \"+49 30 000000\"", "phone: {}"),
    slot(IMPRINT, "email: kontakt@test.example", "email: {}"),
    slot(IMPRINT, "phone: \"+49 30 111111\"", "phone: {}"),
];

/// Places in Markdown where an address goes (raw value).
const MARKDOWN_ADDRESSES: &[Slot] = &[
    slot(
        SERVICE,
        MARKDOWN_END,
        "und [zum Abschnitt](#uebersicht). [Klick]({})",
    ),
    slot(
        SERVICE,
        MARKDOWN_END,
        "und [zum Abschnitt](#uebersicht). <{}>",
    ),
    slot(
        SERVICE,
        MARKDOWN_END,
        "und [zum Abschnitt](#uebersicht). [Klick][boese]\n\n[boese]: {}\n",
    ),
    slot(
        SERVICE,
        MARKDOWN_END,
        "und [zum Abschnitt](#uebersicht). ![Bild]({})",
    ),
];

/// Front-matter fields that hold text (YAML-quoted value).
const TEXT_FIELDS: &[Slot] = &[
    slot(SITE, "title: Testportal", "title: {}"),
    slot(SITE, "  name: Testministerium", "  name: {}"),
    slot(SITE, "  - title: Leistungen", "  - title: {}"),
    slot(SERVICE, "title: Leistung A-ONLINE", "title: {}"),
    slot(
        SERVICE,
        "summary: Kurzbeschreibung von a-online.",
        "summary: {}",
    ),
    slot(
        SERVICE,
        "efa: true",
        "efa: true\nefa_lead: {}\ncosts: {}\ndocuments: [{}]",
    ),
    slot(BODY, "name: IT-Rat", "name: {}"),
    slot(
        "content/governance/people/max-beispiel.md",
        "  - title: CIO",
        "  - title: {}",
    ),
    slot("content/news/n1.md", "title: Nachricht n1", "title: {}"),
    slot(
        STATEMENT,
        "  - content: Alte PDF-Dateien",
        "  - content: {}",
    ),
    slot(
        IMPRINT,
        "represented_by: die Ministerin",
        "represented_by: {}",
    ),
    slot(
        SITE,
        "description: Ein kleines Portal für die Tests.",
        "description: {}\nexample_notice: {}",
    ),
    slot("content/topics.yaml", "  title: Familie", "  title: {}"),
    slot(
        "content/topics.yaml",
        "  description: Leistungen für Familien.",
        "  description: {}",
    ),
    slot(
        "content/governance/people/erika-muster.md",
        "name: Dr. Erika Muster",
        "name: {}",
    ),
    slot(BODY, "kind: council", "kind: council\nshort: {}"),
    slot(
        "content/pages/ueber.md",
        "title: Über uns",
        "title: {}\nsummary: {}",
    ),
    slot(
        "content/news/n1.md",
        "summary: Zusammenfassung n1.",
        "summary: {}",
    ),
    slot(
        STATEMENT,
        "    name: Schlichtungsstelle Test",
        "    name: {}",
    ),
    slot(
        STATEMENT,
        "      alternative: Auskunft per E-Mail",
        "      alternative: {}",
    ),
];

/// Addresses a browser would run script for, in many spellings. The first
/// element is for YAML fields, the second for Markdown (where HTML entities
/// are decoded, so they are a spelling too).
fn script_address() -> impl Strategy<Value = (String, String)> {
    let payload = prop_oneof![
        Just(("javascript", ":alert(1)")),
        Just(("javascript", "://%0Aalert(1)")),
        Just(("vbscript", ":msgbox(1)")),
        Just(("data", ":text/html,<script>alert(1)</script>")),
        Just((
            "data",
            ":text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
        )),
    ];
    let prefix = prop_oneof![
        Just(""),
        Just(" "),
        Just("\u{1}"),
        Just("\u{b}"),
        Just("\u{0}")
    ];
    (
        payload,
        prefix,
        prop::collection::vec(any::<bool>(), 10),
        0usize..4,
    )
        .prop_map(|((scheme, rest), prefix, upper, spelling)| {
            let cased: String = scheme
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            let yaml = match spelling {
                1 => format!("{prefix}{}\t{}{rest}", &cased[..2], &cased[2..]),
                2 => format!("{prefix}{cased}{rest}\n"),
                _ => format!("{prefix}{cased}{rest}"),
            };
            let markdown = match spelling {
                1 => format!("&#{};{}{rest}", cased.as_bytes()[0], &cased[1..]),
                2 => format!("{cased}&colon;{}", &rest[1..]),
                3 => format!("&#x{:x};{}{rest}", cased.as_bytes()[0], &cased[1..]),
                _ => format!("{cased}{rest}"),
            };
            (yaml, markdown)
        })
}

/// Text meant to break out of an element, an attribute or a template.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>alert(1)</script>".to_owned()),
        Just("\"><img src=x onerror=alert(1)>".to_owned()),
        Just("' onmouseover='alert(1)".to_owned()),
        Just("{{ site.title }} {% raw %}".to_owned()),
        Just("javascript:alert(1)".to_owned()),
        Just("</title><script>x</script>".to_owned()),
        Just("&lt;b&gt; &amp; &#x3C;i&#x3E;".to_owned()),
        "[a-zA-Z0-9 <>\"'&=/;(){}]{1,40}",
    ]
}

fn yaml_quoted(value: &str) -> String {
    // A JSON string is a YAML double-quoted scalar, escapes included.
    serde_json::to_string(value).unwrap()
}

fn put(site: &Site, slot: &Slot, value: &str) {
    site.edit(slot.file, slot.from, &slot.to.replace("{}", value));
}

fn build(site: &Site) -> Result<(), Vec<Diagnostic>> {
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        out: site.out(),
        base_url: None,
        drafts: false,
        search: true,
        precompress: false,
    };
    match pipeline::build(&options) {
        Ok(_) => Ok(()),
        Err(BuildError::Content(diagnostics)) => Err(diagnostics),
        Err(e) => panic!("{e}"),
    }
}

/// The scheme of an address as the WHATWG URL parser sees it: C0 controls
/// and spaces trimmed, tabs and newlines removed, case folded.
fn scheme(address: &str) -> Option<String> {
    let trimmed = address.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    .then(|| scheme.to_ascii_lowercase())
}

/// Everything in the output that would run script, found by html5ever.
fn script_in_output(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for file in files(out).into_iter().filter(|f| f.ends_with(".html")) {
        let html = Html::parse_document(&std::fs::read_to_string(out.join(&file)).unwrap());
        for node in html.root_element().descendants() {
            let Some(element) = scraper::ElementRef::wrap(node) else {
                continue;
            };
            let tag = element.value().name();
            // A JSON-LD data block does not run; its attributes are
            // still checked below.
            if [
                "script", "iframe", "object", "embed", "frame", "frameset", "applet",
            ]
            .contains(&tag)
                && !is_json_ld_block(&element)
                && !is_search_script(&file, &element)
            {
                found.push(format!("{file}: <{tag}>"));
            }
            for (name, value) in element.value().attrs() {
                let url_attribute = [
                    "href",
                    "src",
                    "action",
                    "formaction",
                    "poster",
                    "data",
                    "xlink:href",
                ]
                .contains(&name);
                let bad = name.starts_with("on")
                    || name == "srcdoc"
                    || (name == "http-equiv" && value.eq_ignore_ascii_case("refresh"))
                    || (url_attribute
                        && scheme(value).is_some_and(|s| {
                            !["http", "https", "mailto", "tel"].contains(&s.as_str())
                        }));
                if bad {
                    found.push(format!("{file}: <{tag} {name}={value:?}>"));
                }
            }
        }
    }
    found
}

fn located_in(diagnostics: &[Diagnostic], file: &str) -> bool {
    diagnostics.iter().any(|d| {
        d.is_error()
            && d.location
                .as_ref()
                .is_some_and(|l| l.file == Path::new(file) && l.line >= 1 && l.column >= 1)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn a_script_address_in_an_address_field_is_refused_at_its_line(
        (address, _) in script_address(),
        which in 0..ADDRESS_FIELDS.len(),
    ) {
        let site = Site::fixture("small");
        let slot = &ADDRESS_FIELDS[which];
        put(&site, slot, &yaml_quoted(&address));
        let result = build(&site);
        let diagnostics = result.expect_err("the build must refuse it");
        prop_assert!(located_in(&diagnostics, slot.file), "{address:?} in {}: {diagnostics:#?}", slot.file);
        prop_assert!(!site.out().exists(), "nothing is published");
    }

    #[test]
    fn a_script_address_in_markdown_never_reaches_the_output(
        (_, address) in script_address(),
        which in 0..MARKDOWN_ADDRESSES.len(),
    ) {
        let site = Site::fixture("small");
        let slot = &MARKDOWN_ADDRESSES[which];
        put(&site, slot, &address);
        match build(&site) {
            // The destination was read as an address: refused at its place.
            Err(diagnostics) => prop_assert!(
                located_in(&diagnostics, slot.file),
                "{address:?}: {diagnostics:#?}"
            ),
            // It was not a link at all (e.g. a newline ended it): text.
            Ok(()) => {
                let found = script_in_output(&site.out());
                prop_assert!(found.is_empty(), "{address:?}: {found:#?}");
            }
        }
    }

    #[test]
    fn hostile_text_is_published_as_text(
        text in hostile_text(),
        which in 0..TEXT_FIELDS.len(),
    ) {
        let site = Site::fixture("small");
        put(&site, &TEXT_FIELDS[which], &yaml_quoted(&text));
        site.edit(SERVICE, MARKDOWN_END, &format!("{MARKDOWN_END}\n\n{text}\n"));
        if let Err(diagnostics) = build(&site) {
            prop_assert!(false, "{text:?}: {diagnostics:#?}");
        }
        let found = script_in_output(&site.out());
        prop_assert!(found.is_empty(), "{text:?}: {found:#?}");
    }
}

#[test]
fn the_oracle_sees_script() {
    let site = Site::fixture("small");
    build(&site).unwrap();
    assert_eq!(script_in_output(&site.out()), Vec::<String>::new());
    let page = site.out().join("index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        html.replacen(
            "<main",
            "<a href=\" JaVa&#x09;script:x\">a</a><div onclick=\"x\"></div><main",
            1,
        ),
    )
    .unwrap();
    assert_eq!(
        script_in_output(&site.out()),
        [
            "index.html: <a href=\" JaVa\\tscript:x\">",
            "index.html: <div onclick=\"x\">"
        ]
    );
}
