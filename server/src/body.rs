//! Request bodies read as a stream and handed to blocking code, and responses streamed back.
//!
//! A body is never held whole: a task pulls it frame by frame into a small queue, counting bytes
//! against `--max-body` and watching the clock, and the blocking side reads the queue as a
//! `BufRead`. Output goes the other way through a queue of the same size, so a client that
//! stops reading stops the work instead of piling output up in memory.

use std::io::{self, BufRead, Read, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap};
use bytes::{Buf, Bytes};
use http_body::Frame;
use http_body_util::BodyExt;
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::error::ApiError;
use crate::metrics::Metrics;

/// A wait with no other bound.
const YEAR: Duration = Duration::from_secs(365 * 24 * 3600);

/// Chunks waiting in a queue: with hyper's frames of up to 64 KiB or our 64 KiB batches, a few
/// hundred KiB per request at most.
const QUEUE: usize = 4;

/// The limits of one body.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max: u64,
    /// Which limit `max` is, for the 413's message (`--max-body`).
    pub limit: &'static str,
    pub idle: Duration,
    pub total: Duration,
}

/// Refuses a body whose declared length is already over the limit, before reading a byte.
pub fn check_length(headers: &HeaderMap, limits: &Limits) -> Result<(), ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(n) if n > limits.max => Err(ApiError::too_large(limits.max, limits.limit)),
        _ => Ok(()),
    }
}

/// Why a body stopped early; travels inside an `io::Error` through the blocking code.
#[derive(Debug)]
struct Cut(ApiError);

impl std::fmt::Display for Cut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.message.fmt(f)
    }
}

impl std::error::Error for Cut {}

/// The API error behind a read error: 413 or 408 when the body was cut, 413 when it decodes to
/// more than the limit, else 400.
pub fn api_error(e: &io::Error) -> ApiError {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<Cut>()) {
        Some(Cut(api)) => api.clone(),
        // The engine's limit on what a compressed body decodes to.
        None if e.kind() == io::ErrorKind::FileTooLarge => {
            ApiError::decoded_too_large(e.to_string())
        }
        None => ApiError::bad_request(format!("could not read the body: {e}")),
    }
}

/// `e` and what caused it, as `error: cause: …`: hyper says only "error reading a body from
/// connection", and its cause what was wrong (a chunk size that is none, a body cut short).
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let said = c.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = c.source();
    }
    text
}

/// Starts reading `body` in a task; the chunks (or the reason it stopped) come out of the queue.
pub fn pump(body: Body, limits: Limits) -> mpsc::Receiver<io::Result<Bytes>> {
    let (tx, rx) = mpsc::channel(QUEUE);
    tokio::spawn(async move {
        let mut body = body;
        let mut read = 0u64;
        // A year at most: a `Config` from code may hold any duration, and a longer one would
        // overflow `Instant` (the CLI's flags are bounded far below).
        let deadline = Instant::now() + limits.total.min(YEAR);
        loop {
            let wait = deadline.min(Instant::now() + limits.idle.min(YEAR));
            let cut = match tokio::time::timeout_at(wait, body.frame()).await {
                Err(_) => ApiError::timeout(format!(
                    "the body did not arrive in time (nothing for {:?}, or not all in {:?})",
                    limits.idle, limits.total
                )),
                Ok(None) => return,
                Ok(Some(Err(e))) => {
                    ApiError::bad_request(format!("could not read the body: {}", with_causes(&e)))
                }
                Ok(Some(Ok(frame))) => {
                    let Ok(data) = frame.into_data() else {
                        continue;
                    };
                    read += data.len() as u64;
                    if read > limits.max {
                        ApiError::too_large(limits.max, limits.limit)
                    } else if tx.send(Ok(data)).await.is_err() {
                        // The reader is gone; so is the need for the rest.
                        return;
                    } else {
                        continue;
                    }
                }
            };
            // Dropping the body here stops reading it: hyper closes the connection.
            let _ = tx.send(Err(io::Error::other(Cut(cut)))).await;
            return;
        }
    });
    rx
}

/// Collects a whole small body (a single payload), already bounded by the pump's limit.
pub async fn collect(mut rx: mpsc::Receiver<io::Result<Bytes>>) -> Result<Vec<u8>, ApiError> {
    let mut all = Vec::new();
    while let Some(chunk) = rx.recv().await {
        all.extend_from_slice(&chunk.map_err(|e| api_error(&e))?);
    }
    Ok(all)
}

/// The blocking side of a pumped body.
pub struct ChunkReader {
    rx: mpsc::Receiver<io::Result<Bytes>>,
    chunk: Bytes,
}

impl ChunkReader {
    pub fn new(rx: mpsc::Receiver<io::Result<Bytes>>) -> Self {
        Self {
            rx,
            chunk: Bytes::new(),
        }
    }
}

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for ChunkReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.chunk.is_empty() {
            match self.rx.blocking_recv() {
                Some(chunk) => self.chunk = chunk?,
                None => break,
            }
        }
        Ok(&self.chunk)
    }

    fn consume(&mut self, amount: usize) {
        self.chunk.advance(amount.min(self.chunk.len()));
    }
}

/// The blocking side of a streamed response: each flush sends what was written as one chunk,
/// after counting its lines and outcomes for `/metrics`.
pub struct ChunkWriter {
    tx: mpsc::Sender<io::Result<Bytes>>,
    buf: Vec<u8>,
    metrics: Arc<Metrics>,
    /// How long a chunk may wait for the client to take it.
    idle: Duration,
    runtime: tokio::runtime::Handle,
}

/// Whether a write error means the client is gone or reads nothing: nobody to tell.
pub fn client_gone(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::BrokenPipe | io::ErrorKind::TimedOut
    )
}

impl ChunkWriter {
    /// Sends `chunk`, waiting at most `idle` for room: a client that reads nothing for that
    /// long would otherwise hold this thread, and enough of them every thread.
    fn send(&self, chunk: Bytes) -> io::Result<()> {
        let send = tokio::time::timeout(self.idle, self.tx.send(Ok(chunk)));
        match self.runtime.block_on(send) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(io::ErrorKind::BrokenPipe.into()),
            Err(_) => Err(io::ErrorKind::TimedOut.into()),
        }
    }

    /// Ends the stream with an error line. The stream then ends normally: aborting it makes
    /// hyper close the socket at once with the rest of the request unread, and the TCP reset
    /// that follows made the client lose the lines it had not read yet (seen in the tests).
    pub fn fail(mut self, error: &ApiError) {
        self.buf.clear();
        self.buf.extend_from_slice(error.to_json().as_bytes());
        self.buf.push(b'\n');
        let line = Bytes::from(std::mem::take(&mut self.buf));
        let _ = self.send(line);
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.metrics.count_output(&self.buf);
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.send(chunk)
    }
}

/// A response body fed from a queue.
pub struct ChannelBody(pub mpsc::Receiver<io::Result<Bytes>>);

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        self.0
            .poll_recv(cx)
            .map(|chunk| chunk.map(|c| c.map(Frame::data)))
    }
}

/// A queue for a streamed response: the writer for the blocking side (a chunk the client does
/// not take within `idle` ends the stream), the body to answer with. Called on the runtime.
pub fn stream(metrics: Arc<Metrics>, idle: Duration) -> (ChunkWriter, Body) {
    let (tx, rx) = mpsc::channel(QUEUE);
    let writer = ChunkWriter {
        tx,
        buf: Vec::new(),
        metrics,
        idle,
        runtime: tokio::runtime::Handle::current(),
    };
    (writer, Body::new(ChannelBody(rx)))
}
