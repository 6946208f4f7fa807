use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Example;

use crate::date::PartialDate;

/// `governance/people/<slug>.md`: a person and the roles they held.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Name as written, titles included.
    pub name: String,
    /// Roles held, at least one.
    #[schemars(length(min = 1))]
    pub roles: Vec<Role>,
    /// Which values are demonstration data (`example: true` or a list of
    /// field names; an addition of this project).
    #[serde(default)]
    pub example: Example,
}

/// A role a person held in a body.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// e.g. "Beauftragter für Informationstechnik und Digitalisierung".
    pub title: String,
    /// Body slug.
    #[schemars(extend("x-portal-reference" = "body"))]
    pub body: String,
    /// Since when.
    pub from: PartialDate,
    /// Until when; absent while the role is held.
    #[serde(default)]
    pub to: Option<PartialDate>,
    /// The role chairs or leads the body (an addition of this project).
    #[serde(default)]
    pub chair: bool,
}
