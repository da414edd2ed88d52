//! Codes named by `key: value` patterns in text, and a carrier's result written after them.

use std::borrow::Cow;
use std::ops::Range;

use super::super::keys::{role, KeyRole, Role};
use super::super::scan::Fields;
use super::super::{pattern, scan, Carrier};
use super::values::sub;
use super::{fill, CodeKey, Indices, Parts, Picked};
use crate::catalog::nfkc;

/// The parts named by `key: value` patterns in text (NFKC-normalised first), into `out`.
pub(super) fn from_patterns<'a>(text: &'a str, level: usize, out: &mut Parts<'a>) -> Option<()> {
    let written = text;
    let text = nfkc(text);
    let (named, len) = pattern::scan(&text);
    let named = named.get(..len).unwrap_or_default();
    // An OpenAPI exception's HTTP status gives way to a code the text names besides it.
    let openapi = named.iter().find(|n| n.http_status);
    let top = named
        .iter()
        .position(|n| !n.inner && !n.http_status)
        .or_else(|| named.iter().position(|n| !n.inner))
        .or(if named.is_empty() { None } else { Some(0) })?;
    let first = named.get(top)?;
    let key = if first.inner {
        CodeKey::Inner
    } else {
        CodeKey::Pattern
    };
    *out = Parts::new(sub(&text, first.code.clone()), key, level);
    let parts = out;
    // A message in text keeps the escapes of the print it sits in (`msg=\U5e94\U7528`).
    let message = |r: Range<usize>| {
        let m = sub(&text, r);
        if m.contains('\\') {
            Cow::Owned(scan::unescape(&m))
        } else {
            m
        }
    };
    parts.msg = first
        .msg
        .clone()
        .or_else(|| openapi?.msg.clone())
        .map(message);
    if let (Cow::Owned(_), Some(_)) = (&text, &first.msg) {
        // Read in the NFKC form, whose full-width punctuation is ASCII (`，` is `,`): the
        // message is kept as the text writes it, as a field's is, where the text as written
        // names the same code (a red-team find: a Flutter print's message was rewritten).
        let read = (parts.code.clone(), parts.msg.clone());
        if let (code, Some(msg)) = read {
            if let Some(m) = message_as_written(written, &code, &msg) {
                parts.msg = Some(m);
            }
        }
    }
    if let Some((_, inner)) = named.iter().enumerate().find(|&(i, n)| i != top && n.inner) {
        parts.inner_code = Some((Cow::Borrowed("vendorCode"), sub(&text, inner.code.clone())));
        parts.inner_msg = inner
            .msg
            .clone()
            .map(|r| (Cow::Borrowed("vendorMsg"), message(r)));
    }
    // The carrier a bracketed result names (`[CT,(80801)…]`).
    let alias = named.iter().find_map(|n| n.carrier.clone());
    parts.carrier = alias.and_then(|r| Carrier::from_alias(text.get(r)?));
    parts.marks.tea = first.http_status || super::super::keys::contains_ci(&text, "TeaException");
    if let Some(r) = pattern::request_id(&text) {
        parts.request_id = Some(sub(&text, r));
    }
    Some(())
}

/// The message `msg` (read in the NFKC form, for the code `code`) as `written`, the text as
/// written, writes it: where its patterns read that code there too, with a message whose NFKC
/// form is `msg` (the same words, not another reading).
fn message_as_written<'a>(written: &'a str, code: &str, msg: &str) -> Option<Cow<'a, str>> {
    let (named, len) = pattern::scan(written);
    // (Any reading of that code with those words: the words are what is kept.)
    let same = |n: &&pattern::Named| written.get(n.code.clone()).is_some_and(|c| nfkc(c) == code);
    let r = named.get(..len)?.iter().find(same)?.msg.clone()?;
    let m = written.get(r)?;
    let m = match m.contains('\\') {
        true => Cow::Owned(scan::unescape(m)),
        false => Cow::Borrowed(m),
    };
    (nfkc(&m) == msg).then_some(m)
}

/// The key just before the object at `open` (`carrierFailedResultData=` or `: `, quoted or
/// not), when it is a carrier-data key: the key, and where it starts.
pub(super) fn carrier_data_key(t: &str, open: usize) -> Option<(&str, usize)> {
    let before = t.get(..open)?.trim_end_matches([' ', '"', '\'']);
    let before = before
        .strip_suffix(['=', ':'])?
        .trim_end_matches([' ', '"', '\'']);
    let len = before
        .bytes()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
        .count();
    let at = before.len() - len;
    let key = before.get(at..)?;
    (!key.is_empty() && role(key).role == Role::CarrierData).then_some((key, at))
}

/// A print's details after its code, holding the callback's cause (carrier data or an inner
/// code) and no code of their own (`PlatformException(600011, 获取token失败,
/// {carrierFailedResultData: {…}, vendorName: cm_zyhl}, null)`): the code the text `before` the
/// object names is the callback's, and the object's fields are its other fields (the print's
/// message first). `false`, with `out` as it was, otherwise: then an inner code stands in for
/// the code, or a callback nested in the object is the result.
pub(super) fn details_after_code<'a>(
    before: &'a str,
    fields: &mut Fields<'a>,
    roles: &[KeyRole],
    picked: &Picked<'a>,
    level: usize,
    out: &mut Parts<'a>,
) -> bool {
    let holds_cause =
        || picked.inner.is_some() || roles.iter().any(|r| r.role == Role::CarrierData);
    if before.is_empty() || !holds_cause() || from_patterns(before, level, out).is_none() {
        return false;
    }
    let at = Indices {
        code: None,
        promoted_inner: None,
        inner: picked.inner.as_ref().map(|i| i.0),
        msg: picked.msg.filter(|_| out.msg.is_none()).map(|m| m.1),
        request: picked
            .request
            .filter(|_| out.request_id.is_none())
            .map(|r| r.1),
    };
    let code = (out.code.clone(), out.code_key, None);
    fill(fields, roles, &at, code, level, out);
    true
}

/// `t[from..to]`, or nothing.
pub(super) fn sub_str(t: &str, from: usize, to: usize) -> &str {
    t.get(from..to).unwrap_or_default()
}
