//! The output guard: the last look at every page and stylesheet before it
//! is published, whatever template, theme or static file made it.
//!
//! - **Privacy:** a page must not make the visitor's browser contact any
//!   other host — no CDN, web font, tracker, iframe or external image (a
//!   German court awarded damages for a site that loaded Google Fonts from
//!   Google).
//! - **Script:** a page must not carry anything that runs script: event
//!   handler attributes, inline `<script>`, embedded documents, or
//!   `javascript:`-like addresses in any URL attribute. The URL policy
//!   keeps such addresses out of content; this catches what a theme or a
//!   static file would bring in.
//!
//! The guard fails closed: a page it cannot parse, it refuses.

use std::cell::RefCell;

use lol_html::html_content::Element;
use lol_html::{element, text, HtmlRewriter, Settings};

use crate::urls::policy;

/// What the guard found wrong with a page or stylesheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A request to another host, as "element: URL".
    ForeignRequest(String),
    /// Something that would run script, as "where: what".
    Script(String),
}

/// `rel` values of `<link>` that make the browser fetch the target.
const FETCHING_RELS: [&str; 9] = [
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
];

/// Attributes whose value is an address the browser follows or loads.
const URL_ATTRIBUTES: [&str; 10] = [
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "cite",
    "xlink:href",
    "ping",
];

/// Whether fetching `url` from a page of `origin` contacts another host.
fn is_foreign(url: &str, origin: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return !lower.starts_with(&origin.to_ascii_lowercase());
    }
    url.starts_with("//")
}

/// URLs inside CSS `url(…)` and `@import "…"`.
fn css_urls(css: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let lower = css.to_ascii_lowercase();
    for (i, _) in lower.match_indices("url(") {
        let rest = &css[i + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        urls.push(rest[..end].trim().trim_matches(['"', '\'']).to_owned());
    }
    for (i, _) in lower.match_indices("@import") {
        let rest = css[i + 7..].trim_start();
        if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
            let inner = &rest[1..];
            urls.push(inner[..inner.find(quote).unwrap_or(inner.len())].to_owned());
        }
    }
    urls
}

/// What is wrong with a stylesheet (or a style attribute or element).
pub fn scan_css(css: &str, origin: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for url in css_urls(css) {
        if policy::runs_script(&url) {
            found.push(Finding::Script(format!("url({url})")));
        } else if is_foreign(&url, origin) {
            found.push(Finding::ForeignRequest(url));
        }
    }
    // `expression()`, `behavior:` and `-moz-binding` ran script only in
    // browsers long gone; no browser today runs script from CSS otherwise.
    found
}

/// What is wrong with an HTML page; an error when it cannot be parsed.
///
/// One handler looks at every element (cheaper than one selector per rule:
/// the guard reads every page of the site), and the rewriter's output is
/// dropped: the guard only reads.
pub fn scan_html(html: &str, origin: &str) -> Result<Vec<Finding>, String> {
    scan(&[html], origin).map(|(found, _)| found)
}

/// The element that marks where trusted HTML was cut out of a page.
const SPLIT_MARK: &str = "<portal-guard-split>";

/// What is wrong with a page that contains `trusted`, HTML made by the
/// portal's own Markdown renderer, whose safety is enforced where it is
/// made (raw HTML becomes text, addresses pass the URL policy, images from
/// other hosts are content errors): only the page around it is parsed.
/// On pages with highlighted code that is a fraction of the bytes.
///
/// Cutting is sound only where the trusted HTML sits in ordinary markup,
/// not inside an attribute, a comment or a `<script>`/`<style>` body: an
/// element put in its place is seen as an element only there. When it is
/// not seen, or `trusted` does not occur, the whole page is parsed.
pub fn scan_html_around(html: &str, trusted: &str, origin: &str) -> Result<Vec<Finding>, String> {
    let Some(at) = (!trusted.is_empty()).then(|| html.find(trusted)).flatten() else {
        return scan_html(html, origin);
    };
    let parts = [&html[..at], SPLIT_MARK, &html[at + trusted.len()..]];
    match scan(&parts, origin)? {
        (found, true) => Ok(found),
        (_, false) => scan_html(html, origin),
    }
}

