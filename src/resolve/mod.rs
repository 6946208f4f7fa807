//! Stage 2, resolve: turn what was loaded into a typed site model.
//!
//! Every cross-reference is checked here (with "did you mean" hints), the
//! governance tree and the indexes the pages need are built, and the
//! dashboard's figures are computed — all problems are collected, none
//! stops the stage. Rendering then reads only this model.

mod bitv;
mod checks;
mod editions;
mod examples;
mod index;
mod links;
mod lists;
mod memo;
mod plan;
mod progress;
mod translations;

pub use editions::Edition;
pub use examples::{marked_entries, MarkedEntry};
pub use index::{Index, Relation, RoleRef};
pub use lists::{letter_id, Entries, ListKey, SERVICES_SHOWN};
pub use memo::CheckCache;
pub use plan::{news_pages, plan, PageKind, PlannedPage};
pub use progress::{ExampleCounts, Progress, StatusCount};
pub use translations::{
    report as translation_report, stamped as stamped_translation, LanguageReport, Standing,
    TranslationState,
};

use std::collections::BTreeMap;

use rayon::prelude::*;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::load::{Loaded, StaticFile};
use crate::model::{Body, Document, LegalKind, News, Page, Person, Service, SiteConfig, Topic};
use crate::text;
use crate::urls::BaseUrl;

/// Options that change what the model contains.
#[derive(Debug, Clone, Default)]
pub struct ResolveOptions {
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// Keep news marked `draft: true`.
    pub drafts: bool,
    /// The day of the build, for checks of how old a review is.
    pub today: Option<chrono::NaiveDate>,
    /// Whether the site has a search page (and an index for it).
    pub search: bool,
}

/// The resolved site: every reference checked, lists sorted, indexes built.
#[derive(Debug)]
pub struct Site {
    /// `site.yaml`.
    pub config: SiteConfig,
    /// The file of `site.yaml`, for diagnostics.
    pub config_file: std::sync::Arc<crate::source::SourceFile>,
    /// Where the site is published.
    pub base: BaseUrl,
    /// Topics in the order of topics.yaml.
    pub topics: Vec<Topic>,
    /// The home page's own text, if `home.md` exists.
    pub home: Option<Arc<Document<Page>>>,
    /// Services, by title.
    pub services: Vec<Arc<Document<Service>>>,
    /// Published news, newest first.
    pub news: Vec<Arc<Document<News>>>,
    /// Bodies, by name.
    pub bodies: Vec<Arc<Document<Body>>>,
    /// People, by family name.
    pub people: Vec<Arc<Document<Person>>>,
    /// Translations of the documents into the site's further languages,
    /// checked against their originals (not yet published).
    pub translations: Vec<Arc<crate::model::Translation>>,
    /// The theme's texts in the site's language, for the labels the
    /// render stage writes (status names, breadcrumbs); set once the theme
    /// is loaded (empty before).
    pub strings: Arc<crate::i18n::StringTable>,
    /// Free pages, by path.
    pub pages: Vec<Arc<Document<Page>>>,
    /// The legal pages by kind (index into `pages`).
    pub legal: BTreeMap<LegalKind, usize>,
    /// Files copied unchanged.
    pub static_files: Vec<StaticFile>,
    /// Lookups and relations between the documents.
    pub index: Index,
    /// The dashboard's figures.
    pub progress: Progress,
    /// The day of the build (`SOURCE_DATE_EPOCH`, else the clock), for
    /// what must expire, like security.txt; `None` in tests of the model.
    pub today: Option<chrono::NaiveDate>,
    /// Whether the site has a search page; off for `portal build --no-search`.
    pub search: bool,
    /// Every HTML page of the site (see [`plan()`]), made once per resolve
    /// for the link check, the render stage, the sitemap and the search.
    /// An edition's paths carry its prefix (`/en/leistungen/wohngeld/`).
    pub plan: Vec<PlannedPage>,
    /// For the site in a further language: which one, and what it
    /// publishes; `None` for the site in its own language.
    pub edition: Option<Arc<Edition>>,
    /// The site in each further language (see [`Edition`]); empty in an
    /// edition.
    pub editions: Vec<Site>,
}

impl Site {
    /// The theme's text of `key` in the site's language, `{name}` filled
    /// from `args` (a counted text by `n`); see [`crate::i18n`]. Every key
    /// the code asks for is checked before rendering.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, String)> = args.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        self.strings.text(key, &args).unwrap_or_default()
    }

    /// Whether the site publishes the editors' `/admin/`: site.yaml's
    /// `admin:` names a repository to save into.
    pub fn publishes_admin(&self) -> bool {
        self.config
            .admin
            .as_ref()
            .is_some_and(|a| a.backend.is_some())
    }
}

/// Resolves the loaded content. The site is `None` only when it cannot be
/// built at all (no usable site.yaml); otherwise it is returned together
/// with every problem found, and the caller decides whether errors stop it.
pub fn resolve(loaded: Loaded, options: &ResolveOptions) -> (Option<Site>, Vec<Diagnostic>) {
    resolve_with(loaded, options, None)
}

