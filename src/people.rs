//! The user's contacts, indexed for the questions a profile visit asks: is this name one of my
//! contacts, who of my contacts works at this organisation, and how much have we written.
//!
//! Built once from the imported contacts and conversations (30,000 at most) and then asked in
//! microseconds: every lookup is a hash lookup, never a scan. Pure; the service worker keeps one
//! for its lifetime and rebuilds it after an import.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::calendar::{day_of_ms, Day};
use crate::model::{fold, Balance, Contact, Conversation, Interaction, InteractionKind, Note};
use crate::names::org_key;
use crate::rhythm::says_we_spoke;

/// What the user wrote about a contact. Imports never touch it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactByUser {
    #[serde(default)]
    pub tags: Vec<String>,
    /// Keep-in-touch rhythm in days; `None` is off.
    #[serde(default)]
    pub rhythm_days: Option<u32>,
    /// When the user last changed it, in milliseconds since the Unix epoch (0: before this was
    /// recorded). A merge keeps the newer.
    #[serde(default)]
    pub changed: f64,
}

/// A person's notes and logged interactions summed up: what a tie is weighed from. The core
/// keeps one per contact in memory (built with the contact index), so that weighing the people
/// both know costs no database request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub notes: u32,
    pub last_note: Option<Day>,
    /// The last note that says they spoke (`rhythm::says_we_spoke`): it resets a rhythm.
    #[serde(default)]
    pub last_spoke: Option<Day>,
    /// Met in person or called.
    pub spoke: u32,
    pub messaged: u32,
    /// Introductions, things shared, congratulations, asks and the rest.
    pub other: u32,
    pub gave: u32,
    pub asked: u32,
    pub last_interaction: Option<(Day, InteractionKind)>,
}

impl Activity {
    pub fn of(notes: &[Note], interactions: &[Interaction]) -> Activity {
        let mut activity = Activity::default();
        notes.iter().for_each(|n| activity.note(n));
        interactions.iter().for_each(|i| activity.interaction(i));
        activity
    }

    /// Counts one more note.
    pub fn note(&mut self, note: &Note) {
        self.notes += 1;
        let day = day_of_ms(note.created);
        self.last_note = Some(self.last_note.map_or(day, |d| d.max(day)));
        if says_we_spoke(&note.text) {
            self.last_spoke = Some(self.last_spoke.map_or(day, |d| d.max(day)));
        }
    }

    /// Counts one more logged interaction.
    pub fn interaction(&mut self, interaction: &Interaction) {
        match interaction.kind {
            InteractionKind::Met | InteractionKind::Called => self.spoke += 1,
            InteractionKind::Messaged => self.messaged += 1,
            _ => self.other += 1,
        }
        match interaction.balance {
            Balance::Give => self.gave += 1,
            Balance::Ask => self.asked += 1,
            Balance::Neutral => {}
        }
        let day = day_of_ms(interaction.at);
        if self.last_interaction.is_none_or(|(d, _)| day >= d) {
            self.last_interaction = Some((day, interaction.kind));
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Activity::default()
    }
}

/// One contact with what the user wrote about them and the messages exchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Known {
    pub contact: Contact,
    #[serde(default)]
    pub by_user: ContactByUser,
    #[serde(default)]
    pub conversation: Option<Conversation>,
    /// The notes and logged interactions filed under the contact's id, summed up.
    #[serde(default)]
    pub activity: Activity,
}

/// The user's contacts, indexed by id, by name and by current organisation.
#[derive(Debug, Default)]
pub struct People {
    known: Vec<Known>,
    /// Notes and interactions filed under people who are not contacts.
    others: HashMap<String, Activity>,
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    by_org: HashMap<String, Vec<usize>>,
    /// The tags on each person's notes (and those the user gave a contact), folded to lower
    /// case: what a tag's keep-in-touch rule applies to.
    tags: HashMap<String, Vec<String>>,
}

impl People {
    /// Indexes `contacts` and attaches each one's conversation (matched by contact id).
    pub fn new(
        contacts: impl IntoIterator<Item = (Contact, ContactByUser)>,
        conversations: impl IntoIterator<Item = Conversation>,
    ) -> People {
        let known = contacts.into_iter().map(|(contact, by_user)| Known {
            contact,
            by_user,
            conversation: None,
            activity: Activity::default(),
        });
        let mut people = People::of(known.collect());
        for conversation in conversations {
            if let Some(&i) = people.by_id.get(&conversation.person) {
                people.known[i].conversation = Some(conversation);
            }
        }
        people
    }

