//! The Tera template engine, loaded with a theme and the portal's filters.

use std::collections::HashMap;

use tera::{Context, Tera, Value};

use crate::diagnostic::{Diagnostic, Location};
use crate::i18n::StringTable;
use crate::theme::{Theme, REQUIRED_TEMPLATES};

/// Compiled templates of one theme.
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, std::path::PathBuf>,
}

/// Tera's message with its causes, which carry the useful detail.
fn full_message(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// Pulls `line:column` out of a Tera/pest message, when it has one.
fn line_of(message: &str) -> Option<usize> {
    let i = message.find("--> ")?;
    message[i + 4..].split(':').next()?.trim().parse().ok()
}

/// `{{ t(key="service.apply") }}`: the theme's text of that key in the
/// page's language, with `{name}` filled in from the other arguments
/// (`t(key="topic.services", n=3)`); see [`crate::i18n`].
struct Translate {
    table: StringTable,
    lang: String,
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("`t` needs a key, e.g. t(key=\"nav.home\")"))?;
        let mut fill: Vec<(&str, String)> = args
            .iter()
            .filter(|(name, _)| name.as_str() != "key")
            .map(|(name, value)| {
                let text = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (name.as_str(), text)
            })
            .collect();
        // The same output whatever the map's order.
        fill.sort();
        self.table
            .text(key, &fill)
            .map(Value::String)
            .ok_or_else(|| {
                tera::Error::msg(format!("the theme has no text `{key}` in `{}`", self.lang))
            })
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// Every `t(key="…")` with a literal key in `text`, with its line, so a
/// key missing from the string files is reported at the template's line
/// before anything is rendered.
fn text_keys(text: &str) -> Vec<(usize, usize, &str)> {
    let mut keys = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(i) = line[from..].find("t(key=\"").map(|i| from + i) {
            from = i + 7;
            // Not the end of a longer name, such as `sort(key=`.
            if line[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            if let Some(end) = line[from..].find('"') {
                // A key joined at render time (`"status." ~ row.status`)
                // is not a literal: the string files are checked for it
                // through `CODE_KEYS`' groups instead.
                if line[from + end + 1..].trim_start().starts_with('~') {
                    continue;
                }
                let column = line[..from].chars().count() + 1;
                keys.push((number + 1, column, &line[from..from + end]));
            }
        }
    }
    keys
}

impl Templates {
    /// Compiles all templates of `theme` for a site in `languages` (its
    /// own first, as the codes of the theme's texts); every broken
    /// template, every text missing in a language and every key a template
    /// asks for that no string file has is reported.
    pub fn new(theme: &Theme, languages: &[&str]) -> Result<Self, Vec<Diagnostic>> {
        let mut diagnostics = theme.strings.check(languages);
        let lang = languages.first().copied().unwrap_or("de");
        let table = theme.strings.table(lang).cloned().unwrap_or_default();
        for template in &theme.templates {
            for (line, column, key) in text_keys(&template.text) {
                if !table.has(key) {
                    let mut location = Location::file(&template.origin);
                    location.line = line;
                    location.column = column;
                    location.len = key.chars().count();
                    location.source_line = template.text.lines().nth(line - 1).map(str::to_owned);
                    let near = crate::text::closest(key, table.keys());
                    diagnostics.push(
                        Diagnostic::error(format!("the theme has no text `{key}`"))
                            .at(location)
                            .with_help(match near {
                                Some(near) => format!("did you mean `{near}`?"),
                                None => format!("add `{key}` to the string files (strings/{lang}.yaml and every other language)"),
                            }),
                    );
                }
            }
        }
        for key in CODE_KEYS.iter().filter(|k| !table.has(k)) {
            diagnostics.push(
                Diagnostic::error(format!("the theme has no text `{key}`, which portal needs"))
                    .with_help(format!(
                        "add `{key}` to strings/{lang}.yaml (the built-in file has it: a site's file adds to it, so this is a theme built without it)"
                    )),
            );
        }
        for name in REQUIRED_TEMPLATES {
            if !theme.templates.iter().any(|t| t.name == name) {
                diagnostics.push(Diagnostic::error(format!(
                    "the theme has no template `{name}`"
                )));
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default escaping also turns `/` into `&#x2F;`, valid but
        // making every link longer and harder to read.
        tera.set_escape_fn(crate::text::escape_html);
        tera.register_function(
            "t",
            Translate {
                table: table.clone(),
                lang: lang.to_owned(),
            },
        );
        tera.register_filter("datum", Datum { table });
        tera.register_filter("typo", typo);
        tera.register_tester("marks", marks);
        let origins: HashMap<_, _> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), t.origin.clone()))
            .collect();
        // Compile one by one first, so each broken file gets its own diagnostic.
        for template in &theme.templates {
            if let Err(e) = tera::Template::new(&template.name, None, &template.text) {
                let message = full_message(&e);
                let mut location = Location::file(&template.origin);
                if let Some(line) = line_of(&message) {
                    location.line = line;
                    location.source_line = template.text.lines().nth(line - 1).map(str::to_owned);
                }
                diagnostics.push(
                    Diagnostic::error(format!("the template `{}` does not compile", template.name))
                        .at(location)
                        .with_help(message),
                );
            }
        }
        if diagnostics.is_empty() {
            let all = theme
                .templates
                .iter()
                .map(|t| (t.name.clone(), t.text.clone()));
            if let Err(e) = tera.add_raw_templates(all) {
                diagnostics.push(Diagnostic::error(format!(
                    "the theme's templates do not fit together: {}",
                    full_message(&e)
                )));
            }
        }
        if diagnostics.is_empty() {
            Ok(Templates { tera, origins })
        } else {
            Err(diagnostics)
        }
    }

    /// Renders template `name`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| {
            let origin = self
                .origins
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.into());
            Diagnostic::error(format!(
                "the template `{name}` failed: {}",
                full_message(&e)
            ))
            .at(Location::file(origin))
            .with_help("check the variables the template uses against docs/templates.md")
        })
    }
}

