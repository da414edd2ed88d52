//! `normalize`'s output lines written straight into a buffer.
//!
//! The bytes are exactly those `serde_json::to_writer` writes for the same [`Normalized`] (the
//! tests hold the two equal). Writing them by hand saves most of the time `serde_json` spent on
//! a line, which was 40% of `numauth normalize --jobs 1`: keys and ids are copied as they are,
//! and a string is checked for characters to escape eight bytes at a time (serde_json looks at
//! each byte in turn), then copied whole. Only a string that needs escapes, IDaaS parameters and `extra`'s non-string
//! values (rare, and parsed back into JSON) still go through `serde_json`.

use numauth::{ExtraValue, Lang, Message, Normalized};

/// Appends `n` as one JSON object, with `"explain"` (the effective outcome in `lang`) as its last
/// field when a language is given.
pub fn write_normalized(out: &mut Vec<u8>, n: &Normalized<'_>, explain: Option<Lang>) {
    write_fields(out, n);
    if let Some(lang) = explain {
        out.extend_from_slice(b",\"explain\":{\"title\":");
        write_str(out, n.outcome.title(lang));
        out.extend_from_slice(b",\"user_text\":");
        write_str(out, n.outcome.user_text(lang));
        out.extend_from_slice(b",\"action\":");
        write_str(out, n.action.text(lang));
        out.push(b'}');
    }
    out.push(b'}');
}

/// `n`'s fields in declaration order, after the opening brace and without the closing one.
fn write_fields(out: &mut Vec<u8>, n: &Normalized<'_>) {
    out.extend_from_slice(b"{\"source\":");
    write_id(out, n.source.as_str());
    out.extend_from_slice(b",\"code\":");
    write_str(out, &n.code);
    out.extend_from_slice(b",\"known\":");
    write_bool(out, n.known);
    out.extend_from_slice(b",\"outcome\":");
    write_id(out, n.outcome.as_str());
    out.extend_from_slice(b",\"category\":");
    write_id(out, n.category.as_str());
    out.extend_from_slice(b",\"actor\":");
    write_id(out, n.actor.as_str());
    out.extend_from_slice(b",\"retryable\":");
    write_bool(out, n.retryable);
    out.extend_from_slice(b",\"action\":");
    write_id(out, n.action.as_str());
    out.extend_from_slice(b",\"message\":");
    write_option(out, n.message.as_ref(), write_message);
    out.extend_from_slice(b",\"raw_msg\":");
    write_option(out, n.raw_msg.as_deref(), write_str);
    out.extend_from_slice(b",\"root_cause\":");
    write_option(out, n.root_cause.as_deref(), |out, cause| {
        write_normalized(out, cause, None);
    });
    out.extend_from_slice(b",\"carrier\":");
    write_option(out, n.carrier, |out, carrier| {
        write_id(out, carrier.as_str())
    });
    out.extend_from_slice(b",\"request_id\":");
    write_option(out, n.request_id.as_deref(), write_str);
    out.extend_from_slice(b",\"params\":");
    write_option(out, n.params.as_ref(), write_with_serde);
    out.extend_from_slice(b",\"extra\":{");
    for (i, (key, value)) in n.extra.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(out, key);
        out.push(b':');
        match value {
            ExtraValue::Text(text) => write_str(out, text),
            // Parsed back into JSON when it is valid JSON: left to `serde_json`.
            ExtraValue::Json(_) => write_with_serde(out, value),
        }
    }
    out.push(b'}');
    // Rare (a rule of data/advice.yaml matched): left to `serde_json`.
    out.extend_from_slice(b",\"advice\":");
    write_option(out, n.advice.as_ref(), write_with_serde);
}

fn write_message(out: &mut Vec<u8>, message: &Message) {
    out.extend_from_slice(b"{\"zh\":");
    write_str(out, message.zh);
    out.extend_from_slice(b",\"en\":");
    write_str(out, message.en);
    out.push(b'}');
}

