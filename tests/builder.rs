//! `Normalized::from_code` and its `with_*` methods give what `normalize` gives for a payload
//! with the same fields, field for field (the whole cause chain included).

use numauth::{
    normalize, Action, Actor, AuthOutcome, Carrier, Category, ExtraValue, Normalized, Source,
};

fn text(s: &'static str) -> ExtraValue<'static> {
    ExtraValue::Text(s.into())
}

fn json(s: &'static str) -> ExtraValue<'static> {
    ExtraValue::Json(s.into())
}

/// Payloads, and the same callbacks built from their parts.
fn cases() -> Vec<(&'static str, Normalized<'static>)> {
    vec![
        // PNS Android with China Mobile's result nested as a string, and the carrier named.
        (
            r#"{"code":"600011","msg":"获取token失败","requestId":"0b6f","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"}"#,
            Normalized::from_code(Source::Pns, "600011")
                .with_raw_msg("获取token失败")
                .with_request_id("0b6f")
                .with_carrier(Carrier::Cmcc)
                .with_root_cause(
                    Normalized::from_code(Source::Cmcc, "103119").with_raw_msg("appid不存在"),
                ),
        ),
        // A carrier's success under a PNS failure: the failure stands.
        (
            r#"{"code":"600011","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103000\"}"}"#,
            Normalized::from_code(Source::Pns, "600011")
                .with_root_cause(Normalized::from_code(Source::Cmcc, "103000"))
                .with_carrier(Carrier::Cmcc),
        ),
        // A cause the catalog does not know: the top's outcome stays, the carrier is the cause's.
        (
            r#"{"code":"600011","vendorName":"ct_sjl","carrierFailedResultData":"{\"result\":-424242}"}"#,
            Normalized::from_code(Source::Pns, "600011")
                .with_root_cause(Normalized::from_code(Source::Ctcc, "-424242")),
        ),
        // China Unicom `1` + message, with its `seq`.
        (
            r#"{"resultCode":1,"resultMsg":"请求超时","seq":"a1"}"#,
            Normalized::from_code(Source::Cucc, "1")
                .with_raw_msg("请求超时")
                .with_request_id("a1"),
        ),
        // IDaaS template values.
        (
            r#"{"error_code":"IDAAS.SDK.LOGIN.1003","error_msg":"用户因多次登录失败已被锁定，将在4分30秒后解锁"}"#,
            Normalized::from_code(Source::Idaas, "IDAAS.SDK.LOGIN.1003")
                .with_raw_msg("用户因多次登录失败已被锁定，将在4分30秒后解锁"),
        ),
        // A token and a number in `extra`, a token sent as the message.
        (
            r#"{"code":"600000","msg":"获取token成功","token":"STsid0000001","requestCode":0}"#,
            Normalized::from_code(Source::Pns, "600000")
                .with_raw_msg("获取token成功")
                .with_extra("token", text("STsid0000001"))
                .with_extra("requestCode", json("0")),
        ),
        (
            r#"{"code":6000,"content":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"}"#,
            Normalized::from_code(Source::Jverify, "6000")
                .with_raw_msg("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"),
        ),
        // Advice from the versions the payload carries.
        (
            r#"{"resultCode":"600004","msg":"获取运营商配置信息失败","osVersion":"16.4","sdkVersion":"2.12.10"}"#,
            Normalized::from_code(Source::Pns, "600004")
                .with_raw_msg("获取运营商配置信息失败")
                .with_extra("osVersion", text("16.4"))
                .with_extra("sdkVersion", text("2.12.10")),
        ),
        // An unknown code, and a nested object in `extra`.
        (
            r#"{"code":"600099","o":{"a":[1,2]},"phone":"13800138000"}"#,
            Normalized::from_code(Source::Pns, "600099")
                .with_extra("o", json(r#"{"a":[1,2]}"#))
                .with_extra("phone", text("13800138000")),
        ),
    ]
}

#[test]
fn built_results_equal_normalized_payloads() {
    let built: Vec<Normalized<'static>> = cases()
        .into_iter()
        .map(|(raw, built)| {
            let n = normalize(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(built, n, "{raw}");
            built
        })
        .collect();
    // The table covers what the builder works out: advice, IDaaS values, redaction, causes.
    let has = |f: fn(&Normalized<'_>) -> bool| built.iter().any(f);
    assert!(has(|n| n.advice.is_some()));
    assert!(has(|n| n.params.is_some()));
    assert!(has(|n| n
        .raw_msg
        .as_deref()
        .is_some_and(|m| m.starts_with("<redacted token"))));
    assert!(has(|n| n
        .extra
        .get("phone")
        .is_some_and(|v| v.as_str() == "<redacted phone: 11 chars>")));
    assert!(has(
        |n| n.root_cause.is_some() && !n.root_cause.as_ref().unwrap().known
    ));
}

/// The figures the table above rests on, written out for one case, so that a builder and a
/// normaliser wrong in the same way cannot pass unseen.
#[test]
fn the_cause_decides_the_outcome_and_the_code_stays_the_top() {
    let n = Normalized::from_code(Source::Pns, "600011")
        .with_root_cause(Normalized::from_code(Source::Cmcc, "103119"));
    assert_eq!(
        (n.source, n.code.as_ref(), n.known),
        (Source::Pns, "600011", true)
    );
    assert_eq!(
        (n.outcome, n.category, n.actor, n.retryable),
        (
            AuthOutcome::InvalidConfiguration,
            Category::Failure,
            Actor::Developer,
            false
        )
    );
    assert_ne!(n.action, Action::None);
    // The top code's text (data/pns.yaml), not the cause's.
    assert_eq!(n.message.unwrap().en, "Failed to obtain the token");
    assert_eq!(n.carrier, Some(Carrier::Cmcc));
    let cause = n.root_cause.as_deref().unwrap();
    assert_eq!(
        (cause.source, cause.code.as_ref()),
        (Source::Cmcc, "103119")
    );
    // The order of the calls does not matter.
    let other = Normalized::from_code(Source::Pns, "600011")
        .with_carrier(Carrier::Cmcc)
        .with_root_cause(Normalized::from_code(Source::Cmcc, "103119"));
    assert_eq!(other, n);
    let named = Normalized::from_code(Source::Pns, "600011")
        .with_carrier(Carrier::Ctcc)
        .with_root_cause(Normalized::from_code(Source::Cmcc, "103119"));
    assert_eq!(named.carrier, Some(Carrier::Ctcc), "a named carrier stays");
}

#[test]
fn a_message_that_picks_another_row_changes_the_reading() {
    let plain = Normalized::from_code(Source::Cucc, "1");
    let timeout = plain.clone().with_raw_msg("请求超时");
    assert_eq!(timeout.outcome, AuthOutcome::Timeout);
    assert_ne!(plain.message, timeout.message);
    // A cause known underneath still decides, whatever the message.
    let n = Normalized::from_code(Source::Pns, "600011")
        .with_root_cause(Normalized::from_code(Source::Cmcc, "103119"))
        .with_raw_msg("获取token失败");
    assert_eq!(n.outcome, AuthOutcome::InvalidConfiguration);
}

#[test]
fn from_code_is_normalize_with_the_code_alone_for_every_catalog_code() {
    let mut checked = 0;
    for e in numauth::entries() {
        let hint = numauth::Hint {
            source: Some(e.source()),
            ..numauth::Hint::default()
        };
        // As a payload holding only the code: not every code can be given bare (`OK`).
        let raw = format!(r#"{{"code":{}}}"#, serde_json::to_string(e.code()).unwrap());
        let n = numauth::normalize_with(&raw, hint).unwrap_or_else(|err| panic!("{e}: {err}"));
        assert_eq!(Normalized::from_code(e.source(), e.code()), n, "{e}");
        checked += 1;
    }
    assert!(checked > 500, "{checked}");
}
