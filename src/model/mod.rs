//! The typed content model: one Rust type per content type, exactly as
//! `docs/content-model.md` describes it for editors.
//!
//! Every type refuses unknown fields, so a typo never passes silently.
//! Cross-references stay plain slugs here; the resolve stage checks them.

mod admin;
mod body;
mod example;
mod kind;
mod legal;
mod news;
mod origin;
mod page;
mod person;
mod service;
mod site;
mod translation;

pub use admin::{Admin, AdminBackend, GitHost};
pub use body::{Body, BodyKind, Level};
pub use example::{names_field, Example};
pub use kind::ContentKind;
pub use legal::{
    AccessibilityStatement, AssessmentMethod, Barrier, BarrierReason, Conformity, Enforcement,
    Imprint, Provider, ResponsiblePerson, Standard,
};
pub use news::News;
pub use origin::{
    FrontMatter, LocalAddition, Origin, Piece, PieceSource, Place, Record, SourceInfo,
};
pub use page::{LegalKind, Page};
pub use person::{Person, Role};
pub use service::{Audience, Coverage, LaunchDate, LocalText, Service, Status};
pub use site::{
    Contact, DataFormat, DataLicence, DataSource, NavItem, Publisher, SiteConfig, SiteTexts, Topic,
    TopicTexts,
};
pub use translation::{split_language, Translation};

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::locate::{self, Step};
use crate::markdown::ParsedBody;
use crate::source::SourceFile;

/// A document of the site: its slug, typed front matter and body, read
/// from a Markdown file or from a record of a data source.
#[derive(Debug, Clone)]
pub struct Document<T> {
    /// The slug (for pages: the path below `pages/`, e.g. `ueber-uns/kontakt`).
    pub slug: String,
    /// The file the document came from (for a record: the data file).
    pub file: Arc<SourceFile>,
    /// Where in that file (and any file adding to it) its values and text
    /// are.
    pub origin: Origin,
    /// The typed front matter.
    pub front: T,
    /// Top-level fields whose values were rejected (and reported) and left
    /// out or replaced by a stand-in, so the document still exists for
    /// references and links; checks of these fields are skipped, since
    /// their cause is already reported. Empty for a valid document, the
    /// only kind that is ever rendered.
    pub rejected: Vec<String>,
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

    /// The Markdown body as written (for a record: as converted from the
    /// catalogue, with the local file's text).
    pub fn markdown(&self) -> &str {
        match &self.origin {
            Origin::Markdown(front) => &self.file.text[front.body_start..],
            Origin::Record(record) => &record.markdown,
        }
    }

    /// The imported record the document was built from, if it was.
    pub fn record(&self) -> Option<&Record> {
        match &self.origin {
            Origin::Record(record) => Some(record),
            Origin::Markdown(_) => None,
        }
    }

    /// The file and range where the body's bytes `range` came from.
    fn body_place(&self, range: Range<usize>) -> Place<'_> {
        match &self.origin {
            Origin::Markdown(front) => Place {
                file: &self.file,
                range: front.body_start + range.start..front.body_start + range.end,
            },
            Origin::Record(record) => record.place_in_text(&self.file, range),
        }
    }

    /// The file and range where the value of the field at `path` is.
    pub fn field_place(&self, path: &[Step]) -> Place<'_> {
        match &self.origin {
            Origin::Markdown(front) => Place {
                file: &self.file,
                range: locate::value(&self.file.text, front.yaml.clone(), path),
            },
            Origin::Record(record) => record.place(&self.file, path),
        }
    }

    /// The file and the front matter's range where the document's own
    /// values are written (for a record: the local file's front matter, or
    /// the record's element).
    pub fn front_place(&self) -> Place<'_> {
        match &self.origin {
            Origin::Markdown(front) => Place {
                file: &self.file,
                range: front.yaml.clone(),
            },
            Origin::Record(record) => match &record.local {
                Some(local) => Place {
                    file: &local.file,
                    range: local.front.yaml.clone(),
                },
                None => Place {
                    file: &self.file,
                    range: record.span.clone(),
                },
            },
        }
    }

    /// The file to name for a problem of the document as a whole (for a
    /// record: the local file adding to it, if any, else the data file).
    pub fn main_file(&self) -> &SourceFile {
        self.front_place().file
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
        let place = self.body_place(range);
        place.file.error(place.range, message)
    }

    /// A warning at `range` of the Markdown body (relative to the body).
    pub fn body_warning(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let place = self.body_place(range);
        place.file.warning(place.range, message)
    }

    /// An error at the value of the front-matter field at `path`.
    pub fn error_at(&self, path: &[Step], message: impl Into<String>) -> Diagnostic {
        let place = self.field_place(path);
        place.file.error(place.range, message)
    }

    /// A warning at the value of the front-matter field at `path`.
    pub fn warning_at(&self, path: &[Step], message: impl Into<String>) -> Diagnostic {
        let place = self.field_place(path);
        place.file.warning(place.range, message)
    }
}
