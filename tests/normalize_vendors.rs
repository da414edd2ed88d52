//! Normaliser v2 on payloads of every vendor and of the shapes that used to go wrong, written
//! for these tests. Each row states what a support engineer reads: source, code, category,
//! actor, carrier, request id and the root cause chain.

use numauth::{normalize, Actor, Carrier, Category, ExtraValue, Source};

mod common;
use common::{check_want as check, Want};

use Category::{Cancelled, Failure, Success};

#[test]
fn an_inner_code_written_inside_a_carrier_message() {
    let unicom = r#"{"resultCode":"410002","resultMsg":"code:1105msg:参数信息错误[apiKey有误]","seq":"u-1"}"#;
    let want = Want {
        source: Source::Cucc,
        code: "410002",
        category: Failure,
        actor: Actor::Developer,
        carrier: Some(Carrier::Cucc),
        request_id: Some("u-1"),
        causes: &[(Source::Cucc, "1105", true)],
    };
    check(unicom, &want);
    // The same result as the carrier data of a PNS callback.
    let pns = r#"{"code":"600025","msg":"终端检测参数错误","vendorName":"cu_xw","requestId":"p-2","carrierFailedResultData":"{\"resultCode\":\"410002\",\"resultMsg\":\"code:1105msg:参数信息错误\"}"}"#;
    let want = Want {
        source: Source::Pns,
        code: "600025",
        request_id: Some("p-2"),
        causes: &[(Source::Cucc, "410002", true), (Source::Cucc, "1105", true)],
        ..want
    };
    check(pns, &want);
    // The same as iOS's flat `innerCode` and `innerMsg` (a red-team find: the chain stopped at
    // 410002, a vendor's server error, and the apiKey advice never came).
    let flat = r#"{"code":"600025","msg":"终端检测参数错误","vendorName":"cu_xw","requestId":"p-2","innerCode":"410002","innerMsg":"code:1105msg:参数信息错误[apiKey有误]"}"#;
    check(flat, &want);
    let n = normalize(flat).unwrap();
    assert_eq!(
        n.advice.as_ref().map(|a| a.id.as_ref()),
        Some("unicom_api_key_mismatch"),
        "{n:?}"
    );
}

#[test]
fn java_and_kotlin_prints_with_odd_values() {
    let base = Want {
        source: Source::Pns,
        code: "600011",
        category: Failure,
        actor: Actor::User,
        carrier: Some(Carrier::Cmcc),
        request_id: Some("7f3e-01"),
        causes: &[],
    };
    let unicom = Want {
        code: "600012",
        carrier: Some(Carrier::Cucc),
        causes: &[(Source::Cucc, "1", true)],
        ..base
    };
    // A value that is one stray quote; the fields after it still count.
    check("TokenRet{vendorName='cm_zyhl', code='600011', msg='获取token失败', carrierFailedResultData=', requestId='7f3e-01', innerCode='null'}", &base);
    // A value holding = and quotes, and a trailing quote after the last value.
    check("TokenRet{msg='token=abc 'x' failed', code='600011', vendorName='CMCC', requestId='7f3e-01''}", &base);
    // The SDK's own `toString`, which closes values it never opened: `carrierFailedResultData=`
    // + data + `', requestId=` + id + `', requestCode=`. The id is the id, without the quote.
    check("TokenRet{vendorName='cm_zyhl', code='600011', msg='获取token失败', carrierFailedResultData=', requestId=7f3e-01', requestCode=0, token='null'}", &base);
    check(
        r#"TokenRet{vendorName='cu_xw', code='600012', msg='预取号失败', carrierFailedResultData={"resultCode":"1","resultMsg":"请求超时"}', requestId=7f3e-01', requestCode=0}"#,
        &unicom,
    );
    // Kotlin data class, carrier data as JSON inside it.
    check(
        r#"TokenRet(vendorName=cu_xw, code=600012, msg=预取号失败, carrierFailedResultData={"resultCode":"1","resultMsg":"请求超时"}, requestId=7f3e-01)"#,
        &unicom,
    );
}

#[test]
fn maps_and_objects_holding_a_whole_callback() {
    let want = Want {
        source: Source::Pns,
        code: "600012",
        category: Failure,
        actor: Actor::User,
        carrier: Some(Carrier::Ctcc),
        request_id: Some("rq-9"),
        causes: &[],
    };
    check(
        r#"{msg: 授权页唤起失败, code: {"code":"600012","msg":"预取号失败","requestId":"rq-9","vendorName":"ct_sjl"}}"#,
        &want,
    );
    check(
        r#"{"u":{"t":1,"failRet":"{\"code\":\"600012\",\"msg\":\"预取号失败\",\"requestId\":\"rq-9\",\"vendorName\":\"CT\"}"}}"#,
        &want,
    );
    check(
        r#"{"data":{"code":"600012","requestId":"rq-9","vendorName":"中国电信"}}"#,
        &want,
    );
}

