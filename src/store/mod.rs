//! The IndexedDB store in the extension's origin: the one place anything the user keeps lives.
//!
//! Only the service worker opens it (extension frames embedded in a page are third parties and
//! are denied IndexedDB; content scripts would write into the page's origin). Every write is one
//! transaction: all of it lands or none of it does ([`Store::write`]). The schema is versioned;
//! [`migrate`] takes a database of any earlier version forward, step by step, without loss.
//!
//! Object stores (schema version 5; version 1 had the first three, version 2 added contacts
//! through `me`, version 3 `interactions`, version 4 `marks`, version 5 `tombstones`):
//! - `notes`: [`Note`] records, key `id` (auto-increment), index `by_person` on `person`.
//! - `profiles`: the last reading of each profile the user opened, key `person`
//!   (`{person, profile, first_seen, last_seen, previous, previous_seen}`; `previous` is the
//!   reading as of the user's previous visit, to tell what changed since).
//! - `settings`: small preferences, key `name` (`{name, value}`).
//! - `contacts`: the user's connections in [`CONTACT_BUCKETS`] buckets, key `bucket`
//!   (`{bucket, json}`, `json` a list of `{id, imported, user, …}` where `imported` is what the
//!   last export said and `user` is what the user wrote, never touched by an import). A contact's
//!   bucket is a stable hash of its id ([`bucket_of`]). IndexedDB pays per record: 30,000
//!   one-contact records took 4.5 s to write in Chromium, 64 buckets well under a second.
//! - `conversations`: message counts per person, key `person`.
//! - `invitations`: key `id` (`person|date|direction`), index `by_person`.
//! - `me`: key `source` (`import`, `page`, `manual`), `{source, profile}`; see [`crate::me`].
//! - `interactions`: [`Interaction`] records, key `id` (auto-increment), index `by_person`.
//! - `marks` (version 4): what the user marked about a person ([`Marks`]: key person,
//!   keep-in-touch rhythm, goals), key `person`.
//! - `tombstones` (version 5): what was deleted ([`Tombstone`]), key `[kind, id]`, so that a
//!   merge with another device's backup does not bring it back (see [`crate::merge`]).
//!
//! Every note and interaction gets a `uid` when first stored, and every change the user makes
//! records when (`edited`, `changed`, the `me_changed` setting): what a merge compares.

use idb::{
    CursorDirection, Database, Factory, Index, IndexParams, KeyPath, KeyRange, ObjectStoreParams,
    Query, Transaction, TransactionMode,
};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::backup::{
    invitation_id, Backup, Setting, StoredContact as ContactRecord, StoredProfile as ProfileRecord,
    MAX_RECORD_ID,
};
use crate::extract::{complete, PagePart};
use crate::import::Export;
use crate::me::Me;
use crate::merge::{interaction_uid, merge, note_uid, Changes, Gone, Tombstone};
use crate::model::{Contact, Conversation, Interaction, Marks, Note, PersonKey, Profile};
pub use crate::people::ContactByUser;
use crate::phrases::Book;
use crate::protocol::Refusal;
pub use crate::protocol::{Forgotten, ImportSummary};
use crate::relationship::Kept;
use crate::rhythm::Rule;

/// The schema version this build writes. Raise it by one for every change, and add the step to
/// [`migrate`].
pub const SCHEMA_VERSION: u32 = 5;

/// The database the extension uses; tests open others by name.
pub const DATABASE_NAME: &str = "common-ground";

pub const NOTES: &str = "notes";
pub const PROFILES: &str = "profiles";
pub const SETTINGS: &str = "settings";
pub const CONTACTS: &str = "contacts";
pub const CONVERSATIONS: &str = "conversations";
pub const INVITATIONS: &str = "invitations";
pub const ME: &str = "me";
pub const INTERACTIONS: &str = "interactions";
pub const MARKS: &str = "marks";
pub const TOMBSTONES: &str = "tombstones";
const BY_PERSON: &str = "by_person";
/// Every object store: what a backup holds and a restore replaces.
const ALL_STORES: [&str; 10] = [
    NOTES,
    PROFILES,
    SETTINGS,
    CONTACTS,
    CONVERSATIONS,
    INVITATIONS,
    ME,
    INTERACTIONS,
    MARKS,
    TOMBSTONES,
];
const CONTACT_COUNT: &str = "contact_count";
/// The name of the browser's error for a write past the origin's quota.
const QUOTA_EXCEEDED: &str = "QuotaExceededError";
/// When who the user is last changed: a backup's `me_changed`, not one of its settings.
const ME_CHANGED: &str = "me_changed";
/// The passphrase backups are encrypted with: kept in this browser only.
pub const PASSPHRASE: &str = "backup_passphrase";
/// How often backups are written by themselves (`autobackup::Every`).
pub const BACKUP_EVERY: &str = "backup_every";
/// When the last automatic backup was written (milliseconds since the Unix epoch).
pub const LAST_BACKUP: &str = "last_backup";
/// The text of the last automatic backup, written beside the next as `…-previous`.
pub const PREVIOUS_BACKUP: &str = "backup_previous";
/// Settings of this browser rather than the user's records: never in a backup, and kept as they
/// are through a restore or merge.
const KEPT_SETTINGS: [&str; 4] = [PASSPHRASE, BACKUP_EVERY, LAST_BACKUP, PREVIOUS_BACKUP];
/// Settings of this store, made again by a restore.
const OWN_SETTINGS: [&str; 2] = [CONTACT_COUNT, ME_CHANGED];

/// How many buckets hold the contacts. Part of the schema: changing it needs a migration.
pub const CONTACT_BUCKETS: u32 = 64;

/// The bucket of a contact id: FNV-1a, stable across builds and platforms.
pub fn bucket_of(id: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % CONTACT_BUCKETS
}

/// What can go wrong in the store, said so the user knows what happened to their data (in
/// their language: [`StoreError::message`]). `String`s hold the browser's or the JSON reader's
/// own words: the database's are said, the others go to the console (`background.rs`).
#[derive(Debug)]
pub enum StoreError {
    /// The browser's database refused the operation.
    Database(String),
    /// A stored record of `store` could not be read; it was left as it is.
    Unreadable {
        store: &'static str,
        detail: String,
    },
    /// The record could not be prepared for storage.
    Unwritable(String),
    /// The write was not completed; nothing of it was stored.
    Aborted,
    /// The browser's storage for the extension is full: the write was refused whole.
    Full,
    /// The database was written by a newer Common Ground.
    NewerSchema {
        found: u32,
    },
    /// A backup that cannot be restored.
    Backup(crate::backup::BackupError),
    /// An encrypted backup that cannot be opened or made.
    Sealed(crate::sealed::SealError),
    Refused(Refusal),
}

