//! The preview's HTTP side: requests answered from the build kept in memory
//! (so no request can reach a file outside the output, whatever it
//! spells), pages with the reload script and, after a failed rebuild, the
//! error overlay added on the way out.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};

use axum::body::Body;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use futures_util::Stream;
use tokio::sync::broadcast;

use crate::incremental::Files;
use crate::output::headers;
use crate::urls;

/// The reload script, served only by `portal serve`.
pub const RELOAD_JS: &str = include_str!("reload.js");
/// The overlay's stylesheet, served only by `portal serve`.
pub const OVERLAY_CSS: &str = include_str!("overlay.css");

/// What the server answers from, shared with the rebuilding thread.
pub struct Shared {
    /// The last good build.
    pub files: RwLock<Arc<Files>>,
    /// The search index of the last good build, made apart from the pages
    /// (see `Indexer` in the parent module).
    pub search: RwLock<Arc<Files>>,
    /// The problems of the last rebuild, formatted for people, while the
    /// content is broken.
    pub problems: RwLock<Option<String>>,
    /// The path the site is published under (`/` or `/portal/`).
    pub prefix: String,
    /// Tells open pages to reload.
    pub reloads: Reloads,
    /// The forms: `/admin/` and the CMS's protocol.
    pub editing: super::edit::Editing,
}

/// Which open pages should reload.
#[derive(Debug, Clone)]
pub enum Reload {
    /// Every page (after a failed build: the error overlay).
    All,
    /// The pages at these paths, as the browser asks for them.
    Pages(Arc<Vec<String>>),
}

/// The reloads sent to open pages, counted, with the last few kept.
///
/// A page is served with the count of reloads sent before it was read, and
/// its script names that count when it connects. A page read while the
/// site was being rebuilt connects after the reload it should have heard;
/// it is sent the reloads it missed at once, so it never shows the old
/// version until the next edit.
pub struct Reloads {
    sender: broadcast::Sender<Reload>,
    sent: Mutex<Sent>,
}

/// What [`Reloads`] keeps under its lock.
struct Sent {
    count: u64,
    /// The last [`RELOADS_KEPT`] reloads, oldest first.
    last: VecDeque<Reload>,
}

/// Reloads kept for pages that connect late; one that missed more reloads
/// than this reloads whatever they named.
const RELOADS_KEPT: usize = 16;

impl Default for Reloads {
    fn default() -> Self {
        Reloads {
            sender: broadcast::channel(RELOADS_KEPT).0,
            sent: Mutex::new(Sent {
                count: 0,
                last: VecDeque::with_capacity(RELOADS_KEPT),
            }),
        }
    }
}

impl Reloads {
    /// Tells the open pages, and those being loaded, to reload.
    pub fn send(&self, reload: Reload) {
        let mut sent = self.sent.lock().expect("not poisoned");
        sent.count += 1;
        if sent.last.len() == RELOADS_KEPT {
            sent.last.pop_front();
        }
        sent.last.push_back(reload.clone());
        // Nobody listening is fine.
        let _ = self.sender.send(reload);
    }

    /// How many reloads were sent: what a page read now has heard of.
    pub fn count(&self) -> u64 {
        self.sent.lock().expect("not poisoned").count
    }

    /// The reloads a page served after `seen` of them has missed, and the
    /// receiver of those still to come: none lost between the two, none
    /// in both. A count from before the preview started (it was restarted)
    /// or too far back misses everything.
    fn subscribe(&self, seen: Option<u64>) -> (Vec<Reload>, broadcast::Receiver<Reload>) {
        let sent = self.sent.lock().expect("not poisoned");
        let receiver = self.sender.subscribe();
        let missed = match seen {
            Some(seen) if seen != sent.count => {
                let behind = sent.count.checked_sub(seen);
                match behind.and_then(|n| usize::try_from(n).ok()) {
                    Some(n) if n <= sent.last.len() => sent
                        .last
                        .iter()
                        .skip(sent.last.len() - n)
                        .cloned()
                        .collect(),
                    _ => vec![Reload::All],
                }
            }
            _ => Vec::new(),
        };
        (missed, receiver)
    }
}

