//! Unit tests of the field helpers that the payload tests reach only in part.

use super::*;

#[test]
fn code_tokens() {
    let tok =
        |s: &str, n| code_token(s, n).map(|(r, g)| (s[r].to_owned(), g.map(|g| s[g..].to_owned())));
    assert_eq!(tok(" 600011 ", false), Some(("600011".into(), None)));
    assert_eq!(tok("-8004", true), Some(("-8004".into(), None)));
    assert_eq!(
        tok("1105msg:x", false),
        Some(("1105".into(), Some("msg:x".into())))
    );
    // Text glued to the digits: a message's key, another script, punctuation.
    assert_eq!(
        tok("103000成功", false),
        Some(("103000".into(), Some("成功".into())))
    );
    assert_eq!(
        tok("600011;", true),
        Some(("600011".into(), Some(";".into())))
    );
    // Letters and digits run on: one word, not the digits and text (`0x1F` is no `0`).
    assert_eq!(tok("0x1F", false), Some(("0x1F".into(), None)));
    assert_eq!(tok("0abc", false), Some(("0abc".into(), None)));
    assert_eq!(tok("1105msg", false), Some(("1105msg".into(), None)));
    // (A message's key further on does not make the digits a code.)
    assert_eq!(tok("0abc msg:x", false), None);
    assert_eq!(tok("0x1F", true), None);
    // A number written as text reads as a bare one: an integer's digits, else kept whole.
    assert_eq!(
        tok("600011.0", true),
        Some(("600011".into(), Some(".0".into())))
    );
    assert_eq!(tok("6.0e5", true), Some(("6.0e5".into(), None)));
    assert_eq!(tok("1e3", false), Some(("1e3".into(), None)));
    assert_eq!(tok("-8004.5", true), Some(("-8004.5".into(), None)));
    assert_eq!(
        tok("isv.TOKEN_INVALID", false),
        Some(("isv.TOKEN_INVALID".into(), None))
    );
    assert_eq!(tok("isv.TOKEN_INVALID", true), None);
    assert_eq!(tok("null", false), None);
    assert_eq!(tok("获取失败", false), None);
    // A `+` is dropped from the code, also after blanks and quotes.
    assert_eq!(tok("+600011", false), Some(("600011".into(), None)));
    assert_eq!(tok(" \"+600011\"", false), Some(("600011".into(), None)));
    // A letter first is not a sign: no number, so no code where only numbers count, and
    // text glued after it is not split off.
    assert_eq!(tok("a123", true), None);
    assert_eq!(tok("x12msg:y", false), None);
    // More than 18 digits is no code, not even as a name.
    assert_eq!(tok("1234567890123456789", false), None);
    // A name starts with a letter or digit.
    assert_eq!(tok("_abc", false), None);
    assert_eq!(tok("-abc", false), None);
    assert_eq!(tok(".x", false), None);
    // White space that is not ASCII (an ideographic space, NBSP), after quotes or before them:
    // the code and the glued text are cut after it.
    assert_eq!(
        tok("\"\u{3000}600011\"", false),
        Some(("600011".into(), None))
    );
    assert_eq!(
        tok("\u{a0}1105msg:x", false),
        Some(("1105".into(), Some("msg:x".into())))
    );
}

/// The code, its key, the inner code and the Tea mark of a text read by its patterns.
fn read(text: &str) -> (String, CodeKey, Option<String>, bool) {
    let mut p = Parts::new(Cow::Borrowed(""), CodeKey::Bare, 0);
    parse_parts(text, text.len(), 0, false, &mut p).unwrap();
    let inner = p.inner_code.map(|(_, c)| c.into_owned());
    (p.code.into_owned(), p.code_key, inner, p.marks.tea)
}

#[test]
fn an_http_status_is_the_code_only_when_the_text_names_no_other() {
    let inner = Some("103911".to_owned());
    // Only an inner code besides it: the status stays the code, the inner code its cause.
    assert_eq!(
        read("code: 500, 系统繁忙 request id: r-9 vendorCode:103911"),
        ("500".into(), CodeKey::Pattern, inner.clone(), true)
    );
    assert_eq!(
        read("vendorCode:103911 code: 500, 系统繁忙 request id: r-9"),
        ("500".into(), CodeKey::Pattern, inner, true)
    );
    // Another code named after it wins, read as any code is (no mark); one in its message
    // does not.
    assert_eq!(
        read("code: 400, x request id: r Code: isv.A_B"),
        ("isv.A_B".into(), CodeKey::Pattern, None, false)
    );
    assert_eq!(
        read("code: 400, 错误码600017 request id: r"),
        ("400".into(), CodeKey::Pattern, None, true)
    );
    // No status: no mark.
    assert_eq!(
        read("code: 600011, x"),
        ("600011".into(), CodeKey::Pattern, None, false)
    );
}
