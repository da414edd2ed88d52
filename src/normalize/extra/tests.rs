use super::*;

#[test]
fn json_literals() {
    for yes in ["0", "-8004", "1.5", "1e5", "-0.5E-3", "null", "true"] {
        assert!(is_json_literal(yes), "{yes}");
    }
    for no in ["", "-", "01", "1.", "1e", "7c2d", "nil", "0x10", "--1"] {
        assert!(!is_json_literal(no), "{no}");
    }
}

#[test]
fn nested_tokens_are_redacted_in_any_shape() {
    let v = extra_value(
        "data",
        Val::Nested(r#"{"session_token":"abcd","id_token":null,"n":[{"token":"xy"}]}"#),
        1,
    );
    assert_eq!(
        v.to_json(),
        serde_json::json!({"session_token":"<redacted token: 4 chars>","id_token":null,"n":[{"token":"<redacted token: 2 chars>"}]})
    );
    let v = extra_value(
        "data",
        Val::Nested("{session_token: abcd, id_token: efg}"),
        1,
    );
    assert_eq!(
        v.to_json(),
        serde_json::json!({"session_token":"<redacted token: 4 chars>","id_token":"<redacted token: 3 chars>"})
    );
    let v = extra_value("accessToken", Val::Str("null".into()), 1);
    assert_eq!(v, ExtraValue::Text("null".into()));
}

#[test]
fn every_kind_of_secret_is_redacted_with_its_length() {
    fn text<'a>(key: &str, value: &'a str) -> ExtraValue<'a> {
        extra_value(key, Val::Str(value.into()), 1)
    }
    let cases = [
        ("accessCode", "AC1234567890", "<redacted code: 12 chars>"),
        ("authcode", "abc", "<redacted code: 3 chars>"),
        ("access_token", "t0", "<redacted token: 2 chars>"),
        ("loginToken", "lt", "<redacted token: 2 chars>"),
        ("opToken", "op", "<redacted token: 2 chars>"),
        ("securityPhone", "138****0000", "<redacted phone: 11 chars>"),
        ("Mobile", "13800138000", "<redacted phone: 11 chars>"),
        ("anything", "13800138000", "<redacted phone: 11 chars>"),
        ("anything", "+8613800138000", "<redacted phone: 14 chars>"),
        ("password", "hunter2", "<redacted secret: 7 chars>"),
        ("client_secret", "s3", "<redacted secret: 2 chars>"),
        ("authorization_code", "ac", "<redacted code: 2 chars>"),
        ("MSISDN", "x123456", "<redacted phone: 7 chars>"),
        ("number", "x123456", "<redacted phone: 7 chars>"),
        // A key naming two kinds is the first kind of token, code, phone, secret.
        ("phoneToken", "pt", "<redacted token: 2 chars>"),
        ("mobileAuthCode", "mc", "<redacted code: 2 chars>"),
        ("secretPhone", "sp12345", "<redacted phone: 7 chars>"),
        ("passwordAccessCode", "pa", "<redacted code: 2 chars>"),
    ];
    for (key, value, want) in cases {
        assert_eq!(text(key, value), ExtraValue::Text(want.into()), "{key}");
    }
    // Not secrets: other numbers, other keys, values too short to hold a phone number
    // under a phone key (counted in characters).
    assert_eq!(text("requestCode", "0"), ExtraValue::Text("0".into()));
    for (key, value) in [
        ("PhoneScore", "20"),
        ("isMobile", "true"),
        ("msisdn", "号码号码号码"),
    ] {
        assert_eq!(text(key, value), ExtraValue::Text(value.into()), "{key}");
    }
    for key in ["numbers", "tok", "authType", "phon", "accessCodeX"] {
        let kind = secret_kind(key);
        assert_eq!(kind, (key == "accessCodeX").then_some("code"), "{key}");
    }
    assert_eq!(
        text("seq", "12800138000x"),
        ExtraValue::Text("12800138000x".into())
    );
    assert_eq!(
        text("gyuid", "10800138000"),
        ExtraValue::Text("10800138000".into())
    );
    let bare = extra_value("Mobile", Val::Bare("13800138000"), 1);
    assert_eq!(bare, ExtraValue::Text("<redacted phone: 11 chars>".into()));
    let nested = extra_value(
        "GetMobileResultDTO",
        Val::Nested(r#"{"Mobile":"13800138000"}"#),
        1,
    );
    assert_eq!(
        nested.to_json(),
        serde_json::json!({"Mobile": "<redacted phone: 11 chars>"})
    );
    let nested = extra_value("d", Val::Nested(r#"{"n":13800138000,"ok":1}"#), 1);
    assert_eq!(
        nested.to_json(),
        serde_json::json!({"n": "<redacted phone: 11 chars>", "ok": 1})
    );
}

/// Red-team find: a list of name/value pairs (headers, parameters) holds a secret under
/// `value`, which names none; the pair's name says what it is.
#[test]
fn a_name_value_pair_naming_a_secret_is_redacted() {
    let v = extra_value(
        "params",
        Val::Nested(
            r#"[{"name":"access_token","value":"abcd1234"},{"key":"smsCode","val":482913},{"paramName":"Authorization","paramValue":{"a":1}},{"field":"password","value":null},{"name":"host","value":"a.b"},{"name":"phone","value":"13812345678"},{"name":"tokenType","value":"bearer"}]"#,
        ),
        1,
    );
    assert_eq!(
        v.to_json(),
        serde_json::json!([
            {"name": "access_token", "value": "<redacted token: 8 chars>"},
            {"key": "smsCode", "val": "<redacted code: 6 chars>"},
            {"paramName": "Authorization", "paramValue": "<redacted secret: 7 chars>"},
            {"field": "password", "value": null},
            {"name": "host", "value": "a.b"},
            {"name": "phone", "value": "<redacted phone: 11 chars>"},
            {"name": "tokenType", "value": "bearer"},
        ])
    );
    // Only a pair's name names the value: another key holding a secret's name does not.
    let v = extra_value("p", Val::Nested(r#"{"label":"token","value":"abc123"}"#), 1);
    assert_eq!(
        v.to_json(),
        serde_json::json!({"label": "token", "value": "abc123"})
    );
    // In any case (.NET's `Key`/`Value`).
    let v = extra_value(
        "p",
        Val::Nested(r#"{"Key":"password","Value":"hunter22","VALUE2":"x"}"#),
        1,
    );
    assert_eq!(
        v.to_json(),
        serde_json::json!({"Key": "password", "Value": "<redacted secret: 8 chars>", "VALUE2": "x"})
    );
    // In a print that no JSON parser reads, and in a message's text.
    let v = extra_value("h", Val::Nested("{name: password, value: hunter22}"), 1);
    assert_eq!(
        v.to_json(),
        serde_json::json!({"name": "password", "value": "<redacted secret: 8 chars>"})
    );
    let text = r#"saved {"name":"password","value":"hunter22"} ok"#;
    assert_eq!(
        redact_objects_in(Cow::Borrowed(text)),
        r#"saved {"name":"password","value":"<redacted secret: 8 chars>"} ok"#
    );
}
