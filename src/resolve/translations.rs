//! Translations checked against their originals: the language is one of
//! the site's, the original exists, and the translation sets only what is
//! language-specific, or repeats the original's value unchanged.
//!
//! Every problem is at the translation's file and line; a contradiction
//! also names the original's line, so an editor sees both values.

use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::locate::Step;
use crate::model::{ContentKind, Document, SiteConfig, Translation};
use crate::text;

use super::index::Index;

/// The originals a translation may belong to.
pub(super) struct Originals<'a> {
    pub index: &'a Index,
    pub services: &'a [Arc<Document<crate::model::Service>>],
    pub news: &'a [Arc<Document<crate::model::News>>],
    /// Drafts are left out of `news` but may be translated.
    pub drafts: &'a [Arc<Document<crate::model::News>>],
    pub bodies: &'a [Arc<Document<crate::model::Body>>],
    pub people: &'a [Arc<Document<crate::model::Person>>],
    pub pages: &'a [Arc<Document<crate::model::Page>>],
    pub home: Option<&'a Document<crate::model::Page>>,
    /// Originals whose front matter could not be read: their error is the
    /// cause, so their translations are not checked.
    pub unparsed: &'a std::collections::HashSet<(ContentKind, String)>,
}

/// What a translation is compared with: the original's fields as its
/// typed front matter writes them, where each is, and the version of each
/// part a translation translates.
pub(super) struct Original<'d> {
    fields: serde_json::Map<String, serde_json::Value>,
    /// The original's file, for messages.
    pub file: &'d std::path::Path,
    /// The version of each translatable part: see [`versions`].
    pub versions: Versions,
    place: Box<dyn Fn(&str) -> String + 'd>,
}

/// The version of each part of an original a translation translates, by
/// part: its translatable fields (`title`, …) and `text`, its Markdown.
pub type Versions = std::collections::BTreeMap<String, String>;

/// A short, stable fingerprint of one part: the first 8 hex digits of its
/// SHA-256. Short, because it is written into the translation's front
/// matter for editors to see; collisions only mean one missed warning.
fn version_of(text: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// The versions of the parts of `kind` in `fields` and `markdown`: the
/// fields a translation may set (but `example`) that the original has,
/// and the text when there is one.
fn versions(
    kind: ContentKind,
    fields: &serde_json::Map<String, serde_json::Value>,
    markdown: &str,
) -> Versions {
    let mut parts = Versions::new();
    for field in kind.translatable_fields() {
        if *field == "example" {
            continue;
        }
        match fields.get(*field) {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::Array(a)) if a.is_empty() => {}
            Some(value) => {
                parts.insert((*field).to_owned(), version_of(&value.to_string()));
            }
        }
    }
    if !markdown.trim().is_empty() {
        parts.insert("text".to_owned(), version_of(markdown.trim()));
    }
    parts
}

/// An original found for a translation: the fingerprints of its front
/// matter and text (taken when it was parsed), and how to make the
/// [`Original`] a translation is compared with, which hashes its parts.
struct Located<'d> {
    prints: (u64, u64),
    original: Box<dyn Fn() -> Original<'d> + 'd>,
}

fn located<'d, T: Serialize>(kind: ContentKind, doc: &'d Document<T>) -> Located<'d> {
    Located {
        prints: doc.prints,
        original: Box::new(move || original(kind, doc)),
    }
}

fn original<'d, T: Serialize>(kind: ContentKind, doc: &'d Document<T>) -> Original<'d> {
    let fields = match serde_json::to_value(&doc.front) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    Original {
        versions: versions(kind, &fields, doc.markdown()),
        file: doc.main_file().path(),
        fields,
        place: Box::new(move |field: &str| {
            let place = doc.field_place(&[Step::Key(field)]);
            let (line, _) = place.file.position(place.range.start);
            format!("{}:{line}", place.file.path().display())
        }),
    }
}

impl<'a> Originals<'a> {
    /// The originals of a resolved site (drafts are among its news when it
    /// was resolved with drafts).
    fn of(
        site: &'a super::Site,
        unparsed: &'a std::collections::HashSet<(ContentKind, String)>,
    ) -> Self {
        Originals {
            index: &site.index,
            services: &site.services,
            news: &site.news,
            drafts: &[],
            bodies: &site.bodies,
            people: &site.people,
            pages: &site.pages,
            home: site.home.as_deref(),
            unparsed,
        }
    }

