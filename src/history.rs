//! Common ground between the user and a person: the employers and schools they shared (the same
//! organisation under different spellings), whether their time there overlapped and by how many
//! months or how far apart it was, the same city, and which names on the page are the user's own
//! contacts.
//!
//! Pure: Me, the Profile and the contacts in, an [`Annotation`] out; "today" is a parameter.
//! The relationship side (tie strength, rhythm, give/ask) belongs to `relationship.rs`.
//!
//! ```
//! use common_ground::history::org_key;
//! assert_eq!(org_key("Acme, Inc."), org_key("ACME Inc (formerly Acme Widgets)"));
//! assert_eq!(org_key("Brug & Co B.V."), org_key("brug & co"));
//! ```

use serde::{Deserialize, Serialize};

use crate::model::{fold, Contact, Profile};

/// A month as a count since year 0: comparable, subtractable.
pub type Month = i32;

/// "2021-11" → that month; "2021" → January (as a start) or December (as an end).
pub fn month_of(date: &str, end: bool) -> Option<Month> {
    let mut parts = date.trim().split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: i32 = match parts.next() {
        Some(m) => m.parse().ok().filter(|m| (1..=12).contains(m))?,
        None if end => 12,
        None => 1,
    };
    Some(year * 12 + month - 1)
}

/// Legal forms and filler words that do not tell organisations apart.
const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "bv",
    "nv",
    "vof",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "srl",
    "spa",
    "pty",
    "ab",
    "oy",
    "as",
    "group",
    "the",
];

/// The key two spellings of one organisation share: folded, "(formerly …)" dropped, legal forms
/// and "the" dropped ("B.V." folds to "b v", which counts as "bv").
pub fn org_key(name: &str) -> String {
    let without_note = name.split('(').next().unwrap_or(name);
    let folded = fold(without_note);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // Dotted legal forms fold into single letters: "b v", "n v", "s a".
        if i + 1 < words.len() && words[i].len() == 1 && words[i + 1].len() == 1 {
            let joined = format!("{}{}", words[i], words[i + 1]);
            if SUFFIXES.contains(&joined.as_str()) {
                i += 2;
                continue;
            }
        }
        // A legal form counts only after the name ("Company Inc" keeps "company"); "the" never.
        let filler = words[i] == "the" || (SUFFIXES.contains(&words[i]) && !kept.is_empty());
        if !filler {
            kept.push(words[i]);
        }
        i += 1;
    }
    if kept.is_empty() {
        return folded;
    }
    kept.join(" ")
}

/// Everything the user and the person share.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub shared_employers: Vec<Shared>,
    pub shared_schools: Vec<Shared>,
    /// Their city when it is the user's too.
    pub same_city: Option<String>,
    pub mutuals: Vec<Mutual>,
}

/// An organisation both were at, and how their times there relate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    /// The name as the person's profile writes it.
    pub org: String,
    /// Months both were there (0 when their times did not meet, or dates are missing).
    pub overlap_months: u32,
    /// When their times did not meet: how many months lay between them.
    pub gap_months: Option<u32>,
    /// Who was there first when the times did not meet: `you` or `they`.
    pub first: Option<String>,
}

/// A name the page shows among the mutual connections, and the user's contact it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mutual {
    pub name: String,
    /// The contact id, when the name is one of the user's contacts.
    pub contact: Option<String>,
}

/// The common ground between `me` and `them`, as of the month `today`.
pub fn common_ground(
    me: &Profile,
    them: &Profile,
    contacts: &[Contact],
    today: Month,
) -> Annotation {
    let mut annotation = Annotation {
        shared_employers: shared(&jobs(me, today), &jobs(them, today)),
        shared_schools: shared(&schools(me), &schools(them)),
        ..Annotation::default()
    };
    annotation.same_city = same_city(me.location.as_deref(), them.location.as_deref());
    annotation.mutuals = them
        .mutuals
        .names
        .iter()
        .map(|name| Mutual {
            name: name.clone(),
            contact: contacts
                .iter()
                .find(|c| same_person(&c.name(), name))
                .map(|c| c.id.clone()),
        })
        .collect();
    annotation
}

/// The months from `start` to `end` (or to `today` while `current`). Bad data, an end before the
/// start, is read as a single month at the start.
fn period(
    start: &Option<String>,
    end: &Option<String>,
    current: bool,
    today: Month,
) -> Option<(Month, Month)> {
    let start = start.as_deref().and_then(|s| month_of(s, false));
    let end = match end.as_deref() {
        Some(e) => month_of(e, true),
        None if current => Some(today),
        None => None,
    };
    match (start, end) {
        (Some(s), Some(e)) if e < s => Some((s, s)),
        (Some(s), Some(e)) => Some((s, e)),
        (Some(s), None) => Some((s, s)),
        _ => None,
    }
}

