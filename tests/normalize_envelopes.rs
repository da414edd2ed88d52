//! What a server or a logging pipeline wraps around a result: the exception message of an
//! Alibaba Cloud OpenAPI SDK (the Dypnsapi server's client), and a JSON log line whose field holds
//! the callback as text.
//!
//! The exception message is `code: <HTTP status>, <the body's Message> request id: <the body's
//! RequestId>` in every language of `aliyun/darabonba-openapi` (commit 8b916ca8,
//! `java/.../teaopenapi/Client.java` line 284, `golang/client/client.go` line 1793,
//! `python/alibabacloud_tea_openapi/client.py` line 290), thrown for a 4xx or 5xx answer. Java's
//! `getMessage()` and Go's `Error()` are that text alone; the body's `Code` is not in it. The
//! status is no code of any SDK's or carrier's table: 400, 404 and 503 must not be read as China
//! Unicom's, China Telecom's and China Mobile's codes of the same numbers.
//!
//! The log lines use logstash-logback-encoder's field names (`@timestamp`, `message`,
//! `stack_trace`). The expected views are written from the payloads, not from output.

use numauth::{normalize, ParseError, MAX_DEPTH};

mod common;
use common::{check, view};

const JAVA_MESSAGE: &str = "code: 400, 号码格式非法 request id: 8E9A2C3D-1F2B";

#[test]
fn an_openapi_exception_message_is_the_server_answering_with_an_http_status() {
    let java = format!("com.aliyun.tea.TeaException: {JAVA_MESSAGE}");
    let logged = format!("2026-11-30 10:00:01 ERROR LoginService - 取号失败: {JAVA_MESSAGE}");
    check(&[
        // Java's `getMessage()`, Go's `Error()`: the message alone.
        (
            JAVA_MESSAGE,
            "dypns 400 unknown msg=号码格式非法 req=8E9A2C3D-1F2B",
        ),
        // Java's `toString()`, and the message after a log line's own words.
        (&java, "dypns 400 unknown msg=号码格式非法 req=8E9A2C3D-1F2B"),
        (&logged, "dypns 400 unknown msg=号码格式非法 req=8E9A2C3D-1F2B"),
        // 404 is China Telecom's and 503 China Mobile's in their tables; 403 no table's.
        (
            "code: 404, Specified api is not found, please check your url and method. request id: r-1",
            "dypns 404 unknown msg=Specified api is not found, please check your url and method. req=r-1",
        ),
        (
            "code: 503, The request has failed due to a temporary failure of the server. request id: r-2",
            "dypns 503 unknown msg=The request has failed due to a temporary failure of the server. req=r-2",
        ),
        (
            "code: 403, You are not authorized to do this action. request id: r-3",
            "dypns 403 unknown msg=You are not authorized to do this action. req=r-3",
        ),
        // A body without a message: Java writes `null`, Python `None`.
        ("code: 500, null request id: r-4", "dypns 500 unknown req=r-4"),
        ("code: 502, None request id: r-5", "dypns 502 unknown req=r-5"),
    ]);
}

/// The old Java SDK (`aliyun-java-sdk-core`, `com.aliyuncs.exceptions`): `getMessage()` is
/// `<ErrCode> : <ErrMsg>` and, when the server answered, `\r\nRequestId : <RequestId>`; the code
/// is the body's, read in the Dypnsapi table.
#[test]
fn the_old_java_sdks_exception_is_the_servers_code() {
    check(&[
        (
            "com.aliyuncs.exceptions.ServerException: Throttling.System : The request was denied due to API flow control.\r\nRequestId : 5C2F-01",
            "dypns Throttling.System rate_limited msg=The request was denied due to API flow control. req=5C2F-01",
        ),
        (
            "isv.MOBILE_NUMBER_ILLEGAL : 号码格式非法\r\nRequestId : 8E9A",
            "dypns isv.MOBILE_NUMBER_ILLEGAL invalid_request msg=号码格式非法 req=8E9A",
        ),
        // A client-side error (no answer, no request id): named by its class.
        (
            "com.aliyuncs.exceptions.ClientException: SDK.ServerUnreachable : Server unreachable: connection refused\n\tat com.aliyuncs.DefaultAcsClient.doAction(DefaultAcsClient.java:315)",
            "dypns SDK.ServerUnreachable unknown msg=Server unreachable: connection refused",
        ),
    ]);
    assert!(normalize("Throttling.User : Request was denied").is_err());
}

