//! Text that writes its secrets' keys encoded once more: in full-width letters
//! (`ｔｏｋｅｎ：STsid…`), as HTML-escaped XML or JSON (`&lt;token&gt;…`, `&quot;token&quot;:…`),
//! or with its line breaks and quotes escaped by a logger (`token:\n  STsid…`, a multipart body
//! logged on one line). [`plain`] gives the text with those decoded, for the scans to read;
//! what they redact there is redacted where it is written in the text ([`Plain::redact_in`]),
//! the rest kept as written.

use std::borrow::Cow;

/// A text with its encodings decoded, and where each of its bytes came from.
pub(super) struct Plain {
    pub(super) text: String,
    /// For each byte of `text`, and its end, the offset in the encoded text it was read from.
    from: Vec<usize>,
}

/// `text` with full-width ASCII letters, the HTML entities of markup and a logger's backslash
/// escapes decoded; `None` when it holds none of them. For a text that holds a byte of class
/// [`ENCODED`](super::prose::ENCODED).
pub(super) fn plain(text: &str) -> Option<Plain> {
    let b = text.as_bytes();
    let first = memchr::memchr3(b'&', b'\\', 0xEF, b)?;
    let encoded = (first..b.len()).any(|at| encoding_at(b, at).is_some());
    if !encoded {
        return None;
    }
    let mut out = Plain {
        text: String::with_capacity(text.len()),
        from: Vec::with_capacity(text.len() + 1),
    };
    let mut at = 0;
    while let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) {
        let (len, decoded) = encoding_at(b, at).unwrap_or((c.len_utf8(), c));
        out.text.push(decoded);
        out.from.resize(out.text.len(), at);
        at += len;
    }
    out.from.push(at);
    Some(out)
}

impl Plain {
    /// `original` (the text this was decoded from) with the values that `masked` (this text
    /// with secrets redacted) redacted, redacted where they are written: the rest stays as
    /// written. `None` when `masked` is not this text with redactions in it.
    pub(super) fn redact_in<'t>(&self, original: &'t str, masked: &str) -> Option<Cow<'t, str>> {
        let (d, m) = (self.text.as_bytes(), masked.as_bytes());
        let (mut i, mut j) = (0, 0);
        let mut spans = Vec::new();
        while j < m.len() {
            // A redaction where the decoded text has none: `<redacted KIND: N chars>` (looked
            // for first: the value it stands for may start with `<` too).
            let marker = m.get(j..).and_then(|r| r.strip_prefix(b"<redacted "));
            let ours = d.get(i..).is_some_and(|r| r.starts_with(b"<redacted "));
            let Some(marker) = marker.filter(|_| !ours) else {
                if d.get(i) != m.get(j) {
                    return None;
                }
                (i, j) = (i + 1, j + 1);
                continue;
            };
            let colon = marker.iter().position(|&c| c == b':')?;
            let kind = KINDS.iter().find(|k| k.as_bytes() == &marker[..colon])?;
            let count = marker.get(colon + 2..)?;
            let digits = count.iter().take_while(|c| c.is_ascii_digit()).count();
            let chars: usize = std::str::from_utf8(&count[..digits]).ok()?.parse().ok()?;
            let tail = count.get(digits..)?.strip_prefix(b" chars>")?;
            // The end of the value's `chars` characters: refused if the text has fewer.
            let rest = self.text.get(i..)?;
            let mut ends = (rest.char_indices().map(|(at, _)| at)).chain([rest.len()]);
            let value = ends.nth(chars)?;
            spans.push((*self.from.get(i)?, *self.from.get(i + value)?, *kind));
            i += value;
            j = m.len() - tail.len();
        }
        (i == d.len()).then(|| super::splice(Cow::Borrowed(original), spans))
    }
}

/// The kinds a redaction names ([`redacted`](super::redacted)).
const KINDS: [&str; 4] = ["token", "code", "phone", "secret"];

