//! Advice by platform, OS version and SDK version (data/advice.yaml).

use numauth::{normalize_with, Action, Actor, Hint, Platform, Version};

fn v(s: &str) -> Option<Version> {
    Some(s.parse().unwrap())
}

fn advice_id(raw: &str, hint: Hint) -> Option<String> {
    normalize_with(raw, hint)
        .unwrap()
        .advice
        .map(|a| a.id.to_string())
}

#[test]
fn ios_16_4_needs_sdk_2_12_14() {
    let raw = r#"{"resultCode":"600004","msg":"获取运营商配置信息失败","carrierName":"--"}"#;
    let old = Hint {
        platform: Some(Platform::Ios),
        os_version: v("16.4"),
        sdk_version: v("2.12.10"),
        ..Hint::default()
    };
    let n = normalize_with(raw, old).unwrap();
    let a = n.advice.expect("advice for an old SDK on iOS 16.4");
    assert_eq!(
        (a.id.as_ref(), a.actor),
        ("ios_16_4_carrier_config", Actor::Developer)
    );
    assert!(a.en.contains("2.12.14") && a.zh.contains("2.12.14"));
    assert!(!a.provenance.is_empty());
    // Fixed SDK, or an older iOS: the rule does not apply.
    let fixed = Hint {
        sdk_version: v("2.12.14"),
        ..old
    };
    assert_eq!(advice_id(raw, fixed), None);
    let ios_15 = Hint {
        os_version: v("15.7"),
        ..old
    };
    assert_eq!(advice_id(raw, ios_15), None);
    let android = Hint {
        platform: Some(Platform::Android),
        ..old
    };
    assert_eq!(advice_id(raw, android), None);
    // Versions the caller does not know: the rule applies, its text names the condition.
    assert_eq!(
        advice_id(raw, Hint::default()).as_deref(),
        Some("ios_16_4_carrier_config")
    );
}

