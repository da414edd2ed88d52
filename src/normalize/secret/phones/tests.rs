//! Tests of the search for numbers in text.

use super::*;

#[test]
fn the_first_digit_is_found_in_any_byte_of_a_word() {
    // Every byte value at every offset, across the eight-byte words and the tail.
    for len in [1, 7, 8, 9, 16, 19] {
        for at in 0..len {
            for c in 0..=255u8 {
                let mut b = vec![b'x'; len];
                b[at] = c;
                let want = c.is_ascii_digit().then_some(at);
                assert_eq!(first_digit(&b, 0), want, "{len} {at} {c}");
                assert_eq!(first_digit(&b, at), want, "{len} {at} {c} from {at}");
            }
        }
    }
    // Digits after a non-ASCII byte of the same word; the search starts at `from`.
    assert_eq!(first_digit("号码1".as_bytes(), 0), Some(6));
    assert_eq!(first_digit(b"1xxxxxxxxx2", 1), Some(10));
    assert_eq!(first_digit(b"12", 2), None);
    assert_eq!(first_digit(b"12", 9), None);
}

#[test]
fn eleven_digits_are_counted_anywhere_in_a_text() {
    let text = |digits: usize, pad: usize| {
        let mut t = "x".repeat(pad);
        for k in 0..digits {
            t.push('é');
            t.push(char::from(b'0' + (k % 10) as u8));
        }
        t
    };
    for pad in [0, 1, 5, 7, 8, 300, 600] {
        assert!(!eleven(text(10, pad).as_bytes()), "10 after {pad}");
        assert!(eleven(text(11, pad).as_bytes()), "11 after {pad}");
    }
    // Many words of digits (past the lanes' 16 words), and digits in every lane.
    assert!(eleven(&[b'7'; 4096]));
    assert!(eleven(&[b'7'; 11]));
    assert!(!eleven(&[b'7'; 10]));
    let mut spread = vec![b'x'; 8 * 40];
    for k in 0..11 {
        spread[k * 29] = b'1';
    }
    assert!(eleven(&spread));
    spread[0] = b'x';
    assert!(!eleven(&spread));
}

#[test]
fn a_lead_byte_is_seen_anywhere_and_nothing_else_is() {
    // Every length from 11 on across two words and a tail, the byte at every offset.
    for len in 11..=24 {
        for at in 0..len {
            for c in [0xEF, 0xEE, 0xFF, 0x6F, 0xBC, 0x90, b'1'] {
                let mut b = vec![b'x'; len];
                b[at] = c;
                assert_eq!(census(&b).1, c == 0xEF, "{len} {at} {c:#x}");
            }
        }
    }
    assert!(!census(&[0xEF; 10]).1, "too short for any number");
    assert!(
        !census("获取token失败, 请重试".as_bytes()).1,
        "CJK without full-width forms"
    );
    assert!(census("号码：１３８".as_bytes()).1);
}

fn eleven(b: &[u8]) -> bool {
    census(b).0
}

fn masked(text: &str) -> String {
    mask_phones(Cow::Borrowed(text)).into_owned()
}

#[test]
fn numbers_in_text_are_found_by_their_digits() {
    let r = |n: usize| format!("<redacted phone: {n} chars>");
    // Exactly 11 digits `1[3-9]…`; `86` and `+86` before them are the number's too.
    assert_eq!(masked("a13812345678b"), format!("a{}b", r(11)));
    assert_eq!(masked("13812345678"), r(11));
    assert_eq!(masked("x+8613812345678"), format!("x{}", r(14)));
    assert_eq!(masked("x 8613812345678"), format!("x {}", r(13)));
    assert_eq!(masked("x 008613812345678."), format!("x {}.", r(15)));
    assert_eq!(masked("x+008613812345678"), format!("x+{}", r(15)));
    assert_eq!(masked("+86 13812345678"), format!("+86 {}", r(11)));
    // With the trunk prefix a landline dials: 0 and the number.
    assert_eq!(masked("拨打013812345678"), format!("拨打{}", r(12)));
    for kept in [
        "1381234567",
        "138123456789",
        "11812345678",
        "23812345678",
        "0086138123",
        "0086123456789",
        "008612812345678",
        "8612812345678",
    ] {
        assert_eq!(masked(kept), kept);
    }
}

