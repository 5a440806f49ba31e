//! The few extension APIs the core calls, bound by hand (no crate covers them).
//!
//! `chrome.*` is also present in Firefox, where its methods return promises under Manifest V3.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `chrome.runtime.sendMessage(message)`: to the service worker, from an extension page.
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    pub fn runtime_send_message(message: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `chrome.runtime.id`: this extension's id.
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = id, thread_local_v2)]
    pub static RUNTIME_ID: String;

    /// `chrome.runtime.onMessage.addListener(listener)`: runtime messages, in an extension page.
    #[wasm_bindgen(js_namespace = ["chrome", "runtime", "onMessage"], js_name = addListener)]
    pub fn runtime_on_message(listener: &js_sys::Function);

    /// `chrome.tabs.getCurrent()`: the tab an extension page is shown in (the overlay's frame);
    /// `undefined` elsewhere (the side panel).
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = getCurrent, catch)]
    pub fn tabs_get_current() -> Result<js_sys::Promise, JsValue>;

    /// `chrome.tabs.query(queryInfo)`.
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = query, catch)]
    pub fn tabs_query(query: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `chrome.tabs.sendMessage(tabId, message, {frameId})`: to a tab's content script.
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = sendMessage, catch)]
    pub fn tabs_send_message(
        tab_id: i32,
        message: &JsValue,
        options: &JsValue,
    ) -> Result<js_sys::Promise, JsValue>;

    /// `chrome.i18n.getMessage(name)`: a sentence from `_locales/<browser language>/`, `""` when
    /// there is none.
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage, catch)]
    fn i18n_get_message(name: &str) -> Result<String, JsValue>;
}

/// The sentence `name` in the browser's language, or `english` where it has none.
#[cfg(any(
    feature = "background",
    feature = "ui",
    feature = "settings",
    feature = "importer"
))]
pub fn say(name: &str, english: &str) -> String {
    i18n_get_message(name)
        .ok()
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| english.to_owned())
}
