//! Which dormant ties are worth reviving now, ranked for what they could bring rather than for
//! how familiar they are. People tend to revive the ties they remember best; the research behind
//! the seeds (Levin, Walter and Murnighan 2011) finds the valuable ones are those that bring what
//! the user's current network does not, from someone once moderately close who is likely to
//! answer. So a tie is scored on:
//! - **novelty**: an organisation none of the user's active ties (in touch within a year) or
//!   the user themself is at, a field none of them works in;
//! - **willingness**: messages both ways, the user having given before, having met;
//! - **closeness once**: moderately close scores highest, very close a little less, a little
//!   history least (below that it is no tie to revive);
//! - **time**: a few years of silence is worth more than one, very long silence less again.
//!
//! Each row says why, as [`Why`] parts the interface words ("was close in 2021 · now at Adyen,
//! new to your network"). Pure: the contact index, who the user is, their marks and "today" in.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::calendar::{date_of, day_of, Day};
use crate::history::Annotation;
use crate::model::{Marks, Position, Profile, Site};
use crate::names::org_key;
use crate::people::{Known, People};
use crate::relationship::{
    history_weight, last_contact, KeepInTouch, LastInteraction, Ledger, Relationship, Strength, Tie,
};

/// At most this many ties are listed.
pub const LISTED: usize = 25;

/// Silence after which a tie is dormant, in days.
const DORMANT_AFTER: Day = 365;
/// Less history than this is no tie to revive.
const SOME_HISTORY: f64 = 12.0;
/// Up to here a history is moderate; above it, close.
const MODERATE: f64 = 45.0;

/// A coarse field of work, read from a job title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Engineering,
    Data,
    Design,
    Product,
    Sales,
    Marketing,
    Finance,
    People,
    Research,
    Education,
    Health,
    Legal,
    Leadership,
}

impl Field {
    /// The phrase that names it.
    pub fn phrase(self) -> &'static str {
        match self {
            Field::Engineering => "field.engineering",
            Field::Data => "field.data",
            Field::Design => "field.design",
            Field::Product => "field.product",
            Field::Sales => "field.sales",
            Field::Marketing => "field.marketing",
            Field::Finance => "field.finance",
            Field::People => "field.people",
            Field::Research => "field.research",
            Field::Education => "field.education",
            Field::Health => "field.health",
            Field::Legal => "field.legal",
            Field::Leadership => "field.leadership",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Field::Engineering => "engineering",
            Field::Data => "data",
            Field::Design => "design",
            Field::Product => "product",
            Field::Sales => "sales",
            Field::Marketing => "marketing",
            Field::Finance => "finance",
            Field::People => "people",
            Field::Research => "research",
            Field::Education => "education",
            Field::Health => "health",
            Field::Legal => "legal",
            Field::Leadership => "leadership",
        }
    }
}

/// The field a job title (or headline) names, in English or Dutch; the first that matches, in
/// an order that lets "Data Engineer" be data and "Engineering Manager" engineering.
pub fn field_of(title: &str) -> Option<Field> {
    let folded = crate::model::fold(title);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |stems: &[&str]| words.iter().any(|w| stems.iter().any(|s| w.starts_with(s)));
    const TABLE: [(Field, &[&str]); 13] = [
        (
            Field::Data,
            &["data", "analyst", "analytics", "scientist", "ml", "bi"],
        ),
        (
            Field::Design,
            &["design", "ux", "ui", "illustrat", "vormgev"],
        ),
        (Field::Product, &["product"]),
        (
            Field::People,
            &["recruit", "talent", "hr", "werving", "personeel"],
        ),
        (
            Field::Sales,
            &["sales", "account", "verkoop", "business", "bd"],
        ),
        (
            Field::Marketing,
            &[
                "marketing",
                "growth",
                "brand",
                "content",
                "communicat",
                "seo",
            ],
        ),
        (
            Field::Finance,
            &[
                "financ",
                "accountant",
                "controller",
                "cfo",
                "audit",
                "treasur",
                "boekhoud",
            ],
        ),
        (
            Field::Legal,
            &[
                "lawyer", "legal", "counsel", "advocaat", "jurist", "notaris",
            ],
        ),
        (
            Field::Health,
            &[
                "nurse",
                "physician",
                "doctor",
                "arts",
                "verpleeg",
                "huisarts",
                "therap",
            ],
        ),
        (
            Field::Research,
            &[
                "research",
                "professor",
                "phd",
                "postdoc",
                "onderzo",
                "promovend",
                "hoogleraar",
            ],
        ),
        (
            Field::Education,
            &["teacher", "lecturer", "leraar", "docent", "onderwijs"],
        ),
        (
            Field::Engineering,
            &[
                "engineer",
                "developer",
                "software",
                "programm",
                "ontwikkel",
                "devops",
                "architect",
                "sre",
                "firmware",
            ],
        ),
        (
            Field::Leadership,
            &[
                "ceo",
                "founder",
                "director",
                "owner",
                "oprichter",
                "directeur",
                "eigenaar",
                "managing",
            ],
        ),
    ];
    TABLE.iter().find(|(_, stems)| has(stems)).map(|(f, _)| *f)
}

