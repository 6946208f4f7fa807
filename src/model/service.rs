use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Example;

use crate::date::Date;

/// `services/<slug>.md`: one public service (Verwaltungsleistung).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// e.g. "Wohngeld beantragen".
    pub title: String,
    /// One or two sentences, at most 300 characters.
    #[schemars(length(max = 300))]
    pub summary: String,
    /// Topic slugs (at least one).
    #[schemars(extend("x-portal-reference" = "topic"))]
    #[schemars(length(min = 1))]
    pub topics: Vec<String>,
    /// Who the service is for.
    #[schemars(length(min = 1))]
    pub audience: Vec<Audience>,
    /// Where the service stands.
    pub status: Status,
    /// Body slug of the responsible authority.
    #[schemars(extend("x-portal-reference" = "body"))]
    pub responsible: String,
    /// When the entry was last checked.
    pub updated: Date,
    /// Where citizens start the service online.
    #[serde(default)]
    pub online_url: Option<String>,
    /// 14-digit LeiKa service key.
    #[serde(default)]
    #[schemars(pattern(r"^[0-9]{14}$"))]
    pub leika: Option<String>,
    /// An OZG focus service (Fokusleistung).
    #[serde(default)]
    pub focus: bool,
    /// Built "Einer für Alle".
    #[serde(default)]
    pub efa: bool,
    /// The state leading the EfA service.
    #[serde(default)]
    pub efa_lead: Option<String>,
    /// OZG maturity level (model 1.1), 0 to 4.
    #[serde(default)]
    #[schemars(range(max = 4))]
    pub maturity: Option<u8>,
    /// Maturity level of the model 2.0 (July 2025), 0 to 7.
    #[serde(default)]
    #[schemars(range(max = 7))]
    pub maturity_v2: Option<u8>,
    /// OZG service bundle ID.
    #[serde(default)]
    pub ozg_id: Option<String>,
    /// Where it is online.
    #[serde(default)]
    pub coverage: Option<Coverage>,
    /// When it went online.
    #[serde(default)]
    pub available_since: Option<Date>,
    /// What it costs.
    #[serde(default)]
    pub costs: Option<String>,
    /// How long it takes.
    #[serde(default)]
    pub processing_time: Option<String>,
    /// Laws it rests on.
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// What applicants need.
    #[serde(default)]
    pub documents: Vec<String>,
    /// Who may apply (an addition of this project to the content model).
    #[serde(default)]
    pub eligibility: Option<String>,
    /// Which values are demonstration data (`example: true` or a list of
    /// field names; an addition of this project).
    #[serde(default)]
    pub example: Example,
    /// For a file that adds to a service of a data source: where its text
    /// goes relative to the catalogue's text (default `before`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_text: Option<LocalText>,
}

/// Where a local file's text goes on the page of an imported service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LocalText {
    /// Before the catalogue's text.
    Before,
    /// After the catalogue's text.
    After,
    /// Instead of the catalogue's text.
    Replace,
}

/// Who a service is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Bürgerinnen und Bürger.
    Citizens,
    /// Unternehmen.
    Businesses,
}

impl Audience {
    /// German label.
    pub fn label(self) -> &'static str {
        match self {
            Audience::Citizens => "Bürgerinnen und Bürger",
            Audience::Businesses => "Unternehmen",
        }
    }
}

impl Service {
    /// The day the service is drawn at on the dashboard's launch timeline
    /// and listed under "online since": its `available_since`, or for a
    /// service `online` without one its `updated` day (see
    /// [`LaunchDate::Checked`]); `None` for a service not online yet.
    pub fn launch(&self) -> Option<(Date, LaunchDate)> {
        match (self.available_since, self.status) {
            (Some(date), _) => Some((date, LaunchDate::Since)),
            (None, Status::Online) => Some((self.updated, LaunchDate::Checked)),
            _ => None,
        }
    }
}

/// What the day of [`Service::launch`] means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchDate {
    /// `available_since`: when the service went online.
    Since,
    /// `updated` of an online service that gives no `available_since`: the
    /// day the entry was last checked, so the service was online by then.
    Checked,
}

impl LaunchDate {
    /// The field the day comes from, and the fields whose demonstration
    /// mark makes the day an example value.
    pub fn marked_by(self) -> &'static [&'static str] {
        match self {
            LaunchDate::Since => &["available_since"],
            LaunchDate::Checked => &["updated", "status"],
        }
    }
}

/// Where a service stands on its way online, in rollout order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Geplant.
    Planned,
    /// In Entwicklung.
    InDevelopment,
    /// Pilotbetrieb.
    Pilot,
    /// Rollout to the municipalities.
    Rollout,
    /// Online.
    Online,
}

impl Status {
    /// All statuses in rollout order, for the dashboard.
    pub const ALL: [Status; 5] = [
        Status::Planned,
        Status::InDevelopment,
        Status::Pilot,
        Status::Rollout,
        Status::Online,
    ];

    /// German label.
    pub fn label(self) -> &'static str {
        match self {
            Status::Planned => "Geplant",
            Status::InDevelopment => "In Entwicklung",
            Status::Pilot => "Pilotbetrieb",
            Status::Rollout => "Im Rollout",
            Status::Online => "Online verfügbar",
        }
    }

    /// The value as written in front matter.
    pub fn key(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InDevelopment => "in_development",
            Status::Pilot => "pilot",
            Status::Rollout => "rollout",
            Status::Online => "online",
        }
    }

    /// The position of the status in [`Status::ALL`].
    pub fn position(self) -> usize {
        // Declared in rollout order, as ALL lists them.
        self as usize
    }

    /// Whether citizens can already start the service somewhere online, so
    /// that `online_url` is required.
    pub fn is_usable_online(self) -> bool {
        matches!(self, Status::Pilot | Status::Rollout | Status::Online)
    }
}

/// Where a service is online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Im ganzen Land.
    Statewide,
    /// In einigen Kommunen.
    SomeMunicipalities,
    /// Noch nirgends.
    None,
}

impl Coverage {
    /// German label.
    pub fn label(self) -> &'static str {
        match self {
            Coverage::Statewide => "landesweit",
            Coverage::SomeMunicipalities => "in einigen Kommunen",
            Coverage::None => "noch nicht verfügbar",
        }
    }
}
