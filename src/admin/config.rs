//! The CMS's configuration, made from the content schemas.
//!
//! Every form field comes from a field of a JSON Schema that
//! [`crate::schema`] generates from the Rust types: the widget from the
//! field's type (text, number, yes/no, date, list, group), a select for
//! every enumeration with the labels of the theme's texts, a relation for
//! every field the type marks with `x-portal-reference`, `required` and
//! `pattern` as the schema has them, the doc comment as the hint. So the
//! forms cannot drift from what `portal check` accepts; only the German
//! field labels are written here ([`LABELS`]), and a test fails when a
//! field has none.

use serde_json::{json, Map, Value};

use crate::i18n::StringTable;
use crate::model::{AdminBackend, ContentKind, GitHost, SiteConfig};
use crate::schema::Schema;

/// Where the forms save.
#[derive(Debug, Clone, Copy)]
pub enum Saving<'a> {
    /// Into the content folder, through `portal serve` (the CMS's proxy
    /// backend, answered by the preview at [`PROXY_PATH`]).
    Preview,
    /// Into the repository on the git host (the published `/admin/`).
    Repository(&'a AdminBackend),
}

/// Where the preview answers the CMS's proxy protocol.
pub const PROXY_PATH: &str = "/api/v1";

/// The collection that holds topics.yaml.
const TOPICS_COLLECTION: &str = "topics";
/// The file entry of topics.yaml in it.
const TOPICS_FILE: &str = "topics";
/// The collection that holds the start page (`home.md`), apart from the
/// topics: it has translations, topics.yaml has none.
const HOME_COLLECTION: &str = "home";

/// The folder collections: one per kind of document, in menu order.
pub const FOLDERS: [(ContentKind, &str, &str, &str); 5] = [
    (ContentKind::Service, "services", "Leistungen", "Leistung"),
    (ContentKind::News, "news", "Aktuelles", "Meldung"),
    (
        ContentKind::Body,
        "bodies",
        "Gremien und Stellen",
        "Gremium",
    ),
    (ContentKind::Person, "people", "Personen", "Person"),
    (ContentKind::Page, "pages", "Seiten", "Seite"),
];

/// The German label of each field, by its name in front matter; where one
/// name means different things in two places, by `parent.name`.
pub const LABELS: &[(&str, &str)] = &[
    ("title", "Titel"),
    ("summary", "Kurzbeschreibung"),
    ("topics", "Themen"),
    ("audience", "Zielgruppe"),
    ("status", "Stand"),
    ("responsible", "Zuständige Stelle"),
    ("updated", "Zuletzt geprüft"),
    ("online_url", "Adresse des Online-Dienstes"),
    ("leika", "LeiKa-Schlüssel"),
    ("focus", "Fokusleistung (OZG)"),
    ("efa", "„Einer für Alle“-Leistung"),
    ("efa_lead", "Federführendes Land (EfA)"),
    ("maturity", "Reifegrad (Modell 1.1)"),
    ("maturity_v2", "Reifegrad (Modell 2.0)"),
    ("ozg_id", "OZG-ID"),
    ("coverage", "Verfügbarkeit"),
    ("available_since", "Online seit"),
    ("costs", "Kosten"),
    ("processing_time", "Bearbeitungsdauer"),
    ("legal_basis", "Rechtsgrundlagen"),
    ("documents", "Erforderliche Unterlagen"),
    ("eligibility", "Wer kann den Antrag stellen?"),
    ("example", "Beispieldaten"),
    ("local_text", "Eigener Text zum Katalogtext"),
    ("date", "Datum"),
    ("services", "Leistungen"),
    ("bodies", "Gremien und Stellen"),
    ("people", "Personen"),
    ("draft", "Entwurf"),
    ("name", "Name"),
    ("short", "Kurzname"),
    ("kind", "Art"),
    ("level", "Ebene"),
    ("parent", "Gehört zu"),
    ("established", "Gegründet"),
    ("website", "Internetseite"),
    ("roles", "Funktionen"),
    ("roles.title", "Funktion"),
    ("body", "Gremium oder Stelle"),
    ("from", "Seit"),
    ("to", "Bis"),
    ("chair", "Vorsitz oder Leitung"),
    ("legal", "Pflichtseite"),
    ("accessibility", "Erklärung zur Barrierefreiheit"),
    ("imprint", "Impressum"),
    ("conformity", "Stand der Vereinbarkeit"),
    ("standards", "Geprüft nach"),
    ("method", "Art der Prüfung"),
    ("assessor", "Geprüft von"),
    ("prepared", "Erstellt am"),
    ("reviewed", "Zuletzt überprüft am"),
    ("barriers", "Nicht barrierefreie Inhalte"),
    ("content", "Inhalt"),
    ("reason", "Grund"),
    ("explanation", "Erläuterung"),
    ("alternative", "Barrierefreie Alternative"),
    ("enforcement", "Schlichtungsstelle"),
    ("enforcement.legal_basis", "Rechtsgrundlage"),
    ("address", "Anschrift"),
    ("url", "Internetadresse"),
    ("email", "E-Mail"),
    ("phone", "Telefon"),
    ("provider", "Anbieter"),
    ("legal_form", "Rechtsform"),
    ("represented_by", "Vertreten durch"),
    ("content_responsible", "Inhaltlich verantwortlich"),
    ("vat_id", "Umsatzsteuer-Identifikationsnummer"),
    ("slug", "Kürzel (Teil der Adresse)"),
    ("description", "Beschreibung"),
    ("texts", "In weiteren Sprachen"),
];

