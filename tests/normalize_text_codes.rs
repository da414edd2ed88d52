//! Codes written where no field holds them: a carrier's result in brackets inside
//! JVerification's `content` (`[CT,（80801)WIFI切换异常]`, as its SDKs print it), and codes named in
//! Chinese prose (`错误码600017`, `报错600004`), as support tickets and issue threads write them.
//! Written for these tests.

use numauth::Category::{Failure, Success};
use numauth::{normalize, Actor, Carrier, ParseError, Source};

mod common;
use common::{chain, check_want as check, Want};

fn actor(source: Source, code: &str) -> Actor {
    numauth::lookup(source, code).unwrap().actor()
}

#[test]
fn jverification_content_names_the_carrier_and_its_code_in_brackets() {
    // A JSON callback, its `operator` agreeing with the brackets.
    let json = r#"{"code":6001,"content":"fetch loginToken failed:[CT,（80006)域名解析异常]","operator":"CT"}"#;
    check(
        json,
        &Want {
            source: Source::Jverify,
            code: "6001",
            category: Failure,
            actor: actor(Source::Ctcc, "80006"),
            carrier: Some(Carrier::Ctcc),
            request_id: None,
            causes: &[(Source::Ctcc, "80006", true)],
        },
    );
    // The Android log line: `operator=null`, so only the brackets name China Unicom; its `1`
    // carries China Unicom's own answer as JSON.
    let log = r#"loginAuth code=6001, content=fetch loginToken failed:[CU,（1){"error":"1101","error_description":"apiKey有误"}], operator=null"#;
    let n = normalize(log).unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Jverify, "6001"));
    assert_eq!(n.carrier, Some(Carrier::Cucc));
    assert_eq!(n.raw_msg.as_deref(), Some("fetch loginToken failed"));
    assert_eq!(chain(&n), [(Source::Cucc, "1", true)]);
    let cause = n.root_cause.as_deref().unwrap();
    assert_eq!(
        cause.raw_msg.as_deref(),
        Some(r#"{"error":"1101","error_description":"apiKey有误"}"#)
    );
    // The brackets as the whole `content`, no words before them (an audit find: no cause).
    for content in ["[CT,（80801)WIFI切换异常]", "x [CT,（80801)WIFI切换异常]"] {
        let raw = serde_json::json!({"code": 6001, "content": content, "operator": "CT"});
        let raw = raw.to_string();
        let n = normalize(&raw).unwrap();
        assert_eq!(chain(&n), [(Source::Ctcc, "80801", true)], "{content}");
    }
}

#[test]
fn brackets_alone_are_the_carriers_result() {
    // No outer code (the SDK's message printed on its own): the carrier's code is the result.
    let n = normalize("preLogin failed:[CT,（80801)WIFI切换异常]").unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Ctcc, "80801"));
    assert_eq!((n.known, n.carrier), (true, Some(Carrier::Ctcc)));
    assert_eq!(n.raw_msg.as_deref(), Some("WIFI切换异常"));
    // A code the carrier's table lacks is kept raw, in the namespace of the carrier the brackets
    // name (not guessed from its form).
    let n = normalize("preLogin failed:[CM,（199999)未收录]").unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Cmcc, "199999"));
    assert_eq!((n.known, n.carrier), (false, Some(Carrier::Cmcc)));
    // China Unicom's web gateway knows 100; China Mobile's table does not: still China Mobile's.
    for raw in [
        "preLogin failed:[CM,（100)x]",
        r#"{"code":"600011","vendorName":"cm_zyhl","innerCode":"100","innerMsg":"x"}"#,
    ] {
        let n = normalize(raw).unwrap();
        let node = n.root_cause.as_deref().unwrap_or(&n);
        assert_eq!(
            (node.source, node.code.as_ref(), node.known),
            (Source::Cmcc, "100", false),
            "{raw}"
        );
    }
}

