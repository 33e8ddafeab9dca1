//! What a catalogue entry is — a check's stable id, its title, what it inspects and how it
//! reaches each verdict, why a failure matters and how to fix it, the standard it rests on — and
//! how a scope of entries is declared.

/// Declares a scope: a module of check constants, and `scope()` listing them in reading order.
macro_rules! scope {
    (
        $(#[$doc:meta])*
        pub mod $module:ident ($prefix:literal, $heading:literal) {
            $(
                $name:ident = $id:literal {
                    tier: $tier:ident,
                    title: $title:literal,
                    inspects: $inspects:expr,
                    why: $why:literal,
                    fix: $fix:literal,
                    standard: $standard:expr $(,)?
                }
            )*
        }
    ) => {
        $(#[$doc])*
        pub mod $module {
            use crate::diagnosis::catalogue::entry::{CheckSpec, Scope, Tier::*};
            $(
                #[doc = concat!("`", $id, "`: ", $title, ".")]
                pub const $name: &CheckSpec = &CheckSpec {
                    id: $id,
                    tier: $tier,
                    title: $title,
                    inspects: $inspects,
                    why: $why,
                    fix: $fix,
                    standard: $standard,
                    #[cfg(test)]
                    constant: concat!(stringify!($module), "::", stringify!($name)),
                };
            )*
            /// This scope: its prefix, heading and every check, in reading order.
            pub const fn scope() -> Scope {
                Scope {
                    prefix: $prefix,
                    heading: $heading,
                    checks: &[$($name),*],
                }
            }
        }
    };
}

/// One check of the catalogue. Two entries are the same check when their ids are.
#[derive(Debug)]
pub struct CheckSpec {
    /// Stable id, `<scope>.<slug>` (`401.creds-sent`), so people can look a check up or mute it.
    pub id: &'static str,
    /// How directly a failure of this check points at what to change: the checklist reads
    /// fails in tier order (docs/diagnosis.md §The order of the checklist).
    pub tier: Tier,
    /// The healthy assertion the checklist shows: "Credentials were sent".
    pub title: &'static str,
    /// What the check inspects and how it reaches each verdict.
    pub inspects: &'static str,
    /// Why a failure matters to the person debugging: what goes wrong for them, in a sentence or
    /// two. Written for this check alone, so a literal, never a shared constant.
    pub why: &'static str,
    /// How to fix it when the check fails: the header, field or setting to change, or, where
    /// only the server can be at fault, what to do about it (retry later, tell the API's owner).
    pub fix: &'static str,
    /// The standard or vendor documentation it rests on (`RFC 9110 §15.5.2`).
    pub standard: &'static str,
    /// The constant rules name it by (`unauthorized::CREDS_SENT`), for the catalogue's tests.
    #[cfg(test)]
    pub(super) constant: &'static str,
}

/// What kind of evidence a check's failure rests on, in the order a person should act on it
/// (docs/diagnosis.md §The order of the checklist). A cause outranks the symptoms that follow
/// from it: a redirect that turned POST into GET comes before the 405 it caused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// A fault in what was sent, seen in the request itself: an unresolved template, an empty
    /// or malformed credential, a body unlike its Content-Type, a method a redirect changed.
    Sent,
    /// The server's own stated reason, mapped onto the request where it names a field.
    Stated,
    /// Who answered — a gateway, CDN or proxy rather than the API — and what that implies.
    Answerer,
    /// Inference: sibling paths, timing, differences from requests that worked.
    Heuristic,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Sent => "what was sent",
            Tier::Stated => "the server's stated reason",
            Tier::Answerer => "who answered",
            Tier::Heuristic => "a heuristic",
        }
    }
}

impl PartialEq for CheckSpec {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for CheckSpec {}

/// The checks of one status or failure class: the part of their ids before the dot.
#[derive(Debug)]
pub struct Scope {
    /// `401`, `C`, `dns`.
    pub prefix: &'static str,
    /// `401 Unauthorized`, as a heading.
    pub heading: &'static str,
    pub checks: &'static [&'static CheckSpec],
}
