//! The expected results of the Kotlin test, made with the Rust library itself (not through the
//! bindings): each input line of a log, normalised by `numauth::normalize`, as one record of
//! fields in the flat form `tests/kotlin/NumauthTest.kt` also builds from the binding's result.
//!
//! cargo run -p numauth-ffi --example expected -- data/samples/callbacks.ndjson > expected.txt
//!
//! Fields are separated by U+001F and records by U+001E, so no value needs escaping.

use std::io::Write;

use numauth::{ExtraValue, Lang, Normalized};

const NONE: &str = "<none>";

fn opt(v: Option<&str>) -> String {
    v.unwrap_or(NONE).to_owned()
}

/// One level's fields, in the test's order.
fn level(n: &Normalized<'_>) -> Vec<String> {
    vec![
        n.source.to_string(),
        n.code.to_string(),
        n.known.to_string(),
        n.outcome.to_string(),
        n.category.to_string(),
        n.actor.to_string(),
        n.retryable.to_string(),
        n.action.to_string(),
        format!(
            "{}|{}|{}",
            n.outcome.title(Lang::En),
            n.outcome.user_text(Lang::Zh),
            n.action.text(Lang::En)
        ),
        n.message
            .map_or(NONE.to_owned(), |m| format!("{}|{}", m.zh, m.en)),
        opt(n.raw_msg.as_deref()),
        opt(n.carrier.map(|c| c.as_str())),
        opt(n.request_id.as_deref()),
        n.params.as_ref().map_or(NONE.to_owned(), |p| {
            format!(
                "{}|{:?}|{:?}|{:?}",
                p.values.join(","),
                p.attempts_left,
                p.lock_minutes,
                p.lock_seconds
            )
        }),
        n.extra
            .iter()
            .map(|(k, v)| match v {
                // The bindings hold a literal that is not JSON (`{a: 1}`) as text.
                ExtraValue::Json(s) if serde_json::from_str::<serde_json::Value>(s).is_ok() => {
                    format!("{k}=j:{s}")
                }
                ExtraValue::Text(s) | ExtraValue::Json(s) => format!("{k}=t:{s}"),
            })
            .collect::<Vec<_>>()
            .join(";"),
    ]
}

fn record(line: &str) -> String {
    match numauth::normalize(line) {
        Ok(n) => {
            let mut fields = vec!["OK".to_owned()];
            fields.extend(level(&n));
            let mut cause = n.root_cause.as_deref();
            while let Some(c) = cause {
                fields.push(format!("cause:{}", level(c).join("|")));
                cause = c.root_cause.as_deref();
            }
            fields.push(n.advice.as_deref().map_or("advice:<none>".to_owned(), |a| {
                format!(
                    "advice:{}|{}|{}|{}|{}",
                    a.id,
                    a.en,
                    a.actor.as_str(),
                    a.action.as_str(),
                    a.provenance.join(",")
                )
            }));
            fields.join("\u{1f}")
        }
        Err(e) => format!("ERR\u{1f}{e}"),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: expected <callbacks.ndjson>")?;
    let text = std::fs::read_to_string(path)?;
    let records: Vec<String> = text.lines().map(record).collect();
    std::io::stdout().write_all(records.join("\u{1e}").as_bytes())?;
    Ok(())
}