/// [`resolve`], reusing what the checks of the last resolve found for
/// documents that did not change (see [`CheckCache`]).
pub fn resolve_with(
    loaded: Loaded,
    options: &ResolveOptions,
    cache: Option<&CheckCache>,
) -> (Option<Site>, Vec<Diagnostic>) {
    if loaded.no_content {
        return (None, loaded.diagnostics);
    }
    if let Some(site_yaml) = &loaded.site_unreadable {
        // What the other files would be found to lack follows from it.
        let mut diagnostics = loaded.diagnostics;
        diagnostics.retain(|d| d.location.as_ref().is_some_and(|l| &l.file == site_yaml));
        return (None, diagnostics);
    }
    let Loaded {
        site,
        topics,
        home,
        mut services,
        mut news,
        mut bodies,
        mut people,
        mut pages,
        translations,
        static_files,
        unparsed,
        unparsed_paths,
        mut diagnostics,
        topics_unreadable,
        site_unreadable: _,
        no_content: _,
    } = loaded;

    // Drafts are checked like everything else, then left out of the site.
    let drafts: Vec<Arc<Document<News>>> = if options.drafts {
        Vec::new()
    } else {
        let (drafts, published) = news.into_iter().partition(|n| n.front.draft);
        news = published;
        drafts
    };
    // Keys are made once per parsed document (the preview sorts again
    // after every edit), on every core the first time.
    fn by_key<T: Send + Sync>(
        documents: &mut [Arc<Document<T>>],
        key: impl Fn(&Document<T>) -> String + Sync,
    ) {
        documents.par_iter().for_each(|d| {
            d.order_key.get_or_init(|| key(d));
        });
        documents
            .par_sort_by(|a, b| (a.order_key.get(), &a.slug).cmp(&(b.order_key.get(), &b.slug)));
    }
    by_key(&mut services, |s| text::sort_key(&s.front.title));
    news.sort_by(|a, b| {
        b.front
            .date
            .cmp(&a.front.date)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    by_key(&mut bodies, |b| text::slugify(&b.front.name));
    by_key(&mut people, |p| family_name_key(&p.front.name));
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    let (topics_file, topics) = match topics {
        Some((file, topics)) => (Some(file), topics),
        None => (None, Vec::new()),
    };

    let index = Index::build(&topics, &services, &news, &bodies, &people, &pages);
    let context = checks::Context {
        index: &index,
        topics: &topics,
        services: &services,
        bodies: &bodies,
        people: &people,
        unparsed: &unparsed,
        topics_unreadable,
        editions: site
            .as_ref()
            .map(|(_, config)| config.edition_codes())
            .unwrap_or_default(),
    };
    context.check_topics(topics_file.as_deref(), &mut diagnostics);
    let checking = memo::Checking::start(cache, memo::Check::References, context.names_signature());
    context.check_services(&checking, &mut diagnostics);
    context.check_news(&news, &checking, &mut diagnostics);
    context.check_news(&drafts, &checking, &mut diagnostics);
    checking.finish();
    context.check_bodies(&mut diagnostics);
    context.check_people(&mut diagnostics);
    let legal = context.check_pages(&pages, home.as_deref(), options.today, &mut diagnostics);

    let Some((site_file, config)) = site else {
        return (None, diagnostics);
    };
    let base = match checks::check_site(
        &site_file,
        &config,
        options,
        &index,
        &unparsed,
        &mut diagnostics,
    ) {
        Some(base) => base,
        None => return (None, diagnostics),
    };
    translations::check(
        &translations,
        &config,
        &translations::Originals {
            index: &index,
            services: &services,
            news: &news,
            drafts: &drafts,
            bodies: &bodies,
            people: &people,
            pages: &pages,
            home: home.as_deref(),
            unparsed: &unparsed,
        },
        cache,
        &mut diagnostics,
    );
    let progress = Progress::compute(&services);
    let site = Site {
        config,
        config_file: site_file,
        base,
        topics,
        home,
        services,
        news,
        bodies,
        people,
        pages,
        translations,
        strings: Default::default(),
        legal,
        static_files,
        index,
        progress,
        today: options.today,
        search: options.search,
        plan: Vec::new(),
        edition: None,
        editions: Vec::new(),
    };
    let mut site = site;
    site.plan = plan(&site);
    // A translation that does not fit its original is reported above and
    // left out here.
    site.editions = editions::build(&site, &site.translations, cache);
    // BITV 2.0 § 4: the start page in Leichte Sprache carries the four
    // contents.
    if let Some(easy) = site.editions.iter().find(|e| e.is_variant()) {
        match &easy.home {
            Some(home) => bitv::check(home, LegalKind::EasyLanguage, &mut diagnostics),
            None => diagnostics.push(
                Diagnostic::warning("the pages in Leichte Sprache have no start page of their own")
                    .at(crate::diagnostic::Location::file(site.config_file.path()))
                    .with_help("write content/home.ls.md: BITV 2.0 § 4 asks for a start page in Leichte Sprache that says what the site offers, how to find one's way, the essentials of the accessibility statement and where more such content is"),
            ),
        }
    }
    diagnostics.extend(links::check(&site, &unparsed_paths, cache));
    (Some(site), diagnostics)
}

/// Sort key that puts "Dr. Fedor Ruhose" under R.
fn family_name_key(name: &str) -> String {
    let family = name.split_whitespace().last().unwrap_or(name);
    format!("{} {}", text::slugify(family), text::slugify(name))
}
