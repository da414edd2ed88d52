//! From the parts of a callback to a [`Normalized`]: the source, the catalog entry, the root
//! cause (carrier data, inner codes, codes named in messages) and the carrier.

use std::borrow::Cow;

use super::extra::ExtraValue;
use super::fields::{self, CodeKey, Marks, Parts};
use super::scan::{self, Val};
use super::{idaas, Callback, Carrier, Hint, Message, Normalized, ParseError, MAX_DEPTH};
use crate::catalog::{nfkc, CodeRows};
use crate::{AuthOutcome, Category, Entry, Platform, Source};

/// Whose namespace a text is resolved in.
pub(crate) enum Ctx {
    /// The callback itself.
    Top(Hint),
    /// A cause underneath: carrier data or a message naming a code. `bare`: a text that is only
    /// a code counts (carrier data, not messages).
    Inner { alias: Option<Carrier>, bare: bool },
}

/// Normalises a text of any shape at nesting `level`, unwrapping JSON strings around it.
pub(crate) fn normalize_text<'b>(
    text: &'b str,
    level: usize,
    ctx: &Ctx,
) -> Result<Normalized<'b>, ParseError> {
    if level > MAX_DEPTH {
        return Err(ParseError::TooDeep { max: MAX_DEPTH });
    }
    let t = text.trim();
    if t.is_empty() {
        return Err(ParseError::Empty);
    }
    // A JSON string holding the payload (an NDJSON line, or carrier data given as a string).
    if let Some(inner) = scan::whole_string(t) {
        return match inner {
            Cow::Borrowed(s) => normalize_text(s, level + 1, ctx),
            Cow::Owned(s) => normalize_text(&s, level + 1, ctx).map(Normalized::into_owned),
        };
    }
    // Log text around a JSON string: `onTokenFailed: "{\"code\":\"600011\"...}"`.
    if let Some(open) = t
        .find('{')
        .filter(|&o| o > 0 && t.as_bytes().get(o - 1) == Some(&b'"') && t.contains("\\\""))
    {
        let (inner, _) = scan::quoted(t, open - 1);
        if let Cow::Owned(s) = inner {
            match normalize_text(&s, level + 1, ctx) {
                Ok(n) => return Ok(n.into_owned()),
                Err(e @ ParseError::TooDeep { .. }) => return Err(e),
                Err(_) => {}
            }
        }
    }
    let bare = match ctx {
        Ctx::Top(_) => true,
        Ctx::Inner { bare, .. } => *bare,
    };
    let mut parts = Parts::new(Cow::Borrowed(""), CodeKey::Bare, level);
    fields::parse_parts(t, level, bare, &mut parts)?;
    match ctx {
        Ctx::Top(hint) => resolve_top(&mut parts, *hint, true),
        Ctx::Inner { alias, .. } => {
            let rows = CodeRows::of(&parts.code);
            // An app SDK's whole callback nested inside another (fusion's `innerMsg` holding
            // the one-tap SDK's JSON): resolved like a callback, with its own causes.
            if is_app_callback(&parts, rows) {
                return resolve_top(&mut parts, Hint::default(), true);
            }
            Ok(resolve_inner(&mut parts, *alias, rows))
        }
    }
}

/// Whether parts found underneath are an app SDK's callback rather than a carrier's result:
/// no carrier knows the code, and the keys or the catalog say PNS or fusion.
fn is_app_callback(p: &Parts<'_>, rows: CodeRows) -> bool {
    let mut app = p.marks.pns || p.marks.fusion;
    for e in rows.entries() {
        if Carrier::from_source(e.source()).is_some() {
            return false;
        }
        app |= matches!(e.source(), Source::Pns | Source::Fusion);
    }
    app
}

/// The catalog entry for `code` in `source`, by message where the source keys rows by message.
pub(crate) fn find_entry(source: Source, code: &str, msg: Option<&str>) -> Option<&'static Entry> {
    CodeRows::of(code).find(source, msg)
}

