//! Common ground between the user and a person: the employers and schools they shared (the same
//! organisation under different spellings, or one company page), whether their time there
//! overlapped and by how many months or how far apart it was, the same city, which names on the
//! page are the user's own contacts and which contacts work with the person now, and what
//! changed on their profile since the user's last visit.
//!
//! Pure: Me, the Profile and the indexed contacts in, an [`Annotation`] out; "today" is a
//! parameter. How well the user knows each mutual connection comes from `relationship.rs`
//! ([`weigh_mutuals`]); two spellings of one organisation are one (`names::org_key`).

use serde::{Deserialize, Serialize};

use crate::calendar::{month_of, month_of_day, Day, Month};
use crate::model::{fold, Profile};
use crate::names::org_key;
use crate::people::{Activity, Known, People};
use crate::relationship::{relationship, Kept, Ledger, Relationship, Strength, Tie};
use crate::rhythm::{in_force, Rule};

/// Everything the user and the person share.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub shared_employers: Vec<Shared>,
    pub shared_schools: Vec<Shared>,
    /// Their city when it is the user's too.
    pub same_city: Option<String>,
    /// Mutual connections: the names the page shows, then contacts who work with the person
    /// now; strongest tie first once weighed ([`weigh_mutuals`]).
    pub mutuals: Vec<Mutual>,
    /// How many mutual connections the page says there are (it names only a few).
    pub mutual_count: u32,
    /// The name of the mutual connection the user knows best, when they know them well enough
    /// to ask for an introduction.
    pub best_introducer: Option<String>,
    /// The user's own history with the person (see `relationship.rs`).
    pub relationship: Option<Relationship>,
    /// What changed on their profile since the user's previous visit.
    pub changes: Vec<Change>,
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
    /// The place, when both say where they worked there and it is the same city.
    #[serde(default)]
    pub location: Option<String>,
}

/// Someone both know: a name the page shows among the mutual connections, or one of the user's
/// contacts who works with the person now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mutual {
    pub name: String,
    /// The contact id, when the name is one of the user's contacts.
    pub contact: Option<String>,
    /// Not named on the page but a contact of the user's at this organisation, where the person
    /// works now too.
    #[serde(default)]
    pub colleague_at: Option<String>,
    /// How well the user knows them.
    #[serde(default)]
    pub tie: Option<Tie>,
}

/// At most this many colleagues are listed (the most written-to first), so that a visit to
/// someone at a large employer stays quick and readable.
pub const COLLEAGUES_LISTED: usize = 12;

/// The common ground between `me` and `them`, as of the month `today`, with `people` the user's
/// contacts.
pub fn common_ground(me: &Profile, them: &Profile, people: &People, today: Month) -> Annotation {
    Annotation {
        shared_employers: shared(&jobs(me, today), &jobs(them, today)),
        shared_schools: shared(&schools(me), &schools(them)),
        same_city: same_city(me.location.as_deref(), them.location.as_deref()),
        mutual_count: them.mutuals.count.max(them.mutuals.names.len() as u32),
        mutuals: mutuals(them, people),
        ..Annotation::default()
    }
}

/// The people both know: each name the page shows (matched to a contact when one has that
/// name), then up to [`COLLEAGUES_LISTED`] contacts who work where the person works now, the
/// most written-to first.
pub fn mutuals(them: &Profile, people: &People) -> Vec<Mutual> {
    let themselves = contact_of(people, them).map(|k| k.contact.id.clone());
    let mut mutuals: Vec<Mutual> = them
        .mutuals
        .names
        .iter()
        .map(|name| Mutual {
            name: name.clone(),
            contact: people.named(name).next().map(|k| k.contact.id.clone()),
            colleague_at: None,
            tie: None,
        })
        .collect();
    // Contacts at the organisations where the person works now were there at the same time.
    let messages = |k: &Known| i64::from(k.conversation.as_ref().map_or(0, |c| c.messages));
    let mut colleagues: Vec<(&Known, &str)> = Vec::new();
    let mut orgs_seen: Vec<String> = Vec::new();
    for position in them.positions.iter().filter(|p| p.current) {
        let org = org_key(&position.org);
        if orgs_seen.contains(&org) {
            continue;
        }
        for known in people.at_org(&org) {
            let id = &known.contact.id;
            let named = mutuals.iter().any(|m| m.contact.as_ref() == Some(id));
            if !named && themselves.as_ref() != Some(id) {
                keep_best(
                    &mut colleagues,
                    (known, &position.org),
                    |(k, _)| messages(k),
                    COLLEAGUES_LISTED,
                );
            }
        }
        orgs_seen.push(org);
    }
    mutuals.extend(colleagues.into_iter().map(|(k, org)| Mutual {
        name: k.contact.name(),
        contact: Some(k.contact.id.clone()),
        colleague_at: Some(org.to_owned()),
        tie: None,
    }));
    mutuals
}