#[test]
fn the_body_code_wins_over_the_http_status_wherever_it_is_named() {
    check(&[
        // The old Tea Python print: `Error: {code} {message} Response: {data}`, data a dict.
        (
            "Error: isv.MOBILE_NUMBER_ILLEGAL code: 400, 号码格式非法 request id: 8E9A Response: {'Code': 'isv.MOBILE_NUMBER_ILLEGAL', 'Message': '号码格式非法', 'RequestId': '8E9A', 'statusCode': 400}",
            "dypns isv.MOBILE_NUMBER_ILLEGAL invalid_request msg=号码格式非法 req=8E9A extra=statusCode",
        ),
        // The body named after the message in text that is not an object.
        (
            "code: 400, 号码格式非法 request id: 8E9A Code: isv.MOBILE_NUMBER_ILLEGAL",
            "dypns isv.MOBILE_NUMBER_ILLEGAL invalid_request msg=号码格式非法 req=8E9A",
        ),
    ]);
}

#[test]
fn look_alikes_of_the_exception_message_keep_their_reading() {
    check(&[
        // 2xx is no error the SDKs throw for; four digits and a missing request id are another
        // text; `result code` is another key.
        ("code: 200, ok request id: r-1", "pns 200 unknown req=r-1"),
        ("code: 4000, x request id: r-1", "pns 4000 unknown req=r-1"),
        (
            "code: 400, 请求参数为空",
            "cucc 400 invalid_request carrier=cucc",
        ),
        (
            "code: 400,no blank request id: r-1",
            "cucc 400 invalid_request req=r-1 carrier=cucc",
        ),
        (
            "code: 400, 请求参数为空\nrequest id: r-1",
            "cucc 400 invalid_request req=r-1 carrier=cucc",
        ),
        (
            "result code: 400, x request id: r-1",
            "cucc 400 invalid_request req=r-1 carrier=cucc",
        ),
    ]);
}

#[test]
fn a_log_envelope_field_holding_the_callback_is_read_as_the_callback() {
    check(&[
        // An Android `onTokenFailed` string logged as a JSON field: escaped twice underneath.
        (
            r#"{"@timestamp":"2026-11-30T10:00:00.000+08:00","level":"ERROR","message":"onTokenFailed: {\"code\":\"600011\",\"msg\":\"获取token失败\",\"carrierFailedResultData\":\"{\\\"resultCode\\\":\\\"103111\\\",\\\"desc\\\":\\\"网关IP错误\\\"}\"}"}"#,
            "pns 600011 carrier_unsupported msg=获取token失败 carrier=cmcc <- cmcc 103111 carrier_unsupported msg=网关IP错误 carrier=cmcc",
        ),
        // The same callback as the whole field.
        (
            r#"{"level":"ERROR","message":"{\"code\":\"600011\",\"msg\":\"获取token失败\",\"carrierFailedResultData\":\"{\\\"resultCode\\\":\\\"103111\\\",\\\"desc\\\":\\\"网关IP错误\\\"}\"}"}"#,
            "pns 600011 carrier_unsupported msg=获取token失败 carrier=cmcc <- cmcc 103111 carrier_unsupported msg=网关IP错误 carrier=cmcc",
        ),
        // A field without escapes, after other words.
        (
            r#"{"level":"WARN","message":"ret={code=600008, msg=移动网络未开启}"}"#,
            "pns 600008 mobile_data_disabled msg=移动网络未开启",
        ),
        // A Java map's `toString` in a field without escapes: its carrier data is the cause.
        (
            r#"{"level":"WARN","message":"onTokenFailed: {code=600011, msg=获取token失败, carrierFailedResultData={resultCode=103111, desc=网关IP错误}}"}"#,
            "pns 600011 carrier_unsupported msg=获取token失败 carrier=cmcc <- cmcc 103111 carrier_unsupported msg=网关IP错误 carrier=cmcc",
        ),
        // The envelope's request id stands in for the callback's missing one, and only then.
        (
            r#"{"requestId":"req-7","message":"onTokenFailed: {\"code\":\"600008\",\"msg\":\"移动网络未开启\"}"}"#,
            "pns 600008 mobile_data_disabled msg=移动网络未开启 req=req-7",
        ),
        (
            r#"{"requestId":"req-7","message":"onTokenFailed: {\"code\":\"600008\",\"requestId\":\"cb-1\"}"}"#,
            "pns 600008 mobile_data_disabled req=cb-1",
        ),
        // Of the line's id fields, the best-ranked that has text (`data/sources.yaml`:
        // requestId, reqId, seq, processId), the first among equals.
        (
            r#"{"processId":"p-3","requestId":" ","reqId":"r-1","seq":"s-2","message":"onTokenFailed: {\"code\":\"600008\"}"}"#,
            "pns 600008 mobile_data_disabled req=r-1",
        ),
        (
            r#"{"processId":"p-3","process_id":"p-4","message":"onTokenFailed: {\"code\":\"600008\"}"}"#,
            "pns 600008 mobile_data_disabled req=p-3",
        ),
    ]);
}