/// The encoded character at `at` in `b`, if one is: its length there and what it stands for.
fn encoding_at(b: &[u8], at: usize) -> Option<(usize, char)> {
    let rest = b.get(at..)?;
    match rest {
        // U+FF01..U+FF5E, the full-width forms of `!`..`~`: `EF BC 81..BF`, `EF BD 80..9E`.
        // Only letters count as an encoding (full-width punctuation is how Chinese is written).
        [0xEF, 0xBC, c @ 0xA1..=0xBA, ..] => Some((3, char::from(c - 0xA1 + b'A'))),
        [0xEF, 0xBD, c @ 0x81..=0x9A, ..] => Some((3, char::from(c - 0x81 + b'a'))),
        // A separator right after one (`ｔｏｋｅｎ：`, `ａｕｔｈ＿ｃｏｄｅ`).
        [0xEF, 0xBC, 0x9A, ..] if wide_letter_before(b, at) => Some((3, ':')),
        [0xEF, 0xBC, 0x9D, ..] if wide_letter_before(b, at) => Some((3, '=')),
        [0xEF, 0xBC, 0xBF, ..] if wide_letter_before(b, at) => Some((3, '_')),
        [0xEF, 0xBC, 0x8D, ..] if wide_letter_before(b, at) => Some((3, '-')),
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
    if let Some((name, c)) = ENTITIES.iter().find(|(name, _)| rest.starts_with(name)) {
        return Some((name.len(), *c));
    }
    // A log's `key=value;` reading cuts a value at its `;`: `&lt;token&gt;…&lt;/token&gt`.
    // HTML reads these three without it too, before anything but a letter or a digit.
    const CUT: [(&[u8], char); 3] = [(b"&lt", '<'), (b"&gt", '>'), (b"&quot", '"')];
    let (name, c) = CUT.iter().find(|(name, _)| rest.starts_with(name))?;
    let next = rest.get(name.len());
    next.is_none_or(|n| !n.is_ascii_alphanumeric())
        .then_some((name.len(), *c))
}

#[cfg(test)]
mod tests {
    use super::plain;

    fn decoded(text: &str) -> Option<String> {
        plain(text).map(|p| p.text)
    }

    #[test]
    fn decodes_each_form_and_only_those() {
        let cases = [
            ("ＡＺａｚ", Some("AZaz")),
            ("ｔｏｋｅｎ＝x ｋｅｙ：y", Some("token=x key:y")),
            ("ａ＿ｂ－ｃ ＿－", Some("a_b-c ＿－")),
            // Full-width punctuation is how Chinese is written: no encoding on its own.
            ("失败：请重试＝（１）｛｝", None),
            ("１＝２", None),
            ("a｛b", None),
            (
                "&lt;a&gt;&quot;b&quot;&apos;c&#39;&#34;",
                Some("<a>\"b\"'c'\""),
            ),
            ("&lt &gt; &quot", Some("< > \"")),
            ("&amp;lt; &nbsp; & ; &ltx &gt1", None),
            (r#"a\nb\rc\td\"e"#, Some("a\nb\rc\td\"e")),
            (r"C:\windows\system", None),
            ("plain text", None),
        ];
        for (text, want) in cases {
            assert_eq!(decoded(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn a_wide_separator_counts_right_after_a_wide_letter_only() {
        assert_eq!(decoded("ａ＝").as_deref(), Some("a="));
        assert_eq!(decoded("ａ ＝").as_deref(), Some("a ＝"));
        assert_eq!(decoded("＝ａ").as_deref(), Some("＝a"));
    }

    #[test]
    fn redactions_land_where_the_value_is_written() {
        let text = "&lt;k&gt;ｖａｌｕｅ&lt;/k&gt; 好";
        let p = plain(text).unwrap();
        assert_eq!(p.text, "<k>value</k> 好");
        let masked = "<k><redacted code: 5 chars></k> 好";
        assert_eq!(
            p.redact_in(text, masked).as_deref(),
            Some("&lt;k&gt;<redacted code: 5 chars>&lt;/k&gt; 好")
        );
        // At the end, and two of them.
        let text = "ａ=1 ｂ=22";
        let p = plain(text).unwrap();
        let masked = "a=<redacted secret: 1 chars> b=<redacted phone: 2 chars>";
        assert_eq!(
            p.redact_in(text, masked).as_deref(),
            Some("ａ=<redacted secret: 1 chars> ｂ=<redacted phone: 2 chars>")
        );
        // A redaction already in the text is the text's own.
        let text = "ａ <redacted token: 3 chars>";
        let p = plain(text).unwrap();
        assert_eq!(
            p.redact_in(text, "a <redacted token: 3 chars>").as_deref(),
            Some(text)
        );
    }

    #[test]
    fn what_is_not_the_text_with_redactions_is_refused() {
        let text = "ａｂｃ=123";
        let p = plain(text).unwrap();
        for masked in [
            "abc=12",
            "abc=1234",
            "xbc=123",
            "abc=<redacted pin: 3 chars>",
            "abc=<redacted code: 4 chars>",
            "abc=<redacted code: 3 chars",
            "abc=<redacted code 3 chars>",
            "abc=<redacted code: x chars>",
        ] {
            assert!(p.redact_in(text, masked).is_none(), "{masked}");
        }
    }
}