/// The label of the field `name` inside `parent` (empty at the top).
pub fn label(parent: &str, name: &str) -> Option<&'static str> {
    let dotted = format!("{parent}.{name}");
    LABELS
        .iter()
        .find(|(key, _)| *key == dotted)
        .or_else(|| LABELS.iter().find(|(key, _)| *key == name))
        .map(|(_, label)| *label)
}

/// Strings in form text longer than this are edited in a text area.
const TEXT_AREA_FROM: u64 = 200;

/// What the configuration is made from.
pub struct Input<'a> {
    /// The site's settings.
    pub site: &'a SiteConfig,
    /// The theme's texts in the site's language: the labels of the values
    /// of enumerations (`status.pilot` → "Pilotbetrieb").
    pub strings: &'a StringTable,
    /// The content folder's path from the repository's root (`content`).
    pub content: &'a str,
}

/// The CMS's configuration (Decap CMS's `config.yml`, which Sveltia CMS
/// reads as well), as a value to write as YAML.
pub fn config(input: &Input, saving: Saving) -> Value {
    let site = input.site;
    let backend = match saving {
        Saving::Preview => json!({"name": "proxy", "proxy_url": PROXY_PATH, "branch": "main"}),
        Saving::Repository(backend) => repository(backend),
    };
    let content = input.content.trim_end_matches('/');
    let at = |folder: &str| {
        if content.is_empty() {
            folder.to_owned()
        } else {
            format!("{content}/{folder}")
        }
    };
    // Translations as the CMS's locales, `<slug>.<code>.md` beside the
    // original: in the preview only, which presents the original as
    // `<slug>.<language>.md` (the CMS names every locale's file so); a git
    // host has the files as they are (see docs/admin.md).
    let translated = matches!(saving, Saving::Preview) && !site.edition_codes().is_empty();
    let translate = |fields: &mut Vec<Value>, kind: ContentKind| {
        if !translated {
            return;
        }
        for field in fields.iter_mut() {
            let name = field["name"].as_str().unwrap_or_default();
            let texts = name == "body" || kind.translatable_fields().contains(&name);
            field["i18n"] = json!(texts);
        }
    };
    let mut collections: Vec<Value> = FOLDERS
        .iter()
        .map(|&(kind, name, label, singular)| {
            let schema = Schema::Front(kind).schema();
            let catalogue = kind == ContentKind::Service && !site.sources.is_empty();
            let mut fields = fields(input, &schema, &schema, "", !catalogue);
            fields.push(body_field());
            translate(&mut fields, kind);
            let identifier = if schema["properties"].get("title").is_some() {
                "title"
            } else {
                "name"
            };
            let mut collection = json!({
                "name": name,
                "label": label,
                "label_singular": singular,
                "folder": at(kind.folder().unwrap_or_default()),
                "extension": "md",
                "format": "frontmatter",
                "create": true,
                "slug": "{{slug}}",
                "identifier_field": identifier,
                "summary": format!("{{{{{identifier}}}}}"),
                // The preview of `portal serve` shows the page as built;
                // the CMS's own preview would show raw values.
                "editor": {"preview": false},
                "fields": fields,
            });
            if translated {
                collection["i18n"] = json!(true);
            }
            if catalogue {
                collection["description"] = json!(
                    "Eine Datei mit dem LeiKa-Schlüssel einer Leistung des Katalogs ergänzt sie; dann kommen die übrigen Angaben aus dem Katalog."
                );
            }
            if kind == ContentKind::News {
                collection["sortable_fields"] = json!(["date", "title"]);
            }
            collection
        })
        .collect();
    let page = Schema::Front(ContentKind::Page).schema();
    let mut home_fields = fields(input, &page, &page, "", true);
    home_fields.push(body_field());
    // Not translated here: the CMS translates a single file (a files
    // collection) only within that file.
    let home = json!({
        "name": HOME_COLLECTION,
        "label": "Startseite",
        "editor": {"preview": false},
        "files": [{
            "name": "home",
            "label": "Startseite",
            "file": at("home.md"),
            "format": "frontmatter",
            "editor": {"preview": false},
            "fields": home_fields,
        }],
    });
    collections.push(home);
    let topics = Schema::Topics.schema();
    let topic = resolve(&topics, &topics["items"]).clone();
    let mut topic_fields = fields(input, &topics, &topic, "", true);
    translated_texts(input, &mut topic_fields);
    collections.push(json!({
        "name": TOPICS_COLLECTION,
        "label": "Themen",
        "editor": {"preview": false},
        "files": [{
            "name": TOPICS_FILE,
            "label": "Themen",
            "file": at(crate::load::TOPICS_FILE),
            "format": "yaml",
            "editor": {"preview": false},
            "fields": [{
                "name": crate::load::TOPICS_KEY,
                "label": "Themen",
                "label_singular": "Thema",
                "widget": "list",
                "summary": "{{fields.title}}",
                "collapsed": true,
                "fields": topic_fields,
            }],
        }],
    }));
    let mut i18n = Value::Null;
    if translated {
        let mut locales = vec![site.text_language()];
        locales.extend(site.edition_codes());
        i18n = json!({
            "structure": "multiple_files",
            "locales": locales,
            "default_locale": site.text_language(),
        });
    }
    let mut config = json!({
        "backend": backend,
        "locale": "de",
        "site_url": site.base_url,
        "display_url": site.base_url,
        "media_folder": at("static/bilder"),
        "public_folder": "/bilder",
        "slug": {"encoding": "ascii", "clean_accents": true},
        "collections": collections,
    });
    if !i18n.is_null() {
        config["i18n"] = i18n;
    }
    config
}

