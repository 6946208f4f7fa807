//! Editing in the browser with the preview: the admin page at `/admin/`
//! and the CMS's proxy protocol at `/api/v1` (Decap CMS's local backend,
//! which its `decap-server` answers elsewhere), so an editor needs nothing
//! but `portal serve`.
//!
//! Reading lists and returns files of the content folder. Saving is done
//! by the rebuilding thread, which owns the site: the saved file is merged
//! into the one on disk ([`crate::admin::merge`]), the site is checked as
//! if the file read so ([`Incremental::check_with`]), and only when that
//! finds no new error is the file written (atomically) and the preview
//! rebuilt; otherwise the save is refused with `portal`'s own messages,
//! which the CMS shows, and the file is left as it was.
//!
//! Nobody else may write:
//! - only requests whose `Host` is the preview's own loopback address
//!   (a DNS-rebinding page's name is refused) and whose `Origin` is that
//!   same origin (a form or script on another site is refused);
//! - only from loopback, unless the operator started the preview on
//!   another address *and* said `--allow-remote-editing`;
//! - only paths inside `content/`: no `..`, no absolute paths, no link
//!   that points outside;
//! - a file changed on disk since the form loaded it is not overwritten.

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::admin::merge::{self, Layout};
use crate::diagnostic::Diagnostic;
use crate::hashing::{fingerprint, Map, Set};
use crate::incremental::Incremental;
use crate::model::{split_language, ContentKind};

/// Why a request is not done: the HTTP status and the message the CMS
/// shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The status answered.
    pub status: StatusCode,
    /// What is wrong and what would be right.
    pub message: String,
}

impl Refused {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Refused {
            status,
            message: message.into(),
        }
    }

    fn forbidden(message: impl Into<String>) -> Self {
        Refused::new(StatusCode::FORBIDDEN, message)
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        (self.status, axum::Json(json!({ "error": self.message }))).into_response()
    }
}

/// A save from the forms, done by the rebuilding thread.
pub struct Save {
    /// The file, inside the content folder.
    pub path: PathBuf,
    /// The file as the messages name it (`content/services/x.md`).
    pub shown: String,
    /// The whole file as the CMS wrote it.
    pub text: String,
    /// The versions of the file the forms were given (fingerprints of its
    /// bytes): the file on disk must be one of them.
    pub known: Set<u64>,
    /// Where the outcome goes.
    pub reply: tokio::sync::oneshot::Sender<Result<Saved, Refused>>,
}

/// How the protocol names files: with translations, the CMS names every
/// language's file `<slug>.<code>.md`, the original too (`wohngeld.de.md`
/// for `wohngeld.md`); the preview maps the names both ways.
#[derive(Debug, Default)]
struct Naming {
    /// The site's language, when it has translations.
    language: Option<String>,
    /// Its further languages.
    others: Vec<String>,
}

impl Naming {
    /// The file a name of the protocol means (below the site's folder).
    fn on_disk(&self, named: &str) -> String {
        match &self.language {
            Some(language) => match named.strip_suffix(&format!(".{language}.md")) {
                Some(stem) => format!("{stem}.md"),
                None => named.to_owned(),
            },
            None => named.to_owned(),
        }
    }

    /// The name of a file for the protocol: a document in a folder of its
    /// kind (the start page, a single file, is translated on its own).
    fn named(&self, shown: &str) -> String {
        let in_folder = shown.trim_start_matches("content/").contains('/');
        match (&self.language, shown.strip_suffix(".md")) {
            (Some(language), Some(stem)) if in_folder && split_language(stem).is_none() => {
                format!("{stem}.{language}.md")
            }
            _ => shown.to_owned(),
        }
    }

    /// Whether a Markdown file of this stem is listed: originals always,
    /// translations into one of the site's languages when the CMS edits
    /// them as locales.
    fn lists(&self, stem: &str) -> bool {
        match split_language(stem) {
            None => true,
            Some((_, code)) => self.language.is_some() && self.others.iter().any(|o| o == code),
        }
    }
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// The fingerprint of the file's bytes now (0: there is no file).
    pub print: u64,
    /// Whether the file was written (not when the save changed nothing).
    pub written: bool,
}

