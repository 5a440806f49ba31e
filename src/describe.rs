//! How an [`Annotation`] reads: the one line the collapsed overlay shows ("2 shared employers ·
//! 3 mutual · last spoke 8 months ago") and the phrases of the expanded view and side panel.
//!
//! Pure text from plain data, in the interface's language (a [`Book`]), so that the wording is
//! tested natively and the overlay only places it.
//!
//! ```
//! use common_ground::describe::change_phrase;
//! use common_ground::history::Change;
//! use common_ground::phrases::{book, Lang};
//! let moved = Change::Moved { from: "Delft".into(), to: "Utrecht".into() };
//! let nl = book(Lang::from_code("nl").unwrap());
//! assert_eq!(change_phrase(nl, &moved), "Verhuisd van Delft naar Utrecht");
//! ```

use crate::calendar::day_of;
use crate::draft::{Fact, FactKind, Source};
use crate::history::{Annotation, Change, Mutual, Shared};
use crate::model::{Goal, GoalKind};
use crate::phrases::Book;
use crate::relationship::{KeepInTouch, Relationship, Strength};
use crate::rhythm::{interval, Origin, Rhythm, Standing};

/// The collapsed overlay's one line. `me_known` and `contacts` choose the empty state's advice.
pub fn summary_line(t: &Book, a: &Annotation, me_known: bool, contacts: u32) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !a.changes.is_empty() {
        parts.push(
            t.text(match &a.changes[0] {
                Change::NewPosition { .. } => "summary.new_role",
                Change::Headline { .. } => "summary.new_headline",
                Change::Moved { .. } => "summary.moved",
            })
            .to_owned(),
        );
    }
    if !a.shared_employers.is_empty() {
        parts.push(t.count("summary.shared_employers", a.shared_employers.len() as u64));
    }
    if !a.shared_schools.is_empty() {
        parts.push(t.count("summary.shared_schools", a.shared_schools.len() as u64));
    }
    // The page's count of mutual connections, then the user's contacts who work with them.
    let named = a
        .mutuals
        .iter()
        .filter(|m| m.colleague_at.is_none())
        .count();
    let mutual = (a.mutual_count as usize).max(named);
    if mutual > 0 {
        parts.push(t.count("summary.mutual", mutual as u64));
    }
    let colleagues = a.mutuals.len() - named;
    if colleagues > 0 {
        parts.push(t.count("summary.colleagues", colleagues as u64));
    }
    if let Some(r) = &a.relationship {
        if let Some(last) = &r.last_interaction {
            let key = if last.what == "note" {
                "summary.last_note"
            } else {
                "summary.last_spoke"
            };
            parts.push(t.say(key, &[("ago", &t.ago(last.days_ago))]));
        }
        if r.keep_in_touch.is_due() {
            parts.push(t.text("summary.due").to_owned());
        }
    }
    if a.same_city.is_some() && parts.len() < 2 {
        parts.push(t.text("summary.same_city").to_owned());
    }
    if !me_known {
        // What the page alone shows, and what to do to see more.
        parts.push(t.text("summary.import").to_owned());
        let line = parts.join(" · ");
        let mut chars = line.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    if parts.is_empty() {
        return t
            .text(if contacts == 0 {
                "summary.nothing_no_contacts"
            } else {
                "summary.nothing"
            })
            .to_owned();
    }
    parts.join(" · ")
}

/// How the times at a shared organisation relate: "together 5 years 1 month", "you left 2 years
/// before they joined", with the shared place when there is one.
pub fn shared_phrase(t: &Book, s: &Shared) -> String {
    let when = if s.overlap_months > 0 {
        t.say(
            "shared.together",
            &[("duration", &t.duration(s.overlap_months))],
        )
    } else {
        let you_first = s.first.as_deref() == Some("you");
        match s.gap_months {
            Some(0) if you_first => t.text("shared.you_left_as_they_joined").to_owned(),
            Some(0) => t.text("shared.they_left_as_you_joined").to_owned(),
            Some(gap) => t.say(
                if you_first {
                    "shared.you_left_before"
                } else {
                    "shared.they_left_before"
                },
                &[("duration", &t.duration(gap))],
            ),
            None => t.text("shared.undated").to_owned(),
        }
    };
    match &s.location {
        Some(place) => t.say("shared.in_place", &[("when", &when), ("place", place)]),
        None => when,
    }
}

/// How a tie reads: "close", "dormant".
pub fn strength(t: &Book, s: Strength) -> &'static str {
    t.text(match s {
        Strength::Close => "strength.close",
        Strength::Good => "strength.good",
        Strength::Acquainted => "strength.acquainted",
        Strength::Dormant => "strength.dormant",
        Strength::Connected => "strength.connected",
        Strength::None => "strength.none",
    })
}

