//! `normalize` on the other sources and rules: fusion, IDaaS, carrier aliases, China Unicom's
//! `1` + message, NFKC (Kangxi radicals), JSON held in strings, broken JSON, unknown codes,
//! Dypnsapi, hints, limits, redaction, serialisation and typed callbacks.
//!
//! Expected outcomes come from what the codes mean (the catalog's tables), not from output.

use std::borrow::Cow;

use numauth::{
    normalize, normalize_callback, normalize_with, AuthOutcome, Callback, Carrier, ExtraValue,
    Hint, Lang, Normalized, ParseError, Platform, Shape, Source, MAX_DEPTH, MAX_INPUT_BYTES,
};
use serde_json::json;

mod common;
use common::{cause, extra, n, s, sco};

#[test]
fn fusion_event_from_the_issue() {
    let raw = r#"{"resultCode":"400007","resultMsg":"一键登录获取Token失败","innerCode":"1600011","innerMsg":"获取token失败","templateId":"tpl_login_01","nodeId":"node_onetap"}"#;
    let n = n(raw);
    assert_eq!(
        sco(&n),
        s(Source::Fusion, "400007", AuthOutcome::TokenFailed)
    );
    // The inner one-tap code is PNS 600011 + 1000000, in fusion's own table.
    let c = cause(&n);
    assert_eq!(
        sco(c),
        s(Source::Fusion, "1600011", AuthOutcome::TokenFailed)
    );
    assert_eq!(c.raw_msg.as_deref(), Some("获取token失败"));
    assert_eq!(extra(&n, "templateId").unwrap().as_str(), "tpl_login_01");
    assert_eq!(extra(&n, "nodeId").unwrap().as_str(), "node_onetap");
}

#[test]
fn fusion_keeps_the_deepest_known_cause() {
    let raw = r#"{"resultCode":"400007","resultMsg":"一键登录获取Token失败","innerCode":"1600011","innerMsg":"获取token失败","carrierFailedResultData":"{\"resultCode\":\"103911\",\"desc\":\"token请求过于频繁\"}","templateId":"t","nodeId":"n"}"#;
    let n = n(raw);
    let one_tap = cause(&n);
    assert_eq!(one_tap.code, "1600011");
    assert_eq!(
        sco(cause(one_tap)),
        s(Source::Cmcc, "103911", AuthOutcome::RateLimited)
    );
    assert_eq!(n.outcome, AuthOutcome::RateLimited);
    assert_eq!(n.deepest_cause().code, "103911");
    assert_eq!(n.carrier, Some(Carrier::Cmcc));

    // The one-tap SDK's whole callback inside innerMsg nests further.
    let raw = r#"{"resultCode":"400007","innerCode":"1600011","innerMsg":"{\"code\":\"600011\",\"vendorName\":\"ct_sjl\",\"carrierFailedResultData\":\"{\\\"result\\\":-8004}\"}","templateId":"t","nodeId":"n"}"#;
    let nested = normalize(raw).unwrap();
    assert_eq!(
        sco(nested.deepest_cause()),
        s(Source::Ctcc, "-8004", AuthOutcome::MobileDataDisabled)
    );
    assert_eq!(nested.outcome, AuthOutcome::MobileDataDisabled);
}

