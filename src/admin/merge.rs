//! The round trip of a file saved through the forms: what the CMS sends is
//! the whole file as *it* writes YAML (its field order, its quoting, no
//! comments). Written as it is, every save would rewrite lines the editor
//! never touched, and the review of a one-word change would show the whole
//! file. So the saved file is merged into the one on disk: every top-level
//! field whose value is unchanged keeps its lines as they were (comments,
//! quoting, order), a changed one is written anew in its place, a removed
//! one goes, a new one is added at the end; the Markdown text stays byte
//! for byte unless it changed.

use serde_yaml::Value;

use crate::load::frontmatter;

/// One top-level field of a YAML text: its key and its lines (with the
/// comment lines right above it).
struct Block<'t> {
    key: String,
    text: &'t str,
}

/// The YAML of `text` cut into top-level fields, with what stands before
/// the first (comments).
fn blocks(yaml: &str) -> (&str, Vec<Block<'_>>) {
    let mut starts: Vec<(usize, String)> = Vec::new();
    let mut offset = 0;
    let mut comments_from: Option<usize> = None;
    for line in yaml.split_inclusive('\n') {
        let first = line.chars().next().unwrap_or(' ');
        if first == '#' {
            comments_from.get_or_insert(offset);
        } else if !matches!(first, ' ' | '\t' | '-' | '\n' | '\r') {
            if let Some(key) = top_level_key(line) {
                starts.push((comments_from.unwrap_or(offset), key));
            }
            comments_from = None;
        } else if first != '\n' && first != '\r' {
            comments_from = None;
        }
        offset += line.len();
    }
    let preamble_end = starts.first().map_or(yaml.len(), |(at, _)| *at);
    let mut out = Vec::new();
    for (i, (at, key)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(yaml.len(), |(next, _)| *next);
        out.push(Block {
            key: key.clone(),
            text: &yaml[*at..end],
        });
    }
    (&yaml[..preamble_end], out)
}

/// The key a top-level line starts (`status: pilot` → `status`), plain
/// or quoted.
fn top_level_key(line: &str) -> Option<String> {
    let (key, _) = line.split_once(':')?;
    let key = key.trim_end();
    let unquoted = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    (!unquoted.is_empty()).then(|| unquoted.to_owned())
}

/// Whether a value the CMS sends says "nothing": an empty text, list or
/// group, `null`, or `false` (what a yes/no field the file leaves out
/// means).
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Sequence(s) => s.is_empty(),
        Value::Mapping(m) => m.values().all(is_empty),
        _ => false,
    }
}

/// Whether two values are the same for `portal`: scalars by their text
/// (`2019` and `"2019"` are one year), lists and groups by their members,
/// empty members of groups ignored on both sides.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Sequence(x), Value::Sequence(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Mapping(x), Value::Mapping(y)) => {
            let full = |m: &serde_yaml::Mapping| -> Vec<(String, Value)> {
                let mut v: Vec<(String, Value)> = m
                    .iter()
                    .filter(|(_, v)| !is_empty(v))
                    .map(|(k, v)| (scalar(k).unwrap_or_default(), v.clone()))
                    .collect();
                v.sort_by(|a, b| a.0.cmp(&b.0));
                v
            };
            let (x, y) = (full(x), full(y));
            x.len() == y.len()
                && x.iter()
                    .zip(&y)
                    .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        (Value::Tagged(x), Value::Tagged(y)) => x.tag == y.tag && same(&x.value, &y.value),
        _ => match (scalar(a), scalar(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
    }
}

/// A scalar as text.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `key: value` as YAML lines.
fn field_text(key: &str, value: &Value) -> String {
    let mut one = serde_yaml::Mapping::new();
    one.insert(Value::String(key.to_owned()), value.clone());
    serde_yaml::to_string(&one).unwrap_or_default()
}