#[test]
fn rules_that_need_an_inner_code() {
    let unicom_102 = r#"{"code":"600012","msg":"预取号失败","vendorName":"cu_xw","carrierFailedResultData":"{\"resultCode\":\"102\",\"resultMsg\":\"应用无效\"}"}"#;
    assert_eq!(
        advice_id(unicom_102, Hint::default()).as_deref(),
        Some("unicom_new_sdk_scheme")
    );
    let new_sdk = Hint {
        sdk_version: v("2.13.2"),
        ..Hint::default()
    };
    assert_eq!(advice_id(unicom_102, new_sdk), None);
    // The same top code without that inner code gets no Unicom advice.
    assert_eq!(
        advice_id(r#"{"code":"600012","msg":"预取号失败"}"#, Hint::default()),
        None
    );
    let mobile = r#"{"code":"600011","msg":"获取token失败","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"200028\",\"desc\":\"网络异常\"}"}"#;
    // Versions given that the rule names no bound on confirm nothing either.
    let android = Hint {
        platform: Some(Platform::Android),
        os_version: v("14"),
        sdk_version: v("2.14.0"),
        ..Hint::default()
    };
    assert_eq!(
        advice_id(mobile, android).as_deref(),
        Some("mobile_cleartext_http")
    );
}

#[test]
fn rules_that_need_a_carrier_and_a_message() {
    // A Dart map around the callback, as a Flutter plugin logs it.
    let cleartext = r#"{msg: 预取号失败, code: {"code":"600012","msg":"网络异常","requestId":"r-3","vendorName":"cm_zyhl","carrierFailedResultData":""}}"#;
    assert_eq!(
        advice_id(cleartext, Hint::default()).as_deref(),
        Some("mobile_cleartext_http_prefetch")
    );
    // Another carrier, another message, or another China Mobile cause: not this advice.
    let unicom = cleartext.replace("cm_zyhl", "cu_xw");
    assert_eq!(advice_id(&unicom, Hint::default()), None);
    let other_msg = cleartext.replace("网络异常", "预取号失败");
    assert_eq!(advice_id(&other_msg, Hint::default()), None);
    let gateway = r#"{"code":"600012","msg":"预取号失败","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103111\",\"desc\":\"网关IP错误\"}"}"#;
    assert_eq!(advice_id(gateway, Hint::default()), None);
    let ios = Hint {
        platform: Some(Platform::Ios),
        ..Hint::default()
    };
    assert_eq!(advice_id(cleartext, ios), None);
}

#[test]
fn china_unicoms_text_without_its_code_gets_the_new_scheme_advice() {
    // PNS passing on China Unicom's 应用无效 in its own message, no carrier, no inner 102.
    let bare = r#"切换到联通卡后 {"resultCode":"600012","msg":"应用无效","requestId":"r-9"}"#;
    assert_eq!(
        advice_id(bare, Hint::default()).as_deref(),
        Some("unicom_new_sdk_scheme_message")
    );
    // The carrier is not inferred from the text: the advice names China Unicom, the result not.
    assert_eq!(normalize_with(bare, Hint::default()).unwrap().carrier, None);
    // Another message, or an SDK that already has the fix: not this advice.
    let other = bare.replace("应用无效", "预取号失败");
    assert_eq!(advice_id(&other, Hint::default()), None);
    let fixed = Hint {
        sdk_version: v("2.13.2"),
        ..Hint::default()
    };
    assert_eq!(advice_id(bare, fixed), None);
    // With China Unicom's 102 underneath, both rules fit equally: the first in the table wins,
    // the one that names 102 (the same advice).
    let inner = r#"{"code":"600012","msg":"应用无效","vendorName":"cu_xw","carrierFailedResultData":"{\"resultCode\":\"102\",\"resultMsg\":\"应用无效\"}"}"#;
    assert_eq!(
        advice_id(inner, Hint::default()).as_deref(),
        Some("unicom_new_sdk_scheme")
    );
}

#[test]
fn a_code_the_callers_sdk_does_not_have() {
    let before = Hint {
        sdk_version: v("2.10.0"),
        ..Hint::default()
    };
    let n = normalize_with(r#"{"code":"600018"}"#, before).unwrap();
    let a = n.advice.expect("600018 exists only from 2.12.14 on");
    assert_eq!(a.id, "not_in_sdk_version");
    assert!(
        a.en.contains("2.12.14") && a.en.contains("2.10"),
        "{}",
        a.en
    );
    let after = Hint {
        sdk_version: v("2.14.0"),
        ..Hint::default()
    };
    assert_eq!(advice_id(r#"{"code":"600018"}"#, after), None);
}

#[test]
fn versions_carried_by_the_payload() {
    let raw = r#"{"resultCode":"600004","msg":"x","sdkVersion":"2.12.14","release":"17.1"}"#;
    let ios = Hint {
        platform: Some(Platform::Ios),
        ..Hint::default()
    };
    assert_eq!(
        advice_id(raw, ios),
        None,
        "the payload's SDK is already fixed"
    );
    let raw = r#"{"resultCode":"600004","msg":"x","sdkVersion":"2.12.3","release":"17.1"}"#;
    assert_eq!(
        advice_id(raw, ios).as_deref(),
        Some("ios_16_4_carrier_config")
    );
}

#[test]
fn payload_version_keys_in_any_spelling_and_the_callers_first() {
    let ios = Hint {
        platform: Some(Platform::Ios),
        ..Hint::default()
    };
    let rule = Some("ios_16_4_carrier_config");
    for (fields, want) in [
        // The SDK is fixed from 2.12.14 on; the iOS 16.4 problem needs os >= 16.4.
        (r#""sdk_ver":"2.12.14","systemVersion":"17.1""#, None),
        (r#""SDK-Version":"2.12.3","os_version":"16.0""#, None),
        (r#""SDK-Version":"2.12.3","OSVersion":"16.4""#, rule),
        // The first of two spellings counts.
        (r#""sdkVersion":"2.12.3","sdk_version":"2.12.14""#, rule),
        // Not a version key: the rule's version condition stays unknown, so it applies.
        (r#""sdkVersionName":"2.12.14","releaseDate":"1.0""#, rule),
        // A value that is not a version is no version.
        (r#""sdkVersion":"new","release":"17""#, rule),
    ] {
        let raw = format!(r#"{{"resultCode":"600004","msg":"x",{fields}}}"#);
        assert_eq!(advice_id(&raw, ios).as_deref(), want, "{fields}");
    }
    // What the caller says wins over the payload.
    let fixed = Hint {
        sdk_version: v("2.12.14"),
        ..ios
    };
    let raw = r#"{"resultCode":"600004","sdkVersion":"2.12.3","release":"17.1"}"#;
    assert_eq!(advice_id(raw, fixed), None);
    let old_os = Hint {
        os_version: v("15.0"),
        ..ios
    };
    assert_eq!(advice_id(raw, old_os), None);
}

#[test]
fn advice_rules_list_each_rule_of_a_code_with_its_conditions() {
    use numauth::{advice_rules, Source, VersionBound};
    let rules: Vec<_> = advice_rules(Source::Pns, "600004").collect();
    assert_eq!(rules.len(), 1);
    let r = &rules[0];
    assert_eq!(r.advice.id, "ios_16_4_carrier_config");
    assert_eq!(r.platform, Some(Platform::Ios));
    assert_eq!(r.inner, None);
    assert_eq!(
        r.os_version,
        Some(VersionBound {
            at_least: true,
            version: "16.4".parse().unwrap()
        })
    );
    assert_eq!(
        r.sdk_version,
        Some(VersionBound {
            at_least: false,
            version: "2.12.14".parse().unwrap()
        })
    );
    assert_eq!(r.os_version.unwrap().to_string(), ">=16.4");
    assert_eq!(r.sdk_version.unwrap().to_string(), "<2.12.14");
    assert_eq!(r.advice.actor, Actor::Developer);
    // What `normalize` picks for a callback is one of these rules, word for word.
    let n = normalize_with(
        r#"{"resultCode":"600004"}"#,
        Hint {
            platform: Some(Platform::Ios),
            os_version: v("17.0"),
            sdk_version: v("2.12.0"),
            ..Hint::default()
        },
    )
    .unwrap();
    assert_eq!(n.advice.as_deref(), Some(&r.advice));

    let inners: Vec<_> = advice_rules(Source::Pns, "600011")
        .map(|r| r.inner)
        .collect();
    assert_eq!(
        inners,
        [Some((Source::Cucc, "102")), Some((Source::Cmcc, "200028"))]
    );
    // The code is matched in its own source only, and exactly.
    assert_eq!(advice_rules(Source::Cmcc, "600011").count(), 0);
    assert_eq!(advice_rules(Source::Pns, "60001").count(), 0);
    assert_eq!(advice_rules(Source::Pns, "600099").count(), 0);
}

#[test]
fn the_most_specific_rule_wins_and_the_first_on_a_tie() {
    let on = |platform| Hint {
        platform,
        ..Hint::default()
    };
    // China Unicom's 102 under 600012, with its message too: two rules fit, each with one
    // condition confirmed, and the first in the table wins.
    let both = r#"{"code":"600012","msg":"应用无效","vendorName":"cu_xw","carrierFailedResultData":"{\"resultCode\":\"102\",\"resultMsg\":\"应用无效\"}"}"#;
    assert_eq!(
        advice_id(both, on(None)).as_deref(),
        Some("unicom_new_sdk_scheme"),
        "a tie goes to the table's first rule"
    );
    // 600012 from China Mobile with 网络异常: on Android the rule naming all three wins.
    let cleartext = r#"{"code":"600012","msg":"网络异常","vendorName":"cm_zyhl"}"#;
    assert_eq!(
        advice_id(cleartext, on(Some(Platform::Android))).as_deref(),
        Some("mobile_cleartext_http_prefetch")
    );
    assert_eq!(advice_id(cleartext, on(Some(Platform::Ios))), None);
    // 600008 is the user's to fix on every platform (mobile data on; Wi-Fi may stay on).
    for platform in [None, Some(Platform::Android), Some(Platform::Ios)] {
        let raw = r#"{"code":"600008","msg":"蜂窝网络未开启"}"#;
        assert_eq!(
            advice_id(raw, on(platform)).as_deref(),
            Some("mobile_data_with_wifi"),
            "{platform:?}"
        );
    }
}

/// A rule with a `field` applies only to a payload that carries the field with one of its
/// values: every login tap sends 700002, and only an unticked box is the developer's to handle.
#[test]
fn a_field_condition_needs_the_payload_to_carry_it() {
    let ios = Hint {
        platform: Some(Platform::Ios),
        ..Hint::default()
    };
    for unticked in [
        r#"{"resultCode":"700002","msg":"点击登录按钮事件","isChecked":false}"#,
        "{\n    isChecked = 0;\n    msg = \"\\U70b9\\U51fb\";\n    resultCode = 700002;\n}",
    ] {
        assert_eq!(
            advice_id(unticked, ios).as_deref(),
            Some("privacy_box_unticked"),
            "{unticked}"
        );
    }
    for other in [
        r#"{"resultCode":"700002","msg":"点击登录按钮事件","isChecked":true}"#,
        r#"{"resultCode":"700002","msg":"点击登录按钮事件","isChecked":1}"#,
        r#"{"resultCode":"700002","msg":"点击登录按钮事件"}"#,
        r#"{"resultCode":"700002","msg":"点击登录按钮事件","checked":false}"#,
    ] {
        assert_eq!(advice_id(other, ios), None, "{other}");
    }
    // Versions given that the rule names no bound on confirm nothing either.
    let android = Hint {
        platform: Some(Platform::Android),
        os_version: v("14"),
        sdk_version: v("2.14.0"),
        ..Hint::default()
    };
    let unticked = r#"{"resultCode":"700002","isChecked":false}"#;
    assert_eq!(advice_id(unticked, android), None, "the rule is iOS's");
}

#[test]
fn version_bounds_at_their_edges() {
    let sdk = |s| Hint {
        sdk_version: v(s),
        ..Hint::default()
    };
    // 600018 exists from 2.12.14 on: that version has it.
    assert_eq!(advice_id(r#"{"code":"600018"}"#, sdk("2.12.14")), None);
    assert_eq!(
        advice_id(r#"{"code":"600018"}"#, sdk("2.12.13")).as_deref(),
        Some("not_in_sdk_version")
    );
    // GeeTest's legacy 10000 was removed in 3.0: 3.0 no longer has it, 2.9 does.
    let hint = |s| Hint {
        source: Some(numauth::Source::GeyanLegacy),
        ..sdk(s)
    };
    let removed = normalize_with("10000", hint("3.0"))
        .unwrap()
        .advice
        .unwrap();
    assert_eq!(removed.id, "not_in_sdk_version");
    assert!(removed.en.contains("removed in SDK 3.0"), "{}", removed.en);
    assert_eq!(advice_id("10000", hint("2.9")), None);
}

#[test]
fn versions_print_as_short_as_they_are() {
    let p = |s: &str| s.parse::<Version>().unwrap().to_string();
    assert_eq!(p("16"), "16.0");
    assert_eq!(p("16.4"), "16.4");
    assert_eq!(p("2.12.14"), "2.12.14");
    assert_eq!(p("1.2.0.4"), "1.2.0.4");
    assert_eq!(p("1.2.3.0"), "1.2.3");
}

#[test]
fn long_keys_are_not_version_keys() {
    let ios = Hint {
        platform: Some(Platform::Ios),
        ..Hint::default()
    };
    // 16 bytes: still read; 17: not a version key (no real key is that long).
    let raw = r#"{"resultCode":"600004","SYSTEM__VERSION_":"16.0"}"#;
    assert_eq!(advice_id(raw, ios), None, "16.0 is before iOS 16.4");
    let raw = r#"{"resultCode":"600004","SYSTEM___VERSION_":"16.0"}"#;
    assert_eq!(
        advice_id(raw, ios).as_deref(),
        Some("ios_16_4_carrier_config")
    );
    // The caller's OS version and SDK version given: the payload is not read for them.
    let both = Hint {
        os_version: v("16.0"),
        sdk_version: v("2.12.0"),
        ..ios
    };
    let raw = r#"{"resultCode":"600004","release":"17.0","sdkVersion":"2.13"}"#;
    assert_eq!(advice_id(raw, both), None);
    let only_os = Hint {
        os_version: v("17.0"),
        ..ios
    };
    assert_eq!(
        advice_id(raw, only_os),
        None,
        "the payload's SDK 2.13 is past the fix"
    );
}

/// A code documented for other platforms only, from a caller on this one (a red-team find:
/// iOS with Android's 600037 got no word of it, or the advice to upgrade to a version that
/// never has it on iOS). A code with a row for the caller's platform, or with none named, is
/// not flagged; the platform check comes before the version check.
#[test]
fn a_code_the_callers_platform_does_not_have() {
    let on = |platform, sdk: Option<&str>| Hint {
        platform: Some(platform),
        sdk_version: sdk.and_then(v),
        ..Hint::default()
    };
    for sdk in [None, Some("2.13.3"), Some("2.15.0")] {
        let n = normalize_with(r#"{"resultCode":"600037"}"#, on(Platform::Ios, sdk)).unwrap();
        let a = n.advice.expect("600037 is Android's only");
        assert_eq!(a.id, "not_on_platform", "{sdk:?}");
        assert!(a.en.contains("android") && a.en.contains("ios"), "{}", a.en);
        assert_eq!(
            (a.actor, a.action),
            (Actor::Developer, Action::FixIntegration)
        );
    }
    let android = advice_id(
        r#"{"resultCode":"600037"}"#,
        on(Platform::Android, Some("2.15.0")),
    );
    assert_eq!(android, None);
    // 600025 has a row for each platform; 600011 names none.
    for code in ["600025", "600011"] {
        let raw = format!(r#"{{"resultCode":"{code}"}}"#);
        assert_ne!(
            advice_id(&raw, on(Platform::Ios, None)).as_deref(),
            Some("not_on_platform"),
            "{code}"
        );
    }
}

/// A rule that facts of the failure confirmed (a cause's code, the message) says who must act
/// and how, and the callback says the same: China Unicom's 应用无效 under 600012 with an SDK
/// before 2.13.2 is the developer's to fix by upgrading (ADVICE.md row 2), China Mobile's
/// 105002 under 600011 the developer's fallback (row 10). A rule that fits the top code alone
/// (600002 on some vivo builds) is a possibility: the code's own reading stands. Red-team find:
/// one line named the user at the top and the developer in its advice.
#[test]
fn a_confirmed_rule_says_who_acts_for_the_callback() {
    let old_sdk = Hint {
        sdk_version: v("2.12.14"),
        ..Hint::default()
    };
    let n = normalize_with(r#"{"code":"600012","msg":"应用无效"}"#, old_sdk).unwrap();
    let advice = n.advice.as_ref().unwrap();
    assert_eq!(advice.id, "unicom_new_sdk_scheme_message");
    assert_eq!((n.actor, n.action), (advice.actor, advice.action));
    assert_eq!((n.actor, n.action), (Actor::Developer, Action::UpgradeSdk));
    let iot = r#"{"code":"600011","msg":"获取token失败","carrierFailedResultData":"{\"resultCode\":\"105002\",\"desc\":\"物联网卡\"}","vendorName":"cm_zyhl"}"#;
    let n = normalize_with(iot, Hint::default()).unwrap();
    assert_eq!(n.advice.as_ref().unwrap().id, "iot_sim_fallback");
    assert_eq!(
        (n.actor, n.action),
        (Actor::Developer, Action::SwitchLoginMethod)
    );
    // The top code alone: the code's actor, the advice's kept beside it.
    let n = normalize_with(r#"{"code":"600002","msg":"x"}"#, Hint::default()).unwrap();
    assert_eq!(n.advice.as_ref().unwrap().id, "vivo_manifest_entries");
    assert_eq!(
        (n.actor, n.action),
        (Actor::User, Action::SwitchLoginMethod)
    );
}

/// iOS had 600030–600036 and 700005 in its SDK 2.11.1 to 2.12.9 headers and dropped them in
/// 2.12.11 (ADVICE.md's version facts; `IOS_HDR_HIST`); Android has them still. An iOS app on
/// 2.12.9 sending 700005 gets no note (it was told the code exists only on Android); one on
/// 2.12.14 is told it was removed in 2.12.11; Android on any version gets none.
#[test]
fn ios_had_the_600030_block_until_2_12_11() {
    let on = |platform, sdk: &str, raw: &str| {
        let hint = Hint {
            platform: Some(platform),
            sdk_version: v(sdk),
            ..Hint::default()
        };
        normalize_with(raw, hint)
            .unwrap()
            .advice
            .map(|a| (a.id.to_string(), a.en.to_string()))
    };
    for raw in [
        r#"{"code":"700005","msg":"活体认证页面准备启动"}"#,
        r#"{"code":"600030","msg":"接口请求失败"}"#,
    ] {
        assert_eq!(on(Platform::Ios, "2.12.9", raw), None, "{raw}");
        let (id, en) = on(Platform::Ios, "2.12.14", raw).unwrap();
        assert_eq!(id, "not_in_sdk_version");
        assert!(en.contains("removed in SDK 2.12.11"), "{en}");
        assert_eq!(on(Platform::Android, "2.14.0", raw), None, "{raw}");
        // Neither platform's: both are named.
        let (id, en) = on(Platform::Harmony, "2.14.0", raw).unwrap();
        assert_eq!(id, "not_on_platform");
        assert!(en.contains("android/ios"), "{en}");
    }
}

/// Each fact that confirms a rule on its own gives the callback the rule's actor and action:
/// an inner code (China Unicom's 102 under 600012, no version given), the message (应用无效
/// under 600012, no version given), a field of the callback
/// (iOS's unticked privacy box on 700002), the OS and SDK versions the caller gave (iOS 16.4
/// with SDK 2.12.0 on 600004). The platform alone confirms nothing: 600002 from Android keeps
/// the code's own actor beside the vivo rule.
#[test]
fn each_fact_of_the_failure_confirms_a_rule() {
    let ios = |os: Option<&str>, sdk: Option<&str>| Hint {
        platform: Some(Platform::Ios),
        os_version: os.and_then(v),
        sdk_version: sdk.and_then(v),
        ..Hint::default()
    };
    let read = |raw: &str, hint: Hint| {
        let n = normalize_with(raw, hint).unwrap();
        let id = n.advice.as_ref().map(|a| a.id.to_string());
        (id, n.actor, n.action)
    };
    let unicom_102 = r#"{"code":"600012","msg":"预取号失败","vendorName":"cu_xw","carrierFailedResultData":"{\"resultCode\":\"102\",\"resultMsg\":\"应用无效\"}"}"#;
    let (id, actor, action) = read(unicom_102, Hint::default());
    assert_eq!(id.as_deref(), Some("unicom_new_sdk_scheme"));
    assert_eq!((actor, action), (Actor::Developer, Action::UpgradeSdk));
    // The message alone, no version given.
    let (id, actor, action) = read(r#"{"code":"600012","msg":"应用无效"}"#, Hint::default());
    assert_eq!(id.as_deref(), Some("unicom_new_sdk_scheme_message"));
    assert_eq!((actor, action), (Actor::Developer, Action::UpgradeSdk));
    let unticked = r#"{"resultCode":"700002","msg":"点击登录按钮事件","isChecked":false}"#;
    let (id, actor, action) = read(unticked, ios(None, None));
    assert_eq!(id.as_deref(), Some("privacy_box_unticked"));
    assert_eq!((actor, action), (Actor::Developer, Action::FixIntegration));
    let config = r#"{"resultCode":"600004","msg":"获取运营商配置信息失败"}"#;
    let (id, actor, action) = read(config, ios(Some("16.4"), Some("2.12.0")));
    assert_eq!(id.as_deref(), Some("ios_16_4_carrier_config"));
    assert_eq!((actor, action), (Actor::Developer, Action::UpgradeSdk));
    // Versions given that the rule names no bound on confirm nothing either.
    let android = Hint {
        platform: Some(Platform::Android),
        os_version: v("14"),
        sdk_version: v("2.14.0"),
        ..Hint::default()
    };
    let (id, actor, action) = read(r#"{"code":"600002","msg":"x"}"#, android);
    assert_eq!(id.as_deref(), Some("vivo_manifest_entries"));
    assert_eq!((actor, action), (Actor::User, Action::SwitchLoginMethod));
}

/// The PNS monitor upload keeps the client's versions in a block beside the callback
/// (`{"u":{…},"c":{"sdkVersion":…}}`, CodeGather/flutter_ali_auth#155): they count as a flat
/// payload's do (a red-team find: the block was dropped, and 2.14.19 got the advice for SDKs
/// before 2.13.2).
#[test]
fn the_versions_in_a_block_beside_the_callback_count() {
    let upload = |sdk: &str| {
        format!(
            r#"{{"u":{{"authSdkCode":"600012","carrierFailedResultData":"{{\"resultCode\":102,\"resultMsg\":\"应用无效\",\"seq\":\"3229\"}}","requestId":"a0ce"}},"c":{{"osVersion":"13","sdkVersion":"{sdk}","osType":"Android"}}}}"#
        )
    };
    assert_eq!(advice_id(&upload("2.14.19"), Hint::default()), None);
    assert_eq!(
        advice_id(&upload("2.12.1"), Hint::default()).as_deref(),
        Some("unicom_new_sdk_scheme")
    );
    // With the OS version given, the SDK's is still read there.
    let os = Hint {
        os_version: v("13"),
        ..Hint::default()
    };
    assert_eq!(advice_id(&upload("2.14.19"), os), None);
    // The caller's version comes first, as for a flat payload.
    let hint = Hint {
        sdk_version: v("2.12.1"),
        ..Hint::default()
    };
    assert_eq!(
        advice_id(&upload("2.14.19"), hint).as_deref(),
        Some("unicom_new_sdk_scheme")
    );
}
