//! The overlay beside a profile: who this is, what the user shares with them (employers and
//! schools with the overlap in time, the people both know, ranked by how well the user knows
//! them), the relationship, what changed since the last visit, the notes and a box to add one.
//! Collapsed, it is one line (`describe::summary_line`).
//!
//! Lives in an extension-origin frame that the content script mounts in a closed shadow root;
//! the frame's address fragment names the person (`overlay.html#p=linkedin%3Ahandle&r=1`). The
//! side panel is the same view at full size (`<body class="panel">`), told whom to show by
//! `extension/panel.js`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, HtmlButtonElement, HtmlElement};

use super::drafting::{Drafting, Ground};
use super::keeping::{Keeping, Shown};
use super::network_view::NetworkView;
use super::notes::Notes;
use super::{ask, by_id, document, t, text_element};
use crate::describe::{
    change_phrase, mutual_phrase, relationship_lines, shared_phrase, summary_line,
};
use crate::history::{annotate, Annotation};
use crate::model::{Note, PersonKey, Profile};
use crate::people::People;
use crate::protocol::{person_from_fragment, token_from_fragment, Flag, Request, Response};

struct View {
    document: Document,
    name: HtmlElement,
    headline: HtmlElement,
    current: HtmlElement,
    notes: Rc<Notes>,
    toggle: HtmlButtonElement,
    status: HtmlElement,
    this_is_me: HtmlButtonElement,
    /// "This is me" asks first, inside the frame: it replaces who the user is, and a page
    /// could lure a click onto it.
    this_is_me_confirm: HtmlElement,
    this_is_me_yes: HtmlButtonElement,
    this_is_me_no: HtmlButtonElement,
    is_me: HtmlElement,
    summary: HtmlElement,
    changes_section: HtmlElement,
    changes: HtmlElement,
    common: HtmlElement,
    common_empty: HtmlElement,
    introducer: HtmlElement,
    mutuals: HtmlElement,
    mutuals_more: HtmlElement,
    mutuals_empty: HtmlElement,
    relationship_title: HtmlElement,
    relationship: HtmlElement,
    import_hint: HtmlElement,
    drafting: Rc<Drafting>,
    keeping: Rc<Keeping>,
    /// The whole network, in the side panel only.
    network: Option<Rc<NetworkView>>,
}