/// The contacts an annotation of `them` can involve: the person themselves and the people both
/// know ([`mutuals`]), in the order `people` holds them. Annotating with only these gives the
/// same result as with all of `people`; the service worker sends just these to the page that
/// annotates.
pub fn involved(them: &Profile, people: &People) -> Vec<Known> {
    let ids = contact_of(people, them)
        .map(|k| k.contact.id.clone())
        .into_iter()
        .chain(mutuals(them, people).into_iter().filter_map(|m| m.contact));
    people.subset(ids)
}

/// The whole annotation of a visit to `them`: [`common_ground`] with `me` (when the user is
/// known) completed by [`finish`].
pub fn annotate(
    me: Option<&Profile>,
    them: &Profile,
    previous: Option<&Profile>,
    people: &People,
    kept: &[(String, Kept)],
    rules: &[Rule],
    today: Day,
) -> Annotation {
    let nobody = Profile::named(them.site, String::new(), String::new(), String::new());
    let mut annotation = common_ground(me.unwrap_or(&nobody), them, people, month_of_day(today));
    finish(&mut annotation, them, previous, people, kept, rules, today);
    annotation
}

/// Completes the annotation from [`common_ground`]: how well the user knows each mutual
/// connection, the relationship with the person themselves, and what changed since
/// `previous` (their profile as the user's previous visit read it). `kept` holds what the store
/// keeps under the person's key and the contact ids involved (see [`involved`]).
pub fn finish(
    annotation: &mut Annotation,
    them: &Profile,
    previous: Option<&Profile>,
    people: &People,
    kept: &[(String, Kept)],
    rules: &[Rule],
    today: Day,
) {
    // A short list (the person and their mutual connections): looked through, not hashed.
    let kept_for = |id: &str| kept.iter().find(|(k, _)| k == id).map(|(_, kept)| kept);
    weigh_mutuals(
        annotation,
        |id| Ledger::of(people.get(id), kept_for(id)),
        today,
    );
    let known = contact_of(people, them);
    let mut own = kept_for(them.key().as_str()).cloned().unwrap_or_default();
    // A contact filed under another id than the person's key has more kept under that id.
    let other_id = known
        .map(|k| k.contact.id.as_str())
        .filter(|id| *id != them.key().as_str());
    if let Some(also) = other_id.and_then(kept_for) {
        own.merge(also);
    }
    let from_contact = Ledger::of(known, None);
    // The tags on their notes and on the contact choose a tag's rhythm.
    let own_tags: Vec<String> = own
        .notes
        .iter()
        .flat_map(|n| n.tags.iter())
        .chain(known.iter().flat_map(|k| k.by_user.tags.iter()))
        .cloned()
        .collect();
    let ledger = Ledger {
        invitations: &own.invitations,
        activity: Activity::of(&own.notes, &own.interactions),
        rhythm: in_force(own.marks.as_ref(), &own_tags, rules).or(from_contact.rhythm.clone()),
        ..from_contact
    };
    annotation.relationship = (!ledger.is_empty()).then(|| relationship(&ledger, today));
    annotation.changes = previous.map(|p| changes(p, them)).unwrap_or_default();
}