impl StoreError {
    /// What happened, for the user, in `t`'s language.
    pub fn message(&self, t: &Book) -> String {
        match self {
            StoreError::Database(detail) => t.say("store_error.database", &[("detail", detail)]),
            StoreError::Unreadable { store, .. } => {
                t.say("store_error.unreadable", &[("store", store)])
            }
            StoreError::Unwritable(_) => t.text("store_error.unwritable").to_owned(),
            StoreError::Aborted => t.text("store_error.aborted").to_owned(),
            StoreError::Full => t.text("store_error.full").to_owned(),
            StoreError::NewerSchema { found } => t.say(
                "store_error.newer_schema",
                &[
                    ("found", &found.to_string()),
                    ("knows", &SCHEMA_VERSION.to_string()),
                ],
            ),
            StoreError::Backup(e) => e.message(t),
            StoreError::Sealed(e) => e.message(t),
            StoreError::Refused(refusal) => refusal.message(t),
        }
    }
}

crate::phrases::in_english!(StoreError);

impl std::error::Error for StoreError {}

impl From<idb::Error> for StoreError {
    fn from(e: idb::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

/// Readings closer together than this belong to one visit (a reload, a details page, lazy
/// cards); a reading after a longer pause starts a new visit.
pub const VISIT_GAP_MS: f64 = 30.0 * 60.0 * 1000.0;

/// A profile as stored: the latest reading, and the one from the user's previous visit.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub profile: Profile,
    pub previous: Option<Profile>,
    pub previous_seen: Option<f64>,
    pub first_seen: f64,
}

/// One bucket of contacts as IndexedDB holds it: the contacts as JSON text.
#[derive(Serialize, Deserialize)]
struct BucketRecord {
    bucket: u32,
    json: String,
}

fn bucket_contacts(value: JsValue) -> Result<Vec<ContactRecord>, StoreError> {
    let record: BucketRecord = read(CONTACTS, value)?;
    serde_json::from_str(&record.json).map_err(|e| StoreError::Unreadable {
        store: CONTACTS,
        detail: format!("bucket {}: {e}", record.bucket),
    })
}

fn bucket_value(bucket: u32, contacts: &[ContactRecord]) -> Result<JsValue, StoreError> {
    let json =
        serde_json::to_string(contacts).map_err(|e| StoreError::Unwritable(e.to_string()))?;
    to_js(&BucketRecord { bucket, json })
}

#[derive(Serialize, Deserialize)]
struct MeRecord {
    source: String,
    profile: Profile,
}

/// An invitation as stored: its fields and an `id` beside them (read back as an [`Invitation`],
/// which ignores the id). Written out by hand rather than with `#[serde(flatten)]`, whose
/// reading code costs the service worker's module several kilobytes.
#[derive(Serialize)]
struct InvitationRecord<'a> {
    id: String,
    person: &'a str,
    name: &'a str,
    outgoing: bool,
    sent_on: &'a Option<String>,
    message: &'a Option<String>,
}

#[derive(Serialize, Deserialize)]
struct SettingRecord<T> {
    name: String,
    value: T,
    /// When it was set (see [`Setting::changed`]).
    #[serde(default)]
    changed: f64,
}

/// `error`, or [`StoreError::Full`] when the transaction of `store` (an object store in it)
/// ended because the origin's quota is used up. Apart from [`Store::write`], which is made once
/// per kind of write.
#[inline(never)]
fn why_aborted(store: &JsValue, error: StoreError) -> StoreError {
    let get = |v: &JsValue, key: &str| js_sys::Reflect::get(v, &JsValue::from_str(key)).ok();
    let name = get(store, "transaction")
        .and_then(|tx| get(&tx, "error"))
        .and_then(|error| get(&error, "name"))
        .and_then(|name| name.as_string());
    match name.as_deref() {
        Some(QUOTA_EXCEEDED) => StoreError::Full,
        _ => error,
    }
}

/// The time now, for what a merge compares.
fn stamp() -> f64 {
    js_sys::Date::now()
}

/// A new uid for a note or interaction: the time and 52 random bits, unique across devices in
/// practice (an identity, not a secret).
fn fresh_uid() -> String {
    let random = (js_sys::Math::random() * (1u64 << 52) as f64) as u64;
    format!("{:x}-{random:013x}", stamp() as u64)
}

/// Records in `tx` that who the user is changed now.
fn me_changed(tx: &Transaction) -> Result<(), StoreError> {
    let record = SettingRecord {
        name: ME_CHANGED.to_owned(),
        value: stamp(),
        changed: stamp(),
    };
    let _ = tx.object_store(SETTINGS)?.put(&to_js(&record)?, None)?;
    Ok(())
}

/// Everything stored, read in `tx`, as a backup made at `now` in canonical order.
async fn read_everything(tx: &Transaction, now: f64) -> Result<Backup, StoreError> {
    let all = |name: &str| tx.object_store(name)?.get_all(None, None);
    // Made together, awaited in the order made (see `kept_in`).
    let me = all(ME)?;
    let profiles = all(PROFILES)?;
    let notes = all(NOTES)?;
    let interactions = all(INTERACTIONS)?;
    let buckets = all(CONTACTS)?;
    let conversations = all(CONVERSATIONS)?;
    let invitations = all(INVITATIONS)?;
    let settings = all(SETTINGS)?;
    let marks = all(MARKS)?;
    let tombstones = all(TOMBSTONES)?;
    let mut backup = Backup::new(now);
    backup.me = me_of(read_all(ME, me.await?)?);
    backup.profiles = read_all(PROFILES, profiles.await?)?;
    backup.notes = read_all(NOTES, notes.await?)?;
    backup.interactions = read_all(INTERACTIONS, interactions.await?)?;
    for value in buckets.await? {
        backup.contacts.extend(bucket_contacts(value)?);
    }
    backup.conversations = read_all(CONVERSATIONS, conversations.await?)?;
    backup.invitations = read_all(INVITATIONS, invitations.await?)?;
    let settings: Vec<Setting> = read_all(SETTINGS, settings.await?)?;
    for setting in settings {
        if setting.name == ME_CHANGED {
            backup.me_changed = setting.value.as_f64().unwrap_or_default();
        } else if !OWN_SETTINGS.contains(&setting.name.as_str())
            && !KEPT_SETTINGS.contains(&setting.name.as_str())
        {
            backup.settings.push(setting);
        }
    }
    backup.marks = read_all(MARKS, marks.await?)?;
    backup.tombstones = read_all(TOMBSTONES, tombstones.await?)?;
    Ok(backup.canonical())
}

