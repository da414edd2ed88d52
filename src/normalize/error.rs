//! Why no result code could be taken from a text, and the shapes numauth recognises.

use std::fmt;

use super::{MAX_DEPTH, MAX_INPUT_BYTES};

/// The shape a callback was written in, as recognised by [`normalize`](crate::normalize).
///
/// ```
/// use numauth::{normalize, ParseError, Shape};
/// let err = normalize("{msg: 获取token失败}").unwrap_err();
/// assert_eq!(err, ParseError::NoCode { shape: Shape::DartMap });
/// assert_eq!(Shape::DartMap.to_string(), "Dart map print");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Shape {
    /// A JSON object, strict or broken (`{"code":"600011",...}`), possibly inside log text.
    Json,
    /// An iOS `NSDictionary` description (`resultDic = { resultCode = 600007; }`).
    NsDictionary,
    /// A Dart/Flutter map print (`{msg: 蜂窝网络未开启, code: 600008}`).
    DartMap,
    /// A Swift dictionary print (`[AnyHashable("resultCode"): 600011, AnyHashable("msg"): …]`),
    /// as `print(resultDic)` writes an iOS SDK's callback in Swift.
    SwiftDictionary,
    /// A Java `toString` (`TokenRet{code='600011', ...}`).
    JavaToString,
    /// Text with no map in it (`result code:410004 msg:数据网络未开启`).
    Text,
    /// An XML document, as Alibaba Cloud's RPC APIs answer by default
    /// (`<GetMobileResponse><Code>OK</Code>…`).
    Xml,
}

impl Shape {
    /// A short human description, e.g. `"JSON object"`.
    ///
    /// ```
    /// assert_eq!(numauth::Shape::NsDictionary.describe(), "NSDictionary description");
    /// ```
    pub fn describe(self) -> &'static str {
        match self {
            Shape::Json => "JSON object",
            Shape::NsDictionary => "NSDictionary description",
            Shape::DartMap => "Dart map print",
            Shape::SwiftDictionary => "Swift dictionary print",
            Shape::JavaToString => "Java toString",
            Shape::Text => "plain text",
            Shape::Xml => "XML document",
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// Why [`normalize`](crate::normalize) found no result code. It is returned only when no code
/// can be found at all; an unknown code is a result (`known: false`), not an error.
///
/// ```
/// use numauth::{normalize, ParseError, MAX_INPUT_BYTES};
/// assert_eq!(normalize("  ").unwrap_err(), ParseError::Empty);
/// let big = "x".repeat(MAX_INPUT_BYTES + 1);
/// assert!(matches!(normalize(&big), Err(ParseError::TooLarge { .. })));
/// assert!(normalize("hello").unwrap_err().to_string().contains("no result code"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The input is empty or only whitespace.
    #[error("empty input: pass the callback as it was logged (a JSON object, an NSDictionary description, a Dart map, a Java toString or a log line naming a code)")]
    Empty,
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("input is {len} bytes, over the limit of {max} bytes: pass one callback at a time (one line of a log, not the whole log)")]
    TooLarge {
        /// The input's length in bytes.
        len: usize,
        /// The limit, [`MAX_INPUT_BYTES`].
        max: usize,
    },
    /// Objects, arrays or string-encoded payloads nest deeper than [`MAX_DEPTH`].
    #[error("input nests deeper than {max} levels (objects, arrays and JSON held in strings): pass the callback itself, not a structure wrapping it")]
    TooDeep {
        /// The limit, [`MAX_DEPTH`].
        max: usize,
    },
    /// No code field or code pattern was found.
    #[error("no result code found in the {shape}: expected a code field (code, resultCode, result, error_code, innerCode, ...) or a pattern such as `code:600011` or `vendorCode:103911`")]
    NoCode {
        /// The shape that was recognised.
        shape: Shape,
    },
}

// The limits appear in the docs; keep the messages honest if they change.
const _: () = assert!(MAX_INPUT_BYTES >= 4096 && MAX_DEPTH >= 4);