/// A node for `code` (whose `rows` these are) in `source`, classified.
fn node<'a>(
    rows: CodeRows,
    source: Source,
    code: Cow<'a, str>,
    raw_message: Option<Cow<'a, str>>,
) -> Normalized<'a> {
    let v = Verdict::of(rows, source, raw_message.as_deref());
    let params = v.params(raw_message.as_deref());
    // Built as one literal, so that it is written where the caller keeps it (192 bytes;
    // filled after the fact, it was written here and copied there on every call).
    Normalized {
        source,
        code,
        known: v.known(),
        outcome: v.outcome,
        category: v.outcome.category(),
        actor: v.outcome.actor(),
        retryable: v.outcome.retryable(),
        action: v.action(),
        message: v.message(),
        raw_message,
        root_cause: None,
        carrier: None,
        request_id: None,
        params,
        extra: Vec::new(),
    }
}

/// Sets what the catalog says about the node's own code, whose `rows` these are (after its
/// message changed).
fn classify(n: &mut Normalized<'_>, rows: CodeRows) {
    let v = Verdict::of(rows, n.source, n.raw_message.as_deref());
    n.known = v.known();
    n.outcome = v.outcome;
    n.category = v.outcome.category();
    n.actor = v.outcome.actor();
    n.retryable = v.outcome.retryable();
    n.action = v.action();
    n.message = v.message();
    n.params = v.params(n.raw_message.as_deref());
}

/// What the catalog says about a code in a source: its entry, if any, and the outcome.
#[derive(Clone, Copy)]
struct Verdict {
    entry: Option<&'static Entry>,
    outcome: AuthOutcome,
}

impl Verdict {
    fn of(rows: CodeRows, source: Source, msg: Option<&str>) -> Verdict {
        let entry = rows.find(source, msg);
        Verdict {
            entry,
            outcome: entry.map_or(AuthOutcome::Unknown, Entry::outcome),
        }
    }

    fn known(self) -> bool {
        self.entry.is_some()
    }

    fn action(self) -> crate::Action {
        self.entry.map_or(self.outcome.action(), Entry::action)
    }

    fn message(self) -> Option<Message> {
        self.entry.map(|e| Message {
            zh: e.message(crate::Lang::Zh),
            en: e.message(crate::Lang::En),
        })
    }

    /// The values filled into the entry's template, for an IDaaS message.
    fn params(self, msg: Option<&str>) -> Option<idaas::IdaasParams> {
        match (self.entry, msg) {
            (Some(e), Some(msg)) if e.source() == Source::Idaas => idaas::params(e, msg),
            _ => None,
        }
    }
}

/// Whether a cause says something: it, or a cause under it, is known with a real outcome.
fn informative(n: &Normalized<'_>) -> bool {
    let mut cur = Some(n);
    while let Some(c) = cur {
        if c.known && c.outcome != AuthOutcome::Unknown {
            return true;
        }
        cur = c.root_cause.as_deref();
    }
    false
}

/// Lets the node's outcome follow its root cause, when that is informative. A success never
/// explains a failure, so a successful cause under a known non-success is not followed.
fn follow(n: &mut Normalized<'_>) {
    let Some(cause) = n.root_cause.as_deref() else {
        return;
    };
    if !informative(cause)
        || (cause.category == Category::Success && n.known && n.category != Category::Success)
    {
        return;
    }
    n.outcome = cause.outcome;
    n.category = cause.category;
    n.actor = cause.actor;
    n.retryable = cause.retryable;
    n.action = cause.action;
}

