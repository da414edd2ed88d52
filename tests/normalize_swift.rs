//! iOS prints besides the `NSDictionary` description: an `NSError`'s (at the end), and first
//! Swift's print of an iOS SDK's callback dictionary. In Swift the PNS SDK's `resultDic` is an
//! `[AnyHashable: Any]`, and `print(resultDic)` writes `[AnyHashable("resultCode"): 600011, …]`;
//! a `[String: Any]` prints `["resultCode": "600011", …]`. Values print bare (a bridged
//! `NSString`) or quoted (a Swift `String`), a nested `NSDictionary` as its description.
//!
//! Expected outcomes come from what the codes mean (the catalog's tables), not from output.

use numauth::{normalize, ExtraValue, ParseError, Shape, Source};

mod common;
use common::{check, extra, n};

#[test]
fn any_hashable_prints_read_their_code_and_carrier_data() {
    check(&[
        // Bare values; the carrier data an NSDictionary description over several lines, in a
        // log line whose prefix holds brackets of its own.
        (
            "2026-11-20 10:31:02.123 Demo[1234:5678] resultDic: [AnyHashable(\"msg\"): 获取token失败, \
             AnyHashable(\"carrierFailedResultData\"): {\n    desc = \"appid不存在\";\n    resultCode = 103119;\n}, \
             AnyHashable(\"resultCode\"): 600011, AnyHashable(\"requestId\"): 8a7b6c5d]",
            "pns 600011 invalid_configuration msg=获取token失败 req=8a7b6c5d carrier=cmcc \
             <- cmcc 103119 invalid_configuration msg=appid不存在 carrier=cmcc",
        ),
        // The carrier data a Swift dictionary too.
        (
            "[AnyHashable(\"resultCode\"): 600011, AnyHashable(\"carrierFailedResultData\"): \
             [AnyHashable(\"resultCode\"): 103911, AnyHashable(\"desc\"): token请求过于频繁], \
             AnyHashable(\"msg\"): 获取token失败]",
            "pns 600011 rate_limited msg=获取token失败 carrier=cmcc \
             <- cmcc 103911 rate_limited msg=token请求过于频繁 carrier=cmcc",
        ),
        // Quoted values, an escaped quote in one; a message with a comma.
        (
            r#"[AnyHashable("resultCode"): "600008", AnyHashable("msg"): "蜂窝网络未开启, 请打开\"移动数据\""]"#,
            r#"pns 600008 mobile_data_disabled msg=蜂窝网络未开启, 请打开"移动数据""#,
        ),
        // `Optional(...)` around it (printing `resultDic` as an optional): the `])` closes the
        // print, it is not the message's.
        (
            r#"Optional([AnyHashable("resultCode"): 700000, AnyHashable("msg"): 用户取消操作])"#,
            "pns 700000 user_cancelled msg=用户取消操作",
        ),
        // A code no table knows keeps its source and blames no carrier.
        (
            r#"[AnyHashable("resultCode"): 600099, AnyHashable("msg"): 新错误]"#,
            "pns 600099 unknown msg=新错误",
        ),
    ]);
}

