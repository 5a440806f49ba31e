//! The true things a draft may say, strongest first, each with where it came from: met in person
//! (a note or a logged meeting) > a shared employer with overlap > a shared school > a close
//! mutual connection > the same city or field > their current role or headline.
//!
//! Nothing here is invented: every value is a piece of the user's own data or of the person's
//! profile, cleaned of control and invisible characters.

use std::sync::OnceLock;

use regex_lite::Regex;
use serde::{Deserialize, Serialize};

use crate::calendar::{date_of, day_of_ms};
use crate::history::{Annotation, Change, Shared};
use crate::model::{fold, Interaction, InteractionKind, Note, Profile};
use crate::relationship::Strength;
pub use crate::rhythm::says_met;

/// What kind of thing a fact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// The user met them in person.
    Met,
    SharedEmployer,
    SharedSchool,
    /// Someone both know well enough to name.
    Mutual,
    SameCity,
    SameField,
    /// Their current position.
    Role,
    Headline,
    /// A current role that is new since the user's last visit.
    NewRole,
    /// How long since the user and they were last in touch.
    LastContact,
    /// What the user gave: a link or topic to share, or what they thank them for.
    Given,
}

/// One true thing a draft uses: `value` is the words it puts in the text, `source` says where
/// they come from (in words: `describe::fact_source`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub kind: FactKind,
    pub value: String,
    pub source: Source,
    /// Details the wording needs beyond `value` (a place of meeting, whether times overlapped).
    #[serde(skip)]
    pub(super) detail: Detail,
}

impl Fact {
    /// A fact with nothing more for the wording than its value.
    pub fn new(kind: FactKind, value: impl Into<String>, source: Source) -> Fact {
        fact(kind, value.into(), source)
    }
}

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Source {
    /// Their profile: a current position new since the user's last visit.
    NewRole,
    /// Their profile: the current position.
    Role,
    /// Their profile: the headline.
    Headline,
    /// Their profile and the user's: an employer (or, with `school`, a school) both had, with
    /// the months they were there at the same time; `apart` when they were not.
    Shared {
        school: bool,
        overlap_months: u32,
        apart: bool,
    },
    /// Their location and the user's: both in `city`.
    SameCity { city: String },
    /// Their profile names them as a mutual connection; the user's tie with them.
    Mutual { strength: Strength },
    /// Their headline or title and the user's: both in a field (its name in English and Dutch).
    SameField { en: String, nl: String },
    /// The user's history: the last contact (`relationship::last_contact`'s word) on `date`.
    LastContact { what: String, date: String },
    /// The user's log: they met on `date` (`YYYY-MM-DD`).
    MetLogged { date: String },
    /// The user's note of `date` that says they met.
    MetNote { date: String },
    /// What the user gave to share.
    Given,
    /// What the user thanks them for.
    Thanked,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) enum Detail {
    #[default]
    None,
    /// Shared organisation: together at the same time, for this many months (0: unknown).
    Overlap(u32),
    /// Shared organisation, at different times.
    Apart,
    /// Role: the organisation, when `value` is a title.
    At(String),
    /// Met: where, in the note's own words, and the article the note put before it ("the",
    /// "de"), which the wording says in its own language.
    Place {
        article: Option<String>,
        place: String,
    },
}

/// Everything a draft needs to know, from the overlay's data or `cg draft`'s files.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub me: Option<&'a Profile>,
    pub them: &'a Profile,
    pub annotation: &'a Annotation,
    pub notes: &'a [Note],
    pub interactions: &'a [Interaction],
}

/// The facts about the person that can open a connection request, strongest first.
pub fn facts(ctx: &Context) -> Vec<Fact> {
    let a = ctx.annotation;
    let mut out = Vec::new();
    out.extend(met_fact(ctx));
    let (together, apart): (Vec<&Shared>, Vec<&Shared>) = a
        .shared_employers
        .iter()
        .partition(|s| s.overlap_months > 0);
    out.extend(together.iter().map(|s| shared(FactKind::SharedEmployer, s)));
    out.extend(
        a.shared_schools
            .iter()
            .map(|s| shared(FactKind::SharedSchool, s)),
    );
    out.extend(apart.iter().map(|s| shared(FactKind::SharedEmployer, s)));
    out.extend(close_mutual(a));
    if let Some(city) = a.same_city.as_deref().map(clean).filter(|c| !c.is_empty()) {
        out.push(fact(
            FactKind::SameCity,
            city.clone(),
            Source::SameCity { city: city.clone() },
        ));
    }
    if let Some(me) = ctx.me {
        out.extend(same_field(me, ctx.them));
    }
    out.extend(role_or_headline(ctx.them));
    out
}

