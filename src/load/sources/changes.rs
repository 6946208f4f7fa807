//! What a new export of a catalogue changes: services added, removed and
//! changed (which fields), and keys that went away while a local file
//! still adds to them. `portal import` prints it for people and for CI
//! (a pull request description), before the new export replaces the old.

use serde::Serialize;

use super::{Catalogue, Imported};
use crate::diagnostic::Diagnostic;
use crate::hashing::Map;
use crate::locate::Step;
use crate::model::{Document, Service};

/// One service of a report.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Its LeiKa key.
    pub leika: String,
    /// Its title in the catalogue.
    pub title: String,
    /// Where it is (`file:line`).
    pub at: String,
}

/// A changed service and what changed in it.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// The service (as the new export has it).
    #[serde(flatten)]
    pub entry: Entry,
    /// The fields whose values differ (`text` for the page's text).
    pub fields: Vec<String>,
}

/// The differences between two readings of a catalogue.
#[derive(Debug, Default, Serialize)]
pub struct Changes {
    /// In the new export only.
    pub added: Vec<Entry>,
    /// In the old one only.
    pub removed: Vec<Entry>,
    /// In both, with different values.
    pub changed: Vec<Changed>,
    /// In both, the same.
    pub unchanged: usize,
    /// Removed services a local file still adds to: errors naming both.
    #[serde(skip)]
    pub orphans: Vec<Diagnostic>,
}

fn entry(record: &Imported) -> Entry {
    let location = record.file.location(record.span.clone());
    Entry {
        leika: record.leika.clone().unwrap_or_default(),
        title: record
            .values
            .get("title")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        at: format!("{}:{}", location.file.display(), location.line),
    }
}

/// Compares the records (by LeiKa key) of `old` and `new`; `services` are
/// the site's services as read with `old`, to find the local files adding
/// to records that `new` no longer has.
pub fn compare(
    old: &Catalogue,
    new: &Catalogue,
    services: &[std::sync::Arc<Document<Service>>],
) -> Changes {
    let by_key = |c: &Catalogue| -> Map<String, usize> {
        c.records
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((r.leika.clone()?, i)))
            .collect()
    };
    let (old_keys, new_keys) = (by_key(old), by_key(new));
    let mut changes = Changes::default();
    for record in &new.records {
        let Some(key) = &record.leika else { continue };
        match old_keys.get(key) {
            None => changes.added.push(entry(record)),
            Some(&i) => {
                let before = &old.records[i];
                let mut fields: Vec<String> = record
                    .values
                    .iter()
                    .filter(|(k, v)| before.values.get(*k) != Some(v))
                    .map(|(k, _)| k.clone())
                    .chain(
                        before
                            .values
                            .keys()
                            .filter(|k| !record.values.contains_key(*k))
                            .cloned(),
                    )
                    .collect();
                if before.text() != record.text() {
                    fields.push("text".into());
                }
                if fields.is_empty() {
                    changes.unchanged += 1;
                } else {
                    changes.changed.push(Changed {
                        entry: entry(record),
                        fields,
                    });
                }
            }
        }
    }
    for record in &old.records {
        let Some(key) = &record.leika else { continue };
        if new_keys.contains_key(key) {
            continue;
        }
        let gone = entry(record);
        for service in services {
            let Some(origin) = service.record() else {
                continue;
            };
            if origin.local.is_none() || service.front.leika.as_deref() != Some(key.as_str()) {
                continue;
            }
            changes.orphans.push(
                service
                    .error_at(
                        &[Step::Key("leika")],
                        format!("this file adds to the service `{}` (LeiKa key `{key}`), which the new export no longer has", gone.title),
                    )
                    .with_help(format!(
                        "it was at {} in the old export; remove this file, or correct its key, or give it the fields to stand alone, then import again",
                        gone.at
                    )),
            );
        }
        changes.removed.push(gone);
    }
    changes
}

impl Changes {
    /// The report as Markdown, e.g. for a pull request description.
    pub fn to_markdown(&self, source: &str) -> String {
        let mut out = format!(
            "## {source}: {} added, {} removed, {} changed, {} unchanged\n",
            self.added.len(),
            self.removed.len(),
            self.changed.len(),
            self.unchanged
        );
        let list = |out: &mut String,
                    heading: &str,
                    entries: &mut dyn Iterator<Item = (String, String)>| {
            let entries: Vec<_> = entries.collect();
            if entries.is_empty() {
                return;
            }
            out.push_str(&format!("\n### {heading}\n\n"));
            for (line, detail) in entries {
                out.push_str(&format!("- {line}{detail}\n"));
            }
        };
        let line = |e: &Entry| format!("{} (`{}`, {})", e.title, e.leika, e.at);
        list(
            &mut out,
            "Added",
            &mut self.added.iter().map(|e| (line(e), String::new())),
        );
        list(
            &mut out,
            "Removed",
            &mut self.removed.iter().map(|e| (line(e), String::new())),
        );
        list(
            &mut out,
            "Changed",
            &mut self.changed.iter().map(|c| {
                (
                    line(&c.entry),
                    format!(
                        ": {}",
                        c.fields
                            .iter()
                            .map(|f| format!("`{f}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            }),
        );
        if !self.orphans.is_empty() {
            out.push_str(&format!(
                "\n### Local files adding to removed services\n\n{}",
                self.orphans
                    .iter()
                    .map(|d| {
                        let at = d.location.as_ref().map_or(String::new(), |l| {
                            format!("{}:{}: ", l.file.display(), l.line)
                        });
                        format!("- {at}{}\n", d.message)
                    })
                    .collect::<String>()
            ));
        }
        out
    }
}
