//! Two copies of what the user keeps made one: a restore that merges instead of replacing, so
//! that someone with a laptop and a desktop keeps what they wrote on both.
//!
//! Pure: two [`Backup`]s in, one out, with what the merge changed. The store runs it inside one
//! transaction (`Store::merge`).
//!
//! Every record has an identity that is the same on every device (a note's and an interaction's
//! `uid`, else the person, contact id or setting name) and a time it last changed. Per identity
//! the merge keeps the newest version; a deletion travels as a [`Tombstone`] and removes every
//! version that is not newer than it. Which version is newest is a total order (time, then the
//! record's text), so the merge is commutative, associative and idempotent: merging the same
//! file twice changes nothing the second time, and the order in which devices merge does not
//! matter. (That is also why a record is taken whole from one side: a profile's `first_seen` is
//! the newest reading's, not the earliest of both, which a deletion in between would make
//! depend on the order of merges.) A store's own record numbers (`Note::id`) are not part of the identity: records from
//! the other copy are numbered after this copy's highest.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::backup::{invitation_id, Backup, Setting, StoredContact, StoredProfile};
pub use crate::model::{interaction_uid, note_uid, Gone, Tombstone};
use crate::model::{Conversation, Interaction, Invitation, Marks, Note};
use crate::phrases::Book;

/// How many records of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub notes: u32,
    pub interactions: u32,
    pub contacts: u32,
    pub profiles: u32,
    pub marks: u32,
    /// Conversations, invitations, settings and who the user is.
    pub other: u32,
}

impl Tally {
    pub fn is_empty(&self) -> bool {
        *self == Tally::default()
    }

    /// "2 notes, 1 interaction", in `t`'s language; empty when there are none.
    fn words(&self, t: &Book) -> String {
        let parts = [
            ("count.notes", self.notes),
            ("count.interactions", self.interactions),
            ("count.contacts", self.contacts),
            ("count.profiles", self.profiles),
            ("count.marks", self.marks),
            ("count.others", self.other),
        ];
        let said: Vec<String> = parts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(key, n)| t.count(key, u64::from(*n)))
            .collect();
        t.list(&said)
    }
}

/// What a merge changes in the copy merged into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    /// Records the other copy has and this one did not.
    pub added: Tally,
    /// Records both have, where the other copy's version is newer.
    pub updated: Tally,
    /// Records this copy had that were deleted in the other.
    pub removed: Tally,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.removed.is_empty()
    }

    /// "A merge would add 2 notes; update 1 contact; remove 1 note deleted elsewhere.", or
    /// that it would change nothing, in `t`'s language.
    pub fn summary(&self, t: &Book) -> String {
        self.said(
            t,
            [
                "merge.nothing",
                "merge.would",
                "merge.add",
                "merge.update",
                "merge.remove",
            ],
        )
    }

    /// What a merge that ran changed: "Merged: added 2 notes and 1 profile; removed 1 note
    /// deleted elsewhere."
    pub fn done(&self, t: &Book) -> String {
        self.said(
            t,
            [
                "merge.did_nothing",
                "merge.did",
                "merge.added",
                "merge.updated",
                "merge.removed",
            ],
        )
    }

    fn said(
        &self,
        t: &Book,
        [nothing, sentence, add, update, remove]: [&'static str; 5],
    ) -> String {
        if self.is_empty() {
            return t.text(nothing).to_owned();
        }
        let mut parts = Vec::new();
        for (key, tally) in [
            (add, self.added),
            (update, self.updated),
            (remove, self.removed),
        ] {
            if !tally.is_empty() {
                parts.push(t.say(key, &[("records", &tally.words(t))]));
            }
        }
        // Each part may list kinds with "and" itself: parts are set apart by semicolons.
        t.say(sentence, &[("changes", &parts.join("; "))])
    }
}

/// The merged copy and what it changed in `here`.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub backup: Backup,
    pub changes: Changes,
}

