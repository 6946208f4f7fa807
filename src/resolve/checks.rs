//! The rules of the content model that span more than one field or file:
//! references, the governance tree, dates in order, required-by-status
//! fields, the legal pages. Each rule adds diagnostics and never stops.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::index::{in_cycle, Index};
use super::memo::{signature_of_set, Checking};
use super::ResolveOptions;
use crate::diagnostic::{Diagnostic, Location};
use crate::locate::{self, Step};
use crate::model::{
    AccessibilityStatement, AssessmentMethod, BarrierReason, Body, Conformity, ContentKind,
    Document, LegalKind, News, Page, Person, Service, SiteConfig, Topic,
};
use crate::source::SourceFile;
use crate::text;
use crate::urls::policy::{self, Address, Refusal, Use};
use crate::urls::{self, BaseUrl};

/// First path segments the portal itself uses; a free page may not take them.
const RESERVED: [&str; 9] = [
    "leistungen",
    "aktuelles",
    "steuerung",
    "personen",
    "themen",
    "fortschritt",
    "suche",
    "suchindex",
    "404.html",
];

/// What the checks look things up in.
pub(super) struct Context<'a> {
    pub index: &'a Index,
    pub topics: &'a [Topic],
    pub services: &'a [Arc<Document<Service>>],
    pub bodies: &'a [Arc<Document<Body>>],
    pub people: &'a [Arc<Document<Person>>],
    pub unparsed: &'a HashSet<(ContentKind, String)>,
    /// topics.yaml exists but could not be read: its error is the cause of
    /// every "unknown topic" there would be.
    pub topics_unreadable: bool,
    /// The site's further languages (`en`, `ls`): their prefixes are
    /// taken, and with Leichte Sprache its start page is the page BITV
    /// asks for.
    pub editions: Vec<&'a str>,
}

/// What a reference can name: a topic of topics.yaml, or a document of a
/// kind (services, bodies and people are named by slug).
#[derive(Clone, Copy)]
enum Target {
    Topic,
    Document(ContentKind),
}

impl Target {
    fn noun(self) -> &'static str {
        match self {
            Target::Topic => "topic",
            Target::Document(kind) => kind.noun(),
        }
    }

    fn where_defined(self, slug: &str) -> String {
        match self {
            Target::Topic => format!("add a topic with slug `{slug}` to content/topics.yaml"),
            Target::Document(kind) => match kind.folder() {
                Some(folder) => format!("create content/{folder}/{slug}.md"),
                None => format!("a {} cannot be named by slug", kind.noun()),
            },
        }
    }
}

const SERVICE: Target = Target::Document(ContentKind::Service);
const BODY: Target = Target::Document(ContentKind::Body);
const PERSON: Target = Target::Document(ContentKind::Person);

/// No document of a kind that references never name.
static NONE: std::sync::LazyLock<crate::hashing::Map<String, usize>> =
    std::sync::LazyLock::new(Default::default);

/// The help for a reference that holds `" - "`: YAML reads a list entry
/// indented deeper than the one before as the continuation of that
/// entry's text.
const UNALIGNED: &str = "the list's entries are not aligned: write each on its own line, `- ` at the same indentation as the entry above";

impl<'a> Context<'a> {
    fn lookup(&self, target: Target) -> &crate::hashing::Map<String, usize> {
        match target {
            Target::Topic => &self.index.topic,
            Target::Document(ContentKind::Service) => &self.index.service,
            Target::Document(ContentKind::Body) => &self.index.body,
            Target::Document(ContentKind::Person) => &self.index.person,
            Target::Document(_) => &NONE,
        }
    }

