//! A YAML data source: one file holding many services, a list of mappings
//! with the fields of a service's front matter and its text under `text:`
//! (Markdown). Handy for a catalogue a state keeps itself, or one exported
//! from a spreadsheet or a database by a small script.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::Imported;
use crate::diagnostic::Diagnostic;
use crate::locate::{self, Step};
use crate::model::SourceInfo;
use crate::source::SourceFile;

/// The services of a YAML list.
pub(super) fn read(
    file: &Arc<SourceFile>,
    source: &Arc<SourceInfo>,
    defaults: &Arc<Map<String, Value>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Imported> {
    let text = &file.text;
    let whole = 0..text.len();
    // The same reading (and syntax error at its line) as front matter's.
    let Some(value) = crate::load::read_yaml(file, whole.clone(), diagnostics) else {
        return Vec::new();
    };
    let Value::Array(items) = value else {
        diagnostics.push(
            file.error(
                0..file.line_text(1).len(),
                "a YAML data source is a list of services",
            )
            .with_help(
                "write each service as `- title: …` with its fields, and its text under `text: |`",
            ),
        );
        return Vec::new();
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let span = locate::node(text, whole.clone(), &[Step::Index(i)]);
            let head = span.start
                ..span.start
                    + file
                        .line_text(file.position(span.start).0)
                        .trim_start()
                        .len();
            let mut imported = Imported::new(file, source, defaults, span.clone());
            let Value::Object(fields) = item else {
                imported.key_error = true;
                diagnostics.push(
                    file.error(head, "each entry of the list is one service's fields")
                        .with_help(
                            "write `- title: …` and the other fields of the service below it",
                        ),
                );
                return imported;
            };
            let at =
                |key: &str| locate::value(text, whole.clone(), &[Step::Index(i), Step::Key(key)]);
            let key = fields.get("leika").map(|k| match k {
                Value::String(s) => (s.clone(), at("leika")),
                other => (other.to_string(), at("leika")),
            });
            imported.take_key(key, head, false, diagnostics);
            let mut texts = Vec::new();
            for (field, value) in fields {
                match (field.as_str(), value) {
                    ("leika", _) => {}
                    ("text", Value::String(markdown)) => texts.push((markdown, at("text"))),
                    ("text", _) => diagnostics.push(
                        file.error(at("text"), "`text` is the service's text, as Markdown")
                            .with_help(
                                "write it as a block: `text: |` and the text indented below",
                            ),
                    ),
                    (_, value) => {
                        let range = at(&field);
                        imported.set(&field, value, range);
                    }
                }
            }
            imported.finish(texts);
            imported
        })
        .collect()
}
