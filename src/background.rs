//! The service worker's core: routes every runtime message to the pure modules and the store.
//!
//! `extension/background.js` loads this module and the page reader (`reader.rs`), hands a
//! content script's page to the reader and every message, the page as read, to [`handle_message`]
//! with its sender.
//! This is the one writer of the database. Architecture invariant: no page content or note ever
//! goes to a content script — notes are answered only to extension pages — and nothing here
//! makes a network request.

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::autobackup::{self, Every};
use crate::chrome;
use crate::chrome::local_time;
use crate::extract::{is_profile_address, page_part, person_at, NoProfile, PagePart};
use crate::history::{contact_of, involved};
use crate::import::Export;
use crate::model::{clean_tags, Marks, Note, Profile};
use crate::people::People;
use crate::phrases::{book, Book, Lang, AUTO};
use crate::protocol::AutoBackupFile;
use crate::protocol::{clean_note_text, Caller, Flag, Refusal, Request, Response, ToContentScript};
use crate::store::{
    json_text, Store, StoreError, BACKUP_EVERY, DATABASE_NAME, LAST_BACKUP, PASSPHRASE,
    PREVIOUS_BACKUP,
};

const COLLAPSED: Flag = Flag::OverlayCollapsed;
/// How many profiles read while the store is full are kept in memory to show.
const UNSAVED_PROFILES: usize = 20;
/// The setting that holds the user's networking goals.
const GOALS: &str = "goals";

thread_local! {
    static STORE: RefCell<Option<Rc<Store>>> = const { RefCell::new(None) };
    /// The contacts, indexed, built once per service-worker lifetime and after each import.
    static PEOPLE: RefCell<Option<Rc<People>>> = const { RefCell::new(None) };
    /// The build of [`PEOPLE`] under way, if one is: a second caller waits for it.
    static BUILDING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    /// Bumped by every write the index must see; a build that saw an older one is not kept.
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// The automatic backup handed to the background to write, until it says it was written
    /// (then it becomes the `…-previous` of the next).
    static PENDING_BACKUP: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Profiles read while the store was full, newest last, shown without being kept.
    static UNSAVED: RefCell<Vec<Profile>> = const { RefCell::new(Vec::new()) };
    /// How many different people each tab has had stored in the last minute.
    static BUDGET: RefCell<crate::budget::Budget> = RefCell::default();
    /// The interface's language, once read from the settings ([`LANGUAGE`]).
    static LANG: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// The setting that holds the interface's language (`auto` or a book's code).
const LANGUAGE: &str = "language";

/// The phrase under `key` in the user's language, for `background.js` (what it says when it
/// had to start the core again).
#[wasm_bindgen]
pub fn phrase(key: &str) -> String {
    known_book().phrase(key).unwrap_or(key).to_owned()
}

/// The book of the user's language as far as it is known without the store: the setting once
/// read, else the browser's language.
fn known_book() -> &'static Book {
    book(
        LANG.get()
            .unwrap_or_else(|| Lang::choose(None, &chrome::browser_language())),
    )
}

/// Everything stored as a backup file's text; with `sealed`, encrypted when a passphrase is set.
async fn backup_text(store: &Store, sealed: bool) -> Result<String, StoreError> {
    let json = store
        .backup(now())
        .await?
        .to_json()
        .map_err(|e| StoreError::Unwritable(e.to_string()))?;
    let passphrase = match sealed {
        true => store.setting::<String>(PASSPHRASE).await?,
        false => None,
    };
    match passphrase.filter(|p| !p.is_empty()) {
        Some(passphrase) => crate::crypto::seal(&json, &passphrase)
            .await
            .map_err(StoreError::Sealed),
        None => Ok(json),
    }
}

/// How often backups are made by themselves and how old the last one is, for the settings and
/// the side panel.
async fn backup_state(store: &Store) -> Result<Response, StoreError> {
    let every: Every = store.setting(BACKUP_EVERY).await?.unwrap_or_default();
    let last = store.setting::<f64>(LAST_BACKUP).await?.map(local_time);
    let today = crate::chrome::local_today();
    let t = book_of(store).await;
    let stale = autobackup::stale(every, last.map(|(day, _)| day), today);
    Ok(Response::BackupState {
        every,
        said: autobackup::said(t, last, today),
        stale,
        warning: if stale {
            t.text("autobackup.stale").to_owned()
        } else {
            String::new()
        },
    })
}

