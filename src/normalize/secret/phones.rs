//! Mobile numbers written in text (a message, a kept string, a request id): found by their
//! digits, wherever they sit among words, and redacted in place.

use std::borrow::Cow;

use super::wide::{grouped, next_wide_phone};
use super::{mask_text, redacted};
use crate::normalize::extra::redact_objects_in;
use crate::{ExtraValue, Normalized};

/// Redacts each mobile number written in the text of a result and of its causes: messages,
/// IDaaS template values, request ids, codes, and `extra`'s keys and text values (its JSON
/// values are redacted as they are kept, see `extra::kept_value`). Done once a callback is
/// resolved, so that its causes were read from the message as written: a number redacted
/// first could join or split the codes around it. A message holding an object with secret
/// fields (Getui's `msg`, JSON with `data.token` on success) has them redacted then too, and
/// so does one that writes a secret as `key=value` (`获取token成功 token=STsid…`) or holds a
/// token-like word (`mask_text`).
pub(crate) fn redact_numbers(n: &mut Normalized<'_>) {
    let mut cur = Some(n);
    while let Some(c) = cur {
        if let Some(t) = c.raw_msg.take() {
            c.raw_msg = Some(mask_text(redact_objects_in(t)));
        }
        if let Some(t) = c.request_id.take() {
            c.request_id = Some(super::mask_id(t));
        }
        c.code = super::mask_code(std::mem::take(&mut c.code), c.known);
        for value in c.params.iter_mut().flat_map(|p| p.values.iter_mut()) {
            mask_string(value);
        }
        for (key, value) in c.extra.iter_mut() {
            *key = mask_key(std::mem::take(key));
            if let ExtraValue::Text(t) = value {
                *t = mask_text(std::mem::take(t));
            }
        }
        cur = c.root_cause.as_deref_mut();
    }
}

