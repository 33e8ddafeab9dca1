//! XML error documents, read with a real XML parser: the AWS and Azure Storage `<Error>`
//! (`Code`, `Message`, and the elements that name what was wrong — `BucketName`,
//! `HeaderName`, `AuthenticationErrorDetail`, …), SOAP 1.1 and 1.2 faults (`faultcode` /
//! `faultstring`, `Code/Value` / `Reason/Text`) and any other document with a message-like
//! element (docs/diagnosis.md §Error bodies).
//!
//! Separate from `text` because it parses: element names are compared without their
//! namespace prefix and case, entities are decoded, and a document that does not parse gives
//! nothing rather than a guess.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::summary::{BodyFormat, ErrorSummary, clean};

/// Elements that hold the message, most telling first (local names, lower case).
const MESSAGE: &[&str] = &[
    "message",
    "faultstring",
    "text",
    "errormessage",
    "error_description",
    "description",
    "detail",
    "reason",
];
/// Elements that hold the code.
const CODE: &[&str] = &["code", "faultcode", "errorcode", "value", "error"];
const REQUEST_ID: &[&str] = &["requestid", "request-id", "x-ms-request-id", "traceid"];
/// Elements that are noise in evidence.
const SKIPPED: &[&str] = &[
    "hostid",
    "time",
    "timestamp",
    "requestid",
    "request-id",
    "x-ms-request-id",
    "traceid",
];
/// How many elements a document may have before reading stops.
const MAX_ELEMENTS: usize = 2_000;
/// How many further elements the summary keeps as details.
const MAX_DETAILS: usize = 5;

/// The leaf elements of a document, in order: (local name as written, text). `None` when it
/// does not parse as XML or has no element with text.
pub(super) fn leaves(text: &str) -> Option<Vec<(String, String)>> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<String> = Vec::new();
    let mut leaves = Vec::new();
    let mut current = String::new();
    let mut seen = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) => {
                seen += 1;
                if seen > MAX_ELEMENTS {
                    break;
                }
                open.push(String::from_utf8_lossy(start.local_name().as_ref()).into_owned());
                current.clear();
            }
            Ok(Event::Text(t)) => {
                if let Ok(decoded) = t.decode() {
                    current.push_str(&decoded);
                }
            }
            Ok(Event::CData(c)) => current.push_str(&String::from_utf8_lossy(&c)),
            Ok(Event::GeneralRef(reference)) => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    current.push(c);
                } else if let Ok(name) = reference.decode()
                    && let Some(text) = quick_xml::escape::resolve_predefined_entity(&name)
                {
                    current.push_str(text);
                }
            }
            Ok(Event::End(_)) => {
                // A SOAP envelope's header is routing metadata, not what went wrong.
                let in_soap_header = open.len() > 2 && open[0] == "Envelope" && open[1] == "Header";
                if let Some(name) = open.pop()
                    && !current.trim().is_empty()
                    && !in_soap_header
                {
                    leaves.push((name, current.trim().to_owned()));
                }
                current.clear();
            }
            Ok(Event::Eof) => break,
            Err(_) => return None,
            Ok(_) => {}
        }
    }
    (!leaves.is_empty()).then_some(leaves)
}

