//! The page reader: the service worker's second module, which turns a content script's page into
//! a profile (`extract`, with the HTML parser). It is kept apart from the core so that each stays
//! within the 400 KB budget: the parser is most of this one.
//!
//! `extension/background.js` calls [`read_page`] on each `Request::Snapshot` and hands the core
//! a `Request::Read` with the result. Pure but for the bindings: no store, no network.

use wasm_bindgen::prelude::*;

use crate::extract::{extract, read};

/// The page at `url` as read: an `extract::Reading` (the profile, or why there is none), as a
/// plain object.
#[wasm_bindgen]
pub fn read_page(url: &str, html: &str) -> JsValue {
    to_js(&read(url, html))
}

/// `cg extract` in the browser: the Profile (or the reason there is none) for a page, as a
/// plain object. Used by the in-browser benchmark (`./build.sh bench`).
#[wasm_bindgen]
pub fn extract_page(url: &str, html: &str) -> Result<JsValue, JsValue> {
    extract(url, html)
        .map(|extraction| to_js(&extraction))
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// A deliberate trap (`unreachable`), for the end-to-end test that the service worker recovers
/// from one; the extension itself never calls it.
#[wasm_bindgen]
pub fn trap_for_tests() {
    core::arch::wasm32::unreachable()
}

fn to_js<T: serde::Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}
