//! The binding's conversions and C ABI, from Rust, checked against the core library called
//! directly.

use std::ffi::{CStr, CString};

use numauth_ffi::capi::{
    numauth_explain, numauth_last_error, numauth_lookup, numauth_normalize, numauth_string_free,
    NumauthLookup, NumauthStatus,
};
use numauth_ffi::{ExtraValue, Hint, NormalizeResult, NumauthError};

const ANDROID: &str = r#"{"code":"600011","msg":"获取token失败","requestCode":0,"requestId":"0b6f3a1e","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}","token":"secret-token-1"}"#;

fn samples() -> Vec<String> {
    let text = include_str!("../../../data/samples/callbacks.ndjson");
    text.lines().map(str::to_owned).collect()
}

#[test]
fn records_carry_the_cores_ids_and_causes() {
    let n = numauth_ffi::normalize(ANDROID.to_owned()).unwrap();
    let core = numauth::normalize(ANDROID).unwrap();
    assert_eq!(n.source, core.source.as_str());
    assert_eq!(n.outcome, core.outcome.as_str());
    assert_eq!(n.actor, core.actor.as_str());
    assert_eq!(n.carrier.as_deref(), core.carrier.map(|c| c.as_str()));
    assert_eq!(n.causes.len(), 1);
    assert_eq!(
        (n.causes[0].source.as_str(), n.causes[0].code.as_str()),
        ("cmcc", "103119")
    );
    let token = n.extra.iter().find(|f| f.key == "token").unwrap();
    assert!(matches!(&token.value, ExtraValue::Text { value } if value.starts_with("<redacted")));
    assert!(!format!("{n:?}").contains("secret-token-1"));
}

/// A phone number in a message, a kept field or a request id reaches no record and no C result.
#[test]
fn phone_numbers_are_redacted_in_records_and_the_c_result() {
    let raw = r#"{"code":"600011","msg":"手机号13812345678格式非法","requestId":"13912345678","note":"用户15012345678","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"号码 137 1234 5678\"}"}"#;
    let n = numauth_ffi::normalize(raw.to_owned()).unwrap();
    let r11 = "<redacted phone: 11 chars>";
    assert_eq!(
        n.raw_msg.as_deref(),
        Some(format!("手机号{r11}格式非法").as_str())
    );
    assert_eq!(n.request_id.as_deref(), Some(r11));
    assert_eq!(
        n.causes[0].raw_msg.as_deref(),
        Some("号码 <redacted phone: 13 chars>")
    );
    let (status, json) = c_normalize(&CString::new(raw).unwrap());
    assert_eq!(status, NumauthStatus::Ok);
    for out in [format!("{n:?}"), json.unwrap()] {
        for number in ["13812345678", "13912345678", "15012345678", "137 1234 5678"] {
            assert!(!out.contains(number), "{number} in {out}");
        }
    }
}