    /// Checks one reference; reports it with a "did you mean" when it does not resolve.
    fn reference<T>(
        &self,
        doc: &Document<T>,
        path: &[Step],
        slug: &str,
        target: Target,
        out: &mut Vec<Diagnostic>,
    ) {
        // A rejected field holds a stand-in, not what the editor wrote.
        if let Some(Step::Key(field)) = path.first() {
            if doc.rejects(field) {
                return;
            }
        }
        if matches!(target, Target::Topic) && self.topics_unreadable {
            return;
        }
        let lookup = self.lookup(target);
        let unread = |kind: ContentKind| self.unparsed.contains(&(kind, slug.to_owned()));
        if lookup.contains_key(slug) || matches!(target, Target::Document(kind) if unread(kind)) {
            return;
        }
        let unparsed = self
            .unparsed
            .iter()
            .filter(|(kind, _)| matches!(target, Target::Document(k) if k == *kind))
            .map(|(_, s)| s.as_str());
        // A topic whose slug is not valid is reported in topics.yaml; a
        // reference meant for it points there rather than at a new topic.
        let misnamed = matches!(target, Target::Topic)
            .then(|| {
                lookup
                    .keys()
                    .find(|name| !text::is_slug(name) && text::slugify(name) == slug)
            })
            .flatten();
        let help = if let Some(name) = misnamed {
            format!("content/topics.yaml names this topic `{name}`, which is not a valid slug: write `{slug}` there")
        } else {
            match text::closest(slug, lookup.keys().map(String::as_str).chain(unparsed)) {
                Some(near) => format!("did you mean `{near}`?"),
                None if slug.contains(" - ") => UNALIGNED.to_owned(),
                None if !text::is_slug(slug) => format!(
                    "a {} is named by its slug (lowercase a-z, 0-9 and `-`), e.g. `{}`",
                    target.noun(),
                    text::slugify(slug)
                ),
                None => target.where_defined(slug),
            }
        };
        out.push(
            doc.error_at(path, format!("unknown {} `{slug}`", target.noun()))
                .with_help(help),
        );
    }

    fn references<T>(
        &self,
        doc: &Document<T>,
        field: &str,
        slugs: &[String],
        target: Target,
        out: &mut Vec<Diagnostic>,
    ) {
        for (i, slug) in slugs.iter().enumerate() {
            self.reference(doc, &[Step::Key(field), Step::Index(i)], slug, target, out);
        }
    }

    pub fn check_topics(&self, file: Option<&SourceFile>, out: &mut Vec<Diagnostic>) {
        let Some(file) = file else {
            return;
        };
        let whole = 0..file.text.len();
        let keyed = crate::load::topics_are_keyed(&file.text);
        let mut seen = HashMap::new();
        for (i, topic) in self.topics.iter().enumerate() {
            let at = |key| {
                let steps = [
                    Step::Key(crate::load::TOPICS_KEY),
                    Step::Index(i),
                    Step::Key(key),
                ];
                let steps = if keyed { &steps[..] } else { &steps[1..] };
                file.location(locate::value(&file.text, whole.clone(), steps))
            };
            if !text::is_slug(&topic.slug) {
                out.push(
                    Diagnostic::error(format!("`{}` is not a valid slug", topic.slug))
                        .at(at("slug"))
                        .with_help(format!("write `{}`", text::slugify(&topic.slug))),
                );
            }
            if let Some(first) = seen.insert(topic.slug.as_str(), i) {
                out.push(
                    Diagnostic::error(format!("the topic slug `{}` is used twice", topic.slug))
                        .at(at("slug"))
                        .with_help(format!(
                            "entry {} already uses it; give each topic its own slug",
                            first + 1
                        )),
                );
            }
        }
    }

