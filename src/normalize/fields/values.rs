//! What a field's value holds: a code token, a text, or nothing (`null`, blanks).

use std::borrow::Cow;
use std::ops::Range;

use super::scan::{self, Val};

/// `range` of a text, borrowed when the text is.
pub(crate) fn sub<'a>(text: &Cow<'a, str>, range: Range<usize>) -> Cow<'a, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.get(range).unwrap_or_default()),
        Cow::Owned(s) => Cow::Owned(s.get(range).unwrap_or_default().to_owned()),
    }
}

pub(super) fn is_nullish(s: &str) -> bool {
    [
        "null",
        "nil",
        "(null)",
        "none",
        "undefined",
        "true",
        "false",
        "<null>",
    ]
    .iter()
    .any(|n| n.eq_ignore_ascii_case(s))
}

/// Where the code token is in `s`, and where text glued to it (`1105msg:...`) starts.
pub(super) fn code_token(s: &str, numeric_only: bool) -> Option<(Range<usize>, Option<usize>)> {
    // Most codes are a plain number: nothing around it, nothing glued to it.
    if (1..=18).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit()) {
        return Some((0..s.len(), None));
    }
    // Quotes, backslashes and ASCII blanks around the code (all ASCII, so the cuts fall on
    // character boundaries).
    let junk = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'' | b'\\');
    let mut start = s.bytes().take_while(junk).count();
    let end = s.len() - s.bytes().rev().take_while(junk).count();
    let t = s.get(start..end.max(start)).unwrap_or_default();
    start += t.len() - scan::trim_start(t).len();
    let t = scan::trim(t);
    if t.is_empty() || is_nullish(t) {
        return None;
    }
    let b = t.as_bytes();
    let sign = usize::from(b.first() == Some(&b'-') || b.first() == Some(&b'+'));
    let digits = b
        .get(sign..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits > 0 && digits <= 18 {
        let end = sign + digits;
        let glued = (end < t.len()).then_some(start + end);
        if glued.is_some() && !glued_text(t, end) {
            return whole_word(t, start, numeric_only);
        }
        // `+600011` is not how any SDK writes a code, but the number is still the code.
        let from = if b.first() == Some(&b'+') {
            start + 1
        } else {
            start
        };
        return Some((from..start + end, glued));
    }
    if numeric_only || digits > 0 {
        return None;
    }
    whole_word(t, start, false)
}

/// Whether what follows a code's digits at `end` of `t` is text glued to it (`1105msg:参数信息
/// 错误`, `103000成功`, `600011;`) rather than the rest of one word: a number written as text
/// (`6.0e5`, `600011.0`: [`is_odd_number`] decides, as for a bare number), or letters and
/// digits run on (`0x1F`, `0abc`), where the digits alone are no code (they would read as 0,
/// success).
fn glued_text(t: &str, end: usize) -> bool {
    let tail = t.get(end..).unwrap_or_default();
    if crate::normalize::extra::is_json_literal(t) {
        return !is_odd_number(t);
    }
    let runs_on = tail
        .bytes()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_'));
    !runs_on || crate::normalize::pattern::opens_with_message(tail)
}

/// `t` (at `start` of its value) as one code: a number kept as written (`-8004.5`, as a bare
/// one is), or a name of letters, digits, `_`, `.` and `-` (`isv.TOKEN_INVALID`, `0x1F`) or a
/// word the catalog knows where not only numbers count.
fn whole_word(t: &str, start: usize, numeric_only: bool) -> Option<(Range<usize>, Option<usize>)> {
    let whole = Some((start..start + t.len(), None));
    if crate::normalize::extra::is_json_literal(t) && t.bytes().any(|c| c.is_ascii_digit()) {
        return whole;
    }
    if numeric_only {
        return None;
    }
    let b = t.as_bytes();
    let ident = t.len() <= 64
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'));
    // A word in another script only when the catalog knows it (fluttercandies' 未知异常).
    let known = || t.len() <= 64 && crate::catalog::CodeRows::of(t).any();
    whole.filter(|_| ident || known())
}

