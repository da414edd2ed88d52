//! Helpers shared by the `normalize` test files: each file uses some of them.
#![allow(dead_code)]

use numauth::{normalize, AuthOutcome, ExtraValue, Normalized, Source};

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
