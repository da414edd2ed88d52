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
        "138 1234-5678",                                // two separators
        "138 12345 678",                                // groups of another size
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
