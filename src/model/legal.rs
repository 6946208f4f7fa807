//! The legal pages as typed data: the accessibility statement after the EU
//! model (Durchführungsbeschluss (EU) 2018/1523, required by BITV 2.0 § 7)
//! and the Impressum (§ 5 DDG, § 18 Abs. 2 MStV).
//!
//! As free text nothing could check that they say what the law requires;
//! as fields every part is required, validated and rendered by the theme in
//! the model's order and wording, with the page's Markdown after them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;

/// `accessibility:` of the page with `legal: accessibility`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityStatement {
    /// How far the site meets the requirements.
    pub conformity: Conformity,
    /// What the site was measured against (at least one).
    #[schemars(length(min = 1))]
    pub standards: Vec<Standard>,
    /// How the statement was made.
    pub method: AssessmentMethod,
    /// Who assessed the site (required with `method: third_party`).
    #[serde(default)]
    pub assessor: Option<String>,
    /// When the statement was prepared.
    pub prepared: Date,
    /// When the statement was last reviewed (at least once a year).
    pub reviewed: Date,
    /// The parts that are not accessible (required unless fully compliant).
    #[serde(default)]
    pub barriers: Vec<Barrier>,
    /// The enforcement procedure: the state's Schlichtungsstelle.
    pub enforcement: Enforcement,
}

/// The state of conformity, in the EU model's three wordings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Conformity {
    /// vollständig vereinbar.
    FullyCompliant,
    /// teilweise vereinbar.
    PartiallyCompliant,
    /// nicht vereinbar.
    NotCompliant,
}

impl Conformity {
    /// The model statement's wording.
    pub fn label(self) -> &'static str {
        match self {
            Conformity::FullyCompliant => "vollständig vereinbar",
            Conformity::PartiallyCompliant => "teilweise vereinbar",
            Conformity::NotCompliant => "nicht vereinbar",
        }
    }

    /// The value as written in front matter.
    pub fn key(self) -> &'static str {
        match self {
            Conformity::FullyCompliant => "fully_compliant",
            Conformity::PartiallyCompliant => "partially_compliant",
            Conformity::NotCompliant => "not_compliant",
        }
    }
}

/// A standard the site is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Standard {
    /// Barrierefreie-Informationstechnik-Verordnung 2.0.
    #[serde(rename = "bitv_2_0")]
    Bitv20,
    /// The harmonised European standard EN 301 549.
    #[serde(rename = "en_301_549")]
    En301549,
    /// WCAG 2.1, level AA.
    #[serde(rename = "wcag_2_1_aa")]
    Wcag21Aa,
}

impl Standard {
    /// The standard's name as the statement writes it.
    pub fn label(self) -> &'static str {
        match self {
            Standard::Bitv20 => "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0)",
            Standard::En301549 => "Europäische Norm EN 301 549",
            Standard::Wcag21Aa => {
                "Web Content Accessibility Guidelines (WCAG) 2.1, Konformitätsstufe AA"
            }
        }
    }
}

/// How the statement was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentMethod {
    /// By the publisher itself.
    SelfAssessment,
    /// By an outside assessor.
    ThirdParty,
}

impl AssessmentMethod {
    /// German wording.
    pub fn label(self) -> &'static str {
        match self {
            AssessmentMethod::SelfAssessment => "Selbstbewertung",
            AssessmentMethod::ThirdParty => "Bewertung durch Dritte",
        }
    }
}

/// One part of the site that is not accessible.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Barrier {
    /// Which content is affected.
    pub content: String,
    /// Why it is not accessible.
    pub reason: BarrierReason,
    /// Details: which requirements are not met, or why the burden is
    /// disproportionate.
    #[serde(default)]
    pub explanation: Option<String>,
    /// How people can get the content in an accessible way.
    pub alternative: String,
}

/// The EU model's three reasons for content that is not accessible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BarrierReason {
    /// The content does not meet the requirements.
    NonConformity,
    /// Making it accessible would be a disproportionate burden.
    DisproportionateBurden,
    /// The content is outside the scope of the law.
    OutOfScope,
}

impl BarrierReason {
    /// In the EU model's order.
    pub const ALL: [BarrierReason; 3] = [
        BarrierReason::NonConformity,
        BarrierReason::DisproportionateBurden,
        BarrierReason::OutOfScope,
    ];

    /// The model statement's heading for this reason.
    pub fn label(self) -> &'static str {
        match self {
            BarrierReason::NonConformity => "Unvereinbarkeit mit den Anforderungen",
            BarrierReason::DisproportionateBurden => "Unverhältnismäßige Belastung",
            BarrierReason::OutOfScope => "Inhalte außerhalb des Anwendungsbereichs",
        }
    }

    /// The value as written in front matter.
    pub fn key(self) -> &'static str {
        match self {
            BarrierReason::NonConformity => "non_conformity",
            BarrierReason::DisproportionateBurden => "disproportionate_burden",
            BarrierReason::OutOfScope => "out_of_scope",
        }
    }
}

/// The Schlichtungsstelle citizens can turn to.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enforcement {
    /// Its name.
    pub name: String,
    /// The law the enforcement procedure rests on, cited in the statement:
    /// for a federal body § 16 BGG, for a Land its disability equality
    /// law (in Rheinland-Pfalz the Landesinklusionsgesetz).
    pub legal_basis: String,
    /// Its postal address, one line.
    pub address: String,
    /// Its web address.
    pub url: String,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
}

/// `imprint:` of the page with `legal: imprint`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Imprint {
    /// The public body that offers the site.
    pub provider: Provider,
    /// Who represents the body by law, e.g. "die Ministerin / der Minister".
    pub represented_by: String,
    /// E-mail address for quick contact.
    pub email: String,
    /// Telephone number for quick contact.
    pub phone: String,
    /// The natural person responsible for the content (§ 18 Abs. 2 MStV).
    pub content_responsible: ResponsiblePerson,
    /// VAT identification number, where the body has one.
    #[serde(default)]
    pub vat_id: Option<String>,
}

/// The body behind the site.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Its full name.
    pub name: String,
    /// Its legal form or status, e.g. "oberste Landesbehörde".
    #[serde(default)]
    pub legal_form: Option<String>,
    /// Its postal address, one line.
    pub address: String,
}

/// The person responsible for the content, with a postal address.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponsiblePerson {
    /// Name of a natural person, not of an office.
    pub name: String,
    /// Postal address, one line.
    pub address: String,
}
