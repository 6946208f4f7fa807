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
/// typed front matter writes them, and where each is.
struct Original<'d> {
    fields: serde_json::Map<String, serde_json::Value>,
    place: Box<dyn Fn(&str) -> String + 'd>,
}

fn original<'d, T: Serialize>(doc: &'d Document<T>) -> Original<'d> {
    let fields = match serde_json::to_value(&doc.front) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    Original {
        fields,
        place: Box::new(move |field: &str| {
            let place = doc.field_place(&[Step::Key(field)]);
            let (line, _) = place.file.position(place.range.start);
            format!("{}:{line}", place.file.path().display())
        }),
    }
}

impl Originals<'_> {
    fn find(&self, kind: ContentKind, slug: &str) -> Option<Original<'_>> {
        let ix = self.index;
        match kind {
            ContentKind::Service => ix.service.get(slug).map(|&i| original(&self.services[i])),
            ContentKind::News => {
                ix.news
                    .get(slug)
                    .map(|&i| original(&self.news[i]))
                    .or_else(|| {
                        self.drafts
                            .iter()
                            .find(|d| d.slug == slug)
                            .map(|d| original(d))
                    })
            }
            ContentKind::Body => ix.body.get(slug).map(|&i| original(&self.bodies[i])),
            ContentKind::Person => ix.person.get(slug).map(|&i| original(&self.people[i])),
            ContentKind::Page => ix.page.get(slug).map(|&i| original(&self.pages[i])),
            ContentKind::Home => self.home.map(original),
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
    out: &mut Vec<Diagnostic>,
) {
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
        let Some(original) = originals.find(t.kind, &t.slug) else {
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
        let allowed = t.kind.translatable_fields();
        for (field, value) in &t.front {
            if allowed.contains(&field.as_str()) {
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
    }
}

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
