//! JSON Schemas of the front-matter types, generated from the Rust types
//! (so they cannot drift), and validation of parsed YAML against them.
//!
//! Validating against the schema before deserialising is what lets one run
//! report *every* problem of a file — each unknown or missing field, each
//! wrong value — instead of serde's first one. The same schemas are what
//! `portal schema` writes for editors' YAML tooling.

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind as Kind};
use jsonschema::ValidationError;
use schemars::JsonSchema;
use serde_json::Value;

use crate::date::{Date, PartialDate, PARTIAL_DATE_FORMAT};
use crate::model::{Body, ContentKind, News, Page, Person, Service, SiteConfig, Topic};
use crate::text;

/// What a schema describes: one of the two site files, or the front
/// matter of a kind of document. Kinds are named by [`ContentKind`] alone;
/// this only adds the two files that are no documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Schema {
    /// `site.yaml`.
    Site,
    /// `topics.yaml`.
    Topics,
    /// The front matter of a document of this kind (`home.md` is a page).
    Front(ContentKind),
}

impl Schema {
    /// Every schema, in the order they are written (the home page shares
    /// the pages' schema).
    pub const ALL: [Schema; 7] = [
        Schema::Site,
        Schema::Topics,
        Schema::Front(ContentKind::Service),
        Schema::Front(ContentKind::News),
        Schema::Front(ContentKind::Body),
        Schema::Front(ContentKind::Person),
        Schema::Front(ContentKind::Page),
    ];

    /// The schema itself for the home page is the pages' one.
    fn shared(self) -> Schema {
        match self {
            Schema::Front(ContentKind::Home) => Schema::Front(ContentKind::Page),
            other => other,
        }
    }

    /// File-name stem of the schema: `site`, `topics`, or the kind's noun.
    pub fn name(self) -> &'static str {
        match self.shared() {
            Schema::Site => "site",
            Schema::Topics => "topics",
            Schema::Front(kind) => kind.noun(),
        }
    }

    /// The JSON Schema, generated from the Rust type.
    pub fn schema(self) -> Value {
        fn of<T: JsonSchema>() -> Value {
            schemars::schema_for!(T).to_value()
        }
        let mut schema = match self {
            Schema::Site => of::<SiteConfig>(),
            Schema::Topics => of::<Vec<Topic>>(),
            Schema::Front(kind) => match kind {
                ContentKind::Service => of::<Service>(),
                ContentKind::News => of::<News>(),
                ContentKind::Body => of::<Body>(),
                ContentKind::Person => of::<Person>(),
                ContentKind::Page | ContentKind::Home => of::<Page>(),
            },
        };
        narrow_example_mark(&mut schema);
        schema
    }

    fn index(self) -> usize {
        let shared = self.shared();
        Self::ALL.iter().position(|&t| t == shared).unwrap_or(0)
    }
}

/// The field that marks demonstration data (see [`crate::model::Example`]).
const EXAMPLE_FIELD: &str = "example";

/// Narrows the generic `example` mark of a type to the names of that type's
/// own fields, so editors' tooling completes them and a typo is caught.
/// Fields of nested groups are named with dots (`imprint.provider.address`),
/// so one value of a legal page's group can be marked without the rest.
fn narrow_example_mark(schema: &mut Value) {
    let names: Vec<Value> = markable_fields(schema)
        .into_iter()
        .map(Value::from)
        .collect();
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    if !properties.contains_key(EXAMPLE_FIELD) {
        return;
    }
    properties.insert(
        EXAMPLE_FIELD.to_owned(),
        serde_json::json!({
            "description": "Demonstration data: `true` for the whole entry, or the names of the fields whose values are demonstration values (shown with a mark wherever they appear); fields of a group as `group.field`.",
            "anyOf": [
                {"type": "boolean"},
                {"type": "array", "items": {"enum": names}, "minItems": 1}
            ]
        }),
    );
}

