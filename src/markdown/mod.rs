//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough and
//! task lists; headings get stable, readable ids; fenced code is
//! highlighted; site-absolute links get the base path; addresses the URL
//! policy refuses never reach the HTML.
//!
//! Each body is parsed once, when its file is loaded ([`parse`]), into a
//! [`ParsedBody`]: the HTML, the [`Outline`] (headings, links, images) for
//! tables of contents and checks, plain text for search and the first
//! paragraph. Pages, feeds, twins, search records and checks read it; none
//! parses the Markdown again, so all read it with the same options.

use std::borrow::Cow;
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

/// A heading of a body, for tables of contents and link checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's text.
    pub text: String,
    /// Its `id`, the target of `#fragment` links.
    pub id: String,
    /// Where it stands in the Markdown text, for problems found in it.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A Markdown body parsed once, with everything derived from it: the
/// pages, feeds, twins, search records and checks all read this instead of
/// parsing the text again (and so all read it with the same options).
#[derive(Debug, Clone, Default)]
pub struct ParsedBody {
    /// The HTML, with site links as written (`/leistungen/x/`) and a
    /// [`CODE_MARK`] where each code block goes: see
    /// [`ParsedBody::html_at`] for the HTML a page shows.
    html: String,
    /// The fenced or indented code blocks, in order: language (the fence's
    /// info string) and code. They are highlighted when a page is made,
    /// not when a file is loaded: highlighting is most of the cost of a
    /// body, and `portal check` or a preview edit elsewhere needs none.
    code: Vec<(String, String)>,
    /// Headings, links and images, for tables of contents and the checks.
    pub outline: Outline,
    /// Plain text for the search index (empty once shed): every text and code span,
    /// separated by spaces (a table or a footnote is text to find, as it is
    /// on the page).
    pub text: String,
    /// The first paragraph as plain text, for short descriptions (the
    /// governance tree, meta descriptions).
    pub first_paragraph: String,
    /// Whether `html`, `code` and `text` are held (see [`ParsedBody::shed`]).
    whole: bool,
}

impl ParsedBody {
    /// Drops the HTML, the code blocks and the search text, most of a
    /// parsed body, and keeps the outline and first paragraph, which the
    /// checks and lists need. A build renders each page once and indexes it
    /// once: it parses the body again then (`Document::parsed_body`) rather
    /// than hold every page's HTML and text from loading to the end. The
    /// preview keeps them whole, since it renders pages again after edits.
    pub fn shed(&mut self) {
        self.html = String::new();
        self.code = Vec::new();
        self.text = String::new();
        self.whole = false;
    }

    /// Whether HTML and search text are held (they are unless shed).
    pub fn is_whole(&self) -> bool {
        self.whole
    }

    /// The HTML for a site published at `base`: each site link (an `href`
    /// or `src` starting with one `/`) gets the base path. The HTML is
    /// made once, for any base, so that the base (which `serve` and
    /// `--base-url` change) is not needed to load a document.
    pub fn html_at(&self, base: &BaseUrl) -> Cow<'_, str> {
        debug_assert!(self.whole, "this body was shed: parse it again");
        let html = if self.code.is_empty() {
            Cow::Borrowed(self.html.as_str())
        } else {
            let mut html = String::with_capacity(self.html.len() * 2);
            let mut pieces = self.html.split(CODE_MARK);
            html.push_str(pieces.next().unwrap_or_default());
            for ((language, code), piece) in self.code.iter().zip(pieces) {
                // The highlighted block ends with the line break the mark
                // stands before.
                html.push_str(&highlight(code, language));
                html.push_str(piece.strip_prefix('\n').unwrap_or(piece));
            }
            Cow::Owned(html)
        };
        match with_base_path(&html, base.path()) {
            Cow::Owned(based) => Cow::Owned(based),
            Cow::Borrowed(_) => html,
        }
    }
}

/// Where a code block goes in [`ParsedBody`]'s HTML until it is
/// highlighted. A control character no Markdown text of a site holds; a
/// body that does hold it has its code highlighted while it is parsed.
const CODE_MARK: char = '\u{1f}';

