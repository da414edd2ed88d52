//! From a scanned text to the parts of a callback: which field is the code, the message, the
//! inner code, the carrier data...; what the keys say about the source; everything else kept.

use std::borrow::Cow;

use super::extra::{kept_value, Extra};
use super::keys::{role, KeyRole, Role, NO_ROLE};
use super::scan::{self, Field, Fields, Val};
use super::secret::{is_token_text, secret_kind};
use super::{pattern, Carrier, ParseError, Shape};
use crate::Source;

mod ns_error;
mod patterns;
mod values;
use ns_error::from_ns_error;
use patterns::{carrier_data_key, details_after_code, from_patterns, sub_str};
use values::{code_of, code_token, has_text};
pub(crate) use values::{is_fusion_inner, sub, text_of};

/// How the code was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeKey {
    /// `code`, `resultCode`, `error_code`, `retCode`... (or a typed callback's code).
    Named,
    /// `result` (China Telecom's key).
    Result,
    /// An inner-code field standing in for a missing code (`vendorCode: 103911`).
    Inner,
    /// A `key: value` pattern in text.
    Pattern,
    /// The whole text is a code.
    Bare,
}

/// What the keys present say about the source.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Marks {
    /// `templateId`, `nodeId`, or a `16000xx`/`17000xx` inner code: fusion auth.
    pub(crate) fusion: bool,
    /// `carrierFailedResultData`, `vendorName`, `requestCode`: the PNS SDK.
    pub(crate) pns: bool,
    /// An inner code that is no one-tap code: the PNS SDK's, in its own callbacks.
    pub(crate) pns_inner: bool,
    /// `seq`, `resultMsg`: China Unicom.
    pub(crate) unicom: bool,
    /// `reqId`: China Telecom.
    pub(crate) telecom: bool,
    /// `desc`, `authType`, `traceId`, `openId`: China Mobile.
    pub(crate) mobile: bool,
    /// `data` holding tokens: the IDaaS SDK's login callback.
    pub(crate) token_data: bool,
    /// `data` is a string (the IDaaS SDK's failure description).
    pub(crate) data_text: bool,
    /// A capitalised `Code` key (Dypnsapi responses).
    pub(crate) capital_code: bool,
    /// A key that only another vendor's payloads use (`gyuid`: Getui).
    pub(crate) vendor: Option<Source>,
    /// The text of an Alibaba Cloud Tea SDK exception (`TeaException: code: 400, ...`): a
    /// server API's answer, whatever the code.
    pub(crate) tea: bool,
}

impl Marks {
    /// Notes the source a key points at (`marks:` in `data/sources.yaml`).
    fn mark(&mut self, source: Option<Source>) {
        match source {
            None => {}
            Some(Source::Pns) => self.pns = true,
            Some(Source::Fusion) => self.fusion = true,
            Some(Source::Cucc) => self.unicom = true,
            Some(Source::Ctcc) => self.telecom = true,
            Some(Source::Cmcc) => self.mobile = true,
            // A server's key (JVerification's `exID`) says more than an app SDK's key that its
            // answers share (`content`): in any order, it is not overridden.
            Some(other) if self.vendor.is_none_or(Source::is_app) => self.vendor = Some(other),
            Some(_) => {}
        }
    }

    /// Notes what an inner code says: a one-tap code (seven digits from 16 or 17) is fusion
    /// auth's, any other is the PNS SDK's carrier code unless a key of another vendor's says
    /// otherwise ([`Marks::pns_inner`]).
    pub(crate) fn inner_code(&mut self, code: &str) {
        if is_fusion_inner(code) {
            self.fusion = true;
        } else {
            self.pns_inner = true;
        }
    }

    /// Whether the keys say PNS: one of its own keys, or an inner code where no key of
    /// another vendor's is (Shanyan's `innerCode` comes with its `innerDesc`).
    pub(crate) fn says_pns(&self) -> bool {
        self.pns || (self.pns_inner && self.vendor.is_none())
    }
}

/// A field taken out of the payload under its own key.
pub(crate) type Keyed<'a, T> = (Cow<'a, str>, T);

