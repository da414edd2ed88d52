//! `normalize`: every shape of issue 3 with realistic payloads and the carriers' own results.
//! The other sources, limits and redaction: `normalize_sources.rs`.
//!
//! Expected outcomes come from what the codes mean (the catalog's tables), not from output.

use std::borrow::Cow;

use numauth::{Action, Actor, AuthOutcome, Carrier, Category, ExtraValue, Source};

mod common;
use common::{cause, extra, n, s, sco};

// ---------------------------------------------------------------------------------------------
// Shape 1: Android onTokenFailed JSON, carrier data as a JSON string.

#[test]
fn android_json_china_mobile_appid_missing() {
    let raw = r#"{"code":"600011","msg":"获取token失败","requestCode":0,"requestId":"0b6f3a1e-77c2","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"}"#;
    let n = n(raw);
    // The top-level code is kept, with its own catalog text...
    assert_eq!(
        (n.source, n.code.as_ref(), n.known),
        (Source::Pns, "600011", true)
    );
    assert!(n.message.unwrap().zh.contains("Token"));
    assert_eq!(n.raw_msg.as_deref(), Some("获取token失败"));
    // ...while the outcome is China Mobile's: the app id is wrong, the developer must fix it.
    let c = cause(&n);
    assert_eq!(
        sco(c),
        s(Source::Cmcc, "103119", AuthOutcome::InvalidConfiguration)
    );
    assert_eq!(c.raw_msg.as_deref(), Some("appid不存在"));
    assert_eq!(c.carrier, Some(Carrier::Cmcc));
    assert_eq!(n.outcome, AuthOutcome::InvalidConfiguration);
    assert_eq!(n.actor, Actor::Developer);
    assert_eq!(n.action, Action::FixConfiguration);
    assert!(!n.retryable);
    assert_eq!(n.category, Category::Failure);
    assert_eq!(n.carrier, Some(Carrier::Cmcc));
    assert_eq!(n.request_id.as_deref(), Some("0b6f3a1e-77c2"));
    // requestCode is kept as the number it was; consumed fields are not repeated.
    assert_eq!(
        extra(&n, "requestCode"),
        Some(&ExtraValue::Json("0".into()))
    );
    assert_eq!(n.extra.len(), 1, "{:?}", n.extra);
}

#[test]
fn android_json_borrows_from_the_input() {
    let raw = r#"{"code":"600011","msg":"获取token失败","requestId":"r1","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103911\",\"desc\":\"token请求过于频繁\"}"}"#;
    let n = n(raw);
    assert!(matches!(n.code, Cow::Borrowed(_)));
    assert!(matches!(n.raw_msg, Some(Cow::Borrowed(_))));
    assert!(matches!(n.request_id, Some(Cow::Borrowed(_))));
    // Even inside the escaped carrier JSON nothing needed unescaping.
    let c = cause(&n);
    assert!(matches!(c.code, Cow::Borrowed(_)));
    assert_eq!(sco(c), s(Source::Cmcc, "103911", AuthOutcome::RateLimited));
    assert_eq!(n.outcome, AuthOutcome::RateLimited);
}

#[test]
fn android_json_china_unicom_and_telecom() {
    let unicom = r#"{"code":"600011","msg":"获取token失败","requestCode":0,"vendorName":"cu_xw","carrierFailedResultData":"{\"resultCode\":\"410004\",\"resultMsg\":\"数据网络未开启\",\"seq\":\"u-1\"}"}"#;
    let n1 = n(unicom);
    assert_eq!(
        sco(cause(&n1)),
        s(Source::Cucc, "410004", AuthOutcome::MobileDataDisabled)
    );
    assert_eq!(cause(&n1).request_id.as_deref(), Some("u-1"));
    assert_eq!(
        (n1.outcome, n1.action, n1.carrier),
        (
            AuthOutcome::MobileDataDisabled,
            Action::EnableMobileData,
            Some(Carrier::Cucc)
        )
    );

    let telecom = r#"{"code":"600011","msg":"获取token失败","vendorName":"ct_sjl","carrierFailedResultData":"{\"result\":-8004,\"msg\":\"移动数据网络未开启\",\"reqId\":\"t-9\"}","requestId":"a"}"#;
    let n2 = n(telecom);
    assert_eq!(
        sco(cause(&n2)),
        s(Source::Ctcc, "-8004", AuthOutcome::MobileDataDisabled)
    );
    assert_eq!(n2.carrier, Some(Carrier::Ctcc));
    assert_eq!(n2.actor, Actor::User);
}

