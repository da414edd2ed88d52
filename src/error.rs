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
///
/// The message repeats what was given as the outputs would show it: a phone number or a secret
/// in it redacted ([`redact_text`](crate::redact_text)), and cut after 64 characters.
///
/// ```
/// let err = "13812345678".parse::<numauth::Source>().unwrap_err();
/// assert!(err.to_string().starts_with("unknown source \"<redacted phone: 11 chars>\";"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl std::fmt::Display for ParseIdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let given = crate::redact_text(&self.given);
        let shown: String = given.chars().take(64).collect();
        let cut = if shown.len() < given.len() { "…" } else { "" };
        write!(
            f,
            "unknown {} {shown:?}{cut}; expected one of: {}",
            self.kind,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for ParseIdError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_redacts_and_cuts_what_was_given() {
        let phone = ParseIdError::new("code", "13812345678", &["a", "b"]);
        assert_eq!(
            phone.to_string(),
            "unknown code \"<redacted phone: 11 chars>\"; expected one of: a, b"
        );
        assert_eq!(phone.given(), "13812345678");
        let long = ParseIdError::new("source", &"x".repeat(65), &["pns"]);
        let shown = format!("{:?}…", "x".repeat(64));
        assert_eq!(
            long.to_string(),
            format!("unknown source {shown}; expected one of: pns")
        );
        let exact = ParseIdError::new("source", &"x".repeat(64), &["pns"]);
        assert!(!exact.to_string().contains('…'), "{exact}");
    }
}