/// The addresses the CMS uses for a git host: its web address (login) and
/// its API. Decap's defaults are the public hosts (and `try.gitea.io` for
/// Gitea); a self-hosted GitLab or Gitea has its API below its own
/// address, so given a `base_url`, the API is set beside it.
pub fn endpoints(backend: &AdminBackend) -> (Option<String>, Option<String>) {
    let base = backend
        .base_url
        .clone()
        .map(|b| b.trim_end_matches('/').to_owned());
    let base = match backend.name {
        GitHost::Gitea => Some(base.unwrap_or_else(|| "https://gitea.com".to_owned())),
        _ => base,
    };
    let api = backend.api_root.clone().or_else(|| {
        let base = base.as_deref()?;
        match backend.name {
            GitHost::Gitlab => Some(format!("{base}/api/v4")),
            GitHost::Gitea => Some(format!("{base}/api/v1")),
            // A relay's address: GitHub's API stays api.github.com.
            GitHost::Github => None,
        }
    });
    (base, api)
}

/// The backend settings of the CMS for a git host.
fn repository(backend: &AdminBackend) -> Value {
    let mut out = json!({
        "name": backend.name.key(),
        "repo": backend.repo,
        "branch": backend.branch,
    });
    let (base, api) = endpoints(backend);
    if let Some(base) = base {
        out["base_url"] = json!(base);
    }
    if let Some(api) = api {
        out["api_root"] = json!(api);
    }
    if let Some(app_id) = &backend.app_id {
        out["app_id"] = json!(app_id);
        if backend.name == GitHost::Gitlab {
            out["auth_type"] = json!("pkce");
        }
    }
    out
}

