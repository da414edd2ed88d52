//! The shapes of the YAML files under `data/`, as serde reads them.
//!
//! Every struct denies unknown fields, so a typo in a field name fails the build instead of
//! silently dropping data. `data/README.md` documents each field for data authors.

use serde::Deserialize;

/// A `{zh, en}` pair where both languages are required.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub zh: String,
    pub en: String,
}

/// `data/taxonomy.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    pub categories: Vec<Label>,
    pub actors: Vec<Label>,
    pub actions: Vec<ActionDef>,
    pub outcomes: Vec<OutcomeDef>,
}

/// A category or an actor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub name: String,
    pub doc: String,
    pub label: Texts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionDef {
    pub name: String,
    pub doc: String,
    pub text: Texts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    pub name: String,
    pub doc: String,
    pub category: String,
    pub actor: String,
    pub retryable: bool,
    pub action: String,
    pub title: Texts,
    pub message: Texts,
    /// A broader outcome this one refines (the IDaaS account outcomes under `account_problem`).
    pub parent: Option<String>,
}

/// `data/sources.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    pub data_version: String,
    pub platforms: Vec<PlatformDef>,
    /// How payloads name things: see `crate::keys`.
    #[serde(default)]
    pub keys: Vec<crate::keys::KeyDef>,
    pub sources: Vec<SourceDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformDef {
    pub name: String,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    pub id: String,
    pub name: Texts,
    pub doc: String,
    pub code_pattern: String,
    /// App SDK (the default), carrier or server.
    #[serde(default)]
    pub layer: crate::keys::Layer,
    /// The namespace of codes found underneath this source's codes.
    pub inner: Option<String>,
    /// `pns` for a plugin around the PNS SDK: when a caller names this source, a code its table
    /// lacks is read as the platform's PNS (the plugin passes the SDK's codes through);
    /// `carriers` for an SDK that passes the carriers' codes through: read as the carrier's.
    pub wraps: Option<String>,
    /// The codes under which this source's carrier data is the carrier's result. Under any
    /// other code it is the vendor's own server answering, read in `server` (both or neither).
    #[serde(default)]
    pub carrier_codes: Vec<String>,
    /// The namespace of the vendor server's answers found in this source's carrier data.
    pub server: Option<String>,
    /// The keys this source's payloads use, by role (checked against `keys:`).
    #[serde(default)]
    pub fields: crate::keys::SourceFields,
}

/// One entry of `data/provenance.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceDef {
    pub id: String,
    pub kind: ProvenanceKind,
    pub title: String,
    #[serde(rename = "where")]
    pub location: String,
}

/// How far a provenance source can be trusted. The generator emits the same list as the
/// library's `ProvenanceKind`, so this is the one definition.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProvenanceKind {
    SdkHeader,
    SdkBinary,
    OfficialDoc,
    Secondary,
    Seed,
    ThirdParty,
}

impl ProvenanceKind {
    /// Every variant with its doc comment, in declaration order.
    pub const ALL: [(ProvenanceKind, &'static str); 6] = [
        (
            Self::SdkHeader,
            "A header file shipped with an official SDK.",
        ),
        (
            Self::SdkBinary,
            "Constants or strings read from an official SDK binary.",
        ),
        (Self::OfficialDoc, "An official vendor documentation page."),
        (
            Self::Secondary,
            "A vendor-hosted page quoting official text.",
        ),
        (
            Self::Seed,
            "One of the documents the catalog was started from.",
        ),
        (
            Self::ThirdParty,
            "A third-party copy; used only where nothing official was found.",
        ),
    ];

    pub fn variant(self) -> &'static str {
        match self {
            Self::SdkHeader => "SdkHeader",
            Self::SdkBinary => "SdkBinary",
            Self::OfficialDoc => "OfficialDoc",
            Self::Secondary => "Secondary",
            Self::Seed => "Seed",
            Self::ThirdParty => "ThirdParty",
        }
    }
}

/// Which texts of a record numauth translated because the vendor gives none in that language.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Translated {
    Zh,
    En,
    Suggestion,
}

impl Translated {
    /// Every variant with its doc comment, in declaration order.
    pub const ALL: [(Translated, &'static str); 3] = [
        (Self::Zh, "The Chinese meaning is numauth's translation."),
        (Self::En, "The English meaning is numauth's translation."),
        (
            Self::Suggestion,
            "One language of the vendor's suggestion is numauth's translation.",
        ),
    ];

    pub fn variant(self) -> &'static str {
        match self {
            Self::Zh => "Zh",
            Self::En => "En",
            Self::Suggestion => "Suggestion",
        }
    }
}

/// The message a China Unicom `code + message` row is keyed by. At least one language.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MatchText {
    pub zh: Option<String>,
    pub en: Option<String>,
}

/// One row of a code table `data/<source>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub code: String,
    #[serde(rename = "match")]
    pub matcher: Option<MatchText>,
    pub zh: String,
    pub en: String,
    pub outcome: String,
    pub action: Option<String>,
    /// Overrides the outcome's actor for this code.
    pub actor: Option<String>,
    /// Overrides the outcome's retryable for this code.
    pub retryable: Option<bool>,
    pub suggestion: Option<Texts>,
    #[serde(default)]
    pub platforms: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub http_status: Option<u16>,
    /// The carrier whose errors this code reports (GeeTest `-40101`: China Mobile's).
    pub carrier: Option<String>,
    #[serde(default)]
    pub translated: Vec<Translated>,
    pub provenance: Vec<String>,
    pub note: Option<String>,
}
