//! No input makes portal panic: property tests over front matter and
//! Markdown, driving the loader and renderer through the library API.
//! Every diagnostic must also point inside the file it names.

use std::path::Path;

use portal::model::ContentKind;
use proptest::prelude::*;

const TYPES: [ContentKind; 5] = ContentKind::IN_FOLDERS;

fn check(kind: ContentKind, text: &str) {
    let lines = text.split('\n').count();
    for d in portal::load::check_document_text(kind, Path::new("content/x.md"), text.to_owned()) {
        if let Some(loc) = d.location {
            assert!(
                loc.line >= 1 && loc.line <= lines,
                "line {} of {lines}: {}",
                loc.line,
                d.message
            );
            assert!(loc.column >= 1, "{}", d.message);
        }
    }
}

/// Pieces that front matter is made of, good and bad.
fn yaml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title: Wohngeld".to_owned()),
        Just("status: online".to_owned()),
        Just("topics: [a, b".to_owned()),
        Just("roles:\n  - title: CIO\n    body: x\n    from: 2021-05".to_owned()),
        Just("date: 2024-02-30".to_owned()),
        Just("a: &a [x, x]\nb: [*a, *a]".to_owned()),
        Just("  - : :".to_owned()),
        Just("\"unclosed: 'x".to_owned()),
        Just("leika: 0099".to_owned()),
        Just("? complex\n: key".to_owned()),
        Just("summary: |\n  multi\n  line".to_owned()),
        Just("\t tab: x".to_owned()),
        "[a-zäöüß_:\\-\\[\\]{}&*!|>'\" ]{0,20}".prop_map(|s| s),
        any::<String>(),
    ]
}

fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## Übersicht".to_owned()),
        Just("#### tief".to_owned()),
        Just("[a](/leistungen/x/#y)".to_owned()),
        Just("![](bild.png)".to_owned()),
        Just("| a | b |\n|---|---|\n| 1 |".to_owned()),
        Just("```rust\nfn main() {\n```".to_owned()),
        Just("```\n<script>\n".to_owned()),
        Just("[^1]\n\n[^1]: x".to_owned()),
        Just("- [ ] x\n- [x] y".to_owned()),
        Just("<div onclick=x>".to_owned()),
        Just("---".to_owned()),
        Just("# {#id}".to_owned()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), t in 0usize..5) {
        check(TYPES[t], &text);
    }

    #[test]
    fn arbitrary_front_matter_never_panics(
        pieces in prop::collection::vec(yaml_piece(), 0..8),
        body in prop::collection::vec(markdown_piece(), 0..8),
        t in 0usize..5,
    ) {
        let text = format!("---\n{}\n---\n{}\n", pieces.join("\n"), body.join("\n\n"));
        check(TYPES[t], &text);
    }

    #[test]
    fn arbitrary_markdown_never_panics(body in prop::collection::vec(markdown_piece(), 0..12)) {
        let text = format!("---\ntitle: T\n---\n{}\n", body.join("\n"));
        check(ContentKind::Page, &text);
    }
}