/// What the preview knows for editing.
pub struct Editing {
    /// The site's folder, canonical.
    root: PathBuf,
    /// Its content folder, canonical.
    content: PathBuf,
    /// The address the preview listens on.
    bind: IpAddr,
    /// The port it listens on, once bound.
    port: OnceLock<u16>,
    /// Whether the operator allowed editing from other machines.
    remote: bool,
    /// The versions of each file the forms were given.
    seen: Mutex<Map<PathBuf, Set<u64>>>,
    /// The rebuilding thread's queue.
    saves: Queue,
}

/// Hands a save to the rebuilding thread; `false` once it has stopped.
pub type Queue = Box<dyn Fn(Save) -> bool + Send + Sync>;

/// A request of the CMS's proxy protocol.
#[derive(Deserialize)]
struct Request {
    action: String,
    #[serde(default)]
    params: Value,
}

impl Editing {
    /// Editing for the site in `root`, saving through `saves`.
    pub fn new(root: &Path, bind: IpAddr, remote: bool, saves: Queue) -> Self {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let content = root
            .join("content")
            .canonicalize()
            .unwrap_or_else(|_| root.join("content"));
        Editing {
            root,
            content,
            bind,
            port: OnceLock::new(),
            remote,
            seen: Mutex::new(Map::default()),
            saves,
        }
    }

    /// Notes the port once the preview listens.
    pub fn bound(&self, port: u16) {
        let _ = self.port.set(port);
    }