fn write_option<T>(out: &mut Vec<u8>, value: Option<T>, write: impl FnOnce(&mut Vec<u8>, T)) {
    match value {
        Some(value) => write(out, value),
        None => out.extend_from_slice(b"null"),
    }
}

fn write_bool(out: &mut Vec<u8>, value: bool) {
    out.extend_from_slice(if value { b"true" } else { b"false" });
}

/// An id (`Source::as_str` ...): snake_case, so never escaped (tested for every id).
fn write_id(out: &mut Vec<u8>, id: &str) {
    write_unescaped(out, id);
}

/// A string that needs no escapes, between quotes.
fn write_unescaped(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// A JSON string: copied whole between quotes when nothing in it needs an escape.
fn write_str(out: &mut Vec<u8>, text: &str) {
    if needs_escape(text) {
        write_with_serde(out, text);
    } else {
        write_unescaped(out, text);
    }
}

/// Whether `text` has a quote, a backslash or a control character, which JSON escapes. Eight
/// bytes at a time, without an early exit: strings are short and rarely need escapes.
fn needs_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let word = |at: usize| {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        escapes_in(u64::from_le_bytes(word))
    };
    if bytes.len() < 8 {
        return bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
    }
    // The last word overlaps the one before it rather than being padded: a padded copy would be
    // read back before the store that built it had finished.
    let found = (0..bytes.len() / 8).fold(0, |found, i| found | word(i * 8));
    found | word(bytes.len() - 8) != 0
}

/// Not zero when a byte of `word` is a quote, a backslash or below 0x20. The classic tests for a
/// zero byte (`x - 0x01..01 & !x & 0x80..80`) and a byte below `n` (`x - n * 0x01..01 & !x &
/// 0x80..80`): exact about whether there is one, though not about where.
const fn escapes_in(word: u64) -> u64 {
    const ONES: u64 = u64::MAX / 0xff;
    const HIGH: u64 = ONES * 0x80;
    const fn below(word: u64, n: u8) -> u64 {
        word.wrapping_sub(ONES * n as u64) & !word & HIGH
    }
    below(word, 0x20)
        | below(word ^ (ONES * b'"' as u64), 1)
        | below(word ^ (ONES * b'\\' as u64), 1)
}

