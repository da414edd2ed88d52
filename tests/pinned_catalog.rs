//! Catalog lookups that real payloads lean on (issue 17): China Unicom's `1` + a message that
//! holds several known texts (the longest wins), per-platform rows, and the number of meanings a
//! code has. Expected outcomes are written by hand from data/cucc.yaml and data/jverify.yaml.

use numauth::{
    candidates, lookup, lookup_on, lookup_with_msg, AuthOutcome, Lang, Platform, Source,
};

fn outcome(source: Source, code: &str, message: &str) -> Option<AuthOutcome> {
    lookup_with_msg(source, code, message).map(|e| e.outcome())
}

#[test]
fn the_longest_matching_message_text_wins() {
    use AuthOutcome::*;
    let rows = [
        // 网络请求失败 (18 bytes, network error) holds 请求 but not 请求超时 (12 bytes,
        // timeout); both are in the message, in either order.
        ("网络请求失败,请求超时", NetworkError),
        ("请求超时:网络请求失败", NetworkError),
        // 网关取号失败 (18, token) over 验签失败 (12, configuration).
        ("验签失败;网关取号失败", TokenFailed),
        ("网关取号失败 验签失败", TokenFailed),
        // English texts: "System internal error" (21, server) over "read failed" (11, network),
        // and "handshake failed" (16, network) over "response null" (13, server).
        ("read failed: System internal error", ServerError),
        ("System internal error, read failed", ServerError),
        ("response null after handshake failed", NetworkError),
        // A longer text in one language beats a shorter one in the other.
        ("Request timeout / 网关取号失败", TokenFailed),
        // One text alone.
        ("验签失败", InvalidConfiguration),
        ("xx 获得的手机授权码失败 xx", Timeout),
    ];
    for (message, want) in rows {
        assert_eq!(outcome(Source::Cucc, "1", message), Some(want), "{message}");
    }
}

#[test]
fn of_equally_long_texts_the_first_row_in_the_data_wins() {
    // 请求超时, 验签失败 and 未知错误 are 12 bytes each; data/cucc.yaml lists them in that order.
    let rows = [
        ("验签失败 请求超时", AuthOutcome::Timeout),
        ("请求超时 验签失败", AuthOutcome::Timeout),
        ("未知错误 验签失败", AuthOutcome::InvalidConfiguration),
    ];
    for (message, want) in rows {
        assert_eq!(outcome(Source::Cucc, "1", message), Some(want), "{message}");
    }
}

#[test]
fn without_a_matching_text_the_code_row_answers() {
    let fallback = lookup(Source::Cucc, "1").map(|e| e.outcome());
    assert_eq!(fallback, Some(AuthOutcome::TokenFailed));
    assert_eq!(outcome(Source::Cucc, "1", "nothing known"), fallback);
    // Code 2 has only a message row: no row without its text.
    assert_eq!(
        lookup(Source::Cucc, "2").map(|e| e.outcome()),
        Some(AuthOutcome::Timeout)
    );
    assert_eq!(
        outcome(Source::Cucc, "2", "请求超时"),
        Some(AuthOutcome::Timeout)
    );
    // Codes without message rows ignore the message.
    assert_eq!(
        outcome(Source::Cmcc, "103119", "请求超时"),
        Some(AuthOutcome::InvalidConfiguration)
    );
    assert_eq!(outcome(Source::Cmcc, "no such code", "请求超时"), None);
    assert_eq!(outcome(Source::Ctcc, "103119", "请求超时"), None);
}

#[test]
fn lookup_on_picks_the_platform_row() {
    let jverify: Source = "jverify".parse().unwrap();
    let on = |p| lookup_on(jverify, "1005", p).map(|e| e.message(Lang::En));
    // JVerification's 1005: "AppKey does not exist" on iOS, a package/AppKey mismatch on
    // Android and HarmonyOS.
    let ios = on(Platform::Ios).unwrap().to_ascii_lowercase();
    let android = on(Platform::Android).unwrap().to_ascii_lowercase();
    assert!(ios.contains("appkey") && !ios.contains("package"), "{ios}");
    assert!(android.contains("package"), "{android}");
    assert_eq!(on(Platform::Harmony), on(Platform::Android));
    // A platform without a row of its own gets the code's first row, as `lookup` does.
    assert_eq!(
        lookup_on(jverify, "1005", Platform::Web),
        lookup(jverify, "1005")
    );
    assert!(lookup(jverify, "1005").is_some());
    // Unknown codes and sources without the code: nothing.
    assert_eq!(lookup_on(jverify, "no such code", Platform::Ios), None);
    assert_eq!(lookup_on(Source::Ctcc, "600011", Platform::Ios), None);
    // A code with one row answers on every platform.
    for p in [Platform::Ios, Platform::Android, Platform::Web] {
        assert_eq!(
            lookup_on(Source::Cmcc, "103119", p).map(|e| e.outcome()),
            Some(AuthOutcome::InvalidConfiguration)
        );
    }
}

