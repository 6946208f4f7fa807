//! Machine-readable companions of the site: the Atom feed of the news, the
//! sitemap and robots.txt. They depend only on content, never on the time of
//! the build, so the same commit always gives the same bytes.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{NaiveTime, TimeZone, Utc};

use super::notices;
use super::views::Views;
use crate::date::Date;
use crate::resolve::{PageKind, Site};
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
            let url = site.absolute(&Views::news_path(d));
            let notice = notices::news(&d.front.example);
            let content = spec.full_text.then(|| {
                let mut html = String::new();
                if let Some(notice) = &notice {
                    html.push_str("<p><strong>");
                    html.push_str(&crate::text::escape_html(notice));
                    html.push_str("</strong></p>\n");
                }
                html.push_str(&d.parsed_body().html_at(&site.base));
                Content {
                    value: Some(html),
                    content_type: Some("html".into()),
                    ..Content::default()
                }
            });
            let summary = match &notice {
                Some(notice) => format!("{} ({notice})", d.front.summary),
                None => d.front.summary.clone(),
            };
            Entry {
                id: url.clone(),
                title: Text::plain(d.front.title.clone()),
                updated: timestamp(d.front.date),
                published: Some(timestamp(d.front.date)),
                summary: Some(Text::plain(summary)),
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
        id: site.absolute(&spec.path),
        title: Text::plain(spec.title),
        subtitle: Some(Text::plain(match notices::site(&site.config.example) {
            Some(notice) => format!("{} ({notice})", site.config.description),
            None => site.config.description.clone(),
        })),
        updated,
        authors: vec![Person {
            name: site.config.publisher.name.clone(),
            ..Person::default()
        }],
        links: vec![
            link(site.absolute(&spec.path), "self", "application/atom+xml"),
            link(site.absolute(&spec.page), "alternate", "text/html"),
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
            title: site.text("frame.feed_title", &[("site", &site.config.title)]),
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

/// How many URLs one sitemap file may list (the sitemap protocol's limit).
const SITEMAP_LIMIT: usize = 50_000;

/// One URL of the sitemap: its address, the date of its content where
/// the content has one, and its versions in the site's languages
/// (`hreflang`, URL; empty for a page in one language only).
type SitemapEntry = (String, Option<Date>, Vec<(String, String)>);

/// The sitemap: every page but the 404 page, in every language, with the
/// date of its content where the content has one and, for a page in more
/// than one language, each version as an `xhtml:link` alternate (with
/// `x-default`, the site's own language), as output files. Up to 50,000
/// pages it is one `sitemap.xml`; beyond, `sitemap.xml` is an index of
/// `sitemap-1.xml`, `sitemap-2.xml`, … of 50,000 URLs each.
pub fn sitemaps(root: &Site) -> Vec<(String, String)> {
    let mut entries: Vec<SitemapEntry> = Vec::new();
    for site in super::languages(root) {
        for page in &site.plan {
            let lastmod = match page.kind {
                PageKind::NotFound => continue,
                // A demonstration date is no date of a change: crawlers
                // would take it as one.
                PageKind::Service(i) => {
                    let s = &site.services[i].front;
                    (!s.example.covers("updated")).then_some(s.updated)
                }
                PageKind::News(i) => {
                    let n = &site.news[i].front;
                    (!n.example.covers("date")).then_some(n.date)
                }
                _ => None,
            };
            let own = site
                .edition
                .as_ref()
                .map_or(&*page.path, |e| e.unprefixed(&page.path));
            // Leichte Sprache is German too: no alternate language.
            let versions: Vec<&Site> = root
                .versions(own)
                .into_iter()
                .filter(|v| !v.is_variant())
                .collect();
            let alternates = if versions.len() > 1 && !site.is_variant() {
                let mut links: Vec<(String, String)> = versions
                    .iter()
                    .map(|v| (v.lang().to_owned(), v.absolute(own)))
                    .collect();
                links.push(("x-default".to_owned(), root.base.absolute(own)));
                links
            } else {
                Vec::new()
            };
            entries.push((site.base.absolute(&page.path), lastmod, alternates));
        }
    }
    sitemap_files(&entries, |path| root.base.absolute(path), SITEMAP_LIMIT)
}

/// The sitemap files for `entries` (absolute URL, last change), at most
/// `limit` URLs a file; `absolute` turns a site path into a URL.
fn sitemap_files(
    entries: &[SitemapEntry],
    absolute: impl Fn(&str) -> String,
    limit: usize,
) -> Vec<(String, String)> {
    let urlset = |entries: &[SitemapEntry]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
        );
        if entries
            .iter()
            .any(|(_, _, alternates)| !alternates.is_empty())
        {
            xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
        }
        xml.push_str(">\n");
        for (url, lastmod, alternates) in entries {
            xml.push_str("  <url><loc>");
            xml.push_str(&xml_text(url));
            xml.push_str("</loc>");
            if let Some(date) = lastmod {
                xml.push_str(&format!("<lastmod>{date}</lastmod>"));
            }
            for (hreflang, href) in alternates {
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{}\"/>",
                    xml_text(href).replace('"', "&quot;")
                ));
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    };
    let main = urls::output_file(urls::SITEMAP);
    if entries.len() <= limit {
        return vec![(main, urlset(entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(limit.max(1)).enumerate() {
        let path = format!("/sitemap-{}.xml", n + 1);
        index.push_str("  <sitemap><loc>");
        index.push_str(&xml_text(&absolute(&path)));
        index.push_str("</loc></sitemap>\n");
        files.push((urls::output_file(&path), urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (main, index));
    files
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

/// robots.txt: everything may be crawled but the editors' `/admin/`; the
/// sitemap says what there is.
pub fn robots(site: &Site) -> String {
    let admin = if site.publishes_admin() {
        format!(
            "Disallow: {}\n",
            site.base.href(&format!("/{}/", crate::admin::ADMIN_DIR))
        )
    } else {
        String::new()
    };
    format!(
        "User-agent: *\nAllow: /\n{admin}\nSitemap: {}\n",
        site.base.absolute(urls::SITEMAP)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let entries: Vec<SitemapEntry> = (1..=5)
            .map(|n| (format!("https://x.example/p{n}/"), None, Vec::new()))
            .collect();
        let absolute = |p: &str| format!("https://x.example{p}");
        let one = sitemap_files(&entries, absolute, 5);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "sitemap.xml");
        assert_eq!(one[0].1.matches("<url>").count(), 5);

        let split = sitemap_files(&entries, absolute, 2);
        let names: Vec<&str> = split.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert!(split[0].1.contains("<sitemapindex"));
        assert_eq!(split[0].1.matches("<sitemap>").count(), 3);
        assert!(split[0]
            .1
            .contains("<loc>https://x.example/sitemap-3.xml</loc>"));
        let counts: Vec<usize> = split[1..]
            .iter()
            .map(|(_, x)| x.matches("<url>").count())
            .collect();
        assert_eq!(counts, [2, 2, 1]);
    }
}
