//! Fuzzes `normalize` with arbitrary text, the same text as a JSON string (what the CLI passes
//! for NDJSON string lines), the text under a hint (platform and versions, which turn on the
//! advice rules; the same under `Detail::Outcome` must give the same typed fields and keep no
//! text) and as the fields of a typed callback. It must never panic, and every result
//! must agree with the catalog. A mobile number planted in the text, spaced off from what is
//! around it, must never reach the output. Seeds of every vendor shape: `fuzz/seeds/normalize/`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use numauth::{
    lookup, lookup_with_msg, normalize, normalize_callback, normalize_with, Callback, Detail,
    Hint, Normalized, Platform,
};

/// The typed fields of a node and its causes, which `Detail::Outcome` must give as `Full` does;
/// and whether any node keeps a text, which it must not.
fn typed(n: &Normalized<'_>) -> (Vec<String>, bool) {
    let (mut fields, mut texts, mut cur) = (Vec::new(), false, Some(n));
    while let Some(c) = cur {
        fields.push(format!(
            "{:?} {} {} {:?} {:?} {:?} {} {:?} {:?} {:?} {:?} {:?}",
            c.source, c.code, c.known, c.outcome, c.category, c.actor, c.retryable, c.action,
            c.message, c.carrier, c.request_id, c.advice,
        ));
        texts |= c.raw_msg.is_some() || c.params.is_some() || !c.extra.is_empty();
        cur = c.root_cause.as_deref();
    }
    (fields, texts)
}

fn check(n: &Normalized<'_>, depth: usize) {
    assert!(depth < 64, "cause chain too long");
    if n.known {
        let known = lookup(n.source, &n.code).is_some()
            || lookup_with_msg(n.source, &n.code, n.raw_msg.as_deref().unwrap_or_default())
                .is_some();
        assert!(
            known,
            "known {} {} but the catalog disagrees",
            n.source, n.code
        );
    }
    if let Some(cause) = &n.root_cause {
        check(cause, depth + 1);
    }
}

/// The numbers planted in the text: a mobile number as `secret::phones` reads one, written the
/// ways it reads (alone, after `+86`, in 3-4-4 or 3-8 groups, the first in brackets or not, in
/// ASCII or full-width digits), and what of each must not be left. (`Debug` writes the
/// ideographic space as `\u{3000}`: of that form, the last group is looked for.)
const PLANTED: [(&str, &str); 11] = [
    ("13812345678", "13812345678"),
    ("+8613812345678", "13812345678"),
    ("138 1234 5678", "138 1234 5678"),
    ("138-1234-5678", "138-1234-5678"),
    ("138.1234.5678", "138.1234.5678"),
    ("138-12345678", "138-12345678"),
    ("138 1234-5678", "138 1234-5678"),
    ("(138)1234-5678", "(138)1234-5678"),
    ("１３８１２３４５６７８", "１３８１２３４５６７８"),
    ("＋８６１３８１２３４５６７８", "１３８１２３４５６７８"),
    ("１３８\u{3000}１２３４\u{3000}５６７８", "５６７８"),
];

/// `text` with one of [`PLANTED`] (the second byte picks) put in at a character boundary the
/// first byte picks, a space on either side (so it is a word of its own, inside no id and
/// touching no other digit), and what of it must not reach the output; `None` when the text
/// could make a number without it: digits that read as ASCII ones after unescaping or NFKC
/// (`\u0031`, `&#49;`), digits of other scripts (`１`, `١`), or the number's last digits
/// already in the text. Those would test
/// what the redaction leaves on purpose (see the README), not a leak.
fn planted(text: &str, data: &[u8]) -> Option<(String, &'static str)> {
    let unsure = text.contains("5678")
        || text.contains("\\u")
        || text.contains("\\U")
        || text.contains("&#")
        || text.chars().any(|c| !c.is_ascii() && c.is_numeric());
    if unsure {
        return None;
    }
    let (number, left) =
        PLANTED[usize::from(data.get(1).copied().unwrap_or_default()) % PLANTED.len()];
    let at = usize::from(data.first().copied().unwrap_or_default()) * text.len() / 256;
    let at = (0..=at).rev().find(|&i| text.is_char_boundary(i))?;
    Some((format!("{} {number} {}", &text[..at], &text[at..]), left))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(n) = normalize(text) {
        assert!(!n.code.is_empty());
        check(&n, 0);
        let _ = serde_json::to_string(&n);
    }
    // The last byte picks a platform and versions: the advice rules key on them.
    let platforms = [Platform::Android, Platform::Ios, Platform::Web, Platform::Harmony];
    let last = data.last().copied().unwrap_or_default();
    let hint = Hint {
        platform: platforms.get(usize::from(last % 5)).copied(),
        os_version: format!("{}.{}", last % 20, last % 7).parse().ok(),
        sdk_version: format!("2.{}.{}", last % 16, last / 16).parse().ok(),
        ..Hint::default()
    };
    let lean = Hint {
        detail: Detail::Outcome,
        ..hint
    };
    match (normalize_with(text, hint), normalize_with(text, lean)) {
        (Ok(full), Ok(out)) => {
            let (fields, texts) = typed(&out);
            assert!(!texts, "Outcome kept a text: {out:?}");
            assert_eq!(typed(&full).0, fields, "Outcome's typed fields differ");
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("Full gave {a:?}, Outcome {b:?}"),
    }
    if let Ok(n) = normalize_with(text, hint) {
        check(&n, 0);
        if let Some(advice) = &n.advice {
            assert!(!advice.zh.is_empty() && !advice.en.is_empty(), "{advice:?}");
        }
    }
    if let Ok(quoted) = serde_json::to_string(text) {
        if let Ok(n) = normalize(&quoted) {
            check(&n, 0);
        }
    }
    if let Some((planted, left)) = planted(text, data) {
        if let Ok(n) = normalize(&planted) {
            let out = format!("{n:?}");
            assert!(!out.contains(left), "the planted number leaked: {out}");
        }
        // The same text as a typed callback's message and carrier data.
        let callback = Callback {
            code: "600011",
            msg: Some(&planted),
            carrier_data: Some(&planted),
            ..Callback::default()
        };
        let out = format!("{:?}", normalize_callback(&callback, Hint::default()));
        assert!(!out.contains(left), "the planted number leaked: {out}");
    }
    let (code, rest) = text.split_at(text.char_indices().nth(8).map_or(text.len(), |(i, _)| i));
    let callback = Callback {
        code,
        msg: Some(rest),
        carrier_data: Some(rest),
        inner_code: Some(code),
        vendor_name: Some(rest),
        ..Callback::default()
    };
    check(&normalize_callback(&callback, Hint::default()), 0);
});
