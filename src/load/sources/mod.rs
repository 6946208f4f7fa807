//! Data sources: catalogues of services (XZuFi exports) declared under
//! `sources:` in site.yaml. Each record becomes a service document in the
//! same model as a Markdown service, with the same checks; a Markdown file
//! with the same LeiKa key (or slug) adds to it, field by field.
//!
//! A record's values are layered: the source's `defaults:` in site.yaml,
//! then what the record gives, then the local Markdown file's fields. Each
//! document remembers where every value came from (see
//! [`crate::model::Origin`]), so a problem is reported at the file and
//! line that would have to change.

pub mod changes;
mod list;
mod table;
pub mod xzufi;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;
use serde_json::{Map, Value};

use super::{display_path, typed_front, walk, Repair};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Location};
use crate::hashing::fingerprint;
use crate::locate::Step;
use crate::model::{
    ContentKind, DataFormat, DataSource, Document, FrontMatter, LocalAddition, LocalText, Origin,
    Piece, PieceSource, Record, Service, SiteConfig, SourceInfo,
};
use crate::schema::{Problem, Schema, Segment, Target};
use crate::source::SourceFile;
use xzufi::{RawRecord, Use};

/// A record read from a data file and checked on its own, before a local
/// file adds to it.
#[derive(Debug)]
pub struct Imported {
    /// The slug of its page (from its title), unless a local file names it.
    pub slug: String,
    /// Its LeiKa key, when it has a valid one.
    pub leika: Option<String>,
    /// The data file.
    pub file: Arc<SourceFile>,
    /// The source it belongs to.
    pub source: Arc<SourceInfo>,
    defaults: Arc<Map<String, Value>>,
    /// The front-matter values the record gives.
    pub values: Map<String, Value>,
    /// Where each of them is in the file.
    fields: Vec<(String, Range<usize>)>,
    /// The record's element.
    pub span: Range<usize>,
    stand: Option<Date>,
    source_url: Option<String>,
    /// The catalogue's text as Markdown (shared with the document when no
    /// local text joins it), and where each piece came from.
    text: Arc<str>,
    pieces: Vec<(Range<usize>, Range<usize>)>,
    /// A responsible authority the source's `authorities:` do not map.
    unmapped_authority: Option<(String, Range<usize>)>,
    /// Whether its key is missing or wrong (and reported): it is then no
    /// page of its own, since a local file may be meant to add to it.
    key_error: bool,
}

impl Imported {
    /// The catalogue's text of the service, as Markdown.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A record as a document of its own, with the problems found in it.
type Standalone = (Option<Arc<Document<Service>>>, Vec<Diagnostic>);

/// A Markdown service file that may add to a record.
pub struct LocalFile<'a> {
    /// Its slug.
    pub slug: String,
    /// The file.
    pub file: &'a Arc<SourceFile>,
    /// Where its front matter and body are.
    pub front: FrontMatter,
    /// Its front matter.
    pub value: &'a Value,
}

/// Every record of every data source of the site.
#[derive(Debug, Default)]
pub struct Catalogue {
    /// The records, in the order of the sources and files.
    pub records: Vec<Imported>,
    /// Problems of the sources and records themselves.
    pub diagnostics: Vec<Diagnostic>,
    /// Each record as a document of its own, made when it is first needed
    /// (only records no local file adds to are), with the problems found
    /// in it; the preview keeps them from one edit to the next.
    standalone: Vec<std::sync::OnceLock<Standalone>>,
    /// Whether documents keep their body's HTML (the preview).
    keep_html: bool,
    /// Records by LeiKa key, by slug, and by data file and position: a
    /// lookup per local file, not a scan of the catalogue.
    by_key: crate::hashing::Map<String, usize>,
    by_slug: crate::hashing::Map<String, usize>,
    by_place: crate::hashing::Map<(usize, usize), usize>,
    /// The data files read, for the preview to see whether they changed.
    pub files: Vec<(PathBuf, Arc<SourceFile>)>,
    /// The folders and files named in site.yaml.
    pub paths: Vec<PathBuf>,
    /// The same, as shown to editors (relative to the site's folder).
    pub shown: Vec<PathBuf>,
    /// Whether a data file could not be read, or a record has no valid
    /// key: a local file whose key no record has may then be adding to
    /// that record, so it is not reported (the cause is).
    pub incomplete: bool,
}