/// One reason a tie is worth reviving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// A close tie, last in touch that year.
    WasClose { year: i64 },
    /// Some history, last in touch that year.
    LastInTouch { year: i64 },
    /// At an organisation no active tie (nor the user) is at.
    NewOrganisation { org: String },
    /// At an organisation other than the user's own.
    NowAt { org: String },
    /// In a field none of the user's active ties works in.
    NewField { field: Field },
    /// Messages went both ways.
    BothWays,
    /// The user gave them something before (an introduction, something shared).
    YouGave,
    /// They met or spoke.
    Spoke,
}

/// One tie worth reviving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revival {
    /// Their contact id.
    pub person: String,
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    /// `YYYY-MM-DD` of the last contact.
    pub last: String,
    pub days_since: u32,
    /// 0 to 100, higher first.
    pub score: u32,
    pub why: Vec<Why>,
}

/// What the user's network covers now: the organisations and fields of the user and of every
/// tie in touch within a year.
#[derive(Debug, Default)]
struct Covered {
    orgs: HashSet<String>,
    own_orgs: HashSet<String>,
    fields: HashSet<Field>,
}

impl Covered {
    fn of(people: &People, me: Option<&Profile>, today: Day) -> Covered {
        let mut covered = Covered::default();
        if let Some(me) = me {
            for p in me.positions.iter().filter(|p| p.current || p.end.is_none()) {
                covered.own_orgs.insert(org_key(&p.org));
                covered.fields.extend(p.title.as_deref().and_then(field_of));
            }
            covered
                .fields
                .extend(me.headline.as_deref().and_then(field_of));
        }
        covered.orgs.clone_from(&covered.own_orgs);
        for known in people.iter() {
            let recent = last_contact(&Ledger::of(Some(known), None))
                .is_some_and(|(day, _)| today - day <= DORMANT_AFTER);
            if recent {
                covered
                    .orgs
                    .extend(known.contact.company.as_deref().map(org_key));
                covered
                    .fields
                    .extend(known.contact.position.as_deref().and_then(field_of));
            }
        }
        covered.orgs.remove("");
        covered
    }
}

/// The dormant ties worth reviving, the most valuable first (at most [`LISTED`]). Left out:
/// people the user already keeps a rhythm with (they are in the due lists) and those set aside
/// with "not now" until a day after `today`.
pub fn revivals(
    people: &People,
    me: Option<&Profile>,
    marks: &[Marks],
    today: Day,
) -> Vec<Revival> {
    let covered = Covered::of(people, me, today);
    let set_aside: HashSet<&str> = marks
        .iter()
        .filter(|m| {
            m.rhythm().is_some()
                || m.not_now_until
                    .as_deref()
                    .and_then(day_of)
                    .is_some_and(|until| until > today)
        })
        .map(|m| m.person.as_str())
        .collect();
    let mut rows: Vec<Revival> = people
        .iter()
        .filter(|k| !set_aside.contains(k.contact.id.as_str()))
        .filter_map(|k| revival(k, &covered, today))
        .collect();
    rows.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
    rows.truncate(LISTED);
    rows
}

fn revival(known: &Known, covered: &Covered, today: Day) -> Option<Revival> {
    let ledger = Ledger::of(Some(known), None);
    let (last, _) = last_contact(&ledger)?;
    let silent = today - last;
    let weight = history_weight(&ledger);
    if silent <= DORMANT_AFTER || weight < SOME_HISTORY {
        return None;
    }
    let year = date_of(last)[..4].parse().unwrap_or_default();
    let mut why = Vec::new();
    let mut score = 0;
    // Closeness once: moderate is best.
    if weight > MODERATE {
        score += 18;
        why.push(Why::WasClose { year });
    } else {
        score += if weight >= 20.0 { 25 } else { 12 };
        why.push(Why::LastInTouch { year });
    }
    // Novelty.
    let c = &known.contact;
    if let Some(company) = c.company.as_deref().filter(|s| !s.trim().is_empty()) {
        let org = org_key(company);
        if !covered.orgs.contains(&org) {
            score += 25;
            why.push(Why::NewOrganisation {
                org: company.trim().to_owned(),
            });
        } else if !covered.own_orgs.contains(&org) {
            score += 8;
            why.push(Why::NowAt {
                org: company.trim().to_owned(),
            });
        }
    }
    if let Some(field) = c.position.as_deref().and_then(field_of) {
        if !covered.fields.contains(&field) {
            score += 15;
            why.push(Why::NewField { field });
        }
    }
    // Willingness.
    if known
        .conversation
        .as_ref()
        .is_some_and(|m| m.sent > 0 && m.received > 0)
    {
        score += 12;
        why.push(Why::BothWays);
    }
    if known.activity.gave > 0 {
        score += 8;
        why.push(Why::YouGave);
    }
    if known.activity.spoke > 0 {
        score += 5;
        why.push(Why::Spoke);
    }
    // Time: a few years is worth more than one; a very long silence less again.
    score += match silent / 365 {
        1 => 5,
        2..=5 => 10,
        _ => 6,
    };
    Some(Revival {
        person: c.id.clone(),
        name: c.name(),
        url: c.url.as_deref().and_then(crate::names::profile_link),
        company: c.company.clone(),
        position: c.position.clone(),
        last: date_of(last),
        days_since: silent.max(0) as u32,
        score: score.min(100),
        why,
    })
}

