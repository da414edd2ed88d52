//! Advice by platform, OS version and SDK version (`data/advice.yaml`): what fixes a failure
//! beyond what its code means, and whether the code exists at all in the caller's SDK.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::generated::ADVICE_RULES;
use crate::{Action, Actor, Carrier, ExtraValue, Hint, Normalized, Platform, Source};

mod held;
pub use held::AdviceRef;

/// A dotted version (`16.4`, `2.12.14`, `2.13.2-2024.01.03`: the numbers before any `-`),
/// compared part by part; missing parts are 0.
///
/// ```
/// use numauth::Version;
/// let v: Version = "2.13.2-2024.01.03".parse().unwrap();
/// assert!(v > "2.12.14".parse().unwrap());
/// assert_eq!(v.to_string(), "2.13.2");
/// assert!("two".parse::<Version>().is_err());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(pub [u32; 4]);

/// A version that is not numbers separated by dots.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a version like 16.4 or 2.12.14")]
pub struct ParseVersionError(pub String);

impl FromStr for Version {
    type Err = ParseVersionError;

    fn from_str(s: &str) -> Result<Version, ParseVersionError> {
        let bad = || ParseVersionError(s.to_owned());
        let head = s.trim().trim_start_matches(['v', 'V']);
        let head = head.split(['-', '+', ' ']).next().unwrap_or_default();
        let mut out = [0u32; 4];
        let mut parts = head.split('.');
        for slot in &mut out {
            match parts.next() {
                Some(p) => *slot = p.parse().map_err(|_| bad())?,
                None => break,
            }
        }
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(Version(out))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.0;
        write!(f, "{a}.{b}")?;
        if c != 0 || d != 0 {
            write!(f, ".{c}")?;
        }
        if d != 0 {
            write!(f, ".{d}")?;
        }
        Ok(())
    }
}

/// The hint, with the OS and SDK versions the payload carries where the caller gave none
/// (`sdkVersion`, `osVersion`, Android's `release`...; case and separators ignored).
pub(crate) fn with_payload_versions(
    mut hint: Hint,
    extra: &[(Cow<'_, str>, ExtraValue<'_>)],
) -> Hint {
    if hint.sdk_version.is_some() && hint.os_version.is_some() {
        return hint;
    }
    for (key, value) in extra {
        take_version(&mut hint, key, value.as_str());
    }
    // A client block kept beside the callback (the PNS monitor upload's `c`): its versions
    // too, one level down.
    if hint.sdk_version.is_none() || hint.os_version.is_none() {
        for (_, value) in extra {
            if let ExtraValue::Json(raw) = value {
                crate::normalize::text_fields(raw, |key, text| take_version(&mut hint, key, text));
            }
        }
    }
    hint
}

/// Sets the version `key` names in `hint` to `value`, if it names one the hint lacks.
fn take_version(hint: &mut Hint, key: &str, value: &str) {
    // Every name below ends in `on`, `er` or `se` (any case, separators ignored); most keys
    // do not and are not folded.
    let mut tail = key
        .bytes()
        .rev()
        .filter(u8::is_ascii_alphanumeric)
        .map(|c| c | 0x20);
    let (last, before) = (tail.next(), tail.next());
    let ends = matches!(
        (before, last),
        (Some(b'o'), Some(b'n')) | (Some(b'e'), Some(b'r')) | (Some(b's'), Some(b'e'))
    );
    if key.len() > 16 || !ends {
        return;
    }
    let mut buf = [0u8; 16];
    let slot = match crate::normalize::fold_key(key, &mut buf) {
        b"sdkversion" | b"sdkver" => &mut hint.sdk_version,
        b"osversion" | b"systemversion" | b"release" => &mut hint.os_version,
        _ => return,
    };
    if slot.is_none() {
        *slot = value.parse().ok();
    }
}

/// A version bound of a rule: (at least?, version).
type Bound = Option<(bool, [u32; 4])>;

