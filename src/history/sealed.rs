//! What the history must keep but never show: the latest response of each request, whole
//! and unmasked, so `{{ response.Login.body.$.token }}` still works after a restart.
//!
//! Everything else in the database is masked before it is written, and a copy of the
//! database file (attached to a bug report, synced to another machine, grepped) must not
//! give away a credential. So these responses are sealed: XChaCha20-Poly1305 (RFC 8439
//! with a 24-byte random nonce, so nonces never need counting) under a key kept in its own
//! file beside the database, readable by its owner only. The key never enters the
//! database; without it a sealed response is noise, and a tampered one is refused rather
//! than read.
//!
//! An OS keyring would hold the key better on a desktop, but a server, a container or an
//! SSH session has none; a key file works everywhere, and deleting it forgets every kept
//! response at once.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::{Aead, Generate, KeyInit};

const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 24;

/// Seals and opens with the key of one history.
#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

/// The key file of the database at `database`: `history.key` beside it.
pub fn key_path(database: &Path) -> PathBuf {
    database.with_file_name("history.key")
}

impl Sealer {
    /// The key at `path`, made (random, owner-only) when there is none yet. Two processes
    /// making it at once agree, and none ever reads half a key: it is written whole to a
    /// file of its own, then linked into place, which fails for the one that comes second,
    /// who reads the first one's.
    pub fn open_or_create(path: &Path) -> std::io::Result<Sealer> {
        for _ in 0..2 {
            match std::fs::read(path) {
                Ok(bytes) if bytes.len() == KEY_LEN => return Sealer::from_key(&bytes),
                Ok(_) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!(
                            "{} is not a history key (it must be {KEY_LEN} bytes)",
                            path.display()
                        ),
                    ));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
            let key = chacha20poly1305::Key::generate();
            let unique = format!(
                "{}.{}-{}.new",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("history.key"),
                std::process::id(),
                fastrand::u64(..)
            );
            let draft = path.with_file_name(unique);
            let mut file = create_private(&draft)?;
            let written = file.write_all(key.as_slice()).and_then(|()| file.sync_all());
            drop(file);
            let linked = written.and_then(|()| std::fs::hard_link(&draft, path));
            let _ = std::fs::remove_file(&draft);
            match linked {
                Ok(()) => return Sealer::from_key(key.as_slice()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other(format!(
            "{} could not be read or made",
            path.display()
        )))
    }

    fn from_key(key: &[u8]) -> std::io::Result<Sealer> {
        XChaCha20Poly1305::new_from_slice(key)
            .map(|cipher| Sealer { cipher })
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "bad key length"))
    }

    /// `plain` sealed: a fresh nonce, then the ciphertext and its tag.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let nonce = chacha20poly1305::XNonce::generate();
        let sealed = self.cipher.encrypt(&nonce, plain).unwrap_or_default();
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(nonce.as_slice());
        out.extend_from_slice(&sealed);
        out
    }

    /// What [`Sealer::seal`] sealed with this key; `None` for another key's or a tampered
    /// blob.
    pub fn open(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        if sealed.len() < NONCE_LEN {
            return None;
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let nonce = chacha20poly1305::XNonce::try_from(nonce).ok()?;
        self.cipher.decrypt(&nonce, body).ok()
    }
}

/// A new file only its owner can read and write.
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_blob_opens_with_its_key_only_and_hides_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let key = Sealer::open_or_create(&dir.path().join("history.key")).unwrap();
        let sealed = key.seal(b"Bearer s3cr3t-token");
        assert!(!sealed.windows(6).any(|w| w == b"s3cr3t"));
        assert_eq!(key.open(&sealed).unwrap(), b"Bearer s3cr3t-token");
        // The same text sealed twice differs: a fresh nonce each time.
        assert_ne!(key.seal(b"Bearer s3cr3t-token"), sealed);

        let other = Sealer::open_or_create(&tempfile::tempdir().unwrap().path().join("k")).unwrap();
        assert_eq!(other.open(&sealed), None);
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(key.open(&tampered), None);
        assert_eq!(key.open(b"short"), None);
    }

    #[test]
    fn processes_making_the_key_at_once_agree_on_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.key");
        let sealers: Vec<Sealer> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| Sealer::open_or_create(&path).unwrap()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let sealed = sealers[0].seal(b"same key");
        assert!(
            sealers
                .iter()
                .all(|s| s.open(&sealed).as_deref() == Some(&b"same key"[..]))
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["history.key"], "no draft is left behind");
    }

    #[test]
    fn the_key_is_made_once_owner_only_and_read_back_after() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.key");
        let first = Sealer::open_or_create(&path).unwrap();
        let again = Sealer::open_or_create(&path).unwrap();
        assert_eq!(again.open(&first.seal(b"x")).unwrap(), b"x");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, b"too short").unwrap();
        let error = Sealer::open_or_create(&path).unwrap_err();
        assert!(error.to_string().contains("is not a history key"), "{error}");
    }
}
