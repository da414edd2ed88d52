//! Secrets in XML written into text (a SOAP or Android log line, a server's XML answer kept as
//! a message): the text of an element whose name names a secret (`<token>T</token>`,
//! `<ns:AccessCode>T</ns:AccessCode>`, in CDATA or not), or whose `name` or `key` attribute
//! does (`<string name="password">T</string>`, Android's shared preferences).

use std::borrow::Cow;

use memchr::memmem;

use super::keyed::is_state;
use super::{secret_in, splice, text_key_kind};

/// Longest opening tag looked back over, in bytes: a longer one is no callback's.
const LONGEST_TAG: usize = 256;

/// `text` with the text of each element that names a secret redacted in place, the tags kept.
/// Borrowed when there is none, as almost every text has: a search for `<` says whether an
/// element may close at all.
pub(super) fn mask_elements(text: Cow<'_, str>) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(at) = b.get(from..).and_then(|r| memchr::memchr(b'<', r)) {
        let close = from + at;
        if b.get(close + 1) == Some(&b'/') {
            spans.extend(element_value(b, close));
        }
        from = close + 1;
    }
    splice(text, spans)
}

/// The value of the element that the closing tag at `close` ends, and its kind, when its name
/// or its `name`/`key` attribute names a secret and the value may be one: not empty, a state
/// (`<password>incorrect</password>`), a null or a redaction already.
fn element_value(b: &[u8], close: usize) -> Option<(usize, usize, &'static str)> {
    let name = tag_name(b.get(close + 2..)?);
    b.get(close + 2 + name.len()).filter(|c| **c == b'>')?;
    let (start, end, open) = content(b, close, name)?;
    let own = std::str::from_utf8(name).ok().and_then(text_key_kind);
    let kind = own.or_else(|| attribute_kind(open))?;
    let value = std::str::from_utf8(b.get(start..end)?).ok()?;
    let trimmed = value.trim();
    let shortest = if kind == "code" { 4 } else { 2 };
    if trimmed.chars().nth(shortest - 1).is_none()
        || trimmed.contains("<redacted")
        || is_state(trimmed)
    {
        return None;
    }
    secret_in(Some(kind), trimmed)?;
    let lead = value.len() - value.trim_start().len();
    Some((start + lead, start + lead + trimmed.len(), kind))
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
/// `<![CDATA[…]]>`), and its opening tag; `None` when its own opening tag is not right before
/// the text (the element holds others, or the text holds `<`).
fn content<'b>(b: &'b [u8], close: usize, name: &[u8]) -> Option<(usize, usize, &'b [u8])> {
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
        .is_some_and(|r| r.first().is_none_or(|c| *c == b' '));
    own.then_some((start, end, tag))
}

/// The kind of secret the `name` or `key` attribute of an opening tag names
/// (`string name="password"`), quoted with `"` or `'`, escaped or not.
fn attribute_kind(tag: &[u8]) -> Option<&'static str> {
    [&b" name="[..], b" key="].iter().find_map(|attr| {
        let at = memmem::find(tag, attr)? + attr.len();
        let rest = tag.get(at..)?;
        let rest = rest.strip_prefix(b"\\").unwrap_or(rest);
        let (&quote, rest) = rest.split_first()?;
        if !matches!(quote, b'"' | b'\'') {
            return None;
        }
        let len = rest.iter().position(|&c| c == quote || c == b'\\')?;
        text_key_kind(std::str::from_utf8(rest.get(..len)?).ok()?)
    })
}

#[cfg(test)]
mod tests;
