//! Mobile numbers written in text (a message, a kept string, a request id): found by their
//! digits, wherever they sit among words, and redacted in place.

use std::borrow::Cow;

use super::keyed::mask_keyed;
use super::redacted;
use super::wide::{grouped, next_wide_phone};
use crate::normalize::extra::redact_objects_in;
use crate::{ExtraValue, Normalized};

/// Redacts each mobile number written in the text of a result and of its causes: messages,
/// IDaaS template values, request ids, codes, and `extra`'s keys and text values (its JSON
/// values are redacted as they are kept, see `extra::kept_value`). Done once a callback is
/// resolved, so that its causes were read from the message as written: a number redacted
/// first could join or split the codes around it. A message holding an object with secret
/// fields (Getui's `msg`, JSON with `data.token` on success) has them redacted then too, and
/// so does one that writes a secret as `key=value` (`获取token成功 token=STsid…`).
pub(crate) fn redact_numbers(n: &mut Normalized<'_>) {
    let mut cur = Some(n);
    while let Some(c) = cur {
        if let Some(t) = c.raw_msg.take() {
            c.raw_msg = Some(mask_keyed(mask_phones(redact_objects_in(t))));
        }
        if let Some(t) = c.request_id.take() {
            c.request_id = Some(mask_keyed(mask_phones(t)));
        }
        c.code = mask_phones(std::mem::take(&mut c.code));
        for value in c.params.iter_mut().flat_map(|p| p.values.iter_mut()) {
            mask_string(value);
        }
        for (key, value) in c.extra.iter_mut() {
            *key = mask_phones(std::mem::take(key));
            if let ExtraValue::Text(t) = value {
                *t = mask_keyed(mask_phones(std::mem::take(t)));
            }
        }
        cur = c.root_cause.as_deref_mut();
    }
}