/// More changed pages than this reload every open page: a list that long
/// (a template edit) is not worth sending to each browser.
const RELOAD_LIST_MAX: usize = 500;

impl Reload {
    /// The pages among output files `changed` (below the output folder), as
    /// the browser asks for them below `prefix`.
    pub fn of_files(prefix: &str, changed: &[String]) -> Reload {
        let pages: Vec<String> = changed
            .iter()
            .filter(|file| file.ends_with(".html"))
            .map(|file| {
                format!(
                    "{prefix}{}",
                    file.strip_suffix("index.html").unwrap_or(file)
                )
            })
            .collect();
        if pages.len() > RELOAD_LIST_MAX {
            Reload::All
        } else {
            Reload::Pages(Arc::new(pages))
        }
    }

    /// The event's data: `*` for every page, else the paths as JSON.
    fn data(&self) -> String {
        match self {
            Reload::All => "*".to_owned(),
            Reload::Pages(pages) => {
                serde_json::to_string(pages.as_ref()).unwrap_or_else(|_| "*".to_owned())
            }
        }
    }
}

/// The router of the preview.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/_portal/events", get(events))
        .route(
            "/_portal/reload.js",
            get(|| async { asset(RELOAD_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/_portal/overlay.css",
            get(|| async { asset(OVERLAY_CSS, "text/css; charset=utf-8") }),
        )
        .route(
            "/admin",
            get(|| async {
                (
                    StatusCode::MOVED_PERMANENTLY,
                    [(header::LOCATION, "/admin/")],
                )
            }),
        )
        .route("/admin/", get(admin))
        .route("/admin/{*rest}", get(admin))
        .route(crate::admin::PROXY_PATH, post(protocol))
        .fallback(get(file))
        .with_state(shared)
}

/// `/admin/` and below: see [`super::edit::Editing::admin`].
async fn admin(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    use super::edit::AdminAnswer;
    let below = uri
        .path()
        .strip_prefix("/admin/")
        .unwrap_or_default()
        .to_owned();
    let answer = tokio::task::spawn_blocking(move || shared.editing.admin(&below)).await;
    match answer {
        Ok(AdminAnswer::File(content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The CMS's proxy protocol (POST `/api/v1`): see [`super::edit`].
async fn protocol(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if let Err(refused) = shared.editing.admit(&headers, peer) {
        return refused.into_response();
    }
    match shared.editing.answer(&body).await {
        Ok(value) => axum::Json(value).into_response(),
        Err(refused) => refused.into_response(),
    }
}

fn asset(text: &'static str, content_type: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], text).into_response()
}

/// The query of `/_portal/events`.
#[derive(serde::Deserialize)]
struct Listener {
    /// How many reloads had been sent when the page was read.
    seen: Option<u64>,
}

/// Server-Sent Events: a `reload` event whenever a rebuild changed pages,
/// naming them (the reload script reloads only when its page is among
/// them), or `*` for all; first those the page missed while it loaded.
async fn events(
    State(shared): State<Arc<Shared>>,
    Query(listener): Query<Listener>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    use futures_util::StreamExt;
    let reload = |reload: &Reload| Ok(Event::default().event("reload").data(reload.data()));
    let (missed, receiver) = shared.reloads.subscribe(listener.seen);
    let missed: Vec<_> = missed.iter().map(reload).collect();
    let coming = futures_util::stream::unfold(receiver, move |mut receiver| async move {
        match receiver.recv().await {
            Ok(next) => Some((reload(&next), receiver)),
            Err(broadcast::error::RecvError::Lagged(_)) => Some((reload(&Reload::All), receiver)),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    });
    Sse::new(futures_util::stream::iter(missed).chain(coming)).keep_alive(KeepAlive::default())
}

/// The output file a request path names: `None` when it names none, or
/// when it tries to leave the site in any spelling (`..`, `%2e%2e`,
/// backslashes, NUL bytes), which is answered like a missing page.
pub fn output_path(prefix: &str, raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\0', '\\']) || decoded.split('/').any(|s| s == ".." || s == ".") {
        return None;
    }
    let inside = decoded.strip_prefix(prefix.trim_end_matches('/'))?;
    if !inside.starts_with('/') {
        return None;
    }
    Some(urls::output_file(inside))
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    // Counted before the files are read: a page is never newer than the
    // reloads it says it has heard (see [`Reloads`]).
    let seen = shared.reloads.count();
    let files = Arc::clone(&shared.files.read().expect("not poisoned"));
    let search = Arc::clone(&shared.search.read().expect("not poisoned"));
    let problems = shared.problems.read().expect("not poisoned").clone();
    let path = uri.path();
    let found = output_path(&shared.prefix, path).and_then(|p| {
        files
            .get(p.as_str())
            .or_else(|| search.get(p.as_str()))
            .map(|b| (p, b))
    });
    let (status, name, bytes) = match found {
        Some((name, bytes)) => (StatusCode::OK, name, Some(bytes)),
        None => {
            // A folder without its slash: where static servers send it.
            let folder = format!("{}/", path.trim_end_matches('/'));
            if !path.ends_with('/')
                && output_path(&shared.prefix, &folder)
                    .is_some_and(|p| files.contains_key(p.as_str()))
            {
                return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, folder)])
                    .into_response();
            }
            let missing = urls::output_file(urls::NOT_FOUND);
            (
                StatusCode::NOT_FOUND,
                missing.clone(),
                files.get(missing.as_str()),
            )
        }
    };
    // A missing 404.html is answered with a page of our own.
    let content_type = match bytes {
        Some(_) => headers::content_type(&name),
        None => headers::content_type("404.html"),
    };
    let is_html = content_type.starts_with("text/html");
    let body = match bytes {
        Some(bytes) if is_html => {
            let html = String::from_utf8_lossy(bytes);
            Body::from(for_preview(&html, problems.as_deref(), true, seen))
        }
        Some(bytes) => Body::from(bytes.to_vec()),
        None => Body::from(for_preview(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>No page here</title></head><body><main><h1>No page here</h1></main></body></html>",
            problems.as_deref(),
            !files.is_empty(),
            seen,
        )),
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A page as the preview serves it: the reload script and the overlay's
/// stylesheet in the head, their one CSP addition, and the overlay while
/// the content is broken (`built`: whether a build without errors is being
/// shown behind it; `seen`: the reloads sent before it was read, see
/// [`Reloads`]). Everything else is the page as built.
///
/// The overlay speaks the language of the messages it shows, English like
/// the terminal (and rustc), marked as such for screen readers on a German
/// page; its excerpts keep their lines, so the `^^^` under a mistake stays
/// under it, scrolling sideways rather than wrapping.
pub fn for_preview(html: &str, problems: Option<&str>, built: bool, seen: u64) -> String {
    let mut page = allow_preview_script(html);
    let head = format!("<link rel=\"stylesheet\" href=\"/_portal/overlay.css\"><script src=\"/_portal/reload.js\" data-seen=\"{seen}\" defer></script>");
    match page.find("</head>") {
        Some(at) => page.insert_str(at, &head),
        None => page.insert_str(0, &head),
    }
    if let Some(problems) = problems {
        let behind = if built {
            "You are seeing the last version without errors. The page reloads as soon as they are fixed."
        } else {
            "The site has not been built without errors yet, so there is nothing to show. The page loads as soon as they are fixed."
        };
        let overlay = format!(
            "<section id=\"_portal-fehler\" class=\"portal-overlay\" lang=\"en\" role=\"dialog\" aria-modal=\"true\" aria-labelledby=\"_portal-fehler-titel\" tabindex=\"-1\"><h2 id=\"_portal-fehler-titel\">The content has errors</h2><p>{behind}</p><pre tabindex=\"0\">{}</pre><button type=\"button\">Close (Esc)</button></section>",
            crate::text::escape_html(problems)
        );
        let at = page
            .find("<body")
            .and_then(|start| page[start..].find('>').map(|end| start + end + 1))
            .unwrap_or(page.len());
        page.insert_str(at, &overlay);
    }
    page
}

/// Adds `script-src 'self'` (and `connect-src 'self'` where missing) to the
/// page's Content-Security-Policy: exactly what the reload script needs.
fn allow_preview_script(html: &str) -> String {
    const MARK: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    let Some(start) = html.find(MARK).map(|i| i + MARK.len()) else {
        return html.to_owned();
    };
    let Some(end) = html[start..].find('"').map(|i| start + i) else {
        return html.to_owned();
    };
    let policy = &html[start..end];
    let mut added = String::new();
    for directive in ["script-src 'self'", "connect-src 'self'"] {
        let name = directive.split(' ').next().unwrap_or_default();
        if !policy.split(';').any(|d| d.trim().starts_with(name)) {
            added.push_str("; ");
            added.push_str(directive);
        }
    }
    format!("{}{}{}{}", &html[..start], policy, added, &html[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_try_to_leave_the_site_name_no_file() {
        for escape in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/leistungen/%2E%2E/%2e%2e/secret",
            "/a/..%2f..%2fetc",
            "/..%5c..%5cetc",
            "/a\\b",
            "/x%00.html",
            "/./index.html",
        ] {
            assert_eq!(output_path("/", escape), None, "{escape}");
        }
        assert_eq!(output_path("/", "/").as_deref(), Some("index.html"));
        assert_eq!(
            output_path("/", "/leistungen/wohngeld/").as_deref(),
            Some("leistungen/wohngeld/index.html")
        );
        assert_eq!(
            output_path("/", "/Geb%C3%A4rde/").as_deref(),
            Some("Gebärde/index.html")
        );
        assert_eq!(output_path("/portal/", "/leistungen/"), None);
        assert_eq!(
            output_path("/portal/", "/portal/leistungen/").as_deref(),
            Some("leistungen/index.html")
        );
    }

    #[test]
    fn preview_pages_get_the_script_and_exactly_its_csp() {
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; connect-src 'self'\"></head><body class=\"x\"><main></main></body></html>";
        let served = for_preview(page, None, true, 7);
        assert!(served.contains("content=\"default-src 'none'; style-src 'self'; connect-src 'self'; script-src 'self'\""), "{served}");
        assert!(served
            .contains("<script src=\"/_portal/reload.js\" data-seen=\"7\" defer></script></head>"));
        assert!(!served.contains("_portal-fehler"));
        let broken = for_preview(page, Some("error: <b>kaputt</b>"), true, 0);
        assert!(
            broken.contains("<body class=\"x\"><section id=\"_portal-fehler\""),
            "{broken}"
        );
        assert!(broken.contains("<pre tabindex=\"0\">error: &lt;b&gt;kaputt&lt;/b&gt;</pre>"));
        assert!(broken.contains("You are seeing the last version without errors"));
        let never = for_preview(page, Some("error"), false, 0);
        assert!(
            never.contains("has not been built without errors yet"),
            "{never}"
        );
        assert!(!never.contains("last version"), "{never}");
    }

    fn named(reloads: &[Reload]) -> Vec<String> {
        reloads.iter().map(Reload::data).collect()
    }

    #[test]
    fn a_page_that_listens_late_is_sent_the_reloads_it_missed() {
        let reloads = Reloads::default();
        let page = |path: &str| Reload::Pages(Arc::new(vec![path.to_owned()]));
        reloads.send(page("/a/"));
        let seen = reloads.count();
        reloads.send(page("/b/"));
        reloads.send(page("/c/"));
        let (missed, mut coming) = reloads.subscribe(Some(seen));
        assert_eq!(named(&missed), ["[\"/b/\"]", "[\"/c/\"]"]);
        // What comes later arrives once, through the receiver.
        reloads.send(page("/d/"));
        assert_eq!(
            coming.try_recv().map(|r| r.data()).ok().as_deref(),
            Some("[\"/d/\"]")
        );
        assert!(coming.try_recv().is_err());
        // Up to date, or without a count (an older script): nothing missed.
        assert!(reloads.subscribe(Some(reloads.count())).0.is_empty());
        assert!(reloads.subscribe(None).0.is_empty());
        // Too far back, or from before a restart: everything.
        for _ in 0..RELOADS_KEPT {
            reloads.send(page("/e/"));
        }
        assert_eq!(named(&reloads.subscribe(Some(seen)).0), ["*"]);
        assert_eq!(
            named(&reloads.subscribe(Some(reloads.count() + 3)).0),
            ["*"]
        );
    }
}
