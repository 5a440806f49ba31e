//! The user's network as a whole, for the side panel and the toolbar badge: who is coming due
//! for a word and who is overdue (their keep-in-touch rhythm, `rhythm`), which dormant ties
//! are worth reviving (`revive`), and how many relationships are active against the roughly 150
//! a person can keep up (see `../shared/seeds/`).
//!
//! Pure: the contact index, what the user marked, the tag rules, who the user is and "today"
//! in; an [`Overview`] out.

use serde::{Deserialize, Serialize};

use crate::calendar::Day;
use crate::model::{Marks, Profile};
pub use crate::names::profile_link;
use crate::people::People;
use crate::relationship::{keep_in_touch, last_contact, relationship, Ledger, Strength};
use crate::revive::{revivals, Revival};
use crate::rhythm::{in_force, Origin, Rule, Standing};

/// About how many relationships a person can keep up.
pub const ACTIVE_LIMIT: u32 = 150;

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
    /// Days until the ideal interval is reached; zero or less is due.
    #[serde(default)]
    pub due_in_days: Option<i64>,
    /// Days until the latest interval has passed; below zero is overdue.
    #[serde(default)]
    pub late_in_days: Option<i64>,
    #[serde(default)]
    pub standing: Option<Standing>,
    /// Where their rhythm comes from.
    #[serde(default)]
    pub origin: Option<Origin>,
    pub strength: Strength,
    pub key: bool,
    #[serde(default)]
    pub goals: Vec<String>,
}

/// The network at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// Past the latest interval of their rhythm, the most overdue first.
    pub overdue: Vec<Entry>,
    /// Between the ideal and the latest interval, the nearest to late first.
    pub coming_due: Vec<Entry>,
    /// Dormant ties worth reviving, the most valuable first.
    pub revive: Vec<Revival>,
    /// Everyone the user marked or a tag rule applies to, by name.
    pub marked: Vec<Entry>,
    /// Relationships with contact in the last year.
    pub active: u32,
}

/// How many people are overdue and coming due: what the toolbar badge shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueCounts {
    pub overdue: u32,
    pub coming_due: u32,
}