    pub(super) fn find(&self, kind: ContentKind, slug: &str) -> Option<Original<'_>> {
        self.locate(kind, slug).map(|found| (found.original)())
    }

    /// The original of `kind` and `slug`, not yet compared with anything:
    /// its fingerprints, and how to make the [`Original`].
    fn locate(&self, kind: ContentKind, slug: &str) -> Option<Located<'_>> {
        let ix = self.index;
        match kind {
            ContentKind::Service => ix
                .service
                .get(slug)
                .map(|&i| located(kind, &self.services[i])),
            ContentKind::News => ix
                .news
                .get(slug)
                .map(|&i| located(kind, &self.news[i]))
                .or_else(|| {
                    self.drafts
                        .iter()
                        .find(|d| d.slug == slug)
                        .map(|d| located(kind, d))
                }),
            ContentKind::Body => ix.body.get(slug).map(|&i| located(kind, &self.bodies[i])),
            ContentKind::Person => ix.person.get(slug).map(|&i| located(kind, &self.people[i])),
            ContentKind::Page => ix.page.get(slug).map(|&i| located(kind, &self.pages[i])),
            ContentKind::Home => self.home.map(|d| located(kind, d)),
        }
    }

    /// The slugs of `kind`, for a "did you mean".
    fn slugs(&self, kind: ContentKind) -> Vec<&str> {
        let ix = self.index;
        let map = match kind {
            ContentKind::Service => &ix.service,
            ContentKind::News => &ix.news,
            ContentKind::Body => &ix.body,
            ContentKind::Person => &ix.person,
            ContentKind::Page => &ix.page,
            ContentKind::Home => return Vec::new(),
        };
        map.keys().map(String::as_str).collect()
    }
}

/// Checks every translation; see the module's description.
pub(super) fn check(
    translations: &[Arc<Translation>],
    config: &SiteConfig,
    originals: &Originals,
    cache: Option<&super::CheckCache>,
    out: &mut Vec<Diagnostic>,
) {
    // The preview checks thousands of translations after every edit; one
    // that passed and whose original is unchanged passes again.
    let before = cache
        .map(|c| std::mem::take(&mut *c.translations.lock().expect("not poisoned")))
        .unwrap_or_default();
    let mut passed = TranslationMemo::default();
    for t in translations {
        let file = &t.file;
        let name = file
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let whole_name = || file.location(0..file.line_text(1).len().max(1));
        if !config.translations.iter().any(|l| *l == t.lang) {
            let help = if crate::i18n::lang::is_known(&t.lang) {
                format!(
                    "add `{}` to `translations` in content/site.yaml, or rename the file if `.{}` is not meant as a language",
                    t.lang, t.lang
                )
            } else {
                format!(
                    "`{}` is no language code; name a translation `<slug>.<code>.md` with a code from `translations` in site.yaml ({})",
                    t.lang,
                    if config.translations.is_empty() { "none yet".to_owned() } else { config.translations.join(", ") }
                )
            };
            out.push(
                Diagnostic::error(format!(
                    "`{name}` is a translation into `{}`, which is not a language of the site",
                    t.lang
                ))
                .at(whole_name())
                .with_help(help),
            );
            continue;
        }
        if originals.unparsed.contains(&(t.kind, t.slug.clone())) {
            continue;
        }
        let Some(found) = originals.locate(t.kind, &t.slug) else {
            let folder = t
                .kind
                .folder()
                .map(|f| format!("content/{f}/"))
                .unwrap_or_else(|| "content/".into());
            let expected = match t.kind {
                ContentKind::Home => "content/home.md".to_owned(),
                _ => format!("{folder}{}.md", t.slug),
            };
            let slugs = originals.slugs(t.kind);
            let help = match text::closest(&t.slug, slugs.iter().copied()) {
                Some(near) => format!("did you mean `{near}.{}.md`?", t.lang),
                None => format!("a translation sits beside its original: create {expected}, or rename this file"),
            };
            out.push(
                Diagnostic::error(format!(
                    "`{name}` translates `{expected}`, which does not exist"
                ))
                .at(whole_name())
                .with_help(help),
            );
            continue;
        };
        let key = Arc::as_ptr(t) as usize;
        if let Some((held, prints)) = before.get(&key) {
            if Arc::ptr_eq(held, t) && *prints == found.prints {
                passed.insert(key, (Arc::clone(t), found.prints));
                continue;
            }
        }
        let problems_before = out.len();
        let original = (found.original)();
        let allowed = t.kind.translatable_fields();
        for (field, value) in &t.front {
            if allowed.contains(&field.as_str()) || field == STAMP {
                continue;
            }
            let at = file.location(t.field_place(field));
            // A field the original leaves empty is serialised as `null`.
            match original.fields.get(field).filter(|v| !v.is_null()) {
                Some(theirs) if theirs == value => {}
                Some(theirs) => out.push(
                    Diagnostic::error(format!(
                        "`{field}` contradicts the original: it is {} there ({})",
                        short(theirs),
                        (original.place)(field)
                    ))
                    .at(at)
                    .with_help(format!(
                        "a translation takes `{field}` from its original: remove the line (a translation sets only {})",
                        allowed.join(", ")
                    )),
                ),
                None => out.push(
                    Diagnostic::error(format!("a translation cannot set `{field}`"))
                        .at(at)
                        .with_help(format!(
                            "a translation of a {} sets only {}; everything else comes from the original",
                            t.kind.noun(),
                            allowed.join(", ")
                        )),
                ),
            }
        }
        check_stamp(t, &original, out);
        // The texts must have the original's shape: a list for a list.
        for field in allowed {
            if let (Some(mine), Some(theirs)) = (t.front.get(*field), original.fields.get(*field)) {
                if std::mem::discriminant(mine) != std::mem::discriminant(theirs)
                    && !theirs.is_null()
                {
                    // An empty default (no `documents:` in the original) has no line.
                    let empty = theirs.as_array().is_some_and(Vec::is_empty);
                    let place = if empty {
                        String::new()
                    } else {
                        format!(" like the original's ({})", (original.place)(field))
                    };
                    out.push(
                        Diagnostic::error(format!("`{field}` must be {}{place}", shape(theirs)))
                            .at(file.location(t.field_place(field)))
                            .with_help("translate the value in the same form"),
                    );
                }
            }
        }
        // Only what passed is remembered: a problem's message names lines,
        // which an edit elsewhere in the file may move.
        if out.len() == problems_before {
            passed.insert(key, (Arc::clone(t), found.prints));
        }
    }
    if let Some(cache) = cache {
        *cache.translations.lock().expect("not poisoned") = passed;
    }
}

