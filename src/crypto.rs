//! The browser's cryptography for encrypted backups (the format is [`crate::sealed`]'s):
//! WebCrypto's PBKDF2 with SHA-256, AES-256-GCM and SHA-256, in the service worker or a page.
//! No key ever leaves WebCrypto's keeping except the check's hash, and none is extractable.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, Crypto, CryptoKey, Pbkdf2Params, SubtleCrypto};

use crate::sealed::{
    SealError, Sealed, CHECK_BYTES, ITERATIONS, NONCE_BYTES, SALT_BYTES, TAG_BYTES,
};

/// `plain` encrypted with a key from `passphrase`, as a sealed file's text, with a fresh salt
/// and nonce.
pub async fn seal(plain: &str, passphrase: &str) -> Result<String, SealError> {
    let crypto = crypto()?;
    let mut salt = [0u8; SALT_BYTES];
    let mut nonce = [0u8; NONCE_BYTES];
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .map_err(browser)?;
    crypto
        .get_random_values_with_u8_array(&mut nonce)
        .map_err(browser)?;
    let subtle = crypto.subtle();
    let (key, check) = derive(&subtle, passphrase, &salt, ITERATIONS).await?;
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&nonce[..]));
    let data = bytes(
        wait(subtle.encrypt_with_object_and_u8_array(&params, &key, plain.as_bytes())).await?,
    );
    Ok(Sealed {
        iterations: ITERATIONS,
        salt: salt.to_vec(),
        nonce: nonce.to_vec(),
        check,
        data,
    }
    .to_json())
}

/// The backup's text inside the sealed file `text`; a wrong passphrase and a damaged file are
/// told apart.
pub async fn open(text: &str, passphrase: &str) -> Result<String, SealError> {
    let sealed = Sealed::parse(text)?;
    if passphrase.is_empty() {
        return Err(SealError::NoPassphrase);
    }
    let subtle = crypto()?.subtle();
    let (key, check) = derive(&subtle, passphrase, &sealed.salt, sealed.iterations).await?;
    if check != sealed.check {
        return Err(SealError::WrongPassphrase);
    }
    debug_assert!(sealed.data.len() >= TAG_BYTES);
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&sealed.nonce[..]));
    let plain = wait(subtle.decrypt_with_object_and_u8_array(&params, &key, &sealed.data))
        .await
        .map_err(|_| SealError::Damaged)?;
    String::from_utf8(bytes(plain)).map_err(|_| SealError::Damaged)
}

/// The AES key and the check from `passphrase`: PBKDF2 gives 512 bits, the first half the key,
/// the SHA-256 of the second half the check.
async fn derive(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<(CryptoKey, Vec<u8>), SealError> {
    let secret = Uint8Array::from(passphrase.as_bytes());
    let base: CryptoKey = wait(subtle.import_key_with_str(
        "raw",
        &secret,
        "PBKDF2",
        false,
        &Array::of1(&"deriveBits".into()),
    ))
    .await?
    .unchecked_into();
    let params =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let bits = bytes(wait(subtle.derive_bits_with_object(&params, &base, 512)).await?);
    let (key_bits, check_bits) = bits.split_at(32);
    let key: CryptoKey = wait(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(key_bits),
        "AES-GCM",
        false,
        &Array::of2(&"encrypt".into(), &"decrypt".into()),
    ))
    .await?
    .unchecked_into();
    let check = bytes(wait(subtle.digest_with_str_and_u8_array("SHA-256", check_bits)).await?);
    debug_assert_eq!(check.len(), CHECK_BYTES);
    Ok((key, check))
}

/// The global scope's `crypto`: the window's in a page, the worker's in the service worker.
fn crypto() -> Result<Crypto, SealError> {
    js_sys::Reflect::get(&js_sys::global(), &"crypto".into())
        .map_err(browser)?
        .dyn_into()
        .map_err(|_| SealError::Browser("no WebCrypto here".into()))
}

async fn wait(promise: Result<Promise, JsValue>) -> Result<JsValue, SealError> {
    JsFuture::from(promise.map_err(browser)?)
        .await
        .map_err(browser)
}

fn bytes(buffer: JsValue) -> Vec<u8> {
    Uint8Array::new(&buffer).to_vec()
}

fn browser(e: JsValue) -> SealError {
    let why = js_sys::Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "unknown error".into());
    SealError::Browser(why)
}