    /// Whether a request may use the protocol at all (see the module).
    pub fn admit(&self, headers: &HeaderMap, peer: SocketAddr) -> Result<(), Refused> {
        if !self.bind.is_loopback() && !self.remote {
            return Err(Refused::forbidden(format!(
                "editing is off: the preview listens on {}, not on loopback; start it with --allow-remote-editing to allow editing from other machines",
                self.bind
            )));
        }
        if !peer.ip().is_loopback() && !self.remote {
            return Err(Refused::forbidden(
                "editing is allowed from this machine only",
            ));
        }
        let port = self.port.get().copied().unwrap_or(0);
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        let allowed = [
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        // With the operator's consent to editing from other machines, they
        // reach it by any name; the origin must still be its own.
        if !self.remote && !allowed.iter().any(|a| a == host) {
            return Err(Refused::forbidden(format!(
                "the request names the host `{host}`, not the preview's own address ({}): refused",
                allowed[0]
            )));
        }
        let origin = headers
            .get(header::ORIGIN)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        if origin != format!("http://{host}") {
            return Err(Refused::forbidden(format!(
                "the request comes from `{}`, not from the preview's own pages: refused",
                if origin.is_empty() {
                    "an unknown origin"
                } else {
                    origin
                }
            )));
        }
        let json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|t| t.starts_with("application/json"));
        if !json {
            return Err(Refused::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "the protocol takes JSON (Content-Type: application/json)",
            ));
        }
        Ok(())
    }

    /// The file a path of the protocol names (relative to the site's
    /// folder, below `content/`), refused when it would leave the content
    /// folder in any way.
    pub fn inside(&self, raw: &str) -> Result<PathBuf, Refused> {
        self.inside_named(raw, &Naming::default())
    }

    /// [`Editing::inside`] for a name of the protocol under `naming`.
    fn inside_named(&self, raw: &str, naming: &Naming) -> Result<PathBuf, Refused> {
        let raw = &naming.on_disk(raw);
        let leaves = || {
            Refused::forbidden(format!(
                "`{raw}` is not a path inside the content folder: refused"
            ))
        };
        if raw.is_empty() || raw.contains(['\0', '\\']) {
            return Err(leaves());
        }
        let relative = Path::new(raw);
        if !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(leaves());
        }
        if !relative.starts_with("content") {
            return Err(leaves());
        }
        let full = self.root.join(relative);
        // The deepest part that exists, links followed, must lie inside.
        let mut existing = full.clone();
        loop {
            match existing.symlink_metadata() {
                Ok(_) => break,
                Err(_) if existing.pop() => continue,
                Err(_) => return Err(leaves()),
            }
        }
        match existing.canonicalize() {
            Ok(real) if real.starts_with(&self.content) => Ok(full),
            _ => Err(leaves()),
        }
    }

    /// How the protocol names files now (site.yaml may change while the
    /// preview runs).
    fn naming(&self) -> Naming {
        let Ok(site) = self.site() else {
            return Naming::default();
        };
        let others: Vec<String> = site
            .edition_codes()
            .iter()
            .map(|c| (*c).to_owned())
            .collect();
        Naming {
            language: (!others.is_empty()).then(|| site.text_language().to_owned()),
            others,
        }
    }

    /// The path as messages and the protocol name it.
    fn shown(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// Notes that the forms were given `bytes` of `path`.
    fn seen(&self, path: &Path, bytes: &[u8]) -> u64 {
        let print = fingerprint(bytes);
        self.seen
            .lock()
            .expect("not poisoned")
            .entry(path.to_path_buf())
            .or_default()
            .insert(print);
        print
    }

    /// An entry of the protocol: the file's text and its name.
    fn entry(&self, path: &Path, naming: &Naming) -> Value {
        self.entry_as(path, naming, false)
    }

    /// An entry, with only its front matter when `listed`: a list of a
    /// collection and the search of a relation read only the fields, and
    /// the CMS loads the whole file when it opens one (6,000 services are
    /// 21 MB with their texts, a tenth without).
    fn entry_as(&self, path: &Path, naming: &Naming, listed: bool) -> Value {
        let name = naming.named(&self.shown(path));
        match std::fs::read(path) {
            Ok(bytes) => {
                let id = format!("{:016x}", self.seen(path, &bytes));
                let text = String::from_utf8_lossy(&bytes);
                let data = match crate::load::frontmatter::split(&text) {
                    Ok(split) if listed => &text[..split.body_start],
                    _ => &text[..],
                };
                json!({
                    "data": data,
                    "file": {"path": name, "id": id},
                })
            }
            Err(_) => json!({"data": null, "file": {"path": name, "id": null}}),
        }
    }

    /// The documents of a folder: its files ending in `.<extension>`, down
    /// to `depth` levels, without translations (`x.en.md`), which belong
    /// to their original.
    fn folder(&self, folder: &Path, extension: &str, depth: usize, naming: &Naming) -> Vec<Value> {
        let suffix = format!(".{extension}");
        let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(folder)
            .min_depth(1)
            .max_depth(depth.max(1))
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                !name.starts_with('.')
                    && name.ends_with(&suffix)
                    && (extension != "md" || naming.lists(&name[..name.len() - suffix.len()]))
            })
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| self.entry_as(p, naming, true))
            .collect()
    }

    /// A media file as the protocol sends it.
    fn media(&self, path: &Path) -> Option<Value> {
        let bytes = std::fs::read(path).ok()?;
        Some(json!({
            "id": format!("{:016x}", fingerprint(&bytes)),
            "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
            "encoding": "base64",
            "path": self.shown(path),
            "name": path.file_name()?.to_string_lossy(),
        }))
    }

    /// Answers one request of the protocol (after [`Editing::admit`]).
    pub async fn answer(&self, body: &[u8]) -> Result<Value, Refused> {
        let request: Request = serde_json::from_slice(body).map_err(|e| {
            Refused::new(
                StatusCode::BAD_REQUEST,
                format!("not a request of the CMS's protocol: {e}"),
            )
        })?;
        let params = &request.params;
        let naming = self.naming();
        let inside = |raw: &str| self.inside_named(raw, &naming);
        let text = |key: &str| -> Result<&str, Refused> {
            params[key].as_str().ok_or_else(|| {
                Refused::new(
                    StatusCode::BAD_REQUEST,
                    format!("`params.{key}` is missing"),
                )
            })
        };
        match request.action.as_str() {
            "info" => Ok(json!({
                "repo": self.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                "publish_modes": ["simple"],
                "type": "local_fs",
            })),
            "entriesByFolder" => {
                let folder = inside(text("folder")?)?;
                let extension = params["extension"].as_str().unwrap_or("md");
                let depth = params["depth"].as_u64().unwrap_or(1) as usize;
                Ok(Value::Array(self.folder(&folder, extension, depth, &naming)))
            }
            "entriesByFiles" => {
                let files = params["files"].as_array().cloned().unwrap_or_default();
                let mut out = Vec::new();
                for file in files {
                    let raw = file["path"].as_str().unwrap_or_default();
                    let mut entry = self.entry(&inside(raw)?, &naming);
                    if let Some(label) = file.get("label") {
                        entry["file"]["label"] = label.clone();
                    }
                    out.push(entry);
                }
                Ok(Value::Array(out))
            }
            "getEntry" => Ok(self.entry(&inside(text("path")?)?, &naming)),
            "persistEntry" => self.persist(params, &naming).await,
            "getMedia" => {
                let folder = self.inside(text("mediaFolder")?)?;
                let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
                    .map(|entries| {
                        entries
                            .filter_map(Result::ok)
                            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                            .map(|e| e.path())
                            .collect()
                    })
                    .unwrap_or_default();
                paths.sort();
                Ok(Value::Array(
                    paths.iter().filter_map(|p| self.media(p)).collect(),
                ))
            }
            "getMediaFile" => {
                let path = self.inside(text("path")?)?;
                self.media(&path)
                    .ok_or_else(|| Refused::new(StatusCode::NOT_FOUND, "no such file"))
            }
            "persistMedia" => {
                let asset = &params["asset"];
                let path = self.inside(asset["path"].as_str().unwrap_or_default())?;
                self.write_media(&path, asset)?;
                self.media(&path)
                    .ok_or_else(|| Refused::new(StatusCode::INTERNAL_SERVER_ERROR, "written but not readable"))
            }
            "deleteFile" | "deleteFiles" => {
                let paths: Vec<String> = match params["paths"].as_array() {
                    Some(list) => list.iter().filter_map(|p| p.as_str().map(str::to_owned)).collect(),
                    None => vec![text("path")?.to_owned()],
                };
                for raw in &paths {
                    let path = inside(raw)?;
                    if !self.is_media(&path) {
                        return Err(Refused::forbidden(format!(
                            "`{raw}` is content: the preview's forms do not delete documents (a reference to it elsewhere would break the site); remove it with git (`git rm {raw}`) so the change is reviewed"
                        )));
                    }
                    std::fs::remove_file(&path).map_err(|e| {
                        Refused::new(StatusCode::INTERNAL_SERVER_ERROR, format!("cannot delete `{raw}`: {e}"))
                    })?;
                }
                Ok(json!({"message": format!("deleted {}", paths.join(", "))}))
            }
            "getDeployPreview" => Ok(Value::Null),
            other => Err(Refused::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("the preview does not offer `{other}` (its forms save directly, with no editorial workflow)"),
            )),
        }
    }

    /// Whether `path` is a file of the site's static folder (media).
    fn is_media(&self, path: &Path) -> bool {
        path.starts_with(self.root.join("content").join("static"))
    }

    /// Writes an uploaded media file (only into `content/static/`).
    fn write_media(&self, path: &Path, asset: &Value) -> Result<(), Refused> {
        if !self.is_media(path) {
            return Err(Refused::forbidden(
                "media files go into content/static/ only",
            ));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(asset["content"].as_str().unwrap_or_default())
            .map_err(|e| {
                Refused::new(
                    StatusCode::BAD_REQUEST,
                    format!("the file is not base64: {e}"),
                )
            })?;
        write_atomically(&self.root, path, &bytes)
            .map_err(|e| Refused::new(StatusCode::INTERNAL_SERVER_ERROR, e))
    }

    /// `persistEntry`: each file of the entry saved through the rebuilding
    /// thread, in turn.
    async fn persist(&self, params: &Value, naming: &Naming) -> Result<Value, Refused> {
        let files: Vec<Value> = match params["dataFiles"].as_array() {
            Some(files) => files.clone(),
            None => vec![params["entry"].clone()],
        };
        for file in &files {
            let raw = file["path"].as_str().unwrap_or_default();
            if file["newPath"].as_str().is_some_and(|new| new != raw) {
                return Err(Refused::forbidden(format!(
                    "`{raw}` would be renamed: the preview's forms do not rename documents (links to the old address would break); rename it with git (`git mv`)"
                )));
            }
            let path = self.inside_named(raw, naming)?;
            let text = file["raw"]
                .as_str()
                .ok_or_else(|| Refused::new(StatusCode::BAD_REQUEST, "`raw` is missing"))?;
            let known = self
                .seen
                .lock()
                .expect("not poisoned")
                .get(&path)
                .cloned()
                .unwrap_or_default();
            let (reply, outcome) = tokio::sync::oneshot::channel();
            let save = Save {
                shown: self.shown(&path),
                path: path.clone(),
                text: text.to_owned(),
                known,
                reply,
            };
            if !(self.saves)(save) {
                return Err(Refused::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the preview is shutting down",
                ));
            }
            let written = outcome.await.map_err(|_| {
                Refused::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the preview is shutting down",
                )
            })??;
            self.seen
                .lock()
                .expect("not poisoned")
                .entry(path)
                .or_default()
                .insert(written.print);
        }
        for asset in params["assets"].as_array().into_iter().flatten() {
            let path = self.inside(asset["path"].as_str().unwrap_or_default())?;
            self.write_media(&path, asset)?;
        }
        Ok(json!({"message": "entry persisted"}))
    }
}