/// The parts of one callback.
#[derive(Debug)]
pub(crate) struct Parts<'a> {
    pub(crate) code: Cow<'a, str>,
    pub(crate) code_key: CodeKey,
    pub(crate) msg: Option<Cow<'a, str>>,
    pub(crate) inner_code: Option<Keyed<'a, Cow<'a, str>>>,
    pub(crate) inner_msg: Option<Keyed<'a, Cow<'a, str>>>,
    pub(crate) carrier_data: Option<Keyed<'a, Val<'a>>>,
    pub(crate) carrier: Option<Carrier>,
    pub(crate) request_id: Option<Cow<'a, str>>,
    pub(crate) data_text: Option<Cow<'a, str>>,
    pub(crate) marks: Marks,
    pub(crate) extra: Extra<'a>,
    /// The nesting level of the object the fields came from (0 for text).
    pub(crate) level: usize,
}

impl<'a> Parts<'a> {
    pub(crate) fn new(code: Cow<'a, str>, code_key: CodeKey, level: usize) -> Self {
        Parts {
            code,
            code_key,
            msg: None,
            inner_code: None,
            inner_msg: None,
            carrier_data: None,
            carrier: None,
            request_id: None,
            data_text: None,
            marks: Marks::default(),
            extra: Extra::new(),
            level,
        }
    }
}

/// A code field: (rank, index, code, text glued after it, numeric-only key).
type CodeField<'a> = (u8, usize, Cow<'a, str>, Option<Cow<'a, str>>, bool);

/// The fields that win their role in one object: the code (rank, index, code, text glued
/// after it, numeric-only key), the inner code, the message and the request id.
struct Picked<'a> {
    code: Option<CodeField<'a>>,
    inner: Option<(usize, Cow<'a, str>)>,
    msg: Option<(u8, usize)>,
    request: Option<(u8, usize)>,
}

/// Which field wins each ranked role (lowest rank; the first among equals).
#[inline(always)]
fn pick<'a>(fields: &[Field<'a>], roles: &[KeyRole]) -> Picked<'a> {
    let mut p = Picked {
        code: None,
        inner: None,
        msg: None,
        request: None,
    };
    for (i, (field, r)) in fields.iter().zip(roles).enumerate() {
        match r.role {
            Role::Code(rank, numeric) if p.code.as_ref().is_none_or(|c| rank < c.0) => {
                if let Some((c, rest)) = code_of(&field.val, numeric) {
                    if !is_vendor_name(&c) {
                        p.code = Some((rank, i, c, rest, numeric));
                    }
                }
            }
            Role::InnerCode if p.inner.is_none() => {
                p.inner = code_of(&field.val, false).map(|(c, _)| (i, c))
            }
            Role::Msg(rank) if p.msg.is_none_or(|m| rank < m.0) && has_text(&field.val) => {
                p.msg = Some((rank, i))
            }
            Role::RequestId(rank)
                if p.request.is_none_or(|m| rank < m.0) && has_text(&field.val) =>
            {
                p.request = Some((rank, i));
            }
            _ => {}
        }
    }
    p
}

/// Whether a code field holds a PNS vendor name (`cm_zyhl`, `cu_xw`, `ct_sjl`): no code.
/// react-native-ali-onepass rejects a failed pre-fetch with the vendor as the error's code and
/// the SDK's callback as its message (`promise.reject(vendor, ret)`), where the code is.
fn is_vendor_name(code: &str) -> bool {
    code.len() > 3 && matches!(code.as_bytes().get(..3), Some(b"cm_" | b"cu_" | b"ct_"))
}

/// The parts of an object's fields into `out` (the fields taken out), if one of them is a code,
/// or the text `before` the object names the code they are the details of; else `false`, with
/// the fields and `out` left as they were. `level` is the object's level.
fn from_fields<'a>(
    fields: &mut Fields<'a>,
    level: usize,
    before: &'a str,
    out: &mut Parts<'a>,
) -> bool {
    // Each key's role, computed once: on the stack for callbacks of up to 12 fields (Android's
    // has 6; a longer array cost more to fill than it saved).
    let mut stack = [NO_ROLE; 12];
    let heap: Vec<KeyRole>;
    let roles: &[KeyRole] = if fields.len() <= stack.len() {
        for (slot, field) in stack.iter_mut().zip(fields.iter()) {
            *slot = role(&field.key);
        }
        stack.get(..fields.len()).unwrap_or_default()
    } else {
        heap = fields.iter().map(|f| role(&f.key)).collect();
        &heap
    };
    let picked = pick(fields, roles);
    if picked.code.is_none() && details_after_code(before, fields, roles, &picked, level, out) {
        return true;
    }
    let Picked {
        code,
        inner,
        msg,
        request,
    } = picked;
    let (code_index, code_text, glued, code_key) = match (code, &inner) {
        // Only China Telecom's `result` is a numeric-only code key.
        (Some((_, i, c, rest, numeric)), _) => (
            Some(i),
            c,
            rest,
            if numeric {
                CodeKey::Result
            } else {
                CodeKey::Named
            },
        ),
        (None, Some((_, c))) => (None, c.clone(), None, CodeKey::Inner),
        (None, None) => return false,
    };
    // The inner code either stands in for the code (promoted) or stays the inner code.
    let inner_at = inner.as_ref().map(|(i, _)| *i);
    let (inner_index, promoted_inner) = match code_key {
        CodeKey::Inner => (None, inner_at),
        _ => (inner_at, None),
    };

    let at = Indices {
        code: code_index,
        promoted_inner,
        inner: inner_index,
        msg: msg.map(|m| m.1),
        request: request.map(|m| m.1),
    };
    fill(fields, roles, &at, (code_text, code_key, glued), level, out);
    true
}

