//! Secrets in XML written into text (a SOAP or Android log line, a server's XML answer kept as
//! a message): the text of an element whose name names a secret (`<token>T</token>`,
//! `<ns:AccessCode>T</ns:AccessCode>`, in CDATA or not), whose `name` or `key` attribute does
//! (`<string name="password">T</string>`, Android's shared preferences) or that an iOS plist's
//! `<key>` names (`<key>token</key><string>T</string>`); and the `value` attribute beside such a
//! `name` or `key` (`<int name="otp" value="T"/>`, .NET's `<add key="password" value="T"/>`).

use std::borrow::Cow;

use memchr::memmem;

use super::keyed::{is_state, is_wide_alnum};
use super::{secret_in, splice, text_key_kind};

/// Longest opening tag looked back over, in bytes: a longer one is no callback's.
const LONGEST_TAG: usize = 256;

/// `text` with the text of each element that names a secret redacted in place, the tags kept,
/// and each `value` attribute of a tag whose `name` or `key` names one
/// (`<int name="otp" value="482913"/>`, `<add key="password" value="…"/>`). Borrowed when there
/// is none, as almost every text has: a search for `<` says whether a tag may be there at all.
pub(super) fn mask_elements(text: Cow<'_, str>) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(at) = b.get(from..).and_then(|r| memchr::memchr(b'<', r)) {
        let lt = from + at;
        match b.get(lt + 1) {
            Some(b'/') => spans.extend(element_value(b, lt)),
            // Not a redaction's own `<redacted …>`, after any earlier reading.
            Some(c)
                if c.is_ascii_alphabetic()
                    && !b.get(lt..).is_some_and(|r| r.starts_with(b"<redacted ")) =>
            {
                spans.extend(attribute_value(b, lt));
            }
            _ => {}
        }
        from = lt + 1;
    }
    splice(text, spans)
}

/// The value of the element that the closing tag at `close` ends, and its kind, when its name,
/// its `name`/`key` attribute or the plist `<key>` before it (`<key>token</key><string>…`)
/// names a secret and the text may be one ([`may_be_value`]).
fn element_value(b: &[u8], close: usize) -> Option<(usize, usize, &'static str)> {
    let name = tag_name(b.get(close + 2..)?);
    b.get(close + 2 + name.len()).filter(|c| **c == b'>')?;
    let (start, end, lt) = content(b, close, name)?;
    let tag = b.get(lt..start)?;
    let (kind, said) = named(name)
        .or_else(|| attribute_kind(tag))
        .or_else(|| plist_key(b.get(..lt)?))?;
    let value = std::str::from_utf8(b.get(start..end)?).ok()?;
    let trimmed = value.trim();
    may_be_value(kind, trimmed, said)?;
    let lead = value.len() - value.trim_start().len();
    Some((start + lead, start + lead + trimmed.len(), kind))
}

/// The `value` attribute of the tag opening at `lt`, and its kind, when its `name` or `key`
/// attribute names a secret and the value may be one ([`may_be_value`]).
fn attribute_value(b: &[u8], lt: usize) -> Option<(usize, usize, &'static str)> {
    let rest = b.get(lt + 1..)?;
    let gt = memchr::memchr(b'>', rest.get(..LONGEST_TAG.min(rest.len()))?)?;
    let tag = rest.get(..gt)?;
    let (kind, said) = attribute_kind(tag)?;
    let (start, end) = attribute(tag, b"value")?;
    let value = std::str::from_utf8(tag.get(start..end)?).ok()?;
    may_be_value(kind, value, said)?;
    Some((lt + 1 + start, lt + 1 + end, kind))
}

/// `Some` when the text of an element or attribute named for a secret (`said`, the name as
/// written) may be the secret: not shorter than one (4 characters for a code, 2 for any
/// other), no state (`incorrect`), null or redaction, no label of a form (`Password` under
/// `name="password"`, Android's `@string/pwd_label`, text starting with Chinese: `密码`).
pub(super) fn may_be_value(kind: &'static str, value: &str, said: &[u8]) -> Option<()> {
    let shortest = if kind == "code" { 4 } else { 2 };
    let label = value.starts_with('@')
        || value
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii() && !is_wide_alnum(c))
        || value.as_bytes().eq_ignore_ascii_case(said);
    let no = value.chars().nth(shortest - 1).is_none()
        || value.contains("<redacted")
        || is_state(value)
        || label;
    secret_in(Some(kind), value).filter(|_| !no).map(|_| ())
}

