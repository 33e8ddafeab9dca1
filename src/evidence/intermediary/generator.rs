//! What a fingerprint concludes: who produced the response (an intermediary, or the API
//! behind one, or the API alone), with the signals that say so, and the names the detectors
//! give the products they recognise.

pub(super) const CLOUDFLARE: &str = "Cloudflare";
pub(super) const CLOUDFRONT: &str = "CloudFront";
pub(super) const AWS_API_GATEWAY: &str = "AWS API Gateway";
pub(super) const AWS_ALB: &str = "AWS ALB";
pub(super) const NGINX: &str = "nginx";
pub(super) const ENVOY: &str = "Envoy";
pub(super) const KONG: &str = "Kong";
pub(super) const FASTLY: &str = "Fastly";
pub(super) const AKAMAI: &str = "Akamai";
pub(super) const VARNISH: &str = "Varnish";
pub(super) const GOOGLE_FRONT_END: &str = "Google Front End";
pub(super) const HEROKU_ROUTER: &str = "Heroku router";
pub(super) const IIS_ARR: &str = "IIS Application Request Routing (ARR)";

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
