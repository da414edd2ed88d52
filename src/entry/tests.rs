//! Unit tests of `entry.rs`: spans, platform lists and message matching.

use super::{contains_ignore_ascii_case, Entry, Pair, Span, Str};

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