#[test]
fn a_monitor_upload_gives_the_app_code_with_the_carrier_result_under_it() {
    // The PNS SDK's upload: `authSdkCode` is what the app was given; `failRet` repeats the
    // carrier's result, which `carrierFailedResultData` holds in full.
    let raw = r#"{"u":{"wholeMS":"312","authSdkCode":"600025","carrierFailedResultData":"{\"resultCode\":410002,\"resultMsg\":\"code:1105msg:参数信息错误[apiKey有误]\",\"seq\":\"5e2a\"}","failRet":"{\"msg\":\"code:1105msg:参数信息错误[apiKey有误]\",\"code\":\"410002\"}","isSuccess":"false","requestId":"m-77"}}"#;
    check(
        raw,
        &Want {
            source: Source::Pns,
            code: "600025",
            category: Failure,
            actor: Actor::Developer,
            carrier: Some(Carrier::Cucc),
            request_id: Some("m-77"),
            causes: &[(Source::Cucc, "410002", true), (Source::Cucc, "1105", true)],
        },
    );
    let advice = normalize(raw)
        .unwrap()
        .advice
        .expect("China Unicom's key advice");
    assert_eq!(advice.id, "unicom_api_key_mismatch");
}

#[test]
fn a_carrier_result_keeps_the_inner_code_and_data_it_does_not_read() {
    let raw = r#"{"code":"600011","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\",\"innerCode\":\"i-7\",\"innerMsg\":\"m-7\"}"}"#;
    let n = normalize(raw).unwrap();
    let c = n.root_cause.as_ref().unwrap();
    assert_eq!((c.source, c.code.as_ref()), (Source::Cmcc, "103119"));
    assert_eq!(
        c.extra.get("innerCode"),
        Some(&ExtraValue::Text("i-7".into()))
    );
    assert_eq!(
        c.extra.get("innerMsg"),
        Some(&ExtraValue::Text("m-7".into()))
    );
}

