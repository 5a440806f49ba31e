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
use crate::phrases::{book, Book, Lang};
use crate::protocol::{Request, Response};

thread_local! {
    /// The interface's language, chosen once as the page starts ([`start_ui`]).
    static LANG: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::EN) };
}

/// The phrase book of the page's language: every text a view shows comes from it.
pub(crate) fn t() -> &'static Book {
    book(LANG.get())
}

/// Entry point for every extension page: `view` names the page (`overlay`). The page is put in
/// the user's language first (the setting, else the browser's), then its view starts.
#[wasm_bindgen]
pub async fn start_ui(view: String) -> Result<(), JsValue> {
    let setting = match ask(&Request::Language { set: None }).await {
        Response::Language { setting } => Some(setting),
        _ => None,
    };
    use_language(Lang::choose(
        setting.as_deref(),
        &chrome::browser_language(),
    ))?;
    match view.as_str() {
        #[cfg(feature = "ui")]
        "overlay" => overlay::start(),
        #[cfg(feature = "settings")]
        "options" => options::start(),
        #[cfg(feature = "importer")]
        "import" => import_page::start(),
        other => Err(JsValue::from_str(&format!("no view called `{other}`"))),
    }
}

/// Puts the page in `lang`: every element that names a phrase (`data-t` for its text,
/// `data-t-aria`, `data-t-placeholder`, `data-t-title` for those attributes, `data-t-empty` for
/// the `data-empty` its stylesheet shows when it is empty) gets it, and the document its `lang`.
fn use_language(lang: Lang) -> Result<(), JsValue> {
    LANG.set(lang);
    let document = document()?;
    if let Some(html) = document.document_element() {
        html.set_attribute("lang", lang.code())?;
    }
    let book = t();
    for (selector, attribute) in [
        ("[data-t]", None),
        ("[data-t-aria]", Some("aria-label")),
        ("[data-t-placeholder]", Some("placeholder")),
        ("[data-t-title]", Some("title")),
        ("[data-t-empty]", Some("data-empty")),
    ] {
        let data = selector.trim_matches(['[', ']']);
        let found = document.query_selector_all(selector)?;
        for i in 0..found.length() {
            let Some(element) = found
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let Some(key) = element.get_attribute(data) else {
                continue;
            };
            let text = book.phrase(&key).unwrap_or(&key);
            match attribute {
                None => element.set_text_content(Some(text)),
                Some(name) => element.set_attribute(name, text)?,
            }
        }
    }
    Ok(())
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
            return error(t().text("error.not_sent").to_owned());
        }
    };
    let answer = match chrome::runtime_send_message(&message) {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    match answer {
        Ok(value) => serde_wasm_bindgen::from_value(value).unwrap_or_else(|e| {
            web_sys::console::warn_1(&format!("Common Ground: {e}").into());
            error(t().text("error.no_answer").to_owned())
        }),
        Err(e) => {
            web_sys::console::warn_1(&e);
            error(t().text("error.no_answer").to_owned())
        }
    }
}

/// What to tell the user when the core answered with an error (or something unexpected).
pub(crate) fn failure(response: Response) -> String {
    match response {
        Response::Error { message } => message,
        other => {
            web_sys::console::warn_1(&format!("Common Ground: unexpected answer {other:?}").into());
            t().text("error.no_answer").to_owned()
        }
    }
}

/// Asks how often backups are made by themselves (setting it to `every` when given) and shows
/// when the last was in `line`, marked as a warning when it is older than chosen; returns the
/// rhythm.
#[cfg(any(feature = "ui", feature = "settings"))]
pub(crate) async fn backup_state(
    line: &web_sys::HtmlElement,
    every: Option<crate::autobackup::Every>,
) -> Option<crate::autobackup::Every> {
    match ask(&Request::BackupState { every }).await {
        Response::BackupState {
            every,
            said,
            stale,
            warning,
        } => {
            let text = if stale {
                format!("{said}. {warning}")
            } else {
                said
            };
            line.set_text_content(Some(&text));
            let _ = line.class_list().toggle_with_force("warning", stale);
            Some(every)
        }
        other => {
            line.set_text_content(Some(&failure(other)));
            None
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

/// Puts `text` on the clipboard through the asynchronous clipboard; whether it went there.
#[cfg(feature = "ui")]
pub(crate) async fn write_clipboard(text: &str) -> bool {
    match web_sys::window().map(|w| w.navigator().clipboard()) {
        Some(clipboard) => JsFuture::from(clipboard.write_text(text)).await.is_ok(),
        None => false,
    }
}

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

/// A new element with plain text inside.
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
