//! The `/v1` handlers: lookups straight from the core catalog (the export shape), normalise and
//! report through the [`Engine`](crate::Engine).

use std::borrow::Cow;
use std::str::FromStr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use numauth::{entries, AuthOutcome, Entry, Hint, Lang, Source, DATA_VERSION};
use serde::Deserialize;
use tokio::sync::OwnedSemaphorePermit;

use crate::body::{self, ChunkReader, Limits};
use crate::error::ApiError;

type AppState = State<Arc<crate::State>>;

/// The largest single payload (`text/plain` or `application/json` to `/v1/normalize`): far
/// above the normaliser's own input limit, so that it, not this, says what is wrong.
const SINGLE_MAX: u64 = 1 << 20;

/// An id from a query or path, parsed by the core (its error lists the valid ids).
fn parse<T: FromStr<Err = numauth::ParseIdError>>(
    what: &str,
    value: Option<&str>,
) -> Result<Option<T>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse()
                .map_err(|e: numauth::ParseIdError| ApiError::bad_request(format!("{what}: {e}")))
        })
        .transpose()
}

/// A query string or path axum could not read, as our JSON 400 rather than its plain text.
fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(q)| q)
        .map_err(|e| ApiError::bad_request(e.body_text()))
}

fn path<T>(p: Result<Path<T>, PathRejection>) -> Result<T, ApiError> {
    p.map(|Path(p)| p)
        .map_err(|e| ApiError::bad_request(e.body_text()))
}

fn json(status: StatusCode, body: impl Into<Body>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.into(),
    )
        .into_response()
}

fn entries_json(found: &[&Entry]) -> Result<Response, ApiError> {
    serde_json::to_vec(found)
        .map(|b| json(StatusCode::OK, b))
        .map_err(|e| ApiError::internal(e.to_string()))
}

/// `numauth export --format json`: the same bytes.
pub fn catalog_json() -> Bytes {
    let all: Vec<&Entry> = entries().collect();
    let mut out = serde_json::to_vec_pretty(&all).unwrap_or_default();
    out.push(b'\n');
    Bytes::from(out)
}

#[derive(Deserialize)]
pub struct ListQuery {
    source: Option<String>,
    outcome: Option<String>,
}

/// `GET /v1/codes?source=&outcome=`: the entries, export shape, like `numauth list --json`.
pub async fn list(q: Result<Query<ListQuery>, QueryRejection>) -> Result<Response, ApiError> {
    let q = query(q)?;
    let source: Option<Source> = parse("source", q.source.as_deref())?;
    let outcome: Option<AuthOutcome> = parse("outcome", q.outcome.as_deref())?;
    let found: Vec<&Entry> = entries()
        .filter(|e| source.is_none_or(|s| e.source() == s))
        .filter(|e| outcome.is_none_or(|o| e.outcome() == o))
        .collect();
    entries_json(&found)
}

#[derive(Deserialize)]
pub struct MsgQuery {
    msg: Option<String>,
}

/// `numauth explain`'s answer; it only reads the compiled-in catalog, so it runs in place.
fn explain_with(
    state: &crate::State,
    code: String,
    source: Option<Source>,
    msg: Option<String>,
) -> Result<Vec<&'static Entry>, ApiError> {
    // Pasted text is trimmed, as `numauth explain` trims it; a blank code is a mistake
    // (`/v1/explain/%20`), not one that no source knows.
    let code = code.trim();
    if code.is_empty() {
        return Err(ApiError::bad_request(
            "code: blank in the path; give a code, such as /v1/explain/600011",
        ));
    }
    let found = state.engine.explain(code, source, msg.as_deref());
    found.map_err(ApiError::unknown_code)
}

