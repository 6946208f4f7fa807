//! Open data under `/daten/`: the service catalogue and the governance
//! structure as files for reuse, so journalists, municipalities and other
//! portals get the same facts as the pages without scraping them.
//!
//! - `leistungen.json` and `leistungen.csv`: every service, one record or
//!   row each, in the order of the catalogue page;
//! - `steuerung.json`: the bodies with their parents and the people with
//!   their roles;
//! - a JSON Schema beside each JSON file, generated from the record types
//!   below (so the schema cannot drift from the data) and named in the
//!   data's `$schema`;
//! - `katalog.jsonld`: a DCAT-AP.de description of the datasets, the
//!   metadata GovData and other open-data portals harvest.
//!
//! Everything is derived from content alone — no clock, no hash-map order —
//! so the same commit always gives the same bytes: the live preview
//! compares bytes, and mirrors and harvesters must not see churn.
//!
//! The doc comments of the record types become the field descriptions of
//! the published schemas, so they are written in German, for the people
//! who read the data.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

use std::io::{self, Write};

use crate::date::Date;
use crate::model::{Audience, BodyKind, Coverage, DataLicence, Example, Level, Status};
use crate::output::Staging;
use crate::resolve::Site;
use crate::urls;
use crate::urls::policy::{self, Address, Use};

/// Why an open-data file could not be made. After the resolve stage none
/// of these should happen; they are reported, never panicked on.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// A file could not be written (as JSON or CSV, or to disk).
    #[error("cannot write {file}: {source}")]
    Write {
        /// The site path of the file.
        file: &'static str,
        /// What the JSON or CSV writer or the file system said.
        #[source]
        source: io::Error,
    },
    /// A reference the resolve stage should have refused.
    #[error("{owner} names the unknown {kind} `{slug}`, so the open data cannot be written")]
    Unresolved {
        /// Who refers, e.g. "service `wohngeld`".
        owner: String,
        /// What kind of thing, e.g. "body".
        kind: &'static str,
        /// The slug that does not resolve.
        slug: String,
    },
}

/// Die Lizenz der Daten.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LicenceRecord {
    /// Kurzbezeichnung der Lizenz, z. B. `dl-de/by-2-0`.
    pub id: String,
    /// Name der Lizenz, z. B. „Datenlizenz Deutschland – Namensnennung – Version 2.0“.
    pub name: String,
    /// Adresse des Lizenztextes.
    #[schemars(url)]
    pub url: String,
}

/// Ob ein Eintrag Beispieldaten enthält: solche Angaben sind nicht geprüft und dürfen nicht als Tatsachen weiterverwendet werden.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleRecord {
    /// `true`, wenn der ganze Eintrag ein Beispiel ist.
    pub entry: bool,
    /// Die Felder dieses Eintrags, deren Werte Beispielwerte sind (leer, wenn keine).
    pub fields: Vec<String>,
}

impl ExampleRecord {
    fn of(example: &Example) -> Self {
        ExampleRecord {
            entry: example.is_entry(),
            fields: example.fields().to_vec(),
        }
    }
}

/// Alle Verwaltungsleistungen des Portals mit ihren Angaben, so wie sie auf den Seiten stehen.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Verwaltungsleistungen")]
pub struct ServicesFile {
    /// Adresse des JSON Schemas, dem diese Datei folgt.
    #[serde(rename = "$schema")]
    #[schemars(url)]
    pub schema: String,
    /// Name des Datensatzes.
    pub title: String,
    /// Wer die Daten herausgibt.
    pub publisher: String,
    /// Lizenz, unter der die Daten genutzt werden dürfen; fehlt, wenn keine genannt ist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<LicenceRecord>,
    /// Welche Angaben des Portals selbst (etwa `publisher`) Beispieldaten sind; die Felder heißen wie in der Konfiguration des Portals.
    pub example: ExampleRecord,
    /// Das jüngste Prüfdatum (`updated`) aller Leistungen, Beispielwerte nicht mitgezählt; `null`, wenn es keines gibt.
    pub modified: Option<Date>,
    /// Anzahl der Leistungen.
    pub count: usize,
    /// Die Leistungen in der Reihenfolge des Leistungskatalogs (nach Titel).
    pub services: Vec<ServiceRecord>,
}

/// Eine Leistung in einer weiteren Sprache des Portals.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslatedRecord {
    /// Name der Leistung in dieser Sprache.
    pub title: String,
    /// Kurzbeschreibung in dieser Sprache.
    pub summary: String,
    /// Adresse der Seite in dieser Sprache.
    #[schemars(url)]
    pub url: String,
}

