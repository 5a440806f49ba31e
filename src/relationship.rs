//! How well the user knows someone: a tie strength from their history together (messages,
//! notes, logged interactions and how recent they are), the last interaction, the give/ask
//! balance and whether a keep-in-touch rhythm is due.
//!
//! Pure: a [`Ledger`] of one person's history in, a [`Tie`] or [`Relationship`] out; "today" is
//! a parameter (a [`Day`]). The seeds' rules are encoded here: recent, two-way contact makes a
//! tie strong; a tie that was close once and has been silent a year or more is *dormant* —
//! worth reviving, not lost.
//!
//! ```
//! use common_ground::calendar::day_of;
//! use common_ground::relationship::{Ledger, Strength, tie};
//! use common_ground::model::Conversation;
//! let talked = Conversation { person: "linkedin:ada".into(), name: "Ada".into(), messages: 40,
//!     sent: 20, received: 20, first: Some("2019-01-01".into()), last: Some("2020-06-01".into()) };
//! let ledger = Ledger { conversation: Some(&talked), ..Ledger::default() };
//! assert_eq!(tie(&ledger, day_of("2026-11-22").unwrap()).strength, Strength::Dormant);
//! ```

use serde::{Deserialize, Serialize};

use crate::calendar::{date_of, day_of, Day};
use crate::model::{Contact, Conversation, Interaction, InteractionKind, Invitation, Marks, Note};
use crate::people::Activity;
use crate::rhythm::{in_force, timing, Origin, Rhythm, Standing};

/// What the store keeps about one person besides the contact list, filed under their contact id
/// or person key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub notes: Vec<Note>,
    pub interactions: Vec<Interaction>,
    pub invitations: Vec<Invitation>,
    /// What the user marked about them (key person, rhythm, goals).
    #[serde(default)]
    pub marks: Option<Marks>,
}

impl Kept {
    /// Adds what `other` keeps (the same person filed under a second key).
    pub fn merge(&mut self, other: &Kept) {
        self.notes.extend(other.notes.iter().cloned());
        self.interactions.extend(other.interactions.iter().cloned());
        self.invitations.extend(other.invitations.iter().cloned());
        if self.marks.is_none() {
            self.marks.clone_from(&other.marks);
        }
    }
}

/// Everything the user has with one person. Every part may be empty.
#[derive(Debug, Clone, Default)]
pub struct Ledger<'a> {
    pub contact: Option<&'a Contact>,
    /// The keep-in-touch rhythm in force, and where it comes from (`rhythm::in_force`).
    pub rhythm: Option<(Rhythm, Origin)>,
    pub conversation: Option<&'a Conversation>,
    pub invitations: &'a [Invitation],
    pub activity: Activity,
}

/// How well the user knows someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// Much recent two-way contact.
    Close,
    Good,
    /// Some history, not much.
    Acquainted,
    /// Close once, silent for a year or more: worth reviving.
    Dormant,
    /// A connection with no history beyond connecting.
    Connected,
    /// Not a connection and no history.
    None,
}

impl<'a> Ledger<'a> {
    /// The ledger of a contact (if known): what is `kept` about them when it was read, else the
    /// activity the contact index keeps.
    pub fn of(known: Option<&'a crate::people::Known>, kept: Option<&'a Kept>) -> Ledger<'a> {
        Ledger {
            contact: known.map(|k| &k.contact),
            rhythm: in_force(kept.and_then(|k| k.marks.as_ref()), &[], &[]).or_else(|| {
                known
                    .and_then(|k| k.by_user.rhythm_days)
                    .and_then(Rhythm::around)
                    .map(|r| (r, Origin::Person))
            }),
            conversation: known.and_then(|k| k.conversation.as_ref()),
            invitations: kept.map_or(&[], |k| &k.invitations),
            activity: match (kept, known) {
                (Some(kept), _) => Activity::of(&kept.notes, &kept.interactions),
                (None, Some(known)) => known.activity,
                (None, None) => Activity::default(),
            },
        }
    }

    /// Whether there is anything at all: a connection, any history, or a rhythm the user set.
    pub fn is_empty(&self) -> bool {
        self.rhythm.is_none()
            && self.contact.is_none()
            && self.conversation.is_none()
            && self.activity.is_empty()
            && self.invitations.is_empty()
    }
}

/// A tie: a score from 0 to 100, its reading, and when the user last had contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tie {
    pub score: u32,
    pub strength: Strength,
    /// `YYYY-MM-DD` of the last message, note or interaction.
    pub last: Option<String>,
}

