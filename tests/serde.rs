//! `Normalized` read back from the JSON it serialises to (feature `serde`): the same result for
//! every payload shape, errors that name the field, and the documented exceptions.

#![cfg(feature = "serde")]

use numauth::{
    normalize, normalize_with, AuthOutcome, Carrier, ExtraValue, Hint, Normalized, Platform, Source,
};

#[path = "../benches/shapes.rs"]
mod shapes;

fn shape(name: &str) -> &'static str {
    shapes::SAMPLES
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no sample {name}"))
        .raw
}

fn round_trip(n: &Normalized<'_>) -> Normalized<'static> {
    let json = serde_json::to_string(n).unwrap();
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn hint(platform: Platform, os: &str, sdk: &str) -> Hint {
    Hint {
        platform: Some(platform),
        os_version: Some(os.parse().unwrap()),
        sdk_version: Some(sdk.parse().unwrap()),
        ..Hint::default()
    }
}

/// A payload, the hint it is normalised with, and what it must carry through the round trip (so
/// that the table cannot quietly lose the case it is there for).
type Case = (&'static str, Hint, fn(&Normalized<'_>) -> bool);

/// Alibaba Cloud's SDKs (PNS, fusion) and China Unicom, in every payload shape.
fn alibaba_cases() -> Vec<Case> {
    vec![
        // PNS Android, China Mobile's result nested as a JSON string.
        (shape("android_json_nested"), Hint::default(), |n| {
            n.root_cause.as_ref().is_some_and(|c| c.code == "103119") && n.request_id.is_some()
        }),
        (shape("ios_json"), Hint::default(), |n| {
            n.root_cause.is_some()
        }),
        // iOS NSDictionary, `\U` escapes unescaped.
        (shape("ns_dictionary"), Hint::default(), |n| {
            n.raw_msg.as_deref() == Some("获取token失败") && n.root_cause.is_some()
        }),
        (shape("dart_map"), Hint::default(), |n| {
            n.carrier == Some(Carrier::Cmcc)
        }),
        (shape("java_to_string"), Hint::default(), |n| {
            n.extra.get("requestCode").is_some()
        }),
        // China Unicom `1` + message: the entry is found by the message.
        (
            r#"{"resultCode":1,"resultMsg":"请求超时","seq":"a1"}"#,
            Hint::default(),
            |n| n.outcome == AuthOutcome::Timeout && n.message.is_some(),
        ),
        // Fusion: two levels of causes.
        (
            r#"{"resultCode":"400007","innerCode":"1600011","carrierFailedResultData":"{\"resultCode\":\"103911\"}","templateId":"t","nodeId":"n"}"#,
            Hint::default(),
            |n| {
                n.root_cause
                    .as_ref()
                    .is_some_and(|c| c.root_cause.is_some())
            },
        ),
        // An unknown code, kept.
        (
            r#"{"code":"600099","msg":"新的错误","n":-1}"#,
            Hint::default(),
            |n| !n.known && n.message.is_none(),
        ),
        // A token, redacted in `extra`.
        (
            r#"{"code":"600000","msg":"获取token成功","token":"STsid0000001abc","requestCode":0}"#,
            Hint::default(),
            |n| {
                n.extra
                    .get("token")
                    .is_some_and(|t| t.as_str().starts_with("<redacted token"))
            },
        ),
        // Advice from a rule (platform, OS and SDK versions), and advice written at run time.
        (
            r#"{"resultCode":"600004","msg":"获取运营商配置信息失败","carrierName":"--"}"#,
            hint(Platform::Ios, "16.4", "2.12.10"),
            |n| {
                n.advice
                    .as_ref()
                    .is_some_and(|a| a.id == "ios_16_4_carrier_config")
            },
        ),
        (
            r#"{"code":"600018"}"#,
            Hint {
                sdk_version: Some("2.10.0".parse().unwrap()),
                ..Hint::default()
            },
            |n| {
                n.advice
                    .as_ref()
                    .is_some_and(|a| a.id == "not_in_sdk_version")
            },
        ),
    ]
}

/// Other vendors (IDaaS, JVerification, OneLogin, Getui, the Dypnsapi server), and `extra`
/// holding a key twice.
fn vendor_cases() -> Vec<Case> {
    vec![
        // Duplicate keys and nested values in `extra`, kept in order.
        (
            r#"{"code":"600011","a":1,"a":"x","o":{"k":[1,true,null]}}"#,
            Hint::default(),
            |n| n.extra.len() == 3,
        ),
        // IDaaS template values.
        (shape("idaas_body"), Hint::default(), |n| n.params.is_some()),
        (
            r#"{"code":6002,"content":"fetch loginToken canceled","operator":"CU"}"#,
            Hint::default(),
            |n| n.source == Source::Jverify,
        ),
        (
            r#"{"status":500,"errorCode":"-20200","msg":"网络异常","process_id":"p-77","operatorType":"1"}"#,
            Hint::default(),
            |n| n.source == Source::Onelogin,
        ),
        // Getui, with the carrier's result in an object nested in its message.
        (
            r#"{"code":30005,"msg":"{\"errorCode\":-40001,\"errorDesc\":\"运营商错误\",\"operator\":\"CM\",\"metadata\":{\"code\":\"103111\",\"desc\":\"网关IP错误\"}}","gyuid":"gtc_1","operator":"CM","success":false}"#,
            Hint::default(),
            |n| n.deepest_cause().code == "103111",
        ),
        (
            r#"{"Code":"isv.TOKEN_INVALID","Message":"token无效","RequestId":"5B1C-3F"}"#,
            Hint::default(),
            |n| n.source == Source::Dypns && n.known,
        ),
        (
            r#"{"RequestId":"5B1C-3F","Message":"OK","Code":"OK","GateVerifyResultDTO":{"VerifyResult":"PASS"}}"#,
            Hint::default(),
            |n| {
                matches!(
                    n.extra.get("GateVerifyResultDTO"),
                    Some(ExtraValue::Json(_))
                )
            },
        ),
    ]
}

#[test]
fn every_shape_reads_back_equal() {
    let cases: Vec<Case> = alibaba_cases().into_iter().chain(vendor_cases()).collect();
    assert!(cases.len() >= 12);
    for (raw, hint, carries) in cases {
        let n = normalize_with(raw, hint).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert!(carries(&n), "{raw}: the case lost what it is for: {n:#?}");
        let back = round_trip(&n);
        assert_eq!(back, n.clone().into_owned(), "{raw}");
    }
}

#[test]
fn message_is_read_from_this_catalog_and_the_rest_as_written() {
    let n = normalize(r#"{"code":"600008","msg":"蜂窝网络未开启"}"#).unwrap();
    let mut v = serde_json::to_value(&n).unwrap();
    // JSON from another data version: other text, and an outcome this version would not give.
    v["message"] = serde_json::json!({"zh": "旧的文字", "en": "old text"});
    v["outcome"] = serde_json::json!("timeout");
    let back: Normalized<'static> = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(back.message, n.message, "this build's text");
    assert_eq!(back.outcome, AuthOutcome::Timeout, "kept as written");
    // A code this catalog does not know keeps `known` as written, with no text.
    v["code"] = serde_json::json!("600999");
    let back: Normalized<'static> = serde_json::from_value(v).unwrap();
    assert!(back.known && back.message.is_none());
}

#[test]
fn the_old_field_name_and_unknown_fields_are_read() {
    let json = r#"{"source":"pns","code":"600008","known":true,"outcome":"mobile_data_disabled","category":"failure","actor":"user","retryable":true,"action":"enable_mobile_data","raw_message":"蜂窝网络未开启","explain":{"title":"t"}}"#;
    let n: Normalized<'static> = serde_json::from_str(json).unwrap();
    assert_eq!(n.raw_msg.as_deref(), Some("蜂窝网络未开启"));
    // Left out: `None`, and `extra` empty.
    assert!(n.root_cause.is_none() && n.carrier.is_none() && n.advice.is_none());
    assert!(n.extra.is_empty());
    assert!(n.message.is_some_and(|m| m.zh.contains("蜂窝网络")));
}

/// The JSON of a result, with one field's value replaced.
fn with(field: &str, value: serde_json::Value) -> String {
    let n = normalize(shape("android_json_nested")).unwrap();
    let mut v = serde_json::to_value(&n).unwrap();
    v[field] = value;
    v.to_string()
}

fn error(json: &str) -> String {
    match serde_json::from_str::<Normalized<'static>>(json) {
        Ok(n) => panic!("read {json} as {n:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn malformed_json_gives_errors_that_name_the_field() {
    let e = error(&with("outcome", serde_json::json!(5)));
    assert!(
        e.starts_with("field `outcome`: invalid type: integer `5`"),
        "{e}"
    );
    let e = error(&with("source", serde_json::json!("nope")));
    assert!(
        e.starts_with("field `source`: unknown variant `nope`"),
        "{e}"
    );
    let e = error(&with("extra", serde_json::json!([1])));
    assert!(e.contains("(`extra`)"), "{e}");
    let e = error(&with("root_cause", serde_json::json!({"source": "cmcc"})));
    assert!(e.starts_with("missing field `code`"), "{e}");
    let e = error(r#"{"source":"pns","source":"pns"}"#);
    assert!(e.starts_with("duplicate field `source`"), "{e}");
    let e = error(r#"{"raw_msg":null,"raw_message":"x"}"#);
    assert!(e.starts_with("duplicate field `raw_msg`"), "{e}");
    // `message` is looked up again, but a second one is still a malformed result.
    let e = error(r#"{"message":null,"message":{"zh":"x","en":"y"}}"#);
    assert!(e.starts_with("duplicate field `message`"), "{e}");
    // Not an object at all: the error says what was expected.
    let e = error("600011");
    assert!(
        e.contains("expected a normalised callback (an object with `source`"),
        "{e}"
    );
}

/// What the round trip does not keep, by design: `extra` values that serialise as something
/// other than the text kept (see `ExtraValue`).
#[test]
fn extra_values_that_serialise_rewritten_come_back_as_written_out() {
    // A Dart map nested in a Dart map is not JSON: it is written, and read back, as a string.
    let n = normalize("{msg: 蜂窝网络未开启, code: 600008, data: {a: 1, b: x}}").unwrap();
    assert_eq!(
        n.extra.get("data"),
        Some(&ExtraValue::Json("{a: 1, b: x}".into()))
    );
    let back = round_trip(&n);
    assert_eq!(
        back.extra.get("data"),
        Some(&ExtraValue::Text("{a: 1, b: x}".into()))
    );
    // JSON comes back in serde_json's compact form: keys sorted, numbers as it writes them.
    let n = normalize(r#"{"code":"600011","o":{"b":1, "a":[2]},"n":1.5e3}"#).unwrap();
    let back = round_trip(&n);
    assert_eq!(
        back.extra.get("o"),
        Some(&ExtraValue::Json(r#"{"a":[2],"b":1}"#.into()))
    );
    assert_eq!(
        back.extra.get("n"),
        Some(&ExtraValue::Json("1500.0".into()))
    );
    // Everything else is as it was.
    let mut same = n.into_owned();
    same.extra = back.extra.clone();
    assert_eq!(back, same);
}

#[test]
fn extra_iterates_by_reference_in_order() {
    let n =
        normalize(r#"{"code":"600000","requestCode":0,"appVersion":"1.2","os":"ios"}"#).unwrap();
    let keys: Vec<&str> = (&n.extra).into_iter().map(|(k, _)| k.as_ref()).collect();
    assert_eq!(keys, ["requestCode", "appVersion", "os"]);
    let mut values = Vec::new();
    for (_, v) in &n.extra {
        values.push(v.as_str());
    }
    assert_eq!(values, ["0", "1.2", "ios"]);
}

#[test]
fn extra_serialises_as_an_object_in_order() {
    let n = normalize(r#"{"code":"600000","token":"STsid0000001","n":1.5e3,"o":{"b":1,"a":[1,{"c":"d"}]},"x":"y","x":2,"d":{a: 1}}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&n.extra).unwrap(),
        r#"{"token":"<redacted token: 12 chars>","n":1500.0,"o":{"a":[1,{"c":"d"}],"b":1},"x":"y","x":2,"d":"{a: 1}"}"#
    );
}