/// A backup file's content read and checked: opened first when it is encrypted, with the
/// passphrase typed now or else the one kept.
async fn opened(
    store: &Store,
    text: String,
    passphrase: Option<String>,
) -> Result<crate::backup::Backup, StoreError> {
    let text = if crate::sealed::is_sealed(&text) {
        let passphrase = match passphrase.filter(|p| !p.is_empty()) {
            Some(typed) => typed,
            None => store
                .setting::<String>(PASSPHRASE)
                .await?
                .unwrap_or_default(),
        };
        crate::crypto::open(&text, &passphrase)
            .await
            .map_err(StoreError::Sealed)?
    } else {
        text
    };
    crate::backup::parse(&text).map_err(StoreError::Backup)
}

/// The phrase book of the user's language, for what the core writes for them (a restored
/// backup's summary, its error messages).
async fn book_of(store: &Store) -> &'static Book {
    let lang = match LANG.get() {
        Some(lang) => lang,
        None => {
            let setting: Option<String> = store.setting(LANGUAGE).await.ok().flatten();
            let lang = Lang::choose(setting.as_deref(), &chrome::browser_language());
            LANG.set(Some(lang));
            lang
        }
    };
    book(lang)
}

/// The part of `chrome.runtime.MessageSender` the router needs.
#[derive(Deserialize, Default)]
struct Sender {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    tab: Option<SenderTab>,
}

#[derive(Deserialize)]
struct SenderTab {
    id: i32,
}

/// Answers one runtime message. Never throws: failures become [`Response::Error`].
#[wasm_bindgen]
pub async fn handle_message(message: JsValue, sender: JsValue) -> JsValue {
    answer(message, sender, false).await
}

/// Whether `message`, answered without an error, changed what the user keeps
/// ([`Request::changes`]): `background.js` then writes the automatic backup if one is due.
#[wasm_bindgen]
pub fn changes_what_is_kept(message: JsValue) -> bool {
    serde_json::from_str::<Request>(&json_text(&message).unwrap_or_default())
        .is_ok_and(|r| r.changes())
}

/// Stores what the page reader read of the page a content script (`sender`) sent: the one way a
/// [`Request::Read`] reaches the core. `background.js` calls it with the reader's output, never
/// with a message as it arrived.
#[wasm_bindgen]
pub async fn handle_reading(message: JsValue, sender: JsValue) -> JsValue {
    answer(message, sender, true).await
}

async fn answer(message: JsValue, sender: JsValue, from_reader: bool) -> JsValue {
    let response = match serde_json::from_str::<Request>(&json_text(&message).unwrap_or_default()) {
        Ok(request) => {
            let sender: Sender =
                serde_json::from_str(&json_text(&sender).unwrap_or_default()).unwrap_or_default();
            let caller = match caller(&sender) {
                Caller::ContentScript if from_reader => Caller::PageReader,
                _ if from_reader => Caller::Stranger,
                other => other,
            };
            route(request, &sender, caller).await.unwrap_or_else(|e| {
                // The detail behind it, for a bug report; the user reads what happened.
                web_sys::console::warn_1(&format!("Common Ground: {e:?}").into());
                Response::Error {
                    message: e.message(known_book()),
                }
            })
        }
        Err(e) => {
            web_sys::console::warn_1(
                &format!("Common Ground: a message not understood: {e}").into(),
            );
            Response::Error {
                message: known_book().text("error.not_understood").to_owned(),
            }
        }
    };
    to_js(&response)
}

