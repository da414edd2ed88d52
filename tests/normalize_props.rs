//! Totality of `normalize`: arbitrary text and mutated real payloads never panic, and every
//! result it returns is coherent with the catalog.

// Some are used only by the tests of the `serde` feature.
#[cfg_attr(not(feature = "serde"), allow(unused_imports))]
use numauth::{
    lookup, lookup_with_msg, normalize, normalize_callback, Callback, ExtraValue, Hint, Normalized,
};
use proptest::prelude::*;

/// Real payloads of every shape, the seeds of the mutations.
const SEEDS: &[&str] = &[
    r#"{"code":"600011","msg":"获取token失败","requestCode":0,"requestId":"0b6f","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"}"#,
    r#"{"resultCode":"600011","msg":"获取token失败","requestId":"9a1e","innerCode":"-10009","innerMsg":"时间戳过期","carrierFailedResultData":{"result":-10009}}"#,
    "resultDic = {\n    msg = \"\\U65e0SIM\\U5361\";\n    requestId = 7c2d;\n    resultCode = 600007;\n}",
    "{msg: 蜂窝网络未开启, code: 600008, data: null}",
    "TokenRet{vendorName='cu_xw', code='600011', msg='获取token失败', carrierFailedResultData='{\"resultCode\":\"1\",\"resultMsg\":\"请求超时\"}', requestId=5e, requestCode=0, token='null'}",
    "onTokenFailed: {\"code\":\"600011\",\"msg\":\"vendorCode:103911, msg:token请求过于频繁\"}",
    "code:1105msg:参数信息错误",
    "result code:410004 msg:数据网络未开启",
    r#"{"resultCode":410004,"resultMsg":"数据网络未开启","seq":"a1"}"#,
    r#"{"result":-8004,"msg":"移动数据网络未开启","reqId":"r1"}"#,
    r#"{"resultCode":"400007","resultMsg":"失败","innerCode":"1600011","innerMsg":"x","templateId":"t","nodeId":"n","carrierFailedResultData":"{\"resultCode\":\"103911\"}"}"#,
    r#"{"code":"0","data":{"session_token":"abc","id_token":"def"}}"#,
    r#"{"error_code":"IDAAS.SDK.LOGIN.1003","error_msg":"用户因多次登录失败已被锁定，将在4分30秒后解锁"}"#,
    r#""{\"code\":\"600011\",\"carrierFailedResultData\":\"{\\\"result\\\":-8004}\"}""#,
    "{\n    carrierFailedResultData =     {\n        resultCode = 103119;\n    };\n    resultCode = 600011;\n}",
];

/// What every `Ok` must satisfy, at every level of the cause chain.
fn check(n: &Normalized<'_>, depth: usize) -> Result<(), TestCaseError> {
    prop_assert!(depth < 64, "cause chain too long");
    prop_assert!(!n.code.is_empty(), "empty code: {n:?}");
    if n.known {
        let entry = lookup(n.source, &n.code).or_else(|| {
            lookup_with_msg(n.source, &n.code, n.raw_msg.as_deref().unwrap_or_default())
        });
        prop_assert!(
            entry.is_some(),
            "known {} {} but lookup disagrees",
            n.source,
            n.code
        );
        prop_assert!(n.message.is_some());
        prop_assert_eq!(
            n.entry().map(|e| (e.source(), e.code())),
            Some((n.source, entry.map_or("", |e| e.code())))
        );
    } else {
        prop_assert!(n.message.is_none());
    }
    // Serialising never fails either, and reads back as the same result (the whole chain, so
    // only from the top).
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_string(n);
        prop_assert!(json.is_ok());
        if depth == 0 {
            let back: Result<Normalized<'static>, _> = serde_json::from_str(&json.unwrap());
            prop_assert_eq!(back.ok(), Some(as_written_out(n.clone().into_owned())));
        }
    }
    if let Some(cause) = &n.root_cause {
        check(cause, depth + 1)?;
    }
    Ok(())
}

/// `n` as its JSON reads back, by `ExtraValue`'s documented rule: an `extra` value that is
/// JSON comes back as serde_json writes it, one that is not JSON (or is a JSON string) as text.
#[cfg(feature = "serde")]
fn as_written_out(mut n: Normalized<'static>) -> Normalized<'static> {
    n.extra = n
        .extra
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                ExtraValue::Json(raw) => match serde_json::from_str::<serde_json::Value>(&raw) {
                    Ok(serde_json::Value::String(s)) => ExtraValue::Text(s.into()),
                    Ok(json) => ExtraValue::Json(json.to_string().into()),
                    Err(_) => ExtraValue::Text(raw),
                },
                text => text,
            };
            (k, v)
        })
        .collect();
    n.root_cause = n.root_cause.map(|c| Box::new(as_written_out(*c)));
    n
}