pub(super) fn start() -> Result<(), JsValue> {
    let document = document()?;
    let status: HtmlElement = by_id(&document, "status")?;
    // The record of the relationship asks the view to read the person again after a change,
    // and to step aside when the person is forgotten; the drafts show a draft kept as a note:
    // they reach the view through this slot.
    let slot: Rc<RefCell<Weak<View>>> = Rc::new(RefCell::new(Weak::new()));
    let drafting = {
        let (kept, again) = (slot.clone(), slot.clone());
        Drafting::start(
            &document,
            status.clone(),
            Box::new(move |person: &PersonKey, notes: &[Note]| {
                if let Some(view) = kept.borrow().upgrade() {
                    view.notes.show(person.clone(), notes);
                }
            }),
            Box::new(move || {
                if let Some(view) = again.borrow().upgrade() {
                    load(view);
                }
            }),
        )?
    };
    let keeping = {
        let (again, gone) = (slot.clone(), slot.clone());
        Keeping::start(
            &document,
            status.clone(),
            Box::new(move || {
                if let Some(view) = again.borrow().upgrade() {
                    load(view);
                }
            }),
            Box::new(move |line: &str| {
                if let Some(view) = gone.borrow().upgrade() {
                    show_forgotten(&view, line);
                }
            }),
        )?
    };
    let panel = document
        .body()
        .is_some_and(|b| b.class_list().contains("panel"));
    let view = Rc::new(View {
        network: panel.then(|| NetworkView::start(&document)).transpose()?,
        keeping,
        name: by_id(&document, "name")?,
        headline: by_id(&document, "headline")?,
        current: by_id(&document, "current")?,
        notes: {
            let drafting = drafting.clone();
            Notes::start(
                &document,
                status.clone(),
                Box::new(move |notes| drafting.set_notes(notes)),
            )?
        },
        drafting,
        toggle: by_id(&document, "toggle")?,
        status,
        this_is_me: by_id(&document, "this-is-me")?,
        this_is_me_confirm: by_id(&document, "this-is-me-confirm")?,
        this_is_me_yes: by_id(&document, "this-is-me-yes")?,
        this_is_me_no: by_id(&document, "this-is-me-no")?,
        is_me: by_id(&document, "is-me")?,
        summary: by_id(&document, "summary")?,
        changes_section: by_id(&document, "changes-section")?,
        changes: by_id(&document, "changes")?,
        common: by_id(&document, "common")?,
        common_empty: by_id(&document, "common-empty")?,
        introducer: by_id(&document, "introducer")?,
        mutuals: by_id(&document, "mutuals")?,
        mutuals_more: by_id(&document, "mutuals-more")?,
        mutuals_empty: by_id(&document, "mutuals-empty")?,
        relationship_title: by_id(&document, "relationship-title")?,
        relationship: by_id(&document, "relationship")?,
        import_hint: by_id(&document, "import-hint")?,
        document,
    });

    slot.replace(Rc::downgrade(&view));

    let v = view.clone();
    EventListener::new(&view.toggle, "click", move |_| {
        set_collapsed(&v, !is_collapsed(&v))
    })
    .forget();

    let v = view.clone();
    EventListener::new(&view.this_is_me, "click", move |_| ask_this_is_me(&v, true)).forget();
    let v = view.clone();
    EventListener::new(&view.this_is_me_no, "click", move |_| {
        ask_this_is_me(&v, false)
    })
    .forget();
    let v = view.clone();
    EventListener::new(&view.this_is_me_yes, "click", move |_| {
        ask_this_is_me(&v, false);
        let v = v.clone();
        let Some(person) = person(&v) else {
            return;
        };
        spawn_local(async move {
            match ask(&Request::ThisIsMe { person }).await {
                Response::Me { .. } => {
                    show_is_me(&v, true);
                    set_status(&v, t().text("overlay.saved_as_you"));
                }
                other => show_failure(&v, other),
            }
        });
    })
    .forget();

    // Escape closes what is open, the innermost first: the question, the drafts, the log.
    let v = view.clone();
    EventListener::new(&view.document, "keydown", move |event| {
        let escape = event
            .dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|k| k.key() == "Escape" && !k.default_prevented());
        if escape && close_innermost(&v) {
            event.prevent_default();
        }
    })
    .forget();

    // Whom the frame shows is its fragment: a change of it (by the side panel's script, or by
    // this frame when its tab shows someone new) loads again.
    let v = view.clone();
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    EventListener::new(&window, "hashchange", move |_| load(v.clone())).forget();

    // The content script of this frame's tab says when the tab shows someone (or a new reading
    // of them is stored), posted to this frame's window alone; the message carries the token
    // this frame was opened with. Not a runtime message: Firefox does not deliver a content
    // script's runtime messages to an extension frame in the same tab.
    let v = view.clone();
    EventListener::new(&window, "message", move |event| {
        if let Some(message) = from_courier(event) {
            heard(&v, message);
        }
    })
    .forget();

    load(view);
    Ok(())
}

/// What this frame's parent window posted as `{commonGround: message}`: the content script, or
/// the page itself (which does not know the token, so [`heard`] ignores what it says).
fn from_courier(event: &web_sys::Event) -> Option<JsValue> {
    let event = event.dyn_ref::<web_sys::MessageEvent>()?;
    let parent = web_sys::window()?.parent().ok()??;
    if !js_sys::Object::is(&event.source()?.into(), &parent) {
        return None;
    }
    js_sys::Reflect::get(&event.data(), &JsValue::from_str("commonGround")).ok()
}