impl Catalogue {
    /// Reads the sources `site` declares. `keep_html` keeps each body's
    /// HTML (the live preview).
    pub fn load(
        root: &Path,
        content: &Path,
        site: Option<&(Arc<SourceFile>, SiteConfig)>,
        keep_html: bool,
    ) -> Catalogue {
        Catalogue::load_with_export(root, content, site, keep_html, None)
    }

    /// [`Catalogue::load`], with the source at position `export.0` read
    /// from the file or folder `export.1` instead (`portal import`: a new
    /// export, wherever it was saved).
    pub fn load_with_export(
        root: &Path,
        content: &Path,
        site: Option<&(Arc<SourceFile>, SiteConfig)>,
        keep_html: bool,
        export: Option<(usize, &Path)>,
    ) -> Catalogue {
        let mut catalogue = Catalogue {
            keep_html,
            ..Catalogue::default()
        };
        let Some((config_file, config)) = site else {
            return catalogue;
        };
        for (index, source) in config.sources.iter().enumerate() {
            let path = match export {
                Some((i, path)) if i == index => path.to_path_buf(),
                _ => match inside(content, &source.path) {
                    Some(path) => path,
                    None => {
                        catalogue.incomplete = true;
                        let range = crate::locate::value(
                            &config_file.text,
                            0..config_file.text.len(),
                            &[Step::Key("sources"), Step::Index(index), Step::Key("path")],
                        );
                        catalogue.diagnostics.push(
                            config_file
                                .error(range, format!("`{}` is not a path inside content/", source.path))
                                .with_help("a data source is a file or folder below content/, written relative to it, e.g. `sources/landesredaktion.xml`"),
                        );
                        continue;
                    }
                },
            };
            catalogue.read_source(root, &path, config_file, index, source);
        }
        catalogue.check_duplicates();
        for (i, record) in catalogue.records.iter().enumerate() {
            if let Some(key) = &record.leika {
                catalogue.by_key.entry(key.clone()).or_insert(i);
            }
            catalogue.by_slug.entry(record.slug.clone()).or_insert(i);
            let file = Arc::as_ptr(&record.file) as usize;
            catalogue.by_place.insert((file, record.span.start), i);
        }
        catalogue.standalone = (0..catalogue.records.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        catalogue
    }

    /// The position of the record at byte `start` of `file`.
    pub fn index_of(&self, file: &Arc<SourceFile>, start: usize) -> Option<usize> {
        self.by_place
            .get(&(Arc::as_ptr(file) as usize, start))
            .copied()
    }

    /// Whether no source is declared.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Whether `path` is a data file or lies in a source's folder.
    pub fn covers(&self, path: &Path) -> bool {
        self.paths.iter().any(|p| path.starts_with(p))
    }

    /// The record a Markdown service adds to: the one with its LeiKa key,
    /// else the one with its slug.
    pub fn matching(&self, slug: &str, front: &Value) -> Option<usize> {
        // A key written as a number (unquoted) still names its record: its
        // own error says to quote it, and the file is read as the addition
        // it is meant to be, not as a service lacking its title.
        let key = front.get("leika").and_then(|k| match k {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
        match key {
            Some(key) => self.by_key.get(&key).copied(),
            None => self.by_slug.get(slug).copied(),
        }
    }

    /// The records no local file added to, as documents, with their
    /// problems (made in parallel the first time they are asked for).
    pub fn unclaimed(&self, claimed: &crate::hashing::Set<usize>) -> Vec<&Standalone> {
        let wanted: Vec<usize> = (0..self.records.len())
            .filter(|i| !claimed.contains(i))
            .collect();
        wanted.par_iter().for_each(|&i| {
            self.standalone[i].get_or_init(|| {
                if self.records[i].key_error {
                    // Its key's error is the cause of anything else.
                    return (None, Vec::new());
                }
                let mut found = Vec::new();
                let document = self.document(i, None, self.keep_html, &mut found);
                (document, found)
            });
        });
        wanted
            .iter()
            .filter_map(|&i| self.standalone[i].get())
            .collect()
    }

    /// The document of record `index`, with `local` adding to it.
    pub fn document(
        &self,
        index: usize,
        local: Option<LocalFile>,
        keep_html: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Arc<Document<Service>>> {
        let imported = &self.records[index];
        let mut value = (*imported.defaults).clone();
        for (key, field) in &imported.values {
            value.insert(key.clone(), field.clone());
        }
        let local_fields: Vec<String> = local
            .as_ref()
            .and_then(|l| l.value.as_object())
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        if let Some(map) = local.as_ref().and_then(|l| l.value.as_object()) {
            for (key, field) in map {
                let merged = match (key.as_str(), value.get(key)) {
                    // Demonstration marks add up: a value marked by the
                    // source stays marked whoever else marks others.
                    ("example", Some(marks)) => union_of_marks(marks, field),
                    _ => field.clone(),
                };
                value.insert(key.clone(), merged);
            }
        }
        let placement = match value.get("local_text").and_then(Value::as_str) {
            Some("after") => LocalText::After,
            Some("replace") => LocalText::Replace,
            _ => LocalText::Before,
        };
        let (markdown, pieces) = assemble(imported, local.as_ref(), placement);
        let missing_authority = !value.contains_key("responsible");
        let record = Arc::new(Record {
            source: Arc::clone(&imported.source),
            span: imported.span.clone(),
            fields: imported.fields.clone(),
            stand: imported.stand,
            source_url: imported.source_url.clone(),
            markdown,
            pieces,
            local: local.as_ref().map(|l| LocalAddition {
                file: Arc::clone(l.file),
                front: l.front.clone(),
                fields: local_fields,
            }),
        });
        let mut stood_in = Vec::new();
        if let (true, Some((name, at))) = (missing_authority, &imported.unmapped_authority) {
            // One cause, one error: not also "missing required field".
            diagnostics.push(
                imported
                    .file
                    .error(
                        at.clone(),
                        format!("the catalogue names `{name}` as responsible, and no body of the site is mapped to it"),
                    )
                    .with_help(format!(
                        "map it under `authorities:` of this source in site.yaml (`\"{name}\": <body slug>`), or set `responsible:` in a local file or the source's `defaults:`"
                    )),
            );
            value.insert("responsible".into(), Value::from(""));
            stood_in.push("responsible".to_owned());
        }
        let slug = local
            .as_ref()
            .map_or_else(|| imported.slug.clone(), |l| l.slug.clone());
        let value = Value::Object(value);
        let place =
            |problem: Problem| place_problem(&record, &imported.file, &slug, imported, problem);
        let (front, mut rejected) = typed_front::<Service>(
            &value,
            Schema::Front(ContentKind::Service),
            Repair::StandIn,
            &place,
            diagnostics,
        )?;
        rejected.extend(stood_in);
        let mut body = crate::markdown::parse(&record.markdown);
        if !keep_html {
            body.shed();
        }
        Some(Arc::new(Document {
            slug,
            file: Arc::clone(&imported.file),
            prints: (
                fingerprint(value.to_string()),
                fingerprint(&record.markdown),
            ),
            origin: Origin::Record(record),
            front,
            rejected,
            body,
            order_key: Default::default(),
            site_path: Default::default(),
        }))
    }

    fn read_source(
        &mut self,
        root: &Path,
        path: &Path,
        config_file: &Arc<SourceFile>,
        index: usize,
        source: &DataSource,
    ) {
        let path = path.to_path_buf();
        let info = Arc::new(SourceInfo {
            name: source.name.clone(),
            config: Arc::clone(config_file),
            index,
            defaults: source.defaults.keys().cloned().collect(),
        });
        let defaults = Arc::new(source.defaults.clone());
        self.paths.push(path.clone());
        self.shown.push(display_path(root, &path));
        let at_path = || {
            let range = crate::locate::value(
                &config_file.text,
                0..config_file.text.len(),
                &[Step::Key("sources"), Step::Index(index), Step::Key("path")],
            );
            config_file.location(range)
        };
        let files: Vec<PathBuf> = if path.is_dir() {
            walk(root, &path, &mut self.diagnostics)
                .into_iter()
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
                .filter(|p| {
                    let format = p
                        .extension()
                        .and_then(|e| DataFormat::of_extension(&e.to_string_lossy()));
                    format.is_some() && (source.format.is_none() || format == source.format)
                })
                .collect()
        } else if path.is_file() {
            vec![path.clone()]
        } else {
            self.incomplete = true;
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "the data source `{}` does not exist",
                    display_path(root, &path).display()
                ))
                .at(at_path())
                .with_help(
                    "`path` is a file or folder below content/, e.g. `sources/landesredaktion.xml`",
                ),
            );
            return;
        };
        for path in files {
            let Some(file) =
                read_data_file(root, &path, source.max_megabytes, &mut self.diagnostics)
            else {
                self.incomplete = true;
                continue;
            };
            let errors_before = self.diagnostics.iter().filter(|d| d.is_error()).count();
            let file = Arc::new(file);
            let format = source.format.or_else(|| {
                path.extension()
                    .and_then(|e| DataFormat::of_extension(&e.to_string_lossy()))
            });
            let imported = match format {
                Some(DataFormat::Xzufi) => {
                    xzufi::read(&file, &mut self.diagnostics, |raw, found| {
                        import(&file, &info, &defaults, source, raw, found)
                    })
                }
                Some(DataFormat::Csv) => {
                    table::read(&file, &info, &defaults, &mut self.diagnostics)
                }
                Some(DataFormat::Yaml) => {
                    list::read(&file, &info, &defaults, &mut self.diagnostics)
                }
                None => {
                    self.diagnostics.push(
                        Diagnostic::error(format!(
                            "`{}` is of no format portal reads as a data source",
                            file.path().display()
                        ))
                        .at(at_path())
                        .with_help("name a `.xml` (XZuFi), `.csv` or `.yaml` file, or set `format:` of the source"),
                    );
                    Vec::new()
                }
            };
            // A file that could not be read as a whole has no records.
            if imported.is_empty()
                && self.diagnostics.iter().filter(|d| d.is_error()).count() > errors_before
            {
                self.incomplete = true;
            }
            self.incomplete |= imported.iter().any(|r| r.key_error);
            self.records.extend(imported);
            self.files.push((path, file));
        }
    }

    /// Two records with one key are an error at the second; two with one
    /// slug (one title) get their keys appended, so both have a page.
    fn check_duplicates(&mut self) {
        let mut keys: crate::hashing::Map<String, usize> = Default::default();
        let mut slugs: crate::hashing::Map<String, usize> = Default::default();
        for i in 0..self.records.len() {
            if let Some(key) = self.records[i].leika.clone() {
                if let Some(&first) = keys.get(&key) {
                    let (a, b) = (&self.records[first], &self.records[i]);
                    let at = b
                        .fields
                        .iter()
                        .find(|(f, _)| f == "leika")
                        .map_or(b.span.clone(), |(_, r)| r.clone());
                    let first_at = a.file.location(a.span.clone());
                    self.diagnostics.push(
                        b.file
                            .error(at, format!("a second service with the LeiKa key `{key}`"))
                            .with_help(format!(
                                "{}:{} has it too; a key names one service, so the catalogue export holds a duplicate",
                                first_at.file.display(),
                                first_at.line
                            )),
                    );
                    self.records[i].leika = None;
                } else {
                    keys.insert(key, i);
                }
            }
            let slug = self.records[i].slug.clone();
            if let Some(&first) = slugs.get(&slug) {
                for j in [first, i] {
                    if let Some(key) = self.records[j].leika.clone() {
                        self.records[j].slug = format!("{slug}-{key}");
                    }
                }
            }
            slugs.insert(self.records[i].slug.clone(), i);
        }
    }
}

/// `relative` below `content`, if it stays there: no absolute path, no
/// `..`, and no symbolic link out of the folder (a site's configuration
/// must not make the build read files elsewhere on the machine).
fn inside(content: &Path, relative: &str) -> Option<PathBuf> {
    use std::path::Component;
    let relative = Path::new(relative);
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return None;
    }
    let path = content.join(relative);
    match (path.canonicalize(), content.canonicalize()) {
        (Ok(real), Ok(folder)) if !real.starts_with(&folder) => None,
        // A path that does not exist is reported as missing by the reader.
        _ => Some(path),
    }
}

