//! How payloads name things: the key table of `data/sources.yaml`.
//!
//! `keys:` is the one home of every payload key the normaliser understands: its role (which
//! field of a callback it carries), its rank among keys of the same role, and the source it
//! hints at. Each source's `fields:` says which of those keys its payloads use, for readers and
//! for the build's checks. The normaliser reads the generated table; adding a vendor's key is a
//! data change.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Deserialize;

use crate::model::SourceDef;
use crate::problem::Problems;

/// The longest key the normaliser's table holds (letters and digits, case folded).
pub const MAX_KEY_LEN: usize = 23;

/// What a key's value is to a callback.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RoleName {
    /// The result code.
    Code,
    /// The message that goes with the code.
    Message,
    /// A code from a lower layer (the carrier's code under an SDK code).
    InnerCode,
    /// The message of the inner code.
    InnerMessage,
    /// The carrier's whole result, as text of any shape.
    CarrierData,
    /// The carrier's name (`cm_zyhl`, `CU`, `中国电信`).
    Carrier,
    /// The request id to quote in a ticket.
    RequestId,
    /// The IDaaS SDK's `data`: tokens on success, a description on failure.
    Data,
    /// No field of its own: the key only says which source the payload comes from.
    Marker,
}

impl RoleName {
    /// Roles where several keys compete and the rank picks one.
    fn ranked(self) -> bool {
        matches!(self, Self::Code | Self::Message | Self::RequestId)
    }
}

/// One row of `keys:`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyDef {
    pub key: String,
    pub role: RoleName,
    /// Among keys of one role in one object, the lowest rank wins.
    pub rank: Option<u8>,
    /// A code key that names a code only when its value is a number (China Telecom's `result`).
    #[serde(default)]
    pub numeric: bool,
    /// The source whose payloads this key marks.
    pub marks: Option<String>,
    /// A carrier key's values that name a carrier other than by name (Getui's `operatorType`
    /// `3`): value → `cmcc`, `cucc` or `ctcc`.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    pub doc: Option<String>,
}

/// What a source is, for reading what lies under its codes.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// An app-side SDK (or a plugin around one): its callbacks carry causes underneath
    /// (carrier data, inner codes, codes in messages), which are resolved.
    #[default]
    App,
    /// A carrier's own result codes.
    Carrier,
    /// A server API's response codes.
    Server,
}

/// A source's `fields:`: the keys its payloads use, by role.
pub type SourceFields = BTreeMap<RoleName, Vec<String>>;

