use super::*;
use proptest::prelude::*;

proptest! {
    /// White space of every kind at either end (ASCII, the vertical tab that
    /// `u8::is_ascii_whitespace` leaves out, U+0085, NBSP, U+3000), beside ASCII, controls,
    /// DEL and multi-byte letters.
    #[test]
    fn trim_agrees_with_str_trim(s in "[ \t\n\x0b\x0c\r\u{85}\u{a0}\u{3000}a~!\x00\x1f\x7f不]{0,8}") {
        prop_assert_eq!(trim(&s), s.trim());
        prop_assert_eq!(trim_start(&s), s.trim_start());
    }
}

/// The object at the first `{`, and its fields.
fn scanned(src: &str) -> (Object, Fields<'_>) {
    let mut fields = Fields::new();
    let obj = object(src, src.find('{').unwrap(), 0, &mut fields).unwrap();
    (obj, fields)
}

fn fields(src: &str) -> Vec<(String, Val<'_>)> {
    scanned(src)
        .1
        .into_iter()
        .map(|f| (f.key.into_owned(), f.val))
        .collect()
}

#[test]
fn json_strings_borrow_unless_escaped() {
    let f = fields(r#"{"code":"600011","msg":"\u83b7\u53d6","n":-8004,"o":{"a":"}"}}"#);
    assert_eq!(f[0].1, Val::Str(Cow::Borrowed("600011")));
    assert!(matches!(&f[0].1, Val::Str(Cow::Borrowed(_))));
    assert_eq!(f[1].1, Val::Esc("\\u83b7\\u53d6"));
    assert_eq!(f[2].1, Val::Bare("-8004"));
    assert_eq!(f[3].1, Val::Nested(r#"{"a":"}"}"#));
}

#[test]
fn ns_dictionary() {
    let src = "resultDic = {\n    msg = \"\\U65e0SIM\\U5361\";\n    requestId = 7c2d;\n    resultCode = 600007;\n}";
    let (obj, fields) = scanned(src);
    assert_eq!(obj.style.shape(), Shape::NsDictionary);
    let f: Vec<_> = fields
        .iter()
        .map(|f| (f.key.as_ref(), f.val.clone()))
        .collect();
    assert_eq!(f[0], ("msg", Val::Esc("\\U65e0SIM\\U5361")));
    assert_eq!(unescape("\\U65e0SIM\\U5361"), "无SIM卡");
    assert_eq!(f[1], ("requestId", Val::Bare("7c2d")));
    assert_eq!(f[2], ("resultCode", Val::Bare("600007")));
}

#[test]
fn dart_values_keep_commas_and_colons() {
    let f = fields("{msg: 失败, 请重试: 稍后, code: 600008, data: null}");
    assert_eq!(f[0], ("msg".into(), Val::Bare("失败, 请重试: 稍后")));
    assert_eq!(f[1], ("code".into(), Val::Bare("600008")));
    assert_eq!(f[2], ("data".into(), Val::Bare("null")));
    // A quoted key after a comma ends the value only if it closes within 80 bytes.
    for (len, key_found) in [(79, true), (80, false)] {
        let src = format!("{{msg: a, \"{}\": b, code: 1}}", "k".repeat(len));
        assert_eq!(fields(&src).len(), if key_found { 3 } else { 2 }, "{src}");
    }
}

#[test]
fn java_to_string() {
    let src = "TokenRet{vendorName='cu_xw', code='600011', msg='it's odd', carrierFailedResultData='{\"a\":1}', requestId=5e, token='null'}";
    let (obj, fields) = scanned(src);
    assert_eq!(obj.style.shape(), Shape::JavaToString);
    let f: Vec<_> = fields
        .iter()
        .map(|f| (f.key.as_ref(), f.val.clone()))
        .collect();
    assert_eq!(f[2], ("msg", Val::Str(Cow::Borrowed("it's odd"))));
    assert_eq!(
        f[3],
        (
            "carrierFailedResultData",
            Val::Str(Cow::Borrowed("{\"a\":1}"))
        )
    );
    assert_eq!(f[4], ("requestId", Val::Bare("5e")));
}

#[test]
fn finds_the_first_quote_or_backslash_at_any_offset() {
    for len in 0..40 {
        for at in 0..=len {
            for c in [b'"', b'\\'] {
                // Bytes that differ from the targets by one bit, and multi-byte text.
                let mut text: Vec<u8> = "#]\u{e9}!ab\u{5931}".bytes().cycle().take(len).collect();
                if at < len {
                    text[at] = c;
                    text.extend(b"\"\\");
                }
                let want = (at < len).then_some(at);
                // From any start up to the target: the word-at-a-time search and the tail
                // after it both count from the start.
                for from in 0..=at.min(len.saturating_sub(1)) {
                    let got = find_quote_or_backslash(&text, from);
                    assert_eq!(got, want, "len {len} at {at} from {from}");
                }
                assert_eq!(find_quote_or_backslash(&text, len + 5), None);
            }
        }
    }
}

#[test]
fn surrogates_and_broken_escapes() {
    assert_eq!(quoted(r#""\ud83d\ude00\x\u12""#, 0).0, "😀\\x\\u12");
    assert_eq!(quoted(r#""\ud83d""#, 0).0, "\u{FFFD}");
    assert_eq!(quoted("\"abc", 0), (Cow::Borrowed("abc"), 4));
}

#[test]
fn depth_is_limited() {
    let deep = format!(
        "{{\"a\":{}{}}}",
        "[".repeat(MAX_DEPTH),
        "]".repeat(MAX_DEPTH)
    );
    assert!(matches!(
        object(&deep, 0, 0, &mut Fields::new()),
        Err(ParseError::TooDeep { .. })
    ));
}

/// After a comma in an unquoted value: is a `key:` next? Keys are quoted, escaped-quoted
/// (`\"code\":`), or letters and digits; a lone `:` or a backslash before other text is not.
#[test]
fn what_follows_a_comma() {
    let follows = |s: &str| next_entry_follows(s.as_bytes(), 1);
    assert!(follows(r#", \"code\": 1"#));
    // Blanks first: the key is read from where it starts.
    assert!(follows(r#",    \"code\": 1"#));
    assert!(follows(r#",    'code': 1"#));
    assert!(!follows(r#",    \"code\" 1"#));
    assert!(follows(r#", "code": 1"#));
    assert!(follows(", code: 1"));
    assert!(follows(" }"));
    assert!(!follows(r#", \x": 1"#));
    assert!(!follows(", : x"));
    assert!(!follows(", more text"));
    // A bare key is at most 64 characters.
    assert!(follows(&format!(", {}: x", "a".repeat(64))));
    assert!(!follows(&format!(", {}: x", "a".repeat(65))));
}

#[test]
fn swift_dictionaries() {
    let src = r#"[AnyHashable("msg"): 获取token失败, AnyHashable("data"): {a = "]";}, AnyHashable("resultCode"): 600011] }, x: 1"#;
    let mut fields = Fields::new();
    let obj = object(src, 0, 0, &mut fields).unwrap();
    assert_eq!(obj.style.shape(), Shape::SwiftDictionary);
    // Closed by its own `]`, not by a `]` in a nested value, nor by the `}` after it.
    assert_eq!(obj.end, src.find("] }").unwrap() + 1);
    let f: Vec<_> = fields
        .iter()
        .map(|f| (f.key.as_ref(), f.val.clone()))
        .collect();
    assert_eq!(
        f,
        [
            ("msg", Val::Bare("获取token失败")),
            ("data", Val::Nested(r#"{a = "]";}"#)),
            ("resultCode", Val::Bare("600011")),
        ]
    );
    // A `}` or `)` inside is stepped over, as an object's stray `]` is.
    let src = r#"["a": 1 } ) "b": 2] "c": 3"#;
    let obj = object(src, 0, 0, &mut fields).unwrap();
    let keys: Vec<_> = fields.iter().map(|f| f.key.as_ref()).collect();
    assert_eq!(
        (keys, obj.end),
        (vec!["a", "b"], src.find(']').unwrap() + 1)
    );
    // Any text between the quotes. A key that is not a string (no callback has one) starts no
    // entry: it stays in the bare value before it.
    let src = r#"[AnyHashable("键 k"): 1, AnyHashable(7): 2]"#;
    object(src, 0, 0, &mut fields).unwrap();
    let f: Vec<_> = fields
        .iter()
        .map(|f| (f.key.as_ref(), f.val.clone()))
        .collect();
    assert_eq!(f, [("键 k", Val::Bare("1, AnyHashable(7): 2"))]);
}

#[test]
fn what_opens_a_swift_dictionary() {
    let opens = |s: &str| opens_dict(s.as_bytes(), 0);
    assert!(opens(r#"[AnyHashable("code"): 1]"#));
    assert!(opens("[\n  AnyHashable(\"code\"): 1]"));
    assert!(opens(r#"["code": 1]"#));
    assert!(opens(r#"[ "code" : 1]"#));
    assert!(!opens(r#"["code", 1]"#));
    assert!(!opens(r#"["a:b"]"#));
    assert!(!opens(r#"[{"code": 1}]"#));
    assert!(!opens("[main] code: 1"));
    assert!(!opens(r#"{"code": 1}"#));
    assert!(!opens(r#"[AnyHashable(1): 1]"#));
    assert!(!opens(r#"["code"#));
    // A key's closing quote is looked for within 80 bytes.
    let key = |n: usize| format!(r#"["{}": 1]"#, "k".repeat(n));
    assert!(opens(&key(79)) && !opens(&key(80)));
    let key = |n: usize| format!(r#"[AnyHashable("{}"): 1]"#, "k".repeat(n));
    assert!(opens(&key(79)) && !opens(&key(80)));
    assert!(opens_map(r#"  ["code": 1]"#) && opens_map(" {") && !opens_map("[1]"));
    // The next `{`, `(` or dictionary `[`, other `[`s passed over.
    let src = r#"a[1] b["x"] c["k": 1] {"#;
    assert_eq!(find_open(src.as_bytes(), 0), src.find(r#"["k""#));
    assert_eq!(find_open(b"[1] (x", 0), Some(4));
    assert_eq!(find_open(b"[1] [2]", 0), None);
    assert_eq!(find_map(br#"(x) [1] ["k": 1]"#, 0), Some(8));
    assert_eq!(find_map(b"(x) [1] {", 0), Some(8));
    assert_eq!(find_map(b"(x) [1]", 0), None);
    // After a comma, an `AnyHashable` key starts the next entry.
    let follows = |s: &str| next_entry_follows(s.as_bytes(), 1);
    assert!(follows(r#", AnyHashable("code"): 1"#));
    assert!(follows(", AnyCode: 1") && follows(", AppId: 1"));
    assert!(!follows(r#", AnyHashable("code") 1"#));
    assert!(!follows(r#", AnyHashable(code): 1"#));
}
