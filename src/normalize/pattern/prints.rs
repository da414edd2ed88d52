//! Codes in the prints of SDK exceptions: Flutter's `PlatformException(600025, 初始化失败, null,
//! null)`, the message of an Alibaba Cloud OpenAPI SDK's exception, `code: 400, <Message>
//! request id: <RequestId>`, and the old Java SDK's `<Code> : <Message>` / `RequestId : <id>`.

use super::{skip, Named};
use std::ops::Range;

/// Flutter's `PlatformException.toString()`: `PlatformException(code, message, details,
/// stacktrace)`, how a Flutter app logs a plugin's `result.error(code, message, details)`
/// (fluttercandies' plugin on iOS: `PlatformException(600025, 初始化失败，SDK未初始化或参数不正确,
/// null, null)`). Compared with its case: Dart's class name is written one way.
pub(super) const PLATFORM_EXCEPTION: &[u8] = b"PlatformException(";

/// The code and message of a `PlatformException(` print at `i` (see [`PLATFORM_EXCEPTION`]), and
/// where the code ends (the message is scanned on, for codes it names). The code runs to the
/// first `,` (at most 64 bytes) and counts only when it is a number or a code the catalog knows:
/// other plugins' words (`channel-error`, `sign_in_failed`) are no login codes. The message runs
/// to the `, ` that opens `null`, `{...}` or `[...]` details, else to the print's own `)`; a
/// message `null` is none.
pub(super) fn platform_exception(b: &[u8], i: usize) -> Option<(Named, usize)> {
    let at = skip(b, i + PLATFORM_EXCEPTION.len(), b" \t\"'");
    let len = b.get(at..)?.iter().take(65).position(|&c| c == b',')?;
    let token = trim_end_quoted(b.get(at..at + len)?);
    let code = at..at + token.len();
    let digits = token.strip_prefix(b"-").unwrap_or(token);
    let numeric = !digits.is_empty() && digits.iter().all(u8::is_ascii_digit);
    let known = || std::str::from_utf8(token).is_ok_and(|t| crate::catalog::CodeRows::of(t).any());
    if token.is_empty() || !(numeric || known()) {
        return None;
    }
    let msg_at = skip(b, at + len + 1, b" \t\"'");
    let rest = b.get(msg_at..)?;
    let end = message_end(rest);
    let msg = trim_end_quoted(rest.get(..end)?);
    let named = Named {
        msg: (!msg.is_empty() && msg != b"null").then_some(msg_at..msg_at + msg.len()),
        inner: false,
        carrier: None,
        http_status: false,
        code,
    };
    Some((named, at + token.len()))
}

/// `s` without the blanks and the one closing quote at its end.
fn trim_end_quoted(s: &[u8]) -> &[u8] {
    let s = s.trim_ascii_end();
    s.strip_suffix(b"\"").or(s.strip_suffix(b"'")).unwrap_or(s)
}

/// Where a `PlatformException` print's message ends in `rest`: at the `, ` (outside parentheses)
/// before `null`, `{` or `[` details or the end of `rest`, or at the `)` that closes the print.
fn message_end(rest: &[u8]) -> usize {
    let mut depth = 0usize;
    for (k, &c) in rest.iter().enumerate() {
        match c {
            b'(' => depth += 1,
            b')' if depth == 0 => return k,
            b')' => depth -= 1,
            b',' if depth == 0 && matches!(rest.get(k + 1), Some(b' ' | b'\t')) => {
                let after = rest.get(skip(rest, k + 1, b" \t")..).unwrap_or_default();
                let null = after
                    .strip_prefix(b"null")
                    .is_some_and(|r| matches!(r.first(), None | Some(b',' | b')' | b' ' | b'\t')));
                // Or nothing: the text before the details (see `details_after_code`).
                if null || after.is_empty() || after.starts_with(b"{") || after.starts_with(b"[") {
                    return k;
                }
            }
            _ => {}
        }
    }
    rest.len()
}

