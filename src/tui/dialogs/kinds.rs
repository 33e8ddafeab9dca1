//! The kinds a chooser offers — methods, body kinds, auth kinds — as enums, so an answer is
//! matched exhaustively instead of compared as text.

use crate::collection::{Auth, Body};

/// The methods the chooser offers; a request may use any other token, which it adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl Method {
    pub const ALL: [Method; 7] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
        Method::Head,
        Method::Options,
    ];

    /// As sent on the wire (`GET`).
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }
}

/// What a request's body is, or that it has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    None,
    Json,
    Text,
    Form,
    Multipart,
    File,
}

impl BodyKind {
    pub const ALL: [BodyKind; 6] = [
        BodyKind::None,
        BodyKind::Json,
        BodyKind::Text,
        BodyKind::Form,
        BodyKind::Multipart,
        BodyKind::File,
    ];

    /// As the collection format spells it (`json`), and `none` for no body.
    pub fn name(self) -> &'static str {
        match self {
            BodyKind::None => "none",
            BodyKind::Json => "json",
            BodyKind::Text => "text",
            BodyKind::Form => "form",
            BodyKind::Multipart => "multipart",
            BodyKind::File => "file",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn of(body: Option<&Body>) -> Self {
        match body {
            None => BodyKind::None,
            Some(Body::Json { .. }) => BodyKind::Json,
            Some(Body::Text { .. }) => BodyKind::Text,
            Some(Body::Form(_)) => BodyKind::Form,
            Some(Body::Multipart(_)) => BodyKind::Multipart,
            Some(Body::File { .. }) => BodyKind::File,
        }
    }
}

/// What a request's auth is: its own, none at all, or whatever `defaults` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    Inherit,
    None,
    Bearer,
    Basic,
    ApiKey,
}

impl AuthKind {
    pub const ALL: [AuthKind; 5] = [
        AuthKind::Inherit,
        AuthKind::None,
        AuthKind::Bearer,
        AuthKind::Basic,
        AuthKind::ApiKey,
    ];

    /// As the collection format spells it (`api_key`), and `inherit` for no `auth` key.
    pub fn name(self) -> &'static str {
        match self {
            AuthKind::Inherit => "inherit",
            AuthKind::None => "none",
            AuthKind::Bearer => "bearer",
            AuthKind::Basic => "basic",
            AuthKind::ApiKey => "api_key",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn of(auth: Option<&Auth>) -> Self {
        match auth {
            None => AuthKind::Inherit,
            Some(Auth::None) => AuthKind::None,
            Some(Auth::Bearer(_)) => AuthKind::Bearer,
            Some(Auth::Basic { .. }) => AuthKind::Basic,
            Some(Auth::ApiKey { .. }) => AuthKind::ApiKey,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_from_their_names() {
        for kind in BodyKind::ALL {
            assert_eq!(BodyKind::from_name(kind.name()), Some(kind));
        }
        for kind in AuthKind::ALL {
            assert_eq!(AuthKind::from_name(kind.name()), Some(kind));
        }
        assert!(
            Method::ALL
                .iter()
                .all(|m| m.name() == m.name().to_ascii_uppercase())
        );
        assert_eq!(BodyKind::from_name("xml"), None);
    }
}
