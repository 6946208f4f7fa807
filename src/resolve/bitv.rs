//! BITV 2.0 § 4: the explanations in Leichte Sprache and in German Sign
//! Language (the pages marked `legal: easy_language` and
//! `legal: sign_language`) each carry four contents (Anlage 2): what the
//! site offers, how to find one's way in it, the essentials of the
//! accessibility statement, and where more such content is.
//!
//! A page covers a content when one of its section headings names it;
//! the words recognised are [`CONTENTS`]. A heading is what a reader of
//! Leichte Sprache navigates by, and what a screen reader lists, so a
//! content without one is hard to find even when the text mentions it.
//! A missing content is a warning: the law asks for it, the site still
//! builds.

use crate::diagnostic::Diagnostic;
use crate::model::{Document, LegalKind, Page};

/// The four contents, each with what a heading naming it contains (in
/// lower case) and how the warning names it.
pub const CONTENTS: [(&str, &[&str], &str); 4] = [
    (
        "offer",
        &["was ist", "was finden", "was gibt es", "angebot", "inhalt"],
        "what the site offers",
    ),
    (
        "navigation",
        &[
            "zurecht",
            "so finden",
            "wie finde",
            "navigation",
            "menü",
            "bedienen",
        ],
        "how to find one's way in the site",
    ),
    (
        "accessibility",
        &["barrierefrei"],
        "the essentials of the accessibility statement",
    ),
    (
        "more",
        &[
            "weitere",
            "mehr in leichter sprache",
            "mehr in gebärdensprache",
        ],
        "where more such content is",
    ),
];

/// Headings that would name each content, for the help line.
fn example_heading(content: &str, kind: LegalKind) -> &'static str {
    match (content, kind) {
        ("offer", _) => "## Was finden Sie auf dieser Internet-Seite?",
        ("navigation", _) => "## So finden Sie sich zurecht",
        ("accessibility", _) => "## Barrierefreiheit dieser Internet-Seite",
        (_, LegalKind::SignLanguage) => "## Weitere Angebote in Gebärdensprache",
        _ => "## Weitere Texte in Leichter Sprache",
    }
}

/// Warns when the page of `kind` lacks one of the four contents.
pub(super) fn check(doc: &Document<Page>, kind: LegalKind, out: &mut Vec<Diagnostic>) {
    if !matches!(kind, LegalKind::EasyLanguage | LegalKind::SignLanguage) {
        return;
    }
    let headings: Vec<String> = doc
        .body
        .outline
        .headings
        .iter()
        .filter(|h| h.level >= 2)
        .map(|h| h.text.to_lowercase())
        .collect();
    let missing: Vec<(&str, &str)> = CONTENTS
        .iter()
        .filter(|(_, words, _)| !headings.iter().any(|h| words.iter().any(|w| h.contains(w))))
        .map(|(content, _, name)| (*content, *name))
        .collect();
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|(_, name)| *name).collect();
    let examples: Vec<&str> = missing
        .iter()
        .map(|(c, _)| example_heading(c, kind))
        .collect();
    out.push(
        Diagnostic::warning(format!(
            "the page in {} lacks {} of the four contents BITV 2.0 § 4 asks for: {}",
            kind.label(),
            missing.len(),
            names.join("; ")
        ))
        .at(doc.front_place().file.location(0..3))
        .with_help(format!(
            "add a section for each, with a heading that names it, e.g. `{}` (docs/content-model.md, Legal pages, lists the words portal recognises)",
            examples.join("`, `")
        )),
    );
}
