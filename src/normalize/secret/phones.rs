//! Mobile numbers written in text (a message, a kept string, a request id): found by their
//! digits, wherever they sit among words, and redacted in place.

use std::borrow::Cow;

use super::redacted;
use crate::Normalized;

/// The ids of a result and of its causes that hold a phone number: a request id field filled
/// with the user's number (redacted in place, as in a message), or a code that is one (never a
/// catalog code: none is, see the tests). Messages and `extra` are redacted where they are read.
pub(crate) fn redact_ids(n: &mut Normalized<'_>) {
    let mut cur = Some(n);
    while let Some(c) = cur {
        if let Some(id) = c.request_id.take() {
            c.request_id = Some(mask_phones(id));
        }
        if c.code.len() >= 11 && looks_like_phone(&c.code) {
            c.code = Cow::Owned(redacted("phone", &c.code));
        }
        cur = c.root_cause.as_deref_mut();
    }
}

/// `text` with each mobile number written in it redacted in place, as [`redacted`] redacts a
/// value (`手机号13812345678格式非法` → `手机号<redacted phone: 11 chars>格式非法`): for
/// messages and other free text, where a number sits among words. Borrowed when it holds none,
/// as almost every text does.
pub(crate) fn mask_phones(text: Cow<'_, str>) -> Cow<'_, str> {
    let Some(first) = first_phone(text.as_bytes()) else {
        return text;
    };
    let mut out = String::with_capacity(text.len() + 16);
    let (mut from, mut span) = (0, Some(first));
    while let Some((start, end)) = span {
        let number = text.get(start..end).unwrap_or_default();
        out.push_str(text.get(from..start).unwrap_or_default());
        out.push_str(&redacted("phone", number));
        from = end;
        span = next_phone(text.as_bytes(), end);
    }
    out.push_str(text.get(from..).unwrap_or_default());
    Cow::Owned(out)
}

/// The byte span of the first mobile number in `b` at or after `from`, as written: 11 digits
/// `1[3-9]…` (or 13 with `86` before them, and a `+` before that), or 3-4-4 digits split by
/// one space or hyphen (`138 1234 5678`), with no digit on either side. Digits inside a longer
/// hex word with letters (a request id, a trace id, a hash) belong to that id.
fn next_phone(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(start) = first_digit(b, i) {
        let end = digits_end(b, start);
        let span = match b.get(start..end).unwrap_or_default() {
            run if looks_like_phone_digits(run) => Some((start, end)),
            [b'8', b'6', rest @ ..] if looks_like_phone_digits(rest) => {
                let plus = start.checked_sub(1).filter(|&p| b.get(p) == Some(&b'+'));
                Some((plus.unwrap_or(start), end))
            }
            [b'1', b'3'..=b'9', _] => grouped_end(b, end).map(|e| (start, e)),
            _ => None,
        };
        match span {
            Some((s, e)) if !inside_hex_word(b, s, e) => return Some((s, e)),
            // A grouped number's parts are runs of their own: go on after its first.
            _ => i = end,
        }
    }
    None
}

/// The first mobile number in `b` ([`next_phone`]), looked for only when `b` has the 11 digits
/// one needs: every message and kept text is searched, and almost none has that many.
pub(super) fn first_phone(b: &[u8]) -> Option<(usize, usize)> {
    has_eleven_digits(b).then(|| next_phone(b, 0)).flatten()
}

/// Whether `b` has at least 11 ASCII digits, counted eight bytes at a time.
fn has_eleven_digits(b: &[u8]) -> bool {
    // A count per byte lane; the lanes are summed (by a multiply) every 16 words, while their
    // sum fits the top byte.
    let sum = |lanes: u64| (lanes.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    if b.len() < 11 {
        return false;
    }
    let mut words = b.chunks_exact(8);
    let (mut lanes, mut total) = (0u64, 0usize);
    for (n, word) in words.by_ref().enumerate() {
        let word = <[u8; 8]>::try_from(word).unwrap_or_default();
        lanes += digit_bits(u64::from_le_bytes(word)) >> 7;
        if n % 16 == 15 {
            total += sum(lanes);
            lanes = 0;
        }
    }
    let rest = words
        .remainder()
        .iter()
        .filter(|c| c.is_ascii_digit())
        .count();
    total + sum(lanes) + rest >= 11
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
    while let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let digits = digit_bits(u64::from_le_bytes(chunk));
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

/// After a 3-digit `1[3-9]x` run ending at `end`: the end of ` 1234 5678` or `-1234-5678`
/// (the same separator twice, runs of exactly four digits).
fn grouped_end(b: &[u8], end: usize) -> Option<usize> {
    let sep = *b.get(end).filter(|c| matches!(c, b' ' | b'-'))?;
    let second = digits_end(b, end + 1);
    if second != end + 5 || b.get(second) != Some(&sep) {
        return None;
    }
    let third = digits_end(b, second + 1);
    (third == second + 5).then_some(third)
}

/// Whether the span lies in a word of hex digits and hyphens longer than a phone number with
/// letters in it (`0b6f3a1e-…-a13812345678`): an identifier, not a number someone typed.
fn inside_hex_word(b: &[u8], start: usize, end: usize) -> bool {
    let hexish = |c: &u8| c.is_ascii_hexdigit() || *c == b'-';
    let before = b.get(..start).unwrap_or_default();
    let after = b.get(end..).unwrap_or_default();
    let left = before.iter().rev().take_while(|c| hexish(c)).count();
    let right = after.iter().take_while(|c| hexish(c)).count();
    let word = b.get(start - left..end + right).unwrap_or_default();
    word.len() > 14 && word.iter().any(u8::is_ascii_alphabetic)
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
            assert!(
                !has_eleven_digits(text(10, pad).as_bytes()),
                "10 after {pad}"
            );
            assert!(
                has_eleven_digits(text(11, pad).as_bytes()),
                "11 after {pad}"
            );
        }
        // Many words of digits (past the lanes' 16 words), and digits in every lane.
        assert!(has_eleven_digits(&[b'7'; 4096]));
        assert!(has_eleven_digits(&[b'7'; 11]));
        assert!(!has_eleven_digits(&[b'7'; 10]));
        let mut spread = vec![b'x'; 8 * 40];
        for k in 0..11 {
            spread[k * 29] = b'1';
        }
        assert!(has_eleven_digits(&spread));
        spread[0] = b'x';
        assert!(!has_eleven_digits(&spread));
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
        assert_eq!(masked("+86 13812345678"), format!("+86 {}", r(11)));
        for kept in [
            "1381234567",
            "138123456789",
            "11812345678",
            "23812345678",
            "0086138123",
        ] {
            assert_eq!(masked(kept), kept);
        }
        // 3-4-4, one separator used twice; each group exactly that long.
        assert_eq!(masked("138 1234 5678."), format!("{}.", r(13)));
        assert_eq!(masked("(199-1234-5678)"), format!("({})", r(13)));
        for kept in [
            "138 1234-5678",
            "138-1234 5678",
            "138  1234 5678",
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
            masked("138 1234-5678 13912345678"),
            format!("138 1234-5678 {}", r(11))
        );
    }

    #[test]
    fn digits_inside_an_identifier_are_the_identifiers() {
        let r = "<redacted phone: 11 chars>";
        // A hex word (digits, a-f, hyphens) longer than 14 with a letter: an id, kept.
        for kept in [
            "abcd13812345678",
            "13812345678abcd",
            "0b6f3a1e-77c2-4d1a-9f3e-a13812345678",
            "ab-13812345678-c",
        ] {
            assert_eq!(masked(kept), kept, "{kept}");
        }
        // 14 or shorter, or without a letter, or letters that are not hex: a number.
        assert_eq!(masked("abc13812345678"), format!("abc{r}"));
        assert_eq!(masked("13812345678abc"), format!("{r}abc"));
        assert_eq!(masked("13812345678-1234"), format!("{r}-1234"));
        assert_eq!(masked("xyzw13812345678"), format!("xyzw{r}"));
        // Two numbers joined by a hyphen are both numbers.
        assert_eq!(masked("13812345678-13912345678"), format!("{r}-{r}"));
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

    /// [`redact_ids`] redacts any code that is a phone number: that never hides a catalog code.
    #[test]
    fn no_catalog_code_is_a_phone_number() {
        assert!(crate::entries().all(|e| !looks_like_phone(e.code())));
    }
}
