//! The value a sentence gives a secret: where it starts and ends, in quotes, brackets or an
//! `Optional(…)` or not, and whether it is one at all (`8-20位`, `120s`, `2024-01-01`,
//! `600011错误` say how long, how soon, when or what went wrong, not the secret).

use super::super::keyed::wrapper_len;

/// The fewest characters of a value in prose: what is shorter says how long a secret is or how
/// often one may be asked for (`密码是8位`, `验证码1次`).
const SHORTEST: usize = 4;

/// A value in a text: where it starts and ends, and what it is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Value {
    pub(super) start: usize,
    pub(super) end: usize,
    /// How many characters it has.
    chars: usize,
    /// Whether it holds a digit, and nothing but digits.
    digit: bool,
    all_digits: bool,
}

/// The value after `from`: past blanks (the full-width space included), inside quotes or
/// brackets (`“482913”`, `【482913】`, `"hunter22"`) or Swift's `Optional("…")`, a word of
/// letters, digits and a token's marks (`-`, `_`, `+`, `/`, `=`; a `.` only inside, not a
/// sentence's full stop), in ASCII or full width. Quoted, it must fill its quotes. `None` when
/// there is none (a separator follows: `mask_keyed` reads that value).
pub(super) fn value_after(b: &[u8], from: usize) -> Option<Value> {
    let mut start = from;
    loop {
        match b.get(start..)? {
            [b' ' | b'\t', ..] => start += 1,
            [0xE3, 0x80, 0x80, ..] => start += 3,
            _ => break,
        }
    }
    while let Some(len) = wrapper_len(b.get(start..)?) {
        start += len;
    }
    match quote_at(b.get(start..)?) {
        Some((open, close)) => {
            let v = word(b, start + open);
            let closed = b.get(v.end..).is_some_and(|r| r.starts_with(close));
            closed.then_some(v)
        }
        None => Some(word(b, start)),
    }
}

/// The length of the quote or bracket `rest` starts with, and its closing mark.
fn quote_at(rest: &[u8]) -> Option<(usize, &'static [u8])> {
    Some(match rest {
        [b'"', ..] => (1, b"\""),
        [b'\'', ..] => (1, b"'"),
        [b'[', ..] => (1, b"]"),
        [b'(', ..] => (1, b")"),
        [0xE2, 0x80, 0x9C, ..] => (3, "”".as_bytes()),
        [0xE2, 0x80, 0x98, ..] => (3, "’".as_bytes()),
        [0xE3, 0x80, 0x8C, ..] => (3, "」".as_bytes()),
        [0xE3, 0x80, 0x8E, ..] => (3, "』".as_bytes()),
        [0xE3, 0x80, 0x90, ..] => (3, "】".as_bytes()),
        [0xE3, 0x80, 0x8A, ..] => (3, "》".as_bytes()),
        [0xEF, 0xBC, 0x88, ..] => (3, "）".as_bytes()),
        [0xEF, 0xBC, 0x82, ..] => (3, "＂".as_bytes()),
        _ => return None,
    })
}

/// The word of value characters at `start` (see [`value_after`]).
pub(super) fn word(b: &[u8], start: usize) -> Value {
    let mut v = Value {
        start,
        end: start,
        chars: 0,
        digit: false,
        all_digits: true,
    };
    loop {
        let (len, digit) = match b.get(v.end..).unwrap_or_default() {
            [c, ..] if c.is_ascii_alphanumeric() || b"-_+/=".contains(c) => (1, c.is_ascii_digit()),
            [b'.', c, ..] if c.is_ascii_alphanumeric() => (1, false),
            // Full-width digits and letters (`４８２９１３`).
            [0xEF, 0xBC, c @ (0x90..=0x99 | 0xA1..=0xBA), ..] => (3, *c <= 0x99),
            [0xEF, 0xBD, 0x81..=0x9A, ..] => (3, false),
            _ => break,
        };
        v.end += len;
        v.chars += 1;
        v.digit |= digit;
        v.all_digits &= digit;
    }
    v
}

/// Units written right after a number, in ASCII and Chinese: the number is a length, a time or
/// a count (`120s`, `5min`, `6-digit`, `8位`, `60秒`), no secret.
const UNITS: [&str; 13] = [
    "s", "ms", "sec", "secs", "min", "mins", "h", "d", "day", "days", "digit", "digits", "chars",
];
const CHINESE_UNITS: [&str; 13] = [
    "位", "秒", "分", "次", "个", "天", "小时", "字", "条", "毫秒", "年", "月", "日",
];