    /// A signature of everything the references of a document can name:
    /// the slugs of topics, services, bodies and people, and the documents
    /// that could not be read (see [`super::memo`]).
    pub fn names_signature(&self) -> u64 {
        let ix = self.index;
        let slugs = |tag: u8, map: &'a crate::hashing::Map<String, usize>| {
            map.keys().map(move |slug| (tag, slug.as_str()))
        };
        signature_of_set(
            slugs(0, &ix.topic)
                .chain(slugs(1, &ix.service))
                .chain(slugs(2, &ix.body))
                .chain(slugs(3, &ix.person)),
        )
        .wrapping_add(signature_of_set(self.unparsed.iter()))
        .wrapping_add(u64::from(self.topics_unreadable))
    }

    pub fn check_services(&self, checking: &Checking, out: &mut Vec<Diagnostic>) {
        out.extend(checking.run(self.services, |doc, out| self.check_service(doc, out)));
    }

    fn check_service(&self, doc: &Document<Service>, out: &mut Vec<Diagnostic>) {
        if urls::service(&doc.slug) == urls::SERVICES_AZ {
            out.push(
                doc.error_at(
                    &[],
                    format!(
                        "the file name `{}` is taken by the list of services from A to Z ({})",
                        doc.slug,
                        urls::SERVICES_AZ
                    ),
                )
                .with_help(format!(
                    "rename the file, e.g. to content/services/{}-leistung.md",
                    doc.slug
                )),
            );
        }
        {
            let s = &doc.front;
            self.reference(doc, &[Step::Key("responsible")], &s.responsible, BODY, out);
            self.references(doc, "topics", &s.topics, Target::Topic, out);
            match &s.online_url {
                Some(url) => check_address(doc, &[Step::Key("online_url")], url, Use::WebPage, out),
                None if s.status.is_usable_online()
                    && !doc.rejects("status")
                    && !doc.rejects("online_url") =>
                {
                    out.push(
                        doc.error_at(
                            &[Step::Key("status")],
                            format!(
                                "a service with status `{}` needs `online_url`",
                                s.status.key()
                            ),
                        )
                        .with_help("add `online_url: https://…` where citizens start the service"),
                    )
                }
                None => {}
            }
        }
    }

    pub fn check_news(
        &self,
        news: &[Arc<Document<News>>],
        checking: &Checking,
        out: &mut Vec<Diagnostic>,
    ) {
        out.extend(checking.run(news, |doc, out| {
            let n = &doc.front;
            self.references(doc, "topics", &n.topics, Target::Topic, out);
            self.references(doc, "services", &n.services, SERVICE, out);
            self.references(doc, "bodies", &n.bodies, BODY, out);
            self.references(doc, "people", &n.people, PERSON, out);
        }));
    }

    pub fn check_bodies(&self, out: &mut Vec<Diagnostic>) {
        let parents: Vec<Option<usize>> = self
            .bodies
            .iter()
            .map(|b| {
                b.front
                    .parent
                    .as_ref()
                    .and_then(|p| self.index.body.get(p).copied())
            })
            .collect();
        for (i, doc) in self.bodies.iter().enumerate() {
            let b = &doc.front;
            if let Some(parent) = &b.parent {
                self.reference(doc, &[Step::Key("parent")], parent, BODY, out);
            }
            self.references(doc, "topics", &b.topics, Target::Topic, out);
            if let Some(url) = &b.website {
                check_address(doc, &[Step::Key("website")], url, Use::WebPage, out);
            }
            // Report each cycle once, at the body whose slug sorts first.
            if in_cycle(&parents, i) {
                let mut cycle = vec![i];
                let mut c = parents[i].expect("a body in a cycle has a parent");
                while c != i {
                    cycle.push(c);
                    c = parents[c].expect("a body in a cycle has a parent");
                }
                let first = cycle.iter().min_by_key(|&&k| &self.bodies[k].slug);
                if first == Some(&i) {
                    let names: Vec<&str> = cycle
                        .iter()
                        .chain(std::iter::once(&i))
                        .map(|&k| self.bodies[k].slug.as_str())
                        .collect();
                    out.push(
                        doc.error_at(&[Step::Key("parent")], format!(
                            "the parents form a cycle: {}",
                            names.join(" → ")
                        ))
                        .with_help("the governance structure is a tree: remove `parent` from one of these bodies"),
                    );
                }
            }
        }
    }

    pub fn check_people(&self, out: &mut Vec<Diagnostic>) {
        for doc in self.people {
            for (i, role) in doc.front.roles.iter().enumerate() {
                let at = |key| [Step::Key("roles"), Step::Index(i), Step::Key(key)];
                self.reference(doc, &at("body"), &role.body, BODY, out);
                if let Some(to) = &role.to {
                    if role.from.earliest() > to.latest() {
                        out.push(
                            doc.error_at(
                                &at("to"),
                                format!("the role ends ({to}) before it starts ({})", role.from),
                            )
                            .with_help("`from` must not be after `to`: check both dates"),
                        );
                    }
                }
            }
        }
    }

    /// Checks the free pages and returns the legal pages by kind.
    pub fn check_pages(
        &self,
        pages: &[Arc<Document<Page>>],
        home: Option<&Document<Page>>,
        today: Option<chrono::NaiveDate>,
        out: &mut Vec<Diagnostic>,
    ) -> BTreeMap<LegalKind, usize> {
        let mut legal = BTreeMap::new();
        let mut legal_unknown = false;
        for (i, doc) in pages.iter().enumerate() {
            let first = doc.slug.split('/').next().unwrap_or_default();
            if let Some(code) = self
                .editions
                .iter()
                .find(|code| crate::i18n::lang::prefix(code)[1..] == *first)
            {
                let easy = *code == crate::i18n::lang::EASY_GERMAN;
                out.push(
                    Diagnostic::error(format!(
                        "the page path `/{}/` is taken by the pages in {}",
                        doc.slug,
                        if easy { "Leichte Sprache".to_owned() } else { format!("`{code}`") }
                    ))
                    .at(Location::file(doc.file.path()))
                    .with_help(if easy && doc.slug == first {
                        "the start page in Leichte Sprache is content/home.ls.md: move this page's text there and remove the page".to_owned()
                    } else {
                        format!("move the file to another folder or name below content/pages/; translations are files beside their original (`<slug>.{code}.md`)")
                    }),
                );
            }
            if RESERVED.contains(&first) {
                out.push(
                    Diagnostic::error(format!(
                        "the page path `/{}/` is taken by the portal itself",
                        doc.slug
                    ))
                    .at(Location::file(doc.file.path()))
                    .with_help("move the file to another folder or name below content/pages/"),
                );
            }
            // With `legal` rejected, which page this is is unknown.
            if doc.rejects("legal") {
                legal_unknown = true;
                continue;
            }
            check_legal_fields(doc, today, out);
            if let Some(kind) = doc.front.legal {
                super::bitv::check(doc, kind, out);
                if let Some(&other) = legal.get(&kind) {
                    let other: &Arc<Document<Page>> = &pages[other];
                    out.push(
                        doc.error_at(
                            &[Step::Key("legal")],
                            format!("two pages claim `legal: {}`", kind.key()),
                        )
                        .with_help(format!(
                            "{} claims it too; keep it on one page",
                            other.file.path().display()
                        )),
                    );
                } else {
                    legal.insert(kind, i);
                }
            }
        }
        if let Some(home) = home {
            check_legal_fields(home, today, out);
            if home.front.legal.is_some() {
                out.push(
                    home.error_at(
                        &[Step::Key("legal")],
                        "the home page cannot be a legal page",
                    )
                    .with_help("remove `legal` from content/home.md"),
                );
            }
        }
        // A page that could not be read may be the missing one: its own
        // error is the cause to report.
        let legal_unknown = legal_unknown
            || self
                .unparsed
                .iter()
                .any(|(kind, _)| *kind == ContentKind::Page);
        for kind in LegalKind::ALL {
            // With pages in Leichte Sprache, their start page is the one.
            let easy = kind == LegalKind::EasyLanguage
                && self.editions.contains(&crate::i18n::lang::EASY_GERMAN);
            if !legal.contains_key(&kind) && !legal_unknown && !easy {
                out.push(
                    Diagnostic::warning(format!("no page is marked `legal: {}` ({})", kind.key(), kind.label()))
                        .with_help("every page's footer links to it: add a page under content/pages/ with this `legal` value"),
                );
            }
        }
        legal
    }
}

