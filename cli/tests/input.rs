//! The input a support engineer really has: stdin as `-`, paths that cannot be read, UTF-16 and
//! gzip files, invalid UTF-8, NUL bytes, CR-only line ends, hostile line lengths; and output
//! to a live reader, a closed pipe, a full disk.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_numauth"));
    cmd.args(args).env_remove("LC_ALL").env("LANG", "C");
    cmd
}

/// Runs `numauth args` with `stdin` as its standard input (a pipe).
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the numauth binary runs");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // Written from a thread so that a large input cannot dead-lock against the output.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    assert!(o.status.success(), "{}", stderr(o));
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect(l))
        .collect()
}

fn report(args: &[&str], stdin: &[u8]) -> serde_json::Value {
    let mut all = vec!["report", "--json"];
    all.extend_from_slice(args);
    let o = run(&all, stdin);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn temp(name: &str, bytes: &[u8]) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

const TWO: &str = "{\"code\":\"600011\",\"msg\":\"获取token失败\"}\r\n{\"resultCode\":\"-8004\",\"resultMsg\":\"x\"}\n";

#[test]
fn a_dash_is_standard_input() {
    let out = json_lines(&run(&["normalize", "-"], TWO.as_bytes()));
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["code"], "600011");
    assert_eq!(out[1]["code"], "-8004");
    let r = report(&["-"], TWO.as_bytes());
    assert_eq!(r["callbacks"], 2);
}

/// A line pasted from Xcode's console as it is, not as a JSON string: a Swift print of the
/// SDK's `resultDic`.
#[test]
fn a_swift_print_pasted_into_standard_input_is_read() {
    let pasted = "[AnyHashable(\"resultCode\"): 600011, AnyHashable(\"msg\"): 获取token失败, \
                  AnyHashable(\"carrierFailedResultData\"): [AnyHashable(\"resultCode\"): 103119, \
                  AnyHashable(\"desc\"): appid不存在]]\n";
    let out = json_lines(&run(&["normalize", "-"], pasted.as_bytes()));
    assert_eq!(out.len(), 1);
    let (top, cause) = (&out[0], &out[0]["root_cause"]);
    assert_eq!(
        (top["source"].as_str(), top["code"].as_str()),
        (Some("pns"), Some("600011"))
    );
    assert_eq!(
        (cause["source"].as_str(), cause["code"].as_str()),
        (Some("cmcc"), Some("103119"))
    );
    assert_eq!(top["outcome"], "invalid_configuration");
    assert_eq!(top["carrier"], "cmcc");
}

#[test]
fn a_path_that_cannot_be_read_is_named_and_exits_2() {
    let dir = env!("CARGO_TARGET_TMPDIR");
    let file = temp("plain.ndjson", TWO.as_bytes());
    let through_a_file = format!("{file}/x.ndjson");
    for cmd in ["normalize", "report"] {
        for path in [dir, "/nonexistent/callbacks.ndjson", &through_a_file] {
            let o = run(&[cmd, path], b"");
            assert_eq!(o.status.code(), Some(2), "{cmd} {path}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(err.starts_with("numauth: ") && err.contains(path), "{err}");
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(o.stdout.is_empty());
        }
        assert!(stderr(&run(&[cmd, dir], b"")).contains("is a directory"));
    }
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_named_and_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let path = temp("no_permission.ndjson", TWO.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        // Running as root, which reads anything: there is no unreadable file to try.
        eprintln!("skipped: this user can read a file with mode 000 (root)");
        return;
    }
    let o = run(&["normalize", &path], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(&path) && stderr(&o).contains("ermission"));
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[test]
fn utf16_with_a_byte_order_mark_and_utf8_with_one_are_decoded() {
    let plain = json_lines(&run(&["normalize"], TWO.as_bytes()));
    assert_eq!(plain[0]["raw_msg"], "获取token失败");
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend_from_slice(TWO.as_bytes());
    for (name, bytes) in [
        ("utf-16le", utf16(TWO, false)),
        ("utf-16be", utf16(TWO, true)),
        ("utf-8 bom", bom),
    ] {
        assert_eq!(json_lines(&run(&["normalize"], &bytes)), plain, "{name}");
        let path = temp("utf16.ndjson", &bytes);
        assert_eq!(
            json_lines(&run(&["normalize", &path], b"")),
            plain,
            "{name}"
        );
    }
}

#[test]
fn gzip_input_is_read_whatever_its_name() {
    let plain = json_lines(&run(&["normalize"], TWO.as_bytes()));
    // Two members, as `cat a.gz b.gz` makes; the second in UTF-16.
    let mut two_members = gzip(TWO.as_bytes());
    two_members.extend(gzip(TWO.as_bytes()));
    let doubled: Vec<_> = plain.iter().chain(&plain).cloned().collect();
    assert_eq!(json_lines(&run(&["normalize"], &two_members)), doubled);
    let path = temp("log.txt", &gzip(&utf16(TWO, false)));
    assert_eq!(json_lines(&run(&["normalize", &path], b"")), plain);
    assert_eq!(report(&[&path], b"")["callbacks"], 2);
    // A truncated file is a read error naming the input, after the lines read before it.
    let whole = gzip(TWO.repeat(2000).as_bytes());
    let truncated = temp("truncated.gz", &whole[..whole.len() / 2]);
    let o = run(&["normalize", "--jobs", "1", &truncated], b"");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("numauth: cannot read {truncated}: ")),
        "{err}"
    );
    assert!(!o.stdout.is_empty());
}

