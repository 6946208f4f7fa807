//! Structured data: a JSON-LD block (schema.org) on every page, so search
//! engines and other portals read what a page is about — a government
//! service with its LeiKa key and provider, an organisation in its tree, a
//! person's offices, a news article — without scraping the HTML.
//!
//! Only facts go in: an entry marked as demonstration data (`example:`)
//! gets no entity at all, and a value marked as a demonstration value is
//! left out of its entity (a provider, an online address, a LeiKa key), so
//! a search engine never takes an example for a statement of the
//! administration. Breadcrumbs, which only describe the site's own
//! navigation, stay.
//!
//! The block is data, never script: it is serialised so that no text can
//! end the `<script type="application/ld+json">` element (`<`, `>` and `&`
//! are written as `\u003c`, `\u003e`, `\u0026`, which JSON reads back
//! unchanged), and the output guard lets exactly this type pass.

use serde_json::{json, Map, Value};

use super::pages::Crumb;
use super::views::Views;
use crate::model::ContentKind;
use crate::resolve::{PageKind, PlannedPage};
use crate::urls;

/// The JSON-LD of one page as the text of its script element: a `@graph`
/// of what the page is about and its breadcrumb trail; empty when there
/// is nothing to say (the 404 page).
pub fn json_ld(
    views: &Views,
    page: &PlannedPage,
    title: &str,
    description: &str,
    trail: &[Crumb],
) -> String {
    let mut graph = Vec::new();
    if let Some(entity) = main_entity(views, page, title, description) {
        graph.push(entity);
    }
    if !trail.is_empty() {
        graph.push(breadcrumbs(views, trail));
    }
    if graph.is_empty() {
        return String::new();
    }
    let document = json!({ "@context": "https://schema.org", "@graph": graph });
    inert(&document)
}

/// JSON text that cannot close the script element it stands in.
fn inert(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut safe = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            c => safe.push(c),
        }
    }
    safe
}

/// An absolute address for a link the page shows (`href` form).
fn absolute(views: &Views, href: &str) -> String {
    let site = views.site;
    // The site's root, not the edition's start page: an edition's href
    // keeps its prefix.
    let root_href = site.base.href(urls::HOME);
    let path = href.strip_prefix(root_href.as_str()).unwrap_or(href);
    site.base
        .absolute(&format!("/{}", path.trim_start_matches('/')))
}

fn breadcrumbs(views: &Views, trail: &[Crumb]) -> Value {
    let items: Vec<Value> = trail
        .iter()
        .enumerate()
        .map(|(i, crumb)| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": crumb.title,
                "item": absolute(views, &crumb.url),
            })
        })
        .collect();
    json!({ "@type": "BreadcrumbList", "itemListElement": items })
}

/// The publishing organisation, as site.yaml names it, unless that name is
/// a demonstration value.
fn publisher(views: &Views) -> Option<Value> {
    let site = views.site;
    if site.config.example.covers("publisher.name") {
        return None;
    }
    let mut org = json!({
        "@type": "GovernmentOrganization",
        "name": site.config.publisher.name,
        "url": site.absolute(urls::HOME),
    });
    if let Some(body) = site
        .config
        .publisher
        .body
        .as_deref()
        .and_then(|slug| views.body_by_slug(slug))
    {
        org["url"] = absolute(views, &body.url).into();
    }
    Some(org)
}

/// Adds `publisher` to an entity when it is a fact.
fn with_publisher(views: &Views, mut entity: Value) -> Value {
    if let (Some(publisher), Some(map)) = (publisher(views), entity.as_object_mut()) {
        map.insert("publisher".into(), publisher);
    }
    entity
}

/// A body as an organisation, unless it is a demonstration entry: `full`
/// adds its parent and children (where those links are facts).
fn organisation(views: &Views, i: usize, full: bool) -> Option<Value> {
    let site = views.site;
    let ix = &site.index;
    let body = views.body_ref(i);
    let example = body.example;
    if example.covers_any(&["name", "short"]) {
        return None;
    }
    let mut org = Map::new();
    org.insert("@type".into(), "GovernmentOrganization".into());
    org.insert("name".into(), body.name.into());
    if let Some(short) = body.short {
        org.insert("alternateName".into(), short.into());
    }
    org.insert("url".into(), absolute(views, &body.url).into());
    if full {
        let parent = ix.body_parent[i].filter(|_| !example.covers("parent"));
        if let Some(parent) = parent.and_then(|p| organisation(views, p, false)) {
            org.insert("parentOrganization".into(), parent);
        }
        let children: Vec<Value> = ix.body_children[i]
            .iter()
            .filter(|&&c| !site.bodies[c].front.example.covers("parent"))
            .filter_map(|&c| organisation(views, c, false))
            .collect();
        if !children.is_empty() {
            org.insert("subOrganization".into(), children.into());
        }
        match &site.bodies[i].front.website {
            Some(website) if !example.covers("website") => {
                org.insert("sameAs".into(), website.as_str().into());
            }
            _ => {}
        }
    }
    Some(Value::Object(org))
}

