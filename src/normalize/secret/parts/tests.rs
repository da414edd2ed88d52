use std::borrow::Cow;

use super::*;

fn masked(s: &str) -> String {
    mask_parts(Cow::Borrowed(s)).into_owned()
}

/// OkHttp's log of a multipart body: each part named for a secret loses its body, in CRLF or
/// LF text, quoted or bare names, with more headers before the blank line.
#[test]
fn a_secret_parts_body_is_redacted() {
    let crlf = "--b1\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nhunter22\r\n\
                --b1\r\nContent-Disposition: form-data; name=\"token\"\r\nContent-Type: \
                text/plain\r\n\r\nSTsid0001abc\r\n--b1--";
    assert_eq!(
        masked(crlf),
        "--b1\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n\
         <redacted secret: 8 chars>\r\n--b1\r\nContent-Disposition: form-data; name=\"token\"\
         \r\nContent-Type: text/plain\r\n\r\n<redacted token: 12 chars>\r\n--b1--"
    );
    let lf = "Content-Disposition: form-data;name=smsCode\n\n  482913\n--b--";
    assert_eq!(
        masked(lf),
        "Content-Disposition: form-data;name=smsCode\n\n  <redacted code: 6 chars>\n--b--"
    );
    // The last part, with no boundary after it.
    let last = "Content-Disposition: form-data; name=\"access_token\"\n\nAT0001";
    assert_eq!(
        masked(last),
        "Content-Disposition: form-data; name=\"access_token\"\n\n<redacted token: 6 chars>"
    );
}

/// A part named for no secret, a file's `filename`, an empty or short body, a label, and a
/// header with no blank line before the next boundary keep their text.
#[test]
fn other_parts_are_kept() {
    for kept in [
        "Content-Disposition: form-data; name=\"phoneModel\"\r\n\r\nPixel 8\r\n--b",
        "Content-Disposition: form-data; name=\"file\"; filename=\"token.txt\"\r\n\r\nabcdef\r\n--b",
        "Content-Disposition: form-data; name=\"token\"\r\n\r\n\r\n--b",
        "Content-Disposition: form-data; name=\"smsCode\"\r\n\r\n123\r\n--b",
        "Content-Disposition: form-data; name=\"password\"\r\n\r\n密码\r\n--b",
        "Content-Disposition: form-data; name=\"token\"\r\n--b\r\n\r\nnext part",
        "Content-Disposition: form-data; filename=\"password\"\r\n\r\nhunter22",
        "form-data; name=\"token\" and nothing after",
    ] {
        assert_eq!(masked(kept), kept);
    }
}
