//! From the parts of a callback to a [`Normalized`]: the source, the catalog entry, the root
//! cause (carrier data, inner codes, codes named in messages) and the carrier.
//!
//! `detect` answers "which namespace", `node` "what the catalog says", `cause` "what lies
//! underneath", `top` puts a callback together.

mod cause;
mod detect;
mod node;
mod top;

use std::borrow::Cow;

use super::extra::{Extra, ExtraValue};
use super::fields::{self, CodeKey, Keyed, Marks, Parts};
use super::scan::{self, Val};
use super::secret;
use super::{
    idaas, Callback, Carrier, Detail, Hint, Message, Normalized, ParseError, Shape, MAX_DEPTH,
};
use crate::catalog::{nfkc, CodeRows};
use crate::{AuthOutcome, Category, Entry, Platform, Source};

use cause::*;
use detect::*;
use node::*;
pub(crate) use top::{from_callback, resolve_top};

/// Whose namespace a text is resolved in.
pub(crate) enum Ctx {
    /// The callback itself.
    Top(Hint),
    /// A cause underneath: carrier data or a message naming a code. `bare`: a text that is only
    /// a code counts (carrier data, not messages). `parent`: the namespace of the code above.
    Inner {
        alias: Option<Carrier>,
        bare: bool,
        parent: Source,
    },
    /// A vendor server's answer found in carrier data ([`Source::server`]): read in that
    /// namespace alone, never a carrier's.
    Server(Source),
}

/// Where the fields' search for objects starts, and the first object past the first byte (a
/// `{`, or a Swift dictionary's `[`: the braces inside it are its values): one search for both
/// (most payloads are an object from the first byte: no search). A `(` first may open a Kotlin
/// print, which the fields' search checks itself.
#[inline(always)]
fn first_open(b: &[u8]) -> (usize, Option<usize>) {
    match b.first() {
        Some(b'{') => (0, None),
        _ => match scan::find_open(b, 0) {
            Some(p) if b.get(p) == Some(&b'(') => (0, scan::find_map(b, p)),
            Some(p) => (p, Some(p)),
            None => (b.len(), None),
        },
    }
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
    let t = scan::trim(text);
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
    // Alibaba Cloud's XML responses: read as the JSON object of the same elements, at the same
    // level (the same payload, written another way; `to_json` bounds its own depth).
    if t.starts_with('<') {
        if let Some(json) = super::xml::to_json(t) {
            return match normalize_text(&json, level, ctx) {
                Ok(n) => Ok(n.into_owned()),
                Err(ParseError::NoCode { .. }) => Err(ParseError::NoCode { shape: Shape::Xml }),
                Err(e) => Err(e),
            };
        }
    }
    let b = t.as_bytes();
    let (from, first_brace) = first_open(b);
    // Log text around a JSON string: `onTokenFailed: "{\"code\":\"600011\"...}"`.
    let quote_before = |o: usize| o.checked_sub(1).filter(|&q| b.get(q) == Some(&b'"'));
    if let Some(quote) = first_brace
        .and_then(quote_before)
        .filter(|_| t.contains("\\\""))
    {
        let (inner, _) = scan::quoted(t, quote);
        if let Cow::Owned(s) = inner {
            match normalize_text(&s, level + 1, ctx) {
                Ok(n) => return Ok(n.into_owned()),
                Err(e @ ParseError::TooDeep { .. }) => return Err(e),
                Err(_) => {}
            }
        }
    }
    let bare = match ctx {
        Ctx::Top(_) | Ctx::Server(_) => true,
        Ctx::Inner { bare, .. } => *bare,
    };
    let mut parts = Parts::new(Cow::Borrowed(""), CodeKey::Bare, level);
    let parsed = fields::parse_parts(t, from, level, bare, &mut parts);
    // No code in the object's own fields: it may be a log line around the callback.
    let pattern_only = parsed.is_ok() && parts.code_key == CodeKey::Pattern;
    if level < ENVELOPE_LEVELS && (pattern_only || matches!(parsed, Err(ParseError::NoCode { .. })))
    {
        let same_code = pattern_only.then_some(parts.code.as_ref());
        if let Some(n) = enveloped(t, from, level, ctx, same_code)? {
            return Ok(n);
        }
    }
    parsed?;
    resolve_parts(&mut parts, ctx)
}

