//! Secrets in a multipart form written into text (OkHttp's and curl's logs of a request body):
//! the body of each part whose `name` names a secret, after the part's headers and the blank
//! line that ends them (`Content-Disposition: form-data; name="token"` `\r\n\r\n` `STsid…`),
//! up to the next boundary line (`--…`).

use std::borrow::Cow;

use memchr::memmem;

use super::elements::may_be_value;
use super::{splice, text_key_kind};

/// `text` with the body of each form part named for a secret redacted in place, its headers
/// and boundaries kept. Borrowed when there is none: most texts hold no `form-data;` at all.
pub(super) fn mask_parts(text: Cow<'_, str>) -> Cow<'_, str> {
    let b = text.as_bytes();
    let spans = memmem::find_iter(b, b"form-data;")
        .filter_map(|at| part_value(b, at))
        .collect();
    splice(text, spans)
}

/// The body of the part whose `Content-Disposition` header holds `form-data;` at `at`, and its
/// kind, when the header's `name` names a secret and the body may be one.
fn part_value(b: &[u8], at: usize) -> Option<(usize, usize, &'static str)> {
    let rest = b.get(at..)?;
    let line = rest.get(..memchr::memchr(b'\n', rest).unwrap_or(rest.len()))?;
    let name = name_parameter(line)?;
    let kind = text_key_kind(std::str::from_utf8(name).ok()?)?;
    // The headers end with the part's first blank line, before any boundary.
    let boundary = memmem::find(rest, b"\n--").unwrap_or(rest.len());
    let crlf = memmem::find(rest, b"\r\n\r\n").map(|i| i + 4);
    let lf = memmem::find(rest, b"\n\n").map(|i| i + 2);
    let start = crlf
        .into_iter()
        .chain(lf)
        .min()
        .filter(|&s| s <= boundary)?
        + at;
    let body = b.get(start..)?;
    // The body ends at the line break before the next boundary, or with the text.
    let len = memmem::find(body, b"\n--").unwrap_or(body.len());
    let value = std::str::from_utf8(body.get(..len)?).ok()?;
    let value = value.strip_suffix('\r').unwrap_or(value);
    may_be_value(kind, value.trim(), name)?;
    let lead = value.len() - value.trim_start().len();
    Some((start + lead, start + lead + value.trim().len(), kind))
}

/// The value of the `name` parameter of a `Content-Disposition` header's line (`form-data;
/// name="token"`, `name=token`), not of `filename`: quoted or up to the next `;` or blank.
fn name_parameter(line: &[u8]) -> Option<&[u8]> {
    let at = memmem::find_iter(line, b"name=").find(|&i| {
        i.checked_sub(1)
            .and_then(|p| line.get(p))
            .is_some_and(|c| matches!(c, b' ' | b'\t' | b';'))
    })?;
    let value = line.get(at + 5..)?;
    match value.strip_prefix(b"\"") {
        Some(quoted) => quoted.get(..memchr::memchr(b'"', quoted)?),
        None => {
            let len = value
                .iter()
                .take_while(|c| !matches!(c, b';' | b' ' | b'\t' | b'\r'))
                .count();
            value.get(..len)
        }
    }
}

#[cfg(test)]
mod tests;