/// `html` with `path` (`/portal/`) in front of each site link: an `href`
/// or `src` attribute whose value starts with one `/`. Only tags are read:
/// text may hold `href="/x"` as it is (pulldown-cmark escapes `<`, `>` and
/// `&` in text, not quotes), but never a `<`, so a tag is what lies between
/// `<` and the next `>` (attribute values are escaped or percent-encoded).
fn with_base_path<'h>(html: &'h str, path: &str) -> Cow<'h, str> {
    let prefix = path.strip_prefix('/').unwrap_or(path);
    if prefix.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(open) = html[at..].find('<') {
        let start = at + open;
        let end = html[start..]
            .find('>')
            .map_or(html.len(), |close| start + close);
        let tag = &html[start..end];
        let value = [" href=\"/", " src=\"/"]
            .iter()
            .find_map(|attribute| tag.find(attribute).map(|i| start + i + attribute.len()));
        if let Some(value) = value.filter(|&v| !html[v..].starts_with('/')) {
            out.push_str(&html[copied..value]);
            out.push_str(prefix);
            copied = value;
        }
        at = end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// A heading being collected: level, explicit id, classes, start, inner
/// events.
type OpenHeading<'a> = (
    HeadingLevel,
    Option<CowStr<'a>>,
    Vec<CowStr<'a>>,
    usize,
    Vec<Event<'a>>,
);

/// Parses a Markdown body once into its HTML, outline, search text and
/// first paragraph. Site links stay as written (see
/// [`ParsedBody::html_at`]). Raw HTML is shown as text, never passed
/// through, so content cannot inject markup or script into the portal;
/// links and images whose address the URL policy refuses keep their text
/// and lose the address (the outline still lists them, for the checks).
pub fn parse(markdown: &str) -> ParsedBody {
    let mut events: Vec<Event> = Vec::new();
    let mut outline = Outline::default();
    let mut plain = PlainText::with_capacity(markdown.len());
    let mut ids = HeadingIds::default();
    // The heading being read: level, explicit id, classes, start, inner events.
    let mut heading: Option<OpenHeading> = None;
    // The image being read: address, start, alt text.
    let mut image: Option<(String, usize, String)> = None;
    let mut code: Option<(String, String)> = None;
    let mut code_blocks = Vec::new();
    // The mark must stand for code blocks only.
    let highlight_now = markdown.contains(CODE_MARK);
    let mut tables = 0;

    // For each open link or image: whether the URL policy dropped it (its
    // text stays, as text).
    let mut open_links: Vec<bool> = Vec::new();

    let mut parser = Parser::new_ext(markdown, options()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        // Search text and first paragraph read the events as parsed.
        plain.read(&event);
        if let (Event::Text(t) | Event::Code(t), Some((_, _, alt))) = (&event, image.as_mut()) {
            alt.push_str(t);
        }
        let event = match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                let allowed = policy::check(&dest, Use::Link).is_ok();
                outline.links.push(Link {
                    dest,
                    range: range.clone(),
                    via_reference: matches!(
                        link_type,
                        LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
                    ),
                });
                open_links.push(!allowed);
                if !allowed {
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
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
                image = Some((dest_url.to_string(), range.start, String::new()));
                let allowed = policy::check(&dest_url, Use::Image).is_ok();
                open_links.push(!allowed);
                if !allowed {
                    continue;
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if end == TagEnd::Image {
                    if let Some((dest, start, alt)) = image.take() {
                        outline.images.push((dest, alt, start..range.end));
                    }
                }
                if open_links.pop() == Some(true) {
                    continue;
                }
                Event::End(end)
            }
            // Running text gets German typography's no-break spaces; code
            // stays as typed.
            Event::Text(t) if code.is_none() => match crate::typography::tie_spaces(&t) {
                std::borrow::Cow::Owned(tied) => Event::Text(tied.into()),
                std::borrow::Cow::Borrowed(_) => Event::Text(t),
            },
            other => other,
        };
        if let Some((_, code_text)) = code.as_mut() {
            match event {
                Event::Text(t) => code_text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (language, code_text) = code.take().unwrap_or_default();
                    if highlight_now {
                        events.push(Event::Html(highlight(&code_text, &language).into()));
                    } else {
                        // With its line break, as the highlighted block
                        // ends, so the HTML around it is written the same.
                        events.push(Event::Html(format!("{CODE_MARK}\n").into()));
                        code_blocks.push((language, code_text));
                    }
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
            }) => heading = Some((level, id, classes, range.start, Vec::new())),
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, explicit_id, classes, start, inner)) = heading.take() else {
                    continue;
                };
                let heading_text = inline_text(&inner);
                let id = ids.assign(explicit_id.as_deref(), &heading_text);
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.clone().into()),
                    classes,
                    attrs: Vec::new(),
                }));
                outline.headings.push(Heading {
                    level: level as u8,
                    text: heading_text,
                    id,
                    range: start..range.end,
                });
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
                Some((_, _, _, _, inner)) => inner.push(other),
                None => events.push(other),
            },
        }
    }
    let mut definitions: Vec<(String, Range<usize>)> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| (def.dest.to_string(), def.span.clone()))
        .collect();
    definitions.sort_by_key(|(_, range)| range.start);
    outline.definitions = definitions;
    outline.link_paths = {
        let dests = outline.links.iter().map(|link| link.dest.as_str());
        let dests = dests.chain(outline.images.iter().map(|(dest, _, _)| dest.as_str()));
        let dests = dests.chain(outline.definitions.iter().map(|(dest, _)| dest.as_str()));
        let mut paths: Vec<u64> = dests
            .map(|dest| {
                crate::hashing::fingerprint(dest.split(['#', '?']).next().unwrap_or_default())
            })
            .collect();
        paths.sort_unstable();
        paths.dedup();
        paths
    };
    outline.ids_print = {
        let mut hasher = crate::hashing::fingerprinter();
        for heading in &outline.headings {
            std::hash::Hash::hash(&heading.id, &mut hasher);
        }
        std::hash::Hasher::finish(&hasher)
    };

    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    ParsedBody {
        html,
        code: code_blocks,
        outline,
        text: plain.text,
        first_paragraph: match plain.first_paragraph {
            FirstParagraph::NotYet => String::new(),
            FirstParagraph::Reading(p) | FirstParagraph::Read(p) => p,
        },
        whole: true,
    }
}

