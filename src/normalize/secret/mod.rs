//! Secrets in a payload: which keys name a credential or a person's number, and how a value is
//! redacted (kept as its kind and length, see [`ExtraValue`](crate::ExtraValue)).

mod elements;
mod encoded;
mod keyed;
mod names;
mod parts;
mod phones;
mod prose;
mod wide;
mod words;

pub(crate) use names::any_names_secret;
use names::{
    describes, ends_with_word, first_secret_word, last_word_kind, whole_key_kind, CODE_QUALIFIERS,
    SECRET_WORDS,
};
use phones::first_phone;

use std::borrow::Cow;

use crate::normalize::scan::Val;
pub(crate) use phones::{looks_like_phone, mask_json, mask_phones, redact_numbers};
pub(crate) use words::mask_token_words;

/// `text` with what the outputs redact redacted in place: mobile numbers written in it (in any
/// grouping and width the normaliser recognises), values written after a secret key
/// (`token=…`, `accessCode: …`) or a linking word (`您的验证码是482913`) or in an XML element
/// named for one (`<token>…</token>`), and words that look like a token with no key before them
/// (32 characters or more of letters and digits: a token pasted where a code goes). For text
/// that reaches people by another way than a result, such as an error message that repeats
/// what the caller passed. Borrowed when nothing was redacted.
///
/// ```
/// assert_eq!(
///     numauth::redact_text("unknown code \"13812345678\""),
///     "unknown code \"<redacted phone: 11 chars>\""
/// );
/// assert_eq!(numauth::redact_text("token=abc123"), "token=<redacted token: 6 chars>");
/// assert_eq!(
///     numauth::redact_text("您的验证码是482913，5分钟内有效"),
///     "您的验证码是<redacted code: 6 chars>，5分钟内有效"
/// );
/// assert_eq!(
///     numauth::redact_text("no such code: /pns/STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9"),
///     "no such code: /pns/<redacted token: 37 chars>"
/// );
/// assert!(matches!(numauth::redact_text("600011"), std::borrow::Cow::Borrowed(_)));
/// // A hex id, a constant's name: no token.
/// let kept = "no such path: /v1/requests/0b6f3a1e77c24d1a9f3e0123456789ab/ERROR_CODE_GET_TOKEN_FAILED_600011";
/// assert_eq!(numauth::redact_text(kept), kept);
/// ```
pub fn redact_text(text: &str) -> std::borrow::Cow<'_, str> {
    mask_text(std::borrow::Cow::Borrowed(text))
}

