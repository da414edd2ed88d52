//! `normalize` on payloads that bend the rules: JSON held in strings, broken JSON, unknown
//! codes, Dypnsapi bodies, hints, errors, limits, redaction, serialisation and typed callbacks.
//!
//! Expected outcomes come from what the codes mean (the catalog's tables), not from output.

use std::borrow::Cow;

// Some are used only by the tests of the `serde` feature.
#[cfg_attr(not(feature = "serde"), allow(unused_imports))]
use numauth::{
    normalize, normalize_callback, normalize_with, AuthOutcome, Callback, Carrier, Hint, Lang,
    Platform, Source,
};
use serde_json::json;

mod common;
use common::{cause, extra, n, s, sco};

#[test]
fn json_strings_holding_any_shape() {
    // What the CLI gets for an NDJSON line that is a string.
    let line = serde_json::to_string(r#"{"code":"600011","msg":"获取token失败","vendorName":"ct_sjl","carrierFailedResultData":"{\"result\":-8004}"}"#).unwrap();
    let n1 = n(&line);
    assert_eq!(n1.outcome, AuthOutcome::MobileDataDisabled);
    assert_eq!(n1.raw_msg.as_deref(), Some("获取token失败"));

    let ns = serde_json::to_string(
        "resultDic = {\n    msg = \"\\U65e0SIM\\U5361\";\n    resultCode = 600007;\n}",
    )
    .unwrap();
    let n2 = n(&ns);
    assert_eq!(n2.raw_msg.as_deref(), Some("无SIM卡"));
    assert_eq!(n2.outcome, AuthOutcome::NoSimCard);

    let dart = serde_json::to_string("{msg: 蜂窝网络未开启, code: 600008, data: null}").unwrap();
    assert_eq!(n(&dart).outcome, AuthOutcome::MobileDataDisabled);

    let text = serde_json::to_string("vendorCode:103911, msg:token请求过于频繁").unwrap();
    assert_eq!(n(&text).source, Source::Cmcc);

    // Twice encoded.
    let twice = serde_json::to_string(&line).unwrap();
    assert_eq!(n(&twice).outcome, AuthOutcome::MobileDataDisabled);

    // A string inside log text, quotes escaped.
    let logged = r#"onTokenFailed: "{\"code\":\"600011\",\"vendorName\":\"cm_zyhl\",\"carrierFailedResultData\":\"{\\\"resultCode\\\":\\\"103119\\\"}\"}""#;
    assert_eq!(n(logged).outcome, AuthOutcome::InvalidConfiguration);
    // JSON printed with escaped quotes but no surrounding string.
    let bare = r#"{\"code\":\"600008\",\"msg\":\"蜂窝网络未开启\"}"#;
    assert_eq!(n(bare).raw_msg.as_deref(), Some("蜂窝网络未开启"));
    // A bare code, as a string.
    assert_eq!(n("\"700000\"").outcome, AuthOutcome::UserCancelled);
}

// ---------------------------------------------------------------------------------------------
// Broken JSON that still names a code.

#[test]
fn broken_json_still_names_a_code() {
    // Truncated inside the carrier data.
    let n1 = n(
        r#"{"code":"600011","msg":"获取token失败","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不"#,
    );
    assert_eq!(
        sco(&n1),
        s(Source::Pns, "600011", AuthOutcome::InvalidConfiguration)
    );
    assert_eq!(cause(&n1).raw_msg.as_deref(), Some("appid不"));
    // Truncated inside the message.
    let n2 = n(r#"{"code":"600008","msg":"蜂窝网络"#);
    assert_eq!(
        (n2.code.as_ref(), n2.raw_msg.as_deref()),
        ("600008", Some("蜂窝网络"))
    );
    // Single quotes, trailing comma, unquoted keys, a missing comma, code as a number.
    assert_eq!(
        n("{'code': '600007', 'msg': '无SIM卡',}").outcome,
        AuthOutcome::NoSimCard
    );
    assert_eq!(
        n(r#"{code:"600008",msg:"x"}"#).outcome,
        AuthOutcome::MobileDataDisabled
    );
    assert_eq!(n(r#"{"msg":"x" "code":600012}"#).code, "600012");
    assert_eq!(
        n(r#"{"code": 700000 , }"#).outcome,
        AuthOutcome::UserCancelled
    );
    // Unbalanced and mismatched brackets.
    assert_eq!(
        n(r#"{"code":"600011","x":[1,2}, "msg":"m"}"#).code,
        "600011"
    );
    // Broken escapes are kept as written.
    let n3 = n(r#"{"code":"600011","msg":"bad \x and \u12 escapes"}"#);
    assert_eq!(n3.raw_msg.as_deref(), Some(r"bad \x and \u12 escapes"));
    // Only a code key left.
    assert_eq!(n(r#""code":"600015""#).code, "600015");
}

// ---------------------------------------------------------------------------------------------
// Unknown codes and source guesses.

#[test]
fn unknown_codes_are_kept() {
    let n1 = n(r#"{"code":"600099","msg":"新错误","requestId":"x"}"#);
    assert_eq!(
        (n1.source, n1.code.as_ref(), n1.known),
        (Source::Pns, "600099", false)
    );
    assert_eq!(n1.outcome, AuthOutcome::Unknown);
    assert_eq!(
        (n1.category, n1.actor, n1.action),
        (
            AuthOutcome::Unknown.category(),
            AuthOutcome::Unknown.actor(),
            AuthOutcome::Unknown.action()
        )
    );
    assert_eq!(n1.message, None);
    assert_eq!(n1.raw_msg.as_deref(), Some("新错误"));
    // Best guesses from the form of the code.
    assert_eq!(n(r#"{"code":"1700099"}"#).source, Source::Fusion);
    assert_eq!(n(r#"{"result":-99999,"reqId":"r"}"#).source, Source::Ctcc);
    assert_eq!(
        n(r#"{"Code":"isv.SOMETHING_NEW","RequestId":"r"}"#).source,
        Source::Dypns
    );
    assert_eq!(
        n(r#"{"error_code":"IDAAS.SDK.NEW.9999"}"#).source,
        Source::Idaas
    );
    let unknown_pns = n(
        r#"{"code":"600098","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\"}"}"#,
    );
    // Unknown top level, known cause: the cause gives the outcome; the top-level stays unknown.
    assert_eq!(
        (unknown_pns.known, unknown_pns.outcome),
        (false, AuthOutcome::InvalidConfiguration)
    );
    assert_eq!(unknown_pns.message, None);
}

#[test]
fn dypns_server_bodies() {
    let n1 =
        n(r#"{"Code":"isv.TOKEN_INVALID","Message":"无效的token","RequestId":"8906582E-6722"}"#);
    assert_eq!(
        sco(&n1),
        s(
            Source::Dypns,
            "isv.TOKEN_INVALID",
            AuthOutcome::TokenInvalid
        )
    );
    assert_eq!(n1.request_id.as_deref(), Some("8906582E-6722"));
    let n2 = n(
        r#"{"Code":"OK","Message":"OK","RequestId":"1","GetMobileResultDTO":{"Mobile":"121****1234"}}"#,
    );
    assert_eq!(n2.outcome, AuthOutcome::Success);
    assert_eq!(
        extra(&n2, "GetMobileResultDTO").unwrap().to_json(),
        json!({"Mobile": "<redacted phone: 11 chars>"}),
        "a phone number, even masked, never reaches the output"
    );
}

// ---------------------------------------------------------------------------------------------
// Hints.

#[test]
fn hints_override_detection() {
    let fusion = Hint {
        source: Some(Source::Fusion),
        platform: None,
        ..Hint::default()
    };
    assert_eq!(
        normalize_with("600001", fusion).unwrap().outcome,
        AuthOutcome::FlowProgress
    );
    assert_eq!(
        normalize("600001").unwrap().outcome,
        AuthOutcome::AuthPageShown
    );
    // Even against the keys.
    let pns = Hint {
        source: Some(Source::Pns),
        platform: None,
        ..Hint::default()
    };
    let n1 = normalize_with(
        r#"{"resultCode":"600001","templateId":"t","nodeId":"n"}"#,
        pns,
    )
    .unwrap();
    assert_eq!(n1.source, Source::Pns);
    // A hinted source that does not know the code: unknown there, not re-detected.
    let cmcc = Hint {
        source: Some(Source::Cmcc),
        platform: None,
        ..Hint::default()
    };
    let n2 = normalize_with(r#"{"code":"600011"}"#, cmcc).unwrap();
    assert_eq!(
        (n2.source, n2.known, n2.outcome),
        (Source::Cmcc, false, AuthOutcome::Unknown)
    );
    // Platforms pick the H5 and HarmonyOS tables, which reuse PNS numbers.
    let web = Hint {
        source: None,
        platform: Some(Platform::Web),
        ..Hint::default()
    };
    assert_eq!(
        normalize_with("600004", web).unwrap().source,
        Source::PnsWeb
    );
    assert_eq!(
        normalize_with("600004", web).unwrap().outcome,
        AuthOutcome::InvalidConfiguration
    );
    assert_eq!(
        normalize("600004").unwrap().outcome,
        AuthOutcome::SdkOutdated
    );
    let harmony = Hint {
        source: None,
        platform: Some(Platform::Harmony),
        ..Hint::default()
    };
    assert_eq!(
        normalize_with(r#"{"code":"600012"}"#, harmony)
            .unwrap()
            .source,
        Source::PnsHarmony
    );
    // A platform whose table lacks the code falls back to the app SDK's.
    assert_eq!(
        normalize_with(r#"{"code":"700000"}"#, harmony)
            .unwrap()
            .source,
        Source::Pns
    );
}

// ---------------------------------------------------------------------------------------------
// Serialisation and the typed entry point.

#[test]
#[cfg(feature = "serde")]
fn serialises_with_exactly_the_issue_field_names() {
    let n = n(
        r#"{"code":"600011","msg":"获取token失败","vendorName":"cm_zyhl","requestId":"r","carrierFailedResultData":"{\"resultCode\":\"103119\"}","requestCode":0}"#,
    );
    let v = serde_json::to_value(&n).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut expected = [
        "source",
        "code",
        "known",
        "outcome",
        "category",
        "actor",
        "retryable",
        "action",
        "message",
        "raw_msg",
        "root_cause",
        "carrier",
        "request_id",
        "params",
        "extra",
        "advice",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(v["source"], "pns");
    assert_eq!(v["carrier"], "cmcc");
    assert_eq!(v["root_cause"]["source"], "cmcc");
    assert_eq!(v["root_cause"]["root_cause"], serde_json::Value::Null);
    assert_eq!(v["message"]["zh"], n.message.unwrap().zh);
    assert_eq!(v["extra"], json!({"requestCode": 0}));
    assert_eq!(v["outcome"], "invalid_configuration");
}

#[test]
fn typed_callbacks() {
    let cb = Callback {
        code: "600011",
        msg: Some("获取token失败"),
        vendor_name: Some("cm_zyhl"),
        carrier_data: Some(r#"{"resultCode":"103119","desc":"appid不存在"}"#),
        request_id: Some("rq"),
        ..Callback::default()
    };
    let n = normalize_callback(&cb, Hint::default());
    assert_eq!(
        sco(cause(&n)),
        s(Source::Cmcc, "103119", AuthOutcome::InvalidConfiguration)
    );
    assert_eq!(
        (n.request_id.as_deref(), n.carrier),
        (Some("rq"), Some(Carrier::Cmcc))
    );
    assert!(matches!(n.code, Cow::Borrowed("600011")));

    // Fusion, with its inner code.
    let cb = Callback {
        code: "400007",
        inner_code: Some("1600008"),
        ..Callback::default()
    };
    let n = normalize_callback(&cb, Hint::default());
    assert_eq!(
        (n.source, n.outcome),
        (Source::Fusion, AuthOutcome::MobileDataDisabled)
    );

    // Unreadable carrier data and an unknown vendor are kept, not dropped.
    let cb = Callback {
        code: "600011",
        carrier_data: Some("garbage"),
        vendor_name: Some("unknown"),
        ..Callback::default()
    };
    let n = normalize_callback(&cb, Hint::default());
    assert!(n.root_cause.is_none());
    assert_eq!(
        extra(&n, "carrierFailedResultData").unwrap().as_str(),
        "garbage"
    );
    assert_eq!(extra(&n, "vendorName").unwrap().as_str(), "unknown");

    // Carrier data nested too deep to read: kept as it came, the rest of the callback read.
    let deep = format!(r#"{{"a":{}{}}}"#, "[".repeat(20), "]".repeat(20));
    let cb = Callback {
        code: "600011",
        msg: Some("获取token失败"),
        carrier_data: Some(&deep),
        request_id: Some("rq"),
        ..Callback::default()
    };
    let n = normalize_callback(&cb, Hint::default());
    assert_eq!(
        (
            n.raw_msg.as_deref(),
            n.request_id.as_deref(),
            n.root_cause.is_none()
        ),
        (Some("获取token失败"), Some("rq"), true)
    );
    assert_eq!(extra(&n, "carrierFailedResultData").unwrap().as_str(), deep);

    // An empty code is kept, unknown.
    let n = normalize_callback(&Callback::default(), Hint::default());
    assert_eq!((n.code.as_ref(), n.known), ("", false));
}

/// What a user reads of a result: each node's source, code, outcome and message down the
/// causes, the request id and the carrier.
type View = (
    Vec<(Source, String, AuthOutcome, Option<String>)>,
    Option<String>,
    Option<Carrier>,
);

fn view(n: &numauth::Normalized<'_>) -> View {
    let node = |c: &numauth::Normalized<'_>| {
        let msg = c.raw_msg.as_deref().map(str::to_owned);
        (c.source, c.code.to_string(), c.outcome, msg)
    };
    let mut chain = vec![node(n)];
    let mut cur = n.root_cause.as_deref();
    while let Some(c) = cur {
        chain.push(node(c));
        cur = c.root_cause.as_deref();
    }
    (chain, n.request_id.as_deref().map(str::to_owned), n.carrier)
}

/// Typed callbacks that exercise each field of [`Callback`].
fn typed_cases() -> Vec<Callback<'static>> {
    // 600001 is a PNS page event and a fusion flow event: the inner code decides. Eight digits
    // from 16, or seven from 10, are no one-tap code.
    let by_inner_code = ["1600011", "103119", "16000111", "1030001"].map(|ic| Callback {
        code: "600001",
        inner_code: Some(ic),
        ..Callback::default()
    });
    let mut cases = Vec::from(by_inner_code);
    cases.extend([
        // Blank texts are absent; a request id is trimmed.
        Callback {
            code: " 600011 ",
            msg: Some("   "),
            inner_msg: Some(" "),
            request_id: Some(" rq-1 "),
            ..Callback::default()
        },
        Callback {
            code: "600011",
            msg: Some("获取token失败"),
            inner_code: Some("103911"),
            inner_msg: Some("token请求过于频繁"),
            vendor_name: Some("cm_zyhl"),
            ..Callback::default()
        },
        Callback {
            code: "600011",
            vendor_name: Some("cu_xw"),
            carrier_data: Some(r#"{"resultCode":"1","resultMsg":"请求超时"}"#),
            request_id: Some("rq"),
            ..Callback::default()
        },
    ]);
    cases
}

/// A typed callback reads as the same fields sent as JSON: the two entry points agree on the
/// source (the inner code's marks included), code, outcome, texts, request id, carrier and causes.
#[test]
fn typed_callbacks_read_as_their_json() {
    let cases = typed_cases();
    for cb in &cases {
        let mut json = serde_json::Map::new();
        let fields = [
            ("code", Some(cb.code)),
            ("msg", cb.msg),
            ("innerCode", cb.inner_code),
            ("innerMsg", cb.inner_msg),
            ("requestId", cb.request_id),
            ("vendorName", cb.vendor_name),
            ("carrierFailedResultData", cb.carrier_data),
        ];
        for (k, v) in fields {
            if let Some(v) = v {
                json.insert(k.to_owned(), json!(v));
            }
        }
        let raw = serde_json::Value::Object(json).to_string();
        let typed = normalize_callback(cb, Hint::default());
        assert_eq!(view(&typed), view(&n(&raw)), "{cb:?}");
    }
    // What the table expects of the inner codes, said outright.
    let fusion = normalize_callback(&cases[0], Hint::default());
    assert_eq!(fusion.source, Source::Fusion);
    let pns = normalize_callback(&cases[2], Hint::default());
    assert_eq!(pns.source, Source::Pns);
    let blank = normalize_callback(&cases[4], Hint::default());
    assert_eq!(
        (blank.raw_msg, blank.request_id.as_deref()),
        (None, Some("rq-1"))
    );
    let inner = normalize_callback(&cases[5], Hint::default());
    assert_eq!(cause(&inner).raw_msg.as_deref(), Some("token请求过于频繁"));
}

#[test]
fn every_catalog_code_resolves_as_lookup_says() {
    let mut overriding = 0;
    for e in numauth::entries() {
        for msg in [None, Some("请求超时"), Some("zzz"), e.match_text(Lang::Zh)] {
            let raw = json!({"code": e.code(), "msg": msg}).to_string();
            let hint = Hint {
                source: Some(e.source()),
                platform: None,
                ..Hint::default()
            };
            let n = normalize_with(&raw, hint).unwrap();
            let expected = match msg {
                Some(m) => numauth::lookup_with_msg(e.source(), e.code(), m),
                None => numauth::lookup(e.source(), e.code()),
            };
            let same = n.entry().map(|x| x as *const _) == expected.map(|x| x as *const _);
            assert!(same, "{} {} {msg:?}", e.source(), e.code());
            assert_eq!(n.known, expected.is_some());
            assert_eq!(
                n.outcome,
                expected.map_or(AuthOutcome::Unknown, |x| x.outcome())
            );
            // A row's own actor, retryable and action override its outcome's (54 rows do).
            let Some(x) = expected.filter(|_| n.root_cause.is_none()) else {
                continue;
            };
            let at = format!("{} {} {msg:?}", e.source(), e.code());
            assert_eq!(
                (n.actor, n.retryable, n.action),
                (x.actor(), x.retryable(), x.action()),
                "{at}"
            );
            let o = x.outcome();
            overriding += usize::from((x.actor(), x.retryable()) != (o.actor(), o.retryable()));
        }
    }
    assert!(
        overriding > 40,
        "rows whose actor or retryable is their own: {overriding}"
    );
}

#[test]
fn a_paren_opens_a_java_to_string_only_as_name_paren_key_equals() {
    // `Name(key=`: the fields inside are read, the vendor name included.
    let java = n("TokenRet(code=600012, vendorName=cu_xw)");
    assert_eq!(
        (java.code.as_ref(), java.carrier),
        ("600012", Some(Carrier::Cucc))
    );
    // A paren after a space is not an opener: only the code pattern is read, no vendor.
    let spaced = n("log: (code=600012, vendorName=cu_xw)");
    assert_eq!((spaced.code.as_ref(), spaced.carrier), ("600012", None));
    // A paren whose word is not followed by `=` (or with no word) does not swallow the JSON
    // object inside it: the object's own fields are read.
    for raw in [
        r#"failed(see {"code":"600011","vendorName":"cu_xw"})"#,
        r#"f(= {"code":"600011","vendorName":"cu_xw"})"#,
    ] {
        let got = n(raw);
        assert_eq!(
            (got.code.as_ref(), got.carrier),
            ("600011", Some(Carrier::Cucc)),
            "{raw}"
        );
    }
}

#[test]
fn idaas_token_data_in_a_plain_string_marks_a_login_callback() {
    // `data` holding tokens marks an IDaaS SDK callback even beside a message; other data
    // text beside a message does not.
    let tokens = n(r#"{"code":"0","msg":"ok","data":"{session_token: st-1}"}"#);
    assert_eq!(tokens.source, Source::IdaasSdk);
    let other = n(r#"{"code":"0","msg":"ok","data":"{id: 1}"}"#);
    assert_ne!(other.source, Source::IdaasSdk);
}

#[test]
fn a_callback_held_whole_in_a_plain_string_value_is_the_result() {
    // No code of its own; `data` is a string holding a whole callback (no escapes): its fields,
    // the vendor name included, are the result's.
    let got = n(r#"{"msg":"x","data":"{code: 600012, vendorName: cu_xw}"}"#);
    assert_eq!(
        (got.code.as_ref(), got.carrier),
        ("600012", Some(Carrier::Cucc))
    );
    let got = n("{msg: 授权页唤起失败, data: '{code: 600012, vendorName: cu_xw}'}");
    assert_eq!(
        (got.code.as_ref(), got.carrier),
        ("600012", Some(Carrier::Cucc))
    );
}
