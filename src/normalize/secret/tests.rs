//! Tests of the secret words and of token-like words in text.

use super::names::starts_with;
use super::*;

#[test]
fn a_list_of_names_is_checked_name_by_name() {
    assert!(!any_names_secret(&[]));
    assert!(!any_names_secret(&["requestcode", "traceid", "resultcode"]));
    assert!(any_names_secret(&["requestcode", "accesstoken"]));
    assert!(any_names_secret(&["code", "authcode"]));
    assert!(any_names_secret(&["msisdn"]));
    assert!(any_names_secret(&["number", "code"]));
    // `number` and `msisdn` name a phone only as a whole key.
    assert!(!any_names_secret(&["ordernumber", "msisdnx"]));
    assert!(!any_names_secret(&crate::generated::KEY_NAMES));
}

/// Kept text gets the token-word check too: a token after words, not after a separator.
#[test]
fn kept_text_loses_tokens_written_after_words() {
    let t = "STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9";
    let masked = |s: &str| mask_text(std::borrow::Cow::Borrowed(s)).into_owned();
    for (text, want) in [
        (
            format!("获取token成功，token为{t}"),
            "获取token成功，token为<redacted token: 37 chars>",
        ),
        (
            format!("The token {t} has failed"),
            "The token <redacted token: 37 chars> has failed",
        ),
        // Exactly 32 characters, the whole text: the shortest token.
        (t[..32].to_owned(), "<redacted token: 32 chars>"),
        (
            format!("令牌{}", &t[..32]),
            "令牌<redacted token: 32 chars>",
        ),
    ] {
        assert_eq!(masked(&text), want);
    }
    // A word of 31 characters then a mark, and a 32-character hex id: kept, and borrowed.
    for kept in [
        "STsid0000001Ojg5Yz3JhbGciOiJSUz.STsid",
        "0b6f3a1e77c24d1a9f3e0123456789ab",
    ] {
        let out = mask_text(std::borrow::Cow::Borrowed(kept));
        assert!(
            matches!(out, std::borrow::Cow::Borrowed(k) if k == kept),
            "{kept}"
        );
    }
}

#[test]
fn the_first_word_by_rank_wins() {
    assert_eq!(first_secret_word(b"phonetoken"), Some("token"));
    assert_eq!(first_secret_word(b"secretphone"), Some("phone"));
    assert_eq!(first_secret_word(b"mypassword"), Some("secret"));
    assert_eq!(first_secret_word(b"xauthorizationcode"), Some("code"));
    assert_eq!(first_secret_word(b"toke"), None);
    // A word twice is still that word.
    assert_eq!(first_secret_word(b"tokentoken"), Some("token"));
    assert_eq!(first_secret_word(b"authcodeaccesscode"), Some("code"));
    assert_eq!(first_secret_word(b"mobilephone"), Some("phone"));
    assert_eq!(first_secret_word(b""), None);
    assert_eq!(first_secret_word(b"loginpwd"), Some("secret"));
    assert_eq!(first_secret_word(b"userpasswd"), Some("secret"));
    assert_eq!(first_secret_word(b"gwauth"), Some("code"));
    assert_eq!(first_secret_word(b"gwau"), None);
    assert!(starts_with(b"token", b"tok"));
    assert!(!starts_with(b"to", b"tok"));
    assert!(!starts_with(b"tak", b"tok"));
}

#[test]
fn tokens_and_not_tokens() {
    assert!(looks_like_token("STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9xyz"));
    assert!(looks_like_token(
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"
    ));
    assert!(
        !looks_like_token("0b6f3a1e-77c2-4d1a-9f3e-0123456789ab"),
        "a UUID"
    );
    assert!(!looks_like_token(
        "fetch loginToken failed because the network is down"
    ));
    assert!(!looks_like_token("short1"));
    // UUID-long but no UUID: a token.
    let token36 = "STsid0000001Ojg5Yz3JhbGciOiJSUzI1Nia";
    assert_eq!(token36.len(), 36);
    assert!(looks_like_token(token36));
    assert!(
        !looks_like_token("abcdefghijklmnopqrstuvwxyzabcdefghij"),
        "no digit"
    );
    // A `=` inside joins a key to its value; base64's padding is at the end only.
    assert!(!looks_like_token(
        "x-acs-request-id=8E7B3C1D-4A2F-4B6E-9C1D-2F3A4B5C6D7E"
    ));
    assert!(looks_like_token("STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9=="));
}