/// Eine Verwaltungsleistung.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceRecord {
    /// Kennung der Leistung im Portal (Teil der Adresse).
    pub slug: String,
    /// Adresse der Seite der Leistung im Portal.
    #[schemars(url)]
    pub url: String,
    /// Name der Leistung, z. B. „Wohngeld beantragen“.
    pub title: String,
    /// Kurzbeschreibung in ein oder zwei Sätzen.
    pub summary: String,
    /// Die Fassungen der Leistung in weiteren Sprachen des Portals, nach
    /// Sprachcode (`en`; `ls` für Leichte Sprache): Name, Kurzbeschreibung
    /// und Adresse der Seite. Leer, wenn es keine gibt.
    pub translations: BTreeMap<String, TranslatedRecord>,
    /// 14-stelliger Leistungsschlüssel des Leistungskatalogs (LeiKa); `null`, wenn keiner angegeben ist.
    #[schemars(pattern(r"^[0-9]{14}$"))]
    pub leika: Option<String>,
    /// Stand der Umsetzung.
    pub status: Status,
    /// Stand der Umsetzung in Worten, z. B. „Online verfügbar“.
    pub status_label: String,
    /// Themen, unter denen die Leistung steht.
    pub topics: Vec<TopicRef>,
    /// Für wen die Leistung ist.
    pub audience: Vec<Audience>,
    /// Für wen die Leistung ist, in Worten.
    pub audience_labels: Vec<String>,
    /// Die zuständige Stelle.
    pub responsible: BodyRef,
    /// Wo man die Leistung online beginnt.
    #[schemars(url)]
    pub online_url: Option<String>,
    /// Eine Fokusleistung des Onlinezugangsgesetzes (OZG).
    pub focus: bool,
    /// Nach dem Prinzip „Einer für Alle“ (EfA) von einem Land für alle gebaut.
    pub efa: bool,
    /// Das Land, das die EfA-Leistung federführend entwickelt.
    pub efa_lead: Option<String>,
    /// OZG-Reifegrad (Modell 1.1), 0 bis 4; ab 3 gilt die Leistung als OZG-konform.
    #[schemars(range(max = 4))]
    pub maturity: Option<u8>,
    /// Reifegrad im Reifegradmodell 2.0 (Juli 2025), 0 bis 7.
    #[schemars(range(max = 7))]
    pub maturity_v2: Option<u8>,
    /// Kennung des OZG-Leistungsbündels.
    pub ozg_id: Option<String>,
    /// Wo die Leistung online ist.
    pub coverage: Option<Coverage>,
    /// Wo die Leistung online ist, in Worten.
    pub coverage_label: Option<String>,
    /// Seit wann die Leistung online ist.
    pub available_since: Option<Date>,
    /// Wann der Eintrag zuletzt geprüft wurde.
    pub updated: Date,
    /// Was die Leistung kostet.
    pub costs: Option<String>,
    /// Wie lange die Bearbeitung dauert.
    pub processing_time: Option<String>,
    /// Wer die Leistung beantragen kann.
    pub eligibility: Option<String>,
    /// Rechtsgrundlagen.
    pub legal_basis: Vec<String>,
    /// Benötigte Unterlagen.
    pub documents: Vec<String>,
    /// Welche Angaben Beispieldaten sind.
    pub example: ExampleRecord,
}

/// Ein Thema.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicRef {
    /// Kennung des Themas.
    pub slug: String,
    /// Name des Themas.
    pub title: String,
}

/// Eine Stelle oder ein Gremium, auf das verwiesen wird.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyRef {
    /// Kennung der Stelle (wie `slug` in `steuerung.json`).
    pub slug: String,
    /// Name der Stelle.
    pub name: String,
    /// Adresse der Seite der Stelle im Portal.
    #[schemars(url)]
    pub url: String,
}

/// Die Steuerung der Verwaltungsdigitalisierung: Gremien und Stellen mit ihrer Einordnung und die Personen mit ihren Funktionen.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Steuerung")]
pub struct GovernanceFile {
    /// Adresse des JSON Schemas, dem diese Datei folgt.
    #[serde(rename = "$schema")]
    #[schemars(url)]
    pub schema: String,
    /// Name des Datensatzes.
    pub title: String,
    /// Wer die Daten herausgibt.
    pub publisher: String,
    /// Lizenz, unter der die Daten genutzt werden dürfen; fehlt, wenn keine genannt ist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<LicenceRecord>,
    /// Welche Angaben des Portals selbst (etwa `publisher`) Beispieldaten sind; die Felder heißen wie in der Konfiguration des Portals.
    pub example: ExampleRecord,
    /// Gremien und Stellen, nach Namen geordnet.
    pub bodies: Vec<BodyRecord>,
    /// Personen, nach Familiennamen geordnet.
    pub people: Vec<PersonRecord>,
}

/// Ein Gremium oder eine Stelle.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyRecord {
    /// Kennung der Stelle im Portal (Teil der Adresse).
    pub slug: String,
    /// Adresse der Seite der Stelle im Portal.
    #[schemars(url)]
    pub url: String,
    /// Voller Name.
    pub name: String,
    /// Abkürzung, z. B. „IT-PLR“.
    pub short: Option<String>,
    /// Art der Stelle.
    pub kind: BodyKind,
    /// Art der Stelle in Worten.
    pub kind_label: String,
    /// Ebene: Bund, Land, Kommunen oder ebenenübergreifend.
    pub level: Level,
    /// Ebene in Worten.
    pub level_label: String,
    /// Kennung der übergeordneten Stelle; `null` an der Spitze.
    pub parent: Option<String>,
    /// Gegründet (Jahr, Monat oder Tag: JJJJ, JJJJ-MM oder JJJJ-MM-TT).
    #[schemars(pattern(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub established: Option<String>,
    /// Eigene Website.
    #[schemars(url)]
    pub website: Option<String>,
    /// Kennungen der Themen.
    pub topics: Vec<String>,
    /// Welche Angaben Beispieldaten sind.
    pub example: ExampleRecord,
}

