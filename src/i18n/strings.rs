//! The theme's texts per language: `strings/<code>.yaml`, keys nested as
//! the editor likes, read as dotted keys (`service.apply`).
//!
//! A value is a text, or for a counted text one text per plural form:
//!
//! ```yaml
//! service:
//!   apply: Online beantragen
//!   count:
//!     one: "{n} Leistung"
//!     other: "{n} Leistungen"
//! ```
//!
//! `{name}` in a text is replaced by the template's argument of that name
//! (`t(key="service.count", n=3)`). The plural form follows the count `n`
//! by the rule of German and English (one for 1, other otherwise); a
//! language with other rules gets them here when it is added.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::locate::{self, Step};
use crate::source::SourceFile;

/// One key's value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Text {
    /// The same text whatever the count.
    Plain(String),
    /// A text per plural form.
    Counted {
        /// For a count of 1.
        one: String,
        /// For every other count.
        other: String,
    },
}

/// A key's text and where it was written.
#[derive(Debug, Clone)]
struct Entry {
    text: Text,
    file: Arc<SourceFile>,
    range: Range<usize>,
}

/// One language's texts: the built-in file with the site's file laid over
/// it key by key.
#[derive(Debug, Clone, Default)]
pub struct StringTable {
    entries: BTreeMap<String, Entry>,
    /// The files it was read from, the site's last (for messages about a
    /// key that is missing).
    files: Vec<Arc<SourceFile>>,
}

impl StringTable {
    /// The text of `key` with `{name}` replaced by `args` and the plural
    /// form chosen by the argument `n`, or `None` for an unknown key.
    pub fn text(&self, key: &str, args: &[(&str, String)]) -> Option<String> {
        let entry = self.entries.get(key)?;
        let count = args
            .iter()
            .find(|(name, _)| *name == "n")
            .and_then(|(_, v)| v.parse::<i64>().ok());
        let template = match &entry.text {
            Text::Plain(text) => text,
            Text::Counted { one, other } => match count {
                Some(1) => one,
                _ => other,
            },
        };
        let mut out = template.clone();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        Some(out)
    }

    /// The text of `key` without arguments (for a counted text, its form
    /// for any count but 1), borrowed from the table.
    pub fn plain(&self, key: &str) -> Option<&str> {
        Some(match &self.entries.get(key)?.text {
            Text::Plain(text) => text,
            Text::Counted { other, .. } => other,
        })
    }

    /// Whether the table has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Every key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The file a new key for this language belongs in: the site's, when
    /// it has one, else the built-in one.
    fn home(&self) -> Option<&Path> {
        self.files.last().map(|f| f.path())
    }

    /// Where `key` is written, for a message about another language.
    fn place(&self, key: &str) -> Option<String> {
        let entry = self.entries.get(key)?;
        let (line, _) = entry.file.position(entry.range.start);
        Some(format!("{}:{line}", entry.file.path().display()))
    }

    /// Lays `file`'s keys over the table's.
    fn overlay(&mut self, file: Arc<SourceFile>, keys: Vec<(String, Text, Range<usize>)>) {
        for (key, text, range) in keys {
            self.entries.insert(
                key,
                Entry {
                    text,
                    file: file.clone(),
                    range,
                },
            );
        }
        self.files.push(file);
    }
}

/// The texts of every language a theme has, by language code.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    tables: BTreeMap<String, StringTable>,
}

impl Strings {
    /// Reads one string file (`lang` from its name) and lays it over what
    /// was read for that language before; every problem in it is returned.
    pub fn add(&mut self, lang: &str, file: SourceFile) -> Vec<Diagnostic> {
        let file = Arc::new(file);
        let (keys, problems) = read(&file);
        self.tables
            .entry(lang.to_owned())
            .or_default()
            .overlay(file, keys);
        problems
    }

    /// The table of `lang`, when the theme has one.
    pub fn table(&self, lang: &str) -> Option<&StringTable> {
        self.tables.get(lang)
    }

