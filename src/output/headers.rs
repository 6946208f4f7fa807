//! How each published file is to be served: its `Content-Type`, how long
//! caches may keep it, and whether it is text worth compressing.
//!
//! One policy for every way the site leaves the machine: `portal serve`
//! sends these types, `portal deploy` stores them as object metadata, and
//! docs/nginx/portal.conf writes the same rules for nginx (its test and the
//! deploy test check the headers each of them really sends; the table in
//! the unit tests below is the one tests/server/nginx.test.mjs asks of nginx).

/// For files whose name changes when their bytes do (the theme's
/// fingerprinted CSS and JS, the search index's shards and blocks): a
/// year, never revalidated.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For the theme's other files (icons, fonts): an hour.
pub const CACHE_ASSET: &str = "public, max-age=3600";
/// For pages and everything else: kept, but revalidated on every visit, so
/// a publish is visible at once.
pub const CACHE_REVALIDATE: &str = "no-cache";

/// File types worth compressing; images other than SVG and fonts are
/// compressed already.
const TEXT_EXTENSIONS: [&str; 11] = [
    "html",
    "css",
    "js",
    "mjs",
    "json",
    "jsonld",
    "xml",
    "svg",
    "txt",
    "csv",
    "webmanifest",
];

/// Whether the file at `path` (a path below the output folder, with `/`)
/// is text that compresses well.
pub fn is_text(path: &str) -> bool {
    extension(path).is_some_and(|e| TEXT_EXTENSIONS.contains(&e))
}

/// The `Cache-Control` value for the file at `path` (below the output
/// folder, with `/`, no leading slash).
pub fn cache_control(path: &str) -> &'static str {
    if is_content_addressed(path) {
        CACHE_IMMUTABLE
    } else if path.starts_with("assets/") {
        CACHE_ASSET
    } else {
        CACHE_REVALIDATE
    }
}

/// Whether the file's name is derived from its bytes, so that whatever
/// points to it must change when it does: the theme's `name.<10 hex>.css`
/// and `.js` (see `theme::Asset::published`) and the search index's shards
/// and postings blocks (`suchindex/w/<16 hex>.json`, `suchindex/p/…`; its
/// manifest and page fragments keep their names and are revalidated).
pub fn is_content_addressed(path: &str) -> bool {
    let index = crate::search::INDEX_DIR;
    let in_index = path
        .strip_prefix(index)
        .and_then(|p| p.strip_prefix('/'))
        .and_then(|p| p.strip_prefix("w/").or_else(|| p.strip_prefix("p/")))
        .and_then(|name| name.strip_suffix(".json"));
    if let Some(hash) = in_index {
        return hash.len() == 16 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    }
    let Some(name) = path.strip_prefix("assets/") else {
        return false;
    };
    let mut parts = name.rsplit('.');
    let (Some(extension), Some(hash), Some(_stem)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    matches!(extension, "css" | "js")
        && hash.len() == 10
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The `Content-Type` value for the file at `path`, with `charset=utf-8`
/// for text (every file `portal` writes is UTF-8).
pub fn content_type(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    // Types the general table lacks or gets too general for these files.
    let essence = match (name, extension(path)) {
        ("atom.xml", _) => "application/atom+xml".to_owned(),
        ("security.txt", _) => "text/plain".to_owned(),
        (_, Some("csv")) => "text/csv".to_owned(),
        (_, Some("jsonld")) => "application/ld+json".to_owned(),
        (_, Some("webmanifest")) => "application/manifest+json".to_owned(),
        (_, Some("js" | "mjs")) => "application/javascript".to_owned(),
        // RFC 9512; the CMS reads /admin/config.yml by a type with `yaml`.
        (_, Some("yml" | "yaml")) => "application/yaml".to_owned(),
        _ => mime_guess::from_path(name)
            .first_or_octet_stream()
            .essence_str()
            .to_owned(),
    };
    let textual = essence.starts_with("text/")
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/json" | "application/xml" | "application/javascript" | "application/yaml"
        );
    if textual {
        format!("{essence}; charset=utf-8")
    } else {
        essence
    }
}

fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next()?;
    name.rsplit_once('.').map(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprinted_and_index_files_are_cached_for_a_year() {
        assert_eq!(
            cache_control("assets/portal.0123456789.css"),
            CACHE_IMMUTABLE
        );
        assert_eq!(
            cache_control("assets/search.abcdef0123.js"),
            CACHE_IMMUTABLE
        );
        assert_eq!(
            cache_control("suchindex/w/0123456789abcdef.json"),
            CACHE_IMMUTABLE
        );
        assert_eq!(
            cache_control("suchindex/p/fedcba9876543210.json"),
            CACHE_IMMUTABLE
        );
        assert_eq!(cache_control("suchindex/index.json"), CACHE_REVALIDATE);
        assert_eq!(cache_control("suchindex/f/0/12.json"), CACHE_REVALIDATE);
        assert_eq!(cache_control("suchindex/w/0123.json"), CACHE_REVALIDATE);
        assert_eq!(
            cache_control("seiten/w/0123456789abcdef.json"),
            CACHE_REVALIDATE
        );
        assert_eq!(cache_control("assets/portal.css"), CACHE_ASSET);
        assert_eq!(cache_control("assets/portal.0123456789.png"), CACHE_ASSET);
        assert_eq!(cache_control("assets/portal.ABCDEF0123.css"), CACHE_ASSET);
        assert_eq!(cache_control("assets/favicon.svg"), CACHE_ASSET);
        assert_eq!(cache_control("index.html"), CACHE_REVALIDATE);
        assert_eq!(
            cache_control("leistungen/assets/index.html"),
            CACHE_REVALIDATE
        );
    }

    #[test]
    fn text_types_carry_the_charset() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("a/b/index.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(
            content_type("aktuelles/atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("daten/leistungen.csv"),
            "text/csv; charset=utf-8"
        );
        assert_eq!(
            content_type("x.jsonld"),
            "application/ld+json; charset=utf-8"
        );
        assert_eq!(
            content_type("assets/logo.svg"),
            "image/svg+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("assets/search.0123456789.js"),
            "application/javascript; charset=utf-8"
        );
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(
            content_type("admin/config.yml"),
            "application/yaml; charset=utf-8"
        );
        assert_eq!(
            content_type("assets/portal.0123456789.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(
            content_type(".well-known/security.txt"),
            "text/plain; charset=utf-8"
        );
        assert_eq!(content_type("assets/foto.png"), "image/png");
        assert_eq!(
            content_type("suchindex/w/0123456789abcdef.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("README"), "application/octet-stream");
    }

    #[test]
    fn only_text_is_compressible() {
        assert!(is_text("index.html"));
        assert!(is_text("sitemap.xml"));
        assert!(!is_text("assets/foto.png"));
        assert!(!is_text("index.html.gz"));
        assert!(!is_text("Makefile"));
    }
}
