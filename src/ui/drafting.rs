//! The overlay's drafts: `Draft message` shows messages built on the common ground (see
//! `draft/`), for a purpose and in a language the user picks, each in an editable box labelled
//! `Draft` with its length as LinkedIn counts it, the facts it uses, `Copy`, and `Put in invite
//! note`. As the user edits, the favour checker runs and marks each ask in the text.
//!
//! `Put in invite note` asks the content script of the overlay's tab to fill the note box of
//! LinkedIn's invite dialog when one is open. The user always presses Send: nothing here sends,
//! clicks or navigates.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlDocument, HtmlElement, HtmlInputElement,
    HtmlSelectElement, HtmlTextAreaElement, KeyboardEvent,
};

use super::{ask, button, by_id, failure, t, text_element, write_clipboard};
use crate::describe::fact_line;
use crate::draft::favour::{check_for, why_key, Finding, Occasion};
use crate::draft::{
    drafts, utf16_len, Brief, Context, Draft, Lang, Purpose, FREE_LIMIT, PREMIUM_LIMIT,
};
use crate::history::Annotation;
use crate::invites::Budget;
use crate::model::{Interaction, Note, PersonKey, Profile};
use crate::protocol::{Flag, Request, Response};

/// What drafts are built from: the overlay's reading of the person.
pub(super) struct Ground {
    pub me: Option<Profile>,
    pub them: Profile,
    pub annotation: Annotation,
    pub notes: Vec<Note>,
    pub interactions: Vec<Interaction>,
}

/// The tag of a draft kept for the first message after they accept.
pub(super) const FIRST_MESSAGE_TAG: &str = "first-message";

/// The purpose the drafts open with for this person: the first message for a connection that
/// has no message yet, else a connection request.
fn default_purpose(ground: &Ground) -> Purpose {
    match &ground.annotation.relationship {
        Some(r) if r.contact.is_some() && r.messages == 0 => Purpose::FirstMessage,
        _ => Purpose::Connect,
    }
}

#[derive(Default)]
struct State {
    ground: Option<Ground>,
    /// The language the user picked; until then, the one guessed from the profile.
    lang: Option<Lang>,
    premium: bool,
    formal: bool,
    /// This month's invitation notes, once the core said.
    budget: Option<Budget>,
}

/// What the view does when a draft was kept as a note: shows the person's notes.
pub(super) type OnKept = Box<dyn Fn(&PersonKey, &[Note])>;

pub(super) struct Drafting {
    document: Document,
    open: HtmlButtonElement,
    panel: HtmlElement,
    purpose: HtmlSelectElement,
    en: HtmlButtonElement,
    nl: HtmlButtonElement,
    given_row: HtmlElement,
    given_label: HtmlElement,
    given: HtmlInputElement,
    limit: HtmlElement,
    budget: HtmlElement,
    error: HtmlElement,
    list: HtmlElement,
    status: HtmlElement,
    state: RefCell<State>,
    /// Shows the person's notes with a draft kept among them.
    kept: OnKept,
    /// Reads the person again, after a draft was logged as sent.
    reload: Box<dyn Fn()>,
}

impl Drafting {
    pub(super) fn start(
        document: &Document,
        status: HtmlElement,
        kept: OnKept,
        reload: Box<dyn Fn()>,
    ) -> Result<Rc<Drafting>, JsValue> {
        let drafting = Rc::new(Drafting {
            open: by_id(document, "draft-open")?,
            panel: by_id(document, "drafting")?,
            purpose: by_id(document, "draft-purpose")?,
            en: by_id(document, "draft-en")?,
            nl: by_id(document, "draft-nl")?,
            given_row: by_id(document, "draft-given-row")?,
            given_label: by_id(document, "draft-given-label")?,
            given: by_id(document, "draft-given")?,
            limit: by_id(document, "draft-limit")?,
            budget: by_id(document, "draft-budget")?,
            error: by_id(document, "draft-error")?,
            list: by_id(document, "drafts")?,
            status,
            state: RefCell::new(State::default()),
            kept,
            reload,
            document: document.clone(),
        });
        let d = drafting.clone();
        EventListener::new(&drafting.open, "click", move |_| d.toggle()).forget();
        let d = drafting.clone();
        EventListener::new(&drafting.purpose, "change", move |_| d.render()).forget();
        for (button, lang) in [(&drafting.en, Lang::En), (&drafting.nl, Lang::Nl)] {
            let d = drafting.clone();
            EventListener::new(button, "click", move |_| {
                d.state.borrow_mut().lang = Some(lang);
                d.render();
            })
            .forget();
        }
        let d = drafting.clone();
        EventListener::new(&drafting.given, "change", move |_| d.render()).forget();
        let d = drafting.clone();
        EventListener::new(&drafting.given, "keydown", move |event| {
            if event
                .dyn_ref::<KeyboardEvent>()
                .is_some_and(|k| k.key() == "Enter")
            {
                event.prevent_default();
                d.render();
            }
        })
        .forget();
        Ok(drafting)
    }

