//! Secrets in a payload: which keys name a credential or a person's number, and how a value is
//! redacted (kept as its kind and length, see [`ExtraValue`](crate::ExtraValue)).

mod elements;
mod keyed;
mod phones;
mod prose;
mod wide;
mod words;

use phones::first_phone;

use crate::normalize::scan::Val;
pub(crate) use phones::{looks_like_phone, mask_json, mask_phones, redact_numbers};

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
/// numbers, `key=value` secrets, values in prose (`验证码是482913`, `password is hunter22`)
/// and in XML elements (`<token>…</token>`), then token-like words, which also catches a long
/// token after words rather than a separator (`token为STsid…`, `The token STsid… has failed`).
pub(crate) fn mask_text(text: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    let text = keyed::mask_keyed(mask_phones(text));
    // One pass says which of the rarer readings a text needs (most need none).
    let class = prose::classes(text.as_bytes());
    let text = match prose::may_hold(class) {
        true => prose::mask_prose(text),
        false => text,
    };
    let text = match class & prose::LT != 0 {
        true => elements::mask_elements(text),
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
    // How the key ends is looked at only when it names a secret, as few keys do.
    kind.filter(|_| !describes(folded))
}

/// Whether a key names something about a secret rather than the secret (`tokenType`,
/// `tokenExpiresIn`, `pwdErrorCount`, `phoneModel`, `token_endpoint`, `passwordHint`): by how
/// it ends.
fn describes(folded: &[u8]) -> bool {
    const ABOUT: [&[u8]; 43] = [
        b"type",
        b"count",
        b"time",
        b"times",
        b"days",
        b"expiresin",
        b"expire",
        b"expires",
        b"expired",
        b"status",
        b"state",
        b"length",
        b"size",
        b"failed",
        b"model",
        b"brand",
        b"network",
        b"operator",
        b"enabled",
        b"set",
        b"url",
        b"version",
        // Where a token comes from or is fetched, when it expires, how long it is, the rules
        // and reminders of a password.
        b"endpoint",
        b"expiresat",
        b"expireat",
        b"expiry",
        b"ttl",
        b"len",
        b"source",
        b"policy",
        b"hint",
        // When it was made, how a check of it went, what was said about it
        // (`sessionIdCreatedAt`, `captchaResult`, `validateCodeMsg`).
        b"at",
        b"result",
        b"msg",
        b"message",
        // How often one may be asked for, what the page tells the user about it, its rules,
        // whether it is cached (`smsCodeInterval`, `verifyCodeTips`, `passwordRule`).
        b"interval",
        b"tip",
        b"tips",
        b"rule",
        b"rules",
        b"cache",
        // How long one may take (`tokenTimeout`, `token_timeout_ms`).
        b"timeout",
        b"timeoutms",
    ];
    ABOUT.iter().any(|end| folded.ends_with(end))
}

/// [`secret_kind`] for a key written before a value in text: there the key must end with one
/// of [`SECRET_WORDS`] (`accessToken=`, `session_token:`), or be a whole key's name
/// ([`whole_key_kind`]: `msisdn`, `sid`, `otp`...), so that
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

/// The words that name a secret in a key (folded: lower case, letters and digits), with the
/// rank of their kind: 0 token, 1 code, 2 phone, 3 secret. The one list, for keys in payloads,
/// keys written in text and the texts that may hold them.
const SECRET_WORDS: [(&[u8], u32); 29] = [
    (b"token", 0),
    (b"jwt", 0),
    (b"ticket", 0),
    // A session cookie (`JSESSIONID`, PHP's `PHPSESSID`) or id logs in as a token does.
    (b"sessionid", 0),
    (b"sessid", 0),
    (b"accesscode", 1),
    (b"authcode", 1),
    (b"authorizationcode", 1),
    // Getui OneLogin's iOS `OLGWAuthKey`: the gateway's auth code, as `authcode` is.
    (b"gwauth", 1),
    // A one-time SMS code is a credential too.
    (b"smscode", 1),
    (b"verifycode", 1),
    (b"verificationcode", 1),
    // Other names of SMS and one-time codes; not `otp`, `pin` or `code` alone, which sit
    // inside other words (`option`, `spinner`, `resultCode`), nor `captcha` or `validcode`
    // (`captchaId` and `captchaAppId` are public settings, `invalidCode` a result code).
    (b"captchacode", 1),
    (b"validatecode", 1),
    (b"checkcode", 1),
    (b"dynamiccode", 1),
    (b"securitycode", 1),
    (b"passcode", 1),
    (b"otpcode", 1),
    (b"phone", 2),
    (b"mobile", 2),
    (b"password", 3),
    (b"passwd", 3),
    (b"pwd", 3),
    (b"secret", 3),
    (b"authorization", 3),
    (b"apikey", 3),
    (b"sessionkey", 3),
    (b"credential", 3),
];

/// For each byte, the [`SECRET_WORDS`] that start with it, as bits of their index.
const WORDS_BY_FIRST: [u32; 256] = {
    assert!(SECRET_WORDS.len() <= 32, "one bit per word");
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < SECRET_WORDS.len() {
        t[SECRET_WORDS[i].0[0] as usize] |= 1 << i;
        i += 1;
    }
    t
};

/// The kind of the secret words ([`SECRET_WORDS`]) in `folded` text, the first in rank order
/// when there are several (a `phoneToken` is a token): token, code, phone, secret. A `const
/// fn`, so that the build can hold the key table to it (`keys.rs`).
const fn first_secret_word(folded: &[u8]) -> Option<&'static str> {
    // One pass, each word tried only where its first letter is: most keys name no secret, and
    // this runs for every kept field of an unknown key.
    // Bit `rank` set for each word found: the lowest set bit is the first kind in order.
    let mut found = 0u32;
    let mut rest = folded;
    while let Some((first, tail)) = rest.split_first() {
        // The words that start with this letter, as bits of their index.
        let mut words = WORDS_BY_FIRST[*first as usize];
        while words != 0 {
            let i = words.trailing_zeros() as usize;
            words &= words - 1;
            let (word, rank) = SECRET_WORDS[i];
            if starts_with(rest, word) {
                found |= 1 << rank;
            }
        }
        rest = tail;
    }
    match found.trailing_zeros() {
        0 => Some("token"),
        1 => Some("code"),
        2 => Some("phone"),
        3 => Some("secret"),
        _ => None,
    }
}

