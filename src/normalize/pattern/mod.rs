//! Codes named in free text: `vendorCode:103911, msg:…`, `code:1105msg:…`,
//! `result code:410004 msg:…`, `resultCode=600011`, `错误码600017`, and a carrier's result in
//! brackets, `[CT,(80801)WIFI切换异常]` (JVerification's `content`), Flutter's
//! `PlatformException(600025, 初始化失败, null, null)`, and an `NSError`'s print.

mod prints;

use prints::{java_sdk_error, openapi_message, platform_exception, PLATFORM_EXCEPTION};
pub(crate) use prints::{ns_error, NsError};
use std::ops::Range;

use crate::normalize::secret::names_credential;

/// A code named in text, with the message that follows it, as byte ranges of the text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Named {
    pub(crate) code: Range<usize>,
    pub(crate) msg: Option<Range<usize>>,
    /// Named by an inner-code key (`vendorCode`, `innerCode`), or in a carrier's brackets.
    pub(crate) inner: bool,
    /// The carrier that gave the code, as the brackets name it (`CT` in `[CT,(80801)…]`).
    pub(crate) carrier: Option<Range<usize>>,
    /// The HTTP status in an Alibaba Cloud OpenAPI SDK's exception message (`code: 400, …
    /// request id: …`): the server's answer, not a code of any SDK's or carrier's table.
    pub(crate) http_status: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Code,
    /// `result`: only a number counts (`result: success` is not a code).
    Numeric,
    Inner,
    /// After words of prose (`错误码600017`): only a number of three digits or more counts.
    Prose,
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

/// Code keys written in Chinese prose, where no separator need follow (`报错600004`).
const PROSE_KEYS: [&str; 4] = ["错误代码", "错误码", "返回码", "报错"];

/// Bit `n` set when a code key starts with the `n`th letter (`a` is 0): built from
/// [`CODE_KEYS`], whose keys are written in small letters.
const KEY_FIRST_LETTERS: u32 = {
    let mut bits = 0u32;
    let mut k = 0;
    while k < CODE_KEYS.len() {
        bits |= 1 << (CODE_KEYS[k].0.as_bytes()[0] - b'a');
        k += 1;
    }
    bits
};

const MSG_KEYS: [&str; 12] = [
    "error_msg",
    "content",
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
        Some(b':' | b'=') => Some(value_start(b, i + 1)),
        _ => None,
    }
}

/// Past the blanks, `>` and quotes that open a value at `i`, escaped quotes included (`=\"`),
/// but not a backslash that starts an escape of the value's own (`msg=\U5e94\U7528`).
fn value_start(b: &[u8], mut i: usize) -> usize {
    loop {
        match b.get(i) {
            Some(b'"' | b'\'' | b' ' | b'\t' | b'>') => i += 1,
            Some(b'\\') if matches!(b.get(i + 1), Some(b'"' | b'\'' | b'\\')) => i += 1,
            _ => return i,
        }
    }
}

