//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough and
//! task lists; headings get stable, readable ids; fenced code is
//! highlighted; site-absolute links get the base path; addresses the URL
//! policy refuses never reach the HTML.
//!
//! Loading reads each body's [`Outline`] (headings, links, images) for the
//! checks; rendering turns it into HTML. Both parse the same way.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

mod highlight;

use crate::text::slugify;
use crate::urls::policy::{self, Use};
use crate::urls::BaseUrl;
pub use highlight::highlight;

/// The Markdown extensions the portal supports.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Plain text of a body, for the search index: every text and code span,
/// separated by spaces, read with the page's own [`options`] (so a table
/// or a footnote is text to find, as it is on the page).
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                text.push_str(&t);
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text
}

/// The first paragraph of a body as plain text, for short descriptions (the
/// governance tree, meta descriptions), read with the page's own
/// [`options`].
pub fn first_paragraph(markdown: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Gives each heading of one document its id: the explicit `{#id}` or the
/// slug of its text, made unique with `-1`, `-2`. Rendering and the link
/// checks both use it, so a `#fragment` is checked against the very id the
/// page will carry.
#[derive(Debug, Default)]
pub struct HeadingIds {
    used: std::collections::HashSet<String>,
}

impl HeadingIds {
    /// The id of the next heading.
    pub fn assign(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = match explicit {
            Some(id) => id.to_owned(),
            None => match slugify(text) {
                s if s.is_empty() => "abschnitt".to_owned(),
                s => s,
            },
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// A heading of a rendered document, for tables of contents and link checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's text.
    pub text: String,
    /// Its `id`, the target of `#fragment` links.
    pub id: String,
}

/// A rendered Markdown document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Its headings in order.
    pub headings: Vec<Heading>,
}

/// A heading being collected: level, explicit id, classes, inner events.
type OpenHeading<'a> = (
    HeadingLevel,
    Option<CowStr<'a>>,
    Vec<CowStr<'a>>,
    Vec<Event<'a>>,
);

/// Renders `markdown`; links starting with `/` are site paths and get the
/// base path of `base`. Raw HTML is shown as text, never passed through, so
/// content cannot inject markup or script into the portal.
pub fn render(markdown: &str, base: &BaseUrl) -> Rendered {
    let mut events: Vec<Event> = Vec::new();
    let mut headings = Vec::new();
    let mut ids = HeadingIds::default();
    let mut heading: Option<OpenHeading> = None;
    let mut code: Option<(String, String)> = None;
    let mut tables = 0;

    // For each open link or image: whether the URL policy dropped it (its
    // text stays, as text).
    let mut open_links: Vec<bool> = Vec::new();

    for event in Parser::new_ext(markdown, options()) {
        let event = match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let allowed = match link_type {
                    LinkType::Email => {
                        policy::check(&format!("mailto:{dest_url}"), Use::Link).is_ok()
                    }
                    _ => policy::check(&dest_url, Use::Link).is_ok(),
                };
                open_links.push(!allowed);
                if !allowed {
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: site_link(dest_url, base),
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let allowed = policy::check(&dest_url, Use::Image).is_ok();
                open_links.push(!allowed);
                if !allowed {
                    continue;
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: site_link(dest_url, base),
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link | TagEnd::Image) if open_links.pop() == Some(true) => continue,
            other => other,
        };
        if let Some((_, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (language, text) = code.take().unwrap_or_default();
                    events.push(Event::Html(highlight(&text, &language).into()));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => heading = Some((level, id, classes, Vec::new())),
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, explicit_id, classes, inner)) = heading.take() else {
                    continue;
                };
                let text = inline_text(&inner);
                let id = ids.assign(explicit_id.as_deref(), &text);
                headings.push(Heading {
                    level: level as u8,
                    text,
                    id: id.clone(),
                });
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs: Vec::new(),
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Table(alignments)) => {
                // A wide table scrolls inside a labelled region that keyboard
                // users can focus, instead of widening the page. A paragraph
                // "Tabelle: …" right before the table becomes its caption.
                tables += 1;
                match take_caption(&mut events) {
                    Some(caption) => {
                        let id = format!("_tabelle-{tables}");
                        events.push(Event::Html(
                            format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\">\n").into(),
                        ));
                        events.push(Event::Start(Tag::Table(alignments)));
                        events.push(Event::Html(format!("<caption id=\"{id}\">").into()));
                        events.push(Event::Text(caption.into()));
                        events.push(Event::Html("</caption>".into()));
                    }
                    None => {
                        events.push(Event::Html(
                            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tabelle\">\n".into(),
                        ));
                        events.push(Event::Start(Tag::Table(alignments)));
                    }
                }
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html("</div>\n".into()));
            }
            other => match heading.as_mut() {
                Some((_, _, _, inner)) => inner.push(other),
                None => events.push(other),
            },
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered { html, headings }
}

