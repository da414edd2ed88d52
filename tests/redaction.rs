//! Secrets in `normalize`'s output: tokens, access codes and phone numbers are redacted wherever
//! they sit (keys, strings holding JSON, lists, objects inside words).

#[cfg_attr(not(feature = "serde"), allow(unused_imports))]
use numauth::ExtraValue;
use serde_json::json;

mod common;
use common::{extra, n};
#[test]
#[cfg(feature = "serde")] // checks the serialised output
fn tokens_are_redacted_everywhere() {
    let secret = "SECRET-abcdefghijklmnop";
    let payloads = [
        format!(r#"{{"code":"600000","token":"{secret}"}}"#),
        format!(r#"{{"code":"0","data":{{"session_token":"{secret}","id_token":"{secret}"}}}}"#),
        format!(r#"{{"code":"0","data":"{{\"session_token\":\"{secret}\"}}"}}"#),
        format!(r#"{{"resultCode":"103000","desc":"成功","accessToken":"{secret}"}}"#),
        format!("TokenRet{{code='600000', token='{secret}'}}"),
        format!("{{\n    resultCode = 600000;\n    token = {secret};\n}}"),
        format!("{{code: 600000, token: {secret}}}"),
        format!(r#"{{"code":"600000","data":{{"list":[{{"refresh_token":"{secret}"}}]}}}}"#),
    ];
    for raw in &payloads {
        let n = n(raw);
        let out = serde_json::to_string(&n).unwrap();
        assert!(!out.contains(secret), "{raw}\n=> {out}");
        assert!(
            out.contains("<redacted token: 23 chars>"),
            "{raw}\n=> {out}"
        );
    }
    // The length counts characters, not bytes.
    let cjk = n(r#"{"code":"600000","token":"令牌令牌"}"#);
    assert_eq!(
        extra(&cjk, "token").unwrap().as_str(),
        "<redacted token: 4 chars>"
    );
    // null tokens stay.
    let null = n(r#"{"code":"600011","token":null,"id_token":"null"}"#);
    assert_eq!(
        extra(&null, "token"),
        Some(&ExtraValue::Json("null".into()))
    );
    assert_eq!(
        extra(&null, "id_token"),
        Some(&ExtraValue::Text("null".into()))
    );
    // So do the other ways SDKs print no value (ObjC `nil`, `(null)`, blanks).
    for empty in ["nil", "(null)", "  "] {
        let raw = serde_json::json!({"code": "600011", "token": empty}).to_string();
        let n = n(&raw);
        assert_eq!(extra(&n, "token").unwrap().as_str(), empty, "{raw}");
    }
}

/// Secrets in text and in lists: an object with a token inside a string, within words or
/// inside a nested object, is redacted in place and the words kept; text with no secret is kept
/// as written; a list that cannot be read and mentions a token is redacted whole.
/// A token written where a key goes is redacted there too, as a phone number is (a red-team
/// find), in the payload's own keys and in those of a value kept as JSON.
#[test]
fn a_token_as_a_key_is_redacted() {
    let token = "STsid0000001542695429579Ob28vB7b0cYTI9w0GGZrv8ujUu05qZvw";
    for raw in [
        format!(r#"{{"code":"600011","msg":"x","{token}":1}}"#),
        format!(r#"{{"code":"600011","msg":"x","data2":{{"{token}":1}}}}"#),
    ] {
        let shown = format!("{:?}", n(&raw).extra);
        assert!(!shown.contains("Ob28vB7b"), "{shown}");
        assert!(shown.contains("<redacted token: 56 chars>"), "{shown}");
    }
    let kept = n(r#"{"code":"600011","msg":"x","AliyunPhoneNumberAuthSDK_Android_2":1}"#);
    assert!(format!("{:?}", kept.extra).contains("AliyunPhoneNumberAuthSDK_Android_2"));
}

#[test]
fn secrets_inside_strings_and_lists_are_redacted() {
    let text = |raw: &str, key: &str| match extra(&n(raw), key).cloned() {
        Some(ExtraValue::Text(t) | ExtraValue::Json(t)) => t.into_owned(),
        None => panic!("{raw}: no {key}"),
    };
    assert_eq!(
        text(
            r#"{"code":"600000","note":"saved {\"token\":\"SECRETX\"} ok"}"#,
            "note"
        ),
        r#"saved {"token":"<redacted token: 7 chars>"} ok"#
    );
    assert_eq!(
        text(
            r#"{"code":"600000","note":"a {\"x\":1} b {\"accessCode\":\"SECRETX\"} c"}"#,
            "note"
        ),
        r#"a {"x":1} b {"accessCode":"<redacted code: 7 chars>"} c"#
    );
    // Mentions a token, holds an object, but the object has none: kept as written.
    assert_eq!(
        text(r#"{"code":"600000","note":"token: {\"a\":1} {"}"#, "note"),
        r#"token: {"a":1} {"#
    );
    // A callback kept as a JSON string inside a nested object.
    assert_eq!(
        text(
            r#"{"code":"600000","v":{"x":"{\"token\":\"SECRETX\"}"}}"#,
            "v"
        ),
        r#"{"x":"{\"token\":\"<redacted token: 7 chars>\"}"}"#
    );
    // Unquoted values: a JSON literal stays JSON, a word stays text, a list stays as written.
    let dart = n("{code: 600011, foo: bar, count: 12, vendors: [cm, cu]}");
    assert_eq!(extra(&dart, "foo"), Some(&ExtraValue::Text("bar".into())));
    assert_eq!(extra(&dart, "count"), Some(&ExtraValue::Json("12".into())));
    assert_eq!(
        extra(&dart, "vendors"),
        Some(&ExtraValue::Json("[cm, cu]".into()))
    );
    // Under a token key a whole object is the credential; under a phone key only what is in it.
    let nested =
        n(r#"{"code":"600000","payload":{"accessToken":{"v":"abc"},"mobile":{"type":"cm"}}}"#);
    let payload: serde_json::Value = match extra(&nested, "payload") {
        Some(ExtraValue::Json(j)) => serde_json::from_str(j).unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(payload["accessToken"], json!("<redacted token: 11 chars>"));
    assert_eq!(payload["mobile"], json!({"type": "cm"}));
    // A null inner message is no message: it stays, as JSON null.
    let null = n(r#"{"code":"600011","innerMsg":null}"#);
    assert_eq!(
        extra(&null, "innerMsg"),
        Some(&ExtraValue::Json("null".into()))
    );
    // An unquoted value holding an object with a secret, in a Dart map and a Java print: as a
    // string's, redacted inside.
    assert_eq!(
        text(
            r#"{code: 600000, info: saved {"token":"SECRETX"} ok}"#,
            "info"
        ),
        r#"saved {"token":"<redacted token: 7 chars>"} ok"#
    );
    assert_eq!(
        text(
            r#"TokenRet{code=600000, info=x {"token":"SECRETX"}}"#,
            "info"
        ),
        r#"x {"token":"<redacted token: 7 chars>"}"#
    );
    let list = text("{code: 600000, list: [token=SECRETX]}", "list");
    assert!(
        !list.contains("SECRETX") && list.contains("<redacted value: 15 chars>"),
        "{list}"
    );
}

/// An object in a string is read up to the nesting limit; past it the whole string is redacted,
/// never kept: at the same depth whether the string is a top-level field or inside an object.
/// A key is a secret's however it is spelt (`authorization_code`, `Access-Code`), also inside a
/// nested object or a JSON string, and wherever it falls in a long value.
#[test]
fn secret_keys_in_nested_values_are_found_in_any_spelling() {
    let secret = "abcdef123";
    for key in [
        "authorization_code",
        "AuthorizationCode",
        "Access-Code",
        "mobile_no",
        "MSISDN",
    ] {
        let inner = serde_json::json!({ key: secret }).to_string();
        let payloads = [
            format!(r#"{{"code":"600011","data":{inner}}}"#),
            serde_json::json!({"code": "600011", "data": inner}).to_string(),
        ];
        for raw in &payloads {
            let n = n(raw);
            let data = extra(&n, "data").unwrap().as_str();
            assert!(
                !data.contains(secret) && data.contains("<redacted "),
                "{raw} => {data}"
            );
        }
    }
    // A long value before the key: the key is found on either side of any point in the text.
    for pad in 220..300 {
        let raw = format!(
            r#"{{"code":"600011","data":{{"note":"{}","access_code":"{secret}"}}}}"#,
            "x".repeat(pad)
        );
        let n = n(&raw);
        let data = extra(&n, "data").unwrap().as_str();
        assert!(!data.contains(secret), "pad {pad}: {data}");
    }
    // No secret word and no number: kept as written.
    let plain = n(r#"{"code":"600011","data":{"note":"accessible code path"}}"#);
    assert_eq!(
        extra(&plain, "data").unwrap().as_str(),
        r#"{"note":"accessible code path"}"#
    );
}

#[test]
fn objects_in_strings_past_the_depth_limit_are_redacted_whole() {
    let deep = |k: usize| {
        let inner = format!(
            "{}{{\"token\":\"SECRETX\"}}{}",
            "{\"a\":".repeat(k),
            "}".repeat(k)
        );
        inner.replace('"', "\\\"")
    };
    for k in [13, 14] {
        let top = format!(r#"{{"code":"600000","x":"{}"}}"#, deep(k));
        let nested = format!(r#"{{"code":"600000","v":{{"x":"{}"}}}}"#, deep(k));
        // Beside a callback held in a value, a field is at the level it is beside a code.
        let beside = format!(r#"{{"e":{{"code":"600000"}},"x":"{}"}}"#, deep(k));
        // And in an `NSError`'s `UserInfo`, at the level of a field beside its code.
        let ns = format!(
            r#"Error Domain=d Code=600000 "ok" UserInfo={{x="{}"}}"#,
            deep(k)
        );
        for (raw, key) in [(top, "x"), (nested, "v"), (beside, "x"), (ns, "x")] {
            let n = n(&raw);
            let out = format!("{:?}", extra(&n, key).unwrap());
            assert!(!out.contains("SECRETX"), "{k}: {out}");
            assert_eq!(out.contains("<redacted value"), k == 14, "{k}: {out}");
            assert_eq!(
                out.contains("<redacted token: 7 chars>"),
                k == 13,
                "{k}: {out}"
            );
        }
    }
}

/// A key the normaliser knows (one with a role or a mark, such as `requestCode` or `traceId`)
/// skips the check of its name, not of its value: a phone number under it is still redacted,
/// and an object under it is still searched for secrets.
#[test]
fn known_keys_still_have_their_values_checked() {
    let phone = n(r#"{"code":"600011","requestCode":"13800138000","traceId":" 13912345678 "}"#);
    assert_eq!(
        extra(&phone, "requestCode").unwrap().as_str(),
        "<redacted phone: 11 chars>"
    );
    assert_eq!(
        extra(&phone, "traceId").unwrap().as_str(),
        "<redacted phone: 13 chars>"
    );
    let nested = n(r#"{"code":"600011","openId":"{\"accessToken\":\"SECRET-123456\"}"}"#);
    let kept = extra(&nested, "openId").unwrap().as_str();
    assert!(!kept.contains("SECRET"), "{kept}");
    assert!(kept.contains("<redacted token: 13 chars>"), "{kept}");
    // An unknown key is still checked by name.
    let named = n(r#"{"code":"600011","requestToken":"abc"}"#);
    assert_eq!(
        extra(&named, "requestToken").unwrap().as_str(),
        "<redacted token: 3 chars>"
    );
}

#[test]
#[cfg(feature = "serde")] // checks the serialised output
fn a_value_too_short_for_a_phone_number_is_kept_under_a_phone_key() {
    // Dypnsapi's fusion answer: a masked number and a risk score under `Phone*` keys.
    let raw = r#"{"Code":"OK","RequestId":"R-1","Model":{"PhoneNumber":"180********","PhoneScore":20,"IsPhone":true}}"#;
    let out = serde_json::to_value(n(raw)).unwrap();
    assert_eq!(
        out["extra"]["Model"],
        json!({"PhoneNumber": "<redacted phone: 11 chars>", "PhoneScore": 20, "IsPhone": true}),
        "{out}"
    );
}

/// A message that holds an object with secret fields: Getui's `msg` is JSON, with the login
/// token under `data` on success (GY_ANDROID_API_DOC). Its secrets are redacted in `raw_msg`,
/// the rest of it kept; the reading is what the message said.
#[test]
fn secrets_in_a_message_holding_an_object_are_redacted() {
    let token = "STsid0000001582682466484D8dBPcVZhZqNkDKcAFqzMj4TtqLf7FAB";
    let layer = format!(
        r#"{{"errorCode":0,"errorDesc":"gysdk success!","data":{{"token":"{token}","accessCode":"ac-0123456789","expiredTime":1700000000000}}}}"#
    );
    let raw =
        json!({"gyuid": "gtc_1", "success": true, "code": 30000, "operator": "CM", "msg": layer})
            .to_string();
    let got = n(&raw);
    assert_eq!(
        (got.source, got.code.as_ref()),
        (numauth::Source::Geyan, "30000")
    );
    assert_eq!(got.category, numauth::Category::Success);
    let msg = got.raw_msg.as_deref().unwrap();
    assert!(
        !msg.contains(token) && !msg.contains("ac-0123456789"),
        "{msg}"
    );
    assert!(msg.contains("<redacted token: 56 chars>"), "{msg}");
    assert!(msg.contains("<redacted code: 13 chars>"), "{msg}");
    // What holds no secret is kept.
    assert!(
        msg.contains("gysdk success!") && msg.contains("1700000000000"),
        "{msg}"
    );
    // In words around the object, too; a message with no secret is kept as written.
    let words = r#"{"code":"600011","msg":"saved {\"token\":\"abcdef0123456789\"} failed"}"#;
    let m = n(words).raw_msg.unwrap().into_owned();
    assert_eq!(m, r#"saved {"token":"<redacted token: 16 chars>"} failed"#);
    let plain = r#"{"code":"600011","msg":"bad {\"step\":\"token\"}"}"#;
    assert_eq!(n(plain).raw_msg.as_deref(), Some(r#"bad {"step":"token"}"#));
}

/// The Flutter plugins around PNS hand over the login token as `data` on success
/// (CodeGather/flutter_ali_auth: `resultFormatData(code, null, tokenRet.getToken())`); a `data`
/// text that is no token is kept.
#[test]
fn a_token_as_the_data_text_is_redacted() {
    let token = "STsid0000001728000000abcdEFGHijkl9";
    for raw in [
        format!(r#"{{"code":"600000","msg":"获取token成功","data":"{token}","isChecked":true}}"#),
        format!("{{code: 600000, msg: 获取token成功, data: {token}, isChecked: true}}"),
        format!(
            r#"{{"code":"600000","data":"{}"}}"#,
            token.replace('0', "0\\/")
        ),
    ] {
        let got = n(&raw);
        let data = extra(&got, "data").unwrap().as_str().to_owned();
        assert!(data.starts_with("<redacted token: "), "{raw} => {data}");
        assert!(!format!("{got:?}").contains(token), "{raw}");
    }
    let kept = n(r#"{"code":"600011","msg":"x","data":"预取号失败，请稍后重试"}"#);
    assert_eq!(
        extra(&kept, "data").unwrap().as_str(),
        "预取号失败，请稍后重试"
    );
}

/// Found by a red-team run over HTTP: a log line writing the secret as `key=value` kept it in
/// `raw_msg` as written, and a kept text field the same.
#[test]
fn secrets_written_as_key_value_in_text_are_redacted() {
    let token = "STsid0000001679461234567abcdefABCDEF";
    let line = format!(r#""code=600000 msg=获取token成功 token={token}""#);
    let n = self::n(&line);
    assert_eq!(
        n.raw_msg.as_deref(),
        Some("获取token成功 token=<redacted token: 36 chars>")
    );
    let n = self::n(r#""code=600011 msg=failed accessCode=ac_0123456789abcdef password=hunter2""#);
    assert_eq!(
        n.raw_msg.as_deref(),
        Some("failed accessCode=<redacted code: 19 chars> password=<redacted secret: 7 chars>")
    );
    let n = self::n(r#"{"code":"600011","note":"retry with authCode: 'abc123' later"}"#);
    assert_eq!(
        extra(&n, "note").unwrap().as_str(),
        "retry with authCode: '<redacted code: 6 chars>' later"
    );
    // Words that only look like keys are kept.
    let n = self::n(r#"{"code":"600011","msg":"token请求过于频繁: 稍后再试 at 10:31:02"}"#);
    assert_eq!(
        n.raw_msg.as_deref(),
        Some("token请求过于频繁: 稍后再试 at 10:31:02")
    );
}

/// A second red-team run's payloads, each with what of its secret must reach no output.
const SECOND_RUN: [(&str, &[&str]); 21] = [
    // `key：value` with the full-width colon, and the Chinese names of secrets.
    (
        r#"{"code":"999999","msg":"获取token成功，token：STsidLEAK0000163841"}"#,
        &["LEAK0000163841"],
    ),
    (
        r#"{"code":"600011","msg":"密码：hunterLEAK，请重试"}"#,
        &["hunterLEAK"],
    ),
    (
        r#"{"code":"600011","msg":"授权码=acLEAK01"}"#,
        &["acLEAK01"],
    ),
    (
        r#"{"code":"600011","msg":"token => STsidLEAK01"}"#,
        &["LEAK01"],
    ),
    (
        r#"{"code":"600011","msg":"token: [STsidLEAK01]"}"#,
        &["LEAK01"],
    ),
    // Nested JSON whose text is `\u`-escaped (Python's and PHP's JSON writers).
    (
        r#"{"code":"600011","msg":"x","data":{"desc":"\u624b\u673a\u53f7138\u00a01234\u00a05678"}}"#,
        &["5678"],
    ),
    (
        r#"{"code":"600011","extInfo":[{"tip":"\uff11\uff13\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18"}]}"#,
        &["５６７８", "5678"],
    ),
    // A URL's escape right before the number, and a landline's trunk prefix.
    (
        r#"{"code":"999998","msg":"%E6%89%8B%E6%9C%BA%E5%8F%B713812345678"}"#,
        &["12345678"],
    ),
    (
        r#"{"code":"600011","requestId":"%2013812345678"}"#,
        &["12345678"],
    ),
    (
        r#"{"code":"600011","msg":"请拨013812345678"}"#,
        &["12345678"],
    ),
    // IDaaS template values, and text in nested objects and lists, as messages are.
    (
        r#"{"error_code":"IDAAS.SDK.COMMON.1005","error_msg":"The session_token=STsidLEAK0000163841 has failed"}"#,
        &["LEAK0000163841"],
    ),
    (
        r#"{"code":"600000","msg":"ok","data":{"msg":"获取token成功 token=STsidLEAK01"},"list":["password=pwLEAK"]}"#,
        &["LEAK01", "pwLEAK"],
    ),
    // Lists and objects under code and password keys; Getui's gateway auth; `pwd`.
    (
        r#"{"code":"600000","password":["hunterLEAK"],"accessCode":{"value":"acLEAK"}}"#,
        &["hunterLEAK", "acLEAK"],
    ),
    (
        r#"{"result":0,"data":{"accessCode":"nmLEAK0001","gwAuth":"gwLEAK001","loginPwd":"pwLEAK"}}"#,
        &["nmLEAK0001", "gwLEAK001", "pwLEAK"],
    ),
    // A request id written as `key=value`, an iOS dictionary's escaped number, an escaped
    // secret key in nested JSON.
    (
        r#"{"code":"600011","requestId":"token=STsidLEAK01"}"#,
        &["LEAK01"],
    ),
    (
        r#"{code = 600011; msg = "x"; data = { desc = "\U53f7138\U00a01234\U00a05678"; };}"#,
        &["5678"],
    ),
    (
        r#"{"code":"600011","msg":"x","data":{"\u0074oken":"STsidLEAK0000"}}"#,
        &["LEAK0000"],
    ),
    // Keys of other credentials: an SMS code, an HTTP authorisation, API and session keys.
    (
        r#"{"code":"600011","smsCode":"LEAK9871","verifyCode":"LEAK9872","Authorization":"Bearer LEAKjwt","apiKey":"LEAKapi","sessionKey":"LEAKsk","jwt":"LEAKjwt2","ticket":"LEAKt","credential":"LEAKc"}"#,
        &["LEAK"],
    ),
    (
        r#"{"code":"600011","msg":"request failed, Authorization: Bearer LEAKjwt0001 smsCode=LEAK9871"}"#,
        &["LEAK"],
    ),
    // Typeset separators between the groups.
    (
        r#"{"code":"600011","msg":"failed for 138‐1234‐5678"}"#,
        &["5678"],
    ),
    (
        r#"{"code":"600011","msg":"电话 138 - 1234 - 5678"}"#,
        &["5678"],
    ),
];

/// [`SECOND_RUN`]: the whole result, every field as `Debug` prints it (the JSON the CLI writes
/// needs the `serde` feature; the CLI's own tests search that), is searched. (Redacted values
/// keep only their kind and length.)
#[test]
fn a_second_red_team_runs_payloads_leak_nothing() {
    for (raw, secrets) in SECOND_RUN {
        let out = format!("{:?}", n(raw));
        for secret in secrets {
            assert!(!out.contains(secret), "{raw}\n=> {out}");
        }
        assert!(out.contains("<redacted "), "{raw}\n=> {out}");
    }
    // A number already redacted inside a value is not redacted again around it.
    let n = self::n(r#"{"code":"600011","msg":"phone=%2B8613812345678 x"}"#);
    assert_eq!(
        n.raw_msg.as_deref(),
        Some("phone=%2B<redacted phone: 13 chars> x")
    );
}

/// A review of what the redaction over-reached: keys that describe a secret (its type, expiry,
/// error count, the phone's model) and placeholders where a secret would be are kept as sent,
/// so the engineer still sees that there was no token; the secrets beside them are not.
#[test]
fn what_describes_a_secret_is_kept() {
    let raw = r#"{"code":"600011","tokenExpiresIn":7200,"tokenType":"Bearer","pwdErrorCount":3,"phoneModel":"iPhone14,2","gwAuthResult":"fail","mobileNetwork":"unavailable","token":"<null>","accessCode":"undefined","authCode":"ac_LEAK01"}"#;
    let n = self::n(raw);
    for (key, want) in [
        ("tokenExpiresIn", "7200"),
        ("tokenType", "Bearer"),
        ("pwdErrorCount", "3"),
        ("phoneModel", "iPhone14,2"),
        ("gwAuthResult", "fail"),
        ("mobileNetwork", "unavailable"),
        ("token", "<null>"),
        ("accessCode", "undefined"),
        ("authCode", "<redacted code: 9 chars>"),
    ] {
        let got = extra(&n, key).unwrap_or_else(|| panic!("{key}: {n:?}"));
        assert_eq!(got.as_str(), want, "{key}");
    }
    // Numbers in nested JSON: a placeholder kept, a code redacted.
    let nested = self::n(r#"{"code":"600011","data":{"password":0,"authCode":123456}}"#);
    let data = extra(&nested, "data").unwrap().to_json().to_string();
    assert_eq!(
        data,
        r#"{"authCode":"<redacted code: 6 chars>","password":0}"#
    );
    // In a message: a state after the name, a method name before a colon.
    for msg in [
        "令牌：已过期",
        "onTokenFailed: 获取token失败",
        "token: undefined",
    ] {
        let raw = serde_json::json!({"code": "600011", "msg": msg}).to_string();
        assert_eq!(self::n(&raw).raw_msg.as_deref(), Some(msg));
    }
}

/// Red-team find: secrets under Chinese keys in a payload (`密码`, `令牌`, `验证码`) are
/// redacted as under their English names; other Chinese keys are kept.
#[test]
fn secrets_under_chinese_keys_are_redacted() {
    let n =
        n(r#"{"code":"600011","密码":"Hunter2!","令牌":"x1","短信验证码":"482913","说明":"x1"}"#);
    for (key, want) in [
        ("密码", "<redacted secret: 8 chars>"),
        ("令牌", "<redacted token: 2 chars>"),
        ("短信验证码", "<redacted code: 6 chars>"),
        ("说明", "x1"),
    ] {
        assert_eq!(extra(&n, key).map(|v| v.as_str()), Some(want), "{key}");
    }
}

/// The same in JSON held in a string: the Chinese key is found before the string is parsed.
#[test]
#[cfg(feature = "serde")] // checks the serialised output
fn secrets_under_chinese_keys_in_nested_json_are_redacted() {
    let raw = r#"{"code":"600011","data":"{\"密码\":\"Hunter2!\",\"说明\":\"ok\"}"}"#;
    let out = serde_json::to_string(&n(raw)).unwrap();
    assert!(!out.contains("Hunter2!"), "{out}");
    assert!(out.contains("<redacted secret: 8 chars>"), "{out}");
    assert!(out.contains("说明"), "{out}");
}