#[test]
fn candidates_count_every_meaning() {
    // Counted by hand in data/*.yaml: code-only rows and message rows alike.
    let rows = [
        ("600001", 4), // pns, fusion, pns_harmony, sms_auth
        ("-10008", 2), // cucc, ctcc
        ("103119", 1),
        ("no such code", 0),
    ];
    for (code, want) in rows {
        let found = candidates(code);
        assert_eq!(found.len(), want, "{code}");
        assert_eq!(found.clone().count(), want, "{code}");
        assert_eq!(found.size_hint(), (want, Some(want)), "{code}");
    }
    // Every row of China Unicom's `1` is a meaning of it.
    assert!(
        candidates("1")
            .filter(|e| e.source() == Source::Cucc)
            .count()
            > 20
    );
}

#[test]
fn the_vendors_own_suggestion_in_both_languages() {
    let e = lookup(Source::Pns, "600002").unwrap();
    assert!(e.suggestion(Lang::Zh).unwrap().starts_with("建议重置网络"));
    assert!(e.suggestion(Lang::En).unwrap().contains("airplane mode"));
    // A code the vendor gives no suggestion for.
    assert_eq!(
        lookup(Source::Pns, "600000").unwrap().suggestion(Lang::En),
        None
    );
}

/// Facts a row states for itself, written by hand from data/cmcc.yaml, data/ctcc.yaml,
/// data/idaas.yaml and data/pns.yaml.
#[test]
fn a_rows_own_facts_override_its_outcomes() {
    // cmcc 103111 (carrier_unsupported) is retryable by its own row; ctcc -32 is not.
    assert!(lookup(Source::Cmcc, "103111").unwrap().retryable());
    assert!(!lookup(Source::Ctcc, "-32").unwrap().retryable());
    // IDaaS rows carry the HTTP status of their response; SDK codes have none.
    assert_eq!(
        lookup(Source::Idaas, "IDAAS.SDK.COMMON.1001")
            .unwrap()
            .http_status(),
        Some(400)
    );
    assert_eq!(
        lookup(Source::Idaas, "IDAAS.SDK.COMMON.1008")
            .unwrap()
            .http_status(),
        Some(500)
    );
    assert_eq!(lookup(Source::Pns, "600000").unwrap().http_status(), None);
    // Which texts numauth translated, and why a choice was made.
    let e = lookup(Source::Pns, "600002").unwrap();
    assert_eq!(e.translated(), &[numauth::Translated::Suggestion]);
    assert_eq!(
        lookup(Source::Ctcc, "-32").unwrap().translated(),
        &[numauth::Translated::En]
    );
    assert!(e
        .note()
        .unwrap()
        .starts_with("Suggestion from the App table"));
    assert!(lookup(Source::Ctcc, "-32")
        .unwrap()
        .note()
        .unwrap()
        .contains("MobTech"));
}

#[test]
fn an_entry_prints_as_source_code_and_debugs_its_fields() {
    assert_eq!(
        lookup(Source::Pns, "600011").unwrap().to_string(),
        "pns 600011"
    );
    let timeout = lookup_with_msg(Source::Cucc, "1", "请求超时").unwrap();
    assert_eq!(timeout.to_string(), "cucc 1 [请求超时]");
    let debug = format!("{:?}", lookup(Source::Pns, "600002").unwrap());
    assert!(
        debug.starts_with("Entry {") && debug.contains("\"600002\""),
        "{debug}"
    );
    assert!(
        debug.contains("唤起授权页失败") && debug.contains("airplane mode"),
        "{debug}"
    );
}

/// The documents rows rest on, written by hand from data/provenance.yaml.
#[test]
fn provenance_documents_have_their_titles_and_places() {
    let seed = numauth::provenance_sources()
        .iter()
        .find(|p| p.id() == "SEED000")
        .expect("SEED000 is listed");
    assert!(seed.title().starts_with("BambooCloud (竹云) IDaaS iOS"));
    assert_eq!(seed.location(), "seed document 000_832022c1cb9aa7e5");
    assert_eq!(seed.kind(), numauth::ProvenanceKind::Seed);
}

/// The export leaves out what a row does not say (no empty `platforms` or `translated`).
#[test]
#[cfg(feature = "serde")]
fn the_export_has_platforms_and_translated_only_where_the_row_has_them() {
    let keys = |e: &numauth::Entry| {
        let v = serde_json::to_value(e).unwrap();
        (v.get("platforms").cloned(), v.get("translated").cloned())
    };
    let android = lookup_on(Source::Jverify, "1005", Platform::Android).unwrap();
    assert_eq!(
        keys(android),
        (Some(serde_json::json!(["android", "harmony"])), None)
    );
    let (platforms, translated) = keys(lookup(Source::Pns, "600002").unwrap());
    assert_eq!(
        (platforms, translated),
        (None, Some(serde_json::json!(["suggestion"])))
    );
}

/// The texts of an outcome and of a normalised message, in each language (data/taxonomy.yaml,
/// data/pns.yaml).
#[test]
fn texts_in_each_language() {
    assert_eq!(AuthOutcome::Success.title(Lang::Zh), "成功");
    assert_eq!(AuthOutcome::Success.title(Lang::En), "Success");
    assert_eq!(AuthOutcome::Success.user_text(Lang::Zh), "操作成功");
    let m = numauth::normalize(r#"{"code":"600002"}"#)
        .unwrap()
        .message
        .unwrap();
    assert_eq!(m.get(Lang::Zh), "唤起授权页失败");
    assert_eq!(m.get(Lang::En), "Failed to open the authorization page");
}
