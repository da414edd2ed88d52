//! Unit tests of `entry.rs`: spans, platform lists and message matching.

use super::{byte_set, contains_ignore_ascii_case, Entry, Pair, Span, Str};

#[test]
fn table_rows_stay_small() {
    use std::mem::size_of;
    assert_eq!(size_of::<Option<Str>>(), 2);
    assert_eq!(size_of::<Option<Pair>>(), 4);
    assert_eq!(size_of::<Span>(), 4);
    // About 1,300 entries: every byte here is about 1.3 KiB of every binary that links
    // numauth. 44 bytes before the per-entry actor and retryable (one byte each).
    // 46 with the per-entry actor and retryable, then the wrapped carrier (one byte).
    assert!(size_of::<Entry>() <= 48, "{}", size_of::<Entry>());
}

#[test]
fn strings_resolve_through_the_tables() {
    let entry = crate::lookup(crate::Source::Pns, "600011").unwrap();
    assert_eq!(format!("{:?}", entry.code), "\"600011\"");
    assert_eq!(
        Str::new(u16::MAX).get(),
        "",
        "a number out of the table is empty, no panic"
    );
    let past = Span {
        at: u16::MAX,
        len: 2,
    };
    assert!(past.of(&crate::generated::PLATFORM_LISTS).is_empty());
}

#[test]
fn containment_ignores_ascii_case_only() {
    assert!(contains_ignore_ascii_case(
        "1, Request TIMEOUT",
        "request timeout"
    ));
    assert!(contains_ignore_ascii_case("获取token失败", "token"));
    assert!(!contains_ignore_ascii_case("time", "timeout"));
    assert!(
        !contains_ignore_ascii_case("ＴＩＭＥ", "time"),
        "full-width letters only match after NFKC"
    );
    // At the ends, empty, longer than the text, a first byte in either case.
    assert!(contains_ignore_ascii_case("abc", ""));
    assert!(contains_ignore_ascii_case("xTIME", "time"));
    assert!(contains_ignore_ascii_case("Timex", "time"));
    assert!(!contains_ignore_ascii_case("tim", "time"));
    assert!(!contains_ignore_ascii_case("", "a"));
}

proptest::proptest! {
    /// The first-byte test is a shortcut only: the answer is the plain window comparison's.
    #[test]
    fn containment_is_the_window_comparison(h in "[aAbB请求超时 ]{0,12}", n in "[ab请求 ]{0,4}") {
        let windows = n.is_empty()
            || h.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n.as_bytes()));
        proptest::prop_assert_eq!(contains_ignore_ascii_case(&h, &n), windows);
    }
}

/// A message's byte set rules out keys it cannot hold (it is meant to, for speed) and never one
/// it holds, in any ASCII case.
#[test]
fn byte_sets_rule_out_keys_whose_bytes_are_missing() {
    let holds = |msg: &str, key: &str| byte_set(key) & !byte_set(msg) == 0;
    assert!(holds("请求超时", "请求超时") && holds("请求超时", "超时"));
    assert!(!holds("请求超时", "网络异常"), "other characters");
    assert!(
        !holds("请求超时", "request timeout"),
        "ASCII against Chinese"
    );
    assert!(holds("1, Request TIMEOUT", "request timeout"));
    assert!(!holds("abc", "abd") && !holds("xbc", "abc"));
    assert_eq!(byte_set(""), 0);
    assert_eq!(byte_set("A"), byte_set("a"));
    assert_ne!(byte_set("a"), byte_set("b"));
}

proptest::proptest! {
    /// With the message's byte set, every catalog row's matcher finds what it finds without it.
    #[test]
    fn byte_sets_never_change_a_match(msg in "[a-zA-Z0-9 ,请求超时网络异常错误参数用户取消登录]{0,24}", row in 0usize..2000) {
        let rows: Vec<&Entry> = crate::entries().filter(|e| e.matcher.is_some()).collect();
        let m = rows[row % rows.len()].matcher.as_ref().unwrap();
        let key = if row % 2 == 0 { m.zh_key.get() } else { m.en_key.get() };
        // Two in three messages hold a row's own key (one in capitals), so that matches are
        // tried as well as misses.
        let msg = match row % 3 {
            0 => format!("{msg}{key}"),
            1 => format!("{}{msg}", key.to_ascii_uppercase()),
            _ => msg,
        };
        let keys = [byte_set(m.zh_key.get()), byte_set(m.en_key.get())];
        proptest::prop_assert_eq!(m.matched_len(&msg, byte_set(&msg), keys), m.matched_len(&msg, u64::MAX, keys));
    }
}
