//! `numauth normalize` and `numauth report` on the sample log that ships in data/samples.
//!
//! The expected figures were worked out by hand from the catalog's meaning of each sample line
//! (see data/samples/README.md), not copied from the program's output.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use strum::IntoEnumIterator;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../data/samples/callbacks.ndjson"
);

fn numauth(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_numauth"))
        .args(args)
        .env_remove("LC_ALL")
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the numauth binary runs");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default().as_bytes())
        .unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect(l))
        .collect()
}

#[test]
fn normalize_writes_one_line_per_input_line_in_order() {
    let o = numauth(&["normalize", SAMPLE], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = json_lines(&o);
    let input_lines = std::fs::read_to_string(SAMPLE).unwrap().lines().count();
    assert_eq!(out.len(), input_lines);
    // Line 3: a China Mobile appid error nested in a PNS 600011.
    assert_eq!(out[2]["code"], "600011");
    assert_eq!(out[2]["root_cause"]["source"], "cmcc");
    assert_eq!(out[2]["root_cause"]["code"], "103119");
    assert_eq!(out[2]["outcome"], "invalid_configuration");
    assert_eq!(out[2]["carrier"], "cmcc");
    // Line 25: an iOS NSDictionary dump with \U escapes.
    assert_eq!(out[24]["code"], "600007");
    assert_eq!(out[24]["raw_msg"], "无SIM卡");
    // Line 24: an unknown code is kept.
    assert_eq!(out[23]["code"], "600099");
    assert_eq!(out[23]["known"], false);
    assert_eq!(out[23]["outcome"], "unknown");
    // Lines 30 and 31 are unusable; the errors carry their line numbers.
    assert_eq!(out[29]["line"], 30);
    assert!(out[29]["error"].is_string());
    assert_eq!(out[30]["line"], 31);
    // Tokens are credentials: never echoed.
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        !text.contains("apcOKuyry7kASh9h6mtf2G2GbettkyiU"),
        "a session token leaked"
    );
}

#[test]
fn normalize_reads_stdin_and_honours_source_and_lang() {
    let input = "{\"code\":\"600001\",\"msg\":\"x\"}\n\"{msg: 蜂窝网络未开启, code: 600008, data: null}\"\n\nnot a callback\n";
    let o = numauth(&["normalize", "--lang", "zh"], Some(input));
    assert!(o.status.success());
    let out = json_lines(&o);
    assert_eq!(out.len(), 4);
    assert_eq!(out[0]["source"], "pns");
    assert_eq!(out[0]["outcome"], "auth_page_shown");
    assert!(
        out[0]["explain"]["title"]
            .as_str()
            .unwrap()
            .contains("授权页"),
        "{}",
        out[0]
    );
    assert_eq!(out[1]["outcome"], "mobile_data_disabled");
    assert_eq!(out[2]["line"], 3, "an empty line still gets its error line");
    assert_eq!(out[3]["line"], 4);
    // The same code read as fusion's 600001 (an upstream-SMS page event).
    let o = numauth(
        &["normalize", "--source", "fusion"],
        Some("{\"code\":\"600001\",\"msg\":\"x\"}\n"),
    );
    let out = json_lines(&o);
    assert_eq!(out[0]["source"], "fusion");
    assert_ne!(out[0]["outcome"], "auth_page_shown");
    assert_eq!(
        out[0]["explain"]["title"],
        numauth::AuthOutcome::iter()
            .find(|o| o.as_str() == out[0]["outcome"])
            .unwrap()
            .title(numauth::Lang::En),
        "explain on every line, in LANG's language (C: English)"
    );
}

