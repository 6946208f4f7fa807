//! The typed content model: one Rust type per content type, exactly as
//! `docs/content-model.md` describes it for editors.
//!
//! Every type refuses unknown fields, so a typo never passes silently.
//! Cross-references stay plain slugs here; the resolve stage checks them.

mod body;
mod example;
mod kind;
mod legal;
mod news;
mod page;
mod person;
mod service;
mod site;

pub use body::{Body, BodyKind, Level};
pub use example::{names_field, Example};
pub use kind::ContentKind;
pub use legal::{
    AccessibilityStatement, AssessmentMethod, Barrier, BarrierReason, Conformity, Enforcement,
    Imprint, Provider, ResponsiblePerson, Standard,
};
pub use news::News;
pub use page::{LegalKind, Page};
pub use person::{Person, Role};
pub use service::{Audience, Coverage, LaunchDate, Service, Status};
pub use site::{Contact, DataLicence, NavItem, Publisher, SiteConfig, Topic};

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::locate::{self, Step};
use crate::markdown::ParsedBody;
use crate::source::SourceFile;

/// A Markdown file of the site: its slug, parsed front matter and body.
#[derive(Debug, Clone)]
pub struct Document<T> {
    /// The slug (for pages: the path below `pages/`, e.g. `ueber-uns/kontakt`).
    pub slug: String,
    /// The file the document came from.
    pub file: Arc<SourceFile>,
    /// The typed front matter.
    pub front: T,
    /// Top-level fields whose values were rejected (and reported) and left
    /// out or replaced by a stand-in, so the document still exists for
    /// references and links; checks of these fields are skipped, since
    /// their cause is already reported. Empty for a valid document, the
    /// only kind that is ever rendered.
    pub rejected: Vec<String>,
    /// Byte range of the YAML front matter within the file.
    pub yaml: Range<usize>,
    /// Byte offset of the Markdown body within the file.
    pub body_start: usize,
    /// The Markdown body, parsed once when the file is: HTML, outline,
    /// search text and first paragraph for the pages, feeds, twins, search
    /// and checks.
    pub body: ParsedBody,
    /// Fingerprints of the front matter and of the body, taken once when
    /// the file is parsed; the live preview compares them after edits.
    pub prints: (u64, u64),
    /// The key the resolve stage sorts documents of this kind by, made the
    /// first time it is needed and kept with the document: the preview
    /// sorts thousands of unchanged documents after every edit.
    pub order_key: std::sync::OnceLock<String>,
    /// The site path of the document's page, made the first time the
    /// site is planned and kept with the document, like `order_key`.
    pub site_path: std::sync::OnceLock<Arc<str>>,
}

impl<T> Document<T> {
    /// Whether the value of `field` was rejected (see [`Document::rejected`]).
    pub fn rejects(&self, field: &str) -> bool {
        self.rejected.iter().any(|f| f == field)
    }

    /// The Markdown body as written.
    pub fn markdown(&self) -> &str {
        &self.file.text[self.body_start..]
    }

    /// The whole parsed body, with HTML and search text: as held, or parsed
    /// again from the source when a build shed it after loading.
    pub fn parsed_body(&self) -> std::borrow::Cow<'_, crate::markdown::ParsedBody> {
        if self.body.is_whole() {
            std::borrow::Cow::Borrowed(&self.body)
        } else {
            std::borrow::Cow::Owned(crate::markdown::parse(self.markdown()))
        }
    }

    /// An error at `range` of the Markdown body (relative to the body).
    pub fn body_error(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.file.error(
            self.body_start + range.start..self.body_start + range.end,
            message,
        )
    }

    /// A warning at `range` of the Markdown body (relative to the body).
    pub fn body_warning(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.file.warning(
            self.body_start + range.start..self.body_start + range.end,
            message,
        )
    }

    /// An error at the value of the front-matter field at `path`.
    pub fn error_at(&self, path: &[Step], message: impl Into<String>) -> Diagnostic {
        self.file.error(
            locate::value(&self.file.text, self.yaml.clone(), path),
            message,
        )
    }

    /// A warning at the value of the front-matter field at `path`.
    pub fn warning_at(&self, path: &[Step], message: impl Into<String>) -> Diagnostic {
        self.file.warning(
            locate::value(&self.file.text, self.yaml.clone(), path),
            message,
        )
    }
}
