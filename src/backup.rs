//! Everything the user keeps, as one file: the backup format, read back with a clear message
//! when a file is not one (and from the older version 1), and the user's contacts as CSV and as
//! vCard 4.0.
//!
//! Pure: records in, text out, and back. The store writes a [`Backup`] in one transaction
//! (`Store::restore`), so a file that fails to read changes nothing.
//!
//! The format (`"format": "common-ground-backup"`, `"version": 2`) is JSON with one list per
//! kind of record, each in a fixed order ([`Backup::canonical`]), so that two backups of the same
//! data are the same text but for `exported`:
//! `{format, version, exported, me, profiles, notes, interactions, contacts, conversations,
//! invitations, settings, marks}`. Version 1 had no interactions or settings, and listed contacts as
//! the export gave them (without what the user wrote about them, or when they were imported).

use serde::{Deserialize, Serialize};

use crate::me::Me;
use crate::model::{
    Contact, Conversation, Interaction, Invitation, Marks, Note, PersonKey, Profile, Tombstone,
};
use crate::people::ContactByUser;
use crate::phrases::Book;
use crate::protocol::MAX_NOTE_CHARS;

pub const FORMAT: &str = "common-ground-backup";
pub const VERSION: u32 = 3;

/// A profile as stored: the last reading and the previous visit's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredProfile {
    pub person: PersonKey,
    pub profile: Profile,
    pub first_seen: f64,
    pub last_seen: f64,
    #[serde(default)]
    pub previous: Option<Profile>,
    #[serde(default)]
    pub previous_seen: Option<f64>,
}

/// A contact as stored: what the export said, and what the user wrote, kept apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredContact {
    pub id: String,
    pub imported: Contact,
    #[serde(default)]
    pub user: ContactByUser,
    pub first_imported: f64,
    pub last_imported: f64,
}

/// One of the user's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Setting {
    pub name: String,
    pub value: serde_json::Value,
    /// When it was last set, in milliseconds since the Unix epoch (0: before this was recorded).
    #[serde(default)]
    pub changed: f64,
}

/// Everything the user keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    /// When it was made, in milliseconds since the Unix epoch.
    #[serde(default)]
    pub exported: f64,
    #[serde(default)]
    pub me: Me,
    #[serde(default)]
    pub profiles: Vec<StoredProfile>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub interactions: Vec<Interaction>,
    #[serde(default)]
    pub contacts: Vec<StoredContact>,
    #[serde(default)]
    pub conversations: Vec<Conversation>,
    #[serde(default)]
    pub invitations: Vec<Invitation>,
    #[serde(default)]
    pub settings: Vec<Setting>,
    /// What the user marked about people: key people, keep-in-touch rhythms, goals.
    #[serde(default)]
    pub marks: Vec<Marks>,
    /// When who the user is (`me`) last changed (0: before this was recorded).
    #[serde(default)]
    pub me_changed: f64,
    /// What was deleted, so that a merge does not bring it back (see `merge`).
    #[serde(default)]
    pub tombstones: Vec<Tombstone>,
}

impl Backup {
    /// An empty backup made at `exported`.
    pub fn new(exported: f64) -> Backup {
        Backup {
            format: FORMAT.to_owned(),
            version: VERSION,
            exported,
            me: Me::default(),
            profiles: Vec::new(),
            notes: Vec::new(),
            interactions: Vec::new(),
            contacts: Vec::new(),
            conversations: Vec::new(),
            invitations: Vec::new(),
            settings: Vec::new(),
            marks: Vec::new(),
            me_changed: 0.0,
            tombstones: Vec::new(),
        }
    }

    /// Every list in its fixed order: notes and interactions by id, the rest by their key.
    pub fn canonical(mut self) -> Backup {
        self.profiles.sort_by(|a, b| a.person.cmp(&b.person));
        self.notes.sort_by_key(|n| n.id);
        self.interactions.sort_by_key(|i| i.id);
        self.contacts.sort_by(|a, b| a.id.cmp(&b.id));
        self.conversations.sort_by(|a, b| a.person.cmp(&b.person));
        self.invitations.sort_by_key(invitation_id);
        self.settings.sort_by(|a, b| a.name.cmp(&b.name));
        self.marks.sort_by(|a, b| a.person.cmp(&b.person));
        self.tombstones
            .sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
        self
    }

    /// The backup as the file holds it.
    pub fn to_json(&self) -> Result<String, BackupError> {
        serde_json::to_string_pretty(self).map_err(|e| BackupError::Unwritable(e.to_string()))
    }