/// [`redact_text`] on text the normaliser keeps (a message, a kept string, a template value):
/// numbers, `key=value` secrets, values in prose (`验证码是482913`, `password is hunter22`),
/// in XML elements (`<token>…</token>`) and in a multipart form's parts, then token-like words,
/// which also catches a long token after words rather than a separator (`token为STsid…`,
/// `The token STsid… has failed`). A text that writes a key encoded once more (full-width
/// letters, HTML entities, a logger's `\n`) is read decoded too ([`encoded`]).
pub(crate) fn mask_text(text: Cow<'_, str>) -> Cow<'_, str> {
    // A message that is a number (`"msg": 1.3812345678E10`).
    if exponent_phone(&text) {
        return Cow::Owned(redacted("phone", &text));
    }
    // As written; the text itself is kept for its decoded view.
    let first = match mask_keys(Cow::Borrowed(&text)) {
        Cow::Owned(masked) => Some(masked),
        Cow::Borrowed(_) => None,
    };
    // One pass says which of the rarer readings a text needs (most need none).
    let class = prose::classes(first.as_deref().unwrap_or(&text).as_bytes());
    if class & prose::ENCODED != 0 {
        // Read whole in its decoded view, which holds what the text writes plainly too.
        let masked = decoded(&text, |plain| {
            let plain = mask_keys(plain);
            let class = prose::classes(plain.as_bytes());
            mask_rarer(plain, class)
        });
        if let Some(masked) = masked {
            return Cow::Owned(masked);
        }
    }
    let text = first.map_or(text, Cow::Owned);
    mask_rarer(text, class)
}

/// Mobile numbers, then `key=value` secrets (a number first: a key's value may end inside
/// one written in groups, `passwd: 138 1234 5678`).
fn mask_keys(text: Cow<'_, str>) -> Cow<'_, str> {
    keyed::mask_keyed(mask_phones(text))
}

/// `text` with what `mask` redacts in its decoded view ([`encoded::plain`]) redacted where it
/// is written; `None` when it has no encoding or `mask` finds nothing there.
fn decoded(text: &str, mask: impl FnOnce(Cow<'_, str>) -> Cow<'_, str>) -> Option<String> {
    let plain = encoded::plain(text)?;
    let Cow::Owned(masked) = mask(Cow::Borrowed(&plain.text)) else {
        return None;
    };
    match plain.redact_in(text, &masked) {
        Some(Cow::Owned(redacted)) => Some(redacted),
        Some(Cow::Borrowed(_)) => None,
        // Not the decoded text with redactions in it: that text, redacted (the safe side).
        None => Some(masked),
    }
}

/// A request id with its secrets redacted. An id that is a credential (a token where the id
/// goes) is redacted whole, unless it is hex alone (a trace id, as Getui's `processId` is).
/// Most ids (hex, UUIDs) have no separator a key's value follows, no blank, markup or
/// encoding: only a number can be in them. Any other is read as a message is ([`mask_text`]:
/// `trace=…;token=STsid…`, `OTP 482913`, `<token>…</token>`).
pub(crate) fn mask_id(id: Cow<'_, str>) -> Cow<'_, str> {
    if let Some(kind) = whole_secret(&id, true) {
        return Cow::Owned(redacted(kind, &id));
    }
    // (`mask_keyed` reads after `=`, `:` and the `0xEF` that leads `：`; a redaction's own
    // `phone: 11 chars` is no key's value.)
    let text =
        |c: u8| matches!(c, b'=' | b':' | b'&' | b'\\' | b'<' | 0xEF) || c.is_ascii_whitespace();
    match id.bytes().any(text) {
        true => mask_text(id),
        false => mask_phones(id),
    }
}

/// The kind of secret a whole id or code is, if it is one: a token as a word of text is one
/// (random base64: both cases, classes that change often; not hex alone where `hex_is_id`, a
/// trace id; not `u000…0123`, an identifier), or a JSON number whose value holds a mobile
/// number (`1.3812345678E10`, which no digit run shows).
fn whole_secret(text: &str, hex_is_id: bool) -> Option<&'static str> {
    let hex = || text.bytes().all(|c| c.is_ascii_hexdigit());
    if words::is_token_word(text) && !(hex_is_id && hex()) {
        return Some("token");
    }
    exponent_phone(text).then_some("phone")
}

/// Whether `text` is a JSON number with an exponent whose value holds a mobile number
/// (`1.3812345678E10`); other numbers show theirs as a digit run, which [`mask_phones`] finds.
/// Not hex alone: `149504e5` is a request id, not 14950400000.
fn exponent_phone(text: &str) -> bool {
    use crate::normalize::extra::{is_json_literal, number_holds_phone};
    // A number's characters alone (most ids and messages stop at their first letter), with an
    // exponent, and one that hex does not have.
    let b = text.as_bytes();
    let number = |c: &u8| matches!(c, b'0'..=b'9' | b'.' | b'-' | b'+' | b'e' | b'E');
    b.iter().all(number)
        && b.iter().any(|c| matches!(c, b'e' | b'E'))
        && !b.iter().all(u8::is_ascii_hexdigit)
        && is_json_literal(text)
        && number_holds_phone(text)
}

/// A result's code as kept: one that no table knows and is a credential (a token sent where
/// the code goes) or a number holding a mobile number redacted whole ([`whole_secret`]); mobile
/// numbers written in it redacted.
pub(crate) fn mask_code(code: Cow<'_, str>, known: bool) -> Cow<'_, str> {
    match (!known).then(|| whole_secret(&code, false)).flatten() {
        Some(kind) => Cow::Owned(redacted(kind, &code)),
        None => mask_phones(code),
    }
}

/// The readings of [`mask_text`] after `key=value`, those that the text's `class` calls for,
/// then token-like words.
fn mask_rarer(text: Cow<'_, str>, class: u8) -> Cow<'_, str> {
    let text = match prose::may_hold(class) {
        true => prose::mask_prose(text),
        false => text,
    };
    let text = match class & prose::LT != 0 {
        true => elements::mask_elements(text),
        false => text,
    };
    let text = match class & prose::NL != 0 {
        true => parts::mask_parts(text),
        false => text,
    };
    words::mask_token_words(text)
}

/// `text` with each span (start, end, kind) replaced by its redaction ([`redacted`]), in order
/// of start; a span that overlaps one before it is left out. Borrowed when there is none.
fn splice<'t>(
    text: std::borrow::Cow<'t, str>,
    mut spans: Vec<(usize, usize, &'static str)>,
) -> std::borrow::Cow<'t, str> {
    if spans.is_empty() {
        return text;
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, end, kind) in spans {
        if start < copied {
            continue;
        }
        out.push_str(text.get(copied..start).unwrap_or_default());
        out.push_str(&redacted(kind, text.get(start..end).unwrap_or_default()));
        copied = end;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    std::borrow::Cow::Owned(out)
}

/// Whether a key names a token (the IDaaS SDK's `data` holding tokens marks a login callback).
pub(crate) fn is_secret_key(key: &str) -> bool {
    super::keys::contains_ci(key, "token")
}

/// The kind of secret a key names, if any (see [`ExtraValue`]). Runs for every kept field, so
/// the key is folded (letters and digits, lower case) on the stack, not into a `String`.
pub(super) fn secret_kind(key: &str) -> Option<&'static str> {
    let mut buf = [0u8; 64];
    let folded = fold_key(key, &mut buf);
    if let Some(kind) = whole_key_kind(folded).or_else(|| last_word_kind(key, folded)) {
        return Some(kind);
    }
    // Chinese names (`密码`, `令牌`): looked for only in a key with non-ASCII bytes, so the
    // ASCII keys of almost every field cost one pass of `is_ascii`.
    let kind = first_secret_word(folded).or_else(|| {
        (!key.is_ascii())
            .then(|| keyed::chinese_kind(key.as_bytes()))
            .flatten()
    });
    // How the key ends is looked at only when it names a secret, as few keys do; an ending
    // that is the secret word's own says nothing about it (`TemplateParamSet`).
    // (The secret's own word first: a key that is the word alone, `token`, reads no list.)
    kind.filter(|_| ends_with_word(folded) || !describes(folded))
}

/// [`secret_kind`] for a key written before a value in text: there the key must end with one
/// of [`SECRET_WORDS`] (`accessToken=`, `session_token:`), or be a short key's name
/// as a whole key or its last word ([`whole_key_kind`], [`LAST_WORDS`](names::LAST_WORDS):
/// `number`, `msisdn`, `sid`, `sms_otp`...), so that
/// a method or a log prefix that names a token (`onTokenFailed:`,
/// `requestTokenWithViewController:`) is no key. A number, or a word for the value or its
/// string form, may follow the secret's word (`token1=`, `tokenStr=`, `token_value:`).
pub(super) fn text_key_kind(key: &str) -> Option<&'static str> {
    let mut buf = [0u8; 64];
    let folded = fold_key(key, &mut buf);
    let digits = folded
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let word = folded.get(..folded.len() - digits).unwrap_or_default();
    let word = [&b"string"[..], b"str", b"value", b"val"]
        .iter()
        .find_map(|end| word.strip_suffix(*end))
        .unwrap_or(word);
    let singular = word.strip_suffix(b"s").unwrap_or(word);
    let ends = whole_key_kind(folded).is_some()
        || last_word_kind(key, folded).is_some()
        || SECRET_WORDS.iter().any(|(w, _)| singular.ends_with(w));
    ends.then(|| secret_kind(key)).flatten()
}

/// Whether the key `key` written at `at` in `b` ends the name of a credential, as `mask_keyed`
/// reads one: with the characters of a key before it (`otp-code`, `X-Verify-Code`, `sms_code`)
/// or the word before it (`sms code`). What follows is the credential, not a result code.
pub(crate) fn names_credential(b: &[u8], at: usize, key: &str) -> bool {
    let head = b.get(..at + key.len()).unwrap_or_default();
    keyed::key_before(head).is_some_and(|(_, whole)| text_key_kind(whole).is_some())
        || spaced_key_kind(b.get(..at).unwrap_or_default(), key).is_some()
}

/// The kind of secret a key written as two words names (`sms code: 482913`, `access code=…`):
/// the word before `key`, one blank apart, and `key` make one of [`SECRET_WORDS`] exactly; or
/// `code` after a word that makes it one's own (`your code:`, `login code`, `one-time code`,
/// [`CODE_QUALIFIERS`]) or right after a Chinese name of one (`验证码code=`). `None` when they
/// make none (`result code:`, and `loginAuth code=6001`: a log's words, not an auth code).
pub(crate) fn spaced_key_kind(before: &[u8], key: &str) -> Option<&'static str> {
    let mut key_buf = [0u8; 64];
    let key = fold_key(key, &mut key_buf);
    if key == b"code" && keyed::chinese_kind(before) == Some("code") {
        return Some("code");
    }
    let before = before.strip_suffix(b" ")?;
    let word_len = |also: &[u8]| {
        before
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || also.contains(c))
            .count()
    };
    if key == b"code" {
        let hyphened = before.get(before.len() - word_len(b"-")..)?;
        let mut word_buf = [0u8; 64];
        let qualifier = fold_key(std::str::from_utf8(hyphened).ok()?, &mut word_buf);
        if CODE_QUALIFIERS.contains(&qualifier) {
            return Some("code");
        }
    }
    let word = before.get(before.len() - word_len(b"")..)?;
    // Both halves of one word, compared in place: the word before, then the key.
    let (word_len, key_len) = (word.len(), key.len());
    let (_, rank) = SECRET_WORDS.iter().find(|(w, _)| {
        w.len() == word_len + key_len
            && w.get(..word_len)
                .is_some_and(|h| h.eq_ignore_ascii_case(word))
            && w.get(word_len..) == Some(key)
    })?;
    ["token", "code", "phone", "secret"]
        .get(*rank as usize)
        .copied()
}

/// `key`'s letters and digits, lower case, in `buf` (at most its length of them): keys are
/// compared without case or separators (`access_token`, `AccessToken`), without a `String`.
pub(crate) fn fold_key<'b>(key: &str, buf: &'b mut [u8]) -> &'b [u8] {
    let b = key.as_bytes();
    let mut n = 0;
    for (at, &c) in b.iter().enumerate() {
        let c = match c {
            c if c.is_ascii_alphanumeric() => c,
            // A full-width letter (`ｔｏｋｅｎ`) is the same key.
            0xEF => match b.get(at + 1..at + 3) {
                Some([0xBC, u @ 0xA1..=0xBA]) => u - 0xA1 + b'a',
                Some([0xBD, l @ 0x81..=0x9A]) => l - 0x81 + b'a',
                _ => continue,
            },
            _ => continue,
        };
        let Some(slot) = buf.get_mut(n) else {
            break;
        };
        *slot = c.to_ascii_lowercase();
        n += 1;
    }
    buf.get(..n).unwrap_or_default()
}

