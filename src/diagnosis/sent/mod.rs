//! What the request as sent holds, read once for every rule that asks: its body as data and
//! what it looks like, the placeholders and credentials in it, its headers measured, its URL
//! and host. Plain functions of the request (and of the request as written), so `Facts` can
//! compute them before any rule runs.

pub mod body;
pub mod credentials;
pub mod headers;
pub mod placeholders;
pub mod urls;