/// Writes `bytes` to `path` so that readers see the old file or the new
/// one, never a part: into a temporary file in the site's folder (which
/// the preview does not watch), then renamed over the file.
pub fn write_atomically(root: &Path, path: &Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write `{}`: {e}", path.display());
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let write = |dir: &Path| -> std::io::Result<()> {
        let mut file = tempfile::Builder::new()
            .prefix(".portal-save-")
            .tempfile_in(dir)?;
        file.write_all(bytes)?;
        file.as_file().sync_all()?;
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    };
    // Across file systems a rename fails: then beside the file.
    write(root)
        .or_else(|_| write(path.parent().unwrap_or(root)))
        .map_err(fail)
}

/// The kind of document a translation file (`<slug>.<code>.md`) in the
/// content folder of `root` translates; `None` for any other file.
fn translation_kind(root: &Path, path: &Path) -> Option<ContentKind> {
    split_language(path.file_stem()?.to_str()?)?;
    crate::load::kind_of(&root.join("content"), path)
}

/// The messages of errors, for comparing the errors of two checks.
fn errors(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(Diagnostic::to_human)
        .collect()
}

/// Does a save on the rebuilding thread: see the module. `before` are the
/// errors of the site as it is (a save is refused only for errors it
/// brings).
pub fn apply(
    incremental: &mut Incremental,
    root: &Path,
    save: &Save,
    before: &[Diagnostic],
) -> Result<Saved, Refused> {
    let on_disk = std::fs::read(&save.path).ok();
    if let Some(bytes) = &on_disk {
        if !save.known.contains(&fingerprint(bytes.as_slice())) {
            return Err(Refused::new(
                StatusCode::CONFLICT,
                format!(
                    "`{}` was changed on disk after the form loaded it; reload the page to see the new version, then make your change again (nothing was saved)",
                    save.shown
                ),
            ));
        }
    }
    let original = on_disk
        .as_ref()
        .map(|b| String::from_utf8_lossy(b).into_owned());
    let mut saved = save.text.clone();
    if let Some(kind) = translation_kind(root, &save.path) {
        match merge::only_fields(&saved, |key| kind.translatable_fields().contains(&key)) {
            Some(texts) => saved = texts,
            // A language the editor left empty: no file for it, and an
            // existing one stays (a translation is removed with git).
            None => return Ok(unchanged(on_disk.as_deref())),
        }
    }
    let merged = merge::merge(Layout::of(&save.shown), original.as_deref(), &saved);
    if original.as_deref() == Some(merged.as_str()) {
        return Ok(unchanged(on_disk.as_deref()));
    }
    let found = incremental.check_with(&save.path, merged.clone());
    let known = errors(before);
    let new: Vec<String> = found
        .iter()
        .filter(|d| d.is_error() && !known.contains(&d.to_human()))
        .map(Diagnostic::to_line)
        .collect();
    if !new.is_empty() {
        incremental.forget(&save.path);
        return Err(Refused::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("not saved, the file is unchanged: {}", new.join("; ")),
        ));
    }
    write_atomically(root, &save.path, merged.as_bytes())
        .map_err(|e| Refused::new(StatusCode::INTERNAL_SERVER_ERROR, e))?;
    Ok(Saved {
        print: fingerprint(merged.as_bytes()),
        written: true,
    })
}