/// Every field an `example` mark may name: the top-level fields but
/// `example`, and below them the fields of nested groups, dotted (not
/// into lists: a list is marked as a whole).
fn markable_fields(root: &Value) -> Vec<String> {
    fn walk(root: &Value, schema: &Value, prefix: &str, depth: usize, out: &mut Vec<String>) {
        let Some(properties) = resolve(root, schema)
            .get("properties")
            .and_then(Value::as_object)
        else {
            return;
        };
        for (key, child) in properties {
            if prefix.is_empty() && key == EXAMPLE_FIELD {
                continue;
            }
            let name = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            out.push(name.clone());
            if depth < 3 {
                walk(root, child, &name, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, "", 0, &mut out);
    out
}

/// The problems of an `example` mark, one per wrong entry, each with the
/// field names it may name (jsonschema reports only that the `anyOf` failed).
fn example_problems(root: &Value, instance: &Value) -> Vec<Problem> {
    let names = markable_fields(root);
    let here = vec![Segment::Key(EXAMPLE_FIELD.to_owned())];
    let Some(Value::Array(items)) = instance.get(EXAMPLE_FIELD) else {
        let value = instance.get(EXAMPLE_FIELD).unwrap_or(&Value::Null);
        return vec![Problem {
            path: here,
            target: Target::Value,
            message: format!(
                "`example` must be `true` or a list of field names, not {}",
                describe(value)
            ),
            help: Some(
                "write `example: true` when the whole entry is demonstration data, or e.g. `example: [status, online_url]` for some of its values".into(),
            ),
        }];
    };
    if items.is_empty() {
        return vec![Problem {
            path: here,
            target: Target::Value,
            message: "`example` is an empty list, which marks nothing".into(),
            help: Some(
                "name the fields that hold demonstration values, or remove `example`".into(),
            ),
        }];
    }
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| !item.as_str().is_some_and(|n| names.iter().any(|f| f == n)))
        .map(|(i, item)| {
            // Name the top-level fields; nested ones follow the same pattern.
            let top: Vec<&str> = names
                .iter()
                .map(String::as_str)
                .filter(|n| !n.contains('.'))
                .collect();
            let nested = if top.len() < names.len() {
                " (a field of a group as `group.field`)"
            } else {
                ""
            };
            let help = match item
                .as_str()
                .and_then(|v| text::closest(v, names.iter().map(String::as_str)))
            {
                Some(near) => format!(
                    "did you mean `{near}`? the fields of this entry are: {}{nested}",
                    top.join(", ")
                ),
                None => format!("name fields of this entry: {}{nested}", top.join(", ")),
            };
            let mut path = here.clone();
            path.push(Segment::Index(i));
            Problem {
                path,
                target: Target::Value,
                message: format!(
                    "{} in `example` is not a field of this entry",
                    describe(item)
                ),
                help: Some(help),
            }
        })
        .collect()
}

/// A stand-in for the required top-level `field` of `schema` after its
/// own value was rejected (and reported): the first allowed value, an empty
/// text or list, the smallest number, a fixed date. With it the rest of the
/// document can still be read, so its references are checked and links to
/// it resolve in the same run; a document with rejected fields is never
/// rendered, since its errors stop the build. `None` for a group of fields,
/// which has no neutral value.
pub fn stand_in(schema: Schema, field: &str) -> Option<Value> {
    let compiled = &COMPILED[schema.index()];
    let schema = schema_at(&compiled.schema, &[Segment::Key(field.to_owned())])?;
    if let Some(first) = allowed_values(schema).into_iter().next() {
        return Some(Value::from(first));
    }
    match schema.get("format").and_then(Value::as_str) {
        Some("date") => return Some(Value::from("1970-01-01")),
        Some(PARTIAL_DATE_FORMAT) => return Some(Value::from("1970")),
        _ => {}
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    match types.iter().find(|t| **t != "null").copied()? {
        "string" => Some(Value::from("")),
        "integer" | "number" => Some(schema.get("minimum").cloned().unwrap_or(Value::from(0))),
        "boolean" => Some(Value::from(false)),
        "array" => Some(Value::Array(Vec::new())),
        _ => None,
    }
}

/// The required top-level fields of `schema`.
pub fn required_fields(schema: Schema) -> Vec<String> {
    let compiled = &COMPILED[schema.index()];
    resolve(&compiled.schema, &compiled.schema)
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A list position.
    Index(usize),
}

/// What a problem points at: a value, or the key of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The value at the path.
    Value,
    /// The key at the path (for unknown fields).
    Key,
    /// The mapping that lacks a field (for missing fields).
    Parent,
}

/// One problem found by the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the document.
    pub path: Vec<Segment>,
    /// Whether the key or the value is wrong.
    pub target: Target,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub help: Option<String>,
}

struct Compiled {
    schema: Value,
    validator: jsonschema::Validator,
}

static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    Schema::ALL
        .iter()
        .map(|t| {
            let schema = t.schema();
            let validator = jsonschema::options()
                .should_validate_formats(true)
                .with_format("date", |s: &str| Date::parse(s).is_ok())
                .with_format(PARTIAL_DATE_FORMAT, |s: &str| PartialDate::parse(s).is_ok())
                .build(&schema)
                .expect("the generated schemas are valid");
            Compiled { schema, validator }
        })
        .collect()
});

