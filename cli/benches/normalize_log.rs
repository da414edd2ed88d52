//! `numauth normalize` on a 100,000-line callback log, against a bare serde loop and `jq`,
//! measured in the same run on the same file.
//!
//! ```text
//! cargo bench -p numauth-cli --bench normalize_log
//! ```
//!
//! Read the figures as ratios between the cases (CLI with 1 job / bare loop, 2 jobs / 1 job,
//! CLI / jq), not as absolute speeds: those depend on the machine, and the CLI cases include
//! starting a process.
//!
//! The log is generated with a fixed seed (so every run reads the same bytes) into the target
//! directory: the callback shapes of the Android, iOS, fusion, IDaaS and carrier SDKs, raw text
//! as logged (iOS `NSDictionary` dumps, Flutter map prints, Java `toString`s, log lines) held in
//! JSON strings, with codes taken from the catalog and about one line in ten carrying a code the
//! catalog does not know.
//!
//! The cases:
//! - `cli_jobs1`, `cli_jobs2`, `cli_default`: `numauth normalize FILE [--jobs N]` as a child
//!   process, stdout to the null device. A file is read in batches of 64 KiB.
//! - `pipe_jobs1`, `pipe_default`: the same log written into the child's stdin through a pipe
//!   by this process, so `normalize` is in its live mode (a batch ends whenever the lines read
//!   are all the pipe holds, and the output is flushed after each batch).
//! - `before_jobs1`, `before_default`: only when `NUMAUTH_BEFORE` names another `numauth`
//!   binary (say, a build of the previous commit): that binary on the same file, for a
//!   before/after ratio measured in the same run.
//! - `bare_loop`: the least any tool must do: read each line, deserialise the callback fields
//!   into a borrowed struct with serde_json, write them back as one JSON line. It runs in this
//!   process (no process start, which slightly favours it) and writes to `io::sink()`.
//! - `jq`: `jq -c` extracting the same fields, as a child process; skipped with a note when `jq`
//!   is not installed.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::fs::File;
use std::hint::black_box;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

// In a subdirectory, so that cargo does not take it for a bench target of its own.
#[path = "normalize_log/bare.rs"]
mod bare;

use bare::bare_loop;
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode, Throughput,
};
use numauth::{entries, Entry, Lang, Source};

/// Lines in the generated log.
const LINES: usize = 100_000;

/// The `jq` program of the `jq` case: the fields the bare loop extracts.
const JQ_PROGRAM: &str = "if type == \"object\" then {code: (.code // .resultCode // .result), \
    msg: (.msg // .resultMsg // .message // .desc), innerCode, innerMsg, \
    requestId: (.requestId // .seq // .reqId), vendorName, carrierFailedResultData} \
    else {text: .} end";

/// xorshift64: a fixed, dependency-free pseudo-random stream.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant for picking test data.
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from(b"0123456789abcdef"[self.below(16)]))
            .collect()
    }

    fn token(&mut self) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let len = 64 + self.below(128);
        let body: String = (0..len)
            .map(|_| char::from(ALPHABET[self.below(ALPHABET.len())]))
            .collect();
        format!("STsid0000001{body}")
    }
}

/// One source's catalog rows, as (code, message) pairs to put in callbacks.
struct Codes(Vec<(&'static str, &'static str)>);

impl Codes {
    fn of(source: Source, keep: impl Fn(&Entry) -> bool) -> Self {
        let codes: Vec<_> = entries()
            .filter(|e| e.source() == source && keep(e))
            // China Unicom's `1` + message rows: the message is what selects the row.
            .map(|e| {
                (
                    e.code(),
                    e.match_text(Lang::Zh).unwrap_or(e.message(Lang::Zh)),
                )
            })
            .collect();
        assert!(!codes.is_empty(), "no {source} codes in the catalog");
        Self(codes)
    }

    /// A (code, message) from the catalog; about one in ten gets a digit appended, which makes
    /// a code the catalog does not know.
    fn pick(&self, rng: &mut Rng) -> (Cow<'static, str>, &'static str) {
        let (code, msg) = *rng.pick(&self.0);
        if rng.chance(10) {
            (Cow::Owned(format!("{code}{}", rng.below(10))), msg)
        } else {
            (Cow::Borrowed(code), msg)
        }
    }
}