/// Parses `parts` as one document; also says whether the split mark was
/// seen as an element.
fn scan(parts: &[&str], origin: &str) -> Result<(Vec<Finding>, bool), String> {
    let found = RefCell::new(Vec::new());
    let split_seen = std::cell::Cell::new(false);
    let settings = Settings::new()
        .append_element_content_handler(element!("*", |el| {
            if el.tag_name() == SPLIT_MARK[1..SPLIT_MARK.len() - 1] {
                split_seen.set(true);
            } else {
                scan_element(el, origin, &mut found.borrow_mut());
            }
            Ok(())
        }))
        .append_element_content_handler(text!("style", |chunk| {
            css_findings("<style>", chunk.as_str(), origin, &mut found.borrow_mut());
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    for part in parts {
        rewriter.write(part.as_bytes()).map_err(|e| e.to_string())?;
    }
    rewriter.end().map_err(|e| e.to_string())?;
    Ok((found.into_inner(), split_seen.get()))
}

/// The rules for one element: its name, event handlers, URL attributes,
/// and what it loads.
fn scan_element(el: &Element, origin: &str, found: &mut Vec<Finding>) {
    let tag = el.tag_name();
    let attribute = |name: &str| el.get_attribute(name).map(htmlize::unescape_attribute);
    let mut foreign = |what: String, url: &str| {
        if is_foreign(url, origin) {
            found.push(Finding::ForeignRequest(format!("{what}: {url}")));
        }
    };
    match tag.as_str() {
        "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" => {
            found.push(Finding::Script(format!("<{tag}> embeds another document")));
        }
        // A JSON-LD block is data: browsers never run a script element
        // whose type is not JavaScript. Only this one type passes.
        "script"
            if !el.has_attribute("src")
                && !attribute("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
        {
            found.push(Finding::Script("inline <script>".into()))
        }
        "meta" if attribute("http-equiv").is_some_and(|k| k.eq_ignore_ascii_case("refresh")) => {
            found.push(Finding::Script(
                "<meta http-equiv=\"refresh\"> redirects the visitor".into(),
            ));
        }
        "link" => {
            let rel = attribute("rel").unwrap_or_default().to_ascii_lowercase();
            if rel.split_whitespace().any(|r| FETCHING_RELS.contains(&r)) {
                foreign(
                    format!("<link rel=\"{rel}\">"),
                    &attribute("href").unwrap_or_default(),
                );
            }
        }
        _ => {}
    }
    for attr in el.attributes() {
        let name = attr.name();
        let value = htmlize::unescape_attribute(attr.value());
        match name.as_str() {
            n if n.starts_with("on") || n == "srcdoc" => {
                found.push(Finding::Script(format!("<{tag} {name}>")));
                continue;
            }
            "style" => css_findings("style attribute", &value, origin, found),
            "srcset" => {
                for candidate in value.split(',') {
                    let url = candidate.split_whitespace().next().unwrap_or("");
                    if is_foreign(url, origin) {
                        found.push(Finding::ForeignRequest(format!("<{tag} srcset>: {url}")));
                    }
                }
            }
            _ => {}
        }
        if !URL_ATTRIBUTES.contains(&name.as_str()) {
            continue;
        }
        if policy::runs_script(&value) {
            let image = tag == "img"
                && name == "src"
                && value.trim().to_ascii_lowercase().starts_with("data:image/");
            if !image {
                found.push(Finding::Script(format!("<{tag} {name}=\"{value}\">")));
            }
        }
        // What the browser fetches by itself (a link is followed only when
        // clicked, so `href` of <a> is no request).
        let fetched = match name.as_str() {
            "src" | "poster" => true,
            "data" => tag == "object",
            "action" => tag == "form",
            _ => false,
        };
        if fetched && is_foreign(&value, origin) {
            found.push(Finding::ForeignRequest(format!("<{tag} {name}>: {value}")));
        }
    }
}

/// Adds what [`scan_css`] finds in CSS inside a page, saying where.
fn css_findings(what: &str, css: &str, origin: &str, found: &mut Vec<Finding>) {
    for finding in scan_css(css, origin) {
        found.push(match finding {
            Finding::ForeignRequest(url) => Finding::ForeignRequest(format!("{what}: {url}")),
            Finding::Script(s) => Finding::Script(format!("{what}: {s}")),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://digital.example/";

    fn foreign(found: Vec<Finding>) -> Vec<String> {
        found
            .into_iter()
            .filter_map(|f| match f {
                Finding::ForeignRequest(s) => Some(s),
                Finding::Script(_) => None,
            })
            .collect()
    }

    fn scripts(html: &str) -> Vec<String> {
        scan_html(html, ORIGIN)
            .unwrap()
            .into_iter()
            .filter_map(|f| match f {
                Finding::Script(s) => Some(s),
                Finding::ForeignRequest(_) => None,
            })
            .collect()
    }

    #[test]
    fn foreign_resources_are_found() {
        let html = r#"<html><head>
            <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
            <link rel="canonical" href="https://elsewhere.example/x/">
            <link rel="icon" href="/favicon.svg">
            <style>@import "//cdn.example/x.css"; body { background: url(https://digital.example/own.png) }</style>
            </head><body>
            <img src="https://tracker.example/pixel.gif" alt="">
            <img srcset="/a.png 1x, https://cdn.example/b.png 2x" alt="">
            <div style="background: url('https://cdn.example/bg.jpg')"></div>
            <a href="https://other.example/">a link is no request</a>
            <img src="data:image/png;base64,AAAA" alt="">
            <img src="&#x68;ttps://entity.example/x.png" alt="">
            </body></html>"#;
        assert_eq!(
            foreign(scan_html(html, ORIGIN).unwrap()),
            [
                "<link rel=\"stylesheet\">: https://fonts.googleapis.com/css?family=Roboto",
                "<style>: //cdn.example/x.css",
                "<img src>: https://tracker.example/pixel.gif",
                "<img srcset>: https://cdn.example/b.png",
                "style attribute: https://cdn.example/bg.jpg",
                "<img src>: https://entity.example/x.png",
            ]
        );
        assert_eq!(scripts(html), Vec::<String>::new());
    }

    #[test]
    fn script_in_any_form_is_found() {
        let html = r#"<body onload="x()">
            <a href="javascript:alert(1)">a</a>
            <a href="&#106;avascript&colon;alert(1)">b</a>
            <a href=" JaVaScRiPt:alert(1)">c</a>
            <a href="java&Tab;script:alert(1)">d</a>
            <form action="vbscript:x"><button formaction="data:text/html,x">e</button></form>
            <svg><a xlink:href="javascript:x">f</a></svg>
            <iframe srcdoc="&lt;script&gt;"></iframe>
            <script>alert(1)</script>
            <script type="application/ld+json">{"@type": "Thing"}</script>
            <script type="text/javascript">alert(2)</script>
            <script type="module">alert(3)</script>
            <script src="/assets/search.js"></script>
            <meta http-equiv="refresh" content="0;url=javascript:x">
            <img src="data:image/png;base64,AAAA" alt="">
            <div style="background:url(javascript:x)"></div>
            <a href="/leistungen/">ok</a></body>"#;
        let found = scripts(html);
        for expected in [
            "<body onload>",
            "<a href=\"javascript:alert(1)\">",
            "<a href=\"javascript:alert(1)\">",
            "<a href=\" JaVaScRiPt:alert(1)\">",
            "<a href=\"java\tscript:alert(1)\">",
            "<form action=\"vbscript:x\">",
            "<button formaction=\"data:text/html,x\">",
            "<a xlink:href=\"javascript:x\">",
            "<iframe srcdoc>",
            "<iframe> embeds another document",
            "inline <script>",
            "<meta http-equiv=\"refresh\"> redirects the visitor",
            "style attribute: url(javascript:x)",
        ] {
            assert!(
                found.iter().any(|f| f == expected),
                "{expected} not in {found:#?}"
            );
        }
        let twice = "<a href=\"javascript:alert(1)\">";
        assert_eq!(found.iter().filter(|f| *f == twice).count(), 2);
        // alert(1), text/javascript and module run; the JSON-LD block does not.
        let inline = found.iter().filter(|f| *f == "inline <script>").count();
        assert_eq!(inline, 3, "{found:#?}");
        assert_eq!(found.len(), 15, "{found:#?}");
    }

    #[test]
    fn css_files() {
        let css = "@font-face { src: url(\"https://fonts.gstatic.com/x.woff2\") } a { background: url(/own.png) } b { background: url( javascript:x) }";
        assert_eq!(
            scan_css(css, ORIGIN),
            [
                Finding::ForeignRequest("https://fonts.gstatic.com/x.woff2".into()),
                Finding::Script("url(javascript:x)".into())
            ]
        );
    }

    #[test]
    fn what_cannot_be_parsed_is_refused() {
        // lol_html cannot tell how this would be parsed: refuse, not pass.
        let error = scan_html("<select><plaintext><script>alert(1)</script>", ORIGIN).unwrap_err();
        assert!(error.contains("ambiguous"), "{error}");
    }

    /// A stand-in for trusted body HTML that the guard would flag if it
    /// read it: cutting it out is visible in the findings.
    const BODY: &str = r#"<p>Text <img src="https://body.example/x.png" alt="x"></p>"#;

    fn around(html: &str) -> Vec<String> {
        foreign(scan_html_around(html, BODY, ORIGIN).unwrap())
    }

    #[test]
    fn trusted_body_in_ordinary_markup_is_skipped_and_the_rest_is_read() {
        let page = format!(
            r#"<main><div class="prose">{BODY}</div><img src="https://cdn.example/a.png" alt=""></main>"#
        );
        assert_eq!(around(&page), ["<img src>: https://cdn.example/a.png"]);
        // The whole page, read in full, has both.
        assert_eq!(foreign(scan_html(&page, ORIGIN).unwrap()).len(), 2);
    }

    #[test]
    fn a_body_inside_an_attribute_comment_or_script_is_read_in_full() {
        for page in [
            format!(r#"<img alt="{BODY}" src="https://t.example/p.gif">"#),
            format!(r#"<img alt="a>{BODY}" src="https://t.example/p.gif">"#),
            format!(r#"<img {BODY} src="https://t.example/p.gif">"#),
            format!("<!-- {BODY} --><p>x</p>"),
            format!("<textarea>{BODY}</textarea>"),
            format!(r#"<script type="application/ld+json">{BODY}</script>"#),
        ] {
            let whole = foreign(scan_html(&page, ORIGIN).unwrap());
            assert_eq!(around(&page), whole, "{page}");
        }
    }

    #[test]
    fn a_page_without_the_body_is_read_in_full() {
        let page = r#"<p>anders</p><img src="https://cdn.example/a.png" alt="">"#;
        assert_eq!(around(page), ["<img src>: https://cdn.example/a.png"]);
    }
}