/// `GET /v1/codes/{source}/{code}?msg=`: one entry.
pub async fn code(
    State(state): AppState,
    p: Result<Path<(String, String)>, PathRejection>,
    q: Result<Query<MsgQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let ((source, code), q) = (path(p)?, query(q)?);
    // Empty in a query is no filter; empty in this path is a mistake (`/v1/codes//-8004`).
    if source.is_empty() {
        return Err(ApiError::bad_request(
            "source: empty in /v1/codes/{source}/{code}; give a source id (`numauth list`), \
             or ask /v1/explain/{code} for every source's meaning",
        ));
    }
    let source: Option<Source> = parse("source", Some(&source))?;
    let found = explain_with(&state, code, source, q.msg)?;
    let entry = found
        .first()
        .ok_or_else(|| ApiError::unknown_code("no entry"))?;
    serde_json::to_vec(entry)
        .map(|b| json(StatusCode::OK, b))
        .map_err(|e| ApiError::internal(e.to_string()))
}

/// `GET /v1/explain/{code}?msg=`: every source's meaning.
pub async fn explain(
    State(state): AppState,
    p: Result<Path<String>, PathRejection>,
    q: Result<Query<MsgQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (code, q) = (path(p)?, query(q)?);
    let found = explain_with(&state, code, None, q.msg)?;
    entries_json(&found)
}

/// `GET /v1/catalog`: the export, with `ETag` from `DATA_VERSION`.
pub async fn catalog(State(state): AppState, headers: HeaderMap) -> Response {
    let etag = format!("\"{DATA_VERSION}\"");
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').map(weak).any(|t| t == etag || t == "*"));
    let etag = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\""));
    if fresh {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::ETAG, etag),
        ],
        state.catalog.clone(),
    )
        .into_response()
}

/// An entity tag as `If-None-Match` compares it: weakly (RFC 9110 §13.1.2), so `W/"v"`, as
/// a proxy that compresses sends it back, matches `"v"`.
fn weak(tag: &str) -> &str {
    let tag = tag.trim();
    tag.strip_prefix("W/").unwrap_or(tag)
}

/// `GET /healthz`.
pub async fn healthz() -> Response {
    json(
        StatusCode::OK,
        format!("{{\"status\":\"ok\",\"data_version\":{DATA_VERSION:?}}}"),
    )
}

/// The request's path with its `%XX` escapes decoded (bytes that are no UTF-8 as U+FFFD), as
/// an error message repeats it: the message's redaction reads what the path says, not its
/// escapes (`138%201234%205678` is a grouped mobile number).
fn decoded_path(uri: &Uri) -> String {
    percent_encoding::percent_decode_str(uri.path())
        .decode_utf8_lossy()
        .into_owned()
}

pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!(
        "no such endpoint: {} (see /v1/codes, /v1/explain/{{code}}, /v1/catalog, /v1/normalize, /v1/report)",
        decoded_path(&uri)
    ))
}

pub async fn method_not_allowed(method: axum::http::Method, uri: Uri) -> ApiError {
    let allowed = if uri.path().starts_with("/v1/normalize") || uri.path().starts_with("/v1/report")
    {
        "POST"
    } else {
        "GET"
    };
    ApiError::method_not_allowed(format!(
        "{} does not take {method}: use {allowed} (the Allow header says the same)",
        decoded_path(&uri)
    ))
}

/// What a body holds, from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ndjson,
    Text,
    Json,
}

