//! Windows' card store: the certificates on a card, asked of the Microsoft Smart
//! Card Key Storage Provider, which reads any card that has a minidriver (Buypass,
//! Commfides, ihelse.net, IDPrime). Silent: no PIN, no prompt, no PIN tries.
//!
//! The decisions (which reader, which keys, what an error means, when to ask at all)
//! are plain functions over [`KeyStore`], tested on every platform; only
//! [`windows::Ncrypt`] calls Windows.

use crate::card::apdu::CardError;
use crate::card::{self, Contents};
use crate::state::ReadVia;

/// A key the store lists, as it names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    /// The legacy key spec (AT_KEYEXCHANGE, AT_SIGNATURE) the store gives with it.
    pub legacy_spec: u32,
}

/// An HRESULT from the key storage.
pub type Hresult = i32;

/// The read-only part of a key store that the helper uses, scoped to one reader.
pub trait KeyStore {
    /// The keys on the card in the reader.
    fn keys(&mut self) -> Result<Vec<Key>, Hresult>;
    /// The certificate of `key` (DER), `None` if it has none.
    fn certificate(&mut self, key: &Key) -> Result<Option<Vec<u8>>, Hresult>;
}

/// More keys than this is a broken store, not a card.
const MAX_KEYS: usize = 16;

/// HRESULTs the decisions tell apart (winerror.h).
pub mod hresult {
    use super::Hresult;
    pub const NTE_BAD_KEYSET: Hresult = 0x8009_0016_u32 as i32;
    pub const NTE_NOT_FOUND: Hresult = 0x8009_0011_u32 as i32;
    pub const NTE_NO_MORE_ITEMS: Hresult = 0x8009_002A_u32 as i32;
    pub const NTE_SILENT_CONTEXT: Hresult = 0x8009_0022_u32 as i32;
    pub const SCARD_E_NO_KEY_CONTAINER: Hresult = 0x8010_0030_u32 as i32;
    pub const SCARD_E_NO_SMARTCARD: Hresult = 0x8010_000C_u32 as i32;
    pub const SCARD_E_NO_SUCH_CERTIFICATE: Hresult = 0x8010_002C_u32 as i32;
    pub const SCARD_W_REMOVED_CARD: Hresult = 0x8010_0069_u32 as i32;
    pub const SCARD_W_RESET_CARD: Hresult = 0x8010_0068_u32 as i32;
    pub const SCARD_E_UNKNOWN_READER: Hresult = 0x8010_0009_u32 as i32;
}

