//! Secrets written in prose, where a verb and not a separator links the key to its value: an
//! SMS copied into a log (`您的验证码是482913，5分钟内有效`, `验证码 482913`), a sentence
//! (`your verification code is 482913`, `password was hunter22`, `token为abc123`). The keys are
//! the ones [`mask_keyed`](super::keyed::mask_keyed) reads before a separator; what such a
//! sentence says of a secret rather than its value (`password is incorrect`, `验证码为6位数字`,
//! `验证码60秒后可重新获取`) is kept: a value here holds a digit and 4 characters or more.

use std::borrow::Cow;

use super::keyed::{chinese_code_names, chinese_kind, key_before, kind_before};
use super::{spaced_key_kind, splice, text_key_kind};

mod value;
use value::{value_after, word as word_at, Value};

/// What a byte is, for the one pass over a text that says which readings to make: a digit (or
/// the lead byte 0xEF of a full-width one), a blank (before `is`, `was`), the lead byte of a
/// Chinese character (U+4E00..U+9FFF start with 0xE4..=0xE9), a `<` (an XML element's), a line
/// break (a multipart form's).
pub(super) const DIGIT: u8 = 1;
pub(super) const BLANK: u8 = 2;
pub(super) const CJK: u8 = 4;
pub(super) const LT: u8 = 8;
pub(super) const NL: u8 = 16;
/// `&`, `\` and the first byte of a full-width form: what an encoded key starts with
/// ([`encoded`](super::encoded)).
pub(super) const ENCODED: u8 = 32;
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 {
            b'0'..=b'9' => DIGIT,
            0xEF => DIGIT | ENCODED,
            b'&' | b'\\' => ENCODED,
            b' ' => BLANK,
            0xE4..=0xE9 => CJK,
            b'<' => LT,
            b'\n' => NL,
            _ => 0,
        };
        c += 1;
    }
    t
};

/// The classes ([`DIGIT`], [`BLANK`], [`CJK`], [`LT`], [`NL`], [`ENCODED`]) of the bytes of `b`, together.
pub(super) fn classes(b: &[u8]) -> u8 {
    b.iter().fold(0, |all, c| all | CLASS[usize::from(*c)])
}

/// Whether a text of these [`classes`] may hold a value in prose: it holds a digit, and a blank
/// or a Chinese character.
pub(super) fn may_hold(class: u8) -> bool {
    class & DIGIT != 0 && class & (BLANK | CJK) != 0
}

/// `text` with each value written after a secret key and a linking word redacted in place
/// (`验证码是482913`), each written before a linking word and a secret's name (`482913是您的验证码`,
/// `482913 is your verification code`), and each code written right after a Chinese name of a
/// one-time code (`验证码482913`). Borrowed when there is none. For a text that [`may_hold`]
/// one.
pub(super) fn mask_prose(text: Cow<'_, str>) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut at = 0;
    // From one blank or Chinese character to the next (a search per word cost more to set up
    // than these short texts take to read).
    while let Some(skip) = b.get(at..).and_then(|r| {
        r.iter()
            .position(|c| CLASS[usize::from(*c)] & (BLANK | CJK) != 0)
    }) {
        at += skip;
        let rest = b.get(at..).unwrap_or_default();
        let span = match rest {
            // `码`, `碼`: where every Chinese name of a one-time code ends.
            [0xE7, 0xA0, 0x81, ..] | [0xE7, 0xA2, 0xBC, ..] => {
                code_after_name(b, at + 3).or_else(|| code_before_name(b, at + 3))
            }
            _ => link_len(rest)
                .and_then(|word| {
                    linked_value(b, at, word).or_else(|| value_before_words(b, at, word))
                })
                .or_else(|| value_after_name(b, at)),
        };
        spans.extend(span);
        // Past the blank, or the whole Chinese character (three bytes).
        at += if rest.first() == Some(&b' ') { 1 } else { 3 };
    }
    splice(text, spans)
}