/// Checks `instance` (parsed YAML) against `schema`
/// and explains every problem found.
pub fn check(schema: Schema, instance: &Value) -> Vec<Problem> {
    let compiled = &COMPILED[schema.index()];
    let mut problems: Vec<Problem> = Vec::new();
    for error in compiled.validator.iter_errors(instance) {
        explain(&compiled.schema, instance, &error, &mut problems);
    }
    merge_typos(problems)
}

/// Adds the problems `error` stands for to `problems`, each once.
fn explain(root: &Value, instance: &Value, error: &ValidationError, problems: &mut Vec<Problem>) {
    let path = parse_pointer(error.instance_path().as_str());
    let found = match error.kind() {
        Kind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|key| unknown_field(root, &path, key))
            .collect(),
        Kind::Required { property } => {
            let mut problem = missing_field(root, &path, property.as_str().unwrap_or_default());
            if let Some((key, value)) = condition(root, error.schema_path().as_str()) {
                // Required because of another field: point at that one.
                problem.message = format!(
                    "{} (a page with `{key}: {value}` needs it)",
                    problem.message
                );
                problem.path = vec![Segment::Key(key)];
                problem.target = Target::Value;
            }
            vec![problem]
        }
        _ if path.first() == Some(&Segment::Key(EXAMPLE_FIELD.to_owned())) => {
            example_problems(root, instance)
        }
        Kind::MaxLength { limit } => vec![too_long(&path, instance, *limit)],
        Kind::AnyOf { context } => {
            // An optional group (`Option<T>`: a T or nothing) that is
            // there: what is wrong inside it (a misspelt field at its
            // line), not only that it is no T.
            let something: Vec<_> = context.iter().filter(|e| !only_not_null(e)).collect();
            if let [errors] = something[..] {
                for error in errors {
                    explain(root, instance, error, problems);
                }
                return;
            }
            vec![invalid_value(root, &path, instance)]
        }
        _ => vec![invalid_value(root, &path, instance)],
    };
    for problem in found {
        if !problems.contains(&problem) {
            problems.push(problem);
        }
    }
}

/// Whether an alternative failed only for not being nothing (`null`).
fn only_not_null(errors: &[ValidationError]) -> bool {
    matches!(errors, [error] if matches!(
        error.kind(),
        Kind::Type { kind: TypeKind::Single(jsonschema::JsonType::Null) }
    ))
}

/// A misspelt required field is one mistake, not two: the unknown field
/// whose "did you mean" names a missing required field is reported (its
/// help saying the field is required), the missing field is not (it would
/// come first, at line 1, before its cause). A group with one unknown
/// field and one missing field has one mistake too, however far apart the
/// names (`repository` for `repo`).
fn merge_typos(mut problems: Vec<Problem>) -> Vec<Problem> {
    name_the_lone_missing_field(&mut problems);
    let suggestion = |p: &Problem| -> Option<String> {
        let near = p.help.as_deref()?.strip_prefix("did you mean `")?;
        Some(near[..near.find('`')?].to_owned())
    };
    let is_missing = |p: &Problem, parent: &[Segment], field: &str| {
        p.target == Target::Parent
            && p.path == parent
            && p.message
                .starts_with(&format!("missing required field `{field}`"))
    };
    let mut merged: Vec<(Vec<Segment>, String)> = Vec::new();
    for p in problems.iter().filter(|p| p.target == Target::Key) {
        let (Some(near), Some((_, parent))) = (suggestion(p), p.path.split_last()) else {
            continue;
        };
        if problems.iter().any(|m| is_missing(m, parent, &near)) {
            merged.push((parent.to_vec(), near));
        }
    }
    problems.retain(|p| {
        !merged
            .iter()
            .any(|(parent, near)| is_missing(p, parent, near))
    });
    for p in problems.iter_mut().filter(|p| p.target == Target::Key) {
        let near = suggestion(p);
        let parent = p.path.split_last().map(|(_, parent)| parent.to_vec());
        if let (Some(near), Some(parent), Some(help)) = (near, parent, p.help.as_mut()) {
            if merged.contains(&(parent, near.clone())) {
                help.push_str(&format!(" (`{near}` is required)"));
            }
        }
    }
    problems
}