/// One rule of `data/advice.yaml`, as generated.
pub(crate) struct Rule {
    pub(crate) code: (Source, &'static str),
    pub(crate) inner: Option<(Source, &'static str)>,
    pub(crate) platform: Option<Platform>,
    pub(crate) carrier: Option<Carrier>,
    pub(crate) message: Option<&'static str>,
    /// A field of the callback itself and the values (as written) the rule is for.
    pub(crate) field: Option<(&'static str, &'static [&'static str])>,
    pub(crate) os_version: Bound,
    pub(crate) sdk_version: Bound,
    /// What it says, built as the crate compiles: a callback it fits shares it.
    pub(crate) advice: Advice,
}

/// What to do about a callback beyond what its code means: a rule of `data/advice.yaml` that
/// fits its codes, platform and versions, or the fact that its code does not exist in the
/// caller's SDK version.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Advice {
    /// The rule's id (`ios_16_4_carrier_config`), or `not_on_platform` or `not_in_sdk_version`.
    pub id: Cow<'static, str>,
    /// The advice in Chinese.
    pub zh: Cow<'static, str>,
    /// The advice in English.
    pub en: Cow<'static, str>,
    /// Who must act on it.
    pub actor: Actor,
    /// The kind of step it asks for.
    pub action: Action,
    /// The ids (`numauth::provenance_sources()`) of the threads and pages it rests on.
    pub provenance: Cow<'static, [Cow<'static, str>]>,
}

/// A version condition of an advice rule: at least a version, or before it.
///
/// ```
/// use numauth::{advice_rules, Source};
/// let rule = advice_rules(Source::Pns, "600004").next().unwrap();
/// assert_eq!(rule.os_version.unwrap().to_string(), ">=16.4");
/// assert_eq!(rule.sdk_version.unwrap().to_string(), "<2.12.14");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionBound {
    /// `true`: the version or later (`>=`); `false`: before it (`<`).
    pub at_least: bool,
    /// The version.
    pub version: Version,
}

impl fmt::Display for VersionBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = if self.at_least { ">=" } else { "<" };
        write!(f, "{op}{}", self.version)
    }
}

/// A rule of `data/advice.yaml` and when it applies: the advice a callback with its code gets
/// when the inner code, platform and versions fit (an unknown platform or version fits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviceRule {
    /// An inner code the cause chain must also hold.
    pub inner: Option<(Source, &'static str)>,
    /// The platform it is for.
    pub platform: Option<Platform>,
    /// The carrier the callback must name (by a vendor name or a cause).
    pub carrier: Option<Carrier>,
    /// A text the message of a callback in the cause chain must contain.
    pub message: Option<&'static str>,
    /// A field the callback must carry, and the values (as written) it is for.
    pub field: Option<(&'static str, &'static [&'static str])>,
    /// The OS versions it is for.
    pub os_version: Option<VersionBound>,
    /// The SDK versions it is for.
    pub sdk_version: Option<VersionBound>,
    /// What it says.
    pub advice: Advice,
}

/// The advice rules for a code, in the table's order (for `numauth explain`; [`normalize`]
/// picks the one that fits a callback).
///
/// ```
/// use numauth::{advice_rules, Actor, Platform, Source};
/// let rules: Vec<_> = advice_rules(Source::Pns, "600011").collect();
/// assert!(rules.iter().any(|r| r.platform == Some(Platform::Android)
///     && r.inner == Some((Source::Cmcc, "200028"))
///     && r.advice.actor == Actor::Developer));
/// assert_eq!(advice_rules(Source::Cmcc, "600011").count(), 0);
/// ```
///
/// [`normalize`]: crate::normalize
pub fn advice_rules(source: Source, code: &str) -> impl Iterator<Item = AdviceRule> + '_ {
    let bound = |b: Bound| {
        b.map(|(at_least, v)| VersionBound {
            at_least,
            version: Version(v),
        })
    };
    ADVICE_RULES
        .iter()
        .filter(move |r| r.code == (source, code))
        .map(move |r| AdviceRule {
            inner: r.inner,
            platform: r.platform,
            carrier: r.carrier,
            message: r.message,
            field: r.field,
            os_version: bound(r.os_version),
            sdk_version: bound(r.sdk_version),
            advice: r.advice.clone(),
        })
}

fn holds(bound: Bound, version: Option<Version>) -> bool {
    match (bound, version) {
        (None, _) | (_, None) => true,
        (Some((true, b)), Some(v)) => v.0 >= b,
        (Some((false, b)), Some(v)) => v.0 < b,
    }
}

/// The codes of a result and of every cause under it.
fn chain<'a>(n: &'a Normalized<'a>) -> impl Iterator<Item = (Source, &'a str)> {
    std::iter::successors(Some(n), |c| c.root_cause.as_deref()).map(|c| (c.source, c.code.as_ref()))
}

