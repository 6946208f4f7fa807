//! The site in its further languages: one edition per code of
//! `translations`, published below `/<code>/`.
//!
//! An edition is a [`Site`] of its own, so that every later stage (plan,
//! render, feeds, sitemaps, search, the preview's dependency record) works
//! on it unchanged. It holds every document of the site, so references
//! (a service's responsible body, a body's people) resolve as they do in
//! the original; a translated document is the original with its
//! translation's texts merged in. What it publishes is stated once here:
//!
//! - the portal's own pages (start page, lists, search, dashboard, 404),
//!   their texts from the theme's strings in the edition's language;
//! - the page of each translated document, at the original's path below
//!   the prefix (`/en/leistungen/wohngeld/`);
//! - in lists (A–Z, topics, news, a body's services), only the translated
//!   documents: a list in English shows what exists in English, and says
//!   where the complete list in the site's language is.
//!
//! A document without a translation has no page in the edition: a link to
//! it from an edition's page goes to the original, marked with the
//! original's language (`hreflang`, `lang`, and a visible "German"), and
//! the original's language switch says, in the edition's language, that
//! the page is not translated. No page is published twice in one language
//! under two addresses.

use std::any::Any;
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{plan, CheckCache, Index, PageKind, PlannedPage, Site};
use crate::hashing::{fingerprint, Map, Set};
use crate::model::{
    Body, ContentKind, Document, Example, FrontMatter, News, Origin, Page, Person, Service,
    Translation,
};
use crate::text;
use crate::urls;

/// What makes a site an edition in a further language.
#[derive(Debug)]
pub struct Edition {
    /// The language code (`en`): the file suffix of its translations, the
    /// code of the theme's texts, `lang` and `hreflang` of its pages.
    pub code: String,
    /// The `lang` of its pages: the code, but `de` for Leichte Sprache.
    pub lang: String,
    /// Whether it is a variant of the site's own language (Leichte
    /// Sprache): its pages are no `hreflang` alternates, since they are
    /// in the same language as the originals.
    pub variant: bool,
    /// The address prefix of its pages: `/en`, `/leichte-sprache`.
    pub prefix: String,
    /// The site's own language (`de`): that of the pages it links to
    /// where it has no version of its own.
    pub original: String,
    /// Its position among the site's editions (0 for the first).
    pub position: usize,
    /// The site paths (without prefix) it publishes a page for.
    pub paths: Set<Arc<str>>,
    /// The documents translated into it, by kind and slug.
    pub translated: Set<(ContentKind, String)>,
    /// A fingerprint of which documents it translates and of their
    /// translations' bytes: what its lists and links depend on besides
    /// the documents themselves (for the live preview).
    pub print: u64,
}

impl Edition {
    /// Whether the edition publishes a page at `path` (a site path of the
    /// original, maybe with `#fragment` or `?query`).
    pub fn publishes(&self, path: &str) -> bool {
        let bare = path.split(['#', '?']).next().unwrap_or(path);
        self.paths.contains(bare)
    }

    /// `path` of one of its pages without the prefix: `/leistungen/`
    /// for `/en/leistungen/`.
    pub fn unprefixed<'p>(&self, path: &'p str) -> &'p str {
        match path.strip_prefix(&self.prefix) {
            Some(rest) if rest.starts_with('/') => rest,
            _ => path,
        }
    }
}

/// Makes the site's editions (one per further language), their plans
/// included. Runs after the original is resolved and checked.
pub(super) fn build(
    site: &Site,
    translations: &[Arc<Translation>],
    cache: Option<&CheckCache>,
) -> Vec<Site> {
    let merging = Merging {
        before: cache
            .map(|c| std::mem::take(&mut *c.merged.lock().expect("not poisoned")))
            .unwrap_or_default(),
        now: Default::default(),
    };
    let editions = site
        .config
        .edition_codes()
        .into_iter()
        .enumerate()
        .map(|(position, code)| {
            let own: Vec<&Arc<Translation>> =
                translations.iter().filter(|t| t.lang == code).collect();
            edition(site, code, position, &own, &merging)
        })
        .collect();
    if let Some(cache) = cache {
        *cache.merged.lock().expect("not poisoned") =
            merging.now.into_inner().expect("not poisoned");
    }
    editions
}

