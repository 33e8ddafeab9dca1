//! Who generated a response: the API itself, or a proxy, CDN or load balancer in front of it
//! (catalogue §1.7, used by `C.generator`, `403.edge-block`, `502.who`, `503.no-upstream`).
//!
//! An error page from Cloudflare or nginx means the API may never have seen the request, which
//! changes every other piece of advice. No single signal is reliable (a `Via` only says the
//! response passed through something; `Server: nginx` may front the API or be the API), so the
//! fingerprint combines headers with the body: an intermediary's own page or message is what
//! says it generated the response, while a JSON body is taken as the API's own unless it is a
//! known gateway message.

use serde_json::Value;

use super::negotiation::essence;

/// Only the start of a body is read; every signature sits near the top of a page.
const BODY_LIMIT: usize = 64 * 1024;
/// The generic `<hr><center>PRODUCT</center>` footer only counts on small pages, which is what
/// proxies generate; a large application page with such a footer is no evidence.
const SMALL_PAGE: usize = 4096;
/// Evidence quotes are cut here (catalogue §0.3).
const QUOTE_CHARS: usize = 120;

const CLOUDFLARE: &str = "Cloudflare";
const CLOUDFRONT: &str = "CloudFront";
const AWS_API_GATEWAY: &str = "AWS API Gateway";
const AWS_ALB: &str = "AWS ALB";
const NGINX: &str = "nginx";
const ENVOY: &str = "Envoy";
const KONG: &str = "Kong";
const FASTLY: &str = "Fastly";
const AKAMAI: &str = "Akamai";
const VARNISH: &str = "Varnish";

/// Who produced the response, as far as the evidence goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeneratorKind {
    /// An intermediary produced this response itself.
    Intermediary,
    /// The response passed through intermediaries but the body looks like the API's own.
    PassedThrough,
    /// No intermediary signals.
    Application,
    /// HTML or other body without a recognisable signature.
    Unrecognised,
}

/// The fingerprint of a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generator {
    /// Whether an intermediary wrote the body, or only forwarded it, or none was seen.
    pub kind: GeneratorKind,
    /// `Cloudflare`, `CloudFront`, `AWS API Gateway`, `AWS ALB`, `nginx`, `Envoy`, `Kong`,
    /// `Fastly`, `Akamai`, `Varnish`, or the product named in `Via`/`Server` (`demo-gateway`).
    pub who: Option<String>,
    /// Evidence quoting headers and body: `Via: 1.1 demo-gateway`, `HTML page titled "502 Bad
    /// Gateway"`; header lines first, then what the body showed.
    pub signals: Vec<String>,
    /// A Cloudflare error code found in the body: 520–530 (origin problems) or 1xxx (edge
    /// rules such as 1020 "access denied").
    pub cdn_code: Option<u16>,
}

/// Fingerprints a response from its headers (names case-insensitive), content type (falls back
/// to the `Content-Type` header when `None`) and the first 64 KiB of its body.
pub fn fingerprint(headers: &[(String, String)], content_type: Option<&str>, body: &[u8]) -> Generator {
    let body = body.get(..BODY_LIMIT).unwrap_or(body);
    let text = String::from_utf8_lossy(body);
    let content_type = content_type.or_else(|| named(headers, "content-type").next().map(|(_, v)| v));
    let response = Observed::new(headers, content_type, &text);
    let mut findings = Findings::default();
    for detect in DETECTORS {
        detect(&response, &mut findings);
    }
    findings.conclude(&response)
}

/// First `<title>` (or else `<h1>`) text of an HTML body, tags dropped, whitespace collapsed and
/// character references decoded (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, numeric ones).
pub fn html_title(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    element_text(body, &lower, "title").or_else(|| element_text(body, &lower, "h1"))
}

/// What the body looks like, which decides how much header signals can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Json,
    Html,
    Text,
    Empty,
}

/// The response as the detectors read it.
struct Observed<'a> {
    headers: &'a [(String, String)],
    text: &'a str,
    /// `text` with ASCII lowercased: same byte offsets, so positions found here slice `text`.
    lower: String,
    shape: Shape,
}

impl<'a> Observed<'a> {
    fn new(headers: &'a [(String, String)], content_type: Option<&str>, text: &'a str) -> Self {
        let lower = text.to_ascii_lowercase();
        let shape = shape_of(content_type, &lower);
        Self {
            headers,
            text,
            lower,
            shape,
        }
    }

    fn header(&self, name: &str) -> Option<(&'a str, &'a str)> {
        named(self.headers, name).next()
    }

    /// The first header whose name starts with `prefix` (case-insensitive), e.g. `x-kong-`.
    fn header_with_prefix(&self, prefix: &str) -> Option<(&'a str, &'a str)> {
        self.headers
            .iter()
            .find(|(n, _)| {
                n.trim()
                    .get(..prefix.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
            })
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The `Server` header and its product name without version (`nginx/1.25.3` → `nginx`).
    fn server(&self) -> Option<(&'a str, &'a str, &'a str)> {
        let (name, value) = self.header("server")?;
        let product = value.trim().split(['/', ' ']).next().filter(|p| !p.is_empty())?;
        Some((name, value, product))
    }

    fn server_is(&self, product: &str) -> Option<String> {
        let (name, value, found) = self.server()?;
        found.eq_ignore_ascii_case(product).then(|| quote(name, value))
    }

    /// The body from the start of `needle` (lowercase) to the end of its line or the next
    /// tag, quoted.
    fn excerpt_at(&self, needle: &str) -> Option<String> {
        let start = self.lower.find(needle)?;
        let rest = self.text.get(start..)?;
        let end = rest.find(['\n', '\r', '<']).unwrap_or(rest.len());
        Some(format!("Body \"{}\"", clip(rest.get(..end)?.trim())))
    }

    /// The products named by every `Via` entry.
    fn via_products(&self) -> Vec<&'a str> {
        named(self.headers, "via")
            .flat_map(|(_, v)| v.split(','))
            .filter_map(via_product)
            .collect()
    }
}

/// What the detectors found; turned into a [`Generator`] by [`Findings::conclude`].
#[derive(Debug, Default)]
struct Findings {
    header_signals: Vec<String>,
    body_signals: Vec<String>,
    /// Intermediaries on the path, most specific detector first.
    seen: Vec<String>,
    /// An intermediary's own page or message is in the body.
    made_by_body: Option<String>,
    /// A header that intermediaries only set on responses they generate.
    made_by_header: Option<String>,
    cdn_code: Option<u16>,
}

impl Findings {
    fn see(&mut self, who: &str) {
        if !self.has_seen(who) {
            self.seen.push(who.to_owned());
        }
    }