fn kind(headers: &HeaderMap, allowed: &[Kind]) -> Result<Kind, ApiError> {
    // A body is read as sent, or as the gzip file it is (found by its first bytes, as the CLI
    // finds one): another coding would be read as text and give a wrong answer, not an error.
    let coding = headers
        .get(header::CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap_or("?").trim().to_ascii_lowercase());
    if let Some(coding) =
        coding.filter(|c| !matches!(c.as_str(), "" | "identity" | "gzip" | "x-gzip"))
    {
        return Err(ApiError::unsupported(format!(
            "content encoding {coding:?} is not read here; send the body as it is, or as gzip"
        )));
    }
    let value = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let kind = match essence.as_str() {
        "application/x-ndjson" | "application/ndjson" | "application/jsonl" => Some(Kind::Ndjson),
        "text/plain" => Some(Kind::Text),
        "application/json" => Some(Kind::Json),
        _ => None,
    };
    kind.filter(|k| allowed.contains(k)).ok_or_else(|| {
        let names: Vec<&str> = allowed
            .iter()
            .map(|k| match k {
                Kind::Ndjson => "application/x-ndjson",
                Kind::Text => "text/plain",
                Kind::Json => "application/json",
            })
            .collect();
        ApiError::unsupported(format!(
            "content type {value:?} is not taken here; send {}",
            names.join(" or ")
        ))
    })
}

#[derive(Deserialize)]
pub struct WorkQuery {
    source: Option<String>,
    lang: Option<String>,
    top: Option<usize>,
}

impl WorkQuery {
    fn hint(&self) -> Result<Hint, ApiError> {
        Ok(Hint {
            source: parse("source", self.source.as_deref())?,
            ..Hint::default()
        })
    }

    fn lang(&self) -> Result<Option<Lang>, ApiError> {
        parse("lang", self.lang.as_deref())
    }
}

fn limits(state: &crate::State) -> Limits {
    Limits {
        max: state.config.max_body,
        limit: "--max-body",
        idle: state.config.idle_timeout,
        total: state.config.body_timeout,
    }
}

/// `POST /v1/normalize`: NDJSON streamed back line by line, or one payload to one result.
pub async fn normalize(
    State(state): AppState,
    q: Result<Query<WorkQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let kind = kind(&headers, &[Kind::Ndjson, Kind::Text, Kind::Json])?;
    let (hint, lang) = (q.hint()?, q.lang()?.or(state.config.lang));
    if kind == Kind::Ndjson {
        body::check_length(&headers, &limits(&state))?;
        let permit = stream_permit(&state).await?;
        let chunks = body::pump(body, limits(&state));
        return Ok(stream_normalize(state, chunks, hint, lang, permit));
    }
    // A single payload is held whole, so it gets a small limit of its own.
    let limits = Limits {
        max: state.config.max_body.min(SINGLE_MAX),
        limit: if state.config.max_body <= SINGLE_MAX {
            "--max-body"
        } else {
            "a single payload's limit; send NDJSON for more"
        },
        ..limits(&state)
    };
    body::check_length(&headers, &limits)?;
    let chunks = body::pump(body, limits);
    let payload = body::collect(chunks).await?;
    let line = one_line(kind, &payload)?;
    let engine = state.engine.clone();
    let (failed, mut out) = tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        let jobs = std::num::NonZeroUsize::MIN;
        let failed = engine.normalize(&mut line.as_bytes(), &mut out, hint, lang, jobs);
        failed.map(|f| (f, out))
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))?
    .map_err(|e| ApiError::internal(e.to_string()))?;
    state.metrics.count_output(&out);
    if failed > 0 {
        let error = serde_json::from_slice::<serde_json::Value>(&out)
            .ok()
            .and_then(|v| v.get("error")?.as_str().map(str::to_owned))
            .unwrap_or_else(|| "the payload could not be used".to_owned());
        return Err(ApiError::unusable(error));
    }
    // One JSON document, not an NDJSON line.
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    Ok(json(StatusCode::OK, out))
}

