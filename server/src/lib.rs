//! `numauth serve`: the numauth HTTP service for support dashboards.
//!
//! A JSON API under `/v1` (the same field names and ids as `numauth export` and the CLI), a web
//! page at `/` served from the binary, `/healthz` and Prometheus `/metrics`. The router only
//! moves bytes: every answer comes from the core catalog or from an [`Engine`], which the CLI
//! implements with its own `normalize`, `report` and `explain` code, so the service and the
//! command line can never disagree. See the crate's README.md for the endpoints.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(rust_2018_idioms)]

mod api;
mod body;
mod conn;
mod error;
mod fds;
mod metrics;
mod page;
mod threads;

use std::io::{self, BufRead, Write};
use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue, Method};
use axum::routing::{get, post};
use axum::Router;
use numauth::{Entry, Hint, Lang, Source};
use tokio::net::TcpListener;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use error::ApiError;

/// The work behind the endpoints, done exactly as the command line does it.
///
/// The CLI implements this with the code behind `numauth normalize`, `numauth report --json`
/// and `numauth explain`, so an answer over HTTP is byte for byte the command's output.
/// Every method is called on a blocking thread, never on the async runtime.
pub trait Engine: Send + Sync + 'static {
    /// `numauth normalize --jobs JOBS`: one output line per input line of `input`, written to
    /// `out`, which is flushed after each batch; returns how many lines could not be used.
    /// `input` is the request body as sent (gzip or UTF-16 with a byte order mark included).
    fn normalize(
        &self,
        input: &mut (dyn BufRead + Send),
        out: &mut (dyn Write + Send),
        hint: Hint,
        lang: Option<Lang>,
        jobs: NonZeroUsize,
    ) -> io::Result<usize>;

    /// `numauth report --json`: the report of the log in `input`, as JSON (compact).
    fn report(
        &self,
        input: &mut (dyn BufRead + Send),
        hint: Hint,
        top: usize,
        lang: Lang,
    ) -> io::Result<Vec<u8>>;

    /// `numauth explain`: the meanings of `code` (in `source` only when given), or the error
    /// text naming the sources searched when none knows it.
    fn explain(
        &self,
        code: &str,
        source: Option<Source>,
        message: Option<&str>,
    ) -> Result<Vec<&'static Entry>, String>;
}

/// How the service listens and what it accepts.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (`--listen`).
    pub listen: SocketAddr,
    /// Largest request body in bytes (`--max-body`); a larger one gets 413.
    pub max_body: u64,
    /// A request whose headers are not all in after this long is dropped.
    pub header_timeout: Duration,
    /// A request body that sends nothing for this long gets 408, and a streamed answer the
    /// client takes nothing of for this long ends (`--idle-timeout`).
    pub idle_timeout: Duration,
    /// A request body not all in after this long gets 408 (`--timeout`).
    pub body_timeout: Duration,
    /// Origins allowed to call the API from a browser (`--cors-origin`; `*` for any); none:
    /// CORS is off.
    pub cors_origins: Vec<String>,
    /// Threads an NDJSON normalise request may use, shared by all requests (`--jobs`): a
    /// request takes what is free, up to this, or else runs on its own thread alone.
    pub jobs: NonZeroUsize,
    /// The language of `explain` and reports when a request names none (`--lang`); English
    /// when `None`.
    pub lang: Option<Lang>,
    /// NDJSON normalise and report requests at work at once (`--max-streams`): each holds a
    /// thread while its body arrives. One over waits up to the idle timeout, then gets 503.
    pub max_streams: usize,
    /// Connections open at once (`--max-connections`); one over gets 503 and is closed.
    pub max_connections: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_body: 256 << 20,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(15),
            body_timeout: Duration::from_secs(300),
            cors_origins: Vec::new(),
            jobs: NonZeroUsize::MIN,
            lang: None,
            max_streams: 64,
            max_connections: 1024,
        }
    }
}

/// What every handler shares.
pub(crate) struct State {
    pub engine: Arc<dyn Engine>,
    pub config: Config,
    pub metrics: Arc<metrics::Metrics>,
    /// `numauth export --format json`, built once.
    pub catalog: bytes::Bytes,
    /// The normaliser threads all requests share.
    pub threads: Arc<threads::Budget>,
    /// Permits for NDJSON normalise and report requests at work (`max_streams`).
    pub streams: Arc<tokio::sync::Semaphore>,
}