/// `here` and `there` made one. `here`'s records keep their numbers; `there`'s new notes and
/// interactions are numbered after `here`'s highest. The result is in canonical order, with the
/// union of both copies' tombstones, and every note and interaction carries its uid.
pub fn merge(here: &Backup, there: &Backup) -> Merged {
    let mut changes = Changes::default();
    let tombstones = join_tombstones(&here.tombstones, &there.tombstones);
    let gone = |kind: Gone, id: &str| tombstones.get(&(kind, id.to_owned())).copied();
    let forgotten = |key: &str| gone(Gone::Person, key);
    // Deleted at or after it last changed: a deletion beats the versions it saw, and loses to
    // an edit made after it.
    let covered = |stamp: f64, at: Option<f64>| at.is_some_and(|at| at >= stamp);

    let notes = join(
        &here.notes,
        &there.notes,
        note_uid,
        |n: &Note| n.edited.unwrap_or(n.created),
        |n| Note {
            id: None,
            uid: Some(note_uid(n)),
            ..n.clone()
        },
    );
    let notes = settle_beside(
        notes,
        |n| {
            let stamp = n.edited.unwrap_or(n.created);
            covered(stamp, gone(Gone::Note, &note_uid(n)))
                || covered(stamp, forgotten(n.person.as_str()))
        },
        &mut counted(&mut changes, |t| &mut t.notes),
    );

    let interactions = join(
        &here.interactions,
        &there.interactions,
        interaction_uid,
        |i: &Interaction| i.at,
        |i| Interaction {
            id: None,
            uid: Some(interaction_uid(i)),
            ..i.clone()
        },
    );
    let interactions = settle_beside(
        interactions,
        // An interaction is never edited, so its tombstone always wins.
        |i| {
            gone(Gone::Interaction, &interaction_uid(i)).is_some()
                || covered(i.at, forgotten(i.person.as_str()))
        },
        &mut counted(&mut changes, |t| &mut t.interactions),
    );

    let marks = settle(
        join(
            &here.marks,
            &there.marks,
            |m| m.person.clone(),
            |m| m.changed,
            Marks::clone,
        ),
        |m| {
            covered(m.changed, gone(Gone::Marks, &m.person))
                || covered(m.changed, forgotten(&m.person))
        },
        &mut counted(&mut changes, |t| &mut t.marks),
    );

    let profiles = settle(
        join(
            &here.profiles,
            &there.profiles,
            |p| p.person.to_string(),
            |p: &StoredProfile| p.last_seen,
            StoredProfile::clone,
        ),
        |p| covered(p.last_seen, forgotten(p.person.as_str())),
        &mut counted(&mut changes, |t| &mut t.profiles),
    );

    // A contact is taken whole, as of its latest import or correction, whichever is newer:
    // kept apart, a forget between the two would make the result depend on the order of
    // merges. An import is made again from the next export; a correction is not, so the
    // corrections side wins a tie between an older import and newer corrections.
    let contact_stamp = |c: &StoredContact| c.last_imported.max(c.user.changed);
    let contacts = settle(
        join(
            &here.contacts,
            &there.contacts,
            |c| c.id.clone(),
            contact_stamp,
            StoredContact::clone,
        ),
        |c| covered(contact_stamp(c), forgotten(&c.id)),
        &mut counted(&mut changes, |t| &mut t.contacts),
    );

    let mut other = counted(&mut changes, |t| &mut t.other);
    // From the export, without a time of their own: a forget removes them.
    let conversations = settle(
        join(
            &here.conversations,
            &there.conversations,
            |c| c.person.clone(),
            |c| f64::from(c.messages),
            Conversation::clone,
        ),
        |c| forgotten(&c.person).is_some(),
        &mut other,
    );
    let invitations = settle(
        join(
            &here.invitations,
            &there.invitations,
            invitation_id,
            |_| 0.0,
            Invitation::clone,
        ),
        |i| forgotten(i.person.as_str()).is_some(),
        &mut other,
    );
    let settings = settle(
        join(
            &here.settings,
            &there.settings,
            |s| s.name.clone(),
            |s| s.changed,
            Setting::clone,
        ),
        |_| false,
        &mut other,
    );
    let (me, me_changed) = match newest((&here.me, here.me_changed), (&there.me, there.me_changed))
    {
        Pick::There => {
            other(0, 1, 0);
            (there.me.clone(), there.me_changed)
        }
        Pick::Here => (here.me.clone(), here.me_changed),
    };

    drop(other);
    let mut backup = Backup::new(here.exported.max(there.exported));
    backup.me = me;
    backup.me_changed = me_changed;
    backup.notes = number(notes, &here.notes, |n| n.id, |n, id| n.id = Some(id));
    backup.interactions = number(
        interactions,
        &here.interactions,
        |i| i.id,
        |i, id| i.id = Some(id),
    );
    backup.marks = marks;
    backup.profiles = profiles;
    backup.contacts = contacts;
    backup.conversations = conversations;
    backup.invitations = invitations;
    backup.settings = settings;
    backup.tombstones = tombstones
        .into_iter()
        .map(|((kind, id), at)| Tombstone { kind, id, at })
        .collect();
    Merged {
        backup: backup.canonical(),
        changes,
    }
}

