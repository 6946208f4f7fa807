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

/// The Atom feed of the newest articles, full text included.
pub fn atom(site: &Site) -> String {
    let entries: Vec<Entry> = site
        .news
        .iter()
        .take(FEED_ENTRIES)
        .map(|d| {
            let url = site.base.absolute(&Views::news_path(d));
            let html = crate::markdown::render(d.body(), &site.base).html;
            Entry {
                id: url.clone(),
                title: Text::plain(d.front.title.clone()),
                updated: timestamp(d.front.date),
                published: Some(timestamp(d.front.date)),
                summary: Some(Text::plain(d.front.summary.clone())),
                links: vec![link(url, "alternate", "text/html")],
                content: Some(Content {
                    value: Some(html),
                    content_type: Some("html".into()),
                    ..Content::default()
                }),
                ..Entry::default()
            }
        })
        .collect();
    let updated = site
        .news
        .first()
        .map(|d| timestamp(d.front.date))
        .unwrap_or_else(|| timestamp(Date(chrono::NaiveDate::MIN)));
    let feed = Feed {
        id: site.base.absolute(urls::FEED),
        title: Text::plain(format!("{} – Aktuelles", site.config.title)),
        subtitle: Some(Text::plain(site.config.description.clone())),
        updated,
        authors: vec![Person {
            name: site.config.publisher.name.clone(),
            ..Person::default()
        }],
        links: vec![
            link(
                site.base.absolute(urls::FEED),
                "self",
                "application/atom+xml",
            ),
            link(site.base.absolute(urls::NEWS), "alternate", "text/html"),
        ],
        lang: Some(site.config.language.clone()),
        entries,
        ..Feed::default()
    };
    feed.to_string()
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

/// robots.txt: everything may be crawled; the sitemap says what there is.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.base.absolute(urls::SITEMAP)
    )
}
