//! All YAML parsing goes through this module, so that replacing serde_yaml
//! (unmaintained upstream) with a fork of the same API is a one-line change.

use serde::de::DeserializeOwned;

/// A YAML problem with its 1-based position inside the parsed text.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// serde_yaml's message, without its position suffix.
    pub message: String,
    /// 1-based line within the parsed text, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

/// Parses `text` into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the diagnostic shows that itself.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        // Alias bombs ("billion laughs") are refused by serde_yaml's limits;
        // say so in words an editor can act on.
        if message.contains("repetition limit") || message.contains("recursion limit") {
            message = "it expands too much through anchors and aliases (`&name`, `*name`)".into();
        }
        YamlError {
            message,
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
        }
    })
}

/// Parses `text` into a JSON value, the form the schema checks work on.
/// Empty text is an empty mapping, so a missing field list is reported
/// field by field.
pub fn parse_value(text: &str) -> Result<serde_json::Value, YamlError> {
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Object(Default::default()));
    }
    let value: serde_yaml::Value = from_str(text)?;
    serde_json::to_value(value).map_err(|e| YamlError {
        message: format!("the YAML cannot be read as fields and values: {e}"),
        line: None,
        column: None,
    })
}
