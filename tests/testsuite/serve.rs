//! Fixture `small`, previewed: `portal serve` started on a free loopback
//! port, driven over real HTTP while its files are edited.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::harness::Site;

/// A running `portal serve`; stopped when dropped.
pub struct Preview {
    child: Child,
    pub address: SocketAddr,
    /// Lines the server printed after "Serving …".
    lines: mpsc::Receiver<String>,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Preview {
    pub fn start(site: &Site) -> Self {
        Self::start_with(site, &[])
    }

    /// Starts it with more arguments (`--bind …`).
    pub fn start_with(site: &Site, extra: &[&str]) -> Self {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("portal"))
            .current_dir(site.root())
            .args(["serve", "--port", "0"])
            .args(extra)
            .env("SOURCE_DATE_EPOCH", "1793491200")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let address = loop {
            let line = lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("portal serve prints its address");
            if let Some(url) = line.strip_prefix("Serving http://") {
                let address = url.split('/').next().unwrap();
                break address.parse().unwrap();
            }
        };
        Preview {
            child,
            address,
            lines,
        }
    }

    /// Sends `GET path` exactly as written; returns status, head and body.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
        (status, head.to_owned(), body.to_owned())
    }

    /// Sends `POST path` with `headers` (each `Name: value`) and `body`;
    /// returns status and body.
    pub fn post(&self, path: &str, headers: &[String], body: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut request = format!("POST {path} HTTP/1.1\r\nConnection: close\r\n");
        for header in headers {
            request.push_str(header);
            request.push_str("\r\n");
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
        (status, body.to_owned())
    }

    /// Polls `path` until its body satisfies `ready` (the watcher rebuilds
    /// a few milliseconds after a write).
    pub fn wait_for(&self, path: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (_, _, body) = self.get(path);
            if ready(&body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never became ready; last body:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The count of reloads a page served by the preview has heard.
fn seen_by(page: &str) -> u64 {
    let (_, after) = page.split_once("data-seen=\"").expect("the reload script");
    after[..after.find('"').unwrap()].parse().unwrap()
}

#[test]
fn an_edit_is_served_and_open_pages_are_told_to_reload() {
    let site = Site::fixture("small");
    let preview = Preview::start(&site);
    let (status, head, body) = preview.get("/leistungen/a-online/");
    assert_eq!(status, 200, "{head}");
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("<h1>Leistung A-ONLINE</h1>"));
    // The preview's own additions: the script file and exactly its CSP.
    // The script knows how many reloads were sent before the page was read.
    let seen = seen_by(&body);
    assert!(body.contains(&format!(
        "<script src=\"/_portal/reload.js\" data-seen=\"{seen}\" defer></script></head>"
    )));
    assert!(body
        .contains("connect-src 'self'; base-uri 'none'; form-action 'self'; script-src 'self'\""));
    let (status, _, script) = preview.get("/_portal/reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("new EventSource('/_portal/events' + (seen ? '?seen=' + seen : ''))"));

    // Listen for the reload event, then edit.
    let mut events = TcpStream::connect(preview.address).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(events, "GET /_portal/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut first = [0u8; 512];
    let n = events.read(&mut first).unwrap();
    assert!(String::from_utf8_lossy(&first[..n]).contains("text/event-stream"));

    site.edit(
        "content/services/a-online.md",
        "title: Leistung A-ONLINE",
        "title: Geänderte Leistung",
    );
    preview.wait_for("/leistungen/a-online/", |b| {
        b.contains("<h1>Geänderte Leistung</h1>")
    });
    // Lists show it too.
    preview.wait_for("/leistungen/", |b| b.contains("Geänderte Leistung"));
    // Open pages are told which pages changed: the edited one first (it
    // is rendered before the lists), then the lists that show it.
    let mut received = String::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while received.matches("event: reload").count() < 2 && Instant::now() < deadline {
        let mut buffer = [0u8; 512];
        let n = events.read(&mut buffer).unwrap_or(0);
        received.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    let reloads: Vec<&str> = received
        .split("event: reload\ndata: ")
        .skip(1)
        .map(|event| event.lines().next().unwrap_or_default())
        .collect();
    assert_eq!(reloads.len(), 2, "{received}");
    assert!(
        reloads[0].contains("\"/leistungen/a-online/\""),
        "{received}"
    );
    assert!(!reloads[0].contains("\"/leistungen/\""), "{received}");
    assert!(reloads[1].contains("\"/leistungen/\""), "{received}");
    // A page read before the edit whose script listens only now (it was
    // loading while the site was rebuilt) is sent both reloads at once.
    let mut late = TcpStream::connect(preview.address).unwrap();
    late.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        late,
        "GET /_portal/events?seen={seen} HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .unwrap();
    let mut missed = String::new();
    while missed.matches("event: reload").count() < 2 && Instant::now() < deadline {
        let mut buffer = [0u8; 512];
        let n = late.read(&mut buffer).unwrap_or(0);
        missed.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    assert!(missed.contains("\"/leistungen/a-online/\""), "{missed}");
    // The page read now has heard them.
    let (_, _, body) = preview.get("/leistungen/a-online/");
    assert_eq!(seen_by(&body), seen + 2, "{body}");
    // The terminal says what changed and how much was rendered.
    let deadline = Instant::now() + Duration::from_secs(20);
    let line = loop {
        let line = preview
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap();
        if line.contains("a-online.md changed") {
            break line;
        }
    };
    assert!(line.contains("pages rendered"), "{line}");
    assert!(line.contains(" ms"), "{line}");
}

#[test]
fn a_broken_file_shows_the_overlay_over_the_last_good_site() {
    let site = Site::fixture("small");
    let preview = Preview::start(&site);
    site.edit(
        "content/services/b-rollout.md",
        "status: rollout",
        "stauts: rollout",
    );
    let body = preview.wait_for("/leistungen/b-rollout/", |b| b.contains("_portal-fehler"));
    assert!(
        body.contains(
            "<section id=\"_portal-fehler\" class=\"portal-overlay\" lang=\"en\" role=\"dialog\""
        ),
        "{body}"
    );
    assert!(body.contains("aria-labelledby=\"_portal-fehler-titel\""));
    assert!(
        body.contains("error: unknown field `stauts`\n --&gt; content/services/b-rollout.md:6:1"),
        "{body}"
    );
    assert!(body.contains("help: did you mean `status`?"));
    // The last good page is still what is shown under it.
    assert!(body.contains("<h1>Leistung B-ROLLOUT</h1>"));
    assert!(
        preview.get("/").2.contains("_portal-fehler"),
        "on every page"
    );

    site.edit(
        "content/services/b-rollout.md",
        "stauts: rollout",
        "status: rollout",
    );
    preview.wait_for("/leistungen/b-rollout/", |b| !b.contains("_portal-fehler"));
}

#[test]
fn a_deleted_file_disappears_from_its_lists() {
    let site = Site::fixture("small");
    let preview = Preview::start(&site);
    assert!(preview
        .get("/themen/bauen/")
        .2
        .contains("Leistung C-PLANNED"));
    std::fs::remove_file(site.root().join("content/services/c-planned.md")).unwrap();
    preview.wait_for("/themen/bauen/", |b| {
        b.contains("<h1") && !b.contains("Leistung C-PLANNED")
    });
    assert!(!preview.get("/leistungen/").2.contains("Leistung C-PLANNED"));
    assert_eq!(preview.get("/leistungen/c-planned/").0, 404);
}

#[test]
fn paths_that_try_to_leave_the_output_get_404() {
    let site = Site::fixture("small");
    // A link in the content that points outside the site's folder.
    std::fs::create_dir_all(site.root().join("content/static")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.root().join("content/static/passwd")).unwrap();
    std::fs::write(site.root().join("geheim.txt"), "geheim").unwrap();
    let preview = Preview::start(&site);
    for attempt in [
        "/../geheim.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/geheim.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/leistungen/..%2f..%2fgeheim.txt",
        "/..%5cgeheim.txt",
        "/..\\geheim.txt",
        "/geheim.txt%00.html",
        "//etc/passwd",
        "/passwd",
        "/content/site.yaml",
    ] {
        let (status, head, body) = preview.get(attempt);
        assert_eq!(status, 404, "{attempt}: {head}");
        assert!(
            !body.contains("geheim") || body.contains("<html"),
            "{attempt}"
        );
        assert!(!body.contains("root:"), "{attempt}");
    }
    // What the site has is served with its type; folders by index.html.
    let (status, head, body) = preview.get("/404.html");
    assert_eq!(status, 200);
    assert!(head.contains("text/html"));
    let (status, _, missing) = preview.get("/gibt-es-nicht/");
    assert_eq!(status, 404);
    assert_eq!(
        missing.split("<main").nth(1),
        body.split("<main").nth(1),
        "the site's 404 page"
    );
    let css = body
        .split('"')
        .find(|s| s.starts_with("/assets/portal.") && s.ends_with(".css"))
        .expect("the page links its stylesheet");
    let (status, head, _) = preview.get(css);
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/css; charset=utf-8"),
        "{head}"
    );
    let (status, head, _) = preview.get("/aktuelles/atom.xml");
    assert_eq!(status, 200);
    assert!(head.contains("xml"), "{head}");
    let (status, head, _) = preview.get("/leistungen");
    assert_eq!(status, 301);
    assert!(head.contains("location: /leistungen/"), "{head}");
}

#[test]
fn a_translation_is_served_below_its_language_with_its_own_search_and_feed() {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "language: de",
        "language: de\ntranslations: [en]",
    );
    site.write(
        "content/services/a-online.en.md",
        "---\ntitle: Service A online\n---\nIn English.\n",
    );
    let preview = Preview::start(&site);
    let (status, _, body) = preview.get("/en/leistungen/a-online/");
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"en\">"), "{body}");
    assert!(
        body.contains("hreflang=\"de\" href=\"https://test.example/leistungen/a-online/\""),
        "{body}"
    );
    assert_eq!(preview.get("/en/aktuelles/atom.xml").0, 200);
    // The English index, made apart from the pages once the site is quiet.
    let index = preview.wait_for("/en/suchindex/index.json", |b| b.contains("\"kinds\""));
    assert!(!index.is_empty());
    // A new translation appears below /en/ and in the German page's switch.
    site.write(
        "content/services/b-rollout.en.md",
        "---\ntitle: Service B rolling out\n---\nText.\n",
    );
    preview.wait_for("/en/leistungen/b-rollout/", |b| {
        b.contains("Service B rolling out")
    });
    let german = preview.wait_for("/leistungen/b-rollout/", |b| {
        b.contains("href=\"/en/leistungen/b-rollout/\"")
    });
    assert!(german.contains("hreflang=\"en\""), "{german}");
}
