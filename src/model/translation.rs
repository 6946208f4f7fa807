//! A translation: the version of a document in another language, written
//! beside the original as `<slug>.<code>.md` (`wohngeld.en.md` beside
//! `wohngeld.md`, `home.en.md` beside `home.md`).
//!
//! Why beside the original and by file name: the pair is visible in every
//! file listing and review, the slug (and so the address below `/<code>/`)
//! is the original's, and a translation cannot name a document that does
//! not exist without an error at the file. A front-matter key linking
//! files with different slugs was the alternative; it lets addresses
//! drift apart between languages and hides the pair from the listing.
//!
//! A translation carries only what is language-specific: the texts its
//! kind allows ([`ContentKind::translatable_fields`]) and its Markdown
//! text. Everything else (status, dates, LeiKa key, references) is the
//! original's; a translation may repeat such a field only with the same
//! value, so the two never contradict each other.

use std::ops::Range;
use std::sync::Arc;

use crate::locate::{self, Step};
use crate::markdown::ParsedBody;
use crate::source::SourceFile;

use super::ContentKind;

/// One translation file, read but not yet merged with its original.
#[derive(Debug)]
pub struct Translation {
    /// The kind of its original (from the folder).
    pub kind: ContentKind,
    /// The original's slug (the file name without `.<code>.md`).
    pub slug: String,
    /// The language code of the file name (`en`).
    pub lang: String,
    /// The translation file.
    pub file: Arc<SourceFile>,
    /// The YAML of its front matter.
    pub yaml: Range<usize>,
    /// Where its Markdown text begins.
    pub body_start: usize,
    /// Its fields as written.
    pub front: serde_json::Map<String, serde_json::Value>,
    /// Its Markdown text, parsed once.
    pub body: ParsedBody,
}

impl Translation {
    /// Where the value of the top-level `field` is written.
    pub fn field_place(&self, field: &str) -> Range<usize> {
        locate::value(&self.file.text, self.yaml.clone(), &[Step::Key(field)])
    }
}

/// For a content file's name without `.md`: the original's name and the
/// language code when the name ends in `.<two lowercase letters>`.
pub fn split_language(stem: &str) -> Option<(&str, &str)> {
    let (name, code) = stem.rsplit_once('.')?;
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())).then_some((name, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_suffix_is_two_lowercase_letters() {
        assert_eq!(split_language("wohngeld.en"), Some(("wohngeld", "en")));
        assert_eq!(split_language("home.tr"), Some(("home", "tr")));
        assert_eq!(split_language("wohngeld"), None);
        assert_eq!(split_language("wohngeld.EN"), None);
        assert_eq!(split_language("bericht.2024"), None);
        assert_eq!(split_language("a.eng"), None);
    }
}