#[test]
fn brackets_that_name_no_carrier_blame_none() {
    for content in [
        "fetch loginToken failed:[XY,（80006)域名解析异常]",
        "fetch loginToken failed:[CT,80006 域名解析异常]",
        "fetch loginToken failed:[CT,（80006 域名解析异常]",
    ] {
        let raw = format!(r#"{{"code":6001,"content":"{content}"}}"#);
        let n = normalize(&raw).unwrap();
        assert_eq!(
            (n.source, n.code.as_ref()),
            (Source::Jverify, "6001"),
            "{raw}"
        );
        assert_eq!(n.carrier, None, "{raw}");
        assert!(n.root_cause.is_none(), "{raw}");
    }
}

#[test]
fn codes_named_in_chinese_prose() {
    let n = normalize("安卓端偶现报错600012，预取号失败").unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600012"));
    let n = normalize("接入后一直提示错误码：600017").unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600017"));
    assert_eq!(n.category, Failure);
    assert_eq!(
        n.advice.map(|a| a.into_advice().id),
        Some("scheme_secret_mismatch".into())
    );
    let n = normalize("返回码=103000 取号成功").unwrap();
    assert_eq!(
        (n.source, n.code.as_ref(), n.category),
        (Source::Cmcc, "103000", Success)
    );
    // A count is not a code.
    for text in ["登录时报错了3次", "错误码12", "报错信息：网络异常"] {
        assert!(
            matches!(normalize(text), Err(ParseError::NoCode { .. })),
            "{text}: {:?}",
            normalize(text).map(|n| n.code.into_owned())
        );
    }
}

#[test]
fn the_inner_code_of_a_text_is_the_one_an_inner_key_names() {
    // A second outer code between the code and the inner one is not the inner code.
    let n = normalize(
        "getLoginToken failed code:600011 result:-1 vendorCode:103911 msg:token请求过于频繁",
    )
    .unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600011"));
    assert_eq!(chain(&n), [(Source::Cmcc, "103911", true)]);
}

#[test]
fn a_message_in_text_keeps_no_escapes_of_the_print_around_it() {
    // An NSError description in an NSDictionary dump's quoted value: its message is written
    // with the dump's `\U` escapes, the first right after `msg=`.
    let raw = "{\n    msg = \"Error Domain=SDKErrorDomain Code=600017 \\\"(null)\\\" UserInfo={msg=\\U5e94\\U7528\\U4e0d\\U5b58\\U5728}\";\n    status = 1;\n}";
    let n = normalize(raw).unwrap();
    assert_eq!(
        (n.code.as_ref(), n.raw_msg.as_deref()),
        ("600017", Some("应用不存在")),
        "{raw}"
    );
    // An escaped quote opening a value is still stepped over, for codes and messages.
    let n = normalize(r#"log: code=\"600011\", msg=\"获取token失败\""#).unwrap();
    assert_eq!(
        (n.code.as_ref(), n.raw_msg.as_deref()),
        ("600011", Some("获取token失败"))
    );
    // An inner code's message too.
    let n = normalize(
        r#"code:600011, msg:获取token失败, vendorCode:103911, msg:\u8bf7\u6c42\u9891\u7e41"#,
    )
    .unwrap();
    let cause = n.root_cause.as_deref().unwrap();
    assert_eq!(
        (cause.code.as_ref(), cause.raw_msg.as_deref()),
        ("103911", Some("请求频繁"))
    );
}

/// A log line that writes the callback's fields as text and its carrier data as an object after
/// them (`code=600011 msg=… carrierFailedResultData={…}`): the code before the object is the
/// callback's, the object its cause. Without a code before it, the object is read as before.
#[test]
fn carrier_data_written_after_the_code_in_log_text_is_its_cause() {
    let want = Want {
        source: Source::Pns,
        code: "600011",
        category: Failure,
        actor: actor(Source::Cmcc, "103119"),
        carrier: Some(Carrier::Cmcc),
        request_id: None,
        causes: &[(Source::Cmcc, "103119", true)],
    };
    let line = r#"getLoginToken fail: code=600011 msg=获取token失败 carrierFailedResultData={"resultCode":"103119","desc":"appid不存在"}"#;
    check(line, &want);
    assert_eq!(
        normalize(line).unwrap().raw_msg.as_deref(),
        Some("获取token失败")
    );
    check(
        r#"resultCode: 600011, "carrierFailedResultData": {resultCode: 103119}"#,
        &want,
    );
    // Not a carrier-data key before the object, or no code before the key: the object is read.
    let other = normalize(r#"code=600011 note={"resultCode":"103119"}"#).unwrap();
    assert_eq!(
        (other.source, other.code.as_ref()),
        (Source::Cmcc, "103119")
    );
    let alone = normalize(r#"carrierFailedResultData={"resultCode":"103119"}"#).unwrap();
    assert_eq!(
        (alone.source, alone.code.as_ref()),
        (Source::Cmcc, "103119")
    );
}

/// An SMS code written in words is a credential, not a result code: no cause is read from it
/// (a red-team find: `482913` was the root cause, listed in reports), and it is redacted.
#[test]
fn an_sms_code_in_words_is_no_cause() {
    let n = normalize(r#"{"code":"600011","msg":"短信登录失败 sms code: 482913"}"#).unwrap();
    assert!(n.root_cause.is_none(), "{n:?}");
    assert_eq!(
        n.raw_msg.as_deref(),
        Some("短信登录失败 sms code: <redacted code: 6 chars>")
    );
    // Other words before `code` still name a result code.
    let n = normalize(r#"{"code":"600011","msg":"result code: 103119"}"#).unwrap();
    assert_eq!(chain(&n), [(Source::Cmcc, "103119", true)]);
}

/// A code value whose digits run on into letters or a fraction is kept whole and unknown: not
/// read as its leading digits (`0x1F` is no `0`, a success), and a number written as text
/// reads as the same bare number does.
#[test]
fn codes_whose_digits_run_on_are_kept_whole() {
    for (raw, code) in [
        (r#"{"code":"0x1F"}"#, "0x1F"),
        (r#"{"resultCode":"0abc"}"#, "0abc"),
        (r#"{"code":"0e5"}"#, "0e5"),
        (r#"{"code":"1e3"}"#, "1e3"),
        (r#"{"code":"6.0e5"}"#, "6.0e5"),
        (r#"{"code":6.0e5}"#, "6.0e5"),
    ] {
        let n = normalize(raw).unwrap();
        assert_eq!((n.code.as_ref(), n.known), (code, false), "{raw}");
        assert_eq!(n.outcome, numauth::AuthOutcome::Unknown, "{raw}");
    }
    // An integer written with a zero fraction, as text or bare, is that integer.
    for raw in [r#"{"code":"600011.0"}"#, r#"{"code":600011.0}"#] {
        let n = normalize(raw).unwrap();
        assert_eq!((n.code.as_ref(), n.known), ("600011", true), "{raw}");
    }
    // A message glued to the code after its key is still read as the message.
    let n = normalize(r#"{"code":"1105msg:参数信息错误"}"#).unwrap();
    assert_eq!(n.code, "1105");
    assert_eq!(n.raw_msg.as_deref(), Some("参数信息错误"));
}