/// The code in a value, and text glued after it.
#[inline(always)]
pub(super) fn code_of<'a>(
    val: &Val<'a>,
    numeric_only: bool,
) -> Option<(Cow<'a, str>, Option<Cow<'a, str>>)> {
    let made;
    let text: &Cow<'a, str> = match val {
        Val::Str(s) => s,
        Val::Esc(raw) => {
            made = Cow::Owned(scan::unescape(raw));
            &made
        }
        // A number that is no integer code as written (`6.00011e5`, `-8004.5`, more digits than
        // any code) is kept whole: its first digits are not the code.
        Val::Bare(s) if is_odd_number(s) => return Some((Cow::Borrowed(*s), None)),
        Val::Bare(s) => {
            made = Cow::Borrowed(*s);
            &made
        }
        Val::Nested(_) => return None,
    };
    let (range, glued) = code_token(text, numeric_only)?;
    let rest = glued.map(|g| sub(text, g..text.len()));
    Some((sub(text, range), rest))
}

/// Whether a bare value is a JSON number that is no integer of at most 18 digits, as written:
/// with an exponent, a fraction other than zeros (`600011.0` is 600011), or more digits.
fn is_odd_number(s: &str) -> bool {
    // Most codes are digits alone: no fraction, no exponent, and short.
    if (s.len() <= 18 && !s.bytes().any(|c| matches!(c, b'.' | b'e' | b'E')))
        || !crate::normalize::extra::is_json_literal(s)
        || matches!(s, "null" | "true" | "false")
    {
        return false;
    }
    let digits = s.trim_start_matches('-');
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    digits.contains(['e', 'E']) || frac.bytes().any(|c| c != b'0') || int.len() > 18
}

/// A value as text: strings and scalars, `None` when empty or `null`. Takes the value, so that
/// an unescaped string moves rather than being copied.
pub(crate) fn text_of(val: Val<'_>) -> Option<Cow<'_, str>> {
    let text = match val {
        Val::Str(s) => s,
        Val::Esc(raw) => Cow::Owned(scan::unescape(raw)),
        Val::Bare(s) if is_nullish(s) => return None,
        Val::Bare(s) | Val::Nested(s) => Cow::Borrowed(s),
    };
    (!is_blank(&text)).then_some(text)
}

/// Whether [`text_of`] would give a text, without building it.
pub(super) fn has_text(val: &Val<'_>) -> bool {
    match val {
        Val::Str(s) => !is_blank(s),
        Val::Esc(s) => !is_blank(s),
        Val::Bare(s) => !is_nullish(s) && !is_blank(s),
        Val::Nested(s) => !is_blank(s),
    }
}

/// Whether `s` is empty or only whitespace (stops at the first other character, where
/// `trim().is_empty()` would trim both ends).
pub(super) fn is_blank(s: &str) -> bool {
    // Most texts start with a printable ASCII character or a CJK one (a lead byte from E4, so
    // U+4000 or above, where Unicode has no white space; U+3000 is the last): no decoding.
    if s.as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii_graphic() || b >= 0xe4)
    {
        return false;
    }
    s.chars().all(char::is_whitespace)
}

/// A fusion one-tap code: seven digits from 16 or 17 (the PNS code + 1000000).
pub(crate) fn is_fusion_inner(code: &str) -> bool {
    code.len() == 7
        && (code.starts_with("16") || code.starts_with("17"))
        && code.bytes().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::{is_blank, is_odd_number};

    #[test]
    fn numbers_that_are_no_integer_code_are_odd() {
        for odd in [
            "6.00011e5",
            "1e400",
            "-8004.5",
            "600011.01",
            "1E3",
            "9999999999999999999",
        ] {
            assert!(is_odd_number(odd), "{odd}");
        }
        let kept = [
            "600011",
            "-8004",
            "600011.0",
            "0.00",
            "999999999999999999",
            "null",
            "1a",
        ];
        for code in kept {
            assert!(!is_odd_number(code), "{code}");
        }
    }

    /// The shortcut on the first byte agrees with decoding, for every character first, alone
    /// and before a space.
    #[test]
    fn is_blank_agrees_with_decoding_for_every_first_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("{c} ")] {
                assert_eq!(
                    is_blank(&s),
                    s.chars().all(char::is_whitespace),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
        assert!(is_blank(""));
        assert!(is_blank("\u{3000} \t"));
    }
}
