//! What a support engineer reads: who must act in `report`, the same `--lang` everywhere, the
//! valid values in `--help`, pasted codes with spaces; and no panic when the output cannot be
//! written (`>/dev/full`, `2>/dev/full`, `| head -1`).

use std::fs::File;
use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

use numauth::{AuthOutcome, Lang, Source};
use strum::IntoEnumIterator;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../data/samples/callbacks.ndjson"
);

fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_numauth"));
    cmd.args(args)
        .env_remove("LC_ALL")
        .env("LANG", "C")
        .stdin(Stdio::null());
    cmd
}

fn numauth(args: &[&str]) -> Output {
    command(args).output().expect("the numauth binary runs")
}

#[cfg(target_os = "linux")]
fn full() -> File {
    File::options()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// `/dev/full` is Linux's.
#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_or_stderr_exits_1_without_a_panic() {
    // Output to a full disk: the error is said on stderr, once.
    for args in [
        &["explain", "600011"][..],
        &["export"],
        &["--help"],
        &["report", SAMPLE],
        &["normalize", SAMPLE],
    ] {
        let o = command(args).stdout(full()).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", text(&o.stderr));
        let err = text(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if args[0] != "--help" {
            assert!(err.contains("No space left on device"), "{args:?}: {err}");
        }
        // And nowhere to say it either: quiet, still 1.
        let o = command(args)
            .stdout(full())
            .stderr(full())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
    }
    // Only stderr full: an unknown code still exits 1, a usage error 2, success 0.
    let quiet = |args: &[&str]| command(args).stderr(full()).output().unwrap();
    assert_eq!(quiet(&["explain", "999999999"]).status.code(), Some(1));
    assert_eq!(
        quiet(&["explain", "600011", "--source", "x"]).status.code(),
        Some(2)
    );
    assert_eq!(quiet(&["normalize", "/nonexistent"]).status.code(), Some(2));
    let ok = quiet(&["explain", "600011"]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(!ok.stdout.is_empty());
}

#[test]
fn a_closed_pipe_ends_quietly_with_0_as_head_wants() {
    // Far more output than a pipe buffers, so the writer does meet the closed pipe.
    let big = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("closed_pipe.ndjson");
    std::fs::write(&big, std::fs::read(SAMPLE).unwrap().repeat(100)).unwrap();
    let big = big.to_str().unwrap();
    for args in [
        &["export", "--format", "ndjson"][..],
        &["normalize", big, "--jobs", "1"],
        &["normalize", big, "--jobs", "2"],
        &["normalize", "-", "--jobs", "2"],
        &["list"],
    ] {
        let mut child = command(args)
            .stdin(File::open(big).unwrap())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // `| head -c 1`: read one byte, then close the pipe.
        let mut stdout = child.stdout.take().unwrap();
        let mut byte = [0];
        stdout.read_exact(&mut byte).unwrap();
        drop(stdout);
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn explain_trims_a_pasted_code_and_message() {
    let exact = numauth(&["explain", "600011", "--json"]);
    assert!(exact.status.success());
    for pasted in [" 600011", "600011 ", "\t600011\n", "\u{3000}600011"] {
        let o = numauth(&["explain", pasted, "--json"]);
        assert!(o.status.success(), "{pasted:?}: {}", text(&o.stderr));
        assert_eq!(o.stdout, exact.stdout, "{pasted:?}");
    }
    let exact = numauth(&["explain", "1", "-s", "cucc", "请求超时", "--json"]);
    let pasted = numauth(&["explain", " 1 ", "-s", "cucc", " 请求超时\n", "--json"]);
    assert!(pasted.status.success());
    assert_eq!(pasted.stdout, exact.stdout);
}

#[test]
fn help_lists_every_valid_source_outcome_and_language() {
    // Clap wraps long lists: compare without the wrapping.
    let flat = |args: &[&str]| {
        text(&numauth(args).stdout)
            .split_whitespace()
            .collect::<String>()
    };
    for cmd in ["explain", "list", "normalize", "report"] {
        let help = flat(&[cmd, "--help"]);
        let sources: Vec<&str> = Source::iter().map(Source::as_str).collect();
        assert!(help.contains(&sources.join(",")), "{cmd}: {help}");
        let langs: Vec<&str> = Lang::ALL.iter().map(|l| l.as_str()).collect();
        assert!(help.contains(&langs.join(",")), "{cmd}: {help}");
        assert!(help.contains("sameoneverysubcommand"), "{cmd}: {help}");
    }
    let outcomes: Vec<&str> = AuthOutcome::iter().map(AuthOutcome::as_str).collect();
    assert!(flat(&["list", "--help"]).contains(&outcomes.join(",")));
}

#[test]
fn normalize_has_one_shape_whatever_the_language() {
    let keys = |o: &Output| -> Vec<Vec<String>> {
        assert!(o.status.success());
        text(&o.stdout)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
                if let Some(e) = v.get("explain") {
                    keys.extend(
                        e.as_object()
                            .unwrap()
                            .keys()
                            .map(|k| format!("explain.{k}")),
                    );
                }
                keys
            })
            .collect()
    };
    let default = numauth(&["normalize", SAMPLE]);
    let zh = numauth(&["normalize", SAMPLE, "--lang", "zh"]);
    let en = numauth(&["normalize", SAMPLE, "--lang", "en"]);
    assert_eq!(keys(&default), keys(&zh));
    assert_eq!(keys(&default), keys(&en));
    assert!(keys(&default)[0].contains(&"explain.title".to_owned()));
    // LANG=C is English; --lang en says the same.
    assert_eq!(default.stdout, en.stdout);
    assert_ne!(zh.stdout, en.stdout);
    // LANG decides when --lang is absent, as for every other subcommand.
    let env_zh = command(&["normalize", SAMPLE])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(env_zh.stdout, zh.stdout);
}

#[test]
fn report_says_who_acts_per_outcome_and_root_cause() {
    let o = numauth(&["report", SAMPLE, "--json", "--top", "50"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let actor = |rows: &str, field: &str, value: &str| {
        r[rows]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row[field] == value && (field != "code" || row["source"] != "pns"))
            .unwrap_or_else(|| panic!("no {rows} row {value}"))["actor"]
            .clone()
    };
    // Mobile data off: the user turns it on. An appid that does not exist: the developer.
    assert_eq!(
        actor("top_outcomes", "outcome", "mobile_data_disabled"),
        "user"
    );
    assert_eq!(actor("top_outcomes", "outcome", "success"), "none");
    assert_eq!(
        actor("top_outcomes", "outcome", "invalid_configuration"),
        "developer"
    );
    assert_eq!(actor("top_root_causes", "code", "103119"), "developer");
    for rows in ["top_outcomes", "top_root_causes"] {
        for row in r[rows].as_array().unwrap() {
            let id = row["actor"].as_str().expect("every row has an actor");
            assert!(id.parse::<numauth::Actor>().is_ok(), "{id}");
        }
    }
    let en = text(&numauth(&["report", SAMPLE, "--lang", "en"]).stdout);
    assert!(en.contains("who acts: developer (Developer)"), "{en}");
    let zh = text(&numauth(&["report", SAMPLE, "--lang", "zh"]).stdout);
    assert!(zh.contains("处理方: user"), "{zh}");
}

#[test]
fn report_counts_an_absent_other_bucket_as_zero_and_warnings_as_zero() {
    let mut child = command(&["report", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(std::fs::read(SAMPLE).unwrap().as_slice())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["other_root_causes"], 0);
    assert_eq!(r["warnings"]["invalid_utf8"], 0);
    assert_eq!(r["warnings"]["nul_bytes"], 0);
}

/// A red-team find: the text report wrote a log's control characters as they were, so a
/// message could set the terminal's title, clear the screen or overwrite a line. They are
/// written as escapes (`\u{1b}`), as `explain` writes them; the JSON report keeps them.
#[test]
fn the_text_report_writes_no_control_character_from_the_log() {
    let log = std::env::temp_dir().join(format!("numauth-ctl-{}.ndjson", std::process::id()));
    let evil = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\r\u{202e}x";
    let lines = [
        serde_json::json!({"code": "987654", "msg": evil}),
        serde_json::json!({"code": "600011", "carrierFailedResultData": {"resultCode": format!("7{evil}")}}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&log, body).unwrap();
    let o = numauth(&["report", log.to_str().unwrap()]);
    let out = text(&o.stdout);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let bad = |c: char| (c.is_control() && c != '\n') || c == '\u{202e}';
    assert!(!out.chars().any(bad), "{out:?}");
    assert!(out.contains("\\u{1b}]0;PWNED\\u{7}"), "{out}");
    let o = numauth(&["report", "--json", log.to_str().unwrap()]);
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["top_unknown_codes"][0]["raw_msg"], evil);
    let _ = std::fs::remove_file(log);
}
