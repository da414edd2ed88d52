//! A tolerant scanner for the map-like shapes callbacks are logged in: JSON (strict or broken),
//! iOS `NSDictionary` descriptions, Swift dictionary prints, Dart map prints and Java
//! `toString`s.
//!
//! One pass over the text, no recursion: a nested object or array is only skipped (with its
//! depth counted against [`MAX_DEPTH`]) and kept as a raw slice, to be parsed again when it is
//! needed (carrier data) and only then. Strings are borrowed unless they hold escapes.
//!
//! Every position handed to a slice is either the text's end or the position of an ASCII byte,
//! which is always a character boundary; slicing still goes through `get` so that a mistake
//! degrades to an empty string instead of a panic.

use std::borrow::Cow;

mod strings;
mod swift;

pub(crate) use strings::*;
#[cfg(test)]
use swift::opens_dict;
pub(crate) use swift::{find_map, find_open, opens_map};

use super::{ParseError, Shape, MAX_DEPTH};

/// A value as it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Val<'a> {
    /// A quoted string, unescaped.
    Str(Cow<'a, str>),
    /// A double-quoted string holding escapes, as written between the quotes: unescaped only
    /// when needed ([`unescape`]).
    Esc(&'a str),
    /// An unquoted scalar (number, literal, Dart or NSDictionary text), trimmed.
    Bare(&'a str),
    /// An object or array, brackets included, not yet parsed.
    Nested(&'a str),
}

/// One `key: value` pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field<'a> {
    pub(crate) key: Cow<'a, str>,
    pub(crate) val: Val<'a>,
}

/// What the object looked like, to name its shape.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Style {
    quoted_keys: u32,
    bare_keys: u32,
    equals: u32,
    semicolons: u32,
    ns_prefix: bool,
    /// Opened by `[`: a Swift dictionary's print.
    swift: bool,
}

impl Style {
    /// The style of the object opening at `open`, before its content is read: what precedes it.
    fn before(src: &str, open: usize) -> Style {
        let before = slice(src, 0, open);
        Style {
            ns_prefix: before.trim_end().ends_with('='),
            swift: byte(src.as_bytes(), open) == Some(b'['),
            ..Style::default()
        }
    }

    /// `key = value` entries are an NSDictionary's when they end with `;` or the object follows
    /// `name =`, else a Java `toString`'s (`TokenRet{code=...}`: a name right before the brace
    /// can never also be an `=`).
    pub(crate) fn shape(self) -> Shape {
        if self.swift {
            Shape::SwiftDictionary
        } else if self.equals > 0 {
            if self.semicolons > 0 || self.ns_prefix {
                Shape::NsDictionary
            } else {
                Shape::JavaToString
            }
        } else if self.bare_keys > self.quoted_keys {
            Shape::DartMap
        } else {
            Shape::Json
        }
    }
}

/// An object's fields, in order: up to eight inline (Android's callback has six).
pub(crate) type Fields<'a> = smallvec::SmallVec<[Field<'a>; 8]>;

/// A parsed object (its fields go to the caller's [`Fields`]): where it ended, what it looked
/// like.
#[derive(Debug)]
pub(crate) struct Object {
    pub(crate) end: usize,
    pub(crate) style: Style,
}

fn byte(b: &[u8], i: usize) -> Option<u8> {
    b.get(i).copied()
}