/// A JSON string literal.
fn js(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// A code as the carrier SDKs send it: a JSON number when it is one, else a string.
fn code_value(code: &str) -> String {
    match code.parse::<i64>() {
        Ok(n) => n.to_string(),
        Err(_) => js(code),
    }
}

/// An iOS `NSDictionary` description escapes non-ASCII text as `\Uxxxx`.
fn ns_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match u16::try_from(u32::from(c)) {
            Ok(u) if !c.is_ascii() => {
                let _ = write!(out, "\\U{u:04x}");
            }
            _ => out.push(c),
        }
    }
    out
}

struct Catalog {
    pns: Codes,
    cmcc: Codes,
    cucc: Codes,
    ctcc: Codes,
    fusion: Codes,
    idaas: Codes,
}

impl Catalog {
    fn new() -> Self {
        Self {
            pns: Codes::of(Source::Pns, |e| e.code() != "600000"),
            cmcc: Codes::of(Source::Cmcc, |_| true),
            cucc: Codes::of(Source::Cucc, |_| true),
            ctcc: Codes::of(Source::Ctcc, |_| true),
            fusion: Codes::of(Source::Fusion, |_| true),
            idaas: Codes::of(Source::Idaas, |_| true),
        }
    }

    /// A carrier's failure as carried in `carrierFailedResultData`, with the vendor name.
    fn carrier_data(&self, rng: &mut Rng) -> (&'static str, String) {
        match rng.below(3) {
            0 => {
                let (code, msg) = self.cmcc.pick(rng);
                let data = format!("{{\"resultCode\":{},\"desc\":{}}}", js(&code), js(msg));
                ("cm_zyhl", data)
            }
            1 => {
                let (code, msg) = self.cucc.pick(rng);
                let data = format!(
                    "{{\"resultCode\":{},\"resultMsg\":{},\"seq\":\"{}\"}}",
                    code_value(&code),
                    js(msg),
                    rng.hex(6)
                );
                ("cu_xw", data)
            }
            _ => {
                let (code, msg) = self.ctcc.pick(rng);
                let data = format!(
                    "{{\"result\":{},\"msg\":{},\"reqId\":\"{}\"}}",
                    code_value(&code),
                    js(msg),
                    rng.hex(6)
                );
                ("ct_sjl", data)
            }
        }
    }

    /// One log line (without its line break).
    fn line(&self, rng: &mut Rng) -> String {
        let request_id = rng.hex(8);
        let pick = rng.below(100);
        match pick {
            // Android TokenRet: a PNS failure with the carrier's cause nested as a JSON string.
            0..=19 => {
                let (vendor, data) = self.carrier_data(rng);
                format!(
                    "{{\"code\":\"600011\",\"msg\":\"获取token失败\",\"requestCode\":0,\"requestId\":\"{request_id}\",\"vendorName\":\"{vendor}\",\"carrierFailedResultData\":{}}}",
                    js(&data)
                )
            }
            // Android TokenRet: any other PNS code.
            20..=31 => {
                let (code, msg) = self.pns.pick(rng);
                format!(
                    "{{\"code\":{},\"msg\":{},\"requestCode\":0,\"requestId\":\"{request_id}\"}}",
                    js(&code),
                    js(msg)
                )
            }
            // Success with a token (a credential the normaliser must redact).
            32..=43 => format!(
                "{{\"code\":\"600000\",\"msg\":\"获取token成功\",\"requestCode\":0,\"requestId\":\"{request_id}\",\"vendorName\":\"{}\",\"token\":\"{}\"}}",
                rng.pick(&["cm_zyhl", "cu_xw", "ct_sjl"]),
                rng.token()
            ),
            // iOS: resultCode, with the carrier's code as innerCode.
            44..=55 => {
                let (code, msg) = self.pns.pick(rng);
                let (inner, inner_msg) = self.cmcc.pick(rng);
                format!(
                    "{{\"resultCode\":{},\"msg\":{},\"requestId\":\"{request_id}\",\"innerCode\":{},\"innerMsg\":{}}}",
                    js(&code),
                    js(msg),
                    js(&inner),
                    js(inner_msg)
                )
            }
            56..=86 => self.other_source(rng, pick, &request_id),
            // Raw text as logged, held in a JSON string.
            _ => js(&self.raw_text(rng, &request_id)),
        }
    }