    /// How much it holds, for the user to see before restoring: "3 contacts, 1 note, …".
    pub fn summary(&self, t: &Book) -> String {
        let n = |len: usize| len as u64;
        t.say(
            "backup.holds",
            &[
                (
                    "contacts",
                    &t.count("count.contacts", n(self.contacts.len())),
                ),
                ("notes", &t.count("count.notes", n(self.notes.len()))),
                (
                    "interactions",
                    &t.count("count.interactions", n(self.interactions.len())),
                ),
                (
                    "profiles",
                    &t.count("count.profiles", n(self.profiles.len())),
                ),
            ],
        )
    }
}

/// The key an invitation is stored under: the person, the day, which way.
pub fn invitation_id(invitation: &Invitation) -> String {
    format!(
        "{}|{}|{}",
        invitation.person,
        invitation.sent_on.as_deref().unwrap_or_default(),
        if invitation.outgoing { "out" } else { "in" }
    )
}

/// Why a file is not a backup Common Ground can restore, said with where: in the interface's
/// language by [`BackupError::message`], in English by `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    NotJson {
        line: usize,
        column: usize,
        detail: JsonDetail,
    },
    NotABackup,
    Newer(u32),
    Damaged {
        line: usize,
        column: usize,
        detail: JsonDetail,
    },
    /// The backup contradicts itself.
    Invalid(Problem),
    /// A backup could not be written as JSON.
    Unwritable(String),
}

/// How a backup contradicts itself; `number` counts from 1 within its list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NoId {
        what: Record,
        number: usize,
    },
    /// Two records of a kind share the id (or person, or name) `value`.
    Twice {
        what: Record,
        value: String,
    },
    IdTooLarge {
        what: Record,
        id: u32,
    },
    NotAPerson {
        what: Record,
        number: usize,
        key: String,
    },
    ContactSaysOther {
        id: String,
        says: String,
    },
    Rhythm {
        who: String,
        days: u32,
    },
    /// A "not now" that is no date.
    NotNow {
        who: String,
        until: String,
    },
    NoteTooLong {
        number: usize,
        chars: usize,
    },
    /// A tombstone without an id, or with one longer than any record's.
    Tombstone {
        number: usize,
    },
}

/// The longest id a tombstone may name: a person key, contact id or uid is far shorter.
pub const MAX_TOMBSTONE_ID_CHARS: usize = 300;

/// The kinds of record a backup holds, as its messages name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Note,
    Interaction,
    Contact,
    Profile,
    Conversation,
    Mark,
    Setting,
}

impl Record {
    /// "note", and what tells two apart: "id", "person", "name".
    fn words(self, t: &Book) -> (&'static str, &'static str, &'static str) {
        let (one, many, by) = match self {
            Record::Note => ("record.note", "record.notes", "record.by_id"),
            Record::Interaction => ("record.interaction", "record.interactions", "record.by_id"),
            Record::Contact => ("record.contact", "record.contacts", "record.by_id"),
            Record::Profile => ("record.profile", "record.profiles", "record.by_person"),
            Record::Conversation => (
                "record.conversation",
                "record.conversations",
                "record.by_person",
            ),
            Record::Mark => ("record.mark", "record.marks", "record.by_person"),
            Record::Setting => ("record.setting", "record.settings", "record.by_name"),
        };
        (t.text(one), t.text(many), t.text(by))
    }
}

impl BackupError {
    /// What is wrong and where, for the user, in `t`'s language.
    pub fn message(&self, t: &Book) -> String {
        let n = |v: usize| t.number(v as u64);
        match self {
            BackupError::NotJson {
                line,
                column,
                detail,
            }
            | BackupError::Damaged {
                line,
                column,
                detail,
            } => t.say(
                if matches!(self, BackupError::NotJson { .. }) {
                    "backup_error.not_json"
                } else {
                    "backup_error.damaged"
                },
                &[
                    ("line", &n(*line)),
                    ("column", &n(*column)),
                    ("detail", &detail.message(t)),
                ],
            ),
            BackupError::NotABackup => t.say("backup_error.not_a_backup", &[("format", FORMAT)]),
            BackupError::Newer(version) => t.say(
                "backup_error.newer",
                &[
                    ("version", &version.to_string()),
                    ("reads", &VERSION.to_string()),
                ],
            ),
            BackupError::Invalid(problem) => {
                t.say("backup_error.invalid", &[("problem", &problem.message(t))])
            }
            BackupError::Unwritable(detail) => {
                t.say("backup_error.unwritable", &[("detail", detail)])
            }
        }
    }
}