    /// Checks that the theme speaks every language in `languages` (the
    /// site's language first) with the same keys: a key of one language
    /// missing in another is an error at the key, naming the file it
    /// belongs in.
    pub fn check(&self, languages: &[&str]) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for lang in languages {
            if !self.tables.contains_key(*lang) {
                problems.push(
                    Diagnostic::error(format!("the theme has no texts in the language `{lang}`"))
                        .at(crate::diagnostic::Location::file("content/site.yaml"))
                        .with_help(format!(
                            "add themes/<theme>/strings/{lang}.yaml with the keys of the theme's strings/de.yaml, translated (the theme is `theme:` in site.yaml, `default` without it)"
                        )),
                );
            }
        }
        let present: Vec<(&str, &StringTable)> = languages
            .iter()
            .filter_map(|l| self.tables.get(*l).map(|t| (*l, t)))
            .collect();
        for (lang, table) in &present {
            for (other_lang, other) in &present {
                if lang == other_lang {
                    continue;
                }
                for key in other.keys().filter(|k| !table.has(k)) {
                    let entry = &other.entries[key];
                    // Beside the file that has the key, when that is the
                    // site's: the built-in files are not the editor's.
                    let home = if entry.file.path().to_string_lossy().contains("(built in)") {
                        table.home().map_or_else(
                            || format!("strings/{lang}.yaml"),
                            |p| p.display().to_string(),
                        )
                    } else {
                        entry
                            .file
                            .path()
                            .with_file_name(format!("{lang}.yaml"))
                            .display()
                            .to_string()
                    };
                    problems.push(
                        entry
                            .file
                            .error(
                                entry.range.clone(),
                                format!("the text `{key}` has no version in `{lang}`"),
                            )
                            .with_help(format!("add `{key}` to {home}")),
                    );
                }
            }
        }
        problems
    }

    /// A fingerprint of every text in every language, for the live
    /// preview: a changed text is a changed theme.
    pub fn fingerprint(&self) -> u64 {
        let all: Vec<(&str, &str, &Text)> = self
            .tables
            .iter()
            .flat_map(|(lang, table)| {
                table
                    .entries
                    .iter()
                    .map(move |(key, entry)| (lang.as_str(), key.as_str(), &entry.text))
            })
            .collect();
        crate::hashing::fingerprint(all)
    }

    /// For a message: where `key` is written in `lang`.
    pub fn place(&self, lang: &str, key: &str) -> Option<String> {
        self.tables.get(lang)?.place(key)
    }
}

/// The dotted keys of a string file with their texts and the ranges of
/// their values, and the problems found.
#[allow(clippy::type_complexity)]
fn read(file: &SourceFile) -> (Vec<(String, Text, Range<usize>)>, Vec<Diagnostic>) {
    let mut keys = Vec::new();
    let mut problems = Vec::new();
    let value = match crate::yaml::parse_value(&file.text) {
        Ok(value) => value,
        Err(e) => {
            let start = e.line.map_or(0, |l| {
                file.line_offset(l) + e.column.unwrap_or(1).saturating_sub(1)
            });
            problems.push(
                file.error(
                    start..start + 1,
                    format!("this string file is not valid YAML: {e}"),
                )
                .with_help("write `key: text`, with nested keys indented by two spaces"),
            );
            return (keys, problems);
        }
    };
    let mut path = Vec::new();
    walk(file, &value, &mut path, &mut keys, &mut problems);
    (keys, problems)
}