/// Eine Person.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    /// Kennung der Person im Portal (Teil der Adresse).
    pub slug: String,
    /// Adresse der Seite der Person im Portal.
    #[schemars(url)]
    pub url: String,
    /// Name mit Titeln.
    pub name: String,
    /// Funktionen, die die Person hat oder hatte.
    pub roles: Vec<RoleRecord>,
    /// Welche Angaben Beispieldaten sind.
    pub example: ExampleRecord,
}

/// Eine Funktion einer Person in einem Gremium oder einer Stelle.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRecord {
    /// Bezeichnung, z. B. „Chief Information Officer“.
    pub title: String,
    /// Kennung der Stelle (wie `slug` in `bodies`).
    pub body: String,
    /// Name der Stelle.
    pub body_name: String,
    /// Seit wann (JJJJ, JJJJ-MM oder JJJJ-MM-TT).
    #[schemars(pattern(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub from: String,
    /// Bis wann; `null`, solange die Funktion besteht.
    #[schemars(pattern(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub to: Option<String>,
    /// Die Person leitet oder führt den Vorsitz.
    pub chair: bool,
}

/// The columns of `leistungen.csv`, in order, with what each holds. The
/// JSON record is the source; the CSV flattens it: lists are joined with
/// `; `, referenced things get a column for their slug and one for their
/// name, booleans are `true`/`false`, absent values empty.
pub const CSV_COLUMNS: [(&str, &str); 32] = [
    ("slug", "Kennung der Leistung im Portal"),
    ("url", "Adresse der Seite im Portal"),
    ("title", "Name der Leistung"),
    ("summary", "Kurzbeschreibung"),
    ("leika", "LeiKa-Leistungsschlüssel (14 Ziffern)"),
    (
        "status",
        "Stand: planned, in_development, pilot, rollout, online",
    ),
    ("status_label", "Stand in Worten"),
    ("topics", "Kennungen der Themen"),
    ("topic_titles", "Namen der Themen"),
    ("audience", "Zielgruppen: citizens, businesses"),
    ("audience_labels", "Zielgruppen in Worten"),
    ("responsible", "Kennung der zuständigen Stelle"),
    ("responsible_name", "Name der zuständigen Stelle"),
    (
        "responsible_url",
        "Adresse der Seite der zuständigen Stelle",
    ),
    ("online_url", "Wo man die Leistung online beginnt"),
    ("focus", "OZG-Fokusleistung: true oder false"),
    ("efa", "Einer für Alle: true oder false"),
    ("efa_lead", "Federführendes Land der EfA-Leistung"),
    ("maturity", "OZG-Reifegrad 0 bis 4"),
    ("maturity_v2", "Reifegrad 2.0, 0 bis 7"),
    ("ozg_id", "Kennung des OZG-Leistungsbündels"),
    (
        "coverage",
        "Verbreitung: statewide, some_municipalities, none",
    ),
    ("coverage_label", "Verbreitung in Worten"),
    ("available_since", "Online seit (JJJJ-MM-TT)"),
    ("updated", "Zuletzt geprüft (JJJJ-MM-TT)"),
    ("costs", "Kosten"),
    ("processing_time", "Bearbeitungsdauer"),
    ("eligibility", "Wer sie beantragen kann"),
    ("legal_basis", "Rechtsgrundlagen"),
    ("documents", "Benötigte Unterlagen"),
    (
        "example",
        "Beispieleintrag: true, wenn der ganze Eintrag ein Beispiel ist",
    ),
    (
        "example_fields",
        "Spalten mit Beispielwerten (nicht geprüfte Angaben)",
    ),
];

/// How list fields are joined in the CSV.
pub const CSV_LIST_SEPARATOR: &str = "; ";

/// One CSV row of a service, in the order of [`CSV_COLUMNS`].
fn csv_row(r: &ServiceRecord) -> [String; CSV_COLUMNS.len()] {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let number = |v: Option<u8>| v.map(|n| n.to_string()).unwrap_or_default();
    let date = |v: Option<Date>| v.map(|d| d.to_string()).unwrap_or_default();
    let join = |items: Vec<&str>| items.join(CSV_LIST_SEPARATOR);
    [
        r.slug.clone(),
        r.url.clone(),
        r.title.clone(),
        r.summary.clone(),
        text(&r.leika),
        r.status.key().to_owned(),
        r.status_label.clone(),
        join(r.topics.iter().map(|t| t.slug.as_str()).collect()),
        join(r.topics.iter().map(|t| t.title.as_str()).collect()),
        join(r.audience.iter().map(|a| audience_key(*a)).collect()),
        join(r.audience_labels.iter().map(String::as_str).collect()),
        r.responsible.slug.clone(),
        r.responsible.name.clone(),
        r.responsible.url.clone(),
        text(&r.online_url),
        r.focus.to_string(),
        r.efa.to_string(),
        text(&r.efa_lead),
        number(r.maturity),
        number(r.maturity_v2),
        text(&r.ozg_id),
        r.coverage.map(coverage_key).unwrap_or_default().to_owned(),
        text(&r.coverage_label),
        date(r.available_since),
        r.updated.to_string(),
        text(&r.costs),
        text(&r.processing_time),
        text(&r.eligibility),
        join(r.legal_basis.iter().map(String::as_str).collect()),
        join(r.documents.iter().map(String::as_str).collect()),
        r.example.entry.to_string(),
        join(r.example.fields.iter().map(String::as_str).collect()),
    ]
}