impl Problem {
    fn message(&self, t: &Book) -> String {
        let n = |v: usize| t.number(v as u64);
        match self {
            Problem::NoId { what, number } => t.say(
                "backup_error.no_id",
                &[("what", what.words(t).0), ("number", &n(*number))],
            ),
            Problem::Twice { what, value } => {
                let (_, many, by) = what.words(t);
                t.say(
                    "backup_error.twice",
                    &[("whats", many), ("by", by), ("value", value)],
                )
            }
            Problem::IdTooLarge { what, id } => t.say(
                "backup_error.id_too_large",
                &[
                    ("what", what.words(t).0),
                    ("id", &id.to_string()),
                    ("max", &MAX_RECORD_ID.to_string()),
                ],
            ),
            Problem::NotAPerson { what, number, key } => t.say(
                "backup_error.not_a_person",
                &[
                    ("what", what.words(t).0),
                    ("number", &n(*number)),
                    ("key", key),
                ],
            ),
            Problem::ContactSaysOther { id, says } => t.say(
                "backup_error.contact_says_other",
                &[("id", id), ("says", says)],
            ),
            Problem::NotNow { who, until } => {
                t.say("backup_error.not_now", &[("who", who), ("until", until)])
            }
            Problem::Rhythm { who, days } => t.say(
                "backup_error.rhythm",
                &[
                    ("who", who),
                    ("days", &n(*days as usize)),
                    ("max", &n(MAX_RHYTHM_DAYS as usize)),
                ],
            ),
            Problem::NoteTooLong { number, chars } => t.say(
                "backup_error.note_too_long",
                &[
                    ("number", &n(*number)),
                    ("chars", &n(*chars)),
                    ("max", &n(MAX_NOTE_CHARS)),
                ],
            ),
            Problem::Tombstone { number } => {
                t.say("backup_error.tombstone", &[("number", &n(*number))])
            }
        }
    }
}

crate::phrases::in_english!(BackupError);

impl std::error::Error for BackupError {}

/// What every backup says about itself.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u32>,
}

/// Version 1: no interactions or settings; contacts as the export gave them.
#[derive(Deserialize)]
struct BackupV1 {
    #[serde(default)]
    exported: f64,
    #[serde(default)]
    me: Me,
    #[serde(default)]
    profiles: Vec<StoredProfile>,
    #[serde(default)]
    notes: Vec<Note>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    conversations: Vec<Conversation>,
    #[serde(default)]
    invitations: Vec<Invitation>,
}

fn damaged(e: serde_json::Error) -> BackupError {
    BackupError::Damaged {
        line: e.line(),
        column: e.column(),
        detail: JsonDetail::of(&e),
    }
}

/// What the JSON reader found wrong at a place in the file, in words the user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonDetail {
    /// A record lacks this field.
    MissingField(String),
    /// A value of the wrong kind (a text where a number belongs, a field not known).
    WrongValue,
    /// The file ends in the middle.
    CutShort,
    /// A character JSON does not allow there.
    Syntax,
}

impl JsonDetail {
    fn of(e: &serde_json::Error) -> JsonDetail {
        let text = e.to_string();
        if e.is_eof() {
            return JsonDetail::CutShort;
        }
        if let Some(rest) = text.strip_prefix("missing field `") {
            return JsonDetail::MissingField(rest.split('`').next().unwrap_or_default().to_owned());
        }
        if e.is_data() {
            JsonDetail::WrongValue
        } else {
            JsonDetail::Syntax
        }
    }

    pub fn message(&self, t: &Book) -> String {
        match self {
            JsonDetail::MissingField(field) => {
                t.say("backup_error.missing_field", &[("field", field)])
            }
            JsonDetail::WrongValue => t.text("backup_error.wrong_value").to_owned(),
            JsonDetail::CutShort => t.text("backup_error.cut_short").to_owned(),
            JsonDetail::Syntax => t.text("backup_error.syntax").to_owned(),
        }
    }
}

