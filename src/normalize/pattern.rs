//! Codes named in free text: `vendorCode:103911, msg:…`, `code:1105msg:…`,
//! `result code:410004 msg:…`, `resultCode=600011`.

use std::ops::Range;

/// A code named in text, with the message that follows it, as byte ranges of the text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Named {
    pub(crate) code: Range<usize>,
    pub(crate) msg: Option<Range<usize>>,
    /// Named by an inner-code key (`vendorCode`, `innerCode`).
    pub(crate) inner: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Code,
    /// `result`: only a number counts (`result: success` is not a code).
    Numeric,
    Inner,
}

/// Longest first, so `result code` wins over `result` and `resultCode` over `result`.
const CODE_KEYS: [(&str, Kind); 14] = [
    ("result code", Kind::Code),
    ("result_code", Kind::Code),
    ("error_code", Kind::Code),
    ("resultcode", Kind::Code),
    ("vendorcode", Kind::Inner),
    ("inner_code", Kind::Inner),
    ("innercode", Kind::Inner),
    ("errorcode", Kind::Code),
    ("ret_code", Kind::Code),
    ("err_code", Kind::Code),
    ("errcode", Kind::Code),
    ("retcode", Kind::Code),
    ("result", Kind::Numeric),
    ("code", Kind::Code),
];

const MSG_KEYS: [&str; 11] = [
    "error_msg",
    "resultmsg",
    "resultdesc",
    "innermsg",
    "errormsg",
    "message",
    "errmsg",
    "retmsg",
    "desc",
    "msg",
    "描述",
];

