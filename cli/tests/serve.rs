//! `numauth serve` as a client sees it: the real binary on 127.0.0.1 with a free port, talked to
//! over plain HTTP/1.1, its answers compared with the same binary's command-line output.

use std::io::{BufRead, BufReader, Read, Write};
use std::time::{Duration, Instant};

use serde_json::Value;

mod http;
use http::*;

#[test]
fn lookups_answer_what_explain_and_list_print() {
    let server = Server::start(&[]);
    let r = server.get("/v1/codes/pns/600011");
    assert_eq!(r.status, 200);
    let cli = cli_json(&["explain", "600011", "--source", "pns", "--json"]);
    assert_eq!(r.json(), cli[0]);

    let r = server.get("/v1/explain/600001");
    assert_eq!(r.json(), cli_json(&["explain", "600001", "--json"]));
    assert!(
        r.json().as_array().unwrap().len() > 1,
        "several sources know 600001"
    );

    // 请求超时, percent-encoded: a China Unicom `1` + message row.
    let r = server.get("/v1/codes/cucc/1?msg=%E8%AF%B7%E6%B1%82%E8%B6%85%E6%97%B6");
    assert_eq!(
        r.json(),
        cli_json(&["explain", "1", "--source", "cucc", "请求超时", "--json"])[0]
    );

    let r = server.get("/v1/codes?source=cmcc&outcome=timeout");
    let list = cli_json(&["list", "--source", "cmcc", "--outcome", "timeout", "--json"]);
    assert!(!list.as_array().unwrap().is_empty());
    assert_eq!(r.json(), list);
    assert_eq!(
        server.get("/v1/codes").json(),
        cli_json(&["list", "--json"])
    );
}

#[test]
fn unknown_codes_and_bad_ids_are_json_errors_naming_what_was_searched() {
    let server = Server::start(&[]);
    let e = server
        .get("/v1/explain/999999999")
        .assert_error(404, "unknown_code");
    assert!(
        e.contains("searched:") && e.contains("cmcc") && e.contains("idaas"),
        "{e}"
    );
    // A blank code is the caller's mistake, not a code no source knows.
    for blank in [
        "/v1/explain/%20",
        "/v1/explain/%E3%80%80%09",
        "/v1/codes/pns/%20",
    ] {
        let e = server.get(blank).assert_error(400, "bad_request");
        assert!(
            e.contains("blank") && !e.contains("searched"),
            "{blank}: {e}"
        );
    }
    let e = server
        .get("/v1/codes/ctcc/123456789")
        .assert_error(404, "unknown_code");
    assert!(e.contains("searched: ctcc"), "{e}");
    let e = server
        .get("/v1/codes/nosuch/1")
        .assert_error(400, "bad_request");
    assert!(e.contains("pns"), "the valid sources are listed: {e}");
    let e = server
        .get("/v1/codes?outcome=nope")
        .assert_error(400, "bad_request");
    assert!(e.contains("timeout"), "the valid outcomes are listed: {e}");
    server.get("/v2/nothing").assert_error(404, "not_found");
    server
        .post("/v1/catalog", "text/plain", b"x")
        .assert_error(405, "method_not_allowed");
}

#[test]
fn the_catalog_is_the_export_with_an_etag() {
    let server = Server::start(&[]);
    let r = server.get("/v1/catalog");
    assert_eq!(r.status, 200);
    let export = numauth(&["export", "--format", "json"]);
    assert_eq!(r.body, export.stdout, "byte for byte the export");
    let etag = r.header("etag").expect("an ETag").to_owned();
    assert_eq!(etag, format!("\"{}\"", numauth::DATA_VERSION));
    let again = server.send("GET", "/v1/catalog", &[("if-none-match", &etag)], b"");
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let stale = server.send("GET", "/v1/catalog", &[("if-none-match", "\"old\"")], b"");
    assert_eq!(stale.status, 200);
}

/// The CLI's output for one NDJSON line.
fn cli_normalize_line(line: &str, args: &[&str]) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("numauth-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("line-{}.ndjson", line.len()));
    std::fs::write(&path, format!("{line}\n")).unwrap();
    let o = numauth(&[&["normalize", path.to_str().unwrap()], args].concat());
    assert!(o.status.success());
    let mut out = o.stdout;
    assert_eq!(out.pop(), Some(b'\n'));
    out
}