/// What a reconnect draft for `row` is written from: the person as the export knows them (their
/// name and current role) and the relationship (the last contact, a dormant tie). No page is
/// read for it.
pub fn ground(row: &Revival) -> (Profile, Annotation) {
    let handle = row
        .person
        .strip_prefix("linkedin:")
        .unwrap_or_default()
        .to_owned();
    let mut them = Profile::named(
        Site::Linkedin,
        row.url.clone().unwrap_or_default(),
        handle,
        row.name.clone(),
    );
    if let Some(org) = row.company.as_deref().filter(|c| !c.trim().is_empty()) {
        them.positions.push(Position {
            org: org.trim().to_owned(),
            title: row.position.clone(),
            start: None,
            end: None,
            current: true,
            location: None,
            org_url: None,
        });
    }
    let annotation = Annotation {
        relationship: Some(Relationship {
            contact: Some(row.person.clone()),
            connected_on: None,
            last_interaction: Some(LastInteraction {
                date: row.last.clone(),
                days_ago: row.days_since,
                what: "message".into(),
            }),
            messages: 0,
            notes: 0,
            gave: 0,
            asked: 0,
            tie: Tie {
                score: 0,
                strength: Strength::Dormant,
                last: Some(row.last.clone()),
            },
            keep_in_touch: KeepInTouch::default(),
        }),
        ..Annotation::default()
    };
    (them, annotation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, Conversation};
    use crate::people::ContactByUser;

    fn contact(i: usize, company: &str, position: &str) -> Contact {
        Contact {
            id: format!("linkedin:p{i}"),
            first_name: format!("P{i}"),
            last_name: "Test".into(),
            url: None,
            email: None,
            company: Some(company.into()),
            position: Some(position.into()),
            connected_on: Some("2015-01-01".into()),
        }
    }

    fn talked(i: usize, messages: u32, last: &str) -> Conversation {
        Conversation {
            person: format!("linkedin:p{i}"),
            name: String::new(),
            messages,
            sent: messages / 2,
            received: messages - messages / 2,
            first: Some("2015-01-01".into()),
            last: Some(last.into()),
        }
    }

    fn me() -> Profile {
        let mut me = Profile::named(Site::Linkedin, String::new(), "me".into(), "Me".into());
        me.positions.push(Position {
            org: "Bol".into(),
            title: Some("Software Engineer".into()),
            start: Some("2022-01".into()),
            end: None,
            current: true,
            location: None,
            org_url: None,
        });
        me
    }

    #[test]
    fn fields_from_titles() {
        assert_eq!(
            field_of("Senior Software Engineer"),
            Some(Field::Engineering)
        );
        assert_eq!(field_of("Data Engineer"), Some(Field::Data));
        assert_eq!(field_of("Account Executive Benelux"), Some(Field::Sales));
        assert_eq!(field_of("UX-ontwerper / Designer"), Some(Field::Design));
        assert_eq!(field_of("Docent wiskunde"), Some(Field::Education));
        assert_eq!(field_of("Oprichter"), Some(Field::Leadership));
        assert_eq!(field_of("Chef-kok"), None);
    }

    /// A generated network: active ties at the user's organisation and two others, all
    /// engineers; dormant *familiar* ties (very close, at those same organisations, engineers)
    /// and dormant *novel* ties (moderately close, at organisations and in fields the active
    /// network lacks). The novel ones come first, however close the familiar ones were.
    #[test]
    fn the_novel_dormant_ties_rank_above_the_familiar_ones() {
        let today = day_of("2026-12-01").unwrap();
        let covered_orgs = ["Bol", "Adyen", "Booking"];
        let novel = [
            ("Mollie", "Account Executive"),
            ("Rijksmuseum", "Curator"),
            ("UMC Utrecht", "Onderzoeker"),
            ("Picnic", "Product Designer"),
            ("Greenpeace", "Campaign Marketing Lead"),
            ("De Nederlandsche Bank", "Financial Controller"),
        ];
        let mut contacts = Vec::new();
        let mut conversations = Vec::new();
        let mut familiar = HashSet::new();
        let mut novel_ids = HashSet::new();
        for i in 0..30 {
            // Active: in touch this year.
            contacts.push(contact(i, covered_orgs[i % 3], "Backend Developer"));
            conversations.push(talked(i, 10, "2026-10-01"));
        }
        for i in 30..50 {
            // Familiar: 80 messages, silent two years, where the user's ties are.
            contacts.push(contact(i, covered_orgs[i % 3], "Software Engineer"));
            conversations.push(talked(i, 80, "2024-09-01"));
            familiar.insert(format!("linkedin:p{i}"));
        }
        for (j, (org, title)) in novel.iter().enumerate() {
            let i = 50 + j;
            // Novel: a dozen messages, silent two to four years.
            contacts.push(contact(i, org, title));
            conversations.push(talked(
                i,
                12,
                ["2024-03-01", "2023-05-01", "2022-11-01"][j % 3],
            ));
            novel_ids.insert(format!("linkedin:p{i}"));
        }
        // A little history is no tie to revive.
        contacts.push(contact(99, "Elsewhere", "Sales Manager"));
        conversations.push(talked(99, 1, "2020-01-01"));
        let people = People::new(
            contacts.into_iter().map(|c| (c, ContactByUser::default())),
            conversations,
        );
        let rows = revivals(&people, Some(&me()), &[], today);
        let ids: Vec<&str> = rows.iter().map(|r| r.person.as_str()).collect();
        assert_eq!(rows.len(), LISTED);
        assert!(
            ids[..novel.len()].iter().all(|id| novel_ids.contains(*id)),
            "{ids:?}"
        );
        assert!(ids[novel.len()..].iter().all(|id| familiar.contains(*id)));
        assert!(!ids.contains(&"linkedin:p99"));
        // Each row says why.
        let first = rows
            .iter()
            .find(|r| r.company.as_deref() == Some("Mollie"))
            .unwrap();
        assert!(
            first.why.contains(&Why::NewOrganisation {
                org: "Mollie".into()
            }),
            "{:?}",
            first.why
        );
        assert!(first.why.contains(&Why::NewField {
            field: Field::Sales
        }));
        assert!(first.why.contains(&Why::BothWays));
        let close = rows.iter().find(|r| familiar.contains(&r.person)).unwrap();
        assert_eq!(close.why[0], Why::WasClose { year: 2024 });
    }

    #[test]
    fn not_now_sets_a_tie_aside_until_its_day() {
        let today = day_of("2026-12-01").unwrap();
        let people = People::new(
            [(contact(1, "Mollie", "Sales"), ContactByUser::default())],
            [talked(1, 12, "2023-01-01")],
        );
        let aside = |until: &str| Marks {
            person: "linkedin:p1".into(),
            not_now_until: Some(until.into()),
            ..Marks::default()
        };
        assert!(revivals(&people, None, &[aside("2027-03-01")], today).is_empty());
        assert_eq!(
            revivals(&people, None, &[aside("2026-11-30")], today).len(),
            1
        );
        // Someone kept on a rhythm is in the due lists instead.
        let kept = Marks {
            person: "linkedin:p1".into(),
            key: true,
            ..Marks::default()
        };
        assert!(revivals(&people, None, &[kept], today).is_empty());
    }

    #[test]
    fn a_row_gives_a_reconnect_draft_in_either_language_that_asks_nothing() {
        use crate::draft::{drafts, favour, Brief, Context, Lang, Purpose};
        let row = Revival {
            person: "linkedin:bob-old".into(),
            name: "Bob Old".into(),
            url: None,
            company: Some("Mollie".into()),
            position: Some("Account Executive".into()),
            last: "2022-03-01".into(),
            days_since: 1727,
            score: 60,
            why: vec![],
        };
        let (them, annotation) = ground(&row);
        let ctx = Context {
            me: None,
            them: &them,
            annotation: &annotation,
            notes: &[],
            interactions: &[],
        };
        for (lang, hello) in [(Lang::En, "Hi Bob"), (Lang::Nl, "Hoi Bob")] {
            let brief = Brief {
                purpose: Purpose::Reconnect,
                lang,
                formal: false,
                limit: 300,
                given: None,
            };
            let written = drafts(&ctx, &brief).expect("a dormant tie has a reconnect draft");
            assert!(!written.is_empty());
            assert!(
                written.iter().any(|d| d.text.contains("Mollie")),
                "{written:?}"
            );
            for d in &written {
                assert!(d.text.starts_with(hello), "{}", d.text);
                assert!(
                    favour::check_for(&d.text, Purpose::Reconnect.occasion()).is_empty(),
                    "{}",
                    d.text
                );
            }
        }
    }
}