fn char_boundaries(s: &str) -> Vec<usize> {
    (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect()
}

/// One mutation of a seed at character boundaries.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Insert(usize, String),
    Remove(usize, usize),
    Swap(usize, usize),
    Duplicate(usize, usize),
}

fn apply(seed: &str, m: &Mutation) -> String {
    let b = char_boundaries(seed);
    let at = |i: usize| b[i % b.len()];
    match m {
        Mutation::Truncate(i) => seed[..at(*i)].to_owned(),
        Mutation::Insert(i, text) => format!("{}{}{}", &seed[..at(*i)], text, &seed[at(*i)..]),
        Mutation::Remove(i, j) => {
            let (x, y) = (at(*i).min(at(*j)), at(*i).max(at(*j)));
            format!("{}{}", &seed[..x], &seed[y..])
        }
        Mutation::Swap(i, j) => {
            let (x, y) = (at(*i).min(at(*j)), at(*i).max(at(*j)));
            let (Some(cx), Some(cy)) = (seed[x..].chars().next(), seed[y..].chars().next()) else {
                return seed.to_owned();
            };
            if x == y || x + cx.len_utf8() > y {
                return seed.to_owned();
            }
            format!(
                "{}{}{}{}{}",
                &seed[..x],
                cy,
                &seed[x + cx.len_utf8()..y],
                cx,
                &seed[y + cy.len_utf8()..]
            )
        }
        Mutation::Duplicate(i, j) => {
            let (x, y) = (at(*i).min(at(*j)), at(*i).max(at(*j)));
            format!("{}{}", &seed[..y], &seed[x..])
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let noise = prop_oneof![
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("'".to_owned()),
        Just(":".to_owned()),
        Just("\\u".to_owned()),
        Just("\\ud83d".to_owned()),
        Just(",code:".to_owned()),
        Just("[[[[".to_owned()),
        Just("手".to_owned()),
        "\\PC{0,8}",
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), noise).prop_map(|(i, t)| Mutation::Insert(i, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Mutation::Remove(i, j)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Mutation::Swap(i, j)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Mutation::Duplicate(i, j)),
    ]
}

/// 2000 cases per property, or `PROPTEST_CASES` (as proptest's own default config reads it):
/// `scripts/mutants` runs fewer, since every mutant that survives runs them all.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(raw in "\\PC{0,200}") {
        if let Ok(n) = normalize(&raw) {
            check(&n, 0)?;
        }
    }

    #[test]
    fn structured_noise_never_panics(raw in "[{}\\[\\]()\"'\\\\:=,; \\nUu0-9a-fA-Fcodemsg=;-]{0,120}") {
        if let Ok(n) = normalize(&raw) {
            check(&n, 0)?;
        }
    }

    #[test]
    fn mutated_payloads_never_panic(seed in 0..SEEDS.len(), mutations in prop::collection::vec(mutation(), 1..5)) {
        let mut raw = SEEDS[seed].to_owned();
        for m in &mutations {
            raw = apply(&raw, m);
        }
        if let Ok(n) = normalize(&raw) {
            check(&n, 0)?;
        }
        // The same text as a JSON string (what the CLI receives) and as carrier data.
        let quoted = serde_json::to_string(&raw).unwrap();
        if let Ok(n) = normalize(&quoted) {
            check(&n, 0)?;
        }
        let n = normalize_callback(&Callback { code: "600011", carrier_data: Some(&raw), msg: Some(&raw), ..Callback::default() }, Hint::default());
        check(&n, 0)?;
    }

    #[test]
    fn callbacks_are_total(code in "\\PC{0,12}", msg in proptest::option::of("\\PC{0,40}"), inner in proptest::option::of("-?[0-9]{1,7}"), vendor in proptest::option::of("\\PC{0,8}")) {
        let cb = Callback { code: &code, msg: msg.as_deref(), inner_code: inner.as_deref(), vendor_name: vendor.as_deref(), ..Callback::default() };
        let n = normalize_callback(&cb, Hint::default());
        if !code.trim().is_empty() {
            check(&n, 0)?;
        }
    }
}

#[test]
fn every_seed_normalises() {
    for seed in SEEDS {
        let n = normalize(seed).unwrap_or_else(|e| panic!("{seed}: {e}"));
        assert!(n.known, "{seed}");
    }
}

#[test]
fn pathological_inputs_stay_fast_and_total() {
    let max = numauth::MAX_INPUT_BYTES;
    let inputs = [
        "'".repeat(max),
        "{'a".repeat(max / 3),
        "{\"a\":\"".repeat(max / 6),
        "{a:b,".repeat(max / 5),
        format!(
            "{{\"code\":\"600011\",\"msg\":\"{}\"}}",
            "code:1,".repeat(max / 8)
        ),
        "\\\"".repeat(max / 2),
        "{".repeat(max),
        "\"".repeat(max),
        ",".repeat(max),
        "code:".repeat(max / 5),
    ];
    let start = std::time::Instant::now();
    for raw in &inputs {
        let _ = normalize(raw);
    }
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
}
