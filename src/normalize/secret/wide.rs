//! Mobile numbers written with full-width digits (`１３８１２３４５６７８`, what a Chinese input
//! method types in full-width mode), alone or mixed with ASCII ones: found where a full-width
//! digit is, read as the digits they stand for, and matched as [`super::phones`] matches ASCII
//! numbers (11 digits `1[3-9]…`, after `86`, `+86`, `＋86` or `0086`, or grouped 3-4-4 or 3-8).
//! The groups are read here for both searches ([`grouped`]): their digits may be of either width.

use crate::normalize::scan::find_any;

/// The span of the first number at or after `from` that has a full-width digit in it. Its
/// digits, ASCII or full-width, have no digit on either side.
pub(super) fn next_wide_phone(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(wide) = first_wide_digit(b, i) {
        let start = run_start(b, wide);
        let (end, _) = run(b, start);
        // The run may be the second or third group of `138 1234 5678`: its number starts up
        // to two groups back.
        let back1 = group_before(b, start);
        let back2 = back1.and_then(|s| group_before(b, s));
        let found = [back2, back1, Some(start)]
            .into_iter()
            .flatten()
            .filter_map(|s| number_at(b, s))
            .find(|&(s, e)| s >= from && e >= end);
        if found.is_some() {
            return found;
        }
        // Past the digit found: the run holds it.
        i = end;
    }
    None
}

/// The first full-width digit at or after `from` (U+FF10..U+FF19 are `EF BC 90`..`EF BC 99`
/// in UTF-8): a search for its lead byte, eight bytes at a time, then a look at the two after.
fn first_wide_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let lead = find_any(b, i, [0xEF])?;
        if matches!(b.get(lead + 1..lead + 3), Some([0xBC, 0x90..=0x99])) {
            return Some(lead);
        }
        i = lead + 1;
    }
}

/// The value of the digit starting at `i`, and its length in bytes: 1 (ASCII) or 3.
fn digit_at(b: &[u8], i: usize) -> Option<(u8, usize)> {
    match b.get(i..)? {
        [c @ b'0'..=b'9', ..] => Some((c - b'0', 1)),
        [0xEF, 0xBC, c @ 0x90..=0x99, ..] => Some((c - 0x90, 3)),
        _ => None,
    }
}

/// Where the digit that ends at `end` starts, if one does.
fn digit_ending_at(b: &[u8], end: usize) -> Option<usize> {
    match b.get(..end)? {
        [.., b'0'..=b'9'] => Some(end - 1),
        [.., 0xEF, 0xBC, 0x90..=0x99] => Some(end - 3),
        _ => None,
    }
}

/// The start of the run of digits that holds the digit at `at`.
fn run_start(b: &[u8], at: usize) -> usize {
    let mut start = at;
    while let Some(s) = digit_ending_at(b, start) {
        start = s;
    }
    start
}

/// The run of digits from `start`: where it ends, and its digits (the first 16 of them; the
/// count goes on past them).
fn run(b: &[u8], start: usize) -> (usize, Digits) {
    let mut digits = Digits::default();
    let mut i = start;
    while let Some((d, len)) = digit_at(b, i) {
        digits.push(d);
        i += len;
    }
    (i, digits)
}

/// A group separator starting at `i` (its bytes), for numbers in either width: a space, a tab,
/// a hyphen, a dot, an underscore, a slash, a hyphen between spaces (` - `), the no-break
/// space (U+00A0, what a word processor puts between groups) and the narrow one (U+202F), the
/// thin space (U+2009), the middle dots (U+00B7, the hyphenation point U+2027, the katakana
/// U+30FB and its half-width U+FF65), the hyphens and dashes (U+2010..U+2014, the small
/// hyphen-minus U+FE63), the minus sign (U+2212), the ideographic space (U+3000), the
/// full-width hyphen-minus (U+FF0D) or full stop (U+FF0E).
pub(super) fn separator_at(b: &[u8], i: usize) -> Option<&[u8]> {
    let len = match b.get(i..)? {
        [b' ', b'-', b' ', ..] => 3,
        [b' ' | b'\t' | b'-' | b'.' | b'_' | b'/', ..] => 1,
        [0xC2, 0xA0 | 0xB7, ..] => 2,
        [0xE2, 0x80, 0x89..=0x94 | 0xA7 | 0xAF, ..]
        | [0xE2, 0x88, 0x92, ..]
        | [0xE3, 0x80, 0x80, ..]
        | [0xE3, 0x83, 0xBB, ..]
        | [0xEF, 0xB9, 0xA3, ..]
        | [0xEF, 0xBD, 0xA5, ..]
        | [0xEF, 0xBC, 0x8D | 0x8E, ..] => 3,
        _ => return None,
    };
    b.get(i..i + len)
}

