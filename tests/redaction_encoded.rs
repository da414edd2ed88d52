//! Secrets whose keys a text writes encoded once more: full-width letters, HTML-escaped XML or
//! JSON, a logger's escaped line breaks and quotes. Through `normalize`; the whole result, as
//! `Debug` prints it, is searched for each secret.

mod common;
use common::n;

/// Payloads, and the secrets none of the result may hold.
const ENCODED: &[(&str, &str)] = &[
    (
        r#"{"code":"600011","msg":"ｔｏｋｅｎ：STsid0000001abc"}"#,
        "STsid0000001abc",
    ),
    (
        r#"{"code":"600011","msg":"ＴＯＫＥＮ=STsid0000001abc"}"#,
        "STsid0000001abc",
    ),
    (
        r#"{"code":"600011","msg":"登录失败 ｐａｓｓｗｏｒｄ＝hunter22"}"#,
        "hunter22",
    ),
    (
        r#"{"code":"600011","msg":"resp &lt;token&gt;STsid0000001abc&lt;/token&gt;"}"#,
        "STsid0000001abc",
    ),
    (
        r#"{"code":"600011","msg":"&lt;password&gt;hunter22&lt;/password&gt;"}"#,
        "hunter22",
    ),
    (
        r#"{"code":"600011","msg":"body: {&quot;token&quot;:&quot;STsid0000001abc&quot;}"}"#,
        "STsid0000001abc",
    ),
    (
        r#"{"code":"600011","msg":"failed\\ntoken:\\n  STsid0000001abc"}"#,
        "STsid0000001abc",
    ),
    (
        r#"{"code":"600011","msg":"--b\\r\\nContent-Disposition: form-data; name=\\\"token\\\"\\r\\n\\r\\nSTsid0000001abc\\r\\n--b--"}"#,
        "STsid0000001abc",
    ),
    (r#"{"code":"600011","msg":"验证码：\\n482913"}"#, "482913"),
    // In a kept field rather than the message.
    (
        r#"{"code":"600011","resp":"&lt;accessToken&gt;q1w2e3r4t5&lt;/accessToken&gt;"}"#,
        "q1w2e3r4t5",
    ),
];

#[test]
fn secrets_under_encoded_keys_are_redacted() {
    for (raw, secret) in ENCODED {
        let out = format!("{:?}", n(raw));
        assert!(!out.contains(secret), "{secret} leaked from {raw}: {out}");
        assert!(
            out.contains("<redacted "),
            "nothing redacted in {raw}: {out}"
        );
    }
}

/// Where the decoded text held a secret, it is what is kept: readable, the secret redacted.
#[test]
fn the_decoded_text_is_kept_where_it_held_a_secret() {
    let got = n(r#"{"code":"600011","msg":"&lt;token&gt;STsid0000001abc&lt;/token&gt;"}"#);
    assert_eq!(
        got.raw_msg.as_deref(),
        Some("<token><redacted token: 15 chars></token>")
    );
    let got = n(r#"{"code":"600011","msg":"ｔｏｋｅｎ：STsid0000001abc（已过期）"}"#);
    assert_eq!(
        got.raw_msg.as_deref(),
        Some("token:<redacted token: 15 chars>（已过期）")
    );
}

/// Encoded text with no secret in it is kept exactly as written.
#[test]
fn encoded_text_without_a_secret_is_kept_as_written() {
    for msg in [
        "请使用ＡＢＣ银行卡登录：失败",
        "ｔｏｋｅｎ已过期，请重新获取",
        r"line one\nline two: token expired",
        "&lt;b&gt;登录失败&lt;/b&gt; code=600011",
        "&quot;token&quot; is missing",
        r#"C:\new\token"#,
        "（网络异常）：请稍后重试＝",
    ] {
        let raw = serde_json::json!({"code": "600011", "msg": msg}).to_string();
        assert_eq!(n(&raw).raw_msg.as_deref(), Some(msg), "{raw}");
    }
}