/// What the Alibaba Cloud OpenAPI SDKs (Java, Go, Python, TypeScript, C#, PHP; `darabonba-openapi`
/// `Client.doRPCRequest`) put in an exception's message for an HTTP error: `code: <status>,
/// <the body's Message> request id: <the body's RequestId>`. Java's `getMessage()` and Go's
/// `Error()` are this text alone; the body's own `Code` (`isv.MOBILE_NUMBER_ILLEGAL`) is not in it.
const OPENAPI_REQUEST_ID: &[u8] = b" request id:";

/// The message of an OpenAPI exception whose `code: ` key named `code` in `b`: `Some` when the
/// code is an HTTP error status (4xx or 5xx) followed by `, `, a message and ` request id:` on
/// the same line. The range is empty when the body had no message (the SDKs then print `None`,
/// `null`, `undefined` or nothing).
pub(super) fn openapi_message(b: &[u8], code: &Range<usize>) -> Option<Range<usize>> {
    let status = b.get(code.clone())?;
    let http = matches!(status, [b'4' | b'5', d, e] if d.is_ascii_digit() && e.is_ascii_digit());
    let at = code.end + 2;
    if !http || b.get(code.end..at) != Some(b", ") {
        return None;
    }
    let rest = b.get(at..)?;
    let line_len = rest.iter().position(|&c| matches!(c, b'\n' | b'\r'));
    let line = rest.get(..line_len.unwrap_or(rest.len()))?;
    let len = line
        .windows(OPENAPI_REQUEST_ID.len())
        .position(|w| w == OPENAPI_REQUEST_ID)?;
    let raw = line.get(..len)?;
    let msg = raw.trim_ascii();
    let none = matches!(msg, b"None" | b"null" | b"undefined" | b"nil" | b"<nil>");
    let start = at + (len - raw.trim_ascii_start().len());
    Some(if none {
        start..start
    } else {
        start..start + msg.len()
    })
}

/// The old Alibaba Cloud Java SDK (`aliyun-java-sdk-core`): its `ClientException`, and the
/// `ServerException` that extends it, print `<ErrCode> : <ErrMsg>` with a line `RequestId :
/// <RequestId>` after it (`\r\n` between), the class name before it in a stack trace
/// (`com.aliyuncs.exceptions.ServerException: Throttling.User : Request was denied ...`).
const JAVA_REQUEST_ID: &[u8] = b"RequestId : ";

/// The code and message of such a print in `b`: the line just before its first `RequestId : `
/// line reads `<code> : <message>`, after the line's start or an `Exception: `; the code is
/// the body's `Code`, a word with a letter (`Throttling.User`, `isv.MOBILE_NUMBER_ILLEGAL`).
pub(super) fn java_sdk_error(b: &[u8]) -> Option<Named> {
    let line = match find_java_request_id(b) {
        Some(rid) => b.get(..rid)?.strip_suffix(b"\n")?,
        // A client-side error has no request id: the class name alone says what it is.
        None => {
            let class = find(b, JAVA_EXCEPTIONS)?;
            let len = b.get(class..)?.iter().position(|&c| c == b'\n');
            b.get(..len.map_or(b.len(), |l| class + l))?
        }
    };
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let start = line.iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
    const CLASS: &[u8] = b"Exception: ";
    let class_end = line.get(start..).and_then(|own| find(own, CLASS));
    let at = start + class_end.map_or(0, |p| p + CLASS.len());
    let rest = line.get(at..)?;
    let len = rest
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
        .count();
    let code = rest.get(..len)?;
    if !code.iter().any(u8::is_ascii_alphabetic) || rest.get(len..len + 3) != Some(b" : ") {
        return None;
    }
    let msg_at = at + len + 3;
    let msg = line.get(msg_at..)?.trim_ascii_end();
    Some(Named {
        code: at..at + len,
        msg: (!msg.is_empty()).then_some(msg_at..msg_at + msg.len()),
        inner: false,
        carrier: None,
        http_status: false,
    })
}

