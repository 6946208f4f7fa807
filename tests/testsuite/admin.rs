//! Fixture `small` with forms for editors (`admin:` in site.yaml): the
//! published `/admin/` of a build, and the CMS's proxy protocol answered
//! by `portal serve` over real HTTP: saves checked and merged, strangers,
//! wrong hosts and paths out of the content folder refused.

use crate::harness::{files, Site};
use crate::serve::Preview;

const SERVICE: &str = "content/services/a-online.md";

fn with_admin(site: &Site, admin: &str) {
    let config = site.read_source("content/site.yaml");
    site.write("content/site.yaml", &format!("{config}{admin}"));
}

/// The headers of a request from the preview's own admin page.
fn own(preview: &Preview) -> Vec<String> {
    let host = preview.address.to_string();
    vec![
        format!("Host: {host}"),
        format!("Origin: http://{host}"),
        "Content-Type: application/json".to_owned(),
    ]
}

fn request(action: &str, params: serde_json::Value) -> String {
    serde_json::json!({"action": action, "params": params}).to_string()
}

/// The services' folder as the CMS lists it.
fn list_services(preview: &Preview, headers: &[String]) -> (u16, String) {
    preview.post(
        "/api/v1",
        headers,
        &request(
            "entriesByFolder",
            serde_json::json!({"folder": "content/services", "extension": "md", "depth": 1}),
        ),
    )
}

fn save(path: &str, raw: &str) -> String {
    request(
        "persistEntry",
        serde_json::json!({
            "dataFiles": [{"path": path, "slug": "x", "raw": raw}],
            "assets": [],
            "options": {"commitMessage": "x"},
        }),
    )
}

