//! Errors of the public API.

/// A string is not the id of any variant of a numauth enum (a source, an outcome, a language...).
///
/// The message lists the valid ids, so a caller can show it as is.
///
/// ```
/// use numauth::Source;
/// let err = "cmc".parse::<Source>().unwrap_err();
/// assert_eq!(err.given(), "cmc");
/// assert!(err.expected().contains(&"cmcc"));
/// assert!(err.to_string().contains("expected one of"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {given:?}; expected one of: {}", .expected.join(", "))]
pub struct ParseIdError {
    kind: &'static str,
    given: String,
    expected: &'static [&'static str],
}

impl ParseIdError {
    pub(crate) fn new(kind: &'static str, given: &str, expected: &'static [&'static str]) -> Self {
        ParseIdError {
            kind,
            given: given.to_owned(),
            expected,
        }
    }

    /// What was being parsed, e.g. `"source"`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The string that did not parse.
    pub fn given(&self) -> &str {
        &self.given
    }

    /// The valid ids.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}
