//! The user's network as a whole, for the side panel and the toolbar badge: who is due for a
//! word (their keep-in-touch rhythm has run out), which close ties have gone quiet and are worth
//! reviving, and how many relationships are active against the roughly 150 a person can keep
//! up (see `../shared/seeds/`).
//!
//! Pure: the contact index, what the user marked, and "today" in; an [`Overview`] out.

use serde::{Deserialize, Serialize};

use crate::calendar::Day;
use crate::model::Marks;
use crate::people::People;
use crate::relationship::{last_contact, relationship, tie, Ledger, Strength};

/// About how many relationships a person can keep up.
pub const ACTIVE_LIMIT: u32 = 150;

/// At most this many dormant ties are listed, the closest first.
pub const DORMANT_LISTED: usize = 25;

/// One person in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Their key or contact id.
    pub person: String,
    pub name: String,
    /// Their profile's address, when known.
    #[serde(default)]
    pub url: Option<String>,
    /// Days since the last contact of any kind.
    #[serde(default)]
    pub days_since: Option<u32>,
    /// Days until the next contact is due; zero or less is due.
    #[serde(default)]
    pub due_in_days: Option<i64>,
    pub strength: Strength,
    pub key: bool,
    #[serde(default)]
    pub goals: Vec<String>,
}

/// The network at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// People whose rhythm has run out, the most overdue first.
    pub due: Vec<Entry>,
    /// Close ties silent for a year or more, the closest first.
    pub dormant: Vec<Entry>,
    /// Everyone the user marked (key, rhythm or goals), by name.
    pub marked: Vec<Entry>,
    /// Relationships with contact in the last year.
    pub active: u32,
}

/// The overview of `people` with the user's `marks`, as of `today`.
pub fn overview(people: &People, marks: &[Marks], today: Day) -> Overview {
    let (due, marked) = marked(people, marks, today);
    let mut out = Overview {
        due,
        marked,
        ..Overview::default()
    };
    let mut dormant = Vec::new();
    for known in people.iter() {
        let ledger = Ledger::of(Some(known), None);
        let t = tie(&ledger, today);
        let recent = within_a_year(&ledger, today);
        if recent && t.strength != Strength::Connected {
            out.active += 1;
        }
        if t.strength == Strength::Dormant {
            dormant.push((t.score, known));
        }
    }
    out.active += people
        .others()
        .filter(|(_, activity)| {
            let ledger = Ledger {
                activity: **activity,
                ..Ledger::default()
            };
            within_a_year(&ledger, today)
        })
        .count() as u32;
    dormant.sort_by_key(|d| std::cmp::Reverse(d.0));
    out.dormant = dormant
        .into_iter()
        .take(DORMANT_LISTED)
        .map(|(_, known)| {
            let r = relationship(&Ledger::of(Some(known), None), today);
            let mark = marks.iter().find(|m| m.person == known.contact.id);
            Entry {
                person: known.contact.id.clone(),
                name: known.contact.name(),
                url: known.contact.url.as_deref().and_then(profile_link),
                days_since: r.last_interaction.map(|l| l.days_ago),
                due_in_days: None,
                strength: Strength::Dormant,
                key: mark.is_some_and(|m| m.key),
                goals: mark.map(|m| m.goals.clone()).unwrap_or_default(),
            }
        })
        .collect();
    out
}

/// How many people are due: what the toolbar badge shows. Reads only the marked people, not the
/// whole network, since it runs after every change that can move it.
pub fn due_count(people: &People, marks: &[Marks], today: Day) -> usize {
    marked(people, marks, today).0.len()
}

/// The people the user marked, as entries: those due (the most overdue first), and all of them
/// (by name).
fn marked(people: &People, marks: &[Marks], today: Day) -> (Vec<Entry>, Vec<Entry>) {
    let mut due = Vec::new();
    let mut all = Vec::new();
    for m in marks {
        let known = people.get(&m.person);
        let ledger = Ledger {
            rhythm_days: m.rhythm(),
            activity: people.activity_of(&m.person),
            ..Ledger::of(known, None)
        };
        let r = relationship(&ledger, today);
        let entry = Entry {
            person: m.person.clone(),
            name: known.map_or_else(|| m.name.clone(), |k| k.contact.name()),
            url: known.and_then(|k| k.contact.url.as_deref().and_then(profile_link)),
            days_since: r.last_interaction.as_ref().map(|l| l.days_ago),
            due_in_days: r.keep_in_touch.due_in_days,
            strength: r.tie.strength,
            key: m.key,
            goals: m.goals.clone(),
        };
        if r.keep_in_touch.is_due() {
            due.push(entry.clone());
        }
        all.push(entry);
    }
    due.sort_by_key(|e| e.due_in_days);
    all.sort_by_key(|e| e.name.to_lowercase());
    (due, all)
}