/// The parts of a text resolved as what `ctx` says they are.
fn resolve_parts<'b>(parts: &mut Parts<'b>, ctx: &Ctx) -> Result<Normalized<'b>, ParseError> {
    match ctx {
        Ctx::Top(hint) => resolve_top(parts, *hint, true),
        Ctx::Server(source) => resolve_server(parts, *source),
        Ctx::Inner {
            alias,
            parent,
            bare,
        } => {
            let rows = CodeRows::of(&parts.code);
            // A layer of the parent SDK underneath it (Getui's `errorCode` object in its `msg`):
            // read in that namespace, with its own causes; so is a code no table knows under an
            // object's code key in the message (`{"errorCode":-29999}`), the layer's own shape.
            let own = |s: Source| {
                rows.known_in(s) || (!bare && !rows.any() && parts.code_key == CodeKey::Named)
            };
            // Getui's H5 answer puts its `errorCode` layer's fields beside its `code`: the
            // `metadata` there is the layer's layer's, when that table knows the code.
            let flattened = || parent.inner()?.inner().filter(|s| rows.known_in(*s));
            if let Some(layer) = parent.inner().filter(|s| own(*s)).or_else(flattened) {
                if parts.carrier.is_none() {
                    parts.carrier = *alias;
                }
                let hint = Hint {
                    source: Some(layer),
                    ..Hint::default()
                };
                return resolve_top(parts, hint, true);
            }
            // An app SDK's whole callback nested inside another (fusion's `innerMsg` holding
            // the one-tap SDK's JSON): resolved like a callback, with its own causes.
            if is_app_callback(parts, rows) {
                return resolve_top(parts, Hint::default(), true);
            }
            resolve_inner(parts, *alias, rows, *parent)
        }
    }
}

/// Log envelopes are looked into at the first levels only: a line is wrapped by a logger and a
/// log shipper at most (Docker's `{"log":"…"}` around logback's JSON line), and each one unwrapped
/// is read again.
const ENVELOPE_LEVELS: usize = 3;

/// The callback in a log envelope (the object opening at `from` in `t`, see
/// [`fields::Envelope`]): the first of its string fields that holds one, with the line's request
/// id where the callback has none. When the line's text names a code (`same_code`), only a
/// reading of that code counts: another field's JSON (`"caller":"f(ret={\"ret\":0})"`) is no
/// reading of the line. `None` when no field holds one; too deep only when nothing else named
/// a code.
fn enveloped<'b>(
    t: &'b str,
    from: usize,
    level: usize,
    ctx: &Ctx,
    same_code: Option<&str>,
) -> Result<Option<Normalized<'b>>, ParseError> {
    let env = fields::envelope(t, from, level);
    let mut too_deep = None;
    for val in env.payloads.into_iter().flatten() {
        // A string is a level of its own.
        let r = match val {
            Val::Esc(raw) => {
                normalize_text(&scan::unescape(raw), level + 1, ctx).map(Normalized::into_owned)
            }
            Val::Str(Cow::Borrowed(s)) => normalize_text(s, level + 1, ctx),
            _ => continue,
        };
        match r {
            Ok(mut n) if same_code.is_none_or(|c| n.code == c) => {
                if n.request_id.is_none() {
                    // After the callback's ids were redacted (`resolve_top`): redacted here.
                    n.request_id = env.request_id.map(secret::mask_phones);
                }
                return Ok(Some(n));
            }
            Err(e @ ParseError::TooDeep { .. }) => too_deep = Some(e),
            _ => {}
        }
    }
    match too_deep {
        Some(e) if same_code.is_none() => Err(e),
        _ => Ok(None),
    }
}