/// What the last contact was (`relationship::last_contact`'s words): "a message", "you met".
pub fn what(t: &Book, what: &str) -> &'static str {
    t.text(match what {
        "message" => "what.message",
        "note" => "what.note",
        "met" => "what.met",
        "messaged" => "what.messaged",
        "called" => "what.called",
        "introduced" => "what.introduced",
        "shared something" => "what.shared",
        "congratulated" => "what.congratulated",
        "asked" => "what.asked",
        _ => "what.other",
    })
}

/// A mutual connection and how well the user knows them.
pub fn mutual_phrase(t: &Book, m: &Mutual) -> String {
    let how = match (&m.contact, &m.tie) {
        (None, _) => t.text("mutual.not_a_contact").to_owned(),
        (Some(_), Some(tie)) => match (tie.strength, &tie.last) {
            (Strength::Connected | Strength::None, _) | (_, None) => {
                strength(t, tie.strength).to_owned()
            }
            (s, Some(last)) => t.say(
                "mutual.last_contact",
                &[
                    ("strength", strength(t, s)),
                    ("month", &t.month_year_of(last)),
                ],
            ),
        },
        (Some(_), None) => t.text("mutual.a_contact").to_owned(),
    };
    match &m.colleague_at {
        Some(org) => t.say("mutual.works_at", &[("org", org), ("how", &how)]),
        None => how,
    }
}

/// A change since the last visit, as a sentence.
pub fn change_phrase(t: &Book, change: &Change) -> String {
    match change {
        Change::NewPosition {
            org,
            title: Some(title),
        } => t.say("change.new_role_as", &[("title", title), ("org", org)]),
        Change::NewPosition { org, title: None } => t.say("change.new_role", &[("org", org)]),
        Change::Headline { to, .. } => t.say("change.headline", &[("to", to)]),
        Change::Moved { from, to } => t.say("change.moved", &[("from", from), ("to", to)]),
    }
}

/// A networking goal as the user named it: "A new job", "A new job: in data".
pub fn goal(t: &Book, goal: &Goal) -> String {
    let kind = t.text(match goal.kind {
        GoalKind::NewJob => "options.goal-new_job.label",
        GoalKind::BroaderKnowledge => "options.goal-broader_knowledge.label",
        GoalKind::NextStep => "options.goal-next_step.label",
        GoalKind::NewDirection => "options.goal-new_direction.label",
    });
    if goal.text.is_empty() {
        kind.to_owned()
    } else {
        t.say("goal.in_words", &[("goal", kind), ("text", &goal.text)])
    }
}

/// What a draft is built on, one line: "Veldwerk Analytics — their profile and yours:
/// experience (61 months at the same time)".
pub fn fact_line(t: &Book, fact: &Fact) -> String {
    let what = match (fact.kind, fact.value.is_empty()) {
        (FactKind::Met, true) => t.text("source.met_in_person"),
        _ => fact.value.as_str(),
    };
    t.say(
        "source.line",
        &[("what", what), ("source", &fact_source(t, &fact.source))],
    )
}

/// Where a draft's fact comes from.
pub fn fact_source(t: &Book, source: &Source) -> String {
    let date = |d: &str| day_of(d).map_or_else(|| d.to_owned(), |day| t.date(day));
    match source {
        Source::NewRole => t.text("source.new_role").to_owned(),
        Source::Role => t.text("source.role").to_owned(),
        Source::Headline => t.text("source.headline").to_owned(),
        Source::Shared {
            school,
            overlap_months,
            apart,
        } => {
            let when = match (overlap_months, apart) {
                (0, true) => t.text("source.apart").to_owned(),
                (0, false) => t.text("source.undated").to_owned(),
                (&months, _) => t.count("source.together", u64::from(months)),
            };
            t.say(
                if *school {
                    "source.shared_school"
                } else {
                    "source.shared_employer"
                },
                &[("when", &when)],
            )
        }
        Source::LastContact { what: w, date: d } => t.say(
            "source.last_contact",
            &[("what", what(t, w)), ("date", &date(d))],
        ),
        Source::MetLogged { date: d } => t.say("source.met_logged", &[("date", &date(d))]),
        Source::MetNote { date: d } => t.say("source.met_note", &[("date", &date(d))]),
        Source::SameCity { city } => t.say("source.same_city", &[("city", city)]),
        Source::Mutual { strength: s } => t.say("source.mutual", &[("strength", strength(t, *s))]),
        Source::SameField { en, nl } => t.say(
            "source.same_field",
            &[("field", if t.lang().code() == "nl" { nl } else { en })],
        ),
        Source::Given => t.text("source.given").to_owned(),
        Source::Thanked => t.text("source.thanked").to_owned(),
    }
}

