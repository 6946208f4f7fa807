//! Fixture `small`: the Atom feeds of the news, of each topic and of each
//! body, read back with a real feed parser (`feed-rs`), not by matching
//! strings.

use feed_rs::model::Feed;

use crate::harness::{attrs, Site};

fn parse(site: &Site, file: &str) -> Feed {
    let xml = site.read(file);
    feed_rs::parser::parse(xml.as_bytes())
        .unwrap_or_else(|e| panic!("{file} is no valid feed: {e}\n{xml}"))
}

fn entry_links(feed: &Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| {
            e.links
                .first()
                .expect("every entry links its page")
                .href
                .clone()
        })
        .collect()
}

/// The fixture with one article moved to another topic and body, so that
/// each feed has its own entries.
fn site() -> Site {
    let site = Site::fixture("small");
    let n2 = "content/news/n2.md";
    site.edit(n2, "topics: [familie]", "topics: [bauen]");
    site.edit(n2, "bodies: [ministerium]", "bodies: [it-rat]");
    site.build(&[]);
    site
}

#[test]
fn the_news_feed_holds_every_published_article_newest_first_with_full_text() {
    let site = site();
    let feed = parse(&site, "aktuelles/atom.xml");
    assert_eq!(
        entry_links(&feed),
        [
            "https://test.example/aktuelles/2025/n4/",
            "https://test.example/aktuelles/2025/n3/",
            "https://test.example/aktuelles/2024/n2/",
            "https://test.example/aktuelles/2024/n1/",
        ]
    );
    let first = &feed.entries[0];
    assert_eq!(first.title.as_ref().unwrap().content, "Nachricht n4");
    assert!(first
        .content
        .as_ref()
        .and_then(|c| c.body.as_ref())
        .is_some());
    assert_eq!(
        feed.updated.unwrap().to_rfc3339(),
        "2025-11-20T00:00:00+00:00"
    );
}

#[test]
fn each_topic_and_body_has_a_feed_of_its_own_articles() {
    let site = site();
    let familie = parse(&site, "themen/familie/atom.xml");
    assert_eq!(
        entry_links(&familie),
        [
            "https://test.example/aktuelles/2025/n4/",
            "https://test.example/aktuelles/2025/n3/",
            "https://test.example/aktuelles/2024/n1/",
        ],
        "the draft stays out, n2 moved to another topic"
    );
    assert_eq!(familie.id, "https://test.example/themen/familie/atom.xml");
    assert!(familie.title.unwrap().content.contains("Familie"));
    let bauen = parse(&site, "themen/bauen/atom.xml");
    assert_eq!(
        entry_links(&bauen),
        ["https://test.example/aktuelles/2024/n2/"]
    );
    // Entries of topic and body feeds carry the summary, not the text.
    assert!(bauen.entries[0].summary.is_some());
    assert!(bauen.entries[0].content.is_none());
    let it_rat = parse(&site, "steuerung/it-rat/atom.xml");
    assert_eq!(
        entry_links(&it_rat),
        ["https://test.example/aktuelles/2024/n2/"]
    );
    let ministerium = parse(&site, "steuerung/ministerium/atom.xml");
    assert_eq!(ministerium.entries.len(), 3);
    // A body without articles has a valid, empty feed with a fixed date.
    let regierung = parse(&site, "steuerung/regierung/atom.xml");
    assert!(regierung.entries.is_empty());
    assert_eq!(
        regierung.updated.unwrap().to_rfc3339(),
        "1970-01-01T00:00:00+00:00"
    );
}

#[test]
fn pages_announce_their_feed_in_the_head_and_link_it_visibly() {
    let site = site();
    let topic = site.page("themen/familie/index.html");
    assert_eq!(
        attrs(
            &topic,
            "link[rel=alternate][type='application/atom+xml']",
            "href"
        ),
        ["/aktuelles/atom.xml", "/themen/familie/atom.xml"]
    );
    assert_eq!(
        attrs(&topic, ".feed-link a", "href"),
        ["/themen/familie/atom.xml"]
    );
    let body = site.page("steuerung/ministerium/index.html");
    assert_eq!(
        attrs(&body, ".feed-link a", "href"),
        ["/steuerung/ministerium/atom.xml"]
    );
    let news = site.page("aktuelles/index.html");
    assert_eq!(
        attrs(&news, ".feed-link a", "href"),
        ["/aktuelles/atom.xml"]
    );
}
