//! Stage 3, render: every page of the site through Markdown and the theme's
//! templates, in parallel, each written to the staging folder as soon as it
//! is done so rendered pages are never all held in memory.
//!
//! The pages come from [`crate::resolve::plan`], which says what each page
//! is made from: the seam the live preview will use to re-render only the
//! pages an edit touches.

mod charts;
pub mod data;
pub mod deps;
mod feeds;
mod guard;
pub mod languages;
mod notices;
mod pages;
mod structured;
mod templates;
pub mod views;

pub use templates::Templates;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::load::StaticFile;
use crate::output::Staging;
use crate::resolve::{PlannedPage, Site};
use crate::theme::Theme;
use crate::urls;
use deps::Input;
use guard::Finding;
use views::Views;

/// What the render stage produced.
#[derive(Debug, Clone, Default)]
pub struct RenderSummary {
    /// HTML pages written.
    pub pages: usize,
    /// Other files written (feed, sitemap, assets, static files).
    pub files: usize,
    /// Per template: how many pages it rendered and the time they took
    /// (summed over threads), slowest first; for `portal build --timings`.
    pub templates: Vec<TemplateTime>,
    /// Wall time of the pages (rendered, checked and written).
    pub pages_took: Duration,
    /// Wall time of feeds, sitemaps, open data and assets.
    pub files_took: Duration,
}

/// The cost of one template over a build.
#[derive(Debug, Clone)]
pub struct TemplateTime {
    /// The template's file name, such as `service.html`.
    pub name: &'static str,
    /// Pages rendered with it.
    pub pages: usize,
    /// Time spent on those pages (context, template, guard, write), summed
    /// over threads.
    pub took: Duration,
}

/// A rendered page: its HTML, checked by the output guard, and every
/// input it was made of.
#[derive(Debug)]
pub struct RenderedPage {
    /// The template it was rendered with.
    pub template: &'static str,
    /// The page.
    pub html: String,
    /// What it read, for the dependency graph of the live preview.
    pub inputs: Vec<Input>,
    /// Its JSON twin, for pages that have one (see the `twin` module).
    pub twin: Option<(String, String)>,
}

/// What every page's template receives besides its own data: `site`,
/// with `site.assets`, the address of each of the theme's static files by
/// its path below `static/` (fingerprinted names for CSS and JS).
pub fn base_context(site: &Site, theme: &Theme) -> Context {
    let views = Views::new(site);
    let mut view = views.site();
    view.assets = theme
        .asset_paths()
        .into_iter()
        .map(|(path, published)| (path, site.base.href(&format!("/{published}"))))
        .collect();
    let mut base = Context::new();
    base.insert("site", &view);
    base
}

/// The site in its own language, then each edition: what the pages of
/// `frames[n]` are rendered from.
pub fn languages(site: &Site) -> Vec<&Site> {
    std::iter::once(site).chain(&site.editions).collect()
}

/// What the pages of one language are rendered with: the templates
/// speaking it and the `site` every page of it shows.
pub struct Frame {
    /// The theme's templates, with `t` in the language.
    pub templates: Arc<Templates>,
    /// See [`base_context`].
    pub base: Context,
}

/// The templates of `theme` in the language of the site and of each of
/// its editions, in the order of [`languages()`]; every problem of the
/// theme is reported once.
pub fn compile(theme: &Theme, site: &Site) -> Result<Vec<Arc<Templates>>, Vec<Diagnostic>> {
    let all = site.config.text_languages();
    let mut compiled = Vec::new();
    for code in std::iter::once(site.code()).chain(site.editions.iter().map(Site::code)) {
        let mut order = vec![code];
        order.extend(all.iter().copied().filter(|c| *c != code));
        compiled.push(Arc::new(Templates::new(theme, &order)?));
    }
    Ok(compiled)
}

