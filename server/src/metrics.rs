//! `/metrics` in the Prometheus text format: requests by route and status, latency histograms
//! by route, lines normalised and outcomes counted.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Latency bucket bounds in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    total: u64,
}

/// Counters shared by every request.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    lines: AtomicU64,
    outcomes: Mutex<BTreeMap<String, u64>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while counting leaves counts that are still counts.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Metrics {
    fn request(&self, route: &str, status: u16, seconds: f64) {
        *lock(&self.requests)
            .entry((route.to_owned(), status))
            .or_default() += 1;
        let mut latency = lock(&self.latency);
        let h = latency.entry(route.to_owned()).or_default();
        for (count, bound) in h.counts.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *count += 1;
            }
        }
        h.sum += seconds;
        h.total += 1;
    }

    /// Counts a block of normalised output lines and their top-level outcomes.
    pub fn count_output(&self, lines: &[u8]) {
        let mut found: BTreeMap<&str, u64> = BTreeMap::new();
        let mut n = 0;
        for line in lines.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            n += 1;
            if let Some(outcome) = outcome_of(line) {
                *found.entry(outcome).or_default() += 1;
            }
        }
        self.lines.fetch_add(n, Ordering::Relaxed);
        self.add_outcomes(found.into_iter());
    }

    /// Adds outcomes counted elsewhere (a report's rows).
    pub fn add_outcomes<'a>(&self, found: impl Iterator<Item = (&'a str, u64)>) {
        let mut outcomes = lock(&self.outcomes);
        for (outcome, count) in found {
            match outcomes.get_mut(outcome) {
                Some(n) => *n += count,
                None => {
                    outcomes.insert(outcome.to_owned(), count);
                }
            }
        }
    }

    /// Adds lines read by a report.
    pub fn add_lines(&self, n: u64) {
        self.lines.fetch_add(n, Ordering::Relaxed);
    }

    fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP numauth_http_requests_total HTTP requests answered, by route and status.\n# TYPE numauth_http_requests_total counter\n");
        for ((route, status), n) in lock(&self.requests).iter() {
            let _ = writeln!(
                out,
                "numauth_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP numauth_http_request_duration_seconds Time to the response head, by route.\n# TYPE numauth_http_request_duration_seconds histogram\n");
        for (route, h) in lock(&self.latency).iter() {
            for (count, bound) in h.counts.iter().zip(BUCKETS) {
                let _ = writeln!(out, "numauth_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {count}");
            }
            let _ = writeln!(
                out,
                "numauth_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.total
            );
            let _ = writeln!(
                out,
                "numauth_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "numauth_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.total
            );
        }
        let _ = writeln!(out, "# HELP numauth_lines_normalized_total Log lines normalised (normalize and report).\n# TYPE numauth_lines_normalized_total counter\nnumauth_lines_normalized_total {}", self.lines.load(Ordering::Relaxed));
        out.push_str("# HELP numauth_outcomes_total Callbacks counted, by outcome id.\n# TYPE numauth_outcomes_total counter\n");
        for (outcome, n) in lock(&self.outcomes).iter() {
            let _ = writeln!(out, "numauth_outcomes_total{{outcome=\"{outcome}\"}} {n}");
        }
        out
    }
}

/// The top-level `"outcome"` of a normalised line. The key cannot occur inside a string value
/// (its quotes would be escaped) and the top-level one comes before any nested object's.
fn outcome_of(line: &[u8]) -> Option<&str> {
    const KEY: &[u8] = b"\"outcome\":\"";
    let at = line.windows(KEY.len()).position(|w| w == KEY)? + KEY.len();
    let rest = &line[at..];
    let end = rest.iter().position(|b| *b == b'"')?;
    let id = std::str::from_utf8(&rest[..end]).ok()?;
    // Ids are snake_case; anything else is not put into a label.
    id.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        .then_some(id)
}

/// Middleware: counts every request by its route pattern (never the raw path, which holds
/// codes and would make labels unbounded).
pub async fn track(
    State(state): State<Arc<crate::State>>,
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    let route = matched.map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let start = Instant::now();
    let response = next.run(request).await;
    state.metrics.request(
        &route,
        response.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics`.
pub async fn render(State(state): State<Arc<crate::State>>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_of_takes_the_top_level_id_only() {
        let line = br#"{"source":"pns","code":"\"outcome\":\"x","known":true,"outcome":"timeout","root_cause":{"outcome":"other"}}"#;
        assert_eq!(outcome_of(line), Some("timeout"));
        assert_eq!(outcome_of(br#"{"error":"x","line":3}"#), None);
        assert_eq!(outcome_of(br#"{"outcome":"a\"b"}"#), None);
    }
}