/// A history this big, however old, made a close tie (the line between dormant and merely
/// forgotten).
const CLOSE_ONCE: f64 = 30.0;
/// Silence after which a tie counts as dormant, in days.
const DORMANT_AFTER: Day = 365;

/// The last time the user and the person had anything to do with each other, and what it was.
pub fn last_contact(ledger: &Ledger) -> Option<(Day, &'static str)> {
    let message = ledger
        .conversation
        .and_then(|c| c.last.as_deref())
        .and_then(day_of)
        .map(|d| (d, "message"));
    let note = ledger.activity.last_note.map(|d| (d, "note"));
    let interaction = ledger
        .activity
        .last_interaction
        .map(|(d, kind)| (d, kind_word(kind)));
    [message, note, interaction]
        .into_iter()
        .flatten()
        .max_by_key(|&(d, _)| d)
}

fn kind_word(kind: InteractionKind) -> &'static str {
    match kind {
        InteractionKind::Met => "met",
        InteractionKind::Messaged => "messaged",
        InteractionKind::Called => "called",
        InteractionKind::Introduced => "introduced",
        InteractionKind::Shared => "shared something",
        InteractionKind::Congratulated => "congratulated",
        InteractionKind::Asked => "asked",
        InteractionKind::Other => "interaction",
    }
}

/// How much history there is, before recency is weighed: messages (half when they only went
/// one way), notes, logged interactions (speaking counts most), a personal invitation.
pub fn history_weight(ledger: &Ledger) -> f64 {
    let messages = ledger.conversation.map_or(0.0, |c| {
        let weight = 15.0 * f64::from(c.messages).ln_1p();
        let two_way = c.sent > 0 && c.received > 0;
        weight.min(60.0) * if two_way { 1.0 } else { 0.5 }
    });
    let a = &ledger.activity;
    let notes = (5.0 * f64::from(a.notes)).min(15.0);
    let interactions =
        (12.0 * f64::from(a.spoke) + 6.0 * f64::from(a.messaged) + 4.0 * f64::from(a.other))
            .min(40.0);
    let invitation = if ledger.invitations.iter().any(|i| i.message.is_some()) {
        3.0
    } else {
        0.0
    };
    messages + notes + interactions + invitation
}

/// How much an old history still counts, by the days since the last contact.
fn recency(days: Option<Day>) -> f64 {
    match days {
        Some(d) if d <= 90 => 1.0,
        Some(d) if d <= DORMANT_AFTER => 0.8,
        Some(d) if d <= 2 * DORMANT_AFTER => 0.55,
        Some(_) => 0.35,
        None => 0.5,
    }
}

/// The tie between the user and the person whose `ledger` this is, as of `today`.
pub fn tie(ledger: &Ledger, today: Day) -> Tie {
    let last = last_contact(ledger);
    let days = last.map(|(d, _)| (today - d).max(0));
    let intensity = history_weight(ledger);
    let score = (intensity * recency(days)).round().min(100.0) as u32;
    let strength = if intensity >= CLOSE_ONCE && days.is_some_and(|d| d > DORMANT_AFTER) {
        Strength::Dormant
    } else if score >= 50 {
        Strength::Close
    } else if score >= 25 {
        Strength::Good
    } else if score > 0 {
        Strength::Acquainted
    } else if ledger.contact.is_some() {
        Strength::Connected
    } else {
        Strength::None
    };
    Tie {
        score,
        strength,
        last: last.map(|(d, _)| date_of(d)),
    }
}

/// The user's relationship with the person on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    /// Their contact id, when they are one of the user's connections.
    pub contact: Option<String>,
    /// `YYYY-MM-DD`, from the export.
    pub connected_on: Option<String>,
    pub last_interaction: Option<LastInteraction>,
    pub messages: u32,
    pub notes: u32,
    /// Logged interactions where the user gave, and where the user asked.
    pub gave: u32,
    pub asked: u32,
    pub tie: Tie,
    pub keep_in_touch: KeepInTouch,
}

/// The last contact: when, how long ago, and what it was ("message", "met", "note", …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastInteraction {
    pub date: String,
    pub days_ago: u32,
    pub what: String,
}

/// Whether the user meant to keep in touch, and whether it is time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeepInTouch {
    /// The ideal interval in days; `None` when no rhythm applies to this person.
    pub rhythm_days: Option<u32>,
    /// The latest interval in days.
    #[serde(default)]
    pub latest_days: Option<u32>,
    /// Where the rhythm comes from (this person, a tag, being a key person).
    #[serde(default)]
    pub origin: Option<Origin>,
    /// Days until the ideal interval is reached; zero or less is due.
    pub due_in_days: Option<i64>,
    /// Days until the latest interval has passed; below zero is overdue by its absolute value.
    #[serde(default)]
    pub late_in_days: Option<i64>,
    #[serde(default)]
    pub standing: Option<Standing>,
}