/// Where a group has exactly one unknown field and exactly one missing
/// field, the unknown field's help names the missing one.
fn name_the_lone_missing_field(problems: &mut [Problem]) {
    let missing_in = |parent: &[Segment]| -> Vec<String> {
        problems
            .iter()
            .filter(|p| p.target == Target::Parent && p.path == parent)
            .filter_map(|p| {
                let rest = p.message.strip_prefix("missing required field `")?;
                Some(rest[..rest.find('`')?].to_owned())
            })
            .collect()
    };
    let unknown_in = |parent: &[Segment]| {
        problems
            .iter()
            .filter(|p| {
                p.target == Target::Key && p.path.split_last().map(|(_, up)| up) == Some(parent)
            })
            .count()
    };
    let named: Vec<(usize, String)> = problems
        .iter()
        .enumerate()
        .filter(|(_, p)| p.target == Target::Key)
        .filter_map(|(i, p)| {
            let (_, parent) = p.path.split_last()?;
            match &missing_in(parent)[..] {
                [field] if unknown_in(parent) == 1 => Some((i, field.clone())),
                _ => None,
            }
        })
        .collect();
    for (i, field) in named {
        problems[i].help = Some(format!("did you mean `{field}`?"));
    }
}

/// For an error found in the `then` of an `allOf` entry, the field and
/// value its `if` tests (`legal`, `imprint`).
fn condition(root: &Value, schema_path: &str) -> Option<(String, String)> {
    let rest = schema_path.strip_prefix("/allOf/")?;
    let (index, rest) = rest.split_once('/')?;
    if !rest.starts_with("then") {
        return None;
    }
    let test = root
        .get("allOf")?
        .get(index.parse::<usize>().ok()?)?
        .get("if")?;
    let (key, schema) = test.get("properties")?.as_object()?.iter().next()?;
    let value = schema.get("const")?.as_str()?;
    Some((key.clone(), value.to_owned()))
}

fn parse_pointer(pointer: &str) -> Vec<Segment> {
    pointer
        .split('/')
        .skip(1)
        .map(|raw| {
            let key = raw.replace("~1", "/").replace("~0", "~");
            match key.parse::<usize>() {
                Ok(i) => Segment::Index(i),
                Err(_) => Segment::Key(key),
            }
        })
        .collect()
}

fn pointer(path: &[Segment]) -> String {
    path.iter()
        .map(|s| match s {
            Segment::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
            Segment::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// Follows `$ref`s and picks the non-null alternative of an `anyOf`.
fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..16 {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            match reference
                .strip_prefix("#/$defs/")
                .and_then(|name| root["$defs"].get(name))
            {
                Some(target) => schema = target,
                None => return schema,
            }
        } else if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
            match options
                .iter()
                .find(|o| o.get("type") != Some(&Value::from("null")))
            {
                Some(option) => schema = option,
                None => return schema,
            }
        } else {
            return schema;
        }
    }
    schema
}

/// The schema that describes the value at `path`.
fn schema_at<'a>(root: &'a Value, path: &[Segment]) -> Option<&'a Value> {
    let mut schema = resolve(root, root);
    for segment in path {
        schema = match segment {
            Segment::Key(k) => schema.get("properties")?.get(k)?,
            Segment::Index(_) => schema.get("items")?,
        };
        schema = resolve(root, schema);
    }
    Some(schema)
}

