//! Finding where a field or value stands in block-style YAML front matter.
//!
//! serde_yaml gives positions only for syntax errors; the checks of the
//! resolve stage (a reference that does not resolve, a date in the wrong
//! order) need the line of a field too. Editors write block-style YAML, so a
//! scan by indentation finds the node; when it cannot, the nearest ancestor
//! found is used, so a diagnostic always points somewhere sensible.

use std::ops::Range;

/// One step of a path into the YAML: a mapping key or a list position.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A (0-based) list item.
    Index(usize),
}

/// Lines of `text` within `region`, each as (start, end-without-newline).
fn lines(text: &str, region: Range<usize>) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = region.start;
    std::iter::from_fn(move || {
        if start >= region.end {
            return None;
        }
        let end = text[start..region.end]
            .find('\n')
            .map_or(region.end, |i| start + i);
        let line = (start, end.min(region.end));
        start = end + 1;
        Some(line)
    })
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// Byte range of the node at `path` within `region` of `text`. The range
/// is the key for a final [`Step::Key`], the item for a final
/// [`Step::Index`]; see [`value`] for the value of a key.
pub fn node(text: &str, region: Range<usize>, path: &[Step]) -> Range<usize> {
    walk(text, region, path).0
}

/// Byte range of the value at `path` (the text after `key:` when it is on
/// the same line, else the key).
pub fn value(text: &str, region: Range<usize>, path: &[Step]) -> Range<usize> {
    walk(text, region, path).1
}

/// Returns (node range, value range) for the deepest step that was found.
fn walk(text: &str, region: Range<usize>, path: &[Step]) -> (Range<usize>, Range<usize>) {
    let mut block = region.clone();
    let mut found = (region.start..region.start, region.start..region.start);
    for step in path {
        let next = match step {
            Step::Key(key) => find_key(text, block.clone(), key),
            Step::Index(i) => find_item(text, block.clone(), *i),
        };
        match next {
            Some((node, value, inner)) => {
                found = (node, value);
                block = inner;
            }
            None => break,
        }
    }
    found
}

/// The block of lines nested under the line starting at `line_start`,
/// i.e. up to the next content line indented no deeper than `own_indent`.
fn nested_block(
    text: &str,
    region: &Range<usize>,
    line_end: usize,
    own_indent: usize,
) -> Range<usize> {
    let start = (line_end + 1).min(region.end);
    let mut end = region.end;
    for (s, e) in lines(text, start..region.end) {
        let line = &text[s..e];
        if is_content(line) && indent(line) <= own_indent && !line.trim_start().starts_with("- ") {
            end = s;
            break;
        }
        if is_content(line) && indent(line) < own_indent {
            end = s;
            break;
        }
    }
    start..end
}

fn find_key(
    text: &str,
    region: Range<usize>,
    key: &str,
) -> Option<(Range<usize>, Range<usize>, Range<usize>)> {
    // The mapping's own indentation is that of its first content line.
    let mut level = None;
    for (s, e) in lines(text, region.clone()) {
        let line = &text[s..e];
        if !is_content(line) {
            continue;
        }
        // Columns count from the start of the line, even when the region
        // starts inside it (the first key of a list item).
        let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
        let mut col = indent(line);
        let mut rest = &line[col..];
        if let Some(after_dash) = rest.strip_prefix("- ") {
            col += 2 + indent(after_dash);
            rest = after_dash.trim_start_matches(' ');
        }
        let column = s - line_start + col;
        let level = *level.get_or_insert(column);
        if column != level {
            continue;
        }
        let name = rest.trim_start_matches(['"', '\'']);
        if let Some(after) = name.strip_prefix(key) {
            let after = after.trim_start_matches(['"', '\'']);
            if let Some(value) = after.strip_prefix(':') {
                let key_start = s + col + (rest.len() - name.len());
                let key_range = key_start..key_start + key.len();
                let value_text = value.trim();
                let value_range = if value_text.is_empty() || value_text.starts_with('#') {
                    key_range.clone()
                } else {
                    let v = e - value.trim_start().len();
                    v..v + value.trim().len()
                };
                let inner = if value_text.is_empty() {
                    nested_block(text, &region, e, column)
                } else {
                    value_range.clone()
                };
                return Some((key_range, value_range, inner));
            }
        }
    }
    None
}

fn find_item(
    text: &str,
    region: Range<usize>,
    index: usize,
) -> Option<(Range<usize>, Range<usize>, Range<usize>)> {
    let inline = text[region.clone()].trim();
    if inline.starts_with('[') {
        // Flow style on one line: [a, b, c].
        let open = region.start + text[region.clone()].find('[')? + 1;
        let mut start = open;
        for (i, part) in text[open..region.end].split([',', ']']).enumerate() {
            let lead = part.len() - part.trim_start().len();
            let range = start + lead..start + lead + part.trim().len();
            if i == index {
                return Some((range.clone(), range.clone(), range));
            }
            start += part.len() + 1;
        }
        return None;
    }
    let mut level = None;
    let mut count = 0;
    for (s, e) in lines(text, region.clone()) {
        let line = &text[s..e];
        if !is_content(line) {
            continue;
        }
        let col = indent(line);
        let level = *level.get_or_insert(col);
        if col == level && line[col..].starts_with('-') {
            if count == index {
                let item_start = s + col + 2.min(line.len() - col);
                let value_text = line[col + 1..].trim();
                let value_range = if value_text.is_empty() {
                    s + col..s + col + 1
                } else {
                    let v = e - line[col + 1..].trim_start().len();
                    v..v + line[col + 1..].trim().len()
                };
                let inner = item_start..nested_block(text, &region, e, col).end;
                return Some((value_range.clone(), value_range, inner));
            }
            count += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const FM: &str = "title: Wohngeld\ntopics:\n  - wohnen\n  - famlie\naudience: [citizens, busines]\nroles:\n  - title: CIO\n    body: mastd\n    from: 2021-05\n  - title: CDO\n    body: masdt\n    from: 2024\n";

    fn at(path: &[Step]) -> &'static str {
        &FM[value(FM, 0..FM.len(), path)]
    }

    #[test]
    fn finds_keys_items_and_nested_fields() {
        assert_eq!(&FM[node(FM, 0..FM.len(), &[Step::Key("title")])], "title");
        assert_eq!(at(&[Step::Key("title")]), "Wohngeld");
        assert_eq!(at(&[Step::Key("topics"), Step::Index(1)]), "famlie");
        assert_eq!(at(&[Step::Key("audience"), Step::Index(1)]), "busines");
        assert_eq!(
            at(&[Step::Key("roles"), Step::Index(1), Step::Key("body")]),
            "masdt"
        );
        assert_eq!(
            at(&[Step::Key("roles"), Step::Index(0), Step::Key("from")]),
            "2021-05"
        );
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        assert_eq!(
            &FM[node(FM, 0..FM.len(), &[Step::Key("roles"), Step::Index(7)])],
            "roles"
        );
        assert_eq!(node(FM, 0..FM.len(), &[Step::Key("nothing")]), 0..0);
    }
}
