//! Getui 个验 and DCloud univerify payloads (Getui underneath): the `errorCode` layer, the
//! carrier's result or Getui's server answer in `metadata`, the carrier by `operatorType`, and
//! uni-app's own keys. Written for these tests.

use numauth::{
    normalize, normalize_with, Carrier, ExtraValue, Hint, ParseError, Source, MAX_DEPTH,
};

mod common;
use common::{chain, check_want as check, Want};
use numauth::Category::Failure;

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
fn a_getui_server_answer_keeps_what_it_does_not_read() {
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
}

#[test]
fn getui_server_envelopes_nest_no_deeper_than_any_payload() {
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

/// The H5 SDK's `metadata` is Getui's own `{"code":xxxx,"desc":xxxxx}` (GY_H5_CODE_DOC): read
/// in its H5 table, whose 10040 is China Unicom's step, so China Unicom is the carrier (the
/// table says so: 10030–10033 China Mobile's, 10040–10041 China Unicom's), never China Mobile
/// for its `desc` key.
#[test]
fn getui_h5_metadata_is_read_in_getuis_h5_codes() {
    let raw = r#"{"code":30005,"msg":{"errorCode":-40001,"errorDesc":"运营商返回的其他错误","metadata":{"code":10040,"desc":"联通获取token失败"}}}"#;
    let n = normalize(raw).unwrap();
    assert_eq!(
        chain(&n),
        [
            (Source::GeyanError, "-40001", true),
            (Source::GeyanH5, "10040", true)
        ]
    );
    assert_eq!(n.carrier, Some(Carrier::Cucc));
    let step = raw.replace("10040", "10031");
    assert_eq!(normalize(&step).unwrap().carrier, Some(Carrier::Cmcc));
    let h5 = numauth::lookup(Source::GeyanH5, "10040").unwrap();
    assert_eq!((n.outcome, n.actor), (h5.outcome(), h5.actor()));
    // Named by `operator`, the carrier is kept; a carrier's own code under -40001 is still the
    // carrier's.
    let named = raw.replace(r#"{"code":30005,"#, r#"{"code":30005,"operator":"CU","#);
    assert_eq!(normalize(&named).unwrap().carrier, Some(Carrier::Cucc));
    let cm = r#"{"code":30005,"operator":"CM","msg":{"errorCode":-40001,"metadata":{"resultCode":"103111","desc":"网关IP错误"}}}"#;
    let n = normalize(cm).unwrap();
    assert_eq!(chain(&n).last(), Some(&(Source::Cmcc, "103111", true)));
}

/// The H5 SDK's answer as its code page prints `GYResponse` (GY_H5_CODE_DOC): `errorCode` and
/// `metadata` beside `code`, not in `msg`. The metadata is still Getui's H5 code, China
/// Unicom's 10041 step, never an unknown China Mobile code for its `desc` key (red-team find).
#[test]
fn getui_h5_metadata_beside_the_code_is_read_in_getuis_h5_codes() {
    let raw = r#"{"code":30005,"errorCode":-40001,"msg":"一键登录获取token失败","metadata":{"code":10041,"desc":"联通验签失败"}}"#;
    let n = normalize(raw).unwrap();
    assert_eq!(chain(&n), [(Source::GeyanH5, "10041", true)]);
    assert_eq!((n.source, n.code.as_ref()), (Source::Geyan, "30005"));
    assert_eq!(n.carrier, Some(Carrier::Cucc));
    let step = raw.replace("10041", "10033");
    assert_eq!(normalize(&step).unwrap().carrier, Some(Carrier::Cmcc));
    // A carrier's code there is still the carrier's.
    let cm = raw.replace(
        r#"{"code":10041,"desc":"联通验签失败"}"#,
        r#"{"resultCode":"103111","desc":"网关IP错误"}"#,
    );
    assert_eq!(
        chain(&normalize(&cm).unwrap()).last(),
        Some(&(Source::Cmcc, "103111", true))
    );
}

/// uni-app's `errMsg` carries Getui's text (DC_UNIVERIFY): an `errorCode` object in it is
/// Getui's layer, not China Telecom's -10003 that shares the number.
#[test]
fn a_getui_layer_in_uni_apps_message_is_getuis() {
    let raw = r#"{"errCode":30005,"errMsg":"preLogin:fail {\"errorCode\":-10003,\"errorDesc\":\"接口请求超时\"}"}"#;
    let n = normalize(raw).unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Univerify, "30005"));
    assert_eq!(chain(&n), [(Source::GeyanError, "-10003", true)]);
    assert_eq!(n.carrier, None);
    let timeout = numauth::lookup(Source::GeyanError, "-10003")
        .unwrap()
        .outcome();
    assert_eq!(n.outcome, timeout);
    assert_ne!(
        numauth::lookup(Source::Ctcc, "-10003").unwrap().outcome(),
        timeout,
        "the test tells the two tables apart"
    );
}