fn field_names(root: &Value, path: &[Segment]) -> Vec<String> {
    schema_at(root, path)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

fn allowed_values(schema: &Value) -> Vec<String> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
    }
    schema
        .get("oneOf")
        .and_then(Value::as_array)
        .map(|options| {
            options
                .iter()
                .filter_map(|o| o.get("const").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The field a value belongs to: "audience", not "audience[1]" (the caret
/// shows which entry), but "roles[2].from".
fn value_label(path: &[Segment]) -> String {
    match path.split_last() {
        Some((Segment::Index(_), rest)) if !rest.is_empty() => field_label(rest),
        _ => field_label(path),
    }
}

fn field_label(path: &[Segment]) -> String {
    let mut label = String::new();
    for segment in path {
        match segment {
            Segment::Key(k) if label.is_empty() => label.push_str(k),
            Segment::Key(k) => {
                label.push('.');
                label.push_str(k);
            }
            Segment::Index(i) => label.push_str(&format!("[{}]", i + 1)),
        }
    }
    label
}

fn unknown_field(root: &Value, path: &[Segment], key: &str) -> Problem {
    let names = field_names(root, path);
    let help = match text::closest(key, names.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("the fields allowed here are: {}", names.join(", ")),
    };
    let mut full = path.to_vec();
    full.push(Segment::Key(key.to_owned()));
    Problem {
        path: full,
        target: Target::Key,
        message: format!("unknown field `{key}`"),
        help: Some(help),
    }
}

fn missing_field(root: &Value, path: &[Segment], field: &str) -> Problem {
    let mut full = path.to_vec();
    full.push(Segment::Key(field.to_owned()));
    let expected = schema_at(root, &full).map(expectation).unwrap_or_default();
    let owner = if path.is_empty() {
        String::new()
    } else {
        format!(" in `{}`", field_label(path))
    };
    Problem {
        path: path.to_vec(),
        target: Target::Parent,
        message: format!("missing required field `{field}`{owner}"),
        help: Some(format!("add `{field}:` with {expected}")),
    }
}

fn too_long(path: &[Segment], instance: &Value, limit: u64) -> Problem {
    let length = instance
        .pointer(&pointer(path))
        .and_then(Value::as_str)
        .map_or(0, |s| s.chars().count());
    Problem {
        path: path.to_vec(),
        target: Target::Value,
        message: format!(
            "`{}` has {length} characters; at most {limit} are allowed",
            field_label(path)
        ),
        help: Some(
            "shorten it to one or two sentences; details belong in the text below the front matter"
                .into(),
        ),
    }
}

/// What a schema expects, in words: "text", "a list of …", "one of …".
fn expectation(schema: &Value) -> String {
    let values = allowed_values(schema);
    if !values.is_empty() {
        return format!("one of {}", values.join(", "));
    }
    if schema.get("format").and_then(Value::as_str) == Some("date") {
        return "a date written YYYY-MM-DD".into();
    }
    if schema.get("format").and_then(Value::as_str) == Some(PARTIAL_DATE_FORMAT) {
        return "a date written YYYY, YYYY-MM or YYYY-MM-DD".into();
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    match types.iter().find(|t| **t != "null").copied() {
        Some("string") => "text".into(),
        Some("integer") => "a whole number".into(),
        Some("number") => "a number".into(),
        Some("boolean") => "true or false".into(),
        Some("array") => "a list".into(),
        Some("object") => match schema.get("required").and_then(Value::as_array) {
            Some(required) if !required.is_empty() => {
                let names: Vec<&str> = required.iter().filter_map(Value::as_str).collect();
                format!("a group of the fields {}", names.join(", "))
            }
            _ => "a group of fields".into(),
        },
        _ => "a value".into(),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("`{n}`"),
        Value::String(s) => format!("`{s}`"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a group of fields".into(),
    }
}

fn invalid_value(root: &Value, path: &[Segment], instance: &Value) -> Problem {
    let value = instance.pointer(&pointer(path)).unwrap_or(&Value::Null);
    let field = value_label(path);
    let Some(schema) = schema_at(root, path) else {
        return Problem {
            path: path.to_vec(),
            target: Target::Value,
            message: format!("`{field}` has a value that is not allowed"),
            help: None,
        };
    };
    // `from: 09.2024` is a number to YAML: a date written month first.
    let is_date = matches!(
        schema.get("format").and_then(Value::as_str),
        Some("date" | PARTIAL_DATE_FORMAT)
    );
    let dotted;
    let value = match value {
        Value::Number(n) if is_date && n.is_f64() => {
            dotted = Value::from(n.to_string());
            &dotted
        }
        _ => value,
    };
    let values = allowed_values(schema);
    let (message, help) = if path.is_empty() {
        (
            format!(
                "the YAML must be {}, not {}",
                expectation(schema),
                describe(value)
            ),
            "see docs/content-model.md for the fields of this content type".to_owned(),
        )
    } else if !values.is_empty() {
        let shown = describe(value);
        let written = value.as_str().unwrap_or_default();
        let by_label = values.iter().find(|v| {
            label_of(path_key(path), v).is_some_and(|l| l.eq_ignore_ascii_case(written.trim()))
        });
        let help = match (
            by_label,
            text::closest(written, values.iter().map(String::as_str)),
        ) {
            (Some(key), _) if matches!(path.last(), Some(Segment::Index(_))) => {
                format!("`{written}` is how the site shows `{key}`: write `{key}` in the list")
            }
            (Some(key), _) => format!(
                "`{written}` is how the site shows `{key}`: write `{}: {key}`",
                path_key(path)
            ),
            (None, Some(near)) => format!("did you mean `{near}`? allowed: {}", values.join(", ")),
            (None, None) => format!("allowed: {}", values.join(", ")),
        };
        (format!("{shown} is not a valid value for `{field}`"), help)
    } else if let (Some(min), Value::Array(items)) = (schema.get("minItems"), value) {
        (
            format!(
                "`{field}` needs at least {min} entry, but has {}",
                items.len()
            ),
            "add at least one entry".to_owned(),
        )
    } else if let (Some(pattern), Value::String(s)) =
        (schema.get("pattern").and_then(Value::as_str), value)
    {
        let help = match path.last() {
            Some(Segment::Key(k)) if k == "leika" => {
                "a LeiKa key has exactly 14 digits, e.g. \"99123456789000\"".to_owned()
            }
            Some(Segment::Key(k)) if k == "slug" => {
                format!("use lowercase a-z, 0-9 and `-`: `{}`", text::slugify(s))
            }
            _ => format!("it must match {pattern}"),
        };
        (format!("`{s}` is not a valid `{field}`"), help)
    } else if let (Some(min), None, Value::Number(n)) =
        (schema.get("minimum"), schema.get("maximum"), value)
    {
        (
            format!("`{field}` is {n}, but must be at least {min}"),
            format!("write a whole number of {min} or more"),
        )
    } else if let (Some(max), Value::Number(n)) = (schema.get("maximum"), value) {
        let min = schema.get("minimum").cloned().unwrap_or(Value::from(0));
        let in_range = n.as_f64().zip(max.as_f64()).is_some_and(|(n, m)| n <= m)
            && n.as_f64().zip(min.as_f64()).is_some_and(|(n, m)| n >= m);
        if in_range {
            (
                format!(
                    "`{field}` must be {}, not {}",
                    expectation(schema),
                    describe(value)
                ),
                "check the value".into(),
            )
        } else {
            (
                format!("`{field}` is {n}, but must be between {min} and {max}"),
                format!("write a whole number from {min} to {max}"),
            )
        }
    } else {
        let expected = expectation(schema);
        // A whole date where the schema wants one, else any partial one.
        let year_first = value
            .as_str()
            .and_then(year_first)
            .filter(|iso| iso.len() == 10 || expected != "a date written YYYY-MM-DD");
        let help = match (expected.as_str(), value) {
            (e, _) if e.starts_with("a date") && year_first.is_some() => format!(
                "write the year first: `{}: {}`",
                path_key(path),
                year_first.unwrap_or_default()
            ),
            ("a list", Value::String(s)) => {
                format!("write it as a list: `{}: [{s}]`", path_key(path))
            }
            ("a date written YYYY-MM-DD", _) => {
                "write it as YYYY-MM-DD, e.g. 2024-03-12, and check month and day".to_owned()
            }
            (e, _) if e.starts_with("a date") => {
                "write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2021-05".to_owned()
            }
            ("text", Value::Number(n)) => {
                format!("put it in quotes: `{}: \"{n}\"`", path_key(path))
            }
            _ => format!("write {expected}"),
        };
        (
            format!("`{field}` must be {expected}, not {}", describe(value)),
            help,
        )
    };
    Problem {
        path: path.to_vec(),
        target: Target::Value,
        message,
        help: Some(help),
    }
}

/// A date written the German way, day first (`15.05.2025`, `5.2025`), as
/// the schema wants it (`2025-05-15`, `2025-05`), if it is a date.
fn year_first(written: &str) -> Option<String> {
    let parts: Vec<&str> = written.trim().split('.').collect();
    let number = |p: &str| {
        p.parse::<u32>()
            .ok()
            .filter(|_| !p.is_empty() && p.len() <= 2)
    };
    let iso = match parts[..] {
        [day, month, year] if year.len() == 4 => {
            format!("{year}-{:02}-{:02}", number(month)?, number(day)?)
        }
        [month, year] if year.len() == 4 => format!("{year}-{:02}", number(month)?),
        _ => return None,
    };
    PartialDate::parse(&iso).ok().map(|_| iso)
}

/// The German label the site shows for the value `key` of the field
/// `field`: an editor who copies the label from a page ("Online verfügbar")
/// is told the value to write.
fn label_of(field: &str, key: &str) -> Option<&'static str> {
    use crate::model::{Audience, BodyKind, Coverage, Level, Status};
    fn label<T: serde::de::DeserializeOwned>(
        key: &str,
        f: fn(T) -> &'static str,
    ) -> Option<&'static str> {
        serde_json::from_value::<T>(Value::from(key)).ok().map(f)
    }
    match field {
        "status" => label(key, Status::label),
        "coverage" => label(key, Coverage::label),
        "audience" => label(key, Audience::label),
        "kind" => label(key, BodyKind::label),
        "level" => label(key, Level::label),
        _ => None,
    }
}

fn path_key(path: &[Segment]) -> &str {
    path.iter()
        .rev()
        .find_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            Segment::Index(_) => None,
        })
        .unwrap_or("value")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(t: Schema, v: Value) -> Vec<String> {
        check(t, &v)
            .into_iter()
            .map(|p| format!("{} | {}", p.message, p.help.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn every_problem_of_a_service_at_once() {
        let found = messages(
            Schema::Front(ContentKind::Service),
            json!({
                "title": "Wohngeld",
                "summary": "x".repeat(301),
                "topics": "wohnen",
                "audience": [],
                "stauts": "online",
                "responsible": "mastd",
                "updated": "2024-02-30",
                "maturity": 5,
                "leika": "123",
                "coverage": "everywhere",
            }),
        );
        let expected = [
            // One mistake, one error: not also "missing required field `status`".
            "unknown field `stauts` | did you mean `status`? (`status` is required)",
            "`summary` has 301 characters; at most 300 are allowed",
            "`topics` must be a list, not `wohnen` | write it as a list: `topics: [wohnen]`",
            "`audience` needs at least 1 entry, but has 0",
            "`updated` must be a date written YYYY-MM-DD, not `2024-02-30`",
            "`maturity` is 5, but must be between 0 and 4",
            "`123` is not a valid `leika` | a LeiKa key has exactly 14 digits",
            "`everywhere` is not a valid value for `coverage` | allowed: statewide, some_municipalities, none",
        ];
        for e in expected {
            assert!(
                found.iter().any(|f| f.starts_with(e)),
                "missing {e:?} in {found:#?}"
            );
        }
        assert_eq!(found.len(), expected.len(), "{found:#?}");
    }

    #[test]
    fn nested_fields_have_paths() {
        let problems = check(
            Schema::Front(ContentKind::Person),
            &json!({"name": "A", "roles": [{"title": "CIO", "body": "x", "from": "2021-13"}, {"titel": "x", "body": "y", "from": 2020}]}),
        );
        let paths: Vec<String> = problems
            .iter()
            .map(|p| format!("{} {}", pointer(&p.path), p.message))
            .collect();
        assert!(paths.contains(&"/roles/0/from `roles[1].from` must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not `2021-13`".to_owned()), "{paths:#?}");
        assert!(
            paths.contains(&"/roles/1/titel unknown field `titel`".to_owned()),
            "{paths:#?}"
        );
        // The misspelt `title` is one mistake: no "missing required field".
        assert!(
            !paths
                .iter()
                .any(|p| p.contains("missing required field `title`")),
            "{paths:#?}"
        );
        assert!(problems
            .iter()
            .any(|p| p.help.as_deref() == Some("did you mean `title`? (`title` is required)")));
    }

    #[test]
    fn a_date_written_day_first_gets_its_year_first_form() {
        assert_eq!(year_first("15.05.2025").as_deref(), Some("2025-05-15"));
        assert_eq!(year_first("1.2.2025").as_deref(), Some("2025-02-01"));
        assert_eq!(year_first("5.2025").as_deref(), Some("2025-05"));
        assert_eq!(year_first("31.02.2025"), None);
        assert_eq!(year_first("15.05.25"), None);
        // Month and year only: a number to YAML.
        let found = messages(
            Schema::Front(ContentKind::Person),
            json!({"name": "N", "roles": [{"title": "T", "body": "b", "from": 9.2024}]}),
        );
        assert_eq!(
            found,
            ["`roles[1].from` must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not `9.2024` | write the year first: `from: 2024-09`"]
        );
        let found = messages(
            Schema::Front(ContentKind::News),
            json!({"title": "T", "date": "15.05.2025", "summary": "S"}),
        );
        assert_eq!(
            found,
            ["`date` must be a date written YYYY-MM-DD, not `15.05.2025` | write the year first: `date: 2025-05-15`"]
        );
    }

    #[test]
    fn an_optional_group_that_is_there_is_checked_inside() {
        let site = |admin: Value| {
            let mut site = json!({"title": "P", "base_url": "https://p.example/", "language": "de",
                "publisher": {"name": "M"}});
            site["admin"] = admin;
            let problems = check(Schema::Site, &site);
            problems
                .into_iter()
                .map(|p| {
                    format!(
                        "{} {} | {}",
                        pointer(&p.path),
                        p.message,
                        p.help.unwrap_or_default()
                    )
                })
                .filter(|p| p.starts_with("/admin"))
                .collect::<Vec<_>>()
        };
        // Two groups deep, each optional: the wrong value, not "`admin`
        // must be a group".
        assert_eq!(
            site(json!({"cms": "x", "backend": {"name": "bitbucket", "repo": "a/b"}})),
            ["/admin/backend/name `bitbucket` is not a valid value for `admin.backend.name` | allowed: github, gitlab, gitea"]
        );
        // One unknown and one missing field in a group: one mistake,
        // however far apart the names.
        assert_eq!(
            site(json!({"cms": "x", "backend": {"name": "gitlab", "repository": "a/b"}})),
            ["/admin/backend/repository unknown field `repository` | did you mean `repo`? (`repo` is required)"]
        );
        // Not a group at all: that, at the group.
        assert_eq!(
            site(json!(5)),
            ["/admin `admin` must be a group of the fields cms, not `5` | write a group of the fields cms"]
        );
        assert_eq!(site(Value::Null), Vec::<String>::new());
    }

    #[test]
    fn example_marks_name_fields_of_their_own_type() {
        let ok = json!({"title": "T", "date": "2024-03-12", "summary": "S", "example": ["date"]});
        assert_eq!(check(Schema::Front(ContentKind::News), &ok), vec![]);
        let ok = json!({"title": "T", "date": "2024-03-12", "summary": "S", "example": true});
        assert_eq!(check(Schema::Front(ContentKind::News), &ok), vec![]);
        let found = messages(
            Schema::Front(ContentKind::News),
            json!({"title": "T", "date": "2024-03-12", "summary": "S", "example": ["date", "stauts", "example"]}),
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].starts_with(
                "`stauts` in `example` is not a field of this entry | did you mean `status`?"
            ) || found[0]
                .starts_with("`stauts` in `example` is not a field of this entry | name fields"),
            "{found:#?}"
        );
        assert!(
            found[1].starts_with("`example` in `example` is not a field"),
            "{found:#?}"
        );
        let found = messages(
            Schema::Front(ContentKind::Body),
            json!({"name": "N", "kind": "office", "level": "state", "example": "website"}),
        );
        assert_eq!(
            found,
            ["`example` must be `true` or a list of field names, not `website` | write `example: true` when the whole entry is demonstration data, or e.g. `example: [status, online_url]` for some of its values"]
        );
        let problems = check(
            Schema::Front(ContentKind::Service),
            &json!({"title": "T", "summary": "S", "topics": ["a"], "audience": ["citizens"],
                "status": "online", "responsible": "b", "updated": "2024-03-12", "example": ["online_url", "leika", "onlin_url"]}),
        );
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(pointer(&problems[0].path), "/example/2");
        assert!(problems[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `online_url`?"));
    }

    #[test]
    fn example_marks_may_name_fields_of_groups() {
        let page = json!({"title": "Impressum", "legal": "imprint", "imprint": {
            "provider": {"name": "N", "address": "A"}, "represented_by": "R",
            "email": "e@x.example", "phone": "1", "content_responsible": {"name": "N", "address": "A"}},
            "example": ["imprint.provider.address", "imprint.phone"]});
        assert_eq!(check(Schema::Front(ContentKind::Page), &page), vec![]);
        let mut wrong = page.clone();
        wrong["example"] = json!(["imprint.provider.adress"]);
        let problems = check(Schema::Front(ContentKind::Page), &wrong);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `imprint.provider.address`?"));
    }

    #[test]
    fn valid_content_has_no_problems() {
        let ok = json!({"title": "T", "summary": "S", "topics": ["a"], "audience": ["citizens"],
            "status": "online", "responsible": "b", "updated": "2024-03-12", "leika": "99123456789000"});
        assert_eq!(check(Schema::Front(ContentKind::Service), &ok), vec![]);
    }
}