/// Whether a separator is a dot (`.` or `．`): after one, eight digits read as a fraction.
pub(super) fn is_dot(sep: &[u8]) -> bool {
    matches!(sep, b"." | [0xEF, 0xBC, 0x8E])
}

/// The start of the run of digits before the group gap that ends at `start`, if any: a
/// separator, a closing bracket, or a closing bracket and a separator (`(138) 1234`). Each
/// reading of the gap is tried (` - ` ends with a space, a separator of its own).
fn group_before(b: &[u8], start: usize) -> Option<usize> {
    let sep_starts = [0, 1, 2, 3].into_iter().filter_map(|len| {
        let s = start.checked_sub(len)?;
        let fits = len == 0 || separator_at(b, s).is_some_and(|sep| s + sep.len() == start);
        fits.then_some(s)
    });
    sep_starts
        .flat_map(|sep| {
            [0, 1, 3].into_iter().filter_map(move |len| {
                let s = sep.checked_sub(len)?;
                (len == 0 || close_at(b, s) == Some(len)).then_some(s)
            })
        })
        .filter(|&gap| gap != start)
        .find_map(|gap| digit_ending_at(b, gap).map(|d| run_start(b, d)))
}

/// The number that starts at the run of digits at `start`, if its digits make one: the
/// span (a `+` or `＋` before `86` included), as `phones::next_phone` reads ASCII numbers:
/// 11 digits, or grouped 3-4-4 or 3-8.
fn number_at(b: &[u8], start: usize) -> Option<(usize, usize)> {
    let (end, digits) = run(b, start);
    match digits.as_slice() {
        d if is_phone(d) => Some((start, end)),
        [8, 6, rest @ ..] if is_phone(rest) => Some((plus_before(b, start), end)),
        [0, 0, 8, 6, rest @ ..] if is_phone(rest) => Some((start, end)),
        // The trunk prefix a landline dials before a mobile number in another city.
        [0, rest @ ..] if is_phone(rest) => Some((start, end)),
        [1, 3..=9, _] => grouped(b, start, end),
        _ => None,
    }
}

/// The span of a grouped number whose first group, `1[3-9]x`, runs from `start` to `end`, if
/// the groups after it make one: 3-4-4, each gap a separator ([`separator_at`], not
/// necessarily the same one twice: `138 1234-5678`), or 3-8 (not after a dot, where the eight
/// digits read as a fraction). The first group may be in brackets, ASCII or full-width
/// (`(138)1234-5678`, `（138） 1234 5678`): they are the number's, and the separator after
/// them may be left out. The groups' digits may be of either width.
pub(super) fn grouped(b: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    // After a number and a dot, the digits are its fraction or a version's part (a logcat
    // time's milliseconds `10:31:02.153 1234-5678/`, `1.138 1234 5678`): no first group. The
    // country code is the exception (`+86.138.1234.5678`).
    let before = b.get(start.wrapping_sub(1)) == Some(&b'.');
    if let Some(d) = digit_ending_at(b, start.wrapping_sub(1)).filter(|_| before) {
        let (_, digits) = run(b, run_start(b, d));
        if !matches!(digits.as_slice(), [8, 6] | [0, 0, 8, 6]) {
            return None;
        }
    }
    let open = open_before(b, start);
    let close = open.and(close_at(b, end));
    let (start, gap) = match (open, close) {
        (Some(open), Some(close)) => (open, end + close),
        _ => (start, end),
    };
    let sep = separator_at(b, gap);
    if sep.is_none() && close.is_none() {
        return None;
    }
    let (second, middle) = run(b, gap + sep.map_or(0, <[u8]>::len));
    if middle.len == 8 && !sep.is_some_and(is_dot) {
        return Some((start, second));
    }
    let sep = separator_at(b, second).filter(|_| middle.len == 4)?;
    let (third, last) = run(b, second + sep.len());
    (last.len == 4).then_some((start, third))
}

/// Where an opening bracket (`(` or `（`, U+FF08) just before `start` starts.
fn open_before(b: &[u8], start: usize) -> Option<usize> {
    match b.get(..start)? {
        [.., b'('] => Some(start - 1),
        [.., 0xEF, 0xBC, 0x88] => Some(start - 3),
        _ => None,
    }
}