/// A message from the content script of this frame's tab: whom the tab shows now
/// ([`Request::Shown`]), or the note shortcut ([`Request::FocusNote`]), when it carries this
/// frame's token.
fn heard(view: &View, message: JsValue) {
    let (person, token, revision) = match serde_wasm_bindgen::from_value::<Request>(message) {
        Ok(Request::Shown {
            person,
            token,
            revision,
        }) => (person, token, revision),
        Ok(Request::FocusNote { token }) => {
            let mine = fragment(view);
            if mine.as_deref().and_then(token_from_fragment) == Some(token.as_str()) {
                if is_collapsed(view) {
                    set_collapsed(view, false);
                }
                view.notes.focus();
            }
            return;
        }
        _ => return,
    };
    let Some(fragment) = fragment(view) else {
        return;
    };
    let Some(mine) = token_from_fragment(&fragment) else {
        return;
    };
    if token.as_deref() != Some(mine) {
        return;
    }
    let person = js_sys::encode_uri_component(person.as_str());
    let next = format!("#p={person}&t={mine}&r={revision}");
    if let Some(location) = view.document.location() {
        // A change of the fragment (hashchange) loads again.
        let _ = location.set_hash(&next);
    }
}

/// The frame's address fragment: whom it shows and which reading.
fn fragment(view: &View) -> Option<String> {
    view.document.location()?.hash().ok()
}

/// The person this frame is about, from its address fragment.
fn person(view: &View) -> Option<PersonKey> {
    person_from_fragment(&view.document.location()?.hash().ok()?)
}

fn load(view: Rc<View>) {
    if let Some(network) = &view.network {
        network.refresh();
    }
    spawn_local(async move {
        let Some(person) = person(&view) else {
            show_nobody(&view);
            return;
        };
        if let Some(details) = view.document.get_element_by_id("details") {
            let _ = details.remove_attribute("hidden");
        }
        if let Some(body) = view.document.body() {
            let _ = body.class_list().remove_1("forgotten");
        }
        let asked_for = fragment(&view);
        mark("cg-overlay-asked");
        let answer = ask(&Request::Overlay {
            person: person.clone(),
        })
        .await;
        if fragment(&view) != asked_for {
            // The frame was moved on (another person, or a newer reading) while this answer
            // was on its way; the load started by that change draws the right one.
            return;
        }
        match answer {
            Response::Overlay {
                profile,
                previous,
                notes,
                collapsed,
                is_me,
                me,
                people,
                kept,
                contacts,
                rules,
            } => {
                mark("cg-overlay-answered");
                let today = crate::chrome::local_today();
                let annotation = match &profile {
                    Some(them) => annotate(
                        me.as_ref(),
                        them,
                        previous.as_ref(),
                        &People::of(people),
                        &kept,
                        &rules,
                        today,
                    ),
                    None => Annotation::default(),
                };
                let me_known = me.is_some();
                mark("cg-overlay-annotated");
                if let Some(them) = &profile {
                    view.drafting.set_ground(Ground {
                        me: me.clone(),
                        them: them.clone(),
                        annotation: annotation.clone(),
                        notes: notes.clone(),
                        interactions: kept
                            .iter()
                            .flat_map(|(_, k)| k.interactions.iter().cloned())
                            .collect(),
                    });
                }
                show_is_me(&view, is_me);
                render_person(&view, profile.as_ref());
                let collapsed = collapsed && !is_panel(&view);
                let first_name = profile
                    .as_ref()
                    .and_then(|p| p.name.split_whitespace().next())
                    .unwrap_or(t().text("overlay.them"));
                render_annotation(&view, &annotation, me_known, contacts, first_name);
                show_collapsed(&view, collapsed);
                view.notes.show(person.clone(), &notes);
                let mut interactions: Vec<_> = kept
                    .iter()
                    .flat_map(|(_, k)| k.interactions.iter().cloned())
                    .collect();
                interactions.sort_by(|a, b| b.at.total_cmp(&a.at));
                view.keeping.show(Shown {
                    person: person.clone(),
                    name: profile
                        .as_ref()
                        .map_or_else(|| person.to_string(), |p| p.name.clone()),
                    notes: notes.len(),
                    interactions,
                    contact: annotation
                        .relationship
                        .as_ref()
                        .is_some_and(|r| r.contact.is_some()),
                    marks: kept
                        .iter()
                        .find(|(id, _)| id == person.as_str())
                        .and_then(|(_, k)| k.marks.clone()),
                });
                set_status(&view, "");
                mark("cg-overlay-rendered");
            }
            other => show_failure(&view, other),
        }
    });
}

