use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Example;

/// `content/site.yaml`: the site as a whole.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site name, e.g. "Digitalportal Rheinland-Pfalz".
    pub title: String,
    /// One sentence for meta tags and feeds.
    pub description: String,
    /// Absolute http(s) URL the site is published under.
    pub base_url: String,
    /// BCP 47 language tag of the content: a two-letter ISO 639-1 code,
    /// optionally with a region (`de`, `de-DE`).
    pub language: String,
    /// Further languages the theme speaks and the site is translated into
    /// (two-letter ISO 639-1 codes, e.g. `[en]`); each needs the theme's
    /// texts in `strings/<code>.yaml`.
    #[serde(default)]
    pub translations: Vec<String>,
    /// The site's own texts in the further languages, by code: `title`,
    /// `description` and `example_notice` as the pages of `/<code>/` show
    /// them. A text left out is shown as written above, in the site's
    /// language.
    #[serde(default)]
    pub texts: std::collections::BTreeMap<String, SiteTexts>,
    /// Who is responsible for the site.
    pub publisher: Publisher,
    /// How to reach the publisher.
    pub contact: Contact,
    /// E-mail address or URL for accessibility feedback (BITV 2.0).
    pub accessibility_contact: String,
    /// Main menu.
    #[serde(default)]
    pub navigation: Vec<NavItem>,
    /// News articles per list page.
    #[serde(default = "default_news_per_page")]
    #[schemars(range(min = 1))]
    pub news_per_page: usize,
    /// Entries per page of the other paged lists (services of a topic, a
    /// body or a letter, news about a topic, body, person or service, the
    /// dashboard's lists, the people).
    #[serde(default = "default_list_per_page")]
    #[schemars(range(min = 1))]
    pub list_per_page: usize,
    /// Theme name.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// A notice that the portal is an example, shown in the footer and on
    /// the Impressum (an addition of this project); single values are
    /// marked with `example`.
    #[serde(default)]
    pub example_notice: Option<String>,
    /// The state or area the portal serves, e.g. `Rheinland-Pfalz`: the
    /// `areaServed` of every service in the pages' structured data.
    #[serde(default)]
    pub region: Option<String>,
    /// The licence of the open data under `/daten/` (an addition of this
    /// project); without it the data is published with no licence named.
    #[serde(default)]
    pub data_licence: Option<DataLicence>,
    /// Which values are demonstration data (`example: true` or a list of
    /// field names; an addition of this project).
    #[serde(default)]
    pub example: Example,
    /// Data sources: catalogues of services (XZuFi exports) whose records
    /// become service pages (see docs/data-sources.md).
    #[serde(default)]
    pub sources: Vec<DataSource>,
    /// Forms for editors in the browser (an addition of this project; see
    /// docs/admin.md): where the CMS comes from and, to publish `/admin/`,
    /// the repository it saves into.
    #[serde(default)]
    pub admin: Option<super::Admin>,
}

/// One data source of `sources:` in site.yaml.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    /// A file or folder below `content/`, e.g. `sources/landesredaktion.xml`.
    #[schemars(length(min = 1))]
    pub path: String,
    /// The format: `xzufi` (XZuFi 2.1 or 2.2 `leistung` messages), `csv`
    /// or `yaml`; without it, each file's extension says (`.xml`, `.csv`,
    /// `.yaml`/`.yml`).
    #[serde(default)]
    pub format: Option<DataFormat>,
    /// Who publishes the catalogue, shown on each page ("Quelle: …").
    #[schemars(length(min = 1))]
    pub name: String,
    /// Front-matter values every record of the source starts from (e.g.
    /// `status`, `topics`, `audience`); the record's own values and then a
    /// local Markdown file's win over them.
    #[serde(default)]
    pub defaults: serde_json::Map<String, serde_json::Value>,
    /// The responsible authority as the catalogue names it (text module
    /// 19) → the slug of the body it is on this site.
    #[serde(default)]
    pub authorities: std::collections::BTreeMap<String, String>,
    /// The largest data file read, in megabytes (default 100): a bigger one
    /// is an error rather than a build that runs out of memory.
    #[serde(default = "default_max_megabytes")]
    #[schemars(range(min = 1))]
    pub max_megabytes: u64,
}

/// The format of a data source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataFormat {
    /// XZuFi 2.1 or 2.2 (`leistung` elements), with or without namespace
    /// prefixes.
    Xzufi,
    /// A table: a header row of field names, a row per service.
    Csv,
    /// A YAML list of services' fields, each with its text under `text:`.
    Yaml,
}

impl SiteConfig {
    /// The code of the theme's texts for the site's language: `de` for
    /// `de-DE`.
    pub fn text_language(&self) -> &str {
        self.language.split('-').next().unwrap_or(&self.language)
    }

