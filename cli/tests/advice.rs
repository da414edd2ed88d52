//! `--platform`, `--os-version` and `--sdk-version` reach the advice rules.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `numauth SUBCOMMAND ARGS` with `input` on stdin; its stdout, after checking it succeeded.
fn run(subcommand: &str, args: &[&str], input: &str) -> Vec<u8> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_numauth"))
        .arg(subcommand)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "numauth {subcommand} {args:?} failed");
    out.stdout
}

fn normalize(args: &[&str], line: &str) -> serde_json::Value {
    serde_json::from_slice(&run("normalize", args, line)).unwrap()
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

fn report(args: &[&str], input: &str) -> String {
    String::from_utf8(run("report", args, input)).unwrap()
}

/// Three iOS 600004 callbacks: two from an SDK before the fix (advice), one after (none); and a
/// China Mobile 200028 under 600011, whose cleartext-HTTP advice is for Android only.
const LOG: &str = concat!(
    r#"{"resultCode":"600004","msg":"x","sdkVersion":"2.12.3","release":"17.1"}"#,
    "\n",
    r#"{"resultCode":"600004","msg":"x","sdkVersion":"2.12.9","release":"16.4"}"#,
    "\n",
    r#"{"resultCode":"600004","msg":"x","sdkVersion":"2.13.0","release":"17.1"}"#,
    "\n",
    r#"{"code":"600011","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"200028\"}"}"#,
    "\n",
);

#[test]
fn report_counts_the_advice_per_outcome_and_root_cause() {
    let json: serde_json::Value = serde_json::from_str(&report(&["--json"], LOG)).unwrap();
    let outcome = |id: &str| {
        json["top_outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["outcome"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no {id} row"))
    };
    let outdated = outcome("sdk_outdated");
    assert_eq!(outdated["count"], 3);
    let advice = outdated["advice"].as_array().unwrap();
    assert_eq!(advice.len(), 1, "{advice:?}");
    assert_eq!(advice[0]["id"], "ios_16_4_carrier_config");
    assert_eq!(advice[0]["count"], 2, "the 2.13.0 SDK is past the fix");
    assert_eq!(advice[0]["actor"], "developer");
    assert!(advice[0]["en"].as_str().unwrap().contains("2.12.14"));
    // No platform given: the Android-only rule may still apply, and names its condition.
    let cause = &json["top_root_causes"][0];
    assert_eq!(
        (&cause["source"], &cause["code"]),
        (&"cmcc".into(), &"200028".into())
    );
    assert_eq!(cause["advice"][0]["id"], "mobile_cleartext_http");
    assert_eq!(cause["advice"][0]["count"], 1);
    // On iOS it does not.
    let ios: serde_json::Value =
        serde_json::from_str(&report(&["--json", "--platform", "ios"], LOG)).unwrap();
    assert_eq!(ios["top_root_causes"][0]["advice"], serde_json::json!([]));
}

#[test]
fn report_text_shows_the_advice_and_who_acts() {
    let en = report(&["--lang", "en"], LOG);
    let line = en
        .lines()
        .find(|l| l.contains("advice:") && l.contains("2.12.14"))
        .unwrap_or_else(|| panic!("no advice line in\n{en}"));
    assert!(line.contains("who acts: Developer"), "{line}");
    assert!(line.contains("2 callbacks"), "{line}");
    let zh = report(&["--lang", "zh"], LOG);
    assert!(
        zh.lines()
            .any(|l| l.contains("适用建议") && l.contains("2 条回调")),
        "{zh}"
    );
}

#[test]
fn html_report_shows_the_advice_under_its_rows() {
    let dir = std::env::temp_dir().join(format!("numauth-advice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.html");
    report(
        &[
            "--format",
            "html",
            "--lang",
            "en",
            "-o",
            file.to_str().unwrap(),
        ],
        LOG,
    );
    let html = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let at = html
        .find(r#"data-advice="ios_16_4_carrier_config""#)
        .unwrap_or_else(|| panic!("no advice in the report"));
    let row_start = html[..at].rfind("<tr").unwrap();
    assert!(
        html[row_start..at].contains(r#"data-outcome="sdk_outdated""#),
        "the advice sits in the sdk_outdated row"
    );
    assert!(html[at..].contains("(Developer, 2)"));
    assert!(html.contains(r#"data-advice="mobile_cleartext_http""#));
}

fn explain(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_numauth"))
        .arg("explain")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn explain_lists_each_advice_rule_with_when_it_applies() {
    let text = explain(&["600004", "--source", "pns", "--lang", "en"]);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("advice"))
        .unwrap_or_else(|| panic!("no advice line in\n{text}"));
    assert!(line.contains("[ios, os >=16.4, sdk <2.12.14]"), "{line}");
    assert!(line.contains("2.12.14 or later"), "{line}");
    assert!(line.ends_with("(who acts: Developer)"), "{line}");
    // Two rules for 600011, each naming the inner code it needs.
    let text = explain(&["600011", "--source", "pns", "--lang", "en"]);
    let rules: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("advice"))
        .collect();
    assert_eq!(rules.len(), 2, "{text}");
    assert!(rules.iter().any(|l| l.contains("[cucc 102, sdk <2.13.2]")));
    assert!(rules.iter().any(|l| l.contains("[android, cmcc 200028]")));
    // A rule keyed on the carrier named and the message says so.
    let text = explain(&["600012", "--source", "pns", "--lang", "en"]);
    assert!(
        text.lines()
            .any(|l| l.contains("advice") && l.contains("[android, cmcc, msg ~ 网络异常]")),
        "{text}"
    );
    // A rule keyed on a field of the payload names the field and its values.
    let text = explain(&["700002", "--source", "pns", "--lang", "en"]);
    assert!(
        text.lines()
            .any(|l| l.contains("advice") && l.contains("[ios, isChecked = 0 | false]")),
        "{text}"
    );
    // A code no rule names has no advice line.
    let text = explain(&["103119", "--source", "cmcc", "--lang", "en"]);
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("advice")),
        "{text}"
    );
}