fn deepest_carrier(n: &Normalized<'_>) -> Option<Carrier> {
    let mut found = None;
    let mut cur = n.root_cause.as_deref();
    while let Some(c) = cur {
        found = c.carrier.or(found);
        cur = c.root_cause.as_deref();
    }
    found
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

fn pns_for(platform: Option<Platform>) -> Source {
    match platform {
        Some(Platform::Web) => Source::PnsWeb,
        Some(Platform::Harmony) => Source::PnsHarmony,
        _ => Source::Pns,
    }
}

fn carrier_mark(marks: &Marks, code_key: CodeKey) -> Option<Source> {
    if marks.telecom || code_key == CodeKey::Result {
        Some(Source::Ctcc)
    } else if marks.unicom {
        Some(Source::Cucc)
    } else if marks.mobile {
        Some(Source::Cmcc)
    } else {
        None
    }
}

/// The source of a top-level code: what the keys say, among the sources that know the code;
/// the best-ranked of those; or, for a code known nowhere, a guess from the keys and its form.
fn detect(p: &Parts<'_>, rows: CodeRows, platform: Option<Platform>) -> Source {
    let code = p.code.as_ref();
    if starts_with_ci(code, "IDAAS.") {
        return Source::Idaas;
    }
    let knows = |s: &Source| rows.known_in(*s);
    let marks = &p.marks;
    let preferred = if marks.fusion {
        Some(Source::Fusion)
    } else if marks.pns {
        Some(pns_for(platform))
    } else if marks.token_data || (marks.data_text && p.msg.is_none()) {
        Some(Source::IdaasSdk)
    } else if let Some(c) = carrier_mark(marks, p.code_key) {
        Some(c)
    } else if marks.capital_code {
        Some(Source::Dypns)
    } else {
        None
    };
    if let Some(s) = preferred.filter(knows) {
        return s;
    }
    let platform_pns = pns_for(platform);
    if platform_pns != Source::Pns && knows(&platform_pns) {
        return platform_pns;
    }
    if let Some(first) = rows.entries().next() {
        return first.source();
    }
    preferred.unwrap_or_else(|| guess(code, platform))
}

/// A guess for a code no source knows, from its form.
fn guess(code: &str, platform: Option<Platform>) -> Source {
    let digits = code.bytes().all(|c| c.is_ascii_digit());
    if code.starts_with("isv.")
        || code.contains('.')
        || code.bytes().next().is_some_and(|c| c.is_ascii_alphabetic())
    {
        Source::Dypns
    } else if digits && code.len() == 7 && (code.starts_with("16") || code.starts_with("17")) {
        Source::Fusion
    } else if code.starts_with('-') {
        Source::Ctcc
    } else {
        pns_for(platform)
    }
}

/// The namespace of a code found underneath a callback: the carrier named by the vendor alias;
/// else the carrier that knows the code (the keys breaking ties); else PNS when only PNS knows
/// it (a one-tap code inside fusion); else a guess from the code's form.
fn inner_source(
    code: &str,
    rows: CodeRows,
    msg: Option<&str>,
    alias: Option<Carrier>,
    marks: &Marks,
    code_key: CodeKey,
) -> Source {
    if let Some(c) = alias {
        let s = c.source();
        if c == Carrier::Cucc
            && rows.find(s, msg).is_none()
            && rows.lookup(Source::CuccWeb).is_some()
        {
            return Source::CuccWeb;
        }
        return s;
    }
    let known = rows
        .entries()
        .map(Entry::source)
        .filter(|s| Carrier::from_source(*s).is_some());
    let preferred =
        carrier_mark(marks, code_key).or(matches!(code, "1" | "2").then_some(Source::Cucc));
    if let Some(s) = preferred.filter(|s| known.clone().any(|k| k == *s)) {
        return s;
    }
    if let Some(first) = known.clone().next() {
        return first;
    }
    if rows.lookup(Source::Pns).is_some() {
        return Source::Pns;
    }
    if let Some(s) = preferred {
        return s;
    }
    let b = code.as_bytes();
    if code.starts_with('-') {
        Source::Ctcc
    } else if b.len() == 6 && code.starts_with("41") {
        Source::Cucc
    } else if b.len() == 5 && code.starts_with('8') {
        Source::Ctcc
    } else {
        Source::Cmcc
    }
}

/// A cause found underneath (carrier data, or a message naming a code).
/// Takes the parts out of `p`, as [`resolve_top`] does.
///
/// Inlined into its one caller, so that the node is built in the caller's return slot: as a
/// call, its 192 bytes were written here and copied there.
#[inline(always)]
fn resolve_inner<'a>(p: &mut Parts<'a>, alias: Option<Carrier>, rows: CodeRows) -> Normalized<'a> {
    let source = inner_source(
        &p.code,
        rows,
        p.msg.as_deref(),
        alias.or(p.carrier),
        &p.marks,
        p.code_key,
    );
    let mut n = node(rows, source, std::mem::take(&mut p.code), p.msg.take());
    n.carrier = Carrier::from_source(source).or(alias);
    n.request_id = p.request_id.take();
    n.extra = std::mem::take(&mut p.extra);
    for (key, value) in [p.inner_code.take(), p.inner_msg.take()]
        .into_iter()
        .flatten()
    {
        n.extra.push((key, ExtraValue::Text(value)));
    }
    if let Some((key, val)) = p.carrier_data.take() {
        n.extra
            .push((key, super::extra::extra_value("", val, p.level)));
    }
    n
}