fn audience_key(a: Audience) -> &'static str {
    match a {
        Audience::Citizens => "citizens",
        Audience::Businesses => "businesses",
    }
}

fn coverage_key(c: Coverage) -> &'static str {
    match c {
        Coverage::Statewide => "statewide",
        Coverage::SomeMunicipalities => "some_municipalities",
        Coverage::None => "none",
    }
}

/// The licence's address as an absolute URL: a licence published on the
/// site itself is written as a site path in site.yaml.
fn licence_url(site: &Site, licence: &DataLicence) -> String {
    match policy::check(&licence.url, Use::Link) {
        Ok(Address::SitePath(path)) => site.base.absolute(path),
        _ => licence.url.clone(),
    }
}

fn licence_record(site: &Site) -> Option<LicenceRecord> {
    site.config.data_licence.as_ref().map(|l| LicenceRecord {
        id: l.id.clone(),
        name: l.name.clone(),
        url: licence_url(site, l),
    })
}

fn body_ref(site: &Site, owner: impl FnOnce() -> String, slug: &str) -> Result<BodyRef, DataError> {
    let i = *site
        .index
        .body
        .get(slug)
        .ok_or_else(|| DataError::Unresolved {
            owner: owner(),
            kind: "body",
            slug: slug.to_owned(),
        })?;
    Ok(BodyRef {
        slug: slug.to_owned(),
        name: site.bodies[i].front.name.clone(),
        url: site.base.absolute(&urls::body(slug)),
    })
}

/// The records of every service, in catalogue order.
pub fn service_records(site: &Site) -> Result<Vec<ServiceRecord>, DataError> {
    site.services
        .iter()
        .map(|d| {
            let s = &d.front;
            let owner = || format!("service `{}`", d.slug);
            let topics = s
                .topics
                .iter()
                .map(|slug| {
                    let i = *site
                        .index
                        .topic
                        .get(slug)
                        .ok_or_else(|| DataError::Unresolved {
                            owner: owner(),
                            kind: "topic",
                            slug: slug.clone(),
                        })?;
                    Ok(TopicRef {
                        slug: slug.clone(),
                        title: site.topics[i].title.clone(),
                    })
                })
                .collect::<Result<Vec<_>, DataError>>()?;
            Ok(ServiceRecord {
                slug: d.slug.clone(),
                url: site.base.absolute(&urls::service(&d.slug)),
                title: s.title.clone(),
                summary: s.summary.clone(),
                translations: translated_records(site, &d.slug),
                leika: s.leika.clone(),
                status: s.status,
                status_label: s.status.label().to_owned(),
                topics,
                audience: s.audience.clone(),
                audience_labels: s.audience.iter().map(|a| a.label().to_owned()).collect(),
                responsible: body_ref(site, owner, &s.responsible)?,
                online_url: s.online_url.clone(),
                focus: s.focus,
                efa: s.efa,
                efa_lead: s.efa_lead.clone(),
                maturity: s.maturity,
                maturity_v2: s.maturity_v2,
                ozg_id: s.ozg_id.clone(),
                coverage: s.coverage,
                coverage_label: s.coverage.map(|c| c.label().to_owned()),
                available_since: s.available_since,
                updated: s.updated,
                costs: s.costs.clone(),
                processing_time: s.processing_time.clone(),
                eligibility: s.eligibility.clone(),
                legal_basis: s.legal_basis.clone(),
                documents: s.documents.clone(),
                example: ExampleRecord::of(&s.example),
            })
        })
        .collect()
}

/// The versions of the service `slug` in the site's further languages.
fn translated_records(site: &Site, slug: &str) -> BTreeMap<String, TranslatedRecord> {
    site.editions
        .iter()
        .filter(|e| e.translates(crate::model::ContentKind::Service, slug))
        .filter_map(|e| {
            let d = &e.services[*e.index.service.get(slug)?];
            Some((
                e.code().to_owned(),
                TranslatedRecord {
                    title: d.front.title.clone(),
                    summary: d.front.summary.clone(),
                    url: e.absolute(&urls::service(slug)),
                },
            ))
        })
        .collect()
}

/// The newest `updated` date of all services: the data's modification
/// date, taken from content so that builds stay reproducible. A date that
/// is a demonstration value is no date of a real check, so it is not used.
pub fn services_modified(site: &Site) -> Option<Date> {
    site.services
        .iter()
        .filter(|d| !d.front.example.covers("updated"))
        .map(|d| d.front.updated)
        .max()
}

/// The content of `leistungen.json`.
pub fn services_file(site: &Site) -> Result<ServicesFile, DataError> {
    let services = service_records(site)?;
    Ok(ServicesFile {
        schema: site.base.absolute(urls::DATA_SERVICES_SCHEMA),
        title: format!("Verwaltungsleistungen – {}", site.config.title),
        publisher: site.config.publisher.name.clone(),
        licence: licence_record(site),
        example: ExampleRecord::of(&site.config.example),
        modified: services_modified(site),
        count: services.len(),
        services,
    })
}