fn walk(
    file: &SourceFile,
    value: &serde_json::Value,
    path: &mut Vec<String>,
    keys: &mut Vec<(String, Text, Range<usize>)>,
    problems: &mut Vec<Diagnostic>,
) {
    use serde_json::Value;
    let range = || {
        let steps: Vec<Step> = path.iter().map(|k| Step::Key(k)).collect();
        locate::value(&file.text, 0..file.text.len(), &steps)
    };
    match value {
        Value::String(text) if !path.is_empty() => {
            keys.push((path.join("."), Text::Plain(text.clone()), range()));
        }
        Value::Object(map) if is_counted(map) => {
            let form = |name: &str| map[name].as_str().unwrap_or_default().to_owned();
            keys.push((
                path.join("."),
                Text::Counted {
                    one: form("one"),
                    other: form("other"),
                },
                range(),
            ));
        }
        Value::Object(map) => {
            for (key, inner) in map {
                path.push(key.clone());
                walk(file, inner, path, keys, problems);
                path.pop();
            }
        }
        _ => problems.push(
            file.error(
                range(),
                format!(
                    "`{}` is not a text",
                    if path.is_empty() { "the file".to_owned() } else { path.join(".") }
                ),
            )
            .with_help("write the text after the key, in quotes if it starts with a special character; a counted text has `one:` and `other:`"),
        ),
    }
}

/// A mapping of exactly `one` and `other`, both texts: a counted text.
fn is_counted(map: &serde_json::Map<String, serde_json::Value>) -> bool {
    map.len() == 2
        && ["one", "other"]
            .iter()
            .all(|k| map.get(*k).is_some_and(serde_json::Value::is_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(files: &[(&str, &str, &str)]) -> (Strings, Vec<Diagnostic>) {
        let mut strings = Strings::default();
        let mut problems = Vec::new();
        for (lang, path, text) in files {
            problems.extend(strings.add(lang, SourceFile::new(*path, (*text).to_owned())));
        }
        (strings, problems)
    }

    #[test]
    fn nested_keys_are_dotted_and_arguments_filled_in() {
        let (s, problems) = strings(&[(
            "de",
            "de.yaml",
            "service:\n  apply: Online beantragen\n  count:\n    one: \"{n} Leistung\"\n    other: \"{n} Leistungen\"\n",
        )]);
        assert!(problems.is_empty(), "{problems:?}");
        let de = s.table("de").unwrap();
        assert_eq!(de.text("service.apply", &[]).unwrap(), "Online beantragen");
        assert_eq!(
            de.text("service.count", &[("n", "1".into())]).unwrap(),
            "1 Leistung"
        );
        assert_eq!(
            de.text("service.count", &[("n", "3".into())]).unwrap(),
            "3 Leistungen"
        );
        assert_eq!(de.text("service.nope", &[]), None);
    }

    #[test]
    fn a_site_file_overrides_single_keys() {
        let (s, _) = strings(&[
            ("de", "built-in/de.yaml", "a: Eins\nb: Zwei\n"),
            ("de", "themes/land/strings/de.yaml", "b: Zwo\n"),
        ]);
        let de = s.table("de").unwrap();
        assert_eq!(de.text("a", &[]).unwrap(), "Eins");
        assert_eq!(de.text("b", &[]).unwrap(), "Zwo");
    }

    #[test]
    fn a_key_missing_in_a_language_is_an_error_at_the_key() {
        let (s, _) = strings(&[
            (
                "de",
                "de.yaml",
                "nav:\n  home: Startseite\n  search: Suche\n",
            ),
            ("en", "en.yaml", "nav:\n  home: Home\n"),
        ]);
        let problems = s.check(&["de", "en"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert!(
            p.message.contains("`nav.search` has no version in `en`"),
            "{}",
            p.message
        );
        let at = p.location.as_ref().unwrap();
        assert_eq!((at.file.to_str().unwrap(), at.line), ("de.yaml", 3));
        assert!(p.help.as_deref().unwrap().contains("en.yaml"));
        // A language the theme lacks altogether.
        let problems = s.check(&["de", "fr"]);
        assert!(problems[0]
            .message
            .contains("no texts in the language `fr`"));
    }

    #[test]
    fn a_value_that_is_not_text_is_an_error_at_its_line() {
        let (_, problems) = strings(&[("de", "de.yaml", "a: Eins\nb:\n  - x\n")]);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("`b` is not a text"));
        assert_eq!(problems[0].location.as_ref().unwrap().line, 2);
        let (_, problems) = strings(&[("de", "de.yaml", "a: [\n")]);
        assert!(problems[0].message.contains("not valid YAML"));
    }
}
