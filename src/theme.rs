//! Themes: the built-in default theme, embedded in the binary, with the
//! site's own files laid over it one file at a time.
//!
//! Embedding means a site needs nothing but `content/`; overriding single
//! files means a site can change its header without copying the theme.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::diagnostic::{Diagnostic, Location};
use crate::i18n::Strings;
use crate::load::files_below;
use crate::source::SourceFile;

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
    /// The texts per language (`strings/<code>.yaml`), the site's keys
    /// laid over the built-in ones.
    pub strings: Strings,
}

impl Theme {
    /// The texts in the language of `config` (empty when the theme has
    /// none; the templates' check reports that).
    pub fn site_strings(
        &self,
        config: &crate::model::SiteConfig,
    ) -> std::sync::Arc<crate::i18n::StringTable> {
        self.strings_for(config.text_language())
    }

    /// The theme's texts in the language `code` (`ls` for Leichte
    /// Sprache).
    pub fn strings_for(&self, code: &str) -> std::sync::Arc<crate::i18n::StringTable> {
        std::sync::Arc::new(self.strings.table(code).cloned().unwrap_or_default())
    }

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
        strings: Strings::default(),
    };
    let mut diagnostics = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("strings") {
        for file in embedded_files(dir) {
            let name = relative(file.path(), dir.path());
            let shown = Path::new("themes/default/strings (built in)").join(&name);
            let text = String::from_utf8_lossy(file.contents()).into_owned();
            add_strings(
                &mut theme.strings,
                &name,
                SourceFile::new(shown, text),
                &mut diagnostics,
            );
        }
    }
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
            return if diagnostics.is_empty() {
                Ok(theme)
            } else {
                Err(diagnostics)
            };
        }
        return Err(vec![Diagnostic::error(format!("the theme `{name}` does not exist"))
            .at(Location::file("content/site.yaml"))
            .with_help(format!(
                "create themes/{name}/templates/ with the templates to replace, or remove `theme` from site.yaml"
            ))]);
    }
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
    for (path, name) in files_below(root, &site_theme.join("strings"), &mut diagnostics) {
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        match std::fs::read_to_string(&path) {
            Ok(text) => add_strings(
                &mut theme.strings,
                &name,
                SourceFile::new(shown, text),
                &mut diagnostics,
            ),
            Err(e) => diagnostics.push(
                Diagnostic::error(format!("cannot read the string file: {e}"))
                    .at(Location::file(shown))
                    .with_help("string files must be UTF-8 text files"),
            ),
        }
    }
    if diagnostics.is_empty() {
        Ok(theme)
    } else {
        Err(diagnostics)
    }
}

/// Reads string file `name` (`en.yaml`) into `strings`; its name must be
/// a language code.
fn add_strings(
    strings: &mut Strings,
    name: &str,
    file: SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let lang = name.strip_suffix(".yaml").unwrap_or_default();
    if !crate::i18n::lang::is_known(lang) {
        let help = match crate::i18n::lang::suggestion(lang) {
            Some(meant) => format!("name it `{meant}.yaml`"),
            None => "name it after its language's two-letter ISO 639-1 code, e.g. `en.yaml`".into(),
        };
        diagnostics.push(
            Diagnostic::error(format!(
                "`{name}` is not named after a language: string files are `<code>.yaml`"
            ))
            .at(Location::file(file.path().to_path_buf()))
            .with_help(help),
        );
        return;
    }
    diagnostics.extend(strings.add(lang, file));
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