    fn has_seen(&self, who: &str) -> bool {
        self.seen.iter().any(|s| s == who)
    }

    fn header_signal(&mut self, signal: String) {
        if !self.header_signals.contains(&signal) {
            self.header_signals.push(signal);
        }
    }

    /// A header shows `who` is on the path.
    fn saw(&mut self, who: &str, signal: String) {
        self.header_signal(signal);
        self.see(who);
    }

    /// A header that only `who`'s own responses carry.
    fn header_says_made_by(&mut self, who: &str, signal: String) {
        self.saw(who, signal);
        self.made_by_header.get_or_insert_with(|| who.to_owned());
    }

    /// The body is `who`'s own page or message.
    fn body_says_made_by(&mut self, who: &str, signal: String) {
        if !self.body_signals.contains(&signal) {
            self.body_signals.push(signal);
        }
        self.see(who);
        self.made_by_body.get_or_insert_with(|| who.to_owned());
    }

    fn conclude(self, response: &Observed<'_>) -> Generator {
        let Findings {
            header_signals,
            body_signals,
            seen,
            made_by_body,
            made_by_header,
            cdn_code,
        } = self;
        // Headers first, then the page title, then what else the body showed.
        let mut signals = header_signals;
        if response.shape == Shape::Html
            && let Some(title) = html_title(response.text)
        {
            signals.push(format!("HTML page titled \"{}\"", clip(&title)));
        }
        signals.extend(body_signals);
        let (kind, who) = match (made_by_body, made_by_header) {
            (Some(who), _) => (GeneratorKind::Intermediary, Some(who)),
            (None, Some(who)) if response.shape != Shape::Json => (GeneratorKind::Intermediary, Some(who)),
            (None, header) => {
                let who = header.or_else(|| seen.into_iter().next());
                (kind_without_signature(response.shape, who.is_some()), who)
            }
        };
        Generator {
            kind,
            who,
            signals,
            cdn_code,
        }
    }
}

/// With no intermediary signature: JSON is the API's own; HTML cannot be attributed; other
/// bodies are the API's when nothing sits in front of it and unattributable otherwise.
fn kind_without_signature(shape: Shape, intermediary_seen: bool) -> GeneratorKind {
    match (shape, intermediary_seen) {
        (Shape::Json, true) => GeneratorKind::PassedThrough,
        (Shape::Html, _) | (Shape::Text | Shape::Empty, true) => GeneratorKind::Unrecognised,
        (Shape::Json | Shape::Text | Shape::Empty, false) => GeneratorKind::Application,
    }
}

type Detector = fn(&Observed<'_>, &mut Findings);

/// Specific products first so that they win `who`; the generic `Via`/`Server` readers and the
/// weak `Server: nginx` come after, and the message table last because it needs to know who
/// is on the path.
const DETECTORS: &[Detector] = &[
    aws_api_gateway,
    kong,
    envoy,
    cloudflare,
    cloudfront,
    fastly,
    akamai,
    varnish,
    aws_alb,
    via,
    server_matches_via,
    nginx,
    known_message,
    html_footer,
];

/// AWS API Gateway adds request ids and, on its own error responses, the error type.
fn aws_api_gateway(r: &Observed<'_>, f: &mut Findings) {
    for name in ["x-amzn-requestid", "x-amzn-errortype", "x-amz-apigw-id"] {
        if let Some((n, v)) = r.header(name) {
            f.saw(AWS_API_GATEWAY, quote(n, v));
        }
    }
}

/// Kong sets `Via` when proxying but `Server` and `X-Kong-Response-Latency` only on responses
/// it produced itself (plugin short-circuit or error).
fn kong(r: &Observed<'_>, f: &mut Findings) {
    if let Some((n, v)) = r.header_with_prefix("x-kong-") {
        f.saw(KONG, quote(n, v));
    }
    if let Some((n, v)) = r.header("x-kong-response-latency") {
        f.header_says_made_by(KONG, quote(n, v));
    }
    if let Some(signal) = r.server_is("kong") {
        f.header_says_made_by(KONG, signal);
    }
}

/// Envoy's local replies are short plain-text sentences.
fn envoy(r: &Observed<'_>, f: &mut Findings) {
    if let Some((n, v, product)) = r.server()
        && product.to_ascii_lowercase().contains("envoy")
    {
        f.saw(ENVOY, quote(n, v));
    }
    if let Some((n, v)) = r.header_with_prefix("x-envoy-") {
        f.saw(ENVOY, quote(n, v));
    }
    // A JSON body quoting one of these is only Envoy's when Envoy is known to be there.
    if r.shape == Shape::Json && !f.has_seen(ENVOY) {
        return;
    }
    let phrases = [
        "no healthy upstream",
        "upstream connect error or disconnect/reset before headers",
        "upstream request timeout",
    ];
    let rbac = f.has_seen(ENVOY).then_some("rbac: access denied");
    if let Some(excerpt) = phrases.into_iter().chain(rbac).find_map(|p| r.excerpt_at(p)) {
        f.body_says_made_by(ENVOY, excerpt);
    }
}

/// Cloudflare always sets `Server: cloudflare` and `CF-Ray`; its own error pages (and the
/// plain-text `error code: 1020` it sends to API clients) carry a numeric code.
fn cloudflare(r: &Observed<'_>, f: &mut Findings) {
    if let Some(signal) = r.server_is("cloudflare") {
        f.saw(CLOUDFLARE, signal);
    }
    for name in ["cf-ray", "cf-cache-status"] {
        if let Some((n, v)) = r.header(name) {
            f.saw(CLOUDFLARE, quote(n, v));
        }
    }
    let body_mentions = r.lower.contains("cloudflare");
    if r.shape == Shape::Json || !(body_mentions || f.has_seen(CLOUDFLARE)) {
        return;
    }
    if let Some(code) = cloudflare_code(&r.lower) {
        f.cdn_code = Some(code);
        f.body_says_made_by(CLOUDFLARE, format!("Body shows Cloudflare error code {code}"));
    } else if body_mentions
        && ["cf-error-details", "cloudflare ray id"]
            .iter()
            .any(|m| r.lower.contains(m))
    {
        f.body_says_made_by(CLOUDFLARE, "Body is a Cloudflare error page".to_owned());
    }
}

/// The code after `Error code`, `error code:` or a `cf-error-code` element, if it is one of
/// Cloudflare's own (52x/530 origin errors, 1xxx edge errors).
fn cloudflare_code(lower: &str) -> Option<u16> {
    ["cf-error-code\">", "error code"].iter().find_map(|marker| {
        lower.match_indices(marker).find_map(|(at, _)| {
            let after = lower
                .get(at + marker.len()..)?
                .trim_start_matches([' ', ':', '\t']);
            let digits: String = after.chars().take_while(char::is_ascii_digit).take(5).collect();
            digits
                .parse()
                .ok()
                .filter(|c| matches!(c, 520..=530 | 1000..=1999))
        })
    })
}

/// `CloudFront` marks its own errors in `X-Cache` and sets `Server: CloudFront` on them; its
/// HTML page says `Generated by cloudfront (CloudFront)`.
fn cloudfront(r: &Observed<'_>, f: &mut Findings) {
    for (n, v) in named(r.headers, "x-cache") {
        let lower = v.to_ascii_lowercase();
        if lower.contains("error from cloudfront") {
            f.header_says_made_by(CLOUDFRONT, quote(n, v));
        } else if lower.contains("cloudfront") {
            f.saw(CLOUDFRONT, quote(n, v));
        }
    }
    for name in ["x-amz-cf-id", "x-amz-cf-pop"] {
        if let Some((n, v)) = r.header(name) {
            f.saw(CLOUDFRONT, quote(n, v));
        }
    }
    if let Some(signal) = r.server_is("cloudfront") {
        f.header_says_made_by(CLOUDFRONT, signal);
    }
    if r.shape != Shape::Json
        && let Some(excerpt) = ["generated by cloudfront", "the request could not be satisfied"]
            .iter()
            .find_map(|p| r.excerpt_at(p))
    {
        f.body_says_made_by(CLOUDFRONT, excerpt);
    }
}

/// Fastly's debugging headers; its synthetic errors say "Fastly error" or (being Varnish
/// based) "Guru Meditation", which Fastly's own pages spell "Guru Mediation".
fn fastly(r: &Observed<'_>, f: &mut Findings) {
    for name in ["x-served-by", "x-cache-hits"] {
        if let Some((n, v)) = r.header(name) {
            f.saw(FASTLY, quote(n, v));
        }
    }
    if let Some((n, v)) = r.header_with_prefix("fastly-") {
        f.saw(FASTLY, quote(n, v));
    }
    if r.shape == Shape::Json {
        return;
    }
    let guru: &[&str] = if f.has_seen(FASTLY) {
        &["guru meditation", "guru mediation"]
    } else {
        &[]
    };
    if let Some(excerpt) = std::iter::once(&"fastly error")
        .chain(guru)
        .find_map(|p| r.excerpt_at(p))
    {
        f.body_says_made_by(FASTLY, excerpt);
    }
}

/// Akamai's edge and WAF pages end with "Reference #18.…", often written with character
/// references (`Reference&#32;&#35;18&#46;…`).
fn akamai(r: &Observed<'_>, f: &mut Findings) {
    if let Some(signal) = r.server_is("akamaighost") {
        f.saw(AKAMAI, signal);
    }
    for (n, v) in r
        .header_with_prefix("x-akamai-")
        .into_iter()
        .chain(r.header("akamai-grn"))
    {
        f.saw(AKAMAI, quote(n, v));
    }
    if r.shape == Shape::Json {
        return;
    }
    let decoded = decode_entities(&r.lower);
    if let Some(reference) = akamai_reference(&decoded) {
        f.body_says_made_by(AKAMAI, format!("Body \"Reference #{}\"", clip(reference)));
    } else if decoded.contains("errors.edgesuite.net") {
        f.body_says_made_by(AKAMAI, "Body links errors.edgesuite.net".to_owned());
    }
}

fn akamai_reference(decoded: &str) -> Option<&str> {
    decoded.match_indices("reference #").find_map(|(at, marker)| {
        let rest = decoded.get(at + marker.len()..)?;
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(rest.len());
        rest.get(..end)
            .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Plain Varnish: `X-Varnish`, and the "Guru Meditation" page of its built-in error handler.
fn varnish(r: &Observed<'_>, f: &mut Findings) {
    if f.has_seen(FASTLY) {
        return; // Fastly runs Varnish; its markers were read as Fastly's
    }
    if let Some((n, v)) = r.header("x-varnish") {
        f.saw(VARNISH, quote(n, v));
    }
    if let Some(signal) = r.server_is("varnish") {
        f.saw(VARNISH, signal);
    }
    if r.shape != Shape::Json
        && let Some(excerpt) = ["guru meditation", "varnish cache server"]
            .iter()
            .find_map(|p| r.excerpt_at(p))
    {
        f.body_says_made_by(VARNISH, excerpt);
    }
}

/// An ALB passes its targets' `Server` through, so `Server: awselb/2.0` means the load balancer
/// answered itself (no healthy target, target timeout, fixed response).
fn aws_alb(r: &Observed<'_>, f: &mut Findings) {
    if let Some(signal) = r.server_is("awselb") {
        f.header_says_made_by(AWS_ALB, signal);
    }
}

/// `Via` lists every intermediary that forwarded the response (RFC 9110 §7.6.3).
fn via(r: &Observed<'_>, f: &mut Findings) {
    for (n, v) in named(r.headers, "via") {
        let products: Vec<&str> = v.split(',').filter_map(via_product).collect();
        if products.is_empty() {
            continue;
        }
        f.header_signal(quote(n, v));
        for product in products {
            match label(product) {
                // Fastly's Via says "varnish"; it was already recognised by its own headers.
                VARNISH if f.has_seen(FASTLY) => {}
                name => f.see(name),
            }
        }
    }
}

/// A proxy that forwards leaves the origin's `Server` alone; when `Server` names the same
/// product as `Via`, the proxy wrote the response itself.
fn server_matches_via(r: &Observed<'_>, f: &mut Findings) {
    let Some((n, v, product)) = r.server() else { return };
    if r.via_products().iter().any(|p| p.eq_ignore_ascii_case(product)) {
        f.header_says_made_by(label(product), quote(n, v));
    }
}

/// `Server: nginx` alone is weak (nginx often is the API's own front), so it only marks nginx
/// as present; its pages are recognised by [`html_footer`].
fn nginx(r: &Observed<'_>, f: &mut Findings) {
    if let Some((n, v, product)) = r.server()
        && label(product) == NGINX
    {
        f.saw(NGINX, quote(n, v));
    }
}

/// Gateway messages in JSON bodies: (message, product, recognisable without that product's
/// headers). Short generic messages need the product's headers so an API's own
/// `{"message":"Forbidden"}` is not misread.
const KNOWN_MESSAGES: &[(&str, &str, bool)] = &[
    ("Missing Authentication Token", AWS_API_GATEWAY, true),
    ("Endpoint request timed out", AWS_API_GATEWAY, true),
    ("Network error communicating with endpoint", AWS_API_GATEWAY, true),
    ("Internal server error", AWS_API_GATEWAY, false),
    ("Forbidden", AWS_API_GATEWAY, false),
    ("Unauthorized", AWS_API_GATEWAY, false),
    ("Too Many Requests", AWS_API_GATEWAY, false),
    ("Limit Exceeded", AWS_API_GATEWAY, false),
    (
        "User is not authorized to access this resource",
        AWS_API_GATEWAY,
        false,
    ),
    ("Not Found", AWS_API_GATEWAY, false),
    ("Service Unavailable", AWS_API_GATEWAY, false),
    ("no Route matched with those values", KONG, true),
    ("failure to get a peer from the ring-balancer", KONG, true),
    (
        "An invalid response was received from the upstream server",
        KONG,
        true,
    ),
    ("The upstream server is timing out", KONG, false),
    ("name resolution failed", KONG, false),
    ("API rate limit exceeded", KONG, false),
    ("No API key found in request", KONG, false),
    ("Invalid authentication credentials", KONG, false),
    ("Unauthorized", KONG, false),
];

fn known_message(r: &Observed<'_>, f: &mut Findings) {
    let Some(message) = json_message(r) else { return };
    let known = KNOWN_MESSAGES
        .iter()
        .find(|(text, who, alone)| text.eq_ignore_ascii_case(message.trim()) && (*alone || f.has_seen(who)));
    if let Some((_, who, _)) = known {
        f.body_says_made_by(who, format!("Body {{\"message\":\"{}\"}}", clip(&message)));
    }
}

/// The `message` (or AWS's `Message`) of a JSON object body.
fn json_message(r: &Observed<'_>) -> Option<String> {
    if r.shape != Shape::Json {
        return None;
    }
    let value: Value = serde_json::from_str(r.text.trim()).ok()?;
    let object = value.as_object()?;
    object
        .get("message")
        .or_else(|| object.get("Message"))?
        .as_str()
        .map(str::to_owned)
}

/// The `<hr><center>PRODUCT</center>` footer of nginx-style error pages (nginx, openresty,
/// awselb, and gateways that copy them).
fn html_footer(r: &Observed<'_>, f: &mut Findings) {
    if r.shape != Shape::Html {
        return;
    }
    if let Some(product) = footer_product(r.text, &r.lower) {
        let name = without_version(product).unwrap_or(product);
        let known = known_label(name);
        if known.is_some() || r.text.len() <= SMALL_PAGE {
            f.body_says_made_by(
                known.unwrap_or(name),
                format!("HTML footer <center>{}</center>", clip(product)),
            );
        }
    }
}

fn footer_product<'t>(text: &'t str, lower: &str) -> Option<&'t str> {
    lower.match_indices("<center>").find_map(|(at, marker)| {
        let before = lower.get(..at)?.trim_end();
        if !["<hr>", "<hr/>", "<hr />"].iter().any(|hr| before.ends_with(hr)) {
            return None;
        }
        let start = at + marker.len();
        let end = start + lower.get(start..)?.find("</center>")?;
        let inner = text.get(start..end)?.trim();
        (!inner.is_empty() && inner.len() <= 64 && !inner.contains('<')).then_some(inner)
    })
}

/// The display name for a product token from `Via` or `Server`: a known product's name, or
/// the token as sent.
fn label(product: &str) -> &str {
    known_label(product).unwrap_or(product)
}

fn known_label(product: &str) -> Option<&'static str> {
    let lower = product.to_ascii_lowercase();
    match lower.as_str() {
        "cloudfront" => Some(CLOUDFRONT),
        _ if lower.ends_with(".cloudfront.net") => Some(CLOUDFRONT),
        "cloudflare" => Some(CLOUDFLARE),
        "varnish" => Some(VARNISH),
        "kong" => Some(KONG),
        "envoy" | "istio-envoy" => Some(ENVOY),
        "awselb" => Some(AWS_ALB),
        "nginx" => Some(NGINX),
        "akamaighost" => Some(AKAMAI),
        _ => None,
    }
}

/// The product of one `Via` entry (`protocol received-by [comment]`): the comment's first word
/// when present (`(CloudFront)`, `(Varnish/6.0)`), else the received-by name without version
/// or port. A bare `kong/0.14` without protocol is accepted too.
fn via_product(entry: &str) -> Option<&str> {
    let (head, comment) = entry.split_once('(').unwrap_or((entry, ""));
    if let Some(word) = comment
        .trim_end_matches(|c: char| c == ')' || c.is_whitespace())
        .split_whitespace()
        .next()
    {
        return without_version(word);
    }
    let mut words = head.split_whitespace();
    let first = words.next()?;
    let received_by = match words.next() {
        Some(second) => second,
        None if first.contains(|c: char| c.is_ascii_alphabetic()) && !first.starts_with("HTTP/") => first,
        None => return None,
    };
    without_version(received_by)
        .and_then(|name| name.split(':').next())
        .filter(|n| !n.is_empty())
}

fn without_version(product: &str) -> Option<&str> {
    product.split('/').next().map(str::trim).filter(|p| !p.is_empty())
}

/// Headers called `name` (case-insensitive), as (name as received, value).
fn named<'h>(headers: &'h [(String, String)], name: &str) -> impl Iterator<Item = (&'h str, &'h str)> {
    headers
        .iter()
        .filter(move |(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(n, v)| (n.as_str(), v.as_str()))
}

/// `Name: value` as evidence, value cut at 120 characters.
fn quote(name: &str, value: &str) -> String {
    format!("{}: {}", name.trim(), clip(value.trim()))
}

fn clip(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// Sniffs the body first (a JSON-declared response whose body is HTML is an error page from
/// someone else), then falls back to the declared type.
fn shape_of(content_type: Option<&str>, lower: &str) -> Shape {
    let start = lower.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.is_empty() {
        return Shape::Empty;
    }
    if start.starts_with(['{', '[']) {
        return Shape::Json;
    }
    let html_tags = [
        "<html",
        "<!doctype html",
        "<head",
        "<body",
        "<title",
        "<h1",
        "<center",
    ];
    if start.starts_with('<') && html_tags.iter().any(|t| start.contains(t)) {
        return Shape::Html;
    }
    match content_type.map(essence).as_deref() {
        Some("text/html" | "application/xhtml+xml") => Shape::Html,
        Some(ct) if ct == "application/json" || ct.ends_with("+json") => Shape::Json,
        _ => Shape::Text,
    }
}

/// The text of the first `<tag>` element, or `None` when absent or blank.
fn element_text(body: &str, lower: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}");
    let after_name = lower
        .match_indices(&open)
        .map(|(at, _)| at + open.len())
        .find(|&i| {
            matches!(
                lower.as_bytes().get(i),
                Some(b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/')
            )
        })?;
    let content = after_name + lower.get(after_name..)?.find('>')? + 1;
    let end = lower
        .get(content..)?
        .find(&format!("</{tag}"))
        .map_or(lower.len(), |e| content + e);
    let text = decode_entities(&strip_tags(body.get(content..end)?));
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// Replaces each tag by a space, so `<span>Error</span><span>1020</span>` reads "Error 1020".
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Decodes the common named references and numeric ones; unknown ones stay as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let decoded = after
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| Some((entity(after.get(..semi)?)?, semi)));
        if let Some((c, semi)) = decoded {
            out.push(c);
            rest = after.get(semi + 1..).unwrap_or_default();
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    fn generator(
        kind: GeneratorKind,
        who: Option<&str>,
        signals: &[&str],
        cdn_code: Option<u16>,
    ) -> Generator {
        Generator {
            kind,
            who: who.map(str::to_owned),
            signals: strings(signals),
            cdn_code,
        }
    }

    fn nginx_page(status: &str, product: &str) -> String {
        format!(
            "<html>\r\n<head><title>{status}</title></head>\r\n<body>\r\n<center><h1>{status}</h1></center>\r\n<hr><center>{product}</center>\r\n</body>\r\n</html>\r\n"
        )
    }

    #[test]
    fn demo_gateway_502_page() {
        let got = fingerprint(
            &headers(&[
                ("content-type", "text/html"),
                ("server", "demo-gateway/1.0"),
                ("via", "1.1 demo-gateway"),
            ]),
            Some("text/html"),
            nginx_page("502 Bad Gateway", "demo-gateway").as_bytes(),
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("demo-gateway"),
                &[
                    "via: 1.1 demo-gateway",
                    "server: demo-gateway/1.0",
                    "HTML page titled \"502 Bad Gateway\"",
                    "HTML footer <center>demo-gateway</center>",
                ],
                None
            )
        );
    }

    #[test]
    fn proxy_whose_server_matches_via_made_the_response() {
        let got = fingerprint(
            &headers(&[("Via", "1.1 demo-proxy"), ("Server", "demo-proxy/1.0")]),
            Some("text/html"),
            b"<html><body><h1>407 Proxy Authentication Required</h1></body></html>",
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("demo-proxy"),
                &[
                    "Via: 1.1 demo-proxy",
                    "Server: demo-proxy/1.0",
                    "HTML page titled \"407 Proxy Authentication Required\""
                ],
                None
            )
        );
    }

    #[test]
    fn nginx_default_error_page() {
        let got = fingerprint(
            &headers(&[("Server", "nginx/1.25.3"), ("Content-Type", "text/html")]),
            None,
            nginx_page("504 Gateway Time-out", "nginx/1.25.3").as_bytes(),
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("nginx"),
                &[
                    "Server: nginx/1.25.3",
                    "HTML page titled \"504 Gateway Time-out\"",
                    "HTML footer <center>nginx/1.25.3</center>"
                ],
                None
            )
        );
    }