#[test]
fn fusion_inner_codes_and_shared_numbers() {
    let n1 = n(
        r#"{"resultCode":"400007","innerCode":"1600008","innerMsg":"蜂窝网络未开启","templateId":"t","nodeId":"n"}"#,
    );
    assert_eq!(n1.outcome, AuthOutcome::MobileDataDisabled);
    // An inner code fusion's table lacks resolves as the PNS code it is (+ 1000000).
    let n2 = n(r#"{"resultCode":"400007","innerCode":"1600005","templateId":"t","nodeId":"n"}"#);
    assert_eq!(
        (cause(&n2).source, cause(&n2).code.as_ref()),
        (Source::Pns, "600005")
    );
    // 600001 is a PNS page event but a fusion SMS event: the fusion keys decide.
    let n3 = n(r#"{"resultCode":"600001","resultMsg":"x","templateId":"t","nodeId":"n"}"#);
    assert_eq!(
        sco(&n3),
        s(Source::Fusion, "600001", AuthOutcome::FlowProgress)
    );
    let n4 = n(r#"{"code":"600001","msg":"唤起授权页成功"}"#);
    assert_eq!(
        sco(&n4),
        s(Source::Pns, "600001", AuthOutcome::AuthPageShown)
    );
    // 410009: a fusion click, or a China Unicom SDK code.
    let n5 =
        n(r#"{"resultCode":"410009","resultMsg":"切换其他方式","templateId":"t","nodeId":"n"}"#);
    assert_eq!(
        sco(&n5),
        s(Source::Fusion, "410009", AuthOutcome::UserSwitchedMethod)
    );
    let n6 = n(r#"{"resultCode":410009,"resultMsg":"no this type","seq":"s"}"#);
    assert_eq!(n6.source, Source::Cucc);
}

// ---------------------------------------------------------------------------------------------
// Shape 9: IDaaS.

#[test]
fn idaas_sdk_callbacks() {
    let ok = n(
        r#"{"code":"0","data":{"session_token":"st-0123456789","id_token":"eyJraWQiOiJ4In0.e30.sig"}}"#,
    );
    assert_eq!(sco(&ok), s(Source::IdaasSdk, "0", AuthOutcome::Success));
    let data = extra(&ok, "data").unwrap().to_json();
    assert_eq!(
        data,
        json!({"session_token": "<redacted token: 13 chars>", "id_token": "<redacted token: 23 chars>"})
    );

    let failed = n(r#"{"code":"1","data":"domain or clientID not set"}"#);
    assert_eq!(
        (failed.source, failed.code.as_ref(), failed.known),
        (Source::IdaasSdk, "1", true)
    );
    assert_eq!(
        failed.raw_msg.as_deref(),
        Some("domain or clientID not set")
    );

    let expired = n(r#"{"code":"106","data":"Time expired"}"#);
    assert_eq!(
        sco(&expired),
        s(Source::IdaasSdk, "106", AuthOutcome::TokenInvalid)
    );

    // The same callback passes PNS codes through.
    let pns = n(r#"{"code":"600008","data":"蜂窝网络未开启"}"#);
    assert_eq!(
        sco(&pns),
        s(Source::Pns, "600008", AuthOutcome::MobileDataDisabled)
    );
}

fn idaas(code: &str, msg: &str) -> Normalized<'static> {
    let raw = json!({"error_code": code, "error_msg": msg}).to_string();
    normalize(&raw).unwrap().into_owned()
}

#[test]
fn idaas_templates_fill_params() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("IDAAS.SDK.COMMON.1001", "参数mobile不能为空", &["mobile"]),
        (
            "IDAAS.SDK.COMMON.1001",
            "Parameter client_id cannot be left blank",
            &["client_id"],
        ),
        ("IDAAS.SDK.COMMON.1002", "参数phone格式错误", &["phone"]),
        (
            "IDAAS.SDK.COMMON.1002",
            "The phone_number parameter format is incorrect",
            &["phone_number"],
        ),
        (
            "IDAAS.SDK.COMMON.1005",
            "session_token已失效",
            &["session_token"],
        ),
        (
            "IDAAS.SDK.COMMON.1005",
            "The state_token has failed",
            &["state_token"],
        ),
        (
            "IDAAS.SDK.COMMON.1006",
            "grant_type参数错误",
            &["grant_type"],
        ),
        ("IDAAS.SDK.COMMON.1007", "expires参数类型错误", &["expires"]),
        (
            "IDAAS.SDK.LOGIN.1001",
            "调用接口getMobile出错",
            &["getMobile"],
        ),
        (
            "IDAAS.SDK.LOGIN.1001",
            "Error calling interface /api/v2/mobile",
            &["/api/v2/mobile"],
        ),
        (
            "IDAAS.SDK.LOGIN.1003",
            "用户因多次登录失败已被锁定，将在4分30秒后解锁",
            &["4", "30"],
        ),
        (
            "IDAAS.SDK.LOGIN.1005",
            "用户名或密码错误，剩余登录次数：3",
            &["3"],
        ),
        (
            "IDAAS.SDK.SMS.1001",
            "slide滑块底图初始化失败，请检查路径",
            &["slide"],
        ),
        (
            "IDAAS.SDK.SMS.1002",
            "captcha验证码坐标解析失败",
            &["captcha"],
        ),
        (
            "IDAAS.SDK.SMS.1003",
            "The captcha verification code coordinate verification fails",
            &["The captcha"],
        ),
    ];
    for &(code, msg, values) in cases {
        let n = idaas(code, msg);
        assert_eq!((n.source, n.known), (Source::Idaas, true), "{code}");
        let params = n
            .params
            .unwrap_or_else(|| panic!("{code} {msg}: no params"));
        assert_eq!(params.values, values, "{code} {msg}");
    }
}

#[test]
fn idaas_typed_params() {
    let locked = idaas(
        "IDAAS.SDK.LOGIN.1003",
        "用户因多次登录失败已被锁定，将在14分5秒后解锁",
    );
    assert_eq!(locked.outcome, AuthOutcome::AccountLocked);
    let p = locked.params.unwrap();
    assert_eq!(
        (p.lock_minutes, p.lock_seconds, p.attempts_left),
        (Some(14), Some(5), None)
    );

    let locked_en = idaas("IDAAS.SDK.LOGIN.1003", "The user has been locked due to too many unsuccessful login attempts. It will be unlocked in 2 minutes and 59 seconds.");
    let p = locked_en.params.unwrap();
    assert_eq!((p.lock_minutes, p.lock_seconds), (Some(2), Some(59)));

    let wrong = idaas(
        "IDAAS.SDK.LOGIN.1005",
        "Invalid username or password. Remaining login attempts: 4",
    );
    assert_eq!(wrong.outcome, AuthOutcome::InvalidCredentials);
    let p = wrong.params.unwrap();
    assert_eq!((p.attempts_left, p.lock_minutes), (Some(4), None));
    // Full-width text is NFKC-normalised before matching.
    let wide = idaas("IDAAS.SDK.LOGIN.1005", "用户名或密码错误，剩余登录次数：２");
    assert_eq!(wide.params.unwrap().attempts_left, Some(2));

    // No template, or a message that does not fit it: no params, the code still counts.
    assert_eq!(idaas("IDAAS.SDK.LOGIN.1002", "用户未绑定").params, None);
    let odd = idaas("IDAAS.SDK.LOGIN.1005", "密码错误");
    assert_eq!(
        (odd.params, odd.outcome),
        (None, AuthOutcome::InvalidCredentials)
    );
}

// ---------------------------------------------------------------------------------------------
// Carrier aliases.

#[test]
fn every_carrier_alias() {
    let aliases = [
        ("cm_zyhl", Some(Carrier::Cmcc)),
        ("CMCC", Some(Carrier::Cmcc)),
        ("CM", Some(Carrier::Cmcc)),
        ("移动", Some(Carrier::Cmcc)),
        ("cu_xw", Some(Carrier::Cucc)),
        ("CUCC", Some(Carrier::Cucc)),
        ("CU", Some(Carrier::Cucc)),
        ("联通", Some(Carrier::Cucc)),
        ("ct_sjl", Some(Carrier::Ctcc)),
        ("CTCC", Some(Carrier::Ctcc)),
        ("CT", Some(Carrier::Ctcc)),
        ("电信", Some(Carrier::Ctcc)),
        ("unknown", None),
    ];
    for (alias, carrier) in aliases {
        assert_eq!(Carrier::from_alias(alias), carrier, "{alias}");
        assert_eq!(
            Carrier::from_alias(&alias.to_lowercase()),
            carrier,
            "{alias}"
        );
        // -10008 means one thing to Unicom, another to Telecom, nothing to Mobile: the alias
        // decides the namespace.
        let raw = json!({"code": "600011", "msg": "获取token失败", "vendorName": alias, "carrierFailedResultData": "{\"resultCode\":\"-10008\"}"}).to_string();
        let n = normalize(&raw).unwrap();
        let c = cause(&n);
        match carrier {
            Some(Carrier::Cmcc) => {
                assert_eq!((c.source, c.known), (Source::Cmcc, false), "{alias}")
            }
            Some(Carrier::Cucc) => assert_eq!(
                sco(c),
                s(Source::Cucc, "-10008", AuthOutcome::SdkError),
                "{alias}"
            ),
            Some(Carrier::Ctcc) => assert_eq!(
                sco(c),
                s(Source::Ctcc, "-10008", AuthOutcome::RateLimited),
                "{alias}"
            ),
            None => {
                // No carrier named: the best-ranked carrier knowing the code; the alias is kept.
                assert_eq!(c.source, Source::Cucc);
                assert_eq!(extra(&n, "vendorName").unwrap().as_str(), "unknown");
            }
        }
        assert_eq!(n.carrier, carrier.or(Some(Carrier::Cucc)), "{alias}");
        if let Some(carrier) = carrier {
            assert_eq!(Carrier::from_source(carrier.source()), Some(carrier));
        }
    }
    assert_eq!(Carrier::from_alias("vodafone"), None);
    assert_eq!(Carrier::from_alias(""), None);
}

// ---------------------------------------------------------------------------------------------
// China Unicom `1` + message, and NFKC.

#[test]
fn unicom_code_one_is_keyed_by_its_message() {
    let cases = [
        ("请求超时", AuthOutcome::Timeout),
        ("移动网络未开启", AuthOutcome::MobileDataDisabled),
        ("1, Request TIMEOUT", AuthOutcome::Timeout),
        ("获得的手机授权码失败", AuthOutcome::Timeout),
    ];
    for (msg, outcome) in cases {
        let raw = json!({"resultCode": 1, "resultMsg": msg, "seq": "s"}).to_string();
        let n = normalize(&raw).unwrap();
        assert_eq!(sco(&n), s(Source::Cucc, "1", outcome), "{msg}");
        assert_eq!(n.raw_msg.as_deref(), Some(msg));
    }
    // A message no row knows: the generic "see the message" row, still known.
    let n1 = n(r#"{"resultCode":"1","resultMsg":"something new","seq":"s"}"#);
    assert_eq!(sco(&n1), s(Source::Cucc, "1", AuthOutcome::TokenFailed));
    assert!(n1.entry().unwrap().match_text(Lang::Zh).is_none());
    // And under PNS, as the carrier data.
    let n2 = n(
        r#"{"code":"600011","vendorName":"cu_xw","carrierFailedResultData":"{\"resultCode\":\"1\",\"resultMsg\":\"移动网络未开启\"}"}"#,
    );
    assert_eq!(n2.outcome, AuthOutcome::MobileDataDisabled);
    // Code 2 too.
    let n3 = n(r#"{"resultCode":"2","resultMsg":"请求超时","seq":"s"}"#);
    assert_eq!(sco(&n3), s(Source::Cucc, "2", AuthOutcome::Timeout));
}

#[test]
fn kangxi_radicals_and_full_width_text_match_after_nfkc() {
    // U+2F3F KANGXI RADICAL HAND stands where 手 should be.
    let raw = "{\"resultCode\":1,\"resultMsg\":\"获得的\u{2F3F}机授权码失败\",\"seq\":\"k\"}";
    let n1 = n(raw);
    assert_eq!(n1.outcome, AuthOutcome::Timeout);
    // The message is reported as received.
    assert_eq!(n1.raw_msg.as_deref(), Some("获得的\u{2F3F}机授权码失败"));
    // Full-width letters.
    let n2 = n("{\"code\":\"600011\",\"vendorName\":\"cu_xw\",\"carrierFailedResultData\":\"{\\\"resultCode\\\":1,\\\"resultMsg\\\":\\\"ＲＥＳＰＯＮＳＥ ＮＵＬＬ\\\"}\"}");
    assert_eq!(
        cause(&n2).entry().unwrap().match_text(Lang::En),
        Some("response null")
    );
    // A full-width colon in a message naming a code.
    let n3 = n("{\"code\":\"600011\",\"msg\":\"获取token失败 vendorCode：103911\"}");
    assert_eq!(
        sco(cause(&n3)),
        s(Source::Cmcc, "103911", AuthOutcome::RateLimited)
    );
}

// ---------------------------------------------------------------------------------------------
// JSON held in strings.

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
// Limits and errors.

#[test]
fn errors_say_why() {
    assert_eq!(normalize(""), Err(ParseError::Empty));
    assert_eq!(normalize(" \n\t"), Err(ParseError::Empty));
    assert_eq!(normalize("\"\""), Err(ParseError::Empty));
    let cases = [
        (r#"{"msg":"获取token失败"}"#, Shape::Json),
        ("resultDic = {\n    msg = \"x\";\n}", Shape::NsDictionary),
        ("{msg: 获取token失败, data: null}", Shape::DartMap),
        ("TokenRet{msg='x', token='null'}", Shape::JavaToString),
        ("onTokenFailed: something went wrong", Shape::Text),
    ];
    for (raw, shape) in cases {
        let err = normalize(raw).unwrap_err();
        assert_eq!(err, ParseError::NoCode { shape }, "{raw}");
        let text = err.to_string();
        assert!(
            text.contains(shape.describe()) && text.contains("code"),
            "{text}"
        );
    }
    assert!(ParseError::Empty.to_string().contains("pass the callback"));
}

#[test]
fn input_size_limit() {
    let body = r#"{"code":"600008","pad":""}"#;
    let fill = MAX_INPUT_BYTES - body.len();
    let exact = format!(r#"{{"code":"600008","pad":"{}"}}"#, "x".repeat(fill));
    assert_eq!(exact.len(), MAX_INPUT_BYTES);
    assert_eq!(normalize(&exact).unwrap().code, "600008");
    let over = format!("{exact} ");
    let err = normalize(&over).unwrap_err();
    assert_eq!(
        err,
        ParseError::TooLarge {
            len: MAX_INPUT_BYTES + 1,
            max: MAX_INPUT_BYTES
        }
    );
    assert!(err.to_string().contains("one callback at a time"));
}

#[test]
fn nesting_depth_limit() {
    let nested = |depth: usize| {
        format!(
            r#"{{"code":"600008","x":{}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        )
    };
    // The object itself is one level.
    assert!(normalize(&nested(MAX_DEPTH - 1)).is_ok());
    assert_eq!(
        normalize(&nested(MAX_DEPTH)),
        Err(ParseError::TooDeep { max: MAX_DEPTH })
    );
    // A string holding the payload counts as a level too.
    let in_string = |depth: usize| serde_json::to_string(&nested(depth)).unwrap();
    assert!(normalize(&in_string(MAX_DEPTH - 2)).is_ok());
    assert_eq!(
        normalize(&in_string(MAX_DEPTH - 1)),
        Err(ParseError::TooDeep { max: MAX_DEPTH })
    );
    assert!(ParseError::TooDeep { max: MAX_DEPTH }
        .to_string()
        .contains("deeper"));
}

// ---------------------------------------------------------------------------------------------
// Redaction.

#[test]
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
}

// ---------------------------------------------------------------------------------------------
// Serialisation and the typed entry point.

#[test]
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

    // An empty code is kept, unknown.
    let n = normalize_callback(&Callback::default(), Hint::default());
    assert_eq!((n.code.as_ref(), n.known), ("", false));
}

#[test]
fn every_catalog_code_resolves_as_lookup_says() {
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
        }
    }
}

#[test]
fn idaas_params_read_full_width_digits() {
    // The template matches the message as written; the value is then NFKC-normalised.
    let n = idaas("IDAAS.SDK.LOGIN.1005", "用户名或密码错误，剩余登录次数：３");
    let params = n.params.unwrap();
    assert_eq!(params.attempts_left, Some(3));
    assert_eq!(params.values, ["3"]);
    // A message that only matches once both sides are normalised still fills.
    let n = idaas("IDAAS.SDK.LOGIN.1005", "用户名或密码错误,剩余登录次数:2");
    assert_eq!(n.params.unwrap().attempts_left, Some(2));
}
