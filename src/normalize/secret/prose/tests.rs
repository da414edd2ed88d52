use std::borrow::Cow;

use super::*;

/// As `mask_text` calls it: only for a text that may hold a value.
fn masked(s: &str) -> String {
    match may_hold(classes(s.as_bytes())) {
        true => mask_prose(Cow::Borrowed(s)).into_owned(),
        false => s.to_owned(),
    }
}

/// The one pass over a text: what it holds, and whether a value in prose may be there.
#[test]
fn classes_say_what_a_text_holds() {
    assert_eq!(classes(b"a1 <"), DIGIT | BLANK | LT);
    assert_eq!(classes("验".as_bytes()), CJK);
    assert_eq!(classes("４".as_bytes()) & DIGIT, DIGIT);
    assert_eq!(classes(b"abc"), 0);
    assert!(may_hold(classes("验证码482913".as_bytes())));
    assert!(may_hold(classes(b"code is 4829")));
    for no in ["password is hunter", "abc123", "验证码"] {
        assert!(!may_hold(classes(no.as_bytes())), "{no}");
    }
}

/// Every Chinese name of a one-time code ends with `码` or `碼`, where `mask_prose` looks for one.
#[test]
fn code_names_end_where_they_are_looked_for() {
    for name in chinese_code_names() {
        assert!(name.ends_with('码') || name.ends_with('碼'), "{name}");
    }
}