/// A `Json` extra always parses as JSON; a literal in another shape (a Dart map's nested map, an
/// NSDictionary's) comes as `Text`, as written. Numbers and JSON objects stay `Json`.
#[test]
fn a_json_extra_is_always_json() {
    let extra = |raw: &str| numauth_ffi::normalize(raw.to_owned()).unwrap().extra;
    let dart = extra("{code: 600011, msg: 获取token失败, data: {a: 1, b: [x]}, requestCode: 0}");
    let kinds: Vec<_> = dart.iter().map(|f| (f.key.as_str(), &f.value)).collect();
    assert_eq!(
        kinds,
        [
            (
                "data",
                &ExtraValue::Text {
                    value: "{a: 1, b: [x]}".into()
                }
            ),
            ("requestCode", &ExtraValue::Json { value: "0".into() }),
        ]
    );
    let json = extra(r#"{"code":"600011","data":{"a":1},"ok":true,"n":null}"#);
    assert!(
        json.iter()
            .all(|f| matches!(f.value, ExtraValue::Json { .. })),
        "{json:?}"
    );
    assert_eq!(
        json[0].value,
        ExtraValue::Json {
            value: r#"{"a":1}"#.into()
        },
        "as written"
    );
    let ios = extra("{\n    resultCode = 600011;\n    data = {\n        a = 1;\n    };\n}");
    assert!(
        matches!(&ios[0].value, ExtraValue::Text { value } if value.contains("a = 1")),
        "{ios:?}"
    );
    let sample_extras = samples()
        .into_iter()
        .flat_map(|l| numauth_ffi::normalize(l).map_or(vec![], |n| n.extra));
    for f in sample_extras {
        if let ExtraValue::Json { value } = &f.value {
            let parsed = serde_json::from_str::<serde_json::Value>(value);
            assert!(parsed.is_ok(), "{}: {value}", f.key);
        }
    }
}

#[test]
fn every_sample_line_converts_like_the_core() {
    for line in samples() {
        match (
            numauth::normalize(&line),
            numauth_ffi::normalize(line.clone()),
        ) {
            (Ok(core), Ok(n)) => {
                assert_eq!(n.code, core.code, "{line}");
                assert_eq!(n.known, core.known, "{line}");
                assert_eq!(n.outcome, core.outcome.as_str(), "{line}");
                assert_eq!(n.raw_msg.as_deref(), core.raw_msg.as_deref(), "{line}");
                assert_eq!(n.extra.len(), core.extra.len(), "{line}");
                let mut depth = 0;
                let mut c = core.root_cause.as_deref();
                while let Some(next) = c {
                    assert_eq!(n.causes[depth].code, next.code, "{line}");
                    depth += 1;
                    c = next.root_cause.as_deref();
                }
                assert_eq!(n.causes.len(), depth, "{line}");
            }
            (Err(core), Err(e)) => assert_eq!(e.to_string(), core.to_string(), "{line}"),
            (core, n) => panic!("{line}: core {core:?}, binding {n:?}"),
        }
    }
}

#[test]
fn normalize_many_keeps_order_and_failures() {
    let lines = samples();
    let many = numauth_ffi::normalize_many(lines.clone());
    assert_eq!(many.len(), lines.len());
    for (line, result) in lines.iter().zip(&many) {
        match result {
            NormalizeResult::Ok { normalized } => {
                assert_eq!(normalized, &numauth_ffi::normalize(line.clone()).unwrap())
            }
            NormalizeResult::Failed { error } => {
                assert_eq!(error, &numauth::normalize(line).unwrap_err().to_string())
            }
        }
    }
    assert!(many
        .iter()
        .any(|r| matches!(r, NormalizeResult::Failed { .. })));
}

#[test]
fn errors_say_what_was_wrong() {
    let err = numauth_ffi::lookup("cmc".into(), "1".into()).unwrap_err();
    assert!(
        matches!(&err, NumauthError::InvalidId { kind, given, expected, .. }
            if kind == "source" && given == "cmc" && expected.iter().any(|e| e == "cmcc")),
        "{err:?}"
    );
    let err = numauth_ffi::normalize("{msg: 获取token失败}".into()).unwrap_err();
    assert!(
        matches!(&err, NumauthError::NoCode { shape, .. } if shape == "dart_map"),
        "{err:?}"
    );
    // Swift's print of the iOS SDK's `resultDic`, as an iOS team pastes it.
    let err = numauth_ffi::normalize(r#"[AnyHashable("msg"): 获取token失败]"#.into()).unwrap_err();
    assert!(
        matches!(&err, NumauthError::NoCode { shape, detail }
            if shape == "swift_dictionary" && detail.contains("Swift dictionary print")),
        "{err:?}"
    );
    assert!(matches!(
        numauth_ffi::normalize(" ".into()),
        Err(NumauthError::Empty { .. })
    ));
    let hint = Hint {
        platform: Some("symbian".into()),
        ..Hint::default()
    };
    assert!(matches!(
        numauth_ffi::normalize_with("600001".into(), hint),
        Err(NumauthError::InvalidId { .. })
    ));
    let hint = Hint {
        os_version: Some("sixteen".into()),
        ..Hint::default()
    };
    let err = numauth_ffi::normalize_with("600004".into(), hint).unwrap_err();
    assert!(
        matches!(&err, NumauthError::InvalidId { kind, given, detail, .. }
            if kind == "os_version" && given == "sixteen" && detail.contains("16.4")),
        "{err:?}"
    );
}

/// The hint's versions reach the advice table, and the record carries the rule the core picked.
#[test]
fn advice_follows_the_hints_platform_and_versions() {
    let ios = |os: &str, sdk: &str| Hint {
        platform: Some("ios".into()),
        os_version: Some(os.into()),
        sdk_version: Some(sdk.into()),
        ..Hint::default()
    };
    let raw = r#"{"resultCode":"600004","msg":"获取运营商配置信息失败"}"#;
    let old = numauth_ffi::normalize_with(raw.into(), ios("16.4", "2.12.13")).unwrap();
    let advice = old
        .advice
        .expect("iOS 16.4 with SDK 2.12.13 has the upgrade advice");
    assert_eq!(advice.id, "ios_16_4_carrier_config");
    assert_eq!(
        (advice.actor.as_str(), advice.action.as_str()),
        ("developer", "upgrade_sdk")
    );
    assert!(advice.text.en.contains("2.12.14") && advice.text.zh.contains("2.12.14"));
    assert!(!advice.provenance.is_empty());
    for (os, sdk) in [("16.3", "2.12.13"), ("16.4", "2.12.14")] {
        let n = numauth_ffi::normalize_with(raw.into(), ios(os, sdk)).unwrap();
        assert_ne!(
            n.advice.map(|a| a.id).as_deref(),
            Some("ios_16_4_carrier_config"),
            "iOS {os}, SDK {sdk}"
        );
    }
    // The same as the core for every sample line, some of which have advice.
    let mut advised = 0;
    for line in samples() {
        if let (Ok(core), Ok(n)) = (
            numauth::normalize(&line),
            numauth_ffi::normalize(line.clone()),
        ) {
            assert_eq!(
                n.advice.as_ref().map(|a| a.id.as_str()),
                core.advice.as_ref().map(|a| &*a.id),
                "{line}"
            );
            assert_eq!(
                n.advice.map(|a| a.text.zh),
                core.advice.as_ref().map(|a| a.zh.to_string()),
                "{line}"
            );
            advised += usize::from(core.advice.is_some());
        }
    }
    assert!(
        advised > 0,
        "no sample line has advice: the comparison above proves nothing"
    );
}

#[test]
fn lookups_convert_every_row_of_the_catalog() {
    for entry in numauth::entries() {
        for e in numauth_ffi::candidates(entry.code().to_owned()) {
            assert_eq!(e.code, entry.code());
            assert!(
                !e.message.zh.is_empty() && !e.message.en.is_empty(),
                "{entry}"
            );
            assert!(!e.explanation.title.en.is_empty(), "{entry}");
        }
    }
    let e = numauth_ffi::lookup_with_msg("cucc".into(), "1".into(), "请求超时".into())
        .unwrap()
        .unwrap();
    assert_eq!(
        (e.outcome.as_str(), e.match_zh.as_deref()),
        ("timeout", Some("请求超时"))
    );
    assert_eq!(numauth_ffi::catalog_version(), numauth::DATA_VERSION);
}

/// Calls `numauth_normalize` and returns its status and JSON.
fn c_normalize(raw: &CStr) -> (NumauthStatus, Option<String>) {
    let mut out = std::ptr::null_mut();
    // SAFETY: a valid C string and out-pointer; the result is freed below.
    let status = unsafe { numauth_normalize(raw.as_ptr(), &mut out) };
    if out.is_null() {
        return (status, None);
    }
    // SAFETY: a string from numauth_normalize, freed once.
    let json = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
    // SAFETY: as above.
    unsafe { numauth_string_free(out) };
    (status, Some(json))
}

#[test]
fn c_normalize_is_the_cores_serde_json() {
    for line in samples() {
        let c = CString::new(line.as_str()).unwrap();
        let (status, json) = c_normalize(&c);
        match numauth::normalize(&line) {
            Ok(n) => {
                assert_eq!(status, NumauthStatus::Ok);
                assert_eq!(json.unwrap(), serde_json::to_string(&n).unwrap());
            }
            Err(e) => {
                assert_eq!((status, json), (NumauthStatus::ParseFailed, None));
                // SAFETY: the last error is a valid C string until the next call.
                let msg = unsafe { CStr::from_ptr(numauth_last_error()) };
                assert_eq!(msg.to_str().unwrap(), e.to_string());
            }
        }
    }
}

#[test]
fn c_functions_refuse_null_and_bad_utf8() {
    let bad = CString::new(vec![b'6', 0xff, b'1']).unwrap();
    assert_eq!(c_normalize(&bad), (NumauthStatus::InvalidUtf8, None));
    let mut ids = NumauthLookup {
        outcome: std::ptr::null(),
        category: std::ptr::null(),
        actor: std::ptr::null(),
        action: std::ptr::null(),
        retryable: false,
    };
    // SAFETY: NULL arguments are part of the contract; `ids` is valid for writes.
    unsafe {
        assert_eq!(
            numauth_lookup(std::ptr::null(), c"1".as_ptr(), &mut ids),
            NumauthStatus::NullArgument
        );
        assert_eq!(
            numauth_lookup(c"pns".as_ptr(), c"600011".as_ptr(), std::ptr::null_mut()),
            NumauthStatus::NullArgument
        );
        assert_eq!(
            numauth_explain(c"600011".as_ptr(), std::ptr::null(), std::ptr::null_mut()),
            NumauthStatus::NullArgument
        );
        assert_eq!(
            numauth_lookup(c"pns".as_ptr(), c"600011".as_ptr(), &mut ids),
            NumauthStatus::Ok
        );
        assert!(numauth_last_error().is_null());
        assert_eq!(
            CStr::from_ptr(ids.outcome).to_str().unwrap(),
            "token_failed"
        );
    }
}
