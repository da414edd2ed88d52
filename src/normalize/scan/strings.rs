//! Strings inside payloads: double-quoted (escapes decoded on demand), single-quoted (Java
//! `toString`, whose values are not escaped), and JSON strings holding whole payloads.

use std::borrow::Cow;

use super::*;

/// The string starting at the double quote at `start`, unescaped, and the position after its
/// closing quote. An unterminated string runs to the end of the text.
///
/// Escapes: JSON's (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX` with surrogate
/// pairs) and NSLog's `\UXXXX`. An unknown or broken escape is kept as written.
pub(crate) fn quoted(src: &str, start: usize) -> (Cow<'_, str>, usize) {
    let body = start + 1;
    match find_quote_or_backslash(src.as_bytes(), body) {
        Some(at) if byte(src.as_bytes(), at) == Some(b'"') => {
            (Cow::Borrowed(slice(src, body, at)), at + 1)
        }
        Some(_) => {
            let (text, end) = unescape_until(src, body, true);
            (Cow::Owned(text), end)
        }
        None => (Cow::Borrowed(slice(src, body, src.len())), src.len()),
    }
}

/// The position of the first `"` or `\` in `b[from..]`.
pub(super) fn find_quote_or_backslash(b: &[u8], from: usize) -> Option<usize> {
    find_either(b, from, b'"', b'\\')
}

/// The position of the first byte equal to `x` or `y` in `b[from..]` (`x == y` looks for
/// one byte).
///
/// Eight bytes at a time: strings are most of what a callback is, and a byte at a time this
/// search was the scanner's largest cost; on the short texts of a callback it is also cheaper
/// than `memchr`, whose set-up costs about a hundred instructions a call. The bytes of a word
/// equal to `c` are the zero bytes of the word XOR `c` in every byte, and the classic zero-byte
/// test marks the first of them exactly (it can mark wrongly only bytes after a zero byte).
#[inline(always)]
pub(crate) fn find_either(b: &[u8], from: usize, x: u8, y: u8) -> Option<usize> {
    find_any(b, from, [x, y])
}

/// The position of the first byte equal to one of `needles` in `b[from..]`, eight bytes at a
/// time as [`find_either`] explains.
#[inline(always)]
pub(crate) fn find_any<const N: usize>(b: &[u8], from: usize, needles: [u8; N]) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGH_BITS;
    let mut i = from;
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        let hits = needles.iter().fold(0, |hits, &n| {
            hits | zero_bytes(word ^ (ONES * u64::from(n)))
        });
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(|c| needles.contains(c))
        .map(|at| i + at)
}

/// The double-quoted string starting at `start`, as written between its quotes, whether it
/// holds escapes, and the position after the closing quote (or the text's end).
pub(crate) fn quoted_raw(src: &str, start: usize) -> (&str, bool, usize) {
    let b = src.as_bytes();
    let body = start + 1;
    let mut escapes = false;
    let mut i = body;
    while let Some(at) = find_quote_or_backslash(b, i) {
        if byte(b, at) == Some(b'"') {
            return (slice(src, body, at), escapes, at + 1);
        }
        escapes = true;
        i = at + 2;
    }
    (slice(src, body, b.len()), escapes, b.len())
}

/// A string's escapes resolved (see [`quoted`]).
pub(crate) fn unescape(raw: &str) -> String {
    unescape_until(raw, 0, false).0
}

/// Unescapes `src[from..]` up to an unescaped `"` when `until_quote` (or the end), returning the
/// text and the position after the quote. Runs without a backslash are found eight bytes at a
/// time and copied whole.
pub(crate) fn unescape_until(src: &str, from: usize, until_quote: bool) -> (String, usize) {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len().saturating_sub(from).min(256));
    let mut run = from;
    let mut i = from;
    while let Some(at) = find_quote_or_backslash(b, i) {
        if byte(b, at) == Some(b'"') {
            if until_quote {
                out.push_str(slice(src, run, at));
                return (out, at + 1);
            }
            i = at + 1;
            continue;
        }
        out.push_str(slice(src, run, at));
        let (decoded, next) = escape(src, at);
        match decoded {
            // An escaped NUL (`\u0000`) is dropped, as `normalize_with` drops a raw one: it
            // would cut a code or a number in two just the same.
            Some('\0') => {}
            Some(ch) => out.push(ch),
            None => out.push('\\'),
        }
        i = next;
        run = next;
    }
    out.push_str(slice(src, run, b.len()));
    (out, b.len())
}

/// The escape at `i` (a backslash): the character it stands for, or `None` to keep the
/// backslash literally; and where to go on.
pub(super) fn escape(src: &str, i: usize) -> (Option<char>, usize) {
    let b = src.as_bytes();
    let simple = match byte(b, i + 1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'\'') => '\'',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u' | b'U') => return unicode_escape(src, i),
        _ => return (None, i + 1),
    };
    (Some(simple), i + 2)
}