/// The YAML `saved` merged into `original`'s text (see the module). A
/// new field goes after the field it follows in the form (the schema's
/// order), or first.
fn merge_yaml(original: &str, saved: &serde_yaml::Mapping) -> String {
    let (preamble, blocks) = blocks(original);
    let parsed: Option<serde_yaml::Mapping> = crate::yaml::from_str(original).ok();
    // Each original field's text as it is to be written (empty: removed).
    let mut kept: Vec<(&str, String)> = Vec::new();
    for block in &blocks {
        let key = Value::String(block.key.clone());
        let was = parsed.as_ref().and_then(|m| m.get(&key));
        let whole = || {
            let mut text = block.text.to_owned();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text
        };
        let text = match saved.get(&key) {
            // Cleared by the editor.
            Some(now) if is_empty(now) && was.is_some_and(|w| !is_empty(w)) => String::new(),
            Some(now) if was.is_some_and(|w| same(w, now)) || is_empty(now) => whole(),
            Some(now) => match (was, now) {
                // A list keeps the items that did not change.
                (Some(Value::Sequence(old)), Value::Sequence(new)) => {
                    merge_items(block.text, old, new).unwrap_or_else(|| rewritten(block, now))
                }
                _ => rewritten(block, now),
            },
            // A field the form does not have is kept: only a field it
            // sends empty was cleared by the editor.
            None => whole(),
        };
        kept.push((&block.key, text));
    }
    let mut added: Vec<(usize, String)> = Vec::new();
    let mut after = 0;
    for (key, value) in saved {
        let Some(name) = key.as_str() else { continue };
        if let Some(at) = kept.iter().position(|(k, _)| *k == name) {
            after = at + 1;
            continue;
        }
        if !is_empty(value) {
            added.push((after, field_text(name, value)));
        }
    }
    let mut out = String::from(preamble);
    for i in 0..=kept.len() {
        for (_, text) in added.iter().filter(|(at, _)| *at == i) {
            out.push_str(text);
        }
        if let Some((_, text)) = kept.get(i) {
            out.push_str(text);
        }
    }
    out
}

/// A translation as the CMS sends it, with only the fields `keep` allows
/// (a translation carries only its kind's texts; the CMS writes some other
/// fields into every language's file all the same). `None` when nothing
/// is left to write: no field and no text (the CMS sends such a file for
/// a language the editor did not touch).
pub fn only_fields(saved: &str, keep: impl Fn(&str) -> bool) -> Option<String> {
    let Ok(split) = frontmatter::split(saved) else {
        return (!saved.trim().is_empty()).then(|| saved.to_owned());
    };
    let body = &saved[split.body_start..];
    let Ok(mut mapping) = crate::yaml::from_str::<serde_yaml::Mapping>(&saved[split.yaml.clone()])
    else {
        return Some(saved.to_owned());
    };
    mapping.retain(|key, value| key.as_str().is_some_and(&keep) && !is_empty(value));
    if mapping.is_empty() && body.trim().is_empty() {
        return None;
    }
    let yaml = if mapping.is_empty() {
        String::new()
    } else {
        serde_yaml::to_string(&mapping).unwrap_or_default()
    };
    Some(format!("---\n{yaml}---\n{body}"))
}

/// A field written anew, with the comment lines that stood above it.
fn rewritten(block: &Block, now: &Value) -> String {
    let comments: String = block
        .text
        .split_inclusive('\n')
        .take_while(|l| l.starts_with('#'))
        .collect();
    comments + &field_text(&block.key, now)
}

/// A list field whose items changed, written with the text of every item
/// that stayed as it was (`topics.yaml`: one topic's new title is one
/// changed item, not a rewritten file). `None` unless the list is written
/// as `- ` items at one indentation and the items kept their places
/// (changed, or added or removed at the end).
fn merge_items(text: &str, old: &[Value], new: &[Value]) -> Option<String> {
    let mut lines = text.split_inclusive('\n');
    let mut head = String::new();
    for line in lines.by_ref() {
        head.push_str(line);
        if !line.starts_with('#') {
            // `key:` alone: the items follow on their own lines.
            let (_, rest) = line.split_once(':')?;
            if !rest.trim().is_empty() && !rest.trim_start().starts_with('#') {
                return None;
            }
            break;
        }
    }
    // Each item's comment lines (kept above it, changed or not) and text.
    let mut items: Vec<(String, String)> = Vec::new();
    let mut comments = String::new();
    let mut indent: Option<usize> = None;
    for line in lines {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[spaces..];
        if rest.starts_with('#') || rest.trim().is_empty() {
            comments.push_str(line);
            continue;
        }
        let starts_item = rest.starts_with("- ") || rest.trim_end() == "-";
        let at = *indent.get_or_insert(spaces);
        if starts_item && spaces == at {
            items.push((std::mem::take(&mut comments), String::new()));
        } else if spaces <= at {
            return None;
        }
        let (_, text) = items.last_mut()?;
        text.push_str(&std::mem::take(&mut comments));
        text.push_str(line);
    }
    if items.len() != old.len() {
        return None;
    }
    let at = " ".repeat(indent.unwrap_or(2));
    let mut out = head;
    for (i, item) in new.iter().enumerate() {
        let (above, text) = items.get(i).cloned().unwrap_or_default();
        out.push_str(&above);
        match old.get(i) {
            Some(was) if same(was, item) => out.push_str(&text),
            // A group changed in some of its fields: merged as a file is.
            Some(Value::Mapping(_)) if item.is_mapping() && !text.is_empty() => {
                out.push_str(&merge_item(&text, indent.unwrap_or(2), item)?);
            }
            _ => {
                let one = serde_yaml::to_string(&vec![item]).ok()?;
                for line in one.split_inclusive('\n') {
                    out.push_str(&at);
                    out.push_str(line);
                }
            }
        }
    }
    out.push_str(&comments);
    Some(out)
}