/// The documents merged with their translations by the last resolve of
/// the preview, by the addresses of original and translation (both held,
/// so their addresses stay theirs): the load stage hands out the same
/// ones while their files are unchanged, so after an edit only what
/// changed is merged again, not thousands of translations.
pub(super) type MergedMemo = Map<(usize, usize), Arc<dyn Any + Send + Sync>>;

/// One entry of [`MergedMemo`].
struct Merged<T> {
    original: Arc<Document<T>>,
    translation: Arc<Translation>,
    merged: Arc<Document<T>>,
}

/// The memo of the last resolve and the one of this resolve.
struct Merging {
    before: MergedMemo,
    now: Mutex<MergedMemo>,
}

impl Merging {
    /// `original` merged with `translation`, from the memo when it has it.
    fn merge<T: Front + Send + Sync + 'static>(
        &self,
        original: &Arc<Document<T>>,
        translation: &Arc<Translation>,
    ) -> Option<Arc<Document<T>>> {
        let key = (
            Arc::as_ptr(original) as *const () as usize,
            Arc::as_ptr(translation) as *const () as usize,
        );
        let known = self
            .before
            .get(&key)
            .and_then(|entry| Arc::clone(entry).downcast::<Merged<T>>().ok())
            .filter(|m| {
                Arc::ptr_eq(&m.original, original) && Arc::ptr_eq(&m.translation, translation)
            });
        let entry = match known {
            Some(entry) => entry,
            None => Arc::new(Merged {
                original: Arc::clone(original),
                translation: Arc::clone(translation),
                merged: Arc::new(merged(original, translation)?),
            }),
        };
        let result = Arc::clone(&entry.merged);
        self.now.lock().expect("not poisoned").insert(key, entry);
        Some(result)
    }
}

