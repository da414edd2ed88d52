use std::borrow::Cow;

use super::*;

/// Words that look like a token in an error message: base64 of both cases, 32 characters or
/// more, split at anything but letters, digits and `+ _ -`; each redacted in place.
#[test]
fn token_like_words_are_redacted_in_place() {
    let t = "STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9"; // 37 characters
    let r = "<redacted token: 37 chars>";
    let masked = |s: &str| mask_token_words(Cow::Borrowed(s)).into_owned();
    assert_eq!(masked(t), r);
    assert_eq!(masked(&format!("/v1/{t}/x")), format!("/v1/{r}/x"));
    assert_eq!(masked(&format!("a {t} b {t}")), format!("a {r} b {r}"));
    // `+ _ -` are a token's; `=`, `.` and `/` split words.
    assert_eq!(masked(&format!("{t}+_-")), "<redacted token: 40 chars>");
    assert_eq!(masked(&format!("{t}==")), format!("{r}=="));
    assert_eq!(masked(&format!("{t}.x")), format!("{r}.x"));
    // One case only, no digit, too short, or a redaction's own words: kept.
    for kept in [
        "0b6f3a1e77c24d1a9f3e0123456789ab",
        "ERROR_CODE_GET_TOKEN_FAILED_600011",
        "STsidOjgYzJhbGciOiJSUzINiJabcdefghij",
        "STsid0000001Ojg5Yz3JhbGciOiJSUz",
        "<redacted STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// A JWT in text: its parts joined by `.` are one token, though each is shorter than one
/// (a red-team find: `got eyJ….eyJ….sig` was kept, and so was the token in an error message
/// that repeated `/v1/explain/eyJ…`). Other words joined by `.` stay apart.
#[test]
fn a_jwt_is_one_token_across_its_dots() {
    let masked = |s: &str| mask_token_words(Cow::Borrowed(s)).into_owned();
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_abcdefgh"; // 49 characters
    let r = "<redacted token: 49 chars>";
    assert_eq!(masked(&format!("got {jwt}")), format!("got {r}"));
    assert_eq!(
        masked(&format!("unknown code \"{jwt}\": not in the catalog")),
        format!("unknown code \"{r}\": not in the catalog")
    );
    // A sentence's full stop after it is no part of it.
    assert_eq!(masked(&format!("{jwt}. Next")), format!("{r}. Next"));
    for kept in [
        "AliyunPhoneNumberAuthSDK_Android_2.12.14_release_20240801",
        "eyJ.x",
        "com.example.app.LoginActivity.onTokenFailed.Handler2",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// A review of the rule's first version: `=` joined a key to its value (`requestId=8E7B…`
/// went whole), and identifiers of both cases with a digit were taken for tokens. Kept now;
/// and a standard-base64 token's `/` no longer splits it into pieces under 32 characters.
#[test]
fn keys_identifiers_and_paths_are_no_tokens() {
    let masked = |s: &str| mask_token_words(Cow::Borrowed(s)).into_owned();
    for kept in [
        "msg=获取token失败 requestId=8E7B3C1D-4A2F-4B6E-9C1D-2F3A4B5C6D7E",
        "_kCFStreamErrorCodeKey=-9806, _kCFNetworkCFStreamSSLErrorOriginalValue=-9806",
        "traceId=8e7b3c1d4a2f4b6e9c1d2f3a4b5c6d7e&seqId=1",
        "AliyunPhoneNumberAuthSDK_Android_2.12.14_release_20240801",
        "KVO: PNSAuthUIConfig_privacyAlertContentColor2 observed",
        "https://m.example.com/auth/PhoneNumberLoginCallbackHandlerV2?from=app",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
    let slashed = "STsidQ9xLmN4pR7s/T2vW8yZ1aB3cD5eF6g/H0jK9lM8nB7vC6xZ5a";
    assert_eq!(
        masked(&format!("获取token成功 {slashed} ok")),
        "获取token成功 <redacted token: 54 chars> ok"
    );
    // A path's parts of one case stay out of the token's chain.
    assert_eq!(
        masked(&format!("/v1/codes/{slashed}/x")),
        "/v1/codes/<redacted token: 54 chars>/x"
    );
    // A short text, or a run under 32 bytes: borrowed.
    for short in ["STsidQ9xLmN4pR7s", "STsidQ9xLmN4pR7sT2vW8yZ1aB3cD5e.STsid"] {
        assert!(matches!(masked_cow(short), Cow::Borrowed(_)), "{short}");
    }
}

fn masked_cow(s: &str) -> Cow<'_, str> {
    mask_token_words(Cow::Borrowed(s))
}

#[test]
fn token_words_change_class_as_random_base64_does() {
    assert!(is_token_word("STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9"));
    assert!(is_token_word("STsidQ9xLmN4pR7sT2vW8yZ1aB3cD5eF6gH"));
    // Words of small letters between capitals: an identifier.
    assert!(!is_token_word("PNSAuthUIConfig_privacyAlertContentColor2"));
    // At least two changes in five pairs of neighbours: 32 characters have 31 pairs, so 13
    // changes make a token (65 >= 62) and 12 do not.
    let with_changes = |changes: usize| {
        let mut w = String::from("A");
        for j in 0..changes {
            w.push(if j % 2 == 0 { 'b' } else { '2' });
        }
        let last = w.chars().last().unwrap_or('b');
        while w.len() < 32 {
            w.push(last);
        }
        w
    };
    assert!(is_token_word(&with_changes(13)));
    assert!(!is_token_word(&with_changes(12)));
}

/// Each class of character counts on its own: a word whose changes are between capitals,
/// small letters or digits and the other marks (`-`, `_`) has 13 in 31 pairs, and would have
/// fewer if two classes were one.
#[test]
fn every_class_of_character_counts() {
    let mut w = String::from("A-b_2-A_b-2_Ab");
    while w.len() < 32 {
        w.push('b');
    }
    assert!(is_token_word(&w), "{w}");
}

/// A path's part of one case after a token that ends with a capital stays out of the token.
#[test]
fn a_chain_joins_only_words_of_both_cases() {
    let t = "STsidQ9xLmN4pR7sT2vW8yZ1aB3cD5eF6gH";
    assert_eq!(
        mask_token_words(Cow::Borrowed(&format!("{t}/xyz"))).into_owned(),
        "<redacted token: 35 chars>/xyz"
    );
}