    /// The overlay read the person (again). Drafts already shown for them stay as the user may
    /// have edited them; for someone else the drafts close.
    pub(super) fn set_ground(&self, ground: Ground) {
        let same = self
            .state
            .borrow()
            .ground
            .as_ref()
            .is_some_and(|g| g.them.key() == ground.them.key());
        let mut state = self.state.borrow_mut();
        if !same {
            state.lang = None;
            drop(state);
            self.close();
            // A connection not yet written to: the message after they accepted comes first.
            self.purpose.set_value(default_purpose(&ground).as_str());
            state = self.state.borrow_mut();
        }
        state.ground = Some(ground);
    }

    fn is_open(&self) -> bool {
        !self.panel.hidden()
    }

    /// Closes the drafts if they are open (Escape); whether they were.
    pub(super) fn close_if_open(&self) -> bool {
        let open = self.is_open();
        if open {
            self.close();
            let _ = self.open.focus();
        }
        open
    }

    fn close(&self) {
        self.panel.set_hidden(true);
        let _ = self.open.set_attribute("aria-expanded", "false");
        self.list.set_text_content(None);
    }

    fn toggle(self: &Rc<Self>) {
        if self.is_open() {
            self.close();
            return;
        }
        self.panel.set_hidden(false);
        let _ = self.open.set_attribute("aria-expanded", "true");
        let d = self.clone();
        spawn_local(async move {
            // The settings first: the limit decides every draft.
            let flag = |name| async move {
                match ask(&Request::Flag { name, set: None }).await {
                    Response::Flag { value } => value,
                    _ => false,
                }
            };
            let premium = flag(Flag::DraftPremium).await;
            let formal = flag(Flag::DraftFormal).await;
            let budget = match ask(&Request::InviteBudget { per_month: None }).await {
                Response::InviteBudget { budget, .. } => Some(budget),
                _ => None,
            };
            {
                let mut state = d.state.borrow_mut();
                state.premium = premium;
                state.formal = formal;
                state.budget = budget;
            }
            d.render();
            if let Some(first) = d.document.get_element_by_id("draft-0") {
                if let Ok(first) = first.dyn_into::<HtmlElement>() {
                    let _ = first.focus();
                }
            }
        });
    }

    fn render(self: &Rc<Self>) {
        if !self.is_open() {
            return;
        }
        let state = self.state.borrow();
        let Some(ground) = &state.ground else {
            return;
        };
        let purpose: Purpose = self.purpose.value().parse().unwrap_or(Purpose::Connect);
        let asks_for_given = match purpose {
            Purpose::Share => Some(t().text("drafting.share_what")),
            Purpose::Thank => Some(t().text("drafting.thank_for")),
            _ => None,
        };
        self.given_row.set_hidden(asks_for_given.is_none());
        self.given_label
            .set_text_content(Some(asks_for_given.unwrap_or_default()));
        let lang = state.lang.unwrap_or_else(|| Lang::guess(&ground.them));
        for (button, l) in [(&self.en, Lang::En), (&self.nl, Lang::Nl)] {
            let _ = button.set_attribute("aria-pressed", if l == lang { "true" } else { "false" });
        }
        let limit = if state.premium {
            PREMIUM_LIMIT
        } else {
            FREE_LIMIT
        };
        let account = t().text(if state.premium {
            "drafting.premium"
        } else {
            "drafting.free_account"
        });
        let limit_line = t().say(
            match (lang, state.formal) {
                (Lang::Nl, true) => "drafting.limit_formal",
                (Lang::Nl, false) => "drafting.limit_informal",
                _ => "drafting.limit",
            },
            &[("limit", &t().number(limit as u64)), ("account", account)],
        );
        self.limit.set_text_content(Some(&limit_line));
        let context = Context {
            me: ground.me.as_ref(),
            them: &ground.them,
            annotation: &ground.annotation,
            notes: &ground.notes,
            interactions: &ground.interactions,
        };
        let brief = Brief {
            purpose,
            lang,
            formal: state.formal,
            limit,
            given: Some(self.given.value()).filter(|g| !g.trim().is_empty()),
        };
        self.list.set_text_content(None);
        match drafts(&context, &brief) {
            Ok(list) => {
                self.error.set_hidden(true);
                for (i, draft) in list.iter().enumerate() {
                    if let Ok(item) = self.item(i, draft, limit, purpose.occasion()) {
                        let _ = self.list.append_child(&item);
                    }
                }
            }
            Err(e) => {
                self.error.set_text_content(Some(&e.message(t())));
                self.error.set_hidden(false);
            }
        }
        drop(state);
        self.show_budget();
    }