/// A performance mark, read by the end-to-end tests and benchmarks (`tests/e2e/bench-*.mjs`):
/// asked, answered by the core, annotated, rendered.
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
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
            Some(title) => t().say("overlay.title_at", &[("title", title), ("org", &p.org)]),
            None => p.org.clone(),
        })
        .unwrap_or_default();
    view.current.set_text_content(Some(&now));
}

/// One list item: a name or fact in bold and, beneath it, how it relates.
fn fact(view: &View, what: &str, how: &str) -> Result<web_sys::Element, JsValue> {
    let item = view.document.create_element("li")?;
    let what_el = text_element(&view.document, "span", what)?;
    what_el.set_class_name("what");
    item.append_child(&what_el)?;
    if !how.is_empty() {
        let how_el = text_element(&view.document, "span", how)?;
        how_el.set_class_name("how");
        item.append_child(&how_el)?;
    }
    Ok(item)
}

fn fill(list: &HtmlElement, items: impl IntoIterator<Item = Result<web_sys::Element, JsValue>>) {
    list.set_text_content(None);
    for item in items.into_iter().flatten() {
        let _ = list.append_child(&item);
    }
}

fn render_annotation(view: &View, a: &Annotation, me_known: bool, contacts: u32, first_name: &str) {
    view.summary
        .set_text_content(Some(&summary_line(t(), a, me_known, contacts)));
    view.import_hint.set_hidden(me_known && contacts > 0);

    view.changes_section.set_hidden(a.changes.is_empty());
    fill(
        &view.changes,
        a.changes
            .iter()
            .map(|c| fact(view, &change_phrase(t(), c), "")),
    );

    let mut common: Vec<_> = a
        .shared_employers
        .iter()
        .map(|s| {
            fact(
                view,
                &s.org,
                &t().say("overlay.worked_there", &[("how", &shared_phrase(t(), s))]),
            )
        })
        .collect();
    common.extend(a.shared_schools.iter().map(|s| {
        fact(
            view,
            &s.org,
            &t().say("overlay.studied_there", &[("how", &shared_phrase(t(), s))]),
        )
    }));
    if let Some(city) = &a.same_city {
        common.push(fact(view, city, t().text("overlay.same_city")));
    }
    let nothing_shared = common.is_empty();
    fill(&view.common, common);
    view.common_empty.set_hidden(!nothing_shared);
    view.common_empty
        .set_text_content(Some(t().text(if me_known {
            "overlay.nothing_in_common"
        } else {
            "overlay.me_unknown"
        })));

    fill(
        &view.mutuals,
        a.mutuals
            .iter()
            .map(|m| fact(view, &m.name, &mutual_phrase(t(), m))),
    );
    match &a.best_introducer {
        Some(name) => {
            view.introducer
                .set_text_content(Some(&t().say("overlay.introducer", &[("name", name)])));
            view.introducer.set_hidden(false);
        }
        None => view.introducer.set_hidden(true),
    }
    let unnamed = (a.mutual_count as usize).saturating_sub(
        a.mutuals
            .iter()
            .filter(|m| m.colleague_at.is_none())
            .count(),
    );
    view.mutuals_more.set_hidden(unnamed == 0);
    view.mutuals_more
        .set_text_content(Some(&t().count("overlay.mutuals_unnamed", unnamed as u64)));
    view.mutuals_empty
        .set_hidden(!a.mutuals.is_empty() || unnamed > 0);
    view.mutuals_empty
        .set_text_content(Some(t().text(if contacts == 0 {
            "overlay.mutuals_import"
        } else {
            "overlay.mutuals_none"
        })));

    view.relationship_title
        .set_text_content(Some(&t().say("overlay.you_and", &[("name", first_name)])));
    let lines = match &a.relationship {
        Some(r) => relationship_lines(t(), r),
        None => vec![t().text("overlay.no_history").to_owned()],
    };
    fill(
        &view.relationship,
        lines.iter().map(|l| text_element(&view.document, "li", l)),
    );
}

