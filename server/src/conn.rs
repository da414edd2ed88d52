//! Connections: accepted up to `--max-connections`, each handed to hyper with a header read
//! timeout, and writes that make no progress for the idle timeout end the connection.
//!
//! hyper has no write timeout: a client that asked for answers and read none (twenty
//! `GET /v1/codes` pipelined on each of a thousand sockets) held every answer in memory for as
//! long as it kept the sockets open. Here a write that waits that long fails, and the
//! connection with it; and past the connection limit a new one gets a 503 and is closed.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};

use crate::error::ApiError;

/// How connections are limited.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Headers not all in after this long: the connection is dropped.
    pub header: Duration,
    /// A write that makes no progress for this long fails (`--idle-timeout`).
    pub write: Duration,
    /// Connections open at once (`--max-connections`).
    pub max: usize,
}

/// Accepts connections until the process ends.
pub async fn accept(listener: TcpListener, app: Router, limits: Limits) -> io::Result<()> {
    let open = Arc::new(Semaphore::new(limits.max));
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(conn) => conn,
            // Out of file descriptors or a connection reset before accept: wait, go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream, limits.max));
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let io = TokioIo::new(WriteTimeout::new(stream, limits.write));
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header)
                .keep_alive(true)
                .serve_connection(io, service);
            // A client that goes away or times out is not the server's error.
            let _ = connection.await;
            drop(permit);
        });
    }
}

/// Answers a connection over the limit with a 503 (its request unread) and closes it.
async fn refuse(mut stream: TcpStream, max: usize) {
    let error = ApiError::unavailable(format!(
        "the server has {max} connections open (--max-connections); try again"
    ));
    let body = error.to_json();
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nretry-after: 1\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let write = stream.write_all(answer.as_bytes());
    let _ = tokio::time::timeout(Duration::from_secs(1), write).await;
    let _ = stream.shutdown().await;
}

/// A stream whose writes fail with `TimedOut` when one waits `limit` without progress.
pub struct WriteTimeout<S> {
    inner: S,
    limit: Duration,
    /// Armed while a write waits.
    timer: Option<Pin<Box<Sleep>>>,
}

impl<S> WriteTimeout<S> {
    /// `inner`, its writes limited to `limit` without progress.
    pub fn new(inner: S, limit: Duration) -> Self {
        Self {
            inner,
            limit,
            timer: None,
        }
    }

    /// What a write that returned `r` means: progress disarms the timer; waiting arms it
    /// once, and fails the write when it fires.
    fn watch<T>(&mut self, cx: &mut Context<'_>, r: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        if r.is_ready() {
            self.timer = None;
            return r;
        }
        let limit = self.limit;
        let timer = self
            .timer
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(Instant::now() + limit)));
        ready!(timer.as_mut().poll(cx));
        self.timer = None;
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            "the client read nothing of the answer in time",
        )))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WriteTimeout<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for WriteTimeout<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.watch(cx, r)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.watch(cx, r)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let r = Pin::new(&mut self.inner).poll_flush(cx);
        self.watch(cx, r)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write into a pipe nobody reads fails after the limit, and one that makes progress
    /// does not.
    #[tokio::test]
    async fn a_write_that_waits_past_the_limit_fails() {
        let (a, mut b) = tokio::io::duplex(16);
        let mut w = WriteTimeout::new(a, Duration::from_millis(100));
        w.write_all(b"0123456789").await.unwrap();
        let started = std::time::Instant::now();
        let e = w.write_all(&[0u8; 64]).await.unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        assert!(started.elapsed() >= Duration::from_millis(100));
        // Read what is waiting, and writes go on.
        let mut buf = [0u8; 64];
        let n = tokio::io::AsyncReadExt::read(&mut b, &mut buf)
            .await
            .unwrap();
        assert!(n > 0);
        w.write_all(b"ok").await.unwrap();
    }
}