/// Whether parts found underneath are an app SDK's callback rather than a carrier's result:
/// no carrier knows the code, and the keys or the catalog say PNS or fusion.
fn is_app_callback(p: &Parts<'_>, rows: CodeRows) -> bool {
    let mut app = p.marks.says_pns() || p.marks.fusion;
    for e in rows.entries() {
        if Carrier::from_source(e.source()).is_some() {
            return false;
        }
        app |= matches!(e.source(), Source::Pns | Source::Fusion);
    }
    app
}

/// The carrier of a callback built from parts ([`assemble`]): the one the caller names
/// (`named`), else its deepest cause's, else the one its vendor code wraps (`wraps`), else its
/// own source's.
pub(crate) fn top_carrier(
    n: &Normalized<'_>,
    named: Option<Carrier>,
    wraps: Option<Carrier>,
) -> Option<Carrier> {
    named
        .or_else(|| deepest_carrier(n))
        .or(wraps)
        .or_else(|| Carrier::from_source(n.source))
}

/// The carrier of a parsed callback: the one its vendor code wraps (`wraps`: GeeTest's
/// `-403xx` are China Telecom's), else its deepest cause's, else the one a carrier field names
/// (`named`), else its own source's. The causes are read with the first two as their carrier,
/// so the deepest cause's differs from them only where it names its own (JVerification's
/// `[CM,(103111)…]` beside `"operator":"CU"`): what the code and the cause say of themselves
/// outweighs a field about the SIM.
pub(super) fn payload_carrier(
    n: &Normalized<'_>,
    named: Option<Carrier>,
    wraps: Option<Carrier>,
) -> Option<Carrier> {
    let named = wraps.or_else(|| deepest_carrier(n)).or(named);
    top_carrier(n, named, None)
}

/// A callback put together from parts the caller already holds, by the rules
/// [`resolve_top`] applies: the code read with its message (message rows, IDaaS values, a
/// token sent as the message redacted), the outcome following the cause ([`follow`]), the
/// carrier ([`top_carrier`]). Nothing is parsed: for [`Normalized::from_code`] and its `with_*`
/// methods.
pub(crate) fn assemble<'a>(
    source: Source,
    code: Cow<'a, str>,
    msg: Option<Cow<'a, str>>,
    cause: Option<Box<Normalized<'a>>>,
    named: Option<Carrier>,
) -> Normalized<'a> {
    let rows = CodeRows::of(&code);
    let mut n = node(rows, source, code, msg);
    n.root_cause = cause;
    follow(&mut n);
    let wraps = rows
        .find(source, n.raw_msg.as_deref())
        .and_then(Entry::carrier);
    n.carrier = top_carrier(&n, named, wraps);
    fill_params(&mut n);
    n
}

/// The catalog entry for `code` in `source`, by message where the source keys rows by message.
pub(crate) fn find_entry(source: Source, code: &str, msg: Option<&str>) -> Option<&'static Entry> {
    CodeRows::of(code).find(source, msg)
}

#[cfg(test)]
mod tests {
    use super::first_open;

    #[test]
    fn the_first_object_is_looked_for_once() {
        let at = |t: &str| first_open(t.as_bytes());
        assert_eq!(at(r#"{"code":1}"#), (0, None), "an object from the start");
        assert_eq!(at(r#"E/SDK: {"code":1}"#), (7, Some(7)));
        assert_eq!(at(r#"E/SDK: "{\"code\":1}""#), (8, Some(8)));
        // A `(` first: the fields' search starts over (it may open a Kotlin print), and the
        // first brace is the one after it.
        assert_eq!(at("TokenRet(code=1, data={a=1})"), (0, Some(22)));
        assert_eq!(at("fail (2) {\"code\":1}"), (0, Some(9)));
        assert_eq!(at("TokenRet(code=1)"), (0, None));
        assert_eq!(at("600008"), (6, None), "nothing to open: past the end");
        assert_eq!(at("f({x"), (0, Some(2)), "the brace right after the `(`");
        assert_eq!(at(""), (0, None));
    }
}
