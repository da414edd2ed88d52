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