fn starts_with_ci(b: &[u8], at: usize, needle: &str) -> bool {
    // The first byte alone rules out almost every position: checked before the slice.
    let first = needle.as_bytes().first();
    b.get(at)
        .zip(first)
        .is_some_and(|(c, f)| c.eq_ignore_ascii_case(f))
        && b.get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn skip(b: &[u8], mut i: usize, set: &[u8]) -> usize {
    while b.get(i).is_some_and(|c| set.contains(c)) {
        i += 1;
    }
    i
}

/// After a key at `i`: optional closing quote, blanks, a `:` or `=`, blanks, an opening quote.
/// The position of the value, if a separator is there.
fn after_separator(b: &[u8], i: usize) -> Option<usize> {
    let i = skip(b, i, b"\"'\\ \t");
    match b.get(i) {
        Some(b':' | b'=') => Some(skip(b, i + 1, b"\"'\\ \t>")),
        _ => None,
    }
}

/// The code token at `i`: a number, or (not for `Numeric`) a dotted identifier such as
/// `IDAAS.SDK.LOGIN.1005` or `isv.TOKEN_INVALID`.
fn code_token(b: &[u8], i: usize, kind: Kind) -> Option<Range<usize>> {
    let digits_from = if b.get(i) == Some(&b'-') { i + 1 } else { i };
    let digits = b
        .get(digits_from..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits > 0 {
        return (digits <= 12).then_some(i..digits_from + digits);
    }
    if kind == Kind::Numeric || !b.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    let len = b
        .get(i..)?
        .iter()
        .take_while(|&&c| is_word(c) || c == b'.')
        .count();
    let token = b.get(i..i + len)?;
    let token = token.strip_suffix(b".").unwrap_or(token);
    (token.contains(&b'.') && token.len() <= 64).then_some(i..i + token.len())
}

/// Where a key of `keys` starts at or after `from` (not inside a longer word), with the key.
fn find_key<'k>(
    b: &[u8],
    from: usize,
    to: usize,
    keys: &[&'k str],
    allow_digit_before: bool,
) -> Option<(usize, &'k str)> {
    (from..to.min(b.len())).find_map(|i| {
        let prev_ok = match i.checked_sub(1).and_then(|p| b.get(p)) {
            None => true,
            Some(&p) => {
                !(p.is_ascii_alphabetic()
                    || p == b'_'
                    || (!allow_digit_before && p.is_ascii_digit()))
            }
        };
        if !prev_ok {
            return None;
        }
        keys.iter()
            .find(|k| starts_with_ci(b, i, k))
            .map(|k| (i, *k))
    })
}

/// The message value at `i`: to the end of the line, a closing brace, or a comma before the
/// next `key:`; trimmed of blanks, quotes and trailing separators.
fn message_value(text: &str, i: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let mut end = i;
    while let Some(&c) = b.get(end) {
        if matches!(c, b'\n' | b'\r' | b'}') {
            break;
        }
        if c == b',' && comma_ends(b, end + 1) {
            break;
        }
        end += 1;
    }
    let raw = text.get(i..end)?;
    let trimmed_end = raw.trim_end_matches([' ', '\t', '"', '\'', '\\', ',', ';']);
    let trimmed = trimmed_end.trim_start();
    let start = i + (trimmed_end.len() - trimmed.len());
    (!trimmed.is_empty()).then_some(start..start + trimmed.len())
}

fn comma_ends(b: &[u8], i: usize) -> bool {
    let i = skip(b, i, b" \t\"'");
    let len = b.get(i..).map_or(0, |r| {
        r.iter().take(40).take_while(|&&c| is_word(c)).count()
    });
    len > 0 && matches!(b.get(skip(b, i + len, b" \t\"'")), Some(b':' | b'='))
}

/// The message named in `text` (`msg:参数信息错误`), if any.
pub(crate) fn message(text: &str) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let (at, key) = find_key(b, 0, b.len(), &MSG_KEYS, true)?;
    message_value(text, after_separator(b, at + key.len())?)
}

/// At most this many codes are read from one text.
pub(crate) const MAX_NAMED: usize = 16;

/// Every code named in `text` (at most [`MAX_NAMED`]), in order, each with the message that
/// follows it before the next code: the first `.1` of `.0`. On the stack: this runs for every
/// message that may name a code.
pub(crate) fn scan(text: &str) -> ([Named; MAX_NAMED], usize) {
    let b = text.as_bytes();
    // (kind, where the key starts, the code)
    let mut found: [(Kind, usize, Range<usize>); MAX_NAMED] =
        std::array::from_fn(|_| (Kind::Code, 0, 0..0));
    let mut len = 0;
    let mut i = 0;
    // To the end of the text, or until MAX_NAMED codes are found.
    while let (Some(&c), Some(slot)) = (b.get(i), found.get_mut(len)) {
        let prev_ok = i == 0 || b.get(i - 1).is_some_and(|&p| !is_word(p));
        let hit = if prev_ok && c.is_ascii_alphabetic() {
            CODE_KEYS.iter().find_map(|&(key, kind)| {
                if !starts_with_ci(b, i, key) || b.get(i + key.len()).is_some_and(|&c| is_word(c)) {
                    return None;
                }
                let at = after_separator(b, i + key.len())?;
                code_token(b, at, kind).map(|r| (kind, i, r))
            })
        } else {
            None
        };
        match hit {
            Some((kind, key_at, range)) => {
                i = range.end;
                *slot = (kind, key_at, range);
                len += 1;
            }
            None => i += 1,
        }
    }
    let mut out: [Named; MAX_NAMED] = Default::default();
    let found = found.get(..len).unwrap_or_default();
    for (k, (slot, (kind, _, code))) in out.iter_mut().zip(found).enumerate() {
        // A code's message ends where the next code's key starts.
        let limit = found.get(k + 1).map_or(b.len(), |&(_, key_at, _)| key_at);
        let msg = find_key(b, code.end, limit, &MSG_KEYS, true)
            .and_then(|(at, key)| after_separator(b, at + key.len()))
            .and_then(|v| message_value(text.get(..limit).unwrap_or(text), v));
        *slot = Named {
            code: code.clone(),
            msg,
            inner: *kind == Kind::Inner,
        };
    }
    (out, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(&str, Option<&str>, bool)> {
        let (named, len) = scan(text);
        named
            .into_iter()
            .take(len)
            .map(|n| (&text[n.code], n.msg.map(|m| &text[m]), n.inner))
            .collect()
    }

    #[test]
    fn the_issue_patterns() {
        assert_eq!(
            pairs("vendorCode:103911, msg:token请求过于频繁"),
            [("103911", Some("token请求过于频繁"), true)]
        );
        assert_eq!(
            pairs("code:1105msg:参数信息错误"),
            [("1105", Some("参数信息错误"), false)]
        );
        assert_eq!(
            pairs("result code:410004 msg:数据网络未开启"),
            [("410004", Some("数据网络未开启"), false)]
        );
        assert_eq!(
            pairs("error_code: IDAAS.SDK.LOGIN.1005."),
            [("IDAAS.SDK.LOGIN.1005", None, false)]
        );
    }

    #[test]
    fn words_inside_words_and_non_numbers_do_not_count() {
        assert!(pairs("barcode:123 result: success unicode=5").is_empty());
        assert_eq!(pairs("result:-8004"), [("-8004", None, false)]);
        assert_eq!(
            pairs("code=600011 msg=获取token失败 vendorCode=-8004, msg=x"),
            [
                ("600011", Some("获取token失败"), false),
                ("-8004", Some("x"), true)
            ]
        );
    }
}

/// A request id named in text: `request id: 8A4F-11C2`, `requestId=…`, `RequestId:"…"`.
pub(crate) fn request_id(text: &str) -> Option<Range<usize>> {
    let b = text.as_bytes();
    for needle in ["request id", "requestid", "request_id"] {
        let Some(at) = (0..b.len()).find(|&i| starts_with_ci(b, i, needle)) else {
            continue;
        };
        let mut i = at + needle.len();
        while matches!(b.get(i), Some(b' ' | b':' | b'=' | b'"' | b'\'')) {
            i += 1;
        }
        let len = b
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b'_')
            .count();
        if len > 0 {
            return Some(i..i + len);
        }
    }
    None
}

#[cfg(test)]
mod message_and_request_id_tests {
    use super::{message, request_id, scan};

    #[test]
    fn request_ids_in_text() {
        let t = "TeaException: code: 400, 令牌无效 request id: 8A4F-11C2 trace";
        assert_eq!(request_id(t).map(|r| &t[r]), Some("8A4F-11C2"));
        let t = "failed requestId=\"ab_9\"";
        assert_eq!(request_id(t).map(|r| &t[r]), Some("ab_9"));
        assert_eq!(request_id("request id: "), None);
        assert_eq!(request_id("no id here"), None);
    }

    fn msg(text: &str) -> Option<&str> {
        message(text).map(|r| &text[r])
    }

    #[test]
    fn a_message_ends_at_a_comma_before_the_next_key() {
        assert_eq!(msg("msg:x, requestId:r"), Some("x"));
        assert_eq!(msg("msg:获取失败, b c"), Some("获取失败, b c"));
        assert_eq!(msg("msg:abc key:1 end"), Some("abc key:1 end"));
        assert_eq!(msg("msg:a, : x"), Some("a, : x"));
        // Blanks the separator does not skip are trimmed (an ideographic space).
        assert_eq!(msg("msg:\u{3000}hello"), Some("hello"));
        // A key inside a longer word is not the key, after a letter or an underscore.
        assert_eq!(msg("xmsg:abc"), None);
        assert_eq!(msg("x_msg:abc"), None);
    }

    fn codes(text: &str) -> Vec<&str> {
        let (named, len) = scan(text);
        named.into_iter().take(len).map(|n| &text[n.code]).collect()
    }

    #[test]
    fn a_code_is_a_number_or_a_dotted_name_where_names_count() {
        assert!(codes("result:a.b").is_empty());
        assert!(codes("code:abc").is_empty());
        assert!(codes("code:_x.y").is_empty());
        assert_eq!(codes("code:isv.X"), ["isv.X"]);
    }
}