/// The legal pages' own fields: present exactly on their page, complete
/// in the sense of the law, and their addresses allowed.
fn check_legal_fields(
    doc: &Document<Page>,
    today: Option<chrono::NaiveDate>,
    out: &mut Vec<Diagnostic>,
) {
    let page = &doc.front;
    let is = |kind| page.legal == Some(kind);
    match (&page.accessibility, is(LegalKind::Accessibility)) {
        (Some(statement), true) => check_statement(doc, statement, today, out),
        (Some(_), false) => out.push(
            doc.error_at(&[Step::Key("accessibility")], "`accessibility:` belongs only on the page with `legal: accessibility`")
                .with_help("move these fields to the accessibility statement, or add `legal: accessibility` here"),
        ),
        // Missing fields are reported by the schema; invalid ones were too.
        (None, _) => {}
    }
    match (&page.imprint, is(LegalKind::Imprint)) {
        (Some(imprint), true) => {
            let at = |key| [Step::Key("imprint"), Step::Key(key)];
            email_field(doc, &at("email"), &imprint.email, out);
            phone_field(doc, &at("phone"), &imprint.phone, out);
        }
        (Some(_), false) => out.push(
            doc.error_at(
                &[Step::Key("imprint")],
                "`imprint:` belongs only on the page with `legal: imprint`",
            )
            .with_help("move these fields to the Impressum, or add `legal: imprint` here"),
        ),
        (None, _) => {}
    }
}

