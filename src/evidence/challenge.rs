//! Authentication challenges from `WWW-Authenticate` and `Proxy-Authenticate`
//! (docs/diagnosis.md §Authentication challenges).
//!
//! The RFC 9110 §11 grammar lets one field line hold several challenges, each followed by either
//! a `token68` or a comma-separated list of `name=value` parameters, and the field may repeat. A
//! comma therefore separates both challenges and parameters; what tells them apart is that a new
//! challenge starts with a token followed by a space, not by `=`. Servers are often sloppy
//! (missing commas, stray spaces, unterminated quotes), so the parser salvages what it can and
//! never fails: a checklist is better served by a partial challenge than by none.

/// One challenge: `Bearer realm="api", error="invalid_token"` or `Negotiate YIIB…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// The auth-scheme as sent; compare with [`Challenge::is`] (schemes are case-insensitive,
    /// RFC 9110 §11.1).
    pub scheme: String,
    /// The opaque `token68` form (Negotiate, NTLM), when the challenge uses it.
    pub token68: Option<String>,
    /// Parameters in order, names lowercased (they are case-insensitive, RFC 9110 §11.2) and
    /// values unquoted with backslash escapes resolved.
    pub params: Vec<(String, String)>,
}

impl Challenge {
    /// The first value of parameter `name` (case-insensitive).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether this challenge uses `scheme` (case-insensitive, RFC 9110 §11.1).
    pub fn is(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    /// The scopes of a Bearer `scope` parameter, which is space-delimited (RFC 6750 §3).
    pub fn scopes(&self) -> Vec<&str> {
        self.param("scope")
            .map(|s| s.split_whitespace().collect())
            .unwrap_or_default()
    }

    /// Digest `stale=true`: the nonce expired but the credentials were right, so the client
    /// should retry with the new nonce instead of asking for a new password (RFC 7616 §3.3,
    /// where the flag is case-insensitive).
    pub fn is_stale(&self) -> bool {
        self.is("Digest")
            && self
                .param("stale")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    }

    /// Schemes that need a multi-leg handshake bound to one connection (SPNEGO, NTLM). A plain
    /// HTTP client cannot answer them, so a 401/407 offering only these is "unsupported scheme",
    /// not "bad credentials".
    pub fn is_connection_oriented(&self) -> bool {
        ["Negotiate", "NTLM", "Kerberos"].iter().any(|s| self.is(s))
    }
}

/// Parses every challenge in one or more `WWW-Authenticate` / `Proxy-Authenticate` field values.
///
/// Handles several challenges per field, repeated fields (each value is parsed on its own; a
/// challenge never spans field lines), quoted-strings with backslash escapes and commas inside,
/// `token68`, empty list elements and sloppy spacing. Parameters that appear before any scheme
/// in a field are dropped because there is nothing to attach them to.
pub fn parse_challenges<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<Challenge> {
    let mut out = Vec::new();
    for value in values {
        parse_field(value, &mut out);
    }
    out
}

/// Parses one field value, appending its challenges to `out`.
fn parse_field(value: &str, out: &mut Vec<Challenge>) {
    let first_of_field = out.len();
    let mut cur = Cursor::new(value);
    loop {
        cur.eat_while(|c| is_ws(c) || c == ',');
        let Some(next) = cur.peek() else { break };
        if next == '"' {
            // A quoted-string where a token belongs: skip it whole so its commas cannot split.
            cur.bump();
            cur.quoted();
            continue;
        }
        let word = cur.eat_while(is_tchar);
        if word.is_empty() {
            cur.bump(); // a stray delimiter such as `=` or `;`
            continue;
        }
        cur.skip_ws();
        if cur.peek() == Some('=') {
            cur.bump();
            cur.skip_ws();
            let value = cur.param_value();
            // Only challenges of this field may receive it (RFC 9110 §11.2: params follow a scheme).
            if let Some(challenge) = out.get_mut(first_of_field..).and_then(<[Challenge]>::last_mut) {
                challenge.params.push((word.to_ascii_lowercase(), value));
            }
            continue;
        }
        let token68 = cur.token68();
        out.push(Challenge {
            scheme: word.to_owned(),
            token68,
            params: Vec::new(),
        });
    }
}

/// RFC 9110 §5.6.3 optional whitespace.
fn is_ws(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// RFC 9110 §5.6.2 `tchar`.
fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// A panic-free reader over a field value; positions always sit on char boundaries because
/// they only ever advance by whole chars.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let start = self.pos;
        while let Some(c) = self.peek().filter(|&c| keep(c)) {
            self.pos += c.len_utf8();
        }
        self.text.get(start..self.pos).unwrap_or_default()
    }