/// The person on the page among the user's contacts: by profile address, else by name (and
/// their current company, when the name alone is not enough).
pub fn contact_of<'a>(people: &'a People, them: &Profile) -> Option<&'a Known> {
    if let Some(known) = people.get(them.key().as_str()) {
        return Some(known);
    }
    let mut named = people.named(&them.name).peekable();
    let first = named.next()?;
    if named.peek().is_none() {
        return Some(first);
    }
    let now: Vec<String> = them
        .positions
        .iter()
        .filter(|p| p.current)
        .map(|p| org_key(&p.org))
        .collect();
    std::iter::once(first).chain(named).find(|k| {
        k.contact
            .company
            .as_deref()
            .is_some_and(|c| now.contains(&org_key(c)))
    })
}

/// Places `item` in `best` (highest `rank` first, equal ranks in arrival order), keeping at most
/// `limit`: the top few of thousands of colleagues without sorting them all.
fn keep_best<T>(best: &mut Vec<T>, item: T, rank: impl Fn(&T) -> i64, limit: usize) {
    let r = rank(&item);
    let at = best.partition_point(|x| rank(x) >= r);
    if at < limit {
        best.insert(at, item);
        best.truncate(limit);
    }
}

/// The tie strength a mutual connection needs to be suggested as the one to introduce you.
const INTRODUCER_SCORE: u32 = 25;

/// Weighs each mutual connection by the user's history with them (`ledger_of` gives it by
/// contact id), puts the strongest first and names the best one to be introduced by.
pub fn weigh_mutuals<'a>(
    annotation: &mut Annotation,
    ledger_of: impl Fn(&str) -> Ledger<'a>,
    today: Day,
) {
    for mutual in &mut annotation.mutuals {
        mutual.tie = mutual
            .contact
            .as_deref()
            .map(|id| crate::relationship::tie(&ledger_of(id), today));
    }
    let score = |m: &Mutual| m.tie.as_ref().map_or(-1, |t| i64::from(t.score));
    let mut ranked = Vec::with_capacity(annotation.mutuals.len());
    for mutual in std::mem::take(&mut annotation.mutuals) {
        let limit = ranked.len() + 1;
        keep_best(&mut ranked, mutual, score, limit);
    }
    annotation.mutuals = ranked;
    annotation.best_introducer = annotation
        .mutuals
        .iter()
        .find(|m| {
            m.tie
                .as_ref()
                .is_some_and(|t| t.score >= INTRODUCER_SCORE && t.strength != Strength::Dormant)
        })
        .map(|m| m.name.clone());
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
        .map(|x| Stint {
            name: &x.org,
            key: org_key(&x.org),
            url: x.org_url.as_deref(),
            place: x.location.as_deref(),
            period: period(&x.start, &x.end, x.current, today),
        })
        .collect()
}

fn schools(p: &Profile) -> Vec<Stint<'_>> {
    p.education
        .iter()
        .map(|x| Stint {
            name: &x.school,
            key: org_key(&x.school),
            url: None,
            place: None,
            period: period(&x.start, &x.end, false, 0),
        })
        .collect()
}

/// A time at one organisation: its name as written, its [`org_key`], its page on the site, where
/// it was, and its months if known.
struct Stint<'a> {
    name: &'a str,
    key: String,
    url: Option<&'a str>,
    place: Option<&'a str>,
    period: Option<(Month, Month)>,
}

impl Stint<'_> {
    /// One organisation: the same key, or the same company page however it is spelt.
    fn same_org(&self, other: &Stint) -> bool {
        (!self.key.is_empty() && self.key == other.key)
            || self.url.is_some_and(|u| other.url == Some(u))
    }
}