fn check_statement(
    doc: &Document<Page>,
    statement: &AccessibilityStatement,
    today: Option<chrono::NaiveDate>,
    out: &mut Vec<Diagnostic>,
) {
    let at = |key| [Step::Key("accessibility"), Step::Key(key)];
    let conformity = statement.conformity;
    if conformity != Conformity::FullyCompliant && statement.barriers.is_empty() {
        out.push(
            doc.error_at(
                &at("conformity"),
                format!(
                    "a site that is `{}` must list what is not accessible",
                    conformity.key()
                ),
            )
            .with_help("add `barriers:` with one entry per part: content, reason, alternative"),
        );
    }
    if conformity == Conformity::FullyCompliant {
        if let Some(i) = statement
            .barriers
            .iter()
            .position(|b| b.reason == BarrierReason::NonConformity)
        {
            out.push(
                doc.error_at(
                    &[
                        Step::Key("accessibility"),
                        Step::Key("barriers"),
                        Step::Index(i),
                        Step::Key("reason"),
                    ],
                    "a fully compliant site cannot have content that fails the requirements",
                )
                .with_help(
                    "write `conformity: partially_compliant`, or give this entry another reason",
                ),
            );
        }
    }
    if statement.method == AssessmentMethod::ThirdParty && statement.assessor.is_none() {
        out.push(
            doc.error_at(
                &at("method"),
                "an assessment by a third party must name who made it",
            )
            .with_help("add `assessor:` with the name of the testing body"),
        );
    }
    if statement.prepared > statement.reviewed {
        out.push(
            doc.error_at(
                &at("reviewed"),
                format!(
                    "the statement was reviewed ({}) before it was prepared ({})",
                    statement.reviewed, statement.prepared
                ),
            )
            .with_help("`prepared` must not be after `reviewed`: check both dates"),
        );
    }
    let enforcement = [Step::Key("accessibility"), Step::Key("enforcement")];
    let field = |key| [enforcement[0], enforcement[1], Step::Key(key)];
    check_address(
        doc,
        &field("url"),
        &statement.enforcement.url,
        Use::WebPage,
        out,
    );
    if let Some(email) = &statement.enforcement.email {
        email_field(doc, &field("email"), email, out);
    }
    if let Some(phone) = &statement.enforcement.phone {
        phone_field(doc, &field("phone"), phone, out);
    }
    // BITV 2.0 asks for the statement to be reviewed at least once a year.
    if let Some(today) = today {
        let reviewed = statement.reviewed;
        if (today - reviewed.0).num_days() > 365 {
            out.push(
                doc.warning_at(
                    &at("reviewed"),
                    format!("the accessibility statement was last reviewed on {reviewed}, more than a year ago"),
                )
                .with_help("review the statement (BITV 2.0 asks for it every year) and update `reviewed`"),
            );
        }
    }
}

