//! How an [`Annotation`] reads: the one line the collapsed overlay shows ("2 shared employers ·
//! 3 mutual · last spoke 8 months ago") and the phrases of the expanded view and side panel.
//!
//! Pure text from plain data, so that the wording is tested natively and the overlay only places
//! it. English for now; every phrase is built here, in one place, for when Dutch arrives.
//!
//! ```
//! use common_ground::describe::duration;
//! assert_eq!(duration(61), "5 years 1 month");
//! ```

use crate::history::{Annotation, Change, Mutual, Shared};
use crate::relationship::{ago, Relationship, Strength};

/// "1 month", "11 months", "2 years", "5 years 1 month".
pub fn duration(months: u32) -> String {
    let plural = |n: u32, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match (months / 12, months % 12) {
        (0, m) => plural(m, "month"),
        (y, 0) => plural(y, "year"),
        (y, m) => format!("{} {}", plural(y, "year"), plural(m, "month")),
    }
}

/// "1 note", "3 notes".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The collapsed overlay's one line. `me_known` and `contacts` choose the empty state's advice.
pub fn summary_line(a: &Annotation, me_known: bool, contacts: u32) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !a.changes.is_empty() {
        parts.push(match &a.changes[0] {
            Change::NewPosition { .. } => "new role".to_owned(),
            Change::Headline { .. } => "new headline".to_owned(),
            Change::Moved { .. } => "moved".to_owned(),
        });
    }
    if !a.shared_employers.is_empty() {
        parts.push(count(
            a.shared_employers.len(),
            "shared employer",
            "shared employers",
        ));
    }
    if !a.shared_schools.is_empty() {
        parts.push(count(
            a.shared_schools.len(),
            "shared school",
            "shared schools",
        ));
    }
    // The page's count of mutual connections, then the user's contacts who work with them.
    let named = a
        .mutuals
        .iter()
        .filter(|m| m.colleague_at.is_none())
        .count();
    let mutual = (a.mutual_count as usize).max(named);
    if mutual > 0 {
        parts.push(format!("{mutual} mutual"));
    }
    let colleagues = a.mutuals.len() - named;
    if colleagues > 0 {
        parts.push(count(
            colleagues,
            "contact works with them",
            "contacts work with them",
        ));
    }
    if let Some(r) = &a.relationship {
        if let Some(last) = &r.last_interaction {
            let verb = if last.what == "note" {
                "last note"
            } else {
                "last spoke"
            };
            parts.push(format!("{verb} {}", ago(last.days_ago)));
        }
        if r.keep_in_touch.is_due() {
            parts.push("time to get in touch".to_owned());
        }
    }
    if a.same_city.is_some() && parts.len() < 2 {
        parts.push("same city".to_owned());
    }
    if !me_known {
        // What the page alone shows, and what to do to see more.
        parts.push("import your LinkedIn export to see shared history".to_owned());
        let line = parts.join(" · ");
        let mut chars = line.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    if parts.is_empty() {
        return if contacts == 0 {
            "Nothing shared found · import your connections to see who you both know".to_owned()
        } else {
            "No shared employers, schools or connections found".to_owned()
        };
    }
    parts.join(" · ")
}

/// How the times at a shared organisation relate: "together 5 years 1 month", "you left 2 years
/// before they joined", with the shared place when there is one.
pub fn shared_phrase(s: &Shared) -> String {
    let when = if s.overlap_months > 0 {
        format!("together {}", duration(s.overlap_months))
    } else {
        match (s.gap_months, s.first.as_deref()) {
            (Some(0), Some("you")) => "you left as they joined".to_owned(),
            (Some(0), _) => "they left as you joined".to_owned(),
            (Some(gap), Some("you")) => format!("you left {} before they joined", duration(gap)),
            (Some(gap), _) => format!("they left {} before you joined", duration(gap)),
            (None, _) => "both there; the dates do not say when".to_owned(),
        }
    };
    match &s.location {
        Some(place) => format!("{when} · in {place}"),
        None => when,
    }
}