    /// The site's language and its translations, as the codes of the
    /// theme's texts.
    /// Codes that are not language codes, or named twice, are left out:
    /// site.yaml's check reports them.
    pub fn text_languages(&self) -> Vec<&str> {
        let mut codes = vec![self.text_language()];
        codes.extend(self.edition_codes());
        codes
    }

    /// The further languages whose pages are published (each under
    /// `/<code>/`): the known codes of `translations`, each once.
    pub fn edition_codes(&self) -> Vec<&str> {
        let own = self.text_language();
        let mut codes: Vec<&str> = Vec::new();
        for code in &self.translations {
            if crate::i18n::lang::is_known(code) && code != own && !codes.contains(&code.as_str()) {
                codes.push(code);
            }
        }
        codes
    }

    /// The site as its pages in `code` show it: title, description and
    /// menu in that language where site.yaml gives them.
    pub fn in_language(&self, code: &str) -> SiteConfig {
        let mut config = self.clone();
        if let Some(texts) = self.texts.get(code) {
            if let Some(title) = &texts.title {
                config.title = title.clone();
            }
            if let Some(description) = &texts.description {
                config.description = description.clone();
            }
            if let Some(notice) = &texts.example_notice {
                config.example_notice = Some(notice.clone());
            }
        }
        for item in &mut config.navigation {
            if let Some(title) = item.titles.get(code) {
                item.title = title.clone();
            }
        }
        config.language = crate::i18n::lang::html_lang(code).to_owned();
        config
    }
}

impl DataFormat {
    /// The format a file's extension names.
    pub fn of_extension(extension: &str) -> Option<DataFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "xml" => Some(DataFormat::Xzufi),
            "csv" => Some(DataFormat::Csv),
            "yaml" | "yml" => Some(DataFormat::Yaml),
            _ => None,
        }
    }
}

fn default_max_megabytes() -> u64 {
    100
}

fn default_news_per_page() -> usize {
    10
}

/// 25 entries of one or two lines each: a phone screen scrolls through
/// them in a few swipes, and the page stays near 30 KB.
fn default_list_per_page() -> usize {
    25
}

fn default_theme() -> String {
    "default".into()
}

/// The publisher named in the header and imprint.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// Name as written.
    pub name: String,
    /// Body slug of the publishing body.
    #[serde(default)]
    pub body: Option<String>,
}

/// Contact data of the publisher.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// E-mail address.
    pub email: String,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Postal address, one line.
    #[serde(default)]
    pub address: Option<String>,
}

/// The licence reusers of the open data may rely on, e.g. the Datenlizenz
/// Deutschland – Namensnennung – Version 2.0.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataLicence {
    /// Short identifier, e.g. `dl-de/by-2-0`, `dl-de/zero-2-0`, `CC-BY-4.0`.
    #[schemars(length(min = 1))]
    pub id: String,
    /// Full name, e.g. "Datenlizenz Deutschland – Namensnennung – Version 2.0".
    #[schemars(length(min = 1))]
    pub name: String,
    /// Where the licence text is published, e.g. <https://www.govdata.de/dl-de/by-2-0>.
    pub url: String,
}

/// One entry of the main menu.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NavItem {
    /// Link text.
    pub title: String,
    /// Site path (`/leistungen/`) or absolute URL.
    pub url: String,
    /// The link text in the further languages, by code
    /// (`titles: {en: Services}`).
    #[serde(default)]
    pub titles: std::collections::BTreeMap<String, String>,
}

/// The site's own texts in one further language (`texts.<code>` in
/// site.yaml).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteTexts {
    /// The site's name in that language.
    #[serde(default)]
    pub title: Option<String>,
    /// Its one-sentence description.
    #[serde(default)]
    pub description: Option<String>,
    /// Its notice that the portal is an example.
    #[serde(default)]
    pub example_notice: Option<String>,
}

/// One entry of `content/topics.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Topic slug: lowercase a-z, 0-9 and single `-`.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One or two sentences.
    pub description: String,
    /// Title and description in the site's further languages, by code
    /// (`texts: {en: {title: Building and housing}}`); what is left out is
    /// shown as written above.
    #[serde(default)]
    pub texts: std::collections::BTreeMap<String, TopicTexts>,
}

/// A topic's title and description in one further language.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicTexts {
    /// The title in that language.
    #[serde(default)]
    pub title: Option<String>,
    /// The description in that language.
    #[serde(default)]
    pub description: Option<String>,
}

impl Topic {
    /// The topic as pages in `code` show it.
    pub fn in_language(&self, code: &str) -> Topic {
        let mut topic = self.clone();
        if let Some(texts) = self.texts.get(code) {
            if let Some(title) = &texts.title {
                topic.title = title.clone();
            }
            if let Some(description) = &texts.description {
                topic.description = description.clone();
            }
        }
        topic
    }
}
