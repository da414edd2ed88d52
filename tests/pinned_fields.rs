//! Which field of a payload is the code, the message, the inner code, the request id, the
//! carrier (issue 17): payloads with several candidate keys, where picking the wrong one changes
//! what a user reads (source, code, outcome, root cause, request id, carrier, message).
//!
//! Each expected line is written by hand from what the keys mean (`keys:` in data/sources.yaml:
//! a lower rank wins, the first key wins among equal ranks) and what the codes mean (the catalog's
//! tables), never from output. Every payload is one a mutated `from_fields`, `is_fusion_inner` or
//! `Marks` reads differently.

mod common;
use common::{check, view};
use numauth::normalize;

#[test]
fn an_inner_code_of_seven_digits_from_16_or_17_marks_fusion_any_other_marks_pns() {
    // 600001 is a PNS page event but a fusion flow event: the inner code decides the source.
    check(&[
        (
            r#"{"code":"600001","innerCode":"1600011"}"#,
            "fusion 600001 token_failed <- fusion 1600011 token_failed",
        ),
        (
            r#"{"code":"600001","innerCode":"103119"}"#,
            "pns 600001 invalid_configuration carrier=cmcc <- cmcc 103119 invalid_configuration carrier=cmcc",
        ),
        // Starts like a one-tap code, but five digits: PNS's, and an inner code no table knows
        // stays unknown in PNS's namespace, blamed on no carrier.
        (
            r#"{"code":"600001","innerCode":"16000"}"#,
            "pns 600001 auth_page_shown <- pns 16000 unknown",
        ),
        // Seven digits, not 16/17: PNS.
        (
            r#"{"code":"600001","innerCode":"1030001"}"#,
            "pns 600001 auth_page_shown <- pns 1030001 unknown",
        ),
    ]);
}

