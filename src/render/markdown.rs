//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough and
//! task lists; headings get stable, readable ids; fenced code is
//! highlighted; site-absolute links get the base path.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::highlight::highlight;
use crate::text::slugify;
use crate::urls::BaseUrl;

/// The Markdown extensions the portal supports.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
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
type OpenHeading<'a> = (HeadingLevel, Option<CowStr<'a>>, Vec<CowStr<'a>>, Vec<Event<'a>>);

/// Renders `markdown`; links starting with `/` are site paths and get the
/// base path of `base`. Raw HTML is shown as text, never passed through, so
/// content cannot inject markup or script into the portal.
pub fn render(markdown: &str, base: &BaseUrl) -> Rendered {
    let mut events: Vec<Event> = Vec::new();
    let mut headings = Vec::new();
    let mut used_ids = std::collections::HashSet::new();
    let mut heading: Option<OpenHeading> = None;
    let mut code: Option<(String, String)> = None;

    for event in Parser::new_ext(markdown, options()) {
        let event = match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: site_link(dest_url, base),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: site_link(dest_url, base),
                title,
                id,
            }),
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
                let text = plain_text(&inner);
                let base_id = match &explicit_id {
                    Some(id) => id.to_string(),
                    None => match slugify(&text) {
                        s if s.is_empty() => "abschnitt".to_owned(),
                        s => s,
                    },
                };
                let mut id = base_id.clone();
                let mut n = 1;
                while !used_ids.insert(id.clone()) {
                    id = format!("{base_id}-{n}");
                    n += 1;
                }
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

/// The text of a heading's inline events.
fn plain_text(events: &[Event]) -> String {
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
    fn extensions_work() {
        let r = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~alt~~ text[^1]\n\n[^1]: Fußnote\n\n- [x] erledigt\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>alt</del>"));
        assert!(r.html.contains("footnote"));
        assert!(r.html.contains("type=\"checkbox\""));
    }

    #[test]
    fn raw_html_is_text() {
        let r = html("<script>alert(1)</script>\n\nText <b onclick=x>fett</b>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<b "));
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