/// An SMS copied into a log: the code after `是`, `为` or right after its name, in any width.
#[test]
fn an_sms_code_in_a_sentence_is_redacted() {
    for (text, want) in [
        (
            "【阿里云】您的验证码是482913，5分钟内有效",
            "【阿里云】您的验证码是<redacted code: 6 chars>，5分钟内有效",
        ),
        (
            "您的短信验证码为 4829，请勿泄露",
            "您的短信验证码为 <redacted code: 4 chars>，请勿泄露",
        ),
        (
            "验证码482913，请勿泄露",
            "验证码<redacted code: 6 chars>，请勿泄露",
        ),
        ("驗證碼為 ４８２９１３", "驗證碼為 <redacted code: 6 chars>"),
        (
            "动态码　482913 有效",
            "动态码　<redacted code: 6 chars> 有效",
        ),
        ("动态码是a1b2c3", "动态码是<redacted code: 6 chars>"),
        ("校验码是48291", "校验码是<redacted code: 5 chars>"),
        ("授权码为9f3e0123", "授权码为<redacted code: 8 chars>"),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

/// English and Chinese sentences that link a secret key to its value with a verb.
#[test]
fn a_value_after_a_linking_verb_is_redacted() {
    for (text, want) in [
        (
            "your verification code is 482913.",
            "your verification code is <redacted code: 6 chars>.",
        ),
        ("sms code was 4829", "sms code was <redacted code: 4 chars>"),
        (
            "password is hunter22, try again",
            "password is <redacted secret: 8 chars>, try again",
        ),
        ("token为abc123", "token为<redacted token: 6 chars>"),
        (
            "accessToken是 ab.c1_d",
            "accessToken是 <redacted token: 7 chars>",
        ),
        ("密码是Pass1234", "密码是<redacted secret: 8 chars>"),
        ("密碼為p@ss 1234", "密碼為p@ss 1234"),
        ("令牌是a1+b/c=", "令牌是<redacted token: 7 chars>"),
        ("sid is 9f8e7d6c", "sid is <redacted token: 8 chars>"),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

/// What such sentences say of a secret, not its value: no digit, too short, a separator after
/// the verb (`mask_keyed` reads that value), or no secret's key before the verb.
#[test]
fn what_a_sentence_says_of_a_secret_is_kept() {
    for kept in [
        "password is incorrect",
        "token is expired after 3 tries",
        "password is 8 characters long",
        "验证码为6位数字",
        "验证码60秒后可重新获取",
        "验证码1次",
        "验证码是：482913",
        "验证码错误1003",
        "校验码x65E0;",
        "The code is 482913",
        "result code is 600011",
        "手机号是138",
        "your token is <redacted token: 9 chars>",
        "是否需要验证码 1234",
        "登录失败，错误码是600011",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
    assert!(matches!(
        mask_prose(Cow::Borrowed("password is 8 long")),
        Cow::Borrowed(_)
    ));
}

/// A second red-team run: the code before the words that name it (the usual SMS), values in
/// quotes, brackets or an `Optional`, a change (`已重置为`, `set to`), links in any case or
/// after a tab, and `动态密码`.
#[test]
fn the_second_red_teams_forms_are_redacted() {
    for (text, want) in [
        ("482913是您的验证码", "<redacted code: 6 chars>是您的验证码"),
        (
            "482913为您的登录验证码，请于5分钟内填写",
            "<redacted code: 6 chars>为您的登录验证码，请于5分钟内填写",
        ),
        (
            "G-482913 is your Google verification code",
            "<redacted code: 8 chars> is your Google verification code",
        ),
        (
            "hunter22 is your password",
            "<redacted secret: 8 chars> is your password",
        ),
        ("验证码是“482913”", "验证码是“<redacted code: 6 chars>”"),
        ("验证码为【482913】", "验证码为【<redacted code: 6 chars>】"),
        ("验证码[482913]", "验证码[<redacted code: 6 chars>]"),
        (
            r#"password is "hunter22""#,
            r#"password is "<redacted secret: 8 chars>""#,
        ),
        (
            r#"token is Optional("abc123def")"#,
            r#"token is Optional("<redacted token: 9 chars>")"#,
        ),
        (
            "您的密码已重置为hunter22",
            "您的密码已重置为<redacted secret: 8 chars>",
        ),
        ("密码设置为hunter22", "密码设置为<redacted secret: 8 chars>"),
        (
            "password was set to hunter22",
            "password was set to <redacted secret: 8 chars>",
        ),
        (
            "PASSWORD IS hunter22",
            "PASSWORD IS <redacted secret: 8 chars>",
        ),
        ("token is\tabc123def", "token is\t<redacted token: 9 chars>"),
        (
            "【工商银行】动态密码482913，请勿泄露",
            "【工商银行】动态密码<redacted code: 6 chars>，请勿泄露",
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

/// What the second red-team run found over-redacted: numbers with a unit, ranges, dates,
/// versions, a result code after `token为`, digits and letters right after a code's name, a
/// quote not closed, a value before words that name no secret, and `to` after no change.
#[test]
fn lengths_times_dates_and_result_codes_are_kept() {
    for kept in [
        "验证码120s后可重发",
        "验证码1000ms超时",
        "验证码 2.12.14 SDK 不支持",
        "验证码 2024-01-01 过期",
        "授权码 5000ms 超时",
        "密码为8-20位",
        "密码为6-20位字母数字组合",
        "token为600011错误",
        "token is 103000 error",
        "token was 2024-01-01 expired",
        "token is 5min old",
        "token为3600s有效",
        "otp is 6-digit",
        "验证码有效期为300秒",
        "验证码 A1B2C3",
        "验证码“482913",
        "600011是错误码",
        "482913 is the code",
        "send token to 4829xyz",
        "password was sent to 4829xyz",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// A third red-team run: SMS templates that write the code before its name with blanks,
/// brackets or other words between, or under other names; `your … code`.
#[test]
fn the_third_red_teams_sms_templates_are_redacted() {
    let r = "<redacted code: 6 chars>";
    for (text, want) in [
        (
            "G-482913是您的Google验证码。".to_owned(),
            "<redacted code: 8 chars>是您的Google验证码。".to_owned(),
        ),
        (
            "482913 为您的登录验证码".to_owned(),
            format!("{r} 为您的登录验证码"),
        ),
        (
            "【482913】是您的验证码".to_owned(),
            format!("【{r}】是您的验证码"),
        ),
        (
            "【美团】482913（登录验证码）。".to_owned(),
            format!("【美团】{r}（登录验证码）。"),
        ),
        ("482913(QQ验证码)".to_owned(), format!("{r}(QQ验证码)")),
        (
            "【哔哩哔哩】482913短信登录验证码".to_owned(),
            format!("【哔哩哔哩】{r}短信登录验证码"),
        ),
        (
            "482913是您本次身份校验的验证码".to_owned(),
            format!("{r}是您本次身份校验的验证码"),
        ),
        (
            "您本次登录的随机码为482913".to_owned(),
            format!("您本次登录的随机码为{r}"),
        ),
        (
            "Microsoft 帐户安全代码为 482913".to_owned(),
            format!("Microsoft 帐户安全代码为 {r}"),
        ),
        ("登录码482913".to_owned(), format!("登录码{r}")),
        ("您的认证码是482913".to_owned(), format!("您的认证码是{r}")),
        (
            "Your code is 482913".to_owned(),
            format!("Your code is {r}"),
        ),
        (
            "Your login code is 482913".to_owned(),
            format!("Your login code is {r}"),
        ),
        (
            "482913 is your Instagram code".to_owned(),
            format!("{r} is your Instagram code"),
        ),
        (
            "您的密码已改为Zx81pw0rd".to_owned(),
            "您的密码已改为<redacted secret: 9 chars>".to_owned(),
        ),
    ] {
        assert_eq!(masked(&text), want, "{text}");
    }
}

/// What the third red-team run found over-redacted: a format's name, a unit after blanks or a
/// date's, a date of eight digits; and words too many or not words between a code and a name.
#[test]
fn formats_units_and_dates_are_kept() {
    for kept in [
        "token is base64 encoded",
        "token为UTF-8编码",
        "token是RS256签名",
        "密码为SHA256加密",
        "token is OAuth2",
        "授权码3000毫秒超时",
        "验证码 2000 条已用完",
        "验证码2024年5月1日发送",
        "校验码 20240501 生成",
        "错误600011，验证码发送失败",
        "请在5分钟内输入验证码",
        "482913这是一段很长很长的话然后才说到验证码",
        "482913 is the code",
        "您的 Apple ID 代码为：482913",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// The edges the mutants found: a link after two blanks, a word after a secret's key that
/// links nothing, twelve characters between a code and its name but not thirteen, ASCII
/// brackets around a code, six words between a code and its name but not seven.
#[test]
fn the_edges_of_each_form() {
    let r = "<redacted code: 6 chars>";
    for (text, want) in [
        (
            "password  is hunter22".to_owned(),
            "password  is <redacted secret: 8 chars>".to_owned(),
        ),
        (
            format!("482913{}验证码", "的".repeat(12)),
            format!("{r}{}验证码", "的".repeat(12)),
        ),
        (
            "[482913]是您的验证码".to_owned(),
            format!("[{r}]是您的验证码"),
        ),
        (
            "(482913) 为您的验证码".to_owned(),
            format!("({r}) 为您的验证码"),
        ),
        (
            "482913 is your one two three four code".to_owned(),
            format!("{r} is your one two three four code"),
        ),
    ] {
        assert_eq!(masked(&text), want, "{text}");
    }
    for kept in [
        "the token v2.1 format".to_owned(),
        format!("482913{}验证码", "的".repeat(13)),
        "482913 is your one two three four five code".to_owned(),
    ] {
        assert_eq!(masked(&kept), kept, "{kept}");
    }
}

/// Every quote and bracket a value may be in after a linking word, full-width letters in a
/// value, a full stop after one, and codes of eight digits that are no date.
#[test]
fn each_quote_letters_stops_and_dates() {
    for (open, close) in [
        ("\"", "\""),
        ("'", "'"),
        ("[", "]"),
        ("(", ")"),
        ("“", "”"),
        ("‘", "’"),
        ("「", "」"),
        ("『", "』"),
        ("【", "】"),
        ("《", "》"),
        ("（", "）"),
        ("＂", "＂"),
    ] {
        let text = format!("验证码是{open}482913{close}");
        let want = format!("验证码是{open}<redacted code: 6 chars>{close}");
        assert_eq!(masked(&text), want, "{text}");
    }
    for (text, want) in [
        ("token为ａｂｃ１２３", "token为<redacted token: 6 chars>"),
        (
            "password is hunter22. Try again",
            "password is <redacted secret: 8 chars>. Try again",
        ),
        ("验证码 12345678", "验证码 <redacted code: 8 chars>"),
        ("验证码 20241399", "验证码 <redacted code: 8 chars>"),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

/// A code one blank after an English name of a one-time code or a password, and one written
/// before `as` and the name; a result code's, a token's or a bare `code`'s number is kept.
#[test]
fn a_code_after_an_english_name_is_redacted() {
    let r = "<redacted code: 6 chars>";
    for (text, want) in [
        (
            "Your verification code 482913, valid for 5 minutes".to_owned(),
            format!("Your verification code {r}, valid for 5 minutes"),
        ),
        ("SMS code 482913".to_owned(), format!("SMS code {r}")),
        ("your code 482913".to_owned(), format!("your code {r}")),
        (
            "OTP 482913 for login".to_owned(),
            format!("OTP {r} for login"),
        ),
        ("passcode  482913".to_owned(), format!("passcode  {r}")),
        (
            "login code \"482913\"".to_owned(),
            format!("login code \"{r}\""),
        ),
        (
            "sms code [4829]".to_owned(),
            "sms code [<redacted code: 4 chars>]".to_owned(),
        ),
        (
            "one-time password 48291300".to_owned(),
            "one-time password <redacted secret: 8 chars>".to_owned(),
        ),
        (
            "Use 482913 as your verification code".to_owned(),
            format!("Use {r} as your verification code"),
        ),
    ] {
        assert_eq!(masked(&text), want, "{text}");
    }
    for kept in [
        "error code 600011 retry",
        "the code 600011",
        "token 600011 failed",
        "sms code 482",
        "sms code 123456789",
        "verification code 120 seconds",
        "password 20240501",
        "verification code expired 482913",
        "OTP 2000 条",
        "sms code  hunter",
        "use 482913 as the retry count",
    ] {
        assert_eq!(masked(kept), kept);
    }
}

/// The service red-team's forms: a value one blank after a password's, a token's or an access
/// code's name, in English or Chinese, or after `Bearer`; what such words say of a secret, a
/// version, a range and a token's result code are kept.
#[test]
fn a_value_one_blank_after_any_secrets_name_is_redacted() {
    for (text, want) in [
        (
            "otp 778899 密码 hunter2 token abcdefSECRET12",
            "otp <redacted code: 6 chars> 密码 <redacted secret: 7 chars> token <redacted token: 14 chars>",
        ),
        ("pwd hunter2", "pwd <redacted secret: 7 chars>"),
        ("accessToken Xy12abcd", "accessToken <redacted token: 8 chars>"),
        ("access_code AC1234", "access_code <redacted code: 6 chars>"),
        ("Bearer eyJhbGciOi12", "Bearer <redacted token: 12 chars>"),
        ("令牌 abc123 已过期", "令牌 <redacted token: 6 chars> 已过期"),
        // A value that starts with a token's mark, or after a second blank.
        ("pwd -hunter22", "pwd <redacted secret: 9 chars>"),
        ("token  _ab12cd", "token  <redacted token: 7 chars>"),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    for kept in [
        "token expired 3 times",
        "password incorrect",
        "token 600011 failed",
        "sessionId 12345678",
        "token 2.12.14",
        "token V2.1.3 format",
        "pwd len 8",
        "Bearer token missing",
        "密码 错误",
        "密码 8-20位",
        "验证码 A1B2C3",
        "error abc123",
    ] {
        assert_eq!(masked(kept), kept);
    }
}
