//! Demonstration data as a property of the content: `example:` in the
//! front matter of any entry (and in site.yaml).
//!
//! ```yaml
//! example: true                    # the whole entry is demonstration data
//! example: [status, online_url]    # these fields hold demonstration values
//! ```
//!
//! A portal that starts from an example, or shows a service before its
//! facts are confirmed, must never let a made-up value pass for a fact:
//! the mark travels with the value into every page, card, figure, feed,
//! twin and open-data record that shows it, and structured data for
//! search engines leaves such values out. Which field names are allowed
//! is decided by the schema of the entry's type (see `schema.rs`), so a
//! typo in a mark is reported like a typo in a field.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

/// Which values of an entry are demonstration data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Example {
    /// Nothing is marked (no `example:` field, or `example: false`).
    #[default]
    None,
    /// `example: true`: the entry as a whole.
    Entry,
    /// `example: [field, …]`: these top-level fields.
    Fields(Vec<String>),
}

impl Example {
    /// Whether nothing is marked.
    pub fn is_none(&self) -> bool {
        match self {
            Example::None => true,
            Example::Entry => false,
            Example::Fields(fields) => fields.is_empty(),
        }
    }

    /// Whether the entry as a whole is demonstration data.
    pub fn is_entry(&self) -> bool {
        matches!(self, Example::Entry)
    }

    /// Whether the value of `field` is demonstration data (also when the
    /// whole entry is).
    pub fn covers(&self, field: &str) -> bool {
        self.is_entry() || self.marks_field(field)
    }

    /// Whether `field` (a dotted path for a field of a group) is named by
    /// the list of marked fields, itself or through the group it is in:
    /// `imprint` marks `imprint.provider.address`.
    pub fn marks_field(&self, field: &str) -> bool {
        self.fields()
            .iter()
            .any(|marked| names_field(marked, field))
    }

    /// Whether any of `fields` is demonstration data.
    pub fn covers_any(&self, fields: &[&str]) -> bool {
        fields.iter().any(|f| self.covers(f))
    }

    /// The marked fields (empty for a whole entry or none).
    pub fn fields(&self) -> &[String] {
        match self {
            Example::Fields(fields) => fields,
            _ => &[],
        }
    }
}

/// Whether the mark `marked` names `field`: the field itself or a group
/// that holds it (shared by [`Example::marks_field`] and the templates'
/// `marks` test, so both read a mark alike).
pub fn names_field(marked: &str, field: &str) -> bool {
    field
        .strip_prefix(marked)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// In pages' data, twins and open data the mark is always the same shape,
/// `{"entry": bool, "fields": [...]}`, so that a template or a consumer
/// asks one question in one way.
impl Serialize for Example {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Example", 2)?;
        s.serialize_field("entry", &self.is_entry())?;
        s.serialize_field("fields", self.fields())?;
        s.end()
    }
}

impl<'de> Deserialize<'de> for Example {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Mark;
        impl<'de> Visitor<'de> for Mark {
            type Value = Example;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true or a list of field names")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Example, E> {
                Ok(if v { Example::Entry } else { Example::None })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Example, A::Error> {
                let mut fields = Vec::new();
                while let Some(field) = seq.next_element::<String>()? {
                    if !fields.contains(&field) {
                        fields.push(field);
                    }
                }
                Ok(Example::Fields(fields))
            }
        }
        deserializer.deserialize_any(Mark)
    }
}

/// The generic form; `schema.rs` narrows the list to the field names of
/// the entry's own type.
impl JsonSchema for Example {
    fn schema_name() -> Cow<'static, str> {
        "Example".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Demonstration data: `true` for the whole entry, or the names of the fields whose values are demonstration values.",
            "anyOf": [
                {"type": "boolean"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1}
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Example {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn true_marks_the_entry_and_a_list_its_fields() {
        assert_eq!(parse("true"), Example::Entry);
        assert_eq!(parse("false"), Example::None);
        let fields = parse("[status, online_url, status]");
        assert_eq!(fields.fields(), ["status", "online_url"]);
        assert!(fields.covers("status") && !fields.covers("title"));
        assert!(Example::Entry.covers("title"));
        assert!(!Example::None.covers("title"));
        let group = parse("[imprint.provider, contact]");
        assert!(group.covers("imprint.provider.address"));
        assert!(group.covers("contact.phone") && group.covers("contact"));
        assert!(!group.covers("imprint") && !group.covers("imprint.providers"));
    }

    #[test]
    fn serialises_in_one_shape() {
        let json = serde_json::to_string(&parse("[leika]")).unwrap();
        assert_eq!(json, r#"{"entry":false,"fields":["leika"]}"#);
        let json = serde_json::to_string(&Example::Entry).unwrap();
        assert_eq!(json, r#"{"entry":true,"fields":[]}"#);
    }
}
