//! The cookie jars of a session: one per collection that asks for one (`cookies: true`) and
//! environment, so logging in to staging never sends staging's session to production. Every
//! clone of a session shares them, as the tabs of a browser share its jar: the parallel
//! sends of a run, and each send the TUI starts.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::http::cookies::CookieJar;

/// A collection and an environment.
type JarKey = (usize, Option<String>);

/// A jar per (collection, environment).
#[derive(Debug, Clone, Default)]
pub struct Jars {
    jars: Arc<Mutex<HashMap<JarKey, Arc<CookieJar>>>>,
}

impl Jars {
    /// The jar of `collection` in `environment`, made empty if there was none.
    pub fn jar(&self, collection: usize, environment: Option<&str>) -> Arc<CookieJar> {
        let mut jars = self
            .jars
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(
            jars.entry((collection, environment.map(str::to_owned)))
                .or_default(),
        )
    }

    /// Puts back a jar kept from an earlier session. If this session has made its own
    /// already (a send before the history was read), the kept cookies it lacks join it.
    pub fn restore(&self, collection: usize, environment: Option<String>, jar: CookieJar) {
        let mut jars = self
            .jars
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match jars.get(&(collection, environment.clone())) {
            Some(current) => current.take_missing(&jar),
            None => {
                jars.insert((collection, environment), Arc::new(jar));
            }
        }
    }

    /// The jar of `collection` in `environment`, if one was made or restored.
    pub fn existing(&self, collection: usize, environment: Option<&str>) -> Option<Arc<CookieJar>> {
        let jars = self
            .jars
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        jars.get(&(collection, environment.map(str::to_owned))).cloned()
    }
}