/// The translations that passed the last check, by address (each held, so
/// its address stays its own), with the fingerprints of their originals
/// then.
pub(super) type TranslationMemo = crate::hashing::Map<usize, (Arc<Translation>, (u64, u64))>;

/// A value as a message shows it: `pilot`, `[a, b]`.
fn short(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

fn shape(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "a group of fields",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Number(_) => "a number",
        _ => "a text",
    }
}

/// The front-matter field in which a translation records the version of
/// each part of the original it translates.
pub const STAMP: &str = "translates";

/// How a translation stands against its original.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "parts")]
pub enum Standing {
    /// Every part is the version the translation records.
    Current,
    /// These parts changed (or appeared, or went away) since.
    Outdated(Vec<String>),
    /// The translation records no version (`translates:` is missing).
    Unstamped,
}

/// The parts recorded in a translation's `translates:`, if it has one.
fn stamp_of(t: &Translation) -> Option<Versions> {
    let map = t.front.get(STAMP)?.as_object()?;
    Some(
        map.iter()
            .map(|(part, v)| {
                let version = match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (part.clone(), version)
            })
            .collect(),
    )
}

/// How `t` stands against the original's `versions`.
pub fn standing(t: &Translation, versions: &Versions) -> Standing {
    let Some(recorded) = stamp_of(t) else {
        return Standing::Unstamped;
    };
    let mut changed: Vec<String> = versions
        .iter()
        .filter(|(part, now)| recorded.get(*part) != Some(now))
        .map(|(part, _)| part.clone())
        .chain(
            recorded
                .keys()
                .filter(|part| !versions.contains_key(*part))
                .cloned(),
        )
        .collect();
    changed.sort();
    changed.dedup();
    if changed.is_empty() {
        Standing::Current
    } else {
        Standing::Outdated(changed)
    }
}