/// The kind of secret a name written in a tag names, and the name.
fn named(name: &[u8]) -> Option<(&'static str, &[u8])> {
    let kind = text_key_kind(std::str::from_utf8(name).ok()?)?;
    Some((kind, name))
}

/// The name that a plist's `<key>…</key>` right before a value's tag gives it (`<key>token</key>
/// <string>…`), after blanks and line breaks, as written or escaped (`\n`, `\t`).
fn plist_key(head: &[u8]) -> Option<(&'static str, &[u8])> {
    let mut head = head;
    loop {
        match head {
            [rest @ .., b' ' | b'\t' | b'\n' | b'\r'] => head = rest,
            [rest @ .., b'\\', b'n' | b't' | b'r'] => head = rest,
            _ => break,
        }
    }
    let head = head.strip_suffix(b"</key>")?;
    let open = memmem::rfind(head, b"<key>")?;
    named(head.get(open + 5..)?)
}

/// The name a tag starts with: letters, digits, `_`, `-`, `.` and a namespace's `:`.
fn tag_name(rest: &[u8]) -> &[u8] {
    let len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':'))
        .count();
    rest.get(..len).unwrap_or_default()
}

/// Where the text of the element `name` closed at `close` starts and ends (inside a
/// `<![CDATA[…]]>`), and where its opening tag starts; `None` when its own opening tag is not
/// right before the text (the element holds others, or the text holds `<`).
fn content(b: &[u8], close: usize, name: &[u8]) -> Option<(usize, usize, usize)> {
    let head = b.get(..close)?;
    let (start, end, head) = match head.strip_suffix(b"]]>") {
        Some(h) => {
            let cdata = memmem::rfind(h, b"<![CDATA[")?;
            (cdata + 9, close - 3, h.get(..cdata)?)
        }
        // Plain text runs back to the opening tag's `>`, with no `<` in it.
        None => {
            let at = memchr::memrchr2(b'>', b'<', head)?;
            (at + 1, close, head.get(..at + 1)?)
        }
    };
    let gt = head
        .len()
        .checked_sub(1)
        .filter(|&i| head.get(i) == Some(&b'>'))?;
    let from = gt.saturating_sub(LONGEST_TAG);
    let lt = memchr::memrchr(b'<', b.get(from..gt)?)? + from;
    let tag = b.get(lt + 1..gt)?;
    let own = tag
        .strip_prefix(name)
        .is_some_and(|r| r.first().is_none_or(u8::is_ascii_whitespace));
    own.then_some((start, end, lt))
}

/// The kind of secret the `name` or `key` attribute of an opening tag names
/// (`string name="password"`), and the name.
fn attribute_kind(tag: &[u8]) -> Option<(&'static str, &[u8])> {
    [&b"name"[..], b"key"].iter().find_map(|attr| {
        let (start, end) = attribute(tag, attr)?;
        named(tag.get(start..end)?)
    })
}

/// Where the quoted value of the attribute `attr` of a tag starts and ends (`name="…"`,
/// `key='…'`, escaped `name=\"…\"`), after a blank or a line break.
fn attribute(tag: &[u8], attr: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    loop {
        // A search of its own for these short tags costs more to set up than to run.
        let at = from
            + tag
                .get(from..)?
                .windows(attr.len())
                .position(|w| w == attr)?;
        from = at + attr.len();
        let spaced = at
            .checked_sub(1)
            .and_then(|i| tag.get(i))
            .is_some_and(u8::is_ascii_whitespace);
        let Some(rest) = tag.get(from..).and_then(|r| r.strip_prefix(b"=")) else {
            continue;
        };
        if !spaced {
            continue;
        }
        let skip = usize::from(rest.first() == Some(&b'\\'));
        let quote = *rest.get(skip).filter(|q| matches!(q, b'"' | b'\''))?;
        let start = from + 1 + skip + 1;
        let inner = tag.get(start..)?;
        let len = inner.iter().position(|&c| c == quote || c == b'\\')?;
        return Some((start, start + len));
    }
}

#[cfg(test)]
mod tests;