#[test]
fn normalize_of_a_missing_file_exits_2_saying_which() {
    let o = numauth(&["normalize", "/nonexistent/callbacks.ndjson"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/callbacks.ndjson"));
}

#[test]
fn report_counts_the_sample_log() {
    let o = numauth(&["report", SAMPLE, "--json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["lines"], 32);
    assert_eq!(r["callbacks"], 30);
    assert_eq!(r["unusable"], 2);
    assert_eq!(r["unknown_codes"], 1);
    assert_eq!(r["categories"]["success"], 6);
    assert_eq!(r["categories"]["progress"], 2);
    assert_eq!(r["categories"]["cancelled"], 2);
    assert_eq!(r["categories"]["failure"], 20);

    let top = &r["top_outcomes"][0];
    assert_eq!(top["outcome"], "mobile_data_disabled");
    assert_eq!(top["count"], 8);
    assert_eq!(top["share"], 26.7);
    assert_eq!(top["action"], "enable_mobile_data");
    // 600008 x3 and fusion 1600008 name no carrier; -8004 x2 is Telecom; 410004 x2 is Unicom.
    assert_eq!(top["carriers"]["ctcc"], 2);
    assert_eq!(top["carriers"]["cucc"], 2);
    assert_eq!(r["top_outcomes"][1]["outcome"], "success");
    assert_eq!(r["top_outcomes"][1]["count"], 6);

    let causes = r["top_root_causes"].as_array().unwrap();
    let cause = |source: &str, code: &str| {
        causes
            .iter()
            .find(|c| c["source"] == source && c["code"] == code)
    };
    let mobile_off = cause("ctcc", "-8004").expect("ctcc -8004 is a root cause");
    assert_eq!(
        mobile_off["count"], 1,
        "only the nested one; the direct Telecom result has no root cause"
    );
    assert_eq!(
        cause("cmcc", "103119").unwrap()["outcome"],
        "invalid_configuration"
    );
    assert_eq!(cause("cucc", "410004").unwrap()["carriers"]["cucc"], 1);

    let examples = r["unusable_examples"].as_array().unwrap();
    assert_eq!(
        examples
            .iter()
            .map(|e| e["line"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [30, 31]
    );
}

#[test]
fn report_text_in_both_languages() {
    let en = String::from_utf8(numauth(&["report", SAMPLE, "--lang", "en"], None).stdout).unwrap();
    assert!(
        en.contains("32 lines: 30 callbacks read, 2 unusable"),
        "{en}"
    );
    assert!(
        en.contains("Top outcomes") && en.contains("mobile_data_disabled"),
        "{en}"
    );
    let zh = String::from_utf8(numauth(&["report", SAMPLE, "--lang", "zh"], None).stdout).unwrap();
    assert!(zh.contains("共 32 行") && zh.contains("主要结果"), "{zh}");
    // No progress bar when stderr is not a terminal.
    let o = numauth(&["report", SAMPLE], None);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn report_top_limits_the_lists_and_reads_stdin() {
    let log = std::fs::read_to_string(SAMPLE).unwrap();
    let o = numauth(&["report", "--json", "--top", "2"], Some(&log));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["top_outcomes"].as_array().unwrap().len(), 2);
    assert!(r["top_root_causes"].as_array().unwrap().len() <= 2);
    assert_eq!(r["callbacks"], 30);
}

/// The unknown top-level codes, most frequent first, each with its first message (cut), its
/// carriers and its share; a known code with an unknown root cause is not among them.
#[test]
fn report_names_the_unknown_codes() {
    let long = "未知".repeat(100);
    let log = [
        r#"{"code":"600099","msg":"新错误A","vendorName":"cm_zyhl"}"#.to_owned(),
        r#"{"code":"600099","msg":"新错误B"}"#.to_owned(),
        r#"{"code":"600099","vendorName":"cm_zyhl"}"#.to_owned(),
        format!(r#"{{"code":"600098","msg":"{long}"}}"#),
        r#"{"code":"600011","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"103999\"}"}"#.to_owned(),
        r#"{"code":"600000","msg":"获取token成功"}"#.to_owned(),
    ]
    .join("\n");
    let o = numauth(&["report", "--json"], Some(&log));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["unknown_codes"], 4);
    assert_eq!(r["other_unknown_codes"], 0);
    let rows = r["top_unknown_codes"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        (&rows[0]["source"], &rows[0]["code"]),
        (&"pns".into(), &"600099".into())
    );
    assert_eq!(rows[0]["count"], 3);
    assert_eq!(rows[0]["share"], 50.0);
    assert_eq!(
        rows[0]["raw_msg"], "新错误A",
        "the first callback's message"
    );
    assert_eq!(rows[0]["carriers"]["cmcc"], 2);
    assert_eq!(rows[0]["carriers"]["unknown"], 1);
    assert_eq!(rows[1]["code"], "600098");
    let cut = format!("{}…", "未知".repeat(60));
    assert_eq!(
        rows[1]["raw_msg"].as_str(),
        Some(cut.as_str()),
        "120 characters, then …"
    );
    let top1 = numauth(&["report", "--json", "--top", "1"], Some(&log));
    let top1: serde_json::Value = serde_json::from_slice(&top1.stdout).unwrap();
    assert_eq!(top1["top_unknown_codes"].as_array().unwrap().len(), 1);

    let en = String::from_utf8(numauth(&["report", "--lang", "en"], Some(&log)).stdout).unwrap();
    let section = en
        .split_once("Codes not in the catalog (4)")
        .map(|(_, s)| s);
    let first = section.and_then(|s| s.lines().nth(1)).unwrap_or_default();
    assert!(first.contains("3  50.0%  pns 600099  \"新错误A\""), "{en}");
    assert!(first.contains("cmcc 2 · ? 1"), "{en}");
    let zh = String::from_utf8(numauth(&["report", "--lang", "zh"], Some(&log)).stdout).unwrap();
    assert!(zh.contains("未收录的代码 (4)"), "{zh}");
    let html = numauth(&["report", "--format", "html"], Some(&log));
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(
        html.contains(r#"<tr data-unknown="pns" data-count="3">"#),
        "{html}"
    );
    assert!(html.contains("<td>新错误A</td>"), "{html}");

    let known = r#"{"code":"600000","msg":"获取token成功"}"#;
    let text = numauth(&["report", "--lang", "en"], Some(known)).stdout;
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("Top outcomes"), "{text}");
    assert!(
        !text.contains("Codes not in the catalog"),
        "no section without one: {text}"
    );
}

#[test]
fn report_source_overrides_detection() {
    // 600001 read as PNS is an authorization-page event; read as fusion it is not.
    let line = "{\"code\":\"600001\",\"msg\":\"x\"}\n";
    let pns: serde_json::Value =
        serde_json::from_slice(&numauth(&["report", "--json"], Some(line)).stdout).unwrap();
    let fusion: serde_json::Value = serde_json::from_slice(
        &numauth(&["report", "--json", "--source", "fusion"], Some(line)).stdout,
    )
    .unwrap();
    assert_eq!(pns["top_outcomes"][0]["outcome"], "auth_page_shown");
    assert_ne!(fusion["top_outcomes"][0]["outcome"], "auth_page_shown");
}

/// Whether `text` holds a mainland mobile number: 11 digits `1[3-9]…` with no digit around.
fn has_mobile_number(text: &str) -> bool {
    // Full-width digits (U+FF10..U+FF19) read as the ASCII ones they stand for.
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (c as u32 - 0xff10) as u8),
            c => c,
        })
        .collect();
    // A separator between two digits joins them: `150 1234 5678`, `151-12345678` are numbers.
    let text: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            let between = i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            let separator = matches!(
                c,
                ' ' | '\t'
                    | '-'
                    | '_'
                    | '/'
                    | '.'
                    | '\u{a0}'
                    | '\u{2013}'
                    | '\u{2014}'
                    | '\u{3000}'
                    | '\u{ff0d}'
            );
            !(between && separator)
        })
        .map(|(_, c)| *c)
        .collect();
    text.split(|c: char| !c.is_ascii_digit()).any(|run| {
        let b = run.as_bytes();
        b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
    })
}

/// A number written in a message, a kept field, a request id or as a code reaches no output:
/// not a normalised line, not a report in any format.
#[test]
fn phone_numbers_in_payloads_reach_no_output() {
    let log = [
        r#"{"code":"600011","msg":"手机号13812345678格式非法"}"#,
        r#"{"code":"13912345678","msg":"x"}"#,
        r#"{"code":"600099","msg":"号码 150 1234 5678","requestId":"15112345678","note":"用户15212345678, 备用 153-12345678 或 154.1234.5678"}"#,
        r#"{"code":"600011","carrierFailedResultData":"{\"resultCode\":\"999999\",\"msg\":\"号码+8613712345678\"}"}"#,
        r#"{"code":"600011","msg":"手机号：１３６１２３４５６７８，请核对"}"#,
        r#"{"code":"600011","msg":"x","uid":"user_138_1234_5678","path":"/m/139/1234/5678"}"#,
    ]
    .join("\n");
    assert!(
        has_mobile_number(&log),
        "the check finds the numbers it looks for"
    );
    assert!(has_mobile_number("号码１３６１２３４５６７８"));
    assert!(has_mobile_number("备用 153-12345678"));
    assert!(has_mobile_number("/m/139/1234/5678"));
    assert!(!has_mobile_number(
        "153-1234567 或 <redacted phone: 13 chars>"
    ));
    let o = numauth(&["normalize"], Some(&log));
    assert!(o.status.success());
    let out = json_lines(&o);
    assert_eq!(out.len(), 6);
    assert_eq!(
        out[4]["raw_msg"],
        "手机号：<redacted phone: 11 chars>，请核对"
    );
    assert_eq!(
        out[0]["raw_msg"],
        "手机号<redacted phone: 11 chars>格式非法"
    );
    assert_eq!(out[1]["code"], "<redacted phone: 11 chars>");
    assert_eq!(out[2]["request_id"], "<redacted phone: 11 chars>");
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!has_mobile_number(&text), "{text}");
    for format in ["text", "json", "html"] {
        let o = numauth(&["report", "--format", format], Some(&log));
        assert!(o.status.success(), "{format}");
        let report = String::from_utf8(o.stdout).unwrap();
        assert!(!has_mobile_number(&report), "{format}: {report}");
        if format == "json" {
            let r: serde_json::Value = serde_json::from_str(&report).unwrap();
            assert_eq!(
                (r["callbacks"].as_u64(), r["unknown_codes"].as_u64()),
                (Some(6), Some(2))
            );
            let codes: Vec<_> = r["top_unknown_codes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|row| (row["code"].as_str(), row["raw_msg"].as_str()))
                .collect();
            assert_eq!(
                codes,
                [
                    (Some("600099"), Some("号码 <redacted phone: 13 chars>")),
                    (Some("<redacted phone: 11 chars>"), Some("x")),
                ]
            );
        } else {
            let counted = ["6 callbacks", r#""callbacks">6<"#];
            assert!(
                counted.iter().any(|c| report.contains(c)),
                "{format}: {report}"
            );
        }
    }
}