/// The length of the linking word `rest` starts with: Chinese `是`, `为` (`為`), English `is`,
/// `was`, `to` (`set to`, see `key_end`) and `as` (`use 482913 as your code`) after a blank and
/// before one, in any case.
fn link_len(rest: &[u8]) -> Option<usize> {
    match rest {
        [0xE6, 0x98, 0xAF, ..] | [0xE4, 0xB8, 0xBA, ..] | [0xE7, 0x82, 0xBA, ..] => Some(3),
        // Only a word that starts as one of them does is read: most words after a blank do not.
        [b' ', first, ..] if matches!(first | 0x20, b'i' | b'w' | b't' | b'a') => {
            let after = rest.get(1..)?;
            let word = after.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            let linking = [&b"is"[..], b"was", b"to", b"as"]
                .iter()
                .any(|w| after.get(..word).is_some_and(|r| r.eq_ignore_ascii_case(w)));
            let blank_after = matches!(after.get(word), Some(b' ' | b'\t'));
            (linking && blank_after).then_some(1 + word)
        }
        _ => None,
    }
}

/// The value that the word at `at` (of `word` bytes) links a secret key before it to
/// (`password is …`, `验证码是…`, `密码已重置为…`). The value is read first: most such words are
/// no key's (`因为`, `this is a`).
fn linked_value(b: &[u8], at: usize, word: usize) -> Option<(usize, usize, &'static str)> {
    let v = value_after(b, at + word)?;
    let kind = kind_before(b, at + word)?.kind;
    (kind != "phone" && v.may_be(kind, b)).then_some((v.start, v.end, kind))
}

/// The value written before the English linking word at `at` when a secret's name ends the
/// words after it (`482913 is your verification code`, `G-482913 is your Google verification
/// code`, `hunter22 is your password`). The Chinese forms are read back from the name
/// ([`code_before_name`]).
fn value_before_words(b: &[u8], at: usize, word: usize) -> Option<(usize, usize, &'static str)> {
    if b.get(at) != Some(&b' ') {
        return None;
    }
    let kind = name_in_words(b.get(at + word..)?)?;
    value_ending(b, at)
        .filter(|v| v.may_be(kind, b))
        .map(|v| (v.start, v.end, kind))
}

/// The value of letters, digits, `-` and `_` that ends at `end`, if one does.
fn value_ending(b: &[u8], end: usize) -> Option<Value> {
    let len = b
        .get(..end)?
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
        .count();
    let v = word_at(b, end - len);
    (v.end == end).then_some(v)
}

/// The value written one blank after a secret's name, with no separator between
/// (`verification code 482913`, `SMS code 482913`, `OTP 482913`, `passcode 482913`,
/// `pwd hunter22`, `密码 hunter22`, `token STsid0001`, `Bearer eyJ…`): after a code's or a
/// password's name, 4 to 8 digits ([`Value::is_code`]) or a value of more than digits that may
/// be the secret ([`Value::may_be`]: a digit and 4 characters; no unit, range, date, version or format;
/// after a token's name, not digits alone, which are a result code: `token 600011`). After a
/// result code's name (`error code 600011`) or a bare `code` it is kept.
fn value_after_name(b: &[u8], at: usize) -> Option<(usize, usize, &'static str)> {
    // After a blank only; the value first: most words after one hold no digit, and no key is
    // looked for.
    match b.get(at..)? {
        // A word of a value's ASCII characters: read only if it holds a digit.
        [b' ', rest @ ..] if rest.first().is_some_and(u8::is_ascii_alphanumeric) => {
            let mut word = rest
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || b"-_+/=.".contains(c));
            if !word.any(u8::is_ascii_digit) {
                return None;
            }
        }
        // Or what else a value may start with: a token's marks, a quote or bracket, a blank
        // more, a full-width character.
        [b' ', c, ..] if b" \t-_+/=.\"'[(\xE2\xE3\xEF".contains(c) => {}
        _ => return None,
    }
    let v = value_after(b, at).filter(Value::may_hold_secret)?;
    let kind = name_kind(b.get(..at)?)?;
    let fits = match kind {
        // Digits alone are a code only as long as one (`sms code 123456789` is some number).
        "code" | "secret" => v.is_code(b) || (!v.is_number() && v.may_be(kind, b)),
        "token" => v.may_be(kind, b),
        _ => false,
    };
    fits.then_some((v.start, v.end, kind))
}

