//! Secrets written in prose, where a verb and not a separator links the key to its value: an
//! SMS copied into a log (`您的验证码是482913，5分钟内有效`, `验证码 482913`), a sentence
//! (`your verification code is 482913`, `password was hunter22`, `token为abc123`). The keys are
//! the ones [`mask_keyed`](super::keyed::mask_keyed) reads before a separator; what such a
//! sentence says of a secret rather than its value (`password is incorrect`, `验证码为6位数字`,
//! `验证码60秒后可重新获取`) is kept: a value here holds a digit and 4 characters or more.

use std::borrow::Cow;

use super::keyed::{chinese_code_names, kind_before};
use super::splice;

/// The fewest characters of a value in prose: what is shorter says how long a secret is or how
/// often one may be asked for (`密码是8位`, `验证码1次`).
const SHORTEST: usize = 4;

/// What a byte is, for the one pass over a text that says which readings to make: a digit (or
/// the lead byte 0xEF of a full-width one), a blank (before `is`, `was`), the lead byte of a
/// Chinese character (U+4E00..U+9FFF start with 0xE4..=0xE9), a `<` (an XML element's).
pub(super) const DIGIT: u8 = 1;
pub(super) const BLANK: u8 = 2;
pub(super) const CJK: u8 = 4;
pub(super) const LT: u8 = 8;
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 {
            b'0'..=b'9' | 0xEF => DIGIT,
            b' ' => BLANK,
            0xE4..=0xE9 => CJK,
            b'<' => LT,
            _ => 0,
        };
        c += 1;
    }
    t
};

/// The classes ([`DIGIT`], [`BLANK`], [`CJK`], [`LT`]) of the bytes of `b`, together.
pub(super) fn classes(b: &[u8]) -> u8 {
    b.iter().fold(0, |all, c| all | CLASS[usize::from(*c)])
}

/// Whether a text of these [`classes`] may hold a value in prose: it holds a digit, and a blank
/// or a Chinese character.
pub(super) fn may_hold(class: u8) -> bool {
    class & DIGIT != 0 && class & (BLANK | CJK) != 0
}

/// `text` with each value written after a secret key and a linking word redacted in place, and
/// each code written right after a Chinese name of a one-time code (`验证码482913`). Borrowed
/// when there is none. For a text that [`may_hold`] one.
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
        match rest {
            // `码`, `碼`: where every Chinese name of a one-time code ends.
            [0xE7, 0xA0, 0x81, ..] | [0xE7, 0xA2, 0xBC, ..] => {
                spans.extend(code_after_name(b, at + 3))
            }
            _ => spans.extend(linked_value(b, at)),
        }
        // Past the blank, or the whole Chinese character (three bytes).
        at += if rest.first() == Some(&b' ') { 1 } else { 3 };
    }
    splice(text, spans)
}

/// The value linked to a secret key by the word at `at` (`password is …`, `验证码是…`): Chinese
/// `是`, `为` (`為`), English `is` and `was` after a blank (the blank is the key's end). The
/// value is looked for first: most such words are no key's (`因为`, `this is a`).
fn linked_value(b: &[u8], at: usize) -> Option<(usize, usize, &'static str)> {
    let (word, blank) = match b.get(at..)? {
        [b' ', b'i', b's', b' ', ..] => (3, 1),
        [b' ', b'w', b'a', b's', b' ', ..] => (4, 1),
        [0xE6, 0x98, 0xAF, ..] | [0xE4, 0xB8, 0xBA, ..] | [0xE7, 0x82, 0xBA, ..] => (3, 0),
        _ => return None,
    };
    let (start, end) = value_at(b, at + word + blank)?;
    let kind = kind_before(b, at + word)?.kind;
    (kind != "phone").then_some((start, end, kind))
}

/// The code written right after a Chinese name of a one-time code that ends at `end`
/// (`验证码482913`, `验证码 482913`): it starts with a digit (`校验码x65E0` holds none), and
/// the name is not what is needed (`需要验证码`, as `chinese_kind` reads it).
fn code_after_name(b: &[u8], end: usize) -> Option<(usize, usize, &'static str)> {
    let head = b.get(..end)?;
    let name = chinese_code_names().find(|n| head.ends_with(n.as_bytes()))?;
    if b.get(..end - name.len())
        .is_some_and(|h| h.ends_with("需要".as_bytes()))
    {
        return None;
    }
    let (start, value_end) = value_at(b, end)?;
    let digit = b
        .get(start)
        .is_some_and(|c| c.is_ascii_digit() || *c == 0xEF);
    digit.then_some((start, value_end, "code"))
}

/// The value that starts at `from` (after blanks, the full-width space included), and its end:
/// a word of letters, digits and a token's marks (`-`, `_`, `+`, `/`, `=`; a `.` only inside,
/// not the sentence's full stop), in ASCII or full width. `None` when there is none, or
/// it is no value (see the module's words); or a separator follows, after which
/// `mask_keyed` has read the value.
fn value_at(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut start = from;
    loop {
        match b.get(start..)? {
            [b' ' | b'\t', ..] => start += 1,
            [0xE3, 0x80, 0x80, ..] => start += 3,
            _ => break,
        }
    }
    let (mut end, mut chars, mut digit) = (start, 0, false);
    loop {
        match b.get(end..).unwrap_or_default() {
            [c, ..] if c.is_ascii_alphanumeric() || b"-_+/=".contains(c) => {
                digit |= c.is_ascii_digit();
                end += 1;
            }
            [b'.', c, ..] if c.is_ascii_alphanumeric() => end += 1,
            // Full-width digits and letters (`４８２９１３`).
            [0xEF, 0xBC, c @ (0x90..=0x99 | 0xA1..=0xBA), ..] => {
                digit |= (0x90..=0x99).contains(c);
                end += 3;
            }
            [0xEF, 0xBD, 0x81..=0x9A, ..] => end += 3,
            _ => break,
        }
        chars += 1;
    }
    (digit && chars >= SHORTEST).then_some((start, end))
}

#[cfg(test)]
mod tests;
