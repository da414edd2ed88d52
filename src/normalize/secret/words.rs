//! Tokens written among words with no key before them (`The token STsid… has failed`,
//! `token为STsid…`): a word that looks like a token is redacted wherever it sits in kept text.
//! What looks like one: 32 characters or more of a token's alphabet, both cases and a digit,
//! and classes of characters that change as often as in random base64, not as in an
//! identifier (`AliyunPhoneNumberAuthSDK_Android_2`, `PNSAuthUIConfig_privacyAlertContentColor2`).

use std::borrow::Cow;

use super::{looks_like_token, redacted};

/// The bytes of a word: letters, digits, `+`, `_` and `-`. Not `=`, which joins a key to its
/// value in logs (`requestId=8E7B…`: the key's capital is no token's), nor `/`, which splits
/// a path (a token's `/` joins words of both cases, see [`chain_end`]).
const IN_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let u = c as u8;
        t[c] = u.is_ascii_alphanumeric() || matches!(u, b'+' | b'_' | b'-');
        c += 1;
    }
    t
};

fn in_word(c: u8) -> bool {
    IN_WORD[usize::from(c)]
}

/// `text` with each word that [`is_token_word`] redacted in place. Borrowed when none is, as
/// almost every text is: one pass over the bytes says whether a run long enough is there.
pub(crate) fn mask_token_words(text: Cow<'_, str>) -> Cow<'_, str> {
    let b = text.as_bytes();
    if !has_long_run(b) {
        return text;
    }
    let mut out = String::new();
    let (mut copied, mut i) = (0, 0);
    while let Some(start) = b.get(i..).and_then(|r| r.iter().position(|&c| in_word(c))) {
        let start = i + start;
        let end = chain_end(b, start);
        i = end;
        let word = text.get(start..end).unwrap_or_default();
        // A redaction's own words are no token.
        let marker = b.get(..start).is_some_and(|h| h.ends_with(b"<redacted "));
        if !marker && is_token_word(word) {
            out.push_str(text.get(copied..start).unwrap_or_default());
            out.push_str(&redacted("token", word));
            copied = end;
        }
    }
    if copied == 0 {
        return text;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// Whether `b` holds a run of 32 bytes or more of words, `/` and `.` (a JWT's): no token is
/// shorter.
fn has_long_run(b: &[u8]) -> bool {
    if b.len() < 32 {
        return false;
    }
    let mut run = 0u32;
    for &c in b {
        run = if in_word(c) || c == b'/' || c == b'.' {
            run + 1
        } else {
            0
        };
        if run >= 32 {
            return true;
        }
    }
    false
}

/// Where the word at `start` ends, with the words after it that one `/` joins while each of
/// them has both cases, as standard base64 writes a token (`…pR7s/T2vW8…/H0jK…`). A path's
/// parts are words of their own (`/v1/codes/pns/STsid…`: only the last has both cases). A JWT
/// (`eyJ…`, its header's `{"` in base64) goes on over the `.` between its parts, each of which
/// may be shorter than a token.
fn chain_end(b: &[u8], start: usize) -> usize {
    let word_end = |from: usize| {
        from + b
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&c| in_word(c))
            .count()
    };
    let mixed =
        |w: &[u8]| w.iter().any(u8::is_ascii_lowercase) && w.iter().any(u8::is_ascii_uppercase);
    let mut end = word_end(start);
    if b.get(start..end).is_some_and(|w| w.starts_with(b"eyJ")) {
        while b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(|&c| in_word(c)) {
            end = word_end(end + 1);
        }
        return end;
    }
    if !b.get(start..end).is_some_and(mixed) {
        return end;
    }
    while b.get(end) == Some(&b'/') {
        let next = word_end(end + 1);
        if !b
            .get(end + 1..next)
            .is_some_and(|w| !w.is_empty() && mixed(w))
        {
            break;
        }
        end = next;
    }
    end
}

/// Whether a word of kept text is a token: [`looks_like_token`], both cases, and a class of
/// character (capital, small letter, digit, other) that changes at two pairs of neighbours in
/// five or more. Random base64 changes at about two in three; an identifier's words of small
/// letters change at one in three or fewer.
pub(super) fn is_token_word(word: &str) -> bool {
    // The length and alphabet first: most words (every short id and code) stop there.
    if !looks_like_token(word) {
        return false;
    }
    let b = word.as_bytes();
    let class = |c: u8| match c {
        b'A'..=b'Z' => 0,
        b'a'..=b'z' => 1,
        b'0'..=b'9' => 2,
        _ => 3,
    };
    let changes = b
        .windows(2)
        .filter(|p| matches!(p, [x, y] if class(*x) != class(*y)))
        .count();
    let cases = b.iter().any(u8::is_ascii_lowercase) && b.iter().any(u8::is_ascii_uppercase);
    cases && changes * 5 >= b.len().saturating_sub(1) * 2
}

#[cfg(test)]
mod tests;
