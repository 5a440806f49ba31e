//! The store against real IndexedDB, in a service worker in headless Chromium — where the
//! extension's core runs it. Run by `./build.sh test` through wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

use common_ground::extract::PagePart;
use common_ground::model::{Note, PersonKey, Position, Profile, Site};
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
    Note {
        id: None,
        person: person(handle),
        text: text.to_owned(),
        created,
    }
}

fn profile(handle: &str, name: &str) -> Profile {
    Profile {
        site: Site::Linkedin,
        url: format!("https://www.linkedin.com/in/{handle}/"),
        handle: handle.to_owned(),
        name: name.to_owned(),
        headline: None,
        location: None,
        positions: vec![],
        education: vec![],
        mutuals: Default::default(),
    }
}

fn position(org: &str, start: Option<&str>) -> Position {
    Position {
        org: org.to_owned(),
        title: None,
        start: start.map(Into::into),
        end: None,
        current: false,
        location: None,
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

#[wasm_bindgen_test]
async fn a_write_that_fails_halfway_leaves_nothing_behind() {
    let store = Store::open(&db_name("atomic")).await.unwrap();
    let result: Result<(), StoreError> = store
        .write(&[NOTES], async |tx| {
            let value = serde_wasm_bindgen::to_value(&note("ada", "half a write", 1.0)).unwrap();
            tx.object_store(NOTES)?.add(&value, None)?.await?;
            Err(StoreError::Refused("the second half failed".into()))
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