/// Reads a data file in the encoding its XML declaration names (UTF-8
/// when it names none), refusing a file bigger than `max_megabytes`.
fn read_data_file(
    root: &Path,
    path: &Path,
    max_megabytes: u64,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceFile> {
    let shown = display_path(root, path);
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(format!("cannot read the file: {e}"))
            .at(Location::file(&shown))
            .with_help("make it readable for the user running portal, or remove it")
    };
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => {
            diagnostics.push(cannot_read(e));
            return None;
        }
    };
    if size > max_megabytes * 1_000_000 {
        diagnostics.push(
            Diagnostic::error(format!(
                "the data file is {} MB, more than the {max_megabytes} MB portal reads from one file",
                size.div_ceil(1_000_000)
            ))
            .at(Location::file(&shown))
            .with_help("split the export into several files in a folder (a source may be a folder), or raise `max_megabytes` of the source in site.yaml"),
        );
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics.push(cannot_read(e));
            return None;
        }
    };
    match decode(bytes) {
        Ok(text) => Some(SourceFile::new(shown, text)),
        Err((text, at, message, help)) => {
            let file = SourceFile::new(shown, text);
            diagnostics.push(file.error(at..at + 1, message).with_help(help));
            None
        }
    }
}

/// The encoding named in an XML declaration (`<?xml … encoding="…"?>`).
fn declared_encoding(bytes: &[u8]) -> Option<(String, usize)> {
    let head = &bytes[..bytes.len().min(200)];
    let head = String::from_utf8_lossy(head);
    let decl_end = head.strip_prefix("<?xml")?.find("?>")? + 5;
    let decl = &head[..decl_end];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = rest[1..].split(quote).next()?;
    Some((value.to_owned(), at))
}