/// A list item that is a group (`- slug: a` with its fields below),
/// merged field by field: its text taken out of the list, merged, and put
/// back at the same indentation.
fn merge_item(text: &str, indent: usize, now: &Value) -> Option<String> {
    let mapping = now.as_mapping()?;
    let first = format!("{}- ", " ".repeat(indent));
    let rest = " ".repeat(indent + 2);
    let mut inner = String::new();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let stripped = if n == 0 {
            line.strip_prefix(&first)?
        } else if line.trim().is_empty() {
            line.trim_start_matches(' ')
        } else {
            line.strip_prefix(&rest)?
        };
        inner.push_str(stripped);
    }
    let merged = merge_yaml(&inner, mapping);
    let mut out = String::new();
    for (n, line) in merged.split_inclusive('\n').enumerate() {
        out.push_str(if n == 0 { &first } else { &rest });
        out.push_str(line);
    }
    Some(out)
}

/// How a file the forms save is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Front matter between `---` lines, then Markdown.
    FrontMatter,
    /// YAML alone (topics.yaml).
    Yaml,
}

impl Layout {
    /// The layout of the file at `path`.
    pub fn of(path: &str) -> Layout {
        if path.ends_with(".yaml") || path.ends_with(".yml") {
            Layout::Yaml
        } else {
            Layout::FrontMatter
        }
    }
}