/// The search text of a Markdown body alone, as [`parse`] makes it
/// (`ParsedBody::text`), without the HTML and outline: for a build that
/// shed the text after loading and indexes the page now.
pub fn plain_text(markdown: &str) -> String {
    let mut plain = PlainText::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        plain.read(&event);
    }
    plain.text
}

/// Search text and first paragraph, read from the events as parsed.
struct PlainText {
    text: String,
    first_paragraph: FirstParagraph,
}

impl PlainText {
    fn with_capacity(capacity: usize) -> Self {
        PlainText {
            text: String::with_capacity(capacity),
            first_paragraph: FirstParagraph::NotYet,
        }
    }

    fn read(&mut self, event: &Event) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                self.text.push_str(t);
                self.text.push(' ');
                if let FirstParagraph::Reading(p) = &mut self.first_paragraph {
                    p.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                self.text.push(' ');
                if let FirstParagraph::Reading(p) = &mut self.first_paragraph {
                    p.push(' ');
                }
            }
            Event::End(end) => {
                self.text.push(' ');
                if matches!(end, TagEnd::Paragraph) {
                    if let FirstParagraph::Reading(p) = &mut self.first_paragraph {
                        self.first_paragraph = FirstParagraph::Read(std::mem::take(p));
                    }
                }
            }
            Event::Start(Tag::Paragraph) => {
                if matches!(self.first_paragraph, FirstParagraph::NotYet) {
                    self.first_paragraph = FirstParagraph::Reading(String::new());
                }
            }
            _ => {}
        }
    }
}

/// How far the first paragraph has been read.
enum FirstParagraph {
    NotYet,
    Reading(String),
    Read(String),
}

