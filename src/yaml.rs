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
    /// What would be right, when the mistake is a known one.
    pub help: Option<String>,
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
        let mut error = YamlError {
            message,
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            help: None,
        };
        explain(text, &mut error);
        error
    })
}

/// Says what two frequent mistakes are, at their place: serde_yaml names a
/// key given twice at the start of its mapping, and a tab as a character
/// that "cannot start any token".
fn explain(text: &str, error: &mut YamlError) {
    let (Some(line), Some(column)) = (error.line, error.column) else {
        return;
    };
    let at = |line: usize| text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    if let Some((_, key)) = error.message.split_once("duplicate entry with key ") {
        let key = key.trim_matches('"').to_owned();
        if let Some(second) = second_key(text, line, column, &key) {
            error.message = format!("`{key}` is given a second time");
            error.line = Some(second);
            error.column = Some(column);
            error.help = Some("a field has one value: remove this line or the first one".into());
        }
    } else if at(line).chars().nth(column.saturating_sub(1)) == Some('\t') {
        error.message = "a tab: YAML indents with spaces, not tabs".into();
        error.help = Some("replace the tab with spaces".into());
    } else if error.message.starts_with("mapping values are not allowed") {
        // `summary: Achtung: …`: the second `: ` reads as a new field.
        let row = at(line);
        if let Some((key, text)) = row.split_once(": ") {
            let key = key.trim();
            let plain = !key.is_empty() && !key.contains([' ', '-', '#', '"', '\'']);
            if plain && text.contains(": ") && !text.starts_with(['"', '\'']) {
                error.message = format!("the text of `{key}` contains `: `");
                error.help = Some(format!(
                    "put it in quotes: `{key}: \"{}\"`",
                    text.trim_end().replace('"', "\\\"")
                ));
                return;
            }
        }
        // A field indented deeper than the one above reads as the
        // continuation of that one's text.
        misindented(text, line, error);
    } else if error
        .message
        .contains("did not find expected '-' indicator")
    {
        misindented(text, line, error);
    }
}

/// Names a field at `line` (1-based) indented unlike the field above it.
fn misindented(text: &str, line: usize, error: &mut YamlError) {
    let rows: Vec<&str> = text.lines().collect();
    let Some(row) = rows.get(line.saturating_sub(1)) else {
        return;
    };
    let content = |r: &&&str| !r.trim().is_empty() && !r.trim_start().starts_with('#');
    let Some(above) = rows[..line.saturating_sub(1)].iter().rev().find(content) else {
        return;
    };
    // Where a line's field name starts: after its indentation and `- `.
    fn field_at(r: &str) -> (usize, &str) {
        let indent = r.len() - r.trim_start_matches(' ').len();
        let rest = &r[indent..];
        let dash = rest.len() - rest.trim_start_matches("- ").len();
        (indent + dash, rest.trim_start_matches("- "))
    }
    let (here, field) = field_at(row);
    let (there, field_above) = field_at(above);
    let name = |f: &str| f.split(':').next().unwrap_or_default().trim().to_owned();
    let (name, name_above) = (name(field), name(field_above));
    if here == there || name.is_empty() || name.contains(' ') || name_above.contains(' ') {
        return;
    }
    let spaces = |n: usize| {
        if n == 1 {
            "1 space".to_owned()
        } else {
            format!("{n} spaces")
        }
    };
    error.message = format!(
        "`{name}` is indented by {}, the field above it (`{name_above}`) by {there}",
        spaces(here)
    );
    error.help = Some(if there == 0 {
        format!("write `{name}` at the start of its line, as `{name_above}` is")
    } else {
        format!(
            "fields of one group or list entry stand one below the other: indent `{name}` by {}, or start a new entry with `- `",
            spaces(there)
        )
    });
    error.column = Some(here + 1);
}

/// The 1-based line of the second `key:` of the mapping that starts at
/// `line`, `column` (1-based), if it can be found by its indentation.
fn second_key(text: &str, line: usize, column: usize, key: &str) -> Option<usize> {
    let indent = column - 1;
    let mut seen = 0;
    for (i, row) in text.lines().enumerate().skip(line - 1) {
        let (lead, rest) = (row.get(..indent)?, row.get(indent..).unwrap_or_default());
        // The first key of a list item stands after its `- `.
        let inside = lead.chars().all(|c| c == ' ') || (i == line - 1 && lead.trim() == "-");
        if !rest.trim().is_empty() && !rest.starts_with(' ') && !rest.starts_with('#') {
            if !inside {
                return None;
            }
            let name = rest
                .split(':')
                .next()
                .unwrap_or_default()
                .trim()
                .trim_matches(['"', '\'']);
            if name == key {
                seen += 1;
                if seen == 2 {
                    return Some(i + 1);
                }
            }
        } else if !row.trim().is_empty() && !inside && !row.trim_start().starts_with('#') {
            return None;
        }
    }
    None
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
        help: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_given_twice_is_named_at_its_second_place() {
        let text = "title: A\nstatus: pilot\ntopics:\n  - a\nstatus: online\n";
        let e = parse_value(text).unwrap_err();
        assert_eq!(e.message, "`status` is given a second time");
        assert_eq!((e.line, e.column), (Some(5), Some(1)));
        // Inside a list item, below its `- `.
        let text = "roles:\n  - title: A\n    body: b\n    title: B\n";
        let e = parse_value(text).unwrap_err();
        assert_eq!(e.message, "`title` is given a second time");
        assert_eq!(e.line, Some(4));
    }

    #[test]
    fn a_colon_in_a_text_says_to_quote_it() {
        let e = parse_value("title: T\nsummary: Achtung: ein \"Test\"\n").unwrap_err();
        assert_eq!(e.message, "the text of `summary` contains `: `");
        assert_eq!(
            e.help.as_deref(),
            Some(r#"put it in quotes: `summary: "Achtung: ein \"Test\""`"#)
        );
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn a_field_indented_unlike_the_one_above_is_named() {
        for (text, line) in [
            ("roles:\n  - title: P\n   body: b\n", 3),
            ("roles:\n  - title: P\n     body: b\n", 3),
        ] {
            let e = parse_value(text).unwrap_err();
            assert_eq!(e.line, Some(line), "{text}");
            assert!(
                e.message.starts_with("`body` is indented by ")
                    && e.message.ends_with("the field above it (`title`) by 4"),
                "{e:?}"
            );
            assert_eq!(
                e.help.as_deref(),
                Some("fields of one group or list entry stand one below the other: indent `body` by 4 spaces, or start a new entry with `- `")
            );
        }
    }

    #[test]
    fn a_tab_is_named() {
        let e = parse_value("audience:\n\t- citizens\n").unwrap_err();
        assert_eq!(e.message, "a tab: YAML indents with spaces, not tabs");
        assert_eq!(e.help.as_deref(), Some("replace the tab with spaces"));
        assert_eq!(e.line, Some(2));
    }
}
