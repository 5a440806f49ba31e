//! The side panel's view of the whole network, above the person in the active tab: a search
//! over every note and tag, who is due for a word, which close ties have gone quiet, and how
//! many relationships are active against about 150.
//!
//! The notes are read once when the panel opens (and again after a change) and searched here,
//! in the page (`search::Notebook`): each keystroke filters words already folded, with no
//! request to the core.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, HtmlElement, HtmlInputElement, HtmlSelectElement};

use super::{ask, by_id, t, text_element};
use crate::describe;
use crate::model::Goal;
use crate::network::{Entry, Overview, ACTIVE_LIMIT};
use crate::protocol::{Request, Response};
use crate::search::{self, is_query, Notebook};

/// At most this many matches are shown.
const SHOWN: usize = 50;

pub(super) struct NetworkView {
    document: Document,
    search: HtmlInputElement,
    count: HtmlElement,
    results: HtmlElement,
    active: HtmlElement,
    due: HtmlElement,
    dormant: HtmlElement,
    goal: HtmlSelectElement,
    goal_row: HtmlElement,
    goal_section: HtmlElement,
    goal_people: HtmlElement,
    notes: RefCell<Notebook>,
    overview: RefCell<Overview>,
}

impl NetworkView {
    pub(super) fn start(document: &Document) -> Result<Rc<NetworkView>, JsValue> {
        let aside: HtmlElement = by_id(document, "network")?;
        aside.set_hidden(false);
        let view = Rc::new(NetworkView {
            search: by_id(document, "search")?,
            count: by_id(document, "search-count")?,
            results: by_id(document, "search-results")?,
            active: by_id(document, "active")?,
            due: by_id(document, "due")?,
            dormant: by_id(document, "dormant")?,
            goal: by_id(document, "goal-filter")?,
            goal_row: by_id(document, "goal-filter-row")?,
            goal_section: by_id(document, "goal-section")?,
            goal_people: by_id(document, "goal-people")?,
            notes: RefCell::new(Notebook::default()),
            overview: RefCell::new(Overview::default()),
            document: document.clone(),
        });
        let v = view.clone();
        EventListener::new(&view.search, "input", move |_| v.find()).forget();
        let v = view.clone();
        EventListener::new(&view.goal, "change", move |_| v.show()).forget();
        view.refresh();
        Ok(view)
    }

    /// Reads the notes and the overview again.
    pub(super) fn refresh(self: &Rc<Self>) {
        let v = self.clone();
        spawn_local(async move {
            if let Response::Notebook { notes, names } = ask(&Request::Notebook).await {
                v.notes.replace(Notebook::new(notes, &names));
                v.find();
            }
            if let Response::Goals { goals } = ask(&Request::Goals { set: None }).await {
                v.goals(&goals);
            }
            if let Response::Network { overview } = ask(&Request::Network).await {
                v.overview.replace(overview);
                v.show();
            }
        });
    }

    /// Shows the notes that hold every word typed (a word with `#` is a tag), newest first.
    fn find(&self) {
        let query = self.search.value();
        self.results.set_text_content(None);
        if !is_query(&query) {
            self.count.set_hidden(true);
            return;
        }
        let notes = self.notes.borrow();
        let found = notes.find(&query);
        self.count.set_hidden(false);
        let shown = t().number(SHOWN as u64);
        self.count.set_text_content(Some(&match found.len() {
            0 => t().text("network.no_match").to_owned(),
            n if n > SHOWN => {
                t().count_with("network.matches_newest", n as u64, &[("shown", &shown)])
            }
            n => t().count("network.matches", n as u64),
        }));
        for entry in found.into_iter().take(SHOWN) {
            let _ = self.result(entry);
        }
    }

