//! `data/advice.yaml`: what fixes a failure on a given platform and SDK version, as rules.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::model::{SourceDef, Texts};
use crate::problem::Problems;

pub const ADVICE: &str = "data/advice.yaml";

/// A code in a source, as a rule names it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRef {
    pub source: String,
    pub code: String,
}

/// A field of the callback and the values (as written: `0`, `false`) the rule is for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRef {
    pub key: String,
    #[serde(rename = "is")]
    pub values: Vec<String>,
}

/// One rule: when its conditions hold, its text is the advice.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// The code the rule is about: the callback's own code or any cause under it.
    pub code: CodeRef,
    /// A code that must also appear in the cause chain (China Unicom `102` under `600012`).
    pub inner: Option<CodeRef>,
    pub platform: Option<String>,
    /// The carrier the payload names (`cmcc`, `cucc`, `ctcc`), by a vendor name or a cause.
    pub carrier: Option<String>,
    /// A text the message of a callback in the chain contains (`网络异常`).
    pub message: Option<String>,
    /// A field the callback itself carries, with one of these values (iOS `isChecked: 0`).
    pub field: Option<FieldRef>,
    /// `>=16.4`, `<2.12.14`: the OS version the rule is for.
    pub os_version: Option<String>,
    pub sdk_version: Option<String>,
    pub text: Texts,
    pub actor: String,
    pub action: String,
    pub provenance: Vec<String>,
    pub note: Option<String>,
}

/// A version bound `>=1.2.3` or `<1.2.3` as (at least?, version).
pub fn bound(s: &str) -> Option<(bool, [u32; 4])> {
    let (at_least, v) = match s.strip_prefix(">=") {
        Some(v) => (true, v),
        None => (false, s.strip_prefix('<')?),
    };
    let mut out = [0u32; 4];
    let mut parts = v.trim().split('.');
    for slot in &mut out {
        match parts.next() {
            Some(p) => *slot = p.parse().ok()?,
            None => break,
        }
    }
    parts.next().is_none().then_some((at_least, out))
}

pub struct Known<'a> {
    pub sources: &'a [SourceDef],
    pub platforms: BTreeSet<&'a str>,
    pub actors: BTreeSet<&'a str>,
    pub actions: BTreeSet<&'a str>,
    pub provenance: BTreeSet<&'a str>,
}

/// Checks every rule; problems name the rule's id.
pub fn check(rules: &[Rule], known: &Known<'_>, problems: &mut Problems) {
    let mut ids = BTreeSet::new();
    for r in rules {
        let mut bad = |m: String| problems.file(ADVICE, format!("rule {:?}: {m}", r.id));
        if !ids.insert(r.id.as_str()) {
            bad("is defined twice".to_owned());
        }
        for c in [Some(&r.code), r.inner.as_ref()].into_iter().flatten() {
            if !known.sources.iter().any(|s| s.id == c.source) {
                bad(format!("source {:?} is not in data/sources.yaml", c.source));
            }
        }
        for (field, v) in [
            ("os_version", &r.os_version),
            ("sdk_version", &r.sdk_version),
        ] {
            if v.as_deref().is_some_and(|v| bound(v).is_none()) {
                bad(format!("{field} must look like `>=16.4` or `<2.12.14`"));
            }
        }
        let names = [
            ("platform", r.platform.as_deref(), &known.platforms),
            ("actor", Some(r.actor.as_str()), &known.actors),
            ("action", Some(r.action.as_str()), &known.actions),
        ];
        for (field, v, set) in names {
            if v.is_some_and(|v| !set.contains(v)) {
                bad(format!("{field} {v:?} is not defined"));
            }
        }
        if r.carrier
            .as_deref()
            .is_some_and(|c| !["cmcc", "cucc", "ctcc"].contains(&c))
        {
            bad("carrier must be cmcc, cucc or ctcc".to_owned());
        }
        if r.message.as_deref().is_some_and(|m| m.trim().is_empty()) {
            bad("message must not be empty".to_owned());
        }
        if let Some(f) = &r.field {
            if f.key.trim().is_empty() || f.values.is_empty() {
                bad("field needs a `key` and at least one value in `is`".to_owned());
            }
        }
        if r.provenance.is_empty()
            || r.provenance
                .iter()
                .any(|p| !known.provenance.contains(p.as_str()))
        {
            bad("`provenance` must name ids of data/provenance.yaml".to_owned());
        }
        if r.text.zh.trim().is_empty() || r.text.en.trim().is_empty() {
            bad("`text` needs zh and en".to_owned());
        }
    }
}

fn opt_bound(v: &Option<String>) -> String {
    v.as_deref()
        .and_then(bound)
        .map_or("None".to_owned(), |(at_least, v)| {
            format!("Some(({at_least}, {v:?}))")
        })
}

/// `ADVICE_RULES`, in file order.
pub fn emit(out: &mut String, rules: &[Rule], camel: impl Fn(&str) -> String) {
    let _ = writeln!(
        out,
        "/// The advice rules of `data/advice.yaml`.\npub(crate) static ADVICE_RULES: [crate::advice::Rule; {}] = [",
        rules.len()
    );
    let code = |c: &CodeRef| format!("(Source::{}, {:?})", camel(&c.source), c.code);
    for r in rules {
        let _ = writeln!(
            out,
            "    crate::advice::Rule {{ code: {}, inner: {}, platform: {}, carrier: {}, message: {:?}, field: {}, os_version: {}, sdk_version: {}, advice: crate::Advice {{ id: std::borrow::Cow::Borrowed({:?}), zh: std::borrow::Cow::Borrowed({:?}), en: std::borrow::Cow::Borrowed({:?}), actor: Actor::{}, action: Action::{}, provenance: std::borrow::Cow::Borrowed(&[{}]) }} }},",
            code(&r.code),
            r.inner.as_ref().map_or("None".to_owned(), |c| format!("Some({})", code(c))),
            r.platform.as_ref().map_or("None".to_owned(), |p| format!("Some(Platform::{})", camel(p))),
            r.carrier.as_ref().map_or("None".to_owned(), |c| format!("Some(crate::Carrier::{})", camel(c))),
            r.message,
            r.field.as_ref().map_or("None".to_owned(), |f| format!("Some(({:?}, &{:?}))", f.key, f.values)),
            opt_bound(&r.os_version),
            opt_bound(&r.sdk_version),
            r.id,
            r.text.zh,
            r.text.en,
            camel(&r.actor),
            camel(&r.action),
            r.provenance
                .iter()
                .map(|p| format!("std::borrow::Cow::Borrowed({p:?})"))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    out.push_str("];\n\n");
}

#[cfg(test)]
mod tests {
    use super::bound;

    #[test]
    fn bounds() {
        assert_eq!(bound(">=16.4"), Some((true, [16, 4, 0, 0])));
        assert_eq!(bound("<2.12.14"), Some((false, [2, 12, 14, 0])));
        assert_eq!(bound("=2.1"), None);
        assert_eq!(bound("<2.x"), None);
        assert_eq!(bound("<1.2.3.4.5"), None);
    }
}
