//! HTTP `Authorization` values in text: a scheme and its credential, the rest of a line.

use super::masked;

#[test]
fn an_http_scheme_and_its_credential_are_one_value() {
    for (text, want) in [
        (
            "Authorization: Bearer eyJ1a.b2 next",
            "Authorization: <redacted secret: 15 chars> next",
        ),
        (
            "Authorization: basic  x1 y",
            "Authorization: <redacted secret: 9 chars> y",
        ),
        (
            "Authorization: Bearer",
            "Authorization: <redacted secret: 6 chars>",
        ),
        (
            "Authorization: Bearer ",
            "Authorization: <redacted secret: 6 chars> ",
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

#[test]
fn an_authorization_value_is_the_whole_line() {
    for (text, want) in [
        (
            "Authorization: APPCODE 8c3f0a1b\nnext",
            "Authorization: <redacted secret: 16 chars>\nnext",
        ),
        (
            "Authorization: Token X1y2 ",
            "Authorization: <redacted secret: 10 chars> ",
        ),
        (
            "authorization=OAuth X1y2",
            "authorization=<redacted secret: 10 chars>",
        ),
        (
            r#"Authorization: Digest username="a", response="X1y2""#,
            "Authorization: <redacted secret: 36 chars>",
        ),
        (
            "Authorization: HMAC-SHA256 Credential=AK/x, Signature=X1y2\r\nHost: h",
            "Authorization: <redacted secret: 43 chars>\r\nHost: h",
        ),
        (
            "Proxy-Authorization: acs LTAI5t:SIG1=\nx",
            "Proxy-Authorization: <redacted secret: 16 chars>\nx",
        ),
        (
            r#"headers: {"Authorization": "APPCODE 8c3f", "x": 1}"#,
            r#"headers: {"Authorization": "<redacted secret: 12 chars>", "x": 1}"#,
        ),
        (
            r"Authorization: APPCODE 8c3f\nHost: h",
            r"Authorization: <redacted secret: 12 chars>\nHost: h",
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    // Other keys' values still end at a blank; an `authorization_code` is a code.
    assert_eq!(
        masked("auth_code=ab12 next: x"),
        "auth_code=<redacted code: 4 chars> next: x"
    );
    assert_eq!(
        masked("authorization_code=ab12 x"),
        "authorization_code=<redacted code: 4 chars> x"
    );
}

#[test]
fn an_authorization_line_ends_at_the_next_field() {
    for (text, want) in [
        (
            "HTTP 403 Authorization: APPCODE 8c3f2e1d, X-Ca-Error-Message: Invalid AppCode",
            "HTTP 403 Authorization: <redacted secret: 16 chars>, X-Ca-Error-Message: Invalid AppCode",
        ),
        (
            "Authorization: Token abc123 | url=https://x.com/login | status=401",
            "Authorization: <redacted secret: 12 chars> | url=https://x.com/login | status=401",
        ),
        (
            "Authorization: HMAC-SHA256 Credential=a1, Signature=b2; next: x",
            "Authorization: <redacted secret: 39 chars>; next: x",
        ),
        (
            "Authorization: Bearer\tabc123 x",
            "Authorization: <redacted secret: 13 chars> x",
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

#[test]
fn log_fields_and_one_characters_are_kept() {
    for (text, want) in [
        (
            "Authorization: APPCODE 8c3f2e1d9b7a status=401 url=https://x.com",
            "Authorization: <redacted secret: 20 chars> status=401 url=https://x.com",
        ),
        (
            r#"Authorization: Digest username="a", realm="r", response="X9""#,
            r#"Authorization: <redacted secret: 45 chars>"#,
        ),
        (
            "Authorization: HMAC-SHA256 Credential=a1, SignedHeaders=host, Signature=b2 x=1",
            "Authorization: <redacted secret: 59 chars> x=1",
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    assert_eq!(
        masked("是否登录成功，验证码：482913"),
        "是否登录成功，验证码：<redacted code: 6 chars>"
    );
    for kept in [
        "tokens: 3 remaining",
        "sessionId=-",
        "是否需要验证码：是",
        "需要验证码: 1234",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// What ends an Authorization line: a `key=value` or `key: value` after a blank, a header's
/// `Name:` after a comma; not another word, nor a mark with no name before it.
#[test]
fn fields_that_end_a_line() {
    use super::super::{next_field, next_pair};
    assert!(next_pair(b"status=401"));
    assert!(next_pair(b"a.b: 1"));
    assert!(!next_pair(b"2e1d rest"));
    assert!(!next_pair(b"=x"));
    assert!(!next_pair(b""));
    assert!(next_field(b" X-Ca-Error-Message: x"));
    assert!(!next_field(b" :x"));
    assert!(!next_field(b" realm=x"));
}
