//! The overlay's record of the relationship: logging what happened (met, messaged, called,
//! introduced them to someone, shared something, congratulated, asked for something), each
//! marked as the user giving, asking or neither; and forgetting the person altogether.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

use super::{ask, button, by_id, failure, t, text_element};
use crate::chrome::{local_time, local_today};
use crate::describe;
use crate::model::{
    Balance, Goal, Interaction, InteractionKind, Marks, PersonKey, KEY_RHYTHM_DAYS,
};
use crate::protocol::{Forgotten, Request, Response};

/// The person the overlay shows, as the record needs them.
#[derive(Clone)]
pub(super) struct Shown {
    pub person: PersonKey,
    pub name: String,
    pub notes: usize,
    pub interactions: Vec<Interaction>,
    pub contact: bool,
    pub marks: Option<Marks>,
}

pub(super) struct Keeping {
    document: Document,
    kind: HtmlSelectElement,
    balance: HtmlSelectElement,
    text: HtmlInputElement,
    list: HtmlElement,
    forget: HtmlButtonElement,
    key: HtmlInputElement,
    rhythm: HtmlSelectElement,
    goals: HtmlElement,
    confirm: HtmlElement,
    question: HtmlElement,
    status: HtmlElement,
    shown: RefCell<Option<Shown>>,
    /// Asks the overlay to read the person again (the relationship lines change with a log).
    reload: Box<dyn Fn()>,
    /// Tells the overlay the person is gone.
    forgotten: Box<dyn Fn(&str)>,
}