/// The frames of every language of `site` (see [`languages()`]).
pub fn frames(site: &Site, theme: &Theme, templates: &[Arc<Templates>]) -> Vec<Frame> {
    languages(site)
        .into_iter()
        .zip(templates)
        .map(|(site, templates)| Frame {
            templates: Arc::clone(templates),
            base: base_context(site, theme),
        })
        .collect()
}

/// Renders page `page` of the site in language `at` (0 for the site's
/// own, n for its edition n − 1) with `frames` (see [`frames`]).
pub fn render_page(
    root: &Site,
    frames: &[Frame],
    at: usize,
    page: &PlannedPage,
) -> Result<RenderedPage, Vec<Diagnostic>> {
    let site = languages(root)[at];
    let frame = &frames[at];
    let views = Views::new(site);
    views.read(Input::Site);
    let mut prepared = pages::prepare(&views, &frame.base, page).map_err(|d| vec![d])?;
    let own_path = site
        .edition
        .as_ref()
        .map_or(&*page.path, |e| e.unprefixed(&page.path));
    let versions = languages::versions(root, at, own_path, page.kind);
    // Alternates in other languages; Leichte Sprache is German, and its
    // pages are none (see `Edition::variant`).
    let in_languages = versions
        .iter()
        .filter(|v| v.url.is_some() && !v.variant)
        .count();
    let own_is_variant = versions.iter().any(|v| v.current && v.variant);
    prepared
        .context
        .insert("hreflang", &(in_languages > 1 && !own_is_variant));
    prepared
        .context
        .insert("easy_language", &versions.iter().find(|v| v.variant));
    prepared.context.insert("versions", &versions);
    // In an edition, a page that lists documents links the complete list.
    let partial =
        (at > 0 && languages::lists_documents(page.kind)).then(|| root.base.href(own_path));
    prepared.context.insert("partial", &partial);
    views.read(Input::Template(prepared.template));
    let html = frame
        .templates
        .render(prepared.template, &prepared.context)
        .map_err(|d| vec![d])?;
    // The body's HTML comes from the Markdown renderer, safe where it is
    // made: the guard reads only the template's part of the page.
    let problems = guard_problems(
        &page.path,
        guard::scan_html_around(&html, &prepared.body_html, &site.base.absolute("/")),
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut inputs = views.into_inputs();
    if at > 0 {
        inputs.push(Input::Translated);
        inputs = inputs
            .into_iter()
            .map(|input| Input::Edition(at - 1, Box::new(input)))
            .collect();
    }
    inputs.push(Input::Versions(own_path.to_owned()));
    Ok(RenderedPage {
        template: prepared.template,
        html,
        inputs,
        twin: prepared.twin,
    })
}

/// Renders the whole site into `staging`.
pub fn render(
    site: &Site,
    theme: &Theme,
    staging: &Staging,
) -> Result<RenderSummary, Vec<Diagnostic>> {
    let started = Instant::now();
    let templates = compile(theme, site)?;
    let frames = frames(site, theme, &templates);
    let planned: Vec<(usize, &PlannedPage)> = languages(site)
        .into_iter()
        .enumerate()
        .flat_map(|(at, s)| s.plan.iter().map(move |page| (at, page)))
        .collect();
    let costs: Mutex<HashMap<&'static str, (usize, Duration)>> = Mutex::default();

    let errors: Vec<Diagnostic> = planned
        .par_iter()
        .flat_map_iter(|&(at, page)| {
            let page_started = Instant::now();
            let rendered = match render_page(site, &frames, at, page) {
                Ok(rendered) => rendered,
                Err(problems) => return problems,
            };
            let _charge = Charge {
                costs: &costs,
                template: rendered.template,
                started: page_started,
            };
            let written = staging
                .write(&urls::output_file(&page.path), rendered.html.as_bytes())
                .and_then(|()| match &rendered.twin {
                    Some((file, json)) => staging.write(file, json.as_bytes()),
                    None => Ok(()),
                });
            match written {
                Ok(()) => Vec::new(),
                Err(e) => vec![Diagnostic::error(format!(
                    "cannot write {}: {e}",
                    page.path
                ))],
            }
        })
        .collect();

    let pages_took = started.elapsed();
    let files_started = Instant::now();
    // Every problem of the whole site in one run: pages, then files.
    let mut problems = dedup(errors);
    // The open data goes straight into its files: a build makes it once.
    let files = match site_files(site, theme, OpenData::WrittenTo(staging)) {
        Ok(files) => files,
        Err(mut more) => {
            problems.append(&mut more);
            return Err(problems);
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    for (path, bytes) in &files.generated {
        if let Err(e) = staging.write(path, bytes) {
            problems.push(Diagnostic::error(format!("cannot write {path}: {e}")));
        }
    }
    for file in &files.copied {
        if let Err(e) = staging.copy(&file.output, &file.source) {
            problems.push(Diagnostic::error(format!(
                "cannot copy {}: {e}",
                file.source.display()
            )));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut templates: Vec<TemplateTime> = costs
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|(name, (pages, took))| TemplateTime { name, pages, took })
        .collect();
    templates.sort_by(|a, b| b.took.cmp(&a.took).then(a.name.cmp(b.name)));
    Ok(RenderSummary {
        pages: planned.len(),
        files: files.generated.len() + files.copied.len() + files.written,
        templates,
        pages_took,
        files_took: files_started.elapsed(),
    })
}

/// Adds a page's time to its template's total when dropped, so the write
/// that follows the rendering is counted too.
struct Charge<'a> {
    costs: &'a Mutex<HashMap<&'static str, (usize, Duration)>>,
    template: &'static str,
    started: Instant,
}

impl Drop for Charge<'_> {
    fn drop(&mut self) {
        let took = self.started.elapsed();
        let mut costs = self.costs.lock().unwrap_or_else(|e| e.into_inner());
        let entry = costs.entry(self.template).or_default();
        entry.0 += 1;
        entry.1 += took;
    }
}

/// The files of the site besides its pages.
pub struct SiteFiles<'a> {
    /// Feed, sitemap, robots.txt, the open data, the theme's assets, and the static pages
    /// and stylesheets of the site (as the bytes the guard read).
    pub generated: Vec<(String, Vec<u8>)>,
    /// Other static files of the site, copied as they are.
    pub copied: Vec<&'a StaticFile>,
    /// How many files were written already (the open data, when written
    /// straight into the staging folder).
    pub written: usize,
}

/// The editors' admin page and the CMS's configuration (the CMS's own
/// files are static files, found by the load stage). Not checked by the
/// output guard: the page is no citizen's and loads the CMS by design.
fn admin_files(site: &Site, admin: &crate::model::Admin) -> Vec<(String, Vec<u8>)> {
    use crate::admin::{self, Input, Saving, ADMIN_DIR};
    let Some(backend) = &admin.backend else {
        return Vec::new();
    };
    let input = Input {
        site: &site.config,
        strings: &site.strings,
        content: "content",
    };
    vec![
        (
            format!("{ADMIN_DIR}/index.html"),
            admin::page(&site.config.title, admin, false).into_bytes(),
        ),
        (
            format!("{ADMIN_DIR}/config.yml"),
            admin::config_yaml(&input, Saving::Repository(backend)).into_bytes(),
        ),
    ]
}

/// Where the open data of [`site_files`] goes.
pub enum OpenData<'s> {
    /// Among the files returned, made again only when what it is made of
    /// changed (the preview).
    Remembered(&'s data::Memo),
    /// Written straight into the staging folder, never held whole (a
    /// build).
    WrittenTo(&'s Staging),
}

/// Makes every file besides the pages, each page or stylesheet among them
/// checked by the output guard; the open data as `data` says.
pub fn site_files<'a>(
    site: &'a Site,
    theme: &Theme,
    data: OpenData<'_>,
) -> Result<SiteFiles<'a>, Vec<Diagnostic>> {
    let origin = site.base.absolute("/");
    let mut generated = vec![(
        urls::output_file(urls::ROBOTS),
        feeds::robots(site).into_bytes(),
    )];
    if let Some(admin) = site
        .config
        .admin
        .as_ref()
        .filter(|_| site.publishes_admin())
    {
        generated.extend(admin_files(site, admin));
    }
    for language in languages(site) {
        let prefix = language.edition.as_ref().map_or("", |e| &e.prefix);
        generated.push((
            urls::output_file(&format!("{prefix}{}", urls::FEED)),
            feeds::atom(language).into_bytes(),
        ));
    }
    generated.extend(
        feeds::sitemaps(site)
            .into_iter()
            .map(|(file, xml)| (file, xml.into_bytes())),
    );
    generated.extend(
        feeds::security_txt(site)
            .map(|text| (urls::output_file(urls::SECURITY_TXT), text.into_bytes())),
    );
    generated.extend(
        feeds::topic_and_body_feeds(site)
            .into_iter()
            .map(|(file, xml)| (file, xml.into_bytes())),
    );
    let mut problems = Vec::new();
    let made = match data {
        OpenData::Remembered(memo) => memo.files(site).map(|files| {
            generated.extend(files);
            0
        }),
        OpenData::WrittenTo(staging) => data::write_files(site, &mut data::ToStaging(staging)),
    };
    let mut written = 0;
    match made {
        Ok(count) => written = count,
        Err(e) => problems.push(Diagnostic::error(e.to_string()).with_help(
            "this is a bug in portal: the open data under /daten/ could not be made from content that passed the checks",
        )),
    }
    for asset in &theme.assets {
        problems.extend(guard_file(&asset.output, &asset.bytes, &origin));
        generated.push((asset.published(), asset.bytes.to_vec()));
    }
    // Pages and stylesheets among the static files are published as the
    // very bytes the guard read; the rest is copied.
    let mut copied = Vec::new();
    for file in &site.static_files {
        // The open data is described by its schemas and the DCAT catalogue
        // (sizes included): a static file must not silently replace it.
        if urls::DATA_FILES
            .iter()
            .any(|path| urls::output_file(path) == file.output)
        {
            problems.push(
                Diagnostic::error(format!(
                    "`{}` would replace the open data the portal writes at /{}",
                    file.source.display(),
                    file.output
                ))
                .with_help("remove or rename the file in content/static/daten/; the portal makes the files under /daten/ from the content"),
            );
            continue;
        }
        if !is_scanned(&file.output) {
            copied.push(file);
            continue;
        }
        match std::fs::read(&file.source) {
            Ok(bytes) => {
                problems.extend(guard_file(&file.output, &bytes, &origin));
                generated.push((file.output.clone(), bytes));
            }
            Err(e) => problems.push(Diagnostic::error(format!(
                "cannot read {}: {e}",
                file.source.display()
            ))),
        }
    }
    if problems.is_empty() {
        Ok(SiteFiles {
            generated,
            copied,
            written,
        })
    } else {
        Err(problems)
    }
}

