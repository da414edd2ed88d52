//! The validator on small fixtures: a good catalog loads and generates; each kind of bad data
//! fails naming the file, the entry and the problem.

use std::collections::BTreeMap;

use numauth_codegen::{generate, load, Problems};

const TAXONOMY: &str = r#"
categories:
  - {name: success, doc: ok, label: {zh: 成功, en: Success}}
  - {name: failure, doc: bad, label: {zh: 失败, en: Failure}}
actors:
  - {name: none, doc: nobody, label: {zh: 无, en: Nobody}}
  - {name: user, doc: the user, label: {zh: 用户, en: User}}
actions:
  - {name: none, doc: nothing, text: {zh: 无, en: Nothing}}
  - {name: retry, doc: again, text: {zh: 重试, en: Retry}}
  - {name: fix_request, doc: fix it, text: {zh: 修正, en: Fix}}
outcomes:
  - {name: success, doc: ok, category: success, actor: none, retryable: false, action: none, title: {zh: 成功, en: Success}, message: {zh: 成功, en: Done}}
  - {name: timeout, doc: slow, category: failure, actor: user, retryable: true, action: retry, title: {zh: 超时, en: Timeout}, message: {zh: 超时, en: Timed out}}
"#;

const SOURCES: &str = r#"
data_version: "test"
platforms:
  - {name: ios, doc: iOS}
  - {name: android, doc: Android}
sources:
  - {id: demo, name: {zh: 演示, en: Demo}, doc: A demo source., code_pattern: '-?[0-9]{1,6}'}
"#;

