//! Alibaba Cloud's XML responses (`<GetMobileResponse><Code>OK</Code>…`): XML is the default
//! format of its RPC APIs (Dypnsapi included) when a caller does not ask for JSON. Such a body is
//! read as the JSON object of the same elements and then normalised like any JSON callback.

use super::MAX_DEPTH;

/// An element's content: its text, or its child elements in order (text between them dropped).
enum Content {
    Text(String),
    Children(Vec<(String, Content)>),
}

/// The JSON object of the XML document `text` is, or `None` when it is not one well-formed
/// element: the root's children as keys (a text element as a string, an element with children
/// as an object); a root with only text is `{"Root":"text"}`. The `<?xml …?>` prolog, comments,
/// attributes and CDATA markers are skipped; the five named entities and numeric ones decoded.
pub(crate) fn to_json(text: &str) -> Option<String> {
    let mut r = Reader {
        b: text.as_bytes(),
        text,
        i: 0,
    };
    r.skip_misc();
    let (name, content) = r.element(0)?;
    r.skip_misc();
    if r.i != r.b.len() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    match content {
        Content::Children(children) => object(&children, &mut out),
        text @ Content::Text(_) => object(&[(name, text)], &mut out),
    }
    Some(out)
}

struct Reader<'t> {
    b: &'t [u8],
    text: &'t str,
    i: usize,
}

impl Reader<'_> {
    fn starts(&self, s: &str) -> bool {
        self.b
            .get(self.i..)
            .is_some_and(|r| r.starts_with(s.as_bytes()))
    }

    /// Past `end`, or to the end of the text when it never comes.
    fn skip_past(&mut self, end: &str) {
        let rest = self.text.get(self.i..).unwrap_or_default();
        self.i = rest
            .find(end)
            .map_or(self.b.len(), |p| self.i + p + end.len());
    }

    /// Blanks, the prolog, processing instructions, comments and a doctype.
    fn skip_misc(&mut self) {
        loop {
            while self.b.get(self.i).is_some_and(u8::is_ascii_whitespace) {
                self.i += 1;
            }
            if self.starts("<?") {
                self.skip_past("?>");
            } else if self.starts("<!--") {
                self.skip_past("-->");
            } else if self.starts("<!") && !self.starts("<![CDATA[") {
                self.skip_past(">");
            } else {
                return;
            }
        }
    }

    /// One element at `self.i`: its name and content.
    fn element(&mut self, depth: usize) -> Option<(String, Content)> {
        if depth > MAX_DEPTH || self.b.get(self.i) != Some(&b'<') {
            return None;
        }
        let start = self.i + 1;
        let len = self
            .b
            .get(start..)?
            .iter()
            .take_while(|&&c| is_name(c))
            .count();
        let name = self
            .text
            .get(start..start + len)
            .filter(|n| !n.is_empty())?;
        // Attributes are skipped: the tag ends at the first `>` (values never hold one here).
        let close = start + self.text.get(start..)?.find('>')?;
        self.i = close + 1;
        if self.b.get(close - 1) == Some(&b'/') {
            return Some((name.to_owned(), Content::Text(String::new())));
        }
        let end_tag = format!("</{name}>");
        let mut children = Vec::new();
        let mut text = String::new();
        loop {
            self.skip_comments_and_cdata(&mut text);
            if self.starts(&end_tag) {
                self.i += end_tag.len();
                break;
            }
            match self.b.get(self.i) {
                None => return None,
                // Another element's end tag (`</c>`) is not an element either: `None` then.
                Some(b'<') => children.push(self.element(depth + 1)?),
                Some(_) => {
                    let from = self.i;
                    let to = self
                        .text
                        .get(from..)?
                        .find('<')
                        .map_or(self.b.len(), |p| from + p);
                    decode(self.text.get(from..to)?, &mut text);
                    self.i = to;
                }
            }
        }
        let content = if children.is_empty() {
            Content::Text(text.trim().to_owned())
        } else {
            Content::Children(children)
        };
        Some((name.to_owned(), content))
    }

    /// Comments (dropped) and CDATA sections (their text kept as it is), at `self.i`.
    fn skip_comments_and_cdata(&mut self, text: &mut String) {
        loop {
            if self.starts("<!--") {
                self.skip_past("-->");
            } else if self.starts("<![CDATA[") {
                let from = self.i + "<![CDATA[".len();
                self.skip_past("]]>");
                let to = self.i.saturating_sub("]]>".len()).max(from);
                text.push_str(self.text.get(from..to).unwrap_or_default());
            } else {
                return;
            }
        }
    }
}