    fn skip_ws(&mut self) {
        self.eat_while(is_ws);
    }

    /// The rest of a quoted-string after its opening quote (RFC 9110 §5.6.4), escapes resolved.
    /// An unterminated string runs to the end of the field rather than being lost.
    fn quoted(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.bump() {
            match c {
                '"' => break,
                '\\' => out.extend(self.bump()),
                _ => out.push(c),
            }
        }
        out
    }

    /// An auth-param value: a quoted-string, or (leniently) anything up to whitespace or comma.
    fn param_value(&mut self) -> String {
        if self.peek() == Some('"') {
            self.bump();
            return self.quoted();
        }
        self.eat_while(|c| !is_ws(c) && c != ',').to_owned()
    }

    /// A `token68` right after the scheme: one word that ends the list element and has no `=`
    /// except trailing padding (RFC 9110 §11.2). Anything else is left for the parameter parser.
    fn token68(&mut self) -> Option<String> {
        let start = self.pos;
        let run = self.eat_while(|c| !is_ws(c) && c != ',' && c != '"');
        let unpadded = run.trim_end_matches('=');
        self.skip_ws();
        if !unpadded.is_empty() && !unpadded.contains('=') && matches!(self.peek(), None | Some(',')) {
            return Some(run.to_owned());
        }
        self.pos = start;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(value: &str) -> Vec<Challenge> {
        parse_challenges([value])
    }

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn challenge(scheme: &str, token68: Option<&str>, pairs: &[(&str, &str)]) -> Challenge {
        Challenge {
            scheme: scheme.to_owned(),
            token68: token68.map(str::to_owned),
            params: params(pairs),
        }
    }

    #[test]
    fn bearer_error_with_description_and_scope() {
        let got = parse(
            r#"Bearer realm="example", error="invalid_token", error_description="The access token expired", scope="read write""#,
        );
        assert_eq!(
            got,
            [challenge(
                "Bearer",
                None,
                &[
                    ("realm", "example"),
                    ("error", "invalid_token"),
                    ("error_description", "The access token expired"),
                    ("scope", "read write"),
                ]
            )]
        );
        assert_eq!(got[0].scopes(), ["read", "write"]);
    }

    #[test]
    fn bare_bearer_has_no_params() {
        assert_eq!(parse("Bearer"), [challenge("Bearer", None, &[])]);
    }

    #[test]
    fn insufficient_scope_names_the_needed_scope() {
        let got = parse(r#"Bearer realm="demo", error="insufficient_scope", scope="admin""#);
        assert_eq!(got[0].param("error"), Some("insufficient_scope"));
        assert_eq!(got[0].scopes(), ["admin"]);
    }

    #[test]
    fn basic_with_realm_and_charset() {
        assert_eq!(
            parse(r#"Basic realm="simple", charset="UTF-8""#),
            [challenge(
                "Basic",
                None,
                &[("realm", "simple"), ("charset", "UTF-8")]
            )]
        );
    }

    #[test]
    fn digest_stale_and_nonce() {
        let got = parse(
            r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", stale=TRUE"#,
        );
        assert_eq!(got.len(), 1);
        assert!(got[0].is("digest"));
        assert_eq!(got[0].param("qop"), Some("auth, auth-int"));
        assert_eq!(got[0].param("algorithm"), Some("SHA-256"));
        assert_eq!(
            got[0].param("nonce"),
            Some("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v")
        );
        assert!(got[0].is_stale());
    }

    #[test]
    fn digest_without_stale_is_not_stale_and_other_schemes_never_are() {
        assert!(!parse(r#"Digest realm="r", nonce="n""#)[0].is_stale());
        assert!(!parse(r#"Digest realm="r", stale=false"#)[0].is_stale());
        assert!(!parse("Bearer stale=true")[0].is_stale());
    }

    #[test]
    fn dpop_nonce_error() {
        let got = parse(
            r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#,
        );
        assert_eq!(
            got,
            [challenge(
                "DPoP",
                None,
                &[
                    ("error", "use_dpop_nonce"),
                    (
                        "error_description",
                        "Resource server requires nonce in DPoP proof"
                    )
                ]
            )]
        );
    }

    #[test]
    fn negotiate_and_ntlm_carry_token68() {
        let got = parse(
            "Negotiate YIIBwgYGKwYBBQUCoIIBtjCCAbKgMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHg==, NTLM",
        );
        assert_eq!(
            got,
            [
                challenge(
                    "Negotiate",
                    Some("YIIBwgYGKwYBBQUCoIIBtjCCAbKgMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHg=="),
                    &[]
                ),
                challenge("NTLM", None, &[]),
            ]
        );
        assert!(got.iter().all(Challenge::is_connection_oriented));
        assert_eq!(
            parse("NTLM TlRMTVNTUAACAAAADAAMADAAAAA1goriASNFZ4mrze8AAAAAAAAAAGIAYgA8AAAA")[0]
                .token68
                .as_deref(),
            Some("TlRMTVNTUAACAAAADAAMADAAAAA1goriASNFZ4mrze8AAAAAAAAAAGIAYgA8AAAA")
        );
    }

    #[test]
    fn token68_with_slash_plus_and_single_pad() {
        assert_eq!(parse("Custom ab/c+d=")[0].token68.as_deref(), Some("ab/c+d="));
    }

    #[test]
    fn resource_metadata_url() {
        let got = parse(
            r#"Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource""#,
        );
        assert_eq!(
            got[0].param("resource_metadata"),
            Some("https://resource.example.com/.well-known/oauth-protected-resource")
        );
    }

    #[test]
    fn two_challenges_in_one_field() {
        assert_eq!(
            parse(r#"Bearer realm="api", error="invalid_token", Basic realm="legacy""#),
            [
                challenge("Bearer", None, &[("realm", "api"), ("error", "invalid_token")]),
                challenge("Basic", None, &[("realm", "legacy")]),
            ]
        );
    }

    #[test]
    fn rfc_9110_example_with_escaped_quotes_and_unquoted_params() {
        assert_eq!(
            parse(r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple""#),
            [
                challenge(
                    "Newauth",
                    None,
                    &[("realm", "apps"), ("type", "1"), ("title", r#"Login to "apps""#)]
                ),
                challenge("Basic", None, &[("realm", "simple")]),
            ]
        );
    }

    #[test]
    fn quoted_comma_does_not_split() {
        assert_eq!(
            parse(r#"Bearer realm="a, b", scope="x""#),
            [challenge("Bearer", None, &[("realm", "a, b"), ("scope", "x")])]
        );
    }

    #[test]
    fn two_field_lines_are_both_read() {
        assert_eq!(
            parse_challenges([r#"Bearer realm="one""#, r#"Basic realm="two""#]),
            [
                challenge("Bearer", None, &[("realm", "one")]),
                challenge("Basic", None, &[("realm", "two")])
            ]
        );
    }

    #[test]
    fn params_never_cross_field_lines() {
        assert_eq!(
            parse_challenges(["Bearer", r#"realm="orphan", Basic"#]),
            [challenge("Bearer", None, &[]), challenge("Basic", None, &[])]
        );
    }

    #[test]
    fn empty_elements_and_sloppy_spacing() {
        assert_eq!(
            parse(r#" ,, Bearer   realm = "x" ,, , error="y"  ,  "#),
            [challenge("Bearer", None, &[("realm", "x"), ("error", "y")])]
        );
        assert_eq!(parse(""), []);
        assert_eq!(parse(" , ,"), []);
    }

    #[test]
    fn param_names_are_lowercased_and_lookup_is_case_insensitive() {
        let got = parse(r#"bearer Realm="R", ERROR=invalid_token"#);
        assert_eq!(
            got[0].params,
            params(&[("realm", "R"), ("error", "invalid_token")])
        );
        assert_eq!(got[0].param("Error"), Some("invalid_token"));
        assert!(got[0].is("BEARER"));
        assert_eq!(got[0].scheme, "bearer");
    }

    #[test]
    fn missing_commas_are_salvaged() {
        assert_eq!(
            parse(r#"Bearer realm="a" error="b" Basic realm="c""#),
            [
                challenge("Bearer", None, &[("realm", "a"), ("error", "b")]),
                challenge("Basic", None, &[("realm", "c")])
            ]
        );
    }

    #[test]
    fn unterminated_quote_keeps_the_rest() {
        assert_eq!(
            parse(r#"Bearer realm="never, closed"#),
            [challenge("Bearer", None, &[("realm", "never, closed")])]
        );
    }

    #[test]
    fn leading_params_and_stray_quotes_are_dropped() {
        assert_eq!(
            parse(r#"realm="x", "junk, here", Basic realm="y""#),
            [challenge("Basic", None, &[("realm", "y")])]
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
            "Bearer", "Basic", "realm", "=", "\"", "\\", ",", " ", "\t", "a", "Z9", "==", "/", "é", "€",
            "😀", ";", "(", ")",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..500 {
            let len = next(&mut seed) % 24;
            let s: String = (0..len).map(|_| PIECES[next(&mut seed) % PIECES.len()]).collect();
            for challenge in parse_challenges([s.as_str(), "Basic"]) {
                assert!(!challenge.scheme.is_empty());
                assert!(challenge.scheme.chars().all(is_tchar));
            }
        }
    }
}