type DecodeError = (String, usize, String, &'static str);

/// The file's text; or the text as far as it can be shown, the offset of
/// the problem, and what to say.
fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    let declared = declared_encoding(&bytes);
    let encoding = match &declared {
        None => encoding_rs::UTF_8,
        Some((label, at)) => match encoding_rs::Encoding::for_label(label.as_bytes()) {
            Some(encoding) => encoding,
            None => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                return Err((
                    text,
                    *at,
                    format!("the declared encoding `{label}` is not one portal knows"),
                    "declare the encoding the file is saved in, e.g. UTF-8 or ISO-8859-1",
                ));
            }
        },
    };
    if encoding == encoding_rs::UTF_8 {
        return String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[valid];
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let said = if declared.is_some() { "its declaration says UTF-8" } else { "it declares no encoding, which means UTF-8" };
            (
                text,
                valid,
                format!("the file is not UTF-8 (byte 0x{byte:02X} here), though {said}"),
                "if the export is ISO-8859-1 or Windows-1252, declare it in the first line (`<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>`) or convert it: `iconv -f ISO-8859-1 -t UTF-8`",
            )
        });
    }
    // A file declared as a single-byte encoding that is valid UTF-8 with
    // non-ASCII text was saved as UTF-8: decoding it would turn every
    // umlaut into two wrong letters.
    if let Ok(text) = std::str::from_utf8(&bytes) {
        if let Some(at) = text.find(|c: char| !c.is_ascii()) {
            let label = declared.map(|d| d.0).unwrap_or_default();
            return Err((
                text.to_owned(),
                at,
                format!("the file declares `{label}` but is saved as UTF-8"),
                "correct the declaration to `encoding=\"UTF-8\"` (or save the file in the declared encoding)",
            ));
        }
    }
    let (text, _, _) = encoding.decode(&bytes);
    // The text is now UTF-8: say so, so the XML parser reads it as it is.
    let mut text = text.into_owned();
    if let Some((label, at)) = declared_encoding(text.as_bytes()) {
        if let Some(start) = text[at..].find(&label).map(|i| at + i) {
            text.replace_range(start..start + label.len(), "UTF-8");
        }
    }
    Ok(text)
}

