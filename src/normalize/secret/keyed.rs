//! Secrets written as `key=value` or `key: value` in text: a log line's `token=STsid…`,
//! `accessCode: ac_…`, `password='hunter2'`. The value after a key that names a secret (the
//! same words as a field's key, [`secret_kind`]) is redacted in place, as a field's would be.

use std::borrow::Cow;

use super::{redacted, secret_in, secret_kind};
use crate::normalize::scan::find_either;

/// `text` with the value after each secret key written in it redacted in place
/// (`获取token成功 token=STsid0001` → `获取token成功 token=<redacted token: 9 chars>`).
/// Borrowed when it names none, as almost every text does.
pub(crate) fn mask_keyed(text: Cow<'_, str>) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    // Most texts have no separator: eight bytes at a time to find one.
    while let Some(sep) = find_either(b, from, b'=', b':') {
        from = sep + 1;
        let Some((at, key)) = key_before(b, sep) else {
            continue;
        };
        // A redaction's own words (`<redacted token: 9 chars>`) name no secret.
        let marker = b.get(..at).is_some_and(|r| r.ends_with(b"<redacted "));
        let Some(kind) = secret_kind(key).filter(|_| !marker) else {
            continue;
        };
        let (start, end) = value_after(b, sep);
        let value = text.get(start..end).unwrap_or_default();
        // An object after the key is redacted as an object (`redact_objects_in`), not here.
        let object = value.starts_with(['{', '[']);
        if object || value.starts_with("<redacted") || secret_in(Some(kind), value).is_none() {
            continue;
        }
        out.push_str(text.get(copied..start).unwrap_or_default());
        out.push_str(&redacted(kind, value));
        copied = end;
        from = end;
    }
    if copied == 0 {
        return text;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// The key written just before the `=` or `:` at `sep`: letters, digits, `_`, `-` and `.`,
/// after any quote and blanks around it, and where it starts; `None` when there is none.
fn key_before(b: &[u8], sep: usize) -> Option<(usize, &str)> {
    let mut end = sep;
    while end > 0 && matches!(b.get(end - 1), Some(b' ' | b'\t' | b'"' | b'\'')) {
        end -= 1;
    }
    let is_key = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.');
    let len = b.get(..end)?.iter().rev().take_while(|c| is_key(c)).count();
    let key = std::str::from_utf8(b.get(end - len..end)?).ok()?;
    key.bytes()
        .any(|c| c.is_ascii_alphabetic())
        .then_some((end - len, key))
}

/// Where the value after the separator at `sep` starts and ends: inside its quotes when it is
/// quoted, else up to a blank or a character that ends a `key=value` in logs.
fn value_after(b: &[u8], sep: usize) -> (usize, usize) {
    let mut start = sep + 1;
    while matches!(b.get(start), Some(b' ' | b'\t')) {
        start += 1;
    }
    if let Some(&q @ (b'"' | b'\'')) = b.get(start) {
        let rest = b.get(start + 1..).unwrap_or_default();
        let len = rest.iter().position(|&c| c == q).unwrap_or(rest.len());
        return (start + 1, start + 1 + len);
    }
    let rest = b.get(start..).unwrap_or_default();
    let ends = |c: &u8| c.is_ascii_whitespace() || b",;&)}]\"'".contains(c);
    let len = rest.iter().position(ends).unwrap_or(rest.len());
    (start, start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(t: &str) -> String {
        mask_keyed(Cow::Borrowed(t)).into_owned()
    }

    #[test]
    fn values_after_secret_keys_are_redacted_in_place() {
        assert_eq!(
            masked("获取token成功 token=STsid0001"),
            "获取token成功 token=<redacted token: 9 chars>"
        );
        assert_eq!(
            masked("failed accessCode=ac_01234 password=hunter2, then"),
            "failed accessCode=<redacted code: 8 chars> password=<redacted secret: 7 chars>, then"
        );
        assert_eq!(
            masked("auth_code: 'a b c'; x"),
            "auth_code: '<redacted code: 5 chars>'; x"
        );
        assert_eq!(
            masked(r#"{"token" : "abc"}"#),
            r#"{"token" : "<redacted token: 3 chars>"}"#
        );
        // A value already redacted, a null, a short value under a phone key: kept.
        for kept in [
            "token=<redacted token: 9 chars>",
            "token=null",
            "isPhone: true",
            "code=600011 msg=获取token失败 vendorCode:103911 at 10:31:02",
            "token请求过于频繁: 稍后再试",
            r#"token: {"a":1} {"#,
            // Only blanks and quotes before the separator: no key.
            " : x",
            "'=abc",
            "",
        ] {
            assert_eq!(masked(kept), kept);
        }
    }

    #[test]
    fn a_text_without_secret_keys_stays_borrowed() {
        assert!(matches!(
            mask_keyed(Cow::Borrowed("code=600011 msg=x")),
            Cow::Borrowed(_)
        ));
    }
}
