//! `Detail::Outcome` gives the same typed fields as `Detail::Full` on every payload this
//! repository keeps, and leaves out the texts (in every cause too).

use std::path::Path;

use numauth::{normalize_with, Detail, Hint, Normalized, Platform, Version};

/// The payloads of `data/samples` and the fuzz seeds: every shape the tests know of.
fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let samples = std::fs::read_to_string(root.join("data/samples/callbacks.ndjson"))
        .expect("data/samples/callbacks.ndjson");
    let mut payloads: Vec<String> = samples.lines().map(str::to_owned).collect();
    let seeds = std::fs::read_dir(root.join("fuzz/seeds/normalize")).expect("fuzz/seeds/normalize");
    for seed in seeds {
        let bytes = std::fs::read(seed.expect("a seed").path()).expect("a seed's bytes");
        payloads.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    payloads
}

/// The typed fields of a node and of each cause under it.
fn typed(n: &Normalized<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = Some(n);
    while let Some(c) = cur {
        out.push(format!(
            "{:?} {} {} {:?} {:?} {:?} {} {:?} {:?} {:?} {:?} {:?}",
            c.source,
            c.code,
            c.known,
            c.outcome,
            c.category,
            c.actor,
            c.retryable,
            c.action,
            c.message,
            c.carrier,
            c.request_id,
            c.advice.as_ref().map(|a| &a.id),
        ));
        cur = c.root_cause.as_deref();
    }
    out
}

/// Whether a node or any cause under it keeps a text.
fn keeps_text(n: &Normalized<'_>) -> bool {
    let mut cur = Some(n);
    while let Some(c) = cur {
        if c.raw_msg.is_some() || c.params.is_some() || !c.extra.is_empty() {
            return true;
        }
        cur = c.root_cause.as_deref();
    }
    false
}

fn hints() -> [Hint; 2] {
    let ios = Hint {
        platform: Some(Platform::Ios),
        os_version: Some("16.4".parse::<Version>().expect("a version")),
        sdk_version: Some("2.12.9".parse::<Version>().expect("a version")),
        ..Hint::default()
    };
    [Hint::default(), ios]
}

#[test]
fn outcome_detail_keeps_every_typed_field_and_no_text() {
    let (mut compared, mut with_text, mut with_cause) = (0, 0, 0);
    for raw in corpus() {
        for hint in hints() {
            let lean = Hint {
                detail: Detail::Outcome,
                ..hint
            };
            match (normalize_with(&raw, hint), normalize_with(&raw, lean)) {
                (Ok(full), Ok(out)) => {
                    assert_eq!(typed(&full), typed(&out), "{raw}");
                    assert!(
                        !keeps_text(&out),
                        "a text kept under Outcome: {raw}\n{out:?}"
                    );
                    compared += 1;
                    with_text += usize::from(keeps_text(&full));
                    with_cause += usize::from(full.root_cause.is_some());
                }
                (Err(a), Err(b)) => assert_eq!(a, b, "{raw}"),
                (a, b) => panic!("{raw}: Full gave {a:?}, Outcome {b:?}"),
            }
        }
    }
    // Not vacuous: most payloads parse, and many keep texts and have causes.
    assert!(compared > 600, "only {compared} payloads compared");
    assert!(with_text > 400, "only {with_text} kept a text under Full");
    assert!(with_cause > 150, "only {with_cause} had a cause");
}

/// The versions a payload carries in fields that only `extra` holds still pick the advice.
#[test]
fn outcome_detail_reads_versions_from_left_out_fields() {
    let lean = Hint {
        detail: Detail::Outcome,
        ..Hint::default()
    };
    let old = r#"{"resultCode":"600004","msg":"x","sdkVersion":"2.12.3","release":"17.1"}"#;
    let new = r#"{"resultCode":"600004","msg":"x","sdkVersion":"2.12.14","release":"17.1"}"#;
    let advice = |raw| {
        let n = normalize_with(raw, lean).expect("parses");
        assert!(n.extra.is_empty() && n.raw_msg.is_none(), "{n:?}");
        n.advice.map(|a| a.id.to_string())
    };
    let full = |raw| normalize_with(raw, Hint::default()).expect("parses").advice;
    assert_eq!(advice(old), full(old).map(|a| a.id.to_string()));
    assert_eq!(advice(new), full(new).map(|a| a.id.to_string()));
    assert_ne!(
        advice(old),
        advice(new),
        "the SDK version picks no other advice"
    );
}

/// A phone number and a token in the left-out texts reach no field at all.
#[test]
fn outcome_detail_drops_secrets_with_the_texts() {
    let raw = r#"{"code":"600011","msg":"手机号13812345678 token=STsid0000001","requestId":"13812345678","token":"STsid0000001","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在 13812345678\"}"}"#;
    let lean = Hint {
        detail: Detail::Outcome,
        ..Hint::default()
    };
    let n = normalize_with(raw, lean).expect("parses");
    let all = format!("{n:?}");
    assert!(
        !all.contains("13812345678") && !all.contains("STsid0000001"),
        "{all}"
    );
    assert_eq!(
        n.root_cause.as_ref().map(|c| c.code.as_ref()),
        Some("103119")
    );
    assert!(n
        .request_id
        .as_deref()
        .is_some_and(|r| r.contains("redacted")));
}
