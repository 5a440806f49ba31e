//! The side panel's search over every note: each note's words folded once (its text, the name
//! of whom it is about, its `#tags`), and a query that keeps the notes holding every word typed,
//! newest first. A word with `#` is a tag and matches only a tag.
//!
//! Pure, so that the panel only shows what this finds.
//!
//! ```
//! use common_ground::model::{Note, PersonKey, Site};
//! use common_ground::search::Notebook;
//! let note = Note::new(PersonKey::new(Site::Linkedin, "ada"), "Met at the Café".into(), 1.0);
//! let book = Notebook::new(vec![note], &[("linkedin:ada".into(), "Ada Example".into())]);
//! assert_eq!(book.find("cafe ada").len(), 1);
//! assert!(book.find("#cafe").is_empty());
//! ```

use std::collections::HashMap;

use crate::model::{fold, Note};

/// A note ready to be searched, with a name for whom it is about.
#[derive(Debug, Clone)]
pub struct Entry {
    pub note: Note,
    pub name: String,
    folded: String,
}

/// Every note, folded once when the panel reads them.
#[derive(Debug, Clone, Default)]
pub struct Notebook {
    entries: Vec<Entry>,
}

impl Notebook {
    /// `names` pairs a person's key with their name; a note about someone unnamed shows the key.
    pub fn new(notes: Vec<Note>, names: &[(String, String)]) -> Notebook {
        let names: HashMap<&str, &str> = names
            .iter()
            .map(|(k, n)| (k.as_str(), n.as_str()))
            .collect();
        let entries = notes
            .into_iter()
            .map(|note| {
                let name = names
                    .get(note.person.as_str())
                    .map_or_else(|| note.person.to_string(), |n| (*n).to_owned());
                let tags: Vec<String> = note.tags.iter().map(|t| format!("#{t}")).collect();
                let folded = format!("{} {} {}", fold(&note.text), fold(&name), tags.join(" "));
                Entry { note, name, folded }
            })
            .collect();
        Notebook { entries }
    }

    /// The notes that hold every word of `query`, newest first; nothing for an empty query.
    pub fn find(&self, query: &str) -> Vec<&Entry> {
        let words = words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| {
                words.iter().all(|w| match w.strip_prefix('#') {
                    Some(tag) => e.note.tags.iter().any(|t| t == tag),
                    None => e.folded.contains(w.as_str()),
                })
            })
            .collect();
        found.sort_by(|a, b| b.note.created.total_cmp(&a.note.created));
        found
    }
}

/// Whether `query` holds a word to search for.
pub fn is_query(query: &str) -> bool {
    !words(query).is_empty()
}

/// The query's words: folded, a tag (`#Event`) lower-cased with its `#`.
fn words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .map(|w| match w.strip_prefix('#') {
            Some(tag) => format!("#{}", tag.to_lowercase()),
            None => fold(w),
        })
        .filter(|w| !w.is_empty() && w != "#")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonKey, Site};

    fn note(who: &str, text: &str, tags: &[&str], created: f64) -> Note {
        let mut n = Note::new(PersonKey::new(Site::Linkedin, who), text.into(), created);
        n.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        n
    }

    fn book() -> Notebook {
        Notebook::new(
            vec![
                note("ada", "Met at the Open Data meetup", &["event"], 1.0),
                note("bob", "Wants an intro to a data engineer", &["mentor"], 3.0),
                note("ada", "Sent her the dashboard", &[], 2.0),
                note("zoë", "Überraschend gut in Rust", &["event", "rust"], 4.0),
            ],
            &[
                ("linkedin:ada".into(), "Ada Lovelace".into()),
                ("linkedin:bob".into(), "Bob Stone".into()),
            ],
        )
    }

    fn texts(found: Vec<&Entry>) -> Vec<&str> {
        found.into_iter().map(|e| e.note.text.as_str()).collect()
    }

    #[test]
    fn every_word_must_be_there_newest_first() {
        let b = book();
        assert_eq!(
            texts(b.find("data")),
            [
                "Wants an intro to a data engineer",
                "Met at the Open Data meetup"
            ]
        );
        assert_eq!(
            texts(b.find("data meetup")),
            ["Met at the Open Data meetup"]
        );
        assert!(b.find("data rust").is_empty());
    }

    #[test]
    fn names_and_accents_and_case_fold() {
        let b = book();
        assert_eq!(
            texts(b.find("lovelace")),
            ["Sent her the dashboard", "Met at the Open Data meetup"]
        );
        assert_eq!(texts(b.find("UBERRASCHEND")), ["Überraschend gut in Rust"]);
        // A note about someone without a name is found by their key.
        assert_eq!(texts(b.find("zoe")), ["Überraschend gut in Rust"]);
    }

    #[test]
    fn a_tag_matches_only_a_tag() {
        let b = book();
        assert_eq!(
            texts(b.find("#Event")),
            ["Überraschend gut in Rust", "Met at the Open Data meetup"]
        );
        assert_eq!(texts(b.find("#rust")), ["Überraschend gut in Rust"]);
        assert!(b.find("#data").is_empty(), "a word of the text is no tag");
        assert!(b.find("#ev").is_empty(), "a tag matches whole");
    }

    #[test]
    fn an_empty_query_finds_nothing() {
        let b = book();
        for query in ["", "   ", "#", " # "] {
            assert!(b.find(query).is_empty(), "{query:?}");
            assert!(!is_query(query), "{query:?}");
        }
        assert!(is_query("x"));
    }
}