/// Turns a hard error into "no cause" in lenient mode, keeping the first error otherwise.
fn soften<T>(
    r: Result<Option<T>, ParseError>,
    err: &mut Option<ParseError>,
    strict: bool,
) -> Option<T> {
    match r {
        Ok(v) => v,
        Err(e @ ParseError::TooDeep { .. }) => {
            if strict && err.is_none() {
                *err = Some(e);
            }
            None
        }
        Err(_) => None,
    }
}

/// Whether the raw body of a JSON string can be scanned as it is, escapes and all: its only
/// escapes are `\"`, `\/` and `\uXXXX` (the scanner reads `\"`-quoted keys and values), so
/// the payload inside can borrow from the input instead of being unescaped into a copy.
/// Only flat objects qualify: the scanner skips nested brackets by plain quotes.
///
/// Counted without a branch per byte: backslashes come every few bytes in such text, and a
/// loop branching on each mispredicted on most of them.
fn scannable_escaped(raw: &str) -> bool {
    let b = raw.as_bytes();
    let pairs = b.iter().zip(b.iter().skip(1));
    let bad_escapes = pairs.fold(0u32, |bad, (&c, &next)| {
        let allowed = u32::from(next == b'"') | u32::from(next == b'/') | u32::from(next == b'u');
        bad + (u32::from(c == b'\\') & (allowed ^ 1))
    });
    let opening = b.iter().fold(0u32, |n, &c| {
        n + (u32::from(c == b'{') | u32::from(c == b'[') | u32::from(c == b'('))
    });
    bad_escapes == 0 && b.last() != Some(&b'\\') && opening == 1
}

/// The cause in carrier data (a JSON string or an object, or any other shape).
fn data_cause<'a>(
    val: &Val<'a>,
    alias: Option<Carrier>,
    level: usize,
) -> Result<Option<Box<Normalized<'a>>>, ParseError> {
    let ctx = Ctx::Inner { alias, bare: true };
    let r = match val {
        Val::Str(Cow::Borrowed(s)) => normalize_text(s, level + 1, &ctx),
        Val::Esc(raw) if raw.trim_start().starts_with('{') && scannable_escaped(raw) => {
            normalize_text(raw, level + 1, &ctx)
        }
        Val::Esc(raw) => {
            normalize_text(&scan::unescape(raw), level + 1, &ctx).map(Normalized::into_owned)
        }
        Val::Str(Cow::Owned(s)) => normalize_text(s, level + 1, &ctx).map(Normalized::into_owned),
        Val::Bare(s) | Val::Nested(s) => normalize_text(s, level, &ctx),
    };
    match r {
        Ok(n) => Ok(Some(Box::new(n))),
        Err(e @ ParseError::TooDeep { .. }) => Err(e),
        Err(_) => Ok(None),
    }
}

/// Whether a message may name a code (`vendorCode:103911`, `{"result":-8004}`): cheap check
/// before parsing it.
fn may_name_code(msg: &str) -> bool {
    msg.bytes().any(|c| c.is_ascii_digit()) && msg.bytes().any(|c| matches!(c, b':' | b'=' | b'{'))
        || msg.contains('：')
}