#[test]
fn android_json_success_has_no_cause_and_hides_the_token() {
    let raw = r#"{"code":"600000","msg":"获取token成功","requestCode":0,"token":"eyJhbGciOiJIUzI1NiJ9.payload.sig","vendorName":"cm_zyhl"}"#;
    let n = n(raw);
    assert_eq!(sco(&n), s(Source::Pns, "600000", AuthOutcome::Success));
    assert!(n.root_cause.is_none());
    assert_eq!(n.carrier, Some(Carrier::Cmcc));
    assert_eq!(
        extra(&n, "token"),
        Some(&ExtraValue::Text("<redacted token: 32 chars>".into()))
    );
}

#[test]
fn android_json_unknown_carrier_code_is_kept_without_changing_the_outcome() {
    let raw = r#"{"code":"600011","msg":"获取token失败","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"109999\",\"desc\":\"新错误\"}"}"#;
    let n = n(raw);
    let c = cause(&n);
    assert_eq!(
        (c.source, c.code.as_ref(), c.known),
        (Source::Cmcc, "109999", false)
    );
    assert_eq!(c.outcome, AuthOutcome::Unknown);
    // An unknown cause says nothing: the top level keeps 600011's outcome.
    assert_eq!(n.outcome, AuthOutcome::TokenFailed);
}

// ---------------------------------------------------------------------------------------------
// Shape 2: iOS resultDic as JSON, carrier data as an object, innerCode/innerMsg.

#[test]
fn ios_json_inner_code_and_carrier_object() {
    let raw = r#"{"resultCode":"600011","msg":"获取token失败","requestId":"9a1e44","innerCode":"-10009","innerMsg":"时间戳过期","carrierFailedResultData":{"result":-10009}}"#;
    let n = n(raw);
    assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600011"));
    let c = cause(&n);
    // -10009 is China Telecom's (the `result` key), its message comes from innerMsg.
    assert_eq!(
        sco(c),
        s(Source::Ctcc, "-10009", AuthOutcome::InvalidRequest)
    );
    assert_eq!(c.raw_msg.as_deref(), Some("时间戳过期"));
    assert_eq!(n.outcome, AuthOutcome::InvalidRequest);
    assert_eq!(n.carrier, Some(Carrier::Ctcc));
    assert!(n.extra.is_empty(), "{:?}", n.extra);

    // An inner message that no cause took (the carrier data's own `desc` says it) is kept.
    let raw = r#"{"code":"600011","innerMsg":"sdk note","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"}"#;
    let n = common::n(raw);
    assert_eq!(cause(&n).raw_msg.as_deref(), Some("appid不存在"));
    assert!(
        matches!(extra(&n, "innerMsg"), Some(ExtraValue::Text(t)) if t == "sdk note"),
        "{:?}",
        n.extra
    );
}