/// The Markdown text of a document.
fn body_field() -> Value {
    json!({
        "name": "body",
        "label": "Text",
        "widget": "markdown",
        // Raw first: a text the editor does not touch is sent back as it
        // was loaded; the rich-text view writes Markdown its own way.
        "modes": ["raw", "rich_text"],
        "required": false,
    })
}

/// The `$ref` of `schema` looked up in `root`'s `$defs`, or `schema`.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .strip_prefix("#/$defs/")
            .and_then(|name| root["$defs"].get(name))
            .unwrap_or(schema),
        None => schema,
    }
}

/// The form fields of the object `schema` (below `root`), named below
/// `parent`; `required` when the object itself must be given.
fn fields(input: &Input, root: &Value, schema: &Value, parent: &str, required: bool) -> Vec<Value> {
    let needed: Vec<&str> = schema["required"]
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = schema["properties"].as_object() else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(name, property)| {
            field(
                input,
                root,
                parent,
                name,
                property,
                required && needed.contains(&name.as_str()),
            )
        })
        .collect()
}

/// The enumeration a property takes its values from: the name of its
/// definition and its values with their doc comments.
fn enumeration<'a>(
    root: &'a Value,
    schema: &'a Value,
) -> Option<(&'a str, Vec<(&'a str, &'a str)>)> {
    let name = schema
        .get("$ref")
        .and_then(Value::as_str)?
        .strip_prefix("#/$defs/")?;
    let variants = root["$defs"][name]["oneOf"].as_array()?;
    let values = variants
        .iter()
        .map(|v| {
            Some((
                v["const"].as_str()?,
                v["description"].as_str().unwrap_or_default(),
            ))
        })
        .collect::<Option<Vec<_>>>()?;
    Some((name, values))
}

/// The theme's text group of an enumeration's labels (`BodyKind` →
/// `body_kind`).
fn strings_group(definition: &str) -> String {
    let mut out = String::new();
    for (i, c) in definition.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    match out.as_str() {
        "assessment_method" => "assessment".to_owned(),
        _ => out,
    }
}

/// The select options of an enumeration: labels from the theme's texts,
/// else the value's doc comment.
fn options(input: &Input, definition: &str, values: &[(&str, &str)]) -> Value {
    let group = strings_group(definition);
    values
        .iter()
        .map(|(value, doc)| {
            let label = input
                .strings
                .plain(&format!("{group}.{value}"))
                .map(str::to_owned)
                .unwrap_or_else(|| doc.trim_end_matches('.').to_owned());
            json!({"label": label, "value": value})
        })
        .collect()
}

/// The part of a property that is not `null`: `["string", "null"]` →
/// `"string"`, `anyOf: [X, null]` → X. With whether null was allowed.
fn not_null(schema: &Value) -> (Value, bool) {
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let rest: Vec<&Value> = any.iter().filter(|s| s["type"] != "null").collect();
        if rest.len() == 1 && rest.len() < any.len() {
            let mut inner = rest[0].clone();
            for key in ["description", "x-portal-reference"] {
                if let Some(v) = schema.get(key) {
                    inner[key] = v.clone();
                }
            }
            return (inner, true);
        }
    }
    if let Some(types) = schema.get("type").and_then(Value::as_array) {
        let rest: Vec<&Value> = types.iter().filter(|t| *t != "null").collect();
        if rest.len() == 1 && rest.len() < types.len() {
            let mut inner = schema.clone();
            inner["type"] = rest[0].clone();
            return (inner, true);
        }
    }
    (schema.clone(), false)
}

/// One form field for the property `name` of an object below `parent`.
fn field(
    input: &Input,
    root: &Value,
    parent: &str,
    name: &str,
    property: &Value,
    required: bool,
) -> Value {
    let (property, _nullable) = not_null(property);
    let mut out = Map::new();
    out.insert("name".into(), json!(name));
    out.insert("label".into(), json!(label(parent, name).unwrap_or(name)));
    out.insert("required".into(), json!(required));
    if let Some(hint) = property["description"].as_str() {
        out.insert("hint".into(), json!(hint.replace('\n', " ")));
    }
    let dotted = if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    };
    let widget = widget(input, root, &dotted, &property, required);
    out.extend(widget);
    Value::Object(out)
}