/// Whether a nested value may hold a secret, before parsing it: a key naming one
/// ([`names_secret`]) or a mobile number written in it, as written or with its escapes read
/// (`\u624b\u673a\u53f7138\u00a01234\u00a05678`, what Python's and PHP's JSON writers make
/// of 手机号138 1234 5678: the output writes it unescaped).
pub(super) fn mentions_secret(text: &str) -> bool {
    // A number with an exponent may print as one (`1.3812345678e10` is `13812345678.0`).
    let found = |t: &str| names_secret(t) || holds_phone(t) || has_exponent(t.as_bytes());
    found(text)
        || (memchr::memchr(b'\\', text.as_bytes()).is_some() && found(&super::scan::unescape(text)))
}

/// Whether a text writes a number with an exponent (`1.38e10`, `5E+3`) as a number of its
/// own: digits (and a dot) before the `e`, maybe a sign and digits after, and no letter or
/// digit around them (`0b6f3a1e-77c2`, a UUID's group, is none).
fn has_exponent(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied();
    let word = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_');
    b.iter().enumerate().any(|(i, &c)| {
        if !matches!(c, b'e' | b'E') || !at(i.wrapping_sub(1)).is_some_and(|d| d.is_ascii_digit()) {
            return false;
        }
        let before = b
            .get(..i)
            .unwrap_or_default()
            .iter()
            .rev()
            .take_while(|d| d.is_ascii_digit() || **d == b'.')
            .count();
        let sign = usize::from(matches!(at(i + 1), Some(b'+' | b'-')));
        let digits = b
            .get(i + 1 + sign..)
            .unwrap_or_default()
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count();
        digits > 0 && !word(at((i - before).wrapping_sub(1))) && !word(at(i + 1 + sign + digits))
    })
}

