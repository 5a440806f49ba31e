//! The domain: the people Common Ground reads from pages and the notes the user keeps about them.
//!
//! Plain data with serde derives and nothing else: these types cross every boundary (the `cg`
//! command line's JSON, the runtime messages between extension pages, and IndexedDB records), so
//! their field names are the formats in `DESIGN.md`. This module must not know about any site,
//! browser or file.

use serde::{Deserialize, Serialize};

/// Which kind of page a profile was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Site {
    Linkedin,
    Github,
    /// Any other page that carries schema.org Person markup.
    Web,
}

impl Site {
    pub fn as_str(self) -> &'static str {
        match self {
            Site::Linkedin => "linkedin",
            Site::Github => "github",
            Site::Web => "web",
        }
    }
}

/// A person as read from their profile page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub site: Site,
    /// The canonical address of the profile (query and fragment dropped).
    #[serde(default, deserialize_with = "or_default")]
    pub url: String,
    /// The site's stable identifier of the person, such as LinkedIn's public identifier.
    #[serde(default, deserialize_with = "or_default")]
    pub handle: String,
    pub name: String,
    #[serde(default)]
    pub headline: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    pub positions: Vec<Position>,
    #[serde(default, deserialize_with = "or_default")]
    pub education: Vec<Education>,
    #[serde(default, deserialize_with = "or_default")]
    pub mutuals: Mutuals,
}

/// A part that may be left out or written `null` (a hand-written profile for `cg common`): its
/// empty value then.
fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

impl Profile {
    /// A person known only by name so far: no headline, place, positions or schools.
    pub fn named(site: Site, url: String, handle: String, name: String) -> Profile {
        Profile {
            site,
            url,
            handle,
            name,
            headline: None,
            location: None,
            positions: Vec::new(),
            education: Vec::new(),
            mutuals: Mutuals::default(),
        }
    }

    /// The key everything the user keeps about this person is filed under: `site:handle`.
    pub fn key(&self) -> PersonKey {
        PersonKey::new(self.site, &self.handle)
    }
}

/// `site:handle`, the identity notes and history are filed under.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonKey(String);

impl PersonKey {
    pub fn new(site: Site, handle: &str) -> Self {
        PersonKey(format!("{}:{}", site.as_str(), handle.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a key the extension makes: `linkedin:`, `github:` or `web:` and a handle
    /// of at most [`PersonKey::MAX_HANDLE_CHARS`] characters, without spaces or control
    /// characters.
    pub fn is_valid(&self) -> bool {
        let Some((site, handle)) = self.0.split_once(':') else {
            return false;
        };
        [Site::Linkedin, Site::Github, Site::Web]
            .iter()
            .any(|s| s.as_str() == site)
            && !handle.is_empty()
            && handle.chars().count() <= Self::MAX_HANDLE_CHARS
            && !handle.chars().any(|c| c.is_whitespace() || c.is_control())
    }

    pub const MAX_HANDLE_CHARS: usize = 512;

    /// `text` as a key, when it is one the extension makes (a contact filed by name and company,
    /// `name:…`, is not).
    pub fn parse(text: &str) -> Option<PersonKey> {
        let key = PersonKey(text.to_owned());
        key.is_valid().then_some(key)
    }

    /// A key as read from a file, unchecked (see [`PersonKey::is_valid`]).
    #[cfg(test)]
    pub(crate) fn from_raw(text: &str) -> Self {
        PersonKey(text.to_owned())
    }
}

impl std::fmt::Display for PersonKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A role at an organisation. Dates are `YYYY-MM` or `YYYY`; `end: None` with `current: true`
/// means "Present".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub org: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    pub current: bool,
    #[serde(default)]
    pub location: Option<String>,
    /// The organisation's own page on the site (`https://www.linkedin.com/company/…/`), when the
    /// profile links it: the surest sign two spellings are one organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_url: Option<String>,
}

impl Position {
    /// A position at `org` with nothing else known (a page that names only the employer).
    pub fn at(org: String, current: bool) -> Position {
        Position {
            org,
            title: None,
            start: None,
            end: None,
            current,
            location: None,
            org_url: None,
        }
    }
}

/// A school, with the degree and years when the page gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Education {
    pub school: String,
    #[serde(default)]
    pub degree: Option<String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
}

impl Education {
    /// `school`, with nothing else known.
    pub fn at(school: String) -> Education {
        Education {
            school,
            degree: None,
            start: None,
            end: None,
        }
    }
}

/// The mutual connections a page shows: the names it spells out and the total it states.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mutuals {
    #[serde(default, deserialize_with = "or_default")]
    pub names: Vec<String>,
    #[serde(default, deserialize_with = "or_default")]
    pub count: u32,
}