pub(super) fn hex4(src: &str, at: usize) -> Option<u32> {
    // Digit by digit: `u32::from_str_radix` cost three times as much, and an NSDictionary
    // print has an escape for each Chinese character.
    let digits = src.as_bytes().get(at..at + 4)?;
    digits.iter().try_fold(0, |value, &c| {
        Some(value * 16 + char::from(c).to_digit(16)?)
    })
}

pub(super) fn unicode_escape(src: &str, i: usize) -> (Option<char>, usize) {
    let Some(unit) = hex4(src, i + 2) else {
        return (None, i + 1);
    };
    let after = i + 6;
    if (0xD800..0xDC00).contains(&unit) {
        let b = src.as_bytes();
        let paired =
            byte(b, after) == Some(b'\\') && matches!(byte(b, after + 1), Some(b'u' | b'U'));
        if let Some(low) = hex4(src, after + 2).filter(|l| paired && (0xDC00..0xE000).contains(l)) {
            let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            return (Some(char::from_u32(code).unwrap_or('\u{FFFD}')), after + 6);
        }
        return (Some('\u{FFFD}'), after);
    }
    (Some(char::from_u32(unit).unwrap_or('\u{FFFD}')), after)
}

/// The whole of `text` (already trimmed) as one JSON string, unescaped, if it is one.
pub(crate) fn whole_string(text: &str) -> Option<Cow<'_, str>> {
    if !text.starts_with('"') || text.len() < 2 {
        return None;
    }
    let (s, end) = quoted(text, 0);
    // The closing quote must be the last byte (an unterminated string ends at len too).
    (end == text.len() && text.ends_with('"')).then_some(s)
}

/// A single-quoted string (Java `toString`, Python-like prints) starting at `start`: it ends at a
/// quote followed by a separator or the end, since the content is not escaped.
///
/// `dead[key]` remembers the earliest start from which no closing quote was found: a later start
/// cannot find one either, so a text full of stray quotes stays linear.
pub(super) fn single_quoted<'a>(
    src: &'a str,
    start: usize,
    key: bool,
    dead: &mut [usize; 2],
) -> Option<(&'a str, usize)> {
    let memo = &mut dead[usize::from(key)];
    if start >= *memo {
        return None;
    }
    let b = src.as_bytes();
    // `carrierFailedResultData=', requestId=...`: a value that is one stray quote, empty.
    if !key && byte(b, start + 1) == Some(b',') && next_entry_follows(b, start + 2) {
        return Some(("", start + 1));
    }
    let mut i = start + 1;
    while let Some(offset) = b.get(i..)?.iter().position(|&c| c == b'\'') {
        let q = i + offset;
        let after = skip_blank(b, q + 1);
        let ends = if key {
            matches!(byte(b, after), Some(b':' | b'='))
        } else {
            match byte(b, after) {
                None | Some(b'}' | b']' | b')' | b';' | b'\n' | b'\r') => true,
                // A quote inside the value (`msg='it's', ...`) is followed by a comma only by
                // chance: the real end is followed by the next key, or by the object's end.
                Some(b',') => next_entry_follows(b, after + 1) || closes(b, after + 1),
                // A stray quote after the last value (`requestId='r1''}`).
                Some(b'\'') => closes(b, after + 1),
                Some(_) => false,
            }
        };
        if ends {
            return Some((slice(src, start + 1, q), q + 1));
        }
        i = q + 1;
    }
    *memo = start;
    None
}

/// Whether the raw body of a JSON string can be scanned as it is, escapes and all: its only
/// escapes are `\"`, `\/` and `\uXXXX` (the scanner reads `\"`-quoted keys and values), so
/// the payload inside can borrow from the input instead of being unescaped into a copy.
/// Only flat objects qualify: the scanner skips nested brackets by plain quotes.
///
/// Eight bytes at a time, like [`find_quote_or_backslash`]: this runs on the carrier data of
/// most Android callbacks, and a byte at a time it cost about 4% of their normalising.
pub(crate) fn scannable_escaped(raw: &str) -> bool {
    let b = raw.as_bytes();
    let allowed = |at: usize| matches!(byte(b, at + 1), Some(b'"' | b'/' | b'u'));
    let mut opening = 0u64;
    let mut i = 0;
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        let brackets = bytes_equal(word, b'{') | bytes_equal(word, b'[') | bytes_equal(word, b'(');
        // One bit per bracket, at the top of its byte: their count is the sum of the bytes.
        opening += (brackets >> 7).wrapping_mul(ONES) >> 56;
        let mut slashes = bytes_equal(word, b'\\');
        while slashes != 0 {
            if !allowed(i + (slashes.trailing_zeros() / 8) as usize) {
                return false;
            }
            slashes &= slashes - 1;
        }
        i += 8;
    }
    for (at, &c) in b.iter().enumerate().skip(i) {
        match c {
            b'\\' if !allowed(at) => return false,
            b'{' | b'[' | b'(' => opening += 1,
            _ => {}
        }
    }
    opening == 1
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The top bit of each byte of `word` that equals `c`, and no other bit. Exact, unlike the
/// zero-byte test of [`find_quote_or_backslash`], which may also mark bytes after a match.
fn bytes_equal(word: u64, c: u8) -> u64 {
    const LOW_BITS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ (ONES * u64::from(c));
    // A byte's top bit is clear exactly when the byte is zero: its low seven bits plus 0x7f
    // carry into the top bit unless they are all zero, and its own top bit is or-ed in.
    !(((x & LOW_BITS) + LOW_BITS) | x | LOW_BITS)
}