/// A code's source, length, first and last byte as one word: equal codes have equal words,
/// and most codes that differ, different ones.
const fn code_word(source: Source, code: &str) -> u32 {
    let b = code.as_bytes();
    let (first, last) = match (b.first(), b.last()) {
        (Some(f), Some(l)) => (*f as u32, *l as u32),
        _ => (0, 0),
    };
    source as u32 | (b.len() as u32 & 0xff) << 8 | first << 16 | last << 24
}

/// Slots of [`RULES_BY_WORD`]: a power of two, with room to spare so that probes stay short
/// and a search always reaches an empty slot.
const SLOTS: usize = 128;

const _: () = assert!(
    ADVICE_RULES.len() <= 64,
    "data/advice.yaml has more than 64 rules: widen the masks of RULES_BY_WORD in src/advice.rs"
);

/// Where a search for a code word starts in [`RULES_BY_WORD`]: the top bits of a
/// multiplicative hash, which mixes the code's bytes and source into every slot bit.
const fn first_slot(word: u32) -> usize {
    (word.wrapping_mul(0x9E37_79B1) >> (32 - SLOTS.trailing_zeros())) as usize
}

/// For each distinct [`code_word`] of the rules' codes, the rules (bit i: rule i) whose code has
/// it. Computed as the crate builds.
static RULES_BY_WORD: [(u32, u64); SLOTS] = {
    let mut words = [0u32; ADVICE_RULES.len()];
    let mut i = 0;
    while i < ADVICE_RULES.len() {
        let (source, code) = ADVICE_RULES[i].code;
        words[i] = code_word(source, code);
        i += 1;
    }
    table_of(&words)
};

/// The table of `words` (at most 64; bit i of a slot's mask: `words[i]`): each distinct word at
/// its [`first_slot`] or the next free one after it (wrapping), with the bits of every index
/// that has it; free slots are (0, 0), and no word may be 0 (a code has at least one byte).
const fn table_of(words: &[u32]) -> [(u32, u64); SLOTS] {
    let mut table = [(0u32, 0u64); SLOTS];
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let mut at = first_slot(word);
        while table[at].0 != 0 && table[at].0 != word {
            at = (at + 1) % SLOTS;
        }
        table[at].0 = word;
        table[at].1 |= 1 << i;
        i += 1;
    }
    table
}

/// The rules whose code has `word` (bit i: rule i).
fn rules_with_word(word: u32) -> u64 {
    bits_of(&RULES_BY_WORD, word)
}

/// The mask of `word` in a table made by [`table_of`]; 0 when it is not there.
fn bits_of(table: &[(u32, u64); SLOTS], word: u32) -> u64 {
    let first = first_slot(word);
    // The search ends at the word or at a free slot (at most 64 of the slots are taken), and
    // in any table after one round.
    for k in 0..SLOTS {
        match table.get((first + k) % SLOTS) {
            Some(&(w, bits)) if w == word => return bits,
            Some(&(0, _)) | None => break,
            Some(_) => {}
        }
    }
    0
}

