//! The options page: how big the user's imported network is, the way to the import page, and
//! who the user is — shown from every source and correctable by hand (positions, schools, city).

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};

use super::{ask, by_id, document, failure, t};
use crate::model::{Education, Goal, GoalKind, Position, Profile, Site};
use crate::protocol::{Flag, Request, Response};

struct View {
    document: Document,
    network: HtmlElement,
    name: HtmlInputElement,
    city: HtmlInputElement,
    positions: Element,
    schools: Element,
    status: HtmlElement,
}

/// The columns of the positions and schools tables, as phrases; the first names a row.
const POSITION_FIELDS: [&str; 4] = [
    "options.organisation",
    "options.job-title",
    "options.from",
    "options.until",
];
const SCHOOL_FIELDS: [&str; 4] = [
    "options.school",
    "options.degree",
    "options.from",
    "options.until",
];

pub(super) fn start() -> Result<(), JsValue> {
    let document = document()?;
    let table_body = |id: &str| -> Result<Element, JsValue> {
        by_id::<Element>(&document, id)?
            .query_selector("tbody")?
            .ok_or_else(|| JsValue::from_str("a table without a body"))
    };
    let view = Rc::new(View {
        network: by_id(&document, "network-status")?,
        name: by_id(&document, "me-name")?,
        city: by_id(&document, "me-city")?,
        positions: table_body("positions")?,
        schools: table_body("schools")?,
        status: by_id(&document, "status")?,
        document,
    });
    let on = |id: &str, handler: fn(Rc<View>)| -> Result<(), JsValue> {
        let v = view.clone();
        let button: HtmlButtonElement = by_id(&view.document, id)?;
        EventListener::new(&button, "click", move |_| handler(v.clone())).forget();
        Ok(())
    };
    on("add-position", |v| {
        add_row(&v, &v.positions, &POSITION_FIELDS, &[])
    })?;
    on("add-school", |v| {
        add_row(&v, &v.schools, &SCHOOL_FIELDS, &[])
    })?;
    on("save-me", |v| {
        let profile = collect(&v);
        spawn_local(async move {
            answer(
                &v,
                ask(&Request::SetMe {
                    profile: Some(profile),
                })
                .await,
                t().text("options.saved"),
            )
        });
    })?;
    on("clear-me", |v| {
        spawn_local(async move {
            answer(
                &v,
                ask(&Request::SetMe { profile: None }).await,
                t().text("options.corrections_gone"),
            )
        });
    })?;
    let v = view.clone();
    spawn_local(async move { answer(&v, ask(&Request::Me).await, "") });
    flags(&view.document)?;
    invite_budget(&view.document)?;
    language(&view.document)?;
    super::backup_page::start(&view.document)?;
    goals(&view.document)?;
    rhythm_rules(&view.document)?;
    Ok(())
}

/// The keep-in-touch rules per tag: one line each ("#mentor: every 4 to 6 weeks"), read here
/// (`rhythm::parse_rules`, English or Dutch) and stored on `Save rules`; a line not understood is
/// named with why, and nothing is stored.
fn rhythm_rules(document: &Document) -> Result<(), JsValue> {
    let status: HtmlElement = by_id(document, "rhythm-status")?;
    let area: HtmlTextAreaElement = by_id(document, "rhythm-rules")?;
    let save: HtmlElement = by_id(document, "save-rhythm")?;
    let show = |area: &HtmlTextAreaElement, rules: &[crate::rhythm::Rule]| {
        let lines: Vec<String> = rules
            .iter()
            .map(|r| crate::rhythm::rule_line(t(), r))
            .collect();
        area.set_value(&lines.join("\n"));
    };
    let (a, s) = (area.clone(), status.clone());
    spawn_local(async move {
        match ask(&Request::RhythmRules { set: None }).await {
            Response::RhythmRules { rules } if a.value().is_empty() => show(&a, &rules),
            Response::RhythmRules { .. } => {}
            other => s.set_text_content(Some(&failure(other))),
        }
    });
    EventListener::new(&save, "click", move |_| {
        let rules = match crate::rhythm::parse_rules(&area.value()) {
            Ok(rules) => rules,
            Err((line, why)) => {
                status.set_text_content(Some(&t().say(
                    "options.rhythm.error",
                    &[("line", &line.to_string()), ("why", t().text(why.phrase()))],
                )));
                return;
            }
        };
        let (a, s) = (area.clone(), status.clone());
        spawn_local(async move {
            match ask(&Request::RhythmRules { set: Some(rules) }).await {
                Response::RhythmRules { rules } => {
                    show(&a, &rules);
                    s.set_text_content(Some(
                        &t().count("options.rhythm.saved", rules.len() as u64),
                    ));
                }
                other => s.set_text_content(Some(&failure(other))),
            }
        });
    })
    .forget();
    Ok(())
}