fn write_with_serde(out: &mut Vec<u8>, value: &(impl serde::Serialize + ?Sized)) {
    // Writing into a `Vec` cannot fail, and these values serialise without error.
    let _ = serde_json::to_writer(out, value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use numauth::{entries, normalize, Action, Actor, AuthOutcome, Carrier, Category, Source};
    use strum::IntoEnumIterator;

    /// An output line as the `serde` derive writes it (how `normalize` wrote its lines before
    /// this module): the reference the writer must equal byte for byte.
    #[derive(serde::Serialize)]
    struct Line<'a, 'n> {
        #[serde(flatten)]
        normalized: &'a Normalized<'n>,
        #[serde(skip_serializing_if = "Option::is_none")]
        explain: Option<Explain>,
    }

    #[derive(serde::Serialize)]
    struct Explain {
        title: &'static str,
        user_text: &'static str,
        action: &'static str,
    }

    fn with_serde(n: &Normalized<'_>, explain: Option<Lang>) -> String {
        let explain = explain.map(|lang| Explain {
            title: n.outcome.title(lang),
            user_text: n.outcome.user_text(lang),
            action: n.action.text(lang),
        });
        serde_json::to_string(&Line {
            normalized: n,
            explain,
        })
        .unwrap()
    }

    fn mine(n: &Normalized<'_>, explain: Option<Lang>) -> String {
        let mut out = Vec::new();
        write_normalized(&mut out, n, explain);
        String::from_utf8(out).unwrap()
    }

    fn assert_same(raw: &str) {
        let n = normalize(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert_same_for(raw, &n);
    }

    fn assert_same_for(raw: &str, n: &Normalized<'_>) {
        for explain in [None, Some(Lang::Zh), Some(Lang::En)] {
            let expected = with_serde(n, explain);
            assert_eq!(mine(n, explain), expected, "{raw}, explain {explain:?}");
        }
    }

    #[test]
    fn every_catalog_entry_is_written_as_serde_json_writes_it() {
        for entry in entries() {
            let code = serde_json::to_string(entry.code()).unwrap();
            let msg = serde_json::to_string(entry.message(Lang::Zh)).unwrap();
            let raw = match entry.source() {
                Source::Cucc => format!("{{\"resultCode\":{code},\"resultMsg\":{msg}}}"),
                _ => format!("{{\"code\":{code},\"msg\":{msg}}}"),
            };
            assert_same(&raw);
        }
    }

    #[test]
    fn escapes_nesting_params_and_extra_are_written_as_serde_json_writes_them() {
        for raw in [
            // A root cause from nested carrier data, a request id, a vendor.
            r#"{"code":"600011","msg":"获取token失败","requestId":"0b6f","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"appid不存在\"}"}"#,
            // Text that needs escapes: quotes, backslashes, control characters, non-ASCII.
            "{\"code\":\"600099\",\"msg\":\"a \\\"quoted\\\" \\\\ path\\n\\ttab \\u0001 \\u00e9\",\"note\":\"x\\\"y\"}",
            // `extra` of every kind: numbers, literals, objects, arrays, broken JSON, a token.
            r#"{"code":"600000","token":"STsid0000001","n":1.5e3,"t":true,"z":null,"o":{"a":[1,{"b":"c"}]},"arr":[1,2],"requestCode":0}"#,
            "{msg: 蜂窝网络未开启, code: 600008, data: {a: 1}}",
            // IDaaS parameters.
            r#"{"error_code":"IDAAS.SDK.LOGIN.1003","error_msg":"用户因多次登录失败已被锁定，将在4分30秒后解锁"}"#,
            // A bare code, unknown, and a China Unicom code + message row.
            "600099",
            r#"{"resultCode":1,"resultMsg":"请求超时","seq":"a1"}"#,
            // Keys that need escapes.
            "{\"code\":\"600011\",\"we\\\"ird\\\\key\":\"v\",\"tab\\tkey\":1}",
        ] {
            assert_same(raw);
        }
    }

    #[test]
    fn the_sample_log_is_written_as_serde_json_writes_it() {
        let log = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/samples/callbacks.ndjson"
        ));
        let mut written = 0;
        for line in log.lines() {
            crate::input::with_normalized(line, Default::default(), |n| {
                if let Ok(n) = n {
                    assert_same_for(line, n);
                    written += 1;
                }
            });
        }
        assert!(written > 20, "only {written} sample lines normalised");
    }

    #[test]
    fn no_id_needs_an_escape() {
        let ids = (Source::iter().map(Source::as_str))
            .chain(AuthOutcome::iter().map(AuthOutcome::as_str))
            .chain(Category::iter().map(Category::as_str))
            .chain(Actor::iter().map(Actor::as_str))
            .chain(Action::iter().map(Action::as_str))
            .chain(Carrier::iter().map(Carrier::as_str));
        for id in ids {
            assert!(!id.is_empty());
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{id}"
            );
        }
    }

    #[test]
    fn needs_escape_finds_every_character_json_escapes_at_every_place() {
        for len in 0..20 {
            for at in 0..len {
                for b in (0..=0x7fu8).chain([0xc3]) {
                    let mut text = vec![b'x'; len];
                    text[at] = b;
                    if b == 0xc3 {
                        // The first byte of "é": a whole character, which needs no escape.
                        text.insert(at + 1, 0xa9);
                    }
                    let text = String::from_utf8(text).unwrap();
                    let escaped = serde_json::to_string(&text).unwrap();
                    assert_eq!(
                        needs_escape(&text),
                        escaped.len() != text.len() + 2,
                        "byte {b:#04x} at {at} of {len}"
                    );
                }
            }
        }
        assert!(!needs_escape("无SIM卡 é ✓ 蜂窝网络未开启"));
    }
}