/// The widget and its settings for a property (without the `null` part).
fn widget(
    input: &Input,
    root: &Value,
    dotted: &str,
    property: &Value,
    required: bool,
) -> Map<String, Value> {
    let mut out = Map::new();
    let mut set = |key: &str, value: Value| {
        out.insert(key.to_owned(), value);
    };
    let multiple = property["type"] == "array";
    if let Some(target) = property["x-portal-reference"].as_str() {
        set("widget", json!("relation"));
        set("options_length", json!(50));
        for (key, value) in relation(target) {
            set(key, value);
        }
        if multiple {
            set("multiple", json!(true));
            if let Some(min) = property["minItems"].as_u64().filter(|_| required) {
                set("min", json!(min));
            }
        }
        return out;
    }
    // The `example` mark: the names of the fields whose values are
    // demonstration data (`example: true` is kept as written when the
    // field is not touched: see the round trip in `crate::admin::merge`).
    if let Some(names) = property["anyOf"]
        .as_array()
        .and_then(|any| any.iter().find(|s| s["type"] == "array"))
        .and_then(|list| list["items"]["enum"].as_array())
    {
        set("widget", json!("select"));
        set("multiple", json!(true));
        set("options", json!(names));
        return out;
    }
    if let Some((definition, values)) = enumeration(root, property) {
        set("widget", json!("select"));
        set("options", options(input, definition, &values));
        return out;
    }
    let resolved = resolve(root, property);
    match resolved["type"].as_str() {
        Some("boolean") => {
            set("widget", json!("boolean"));
            set(
                "default",
                property.get("default").cloned().unwrap_or(json!(false)),
            );
        }
        Some("integer") | Some("number") => {
            set("widget", json!("number"));
            set(
                "value_type",
                json!(if resolved["type"] == "integer" {
                    "int"
                } else {
                    "float"
                }),
            );
            if let Some(min) = resolved["minimum"].as_i64() {
                set("min", json!(min));
            }
            if let Some(max) = resolved["maximum"].as_i64() {
                set("max", json!(max));
            }
        }
        Some("array") => {
            let items = &resolved["items"];
            if let Some((definition, values)) = enumeration(root, items) {
                set("widget", json!("select"));
                set("multiple", json!(true));
                set("options", options(input, definition, &values));
            } else {
                let item = resolve(root, items);
                set("widget", json!("list"));
                if item["type"] == "object" {
                    set("collapsed", json!(true));
                    set("fields", json!(fields(input, root, item, dotted, required)));
                } else {
                    set(
                        "field",
                        json!({"name": "eintrag", "label": "Eintrag", "widget": "string"}),
                    );
                }
            }
            if let Some(min) = resolved["minItems"].as_u64().filter(|_| required) {
                set("min", json!(min));
            }
        }
        Some("object") if resolved.get("properties").is_some() => {
            set("widget", json!("object"));
            set("collapsed", json!(!required));
            set(
                "fields",
                json!(fields(input, root, resolved, dotted, required)),
            );
        }
        _ => text_widget(resolved, &mut set),
    }
    out
}

/// The widget of a text value: a date, a one-line or a longer text.
fn text_widget(schema: &Value, set: &mut impl FnMut(&str, Value)) {
    match schema["format"].as_str() {
        Some("date") => {
            set("widget", json!("datetime"));
            set("format", json!("YYYY-MM-DD"));
            set("date_format", json!("DD.MM.YYYY"));
            set("time_format", json!(false));
            set("picker_utc", json!(true));
            return;
        }
        Some("partial-date") => {
            set("widget", json!("string"));
            set(
                "pattern",
                json!([
                    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
                    "Jahr, Jahr-Monat oder Datum: 2019, 2019-10 oder 2019-10-01"
                ]),
            );
            return;
        }
        _ => {}
    }
    let long = schema["maxLength"].as_u64();
    let area = long.is_some_and(|n| n >= TEXT_AREA_FROM);
    set("widget", json!(if area { "text" } else { "string" }));
    if let Some(pattern) = schema["pattern"].as_str() {
        set("pattern", json!([pattern, pattern_message(pattern)]));
    } else if let Some(max) = long {
        set(
            "pattern",
            json!([
                format!("^[\\s\\S]{{0,{max}}}$"),
                format!("Höchstens {max} Zeichen")
            ]),
        );
    }
}

