//! `numauth serve` under the load and the inputs a red-team run found it failing on: bursts of
//! streams, clients that read nothing, browser preflights, flags out of range, and bodies the
//! command line reads (gzip, UTF-16, a byte order mark). The real binary on a real port.

use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod http;
use http::*;

/// The threads of process `pid` now (Linux's `/proc`; `None` elsewhere).
fn threads(pid: u32) -> Option<usize> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("Threads:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Samples the thread count of `pid` until `stop`, keeping the most seen.
fn watch_threads(pid: u32, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<usize> {
    std::thread::spawn(move || {
        let mut most = 0;
        while !stop.load(Ordering::Relaxed) {
            most = most.max(threads(pid).unwrap_or(0));
            std::thread::sleep(Duration::from_millis(2));
        }
        most
    })
}

#[test]
fn a_burst_of_streams_shares_the_normaliser_threads_and_the_server_stays_up() {
    // Before, each request started `--jobs` + 1 threads of its own: 200 at once with 256 jobs
    // ran the process out of threads and it aborted.
    let server = Arc::new(Server::start(&["--jobs", "256"]));
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = watch_threads(server.child.id(), stop.clone());
    let body: Vec<u8> = "{\"code\":\"600011\",\"msg\":\"获取token失败\"}\n"
        .repeat(20)
        .into_bytes();
    let complete = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..200)
        .map(|_| {
            let (server, body, complete) = (server.clone(), body.clone(), complete.clone());
            std::thread::spawn(move || {
                let r = server.post("/v1/normalize", "application/x-ndjson", &body);
                let lines = r
                    .text()
                    .lines()
                    .filter(|l| l.contains("token_failed"))
                    .count();
                if r.status == 200 && lines == 20 {
                    complete.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    let most = watcher.join().unwrap();
    assert_eq!(
        complete.load(Ordering::Relaxed),
        200,
        "every stream in full"
    );
    assert_eq!(server.get("/healthz").status, 200, "the server is up");
    // tokio's blocking threads (at most 512) and the 256 shared ones, not 200 × 257.
    if threads(server.child.id()).is_some() {
        assert!(most < 512 + 256 + 64, "{most} threads at once");
    }
}

#[test]
fn a_client_that_reads_nothing_gives_its_thread_back_after_the_idle_timeout() {
    // Before, a stream the client did not read held its thread for as long as the connection
    // stayed open; enough such clients held every thread, and normalising hung.
    let server = Server::start(&["--idle-timeout", "1"]);
    let pid = server.child.id();
    let Some(before) = threads(pid) else {
        eprintln!("SKIPPED: no /proc/<pid>/status on this system to count threads");
        return;
    };
    let body = "{\"code\":\"600011\",\"msg\":\"x\"}\n".repeat(20_000);
    let mut idle: Vec<TcpStream> = Vec::new();
    for _ in 0..24 {
        let mut s = TcpStream::connect(server.addr).unwrap();
        let head = head(
            "POST",
            "/v1/normalize",
            &[("content-type", "application/x-ndjson")],
            Some(body.len()),
        );
        s.write_all(&head).unwrap();
        s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = s.write_all(body.as_bytes());
        idle.push(s);
    }
    std::thread::sleep(Duration::from_millis(300));
    let busy = threads(pid).unwrap();
    assert!(
        busy >= before + 20,
        "{before} threads before, {busy} at work"
    );
    // The idle timeout (1 s), then the 2 s a blocking thread stays before it ends.
    let deadline = Instant::now() + Duration::from_secs(20);
    while threads(pid).unwrap() > before + 4 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    let after = threads(pid).unwrap();
    assert!(
        after <= before + 4,
        "{before} before, {busy} busy, {after} after"
    );
    // The connections are still open; the work for them has ended.
    let r = server.post("/v1/normalize", "text/plain", b"code=600011");
    assert_eq!(r.status, 200);
    drop(idle);
}

#[test]
fn a_browser_preflight_is_answered_and_errors_carry_the_cors_headers() {
    let origin = "https://ops.example.com";
    let server = Server::start(&["--cors-origin", origin]);
    let preflight = [
        ("origin", origin),
        ("access-control-request-method", "POST"),
        ("access-control-request-headers", "content-type"),
    ];
    let r = server.send("OPTIONS", "/v1/normalize", &preflight, b"");
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    assert!(r
        .header("access-control-allow-headers")
        .unwrap()
        .contains("content-type"));
    // A page on that origin can read the API's errors too.
    let r = server.send("GET", "/v1/nope", &[("origin", origin)], b"");
    r.assert_error(404, "not_found");
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    let r = server.send("PUT", "/v1/normalize", &[("origin", origin)], b"");
    let message = r.assert_error(405, "method_not_allowed");
    assert!(
        message.contains("PUT") && message.contains("POST"),
        "{message}"
    );
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));

    let any = Server::start(&["--cors-origin", "*"]);
    let r = any.send("GET", "/healthz", &[("origin", "https://a.example")], b"");
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn flags_out_of_range_are_usage_errors_naming_what_to_give() {
    for (args, says) in [
        (&["--timeout", "9223372036854775807"][..], "1..=86400"),
        (&["--timeout", "0"][..], "1..=86400"),
        (&["--idle-timeout", "0"][..], "1..=3600"),
        (&["--cors-origin", "not a url"][..], "scheme://host[:port]"),
        (
            &["--cors-origin", "https://a.example/path"][..],
            "scheme://host[:port]",
        ),
    ] {
        let o = numauth(&[&["serve", "--listen", "127.0.0.1:0"][..], args].concat());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn bodies_are_read_as_the_command_line_reads_files() {
    let server = Server::start(&[]);
    let log = std::fs::read(SAMPLE).unwrap();
    let dir = std::env::temp_dir().join(format!("numauth-serve-bodies-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // UTF-16 with a byte order mark: China Unicom's `1` + 请求超时 is a timeout only when the
    // message arrives whole.
    let text =
        "{\"code\":\"1\",\"msg\":\"请求超时\",\"vendorName\":\"CU\"}\n{\"code\":\"600008\"}\n";
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let gz = {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&log).unwrap();
        e.finish().unwrap()
    };
    for (name, body) in [("utf16.ndjson", &utf16), ("log.ndjson.gz", &gz)] {
        let path = dir.join(name);
        std::fs::write(&path, body).unwrap();
        let path = path.to_str().unwrap();
        let r = server.post("/v1/normalize", "application/x-ndjson", body);
        assert_eq!(r.status, 200);
        let cli = numauth(&["--lang", "en", "normalize", "--jobs", "1", path]);
        assert_eq!(r.text(), String::from_utf8_lossy(&cli.stdout), "{name}");
        let r = server.post("/v1/report", "application/x-ndjson", body);
        assert_eq!(r.json(), cli_json(&["report", "--json", path]), "{name}");
    }
    let r = server.post("/v1/normalize", "application/x-ndjson", &utf16);
    assert!(r
        .text()
        .lines()
        .next()
        .unwrap()
        .contains("\"outcome\":\"timeout\""));
    let _ = std::fs::remove_dir_all(&dir);
    // A UTF-8 byte order mark before one JSON payload.
    let r = server.post(
        "/v1/normalize",
        "application/json",
        b"\xef\xbb\xbf{\"code\":\"600008\"}",
    );
    assert_eq!(r.json()["outcome"], "mobile_data_disabled");
}

#[test]
fn lookups_take_pasted_codes_and_weak_entity_tags() {
    let server = Server::start(&[]);
    let r = server.get("/v1/explain/%20600011%20");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()[0]["code"], "600011");
    let etag = server.get("/v1/catalog").header("etag").unwrap().to_owned();
    let weak = format!("W/{etag}");
    let r = server.send("GET", "/v1/catalog", &[("if-none-match", &weak)], b"");
    assert_eq!(r.status, 304, "a proxy's weak tag matches");
    let r = server.send("GET", "/v1/catalog", &[("if-none-match", "W/\"old\"")], b"");
    assert_eq!(r.status, 200);
}

#[test]
fn a_single_payload_over_its_limit_names_that_limit_and_lang_sets_the_default() {
    let server = Server::start(&[]);
    let big = vec![b'a'; 2 << 20];
    let message = server
        .post("/v1/normalize", "text/plain", &big)
        .assert_error(413, "payload_too_large");
    assert!(
        message.contains("1048576") && message.contains("single payload"),
        "{message}"
    );

    // Over the normaliser's 64 KiB, in its words, however the payload would be escaped: 70,000
    // quotes are 140,002 bytes as a JSON string, past the engine's line limit.
    let quotes = vec![b'"'; 70_000];
    let object = format!(
        "{{\"code\":\"600011\",\"pad\":\"{}\"}}",
        "x".repeat(140_000)
    );
    let object_len = object.len().to_string();
    for (kind, body, len) in [
        ("text/plain", &quotes, "70000"),
        (
            "application/json",
            &object.into_bytes(),
            object_len.as_str(),
        ),
    ] {
        let message = server
            .post("/v1/normalize", kind, body)
            .assert_error(400, "unusable_payload");
        assert!(
            message.starts_with(&format!("input is {len} bytes, over the limit of 65536")),
            "{kind}: {message}"
        );
    }
    let nul_padded = [&b"600011"[..], &[0; 65_536][..]].concat();
    let r = server.post("/v1/normalize", "text/plain", &nul_padded);
    assert_eq!(
        r.json()["code"],
        "600011",
        "NUL bytes are dropped before the limit counts"
    );

    // `--lang` before the subcommand is the language of requests that name none.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_numauth"));
    child.args(["--lang", "zh"]);
    let zh = Server::start_with(child, &[]);
    let r = zh.post("/v1/normalize", "text/plain", b"code=600011");
    assert_eq!(r.json()["explain"]["title"], "获取Token失败");
    let r = zh.post("/v1/normalize?lang=en", "text/plain", b"code=600011");
    assert_eq!(r.json()["explain"]["title"], "Token request failed");
}

/// The path a 404 or 405 answer repeats is read decoded: escapes hid a grouped number,
/// full-width digits and a token from the redaction (a third red-team run).
#[test]
fn errors_repeat_a_path_decoded_and_redacted() {
    let server = Server::start(&[]);
    let wide = "%EF%BC%91%EF%BC%93%EF%BC%98%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96%EF%BC%97%EF%BC%98";
    for response in [
        server.get("/v1/codes/138%201234%205678"),
        server.get("/v1/codes/nHx7Qz0aP%2Bk3Lr9Vw2YbT5mJc8Fd1Gs4Ue6Ri%2FoA%3D%3D"),
        server.post(&format!("/v1/explain/{wide}"), "text/plain", b""),
    ] {
        let status = response.status;
        let message = response.assert_error(
            status,
            if status == 405 {
                "method_not_allowed"
            } else {
                "not_found"
            },
        );
        assert!(message.contains("<redacted "), "{message}");
        for secret in ["1234", "%20", "nHx7Qz0a", "%EF%BC", "１２３"] {
            assert!(!message.contains(secret), "{secret} in {message}");
        }
    }
}

#[test]
fn errors_repeat_no_phone_number_the_request_held() {
    let server = Server::start(&[]);
    let phone = "13812345678";
    for (path, status, code) in [
        (format!("/v1/explain/{phone}"), 404, "unknown_code"),
        (format!("/v1/codes/pns/{phone}"), 404, "unknown_code"),
        (format!("/v1/codes/{phone}/600011"), 400, "bad_request"),
        (format!("/v1/codes?outcome={phone}"), 400, "bad_request"),
        (format!("/{phone}"), 404, "not_found"),
    ] {
        let message = server.get(&path).assert_error(status, code);
        assert!(
            !message.contains(phone) && message.contains("<redacted phone: 11 chars>"),
            "{path}: {message}"
        );
    }
    // A token pasted where a code or an id goes, and a number after a URL's escape (a second
    // red-team run: both were repeated as sent).
    let token = "STsid0000001Ojg5Yz3JhbGciOiJSUzI1NiJ9";
    for (path, status, code) in [
        (format!("/v1/codes/pns/{token}"), 404, "unknown_code"),
        (format!("/v1/codes?outcome={token}"), 400, "bad_request"),
        (format!("/v1/codes?source={token}"), 400, "bad_request"),
        ("/v1/%2B86%2013812345678".to_owned(), 404, "not_found"),
        // A JWT, whose parts are each shorter than a token (a fourth red-team run).
        (
            "/v1/explain/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.Ojg5Yz3J_abcdefgh".to_owned(),
            404,
            "unknown_code",
        ),
    ] {
        let message = server.get(&path).assert_error(status, code);
        assert!(
            !message.contains("Ojg5Yz3J") && !message.contains("12345678"),
            "{path}: {message}"
        );
        assert!(message.contains("<redacted "), "{path}: {message}");
    }
    // What is no secret is repeated as sent (a review of the redaction's false positives): an
    // outcome id that names a token, a hex request id, a constant's name.
    for (path, status, code, kept) in [
        (
            "/v1/explain/token_invalid",
            404,
            "unknown_code",
            "\"token_invalid\": not in the",
        ),
        (
            "/v1/requests/0b6f3a1e77c24d1a9f3e0123456789ab",
            404,
            "not_found",
            "0b6f3a1e77c24d1a9f3e0123456789ab",
        ),
        (
            "/v1/explain/ERROR_CODE_GET_TOKEN_FAILED_600011",
            404,
            "unknown_code",
            "ERROR_CODE_GET_TOKEN_FAILED_600011",
        ),
    ] {
        let message = server.get(path).assert_error(status, code);
        assert!(
            message.contains(kept) && !message.contains("<redacted"),
            "{path}: {message}"
        );
    }
    // The command line's error says the same.
    let o = numauth(&["explain", "138-1234-5678"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && !err.contains("5678") && err.contains("redacted"),
        "{err}"
    );
}

/// A red-team find: `Content-Encoding` was ignored, so a body in another coding was read as
/// text (a 200 with garbage rows) or refused as "not UTF-8". Now a coding other than gzip is a
/// 415 that says so; a gzip log is read, and a gzip single payload is a 415 naming NDJSON.
#[test]
fn a_content_encoding_is_read_or_refused_by_name() {
    let server = Server::start(&[]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"{\"code\":\"600011\"}\n{\"code\":\"600008\"}\n")
        .unwrap();
    let gz = gz.finish().unwrap();
    let ndjson = ("content-type", "application/x-ndjson");
    let r = server.send(
        "POST",
        "/v1/normalize",
        &[ndjson, ("content-encoding", "gzip")],
        &gz,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.text().lines().count(), 2, "{}", r.text());
    let message = server
        .send(
            "POST",
            "/v1/normalize",
            &[ndjson, ("content-encoding", "br")],
            b"x",
        )
        .assert_error(415, "unsupported_media_type");
    assert!(
        message.contains("\"br\"") && message.contains("gzip"),
        "{message}"
    );
    let json = ("content-type", "application/json");
    let message = server
        .send(
            "POST",
            "/v1/normalize",
            &[json, ("content-encoding", "gzip")],
            &gz,
        )
        .assert_error(415, "unsupported_media_type");
    assert!(message.contains("NDJSON"), "{message}");
}
