//! The overlay's notes: `Add note` focuses the box (Enter saves, Shift+Enter breaks the line),
//! each note shows its tags and when it was written or changed, and can be edited in place or
//! deleted — with `Undo` until the next change.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlTextAreaElement,
    KeyboardEvent,
};

use super::{ask, button, by_id, failure, t, text_element};
use crate::chrome::{local_time, local_today};
use crate::model::{Note, PersonKey};
use crate::protocol::{Request, Response};

/// Told the person's notes whenever they change.
type OnChange = Box<dyn Fn(&[Note])>;

pub(super) struct Notes {
    document: Document,
    list: HtmlElement,
    note: HtmlTextAreaElement,
    tags: HtmlInputElement,
    save: HtmlButtonElement,
    status: HtmlElement,
    undo: HtmlButtonElement,
    person: RefCell<Option<PersonKey>>,
    /// The note deleted last, to put back with `Undo`.
    deleted: RefCell<Option<Note>>,
    /// Told the person's notes whenever they change (the drafts use them).
    changed: OnChange,
}

impl Notes {
    pub(super) fn start(
        document: &Document,
        status: HtmlElement,
        changed: OnChange,
    ) -> Result<Rc<Notes>, JsValue> {
        let notes = Rc::new(Notes {
            list: by_id(document, "notes")?,
            note: by_id(document, "note")?,
            tags: by_id(document, "note-tags")?,
            save: by_id(document, "save")?,
            undo: by_id(document, "undo")?,
            status,
            person: RefCell::new(None),
            deleted: RefCell::new(None),
            changed,
            document: document.clone(),
        });
        let add: HtmlButtonElement = by_id(document, "add-note")?;
        let n = notes.clone();
        EventListener::new(&add, "click", move |_| n.focus()).forget();
        let n = notes.clone();
        EventListener::new(&notes.save, "click", move |_| n.save()).forget();
        for field in [
            notes.note.clone().unchecked_into::<HtmlElement>(),
            notes.tags.clone().unchecked_into(),
        ] {
            let n = notes.clone();
            EventListener::new(&field, "keydown", move |event| {
                if enter_without_shift(event) {
                    event.prevent_default();
                    n.save();
                }
            })
            .forget();
        }
        let n = notes.clone();
        EventListener::new(&notes.undo, "click", move |_| n.undo()).forget();
        Ok(notes)
    }

    /// Shows `notes`, the notes about `person`.
    pub(super) fn show(self: &Rc<Self>, person: PersonKey, notes: &[Note]) {
        let other = self.person.borrow().as_ref() != Some(&person);
        if other {
            self.deleted.replace(None);
            self.undo.set_hidden(true);
        }
        self.person.replace(Some(person));
        self.render(notes);
    }

    /// Focuses the box for a new note (the `Add note` button, the keyboard shortcut).
    pub(super) fn focus(&self) {
        let element: &HtmlElement = self.note.unchecked_ref();
        element.scroll_into_view();
        let _ = self.note.focus();
    }

    fn say(&self, message: &str, can_undo: bool) {
        self.status.set_text_content(Some(message));
        self.undo.set_hidden(!can_undo);
    }

    fn save(self: &Rc<Self>) {
        let text = self.note.value();
        if text.trim().is_empty() {
            self.say(t().text("notes.write_first"), false);
            let _ = self.note.focus();
            return;
        }
        let Some(person) = self.person.borrow().clone() else {
            return;
        };
        let tags = vec![self.tags.value()];
        self.save.set_disabled(true);
        let n = self.clone();
        spawn_local(async move {
            let request = Request::SaveNote {
                person,
                text,
                tags,
                source: None,
            };
            match ask(&request).await {
                Response::NoteSaved { notes, .. } => {
                    n.note.set_value("");
                    n.tags.set_value("");
                    n.changed(&notes);
                    n.say(t().text("notes.saved"), false);
                }
                // The text stays in the box so nothing the user typed is lost.
                other => n.say(&failure(other), false),
            }
            n.save.set_disabled(false);
        });
    }

    fn changed(self: &Rc<Self>, notes: &[Note]) {
        self.render(notes);
        (self.changed)(notes);
    }

    fn delete(self: &Rc<Self>, id: u32) {
        let n = self.clone();
        spawn_local(async move {
            match ask(&Request::DeleteNote { id }).await {
                Response::NoteDeleted { note, notes } => {
                    n.deleted.replace(Some(note));
                    n.changed(&notes);
                    n.say(t().text("notes.deleted"), true);
                }
                other => n.say(&failure(other), false),
            }
        });
    }

    fn undo(self: &Rc<Self>) {
        let Some(note) = self.deleted.borrow_mut().take() else {
            return;
        };
        let n = self.clone();
        spawn_local(async move {
            match ask(&Request::RestoreNote { note }).await {
                Response::NoteSaved { notes, .. } => {
                    n.changed(&notes);
                    n.say(t().text("notes.put_back"), false);
                }
                other => n.say(&failure(other), false),
            }
        });
    }

    fn render(self: &Rc<Self>, notes: &[Note]) {
        self.list.set_text_content(None);
        if notes.is_empty() {
            if let Ok(empty) = text_element(&self.document, "li", t().text("notes.none")) {
                let _ = empty.class_list().add_1("empty");
                let _ = self.list.append_child(&empty);
            }
            return;
        }
        for note in notes {
            if let Ok(item) = self.item(note) {
                let _ = self.list.append_child(&item);
            }
        }
    }