/// The kind of secret whose name `head` ends with: an ASCII key or two words
/// ([`text_key_kind`], [`spaced_key_kind`]), an HTTP scheme's `Bearer`, or a Chinese name
/// ([`chinese_kind`]: `密码`, `令牌`).
fn name_kind(head: &[u8]) -> Option<&'static str> {
    match *head.last()? {
        c if c.is_ascii_alphabetic() => {
            let (key_at, key) = key_before(head)?;
            if key.eq_ignore_ascii_case("bearer") {
                return Some("token");
            }
            text_key_kind(key).or_else(|| spaced_key_kind(head.get(..key_at)?, key))
        }
        // A Chinese code's name is read with the code right after it (`code_after_name`).
        c if c >= 0x80 => chinese_kind(head).filter(|k| *k != "code"),
        _ => None,
    }
}

/// The code written before a Chinese name of a one-time code that ends at `end`, with at most
/// twelve characters of words between (`482913是您的验证码`, `482913 为您的登录验证码`,
/// `G-482913是您的Google验证码`, `482913（QQ验证码）`, `482913短信登录验证码`): Chinese
/// characters, ASCII letters, blanks and opening brackets; the code right before them, in
/// brackets or quotes or not (`【482913】是您的验证码`).
fn code_before_name(b: &[u8], end: usize) -> Option<(usize, usize, &'static str)> {
    let head = b.get(..end)?;
    let name = chinese_code_names().find(|n| head.ends_with(n.as_bytes()))?;
    let mut at = end - name.len();
    let mut between = 0;
    loop {
        at -= match b.get(..at)? {
            // A Chinese character (its lead byte is no continuation byte), `（`, `【`.
            [.., 0xE4..=0xE9, _, _] | [.., 0xEF, 0xBC, 0x88] | [.., 0xE3, 0x80, 0x90] => 3,
            [.., c] if c.is_ascii_alphabetic() || matches!(c, b' ' | b'(' | b'[') => 1,
            _ => break,
        };
        between += 1;
        if between > 12 {
            return None;
        }
    }
    // A closing bracket or quote right after the code: `】`, `”`, `]`, `)`, `"`.
    let close = match b.get(..at)? {
        [.., 0xE3, 0x80, 0x91] | [.., 0xE2, 0x80, 0x9D] => 3,
        [.., b']' | b')' | b'"'] => 1,
        _ => 0,
    };
    let v = value_ending(b, at - close)?;
    v.may_be("code", b).then_some((v.start, v.end, "code"))
}

/// The kind of the secret that the English words `rest` starts with end in (`your
/// verification code.`, `your password`): letters and blanks, at most six words.
fn name_in_words(rest: &[u8]) -> Option<&'static str> {
    let len = rest
        .iter()
        .take(60)
        .take_while(|c| c.is_ascii_alphabetic() || **c == b' ')
        .count();
    let words = rest.get(..len)?.trim_ascii();
    if words.split(|c| *c == b' ').count() > 6 {
        return None;
    }
    let last = words.rsplit(|c| *c == b' ').next()?;
    let before = words.get(..words.len() - last.len())?;
    // `your … code` (`482913 is your Instagram code`): the code is the reader's own.
    let yours = last.eq_ignore_ascii_case(b"code")
        && words
            .split(|c| *c == b' ')
            .any(|w| w.eq_ignore_ascii_case(b"your"));
    let last = std::str::from_utf8(last).ok()?;
    let kind = text_key_kind(last).or_else(|| spaced_key_kind(before, last));
    kind.or(yours.then_some("code"))
}

/// The code written right after a Chinese name of a one-time code that ends at `end`
/// (`验证码482913`, `验证码 482913`, `验证码【482913】`): 4 to 8 digits ([`Value::is_code`]),
/// where the name is not what is needed (`需要验证码`, as `chinese_kind` reads it).
fn code_after_name(b: &[u8], end: usize) -> Option<(usize, usize, &'static str)> {
    let head = b.get(..end)?;
    let name = chinese_code_names().find(|n| head.ends_with(n.as_bytes()))?;
    if b.get(..end - name.len())
        .is_some_and(|h| h.ends_with("需要".as_bytes()))
    {
        return None;
    }
    let v = value_after(b, end)?;
    v.is_code(b).then_some((v.start, v.end, "code"))
}

#[cfg(test)]
mod tests;