fn email_field<T>(doc: &Document<T>, path: &[Step], value: &str, out: &mut Vec<Diagnostic>) {
    if let Err(r) = policy::check_email(value) {
        out.push(doc.error_at(path, r.message).with_help(r.help));
    }
}

fn phone_field<T>(doc: &Document<T>, path: &[Step], value: &str, out: &mut Vec<Diagnostic>) {
    if let Err(r) = policy::check_phone(value) {
        out.push(doc.error_at(path, r.message).with_help(r.help));
    }
}

/// Checks site.yaml and returns the base URL to publish under.
pub(super) fn check_site(
    file: &SourceFile,
    config: &SiteConfig,
    options: &ResolveOptions,
    index: &Index,
    unparsed: &HashSet<(ContentKind, String)>,
    out: &mut Vec<Diagnostic>,
) -> Option<BaseUrl> {
    let whole = 0..file.text.len();
    let at = |path: &[Step]| file.location(locate::value(&file.text, whole.clone(), path));
    if let Some(body) = &config.publisher.body {
        if !index.body.contains_key(body) && !unparsed.contains(&(ContentKind::Body, body.clone()))
        {
            let help = text::closest(body, index.body.keys().map(String::as_str))
                .map(|near| format!("did you mean `{near}`?"))
                .unwrap_or_else(|| format!("create content/governance/bodies/{body}.md"));
            out.push(
                Diagnostic::error(format!("unknown body `{body}`"))
                    .at(at(&[Step::Key("publisher"), Step::Key("body")]))
                    .with_help(help),
            );
        }
    }
    check_languages(config, &at, out);
    let mut refuse = |path: &[Step], refusal: Refusal| {
        out.push(
            Diagnostic::error(refusal.message)
                .at(at(path))
                .with_help(refusal.help),
        )
    };
    for (i, item) in config.navigation.iter().enumerate() {
        if let Err(r) = policy::check(&item.url, Use::Menu) {
            refuse(
                &[Step::Key("navigation"), Step::Index(i), Step::Key("url")],
                r,
            );
        }
    }
    if let Err(r) = policy::check_email(&config.contact.email) {
        refuse(&[Step::Key("contact"), Step::Key("email")], r);
    }
    if let Some(Err(r)) = config.contact.phone.as_deref().map(policy::check_phone) {
        refuse(&[Step::Key("contact"), Step::Key("phone")], r);
    }
    if let Err(r) = policy::check_contact(&config.accessibility_contact) {
        refuse(&[Step::Key("accessibility_contact")], r);
    }
    match &config.data_licence {
        Some(licence) => {
            let path = [Step::Key("data_licence"), Step::Key("url")];
            match policy::check(&licence.url, Use::Link) {
                Err(r) => refuse(&path, r),
                Ok(Address::Web(_) | Address::SitePath(_)) => {}
                // The URL is the licence's identity in the data and in the
                // DCAT catalogue, so it must name a document, not a mailbox.
                Ok(_) => refuse(
                    &path,
                    Refusal {
                        message: format!("`{}` is not the address of a licence text", licence.url),
                        help: "write the full address of the licence, e.g. https://www.govdata.de/dl-de/by-2-0, or a site path such as /lizenz/".into(),
                    },
                ),
            }
        }
        // Written but rejected: its error is the cause, no warning after it.
        None if !locate::node(&file.text, whole.clone(), &[Step::Key("data_licence")]).is_empty() => {}
        None => out.push(
            Diagnostic::warning("site.yaml names no licence for the open data under /daten/")
                .at(Location::file(file.path()))
                .with_help("add `data_licence:` with `id`, `name` and `url`, e.g. `data_licence: {id: dl-de/by-2-0, name: \"Datenlizenz Deutschland – Namensnennung – Version 2.0\", url: https://www.govdata.de/dl-de/by-2-0}`; without a licence, nobody may safely reuse the data"),
        ),
    }
    match &options.base_url {
        Some(url) => match BaseUrl::parse(url) {
            Ok(base) => Some(base),
            Err(message) => {
                out.push(Diagnostic::error(format!("--base-url: {message}")));
                None
            }
        },
        None => match BaseUrl::parse(&config.base_url) {
            Ok(base) => Some(base),
            Err(message) => {
                out.push(Diagnostic::error(message).at(at(&[Step::Key("base_url")])));
                None
            }
        },
    }
}