/// The whole service: API, page, health and metrics, with CORS when origins are given.
///
/// # Errors
/// When a `--cors-origin` is not an origin (`https://host[:port]`) or `*`.
pub fn router(engine: Arc<dyn Engine>, config: Config) -> Result<Router, ApiError> {
    let cors = cors_layer(&config.cors_origins)?;
    let state = Arc::new(State {
        engine,
        threads: threads::Budget::new(config.jobs),
        streams: Arc::new(tokio::sync::Semaphore::new(config.max_streams.max(1))),
        config,
        metrics: Arc::default(),
        catalog: api::catalog_json(),
    });
    let api = Router::new()
        .route("/v1/codes", get(api::list))
        .route("/v1/codes/{source}/{code}", get(api::code))
        .route("/v1/explain/{code}", get(api::explain))
        .route("/v1/catalog", get(api::catalog))
        .route("/v1/labels", get(api::labels))
        .route("/v1/normalize", post(api::normalize))
        .route("/v1/report", post(api::report))
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(metrics::render));
    let app = api
        .merge(page::routes())
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .with_state(state);
    // Around everything, so that a preflight `OPTIONS` is answered before the routes see it
    // (on the routes, their 405 answered it) and errors carry the headers a page needs to
    // read them.
    Ok(match cors {
        Some(cors) => app.layer(cors),
        None => app,
    })
}

fn cors_layer(origins: &[String]) -> Result<Option<CorsLayer>, ApiError> {
    if origins.is_empty() {
        return Ok(None);
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        let list = origins.iter().map(|o| origin(o));
        AllowOrigin::list(list.collect::<Result<Vec<_>, _>>()?)
    };
    Ok(Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::IF_NONE_MATCH]),
    ))
}

/// Checks a `--cors-origin`: `*`, or an origin as browsers send it in `Origin`,
/// `scheme://host[:port]` with nothing after. The error says what to give instead.
///
/// # Errors
/// When `o` is neither.
pub fn cors_origin(o: &str) -> Result<String, String> {
    let bad = || {
        format!(
            "not a CORS origin: {o:?} (give scheme://host[:port] as a browser sends it, \
             e.g. https://ops.example.com, or * for any)"
        )
    };
    if o == "*" {
        return Ok(o.to_owned());
    }
    let (scheme, host) = o.split_once("://").ok_or_else(bad)?;
    let scheme_ok = !scheme.is_empty() && scheme.bytes().all(|c| c.is_ascii_alphanumeric());
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"-.:[]_".contains(&c));
    match scheme_ok && host_ok {
        true => Ok(o.to_owned()),
        false => Err(bad()),
    }
}

fn origin(o: &str) -> Result<HeaderValue, ApiError> {
    cors_origin(o)
        .and_then(|o| HeaderValue::from_str(&o).map_err(|e| e.to_string()))
        .map_err(ApiError::bad_request)
}

/// Runs the service until the process ends, printing `numauth: listening on http://ADDR` on
/// standard output once the socket is bound (with the real port when `--listen` asked for 0).
///
/// # Errors
/// When the address cannot be bound or the runtime cannot start.
pub fn serve(engine: Arc<dyn Engine>, config: Config) -> io::Result<()> {
    let app = router(engine, config.clone()).map_err(|e| io::Error::other(e.to_string()))?;
    // Blocking threads (one per request at work) end 2 s after their last work rather than
    // tokio's 10: after a burst the process is back to its size soon.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_keep_alive(Duration::from_secs(2))
        .build()?;
    runtime.block_on(async move {
        let listen = config.listen;
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|e| io::Error::new(e.kind(), format!("cannot listen on {listen}: {e}")))?;
        let mut stdout = io::stdout();
        writeln!(
            stdout,
            "numauth: listening on http://{}",
            listener.local_addr()?
        )?;
        stdout.flush()?;
        let limits = conn::Limits {
            header: config.header_timeout,
            write: config.idle_timeout,
            max: fds::fit(config.max_connections.max(1)),
        };
        conn::accept(listener, app, limits).await
    })
}
