//! XML, HTML and plain-text bodies, and JSON that does not parse.

use super::*;

#[test]
fn aws_rest_xml_error() {
    let s = parse(
        "application/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>\
         <Message>The request signature we calculated does not match the signature you provided.</Message>\
         <RequestId>4442587FB7D0A2F9</RequestId><HostId>abc=</HostId></Error>",
    );
    assert_eq!(s.format, Some(BodyFormat::AwsXml));
    assert_eq!(s.code.as_deref(), Some("SignatureDoesNotMatch"));
    assert_eq!(
        s.headline.as_deref(),
        Some("The request signature we calculated does not match the signature you provided.")
    );
    assert_eq!(s.request_id.as_deref(), Some("4442587FB7D0A2F9"));
}

#[test]
fn problem_xml_is_read_as_problem_details() {
    let s = parse(
        "application/problem+xml",
        r#"<?xml version="1.0"?><problem xmlns="urn:ietf:rfc:7807"><type>https://example.com/probs/out-of-credit</type>
               <title>You do not have enough credit.</title><detail>Balance is 30, cost is 50.</detail></problem>"#,
    );
    assert_eq!(s.format, Some(BodyFormat::ProblemJson));
    assert_eq!(s.headline.as_deref(), Some("Balance is 30, cost is 50."));
    assert_eq!(s.code.as_deref(), Some("https://example.com/probs/out-of-credit"));
    assert_eq!(
        s.problem_type.as_deref(),
        Some("https://example.com/probs/out-of-credit")
    );
}

#[test]
fn html_title_then_h1() {
    let s = parse(
        "text/html",
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center></body></html>",
    );
    assert_eq!(s.format, Some(BodyFormat::Html));
    assert_eq!(s.headline.as_deref(), Some("502 Bad Gateway"));
    let h1 = parse_error_body(
        None,
        b"<!DOCTYPE html><html><body><H1 class=\"x\">Access <b>Denied</b> &amp; logged</H1></body></html>",
    );
    assert_eq!(h1.format, Some(BodyFormat::Html));
    assert_eq!(h1.headline.as_deref(), Some("Access Denied & logged"));
}

#[test]
fn html_without_title_or_h1_uses_its_first_text() {
    let s = parse(
        "text/html",
        "<html><body><p>\n  Service &#39;x&#x27; down </p></body></html>",
    );
    assert_eq!(s.headline.as_deref(), Some("Service 'x' down"));
}

#[test]
fn plain_text_first_line() {
    let s = parse(
        "text/plain",
        "\n\n  upstream connect error or disconnect/reset before headers  \nreset reason: overflow\n",
    );
    assert_eq!(s.format, Some(BodyFormat::PlainText));
    assert_eq!(
        s.headline.as_deref(),
        Some("upstream connect error or disconnect/reset before headers")
    );
}

#[test]
fn invalid_json_falls_back_to_text() {
    let s = json("{\"message\": \"unterminated");
    assert_eq!(s.format, Some(BodyFormat::PlainText));
    assert_eq!(s.headline.as_deref(), Some("{\"message\": \"unterminated"));
}