/// The scope that limits the store to the card in `reader`: `\\.\<reader name>\`.
pub fn scope(reader: &str) -> String {
    format!(r"\\.\{reader}\")
}

/// The name to open `key` by: fully qualified with the reader, so that Windows
/// never asks the user to insert or choose a card.
pub fn key_path(reader: &str, key: &str) -> String {
    if key.starts_with(r"\\.\") {
        key.to_owned()
    } else {
        format!("{}{key}", scope(reader))
    }
}

/// What an HRESULT from the store means: the card gone, or the store failing.
pub fn error(what: &str, code: Hresult) -> CardError {
    use hresult::*;
    let text = format!("{what}: HRESULT 0x{:08X}", code as u32);
    match code {
        SCARD_W_REMOVED_CARD | SCARD_W_RESET_CARD | SCARD_E_NO_SMARTCARD => CardError::Gone(text),
        _ => CardError::Transport(text),
    }
}

/// The DER certificates on the card, each once: keys without a certificate are
/// skipped, a key the store will not open silently is skipped (it would prompt), and
/// a card with no minidriver-known keys has none.
pub fn certificates<S: KeyStore + ?Sized>(store: &mut S) -> Result<Vec<Vec<u8>>, CardError> {
    use hresult::*;
    let keys = match store.keys() {
        Ok(keys) => keys,
        Err(NTE_NO_MORE_ITEMS | NTE_BAD_KEYSET | SCARD_E_NO_KEY_CONTAINER | NTE_SILENT_CONTEXT) => return Ok(Vec::new()),
        Err(code) => return Err(error("listing the card's keys", code)),
    };
    let mut found: Vec<Vec<u8>> = Vec::new();
    for key in keys.iter().take(MAX_KEYS) {
        match store.certificate(key) {
            Ok(Some(der)) if !found.contains(&der) => found.push(der),
            Ok(_) => {}
            Err(NTE_NOT_FOUND | SCARD_E_NO_SUCH_CERTIFICATE | NTE_BAD_KEYSET | NTE_SILENT_CONTEXT) => {}
            Err(code) => return Err(error("reading a key's certificate", code)),
        }
    }
    Ok(found)
}

/// The card as read over PC/SC, completed from the store (`ask`) when that gave no
/// certificates. A store that fails or finds none leaves the PC/SC result as it is.
pub fn complete(
    read: Contents,
    ask: impl FnOnce() -> Result<Vec<Vec<u8>>, CardError>,
    now: i64,
) -> (Contents, Option<CardError>) {
    if !read.certificates.is_empty() {
        return (read, None);
    }
    match ask() {
        Ok(ders) => {
            let certificates = card::summarize(&ders, now);
            if certificates.is_empty() {
                return (read, None);
            }
            // PIN tries stay unknown: the store gives none.
            (Contents { certificates, via: ReadVia::WindowsCardStore, ..read }, None)
        }
        Err(error) => (read, Some(error)),
    }
}

#[cfg(windows)]
pub mod windows {
    //! The store itself: CNG's Microsoft Smart Card Key Storage Provider.
    use super::{Hresult, Key, KeyStore};
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Security::Cryptography::{
        NCryptEnumKeys, NCryptFreeBuffer, NCryptFreeObject, NCryptGetProperty, NCryptKeyName, NCryptOpenKey,
        NCryptOpenStorageProvider, MS_SMART_CARD_KEY_STORAGE_PROVIDER, NCRYPT_CERTIFICATE_PROPERTY, NCRYPT_KEY_HANDLE,
        NCRYPT_PROV_HANDLE, NCRYPT_SILENT_FLAG,
    };

    /// No certificate property is larger than this.
    const MAX_PROPERTY: u32 = 64 * 1024;

    fn wide(text: &str) -> Vec<u16> {
        std::ffi::OsStr::new(text).encode_wide().chain(Some(0)).collect()
    }

    /// The smart card key storage, scoped to one reader.
    pub struct Ncrypt {
        provider: NCRYPT_PROV_HANDLE,
        reader: String,
    }

    impl Ncrypt {
        /// Opens the provider for the card in `reader`.
        pub fn open(reader: &str) -> Result<Ncrypt, Hresult> {
            let mut provider: NCRYPT_PROV_HANDLE = 0;
            // SAFETY: an out pointer to a handle and a constant provider name.
            let status = unsafe { NCryptOpenStorageProvider(&mut provider, MS_SMART_CARD_KEY_STORAGE_PROVIDER, 0) };
            if status != 0 {
                return Err(status);
            }
            Ok(Ncrypt { provider, reader: reader.to_owned() })
        }
    }

    impl Drop for Ncrypt {
        fn drop(&mut self) {
            // SAFETY: the provider handle this value owns.
            unsafe { NCryptFreeObject(self.provider) };
        }
    }

    /// A key handle, freed when dropped.
    struct KeyHandle(NCRYPT_KEY_HANDLE);

    impl Drop for KeyHandle {
        fn drop(&mut self) {
            // SAFETY: the key handle this value owns.
            unsafe { NCryptFreeObject(self.0) };
        }
    }

    /// A NUL-terminated UTF-16 string from Windows.
    ///
    /// SAFETY: `text` is null or points to a NUL-terminated UTF-16 string.
    unsafe fn from_wide(text: *const u16) -> String {
        if text.is_null() {
            return String::new();
        }
        // SAFETY: reads stop at the NUL the caller promises (or after 4096 units).
        unsafe {
            let mut len = 0;
            while len < 4096 && *text.add(len) != 0 {
                len += 1;
            }
            String::from_utf16_lossy(std::slice::from_raw_parts(text, len))
        }
    }

    impl KeyStore for Ncrypt {
        fn keys(&mut self) -> Result<Vec<Key>, Hresult> {
            let scope = wide(&super::scope(&self.reader));
            let mut state: *mut core::ffi::c_void = std::ptr::null_mut();
            let mut keys = Vec::new();
            let result = loop {
                let mut name: *mut NCryptKeyName = std::ptr::null_mut();
                // SAFETY: out pointers owned here; each key name is freed after it is copied.
                let status = unsafe { NCryptEnumKeys(self.provider, scope.as_ptr(), &mut name, &mut state, NCRYPT_SILENT_FLAG) };
                if status != 0 {
                    break if keys.is_empty() || status != super::hresult::NTE_NO_MORE_ITEMS { Err(status) } else { Ok(()) };
                }
                // SAFETY: a successful NCryptEnumKeys gives a valid NCryptKeyName.
                unsafe {
                    keys.push(Key { name: from_wide((*name).pszName), legacy_spec: (*name).dwLegacyKeySpec });
                    NCryptFreeBuffer(name.cast());
                }
                if keys.len() > super::MAX_KEYS {
                    break Ok(());
                }
            };
            if !state.is_null() {
                // SAFETY: the enumeration state NCryptEnumKeys allocated.
                unsafe { NCryptFreeBuffer(state) };
            }
            result.map(|()| keys)
        }

        fn certificate(&mut self, key: &Key) -> Result<Option<Vec<u8>>, Hresult> {
            let name = wide(&super::key_path(&self.reader, &key.name));
            let mut handle: NCRYPT_KEY_HANDLE = 0;
            // SAFETY: an out pointer to a handle, a NUL-terminated name.
            let status = unsafe { NCryptOpenKey(self.provider, &mut handle, name.as_ptr(), key.legacy_spec, NCRYPT_SILENT_FLAG) };
            if status != 0 {
                return Err(status);
            }
            let handle = KeyHandle(handle);
            let mut size = 0u32;
            // SAFETY: asking for the size only (null buffer of length 0).
            let status = unsafe {
                NCryptGetProperty(handle.0, NCRYPT_CERTIFICATE_PROPERTY, std::ptr::null_mut(), 0, &mut size, NCRYPT_SILENT_FLAG)
            };
            if status != 0 {
                return Err(status);
            }
            if size == 0 || size > MAX_PROPERTY {
                return Ok(None);
            }
            let mut der = vec![0u8; size as usize];
            // SAFETY: the buffer and its length are passed together.
            let status = unsafe {
                NCryptGetProperty(handle.0, NCRYPT_CERTIFICATE_PROPERTY, der.as_mut_ptr(), size, &mut size, NCRYPT_SILENT_FLAG)
            };
            if status != 0 {
                return Err(status);
            }
            der.truncate(size as usize);
            Ok(Some(der))
        }
    }

    /// The DER certificates on the card in `reader`, as Windows' card store gives them.
    pub fn read(reader: &str) -> Result<Vec<Vec<u8>>, crate::card::apdu::CardError> {
        let mut store = Ncrypt::open(reader).map_err(|code| super::error("opening the smart card key storage", code))?;
        super::certificates(&mut store)
    }
}

#[cfg(test)]
mod tests {
    use super::hresult::*;
    use super::*;
    use crate::state::{CardFamily, CardKind};

    /// A store with `keys`, each with its answer.
    struct Fake {
        keys: Result<Vec<Key>, Hresult>,
        answers: Vec<Result<Option<Vec<u8>>, Hresult>>,
        asked: Vec<String>,
    }

    impl KeyStore for Fake {
        fn keys(&mut self) -> Result<Vec<Key>, Hresult> {
            self.keys.clone()
        }
        fn certificate(&mut self, key: &Key) -> Result<Option<Vec<u8>>, Hresult> {
            self.asked.push(key.name.clone());
            self.answers[self.asked.len() - 1].clone()
        }
    }

    fn keys(n: usize) -> Vec<Key> {
        (0..n).map(|i| Key { name: format!("container {i}"), legacy_spec: 1 }).collect()
    }

    fn unread() -> Contents {
        Contents { kind: CardKind::Unknown, family: CardFamily::Buypass, certificates: vec![], pin_tries_left: None, via: ReadVia::Pcsc }
    }

    #[test]
    fn the_store_is_scoped_to_the_reader_and_keys_are_opened_through_it() {
        assert_eq!(scope("Gemalto USB Reader 0"), r"\\.\Gemalto USB Reader 0\");
        assert_eq!(key_path("R 0", "le-1234"), r"\\.\R 0\le-1234");
        assert_eq!(key_path("R 0", r"\\.\R 0\le-1234"), r"\\.\R 0\le-1234", "already qualified");
    }

    #[test]
    fn every_certificate_is_reported_once_and_keys_without_one_are_skipped() {
        let mut store = Fake {
            keys: Ok(keys(4)),
            answers: vec![Ok(Some(vec![1])), Err(NTE_NOT_FOUND), Ok(Some(vec![1])), Ok(Some(vec![2]))],
            asked: vec![],
        };
        assert_eq!(certificates(&mut store).unwrap(), vec![vec![1], vec![2]]);
    }

    #[test]
    fn a_card_pulled_out_is_gone_and_other_failures_are_the_stores() {
        let mut store = Fake { keys: Ok(keys(2)), answers: vec![Ok(Some(vec![1])), Err(SCARD_W_REMOVED_CARD)], asked: vec![] };
        assert!(matches!(certificates(&mut store), Err(CardError::Gone(_))));
        let mut store = Fake { keys: Err(SCARD_E_UNKNOWN_READER), answers: vec![], asked: vec![] };
        assert!(matches!(certificates(&mut store), Err(CardError::Transport(t)) if t.contains("0x80100009")));
    }

    #[test]
    fn a_card_the_store_does_not_know_or_that_would_prompt_has_no_certificates() {
        for code in [NTE_NO_MORE_ITEMS, NTE_BAD_KEYSET, SCARD_E_NO_KEY_CONTAINER, NTE_SILENT_CONTEXT] {
            let mut store = Fake { keys: Err(code), answers: vec![], asked: vec![] };
            assert_eq!(certificates(&mut store).unwrap(), Vec::<Vec<u8>>::new());
        }
    }

    #[test]
    fn a_store_listing_endless_keys_is_asked_about_a_few() {
        let mut store = Fake { keys: Ok(keys(1000)), answers: vec![Ok(None); 1000], asked: vec![] };
        certificates(&mut store).unwrap();
        assert_eq!(store.asked.len(), MAX_KEYS);
    }

    #[test]
    fn the_store_is_asked_only_when_pcsc_gave_no_certificates_and_what_it_gives_is_marked() {
        let der = crate::card::cert::testing::make("Buypass Class 3 CA 3", &[rcgen::KeyUsagePurpose::DigitalSignature], 2025, 2035);
        let (done, error) = complete(unread(), || Ok(vec![der.clone(), b"garbage".to_vec()]), 0);
        assert_eq!(error, None);
        assert_eq!(done.via, ReadVia::WindowsCardStore);
        assert_eq!(done.certificates.len(), 1);
        assert_eq!(done.certificates[0].issuer_cn, "Buypass Class 3 CA 3");
        assert_eq!((done.kind, done.family, done.pin_tries_left), (CardKind::Unknown, CardFamily::Buypass, None));

        let (again, _) = complete(done.clone(), || panic!("a card read over PC/SC is not asked again"), 0);
        assert_eq!(again, done);
        let (kept, error) = complete(unread(), || Err(CardError::Gone("pulled".into())), 0);
        assert_eq!((kept, error), (unread(), Some(CardError::Gone("pulled".into()))));
        let (nothing, _) = complete(unread(), || Ok(vec![b"garbage".to_vec()]), 0);
        assert_eq!(nothing.via, ReadVia::Pcsc, "nothing readable: still the PC/SC result");
    }
}