/// Whether the guard reads a file of this name (pages and stylesheets).
fn is_scanned(output: &str) -> bool {
    // The CMS's own files serve editors, not citizens (see `admin_files`).
    if output.starts_with(&format!("{}/", crate::admin::ADMIN_DIR)) {
        return false;
    }
    let kind = output.rsplit('.').next().unwrap_or_default();
    matches!(kind, "html" | "htm" | "css")
}

/// The guard's verdict on a theme or static file; files it does not read
/// pass. A page or stylesheet that is not UTF-8 text is refused, not
/// skipped.
fn guard_file(output: &str, bytes: &[u8], origin: &str) -> Vec<Diagnostic> {
    if !is_scanned(output) {
        return Vec::new();
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![
            Diagnostic::error(format!("`{output}` is not UTF-8 text, so it cannot be checked"))
                .with_help("save the file as UTF-8; pages and stylesheets are checked for requests to other hosts and for script before they are published"),
        ];
    };
    let found = if output.ends_with(".css") {
        Ok(guard::scan_css(text, origin))
    } else {
        guard::scan_html(text, origin)
    };
    guard_problems(output, found)
}

/// An error naming what the guard found in `output`, if anything.
fn guard_problems(output: &str, found: Result<Vec<Finding>, String>) -> Vec<Diagnostic> {
    let found = match found {
        Ok(found) => found,
        Err(reason) => {
            return vec![Diagnostic::error(format!(
            "`{output}` cannot be parsed as HTML ({reason}), so it cannot be checked"
        ))
        .with_help(
            "fix the markup of the template or file that makes it; nothing unchecked is published",
        )]
        }
    };
    let (foreign, script): (Vec<Finding>, Vec<Finding>) = found
        .into_iter()
        .partition(|f| matches!(f, Finding::ForeignRequest(_)));
    let list = |findings: Vec<Finding>| {
        findings
            .into_iter()
            .map(|f| match f {
                Finding::ForeignRequest(s) | Finding::Script(s) => s,
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut problems = Vec::new();
    if !script.is_empty() {
        problems.push(
            Diagnostic::error(format!("`{output}` would run script: {}", list(script)))
                .with_help("the portal publishes no script: remove event handlers, inline scripts, embedded documents and javascript:/vbscript:/data: addresses from the template or file"),
        );
    }
    if !foreign.is_empty() {
        problems.push(
            Diagnostic::error(format!(
                "`{output}` would make the visitor's browser contact another host: {}",
                list(foreign)
            ))
            .with_help("serve every resource from the site itself: put the file into the theme's static/ folder or content/static/"),
        );
    }
    problems
}

/// A broken base template fails every page the same way: report it once.
fn dedup(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by(|a, b| a.message.cmp(&b.message));
    diagnostics.dedup();
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::guard;
    use crate::markdown;
    use proptest::prelude::*;

    /// Pieces of Markdown that try to bring script or requests to other
    /// hosts into a page.
    const HOSTILE: [&str; 16] = [
        "<script>alert(1)</script>",
        "<img src=\"https://t.example/p.gif\" onerror=\"alert(1)\">",
        "[klick](javascript:alert(1))",
        "[klick](<javascript:alert(1)>)",
        "<iframe src=\"https://t.example/\"></iframe>",
        "## Titel {#id onclick=alert(1) .klasse}",
        "<style>@import 'https://t.example/a.css'</style>",
        "[x]: vbscript:msgbox(1)\n\n[y][x]",
        "```html\n<script src=\"https://t.example/a.js\"></script>\n```",
        "<https://t.example/auto>",
        "| a | <b onclick=x>b</b> |\n|---|---|\n| `c` | [d](data:text/html,x) |",
        "Fußnote[^1]\n\n[^1]: <svg onload=alert(1)>",
        "<!-- <script>x</script> -->",
        "- [ ] <a href=\"javascript:x\">a</a>",
        "    <object data=\"https://t.example/\">",
        "*kursiv* **fett** ~~weg~~",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

        /// Why the guard may skip the body of a page (see
        /// `guard::scan_html_around`): whatever the Markdown, its HTML runs
        /// no script and requests nothing from another host. (Images from
        /// other hosts are refused earlier, as content errors with a line.)
        #[test]
        fn markdown_html_needs_no_guard(picks in proptest::collection::vec(0..HOSTILE.len(), 1..6)) {
            let markdown: Vec<&str> = picks.iter().map(|&i| HOSTILE[i]).collect();
            let markdown = markdown.join("\n\n");
            let base = crate::urls::BaseUrl::parse("https://digital.example/portal/").unwrap();
            let html = markdown::parse(&markdown).html_at(&base).into_owned();
            let found = guard::scan_html(&html, "https://digital.example/").unwrap();
            prop_assert!(found.is_empty(), "{markdown:?} gave {found:?} in {html}");
        }
    }
}