/// The content of `steuerung.json`.
pub fn governance_file(site: &Site) -> Result<GovernanceFile, DataError> {
    let ix = &site.index;
    let bodies = site
        .bodies
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let b = &d.front;
            BodyRecord {
                slug: d.slug.clone(),
                url: site.base.absolute(&urls::body(&d.slug)),
                name: b.name.clone(),
                short: b.short.clone(),
                kind: b.kind,
                kind_label: b.kind.label().to_owned(),
                level: b.level,
                level_label: b.level.label().to_owned(),
                // The resolved parent: the same tree the pages show.
                parent: ix
                    .body_parent
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|p| site.bodies[p].slug.clone()),
                established: b.established.map(|e| e.to_string()),
                website: b.website.clone(),
                topics: b.topics.clone(),
                example: ExampleRecord::of(&b.example),
            }
        })
        .collect();
    let people = site
        .people
        .iter()
        .map(|d| {
            let roles = d
                .front
                .roles
                .iter()
                .map(|r| {
                    let body = body_ref(site, || format!("person `{}`", d.slug), &r.body)?;
                    Ok(RoleRecord {
                        title: r.title.clone(),
                        body: body.slug,
                        body_name: body.name,
                        from: r.from.to_string(),
                        to: r.to.map(|t| t.to_string()),
                        chair: r.chair,
                    })
                })
                .collect::<Result<Vec<_>, DataError>>()?;
            Ok(PersonRecord {
                slug: d.slug.clone(),
                url: site.base.absolute(&urls::person(&d.slug)),
                name: d.front.name.clone(),
                roles,
                example: ExampleRecord::of(&d.front.example),
            })
        })
        .collect::<Result<Vec<_>, DataError>>()?;
    Ok(GovernanceFile {
        schema: site.base.absolute(urls::DATA_GOVERNANCE_SCHEMA),
        title: format!("Steuerung – {}", site.config.title),
        publisher: site.config.publisher.name.clone(),
        licence: licence_record(site),
        example: ExampleRecord::of(&site.config.example),
        bodies,
        people,
    })
}

/// The only key a record may leave out: a site without a licence says
/// nothing rather than `null` about it.
const OMITTED_WHEN_ABSENT: [&str; 1] = ["licence"];

/// The JSON Schema of `T`, published at `path`: `$schema` and `$id` (its
/// own absolute address) first, and every key of every record required,
/// since the data always writes every key (absent values as `null`) and
/// reusers should be able to rely on that.
pub fn schema<T: JsonSchema>(site: &Site, path: &str) -> Value {
    let mut generated = schemars::schema_for!(T).to_value();
    require_every_key(&mut generated);
    let Value::Object(mut rest) = generated else {
        return generated;
    };
    let mut ordered = Map::new();
    if let Some(dialect) = rest.remove("$schema") {
        ordered.insert("$schema".into(), dialect);
    }
    ordered.insert("$id".into(), Value::from(site.base.absolute(path)));
    for key in ["title", "description"] {
        if let Some(value) = rest.remove(key) {
            ordered.insert(key.into(), value);
        }
    }
    ordered.extend(rest);
    Value::Object(ordered)
}

/// Marks every property of every object schema below `schema` required,
/// but those in [`OMITTED_WHEN_ABSENT`].
fn require_every_key(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                let required: Vec<Value> = properties
                    .keys()
                    .filter(|k| !OMITTED_WHEN_ABSENT.contains(&k.as_str()))
                    .map(|k| Value::from(k.as_str()))
                    .collect();
                map.insert("required".into(), Value::Array(required));
            }
            map.values_mut().for_each(require_every_key);
        }
        Value::Array(items) => items.iter_mut().for_each(require_every_key),
        _ => {}
    }
}

/// Where the open-data files go: into memory (the preview keeps them) or
/// straight into their files (a build), so that a file of a million
/// records is never held whole.
pub trait DataOut {
    /// Writes the output file `path` with what `fill` writes; returns its
    /// size in bytes.
    fn file(
        &mut self,
        path: String,
        fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<usize>;
}

impl DataOut for Vec<(String, Vec<u8>)> {
    fn file(
        &mut self,
        path: String,
        fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<usize> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        let size = bytes.len();
        self.push((path, bytes));
        Ok(size)
    }
}

/// Open-data files written straight into the staging folder.
pub struct ToStaging<'a>(pub &'a Staging);

impl DataOut for ToStaging<'_> {
    fn file(
        &mut self,
        path: String,
        fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<usize> {
        let mut out = Counted {
            inner: io::BufWriter::with_capacity(1 << 16, self.0.create_file(&path)?),
            count: 0,
        };
        fill(&mut out)?;
        out.inner.flush()?;
        Ok(out.count)
    }
}

/// A writer that counts the bytes written through it.
struct Counted<W> {
    inner: W,
    count: usize,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `value` as the JSON file `file` (a site path) into `out`.
fn json_file<T: Serialize>(
    out: &mut dyn DataOut,
    file: &'static str,
    value: &T,
) -> Result<usize, DataError> {
    out.file(urls::output_file(file), &mut |w| {
        serde_json::to_writer_pretty(&mut *w, value).map_err(io::Error::other)?;
        w.write_all(b"\n")
    })
    .map_err(|source| DataError::Write { file, source })
}

/// `leistungen.csv`: RFC 4180 (comma, double quotes where needed, CRLF
/// line ends), UTF-8 without byte-order mark, a header row.
fn services_csv(out: &mut dyn DataOut, records: &[ServiceRecord]) -> Result<usize, DataError> {
    let file = urls::DATA_SERVICES_CSV;
    out.file(urls::output_file(file), &mut |w| {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut *w);
        writer.write_record(CSV_COLUMNS.iter().map(|(name, _)| name))?;
        for record in records {
            writer.write_record(csv_row(record))?;
        }
        writer.flush()
    })
    .map_err(|source| DataError::Write { file, source })
}