/// Counts what [`settle`] reports (added, updated, removed) into one kind of `changes`.
fn counted(
    changes: &mut Changes,
    kind: fn(&mut Tally) -> &mut u32,
) -> impl FnMut(u32, u32, u32) + '_ {
    move |added, updated, removed| {
        *kind(&mut changes.added) += added;
        *kind(&mut changes.updated) += updated;
        *kind(&mut changes.removed) += removed;
    }
}

/// Per kind and id, the latest deletion.
fn join_tombstones(here: &[Tombstone], there: &[Tombstone]) -> BTreeMap<(Gone, String), f64> {
    let mut all: BTreeMap<(Gone, String), f64> = BTreeMap::new();
    for t in here.iter().chain(there) {
        let at = all.entry((t.kind, t.id.clone())).or_insert(t.at);
        *at = at.max(t.at);
    }
    all
}

/// One identity's record after the join: the version kept, and what `here` had.
struct Side<P, T = P> {
    record: P,
    /// `here`'s record, when it had one (its number is kept).
    here: Option<T>,
    /// Whether the version kept differs from `here`'s.
    changed: bool,
}

enum Pick {
    Here,
    There,
}

/// The newer of two versions by time, then by their text: a total order, so that which side a
/// version came from never decides.
fn newest<T: Serialize>(here: (&T, f64), there: (&T, f64)) -> Pick {
    match there.1.total_cmp(&here.1) {
        std::cmp::Ordering::Greater => Pick::There,
        std::cmp::Ordering::Less => Pick::Here,
        std::cmp::Ordering::Equal => {
            let text = |v: &T| serde_json::to_string(v).unwrap_or_default();
            if text(there.0) > text(here.0) {
                Pick::There
            } else {
                Pick::Here
            }
        }
    }
}

/// Both copies' records by identity, the newest version of each kept. `plain` is a record
/// without what only one store knows (its number), as versions are compared.
fn join<T: Clone, P: Serialize>(
    here: &[T],
    there: &[T],
    id: impl Fn(&T) -> String,
    stamp: impl Fn(&P) -> f64,
    plain: impl Fn(&T) -> P,
) -> BTreeMap<String, Side<P, T>> {
    let mut all: BTreeMap<String, Side<P, T>> = BTreeMap::new();
    for record in here {
        all.insert(
            id(record),
            Side {
                record: plain(record),
                here: Some(record.clone()),
                changed: false,
            },
        );
    }
    for record in there {
        let theirs = plain(record);
        match all.get_mut(&id(record)) {
            Some(side) => {
                if let Pick::There = newest(
                    (&side.record, stamp(&side.record)),
                    (&theirs, stamp(&theirs)),
                ) {
                    let same = serde_json::to_string(&side.record).ok()
                        == serde_json::to_string(&theirs).ok();
                    side.record = theirs;
                    side.changed |= !same && side.here.is_some();
                }
            }
            None => {
                all.insert(
                    id(record),
                    Side {
                        record: theirs,
                        here: None,
                        changed: false,
                    },
                );
            }
        }
    }
    all
}