    /// One draft: the box labelled `Draft` over the layer that marks asks, its count, what it
    /// is built on, the asks found, and its buttons.
    fn item(
        self: &Rc<Self>,
        i: usize,
        draft: &Draft,
        limit: usize,
        occasion: Occasion,
    ) -> Result<Element, JsValue> {
        let doc = &self.document;
        let item = doc.create_element("li")?;
        item.set_class_name("draft");
        let id = format!("draft-{i}");
        let label = text_element(doc, "label", t().text("drafting.draft"))?;
        label.set_attribute("for", &id)?;
        item.append_child(&label)?;

        let editor = doc.create_element("div")?;
        editor.set_class_name("editor");
        let marks = doc.create_element("div")?;
        marks.set_class_name("marks");
        marks.set_attribute("aria-hidden", "true")?;
        let text: HtmlTextAreaElement = doc.create_element("textarea")?.dyn_into()?;
        text.set_id(&id);
        text.set_rows(6);
        text.set_value(&draft.text);
        text.set_attribute("spellcheck", "true")?;
        editor.append_child(&marks)?;
        editor.append_child(&text)?;
        item.append_child(&editor)?;

        let meta = doc.create_element("div")?;
        meta.set_class_name("meta");
        let count = doc.create_element("span")?;
        count.set_class_name("count");
        meta.append_child(&count)?;
        let copy = button(doc, t().text("drafting.copy"), None)?;
        let invite = button(doc, t().text("drafting.put_in_invite"), Some("invite"))?;
        let sent = button(doc, t().text("drafting.sent"), Some("quiet sent"))?;
        meta.append_child(&copy)?;
        meta.append_child(&invite)?;
        item.append_child(&meta)?;

        let findings = doc.create_element("ul")?;
        findings.set_class_name("findings");
        findings.set_attribute("aria-live", "polite")?;
        item.append_child(&findings)?;
        if !draft.facts.is_empty() {
            let uses = doc.create_element("ul")?;
            uses.set_class_name("uses");
            uses.set_attribute("aria-label", t().text("drafting.built_on.aria"))?;
            uses.set_attribute("data-label", t().text("drafting.built_on"))?;
            for fact in &draft.facts {
                let line = text_element(doc, "li", &fact_line(t(), fact))?;
                uses.append_child(&line)?;
            }
            item.append_child(&uses)?;
        }

        let checked = Rc::new(Checked {
            document: doc.clone(),
            text: text.clone(),
            marks: marks.clone(),
            count,
            findings,
            item: item.clone(),
            limit,
            occasion,
            found: RefCell::default(),
        });
        checked.update();
        let c = checked.clone();
        EventListener::new(&checked.findings, "click", move |event| {
            c.take_rewrite(event)
        })
        .forget();
        EventListener::new(&text, "input", move |_| checked.update()).forget();
        let t = text.clone();
        EventListener::new(&text, "scroll", move |_| {
            marks.set_scroll_top(t.scroll_top());
        })
        .forget();
        let (d, t) = (self.clone(), text.clone());
        EventListener::new(&copy, "click", move |_| d.copy(&t)).forget();
        let (d, t) = (self.clone(), text.clone());
        EventListener::new(&invite, "click", move |_| d.put_in_invite(t.value())).forget();
        meta.append_child(&sent)?;
        let (d, t) = (self.clone(), text);
        EventListener::new(&sent, "click", move |_| d.log_sent(&t.value())).forget();
        Ok(item)
    }

    /// Copies the draft in `box_`: its text selected and copied while the click still counts as
    /// the user's gesture (which works in a frame the browser has not focused), else through the
    /// asynchronous clipboard.
    fn copy(self: &Rc<Self>, box_: &HtmlTextAreaElement) {
        let copied_line = t().text("drafting.copied");
        box_.select();
        let copied = self
            .document
            .dyn_ref::<HtmlDocument>()
            .and_then(|d| d.exec_command("copy").ok())
            .unwrap_or(false);
        if copied {
            self.say(copied_line);
            return;
        }
        let (d, text) = (self.clone(), box_.value());
        spawn_local(async move {
            d.say(if write_clipboard(&text).await {
                copied_line
            } else {
                t().text("drafting.copy_by_hand")
            });
        });
    }