    /// Indexes contacts as they are (a [`subset`](Self::subset) carries its conversations and
    /// activity along).
    pub fn of(known: Vec<Known>) -> People {
        let mut people = People::default();
        for (i, k) in known.iter().enumerate() {
            people.by_id.insert(k.contact.id.clone(), i);
            let name = name_key(&k.contact.name());
            if !name.is_empty() {
                people.by_name.entry(name).or_default().push(i);
            }
            if let Some(org) = k.contact.company.as_deref().map(org_key) {
                if !org.is_empty() {
                    people.by_org.entry(org).or_default().push(i);
                }
            }
            people.tag(&k.contact.id, &k.by_user.tags);
        }
        people.known = known;
        people
    }

    /// Counts a note in the activity of the person it is filed under.
    pub fn count_note(&mut self, note: &Note) {
        self.activity_mut(note.person.as_str()).note(note);
        self.tag(note.person.as_str(), &note.tags);
    }

    fn tag(&mut self, id: &str, tags: &[String]) {
        if tags.is_empty() {
            return;
        }
        let theirs = self.tags.entry(id.to_owned()).or_default();
        for tag in tags {
            let tag = tag.to_lowercase();
            if !theirs.contains(&tag) {
                theirs.push(tag);
            }
        }
    }

    /// The tags on `id`'s notes, folded to lower case.
    pub fn tags_of(&self, id: &str) -> &[String] {
        self.tags.get(id).map_or(&[], Vec::as_slice)
    }

    /// Everyone with tags, and their tags.
    pub fn tagged(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.tags.iter().map(|(id, t)| (id.as_str(), t.as_slice()))
    }

    /// Counts a logged interaction, as [`count_note`](Self::count_note) does a note.
    pub fn count_interaction(&mut self, interaction: &Interaction) {
        self.activity_mut(interaction.person.as_str())
            .interaction(interaction);
    }

    fn activity_mut(&mut self, id: &str) -> &mut Activity {
        match self.by_id.get(id) {
            Some(&i) => &mut self.known[i].activity,
            None => self.others.entry(id.to_owned()).or_default(),
        }
    }

    /// The notes and interactions filed under `id`, contact or not.
    pub fn activity_of(&self, id: &str) -> Activity {
        match self.get(id) {
            Some(known) => known.activity,
            None => self.others.get(id).copied().unwrap_or_default(),
        }
    }

    /// Every contact, in index order.
    pub fn iter(&self) -> impl Iterator<Item = &Known> {
        self.known.iter()
    }

    /// Everyone who is not a contact but has notes or interactions, with their activity.
    pub fn others(&self) -> impl Iterator<Item = (&str, &Activity)> {
        self.others.iter().map(|(id, a)| (id.as_str(), a))
    }

    pub fn len(&self) -> usize {
        self.known.len()
    }

    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// The contacts with these ids, in the order this index holds them (so that a [`People`]
    /// built from them answers lookups among them as this one does).
    pub fn subset(&self, ids: impl IntoIterator<Item = String>) -> Vec<Known> {
        let mut at: Vec<usize> = ids
            .into_iter()
            .filter_map(|id| self.by_id.get(&id).copied())
            .collect();
        at.sort_unstable();
        at.dedup();
        at.into_iter().map(|i| self.known[i].clone()).collect()
    }

    pub fn get(&self, id: &str) -> Option<&Known> {
        self.by_id.get(id).map(|&i| &self.known[i])
    }

    /// The contacts whose name is `name` (first and last name; case, accents, middle names and
    /// suffixes aside).
    pub fn named(&self, name: &str) -> impl Iterator<Item = &Known> {
        self.by_name
            .get(&name_key(name))
            .into_iter()
            .flatten()
            .map(|&i| &self.known[i])
    }

    /// The contacts whose current company is the organisation with key `org` (see
    /// [`org_key`]).
    pub fn at_org(&self, org: &str) -> impl Iterator<Item = &Known> {
        self.by_org
            .get(org)
            .into_iter()
            .flatten()
            .map(|&i| &self.known[i])
    }
}