    fn result(&self, s: &search::Entry) -> Result<(), JsValue> {
        let doc = &self.document;
        let item = doc.create_element("li")?;
        let who = text_element(doc, "span", &s.name)?;
        who.set_class_name("who");
        item.append_child(&who)?;
        let text = text_element(doc, "span", &s.note.text)?;
        text.set_class_name("text");
        item.append_child(&text)?;
        if !s.note.tags.is_empty() {
            let tags: Vec<String> = s.note.tags.iter().map(|t| format!("#{t}")).collect();
            let line = text_element(doc, "span", &tags.join(" "))?;
            line.set_class_name("tag");
            item.append_child(&line)?;
        }
        self.results.append_child(&item)?;
        Ok(())
    }

    /// The goal filter: everyone, or each goal the user stated.
    fn goals(&self, goals: &[Goal]) {
        let chosen = self.goal.value();
        self.goal.set_text_content(None);
        if let Ok(everyone) = text_element(
            &self.document,
            "option",
            t().text("overlay.goal-filter.none"),
        ) {
            let _ = everyone.set_attribute("value", "");
            let _ = self.goal.append_child(&everyone);
        }
        for goal in goals {
            let label = describe::goal(t(), goal);
            if let Ok(option) = text_element(&self.document, "option", &label) {
                let _ = option.set_attribute("value", goal.kind.id());
                let _ = self.goal.append_child(&option);
            }
        }
        self.goal.set_value(&chosen);
        self.goal_row.set_hidden(goals.is_empty());
    }

    /// The lists, for everyone or for the goal chosen.
    fn show(&self) {
        let all = self.overview.borrow();
        let goal = self.goal.value();
        let for_goal = |entries: &[Entry]| -> Vec<Entry> {
            entries
                .iter()
                .filter(|e| goal.is_empty() || e.goals.contains(&goal))
                .cloned()
                .collect()
        };
        let overview = Overview {
            due: for_goal(&all.due),
            dormant: for_goal(&all.dormant),
            marked: for_goal(&all.marked),
            active: all.active,
        };
        self.goal_section.set_hidden(goal.is_empty());
        self.fill(&self.goal_people, &overview.marked, |e| {
            last_contact(e.days_since)
        });
        let overview = &overview;
        self.active.set_text_content(Some(&t().say(
            "network.active",
            &[
                ("active", &t().number(u64::from(overview.active))),
                ("limit", &t().number(ACTIVE_LIMIT as u64)),
            ],
        )));
        let due = |e: &Entry| match e.due_in_days {
            Some(d) if d < 0 => t().count("rhythm.overdue", d.unsigned_abs()),
            _ => last_contact(e.days_since),
        };
        self.fill(&self.due, &overview.due, due);
        self.fill(&self.dormant, &overview.dormant, |e| match e.days_since {
            Some(days) => t().say("network.dormant", &[("ago", &t().ago(days))]),
            None => t().text("network.dormant_long").to_owned(),
        });
    }

    fn fill(&self, list: &HtmlElement, entries: &[Entry], how: impl Fn(&Entry) -> String) {
        list.set_text_content(None);
        for e in entries {
            let Ok(item) = self.document.create_element("li") else {
                continue;
            };
            let who = match &e.url {
                // The user's own click opens their profile, in a new tab.
                Some(url) => self.document.create_element("a").and_then(|a| {
                    a.set_attribute("href", url)?;
                    a.set_attribute("target", "_blank")?;
                    a.set_attribute("rel", "noopener")?;
                    a.set_text_content(Some(&e.name));
                    Ok(a)
                }),
                None => text_element(&self.document, "span", &e.name),
            };
            if let Ok(who) = who {
                who.set_class_name("who");
                let _ = item.append_child(&who);
            }
            if let Ok(how) = text_element(&self.document, "span", &format!(" · {}", how(e))) {
                how.set_class_name("how");
                let _ = item.append_child(&how);
            }
            let _ = list.append_child(&item);
        }
    }
}

/// "last contact 3 weeks ago", "no contact yet".
fn last_contact(days_since: Option<u32>) -> String {
    match days_since {
        Some(days) => t().say("network.last_contact", &[("ago", &t().ago(days))]),
        None => t().text("network.no_contact").to_owned(),
    }
}