#[test]
fn the_best_ranked_code_key_is_the_code_and_the_first_of_equal_ranks() {
    check(&[
        // `code` (rank 0) over `resultCode` (rank 1), in either order.
        (
            r#"{"code":"600011","resultCode":"103119"}"#,
            "pns 600011 token_failed extra=resultCode",
        ),
        (
            r#"{"resultCode":"103119","code":"600011"}"#,
            "pns 600011 token_failed extra=resultCode",
        ),
        // `errorCode` (2) over `ret` (4), either order.
        (
            r#"{"ret":"1105","errorCode":"103911"}"#,
            "cmcc 103911 rate_limited carrier=cmcc extra=ret",
        ),
        (
            r#"{"error_code":"103911","ret":"1105"}"#,
            "cmcc 103911 rate_limited carrier=cmcc extra=ret",
        ),
        // `ret` and `retCode` share rank 4, `errno` and `errCode` rank 5: the first one counts.
        (
            r#"{"ret":"1105","retCode":"103119"}"#,
            "cucc 1105 invalid_request carrier=cucc extra=retCode",
        ),
        (
            r#"{"retCode":"103119","ret":"1105"}"#,
            "cmcc 103119 invalid_configuration carrier=cmcc extra=ret",
        ),
        (
            r#"{"errno":"-8004","errCode":"103911"}"#,
            "ctcc -8004 mobile_data_disabled carrier=ctcc extra=errCode",
        ),
        // A key that names no code does not stop a worse-ranked one.
        (
            r#"{"code":"","retCode":"103119"}"#,
            "cmcc 103119 invalid_configuration carrier=cmcc extra=code",
        ),
        // `result` counts only with a number, and then means China Telecom: -10008 is
        // China Telecom's rate limit. Under any other key and with no carrier's sign, -10008
        // is either carrier's (China Unicom's JSON error; REPORT.md §5 lists the clash), so
        // it is known nowhere and blamed on neither.
        (
            r#"{"result":"ok","code":"600011"}"#,
            "pns 600011 token_failed extra=result",
        ),
        (
            r#"{"result":-10008}"#,
            "ctcc -10008 rate_limited carrier=ctcc",
        ),
        (r#"{"code":-10008}"#, "pns -10008 unknown"),
        (
            r#"{"result":0,"resultCode":"-10008"}"#,
            "pns -10008 unknown extra=result",
        ),
    ]);
}

#[test]
fn without_a_code_key_the_first_inner_code_is_the_code() {
    check(&[
        (
            r#"{"vendorCode":"103911","msg":"网关取号失败"}"#,
            "cmcc 103911 rate_limited msg=网关取号失败 carrier=cmcc",
        ),
        (
            r#"{"innerCode":"-8004","vendorCode":"103911"}"#,
            "ctcc -8004 mobile_data_disabled carrier=ctcc extra=vendorCode",
        ),
        // The promoted inner code is the code; another inner code is only kept, not a cause.
        (
            r#"{"vendorCode":"600011","innerCode":"103911"}"#,
            "pns 600011 token_failed extra=innerCode",
        ),
    ]);
}

#[test]
fn the_best_ranked_message_with_text_is_the_message() {
    check(&[
        // `msg` (0) over `message` (3), either order.
        (
            r#"{"code":"600011","message":"m3","msg":"m0"}"#,
            "pns 600011 token_failed msg=m0 extra=message",
        ),
        (
            r#"{"code":"600011","msg":"m0","message":"m3"}"#,
            "pns 600011 token_failed msg=m0 extra=message",
        ),
        // Equal ranks (`errorMsg`, `errorMessage`: 4): the first.
        (
            r#"{"code":"600011","errorMsg":"first","errorMessage":"second"}"#,
            "pns 600011 token_failed msg=first extra=errorMessage",
        ),
        // A blank or null message does not hide a worse-ranked one with text.
        (
            r#"{"code":"600011","msg":"  ","message":"real"}"#,
            "pns 600011 token_failed msg=real extra=msg",
        ),
        // A blank message after one with text does not replace it, whatever its rank.
        (
            r#"{"code":"600011","message":"real","msg":"  "}"#,
            "pns 600011 token_failed msg=real extra=msg",
        ),
        (
            r#"{"code":"600011","msg":null,"desc":"real"}"#,
            "pns 600011 token_failed msg=real extra=msg",
        ),
        // China Unicom's `1` means what its message says: the message key decides the outcome.
        (
            r#"{"resultCode":"1","resultDesc":"网络请求失败","resultMsg":"请求超时"}"#,
            "cucc 1 timeout msg=请求超时 carrier=cucc extra=resultDesc",
        ),
        (
            r#"{"resultCode":"1","resultMsg":"请求超时","msg":"网络请求失败"}"#,
            "cucc 1 network_error msg=网络请求失败 carrier=cucc extra=resultMsg",
        ),
    ]);
}

#[test]
fn a_message_glued_to_the_code_counts_only_without_a_message_key() {
    check(&[
        (
            r#"{"code":"1105msg:参数信息错误"}"#,
            "cucc 1105 invalid_request msg=参数信息错误 carrier=cucc",
        ),
        (
            r#"{"code":"1105msg:参数信息错误","msg":"own"}"#,
            "cucc 1105 invalid_request msg=own carrier=cucc",
        ),
    ]);
}

#[test]
fn the_best_ranked_request_id_with_text_is_the_request_id() {
    check(&[
        // `requestId` (0) over `reqId` (1) over `seq` (2), in any order.
        (
            r#"{"code":"600011","seq":"s2","reqId":"r1","requestId":"r0"}"#,
            "pns 600011 token_failed req=r0 extra=seq,reqId",
        ),
        (
            r#"{"code":"600011","requestId":"r0","reqId":"r1"}"#,
            "pns 600011 token_failed req=r0 extra=reqId",
        ),
        (
            r#"{"code":"600011","reqId":"r1","seq":"s2"}"#,
            "pns 600011 token_failed req=r1 extra=seq",
        ),
        // `process_id` and `processId` are one key (rank 3): the first.
        (
            r#"{"code":"600011","process_id":"p-a","processId":"p-b"}"#,
            "pns 600011 token_failed req=p-a extra=processId",
        ),
        // An empty request id does not hide a worse-ranked one.
        (
            r#"{"code":"600011","requestId":"","reqId":"r1"}"#,
            "pns 600011 token_failed req=r1 extra=requestId",
        ),
        (
            r#"{"code":"600011","reqId":"r1","requestId":""}"#,
            "pns 600011 token_failed req=r1 extra=requestId",
        ),
    ]);
}

#[test]
fn the_first_inner_code_and_inner_message_make_the_cause() {
    check(&[
        (
            r#"{"code":"600011","innerCode":"103119","vendorCode":"103911"}"#,
            "pns 600011 invalid_configuration carrier=cmcc extra=vendorCode <- cmcc 103119 invalid_configuration carrier=cmcc",
        ),
        (
            r#"{"code":"600011","innerCode":"103911","innerMsg":"first","vendorMsg":"second"}"#,
            "pns 600011 rate_limited carrier=cmcc extra=vendorMsg <- cmcc 103911 rate_limited msg=first carrier=cmcc",
        ),
        (
            r#"{"code":"600011","innerMsg":"","innerDesc":"said","innerCode":"103911"}"#,
            "pns 600011 rate_limited carrier=cmcc extra=innerMsg <- cmcc 103911 rate_limited msg=said carrier=cmcc",
        ),
    ]);
}

#[test]
fn the_first_carrier_data_with_text_makes_the_cause() {
    check(&[
        (
            r#"{"code":"600011","carrierFailedResultData":"{\"resultCode\":\"103119\"}"}"#,
            "pns 600011 invalid_configuration carrier=cmcc <- cmcc 103119 invalid_configuration carrier=cmcc",
        ),
        (
            r#"{"code":"600011","carrierFailedResultData":"","carrier_failed_result_data":"{\"resultCode\":\"103911\"}"}"#,
            "pns 600011 rate_limited carrier=cmcc extra=carrierFailedResultData <- cmcc 103911 rate_limited carrier=cmcc",
        ),
        (
            r#"{"code":"600011","carrierFailedResultData":"{\"resultCode\":\"103119\"}","carrier_failed_result_data":"{\"resultCode\":\"103911\"}"}"#,
            "pns 600011 invalid_configuration carrier=cmcc extra=carrier_failed_result_data <- cmcc 103119 invalid_configuration carrier=cmcc",
        ),
        // Only the IDaaS SDK's `data` text is its message; beside another SDK's message it is
        // kept as a field.
        (
            r#"{"code":"600011","msg":"获取token失败","data":"some text"}"#,
            "pns 600011 token_failed msg=获取token失败 extra=data",
        ),
        // The IDaaS SDK's own `data` text is its message, and only that field leaves `extra`.
        (
            r#"{"code":"106","data":"token expired","note":"n1"}"#,
            "idaas_sdk 106 token_invalid msg=token expired extra=note",
        ),
        // A carrier's success never explains an SDK's failure: the failure's outcome stays.
        (
            r#"{"code":"600011","carrierFailedResultData":"{\"resultCode\":\"103000\"}"}"#,
            "pns 600011 token_failed carrier=cmcc <- cmcc 103000 success carrier=cmcc",
        ),
        // Empty carrier data is kept in its place among the other fields, not used.
        (
            r#"{"code":"600011","carrierFailedResultData":"","note":"n"}"#,
            "pns 600011 token_failed extra=carrierFailedResultData,note",
        ),
    ]);
}

#[test]
fn the_first_carrier_name_that_is_an_alias_is_the_carrier() {
    check(&[
        (
            r#"{"code":"600011","vendorName":"cm_zyhl"}"#,
            "pns 600011 token_failed carrier=cmcc",
        ),
        (
            r#"{"code":"600011","vendorName":"cu_xw","operator":"CT"}"#,
            "pns 600011 token_failed carrier=cucc extra=operator",
        ),
        (
            r#"{"code":"600011","vendorName":"nobody","operator":"CT"}"#,
            "pns 600011 token_failed carrier=ctcc extra=vendorName",
        ),
        // The carrier named decides whose code the carrier data holds: -10008 is China
        // Telecom's rate limit, China Unicom's JSON error.
        (
            r#"{"code":"600011","vendorName":"ct_sjl","carrierFailedResultData":"{\"resultCode\":\"-10008\"}"}"#,
            "pns 600011 rate_limited carrier=ctcc <- ctcc -10008 rate_limited carrier=ctcc",
        ),
    ]);
}

#[test]
fn keys_mark_the_source() {
    check(&[
        // A capitalised `Code` is a Dypnsapi response, even for a code no table knows.
        (r#"{"Code":"123456"}"#, "dypns 123456 unknown"),
        (r#"{"code":"123456"}"#, "pns 123456 unknown"),
        // China Telecom's `reqId` and China Unicom's `seq` pick the carrier that knows -10008.
        (
            r#"{"code":"-10008","reqId":"r"}"#,
            "ctcc -10008 rate_limited req=r carrier=ctcc",
        ),
        (
            r#"{"code":"-10008","seq":"s"}"#,
            "cucc -10008 sdk_error req=s carrier=cucc",
        ),
        // The IDaaS SDK's `data`: text describing a failure, or an object holding tokens.
        (
            r#"{"code":"1","data":"domain or clientID not set"}"#,
            "idaas_sdk 1 unknown msg=domain or clientID not set",
        ),
        (
            r#"{"code":"1","data":"{\"access_token\":\"x\"}"}"#,
            "idaas_sdk 1 unknown extra=data",
        ),
        (
            r#"{"code":"1","data":{"access_token":"x"}}"#,
            "idaas_sdk 1 unknown extra=data",
        ),
        // Escaped text is text too.
        (
            r#"{"code":"1","data":"bad \"client\" id"}"#,
            "idaas_sdk 1 unknown msg=bad \"client\" id",
        ),
        // With a message, text in `data` is not the IDaaS SDK's.
        (
            r#"{"code":"1","msg":"请求超时","data":"t"}"#,
            "cucc 1 timeout msg=请求超时 carrier=cucc extra=data",
        ),
    ]);
}

#[test]
fn a_payload_of_many_fields_is_read_whole() {
    // Roles are kept on the stack for up to 12 fields; more must still be read (the padding
    // and three fields: 11, 12, 13 and 40 in all).
    for fields in [8, 9, 10, 37] {
        let pad: String = (0..fields).map(|i| format!(r#""k{i}":"v","#)).collect();
        let raw = format!(r#"{{{pad}"reqId":"r","code":"600011","vendorName":"cu_xw"}}"#);
        let n = normalize(&raw).unwrap_or_else(|e| panic!("{fields} fields: {e}"));
        let keys: Vec<String> = (0..fields).map(|i| format!("k{i}")).collect();
        let want = format!(
            "pns 600011 token_failed req=r carrier=cucc extra={}",
            keys.join(",")
        );
        assert_eq!(view(&n), want, "{fields} fields");
    }
}

/// Keys are matched whole: a key that shares a known key's first 16 letters, or its first 8 of
/// 16, is not that key; `null` is no message; two top-level codes in text are not code and
/// inner code.
#[test]
fn keys_match_whole_and_null_is_no_message() {
    check(&[
        (
            r#"{"code":"600011","carrierFailedResultDesc":"{\"resultCode\":\"103119\"}"}"#,
            "pns 600011 token_failed extra=carrierFailedResultDesc",
        ),
        // Three letters off (bytes 8, 15 and 22, each by the same bit): the key's middle and
        // last eight bytes overlap, and a comparison that let their differences cancel would
        // take it for `carrierFailedResultData`.
        (
            r#"{"code":"600011","carrierFciledRequltDatc":"{\"resultCode\":\"103119\"}"}"#,
            "pns 600011 token_failed extra=carrierFciledRequltDatc",
        ),
        (
            r#"{"code":"600008","errorDesUnknown1":"hello"}"#,
            "pns 600008 mobile_data_disabled extra=errorDesUnknown1",
        ),
        (
            r#"{"code":"600008","errorDescription":"hello"}"#,
            "pns 600008 mobile_data_disabled msg=hello",
        ),
        ("{code: 600008, msg: null}", "pns 600008 mobile_data_disabled extra=msg"),
        (r#"{"code":"600008","msg":null}"#, "pns 600008 mobile_data_disabled extra=msg"),
        (
            "onTokenFailed resultCode:600011, resultCode:600012",
            "pns 600011 token_failed",
        ),
        (
            "failed code:600011, innerCode:103119",
            "pns 600011 invalid_configuration carrier=cmcc <- cmcc 103119 invalid_configuration carrier=cmcc",
        ),
    ]);
}

/// An object without a code whose callback sits in a value: only values that look like an
/// object are tried, so four plain values before it (arrays, strings with escapes, strings) do
/// not crowd it out of the four that are. (Read as text instead, the callback would lose its
/// vendor, which only its own fields give.)
#[test]
fn a_callback_in_a_value_after_four_plain_values_is_found() {
    check(&[
        (
            r#"{"a":[1],"b":[2],"c":[3],"d":[4],"e":{"code":"600011","vendorName":"cu_xw"}}"#,
            "pns 600011 token_failed carrier=cucc extra=a,b,c,d",
        ),
        (
            r#"{"a":"x\"1","b":"x\"2","c":"x\"3","d":"x\"4","e":"{\"code\":\"600011\",\"vendorName\":\"cu_xw\"}"}"#,
            "pns 600011 token_failed carrier=cucc extra=a,b,c,d",
        ),
        (
            r#"{"a":"x1","b":"x2","c":"x3","d":"x4","e":"{code: 600011, vendorName: cu_xw}"}"#,
            "pns 600011 token_failed carrier=cucc extra=a,b,c,d",
        ),
    ]);
}

/// Where an unquoted value ends: brackets and parentheses inside it are kept whole (a comma, a
/// newline or `;` inside them does not end it); a `)` nobody opened ends a Kotlin data class
/// print; `;` ends it only after `=` or at the end of a line.
#[test]
fn unquoted_values_keep_their_brackets() {
    check(&[
        (
            "{msg: 请求超时(1), code: 600011}",
            "pns 600011 token_failed msg=请求超时(1)",
        ),
        (
            "TokenRet(code=600011, msg=请求超时(1), requestId=r1)",
            "pns 600011 token_failed msg=请求超时(1) req=r1",
        ),
        (
            "TokenRet(code=600011, msg=请求超时(1))",
            "pns 600011 token_failed msg=请求超时(1)",
        ),
        (
            "{msg: a [b, c: d] e, code: 600011}",
            "pns 600011 token_failed msg=a [b, c: d] e",
        ),
        (
            "{msg: a [b\n c] d, code: 600011}",
            "pns 600011 token_failed msg=a [b\n c] d",
        ),
        ("{msg: a\n code: 600011}", "pns 600011 token_failed msg=a"),
        (
            "{msg: a; b, code: 600011}",
            "pns 600011 token_failed msg=a; b",
        ),
    ]);
}

#[test]
fn the_first_cause_that_says_something_wins() {
    check(&[
        // Carrier data no table knows, an inner code that is known: the inner code is the cause
        // and the data stays a field.
        (
            r#"{"code":"600011","innerCode":"103911","carrierFailedResultData":"{\"resultCode\":\"999999\"}"}"#,
            "pns 600011 rate_limited carrier=cmcc extra=carrierFailedResultData <- cmcc 103911 rate_limited carrier=cmcc",
        ),
        // Neither is known: the carrier data, read first, stays the cause (under PNS, since no
        // carrier is named), and the inner code a field.
        (
            r#"{"code":"600011","innerCode":"888888","carrierFailedResultData":"{\"resultCode\":\"999999\"}"}"#,
            "pns 600011 token_failed extra=innerCode <- pns 999999 unknown",
        ),
        // The carrier's code without its message, the message in innerMsg: classified with it.
        (
            r#"{"code":"600011","vendorName":"cu_xw","innerCode":"1","innerMsg":"请求超时","carrierFailedResultData":"{\"resultCode\":\"1\"}"}"#,
            "pns 600011 timeout carrier=cucc <- cucc 1 timeout msg=请求超时 carrier=cucc",
        ),
        // The named carrier's namespace, even where another table has the code (China Unicom's
        // web SDK has 101): unknown, not borrowed.
        (
            r#"{"code":"600011","vendorName":"cm_zyhl","carrierFailedResultData":"{\"resultCode\":\"101\"}"}"#,
            "pns 600011 token_failed carrier=cmcc <- cmcc 101 unknown carrier=cmcc",
        ),
        // A message names numbered codes only: a word after `code:` stays text.
        (
            r#"{"code":"600011","msg":"code: isv.TOKEN_INVALID"}"#,
            "pns 600011 token_failed msg=code: isv.TOKEN_INVALID",
        ),
        // China Unicom's keys (its `seq` is the request id), a code only China Mobile has:
        // China Unicom's, unknown. The keys say whose the data is; China Mobile's table is no
        // reading of it (a real one: China Unicom's `10000` + 请求超时 is not China
        // Telecom's 10000 "processed normally").
        (
            r#"{"code":"600011","carrierFailedResultData":"{\"resultCode\":\"102101\",\"resultMsg\":\"x\",\"seq\":\"s1\"}"}"#,
            "pns 600011 token_failed carrier=cucc <- cucc 102101 unknown msg=x req=s1 carrier=cucc",
        ),
    ]);
}