/// The advice for `n` given what the caller knows (`hint`): the matching rule that names the
/// most facts the caller gave; else a note when the top code does not exist in the SDK version.
pub(crate) fn advise(n: &Normalized<'_>, hint: &Hint) -> Option<AdviceRef> {
    // The rules whose code may be in the chain, by word: most callbacks have none, and the rest
    // one or two, each then checked in full.
    let mut maybe = chain(n).fold(0u64, |m, (source, code)| {
        m | rules_with_word(code_word(source, code))
    });
    let mut best: Option<(usize, &Rule)> = None;
    // Each rule whose bit is set, in the table's order (a plain loop: iterator adapters over
    // the bits cost as much as the checks).
    while maybe != 0 {
        let i = maybe.trailing_zeros() as usize;
        maybe &= maybe - 1;
        let Some(rule) = ADVICE_RULES.get(i) else {
            break;
        };
        if !fits(rule, n, hint) {
            continue;
        }
        let known = specificity(rule, hint);
        if best.is_none_or(|(k, _)| known > k) {
            best = Some((known, rule));
        }
    }
    match best {
        Some((_, rule)) => Some(AdviceRef::rule(&rule.advice)),
        None => not_on_platform(n, hint)
            .or_else(|| not_in_version(n, hint))
            .map(AdviceRef::from),
    }
}

/// Whether a rule fits a callback: its codes are in the chain, the carrier, message and field it
/// names are the callback's, and the caller's platform and versions, where known, are its own.
fn fits(rule: &Rule, n: &Normalized<'_>, hint: &Hint) -> bool {
    let has = |code: (Source, &str)| chain(n).any(|c| c == code);
    if !has(rule.code) {
        return false;
    }
    if let Some(inner) = rule.inner {
        if !has(inner) {
            return false;
        }
    }
    if rule.carrier.is_some() && n.carrier != rule.carrier {
        return false;
    }
    if let Some(text) = rule.message {
        if !said(n, text) {
            return false;
        }
    }
    // Only a payload that carries the field answers it: without one, the rule does not apply.
    if let Some((key, values)) = rule.field {
        let is = |f: &crate::ExtraField<'_>| f.0 == key && values.contains(&f.1.as_str());
        if !n.extra.iter().any(is) {
            return false;
        }
    }
    if let (Some(want), Some(got)) = (rule.platform, hint.platform) {
        if want != got {
            return false;
        }
    }
    holds(rule.os_version, hint.os_version) && holds(rule.sdk_version, hint.sdk_version)
}

/// Whether the message of a callback in `n`'s chain contains `text`. Not inlined: the text
/// search is large, and inlined it made every call to `advise` set up for it.
#[inline(never)]
fn said(n: &Normalized<'_>, text: &str) -> bool {
    std::iter::successors(Some(n), |c| c.root_cause.as_deref())
        .any(|c| c.raw_msg.as_deref().is_some_and(|m| m.contains(text)))
}

/// Whether `advice` (given to `n` with `hint`) is a rule of the table that facts of the
/// failure confirmed (a cause's code, an inner code, the carrier, the message, a field of the
/// callback, or an OS or SDK version the caller gave), not the top code alone: such a rule says
/// who fixes this failure, where one fitting the top code alone (`600002` on some vivo builds,
/// whatever the platform) is a possibility to check.
pub(crate) fn confirmed_rule(
    n: &Normalized<'_>,
    hint: &Hint,
    advice: &AdviceRef,
) -> Option<&'static Advice> {
    let advice = advice.as_rule()?;
    let rule = ADVICE_RULES
        .iter()
        .find(|r| std::ptr::eq(&r.advice, advice))?;
    let facts = rule.code != (n.source, n.code.as_ref())
        || rule.inner.is_some()
        || rule.carrier.is_some()
        || rule.message.is_some()
        || rule.field.is_some()
        || (rule.os_version.is_some() && hint.os_version.is_some())
        || (rule.sdk_version.is_some() && hint.sdk_version.is_some());
    facts.then_some(advice)
}

