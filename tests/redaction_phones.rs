//! Phone numbers written among words: in a message (the callback's own or a cause's), in text
//! kept in `extra`, in a list, in a request id or as a code. Each is redacted in place, the
//! words around it kept; digits that are not a mobile number are kept as written.

use numauth::{normalize_callback, AuthOutcome, Callback, ExtraValue, Hint, Source};

mod common;
use common::{cause, extra, n};

const R11: &str = "<redacted phone: 11 chars>";

/// `msg` as the message of a PNS failure: its raw message as normalised.
fn in_msg(msg: &str) -> String {
    let raw = serde_json::json!({"code": "600011", "msg": msg}).to_string();
    let n = n(&raw);
    // The message is redacted, not the reading: still PNS 600011.
    assert_eq!(
        (n.source, n.code.as_ref()),
        (Source::Pns, "600011"),
        "{raw}"
    );
    n.raw_msg
        .unwrap_or_else(|| panic!("{raw}: no raw_msg"))
        .into_owned()
}

#[test]
fn a_number_in_a_message_is_redacted_in_place() {
    let cases = [
        ("手机号13812345678格式非法", format!("手机号{R11}格式非法")),
        ("mobile:19912345678.", format!("mobile:{R11}.")),
        (
            "号码+8613812345678错误",
            "号码<redacted phone: 14 chars>错误".into(),
        ),
        (
            "号码 8613812345678",
            "号码 <redacted phone: 13 chars>".into(),
        ),
        (
            "tel 138 1234 5678 x",
            "tel <redacted phone: 13 chars> x".into(),
        ),
        ("tel 138-1234-5678", "tel <redacted phone: 13 chars>".into()),
        ("tel 138.1234.5678", "tel <redacted phone: 13 chars>".into()),
        ("tel 138-12345678", "tel <redacted phone: 12 chars>".into()),
        // Two different separators, or the first group in brackets, as people write them.
        ("tel 138 1234-5678", "tel <redacted phone: 13 chars>".into()),
        (
            "联系电话(138)1234-5678",
            "联系电话<redacted phone: 14 chars>".into(),
        ),
        (
            "+86 (139) 1234 5678",
            "+86 <redacted phone: 15 chars>".into(),
        ),
        (
            "号码138 12345678。",
            "号码<redacted phone: 12 chars>。".into(),
        ),
        ("phone13812345678", format!("phone{R11}")),
        // Every number, not only the first.
        (
            "13812345678/13912345678 和 15012345678",
            format!("{R11}/{R11} 和 {R11}"),
        ),
    ];
    for (msg, want) in cases {
        assert_eq!(in_msg(msg), want, "{msg}");
    }
}

#[test]
fn digits_that_are_no_mobile_number_are_kept() {
    for msg in [
        "138123456789",                                 // 12 digits
        "1381234567",                                   // 10 digits
        "12812345678",                                  // no mobile prefix 1[3-9]
        "ts 1701234567890",                             // a millisecond timestamp
        "8713812345678",                                // 13 digits, not 86
        "138****5678 已脱敏",                           // already masked
        "138 12345 678",                                // groups of another size
        "cost 138.12345678 ms",                         // a fraction, not 3-8
        "id 0b6f3a1e-77c2-4d1a-9f3e-a13812345678",      // in a UUID
        "sha deadbeef13812345678cafe",                  // in a hex word
        "code:600011 msg:获取token失败 req:1234567890", // no number at all
    ] {
        assert_eq!(in_msg(msg), msg);
    }
}

