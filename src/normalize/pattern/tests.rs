use super::*;

fn pairs(text: &str) -> Vec<(&str, Option<&str>, bool)> {
    let (named, len) = scan(text);
    named
        .into_iter()
        .take(len)
        .map(|n| (&text[n.code], n.msg.map(|m| &text[m]), n.inner))
        .collect()
}

#[test]
fn the_issue_patterns() {
    assert_eq!(
        pairs("vendorCode:103911, msg:token请求过于频繁"),
        [("103911", Some("token请求过于频繁"), true)]
    );
    assert_eq!(
        pairs("code:1105msg:参数信息错误"),
        [("1105", Some("参数信息错误"), false)]
    );
    assert_eq!(
        pairs("result code:410004 msg:数据网络未开启"),
        [("410004", Some("数据网络未开启"), false)]
    );
    assert_eq!(
        pairs("error_code: IDAAS.SDK.LOGIN.1005."),
        [("IDAAS.SDK.LOGIN.1005", None, false)]
    );
}

#[test]
fn words_inside_words_and_non_numbers_do_not_count() {
    assert!(pairs("barcode:123 result: success unicode=5").is_empty());
    assert_eq!(pairs("result:-8004"), [("-8004", None, false)]);
    assert_eq!(
        pairs("code=600011 msg=获取token失败 vendorCode=-8004, msg=x"),
        [
            ("600011", Some("获取token失败"), false),
            ("-8004", Some("x"), true)
        ]
    );
}

#[test]
fn request_ids_in_text() {
    let t = "TeaException: code: 400, 令牌无效 request id: 8A4F-11C2 trace";
    assert_eq!(request_id(t).map(|r| &t[r]), Some("8A4F-11C2"));
    let t = "failed requestId=\"ab_9\"";
    assert_eq!(request_id(t).map(|r| &t[r]), Some("ab_9"));
    assert_eq!(request_id("request id: "), None);
    assert_eq!(request_id("no id here"), None);
}

fn msg(text: &str) -> Option<&str> {
    message(text).map(|r| &text[r])
}

#[test]
fn a_message_ends_at_a_comma_before_the_next_key() {
    assert_eq!(msg("msg:x, requestId:r"), Some("x"));
    assert_eq!(msg("msg:获取失败, b c"), Some("获取失败, b c"));
    assert_eq!(msg("msg:abc key:1 end"), Some("abc key:1 end"));
    assert_eq!(msg("msg:a, : x"), Some("a, : x"));
    // Blanks the separator does not skip are trimmed (an ideographic space).
    assert_eq!(msg("msg:\u{3000}hello"), Some("hello"));
    // A key inside a longer word is not the key, after a letter or an underscore.
    assert_eq!(msg("xmsg:abc"), None);
    assert_eq!(msg("x_msg:abc"), None);
}

