//! Themes: the built-in default theme, embedded in the binary, with the
//! site's own files laid over it one file at a time.
//!
//! Embedding means a site needs nothing but `content/`; overriding single
//! files means a site can change its header without copying the theme.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::diagnostic::{Diagnostic, Location};
use crate::load::files_below;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The templates every theme must provide, as the content model names them.
pub const REQUIRED_TEMPLATES: [&str; 14] = [
    "base.html",
    "home.html",
    "services.html",
    "service.html",
    "news_list.html",
    "news.html",
    "governance.html",
    "body.html",
    "person.html",
    "topics.html",
    "topic.html",
    "progress.html",
    "page.html",
    "404.html",
];

/// A template's text and where it came from.
#[derive(Debug, Clone)]
pub struct Template {
    /// Name as used in `{% extends %}` and `{% include %}`, e.g. `base.html`.
    pub name: String,
    /// The template source.
    pub text: String,
    /// The file it came from, for diagnostics.
    pub origin: PathBuf,
}

/// A static file of the theme (CSS, fonts, icons).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path below `static/` (and below the output folder, but for the
    /// fingerprint of [`Asset::published`]), with `/` separators.
    pub output: String,
    /// The file's bytes.
    pub bytes: Cow<'static, [u8]>,
}

impl Asset {
    /// Where the file is published. Stylesheets and scripts carry a
    /// fingerprint of their bytes in the name (`assets/portal.1a2b3c4d5e.css`),
    /// so web servers and CDNs may cache them for a year: a changed file is a
    /// new address. Other files keep their name (a favicon is also looked
    /// for under its plain name).
    pub fn published(&self) -> String {
        let Some((stem, extension)) = self.output.rsplit_once('.') else {
            return self.output.clone();
        };
        if !matches!(extension, "css" | "js") {
            return self.output.clone();
        }
        use sha2::Digest;
        let digest = sha2::Sha256::digest(&self.bytes);
        let hex: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
        format!("{stem}.{hex}.{extension}")
    }
}

/// A theme ready for rendering.
#[derive(Debug, Clone)]
pub struct Theme {
    /// All templates, overrides applied.
    pub templates: Vec<Template>,
    /// All static files, overrides applied.
    pub assets: Vec<Asset>,
}

impl Theme {
    /// The published path of every static file by its path below
    /// `static/` (`assets/portal.css` → `assets/portal.1a2b3c4d5e.css`),
    /// for templates as `site.assets`.
    pub fn asset_paths(&self) -> std::collections::BTreeMap<String, String> {
        self.assets
            .iter()
            .map(|a| (a.output.clone(), a.published()))
            .collect()
    }
}

/// Loads theme `name` for the site at `root`: the built-in files, each
/// replaced by a file of the same name in `root/themes/<name>/`.
pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut theme = Theme {
        templates: Vec::new(),
        assets: Vec::new(),
    };
    if let Some(dir) = DEFAULT_THEME.get_dir("templates") {
        for file in embedded_files(dir) {
            let name = relative(file.path(), dir.path());
            theme.templates.push(Template {
                text: String::from_utf8_lossy(file.contents()).into_owned(),
                origin: Path::new("themes/default/templates (built in)").join(&name),
                name,
            });
        }
    }
    if let Some(dir) = DEFAULT_THEME.get_dir("static") {
        for file in embedded_files(dir) {
            theme.assets.push(Asset {
                output: relative(file.path(), dir.path()),
                bytes: Cow::Borrowed(file.contents()),
            });
        }
    }

    let site_theme = root.join("themes").join(name);
    if !site_theme.is_dir() {
        if name == "default" {
            return Ok(theme);
        }
        return Err(vec![Diagnostic::error(format!("the theme `{name}` does not exist"))
            .at(Location::file("content/site.yaml"))
            .with_help(format!(
                "create themes/{name}/templates/ with the templates to replace, or remove `theme` from site.yaml"
            ))]);
    }
    let mut diagnostics = Vec::new();
    for (path, name) in files_below(root, &site_theme.join("templates"), &mut diagnostics) {
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let template = Template {
                    name,
                    text,
                    origin: shown,
                };
                match theme.templates.iter_mut().find(|t| t.name == template.name) {
                    Some(existing) => *existing = template,
                    None => theme.templates.push(template),
                }
            }
            Err(e) => diagnostics.push(
                Diagnostic::error(format!("cannot read the template: {e}"))
                    .at(Location::file(shown))
                    .with_help("templates must be UTF-8 text files"),
            ),
        }
    }
    for (path, output) in files_below(root, &site_theme.join("static"), &mut diagnostics) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                let asset = Asset {
                    output,
                    bytes: Cow::Owned(bytes),
                };
                match theme.assets.iter_mut().find(|a| a.output == asset.output) {
                    Some(existing) => *existing = asset,
                    None => theme.assets.push(asset),
                }
            }
            Err(e) => diagnostics.push(
                Diagnostic::error(format!("cannot read the file: {e}"))
                    .at(Location::file(
                        path.strip_prefix(root).unwrap_or(&path).to_path_buf(),
                    ))
                    .with_help("make it readable for the user running portal, or remove it"),
            ),
        }
    }
    if diagnostics.is_empty() {
        Ok(theme)
    } else {
        Err(diagnostics)
    }
}

/// Every file below an embedded folder (the theme, the starter site).
pub(crate) fn embedded_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files
}

fn relative(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