/// A kept key with the mobile numbers and token-like words in it redacted: a payload that
/// writes a value where a key goes (`{"STsid…": 1}`, `{"13812345678": …}`) shows it there.
fn mask_key(key: Cow<'_, str>) -> Cow<'_, str> {
    super::words::mask_token_words(mask_phones(key))
}

/// [`mask_text`] on an owned string, in place: for the strings of kept JSON and IDaaS template
/// values, text as a message is.
fn mask_string(s: &mut String) {
    if let Cow::Owned(masked) = mask_text(Cow::Borrowed(s)) {
        *s = masked;
    }
}

/// Redacts the mobile numbers in a JSON value kept in `extra`: in its strings (in place) and
/// its keys, and a number that holds one (`13812345678`, `-13812345678`, `13812345678.0`)
/// becomes the redaction's string. serde_json parsed the value, so the recursion is bounded.
pub(crate) fn mask_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => mask_string(s),
        serde_json::Value::Number(number) => {
            let digits = number.to_string();
            if first_phone(digits.as_bytes()).is_some() {
                *v = serde_json::Value::String(redacted("phone", &digits));
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(mask_json),
        serde_json::Value::Object(map) => {
            if map
                .keys()
                .any(|k| matches!(mask_key(Cow::Borrowed(k)), Cow::Owned(_)))
            {
                *map = std::mem::take(map)
                    .into_iter()
                    .map(|(k, v)| (mask_key(Cow::Owned(k)).into_owned(), v))
                    .collect();
            }
            map.values_mut().for_each(mask_json);
        }
        serde_json::Value::Null | serde_json::Value::Bool(_) => {}
    }
}

/// `text` with each mobile number written in it redacted in place, as [`redacted`] redacts a
/// value (`手机号13812345678格式非法` → `手机号<redacted phone: 11 chars>格式非法`): for
/// messages and other free text, where a number sits among words. Borrowed when it holds none,
/// as almost every text does.
#[inline]
pub(crate) fn mask_phones(text: Cow<'_, str>) -> Cow<'_, str> {
    // Most texts (keys, codes, short messages) are shorter than a number: not even a call.
    if text.len() < 11 {
        return text;
    }
    mask_found(text)
}

fn mask_found(text: Cow<'_, str>) -> Cow<'_, str> {
    let mut numbers = Numbers::new(text.as_bytes()).peekable();
    if numbers.peek().is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut from = 0;
    for (start, end) in numbers {
        let number = text.get(start..end).unwrap_or_default();
        out.push_str(text.get(from..start).unwrap_or_default());
        out.push_str(&redacted("phone", number));
        from = end;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    Cow::Owned(out)
}

/// The spans of the mobile numbers in a text, in order and not overlapping: ASCII ones
/// ([`next_phone`]) and ones with a full-width digit ([`next_wide_phone`]). Each search goes
/// on from where it stopped, so a text is read once by each, however many numbers it holds.
struct Numbers<'b> {
    b: &'b [u8],
    ascii: Option<(usize, usize)>,
    wide: Option<(usize, usize)>,
}

impl<'b> Numbers<'b> {
    #[inline(always)]
    fn new(b: &'b [u8]) -> Self {
        // A number needs 11 ASCII digits, or a full-width one.
        let (eleven, lead) = census(b);
        let ascii = eleven.then(|| next_phone(b, 0)).flatten();
        let wide = lead.then(|| next_wide_phone(b, 0)).flatten();
        Numbers { b, ascii, wide }
    }
}

impl Iterator for Numbers<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        // The earlier of the two (two numbers never start at the same byte).
        let span = match (self.ascii, self.wide) {
            (Some(a), Some(w)) => a.min(w),
            (a, w) => a.or(w)?,
        };
        // The one taken, and the other if the two overlap, are looked for again after it.
        if self.ascii.is_some_and(|a| a.0 < span.1) {
            self.ascii = next_phone(self.b, span.1);
        }
        if self.wide.is_some_and(|w| w.0 < span.1) {
            self.wide = next_wide_phone(self.b, span.1);
        }
        Some(span)
    }
}

/// The byte span of the first mobile number in `b` at or after `from`, as written: 11 digits
/// `1[3-9]…` (after `86`, `+86` or `0086`: the span holds them), or grouped 3-4-4 or 3-8
/// ([`grouped`]: `138 1234 5678`, `138.1234-5678`, `(138)12345678`), with no digit on either
/// side. The hex digits of a `\uXXXX` escape just before are the escape's (JSON held in a
/// string, `\u53f7\u7801` 号码 then the number); digits inside a hex identifier are the
/// identifier's ([`inside_id`]).
fn next_phone(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(found) = first_digit(b, i) {
        let end = digits_end(b, found);
        // Past an escape first; then as written (`50%13812345678`: `%13` is no escape there).
        let span = [escape_end(b, found), Some(found)]
            .into_iter()
            .flatten()
            .find_map(|start| number_in_run(b, start, end));
        match span {
            Some((s, e)) if !inside_id(b, s, e) => return Some((s, e)),
            // A grouped number's parts are runs of their own: go on after its first.
            _ => i = end,
        }
    }
    None
}

/// The number that the ASCII digits from `start` to `end` make (with a `+` before `86`, or the
/// groups after a first one), if they make one.
fn number_in_run(b: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    match b.get(start..end).unwrap_or_default() {
        run if looks_like_phone_digits(run) => Some((start, end)),
        [b'8', b'6', rest @ ..] if looks_like_phone_digits(rest) => {
            let plus = start.checked_sub(1).filter(|&p| b.get(p) == Some(&b'+'));
            Some((plus.unwrap_or(start), end))
        }
        [b'0', b'0', b'8', b'6', rest @ ..] if looks_like_phone_digits(rest) => Some((start, end)),
        // The trunk prefix a landline dials before a mobile number in another city.
        [b'0', rest @ ..] if looks_like_phone_digits(rest) => Some((start, end)),
        [b'1', b'3'..=b'9', _] => grouped(b, start, end),
        _ => None,
    }
}

/// Where a `\uXXXX` (or NSDictionary's `\UXXXX`) escape ends, when `at` is one of its four
/// hex digits, or a URL's `%XX` or a byte escape's `\xXX` (Python's `bytes` repr, C) when `at`
/// is one of its two (`%E5%8F%B713812345678`, 号 then the number; `%2013812345678`, a space
/// then the number).
fn escape_end(b: &[u8], at: usize) -> Option<usize> {
    let unicode = (1..=4).find_map(|back| {
        let u = at.checked_sub(back)?;
        let escape = b.get(u.checked_sub(1)?..u + 5)?;
        let is_escape = matches!(escape, [b'\\', b'u' | b'U', hex @ ..] if hex.iter().all(u8::is_ascii_hexdigit));
        is_escape.then_some(u + 5)
    });
    unicode.or_else(|| {
        (1..=2).find_map(|back| {
            let p = at.checked_sub(back)?;
            let escape = b.get(p..p + 3)?;
            let mark = match escape.first()? {
                b'%' => true,
                b'x' => p.checked_sub(1).and_then(|q| b.get(q)) == Some(&b'\\'),
                _ => false,
            };
            let is_escape = mark && escape.get(1..)?.iter().all(u8::is_ascii_hexdigit);
            is_escape.then_some(p + 3)
        })
    })
}

/// The first mobile number in `b` ([`Numbers`]): ASCII ones are looked for only when `b` has
/// the 11 digits one needs (every message and kept text is searched, and almost none has that
/// many), ones with full-width digits where a full-width digit is.
pub(super) fn first_phone(b: &[u8]) -> Option<(usize, usize)> {
    Numbers::new(b).next()
}

/// What `b` may hold, in one pass eight bytes at a time: whether it has the 11 ASCII digits
/// an ASCII number needs, and whether it has a full-width digit's lead byte (`0xEF`; most
/// texts have none, and then no search for full-width digits is made).
#[inline(always)]
fn census(b: &[u8]) -> (bool, bool) {
    if b.len() < 11 {
        return (false, false);
    }
    // A count per byte lane, summed into the top byte by a multiply: every 16 words, while the
    // sum fits in it.
    let sum = |lanes: u64| (lanes.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    let whole = b.len() / 8 * 8;
    let (mut total, mut lead) = (0, 0);
    for block in b.get(..whole).unwrap_or_default().chunks(128) {
        let words = block.chunks_exact(8);
        let lanes: u64 = words
            .map(|w| <[u8; 8]>::try_from(w).map_or(0, u64::from_le_bytes))
            .map(|x| {
                lead |= lead_bits(x);
                digit_bits(x) >> 7
            })
            .sum();
        total += sum(lanes);
    }
    // The last eight bytes (b has 11 or more), of which the words did not count the last `rest`.
    let rest = b.len() - whole;
    if rest > 0 {
        let word = b.last_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
        let last = word & (u64::MAX << (8 * (8 - rest)));
        total += sum(digit_bits(last) >> 7);
        lead |= lead_bits(word);
    }
    (total >= 11, lead & 0x8080_8080_8080_8080 != 0)
}

/// The zero-byte test of `x` XOR `0xEF` in every byte, before its mask of high bits (applied
/// once to all words' bits together): a high bit set where a byte of `x` is `0xEF`.
fn lead_bits(x: u64) -> u64 {
    let v = x ^ 0xEFEF_EFEF_EFEF_EFEF;
    v.wrapping_sub(0x0101_0101_0101_0101) & !v
}

/// The high bit of each byte of `x` that is an ASCII digit: eight bytes looked at at once.
fn digit_bits(x: u64) -> u64 {
    // Per byte, no carry between bytes: its low 7 bits plus 0x50 reach 0x80 from '0' on,
    // plus 0x46 from past '9'; a byte with its own high bit set is no ASCII digit.
    let low = x & 0x7f7f_7f7f_7f7f_7f7f;
    (low + 0x5050_5050_5050_5050) & !(low + 0x4646_4646_4646_4646) & !x & 0x8080_8080_8080_8080
}

/// The first ASCII digit in `b` at or after `from`, eight bytes at a time.
fn first_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let digits = digit_bits(u64::from_le_bytes(*chunk));
        if digits != 0 {
            return Some(i + digits.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    let rest = b.get(i..)?;
    rest.iter().position(u8::is_ascii_digit).map(|k| i + k)
}

/// The end of the run of ASCII digits starting at `start`.
fn digits_end(b: &[u8], start: usize) -> usize {
    (start..b.len())
        .find(|&k| !b.get(k).is_some_and(u8::is_ascii_digit))
        .unwrap_or(b.len())
}

/// Whether the span lies in an identifier: its word (letters and digits around it) is hex
/// with a letter, and either long (a trace id, a hash: 16 or more) or the last group of a
/// UUID (`0b6f3a1e-77c2-4d1a-9f3e-a13812345678`). A word with other letters (`phone`, `user`,
/// `trace`) is words around a number. The word is looked at 64 bytes either way at most, so
/// that a long run of numbers costs each of them the same.
fn inside_id(b: &[u8], start: usize, end: usize) -> bool {
    const REACH: usize = 64;
    let before = b
        .get(start.saturating_sub(REACH)..start)
        .unwrap_or_default();
    let after = b.get(end..).unwrap_or_default();
    let left = before
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let right = after
        .iter()
        .take(REACH)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let (from, to) = (start - left, end + right);
    let word = b.get(from..to).unwrap_or_default();
    let hex_id = word.iter().all(u8::is_ascii_hexdigit) && word.iter().any(u8::is_ascii_alphabetic);
    let last_group = || is_uuid(from.checked_sub(24).and_then(|f| b.get(f..to)));
    (hex_id && (word.len() >= 16 || last_group())) || in_uuid(b, start, end)
}

/// Whether the span lies across a UUID's groups (`3f2a9b7c-a138-1234-5678-9abcdef01234`).
fn in_uuid(b: &[u8], start: usize, end: usize) -> bool {
    (start.saturating_sub(35)..=start)
        .filter(|&p| p + 36 >= end)
        .any(|p| is_uuid(b.get(p..p + 36)))
}

/// Whether `b` is a UUID's text: hex in groups of 8-4-4-4-12.
fn is_uuid(b: Option<&[u8]>) -> bool {
    b.is_some_and(|b| {
        b.len() == 36
            && b.iter().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_hexdigit(),
            })
    })
}

/// An 11-digit mainland mobile number (1[3-9]xxxxxxxxx), maybe after +86/86.
pub(crate) fn looks_like_phone(value: &str) -> bool {
    let v = crate::normalize::scan::trim(value);
    let v = v
        .strip_prefix("+86")
        .or_else(|| v.strip_prefix("86"))
        .filter(|r| r.len() == 11)
        .unwrap_or(v);
    looks_like_phone_digits(v.as_bytes())
}

/// 11 ASCII digits, `1[3-9]…`.
fn looks_like_phone_digits(b: &[u8]) -> bool {
    b.len() == 11
        && b.first() == Some(&b'1')
        && b.get(1).is_some_and(|c| (b'3'..=b'9').contains(c))
        && b.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests;