/// A new current role since the user's last visit: what a congratulation is about.
pub fn new_role(a: &Annotation) -> Option<Fact> {
    a.changes.iter().find_map(|c| match c {
        Change::NewPosition { org, title } => {
            let org = clean(org);
            let title = title.as_deref().map(clean).filter(|t| !t.is_empty());
            (!org.is_empty()).then(|| Fact {
                kind: FactKind::NewRole,
                value: title.clone().unwrap_or_else(|| org.clone()),
                source: Source::NewRole,
                detail: title.map_or(Detail::None, |_| Detail::At(org)),
            })
        }
        _ => None,
    })
}

/// How long the user and the person have not been in touch, when it is a year or more, or the
/// tie has gone dormant.
pub fn last_contact(a: &Annotation) -> Option<Fact> {
    let r = a.relationship.as_ref()?;
    let last = r.last_interaction.as_ref()?;
    let dormant = r.tie.strength == Strength::Dormant;
    if !dormant && last.days_ago < 365 {
        return None;
    }
    let years = (last.days_ago / 365).max(1);
    Some(Fact {
        kind: FactKind::LastContact,
        value: years.to_string(),
        source: Source::LastContact {
            what: last.what.clone(),
            date: last.date.clone(),
        },
        detail: Detail::None,
    })
}

/// The person's current role (title at organisation), else their headline.
pub fn role_or_headline(them: &Profile) -> Option<Fact> {
    if let Some(p) = them.positions.iter().find(|p| p.current) {
        let org = clean(&p.org);
        let title = p.title.as_deref().map(clean).filter(|t| !t.is_empty());
        if !org.is_empty() {
            return Some(Fact {
                kind: FactKind::Role,
                value: title.clone().unwrap_or_else(|| org.clone()),
                source: Source::Role,
                detail: title.map_or(Detail::None, |_| Detail::At(org)),
            });
        }
    }
    let headline = clean(them.headline.as_deref()?);
    (!headline.is_empty()).then(|| fact(FactKind::Headline, headline, Source::Headline))
}

fn fact(kind: FactKind, value: String, source: Source) -> Fact {
    Fact {
        kind,
        value,
        source,
        detail: Detail::None,
    }
}

fn shared(kind: FactKind, s: &Shared) -> Fact {
    Fact {
        kind,
        value: clean(&s.org),
        source: Source::Shared {
            school: kind == FactKind::SharedSchool,
            overlap_months: s.overlap_months,
            apart: s.overlap_months == 0 && s.gap_months.is_some(),
        },
        detail: if s.overlap_months == 0 && s.gap_months.is_some() {
            Detail::Apart
        } else {
            Detail::Overlap(s.overlap_months)
        },
    }
}

/// A mutual connection the page names and the user knows well (close or good).
fn close_mutual(a: &Annotation) -> Option<Fact> {
    a.mutuals
        .iter()
        .filter(|m| m.colleague_at.is_none())
        .find(|m| {
            m.tie
                .as_ref()
                .is_some_and(|t| matches!(t.strength, Strength::Close | Strength::Good))
        })
        .and_then(|m| {
            let name = clean(&m.name);
            let strength = m.tie.as_ref().map(|t| t.strength)?;
            (!name.is_empty()).then(|| fact(FactKind::Mutual, name, Source::Mutual { strength }))
        })
}

/// Fields of work, as words a headline or title uses, with their names in English and Dutch.
const FIELDS: &[(&[&str], &str, &str)] = &[
    (&["data", "analytics", "analyst"], "Data", "Data"),
    (
        &["design", "designer", "ux", "ontwerp", "ontwerper"],
        "Design",
        "Design",
    ),
    (
        &["software", "developer", "ontwikkelaar", "programmer"],
        "Software",
        "Software",
    ),
    (
        &["marketing", "marketeer", "marketer"],
        "Marketing",
        "Marketing",
    ),
    (
        &["security", "beveiliging", "cybersecurity"],
        "Security",
        "Security",
    ),
    (
        &["research", "researcher", "onderzoek", "onderzoeker"],
        "Research",
        "Onderzoek",
    ),
    (&["recruiter", "recruitment", "hr"], "HR", "HR"),
    (
        &["finance", "financial", "financieel", "controller"],
        "Finance",
        "Finance",
    ),
    (
        &[
            "sustainability",
            "duurzaamheid",
            "duurzaam",
            "climate",
            "klimaat",
        ],
        "Sustainability",
        "Duurzaamheid",
    ),
    (
        &["education", "teacher", "onderwijs", "docent", "leraar"],
        "Education",
        "Onderwijs",
    ),
    (
        &["healthcare", "zorg", "verpleegkundige"],
        "Healthcare",
        "De zorg",
    ),
    (&["energy", "energie"], "Energy", "Energie"),
    (&["ai", "ml"], "AI", "AI"),
    (
        &["legal", "lawyer", "jurist", "advocaat"],
        "Law",
        "Het recht",
    ),
];