/// The organisations in `theirs` that are also in `mine`, once each, in their order, with every
/// period either side had there.
fn shared(mine: &[Stint], theirs: &[Stint]) -> Vec<Shared> {
    let mut out: Vec<Shared> = Vec::new();
    let mut done: Vec<&Stint> = Vec::new();
    for theirs_at in theirs {
        if done.iter().any(|d| d.same_org(theirs_at)) {
            continue;
        }
        let mine_there: Vec<&Stint> = mine.iter().filter(|m| m.same_org(theirs_at)).collect();
        if mine_there.is_empty() {
            continue;
        }
        done.push(theirs_at);
        let theirs_there: Vec<&Stint> = theirs.iter().filter(|t| t.same_org(theirs_at)).collect();
        let periods =
            |stints: &[&Stint]| stints.iter().filter_map(|s| s.period).collect::<Vec<_>>();
        let mut relation = relate(
            theirs_at.name,
            &periods(&mine_there),
            &periods(&theirs_there),
        );
        relation.location = theirs_there
            .iter()
            .find_map(|t| mine_there.iter().find_map(|m| same_city(m.place, t.place)));
        out.push(relation);
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
        location: None,
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
    let written = theirs.split(',').next().unwrap_or(theirs).trim();
    let written = written.strip_prefix("Greater ").unwrap_or(written);
    let written = written.strip_suffix(" Area").unwrap_or(written);
    (!a.is_empty() && a == b).then(|| written.to_owned())
}

/// Something on the person's profile that is new since the user's previous visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A current position that was not on the profile before.
    NewPosition {
        org: String,
        title: Option<String>,
    },
    Headline {
        from: String,
        to: String,
    },
    /// They moved to another city.
    Moved {
        from: String,
        to: String,
    },
}

