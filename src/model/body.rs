use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Example;

use crate::date::PartialDate;

/// `governance/bodies/<slug>.md`: a body that steers or does the work.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Full name.
    pub name: String,
    /// Abbreviation, e.g. "IT-PLR".
    #[serde(default)]
    pub short: Option<String>,
    /// What sort of body it is.
    pub kind: BodyKind,
    /// Federal, state, municipal or across levels.
    pub level: Level,
    /// Body slug this body belongs to.
    #[schemars(extend("x-portal-reference" = "body"))]
    #[serde(default)]
    pub parent: Option<String>,
    /// When it was founded.
    #[serde(default)]
    pub established: Option<PartialDate>,
    /// Its own website.
    #[serde(default)]
    pub website: Option<String>,
    /// Topic slugs.
    #[schemars(extend("x-portal-reference" = "topic"))]
    #[serde(default)]
    pub topics: Vec<String>,
    /// Which values are demonstration data (`example: true` or a list of
    /// field names; an addition of this project).
    #[serde(default)]
    pub example: Example,
}

/// What sort of body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// Landesregierung.
    Government,
    /// Ministerium.
    Ministry,
    /// Rat.
    Council,
    /// Gremium.
    Board,
    /// Arbeitsgruppe.
    WorkingGroup,
    /// Amt, Stelle.
    Office,
    /// Verband.
    Association,
    /// Team.
    Team,
}

impl BodyKind {
    /// German label.
    pub fn label(self) -> &'static str {
        match self {
            BodyKind::Government => "Regierung",
            BodyKind::Ministry => "Ministerium",
            BodyKind::Council => "Rat",
            BodyKind::Board => "Gremium",
            BodyKind::WorkingGroup => "Arbeitsgruppe",
            BodyKind::Office => "Amt oder Stelle",
            BodyKind::Association => "Verband",
            BodyKind::Team => "Team",
        }
    }
}

/// The level of government a body belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Bund.
    Federal,
    /// Land.
    State,
    /// Kommunen.
    Municipal,
    /// Ebenenübergreifend.
    CrossLevel,
}

impl Level {
    /// The order a state's portal presents the levels in: its own first,
    /// then its municipalities, bodies across levels, the federation last.
    pub const PORTAL_ORDER: [Level; 4] = [
        Level::State,
        Level::Municipal,
        Level::CrossLevel,
        Level::Federal,
    ];

    /// German heading of a group of bodies of this level.
    pub fn heading(self) -> &'static str {
        match self {
            Level::Federal => "Bund",
            Level::State => "Land",
            Level::Municipal => "Kommunen",
            Level::CrossLevel => "Über die Ebenen hinweg",
        }
    }

    /// German label.
    pub fn label(self) -> &'static str {
        match self {
            Level::Federal => "Bund",
            Level::State => "Land",
            Level::Municipal => "Kommunen",
            Level::CrossLevel => "ebenenübergreifend",
        }
    }
}