/// The keys the Rust side of the theme asks for (besides the templates'),
/// checked like theirs before anything is rendered.
pub const CODE_KEYS: &[&str] = &[
    "legal_kind.imprint",
    "legal_kind.privacy",
    "legal_kind.accessibility",
    "legal_kind.easy_language",
    "legal_kind.sign_language",
    "conformity.fully_compliant",
    "conformity.partially_compliant",
    "conformity.not_compliant",
    "standard.bitv_2_0",
    "standard.en_301_549",
    "standard.wcag_2_1_aa",
    "assessment.self_assessment",
    "assessment.third_party",
    "barrier_reason.non_conformity",
    "barrier_reason.disproportionate_burden",
    "barrier_reason.out_of_scope",
    "lang.name",
    "lang.missing",
    "lang.start_page",
    "date.day_month_year",
    "date.month_year",
    "date.months.1",
    "date.months.2",
    "date.months.3",
    "date.months.4",
    "date.months.5",
    "date.months.6",
    "date.months.7",
    "date.months.8",
    "date.months.9",
    "date.months.10",
    "date.months.11",
    "date.months.12",
    "status.planned",
    "status.in_development",
    "status.pilot",
    "status.rollout",
    "status.online",
    "audience.citizens",
    "audience.businesses",
    "coverage.statewide",
    "coverage.some_municipalities",
    "coverage.none",
    "body_kind.government",
    "body_kind.ministry",
    "body_kind.council",
    "body_kind.board",
    "body_kind.working_group",
    "body_kind.office",
    "body_kind.association",
    "body_kind.team",
    "level.federal",
    "level.state",
    "level.municipal",
    "level.cross_level",
    "crumbs.home",
    "pages.services.title",
    "pages.services.description",
    "pages.services_az.title",
    "pages.services_az.description",
    "pages.news.title",
    "pages.news.description",
    "pages.governance.title",
    "pages.governance.description",
    "pages.topics.title",
    "pages.topics.description",
    "pages.progress.title",
    "pages.progress.description",
    "pages.search.title",
    "pages.search.description",
    "pages.not_found.title",
    "pages.not_found.description",
    "lists.letter",
    "lists.topic_services",
    "lists.topic_news",
    "lists.body_services",
    "lists.news_about",
    "lists.status",
    "lists.focus",
    "lists.online",
    "lists.people",
    "lists.page_of",
    "lists.description",
    "charts.example",
    "charts.example_count",
    "charts.stage_line",
    "charts.scale.planned",
    "charts.scale.in_development",
    "charts.scale.pilot",
    "charts.scale.rollout",
    "charts.scale.online",
    "charts.since",
    "charts.checked",
    "charts.status_bars",
    "charts.focus_bars",
    "charts.focus_stages",
    "charts.launch_bars",
    "charts.launches",
    "charts.roles",
];

