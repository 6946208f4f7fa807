//! Where a document came from: a Markdown file, or a record of a data
//! source (an XZuFi catalogue) with the Markdown file that adds to it.
//!
//! One data file yields many documents, so "the document" and "the place
//! its values were written" are kept apart: every diagnostic about a field
//! goes to the place that field's value came from (the local file, the
//! record's element in the catalogue, or the source's defaults in
//! site.yaml), and the text of the page to the element it was read from.

use std::ops::Range;
use std::sync::Arc;

use crate::date::Date;
use crate::locate::{self, Step};
use crate::source::SourceFile;

/// Where a document's values and text are in the site's files.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A Markdown file (the document's `file`): front matter and body.
    Markdown(FrontMatter),
    /// A record of a data source (the document's `file` is the data file).
    Record(Arc<Record>),
}

/// Where front matter and body are in a Markdown file.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// Byte range of the YAML between the `---` lines.
    pub yaml: Range<usize>,
    /// Byte offset of the Markdown body.
    pub body_start: usize,
}

/// One record of a data source, as the document built from it remembers it.
#[derive(Debug)]
pub struct Record {
    /// The source it belongs to.
    pub source: Arc<SourceInfo>,
    /// The record's element (or row) in the data file.
    pub span: Range<usize>,
    /// Each top-level field the record gave, with where its value is.
    pub fields: Vec<(String, Range<usize>)>,
    /// When the catalogue last changed the record ("Stand").
    pub stand: Option<Date>,
    /// The record's own page on the catalogue's portal, if it names one.
    pub source_url: Option<String>,
    /// The page's Markdown: the catalogue's text (converted from its HTML)
    /// and the local file's text, in the order the local file asks for.
    pub markdown: Arc<str>,
    /// Pieces of `markdown` and where each was read from: a range of the
    /// Markdown, and the range of the data file (`None`: of the local file,
    /// at the offset given).
    pub pieces: Vec<Piece>,
    /// The Markdown file that adds to the record, if any.
    pub local: Option<LocalAddition>,
}

/// A piece of a record's Markdown and where it came from.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Range within [`Record::markdown`].
    pub markdown: Range<usize>,
    /// Where it was read from.
    pub from: PieceSource,
}

/// Where a piece of a record's Markdown was read from.
#[derive(Debug, Clone)]
pub enum PieceSource {
    /// An element of the data file (the text module's content).
    Data(Range<usize>),
    /// The local file's body, starting at this byte of the local file.
    Local(usize),
}

/// A data source as its records refer to it.
#[derive(Debug)]
pub struct SourceInfo {
    /// The name shown on the pages ("Quelle: …").
    pub name: String,
    /// site.yaml, where the source is declared.
    pub config: Arc<SourceFile>,
    /// The position of the source in site.yaml's `sources:` list.
    pub index: usize,
    /// The fields the source's `defaults:` give.
    pub defaults: Vec<String>,
}

/// The Markdown file that adds to an imported record (same LeiKa key or
/// slug): its fields win over the record's, field by field.
#[derive(Debug)]
pub struct LocalAddition {
    /// The file.
    pub file: Arc<SourceFile>,
    /// Where its front matter and body are.
    pub front: FrontMatter,
    /// The top-level fields it sets.
    pub fields: Vec<String>,
}

/// Where the value of a field is: the file and the byte range in it.
pub struct Place<'a> {
    /// The file.
    pub file: &'a SourceFile,
    /// The range to point at.
    pub range: Range<usize>,
}

impl Record {
    /// Where the value at `path` (a front-matter path) came from: the local
    /// file if it sets the field, else the record's element, else the
    /// source's defaults in site.yaml, else the record's first line.
    pub fn place<'a>(&'a self, data: &'a SourceFile, path: &[Step]) -> Place<'a> {
        self.place_of(data, path, false)
    }

    /// [`Record::place`], at the field's key rather than its value when
    /// `at_key` (a misspelt field is shown at its name).
    pub fn place_of<'a>(&'a self, data: &'a SourceFile, path: &[Step], at_key: bool) -> Place<'a> {
        let find = if at_key { locate::node } else { locate::value };
        let key = match path.first() {
            Some(Step::Key(key)) => *key,
            _ => "",
        };
        if let Some(local) = self
            .local
            .as_ref()
            .filter(|l| l.fields.iter().any(|f| f == key))
        {
            let range = find(&local.file.text, local.front.yaml.clone(), path);
            return Place {
                file: &local.file,
                range,
            };
        }
        if let Some((_, range)) = self.fields.iter().find(|(f, _)| f == key) {
            return Place {
                file: data,
                range: range.clone(),
            };
        }
        if self.source.defaults.iter().any(|f| f == key) {
            let config = &self.source.config;
            let mut steps = vec![
                Step::Key("sources"),
                Step::Index(self.source.index),
                Step::Key("defaults"),
            ];
            steps.extend_from_slice(path);
            let range = find(&config.text, 0..config.text.len(), &steps);
            return Place {
                file: config,
                range,
            };
        }
        Place {
            file: data,
            range: self.head(data),
        }
    }

    /// The record's first line (its opening tag), for problems of the
    /// record as a whole.
    pub fn head(&self, data: &SourceFile) -> Range<usize> {
        let start = self.span.start.min(data.text.len());
        let end = data.text[start..]
            .find(['\n', '>'])
            .map_or(data.text.len(), |i| start + i + 1);
        start..end.min(self.span.end.max(start + 1))
    }

    /// Where the byte range `range` of [`Record::markdown`] came from.
    pub fn place_in_text<'a>(&'a self, data: &'a SourceFile, range: Range<usize>) -> Place<'a> {
        let piece = self.pieces.iter().find(|p| {
            p.markdown.start <= range.start
                && range.start < p.markdown.end.max(p.markdown.start + 1)
        });
        match piece.map(|p| (&p.from, p.markdown.start)) {
            Some((PieceSource::Local(at), start)) => {
                let file = &self
                    .local
                    .as_ref()
                    .expect("local pieces come with a local file")
                    .file;
                let from = at + (range.start - start);
                Place {
                    file,
                    range: from..from + range.len(),
                }
            }
            Some((PieceSource::Data(element), _)) => Place {
                file: data,
                range: element.start..element.start + 1,
            },
            None => Place {
                file: data,
                range: self.head(data),
            },
        }
    }
}