fn jobs(p: &Profile, today: Month) -> Vec<Stint<'_>> {
    p.positions
        .iter()
        .map(|x| stint(&x.org, period(&x.start, &x.end, x.current, today)))
        .collect()
}

fn schools(p: &Profile) -> Vec<Stint<'_>> {
    p.education
        .iter()
        .map(|x| stint(&x.school, period(&x.start, &x.end, false, 0)))
        .collect()
}

/// A time at one organisation: its name as written, its [`org_key`], and its months if known.
struct Stint<'a> {
    name: &'a str,
    key: String,
    period: Option<(Month, Month)>,
}

fn stint(name: &str, period: Option<(Month, Month)>) -> Stint<'_> {
    Stint {
        name,
        key: org_key(name),
        period,
    }
}

/// The organisations in `theirs` that are also in `mine`, once each, in their order, with every
/// period either side had there.
fn shared(mine: &[Stint], theirs: &[Stint]) -> Vec<Shared> {
    let periods = |stints: &[Stint], key: &str| -> Vec<(Month, Month)> {
        stints
            .iter()
            .filter(|s| s.key == key)
            .filter_map(|s| s.period)
            .collect()
    };
    let mut out: Vec<Shared> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for theirs_at in theirs {
        let key = theirs_at.key.as_str();
        if key.is_empty() || seen.contains(&key) || !mine.iter().any(|m| m.key == key) {
            continue;
        }
        seen.push(key);
        out.push(relate(
            theirs_at.name,
            &periods(mine, key),
            &periods(theirs, key),
        ));
    }
    out
}

/// How two sets of periods at one place relate: the months they overlapped, or the gap.
fn relate(org: &str, mine: &[(Month, Month)], theirs: &[(Month, Month)]) -> Shared {
    let mut overlap = 0;
    let mut nearest: Option<(u32, &str)> = None;
    for &(ms, me) in mine {
        for &(ts, te) in theirs {
            let months = me.min(te) - ms.max(ts) + 1;
            if months > 0 {
                overlap += months as u32;
            } else {
                let (gap, first) = if me < ts {
                    (ts - me - 1, "you")
                } else {
                    (ms - te - 1, "they")
                };
                let gap = gap.max(0) as u32;
                if nearest.is_none_or(|(g, _)| gap < g) {
                    nearest = Some((gap, first));
                }
            }
        }
    }
    Shared {
        org: org.to_owned(),
        overlap_months: overlap,
        gap_months: if overlap == 0 {
            nearest.map(|(g, _)| g)
        } else {
            None
        },
        first: if overlap == 0 {
            nearest.map(|(_, f)| f.to_owned())
        } else {
            None
        },
    }
}

/// "Utrecht, Utrecht, Netherlands" and "Utrecht Area" share "utrecht".
fn same_city(mine: Option<&str>, theirs: Option<&str>) -> Option<String> {
    let city = |place: &str| {
        fold(place.split(',').next().unwrap_or(place))
            .replace(" area", "")
            .replace("greater ", "")
    };
    let (mine, theirs) = (mine?, theirs?);
    let (a, b) = (city(mine), city(theirs));
    (!a.is_empty() && a == b).then(|| theirs.split(',').next().unwrap_or(theirs).trim().to_owned())
}

