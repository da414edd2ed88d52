//! Fuzzes `normalize` with arbitrary text, the same text as a JSON string (what the CLI passes
//! for NDJSON string lines) and as the fields of a typed callback. It must never panic, and
//! every result must agree with the catalog.

#![no_main]

use libfuzzer_sys::fuzz_target;
use numauth::{lookup, lookup_with_msg, normalize, normalize_callback, Callback, Hint, Normalized};

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

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(n) = normalize(text) {
        assert!(!n.code.is_empty());
        check(&n, 0);
        let _ = serde_json::to_string(&n);
    }
    if let Ok(quoted) = serde_json::to_string(text) {
        if let Ok(n) = normalize(&quoted) {
            check(&n, 0);
        }
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
