//! An encrypted backup file: a readable header that says how it was sealed, and the backup's
//! text encrypted.
//!
//! Pure: the format, written and read back with a message saying what is wrong and where. The
//! cryptography itself is the browser's (WebCrypto, in the shell's `crypto` module): PBKDF2
//! with SHA-256 turns the passphrase and a random salt into 512 bits; the first 256 are the AES-256-GCM key, the
//! last 256, hashed with SHA-256, are the `check` written in the header, which tells a wrong
//! passphrase (the check differs) from a damaged file (the check matches, the content does not
//! decrypt). A fresh salt and nonce are drawn for every file.
//!
//! ```json
//! {"format": "common-ground-backup-encrypted", "version": 1,
//!  "kdf": {"name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": "<base64>"},
//!  "cipher": {"name": "AES-GCM", "nonce": "<base64, 12 bytes>"},
//!  "check": "<base64, 32 bytes>", "data": "<base64: ciphertext and tag>"}
//! ```

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::phrases::Book;

pub const FORMAT: &str = "common-ground-backup-encrypted";
pub const VERSION: u32 = 1;
/// PBKDF2 iterations for a new file: OWASP's figure for PBKDF2 with SHA-256.
pub const ITERATIONS: u32 = 600_000;
/// The most iterations a file may ask for: beyond it opening the file would take minutes.
pub const MOST_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const NONCE_BYTES: usize = 12;
pub const CHECK_BYTES: usize = 32;
/// AES-GCM's tag: the least a sealed content can be.
pub const TAG_BYTES: usize = 16;

/// A sealed backup as its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub nonce: Vec<u8>,
    pub check: Vec<u8>,
    /// The ciphertext with its tag.
    pub data: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    kdf: Kdf,
    cipher: Cipher,
    check: String,
    data: String,
}

#[derive(Serialize, Deserialize)]
struct Kdf {
    name: String,
    hash: String,
    iterations: u32,
    salt: String,
}

#[derive(Serialize, Deserialize)]
struct Cipher {
    name: String,
    nonce: String,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// Why a sealed file cannot be opened, said with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealError {
    NotJson {
        line: usize,
        column: usize,
    },
    Newer(u32),
    /// A part of the header missing or of the wrong kind (`field`).
    Header(String),
    /// A way of sealing this build does not know ("PBKDF2 with SHA-1").
    Unsupported(String),
    Iterations(u32),
    /// `field` is not base64 from character `at`.
    NotBase64 {
        field: &'static str,
        at: usize,
    },
    /// `field` has `got` bytes where `want` were expected.
    Length {
        field: &'static str,
        got: usize,
        want: usize,
    },
    /// The check derived from the passphrase differs from the file's.
    WrongPassphrase,
    /// The passphrase is right but the content does not decrypt: it was changed or cut.
    Damaged,
    /// No passphrase was given for a sealed file.
    NoPassphrase,
    /// The browser's cryptography failed (its message).
    Browser(String),
}

impl SealError {
    /// What is wrong and where, in `t`'s language.
    pub fn message(&self, t: &Book) -> String {
        let n = |v: usize| t.number(v as u64);
        match self {
            SealError::NotJson { line, column } => t.say(
                "sealed.not_json",
                &[("line", &n(*line)), ("column", &n(*column))],
            ),
            SealError::Newer(v) => t.say("sealed.newer", &[("version", &n(*v as usize))]),
            SealError::Header(field) => t.say("sealed.header", &[("field", field)]),
            SealError::Unsupported(what) => t.say("sealed.unsupported", &[("what", what)]),
            SealError::Iterations(i) => t.say(
                "sealed.iterations",
                &[
                    ("iterations", &n(*i as usize)),
                    ("most", &n(MOST_ITERATIONS as usize)),
                ],
            ),
            SealError::NotBase64 { field, at } => t.say(
                "sealed.not_base64",
                &[("field", field), ("at", &n(*at + 1))],
            ),
            SealError::Length { field, got, want } => t.say(
                "sealed.length",
                &[("field", field), ("got", &n(*got)), ("want", &n(*want))],
            ),
            SealError::WrongPassphrase => t.text("sealed.wrong_passphrase").to_owned(),
            SealError::Damaged => t.text("sealed.damaged").to_owned(),
            SealError::NoPassphrase => t.text("sealed.no_passphrase").to_owned(),
            SealError::Browser(why) => t.say("sealed.browser", &[("why", why)]),
        }
    }
}

crate::phrases::in_english!(SealError);

/// Whether `text` is a sealed backup (its header says so), without reading the rest.
pub fn is_sealed(text: &str) -> bool {
    // The header comes first; a sealed file's format is in its first few hundred characters.
    let start: String = text.chars().take(200).collect();
    start.contains(FORMAT)
        && serde_json::from_str::<Header>(text)
            .ok()
            .and_then(|h| h.format)
            .is_some_and(|f| f == FORMAT)
}