/// Reads a backup file of any version this build knows, checks it, and returns it in the
/// current version's shape, in canonical order.
pub fn parse(text: &str) -> Result<Backup, BackupError> {
    let header: Header = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => BackupError::NotABackup,
        _ => BackupError::NotJson {
            line: e.line(),
            column: e.column(),
            detail: JsonDetail::of(&e),
        },
    })?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(BackupError::NotABackup);
    }
    let backup = match header.version {
        Some(1) => {
            let old: BackupV1 = serde_json::from_str(text).map_err(damaged)?;
            Backup {
                exported: old.exported,
                me: old.me,
                profiles: old.profiles,
                notes: old.notes,
                contacts: old
                    .contacts
                    .into_iter()
                    .map(|c| StoredContact {
                        id: c.id.clone(),
                        imported: c,
                        user: ContactByUser::default(),
                        first_imported: old.exported,
                        last_imported: old.exported,
                    })
                    .collect(),
                conversations: old.conversations,
                invitations: old.invitations,
                ..Backup::new(old.exported)
            }
        }
        // Version 2 is version 3 without uids, change times and tombstones, all of which
        // default.
        Some(2 | VERSION) => Backup {
            version: VERSION,
            ..serde_json::from_str(text).map_err(damaged)?
        },
        Some(newer) if newer > VERSION => return Err(BackupError::Newer(newer)),
        _ => return Err(BackupError::NotABackup),
    };
    check(&backup)?;
    Ok(backup.canonical())
}

/// The highest note or interaction id a backup may hold. The store numbers new records after
/// the highest one it holds, and they cross as `u32`: a restored id of 4,294,967,295 made every
/// later note unreadable. Two billion leaves room for two billion more.
pub const MAX_RECORD_ID: u32 = i32::MAX as u32;

/// The longest keep-in-touch rhythm a backup may set: ten years.
pub const MAX_RHYTHM_DAYS: u32 = crate::rhythm::MAX_DAYS;

/// What a backup must hold to be restored, all checked before anything is written: every note
/// and interaction with an id in range, no record of any kind twice, every person key one the
/// extension makes, and notes no longer than the note box takes.
fn check(backup: &Backup) -> Result<(), BackupError> {
    let invalid = |problem| Err(BackupError::Invalid(problem));
    /// No two of `what` share their id (or person, or name).
    fn unique<T: Ord + std::fmt::Display>(
        what: Record,
        ids: impl Iterator<Item = Option<T>>,
    ) -> Result<(), BackupError> {
        let mut seen = Vec::new();
        for (i, id) in ids.enumerate() {
            let id = id.ok_or(BackupError::Invalid(Problem::NoId {
                what,
                number: i + 1,
            }))?;
            seen.push(id);
        }
        seen.sort();
        match seen.windows(2).find(|w| w[0] == w[1]) {
            Some(pair) => Err(BackupError::Invalid(Problem::Twice {
                what,
                value: shorten(&pair[0].to_string()),
            })),
            None => Ok(()),
        }
    }
    fn in_range(what: Record, ids: impl Iterator<Item = Option<u32>>) -> Result<(), BackupError> {
        match ids.flatten().find(|&id| id > MAX_RECORD_ID) {
            Some(id) => Err(BackupError::Invalid(Problem::IdTooLarge { what, id })),
            None => Ok(()),
        }
    }
    fn valid_keys<'a>(
        what: Record,
        keys: impl Iterator<Item = &'a PersonKey>,
    ) -> Result<(), BackupError> {
        match keys.enumerate().find(|(_, k)| !k.is_valid()) {
            Some((i, key)) => Err(BackupError::Invalid(Problem::NotAPerson {
                what,
                number: i + 1,
                key: format!("{:?}", shorten(key.as_str())),
            })),
            None => Ok(()),
        }
    }
    unique(Record::Note, backup.notes.iter().map(|n| n.id))?;
    unique(
        Record::Note,
        backup.notes.iter().map(|n| Some(crate::model::note_uid(n))),
    )?;
    unique(
        Record::Interaction,
        backup
            .interactions
            .iter()
            .map(|i| Some(crate::model::interaction_uid(i))),
    )?;
    if let Some((i, _)) = backup.tombstones.iter().enumerate().find(|(_, t)| {
        t.id.is_empty() || t.id.chars().count() > MAX_TOMBSTONE_ID_CHARS || !t.at.is_finite()
    }) {
        return invalid(Problem::Tombstone { number: i + 1 });
    }
    unique(
        Record::Interaction,
        backup.interactions.iter().map(|i| i.id),
    )?;
    in_range(Record::Note, backup.notes.iter().map(|n| n.id))?;
    in_range(
        Record::Interaction,
        backup.interactions.iter().map(|i| i.id),
    )?;
    unique(
        Record::Contact,
        backup.contacts.iter().map(|c| Some(c.id.clone())),
    )?;
    if let Some(c) = backup.contacts.iter().find(|c| c.id != c.imported.id) {
        return invalid(Problem::ContactSaysOther {
            id: shorten(&c.id),
            says: shorten(&c.imported.id),
        });
    }
    unique(
        Record::Profile,
        backup.profiles.iter().map(|p| Some(p.person.to_string())),
    )?;
    unique(
        Record::Conversation,
        backup.conversations.iter().map(|c| Some(c.person.clone())),
    )?;
    unique(
        Record::Mark,
        backup.marks.iter().map(|m| Some(m.person.clone())),
    )?;
    unique(
        Record::Setting,
        backup.settings.iter().map(|s| Some(s.name.clone())),
    )?;
    let rhythms = backup
        .contacts
        .iter()
        .map(|c| (c.id.as_str(), c.user.rhythm_days))
        .chain(
            backup
                .marks
                .iter()
                .map(|m| (m.person.as_str(), m.rhythm_days)),
        );
    for (who, days) in rhythms {
        if let Some(days) = days.filter(|d| !(1..=MAX_RHYTHM_DAYS).contains(d)) {
            return invalid(Problem::Rhythm {
                who: shorten(who),
                days,
            });
        }
    }
    if let Some(m) = backup.marks.iter().find(|m| {
        m.not_now_until
            .as_deref()
            .is_some_and(|d| crate::calendar::day_of(d).is_none())
    }) {
        return invalid(Problem::NotNow {
            who: shorten(&m.person),
            until: shorten(m.not_now_until.as_deref().unwrap_or_default()),
        });
    }
    valid_keys(Record::Note, backup.notes.iter().map(|n| &n.person))?;
    valid_keys(
        Record::Interaction,
        backup.interactions.iter().map(|i| &i.person),
    )?;
    valid_keys(Record::Profile, backup.profiles.iter().map(|p| &p.person))?;
    if let Some((i, note)) = backup
        .notes
        .iter()
        .enumerate()
        .find(|(_, n)| n.text.chars().count() > MAX_NOTE_CHARS)
    {
        return invalid(Problem::NoteTooLong {
            number: i + 1,
            chars: note.text.chars().count(),
        });
    }
    Ok(())
}

