//! A third red-team run's leak forms, through `normalize`: secrets in prose (an SMS copied into
//! a log), in XML elements, in name/value pairs, and the spellings that the `key=value` rules
//! missed. The whole result, as `Debug` prints it, is searched for each secret.

use numauth::{AuthOutcome, Source};

mod common;
use common::n;

/// Payloads, and the secrets none of the result may hold.
const THIRD_RUN: &[(&str, &[&str])] = &[
    (
        r#"{"code":"600011","msg":"【阿里云】您的验证码是482913，5分钟内有效"}"#,
        &["482913"],
    ),
    (
        r#"{"code":"600011","msg":"验证码 739105，请勿泄露"}"#,
        &["739105"],
    ),
    (
        r#"{"code":"600011","msg":"your verification code is 551208."}"#,
        &["551208"],
    ),
    (
        r#"{"code":"600011","msg":"login failed: password was hunter22"}"#,
        &["hunter22"],
    ),
    (r#"{"code":"600011","msg":"token为abc123"}"#, &["abc123"]),
    (
        r#"{"code":"600011","msg":"resp <token>xyz789abc</token> <password>pa55word</password>"}"#,
        &["xyz789abc", "pa55word"],
    ),
    (
        r#"{"code":"600011","msg":"<string name=\"accessToken\"><![CDATA[q1w2e3r4]]></string>"}"#,
        &["q1w2e3r4"],
    ),
    (
        r#"{"code":"600011","headers":[{"name":"Authorization","value":"APPCODE 8c3f9a7b"}]}"#,
        &["8c3f9a7b"],
    ),
    (
        r#"{"code":"600011","params":"[{\"key\":\"smsCode\",\"value\":\"604417\"}]"}"#,
        &["604417"],
    ),
    (
        r#"{"code":"600011","msg":"token: Optional<String>(\"r5t6y7u8\")"}"#,
        &["r5t6y7u8"],
    ),
    (
        r#"{"code":"600011","msg":"token：＂k9j8h7g6＂"}"#,
        &["k9j8h7g6"],
    ),
    (
        r#"{"code":"600011","msg":"存取權杖：m1n2b3v4"}"#,
        &["m1n2b3v4"],
    ),
    (
        r#"{"code":"600011","msg":"sid=s0d9f8g7 otp=209384 vcode=118833"}"#,
        &["s0d9f8g7", "209384", "118833"],
    ),
    (
        r#"{"code":"600011","sid":"s0d9f8g7","otp":"209384"}"#,
        &["s0d9f8g7", "209384"],
    ),
    // Later runs: SMS templates, template parameters, sessions, codes named in passing.
    (
        r#"{"code":"600011","msg":"【美团】381204（登录验证码）。"}"#,
        &["381204"],
    ),
    (
        r#"{"code":"600011","msg":"G-772901是您的Google验证码。"}"#,
        &["772901"],
    ),
    (
        r#"{"code":"600011","msg":"您本次登录的随机码为660127"}"#,
        &["660127"],
    ),
    (
        r#"{"code":"600011","msg":"Your code is 902716"}"#,
        &["902716"],
    ),
    (
        r#"{"code":"600011","msg":"one-time code: 551902"}"#,
        &["551902"],
    ),
    (
        r#"{"code":"600011","TemplateParam":"{\"code\":\"318842\"}","request":{"TemplateParamSet":["318842"]}}"#,
        &["318842"],
    ),
    (
        r#"{"code":"600011","msg":"Set-Cookie: SESSION=A7x9F00BAR12345; Path=/"}"#,
        &["A7x9F00BAR12345"],
    ),
    (
        r#"{"code":"600011","msg":"<key>token</key><string>q9w8e7r6</string>"}"#,
        &["q9w8e7r6"],
    ),
];

/// Forms the third run's note listed as not recognised: a code one blank after an English
/// name, a value on the line after its key, a multipart form's part, the vertical colon; a
/// value one blank after any secret's name (the service red-team's).
const NOT_RECOGNISED_BEFORE: &[(&str, &[&str])] = &[
    (
        r#"{"code":"600011","msg":"Your verification code 482913, valid for 5 minutes"}"#,
        &["482913"],
    ),
    (
        r#"{"code":"600011","msg":"OTP 739105 for login; Use 551208 as your code"}"#,
        &["739105", "551208"],
    ),
    (
        r#"{"code":"600011","msg":"token:\n  STsid0001abc\npassword:\r\n hunter22"}"#,
        &["STsid0001abc", "hunter22"],
    ),
    (
        r#"{"code":"600011","msg":"--b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\npa55word\r\n--b--"}"#,
        &["pa55word"],
    ),
    (r#"{"code":"600011","msg":"验证码︰604417"}"#, &["604417"]),
    (
        r#"{"code":"600011","msg":"otp 778899 密码 hunter2 token abcdefSECRET12, pwd hunt3r, Bearer eyJhbGci0"}"#,
        &["778899", "hunter2", "abcdefSECRET12", "hunt3r", "eyJhbGci0"],
    ),
];

#[test]
fn a_third_red_team_runs_payloads_leak_nothing() {
    leak_nothing(THIRD_RUN);
}

#[test]
fn the_forms_not_recognised_before_leak_nothing() {
    leak_nothing(NOT_RECOGNISED_BEFORE);
}

/// Each PNS 600011 payload reads as one, and its result holds none of its secrets.
fn leak_nothing(table: &[(&str, &[&str])]) {
    for (raw, secrets) in table {
        let n = n(raw);
        // The reading is the one the code gives; only text was redacted.
        assert_eq!(
            (n.source, n.code.as_ref()),
            (Source::Pns, "600011"),
            "{raw}"
        );
        assert_eq!(n.outcome, AuthOutcome::TokenFailed, "{raw}");
        let out = format!("{n:?}");
        for secret in *secrets {
            assert!(!out.contains(secret), "{raw}\n=> {out}");
        }
        assert!(out.contains("<redacted "), "{raw}\n=> {out}");
    }
}

/// The redactions keep the words around a secret, and what a sentence says of one.
#[test]
fn prose_keeps_its_words() {
    let msg = |raw: &str| n(raw).raw_msg.map(|m| m.into_owned());
    assert_eq!(
        msg(r#"{"code":"600011","msg":"您的验证码是482913，5分钟内有效"}"#).as_deref(),
        Some("您的验证码是<redacted code: 6 chars>，5分钟内有效")
    );
    for kept in [
        "验证码60秒后可重新获取",
        "验证码为6位数字",
        "password is incorrect",
        "错误码是600011",
        "<Code>600011</Code><Message>token invalid</Message>",
    ] {
        let raw = serde_json::json!({"code": "600011", "msg": kept}).to_string();
        assert_eq!(msg(&raw).as_deref(), Some(kept), "{raw}");
    }
}

/// A second red-team run: a one-time code under a key of its own (`otp-code=`,
/// `X-Verify-Code:`) was read as the result code, and listed in reports; a redaction's own
/// words in a value read again (`<redacted code: 6 chars>`) gave a cause `6`.
#[test]
fn a_credential_or_a_redaction_is_never_a_result_code() {
    for raw in [
        r#"{"code":"600011","msg":"获取token失败 otp-code=482913"}"#,
        r#"{"code":"600011","msg":"X-Verify-Code: 482913"}"#,
        r#"{"code":"600011","msg":"x","data":{"content":"验证码：482913"}}"#,
        r#"{"code":"600011","msg":"x","data":{"x":"<ns:AccessCode>abc123def</ns:AccessCode>"}}"#,
    ] {
        let n = n(raw);
        assert_eq!(
            (n.code.as_ref(), n.outcome),
            ("600011", AuthOutcome::TokenFailed),
            "{raw}"
        );
        assert!(n.root_cause.is_none(), "{raw}: {:?}", n.root_cause);
        let out = format!("{n:?}");
        assert!(
            !out.contains("482913") && !out.contains("abc123def"),
            "{out}"
        );
    }
    assert!(numauth::normalize(r#"{"msg":"verify-code: 482913"}"#).is_err());
    // A result code beside one is still read.
    let n =
        n(r#"{"code":"600011","msg":"resultCode=103000 sms code: 1234","vendorName":"cm_zyhl"}"#);
    let cause = n.root_cause.as_deref().unwrap();
    assert_eq!(
        (cause.source, cause.code.as_ref()),
        (Source::Cmcc, "103000")
    );
}