/// How many of a rule's conditions the caller's facts (and the chain's inner code, carrier and
/// message) confirmed:
/// of the rules that fit, the one that names the most wins; the first in the table on a tie.
fn specificity(rule: &Rule, hint: &Hint) -> usize {
    usize::from(rule.platform.is_some() && hint.platform.is_some())
        + usize::from(rule.os_version.is_some() && hint.os_version.is_some())
        + usize::from(rule.sdk_version.is_some() && hint.sdk_version.is_some())
        + usize::from(rule.inner.is_some())
        + usize::from(rule.carrier.is_some())
        + usize::from(rule.message.is_some())
        + usize::from(rule.field.is_some())
}

/// When every row of the code in its source names the platforms it exists on and the caller's
/// is not among them (Android's `600037` from an iOS app), the code cannot be this app's: the
/// log is mixed up, or the platform is wrong.
fn not_on_platform(n: &Normalized<'_>, hint: &Hint) -> Option<Advice> {
    let platform = hint.platform?;
    let rows = || crate::candidates(&n.code).filter(|e| e.source() == n.source);
    let elsewhere =
        |e: &crate::Entry| !e.platforms().is_empty() && !e.platforms().contains(&platform);
    let first = rows().next()?;
    if !rows().all(elsewhere) {
        return None;
    }
    // Every platform a row names, once (600030: Android's live row, iOS's until 2.12.11).
    let mut on: Vec<&str> = Vec::new();
    for p in rows().flat_map(|e| e.platforms()) {
        if !on.contains(&p.as_str()) {
            on.push(p.as_str());
        }
    }
    let on = on.join("/");
    Some(Advice {
        id: Cow::Borrowed("not_on_platform"),
        zh: Cow::Owned(format!(
            "{} 只在 {on} 的 SDK 中有，而调用方的平台是 {platform}：核对平台或日志来源",
            n.code
        )),
        en: Cow::Owned(format!(
            "{} exists only in the {on} SDK, and the caller's platform is {platform}: check the platform or where the log came from",
            n.code
        )),
        actor: Actor::Developer,
        action: Action::FixIntegration,
        provenance: Cow::Owned(first.provenance().iter().map(|p| Cow::Borrowed(p.id())).collect()),
    })
}

/// When the caller's SDK version predates the code (`since`) or comes after its removal
/// (`until`), the code cannot be this SDK's: the log is mixed up, or the version is wrong.
fn not_in_version(n: &Normalized<'_>, hint: &Hint) -> Option<Advice> {
    let sdk = hint.sdk_version?;
    // The caller's platform's row where the code has one per platform (iOS dropped 600030 in
    // 2.12.11; Android's row lives on).
    let on_platform = hint
        .platform
        .and_then(|p| crate::lookup_on(n.source, &n.code, p))
        .filter(|e| !e.platforms().is_empty());
    let entry = on_platform.or_else(|| n.entry())?;
    let parse = |v: Option<&str>| v.and_then(|v| v.parse::<Version>().ok());
    let (zh, en) = if let Some(since) = parse(entry.since()).filter(|s| sdk < *s) {
        (
            format!("{} 从 SDK {since} 起才有，而调用方的 SDK 是 {sdk}：核对 SDK 版本或日志来源", n.code),
            format!("{} exists only from SDK {since} on, and the caller's SDK is {sdk}: check the SDK version or where the log came from", n.code),
        )
    } else if let Some(until) = parse(entry.until()).filter(|u| sdk >= *u) {
        (
            format!("{} 在 SDK {until} 中已移除，而调用方的 SDK 是 {sdk}：核对 SDK 版本或日志来源", n.code),
            format!("{} was removed in SDK {until}, and the caller's SDK is {sdk}: check the SDK version or where the log came from", n.code),
        )
    } else {
        return None;
    };
    Some(Advice {
        id: Cow::Borrowed("not_in_sdk_version"),
        zh: Cow::Owned(zh),
        en: Cow::Owned(en),
        actor: Actor::Developer,
        action: Action::UpgradeSdk,
        provenance: Cow::Owned(
            entry
                .provenance()
                .iter()
                .map(|p| Cow::Borrowed(p.id()))
                .collect(),
        ),
    })
}

#[cfg(test)]
mod tests;