/// What the checks need to know of a document's Markdown, with byte
/// ranges relative to the start of the Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Headings: level, id, range.
    pub headings: Vec<(u8, String, Range<usize>)>,
    /// Links (not images) in the order they appear.
    pub links: Vec<Link>,
    /// Images: destination, alt text, range.
    pub images: Vec<(String, String, Range<usize>)>,
    /// Reference definitions (`[label]: address`): address and range, in
    /// the order they appear, used or not.
    pub definitions: Vec<(String, Range<usize>)>,
}

/// A link of a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The address as the browser will get it (e-mail autolinks with
    /// `mailto:`).
    pub dest: String,
    /// Where the link stands.
    pub range: Range<usize>,
    /// Whether the address comes from a reference definition, which is
    /// where problems with the address itself are reported.
    pub via_reference: bool,
}

impl Outline {
    /// Reads the outline of `markdown` (the same parse as [`render`]).
    pub fn of(markdown: &str) -> Self {
        let mut outline = Outline::default();
        let mut ids = HeadingIds::default();
        // (level, explicit id, start, text) of the heading being read.
        let mut heading: Option<(u8, Option<String>, usize, String)> = None;
        let mut image: Option<(String, usize, String)> = None;
        let mut events = Parser::new_ext(markdown, options()).into_offset_iter();
        for (event, range) in events.by_ref() {
            match event {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    heading = Some((
                        level as u8,
                        id.map(|i| i.to_string()),
                        range.start,
                        String::new(),
                    ));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, explicit, start, text)) = heading.take() {
                        let id = ids.assign(explicit.as_deref(), &text);
                        outline.headings.push((level, id, start..range.end));
                    }
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => {
                    let dest = match link_type {
                        LinkType::Email => format!("mailto:{dest_url}"),
                        _ => dest_url.to_string(),
                    };
                    outline.links.push(Link {
                        dest,
                        range,
                        via_reference: matches!(
                            link_type,
                            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
                        ),
                    });
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    image = Some((dest_url.to_string(), range.start, String::new()));
                }
                Event::End(TagEnd::Image) => {
                    if let Some((dest, start, alt)) = image.take() {
                        outline.images.push((dest, alt, start..range.end));
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, _, _, text)) = heading.as_mut() {
                        text.push_str(&t);
                    }
                    if let Some((_, _, alt)) = image.as_mut() {
                        alt.push_str(&t);
                    }
                }
                _ => {}
            }
        }
        let mut definitions: Vec<(String, Range<usize>)> = events
            .reference_definitions()
            .iter()
            .map(|(_, def)| (def.dest.to_string(), def.span.clone()))
            .collect();
        definitions.sort_by_key(|(_, range)| range.start);
        outline.definitions = definitions;
        outline
    }

    /// Whether a heading has this id.
    pub fn has_id(&self, id: &str) -> bool {
        self.headings.iter().any(|(_, h, _)| h == id)
    }

    /// A fingerprint of the heading ids, in order: what links to the
    /// text can name (not where the headings are).
    pub fn ids_print(&self) -> u64 {
        let mut hasher = crate::hashing::fingerprinter();
        for (_, id, _) in &self.headings {
            std::hash::Hash::hash(id, &mut hasher);
        }
        std::hash::Hasher::finish(&hasher)
    }
}

/// The prefix of a paragraph that captions the table after it.
const CAPTION_PREFIX: &str = "Tabelle:";

/// If the last events are a paragraph "Tabelle: …", removes it and returns
/// the caption text.
fn take_caption(events: &mut Vec<Event>) -> Option<String> {
    if !matches!(events.last(), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    let start = events
        .iter()
        .rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
    let text = inline_text(&events[start + 1..events.len() - 1]);
    let caption = text.strip_prefix(CAPTION_PREFIX)?.trim().to_owned();
    events.truncate(start);
    Some(caption)
}

/// The text of a heading's inline events.
fn inline_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text
}

