//! schema.org `Person` wherever a page declares one: JSON-LD, microdata, RDFa Lite, and the
//! h-card microformat that often stands beside them.
//!
//! Only the person a page is *about* counts: a top-level item (JSON-LD at the top, in `@graph`,
//! or as a `ProfilePage`'s `mainEntity`; a microdata or RDFa item that is no other item's
//! property; an h-card not nested in another microformat). The author of an article or a
//! commenter is not the page's subject.
//!
//! Tested on: `../shared/fixtures/schema-org-person/*`, `github-html/*`, `linkedin-jsonld/*`
//! and the JSON-LD in `linkedin-html/public-2024/*`.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::{bounded_text, sel, visible_text};
use crate::model::{Education, Position};

/// What schema.org markup says about the page's person.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub headline: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    pub positions: Vec<Position>,
    pub education: Vec<Education>,
}

/// The page's person, from the first dialect that declares one.
pub fn read(document: &Html) -> Option<Person> {
    json_ld(document)
        .or_else(|| items(document, &MICRODATA))
        .or_else(|| items(document, &RDFA))
        .or_else(|| h_card(document))
        .filter(|p| !p.name.is_empty())
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

fn json_ld(document: &Html) -> Option<Person> {
    document
        .select(sel!(r#"script[type="application/ld+json"]"#))
        .filter_map(|script| serde_json::from_str::<Value>(&script.text().collect::<String>()).ok())
        .find_map(|value| top_level_person(&value).map(person_from_json))
}

fn top_level_person(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(top_level_person),
        Value::Object(map) => {
            if has_type(value, "Person") {
                return Some(value);
            }
            if let Some(graph) = map.get("@graph") {
                return top_level_person(graph);
            }
            if has_type(value, "ProfilePage") {
                return map.get("mainEntity").and_then(top_level_person);
            }
            None
        }
        _ => None,
    }
}

fn has_type(value: &Value, wanted: &str) -> bool {
    let matches = |t: &Value| {
        t.as_str().is_some_and(|t| {
            t == wanted || t.ends_with(&format!("/{wanted}")) || t.ends_with(&format!(":{wanted}"))
        })
    };
    match value.get("@type") {
        Some(Value::Array(types)) => types.iter().any(matches),
        Some(t) => matches(t),
        None => false,
    }
}

/// The first string a property holds: a string, the first of a list, or an object's `name`.
fn text(value: Option<&Value>) -> Option<String> {
    let s = match value? {
        Value::String(s) => s.clone(),
        Value::Array(items) => return items.iter().find_map(|v| text(Some(v))),
        Value::Object(map) => return text(map.get("name")),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(s).filter(|s| !s.is_empty())
}

fn list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => vec![],
    }
}

fn person_from_json(p: &Value) -> Person {
    let name = text(p.get("name")).unwrap_or_else(|| {
        [text(p.get("givenName")), text(p.get("familyName"))]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    });
    let mut person = Person {
        name,
        headline: text(p.get("jobTitle")).or_else(|| text(p.get("disambiguatingDescription"))),
        location: place(p.get("address")).or_else(|| place(p.get("homeLocation"))),
        url: text(p.get("url")).or_else(|| text(p.get("sameAs"))),
        ..Person::default()
    };
    for org in list(p.get("worksFor")) {
        if let Some(position) = position_from_json(org, true) {
            person.positions.push(position);
        }
    }
    for org in list(p.get("alumniOf")) {
        if is_school(org) {
            if let Some(school) = text(org.get("name")) {
                let (start, end) = role_dates(org);
                person.education.push(Education {
                    school,
                    degree: None,
                    start,
                    end,
                });
            }
        } else if let Some(position) = position_from_json(org, false) {
            person.positions.push(position);
        }
    }
    person
}

fn is_school(org: &Value) -> bool {
    [
        "EducationalOrganization",
        "CollegeOrUniversity",
        "School",
        "HighSchool",
        "MiddleSchool",
    ]
    .iter()
    .any(|t| has_type(org, t))
}

fn role_dates(org: &Value) -> (Option<String>, Option<String>) {
    let role = org.get("member").unwrap_or(org);
    let date = |key| text(role.get(key)).and_then(|d| parse_iso_date(&d));
    (date("startDate"), date("endDate"))
}

/// "2019-04", "2019-04-01", "2019" → "2019-04" / "2019".
fn parse_iso_date(text: &str) -> Option<String> {
    let mut parts = text.trim().split('-');
    let year: u16 = parts.next()?.parse().ok()?;
    match parts.next().and_then(|m| m.parse::<u8>().ok()) {
        Some(month @ 1..=12) => Some(format!("{year:04}-{month:02}")),
        _ => Some(format!("{year:04}")),
    }
}

fn position_from_json(org: &Value, works_there: bool) -> Option<Position> {
    let name = text(org.get("name")).or_else(|| org.as_str().map(str::to_owned))?;
    let (start, end) = role_dates(org);
    let role = org.get("member").unwrap_or(org);
    Some(Position {
        org: name,
        title: text(role.get("roleName")).or_else(|| text(role.get("jobTitle"))),
        current: works_there && end.is_none(),
        start,
        end,
        location: text(org.get("location")).or_else(|| place(org.get("address"))),
        org_url: text(org.get("url")),
    })
}

fn place(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        v @ Value::Object(map) => {
            if let Some(address) = map.get("address") {
                return place(Some(address));
            }
            let parts: Vec<String> = ["addressLocality", "addressRegion", "addressCountry"]
                .iter()
                .filter_map(|k| text(v.get(*k)))
                .collect();
            if parts.is_empty() {
                text(map.get("name"))
            } else {
                Some(parts.join(", "))
            }
        }
        Value::Array(items) => items.first().and_then(|v| place(Some(v))),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Microdata and RDFa Lite: the same tree walk with different attribute names.

struct Dialect {
    /// Marks an element that starts an item.
    scope: &'static str,
    /// Selects every such element.
    all: fn() -> &'static Selector,
    /// Names the item's type (for RDFa Lite the same attribute as `scope`).
    kind: &'static str,
    /// Names a property.
    prop: &'static str,
}

const MICRODATA: Dialect = Dialect {
    scope: "itemscope",
    all: || sel!("[itemscope]"),
    kind: "itemtype",
    prop: "itemprop",
};
const RDFA: Dialect = Dialect {
    scope: "typeof",
    all: || sel!("[typeof]"),
    kind: "typeof",
    prop: "property",
};

enum PropValue<'a> {
    Text(String),
    Item(ElementRef<'a>),
}

fn items(document: &Html, dialect: &Dialect) -> Option<Person> {
    document
        .select((dialect.all)())
        .filter(|e| e.value().attr(dialect.prop).is_none())
        .filter(|e| type_is(*e, dialect, "Person"))
        .map(|e| person_from_item(e, dialect))
        .find(|p| !p.name.is_empty())
}

fn type_is(element: ElementRef<'_>, dialect: &Dialect, wanted: &str) -> bool {
    element.value().attr(dialect.kind).is_some_and(|types| {
        types.split_whitespace().any(|t| {
            let t = t.rsplit(['/', ':', '#']).next().unwrap_or(t);
            t == wanted
        })
    })
}

/// The properties of the item `scope`, in document order, without descending into nested items.
fn properties<'a>(scope: ElementRef<'a>, dialect: &Dialect) -> Vec<(String, PropValue<'a>)> {
    let mut out = Vec::new();
    let mut stack: Vec<ElementRef<'a>> = scope
        .children()
        .filter_map(ElementRef::wrap)
        .rev()
        .collect();
    while let Some(element) = stack.pop() {
        let nested = element.value().attr(dialect.scope).is_some();
        if let Some(names) = element.value().attr(dialect.prop) {
            // Real markup names one to three properties on an element; a page naming thousands
            // would cost its text once per name.
            let text = (!nested).then(|| prop_text(element));
            for name in names.split_whitespace().take(MAX_NAMES_PER_ELEMENT) {
                let name = name.rsplit([':', '/']).next().unwrap_or(name).to_owned();
                let value = match &text {
                    None => PropValue::Item(element),
                    Some(text) => PropValue::Text(text.clone()),
                };
                out.push((name, value));
            }
            if out.len() >= MAX_PROPERTIES {
                break;
            }
        }
        if !nested {
            stack.extend(
                element
                    .children()
                    .filter_map(ElementRef::wrap)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev(),
            );
        }
    }
    out
}

/// How many property names one element may give, and how many properties one item may have.
const MAX_NAMES_PER_ELEMENT: usize = 8;
const MAX_PROPERTIES: usize = 1_000;
/// The longest property text read: a name or a job title is short; a property that holds a
/// whole article is cut here, so nested properties do not re-read the whole page each.
const MAX_PROPERTY_TEXT: usize = 4_096;

/// A property's value as the specs define it: `content`, a link's target, or the text.
fn prop_text(element: ElementRef<'_>) -> String {
    let e = element.value();
    if let Some(content) = e.attr("content") {
        return content.trim().to_owned();
    }
    match e.name() {
        "a" | "link" | "area" => e.attr("href").unwrap_or_default().to_owned(),
        "img" | "audio" | "video" | "source" | "iframe" | "embed" => {
            e.attr("src").unwrap_or_default().to_owned()
        }
        "time" => e
            .attr("datetime")
            .map(str::to_owned)
            .unwrap_or_else(|| bounded_text(element, MAX_PROPERTY_TEXT)),
        _ => bounded_text(element, MAX_PROPERTY_TEXT),
    }
}

fn item_text(value: &PropValue<'_>, dialect: &Dialect) -> Option<String> {
    let s = match value {
        PropValue::Text(t) => t.clone(),
        PropValue::Item(e) => {
            let props = properties(*e, dialect);
            return first(&props, "name", dialect)
                .or_else(|| Some(visible_text(*e)).filter(|t| !t.is_empty()));
        }
    };
    Some(s).filter(|s| !s.is_empty())
}

fn first(props: &[(String, PropValue<'_>)], name: &str, dialect: &Dialect) -> Option<String> {
    props
        .iter()
        .filter(|(n, _)| n == name)
        .find_map(|(_, v)| item_text(v, dialect))
}

fn person_from_item(scope: ElementRef<'_>, dialect: &Dialect) -> Person {
    let props = properties(scope, dialect);
    let name = first(&props, "name", dialect).unwrap_or_else(|| {
        [
            first(&props, "givenName", dialect),
            first(&props, "familyName", dialect),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
    });
    let location = props
        .iter()
        .filter(|(n, _)| n == "address" || n == "homeLocation")
        .find_map(|(_, v)| match v {
            PropValue::Item(e) => {
                let inner = properties(*e, dialect);
                let parts: Vec<String> = ["addressLocality", "addressRegion", "addressCountry"]
                    .iter()
                    .filter_map(|k| first(&inner, k, dialect))
                    .collect();
                if parts.is_empty() {
                    first(&inner, "name", dialect)
                } else {
                    Some(parts.join(", "))
                }
            }
            PropValue::Text(t) => Some(t.clone()).filter(|t| !t.is_empty()),
        });
    let mut person = Person {
        name,
        headline: first(&props, "jobTitle", dialect)
            .or_else(|| first(&props, "description", dialect)),
        location,
        url: first(&props, "url", dialect),
        ..Person::default()
    };
    for (n, v) in &props {
        let Some(org) = item_text(v, dialect) else {
            continue;
        };
        let org = org.trim_start_matches('@').to_owned();
        match n.as_str() {
            "worksFor" | "affiliation" => person.positions.push(Position::at(org, true)),
            "alumniOf" => {
                let school = matches!(v, PropValue::Item(e) if ["EducationalOrganization", "CollegeOrUniversity", "School"].iter().any(|t| type_is(*e, dialect, t)));
                if school {
                    person.education.push(Education::at(org));
                } else {
                    person.positions.push(Position::at(org, false));
                }
            }
            _ => {}
        }
    }
    person
}

// ---------------------------------------------------------------------------------------------
// h-card (microformats2, with the classic hCard class names as fallback)

fn h_card(document: &Html) -> Option<Person> {
    document
        .select(sel!(".h-card, .vcard"))
        .filter(|card| {
            !card
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(is_microformat_root)
        })
        .map(person_from_card)
        .find(|p| !p.name.is_empty())
}

fn is_microformat_root(element: ElementRef<'_>) -> bool {
    element
        .value()
        .classes()
        .any(|c| c.starts_with("h-") || c == "vcard" || c == "hentry")
}

fn person_from_card(card: ElementRef<'_>) -> Person {
    let field = |selector: &Selector| {
        card.select(selector)
            .map(visible_text)
            .find(|t| !t.is_empty())
    };
    let name = field(sel!(".p-name, .fn")).unwrap_or_else(|| {
        // An h-card with no p-name: its own text is the name (the implied-name rule).
        if card
            .select(sel!("[class*='p-'], [class*='u-']"))
            .next()
            .is_none()
        {
            visible_text(card)
        } else {
            String::new()
        }
    });
    let mut person = Person {
        name,
        headline: field(sel!(".p-job-title, .title, .p-note")),
        location: field(sel!(".p-locality, .p-adr, .p-label, .locality, .adr")),
        url: card
            .select(sel!(".u-url"))
            .find_map(|e| e.value().attr("href").map(str::to_owned)),
        ..Person::default()
    };
    if let Some(org) = field(sel!(".p-org, .org")) {
        let org = org.trim_start_matches('@').trim().to_owned();
        person.positions.push(Position::at(org, true));
    }
    person
}
