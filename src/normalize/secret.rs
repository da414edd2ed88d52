//! Secrets in a payload: which keys name a credential or a person's number, and how a value is
//! redacted (kept as its kind and length, see [`ExtraValue`](crate::ExtraValue)).

/// Whether a key names a token (the IDaaS SDK's `data` holding tokens marks a login callback).
pub(crate) fn is_secret_key(key: &str) -> bool {
    super::keys::contains_ci(key, "token")
}

/// The kind of secret a key names, if any (see [`ExtraValue`]). Runs for every kept field, so
/// the key is folded (letters and digits, lower case) on the stack, not into a `String`.
pub(super) fn secret_kind(key: &str) -> Option<&'static str> {
    let mut buf = [0u8; 64];
    let folded = fold_key(key, &mut buf);
    if folded == b"msisdn" || folded == b"number" {
        return Some("phone");
    }
    first_secret_word(folded)
}

/// The kind of the secret words in `folded` text, the first in this order when there are
/// several (a `phoneToken` is a token): token, code, phone, secret. The one list of the words
/// that name a secret, for keys and for the texts that may hold them.
fn first_secret_word(folded: &[u8]) -> Option<&'static str> {
    // One pass, each word tried only where its first letter is: most keys name no secret, and
    // this runs for every kept field.
    let mut best = usize::MAX;
    for i in 0..folded.len() {
        let rest = folded.get(i..).unwrap_or_default();
        let words: &[(&[u8], usize)] = match rest.first() {
            Some(b't') => &[(b"token", 0)],
            Some(b'a') => &[
                (b"accesscode", 1),
                (b"authcode", 1),
                (b"authorizationcode", 1),
            ],
            Some(b'p') => &[(b"phone", 2), (b"password", 3)],
            Some(b'm') => &[(b"mobile", 2)],
            Some(b's') => &[(b"secret", 3)],
            _ => continue,
        };
        for &(word, rank) in words {
            if rest.starts_with(word) {
                best = best.min(rank);
            }
        }
    }
    ["token", "code", "phone", "secret"].get(best).copied()
}

/// `key`'s letters and digits, lower case, in `buf` (at most its length of them): keys are
/// compared without case or separators (`access_token`, `AccessToken`), without a `String`.
pub(crate) fn fold_key<'b>(key: &str, buf: &'b mut [u8]) -> &'b [u8] {
    let mut n = 0;
    for &c in key.as_bytes() {
        if !c.is_ascii_alphanumeric() {
            continue;
        }
        let Some(slot) = buf.get_mut(n) else {
            break;
        };
        *slot = c.to_ascii_lowercase();
        n += 1;
    }
    buf.get(..n).unwrap_or_default()
}

/// Whether a text may hold a key that names a secret, before parsing a nested value: the text
/// folded as keys are (so `authorization_code` and `Access-Code` are found), with the same words
/// as [`secret_kind`], or an 11-digit mobile number in it.
pub(super) fn mentions_secret(text: &str) -> bool {
    // Folded on the stack; a text with more letters and digits than that, into a `Vec`.
    const STACK: usize = 256;
    let mut stack = [0u8; STACK];
    let mut heap = Vec::new();
    let mut folded = fold_key(text, &mut stack);
    if folded.len() == STACK {
        heap.resize(text.len(), 0);
        folded = fold_key(text, &mut heap);
    }
    let has =
        |w: &[u8]| (0..folded.len()).any(|i| folded.get(i..).is_some_and(|r| r.starts_with(w)));
    first_secret_word(folded).is_some()
        || has(b"msisdn")
        || has(b"number")
        || text
            .split(|c: char| !c.is_ascii_digit())
            .any(looks_like_phone_digits)
}

/// An 11-digit mainland mobile number (1[3-9]xxxxxxxxx), maybe after +86/86.
pub(super) fn looks_like_phone(value: &str) -> bool {
    let v = value.trim();
    let v = v
        .strip_prefix("+86")
        .or_else(|| v.strip_prefix("86"))
        .filter(|r| r.len() == 11)
        .unwrap_or(v);
    looks_like_phone_digits(v)
}

pub(super) fn looks_like_phone_digits(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 11
        && b.first() == Some(&b'1')
        && b.get(1).is_some_and(|c| (b'3'..=b'9').contains(c))
        && b.iter().all(u8::is_ascii_digit)
}

/// The kind of secret a field holds, by its key or, for a phone number, by its value.
pub(super) fn secret_in(key: &str, value: &str) -> Option<&'static str> {
    if is_null(value) {
        return None;
    }
    secret_kind(key).or_else(|| looks_like_phone(value).then_some("phone"))
}

pub(super) fn redacted(kind: &str, value: &str) -> String {
    format!("<redacted {kind}: {} chars>", value.chars().count())
}

fn is_null(value: &str) -> bool {
    let v = value.trim();
    v.is_empty() || v == "null" || v == "(null)" || v == "nil"
}
