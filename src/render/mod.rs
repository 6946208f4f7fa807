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
mod notices;
mod structured;
mod templates;
pub mod views;

pub use templates::Templates;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde_json::json;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::load::StaticFile;
use crate::markdown;
use crate::model::ContentKind;
use crate::output::Staging;
use crate::resolve::{news_pages, plan, PageKind, PlannedPage, Site};
use crate::text;
use crate::theme::Theme;
use crate::urls;
use deps::{Input, Relation, SiteList};
use guard::Finding;
use views::Views;

/// Services shown per topic on the catalogue page; the topic's own page
/// lists all of them. Keeps the catalogue readable, and its size bounded by
/// the number of topics, at any number of services (a state's 6,000 or the
/// national catalogue's 8,500 would otherwise make one page of megabytes).
const CATALOGUE_PER_TOPIC: usize = 12;

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

/// The JSON twin of a page: the data its template received, without what
/// every page shares (`site`, `nav`) and without markup made for browsers
/// only (`json_ld`, `charts`): front matter, resolved references, the
/// rendered body as HTML, breadcrumbs. Other portals and scripts read a
/// page without scraping it; GOV.UK offers the same for every page.
fn twin(context: Context) -> String {
    // The context is moved, not copied: the page is rendered already.
    let mut value = context.into_json();
    if let Some(object) = value.as_object_mut() {
        for shared in ["site", "nav", "json_ld", "charts"] {
            object.remove(shared);
        }
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// What every page's template receives besides its own data: `site`,
/// with `site.assets`, the address of each of the theme's static files by
/// its path below `static/` (fingerprinted names for CSS and JS).
pub fn base_context(site: &Site, theme: &Theme) -> Context {
    let views = Views::new(site);
    let mut value = views.site();
    let assets: serde_json::Map<String, serde_json::Value> = theme
        .asset_paths()
        .into_iter()
        .map(|(path, published)| (path, views.href(&format!("/{published}")).into()))
        .collect();
    if let Some(object) = value.as_object_mut() {
        object.insert("assets".into(), assets.into());
    }
    let mut base = Context::new();
    base.insert("site", &value);
    base
}

/// Renders one page with `templates`; `base` is [`base_context`].
pub fn render_page(
    site: &Site,
    templates: &Templates,
    base: &Context,
    page: &PlannedPage,
) -> Result<RenderedPage, Vec<Diagnostic>> {
    let views = Views::new(site);
    views.read(Input::Site);
    let (template, context) = page_context(&views, base, page);
    views.read(Input::Template(template));
    let html = templates.render(template, &context).map_err(|d| vec![d])?;
    // The body's HTML comes from the Markdown renderer, safe where it is
    // made: the guard reads only the template's part of the page.
    let body = context
        .get("content")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let problems = guard_problems(
        &page.path,
        guard::scan_html_around(&html, body, &site.base.absolute("/")),
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(RenderedPage {
        template,
        html,
        inputs: views.into_inputs(),
        twin: urls::twin_file(&page.path).map(|file| (file, twin(context))),
    })
}

/// Renders the whole site into `staging`.
pub fn render(
    site: &Site,
    theme: &Theme,
    staging: &Staging,
) -> Result<RenderSummary, Vec<Diagnostic>> {
    let started = Instant::now();
    let templates = Templates::new(theme)?;
    let base = base_context(site, theme);
    let planned = plan(site);
    let costs: Mutex<HashMap<&'static str, (usize, Duration)>> = Mutex::default();

    let errors: Vec<Diagnostic> = planned
        .par_iter()
        .flat_map_iter(|page| {
            let page_started = Instant::now();
            let rendered = match render_page(site, &templates, &base, page) {
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
    let files = match site_files(site, theme, &planned, &data::Memo::default()) {
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
        files: files.generated.len() + files.copied.len(),
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
}

/// Makes every file besides the pages, each page or stylesheet among them
/// checked by the output guard.
pub fn site_files<'a>(
    site: &'a Site,
    theme: &Theme,
    planned: &[PlannedPage],
    data: &data::Memo,
) -> Result<SiteFiles<'a>, Vec<Diagnostic>> {
    let origin = site.base.absolute("/");
    let mut generated = vec![
        (
            urls::output_file(urls::FEED),
            feeds::atom(site).into_bytes(),
        ),
        (
            urls::output_file(urls::ROBOTS),
            feeds::robots(site).into_bytes(),
        ),
    ];
    generated.extend(
        feeds::sitemaps(site, planned)
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
    match data.files(site) {
        Ok(files) => generated.extend(files),
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
        Ok(SiteFiles { generated, copied })
    } else {
        Err(problems)
    }
}

/// Whether the guard reads a file of this name (pages and stylesheets).
fn is_scanned(output: &str) -> bool {
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

/// Pages on either side of the current one that the pager links.
const PAGER_NEIGHBOURS: usize = 2;

/// The page numbers a news-list pager shows: the first, the last, and the
/// current one with its neighbours; `None` marks a gap. Linking every page
/// would make each of P pages list P links, O(P²) for the whole list.
fn pager_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let low = current.saturating_sub(PAGER_NEIGHBOURS).max(1);
    let high = (current + PAGER_NEIGHBOURS).min(total);
    let mut shown = Vec::new();
    // A gap that would hide a single page shows that page instead.
    if low > 1 {
        shown.push(Some(1));
        match low {
            3 => shown.push(Some(2)),
            4.. => shown.push(None),
            _ => {}
        }
    }
    shown.extend((low..=high).map(Some));
    if high < total {
        match total - high {
            2 => shown.push(Some(total - 1)),
            3.. => shown.push(None),
            _ => {}
        }
        shown.push(Some(total));
    }
    shown
}

fn crumb(title: &str, url: String) -> serde_json::Value {
    json!({ "title": title, "url": url })
}

/// The template and data of one page.
fn page_context(views: &Views, base: &Context, page: &PlannedPage) -> (&'static str, Context) {
    let site = views.site;
    let ix = &site.index;
    let mut ctx = base.clone();
    let home = crumb("Startseite", views.href(urls::HOME));
    let services = || crumb("Leistungen", views.href(urls::SERVICES));
    let news = || crumb("Aktuelles", views.href(urls::NEWS));
    let governance = || crumb("Steuerung", views.href(urls::GOVERNANCE));
    let topics = || crumb("Themen", views.href(urls::TOPICS));
    let mut content = None;
    // The page's own Atom feed, besides the site's (topics and bodies).
    let mut feed = None;
    // Whether the page runs the theme's scripts (only the search page).
    let mut scripts = false;
    let (template, title, description, mut trail): (&str, String, String, Vec<serde_json::Value>) =
        match page.kind {
            PageKind::Home => {
                views.read_document(ContentKind::Home, "");
                views.read(Input::List(SiteList::LatestNews));
                views.read(Input::Progress);
                let intro = site.home.as_ref();
                views.read_text(ContentKind::Home, "");
                content = intro.map(|h| markdown::render(h.body(), &site.base));
                let latest: Vec<usize> = (0..site.news.len().min(3)).collect();
                ctx.insert("latest_news", &views.news_cards(&latest));
                ctx.insert("topics", &views.all_topic_cards());
                ctx.insert("progress", &site.progress);
                let title = intro.map_or(site.config.title.clone(), |h| h.front.title.clone());
                let description = intro
                    .and_then(|h| h.front.summary.clone())
                    .unwrap_or_else(|| site.config.description.clone());
                ctx.insert(
                    "intro_summary",
                    &intro.and_then(|h| h.front.summary.as_deref()),
                );
                ctx.insert("intro_example", &intro.map(|h| &h.front.example));
                ("home.html", title, description, vec![])
            }
            PageKind::Services => {
                views.read(Input::List(SiteList::Services));
                views.read(Input::List(SiteList::Topics));
                views.read(Input::Progress);
                ctx.insert("az_url", &views.href(urls::SERVICES_AZ));
                let by_topic: Vec<_> = site
                    .topics
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !ix.topic_services[*i].is_empty())
                    .map(|(i, _)| {
                        let all = &ix.topic_services[i];
                        let shown = &all[..all.len().min(CATALOGUE_PER_TOPIC)];
                        json!({
                            "topic": views.topic_card(i),
                            "services": views.service_cards(shown),
                            "more": all.len() > shown.len(),
                        })
                    })
                    .collect();
                ctx.insert("by_topic", &by_topic);
                ctx.insert("progress", &site.progress);
                (
                    "services.html",
                    "Leistungen".into(),
                    format!(
                        "Alle {} Verwaltungsleistungen im Überblick: was online ist, was kommt.",
                        site.services.len()
                    ),
                    vec![home],
                )
            }
            PageKind::ServicesAz => {
                views.read(Input::List(SiteList::Services));
                // Services are sorted by the same key, so each letter's
                // services are one run of the catalogue order.
                let mut letters: Vec<(String, Vec<usize>)> = Vec::new();
                for (i, d) in site.services.iter().enumerate() {
                    views.read_document(ContentKind::Service, &d.slug);
                    let letter = text::initial(&d.front.title);
                    match letters.last_mut() {
                        Some((last, items)) if *last == letter => items.push(i),
                        _ => letters.push((letter, vec![i])),
                    }
                }
                // Digits and other signs come first, as they sort first.
                let id = |letter: &str| match letter {
                    "#" => "_sonstige".to_owned(),
                    "0–9" => "_ziffern".to_owned(),
                    letter => format!("_{}", letter.to_lowercase()),
                };
                let extras = letters
                    .iter()
                    .map(|(l, _)| l.clone())
                    .filter(|l| l == "#" || l == "0–9");
                let index: Vec<serde_json::Value> = extras
                    .chain(('A'..='Z').map(String::from))
                    .map(|letter| {
                        let present = letters.iter().any(|(l, _)| *l == letter);
                        json!({ "letter": letter, "id": id(&letter), "present": present })
                    })
                    .collect();
                let groups: Vec<serde_json::Value> = letters
                    .iter()
                    .map(|(letter, items)| {
                        json!({ "letter": letter, "id": id(letter), "services": views.service_cards(items) })
                    })
                    .collect();
                ctx.insert("letters", &index);
                ctx.insert("groups", &groups);
                (
                    "services_az.html",
                    "Leistungen von A bis Z".into(),
                    format!("Alle {} Leistungen alphabetisch.", site.services.len()),
                    vec![home, services()],
                )
            }
            PageKind::Service(i) => {
                let d = &site.services[i];
                views.read_relation(Relation::ServiceNews, &d.slug);
                views.read_text(ContentKind::Service, &d.slug);
                content = Some(markdown::render(d.body(), &site.base));
                ctx.insert("service", &views.service(d));
                ctx.insert("news", &views.news_cards(&ix.service_news[i]));
                (
                    "service.html",
                    d.front.title.clone(),
                    d.front.summary.clone(),
                    vec![home, services()],
                )
            }
            PageKind::NewsList(number) => {
                views.read(Input::List(SiteList::NewsPage(number)));
                let per_page = site.config.news_per_page.max(1);
                let total = news_pages(site);
                let items: Vec<usize> = (0..site.news.len())
                    .skip((number - 1) * per_page)
                    .take(per_page)
                    .collect();
                ctx.insert("news", &views.news_cards(&items));
                let pages: Vec<_> = pager_window(number, total)
                    .into_iter()
                    .map(|n| match n {
                        Some(n) => json!({ "number": n, "url": views.href(&urls::news_list(n)), "current": n == number }),
                        None => json!({ "gap": true }),
                    })
                    .collect();
                ctx.insert(
                    "pager",
                    &json!({
                        "current": number,
                        "total": total,
                        "previous": (number > 1).then(|| views.href(&urls::news_list(number - 1))),
                        "next": (number < total).then(|| views.href(&urls::news_list(number + 1))),
                        "pages": pages,
                    }),
                );
                let title = if number == 1 {
                    "Aktuelles".to_owned()
                } else {
                    format!("Aktuelles – Seite {number} von {total}")
                };
                let trail = if number == 1 {
                    vec![home]
                } else {
                    vec![home, news()]
                };
                (
                    "news_list.html",
                    title,
                    "Nachrichten zur Digitalisierung der Verwaltung, die neuesten zuerst.".into(),
                    trail,
                )
            }
            PageKind::News(i) => {
                let d = &site.news[i];
                views.read_relation(Relation::NewsNeighbours, &d.slug);
                views.read_text(ContentKind::News, &d.slug);
                content = Some(markdown::render(d.body(), &site.base));
                ctx.insert("article", &views.article(d));
                ctx.insert("newer", &(i > 0).then(|| views.news_card(i - 1)));
                ctx.insert(
                    "older",
                    &(i + 1 < site.news.len()).then(|| views.news_card(i + 1)),
                );
                (
                    "news.html",
                    d.front.title.clone(),
                    d.front.summary.clone(),
                    vec![home, news()],
                )
            }
            PageKind::Governance => {
                views.read(Input::List(SiteList::People));
                ctx.insert("tree", &views.tree(&ix.body_roots));
                ctx.insert(
                    "charts",
                    &json!({ "org_chart": charts::org_chart_for(views) }),
                );
                ctx.insert(
                    "people",
                    &(0..site.people.len())
                        .map(|p| views.person_ref(p))
                        .collect::<Vec<_>>(),
                );
                (
                "governance.html",
                "Steuerung".into(),
                "Wer die Digitalisierung der Verwaltung steuert: Gremien, Ämter und ihre Aufgaben.".into(),
                vec![home],
            )
            }
            PageKind::Body(i) => {
                let d = &site.bodies[i];
                for relation in [
                    Relation::BodyRoles,
                    Relation::BodyServices,
                    Relation::BodyNews,
                ] {
                    views.read_relation(relation, &d.slug);
                }
                views.read_text(ContentKind::Body, &d.slug);
                content = Some(markdown::render(d.body(), &site.base));
                ctx.insert("body", &views.body(i));
                let roles: Vec<_> = ix.body_roles[i]
                    .iter()
                    .map(|&(p, r)| views.role(p, &site.people[p].front.roles[r]))
                    .collect();
                ctx.insert("roles", &roles);
                ctx.insert("services", &views.service_cards(&ix.body_services[i]));
                ctx.insert("news", &views.news_cards(&ix.body_news[i]));
                let b = &site.bodies[i];
                feed = Some(json!({
                    "title": format!("{} – Nachrichten: {}", site.config.title, b.front.name),
                    "url": views.href(&urls::body_feed(&b.slug)),
                }));
                let description = markdown::first_paragraph(d.body());
                let mut trail = vec![home, governance()];
                let mut ancestors = Vec::new();
                let mut up = ix.body_parent[i];
                while let Some(p) = up {
                    views.read_document(ContentKind::Body, &site.bodies[p].slug);
                    ancestors.push(crumb(
                        &site.bodies[p].front.name,
                        views.href(&urls::body(&site.bodies[p].slug)),
                    ));
                    up = ix.body_parent[p];
                }
                trail.extend(ancestors.into_iter().rev());
                ("body.html", d.front.name.clone(), description, trail)
            }
            PageKind::Person(i) => {
                let d = &site.people[i];
                views.read_document(ContentKind::Person, &d.slug);
                views.read_relation(Relation::PersonNews, &d.slug);
                views.read_text(ContentKind::Person, &d.slug);
                content = Some(markdown::render(d.body(), &site.base));
                ctx.insert("person", &views.person_ref(i));
                ctx.insert("roles", &views.person_roles(i));
                ctx.insert(
                    "charts",
                    &json!({ "role_timeline": charts::role_timeline_for(views, i) }),
                );
                ctx.insert("news", &views.news_cards(&ix.person_news[i]));
                (
                    "person.html",
                    d.front.name.clone(),
                    markdown::first_paragraph(d.body()),
                    vec![home, governance()],
                )
            }
            PageKind::Topics => {
                ctx.insert("topics", &views.all_topic_cards());
                (
                    "topics.html",
                    "Themen".into(),
                    "Leistungen und Nachrichten nach Themen geordnet.".into(),
                    vec![home],
                )
            }
            PageKind::Topic(i) => {
                let t = &site.topics[i];
                views.read_relation(Relation::TopicBodies, &t.slug);
                ctx.insert("topic", &views.topic_card(i));
                ctx.insert("services", &views.service_cards(&ix.topic_services[i]));
                ctx.insert("news", &views.news_cards(&ix.topic_news[i]));
                let t = &site.topics[i];
                feed = Some(json!({
                    "title": format!("{} – Nachrichten zum Thema {}", site.config.title, t.title),
                    "url": views.href(&urls::topic_feed(&t.slug)),
                }));
                ctx.insert(
                    "bodies",
                    &ix.topic_bodies[i]
                        .iter()
                        .map(|&b| views.body_ref(b))
                        .collect::<Vec<_>>(),
                );
                (
                    "topic.html",
                    t.title.clone(),
                    t.description.clone(),
                    vec![home, topics()],
                )
            }
            PageKind::Search => {
                ctx.insert("az_url", &views.href(urls::SERVICES_AZ));
                ctx.insert(
                    "search_bundle",
                    &views.href(&format!("/{}/", crate::search::BUNDLE_DIR)),
                );
                scripts = true;
                (
                    "search.html",
                    "Suche".into(),
                    "Leistungen, Nachrichten, Gremien, Personen und Seiten dieses Portals durchsuchen.".into(),
                    vec![home],
                )
            }
            PageKind::Progress => {
                // The dashboard sorts every service by focus and status.
                views.read(Input::Progress);
                views.read(Input::List(SiteList::Services));
                for d in &site.services {
                    views.read_document(ContentKind::Service, &d.slug);
                }
                ctx.insert("progress", &site.progress);
                let focus: Vec<usize> = (0..site.services.len())
                    .filter(|&i| site.services[i].front.focus)
                    .collect();
                ctx.insert("focus_services", &views.service_cards(&focus));
                let by_status: Vec<_> = crate::model::Status::ALL
                .iter()
                .rev()
                .map(|&status| {
                    let items: Vec<usize> = (0..site.services.len()).filter(|&i| site.services[i].front.status == status).collect();
                    json!({ "status": status.key(), "label": status.label(), "services": views.service_cards(&items) })
                })
                .collect();
                ctx.insert("services_by_status", &by_status);
                let launches = charts::launches_for(views);
                ctx.insert(
                    "online_services",
                    &launches
                        .iter()
                        .map(|(i, l)| {
                            json!({
                                "service": views.service_card(*i),
                                "date": l.date.to_string(),
                                "checked": l.kind == charts::LaunchDate::Checked,
                            })
                        })
                        .collect::<Vec<_>>(),
                );
                ctx.insert(
                    "charts",
                    &json!({
                        "status_bars": charts::status_bars_for(views),
                        "focus_progress": charts::focus_stages_for(views),
                        "online_timeline": charts::launch_timeline_for(&launches),
                    }),
                );
                (
                "progress.html",
                "Fortschritt".into(),
                "Wie weit die Verwaltungsleistungen online sind, berechnet aus dem Leistungskatalog.".into(),
                vec![home],
            )
            }
            PageKind::Page(i) => {
                let d = &site.pages[i];
                views.read_text(ContentKind::Page, &d.slug);
                content = Some(markdown::render(d.body(), &site.base));
                ctx.insert("document", &views.page(d));
                let mut trail = vec![home];
                let segments: Vec<&str> = d.slug.split('/').collect();
                for depth in 1..segments.len() {
                    let parent = segments[..depth].join("/");
                    views.read_document(ContentKind::Page, &parent);
                    if let Some(&p) = ix.page.get(&parent) {
                        trail.push(crumb(
                            &site.pages[p].front.title,
                            views.href(&urls::page(&parent)),
                        ));
                    }
                }
                (
                    "page.html",
                    d.front.title.clone(),
                    d.front.summary.clone().unwrap_or_default(),
                    trail,
                )
            }
            PageKind::NotFound => (
                "404.html",
                "Seite nicht gefunden".into(),
                "Diese Seite gibt es nicht oder nicht mehr.".into(),
                vec![],
            ),
        };
    if !trail.is_empty() {
        trail.push(crumb(&title, views.href(&page.path)));
    }
    ctx.insert(
        "json_ld",
        &structured::json_ld(views, page, &title, &description, &trail),
    );
    let (html, headings) = match content {
        Some(r) => (Some(r.html), r.headings),
        None => (None, Vec::new()),
    };
    ctx.insert("content", &html);
    ctx.insert("headings", &headings);
    ctx.insert("nav", &views.navigation(&page.path));
    ctx.insert(
        "page",
        &json!({
            "title": title,
            "description": description,
            "path": page.path,
            "url": views.href(&page.path),
            "permalink": site.base.absolute(&page.path),
            "breadcrumbs": trail,
            "is_home": page.kind == PageKind::Home,
            "feed": feed,
            "scripts": scripts,
        }),
    );
    (template, ctx)
}

#[cfg(test)]
mod tests {
    use super::pager_window;
    use super::{guard, markdown};
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
            let base = crate::urls::BaseUrl::parse("https://digital.example/").unwrap();
            let html = markdown::render(&markdown, &base).html;
            let found = guard::scan_html(&html, "https://digital.example/").unwrap();
            prop_assert!(found.is_empty(), "{markdown:?} gave {found:?} in {html}");
        }
    }

    #[test]
    fn the_pager_shows_first_last_and_the_neighbourhood() {
        assert_eq!(pager_window(1, 1), [Some(1)]);
        assert_eq!(pager_window(2, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(
            pager_window(6, 12),
            [
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(12)
            ]
        );
        // No gap where only one page would be left out: it is shown.
        assert_eq!(
            pager_window(4, 7),
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7)
            ]
        );
        assert_eq!(
            pager_window(1, 9),
            [Some(1), Some(2), Some(3), None, Some(9)]
        );
        assert_eq!(pager_window(5, 9), (1..=9).map(Some).collect::<Vec<_>>());
    }
}