impl Imported {
    /// An empty record of `source` at `span` of `file`.
    fn new(
        file: &Arc<SourceFile>,
        source: &Arc<SourceInfo>,
        defaults: &Arc<Map<String, Value>>,
        span: Range<usize>,
    ) -> Imported {
        Imported {
            slug: String::new(),
            leika: None,
            file: Arc::clone(file),
            source: Arc::clone(source),
            defaults: Arc::clone(defaults),
            values: Map::new(),
            fields: Vec::new(),
            span,
            stand: None,
            source_url: None,
            text: Arc::from(""),
            pieces: Vec::new(),
            unmapped_authority: None,
            key_error: false,
        }
    }

    /// Takes the record's LeiKa key (`key`, with where it is): a key that
    /// is not 14 digits is an error at it, and so is none when `required`
    /// (an XZuFi record always has one), at `head`.
    fn take_key(
        &mut self,
        key: Option<(String, Range<usize>)>,
        head: Range<usize>,
        required: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        match key {
            None if required => {
                self.key_error = true;
                diagnostics.push(
                    self.file
                        .error(head, "the service has no LeiKa key")
                        .with_help("an XZuFi service names its key in `idSekundaer schemeID=\"LEIKA_SCHLUESSEL\"`, `referenzLeiKa` (2.2) or text module 01"),
                );
            }
            None => {}
            Some((key, at)) if key.len() != 14 || !key.bytes().all(|b| b.is_ascii_digit()) => {
                self.key_error = true;
                diagnostics.push(
                    self.file
                        .error(at, format!("`{key}` is not a LeiKa key"))
                        .with_help("a LeiKa key has 14 digits, e.g. 99001001000000"),
                );
            }
            Some((key, at)) => {
                self.values.insert("leika".into(), Value::from(key.clone()));
                self.fields.push(("leika".into(), at));
                self.leika = Some(key);
            }
        }
    }