/// A mutual connection and how well the user knows them.
pub fn mutual_phrase(m: &Mutual) -> String {
    let how = match (&m.contact, &m.tie) {
        (None, _) => "not among your imported contacts".to_owned(),
        (Some(_), Some(tie)) => match (tie.strength, &tie.last) {
            (Strength::Connected | Strength::None, _) | (_, None) => {
                tie.strength.label().to_owned()
            }
            (strength, Some(last)) => {
                format!("{} · last contact {}", strength.label(), month_year(last))
            }
        },
        (Some(_), None) => "a contact".to_owned(),
    };
    match &m.colleague_at {
        Some(org) => format!("works at {org} · {how}"),
        None => how,
    }
}

/// A change since the last visit, as a sentence.
pub fn change_phrase(change: &Change) -> String {
    match change {
        Change::NewPosition {
            org,
            title: Some(title),
        } => format!("New role: {title} at {org}"),
        Change::NewPosition { org, title: None } => format!("New role at {org}"),
        Change::Headline { to, .. } => format!("New headline: {to}"),
        Change::Moved { from, to } => format!("Moved from {from} to {to}"),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "2019-03-04" → "Mar 2019"; anything else as it is.
pub fn month_year(date: &str) -> String {
    let mut parts = date.split('-');
    let year = parts.next().unwrap_or_default();
    match parts.next().and_then(|m| m.parse::<usize>().ok()) {
        Some(m @ 1..=12) => format!("{} {year}", MONTHS[m - 1]),
        _ => date.to_owned(),
    }
}

/// The relationship, one line per fact: since when, the last contact, how much history, the
/// give/ask balance and the keep-in-touch rhythm.
pub fn relationship_lines(r: &Relationship) -> Vec<String> {
    let mut lines = Vec::new();
    match &r.connected_on {
        Some(date) => lines.push(format!("Connected since {}", month_year(date))),
        None if r.contact.is_some() => lines.push("Connected".to_owned()),
        None => lines.push("Not among your imported connections".to_owned()),
    }
    if let Some(last) = &r.last_interaction {
        lines.push(format!(
            "Last contact: {}, {}",
            last.what,
            ago(last.days_ago)
        ));
    }
    let mut history = Vec::new();
    if r.messages > 0 {
        history.push(count(r.messages as usize, "message", "messages"));
    }
    if r.notes > 0 {
        history.push(count(r.notes as usize, "note", "notes"));
    }
    if !history.is_empty() {
        lines.push(format!(
            "{} · tie: {}",
            history.join(" · "),
            r.tie.strength.label()
        ));
    }
    lines.push(format!("You gave {}×, asked {}×", r.gave, r.asked));
    lines.push(
        match (r.keep_in_touch.rhythm_days, r.keep_in_touch.due_in_days) {
            (Some(days), Some(due)) => {
                let every = if days % 7 == 0 {
                    count((days / 7) as usize, "week", "weeks")
                } else {
                    count(days as usize, "day", "days")
                };
                let when = match due {
                    0 => "due today".to_owned(),
                    d if d < 0 => format!("{} overdue", count((-d) as usize, "day", "days")),
                    d => format!("next in {}", count(d as usize, "day", "days")),
                };
                format!("Keep in touch every {every}: {when}")
            }
            _ => "No keep-in-touch rhythm set".to_owned(),
        },
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relationship::{KeepInTouch, LastInteraction, Tie};

    fn shared(overlap: u32, gap: Option<u32>, first: Option<&str>) -> Shared {
        Shared {
            org: "Acme".into(),
            overlap_months: overlap,
            gap_months: gap,
            first: first.map(Into::into),
            location: None,
        }
    }

    #[test]
    fn durations_and_shared_times_read_naturally() {
        let cases = [
            (1, "1 month"),
            (11, "11 months"),
            (12, "1 year"),
            (24, "2 years"),
            (61, "5 years 1 month"),
            (26, "2 years 2 months"),
        ];
        for (months, want) in cases {
            assert_eq!(duration(months), want);
        }
        assert_eq!(
            shared_phrase(&shared(61, None, None)),
            "together 5 years 1 month"
        );
        assert_eq!(
            shared_phrase(&shared(0, Some(24), Some("you"))),
            "you left 2 years before they joined"
        );
        assert_eq!(
            shared_phrase(&shared(0, Some(3), Some("they"))),
            "they left 3 months before you joined"
        );
        assert_eq!(
            shared_phrase(&shared(0, None, None)),
            "both there; the dates do not say when"
        );
        let mut placed = shared(1, None, None);
        placed.location = Some("Utrecht".into());
        assert_eq!(shared_phrase(&placed), "together 1 month · in Utrecht");
    }

    fn relationship(days_ago: u32, due: Option<i64>) -> Relationship {
        Relationship {
            contact: Some("linkedin:a".into()),
            connected_on: Some("2019-03-04".into()),
            last_interaction: Some(LastInteraction {
                date: "2026-03-01".into(),
                days_ago,
                what: "message".into(),
            }),
            messages: 12,
            notes: 1,
            gave: 3,
            asked: 0,
            tie: Tie {
                score: 40,
                strength: Strength::Good,
                last: Some("2026-03-01".into()),
            },
            keep_in_touch: KeepInTouch {
                rhythm_days: due.map(|_| 42),
                due_in_days: due,
            },
        }
    }

    #[test]
    fn the_one_line_summary() {
        let mut a = Annotation {
            shared_employers: vec![shared(61, None, None), shared(34, None, None)],
            mutual_count: 3,
            relationship: Some(relationship(245, None)),
            ..Annotation::default()
        };
        assert_eq!(
            summary_line(&a, true, 10),
            "2 shared employers · 3 mutual · last spoke 8 months ago"
        );
        let colleague = Mutual {
            name: "Noor Visser".into(),
            contact: Some("linkedin:noor".into()),
            colleague_at: Some("Acme".into()),
            tie: None,
        };
        let with_colleagues = Annotation {
            mutuals: vec![colleague.clone(), colleague],
            ..a.clone()
        };
        assert_eq!(
            summary_line(&with_colleagues, true, 10),
            "2 shared employers · 3 mutual · 2 contacts work with them · last spoke 8 months ago"
        );
        a.relationship = Some(relationship(245, Some(-8)));
        a.changes = vec![Change::Headline {
            from: "a".into(),
            to: "b".into(),
        }];
        assert_eq!(
            summary_line(&a, true, 10),
            "new headline · 2 shared employers · 3 mutual · last spoke 8 months ago · time to get in touch"
        );
        let empty = Annotation::default();
        assert_eq!(
            summary_line(&empty, false, 0),
            "Import your LinkedIn export to see shared history"
        );
        let page_only = Annotation {
            mutual_count: 4,
            ..Annotation::default()
        };
        assert_eq!(
            summary_line(&page_only, false, 0),
            "4 mutual · import your LinkedIn export to see shared history"
        );
        assert!(summary_line(&empty, true, 0).contains("import your connections"));
        assert_eq!(
            summary_line(&empty, true, 500),
            "No shared employers, schools or connections found"
        );
    }

    #[test]
    fn the_relationship_in_lines() {
        assert_eq!(
            relationship_lines(&relationship(245, Some(-8))),
            [
                "Connected since Mar 2019",
                "Last contact: message, 8 months ago",
                "12 messages · 1 note · tie: good",
                "You gave 3×, asked 0×",
                "Keep in touch every 6 weeks: 8 days overdue",
            ]
        );
        assert_eq!(
            relationship_lines(&relationship(2, None))[4],
            "No keep-in-touch rhythm set"
        );
    }

    #[test]
    fn mutuals_and_changes() {
        let m = Mutual {
            name: "Lotte Jansen".into(),
            contact: Some("linkedin:lotte".into()),
            colleague_at: None,
            tie: Some(Tie {
                score: 60,
                strength: Strength::Close,
                last: Some("2026-10-02".into()),
            }),
        };
        assert_eq!(mutual_phrase(&m), "close · last contact Oct 2026");
        let stranger = Mutual {
            contact: None,
            tie: None,
            ..m.clone()
        };
        assert_eq!(mutual_phrase(&stranger), "not among your imported contacts");
        let colleague = Mutual {
            colleague_at: Some("Acme".into()),
            ..m
        };
        assert_eq!(
            mutual_phrase(&colleague),
            "works at Acme · close · last contact Oct 2026"
        );
        assert_eq!(
            change_phrase(&Change::NewPosition {
                org: "Globex".into(),
                title: Some("Lead".into())
            }),
            "New role: Lead at Globex"
        );
    }
}
