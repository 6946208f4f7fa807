//! Forms for editors in the browser: the configuration of a git-based CMS
//! made from the content schemas, its admin page, and the round trip that
//! keeps a saved file as the editor left it.
//!
//! The CMS is Decap CMS (3.x). Why Decap: its proxy backend is a small,
//! documented JSON protocol, so `portal serve` answers it itself and every
//! save passes `portal`'s own checks before it reaches the disk (Sveltia
//! CMS, which reads the same `config.yml`, edits local files through the
//! browser's file access instead, past any check). The configuration
//! written here is plain Decap/Sveltia configuration, validated in the
//! tests against the schema Sveltia publishes, so a site can point
//! `admin.cms` at Sveltia for the published `/admin/`.
//!
//! - [`mod@config`]: the configuration, from [`crate::schema`].
//! - [`merge`]: a saved file merged into the one on disk, keeping what the
//!   editor did not change.
//! - this module: the admin page and its content security policy.

pub mod config;
pub mod merge;

use crate::model::{Admin, GitHost};
use crate::text::escape_html;

pub use config::{config, Input, Saving, PROXY_PATH};

/// Where the admin page is published.
pub const ADMIN_DIR: &str = "admin";
/// The folder below [`ADMIN_DIR`] the CMS's files are served from.
pub const CMS_DIR: &str = "cms";
/// The CMS's script in its `dist/` folder.
pub const CMS_SCRIPT: &str = "decap-cms.js";

/// The files of the CMS's `dist/` folder that are published: its script,
/// the pieces it loads later and their licences, not the source maps.
pub fn is_cms_file(name: &str) -> bool {
    !name.starts_with('.')
        && (name.ends_with(".js")
            || name.ends_with(".wasm")
            || name.ends_with(".css")
            || name.ends_with(".txt"))
}

/// The address the admin page loads the CMS from: the site's own copy or
/// the operator's `https://` address.
fn script_src(admin: &Admin) -> String {
    match admin.remote_script() {
        Some(url) => url.to_owned(),
        None => format!("{CMS_DIR}/{CMS_SCRIPT}"),
    }
}

/// The origin (`https://host[:port]`) of an address.
fn origin(address: &str) -> Option<String> {
    let url = url::Url::parse(address).ok()?;
    Some(url.origin().ascii_serialization())
}

/// The hosts the CMS talks to when it saves into `admin`'s repository:
/// the API and login of the git host, and GitHub's relay.
fn backend_origins(admin: &Admin) -> Vec<String> {
    let Some(backend) = &admin.backend else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut add = |address: &str| {
        if let Some(o) = origin(address) {
            if !out.contains(&o) {
                out.push(o);
            }
        }
    };
    let (base, api) = config::endpoints(backend);
    match backend.name {
        GitHost::Github => {
            add("https://api.github.com");
            add("https://avatars.githubusercontent.com");
        }
        GitHost::Gitlab if base.is_none() => add("https://gitlab.com"),
        _ => {}
    }
    for address in base.iter().chain(api.iter()) {
        add(address);
    }
    out
}

/// The admin page's content security policy. The CMS needs more than a
/// citizen's page allows, and only here: `'unsafe-eval'` (its
/// configuration check compiles validators at run time), inline styles
/// (its components style themselves), `blob:` and `data:` images (media
/// previews) and the git host for its API. Nothing else is loaded.
pub fn content_security_policy(admin: &Admin, preview: bool) -> String {
    let hosts = if preview {
        Vec::new()
    } else {
        backend_origins(admin)
    };
    let host_list = hosts.iter().map(|h| format!(" {h}")).collect::<String>();
    let script = admin
        .remote_script()
        .and_then(origin)
        .map(|o| format!(" {o}"))
        .unwrap_or_default();
    format!(
        "default-src 'none'; script-src 'self'{script} 'unsafe-eval'; style-src 'self' 'unsafe-inline'{script}; \
         img-src 'self' data: blob:{host_list}; font-src 'self' data:{script}; connect-src 'self' blob:{host_list}; \
         worker-src 'self' blob:; frame-src 'self'{host_list}; base-uri 'none'; form-action 'none'"
    )
}

/// The admin page: the CMS's script, which reads `config.yml` beside the
/// page, kept out of search engines.
pub fn page(site_title: &str, admin: &Admin, preview: bool) -> String {
    let title = escape_html(site_title);
    let csp = escape_html(&content_security_policy(admin, preview));
    let script = escape_html(&script_src(admin));
    format!(
        "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>Redaktion · {title}</title>\n\
         </head>\n<body>\n<noscript><p>Die Redaktionsoberfläche braucht JavaScript.</p></noscript>\n\
         <script src=\"{script}\"></script>\n</body>\n</html>\n"
    )
}

/// The configuration as the YAML the CMS reads.
pub fn config_yaml(input: &Input, saving: Saving) -> String {
    let value = config(input, saving);
    let mut text =
        String::from("# Made by portal from the content schemas; changes here are overwritten.\n");
    text.push_str(&serde_yaml::to_string(&value).unwrap_or_default());
    text
}