/// The cause named in a message (NFKC-normalised first), unless it is the node's own code.
fn message_cause<'a>(
    msg: &Cow<'a, str>,
    alias: Option<Carrier>,
    level: usize,
    own: &str,
) -> Result<Option<Box<Normalized<'a>>>, ParseError> {
    if !may_name_code(msg) {
        return Ok(None);
    }
    let ctx = Ctx::Inner { alias, bare: false };
    let r = match msg {
        Cow::Borrowed(s) => match nfkc(s) {
            Cow::Borrowed(n) => normalize_text(n, level + 1, &ctx),
            Cow::Owned(n) => normalize_text(&n, level + 1, &ctx).map(Normalized::into_owned),
        },
        Cow::Owned(s) => normalize_text(&nfkc(s), level + 1, &ctx).map(Normalized::into_owned),
    };
    match r {
        Ok(n) if n.code != own => Ok(Some(Box::new(n))),
        Ok(_) => Ok(None),
        Err(e @ ParseError::TooDeep { .. }) => Err(e),
        Err(_) => Ok(None),
    }
}

/// Fusion's one-tap inner code (`1600011` = PNS `600011` + 1000000): the fusion entry, or the
/// PNS entry for a code the fusion table lacks. `None` when it is not a fusion code at all.
fn fusion_inner<'a>(code: &Cow<'a, str>, msg: Option<Cow<'a, str>>) -> Option<Normalized<'a>> {
    let rows = CodeRows::of(code);
    if rows.lookup(Source::Fusion).is_some() {
        return Some(node(rows, Source::Fusion, code.clone(), msg));
    }
    let n: u32 = code.parse().ok()?;
    if !(1_600_000..1_800_000).contains(&n) {
        return None;
    }
    let pns = (n - 1_000_000).to_string();
    let pns_rows = CodeRows::of(&pns);
    if pns_rows.lookup(Source::Pns).is_some() {
        Some(node(pns_rows, Source::Pns, Cow::Owned(pns), msg))
    } else {
        Some(node(rows, Source::Fusion, code.clone(), msg))
    }
}

/// Where a cause came from, to know which fields it used up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Data,
    Inner,
    /// The inner code, and carrier data giving the same code (or nested under it).
    InnerAndData,
    Message,
}

/// The best cause offered so far: the first informative one, else the first at all.
#[derive(Default)]
struct Best<'a> {
    origin: Option<Origin>,
    cause: Option<Box<Normalized<'a>>>,
}

impl<'a> Best<'a> {
    fn offer(&mut self, origin: Origin, cause: Option<Box<Normalized<'a>>>) {
        let Some(cause) = cause else { return };
        if self
            .cause
            .as_ref()
            .is_none_or(|cur| !informative(cur) && informative(&cause))
        {
            self.origin = Some(origin);
            self.cause = Some(cause);
        }
    }

    fn settled(&self) -> bool {
        self.cause.as_deref().is_some_and(informative)
    }
}