/// Something the user wrote about a person. Timestamps are milliseconds since the Unix epoch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Assigned by the store; absent until the note is saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u32>,
    /// The note's identity on every device (the store's `id` is one device's number for it),
    /// given when it is first stored; notes from before it was given have none
    /// (see `merge::note_uid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    pub person: PersonKey,
    pub text: String,
    pub created: f64,
    /// The user's own labels ("event", "open-data"), lower case, without `#`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When the user last changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<f64>,
    /// The address of the page it was captured from (a selection saved from the context menu).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Note {
    /// A new note about `person`, not yet stored.
    pub fn new(person: PersonKey, text: String, created: f64) -> Note {
        Note {
            id: None,
            uid: None,
            person,
            text,
            created,
            tags: Vec::new(),
            edited: None,
            source: None,
        }
    }
}

/// Tags as the user typed them ("Event, #open data; mentor") as the store keeps them: lower
/// case, without `#`, inner spaces as hyphens, no doubles, in the order given.
pub fn clean_tags<S: AsRef<str>>(tags: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.iter().flat_map(|t| t.as_ref().split([',', ';'])) {
        let tag = tag.trim().trim_start_matches('#').trim().to_lowercase();
        let tag = tag.split_whitespace().collect::<Vec<_>>().join("-");
        if !tag.is_empty() && tag.chars().count() <= 40 && !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

/// Something that happened between the user and a person, as the user logged it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    /// Assigned by the store; absent until the interaction is saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u32>,
    /// Its identity on every device, as [`Note::uid`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    pub person: PersonKey,
    pub kind: InteractionKind,
    /// Who gave: the user, the user asked, or neither.
    pub balance: Balance,
    /// What the user wrote about it ("met at the Open Data meetup").
    #[serde(default)]
    pub text: String,
    /// Milliseconds since the Unix epoch.
    pub at: f64,
}

impl Interaction {
    /// How much of a draft logged as sent is kept as the interaction's text.
    pub const SENT_TEXT_CHARS: usize = 200;

    /// A draft the user says they sent to `person` (`I sent it`): a message the user gave, with
    /// the start of its text, at `at`.
    pub fn sent_draft(person: PersonKey, text: &str, at: f64) -> Interaction {
        Interaction {
            uid: None,
            id: None,
            person,
            kind: InteractionKind::Messaged,
            balance: Balance::Give,
            text: text.trim().chars().take(Self::SENT_TEXT_CHARS).collect(),
            at,
        }
    }
}

/// What kind of interaction it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    Met,
    Messaged,
    Called,
    Introduced,
    Shared,
    Congratulated,
    Asked,
    Other,
}

impl InteractionKind {
    /// Whether the user and the person spoke (in person, by phone or in writing), rather than
    /// one of them doing something for the other.
    pub fn is_conversation(self) -> bool {
        matches!(
            self,
            InteractionKind::Met | InteractionKind::Messaged | InteractionKind::Called
        )
    }
}

/// What the user decided about one person: whether they are a key person, how often to keep in
/// touch (in days; `None` is off), and which of the user's goals they matter for. Filed under the
/// person's key (or contact id).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Marks {
    pub person: String,
    /// Their name when marked, to list them without reading their profile.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub key: bool,
    #[serde(default)]
    pub rhythm_days: Option<u32>,
    #[serde(default)]
    pub goals: Vec<String>,
    /// "Not now": left out of the ties worth reviving until this day (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_now_until: Option<String>,
    /// When the user last changed any of it, in milliseconds since the Unix epoch (0: before
    /// this was recorded). A merge keeps the newer.
    #[serde(default)]
    pub changed: f64,
}

/// What the user networks for now (the seeds' four reasons), in their own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub kind: GoalKind,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalKind {
    NewJob,
    BroaderKnowledge,
    NextStep,
    NewDirection,
}

impl GoalKind {
    pub const ALL: [GoalKind; 4] = [
        GoalKind::NewJob,
        GoalKind::BroaderKnowledge,
        GoalKind::NextStep,
        GoalKind::NewDirection,
    ];

    /// The name marks and forms use.
    pub fn id(self) -> &'static str {
        match self {
            GoalKind::NewJob => "new_job",
            GoalKind::BroaderKnowledge => "broader_knowledge",
            GoalKind::NextStep => "next_step",
            GoalKind::NewDirection => "new_direction",
        }
    }
}

/// The ideal keep-in-touch interval of a key person unless the user chose another: four weeks
/// (at the latest six, `rhythm::Rhythm::KEY`).
pub const KEY_RHYTHM_DAYS: u32 = 28;

impl Marks {
    /// The ideal interval in force: the chosen one, else four weeks for a key person, else none
    /// (a tag's rule is `rhythm::in_force`'s to add).
    pub fn rhythm(&self) -> Option<u32> {
        self.rhythm_days
            .or(self.key.then_some(KEY_RHYTHM_DAYS))
            .filter(|d| *d > 0)
    }

    /// Whether nothing is marked (then nothing needs storing).
    pub fn is_empty(&self) -> bool {
        !self.key
            && self.rhythm_days.is_none()
            && self.goals.is_empty()
            && self.not_now_until.is_none()
    }
}

/// The give/ask side of an interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Balance {
    Give,
    Ask,
    Neutral,
}

