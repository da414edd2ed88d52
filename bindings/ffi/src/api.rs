//! The functions UniFFI exports: each converts its arguments, calls the core, and converts
//! the result. Ids arrive as strings and are parsed with the core's `FromStr`.

use numauth::{ParseError, ParseIdError, Platform, Source, Version};

use crate::records::{CallbackFields, Entry, Hint, NormalizeResult, Normalized};

/// Why a call failed. `detail` is the core's own message, which says what to fix.
///
/// `Display` (the `detail`) is exported, so that Kotlin's `toString()` and Swift's
/// `description` read as the message: UniFFI makes Kotlin's `message` a list of the fields
/// (`len=…, max=…, detail=…`), which it does not let a crate change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum NumauthError {
    /// The input is empty or only whitespace.
    #[error("{detail}")]
    Empty {
        /// What was wrong.
        detail: String,
    },
    /// The input is larger than the core's limit (64 KiB).
    #[error("{detail}")]
    TooLarge {
        /// The input's length in bytes.
        len: u64,
        /// The limit in bytes.
        max: u64,
        /// What was wrong.
        detail: String,
    },
    /// The input nests deeper than the core's limit.
    #[error("{detail}")]
    TooDeep {
        /// The limit.
        max: u64,
        /// What was wrong.
        detail: String,
    },
    /// No result code could be found in the input.
    #[error("{detail}")]
    NoCode {
        /// The shape that was recognised (`json`, `dart_map`...).
        shape: String,
        /// What was wrong.
        detail: String,
    },
    /// A source, platform or other id is not one the core knows.
    #[error("{detail}")]
    InvalidId {
        /// What was being parsed, e.g. `source`.
        kind: String,
        /// The string that did not parse.
        given: String,
        /// The valid ids.
        expected: Vec<String>,
        /// What was wrong.
        detail: String,
    },
    /// A failure the core added after this binding was written.
    #[error("{detail}")]
    Other {
        /// What was wrong.
        detail: String,
    },
}

impl From<ParseError> for NumauthError {
    fn from(e: ParseError) -> NumauthError {
        let detail = e.to_string();
        match e {
            ParseError::Empty => NumauthError::Empty { detail },
            ParseError::TooLarge { len, max } => NumauthError::TooLarge {
                len: len as u64,
                max: max as u64,
                detail,
            },
            ParseError::TooDeep { max } => NumauthError::TooDeep {
                max: max as u64,
                detail,
            },
            ParseError::NoCode { shape } => NumauthError::NoCode {
                // The serde id (`dart_map`), the same string the core's JSON output uses.
                shape: serde_json::to_value(shape)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_else(|| shape.to_string()),
                detail,
            },
            _ => NumauthError::Other { detail },
        }
    }
}

impl From<ParseIdError> for NumauthError {
    fn from(e: ParseIdError) -> NumauthError {
        NumauthError::InvalidId {
            kind: e.kind().to_owned(),
            given: e.given().to_owned(),
            expected: e.expected().iter().map(|s| (*s).to_owned()).collect(),
            detail: e.to_string(),
        }
    }
}

impl Hint {
    /// The core's hint, each id parsed.
    pub(crate) fn to_core(&self) -> Result<numauth::Hint, NumauthError> {
        Ok(numauth::Hint {
            source: self
                .source
                .as_deref()
                .map(str::parse::<Source>)
                .transpose()?,
            platform: self
                .platform
                .as_deref()
                .map(str::parse::<Platform>)
                .transpose()?,
            os_version: version("os_version", self.os_version.as_deref())?,
            sdk_version: version("sdk_version", self.sdk_version.as_deref())?,
            ..numauth::Hint::default()
        })
    }
}

/// A version from the hint (`16.4`, `2.12.14`); one that does not parse is an `InvalidId`
/// naming the field, not a silently ignored hint.
fn version(kind: &str, given: Option<&str>) -> Result<Option<Version>, NumauthError> {
    given
        .map(|v| {
            v.parse::<Version>().map_err(|e| NumauthError::InvalidId {
                kind: kind.to_owned(),
                given: v.to_owned(),
                expected: vec!["numbers separated by dots, e.g. 16.4 or 2.12.14".to_owned()],
                detail: format!("{kind}: {e}"),
            })
        })
        .transpose()
}

/// The entry for `code` in the namespace of `source` (an id such as `pns` or `cmcc`).
#[uniffi::export]
pub fn lookup(source: String, code: String) -> Result<Option<Entry>, NumauthError> {
    let source: Source = source.parse()?;
    Ok(numauth::lookup(source, &code).map(Entry::from))
}

/// The entry for a code together with the message the SDK sent with it (`msg`), such as China
/// Unicom's `1` + 请求超时.
#[uniffi::export]
pub fn lookup_with_msg(
    source: String,
    code: String,
    msg: String,
) -> Result<Option<Entry>, NumauthError> {
    let source: Source = source.parse()?;
    Ok(numauth::lookup_with_msg(source, &code, &msg).map(Entry::from))
}

/// Every meaning of a bare code across all sources, highest-ranked source first.
#[uniffi::export]
pub fn candidates(code: String) -> Vec<Entry> {
    numauth::candidates(&code).map(Entry::from).collect()
}

/// Normalises one raw callback of any recognised shape (JSON, NSDictionary, Dart map, Java
/// `toString`, log text, a bare code).
#[uniffi::export]
pub fn normalize(raw: String) -> Result<Normalized, NumauthError> {
    Ok(Normalized::from(&numauth::normalize(&raw)?))
}

/// Normalises one raw callback with what the caller knows about it.
#[uniffi::export]
pub fn normalize_with(raw: String, hint: Hint) -> Result<Normalized, NumauthError> {
    Ok(Normalized::from(&numauth::normalize_with(
        &raw,
        hint.to_core()?,
    )?))
}

/// Normalises a callback whose fields the caller already holds. Fails only on a bad hint id.
#[uniffi::export]
pub fn normalize_callback(
    callback: CallbackFields,
    hint: Hint,
) -> Result<Normalized, NumauthError> {
    let hint = hint.to_core()?;
    Ok(Normalized::from(&numauth::normalize_callback(
        &callback.as_core(),
        hint,
    )))
}

/// Normalises many raw callbacks in one call, one result per input, in order: for logs, where
/// one crossing of the FFI boundary per line would cost more than the work.
#[uniffi::export]
pub fn normalize_many(raws: Vec<String>) -> Vec<NormalizeResult> {
    raws.iter()
        .map(|raw| match numauth::normalize(raw) {
            Ok(n) => NormalizeResult::Ok {
                normalized: Normalized::from(&n),
            },
            Err(e) => NormalizeResult::Failed {
                error: e.to_string(),
            },
        })
        .collect()
}

/// The version of the compiled-in catalog data.
#[uniffi::export]
pub fn catalog_version() -> String {
    numauth::DATA_VERSION.to_owned()
}