impl Sealed {
    /// The file's text.
    pub fn to_json(&self) -> String {
        let file = File {
            format: FORMAT.to_owned(),
            version: VERSION,
            kdf: Kdf {
                name: "PBKDF2".into(),
                hash: "SHA-256".into(),
                iterations: self.iterations,
                salt: STANDARD.encode(&self.salt),
            },
            cipher: Cipher {
                name: "AES-GCM".into(),
                nonce: STANDARD.encode(&self.nonce),
            },
            check: STANDARD.encode(&self.check),
            data: STANDARD.encode(&self.data),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// Reads a sealed file, every part checked before any cryptography is spent on it.
    pub fn parse(text: &str) -> Result<Sealed, SealError> {
        let header: Header = serde_json::from_str(text).map_err(|e| SealError::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(SealError::Header("format".into()));
        }
        match header.version {
            Some(VERSION) => {}
            Some(v) if v > VERSION => return Err(SealError::Newer(v)),
            _ => return Err(SealError::Header("version".into())),
        }
        let file: File = serde_json::from_str(text).map_err(|e| {
            let what = e.to_string();
            // "missing field `kdf` at line 3 column 1": the field's name.
            let field = what.split('`').nth(1).unwrap_or("header").to_owned();
            SealError::Header(field)
        })?;
        if file.kdf.name != "PBKDF2" || file.kdf.hash != "SHA-256" {
            return Err(SealError::Unsupported(format!(
                "{} / {}",
                file.kdf.name, file.kdf.hash
            )));
        }
        if file.cipher.name != "AES-GCM" {
            return Err(SealError::Unsupported(file.cipher.name));
        }
        if file.kdf.iterations == 0 || file.kdf.iterations > MOST_ITERATIONS {
            return Err(SealError::Iterations(file.kdf.iterations));
        }
        let salt = decode("salt", &file.kdf.salt, Some(SALT_BYTES))?;
        let nonce = decode("nonce", &file.cipher.nonce, Some(NONCE_BYTES))?;
        let check = decode("check", &file.check, Some(CHECK_BYTES))?;
        let data = decode("data", &file.data, None)?;
        if data.len() < TAG_BYTES {
            return Err(SealError::Length {
                field: "data",
                got: data.len(),
                want: TAG_BYTES,
            });
        }
        Ok(Sealed {
            iterations: file.kdf.iterations,
            salt,
            nonce,
            check,
            data,
        })
    }
}

fn decode(field: &'static str, text: &str, want: Option<usize>) -> Result<Vec<u8>, SealError> {
    let bytes = STANDARD.decode(text).map_err(|e| {
        let at = match e {
            base64::DecodeError::InvalidByte(at, _)
            | base64::DecodeError::InvalidLastSymbol(at, _) => at,
            _ => text.len(),
        };
        SealError::NotBase64 { field, at }
    })?;
    match want {
        Some(want) if bytes.len() != want => Err(SealError::Length {
            field,
            got: bytes.len(),
            want,
        }),
        _ => Ok(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::{book, Lang};

    fn sample() -> Sealed {
        Sealed {
            iterations: ITERATIONS,
            salt: vec![7; SALT_BYTES],
            nonce: vec![9; NONCE_BYTES],
            check: vec![1; CHECK_BYTES],
            data: (0..40).collect(),
        }
    }

    #[test]
    fn a_sealed_file_reads_back_with_its_header_in_plain_sight() {
        let text = sample().to_json();
        assert!(is_sealed(&text));
        assert!(text.contains("\"iterations\": 600000"), "{text}");
        assert!(text.contains("\"name\": \"AES-GCM\""), "{text}");
        assert_eq!(Sealed::parse(&text).unwrap(), sample());
        assert!(!is_sealed(
            r#"{"format": "common-ground-backup", "version": 3}"#
        ));
    }

    #[test]
    fn every_damaged_part_is_named() {
        let en = book(Lang::EN);
        let text = sample().to_json();
        let say = |t: &str| Sealed::parse(t).unwrap_err().message(en);
        let cut = say(&text[..text.len() / 2]);
        assert!(
            cut.starts_with("The encrypted backup is cut short or not JSON (line ")
                && cut.ends_with("Nothing was changed."),
            "{cut}"
        );
        let bad_salt = text.replace(
            &STANDARD.encode([7u8; SALT_BYTES]),
            "BwcH!wcHBwcHBwcHBwcHBw==",
        );
        assert_eq!(
            say(&bad_salt),
            "The encrypted backup is damaged: its salt is not base64 from character 5. Nothing was \
             changed."
        );
        let short = text.replace(
            &STANDARD.encode([9u8; NONCE_BYTES]),
            &STANDARD.encode([9u8; 4]),
        );
        assert_eq!(
            say(&short),
            "The encrypted backup is damaged: its nonce has 4 bytes where 12 belong. Nothing was \
             changed."
        );
        let endless = text.replace("600000", "4000000000");
        assert!(
            say(&endless).contains("4,000,000,000 rounds"),
            "{}",
            say(&endless)
        );
        let other = text.replace("SHA-256", "SHA-1");
        assert!(say(&other).contains("PBKDF2 / SHA-1"), "{}", say(&other));
        let newer = text.replace("\"version\": 1", "\"version\": 9");
        assert!(say(&newer).contains("version 9"), "{}", say(&newer));
    }
}
