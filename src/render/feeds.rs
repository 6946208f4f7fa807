//! Machine-readable companions of the site: the Atom feed of the news, the
//! sitemap and robots.txt. They depend only on content, never on the time of
//! the build, so the same commit always gives the same bytes.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{NaiveTime, TimeZone, Utc};

use super::views::Views;
use crate::date::Date;
use crate::resolve::{PageKind, PlannedPage, Site};
use crate::urls;

/// How many articles the feed carries.
const FEED_ENTRIES: usize = 20;

fn timestamp(date: Date) -> FixedDateTime {
    Utc.from_utc_datetime(&date.0.and_time(NaiveTime::MIN))
        .fixed_offset()
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    Link {
        href,
        rel: rel.into(),
        mime_type: Some(mime.into()),
        ..Link::default()
    }
}

/// What one Atom feed carries.
struct FeedSpec<'a> {
    /// The feed's own site path.
    path: String,
    /// The page the feed belongs to.
    page: String,
    /// The feed's title.
    title: String,
    /// The articles (positions into `site.news`, newest first).
    news: &'a [usize],
    /// Whether entries carry the full text, not only the summary.
    full_text: bool,
}

/// A feed's `updated` when it has no entries: a fixed day, so that the
/// bytes never depend on the build's clock.
const NO_ENTRIES: chrono::NaiveDate = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();

fn feed(site: &Site, spec: FeedSpec) -> String {
    let entries: Vec<Entry> = spec
        .news
        .iter()
        .take(FEED_ENTRIES)
        .map(|&i| {
            let d = &site.news[i];
            let url = site.base.absolute(&Views::news_path(d));
            let content = spec.full_text.then(|| Content {
                value: Some(crate::markdown::render(d.body(), &site.base).html),
                content_type: Some("html".into()),
                ..Content::default()
            });
            Entry {
                id: url.clone(),
                title: Text::plain(d.front.title.clone()),
                updated: timestamp(d.front.date),
                published: Some(timestamp(d.front.date)),
                summary: Some(Text::plain(d.front.summary.clone())),
                links: vec![link(url, "alternate", "text/html")],
                content,
                ..Entry::default()
            }
        })
        .collect();
    let updated = spec
        .news
        .first()
        .map(|&i| timestamp(site.news[i].front.date))
        .unwrap_or_else(|| timestamp(Date(NO_ENTRIES)));
    let feed = Feed {
        id: site.base.absolute(&spec.path),
        title: Text::plain(spec.title),
        subtitle: Some(Text::plain(site.config.description.clone())),
        updated,
        authors: vec![Person {
            name: site.config.publisher.name.clone(),
            ..Person::default()
        }],
        links: vec![
            link(
                site.base.absolute(&spec.path),
                "self",
                "application/atom+xml",
            ),
            link(site.base.absolute(&spec.page), "alternate", "text/html"),
        ],
        lang: Some(site.config.language.clone()),
        entries,
        ..Feed::default()
    };
    feed.to_string()
}

/// The Atom feed of the newest articles, full text included.
pub fn atom(site: &Site) -> String {
    let all: Vec<usize> = (0..site.news.len().min(FEED_ENTRIES)).collect();
    feed(
        site,
        FeedSpec {
            path: urls::FEED.to_owned(),
            page: urls::NEWS.to_owned(),
            title: format!("{} – Aktuelles", site.config.title),
            news: &all,
            full_text: true,
        },
    )
}

/// One feed per topic and per body, by output file: the newest articles
/// filed under it. Entries carry the summary and the link; the full text
/// is in the main feed (rendering it again for every topic and body would
/// make every rebuild of the preview pay for hundreds of articles).
pub fn topic_and_body_feeds(site: &Site) -> Vec<(String, String)> {
    let ix = &site.index;
    let topics = site.topics.iter().enumerate().map(|(i, t)| {
        let spec = FeedSpec {
            path: urls::topic_feed(&t.slug),
            page: urls::topic(&t.slug),
            title: format!("{} – Nachrichten zum Thema {}", site.config.title, t.title),
            news: &ix.topic_news[i],
            full_text: false,
        };
        (urls::output_file(&spec.path), feed(site, spec))
    });
    let bodies = site.bodies.iter().enumerate().map(|(i, b)| {
        let spec = FeedSpec {
            path: urls::body_feed(&b.slug),
            page: urls::body(&b.slug),
            title: format!("{} – Nachrichten: {}", site.config.title, b.front.name),
            news: &ix.body_news[i],
            full_text: false,
        };
        (urls::output_file(&spec.path), feed(site, spec))
    });
    topics.chain(bodies).collect()
}

/// Escapes text for XML element content.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The sitemap: every page but the 404 page, with the date of its content
/// where the content has one.
pub fn sitemap(site: &Site, pages: &[PlannedPage]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        let lastmod = match page.kind {
            PageKind::NotFound => continue,
            PageKind::Service(i) => Some(site.services[i].front.updated),
            PageKind::News(i) => Some(site.news[i].front.date),
            _ => None,
        };
        xml.push_str("  <url><loc>");
        xml.push_str(&xml_text(&site.base.absolute(&page.path)));
        xml.push_str("</loc>");
        if let Some(date) = lastmod {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// How long a security.txt is valid: under a year, as RFC 9116 recommends,
/// so a site nobody rebuilds any more says that its contact may be stale.
const SECURITY_TXT_DAYS: u64 = 364;

/// `/.well-known/security.txt` (RFC 9116): the site's contact address and
/// an expiry counted from the day of the build. `None` without a build day.
pub fn security_txt(site: &Site) -> Option<String> {
    let today = site.today?;
    let expires = today.checked_add_days(chrono::Days::new(SECURITY_TXT_DAYS))?;
    Some(format!(
        "Contact: mailto:{}\nExpires: {}T00:00:00Z\nPreferred-Languages: de, en\nCanonical: {}\n",
        site.config.contact.email,
        expires.format("%Y-%m-%d"),
        site.base.absolute(urls::SECURITY_TXT)
    ))
}

/// robots.txt: everything may be crawled; the sitemap says what there is.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.base.absolute(urls::SITEMAP)
    )
}