/// A key or name from a file, cut short enough to quote in a message.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// The user's contacts as CSV, in the columns of LinkedIn's own `Connections.csv` plus the
/// user's tags, in the backup's order.
pub fn contacts_csv(contacts: &[StoredContact]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
        "Tags",
    ];
    let _ = writer.write_record(header);
    for c in contacts {
        let i = &c.imported;
        let field = |v: &Option<String>| v.clone().unwrap_or_default();
        let _ = writer.write_record([
            i.first_name.clone(),
            i.last_name.clone(),
            field(&i.url),
            field(&i.email),
            field(&i.company),
            field(&i.position),
            field(&i.connected_on),
            c.user.tags.join(", "),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The user's contacts as vCard 4.0 (RFC 6350): one card each with the name, organisation,
/// title, e-mail, profile address and tags, lines ending in CRLF and folded at 75 octets.
pub fn contacts_vcard(contacts: &[StoredContact]) -> String {
    let mut out = String::new();
    for c in contacts {
        let i = &c.imported;
        let mut lines = vec![
            "BEGIN:VCARD".to_owned(),
            "VERSION:4.0".to_owned(),
            format!("FN:{}", escape(&i.name())),
            format!("N:{};{};;;", escape(&i.last_name), escape(&i.first_name)),
        ];
        if let Some(org) = &i.company {
            lines.push(format!("ORG:{}", escape(org)));
        }
        if let Some(title) = &i.position {
            lines.push(format!("TITLE:{}", escape(title)));
        }
        if let Some(email) = &i.email {
            lines.push(format!("EMAIL:{}", escape(email)));
        }
        if let Some(url) = &i.url {
            lines.push(format!("URL:{}", escape(url)));
        }
        if !c.user.tags.is_empty() {
            let tags: Vec<String> = c.user.tags.iter().map(|t| escape(t)).collect();
            lines.push(format!("CATEGORIES:{}", tags.join(",")));
        }
        if let Some(on) = &i.connected_on {
            lines.push(format!("NOTE:Connected on LinkedIn on {}", escape(on)));
        }
        lines.push("END:VCARD".to_owned());
        for line in lines {
            out.push_str(&fold(&line));
            out.push_str("\r\n");
        }
    }
    out
}

/// A vCard text value: backslash, comma, semicolon and line breaks escaped.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded as RFC 6350 asks: no line longer than 75 octets, a continuation
/// starting with a space, never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 74 * 3);
    let mut width = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out
}

/// A generated backup of fictional people, for tests and benchmarks: `contacts` contacts (a
/// third of them with tags), `notes` notes and `interactions` logged interactions spread over
/// them, and a profile for every tenth.
pub fn sample(contacts: usize, notes: usize, interactions: usize) -> Backup {
    use crate::model::{Balance, InteractionKind, Site};
    let mut backup = Backup::new(1_790_000_000_000.0);
    let handle = |i: usize| format!("sample-{i:05}");
    for i in 0..contacts {
        let key = PersonKey::new(Site::Linkedin, &handle(i));
        let contact = Contact {
            id: key.as_str().to_owned(),
            first_name: format!("Sam{i}"),
            last_name: "Sample, Jr.".into(),
            url: Some(format!("https://www.linkedin.com/in/{}", handle(i))),
            email: (i % 5 == 0).then(|| format!("sam{i}@example.org")),
            company: Some(format!("Company {}", i % 97)),
            position: Some("Engineer; data".into()),
            connected_on: Some(format!("20{:02}-0{}-1{}", 10 + i % 15, 1 + i % 9, i % 9)),
        };
        backup.contacts.push(StoredContact {
            id: contact.id.clone(),
            imported: contact,
            user: ContactByUser {
                changed: 0.0,
                tags: if i % 3 == 0 {
                    vec!["key".into(), format!("group-{}", i % 7)]
                } else {
                    Vec::new()
                },
                rhythm_days: (i % 3 == 0).then_some(42),
            },
            first_imported: 1_780_000_000_000.0,
            last_imported: 1_785_000_000_000.0,
        });
        if i % 10 == 0 {
            let url = format!("https://www.linkedin.com/in/{}/", handle(i));
            backup.profiles.push(StoredProfile {
                person: key,
                profile: Profile::named(Site::Linkedin, url, handle(i), format!("Sam{i} Sample")),
                first_seen: 1_781_000_000_000.0,
                last_seen: 1_782_000_000_000.0,
                previous: None,
                previous_seen: None,
            });
        }
    }
    let about = |i: usize| PersonKey::new(Site::Linkedin, &handle(i % contacts.max(1)));
    for i in 0..notes {
        backup.notes.push(Note {
            id: Some(i as u32 + 1),
            tags: if i % 4 == 0 {
                vec!["event".into()]
            } else {
                Vec::new()
            },
            ..Note::new(
                about(i * 7),
                format!(
                    "Note {i}: met at meetup {} — “quoted”, tabs\tand\nlines",
                    i % 50
                ),
                1_783_000_000_000.0 + i as f64 * 1000.0,
            )
        });
    }
    let kinds = [
        InteractionKind::Met,
        InteractionKind::Messaged,
        InteractionKind::Introduced,
        InteractionKind::Asked,
    ];
    for i in 0..interactions {
        let kind = kinds[i % kinds.len()];
        backup.interactions.push(Interaction {
            uid: None,
            id: Some(i as u32 + 1),
            person: about(i * 13),
            kind,
            balance: match kind {
                InteractionKind::Introduced => Balance::Give,
                InteractionKind::Asked => Balance::Ask,
                _ => Balance::Neutral,
            },
            text: format!("interaction {i}"),
            at: 1_784_000_000_000.0 + i as f64 * 1000.0,
        });
    }
    for i in (0..contacts).step_by(11) {
        backup.marks.push(Marks {
            changed: 0.0,
            person: PersonKey::new(Site::Linkedin, &handle(i))
                .as_str()
                .to_owned(),
            name: format!("Sam{i} Sample"),
            key: i % 2 == 0,
            rhythm_days: (i % 3 == 0).then_some(28),
            goals: if i % 5 == 0 {
                vec!["new_job".into()]
            } else {
                Vec::new()
            },
            not_now_until: None,
        });
    }
    backup.settings.push(Setting {
        changed: 0.0,
        name: "draft_formal".into(),
        value: serde_json::Value::Bool(true),
    });
    backup.canonical()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_reads_back_as_it_was_written() {
        let backup = sample(50, 30, 20);
        let text = backup.to_json().unwrap();
        assert_eq!(parse(&text).unwrap(), backup);
    }

    #[test]
    fn files_that_are_not_backups_say_what_and_where() {
        let e = parse("{\"format\": \"common-ground-backup\", \"version\": 2,\n  \"notes\": [}")
            .unwrap_err();
        assert!(matches!(e, BackupError::NotJson { line: 2, .. }), "{e}");
        assert_eq!(parse("{\"a\": 1}").unwrap_err(), BackupError::NotABackup);
        assert_eq!(parse("[1, 2]").unwrap_err(), BackupError::NotABackup);
        assert_eq!(
            parse("{\"format\": \"common-ground-backup\", \"version\": 9}").unwrap_err(),
            BackupError::Newer(9)
        );
        let e = parse(
            "{\"format\": \"common-ground-backup\", \"version\": 2,\n\"notes\": [{\"id\": 1, \"text\": \"x\"}]}",
        )
        .unwrap_err();
        assert!(
            matches!(&e, BackupError::Damaged { line: 2, detail: JsonDetail::MissingField(f), .. } if f == "person"),
            "{e}"
        );
        let twice = r#"{"format": "common-ground-backup", "version": 2, "notes": [
            {"id": 3, "person": "linkedin:a", "text": "x", "created": 1},
            {"id": 3, "person": "linkedin:b", "text": "y", "created": 2}]}"#;
        assert_eq!(
            parse(twice).unwrap_err().to_string(),
            "The backup contradicts itself: two notes have the id 3. Nothing was changed."
        );
    }

    /// Each damage is refused before anything is written, with what is wrong.
    #[test]
    fn a_backup_is_checked_whole_before_it_is_restored() {
        let good = || sample(4, 3, 2);
        type Damage = Box<dyn Fn(&mut Backup)>;
        let cases: Vec<(&str, Damage)> = vec![
            (
                "ids go up to 2147483647",
                Box::new(|b| b.notes[0].id = Some(u32::MAX)),
            ),
            (
                "ids go up to",
                Box::new(|b| b.interactions[0].id = Some(MAX_RECORD_ID + 1)),
            ),
            (
                "two profiles have the person",
                Box::new(|b| {
                    let p = b.profiles[0].clone();
                    b.profiles.push(p);
                }),
            ),
            (
                "two marks have the person",
                Box::new(|b| {
                    let m = Marks {
                        changed: 0.0,
                        person: "linkedin:ada".into(),
                        name: "Ada".into(),
                        key: true,
                        rhythm_days: None,
                        goals: vec![],
                        not_now_until: None,
                    };
                    b.marks = vec![m.clone(), m];
                }),
            ),
            (
                "two conversations have the person",
                Box::new(|b| {
                    let c: Conversation = serde_json::from_value(serde_json::json!(
                        {"person": "c1", "name": "A", "messages": 1, "sent": 1, "received": 0}
                    ))
                    .unwrap();
                    b.conversations = vec![c.clone(), c];
                }),
            ),
            (
                "two settings have the name",
                Box::new(|b| {
                    let s = Setting {
                        changed: 0.0,
                        name: "lang".into(),
                        value: serde_json::json!("nl"),
                    };
                    b.settings = vec![s.clone(), s];
                }),
            ),
            (
                "not a person's key",
                Box::new(|b| b.notes[1].person = PersonKey::from_raw("javascript:alert(1)")),
            ),
            (
                "not a person's key",
                Box::new(|b| b.profiles[0].person = PersonKey::from_raw("linkedin:")),
            ),
            (
                "notes are kept up to 10,000",
                Box::new(|b| b.notes[2].text = "x".repeat(MAX_NOTE_CHARS + 1)),
            ),
            (
                "a rhythm is 1 to 3,650 days",
                Box::new(|b| b.contacts[0].user.rhythm_days = Some(0)),
            ),
            (
                "which is no date",
                Box::new(|b| b.marks[0].not_now_until = Some("2026-02-31".into())),
            ),
        ];
        for (said, damage) in cases {
            let mut backup = good();
            damage(&mut backup);
            let text = serde_json::to_string(&backup).unwrap();
            let e = parse(&text).expect_err(said).to_string();
            assert!(e.contains(said), "{said}: {e}");
        }
        assert!(parse(&good().to_json().unwrap()).is_ok());
        let mut twice = good();
        twice.notes[1].id = twice.notes[0].id;
        let e = parse(&serde_json::to_string(&twice).unwrap()).unwrap_err();
        let nl = crate::phrases::book(crate::phrases::Lang::from_code("nl").unwrap());
        assert_eq!(
            e.message(nl),
            format!(
                "De back-up spreekt zichzelf tegen: twee notities hebben hetzelfde id {}. Er is \
                 niets veranderd.",
                twice.notes[0].id.unwrap()
            )
        );
    }

    proptest::proptest! {
        /// Any id up to the bound restores; any id past it is refused.
        #[test]
        fn ids_restore_exactly_up_to_the_bound(id in proptest::prelude::any::<u32>()) {
            let mut backup = sample(1, 1, 0);
            backup.notes[0].id = Some(id);
            let read = parse(&backup.to_json().unwrap());
            proptest::prop_assert_eq!(read.is_ok(), id <= MAX_RECORD_ID);
        }
    }

    #[test]
    fn a_version_2_backup_reads_as_version_3_without_tombstones() {
        let mut v2: serde_json::Value = serde_json::to_value(sample(3, 2, 1)).unwrap();
        v2["version"] = 2.into();
        v2.as_object_mut().unwrap().remove("tombstones");
        v2.as_object_mut().unwrap().remove("me_changed");
        let backup = parse(&v2.to_string()).unwrap();
        assert_eq!(backup.version, VERSION);
        assert_eq!(backup.notes.len(), 2);
        assert!(backup.tombstones.is_empty());
    }

    #[test]
    fn a_tombstone_without_an_id_or_twice_a_uid_is_refused() {
        let mut backup = sample(1, 2, 0);
        backup.tombstones.push(Tombstone {
            kind: crate::model::Gone::Note,
            id: String::new(),
            at: 5.0,
        });
        let e = parse(&backup.to_json().unwrap()).unwrap_err();
        assert_eq!(
            e.message(crate::phrases::book(crate::phrases::Lang::EN)),
            "The backup contradicts itself: deletion number 1 names no record. Nothing was changed."
        );
        let mut backup = sample(1, 2, 0);
        backup.notes[0].uid = Some("same".into());
        backup.notes[1].uid = Some("same".into());
        assert!(matches!(
            parse(&backup.to_json().unwrap()),
            Err(BackupError::Invalid(Problem::Twice {
                what: Record::Note,
                ..
            }))
        ));
    }

    #[test]
    fn a_version_1_backup_is_read_into_the_current_shape() {
        let v1 = r#"{"format": "common-ground-backup", "version": 1, "exported": 1000,
            "notes": [{"id": 1, "person": "linkedin:ada", "text": "met at the meetup", "created": 5}],
            "contacts": [{"id": "linkedin:ada", "first_name": "Ada", "last_name": "Example"}]}"#;
        let backup = parse(v1).unwrap();
        assert_eq!(backup.version, VERSION);
        assert_eq!(backup.notes[0].text, "met at the meetup");
        assert_eq!(backup.contacts[0].imported.first_name, "Ada");
        assert_eq!(backup.contacts[0].user, ContactByUser::default());
        assert_eq!(backup.contacts[0].first_imported, 1000.0);
        assert!(backup.interactions.is_empty());
    }

    #[test]
    fn contacts_as_csv_read_back_with_the_same_fields() {
        let backup = sample(12, 0, 0);
        let text = contacts_csv(&backup.contacts);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 12);
        assert_eq!(&rows[0][1], "Sample, Jr.");
        assert_eq!(&rows[0][5], "Engineer; data");
        assert_eq!(&rows[0][7], "key, group-0");
    }

    #[test]
    fn vcards_escape_their_values_and_fold_long_lines() {
        let mut backup = sample(1, 0, 0);
        backup.contacts[0].imported.company = Some(format!("Zoë & Co{}", "x".repeat(100)));
        let card = contacts_vcard(&backup.contacts);
        assert!(card.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sam0 Sample\\, Jr.\r\n"));
        assert!(card.contains("N:Sample\\, Jr.;Sam0;;;\r\n"));
        assert!(card.contains("TITLE:Engineer\\; data\r\n"));
        assert!(card.contains("CATEGORIES:key,group-0\r\n"));
        assert!(card.ends_with("END:VCARD\r\n"));
        for line in card.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        // Unfolded, the organisation is whole again.
        let unfolded = card.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("ORG:Zoë & Co{}\r\n", "x".repeat(100))));
    }
}