const PROVENANCE: &str = r#"
- {id: DOC, kind: official_doc, title: A page, where: https://example.invalid/}
"#;

const TABLE: &str = r#"
- code: "100"
  zh: 成功
  en: Success
  outcome: success
  provenance: [DOC]
- code: "1"
  match: {zh: 请求超时, en: Request timeout}
  zh: 请求超时
  en: Request timed out
  outcome: timeout
  provenance: [DOC]
"#;

fn files(table: &str) -> BTreeMap<String, String> {
    [
        ("data/taxonomy.yaml", TAXONOMY),
        ("data/sources.yaml", SOURCES),
        ("data/provenance.yaml", PROVENANCE),
        ("data/demo.yaml", table),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// The demo table's files with a `sources.yaml` of two sources: `demo` (with `demo_extra`
/// fields) and `second` (empty table, with `second_extra` fields).
fn two_sources(demo_extra: &str, second: &str, second_extra: &str) -> BTreeMap<String, String> {
    let mut f = files(TABLE);
    f.insert(
        "data/sources.yaml".into(),
        format!("data_version: \"t\"\nplatforms: [{{name: ios, doc: iOS}}]\nsources:\n  - {{id: demo, name: {{zh: 演示, en: Demo}}, doc: D., code_pattern: '-?[0-9]{{1,6}}'{demo_extra}}}\n  - {{id: {second}, name: {{zh: 另, en: Other}}, doc: O., code_pattern: '[0-9]+'{second_extra}}}\n"),
    );
    f.insert(format!("data/{second}.yaml"), "[]".into());
    f
}

/// The problems of a table that is the good one plus `entry` appended.
fn problems_with(entry: &str) -> Problems {
    load(&files(&format!("{TABLE}{entry}"))).expect_err("bad data must not load")
}

fn assert_problem(problems: &Problems, file: &str, code: Option<&str>, needle: &str) {
    let found = problems.0.iter().any(|p| {
        p.file == file
            && p.entry.as_ref().map(|(_, c)| c.as_str()) == code
            && p.message.contains(needle)
    });
    assert!(
        found,
        "expected {file} {code:?} ~ {needle:?}, got:\n{problems}"
    );
}

#[test]
fn good_data_loads_and_generates_its_own_code_table() {
    let catalog = load(&files(TABLE)).expect("valid");
    assert_eq!(catalog.tables[0].records.len(), 2);
    let code = generate(&catalog);
    assert!(code.starts_with("// @generated"));
    assert!(
        code.contains("pub(crate) static CODES: [CodeSlot; ")
            && code.contains("pub(crate) mod hash {"),
        "a code table of numauth's own slots, with the hash that placed them"
    );
    // Nothing tied to another crate's layout or features (rust-phf issue 428).
    assert!(!code.contains("phf"), "no phf map, macro or struct literal");
    assert!(code.contains("\"请求超时\""));
    // The generic row sorts before message rows and codes sort numerically.
    let one = code.find("code: \"1\"").unwrap();
    let hundred = code.find("code: \"100\"").unwrap();
    assert!(one < hundred);
}

#[test]
fn generation_is_deterministic() {
    let a = generate(&load(&files(TABLE)).unwrap());
    let b = generate(&load(&files(TABLE)).unwrap());
    assert_eq!(a, b);
}

#[test]
fn duplicate_codes_are_rejected() {
    let p = problems_with(
        "- {code: \"100\", zh: 又, en: Again, outcome: success, provenance: [DOC]}\n",
    );
    assert_problem(&p, "data/demo.yaml", Some("100"), "duplicate: entry 1");
}

#[test]
fn duplicate_message_rows_are_rejected_after_normalisation() {
    // Same match once NFKC and ASCII case are folded.
    let p = problems_with("- {code: \"1\", match: {zh: 请求超时, en: REQUEST TIMEOUT}, zh: x, en: x, outcome: timeout, provenance: [DOC]}\n");
    assert_problem(&p, "data/demo.yaml", Some("1"), "duplicate");
}

#[test]
fn empty_texts_are_rejected() {
    let p =
        problems_with("- {code: \"2\", zh: \"\", en: Two, outcome: success, provenance: [DOC]}\n");
    assert_problem(&p, "data/demo.yaml", Some("2"), "`zh` is empty");
    let p = problems_with("- {code: \"3\", zh: 三, en: Three, outcome: success, suggestion: {zh: 做, en: \" \"}, provenance: [DOC]}\n");
    assert_problem(
        &p,
        "data/demo.yaml",
        Some("3"),
        "`suggestion` needs both zh and en",
    );
}

#[test]
fn a_missing_language_is_rejected() {
    let p = problems_with("- {code: \"2\", zh: 二, outcome: success, provenance: [DOC]}\n");
    assert_problem(&p, "data/demo.yaml", Some("2"), "missing field `en`");
}

#[test]
fn unknown_names_are_rejected_with_a_hint() {
    let p = problems_with("- {code: \"2\", zh: 二, en: Two, outcome: timout, provenance: [DOC]}\n");
    assert_problem(
        &p,
        "data/demo.yaml",
        Some("2"),
        "outcome \"timout\" is not in data/taxonomy.yaml (did you mean \"timeout\"?)",
    );
    let p = problems_with(
        "- {code: \"2\", zh: 二, en: Two, outcome: timeout, action: retri, provenance: [DOC]}\n",
    );
    assert_problem(&p, "data/demo.yaml", Some("2"), "action \"retri\"");
    let p = problems_with("- {code: \"2\", zh: 二, en: Two, outcome: timeout, platforms: [symbian], provenance: [DOC]}\n");
    assert_problem(&p, "data/demo.yaml", Some("2"), "platform \"symbian\"");
    let p =
        problems_with("- {code: \"2\", zh: 二, en: Two, outcome: timeout, provenance: [BLOG]}\n");
    assert_problem(
        &p,
        "data/demo.yaml",
        Some("2"),
        "provenance \"BLOG\" is not in data/provenance.yaml",
    );
}

#[test]
fn a_redundant_action_override_is_rejected() {
    let p = problems_with(
        "- {code: \"2\", zh: 二, en: Two, outcome: timeout, action: retry, provenance: [DOC]}\n",
    );
    assert_problem(&p, "data/demo.yaml", Some("2"), "already the default");
}

#[test]
fn placeholders_must_agree_between_languages() {
    let p = problems_with("- {code: \"2\", zh: \"锁定{0}分{1}秒\", en: \"Locked for {0} minutes\", outcome: timeout, provenance: [DOC]}\n");
    assert_problem(&p, "data/demo.yaml", Some("2"), "placeholders differ");
}

#[test]
fn codes_must_fit_the_source_pattern_and_be_quoted() {
    let p =
        problems_with("- {code: \"12a\", zh: 二, en: Two, outcome: timeout, provenance: [DOC]}\n");
    assert_problem(&p, "data/demo.yaml", Some("12a"), "code_pattern");
    let p = problems_with(
        "- code: 7\n  zh: 七\n  en: Seven\n  outcome: timeout\n  provenance: [DOC]\n",
    );
    assert_problem(&p, "data/demo.yaml", Some("7"), "must be a quoted string");
}

#[test]
fn unknown_fields_are_rejected() {
    let p = problems_with(
        "- {code: \"2\", zh: 二, en: Two, outcom: timeout, outcome: timeout, provenance: [DOC]}\n",
    );
    assert_problem(&p, "data/demo.yaml", Some("2"), "unknown field `outcom`");
}

#[test]
fn a_table_must_be_a_sequence_and_match_a_source() {
    let p = load(&files("\"100\": {zh: 成功}\n")).unwrap_err();
    assert_problem(&p, "data/demo.yaml", None, "must be a sequence");
    let mut extra = files(TABLE);
    extra.insert("data/stray.yaml".into(), "[]".into());
    assert_problem(
        &load(&extra).unwrap_err(),
        "data/stray.yaml",
        None,
        "not a source listed",
    );
    let mut missing = files(TABLE);
    missing.remove("data/demo.yaml");
    assert_problem(
        &load(&missing).unwrap_err(),
        "data/demo.yaml",
        None,
        "is missing",
    );
}

#[test]
fn taxonomy_references_are_checked() {
    let mut bad = files(TABLE);
    bad.insert(
        "data/taxonomy.yaml".into(),
        TAXONOMY.replace("action: retry,", "action: jump,"),
    );
    assert_problem(
        &load(&bad).unwrap_err(),
        "data/taxonomy.yaml",
        None,
        "action \"jump\" is not defined",
    );
}

#[test]
fn problems_print_file_entry_and_code() {
    let p = problems_with("- {code: \"2\", zh: 二, en: Two, outcome: timout, provenance: [DOC]}\n");
    let text = p.to_string();
    assert!(
        text.contains("data/demo.yaml: entry 3 (code \"2\"): outcome \"timout\""),
        "{text}"
    );
}

#[test]
fn contradictions_fail_unless_a_note_explains_them() {
    let nobody = "- {code: \"7\", zh: 超时, en: Timeout, outcome: timeout, actor: none, provenance: [DOC]}\n";
    assert_problem(
        &problems_with(nobody),
        "data/demo.yaml",
        Some("7"),
        "actor \"none\" on a failure",
    );
    let fix = "- {code: \"8\", zh: 超时, en: Timeout, outcome: timeout, action: fix_request, provenance: [DOC]}\n";
    assert_problem(
        &problems_with(fix),
        "data/demo.yaml",
        Some("8"),
        "retryable while the action \"fix_request\"",
    );
    let same = "- {code: \"9\", zh: 超时, en: Timeout, outcome: timeout, retryable: true, provenance: [DOC]}\n";
    assert_problem(
        &problems_with(same),
        "data/demo.yaml",
        Some("9"),
        "retryable true is already the default",
    );
    let explained = "- {code: \"8\", zh: 超时, en: Timeout, outcome: timeout, action: fix_request, note: the SDK retries after the app fixes it, provenance: [DOC]}\n";
    load(&files(&format!("{TABLE}{explained}"))).expect("a note explains the combination");
    let bad_actor =
        "- {code: \"6\", zh: 超时, en: Timeout, outcome: timeout, actor: usr, provenance: [DOC]}\n";
    assert_problem(
        &problems_with(bad_actor),
        "data/demo.yaml",
        Some("6"),
        "did you mean \"user\"",
    );
}

#[test]
fn one_code_may_have_one_row_per_platform() {
    let per_platform = "- {code: \"5\", zh: 超时, en: Timeout, outcome: timeout, platforms: [ios], provenance: [DOC]}\n- {code: \"5\", zh: 成功, en: Success, outcome: success, platforms: [android], provenance: [DOC]}\n";
    load(&files(&format!("{TABLE}{per_platform}"))).expect("disjoint platforms load");
    let overlap = "- {code: \"5\", zh: 超时, en: Timeout, outcome: timeout, platforms: [ios], provenance: [DOC]}\n- {code: \"5\", zh: 成功, en: Success, outcome: success, platforms: [ios, android], provenance: [DOC]}\n";
    assert_problem(
        &problems_with(overlap),
        "data/demo.yaml",
        Some("5"),
        "on the same platforms",
    );
    let unnamed = "- {code: \"5\", zh: 超时, en: Timeout, outcome: timeout, platforms: [ios], provenance: [DOC]}\n- {code: \"5\", zh: 成功, en: Success, outcome: success, provenance: [DOC]}\n";
    assert_problem(
        &problems_with(unnamed),
        "data/demo.yaml",
        Some("5"),
        "on the same platforms",
    );
}

/// The demo table with a `sources.yaml` whose `keys:` and the demo source's `fields:` are given.
fn with_keys(keys: &str, fields: &str) -> BTreeMap<String, String> {
    let mut f = files(TABLE);
    f.insert(
        "data/sources.yaml".into(),
        format!("data_version: \"t\"\nplatforms: [{{name: ios, doc: iOS}}]\nkeys:\n{keys}sources:\n  - {{id: demo, name: {{zh: 演示, en: Demo}}, doc: D., code_pattern: '-?[0-9]{{1,6}}', fields: {fields}}}\n"),
    );
    f
}

#[test]
fn payload_keys_are_checked() {
    let sources = with_keys;
    let good = sources(
        "  - {key: resultCode, role: code, rank: 1}\n  - {key: seq, role: request_id, rank: 0, marks: demo}\n",
        "{code: [result_code], request_id: [seq]}",
    );
    let catalog = load(&good).expect("valid keys");
    assert!(generate(&catalog).contains("KEYS_BY_LEN"));
    let with_values = sources(
        "  - {key: op, role: carrier}\n  - {key: opType, role: carrier, values: {\"3\": ctcc, \"1\": cmcc}}\n  - {key: net, role: carrier, values: {\"2\": cucc}}\n",
        "{}",
    );
    let code = generate(&load(&with_values).expect("valid values"));
    for (key, index) in [("op", 0), ("optype", 1), ("net", 2)] {
        let row = format!(
            "fold(b{key:?}), crate::normalize::KeyRole {{ role: crate::normalize::Role::Vendor({index})"
        );
        assert!(code.contains(&row), "{row}\n{code}");
    }
    assert!(
        code.contains("[&[], &[(\"1\", crate::Carrier::Cmcc), (\"3\", crate::Carrier::Ctcc), ], &[(\"2\", crate::Carrier::Cucc), ], ]"),
        "{code}"
    );
}

#[test]
fn payload_key_problems_are_named() {
    let cases = [
        ("  - {key: code, role: code}\n", "{}", "`rank` is needed"),
        (
            "  - {key: code, role: marker}\n",
            "{}",
            "must say which source",
        ),
        (
            "  - {key: code, role: code, rank: 0, marks: nope}\n",
            "{}",
            "not a source",
        ),
        (
            "  - {key: code, role: code, rank: 0}\n  - {key: CODE, role: message, rank: 0}\n",
            "{}",
            "listed twice",
        ),
        (
            "  - {key: code, role: code, rank: 0}\n",
            "{message: [code]}",
            "listed as Message",
        ),
        (
            "  - {key: code, role: code, rank: 0}\n",
            "{code: [errno]}",
            "not in `keys:`",
        ),
        (
            "  - {key: msg, role: message, rank: 0, numeric: true}\n",
            "{}",
            "only applies to code keys",
        ),
        (
            "  - {key: msg, role: message, rank: 0, values: {\"1\": cmcc}}\n",
            "{}",
            "`values` only applies to carrier keys",
        ),
        (
            "  - {key: op, role: carrier, values: {\"1\": mobile}}\n",
            "{}",
            "a carrier is cmcc, cucc or ctcc",
        ),
        (
            "  - {key: op, role: carrier, values: {\" 1\": cmcc}}\n",
            "{}",
            "without surrounding blanks",
        ),
    ];
    for (keys, fields, needle) in cases {
        let problems = load(&with_keys(keys, fields)).expect_err(needle);
        assert_problem(&problems, "data/sources.yaml", None, needle);
    }
}

#[test]
fn a_server_namespace_comes_with_the_carrier_codes_it_excepts() {
    let sources = |demo_extra: &str| two_sources(demo_extra, "other", "");
    let catalog = load(&sources(", carrier_codes: [\"1\"], server: other")).expect("valid");
    let code = generate(&catalog);
    assert!(code.contains("Self::Demo => Some(Self::Other)"), "{code}");
    assert!(
        code.contains("Self::Demo => matches!(code, \"1\")"),
        "{code}"
    );
    let cases = [
        (
            ", carrier_codes: [\"1\"], server: nope",
            "server \"nope\" is not another source",
        ),
        (
            ", carrier_codes: [\"1\"], server: demo",
            "is not another source",
        ),
        (", server: other", "`server` needs `carrier_codes`"),
        (", carrier_codes: [\"1\"]", "`carrier_codes` needs `server`"),
        (
            ", carrier_codes: [\"7\"], server: other",
            "carrier code \"7\" is not in data/demo.yaml",
        ),
    ];
    for (extra, needle) in cases {
        let problems = load(&sources(extra)).expect_err(needle);
        assert_problem(&problems, "data/sources.yaml", None, needle);
    }
}

#[test]
fn a_plugin_wraps_pns_only_and_inner_names_another_source() {
    let sources = |demo_extra: &str| two_sources(demo_extra, "pns", "");
    let code = generate(&load(&sources(", wraps: pns")).expect("valid"));
    let wraps = code
        .split("const fn wraps")
        .nth(1)
        .and_then(|rest| rest.split("\n    }\n").next())
        .expect("Source::wraps is generated");
    assert!(wraps.contains("Self::Demo => Some(Self::Pns)"), "{wraps}");
    assert!(!wraps.contains("Self::Pns =>"), "{wraps}");
    assert!(
        code.contains("const fn wraps_carriers(self) -> bool {\n        false\n"),
        "no source passes the carriers' codes through"
    );
    for wraps in ["nope", "demo"] {
        let needle = format!("source \"demo\": wraps \"{wraps}\": only pns (a plugin's");
        let problems = load(&sources(&format!(", wraps: {wraps}"))).expect_err(&needle);
        assert_problem(&problems, "data/sources.yaml", None, &needle);
    }
    // PNS itself (or its H5 and HarmonyOS SDKs) and carrier or server layers wrap nothing.
    let problems = load(&two_sources("", "pns", ", wraps: pns")).expect_err("pns wraps itself");
    assert_problem(
        &problems,
        "data/sources.yaml",
        None,
        "source \"pns\": only an app SDK that is not PNS itself can wrap pns or the carriers",
    );
    let problems = load(&sources(", wraps: pns, layer: carrier")).expect_err("a carrier wraps");
    assert_problem(
        &problems,
        "data/sources.yaml",
        None,
        "source \"demo\": only an app SDK that is not PNS itself can wrap pns or the carriers",
    );
    // An SDK that passes the carriers' codes through: its own flag, not a PNS wrap.
    let code = generate(&load(&sources(", wraps: carriers")).expect("valid"));
    let carriers = code
        .split("const fn wraps_carriers")
        .nth(1)
        .and_then(|rest| rest.split("\n    }\n").next())
        .expect("Source::wraps_carriers is generated");
    assert!(
        carriers.contains("matches!(self, Self::Demo)"),
        "{carriers}"
    );
    assert!(!code.contains("Self::Demo => Some(Self::Pns)"), "{code}");
    let problems = load(&sources(", wraps: carriers, layer: server")).expect_err("a server wraps");
    assert_problem(
        &problems,
        "data/sources.yaml",
        None,
        "source \"demo\": only an app SDK that is not PNS itself can wrap pns or the carriers",
    );
    // `inner` is checked beside it: another source, not itself.
    assert!(load(&sources(", inner: pns")).is_ok());
    for inner in ["nope", "demo"] {
        let needle = format!("source \"demo\": inner \"{inner}\" is not another source");
        let problems = load(&sources(&format!(", inner: {inner}"))).expect_err(&needle);
        assert_problem(&problems, "data/sources.yaml", None, &needle);
    }
}

#[test]
fn advice_rules_are_checked() {
    let rule = |extra: &str| {
        format!(
            "- id: demo_rule\n  code: {{source: demo, code: \"100\"}}\n{extra}  text: {{zh: 重试, en: Retry}}\n  actor: user\n  action: retry\n  provenance: [DOC]\n"
        )
    };
    let with = |advice: String| {
        let mut f = files(TABLE);
        f.insert("data/advice.yaml".into(), advice);
        load(&f)
    };
    assert!(
        with(rule("  carrier: cmcc\n  message: 网络异常\n")).is_ok(),
        "a rule with a carrier and a message loads"
    );
    let bad_carrier = with(rule("  carrier: mobile\n")).unwrap_err();
    assert_problem(
        &bad_carrier,
        "data/advice.yaml",
        None,
        "rule \"demo_rule\": carrier must be cmcc, cucc or ctcc",
    );
    let blank_message = with(rule("  message: \" \"\n")).unwrap_err();
    assert_problem(
        &blank_message,
        "data/advice.yaml",
        None,
        "rule \"demo_rule\": message must not be empty",
    );
    assert!(with(rule("  field: {key: isChecked, is: [\"0\"]}\n")).is_ok());
    for field in ["{key: isChecked, is: []}", "{key: \" \", is: [\"0\"]}"] {
        let bad = with(rule(&format!("  field: {field}\n"))).unwrap_err();
        assert_problem(
            &bad,
            "data/advice.yaml",
            None,
            "rule \"demo_rule\": field needs a `key` and at least one value in `is`",
        );
    }
}
