//! `portal new`: a new content file with every field of its type, written
//! from the same JSON Schema the checks use, so it never lists a field that
//! does not exist. Required fields get `TODO` placeholders, which the checks
//! refuse until an editor replaces them.
//!
//! `portal init`: a new site, the smallest one that builds and passes
//! `portal check` without a warning (`site/content/` beside this file): the
//! five legal pages, one topic, body, service and news article to show the
//! shape of each, every stand-in value marked as demonstration data so it
//! shows as such until it is replaced. The theme is the built-in one.

use serde_json::Value;

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::date::Date;
use crate::model::ContentKind;
use crate::model::LegalKind;
use crate::schema::Schema;

/// The prefix of placeholders; a value starting with it is an error.
pub const PLACEHOLDER: &str = "TODO";

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    let mut schema = schema;
    for _ in 0..8 {
        if let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            schema = &root["$defs"][name];
        } else if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
            schema = options
                .iter()
                .find(|o| o.get("type") != Some(&Value::from("null")))
                .unwrap_or(schema);
            if schema.get("anyOf").is_some() {
                break;
            }
        } else {
            break;
        }
    }
    schema
}

fn allowed(schema: &Value) -> Vec<&str> {
    schema
        .get("oneOf")
        .and_then(Value::as_array)
        .map(|o| {
            o.iter()
                .filter_map(|v| v.get("const").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default()
}

fn types(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    }
}

/// The YAML lines of one mapping's fields, indented by `indent`. Optional
/// groups of fields (the legal pages' `accessibility`, `imprint`) are
/// written only when named in `groups`; inside one, every field is.
fn fields(
    root: &Value,
    schema: &Value,
    indent: &str,
    first_prefix: &str,
    groups: &[&str],
    today: &str,
    out: &mut String,
) {
    let schema = resolve(root, schema);
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    let mut prefix = first_prefix.to_owned();
    for (name, property) in properties {
        let is_required = required.contains(&name.as_str());
        let target = resolve(root, property);
        let kinds = types(target);
        let is_group = kinds.contains(&"object") && target.get("properties").is_some();
        let inside_group = groups.contains(&"*");
        if is_group && !is_required && !inside_group && !groups.contains(&name.as_str()) {
            continue;
        }
        // Marking demonstration data is for example sites and unconfirmed
        // values: offered as a comment, not as a field to fill in.
        if name == "example" && indent.is_empty() {
            out.push_str(
                "# example: [field, …] marks values as demonstration data, shown with the mark \"Beispielwert\"; example: true marks the whole entry. (optional)\n",
            );
            continue;
        }
        let description = property
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("")
            // Doc comments span lines; a YAML comment must stay on one.
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let values = match target.get("items") {
            Some(items) => allowed(resolve(root, items)),
            None => allowed(target),
        };
        let mut comment = description;
        if !values.is_empty() {
            comment.push_str(&format!(" One of: {}.", values.join(", ")));
        }
        comment.push_str(if is_required {
            " (required)"
        } else {
            " (optional)"
        });
        out.push_str(&format!("{indent}# {}\n", comment.trim()));
        let line = if is_group {
            let mut nested = String::new();
            let inner = format!("{indent}  ");
            fields(root, target, &inner, &inner, &["*"], today, &mut nested);
            format!("{prefix}{name}:\n{nested}")
        } else if kinds.contains(&"array") {
            let items = target.get("items").map(|i| resolve(root, i));
            if (is_required || inside_group) && items.is_some_and(|i| i.get("properties").is_some())
            {
                let mut nested = String::new();
                let first = format!("{indent}  - ");
                fields(
                    root,
                    items.unwrap_or(&Value::Null),
                    &format!("{indent}    "),
                    &first,
                    groups,
                    today,
                    &mut nested,
                );
                format!("{prefix}{name}:\n{nested}")
            } else if is_required {
                format!("{prefix}{name}: [{PLACEHOLDER}]\n")
            } else {
                format!("{prefix}{name}: []\n")
            }
        } else if is_required && target.get("format").and_then(Value::as_str) == Some("date") {
            // The day the file is made: what a new entry's date usually is,
            // and a valid value, so the new file does not stop the preview.
            format!("{prefix}{name}: {today}\n")
        } else if is_required {
            format!("{prefix}{name}: {PLACEHOLDER}\n")
        } else if kinds.contains(&"boolean") {
            format!("{prefix}{name}: false\n")
        } else {
            format!("{prefix}{name}:\n")
        };
        out.push_str(&line);
        prefix = indent.to_owned();
    }
}

/// The starter site's files, below `content/`.
static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/site");

/// Why `portal init` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder already holds a site.
    #[error("{0} already has a content/ folder; nothing was written")]
    Exists(PathBuf),
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
}

/// Writes the starter site into `dir` (created if missing), dated `today`;
/// returns the files written, relative to `dir`. Refuses a folder that
/// already has `content/`.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, InitError> {
    if dir.join("content").exists() {
        return Err(InitError::Exists(dir.to_path_buf()));
    }
    let mut all = crate::theme::embedded_files(&STARTER);
    all.sort_by_key(|f| f.path());
    let mut written = Vec::new();
    for file in all {
        let path = dir.join(file.path());
        let text =
            String::from_utf8_lossy(file.contents()).replace("{{today}}", &today.to_string());
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
            std::fs::write(&path, text)
        };
        write().map_err(|source| InitError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(file.path().to_path_buf());
    }
    Ok(written)
}