/// The field of work both name in their headline or current titles. The fact's value is the
/// English name; the wording picks the Dutch one from [`field_name`].
fn same_field(me: &Profile, them: &Profile) -> Option<Fact> {
    let words = |p: &Profile| -> Vec<String> {
        let mut text = p.headline.clone().unwrap_or_default();
        for position in p.positions.iter().filter(|p| p.current) {
            text.push(' ');
            text.push_str(position.title.as_deref().unwrap_or_default());
        }
        fold(&text).split(' ').map(str::to_owned).collect()
    };
    let (mine, theirs) = (words(me), words(them));
    let has = |words: &[String], keys: &[&str]| words.iter().any(|w| keys.contains(&w.as_str()));
    let (_, en, _) = FIELDS
        .iter()
        .find(|(keys, _, _)| has(&mine, keys) && has(&theirs, keys))?;
    Some(fact(
        FactKind::SameField,
        (*en).to_owned(),
        Source::SameField {
            en: en.to_lowercase(),
            nl: field_name(en, true).to_lowercase(),
        },
    ))
}

/// The Dutch name of a field whose English name is `en`.
pub(super) fn field_name(en: &str, nl: bool) -> String {
    FIELDS
        .iter()
        .find(|(_, e, _)| *e == en)
        .map_or(en, |(_, e, n)| if nl { n } else { e })
        .to_owned()
}

/// That the user met them: the latest logged meeting, else the latest note that says so.
pub fn met_fact(ctx: &Context) -> Option<Fact> {
    let logged = ctx
        .interactions
        .iter()
        .filter(|i| i.kind == InteractionKind::Met)
        .max_by(|a, b| a.at.total_cmp(&b.at));
    if let Some(i) = logged {
        let date = date_of(day_of_ms(i.at));
        return Some(with_place(place_in(&i.text), Source::MetLogged { date }));
    }
    let note = ctx
        .notes
        .iter()
        .filter(|n| says_met(&n.text))
        .max_by(|a, b| a.created.total_cmp(&b.created))?;
    let date = date_of(day_of_ms(note.created));
    Some(with_place(place_in(&note.text), Source::MetNote { date }))
}

fn with_place(place: Option<(Option<String>, String)>, source: Source) -> Fact {
    match place {
        Some((article, place)) => Fact {
            kind: FactKind::Met,
            value: place.clone(),
            source,
            detail: Detail::Place { article, place },
        },
        None => fact(FactKind::Met, String::new(), source),
    }
}

fn regex(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// Where a note says they met: the words after "at", "during", "op", "bij" or "tijdens" up to
/// the end of the phrase, and the article before them.
fn place_in(text: &str) -> Option<(Option<String>, String)> {
    static PLACE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = regex(
        &PLACE,
        r"(?i)\b(met|spoke|talked|chatted|ontmoet|gesproken|leren kennen)\b[^.!?\n]{0,24}?\b(at|during|op|bij|tijdens)\s+((the|a|an|de|het|een)\s+)?([^.,;:!?\n()]{2,60})",
    )?;
    let caps = re.captures(text)?;
    let article = caps.get(4).map(|a| a.as_str().to_owned());
    let words: Vec<&str> = caps.get(5)?.as_str().split_whitespace().take(6).collect();
    // A trailing verb or conjunction is not part of the place ("op de meetup en …").
    let stop = [
        "and", "en", "where", "waar", "who", "die", "with", "met", "we", "i", "ik",
    ];
    let end = words
        .iter()
        .position(|w| stop.contains(&w.to_lowercase().as_str()))
        .unwrap_or(words.len());
    let place = clean(&words[..end].join(" "));
    (place.chars().count() >= 2).then_some((article, place))
}

/// Text fit to put in a message: control and invisible formatting characters (zero-width,
/// bidirectional overrides) removed, runs of white space made one space.
pub fn clean(text: &str) -> String {
    let visible: String = text
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
        })
        .collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_that_say_they_met() {
        for yes in [
            "Met at the Open Data meetup, works on footpaths",
            "We spoke at DataDay Utrecht about open data",
            "Ontmoet op de Open Data meetup",
            "Vorige week gesproken tijdens het congres",
        ] {
            assert!(says_met(yes), "{yes}");
        }
        for no in [
            "Want to meet her at the conference",
            "Haven't met yet; Lotte knows her",
            "Gesprek met Jan over data", // Dutch "met" is "with"
            "Nog niet ontmoet",
        ] {
            assert!(!says_met(no), "{no}");
        }
    }

    #[test]
    fn the_place_of_meeting_in_its_own_words() {
        assert_eq!(
            place_in("Met at the Open Data meetup, works on footpaths"),
            Some((Some("the".into()), "Open Data meetup".into()))
        );
        assert_eq!(
            place_in("Ontmoet op de Open Data meetup en daarna koffie"),
            Some((Some("de".into()), "Open Data meetup".into()))
        );
        assert_eq!(place_in("We met. Nice person"), None);
    }

    #[test]
    fn cleaning_removes_what_cannot_be_seen() {
        assert_eq!(
            clean("Sanne\u{200B} de\u{202E} Vries\n\t"),
            "Sanne de Vries"
        );
    }
}