async fn route(request: Request, sender: &Sender, caller: Caller) -> Result<Response, StoreError> {
    if !request.allowed_from(caller) {
        return Err(StoreError::Refused(Refusal::NotAllowed {
            caller,
            kind: request.kind(),
        }));
    }
    match request {
        // Asked on every address change anywhere on the site: answered from memory but for
        // the trace-free setting, read once per worker. On a profile the page is sent next:
        // meanwhile the contacts are read into memory, so the overlay's question finds them
        // ready.
        // Meant for the side panel, which listens to the same messages.
        Request::Shown { .. } | Request::FocusNote { .. } => Ok(Response::Done),
        Request::Recognise { url } => {
            let trace_free = match TRACE_FREE.get() {
                Some(known) => known,
                None => match store().await {
                    Ok(store) => trace_free(&store).await,
                    Err(_) => false,
                },
            };
            let answer = recognised(&url, !trace_free);
            if matches!(
                answer,
                Response::Recognised {
                    profile_address: true,
                    ..
                }
            ) {
                wasm_bindgen_futures::spawn_local(async {
                    if let Ok(store) = store().await {
                        let _ = people(&store).await;
                    }
                });
            }
            Ok(answer)
        }
        other => route_stored(other, sender, &*store().await?).await,
    }
}