/// The words of SMS verification codes name a code in a payload's keys; a key that describes
/// one does not, and neither do `otp`, `pin` or `code` alone (they sit inside other words).
#[test]
fn sms_code_words_name_a_code() {
    for key in [
        "captchaCode",
        "smsCaptchaCode",
        "validateCode",
        "validate_code",
        "checkCode",
        "dynamicCode",
        "securityCode",
        "passcode",
        "otpCode",
        // Whole keys only: `otp` and `vcode` sit inside other words (`option`).
        "otp",
        "OTP",
        "vcode",
        "vCode",
    ] {
        assert_eq!(secret_kind(key), Some("code"), "{key}");
    }
    assert_eq!(secret_kind("sid"), Some("token"));
    for kept in [
        "verifyCodeType",
        "captchaEnabled",
        "otpCount",
        "sidebar",
        "inside",
        "devcode",
        "pin",
        "code",
        "option",
        "spinner",
        // A second review's finds: public settings, result codes, what describes one.
        "captcha",
        "captchaId",
        "captchaAppId",
        "invalidCode",
        "captchaResult",
        "sessionIdCreatedAt",
        "smsCodeInterval",
        "verifyCodeTips",
        "passwordRule",
        "tokenCache",
        "validateCodeMsg",
        "smsCodeMessage",
        "是否需要验证码",
    ] {
        assert_eq!(secret_kind(kept), None, "{kept}");
    }
}

#[test]
fn chinese_keys_name_secrets() {
    assert_eq!(secret_kind("密码"), Some("secret"));
    assert_eq!(secret_kind("登录密码"), Some("secret"));
    assert_eq!(secret_kind("令牌"), Some("token"));
    assert_eq!(secret_kind("验证码"), Some("code"));
    // An ASCII word in a mixed key still counts; other Chinese keys name none.
    assert_eq!(secret_kind("token值"), Some("token"));
    assert_eq!(secret_kind("说明"), None);
    assert_eq!(secret_kind("密码错误次数"), None);
}