/// Whether the last contact of any kind in `ledger` was within the last year.
fn within_a_year(ledger: &Ledger, today: Day) -> bool {
    last_contact(ledger).is_some_and(|(day, _)| today - day <= 365)
}

/// A contact's address as a link the lists may show: `https:` to LinkedIn or GitHub only. An
/// imported or restored address is data from a file; `http:`, `javascript:` or another site
/// would open what the user did not ask for.
pub fn profile_link(url: &str) -> Option<String> {
    let rest = url.trim().strip_prefix("https://")?;
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let ours = ["linkedin.com", "github.com"]
        .iter()
        .any(|site| host == *site || host.ends_with(&format!(".{site}")));
    let clean = !url
        .trim()
        .chars()
        .any(|c| c.is_whitespace() || c.is_control());
    (ours && clean).then(|| url.trim().to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_https_profile_addresses_become_links() {
        use super::profile_link;
        assert_eq!(
            profile_link("https://www.linkedin.com/in/ada").as_deref(),
            Some("https://www.linkedin.com/in/ada")
        );
        assert!(profile_link("https://nl.linkedin.com/in/ada").is_some());
        assert!(profile_link("https://github.com/ada").is_some());
        for bad in [
            "http://www.linkedin.com/in/ada",
            "javascript:alert(1)",
            "https://linkedin.com.evil.example/in/ada",
            "https://evil.example/?https://www.linkedin.com",
            "https://www.linkedin.com/in/a\nb",
            "",
        ] {
            assert_eq!(profile_link(bad), None, "{bad}");
        }
    }

    use super::*;
    use crate::calendar::day_of;
    use crate::model::{Conversation, Note, PersonKey, Site};
    use crate::people::tests::contact;
    use crate::people::ContactByUser;

    fn talked(id: &str, messages: u32, last: &str) -> Conversation {
        Conversation {
            person: id.into(),
            name: String::new(),
            messages,
            sent: messages / 2,
            received: messages - messages / 2,
            first: Some("2015-01-01".into()),
            last: Some(last.into()),
        }
    }

    #[test]
    fn due_dormant_and_active() {
        let today = day_of("2026-11-22").unwrap();
        let mut people = People::new(
            [
                contact("linkedin:ada", "Ada", "Lovelace", None),
                contact("linkedin:bob", "Bob", "Old", None),
                contact("linkedin:cy", "Cy", "Fresh", None),
                contact("linkedin:dee", "Dee", "Never", None),
            ]
            .map(|c| (c, ContactByUser::default())),
            [
                talked("linkedin:ada", 4, "2026-09-01"),
                talked("linkedin:bob", 60, "2022-03-01"),
                talked("linkedin:cy", 10, "2026-11-20"),
            ],
        );
        // A note about someone who is not a contact counts as activity too.
        let stranger = PersonKey::new(Site::Github, "zed");
        people.count_note(&Note::new(
            stranger.clone(),
            "met at the meetup".into(),
            86_400_000.0 * f64::from(today as i32 - 3),
        ));
        let marks = [
            Marks {
                person: "linkedin:ada".into(),
                key: true,
                ..Marks::default()
            },
            Marks {
                person: "linkedin:cy".into(),
                rhythm_days: Some(28),
                goals: vec!["new_job".into()],
                ..Marks::default()
            },
            Marks {
                person: "linkedin:dee".into(),
                name: "Dee Never".into(),
                key: true,
                ..Marks::default()
            },
        ];
        let o = overview(&people, &marks, today);
        // Ada: key (six weeks), last written 82 days ago; Dee: key, never in touch. Cy: 2 days.
        let due: Vec<(&str, Option<i64>)> = o
            .due
            .iter()
            .map(|e| (e.name.as_str(), e.due_in_days))
            .collect();
        assert_eq!(due, [("Ada Lovelace", Some(-40)), ("Dee Never", Some(0))]);
        assert_eq!(due_count(&people, &marks, today), 2);
        assert_eq!(o.marked.len(), 3);
        assert_eq!(o.marked[1].goals, ["new_job"]);
        // Bob: 60 messages, silent since March 2022.
        assert_eq!(o.dormant.len(), 1);
        assert_eq!(o.dormant[0].name, "Bob Old");
        assert_eq!(o.dormant[0].days_since, Some(1727));
        // Active in the last year: Ada, Cy, and the stranger with a note.
        assert_eq!(o.active, 3);
    }
}