/// `/leistungen/x/` → base path + `leistungen/x/`; other links unchanged.
fn site_link<'a>(dest: CowStr<'a>, base: &BaseUrl) -> CowStr<'a> {
    if dest.starts_with('/') && !dest.starts_with("//") {
        base.href(&dest).into()
    } else {
        dest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_text() {
        assert_eq!(
            plain_text("## Titel\n\nEin *wichtiger* [Link](/x/) und `code`.")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Titel", "Ein", "wichtiger", "Link", "und", "code", "."]
        );
        // A table reads as on the page: its cells are text, not pipes.
        let table = plain_text("| Spalte | Wert |\n|---|---|\n| a | b |\n");
        assert!(!table.contains('|'), "{table}");
        assert_eq!(first_paragraph("Ein *Satz*.\n\nZwei."), "Ein Satz.");
    }

    fn html(md: &str) -> Rendered {
        render(md, &BaseUrl::parse("https://example.org/").unwrap())
    }

    #[test]
    fn heading_ids_are_german_and_unique() {
        let r = html("## Übersicht\n\n## Übersicht\n\n### Wer kann `Wohngeld` beantragen?\n");
        assert!(
            r.html.contains("<h2 id=\"uebersicht\">Übersicht</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("id=\"uebersicht-1\""));
        assert_eq!(r.headings[2].id, "wer-kann-wohngeld-beantragen");
    }

    #[test]
    fn outline_matches_the_rendered_ids() {
        let md = "# T\n\n## Übersicht\n\n## Übersicht {#eigen}\n\n## Übersicht\n\n[a](/x/#y) ![](bild.png)\n";
        let o = Outline::of(md);
        let ids: Vec<&str> = o.headings.iter().map(|(_, id, _)| id.as_str()).collect();
        assert_eq!(ids, ["t", "uebersicht", "eigen", "uebersicht-1"]);
        let r = html(md);
        for id in ids {
            assert!(r.html.contains(&format!("id=\"{id}\"")), "{id}: {}", r.html);
        }
        assert_eq!(o.links[0].dest, "/x/#y");
        assert_eq!(&md[o.links[0].range.clone()], "[a](/x/#y)");
        assert_eq!(o.images[0].1, "");
    }

    #[test]
    fn extensions_work() {
        let r = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~alt~~ text[^1]\n\n[^1]: Fußnote\n\n- [x] erledigt\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>alt</del>"));
        assert!(r.html.contains("footnote"));
        assert!(r.html.contains("type=\"checkbox\""));
    }

    #[test]
    fn a_tabelle_paragraph_becomes_the_caption() {
        let r = html(
            "Tabelle: Gebühren <2024>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |\n",
        );
        assert!(r.html.contains("aria-labelledby=\"_tabelle-1\">\n<table><caption id=\"_tabelle-1\">Gebühren &lt;2024&gt;</caption>"), "{}", r.html);
        assert!(!r.html.contains("<p>Tabelle:"));
        assert!(
            r.html.contains("aria-label=\"Tabelle\">\n<table><thead>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn raw_html_is_text() {
        let r = html("<script>alert(1)</script>\n\nText <b onclick=x>fett</b>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<b "));
    }

    #[test]
    fn refused_addresses_never_reach_the_html() {
        let r = html(
            "[a](javascript:alert(1)) <javascript:alert(2)> [b][r] ![c](data:image/svg+xml,x) [d](JaVaScRiPt&colon;alert(3))\n\n[r]: vbscript:x\n",
        );
        // The link texts stay, as text; no address reaches an attribute.
        assert_eq!(r.html, "<p>a javascript:alert(2) b c d</p>\n");
        let o = Outline::of("[b][r] <a@b.de>\n\n[r]: vbscript:x\n");
        assert!(o.links[0].via_reference);
        assert_eq!(o.links[1].dest, "mailto:a@b.de");
        assert_eq!(o.definitions[0].0, "vbscript:x");
    }

    #[test]
    fn site_links_get_the_base_path() {
        let r = render(
            "[a](/leistungen/x/) [b](https://example.com/) [c](#top)",
            &BaseUrl::parse("https://example.org/portal/").unwrap(),
        );
        assert!(
            r.html.contains("href=\"/portal/leistungen/x/\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"https://example.com/\""));
        assert!(r.html.contains("href=\"#top\""));
    }

    #[test]
    fn fenced_code_is_highlighted() {
        let r = html("```yaml\ntitle: x\n```\n");
        assert!(r.html.contains("<pre class=\"code\">"), "{}", r.html);
        assert!(r.html.contains("hl-"));
    }
}
