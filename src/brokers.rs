//! Brokers: the user's contacts who connect them to people in otherwise separate parts of the
//! network. The seeds hold that such bridges matter more than how many connections someone has.
//!
//! Read from what is already stored, with no extra page read: every profile the user opened
//! keeps the mutual connections its page named. A visited person belongs to a *group* (their
//! current organisation, else the field their title names); a contact named as a mutual
//! connection on profiles in two or more groups bridges those groups. Brokers are ranked by the
//! number of groups, then by how few other contacts reach the same groups (a bridge nobody else
//! makes counts most).
//!
//! Pure: the contact index and the visited profiles in; the brokers out.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::model::Profile;
use crate::names::{org_key, profile_link};
use crate::people::People;
use crate::revive::field_of;

/// At most this many brokers are listed.
pub const LISTED: usize = 10;

/// At most this many visited profiles are looked at (the most a user opens in years).
pub const MOST_VISITS: usize = 20_000;

/// A contact who bridges groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Broker {
    /// Their contact id.
    pub person: String,
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    /// How many groups they connect the user to.
    pub groups: u32,
    /// A few of those groups, by name (organisations as the pages spell them, fields by id).
    pub examples: Vec<String>,
    /// On how many visited profiles they were a mutual connection.
    pub seen_on: u32,
}

/// The group a visited person belongs to: their current organisation, else their field.
fn group_of(profile: &Profile) -> Option<(String, String)> {
    let current = profile
        .positions
        .iter()
        .find(|p| p.current || p.end.is_none())
        .filter(|p| !org_key(&p.org).is_empty());
    if let Some(p) = current {
        return Some((format!("org:{}", org_key(&p.org)), p.org.trim().to_owned()));
    }
    let field = profile
        .positions
        .first()
        .and_then(|p| p.title.as_deref())
        .and_then(field_of)
        .or_else(|| profile.headline.as_deref().and_then(field_of))?;
    Some((format!("field:{}", field.id()), field.id().to_owned()))
}

/// The brokers among `people`, from the mutual connections on the `visited` profiles.
pub fn brokers<'a>(people: &People, visited: impl IntoIterator<Item = &'a Profile>) -> Vec<Broker> {
    // Contact id → the groups it was a mutual connection in, and on how many profiles.
    let mut reach: HashMap<&str, (BTreeSet<String>, u32)> = HashMap::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for profile in visited.into_iter().take(MOST_VISITS) {
        let Some((group, label)) = group_of(profile) else {
            continue;
        };
        names.entry(group.clone()).or_insert(label);
        let mut seen = BTreeSet::new();
        for name in &profile.mutuals.names {
            // Only a name that is one contact: two contacts of one name could be either.
            let mut matches = people.named(name);
            let (Some(known), None) = (matches.next(), matches.next()) else {
                continue;
            };
            if seen.insert(known.contact.id.as_str()) {
                let entry = reach.entry(known.contact.id.as_str()).or_default();
                entry.0.insert(group.clone());
                entry.1 += 1;
            }
        }
    }
    // How many contacts reach each group: a bridge to a group few others reach counts more.
    let mut reached_by: HashMap<&str, u32> = HashMap::new();
    for (groups, _) in reach.values() {
        for g in groups {
            *reached_by.entry(g.as_str()).or_default() += 1;
        }
    }
    let mut out: Vec<(f64, Broker)> = reach
        .iter()
        .filter(|(_, (groups, _))| groups.len() >= 2)
        .filter_map(|(id, (groups, seen_on))| {
            let known = people.get(id)?;
            let rarity: f64 = groups
                .iter()
                .map(|g| 1.0 / f64::from(reached_by[g.as_str()]))
                .sum();
            Some((
                rarity,
                Broker {
                    person: (*id).to_owned(),
                    name: known.contact.name(),
                    url: known.contact.url.as_deref().and_then(profile_link),
                    groups: groups.len() as u32,
                    examples: groups.iter().take(3).map(|g| names[g].clone()).collect(),
                    seen_on: *seen_on,
                },
            ))
        })
        .collect();
    out.sort_by(|(ra, a), (rb, b)| {
        b.groups
            .cmp(&a.groups)
            .then(rb.total_cmp(ra))
            .then_with(|| a.name.cmp(&b.name))
    });
    out.into_iter().take(LISTED).map(|(_, b)| b).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, Mutuals, Position, Site};
    use crate::people::ContactByUser;

    fn contact(name: &str) -> Contact {
        let (first, last) = name.split_once(' ').unwrap();
        Contact {
            id: format!("linkedin:{}", name.to_lowercase().replace(' ', "-")),
            first_name: first.into(),
            last_name: last.into(),
            url: None,
            email: None,
            company: None,
            position: None,
            connected_on: None,
        }
    }

    fn visit(i: usize, org: &str, mutuals: &[&str]) -> Profile {
        let mut p = Profile::named(
            Site::Linkedin,
            format!("v{i}"),
            format!("V{i}"),
            String::new(),
        );
        p.positions.push(Position {
            org: org.into(),
            title: Some("Engineer".into()),
            start: None,
            end: None,
            current: true,
            location: None,
            org_url: None,
        });
        p.mutuals = Mutuals {
            names: mutuals.iter().map(|s| s.to_string()).collect(),
            count: mutuals.len() as u32,
        };
        p
    }

    /// A generated graph: three clusters (organisations) of visited people, each with its own
    /// local contacts named as mutuals many times; one contact appears in all three clusters,
    /// one in two; the local ones, however often seen, broker nothing.
    #[test]
    fn the_bridges_between_clusters_are_the_brokers() {
        let mut contacts: Vec<Contact> = ["Bridget All", "Tom Two", "Homonym One"]
            .iter()
            .map(|n| contact(n))
            .collect();
        let clusters = ["Adyen", "Rijksmuseum", "UMC Utrecht"];
        for c in 0..3 {
            for j in 0..4 {
                contacts.push(contact(&format!("Local{c} Person{j}")));
            }
        }
        // Two contacts share a name: never counted.
        let mut twin = contact("Homonym One");
        twin.id = "linkedin:homonym-two".into();
        contacts.push(twin);
        let people = People::new(
            contacts.into_iter().map(|c| (c, ContactByUser::default())),
            [],
        );
        let mut visits = Vec::new();
        for (c, org) in clusters.iter().enumerate() {
            for i in 0..6 {
                let locals: Vec<String> = (0..4).map(|j| format!("Local{c} Person{j}")).collect();
                let mut mutuals: Vec<&str> = locals.iter().map(String::as_str).collect();
                mutuals.push("Homonym One");
                if i == 0 {
                    mutuals.push("Bridget All");
                }
                if i == 1 && c < 2 {
                    mutuals.push("Tom Two");
                }
                visits.push(visit(c * 10 + i, org, &mutuals));
            }
        }
        let found = brokers(&people, &visits);
        let who: Vec<(&str, u32)> = found.iter().map(|b| (b.name.as_str(), b.groups)).collect();
        assert_eq!(who, [("Bridget All", 3), ("Tom Two", 2)]);
        assert_eq!(found[0].examples, ["Adyen", "Rijksmuseum", "UMC Utrecht"]);
        assert_eq!(found[0].seen_on, 3);
        assert!(brokers(&people, &[]).is_empty());
    }
}