/// The summary of an XML error document, or `None` when nothing in it reads as an error.
pub(super) fn from_xml(text: &str) -> Option<ErrorSummary> {
    let leaves = leaves(text)?;
    let find = |names: &[&str]| {
        names.iter().find_map(|wanted| {
            leaves
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
                .map(|(name, value)| (name.clone(), value.clone()))
        })
    };
    let message = find(MESSAGE);
    let code = find(CODE);
    if message.is_none() && code.is_none() {
        return None;
    }
    let used: Vec<String> = [&message, &code]
        .iter()
        .filter_map(|m| m.as_ref().map(|(n, _)| n.clone()))
        .collect();
    let details = leaves
        .iter()
        .filter(|(name, _)| !used.contains(name))
        .filter(|(name, _)| !SKIPPED.iter().any(|s| name.eq_ignore_ascii_case(s)))
        .filter_map(|(name, value)| clean(&format!("{name}: {value}")))
        .take(MAX_DETAILS)
        .collect();
    Some(ErrorSummary {
        format: Some(BodyFormat::AwsXml),
        // Azure appends `RequestId:… Time:…` lines to its message.
        headline: message.and_then(|(_, m)| clean(m.split("\nRequestId:").next().unwrap_or(&m))),
        code: code.and_then(|(_, c)| clean(&c)),
        request_id: find(REQUEST_ID).and_then(|(_, id)| clean(&id)),
        details,
        ..ErrorSummary::default()
    })
}

#[cfg(test)]
mod tests {
    use super::from_xml;

    #[test]
    fn an_s3_error_keeps_the_element_that_names_the_bucket() {
        let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>acme-reprots</BucketName><RequestId>4442587FB7D0A2F9</RequestId><HostId>abc</HostId></Error>";
        let s = from_xml(body).unwrap();
        assert_eq!(s.code.as_deref(), Some("NoSuchBucket"));
        assert_eq!(s.headline.as_deref(), Some("The specified bucket does not exist"));
        assert_eq!(s.request_id.as_deref(), Some("4442587FB7D0A2F9"));
        assert_eq!(s.details, ["BucketName: acme-reprots"]);
    }

    #[test]
    fn azure_messages_lose_their_request_id_lines() {
        let body = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.\nRequestId:7b9d\nTime:2026-11-26T08:00:00Z</Message><AuthenticationErrorDetail>Signed expiry time [Wed, 25 Nov 2026] must be after signed start time</AuthenticationErrorDetail></Error>";
        let s = from_xml(body.trim_start_matches('\u{feff}')).unwrap();
        assert_eq!(
            s.headline.as_deref(),
            Some("Server failed to authenticate the request.")
        );
        assert_eq!(
            s.details,
            [
                "AuthenticationErrorDetail: Signed expiry time [Wed, 25 Nov 2026] must be after signed start time"
            ]
        );
    }

    #[test]
    fn soap_faults_of_both_versions_are_read() {
        let v11 = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Invalid account number &amp; PIN</faultstring></soap:Fault></soap:Body></soap:Envelope>"#;
        let s = from_xml(v11).unwrap();
        assert_eq!(s.headline.as_deref(), Some("Invalid account number & PIN"));
        assert_eq!(s.code.as_deref(), Some("soap:Client"));
        let v12 = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Missing element OrderId</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>"#;
        let s = from_xml(v12).unwrap();
        assert_eq!(s.headline.as_deref(), Some("Missing element OrderId"));
        assert_eq!(s.code.as_deref(), Some("env:Sender"));
        assert!(s.soap_sender_fault(), "a Sender fault is the request's");
    }

    #[test]
    fn a_soap_client_fault_is_the_senders_and_its_header_is_not_a_detail() {
        let fault = r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Header><m:From><m:PartyId>Supplier</m:PartyId></m:From></e:Header><e:Body><e:Fault><faultcode>e:Client.InvalidSecurityToken</faultcode><faultstring>Expired token</faultstring><detail><Trace>AuthenticationException</Trace></detail></e:Fault></e:Body></e:Envelope>"#;
        let s = from_xml(fault).unwrap();
        assert!(s.soap_sender_fault());
        assert_eq!(s.details, ["Trace: AuthenticationException"]);
        let server = fault.replace("e:Client.InvalidSecurityToken", "e:Server");
        assert!(!from_xml(&server).unwrap().soap_sender_fault());
    }

    #[test]
    fn broken_or_unrelated_xml_gives_nothing() {
        assert_eq!(from_xml("<a><b>unclosed</a>"), None);
        assert_eq!(from_xml("<feed><entry><id>1</id></entry></feed>"), None);
    }
}