/// JSON as the message runs to its closing bracket, over the commas and keys in it; unclosed,
/// it ends as any message does.
#[test]
fn a_json_message_runs_to_its_closing_bracket() {
    let t = r#"code=600011 msg=[{"name":"token","value":"x"}] requestId=r"#;
    assert_eq!(msg(t), Some(r#"[{"name":"token","value":"x"}]"#));
    let t = r#"msg={"a":"}","b":{"c":1}}, code:1"#;
    assert_eq!(msg(t), Some(r#"{"a":"}","b":{"c":1}}"#));
    assert_eq!(msg(r#"msg=["a","b"]"#), Some(r#"["a","b"]"#));
    assert_eq!(msg(r#"msg=[{"a":1,"b":2"#), Some(r#"[{"a":1"#));
    assert_eq!(
        msg("msg=[CT,(80801)WIFI切换异常] x"),
        Some("[CT,(80801)WIFI切换异常] x")
    );
}

fn codes(text: &str) -> Vec<&str> {
    let (named, len) = scan(text);
    named.into_iter().take(len).map(|n| &text[n.code]).collect()
}

#[test]
fn a_code_is_a_number_or_a_dotted_name_where_names_count() {
    assert!(codes("result:a.b").is_empty());
    assert!(codes("code:abc").is_empty());
    assert!(codes("code:_x.y").is_empty());
    assert_eq!(codes("code:isv.X"), ["isv.X"]);
}

#[test]
fn prose_keys_name_numbers_of_three_digits_or_more() {
    assert_eq!(codes("接口报错600004 获取配置失败"), ["600004"]);
    assert_eq!(codes("初始化失败，错误码600017"), ["600017"]);
    assert_eq!(codes("错误代码： -8004"), ["-8004"]);
    assert_eq!(codes("返回码=103000"), ["103000"]);
    assert_eq!(codes("报错 \"410004\""), ["410004"]);
    // Two digits, no number, or a word after the key: not a code.
    assert!(codes("报错了3次").is_empty());
    assert!(codes("错误码12").is_empty());
    assert!(codes("报错信息：网络异常").is_empty());
    assert!(codes("错误码：isv.X").is_empty());
}

fn bracket(text: &str) -> Vec<(&str, Option<&str>, bool, Option<&str>)> {
    let (named, len) = scan(text);
    named
        .into_iter()
        .take(len)
        .map(|n| {
            let carrier = n.carrier.map(|r| &text[r]);
            (&text[n.code], n.msg.map(|m| &text[m]), n.inner, carrier)
        })
        .collect()
}

#[test]
fn a_carrier_result_in_brackets() {
    assert_eq!(
        bracket("preLogin failed:[CM,(200010)无法识别sim卡]"),
        [("200010", Some("无法识别sim卡"), true, Some("CM"))]
    );
    // The message runs over a JSON object, a `]` inside it included; the code before the
    // brackets keeps `content` as its message, without the colon that ends it.
    let t = r#"code=6001, content=failed:[CU, (1){"error":"x]","d":"e"}], operator=CU"#;
    assert_eq!(
        bracket(t),
        [
            ("6001", Some("failed"), false, None),
            ("1", Some(r#"{"error":"x]","d":"e"}"#), true, Some("CU"))
        ]
    );
    // No closing bracket: to the end; no message: none.
    assert_eq!(
        bracket("[电信,(-8004)移动网络未开启"),
        [("-8004", Some("移动网络未开启"), true, Some("电信"))]
    );
    assert_eq!(bracket("[CT,(80801)]"), [("80801", None, true, Some("CT"))]);
    // Not a carrier's name, no parenthesis, no number, or no closing parenthesis.
    for text in [
        "[main,(123)x]",
        "[CT,80801]",
        "[CT,(abc)x]",
        "[CT,(80801x]",
        "[CT(1)x]",
    ] {
        assert!(bracket(text).is_empty(), "{text}");
    }
}

fn openapi(text: &str) -> Vec<(&str, Option<&str>, bool)> {
    let (named, len) = scan(text);
    named
        .into_iter()
        .take(len)
        .map(|n| (&text[n.code], n.msg.map(|m| &text[m]), n.http_status))
        .collect()
}

#[test]
fn an_openapi_exception_message_names_an_http_status_and_its_message() {
    assert_eq!(
        openapi("code: 400, 号码格式非法 request id: r-1"),
        [("400", Some("号码格式非法"), true)]
    );
    // Blanks around the message are not part of it; a message the body lacked is none.
    assert_eq!(
        openapi("x code: 599,   a b  request id: r"),
        [("599", Some("a b"), true)]
    );
    assert_eq!(
        openapi("code: 500, null request id: r"),
        [("500", None, true)]
    );
    assert_eq!(openapi("code: 500,  request id: r"), [("500", None, true)]);
    // Not the SDKs' text: a status below 400 or of four digits, no blank after the comma, the
    // request id on another line or written otherwise, or another code key.
    for text in [
        "code: 399, x request id: r",
        "code: 600, x request id: r",
        "code: 4000, x request id: r",
        "code: 400,x request id: r",
        "code: 400, x\nrequest id: r",
        "code: 400, x\r request id: r",
        "code: 400, x Request ID: r",
        "code: 40a, x request id: r",
        "result code: 400, x request id: r",
        "errcode: 400, x request id: r",
    ] {
        assert!(openapi(text).iter().all(|n| !n.2), "{text}");
    }
}

#[test]
fn ns_error_prints() {
    let parts = |t: &str| {
        ns_error(t).map(|e| {
            let at = |r: Range<usize>| t.get(r).unwrap().to_owned();
            (at(e.domain), at(e.code), e.description.map(at))
        })
    };
    let want = |d: &str, c: &str, m: Option<&str>| Some((d.into(), c.into(), m.map(Into::into)));
    assert_eq!(
        parts(r#"x: Error Domain=D.e Code=-1001 "a "b" c" UserInfo={k="v"}"#),
        want("D.e", "-1001", Some(r#"a "b" c"#))
    );
    assert_eq!(
        parts(r#"Error Domain=D Code=7 "(null)""#),
        want("D", "7", None)
    );
    assert_eq!(parts("Error Domain=D Code=7"), want("D", "7", None));
    assert_eq!(
        parts("Error Domain=D Code=7 UserInfo={}"),
        want("D", "7", None)
    );
    // The description ends with its line; a line's last quote closes it.
    assert_eq!(
        parts("Error Domain=D Code=7 \"a\" b\"\nc\""),
        want("D", "7", Some("a\" b"))
    );
    assert_eq!(parts(r#"Error Domain=D Code=7 """#), want("D", "7", None));
    for not in [
        "Error Domain= Code=7",
        "Error Domain=D Code=x",
        "Error Domain=D Code=-",
        "Error Domain=D  Code=7",
        "Error Domain=D",
        "Error Domain=D Code",
        r#"{"msg":"Error Domain=D Code=7"}"#,
    ] {
        assert_eq!(parts(not), None, "{not}");
    }
}

fn java(text: &str) -> Vec<(&str, Option<&str>)> {
    let (named, len) = scan(text);
    named
        .into_iter()
        .take(len)
        .map(|n| (&text[n.code], n.msg.map(|m| &text[m])))
        .collect()
}

#[test]
fn the_old_java_sdks_exception_names_the_servers_code() {
    let want = |code, msg| vec![(code, Some(msg))];
    // `getMessage()`: `<ErrCode> : <ErrMsg>`, then `\r\nRequestId : <id>`.
    let t = "com.aliyuncs.exceptions.ServerException: Throttling.User : Request was denied.\r\nRequestId : 7A-1";
    assert_eq!(java(t), want("Throttling.User", "Request was denied."));
    assert_eq!(
        java("isv.MOBILE_NUMBER_ILLEGAL : 号码格式非法 \nRequestId : r\n\tat x"),
        want("isv.MOBILE_NUMBER_ILLEGAL", "号码格式非法")
    );
    // The line just before the request id's; a client error with none, by its class.
    assert_eq!(
        java("start\nSDK.InvalidRegionId : Can not find endpoint.\r\nRequestId : r"),
        want("SDK.InvalidRegionId", "Can not find endpoint.")
    );
    let client = "Caused by: com.aliyuncs.exceptions.ClientException: SDK.ServerUnreachable : Server unreachable: x\n\tat y";
    assert_eq!(
        java(client),
        want("SDK.ServerUnreachable", "Server unreachable: x")
    );
    assert_eq!(java("SDK.X : \r\nRequestId : r"), vec![("SDK.X", None)]);
    // Not that print: no request id line and no SDK class, the id not at a line's start, no
    // ` : ` after a word, a code of digits alone, or a code some key names.
    for text in [
        "Throttling.User : Request was denied.",
        "Throttling.User : x RequestId : r",
        "Throttling.User : x\nRetry later\nRequestId : r",
        "Throttling.User: x\nRequestId : r",
        "400 : x\nRequestId : r",
        " : x\nRequestId : r",
        "com.aliyuncs.exceptions.ClientException: no code here",
    ] {
        assert!(java(text).is_empty(), "{text}");
    }
    assert_eq!(java("code: 600011 x\nRequestId : r")[0].0, "600011");
}
