//! The side panel's view of the whole network, above the person in the active tab: a search
//! over every note and tag, who is overdue and who is coming due for a word, which dormant ties
//! are worth reviving (each with why, a reconnect draft and "not now"), who bridges groups, and
//! how many relationships are active against about 150.
//!
//! The notes are read once when the panel opens (and again after a change) and searched here,
//! in the page (`search::Notebook`): each keystroke filters words already folded, with no
//! request to the core.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{
    Document, Element, HtmlDetailsElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};

use super::{ask, button, by_id, failure, t, text_element, write_clipboard};
use crate::describe;
use crate::draft::{self, Brief, Context, Purpose};
use crate::model::{Goal, Interaction, PersonKey};
use crate::network::{Entry, Overview, ACTIVE_LIMIT};
use crate::protocol::{Request, Response};
use crate::revive::{ground, Revival, Why};
use crate::rhythm::Origin;
use crate::search::{self, is_query, Notebook};

/// At most this many matches are shown.
const SHOWN: usize = 50;

/// "Not now" sets a tie aside for about three months.
const NOT_NOW_DAYS: u32 = 91;

pub(super) struct NetworkView {
    document: Document,
    search: HtmlInputElement,
    count: HtmlElement,
    results: HtmlElement,
    active: HtmlElement,
    overdue: HtmlElement,
    due: HtmlElement,
    dormant: HtmlElement,
    revive_status: HtmlElement,
    brokers_section: HtmlDetailsElement,
    brokers: HtmlElement,
    /// The listeners of the rows drawn last; dropped (and so removed) with them at each redraw.
    row_listeners: RefCell<Vec<EventListener>>,
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
            overdue: by_id(document, "overdue")?,
            due: by_id(document, "due")?,
            dormant: by_id(document, "dormant")?,
            revive_status: by_id(document, "revive-status")?,
            brokers_section: by_id(document, "brokers-section")?,
            brokers: by_id(document, "brokers")?,
            row_listeners: RefCell::new(Vec::new()),
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
        let v = view.clone();
        EventListener::new(&view.brokers_section, "toggle", move |_| {
            if v.brokers_section.open() {
                v.show_brokers();
            }
        })
        .forget();
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
            if let Ok(line) = by_id::<HtmlElement>(&v.document, "backup-last") {
                super::backup_state(&line, None).await;
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
    fn show(self: &Rc<Self>) {
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
            overdue: for_goal(&all.overdue),
            coming_due: for_goal(&all.coming_due),
            revive: all.revive.clone(),
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
        self.fill(&self.overdue, &overview.overdue, |e| {
            let late = e.late_in_days.unwrap_or(-1).unsigned_abs();
            with_tag(e, vec![t().count("rhythm.overdue", late)])
        });
        self.fill(&self.due, &overview.coming_due, |e| {
            let mut parts = vec![last_contact(e.days_since)];
            if let Some(late) = e.late_in_days.filter(|l| *l > 0) {
                parts.push(t().count("network.latest_in", late as u64));
            }
            with_tag(e, parts)
        });
        self.row_listeners.borrow_mut().clear();
        self.dormant.set_text_content(None);
        if goal.is_empty() {
            for row in &overview.revive {
                let _ = self.revival(row);
            }
        }
    }

    /// One tie worth reviving: who, why, and its two actions.
    fn revival(self: &Rc<Self>, row: &Revival) -> Result<(), JsValue> {
        let doc = &self.document;
        let item = doc.create_element("li")?;
        item.set_class_name("revive");
        let who = self.who(&row.name, row.url.as_deref())?;
        item.append_child(&who)?;
        let why: Vec<String> = row.why.iter().map(why_phrase).collect();
        let how = text_element(doc, "span", &format!(" · {}", why.join(" · ")))?;
        how.set_class_name("how");
        item.append_child(&how)?;
        let actions = doc.create_element("span")?;
        actions.set_class_name("actions");
        let write = button(doc, t().text("revive.draft"), Some("quiet revive-draft"))?;
        let later = button(doc, t().text("revive.not_now"), Some("quiet not-now"))?;
        actions.append_child(&write)?;
        actions.append_child(&later)?;
        item.append_child(&actions)?;
        self.dormant.append_child(&item)?;
        let (v, r, at) = (self.clone(), row.clone(), item.clone());
        let on_write = EventListener::new(&write, "click", move |_| v.draft_for(&r, &at));
        let (v, r) = (self.clone(), row.clone());
        let on_later = EventListener::new(&later, "click", move |_| v.not_now(&r));
        self.row_listeners.borrow_mut().extend([on_write, on_later]);
        Ok(())
    }

    /// A reconnect draft for `row`, written here from what the export knows, under its row with
    /// a Copy button; nothing is sent.
    fn draft_for(self: &Rc<Self>, row: &Revival, item: &Element) {
        if item.query_selector("textarea").ok().flatten().is_some() {
            return;
        }
        let (them, annotation) = ground(row);
        let ctx = Context {
            me: None,
            them: &them,
            annotation: &annotation,
            notes: &[],
            interactions: &[],
        };
        let brief = Brief {
            purpose: Purpose::Reconnect,
            lang: if t().lang().code() == "nl" {
                draft::Lang::Nl
            } else {
                draft::Lang::En
            },
            formal: false,
            limit: draft::PREMIUM_LIMIT,
            given: None,
        };
        let written = match draft::drafts(&ctx, &brief) {
            Ok(mut written) if !written.is_empty() => written.swap_remove(0),
            Ok(_) => return,
            Err(e) => {
                self.revive_status.set_text_content(Some(&t().say(
                    "revive.no_draft",
                    &[("name", &row.name), ("why", &e.message(t()))],
                )));
                return;
            }
        };
        let doc = &self.document;
        let Ok(area) = doc
            .create_element("textarea")
            .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().map_err(JsValue::from))
        else {
            return;
        };
        area.set_class_name("revive-text");
        let _ = area.set_attribute("aria-label", t().text("revive.draft"));
        area.set_value(&written.text);
        let Ok(copy) = button(doc, t().text("revive.copy"), Some("quiet revive-copy")) else {
            return;
        };
        let Ok(sent) = button(doc, t().text("drafting.sent"), Some("quiet revive-sent")) else {
            return;
        };
        let _ = item.append_child(&area);
        let _ = item.append_child(&copy);
        // Logged under their key; a contact the export gave no profile address has none.
        if let Some(person) = PersonKey::parse(&row.person) {
            let _ = item.append_child(&sent);
            let (v, a) = (self.clone(), area.clone());
            let on_sent = EventListener::new(&sent, "click", move |_| {
                v.log_sent(person.clone(), &a.value())
            });
            self.row_listeners.borrow_mut().push(on_sent);
        }
        let (v, name) = (self.clone(), row.name.clone());
        let on_copy = EventListener::new(&copy, "click", move |_| {
            let (v, name, text) = (v.clone(), name.clone(), area.value());
            spawn_local(async move {
                if write_clipboard(&text).await {
                    v.revive_status
                        .set_text_content(Some(&t().say("revive.copied", &[("name", &name)])));
                }
            });
        });
        self.row_listeners.borrow_mut().push(on_copy);
    }