/// The IDaaS SDK's `data`: tokens (a login callback) or a text (the failure's description).
fn data_field<'a>(val: &Val<'a>, parts: &mut Parts<'a>) {
    match val {
        Val::Str(s) if scan::trim_start(s).starts_with('{') => {
            parts.marks.token_data |= super::secret::is_secret_key(s)
        }
        Val::Esc(s) | Val::Nested(s) if scan::trim_start(s).starts_with(['{', '[']) => {
            parts.marks.token_data |= super::secret::is_secret_key(s);
        }
        Val::Str(_) | Val::Esc(_) => {
            parts.marks.data_text = true;
            parts.data_text = text_of(val.clone());
        }
        Val::Nested(_) | Val::Bare(_) => {}
    }
}

/// The secret kind a kept field's value is redacted as: a key with a role names no secret
/// (held as the crate builds), so only the value is checked, and a `data` text that is a token
/// is one; any other key's own kind.
pub(super) fn kept_kind(r: &KeyRole, key: &str, val: &Val<'_>) -> Option<&'static str> {
    if *r == NO_ROLE {
        secret_kind(key)
    } else {
        (r.role == Role::Data && is_token_text(val)).then_some("token")
    }
}

/// Where the winning fields are in an object.
struct Indices {
    code: Option<usize>,
    /// The inner code standing in for a missing code.
    promoted_inner: Option<usize>,
    inner: Option<usize>,
    msg: Option<usize>,
    request: Option<usize>,
}

/// Fills `out` from an object's fields: the code (with its key kind and any message glued to
/// it), the winners of each role, source marks, and everything else kept in `extra`.
#[inline(always)]
fn fill<'a>(
    fields: &mut Fields<'a>,
    roles: &[KeyRole],
    at: &Indices,
    (code_text, code_key, glued): (Cow<'a, str>, CodeKey, Option<Cow<'a, str>>),
    level: usize,
    out: &mut Parts<'a>,
) {
    // Set field by field: `out` is fresh, and replacing it whole meant dropping the old value
    // and writing all 288 bytes again.
    let parts = out;
    parts.code = code_text;
    parts.code_key = code_key;
    parts.level = level;
    for r in roles {
        parts.marks.mark(r.marks);
    }
    for (i, (field, r)) in fields.drain(..).zip(roles).enumerate() {
        if Some(i) == at.code || Some(i) == at.promoted_inner {
            parts.marks.capital_code |= field.key == "Code";
            continue;
        }
        if Some(i) == at.msg {
            parts.msg = text_of(field.val);
            continue;
        }
        if Some(i) == at.request {
            // An id has no blanks: any around it are the print's, not the id's.
            parts.request_id = text_of(field.val).map(|t| {
                let start = t.len() - t.trim_ascii_start().len();
                sub(&t, start..t.trim_ascii_end().len())
            });
            continue;
        }
        match r.role {
            Role::InnerCode if Some(i) == at.inner => {
                if let Some((c, _)) = code_of(&field.val, false) {
                    parts.marks.inner_code(&c);
                    parts.inner_code = Some((field.key, c));
                    continue;
                }
            }
            Role::InnerMsg if parts.inner_msg.is_none() => {
                if let Some(t) = text_of(field.val.clone()) {
                    // Where the inner code stands in for a missing code, its message stands in
                    // for a missing message (`{"innerCode":"410002","innerMsg":"code:1105…"}`
                    // in an app callback's carrier data).
                    match at.promoted_inner.is_some() && at.msg.is_none() && parts.msg.is_none() {
                        true => parts.msg = Some(t),
                        false => parts.inner_msg = Some((field.key, t)),
                    }
                    continue;
                }
            }
            Role::CarrierData if parts.carrier_data.is_none() && has_text(&field.val) => {
                parts.carrier_data = Some((field.key, field.val));
                continue;
            }
            Role::Vendor(_) if parts.carrier.is_none() => {
                let named = |t: Cow<'a, str>| {
                    Carrier::from_alias(&t).or_else(|| super::keys::carrier_value(r.role, &t))
                };
                if let Some(c) = text_of(field.val.clone()).and_then(named) {
                    parts.carrier = Some(c);
                    continue;
                }
            }
            Role::Data => data_field(&field.val, parts),
            _ => {}
        }
        let value = kept_value(kept_kind(r, &field.key, &field.val), field.val, level);
        parts.extra.push((field.key, value));
    }
    // `code:1105msg:参数信息错误`: a message glued to the code.
    if parts.msg.is_none() {
        if let Some(rest) = glued {
            parts.msg = pattern::message(&rest).map(|r| sub(&rest, r));
        }
    }
}