/// A single payload as the one NDJSON line `numauth normalize` would read: text becomes a JSON
/// string; a JSON object stays as it is, on one line.
fn one_line(kind: Kind, payload: &[u8]) -> Result<String, ApiError> {
    if payload.starts_with(&[0x1f, 0x8b]) {
        return Err(ApiError::unsupported(
            "a single payload is read as it is sent, not as gzip; send a gzip log as NDJSON",
        ));
    }
    let text = std::str::from_utf8(payload)
        .map_err(|e| ApiError::bad_request(format!("the body is not UTF-8: {e}")))?;
    // A byte order mark is no part of the payload (the CLI skips it too).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // NUL bytes are dropped, as the CLI drops them from a file's lines (escaped into a JSON
    // string, each would take six bytes); before the check for an empty body, which a body of
    // NULs alone is (it was answered 200 with nothing).
    let text = if text.contains('\0') {
        Cow::Owned(text.replace('\0', ""))
    } else {
        Cow::Borrowed(text)
    };
    if text.trim().is_empty() {
        return Err(ApiError::bad_request("the body is empty"));
    }
    // The normaliser's own limit, said in its words: a text escaped into a JSON string grows
    // (a `"` takes two bytes), and past the engine's line limit it was "line too long".
    if text.len() > numauth::MAX_INPUT_BYTES {
        let too_large = numauth::ParseError::TooLarge {
            len: text.len(),
            max: numauth::MAX_INPUT_BYTES,
        };
        return Err(ApiError::unusable(too_large.to_string()));
    }
    if kind == Kind::Text {
        // One line is read as the CLI reads that line of a file. Only a text of several lines
        // is escaped into one JSON string, which the normaliser reads back (escapes of control
        // characters take six bytes each: a one-line text past the line limit was refused).
        if !text.contains(['\n', '\r']) {
            return Ok(text.into_owned());
        }
        let line = serde_json::to_string(&text).map_err(|e| ApiError::internal(e.to_string()))?;
        return within_line_limit(line, &text);
    }
    if !text.trim_start().starts_with('{') {
        return Err(ApiError::bad_request(
            "application/json takes one JSON object",
        ));
    }
    serde_json::from_str::<serde::de::IgnoredAny>(&text)
        .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")))?;
    // In valid JSON a line break can only be whitespace between tokens (inside strings it is
    // escaped), so turning it into a space keeps the object as it is.
    Ok(text.replace(['\n', '\r'], " "))
}

/// A text of several lines escaped into `line`, one JSON string, if the normaliser reads a
/// string that long: at most twice its limit ([`numauth::normalize_with`]). A text of control
/// characters (ANSI colours) can pass that while under the limit itself, each escaped into six
/// bytes; then the error says so, rather than the line limit of a line the client never sent.
fn within_line_limit(line: String, text: &str) -> Result<String, ApiError> {
    let max = 2 * numauth::MAX_INPUT_BYTES;
    if line.len() <= max {
        return Ok(line);
    }
    // Those JSON writes as `\u00XX`: not `\n`, `\r`, `\t`, `\b` or `\f`.
    let six = |c: &char| *c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\x08' | '\x0c');
    let controls = text.chars().filter(six).count();
    Err(ApiError::unusable(format!(
        "the text is {} bytes over several lines, and {controls} control characters in it \
         (ANSI colours, \\u001b…) take six bytes each once its lines are joined into one \
         JSON string: {} bytes, over the {max} the normaliser reads; send it without them, or \
         as one line",
        text.len(),
        line.len(),
    )))
}

/// A permit to read a body on a blocking thread as it arrives (NDJSON normalise, report):
/// waited for up to the idle timeout, then 503. Without a bound, slow uploads (a byte every few
/// seconds) held every blocking thread, and all such work queued behind them.
async fn stream_permit(state: &crate::State) -> Result<OwnedSemaphorePermit, ApiError> {
    let acquire = state.streams.clone().acquire_owned();
    match tokio::time::timeout(state.config.idle_timeout, acquire).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(ApiError::unavailable(format!(
            "{} NDJSON normalise or report requests are at work (--max-streams); try again",
            state.config.max_streams
        ))),
    }
}