/// Resolves a top-level callback. In strict mode, fails with the first hard error (nesting too
/// deep) met while decoding causes; in lenient mode, always succeeds.
///
/// Takes the parts out of `p` (passed by reference: moved as a whole, its 288 bytes were copied).
pub(crate) fn resolve_top<'a>(
    p: &mut Parts<'a>,
    hint: Hint,
    strict: bool,
) -> Result<Normalized<'a>, ParseError> {
    let rows = CodeRows::of(&p.code);
    let source = hint
        .source
        .unwrap_or_else(|| detect(p, rows, hint.platform));
    let code = std::mem::take(&mut p.code);
    let msg = p.msg.take();
    let inner_code = p.inner_code.take();
    let inner_msg = p.inner_msg.take();
    let carrier_data = p.carrier_data.take();
    let carrier = p.carrier;
    let request_id = p.request_id.take();
    let data_text = p.data_text.take();
    let extra = std::mem::take(&mut p.extra);
    let level = p.level;
    // The IDaaS SDK's failure callback describes the failure in `data`: that is its message.
    let data_is_message = msg.is_none() && source == Source::IdaasSdk && data_text.is_some();
    let msg = if data_is_message { data_text } else { msg };
    let mut n = node(rows, source, code, msg);
    n.request_id = request_id;
    n.extra = extra;
    if data_is_message {
        n.extra
            .retain(|(k, v)| !(k.eq_ignore_ascii_case("data") && matches!(v, ExtraValue::Text(_))));
    }
    let mut err = None;
    let app = matches!(
        source,
        Source::Pns | Source::PnsWeb | Source::PnsHarmony | Source::Fusion | Source::IdaasSdk
    );

    let inner_text = inner_msg.as_ref().map(|(_, m)| m.clone());
    let mut origin = None;
    if app {
        let from_data = match &carrier_data {
            Some((_, val)) => soften(data_cause(val, carrier, level), &mut err, strict),
            None => None,
        };
        let mut from_data = from_data.filter(|c| c.code != n.code);
        // iOS gives the carrier's code twice (innerCode and the data), the message only once.
        let mut merged = false;
        if let (Some(c), Some((_, ic))) = (from_data.as_mut(), &inner_code) {
            if c.code == *ic {
                merged = true;
                if c.raw_message.is_none() && inner_text.is_some() {
                    c.raw_message = inner_text.clone();
                    classify(c, CodeRows::of(&c.code));
                }
            }
        }
        let one_tap = match (&inner_code, source) {
            (Some((_, ic)), Source::Fusion) => fusion_inner(ic, inner_text.clone()),
            _ => None,
        };
        let cause = if let Some(mut one_tap) = one_tap {
            let mut best = Best::default();
            best.offer(Origin::Data, from_data);
            if !best.settled() {
                let named = inner_text
                    .as_ref()
                    .map(|m| message_cause(m, carrier, level, &one_tap.code));
                best.offer(
                    Origin::Message,
                    named.and_then(|r| soften(r, &mut err, strict)),
                );
            }
            let below = best.cause;
            origin = Some(match best.origin {
                Some(Origin::Data) => Origin::InnerAndData,
                _ => Origin::Inner,
            });
            one_tap.root_cause = below;
            one_tap.carrier = deepest_carrier(&one_tap);
            follow(&mut one_tap);
            Some(Box::new(one_tap))
        } else {
            let from_inner = inner_code
                .as_ref()
                .filter(|(_, ic)| {
                    *ic != n.code && !(merged && from_data.as_deref().is_some_and(informative))
                })
                .map(|(_, ic)| {
                    let rows = CodeRows::of(ic);
                    let s = inner_source(
                        ic,
                        rows,
                        inner_text.as_deref(),
                        carrier,
                        &Marks::default(),
                        CodeKey::Named,
                    );
                    let mut c = node(rows, s, ic.clone(), inner_text.clone());
                    c.carrier = Carrier::from_source(s).or(carrier);
                    Box::new(c)
                });
            let data_origin = if merged {
                Origin::InnerAndData
            } else {
                Origin::Data
            };
            let mut best = Best::default();
            best.offer(data_origin, from_data);
            best.offer(Origin::Inner, from_inner);
            for m in [inner_text.as_ref(), n.raw_message.as_ref()]
                .into_iter()
                .flatten()
            {
                if !best.settled() {
                    best.offer(
                        Origin::Message,
                        soften(message_cause(m, carrier, level, &n.code), &mut err, strict),
                    );
                }
            }
            origin = best.origin;
            best.cause
        };
        n.root_cause = cause;
    }
    let data_used = matches!(origin, Some(Origin::Data | Origin::InnerAndData));
    let inner_used = matches!(origin, Some(Origin::Inner | Origin::InnerAndData));
    // What was not used for a cause stays with the payload.
    if let Some((key, val)) = carrier_data.filter(|_| !data_used) {
        let value = super::extra::extra_value(&key, val, level);
        n.extra.push((key, value));
    }
    if !inner_used {
        for (key, value) in [inner_code, inner_msg].into_iter().flatten() {
            n.extra.push((key, ExtraValue::Text(value)));
        }
    } else if n
        .root_cause
        .as_ref()
        .is_some_and(|c| c.raw_message.is_none())
    {
        if let Some((key, value)) = inner_msg {
            n.extra.push((key, ExtraValue::Text(value)));
        }
    }
    follow(&mut n);
    n.carrier = carrier
        .or_else(|| deepest_carrier(&n))
        .or_else(|| Carrier::from_source(source));
    // Returned as the `Result` callers pass on, so that the node is built in place rather than
    // copied out of a tuple (192 bytes, on every call).
    match err {
        Some(e) => Err(e),
        None => Ok(n),
    }
}