/// The Markdown body suggested for a new file of this type.
fn body(kind: ContentKind) -> &'static str {
    match kind {
        ContentKind::Service => "TODO: Beschreiben Sie die Leistung für Bürgerinnen und Bürger.\n\n## Was ist das?\n\n## Wer kann das beantragen?\n\n## Was brauchen Sie?\n\n## So funktioniert es\n\n1. …\n",
        ContentKind::News => "TODO: Der Text der Nachricht.\n",
        ContentKind::Body => "TODO: Auftrag und Arbeit des Gremiums.\n",
        ContentKind::Person => "TODO: Ein oder zwei Sätze zur Rolle der Person.\n",
        _ => "TODO: Der Text der Seite.\n\n## Übersicht\n",
    }
}

/// The text of a new file of `kind`, dated `today` where a date is
/// required; a page that is to be one of the legal pages gets `legal:` set
/// and that page's own fields; news start as drafts, so that a new article
/// appears only once it is ready.
pub fn new_file(kind: ContentKind, legal: Option<LegalKind>, today: Date) -> String {
    let schema = Schema::Front(kind).schema();
    let group = match legal {
        Some(LegalKind::Accessibility) => "accessibility",
        Some(LegalKind::Imprint) => "imprint",
        _ => "",
    };
    let mut out = String::from("---\n");
    fields(
        &schema,
        &schema,
        "",
        "",
        &[group],
        &today.to_string(),
        &mut out,
    );
    if let Some(kind) = legal {
        out = out.replacen("\nlegal:\n", &format!("\nlegal: {}\n", kind.key()), 1);
    }
    if kind == ContentKind::News {
        out = out.replacen("\ndraft: false\n", "\ndraft: true\n", 1);
    }
    out.push_str("---\n");
    out.push_str(body(kind));
    out
}

#[cfg(test)]
mod tests {
    use super::tests_support::day;
    use super::*;

    /// The front matter of a scaffolded file, which must be valid YAML.
    fn front_matter(text: &str) -> serde_yaml::Value {
        let yaml = text
            .trim_start_matches("---\n")
            .split("---\n")
            .next()
            .unwrap();
        serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn every_field_with_a_comment() {
        let text = new_file(ContentKind::Service, None, day());
        for field in [
            "title: TODO",
            "status: TODO",
            "updated: 2026-12-04",
            "topics: [TODO]",
            "focus: false",
            "leika:",
            "costs:",
            "eligibility:",
        ] {
            assert!(
                text.contains(&format!("\n{field}\n")),
                "{field} missing in\n{text}"
            );
        }
        assert!(
            text.contains("One of: planned, in_development, pilot, rollout, online. (required)")
        );
        for t in [ContentKind::News, ContentKind::Body, ContentKind::Page] {
            front_matter(&new_file(t, None, day()));
        }
        let person = new_file(ContentKind::Person, None, day());
        assert!(person.contains("roles:\n    # "), "{person}");
        assert!(
            person.contains("\n  - title: TODO\n    # Body slug. (required)\n    body: TODO\n"),
            "{person}"
        );
        let parsed = front_matter(&person);
        assert_eq!(parsed["roles"][0]["body"], serde_yaml::Value::from("TODO"));
    }

    #[test]
    fn legal_pages_get_their_own_fields() {
        let plain = new_file(ContentKind::Page, None, day());
        assert!(!plain.contains("accessibility:"), "{plain}");
        assert!(!plain.contains("imprint:"), "{plain}");
        let statement = new_file(ContentKind::Page, Some(LegalKind::Accessibility), day());
        for line in [
            "\nlegal: accessibility\n",
            "\naccessibility:\n",
            "\n  conformity: TODO\n",
            "One of: fully_compliant, partially_compliant, not_compliant. (required)",
            "\n  standards: [TODO]\n",
            "\n  barriers:\n",
            "\n    - content: TODO\n",
            "\n  enforcement:\n",
            "\n    name: TODO\n",
        ] {
            assert!(statement.contains(line), "{line:?} missing in\n{statement}");
        }
        assert!(!statement.contains("imprint:"), "{statement}");
        let imprint = new_file(ContentKind::Page, Some(LegalKind::Imprint), day());
        assert!(
            imprint.contains("\n  content_responsible:\n    # "),
            "{imprint}"
        );
        assert!(imprint.contains("\n    name: TODO\n"), "{imprint}");
        for text in [statement, imprint] {
            front_matter(&text);
        }
    }
}

/// What a kind of content needs besides its entry in [`ContentKind`], its
/// model type and its page module: checked for every kind, so a new kind
/// that lacks one fails here, naming it (docs/extending.md lists the rest).
#[cfg(test)]
mod every_kind {
    use super::tests_support::day;
    use super::*;
    use crate::schema;

    #[test]
    fn has_a_folder_a_schema_a_scaffold_a_search_label_and_a_template() {
        for kind in ContentKind::IN_FOLDERS {
            let noun = kind.noun();
            assert!(kind.folder().is_some(), "{noun}: no folder");
            assert!(!kind.label().is_empty(), "{noun}: no label for the search");
            // `portal schema` writes <noun>.schema.json.
            let schema = Schema::Front(kind);
            assert_eq!(schema.name(), noun, "{noun}: the schema has another name");
            assert!(Schema::ALL.contains(&schema), "{noun}: no schema written");
            // `portal new <noun>` writes every required field.
            let text = new_file(kind, None, day());
            for field in schema::required_fields(schema) {
                assert!(
                    text.contains(&format!("\n{field}:")),
                    "{noun}: the scaffold lacks `{field}`\n{text}"
                );
            }
            // The theme must have a template for its pages.
            let template = format!("{noun}.html");
            assert!(
                crate::theme::REQUIRED_TEMPLATES.contains(&template.as_str()),
                "{noun}: the theme does not require {template}"
            );
        }
    }
}

#[cfg(test)]
mod tests_support {
    use crate::date::Date;

    pub fn day() -> Date {
        Date::parse("2026-12-04").unwrap()
    }
}
