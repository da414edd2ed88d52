//! Swift's print of a dictionary, read as an object that `]` closes. In Swift an iOS SDK's
//! callback dictionary is `[AnyHashable: Any]`, and `print(resultDic)` writes
//! `[AnyHashable("resultCode"): 600011, AnyHashable("msg"): 获取token失败]`; a `[String: Any]`
//! prints `["resultCode": "600000"]`. Values are written bare or quoted (a bridged `NSString`
//! prints bare, a Swift `String` quoted), a nested `NSDictionary` as its description (`{ … }`).

use std::borrow::Cow;

use super::{byte, first_80, quoted, quoted_raw, skip_blank, skip_ws, trim, Val};

/// What opens an `AnyHashable` key.
const ANY_HASHABLE: &[u8] = b"AnyHashable(\"";

/// The same in a print held in a JSON string, its quotes escaped.
const ANY_HASHABLE_ESCAPED: &[u8] = b"AnyHashable(\\\"";

/// Where the key `AnyHashable("…")` starting at `i` ends (past its `)`), if one starts there.
/// Its quotes are looked for within 80 bytes, like a key's in `next_entry_follows`.
pub(super) fn any_hashable_end(b: &[u8], i: usize) -> Option<usize> {
    let body = i + ANY_HASHABLE.len();
    if !b.get(i..)?.starts_with(ANY_HASHABLE) {
        return None;
    }
    let close = body + first_80(b.get(body..)?).iter().position(|&c| c == b'"')?;
    (byte(b, close + 1) == Some(b')')).then_some(close + 2)
}

/// The key `AnyHashable("resultCode")` at `i` as `resultCode`, and the position past its `)`.
pub(super) fn any_hashable_key(src: &str, i: usize) -> Option<(Cow<'_, str>, usize)> {
    let end = any_hashable_end(src.as_bytes(), i)?;
    let (key, _) = quoted(src, i + ANY_HASHABLE.len() - 1);
    Some((key, end))
}

/// Whether the `[` at `p` opens a Swift dictionary's print: its first entry's key is
/// `AnyHashable("…")`, or a quoted string followed by `:` (a JSON array of strings has a `,` or
/// `]` there). A print inside a JSON string (`[AnyHashable(\"…`, `[\"resultCode\":`) counts,
/// for the string to be read.
pub(crate) fn opens_dict(b: &[u8], p: usize) -> bool {
    if byte(b, p) != Some(b'[') {
        return false;
    }
    let i = skip_ws(b, p + 1);
    let rest = b.get(i..).unwrap_or_default();
    if any_hashable_end(b, i).is_some() || rest.starts_with(ANY_HASHABLE_ESCAPED) {
        return true;
    }
    // The key's quotes: `"`, or `\"` in a print held in a JSON string.
    let quote: &[u8] = if rest.starts_with(b"\\\"") {
        b"\\\""
    } else {
        b"\""
    };
    let Some(body) = rest.strip_prefix(quote) else {
        return false;
    };
    first_80(body)
        .windows(quote.len())
        .position(|w| w == quote)
        .is_some_and(|close| byte(b, skip_blank(b, i + 2 * quote.len() + close)) == Some(b':'))
}

/// Whether `s`, blanks aside, starts with an object: `{`, or a Swift dictionary's `[`.
pub(crate) fn opens_map(s: &str) -> bool {
    let s = super::trim_start(s);
    s.starts_with('{') || opens_dict(s.as_bytes(), 0)
}

/// The first `{`, `(` or Swift dictionary `[` in `b[from..]`: where an object may open (other
/// `[`s, JSON arrays and log prefixes such as `[main]`, are passed over).
pub(crate) fn find_open(b: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let p = super::find_any(b, at, [b'{', b'(', b'['])?;
        if byte(b, p) != Some(b'[') || opens_dict(b, p) {
            return Some(p);
        }
        at = p + 1;
    }
}

/// The first `{` or Swift dictionary `[` in `b` from `from`: where a map opens.
pub(crate) fn find_map(b: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let p = super::find_either(b, at, b'{', b'[')?;
        if byte(b, p) == Some(b'{') || opens_dict(b, p) {
            return Some(p);
        }
        at = p + 1;
    }
}

/// A bare value (`Val::Bare`) as read in a Swift print (`swift`), where `Optional(…)` is the
/// value it wraps (an `Any?` in the dictionary: `Optional(600011)`, `Optional("获取token失败")`,
/// `Optional({…})`); as it is anywhere else.
#[inline]
pub(super) fn bare(s: &str, swift: bool) -> Val<'_> {
    if swift {
        unwrap_optional(s)
    } else {
        Val::Bare(s)
    }
}

/// A bare value as [`bare`] reads it in a Swift print.
fn unwrap_optional(s: &str) -> Val<'_> {
    let Some(inner) = s
        .strip_prefix("Optional(")
        .and_then(|r| r.strip_suffix(')'))
        .map(trim)
    else {
        return Val::Bare(s);
    };
    match quoted_raw(inner, 0) {
        // An object or array: read as any nested value (its secrets too).
        _ if inner.starts_with(['{', '[']) => Val::Nested(inner),
        _ if !inner.starts_with('"') => Val::Bare(inner),
        (q, false, end) if end == inner.len() => Val::Str(Cow::Borrowed(q)),
        (q, true, end) if end == inner.len() => Val::Esc(q),
        _ => Val::Bare(inner),
    }
}