    /// "I sent it": the reconnect message is logged as one the user gave, which ends the
    /// silence; the lists are read again.
    fn log_sent(self: &Rc<Self>, person: PersonKey, text: &str) {
        let interaction = Interaction::sent_draft(person, text, js_sys::Date::now());
        let v = self.clone();
        spawn_local(async move {
            match ask(&Request::LogInteraction { interaction }).await {
                Response::Interactions { .. } => {
                    v.revive_status
                        .set_text_content(Some(t().text("drafting.logged_sent")));
                    v.refresh();
                }
                other => v.revive_status.set_text_content(Some(&failure(other))),
            }
        });
    }

    /// Sets `row` aside for about three months and draws the lists again.
    fn not_now(self: &Rc<Self>, row: &Revival) {
        let (v, row) = (self.clone(), row.clone());
        spawn_local(async move {
            let request = Request::NotNow {
                person: row.person.clone(),
                name: row.name.clone(),
                days: NOT_NOW_DAYS,
            };
            match ask(&request).await {
                Response::Marked { marks } => {
                    let until = marks
                        .not_now_until
                        .as_deref()
                        .and_then(crate::calendar::day_of)
                        .map(|d| t().date(d))
                        .unwrap_or_default();
                    v.revive_status.set_text_content(Some(
                        &t().say("revive.set_aside", &[("name", &row.name), ("date", &until)]),
                    ));
                    v.overview
                        .borrow_mut()
                        .revive
                        .retain(|r| r.person != row.person);
                    v.show();
                }
                other => v.revive_status.set_text_content(Some(&failure(other))),
            }
        });
    }