#[test]
fn onelogin_success_is_not_read_as_fusion() {
    let want = Want {
        source: Source::Onelogin,
        code: "0",
        category: Success,
        actor: Actor::None,
        carrier: Some(Carrier::Ctcc),
        request_id: Some("9b0e51c2"),
        causes: &[],
    };
    // iOS (`processID`) and Android (`process_id`).
    check(
        r#"{"operatorType":"CT","processID":"9b0e51c2","errorCode":"0","msg":"获取accessCode成功","status":200,"expire_time":600}"#,
        &want,
    );
    check(
        r#"{"status":200,"errorCode":"0","msg":"获取accessCode成功","process_id":"9b0e51c2","operatorType":"CT"}"#,
        &want,
    );
    // Without OneLogin's keys, 0 is still read in the best-ranked table that has it.
    assert_eq!(
        normalize(r#"{"code":"0","msg":"成功"}"#).unwrap().source,
        Source::Fusion
    );
    // Getui's iOS dictionary has `processID` too; its codes stay Getui's.
    let getui =
        normalize(r#"{"code":30000,"msg":"success","operatorType":3,"processID":"7d1a"}"#).unwrap();
    assert_eq!(
        (getui.source, getui.request_id.as_deref()),
        (Source::Geyan, Some("7d1a"))
    );
}

#[test]
fn an_inner_code_without_a_code_is_the_carrier_s_that_alone_knows_it() {
    // Shanyan's Android log prints the outer code apart from the result's JSON.
    check(
        r#"{"innerCode":200002,"innerDesc":"无法识别sim卡","message":"getPhoneInfo(){\"resultCode\":\"200002\"}"}"#,
        &Want {
            source: Source::Cmcc,
            code: "200002",
            category: Failure,
            actor: numauth::lookup(Source::Cmcc, "200002").unwrap().actor(),
            carrier: Some(Carrier::Cmcc),
            request_id: None,
            causes: &[],
        },
    );
    // Several carriers know 0: none is named.
    let zero =
        normalize(r#"{"innerCode":0,"innerDesc":"success","message":"初始化成功"}"#).unwrap();
    assert_eq!((zero.code.as_ref(), zero.carrier), ("0", None));
    // Shanyan names its carrier in `telecom`.
    let prefetch = normalize(r#"{innerCode: 1022, innerDesc: 预取号成功, telecom: CTCC}"#).unwrap();
    assert_eq!(
        (prefetch.source, prefetch.carrier),
        (Source::Shanyan, Some(Carrier::Ctcc))
    );
    // With no message of its own, the inner code's text is the message: it picks the variant
    // of 1022 that it names (prefetch, not init).
    assert_eq!(prefetch.raw_msg.as_deref(), Some("预取号成功"));
    assert_eq!(prefetch.message.map(|m| m.zh), Some("预取号成功"));
    assert!(prefetch.extra.get("innerDesc").is_none());
    let init = normalize(r#"{innerCode: 1022, innerDesc: 初始化成功, telecom: CUCC}"#).unwrap();
    assert_eq!(init.message.map(|m| m.zh), Some("初始化成功"));
}

/// Shanyan's results name no carrier when they fail or are cancelled (`telecom` comes with a
/// prefetch), but `innerDesc` is its key alone (SY_* payload shapes: {code, message, innerCode,
/// innerDesc, ...}): its codes are read in its table, not taken for PNS by their inner code.
#[test]
fn shanyans_inner_message_key_names_shanyan() {
    let cancel =
        normalize(r#"{"code":1011,"message":"点击返回","innerCode":1011,"innerDesc":"点击返回"}"#)
            .unwrap();
    assert_eq!(
        (cancel.source, cancel.code.as_ref()),
        (Source::Shanyan, "1011")
    );
    assert_eq!((cancel.category, cancel.carrier), (Cancelled, None));
    let ok =
        normalize(r#"{"code":1000,"message":"获取token成功","innerCode":0,"innerDesc":"成功"}"#)
            .unwrap();
    assert_eq!(
        (ok.source, ok.category, ok.carrier),
        (Source::Shanyan, Success, None)
    );
    // 1003 carries the carrier's code: China Unicom's `1` + message.
    check(
        r#"{"code":1003,"message":"获取token失败","innerCode":1,"innerDesc":"请求超时"}"#,
        &Want {
            source: Source::Shanyan,
            code: "1003",
            category: Failure,
            actor: numauth::lookup_with_msg(Source::Cucc, "1", "请求超时")
                .unwrap()
                .actor(),
            carrier: Some(Carrier::Cucc),
            request_id: None,
            causes: &[(Source::Cucc, "1", true)],
        },
    );
    // 1001 with the carrier's name in its message (移动错误: CMCC_UNAVAILABLE_CODE) names that
    // carrier (an audit find: no carrier was named).
    for (message, carrier) in [
        ("移动错误", Carrier::Cmcc),
        ("cucc unavailable", Carrier::Cucc),
        ("电信错误", Carrier::Ctcc),
    ] {
        let raw = serde_json::json!({"code": 1001, "message": message}).to_string();
        let n = normalize(&raw).unwrap();
        assert_eq!(
            (n.source, n.carrier),
            (Source::Shanyan, Some(carrier)),
            "{raw}"
        );
    }
    let unnamed = normalize(r#"{"code":1001,"message":"运营商错误","innerDesc":"x"}"#).unwrap();
    assert_eq!((unnamed.source, unnamed.carrier), (Source::Shanyan, None));
    // An inner code without that key is still the PNS SDK's carrier code.
    let pns = normalize(r#"{"resultCode":"600011","innerCode":"103111","innerMsg":"网关IP错误"}"#)
        .unwrap();
    assert_eq!(
        (pns.source, pns.carrier),
        (Source::Pns, Some(Carrier::Cmcc))
    );
}

/// A code with one row per platform is read in the caller's platform's row: JVerification's
/// 2018 is a carrier the device does not support on Android, a carrier SDK missing from the
/// app on iOS (JV_IOS_DOC). A row the message picks stays picked.
#[test]
fn the_platform_picks_the_row_of_a_code_read_differently_on_each() {
    use numauth::{normalize_with, AuthOutcome, Hint, Platform};
    let raw = r#"{"code":2018,"content":"Local unsupported operator,operator sdk don't exist"}"#;
    let on = |platform| {
        let hint = Hint {
            platform,
            ..Hint::default()
        };
        let n = normalize_with(raw, hint).unwrap();
        (n.source, n.outcome, n.actor)
    };
    let ios = numauth::lookup_on(Source::Jverify, "2018", Platform::Ios).unwrap();
    assert_eq!(ios.outcome(), AuthOutcome::SdkMisuse);
    assert_eq!(
        on(Some(Platform::Ios)),
        (Source::Jverify, AuthOutcome::SdkMisuse, Actor::Developer)
    );
    assert_eq!(
        on(Some(Platform::Android)).1,
        AuthOutcome::CarrierUnsupported
    );
    // No platform, or one without a row of its own: the code's first row, the official one
    // (the Android reading is only a third-party copy's; an audit find: the iOS message was
    // sent to the end user).
    assert_eq!(on(None).1, AuthOutcome::SdkMisuse);
    assert_eq!(on(Some(Platform::Web)).1, AuthOutcome::SdkMisuse);
    // Shanyan's 1000 is the token or, with its message, the page shown (an Android row).
    let page = r#"{"code":1000,"message":"授权页拉起成功","innerDesc":"x"}"#;
    for platform in [None, Some(Platform::Android), Some(Platform::Ios)] {
        let hint = Hint {
            platform,
            ..Hint::default()
        };
        let n = normalize_with(page, hint).unwrap();
        assert_eq!(
            (n.source, n.outcome),
            (Source::Shanyan, AuthOutcome::AuthPageShown)
        );
    }
}

#[test]
fn vendor_names_by_form() {
    for (vendor, carrier) in [
        ("cm_newsdk", Carrier::Cmcc),
        ("CU", Carrier::Cucc),
        ("CTCC", Carrier::Ctcc),
        ("中国移动通信", Carrier::Cmcc),
        ("联通", Carrier::Cucc),
    ] {
        let raw = format!(r#"{{"code":"600011","vendorName":"{vendor}"}}"#);
        assert_eq!(normalize(&raw).unwrap().carrier, Some(carrier), "{vendor}");
    }
}

#[test]
fn server_results() {
    let base = Want {
        source: Source::Dypns,
        code: "isv.TOKEN_INVALID",
        category: Failure,
        actor: Actor::Developer,
        carrier: None,
        request_id: Some("5B1C-3F"),
        causes: &[],
    };
    check(
        r#"{"Code":"isv.TOKEN_INVALID","Message":"token无效","RequestId":"5B1C-3F"}"#,
        &base,
    );
    check(
        r#"{"RequestId":"5B1C-3F","Message":"OK","Code":"OK","GateVerifyResultDTO":{"VerifyResult":"PASS"}}"#,
        &Want {
            code: "OK",
            category: Success,
            actor: Actor::None,
            ..base
        },
    );
    // JVerification's server answer shares the SDK's `content` key, and its 8000 (the phone
    // obtained) is the SDK's init success: its own `exID` key decides, before or after
    // `content`.
    for raw in [
        r#"{"id":1172,"code":8000,"content":"get phone success","exID":"e-1","phone":"x"}"#,
        r#"{"exID":"e-1","id":1172,"code":8000,"content":"get phone success"}"#,
    ] {
        let n = normalize(raw).unwrap();
        assert_eq!(
            (n.source, n.code.as_ref()),
            (Source::JverifyServer, "8000"),
            "{raw}"
        );
        assert_eq!(n.category, Success, "{raw}");
    }
    let tea = normalize("TeaException: code: 400, 令牌无效 request id: 8A4F-11C2").unwrap();
    assert_eq!(
        (tea.source, tea.code.as_ref(), tea.request_id.as_deref()),
        (Source::Dypns, "400", Some("8A4F-11C2"))
    );
}

#[test]
fn other_vendors_with_their_carrier_causes() {
    check(
        r#"{"code":30005,"msg":"{\"errorCode\":-40001,\"errorDesc\":\"运营商错误\",\"operator\":\"CM\",\"metadata\":{\"code\":\"103111\",\"desc\":\"网关IP错误\"}}","gyuid":"gtc_1","operator":"CM","success":false}"#,
        &Want {
            source: Source::Geyan,
            code: "30005",
            category: Failure,
            actor: numauth::lookup(Source::Cmcc, "103111").unwrap().actor(),
            carrier: Some(Carrier::Cmcc),
            request_id: None,
            causes: &[
                (Source::GeyanError, "-40001", true),
                (Source::Cmcc, "103111", true),
            ],
        },
    );
    check(
        r#"{"code":1023,"message":"预取号失败","innerCode":"103911","innerDesc":"token请求过于频繁"}"#,
        &Want {
            source: Source::Shanyan,
            code: "1023",
            category: Failure,
            actor: numauth::lookup(Source::Cmcc, "103911").unwrap().actor(),
            carrier: Some(Carrier::Cmcc),
            request_id: None,
            causes: &[(Source::Cmcc, "103911", true)],
        },
    );
    let onelogin = normalize(r#"{"status":500,"errorCode":"-20200","msg":"网络异常","process_id":"p-77","operatorType":"1"}"#).unwrap();
    assert_eq!(
        (
            onelogin.source,
            onelogin.code.as_ref(),
            onelogin.request_id.as_deref()
        ),
        (Source::Onelogin, "-20200", Some("p-77"))
    );
    let jv = normalize(r#"{"code":6002,"content":"fetch loginToken canceled","operator":"CU"}"#)
        .unwrap();
    assert_eq!(
        (jv.source, jv.category, jv.carrier),
        (Source::Jverify, Cancelled, Some(Carrier::Cucc))
    );
}

#[test]
fn detection_does_not_steal_alibaba_payloads() {
    assert_eq!(
        normalize(r#"{"code":"6000","content":"x","operator":"CM"}"#)
            .unwrap()
            .source,
        Source::Jverify
    );
    assert_eq!(
        normalize(r#"{"code":"600000","msg":"获取token成功","token":"t"}"#)
            .unwrap()
            .source,
        Source::Pns
    );
    assert_eq!(normalize("600011").unwrap().source, Source::Pns);
}

#[test]
fn an_unknown_code_is_never_blamed_on_a_carrier() {
    let n = normalize(r#"{"code":"600011","innerCode":"abc","msg":"x"}"#).unwrap();
    let cause = n.root_cause.as_deref().unwrap();
    assert_eq!(
        (cause.code.as_ref(), cause.known, cause.carrier),
        ("abc", false, None)
    );
    assert_eq!(n.carrier, None);
    assert_ne!(cause.source, Source::Cmcc);
    // A negative code no table knows is not China Telecom's without a sign of it.
    let n = normalize(r#"{"code":"-999999"}"#).unwrap();
    assert_eq!((n.known, n.carrier), (false, None));
    assert_ne!(n.source, Source::Ctcc);
}

#[test]
fn a_token_in_the_message_field_is_redacted() {
    let token = "STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9xyzSTsid000";
    let raw = format!(r#"{{"code":6000,"content":"{token}","operator":"CM"}}"#);
    let n = normalize(&raw).unwrap();
    assert_eq!((n.source, n.category), (Source::Jverify, Success));
    assert_eq!(n.raw_msg.as_deref(), Some("<redacted token: 48 chars>"));
    let json = format!("{n:?}");
    assert!(!json.contains(token), "the token never reaches the output");
}

/// On success the message field holds the token, whatever its length or shape; a text about
/// it, or a failure's message, is kept (a red-team find: a 19-character token and a UUID-shaped
/// one were kept, in every print of the callback).
#[test]
fn a_success_message_that_is_one_token_word_is_redacted_however_short() {
    for (raw, kept) in [
        (
            r#"{"code":6000,"content":"A2-xyz_abcdefghijkl","operator":"CM"}"#,
            None,
        ),
        (
            r#"{code: 6000, content: A2-xyz_abcdefghijkl, operator: CM}"#,
            None,
        ),
        (
            r#"{"code":2000,"content":"0d5d4b0f-5c1a-4e2b-9f3e-0123456789ab"}"#,
            None,
        ),
        (
            r#"{"code":6000,"content":"loginToken request success"}"#,
            Some("loginToken request success"),
        ),
        (
            r#"{"code":6001,"content":"fetch2token_failed_abcdef"}"#,
            Some("fetch2token_failed_abcdef"),
        ),
        (
            r#"{"code":6000,"content":"abcdefghijklmnopq"}"#,
            Some("abcdefghijklmnopq"),
        ),
        (
            r#"{"code":6000,"content":"A2-xyz_abcdefgh"}"#,
            Some("A2-xyz_abcdefgh"),
        ),
    ] {
        let n = normalize(raw).unwrap();
        let msg = n.raw_msg.as_deref().unwrap_or_default();
        match kept {
            Some(text) => assert_eq!(msg, text, "{raw}"),
            None => assert!(msg.starts_with("<redacted token: "), "{raw}: {msg}"),
        }
    }
}

#[test]
fn a_vendor_code_that_wraps_a_carrier_reads_its_cause_there() {
    // GeeTest -401xx are China Mobile's errors; the carrier's answer is in msg.
    let n = normalize(r#"{"status":500,"errorCode":"-40101","msg":"resultCode:103111 网关IP错误","process_id":"p-1"}"#).unwrap();
    assert_eq!(
        (n.source, n.carrier),
        (Source::Onelogin, Some(Carrier::Cmcc))
    );
    let cause = n.root_cause.as_deref().expect("the carrier code in msg");
    assert_eq!(
        (cause.source, cause.code.as_ref(), cause.known),
        (Source::Cmcc, "103111", true)
    );
    // Without a code in msg the carrier is still named.
    let n = normalize(r#"{"status":500,"errorCode":"-40301","msg":"电信返回异常"}"#).unwrap();
    assert_eq!(
        (n.source, n.carrier, n.root_cause.is_none()),
        (Source::Onelogin, Some(Carrier::Ctcc), true)
    );
}

/// What lies under an error in `cause`: MobTech's `VerifyException.getCause()` is the
/// carrier's result (MOB_ANDROID_README), uni-app x's `UniError.cause` Getui's detail (DC_UVX).
#[test]
fn an_errors_cause_is_its_root_cause() {
    let mob = r#"{"code":6119404,"message":"运营商登录失败","cause":"{\"resultCode\":\"103111\",\"desc\":\"网关IP错误\"}"}"#;
    let n = normalize(mob).unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Secverify, "6119404"));
    let cause = n.root_cause.as_deref().unwrap();
    assert_eq!(
        (cause.source, cause.code.as_ref()),
        (Source::Cmcc, "103111")
    );
    assert_eq!(n.carrier, Some(Carrier::Cmcc));
    let uni = r#"{"errSubject":"uni-verify","errCode":30006,"errMsg":"一键登录失败","cause":{"subject":"gysdk","code":-20301,"message":"登录授权页退出"}}"#;
    let n = normalize(uni).unwrap();
    assert_eq!((n.source, n.category), (Source::Univerify, Cancelled));
    let cause = n.root_cause.as_deref().unwrap();
    assert_eq!(
        (cause.source, cause.code.as_ref()),
        (Source::GeyanError, "-20301")
    );
    // Logged as text, `toString()`-like, with the cause's JSON after the code.
    let text = r#"VerifyException: code=6119403, message=运营商预取号失败, cause={"result":-8004,"msg":"移动数据网络未开启"}"#;
    let n = normalize(text).unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Secverify, "6119403"));
    let cause = n.root_cause.as_deref().unwrap();
    assert_eq!((cause.source, cause.code.as_ref()), (Source::Ctcc, "-8004"));
    // A cause with no code is kept as it was.
    let plain = normalize(r#"{"code":"600011","cause":{"message":"inner"}}"#).unwrap();
    assert!(plain.root_cause.is_none());
    assert!(plain.extra.get("cause").is_some());
}

/// A carrier field that disagrees with what the code says of itself: GeeTest's `-403xx` wrap
/// China Telecom's errors (PROVIDERS.md: "-401xx (移动), -402xx (联通) or -403xx (电信)") and
/// JVerification's `[CM,(103111)…]` names China Mobile. Those win over `operatorType` or
/// `operator`, which may describe another SIM: the known code stays known (red-team find).
#[test]
fn what_a_code_says_of_its_carrier_outweighs_a_carrier_field() {
    let read = |raw: &str| {
        let n = normalize(raw).unwrap();
        let c = n.root_cause.as_deref().unwrap();
        (n.carrier, c.source, c.code.to_string(), c.known)
    };
    let onelogin = r#"{"status":500,"errorCode":"-40301","msg":"{\"result\":80801,\"msg\":\"WIFI切换异常\"}","process_id":"p1","operatorType":"CU"}"#;
    assert_eq!(
        read(onelogin),
        (Some(Carrier::Ctcc), Source::Ctcc, "80801".to_owned(), true)
    );
    let jverify = r#"{"code":6001,"content":"[CM,（103111)网关IP错误]","operator":"CU"}"#;
    assert_eq!(
        read(jverify),
        (Some(Carrier::Cmcc), Source::Cmcc, "103111".to_owned(), true)
    );
    // Where they agree, or only the field names one, the field's carrier stands.
    let field_only = r#"{"code":"600011","msg":"获取token失败","vendorName":"cu_xw","carrierFailedResultData":{"resultCode":"999","resultMsg":"x"}}"#;
    let n = normalize(field_only).unwrap();
    assert_eq!(n.carrier, Some(Carrier::Cucc));
}