/// The user's networking goals: a box and their own words for each of the four.
fn goals(document: &Document) -> Result<(), JsValue> {
    let status: HtmlElement = by_id(document, "goals-status")?;
    let fields = GoalKind::ALL
        .iter()
        .map(|kind| {
            let id = kind.id();
            Ok((
                *kind,
                by_id::<HtmlInputElement>(document, &format!("goal-{id}"))?,
                by_id::<HtmlInputElement>(document, &format!("goal-{id}-text"))?,
            ))
        })
        .collect::<Result<Vec<_>, JsValue>>()?;
    let fields = Rc::new(fields);
    let show = {
        let fields = fields.clone();
        move |goals: &[Goal]| {
            for (kind, on, text) in fields.iter() {
                let goal = goals.iter().find(|g| g.kind == *kind);
                on.set_checked(goal.is_some());
                text.set_value(goal.map(|g| g.text.as_str()).unwrap_or_default());
            }
        }
    };
    // What is stored is shown unless the user has started typing before it arrived.
    let touched = Rc::new(std::cell::Cell::new(false));
    for (_, on, text) in fields.iter() {
        for field in [on, text] {
            let typed = touched.clone();
            EventListener::new(field, "input", move |_| typed.set(true)).forget();
        }
    }
    let (s, first) = (status.clone(), show.clone());
    spawn_local(async move {
        match ask(&Request::Goals { set: None }).await {
            Response::Goals { goals } if !touched.get() => first(&goals),
            Response::Goals { .. } => {}
            other => s.set_text_content(Some(&failure(other))),
        }
    });
    let save: HtmlButtonElement = by_id(document, "save-goals")?;
    EventListener::new(&save, "click", move |_| {
        let goals: Vec<Goal> = fields
            .iter()
            .filter(|(_, on, text)| on.checked() || !text.value().trim().is_empty())
            .map(|(kind, _, text)| Goal {
                kind: *kind,
                text: text.value().trim().to_owned(),
            })
            .collect();
        let (s, show) = (status.clone(), show.clone());
        spawn_local(async move {
            match ask(&Request::Goals { set: Some(goals) }).await {
                Response::Goals { goals } => {
                    show(&goals);
                    s.set_text_content(Some(t().text("options.goals_saved")));
                }
                other => s.set_text_content(Some(&failure(other))),
            }
        });
    })
    .forget();
    Ok(())
}

/// The interface's language: the browser's, or one the user chose. A change is stored and the
/// page shown again in it.
fn language(document: &Document) -> Result<(), JsValue> {
    let status: HtmlElement = by_id(document, "language-status")?;
    let select: HtmlSelectElement = by_id(document, "language")?;
    let (s, chosen) = (status.clone(), select.clone());
    spawn_local(async move {
        match ask(&Request::Language { set: None }).await {
            Response::Language { setting } => chosen.set_value(&setting),
            other => s.set_text_content(Some(&failure(other))),
        }
    });
    let chosen = select.clone();
    EventListener::new(&select, "change", move |_| {
        let (chosen, s) = (chosen.clone(), status.clone());
        spawn_local(async move {
            let set = Some(chosen.value());
            match ask(&Request::Language { set }).await {
                Response::Language { .. } => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().reload();
                    }
                }
                other => s.set_text_content(Some(&failure(other))),
            }
        });
    })
    .forget();
    Ok(())
}