/// A save that left the file (`None`: no file) as it was.
fn unchanged(on_disk: Option<&[u8]>) -> Saved {
    Saved {
        print: on_disk.map_or(0, fingerprint),
        written: false,
    }
}

/// What `/admin/` answers in the preview.
pub enum AdminAnswer {
    /// A page or file, with its type.
    File(&'static str, Vec<u8>),
    /// No such file.
    Missing,
}

impl Editing {
    /// The site's settings as site.yaml now has them; `Err` with what to
    /// tell the editor when it cannot be read.
    fn site(&self) -> Result<crate::model::SiteConfig, String> {
        let path = self.root.join("content").join(crate::load::SITE_FILE);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("content/site.yaml cannot be read: {e}"))?;
        crate::yaml::from_str(&text).map_err(|e| {
            format!(
                "content/site.yaml has errors ({e}); the terminal running portal serve says more"
            )
        })
    }

    /// The admin page, the CMS's configuration or one of the CMS's files,
    /// by the path below `/admin/`.
    pub fn admin(&self, below: &str) -> AdminAnswer {
        use crate::admin::{self, Input, Saving, CMS_DIR};
        const HTML: &str = "text/html; charset=utf-8";
        let site = match self.site() {
            Ok(site) => site,
            Err(message) => {
                return AdminAnswer::File(HTML, help_page(&message).into_bytes());
            }
        };
        let Some(settings) = site.admin.clone() else {
            return match below {
                "" => AdminAnswer::File(HTML, help_page(NO_ADMIN).into_bytes()),
                _ => AdminAnswer::Missing,
            };
        };
        match below {
            "" => AdminAnswer::File(HTML, admin::page(&site.title, &settings, true).into_bytes()),
            "config.yml" => {
                let strings = crate::theme::load(&self.root, &site.theme)
                    .map(|theme| theme.site_strings(&site))
                    .unwrap_or_default();
                let input = Input {
                    site: &site,
                    strings: &strings,
                    content: "content",
                };
                AdminAnswer::File(
                    "application/yaml; charset=utf-8",
                    admin::config_yaml(&input, Saving::Preview).into_bytes(),
                )
            }
            other => {
                let Some(name) = other.strip_prefix(&format!("{CMS_DIR}/")) else {
                    return AdminAnswer::Missing;
                };
                if settings.remote_script().is_some()
                    || name.contains(['/', '\\'])
                    || !admin::is_cms_file(name)
                {
                    return AdminAnswer::Missing;
                }
                match std::fs::read(self.root.join(&settings.cms).join(name)) {
                    Ok(bytes) => AdminAnswer::File(
                        if name.ends_with(".css") {
                            "text/css; charset=utf-8"
                        } else if name.ends_with(".wasm") {
                            "application/wasm"
                        } else if name.ends_with(".txt") {
                            "text/plain; charset=utf-8"
                        } else {
                            "text/javascript; charset=utf-8"
                        },
                        bytes,
                    ),
                    Err(_) => AdminAnswer::Missing,
                }
            }
        }
    }
}

/// What the preview's `/admin/` says when site.yaml names no CMS.
const NO_ADMIN: &str = "The forms need the CMS: add to content/site.yaml\n\nadmin:\n  cms: admin/decap-cms   # a folder with the files of Decap CMS's dist/\n\nor the https:// address of decap-cms.js; docs/admin.md says how.";

/// A page telling the editor what the forms need.
fn help_page(message: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>Forms not set up · portal</title>\n</head>\n<body>\n<main>\n<h1>The forms are not set up</h1>\n<pre>{}</pre>\n</main>\n</body>\n</html>\n",
        crate::text::escape_html(message)
    )
}
