use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Example;

use crate::date::Date;

/// `news/<slug>.md`: one news article.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct News {
    /// Headline.
    pub title: String,
    /// Publication date; its year is part of the URL.
    pub date: Date,
    /// Teaser, at most 300 characters.
    #[schemars(length(max = 300))]
    pub summary: String,
    /// Topic slugs.
    #[schemars(extend("x-portal-reference" = "topic"))]
    #[serde(default)]
    pub topics: Vec<String>,
    /// Service slugs.
    #[schemars(extend("x-portal-reference" = "service"))]
    #[serde(default)]
    pub services: Vec<String>,
    /// Body slugs.
    #[schemars(extend("x-portal-reference" = "body"))]
    #[serde(default)]
    pub bodies: Vec<String>,
    /// Person slugs.
    #[schemars(extend("x-portal-reference" = "person"))]
    #[serde(default)]
    pub people: Vec<String>,
    /// Kept out of the build unless `--drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// Which values are demonstration data (`example: true` or a list of
    /// field names; an addition of this project).
    #[serde(default)]
    pub example: Example,
}