/// `language` and `translations`: known ISO 639-1 codes, each once.
fn check_languages(
    config: &SiteConfig,
    at: &dyn Fn(&[Step]) -> Location,
    out: &mut Vec<Diagnostic>,
) {
    use crate::i18n::lang;
    let unknown = |code: &str, path: &[Step], region_allowed: bool| {
        let help = match lang::suggestion(code) {
            Some(meant) => format!("write `{meant}` (ISO 639-1: two lowercase letters)"),
            None => {
                "write the language's two-letter ISO 639-1 code, e.g. `de`, `en`, `tr`, `uk`".into()
            }
        };
        let noun = if region_allowed {
            "language tag"
        } else {
            "language code"
        };
        Diagnostic::error(format!("`{code}` is not a {noun} portal knows"))
            .at(at(path))
            .with_help(help)
    };
    // The site's language may carry a region (`de-DE`); its first part must be known.
    let mut parts = config.language.split('-');
    let primary = parts.next().unwrap_or_default();
    let region_ok = parts.all(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()));
    if !lang::is_known(primary) || primary == lang::EASY_GERMAN || !region_ok {
        out.push(unknown(&config.language, &[Step::Key("language")], true));
    }
    let mut seen = vec![primary];
    for (i, code) in config.translations.iter().enumerate() {
        let path = [Step::Key("translations"), Step::Index(i)];
        if !lang::is_known(code) {
            out.push(unknown(code, &path, false));
        } else if seen.contains(&code.as_str()) {
            let what = if code == primary {
                "the site's own language (`language`)"
            } else {
                "named twice"
            };
            out.push(
                Diagnostic::error(format!("`{code}` is {what}"))
                    .at(at(&path))
                    .with_help("list each further language once, without the site's own"),
            );
        } else if code == lang::EASY_GERMAN && primary != "de" {
            out.push(
                Diagnostic::error(format!(
                    "`ls` (Leichte Sprache) is a variant of German, but the site's language is `{primary}`"
                ))
                .at(at(&path))
                .with_help("Leichte Sprache pages need a site in German (`language: de`)"),
            );
        } else {
            seen.push(code);
        }
    }
    for code in config.texts.keys() {
        if !config.translations.contains(code) {
            out.push(
                Diagnostic::error(format!(
                    "`texts` names `{code}`, which is not among `translations`"
                ))
                .at(at(&[Step::Key("texts"), Step::Key(code)]))
                .with_help(format!(
                    "add `{code}` to `translations`, or remove its texts"
                )),
            );
        }
    }
}

/// Applies the URL policy to the front-matter field at `path`.
fn check_address<T>(
    doc: &Document<T>,
    path: &[Step],
    value: &str,
    how: Use,
    out: &mut Vec<Diagnostic>,
) {
    if let Err(refusal) = policy::check(value, how) {
        out.push(doc.error_at(path, refusal.message).with_help(refusal.help));
    }
}