    /// "I sent it": the draft is logged as a message the user gave (which starts the person's
    /// keep-in-touch rhythm again), and the person is read again to show it.
    fn log_sent(self: &Rc<Self>, text: &str) {
        let Some(person) = self.state.borrow().ground.as_ref().map(|g| g.them.key()) else {
            return;
        };
        let interaction = Interaction::sent_draft(person, text, js_sys::Date::now());
        let d = self.clone();
        spawn_local(async move {
            match ask(&Request::LogInteraction { interaction }).await {
                Response::Interactions { .. } => {
                    d.say(t().text("drafting.logged_sent"));
                    (d.reload)();
                }
                other => d.say(&failure(other)),
            }
        });
    }

    /// The person's notes changed (one was saved): drafts made from now on use them.
    pub(super) fn set_notes(&self, notes: &[Note]) {
        if let Some(ground) = self.state.borrow_mut().ground.as_mut() {
            ground.notes = notes.to_vec();
        }
    }

    /// Whether this month's invitation notes are all used, for a connection request.
    fn budget_spent(&self) -> bool {
        let purpose: Purpose = self.purpose.value().parse().unwrap_or(Purpose::Connect);
        purpose == Purpose::Connect && self.state.borrow().budget.is_some_and(|b| b.spent())
    }

    /// This month's invitation notes under the drafts of a connection request ("2 of 5 notes
    /// this month"); when none is left, the suggestion to invite without a note and keep the
    /// draft for the first message, which each draft's second button then does.
    fn show_budget(&self) {
        let purpose: Purpose = self.purpose.value().parse().unwrap_or(Purpose::Connect);
        let budget = self.state.borrow().budget;
        let line = match budget {
            Some(Budget {
                used,
                allowed: Some(allowed),
            }) if purpose == Purpose::Connect => Some(if used >= allowed {
                t().count("drafting.budget_spent", u64::from(allowed))
            } else {
                t().count_with(
                    "drafting.budget",
                    u64::from(allowed),
                    &[("used", &t().number(u64::from(used)))],
                )
            }),
            _ => None,
        };
        self.budget.set_hidden(line.is_none());
        self.budget.set_text_content(line.as_deref());
        let label = t().text(if self.budget_spent() {
            "drafting.keep_for_first"
        } else {
            "drafting.put_in_invite"
        });
        if let Ok(buttons) = self.list.query_selector_all("button.invite") {
            for i in 0..buttons.length() {
                if let Some(button) = buttons.item(i) {
                    button.set_text_content(Some(label));
                }
            }
        }
    }

    /// The second button of a draft: into LinkedIn's invite note, or, with this month's notes
    /// used, kept with the person's notes for the first message after they accept.
    fn put_in_invite(self: &Rc<Self>, text: String) {
        if self.budget_spent() {
            return self.keep_for_first_message(text);
        }
        let d = self.clone();
        spawn_local(async move {
            let units = utf16_len(&text);
            let answer = ask(&Request::PutInInviteNote { text }).await;
            if let Response::InviteNote { budget, .. } = &answer {
                d.state.borrow_mut().budget = Some(*budget);
                d.show_budget();
            }
            let message = match answer {
                Response::InviteNote { filled: true, .. } => t().text("drafting.put_in").to_owned(),
                Response::InviteNote {
                    open: true,
                    limit: Some(limit),
                    ..
                } if units > limit => t().say(
                    "drafting.too_long_for_box",
                    &[
                        ("limit", &t().number(limit as u64)),
                        ("units", &t().number(units as u64)),
                    ],
                ),
                Response::InviteNote { reached: true, .. } => {
                    t().text("drafting.open_invitation").to_owned()
                }
                Response::InviteNote { .. } => t().text("drafting.page_unreachable").to_owned(),
                other => failure(other),
            };
            d.say(&message);
        });
    }