    /// Sets a front-matter value the record gives, and where it is.
    fn set(&mut self, field: &str, value: Value, at: Range<usize>) {
        self.values.insert(field.into(), value);
        self.fields.push((field.into(), at));
    }

    /// Joins the record's texts (Markdown, each with where it was read) into
    /// the page's text, and names the page after the title.
    fn finish(&mut self, texts: impl IntoIterator<Item = (String, Range<usize>)>) {
        let mut text = String::new();
        for (markdown, at) in texts {
            let markdown = markdown.trim();
            if markdown.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(markdown);
            self.pieces.push((start..text.len(), at));
        }
        if !text.is_empty() {
            text.push('\n');
        }
        // Held to the end of the build: exactly as long as the text.
        self.text = Arc::from(text);
        if self.stand.is_none() {
            // A table or list says when a service changed in `updated`.
            self.stand = self
                .values
                .get("updated")
                .and_then(Value::as_str)
                .and_then(|d| Date::parse(d).ok());
        }
        self.pieces.shrink_to_fit();
        self.fields.shrink_to_fit();
        self.slug = match self.values.get("title").and_then(Value::as_str) {
            Some(title) if !crate::text::slugify(title).is_empty() => crate::text::slugify(title),
            _ => format!(
                "leistung-{}",
                self.leika.as_deref().unwrap_or("ohne-schluessel")
            ),
        };
    }
}

/// Checks one XZuFi record and converts its texts.
fn import(
    file: &Arc<SourceFile>,
    source: &Arc<SourceInfo>,
    defaults: &Arc<Map<String, Value>>,
    config: &DataSource,
    raw: RawRecord,
    diagnostics: &mut Vec<Diagnostic>,
) -> Imported {
    let mut imported = Imported::new(file, source, defaults, raw.span.clone());
    let head = xzufi::head(file, raw.span.clone());
    imported.take_key(raw.key, head, true, diagnostics);
    let mut body: Vec<(String, Range<usize>)> = Vec::new();
    let mut sections: Vec<(usize, String, Range<usize>)> = Vec::new();
    for text in raw.texts {
        let markdown = to_markdown(&text.content);
        match text.use_ {
            Use::Key => {}
            Use::Text(field) => imported.set(field, Value::from(plain(&markdown)), text.at),
            Use::List(field) => {
                let items = list_items(&markdown).into_iter().map(Value::from).collect();
                imported.set(field, Value::Array(items), text.at);
            }
            Use::Body => body.push((markdown, text.at)),
            Use::Section(heading) => {
                let order = xzufi::TEXT_MODULES
                    .iter()
                    .position(|m| m.use_ == Use::Section(heading))
                    .unwrap_or(usize::MAX);
                sections.push((
                    order,
                    format!("## {heading}\n\n{}", markdown.trim()),
                    text.at,
                ));
            }
            Use::Stand => match stand_date(&text.content) {
                Some(date) => {
                    imported.stand = Some(date);
                    imported.set("updated", Value::from(date.to_string()), text.at);
                }
                None => diagnostics.push(
                    file.error(text.at, format!("`{}` is not a date", text.content.trim()))
                        .with_help("the Stand of a service is written as 12.03.2025 or 2025-03-12"),
                ),
            },
            Use::SourceLink => {
                let url = first_link(&markdown).unwrap_or_else(|| plain(&markdown));
                if url.starts_with("https://") {
                    imported.source_url = Some(url);
                }
            }
            Use::Authority => {
                let name = plain(&markdown);
                match config.authorities.get(&name) {
                    Some(slug) => imported.set("responsible", Value::from(slug.clone()), text.at),
                    None => imported.unmapped_authority = Some((name, text.at)),
                }
            }
        }
    }
    sections.sort_by_key(|(order, _, _)| *order);
    imported.finish(
        body.into_iter()
            .chain(sections.into_iter().map(|(_, markdown, at)| (markdown, at))),
    );
    imported
}

