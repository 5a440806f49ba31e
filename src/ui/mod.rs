//! The extension's pages, drawn by Rust through web-sys: each page's HTML holds a static
//! skeleton of labelled elements, and its view here fills them and wires their events.
//!
//! Architecture invariant: a page stores nothing itself and asks the service worker for
//! everything ([`ask`]); text from profiles and notes is set with `textContent`, never as HTML.

// Three builds, three modules: `ui` (the overlay and side panel), `settings` (the options page
// with the backup) and `importer` (the import page), so that each page carries only its own.
#[cfg(feature = "settings")]
mod backup_page;
#[cfg(feature = "ui")]
mod drafting;
#[cfg(feature = "importer")]
mod import_page;
#[cfg(feature = "ui")]
mod keeping;
#[cfg(feature = "ui")]
mod network_view;
#[cfg(feature = "ui")]
mod notes;
#[cfg(feature = "settings")]
mod options;
#[cfg(feature = "ui")]
mod overlay;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Document;

use crate::chrome;
use crate::protocol::{Request, Response};

/// Entry point for every extension page: `view` names the page (`overlay`).
#[wasm_bindgen]
pub fn start_ui(view: &str) -> Result<(), JsValue> {
    match view {
        #[cfg(feature = "ui")]
        "overlay" => overlay::start(),
        #[cfg(feature = "settings")]
        "options" => options::start(),
        #[cfg(feature = "importer")]
        "import" => import_page::start(),
        other => Err(JsValue::from_str(&format!("no view called `{other}`"))),
    }
}

/// Sends `request` to the service worker and waits for its answer. Transport failures come back
/// as [`Response::Error`] with a message for the user.
pub(crate) async fn ask(request: &Request) -> Response {
    // What went wrong is said as the user can act on it; the technical detail goes to the
    // console, for a bug report.
    let message = match request.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
        Ok(m) => m,
        Err(e) => {
            web_sys::console::warn_1(&format!("Common Ground: {e}").into());
            return error(chrome::say("errorNotSent", NOT_SENT));
        }
    };
    let answer = match chrome::runtime_send_message(&message) {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    match answer {
        Ok(value) => serde_wasm_bindgen::from_value(value).unwrap_or_else(|e| {
            web_sys::console::warn_1(&format!("Common Ground: {e}").into());
            error(chrome::say("errorNoAnswer", NO_ANSWER))
        }),
        Err(e) => {
            web_sys::console::warn_1(&e);
            error(chrome::say("errorNoAnswer", NO_ANSWER))
        }
    }
}

const NOT_SENT: &str = "Common Ground could not send this. Reload the page and try again.";
const NO_ANSWER: &str = "Common Ground's background part did not answer: the browser may have \
    stopped it. Check whether it was done, reload the page and try again if not.";

/// What to tell the user when the core answered with an error (or something unexpected).
pub(crate) fn failure(response: Response) -> String {
    match response {
        Response::Error { message } => message,
        other => {
            web_sys::console::warn_1(&format!("Common Ground: unexpected answer {other:?}").into());
            chrome::say("errorNoAnswer", NO_ANSWER)
        }
    }
}

fn error(message: String) -> Response {
    Response::Error { message }
}

pub(crate) fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("this view needs a document"))
}

/// The element with `id`, as the type the page's HTML declares it to be.
pub(crate) fn by_id<T: JsCast>(document: &Document, id: &str) -> Result<T, JsValue> {
    document
        .get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("the page has no element #{id}")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} is not the expected kind of element")))
}

#[cfg(feature = "importer")]
/// Lets the browser paint (and the user see progress) before the next piece of work: resolves
/// in a new task.
pub(crate) async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// A new element with plain text inside.
/// A `<button type="button">` with `label`, of `class` when one is given.
#[cfg(feature = "ui")]
pub(crate) fn button(
    document: &Document,
    label: &str,
    class: Option<&str>,
) -> Result<web_sys::Element, JsValue> {
    let b = text_element(document, "button", label)?;
    b.set_attribute("type", "button")?;
    if let Some(class) = class {
        b.set_class_name(class);
    }
    Ok(b)
}

#[cfg(any(feature = "ui", feature = "importer"))]
pub(crate) fn text_element(
    document: &Document,
    tag: &str,
    text: &str,
) -> Result<web_sys::Element, JsValue> {
    let element = document.create_element(tag)?;
    element.set_text_content(Some(text));
    Ok(element)
}