/// `Optional(…)` values: a dictionary built of optionals (`[String: Any?]`) prints each value so.
#[test]
fn optional_values_are_what_they_wrap() {
    check(&[(
        r#"["resultCode": Optional(600011), "msg": Optional("获取token失败"), "carrierFailedResultData": Optional({"resultCode":"103119"})]"#,
        "pns 600011 invalid_configuration msg=获取token失败 carrier=cmcc \
         <- cmcc 103119 invalid_configuration carrier=cmcc",
    )]);
    let n = n(
        r#"[AnyHashable("resultCode"): Optional(600008), AnyHashable("msg"): Optional(蜂窝网络未开启), AnyHashable("q"): Optional("a\"b"), AnyHashable("info"): Optional({"token":"SECRETX"}), AnyHashable("y"): nil, AnyHashable("w"): Optional("a" b), AnyHashable("v"): Optional("a\"" b), AnyHashable("z"): Optional(x]"#,
    );
    assert_eq!(n.raw_msg.as_deref(), Some("蜂窝网络未开启"));
    assert_eq!(extra(&n, "q"), Some(&ExtraValue::Text(r#"a"b"#.into())));
    // An object it wraps is read as a nested value: its secrets redacted.
    let info: serde_json::Value =
        serde_json::from_str(extra(&n, "info").expect("info kept").as_str()).expect("JSON");
    assert_eq!(
        info,
        serde_json::json!({"token": "<redacted token: 7 chars>"})
    );
    assert!(matches!(extra(&n, "info"), Some(ExtraValue::Json(_))));
    // More than one string in it: kept as written.
    assert_eq!(extra(&n, "w"), Some(&ExtraValue::Text(r#""a" b"#.into())));
    assert_eq!(extra(&n, "v"), Some(&ExtraValue::Text(r#""a\"" b"#.into())));
    assert_eq!(extra(&n, "y"), Some(&ExtraValue::Text("nil".into())));
    // Not closed: kept as written.
    assert_eq!(extra(&n, "z"), Some(&ExtraValue::Text("Optional(x".into())));
    // Outside a Swift print, a word is kept as written.
    let dart = common::n("{code: 600011, x: Optional(1)}");
    assert_eq!(
        extra(&dart, "x"),
        Some(&ExtraValue::Text("Optional(1)".into()))
    );
}

#[test]
fn string_keyed_prints_keep_the_top_code() {
    check(&[
        // The carrier data a Swift string holding JSON: its brace is not where the callback
        // opens, so the top-level code stays the result.
        (
            r#"["resultCode": "600011", "msg": "获取token失败, 请重试", "carrierFailedResultData": "{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"]"#,
            "pns 600011 invalid_configuration msg=获取token失败, 请重试 carrier=cmcc \
             <- cmcc 103119 invalid_configuration msg=appid不存在 carrier=cmcc",
        ),
        (
            r#"["resultCode": "600008", "msg": "蜂窝网络未开启"]"#,
            "pns 600008 mobile_data_disabled msg=蜂窝网络未开启",
        ),
        // The same inside `Optional(...)`.
        (
            r#"Optional(["resultCode": "600011", "carrierFailedResultData": "{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"])"#,
            "pns 600011 invalid_configuration carrier=cmcc \
             <- cmcc 103119 invalid_configuration msg=appid不存在 carrier=cmcc",
        ),
        // A print logged inside a JSON string (its quotes escaped): the string is read.
        (
            r#"resultDic: "[AnyHashable(\"resultCode\"): 600011, AnyHashable(\"carrierFailedResultData\"): {\"resultCode\":\"103119\"}]""#,
            "pns 600011 invalid_configuration carrier=cmcc \
             <- cmcc 103119 invalid_configuration carrier=cmcc",
        ),
    ]);
}

#[test]
fn prints_in_a_json_log_line() {
    check(&[
        // A JSON logger's line whose message holds the print, its quotes escaped.
        (
            r#"{"level":"ERROR","message":"resultDic: [AnyHashable(\"resultCode\"): 600011, AnyHashable(\"msg\"): 获取token失败, AnyHashable(\"carrierFailedResultData\"): [AnyHashable(\"resultCode\"): 103119]]"}"#,
            "pns 600011 invalid_configuration msg=获取token失败 carrier=cmcc \
             <- cmcc 103119 invalid_configuration carrier=cmcc",
        ),
        (
            r#"{"level":"ERROR","message":"[\"resultCode\": \"600011\", \"carrierFailedResultData\": [\"resultCode\": \"103911\"]]"}"#,
            "pns 600011 rate_limited carrier=cmcc <- cmcc 103911 rate_limited carrier=cmcc",
        ),
    ]);
    // A field with brackets that open no dictionary is no callback.
    assert_eq!(
        normalize(r#"{"level":"ERROR","thread":"[main]","message":"[1, 2] tapped"}"#),
        Err(ParseError::NoCode { shape: Shape::Json })
    );
}

#[test]
fn other_brackets_are_not_dictionaries() {
    check(&[
        // A JSON array of callbacks, and a log prefix in brackets before JSON: read as before.
        (
            r#"[{"code":"600000","msg":"获取token成功"}]"#,
            "pns 600000 success msg=获取token成功",
        ),
        (
            r#"[main] [AuthSDK] onTokenFailed: {"code":"600008","msg":"蜂窝网络未开启"}"#,
            "pns 600008 mobile_data_disabled msg=蜂窝网络未开启",
        ),
        // An array of strings with a colon in one is no dictionary: the text's pattern counts.
        (
            r#"["a:b", "c"] code:600008"#,
            "pns 600008 mobile_data_disabled",
        ),
    ]);
    // A Swift print without a code says which shape it was.
    assert_eq!(
        normalize(r#"[AnyHashable("msg"): 获取token失败, AnyHashable("requestId"): 7f]"#),
        Err(ParseError::NoCode {
            shape: Shape::SwiftDictionary
        })
    );
}

#[test]
fn secrets_in_swift_prints_are_redacted() {
    let raw = "[AnyHashable(\"resultCode\"): 600000, AnyHashable(\"token\"): STsid0000011234567890abcdef, \
               AnyHashable(\"msg\"): 获取token成功, AnyHashable(\"info\"): [AnyHashable(\"phone\"): 13812345678, \
               AnyHashable(\"accessToken\"): abcdefgh], AnyHashable(\"note\"): \"saved [AnyHashable(\\\"accessToken\\\"): qwertyuiop] ok\"]";
    let n = n(raw);
    let shown = format!("{n:?}");
    for secret in [
        "STsid0000011234567890abcdef",
        "13812345678",
        "abcdefgh",
        "qwertyuiop",
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert_eq!(
        extra(&n, "token"),
        Some(&ExtraValue::Text("<redacted token: 27 chars>".into()))
    );
    // A nested dictionary becomes JSON with its secrets redacted, its other fields kept.
    let info: serde_json::Value =
        serde_json::from_str(extra(&n, "info").expect("info kept").as_str()).expect("JSON");
    assert_eq!(
        info,
        serde_json::json!({"phone": "<redacted phone: 11 chars>", "accessToken": "<redacted token: 8 chars>"})
    );
    // A string holding a Swift print: its secret redacted in place, the words around kept.
    let note = extra(&n, "note").expect("note kept").as_str();
    assert!(
        note.starts_with("saved ") && note.ends_with(" ok"),
        "{note}"
    );
    assert!(note.contains("<redacted token: 10 chars>"), "{note}");
}

/// `[error description]` or Swift's `print(error)`: `Error Domain=… Code=… "…" UserInfo={…}`.
#[test]
fn ns_error_prints_read_their_code_and_description() {
    check(&[
        (
            r#"2026-11-20 E/Auth: Error Domain=NSURLErrorDomain Code=-1001 "The request timed out." UserInfo={NSErrorFailingURLStringKey=https://example.com/a, NSLocalizedDescription=The request timed out.}"#,
            // The `UserInfo` fields no pattern reads are kept.
            "pns -1001 unknown msg=The request timed out. extra=domain,NSErrorFailingURLStringKey,NSLocalizedDescription",
        ),
        // A description with quotes and parentheses in it, and none at all.
        (
            r#"Error Domain=com.example Code=600008 "网络"异常"(1)" UserInfo={}"#,
            r#"pns 600008 mobile_data_disabled msg=网络"异常"(1) extra=domain"#,
        ),
        (
            "Error Domain=com.example Code=600008",
            "pns 600008 mobile_data_disabled extra=domain",
        ),
        // A code named before the print comes first, as in any text; the error's description is
        // its own code's message only.
        (
            r#"登录失败 code:600011 error:Error Domain=com.x Code=-1001 "请求超时""#,
            "pns 600011 token_failed extra=domain",
        ),
        // No description: the message its `UserInfo` names.
        (
            r#"Error Domain=SDKErrorDomain Code=600017 "(null)" UserInfo={msg=应用不存在}"#,
            "pns 600017 invalid_configuration msg=应用不存在 extra=domain",
        ),
        // Inside a callback's message it is that callback's cause, read the same way.
        (
            r#"onTokenFailed: {"code":"600011","msg":"Error Domain=NSURLErrorDomain Code=-1001 \"请求超时\""}"#,
            r#"pns 600011 token_failed msg=Error Domain=NSURLErrorDomain Code=-1001 "请求超时" <- pns -1001 unknown msg=请求超时 extra=domain"#,
        ),
    ]);
    // A code no pattern reads (too long to be one) is no code, and its `UserInfo` no callback.
    let long = "1".repeat(80);
    for code in [long.clone(), format!("-{long}"), "1234567890123".into()] {
        for info in [
            "",
            " UserInfo={code = 0;}",
            " UserInfo={resultCode=600000, msg=ok}",
        ] {
            let text = format!(r#"Error Domain=D Code={code} "x"{info}"#);
            assert_eq!(
                normalize(&text),
                Err(ParseError::NoCode { shape: Shape::Text }),
                "{text}"
            );
        }
    }
    // A code named before such a print still stands for it; twelve digits are a code.
    let before = format!("code: 600011, Error Domain=D Code={long} \"x\" UserInfo={{code = 0;}}");
    let n = common::n(&before);
    assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600011"));
    let n = common::n(r#"Error Domain=D Code=-123456789012 "x" UserInfo={code = 0;}"#);
    assert_eq!(
        (n.code.as_ref(), n.raw_msg.as_deref()),
        ("-123456789012", Some("x"))
    );
    // The code is the error's, never one in its `UserInfo` (`code = 0` there is no success);
    // the domain is kept (which SDK a domain is, numauth does not know: OnePass and OneLogin
    // share their numbers).
    let n = common::n(
        r#"Error Domain=GOPErrorDomain Code=-20302 "(null)" UserInfo={GOPMetadataErrorKey={code = 0;}}"#,
    );
    assert_eq!((n.code.as_ref(), n.raw_msg.as_deref()), ("-20302", None));
    assert_ne!(n.category, numauth::Category::Success);
    assert_eq!(
        extra(&n, "domain"),
        Some(&ExtraValue::Text("GOPErrorDomain".into()))
    );
}

/// An `NSError`'s `UserInfo` holds what a callback's fields would: its carrier data is the
/// cause and its carrier name the carrier, as in the same callback written as JSON, and its
/// other fields are kept, redacted; its codes stay the patterns' (a red-team find: all of it
/// was dropped, the cause with it).
#[test]
fn an_ns_errors_user_info_gives_its_cause_and_carrier() {
    check(&[
        (
            r#"Error Domain=com.aliyun.pns Code=600011 "(null)" UserInfo={msg=获取token失败, carrierFailedResultData={"resultCode":1,"resultMsg":"请求超时"}}"#,
            "pns 600011 timeout msg=获取token失败 carrier=cucc extra=domain <- cucc 1 timeout msg=请求超时 carrier=cucc",
        ),
        (
            r#"Error Domain=com.aliyun.pns Code=600011 "获取token失败" UserInfo={requestId=abc, vendorName=cu_xw, foo=bar}"#,
            "pns 600011 token_failed msg=获取token失败 req=abc carrier=cucc extra=domain,foo",
        ),
        // The first carrier data and the first carrier name are the callback's, the others
        // kept; empty carrier data is none.
        (
            r#"Error Domain=com.aliyun.pns Code=600011 "x" UserInfo={carrierFailedResultData=, carrierFailedResultData={"resultCode":1,"resultMsg":"请求超时"}, cause={"resultCode":"103111"}, vendorName=cu_xw, carrier=CM}"#,
            "pns 600011 timeout msg=x carrier=cucc extra=domain,carrierFailedResultData,cause,carrier <- cucc 1 timeout msg=请求超时 carrier=cucc",
        ),
    ]);
    let raw = r#"Error Domain=com.aliyun.pns Code=600011 "x" UserInfo={token=STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9, phone=13812345678}"#;
    let kept = format!("{:?}", numauth::normalize(raw).unwrap().extra);
    assert!(
        kept.contains("token") && !kept.contains("Ojg5Yz3J") && !kept.contains("12345678"),
        "{kept}"
    );
}
