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

    /// `chrome.i18n.getUILanguage()`: the browser's language, such as `nl` or `en-US`.
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getUILanguage, catch)]
    fn i18n_get_ui_language() -> Result<String, JsValue>;
}

/// The browser's language (`nl-NL`), `""` when the browser does not say.
#[cfg(any(
    feature = "background",
    feature = "ui",
    feature = "settings",
    feature = "importer"
))]
pub fn browser_language() -> String {
    i18n_get_ui_language().unwrap_or_default()
}

/// The user's own clock: the day and the minute of the day that `ms` (since 1970, UTC) is where
/// they are, so that "today" is their day, not UTC's.
#[cfg(any(feature = "background", feature = "ui", feature = "settings"))]
pub fn local_time(ms: f64) -> (crate::calendar::Day, u32) {
    let offset_minutes = js_sys::Date::new(&JsValue::from_f64(ms)).get_timezone_offset();
    let local = ms - offset_minutes * 60_000.0;
    let day = crate::calendar::day_of_ms(local);
    let minute = ((local - day as f64 * 86_400_000.0) / 60_000.0).floor() as u32;
    (day, minute.min(24 * 60 - 1))
}

/// The user's today.
#[cfg(any(feature = "background", feature = "ui", feature = "settings"))]
pub fn local_today() -> crate::calendar::Day {
    local_time(js_sys::Date::now()).0
}