/// The most digits a numeric code has (the catalog's longest have 7): more is an id or
/// an amount, not a code.
pub(crate) const MAX_CODE_DIGITS: usize = 12;

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
        let min = if kind == Kind::Prose { 3 } else { 1 };
        return (min..=MAX_CODE_DIGITS)
            .contains(&digits)
            .then_some(i..digits_from + digits);
    }
    if matches!(kind, Kind::Numeric | Kind::Prose) || !b.get(i)?.is_ascii_alphabetic() {
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
    // JSON as the message (`msg=[{"name":…,"value":…}]`, `msg={…}`): to its closing bracket,
    // over the commas and keys inside it.
    if matches!(b.get(i..), Some([b'{', ..] | [b'[', b'{' | b'"', ..])) {
        let end = crate::normalize::scan::skip_nested(text, i, 0).ok();
        if let Some(end) = end.filter(|&e| matches!(b.get(e.wrapping_sub(1)), Some(b'}' | b']'))) {
            return Some(i..end);
        }
    }
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
    let trimmed_end = raw.trim_end_matches([' ', '\t', '"', '\'', '\\', ',', ';', ':']);
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

/// Whether `text` opens with a message's key and its separator (`msg:参数信息错误`), as text
/// glued to a code does (`1105msg:参数信息错误`).
pub(crate) fn opens_with_message(text: &str) -> bool {
    let b = text.as_bytes();
    find_key(b, 0, b.len().min(16), &MSG_KEYS, true)
        .is_some_and(|(at, key)| at == 0 && after_separator(b, key.len()).is_some())
}

/// At most this many codes are read from one text.
pub(crate) const MAX_NAMED: usize = 16;

/// The code named by a key at `i` (`code:600011`, `错误码600017`), if any, and where it ends.
fn keyed(b: &[u8], i: usize, c: u8) -> Option<(Named, usize)> {
    let hit = |kind, at| {
        code_token(b, at, kind).map(|code| {
            let end = code.end;
            let named = Named {
                code,
                msg: None,
                inner: kind == Kind::Inner,
                carrier: None,
                http_status: false,
            };
            (named, end)
        })
    };
    if c == b'P'
        && b.get(i..)
            .is_some_and(|r| r.starts_with(PLATFORM_EXCEPTION))
    {
        return platform_exception(b, i);
    }
    // uni-app's API failure (`preLogin:fail -20102 appid无效或者签名无效`): the SDK's negative
    // code right after it, with no key (DCloud's univerify page says errMsg holds -20102).
    if c == b'f'
        && i > 0
        && b.get(i - 1) == Some(&b':')
        && b.get(i..).is_some_and(|r| r.starts_with(b"fail -"))
    {
        return hit(Kind::Prose, i + 5);
    }
    if c.is_ascii_alphabetic() {
        // A word no code key starts like is passed at once.
        let letter = (c | 0x20).wrapping_sub(b'a');
        if letter >= 26 || KEY_FIRST_LETTERS >> letter & 1 == 0 {
            return None;
        }
        CODE_KEYS.iter().find_map(|&(key, kind)| {
            if !starts_with_ci(b, i, key) || b.get(i + key.len()).is_some_and(|&c| is_word(c)) {
                return None;
            }
            // An SMS or auth code (`sms code: 482913`, `otp-code=482913`, `X-Verify-Code:`) is
            // a credential, not a result code: no cause, and the redaction takes it. Nor is a
            // redaction's own word (`<redacted code: 6 chars>`, in text read again).
            if b.get(..i).is_some_and(|h| h.ends_with(b"<redacted "))
                || (key == "code" && names_credential(b, i, key))
            {
                return None;
            }
            let (mut named, mut end) = hit(kind, after_separator(b, i + key.len())?)?;
            if key == "code" {
                // The server's message is its own: a code it names is a cause, read from it.
                if let Some(msg) = openapi_message(b, &named.code) {
                    end = msg.end;
                    named.msg = (!msg.is_empty()).then_some(msg);
                    named.http_status = true;
                }
            }
            Some((named, end))
        })
    } else {
        // A separator is optional after a key in prose: `错误码600017`, `报错：600004`.
        let key = PROSE_KEYS.iter().find(|k| starts_with_ci(b, i, k))?;
        let at = skip(b, i + key.len(), b" \t\"'");
        // `:` or `=`, or a wide colon where the text was not NFKC-normalised.
        let sep = match b.get(at) {
            Some(b':' | b'=') => 1,
            _ if b.get(at..at + 3) == Some("：".as_bytes()) => 3,
            _ => 0,
        };
        let at = skip(b, at + sep, b" \t\"'");
        hit(Kind::Prose, at)
    }
}

/// A carrier's result in brackets at `i`: `[CT,(80801)WIFI切换异常]`, as JVerification writes it
/// in `content` (`（` read as `(` after NFKC). The carrier must be one we know by that name;
/// the message runs to the closing bracket, over a JSON object in it (`[CU,(1){"error":…}]`).
/// With where the result ends.
fn bracketed(b: &[u8], i: usize) -> Option<(Named, usize)> {
    let alias_at = i + 1;
    let comma = alias_at
        + b.get(alias_at..)?
            .iter()
            .take(24)
            .position(|&c| c == b',')?;
    let alias = alias_at..comma;
    let name = std::str::from_utf8(b.get(alias.clone())?).ok()?;
    crate::Carrier::from_alias(name)?;
    let open = skip(b, comma + 1, b" \t");
    (b.get(open) == Some(&b'(')).then_some(())?;
    let code = code_token(b, open + 1, Kind::Numeric)?;
    (b.get(code.end) == Some(&b')')).then_some(())?;
    let msg_at = code.end + 1;
    let mut depth = 0usize;
    let len = b.get(msg_at..)?.iter().position(|&c| {
        match c {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        c == b']' && depth == 0
    });
    let msg_end = len.map_or(b.len(), |l| msg_at + l);
    let named = Named {
        code,
        msg: (msg_end > msg_at).then_some(msg_at..msg_end),
        inner: true,
        carrier: Some(alias),
        http_status: false,
    };
    Some((named, msg_end))
}

/// Every code named in `text` (at most [`MAX_NAMED`]), in order, each with the message that
/// follows it before the next code: the first `.1` of `.0`. On the stack: this runs for every
/// message that may name a code.
pub(crate) fn scan(text: &str) -> ([Named; MAX_NAMED], usize) {
    let b = text.as_bytes();
    let mut out: [Named; MAX_NAMED] = Default::default();
    // Where each code's key (or bracket) starts: the end of the message of the code before.
    let mut key_at = [0usize; MAX_NAMED];
    let mut len = 0;
    let mut i = 0;
    // To the end of the text, or until MAX_NAMED codes are found.
    while let (Some(&c), Some(slot)) = (b.get(i), out.get_mut(len)) {
        let prev_ok = i == 0 || b.get(i - 1).is_some_and(|&p| !is_word(p));
        // Keys start with a letter, or (in prose) with 报, 返 or 错: the lead bytes 0xE6, 0xE8
        // and 0xE9 of their UTF-8. Other bytes are passed without a call.
        let hit = match c {
            b'[' => bracketed(b, i),
            b'a'..=b'z' | b'A'..=b'Z' | 0xE6 | 0xE8 | 0xE9 if prev_ok => keyed(b, i, c),
            _ => None,
        };
        match hit {
            Some((named, end)) => {
                *slot = named;
                if let Some(at) = key_at.get_mut(len) {
                    *at = i;
                }
                i = end;
                len += 1;
            }
            None => i += 1,
        }
    }
    // No key names a code: the old Java SDK's exception print may.
    if let (0, Some(first)) = (len, out.first_mut()) {
        if let Some(named) = java_sdk_error(b) {
            *first = named;
            len = 1;
        }
    }
    for k in 0..len {
        // A code's message, unless its brackets gave it, ends where the next code's key starts.
        let limit = key_at
            .get(k + 1)
            .filter(|_| k + 1 < len)
            .map_or(b.len(), |&at| at);
        if let Some(named) = out.get_mut(k).filter(|n| n.msg.is_none()) {
            named.msg = find_key(b, named.code.end, limit, &MSG_KEYS, true)
                .and_then(|(at, key)| after_separator(b, at + key.len()))
                .and_then(|v| message_value(text.get(..limit).unwrap_or(text), v));
        }
    }
    (out, len)
}

/// A request id named in text: `request id: 8A4F-11C2`, `requestId=…`, `RequestId:"…"`.
pub(crate) fn request_id(text: &str) -> Option<Range<usize>> {
    let b = text.as_bytes();
    // Each needle starts with `request`, which most texts lack: one pass to rule them all out.
    let from = (0..b.len()).find(|&i| starts_with_ci(b, i, "request"))?;
    for needle in ["request id", "requestid", "request_id"] {
        // Each needle starts with `r`: only the positions of an `r` or `R` are tried.
        let mut rs = b
            .iter()
            .enumerate()
            .skip(from)
            .filter(|&(_, &c)| c | 0x20 == b'r');
        let Some((at, _)) = rs.find(|&(i, _)| starts_with_ci(b, i, needle)) else {
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
        // What an SDK prints for an id the answer lacked is none.
        let id = b.get(i..i + len).unwrap_or_default();
        if len > 0 && !matches!(id, b"None" | b"null" | b"undefined" | b"nil") {
            return Some(i..i + len);
        }
    }
    None
}

#[cfg(test)]
mod tests;