/// Whether a text holds a mobile number written in it (see [`mask_phones`]).
pub(super) fn holds_phone(text: &str) -> bool {
    first_phone(text.as_bytes()).is_some()
}

/// Whether a text may hold a key that names a secret: the text folded as keys are (so
/// `authorization_code` and `Access-Code` are found), with the same words as [`secret_kind`].
pub(super) fn names_secret(text: &str) -> bool {
    // Folded on the stack; a text with more letters and digits than that, into a `Vec`.
    const STACK: usize = 256;
    let mut stack = [0u8; STACK];
    let mut heap = Vec::new();
    let mut folded = fold_key(text, &mut stack);
    if folded.len() == STACK {
        heap.resize(text.len(), 0);
        folded = fold_key(text, &mut heap);
    }
    let has =
        |w: &[u8]| (0..folded.len()).any(|i| folded.get(i..).is_some_and(|r| r.starts_with(w)));
    first_secret_word(folded).is_some()
        || has(b"msisdn")
        || has(b"number")
        || has_whole_word(text.as_bytes())
        || (!text.is_ascii() && keyed::mentions_chinese_key(text))
}

/// Whether `text` holds one of the short keys of [`LAST_WORDS`] as a word of its own (`sid`,
/// `otp`, `smsOtp`, `session`, any case): with no letter or digit after it, and none or a
/// small letter before a capital: `STsid…`, the start of every China Mobile token, holds no
/// key.
fn has_whole_word(text: &[u8]) -> bool {
    let alnum = |i: Option<usize>| {
        i.and_then(|i| text.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    // A capital after a small letter or digit starts a word too (`smsOtp`).
    let starts = |i: usize| {
        !alnum(i.checked_sub(1))
            || (text.get(i).is_some_and(u8::is_ascii_uppercase)
                && i.checked_sub(1)
                    .and_then(|j| text.get(j))
                    .is_some_and(|c| !c.is_ascii_uppercase()))
    };
    (0..text.len()).any(|i| {
        [&b"sid"[..], b"vcode", b"otp", b"session", b"sessdata"]
            .iter()
            .any(|w| {
                text.get(i..i + w.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(w))
                    && starts(i)
                    && !alnum(Some(i + w.len()))
            })
    })
}

/// The kind of secret a field holds, by its key (`key_kind`, the key's [`secret_kind`]) or,
/// for a phone number, by its value.
pub(super) fn secret_in(key_kind: Option<&'static str>, value: &str) -> Option<&'static str> {
    // A phone number has at least 11 characters: most values are not looked at further.
    let kind =
        key_kind.or_else(|| (value.len() >= 11 && looks_like_phone(value)).then_some("phone"))?;
    (!is_null(value) && (kind != "phone" || holds_a_number(value))).then_some(kind)
}

/// Whether a value under a phone key is long enough to hold a phone number: masked or
/// encrypted, one has at least 7 characters (a landline without its area code; a mobile has
/// 11). A shorter one (Dypnsapi's `PhoneScore: 20`, `isPhone: true`) holds none and is kept.
fn holds_a_number(value: &str) -> bool {
    value.chars().nth(6).is_some()
}

/// At least 32 characters of base64/JWT alphabet with letters and digits, and not a UUID.
pub(crate) fn looks_like_token(s: &str) -> bool {
    let b = s.as_bytes();
    let alphabet =
        |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'_' | b'.' | b'-');
    // The cheap tests first: most messages are short, or hold a blank or a Chinese character.
    if b.len() < 32 || !b.iter().all(alphabet) {
        return false;
    }
    let uuid = b.len() == 36
        && b.iter().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    // Base64 pads with `=` at the end only: a `=` inside joins a key to a value
    // (`x-acs-request-id=8E7B…`, a whole message that is one field).
    let padded_only = !b.windows(2).any(|w| matches!(w, [b'=', c] if *c != b'='));
    padded_only
        && b.iter().any(u8::is_ascii_digit)
        && b.iter().any(u8::is_ascii_alphabetic)
        && !uuid
}

/// Whether a value is a login token as text ([`looks_like_token`]), as a `data` text is where
/// the Flutter plugins around PNS hand the app the token on success (CodeGather/flutter_ali_auth:
/// `resultFormatData(code, null, tokenRet.getToken())` on Android, `@"data": token` on iOS).
pub(crate) fn is_token_text(val: &Val<'_>) -> bool {
    match val {
        Val::Str(s) => looks_like_token(s),
        Val::Esc(s) => looks_like_token(&crate::normalize::scan::unescape(s)),
        Val::Bare(s) => looks_like_token(s),
        Val::Nested(_) => false,
    }
}

/// `<redacted {kind}: {n} chars>`, `n` the value's characters. Written piece by piece: through
/// `format!` it cost a success callback's token more than the rest of keeping it (callgrind).
pub(super) fn redacted(kind: &str, value: &str) -> String {
    // A count's digits, from the last: twenty hold any `usize`.
    let mut digits = [0u8; 20];
    let mut n = value.chars().count();
    let mut len = 0;
    for slot in digits.iter_mut().rev() {
        // `n % 10` is below 10: one digit.
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
        if n == 0 {
            break;
        }
    }
    let count = digits.get(digits.len() - len..).unwrap_or_default();
    let count = std::str::from_utf8(count).unwrap_or_default();
    let mut out = String::with_capacity(24 + kind.len());
    for piece in ["<redacted ", kind, ": ", count, " chars>"] {
        out.push_str(piece);
    }
    out
}

/// Whether a value says there is no secret: empty, a null of some language, or a placeholder
/// or state a log writes where the secret would be (`token: undefined`, `token = "<null>";`,
/// `token: expired`): keeping it keeps the fact that there was none.
fn is_null(value: &str) -> bool {
    const NONE: [&str; 20] = [
        "null",
        "(null)",
        "nil",
        "<null>",
        "<nil>",
        "none",
        "undefined",
        "n/a",
        "na",
        "empty",
        "expired",
        "invalid",
        "missing",
        "fail",
        "failed",
        "success",
        "true",
        "false",
        "0",
        "-1",
    ];
    let v = super::scan::trim(value);
    v.is_empty() || NONE.iter().any(|n| v.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests;