/// The records kept, `gone` ones left out, each counted as added, updated or removed through
/// `count(added, updated, removed)`.
fn settle<T>(
    all: BTreeMap<String, Side<T>>,
    gone: impl Fn(&T) -> bool,
    count: &mut impl FnMut(u32, u32, u32),
) -> Vec<T> {
    settle_beside(all, gone, count)
        .into_iter()
        .map(|(record, _)| record)
        .collect()
}

/// As [`settle`], each record beside `here`'s version of it.
fn settle_beside<T>(
    all: BTreeMap<String, Side<T>>,
    gone: impl Fn(&T) -> bool,
    count: &mut impl FnMut(u32, u32, u32),
) -> Vec<(T, Option<T>)> {
    let mut kept = Vec::new();
    for side in all.into_values() {
        let Side {
            record,
            here,
            changed,
        } = side;
        match (gone(&record), here.is_some()) {
            (true, true) => count(0, 0, 1),
            (true, false) => {}
            (false, had) => {
                count(u32::from(!had), u32::from(changed), 0);
                kept.push((record, here));
            }
        }
    }
    kept
}

/// Each record numbered as `here` numbered it, the others after the highest of those, in the
/// order given (by identity).
fn number<T>(
    records: Vec<(T, Option<T>)>,
    here: &[T],
    id: impl Fn(&T) -> Option<u32>,
    set: impl Fn(&mut T, u32),
) -> Vec<T> {
    // Above every number `here` gave, also to records the merge removes: a number is never
    // handed to a second record.
    let mut next = here.iter().filter_map(&id).max().unwrap_or(0);
    records
        .into_iter()
        .map(|(mut record, here)| {
            let number = here.as_ref().and_then(&id).unwrap_or_else(|| {
                next += 1;
                next
            });
            set(&mut record, number);
            record
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Balance, Contact, InteractionKind, PersonKey, Profile, Site};
    use crate::people::ContactByUser;
    use crate::phrases::{book, Lang};

    const PEOPLE: [&str; 3] = ["linkedin:ada", "linkedin:bo", "linkedin:cy"];

    fn person(i: usize) -> PersonKey {
        PersonKey::new(
            Site::Linkedin,
            &PEOPLE[i % PEOPLE.len()]["linkedin:".len()..],
        )
    }

    fn contact(i: usize, last_imported: f64, tags: &[&str], changed: f64) -> StoredContact {
        let imported: Contact = serde_json::from_value(serde_json::json!({
            "id": PEOPLE[i % PEOPLE.len()],
            "first_name": "Ada",
            "last_name": format!("Example{last_imported}"),
        }))
        .unwrap();
        StoredContact {
            id: imported.id.clone(),
            imported,
            user: ContactByUser {
                tags: tags.iter().map(|t| t.to_string()).collect(),
                rhythm_days: None,
                changed,
            },
            first_imported: last_imported,
            last_imported,
        }
    }

    /// What two copies must agree on: everything but the store's own numbers and the time made.
    fn content(backup: &Backup) -> String {
        let mut b = backup.clone();
        b.exported = 0.0;
        for n in &mut b.notes {
            n.uid = Some(note_uid(n));
            n.id = None;
        }
        for i in &mut b.interactions {
            i.uid = Some(interaction_uid(i));
            i.id = None;
        }
        b.notes.sort_by(|x, y| x.uid.cmp(&y.uid));
        b.interactions.sort_by(|x, y| x.uid.cmp(&y.uid));
        serde_json::to_string(&b).unwrap()
    }

    /// One device's copy, drawn from a small world so that copies overlap: a few uids, people,
    /// times and texts, and deletions of any of them.
    fn a_copy() -> impl Strategy<Value = Backup> {
        let note = (0..5usize, proptest::option::of(1..9u32), 0..3usize);
        let interaction = 0..4usize;
        let mark = (0..3usize, any::<bool>(), 0..6u32);
        let tomb = (0..4usize, 0..5usize, 0..10u32);
        let contacted = (0..3usize, 1..5u32, 0..2usize, 0..6u32);
        let setting = (0..2usize, 0..3u32, 0..4u32);
        let me = (proptest::option::of(0..3usize), 0..4u32);
        (
            proptest::collection::vec(note, 0..6),
            proptest::collection::vec(interaction, 0..4),
            proptest::collection::vec(mark, 0..3),
            proptest::collection::vec(tomb, 0..4),
            proptest::collection::vec(contacted, 0..3),
            proptest::collection::vec(setting, 0..2),
            me,
            any::<bool>(),
        )
            .prop_map(
                |(notes, interactions, marks, tombs, contacts, settings, me, legacy)| {
                    let mut b = Backup::new(1.0);
                    let k = 1000.0;
                    // What never changes on a record follows from its identity: a note's person
                    // and time written, all of an interaction.
                    for (uid, edited, text) in notes {
                        let mut note = Note::new(
                            person(uid),
                            ["met at the meetup", "likes chess", "moved to Utrecht"][text].into(),
                            (uid + 1) as f64 * k,
                        );
                        note.id = Some(uid as u32 + 1);
                        // Old notes have no uid: their identity comes from their number and time.
                        note.uid = (!legacy || uid > 2).then(|| format!("n{uid}"));
                        note.edited = edited.map(|e| f64::from(e) * k);
                        if !b.notes.iter().any(|m| note_uid(m) == note_uid(&note)) {
                            b.notes.push(note);
                        }
                    }
                    for uid in interactions {
                        let interaction = Interaction {
                            id: Some(uid as u32 + 1),
                            uid: Some(format!("i{uid}")),
                            person: person(uid),
                            kind: InteractionKind::Met,
                            balance: Balance::Give,
                            text: String::new(),
                            at: (uid + 1) as f64 * k,
                        };
                        if !b.interactions.iter().any(|m| m.uid == interaction.uid) {
                            b.interactions.push(interaction);
                        }
                    }
                    for (who, key, changed) in marks {
                        if !b.marks.iter().any(|m| m.person == PEOPLE[who]) {
                            b.marks.push(Marks {
                                person: PEOPLE[who].into(),
                                key,
                                changed: f64::from(changed) * k,
                                ..Marks::default()
                            });
                        }
                    }
                    for (kind, id, at) in tombs {
                        let (kind, id) = match kind {
                            0 => (Gone::Note, format!("n{id}")),
                            1 => (Gone::Interaction, format!("i{id}")),
                            2 => (Gone::Marks, PEOPLE[id % 3].into()),
                            _ => (Gone::Person, PEOPLE[id % 3].into()),
                        };
                        b.tombstones.push(Tombstone {
                            kind,
                            id,
                            at: f64::from(at) * k,
                        });
                    }
                    for (who, imported, tags, changed) in contacts {
                        let c = contact(
                            who,
                            f64::from(imported) * k,
                            &[["mentor"], ["klant"]][tags],
                            f64::from(changed) * k,
                        );
                        if !b.contacts.iter().any(|d| d.id == c.id) {
                            b.contacts.push(c);
                        }
                    }
                    for (name, value, changed) in settings {
                        let name = ["language", "goals"][name].to_owned();
                        if !b.settings.iter().any(|s| s.name == name) {
                            b.settings.push(Setting {
                                name,
                                value: value.into(),
                                changed: f64::from(changed) * k,
                            });
                        }
                    }
                    if let Some(who) = me.0 {
                        b.me.page = Some(Profile::named(
                            Site::Linkedin,
                            String::new(),
                            who.to_string(),
                            format!("Me {who}"),
                        ));
                        b.me_changed = f64::from(me.1) * k;
                    }
                    b.canonical()
                },
            )
    }

    proptest! {
        #[test]
        fn merging_is_commutative(a in a_copy(), b in a_copy()) {
            prop_assert_eq!(content(&merge(&a, &b).backup), content(&merge(&b, &a).backup));
        }

        #[test]
        fn merging_is_associative(a in a_copy(), b in a_copy(), c in a_copy()) {
            let left = merge(&merge(&a, &b).backup, &c).backup;
            let right = merge(&a, &merge(&b, &c).backup).backup;
            prop_assert_eq!(content(&left), content(&right));
        }

        #[test]
        fn merging_the_same_file_again_changes_nothing(a in a_copy(), b in a_copy()) {
            let once = merge(&a, &b).backup;
            let twice = merge(&once, &b);
            prop_assert!(twice.changes.is_empty(), "{:?}", twice.changes);
            prop_assert_eq!(content(&twice.backup), content(&once));
            let itself = merge(&once, &once);
            prop_assert!(itself.changes.is_empty());
            prop_assert_eq!(itself.backup, once);
        }

        #[test]
        fn here_keeps_its_numbers_and_no_number_is_given_twice(a in a_copy(), b in a_copy()) {
            let merged = merge(&a, &b).backup;
            let mut ids: Vec<u32> = merged.notes.iter().map(|n| n.id.unwrap()).collect();
            for note in &a.notes {
                if let Some(kept) = merged.notes.iter().find(|m| note_uid(m) == note_uid(note)) {
                    prop_assert_eq!(kept.id, note.id);
                }
            }
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), merged.notes.len());
            prop_assert!(merged.notes.iter().all(|n| n.uid.is_some()));
        }
    }

    fn note(uid: &str, id: u32, text: &str, created: f64, edited: Option<f64>) -> Note {
        Note {
            id: Some(id),
            uid: Some(uid.into()),
            edited,
            ..Note::new(person(0), text.into(), created)
        }
    }

    fn with_notes(notes: Vec<Note>, tombstones: Vec<Tombstone>) -> Backup {
        Backup {
            notes,
            tombstones,
            ..Backup::new(0.0)
        }
    }

    fn gone(kind: Gone, id: &str, at: f64) -> Tombstone {
        Tombstone {
            kind,
            id: id.into(),
            at,
        }
    }

    #[test]
    fn a_deletion_wins_over_older_edits_and_loses_to_newer_ones() {
        let here = with_notes(
            vec![note("x", 1, "edited before", 10.0, Some(20.0))],
            vec![],
        );
        let deleted_later = with_notes(vec![], vec![gone(Gone::Note, "x", 30.0)]);
        let merged = merge(&here, &deleted_later);
        assert!(merged.backup.notes.is_empty());
        assert_eq!(merged.changes.removed.notes, 1);

        let edited_later = with_notes(vec![note("x", 1, "edited after", 10.0, Some(40.0))], vec![]);
        let merged = merge(&merge(&here, &deleted_later).backup, &edited_later);
        assert_eq!(merged.backup.notes.len(), 1);
        assert_eq!(merged.backup.notes[0].text, "edited after");
        assert_eq!(merged.changes.added.notes, 1);
    }

    #[test]
    fn notes_with_the_same_number_from_two_devices_are_both_kept() {
        let laptop = with_notes(
            vec![note("laptop-1", 1, "from the laptop", 10.0, None)],
            vec![],
        );
        let desktop = with_notes(
            vec![note("desktop-1", 1, "from the desktop", 11.0, None)],
            vec![],
        );
        let merged = merge(&laptop, &desktop);
        let texts: Vec<(Option<u32>, &str)> = merged
            .backup
            .notes
            .iter()
            .map(|n| (n.id, n.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![(Some(1), "from the laptop"), (Some(2), "from the desktop")]
        );
        assert_eq!(merged.changes.added.notes, 1);
    }

    #[test]
    fn old_notes_restored_on_two_devices_are_one_note() {
        let mut old = Note::new(person(1), "from a version 2 backup".into(), 5000.0);
        old.id = Some(7);
        let a = with_notes(vec![old.clone()], vec![]);
        let merged = merge(&a, &a.clone());
        assert_eq!(merged.backup.notes.len(), 1);
        assert!(merged.changes.is_empty());
    }

    #[test]
    fn a_forgotten_person_stays_forgotten_unless_met_again() {
        let mut here = with_notes(vec![note("x", 1, "about ada", 10.0, None)], vec![]);
        here.contacts.push(contact(0, 5.0, &["mentor"], 6.0));
        here.marks.push(Marks {
            person: PEOPLE[0].into(),
            key: true,
            changed: 7.0,
            ..Marks::default()
        });
        let forgot = with_notes(vec![], vec![gone(Gone::Person, PEOPLE[0], 50.0)]);
        let merged = merge(&here, &forgot);
        assert!(merged.backup.notes.is_empty());
        assert!(merged.backup.contacts.is_empty());
        assert!(merged.backup.marks.is_empty());
        assert_eq!(merged.changes.removed.contacts, 1);

        // Imported again after the forget: the contact is back, what the user wrote before is not.
        let mut later = Backup::new(0.0);
        later.contacts.push(contact(0, 60.0, &[], 0.0));
        let merged = merge(&merged.backup, &later);
        assert_eq!(merged.backup.contacts.len(), 1);
        assert!(merged.backup.notes.is_empty());
    }

    #[test]
    fn a_contact_is_kept_as_last_imported_or_corrected() {
        let mut a = Backup::new(0.0);
        a.contacts.push(contact(0, 10.0, &["mentor"], 40.0));
        let mut b = Backup::new(0.0);
        b.contacts.push(contact(0, 30.0, &["klant"], 20.0));
        let merged = merge(&a, &b).backup;
        assert_eq!(merged.contacts[0].user.tags, vec!["mentor".to_string()]);
        assert_eq!(merged.contacts[0].last_imported, 10.0);
        let mut c = Backup::new(0.0);
        c.contacts.push(contact(0, 50.0, &["klant"], 20.0));
        assert_eq!(
            merge(&a, &c).backup.contacts[0].user.tags,
            vec!["klant".to_string()]
        );
    }

    #[test]
    fn what_a_merge_would_change_is_said_in_both_languages() {
        let here = with_notes(
            vec![note("x", 1, "a", 10.0, None), note("y", 2, "b", 10.0, None)],
            vec![],
        );
        let there = with_notes(
            vec![
                note("x", 1, "a, edited", 10.0, Some(20.0)),
                note("z", 1, "c", 12.0, None),
            ],
            vec![gone(Gone::Note, "y", 30.0)],
        );
        let changes = merge(&here, &there).changes;
        assert_eq!(
            changes.summary(book(Lang::EN)),
            "A merge would add 1 note; update 1 note; remove 1 note deleted elsewhere."
        );
        assert_eq!(
            changes.summary(book(Lang::from_code("nl").unwrap())),
            "Samenvoegen zou 1 notitie toevoegen; 1 notitie bijwerken; 1 notitie verwijderen die \
             elders zijn gewist."
        );
        assert_eq!(
            changes.done(book(Lang::EN)),
            "Merged: added 1 note; updated 1 note; removed 1 note deleted elsewhere."
        );
        assert_eq!(
            merge(&there, &there).changes.summary(book(Lang::EN)),
            "A merge would change nothing: everything in this file is here already."
        );
    }
}
