//! The one error type: a status, a stable snake_case code and a message saying what was wrong,
//! sent as `{"error": "...", "code": "..."}`.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An API error, answered as JSON with its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable snake_case id for programs (`bad_request`, `unknown_code`, ...).
    pub code: &'static str,
    /// What was wrong, for people.
    pub message: String,
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a str,
    code: &'a str,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: shown(message.into()),
        }
    }

    /// 400: the input is not what the endpoint takes.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 400: the payload was read but nothing could be made of it.
    pub fn unusable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "unusable_payload", message)
    }

    /// 404: no searched source knows the code.
    pub fn unknown_code(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "unknown_code", message)
    }

    /// 404: no such route.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 405: the route exists with another method.
    pub fn method_not_allowed(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            message,
        )
    }

    /// 408: the client stopped sending, or sent too slowly.
    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(StatusCode::REQUEST_TIMEOUT, "timeout", message)
    }

    /// 413: the body is over `limit` bytes, the limit `which` names (`--max-body`).
    pub fn too_large(limit: u64, which: &str) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the body is over the limit of {limit} bytes ({which})"),
        )
    }

    /// 415: a content type the endpoint does not take.
    pub fn unsupported(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        )
    }

    /// 413: the body decodes (gunzips) to more than the body limit.
    pub fn decoded_too_large(message: impl Into<String>) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message)
    }

    /// 503: the server is at a limit of work or connections; the client may try again.
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", message)
    }

    /// 500: the server failed on its own.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// The JSON body, also written as the last line of a stream cut short.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&Body {
            error: &self.message,
            code: self.code,
        })
        .unwrap_or_else(|_| format!("{{\"error\":\"\",\"code\":\"{}\"}}", self.code))
    }
}

/// A message as a client may see it: what it repeats of the request (a path, a query value)
/// with phone numbers and secrets redacted as the outputs redact them, and at most 1,000
/// characters of it.
fn shown(message: String) -> String {
    const MAX: usize = 1000;
    let message = match numauth::redact_text(&message) {
        std::borrow::Cow::Borrowed(_) => message,
        std::borrow::Cow::Owned(redacted) => redacted,
    };
    match message.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &message[..cut]),
        None => message,
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.status, self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            self.to_json(),
        )
            .into_response();
        // Busy, not broken: when to ask again.
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        }
        response
    }
}