/// `{"a":{"a":…{"code":"600011","carrierFailedResultData":{"resultCode":"103111"}}…}}`, `depth`
/// objects around the callback, its keys and values between `quote`s.
fn nested(depth: usize, quote: &str) -> String {
    let q = |s: &str| format!("{quote}{s}{quote}");
    let open = format!("{{{}:", q("a")).repeat(depth);
    let callback = format!(
        "{{{}:{},{}:{{{}:{}}}}}",
        q("code"),
        q("600011"),
        q("carrierFailedResultData"),
        q("resultCode"),
        q("103111")
    );
    format!("{open}{callback}{}", "}".repeat(depth))
}

#[test]
fn an_envelope_field_is_one_level_deeper_like_a_json_string() {
    // The payload in an envelope's field is read as in a JSON string (`"onTokenFailed: {...}"`):
    // one level deeper than the line. Where the string is too deep to read, the line keeps the
    // code its text names, without the cause underneath.
    let mut too_deep = [0, 0];
    for depth in 8..=16 {
        // Escaped JSON, and keys and values without quotes (no escapes in the field).
        for (shape, quote) in ["\\\"", ""].into_iter().enumerate() {
            let payload = nested(depth, quote);
            let envelope = format!(r#"{{"level":"ERROR","message":"onTokenFailed: {payload}"}}"#);
            let string = format!(r#""onTokenFailed: {payload}""#);
            let a = numauth::normalize(&envelope).map(|n| view(&n));
            match normalize(&string) {
                Ok(b) => {
                    assert_eq!(a, Ok(view(&b)), "{envelope}");
                    assert!(view(&b).contains("<- cmcc 103111"), "{string}");
                }
                Err(e) => {
                    assert_eq!(e, ParseError::TooDeep { max: MAX_DEPTH }, "{string}");
                    assert_eq!(a, Ok("pns 600011 token_failed".into()), "{envelope}");
                    too_deep[shape] += 1;
                }
            }
        }
    }
    // In both shapes the deepest nestings reached the limit, and the shallower were read.
    assert!(
        too_deep.iter().all(|&n| (1..9).contains(&n)),
        "{too_deep:?}"
    );
}

#[test]
fn an_envelope_never_makes_the_line_read_worse() {
    check(&[
        // The line's text names a code: another field's JSON is no reading of it.
        (
            r#"{"level":"ERROR","message":"onTokenFailed resultCode=600011 msg=获取token失败","caller":"LoginActivity.onResult(ret={\"ret\":0})"}"#,
            "pns 600011 token_failed msg=获取token失败",
        ),
        (
            r#"{"errMsg":"getPhoneNumber:fail 错误码600011 {\"errCode\":\"1\"}"}"#,
            "pns 600011 token_failed",
        ),
        // A field too deep to read beside a code the text names: the code stands.
        (
            &format!(
                r#"{{"message":"错误码600017 获取token失败","detail":"x {}"}}"#,
                nested(16, "\\\"")
            ),
            "pns 600017 invalid_configuration",
        ),
        // Nothing in the line names a code as text (`ret` is a code key in objects only): its
        // request id field still stands in, and an id in another field's text does not.
        (
            r#"{"requestId":"req-7","message":"onTokenFailed: {\"ret\":\"600008\",\"msg\":\"移动网络未开启\"}"}"#,
            "pns 600008 mobile_data_disabled msg=移动网络未开启 req=req-7",
        ),
        (
            r#"{"message":"onTokenFailed: {\"code\":\"600011\"}","stack_trace":"TeaException: code: 400, x request id: 8E9A"}"#,
            "pns 600011 token_failed",
        ),
    ]);
    // Nothing in the line's text names a code, and the field is too deep: too deep, not
    // "no code" (`ret` and `x` are no code keys).
    let unnamed = nested(16, "\\\"")
        .replace("code", "ret")
        .replace("resultCode", "x");
    let deep = format!(r#"{{"message":"x {unnamed}"}}"#);
    assert_eq!(
        numauth::normalize(&deep).map(|n| view(&n)),
        Err(ParseError::TooDeep { max: MAX_DEPTH })
    );
}

#[test]
fn a_shipper_around_a_logger_around_the_callback_is_read() {
    // Docker's json-file line around logback's JSON line around an Android callback.
    let logback = r#"{"level":"ERROR","message":"onTokenFailed: {\"code\":\"600011\",\"carrierFailedResultData\":\"{\\\"resultCode\\\":\\\"103111\\\"}\"}"}"#;
    let docker = format!(
        r#"{{"log":{},"stream":"stdout","time":"2026-11-30T02:00:00.1Z"}}"#,
        serde_json::to_string(&format!("{logback}\n")).unwrap()
    );
    let with_cause = "pns 600011 carrier_unsupported carrier=cmcc <- cmcc 103111 carrier_unsupported carrier=cmcc";
    check(&[(logback, with_cause), (&docker, with_cause)]);
    // Each JSON string around a line is a level: envelopes are looked into at levels 0 to 2,
    // so the third string leaves the line's text to its patterns, without the cause.
    let in_strings = |k: usize| {
        (0..k).fold(logback.to_owned(), |s, _| {
            serde_json::to_string(&s).unwrap()
        })
    };
    check(&[
        (&in_strings(2), with_cause),
        (&in_strings(3), "pns 600011 token_failed"),
    ]);
}

#[test]
fn an_openapi_exception_in_a_callback_message_is_the_servers_cause() {
    check(&[
        // A backend's own wrapper around the SDK's text: the status is no China Unicom code.
        (
            r#"{"code":"600011","msg":"code: 400, 号码格式非法 request id: 8E9A"}"#,
            "pns 600011 token_failed msg=code: 400, 号码格式非法 request id: 8E9A <- dypns 400 unknown msg=号码格式非法 req=8E9A",
        ),
        // A code inside the server's message is the message's: the status stays the code.
        (
            "code: 400, 错误码600017 request id: r-1",
            "dypns 400 unknown msg=错误码600017 req=r-1",
        ),
        // A code beside the exception text keeps its own reading (its message ends where the
        // next code's key starts, as in any text).
        (
            "onTokenFailed code=600011 msg=获取token失败; verify: code: 400, 号码格式非法 request id: r-1",
            "pns 600011 token_failed msg=获取token失败; verify req=r-1",
        ),
        // What an SDK prints for a missing id is no id; a missing id leaves the text as it was.
        ("code: 503, None request id: None", "dypns 503 unknown"),
        ("code: 400, 号码格式非法 request id:", "dypns 400 unknown msg=号码格式非法"),
    ]);
}

#[test]
fn an_openapi_message_in_a_log_lines_stack_trace_is_read_with_its_message() {
    let trace = format!(
        r#"{{"@timestamp":"2026-11-30T10:00:01.000+08:00","message":"GetMobile failed","level":"ERROR","stack_trace":"com.aliyun.tea.TeaException: {JAVA_MESSAGE}\n\tat com.aliyun.teaopenapi.Client.doRPCRequest(Client.java:284)\n\tat com.example.LoginService.getMobile(LoginService.java:42)\n"}}"#
    );
    check(&[(
        &trace,
        "dypns 400 unknown msg=号码格式非法 req=8E9A2C3D-1F2B",
    )]);
}

#[test]
fn an_envelope_without_a_callback_is_still_no_code() {
    for raw in [
        r#"{"level":"INFO","message":"user {id} opened the login page"}"#,
        r#"{"level":"INFO","message":"config {\"theme\":\"dark\"}"}"#,
    ] {
        let e = numauth::normalize(raw).expect_err(raw);
        assert!(e.to_string().contains("no result code"), "{raw}: {e}");
    }
}

/// react-native-ali-onepass rejects a failed pre-fetch with the vendor as the error's code and
/// the SDK's callback as its message (`promise.reject(vendor, ret)`, RNAliOnepassModule.java
/// @ef8f66a3): the vendor name is no code (it read as an unknown Dypnsapi code `cm_zyhl`), the
/// callback in the message is the result, with China Mobile's 200028 under it.
#[test]
fn a_vendor_name_where_the_code_goes_is_no_code() {
    let raw = r#"{"code":"cm_zyhl","message":"{\"code\":\"600012\",\"msg\":\"预取号失败\",\"carrierFailedResultData\":\"{\\\"resultCode\\\":\\\"200028\\\",\\\"desc\\\":\\\"网络异常\\\"}\"}"}"#;
    let n = numauth::normalize(raw).unwrap();
    assert_eq!(
        (n.source, n.code.as_ref()),
        (numauth::Source::Pns, "600012")
    );
    let c = n.root_cause.as_deref().unwrap();
    assert_eq!(
        (c.source, c.code.as_ref()),
        (numauth::Source::Cmcc, "200028")
    );
    assert_eq!(n.carrier, Some(numauth::Carrier::Cmcc));
    // With nothing else to read, no code at all, as the error says.
    let bare = numauth::normalize(r#"{"code":"cu_xw","message":"Accelerate verify failed"}"#);
    assert!(bare.is_err(), "{bare:?}");
    // A code that only starts alike is still one (Dypnsapi's words have a dot).
    let word = numauth::normalize(r#"{"code":"cm_","msg":"x"}"#).unwrap();
    assert_eq!(word.code.as_ref(), "cm_");
}

/// An object with no code of its own whose value holds the callback: its other fields are kept
/// in `extra` beside the callback's, redacted as they are (a red-team find: they were dropped,
/// a monitor upload's client block and a log line's level among them).
#[test]
fn the_fields_beside_a_callback_held_in_a_value_are_kept() {
    check(&[
        (
            r#"{"level":"ERROR","ts":"2024","payload":{"code":"600011","requestId":"r1"}}"#,
            "pns 600011 token_failed req=r1 extra=level,ts",
        ),
        (
            r#"{"u":{"authSdkCode":"600008","requestId":"a0ce"},"c":{"sdkVersion":"2.14.19"},"action":"pns.vendor.querylist"}"#,
            "pns 600008 mobile_data_disabled req=a0ce extra=c,action",
        ),
    ]);
    let n = normalize(
        r#"{"phone":"13812345678","token":"STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9","e":{"code":"600011"}}"#,
    )
    .unwrap();
    let kept = format!("{:?}", n.extra);
    assert!(
        !kept.contains("12345678") && !kept.contains("Ojg5Yz3J") && kept.contains("phone"),
        "{kept}"
    );
}