fn is_name(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':') || c >= 0x80
}

/// `s` with its entities decoded, appended to `out`; an entity it does not know stays as written.
fn decode(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        rest = rest.get(amp..).unwrap_or_default();
        let entity = rest.find(';').filter(|&e| e <= 10).and_then(|e| {
            let c = match rest.get(1..e)? {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                n => {
                    let n = n.strip_prefix('#')?;
                    let v = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(v)?
                }
            };
            Some((c, e + 1))
        });
        let (c, len) = entity.unwrap_or(('&', 1));
        out.push(c);
        rest = rest.get(len..).unwrap_or_default();
    }
    out.push_str(rest);
}

/// `children` as a JSON object, appended to `out`.
fn object(children: &[(String, Content)], out: &mut String) {
    out.push('{');
    for (k, (name, content)) in children.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        string(name, out);
        out.push(':');
        match content {
            Content::Text(t) => string(t, out),
            Content::Children(c) => object(c, out),
        }
    }
    out.push('}');
}

/// `s` as a JSON string, appended to `out`.
fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::{to_json, MAX_DEPTH};

    #[test]
    fn elements_become_the_keys_of_an_object() {
        let xml = "<?xml version='1.0' encoding='UTF-8'?>\n<GetMobileResponse>\n  <RequestId>8906582E-6722</RequestId>\n  <Code>OK</Code>\n  <GetMobileResultDTO><Mobile>150****0000</Mobile></GetMobileResultDTO>\n</GetMobileResponse>";
        assert_eq!(
            to_json(xml).as_deref(),
            Some(
                r#"{"RequestId":"8906582E-6722","Code":"OK","GetMobileResultDTO":{"Mobile":"150****0000"}}"#
            )
        );
        assert_eq!(
            to_json("<Code>OK</Code>").as_deref(),
            Some(r#"{"Code":"OK"}"#)
        );
    }

    #[test]
    fn attributes_comments_cdata_entities_and_empty_elements() {
        let xml = r#"<Error lang="zh"><!-- x --><Code>isv.X</Code><Message><![CDATA[a<b]]> &amp; &#x4E2D;&#25991; &bad; "q"</Message><HostId/></Error>"#;
        assert_eq!(
            to_json(xml).as_deref(),
            Some(r#"{"Code":"isv.X","Message":"a<b & 中文 &bad; \"q\"","HostId":""}"#)
        );
    }

    #[test]
    fn what_is_not_one_well_formed_element_is_none() {
        for text in [
            "<a><b>1</b>",
            "<a><b>1</c></a>",
            "<a>1</a><b>2</b>",
            "<a>1</a> trailing",
            "<>1</>",
            "< a>1</a>",
            "<a",
            "not xml",
        ] {
            assert_eq!(to_json(text), None, "{text}");
        }
        // The root and MAX_DEPTH levels under it, and no more.
        let deep = |n: usize| "<a>".repeat(n) + "x" + &"</a>".repeat(n);
        assert!(to_json(&deep(MAX_DEPTH + 1)).is_some());
        assert_eq!(to_json(&deep(MAX_DEPTH + 2)), None);
    }

    #[test]
    fn names_in_any_script_and_control_characters_escaped() {
        assert_eq!(
            to_json("<结果><Code>OK</Code><Message>a\u{1}b</Message></结果>").as_deref(),
            Some(r#"{"Code":"OK","Message":"a\u0001b"}"#)
        );
    }

    #[test]
    fn a_doctype_before_the_root_is_skipped() {
        let xml = "<?xml version='1.0'?><!DOCTYPE Error><!-- c --><Error><Code>OK</Code></Error>";
        assert_eq!(to_json(xml).as_deref(), Some(r#"{"Code":"OK"}"#));
    }
}
