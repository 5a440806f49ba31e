//! The store against real IndexedDB, in a service worker in headless Chromium — where the
//! extension's core runs it. Run by `./build.sh test` through wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

use common_ground::extract::PagePart;
use common_ground::model::{Note, PersonKey, Position, Profile, Site};
use common_ground::protocol::Refusal;
use common_ground::store::{Store, StoreError, NOTES, SCHEMA_VERSION};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_service_worker);

/// A database of its own for each test, so tests cannot see each other's data.
fn db_name(test: &str) -> String {
    format!("cg-test-{test}-{}", js_sys::Math::random())
}

fn person(handle: &str) -> PersonKey {
    PersonKey::new(Site::Linkedin, handle)
}

fn note(handle: &str, text: &str, created: f64) -> Note {
    Note::new(person(handle), text.to_owned(), created)
}

fn profile(handle: &str, name: &str) -> Profile {
    let url = format!("https://www.linkedin.com/in/{handle}/");
    Profile::named(Site::Linkedin, url, handle.to_owned(), name.to_owned())
}

fn position(org: &str, start: Option<&str>) -> Position {
    Position {
        start: start.map(Into::into),
        ..Position::at(org.to_owned(), false)
    }
}

#[wasm_bindgen_test]
async fn notes_are_filed_per_person_newest_first_and_survive_reopening() {
    let name = db_name("notes");
    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.version().unwrap(), SCHEMA_VERSION);
    let first = store
        .add_note(note("ada", "met at the meetup", 1_000.0))
        .await
        .unwrap();
    let second = store
        .add_note(note("ada", "likes sailing", 2_000.0))
        .await
        .unwrap();
    store
        .add_note(note("bob", "about someone else", 1_500.0))
        .await
        .unwrap();
    assert!(first.id.is_some() && second.id.is_some() && first.id != second.id);
    store.close();

    let store = Store::open(&name).await.unwrap();
    let texts: Vec<String> = store
        .notes_for(&person("ada"))
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(texts, ["likes sailing", "met at the meetup"]);
    assert!(store.notes_for(&person("nobody")).await.unwrap().is_empty());
}

/// An older build let a restored backup push the notes' key generator past what reads back
/// (an id of 4,294,967,295, then 4,294,967,296 for the next note). Opening the store renumbers
/// such notes, and new notes get ids that read back, whatever the browser's generator says.
#[wasm_bindgen_test]
async fn ids_past_the_range_are_renumbered_and_new_ones_always_read_back() {
    let name = db_name("ids");
    let store = Store::open(&name).await.unwrap();
    let kept = store
        .add_note(note("ada", "written before", 1_000.0))
        .await
        .unwrap();
    store.close();

    // The damage, made the way the old restore made it: records with ids beyond the range.
    let db = idb::Factory::new()
        .unwrap()
        .open(&name, None)
        .unwrap()
        .await
        .unwrap();
    let tx = db
        .transaction(&[NOTES], idb::TransactionMode::ReadWrite)
        .unwrap();
    for (id, text) in [
        (4_294_967_295u64, "restored"),
        (4_294_967_296, "added after"),
    ] {
        let record = serde_json::json!({
            "id": id, "person": "linkedin:ada", "text": text, "tags": [],
            "created": 2_000.0, "edited": null, "source": null
        });
        let value = js_sys::JSON::parse(&record.to_string()).unwrap();
        tx.object_store(NOTES)
            .unwrap()
            .put(&value, None)
            .unwrap()
            .await
            .unwrap();
    }
    tx.commit().unwrap().await.unwrap();
    db.close();

    let store = Store::open(&name).await.unwrap();
    let notes = store.notes_for(&person("ada")).await.unwrap();
    let mut texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
    texts.sort();
    assert_eq!(texts, ["added after", "restored", "written before"]);
    assert!(notes.iter().all(|n| n
        .id
        .is_some_and(|id| id <= common_ground::backup::MAX_RECORD_ID)));
    assert!(
        notes.iter().any(|n| n.id == kept.id),
        "the note that read back keeps its id"
    );

    let new = store
        .add_note(note("ada", "and now", 3_000.0))
        .await
        .unwrap();
    let ids: Vec<u32> = notes.iter().filter_map(|n| n.id).collect();
    assert_eq!(new.id, Some(ids.iter().max().unwrap() + 1));
    let again = store.notes_for(&person("ada")).await.unwrap();
    assert!(again.iter().any(|n| n.id == new.id && n.text == "and now"));
}

