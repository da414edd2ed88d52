//! `normalize` at its limits: errors that say why, the input size and nesting depth limits,
//! counted on every way a payload can nest (objects, arrays, strings, log text around a string,
//! carrier data and a parent SDK's layer).

use numauth::{normalize, AuthOutcome, ParseError, Shape, Source, MAX_DEPTH, MAX_INPUT_BYTES};
use serde_json::json;

mod common;
use common::n;
#[test]
fn errors_say_why() {
    assert_eq!(normalize(""), Err(ParseError::Empty));
    assert_eq!(normalize(" \n\t"), Err(ParseError::Empty));
    assert_eq!(normalize("\"\""), Err(ParseError::Empty));
    let cases = [
        (r#"{"msg":"获取token失败"}"#, Shape::Json, "JSON object"),
        (
            "resultDic = {\n    msg = \"x\";\n}",
            Shape::NsDictionary,
            "NSDictionary description",
        ),
        (
            "{msg: 获取token失败, data: null}",
            Shape::DartMap,
            "Dart map print",
        ),
        (
            "TokenRet{msg='x', token='null'}",
            Shape::JavaToString,
            "Java toString",
        ),
        (
            "onTokenFailed: something went wrong",
            Shape::Text,
            "plain text",
        ),
        // `;` alone, or `name =` alone, makes `key = value` an NSDictionary.
        (
            "{\n    msg = \"x\";\n}",
            Shape::NsDictionary,
            "NSDictionary description",
        ),
        (
            "resultDic = {msg = x}",
            Shape::NsDictionary,
            "NSDictionary description",
        ),
        // Swift's print of an `[AnyHashable: Any]` and of a `[String: Any]`.
        (
            r#"[AnyHashable("msg"): 获取token失败]"#,
            Shape::SwiftDictionary,
            "Swift dictionary print",
        ),
        (
            r#"Optional(["msg": "x"])"#,
            Shape::SwiftDictionary,
            "Swift dictionary print",
        ),
        // As many quoted keys as bare ones: JSON.
        (r#"{"msg":"x", note: y}"#, Shape::Json, "JSON object"),
        // Single-quoted and escaped-quoted keys count as quoted.
        (r#"{'msg':'x', note: y}"#, Shape::Json, "JSON object"),
        (r#"{\"msg\":\"x\", note: y}"#, Shape::Json, "JSON object"),
        // Blanks and commas between entries are no keys.
        (
            r#"{ "msg" : "x" , "note" : "y" }"#,
            Shape::Json,
            "JSON object",
        ),
    ];
    for (raw, shape, described) in cases {
        let err = normalize(raw).unwrap_err();
        assert_eq!(err, ParseError::NoCode { shape }, "{raw}");
        assert_eq!(shape.describe(), described);
        let text = err.to_string();
        assert!(text.contains(described) && text.contains("code"), "{text}");
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
    // Carrier data inside carrier data: each wrapping is a string and an object, two levels.
    // Seven around an object holding an object reach level 16; eight are too deep.
    let wrapped = |times: usize| {
        let mut s = r#"{"resultCode":"103119","x":{"y":1}}"#.to_owned();
        for _ in 0..times {
            s = json!({"code": "600011", "carrierFailedResultData": s}).to_string();
        }
        s
    };
    assert!(normalize(&wrapped(MAX_DEPTH / 2 - 1)).is_ok());
    assert_eq!(
        normalize(&wrapped(MAX_DEPTH / 2)),
        Err(ParseError::TooDeep { max: MAX_DEPTH })
    );
    assert!(ParseError::TooDeep { max: MAX_DEPTH }
        .to_string()
        .contains("deeper"));
}

/// Carrier data inside carrier data `times` over, around `inner`: each wrapping is a string and
/// an object, two levels.
fn carrier_data_around(inner: &str, times: usize) -> String {
    let mut s = inner.to_owned();
    for _ in 0..times {
        s = json!({"code": "600011", "carrierFailedResultData": s}).to_string();
    }
    s
}

#[test]
fn a_text_at_the_deepest_level_is_read_and_a_string_around_it_is_one_more() {
    // Eight wrappings put a bare carrier code at level 16, the deepest read; nine are too deep.
    let deep =
        |inner: &str, times: usize| normalize(&carrier_data_around(inner, times)).map(|_| ());
    assert_eq!(deep("103119", MAX_DEPTH / 2), Ok(()));
    let too_deep = Err(ParseError::TooDeep { max: MAX_DEPTH });
    assert_eq!(deep("103119", MAX_DEPTH / 2 + 1), too_deep);
    // The same code held in a JSON string is one level deeper than the string.
    assert_eq!(deep("\"103119\"", MAX_DEPTH / 2 - 1), Ok(()));
    assert_eq!(deep("\"103119\"", MAX_DEPTH / 2), too_deep);
    // An object in a JSON string: at level 16 it is read, at 17 it is too deep.
    let object_in_string = json!(r#"{"resultCode":"103119"}"#).to_string();
    assert_eq!(deep(&object_in_string, MAX_DEPTH / 2 - 1), Ok(()));
    assert_eq!(deep(&object_in_string, MAX_DEPTH / 2), too_deep);
}

#[test]
fn a_json_string_inside_log_text_is_one_level() {
    let nested = |depth: usize| {
        let obj = format!(
            r#"{{"code":"600008","x":{}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        format!("onTokenFailed: {}", json!(obj))
    };
    let raw = nested(MAX_DEPTH - 2);
    let ok = n(&raw);
    assert_eq!(
        (ok.source, ok.code.as_ref(), ok.outcome),
        (Source::Pns, "600008", AuthOutcome::MobileDataDisabled)
    );
    assert_eq!(
        normalize(&nested(MAX_DEPTH - 1)),
        Err(ParseError::TooDeep { max: MAX_DEPTH })
    );
}

#[test]
fn a_callback_held_in_a_value_is_one_level_deeper() {
    // The object around it is a level: seven wrappings of carrier data fit, eight do not.
    let in_data = |times: usize| {
        let raw = format!(
            r#"{{"msg":"x","data":{}}}"#,
            carrier_data_around("103119", times)
        );
        normalize(&raw).map(|n| n.code.into_owned())
    };
    assert_eq!(in_data(MAX_DEPTH / 2 - 1), Ok("600011".to_owned()));
    assert_eq!(
        in_data(MAX_DEPTH / 2),
        Err(ParseError::TooDeep { max: MAX_DEPTH })
    );
}

#[test]
fn a_message_naming_a_code_is_read_one_level_deeper() {
    // Six wrappings of carrier data around a callback whose message names a carrier code,
    // itself held in JSON strings: two strings fit, three are too deep.
    let raw = |strings: usize| {
        let mut msg = "vendorCode:103911".to_owned();
        for _ in 0..strings {
            msg = json!(msg).to_string();
        }
        carrier_data_around(&json!({"code": "600012", "msg": msg}).to_string(), 6)
    };
    assert!(normalize(&raw(2)).is_ok());
    assert_eq!(
        normalize(&raw(3)),
        Err(ParseError::TooDeep { max: MAX_DEPTH })
    );
}

/// Found by a red-team run: the CLI drops NUL bytes when it reads a log, the bindings did not,
/// and a NUL inside a code cut it (`600\0011` read as China Unicom's `600`).
#[test]
fn nul_bytes_are_dropped_before_reading() {
    let n = normalize("{\"code\":\"600\u{0}011\",\"msg\":\"获取token失败\"}").unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600011"));
    assert_eq!(n.outcome, AuthOutcome::TokenFailed);
    assert_eq!(n.raw_msg.as_deref(), Some("获取token失败"));
    assert_eq!(normalize("\u{0}\u{0}"), Err(ParseError::Empty));
}

/// Found by a red-team run: a NUL written as an escape (`\u0000`, as `jq -R .` quotes a log
/// line holding one) was kept, cutting a code (`"600\u0000008"` gave no code) or a number
/// (`138\u00001234\u00005678` was not redacted). It is dropped as a raw one is.
#[test]
fn escaped_nul_bytes_are_dropped_too() {
    let n = normalize(r#""600\u0000008""#).unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600008"));
    let n = normalize(r#""{\"code\":\"6\u000000012\"}""#).unwrap();
    assert_eq!(n.code, "600012");
    let n = normalize(r#"{"code":"600011","msg":"138\u00001234\u00005678"}"#).unwrap();
    assert_eq!(n.raw_msg.as_deref(), Some("<redacted phone: 11 chars>"));
}

/// A JSON string holding the callback (an NDJSON line quoting raw text) is read when the text
/// it holds fits the limit, its escapes taking the line up to twice as long (as the CLI reads
/// lines): the CLI and the bindings read such a line alike. Longer, or holding more, it is
/// too large, named by the length given.
#[test]
fn a_quoted_callback_may_take_twice_the_limit_for_its_escapes() {
    // `\"` held, `\\\"` in the line: twice as long.
    let quotes = MAX_INPUT_BYTES / 4;
    let inner = format!(r#"{{"code":"600008","msg":"{}"}}"#, "\\\"".repeat(quotes));
    assert!(inner.len() <= MAX_INPUT_BYTES, "{}", inner.len());
    let line = serde_json::to_string(&inner).unwrap();
    assert!(line.len() > MAX_INPUT_BYTES && line.len() <= 2 * MAX_INPUT_BYTES);
    assert_eq!(normalize(&line).unwrap().code, "600008");
    // Exactly twice the limit, holding what fits (`\u0001`: six bytes for one): read.
    let many = MAX_INPUT_BYTES / 3 - 100;
    let held = |pad: &str| {
        format!(
            r#"{{"code":"600008","pad":"{}{pad}"}}"#,
            "\u{1}".repeat(many)
        )
    };
    let base = serde_json::to_string(&held("")).unwrap().len();
    let inner = held(&"x".repeat(2 * MAX_INPUT_BYTES - base));
    let line = serde_json::to_string(&inner).unwrap();
    assert_eq!(line.len(), 2 * MAX_INPUT_BYTES);
    assert!(inner.len() <= MAX_INPUT_BYTES);
    assert_eq!(normalize(&line).unwrap().code, "600008");
    // Holding more than the limit: too large, whatever the escapes.
    let inner = format!(
        r#"{{"code":"600008","pad":"{}"}}"#,
        "x".repeat(MAX_INPUT_BYTES)
    );
    let line = serde_json::to_string(&inner).unwrap();
    assert_eq!(
        normalize(&line).unwrap_err(),
        ParseError::TooLarge {
            len: line.len(),
            max: MAX_INPUT_BYTES
        }
    );
    // Not a JSON string: the limit is the limit.
    let text = format!("code:600008 {}", "\\\"".repeat(3 * quotes));
    assert!(text.len() > MAX_INPUT_BYTES && text.len() < 2 * MAX_INPUT_BYTES);
    assert!(matches!(normalize(&text), Err(ParseError::TooLarge { .. })));
    // A line over twice the limit, though what it holds would fit (`\u0001`: six bytes for one).
    let inner = format!(
        r#"{{"code":"600008","pad":"{}"}}"#,
        "\u{1}".repeat(2 * quotes)
    );
    assert!(inner.len() <= MAX_INPUT_BYTES);
    let line = serde_json::to_string(&inner).unwrap();
    assert!(line.len() > 2 * MAX_INPUT_BYTES);
    assert!(matches!(normalize(&line), Err(ParseError::TooLarge { .. })));
}

/// A code sent as a number that is no integer code (a red-team find): its first digits were
/// taken for the code (`6.00011e5` as `6`, `-8004.5` as China Telecom's `-8004`), and a number
/// longer than any code gave "no result code found" as if the field were missing. Each is
/// now the code as sent, known nowhere; `600011.0` is still 600011.
#[test]
fn a_number_that_is_no_integer_code_is_kept_whole() {
    for (raw, code) in [
        (r#"{"code":6.00011e5}"#, "6.00011e5"),
        (r#"{"code":1e400}"#, "1e400"),
        (r#"{"result":-8004.5}"#, "-8004.5"),
        (
            r#"{"code":99999999999999999999999999999}"#,
            "99999999999999999999999999999",
        ),
    ] {
        let n = numauth::normalize(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert_eq!((n.code.as_ref(), n.known), (code, false), "{raw}");
        assert_ne!(
            n.source,
            numauth::Source::Dypns,
            "{raw}: a number is no word"
        );
    }
    let n = numauth::normalize(r#"{"code":600011.0}"#).unwrap();
    assert_eq!((n.code.as_ref(), n.known), ("600011", true));
}