/// The length of the identifier (letters, digits, `_`) starting at `at`.
pub(crate) fn ident_len(b: &[u8], at: usize) -> usize {
    b.get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count()
}

/// Whether only blanks and a closing bracket (or the end) come at `i`.
pub(super) fn closes(b: &[u8], i: usize) -> bool {
    matches!(byte(b, skip_blank(b, i)), None | Some(b'}' | b']' | b')'))
}

/// `s.trim()`, without decoding a character when both ends are printable ASCII, as most keys and
/// values are (`str::trim` tests each end for Unicode white space, a char decode per call).
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&first), Some(&last)) if !solid(first) || !solid(last) => s.trim(),
        _ => s,
    }
}

/// `s.trim_start()`, with the same shortcut as [`trim`].
#[inline]
pub(crate) fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&first) if !solid(first) => s.trim_start(),
        _ => s,
    }
}

/// A byte that is neither white space nor part of a multi-byte character.
fn solid(b: u8) -> bool {
    (b'!'..=b'~').contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The byte-at-a-time loop `unescape_until` had before it skipped runs eight bytes at a time.
    fn bytewise(src: &str, until_quote: bool) -> (String, usize) {
        let b = src.as_bytes();
        let (mut out, mut run, mut i) = (String::new(), 0, 0);
        while let Some(c) = byte(b, i) {
            if until_quote && c == b'"' {
                out.push_str(slice(src, run, i));
                return (out, i + 1);
            }
            if c != b'\\' {
                i += 1;
                continue;
            }
            out.push_str(slice(src, run, i));
            let (decoded, next) = escape(src, i);
            out.push(decoded.unwrap_or('\\'));
            (i, run) = (next, next);
        }
        out.push_str(slice(src, run, b.len()));
        (out, b.len())
    }

    proptest! {
        /// Escapes of every kind, broken ones, quotes and multi-byte text, across and at the
        /// edges of the eight-byte words.
        #[test]
        fn unescaping_agrees_with_the_bytewise_loop(
            s in r#"(a|"|\\|\\"|\\\\|\\n|\\u00e9|\\U65e0|\\ud83d\\ude00|\\x|中|12345678){0,12}"#,
            until_quote in any::<bool>(),
        ) {
            prop_assert_eq!(unescape_until(&s, 0, until_quote), bytewise(&s, until_quote));
        }

        /// Four hex digits in either case, or nothing (a sign, a blank, a short or multi-byte
        /// text), as `u32::from_str_radix` reads four digits.
        #[test]
        fn hex4_reads_four_hex_digits_or_nothing(s in "[0-9a-fA-FgG+ 不]{0,6}", at in 0usize..3) {
            let want = s
                .get(at..at + 4)
                .filter(|d| d.bytes().all(|c| c.is_ascii_hexdigit()))
                .and_then(|d| u32::from_str_radix(d, 16).ok());
            prop_assert_eq!(hex4(&s, at), want);
        }

        /// Any bytes (high ones included: `0x9a` is a full-width colon's last byte), either
        /// target or one twice, from any start: the first match, as a plain `position` finds it.
        #[test]
        fn find_either_agrees_with_position(
            b in proptest::collection::vec(
                prop_oneof![Just(0x9au8), Just(b'{'), Just(b'('), any::<u8>()],
                0..40,
            ),
            x in prop_oneof![Just(0x9au8), Just(b'{'), any::<u8>()],
            y in prop_oneof![Just(b'('), any::<u8>()],
            from in 0usize..44,
        ) {
            for y in [x, y] {
                let want = b
                    .get(from..)
                    .and_then(|r| r.iter().position(|&c| c == x || c == y))
                    .map(|p| from + p);
                prop_assert_eq!(find_either(&b, from, x, y), want);
            }
        }

        /// Three targets (a scanner looks for `{`, `(` and `[` at once), the same as `position`.
        #[test]
        fn find_any_agrees_with_position(
            b in proptest::collection::vec(
                prop_oneof![Just(b'['), Just(b'{'), Just(b'('), any::<u8>()],
                0..40,
            ),
            z in prop_oneof![Just(b'['), any::<u8>()],
            from in 0usize..44,
        ) {
            let want = b
                .get(from..)
                .and_then(|r| r.iter().position(|&c| c == b'{' || c == b'(' || c == z))
                .map(|p| from + p);
            prop_assert_eq!(find_any(&b, from, [b'{', b'(', z]), want);
        }
    }
}