/// [`mask_phones`] and [`mask_keyed`] on an owned string, in place: for the strings of kept
/// JSON and IDaaS template values, text as a message is.
fn mask_string(s: &mut String) {
    if let Cow::Owned(masked) = mask_keyed(mask_phones(Cow::Borrowed(s))) {
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
            if map.keys().any(|k| first_phone(k.as_bytes()).is_some()) {
                *map = std::mem::take(map)
                    .into_iter()
                    .map(|(k, v)| (mask_phones(Cow::Owned(k)).into_owned(), v))
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
/// hex digits, or a URL's `%XX` when `at` is one of its two (`%E5%8F%B713812345678`, 号 then
/// the number; `%2013812345678`, a space then the number).
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
            let is_escape =
                matches!(escape, [b'%', hex @ ..] if hex.iter().all(u8::is_ascii_hexdigit));
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
    hex_id && (word.len() >= 16 || is_uuid(from.checked_sub(24).and_then(|f| b.get(f..to))))
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
mod tests {
    use super::*;

    #[test]
    fn the_first_digit_is_found_in_any_byte_of_a_word() {
        // Every byte value at every offset, across the eight-byte words and the tail.
        for len in [1, 7, 8, 9, 16, 19] {
            for at in 0..len {
                for c in 0..=255u8 {
                    let mut b = vec![b'x'; len];
                    b[at] = c;
                    let want = c.is_ascii_digit().then_some(at);
                    assert_eq!(first_digit(&b, 0), want, "{len} {at} {c}");
                    assert_eq!(first_digit(&b, at), want, "{len} {at} {c} from {at}");
                }
            }
        }
        // Digits after a non-ASCII byte of the same word; the search starts at `from`.
        assert_eq!(first_digit("号码1".as_bytes(), 0), Some(6));
        assert_eq!(first_digit(b"1xxxxxxxxx2", 1), Some(10));
        assert_eq!(first_digit(b"12", 2), None);
        assert_eq!(first_digit(b"12", 9), None);
    }

    #[test]
    fn eleven_digits_are_counted_anywhere_in_a_text() {
        let text = |digits: usize, pad: usize| {
            let mut t = "x".repeat(pad);
            for k in 0..digits {
                t.push('é');
                t.push(char::from(b'0' + (k % 10) as u8));
            }
            t
        };
        for pad in [0, 1, 5, 7, 8, 300, 600] {
            assert!(!eleven(text(10, pad).as_bytes()), "10 after {pad}");
            assert!(eleven(text(11, pad).as_bytes()), "11 after {pad}");
        }
        // Many words of digits (past the lanes' 16 words), and digits in every lane.
        assert!(eleven(&[b'7'; 4096]));
        assert!(eleven(&[b'7'; 11]));
        assert!(!eleven(&[b'7'; 10]));
        let mut spread = vec![b'x'; 8 * 40];
        for k in 0..11 {
            spread[k * 29] = b'1';
        }
        assert!(eleven(&spread));
        spread[0] = b'x';
        assert!(!eleven(&spread));
    }

    #[test]
    fn a_lead_byte_is_seen_anywhere_and_nothing_else_is() {
        // Every length from 11 on across two words and a tail, the byte at every offset.
        for len in 11..=24 {
            for at in 0..len {
                for c in [0xEF, 0xEE, 0xFF, 0x6F, 0xBC, 0x90, b'1'] {
                    let mut b = vec![b'x'; len];
                    b[at] = c;
                    assert_eq!(census(&b).1, c == 0xEF, "{len} {at} {c:#x}");
                }
            }
        }
        assert!(!census(&[0xEF; 10]).1, "too short for any number");
        assert!(
            !census("获取token失败, 请重试".as_bytes()).1,
            "CJK without full-width forms"
        );
        assert!(census("号码：１３８".as_bytes()).1);
    }

    fn eleven(b: &[u8]) -> bool {
        census(b).0
    }

    fn masked(text: &str) -> String {
        mask_phones(Cow::Borrowed(text)).into_owned()
    }

    #[test]
    fn numbers_in_text_are_found_by_their_digits_and_separators() {
        let r = |n: usize| format!("<redacted phone: {n} chars>");
        // Exactly 11 digits `1[3-9]…`; `86` and `+86` before them are the number's too.
        assert_eq!(masked("a13812345678b"), format!("a{}b", r(11)));
        assert_eq!(masked("13812345678"), r(11));
        assert_eq!(masked("x+8613812345678"), format!("x{}", r(14)));
        assert_eq!(masked("x 8613812345678"), format!("x {}", r(13)));
        assert_eq!(masked("x 008613812345678."), format!("x {}.", r(15)));
        assert_eq!(masked("x+008613812345678"), format!("x+{}", r(15)));
        assert_eq!(masked("+86 13812345678"), format!("+86 {}", r(11)));
        // With the trunk prefix a landline dials: 0 and the number.
        assert_eq!(masked("拨打013812345678"), format!("拨打{}", r(12)));
        for kept in [
            "1381234567",
            "138123456789",
            "11812345678",
            "23812345678",
            "0086138123",
            "0086123456789",
            "008612812345678",
            "8612812345678",
        ] {
            assert_eq!(masked(kept), kept);
        }
        // 3-4-4, each gap a separator (the same twice or not); each group exactly that long.
        assert_eq!(masked("138 1234 5678."), format!("{}.", r(13)));
        assert_eq!(masked("138 1234-5678"), r(13));
        assert_eq!(masked("138.1234-5678"), r(13));
        assert_eq!(masked("号138-1234 5678号"), format!("号{}号", r(13)));
        assert_eq!(masked("138_1234/5678"), r(13));
        // The first group in brackets: they are the number's; the separator after them may go.
        assert_eq!(masked("tel:(138)1234-5678,"), format!("tel:{},", r(14)));
        assert_eq!(masked("+86(138)12345678"), format!("+86{}", r(13)));
        assert_eq!(masked("+86 (139) 1234 5678"), format!("+86 {}", r(15)));
        assert_eq!(masked("（150）1234-5678"), r(14));
        assert_eq!(masked("(150）12345678"), r(13));
        // A bracket not closed is no part of it.
        assert_eq!(masked("(138 1234 5678"), format!("({}", r(13)));
        assert_eq!(masked("(199-1234-5678)"), format!("({})", r(13)));
        assert_eq!(masked("号码138.1234.5678。"), format!("号码{}。", r(13)));
        assert_eq!(masked("id=138_1234_5678&"), format!("id={}&", r(13)));
        assert_eq!(masked("/u/138/1234/5678/"), format!("/u/{}/", r(13)));
        assert_eq!(masked("tel 138_12345678"), format!("tel {}", r(12)));
        // 3-8, split by a space or a hyphen.
        assert_eq!(masked("call 138 12345678."), format!("call {}.", r(12)));
        assert_eq!(masked("(150-12345678)"), format!("({})", r(12)));
        for kept in [
            "138.12345678",
            "138 1234567",
            "138-123456789",
            "138.1234.56789",
            "138/12345/678",
            "138  1234 5678",
            "138)1234 5678",
            "(138)1234_56789",
            "(138)1234567",
            "(138)123456789",
            "(138)1234--5678",
            "[138]1234-5678",
            "(128)1234-5678",
            "138 12345 678",
            "138 123 45678",
            "138 1234 56789",
            "1380 1234 5678",
            "128 1234 5678",
            "138 1234 ",
            "138 1234",
            "138 ",
        ] {
            assert_eq!(masked(kept), kept, "{kept}");
        }
        // After a grouped look-alike, a number further on is still found.
        assert_eq!(
            masked("138 1234+5678 13912345678"),
            format!("138 1234+5678 {}", r(11))
        );
    }

    #[test]
    fn digits_inside_an_identifier_are_the_identifiers() {
        let r = "<redacted phone: 11 chars>";
        // A hex word with a letter, 16 or longer, or a UUID's last group: an id, kept.
        for kept in [
            "abcde13812345678",
            "13812345678abcde",
            "x deadbeef13812345678cafe y",
            "0b6f3a1e-77c2-4d1a-9f3e-a13812345678",
            "id=0B6F3A1E-77C2-4D1A-9F3E-13812345678F.",
        ] {
            assert_eq!(masked(kept), kept, "{kept}");
        }
        // Shorter, or no letter, or a letter that is not hex, or not a UUID: words and a number.
        for (text, want) in [
            ("abcd13812345678", format!("abcd{r}")),
            ("13812345678abcd", format!("{r}abcd")),
            ("phone13812345678", format!("phone{r}")),
            ("trace-13812345678", format!("trace-{r}")),
            ("user-13812345678-deleted", format!("user-{r}-deleted")),
            ("13812345678-13912345678-a", format!("{r}-{r}-a")),
            ("gtc_17112345678", format!("gtc_{r}")),
            ("9f3e-a13812345678", format!("9f3e-a{r}")),
            (
                "0b6f3a1e-77c2-4d1a-9f3-a13812345678",
                format!("0b6f3a1e-77c2-4d1a-9f3-a{r}"),
            ),
            (
                "0b6f3a1e-77c2-4d1a-9f3-ea13812345678",
                format!("0b6f3a1e-77c2-4d1a-9f3-ea{r}"),
            ),
            (
                "xb6f3a1e-77c2-4d1a-9f3e-a13812345678",
                format!("xb6f3a1e-77c2-4d1a-9f3e-a{r}"),
            ),
        ] {
            assert_eq!(masked(text), want, "{text}");
        }
        // A hex word is looked at 64 bytes either way: past that, what lies beyond is not read.
        let long = format!("{}13812345678{}", "a".repeat(64), "z");
        assert_eq!(
            masked(&long),
            format!("{}{r}z", "a".repeat(64)),
            "the z is read"
        );
        let far = format!("z{}13812345678", "a".repeat(64));
        assert_eq!(masked(&far), far, "the z is 65 bytes away");
    }

    #[test]
    fn escapes_before_a_number_are_not_its_digits() {
        let r = "<redacted phone: 11 chars>";
        for (text, want) in [
            (r"\u53f7\u780113812345678", format!(r"\u53f7\u7801{r}")),
            (r"\uff1a13812345678", format!(r"\uff1a{r}")),
            (r"\U53f713812345678", format!(r"\U53f7{r}")),
            (r"\u300013812345678", format!(r"\u3000{r}")),
            (r"\u30013812345678", format!(r"\u3001{}", "3812345678")),
        ] {
            assert_eq!(masked(text), want, "{text}");
        }
        // A URL's escapes: the hex digits of `%XX` before a number are the escape's; a `%`
        // that makes no escape with the digits is a percent sign.
        for (text, want) in [
            ("%E5%8F%B713812345678", format!("%E5%8F%B7{r}")),
            ("m=%2013812345678&", format!("m=%20{r}&")),
            (
                "phone=%2B8613812345678",
                "phone=%2B<redacted phone: 13 chars>".into(),
            ),
            ("rate 50%13812345678", format!("rate 50%{r}")),
            ("%13812345678", format!("%{r}")),
        ] {
            assert_eq!(masked(text), want, "{text}");
        }
        // Not an escape: digits of a word, and a backslash without `u`.
        assert_eq!(masked(r"\x780113812345678"), r"\x780113812345678");
        assert_eq!(masked(r"u780113812345678"), r"u780113812345678");
    }

    #[test]
    fn text_without_a_number_is_borrowed() {
        assert!(matches!(
            mask_phones(Cow::Borrowed("获取token失败 600011")),
            Cow::Borrowed(_)
        ));
        assert!(super::super::mentions_secret("号码13812345678"));
        assert!(super::super::mentions_secret("号码 138 1234 5678"));
        assert!(!super::super::mentions_secret(
            "号码 1381234567 0b6f3a1e-77c2-4d1a-9f3e-a13812345678"
        ));
    }

    /// [`redact_numbers`] redacts a number in any code: that never hides a catalog code.
    #[test]
    fn no_catalog_code_is_a_phone_number() {
        assert!(crate::entries().all(|e| !looks_like_phone(e.code())));
    }
}