/// Where the next object of a text opens: a `{`, the `[` of a Swift dictionary print, or the
/// `(` of a Kotlin data class print (`TokenRet(code=600011, msg=...)`), whichever comes first
/// from `from`.
fn next_open(t: &str, from: usize) -> Option<usize> {
    let b = t.as_bytes();
    // Most payloads are an object from their first byte: no search.
    if b.get(from) == Some(&b'{') {
        return Some(from);
    }
    // One pass for both: a Java `toString` opens with `Name(key=`, and only a `(` before the
    // first brace can open it.
    let mut at = from;
    while let Some(p) = scan::find_open(b, at) {
        let opens = b.get(p) != Some(&b'(')
            || p > from && b.get(p - 1).is_some_and(u8::is_ascii_alphanumeric) && {
                let len = scan::ident_len(b, p + 1);
                len > 0 && b.get(p + 1 + len) == Some(&b'=')
            };
        if opens {
            return Some(p);
        }
        at = p + 1;
    }
    None
}

/// A log envelope: a JSON log line whose fields name no code, one of them holding the callback
/// as text (`{"level":"ERROR","message":"onTokenFailed: {\"code\":…}"}`), which [`parse_parts`]
/// reads only where it opens the field and is escaped once.
pub(crate) struct Envelope<'a> {
    /// The string fields that hold an object (or a Swift dictionary print) somewhere: at most
    /// four, in order.
    pub(crate) payloads: [Option<Val<'a>>; 4],
    /// The line's own request id field (`requestId`, `reqId`, …).
    pub(crate) request_id: Option<Cow<'a, str>>,
}

/// The envelope that is the object opening at `open` in `t`; empty when no object opens there
/// or it cannot be read.
pub(crate) fn envelope<'a>(t: &'a str, open: usize, level: usize) -> Envelope<'a> {
    let mut env = Envelope {
        payloads: [const { None }; 4],
        request_id: None,
    };
    let mut fields = Fields::new();
    if t.as_bytes().get(open) != Some(&b'{') || scan::object(t, open, level, &mut fields).is_err() {
        return env;
    }
    let mut slots = env.payloads.iter_mut();
    let mut rank = u8::MAX;
    for f in fields {
        match (role(&f.key).role, f.val) {
            (_, v @ (Val::Esc(s) | Val::Str(Cow::Borrowed(s))))
                if scan::find_map(s.as_bytes(), 0).is_some() =>
            {
                if let Some(slot) = slots.next() {
                    *slot = Some(v);
                }
            }
            (Role::RequestId(r), v) if r < rank && has_text(&v) => {
                rank = r;
                env.request_id = text_of(v);
            }
            _ => {}
        }
    }
    env
}

fn nested_objects<'a>(fields: &[Field<'a>]) -> [Option<Val<'a>>; 4] {
    let mut found = [const { None }; 4];
    // Only what looks like an object; whether an escaped one can be read is checked when it is
    // needed (the object had no code of its own), not for every callback.
    let candidates = fields.iter().filter_map(|f| match &f.val {
        Val::Nested(s) if scan::opens_map(s) => Some(Val::Nested(s)),
        Val::Esc(s) if scan::trim_start(s).starts_with('{') => Some(Val::Esc(s)),
        Val::Str(Cow::Borrowed(s)) if scan::trim_start(s).starts_with('{') => Some(Val::Nested(s)),
        _ => None,
    });
    for (slot, s) in found.iter_mut().zip(candidates) {
        *slot = Some(s);
    }
    found
}