/// How many invitation notes a month a free account gets: shows what is stored, and stores a
/// change at once (0 to 100; anything else is refused with why).
fn invite_budget(document: &Document) -> Result<(), JsValue> {
    let status: HtmlElement = by_id(document, "messages-status")?;
    let input: HtmlInputElement = by_id(document, "invite-budget")?;
    let touched = Rc::new(std::cell::Cell::new(false));
    let typed = touched.clone();
    EventListener::new(&input, "input", move |_| typed.set(true)).forget();
    let (i, s) = (input.clone(), status.clone());
    spawn_local(async move {
        match ask(&Request::InviteBudget { per_month: None }).await {
            Response::InviteBudget { per_month, .. } if !touched.get() => {
                i.set_value(&per_month.to_string())
            }
            Response::InviteBudget { .. } => {}
            other => s.set_text_content(Some(&failure(other))),
        }
    });
    let (i, s) = (input.clone(), status);
    EventListener::new(&input, "change", move |_| {
        let Ok(n) = i.value().trim().parse::<u32>() else {
            s.set_text_content(Some(t().text("options.invite-budget.whole_number")));
            return;
        };
        let (i, s) = (i.clone(), s.clone());
        spawn_local(async move {
            match ask(&Request::InviteBudget { per_month: Some(n) }).await {
                Response::InviteBudget { per_month, .. } => {
                    i.set_value(&per_month.to_string());
                    s.set_text_content(Some(t().text("options.saved")));
                }
                other => s.set_text_content(Some(&failure(other))),
            }
        });
    })
    .forget();
    Ok(())
}

/// The yes-or-no settings for drafts: each checkbox shows what is stored, and stores a change
/// at once.
fn flags(document: &Document) -> Result<(), JsValue> {
    let status: HtmlElement = by_id(document, "messages-status")?;
    // A box may say the opposite of its flag: `Show beside the page` is trace-free off.
    for (id, flag, inverted, status) in [
        ("premium", Flag::DraftPremium, false, &status),
        ("formal", Flag::DraftFormal, false, &status),
        (
            "beside",
            Flag::TraceFree,
            true,
            &by_id::<HtmlElement>(document, "beside-status")?,
        ),
    ] {
        let input: HtmlInputElement = by_id(document, id)?;
        // What is stored is shown unless the user changed the box before it arrived.
        let touched = Rc::new(std::cell::Cell::new(false));
        let typed = touched.clone();
        EventListener::new(&input, "input", move |_| typed.set(true)).forget();
        let (i, s) = (input.clone(), status.clone());
        spawn_local(async move {
            match ask(&Request::Flag {
                name: flag,
                set: None,
            })
            .await
            {
                Response::Flag { value } if !touched.get() => i.set_checked(value != inverted),
                Response::Flag { .. } => {}
                other => s.set_text_content(Some(&failure(other))),
            }
        });
        let (i, s) = (input.clone(), status.clone());
        EventListener::new(&input, "change", move |_| {
            let (i, s) = (i.clone(), s.clone());
            spawn_local(async move {
                let set = Some(i.checked() != inverted);
                match ask(&Request::Flag { name: flag, set }).await {
                    Response::Flag { value } => {
                        i.set_checked(value != inverted);
                        s.set_text_content(Some(t().text("options.saved")));
                    }
                    other => s.set_text_content(Some(&failure(other))),
                }
            });
        })
        .forget();
    }
    Ok(())
}

fn answer(view: &View, response: Response, done: &str) {
    match response {
        Response::Me {
            effective,
            contacts,
            ..
        } => {
            view.network.set_text_content(Some(&if contacts == 0 {
                t().text("options.no_connections").to_owned()
            } else {
                t().count("options.connections", u64::from(contacts))
            }));
            fill(view, effective.as_ref());
            view.status.set_text_content(Some(done));
        }
        other => view.status.set_text_content(Some(&failure(other))),
    }
}