/// Words with digits that name a secret's format, not the secret (`token is base64 encoded`,
/// `token为UTF-8编码`, `密码为SHA256加密`, `token是RS256签名`).
const FORMATS: [&str; 16] = [
    "base64",
    "base64url",
    "utf-8",
    "utf8",
    "sha1",
    "sha256",
    "sha512",
    "md5",
    "rs256",
    "hs256",
    "es256",
    "aes128",
    "aes256",
    "rsa2048",
    "oauth2",
    "gb2312",
];

/// Whether a unit follows a value, after any blanks (`8位`, `2000 条`).
fn unit_after(after: &[u8]) -> bool {
    let blanks = after.iter().take_while(|c| **c == b' ').count();
    let after = after.get(blanks..).unwrap_or_default();
    CHINESE_UNITS
        .iter()
        .any(|u| after.starts_with(u.as_bytes()))
}

/// Whether `text` is a date of eight digits (`20240501`): a year from 1970 to 2099, a month and
/// a day.
fn is_date(text: &[u8]) -> bool {
    let num = |r: std::ops::Range<usize>| {
        text.get(r)
            .and_then(|d| std::str::from_utf8(d).ok()?.parse::<u32>().ok())
    };
    text.len() == 8
        && text.iter().all(u8::is_ascii_digit)
        && num(0..4).is_some_and(|y| (1970..2100).contains(&y))
        && num(4..6).is_some_and(|m| (1..=12).contains(&m))
        && num(6..8).is_some_and(|d| (1..=31).contains(&d))
}

impl Value {
    /// Whether this value, after a key of `kind`, may be the secret: a digit and
    /// [`SHORTEST`] characters; not a number with its unit (`120s`, `8位`), a range
    /// (`8-20`), a date (`2024-01-01`, `20240501`), a dotted version (`2.12.14`, `v2.1`) or a format
    /// ([`FORMATS`]); for a token, not digits alone (`token为600011错误`, `token is 103000`: a
    /// result code).
    pub(super) fn may_be(&self, kind: &str, b: &[u8]) -> bool {
        let text = b.get(self.start..self.end).unwrap_or_default();
        let after = b.get(self.end..).unwrap_or_default();
        let result_code = kind == "token" && self.all_digits;
        let format = FORMATS
            .iter()
            .any(|f| text.eq_ignore_ascii_case(f.as_bytes()));
        let not_one = unit_after(after)
            || result_code
            || format
            || numbers_with(text, b"-.", 2..=3)
            || text
                .strip_prefix(b"v")
                .or_else(|| text.strip_prefix(b"V"))
                .is_some_and(|n| numbers_with(n, b".", 2..=3))
            || with_unit(text)
            || is_date(text);
        self.digit && self.chars >= SHORTEST && !not_one
    }

    /// Whether this value holds a digit and [`SHORTEST`] characters, as every secret here does
    /// (a cheap first look, before [`Value::may_be`] or [`Value::is_code`]).
    pub(super) fn may_hold_secret(&self) -> bool {
        self.digit && self.chars >= SHORTEST
    }

    /// Whether this value is digits alone.
    pub(super) fn is_number(&self) -> bool {
        self.all_digits
    }

    /// Whether this value, right after a Chinese name of a one-time code (`验证码482913`), is
    /// the code: 4 to 8 digits, no unit after them (`验证码120s后`, `验证码60秒`,
    /// `验证码 2000 条`), no date (`校验码 20240501 生成`).
    pub(super) fn is_code(&self, b: &[u8]) -> bool {
        let text = b.get(self.start..self.end).unwrap_or_default();
        let after = b.get(self.end..).unwrap_or_default();
        self.all_digits
            && (SHORTEST..=8).contains(&self.chars)
            && !unit_after(after)
            && !is_date(text)
    }
}

/// Whether `text` is 2 or 3 numbers (`parts`) joined by one of `joins` (`8-20`, `2024-01-01`,
/// `2.12.14`).
fn numbers_with(text: &[u8], joins: &[u8], parts: std::ops::RangeInclusive<usize>) -> bool {
    let mut split = text.split(|c| joins.contains(c));
    let count = split.clone().count();
    parts.contains(&count) && split.all(|p| !p.is_empty() && p.iter().all(u8::is_ascii_digit))
}

/// Whether `text` is a number and one of the [`UNITS`] (`120s`, `6-digit`, `8chars`).
fn with_unit(text: &[u8]) -> bool {
    let digits = text.iter().take_while(|c| c.is_ascii_digit()).count();
    let unit = text.get(digits..).unwrap_or_default();
    let unit = unit.strip_prefix(b"-").unwrap_or(unit);
    digits > 0
        && UNITS
            .iter()
            .any(|u| unit.eq_ignore_ascii_case(u.as_bytes()))
}