/// The file to write when the forms save `saved` over `original` (`None`
/// for a new file): see the module. A file that cannot be read as YAML on
/// either side is taken as saved; the checks then say what is wrong.
pub fn merge(layout: Layout, original: Option<&str>, saved: &str) -> String {
    let Some(original) = original else {
        return saved.to_owned();
    };
    match layout {
        Layout::Yaml => match crate::yaml::from_str::<serde_yaml::Mapping>(saved) {
            Ok(mapping) if crate::yaml::from_str::<serde_yaml::Mapping>(original).is_ok() => {
                merge_yaml(original, &mapping)
            }
            _ => saved.to_owned(),
        },
        Layout::FrontMatter => {
            let (Ok(old), Ok(new)) = (frontmatter::split(original), frontmatter::split(saved))
            else {
                return saved.to_owned();
            };
            let Ok(mapping) =
                crate::yaml::from_str::<serde_yaml::Mapping>(&saved[new.yaml.clone()])
            else {
                return saved.to_owned();
            };
            let old_yaml = &original[old.yaml.clone()];
            if crate::yaml::from_str::<serde_yaml::Mapping>(old_yaml).is_err() {
                return saved.to_owned();
            }
            let mut out = String::with_capacity(saved.len() + 64);
            out.push_str(&original[..old.yaml.start]);
            out.push_str(&merge_yaml(old_yaml, &mapping));
            let old_body = &original[old.body_start..];
            let new_body = &saved[new.body_start..];
            // The closing fence as it was.
            let fence_end = original[old.yaml.end..old.body_start].to_owned();
            out.push_str(&fence_end);
            if old_body.trim() == new_body.trim() {
                out.push_str(old_body);
            } else {
                // The CMS's text, with the blank line and final newline
                // the file had.
                let lead: &str = &old_body[..old_body.len() - old_body.trim_start().len()];
                out.push_str(lead);
                out.push_str(new_body.trim());
                out.push('\n');
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGINAL: &str = "---\n# Checked with the office.\ntitle: Wohngeld beantragen\ntopics:\n  - familie-und-soziales\nstatus: pilot # since May\nleika: \"99000000000001\"\nexample: [status]\n---\nErster Absatz.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";

    #[test]
    fn an_untouched_file_comes_back_byte_for_byte() {
        let saved = "---\ntitle: Wohngeld beantragen\nstatus: pilot\ntopics:\n- familie-und-soziales\nleika: '99000000000001'\nfocus: false\nexample:\n- status\nonline_url: ''\n---\nErster Absatz.\n\n| a | b |\n|---|---|\n| 1 | 2 |";
        assert_eq!(merge(Layout::FrontMatter, Some(ORIGINAL), saved), ORIGINAL);
    }

    #[test]
    fn a_changed_field_is_written_in_its_place_and_the_rest_is_kept() {
        let saved = "---\ntitle: Wohngeld online beantragen\nstatus: online\ntopics:\n- familie-und-soziales\nleika: '99000000000001'\nexample: [status]\n---\nErster Absatz.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let merged = merge(Layout::FrontMatter, Some(ORIGINAL), saved);
        assert_eq!(
            merged,
            "---\n# Checked with the office.\ntitle: Wohngeld online beantragen\ntopics:\n  - familie-und-soziales\nstatus: online\nleika: \"99000000000001\"\nexample: [status]\n---\nErster Absatz.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
        );
    }

    #[test]
    fn a_cleared_field_goes_and_a_new_one_is_added_at_the_end() {
        let saved = "---\ntitle: Wohngeld beantragen\ntopics: [familie-und-soziales]\nstatus: pilot\nleika: ''\nexample: [status]\ncosts: keine\n---\nNeu.\n";
        let merged = merge(Layout::FrontMatter, Some(ORIGINAL), saved);
        assert!(!merged.contains("leika"), "{merged}");
        assert!(
            merged.contains(
                "status: pilot # since May\nexample: [status]\ncosts: keine\n---\nNeu.\n"
            ),
            "{merged}"
        );
    }

    #[test]
    fn a_new_field_goes_after_the_one_it_follows_in_the_form() {
        let original = "---\nstatus: pilot\nleika: \"1\"\n---\n";
        let saved =
            "---\ntitle: Neu\nstatus: pilot\nonline_url: https://x.example/\nleika: '1'\n---\n";
        assert_eq!(
            merge(Layout::FrontMatter, Some(original), saved),
            "---\ntitle: Neu\nstatus: pilot\nonline_url: https://x.example/\nleika: \"1\"\n---\n"
        );
    }

    #[test]
    fn a_translation_keeps_only_its_texts_and_an_empty_one_is_nothing() {
        let texts = |key: &str| ["title", "summary"].contains(&key);
        assert_eq!(
            only_fields(
                "---\ntitle: Housing benefit\ntopics:\n- familie\nsummary: ''\n---\nText.\n",
                texts
            )
            .as_deref(),
            Some("---\ntitle: Housing benefit\n---\nText.\n")
        );
        assert_eq!(only_fields("---\ntopics: [familie]\n---\n", texts), None);
        assert_eq!(only_fields("", texts), None);
    }

    #[test]
    fn a_changed_topic_is_one_changed_item_of_the_list() {
        let original = "# Die Themen.\ntopics:\n  - slug: a\n    title: \"A\"\n    description: Das A.\n  # Das B.\n  - slug: b\n    title: B\n    description: \"Das B.\"\n";
        let saved = "topics:\n- slug: a\n  title: A\n  description: Das A.\n- slug: b\n  title: Bauen\n  description: Das B.\n- slug: c\n  title: C\n  description: Das C.\n";
        assert_eq!(
            merge(Layout::Yaml, Some(original), saved),
            "# Die Themen.\ntopics:\n  - slug: a\n    title: \"A\"\n    description: Das A.\n  # Das B.\n  - slug: b\n    title: Bauen\n    description: \"Das B.\"\n  - slug: c\n    title: C\n    description: Das C.\n"
        );
    }

    #[test]
    fn a_yaml_file_keeps_its_comments_when_unchanged() {
        let original =
            "# Die Themen.\ntopics:\n  - slug: a\n    title: A\n    description: Das A.\n";
        let saved = "topics:\n- slug: a\n  title: A\n  description: Das A.\n  texts: {}\n";
        assert_eq!(merge(Layout::Yaml, Some(original), saved), original);
    }
}
