//! `portal new`: a new content file with every field of its type, written
//! from the same JSON Schema the checks use, so it never lists a field that
//! does not exist. Required fields get `TODO` placeholders, which the checks
//! refuse until an editor replaces them.

use serde_json::Value;

use crate::model::LegalKind;
use crate::schema::ContentType;

/// The prefix of placeholders; a value starting with it is an error.
pub const PLACEHOLDER: &str = "TODO";

/// The kinds `portal new` can create, with their folder below `content/`.
pub fn folder(content_type: ContentType) -> Option<&'static str> {
    match content_type {
        ContentType::Service => Some("services"),
        ContentType::News => Some("news"),
        ContentType::Body => Some("governance/bodies"),
        ContentType::Person => Some("governance/people"),
        ContentType::Page => Some("pages"),
        ContentType::Site | ContentType::Topics => None,
    }
}

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
            fields(root, target, &inner, &inner, &["*"], &mut nested);
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
                    &mut nested,
                );
                format!("{prefix}{name}:\n{nested}")
            } else if is_required {
                format!("{prefix}{name}: [{PLACEHOLDER}]\n")
            } else {
                format!("{prefix}{name}: []\n")
            }
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

/// The Markdown body suggested for a new file of this type.
fn body(content_type: ContentType) -> &'static str {
    match content_type {
        ContentType::Service => "TODO: Beschreiben Sie die Leistung für Bürgerinnen und Bürger.\n\n## Was ist das?\n\n## Wer kann das beantragen?\n\n## Was brauchen Sie?\n\n## So funktioniert es\n\n1. …\n",
        ContentType::News => "TODO: Der Text der Nachricht.\n",
        ContentType::Body => "TODO: Auftrag und Arbeit des Gremiums.\n",
        ContentType::Person => "TODO: Ein oder zwei Sätze zur Rolle der Person.\n",
        _ => "TODO: Der Text der Seite.\n\n## Übersicht\n",
    }
}

/// The text of a new file of `content_type`; a page that is to be one of
/// the legal pages gets `legal:` set and that page's own fields.
pub fn new_file(content_type: ContentType, legal: Option<LegalKind>) -> String {
    let schema = content_type.schema();
    let group = match legal {
        Some(LegalKind::Accessibility) => "accessibility",
        Some(LegalKind::Imprint) => "imprint",
        _ => "",
    };
    let mut out = String::from("---\n");
    fields(&schema, &schema, "", "", &[group], &mut out);
    if let Some(kind) = legal {
        out = out.replacen("\nlegal:\n", &format!("\nlegal: {}\n", kind.key()), 1);
    }
    out.push_str("---\n");
    out.push_str(body(content_type));
    out
}

#[cfg(test)]
mod tests {
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
        let text = new_file(ContentType::Service, None);
        for field in [
            "title: TODO",
            "status: TODO",
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
        for t in [ContentType::News, ContentType::Body, ContentType::Page] {
            front_matter(&new_file(t, None));
        }
        let person = new_file(ContentType::Person, None);
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
        let plain = new_file(ContentType::Page, None);
        assert!(!plain.contains("accessibility:"), "{plain}");
        assert!(!plain.contains("imprint:"), "{plain}");
        let statement = new_file(ContentType::Page, Some(LegalKind::Accessibility));
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
        let imprint = new_file(ContentType::Page, Some(LegalKind::Imprint));
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