/// A key as the normaliser compares it: ASCII letters and digits, lower case.
pub fn folded(key: &str) -> String {
    key.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Checks the key table and every source's `fields:` against it.
pub fn check(keys: &[KeyDef], sources: &[SourceDef], file: &str, problems: &mut Problems) {
    let ids: BTreeSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let mut seen: BTreeMap<String, &KeyDef> = BTreeMap::new();
    for k in keys {
        let mut bad = |m: String| problems.file(file, format!("key {:?}: {m}", k.key));
        let f = folded(&k.key);
        if f.is_empty() || f.len() > MAX_KEY_LEN {
            bad(format!("must hold 1 to {MAX_KEY_LEN} letters or digits"));
        }
        if seen.insert(f.clone(), k).is_some() {
            bad("is listed twice (keys compare without case and separators)".to_owned());
        }
        if k.role.ranked() != k.rank.is_some() {
            bad("`rank` is needed exactly for the code, message and request_id roles".to_owned());
        }
        if k.numeric && k.role != RoleName::Code {
            bad("`numeric` only applies to code keys".to_owned());
        }
        if let Some(m) = &k.marks {
            if !ids.contains(m.as_str()) {
                bad(format!("marks {m:?}, which is not a source"));
            }
        }
        if !k.values.is_empty() && k.role != RoleName::Carrier {
            bad("`values` only applies to carrier keys".to_owned());
        }
        for (value, carrier) in &k.values {
            if !matches!(carrier.as_str(), "cmcc" | "cucc" | "ctcc") {
                bad(format!(
                    "value {value:?} names {carrier:?}; a carrier is cmcc, cucc or ctcc"
                ));
            }
            if value.trim().is_empty() || value.trim() != value {
                bad(format!(
                    "value {value:?} must be non-empty text without surrounding blanks"
                ));
            }
        }
        if k.role == RoleName::Marker && k.marks.is_none() {
            bad("a marker key must say which source it `marks`".to_owned());
        }
    }
    for s in sources {
        check_layers(s, &ids, file, problems);
        check_server(s, &ids, file, problems);
        for (role, list) in &s.fields {
            for key in list {
                match seen.get(&folded(key)) {
                    None => problems.file(
                        file,
                        format!(
                            "source {:?}: field key {key:?} is not in `keys:`; add it there with its role",
                            s.id
                        ),
                    ),
                    Some(k) if k.role != *role => problems.file(
                        file,
                        format!(
                            "source {:?}: key {key:?} is listed as {role:?} but `keys:` gives it the role {:?}",
                            s.id, k.role
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
}

/// `inner` names another source; `wraps` names PNS, the only SDK whose codes the resolver
/// reads under a plugin (as the platform's PNS: pns, pns_web, pns_harmony), or `carriers`, for
/// an SDK that passes the carriers' codes through as they are.
fn check_layers(s: &SourceDef, ids: &BTreeSet<&str>, file: &str, problems: &mut Problems) {
    let mut bad = |m: String| problems.file(file, format!("source {:?}: {m}", s.id));
    if let Some(inner) = s.inner.as_deref() {
        if !ids.contains(inner) || inner == s.id {
            bad(format!("inner {inner:?} is not another source"));
        }
    }
    match s.wraps.as_deref() {
        Some(wraps) if wraps != "pns" && wraps != "carriers" => bad(format!(
            "wraps {wraps:?}: only pns (a plugin's codes fall back to the platform's PNS) or carriers (an SDK passes their codes through) can be wrapped"
        )),
        Some(_) if s.id.starts_with("pns") || s.layer != Layer::App => bad(
            "only an app SDK that is not PNS itself can wrap pns or the carriers".to_owned(),
        ),
        _ => {}
    }
}

/// `server` names another source, and comes with the `carrier_codes` it is the exception to.
fn check_server(s: &SourceDef, ids: &BTreeSet<&str>, file: &str, problems: &mut Problems) {
    let mut bad = |m: String| problems.file(file, format!("source {:?}: {m}", s.id));
    match &s.server {
        Some(server) if !ids.contains(server.as_str()) || server == &s.id => {
            bad(format!("server {server:?} is not another source"));
        }
        Some(_) if s.carrier_codes.is_empty() => bad(
            "`server` needs `carrier_codes`: the codes under which the carrier data is still the carrier's"
                .to_owned(),
        ),
        None if !s.carrier_codes.is_empty() => bad(
            "`carrier_codes` needs `server`: the namespace of what the carrier data holds under other codes"
                .to_owned(),
        ),
        _ => {}
    }
}

/// The Rust expression of a key's role (`crate::normalize::fields::Role`). `values`: the
/// index of a carrier key's values in `CARRIER_VALUES` (0: none).
fn role_expr(k: &KeyDef, values: usize) -> String {
    let rank = k.rank.unwrap_or(0);
    match k.role {
        RoleName::Code => format!("Role::Code({rank}, {})", k.numeric),
        RoleName::Message => format!("Role::Msg({rank})"),
        RoleName::RequestId => format!("Role::RequestId({rank})"),
        RoleName::InnerCode => "Role::InnerCode".to_owned(),
        RoleName::InnerMessage => "Role::InnerMsg".to_owned(),
        RoleName::CarrierData => "Role::CarrierData".to_owned(),
        RoleName::Carrier => format!("Role::Vendor({values})"),
        RoleName::Data => "Role::Data".to_owned(),
        RoleName::Marker => "Role::Other".to_owned(),
    }
}

/// `Source::layer` and `Source::inner`: how the resolver reads what lies under a source's codes.
pub fn emit_layers(out: &mut String, sources: &[SourceDef], camel: impl Fn(&str) -> String) {
    out.push_str("impl Source {\n");
    out.push_str("    /// Whether the source is an app SDK (`app`), a carrier or a server (`layer:` in\n    /// `data/sources.yaml`): only an app SDK's callbacks carry causes underneath.\n    pub(crate) const fn is_app(self) -> bool {\n        match self {\n");
    for s in sources {
        let _ = writeln!(
            out,
            "            Self::{} => {},",
            camel(&s.id),
            s.layer == Layer::App
        );
    }
    out.push_str("        }\n    }\n\n");
    out.push_str("    /// The namespace of codes found underneath this source's codes, before the carriers\n    /// (`inner:` in `data/sources.yaml`: Getui's `errorCode` under its `code`).\n    pub(crate) const fn inner(self) -> Option<Source> {\n        match self {\n");
    for s in sources {
        let v = s
            .inner
            .as_ref()
            .map_or("None".to_owned(), |i| format!("Some(Self::{})", camel(i)));
        let _ = writeln!(out, "            Self::{} => {v},", camel(&s.id));
    }
    out.push_str("        }\n    }\n\n");
    emit_source_map(
        out,
        "    /// The SDK this source is a plugin around (`wraps:` in `data/sources.yaml`; only PNS):\n    /// named in a hint, the plugin's source reads a code its table lacks as the platform's PNS.\n    pub(crate) const fn wraps(self) -> Option<Source> {\n",
        sources
            .iter()
            .filter_map(|s| Some((s.id.as_str(), s.wraps.as_deref().filter(|w| *w == "pns")?))),
        &camel,
    );
    let carriers: Vec<String> = sources
        .iter()
        .filter(|s| s.wraps.as_deref() == Some("carriers"))
        .map(|s| format!("Self::{}", camel(&s.id)))
        .collect();
    let body = match carriers.is_empty() {
        true => "false".to_owned(),
        false => format!("matches!(self, {})", carriers.join(" | ")),
    };
    let _ = write!(
        out,
        "    /// Whether this SDK passes the carriers' codes through as they are (`wraps: carriers` in\n    /// `data/sources.yaml`): named in a hint, a code its table lacks is read as a carrier's.\n    pub(crate) const fn wraps_carriers(self) -> bool {{\n        {body}\n    }}\n\n"
    );
    emit_server(out, sources, &camel);
    out.push_str("}\n\n");
}

/// A `const fn` of `Source` (its doc and signature in `head`) mapping each `(source, other)` of
/// `pairs` to `Some(other)` and every other source to `None`.
fn emit_source_map<'a>(
    out: &mut String,
    head: &str,
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
    camel: &impl Fn(&str) -> String,
) {
    out.push_str(head);
    out.push_str("        match self {\n");
    for (id, other) in pairs {
        let _ = writeln!(
            out,
            "            Self::{} => Some(Self::{}),",
            camel(id),
            camel(other)
        );
    }
    out.push_str("            _ => None,\n        }\n    }\n\n");
}

/// `Source::server` and `Source::carrier_data_under`: whose answer a source's carrier data is.
fn emit_server(out: &mut String, sources: &[SourceDef], camel: &impl Fn(&str) -> String) {
    emit_source_map(
        out,
        "    /// The namespace of the vendor server's answers that this source's carrier data holds\n    /// under any code but its carrier ones (`server:` in `data/sources.yaml`).\n    pub(crate) const fn server(self) -> Option<Source> {\n",
        sources.iter().filter_map(|s| Some((s.id.as_str(), s.server.as_deref()?))),
        camel,
    );
    out.push_str("    /// Whether this source's carrier data under `code` is the carrier's result\n    /// (`carrier_codes:` in `data/sources.yaml`; always, for a source without `server:`).\n    pub(crate) fn carrier_data_under(self, code: &str) -> bool {\n        match self {\n");
    for s in sources.iter().filter(|s| s.server.is_some()) {
        let _ = writeln!(
            out,
            "            Self::{} => matches!(code, {}),",
            camel(&s.id),
            s.carrier_codes
                .iter()
                .map(|c| format!("{c:?}"))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    out.push_str("            _ => true,\n        }\n    }\n");
}

/// Where key `k`'s values are in `CARRIER_VALUES`: 1 + its rank among the keys with values.
fn value_index(keys: &[KeyDef], k: &KeyDef) -> usize {
    if k.values.is_empty() {
        return 0;
    }
    1 + keys
        .iter()
        .take_while(|o| !std::ptr::eq(*o, k))
        .filter(|o| !o.values.is_empty())
        .count()
}

/// `CARRIER_VALUES`: the carrier keys' `values`, the first entry empty (keys without).
fn emit_values(out: &mut String, keys: &[KeyDef], camel: &impl Fn(&str) -> String) {
    let with: Vec<&KeyDef> = keys.iter().filter(|k| !k.values.is_empty()).collect();
    out.push_str(
        "/// The carrier keys' values that name a carrier (`values:` in `data/sources.yaml`),\n",
    );
    out.push_str("/// by the index in `Role::Vendor`.\n");
    let _ = write!(
        out,
        "pub(crate) static CARRIER_VALUES: [&[(&str, crate::Carrier)]; {}] = [&[], ",
        with.len() + 1
    );
    for k in with {
        out.push_str("&[");
        for (value, carrier) in &k.values {
            // `Carrier`'s variants are the carriers' source ids in CamelCase (`check` allows
            // only those three).
            let _ = write!(out, "({value:?}, crate::Carrier::{}), ", camel(carrier));
        }
        out.push_str("], ");
    }
    out.push_str("];\n\n");
}

/// `KEYS_BY_LEN`: every key's role and mark, grouped by folded length (index = length).
pub fn emit(out: &mut String, keys: &[KeyDef], camel: impl Fn(&str) -> String) {
    let mut by_len: Vec<Vec<&KeyDef>> = vec![Vec::new(); MAX_KEY_LEN + 1];
    for k in keys {
        if let Some(slot) = by_len.get_mut(folded(&k.key).len()) {
            slot.push(k);
        }
    }
    out.push_str(
        "/// Every payload key with a role (`keys:` in `data/sources.yaml`), by folded length.\n",
    );
    let _ = writeln!(
        out,
        "pub(crate) static KEYS_BY_LEN: [&[crate::normalize::KeyEntry]; {}] = [",
        MAX_KEY_LEN + 1
    );
    for list in by_len {
        out.push_str("    &[");
        for k in list {
            let values = value_index(keys, k);
            let mark = k
                .marks
                .as_ref()
                .map_or("None".to_owned(), |m| format!("Some(Source::{})", camel(m)));
            let _ = write!(
                out,
                "(crate::normalize::fold(b{:?}), crate::normalize::KeyRole {{ role: crate::normalize::{}, marks: {mark} }}), ",
                folded(&k.key),
                role_expr(k, values),
            );
        }
        out.push_str("],\n");
    }
    out.push_str("];\n\n");
    emit_values(out, keys, &camel);
    // The names again, folded: the crate checks as it compiles that none names a secret (a
    // field under a key with a role skips the secret check).
    out.push_str("/// Every payload key with a role, folded (`keys:` in `data/sources.yaml`).\n");
    let _ = write!(
        out,
        "pub(crate) const KEY_NAMES: [&str; {}] = [",
        keys.len()
    );
    for k in keys {
        let _ = write!(out, "{:?}, ", folded(&k.key));
    }
    out.push_str("];\n\n");
}