/// The check before a string is parsed for objects finds the Chinese names too.
#[test]
fn chinese_keys_are_found_before_parsing() {
    assert!(names_secret(r#"失败 {"密码":"x"}"#));
    assert!(names_secret(r#"{"短信验证码":"1"}"#));
    assert!(!names_secret(r#"{"说明":"x"}"#));
}

#[test]
fn a_session_id_is_a_token() {
    assert_eq!(secret_kind("sessionId"), Some("token"));
    assert_eq!(secret_kind("JSESSIONID"), Some("token"));
    assert_eq!(secret_kind("session_id"), Some("token"));
    // A session's other fields are no secret.
    assert_eq!(secret_kind("sessionTimeout"), None);
    assert_eq!(secret_kind("sessionIdType"), None);
}

/// Review find: keys that describe a secret by how they end are kept (`token_endpoint`, a URL;
/// `tokenTTL`, a duration). `os` is not one of the endings: two letters end too many words.
#[test]
fn keys_about_a_secret_are_kept() {
    for kept in [
        "token_endpoint",
        "token_expires_at",
        "tokenExpireAt",
        "tokenExpiry",
        "tokenTTL",
        "token_len",
        "tokenSource",
        "passwordPolicy",
        "passwordHint",
    ] {
        assert_eq!(secret_kind(kept), None, "{kept}");
    }
    assert_eq!(secret_kind("tokenOs"), Some("token"));
}

/// The short keys read only as a whole key (`sid`, `vcode`, `otp`) are looked for in a text as
/// whole words: a China Mobile token's `STsid…` and words around them (`inside`, `option`) are
/// none, so such texts are not read again for objects.
#[test]
fn short_keys_are_found_in_text_only_as_whole_words() {
    for yes in [r#"{"sid":"x"}"#, "OTP=1", "a vCode: 1", "sid"] {
        assert!(names_secret(yes), "{yes}");
    }
    for no in [
        "STsid0001 {a}",
        "inside",
        "options {sidebar}",
        "otpx",
        "xvcode",
    ] {
        assert!(!names_secret(no), "{no}");
    }
}

/// Spans are redacted in order of start, each one next to another kept, one that overlaps one
/// before it left out (its text is already redacted).
#[test]
fn splice_redacts_spans_in_order_and_leaves_out_overlaps() {
    use std::borrow::Cow;
    let text = "abcdefgh";
    let spliced = |spans: Vec<(usize, usize, &'static str)>| splice(Cow::Borrowed(text), spans);
    assert!(matches!(spliced(Vec::new()), Cow::Borrowed("abcdefgh")));
    assert_eq!(
        spliced(vec![(5, 7, "code"), (1, 3, "token")]),
        "a<redacted token: 2 chars>de<redacted code: 2 chars>h"
    );
    // Next to each other: both.
    assert_eq!(
        spliced(vec![(0, 2, "token"), (2, 4, "code")]),
        "<redacted token: 2 chars><redacted code: 2 chars>efgh"
    );
    // Overlapping: the first only.
    assert_eq!(
        spliced(vec![(0, 3, "token"), (2, 5, "code")]),
        "<redacted token: 3 chars>defgh"
    );
}

/// The short keys also name a secret as a key's last word, after a separator or a capital;
/// inside a word (`bssid`, `totp`) or in capitals run together they do not. A timeout says how
/// long a token may take.
#[test]
fn short_keys_name_a_secret_as_a_keys_last_word() {
    for (key, kind) in [
        ("sms_otp", "code"),
        ("smsOtp", "code"),
        ("X-OTP", "code"),
        ("ctx.otp", "code"),
        ("sms_vcode", "code"),
        ("user_sid", "token"),
        ("X-Sid", "token"),
        ("user_msisdn", "phone"),
    ] {
        assert_eq!(secret_kind(key), Some(kind), "{key}");
        assert_eq!(text_key_kind(key), Some(kind), "{key}");
    }
    for kept in [
        "bssid",
        "wifiSsid",
        "BSSID",
        "totp",
        "TOTP",
        "SMSOTP",
        "orderNumber",
        "otp_length",
    ] {
        assert_eq!(secret_kind(kept), None, "{kept}");
    }
    for kept in ["tokenTimeout", "token_timeout_ms"] {
        assert_eq!(secret_kind(kept), None, "{kept}");
    }
    assert!(names_secret(r#"{"smsOtp":"1"}"#));
    assert!(!names_secret(r#"{"SMSOTP":"1"}"#));
}

/// `code` after a word that makes it a one-time code, or right after a Chinese name of one;
/// SMS templates' parameters; session cookies; an ending that is the secret word's own.
#[test]
fn qualified_codes_templates_and_sessions_name_secrets() {
    for (before, key) in [
        ("Your ", "code"),
        ("login ", "code"),
        ("PIN ", "code"),
        ("one-time ", "code"),
        ("验证码", "code"),
    ] {
        assert_eq!(
            spaced_key_kind(before.as_bytes(), key),
            Some("code"),
            "{before}"
        );
    }
    for (before, key) in [
        ("loginAuth ", "code"),
        ("result ", "code"),
        ("your ", "id"),
        ("Your", "code"),
    ] {
        assert_eq!(spaced_key_kind(before.as_bytes(), key), None, "{before}");
    }
    for (key, kind) in [
        ("TemplateParam", "code"),
        ("TemplateParamSet", "code"),
        ("templateParams", "code"),
        ("SESSION", "token"),
        ("laravel_session", "token"),
        ("SESSDATA", "token"),
    ] {
        assert_eq!(secret_kind(key), Some(kind), "{key}");
    }
    for kept in [
        "passwordSet",
        "sessionTimeout",
        "tokenType",
        "templateParamCount",
    ] {
        assert_eq!(secret_kind(kept), None, "{kept}");
    }
    assert!(ends_with_word(b"templateparamset"));
    assert!(!ends_with_word(b"tokentype") && !ends_with_word(b"host"));
}

/// A redaction names the kind and the value's characters (not bytes), in decimal, for
/// counts of one digit and of several, zero included.
#[test]
fn redactions_count_characters_in_decimal() {
    assert_eq!(redacted("token", ""), "<redacted token: 0 chars>");
    assert_eq!(
        redacted("phone", "13812345678"),
        "<redacted phone: 11 chars>"
    );
    assert_eq!(redacted("code", "验证码"), "<redacted code: 3 chars>");
    for n in [1, 9, 10, 99, 100, 101, 1000, 65_536] {
        let value = "x".repeat(n);
        assert_eq!(
            redacted("secret", &value),
            format!("<redacted secret: {n} chars>")
        );
    }
}

/// A request id without a separator holds no `key=value` secret: only its numbers are
/// redacted, and a redaction's own `phone: 11 chars` is no key and value to read again.
#[test]
fn ids_without_separators_get_their_numbers_redacted() {
    let id = |s: &'static str| mask_id(Cow::Borrowed(s)).into_owned();
    assert_eq!(id("bc69f265"), "bc69f265");
    assert_eq!(
        id("8E7B-13812345678-x"),
        "8E7B-<redacted phone: 11 chars>-x"
    );
    assert_eq!(id("13812345678"), "<redacted phone: 11 chars>");
    for text in ["13812345678", "a 138 1234 5678 b", "1381234567813912345678"] {
        let phones = mask_phones(Cow::Borrowed(text));
        assert_eq!(keyed::mask_keyed(phones.clone()), phones, "{text}");
    }
    // With a separator, the value after a secret key is read too.
    assert_eq!(
        id("req:token=STsid0001"),
        "req:token=<redacted token: 9 chars>"
    );
}

/// A number with an exponent is one of its own: not a UUID's group or a word's letters.
#[test]
fn exponents_are_numbers_of_their_own() {
    for yes in ["1.3812345678e10", "5E+3", "[1.38E-1]", "-2e5,", "x: 1e9"] {
        assert!(has_exponent(yes.as_bytes()), "{yes}");
    }
    for no in [
        "0b6f3a1e-77c2",
        "a1e5",
        "1e5b",
        "5E+3x",
        "1e",
        "e5",
        "1.5",
        "1e+",
    ] {
        assert!(!has_exponent(no.as_bytes()), "{no}");
    }
}