/// Writes every open-data file into `out`, in a fixed order; returns how
/// many.
pub fn write_files(site: &Site, out: &mut dyn DataOut) -> Result<usize, DataError> {
    let services = services_file(site)?;
    let services_json = json_file(out, urls::DATA_SERVICES_JSON, &services)?;
    let services_csv = services_csv(out, &services.services)?;
    // The records are in both files now; at a million pages they are
    // worth freeing before the next file is made.
    drop(services);
    json_file(
        out,
        urls::DATA_SERVICES_SCHEMA,
        &schema::<ServicesFile>(site, urls::DATA_SERVICES_SCHEMA),
    )?;
    let governance_json = json_file(out, urls::DATA_GOVERNANCE_JSON, &governance_file(site)?)?;
    json_file(
        out,
        urls::DATA_GOVERNANCE_SCHEMA,
        &schema::<GovernanceFile>(site, urls::DATA_GOVERNANCE_SCHEMA),
    )?;
    let sizes = Sizes {
        services_json,
        services_csv,
        governance_json,
    };
    json_file(out, urls::DATA_CATALOG, &catalog(site, &sizes))?;
    Ok(urls::DATA_FILES.len())
}

/// Every open-data file as (output file, bytes), in a fixed order.
pub fn files(site: &Site) -> Result<Vec<(String, Vec<u8>)>, DataError> {
    let mut files = Vec::new();
    write_files(site, &mut files)?;
    Ok(files)
}

/// The sentence a dataset's description adds when some of its records
/// hold demonstration data (empty when none do): harvesters copy the
/// description, not the records' flags.
fn example_note<'a>(
    marks: impl Iterator<Item = &'a Example>,
    total: usize,
    noun: &str,
    where_marked: &str,
) -> String {
    let marked = marks.filter(|e| !e.is_none()).count();
    if marked == 0 {
        return String::new();
    }
    format!(
        " Beispieldaten: {marked} von {total} {noun} enthalten Beispielwerte, die nicht geprüft sind; sie sind in jedem Datensatz {where_marked} gekennzeichnet."
    )
}

/// Byte sizes of the distributions, for `dcat:byteSize`.
struct Sizes {
    services_json: usize,
    services_csv: usize,
    governance_json: usize,
}

/// Vocabularies of DCAT-AP.de and the EU authority tables it uses.
mod vocab {
    /// Data theme "Regierung und öffentlicher Sektor".
    pub const THEME_GOVERNMENT: &str =
        "http://publications.europa.eu/resource/authority/data-theme/GOVE";
    /// The data-theme vocabulary itself, for `dcat:themeTaxonomy`.
    pub const THEMES: &str = "http://publications.europa.eu/resource/authority/data-theme";
    /// Language German.
    pub const LANGUAGE_GERMAN: &str =
        "http://publications.europa.eu/resource/authority/language/DEU";
    /// File types.
    pub const FORMAT_JSON: &str = "http://publications.europa.eu/resource/authority/file-type/JSON";
    /// File types.
    pub const FORMAT_CSV: &str = "http://publications.europa.eu/resource/authority/file-type/CSV";
    /// IANA media types.
    pub const MEDIA_JSON: &str = "https://www.iana.org/assignments/media-types/application/json";
    /// IANA media types.
    pub const MEDIA_CSV: &str = "https://www.iana.org/assignments/media-types/text/csv";
}