/// An `errorCode` no table knows, in the object of Getui's message (or of univerify's): kept in
/// the namespace of Getui's `errorCode` layer, not the outer `code`'s, whose numbers are five
/// digits; a code only named in the message's text stays the outer table's, unknown.
#[test]
fn an_unknown_error_code_in_getuis_object_is_the_layers() {
    for raw in [
        r#"{"gyuid":"g","code":30005,"msg":"{\"errorCode\":-29999,\"errorDesc\":\"x\",\"processId\":\"p-9\"}"}"#,
        r#"{"errCode":30005,"errMsg":"preLogin:fail {\"errorCode\":-29999,\"errorDesc\":\"x\"}"}"#,
    ] {
        let n = normalize(raw).unwrap();
        let c = n.root_cause.as_deref().unwrap();
        assert_eq!(
            (c.source, c.code.as_ref(), c.known, c.carrier),
            (Source::GeyanError, "-29999", false, None),
            "{raw}"
        );
    }
    let text = r#"{"gyuid":"g","code":30005,"msg":"请求失败 errorCode:-29999"}"#;
    let n = normalize(text).unwrap();
    let c = n.root_cause.as_deref().unwrap();
    assert_eq!((c.source, c.known, c.carrier), (Source::Geyan, false, None));
}

/// uni-app writes Getui's code right after its API's `:fail` (DCloud's univerify page:
/// "errMsg中包含-20102错误码", the app's signature or approval): read as Getui's layer, the
/// developer's fix, as the code's JSON form already was. A `:fail` with no negative number
/// after it names no code.
#[test]
fn a_getui_code_after_uni_apps_fail_is_read() {
    let raw = r#"{"errCode":30004,"errMsg":"preLogin:fail -20102 appid无效或者签名无效"}"#;
    let n = normalize(raw).unwrap();
    assert_eq!(chain(&n), [(Source::GeyanError, "-20102", true)]);
    assert_eq!(n.actor, numauth::Actor::Developer);
    for none in [
        r#"{"errCode":30004,"errMsg":"login:fail 20102 x"}"#,
        r#"{"errCode":30004,"errMsg":"login:fail abc"}"#,
        r#"{"errCode":30004,"errMsg":"login fail -20102"}"#,
    ] {
        assert!(normalize(none).unwrap().root_cause.is_none(), "{none}");
    }
}

/// Getui's `errorCode` object logged alone carries `processId`, a key OneLogin's payloads have
/// too: the message decides a number both know, as it does against a carrier's keys (a
/// red-team find: Getui's own text for -20102 was read as OneLogin's missing pre-fetch).
#[test]
fn a_getui_layer_with_processid_is_read_by_its_message() {
    let read = |raw: &str| {
        let n = normalize(raw).unwrap();
        (n.source, n.outcome)
    };
    let getui = r#"{"errorCode":-20102,"errorDesc":"appid无效或者签名无效","operatorType":3,"processId":"e0311b2c"}"#;
    assert_eq!(
        read(getui),
        (
            Source::GeyanError,
            numauth::AuthOutcome::InvalidConfiguration
        )
    );
    // A message that gives neither meaning leaves the key's source.
    let other = r#"{"errorCode":-20102,"errorDesc":"x","processId":"e0311b2c"}"#;
    assert_eq!(read(other).0, Source::Onelogin);
}