/// `{{ date | datum }}`: an ISO date (full or partial) in the page's
/// language, by the string file's `date.*` texts (`12. März 2024`,
/// `12 March 2024`).
struct Datum {
    table: StringTable,
}

impl tera::Filter for Datum {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let text = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("`datum` expects a date such as \"2024-03-12\""))?;
        let date = crate::date::PartialDate::parse(text)
            .map_err(|_| tera::Error::msg(format!("`datum`: `{text}` is not a date")))?;
        let (year, month, day) = date.parts();
        let text_of =
            |key: &str, args: &[(&str, String)]| self.table.text(key, args).unwrap_or_default();
        let month_name = |m: u32| text_of(&format!("date.months.{m}"), &[]);
        Ok(Value::String(match (month, day) {
            (Some(m), Some(d)) => text_of(
                "date.day_month_year",
                &[
                    ("day", d.to_string()),
                    ("month", month_name(m)),
                    ("year", year.to_string()),
                ],
            ),
            (Some(m), None) => text_of(
                "date.month_year",
                &[("month", month_name(m)), ("year", year.to_string())],
            ),
            _ => year.to_string(),
        }))
    }
}

/// `{{ service.costs | typo }}`: the text with German typography's
/// no-break spaces (`30 Euro`, `§ 27`), see [`crate::typography`].
fn typo(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("`typo` expects text"))?;
    Ok(Value::String(
        crate::typography::tie_spaces(text).into_owned(),
    ))
}

/// `{% if item.example is marks("status") %}`: whether the demonstration
/// mark of an entry (`{"entry": …, "fields": […]}`) names the field, itself
/// or through its group (`imprint` names `imprint.provider.address`). A
/// whole entry marked does not count: its page says so once, not beside
/// every value.
fn marks(value: Option<&Value>, args: &[Value]) -> tera::Result<bool> {
    let field = args
        .first()
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg("`marks` expects a field name, e.g. marks(\"status\")"))?;
    let fields = value
        .and_then(|v| v.get("fields"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    Ok(fields
        .iter()
        .filter_map(Value::as_str)
        .any(|marked| crate::model::names_field(marked, field)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    #[test]
    fn the_code_asks_only_for_listed_keys_and_every_status_has_one() {
        for status in Status::ALL {
            let key = format!("status.{}", status.key());
            assert!(CODE_KEYS.contains(&key.as_str()), "{key}");
        }
    }

    #[test]
    fn literal_keys_are_found_with_line_and_column() {
        let text = "<p>{{ t(key=\"a.b\") }}</p>\n{{ x | sort(key=\"y\") }} {{ t(key=\"c\", n=2) }}";
        assert_eq!(text_keys(text), [(1, 14, "a.b"), (2, 35, "c")]);
        assert!(text_keys("{{ t(key=\"status.\" ~ row.status) }}").is_empty());
    }
}