#[test]
fn a_build_publishes_admin_only_with_a_repository_and_keeps_it_out_of_search_and_sitemap() {
    let site = Site::fixture("small");
    site.write("cms/decap-cms.js", "/* the CMS */\n");
    site.write("cms/decap-cms.js.map", "{}\n");
    site.write("cms/1234.decap-cms.js", "/* a piece */\n");
    // Without a repository: nothing published, but the folder is checked.
    with_admin(&site, "admin:\n  cms: cms\n");
    site.build(&[]);
    assert!(!site.out().join("admin").exists());

    with_admin(
        &site,
        "  backend:\n    name: gitlab\n    repo: land/portal\n    base_url: https://gitlab.land.example\n    app_id: abc123\n",
    );
    site.build(&[]);
    let published: Vec<String> = files(&site.out())
        .into_iter()
        .filter(|f| f.starts_with("admin/"))
        .collect();
    assert_eq!(
        published,
        [
            "admin/cms/1234.decap-cms.js",
            "admin/cms/decap-cms.js",
            "admin/config.yml",
            "admin/index.html"
        ]
    );
    let page = site.read("admin/index.html");
    assert!(page.contains("<script src=\"cms/decap-cms.js\"></script>"));
    assert!(page.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(
        page.contains("connect-src &#39;self&#39; blob: https://gitlab.land.example;"),
        "{page}"
    );
    let config: serde_json::Value = serde_yaml::from_str(&site.read("admin/config.yml")).unwrap();
    assert_eq!(
        config["backend"],
        serde_json::json!({"name": "gitlab", "repo": "land/portal", "branch": "main", "base_url": "https://gitlab.land.example", "api_root": "https://gitlab.land.example/api/v4", "app_id": "abc123", "auth_type": "pkce"})
    );
    assert_eq!(config["collections"][0]["folder"], "content/services");
    assert!(site.read("robots.txt").contains("Disallow: /admin/\n"));
    assert!(!site.read("sitemap.xml").contains("/admin/"));
    let index: String = files(&site.out().join("suchindex"))
        .iter()
        .map(|f| site.read(&format!("suchindex/{f}")))
        .collect();
    assert!(!index.contains("/admin/"));

    // A folder without the CMS is an error at its line.
    site.edit("content/site.yaml", "cms: cms", "cms: fehlt");
    let out = site.run(&["check"]);
    assert!(!out.status.success());
    let err = crate::harness::stderr(&out);
    assert!(
        err.contains("error: the folder `fehlt` has no `decap-cms.js`"),
        "{err}"
    );
    assert!(err.contains("content/site.yaml:"), "{err}");
}

#[test]
fn the_forms_save_a_service_checked_and_merged_and_the_preview_shows_it() {
    let site = Site::fixture("small");
    with_admin(&site, "admin:\n  cms: https://cms.example/decap-cms.js\n");
    let preview = Preview::start(&site);
    let (status, _, page) = preview.get("/admin/");
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"https://cms.example/decap-cms.js\"></script>"));
    let (_, _, config) = preview.get("/admin/config.yml");
    assert!(config.contains("proxy_url: /api/v1"), "{config}");

    let headers = own(&preview);
    let (status, info) = preview.post("/api/v1", &headers, &request("info", serde_json::json!({})));
    assert_eq!(status, 200, "{info}");
    assert!(info.contains("\"type\":\"local_fs\""));

    // Not loaded through the forms yet: its version is unknown.
    let original = site.read_source(SERVICE);
    let edited = original
        .replace("title: Leistung A-ONLINE", "title: Leistung A jetzt online")
        .replace("status: online", "status: rollout");
    let (status, body) = preview.post("/api/v1", &headers, &save(SERVICE, &edited));
    assert_eq!(status, 409, "{body}");
    assert_eq!(site.read_source(SERVICE), original);

    let (status, listing) = list_services(&preview, &headers);
    assert_eq!(status, 200);
    assert!(listing.contains("\"path\":\"content/services/a-online.md\""));
    // A list carries the fields, not the texts; an entry the whole file.
    assert!(listing.contains("title: Leistung A-ONLINE"));
    assert!(!listing.contains("Beschreibung von a-online."));
    let (_, entry) = preview.post(
        "/api/v1",
        &headers,
        &request("getEntry", serde_json::json!({"path": SERVICE})),
    );
    assert!(entry.contains("Beschreibung von a-online."), "{entry}");

    // The CMS writes YAML its own way; what the editor did not change
    // keeps its lines, the text its bytes.
    let as_the_cms_writes = edited
        .replace("topics: [familie]", "topics:\n  - familie")
        .replace(
            "focus: true\n",
            "focus: true\nefa_lead: ''\nmaturity: null\n",
        );
    let (status, body) = preview.post("/api/v1", &headers, &save(SERVICE, &as_the_cms_writes));
    assert_eq!(status, 200, "{body}");
    assert_eq!(site.read_source(SERVICE), edited);
    preview.wait_for("/leistungen/a-online/", |b| {
        b.contains("<h1>Leistung A jetzt online</h1>")
    });

    // An invalid value: refused with portal's message, the file unchanged.
    let invalid = edited.replace("status: rollout", "status: fertig");
    let (status, body) = preview.post("/api/v1", &headers, &save(SERVICE, &invalid));
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains("`fertig` is not a valid value for `status`"),
        "{body}"
    );
    assert!(body.contains("content/services/a-online.md:"), "{body}");
    assert_eq!(site.read_source(SERVICE), edited);
    // A reference to nothing, in a new file: refused, nothing written.
    let new = "---\ntitle: Neu\nsummary: Neu.\ntopics: [gibt-es-nicht]\naudience: [citizens]\nstatus: planned\nresponsible: ministerium\nupdated: 2026-01-01\n---\nText.\n";
    let (status, body) = preview.post("/api/v1", &headers, &save("content/services/neu.md", new));
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("unknown topic `gibt-es-nicht`"), "{body}");
    assert!(!site.root().join("content/services/neu.md").exists());
    // The preview still serves the good site and builds on.
    let fixed = new.replace("gibt-es-nicht", "familie");
    let (status, body) = preview.post(
        "/api/v1",
        &headers,
        &save("content/services/neu.md", &fixed),
    );
    assert_eq!(status, 200, "{body}");
    preview.wait_for("/leistungen/neu/", |b| b.contains("<h1>Neu</h1>"));

    // Changed on disk after the form loaded it: not overwritten.
    site.edit(
        SERVICE,
        "Beschreibung von a-online.",
        "Beschreibung, anderswo geändert.",
    );
    let changed = site.read_source(SERVICE);
    let (status, body) = preview.post(
        "/api/v1",
        &headers,
        &save(SERVICE, &edited.replace("status: rollout", "status: pilot")),
    );
    assert_eq!(status, 409, "{body}");
    assert!(
        body.contains("was changed on disk after the form loaded it"),
        "{body}"
    );
    assert_eq!(site.read_source(SERVICE), changed);
}

