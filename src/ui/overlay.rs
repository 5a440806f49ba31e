//! The overlay beside a profile: who this is, what the user noted about them, and a box to add a
//! note. Lives in an extension-origin frame that the content script mounts in a closed shadow
//! root; the frame's address fragment names the person (`overlay.html#p=linkedin%3Ahandle&r=1`).

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, HtmlButtonElement, HtmlElement, HtmlTextAreaElement, KeyboardEvent};

use super::{ask, by_id, document, text_element};
use crate::model::{Note, PersonKey, Profile};
use crate::protocol::{person_from_fragment, Request, Response};

struct View {
    document: Document,
    name: HtmlElement,
    headline: HtmlElement,
    current: HtmlElement,
    notes: HtmlElement,
    note: HtmlTextAreaElement,
    save: HtmlButtonElement,
    toggle: HtmlButtonElement,
    status: HtmlElement,
    this_is_me: HtmlButtonElement,
    is_me: HtmlElement,
}

pub(super) fn start() -> Result<(), JsValue> {
    let document = document()?;
    let view = Rc::new(View {
        name: by_id(&document, "name")?,
        headline: by_id(&document, "headline")?,
        current: by_id(&document, "current")?,
        notes: by_id(&document, "notes")?,
        note: by_id(&document, "note")?,
        save: by_id(&document, "save")?,
        toggle: by_id(&document, "toggle")?,
        status: by_id(&document, "status")?,
        this_is_me: by_id(&document, "this-is-me")?,
        is_me: by_id(&document, "is-me")?,
        document,
    });

    let v = view.clone();
    EventListener::new(&view.save, "click", move |_| save(v.clone())).forget();

    // Enter saves, Shift+Enter starts a new line.
    let v = view.clone();
    EventListener::new(&view.note, "keydown", move |event| {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if key.key() == "Enter" && !key.shift_key() && !key.is_composing() {
            event.prevent_default();
            save(v.clone());
        }
    })
    .forget();

    let v = view.clone();
    EventListener::new(&view.toggle, "click", move |_| {
        let collapsed = !is_collapsed(&v);
        show_collapsed(&v, collapsed);
        spawn_local(async move {
            ask(&Request::Layout { collapsed }).await;
        });
    })
    .forget();

    let v = view.clone();
    EventListener::new(&view.this_is_me, "click", move |_| {
        let v = v.clone();
        let Some(person) = person(&v) else {
            return;
        };
        spawn_local(async move {
            match ask(&Request::ThisIsMe { person }).await {
                Response::Me { .. } => {
                    show_is_me(&v, true);
                    set_status(
                        &v,
                        "Saved as you: shared history is now measured against this profile.",
                    );
                }
                other => show_failure(&v, other),
            }
        });
    })
    .forget();

    // The content script moves the frame to another person by changing the fragment.
    let v = view.clone();
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    EventListener::new(&window, "hashchange", move |_| load(v.clone())).forget();

    load(view);
    Ok(())
}

/// The person this frame is about, from its address fragment.
fn person(view: &View) -> Option<PersonKey> {
    person_from_fragment(&view.document.location()?.hash().ok()?)
}

fn load(view: Rc<View>) {
    spawn_local(async move {
        let Some(person) = person(&view) else {
            set_status(&view, "This frame was opened without a person.");
            return;
        };
        match ask(&Request::Overlay { person }).await {
            Response::Overlay {
                profile,
                notes,
                collapsed,
                is_me,
            } => {
                show_is_me(&view, is_me);
                render_person(&view, profile.as_ref());
                show_collapsed(&view, collapsed);
                render_notes(&view, &notes);
                set_status(&view, "");
                // For the end-to-end measurement of page load to overlay shown.
                if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                    let _ = performance.mark("cg-overlay-rendered");
                }
            }
            other => show_failure(&view, other),
        }
    });
}

fn save(view: Rc<View>) {
    let text = view.note.value();
    if text.trim().is_empty() {
        set_status(&view, "Write a note first.");
        let _ = view.note.focus();
        return;
    }
    let Some(person) = person(&view) else {
        return;
    };
    view.save.set_disabled(true);
    spawn_local(async move {
        match ask(&Request::SaveNote { person, text }).await {
            Response::NoteSaved { notes, .. } => {
                view.note.set_value("");
                render_notes(&view, &notes);
                set_status(&view, "Note saved.");
            }
            // The text stays in the box so nothing the user typed is lost.
            other => show_failure(&view, other),
        }
        view.save.set_disabled(false);
    });
}

fn render_person(view: &View, profile: Option<&Profile>) {
    let name = profile.map(|p| p.name.as_str()).unwrap_or_default();
    view.name.set_text_content(Some(name));
    let headline = profile
        .and_then(|p| p.headline.as_deref())
        .unwrap_or_default();
    view.headline.set_text_content(Some(headline));
    let now = profile
        .and_then(|p| p.positions.iter().find(|p| p.current))
        .map(|p| match &p.title {
            Some(title) => format!("{title} at {}", p.org),
            None => p.org.clone(),
        })
        .unwrap_or_default();
    view.current.set_text_content(Some(&now));
}

fn render_notes(view: &View, notes: &[Note]) {
    view.notes.set_text_content(None);
    if notes.is_empty() {
        if let Ok(empty) = text_element(
            &view.document,
            "li",
            "No notes yet. What do you want to remember about them?",
        ) {
            let _ = empty.class_list().add_1("empty");
            let _ = view.notes.append_child(&empty);
        }
        return;
    }
    for note in notes {
        let Ok(item) = view.document.create_element("li") else {
            continue;
        };
        let when = js_sys::Date::new(&JsValue::from_f64(note.created));
        let date: String = when
            .to_locale_date_string("default", &JsValue::UNDEFINED)
            .into();
        if let (Ok(time), Ok(text)) = (
            text_element(&view.document, "time", &date),
            text_element(&view.document, "p", &note.text),
        ) {
            let iso: String = when.to_iso_string().into();
            let _ = time.set_attribute("datetime", &iso);
            let _ = item.append_child(&text);
            let _ = item.append_child(&time);
        }
        let _ = view.notes.append_child(&item);
    }
}

fn show_is_me(view: &View, is_me: bool) {
    view.is_me.set_hidden(!is_me);
    view.this_is_me.set_hidden(is_me);
}

fn is_collapsed(view: &View) -> bool {
    view.document
        .body()
        .is_some_and(|b| b.class_list().contains("collapsed"))
}

fn show_collapsed(view: &View, collapsed: bool) {
    if let Some(body) = view.document.body() {
        let _ = body.class_list().toggle_with_force("collapsed", collapsed);
    }
    let _ = view
        .toggle
        .set_attribute("aria-expanded", if collapsed { "false" } else { "true" });
    let _ = view
        .toggle
        .set_attribute("aria-label", if collapsed { "Expand" } else { "Collapse" });
}

fn show_failure(view: &View, response: Response) {
    let message = match response {
        Response::Error { message } => message,
        other => format!("Unexpected answer from the core: {other:?}"),
    };
    set_status(view, &message);
}

fn set_status(view: &View, message: &str) {
    view.status.set_text_content(Some(message));
}