fn fill(view: &View, me: Option<&Profile>) {
    view.name
        .set_value(me.map(|m| m.name.as_str()).unwrap_or_default());
    view.city
        .set_value(me.and_then(|m| m.location.as_deref()).unwrap_or_default());
    view.positions.set_text_content(None);
    view.schools.set_text_content(None);
    for p in me.map(|m| m.positions.as_slice()).unwrap_or_default() {
        let values = [
            Some(p.org.clone()),
            p.title.clone(),
            p.start.clone(),
            p.end.clone(),
        ];
        add_row(view, &view.positions, &POSITION_FIELDS, &values);
    }
    for e in me.map(|m| m.education.as_slice()).unwrap_or_default() {
        let values = [
            Some(e.school.clone()),
            e.degree.clone(),
            e.start.clone(),
            e.end.clone(),
        ];
        add_row(view, &view.schools, &SCHOOL_FIELDS, &values);
    }
}

fn add_row(view: &View, body: &Element, fields: &[&'static str; 4], values: &[Option<String>]) {
    let Ok(row) = view.document.create_element("tr") else {
        return;
    };
    let number = body.child_element_count() + 1;
    for (i, field) in fields.iter().enumerate() {
        let (Ok(cell), Ok(input)) = (
            view.document.create_element("td"),
            view.document.create_element("input"),
        ) else {
            continue;
        };
        let _ = input.set_attribute("type", "text");
        let _ = input.set_attribute(
            "aria-label",
            &t().say(
                "options.field_of_row",
                &[("field", t().text(field)), ("number", &number.to_string())],
            ),
        );
        if i >= 2 {
            let _ = input.set_attribute("placeholder", t().text("options.month.placeholder"));
        }
        if let (Some(Some(value)), Some(input)) =
            (values.get(i), input.dyn_ref::<HtmlInputElement>())
        {
            input.set_value(value);
        }
        let _ = cell.append_child(&input);
        let _ = row.append_child(&cell);
    }
    if let (Ok(cell), Ok(remove)) = (
        view.document.create_element("td"),
        view.document.create_element("button"),
    ) {
        remove.set_text_content(Some(t().text("options.remove")));
        let _ = remove.set_attribute("type", "button");
        let _ = remove.set_attribute(
            "aria-label",
            &t().say(
                "options.remove_row.aria",
                &[
                    ("field", t().text(fields[0])),
                    ("number", &number.to_string()),
                ],
            ),
        );
        let row_ref = row.clone();
        EventListener::new(&remove, "click", move |_| row_ref.remove()).forget();
        let _ = cell.append_child(&remove);
        let _ = row.append_child(&cell);
    }
    let _ = body.append_child(&row);
}

/// The rows' values: [first, second, from, until], rows without a first value dropped.
fn rows(body: &Element) -> Vec<[Option<String>; 4]> {
    let mut out = Vec::new();
    let Ok(rows) = body.query_selector_all("tr") else {
        return out;
    };
    for i in 0..rows.length() {
        let Some(row) = rows.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Ok(inputs) = row.query_selector_all("input") else {
            continue;
        };
        let mut values: [Option<String>; 4] = Default::default();
        for j in 0..inputs.length().min(4) {
            if let Some(input) = inputs
                .item(j)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            {
                let v = input.value().trim().to_owned();
                values[j as usize] = (!v.is_empty()).then_some(v);
            }
        }
        if values[0].is_some() {
            out.push(values);
        }
    }
    out
}

fn collect(view: &View) -> Profile {
    let text =
        |input: &HtmlInputElement| Some(input.value().trim().to_owned()).filter(|v| !v.is_empty());
    Profile {
        site: Site::Linkedin,
        url: String::new(),
        handle: String::new(),
        name: view.name.value().trim().to_owned(),
        headline: None,
        location: text(&view.city),
        positions: rows(&view.positions)
            .into_iter()
            .map(|[org, title, start, end]| Position {
                org: org.unwrap_or_default(),
                title,
                current: end.is_none(),
                start,
                end,
                location: None,
                org_url: None,
            })
            .collect(),
        education: rows(&view.schools)
            .into_iter()
            .map(|[school, degree, start, end]| Education {
                school: school.unwrap_or_default(),
                degree,
                start,
                end,
            })
            .collect(),
        mutuals: Default::default(),
    }
}
