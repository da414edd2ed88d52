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
