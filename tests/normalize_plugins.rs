//! The Flutter plugins' own codes (`flutter_ali_auth`: CodeGather's, pub `ali_auth`;
//! `fluttercandies_ali_auth`: pub `flutter_ali_auth`; `aliyun_number_auth`: PuerHub's). A payload
//! does not say which plugin sent it: without a hint a number keeps its official meaning, and a
//! hint naming a plugin reads that plugin's codes and, for the rest, the PNS codes it passes on.
//!
//! Expected readings come from the plugins' sources as `data/` cites them (WRAPPERS.md), not
//! from output.

use numauth::{normalize_with, AuthOutcome, Hint, Normalized, Platform, Source};

mod common;
use common::{cause, n, s, sco};

fn hinted(raw: &str, source: Source, platform: Option<Platform>) -> Normalized<'_> {
    let hint = Hint {
        source: Some(source),
        platform,
        ..Hint::default()
    };
    normalize_with(raw, hint).unwrap_or_else(|e| panic!("{raw}\n=> {e}"))
}

#[test]
fn without_a_hint_a_number_keeps_its_official_meaning() {
    // 600016 is the SMS-auth SDK's send limit; 700005 and 700010 are PNS's: without the
    // plugin's own words, the official reading.
    let cases = [
        (
            r#"{"code":"600016","msg":"验证码发送频次超出限制"}"#,
            s(Source::SmsAuth, "600016", AuthOutcome::RateLimited),
        ),
        (
            r#"{"code":"600016"}"#,
            s(Source::SmsAuth, "600016", AuthOutcome::RateLimited),
        ),
        (
            r#"{"code":"700005","msg":"x"}"#,
            s(Source::Pns, "700005", AuthOutcome::FlowProgress),
        ),
        (
            r#"{"code":"700010","msg":"custom_btn"}"#,
            s(Source::Pns, "700010", AuthOutcome::UserCancelled),
        ),
    ];
    for (raw, want) in cases {
        assert_eq!(sco(&n(raw)), want, "{raw}");
    }
}

/// An audit find: the plugins' own words name the plugin without a hint. A pre-fetch success
/// (预取号成功, sent when `accelerateLoginPage` succeeds: WRAPPERS.md) had been read as the SMS
/// SDK's rate limit, even in a PNS-shaped payload. Two plugins that give one meaning: the first.
#[test]
fn a_plugins_own_words_name_the_plugin() {
    let cases = [
        (
            r#"{"code":"600016","msg":"预取号成功","data":null}"#,
            s(
                Source::FlutterAliAuth,
                "600016",
                AuthOutcome::EnvironmentReady,
            ),
        ),
        (
            r#"{"resultCode":"600016","msg":"预取号成功","requestId":"r1","vendorName":"cm_zyhl"}"#,
            s(
                Source::FlutterAliAuth,
                "600016",
                AuthOutcome::EnvironmentReady,
            ),
        ),
        (
            r#"{"code":"700005","msg":"点击第三方登录按钮"}"#,
            s(Source::FlutterAliAuth, "700005", AuthOutcome::UiEvent),
        ),
        // Each platform's row is a meaning of its own (Android's 500001; fusion's is a page).
        (
            r#"{"code":"500001","msg":"请先对插件进行监听"}"#,
            s(Source::FlutterAliAuth, "500001", AuthOutcome::SdkMisuse),
        ),
        (
            r#"{"code":"500001","msg":"短信验证码界面初始化成功"}"#,
            s(Source::Fusion, "500001", AuthOutcome::FlowProgress),
        ),
    ];
    for (raw, want) in cases {
        assert_eq!(sco(&n(raw)), want, "{raw}");
    }
}

#[test]
fn a_code_only_a_plugin_has_is_read_without_a_hint() {
    // No official source has 600019 or the PuerHub words: the plugin's reading is the only one.
    let cases = [
        (
            r#"{"code":"600019","msg":"用户点击第三方按钮！"}"#,
            s(Source::FlutterAliAuth, "600019", AuthOutcome::UiEvent),
        ),
        (
            r#"{"code":"TOKEN_ERROR","message":"Token verification failed"}"#,
            s(
                Source::AliyunNumberAuth,
                "TOKEN_ERROR",
                AuthOutcome::SdkError,
            ),
        ),
        (
            r#"{"code":"NOT_INITIALIZED","message":"SDK not initialized. Call initialize() first"}"#,
            s(
                Source::AliyunNumberAuth,
                "NOT_INITIALIZED",
                AuthOutcome::SdkMisuse,
            ),
        ),
        (
            r#"{"code":"PNS_SUCCESS","message":"ok"}"#,
            s(
                Source::AliyunNumberAuth,
                "PNS_SUCCESS",
                AuthOutcome::Success,
            ),
        ),
    ];
    for (raw, want) in cases {
        let n = n(raw);
        assert_eq!(sco(&n), want, "{raw}");
        assert!(n.known, "{raw}");
        assert_eq!(n.carrier, None, "a plugin's code names no carrier: {raw}");
    }
}