impl KeepInTouch {
    /// Coming due or overdue.
    pub fn is_due(&self) -> bool {
        matches!(self.standing, Some(Standing::ComingDue | Standing::Overdue))
    }

    pub fn is_overdue(&self) -> bool {
        self.standing == Some(Standing::Overdue)
    }
}

/// The last contact that resets a keep-in-touch rhythm: a message, any logged interaction, or
/// a note that says they spoke (a note of a fact does not).
pub fn last_spoken(ledger: &Ledger) -> Option<Day> {
    let message = ledger
        .conversation
        .and_then(|c| c.last.as_deref())
        .and_then(day_of);
    let a = &ledger.activity;
    [message, a.last_interaction.map(|(d, _)| d), a.last_spoke]
        .into_iter()
        .flatten()
        .max()
}

/// Where the person whose `ledger` this is stands in their rhythm on `today`: counted from the
/// last contact that resets it, else from connecting.
pub fn keep_in_touch(ledger: &Ledger, today: Day) -> KeepInTouch {
    let Some((rhythm, origin)) = ledger.rhythm.clone() else {
        return KeepInTouch::default();
    };
    let since = last_spoken(ledger).or_else(|| {
        ledger
            .contact
            .and_then(|c| c.connected_on.as_deref())
            .and_then(day_of)
    });
    let t = timing(rhythm, since, today);
    KeepInTouch {
        rhythm_days: Some(rhythm.ideal_days),
        latest_days: Some(rhythm.latest_days),
        origin: Some(origin),
        due_in_days: Some(t.due_in_days),
        late_in_days: Some(t.late_in_days),
        standing: Some(t.standing),
    }
}