fn edition(
    site: &Site,
    code: &str,
    position: usize,
    all: &[&Arc<Translation>],
    merging: &Merging,
) -> Site {
    // Looked up once per document: thousands of each at a state's size.
    let translations: ByOriginal = all
        .iter()
        .map(|t| ((t.kind, t.slug.as_str()), *t))
        .collect();
    let translations = &translations;
    let mut translated = Set::default();
    let mut services = merge_all(
        translations,
        ContentKind::Service,
        &site.services,
        &mut translated,
        merging,
    );
    // News are referred to by nothing but their lists and neighbours: the
    // edition holds only the translated ones, so its news list, start
    // page and feed show exactly those.
    let news: Vec<_> = merge_all(
        translations,
        ContentKind::News,
        &site.news,
        &mut translated,
        merging,
    )
    .into_iter()
    .filter(|d| translated.contains(&(ContentKind::News, d.slug.clone())))
    .collect();
    let mut bodies = merge_all(
        translations,
        ContentKind::Body,
        &site.bodies,
        &mut translated,
        merging,
    );
    let people = merge_all(
        translations,
        ContentKind::Person,
        &site.people,
        &mut translated,
        merging,
    );
    let pages = merge_all(
        translations,
        ContentKind::Page,
        &site.pages,
        &mut translated,
        merging,
    );
    // The start page's own text only when it is translated: the edition's
    // start page is published either way, with the theme's texts.
    let home = site.home.as_ref().and_then(|h| {
        // The start page has one translation per language, whatever its
        // name (`home.en.md`).
        let t = all.iter().find(|t| t.kind == ContentKind::Home)?;
        translated.insert((ContentKind::Home, h.slug.clone()));
        merging.merge(h, t)
    });
    // The A–Z list and catalogue follow the titles in this language.
    let key = |title: &str| text::sort_key(title);
    services.sort_by_cached_key(|d| (key(&d.front.title), d.slug.clone()));
    bodies.sort_by_cached_key(|d| (text::slugify(&d.front.name), d.slug.clone()));
    let topics: Vec<crate::model::Topic> =
        site.topics.iter().map(|t| t.in_language(code)).collect();
    let mut index = Index::build(&topics, &services, &news, &bodies, &people, &pages);
    let is = |kind: ContentKind, slug: &str| translated.contains(&(kind, slug.to_owned()));
    index.keep_only(
        |i| is(ContentKind::Service, &services[i].slug),
        |i| is(ContentKind::News, &news[i].slug),
        |i| is(ContentKind::Body, &bodies[i].slug),
        |i| is(ContentKind::Person, &people[i].slug),
    );
    let print = fingerprint((
        code,
        all.iter()
            .map(|t| (t.kind, &t.slug, fingerprint(&t.file.text)))
            .collect::<Vec<_>>(),
    ));
    let legal = site.legal.clone();
    let mut edition = Site {
        config: site.config.in_language(code),
        config_file: Arc::clone(&site.config_file),
        base: site.base.clone(),
        topics,
        home,
        services,
        news,
        bodies,
        people,
        pages,
        translations: Vec::new(),
        strings: Default::default(),
        legal,
        static_files: Vec::new(),
        index,
        progress: site.progress.clone(),
        today: site.today,
        search: site.search,
        plan: Vec::new(),
        edition: None,
        editions: Vec::new(),
    };
    // The pages of the documents it does not translate are left out.
    let planned: Vec<PlannedPage> = plan(&edition)
        .into_iter()
        .filter(|page| match page.kind {
            PageKind::Service(i) => is(ContentKind::Service, &edition.services[i].slug),
            PageKind::News(i) => is(ContentKind::News, &edition.news[i].slug),
            PageKind::Body(i) => is(ContentKind::Body, &edition.bodies[i].slug),
            PageKind::Person(i) => is(ContentKind::Person, &edition.people[i].slug),
            PageKind::Page(i) => is(ContentKind::Page, &edition.pages[i].slug),
            _ => true,
        })
        .collect();
    let prefix = crate::i18n::lang::prefix(code);
    let mut paths: Set<Arc<str>> = planned.iter().map(|p| Arc::clone(&p.path)).collect();
    // Its own feed and sitemap, and its own search index.
    paths.insert(urls::FEED.into());
    paths.insert(urls::SITEMAP.into());
    if site.search {
        paths.insert(format!("/{}/", crate::search::INDEX_DIR).into());
    }
    edition.plan = planned
        .into_iter()
        .map(|page| PlannedPage {
            path: format!("{prefix}{}", page.path).into(),
            kind: page.kind,
        })
        .collect();
    edition.edition = Some(Arc::new(Edition {
        code: code.to_owned(),
        lang: crate::i18n::lang::html_lang(code).to_owned(),
        variant: code == crate::i18n::lang::EASY_GERMAN,
        prefix,
        original: site.config.text_language().to_owned(),
        position,
        paths,
        translated,
        print,
    }));
    edition
}

/// The front matter of a kind of document, as a translation is merged
/// into it.
trait Front: Serialize + DeserializeOwned {
    fn example(&self) -> &Example;
    fn example_mut(&mut self) -> &mut Example;
}

macro_rules! front {
    ($($kind:ty),*) => {$(
        impl Front for $kind {
            fn example(&self) -> &Example {
                &self.example
            }
            fn example_mut(&mut self) -> &mut Example {
                &mut self.example
            }
        }
    )*};
}

front!(Service, News, Page, Body, Person);

/// An edition's translations by the kind and slug of their originals.
type ByOriginal<'t> = crate::hashing::Map<(ContentKind, &'t str), &'t Arc<Translation>>;

/// `documents` with each translated one merged with its translation
/// (noted in `translated`).
fn merge_all<T: Front + Send + Sync + 'static>(
    translations: &ByOriginal<'_>,
    kind: ContentKind,
    documents: &[Arc<Document<T>>],
    translated: &mut Set<(ContentKind, String)>,
    merging: &Merging,
) -> Vec<Arc<Document<T>>> {
    documents
        .iter()
        .map(|d| {
            match translations
                .get(&(kind, d.slug.as_str()))
                .and_then(|t| merging.merge(d, t))
            {
                Some(m) => {
                    translated.insert((kind, d.slug.clone()));
                    m
                }
                None => Arc::clone(d),
            }
        })
        .collect()
}