#[test]
fn a_plugin_named_in_the_hint_reads_its_own_codes() {
    let codegather = [
        ("600016", AuthOutcome::EnvironmentReady),
        ("700005", AuthOutcome::UiEvent),
        ("500005", AuthOutcome::CarrierUnsupported),
    ];
    for (code, outcome) in codegather {
        let raw = format!(r#"{{"code":"{code}"}}"#);
        let n = hinted(&raw, Source::FlutterAliAuth, None);
        assert_eq!(sco(&n), s(Source::FlutterAliAuth, code, outcome));
    }
    let fluttercandies = [
        ("600016", AuthOutcome::EnvironmentReady),
        ("700010", AuthOutcome::UiEvent),
    ];
    for (code, outcome) in fluttercandies {
        let raw = format!(r#"{{"code":"{code}","msg":"v1"}}"#);
        let n = hinted(&raw, Source::FluttercandiesAliAuth, Some(Platform::Ios));
        assert_eq!(sco(&n), s(Source::FluttercandiesAliAuth, code, outcome));
    }
}

#[test]
fn a_plugin_named_in_the_hint_passes_the_pns_codes_through() {
    // The plugins hand the PNS SDK's callbacks on as they are: with the plugin's hint they read
    // as PNS's, cause included, not as unknown codes of the plugin.
    let raw = r#"{"code":"600011","msg":"获取token失败","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"}"#;
    for plugin in [
        Source::FlutterAliAuth,
        Source::FluttercandiesAliAuth,
        Source::AliyunNumberAuth,
    ] {
        let n = hinted(raw, plugin, None);
        assert_eq!(
            sco(&n),
            s(Source::Pns, "600011", AuthOutcome::InvalidConfiguration)
        );
        assert_eq!(
            sco(cause(&n)),
            s(Source::Cmcc, "103119", AuthOutcome::InvalidConfiguration)
        );
    }
    // The platform's PNS where it knows the code, else the app SDK's (the HarmonyOS table is
    // short): PuerHub's HarmonyOS plugin wraps the HarmonyOS SDK.
    let harmony = [
        (Source::Pns, "700000", AuthOutcome::UserCancelled),
        (Source::PnsHarmony, "600099", AuthOutcome::Unknown),
        (Source::PnsHarmony, "600000", AuthOutcome::Success),
    ];
    for (source, code, outcome) in harmony {
        let raw = format!(r#"{{"code":"{code}"}}"#);
        let n = hinted(&raw, Source::AliyunNumberAuth, Some(Platform::Harmony));
        assert_eq!(sco(&n), s(source, code, outcome), "{raw}");
    }
}

#[test]
fn a_plugin_named_in_the_hint_does_not_read_another_plugins_codes() {
    // 700010 is fluttercandies' tap, not CodeGather's: under CodeGather it is PNS's back button.
    let n = hinted(r#"{"code":"700010"}"#, Source::FlutterAliAuth, None);
    assert_eq!(
        sco(&n),
        s(Source::Pns, "700010", AuthOutcome::UserCancelled)
    );
    // 600019 is CodeGather's alone: under fluttercandies it is an unknown PNS code.
    let n = hinted(r#"{"code":"600019"}"#, Source::FluttercandiesAliAuth, None);
    assert_eq!(sco(&n), s(Source::Pns, "600019", AuthOutcome::Unknown));
    assert!(!n.known);
}

#[test]
fn a_hint_naming_an_sdk_still_reads_only_its_table() {
    // Only a plugin's source passes codes on; an SDK's own source keeps its namespace.
    let n = hinted(r#"{"code":"600011"}"#, Source::Jverify, None);
    assert_eq!(sco(&n), s(Source::Jverify, "600011", AuthOutcome::Unknown));
    let n = hinted(r#"{"code":"TOKEN_ERROR"}"#, Source::SmsAuth, None);
    assert_eq!(
        sco(&n),
        s(Source::SmsAuth, "TOKEN_ERROR", AuthOutcome::Unknown)
    );
}

#[test]
fn a_flutter_platform_exception_print_names_its_code_and_message() {
    // Flutter's `PlatformException(code, message, details, stacktrace)` from `result.error`;
    // the first three fluttercandies' real failures (SwiftFlutterAliAuthPlugin.swift, AuthClient
    // .java). Read NFKC-normalised, messages kept as written (the first's `，` came out `,`).
    let cases = [
        (
            r#"PlatformException(600025, 初始化失败，SDK未初始化或参数不正确, null, null)"#,
            (Source::Pns, "600025", AuthOutcome::InvalidRequest),
            Some("初始化失败，SDK未初始化或参数不正确"),
        ),
        (
            // A log line around it, and a comma without a blank inside the message.
            r#"E/flutter ( 8041): Unhandled Exception: PlatformException(600002, 当前无法获取Flutter Activity,请重启再试, null, null)"#,
            (Source::Pns, "600002", AuthOutcome::TokenFailed),
            Some("当前无法获取Flutter Activity,请重启再试"),
        ),
        (
            // Android sends the SDK's message constant as the code.
            r#"PlatformException(未知异常, 当前无法获取Flutter Activity,请重启再试, null, null)"#,
            (
                Source::FluttercandiesAliAuth,
                "未知异常",
                AuthOutcome::SdkError,
            ),
            Some("当前无法获取Flutter Activity,请重启再试"),
        ),
        (
            // Made up, for the shape: a JSON string of it; the message `null` is no message.
            r#""PlatformException(600008, null, null, null)""#,
            (Source::Pns, "600008", AuthOutcome::MobileDataDisabled),
            None,
        ),
        (
            // Made up: a word code the catalog knows, and details that are a list.
            r#"PlatformException(INVALID_ARGUMENT, secretInfo is required, [at a.b(c.kt:1)], null)"#,
            (
                Source::AliyunNumberAuth,
                "INVALID_ARGUMENT",
                AuthOutcome::InvalidConfiguration,
            ),
            Some("secretInfo is required"),
        ),
        (
            // Made up: quotes, no details, text after the print's own closing parenthesis.
            r#"PlatformException('700000', '用户取消登录 (返回)') at main (main.dart:12)"#,
            (Source::Pns, "700000", AuthOutcome::UserCancelled),
            Some("用户取消登录 (返回)"),
        ),
        (
            // Made up: a `, null` inside parentheses and a `,{` without a blank are message text.
            r#"PlatformException(600011, 获取失败 (原因, null),{x}, null, null)"#,
            (Source::Pns, "600011", AuthOutcome::TokenFailed),
            Some("获取失败 (原因, null),{x}"),
        ),
        (
            // Made up: `null` that starts a word is message text, not the details.
            r#"PlatformException(600011, 获取, null值, null, null)"#,
            (Source::Pns, "600011", AuthOutcome::TokenFailed),
            Some("获取, null值"),
        ),
    ];
    for (raw, (source, code, outcome), msg) in cases {
        let n = n(raw);
        assert_eq!(sco(&n), s(source, code, outcome), "{raw}");
        assert_eq!(n.raw_msg.as_deref(), msg, "{raw}");
    }
    // The plugin named in the hint reads its own code in such a print (made up: the plugin sends
    // 700010 through its method channel, not as an exception).
    let raw = r#"PlatformException(700010, btn_wechat, null, null)"#;
    let n = hinted(raw, Source::FluttercandiesAliAuth, None);
    assert_eq!(
        sco(&n),
        s(
            Source::FluttercandiesAliAuth,
            "700010",
            AuthOutcome::UiEvent
        )
    );
    assert_eq!(n.raw_msg.as_deref(), Some("btn_wechat"));
}

#[test]
fn a_code_word_in_another_script_counts_when_the_catalog_knows_it() {
    // fluttercandies' Android callback when the SDK's answer could not be decoded
    // (AuthResponseModel.tokenDecodeFailed), sent through its method channel as JSON.
    let raw = r#"{"resultCode":"未知异常","msg":"回调信息解析失败"}"#;
    assert_eq!(
        sco(&n(raw)),
        s(
            Source::FluttercandiesAliAuth,
            "未知异常",
            AuthOutcome::SdkError
        )
    );
    // Any other such word is no code.
    assert!(numauth::normalize(r#"{"code":"失败","msg":"x"}"#).is_err());
}

#[test]
fn other_plugins_platform_exceptions_are_no_login_codes() {
    // Flutter's engine and other plugins print words no login SDK uses: not guessed as codes.
    for raw in [
        r#"PlatformException(channel-error, Unable to establish connection on channel., null, null)"#,
        r#"PlatformException(error, java.lang.NullPointerException: ctx, null, java.lang.NullPointerException)"#,
        r#"PlatformException(sign_in_failed, com.google.android.gms.common.api.ApiException: 10: , null, null)"#,
    ] {
        assert!(numauth::normalize(raw).is_err(), "{raw}");
    }
}

#[test]
fn a_code_named_in_a_platform_exceptions_message_is_its_cause() {
    // Made up: a carrier code named in the message, as any text names one.
    let raw = r#"PlatformException(600011, 获取token失败 vendorCode:103911, null, null)"#;
    let printed = n(raw);
    assert_eq!(
        sco(&printed),
        s(Source::Pns, "600011", AuthOutcome::RateLimited)
    );
    assert_eq!(
        sco(cause(&printed)),
        s(Source::Cmcc, "103911", AuthOutcome::RateLimited)
    );
    // Made up: a code named after the print, in the rest of the log line.
    let raw = r#"PlatformException(600011, x, null, null) vendorCode:103911"#;
    assert_eq!(
        sco(cause(&n(raw))),
        s(Source::Cmcc, "103911", AuthOutcome::RateLimited)
    );
    // A print in a callback's message is the callback's cause, with no `:` or `=` around it.
    let raw = r#"{"code":"600011","msg":"PlatformException(600012, 预取号失败, null, null)"}"#;
    let n = n(raw);
    assert_eq!(sco(&n), s(Source::Pns, "600011", AuthOutcome::TokenFailed));
    assert_eq!(
        sco(cause(&n)),
        s(Source::Pns, "600012", AuthOutcome::TokenFailed)
    );
}

#[test]
fn a_callback_in_a_platform_exceptions_details_is_read_as_the_callback() {
    // Made up. Objects in text are read before the codes text names: the details' callback,
    // cause and all.
    let raw = r#"PlatformException(600011, 获取token失败, {"code":"600011","msg":"获取token失败","carrierFailedResultData":"{\"resultCode\":\"103111\",\"desc\":\"网关IP错误\"}"}, null)"#;
    let n = n(raw);
    assert_eq!(
        sco(&n),
        s(Source::Pns, "600011", AuthOutcome::CarrierUnsupported)
    );
    assert_eq!(
        sco(cause(&n)),
        s(Source::Cmcc, "103111", AuthOutcome::CarrierUnsupported)
    );
}

/// A red-team shape (no plugin's source shows it): a plugin passing the SDK's fields as the
/// details map. The print's code is the callback's, the details its fields, the carrier data or
/// inner code in them its cause; before, the cause alone was the result and 600011 was lost.
#[test]
fn the_cause_in_a_platform_exceptions_details_is_the_cause_of_its_code() {
    common::check(&[
        (
            r#"PlatformException(600011, 获取token失败, {carrierFailedResultData: {"resultCode":"103119","desc":"appid不存在"}, vendorName: cm_zyhl, requestId: 5e0c, step: 2}, null)"#,
            "pns 600011 invalid_configuration msg=获取token失败 req=5e0c carrier=cmcc extra=step <- cmcc 103119 invalid_configuration msg=appid不存在 carrier=cmcc",
        ),
        // No message in the print: the details' own.
        (
            r#"PlatformException(600011, null, {carrierFailedResultData: {result: -8004, msg: 移动网络未开启}, msg: 获取失败}, null)"#,
            "pns 600011 mobile_data_disabled msg=获取失败 carrier=ctcc <- ctcc -8004 mobile_data_disabled msg=移动网络未开启 carrier=ctcc",
        ),
        // An inner code in the details is the inner code, not the callback's code.
        (
            r#"PlatformException(600011, 获取token失败, {innerCode: -10009, innerMsg: 时间戳过期, vendorName: ct_sjl}, null)"#,
            "pns 600011 invalid_request msg=获取token失败 carrier=ctcc <- ctcc -10009 invalid_request msg=时间戳过期 carrier=ctcc",
        ),
        // Log text naming the code before such an object reads the same way.
        (
            r#"E/flutter: code=600011 {carrierFailedResultData: {"result":-10009}, vendorName: ct_sjl}"#,
            "pns 600011 invalid_request carrier=ctcc <- ctcc -10009 invalid_request carrier=ctcc",
        ),
        (
            "code=600011 msg=获取token失败 {innerCode=103119, innerMsg=appid不存在}",
            "pns 600011 invalid_configuration msg=获取token失败 carrier=cmcc <- cmcc 103119 invalid_configuration msg=appid不存在 carrier=cmcc",
        ),
        // No code before the object: its inner code stands in for the code.
        (
            "onTokenFailed: {innerCode=103119, innerMsg=appid不存在}",
            "cmcc 103119 invalid_configuration msg=appid不存在 carrier=cmcc",
        ),
        // No code before the object, or no cause in it: the callback inside is the result.
        (
            r#"details {carrierFailedResultData: {"resultCode":"103119"}}"#,
            "cmcc 103119 invalid_configuration carrier=cmcc",
        ),
        (
            r#"PlatformException(600011, x, {extraInfo: {"resultCode":"103119"}}, null)"#,
            "cmcc 103119 invalid_configuration carrier=cmcc",
        ),
    ]);
}

#[test]
fn a_platform_exception_without_a_code_and_message_is_no_code() {
    // Not Flutter's print (no message after the code, another class, another case), or a code
    // of more than 64 bytes.
    let long = format!("PlatformException({}, x, null, null)", "1".repeat(65));
    for raw in [
        r#"PlatformException(600011)"#,
        r#"PlatformException(, 获取token失败, null, null)"#,
        "MyPlatformException(600011, x, null, null)",
        "platformexception(600011, x, null, null)",
        // Another word of that length before a code and a comma is not the print either.
        "Pending since 2026 600011, 获取token失败",
        &long,
    ] {
        assert!(numauth::normalize(raw).is_err(), "{raw}");
    }
    // 64 digits are still a number (unknown, kept as it is).
    let code = "1".repeat(64);
    let raw = format!("PlatformException({code}, x, null, null)");
    let n = n(&raw);
    assert_eq!((n.code.as_ref(), n.known), (code.as_str(), false));
}

/// The CodeGather plugin's own messages, as it sends them (punctuation and all), name the
/// plugin without a hint: its 500002 is a success, its 500003 and 500005 failures, where
/// fusion's same numbers are a failure and progress events (WRAPPERS.md; ADVICE.md row 13 for
/// the wording `sdk初始化但一键登录不可用`). Red-team find: the full-width `，` of the table's
/// text and the `！` the plugin adds hid the match.
#[test]
fn the_plugins_own_messages_name_it_without_a_hint() {
    let cases = [
        (
            r#"{"code":"500002","msg":"校验成功，可进行一键登录！","data":""}"#,
            s(
                Source::FlutterAliAuth,
                "500002",
                AuthOutcome::EnvironmentReady,
            ),
        ),
        (
            r#"{"code":"500003","msg":"该接口为延时登录接口，请先初始化后再次调用该接口！"}"#,
            s(Source::FlutterAliAuth, "500003", AuthOutcome::SdkMisuse),
        ),
        (
            r#"{"code":"500005","msg":"sdk初始化但一键登录不可用","data":""}"#,
            s(
                Source::FlutterAliAuth,
                "500005",
                AuthOutcome::CarrierUnsupported,
            ),
        ),
        // Fusion's own words keep fusion's reading.
        (
            r#"{"code":"500002","msg":"短信验证码界面初始化失败"}"#,
            s(Source::Fusion, "500002", AuthOutcome::SdkError),
        ),
    ];
    for (raw, want) in cases {
        assert_eq!(sco(&n(raw)), want, "{raw}");
    }
}

/// react-native-ali-onepass rejects a call made before `init` with `"0"` and
/// 请先调用初始化接口init (its checkInit, Android and iOS): a misuse the developer must fix,
/// not fusion's or OneLogin's 0, which are successes. Without the module's text, 0 stays the
/// official success (red-team find: the rejection was counted as a success).
#[test]
fn the_react_native_modules_call_before_init_is_no_success() {
    let raw = r#"{"code":"0","message":"请先调用初始化接口init"}"#;
    let module = n(raw);
    assert_eq!(
        sco(&module),
        s(Source::ReactNativeAliOnepass, "0", AuthOutcome::SdkMisuse)
    );
    assert_eq!(module.actor, numauth::Actor::Developer);
    assert_eq!(module.category, numauth::Category::Failure);
    let plain = r#"{"code":"0","msg":"success"}"#;
    assert_eq!(sco(&n(plain)), s(Source::Fusion, "0", AuthOutcome::Success));
}
