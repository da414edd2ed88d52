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
    (
        r#"{"code":"600011","msg":"ａｕｔｈ＿ｃｏｄｅ＝Zx9Qw8Er7Ty6"}"#,
        "Zx9Qw8Er7Ty6",
    ),
    (
        r#"{"code":"600011","msg":"ａｃｃｅｓｓ－ｔｏｋｅｎ：Zx9Qw8Er7Ty6"}"#,
        "Zx9Qw8Er7Ty6",
    ),
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

/// What is found in the decoded text is redacted where the text writes it: the rest of the
/// text stays as written (its entities, full-width letters, escapes and paths).
#[test]
fn the_secret_is_redacted_where_it_is_written() {
    for (msg, want) in [
        (
            "&lt;token&gt;STsid0000001abc&lt;/token&gt;",
            "&lt;token&gt;<redacted token: 15 chars>&lt;/token&gt;",
        ),
        (
            "ｔｏｋｅｎ：STsid0000001abc（已过期）",
            "ｔｏｋｅｎ：<redacted token: 15 chars>（已过期）",
        ),
        (
            r"file C:\new\token_cache; ｔｏｋｅｎ：STsid0000001abc",
            r"file C:\new\token_cache; ｔｏｋｅｎ：<redacted token: 15 chars>",
        ),
        (
            r"failed\ntoken:\n  STsid0000001abc\n",
            r"failed\ntoken:\n  <redacted token: 15 chars>\n",
        ),
        (
            "ＯＰＰＯ手机 ｐａｓｓｗｏｒｄ＝hunter22 &lt;b&gt;x&lt;/b&gt;",
            "ＯＰＰＯ手机 ｐａｓｓｗｏｒｄ＝<redacted secret: 8 chars> &lt;b&gt;x&lt;/b&gt;",
        ),
    ] {
        let raw = serde_json::json!({"code": "600011", "msg": msg}).to_string();
        assert_eq!(n(&raw).raw_msg.as_deref(), Some(want), "{raw}");
    }
}

/// A request id and a key of the payload's own are read decoded too.
#[test]
fn request_ids_and_full_width_keys() {
    let got = n(r#"{"code":"600011","requestId":"ｔｏｋｅｎ＝STsid0000001abc"}"#);
    assert_eq!(
        got.request_id.as_deref(),
        Some("ｔｏｋｅｎ＝<redacted token: 15 chars>")
    );
    let got = n(r#"{"code":"600011","requestId":"r-1&amp;x=&lt;1&gt;"}"#);
    assert_eq!(got.request_id.as_deref(), Some("r-1&amp;x=&lt;1&gt;"));
    for key in [
        "ｔｏｋｅｎ",
        "ｐｗｄ",
        "ｓｍｓＣｏｄｅ",
        "ＡｃｃｅｓｓＴｏｋｅｎ２",
    ] {
        let raw = serde_json::json!({"code": "600011", key: "Zx9Qw8Er7Ty6"}).to_string();
        let out = format!("{:?}", n(&raw));
        assert!(!out.contains("Zx9Qw8Er7Ty6"), "{raw}: {out}");
    }
}

/// A log's `key=value;` reading cuts a value at its `;`, and with it an entity's.
#[test]
fn entities_cut_at_their_semicolon() {
    let raw = r#""code=600011 msg=failed &lt;token&gt;STsid0000001abc&lt;/token&gt;""#;
    let out = format!("{:?}", n(raw));
    assert!(!out.contains("STsid0000001abc"), "{out}");
    // Before a letter, `&lt` is no entity.
    let raw = serde_json::json!({"code": "600011", "msg": "&ltoken:&gtx &quotes"}).to_string();
    assert_eq!(n(&raw).raw_msg.as_deref(), Some("&ltoken:&gtx &quotes"));
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

/// A second red-team run: an encoded secret beside a plain one, and a value that starts with an
/// entity; and a fuzzer's grouped number after a key. Each secret is gone, and the text around it is as written.
#[test]
fn encoded_and_plain_secrets_together() {
    const A: &str = "STsidAaaQzWx9Kp7Lm";
    const B: &str = "STsidBbbRt5Hn2Jc8";
    for (msg, want) in [
        (
            format!("ｔｏｋｅｎ：{A}|token={B}"),
            "ｔｏｋｅｎ：<redacted token: 42 chars>",
        ),
        (
            format!("token={A}|ｔｏｋｅｎ：{B}"),
            "token=<redacted token: 42 chars>",
        ),
        (
            format!("ｔｏｋｅｎ：{A} x token={B} y"),
            "ｔｏｋｅｎ：<redacted token: 18 chars> x token=<redacted token: 17 chars> y",
        ),
        // A number written in groups after a key is redacted whole, not cut at the key's value.
        (
            "passwd: １３８\u{3000}１２３４\u{3000}５６７８ x".to_owned(),
            "passwd: <redacted phone: 13 chars> x",
        ),
        (
            "ｐａｓｓｗｏｒｄ=&lt;hunter2pass&gt; 后面 ａｂｃ &quot;x&quot;".to_owned(),
            "ｐａｓｓｗｏｒｄ=<redacted secret: 19 chars> 后面 ａｂｃ &quot;x&quot;",
        ),
        // A number after a phone's key ends before the sentence's stop.
        (
            "mobile:19912345678.".to_owned(),
            "mobile:<redacted phone: 11 chars>.",
        ),
        // No mobile number, so only the key's reading redacts it.
        (
            "phone=1234567;".to_owned(),
            "phone=<redacted phone: 7 chars>;",
        ),
    ] {
        let raw = serde_json::json!({"code": "600011", "msg": msg}).to_string();
        assert_eq!(n(&raw).raw_msg.as_deref(), Some(want), "{raw}");
    }
    let raw =
        serde_json::json!({"code": "600011", "requestId": format!("ｔｏｋｅｎ：{A}|token={B}")});
    let got = n(&raw.to_string()).request_id.map(|r| r.into_owned());
    assert_eq!(
        got.as_deref(),
        Some("ｔｏｋｅｎ：<redacted token: 42 chars>")
    );
}