/// The original with the translation's texts: its front matter with the
/// translated fields put in, and the translation's Markdown text. `None`
/// when the two do not fit together (reported by the checks, which stop
/// the build).
fn merged<T: Front>(original: &Document<T>, translation: &Translation) -> Option<Document<T>> {
    let serde_json::Value::Object(mut front) = serde_json::to_value(&original.front).ok()? else {
        return None;
    };
    let fields = translation.kind.translatable_fields();
    for (name, value) in &translation.front {
        // Demonstration marks stay the original's: they mark facts, and
        // the facts are the same in every language.
        if name != "example" && fields.contains(&name.as_str()) {
            front.insert(name.clone(), value.clone());
        }
    }
    // The demonstration marks are serialised as the pages read them, not
    // as written: they are taken over as they are.
    front.remove("example");
    let mut front: T = serde_json::from_value(serde_json::Value::Object(front)).ok()?;
    *front.example_mut() = original.front.example().clone();
    let mut body = translation.body.clone();
    if !original.body.is_whole() {
        body.shed();
    }
    Some(Document {
        slug: original.slug.clone(),
        file: Arc::clone(&translation.file),
        origin: Origin::Markdown(FrontMatter {
            yaml: translation.yaml.clone(),
            body_start: translation.body_start,
        }),
        front,
        rejected: original.rejected.clone(),
        body,
        prints: (
            fingerprint((original.prints, &translation.file.text)),
            fingerprint((original.prints.1, &translation.file.text)),
        ),
        order_key: Default::default(),
        site_path: Default::default(),
    })
}

impl Site {
    /// The absolute URL of `site_path` as this site links it: in an
    /// edition, its own version where it publishes one.
    pub fn absolute(&self, site_path: &str) -> String {
        match &self.edition {
            Some(e) if e.publishes(site_path) => {
                self.base.absolute(&format!("{}{site_path}", e.prefix))
            }
            _ => self.base.absolute(site_path),
        }
    }

    /// Whether the document `slug` of `kind` has a page in this site's
    /// language (always in the site's own).
    pub fn translates(&self, kind: ContentKind, slug: &str) -> bool {
        self.edition
            .as_ref()
            .is_none_or(|e| e.translated.contains(&(kind, slug.to_owned())))
    }

    /// The site in its own language and every edition with a version of
    /// the page at `site_path` (without prefix), in the order of
    /// site.yaml; called on the site in its own language.
    pub fn versions<'s>(&'s self, site_path: &str) -> Vec<&'s Site> {
        std::iter::once(self)
            .chain(
                self.editions
                    .iter()
                    .filter(|e| e.edition.as_ref().is_some_and(|e| e.publishes(site_path))),
            )
            .collect()
    }

    /// The `lang` (and `hreflang`) of the site's pages: `de` for the
    /// site's own and for Leichte Sprache, `en`.
    pub fn lang(&self) -> &str {
        self.edition
            .as_ref()
            .map_or_else(|| self.config.text_language(), |e| e.lang.as_str())
    }

    /// Whether the site is a variant of the site's own language (Leichte
    /// Sprache), not a language of its own.
    pub fn is_variant(&self) -> bool {
        self.edition.as_ref().is_some_and(|e| e.variant)
    }

    /// How many services have a page in this site's language: all of
    /// them in the site's own, the translated ones in an edition (whose
    /// A–Z list holds exactly those).
    pub fn services_shown(&self) -> usize {
        match &self.edition {
            None => self.services.len(),
            Some(_) => self
                .index
                .letters
                .iter()
                .map(|(_, items)| items.len())
                .sum(),
        }
    }

    /// The language code of the site's pages (`de`, `en`, `ls`).
    pub fn code(&self) -> &str {
        self.edition
            .as_ref()
            .map_or_else(|| self.config.text_language(), |e| e.code.as_str())
    }
}
