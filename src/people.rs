//! The user's contacts, indexed for the questions a profile visit asks: is this name one of my
//! contacts, who of my contacts works at this organisation, and how much have we written.
//!
//! Built once from the imported contacts and conversations (30,000 at most) and then asked in
//! microseconds: every lookup is a hash lookup, never a scan. Pure; the service worker keeps one
//! for its lifetime and rebuilds it after an import.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::history::org_key;
use crate::model::{fold, Contact, Conversation};

/// What the user wrote about a contact. Imports never touch it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactByUser {
    #[serde(default)]
    pub tags: Vec<String>,
    /// Keep-in-touch rhythm in days; `None` is off.
    #[serde(default)]
    pub rhythm_days: Option<u32>,
}

/// One contact with what the user wrote about them and the messages exchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Known {
    pub contact: Contact,
    #[serde(default)]
    pub by_user: ContactByUser,
    #[serde(default)]
    pub conversation: Option<Conversation>,
}

/// The user's contacts, indexed by id, by name and by current organisation.
#[derive(Debug, Default)]
pub struct People {
    known: Vec<Known>,
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    by_org: HashMap<String, Vec<usize>>,
}

impl People {
    /// Indexes `contacts` and attaches each one's conversation (matched by contact id).
    pub fn new(
        contacts: impl IntoIterator<Item = (Contact, ContactByUser)>,
        conversations: impl IntoIterator<Item = Conversation>,
    ) -> People {
        let mut people = People::default();
        for (contact, by_user) in contacts {
            let i = people.known.len();
            people.by_id.insert(contact.id.clone(), i);
            let name = name_key(&contact.name());
            if !name.is_empty() {
                people.by_name.entry(name).or_default().push(i);
            }
            if let Some(org) = contact.company.as_deref().map(org_key) {
                if !org.is_empty() {
                    people.by_org.entry(org).or_default().push(i);
                }
            }
            people.known.push(Known {
                contact,
                by_user,
                conversation: None,
            });
        }
        for conversation in conversations {
            if let Some(&i) = people.by_id.get(&conversation.person) {
                people.known[i].conversation = Some(conversation);
            }
        }
        people
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

    /// Indexes contacts that already carry their conversations (a [`subset`](Self::subset)).
    pub fn of(known: Vec<Known>) -> People {
        let conversations: Vec<Conversation> = known
            .iter()
            .filter_map(|k| k.conversation.clone())
            .collect();
        People::new(
            known.into_iter().map(|k| (k.contact, k.by_user)),
            conversations,
        )
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
mod tests {
    use super::*;

    fn contact(id: &str, first: &str, last: &str, company: Option<&str>) -> Contact {
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
}
