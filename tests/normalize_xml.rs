//! Dypnsapi's XML responses: XML is the default format of Alibaba Cloud's RPC APIs, and support
//! logs hold such bodies as they came. Written for these tests.

use numauth::{normalize, AuthOutcome, Category, ParseError, Shape, Source};

mod common;
use common::extra;

#[test]
fn an_xml_success_reads_like_its_json() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<GetMobileResponse>
  <RequestId>5C1D-77A0-93E2</RequestId>
  <Message>OK</Message>
  <Code>OK</Code>
  <GetMobileResultDTO>
    <Mobile>13912345678</Mobile>
  </GetMobileResultDTO>
</GetMobileResponse>"#;
    let n = normalize(xml).unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Dypns, "OK"));
    assert_eq!(
        (n.category, n.outcome),
        (Category::Success, AuthOutcome::Success)
    );
    assert_eq!(n.request_id.as_deref(), Some("5C1D-77A0-93E2"));
    // The phone number is redacted inside the nested element, as in JSON.
    let dto = extra(&n, "GetMobileResultDTO").unwrap();
    assert_eq!(
        dto.to_json(),
        serde_json::json!({"Mobile": "<redacted phone: 11 chars>"})
    );
    assert!(!format!("{n:?}").contains("13912345678"));
}

#[test]
fn an_xml_error_body_with_entities() {
    let xml = r#"<Error><RequestId>E-42</RequestId><HostId>dypnsapi.aliyuncs.com</HostId><Code>isv.TOKEN_INVALID</Code><Message>&#x4EE4;&#x724C;&#x65E0;&#x6548; &amp; expired</Message></Error>"#;
    let n = normalize(xml).unwrap();
    assert_eq!(
        (n.source, n.code.as_ref(), n.outcome),
        (
            Source::Dypns,
            "isv.TOKEN_INVALID",
            AuthOutcome::TokenInvalid
        )
    );
    assert_eq!(n.raw_msg.as_deref(), Some("令牌无效 & expired"));
    assert_eq!(n.request_id.as_deref(), Some("E-42"));
}

#[test]
fn xml_without_a_code_says_it_was_xml() {
    for xml in [
        "<html><body>502 Bad Gateway</body></html>",
        "<Result><Data>1</Data></Result>",
    ] {
        let err = normalize(xml).unwrap_err();
        assert_eq!(err, ParseError::NoCode { shape: Shape::Xml }, "{xml}");
        assert!(err.to_string().contains("in the XML document"), "{err}");
    }
    // Not one well-formed element: read as text like any other line.
    let n = normalize("<Auth> code:600011 msg:获取token失败").unwrap();
    assert_eq!((n.source, n.code.as_ref()), (Source::Pns, "600011"));
}