/// The requests that read or write the store.
async fn route_stored(
    request: Request,
    sender: &Sender,
    store: &Store,
) -> Result<Response, StoreError> {
    // Once per worker: the user's language, for the messages the core writes.
    book_of(store).await;
    match request {
        Request::Recognise { url } => Ok(recognised(&url, !trace_free(store).await)),
        Request::Shown { .. } | Request::FocusNote { .. } => Ok(Response::Done),
        Request::PutInInviteNote { text } => put_in_invite_note(text, sender, store).await,
        Request::InviteBudget { per_month } => {
            if let Some(n) = per_month {
                if !crate::invites::valid_per_month(n) {
                    return Err(StoreError::Refused(Refusal::BadInviteBudget {
                        per_month: n,
                    }));
                }
                store.set_setting(INVITE_NOTES_PER_MONTH, n).await?;
            }
            Ok(Response::InviteBudget {
                budget: invite_budget(store).await?,
                per_month: notes_per_month(store).await?,
            })
        }
        Request::Snapshot { .. } => Err(StoreError::Refused(Refusal::UnreadPage)),
        Request::Read { url, reading } => {
            let part = page_part(&url).unwrap_or(PagePart::Main);
            let Some(fresh) = reading.profile else {
                return Ok(Response::NoProfile {
                    reason: reading.reason.unwrap_or_default(),
                    retry: reading.retry,
                });
            };
            let person = fresh.key();
            let tab = sender.tab.as_ref().map_or(-1, |t| t.id);
            if !BUDGET.with(|b| b.borrow_mut().allow(tab, &person, now())) {
                // A page showing a new person every few seconds is inventing them.
                return Ok(Response::NoProfile {
                    reason: format!(
                        "this tab showed more than {} different people within a minute; \
                         Common Ground keeps a profile again when the page stays on one",
                        crate::budget::PER_MINUTE
                    ),
                    retry: false,
                });
            }
            let remembered = match store.remember_profile(fresh.clone(), part, now()).await {
                // The store is full: the person is still shown, from this reading, until there
                // is room to keep them.
                Err(StoreError::Full) => {
                    UNSAVED.with(|u| {
                        let mut u = u.borrow_mut();
                        u.retain(|p| p.key() != person);
                        u.push(fresh.clone());
                        let over = u.len().saturating_sub(UNSAVED_PROFILES);
                        u.drain(..over);
                    });
                    Some(fresh)
                }
                other => other?,
            };
            let Some(profile) = remembered else {
                // Read together with what was stored, the profile still has no name.
                return Ok(Response::NoProfile {
                    reason: NoProfile::NoName.to_string(),
                    retry: true,
                });
            };
            Ok(Response::Profile {
                person,
                name: profile.name,
                collapsed: store.setting(COLLAPSED.key()).await?.unwrap_or(false),
            })
        }
        Request::Overlay { person } => {
            // The index first: it may need a transaction of its own; the rest is one.
            let people = people(store).await?;
            let mut chosen = Vec::new();
            let read = store
                .overlay(&person, COLLAPSED.key(), RHYTHM_RULES, |profile| {
                    chosen = involved(profile, &people);
                    // What is kept is read for the person alone (under their contact id too);
                    // the others' activity travels with them from the index.
                    contact_of(&people, profile)
                        .map(|k| k.contact.id.clone())
                        .into_iter()
                        .collect()
                })
                .await?;
            let (profile, previous) = match read.visit {
                Some(v) => (Some(v.profile), v.previous),
                None => {
                    let unsaved =
                        UNSAVED.with(|u| u.borrow().iter().find(|p| p.key() == person).cloned());
                    if let Some(profile) = &unsaved {
                        chosen = involved(profile, &people);
                    }
                    (unsaved, None)
                }
            };
            Ok(Response::Overlay {
                profile,
                previous,
                notes: read.notes,
                collapsed: read.collapsed,
                is_me: read.me.page.as_ref().is_some_and(|p| p.key() == person),
                me: read.me.effective(),
                people: chosen,
                kept: read.kept,
                contacts: read.contacts,
                rules: valid_rules(read.rules),
            })
        }
        Request::Import { export } => {
            let export: Export = serde_json::from_str(&export).map_err(|e| {
                StoreError::Refused(Refusal::BadExport {
                    detail: e.to_string(),
                })
            })?;
            let summary = store.import(&export, now()).await?;
            forget_people();
            Ok(Response::Imported {
                summary,
                contacts: store.contact_count().await?,
            })
        }
        Request::Me => me_response(store).await,
        Request::ThisIsMe { person } => {
            let profile = store
                .profile(&person)
                .await?
                .ok_or(StoreError::Refused(Refusal::OpenYourProfile))?;
            store.set_me("page", Some(profile)).await?;
            me_response(store).await
        }
        Request::SetMe { profile } => {
            store.set_me("manual", profile).await?;
            me_response(store).await
        }
        Request::SaveNote {
            person,
            text,
            tags,
            source,
        } => {
            let text = clean_note_text(&text).map_err(StoreError::Refused)?;
            let note = store
                .add_note(Note {
                    tags: clean_tags(&tags),
                    source,
                    ..Note::new(person, text, now())
                })
                .await?;
            note_saved(store, note).await
        }
        Request::Mark { mut marks } => {
            marks.goals.sort();
            marks.goals.dedup();
            if marks.not_now_until.is_none() {
                // The overlay does not show "not now"; what the side panel set stays.
                marks.not_now_until = store
                    .marks_of(&marks.person)
                    .await?
                    .and_then(|m| m.not_now_until);
            }
            store.set_marks(&marks).await?;
            Ok(Response::Marked { marks })
        }
        Request::Network => {
            let people = people(store).await?;
            let marks = store.all_marks().await?;
            let rules = rhythm_rules(store).await?;
            let me = store.me().await?.effective();
            let today = chrome::local_today();
            Ok(Response::Network {
                overview: crate::network::overview(&people, &marks, &rules, me.as_ref(), today),
            })
        }
        Request::NotNow { person, name, days } => {
            let days = days.clamp(1, crate::rhythm::MAX_DAYS);
            let mut marks = store.marks_of(&person).await?.unwrap_or(Marks {
                person,
                name,
                ..Marks::default()
            });
            let until = chrome::local_today() + crate::calendar::Day::from(days);
            marks.not_now_until = Some(crate::calendar::date_of(until));
            store.set_marks(&marks).await?;
            Ok(Response::Marked { marks })
        }
        Request::Brokers => {
            let people = people(store).await?;
            let visited = store
                .visited_profiles(crate::brokers::MOST_VISITS as u32)
                .await?;
            Ok(Response::Brokers {
                brokers: crate::brokers::brokers(&people, &visited),
            })
        }
        Request::RhythmRules { set } => {
            if let Some(rules) = set {
                if let Some(bad) = rules.iter().find(|r| !crate::rhythm::valid(r)) {
                    return Err(StoreError::Refused(Refusal::BadRhythmRule {
                        tag: bad.tag.clone(),
                    }));
                }
                if rules.len() > crate::rhythm::MAX_RULES {
                    return Err(StoreError::Refused(Refusal::BadRhythmRule {
                        tag: String::new(),
                    }));
                }
                store.set_setting(RHYTHM_RULES, rules).await?;
            }
            Ok(Response::RhythmRules {
                rules: rhythm_rules(store).await?,
            })
        }
        Request::Goals { set } => {
            if let Some(goals) = set {
                store.set_setting(GOALS, goals).await?;
            }
            Ok(Response::Goals {
                goals: store.setting(GOALS).await?.unwrap_or_default(),
            })
        }
        Request::DueCount => {
            let people = people(store).await?;
            let marks = store.all_marks().await?;
            let rules = rhythm_rules(store).await?;
            let today = chrome::local_today();
            let counts = crate::network::due_counts(&people, &marks, &rules, today);
            Ok(Response::DueCount {
                overdue: counts.overdue,
                coming_due: counts.coming_due,
            })
        }
        Request::Notebook => {
            let (notes, mut names) = store.notebook().await?;
            let people = people(store).await?;
            names.extend(
                people
                    .iter()
                    .map(|k| (k.contact.id.clone(), k.contact.name())),
            );
            Ok(Response::Notebook { notes, names })
        }
        wanted @ (Request::Backup | Request::BackupFile) => {
            let json = backup_text(store, matches!(wanted, Request::BackupFile)).await?;
            Ok(Response::Backup { json })
        }
        Request::AutoBackup { device } => {
            let every: Every = store.setting(BACKUP_EVERY).await?.unwrap_or_default();
            let last: Option<f64> = store.setting(LAST_BACKUP).await?;
            let today = crate::chrome::local_today();
            if !autobackup::due(every, last.map(|at| local_time(at).0), today) {
                return Ok(Response::AutoBackup { file: None });
            }
            let json = backup_text(store, true).await?;
            let previous: Option<String> = store.setting(PREVIOUS_BACKUP).await?;
            PENDING_BACKUP.with(|p| p.replace(Some(json.clone())));
            Ok(Response::AutoBackup {
                file: Some(AutoBackupFile {
                    name: autobackup::file_name(&device),
                    json,
                    previous_name: autobackup::previous_name(&device),
                    previous,
                }),
            })
        }
        Request::BackedUp { at } => {
            store.set_setting(LAST_BACKUP, at).await?;
            if let Some(json) = PENDING_BACKUP.with(|p| p.take()) {
                store.set_setting(PREVIOUS_BACKUP, json).await?;
            }
            backup_state(store).await
        }
        Request::BackupState { every } => {
            if let Some(every) = every {
                store.set_setting(BACKUP_EVERY, every).await?;
            }
            backup_state(store).await
        }
        Request::Passphrase { passphrase } => {
            if let Some(passphrase) = passphrase {
                store.set_setting(PASSPHRASE, passphrase).await?;
            }
            let set = store
                .setting::<String>(PASSPHRASE)
                .await?
                .is_some_and(|p| !p.is_empty());
            Ok(Response::Passphrase { set })
        }
        Request::Restore { backup, passphrase } => {
            let backup = opened(store, backup, passphrase).await?;
            store.restore(&backup).await?;
            forget_people();
            Ok(Response::Restored {
                summary: backup.summary(book_of(store).await),
            })
        }
        Request::Merge {
            backup,
            apply,
            passphrase,
        } => {
            let backup = opened(store, backup, passphrase).await?;
            let changes = store.merge(&backup, apply).await?;
            if apply {
                forget_people();
            }
            let t = book_of(store).await;
            Ok(Response::Merged {
                would: changes.summary(t),
                did: changes.done(t),
                applied: apply,
                holds: backup.summary(t),
                exported: backup.exported,
            })
        }
        Request::Capture { url, text } => {
            let person = person_at(&url).ok_or(StoreError::Refused(Refusal::NotAProfile))?;
            let text = clean_note_text(&text).map_err(StoreError::Refused)?;
            let note = store
                .add_note(Note {
                    source: Some(url),
                    ..Note::new(person, text, now())
                })
                .await?;
            note_saved(store, note).await
        }
        Request::EditNote { id, text, tags } => {
            let text = clean_note_text(&text).map_err(StoreError::Refused)?;
            let note = store.edit_note(id, text, clean_tags(&tags), now()).await?;
            let notes = store.notes_for(&note.person).await?;
            Ok(Response::NoteSaved { note, notes })
        }
        Request::DeleteNote { id } => {
            let note = store.delete_note(id).await?;
            let notes = store.notes_for(&note.person).await?;
            forget_people();
            Ok(Response::NoteDeleted { note, notes })
        }
        Request::RestoreNote { note } => {
            let note = store.restore_note(note).await?;
            note_saved(store, note).await
        }
        Request::LogInteraction { interaction } => {
            let interaction = store.add_interaction(interaction).await?;
            count_in_people(|people| people.count_interaction(&interaction));
            let interactions = store.interactions_for(interaction.person.as_str()).await?;
            Ok(Response::Interactions { interactions })
        }
        Request::DeleteInteraction { id } => {
            let gone = store.delete_interaction(id).await?;
            forget_people();
            let interactions = store.interactions_for(gone.person.as_str()).await?;
            Ok(Response::Interactions { interactions })
        }
        Request::Forget { person } => {
            let people = people(store).await?;
            let profile = store.profile(&person).await?;
            // Their contact: filed under their key, or found by name from their profile.
            let contact = match &profile {
                Some(p) => contact_of(&people, p).map(|k| k.contact.id.clone()),
                None => people.get(person.as_str()).map(|k| k.contact.id.clone()),
            };
            let forgotten = store.forget(&person, contact.as_deref()).await?;
            forget_people();
            Ok(Response::Forgotten { forgotten })
        }
        Request::Flag { name, set } => {
            if let Some(value) = set {
                store.set_setting(name.key(), value).await?;
                if name == Flag::TraceFree {
                    TRACE_FREE.set(Some(value));
                }
                if let (Flag::OverlayCollapsed, Some(tab)) = (name, &sender.tab) {
                    tell_tab(tab.id, &ToContentScript::Layout { collapsed: value }).await;
                }
            }
            Ok(Response::Flag {
                value: store.setting(name.key()).await?.unwrap_or(false),
            })
        }
        Request::Language { set } => {
            if let Some(setting) = set {
                let known = setting == AUTO || Lang::all().any(|l| l.code() == setting);
                if !known {
                    return Err(StoreError::Refused(Refusal::NoLanguage { setting }));
                }
                store.set_setting(LANGUAGE, &setting).await?;
                LANG.set(None);
            }
            let setting: Option<String> = store.setting(LANGUAGE).await?;
            Ok(Response::Language {
                setting: setting.unwrap_or_else(|| AUTO.to_owned()),
            })
        }
    }
}