/// The package of the old Java SDK's exceptions.
const JAVA_EXCEPTIONS: &[u8] = b"com.aliyuncs.exceptions.";

/// Where `needle` first is in `b`.
fn find(b: &[u8], needle: &[u8]) -> Option<usize> {
    b.windows(needle.len()).position(|w| w == needle)
}

/// Where a `RequestId : ` at a line's start first is in `b`, looked for at each `R`.
fn find_java_request_id(b: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(p) = crate::normalize::scan::find_either(b, at, b'R', b'R') {
        let line_start = p.checked_sub(1).is_some_and(|q| b.get(q) == Some(&b'\n'));
        if line_start && b.get(p..).is_some_and(|r| r.starts_with(JAVA_REQUEST_ID)) {
            return Some(p);
        }
        at = p + 1;
    }
    None
}

/// Foundation's print of an `NSError` (`[error description]`, Swift's `print(error)`):
/// `Error Domain=<domain> Code=<code> "<description>" UserInfo={…}`. Its `UserInfo` is the
/// error's details, never a callback: `{code = 0;}` there is no success.
const NS_ERROR: &str = "Error Domain=";

/// The parts of an `NSError` print in a text: where its domain, code and description are.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct NsError {
    /// Where the print starts (`Error Domain=`).
    pub(crate) start: usize,
    pub(crate) domain: Range<usize>,
    pub(crate) code: Range<usize>,
    /// `None` when the error has none (Foundation prints `"(null)"`) or it is empty.
    pub(crate) description: Option<Range<usize>>,
}

/// Where `Error Domain=` first is in `b`: looked for at each `D` (rare in callbacks), eight
/// bytes at a time, as `str::find`'s set-up costs more than the search on most log lines.
fn find_ns_error(b: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(p) = crate::normalize::scan::find_either(b, at, b'D', b'D') {
        let start = p.checked_sub("Error ".len());
        if let Some(start) = start.filter(|&s| {
            b.get(s..)
                .is_some_and(|r| r.starts_with(NS_ERROR.as_bytes()))
        }) {
            return Some(start);
        }
        at = p + 1;
    }
    None
}

/// The first `NSError` print in `t`, if its domain is followed by ` Code=` and a number.
pub(crate) fn ns_error(t: &str) -> Option<NsError> {
    let b = t.as_bytes();
    let at = find_ns_error(b)?;
    // After a brace, it is text inside a callback (its message), not the error itself.
    if t.get(..at)?.contains('{') {
        return None;
    }
    let domain_at = at + NS_ERROR.len();
    let domain_len = b.get(domain_at..)?.iter().position(|&c| c == b' ')?;
    let code_at = domain_at + domain_len + " Code=".len();
    if domain_len == 0 || b.get(domain_at + domain_len..code_at) != Some(b" Code=") {
        return None;
    }
    let sign = usize::from(b.get(code_at) == Some(&b'-'));
    let digits = b
        .get(code_at + sign..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let code_end = code_at + sign + digits;
    // The description runs to the quote before ` UserInfo=`, else to the line's last quote.
    let open = code_end + 2;
    let description = (b.get(code_end..open) == Some(b" \"")).then(|| {
        let line = b.get(open..).unwrap_or_default();
        let end = line.iter().position(|&c| c == b'\n').unwrap_or(line.len());
        let line = line.get(..end).unwrap_or(line);
        let info = line.windows(11).position(|w| w == b"\" UserInfo=");
        let close = info.or_else(|| line.iter().rposition(|&c| c == b'"'))?;
        (close > 0 && line.get(..close) != Some(b"(null)")).then_some(open..open + close)
    });
    Some(NsError {
        start: at,
        domain: domain_at..domain_at + domain_len,
        code: code_at..code_end,
        description: description.flatten(),
    })
}