impl Keeping {
    pub(super) fn start(
        document: &Document,
        status: HtmlElement,
        reload: Box<dyn Fn()>,
        forgotten: Box<dyn Fn(&str)>,
    ) -> Result<Rc<Keeping>, JsValue> {
        let keeping = Rc::new(Keeping {
            kind: by_id(document, "log-kind")?,
            balance: by_id(document, "log-balance")?,
            text: by_id(document, "log-text")?,
            list: by_id(document, "interactions")?,
            forget: by_id(document, "forget")?,
            key: by_id(document, "mark-key")?,
            rhythm: by_id(document, "mark-rhythm")?,
            goals: by_id(document, "mark-goals")?,
            confirm: by_id(document, "forget-confirm")?,
            question: by_id(document, "forget-question")?,
            status,
            shown: RefCell::new(None),
            reload,
            forgotten,
            document: document.clone(),
        });
        // What happened suggests who gave; the user can still say otherwise.
        let k = keeping.clone();
        EventListener::new(&keeping.kind, "change", move |_| {
            let balance = match k.kind.value().as_str() {
                "introduced" | "shared" | "congratulated" => "give",
                "asked" => "ask",
                _ => "neutral",
            };
            k.balance.set_value(balance);
        })
        .forget();
        let save: HtmlButtonElement = by_id(document, "log-save")?;
        let k = keeping.clone();
        EventListener::new(&save, "click", move |_| k.log()).forget();
        let k = keeping.clone();
        EventListener::new(&keeping.text, "keydown", move |event| {
            if event
                .dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|e| e.key() == "Enter")
            {
                event.prevent_default();
                k.log();
            }
        })
        .forget();
        let k = keeping.clone();
        EventListener::new(&keeping.forget, "click", move |_| k.ask_to_forget()).forget();
        let k = keeping.clone();
        EventListener::new(&keeping.key, "change", move |_| {
            // A key person is kept in touch with every six weeks unless the user says otherwise.
            if k.key.checked() && k.rhythm.value().is_empty() {
                k.rhythm.set_value(&KEY_RHYTHM_DAYS.to_string());
            }
            k.mark();
        })
        .forget();
        let k = keeping.clone();
        EventListener::new(&keeping.rhythm, "change", move |_| k.mark()).forget();
        let yes: HtmlButtonElement = by_id(document, "forget-yes")?;
        let k = keeping.clone();
        EventListener::new(&yes, "click", move |_| k.forget()).forget();
        let no: HtmlButtonElement = by_id(document, "forget-no")?;
        let k = keeping.clone();
        EventListener::new(&no, "click", move |_| k.confirm.set_hidden(true)).forget();
        Ok(keeping)
    }

    pub(super) fn show(self: &Rc<Self>, shown: Shown) {
        if self.shown.borrow().as_ref().map(|s| &s.person) != Some(&shown.person) {
            self.confirm.set_hidden(true);
        }
        self.render(&shown.interactions);
        let marks = shown.marks.clone().unwrap_or_default();
        self.key.set_checked(marks.key);
        self.rhythm
            .set_value(&marks.rhythm_days.map(|d| d.to_string()).unwrap_or_default());
        self.shown.replace(Some(shown));
        let k = self.clone();
        spawn_local(async move {
            if let Response::Goals { goals } = ask(&Request::Goals { set: None }).await {
                k.show_goals(&goals, &marks.goals);
            }
        });
    }

    /// A box per goal the user stated, ticked when this person matters for it.
    fn show_goals(self: &Rc<Self>, goals: &[Goal], marked: &[String]) {
        let legend = self.goals.first_element_child();
        self.goals.set_text_content(None);
        if let Some(legend) = legend {
            let _ = self.goals.append_child(&legend);
        }
        self.goals.set_hidden(goals.is_empty());
        for goal in goals {
            let id = goal.kind.id();
            let Ok(label) = self.document.create_element("label") else {
                continue;
            };
            label.set_class_name("check");
            let Ok(input) = self.document.create_element("input") else {
                continue;
            };
            let input: HtmlInputElement = input.unchecked_into();
            input.set_type("checkbox");
            input.set_value(id);
            input.set_checked(marked.iter().any(|m| m == id));
            let _ = label.append_child(&input);
            let text = describe::goal(t(), goal);
            let _ = label.append_with_str_1(&format!(" {text}"));
            let k = self.clone();
            EventListener::new(&input, "change", move |_| k.mark()).forget();
            let _ = self.goals.append_child(&label);
        }
    }

    /// The goals ticked now; `None` while the boxes are not drawn yet.
    fn ticked_goals(&self) -> Option<Vec<String>> {
        let boxes = self.goals.query_selector_all("input").ok()?;
        if boxes.length() == 0 {
            return None;
        }
        Some(
            (0..boxes.length())
                .filter_map(|i| boxes.item(i))
                .filter_map(|n| n.dyn_into::<HtmlInputElement>().ok())
                .filter(|i| i.checked())
                .map(|i| i.value())
                .collect(),
        )
    }

    /// Stores the key-person box and the rhythm, keeping the goals as they were.
    fn mark(self: &Rc<Self>) {
        let Some(shown) = self.shown.borrow().clone() else {
            return;
        };
        let marks = Marks {
            changed: 0.0,
            person: shown.person.as_str().to_owned(),
            name: shown.name.clone(),
            key: self.key.checked(),
            rhythm_days: self.rhythm.value().parse().ok(),
            goals: self
                .ticked_goals()
                .unwrap_or_else(|| shown.marks.map(|m| m.goals).unwrap_or_default()),
            // What the side panel set aside stays so (the core keeps it).
            not_now_until: None,
        };
        let k = self.clone();
        spawn_local(async move {
            match ask(&Request::Mark { marks }).await {
                Response::Marked { .. } => {
                    k.say(t().text("keeping.saved"));
                    (k.reload)();
                }
                other => k.say(&failure(other)),
            }
        });
    }

    fn say(&self, message: &str) {
        self.status.set_text_content(Some(message));
    }

    fn log(self: &Rc<Self>) {
        let Some(person) = self.shown.borrow().as_ref().map(|s| s.person.clone()) else {
            return;
        };
        let kind: Result<InteractionKind, _> =
            serde_json::from_value(serde_json::Value::String(self.kind.value()));
        let balance: Result<Balance, _> =
            serde_json::from_value(serde_json::Value::String(self.balance.value()));
        let (Ok(kind), Ok(balance)) = (kind, balance) else {
            return;
        };
        let interaction = Interaction {
            uid: None,
            id: None,
            person,
            kind,
            balance,
            text: self.text.value().trim().to_owned(),
            at: js_sys::Date::now(),
        };
        let k = self.clone();
        spawn_local(async move {
            match ask(&Request::LogInteraction { interaction }).await {
                Response::Interactions { .. } => {
                    k.text.set_value("");
                    k.say(t().text("keeping.logged"));
                    (k.reload)();
                }
                other => k.say(&failure(other)),
            }
        });
    }

    fn remove(self: &Rc<Self>, id: u32) {
        let k = self.clone();
        spawn_local(async move {
            match ask(&Request::DeleteInteraction { id }).await {
                Response::Interactions { .. } => {
                    k.say(t().text("keeping.removed"));
                    (k.reload)();
                }
                other => k.say(&failure(other)),
            }
        });
    }

    /// The person's logged interactions, newest first: what, when, the details, who gave.
    fn render(self: &Rc<Self>, interactions: &[Interaction]) {
        self.list.set_text_content(None);
        for interaction in interactions {
            let Ok(item) = self.document.create_element("li") else {
                continue;
            };
            let (day, _) = local_time(interaction.at);
            let mut parts = vec![
                kind_label(interaction.kind).to_owned(),
                t().day(day, local_today()),
            ];
            if !interaction.text.is_empty() {
                parts.push(interaction.text.clone());
            }
            match interaction.balance {
                Balance::Give => parts.push(t().text("keeping.you_gave").to_owned()),
                Balance::Ask => parts.push(t().text("keeping.you_asked").to_owned()),
                Balance::Neutral => {}
            }
            let line = parts.join(" · ");
            if let Ok(text) = text_element(&self.document, "span", &line) {
                let _ = item.append_child(&text);
            }
            if let (Some(id), Ok(remove)) = (
                interaction.id,
                button(&self.document, t().text("options.remove"), Some("quiet")),
            ) {
                let k = self.clone();
                EventListener::new(&remove, "click", move |_| k.remove(id)).forget();
                let _ = item.append_child(&remove);
            }
            let _ = self.list.append_child(&item);
        }
    }

    fn ask_to_forget(&self) {
        let Some(shown) = self.shown.borrow().clone() else {
            return;
        };
        let mut kept = vec![
            t().count("count.notes", shown.notes as u64),
            t().count("count.interactions", shown.interactions.len() as u64),
        ];
        if shown.contact {
            kept.push(t().text("keeping.the_imported_contact").to_owned());
        }
        self.question.set_text_content(Some(&t().say(
            "keeping.forget_question",
            &[("name", &shown.name), ("kept", &kept.join(", "))],
        )));
        self.confirm.set_hidden(false);
    }

    fn forget(self: &Rc<Self>) {
        let Some(shown) = self.shown.borrow().clone() else {
            return;
        };
        let k = self.clone();
        spawn_local(async move {
            match ask(&Request::Forget {
                person: shown.person.clone(),
            })
            .await
            {
                Response::Forgotten { forgotten } => {
                    k.confirm.set_hidden(true);
                    (k.forgotten)(&forgotten_line(&shown.name, &forgotten));
                }
                other => k.say(&failure(other)),
            }
        });
    }
}

/// "Forgot Sanne de Vries: 2 notes, 1 logged interaction and the contact."
fn forgotten_line(name: &str, f: &Forgotten) -> String {
    let mut parts = vec![
        t().count("count.notes", u64::from(f.notes)),
        t().count("count.interactions", u64::from(f.interactions)),
    ];
    if f.contact {
        parts.push(t().text("keeping.the_contact").to_owned());
    }
    t().say(
        "keeping.forgotten",
        &[("name", name), ("parts", &parts.join(", "))],
    )
}

/// The kind of a logged interaction, as the log form names it.
fn kind_label(kind: InteractionKind) -> &'static str {
    t().text(match kind {
        InteractionKind::Met => "overlay.log-kind.met",
        InteractionKind::Messaged => "overlay.log-kind.messaged",
        InteractionKind::Called => "overlay.log-kind.called",
        InteractionKind::Introduced => "overlay.log-kind.introduced",
        InteractionKind::Shared => "overlay.log-kind.shared",
        InteractionKind::Congratulated => "overlay.log-kind.congratulated",
        InteractionKind::Asked => "overlay.log-kind.asked",
        InteractionKind::Other => "overlay.log-kind.other",
    })
}