fn main_entity(views: &Views, page: &PlannedPage, title: &str, description: &str) -> Option<Value> {
    let site = views.site;
    let url = site.base.absolute(&page.path);
    let entity = match page.kind {
        PageKind::Home => with_publisher(
            views,
            json!({
                "@type": "WebSite",
                "name": site.config.title,
                "description": site.config.description,
                "url": url,
                "inLanguage": site.config.language,
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": format!("{}?q={{search_term_string}}", site.absolute(urls::SEARCH)),
                    },
                    "query-input": "required name=search_term_string",
                },
            }),
        ),
        PageKind::Service(i) => {
            let d = &site.services[i];
            let s = &d.front;
            let fact = |field: &str| !s.example.covers(field);
            if !fact("title") || !fact("summary") {
                return None;
            }
            let mut service = Map::new();
            service.insert("@type".into(), "GovernmentService".into());
            service.insert("name".into(), s.title.as_str().into());
            service.insert("description".into(), s.summary.as_str().into());
            service.insert("url".into(), url.into());
            if let Some(leika) = s.leika.as_ref().filter(|_| fact("leika")) {
                service.insert(
                    "identifier".into(),
                    json!({
                        "@type": "PropertyValue",
                        "propertyID": "LeiKa",
                        "value": leika,
                    }),
                );
            }
            views.read_document(ContentKind::Body, &s.responsible);
            let provider = site
                .index
                .body
                .get(&s.responsible)
                .filter(|_| fact("responsible"));
            if let Some(org) = provider.and_then(|&b| organisation(views, b, false)) {
                service.insert("provider".into(), org);
            }
            if let Some(region) = site
                .config
                .region
                .as_ref()
                .filter(|_| !site.config.example.covers("region"))
            {
                service.insert(
                    "areaServed".into(),
                    json!({ "@type": "AdministrativeArea", "name": region }),
                );
            }
            let audience: Vec<Value> = s
                .audience
                .iter()
                .map(|a| json!({ "@type": "Audience", "audienceType": a.label() }))
                .collect();
            if !audience.is_empty() && fact("audience") {
                service.insert("audience".into(), audience.into());
            }
            if let Some(online) = s.online_url.as_ref().filter(|_| fact("online_url")) {
                service.insert(
                    "availableChannel".into(),
                    json!({
                        "@type": "ServiceChannel",
                        "name": "Online beantragen",
                        "serviceUrl": online,
                        "availableLanguage": site.config.language,
                    }),
                );
            }
            Value::Object(service)
        }
        PageKind::News(i) => {
            let d = &site.news[i];
            let example = &d.front.example;
            if example.covers_any(&["title", "summary"]) {
                return None;
            }
            let mut article = with_publisher(
                views,
                json!({
                    "@type": "NewsArticle",
                    "headline": d.front.title,
                    "description": d.front.summary,
                    "datePublished": d.front.date.to_string(),
                    "url": url,
                    "inLanguage": site.config.language,
                }),
            );
            if example.covers("date") {
                article.as_object_mut()?.remove("datePublished");
            }
            article
        }
        PageKind::Body(i) => {
            let mut org = organisation(views, i, true)?;
            org["description"] = description.into();
            org
        }
        PageKind::Person(i) => {
            let d = &site.people[i];
            if d.front.example.covers("name") {
                return None;
            }
            let current: Vec<_> = d
                .front
                .roles
                .iter()
                .filter(|r| r.to.is_none() && !d.front.example.covers("roles"))
                .collect();
            let occupations: Vec<Value> = current
                .iter()
                .map(|r| json!({ "@type": "Occupation", "name": r.title }))
                .collect();
            let works_for: Vec<Value> = current
                .iter()
                .filter_map(|r| {
                    views.read_document(ContentKind::Body, &r.body);
                    site.index
                        .body
                        .get(&r.body)
                        .and_then(|&b| organisation(views, b, false))
                })
                .collect();
            let mut person = json!({ "@type": "Person", "name": d.front.name, "url": url });
            if !occupations.is_empty() {
                person["hasOccupation"] = occupations.into();
            }
            if !works_for.is_empty() {
                person["worksFor"] = works_for.into();
            }
            person
        }
        PageKind::NotFound => return None,
        PageKind::Page(i)
            if site.pages[i]
                .front
                .example
                .covers_any(&["title", "summary"]) =>
        {
            return None
        }
        _ => json!({
            "@type": "WebPage",
            "name": title,
            "description": description,
            "url": url,
            "inLanguage": site.config.language,
        }),
    };
    Some(entity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_can_end_the_script_element() {
        let value = json!({ "name": "</script><script>alert(1)</script> & <!--" });
        let text = inert(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        // JSON reads it back unchanged.
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