    fn keep_for_first_message(self: &Rc<Self>, text: String) {
        let Some(them) = self.state.borrow().ground.as_ref().map(|g| g.them.clone()) else {
            return;
        };
        let d = self.clone();
        spawn_local(async move {
            let request = Request::SaveNote {
                person: them.key(),
                text,
                tags: vec![FIRST_MESSAGE_TAG.to_owned()],
                source: None,
            };
            let message = match ask(&request).await {
                Response::NoteSaved { note, notes } => {
                    (d.kept)(&note.person, &notes);
                    t().say("drafting.kept_for_first", &[("name", &them.name)])
                }
                other => failure(other),
            };
            d.say(&message);
        });
    }

    fn say(&self, message: &str) {
        self.status.set_text_content(Some(message));
    }
}

/// A draft's live parts: its box, its count, the layer that marks asks, and the list of them
/// with a give-first rewrite for each.
struct Checked {
    document: Document,
    text: HtmlTextAreaElement,
    marks: Element,
    count: Element,
    findings: Element,
    item: Element,
    limit: usize,
    /// How strict the checker is: a connection request, or a message to someone in touch.
    occasion: Occasion,
    /// The asks found in the text as it is now, for `Use this instead`.
    found: RefCell<Vec<Finding>>,
}

impl Checked {
    /// Counts the box's text as LinkedIn does and marks every ask the checker finds in it.
    fn update(&self) {
        let text = self.text.value();
        let units = utf16_len(&text);
        self.count.set_text_content(Some(&t().say(
            "drafting.count",
            &[
                ("units", &t().number(units as u64)),
                ("limit", &t().number(self.limit as u64)),
            ],
        )));
        let _ = self
            .count
            .class_list()
            .toggle_with_force("over", units > self.limit);
        let found = check_for(&text, self.occasion);
        let chars: Vec<char> = text.chars().collect();
        let slice = |from: usize, to: usize| -> String {
            chars[from.min(chars.len())..to.min(chars.len())]
                .iter()
                .collect()
        };
        self.marks.set_text_content(None);
        self.findings.set_text_content(None);
        let mut at = 0;
        for finding in &found {
            if finding.start < at {
                continue;
            }
            let _ = self.marks.append_with_str_1(&slice(at, finding.start));
            if let Ok(mark) =
                text_element(&self.document, "mark", &slice(finding.start, finding.end))
            {
                let _ = self.marks.append_child(&mark);
            }
            at = finding.end;
            let _ = self.finding_line(finding, &slice(finding.start, finding.end));
        }
        // The trailing line break keeps the layer as tall as the box's text.
        let _ = self
            .marks
            .append_with_str_1(&format!("{}\n", slice(at, chars.len())));
        let _ = self
            .item
            .class_list()
            .toggle_with_force("asks", !found.is_empty());
        *self.found.borrow_mut() = found;
    }

    /// "“Heb je 15 minuten?”: asks for a call or a meeting: their time", then how to turn it
    /// around, the rewrite, and `Use this instead`, which puts the rewrite in the ask's place.
    fn finding_line(&self, finding: &Finding, span: &str) -> Result<(), JsValue> {
        let doc = &self.document;
        let why = t().text(why_key(finding.kind));
        let line = text_element(
            doc,
            "li",
            &t().say("drafting.finding", &[("span", span), ("why", why)]),
        )?;
        let tip = text_element(
            doc,
            "p",
            &t().say(
                "drafting.rewrite",
                &[
                    ("advice", finding.advice),
                    ("suggestion", finding.suggestion),
                ],
            ),
        )?;
        tip.set_class_name("rewrite");
        line.append_child(&tip)?;
        let take = button(doc, t().text("drafting.use_instead"), None)?;
        take.set_attribute(
            "aria-label",
            &t().say("drafting.use_instead.aria", &[("span", span)]),
        )?;
        take.set_attribute("data-start", &finding.start.to_string())?;
        line.append_child(&take)?;
        self.findings.append_child(&line)?;
        Ok(())
    }

    /// `Use this instead` was pressed: the ask it stands under gives way to its rewrite.
    fn take_rewrite(&self, event: &web_sys::Event) {
        let start = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.get_attribute("data-start"))
            .and_then(|s| s.parse::<usize>().ok());
        let Some(start) = start else {
            return;
        };
        let rewritten = {
            let found = self.found.borrow();
            let Some(finding) = found.iter().find(|f| f.start == start) else {
                return;
            };
            let chars: Vec<char> = self.text.value().chars().collect();
            let (from, to) = (finding.start.min(chars.len()), finding.end.min(chars.len()));
            let mut out: String = chars[..from].iter().collect();
            out.push_str(finding.suggestion);
            out.extend(&chars[to..]);
            out
        };
        self.text.set_value(&rewritten);
        self.update();
        let _ = self.text.focus();
    }
}