#[test]
fn invalid_utf8_in_one_field_keeps_the_callback_and_is_a_report_warning() {
    let log = b"{\"code\":\"600011\",\"msg\":\"\xe8\xaf bad \xff\",\"requestId\":\"r-1\"}\n{\"code\":\"600008\"}\n";
    let out = json_lines(&run(&["normalize"], log));
    assert_eq!(out[0]["code"], "600011");
    assert_eq!(out[0]["request_id"], "r-1");
    assert_eq!(out[0]["raw_msg"], "\u{FFFD} bad \u{FFFD}");
    let r = report(&[], log);
    assert_eq!(
        (r["callbacks"].as_u64(), r["unusable"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(r["warnings"]["invalid_utf8"], 1);
    let text = run(&["report"], log);
    assert!(String::from_utf8(text.stdout)
        .unwrap()
        .contains("Warnings\n  1 lines had bytes that are not UTF-8"),);
}

#[test]
fn a_nul_byte_does_not_cut_a_code() {
    let log = b"{\"code\":\"600\x00011\",\"msg\":\"x\"}\n\"{msg: m, code: 6000\\u000008}\"\n{\"code\":\"600011\"}\x00\x00\n";
    let out = json_lines(&run(&["normalize"], log));
    assert_eq!(out.len(), 3);
    assert_eq!(out[0]["code"], "600011");
    assert_eq!(out[0]["known"], true);
    assert_eq!(out[1]["code"], "600008");
    assert_eq!(out[2]["code"], "600011");
    // Counted as read: the escaped NUL of line 2 is not a byte of the line.
    assert_eq!(report(&[], log)["warnings"]["nul_bytes"], 2);
}

/// Found by a red-team run: the CLI decoded a line starting with a quote itself, strictly, and
/// read such lines otherwise than the Python batch, which hands the line to the normaliser.
/// Now the normaliser alone reads them: a broken string is read as text, and a raw NUL inside
/// a quoted line is dropped, not a reason to refuse the line.
#[test]
fn a_line_starting_with_a_quote_is_read_as_the_bindings_read_it() {
    let log = b"\"code\":600008\n\"600\x00011\"\n\"{\\\"code\\\":\\\"6\\u000000012\\\"}\"\n";
    let out = json_lines(&run(&["normalize"], log));
    let codes: Vec<_> = out.iter().map(|o| o["code"].as_str()).collect();
    assert_eq!(
        codes,
        [Some("600008"), Some("600011"), Some("600012")],
        "{out:?}"
    );
    // A quoted line longer than the normaliser's limit, holding a callback within it.
    let held = format!(r#"{{"code":"600008","msg":"{}"}}"#, "\\\"".repeat(20_000));
    let line = serde_json::to_string(&held).unwrap();
    assert!(line.len() > numauth::MAX_INPUT_BYTES);
    let out = json_lines(&run(&["normalize"], format!("{line}\n").as_bytes()));
    assert_eq!(out[0]["code"], "600008", "{:?}", out[0].get("error"));
}

#[test]
fn cr_crlf_and_lf_all_end_lines() {
    let log = b"{\"code\":\"600011\"}\r{\"code\":\"600008\"}\r\n{\"code\":\"600007\"}\n\r{\"code\":\"600001\"}\r";
    let codes = |o: &Output| -> Vec<serde_json::Value> {
        json_lines(o)
            .iter()
            .map(|l| l.get("code").or(l.get("line")).cloned().unwrap())
            .collect()
    };
    let expected = ["600011", "600008", "600007"].map(serde_json::Value::from);
    for jobs in ["1", "2"] {
        let got = codes(&run(&["normalize", "-j", jobs], log));
        // The lone `\r` after line 3's `\n` ends an empty line 4.
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(got[..3], expected);
        assert_eq!(got[3], 4);
        assert_eq!(got[4], "600001");
        let path = temp("cr.ndjson", log);
        assert_eq!(codes(&run(&["normalize", "-j", jobs, &path], b"")), got);
    }
    assert_eq!(report(&[], log)["lines"], 5);
}

/// The peak resident memory (`VmHWM`) of a running process, in KiB (Linux's `/proc`).
#[cfg(target_os = "linux")]
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Reads output lines of a live child on a thread, so a test can wait for one with a timeout.
fn line_reader(stdout: ChildStdout) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    rx
}

fn live(args: &[&str]) -> (Child, mpsc::Receiver<String>) {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = line_reader(child.stdout.take().unwrap());
    (child, lines)
}

#[test]
fn normalize_answers_each_line_of_a_pipe_as_it_arrives() {
    for jobs in ["1", "2"] {
        let (mut child, lines) = live(&["normalize", "--jobs", jobs]);
        let mut stdin = child.stdin.take().unwrap();
        for code in ["600011", "600008", "600007"] {
            writeln!(stdin, "{{\"code\":\"{code}\"}}").unwrap();
            stdin.flush().unwrap();
            // The input stays open: the result must come without more input or an end.
            let line = lines
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("--jobs {jobs}: no result for {code} yet"));
            assert!(line.contains(&format!("\"code\":\"{code}\"")), "{line}");
        }
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_huge_line_is_skipped_without_being_held() {
    // 64 MiB without a line break, then a callback: the old reader held the line whole.
    const LONG: usize = 64 << 20;
    let (mut child, lines) = live(&["normalize", "--jobs", "1"]);
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"{\"code\":\"600011\",\"pad\":\"").unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..LONG / chunk.len() {
        stdin.write_all(&chunk).unwrap();
    }
    stdin.write_all(b"\"}\n{\"code\":\"600008\"}\n").unwrap();
    stdin.flush().unwrap();
    let timeout = Duration::from_secs(120);
    let first = lines.recv_timeout(timeout).expect("the long line's result");
    let next = lines.recv_timeout(timeout).expect("the next line's result");
    // Both answered and the input still open: the peak covers the whole long line.
    let peak = peak_rss_kib(child.id()).expect("/proc/<pid>/status has VmHWM");
    drop(stdin);
    assert!(child.wait().unwrap().success());
    let error: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(error["line"], 1);
    let message = error["error"].as_str().unwrap();
    assert!(
        message.starts_with("line too long: 671088") && message.contains("skipped"),
        "{message}"
    );
    assert!(next.contains("\"600008\""), "{next}");
    assert!(peak < 16 << 10, "peak RSS {peak} KiB for a 64 MiB line");
}

#[cfg(target_os = "linux")]
#[test]
fn report_memory_stays_bounded_over_many_distinct_root_causes() {
    // 12,000 distinct unknown inner codes of 64 bytes (the longest the normaliser takes as a
    // code): the first 10,000 are counted one by one, the rest as other.
    let mut log = String::new();
    for i in 0..12_000 {
        log.push_str(&format!(
            "{{\"code\":\"600011\",\"innerCode\":\"u{i:063}\"}}\n"
        ));
    }
    let mut child = command(&["report", "--json", "--top", "3"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let pid = child.id();
    let writer = std::thread::spawn(move || stdin.write_all(log.as_bytes()));
    // The peak is polled while the report runs (it only grows), and read once more at the end.
    let mut peak = 0;
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    while !reader.is_finished() {
        peak = peak.max(peak_rss_kib(pid).unwrap_or(0));
        std::thread::sleep(Duration::from_millis(20));
    }
    writer.join().unwrap().unwrap();
    let out = reader.join().unwrap().unwrap();
    assert!(child.wait().unwrap().success());
    let r: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(r["callbacks"], 12_000);
    assert_eq!(r["other_root_causes"], 2_000);
    assert_eq!(r["top_root_causes"].as_array().unwrap().len(), 3);
    assert!(peak > 0 && peak < 64 << 10, "peak RSS {peak} KiB");
}