/// The whole relationship with the person whose `ledger` this is.
pub fn relationship(ledger: &Ledger, today: Day) -> Relationship {
    let last = last_contact(ledger);
    let connected = ledger.contact.and_then(|c| c.connected_on.clone());
    Relationship {
        contact: ledger.contact.map(|c| c.id.clone()),
        connected_on: connected,
        last_interaction: last.map(|(d, what)| LastInteraction {
            date: date_of(d),
            days_ago: (today - d).max(0) as u32,
            what: what.to_owned(),
        }),
        messages: ledger.conversation.map_or(0, |c| c.messages),
        notes: ledger.activity.notes,
        gave: ledger.activity.gave,
        asked: ledger.activity.asked,
        tie: tie(ledger, today),
        keep_in_touch: keep_in_touch(ledger, today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::MS_PER_DAY;
    use crate::model::Balance;
    use crate::model::PersonKey;

    fn today() -> Day {
        day_of("2026-11-22").unwrap()
    }

    fn conversation(messages: u32, sent: u32, last: &str) -> Conversation {
        Conversation {
            person: "linkedin:a".into(),
            name: "A".into(),
            messages,
            sent,
            received: messages - sent,
            first: None,
            last: Some(last.into()),
        }
    }

    fn interaction(kind: InteractionKind, balance: Balance, date: &str) -> Interaction {
        Interaction {
            uid: None,
            id: None,
            person: PersonKey::new(crate::model::Site::Linkedin, "a"),
            kind,
            balance,
            text: String::new(),
            at: day_of(date).unwrap() as f64 * MS_PER_DAY,
        }
    }

    #[test]
    fn recent_two_way_contact_is_close_and_one_way_is_weaker() {
        let talked = conversation(30, 15, "2026-11-01");
        let close = tie(
            &Ledger {
                conversation: Some(&talked),
                ..Ledger::default()
            },
            today(),
        );
        assert_eq!(close.strength, Strength::Close);
        assert_eq!(close.last.as_deref(), Some("2026-11-01"));
        let one_way = conversation(30, 30, "2026-11-01");
        let weaker = tie(
            &Ledger {
                conversation: Some(&one_way),
                ..Ledger::default()
            },
            today(),
        );
        assert!(weaker.score < close.score, "{weaker:?} vs {close:?}");
    }

    #[test]
    fn close_once_and_silent_for_a_year_is_dormant_not_lost() {
        let old = conversation(30, 15, "2024-06-01");
        let t = tie(
            &Ledger {
                conversation: Some(&old),
                ..Ledger::default()
            },
            today(),
        );
        assert_eq!(t.strength, Strength::Dormant);
        // A little old history is not a dormant tie, only a weak one.
        let little = conversation(2, 1, "2024-06-01");
        let t = tie(
            &Ledger {
                conversation: Some(&little),
                ..Ledger::default()
            },
            today(),
        );
        assert_eq!(t.strength, Strength::Acquainted);
    }

    #[test]
    fn no_history_says_whether_they_are_a_connection() {
        let contact = Contact {
            id: "linkedin:a".into(),
            first_name: "A".into(),
            last_name: "B".into(),
            url: None,
            email: None,
            company: None,
            position: None,
            connected_on: Some("2020-01-05".into()),
        };
        let connected = Ledger {
            contact: Some(&contact),
            ..Ledger::default()
        };
        assert_eq!(tie(&connected, today()).strength, Strength::Connected);
        assert_eq!(tie(&Ledger::default(), today()).strength, Strength::None);
        assert_eq!(tie(&Ledger::default(), today()).score, 0);
    }

    #[test]
    fn the_relationship_counts_gives_and_asks_and_knows_when_it_is_due() {
        let interactions = [
            interaction(InteractionKind::Met, Balance::Neutral, "2026-09-01"),
            interaction(InteractionKind::Shared, Balance::Give, "2026-10-01"),
            interaction(InteractionKind::Introduced, Balance::Give, "2026-10-02"),
            interaction(InteractionKind::Asked, Balance::Ask, "2026-10-03"),
        ];
        let talked = conversation(3, 2, "2026-08-01");
        let r = relationship(
            &Ledger {
                rhythm: Rhythm::around(42).map(|r| (r, Origin::Person)),
                conversation: Some(&talked),
                activity: Activity::of(&[], &interactions),
                ..Ledger::default()
            },
            today(),
        );
        assert_eq!((r.gave, r.asked, r.messages), (2, 1, 3));
        let last = r.last_interaction.unwrap();
        assert_eq!(
            (last.date.as_str(), last.what.as_str()),
            ("2026-10-03", "asked")
        );
        assert_eq!(last.days_ago, 50);
        // Six weeks after 3 October is 14 November: eight days overdue on the 22nd.
        assert_eq!(r.keep_in_touch.due_in_days, Some(-8));
        assert!(r.keep_in_touch.is_due());
        // Coming due, not overdue: the latest interval (nine weeks) ends 5 December.
        assert_eq!(r.keep_in_touch.standing, Some(Standing::ComingDue));
        assert_eq!(r.keep_in_touch.late_in_days, Some(13));
        // Without a rhythm nothing is ever due.
        let r = relationship(&Ledger::default(), today());
        assert_eq!(r.keep_in_touch.due_in_days, None);
        assert!(!r.keep_in_touch.is_due());
    }

    #[test]
    fn each_kind_of_contact_resets_the_rhythm_and_a_note_of_a_fact_does_not() {
        let rhythm = Some((Rhythm::KEY, Origin::Key));
        let contact = Contact {
            id: "linkedin:a".into(),
            first_name: "A".into(),
            last_name: "B".into(),
            url: None,
            email: None,
            company: None,
            position: None,
            connected_on: Some("2026-01-05".into()),
        };
        let standing = |ledger: &Ledger| keep_in_touch(ledger, today()).standing;
        // Connected in January, nothing since: overdue.
        let quiet = Ledger {
            contact: Some(&contact),
            rhythm: rhythm.clone(),
            ..Ledger::default()
        };
        assert_eq!(standing(&quiet), Some(Standing::Overdue));
        let note = |text: &str| {
            Note::new(
                PersonKey::new(crate::model::Site::Linkedin, "a"),
                text.into(),
                f64::from(day_of("2026-11-20").unwrap() as i32) * MS_PER_DAY,
            )
        };
        let fact = [note("Moved to Adyen")];
        let with_fact = Ledger {
            activity: Activity::of(&fact, &[]),
            ..quiet.clone()
        };
        assert_eq!(standing(&with_fact), Some(Standing::Overdue));
        let spoke = [note("We spoke at the meetup about Rust")];
        let with_talk = Ledger {
            activity: Activity::of(&spoke, &[]),
            ..quiet.clone()
        };
        assert_eq!(standing(&with_talk), Some(Standing::Fine));
        let logged = [interaction(
            InteractionKind::Messaged,
            Balance::Give,
            "2026-11-01",
        )];
        let with_log = Ledger {
            activity: Activity::of(&[], &logged),
            ..quiet.clone()
        };
        assert_eq!(standing(&with_log), Some(Standing::Fine));
        let talked = conversation(2, 1, "2026-10-20");
        let with_message = Ledger {
            conversation: Some(&talked),
            ..quiet
        };
        // 33 days: past the ideal four weeks, within the latest six.
        assert_eq!(standing(&with_message), Some(Standing::ComingDue));
    }
}
