//! Every draft for every fixture profile — the committed sample pages and, when the folder is
//! beside the checkout, the real saved pages in `../shared/fixtures` — for every purpose, in
//! English and Dutch, with "je" and "u", at both limits: within the limit, passing the favour
//! checker, and naming its facts. Three "me"s per profile: the sample user, a user who shares
//! this person's whole history (so every kind of fact is used with real, messy names), and
//! nobody known.

use std::path::{Path, PathBuf};

use common_ground::calendar::day_of;
use common_ground::draft::favour::check_for;
use common_ground::draft::{
    drafts, Brief, Context, DraftError, FactKind, Lang, Purpose, FREE_LIMIT, PREMIUM_LIMIT,
};
use common_ground::extract::{extract, Extraction};
use common_ground::history::annotate;
use common_ground::model::{Contact, Conversation, Note, Profile};
use common_ground::people::{ContactByUser, People};
use common_ground::relationship::Kept;

const PHRASE_BANK: &str = include_str!("../src/draft/words.rs");

/// Every saved page with the address it is read as.
fn pages() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut walk = vec![
        root.join("tests/fixtures/pages"),
        root.join("../shared/fixtures"),
    ];
    while let Some(dir) = walk.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk.push(path);
                continue;
            }
            if path.extension().is_none_or(|x| x != "html") {
                continue;
            }
            let text = path.to_string_lossy().to_string();
            let stem = path
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .replace('.', "-");
            let url = if text.contains("linkedin") || text.contains("/pages/") {
                format!("https://www.linkedin.com/in/{stem}/")
            } else if text.contains("github") {
                format!("https://github.com/{stem}?tab=repositories")
            } else {
                format!("https://people.example/{stem}/")
            };
            out.push((path, url));
        }
    }
    out.sort();
    out
}

fn profiles() -> Vec<(String, Profile)> {
    let mut out = Vec::new();
    for (path, url) in pages() {
        // The committed GitHub and schema.org samples are read as what they are.
        let url = match path.file_name().unwrap().to_str().unwrap() {
            "github-ada-example.html" => "https://github.com/ada-example".to_owned(),
            "schema-person.html" => "https://noor.example/about/".to_owned(),
            _ => url,
        };
        let html = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        if let Ok(Extraction::Profile(p)) = extract(&url, &html) {
            out.push((path.display().to_string(), *p));
        }
    }
    out
}

/// The sample user of `cg sample-export`.
fn sample_me() -> Profile {
    serde_json::from_value(serde_json::json!({
        "site": "linkedin", "url": "https://www.linkedin.com/in/sam-example/",
        "handle": "sam-example", "name": "Sam Example", "headline": "Data engineer",
        "location": "Utrecht, Netherlands",
        "positions": [
            {"org": "Veldwerk Analytics", "title": "Data engineer", "start": "2020-01", "current": true},
            {"org": "Gemeente Utrecht", "start": "2016-03", "end": "2019-12"}
        ],
        "education": [{"school": "Universiteit Utrecht", "start": "2012", "end": "2016"}]
    }))
    .unwrap()
}

/// A user who was everywhere this person was, at the same times, in the same city.
fn mirror_me(them: &Profile) -> Profile {
    let mut me = them.clone();
    me.name = "Joost Mirror".into();
    me.handle = "joost-mirror".into();
    me
}

/// The contacts: each mutual connection the page names, written to often (a close tie), and
/// the person themselves, last written to in 2019 (a dormant tie).
fn people(them: &Profile) -> People {
    let contact = |id: String, name: &str| {
        let (first, last) = name.split_once(' ').unwrap_or((name, ""));
        Contact {
            id,
            first_name: first.into(),
            last_name: last.into(),
            url: None,
            email: None,
            company: None,
            position: None,
            connected_on: Some("2015-06-01".into()),
        }
    };
    let conversation = |id: &str, name: &str, last: &str| Conversation {
        person: id.into(),
        name: name.into(),
        messages: 40,
        sent: 20,
        received: 20,
        first: Some("2018-01-10".into()),
        last: Some(last.into()),
    };
    let mut contacts = Vec::new();
    let mut conversations = Vec::new();
    for (i, name) in them.mutuals.names.iter().enumerate() {
        let id = format!("name:mutual{i}");
        contacts.push(contact(id.clone(), name));
        conversations.push(conversation(&id, name, "2026-10-01"));
    }
    let id = them.key().as_str().to_owned();
    contacts.push(contact(id.clone(), &them.name));
    conversations.push(conversation(&id, &them.name, "2019-05-01"));
    People::new(
        contacts.into_iter().map(|c| (c, ContactByUser::default())),
        conversations,
    )
}

/// The profile as a previous visit read it: without their current positions, so that those
/// are new now.
fn before(them: &Profile) -> Profile {
    let mut p = them.clone();
    p.positions.retain(|p| !p.current);
    p
}