/// Normalises a typed callback.
pub(crate) fn from_callback<'a>(cb: &Callback<'a>, hint: Hint) -> Normalized<'a> {
    let present = |s: Option<&'a str>| s.map(str::trim).filter(|s| !s.is_empty());
    let mut p = Parts::new(Cow::Borrowed(cb.code.trim()), CodeKey::Named, 0);
    p.msg = cb.msg.filter(|m| !m.trim().is_empty()).map(Cow::Borrowed);
    p.request_id = present(cb.request_id).map(Cow::Borrowed);
    if let Some(ic) = present(cb.inner_code) {
        let fusion = ic.len() == 7 && (ic.starts_with("16") || ic.starts_with("17"));
        p.marks.fusion |= fusion;
        p.marks.pns |= !fusion;
        p.inner_code = Some((Cow::Borrowed("innerCode"), Cow::Borrowed(ic)));
    }
    p.inner_msg = cb
        .inner_msg
        .filter(|m| !m.trim().is_empty())
        .map(|m| (Cow::Borrowed("innerMsg"), Cow::Borrowed(m)));
    if let Some(data) = present(cb.carrier_data) {
        p.marks.pns = true;
        p.carrier_data = Some((
            Cow::Borrowed("carrierFailedResultData"),
            Val::Str(Cow::Borrowed(data)),
        ));
    }
    if let Some(vendor) = present(cb.vendor_name) {
        p.marks.pns = true;
        p.carrier = Carrier::from_alias(vendor);
        if p.carrier.is_none() {
            p.extra.push((
                Cow::Borrowed("vendorName"),
                ExtraValue::Text(Cow::Borrowed(vendor)),
            ));
        }
    }
    // Lenient mode drops the errors met on the way, so this is always `Ok`; were it not, the
    // code alone would still be classified.
    let code = p.code.clone();
    resolve_top(&mut p, hint, false).unwrap_or_else(|_| {
        let source = hint.source.unwrap_or_else(|| pns_for(hint.platform));
        node(CodeRows::of(&code), source, code, None)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The check as first written, a byte at a time: the reference for the branch-free one.
    fn scannable_escaped_bytewise(raw: &str) -> bool {
        let b = raw.as_bytes();
        let mut opening = 0;
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'\\' if !matches!(b.get(i + 1), Some(b'"' | b'/' | b'u')) => return false,
                b'{' | b'[' | b'(' => opening += 1,
                _ => {}
            }
        }
        opening == 1
    }

    #[test]
    fn scannable_escaped_examples() {
        assert!(scannable_escaped(
            r#"{\"resultCode\":\"103119\",\"desc\":\"a\/b\u4e0d\"}"#
        ));
        assert!(!scannable_escaped(r#"{\"a\":\"line\nbreak\"}"#));
        assert!(!scannable_escaped(r#"{\"a\":{\"b\":1}}"#));
        assert!(!scannable_escaped(r#"{\"a\":1}\"#));
        assert!(!scannable_escaped(r#"\"a\":1"#));
    }

    proptest! {
        #[test]
        fn scannable_escaped_agrees_with_the_bytewise_check(raw in "[\\\\\"/u{\\[(a}]{0,40}") {
            prop_assert_eq!(scannable_escaped(&raw), scannable_escaped_bytewise(&raw));
        }
    }
}