#[wasm_bindgen_test]
async fn a_write_that_fails_halfway_leaves_nothing_behind() {
    let store = Store::open(&db_name("atomic")).await.unwrap();
    let result: Result<(), StoreError> = store
        .write(&[NOTES], async |tx| {
            let value = serde_wasm_bindgen::to_value(&note("ada", "half a write", 1.0)).unwrap();
            tx.object_store(NOTES)?.add(&value, None)?.await?;
            Err(StoreError::Refused(Refusal::NeverStored))
        })
        .await;
    assert!(matches!(result, Err(StoreError::Refused(_))));
    assert!(store.notes_for(&person("ada")).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn profiles_keep_when_they_were_first_seen() {
    let store = Store::open(&db_name("profiles")).await.unwrap();
    store
        .remember_profile(profile("ada", "Ada Old"), PagePart::Main, 10.0)
        .await
        .unwrap();
    store
        .remember_profile(profile("ada", "Ada New"), PagePart::Main, 20.0)
        .await
        .unwrap();
    let stored = store.profile(&person("ada")).await.unwrap().unwrap();
    assert_eq!(stored.name, "Ada New");
    assert!(store.profile(&person("bob")).await.unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_new_visit_keeps_the_reading_the_previous_visit_ended_with() {
    use common_ground::store::VISIT_GAP_MS;
    let store = Store::open(&db_name("visits")).await.unwrap();
    let reading = |headline: &str| Profile {
        headline: Some(headline.to_owned()),
        ..profile("ada", "Ada")
    };
    let remember = |headline: &'static str, at: f64| {
        let store = &store;
        let fresh = reading(headline);
        async move {
            store
                .remember_profile(fresh, PagePart::Main, at)
                .await
                .unwrap()
        }
    };
    let previous = async |store: &Store| {
        let read = store
            .overlay(&person("ada"), "collapsed", "rhythm_rules", |_| Vec::new())
            .await
            .unwrap();
        read.visit.unwrap().previous.and_then(|p| p.headline)
    };
    remember("Engineer", 0.0).await;
    remember("Engineer at Acme", 60_000.0).await;
    assert_eq!(previous(&store).await, None, "one visit so far");
    // Back after a pause: what the first visit ended with is what changed is measured from.
    remember("Lead at Globex", 60_000.0 + VISIT_GAP_MS).await;
    assert_eq!(previous(&store).await.as_deref(), Some("Engineer at Acme"));
    // A reload in the same visit does not move that point.
    remember("Lead at Globex!", 120_000.0 + VISIT_GAP_MS).await;
    assert_eq!(previous(&store).await.as_deref(), Some("Engineer at Acme"));
}

#[wasm_bindgen_test]
async fn what_is_kept_about_people_is_read_through_the_indexes() {
    use common_ground::model::{Balance, Conversation, Interaction, InteractionKind, Invitation};
    let store = Store::open(&db_name("kept")).await.unwrap();
    let mut with_history = export(&[
        ("linkedin:ada", "Ada", Some("Acme")),
        ("linkedin:bob", "Bob", None),
    ]);
    with_history.invitations = vec![Invitation {
        person: "linkedin:ada".into(),
        name: "Ada Example".into(),
        outgoing: true,
        sent_on: Some("2020-01-01".into()),
        message: Some("Glad we met at the meetup".into()),
    }];
    with_history.conversations = vec![Conversation {
        person: "linkedin:ada".into(),
        name: "Ada Example".into(),
        messages: 7,
        sent: 3,
        received: 4,
        first: Some("2020-01-02".into()),
        last: Some("2026-10-01".into()),
    }];
    store.import(&with_history, 1.0).await.unwrap();
    store
        .add_note(note("ada", "likes sailing", 5.0))
        .await
        .unwrap();
    store
        .add_note(note("bob", "not about Ada", 6.0))
        .await
        .unwrap();
    let logged = store
        .add_interaction(Interaction {
            uid: None,
            id: None,
            person: person("ada"),
            kind: InteractionKind::Shared,
            balance: Balance::Give,
            text: "sent her the open data report".into(),
            at: 7.0,
        })
        .await
        .unwrap();
    assert!(logged.id.is_some());

    store
        .remember_profile(profile("ada", "Ada"), PagePart::Main, 8.0)
        .await
        .unwrap();
    let kept = store
        .overlay(&person("ada"), "collapsed", "rhythm_rules", |_| {
            vec!["linkedin:zed".to_owned()]
        })
        .await
        .unwrap()
        .kept;
    assert_eq!(kept.len(), 1, "nothing is kept about zed");
    let (id, ada) = &kept[0];
    assert_eq!(id, "linkedin:ada");
    assert_eq!(ada.notes.len(), 1);
    assert_eq!(ada.notes[0].text, "likes sailing");
    assert_eq!(ada.interactions[0].balance, Balance::Give);
    assert_eq!(
        ada.invitations[0].message.as_deref(),
        Some("Glad we met at the meetup")
    );

    let everyone = store.everyone().await.unwrap();
    assert_eq!(everyone.contacts.len(), 2);
    assert_eq!(everyone.conversations.len(), 1);
    assert_eq!(everyone.conversations[0].messages, 7);
    assert_eq!((everyone.notes.len(), everyone.interactions.len()), (2, 1));
}

#[wasm_bindgen_test]
async fn the_overlay_reads_everything_in_one_transaction() {
    let store = Store::open(&db_name("overlay")).await.unwrap();
    let empty = store
        .overlay(&person("ada"), "collapsed", "rhythm_rules", |_| {
            unreachable!("no profile yet")
        })
        .await
        .unwrap();
    assert!(
        empty.visit.is_none()
            && empty.notes.is_empty()
            && empty.kept.is_empty()
            && empty.rules.is_empty()
    );

    store
        .import(&export(&[("linkedin:bob", "Bob", Some("Acme"))]), 1.0)
        .await
        .unwrap();
    store
        .remember_profile(profile("ada", "Ada"), PagePart::Main, 2.0)
        .await
        .unwrap();
    store.add_note(note("ada", "about Ada", 3.0)).await.unwrap();
    store.add_note(note("bob", "about Bob", 4.0)).await.unwrap();
    store.set_setting("collapsed", true).await.unwrap();
    let rules = common_ground::rhythm::parse_rules("#mentor: every 4 to 6 weeks").unwrap();
    store.set_setting("rhythm_rules", &rules).await.unwrap();
    let read = store
        .overlay(&person("ada"), "collapsed", "rhythm_rules", |profile| {
            assert_eq!(profile.name, "Ada");
            vec!["linkedin:bob".to_owned()]
        })
        .await
        .unwrap();
    assert_eq!(read.visit.unwrap().profile.name, "Ada");
    assert_eq!(read.notes.len(), 1);
    assert!(read.collapsed);
    assert_eq!(read.rules, rules, "the rules come in the same read");
    assert_eq!(read.contacts, 1);
    let kept: Vec<&str> = read.kept.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(kept, ["linkedin:ada", "linkedin:bob"]);
}

#[wasm_bindgen_test]
async fn a_details_page_completes_the_stored_profile_in_one_write() {
    let store = Store::open(&db_name("details")).await.unwrap();
    let mut main = profile("ada", "Ada Example");
    main.positions = vec![position("Acme", Some("2021-01"))];
    store
        .remember_profile(main, PagePart::Main, 1.0)
        .await
        .unwrap();

    // The details page names no one; it lists every position.
    let mut details = profile("ada", "");
    details.positions = vec![
        position("Acme", Some("2021-01")),
        position("Globex", Some("2015-03")),
    ];
    let merged = store
        .remember_profile(details, PagePart::Experience, 2.0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(merged.name, "Ada Example");
    assert_eq!(merged.positions.len(), 2);
    assert_eq!(
        store.profile(&person("ada")).await.unwrap().unwrap(),
        merged
    );

    // A details page of someone never opened before is not stored.
    let orphan = store
        .remember_profile(profile("bob", ""), PagePart::Experience, 3.0)
        .await
        .unwrap();
    assert!(orphan.is_none());
    assert!(store.profile(&person("bob")).await.unwrap().is_none());
}

#[wasm_bindgen_test]
async fn settings_round_trip() {
    let store = Store::open(&db_name("settings")).await.unwrap();
    assert_eq!(
        store.setting::<bool>("overlay_collapsed").await.unwrap(),
        None
    );
    store.set_setting("overlay_collapsed", true).await.unwrap();
    assert_eq!(
        store.setting::<bool>("overlay_collapsed").await.unwrap(),
        Some(true)
    );
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_release_is_refused_and_left_untouched() {
    let name = db_name("newer");
    let factory = idb::Factory::new().unwrap();
    let mut request = factory.open(&name, Some(SCHEMA_VERSION + 1)).unwrap();
    request.on_upgrade_needed(|event| {
        use idb::DatabaseEvent;
        let db = event.database().unwrap();
        db.create_object_store("from_the_future", idb::ObjectStoreParams::new())
            .unwrap();
    });
    request.await.unwrap().close();

    let err = Store::open(&name)
        .await
        .err()
        .expect("a newer schema must be refused");
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    assert!(err.to_string().contains("newer"), "{err}");

    let db = factory.open(&name, None).unwrap().await.unwrap();
    assert_eq!(db.version().unwrap(), SCHEMA_VERSION + 1);
    assert_eq!(db.store_names(), ["from_the_future"]);
}

fn export(contacts: &[(&str, &str, Option<&str>)]) -> common_ground::import::Export {
    common_ground::import::Export {
        contacts: contacts
            .iter()
            .map(|(id, first, company)| common_ground::model::Contact {
                id: id.to_string(),
                first_name: first.to_string(),
                last_name: "Example".into(),
                url: None,
                email: None,
                company: company.map(Into::into),
                position: None,
                connected_on: Some("2020-01-01".into()),
            })
            .collect(),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn re_importing_merges_and_keeps_what_the_user_wrote() {
    use common_ground::store::ContactByUser;
    let store = Store::open(&db_name("reimport")).await.unwrap();
    let first = store
        .import(
            &export(&[
                ("linkedin:ada", "Ada", Some("Acme")),
                ("linkedin:bob", "Bob", None),
            ]),
            1.0,
        )
        .await
        .unwrap();
    assert_eq!((first.contacts_added, first.contacts_updated), (2, 0));
    let mine = ContactByUser {
        changed: 0.0,
        tags: vec!["key".into()],
        rhythm_days: Some(42),
    };
    store
        .set_contact_by_user("linkedin:ada", mine.clone())
        .await
        .unwrap();
    store
        .add_note(note("ada", "met at the meetup", 5.0))
        .await
        .unwrap();

    // Ada moved to Globex; Cy is new.
    let again = store
        .import(
            &export(&[
                ("linkedin:ada", "Ada", Some("Globex")),
                ("linkedin:cy", "Cy", None),
            ]),
            2.0,
        )
        .await
        .unwrap();
    assert_eq!((again.contacts_added, again.contacts_updated), (1, 1));
    assert_eq!(store.contact_count().await.unwrap(), 3);
    let (ada, by_user) = store.contact("linkedin:ada").await.unwrap().unwrap();
    assert_eq!(ada.company.as_deref(), Some("Globex"));
    // What the user wrote is kept, with when they wrote it.
    assert!(by_user.changed > 0.0);
    assert_eq!(
        by_user,
        ContactByUser {
            changed: by_user.changed,
            ..mine
        }
    );
    assert_eq!(store.notes_for(&person("ada")).await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn an_import_that_fails_halfway_leaves_the_store_as_it_was() {
    let store = Store::open(&db_name("failed-import")).await.unwrap();
    store
        .import(&export(&[("linkedin:ada", "Ada", Some("Acme"))]), 1.0)
        .await
        .unwrap();
    // 500 good rows, then one the store refuses: none of the 500 may land.
    let mut rows: Vec<(String, String)> = (0..500)
        .map(|i| (format!("linkedin:p{i}"), format!("P{i}")))
        .collect();
    rows.push((String::new(), "Nobody".into()));
    let rows: Vec<(&str, &str, Option<&str>)> = rows
        .iter()
        .map(|(id, n)| (id.as_str(), n.as_str(), Some("Globex")))
        .collect();
    let err = store.import(&export(&rows), 2.0).await.unwrap_err();
    assert!(err.to_string().contains("nothing was imported"), "{err}");
    assert_eq!(store.contact_count().await.unwrap(), 1);
    let (ada, _) = store.contact("linkedin:ada").await.unwrap().unwrap();
    assert_eq!(ada.company.as_deref(), Some("Acme"));
}

#[wasm_bindgen_test]
async fn a_version_1_database_migrates_without_losing_notes() {
    use idb::DatabaseEvent;
    let name = db_name("v1");
    // Version 1 exactly as it was released: notes (with the by_person index), profiles, settings.
    let factory = idb::Factory::new().unwrap();
    let mut request = factory.open(&name, Some(1)).unwrap();
    request.on_upgrade_needed(|event| {
        let db = event.database().unwrap();
        let mut notes = idb::ObjectStoreParams::new();
        notes
            .key_path(Some(idb::KeyPath::new_single("id")))
            .auto_increment(true);
        let notes = db.create_object_store("notes", notes).unwrap();
        notes
            .create_index("by_person", idb::KeyPath::new_single("person"), None)
            .unwrap();
        let mut keyed = idb::ObjectStoreParams::new();
        keyed.key_path(Some(idb::KeyPath::new_single("person")));
        db.create_object_store("profiles", keyed).unwrap();
        let mut keyed = idb::ObjectStoreParams::new();
        keyed.key_path(Some(idb::KeyPath::new_single("name")));
        db.create_object_store("settings", keyed).unwrap();
    });
    let db = request.await.unwrap();
    let tx = db
        .transaction(&["notes"], idb::TransactionMode::ReadWrite)
        .unwrap();
    let value = serde_wasm_bindgen::to_value(&note("ada", "written under version 1", 1.0)).unwrap();
    tx.object_store("notes")
        .unwrap()
        .add(&value, None)
        .unwrap()
        .await
        .unwrap();
    tx.commit().unwrap().await.unwrap();
    db.close();

    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.version().unwrap(), SCHEMA_VERSION);
    let notes = store.notes_for(&person("ada")).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "written under version 1");
    store
        .import(&export(&[("linkedin:ada", "Ada", None)]), 1.0)
        .await
        .unwrap();
    assert_eq!(store.contact_count().await.unwrap(), 1);
    // Version 3's interactions store exists after the migration.
    let logged = store
        .add_interaction(common_ground::model::Interaction {
            uid: None,
            id: None,
            person: person("ada"),
            kind: common_ground::model::InteractionKind::Met,
            balance: common_ground::model::Balance::Neutral,
            text: "met at the meetup".into(),
            at: 2.0,
        })
        .await
        .unwrap();
    assert_eq!(logged.id, Some(1));
}

#[wasm_bindgen_test]
fn the_bucket_of_a_contact_never_changes() {
    // Part of the schema: stored contacts are found by it. FNV-1a of the id, modulo 64.
    assert_eq!(common_ground::store::bucket_of("linkedin:ada"), 33);
    assert!((0..1000).all(
        |i| common_ground::store::bucket_of(&format!("linkedin:p{i}"))
            < common_ground::store::CONTACT_BUCKETS
    ));
}

#[wasm_bindgen_test]
async fn notes_are_edited_deleted_and_put_back_with_their_id() {
    let store = Store::open(&db_name("note-edits")).await.unwrap();
    let saved = store
        .add_note(note("ada", "met at the meetup", 1_000.0))
        .await
        .unwrap();
    let id = saved.id.unwrap();
    let edited = store
        .edit_note(
            id,
            "met at the Open Data meetup".into(),
            vec!["event".into()],
            2_000.0,
        )
        .await
        .unwrap();
    assert_eq!(
        (
            edited.text.as_str(),
            edited.tags.as_slice(),
            edited.edited,
            edited.created
        ),
        (
            "met at the Open Data meetup",
            &["event".to_owned()][..],
            Some(2_000.0),
            1_000.0
        )
    );
    let deleted = store.delete_note(id).await.unwrap();
    assert_eq!(deleted, edited);
    assert!(store.notes_for(&person("ada")).await.unwrap().is_empty());
    // Deleting again says what happened instead of failing silently.
    let again = store.delete_note(id).await.unwrap_err().to_string();
    assert!(again.contains("no note"), "{again}");
    store.restore_note(deleted.clone()).await.unwrap();
    assert_eq!(store.notes_for(&person("ada")).await.unwrap(), [deleted]);
}

#[wasm_bindgen_test]
async fn interactions_are_listed_newest_first_and_removed() {
    use common_ground::model::{Balance, Interaction, InteractionKind};
    let store = Store::open(&db_name("interactions")).await.unwrap();
    let log = |kind, balance, at| Interaction {
        uid: None,
        id: None,
        person: person("ada"),
        kind,
        balance,
        text: String::new(),
        at,
    };
    let first = store
        .add_interaction(log(InteractionKind::Met, Balance::Neutral, 1.0))
        .await
        .unwrap();
    store
        .add_interaction(log(InteractionKind::Introduced, Balance::Give, 2.0))
        .await
        .unwrap();
    let kinds: Vec<_> = store
        .interactions_for("linkedin:ada")
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.kind)
        .collect();
    assert_eq!(kinds, [InteractionKind::Introduced, InteractionKind::Met]);
    store.delete_interaction(first.id.unwrap()).await.unwrap();
    assert_eq!(
        store.interactions_for("linkedin:ada").await.unwrap().len(),
        1
    );
}

#[wasm_bindgen_test]
async fn forgetting_a_person_deletes_everything_about_them_and_nothing_else() {
    use common_ground::model::{Balance, Interaction, InteractionKind};
    let store = Store::open(&db_name("forget")).await.unwrap();
    store
        .import(
            &export(&[("linkedin:ada", "Ada", None), ("linkedin:bob", "Bob", None)]),
            1.0,
        )
        .await
        .unwrap();
    store
        .remember_profile(profile("ada", "Ada Example"), PagePart::Main, 1.0)
        .await
        .unwrap();
    store
        .remember_profile(profile("bob", "Bob Example"), PagePart::Main, 1.0)
        .await
        .unwrap();
    for handle in ["ada", "ada", "bob"] {
        store.add_note(note(handle, "a note", 1.0)).await.unwrap();
    }
    store
        .add_interaction(Interaction {
            uid: None,
            id: None,
            person: person("ada"),
            kind: InteractionKind::Called,
            balance: Balance::Neutral,
            text: String::new(),
            at: 1.0,
        })
        .await
        .unwrap();

    store
        .set_marks(&common_ground::model::Marks {
            person: "linkedin:ada".into(),
            key: true,
            ..Default::default()
        })
        .await
        .unwrap();
    let forgotten = store
        .forget(&person("ada"), Some("linkedin:ada"))
        .await
        .unwrap();
    assert!(forgotten.profile && forgotten.contact && forgotten.marks);
    assert!(store.all_marks().await.unwrap().is_empty());
    assert_eq!((forgotten.notes, forgotten.interactions), (2, 1));
    assert!(store.profile(&person("ada")).await.unwrap().is_none());
    assert!(store.notes_for(&person("ada")).await.unwrap().is_empty());
    assert!(store
        .interactions_for("linkedin:ada")
        .await
        .unwrap()
        .is_empty());
    assert!(store.contact("linkedin:ada").await.unwrap().is_none());
    assert_eq!(store.contact_count().await.unwrap(), 1);
    // Bob is untouched.
    assert!(store.profile(&person("bob")).await.unwrap().is_some());
    assert_eq!(store.notes_for(&person("bob")).await.unwrap().len(), 1);
    assert!(store.contact("linkedin:bob").await.unwrap().is_some());
}

#[wasm_bindgen_test]
async fn a_backup_restored_reads_back_equal_and_replaces_what_was_there() {
    use common_ground::backup::sample;
    let store = Store::open(&db_name("backup")).await.unwrap();
    store
        .add_note(note("someone-before", "replaced by the restore", 1.0))
        .await
        .unwrap();
    let backup = sample(300, 120, 60);
    store.restore(&backup).await.unwrap();
    let mut back = store.backup(backup.exported).await.unwrap();
    back.exported = backup.exported;
    assert_eq!(back, backup);
    assert_eq!(store.contact_count().await.unwrap(), 300);
    assert!(store
        .notes_for(&person("someone-before"))
        .await
        .unwrap()
        .is_empty());
    // New notes take ids after the restored ones.
    let next = store.add_note(note("ada", "after", 2.0)).await.unwrap();
    assert!(next.id.unwrap() > 120, "{:?}", next.id);
}

#[wasm_bindgen_test]
async fn deletions_leave_tombstones_and_an_undo_takes_its_own_back() {
    use common_ground::model::{Gone, Marks};
    let store = Store::open(&db_name("tombstones")).await.unwrap();
    let kept = store.add_note(note("ada", "kept", 1.0)).await.unwrap();
    let gone = store.add_note(note("ada", "deleted", 2.0)).await.unwrap();
    assert!(
        kept.uid.is_some() && kept.uid != gone.uid,
        "{kept:?} {gone:?}"
    );
    store.delete_note(gone.id.unwrap()).await.unwrap();
    let marks = Marks {
        person: "linkedin:bo".into(),
        key: true,
        ..Marks::default()
    };
    store.set_marks(&marks).await.unwrap();
    store
        .set_marks(&Marks {
            key: false,
            ..marks
        })
        .await
        .unwrap();
    store.forget(&person("cy"), None).await.unwrap();
    let kinds = |b: &common_ground::backup::Backup| {
        b.tombstones
            .iter()
            .map(|t| (t.kind, t.id.clone()))
            .collect::<Vec<_>>()
    };
    let backup = store.backup(0.0).await.unwrap();
    assert_eq!(
        kinds(&backup),
        [
            (Gone::Note, gone.uid.clone().unwrap()),
            (Gone::Marks, "linkedin:bo".into()),
            (Gone::Person, "linkedin:cy".into()),
        ]
    );
    // Undoing the delete puts the note back and takes its tombstone away.
    store.restore_note(gone.clone()).await.unwrap();
    let backup = store.backup(0.0).await.unwrap();
    assert_eq!(backup.notes.len(), 2);
    assert_eq!(kinds(&backup).len(), 2);
}

#[wasm_bindgen_test]
async fn a_merge_reads_and_writes_in_one_transaction_and_twice_changes_nothing() {
    use common_ground::backup::sample;
    let laptop = Store::open(&db_name("merge-laptop")).await.unwrap();
    let desktop = Store::open(&db_name("merge-desktop")).await.unwrap();
    let base = sample(200, 60, 30);
    laptop.restore(&base).await.unwrap();
    desktop.restore(&base).await.unwrap();
    // Each device changes what it has on its own.
    let first = base.notes[0].id.unwrap();
    laptop
        .edit_note(first, "edited on the laptop".into(), Vec::new(), 9e12)
        .await
        .unwrap();
    desktop
        .delete_note(base.notes[1].id.unwrap())
        .await
        .unwrap();
    desktop
        .add_note(note("ada", "written on the desktop", 5.0))
        .await
        .unwrap();
    // Preview writes nothing.
    let from_desktop = desktop.backup(1.0).await.unwrap();
    let preview = laptop.merge(&from_desktop, false).await.unwrap();
    assert_eq!(
        (preview.added.notes, preview.removed.notes),
        (1, 1),
        "{preview:?}"
    );
    assert_eq!(laptop.backup(0.0).await.unwrap().notes.len(), 60);
    assert_eq!(laptop.merge(&from_desktop, true).await.unwrap(), preview);
    assert!(laptop.merge(&from_desktop, true).await.unwrap().is_empty());
    let from_laptop = laptop.backup(2.0).await.unwrap();
    desktop.merge(&from_laptop, true).await.unwrap();
    let both = |b: common_ground::backup::Backup| {
        let mut notes: Vec<(String, String)> = b
            .notes
            .iter()
            .map(|n| (common_ground::model::note_uid(n), n.text.clone()))
            .collect();
        notes.sort();
        (notes, b.contacts.len(), b.tombstones.len())
    };
    assert_eq!(
        both(desktop.backup(0.0).await.unwrap()),
        both(laptop.backup(0.0).await.unwrap())
    );
    assert_eq!(laptop.contact_count().await.unwrap(), 200);
    // New notes still take ids after every stored one.
    let next = laptop.add_note(note("bo", "after", 6.0)).await.unwrap();
    assert!(next.id.unwrap() > 61, "{:?}", next.id);
}

#[wasm_bindgen_test]
async fn an_encrypted_backup_opens_only_with_its_passphrase_and_says_which_fault() {
    use common_ground::crypto::{open, seal};
    use common_ground::sealed::{SealError, Sealed};
    let plain = common_ground::backup::sample(20, 5, 3).to_json().unwrap();
    let sealed = seal(&plain, "correct horse battery").await.unwrap();
    assert!(
        !sealed.contains("Sam0"),
        "the content is not in plain sight"
    );
    assert_eq!(open(&sealed, "correct horse battery").await.unwrap(), plain);
    assert_eq!(
        open(&sealed, "wrong horse battery").await.unwrap_err(),
        SealError::WrongPassphrase
    );
    assert_eq!(
        open(&sealed, "").await.unwrap_err(),
        SealError::NoPassphrase
    );
    // A fresh salt and nonce for every file.
    let again = seal(&plain, "correct horse battery").await.unwrap();
    let (one, two) = (
        Sealed::parse(&sealed).unwrap(),
        Sealed::parse(&again).unwrap(),
    );
    assert_ne!(one.salt, two.salt);
    assert_ne!(one.nonce, two.nonce);
    // One byte of the content changed: the passphrase is right, the file is damaged.
    let mut damaged = one.clone();
    damaged.data[10] ^= 1;
    assert_eq!(
        open(&damaged.to_json(), "correct horse battery")
            .await
            .unwrap_err(),
        SealError::Damaged
    );
}

#[wasm_bindgen_test]
async fn the_passphrase_stays_in_this_browser_through_a_restore() {
    use common_ground::store::PASSPHRASE;
    let store = Store::open(&db_name("passphrase")).await.unwrap();
    store
        .set_setting(PASSPHRASE, "kept in this browser")
        .await
        .unwrap();
    let backup = store.backup(0.0).await.unwrap();
    assert!(backup.settings.iter().all(|s| s.name != PASSPHRASE));
    store
        .restore(&common_ground::backup::sample(3, 1, 0))
        .await
        .unwrap();
    assert_eq!(
        store
            .setting::<String>(PASSPHRASE)
            .await
            .unwrap()
            .as_deref(),
        Some("kept in this browser")
    );
    // A file that names the passphrase among its settings does not set it.
    let mut hostile = common_ground::backup::sample(1, 0, 0);
    hostile.settings.push(common_ground::backup::Setting {
        name: PASSPHRASE.into(),
        value: "chosen by whoever wrote the file".into(),
        changed: 0.0,
    });
    let fresh = Store::open(&db_name("passphrase-fresh")).await.unwrap();
    fresh.restore(&hostile).await.unwrap();
    assert_eq!(fresh.setting::<String>(PASSPHRASE).await.unwrap(), None);
}
