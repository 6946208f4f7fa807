//! A CSV data source: a service catalogue as a table (a LeiKa export, or a
//! spreadsheet saved as CSV). The header row names the fields of a
//! service's front matter; a `text` column holds its text as Markdown; list
//! fields (`topics`, `audience`, `legal_basis`, `documents`, `example`)
//! separate their entries with `;`.

use std::ops::Range;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::Imported;
use crate::diagnostic::Diagnostic;
use crate::model::SourceInfo;
use crate::source::SourceFile;

/// The fields that hold a list; their entries are separated by `;`.
const LISTS: [&str; 5] = ["topics", "audience", "legal_basis", "documents", "example"];

/// The services of a CSV table, one per row.
pub(super) fn read(
    file: &Arc<SourceFile>,
    source: &Arc<SourceInfo>,
    defaults: &Arc<Map<String, Value>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Imported> {
    let text = &file.text;
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let malformed = |e: &csv::Error| {
        let at = e
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(text.len());
        file.error(at..at + 1, format!("the CSV is malformed: {e}"))
            .with_help("each row needs as many cells as the header row; a cell holding `,` or a line break is quoted with `\"`")
    };
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => {
            diagnostics.push(malformed(&e));
            return Vec::new();
        }
    };
    let mut services = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                diagnostics.push(malformed(&e));
                break;
            }
        };
        let start = row
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(text.len());
        let line: Range<usize> = start..text[start..].find('\n').map_or(text.len(), |i| start + i);
        let mut imported = Imported::new(file, source, defaults, line.clone());
        let mut key = None;
        let mut texts = Vec::new();
        for (field, cell) in headers.iter().zip(row.iter()) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            match field.trim() {
                "leika" => key = Some((cell.to_owned(), line.clone())),
                "text" => texts.push((cell.to_owned(), line.clone())),
                field => imported.set(field, typed(field, cell), line.clone()),
            }
        }
        imported.take_key(key, line, false, diagnostics);
        imported.finish(texts);
        services.push(imported);
    }
    services
}

/// A cell as the value its field takes: lists split at `;`, yes/no and
/// numbers read; anything else stays text (and the schema says if it is
/// wrong).
fn typed(field: &str, cell: &str) -> Value {
    if field == "example" && cell.eq_ignore_ascii_case("true") {
        return Value::Bool(true);
    }
    if LISTS.contains(&field) {
        return Value::Array(
            cell.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(Value::from)
                .collect(),
        );
    }
    match (field, cell.to_ascii_lowercase().as_str()) {
        ("focus" | "efa", "true" | "ja" | "yes" | "1") => Value::Bool(true),
        ("focus" | "efa", "false" | "nein" | "no" | "0") => Value::Bool(false),
        ("maturity" | "maturity_v2", number) => number
            .parse::<u64>()
            .map_or_else(|_| Value::from(cell), Value::from),
        _ => Value::from(cell),
    }
}
