//! Tests of the search for secrets written after a key in text.

use super::*;

fn masked(t: &str) -> String {
    mask_keyed(Cow::Borrowed(t)).into_owned()
}

#[test]
fn values_after_secret_keys_are_redacted_in_place() {
    assert_eq!(
        masked("获取token成功 token=STsid0001"),
        "获取token成功 token=<redacted token: 9 chars>"
    );
    assert_eq!(
        masked("failed accessCode=ac_01234 password=hunter2, then"),
        "failed accessCode=<redacted code: 8 chars> password=<redacted secret: 7 chars>, then"
    );
    assert_eq!(
        masked("auth_code: 'a b c'; x"),
        "auth_code: '<redacted code: 5 chars>'; x"
    );
    assert_eq!(
        masked(r#"{"token" : "abc"}"#),
        r#"{"token" : "<redacted token: 3 chars>"}"#
    );
    // A value already redacted, a null, a short value under a phone key: kept.
    for kept in [
        "token=<redacted token: 9 chars>",
        "token=null",
        "isPhone: true",
        "code=600011 msg=获取token失败 vendorCode:103911 at 10:31:02",
        "token请求过于频繁: 稍后再试",
        r#"token: {"a":1} {"#,
        // Only blanks and quotes before the separator: no key.
        " : x",
        "'=abc",
        "",
    ] {
        assert_eq!(masked(kept), kept);
    }
}

/// Red-team finds: the separators of Chinese text and of other languages, Chinese names of
/// secrets, escaped quotes and lists; and, from a review of what that over-redacted, the
/// states, placeholders, method names and sentences that are no secret.
#[test]
fn other_separators_and_names_are_read_too() {
    for (text, want) in [
        (
            "获取token成功，token：STsid01",
            "获取token成功，token：<redacted token: 7 chars>",
        ),
        ("token＝STsid01。", "token＝<redacted token: 7 chars>。"),
        ("验证码︰482913", "验证码︰<redacted code: 6 chars>"),
        ("密码﹕hunter22", "密码﹕<redacted secret: 8 chars>"),
        ("token﹦STsid01", "token﹦<redacted token: 7 chars>"),
        (
            "密码：hunter2，请勿泄露",
            "密码：<redacted secret: 7 chars>，请勿泄露",
        ),
        ("授权码: ac_01", "授权码: <redacted code: 5 chars>"),
        ("令牌=abc def", "令牌=<redacted token: 3 chars> def"),
        ("用户口令 'pw 1'", "用户口令 'pw 1'"),
        ("token => STsid01 x", "token => <redacted token: 7 chars> x"),
        ("token := STsid01", "token := <redacted token: 7 chars>"),
        ("token==STsid01", "token==<redacted token: 7 chars>"),
        (
            r#"{\"token\":\"STsid01\"}"#,
            r#"{\"token\":\"<redacted token: 7 chars>\"}"#,
        ),
        (
            r#"token=\"STsid01\" x"#,
            r#"token=\"<redacted token: 7 chars>\" x"#,
        ),
        (r"token=STsid01\n", r"token=<redacted token: 7 chars>\n"),
        (
            "token: [STsid01] ok",
            "token: [<redacted token: 7 chars>] ok",
        ),
        (
            r#"tokens: ["a1","b2"]"#,
            r#"tokens: [<redacted token: 9 chars>]"#,
        ),
        (
            "参数password=x1格式错误",
            "参数password=<redacted secret: 2 chars>格式错误",
        ),
        // After a quoted key, a quoted value or a number is one.
        (
            r#""password": 123456,"#,
            r#""password": <redacted secret: 6 chars>,"#,
        ),
        ("'token': 'ab1'", "'token': '<redacted token: 3 chars>'"),
        // In Chinese brackets or curly quotes (a third red-team run).
        ("token:《ab1》", "token:《<redacted token: 3 chars>》"),
        (
            "password:「hunter2」",
            "password:「<redacted secret: 7 chars>」",
        ),
        ("token: “ab1”", "token: “<redacted token: 3 chars>”"),
        (
            "accessCode=【ac01】",
            "accessCode=【<redacted code: 4 chars>】",
        ),
        ("token:（ab1", "token:（<redacted token: 3 chars>"),
        ("smsCode=123456", "smsCode=<redacted code: 6 chars>"),
        // Full-width letters are a value's; other full-width marks end it (`ｃ`, `｝`).
        ("token=abｃd｝x", "token=<redacted token: 4 chars>｝x"),
        // A key in the plural; a phone key's value with digits.
        ("accessTokens=ab1", "accessTokens=<redacted token: 3 chars>"),
        ("phone: 138****5678", "phone: <redacted phone: 11 chars>"),
        // A verb between the key and the mark, as Chinese logs write it.
        ("token为：ab1", "token为：<redacted token: 3 chars>"),
        ("当前令牌是: ab1", "当前令牌是: <redacted token: 3 chars>"),
        ("token 为 = ab1", "token 为 = <redacted token: 3 chars>"),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

/// An HTTP scheme and its credential are one value, whatever the blanks between them.
/// What is kept of the same forms: states, placeholders, method names, sentences.
#[test]
fn what_only_looks_like_a_secret_is_kept() {
    // No key before the mark, an empty list, other full-width marks, a list of objects.
    for kept in [
        "，：x",
        "获取失败：稍后再试",
        "token: []",
        "token（STsid01）",
        "token；STsid01",
        r#"token: [{"a":1}]"#,
        "ＥＦ：\u{ef}",
        // A line break ends the value: the next line is its own (`msg:` is no token).
        "token:\nmsg: 获取token失败",
        "accessToken=\ncode=600011",
        // A state after the name, not a secret; a placeholder where a secret would be.
        "令牌：已过期",
        "token为：空",
        "令牌是：null",
        "不为：ab1",
        "getLoginToken: 请求超时",
        "token: undefined",
        "token = \"<null>\";",
        "password: N/A",
        "Invalid phone number: malformed",
        // A key that does not end with the secret's word: a method, a prefix, metadata.
        "onTokenFailed: x1",
        "requestTokenWithViewController:viewModel:completion:",
        "tokenType: Bearer",
        "pwdErrorCount=3",
        // A bare word after a quoted key: a sentence, not JSON.
        "unknown code \"token_invalid\": not in the catalog",
        "the field \"token\": not set",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

#[test]
fn a_text_without_secret_keys_stays_borrowed() {
    assert!(matches!(
        mask_keyed(Cow::Borrowed("code=600011 msg=x")),
        Cow::Borrowed(_)
    ));
}

/// Red-team find: Swift's `Optional("…")` and Rust's `Some("…")` around the value: the string
/// inside is the secret, and `Optional(nil)` is a placeholder.
#[test]
fn an_optional_holds_the_value() {
    for (text, want) in [
        (
            r#"token=Optional("abc123")"#,
            r#"token=Optional("<redacted token: 6 chars>")"#,
        ),
        (
            r#"password=Optional("hunter2") x"#,
            r#"password=Optional("<redacted secret: 7 chars>") x"#,
        ),
        (
            r#"token: Some("x1y2")"#,
            r#"token: Some("<redacted token: 4 chars>")"#,
        ),
        (
            "smsCode=Optional(482913)",
            "smsCode=Optional(<redacted code: 6 chars>)",
        ),
        (
            r#"token=Optional(\"abc123\")"#,
            r#"token=Optional(\"<redacted token: 6 chars>\")"#,
        ),
        // With the type printed (`String(reflecting:)` of a generic's value).
        (
            r#"token: Optional<String>("abc123")"#,
            r#"token: Optional<String>("<redacted token: 6 chars>")"#,
        ),
        (
            r#"token=Optional<String>.some("abc123") x"#,
            r#"token=Optional<String>.some("<redacted token: 6 chars>") x"#,
        ),
        (
            r#"token=Optional.some("abc123")"#,
            r#"token=Optional.some("<redacted token: 6 chars>")"#,
        ),
        (
            r#"token: Optional<Optional<Swift.String>>(Optional("abc123"))"#,
            r#"token: Optional<Optional<Swift.String>>(Optional("<redacted token: 6 chars>"))"#,
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    for kept in [
        "token=Optional(nil)",
        "token: None",
        "token: Some(None)",
        "token: Optional<String>(nil)",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// Red-team find: an `Authorization` header's value with any scheme is the whole line (or what
/// its quotes hold), not its first word: the credential comes after the scheme and, for some
/// schemes, after parameters.
/// Red-team find: a key that names the secret's value or string form after its word
/// (`token值：`, `tokenStr=`, `token1=`) is the secret's key; one that names something else
/// about it (`tokenId`, `tokenType`) or a method is not.
#[test]
fn a_key_may_name_the_value_after_the_word() {
    for key in [
        "token值：",
        "Token串：",
        "token字符串=",
        "令牌值：",
        "token值为：",
        "tokenStr=",
        "tokenString=",
        "tokenValue: ",
        "tokenVal=",
        "token_value=",
        "token1=",
        "accessTokenStr=",
    ] {
        assert_eq!(
            masked(&format!("{key}ab1 x")),
            format!("{key}<redacted token: 3 chars> x"),
            "{key}"
        );
    }
    for kept in [
        "tokenId=ab1",
        "token_id: ab1",
        "tokenType=ab1",
        "onTokenFailed: ab1",
        "tokenInterval=ab1",
        "值：ab1",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// Red-team find: SMS verification codes under their Chinese names and other English words.
#[test]
fn sms_codes_under_other_names_are_redacted() {
    for key in [
        "验证码：",
        "短信验证码=",
        "动态码: ",
        "校验码：",
        "验证码是：",
        "captchaCode=",
        "validateCode=",
        "checkCode=",
        "dynamicCode=",
        "securityCode=",
        "passcode=",
        "otpCode=",
        "smsCaptchaCode=",
        "otp=",
        "vcode=",
    ] {
        assert_eq!(
            masked(&format!("{key}482913 x")),
            format!("{key}<redacted code: 6 chars> x"),
            "{key}"
        );
    }
    for kept in [
        "验证码：已发送",
        "验证码错误：482913",
        "verifyCodeType=1",
        "captchaEnabled=true",
        "option=482913",
        "pin=482913",
        "code=482913",
        // A second review's finds: public settings and result codes whose keys held the
        // words, and how long a code is or when to ask again (no code is under 4 characters).
        "captcha=482913",
        "captchaId=647f5ed2ed8acb4b",
        "invalidCode: 1105",
        "验证码：6位数字",
        "验证码：60秒后可重新获取",
        "accessCode=ab1",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// Red-team find: a full-width space (U+3000) after the separator is a blank before the value.
#[test]
fn a_full_width_space_before_the_value_is_skipped() {
    assert_eq!(
        masked("token：　abc123"),
        "token：　<redacted token: 6 chars>"
    );
    assert_eq!(
        masked("密码：　　hunter2。"),
        "密码：　　<redacted secret: 7 chars>。"
    );
    // A state after it is still kept.
    assert_eq!(masked("令牌：　已过期"), "令牌：　已过期");
}

/// Red-team find: PHP's `print_r` writes each key in brackets before `=>`.
#[test]
fn php_print_r_keys_are_read() {
    assert_eq!(
        masked("Array ( [token] => abc123 [password] => hunter2 [code] => 600011 )"),
        "Array ( [token] => <redacted token: 6 chars> [password] => <redacted secret: 7 chars> \
         [code] => 600011 )"
    );
    assert_eq!(
        masked("user[password]=hunter2&x=1"),
        "user[password]=<redacted secret: 7 chars>&x=1"
    );
    // An index is no key; a bracket with no opening one before the key is no key either.
    for kept in [
        "Array ( [0] => abc123 )",
        "token] => abc123",
        "[token x] => abc123",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// Red-team find: session cookies are credentials.
#[test]
fn session_cookies_are_redacted() {
    for (text, want) in [
        (
            "Cookie: JSESSIONID=abc123; Path=/",
            "Cookie: JSESSIONID=<redacted token: 6 chars>; Path=/",
        ),
        (
            "Set-Cookie: SESSIONID=abc123",
            "Set-Cookie: SESSIONID=<redacted token: 6 chars>",
        ),
        ("sessionId: abc123", "sessionId: <redacted token: 6 chars>"),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

/// Review find: an English state after a key in text is no secret; a value that only starts
/// with one is.
#[test]
fn english_states_after_a_key_are_kept() {
    for kept in [
        "get token: timeout after 5000ms",
        "password: incorrect",
        "password=wrong",
        "smsCode: sent",
        "Authorization: (none)",
        "token: (none)",
        "token: missing",
        "token: EMPTY",
        "token: required",
        "password: mismatch",
        // A state as the first word of an Authorization's line: the line is the state's
        // (a second review's find: the gateway's explanation was eaten).
        "Authorization: none x1",
        "Authorization: invalid app key, please check console 错误码600011",
        "Authorization: expired, please re-login",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
    for (text, want) in [
        ("password=wrong1", "password=<redacted secret: 6 chars>"),
        ("token: sentinel", "token: <redacted token: 8 chars>"),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

/// A key of two words (a red-team find: `sms code: 482913` was kept, and read as a cause).
#[test]
fn a_key_of_two_words_is_read() {
    for (text, want) in [
        (
            "短信登录失败 sms code: 482913",
            "短信登录失败 sms code: <redacted code: 6 chars>",
        ),
        (
            "access code=ac01 x",
            "access code=<redacted code: 4 chars> x",
        ),
        (
            "Verification code: 4829",
            "Verification code: <redacted code: 4 chars>",
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    // Words that make no secret key, or are not one blank apart.
    for kept in [
        "result code: 600011",
        "loginAuth code=6001",
        "error code=103119",
        "sms  code: 482913",
        "sms_x code: 482913",
        " code: 482913",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// An Authorization's line ends at the next field of a flattened log line, and a tab after
/// `Bearer` is a blank (a second review's finds).
/// A PHP object's `print_r`: the key's visibility after a `:` in the brackets is no separator
/// (a second review's find: the visibility was redacted and the value kept).
#[test]
fn php_object_keys_are_read_before_their_visibility() {
    let text = r"User Object ( [password:protected] => Hunter2pw [api_token:App\User:private] => abc123def [name:protected] => li )";
    assert_eq!(
        masked(text),
        r"User Object ( [password:protected] => <redacted secret: 9 chars> [api_token:App\User:private] => <redacted token: 9 chars> [name:protected] => li )"
    );
    // A colon in brackets that no `=>` follows is a separator as before.
    assert_eq!(
        masked("[token:abc123]"),
        "[token:<redacted token: 6 chars>]"
    );
}

/// A second review's finds around the Chinese names: a value word with `的`, `内容`, the name
/// in brackets, traditional script; other blanks after the separator; full-width digits; an
/// English verb before the separator; PHP's session cookie.
#[test]
fn more_ways_to_write_a_key_are_read() {
    for (text, want) in [
        ("token的值：ab1", "token的值：<redacted token: 3 chars>"),
        (
            "密码的值为：Hunter2pw",
            "密码的值为：<redacted secret: 9 chars>",
        ),
        ("验证码内容：482913", "验证码内容：<redacted code: 6 chars>"),
        ("[验证码]：482913", "[验证码]：<redacted code: 6 chars>"),
        ("【验证码】：482913", "【验证码】：<redacted code: 6 chars>"),
        (
            "「密码」：Hunter2pw",
            "「密码」：<redacted secret: 9 chars>",
        ),
        (
            "驗證碼：482913 密碼：Hunter2pw",
            "驗證碼：<redacted code: 6 chars> 密碼：<redacted secret: 9 chars>",
        ),
        (
            "密码：\u{a0}Hunter2pw",
            "密码：\u{a0}<redacted secret: 9 chars>",
        ),
        (
            "password:\u{2002}Hunter2pw",
            "password:\u{2002}<redacted secret: 9 chars>",
        ),
        (
            "smsCode=\u{200b}482913",
            "smsCode=\u{200b}<redacted code: 6 chars>",
        ),
        ("验证码：４８２９１３", "验证码：<redacted code: 6 chars>"),
        (
            "the token is: abc123def",
            "the token is: <redacted token: 9 chars>",
        ),
        (
            "password was: Hunter2pw",
            "password was: <redacted secret: 9 chars>",
        ),
        (
            "Cookie: PHPSESSID=k3j4h5g6; path=/",
            "Cookie: PHPSESSID=<redacted token: 8 chars>; path=/",
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    for kept in [
        "this: x1",
        "the token is: expired",
        "验证码：已发送",
        "token的：。",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// A third review's finds: an Authorization line's blank-separated fields after the
/// credential are kept (a scheme's own parameters are not fields); a one-character token or
/// password, and a Chinese key that asks whether one is needed, are none.
mod authorization;

/// Red-team finds: the full-width quotes (`＂`, `＇`) around a key or a value, and the
/// traditional-script name of a token (`權杖`, as `存取權杖` in Taiwan's documentation).
#[test]
fn full_width_quotes_and_traditional_token_names() {
    for (text, want) in [
        (
            "token：＂abc123＂ x",
            "token：＂<redacted token: 6 chars>＂ x",
        ),
        (
            "＂token＂：＂abc 123＂",
            "＂token＂：＂<redacted token: 7 chars>＂",
        ),
        (
            "＇password＇＝＇hunter2＇",
            "＇password＇＝＇<redacted secret: 7 chars>＇",
        ),
        ("存取權杖：abc123", "存取權杖：<redacted token: 6 chars>"),
        ("密碼為：hunter2", "密碼為：<redacted secret: 7 chars>"),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

/// A key that ends its line, its value the whole next line (a YAML or pretty-printed dump): the
/// value is redacted after a LF or CRLF and any indent; a next line with a key of its own or
/// more words is another line's.
#[test]
fn a_value_on_the_line_after_its_key_is_redacted() {
    for (text, want) in [
        ("token:\nSTsid0001abc", "token:\n<redacted token: 12 chars>"),
        (
            "password:\r\n  hunter22\r\nnext",
            "password:\r\n  <redacted secret: 8 chars>\r\nnext",
        ),
        (
            "smsCode=\n\t482913\n",
            "smsCode=\n\t<redacted code: 6 chars>\n",
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    for kept in [
        "token:\n  type: bearer",
        "token:\n  expires=3600",
        "access_token:\n2026-11-20 10:31:02 E/Auth: x",
        "smsCode:\n 482913 sent",
        "token:\n\nSTsid0001abc",
        "token:\n",
        "password:\nincorrect",
    ] {
        assert_eq!(masked(kept), kept);
    }
}