/// Words that are not part of a name for matching: suffixes, degrees and titles.
const NOT_NAMES: &[&str] = &[
    "jr", "sr", "ii", "iii", "phd", "dr", "mba", "msc", "ir", "drs",
];

/// The folded first and last word of a name: "Zoë A. de Boer, PhD" → "zoe boer".
pub fn name_key(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded
        .split_whitespace()
        .filter(|w| !NOT_NAMES.contains(w))
        .collect();
    match (words.first(), words.last()) {
        (Some(first), Some(last)) if words.len() > 1 => format!("{first} {last}"),
        (Some(only), _) => (*only).to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A contact with a name and perhaps a company, nothing else (also used by `history`'s
    /// tests).
    pub(crate) fn contact(id: &str, first: &str, last: &str, company: Option<&str>) -> Contact {
        Contact {
            id: id.into(),
            first_name: first.into(),
            last_name: last.into(),
            url: None,
            email: None,
            company: company.map(Into::into),
            position: None,
            connected_on: None,
        }
    }

    #[test]
    fn names_match_across_case_accents_middle_names_and_suffixes() {
        assert_eq!(name_key("Zoë Anna de Boer"), name_key("zoe boer"));
        assert_eq!(name_key("ZOE DE BOER, PhD"), "zoe boer");
        assert_ne!(name_key("Zoe de Boer"), name_key("Zoe Bakker"));
        assert_eq!(name_key("Cher"), "cher");
        assert_eq!(name_key("  "), "");
    }

    #[test]
    fn lookups_by_id_name_and_organisation() {
        let people = People::new(
            [
                (
                    contact("a", "Zoë", "de Boer", Some("Acme B.V.")),
                    ContactByUser::default(),
                ),
                (
                    contact("b", "Sam", "Smit", Some("ACME")),
                    ContactByUser::default(),
                ),
                (
                    contact("c", "Sam", "Smit", Some("Globex")),
                    ContactByUser::default(),
                ),
            ],
            [Conversation {
                person: "b".into(),
                name: "Sam Smit".into(),
                messages: 4,
                sent: 2,
                received: 2,
                first: None,
                last: Some("2026-01-02".into()),
            }],
        );
        assert_eq!(people.len(), 3);
        assert_eq!(people.named("zoe boer").count(), 1);
        assert_eq!(people.named("Sam Smit").count(), 2, "two people, one name");
        let at_acme: Vec<&str> = people
            .at_org(&org_key("Acme Inc."))
            .map(|k| k.contact.id.as_str())
            .collect();
        assert_eq!(at_acme, ["a", "b"]);
        assert_eq!(
            people
                .get("b")
                .unwrap()
                .conversation
                .as_ref()
                .unwrap()
                .messages,
            4
        );
        assert!(people.get("zzz").is_none());
    }

    #[test]
    fn notes_and_interactions_count_for_the_contact_they_are_filed_under() {
        use crate::model::{Balance, InteractionKind, PersonKey, Site};
        let mut people = People::new(
            [(
                contact("linkedin:ada", "Ada", "Lovelace", None),
                ContactByUser::default(),
            )],
            [],
        );
        let ada = PersonKey::new(Site::Linkedin, "ada");
        let stranger = PersonKey::new(Site::Linkedin, "someone-else");
        for person in [&ada, &stranger] {
            people.count_note(&Note::new(
                person.clone(),
                "met at the meetup".into(),
                86_400_000.0 * 20_000.0,
            ));
        }
        people.count_interaction(&Interaction {
            uid: None,
            id: None,
            person: ada,
            kind: InteractionKind::Called,
            balance: Balance::Give,
            text: String::new(),
            at: 86_400_000.0 * 20_010.0,
        });
        let activity = people.get("linkedin:ada").unwrap().activity;
        assert_eq!((activity.notes, activity.spoke, activity.gave), (1, 1, 1));
        assert_eq!(activity.last_note, Some(20_000));
        assert_eq!(
            activity.last_interaction,
            Some((20_010, InteractionKind::Called))
        );
        // A subset carries the activity along.
        let few = People::of(people.subset(["linkedin:ada".to_owned()]));
        assert_eq!(few.get("linkedin:ada").unwrap().activity, activity);
    }
}
