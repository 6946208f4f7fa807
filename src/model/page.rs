use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Example;

use super::legal::{AccessibilityStatement, Imprint};

/// `pages/<path>.md`: a free page; also `home.md`, the home page's text.
///
/// A legal page with fields of its own requires them, in the schema itself,
/// so that editors' YAML tooling knows it too.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("allOf" = [
    {
        "if": {"properties": {"legal": {"const": "accessibility"}}, "required": ["legal"]},
        "then": {"required": ["accessibility"]}
    },
    {
        "if": {"properties": {"legal": {"const": "imprint"}}, "required": ["legal"]},
        "then": {"required": ["imprint"]}
    }
]))]
pub struct Page {
    /// Title.
    pub title: String,
    /// Short description.
    #[serde(default)]
    pub summary: Option<String>,
    /// Which of the legally required pages this is.
    #[serde(default)]
    pub legal: Option<LegalKind>,
    /// The accessibility statement's fields (with `legal: accessibility`).
    #[serde(default)]
    #[schemars(with = "AccessibilityStatement")]
    pub accessibility: Option<AccessibilityStatement>,
    /// The Impressum's fields (with `legal: imprint`).
    #[serde(default)]
    #[schemars(with = "Imprint")]
    pub imprint: Option<Imprint>,
    /// Which values are demonstration data (`example: true` or a list of
    /// field names; an addition of this project).
    #[serde(default)]
    pub example: Example,
}

/// The pages every page's footer links to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LegalKind {
    /// Impressum.
    Imprint,
    /// Datenschutz.
    Privacy,
    /// Erklärung zur Barrierefreiheit.
    Accessibility,
    /// Leichte Sprache.
    EasyLanguage,
    /// Gebärdensprache.
    SignLanguage,
}

impl LegalKind {
    /// In footer order.
    pub const ALL: [LegalKind; 5] = [
        LegalKind::Imprint,
        LegalKind::Privacy,
        LegalKind::Accessibility,
        LegalKind::EasyLanguage,
        LegalKind::SignLanguage,
    ];

    /// German link text.
    pub fn label(self) -> &'static str {
        match self {
            LegalKind::Imprint => "Impressum",
            LegalKind::Privacy => "Datenschutz",
            LegalKind::Accessibility => "Erklärung zur Barrierefreiheit",
            LegalKind::EasyLanguage => "Leichte Sprache",
            LegalKind::SignLanguage => "Gebärdensprache",
        }
    }

    /// The value as written in front matter.
    pub fn key(self) -> &'static str {
        match self {
            LegalKind::Imprint => "imprint",
            LegalKind::Privacy => "privacy",
            LegalKind::Accessibility => "accessibility",
            LegalKind::EasyLanguage => "easy_language",
            LegalKind::SignLanguage => "sign_language",
        }
    }
}