/// Whether `s` starts with `prefix` (a `const fn`; the words are short).
const fn starts_with(s: &[u8], prefix: &[u8]) -> bool {
    let (mut s, mut p) = (s, prefix);
    loop {
        match (s.split_first(), p.split_first()) {
            (_, None) => return true,
            (Some((a, s_rest)), Some((b, p_rest))) if *a == *b => {
                s = s_rest;
                p = p_rest;
            }
            _ => return false,
        }
    }
}

/// Whether any of `names` (folded keys) names a secret, as [`secret_kind`] reads a key.
pub(crate) const fn any_names_secret(names: &[&str]) -> bool {
    let mut rest = names;
    while let Some((name, more)) = rest.split_first() {
        let b = name.as_bytes();
        if first_secret_word(b).is_some() || whole_key_kind(b).is_some() {
            return true;
        }
        rest = more;
    }
    false
}

/// The kind of secret named by keys that name one only as a whole key, since their words sit
/// inside other words (`inside`, `option`): `msisdn` and `number` a phone number, `sid` a
/// session (as `sessionid`), `vcode` and `otp` a one-time code.
const fn whole_key_kind(folded: &[u8]) -> Option<&'static str> {
    match folded {
        b"msisdn" | b"number" => Some("phone"),
        b"sid" => Some("token"),
        b"vcode" | b"otp" => Some("code"),
        _ => None,
    }
}

/// Whether the key `key` written at `at` in `b` ends the name of a credential, as `mask_keyed`
/// reads one: with the characters of a key before it (`otp-code`, `X-Verify-Code`, `sms_code`)
/// or the word before it (`sms code`). What follows is the credential, not a result code.
pub(crate) fn names_credential(b: &[u8], at: usize, key: &str) -> bool {
    let head = b.get(..at + key.len()).unwrap_or_default();
    let len = head
        .iter()
        .rev()
        .take(64)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        .count();
    let whole = head.get(head.len() - len..).unwrap_or_default();
    std::str::from_utf8(whole).is_ok_and(|k| text_key_kind(k).is_some())
        || spaced_key_kind(b.get(..at).unwrap_or_default(), key).is_some()
}

/// The short keys of [`whole_key_kind`] that also name a secret as a key's last word, after a
/// separator or a capital (`sms_otp`, `smsOtp`, `X-Sid`, `user_msisdn`; not `number`, which ends
/// `orderNumber`), and their kinds.
const LAST_WORDS: [(&[u8], &str); 4] = [
    (b"sid", "token"),
    (b"otp", "code"),
    (b"vcode", "code"),
    (b"msisdn", "phone"),
];

/// The kind of secret `key`'s last word names ([`LAST_WORDS`]), `folded` being the key folded.
/// Not inside a word (`bssid`, `totp`, `BSSID`: no separator or capital starts it).
fn last_word_kind(key: &str, folded: &[u8]) -> Option<&'static str> {
    let (word, kind) = LAST_WORDS.iter().find(|(w, _)| folded.ends_with(w))?;
    let raw = key.as_bytes();
    // Where the word starts in the key: its letters are the key's last ones.
    let (at, first) = raw
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, c)| c.is_ascii_alphanumeric())
        .nth(word.len() - 1)?;
    let starts = match at.checked_sub(1).and_then(|i| raw.get(i)) {
        None => true,
        Some(c) if !c.is_ascii_alphanumeric() => true,
        Some(c) => !c.is_ascii_uppercase() && first.is_ascii_uppercase(),
    };
    starts.then_some(*kind)
}

/// The kind of secret a key written as two words names (`sms code: 482913`, `access code=…`):
/// the word before `key`, one blank apart, and `key` make one of [`SECRET_WORDS`] exactly.
/// `None` when they make none (`result code:`, and `loginAuth code=6001`: a log's words, not
/// an auth code).
pub(crate) fn spaced_key_kind(before: &[u8], key: &str) -> Option<&'static str> {
    let before = before.strip_suffix(b" ")?;
    let len = before
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let word = before.get(before.len() - len..)?;
    let mut key_buf = [0u8; 64];
    let key = fold_key(key, &mut key_buf);
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
    let mut n = 0;
    for &c in key.as_bytes() {
        if !c.is_ascii_alphanumeric() {
            continue;
        }
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
    let found = |t: &str| names_secret(t) || holds_phone(t);
    found(text)
        || (memchr::memchr(b'\\', text.as_bytes()).is_some() && found(&super::scan::unescape(text)))
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

/// Whether `text` holds one of the short keys that [`whole_key_kind`] reads as a whole word
/// (`sid`, `vcode`, `otp`, any case), with no letter or digit on either side: `STsid…`, the
/// start of every China Mobile token, holds no key.
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
        [&b"sid"[..], b"vcode", b"otp"].iter().any(|w| {
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
    b.len() >= 32
        && padded_only
        && b.iter().all(alphabet)
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

pub(super) fn redacted(kind: &str, value: &str) -> String {
    format!("<redacted {kind}: {} chars>", value.chars().count())
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