/// Replaces everything stored with `backup`, in `tx`.
async fn write_everything(tx: &Transaction, backup: &Backup) -> Result<(), StoreError> {
    let mut kept = Vec::new();
    for name in KEPT_SETTINGS {
        kept.extend(
            tx.object_store(SETTINGS)?
                .get(JsValue::from_str(name))?
                .await?,
        );
    }
    for name in ALL_STORES {
        tx.object_store(name)?.clear()?.await?;
    }
    // Requests run in order inside the transaction; only its end is awaited.
    let put_all = |name: &str, values: Vec<JsValue>| -> Result<(), StoreError> {
        let store = tx.object_store(name)?;
        for value in values {
            let _ = store.put(&value, None)?;
        }
        Ok(())
    };
    let me = [
        ("import", &backup.me.imported),
        ("page", &backup.me.page),
        ("manual", &backup.me.manual),
    ];
    let mut records = Vec::new();
    for (source, profile) in me {
        if let Some(profile) = profile {
            records.push(to_js(&MeRecord {
                source: source.to_owned(),
                profile: profile.clone(),
            })?);
        }
    }
    put_all(ME, records)?;
    put_all(PROFILES, all_js(&backup.profiles)?)?;
    put_all(NOTES, all_js(&backup.notes)?)?;
    put_all(INTERACTIONS, all_js(&backup.interactions)?)?;
    put_all(CONVERSATIONS, all_js(&backup.conversations)?)?;
    let invitations = backup
        .invitations
        .iter()
        .map(|i| {
            to_js(&InvitationRecord {
                id: invitation_id(i),
                person: &i.person,
                name: &i.name,
                outgoing: i.outgoing,
                sent_on: &i.sent_on,
                message: &i.message,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    put_all(INVITATIONS, invitations)?;
    let mut buckets: Vec<Vec<ContactRecord>> = (0..CONTACT_BUCKETS).map(|_| Vec::new()).collect();
    for contact in &backup.contacts {
        buckets[bucket_of(&contact.id) as usize].push(contact.clone());
    }
    let buckets = buckets
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.is_empty())
        .map(|(i, b)| bucket_value(i as u32, b))
        .collect::<Result<Vec<_>, _>>()?;
    put_all(CONTACTS, buckets)?;
    // This browser's own settings come from here, never from a file (a hostile one could name
    // them to set the passphrase).
    let theirs: Vec<&Setting> = backup
        .settings
        .iter()
        .filter(|s| {
            !OWN_SETTINGS.contains(&s.name.as_str()) && !KEPT_SETTINGS.contains(&s.name.as_str())
        })
        .collect();
    let mut settings = all_js(&theirs)?;
    settings.push(to_js(&SettingRecord {
        name: CONTACT_COUNT.to_owned(),
        value: backup.contacts.len() as u32,
        changed: 0.0,
    })?);
    settings.push(to_js(&SettingRecord {
        name: ME_CHANGED.to_owned(),
        value: backup.me_changed,
        changed: backup.me_changed,
    })?);
    settings.extend(kept);
    put_all(SETTINGS, settings)?;
    put_all(MARKS, all_js(&backup.marks)?)?;
    put_all(TOMBSTONES, all_js(&backup.tombstones)?)?;
    Ok(())
}

/// Records that `kind` `id` was deleted now, in `tx`.
fn bury(tx: &Transaction, kind: Gone, id: String) -> Result<(), StoreError> {
    let record = Tombstone {
        kind,
        id,
        at: stamp(),
    };
    let _ = tx.object_store(TOMBSTONES)?.put(&to_js(&record)?, None)?;
    Ok(())
}

/// An open connection to the store.
pub struct Store {
    db: Database,
}

impl Store {
    /// Opens (creating or migrating as needed) the database called `name`.
    pub async fn open(name: &str) -> Result<Store, StoreError> {
        let factory = Factory::new()?;
        let mut request = factory.open(name, Some(SCHEMA_VERSION))?;
        request.on_upgrade_needed(upgrade);
        let store = match request.await {
            Ok(db) => Store { db },
            Err(e) => return Err(Self::why_open_failed(&factory, name, e).await),
        };
        store.repair_ids().await?;
        Ok(store)
    }

    /// Gives a new id to every note and interaction whose id an older build let grow past
    /// [`MAX_RECORD_ID`] (from a restored backup): such an id did not read back, and every list,
    /// search and backup failed on it. One transaction; nothing is lost, only renumbered.
    async fn repair_ids(&self) -> Result<(), StoreError> {
        let beyond = Query::KeyRange(KeyRange::lower_bound(
            &JsValue::from(MAX_RECORD_ID),
            Some(true),
        )?);
        for name in [NOTES, INTERACTIONS] {
            let tx = self.db.transaction(&[name], TransactionMode::ReadOnly)?;
            let count = tx.object_store(name)?.count(Some(beyond.clone()))?.await?;
            tx.await?;
            if count == 0 {
                continue;
            }
            self.write(&[name], async |tx| {
                let store = tx.object_store(name)?;
                let records = store.get_all(Some(beyond.clone()), None)?.await?;
                store.delete(beyond.clone())?.await?;
                for record in records {
                    let id = next_id(tx, name).await?;
                    js_sys::Reflect::set(&record, &JsValue::from_str("id"), &JsValue::from(id))
                        .map_err(|_| StoreError::Unwritable(format!("a {name} record")))?;
                    store.put(&record, None)?.await?;
                }
                Ok(())
            })
            .await?;
        }
        Ok(())
    }

    /// Opening at our version fails when the database is newer than this build: say so, so the
    /// user updates instead of believing their data is gone.
    async fn why_open_failed(factory: &Factory, name: &str, error: idb::Error) -> StoreError {
        if let Ok(request) = factory.open(name, None) {
            if let Ok(db) = request.await {
                let found = db.version().unwrap_or(0);
                db.close();
                if found > SCHEMA_VERSION {
                    return StoreError::NewerSchema { found };
                }
            }
        }
        error.into()
    }

    /// The schema version of the open database.
    pub fn version(&self) -> Result<u32, StoreError> {
        Ok(self.db.version()?)
    }

    /// Runs `body` in one read-write transaction over `stores`: it commits when `body` returns
    /// `Ok`, and is aborted — leaving the database exactly as it was — when `body` fails.
    pub async fn write<T>(
        &self,
        stores: &[&str],
        body: impl AsyncFnOnce(&Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self.db.transaction(stores, TransactionMode::ReadWrite)?;
        // The browser's transaction object, to ask why it ended once committing has taken `tx`.
        let probe: JsValue = match stores.first() {
            Some(name) => tx.object_store(name)?.into(),
            None => JsValue::UNDEFINED,
        };
        let outcome = match body(&tx).await {
            Ok(value) => match tx.commit()?.await?.is_committed() {
                true => Ok(value),
                false => Err(StoreError::Aborted),
            },
            Err(e) => {
                // Aborting can only fail if the browser already aborted it; either way nothing
                // of this transaction is stored.
                let _ = tx.abort();
                Err(e)
            }
        };
        outcome.map_err(|e| why_aborted(&probe, e))
    }

    /// Folds a new reading of `part` of a profile into what is stored about that person (see
    /// [`complete`]) and records that the user saw it now, keeping when they first did. Returns
    /// the profile as stored, or `None` when a details page arrived before any main page and did
    /// not name the person (then nothing is written).
    pub async fn remember_profile(
        &self,
        fresh: Profile,
        part: PagePart,
        now: f64,
    ) -> Result<Option<Profile>, StoreError> {
        let person = fresh.key();
        self.write(&[PROFILES], async |tx| {
            let store = tx.object_store(PROFILES)?;
            let earlier: Option<ProfileRecord> =
                read_opt(PROFILES, store.get(to_js(&person)?)?.await?)?;
            let Some(profile) = complete(earlier.as_ref().map(|r| &r.profile), fresh, part) else {
                return Ok(None);
            };
            // A new visit keeps the reading the previous one ended with, to compare against.
            let (previous, previous_seen) = match earlier.as_ref() {
                Some(e) if now - e.last_seen >= VISIT_GAP_MS => {
                    (Some(e.profile.clone()), Some(e.last_seen))
                }
                Some(e) => (e.previous.clone(), e.previous_seen),
                None => (None, None),
            };
            let record = ProfileRecord {
                person: person.clone(),
                profile,
                first_seen: earlier.map_or(now, |r| r.first_seen),
                last_seen: now,
                previous,
                previous_seen,
            };
            store.put(&to_js(&record)?, None)?.await?;
            Ok(Some(record.profile))
        })
        .await
    }

    /// The last reading of the profile filed under `person`, if the user has opened it.
    pub async fn profile(&self, person: &PersonKey) -> Result<Option<Profile>, StoreError> {
        let tx = self
            .db
            .transaction(&[PROFILES], TransactionMode::ReadOnly)?;
        let value = tx.object_store(PROFILES)?.get(to_js(person)?)?.await?;
        let record: Option<ProfileRecord> = read_opt(PROFILES, value)?;
        Ok(record.map(|r| r.profile))
    }

    /// Everything the overlay shows about `person`, read in one transaction: their profile
    /// (with the previous visit's reading), who the user is, the notes about them, the
    /// `collapsed` setting, the keep-in-touch rules stored under `rules`, the contact count, and
    /// what is kept under their key and under the further ids `also` names for their profile
    /// (their contact id).
    pub async fn overlay(
        &self,
        person: &PersonKey,
        collapsed: &str,
        rules: &str,
        also: impl FnOnce(&Profile) -> Vec<String>,
    ) -> Result<OverlayRead, StoreError> {
        let tx = self.db.transaction(
            &[
                PROFILES,
                ME,
                NOTES,
                SETTINGS,
                INTERACTIONS,
                INVITATIONS,
                MARKS,
            ],
            TransactionMode::ReadOnly,
        )?;
        let key = to_js(person)?;
        let profile = tx.object_store(PROFILES)?.get(key.clone())?;
        let me = tx.object_store(ME)?.get_all(None, None)?;
        let notes = tx
            .object_store(NOTES)?
            .index(BY_PERSON)?
            .get_all(Some(Query::Key(key)), None)?;
        let settings = tx.object_store(SETTINGS)?;
        let collapsed = settings.get(JsValue::from_str(collapsed))?;
        let rules = settings.get(JsValue::from_str(rules))?;
        let contacts = settings.get(JsValue::from_str(CONTACT_COUNT))?;

        let record: Option<ProfileRecord> = read_opt(PROFILES, profile.await?)?;
        let me = me_of(read_all(ME, me.await?)?);
        let notes = newest_first(read_all(NOTES, notes.await?)?);
        let collapsed: Option<SettingRecord<bool>> = read_opt(SETTINGS, collapsed.await?)?;
        let rules: Option<SettingRecord<Vec<Rule>>> = read_opt(SETTINGS, rules.await?)?;
        let contacts: Option<SettingRecord<u32>> = read_opt(SETTINGS, contacts.await?)?;
        let mut ids = vec![person.as_str().to_owned()];
        if let Some(record) = &record {
            ids.extend(also(&record.profile));
        }
        Ok(OverlayRead {
            kept: kept_in(&tx, &ids).await?,
            visit: record.map(ProfileRecord::into_visit),
            me,
            notes,
            collapsed: collapsed.is_some_and(|s| s.value),
            rules: rules.map(|s| s.value).unwrap_or_default(),
            contacts: contacts.map_or(0, |s| s.value),
        })
    }

    /// Every contact with what the user wrote about them, every conversation, note and logged
    /// interaction: what [`crate::people::People`] is built from, once per service-worker
    /// lifetime.
    pub async fn everyone(&self) -> Result<Everyone, StoreError> {
        let tx = self.db.transaction(
            &[CONTACTS, CONVERSATIONS, NOTES, INTERACTIONS],
            TransactionMode::ReadOnly,
        )?;
        let buckets = tx.object_store(CONTACTS)?.get_all(None, None)?;
        let conversations = tx.object_store(CONVERSATIONS)?.get_all(None, None)?;
        let notes = tx.object_store(NOTES)?.get_all(None, None)?;
        let interactions = tx.object_store(INTERACTIONS)?.get_all(None, None)?;
        let mut contacts = Vec::new();
        for value in buckets.await? {
            contacts.extend(
                bucket_contacts(value)?
                    .into_iter()
                    .map(|r| (r.imported, r.user)),
            );
        }
        Ok(Everyone {
            contacts,
            conversations: read_all(CONVERSATIONS, conversations.await?)?,
            notes: read_all(NOTES, notes.await?)?,
            interactions: read_all(INTERACTIONS, interactions.await?)?,
        })
    }

    /// Stores a logged interaction and returns it with its id.
    pub async fn add_interaction(
        &self,
        mut interaction: Interaction,
    ) -> Result<Interaction, StoreError> {
        self.write(&[INTERACTIONS], async |tx| {
            interaction.id = Some(next_id(tx, INTERACTIONS).await?);
            interaction.uid.get_or_insert_with(fresh_uid);
            tx.object_store(INTERACTIONS)?
                .add(&to_js(&interaction)?, None)?
                .await?;
            Ok(interaction)
        })
        .await
    }

    /// Stores a new note and returns it with its id.
    pub async fn add_note(&self, mut note: Note) -> Result<Note, StoreError> {
        self.write(&[NOTES], async |tx| {
            note.id = Some(next_id(tx, NOTES).await?);
            note.uid.get_or_insert_with(fresh_uid);
            tx.object_store(NOTES)?.add(&to_js(&note)?, None)?.await?;
            Ok(note)
        })
        .await
    }

    /// Changes the text and tags of the note with `id`, and records when; returns it as stored.
    pub async fn edit_note(
        &self,
        id: u32,
        text: String,
        tags: Vec<String>,
        now: f64,
    ) -> Result<Note, StoreError> {
        self.write(&[NOTES], async |tx| {
            let store = tx.object_store(NOTES)?;
            let found: Option<Note> = read_opt(NOTES, store.get(JsValue::from(id))?.await?)?;
            let mut note = found.ok_or_else(|| no_such(true, id))?;
            note.text = text;
            note.tags = tags;
            note.edited = Some(now);
            store.put(&to_js(&note)?, None)?.await?;
            Ok(note)
        })
        .await
    }

    /// Deletes the note with `id`, leaving a tombstone, and returns it as it was (to undo with).
    pub async fn delete_note(&self, id: u32) -> Result<Note, StoreError> {
        self.write(&[NOTES, TOMBSTONES], async |tx| {
            let store = tx.object_store(NOTES)?;
            let found: Option<Note> = read_opt(NOTES, store.get(JsValue::from(id))?.await?)?;
            let note = found.ok_or_else(|| no_such(true, id))?;
            store.delete(JsValue::from(id))?.await?;
            bury(tx, Gone::Note, note_uid(&note))?;
            Ok(note)
        })
        .await
    }

    /// Puts a deleted note back as it was, under its own id, and its tombstone away.
    pub async fn restore_note(&self, note: Note) -> Result<Note, StoreError> {
        if note.id.is_none() {
            return Err(StoreError::Refused(Refusal::NeverStored));
        }
        self.write(&[NOTES, TOMBSTONES], async |tx| {
            tx.object_store(NOTES)?.put(&to_js(&note)?, None)?.await?;
            let key =
                js_sys::Array::of2(&to_js(&Gone::Note)?, &JsValue::from_str(&note_uid(&note)));
            tx.object_store(TOMBSTONES)?
                .delete(JsValue::from(key))?
                .await?;
            Ok(note)
        })
        .await
    }

    /// The interactions logged with `person`, newest first.
    pub async fn interactions_for(&self, person: &str) -> Result<Vec<Interaction>, StoreError> {
        let tx = self
            .db
            .transaction(&[INTERACTIONS], TransactionMode::ReadOnly)?;
        let index = tx.object_store(INTERACTIONS)?.index(BY_PERSON)?;
        let values = index
            .get_all(Some(Query::Key(JsValue::from_str(person))), None)?
            .await?;
        let mut all: Vec<Interaction> = read_all(INTERACTIONS, values)?;
        all.sort_by(|a, b| b.at.total_cmp(&a.at).then(b.id.cmp(&a.id)));
        Ok(all)
    }

    /// Deletes a logged interaction and returns it.
    pub async fn delete_interaction(&self, id: u32) -> Result<Interaction, StoreError> {
        self.write(&[INTERACTIONS, TOMBSTONES], async |tx| {
            let store = tx.object_store(INTERACTIONS)?;
            let found: Option<Interaction> =
                read_opt(INTERACTIONS, store.get(JsValue::from(id))?.await?)?;
            let interaction = found.ok_or_else(|| no_such(false, id))?;
            store.delete(JsValue::from(id))?.await?;
            bury(tx, Gone::Interaction, interaction_uid(&interaction))?;
            Ok(interaction)
        })
        .await
    }

    /// Deletes the person filed under `person` and everything kept about them, under their key
    /// and under `contact` (their contact id, when they are one of the user's contacts): the
    /// profile readings, notes, interactions, invitations, the conversation and the contact,
    /// leaving a tombstone for each key. One transaction: all of it goes, or nothing does.
    pub async fn forget(
        &self,
        person: &PersonKey,
        contact: Option<&str>,
    ) -> Result<Forgotten, StoreError> {
        let mut ids = vec![person.as_str().to_owned()];
        ids.extend(contact.filter(|c| *c != person.as_str()).map(str::to_owned));
        let stores = [
            PROFILES,
            NOTES,
            INTERACTIONS,
            INVITATIONS,
            CONVERSATIONS,
            CONTACTS,
            SETTINGS,
            MARKS,
            TOMBSTONES,
        ];
        self.write(&stores, async |tx| {
            let mut forgotten = Forgotten::default();
            for id in &ids {
                bury(tx, Gone::Person, id.clone())?;
            }
            let profiles = tx.object_store(PROFILES)?;
            let key = to_js(person)?;
            forgotten.profile = profiles.get(key.clone())?.await?.is_some();
            profiles.delete(key)?.await?;
            for id in &ids {
                let id_key = JsValue::from_str(id);
                for (name, count) in [
                    (NOTES, &mut forgotten.notes),
                    (INTERACTIONS, &mut forgotten.interactions),
                    (INVITATIONS, &mut forgotten.invitations),
                ] {
                    let store = tx.object_store(name)?;
                    let keys = store
                        .index(BY_PERSON)?
                        .get_all_keys(Some(Query::Key(id_key.clone())), None)?
                        .await?;
                    *count += keys.len() as u32;
                    for key in keys {
                        store.delete(key)?.await?;
                    }
                }
                let marks = tx.object_store(MARKS)?;
                forgotten.marks |= marks.get(id_key.clone())?.await?.is_some();
                marks.delete(id_key.clone())?.await?;
                let conversations = tx.object_store(CONVERSATIONS)?;
                if conversations.get(id_key.clone())?.await?.is_some() {
                    conversations.delete(id_key)?.await?;
                    forgotten.conversation = true;
                }
            }
            if let Some(id) = contact {
                let contacts = tx.object_store(CONTACTS)?;
                let bucket = bucket_of(id);
                if let Some(value) = contacts.get(JsValue::from(bucket))?.await? {
                    let mut records = bucket_contacts(value)?;
                    let before = records.len();
                    records.retain(|r| r.id != id);
                    if records.len() < before {
                        contacts
                            .put(&bucket_value(bucket, &records)?, None)?
                            .await?;
                        forgotten.contact = true;
                        let settings = tx.object_store(SETTINGS)?;
                        let count: Option<SettingRecord<u32>> = read_opt(
                            SETTINGS,
                            settings.get(JsValue::from_str(CONTACT_COUNT))?.await?,
                        )?;
                        let count = SettingRecord {
                            name: CONTACT_COUNT.to_owned(),
                            value: count.map_or(0, |c| c.value.saturating_sub(1)),
                            changed: 0.0,
                        };
                        settings.put(&to_js(&count)?, None)?.await?;
                    }
                }
            }
            Ok(forgotten)
        })
        .await
    }

    /// All notes about `person`, newest first.
    pub async fn notes_for(&self, person: &PersonKey) -> Result<Vec<Note>, StoreError> {
        let tx = self.db.transaction(&[NOTES], TransactionMode::ReadOnly)?;
        let index = tx.object_store(NOTES)?.index(BY_PERSON)?;
        let values = index
            .get_all(Some(Query::Key(to_js(person)?)), None)?
            .await?;
        Ok(newest_first(read_all(NOTES, values)?))
    }

    /// A preference, or `None` when the user never set it.
    pub async fn setting<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, StoreError> {
        let tx = self
            .db
            .transaction(&[SETTINGS], TransactionMode::ReadOnly)?;
        let value = tx
            .object_store(SETTINGS)?
            .get(JsValue::from_str(name))?
            .await?;
        let record: Option<SettingRecord<T>> = read_opt(SETTINGS, value)?;
        Ok(record.map(|r| r.value))
    }

    pub async fn set_setting<T: Serialize>(&self, name: &str, value: T) -> Result<(), StoreError> {
        let record = SettingRecord {
            name: name.to_owned(),
            value,
            changed: stamp(),
        };
        self.write(&[SETTINGS], async |tx| {
            tx.object_store(SETTINGS)?
                .put(&to_js(&record)?, None)?
                .await?;
            Ok(())
        })
        .await
    }

    /// Stores what an export holds, in one transaction: all of it or, on any failure, none.
    /// Contacts are merged by id (profile address, else name and company): the export's fields
    /// are replaced, what the user wrote is kept. Conversations are replaced (an export holds
    /// every message); invitations are keyed so a re-import does not double them.
    pub async fn import(&self, export: &Export, now: f64) -> Result<ImportSummary, StoreError> {
        self.write(
            &[CONTACTS, CONVERSATIONS, INVITATIONS, ME, SETTINGS],
            async |tx| {
                let contacts = tx.object_store(CONTACTS)?;
                let mut buckets: Vec<Vec<ContactRecord>> =
                    (0..CONTACT_BUCKETS).map(|_| Vec::new()).collect();
                for value in contacts.get_all(None, None)?.await? {
                    for record in bucket_contacts(value)? {
                        buckets[bucket_of(&record.id) as usize].push(record);
                    }
                }
                let mut summary = ImportSummary::default();
                for contact in &export.contacts {
                    if contact.id.is_empty() {
                        return Err(StoreError::Refused(Refusal::NoIdentity {
                            name: contact.name(),
                        }));
                    }
                    let bucket = &mut buckets[bucket_of(&contact.id) as usize];
                    match bucket.iter_mut().find(|r| r.id == contact.id) {
                        Some(record) => {
                            record.imported = contact.clone();
                            record.last_imported = now;
                            summary.contacts_updated += 1;
                        }
                        None => {
                            bucket.push(ContactRecord {
                                id: contact.id.clone(),
                                imported: contact.clone(),
                                user: ContactByUser::default(),
                                first_imported: now,
                                last_imported: now,
                            });
                            summary.contacts_added += 1;
                        }
                    }
                }
                let mut count = 0;
                for (bucket, records) in buckets.iter().enumerate() {
                    count += records.len();
                    // Requests run in order inside the transaction; only its end is awaited.
                    let _ = contacts.put(&bucket_value(bucket as u32, records)?, None)?;
                }
                let count = SettingRecord {
                    name: CONTACT_COUNT.to_owned(),
                    value: count,
                    changed: 0.0,
                };
                let _ = tx.object_store(SETTINGS)?.put(&to_js(&count)?, None)?;
                let conversations = tx.object_store(CONVERSATIONS)?;
                for conversation in &export.conversations {
                    let _ = conversations.put(&to_js(conversation)?, None)?;
                    summary.conversations += 1;
                }
                let invitations = tx.object_store(INVITATIONS)?;
                for invitation in &export.invitations {
                    let record = InvitationRecord {
                        id: invitation_id(invitation),
                        person: &invitation.person,
                        name: &invitation.name,
                        outgoing: invitation.outgoing,
                        sent_on: &invitation.sent_on,
                        message: &invitation.message,
                    };
                    let _ = invitations.put(&to_js(&record)?, None)?;
                    summary.invitations += 1;
                }
                if let Some(me) = &export.me {
                    let record = MeRecord {
                        source: "import".into(),
                        profile: me.clone(),
                    };
                    tx.object_store(ME)?.put(&to_js(&record)?, None)?.await?;
                    me_changed(tx)?;
                    summary.me = true;
                }
                Ok(summary)
            },
        )
        .await
    }

    /// Everything stored, read in one transaction, in the backup's canonical order (the
    /// store's own settings, such as the contact count, are left out: a restore counts again).
    pub async fn backup(&self, now: f64) -> Result<Backup, StoreError> {
        let tx = self
            .db
            .transaction(&ALL_STORES, TransactionMode::ReadOnly)?;
        read_everything(&tx, now).await
    }

    /// Replaces everything stored with `backup`, in one transaction: on any failure the store
    /// stays exactly as it was.
    pub async fn restore(&self, backup: &Backup) -> Result<(), StoreError> {
        self.write(&ALL_STORES, async |tx| write_everything(tx, backup).await)
            .await
    }

    /// Merges `backup` into what is stored (see [`crate::merge`]), in one transaction that reads
    /// what is here and writes the result: on any failure the store stays as it was. With
    /// `apply` false nothing is written; either way it returns what the merge changes.
    pub async fn merge(&self, backup: &Backup, apply: bool) -> Result<Changes, StoreError> {
        if !apply {
            let here = self.backup(backup.exported).await?;
            return Ok(merge(&here, backup).changes);
        }
        self.write(&ALL_STORES, async |tx| {
            let here = read_everything(tx, backup.exported).await?;
            let merged = merge(&here, backup);
            if !merged.changes.is_empty() || merged.backup.tombstones != here.tombstones {
                write_everything(tx, &merged.backup).await?;
            }
            Ok(merged.changes)
        })
        .await
    }

    /// Stores what the user marked about a person (nothing marked: the record goes).
    /// Records when, and leaves a tombstone when nothing is marked any more.
    pub async fn set_marks(&self, marks: &Marks) -> Result<(), StoreError> {
        self.write(&[MARKS, TOMBSTONES], async |tx| {
            let store = tx.object_store(MARKS)?;
            if marks.is_empty() {
                if store
                    .get(JsValue::from_str(&marks.person))?
                    .await?
                    .is_some()
                {
                    store.delete(JsValue::from_str(&marks.person))?.await?;
                    bury(tx, Gone::Marks, marks.person.clone())?;
                }
            } else {
                let marks = Marks {
                    changed: stamp(),
                    ..marks.clone()
                };
                store.put(&to_js(&marks)?, None)?.await?;
            }
            Ok(())
        })
        .await
    }

    /// The last reading of every profile the user opened (at most `most`), for the brokers the
    /// side panel lists when asked.
    pub async fn visited_profiles(&self, most: u32) -> Result<Vec<Profile>, StoreError> {
        let tx = self
            .db
            .transaction(&[PROFILES], TransactionMode::ReadOnly)?;
        let values = tx
            .object_store(PROFILES)?
            .get_all(None, Some(most))?
            .await?;
        let records: Vec<ProfileRecord> = read_all(PROFILES, values)?;
        Ok(records.into_iter().map(|r| r.profile).collect())
    }

    /// What the user marked about `person` (filed under their key or contact id), if anything.
    pub async fn marks_of(&self, person: &str) -> Result<Option<Marks>, StoreError> {
        let tx = self.db.transaction(&[MARKS], TransactionMode::ReadOnly)?;
        let value = tx
            .object_store(MARKS)?
            .get(JsValue::from_str(person))?
            .await?;
        read_opt(MARKS, value)
    }

    /// Everything the user marked, about everyone.
    pub async fn all_marks(&self) -> Result<Vec<Marks>, StoreError> {
        let tx = self.db.transaction(&[MARKS], TransactionMode::ReadOnly)?;
        let values = tx.object_store(MARKS)?.get_all(None, None)?.await?;
        read_all(MARKS, values)
    }

    /// Every note, and a name for everyone they are about (from the profiles opened and the
    /// contacts), for searching.
    pub async fn notebook(&self) -> Result<(Vec<Note>, Vec<(String, String)>), StoreError> {
        let tx = self
            .db
            .transaction(&[NOTES, PROFILES], TransactionMode::ReadOnly)?;
        let notes = tx.object_store(NOTES)?.get_all(None, None)?;
        let profiles = tx.object_store(PROFILES)?.get_all(None, None)?;
        let notes: Vec<Note> = read_all(NOTES, notes.await?)?;
        let profiles: Vec<ProfileRecord> = read_all(PROFILES, profiles.await?)?;
        let names = profiles
            .into_iter()
            .map(|p| (p.person.as_str().to_owned(), p.profile.name))
            .collect();
        Ok((notes, names))
    }

    /// How many contacts are stored.
    pub async fn contact_count(&self) -> Result<u32, StoreError> {
        Ok(self.setting(CONTACT_COUNT).await?.unwrap_or(0))
    }

    /// A stored contact and what the user wrote about them.
    pub async fn contact(&self, id: &str) -> Result<Option<(Contact, ContactByUser)>, StoreError> {
        let tx = self
            .db
            .transaction(&[CONTACTS], TransactionMode::ReadOnly)?;
        let bucket = JsValue::from(bucket_of(id));
        let Some(value) = tx.object_store(CONTACTS)?.get(bucket)?.await? else {
            return Ok(None);
        };
        let found = bucket_contacts(value)?.into_iter().find(|r| r.id == id);
        Ok(found.map(|r| (r.imported, r.user)))
    }

    /// Replaces what the user wrote about a contact.
    pub async fn set_contact_by_user(
        &self,
        id: &str,
        user: ContactByUser,
    ) -> Result<(), StoreError> {
        self.write(&[CONTACTS], async |tx| {
            let store = tx.object_store(CONTACTS)?;
            let bucket = bucket_of(id);
            let missing = || StoreError::Refused(Refusal::NoContact { id: id.to_owned() });
            let value = store
                .get(JsValue::from(bucket))?
                .await?
                .ok_or_else(missing)?;
            let mut records = bucket_contacts(value)?;
            records
                .iter_mut()
                .find(|r| r.id == id)
                .ok_or_else(missing)?
                .user = ContactByUser {
                changed: stamp(),
                ..user
            };
            store.put(&bucket_value(bucket, &records)?, None)?.await?;
            Ok(())
        })
        .await
    }

    /// The three sources of who the user is.
    pub async fn me(&self) -> Result<Me, StoreError> {
        let tx = self.db.transaction(&[ME], TransactionMode::ReadOnly)?;
        let records = tx.object_store(ME)?.get_all(None, None)?.await?;
        Ok(me_of(read_all(ME, records)?))
    }

    /// Sets one source of who the user is: `page` ("This is me") or `manual` (corrections);
    /// `None` removes it.
    pub async fn set_me(&self, source: &str, profile: Option<Profile>) -> Result<(), StoreError> {
        self.write(&[ME, SETTINGS], async |tx| {
            me_changed(tx)?;
            let store = tx.object_store(ME)?;
            match profile {
                Some(profile) => {
                    let record = MeRecord {
                        source: source.to_owned(),
                        profile,
                    };
                    store.put(&to_js(&record)?, None)?.await?;
                }
                None => {
                    store.delete(JsValue::from_str(source))?.await?;
                }
            }
            Ok(())
        })
        .await
    }

    /// Closes the connection (tests reopen to prove what is on disk).
    pub fn close(self) {
        self.db.close();
    }
}

/// What [`Store::everyone`] reads.
pub struct Everyone {
    pub contacts: Vec<(Contact, ContactByUser)>,
    pub conversations: Vec<Conversation>,
    pub notes: Vec<Note>,
    pub interactions: Vec<Interaction>,
}

/// What [`Store::overlay`] reads.
pub struct OverlayRead {
    pub visit: Option<Visit>,
    pub me: Me,
    pub notes: Vec<Note>,
    pub collapsed: bool,
    /// The keep-in-touch rules per tag, as stored (unchecked).
    pub rules: Vec<Rule>,
    pub contacts: u32,
    pub kept: Vec<(String, Kept)>,
}

/// A note (`note`) or interaction that is not there any more.
fn no_such(note: bool, id: u32) -> StoreError {
    StoreError::Refused(Refusal::Gone { note, id })
}

/// Notes newest first (the index gives them oldest first).
fn newest_first(mut notes: Vec<Note>) -> Vec<Note> {
    notes.sort_by(|a, b| b.created.total_cmp(&a.created).then(b.id.cmp(&a.id)));
    notes
}

/// The three sources of who the user is, from the `me` records.
fn me_of(records: Vec<MeRecord>) -> Me {
    let mut me = Me::default();
    for r in records {
        match r.source.as_str() {
            "import" => me.imported = Some(r.profile),
            "page" => me.page = Some(r.profile),
            "manual" => me.manual = Some(r.profile),
            _ => {}
        }
    }
    me
}

impl ProfileRecord {
    fn into_visit(self) -> Visit {
        Visit {
            profile: self.profile,
            previous: self.previous,
            previous_seen: self.previous_seen,
            first_seen: self.first_seen,
        }
    }
}

/// What is kept under each of `ids` (contact ids or person keys): notes, interactions and
/// invitations, read through the `by_person` indexes inside `tx`. Ids with nothing kept are
/// left out.
async fn kept_in(tx: &Transaction, ids: &[String]) -> Result<Vec<(String, Kept)>, StoreError> {
    let notes = tx.object_store(NOTES)?.index(BY_PERSON)?;
    let interactions = tx.object_store(INTERACTIONS)?.index(BY_PERSON)?;
    let invitations = tx.object_store(INVITATIONS)?.index(BY_PERSON)?;
    let marks = tx.object_store(MARKS)?;
    let all_of =
        |index: &Index, id: &str| index.get_all(Some(Query::Key(JsValue::from_str(id))), None);
    // Every request is made before any is awaited, so the browser runs them back to back. They
    // must be awaited in the order they were made: the browser answers them in that order, and
    // an `idb` request awaited after a later one's answer never resolved (seen in Chromium).
    let mut pending = Vec::with_capacity(ids.len());
    for id in ids {
        let notes = all_of(&notes, id)?;
        let interactions = all_of(&interactions, id)?;
        let invitations = all_of(&invitations, id)?;
        let marked = marks.get(JsValue::from_str(id))?;
        pending.push((id, notes, interactions, invitations, marked));
    }
    let mut kept = Vec::new();
    for (id, notes, interactions, invitations, marked) in pending {
        let entry = Kept {
            notes: read_all(NOTES, notes.await?)?,
            interactions: read_all(INTERACTIONS, interactions.await?)?,
            invitations: read_all(INVITATIONS, invitations.await?)?,
            marks: read_opt(MARKS, marked.await?)?,
        };
        if entry != Kept::default() {
            kept.push((id.clone(), entry));
        }
    }
    Ok(kept)
}

/// The id for a new record of the store `name`: one above the highest that reads back. Given
/// here rather than by the browser's key generator, which never goes down: a generator an older
/// build let pass [`MAX_RECORD_ID`] would hand out ids that no longer read back.
async fn next_id(tx: &Transaction, name: &'static str) -> Result<u32, StoreError> {
    let upto = KeyRange::upper_bound(&JsValue::from(MAX_RECORD_ID), None)?;
    let cursor = tx
        .object_store(name)?
        .open_key_cursor(Some(Query::KeyRange(upto)), Some(CursorDirection::Prev))?
        .await?;
    let highest = match cursor {
        Some(cursor) => cursor.key()?.as_f64().map_or(0, |k| k as u32),
        None => 0,
    };
    if highest >= MAX_RECORD_ID {
        return Err(StoreError::Refused(Refusal::Full { store: name }));
    }
    Ok(highest + 1)
}

/// Runs the migrations inside the browser's upgrade transaction. If a step fails the
/// transaction is aborted: the open fails and the database stays at its old version, untouched.
fn upgrade(event: idb::event::VersionChangeEvent) {
    use idb::{DatabaseEvent, Event, Request};
    let tx = event
        .target()
        .ok()
        .and_then(|request| request.transaction());
    let migrated = event
        .old_version()
        .and_then(|from| migrate(&event.database()?, tx.as_ref(), from));
    if migrated.is_err() {
        if let Some(tx) = tx {
            let _ = tx.abort();
        }
    }
}

/// Takes the database from schema version `from` to [`SCHEMA_VERSION`], one step per version.
/// Steps only add: a released step is never edited, so every old database ends up the same.
fn migrate(db: &Database, _upgrade: Option<&Transaction>, from: u32) -> Result<(), idb::Error> {
    if from < 1 {
        let mut notes = ObjectStoreParams::new();
        notes.key_path(Some(KeyPath::new_single("id")));
        notes.auto_increment(true);
        let notes = db.create_object_store(NOTES, notes)?;
        let mut by_person = IndexParams::new();
        by_person.unique(false);
        notes.create_index(BY_PERSON, KeyPath::new_single("person"), Some(by_person))?;

        let mut profiles = ObjectStoreParams::new();
        profiles.key_path(Some(KeyPath::new_single("person")));
        db.create_object_store(PROFILES, profiles)?;

        let mut settings = ObjectStoreParams::new();
        settings.key_path(Some(KeyPath::new_single("name")));
        db.create_object_store(SETTINGS, settings)?;
    }
    if from < 2 {
        let keyed = |key: &str| {
            let mut params = ObjectStoreParams::new();
            params.key_path(Some(KeyPath::new_single(key)));
            params
        };
        db.create_object_store(CONTACTS, keyed("bucket"))?;
        db.create_object_store(CONVERSATIONS, keyed("person"))?;
        let invitations = db.create_object_store(INVITATIONS, keyed("id"))?;
        invitations.create_index(BY_PERSON, KeyPath::new_single("person"), None)?;
        db.create_object_store(ME, keyed("source"))?;
    }
    if from < 3 {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("id")));
        params.auto_increment(true);
        let interactions = db.create_object_store(INTERACTIONS, params)?;
        interactions.create_index(BY_PERSON, KeyPath::new_single("person"), None)?;
    }
    if from < 4 {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_single("person")));
        db.create_object_store(MARKS, params)?;
    }
    if from < 5 {
        let mut params = ObjectStoreParams::new();
        params.key_path(Some(KeyPath::new_array(["kind", "id"])));
        db.create_object_store(TOMBSTONES, params)?;
    }
    Ok(())
}