    /// Fusion, IDaaS and the carriers' own results (`pick` 56 to 86 of each hundred).
    fn other_source(&self, rng: &mut Rng, pick: usize, request_id: &str) -> String {
        match pick {
            // Fusion auth: a scene result with the one-tap code inside.
            56..=65 => {
                let (code, msg) = self.fusion.pick(rng);
                let inner = rng.pick(&["1600011", "1600008", "1600015", "1600012"]);
                format!(
                    "{{\"resultCode\":{},\"resultMsg\":{},\"innerCode\":\"{inner}\",\"innerMsg\":\"获取Token失败\",\"templateId\":\"100001\",\"nodeId\":\"node_{}\"}}",
                    js(&code),
                    js(msg),
                    rng.below(9)
                )
            }
            // IDaaS error body.
            66..=71 => {
                let (code, msg) = self.idaas.pick(rng);
                format!(
                    "{{\"code\":{},\"message\":{},\"requestId\":\"{request_id}\"}}",
                    js(&code),
                    js(msg)
                )
            }
            // China Unicom, direct.
            72..=77 => {
                let (code, msg) = self.cucc.pick(rng);
                format!(
                    "{{\"resultCode\":{},\"resultMsg\":{},\"seq\":\"{}\"}}",
                    code_value(&code),
                    js(msg),
                    rng.hex(4)
                )
            }
            // China Telecom, direct.
            78..=83 => {
                let (code, msg) = self.ctcc.pick(rng);
                format!(
                    "{{\"result\":{},\"msg\":{},\"reqId\":\"{}\"}}",
                    code_value(&code),
                    js(msg),
                    rng.hex(4)
                )
            }
            // China Mobile, direct (84 to 86).
            _ => {
                let (code, msg) = self.cmcc.pick(rng);
                format!(
                    "{{\"resultCode\":{},\"desc\":{},\"authType\":\"4\"}}",
                    js(&code),
                    js(msg)
                )
            }
        }
    }

    fn raw_text(&self, rng: &mut Rng, request_id: &str) -> String {
        let (code, msg) = self.pns.pick(rng);
        match rng.below(4) {
            0 => format!(
                "resultDic = {{\n    msg = \"{}\";\n    requestId = {request_id};\n    resultCode = {code};\n}}",
                ns_escape(msg)
            ),
            1 => format!("{{msg: {msg}, code: {code}, data: null}}"),
            2 => {
                let (vendor, data) = self.carrier_data(rng);
                format!(
                    "TokenRet{{vendorName='{vendor}', code='600011', msg='获取token失败', carrierFailedResultData='{data}', requestId={request_id}, requestCode=0, token='null'}}"
                )
            }
            _ => format!(
                "2026-11-20 10:{:02}:{:02}.{:03} E/AuthSDK: onTokenFailed: {{\"code\":{},\"msg\":{},\"requestId\":\"{request_id}\"}}",
                rng.below(60),
                rng.below(60),
                rng.below(1000),
                js(&code),
                js(msg)
            ),
        }
    }
}

