//! Secrets sent where a request id or a code goes (red-team finds): a token as the id or the
//! code, an id written as words or markup, a mobile number as a JSON number with an exponent.
//! Through `normalize`; the whole result, as `Debug` prints it, is searched for each secret,
//! and what is no secret (trace ids, UUIDs, catalog codes) is kept.

use numauth::normalize;

const TOKEN: &str = "STsidA9kQ2mZ7xP4rT8vB1nW6yH3jL5cF0gD";

/// The result of `raw` as `Debug` prints it: every field, the whole cause chain.
fn printed(raw: &str) -> String {
    format!("{:?}", normalize(raw).unwrap())
}

#[test]
fn a_token_where_the_request_id_goes_is_redacted_whole() {
    for key in ["requestId", "reqId", "RequestId", "processID"] {
        let raw = format!(r#"{{"code":"600011","{key}":"{TOKEN}"}}"#);
        let n = normalize(&raw).unwrap();
        assert_eq!(
            n.request_id.as_deref(),
            Some("<redacted token: 36 chars>"),
            "{key}"
        );
        assert!(!printed(&raw).contains(TOKEN), "{key}");
    }
}

#[test]
fn trace_ids_and_uuids_are_kept() {
    for id in [
        "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d",
        "8E7B3C1D-0F2A-4B5C-9D8E-7F6A5B4C3D2E",
        "bc69f265",
    ] {
        let raw = format!(r#"{{"code":"600011","requestId":"{id}"}}"#);
        assert_eq!(normalize(&raw).unwrap().request_id.as_deref(), Some(id));
    }
}

#[test]
fn an_id_written_as_words_or_markup_is_read_as_text() {
    for (id, secret) in [
        (format!("The token {TOKEN} has failed"), TOKEN),
        ("pwd hunter22".to_owned(), "hunter22"),
        ("OTP 482913".to_owned(), "482913"),
        (format!("<token>{TOKEN}</token>"), TOKEN),
        // With a separator but no secret's key: a token among the id's words.
        (format!("trace:{TOKEN}"), TOKEN),
        (format!("span=1;token={TOKEN}"), TOKEN),
    ] {
        let raw = serde_json::json!({"code": "600011", "requestId": id}).to_string();
        let n = normalize(&raw).unwrap();
        let kept = n.request_id.as_deref().unwrap_or_default();
        assert!(kept.contains("<redacted "), "{id} kept as {kept}");
        assert!(!printed(&raw).contains(secret), "{id}");
    }
}

#[test]
fn a_token_where_the_code_goes_is_redacted_and_unknown() {
    let raw = format!(r#"{{"code":"{TOKEN}"}}"#);
    let n = normalize(&raw).unwrap();
    assert_eq!(
        (n.code.as_ref(), n.known),
        ("<redacted token: 36 chars>", false)
    );
    // As a carrier's code under PNS: the root cause's code.
    let data = serde_json::json!({"resultCode": TOKEN}).to_string();
    let raw = serde_json::json!({"code": "600011", "carrierFailedResultData": data}).to_string();
    assert!(!printed(&raw).contains(TOKEN));
    // A long identifier is no token (one case, classes that rarely change): kept, as a code
    // and as an id (the CLI's memory test sends 12,000 such codes, each its own root cause).
    let id = format!("u{:063}", 42);
    let raw = format!(r#"{{"code":"{id}","requestId":"{id}"}}"#);
    let n = normalize(&raw).unwrap();
    assert_eq!(
        (n.code.as_ref(), n.request_id.as_deref()),
        (id.as_str(), Some(id.as_str()))
    );
    // Catalog codes, however long, are codes.
    let n = normalize(r#"{"Code":"isv.BUSINESS_LIMIT_CONTROL"}"#).unwrap();
    assert_eq!(n.code, "isv.BUSINESS_LIMIT_CONTROL");
}

#[test]
fn a_mobile_number_written_with_an_exponent_is_redacted() {
    for raw in [
        r#"{"code":1.3812345678E10}"#,
        r#"{"code":600011,"requestId":1.3812345678E10}"#,
        r#"{"code":600011,"msg":1.3812345678E10}"#,
    ] {
        let printed = printed(raw);
        assert!(!printed.contains("1.3812345678E10"), "{raw}: {printed}");
        assert!(
            printed.contains("<redacted phone: 15 chars>"),
            "{raw}: {printed}"
        );
    }
    // Nested in kept JSON, where it is printed as `13812345678.0` (an HTTP red-team find).
    let raw =
        r#"{"code":"600011","o":{"n":1.3812345678e10},"a":[1.3812345678E+10,138123456780e-1]}"#;
    let printed = printed(raw);
    assert!(!printed.contains("13812345678"), "{printed}");
    assert_eq!(printed.matches("<redacted phone").count(), 3, "{printed}");
    // A number that holds none is kept as sent, and so is a hex id that reads as a number
    // (`149504e5` would be 14950400000).
    assert_eq!(
        normalize(r#"{"code":6.00011e5}"#).unwrap().code,
        "6.00011e5"
    );
    let n = normalize(r#"{"code":"600011","requestId":"149504e5","msg":"149504e5"}"#).unwrap();
    assert_eq!(n.request_id.as_deref(), Some("149504e5"));
    assert_eq!(n.raw_msg.as_deref(), Some("149504e5"));
}
