//! The URL scheme of the portal, in one place: every stage that needs a
//! page's address (links in templates, link checks, the sitemap, output
//! file names) asks here, so the scheme cannot drift.
//!
//! Functions return *site paths* (`/leistungen/wohngeld/`); [`BaseUrl`]
//! turns them into links under the base URL the site is published at.
//! [`policy`] decides which addresses may enter the output at all.

pub mod policy;

/// The home page.
pub const HOME: &str = "/";
/// The service catalogue.
pub const SERVICES: &str = "/leistungen/";
/// Every service from A to Z.
pub const SERVICES_AZ: &str = "/leistungen/a-z/";
/// The first page of the news list.
pub const NEWS: &str = "/aktuelles/";
/// The governance structure.
pub const GOVERNANCE: &str = "/steuerung/";
/// The topic list.
pub const TOPICS: &str = "/themen/";
/// The progress dashboard.
pub const PROGRESS: &str = "/fortschritt/";
/// The search page.
pub const SEARCH: &str = "/suche/";
/// Every person, paged.
pub const PEOPLE: &str = "/personen/";
/// The page web servers show for unknown addresses.
pub const NOT_FOUND: &str = "/404.html";
/// The Atom feed of the news.
pub const FEED: &str = "/aktuelles/atom.xml";
/// The sitemap.
pub const SITEMAP: &str = "/sitemap.xml";
/// Whom to tell about security problems (RFC 9116).
pub const SECURITY_TXT: &str = "/.well-known/security.txt";
/// Rules for crawlers.
pub const ROBOTS: &str = "/robots.txt";
/// Every service as JSON (open data).
pub const DATA_SERVICES_JSON: &str = "/daten/leistungen.json";
/// Every service as CSV, one row each (open data).
pub const DATA_SERVICES_CSV: &str = "/daten/leistungen.csv";
/// The JSON Schema of [`DATA_SERVICES_JSON`].
pub const DATA_SERVICES_SCHEMA: &str = "/daten/leistungen.schema.json";
/// Bodies and people of the governance structure as JSON (open data).
pub const DATA_GOVERNANCE_JSON: &str = "/daten/steuerung.json";
/// The JSON Schema of [`DATA_GOVERNANCE_JSON`].
pub const DATA_GOVERNANCE_SCHEMA: &str = "/daten/steuerung.schema.json";
/// The DCAT-AP.de description of the open data, as JSON-LD.
pub const DATA_CATALOG: &str = "/daten/katalog.jsonld";
/// Every open-data file, so the link check lets editors link to them.
pub const DATA_FILES: [&str; 6] = [
    DATA_SERVICES_JSON,
    DATA_SERVICES_CSV,
    DATA_SERVICES_SCHEMA,
    DATA_GOVERNANCE_JSON,
    DATA_GOVERNANCE_SCHEMA,
    DATA_CATALOG,
];

/// A service page.
pub fn service(slug: &str) -> String {
    format!("/leistungen/{slug}/")
}

/// Page `number` (1-based) of the news list.
pub fn news_list(number: usize) -> String {
    paged(NEWS, number)
}

/// Page `number` (1-based) of the paged list whose first page is at
/// `first`: the first page at `first` itself, the others below
/// `seite/N/`.
pub fn paged(first: &str, number: usize) -> String {
    if number <= 1 {
        first.to_owned()
    } else {
        format!("{first}seite/{number}/")
    }
}

/// A news article.
pub fn news(year: i32, slug: &str) -> String {
    format!("/aktuelles/{year}/{slug}/")
}

/// A body of the governance structure.
pub fn body(slug: &str) -> String {
    format!("/steuerung/{slug}/")
}

/// The Atom feed of the news about a body.
pub fn body_feed(slug: &str) -> String {
    format!("{}atom.xml", body(slug))
}

/// A person.
pub fn person(slug: &str) -> String {
    format!("/personen/{slug}/")
}

/// A topic.
pub fn topic(slug: &str) -> String {
    format!("/themen/{slug}/")
}

/// The Atom feed of the news filed under a topic.
pub fn topic_feed(slug: &str) -> String {
    format!("{}atom.xml", topic(slug))
}

/// A free page; `path` is its path below `pages/` without `.md`.
pub fn page(path: &str) -> String {
    format!("/{path}/")
}

/// The file, relative to the output folder, that serves a site path:
/// `/leistungen/` → `leistungen/index.html`, `/404.html` → `404.html`.
pub fn output_file(site_path: &str) -> String {
    let trimmed = site_path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_owned()
    }
}

/// The output file of a page's JSON twin (`leistungen/wohngeld/index.json`
/// beside `index.html`); pages that are files themselves (`/404.html`)
/// have none.
pub fn twin_file(site_path: &str) -> Option<String> {
    let trimmed = site_path.trim_start_matches('/');
    (trimmed.is_empty() || trimmed.ends_with('/')).then(|| format!("{trimmed}index.json"))
}

/// The address the site is published under, split into the absolute URL
/// (for feeds and the sitemap) and its path (for links, so that a site
/// published below a folder, e.g. `https://example.org/portal/`, works).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    absolute: String,
    path: String,
}

impl BaseUrl {
    /// Parses an absolute http(s) URL; the message says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let url = url::Url::parse(text).map_err(|e| {
            format!(
                "`{text}` is not an absolute URL ({e}); write it like https://digital.example.de/"
            )
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!(
                "`{text}` must be an http or https address, like https://digital.example.de/"
            ));
        }
        let mut path = url.path().to_owned();
        if !path.ends_with('/') {
            path.push('/');
        }
        let origin = url.origin().ascii_serialization();
        Ok(BaseUrl {
            absolute: format!("{origin}{path}"),
            path,
        })
    }

    /// The link to a site path, as used inside the site (`/portal/leistungen/`).
    pub fn href(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// The absolute URL of a site path.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.absolute, site_path.trim_start_matches('/'))
    }

    /// The path prefix all links start with (`/` or `/portal/`).
    pub fn path(&self) -> &str {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_files() {
        assert_eq!(output_file("/"), "index.html");
        assert_eq!(
            output_file("/leistungen/wohngeld/"),
            "leistungen/wohngeld/index.html"
        );
        assert_eq!(output_file("/404.html"), "404.html");
    }

    #[test]
    fn base_url_with_folder() {
        let b = BaseUrl::parse("https://example.org/portal").unwrap();
        assert_eq!(b.href(&service("x")), "/portal/leistungen/x/");
        assert_eq!(b.absolute("/"), "https://example.org/portal/");
        assert!(BaseUrl::parse("ftp://example.org/").is_err());
        assert!(BaseUrl::parse("/relative/").is_err());
    }
}