/// Writes the log (the same bytes on every run); returns its path, size and line count.
fn generate() -> io::Result<(PathBuf, u64, u64)> {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("normalize_log.ndjson");
    let catalog = Catalog::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = BufWriter::new(File::create(&path)?);
    for _ in 0..LINES {
        out.write_all(catalog.line(&mut rng).as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.into_inner().map_err(io::IntoInnerError::into_error)?;
    let size = std::fs::metadata(&path)?.len();
    Ok((path, size, LINES as u64))
}

/// Runs a command with the log written into its stdin through a pipe, stdout to the null
/// device; panics unless it succeeds.
fn run_piped(command: &mut Command, log: &Path) {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("the command starts");
    let mut stdin = child.stdin.take().expect("a piped stdin");
    let mut file = File::open(log).expect("the log opens");
    io::copy(&mut file, &mut stdin).expect("the log is written to the pipe");
    drop(stdin);
    let status = child.wait().expect("the command runs");
    assert!(status.success(), "{command:?}: {status}");
}

/// Runs a command with stdout to the null device; panics unless it succeeds (a benchmark of a
/// failing command would measure nothing).
fn run(command: &mut Command) {
    let status = command
        .stdout(Stdio::null())
        .status()
        .expect("the command starts");
    assert!(status.success(), "{command:?}: {status}");
}

fn line_count(text: &[u8]) -> usize {
    text.iter().filter(|b| **b == b'\n').count()
}

fn jq_installed() -> bool {
    Command::new("jq")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `numauth normalize`'s output with the log written into its stdin through a pipe.
fn piped_output(numauth: &str, path: &Path) -> Vec<u8> {
    let mut piped = Command::new(numauth)
        .arg("normalize")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("numauth runs");
    let mut stdin = piped.stdin.take().expect("a piped stdin");
    let log = path.to_owned();
    let writer = std::thread::spawn(move || io::copy(&mut File::open(log)?, &mut stdin));
    let piped = piped.wait_with_output().expect("numauth runs");
    writer
        .join()
        .expect("the writer ends")
        .expect("the log is piped");
    piped.stdout
}

/// The `pipe_*` cases and, when `NUMAUTH_BEFORE` is set, the `before_*` ones.
fn bench_pipe_and_before(group: &mut BenchmarkGroup<'_, WallTime>, numauth: &str, path: &Path) {
    for (id, jobs) in [("pipe_jobs1", Some("1")), ("pipe_default", None)] {
        group.bench_function(id, |b| {
            b.iter(|| {
                let mut cmd = Command::new(numauth);
                cmd.arg("normalize");
                if let Some(jobs) = jobs {
                    cmd.args(["--jobs", jobs]);
                }
                run_piped(&mut cmd, path);
            });
        });
    }
    if let Some(before) = std::env::var_os("NUMAUTH_BEFORE") {
        for (id, jobs) in [("before_jobs1", Some("1")), ("before_default", None)] {
            group.bench_function(id, |b| {
                b.iter(|| {
                    let mut cmd = Command::new(&before);
                    cmd.arg("normalize").arg(path);
                    if let Some(jobs) = jobs {
                        cmd.args(["--jobs", jobs]);
                    }
                    run(&mut cmd);
                });
            });
        }
    }
}

fn bench(c: &mut Criterion) {
    let (path, bytes, lines) = generate().expect("the log is written");
    let numauth = env!("CARGO_BIN_EXE_numauth");
    // Baseline checks (also under `--test`): every case reads the whole log, and the CLI's
    // output is one line per input line whatever the number of jobs.
    assert_eq!(
        bare_loop(&path).expect("the bare loop reads the log"),
        LINES
    );
    let outputs: Vec<Vec<u8>> = ["1", "2"]
        .iter()
        .map(|jobs| {
            let o = Command::new(numauth)
                .arg("normalize")
                .arg(&path)
                .args(["--jobs", jobs])
                .output()
                .expect("numauth runs");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            o.stdout
        })
        .collect();
    assert_eq!(line_count(&outputs[0]), LINES);
    assert!(
        outputs[0] == outputs[1],
        "--jobs 2 output differs from --jobs 1"
    );
    assert!(
        piped_output(numauth, &path) == outputs[0],
        "the output read from a pipe differs from the file's"
    );

    let mut group = c.benchmark_group("normalize_log");
    group
        .throughput(Throughput::ElementsAndBytes {
            elements: lines,
            bytes,
        })
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));

    for (id, jobs) in [
        ("cli_jobs1", Some("1")),
        ("cli_jobs2", Some("2")),
        ("cli_default", None),
    ] {
        group.bench_function(id, |b| {
            b.iter(|| {
                let mut cmd = Command::new(numauth);
                cmd.arg("normalize").arg(&path);
                if let Some(jobs) = jobs {
                    cmd.args(["--jobs", jobs]);
                }
                run(&mut cmd);
            });
        });
    }
    bench_pipe_and_before(&mut group, numauth, &path);
    group.bench_function("bare_loop", |b| {
        b.iter(|| black_box(bare_loop(black_box(&path)).expect("the bare loop reads the log")));
    });
    if jq_installed() {
        // About a second a run: ten runs need more than the other cases' five seconds.
        group.measurement_time(Duration::from_secs(15));
        group.bench_function("jq", |b| {
            b.iter(|| run(Command::new("jq").args(["-c", JQ_PROGRAM]).arg(&path)));
        });
    } else {
        eprintln!("normalize_log/jq: skipped, `jq` is not on PATH (apt-get install jq)");
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