/// The side panel is this view at full size, never collapsed.
fn is_panel(view: &View) -> bool {
    view.document
        .body()
        .is_some_and(|b| b.class_list().contains("panel"))
}

/// The person was forgotten: say what went, and show nothing more about them.
fn show_forgotten(view: &View, line: &str) {
    set_status(view, line);
    if let Some(body) = view.document.body() {
        let _ = body.class_list().add_1("forgotten");
    }
}

/// No person to show: the side panel beside a tab that holds no profile.
fn show_nobody(view: &View) {
    view.name
        .set_text_content(Some(t().text("overlay.page-title")));
    if is_panel(view) {
        view.summary
            .set_text_content(Some(t().text("overlay.open_a_profile")));
    } else {
        set_status(view, t().text("overlay.no_person"));
    }
    if let Some(details) = view.document.get_element_by_id("details") {
        let _ = details.set_attribute("hidden", "");
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

/// The user collapsed or expanded the overlay: shown at once, stored, and the frame resized by
/// the content script the core tells.
fn set_collapsed(view: &View, collapsed: bool) {
    show_collapsed(view, collapsed);
    spawn_local(async move {
        ask(&Request::Flag {
            name: Flag::OverlayCollapsed,
            set: Some(collapsed),
        })
        .await;
    });
}

fn show_collapsed(view: &View, collapsed: bool) {
    if let Some(body) = view.document.body() {
        let _ = body.class_list().toggle_with_force("collapsed", collapsed);
    }
    let _ = view
        .toggle
        .set_attribute("aria-expanded", if collapsed { "false" } else { "true" });
    let _ = view.toggle.set_attribute(
        "aria-label",
        t().text(if collapsed {
            "overlay.expand.aria"
        } else {
            "overlay.toggle.aria"
        }),
    );
}

fn show_failure(view: &View, response: Response) {
    set_status(view, &super::failure(response));
}

fn set_status(view: &View, message: &str) {
    view.status.set_text_content(Some(message));
}

/// Shows (or withdraws) the question whether this profile is the user's.
fn ask_this_is_me(view: &View, open: bool) {
    view.this_is_me_confirm.set_hidden(!open);
    let _ = view
        .this_is_me
        .set_attribute("aria-expanded", if open { "true" } else { "false" });
    if open {
        let _ = view.this_is_me_no.focus();
    } else {
        let _ = view.this_is_me.focus();
    }
}

/// Closes the innermost thing open (the "This is me" question, the drafts, the interaction
/// log); whether there was one.
fn close_innermost(view: &View) -> bool {
    if !view.this_is_me_confirm.hidden() {
        ask_this_is_me(view, false);
        return true;
    }
    if view.drafting.close_if_open() {
        return true;
    }
    let log = view
        .document
        .get_element_by_id("log")
        .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .filter(|log| log.open());
    if let Some(log) = log {
        log.set_open(false);
        return true;
    }
    false
}