/// What an editor is told when a value does not match `pattern`.
fn pattern_message(pattern: &str) -> String {
    match pattern {
        r"^[0-9]{14}$" => "14 Ziffern, z. B. 99000000000001".to_owned(),
        _ => format!("muss dem Muster {pattern} entsprechen"),
    }
}

/// The settings of a relation to `target`'s documents: the value is the
/// slug, the search is over the titles or names.
fn relation(target: &str) -> Vec<(&'static str, Value)> {
    match target {
        "topic" => vec![
            ("collection", json!(TOPICS_COLLECTION)),
            ("file", json!(TOPICS_FILE)),
            ("value_field", json!("topics.*.slug")),
            ("search_fields", json!(["topics.*.title"])),
            ("display_fields", json!(["topics.*.title"])),
        ],
        "body" => vec![
            ("collection", json!("bodies")),
            ("value_field", json!("{{slug}}")),
            ("search_fields", json!(["name", "short"])),
            ("display_fields", json!(["name"])),
        ],
        "person" => vec![
            ("collection", json!("people")),
            ("value_field", json!("{{slug}}")),
            ("search_fields", json!(["name"])),
            ("display_fields", json!(["name"])),
        ],
        _ => vec![
            ("collection", json!("services")),
            ("value_field", json!("{{slug}}")),
            ("search_fields", json!(["title"])),
            ("display_fields", json!(["title"])),
        ],
    }
}

