//! The privacy guard: a page of the portal must not make the visitor's
//! browser contact any other host — no CDN, web font, tracker, iframe or
//! external image (a German court awarded damages for a site that loaded
//! Google Fonts from Google). Every rendered page and stylesheet is scanned;
//! a request to another host fails the build.

use std::cell::RefCell;

use lol_html::{element, text, RewriteStrSettings};

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

/// Requests to other hosts in a stylesheet.
pub fn foreign_requests_in_css(css: &str, origin: &str) -> Vec<String> {
    css_urls(css)
        .into_iter()
        .filter(|u| is_foreign(u, origin))
        .collect()
}

/// Requests to other hosts in an HTML page, each as "element: URL".
pub fn foreign_requests_in_html(html: &str, origin: &str) -> Vec<String> {
    let found = RefCell::new(Vec::new());
    let report = |what: &str, url: &str| {
        if is_foreign(url, origin) {
            found.borrow_mut().push(format!("{what}: {url}"));
        }
    };
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("[src]", |el| {
            report(
                &format!("<{} src>", el.tag_name()),
                &el.get_attribute("src").unwrap_or_default(),
            );
            Ok(())
        }))
        .append_element_content_handler(element!("[srcset]", |el| {
            for candidate in el.get_attribute("srcset").unwrap_or_default().split(',') {
                let url = candidate.split_whitespace().next().unwrap_or("");
                report(&format!("<{} srcset>", el.tag_name()), url);
            }
            Ok(())
        }))
        .append_element_content_handler(element!("[poster], object[data], form[action]", |el| {
            for attr in ["poster", "data", "action"] {
                if let Some(url) = el.get_attribute(attr) {
                    report(&format!("<{} {attr}>", el.tag_name()), &url);
                }
            }
            Ok(())
        }))
        .append_element_content_handler(element!("link[href]", |el| {
            let rel = el
                .get_attribute("rel")
                .unwrap_or_default()
                .to_ascii_lowercase();
            if rel.split_whitespace().any(|r| FETCHING_RELS.contains(&r)) {
                report(
                    &format!("<link rel=\"{rel}\">"),
                    &el.get_attribute("href").unwrap_or_default(),
                );
            }
            Ok(())
        }))
        .append_element_content_handler(element!("[style]", |el| {
            for url in css_urls(&el.get_attribute("style").unwrap_or_default()) {
                report("style attribute", &url);
            }
            Ok(())
        }))
        .append_element_content_handler(text!("style", |chunk| {
            for url in css_urls(chunk.as_str()) {
                report("<style>", &url);
            }
            Ok(())
        }));
    // The rewriter only reads here; a parse problem means nothing was found.
    let _ = lol_html::rewrite_str(html, settings);
    found.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://digital.example/";

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
            <iframe src="https://video.example/embed"></iframe>
            <div style="background: url('https://cdn.example/bg.jpg')"></div>
            <a href="https://other.example/">a link is no request</a>
            <img src="data:image/png;base64,AAAA" alt="">
            </body></html>"#;
        assert_eq!(
            foreign_requests_in_html(html, ORIGIN),
            [
                "<link rel=\"stylesheet\">: https://fonts.googleapis.com/css?family=Roboto",
                "<style>: //cdn.example/x.css",
                "<img src>: https://tracker.example/pixel.gif",
                "<img srcset>: https://cdn.example/b.png",
                "<iframe src>: https://video.example/embed",
                "style attribute: https://cdn.example/bg.jpg",
            ]
        );
    }

    #[test]
    fn css_files() {
        let css = "@font-face { src: url(\"https://fonts.gstatic.com/x.woff2\") } a { background: url(/own.png) }";
        assert_eq!(
            foreign_requests_in_css(css, ORIGIN),
            ["https://fonts.gstatic.com/x.woff2"]
        );
    }
}