#[test]
fn strangers_other_hosts_and_paths_out_of_the_content_folder_are_refused() {
    let site = Site::fixture("small");
    with_admin(&site, "admin:\n  cms: https://cms.example/decap-cms.js\n");
    site.write("outside.md", "secret\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.root(), site.root().join("content/link")).unwrap();
    let preview = Preview::start(&site);
    let original = site.read_source(SERVICE);
    let host = preview.address.to_string();
    let write = save(SERVICE, "---\ntitle: Übernommen\n---\n");
    let json = "Content-Type: application/json".to_owned();
    let refused = [
        // A form or script on another site (cross-site request).
        vec![
            format!("Host: {host}"),
            "Origin: https://evil.example".to_owned(),
            json.clone(),
        ],
        // No origin at all.
        vec![format!("Host: {host}"), json.clone()],
        // DNS rebinding: another name for this address.
        vec![
            format!("Host: evil.example:{}", preview.address.port()),
            format!("Origin: http://evil.example:{}", preview.address.port()),
            json.clone(),
        ],
        // A form post (no JSON).
        vec![
            format!("Host: {host}"),
            format!("Origin: http://{host}"),
            "Content-Type: text/plain".to_owned(),
        ],
    ];
    for headers in &refused {
        let (status, body) = preview.post("/api/v1", headers, &write);
        assert!(
            status == 403 || status == 415,
            "{headers:?}: {status} {body}"
        );
        assert!(body.contains("\"error\""), "{body}");
    }
    let headers = own(&preview);
    for path in [
        "content/../outside.md",
        "/etc/passwd",
        "outside.md",
        "content/link/outside.md",
        "content\\..\\outside.md",
    ] {
        let (status, body) = preview.post(
            "/api/v1",
            &headers,
            &request("getEntry", serde_json::json!({"path": path})),
        );
        assert_eq!(status, 403, "{path}: {body}");
        assert!(!body.contains("secret"));
        let (status, _) = preview.post("/api/v1", &headers, &save(path, "x"));
        assert_eq!(status, 403, "{path}");
    }
    // Deleting a document is not offered.
    let (status, body) = preview.post(
        "/api/v1",
        &headers,
        &request("deleteFiles", serde_json::json!({"paths": [SERVICE]})),
    );
    assert_eq!(status, 403, "{body}");
    assert_eq!(site.read_source(SERVICE), original);
    assert_eq!(site.read_source("outside.md"), "secret\n");
}

#[test]
fn on_another_address_the_forms_do_not_save_without_the_operators_consent() {
    let site = Site::fixture("small");
    with_admin(&site, "admin:\n  cms: https://cms.example/decap-cms.js\n");
    let preview = Preview::start_with(&site, &["--bind", "0.0.0.0"]);
    let local = std::net::SocketAddr::from(([127, 0, 0, 1], preview.address.port()));
    let host = local.to_string();
    let headers = vec![
        format!("Host: {host}"),
        format!("Origin: http://{host}"),
        "Content-Type: application/json".to_owned(),
    ];
    let (status, body) = preview.post("/api/v1", &headers, &request("info", serde_json::json!({})));
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("--allow-remote-editing"), "{body}");
    drop(preview);

    // With the operator's consent: reached by another name, still only
    // from its own pages.
    let preview = Preview::start_with(&site, &["--bind", "0.0.0.0", "--allow-remote-editing"]);
    let host = format!("portal.intranet.example:{}", preview.address.port());
    let mut headers = vec![
        format!("Host: {host}"),
        format!("Origin: http://{host}"),
        "Content-Type: application/json".to_owned(),
    ];
    let (status, body) = preview.post("/api/v1", &headers, &request("info", serde_json::json!({})));
    assert_eq!(status, 200, "{body}");
    headers[1] = "Origin: https://evil.example".to_owned();
    let (status, _) = preview.post("/api/v1", &headers, &request("info", serde_json::json!({})));
    assert_eq!(status, 403);
}