fn slice(src: &str, from: usize, to: usize) -> &str {
    src.get(from..to).unwrap_or_default()
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(byte(b, i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

fn skip_blank(b: &[u8], mut i: usize) -> usize {
    while matches!(byte(b, i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// The end of the object or array starting at `start` (brackets `{[(` counted alike, double
/// quoted strings skipped), or the text's end when it is not closed.
pub(crate) fn skip_nested(src: &str, start: usize, level: usize) -> Result<usize, ParseError> {
    let b = src.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (j, &c) in b.iter().enumerate().skip(start) {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'{' | b'[' | b'(' => {
                depth += 1;
                if level + depth > MAX_DEPTH {
                    return Err(ParseError::TooDeep { max: MAX_DEPTH });
                }
            }
            b'}' | b']' | b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(j + 1);
                }
            }
            _ => {}
        }
    }
    Ok(b.len())
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'-' | b'.')
}

/// At most the first 80 bytes of `b`: how far a key's closing quote is looked for, so that
/// a value with many commas costs a bounded look-ahead at each.
fn first_80(b: &[u8]) -> &[u8] {
    b.get(..80).unwrap_or(b)
}

/// Whether what follows a comma at `i` starts another entry (`key:`/`key=`, the key bare,
/// quoted or escaped-quoted) or closes the object: where an unquoted value ends (Dart values
/// may contain commas), and a single-quoted one (Java and Python prints may hold quotes).
fn next_entry_follows(b: &[u8], i: usize) -> bool {
    let i = skip_ws(b, i);
    let key_end = match byte(b, i) {
        None | Some(b'}' | b']') => return true,
        Some(q @ (b'"' | b'\'')) => {
            let Some(close) = b
                .get(i + 1..)
                .and_then(|rest| first_80(rest).iter().position(|&c| c == q))
            else {
                return false;
            };
            i + 1 + close + 1
        }
        Some(b'\\') if byte(b, i + 1) == Some(b'"') => {
            let Some(close) = b
                .get(i + 2..)
                .and_then(|rest| first_80(rest).iter().position(|&c| c == b'"'))
            else {
                return false;
            };
            i + 2 + close + 1
        }
        Some(c) if is_ident(c) => match swift::any_hashable_end(b, i) {
            Some(end) => end,
            None => {
                let mut j = i;
                while byte(b, j).is_some_and(is_ident) && j - i < 64 {
                    j += 1;
                }
                j
            }
        },
        Some(_) => return false,
    };
    let j = skip_blank(b, key_end);
    matches!(byte(b, j), Some(b':' | b'='))
}

/// An unquoted value starting at `start`: up to a closing bracket, a line end, a `;` that ends
/// an NSDictionary entry, or a comma before the next `key:`; brackets inside are balanced.
fn unquoted(src: &str, start: usize, after_equals: bool) -> (&str, usize) {
    let b = src.as_bytes();
    let mut depth = 0usize;
    // Parentheses opened inside the value (`请求超时(1)`); an unopened `)` after `=` closes a
    // Kotlin data class print (`TokenRet(code=600011, requestId=r1)`).
    let mut parens = 0usize;
    let mut i = start;
    while let Some(c) = byte(b, i) {
        match c {
            b'(' => parens += 1,
            b')' if parens == 0 && depth == 0 && after_equals => break,
            b')' => parens = parens.saturating_sub(1),
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => break,
            b'}' | b']' => depth -= 1,
            b'\n' | b'\r' if depth == 0 => break,
            b';' if depth == 0
                && (after_equals
                    || matches!(
                        byte(b, skip_blank(b, i + 1)),
                        None | Some(b'\n' | b'\r' | b'}')
                    )) =>
            {
                break
            }
            b',' if depth == 0 && next_entry_follows(b, i + 1) => break,
            _ => {}
        }
        i += 1;
    }
    let value = trim(slice(src, start, i));
    // Android's `TokenRet.toString` writes `requestId=` + id + `', `: the quote it closes was
    // never opened.
    match after_equals {
        true => (value.strip_suffix('\'').unwrap_or(value), i),
        false => (value, i),
    }
}

/// A value starting at `i` (`after_equals`: in `key = value`; `swift`: in a Swift print).
// Inlined into `object`, its one caller: left to itself the compiler stopped inlining it
// (and the field push after it) as `object` grew, at +250 instructions per Android callback.
#[inline(always)]
fn value<'a>(
    src: &'a str,
    i: usize,
    level: usize,
    (after_equals, swift): (bool, bool),
    dead: &mut [usize; 2],
) -> Result<(Val<'a>, usize), ParseError> {
    let b = src.as_bytes();
    Ok(match byte(b, i) {
        None => (Val::Bare(""), i),
        Some(b'"') => match quoted_raw(src, i) {
            (s, false, end) => (Val::Str(Cow::Borrowed(s)), end),
            (s, true, end) => (Val::Esc(s), end),
        },
        Some(b'\'') => match single_quoted(src, i, false, dead) {
            Some((s, end)) => (Val::Str(Cow::Borrowed(s)), end),
            None => {
                let (s, end) = unquoted(src, i + 1, after_equals);
                (Val::Str(Cow::Borrowed(s)), end)
            }
        },
        // JSON printed with its quotes escaped but not unescaped: `{\"code\":\"600011\"}`.
        Some(b'\\') if byte(b, i + 1) == Some(b'"') => {
            let (s, end) = escaped_quoted(src, i);
            (Val::Str(s), end)
        }
        Some(b'{' | b'[' | b'(') => {
            let end = skip_nested(src, i, level)?;
            (Val::Nested(slice(src, i, end)), end)
        }
        Some(_) => {
            let (s, end) = unquoted(src, i, after_equals);
            (swift::bare(s, swift), end)
        }
    })
}

/// A string opened by `\"` at `i`, closed by the next `\"`; its content keeps one level of
/// escaping, which is removed.
fn escaped_quoted(src: &str, i: usize) -> (Cow<'_, str>, usize) {
    let body = i + 2;
    let b = src.as_bytes();
    // The first `\"`: each backslash found, then the byte after it.
    let mut close = None;
    let mut escapes = false;
    let mut from = body;
    while let Some(at) = find_quote_or_backslash(b, from) {
        if byte(b, at) == Some(b'\\') {
            if byte(b, at + 1) == Some(b'"') {
                close = Some(at);
                break;
            }
            escapes = true;
        }
        from = at + 1;
    }
    let (inner, end) = match close {
        Some(at) => (slice(src, body, at), at + 2),
        None => (slice(src, body, b.len()), src.len()),
    };
    if escapes {
        let (s, _) = unescape_until(inner, 0, false);
        (Cow::Owned(s), end)
    } else {
        (Cow::Borrowed(inner), end)
    }
}

/// A key starting at `i`, and where it ends; `None` when there is none here (a stop character,
/// or a single quote that closes no key), which the caller steps over: both are one byte.
fn key<'a>(
    src: &'a str,
    i: usize,
    style: &mut Style,
    dead: &mut [usize; 2],
) -> Option<(Cow<'a, str>, usize)> {
    let b = src.as_bytes();
    match byte(b, i) {
        Some(b'"') => {
            style.quoted_keys += 1;
            Some(quoted(src, i))
        }
        Some(b'\'') => {
            style.quoted_keys += 1;
            let (k, end) = single_quoted(src, i, true, dead)?;
            Some((Cow::Borrowed(k), end))
        }
        Some(b'\\') if byte(b, i + 1) == Some(b'"') => {
            style.quoted_keys += 1;
            Some(escaped_quoted(src, i))
        }
        // Swift's `AnyHashable("key")`; its object is named by its `[` (`Style::swift`).
        Some(b'A') => swift::any_hashable_key(src, i).or_else(|| bare_key(src, i, style)),
        _ => bare_key(src, i, style),
    }
}