#[test]
fn one_payload_gives_the_line_normalize_prints_for_it() {
    let server = Server::start(&[]);
    // Raw text as an iOS app logs it, over several lines: sent as text/plain.
    let raw = "{\n    code = 600011;\n    msg = \"\\U83b7\\U53d6token\\U5931\\U8d25\";\n}";
    let r = server.post("/v1/normalize", "text/plain; charset=utf-8", raw.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.body,
        cli_normalize_line(&serde_json::to_string(raw).unwrap(), &[])
    );
    assert_eq!(r.json()["code"], "600011");

    // One line of text is that line of a log, whatever it holds: control characters that
    // escaping would grow six times took a 23 KB text past the line limit (a red-team find).
    let mut line = b"code=600011 msg=x ".to_vec();
    line.extend(std::iter::repeat_n(0x1b, 23_000));
    let r = server.post("/v1/normalize", "text/plain", &line);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.body,
        cli_normalize_line(std::str::from_utf8(&line).unwrap(), &[])
    );
    assert_eq!(r.json()["code"], "600011");

    let object = "{\n  \"resultCode\": \"103119\",\n  \"desc\": \"appid不存在\"\n}";
    let r = server.post(
        "/v1/normalize?source=cmcc",
        "application/json",
        object.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let line = r#"{"resultCode":"103119","desc":"appid不存在"}"#;
    assert_eq!(r.body, cli_normalize_line(line, &["--source", "cmcc"]));
    assert_eq!(r.json()["outcome"], "invalid_configuration");
    assert_eq!(r.json()["source"], "cmcc");

    // A phone number in the message is redacted, as on the command line.
    let phone = r#"{"code":"600011","msg":"手机号13812345678格式非法"}"#;
    let r = server.post("/v1/normalize", "application/json", phone.as_bytes());
    assert_eq!(r.body, cli_normalize_line(phone, &[]));
    assert_eq!(
        r.json()["raw_msg"],
        "手机号<redacted phone: 11 chars>格式非法"
    );

    let r = server.post(
        "/v1/normalize?lang=zh",
        "application/json",
        b"{\"code\":\"600011\"}",
    );
    assert!(r.json()["explain"]["title"].is_string(), "{}", r.text());

    server
        .post("/v1/normalize", "application/json", b"[1,2]")
        .assert_error(400, "bad_request");
    server
        .post("/v1/normalize", "application/json", b"{\"a\":")
        .assert_error(400, "bad_request");
    server
        .post("/v1/normalize", "text/plain", b"  \n")
        .assert_error(400, "bad_request");
    server
        .post("/v1/normalize", "text/plain", b"\xff\xfe")
        .assert_error(400, "bad_request");
    server
        .post("/v1/normalize?lang=fr", "text/plain", b"600011")
        .assert_error(400, "bad_request");
    let huge = vec![b'a'; 2 << 20];
    let e = server.post("/v1/normalize", "text/plain", &huge);
    e.assert_error(413, "payload_too_large");
    let e = server.post("/v1/normalize", "text/plain", b"not a callback at all");
    e.assert_error(400, "unusable_payload");
}

#[test]
fn nul_bodies_and_escaped_control_characters_get_their_own_400s() {
    let server = Server::start(&[]);
    // NUL bytes alone, after a byte order mark too: empty once they are dropped (a red-team
    // find: answered 200 with no body).
    for nuls in [&b"\0"[..], b"\0\0\0", b"\xef\xbb\xbf\0", b" \0 "] {
        let e = server.post("/v1/normalize", "text/plain", nuls);
        assert!(
            e.assert_error(400, "bad_request").contains("empty"),
            "{nuls:?}"
        );
    }
    // Several lines under the payload limit whose control characters, escaped into one JSON
    // string, pass the line limit: said so, not "line too long" (a red-team find).
    let mut ansi = b"code=600011 msg=failed\n".to_vec();
    ansi.extend(std::iter::repeat_n(0x1b, 22_000));
    let e = server.post("/v1/normalize", "text/plain", &ansi);
    let e = e.assert_error(400, "unusable_payload");
    assert!(
        e.contains("22000 control characters") && !e.contains("line too long"),
        "{e}"
    );
    ansi.truncate(20_000);
    let r = server.post("/v1/normalize", "text/plain", &ansi);
    assert_eq!((r.status, &r.json()["code"]), (200, &"600011".into()));
}

#[test]
fn wrong_content_types_get_415() {
    let server = Server::start(&[]);
    server
        .post("/v1/normalize", "image/png", b"x")
        .assert_error(415, "unsupported_media_type");
    server
        .send("POST", "/v1/normalize", &[], b"x")
        .assert_error(415, "unsupported_media_type");
    let e = server.post("/v1/report", "application/json", b"{}");
    let e = e.assert_error(415, "unsupported_media_type");
    assert!(e.contains("application/x-ndjson"), "{e}");
}