fn stream_normalize(
    state: Arc<crate::State>,
    chunks: tokio::sync::mpsc::Receiver<std::io::Result<Bytes>>,
    hint: Hint,
    lang: Option<Lang>,
    permit: OwnedSemaphorePermit,
) -> Response {
    let (mut out, response) = body::stream(state.metrics.clone(), state.config.idle_timeout);
    let engine = state.engine.clone();
    // Taken now, given back when the work ends (the lease moves into it).
    let lease = state.threads.take(state.config.jobs.get());
    tokio::task::spawn_blocking(move || {
        let mut input = ChunkReader::new(chunks);
        let done = engine
            .normalize(&mut input, &mut out, hint, lang, lease.jobs())
            .and_then(|_| std::io::Write::flush(&mut out));
        drop(lease);
        drop(permit);
        match done {
            Ok(()) => {}
            // The client went away, or reads nothing: nobody to tell.
            Err(e) if body::client_gone(&e) => {}
            Err(e) => out.fail(&body::api_error(&e)),
        }
    });
    ([(header::CONTENT_TYPE, "application/x-ndjson")], response).into_response()
}

/// `POST /v1/report`: `numauth report --json` of an NDJSON (or raw lines) body.
pub async fn report(
    State(state): AppState,
    q: Result<Query<WorkQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    kind(&headers, &[Kind::Ndjson, Kind::Text])?;
    let hint = q.hint()?;
    let lang = q.lang()?.or(state.config.lang).unwrap_or(Lang::En);
    let top = q.top.unwrap_or(10);
    body::check_length(&headers, &limits(&state))?;
    let permit = stream_permit(&state).await?;
    let chunks = body::pump(body, limits(&state));
    let engine = state.engine.clone();
    let report = tokio::task::spawn_blocking(move || {
        let report = engine.report(&mut ChunkReader::new(chunks), hint, top, lang);
        drop(permit);
        report
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))?
    .map_err(|e| body::api_error(&e))?;
    count_report(&state, &report);
    Ok(json(StatusCode::OK, report))
}

fn count_report(state: &crate::State, report: &[u8]) {
    let Ok(report) = serde_json::from_slice::<serde_json::Value>(report) else {
        return;
    };
    state
        .metrics
        .add_lines(report.get("lines").and_then(|v| v.as_u64()).unwrap_or(0));
    let rows = report.get("top_outcomes").and_then(|v| v.as_array());
    state.metrics.add_outcomes(
        rows.into_iter()
            .flatten()
            .filter_map(|row| Some((row.get("outcome")?.as_str()?, row.get("count")?.as_u64()?))),
    );
}

/// One text in both languages.
fn both(text: impl Fn(Lang) -> &'static str) -> serde_json::Value {
    serde_json::json!({ "zh": text(Lang::Zh), "en": text(Lang::En) })
}

/// `GET /v1/labels`: the zh/en words for every id a report holds (the page's dictionary),
/// from the core, so the page never lists ids of its own.
pub async fn labels() -> Response {
    use strum::IntoEnumIterator;
    let map = |pairs: Vec<(&'static str, serde_json::Value)>| {
        serde_json::Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    };
    let outcomes = AuthOutcome::iter()
        .map(|o| {
            let v = serde_json::json!({
                "title": both(|l| o.title(l)),
                "user_text": both(|l| o.user_text(l)),
                "category": o.category(),
                "actor": o.actor(),
                "retryable": o.retryable(),
                "action": o.action(),
            });
            (o.as_str(), v)
        })
        .collect();
    let body = serde_json::json!({
        "data_version": DATA_VERSION,
        "outcomes": map(outcomes),
        "categories": map(numauth::Category::iter().map(|c| (c.as_str(), both(|l| c.label(l)))).collect()),
        "actors": map(numauth::Actor::iter().map(|a| (a.as_str(), both(|l| a.label(l)))).collect()),
        "actions": map(numauth::Action::iter().map(|a| (a.as_str(), both(|l| a.text(l)))).collect()),
        "sources": map(Source::iter().map(|s| (s.as_str(), both(|l| s.name(l)))).collect()),
    });
    json(StatusCode::OK, body.to_string())
}