/// A key written without quotes, up to what ends it.
fn bare_key<'a>(src: &'a str, i: usize, style: &mut Style) -> Option<(Cow<'a, str>, usize)> {
    let b = src.as_bytes();
    let mut j = i;
    while let Some(c) = byte(b, j) {
        if matches!(
            c,
            b':' | b'=' | b',' | b';' | b'{' | b'}' | b'[' | b']' | b'\n' | b'\r' | b'"'
        ) {
            break;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    style.bare_keys += 1;
    Some((Cow::Borrowed(trim(slice(src, i, j))), j))
}

/// Parses the object whose opening brace (or a Swift dictionary's `[`) is at `open` into
/// `fields` (cleared first: the caller's buffer, kept where it is rather than moved, being 400
/// bytes). `parent_level` is the
/// nesting level of what contains it (0 for the text itself). Tolerant: an unclosed object ends
/// with the text, a stray character is skipped, a key without a value is dropped. Its `end` is
/// past `open`.
pub(crate) fn object<'a>(
    src: &'a str,
    open: usize,
    parent_level: usize,
    fields: &mut Fields<'a>,
) -> Result<Object, ParseError> {
    fields.clear();
    let level = parent_level + 1;
    if level > MAX_DEPTH {
        return Err(ParseError::TooDeep { max: MAX_DEPTH });
    }
    let b = src.as_bytes();
    let mut style = Style::before(src, open);
    let mut dead = [usize::MAX; 2];
    // A Swift dictionary's print is closed by `]`, any other object by `}`.
    let close = if style.swift { b']' } else { b'}' };
    let mut i = open + 1;
    // Every turn moves `i` on: a key reads at least one byte (`None` steps over one), and a
    // value starts past its `:`, so the loop ends.
    loop {
        while let Some(c) = byte(b, i) {
            match c {
                b' ' | b'\t' | b'\n' | b'\r' | b',' => i += 1,
                b';' => {
                    style.semicolons += 1;
                    i += 1;
                }
                _ => break,
            }
        }
        match byte(b, i) {
            None => break,
            Some(c) if c == close => {
                i += 1;
                break;
            }
            Some(b'}' | b']' | b')') => {
                i += 1;
                continue;
            }
            Some(b'{' | b'[' | b'(') => {
                // A value without a key: skip it (its end is past its bracket).
                i = skip_nested(src, i, level)?;
                continue;
            }
            Some(_) => {}
        }
        let Some((k, after_key)) = key(src, i, &mut style, &mut dead) else {
            i += 1;
            continue;
        };
        i = skip_blank(b, after_key);
        let after_equals = match byte(b, i) {
            Some(b':') => false,
            Some(b'=') => {
                style.equals += 1;
                true
            }
            // A word without a value: go on after it.
            _ => continue,
        };
        i += 1;
        if after_equals && byte(b, i) == Some(b'>') {
            i += 1; // `key => value`
        }
        i = skip_blank(b, i);
        if matches!(byte(b, i), Some(b'\n' | b'\r')) {
            i = skip_ws(b, i);
        }
        let (val, end) = value(src, i, level, (after_equals, style.swift), &mut dead)?;
        fields.push(Field { key: k, val });
        i = end;
    }
    Ok(Object {
        end: i.min(src.len()),
        style,
    })
}

#[cfg(test)]
mod tests;