/// "Keep in touch every 4 to 6 weeks: due, at the latest in 13 days", with the tag whose rule
/// it is ("(#mentor)"), or that no rhythm is set.
pub fn keep_in_touch_line(t: &Book, k: &KeepInTouch) -> String {
    let (Some(ideal), Some(standing)) = (k.rhythm_days, k.standing) else {
        return t.text("rhythm.none").to_owned();
    };
    let rhythm = Rhythm {
        ideal_days: ideal,
        latest_days: k.latest_days.unwrap_or(ideal).max(ideal),
    };
    let when = match (standing, k.late_in_days) {
        (Standing::Fine, _) => t.count("rhythm.next_in", k.due_in_days.unwrap_or(0).max(0) as u64),
        (Standing::ComingDue, Some(late)) if late > 0 => t.count("rhythm.coming_due", late as u64),
        (Standing::ComingDue, _) => t.text("rhythm.due_today").to_owned(),
        (Standing::Overdue, late) => t.count("rhythm.overdue", late.unwrap_or(-1).unsigned_abs()),
    };
    let every = match &k.origin {
        Some(Origin::Tag(tag)) => t.say(
            "rhythm.by_tag",
            &[("every", &interval(t, rhythm)), ("tag", tag)],
        ),
        _ => interval(t, rhythm),
    };
    t.say("rhythm.line", &[("every", &every), ("when", &when)])
}

