//! A request's transport options as written (every one optional, inherited from `defaults`)
//! filled in with the transport's built-in values.

use crate::collection::RequestOptions;
use crate::http::TransportOptions;

/// The options the transport uses for `options`: what is set, else the built-in value.
pub fn transport_options(options: RequestOptions) -> TransportOptions {
    let builtin = TransportOptions::default();
    TransportOptions {
        timeout: options.timeout.unwrap_or(builtin.timeout),
        connect_timeout: options.connect_timeout.unwrap_or(builtin.connect_timeout),
        follow_redirects: options.follow_redirects.unwrap_or(builtin.follow_redirects),
        max_redirects: builtin.max_redirects,
        insecure_tls: options.insecure_tls.unwrap_or(builtin.insecure_tls),
        max_body: options.max_body.unwrap_or(builtin.max_body),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn unset_options_take_the_built_in_values_and_set_ones_win() {
        assert_eq!(
            transport_options(RequestOptions::default()),
            TransportOptions::default()
        );
        let options = transport_options(RequestOptions {
            timeout: Some(Duration::from_secs(2)),
            follow_redirects: Some(false),
            ..RequestOptions::default()
        });
        assert_eq!(options.timeout, Duration::from_secs(2));
        assert!(!options.follow_redirects);
        assert_eq!(options.max_body, TransportOptions::default().max_body);
    }
}