#[test]
fn the_report_is_report_json() {
    let server = Server::start(&[]);
    let log = std::fs::read(SAMPLE).unwrap();
    let r = server.post("/v1/report?top=5", "application/x-ndjson", &log);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        cli_json(&["report", "--json", "--top", "5", SAMPLE])
    );
    let zh = server.post("/v1/report?lang=zh", "text/plain", &log);
    let cli_zh = cli_json(&["report", "--json", "--lang", "zh", SAMPLE]);
    assert_eq!(zh.json(), cli_zh);
}

#[test]
fn bodies_over_the_limit_get_413_declared_or_not() {
    let server = Server::start(&["--max-body", "1K"]);
    let big = b"{\"code\":\"600011\"}\n".repeat(200);
    server
        .post("/v1/report", "application/x-ndjson", &big)
        .assert_error(413, "payload_too_large");
    server
        .post("/v1/normalize", "text/plain", &big)
        .assert_error(413, "payload_too_large");
    // Chunked, so no length is declared: cut while reading.
    let mut s = server.connect();
    s.write_all(&head(
        "POST",
        "/v1/report",
        &[("content-type", "application/x-ndjson")],
        None,
    ))
    .unwrap();
    for chunk in big.chunks(300) {
        let _ = s.write_all(format!("{:x}\r\n", chunk.len()).as_bytes());
        let _ = s.write_all(chunk);
        let _ = s.write_all(b"\r\n");
    }
    let _ = s.write_all(b"0\r\n\r\n");
    read_response(&mut s).assert_error(413, "payload_too_large");
    let small = server.post("/v1/report", "application/x-ndjson", &big[..900]);
    assert_eq!(small.status, 200);

    // A stream already answering cannot change its status: it ends with an error line.
    let mut s = server.connect();
    s.write_all(&head(
        "POST",
        "/v1/normalize",
        &[("content-type", "application/x-ndjson")],
        None,
    ))
    .unwrap();
    let mut reader = s.try_clone().unwrap();
    let writer = std::thread::spawn(move || {
        for chunk in big.chunks(300) {
            let _ = s.write_all(format!("{:x}\r\n", chunk.len()).as_bytes());
            let _ = s.write_all(chunk);
            let _ = s.write_all(b"\r\n");
        }
        let _ = s.write_all(b"0\r\n\r\n");
        s
    });
    let mut raw = Vec::new();
    let _ = reader.read_to_end(&mut raw);
    assert!(raw.starts_with(b"HTTP/1.1 200"));
    let text = String::from_utf8_lossy(&raw);
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with('{')).collect();
    let (last, results) = lines
        .split_last()
        .unwrap_or_else(|| panic!("no error line in {text:?}"));
    let last: Value = serde_json::from_str(last).unwrap();
    assert_eq!(last["code"], "payload_too_large", "{last}");
    assert!(last.get("line").is_none());
    assert!(
        results.len() <= 1024 / 18,
        "{} lines from 1 KiB",
        results.len()
    );
    assert!(results.iter().all(|l| l.starts_with("{\"source\"")));
    let _ = writer.join();
}

#[test]
fn a_stalled_body_gets_408() {
    let server = Server::start(&["--timeout", "1"]);
    let mut s = server.connect();
    let start = Instant::now();
    s.write_all(&head(
        "POST",
        "/v1/report",
        &[("content-type", "text/plain")],
        Some(100),
    ))
    .unwrap();
    s.write_all(b"{\"code\":").unwrap();
    let r = read_response(&mut s);
    r.assert_error(408, "timeout");
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(10),
        "{waited:?}"
    );
}