/// The page's Markdown: the catalogue's text and the local file's, as
/// `placement` orders them, with where each piece came from.
fn assemble(
    imported: &Imported,
    local: Option<&LocalFile>,
    placement: LocalText,
) -> (Arc<str>, Vec<Piece>) {
    let catalogue = || {
        imported.pieces.iter().map(|(markdown, at)| {
            (
                imported.text[markdown.clone()].to_owned(),
                PieceSource::Data(at.clone()),
            )
        })
    };
    let local_piece = local.and_then(|l| {
        let text = &l.file.text[l.front.body_start..];
        (!text.trim().is_empty()).then(|| (text.to_owned(), PieceSource::Local(l.front.body_start)))
    });
    let parts: Vec<(String, PieceSource)> = match (local_piece, placement) {
        // The catalogue's text alone: shared, not copied.
        (None, _) => {
            let pieces = imported
                .pieces
                .iter()
                .map(|(markdown, at)| Piece {
                    markdown: markdown.clone(),
                    from: PieceSource::Data(at.clone()),
                })
                .collect();
            return (Arc::clone(&imported.text), pieces);
        }
        (Some(local), LocalText::Before) => std::iter::once(local).chain(catalogue()).collect(),
        (Some(local), LocalText::After) => catalogue().chain(std::iter::once(local)).collect(),
        (Some(local), LocalText::Replace) => vec![local],
    };
    let mut markdown = String::new();
    let mut pieces = Vec::new();
    for (text, from) in parts {
        if !markdown.is_empty() {
            if !markdown.ends_with('\n') {
                markdown.push('\n');
            }
            markdown.push('\n');
        }
        let start = markdown.len();
        markdown.push_str(&text);
        pieces.push(Piece {
            markdown: start..markdown.len(),
            from,
        });
    }
    if !markdown.is_empty() && !markdown.ends_with('\n') {
        markdown.push('\n');
    }
    (Arc::from(markdown), pieces)
}