    /// One note: its text, tags, when, and `Edit` and `Delete`.
    fn item(self: &Rc<Self>, note: &Note) -> Result<Element, JsValue> {
        let doc = &self.document;
        let item = doc.create_element("li")?;
        let text = text_element(doc, "p", &note.text)?;
        item.append_child(&text)?;
        if !note.tags.is_empty() {
            let tags = doc.create_element("p")?;
            tags.set_class_name("tags");
            for tag in &note.tags {
                let chip = text_element(doc, "span", &format!("#{tag}"))?;
                chip.set_class_name("tag");
                tags.append_child(&chip)?;
            }
            item.append_child(&tags)?;
        }
        let meta = doc.create_element("div")?;
        meta.set_class_name("note-meta");
        let created = time(doc, note.created)?;
        meta.append_child(&created)?;
        if let Some(edited) = note.edited {
            let label = text_element(doc, "span", &format!(" · {} ", t().text("notes.edited")))?;
            let when = time(doc, edited)?;
            meta.append_child(&label)?;
            meta.append_child(&when)?;
        }
        if let Some(source) = &note.source {
            let from = text_element(
                doc,
                "span",
                &format!(" · {}", t().text("notes.from_a_page")),
            )?;
            from.set_attribute("title", source)?;
            meta.append_child(&from)?;
        }
        let edit = button(doc, t().text("notes.edit"), Some("quiet"))?;
        let delete = button(doc, t().text("notes.delete"), Some("quiet"))?;
        meta.append_child(&edit)?;
        meta.append_child(&delete)?;
        item.append_child(&meta)?;
        if let Some(id) = note.id {
            let n = self.clone();
            EventListener::new(&delete, "click", move |_| n.delete(id)).forget();
            let (n, it, note) = (self.clone(), item.clone(), note.clone());
            EventListener::new(&edit, "click", move |_| {
                let _ = n.edit(&it, &note);
            })
            .forget();
        }
        Ok(item)
    }

    /// Turns a note's item into a box to change it in: Enter (or `Save`) keeps the change,
    /// Escape (or `Cancel`) leaves the note as it was.
    fn edit(self: &Rc<Self>, item: &Element, note: &Note) -> Result<(), JsValue> {
        let Some(id) = note.id else {
            return Ok(());
        };
        let doc = &self.document;
        item.set_text_content(None);
        let text: HtmlTextAreaElement = doc.create_element("textarea")?.dyn_into()?;
        text.set_value(&note.text);
        text.set_rows(3);
        text.set_attribute("aria-label", t().text("notes.edit_note.aria"))?;
        let tags: HtmlInputElement = doc.create_element("input")?.dyn_into()?;
        tags.set_value(&note.tags.join(", "));
        tags.set_attribute("aria-label", t().text("notes.edit_tags.aria"))?;
        tags.set_attribute("placeholder", t().text("overlay.note-tags.label"))?;
        let actions = doc.create_element("div")?;
        actions.set_class_name("note-meta");
        let save = button(doc, t().text("notes.save"), Some("quiet"))?;
        let cancel = button(doc, t().text("options.restore-no"), Some("quiet"))?;
        actions.append_child(&save)?;
        actions.append_child(&cancel)?;
        item.append_child(&text)?;
        item.append_child(&tags)?;
        item.append_child(&actions)?;
        let _ = text.focus();

        let commit = {
            let (n, text, tags) = (self.clone(), text.clone(), tags.clone());
            Rc::new(move || {
                let request = Request::EditNote {
                    id,
                    text: text.value(),
                    tags: vec![tags.value()],
                };
                let n = n.clone();
                spawn_local(async move {
                    match ask(&request).await {
                        Response::NoteSaved { notes, .. } => {
                            n.changed(&notes);
                            n.say(t().text("notes.changed"), false);
                        }
                        other => n.say(&failure(other), false),
                    }
                });
            })
        };
        let back = {
            let (n, item, note) = (self.clone(), item.clone(), note.clone());
            Rc::new(move || {
                if let Ok(fresh) = n.item(&note) {
                    let _ = item.replace_with_with_node_1(&fresh);
                }
            })
        };
        let c = commit.clone();
        EventListener::new(&save, "click", move |_| c()).forget();
        let b = back.clone();
        EventListener::new(&cancel, "click", move |_| b()).forget();
        for field in [
            text.unchecked_into::<HtmlElement>(),
            tags.unchecked_into::<HtmlElement>(),
        ] {
            let (c, b) = (commit.clone(), back.clone());
            EventListener::new(&field, "keydown", move |event| {
                if enter_without_shift(event) {
                    event.prevent_default();
                    c();
                } else if event
                    .dyn_ref::<KeyboardEvent>()
                    .is_some_and(|k| k.key() == "Escape")
                {
                    // Handled here: the overlay's Escape closes nothing else with it.
                    event.prevent_default();
                    b();
                }
            })
            .forget();
        }
        Ok(())
    }
}

fn enter_without_shift(event: &web_sys::Event) -> bool {
    event
        .dyn_ref::<KeyboardEvent>()
        .is_some_and(|k| k.key() == "Enter" && !k.shift_key() && !k.is_composing())
}

/// A `<time>` with the day as the interface writes it ("today", "12 Feb 2026") and the exact
/// moment as its `datetime`.
fn time(document: &Document, ms: f64) -> Result<Element, JsValue> {
    let when = js_sys::Date::new(&JsValue::from_f64(ms));
    let shown = t().day(local_time(ms).0, local_today());
    let element = text_element(document, "time", &shown)?;
    let iso: String = when.to_iso_string().into();
    element.set_attribute("datetime", &iso)?;
    Ok(element)
}