#[test]
fn health_metrics_and_cors() {
    let server = Server::start(&[]);
    let h = server.get("/healthz");
    assert_eq!(h.status, 200);
    assert_eq!(h.json()["status"], "ok");
    server.get("/v1/codes/pns/600011");
    server.get("/v1/explain/nope-nope");
    let log = std::fs::read(SAMPLE).unwrap();
    server.post("/v1/normalize", "application/x-ndjson", &log);
    let m = server.get("/metrics");
    assert!(m.header("content-type").unwrap().starts_with("text/plain"));
    let m = m.text();
    for want in [
        "numauth_http_requests_total{route=\"/v1/codes/{source}/{code}\",status=\"200\"} 1",
        "numauth_http_requests_total{route=\"/v1/explain/{code}\",status=\"404\"} 1",
        "numauth_http_request_duration_seconds_count{route=\"/v1/normalize\"} 1",
        "numauth_lines_normalized_total 32",
        "numauth_outcomes_total{outcome=\"mobile_data_disabled\"} 8",
    ] {
        assert!(m.contains(want), "{want} missing from\n{m}");
    }
    let o = [("origin", "https://ops.example.com")];
    let r = server.send("GET", "/v1/codes/pns/600011", &o, b"");
    assert_eq!(r.header("access-control-allow-origin"), None, "CORS is off");

    let server = Server::start(&["--cors-origin", "https://ops.example.com"]);
    let r = server.send("GET", "/v1/codes/pns/600011", &o, b"");
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://ops.example.com")
    );
    let other = [("origin", "https://evil.example")];
    let r = server.send("GET", "/v1/codes/pns/600011", &other, b"");
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[test]
fn the_page_and_its_files_come_from_the_binary_with_a_strict_policy() {
    let server = Server::start(&[]);
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"));
    assert!(page.text().contains("/app.js"));
    let script = server.get("/app.js");
    assert!(script
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    let code = script.text().replace("http://www.w3.org/2000/svg", "");
    assert!(
        !code.contains("innerHTML") && !code.contains("http"),
        "no HTML sinks, no CDN"
    );
    assert_eq!(server.get("/app.css").status, 200);
    let labels = server.get("/v1/labels").json();
    assert_eq!(labels["outcomes"]["timeout"]["category"], "failure");
    assert!(labels["categories"]["failure"]["zh"].is_string());
    // What to tell the user is `user_text` ("message" is only ever a code's catalog text), and
    // the page reads it under that name.
    let timeout = &labels["outcomes"]["timeout"];
    assert!(timeout["user_text"]["zh"].is_string() && timeout["user_text"]["en"].is_string());
    assert!(timeout.get("message").is_none(), "{timeout}");
    assert!(code.contains("'user_text'") && !code.contains("'message'"));
}

/// 100,000 lines: the sample over and over, with unusable lines among them.
fn big_log() -> Vec<u8> {
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let mut lines: Vec<&str> = sample.lines().collect();
    lines.extend([
        "",
        "not a callback",
        "\"{msg: <img src=x onerror=alert(1)>, code: 600011}\"",
    ]);
    let mut log = Vec::new();
    for i in 0..100_000 {
        log.extend_from_slice(lines[i % lines.len()].as_bytes());
        log.push(b'\n');
    }
    log
}

#[test]
fn a_100k_line_stream_is_normalized_in_order_exactly_as_the_cli_does_it() {
    let log = big_log();
    let path =
        std::env::temp_dir().join(format!("numauth-serve-big-{}.ndjson", std::process::id()));
    std::fs::write(&path, &log).unwrap();
    let cli = numauth(&["normalize", path.to_str().unwrap()]);
    assert!(cli.status.success());
    let _ = std::fs::remove_file(&path);

    let server = Server::start(&["--jobs", "2"]);
    let mut s = server.connect();
    s.write_all(&head(
        "POST",
        "/v1/normalize",
        &[("content-type", "application/x-ndjson")],
        Some(log.len()),
    ))
    .unwrap();
    // The first 300 KiB go in, then nothing until an answer line is out: the server answers
    // while the body is still coming, so it does not hold it whole.
    let split = log[..300 << 10].iter().rposition(|b| *b == b'\n').unwrap() + 1;
    s.write_all(&log[..split]).unwrap();
    let mut reader = BufReader::new(s.try_clone().unwrap());
    let mut all = Vec::new();
    loop {
        let before = all.len();
        assert!(
            reader.read_until(b'\n', &mut all).unwrap() > 0,
            "closed early"
        );
        if all[before..].starts_with(b"{\"source\"") {
            break;
        }
    }
    assert!(all.starts_with(b"HTTP/1.1 200"));
    let rest = log[split..].to_vec();
    let writer = std::thread::spawn(move || s.write_all(&rest));
    reader.read_to_end(&mut all).unwrap();
    writer.join().unwrap().unwrap();
    let body_start = all.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let body = dechunk(&all[body_start..]);
    assert_eq!(body.iter().filter(|b| **b == b'\n').count(), 100_000);
    assert!(
        body == cli.stdout,
        "the stream differs from `numauth normalize`"
    );
}

/// A busy address is named in the error (a red-team nit: only "Address already in use").
#[test]
fn a_busy_address_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let o = numauth(&["serve", "--listen", &addr]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{err}");
    assert!(err.contains(&format!("cannot listen on {addr}")), "{err}");
}
