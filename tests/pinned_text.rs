//! How the scanner reads text (issue 17): quotes, escapes, semicolons, backslashes and brackets
//! where a print bends JSON's rules, written so that a scanner slipping by one byte changes what
//! a user reads. Expected lines are written by hand, in the form of `common::view`.

mod common;
use common::check;

#[test]
fn quotes_semicolons_and_backslashes_where_a_scanner_can_slip() {
    check(&[
        // Python-style single quotes, keys included: the key after a value ends it, so a
        // leftover key is kept, and a quote inside a value stays in it.
        (
            "{'code': '600011', 'msg': 'it's down', 'foo': 'bar'}",
            "pns 600011 token_failed msg=it's down extra=foo",
        ),
        // A single-quoted value that never closes ends before the next key.
        (
            "TokenRet{code='600011', msg='abc, requestId=r1}",
            "pns 600011 token_failed msg=abc req=r1",
        ),
        // A Ruby or PHP hash print: `=>` between key and value.
        (
            r#"{"code" => "600011", "msg" => "abc"}"#,
            "pns 600011 token_failed msg=abc",
        ),
        (
            "{code => 600011, msg => abc, requestId => r1}",
            "pns 600011 token_failed msg=abc req=r1",
        ),
        // Carrier data in a string whose message quotes a word: read unescaped, whole.
        (
            r#"{"code":"600011","carrierFailedResultData":"{\"resultCode\":\"103119\",\"desc\":\"say \\\"hi\\\"\"}"}"#,
            r#"pns 600011 invalid_configuration carrier=cmcc <- cmcc 103119 invalid_configuration msg=say "hi" carrier=cmcc"#,
        ),
        // A stray closing bracket between entries is stepped over.
        (
            r#"{"code":"600011", ], "requestId":"r1"}"#,
            "pns 600011 token_failed req=r1",
        ),
        // An NSDictionary printed on one line: `;` ends each value.
        (
            "{resultCode = 600011; msg = abc; requestId = r-1;}",
            "pns 600011 token_failed msg=abc req=r-1",
        ),
        // A backslash that opens no escaped quote, before a value or a key, is text.
        (
            r"{code: 600011, path: \tmp\x, requestId: r-9}",
            "pns 600011 token_failed req=r-9 extra=path",
        ),
        (
            r#"{"code":"600011", \x: 1, "requestId":"r1"}"#,
            r"pns 600011 token_failed req=r1 extra=\x",
        ),
    ]);
}

#[test]
fn escapes_and_single_quotes_read_exactly() {
    check(&[
        // Every JSON escape, and `\'` as printed by some SDKs.
        (
            r#"{"code":"600011","msg":"a\/b\bc\fd\re\tf\ng\'h\\i"}"#,
            "pns 600011 token_failed msg=a/b\u{8}c\u{c}d\re\tf\ng'h\\i",
        ),
        // A value that is one stray quote is empty, and the fields after it are read.
        (
            "TokenRet{code='600011', carrierFailedResultData=', requestId='r1', vendorName='cm_zyhl'}",
            "pns 600011 token_failed req=r1 carrier=cmcc extra=carrierFailedResultData",
        ),
        (
            "TokenRet{code = '600011', carrierFailedResultData = ', requestId = 'r1'}",
            "pns 600011 token_failed req=r1 extra=carrierFailedResultData",
        ),
        // A quote inside a value, and a comma before the print's closing parenthesis.
        (
            "TokenRet(code='600011', msg='it's, down', )",
            "pns 600011 token_failed msg=it's, down",
        ),
    ]);
}

#[test]
fn unicode_escapes_pair_only_a_high_and_a_low_surrogate() {
    check(&[
        (
            r#"{"code":"600011","msg":"\ud83d\ude00 ok"}"#,
            "pns 600011 token_failed msg=\u{1F600} ok",
        ),
        // A high surrogate alone is a replacement character; what follows it stays as written.
        (
            r#"{"code":"600011","msg":"\ud83d\u0041"}"#,
            "pns 600011 token_failed msg=\u{FFFD}A",
        ),
        (
            r#"{"code":"600011","msg":"\ud83dXude00"}"#,
            "pns 600011 token_failed msg=\u{FFFD}Xude00",
        ),
        (
            r#"{"code":"600011","msg":"\ud83d\zde00"}"#,
            r"pns 600011 token_failed msg=�\zde00",
        ),
    ]);
}

#[test]
fn single_quoted_values_end_where_the_next_entry_starts() {
    check(&[
        // A value that is a closing brace: the brace is the value, not the object's end.
        (
            "TokenRet{code='600011', msg='}', requestId='r1'}",
            "pns 600011 token_failed msg=} req=r1",
        ),
        // A quote and a comma inside a value, before text that is no key: still the value.
        (
            "TokenRet{code='600011', msg='a', b', requestId='r1'}",
            "pns 600011 token_failed msg=a', b req=r1",
        ),
        // A stray-quote value far from the object's start, a long value after it.
        (
            &format!(
                "TokenRet{{code='600011', carrierFailedResultData=', requestId='r1', note='{}'}}",
                "word ".repeat(40)
            ),
            "pns 600011 token_failed req=r1 extra=carrierFailedResultData,note",
        ),
    ]);
}