/// Places a schema problem of a record's merged values.
fn place_problem(
    record: &Record,
    data: &SourceFile,
    slug: &str,
    imported: &Imported,
    problem: Problem,
) -> Diagnostic {
    let steps: Vec<Step> = problem
        .path
        .iter()
        .map(|s| match s {
            Segment::Key(k) => Step::Key(k),
            Segment::Index(i) => Step::Index(*i),
        })
        .collect();
    if problem.target == Target::Parent && steps.is_empty() {
        // A required field no layer gives.
        let (file, range) = match &record.local {
            Some(local) => {
                let start = local.front.yaml.start.saturating_sub(4);
                (&*local.file, start..start + 3)
            }
            None => (data, record.head(data)),
        };
        let key = imported.leika.as_deref().unwrap_or("…");
        return file.error(range, problem.message).with_help(format!(
            "the catalogue `{}` gives no value for it: set it in content/services/{slug}.md (with `leika: \"{key}\"`) or under `defaults:` of the source in site.yaml",
            record.source.name
        ));
    }
    let place = record.place_of(data, &steps, problem.target == Target::Key);
    let mut diagnostic = place.file.error(place.range, problem.message);
    if let Some(help) = problem.help {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// Two `example` marks as one: `true` if either is, else both lists (a
/// value that is neither is left for the schema check to report).
fn union_of_marks(earlier: &Value, later: &Value) -> Value {
    match (earlier, later) {
        (Value::Bool(true), _) | (_, Value::Bool(true)) => Value::Bool(true),
        (Value::Array(a), Value::Array(b)) => {
            let mut marks = a.clone();
            marks.extend(b.iter().filter(|m| !a.contains(m)).cloned());
            Value::Array(marks)
        }
        (Value::Bool(false), later) => later.clone(),
        (earlier, Value::Bool(false)) => earlier.clone(),
        _ => later.clone(),
    }
}

/// The catalogue's HTML as Markdown: the same parser, URL policy and
/// output guard as every Markdown file then apply to it.
pub fn to_markdown(html: &str) -> String {
    static CONVERTER: std::sync::OnceLock<htmd::HtmlToMarkdown> = std::sync::OnceLock::new();
    let converter = CONVERTER.get_or_init(|| {
        htmd::HtmlToMarkdown::builder()
            .skip_tags(vec![
                "script", "style", "iframe", "object", "embed", "head", "template",
            ])
            .build()
    });
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_owned();
    }
    converter.convert(html).unwrap_or_else(|_| html.to_owned())
}

/// The text of Markdown on one line.
fn plain(markdown: &str) -> String {
    crate::markdown::plain_text(markdown)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The top-level list items of Markdown as text (its paragraphs when it
/// has no list).
fn list_items(markdown: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut paragraphs = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<String> = None;
    let mut paragraph: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Item) => {
                depth += 1;
                if depth == 1 {
                    current = Some(String::new());
                }
            }
            Event::End(TagEnd::Item) => {
                if depth == 1 {
                    items.extend(current.take());
                }
                depth = depth.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph) if depth == 0 => paragraph = Some(String::new()),
            Event::End(TagEnd::Paragraph) if depth == 0 => paragraphs.extend(paragraph.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = current.as_mut().or(paragraph.as_mut()) {
                    s.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(s) = current.as_mut().or(paragraph.as_mut()) {
                    s.push(' ');
                }
            }
            _ => {}
        }
    }
    let chosen = if items.is_empty() { paragraphs } else { items };
    chosen
        .into_iter()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The first link's address in Markdown.
fn first_link(markdown: &str) -> Option<String> {
    Parser::new(markdown).find_map(|e| match e {
        Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
        _ => None,
    })
}

/// A "Stand" as catalogues write it: `12.03.2025`, or ISO (`2025-03-12`,
/// also with a time).
fn stand_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some(iso) = text
        .get(..10)
        .filter(|d| d.as_bytes().get(4) == Some(&b'-'))
    {
        return Date::parse(iso).ok();
    }
    let mut parts = text.split('.').map(str::trim);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Date::parse(&format!("{y}-{m:0>2}-{d:0>2}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_dates_in_german_and_iso_form() {
        assert_eq!(stand_date("12.03.2025").unwrap().to_string(), "2025-03-12");
        assert_eq!(stand_date("1.3.2025").unwrap().to_string(), "2025-03-01");
        assert_eq!(
            stand_date("2025-03-12T10:00:00Z").unwrap().to_string(),
            "2025-03-12"
        );
        assert!(stand_date("März 2025").is_none());
        assert!(stand_date("31.02.2025").is_none());
    }

    #[test]
    fn lists_come_from_items_or_paragraphs() {
        assert_eq!(
            list_items(&to_markdown(
                "<ul><li>Ausweis</li><li>Miet<b>vertrag</b></li></ul>"
            )),
            ["Ausweis", "Mietvertrag"]
        );
        assert_eq!(
            list_items(&to_markdown("<p>WoGG</p><p>WoGV</p>")),
            ["WoGG", "WoGV"]
        );
    }

    #[test]
    fn catalogue_html_becomes_markdown_whose_links_meet_the_policy() {
        let markdown = to_markdown(
            r#"<p>Mehr <a href="javascript:alert(1)">hier</a></p><script>alert(2)</script>"#,
        );
        assert!(!markdown.contains("alert(2)"), "{markdown}");
        // The link stays a Markdown link, so the URL policy sees and refuses it.
        assert!(markdown.contains("](javascript:"), "{markdown}");
    }

    #[test]
    fn a_single_byte_encoding_is_decoded_and_a_wrong_declaration_named() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>Geb\xfchr</a>".to_vec();
        let text = decode(latin1).unwrap();
        assert!(text.contains("Gebühr"));
        assert!(text.contains("encoding=\"UTF-8"), "{text}");
        let utf8_declared_latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>Gebühr</a>"
            .as_bytes()
            .to_vec();
        let (_, at, message, _) = decode(utf8_declared_latin1).unwrap_err();
        assert!(message.contains("saved as UTF-8"), "{message}");
        assert_eq!(at, 50);
        let latin1_undeclared = b"<a>Geb\xfchr</a>".to_vec();
        let (_, at, message, _) = decode(latin1_undeclared).unwrap_err();
        assert!(message.contains("0xFC"), "{message}");
        assert_eq!(at, 6);
    }
}