/// The fields of an object that holds the callback in one of its values, that one aside, kept
/// in `extra` as the callback's own are: the PNS monitor upload's client block beside it
/// (`{"u":{…},"c":{"sdkVersion":…}}`, whose versions count for advice), a log line's `level`.
/// They were dropped (a red-team find). `level` is the object's.
fn keep_siblings<'a>(fields: &mut Fields<'a>, inner: &str, level: usize, out: &mut Parts<'a>) {
    for field in fields.drain(..) {
        let holds = match &field.val {
            Val::Nested(s) | Val::Esc(s) | Val::Str(Cow::Borrowed(s)) => {
                s.as_ptr() == inner.as_ptr()
            }
            _ => false,
        };
        if !holds {
            let kind = kept_kind(&role(&field.key), &field.key, &field.val);
            out.extra
                .push((field.key, kept_value(kind, field.val, level)));
        }
    }
}

/// The parts of a text of any shape, trimmed (not a JSON string: the caller unwraps those).
/// Objects are looked for from `from` (no `{` or `(` comes before it; 0 when the caller does
/// not know). `level` is the nesting level of what holds the text. `bare`: a text that is only
/// a code counts. The parts are written to `out`, which must be fresh (as [`Parts::new`] makes
/// it): they are filled in place, being too large to move around cheaply on every call.
pub(crate) fn parse_parts<'a>(
    t: &'a str,
    from: usize,
    level: usize,
    bare: bool,
    out: &mut Parts<'a>,
) -> Result<(), ParseError> {
    if t.is_empty() {
        return Err(ParseError::Empty);
    }
    // An `NSError`'s print: its `UserInfo` object is the error's details, not a callback.
    if t.as_bytes().first() != Some(&b'{') {
        if let Some(e) = pattern::ns_error(t) {
            from_ns_error(t, e, level, out);
            return match out.code.is_empty() {
                false => Ok(()),
                true => Err(ParseError::NoCode { shape: Shape::Text }),
            };
        }
    }
    let mut shape = None;
    let mut from = from;
    let mut fields = Fields::new();
    // Each object at the top of the text, in order (log text may hold other braces first).
    for _ in 0..64 {
        let Some(open) = next_open(t, from) else {
            break;
        };
        let obj = scan::object(t, open, level, &mut fields)?;
        shape.get_or_insert(obj.style.shape());
        // A callback's carrier data written after its code in log text (`code=600011 msg=…
        // carrierFailedResultData={…}`): the text before its key names the callback.
        if let Some((key, at)) = (open > 0).then(|| carrier_data_key(t, open)).flatten() {
            let before = t.get(..at).unwrap_or_default();
            if from_patterns(before, level, out).is_some() {
                out.marks.mark(role(key).marks);
                out.carrier_data =
                    Some((Cow::Borrowed(key), Val::Nested(sub_str(t, open, obj.end))));
                return Ok(());
            }
        }
        if from_fields(&mut fields, level + 1, sub_str(t, 0, open), out) {
            return Ok(());
        }
        // Looked for only now: most objects have a code.
        let nested = nested_objects(&fields);
        // No code of its own: a callback held in one of its values is the result
        // (`{msg: ..., code: {"code":"600012",...}}`, `{"u":{...,"failRet":"{...}"}}`).
        let readable = |v: Val<'a>| match v {
            Val::Esc(s) => scan::scannable_escaped(s).then_some(s),
            Val::Nested(s) => Some(s),
            _ => None,
        };
        for inner in nested.into_iter().flatten().filter_map(readable) {
            if parse_parts(inner, 0, level + 1, false, out).is_ok()
                && out.code_key != CodeKey::Pattern
            {
                keep_siblings(&mut fields, inner, level + 1, out);
                return Ok(());
            }
            *out = Parts::new(Cow::Borrowed(""), CodeKey::Bare, level);
        }
        from = obj.end; // past `open`: the next object is looked for after this one
    }
    if from_patterns(t, level, out).is_some() {
        return Ok(());
    }
    if bare {
        if let Some((range, None)) = code_token(t, false) {
            let code = t.get(range).unwrap_or_default();
            if code.bytes().all(|c| c.is_ascii_digit() || c == b'-') || code.contains('.') {
                *out = Parts::new(Cow::Borrowed(code), CodeKey::Bare, level);
                return Ok(());
            }
        }
    }
    Err(ParseError::NoCode {
        shape: shape.unwrap_or(Shape::Text),
    })
}

#[cfg(test)]
mod tests;