#[test]
fn translations_are_the_cms_locales_and_keep_only_their_texts() {
    let site = Site::fixture("small");
    site.edit(
        "content/site.yaml",
        "language: de\n",
        "language: de\ntranslations: [en]\n",
    );
    with_admin(&site, "admin:\n  cms: https://cms.example/decap-cms.js\n");
    let english = "---\ntitle: Service A online\n---\nDescription of a-online.\n";
    site.write("content/services/a-online.en.md", english);
    let preview = Preview::start(&site);
    let headers = own(&preview);
    let config = preview.get("/admin/config.yml").2;
    let config: serde_json::Value = serde_yaml::from_str(&config).unwrap();
    assert_eq!(
        config["i18n"],
        serde_json::json!({"structure": "multiple_files", "locales": ["de", "en"], "default_locale": "de"})
    );
    // The original is named as the CMS names every language's file.
    let (status, listing) = list_services(&preview, &headers);
    assert_eq!(status, 200);
    assert!(
        listing.contains("\"path\":\"content/services/a-online.de.md\""),
        "{listing}"
    );
    assert!(
        listing.contains("\"path\":\"content/services/a-online.en.md\""),
        "{listing}"
    );
    let (_, entry) = preview.post(
        "/api/v1",
        &headers,
        &request(
            "getEntry",
            serde_json::json!({"path": "content/services/a-online.de.md"}),
        ),
    );
    assert!(entry.contains("title: Leistung A-ONLINE"), "{entry}");

    // The CMS writes a non-text field into the translation too: it is
    // left out; the title changes.
    let as_sent =
        "---\ntitle: Service A, now online\ntopics:\n  - familie\n---\nDescription of a-online.\n";
    let (status, body) = preview.post(
        "/api/v1",
        &headers,
        &save("content/services/a-online.en.md", as_sent),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        site.read_source("content/services/a-online.en.md"),
        "---\ntitle: Service A, now online\n---\nDescription of a-online.\n"
    );
    preview.wait_for("/en/leistungen/a-online/", |b| {
        b.contains("<h1>Service A, now online</h1>")
    });
    // A language the editor left empty makes no file.
    preview.post(
        "/api/v1",
        &headers,
        &request(
            "getEntry",
            serde_json::json!({"path": "content/services/d-pilot.de.md"}),
        ),
    );
    let (status, body) = preview.post(
        "/api/v1",
        &headers,
        &request(
            "persistEntry",
            serde_json::json!({"dataFiles": [
                {"path": "content/services/d-pilot.de.md", "slug": "d-pilot", "raw": site.read_source("content/services/d-pilot.md")},
                {"path": "content/services/d-pilot.en.md", "slug": "d-pilot", "raw": "---\ntopics:\n  - familie\n---\n"}
            ], "assets": []}),
        ),
    );
    assert_eq!(status, 200, "{body}");
    assert!(!site.root().join("content/services/d-pilot.en.md").exists());
}