/// topics.yaml's `texts:` by language code: one group per further
/// language of the site (the CMS has no field with free keys).
fn translated_texts(input: &Input, fields: &mut [Value]) {
    let Some(texts) = fields.iter_mut().find(|f| f["name"] == "texts") else {
        return;
    };
    let languages: Vec<Value> = input
        .site
        .translations
        .iter()
        .map(|code| {
            let name = input
                .strings
                .plain(&format!("languages.{code}"))
                .unwrap_or(code);
            json!({
                "name": code,
                "label": name,
                "widget": "object",
                "required": false,
                "collapsed": true,
                "fields": [
                    {"name": "title", "label": "Titel", "widget": "string", "required": false},
                    {"name": "description", "label": "Beschreibung", "widget": "text", "required": false},
                ],
            })
        })
        .collect();
    if languages.is_empty() {
        texts["widget"] = json!("hidden");
    } else {
        texts["widget"] = json!("object");
        texts["collapsed"] = json!(true);
        texts["fields"] = json!(languages);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(sources: bool) -> SiteConfig {
        let mut yaml = String::from(
            "title: T\ndescription: D\nbase_url: https://x.example/\nlanguage: de\ntranslations: [en]\npublisher: {name: P}\ncontact: {email: a@x.example}\naccessibility_contact: a@x.example\n",
        );
        if sources {
            yaml.push_str("sources: [{path: s.xml, name: S}]\n");
        }
        serde_yaml::from_str(&yaml).unwrap()
    }

    /// The preview's configuration of `site`, with the built-in theme's
    /// German texts.
    fn preview_config(site: &SiteConfig) -> Value {
        let strings = strings();
        let input = Input {
            site,
            strings: &strings,
            content: "content",
        };
        config(&input, Saving::Preview)
    }

    fn strings() -> StringTable {
        let theme = crate::theme::load(std::path::Path::new("/nonexistent"), "default").unwrap();
        (*theme.strings_for("de")).clone()
    }

    /// Every property of an object schema, with its form field beside it,
    /// down through groups and lists of groups.
    fn pairs(
        root: &Value,
        schema: &Value,
        fields: &[Value],
        at: String,
        out: &mut Vec<(String, Value, Option<Value>)>,
    ) {
        let Some(properties) = schema["properties"].as_object() else {
            return;
        };
        for (name, property) in properties {
            let field = fields.iter().find(|f| f["name"] == name.as_str()).cloned();
            let place = format!("{at}{name}");
            out.push((place.clone(), property.clone(), field.clone()));
            let Some(field) = field else { continue };
            let (inner, _) = not_null(property);
            let resolved = resolve(root, &inner).clone();
            let nested = match resolved["type"].as_str() {
                Some("array") => resolve(root, &resolved["items"]).clone(),
                _ => resolved,
            };
            if let Some(children) = field["fields"].as_array() {
                if nested.get("properties").is_some() {
                    pairs(root, &nested, children, format!("{place}."), out);
                }
            }
        }
    }

    fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
        config["collections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
    }

    #[test]
    fn every_field_of_every_schema_has_a_labelled_form_field_of_the_right_kind() {
        let site = site(false);
        let config = preview_config(&site);
        let mut kinds: Vec<(Value, Vec<Value>)> = FOLDERS
            .iter()
            .map(|(kind, name, ..)| {
                let fields = collection(&config, name)["fields"]
                    .as_array()
                    .unwrap()
                    .clone();
                (Schema::Front(*kind).schema(), fields)
            })
            .collect();
        let topics = Schema::Topics.schema();
        let topic_list = &collection(&config, TOPICS_COLLECTION)["files"][0]["fields"][0];
        let mut item = topics.clone();
        item["properties"] = resolve(&topics, &topics["items"])["properties"].clone();
        item["required"] = resolve(&topics, &topics["items"])["required"].clone();
        kinds.push((item, topic_list["fields"].as_array().unwrap().clone()));
        let mut checked = 0;
        for (schema, fields) in &kinds {
            assert_eq!(
                fields.last().unwrap()["widget"],
                if fields.iter().any(|f| f["name"] == "body") {
                    "markdown"
                } else {
                    fields.last().unwrap()["widget"].as_str().unwrap()
                },
            );
            let mut found = Vec::new();
            pairs(schema, schema, fields, String::new(), &mut found);
            for (place, property, field) in found {
                let field = field.unwrap_or_else(|| {
                    panic!("`{place}` of {} has no form field", schema["title"])
                });
                let name = place.rsplit('.').next().unwrap();
                let parent = place
                    .rsplit_once('.')
                    .map_or("", |(p, _)| p.rsplit('.').next().unwrap());
                assert!(
                    label(parent, name).is_some(),
                    "`{place}` has no German label in LABELS"
                );
                let (inner, _) = not_null(&property);
                if inner.get("x-portal-reference").is_some() {
                    assert_eq!(field["widget"], "relation", "{place}");
                }
                if enumeration(schema, &inner).is_some()
                    || enumeration(schema, &inner["items"]).is_some()
                {
                    assert_eq!(field["widget"], "select", "{place}");
                    assert!(field["options"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|o| { o["label"].as_str().is_some_and(|l| !l.is_empty()) }));
                }
                if let Some(pattern) = resolve(schema, &inner)["pattern"].as_str() {
                    assert_eq!(field["pattern"][0], pattern, "{place}");
                }
                checked += 1;
            }
        }
        assert!(checked > 60, "{checked}");
    }

    #[test]
    fn required_fields_are_required_unless_a_catalogue_may_give_them() {
        for sources in [false, true] {
            let site = site(sources);
            let config = preview_config(&site);
            let services = collection(&config, "services");
            let title = services["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == "title")
                .unwrap();
            assert_eq!(title["required"], !sources);
            let news = collection(&config, "news");
            let date = news["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == "date")
                .unwrap();
            assert_eq!(date["required"], true);
            assert_eq!(date["widget"], "datetime");
            let draft = news["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == "draft")
                .unwrap();
            assert_eq!(draft["required"], false);
        }
    }

    #[test]
    fn statuses_are_offered_with_the_themes_labels_and_topics_with_their_titles() {
        let site = site(false);
        let config = preview_config(&site);
        let fields = collection(&config, "services")["fields"]
            .as_array()
            .unwrap()
            .clone();
        let status = fields.iter().find(|f| f["name"] == "status").unwrap();
        assert_eq!(
            status["options"][2],
            json!({"label": "Pilotbetrieb", "value": "pilot"})
        );
        let topics = fields.iter().find(|f| f["name"] == "topics").unwrap();
        assert_eq!(topics["value_field"], "topics.*.slug");
        assert_eq!(topics["search_fields"], json!(["topics.*.title"]));
        assert_eq!(topics["multiple"], true);
        let leika = fields.iter().find(|f| f["name"] == "leika").unwrap();
        assert_eq!(leika["pattern"][0], "^[0-9]{14}$");
        // The further language's texts of a topic, one group per language.
        let topic = &collection(&config, TOPICS_COLLECTION)["files"][0]["fields"][0]["fields"];
        let texts = topic
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "texts")
            .unwrap();
        assert_eq!(texts["fields"][0]["name"], "en");
        assert_eq!(texts["fields"][0]["label"], "Englisch");
    }
}