/// A value as the browser writes it in JSON (its serialiser is fast; serde_json then reads the
/// text). Records, answers and messages all cross the Wasm boundary this way, which keeps a
/// second serialiser, building objects call by call, out of the service worker's module.
pub(crate) fn json_text(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|t| t.as_string())
}

/// A value as a plain JavaScript object, through JSON text (see [`json_text`]).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Unwritable(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| StoreError::Unwritable("unparsable JSON".into()))
}

/// Many records as plain objects, through one JSON text.
fn all_js<T: Serialize>(records: &[T]) -> Result<Vec<JsValue>, StoreError> {
    let array: js_sys::Array = to_js(records)?.into();
    Ok(array.iter().collect())
}

fn read<T: DeserializeOwned>(store: &'static str, value: JsValue) -> Result<T, StoreError> {
    let text = json_text(&value).unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| StoreError::Unreadable {
        store,
        detail: e.to_string(),
    })
}

/// Many records at once: the browser writes them as one JSON text and serde_json reads it, which
/// for 50,000 records is many times faster than walking each object across the Wasm boundary.
fn read_all<T: DeserializeOwned>(
    store: &'static str,
    values: Vec<JsValue>,
) -> Result<Vec<T>, StoreError> {
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let array: js_sys::Array = values.into_iter().collect();
    let text = json_text(&array).ok_or_else(|| StoreError::Unreadable {
        store,
        detail: "the records could not be written out as JSON".into(),
    })?;
    serde_json::from_str(&text).map_err(|e| StoreError::Unreadable {
        store,
        detail: e.to_string(),
    })
}

fn read_opt<T: DeserializeOwned>(
    store: &'static str,
    value: Option<JsValue>,
) -> Result<Option<T>, StoreError> {
    value.map(|v| read(store, v)).transpose()
}