/// What changed from the reading `before` (the previous visit) to `now`.
pub fn changes(before: &Profile, now: &Profile) -> Vec<Change> {
    let mut out = Vec::new();
    let role = |org: &str, title: Option<&str>| (org_key(org), fold(title.unwrap_or_default()));
    let known: Vec<_> = before
        .positions
        .iter()
        .map(|p| role(&p.org, p.title.as_deref()))
        .collect();
    for p in now.positions.iter().filter(|p| p.current) {
        if !known.contains(&role(&p.org, p.title.as_deref())) {
            out.push(Change::NewPosition {
                org: p.org.clone(),
                title: p.title.clone(),
            });
        }
    }
    if let (Some(from), Some(to)) = (&before.headline, &now.headline) {
        if fold(from) != fold(to) {
            out.push(Change::Headline {
                from: from.clone(),
                to: to.clone(),
            });
        }
    }
    if let (Some(from), Some(to)) = (&before.location, &now.location) {
        if same_city(Some(from), Some(to)).is_none() {
            out.push(Change::Moved {
                from: from.clone(),
                to: to.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::day_of;
    use crate::model::{Contact, Conversation, Education, Mutuals, Position, Site};
    use crate::people::tests::contact;
    use crate::people::ContactByUser;

    fn people(contacts: Vec<Contact>, conversations: Vec<Conversation>) -> People {
        People::new(
            contacts.into_iter().map(|c| (c, ContactByUser::default())),
            conversations,
        )
    }

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
            &People::default(),
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
        let contacts = people(
            vec![contact("linkedin:zoe", "Zoe", "Anna de Boer", None)],
            vec![],
        );
        let a = common_ground(&me, &them, &contacts, month_of("2026-11", false).unwrap());
        assert_eq!(a.shared_schools[0].overlap_months, 24);
        assert_eq!(a.same_city.as_deref(), Some("Utrecht"));
        assert_eq!(a.mutuals[0].contact.as_deref(), Some("linkedin:zoe"));
        assert_eq!(a.mutuals[1].contact, None);
    }

    #[test]
    fn one_company_page_is_one_employer_however_it_is_spelt_and_places_are_compared() {
        let mut mine = at("Initech", Some("2018-01"), Some("2020-12"), false);
        mine.org_url = Some("https://www.linkedin.com/company/42/".into());
        mine.location = Some("Amsterdam, North Holland, Netherlands".into());
        let mut theirs = at("Initech Nederland", Some("2020-01"), None, true);
        theirs.org_url = mine.org_url.clone();
        theirs.location = Some("Amsterdam Area".into());
        let s = shared(vec![mine], vec![theirs]);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].org, "Initech Nederland");
        assert_eq!(s[0].overlap_months, 12);
        assert_eq!(s[0].location.as_deref(), Some("Amsterdam"));
        // Different pages with different names are different organisations.
        let mut other = at("Initrode", Some("2020-01"), None, true);
        other.org_url = Some("https://www.linkedin.com/company/43/".into());
        assert!(shared(vec![at("Initech", None, None, true)], vec![other]).is_empty());
    }

    #[test]
    fn colleagues_among_contacts_are_mutuals_and_the_best_introducer_is_the_closest() {
        let me = person(vec![], vec![], None);
        let mut them = person(
            vec![at("Acme B.V.", Some("2022-01"), None, true)],
            vec![],
            None,
        );
        them.name = "Jo Visser".into();
        them.mutuals = Mutuals {
            names: vec!["Kim Kok".into(), "Lee Smit".into()],
            count: 9,
        };
        let talked = |id: &str, messages: u32, last: &str| Conversation {
            person: id.into(),
            name: String::new(),
            messages,
            sent: messages / 2,
            received: messages - messages / 2,
            first: None,
            last: Some(last.into()),
        };
        let contacts = people(
            vec![
                contact("k", "Kim", "Kok", Some("Elsewhere")),
                contact("l", "Lee", "Smit", None),
                contact("a1", "Ann", "Aa", Some("ACME")),
                contact("a2", "Bob", "Bb", Some("Acme Inc.")),
                contact("jo", "Jo", "Visser", Some("Acme")),
                contact("k2", "Kim", "Kok", Some("Acme")),
            ],
            vec![
                talked("k", 2, "2026-10-01"),
                talked("l", 10, "2026-11-01"),
                talked("a2", 60, "2026-11-10"),
            ],
        );
        let mut a = common_ground(&me, &them, &contacts, month_of("2026-11", false).unwrap());
        assert_eq!(a.mutual_count, 9);
        let names: Vec<(&str, Option<&str>)> = a
            .mutuals
            .iter()
            .map(|m| (m.name.as_str(), m.colleague_at.as_deref()))
            .collect();
        // Jo is the person themselves; the second Kim Kok is a colleague of theirs.
        assert_eq!(
            names,
            [
                ("Kim Kok", None),
                ("Lee Smit", None),
                ("Bob Bb", Some("Acme B.V.")),
                ("Ann Aa", Some("Acme B.V.")),
                ("Kim Kok", Some("Acme B.V.")),
            ]
        );
        let conversations: std::collections::HashMap<&str, &Conversation> = ["k", "l", "a2"]
            .iter()
            .map(|id| {
                (
                    *id,
                    contacts.get(id).unwrap().conversation.as_ref().unwrap(),
                )
            })
            .collect();
        weigh_mutuals(
            &mut a,
            |id| Ledger {
                conversation: conversations.get(id).copied(),
                ..Ledger::default()
            },
            day_of("2026-11-22").unwrap(),
        );
        // The page that annotates gets only the contacts involved, and must come to the same.
        let few = People::of(involved(&them, &contacts));
        assert_eq!(few.len(), 6, "Jo themselves, two named, three colleagues");
        let today = day_of("2026-11-22").unwrap();
        assert_eq!(
            annotate(Some(&me), &them, None, &few, &[], &[], today),
            annotate(Some(&me), &them, None, &contacts, &[], &[], today)
        );
        let order: Vec<&str> = a
            .mutuals
            .iter()
            .map(|m| m.contact.as_deref().unwrap())
            .collect();
        assert_eq!(order, ["a2", "l", "k", "a1", "k2"]);
        assert_eq!(a.best_introducer.as_deref(), Some("Bob Bb"));
        assert_eq!(a.mutuals[3].tie.as_ref().unwrap().strength, Strength::None);
    }

    #[test]
    fn of_many_colleagues_the_most_written_to_are_listed_and_sent() {
        let mut them = person(vec![at("Acme", Some("2020-01"), None, true)], vec![], None);
        them.name = "Jo Visser".into();
        let ids: Vec<String> = (0..40).map(|i| format!("c{i}")).collect();
        let contacts = people(
            ids.iter()
                .map(|id| contact(id, "Colleague", id, Some("Acme")))
                .collect(),
            ids.iter()
                .enumerate()
                .map(|(i, id)| Conversation {
                    person: id.clone(),
                    name: String::new(),
                    messages: (i % 13) as u32,
                    sent: 1,
                    received: 1,
                    first: None,
                    last: Some("2026-01-01".into()),
                })
                .collect(),
        );
        let listed: Vec<String> = mutuals(&them, &contacts)
            .into_iter()
            .filter_map(|m| m.contact)
            .collect();
        // 12 messages: c12, c25, c38; 11: c11, c24, c37; … in the order the index holds them.
        assert_eq!(listed.len(), COLLEAGUES_LISTED);
        assert_eq!(listed[..4], ["c12", "c25", "c38", "c11"]);
        let few = People::of(involved(&them, &contacts));
        assert_eq!(few.len(), COLLEAGUES_LISTED);
        let today = day_of("2026-11-22").unwrap();
        let me = person(vec![at("Acme", Some("2019-01"), None, true)], vec![], None);
        assert_eq!(
            annotate(Some(&me), &them, None, &few, &[], &[], today),
            annotate(Some(&me), &them, None, &contacts, &[], &[], today)
        );
    }

    #[test]
    fn what_changed_since_the_last_visit() {
        let mut before = person(
            vec![at("Acme", Some("2020-01"), None, true)],
            vec![],
            Some("Utrecht, Netherlands"),
        );
        before.headline = Some("Engineer at Acme".into());
        assert!(changes(&before, &before).is_empty());
        let mut now = before.clone();
        now.positions[0].current = false;
        now.positions
            .insert(0, at("Globex", Some("2026-10"), None, true));
        now.headline = Some("Lead at Globex".into());
        now.location = Some("Rotterdam, South Holland, Netherlands".into());
        assert_eq!(
            changes(&before, &now),
            [
                Change::NewPosition {
                    org: "Globex".into(),
                    title: None
                },
                Change::Headline {
                    from: "Engineer at Acme".into(),
                    to: "Lead at Globex".into()
                },
                Change::Moved {
                    from: "Utrecht, Netherlands".into(),
                    to: "Rotterdam, South Holland, Netherlands".into()
                },
            ]
        );
        // The same city written differently is not a move; a recased headline is not news.
        let mut same = before.clone();
        same.location = Some("Utrecht Area".into());
        same.headline = Some("engineer at ACME".into());
        assert!(changes(&before, &same).is_empty());
    }

    #[test]
    fn a_key_person_without_history_is_coming_due_on_a_four_to_six_week_rhythm() {
        let them = person(vec![], vec![], None);
        let kept = vec![(
            them.key().as_str().to_owned(),
            Kept {
                marks: Some(crate::model::Marks {
                    person: them.key().as_str().to_owned(),
                    key: true,
                    ..Default::default()
                }),
                ..Kept::default()
            },
        )];
        let today = day_of("2026-11-22").unwrap();
        let a = annotate(None, &them, None, &People::default(), &kept, &[], today);
        let keep = a
            .relationship
            .expect("a rhythm is a relationship")
            .keep_in_touch;
        assert_eq!(
            (keep.rhythm_days, keep.latest_days, keep.due_in_days),
            (Some(28), Some(42), Some(0))
        );
        assert_eq!(keep.standing, Some(crate::rhythm::Standing::ComingDue));
        // A rule for a tag on their notes applies when they have no rhythm of their own.
        let mut tagged = kept.clone();
        tagged[0].1.marks = None;
        tagged[0].1.notes.push(crate::model::Note {
            tags: vec!["mentor".into()],
            ..crate::model::Note::new(them.key(), "Reviews my talks".into(), 0.0)
        });
        let rules = crate::rhythm::parse_rules("#mentor: every 2 to 3 weeks").unwrap();
        let a = annotate(
            None,
            &them,
            None,
            &People::default(),
            &tagged,
            &rules,
            today,
        );
        let keep = a.relationship.expect("a rule is a rhythm").keep_in_touch;
        assert_eq!((keep.rhythm_days, keep.latest_days), (Some(14), Some(21)));
        assert_eq!(
            keep.origin,
            Some(crate::rhythm::Origin::Tag("mentor".into()))
        );
    }
}