/// What the checks need to know of a document's Markdown, with byte
/// ranges relative to the start of the Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Links (not images) in the order they appear.
    pub links: Vec<Link>,
    /// Images: destination, alt text, range.
    pub images: Vec<(String, String, Range<usize>)>,
    /// Reference definitions (`[label]: address`): address and range, in
    /// the order they appear, used or not.
    pub definitions: Vec<(String, Range<usize>)>,
    /// See [`Outline::ids_print`].
    ids_print: u64,
    /// See [`Outline::link_paths`].
    link_paths: Vec<u64>,
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
    /// Whether a heading has this id.
    pub fn has_id(&self, id: &str) -> bool {
        self.headings.iter().any(|h| h.id == id)
    }

    /// A fingerprint of the heading ids, in order: what links to the
    /// text can name (not where the headings are). Taken when the body is
    /// parsed: the link check compares it for every page after each edit.
    pub fn ids_print(&self) -> u64 {
        self.ids_print
    }

    /// Fingerprints of the paths (without `#fragment` or `?query`) that
    /// the links, images and reference definitions name, each once. Taken
    /// when the body is parsed: after an edit that moves a page, the link
    /// check asks every document whether it links there.
    pub fn link_paths(&self) -> &[u64] {
        &self.link_paths
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_text() {
        assert_eq!(
            parse("## Titel\n\nEin *wichtiger* [Link](/x/) und `code`.")
                .text
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Titel", "Ein", "wichtiger", "Link", "und", "code", "."]
        );
        // A table reads as on the page: its cells are text, not pipes.
        let table = parse("| Spalte | Wert |\n|---|---|\n| a | b |\n").text;
        assert!(!table.contains('|'), "{table}");
        assert_eq!(parse("Ein *Satz*.\n\nZwei.").first_paragraph, "Ein Satz.");
        assert_eq!(parse("## Nur\n\n- eine\n- Liste\n").first_paragraph, "");
    }

    /// A body's HTML at the root of a site, and its outline.
    struct Made {
        html: String,
        outline: Outline,
    }

    fn html(md: &str) -> Made {
        let parsed = parse(md);
        Made {
            html: parsed
                .html_at(&BaseUrl::parse("https://example.org/").unwrap())
                .into_owned(),
            outline: parsed.outline,
        }
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
        assert_eq!(r.outline.headings[2].id, "wer-kann-wohngeld-beantragen");
    }

    #[test]
    fn outline_matches_the_rendered_ids() {
        let md = "# T\n\n## Übersicht\n\n## Übersicht {#eigen}\n\n## Übersicht\n\n[a](/x/#y) ![](bild.png)\n";
        let r = parse(md);
        let o = &r.outline;
        let ids: Vec<&str> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["t", "uebersicht", "eigen", "uebersicht-1"]);
        for id in ids {
            assert!(r.html.contains(&format!("id=\"{id}\"")), "{id}: {}", r.html);
        }
        assert_eq!(o.links[0].dest, "/x/#y");
        assert_eq!(&md[o.links[0].range.clone()], "[a](/x/#y)");
        assert_eq!(o.images[0].1, "");
    }

    #[test]
    fn a_heading_with_inline_html_has_one_id_for_page_and_checks() {
        // The page shows raw HTML as text, so its id is made of that text;
        // the link check reads the same id (it once read another).
        let parsed = parse("## Antrag <b>online</b>\n\n[hin](#antrag-b-online-b)\n");
        let id = &parsed.outline.headings[0].id;
        assert_eq!(id, "antrag-b-online-b");
        assert!(parsed.outline.has_id(id));
        let r = html("## Antrag <b>online</b>\n");
        assert!(r.html.contains(&format!("<h2 id=\"{id}\">")), "{}", r.html);
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
        let o = parse("[b][r] <a@b.de>\n\n[r]: vbscript:x\n").outline;
        assert!(o.links[0].via_reference);
        assert_eq!(o.links[1].dest, "mailto:a@b.de");
        assert_eq!(o.definitions[0].0, "vbscript:x");
    }

    #[test]
    fn site_links_get_the_base_path() {
        let parsed = parse(
            "[a](/leistungen/x/) [b](https://example.com/) [c](#top) ![d](/bild.png) [e](//cdn.example/x) `href=\"/code\"` src=\"/text\"\n\n```html\n<a href=\"/im-code\">\n```\n",
        );
        let html = parsed.html_at(&BaseUrl::parse("https://example.org/portal/").unwrap());
        assert!(html.contains("href=\"/portal/leistungen/x/\""), "{html}");
        assert!(html.contains("src=\"/portal/bild.png\""), "{html}");
        assert!(html.contains("href=\"https://example.com/\""));
        assert!(html.contains("href=\"#top\""));
        // Text and code that look like attributes are escaped, so untouched.
        assert_eq!(html.matches("/portal/").count(), 2, "{html}");
        // At the root, the HTML is the one made while parsing.
        let plain = parse("[a](/x/) und Text");
        let root = plain.html_at(&BaseUrl::parse("https://example.org/").unwrap());
        assert!(matches!(root, Cow::Borrowed(_)));
    }

    #[test]
    fn fenced_code_is_highlighted() {
        let r = html("```yaml\ntitle: x\n```\n\nText\n\n    eingerückt\n");
        assert!(r.html.contains("<pre class=\"code\">"), "{}", r.html);
        assert!(r.html.contains("hl-"));
        assert!(r.html.contains("eingerückt"));
        assert!(!r.html.contains(CODE_MARK));
        // A body holding the mark itself keeps it as text and still gets
        // its code in the right place.
        let marked = format!("Ein {CODE_MARK} Zeichen\n\n```\nx\n```\n\nEnde {CODE_MARK}\n");
        let r = html(&marked);
        assert_eq!(r.html.matches(CODE_MARK).count(), 2, "{}", r.html);
        let code = r.html.find("<pre").unwrap();
        assert!(r.html.find("Ein").unwrap() < code && code < r.html.find("Ende").unwrap());
    }

    /// Pieces of Markdown with site links, other links, and text or code
    /// that looks like an attribute.
    const PIECES: &[&str] = &[
        "[a](/leistungen/x/)",
        "![b](/bild.png \"Titel /x\")",
        "[c](//cdn.example/x)",
        "[d](https://example.com/y)",
        "<https://example.com/z>",
        "`href=\"/code\"`",
        "src=\"/text\" and href='/x'",
        "<a href=\"/raw\">raw</a>",
        "```html\n<img src=\"/im-code\">\n```",
        "| [t](/tabelle/) | `=\"/` |\n|---|---|\n| 1 | 2 |",
        "Fußnote[^1]\n\n[^1]: mit [Link](/fn/)",
        "[r][ref]\n\n[ref]: /referenz/ \"=\\\"/\"",
        "## Überschrift mit [Link](/h/) {#eigen}",
        "[j](javascript:alert(1)) ![k](data:image/png,x)",
    ];

    proptest::proptest! {
        /// The HTML for a base path is the HTML made once, with the base
        /// path in front of each allowed site link and nothing else
        /// changed.
        #[test]
        fn base_paths_reach_exactly_the_site_links(picks in proptest::collection::vec(0..PIECES.len(), 1..8)) {
            let markdown: Vec<&str> = picks.iter().map(|&i| PIECES[i]).collect();
            let markdown = markdown.join("\n\n");
            let parsed = parse(&markdown);
            let html = parsed.html_at(&BaseUrl::parse("https://example.org/portal/").unwrap());
            let outline = &parsed.outline;
            let site_links = outline
                .links
                .iter()
                .map(|l| l.dest.as_str())
                .chain(outline.images.iter().map(|(d, _, _)| d.as_str()))
                .filter(|d| d.starts_with('/') && !d.starts_with("//"))
                .count();
            proptest::prop_assert_eq!(html.matches("=\"/portal/").count(), site_links, "{}", html);
            let root = parsed.html_at(&BaseUrl::parse("https://example.org/").unwrap());
            proptest::prop_assert_eq!(html.replace("=\"/portal/", "=\"/"), root.into_owned());
        }

        /// The search text read alone is the text of the whole parse.
        #[test]
        fn plain_text_is_the_text_of_the_whole_parse(picks in proptest::collection::vec(0..PIECES.len(), 1..8)) {
            let markdown: Vec<&str> = picks.iter().map(|&i| PIECES[i]).collect();
            let markdown = markdown.join("\n\n");
            proptest::prop_assert_eq!(plain_text(&markdown), parse(&markdown).text);
        }
    }
}