/// The cause's message (carrier data, inner message merged into the carrier's code) is
/// redacted as the callback's own is, and so are IDaaS template values taken from a message.
#[test]
fn causes_and_template_values_are_redacted() {
    let android = r#"{"code":"600011","msg":"获取token失败","carrierFailedResultData":"{\"resultCode\":\"103111\",\"msg\":\"号码13812345678错误\"}"}"#;
    let c = cause(&n(android)).clone();
    assert_eq!(
        (c.code.as_ref(), c.outcome),
        ("103111", AuthOutcome::CarrierUnsupported)
    );
    assert_eq!(
        c.raw_msg.as_deref(),
        Some(format!("号码{R11}错误").as_str())
    );
    // iOS: the carrier's code twice (innerCode and data), its message only as innerMsg.
    let ios = r#"{"resultCode":"600011","msg":"获取token失败","innerCode":"103111","innerMsg":"号码13812345678错误","carrierFailedResultData":{"resultCode":"103111"}}"#;
    let c = cause(&n(ios)).clone();
    assert_eq!(c.code, "103111");
    assert_eq!(
        c.raw_msg.as_deref(),
        Some(format!("号码{R11}错误").as_str())
    );
    // An IDaaS message fills the template `参数{0}格式错误`: its value is redacted too.
    let idaas = n(r#"{"code":"IDAAS.SDK.COMMON.1002","message":"参数13812345678格式错误"}"#);
    let params = idaas.params.expect("template values");
    assert_eq!(params.values, [R11]);
}

#[test]
fn numbers_in_kept_text_and_lists_are_redacted() {
    let got = n(
        r#"{"code":"600011","note":"用户13812345678登录失败","list":["13812345678","a 13912345678 b",13712345678,12],"obj":{"k":"call 13812345678"},"dart":"{code: 1, hint: 13812345678 ok}"}"#,
    );
    assert_eq!(
        extra(&got, "note").unwrap().as_str(),
        format!("用户{R11}登录失败")
    );
    let list: serde_json::Value =
        serde_json::from_str(extra(&got, "list").unwrap().as_str()).unwrap();
    assert_eq!(
        list,
        serde_json::json!([R11, format!("a {R11} b"), R11, 12])
    );
    let obj: serde_json::Value =
        serde_json::from_str(extra(&got, "obj").unwrap().as_str()).unwrap();
    assert_eq!(obj, serde_json::json!({"k": format!("call {R11}")}));
    let dart = extra(&got, "dart").unwrap().as_str();
    assert!(
        !dart.contains("13812345678") && dart.contains(R11),
        "{dart}"
    );
    // An unquoted word in a Dart map, and text without a number kept as it came (borrowed).
    let bare = n("{code: 600011, who: u13812345678, note: plain}");
    assert_eq!(
        extra(&bare, "who"),
        Some(&ExtraValue::Text(format!("u{R11}").into()))
    );
    assert!(matches!(
        extra(&bare, "note"),
        Some(ExtraValue::Text(std::borrow::Cow::Borrowed("plain")))
    ));
}

/// A nested object too broken for any of its fields to hold the number (found by the fuzzer's
/// planted number): kept as written, the number redacted in its text.
#[test]
fn numbers_in_broken_nested_objects_are_redacted() {
    let got = n(r#"{"code":"6","o":{"a&hon"13800138000"}"#);
    assert_eq!(
        extra(&got, "o"),
        Some(&ExtraValue::Json(format!(r#"{{"a&hon"{R11}"}}"#).into()))
    );
    let got = n(r#"{"code":"6","p":{"x" 13912345678 "y"}, "q": 1}"#);
    assert_eq!(
        extra(&got, "p"),
        Some(&ExtraValue::Json(format!(r#"{{"x" {R11} "y"}}"#).into()))
    );
}

/// A request id or a code that is a phone number is redacted; a known code never is, and an
/// id that only holds digits among its hex is kept whole.
#[test]
fn ids_and_codes_that_are_numbers_are_redacted() {
    let rid = n(r#"{"code":"600011","msg":"x","requestId":"13812345678"}"#);
    assert_eq!(rid.request_id.as_deref(), Some(R11));
    let inside = n(r#"{"code":"600011","requestId":"req-13812345678"}"#);
    assert_eq!(
        inside.request_id.as_deref(),
        Some(format!("req-{R11}").as_str())
    );
    let uuid = "0b6f3a1e-77c2-4d1a-9f3e-a13812345678";
    let raw = format!(r#"{{"code":"600011","requestId":"{uuid}"}}"#);
    let kept = n(&raw);
    assert_eq!(kept.request_id.as_deref(), Some(uuid));
    let code = n(r#"{"code":"13812345678","msg":"x"}"#);
    assert_eq!((code.code.as_ref(), code.known), (R11, false));
    // In a cause too: a carrier data's own request id.
    let nested = n(
        r#"{"code":"600011","carrierFailedResultData":"{\"resultCode\":\"103111\",\"requestId\":\"13812345678\"}"}"#,
    );
    assert_eq!(cause(&nested).request_id.as_deref(), Some(R11));
    // The typed-callback entry point redacts the same fields.
    let cb = Callback {
        code: "600011",
        msg: Some("手机号13812345678格式非法"),
        request_id: Some("13812345678"),
        ..Callback::default()
    };
    let typed = normalize_callback(&cb, Hint::default());
    assert_eq!(
        typed.raw_msg.as_deref(),
        Some(format!("手机号{R11}格式非法").as_str())
    );
    assert_eq!(typed.request_id.as_deref(), Some(R11));
}

/// Causes are read from the message as written, and the number redacted afterwards: the
/// redaction never joins or splits the codes around a number.
#[test]
fn causes_are_read_before_the_number_is_redacted() {
    // Digits run into `code:1105`: as written, no cause is named (the text reads `…5678code`).
    let joined = n(
        r#"{"code":"600011","msg":"获取token失败(手机号13812345678code:1105msg:参数信息错误)","vendorName":"cu_xw"}"#,
    );
    assert_eq!(
        (joined.outcome, joined.root_cause.is_none()),
        (AuthOutcome::TokenFailed, true)
    );
    assert_eq!(
        joined.raw_msg.as_deref(),
        Some(format!("获取token失败(手机号{R11}code:1105msg:参数信息错误)").as_str())
    );
    // A number as a JSON code in GeYan's message: still its cause, the code redacted. No table
    // knows it, so it stays in the namespace of Getui's `errorCode` layer, with the carrier
    // the callback names.
    let geyan = n(
        r#"{"gyuid":"g","code":30008,"operator":"CU","msg":"{\"errorCode\":13812345678,\"errorDesc\":\"x\"}"}"#,
    );
    let c = cause(&geyan);
    assert_eq!((c.source, c.code.as_ref()), (Source::GeyanError, R11));
    assert_eq!((c.known, c.carrier), (false, Some(numauth::Carrier::Cucc)));
    assert_eq!(
        geyan.raw_msg.as_deref(),
        Some(format!(r#"{{"errorCode":{R11},"errorDesc":"x"}}"#).as_str())
    );
    // A phone key in a cause read from the message: redacted once, with the value's length.
    let keyed =
        n(r#"{"code":"600011","msg":"{\"resultCode\":\"103111\",\"phone\":\"138 1234 5678\"}"}"#);
    assert_eq!(
        extra(cause(&keyed), "phone").unwrap().as_str(),
        "<redacted phone: 13 chars>"
    );
}

/// JSON held in a message or a kept string, with its Chinese escaped as `\uXXXX`: the escape's
/// hex digits are not the number's.
#[test]
fn numbers_after_escaped_chinese_are_found() {
    let escaped = n(
        r#"{"code":"600011","msg":"{\"desc\": \"\\u624b\\u673a\\u53f7\\uff1a13812345678\"}","data":"{\"x\": \"\\u53f7\\u780113912345678\"}"}"#,
    );
    assert_eq!(
        escaped.raw_msg.as_deref(),
        Some(format!(r#"{{"desc": "\u624b\u673a\u53f7\uff1a{R11}"}}"#).as_str())
    );
    assert_eq!(
        extra(&escaped, "data").unwrap().as_str(),
        format!(r#"{{"x": "\u53f7\u7801{R11}"}}"#)
    );
}

#[test]
fn keys_numbers_and_prefixes_that_hold_a_number_are_redacted() {
    let got = n(
        r#"{"code":"tel13812345678","msg":"号码008613812345678","13912345678":"x","obj":{"15012345678":1,"f":13812345678.0,"g":-13812345678},"h":-13812345678,"e":1.3812345678E10,"small":1.5E3}"#,
    );
    assert_eq!(got.code, format!("tel{R11}"));
    assert_eq!(
        got.raw_msg.as_deref(),
        Some("号码<redacted phone: 15 chars>")
    );
    let keys: Vec<&str> = got.extra.iter().map(|(k, _)| k.as_ref()).collect();
    assert_eq!(keys, [R11, "obj", "h", "e", "small"]);
    let obj: serde_json::Value =
        serde_json::from_str(extra(&got, "obj").unwrap().as_str()).unwrap();
    let (f, g) = ("<redacted phone: 13 chars>", "<redacted phone: 12 chars>");
    assert_eq!(obj, serde_json::json!({R11: 1, "f": f, "g": g}));
    assert_eq!(extra(&got, "h"), Some(&ExtraValue::Text(g.into())));
    // A number written with an exponent, which JSON output prints as `13812345678.0`.
    let e = "<redacted phone: 15 chars>";
    assert_eq!(extra(&got, "e"), Some(&ExtraValue::Text(e.into())));
    assert_eq!(
        extra(&got, "small"),
        Some(&ExtraValue::Json("1.5E3".into()))
    );
    // Keys of objects written as Java or Dart print them.
    for raw in [
        "TokenRet{code=600011, extras={13812345678=ok, a=b}}",
        "{code: 600011, 13812345678: ok, data: {13912345678: 1}}",
    ] {
        let out = format!("{:?}", n(raw));
        assert!(
            !out.contains("13812345678") && !out.contains("13912345678"),
            "{out}"
        );
        assert!(out.contains(R11), "{out}");
    }
}

/// JSON held in a kept string is kept as written, the number redacted in place: its keys
/// keep their order and `1.50` its zero.
#[test]
fn json_held_in_a_string_keeps_its_form() {
    let got =
        n(r#"{"code":"600011","data":"{\"z\": 1, \"x\": \"call 13812345678\", \"n\": 1.50}"}"#);
    assert_eq!(
        extra(&got, "data").unwrap().as_str(),
        format!(r#"{{"z": 1, "x": "call {R11}", "n": 1.50}}"#)
    );
}

/// Results built by hand are redacted as `normalize`'s are.
#[test]
fn built_results_and_typed_callbacks_are_redacted_too() {
    let built = numauth::Normalized::from_code(Source::Pns, "13812345678")
        .with_raw_msg("号码13912345678")
        .with_request_id("15012345678");
    assert_eq!(built.code, R11);
    assert_eq!(
        built.raw_msg.as_deref(),
        Some(format!("号码{R11}").as_str())
    );
    assert_eq!(built.request_id.as_deref(), Some(R11));
    let cb = Callback {
        code: "600011",
        vendor_name: Some("vendor13812345678"),
        ..Callback::default()
    };
    let typed = normalize_callback(&cb, Hint::default());
    assert_eq!(
        extra(&typed, "vendorName").unwrap().as_str(),
        format!("vendor{R11}")
    );
}

/// A number typed in full-width digits (a Chinese input method's full-width mode) is one too:
/// in the callback's message, a cause's, `extra`'s text and keys, and a typed callback's fields.
#[test]
fn numbers_in_full_width_digits_are_redacted() {
    let wide = "１３８１２３４５６７８";
    assert_eq!(
        in_msg(&format!("手机号{wide}格式非法")),
        format!("手机号{R11}格式非法")
    );
    assert_eq!(
        in_msg("号码＋８６１３８１２３４５６７８，请核对"),
        "号码<redacted phone: 14 chars>，请核对"
    );
    // Full-width punctuation and short full-width numbers around it are words, kept.
    assert_eq!(
        in_msg("错误码：１０３１１１，第２次"),
        "错误码：１０３１１１，第２次"
    );
    let raw = format!(
        r#"{{"code":"600011","msg":"获取token失败","carrierFailedResultData":"{{\"resultCode\":\"103111\",\"msg\":\"号码{wide}错误\"}}","note":"用户１３８　１２３４　５６７８","{wide}":"k"}}"#
    );
    let got = n(&raw);
    let c = cause(&got);
    assert_eq!(
        (c.code.as_ref(), c.raw_msg.as_deref()),
        ("103111", Some(format!("号码{R11}错误").as_str()))
    );
    assert_eq!(
        extra(&got, "note").unwrap().as_str(),
        "用户<redacted phone: 13 chars>"
    );
    assert_eq!(extra(&got, R11).unwrap().as_str(), "k");
    let shown = format!("{got:?}");
    assert!(!shown.contains("５６７８"), "{shown}");
    let cb = Callback {
        code: "600011",
        msg: Some(&format!("号码{wide}")),
        carrier_data: Some(&format!(r#"{{"resultCode":"103111","msg":"{wide}"}}"#)),
        ..Callback::default()
    };
    let typed = normalize_callback(&cb, Hint::default());
    let shown = format!("{typed:?}");
    assert!(
        !shown.contains("５６７８") && shown.contains(R11),
        "{shown}"
    );
}

/// Found by a red-team run: groups separated by the no-break space a word processor puts
/// there, a tab, a dash, or a full-width space or hyphen between ASCII digits, were kept.
#[test]
fn groups_with_other_separators_are_redacted() {
    for (sep, len) in [
        ('\u{a0}', 13),
        ('\t', 13),
        ('\u{2013}', 13),
        ('\u{2014}', 13),
        ('\u{3000}', 13),
        ('\u{ff0d}', 13),
        // A second red-team run: the hyphens, minus, middle dot and thin spaces of typeset text.
        ('\u{2010}', 13),
        ('\u{2011}', 13),
        ('\u{2012}', 13),
        ('\u{2212}', 13),
        ('\u{b7}', 13),
        ('\u{2009}', 13),
        ('\u{202f}', 13),
        // A third: the small hyphen-minus, the katakana middle dots, the hyphenation point.
        ('\u{fe63}', 13),
        ('\u{30fb}', 13),
        ('\u{ff65}', 13),
        ('\u{2027}', 13),
    ] {
        let msg = format!("号码138{sep}1234{sep}5678错误");
        assert_eq!(
            in_msg(&msg),
            format!("号码<redacted phone: {len} chars>错误"),
            "{sep:?}"
        );
        let eight = format!("号码138{sep}12345678");
        assert_eq!(in_msg(&eight), "号码<redacted phone: 12 chars>", "{sep:?}");
    }
    assert_eq!(
        in_msg("号码 138 - 1234 - 5678。"),
        "号码 <redacted phone: 17 chars>。"
    );
    // Two different separators make a number too; groups of other sizes do not.
    assert_eq!(in_msg("138\u{a0}1234-5678"), "<redacted phone: 13 chars>");
    for kept in ["1381\u{a0}234\u{a0}5678", "138\u{2013}123\u{2013}45678"] {
        assert_eq!(in_msg(kept), kept);
    }
}