#[test]
fn ios_json_inner_code_alone() {
    let unicom =
        n(r#"{"resultCode":"600011","msg":"获取token失败","innerCode":"1","innerMsg":"请求超时"}"#);
    assert_eq!(
        sco(cause(&unicom)),
        s(Source::Cucc, "1", AuthOutcome::Timeout)
    );
    assert_eq!(unicom.outcome, AuthOutcome::Timeout);

    let mobile = n(
        r#"{"resultCode":"600011","msg":"获取token失败","innerCode":"103911","innerMsg":"token请求过于频繁"}"#,
    );
    assert_eq!(
        sco(cause(&mobile)),
        s(Source::Cmcc, "103911", AuthOutcome::RateLimited)
    );
    assert_eq!(mobile.carrier, Some(Carrier::Cmcc));

    let ok = n(r#"{"resultCode":"600000","msg":"获取token成功","token":"abc"}"#);
    assert_eq!(ok.outcome, AuthOutcome::Success);
}

// ---------------------------------------------------------------------------------------------
// Shape 3: iOS NSDictionary description.

#[test]
fn ns_dictionary_from_the_issue() {
    let raw = "resultDic = {\n    msg = \"\\U65e0SIM\\U5361\";\n    requestId = 7c2d91;\n    resultCode = 600007;\n}";
    let n = n(raw);
    assert_eq!(sco(&n), s(Source::Pns, "600007", AuthOutcome::NoSimCard));
    assert_eq!(n.raw_msg.as_deref(), Some("无SIM卡"));
    assert_eq!(n.request_id.as_deref(), Some("7c2d91"));
    assert_eq!(n.actor, Actor::User);
}

#[test]
fn ns_dictionary_with_nested_carrier_dictionary() {
    let raw = "2024-05-01 10:00:00.123 Demo[123:4567] 一键登录失败: {\n    carrierFailedResultData =     {\n        desc = \"appid\\U4e0d\\U5b58\\U5728\";\n        resultCode = 103119;\n    };\n    innerCode = 103119;\n    innerMsg = \"appid\\U4e0d\\U5b58\\U5728\";\n    msg = \"\\U83b7\\U53d6token\\U5931\\U8d25\";\n    requestId = \"A1-B2\";\n    resultCode = 600011;\n}";
    let n = n(raw);
    assert_eq!(n.raw_msg.as_deref(), Some("获取token失败"));
    let c = cause(&n);
    assert_eq!(
        sco(c),
        s(Source::Cmcc, "103119", AuthOutcome::InvalidConfiguration)
    );
    assert_eq!(c.raw_msg.as_deref(), Some("appid不存在"));
    assert_eq!(n.request_id.as_deref(), Some("A1-B2"));
    assert_eq!(n.outcome, AuthOutcome::InvalidConfiguration);
}

#[test]
fn ns_dictionary_mobile_data_and_quotes_in_values() {
    let raw = "{\n    msg = \"\\U8702\\U7a9d\\U7f51\\U7edc\\U672a\\U5f00\\U542f \\\"4G\\\"\";\n    resultCode = 600008;\n}";
    let n = n(raw);
    assert_eq!(
        sco(&n),
        s(Source::Pns, "600008", AuthOutcome::MobileDataDisabled)
    );
    assert_eq!(n.raw_msg.as_deref(), Some("蜂窝网络未开启 \"4G\""));
}

// ---------------------------------------------------------------------------------------------
// Shape 4: Dart/Flutter map print.

#[test]
fn dart_map_from_the_issue() {
    let n = n("{msg: 蜂窝网络未开启, code: 600008, data: null}");
    assert_eq!(
        sco(&n),
        s(Source::Pns, "600008", AuthOutcome::MobileDataDisabled)
    );
    assert_eq!(n.raw_msg.as_deref(), Some("蜂窝网络未开启"));
    assert_eq!(extra(&n, "data"), Some(&ExtraValue::Json("null".into())));
}

#[test]
fn dart_map_values_with_colons_commas_and_nested_json() {
    let raw = r#"I/flutter (12345): {msg: 获取token失败, 请稍后重试: code 未知, code: 600011, requestId: 7f, carrierFailedResultData: {"resultCode":"103119","desc":"appid不存在"}, vendorName: cm_zyhl}"#;
    let n = n(raw);
    assert_eq!(
        n.raw_msg.as_deref(),
        Some("获取token失败, 请稍后重试: code 未知")
    );
    assert_eq!(
        sco(cause(&n)),
        s(Source::Cmcc, "103119", AuthOutcome::InvalidConfiguration)
    );
    assert_eq!(n.request_id.as_deref(), Some("7f"));
    assert_eq!(n.carrier, Some(Carrier::Cmcc));
}

#[test]
fn dart_map_cancel_and_nested_map() {
    let n1 = n("{code: 700000, msg: 用户取消操作, data: {phone: null}}");
    assert_eq!(
        sco(&n1),
        s(Source::Pns, "700000", AuthOutcome::UserCancelled)
    );
    assert_eq!(n1.category, Category::Cancelled);
    assert_eq!(extra(&n1, "data").unwrap().as_str(), "{phone: null}");

    let n2 = n("{code: 600011, msg: 获取token失败, carrierFailedResultData: {resultCode: 103911, desc: token请求过于频繁}}");
    assert_eq!(n2.outcome, AuthOutcome::RateLimited);
}

// ---------------------------------------------------------------------------------------------
// Shape 5: Java toString.

#[test]
fn java_to_string_from_the_issue() {
    let raw = "TokenRet{vendorName='cu_xw', code='600011', msg='获取token失败', carrierFailedResultData='{\"resultCode\":\"1\",\"resultMsg\":\"请求超时\"}', requestId=5e0c11, requestCode=0, token='null'}";
    let n = n(raw);
    assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600011"));
    let c = cause(&n);
    assert_eq!(sco(c), s(Source::Cucc, "1", AuthOutcome::Timeout));
    assert_eq!(c.raw_msg.as_deref(), Some("请求超时"));
    assert_eq!(
        (n.outcome, n.carrier),
        (AuthOutcome::Timeout, Some(Carrier::Cucc))
    );
    assert_eq!(n.request_id.as_deref(), Some("5e0c11"));
    // A null token is not a credential: kept as it is.
    assert_eq!(extra(&n, "token"), Some(&ExtraValue::Text("null".into())));
}

#[test]
fn java_to_string_with_quotes_commas_and_a_real_token() {
    let raw = "onTokenSuccess ret = TokenRet{vendorName='ct_sjl', code='600000', msg='it's ok, really', carrierFailedResultData='', requestId=null, requestCode=0, token='STsid00000016807b'}";
    let n = n(raw);
    assert_eq!(sco(&n), s(Source::Pns, "600000", AuthOutcome::Success));
    assert_eq!(n.raw_msg.as_deref(), Some("it's ok, really"));
    assert_eq!(n.request_id, None);
    assert_eq!(n.carrier, Some(Carrier::Ctcc));
    assert_eq!(
        extra(&n, "token"),
        Some(&ExtraValue::Text("<redacted token: 17 chars>".into()))
    );
}

#[test]
fn java_to_string_telecom_cause() {
    let raw = "TokenRet{vendorName='ct_sjl', code='600011', msg='获取token失败', carrierFailedResultData='{\"result\":80000,\"msg\":\"请求超时\",\"reqId\":\"x\"}', requestId=1, requestCode=0, token='null'}";
    let n = n(raw);
    assert_eq!(
        sco(cause(&n)),
        s(Source::Ctcc, "80000", AuthOutcome::Timeout)
    );
    assert_eq!(n.outcome, AuthOutcome::Timeout);
}

// ---------------------------------------------------------------------------------------------
// Shape 6: log text around a payload, and text naming inner codes.

#[test]
fn log_text_around_payloads() {
    let n1 = n(
        r#"2024-05-01 12:00:01.002 E/AuthSDK: onTokenFailed: {"code":"600008","msg":"蜂窝网络未开启"} (attempt 2)"#,
    );
    assert_eq!(n1.outcome, AuthOutcome::MobileDataDisabled);
    let n2 = n(r#"Error: {"code":"600012","msg":"预取号失败"}"#);
    assert_eq!(sco(&n2), s(Source::Pns, "600012", AuthOutcome::TokenFailed));
    // Other braces before the payload are skipped.
    let n3 = n(r#"[main] {pid=42} result: {"code":"700000","msg":"用户取消操作"}"#);
    assert_eq!(n3.outcome, AuthOutcome::UserCancelled);
    // A JSON string in the log (its brace right after a quote) is unescaped and read...
    let n4 = n(r#"onTokenFailed: "{\"code\":\"600011\",\"requestId\":\"r-9\"}" (retry)"#);
    assert_eq!(
        (n4.code.as_ref(), n4.request_id.as_deref()),
        ("600011", Some("r-9"))
    );
    // ...but an object that is not in a string keeps its backslashes as written, whether it
    // comes after other text or after a `(`.
    for raw in [
        r#"TokenRet{code=600011, msg=a \"b\" c, requestId=r1}"#,
        r#"E/SDK(12): {code: 600011, msg: a \"b\" c, requestId: r1}"#,
    ] {
        let n5 = n(raw);
        assert_eq!(n5.raw_msg.as_deref(), Some(r#"a \"b\" c"#), "{raw}");
        assert_eq!(n5.request_id.as_deref(), Some("r1"), "{raw}");
    }
}

#[test]
fn text_naming_codes() {
    let n1 = n("vendorCode:103911, msg:token请求过于频繁");
    assert_eq!(
        sco(&n1),
        s(Source::Cmcc, "103911", AuthOutcome::RateLimited)
    );
    assert_eq!(n1.raw_msg.as_deref(), Some("token请求过于频繁"));
    assert_eq!(n1.carrier, Some(Carrier::Cmcc));

    let n2 = n("code:1105msg:参数信息错误");
    assert_eq!(
        sco(&n2),
        s(Source::Cucc, "1105", AuthOutcome::InvalidRequest)
    );
    assert_eq!(n2.raw_msg.as_deref(), Some("参数信息错误"));

    let n3 = n("result code:410004 msg:数据网络未开启");
    assert_eq!(
        sco(&n3),
        s(Source::Cucc, "410004", AuthOutcome::MobileDataDisabled)
    );

    let n4 = n("E/PNS: code=600011 msg=获取token失败 vendorCode=103119 msg=appid不存在");
    assert_eq!((n4.source, n4.code.as_ref()), (Source::Pns, "600011"));
    assert_eq!(
        sco(cause(&n4)),
        s(Source::Cmcc, "103119", AuthOutcome::InvalidConfiguration)
    );
}

#[test]
fn codes_named_inside_the_message_become_the_cause() {
    let n1 =
        n(r#"{"code":"600011","msg":"获取token失败vendorCode:103911, msg:token请求过于频繁"}"#);
    assert_eq!(
        sco(cause(&n1)),
        s(Source::Cmcc, "103911", AuthOutcome::RateLimited)
    );
    assert_eq!(n1.outcome, AuthOutcome::RateLimited);

    let n2 = n(
        r#"{"code":"600011","msg":"获取token失败(code:1105msg:参数信息错误)","vendorName":"cu_xw"}"#,
    );
    assert_eq!(
        sco(cause(&n2)),
        s(Source::Cucc, "1105", AuthOutcome::InvalidRequest)
    );

    let n3 = n(r#"{"code":"600011","msg":"result code:410004 msg:数据网络未开启"}"#);
    assert_eq!(
        sco(cause(&n3)),
        s(Source::Cucc, "410004", AuthOutcome::MobileDataDisabled)
    );

    // A message naming the callback's own code is no cause.
    let n4 = n(r#"{"code":"600011","msg":"code:600011 获取token失败"}"#);
    assert!(n4.root_cause.is_none());
}

// ---------------------------------------------------------------------------------------------
// Shape 7: carrier SDK results.

#[test]
fn china_mobile_results() {
    let ok = n(
        r#"{"resultCode":"103000","desc":"成功","authType":"4","authTypeDes":"网关鉴权","token":"STsid0000001abcdef","traceId":"tr-1"}"#,
    );
    assert_eq!(sco(&ok), s(Source::Cmcc, "103000", AuthOutcome::Success));
    assert_eq!(ok.carrier, Some(Carrier::Cmcc));
    assert_eq!(
        extra(&ok, "token").unwrap().as_str(),
        "<redacted token: 18 chars>"
    );
    assert_eq!(extra(&ok, "traceId").unwrap().as_str(), "tr-1");

    let bad = n(r#"{"resultCode":"103119","desc":"appid不存在"}"#);
    assert_eq!(
        sco(&bad),
        s(Source::Cmcc, "103119", AuthOutcome::InvalidConfiguration)
    );
    let timeout = n(r#"{"resultCode":"102507","desc":"请求超时"}"#);
    assert_eq!(timeout.outcome, AuthOutcome::Timeout);
}

#[test]
fn china_unicom_results() {
    let n1 = n(r#"{"resultCode":410004,"resultMsg":"数据网络未开启","seq":"6f1e"}"#);
    assert_eq!(
        sco(&n1),
        s(Source::Cucc, "410004", AuthOutcome::MobileDataDisabled)
    );
    assert_eq!(n1.request_id.as_deref(), Some("6f1e"));
    assert_eq!(n1.carrier, Some(Carrier::Cucc));
    // 100 is success in the Unicom SDK table, 参数校验失败 in the H5/gateway one: `seq` says SDK.
    let n2 =
        n(r#"{"resultCode":100,"resultMsg":"成功","resultData":{"accessCode":"x"},"seq":"1"}"#);
    assert_eq!(sco(&n2), s(Source::Cucc, "100", AuthOutcome::Success));
    let n3 = n(r#"{"resultCode":410000,"resultMsg":"请求超时","seq":"2"}"#);
    assert_eq!(n3.outcome, AuthOutcome::Timeout);
}

#[test]
fn china_telecom_results() {
    let n1 = n(r#"{"result":-8004,"msg":"移动数据网络未开启","reqId":"ct-77"}"#);
    assert_eq!(
        sco(&n1),
        s(Source::Ctcc, "-8004", AuthOutcome::MobileDataDisabled)
    );
    assert_eq!(n1.request_id.as_deref(), Some("ct-77"));
    assert_eq!(n1.carrier, Some(Carrier::Ctcc));
    // 0 is known to fusion, Unicom, Telecom and IDaaS: `result` + `reqId` say Telecom.
    let n2 = n(
        r#"{"result":0,"msg":"成功","reqId":"ct-78","data":{"accessCode":"nm","operatorType":"CT"}}"#,
    );
    assert_eq!(sco(&n2), s(Source::Ctcc, "0", AuthOutcome::Success));
    // -10008 is Unicom's JSON error but Telecom's threshold: the keys decide.
    let n3 = n(r#"{"result":-10008,"msg":"超过预设取号阈值","reqId":"r"}"#);
    assert_eq!(
        sco(&n3),
        s(Source::Ctcc, "-10008", AuthOutcome::RateLimited)
    );
}

// ---------------------------------------------------------------------------------------------
// Shape 8: fusion events.
