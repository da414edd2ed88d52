//! `--platform`, `--os-version` and `--sdk-version` reach the advice rules.

use std::io::Write;
use std::process::{Command, Stdio};

fn normalize(args: &[&str], line: &str) -> serde_json::Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_numauth"))
        .arg("normalize")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(line.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn device_flags_pick_the_advice() {
    let line = "\"{\\\"resultCode\\\":\\\"600004\\\",\\\"msg\\\":\\\"x\\\"}\"\n";
    let old = normalize(
        &[
            "--platform",
            "ios",
            "--os-version",
            "16.4",
            "--sdk-version",
            "2.12.0",
        ],
        line,
    );
    assert_eq!(old["advice"]["id"], "ios_16_4_carrier_config");
    assert_eq!(old["advice"]["actor"], "developer");
    let fixed = normalize(
        &[
            "--platform",
            "ios",
            "--os-version",
            "16.4",
            "--sdk-version",
            "2.12.14",
        ],
        line,
    );
    assert_eq!(fixed["advice"], serde_json::Value::Null);
    let android = normalize(&["--platform", "android"], line);
    assert_eq!(android["advice"], serde_json::Value::Null);
}

#[test]
fn a_bad_version_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_numauth"))
        .args(["normalize", "--sdk-version", "two"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a version"));
}
