//! Helpers shared by the `normalize` test files: each file uses some of them.
#![allow(dead_code)]

use numauth::{normalize, Actor, AuthOutcome, Carrier, Category, ExtraValue, Normalized, Source};

pub fn n(raw: &str) -> Normalized<'_> {
    normalize(raw).unwrap_or_else(|e| panic!("{raw}\n=> {e}"))
}

pub fn cause<'a, 'b>(n: &'b Normalized<'a>) -> &'b Normalized<'a> {
    n.root_cause
        .as_deref()
        .unwrap_or_else(|| panic!("no root cause in {n:#?}"))
}

pub fn extra<'a>(n: &'a Normalized<'_>, key: &str) -> Option<&'a ExtraValue<'a>> {
    n.extra.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Source, code and outcome of a node.
pub fn sco(n: &Normalized<'_>) -> (Source, String, AuthOutcome) {
    (n.source, n.code.to_string(), n.outcome)
}

pub fn s(source: Source, code: &str, outcome: AuthOutcome) -> (Source, String, AuthOutcome) {
    (source, code.to_owned(), outcome)
}

/// What a user reads of a result, on one line: `source code outcome`, then the raw message,
/// request id, carrier and kept keys when present, then ` <- ` and the root cause the same way.
pub fn view(n: &Normalized<'_>) -> String {
    let mut line = format!("{} {} {}", n.source, n.code, n.outcome);
    if let Some(m) = &n.raw_msg {
        line += &format!(" msg={m}");
    }
    if let Some(r) = &n.request_id {
        line += &format!(" req={r}");
    }
    if let Some(c) = n.carrier {
        line += &format!(" carrier={c}");
    }
    if !n.extra.is_empty() {
        let keys: Vec<&str> = n.extra.iter().map(|(k, _)| k.as_ref()).collect();
        line += &format!(" extra={}", keys.join(","));
    }
    if let Some(c) = &n.root_cause {
        line += &format!(" <- {}", view(c));
    }
    line
}

/// Checks every `(payload, expected view)` row, reporting all mismatches at once.
pub fn check(rows: &[(&str, &str)]) {
    let mut wrong = Vec::new();
    for (raw, want) in rows {
        match normalize(raw) {
            Ok(n) if view(&n) == *want => {}
            Ok(n) => wrong.push(format!("{raw}\n  want {want}\n  got  {}", view(&n))),
            Err(e) => wrong.push(format!("{raw}\n  want {want}\n  got  error {e}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// What a payload must normalise to. `causes`: the root-cause chain as (source, code, known).
pub struct Want {
    pub source: Source,
    pub code: &'static str,
    pub category: Category,
    pub actor: Actor,
    pub carrier: Option<Carrier>,
    pub request_id: Option<&'static str>,
    pub causes: &'static [(Source, &'static str, bool)],
}

pub fn chain<'a>(n: &'a Normalized<'a>) -> Vec<(Source, &'a str, bool)> {
    let mut out = Vec::new();
    let mut cur = n.root_cause.as_deref();
    while let Some(c) = cur {
        out.push((c.source, c.code.as_ref(), c.known));
        cur = c.root_cause.as_deref();
    }
    out
}

pub fn check_want(raw: &str, want: &Want) {
    let n = normalize(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
    let got = (
        n.source,
        n.code.as_ref(),
        n.category,
        n.actor,
        n.carrier,
        n.request_id.as_deref(),
        chain(&n),
    );
    let expected = (
        want.source,
        want.code,
        want.category,
        want.actor,
        want.carrier,
        want.request_id,
        want.causes.to_vec(),
    );
    assert_eq!(got, expected, "{raw}");
}