/// The overview of `people` with the user's `marks` and tag `rules`, as of `today`.
pub fn overview(
    people: &People,
    marks: &[Marks],
    rules: &[Rule],
    me: Option<&Profile>,
    today: Day,
) -> Overview {
    let kept = kept_in_touch(people, marks, rules, today);
    let mut out = Overview {
        revive: revivals(people, me, marks, today),
        ..Overview::default()
    };
    for entry in &kept {
        match entry.standing {
            Some(Standing::Overdue) => out.overdue.push(entry.clone()),
            Some(Standing::ComingDue) => out.coming_due.push(entry.clone()),
            _ => {}
        }
    }
    out.overdue.sort_by_key(|e| e.late_in_days);
    out.coming_due.sort_by_key(|e| e.late_in_days);
    out.marked = kept;
    out.marked.sort_by_key(|e| e.name.to_lowercase());
    for known in people.iter() {
        let ledger = Ledger::of(Some(known), None);
        if within_a_year(&ledger, today)
            && relationship(&ledger, today).tie.strength != Strength::Connected
        {
            out.active += 1;
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
    out
}

/// How many people are overdue and coming due. Reads only the marked and tagged people, not the
/// whole network, since it runs after every change that can move it.
pub fn due_counts(people: &People, marks: &[Marks], rules: &[Rule], today: Day) -> DueCounts {
    let mut counts = DueCounts::default();
    for entry in kept_in_touch(people, marks, rules, today) {
        match entry.standing {
            Some(Standing::Overdue) => counts.overdue += 1,
            Some(Standing::ComingDue) => counts.coming_due += 1,
            _ => {}
        }
    }
    counts
}

/// Everyone the user marked, and everyone a tag rule applies to, as entries with where they
/// stand in their rhythm.
fn kept_in_touch(people: &People, marks: &[Marks], rules: &[Rule], today: Day) -> Vec<Entry> {
    let mut ids: Vec<&str> = marks.iter().map(|m| m.person.as_str()).collect();
    if !rules.is_empty() {
        ids.extend(
            people
                .tagged()
                .filter(|(_, tags)| tags.iter().any(|t| rules.iter().any(|r| r.tag == *t)))
                .map(|(id, _)| id),
        );
    }
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|id| {
            let mark = marks.iter().find(|m| m.person == id);
            let known = people.get(id);
            let ledger = Ledger {
                rhythm: in_force(mark, people.tags_of(id), rules),
                activity: people.activity_of(id),
                ..Ledger::of(known, None)
            };
            let r = relationship(&ledger, today);
            let k = keep_in_touch(&ledger, today);
            let name = known
                .map(|k| k.contact.name())
                .or_else(|| mark.map(|m| m.name.clone()).filter(|n| !n.is_empty()))
                .unwrap_or_else(|| id.split_once(':').map_or(id, |(_, h)| h).to_owned());
            Entry {
                person: id.to_owned(),
                name,
                url: known.and_then(|k| k.contact.url.as_deref().and_then(profile_link)),
                days_since: r.last_interaction.as_ref().map(|l| l.days_ago),
                due_in_days: k.due_in_days,
                late_in_days: k.late_in_days,
                standing: k.standing,
                origin: k.origin,
                strength: r.tie.strength,
                key: mark.is_some_and(|m| m.key),
                goals: mark.map(|m| m.goals.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// Whether the last contact of any kind in `ledger` was within the last year.
fn within_a_year(ledger: &Ledger, today: Day) -> bool {
    last_contact(ledger).is_some_and(|(day, _)| today - day <= 365)
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
    fn overdue_coming_due_tagged_revive_and_active() {
        let today = day_of("2026-11-22").unwrap();
        let mut people = People::new(
            [
                contact("linkedin:ada", "Ada", "Lovelace", None),
                contact("linkedin:bob", "Bob", "Old", Some("Mollie")),
                contact("linkedin:cy", "Cy", "Fresh", None),
                contact("linkedin:dee", "Dee", "Never", None),
                contact("linkedin:eve", "Eve", "Mentor", None),
            ]
            .map(|c| (c, ContactByUser::default())),
            [
                talked("linkedin:ada", 4, "2026-09-01"),
                talked("linkedin:bob", 60, "2022-03-01"),
                talked("linkedin:cy", 10, "2026-11-20"),
                talked("linkedin:eve", 6, "2026-10-15"),
            ],
        );
        // A note about someone who is not a contact counts as activity too.
        let stranger = PersonKey::new(Site::Github, "zed");
        people.count_note(&Note::new(
            stranger.clone(),
            "met at the meetup".into(),
            86_400_000.0 * f64::from(today as i32 - 3),
        ));
        // Eve's note is tagged #mentor, and a rule keeps mentors every 4 to 6 weeks.
        people.count_note(&Note {
            tags: vec!["Mentor".into()],
            ..Note::new(
                PersonKey::new(Site::Linkedin, "eve"),
                "Reviews my talks".into(),
                86_400_000.0 * f64::from(today as i32 - 200),
            )
        });
        let rules = crate::rhythm::parse_rules("#mentor: every 4 to 6 weeks").unwrap();
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
        let o = overview(&people, &marks, &rules, None, today);
        let names = |entries: &[Entry]| -> Vec<(String, Option<i64>)> {
            entries
                .iter()
                .map(|e| (e.name.clone(), e.late_in_days))
                .collect()
        };
        // Ada: key (four to six weeks), last written 82 days ago: overdue by 40 days.
        assert_eq!(names(&o.overdue), [("Ada Lovelace".into(), Some(-40))]);
        // Eve: #mentor, 38 days since October 15: coming due; Dee, key, never in touch: due now.
        assert_eq!(
            names(&o.coming_due),
            [
                ("Eve Mentor".into(), Some(4)),
                ("Dee Never".into(), Some(14))
            ]
        );
        assert_eq!(o.coming_due[0].origin, Some(Origin::Tag("mentor".into())));
        assert_eq!(
            due_counts(&people, &marks, &rules, today),
            DueCounts {
                overdue: 1,
                coming_due: 2
            }
        );
        // Without the rule Eve is not kept in touch with.
        assert_eq!(due_counts(&people, &marks, &[], today).coming_due, 1);
        assert_eq!(o.marked.len(), 4);
        assert_eq!(o.marked[1].goals, ["new_job"]);
        // Bob: 60 messages, silent since March 2022.
        assert_eq!(o.revive.len(), 1);
        assert_eq!(o.revive[0].name, "Bob Old");
        assert_eq!(o.revive[0].days_since, 1727);
        // Active in the last year: Ada, Cy, Eve, and the stranger with a note.
        assert_eq!(o.active, 4);
    }
}
