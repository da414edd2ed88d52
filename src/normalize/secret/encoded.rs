//! Text that writes its secrets' keys encoded once more: in full-width letters
//! (`ｔｏｋｅｎ：STsid…`), as HTML-escaped XML or JSON (`&lt;token&gt;…`, `&quot;token&quot;:…`),
//! or with its line breaks and quotes escaped by a logger (`token:\n  STsid…`, a multipart body
//! logged on one line). [`plain`] gives the text with those decoded, for the scans to read;
//! where they find a secret there, the decoded text is what is kept, redacted.

/// `text` with full-width ASCII letters, the HTML entities of markup and a logger's backslash
/// escapes decoded; `None` when it holds none of them. For a text that holds a byte of class
/// [`ENCODED`](super::prose::ENCODED).
pub(super) fn plain(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let first = memchr::memchr3(b'&', b'\\', 0xEF, b)?;
    let encoded = b[first..]
        .iter()
        .enumerate()
        .any(|(i, _)| encoding_at(b, first + i).is_some());
    if !encoded {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut copied = 0;
    while at < b.len() {
        match encoding_at(b, at) {
            Some((len, decoded)) => {
                out.push_str(text.get(copied..at).unwrap_or_default());
                out.push(decoded);
                at += len;
                copied = at;
            }
            None => at += 1,
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Some(out)
}

/// The encoded character at `at` in `b`, if one is: its length there and what it stands for.
fn encoding_at(b: &[u8], at: usize) -> Option<(usize, char)> {
    let rest = b.get(at..)?;
    match rest {
        // U+FF01..U+FF5E, the full-width forms of `!`..`~`: `EF BC 81..BF`, `EF BD 80..9E`.
        // Only letters count as an encoding (full-width punctuation is how Chinese is written).
        [0xEF, 0xBC, c @ 0xA1..=0xBA, ..] => Some((3, char::from(c - 0xA1 + b'A'))),
        [0xEF, 0xBD, c @ 0x81..=0x9A, ..] => Some((3, char::from(c - 0x81 + b'a'))),
        [0xEF, 0xBC, 0x9A, ..] if wide_letter_before(b, at) => Some((3, ':')),
        [0xEF, 0xBC, 0x9D, ..] if wide_letter_before(b, at) => Some((3, '=')),
        [b'&', ..] => entity(rest),
        // A logger's escapes of a line break, a tab or a quote: never a code's or a secret's
        // own characters.
        [b'\\', b'n', ..] => Some((2, '\n')),
        [b'\\', b'r', ..] => Some((2, '\r')),
        [b'\\', b't', ..] => Some((2, '\t')),
        [b'\\', b'"', ..] => Some((2, '"')),
        _ => None,
    }
}

/// Whether a full-width letter ends right before `at` (the separator of a full-width key).
fn wide_letter_before(b: &[u8], at: usize) -> bool {
    at >= 3
        && matches!(
            b.get(at - 3..at),
            Some([0xEF, 0xBC, 0xA1..=0xBA] | [0xEF, 0xBD, 0x81..=0x9A])
        )
}

/// The HTML entity that opens `rest`, of those that write markup and quotes.
fn entity(rest: &[u8]) -> Option<(usize, char)> {
    const ENTITIES: [(&[u8], char); 6] = [
        (b"&lt;", '<'),
        (b"&gt;", '>'),
        (b"&quot;", '"'),
        (b"&apos;", '\''),
        (b"&#39;", '\''),
        (b"&#34;", '"'),
    ];
    ENTITIES
        .iter()
        .find(|(name, _)| rest.starts_with(name))
        .map(|(name, c)| (name.len(), *c))
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn decodes_each_form_and_only_those() {
        let cases = [
            ("ＡＺａｚ", Some("AZaz")),
            ("ｔｏｋｅｎ＝x ｋｅｙ：y", Some("token=x key:y")),
            // Full-width punctuation is how Chinese is written: no encoding on its own.
            ("失败：请重试＝（１）｛｝", None),
            ("１＝２", None),
            ("a｛b", None),
            ("&lt;a&gt;&quot;b&quot;&apos;c&#39;&#34;", Some("<a>\"b\"'c'\"")),
            ("&amp;lt; &nbsp; & ;", None),
            (r#"a\nb\rc\td\"e"#, Some("a\nb\rc\td\"e")),
            (r"C:\windows\system", None),
            ("plain text", None),
        ];
        for (text, want) in cases {
            assert_eq!(plain(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn a_wide_separator_counts_right_after_a_wide_letter_only() {
        assert_eq!(plain("ａ＝").as_deref(), Some("a="));
        assert_eq!(plain("ａ ＝").as_deref(), Some("a ＝"));
        assert_eq!(plain("＝ａ").as_deref(), Some("＝a"));
    }
}