/// A warning for a translation that is behind its original or records no
/// version; a `translates:` that is not a map of parts is an error.
fn check_stamp(t: &Translation, original: &Original, out: &mut Vec<Diagnostic>) {
    let file = &t.file;
    let stamp_command = format!("portal translations --stamp {}", file.path().display());
    if let Some(value) = t.front.get(STAMP) {
        if !value.is_object() {
            out.push(
                Diagnostic::error(format!(
                    "`{STAMP}` is not a list of parts and their versions"
                ))
                .at(file.location(t.field_place(STAMP)))
                .with_help(format!("let portal write it: {stamp_command}")),
            );
            return;
        }
    }
    match standing(t, &original.versions) {
        Standing::Current => {}
        Standing::Unstamped => out.push(
            Diagnostic::warning(format!(
                "this translation does not record which version of {} it translates",
                original.file.display()
            ))
            .at(file.location(0..file.line_text(1).len().max(1)))
            .with_help(format!(
                "when it is up to date, run `{stamp_command}`; then `portal check` warns as soon as the original changes"
            )),
        ),
        Standing::Outdated(parts) => out.push(
            Diagnostic::warning(format!(
                "the original changed since this translation: {}",
                parts
                    .iter()
                    .map(|part| match part.as_str() {
                        "text" => format!("its text ({})", original.file.display()),
                        field if original.versions.contains_key(field) => {
                            format!("`{field}` ({})", (original.place)(field))
                        }
                        // A part the original no longer has.
                        field => format!("`{field}` (gone from {})", original.file.display()),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .at(file.location(t.field_place(STAMP)))
            .with_help(format!(
                "translate what changed, then run `{stamp_command}`"
            )),
        ),
    }
}

/// One translation in the report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TranslationState {
    /// The translation's file.
    pub file: String,
    /// Its original's file.
    pub original: String,
    /// How it stands.
    #[serde(flatten)]
    pub standing: Standing,
}

/// The report of one further language: `portal translations`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LanguageReport {
    /// The language code.
    pub language: String,
    /// Its translations, by file.
    pub translations: Vec<TranslationState>,
    /// The files of the documents without a translation into it, by file.
    pub untranslated: Vec<String>,
}

/// How every document stands in every further language of `site`:
/// translated (current, outdated, unstamped) or not translated. Drafts are
/// in it when the site was resolved with drafts.
pub fn report(site: &super::Site) -> Vec<LanguageReport> {
    let unparsed = Default::default();
    let originals = Originals::of(site, &unparsed);
    // Every document, as (kind, slug, file).
    let mut all: Vec<(ContentKind, &str, String)> = Vec::new();
    fn add<'a, T>(
        all: &mut Vec<(ContentKind, &'a str, String)>,
        kind: ContentKind,
        docs: &'a [Arc<Document<T>>],
    ) {
        all.extend(docs.iter().map(|d| {
            (
                kind,
                d.slug.as_str(),
                d.main_file().path().display().to_string(),
            )
        }));
    }
    add(&mut all, ContentKind::Service, &site.services);
    add(&mut all, ContentKind::News, &site.news);
    add(&mut all, ContentKind::Body, &site.bodies);
    add(&mut all, ContentKind::Person, &site.people);
    add(&mut all, ContentKind::Page, &site.pages);
    if let Some(home) = &site.home {
        all.push((
            ContentKind::Home,
            "",
            home.main_file().path().display().to_string(),
        ));
    }
    site.config
        .translations
        .iter()
        .map(|lang| {
            let mine: Vec<&Arc<Translation>> = site
                .translations
                .iter()
                .filter(|t| t.lang == *lang)
                .collect();
            let translated: std::collections::HashSet<(ContentKind, &str)> =
                mine.iter().map(|t| (t.kind, t.slug.as_str())).collect();
            let mut translations: Vec<TranslationState> = mine
                .iter()
                .filter_map(|t| {
                    let original = originals.find(t.kind, &t.slug)?;
                    Some(TranslationState {
                        file: t.file.path().display().to_string(),
                        original: original.file.display().to_string(),
                        standing: standing(t, &original.versions),
                    })
                })
                .collect();
            translations.sort_by(|a, b| a.file.cmp(&b.file));
            let mut untranslated: Vec<String> = all
                .iter()
                .filter(|(kind, slug, _)| !translated.contains(&(*kind, *slug)))
                .map(|(_, _, file)| file.clone())
                .collect();
            untranslated.sort();
            untranslated.dedup();
            LanguageReport {
                language: lang.clone(),
                translations,
                untranslated,
            }
        })
        .collect()
}

/// The text of translation `t` with `translates:` recording the current
/// version of every part of its original, or `None` when its original is
/// not in `site`. Only the front matter's `translates:` block changes.
pub fn stamped(site: &super::Site, t: &Translation) -> Option<String> {
    let unparsed = Default::default();
    let originals = Originals::of(site, &unparsed);
    let original = originals.find(t.kind, &t.slug)?;
    let text = &t.file.text;
    let yaml = &text[t.yaml.clone()];
    // The front matter without its old `translates:` block (the key line
    // and the lines indented below it).
    let mut kept = String::with_capacity(yaml.len());
    let mut skipping = false;
    for line in yaml.split_inclusive('\n') {
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if skipping && (indented || line.trim().is_empty()) {
            continue;
        }
        skipping = line.starts_with(&format!("{STAMP}:"));
        if !skipping {
            kept.push_str(line);
        }
    }
    if !kept.is_empty() && !kept.ends_with('\n') {
        kept.push('\n');
    }
    kept.push_str(&format!("{STAMP}:\n"));
    for (part, version) in &original.versions {
        kept.push_str(&format!("  {part}: \"{version}\"\n"));
    }
    Some(format!(
        "{}{}{}",
        &text[..t.yaml.start],
        kept,
        &text[t.yaml.end..]
    ))
}