/// Names match when their folded first and last words do ("Zoë van der Berg-Jansen" and
/// "zoe berg-jansen"? no: the last word must agree), ignoring middle names and suffixes.
fn same_person(a: &str, b: &str) -> bool {
    let words = |n: &str| {
        fold(n)
            .split_whitespace()
            .filter(|w| {
                !matches!(
                    *w,
                    "jr" | "sr" | "ii" | "iii" | "phd" | "dr" | "mba" | "msc"
                )
            })
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let (a, b) = (words(a), words(b));
    match (a.first(), a.last(), b.first(), b.last()) {
        (Some(af), Some(al), Some(bf), Some(bl)) => af == bf && al == bl,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Education, Mutuals, Position, Site};

    fn at(org: &str, start: Option<&str>, end: Option<&str>, current: bool) -> Position {
        Position {
            start: start.map(Into::into),
            end: end.map(Into::into),
            current,
            ..Position::at(org.into(), current)
        }
    }

    fn person(positions: Vec<Position>, schools: Vec<Education>, city: Option<&str>) -> Profile {
        let mut p = Profile::named(Site::Linkedin, String::new(), "x".into(), "X".into());
        p.positions = positions;
        p.education = schools;
        p.location = city.map(Into::into);
        p
    }

    fn shared(me: Vec<Position>, them: Vec<Position>) -> Vec<Shared> {
        let today = month_of("2026-11", false).unwrap();
        common_ground(
            &person(me, vec![], None),
            &person(them, vec![], None),
            &[],
            today,
        )
        .shared_employers
    }

    #[test]
    fn overlaps_and_gaps_at_the_edges() {
        // Exactly one month: both there in March 2020.
        let s = shared(
            vec![at("Acme", Some("2019-01"), Some("2020-03"), false)],
            vec![at("ACME Inc.", Some("2020-03"), Some("2021-01"), false)],
        );
        assert_eq!((s[0].overlap_months, s[0].gap_months), (1, None));
        // Both current.
        let s = shared(
            vec![at("Acme", Some("2025-12"), None, true)],
            vec![at("Acme", Some("2026-01"), None, true)],
        );
        assert_eq!(s[0].overlap_months, 11);
        // Year-only dates: 2015–2016 and 2016–2018 share the year 2016.
        let s = shared(
            vec![at("Acme", Some("2015"), Some("2016"), false)],
            vec![at("Acme", Some("2016"), Some("2018"), false)],
        );
        assert_eq!(s[0].overlap_months, 12);
        // You left two years before they joined.
        let s = shared(
            vec![at("Acme", Some("2010-01"), Some("2012-06"), false)],
            vec![at("Acme Ltd", Some("2014-07"), None, true)],
        );
        assert_eq!(
            (s[0].overlap_months, s[0].gap_months, s[0].first.as_deref()),
            (0, Some(24), Some("you"))
        );
        // An end before a start in bad data does not panic or invent an overlap.
        let s = shared(
            vec![at("Acme", Some("2020-05"), Some("2019-01"), false)],
            vec![at("Acme", Some("2020-05"), Some("2020-06"), false)],
        );
        assert_eq!(s[0].overlap_months, 1);
        // No dates at all: shared, overlap unknown.
        let s = shared(
            vec![at("Acme", None, None, false)],
            vec![at("Acme", None, None, true)],
        );
        assert_eq!((s[0].overlap_months, s[0].gap_months), (0, None));
    }

    #[test]
    fn one_company_spelt_three_ways_is_one_shared_employer() {
        let s = shared(
            vec![at(
                "Brug & Co B.V.",
                Some("2018-01"),
                Some("2019-12"),
                false,
            )],
            vec![
                at("brug & co", Some("2019-06"), Some("2019-08"), false),
                at(
                    "Brug & Co (formerly Brug Advies)",
                    Some("2019-10"),
                    Some("2020-02"),
                    false,
                ),
                at("Globex", Some("2021-01"), None, true),
            ],
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].overlap_months, 3 + 3);
        assert_ne!(org_key("Acme"), org_key("Acme Bank"));
        assert_eq!(org_key("The Company"), "company");
    }

    #[test]
    fn schools_city_and_mutual_names() {
        let school = |s: &str, a: &str, b: &str| Education {
            start: Some(a.into()),
            end: Some(b.into()),
            ..Education::at(s.into())
        };
        let me = person(
            vec![],
            vec![school("Universiteit Utrecht", "2012", "2016")],
            Some("Utrecht, Netherlands"),
        );
        let mut them = person(
            vec![],
            vec![school("Universiteit Utrecht", "2015", "2017")],
            Some("Utrecht, Utrecht, Netherlands"),
        );
        them.mutuals = Mutuals {
            names: vec!["Zoë de Boer".into(), "Sam Stranger".into()],
            count: 3,
        };
        let contacts = [Contact {
            id: "linkedin:zoe".into(),
            first_name: "Zoe".into(),
            last_name: "Anna de Boer".into(),
            url: None,
            email: None,
            company: None,
            position: None,
            connected_on: None,
        }];
        let a = common_ground(&me, &them, &contacts, month_of("2026-11", false).unwrap());
        assert_eq!(a.shared_schools[0].overlap_months, 24);
        assert_eq!(a.same_city.as_deref(), Some("Utrecht"));
        assert_eq!(a.mutuals[0].contact.as_deref(), Some("linkedin:zoe"));
        assert_eq!(a.mutuals[1].contact, None);
    }
}
