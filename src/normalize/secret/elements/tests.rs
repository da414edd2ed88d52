use std::borrow::Cow;

use super::*;

fn masked(s: &str) -> String {
    mask_elements(Cow::Borrowed(s)).into_owned()
}

/// The text of an element named for a secret, or whose `name`/`key` attribute names one.
#[test]
fn the_text_of_a_secret_element_is_redacted() {
    for (text, want) in [
        (
            "失败 <token>abc123def</token> <password>hunter22</password>",
            "失败 <token><redacted token: 9 chars></token> <password><redacted secret: 8 chars></password>",
        ),
        (
            "<ns:AccessCode> ac_123456 </ns:AccessCode>",
            "<ns:AccessCode> <redacted code: 9 chars> </ns:AccessCode>",
        ),
        (
            "<accessToken type=\"jwt\"><![CDATA[eyJ0.e30.sig]]></accessToken>",
            "<accessToken type=\"jwt\"><![CDATA[<redacted token: 12 chars>]]></accessToken>",
        ),
        (
            r#"<string name="password">hunter22</string><string name="host">a.b</string>"#,
            r#"<string name="password"><redacted secret: 8 chars></string><string name="host">a.b</string>"#,
        ),
        (
            r#"<entry key=\"smsCode\">482913</entry>"#,
            r#"<entry key=\"smsCode\"><redacted code: 6 chars></entry>"#,
        ),
        ("<sid>9f8e7d</sid>", "<sid><redacted token: 6 chars></sid>"),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

/// An element that names no secret, holds other elements, a state, a null, a redaction or
/// less than a code; a closing tag that is not its own opening tag's; text with no element.
#[test]
fn other_elements_are_kept() {
    for kept in [
        "<Code>isv.X</Code><Message>token invalid</Message>",
        "<token><value>abc123</value></token>",
        "<password>incorrect</password>",
        "<token>null</token>",
        "<token></token>",
        "<smsCode>123</smsCode>",
        "<token><redacted token: 9 chars></token>",
        "<b>abc123</token>",
        "<token/>abc123</token>",
        "a </ b",
        "x</token>",
        "<string name=\"tokenType\">bearer1</string>",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
    assert!(matches!(
        mask_elements(Cow::Borrowed("<a>b</a>")),
        Cow::Borrowed(_)
    ));
}

/// A second red-team run: an iOS plist's `<key>` before its value, a `value` attribute beside a
/// `name` or `key` that names a secret, an attribute on the next line; a form's label kept.
#[test]
fn plists_and_value_attributes_are_redacted_and_labels_kept() {
    for (text, want) in [
        (
            "<key>token</key><string>abc123def</string>",
            "<key>token</key><string><redacted token: 9 chars></string>",
        ),
        (
            "<key>accessCode</key>\\n\\t<string>ac_12345</string>",
            "<key>accessCode</key>\\n\\t<string><redacted code: 8 chars></string>",
        ),
        // A plist printed with its line breaks, after other keys.
        (
            "<dict><key>host</key><string>a.b</string> <key>token</key>\n\t<string>abc123def</string>",
            "<dict><key>host</key><string>a.b</string> <key>token</key>\n\t<string><redacted token: 9 chars></string>",
        ),
        (
            r#"<int name="otp" value="482913" />"#,
            r#"<int name="otp" value="<redacted code: 6 chars>" />"#,
        ),
        (
            r#"<add key="password" value='hunter22'/>"#,
            r#"<add key="password" value='<redacted secret: 8 chars>'/>"#,
        ),
        (
            "<string\nname=\"password\">hunter22</string>",
            "<string\nname=\"password\"><redacted secret: 8 chars></string>",
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    for kept in [
        r#"<string name="password">Password</string>"#,
        r#"<string name="token">@string/token_label</string>"#,
        r#"<string name="password">密码</string>"#,
        r#"<int name="otp_length" value="6" />"#,
        r#"<entry key="host" value="a.b.c"/>"#,
        r#"<entry key="token" value="x"/>"#,
        r#"<entry key="token" val="abc123"/>"#,
        r#"<entry xkey="token" value="abc123"/>"#,
        "<key>host</key><string>a.b.c</string>",
        "<key>token</key>, <string>abc123</string>",
    ] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
}

/// The shortest values: a code of 4 characters and any other secret of 2 are redacted, one
/// shorter kept; an element far into a long text is read where it is.
#[test]
fn the_shortest_values_and_elements_deep_in_a_text() {
    for (text, want) in [
        (
            "<smsCode>1234</smsCode>",
            "<smsCode><redacted code: 4 chars></smsCode>",
        ),
        (
            "<token>ab</token>",
            "<token><redacted token: 2 chars></token>",
        ),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
    for kept in ["<smsCode>123</smsCode>", "<token>a</token>"] {
        assert_eq!(masked(kept), kept, "{kept}");
    }
    let pad = "x".repeat(300);
    assert_eq!(
        masked(&format!("{pad}<token>abc123</token>")),
        format!("{pad}<token><redacted token: 6 chars></token>")
    );
    assert_eq!(
        masked(&format!("{pad}<int name=\"otp\" value=\"482913\"/>")),
        format!("{pad}<int name=\"otp\" value=\"<redacted code: 6 chars>\"/>")
    );
}