/// The length of a closing bracket (`)` or `）`, U+FF09) at `i`.
fn close_at(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i..)? {
        [b')', ..] => Some(1),
        [0xEF, 0xBC, 0x89, ..] => Some(3),
        _ => None,
    }
}

/// `start`, or where a `+` or `＋` (U+FF0B) just before it starts.
fn plus_before(b: &[u8], start: usize) -> usize {
    match b.get(..start).unwrap_or_default() {
        [.., b'+'] => start - 1,
        [.., 0xEF, 0xBC, 0x8B] => start - 3,
        _ => start,
    }
}

/// 11 digits, `1[3-9]…`.
fn is_phone(d: &[u8]) -> bool {
    matches!(d, [1, 3..=9, ..] if d.len() == 11)
}

/// The values of a run's first digits, and how many the run has.
#[derive(Default)]
struct Digits {
    kept: [u8; 16],
    len: usize,
}

impl Digits {
    fn push(&mut self, d: u8) {
        if let Some(slot) = self.kept.get_mut(self.len) {
            *slot = d;
        }
        self.len += 1;
    }

    /// The digits, or none when the run is longer than any number (16 digits or more).
    fn as_slice(&self) -> &[u8] {
        self.kept.get(..self.len).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::secret::mask_phones;
    use std::borrow::Cow;

    fn masked(text: &str) -> String {
        mask_phones(Cow::Borrowed(text)).into_owned()
    }

    fn r(n: usize) -> String {
        format!("<redacted phone: {n} chars>")
    }

    #[test]
    fn full_width_numbers_are_found_as_ascii_ones_are() {
        let cases = [
            (
                "手机号１３８１２３４５６７８格式非法",
                format!("手机号{}格式非法", r(11)),
            ),
            ("１９９１２３４５６７８", r(11)),
            // `86`, `+86`, `＋86` and `0086` before it are the number's.
            (
                "号码＋８６１３８１２３４５６７８。",
                format!("号码{}。", r(14)),
            ),
            ("号码+８６１３８１２３４５６７８", format!("号码{}", r(14))),
            ("x ８６１３８１２３４５６７８", format!("x {}", r(13))),
            ("x ００８６１３８１２３４５６７８", format!("x {}", r(15))),
            // 3-4-4 with one separator twice: space, hyphen, the ideographic space, `－`.
            ("１３８ １２３４ ５６７８", r(13)),
            ("(１３８-１２３４-５６７８)", format!("({})", r(13))),
            ("１３８　１２３４　５６７８。", format!("{}。", r(13))),
            ("１３８－１２３４－５６７８", r(13)),
            ("１３８.１２３４.５６７８", r(13)),
            ("１３８．１２３４．５６７８", r(13)),
            // 3-8, split by anything but a dot.
            ("１３８ １２３４５６７８", r(12)),
            ("号码１３８－１２３４５６７８。", format!("号码{}。", r(12))),
            ("１３８　１２３４５６７８", r(12)),
            // Full-width digits mixed with ASCII ones, in any group.
            ("1381234567８", r(11)),
            ("138 1234 ５６７８", r(13)),
            ("138 １２３４ 5678", r(13)),
            // The same after other text: the number starts two groups before the digit found.
            ("号码 138 1234 ５６７８。", format!("号码 {}。", r(13))),
            ("号码:138-１２３４-5678", format!("号码:{}", r(13))),
            ("号码 138 1234567８。", format!("号码 {}。", r(12))),
            ("８６13812345678", r(13)),
            ("０１３８１２３４５６７８", r(12)),
            ("１３８‐１２３４‐５６７８", r(13)),
            ("号 １３８ - １２３４ - ５６７８", format!("号 {}", r(17))),
            // Two different separators, and the first group in brackets (ASCII or full-width).
            ("１３８ １２３４－５６７８", r(13)),
            ("１３８．１２３４.５６７８", r(13)),
            ("号（１３８）１２３４－５６７８。", format!("号{}。", r(14))),
            ("（１３８） １２３４５６７８", r(14)),
            ("（１３８ １２３４ ５６７８", format!("（{}", r(13))),
            ("(138) 1234 ５６７８", r(15)),
            ("号码(138)1234-５６７８", format!("号码{}", r(14))),
            ("+86（１３８）１２３４５６７８", format!("+86{}", r(13))),
        ];
        for (text, want) in cases {
            assert_eq!(masked(text), want, "{text}");
        }
    }

    #[test]
    fn full_width_digits_that_are_no_number_are_kept() {
        for kept in [
            "１３８１２３４５６７",           // 10 digits
            "１３８１２３４５６７８９",       // 12
            "9１３８１２３４５６７８",        // an ASCII digit before
            "１３８１２３４５６７８0",        // and after
            "１１８１２３４５６７８",         // not 1[3-9]
            "８７１３８１２３４５６７８",     // 87, not 86
            "８６１２８１２３４５６７８",     // 86 and no number
            "８６１３８１２３４５６７",       // 86 and ten digits
            "００８６１２８１２３４５６７８", // 0086 and no number
            "１３８  １２３４ ５６７８",      // a double one
            "１３８ １２３４ ５６７８９",     // a last group of five
            "１３８ １２３ ４５６７８",       // 3-3-5
            "１３８１２３４ ５６７８",        // 7-4
            "１３８．１２３４５６７８",       // 3-8 after a dot: a fraction
            "１３８.１２３４５６７８",        // the same
            "１３８ １２３４５６７",          // 3-7
            "１３８ １２３４５６７８９",      // 3-9
            "１３８） １２３４ ５６７８",     // closed and not opened
            "（１３８）１２３４５６７",       // (3)7
            "１２３ １２３４ ５６７８",       // not 1[3-9]
            "第１２３４５号，金额：１００元", // full-width punctuation, short runs
        ] {
            assert_eq!(masked(kept), kept, "{kept}");
            assert!(matches!(mask_phones(Cow::Borrowed(kept)), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn every_number_is_redacted_in_order_whatever_its_digits() {
        let text = "13812345678和１３９１２３４５６７８及137 1234 5678或１５０－１２３４－５６７８";
        assert_eq!(
            masked(text),
            format!("{}和{}及{}或{}", r(11), r(11), r(13), r(13))
        );
        // A number found by both searches is redacted once.
        assert_eq!(masked("号码８６13812345678。"), format!("号码{}。", r(13)));
        assert_eq!(masked("+８６13812345678"), r(14));
    }

    #[test]
    fn the_search_starts_where_it_is_told_and_stops_at_the_end() {
        let b = "１３８１２３４５６７８ １３９１２３４５６７８".as_bytes();
        assert_eq!(next_wide_phone(b, 0), Some((0, 33)));
        // From inside the first number: its rest is no number, the second one is found.
        assert_eq!(next_wide_phone(b, 3), Some((34, 67)));
        assert_eq!(next_wide_phone(b, 34), Some((34, 67)));
        assert_eq!(next_wide_phone(b, 35), None);
        assert_eq!(next_wide_phone(b, 67), None);
        assert_eq!(next_wide_phone(b, 99), None);
        // A lead byte cut short, or with other bytes after it.
        assert_eq!(first_wide_digit(b"\xEF\xBC", 0), None);
        assert_eq!(first_wide_digit(b"\xEF\xBC\x8F\xEF\xBC\x90", 0), Some(3));
        assert_eq!(first_wide_digit(b"\xEF\xBD\x90", 0), None);
        assert_eq!(first_wide_digit(b"\xEF\xBC\x9A", 0), None);
    }

    #[test]
    fn digits_are_read_whatever_their_width() {
        let b = "1２".as_bytes();
        assert_eq!(digit_at(b, 0), Some((1, 1)));
        assert_eq!(digit_at(b, 1), Some((2, 3)));
        assert_eq!(digit_at(b, 4), None);
        assert_eq!(digit_ending_at(b, 4), Some(1));
        assert_eq!(digit_ending_at("ab２".as_bytes(), 5), Some(2));
        assert_eq!(digit_ending_at("abc9".as_bytes(), 4), Some(3));
        assert_eq!(digit_ending_at(b, 1), Some(0));
        assert_eq!(digit_ending_at(b, 0), None);
        assert_eq!(digit_ending_at(b, 5), None);
        // `：` (EF BC 9A) and `/` (0x2F) are next to the digits, not digits.
        assert_eq!(digit_at("：".as_bytes(), 0), None);
        assert_eq!(digit_at(b"/", 0), None);
        assert_eq!(digit_ending_at("：".as_bytes(), 3), None);
        let (end, digits) = run("x１2３４５６７８９０１２３４５６７８".as_bytes(), 1);
        assert_eq!((end, digits.len), (53, 18));
        assert_eq!(
            digits.as_slice(),
            &[] as &[u8],
            "a run too long for a number"
        );
    }
}