#[test]
fn grouped_numbers_are_found_by_their_separators() {
    let r = |n: usize| format!("<redacted phone: {n} chars>");
    // 3-4-4, each gap a separator (the same twice or not); each group exactly that long.
    assert_eq!(masked("138 1234 5678."), format!("{}.", r(13)));
    assert_eq!(masked("138 1234-5678"), r(13));
    assert_eq!(masked("138.1234-5678"), r(13));
    assert_eq!(masked("号138-1234 5678号"), format!("号{}号", r(13)));
    assert_eq!(masked("138_1234/5678"), r(13));
    // The first group in brackets: they are the number's; the separator after them may go.
    assert_eq!(masked("tel:(138)1234-5678,"), format!("tel:{},", r(14)));
    assert_eq!(masked("+86(138)12345678"), format!("+86{}", r(13)));
    assert_eq!(masked("+86 (139) 1234 5678"), format!("+86 {}", r(15)));
    assert_eq!(masked("（150）1234-5678"), r(14));
    assert_eq!(masked("(150）12345678"), r(13));
    // After the country code and a dot.
    assert_eq!(masked("+86.138.1234.5678"), format!("+86.{}", r(13)));
    assert_eq!(masked("0086.138 1234-5678"), format!("0086.{}", r(13)));
    // A bracket not closed is no part of it.
    assert_eq!(masked("(138 1234 5678"), format!("({}", r(13)));
    assert_eq!(masked("(199-1234-5678)"), format!("({})", r(13)));
    assert_eq!(masked("号码138.1234.5678。"), format!("号码{}。", r(13)));
    assert_eq!(masked("id=138_1234_5678&"), format!("id={}&", r(13)));
    assert_eq!(masked("/u/138/1234/5678/"), format!("/u/{}/", r(13)));
    assert_eq!(masked("tel 138_12345678"), format!("tel {}", r(12)));
    // 3-8, split by a space or a hyphen.
    assert_eq!(masked("call 138 12345678."), format!("call {}.", r(12)));
    assert_eq!(masked("(150-12345678)"), format!("({})", r(12)));
    for kept in [
        "138.12345678",
        "138 1234567",
        "138-123456789",
        "138.1234.56789",
        "138/12345/678",
        "138  1234 5678",
        "138)1234 5678",
        "(138)1234_56789",
        "(138)1234567",
        "(138)123456789",
        "(138)1234--5678",
        "[138]1234-5678",
        "(128)1234-5678",
        "138 12345 678",
        // After a number and a dot: a fraction, a version, a logcat time's milliseconds.
        "10:31:02.153 1234-5678/com.example.app",
        "1.138 1234 5678",
        "10.138.1234.5678",
        "2186.138.1234.5678",
        "138 123 45678",
        "138 1234 56789",
        "1380 1234 5678",
        "128 1234 5678",
        "138 1234 ",
        "138 1234",
        "138 ",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
    // After a grouped look-alike, a number further on is still found.
    assert_eq!(
        masked("138 1234+5678 13912345678"),
        format!("138 1234+5678 {}", r(11))
    );
}

#[test]
fn digits_inside_an_identifier_are_the_identifiers() {
    let r = "<redacted phone: 11 chars>";
    // A hex word with a letter, 16 or longer, or a UUID's last group: an id, kept.
    for kept in [
        "abcde13812345678",
        "13812345678abcde",
        "x deadbeef13812345678cafe y",
        "0b6f3a1e-77c2-4d1a-9f3e-a13812345678",
        "id=0B6F3A1E-77C2-4D1A-9F3E-13812345678F.",
        // A number's groups across a UUID's.
        "3f2a9b7c-a138-1234-5678-9abcdef01234",
        "req 0b6f3a1e-77c2-4f1a-b150-12345678abcd ok",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
    // Shorter, or no letter, or a letter that is not hex, or not a UUID: words and a number.
    for (text, want) in [
        ("abcd13812345678", format!("abcd{r}")),
        ("13812345678abcd", format!("{r}abcd")),
        ("phone13812345678", format!("phone{r}")),
        ("trace-13812345678", format!("trace-{r}")),
        ("user-13812345678-deleted", format!("user-{r}-deleted")),
        ("13812345678-13912345678-a", format!("{r}-{r}-a")),
        ("gtc_17112345678", format!("gtc_{r}")),
        ("9f3e-a13812345678", format!("9f3e-a{r}")),
        (
            "0b6f3a1e-77c2-4d1a-9f3-a13812345678",
            format!("0b6f3a1e-77c2-4d1a-9f3-a{r}"),
        ),
        (
            "0b6f3a1e-77c2-4d1a-9f3-ea13812345678",
            format!("0b6f3a1e-77c2-4d1a-9f3-ea{r}"),
        ),
        (
            "xb6f3a1e-77c2-4d1a-9f3e-a13812345678",
            format!("xb6f3a1e-77c2-4d1a-9f3e-a{r}"),
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    // A hex word is looked at 64 bytes either way: past that, what lies beyond is not read.
    let long = format!("{}13812345678{}", "a".repeat(64), "z");
    assert_eq!(
        masked(&long),
        format!("{}{r}z", "a".repeat(64)),
        "the z is read"
    );
    let far = format!("z{}13812345678", "a".repeat(64));
    assert_eq!(masked(&far), far, "the z is 65 bytes away");
}

#[test]
fn escapes_before_a_number_are_not_its_digits() {
    let r = "<redacted phone: 11 chars>";
    for (text, want) in [
        (r"\u53f7\u780113812345678", format!(r"\u53f7\u7801{r}")),
        (r"\uff1a13812345678", format!(r"\uff1a{r}")),
        (r"\U53f713812345678", format!(r"\U53f7{r}")),
        (r"\u300013812345678", format!(r"\u3000{r}")),
        (r"\u30013812345678", format!(r"\u3001{}", "3812345678")),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    // A URL's escapes: the hex digits of `%XX` before a number are the escape's; a `%`
    // that makes no escape with the digits is a percent sign.
    for (text, want) in [
        ("%E5%8F%B713812345678", format!("%E5%8F%B7{r}")),
        ("m=%2013812345678&", format!("m=%20{r}&")),
        (
            "phone=%2B8613812345678",
            "phone=%2B<redacted phone: 13 chars>".into(),
        ),
        ("rate 50%13812345678", format!("rate 50%{r}")),
        ("%13812345678", format!("%{r}")),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    // A byte escape's (Python's `bytes` repr): 号 or a space, then the number.
    for (text, want) in [
        (r"\xe5\x8f\xb713812345678", format!(r"\xe5\x8f\xb7{r}")),
        (r"b'\x2013812345678'", format!(r"b'\x20{r}'")),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    // Not an escape: digits of a word, `x` or `u` without a backslash; and an escape whose
    // digits leave no number (`\x78` then `0113812345678`).
    for kept in [r"\x780113812345678", "x7813812345678", "u780113812345678"] {
        assert_eq!(masked(kept), kept);
    }
}

#[test]
fn text_without_a_number_is_borrowed() {
    assert!(matches!(
        mask_phones(Cow::Borrowed("获取token失败 600011")),
        Cow::Borrowed(_)
    ));
    assert!(super::super::mentions_secret("号码13812345678"));
    assert!(super::super::mentions_secret("号码 138 1234 5678"));
    assert!(!super::super::mentions_secret(
        "号码 1381234567 0b6f3a1e-77c2-4d1a-9f3e-a13812345678"
    ));
}

/// [`redact_numbers`] redacts a number in any code: that never hides a catalog code.
#[test]
fn no_catalog_code_is_a_phone_number() {
    assert!(crate::entries().all(|e| !looks_like_phone(e.code())));
}