/// One of the user's first-degree connections, as their LinkedIn export lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// `linkedin:<handle>` when the export gives the profile address, else
    /// `name:<normalised name>|<normalised company>`.
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    /// `YYYY-MM-DD`
    #[serde(default)]
    pub connected_on: Option<String>,
}

impl Contact {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_owned()
    }
}

/// The messages exchanged with one person, summed up: how many, which way, and when last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    /// The contact id the messages belong to (see [`Contact::id`]).
    pub person: String,
    pub name: String,
    pub messages: u32,
    pub sent: u32,
    pub received: u32,
    /// `YYYY-MM-DD` of the first and the last message.
    #[serde(default)]
    pub first: Option<String>,
    #[serde(default)]
    pub last: Option<String>,
}

/// A connection invitation, either way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    /// The contact id of the other person.
    pub person: String,
    pub name: String,
    /// The user sent it (rather than received it).
    pub outgoing: bool,
    /// `YYYY-MM-DD`
    #[serde(default)]
    pub sent_on: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

/// A name or company folded for matching: lower case, accents dropped, punctuation and repeated
/// spaces removed ("Zoë  O'Brien-Smith" → "zoe obrien smith").
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let base = match c {
            'à'..='å' | 'À'..='Å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'Ç' | 'ć' | 'č' => 'c',
            'è'..='ë' | 'È'..='Ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'ı' => 'i',
            'ñ' | 'Ñ' | 'ń' | 'ň' => 'n',
            'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' | 'ō' | 'ő' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'š' | 'Š' | 'ś' | 'ş' => 's',
            'ž' | 'Ž' | 'ź' | 'ż' => 'z',
            'ß' => 's',
            'ł' | 'Ł' => 'l',
            '-' | '_' | '/' | '.' | ',' => ' ',
            c if c.is_alphanumeric() => c,
            c if c.is_whitespace() => ' ',
            _ => continue,
        };
        out.extend(base.to_lowercase());
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sent_draft_is_a_message_the_user_gave_with_the_start_of_its_text() {
        let long = format!("  Hi Rob,\n{}", "é".repeat(300));
        let i = Interaction::sent_draft(PersonKey::new(Site::Linkedin, "rob"), &long, 5.0);
        assert_eq!(
            (i.kind, i.balance, i.at),
            (InteractionKind::Messaged, Balance::Give, 5.0)
        );
        assert!(i.text.starts_with("Hi Rob,"));
        assert_eq!(i.text.chars().count(), Interaction::SENT_TEXT_CHARS);
    }

    #[test]
    fn tags_are_kept_lower_case_without_hash_or_doubles() {
        assert_eq!(
            clean_tags(&["Event, #open data; ", "event", "  ", "Mentor"]),
            ["event", "open-data", "mentor"]
        );
    }

    #[test]
    fn a_hand_written_profile_may_leave_out_or_null_every_optional_part() {
        let written = r#"{"site": "linkedin", "name": "Sam Example", "url": null,
            "handle": null, "headline": null, "location": null, "mutuals": null,
            "education": null, "positions": [{"org": "Acme", "current": null, "title": null}]}"#;
        let profile: Profile = serde_json::from_str(written).unwrap();
        assert_eq!(profile.mutuals, Mutuals::default());
        assert!(profile.education.is_empty());
        assert_eq!(profile.positions, [Position::at("Acme".into(), false)]);
        let bare: Profile = serde_json::from_str(
            r#"{"site": "github", "name": "Ada", "mutuals": {"count": null}}"#,
        )
        .unwrap();
        assert_eq!(bare.handle, "");
        assert!(
            serde_json::from_str::<Profile>(r#"{"site": "linkedin"}"#).is_err(),
            "a name"
        );
    }
}

/// That a record was deleted, and when; it travels in backups so that the record does not come
/// back from another device's copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tombstone {
    pub kind: Gone,
    /// The note's or interaction's uid, the marked person, or the forgotten person's key or
    /// contact id.
    pub id: String,
    /// When, in milliseconds since the Unix epoch.
    pub at: f64,
}

/// What a tombstone stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gone {
    Note,
    Interaction,
    /// Everything the user marked about a person was cleared.
    Marks,
    /// The person was forgotten: everything filed under this key or contact id.
    Person,
}

/// A note's identity on every device: its uid, or for a note stored before uids were given, one
/// made from what never changes on it (its number and when it was written), the same on every
/// device that restored it from the same file.
pub fn note_uid(note: &Note) -> String {
    note.uid
        .clone()
        .unwrap_or_else(|| legacy_uid('n', note.id, note.created))
}

/// An interaction's identity on every device, as [`note_uid`].
pub fn interaction_uid(interaction: &Interaction) -> String {
    interaction
        .uid
        .clone()
        .unwrap_or_else(|| legacy_uid('i', interaction.id, interaction.at))
}

fn legacy_uid(kind: char, id: Option<u32>, at: f64) -> String {
    format!("{kind}{}-{}", id.unwrap_or(0), at as i64)
}
