//! Normaliser v2 on payloads of every vendor and of the shapes that used to go wrong, written
//! for these tests. Each row states what a support engineer reads: source, code, category,
//! actor, carrier, request id and the root cause chain.

use numauth::{
    normalize, normalize_with, Actor, Carrier, Category, ExtraValue, Hint, Normalized, ParseError,
    Source, MAX_DEPTH,
};

/// What a payload must normalise to. `causes`: the root-cause chain as (source, code, known).
struct Want {
    source: Source,
    code: &'static str,
    category: Category,
    actor: Actor,
    carrier: Option<Carrier>,
    request_id: Option<&'static str>,
    causes: &'static [(Source, &'static str, bool)],
}

fn chain<'a>(n: &'a Normalized<'a>) -> Vec<(Source, &'a str, bool)> {
    let mut out = Vec::new();
    let mut cur = n.root_cause.as_deref();
    while let Some(c) = cur {
        out.push((c.source, c.code.as_ref(), c.known));
        cur = c.root_cause.as_deref();
    }
    out
}

fn check(raw: &str, want: &Want) {
    let n = normalize(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
    let got = (
        n.source,
        n.code.as_ref(),
        n.category,
        n.actor,
        n.carrier,
        n.request_id.as_deref(),
        chain(&n),
    );
    let expected = (
        want.source,
        want.code,
        want.category,
        want.actor,
        want.carrier,
        want.request_id,
        want.causes.to_vec(),
    );
    assert_eq!(got, expected, "{raw}");
}

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
    // A value that is one stray quote; the fields after it still count.
    check("TokenRet{vendorName='cm_zyhl', code='600011', msg='获取token失败', carrierFailedResultData=', requestId='7f3e-01', innerCode='null'}", &base);
    // A value holding = and quotes, and a trailing quote after the last value.
    check("TokenRet{msg='token=abc 'x' failed', code='600011', vendorName='CMCC', requestId='7f3e-01''}", &base);
    // The SDK's own `toString`, which closes values it never opened: `carrierFailedResultData=`
    // + data + `', requestId=` + id + `', requestCode=`. The id is the id, without the quote.
    check("TokenRet{vendorName='cm_zyhl', code='600011', msg='获取token失败', carrierFailedResultData=', requestId=7f3e-01', requestCode=0, token='null'}", &base);
    check(
        r#"TokenRet{vendorName='cu_xw', code='600012', msg='预取号失败', carrierFailedResultData={"resultCode":"1","resultMsg":"请求超时"}', requestId=7f3e-01', requestCode=0}"#,
        &Want {
            code: "600012",
            carrier: Some(Carrier::Cucc),
            causes: &[(Source::Cucc, "1", true)],
            ..base
        },
    );
    // Kotlin data class, carrier data as JSON inside it.
    check(
        r#"TokenRet(vendorName=cu_xw, code=600012, msg=预取号失败, carrierFailedResultData={"resultCode":"1","resultMsg":"请求超时"}, requestId=7f3e-01)"#,
        &Want {
            code: "600012",
            carrier: Some(Carrier::Cucc),
            causes: &[(Source::Cucc, "1", true)],
            ..base
        },
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
fn getui_harmony_keeps_in_data_what_its_other_sdks_keep_in_msg() {
    let layer = r#"{"errorCode":-40001,"errorDesc":"运营商返回错误","operatorType":3,"processId":"p-5","metadata":"{\"code\":\"80004\",\"msg\":\"移动网络未开启\"}"}"#;
    let want = Want {
        source: Source::Geyan,
        code: "30007",
        category: Failure,
        actor: numauth::lookup(Source::Ctcc, "80004").unwrap().actor(),
        carrier: Some(Carrier::Ctcc),
        // The layer's `processId`: the callback has no id of its own.
        request_id: Some("p-5"),
        causes: &[
            (Source::GeyanError, "-40001", true),
            (Source::Ctcc, "80004", true),
        ],
    };
    let harmony = format!(
        r#"{{"costTime":-1,"gyuid":"gtc_2","code":30007,"operator":"CT","data":{layer},"success":false}}"#
    );
    check(&harmony, &want);
    let quoted = serde_json::to_string(layer).unwrap();
    let android = format!(
        r#"{{"gyuid":"gtc_2","code":30007,"operator":"CT","msg":{quoted},"success":false}}"#
    );
    check(&android, &want);
    let layer_id = |raw: &str| {
        let n = normalize(raw).unwrap();
        n.root_cause
            .and_then(|c| c.request_id.map(|r| r.into_owned()))
    };
    assert_eq!(layer_id(&harmony).as_deref(), Some("p-5"));
    assert_eq!(layer_id(&android).as_deref(), Some("p-5"));
    // An id of the callback's own stays; a carrier's id underneath is not the callback's.
    let own = harmony.replace(r#""code":30007"#, r#""code":30007,"requestId":"own-1""#);
    assert_eq!(
        normalize(&own).unwrap().request_id.as_deref(),
        Some("own-1")
    );
    let pns = r#"{"code":"600011","vendorName":"cu_xw","carrierFailedResultData":"{\"resultCode\":\"1\",\"resultMsg\":\"请求超时\",\"seq\":\"s-1\"}"}"#;
    let n = normalize(pns).unwrap();
    assert_eq!(
        n.root_cause.and_then(|c| c.request_id).as_deref(),
        Some("s-1")
    );
    assert_eq!(n.request_id, None);
}

#[test]
fn getui_metadata_is_its_servers_answer_under_any_code_but_the_carrier_one() {
    // Under -30001 (a server error) `metadata` is Getui's server answering in its pre-3.0
    // numbering, wrapped in an envelope whose `errno` 0 only says that it answered.
    let layer = r#"{"errorCode":-30001,"errorDesc":"服务器返回错误","operatorType":2,"processId":"p-9","metadata":"{\"errno\":0,\"data\":{\"result\":\"40047\",\"msg\":\"获取号码失败\"}}"}"#;
    let quoted = serde_json::to_string(layer).unwrap();
    let android = format!(r#"{{"gyuid":"gtc_3","code":30008,"operator":"CU","msg":{quoted}}}"#);
    let harmony = format!(r#"{{"gyuid":"gtc_3","code":30008,"operator":"CU","data":{layer}}}"#);
    let legacy = numauth::lookup(Source::GeyanLegacy, "40047").unwrap();
    for raw in [&android, &harmony] {
        let n = normalize(raw).unwrap();
        assert_eq!(
            chain(&n),
            [
                (Source::GeyanError, "-30001", true),
                (Source::GeyanLegacy, "0", false),
                (Source::GeyanLegacy, "40047", true),
            ],
            "{raw}"
        );
        assert_eq!(n.outcome, legacy.outcome(), "{raw}");
        // The device's carrier is the one the callback names; the server's answer names none.
        assert_eq!(n.carrier, Some(Carrier::Cucc), "{raw}");
        let mut cur = n
            .root_cause
            .as_deref()
            .and_then(|c| c.root_cause.as_deref());
        while let Some(c) = cur {
            assert_eq!(c.carrier, None, "{raw}: {c:?}");
            cur = c.root_cause.as_deref();
        }
        assert_eq!(n.request_id.as_deref(), Some("p-9"));
    }
    // A number Getui's tables do not know stays its server's, unknown, not a carrier's; an
    // answer without an envelope is read as it is.
    for (meta, want) in [
        (
            r#"{"errno":0,"data":{"result":"49999"}}"#,
            vec![
                (Source::GeyanLegacy, "0", false),
                (Source::GeyanLegacy, "49999", false),
            ],
        ),
        (
            r#"{"result":40052}"#,
            vec![(Source::GeyanLegacy, "40052", true)],
        ),
    ] {
        let layer = serde_json::json!({"errorCode": -20102, "metadata": meta}).to_string();
        let raw = serde_json::json!({"code": 30004, "operator": "CT", "msg": layer}).to_string();
        let n = normalize(&raw).unwrap();
        let got: Vec<_> = chain(&n).into_iter().skip(1).collect();
        assert_eq!(got, want, "{raw}");
    }
    // Under the carrier error it is still the carrier's result.
    let raw = r#"{"code":30005,"operator":"CU","msg":"{\"errorCode\":-40001,\"metadata\":{\"resultCode\":\"1\",\"resultMsg\":\"请求超时\"}}"}"#;
    let n = normalize(raw).unwrap();
    assert_eq!(chain(&n).get(1), Some(&(Source::Cucc, "1", true)), "{raw}");
}

/// A Getui callback whose `metadata` (under -20102, a server answer) is `meta`.
fn getui_with_metadata(meta: &str) -> String {
    let layer = serde_json::json!({"errorCode": -20102, "metadata": meta}).to_string();
    serde_json::json!({"code": 30004, "operator": "CT", "msg": layer}).to_string()
}

#[test]
fn a_getui_server_answer_keeps_what_it_does_not_read_and_nests_no_deeper_than_any_payload() {
    // Its inner code and message are kept, as any cause's are.
    let raw = getui_with_metadata(r#"{"result":40052,"innerCode":"x1","innerMsg":"m-1"}"#);
    let n = normalize(&raw).unwrap();
    let answer = n
        .root_cause
        .as_ref()
        .and_then(|c| c.root_cause.as_ref())
        .unwrap();
    assert_eq!(
        (answer.source, answer.code.as_ref()),
        (Source::GeyanLegacy, "40052")
    );
    assert_eq!(
        answer.extra.get("innerCode"),
        Some(&ExtraValue::Text("x1".into()))
    );
    assert_eq!(
        answer.extra.get("innerMsg"),
        Some(&ExtraValue::Text("m-1".into()))
    );
    // An envelope whose data repeats its own code is one node, not two.
    let raw = getui_with_metadata(r#"{"errno":40052,"data":{"result":40052}}"#);
    let n = normalize(&raw).unwrap();
    assert_eq!(
        chain(&n),
        [
            (Source::GeyanError, "-20102", true),
            (Source::GeyanLegacy, "40052", true)
        ]
    );
    // Envelopes in envelopes, `data` an object or a JSON string: each envelope is at least two
    // levels (its object, then its `data`), so that a chain of them is held to MAX_DEPTH like
    // any nesting. A short chain is read whole.
    let nest = |levels: usize, as_string: bool| {
        let mut meta = r#"{"result":40052}"#.to_owned();
        for i in 0..levels {
            meta = match as_string {
                true => serde_json::json!({"errno": i + 1, "data": meta}).to_string(),
                false => format!(r#"{{"errno":{},"data":{meta}}}"#, i + 1),
            };
        }
        format!(r#"{{"errorCode":-20102,"metadata":{meta}}}"#)
    };
    let hint = Hint {
        source: Some(Source::GeyanError),
        ..Hint::default()
    };
    for as_string in [false, true] {
        let short = nest(3, as_string);
        let n = normalize_with(&short, hint).unwrap();
        assert_eq!(chain(&n).len(), 4, "{short}: {:?}", chain(&n));
        assert_eq!(
            chain(&n).last(),
            Some(&(Source::GeyanLegacy, "40052", true))
        );
        let long = nest(MAX_DEPTH / 2, as_string);
        assert!(
            matches!(normalize_with(&long, hint), Err(ParseError::TooDeep { .. })),
            "{long}: {:?}",
            normalize_with(&long, hint).map(|n| chain(&n).len())
        );
    }
    // The errorCode object alone, its source given: the answer's `data` (an object, or a JSON
    // string) is read one level below the answer, from the top level down.
    for meta in [
        r#"{"errno":0,"data":{"result":40052}}"#,
        r#"{"errno":0,"data":"{\"result\":40052}"}"#,
    ] {
        let raw = format!(r#"{{"errorCode":-20102,"metadata":{meta}}}"#);
        let hint = Hint {
            source: Some(Source::GeyanError),
            ..Hint::default()
        };
        let n = normalize_with(&raw, hint).unwrap();
        assert_eq!(
            chain(&n),
            [
                (Source::GeyanLegacy, "0", false),
                (Source::GeyanLegacy, "40052", true)
            ],
            "{raw}"
        );
    }
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
fn uni_app_keys_name_univerify_where_getui_shares_the_number() {
    // uni-app's custom-button event and its `fail(res)`: `errMsg` and `errCode` are uni-app's.
    for raw in [
        r#"{"code":"30008","errMsg":"用户点击了自定义按钮","index":1,"provider":"weixin"}"#,
        r#"{"errCode":30008,"errMsg":"用户点击了自定义按钮"}"#,
    ] {
        let n = normalize(raw).unwrap();
        assert_eq!(
            (n.source, n.code.as_ref()),
            (Source::Univerify, "30008"),
            "{raw}"
        );
        let entry = numauth::lookup(Source::Univerify, "30008").unwrap();
        assert_eq!(n.outcome, entry.outcome(), "{raw}");
    }
    // The same number from Getui's SDK stays Getui's, and a code uni-app does not know is not
    // pulled to it by the key.
    let n = normalize(r#"{"code":30008,"msg":"本机号码校验失败","gyuid":"gtc_5"}"#).unwrap();
    assert_eq!(n.source, Source::Geyan);
    let n = normalize(r#"{"errCode":"600011","errMsg":"获取token失败"}"#).unwrap();
    assert_eq!(n.source, Source::Pns);
}

#[test]
fn getuis_numbered_operator_type_names_the_carrier() {
    // Getui's iOS dict gives the carrier only as its GyOperatorType number.
    for (number, carrier) in [
        (1, Some(Carrier::Cmcc)),
        (2, Some(Carrier::Cucc)),
        (3, Some(Carrier::Ctcc)),
        (0, None),
        (7, None),
    ] {
        let raw = format!("{{\n    code = 30000;\n    msg = \"\\U64cd\\U4f5c\\U6210\\U529f\";\n    operatorType = {number};\n    processID = 9c2e71;\n}}");
        let n = normalize(&raw).unwrap();
        assert_eq!((n.source, n.carrier), (Source::Geyan, carrier), "{raw}");
    }
    // Under the carrier error, the number picks the table the carrier's code is read in
    // (China Unicom's `1` with a message, which China Mobile's table does not have).
    let layer = r#"{"errorCode":-40001,"operatorType":2,"metadata":"{\"resultCode\":\"1\",\"resultMsg\":\"请求超时\"}"}"#;
    let raw = format!(r#"{{"gyuid":"gtc_6","code":30005,"data":{layer}}}"#);
    let n = normalize(&raw).unwrap();
    assert_eq!(n.carrier, Some(Carrier::Cucc), "{raw}");
    assert_eq!(chain(&n).last(), Some(&(Source::Cucc, "1", true)), "{raw}");
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

#[test]
fn a_getui_layer_is_read_in_getui_codes_where_other_vendors_share_the_number() {
    // -10009 is also China Telecom's, -20200 also OneLogin's: under Getui's `code` they are
    // Getui's error codes, whatever a guess from the keys alone would say.
    for (code, desc) in [("-10009", "时间戳过期"), ("-20200", "网络异常")] {
        let raw = format!(
            r#"{{"code":30005,"msg":"{{\"errorCode\":{code},\"errorDesc\":\"{desc}\"}}","gyuid":"gtc_1"}}"#
        );
        let n = normalize(&raw).unwrap();
        assert_eq!(
            (n.source, n.code.as_ref()),
            (Source::Geyan, "30005"),
            "{raw}"
        );
        assert_eq!(chain(&n), [(Source::GeyanError, code, true)], "{raw}");
    }
    // Getui's -10009 is known but says nothing ("see the whole msg"): the outer code's
    // outcome stands.
    let raw = r#"{"code":30005,"msg":"{\"errorCode\":-10009,\"errorDesc\":\"其他错误\"}"}"#;
    let vague = normalize(raw).unwrap();
    let own = numauth::lookup(Source::Geyan, "30005").unwrap().outcome();
    assert_ne!(own, numauth::AuthOutcome::Unknown);
    assert_eq!(vague.outcome, own);
    assert_eq!(
        numauth::lookup(Source::GeyanError, "-10009")
            .unwrap()
            .outcome(),
        numauth::AuthOutcome::Unknown
    );
}