/// The answer to a note newly stored (saved, captured or put back): counted in the index, with
/// all notes about its person.
async fn note_saved(store: &Store, note: Note) -> Result<Response, StoreError> {
    count_in_people(|people| people.count_note(&note));
    let notes = store.notes_for(&note.person).await?;
    Ok(Response::NoteSaved { note, notes })
}

/// Brings the contact index up to date with a write, in place when nobody else holds it, else by
/// dropping it (the next visit reads it again).
fn count_in_people(count: impl FnOnce(&mut People)) {
    let counted = PEOPLE.with(|slot| {
        let mut slot = slot.borrow_mut();
        slot.as_mut().and_then(Rc::get_mut).map(count).is_some()
    });
    if !counted {
        forget_people();
    }
}

/// Drops the index (and any build under way from before this moment): the next visit reads it
/// again.
fn forget_people() {
    PEOPLE.with(|p| p.borrow_mut().take());
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
}

/// The user's contacts, indexed; read from the store once per service-worker lifetime. Callers
/// that come while it is being read (the warm-up at `Recognise`, then the overlay) share one
/// reading.
async fn people(store: &Store) -> Result<Rc<People>, StoreError> {
    if let Some(people) = PEOPLE.with(|p| p.borrow().clone()) {
        return Ok(people);
    }
    if let Some(building) = BUILDING.with(|b| b.borrow().clone()) {
        let _ = wasm_bindgen_futures::JsFuture::from(building).await;
        if let Some(people) = PEOPLE.with(|p| p.borrow().clone()) {
            return Ok(people);
        }
    }
    let (done, finished) = signal();
    BUILDING.with(|b| *b.borrow_mut() = Some(done));
    let built = build_people(store).await;
    BUILDING.with(|b| b.borrow_mut().take());
    if let Some(finished) = finished {
        let _ = finished.call0(&JsValue::UNDEFINED);
    }
    built
}