    #[test]
    fn nginx_footer_counts_even_on_a_padded_page_but_unknown_products_need_a_small_page() {
        let padding = "<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n".repeat(80);
        let nginx = format!("{}{padding}", nginx_page("502 Bad Gateway", "nginx"));
        assert_eq!(
            fingerprint(&[], Some("text/html"), nginx.as_bytes())
                .who
                .as_deref(),
            Some("nginx")
        );
        let other = format!("{}{padding}", nginx_page("502 Bad Gateway", "Copyright Example"));
        let got = fingerprint(&[], Some("text/html"), other.as_bytes());
        assert_eq!((got.kind, got.who), (GeneratorKind::Unrecognised, None));
    }

    #[test]
    fn cloudflare_522_page_gives_the_code() {
        let body = "<!DOCTYPE html>\n<html><head><title>api.example.com | 522: Connection timed out</title></head>\n<body><div id=\"cf-wrapper\"><h1><span class=\"inline-block\">Connection timed out</span>\n<span class=\"code-label\">Error code 522</span></h1>\n<div>Cloudflare Ray ID: <strong>8a1b2c3d4e5f6789</strong></div></div></body></html>";
        let got = fingerprint(
            &headers(&[("Server", "cloudflare"), ("CF-Ray", "8a1b2c3d4e5f6789-FRA")]),
            Some("text/html; charset=UTF-8"),
            body.as_bytes(),
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("Cloudflare"),
                &[
                    "Server: cloudflare",
                    "CF-Ray: 8a1b2c3d4e5f6789-FRA",
                    "HTML page titled \"api.example.com | 522: Connection timed out\"",
                    "Body shows Cloudflare error code 522",
                ],
                Some(522)
            )
        );
    }

    #[test]
    fn cloudflare_1020_block_in_spans_and_as_plain_text() {
        let html = "<html><head><title>Access denied | api.example.com used Cloudflare to restrict access</title></head><body><h1><span class=\"cf-error-type\">Error</span><span class=\"cf-error-code\">1020</span></h1></body></html>";
        let cf = headers(&[("server", "cloudflare"), ("cf-ray", "8a1b-LHR")]);
        let got = fingerprint(&cf, Some("text/html"), html.as_bytes());
        assert_eq!(
            (got.kind, got.cdn_code),
            (GeneratorKind::Intermediary, Some(1020))
        );
        let plain = fingerprint(&cf, Some("text/plain"), b"error code: 1020");
        assert_eq!(
            plain,
            generator(
                GeneratorKind::Intermediary,
                Some("Cloudflare"),
                &[
                    "server: cloudflare",
                    "cf-ray: 8a1b-LHR",
                    "Body shows Cloudflare error code 1020"
                ],
                Some(1020)
            )
        );
    }

    #[test]
    fn json_behind_cloudflare_is_passed_through_without_code() {
        let got = fingerprint(
            &headers(&[
                ("Server", "cloudflare"),
                ("CF-Ray", "8a1b-FRA"),
                ("cf-cache-status", "DYNAMIC"),
            ]),
            Some("application/json"),
            br#"{"error":"Error code 522 is ours"}"#,
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::PassedThrough,
                Some("Cloudflare"),
                &[
                    "Server: cloudflare",
                    "CF-Ray: 8a1b-FRA",
                    "cf-cache-status: DYNAMIC"
                ],
                None
            )
        );
    }

    #[test]
    fn cloudfront_generated_error() {
        let body = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY>\n<H1>502 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<PRE>\nGenerated by cloudfront (CloudFront)\nRequest ID: abc==\n</PRE></BODY></HTML>";
        let got = fingerprint(
            &headers(&[
                ("Server", "CloudFront"),
                ("X-Cache", "Error from cloudfront"),
                ("Via", "1.1 0123abcd.cloudfront.net (CloudFront)"),
                ("X-Amz-Cf-Pop", "FRA56-P1"),
                ("X-Amz-Cf-Id", "abc=="),
            ]),
            Some("text/html"),
            body.as_bytes(),
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("CloudFront"),
                &[
                    "X-Cache: Error from cloudfront",
                    "X-Amz-Cf-Id: abc==",
                    "X-Amz-Cf-Pop: FRA56-P1",
                    "Server: CloudFront",
                    "Via: 1.1 0123abcd.cloudfront.net (CloudFront)",
                    "HTML page titled \"ERROR: The request could not be satisfied\"",
                    "Body \"Generated by cloudfront (CloudFront)\"",
                ],
                None
            )
        );
    }

    #[test]
    fn cloudfront_error_header_with_api_json_is_passed_through() {
        let got = fingerprint(
            &headers(&[
                ("X-Cache", "Error from cloudfront"),
                ("Via", "1.1 abc.cloudfront.net (CloudFront)"),
            ]),
            Some("application/problem+json"),
            br#"{"title":"Not Found","status":404}"#,
        );
        assert_eq!(
            (got.kind, got.who.as_deref()),
            (GeneratorKind::PassedThrough, Some("CloudFront"))
        );
    }

    #[test]
    fn api_gateway_timeout_message() {
        let got = fingerprint(
            &headers(&[
                ("x-amzn-RequestId", "0d4a9c6e-1f1e-4b9b-9a53-7c1d0f9e2a11"),
                ("x-amzn-ErrorType", "InternalServerErrorException"),
                ("x-amz-apigw-id", "Ab1CdEfGhIjKlMn="),
            ]),
            Some("application/json"),
            br#"{"message": "Endpoint request timed out"}"#,
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("AWS API Gateway"),
                &[
                    "x-amzn-RequestId: 0d4a9c6e-1f1e-4b9b-9a53-7c1d0f9e2a11",
                    "x-amzn-ErrorType: InternalServerErrorException",
                    "x-amz-apigw-id: Ab1CdEfGhIjKlMn=",
                    "Body {\"message\":\"Endpoint request timed out\"}",
                ],
                None
            )
        );
    }

    #[test]
    fn missing_authentication_token_is_recognised_without_headers() {
        let got = fingerprint(
            &[],
            Some("application/json"),
            br#"{"message":"Missing Authentication Token"}"#,
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("AWS API Gateway"),
                &["Body {\"message\":\"Missing Authentication Token\"}"],
                None
            )
        );
    }

    #[test]
    fn generic_gateway_messages_need_the_gateway_headers() {
        let body = br#"{"message":"Internal server error"}"#;
        assert_eq!(
            fingerprint(&[], Some("application/json"), body).kind,
            GeneratorKind::Application
        );
        let behind = headers(&[("x-amzn-RequestId", "r-1")]);
        assert_eq!(
            fingerprint(&behind, Some("application/json"), body).kind,
            GeneratorKind::Intermediary
        );
    }

    #[test]
    fn api_gateway_passes_the_lambda_json_through() {
        let got = fingerprint(
            &headers(&[("x-amzn-RequestId", "r-1"), ("x-amz-apigw-id", "id=")]),
            Some("application/json"),
            br#"{"error":"user_not_found","message":"No user 42"}"#,
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::PassedThrough,
                Some("AWS API Gateway"),
                &["x-amzn-RequestId: r-1", "x-amz-apigw-id: id="],
                None
            )
        );
    }

    #[test]
    fn aws_alb_page() {
        let got = fingerprint(
            &headers(&[("Server", "awselb/2.0"), ("Content-Type", "text/html")]),
            None,
            nginx_page("503 Service Temporarily Unavailable", "awselb/2.0").as_bytes(),
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("AWS ALB"),
                &[
                    "Server: awselb/2.0",
                    "HTML page titled \"503 Service Temporarily Unavailable\"",
                    "HTML footer <center>awselb/2.0</center>"
                ],
                None
            )
        );
    }

    #[test]
    fn envoy_no_healthy_upstream() {
        let got = fingerprint(
            &headers(&[("server", "envoy"), ("content-type", "text/plain")]),
            None,
            b"no healthy upstream",
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("Envoy"),
                &["server: envoy", "Body \"no healthy upstream\""],
                None
            )
        );
    }

    #[test]
    fn envoy_upstream_reset_without_headers() {
        let got = fingerprint(
            &[],
            Some("text/plain"),
            b"upstream connect error or disconnect/reset before headers. reset reason: connection failure",
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("Envoy"),
                &[
                    "Body \"upstream connect error or disconnect/reset before headers. reset reason: connection failure\""
                ],
                None
            )
        );
    }

    #[test]
    fn istio_sidecar_headers_with_api_json_are_passed_through() {
        let got = fingerprint(
            &headers(&[("server", "istio-envoy"), ("x-envoy-upstream-service-time", "12")]),
            Some("application/json"),
            br#"{"id":7}"#,
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::PassedThrough,
                Some("Envoy"),
                &["server: istio-envoy", "x-envoy-upstream-service-time: 12"],
                None
            )
        );
    }

    #[test]
    fn envoy_phrase_in_json_counts_only_when_envoy_is_there() {
        let body = br#"{"detail":"upstream request timeout"}"#;
        assert_eq!(
            fingerprint(&[], Some("application/json"), body).kind,
            GeneratorKind::Application
        );
        let envoy = headers(&[("x-envoy-upstream-service-time", "15001")]);
        assert_eq!(
            fingerprint(&envoy, Some("application/json"), body).kind,
            GeneratorKind::Intermediary
        );
    }

    #[test]
    fn kong_no_route() {
        let got = fingerprint(
            &headers(&[("Server", "kong/3.4.2"), ("X-Kong-Response-Latency", "0")]),
            Some("application/json; charset=utf-8"),
            br#"{"message":"no Route matched with those values","request_id":"4f1c"}"#,
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("Kong"),
                &[
                    "X-Kong-Response-Latency: 0",
                    "Server: kong/3.4.2",
                    "Body {\"message\":\"no Route matched with those values\"}"
                ],
                None
            )
        );
    }

    #[test]
    fn kong_plugin_message_is_kongs_and_proxied_json_is_passed_through() {
        let got = fingerprint(
            &headers(&[
                ("Via", "1.1 kong/3.4.2"),
                ("X-Kong-Upstream-Latency", "31"),
                ("X-Kong-Proxy-Latency", "1"),
            ]),
            Some("application/json"),
            br#"{"message":"Unauthorized"}"#,
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("Kong"),
                &[
                    "X-Kong-Upstream-Latency: 31",
                    "Via: 1.1 kong/3.4.2",
                    "Body {\"message\":\"Unauthorized\"}"
                ],
                None
            )
        );
        let app = fingerprint(
            &headers(&[("Via", "kong/0.14.1"), ("X-Kong-Upstream-Latency", "31")]),
            Some("application/json"),
            br#"{"id":1}"#,
        );
        assert_eq!(
            (app.kind, app.who.as_deref()),
            (GeneratorKind::PassedThrough, Some("Kong"))
        );
    }

    #[test]
    fn fastly_unknown_domain() {
        let got = fingerprint(
            &headers(&[
                ("Via", "1.1 varnish"),
                ("X-Served-By", "cache-fra-etou8220096-FRA"),
                ("X-Cache", "MISS"),
                ("X-Cache-Hits", "0"),
            ]),
            Some("text/html"),
            b"<html><head><title>Fastly error: unknown domain api.example.com</title></head><body>Fastly error: unknown domain: api.example.com. Please check that this domain has been added to a service.</body></html>",
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("Fastly"),
                &[
                    "X-Served-By: cache-fra-etou8220096-FRA",
                    "X-Cache-Hits: 0",
                    "Via: 1.1 varnish",
                    "HTML page titled \"Fastly error: unknown domain api.example.com\"",
                    "Body \"Fastly error: unknown domain api.example.com\"",
                ],
                None
            )
        );
    }

    #[test]
    fn fastly_guru_mediation_is_fastly_not_varnish() {
        let got = fingerprint(
            &headers(&[("Via", "1.1 varnish"), ("Fastly-Debug-Digest", "ab12")]),
            Some("text/html"),
            b"<html><head><title>503 first byte timeout</title></head><body><h1>Error 503 first byte timeout</h1>\n<p>Guru Mediation:</p>\n<p>Details: cache-fra-1 1700000000 123</p></body></html>",
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("Fastly"),
                &[
                    "Fastly-Debug-Digest: ab12",
                    "Via: 1.1 varnish",
                    "HTML page titled \"503 first byte timeout\"",
                    "Body \"Guru Mediation:\""
                ],
                None
            )
        );
    }

    #[test]
    fn akamai_reference_with_character_references() {
        let body = "<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \nYou don't have permission to access \"http&#58;&#47;&#47;api&#46;example&#46;com&#47;\" on this server.<P>\nReference&#32;&#35;18&#46;2d351ab8&#46;1557333295&#46;a4e16ab\n</BODY>\n</HTML>\n";
        let got = fingerprint(
            &headers(&[("Server", "AkamaiGHost")]),
            Some("text/html"),
            body.as_bytes(),
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("Akamai"),
                &[
                    "Server: AkamaiGHost",
                    "HTML page titled \"Access Denied\"",
                    "Body \"Reference #18.2d351ab8.1557333295.a4e16ab\""
                ],
                None
            )
        );
    }

    #[test]
    fn varnish_guru_meditation() {
        let body = "<!DOCTYPE html>\n<html>\n  <head>\n    <title>503 Backend fetch failed</title>\n  </head>\n  <body>\n    <h1>Error 503 Backend fetch failed</h1>\n    <p>Backend fetch failed</p>\n    <h3>Guru Meditation:</h3>\n    <p>XID: 32770</p>\n    <hr>\n    <p>Varnish cache server</p>\n  </body>\n</html>\n";
        let got = fingerprint(
            &headers(&[("Via", "1.1 varnish (Varnish/6.0)"), ("X-Varnish", "32770")]),
            Some("text/html; charset=utf-8"),
            body.as_bytes(),
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::Intermediary,
                Some("Varnish"),
                &[
                    "X-Varnish: 32770",
                    "Via: 1.1 varnish (Varnish/6.0)",
                    "HTML page titled \"503 Backend fetch failed\"",
                    "Body \"Guru Meditation:\""
                ],
                None
            )
        );
    }

    #[test]
    fn plain_json_api_response_is_the_application() {
        let got = fingerprint(
            &headers(&[
                ("Content-Type", "application/json"),
                ("Server", "uvicorn"),
                ("X-Request-Id", "r1"),
            ]),
            None,
            br#"{"error":"not_found","message":"No user 42"}"#,
        );
        assert_eq!(got, generator(GeneratorKind::Application, None, &[], None));
    }

    #[test]
    fn json_api_response_behind_via_is_passed_through() {
        let got = fingerprint(
            &headers(&[("Via", "1.1 demo-gateway"), ("Content-Type", "application/json")]),
            None,
            br#"{"error":"not_found"}"#,
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::PassedThrough,
                Some("demo-gateway"),
                &["Via: 1.1 demo-gateway"],
                None
            )
        );
    }

    #[test]
    fn via_with_several_entries_and_a_port() {
        let got = fingerprint(
            &headers(&[("VIA", "1.0 fred, 1.1 p.example.net:8080"), ("via", "1.1 google")]),
            Some("application/json"),
            b"{}",
        );
        assert_eq!(
            got,
            generator(
                GeneratorKind::PassedThrough,
                Some("fred"),
                &["VIA: 1.0 fred, 1.1 p.example.net:8080", "via: 1.1 google"],
                None
            )
        );
        assert_eq!(via_product(" 1.1 p.example.net:8080"), Some("p.example.net"));
        assert_eq!(via_product("HTTP/1.1"), None);
    }

    #[test]
    fn html_without_signature_is_unrecognised() {
        let body = b"<html><head><title>Oops</title></head><body>Something broke</body></html>";
        assert_eq!(
            fingerprint(&[], Some("text/html"), body),
            generator(
                GeneratorKind::Unrecognised,
                None,
                &["HTML page titled \"Oops\""],
                None
            )
        );
        let behind = fingerprint(&headers(&[("Via", "1.1 edge")]), Some("text/html"), body);
        assert_eq!(
            (behind.kind, behind.who.as_deref()),
            (GeneratorKind::Unrecognised, Some("edge"))
        );
    }

    #[test]
    fn html_body_declared_as_json_is_still_html() {
        let got = fingerprint(
            &[],
            Some("application/json"),
            b"<html><title>Error</title></html>",
        );
        assert_eq!(got.kind, GeneratorKind::Unrecognised);
    }

    #[test]
    fn text_and_empty_bodies_depend_on_intermediary_presence() {
        assert_eq!(
            fingerprint(&[], Some("text/plain"), b"Internal Server Error").kind,
            GeneratorKind::Application
        );
        assert_eq!(fingerprint(&[], None, b"").kind, GeneratorKind::Application);
        let via = headers(&[("Via", "1.1 edge")]);
        assert_eq!(fingerprint(&via, None, b"  ").kind, GeneratorKind::Unrecognised);
    }

    #[test]
    fn long_header_values_are_clipped_in_signals() {
        let long = "x".repeat(200);
        let got = fingerprint(&headers(&[("CF-Ray", &long)]), Some("application/json"), b"{}");
        assert_eq!(got.signals, [format!("CF-Ray: {}…", "x".repeat(120))]);
    }

    #[test]
    fn only_the_first_64_kib_of_the_body_is_read() {
        let mut late = "x".repeat(BODY_LIMIT);
        late.push_str("no healthy upstream");
        assert_eq!(
            fingerprint(&[], Some("text/plain"), late.as_bytes()).kind,
            GeneratorKind::Application
        );
        let early = format!("no healthy upstream{}", "x".repeat(BODY_LIMIT));
        assert_eq!(
            fingerprint(&[], Some("text/plain"), early.as_bytes()).kind,
            GeneratorKind::Intermediary
        );
    }

    #[test]
    fn content_type_falls_back_to_the_header() {
        let got = fingerprint(
            &headers(&[("content-type", "application/json")]),
            None,
            b"\"a json string\"",
        );
        assert_eq!(got.kind, GeneratorKind::Application);
        let via = headers(&[("content-type", "application/json"), ("via", "1.1 edge")]);
        assert_eq!(
            fingerprint(&via, None, b"\"a json string\"").kind,
            GeneratorKind::PassedThrough
        );
    }

    #[test]
    fn title_is_collapsed_and_decoded() {
        assert_eq!(
            html_title(
                "<html><head><TITLE lang=en>\n  502 &amp; Bad\t&lt;Gateway&gt; &quot;x&quot; &#39;y&#39;\n</TITLE>"
            ),
            Some("502 & Bad <Gateway> \"x\" 'y'".to_owned())
        );
    }

    #[test]
    fn title_falls_back_to_h1_and_strips_tags() {
        assert_eq!(
            html_title("<title>  </title><h1 class=x><span>Error</span><span>1020</span></h1>"),
            Some("Error 1020".to_owned())
        );
        assert_eq!(
            html_title("<titles>no</titles><h1>Yes &#x41;</h1>"),
            Some("Yes A".to_owned())
        );
    }

    #[test]
    fn no_title_or_h1_gives_none() {
        assert_eq!(html_title("<html><body>plain</body></html>"), None);
        assert_eq!(html_title(""), None);
        assert_eq!(html_title("<title"), None);
    }

    #[test]
    fn unknown_and_unterminated_entities_stay() {
        assert_eq!(
            decode_entities("a &bogus; b & c &#xZZ; &#1114112;"),
            "a &bogus; b & c &#xZZ; &#1114112;"
        );
        assert_eq!(
            html_title("<title>Tom &amp Jerry"),
            Some("Tom &amp Jerry".to_owned())
        );
    }

    /// A deterministic xorshift generator, so a failure reproduces.
    fn next(seed: &mut u64) -> usize {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        usize::try_from(*seed % 1024).unwrap_or(0)
    }

    #[test]
    fn no_panic_on_pseudo_random_input() {
        const PIECES: &[&str] = &[
            "<title>",
            "</title",
            "<h1",
            ">",
            "<hr><center>",
            "</center>",
            "&#35;",
            "&",
            ";",
            "reference #1",
            "error code 52",
            "{\"message\":\"",
            "\"}",
            "cloudflare",
            "guru meditation",
            "é",
            "😀",
            " ",
            "\n",
            "<",
        ];
        const NAMES: &[&str] = &[
            "Via",
            "Server",
            "CF-Ray",
            "X-Cache",
            "x-kong-a",
            "x-envoy-",
            "content-type",
            "",
        ];
        let mut seed = 0x0123_4567_89ab_cdef_u64;
        for _ in 0..400 {
            let len = next(&mut seed) % 30;
            let text: String = (0..len).map(|_| PIECES[next(&mut seed) % PIECES.len()]).collect();
            let mut bytes = text.clone().into_bytes();
            bytes.truncate(next(&mut seed) % (bytes.len() + 1)); // may split a UTF-8 sequence
            let hdrs = headers(&[
                (NAMES[next(&mut seed) % NAMES.len()], text.as_str()),
                (
                    NAMES[next(&mut seed) % NAMES.len()],
                    PIECES[next(&mut seed) % PIECES.len()],
                ),
            ]);
            let got = fingerprint(&hdrs, None, &bytes);
            match got.kind {
                GeneratorKind::Application => assert_eq!((&got.who, got.cdn_code), (&None, None)),
                GeneratorKind::Intermediary | GeneratorKind::PassedThrough => assert!(got.who.is_some()),
                GeneratorKind::Unrecognised => {}
            }
            let _ = html_title(&text);
        }
    }
}