/// The DCAT-AP.de licence URI (from the vocabulary at
/// `http://dcat-ap.de/def/licenses/`) for the licences this project
/// knows, and whether the licence asks for attribution (then DCAT-AP.de
/// wants `dcatde:licenseAttributionByText`). Other licences are named by
/// their own URL: a harvester may not map them, but nothing false is said.
fn dcat_licence(id: &str, url: &str) -> Option<(&'static str, bool)> {
    let id = id.trim().to_ascii_lowercase();
    let url = url
        .trim()
        .trim_end_matches('/')
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .to_ascii_lowercase();
    let known: [(&[&str], &str, &'static str, bool); 5] = [
        (
            &["dl-de/by-2-0", "dl-de-by-2.0", "dl-by-de/2.0"],
            "www.govdata.de/dl-de/by-2-0",
            "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
            true,
        ),
        (
            &["dl-de/zero-2-0", "dl-de-zero-2.0", "dl-zero-de/2.0"],
            "www.govdata.de/dl-de/zero-2-0",
            "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
            false,
        ),
        (
            &["cc-by-4.0", "cc-by/4.0"],
            "creativecommons.org/licenses/by/4.0",
            "http://dcat-ap.de/def/licenses/cc-by/4.0",
            true,
        ),
        (
            &["cc-by-sa-4.0", "cc-by-sa/4.0"],
            "creativecommons.org/licenses/by-sa/4.0",
            "http://dcat-ap.de/def/licenses/cc-by-sa/4.0",
            true,
        ),
        (
            &["cc0-1.0", "cc0", "cc-zero"],
            "creativecommons.org/publicdomain/zero/1.0",
            "http://dcat-ap.de/def/licenses/cc-zero",
            false,
        ),
    ];
    known
        .iter()
        .find(|(ids, known_url, _, _)| ids.contains(&id.as_str()) || *known_url == url)
        .map(|(_, _, uri, attribution)| (*uri, *attribution))
}

/// The DCAT-AP.de catalogue of the open data, as JSON-LD.
fn catalog(site: &Site, sizes: &Sizes) -> Value {
    let c = &site.config;
    let lang = c.language.clone();
    let text = |value: &str| json!({ "@value": value, "@language": lang });
    let id = |url: String| json!({ "@id": url });
    let catalog_url = site.base.absolute(urls::DATA_CATALOG);
    let german = c.language == "de" || c.language.starts_with("de-");
    let modified =
        services_modified(site).map(|d| json!({ "@value": d.to_string(), "@type": "xsd:date" }));
    let publisher = json!({ "@type": "foaf:Agent", "foaf:name": c.publisher.name });
    let contact = json!({
        "@type": "vcard:Organization",
        "vcard:fn": c.publisher.name,
        "vcard:hasEmail": { "@id": format!("mailto:{}", c.contact.email) },
    });
    let licence = c.data_licence.as_ref().map(|l| {
        let url = licence_url(site, l);
        match dcat_licence(&l.id, &url) {
            Some((uri, attribution)) => (uri.to_owned(), attribution),
            None => (url, false),
        }
    });

    let distribution = |fragment: &str,
                        title: &str,
                        path: &str,
                        format: &str,
                        media: &str,
                        size: usize,
                        schema: Option<&str>| {
        let mut d = Map::new();
        d.insert(
            "@id".into(),
            Value::from(format!("{catalog_url}#{fragment}")),
        );
        d.insert("@type".into(), Value::from("dcat:Distribution"));
        d.insert("dct:title".into(), text(title));
        d.insert("dcat:accessURL".into(), id(site.base.absolute(path)));
        d.insert("dcat:downloadURL".into(), id(site.base.absolute(path)));
        d.insert("dcat:mediaType".into(), id(media.into()));
        d.insert("dct:format".into(), id(format.into()));
        if let Some(schema) = schema {
            d.insert("dct:conformsTo".into(), id(site.base.absolute(schema)));
        }
        if let Some((uri, attribution)) = &licence {
            d.insert("dct:license".into(), id(uri.clone()));
            if *attribution {
                d.insert(
                    "dcatde:licenseAttributionByText".into(),
                    text(&c.publisher.name),
                );
            }
        }
        d.insert(
            "dcat:byteSize".into(),
            json!({ "@value": size.to_string(), "@type": "xsd:nonNegativeInteger" }),
        );
        Value::Object(d)
    };

    let dataset = |fragment: &str,
                   title: &str,
                   description: String,
                   landing: &str,
                   keywords: &[&str],
                   with_modified: bool,
                   distributions: Vec<Value>| {
        let mut d = Map::new();
        d.insert(
            "@id".into(),
            Value::from(format!("{catalog_url}#{fragment}")),
        );
        d.insert("@type".into(), Value::from("dcat:Dataset"));
        d.insert("dct:title".into(), text(title));
        d.insert("dct:description".into(), text(&description));
        d.insert("dct:publisher".into(), publisher.clone());
        d.insert("dcat:contactPoint".into(), contact.clone());
        d.insert("dcat:landingPage".into(), id(site.base.absolute(landing)));
        d.insert("dcat:theme".into(), id(vocab::THEME_GOVERNMENT.into()));
        d.insert(
            "dcat:keyword".into(),
            Value::Array(keywords.iter().map(|k| text(k)).collect()),
        );
        if german {
            d.insert("dct:language".into(), id(vocab::LANGUAGE_GERMAN.into()));
        }
        if let (true, Some(m)) = (with_modified, &modified) {
            d.insert("dct:modified".into(), m.clone());
        }
        d.insert("dcat:distribution".into(), Value::Array(distributions));
        Value::Object(d)
    };

    let services = dataset(
        "leistungen",
        "Verwaltungsleistungen",
        format!(
            "Alle {} Verwaltungsleistungen des Portals „{}“ mit Stand der Umsetzung, zuständiger Stelle, Themen, Zielgruppen und, wo vorhanden, LeiKa-Leistungsschlüssel.{}",
            site.services.len(),
            c.title,
            example_note(
                site.services.iter().map(|d| &d.front.example),
                site.services.len(),
                "Leistungen",
                "im Feld `example` (in der CSV-Tabelle: Spalten `example` und `example_fields`)",
            ),
        ),
        urls::SERVICES,
        &["Verwaltungsleistungen", "Onlinezugangsgesetz", "OZG", "LeiKa", "Verwaltungsdigitalisierung"],
        true,
        vec![
            distribution(
                "leistungen-json",
                "Verwaltungsleistungen als JSON",
                urls::DATA_SERVICES_JSON,
                vocab::FORMAT_JSON,
                vocab::MEDIA_JSON,
                sizes.services_json,
                Some(urls::DATA_SERVICES_SCHEMA),
            ),
            distribution(
                "leistungen-csv",
                "Verwaltungsleistungen als CSV-Tabelle",
                urls::DATA_SERVICES_CSV,
                vocab::FORMAT_CSV,
                vocab::MEDIA_CSV,
                sizes.services_csv,
                None,
            ),
        ],
    );
    // Bodies and people carry no date of their last check, so this dataset
    // names no modification date rather than a made-up one.
    let governance = dataset(
        "steuerung",
        "Steuerung der Verwaltungsdigitalisierung",
        format!(
            "Die {} Gremien und Stellen der Steuerung im Portal „{}“ mit ihrer Einordnung und die {} Personen mit ihren Funktionen und Amtszeiten.{}",
            site.bodies.len(),
            c.title,
            site.people.len(),
            example_note(
                site.bodies
                    .iter()
                    .map(|d| &d.front.example)
                    .chain(site.people.iter().map(|d| &d.front.example)),
                site.bodies.len() + site.people.len(),
                "Einträgen",
                "im Feld `example`",
            ),
        ),
        urls::GOVERNANCE,
        &["Steuerung", "Gremien", "Verwaltungsdigitalisierung"],
        false,
        vec![distribution(
            "steuerung-json",
            "Steuerung als JSON",
            urls::DATA_GOVERNANCE_JSON,
            vocab::FORMAT_JSON,
            vocab::MEDIA_JSON,
            sizes.governance_json,
            Some(urls::DATA_GOVERNANCE_SCHEMA),
        )],
    );

    let mut root = Map::new();
    root.insert(
        "@context".into(),
        json!({
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "dcatde": "http://dcat-ap.de/def/dcatde/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        }),
    );
    root.insert("@id".into(), Value::from(catalog_url.clone()));
    root.insert("@type".into(), Value::from("dcat:Catalog"));
    root.insert(
        "dct:title".into(),
        text(&format!("Offene Daten – {}", c.title)),
    );
    let site_notice = super::notices::site(&c.example)
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    root.insert(
        "dct:description".into(),
        text(&format!(
            "Die offenen Daten des Portals „{}“: der Leistungskatalog und die Steuerung der Verwaltungsdigitalisierung.{site_notice}",
            c.title
        )),
    );
    root.insert("dct:publisher".into(), publisher.clone());
    root.insert("foaf:homepage".into(), id(site.base.absolute(urls::HOME)));
    if german {
        root.insert("dct:language".into(), id(vocab::LANGUAGE_GERMAN.into()));
    }
    if let Some((uri, _)) = &licence {
        root.insert("dct:license".into(), id(uri.clone()));
    }
    if let Some(m) = &modified {
        root.insert("dct:modified".into(), m.clone());
    }
    root.insert("dcat:themeTaxonomy".into(), id(vocab::THEMES.into()));
    root.insert("dcat:dataset".into(), json!([services, governance]));
    Value::Object(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_licences_map_to_the_dcat_ap_de_vocabulary() {
        assert_eq!(
            dcat_licence("dl-de/by-2-0", "https://www.govdata.de/dl-de/by-2-0"),
            Some(("http://dcat-ap.de/def/licenses/dl-by-de/2.0", true))
        );
        assert_eq!(
            dcat_licence("eigene", "https://www.govdata.de/dl-de/zero-2-0/"),
            Some(("http://dcat-ap.de/def/licenses/dl-zero-de/2.0", false))
        );
        assert_eq!(
            dcat_licence("CC-BY-4.0", "https://example.org/"),
            Some(("http://dcat-ap.de/def/licenses/cc-by/4.0", true))
        );
        assert_eq!(dcat_licence("eigene", "https://example.org/lizenz"), None);
    }

    #[test]
    fn csv_columns_are_unique() {
        let mut names: Vec<&str> = CSV_COLUMNS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CSV_COLUMNS.len());
    }
}

/// The open-data files of the last build with the fingerprint of what they
/// were made from, so that a preview rebuild after an edit that touches no
/// service, body, person, topic or site setting (a news article, a page's
/// text) does not serialise thousands of services again.
#[derive(Default)]
pub struct Memo(std::sync::Mutex<Option<(u64, DataFiles)>>);

/// Output files by path, with their bytes.
type DataFiles = Vec<(String, Vec<u8>)>;

/// Everything [`files`] reads: site settings, where the site is published,
/// topics, and every service, body and person (slug and the fingerprints
/// of their front matter and text, taken when they were parsed). The index
/// relations between them follow from these.
fn fingerprint(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = crate::hashing::fingerprinter();
    site.base.absolute("/").hash(&mut hasher);
    serde_json::to_string(&site.config)
        .unwrap_or_default()
        .hash(&mut hasher);
    for t in &site.topics {
        (&t.slug, &t.title, &t.description).hash(&mut hasher);
    }
    for d in &site.services {
        (&d.slug, d.prints).hash(&mut hasher);
    }
    for d in &site.bodies {
        (&d.slug, d.prints).hash(&mut hasher);
    }
    for d in &site.people {
        (&d.slug, d.prints).hash(&mut hasher);
    }
    // The services' versions in further languages.
    for e in site.editions.iter().filter_map(|e| e.edition.as_ref()) {
        (&e.code, e.print).hash(&mut hasher);
    }
    hasher.finish()
}

impl Memo {
    /// [`files`], or the files of the last call when nothing they are made
    /// of changed.
    pub fn files(&self, site: &Site) -> Result<Vec<(String, Vec<u8>)>, DataError> {
        let print = fingerprint(site);
        let mut memo = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((known, files)) = memo.as_ref() {
            if *known == print {
                return Ok(files.clone());
            }
        }
        let made = files(site)?;
        *memo = Some((print, made.clone()));
        Ok(made)
    }
}