    /// The brokers, asked for when their list is first opened.
    fn show_brokers(self: &Rc<Self>) {
        let v = self.clone();
        spawn_local(async move {
            match ask(&Request::Brokers).await {
                Response::Brokers { brokers } => {
                    v.brokers.set_text_content(None);
                    for b in brokers {
                        let Ok(item) = v.document.create_element("li") else {
                            continue;
                        };
                        if let Ok(who) = v.who(&b.name, b.url.as_deref()) {
                            let _ = item.append_child(&who);
                        }
                        let line = t().count_with(
                            "brokers.line",
                            u64::from(b.groups),
                            &[("examples", &b.examples.join(", "))],
                        );
                        if let Ok(how) = text_element(&v.document, "span", &format!(" · {line}")) {
                            how.set_class_name("how");
                            let _ = item.append_child(&how);
                        }
                        let _ = v.brokers.append_child(&item);
                    }
                }
                other => v.brokers.set_text_content(Some(&failure(other))),
            }
        });
    }

    /// The person's name, as a link to their profile when there is one.
    fn who(&self, name: &str, url: Option<&str>) -> Result<Element, JsValue> {
        let who = match url {
            // The user's own click opens their profile, in a new tab.
            Some(url) => self.document.create_element("a").and_then(|a| {
                a.set_attribute("href", url)?;
                a.set_attribute("target", "_blank")?;
                a.set_attribute("rel", "noopener")?;
                a.set_text_content(Some(name));
                Ok(a)
            }),
            None => text_element(&self.document, "span", name),
        }?;
        who.set_class_name("who");
        Ok(who)
    }

    fn fill(&self, list: &HtmlElement, entries: &[Entry], how: impl Fn(&Entry) -> String) {
        list.set_text_content(None);
        for e in entries {
            let Ok(item) = self.document.create_element("li") else {
                continue;
            };
            if let Ok(who) = self.who(&e.name, e.url.as_deref()) {
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

/// The parts of a line, and the tag whose rule keeps this person, joined with " · ".
fn with_tag(e: &Entry, mut parts: Vec<String>) -> String {
    if let Some(Origin::Tag(tag)) = &e.origin {
        parts.push(t().say("network.by_tag", &[("tag", tag)]));
    }
    parts.join(" · ")
}

/// One reason a tie is worth reviving, in the interface's language.
fn why_phrase(why: &Why) -> String {
    let year = |y: &i64| y.to_string();
    match why {
        Why::WasClose { year: y } => t().say("revive.was_close", &[("year", &year(y))]),
        Why::LastInTouch { year: y } => t().say("revive.last_in_touch", &[("year", &year(y))]),
        Why::NewOrganisation { org } => t().say("revive.new_organisation", &[("org", org)]),
        Why::NowAt { org } => t().say("revive.now_at", &[("org", org)]),
        Why::NewField { field } => {
            t().say("revive.new_field", &[("field", t().text(field.phrase()))])
        }
        Why::BothWays => t().text("revive.both_ways").to_owned(),
        Why::YouGave => t().text("revive.you_gave").to_owned(),
        Why::Spoke => t().text("revive.spoke").to_owned(),
    }
}

/// "last contact 3 weeks ago", "no contact yet".
fn last_contact(days_since: Option<u32>) -> String {
    match days_since {
        Some(days) => t().say("network.last_contact", &[("ago", &t().ago(days))]),
        None => t().text("network.no_contact").to_owned(),
    }
}