/// A promise and the function that resolves it (always there: the executor runs at once,
/// inside `Promise::new`). Not `Function::default()` in its place: that is `new Function()`,
/// an eval that Firefox's add-on checks refuse.
fn signal() -> (js_sys::Promise, Option<js_sys::Function>) {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |r, _| resolve = Some(r));
    (promise, resolve)
}

async fn build_people(store: &Store) -> Result<Rc<People>, StoreError> {
    let generation = GENERATION.with(|g| g.get());
    let everyone = store.everyone().await?;
    let mut people = People::new(everyone.contacts, everyone.conversations);
    everyone.notes.iter().for_each(|n| people.count_note(n));
    everyone
        .interactions
        .iter()
        .for_each(|i| people.count_interaction(i));
    let people = Rc::new(people);
    // A write since the reading began (an import, a note) is not in it: use it this once only.
    if GENERATION.with(|g| g.get()) == generation {
        PEOPLE.with(|p| *p.borrow_mut() = Some(people.clone()));
    }
    Ok(people)
}

fn recognised(url: &str, beside: bool) -> Response {
    Response::Recognised {
        profile_address: is_profile_address(url),
        person: person_at(url),
        beside,
    }
}

thread_local! {
    /// The trace-free setting, read once per worker (it is asked on every page) and kept when
    /// it is changed.
    static TRACE_FREE: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

/// Whether the user chose to add nothing to the pages (`Show beside the page` off).
async fn trace_free(store: &Store) -> bool {
    if let Some(known) = TRACE_FREE.get() {
        return known;
    }
    let value = store
        .setting(Flag::TraceFree.key())
        .await
        .ok()
        .flatten()
        .unwrap_or(false);
    TRACE_FREE.set(Some(value));
    value
}

async fn me_response(store: &Store) -> Result<Response, StoreError> {
    let me = store.me().await?;
    let effective = me.effective();
    let contacts = store.contact_count().await?;
    Ok(Response::Me {
        me,
        effective,
        contacts,
    })
}

/// Who sent a message: an extension page of ours, or a content script in some web page.
fn caller(sender: &Sender) -> Caller {
    let ours = sender.id.as_deref() == Some(chrome::RUNTIME_ID.with(String::clone).as_str());
    let from_extension_page = sender
        .url
        .as_deref()
        .is_some_and(|u| u.starts_with("chrome-extension://") || u.starts_with("moz-extension://"));
    match (ours, from_extension_page) {
        (true, true) => Caller::ExtensionPage,
        (true, false) => Caller::ContentScript,
        (false, _) => Caller::Stranger,
    }
}

async fn tell_tab<T: Serialize>(tab_id: i32, message: &T) {
    // The tab may have navigated away; then there is nobody to tell.
    let _ = ask_tab(tab_id, message).await;
}

/// What the content script of `tab_id`'s top frame answers `message`; `None` when there is no
/// content script there to answer (another site, a browser page, a tab closed meanwhile).
async fn ask_tab<T: Serialize>(tab_id: i32, message: &T) -> Option<JsValue> {
    let options = to_js(&serde_json::json!({ "frameId": 0 }));
    let promise = chrome::tabs_send_message(tab_id, &to_js(message), &options).ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()
}

/// The active tab of the window the user was last in (the side panel's, when it asks).
async fn active_tab() -> Option<i32> {
    let query = to_js(&serde_json::json!({ "active": true, "lastFocusedWindow": true }));
    let tabs = wasm_bindgen_futures::JsFuture::from(chrome::tabs_query(&query).ok()?)
        .await
        .ok()?;
    let tab = js_sys::Reflect::get(&tabs, &0.into()).ok()?;
    let id = js_sys::Reflect::get(&tab, &"id".into()).ok()?.as_f64()?;
    Some(id as i32)
}

/// Where the invitation notes put in are counted (`invites::NotesPut`), and the number a month
/// the user set.
const INVITE_NOTES_PUT: &str = "invite_notes_put";
const INVITE_NOTES_PER_MONTH: &str = "invite_notes_per_month";

/// The setting that holds the keep-in-touch rules per tag.
const RHYTHM_RULES: &str = "rhythm_rules";

/// The keep-in-touch rules per tag; none until the user writes one.
async fn rhythm_rules(store: &Store) -> Result<Vec<crate::rhythm::Rule>, StoreError> {
    Ok(valid_rules(
        store.setting(RHYTHM_RULES).await?.unwrap_or_default(),
    ))
}

/// The stored rules the parser could have made: one the rules no longer take (a hand-edited
/// backup) is left out, never applied.
fn valid_rules(rules: Vec<crate::rhythm::Rule>) -> Vec<crate::rhythm::Rule> {
    rules.into_iter().filter(crate::rhythm::valid).collect()
}

async fn notes_per_month(store: &Store) -> Result<u32, StoreError> {
    Ok(store
        .setting(INVITE_NOTES_PER_MONTH)
        .await?
        .unwrap_or(crate::invites::FREE_NOTES_PER_MONTH))
}

/// This month's invitation notes, in the user's own calendar month.
async fn invite_budget(store: &Store) -> Result<crate::invites::Budget, StoreError> {
    let put: crate::invites::NotesPut = store.setting(INVITE_NOTES_PUT).await?.unwrap_or_default();
    let premium = store
        .setting(Flag::DraftPremium.key())
        .await?
        .unwrap_or(false);
    Ok(crate::invites::Budget::of(
        &put,
        this_month(),
        notes_per_month(store).await?,
        premium,
    ))
}

fn this_month() -> crate::calendar::Month {
    crate::calendar::month_of_day(chrome::local_today())
}

/// Asks the content script of the sender's tab (the overlay's; the active one for the side
/// panel) to put `text` in LinkedIn's invitation note box; its `{filled, open, limit}` as the
/// core answers it, with this month's notes, counting this one when it went in.
async fn put_in_invite_note(
    text: String,
    sender: &Sender,
    store: &Store,
) -> Result<Response, StoreError> {
    let tab = match &sender.tab {
        Some(tab) => Some(tab.id),
        None => active_tab().await,
    };
    let answer = match tab {
        Some(tab) => ask_tab(tab, &ToContentScript::InviteNote { text }).await,
        None => None,
    };
    let field = |name: &str| {
        answer
            .as_ref()
            .and_then(|a| js_sys::Reflect::get(a, &name.into()).ok())
            .unwrap_or(JsValue::UNDEFINED)
    };
    let filled = field("filled").as_bool().unwrap_or(false);
    if filled {
        let put: crate::invites::NotesPut =
            store.setting(INVITE_NOTES_PUT).await?.unwrap_or_default();
        store
            .set_setting(INVITE_NOTES_PUT, put.one_more(this_month()))
            .await?;
    }
    Ok(Response::InviteNote {
        reached: answer.is_some(),
        filled,
        open: field("open").as_bool().unwrap_or(false),
        limit: field("limit").as_f64().map(|l| l as usize),
        budget: invite_budget(store).await?,
    })
}

/// The open store, opened once per service-worker lifetime.
async fn store() -> Result<Rc<Store>, StoreError> {
    if let Some(store) = STORE.with(|s| s.borrow().clone()) {
        return Ok(store);
    }
    let store = Rc::new(Store::open(DATABASE_NAME).await?);
    STORE.with(|s| *s.borrow_mut() = Some(store.clone()));
    Ok(store)
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// An answer as a plain object, through JSON text as the store's records (see
/// [`crate::store::json_text`]); an unserialisable one becomes its error message.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .map_err(|e| e.to_string())
        .and_then(|text| js_sys::JSON::parse(&text).map_err(|_| "unparsable JSON".to_owned()))
        .unwrap_or_else(|e| JsValue::from_str(&format!("unserialisable answer: {e}")))
}