/// The words of `text` that neither a fact, nor a name, nor the phrase bank accounts for.
fn unaccounted(text: &str, accounted: &[&str]) -> Vec<String> {
    let mut rest = text.to_owned();
    let mut by_length: Vec<&&str> = accounted.iter().filter(|a| !a.is_empty()).collect();
    by_length.sort_by_key(|a| std::cmp::Reverse(a.len()));
    for a in by_length {
        rest = rest.replace(*a, " ");
    }
    rest.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !PHRASE_BANK.contains(*w))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_draft_for_every_fixture_profile_fits_asks_nothing_and_names_its_facts() {
    let profiles = profiles();
    let committed = profiles
        .iter()
        .filter(|(p, _)| p.contains("tests/fixtures"))
        .count();
    assert!(committed >= 6, "only {committed} committed profiles read");
    let today = day_of("2026-11-22").unwrap();
    let mut drafted = 0;
    let mut kinds_used = std::collections::HashSet::new();
    for (path, them) in &profiles {
        let people = people(them);
        let previous = before(them);
        let note = Note::new(
            them.key(),
            "Met at the Open Data meetup; she maps footpaths".into(),
            1_760_000_000_000.0,
        );
        let mirror = mirror_me(them);
        for me in [Some(sample_me()), Some(mirror), None] {
            let kept: Vec<(String, Kept)> = Vec::new();
            let annotation = annotate(
                me.as_ref(),
                them,
                Some(&previous),
                &people,
                &kept,
                &[],
                today,
            );
            let notes = [note.clone()];
            let context = Context {
                me: me.as_ref(),
                them,
                annotation: &annotation,
                notes: &notes,
                interactions: &[],
            };
            for purpose in Purpose::ALL {
                for (lang, formal) in [(Lang::En, false), (Lang::Nl, false), (Lang::Nl, true)] {
                    for limit in [FREE_LIMIT, PREMIUM_LIMIT] {
                        let given = match purpose {
                            Purpose::Share => {
                                Some("https://example.org/open-data-footpaths".into())
                            }
                            Purpose::Thank => Some("the tip about the footpath data".into()),
                            _ => None,
                        };
                        let brief = Brief {
                            purpose,
                            lang,
                            formal,
                            limit,
                            given,
                        };
                        let what = format!("{path} {purpose:?} {lang:?} formal={formal} {limit}");
                        let list = match drafts(&context, &brief) {
                            Ok(list) => list,
                            Err(DraftError::NoNewRole(_) | DraftError::NotDormant(_)) => continue,
                            Err(e) => panic!("{what}: {e}"),
                        };
                        if purpose == Purpose::Connect {
                            assert!(list.len() >= 3, "{what}: {list:#?}");
                        } else {
                            assert!(list.len() >= 2, "{what}: {list:#?}");
                        }
                        for d in &list {
                            drafted += 1;
                            let units = d.text.encode_utf16().count();
                            assert_eq!(d.chars, units, "{what}");
                            assert!(units <= limit, "{what}: {units} > {limit}: {}", d.text);
                            assert!(
                                check_for(&d.text, purpose.occasion()).is_empty(),
                                "{what}: asks: {}",
                                d.text
                            );
                            assert!(
                                d.gives,
                                "{what}: neither appreciates nor offers: {}",
                                d.text
                            );
                            assert!(!d.text.chars().any(|c| c.is_control() && c != '\n'));
                            for f in &d.facts {
                                kinds_used.insert(f.kind);
                                assert!(
                                    !common_ground::describe::fact_source(
                                        common_ground::phrases::book(
                                            common_ground::phrases::Lang::EN
                                        ),
                                        &f.source
                                    )
                                    .is_empty(),
                                    "{what}: {f:?}"
                                );
                                assert!(
                                    d.text.contains(&f.value),
                                    "{what}: the fact {:?} is not in {}",
                                    f.value,
                                    d.text
                                );
                            }
                            // No invented facts: every word is a fact's, a name's or the
                            // phrase bank's.
                            let me_name = me.as_ref().map_or("", |m| m.name.as_str());
                            let mut accounted: Vec<&str> =
                                d.facts.iter().map(|f| f.value.as_str()).collect();
                            accounted.extend(them.name.split_whitespace());
                            accounted.extend(me_name.split_whitespace());
                            let stray = unaccounted(&d.text, &accounted);
                            assert!(stray.is_empty(), "{what}: {stray:?} in {}", d.text);
                        }
                    }
                }
            }
        }
    }
    // With the mirror user, every kind of fact appears somewhere.
    for kind in [
        FactKind::Met,
        FactKind::SharedEmployer,
        FactKind::SharedSchool,
        FactKind::Mutual,
        FactKind::SameCity,
        FactKind::Role,
        FactKind::NewRole,
        FactKind::LastContact,
        FactKind::Given,
    ] {
        assert!(kinds_used.contains(&kind), "no draft used {kind:?}");
    }
    println!("{drafted} drafts for {} profiles checked", profiles.len());
}