/// The relationship, one line per fact: since when, the last contact, how much history, the
/// give/ask balance and the keep-in-touch rhythm.
pub fn relationship_lines(t: &Book, r: &Relationship) -> Vec<String> {
    let mut lines = Vec::new();
    match &r.connected_on {
        Some(date) => lines.push(t.say("relationship.since", &[("month", &t.month_year_of(date))])),
        None if r.contact.is_some() => lines.push(t.text("relationship.connected").to_owned()),
        None => lines.push(t.text("relationship.not_connected").to_owned()),
    }
    if let Some(last) = &r.last_interaction {
        lines.push(t.say(
            "relationship.last_contact",
            &[
                ("what", what(t, &last.what)),
                ("ago", &t.ago(last.days_ago)),
            ],
        ));
    }
    let mut history = Vec::new();
    if r.messages > 0 {
        history.push(t.count("relationship.messages", u64::from(r.messages)));
    }
    if r.notes > 0 {
        history.push(t.count("relationship.notes", u64::from(r.notes)));
    }
    if !history.is_empty() {
        lines.push(t.say(
            "relationship.history",
            &[
                ("history", &history.join(" · ")),
                ("strength", strength(t, r.tie.strength)),
            ],
        ));
    }
    lines.push(t.say(
        "relationship.balance",
        &[
            ("gave", &t.number(u64::from(r.gave))),
            ("asked", &t.number(u64::from(r.asked))),
        ],
    ));
    lines.push(keep_in_touch_line(t, &r.keep_in_touch));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::{book, Lang};
    use crate::relationship::{KeepInTouch, LastInteraction, Tie};
    use crate::rhythm::Standing;

    fn en() -> &'static Book {
        book(Lang::EN)
    }

    fn nl() -> &'static Book {
        book(Lang::from_code("nl").expect("a Dutch book"))
    }

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
            assert_eq!(en().duration(months), want);
        }
        assert_eq!(
            shared_phrase(en(), &shared(61, None, None)),
            "together 5 years 1 month"
        );
        assert_eq!(
            shared_phrase(en(), &shared(0, Some(24), Some("you"))),
            "you left 2 years before they joined"
        );
        assert_eq!(
            shared_phrase(en(), &shared(0, Some(3), Some("they"))),
            "they left 3 months before you joined"
        );
        assert_eq!(
            shared_phrase(en(), &shared(0, None, None)),
            "both there; the dates do not say when"
        );
        let mut placed = shared(1, None, None);
        placed.location = Some("Utrecht".into());
        assert_eq!(
            shared_phrase(en(), &placed),
            "together 1 month · in Utrecht"
        );
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
                latest_days: due.map(|_| 63),
                late_in_days: due.map(|d| d + 21),
                due_in_days: due,
                standing: due.map(|d| {
                    if d > 0 {
                        Standing::Fine
                    } else {
                        Standing::ComingDue
                    }
                }),
                ..KeepInTouch::default()
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
            summary_line(en(), &a, true, 10),
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
            summary_line(en(), &with_colleagues, true, 10),
            "2 shared employers · 3 mutual · 2 contacts work with them · last spoke 8 months ago"
        );
        a.relationship = Some(relationship(245, Some(-8)));
        a.changes = vec![Change::Headline {
            from: "a".into(),
            to: "b".into(),
        }];
        assert_eq!(
            summary_line(en(), &a, true, 10),
            "new headline · 2 shared employers · 3 mutual · last spoke 8 months ago · time to get in touch"
        );
        let empty = Annotation::default();
        assert_eq!(
            summary_line(en(), &empty, false, 0),
            "Import your LinkedIn export to see shared history"
        );
        let page_only = Annotation {
            mutual_count: 4,
            ..Annotation::default()
        };
        assert_eq!(
            summary_line(en(), &page_only, false, 0),
            "4 mutual · import your LinkedIn export to see shared history"
        );
        assert!(summary_line(en(), &empty, true, 0).contains("import your connections"));
        assert_eq!(
            summary_line(en(), &empty, true, 500),
            "No shared employers, schools or connections found"
        );
    }

    #[test]
    fn the_relationship_in_lines() {
        assert_eq!(
            relationship_lines(en(), &relationship(245, Some(-8))),
            [
                "Connected since Mar 2019",
                "Last contact: message, 8 months ago",
                "12 messages · 1 note · tie: good",
                "You gave 3×, asked 0×",
                "Keep in touch every 6 to 9 weeks: due, at the latest in 13 days",
            ]
        );
        assert_eq!(
            relationship_lines(en(), &relationship(2, None))[4],
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
        assert_eq!(mutual_phrase(en(), &m), "close · last contact Oct 2026");
        let stranger = Mutual {
            contact: None,
            tie: None,
            ..m.clone()
        };
        assert_eq!(
            mutual_phrase(en(), &stranger),
            "not among your imported contacts"
        );
        let colleague = Mutual {
            colleague_at: Some("Acme".into()),
            ..m
        };
        assert_eq!(
            mutual_phrase(en(), &colleague),
            "works at Acme · close · last contact Oct 2026"
        );
        assert_eq!(
            change_phrase(
                en(),
                &Change::NewPosition {
                    org: "Globex".into(),
                    title: Some("Lead".into())
                }
            ),
            "New role: Lead at Globex"
        );
    }

    #[test]
    fn the_same_in_dutch() {
        let a = Annotation {
            shared_employers: vec![shared(61, None, None)],
            mutual_count: 3,
            relationship: Some(relationship(245, Some(-8))),
            ..Annotation::default()
        };
        assert_eq!(
            summary_line(nl(), &a, true, 10),
            "1 gedeelde werkgever · 3 gemeenschappelijke connecties · laatst gesproken 8 maanden \
             geleden · tijd om iets van je te laten horen"
        );
        assert_eq!(
            summary_line(nl(), &Annotation::default(), false, 0),
            "Importeer je LinkedIn-export om gedeelde geschiedenis te zien"
        );
        assert_eq!(
            relationship_lines(nl(), &relationship(245, Some(-8))),
            [
                "Connectie sinds mrt. 2019",
                "Laatste contact: bericht, 8 maanden geleden",
                "12 berichten · 1 notitie · band: goed",
                "Gebracht 3×, gehaald 0×",
                "Contact houden elke 6 tot 9 weken: aan de beurt, uiterlijk over 13 dagen",
            ]
        );
        assert_eq!(
            shared_phrase(nl(), &shared(61, None, None)),
            "5 jaar en 1 maand samen"
        );
        assert_eq!(
            shared_phrase(nl(), &shared(0, Some(24), Some("you"))),
            "jij vertrok 2 jaar voordat de ander begon"
        );
        assert_eq!(
            change_phrase(
                nl(),
                &Change::NewPosition {
                    org: "Globex".into(),
                    title: Some("Lead".into())
                }
            ),
            "Nieuwe functie: Lead bij Globex"
        );
    }

    #[test]
    fn where_a_draft_fact_comes_from() {
        let shared = Fact::new(
            FactKind::SharedEmployer,
            "Veldwerk Analytics",
            Source::Shared {
                school: false,
                overlap_months: 61,
                apart: false,
            },
        );
        assert_eq!(
            fact_line(en(), &shared),
            "Veldwerk Analytics — their profile and yours: experience (61 months at the same time)"
        );
        assert_eq!(
            fact_line(nl(), &shared),
            "Veldwerk Analytics — jullie profielen: werkervaring (61 maanden tegelijk)"
        );
        let met = Fact::new(
            FactKind::Met,
            "",
            Source::MetLogged {
                date: "2026-02-12".into(),
            },
        );
        assert_eq!(
            fact_line(en(), &met),
            "Met in person — your log: met on 12 Feb 2026"
        );
        assert_eq!(
            fact_line(nl(), &met),
            "Persoonlijk ontmoet — je logboek: ontmoet op 12 feb. 2026"
        );
    }
}
