//! The messages that pass between the content script, the extension pages and the core in the
//! service worker.
//!
//! Every runtime message is one [`Request`] (`{"snapshot": {"url": …, "html": …}}`: externally
//! tagged, which deserialises without buffering and so keeps the service worker's Wasm ~20 KB
//! smaller than a `type` field would); every answer is one [`Response`], tagged with `type` so
//! the few lines of JavaScript that read it can tell them apart. Both are plain JSON-compatible
//! data: this module owns their shape and nothing else. Senders
//! are untrusted until the router has checked where a message came from.

use serde::{Deserialize, Serialize};

use crate::extract::Reading;
use crate::me::Me;
use crate::model::{Goal, Interaction, Marks, Note, PersonKey, Profile};
use crate::network::Overview;
use crate::people::Known;
use crate::phrases::Book;
use crate::relationship::Kept;

/// What a page asks the core to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// From the content script, before anything else: can the page at this address hold a
    /// profile? Only then does it send the page.
    Recognise { url: String },
    /// From the content script: the page the user is looking at. `background.js` hands it to
    /// the page reader (the `reader` module, `extract::read`) and the core receives
    /// [`Request::Read`] instead.
    Snapshot { url: String, html: String },
    /// The content script's page as the page reader read it. Only the service worker's own
    /// reader makes this request ([`Caller::PageReader`]): a content script that sends it
    /// itself is refused, so no page can have a profile stored that the reader did not read.
    Read { url: String, reading: Reading },
    /// From the content script: its tab now shows `person`, with a new reading stored. Meant for
    /// the extension pages that listen (the tab's overlay frame, named by `token`, and the side
    /// panel); the core only acknowledges it.
    Shown {
        person: PersonKey,
        #[serde(default)]
        token: Option<String>,
        #[serde(default)]
        revision: u32,
    },
    /// From the overlay: everything to show about the person filed under `person`.
    Overlay { person: PersonKey },
    /// From the overlay: keep a note about `person`, with the user's tags, and the address of
    /// the page it was captured from (a selection saved from the context menu).
    SaveNote {
        person: PersonKey,
        text: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        source: Option<String>,
    },
    /// Change a note's text and tags.
    EditNote {
        id: u32,
        text: String,
        #[serde(default)]
        tags: Vec<String>,
    },
    /// Delete a note; the answer carries it, so that the user can undo.
    DeleteNote { id: u32 },
    /// Put a deleted note back as it was, with its id (undo).
    RestoreNote { note: Note },
    /// From the service worker's context-menu handler: keep `text` (the selection) as a note
    /// about the person whose profile is at `url`, with that address.
    Capture { url: String, text: String },
    /// Posted by the content script to its overlay frame (never sent to the core, which would
    /// only acknowledge it), when the user pressed the shortcut for a note: the frame named by
    /// `token` opens and focuses its note box.
    FocusNote { token: String },
    /// `Put in invite note` (the overlay, or the side panel for the active tab): `text` goes
    /// into LinkedIn's open invitation note box of the overlay's tab, through its content
    /// script; answered [`Response::InviteNote`]. Through the core because an extension frame
    /// inside a web page has no `tabs` API in Firefox.
    PutInInviteNote { text: String },
    /// This month's invitation notes (`invites::Budget`), with `per_month` stored first when
    /// given (the settings; on a free account). Answered [`Response::InviteBudget`].
    InviteBudget {
        #[serde(default)]
        per_month: Option<u32>,
    },
    /// From the options page: everything stored, as one backup file (`backup::Backup`).
    Backup,
    /// From the options page: the backup file to download: encrypted when a passphrase is set.
    BackupFile,
    /// From the options page: replace everything stored with this backup file's content (any
    /// version `backup::parse` reads). Nothing changes if it cannot be read.
    Restore {
        backup: String,
        /// For an encrypted file: the passphrase typed now, else the one kept in the settings.
        #[serde(default)]
        passphrase: Option<String>,
    },
    /// From the options page: merge this backup file into what is stored (`merge::merge`), or
    /// with `apply` false only say what a merge would change. Nothing changes if it cannot be
    /// read.
    Merge {
        backup: String,
        apply: bool,
        /// As for `Restore`.
        #[serde(default)]
        passphrase: Option<String>,
    },
    /// From the options page: the passphrase backups are encrypted with, kept in this browser
    /// only: `None` asks whether one is set, `""` removes it, any other text sets it. It is never
    /// read back.
    Passphrase { passphrase: Option<String> },
    /// From the background itself, after a change: the automatic backup's files when one is
    /// due today (`autobackup::due`), for this device (`device`, its name in the file's name).
    AutoBackup { device: String },
    /// From the background itself: the automatic backup was written at `at`.
    BackedUp { at: f64 },
    /// How often backups are written by themselves and when the last was (`every` sets it).
    BackupState {
        #[serde(default)]
        every: Option<crate::autobackup::Every>,
    },
    /// What the user marked about a person (key person, rhythm, goals); all unmarked removes it.
    Mark { marks: Marks },
    /// The network at a glance: who is due, dormant ties, how many are active
    /// (`network::overview`).
    Network,
    /// How many people are overdue and coming due (`network::due_counts`): asked by the service
    /// worker itself, daily and after every change that can move it, for the toolbar badge.
    DueCount,
    /// "Not now" on a tie worth reviving: it is left out of that list for `days` (kept with the
    /// person's other marks). Answered [`Response::Marked`].
    NotNow {
        person: String,
        name: String,
        days: u32,
    },
    /// The contacts who bridge separate groups among the profiles the user opened
    /// (`brokers::brokers`), asked when the side panel's list is opened.
    Brokers,
    /// The keep-in-touch rules per tag (`rhythm::Rule`); with `set`, stored first (the settings'
    /// lines, read by `rhythm::parse_rules`).
    RhythmRules {
        #[serde(default)]
        set: Option<Vec<crate::rhythm::Rule>>,
    },
    /// Every note with a name for whom it is about, for the side panel's search.
    Notebook,
    /// The user's networking goals; with `set`, stored first.
    Goals {
        #[serde(default)]
        set: Option<Vec<Goal>>,
    },
    /// Log something that happened between the user and a person.
    LogInteraction { interaction: Interaction },
    /// Remove a logged interaction.
    DeleteInteraction { id: u32 },
    /// Delete the person filed under `person` and everything kept about them: their profile
    /// readings, notes, interactions, and, when they are a contact, the contact with its
    /// conversation and invitations.
    Forget { person: PersonKey },
    /// From the import page: store what an export holds (one transaction). The `import::Export` as
    /// JSON text: one string crosses the message channel several times faster than 30,000
    /// objects do.
    Import { export: String },
    /// Who the user is, from every source.
    Me,
    /// From the overlay on the user's own profile: take this profile as who they are.
    ThisIsMe { person: PersonKey },
    /// From the options page: the user's own corrections of who they are (`None` clears them).
    SetMe { profile: Option<Profile> },
    /// One of the user's yes-or-no settings; with `set`, stored first. Setting
    /// [`Flag::OverlayCollapsed`] from the overlay also tells its tab's content script to resize
    /// the frame.
    Flag {
        name: Flag,
        #[serde(default)]
        set: Option<bool>,
    },
    /// The interface's language setting (`auto` to follow the browser, else a book's code such
    /// as `nl`); with `set`, stored first.
    Language {
        #[serde(default)]
        set: Option<String>,
    },
}

/// The user's yes-or-no settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The overlay is collapsed to one line.
    OverlayCollapsed,
    /// The user has LinkedIn Premium: an invite note may be 300 characters rather than 200.
    DraftPremium,
    /// Dutch drafts say "u" rather than "je".
    DraftFormal,
    /// Trace-free: nothing is shown beside the page (the setting `Show beside the page`, off);
    /// the content script only reads, and the side panel shows the person.
    TraceFree,
}

impl Flag {
    /// The name it is stored under.
    pub fn key(self) -> &'static str {
        match self {
            Flag::OverlayCollapsed => "overlay_collapsed",
            Flag::DraftPremium => "draft_premium",
            Flag::DraftFormal => "draft_formal",
            Flag::TraceFree => "trace_free",
        }
    }
}

/// What [`Request::Forget`] deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forgotten {
    pub profile: bool,
    pub notes: u32,
    pub interactions: u32,
    pub contact: bool,
    pub conversation: bool,
    pub invitations: u32,
    /// What the user had marked about them (key person, rhythm, goals).
    #[serde(default)]
    pub marks: bool,
}

/// What an import changed (the store's count of it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub contacts_added: usize,
    pub contacts_updated: usize,
    pub conversations: usize,
    pub invitations: usize,
    pub me: bool,
}

/// Who a message came from, as the router tells from the runtime's sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// A page of this extension (overlay, side panel, options), in the extension's origin.
    ExtensionPage,
    /// This extension's content script, living inside a web page the user opened.
    ContentScript,
    /// The service worker's page reader, handing over what it read of a content script's page
    /// (`background.rs`'s `handle_reading`, never a runtime message).
    PageReader,
    /// Anything else.
    Stranger,
}

impl Request {
    /// Whether `caller` may make this request. The content script is a courier inside hostile
    /// territory: it may hand over the page and resize the frame, but it never receives notes.
    pub fn allowed_from(&self, caller: Caller) -> bool {
        match self {
            Request::Read { .. } => caller == Caller::PageReader,
            Request::Recognise { .. }
            | Request::Snapshot { .. }
            | Request::FocusNote { .. }
            | Request::Shown { .. } => caller == Caller::ContentScript,
            Request::Overlay { .. }
            | Request::SaveNote { .. }
            | Request::EditNote { .. }
            | Request::Capture { .. }
            | Request::Backup
            | Request::BackupFile
            | Request::Restore { .. }
            | Request::Merge { .. }
            | Request::Passphrase { .. }
            | Request::AutoBackup { .. }
            | Request::BackedUp { .. }
            | Request::BackupState { .. }
            | Request::Mark { .. }
            | Request::Network
            | Request::DueCount
            | Request::Brokers
            | Request::NotNow { .. }
            | Request::RhythmRules { .. }
            | Request::Notebook
            | Request::Goals { .. }
            | Request::DeleteNote { .. }
            | Request::RestoreNote { .. }
            | Request::LogInteraction { .. }
            | Request::DeleteInteraction { .. }
            | Request::Forget { .. }
            | Request::Import { .. }
            | Request::Me
            | Request::ThisIsMe { .. }
            | Request::SetMe { .. }
            | Request::Flag { .. }
            | Request::PutInInviteNote { .. }
            | Request::InviteBudget { .. }
            | Request::Language { .. } => caller == Caller::ExtensionPage,
        }
    }

    /// Whether the request, answered without an error, changed what the user keeps (not a
    /// profile's visit, not a read): after such a change an automatic backup may be due.
    pub fn changes(&self) -> bool {
        match self {
            Request::SaveNote { .. }
            | Request::EditNote { .. }
            | Request::DeleteNote { .. }
            | Request::RestoreNote { .. }
            | Request::Capture { .. }
            | Request::Restore { .. }
            | Request::Mark { .. }
            | Request::NotNow { .. }
            | Request::LogInteraction { .. }
            | Request::DeleteInteraction { .. }
            | Request::Forget { .. }
            | Request::Import { .. }
            | Request::ThisIsMe { .. }
            | Request::SetMe { .. } => true,
            Request::Merge { apply, .. } => *apply,
            Request::RhythmRules { set } => set.is_some(),
            Request::Goals { set } => set.is_some(),
            // Folding the overlay is how it looks, not something kept about anyone.
            Request::Flag { name, set } => set.is_some() && *name != Flag::OverlayCollapsed,
            Request::Language { set } => set.is_some(),
            _ => false,
        }
    }

    /// The request's name on the wire, for messages about it.
    pub fn kind(&self) -> &'static str {
        match self {
            Request::Recognise { .. } => "recognise",
            Request::Snapshot { .. } => "snapshot",
            Request::Read { .. } => "read",
            Request::Shown { .. } => "shown",
            Request::Overlay { .. } => "overlay",
            Request::SaveNote { .. } => "save_note",
            Request::EditNote { .. } => "edit_note",
            Request::Capture { .. } => "capture",
            Request::Backup => "backup",
            Request::BackupFile => "backup_file",
            Request::Mark { .. } => "mark",
            Request::Network => "network",
            Request::DueCount => "due_count",
            Request::Brokers => "brokers",
            Request::NotNow { .. } => "not_now",
            Request::RhythmRules { .. } => "rhythm_rules",
            Request::Notebook => "notebook",
            Request::Goals { .. } => "goals",
            Request::Restore { .. } => "restore",
            Request::Merge { .. } => "merge",
            Request::Passphrase { .. } => "passphrase",
            Request::AutoBackup { .. } => "auto_backup",
            Request::BackedUp { .. } => "backed_up",
            Request::BackupState { .. } => "backup_state",
            Request::FocusNote { .. } => "focus_note",
            Request::DeleteNote { .. } => "delete_note",
            Request::RestoreNote { .. } => "restore_note",
            Request::LogInteraction { .. } => "log_interaction",
            Request::DeleteInteraction { .. } => "delete_interaction",
            Request::Forget { .. } => "forget",
            Request::Import { .. } => "import",
            Request::Me => "me",
            Request::ThisIsMe { .. } => "this_is_me",
            Request::SetMe { .. } => "set_me",
            Request::Flag { .. } => "flag",
            Request::Language { .. } => "language",
            Request::PutInInviteNote { .. } => "put_in_invite_note",
            Request::InviteBudget { .. } => "invite_budget",
        }
    }
}

/// What the core answers. Some answers carry whole profiles; each is built once and serialised
/// at once, so boxing them would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// Whether an address can hold a profile (the answer to [`Request::Recognise`]).
    Recognised {
        profile_address: bool,
        /// Whom the profile at this address is about, when the address says (LinkedIn,
        /// GitHub): the content script may load the overlay for them while the page is read.
        #[serde(default)]
        person: Option<PersonKey>,
        /// Whether to show the overlay beside the page; when not (trace-free), the content
        /// script adds nothing to the page and only tells the side panel whom it shows.
        #[serde(default)]
        beside: bool,
    },
    /// The page holds a profile: the content script mounts the overlay for `person`.
    Profile {
        person: PersonKey,
        name: String,
        collapsed: bool,
    },
    /// The page holds no profile; the overlay stays away. `retry` says whether the page may
    /// still show one as it loads (worth reading again when it changes).
    NoProfile {
        reason: String,
        retry: bool,
    },
    /// What the overlay shows, and what it needs to work out the common ground
    /// (`history::annotate`): the person, who the user is, the contacts involved and what is
    /// kept about them. The page does that thinking so that the service worker's module stays
    /// small.
    Overlay {
        profile: Option<Profile>,
        /// The profile as the user's previous visit read it.
        previous: Option<Profile>,
        notes: Vec<Note>,
        collapsed: bool,
        /// This profile is the one the user said is theirs.
        is_me: bool,
        /// Who the user is, when known (an import, "This is me" or corrections).
        me: Option<Profile>,
        /// The person among the user's contacts and the contacts both know
        /// (`history::involved`).
        people: Vec<Known>,
        /// Notes, interactions and invitations kept under the person's key and those contacts'.
        kept: Vec<(String, Kept)>,
        /// How many contacts are imported.
        contacts: u32,
        /// The keep-in-touch rules per tag, for the person's rhythm.
        #[serde(default)]
        rules: Vec<crate::rhythm::Rule>,
    },
    /// What an import stored, and how many contacts there are now.
    Imported {
        summary: ImportSummary,
        contacts: u32,
    },
    /// Who the user is: each source, and what they add up to.
    Me {
        me: Me,
        effective: Option<Profile>,
        /// How many contacts are imported.
        contacts: u32,
    },
    /// The note as stored, and all notes about that person, newest first.
    NoteSaved {
        note: Note,
        notes: Vec<Note>,
    },
    /// The note as it was before it was deleted (to undo with), and the person's notes left.
    NoteDeleted {
        note: Note,
        notes: Vec<Note>,
    },
    /// The interactions logged with a person, newest first.
    Interactions {
        interactions: Vec<Interaction>,
    },
    /// The user's networking goals.
    Goals {
        goals: Vec<Goal>,
    },
    /// What is marked about the person now.
    Marked {
        marks: Marks,
    },
    /// The network at a glance.
    Network {
        overview: Overview,
    },
    /// How many people are overdue and coming due.
    DueCount {
        overdue: u32,
        coming_due: u32,
    },
    /// The contacts who bridge groups, the strongest first.
    Brokers {
        brokers: Vec<crate::brokers::Broker>,
    },
    /// The keep-in-touch rules per tag.
    RhythmRules {
        rules: Vec<crate::rhythm::Rule>,
    },
    /// Every note, and names for the people they are about (`[person, name]`).
    Notebook {
        notes: Vec<Note>,
        names: Vec<(String, String)>,
    },
    /// Everything stored, as the backup file's text.
    Backup {
        json: String,
    },
    /// A backup replaced what was stored; `summary` says what it holds.
    Restored {
        summary: String,
    },
    /// What merging a backup would change (`would`) and, when `applied`, changed (`did`), in
    /// the user's language (`merge::Changes`).
    Merged {
        would: String,
        did: String,
        applied: bool,
        /// What the file holds (`Backup::summary`) and when it was made.
        holds: String,
        exported: f64,
    },
    /// Whether backups are encrypted with a passphrase.
    Passphrase {
        set: bool,
    },
    /// The automatic backup to write now, if one is due: this device's file and the one before
    /// it, to keep beside it.
    AutoBackup {
        file: Option<AutoBackupFile>,
    },
    /// How often backups are written by themselves, when the last was (`said`), and whether it
    /// is older than that and a day more (`stale`, with `warning` saying what to do).
    BackupState {
        every: crate::autobackup::Every,
        said: String,
        stale: bool,
        warning: String,
    },
    /// What forgetting a person deleted.
    Forgotten {
        forgotten: Forgotten,
    },
    /// A yes-or-no setting, as stored.
    Flag {
        value: bool,
    },
    /// The interface's language setting, as stored (`auto` when never set).
    Language {
        setting: String,
    },
    /// What the content script found when asked to put a draft in the invitation note box:
    /// whether the tab's page could be reached at all, whether the draft is in the box, whether
    /// a dialog was open, and the box's length limit, if it has one.
    InviteNote {
        reached: bool,
        filled: bool,
        open: bool,
        limit: Option<usize>,
        /// This month's notes, counting this one when it went in.
        budget: crate::invites::Budget,
    },
    /// This month's invitation notes, and the number a month the settings hold.
    InviteBudget {
        budget: crate::invites::Budget,
        per_month: u32,
    },
    Done,
    /// Something went wrong; `message` is written for the user.
    Error {
        message: String,
    },
}

/// Every message that goes to a tab's content script (`chrome.tabs.sendMessage`, to the top
/// frame), from Rust and from `background.js` and `panel.js` alike: `{"type": "layout", …}`.
/// A test holds the scripts to these names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToContentScript {
    /// The overlay was collapsed or expanded (the core, on [`Flag::OverlayCollapsed`]): the
    /// frame is resized.
    Layout { collapsed: bool },
    /// Whom this tab shows (`panel.js`); answered `{person}`.
    Who,
    /// A note was saved from the context menu (`background.js`): the overlay reads again.
    Refresh,
    /// The add-note shortcut (`background.js`): the overlay opens and focuses its note box;
    /// answered whether there is one.
    AddNote,
    /// `Put in invite note` (the overlay): `text` goes into LinkedIn's open invitation note box,
    /// and nothing is sent; answered `{filled, open, limit}`.
    InviteNote { text: String },
}

impl ToContentScript {
    /// Every kind of message, as the scripts name it.
    pub fn kinds() -> Vec<String> {
        [
            ToContentScript::Layout { collapsed: false },
            ToContentScript::Who,
            ToContentScript::Refresh,
            ToContentScript::AddNote,
            ToContentScript::InviteNote {
                text: String::new(),
            },
        ]
        .iter()
        .filter_map(|m| {
            let value = serde_json::to_value(m).ok()?;
            value["type"].as_str().map(str::to_owned)
        })
        .collect()
    }
}

/// The overlay frame's address fragment: `p=<person>&r=<revision>`. The content script bumps the
/// revision when a new reading of the page was stored, so the overlay asks again; the data itself
/// only ever comes from the service worker.
pub fn person_from_fragment(fragment: &str) -> Option<PersonKey> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let encoded = fragment.split('&').find_map(|kv| kv.strip_prefix("p="))?;
    let decoded = crate::extract::address::percent_decode(encoded);
    serde_json::from_value(serde_json::Value::String(decoded)).ok()
}

/// The token in the overlay frame's address fragment (`t=`): it names the frame among all
/// extension pages hearing a content script's [`Request::Shown`].
pub fn token_from_fragment(fragment: &str) -> Option<&str> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split('&')
        .find_map(|kv| kv.strip_prefix("t="))
        .filter(|t| !t.is_empty())
}

/// The longest note the core keeps, in characters; longer ones are refused with a message.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// Checks a note before it is stored: trimmed, not empty, not absurdly long.
pub fn clean_note_text(text: &str) -> Result<String, Refusal> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Refusal::EmptyNote);
    }
    let chars = trimmed.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(Refusal::NoteTooLong { chars });
    }
    Ok(trimmed.to_owned())
}

/// Why the core will not do what it was asked; said in the user's language by
/// [`Refusal::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A caller asked for what it may not (a bug or a hostile page, never the user).
    NotAllowed {
        caller: Caller,
        kind: &'static str,
    },
    /// A page came as a raw snapshot rather than as the page reader read it.
    UnreadPage,
    EmptyNote,
    NoteTooLong {
        chars: usize,
    },
    /// Only a note that was stored can be put back.
    NeverStored,
    /// An imported contact without an identity (named).
    NoIdentity {
        name: String,
    },
    NoContact {
        id: String,
    },
    /// A note (or interaction) that is not there any more.
    Gone {
        note: bool,
        id: u32,
    },
    /// A store's record numbers are used up.
    Full {
        store: &'static str,
    },
    /// The import page's export could not be read (the JSON reader's words, for the console).
    BadExport {
        detail: String,
    },
    /// "This is me" on a profile that was never read.
    OpenYourProfile,
    /// Capture from a page that is no profile.
    NotAProfile,
    NoLanguage {
        setting: String,
    },
    /// A number of invitation notes a month the settings do not take.
    BadInviteBudget {
        per_month: u32,
    },
    /// A keep-in-touch rule the settings do not take (no tag, an interval out of range, too
    /// many).
    BadRhythmRule {
        tag: String,
    },
}

impl Refusal {
    pub fn message(&self, t: &Book) -> String {
        match self {
            Refusal::NotAllowed { caller, kind } => t.say(
                "refusal.not_allowed",
                &[("caller", &format!("{caller:?}")), ("kind", kind)],
            ),
            Refusal::UnreadPage => t.text("refusal.unread_page").to_owned(),
            Refusal::EmptyNote => t.text("refusal.empty_note").to_owned(),
            Refusal::NoteTooLong { chars } => t.say(
                "refusal.note_too_long",
                &[
                    ("chars", &t.number(*chars as u64)),
                    ("max", &t.number(MAX_NOTE_CHARS as u64)),
                ],
            ),
            Refusal::NeverStored => t.text("refusal.never_stored").to_owned(),
            Refusal::NoIdentity { name } => t.say("refusal.no_identity", &[("name", name)]),
            Refusal::NoContact { id } => t.say("refusal.no_contact", &[("id", id)]),
            Refusal::Gone { note, id } => t.say(
                if *note {
                    "refusal.note_gone"
                } else {
                    "refusal.interaction_gone"
                },
                &[("id", &id.to_string())],
            ),
            Refusal::Full { store } => t.say("refusal.full", &[("store", store)]),
            Refusal::BadExport { .. } => t.text("refusal.bad_export").to_owned(),
            Refusal::OpenYourProfile => t.text("refusal.open_your_profile").to_owned(),
            Refusal::NotAProfile => t.text("refusal.not_a_profile").to_owned(),
            Refusal::NoLanguage { setting } => {
                t.say("refusal.no_language", &[("setting", setting)])
            }
            Refusal::BadRhythmRule { tag } => t.say(
                "refusal.bad_rhythm_rule",
                &[
                    ("tag", tag),
                    ("most", &t.number(crate::rhythm::MAX_RULES as u64)),
                ],
            ),
            Refusal::BadInviteBudget { per_month } => t.say(
                "refusal.bad_invite_budget",
                &[
                    ("n", &t.number(u64::from(*per_month))),
                    (
                        "most",
                        &t.number(u64::from(crate::invites::MOST_NOTES_PER_MONTH)),
                    ),
                ],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Site;

    #[test]
    fn only_what_changes_the_users_records_counts_as_a_change() {
        let read = |json: &str| serde_json::from_str::<Request>(json).unwrap().changes();
        assert!(read(r#"{"delete_note": {"id": 3}}"#));
        assert!(read(r#"{"merge": {"backup": "", "apply": true}}"#));
        assert!(!read(r#"{"merge": {"backup": "", "apply": false}}"#));
        assert!(read(r#"{"goals": {"set": []}}"#));
        assert!(!read(r#"{"goals": {}}"#));
        assert!(!read(r#""backup""#));
        assert!(!read(
            r#"{"flag": {"name": "overlay_collapsed", "set": true}}"#
        ));
        assert!(read(r#"{"flag": {"name": "draft_formal", "set": true}}"#));
        assert!(!read(r#"{"overlay": {"person": "linkedin:ada"}}"#));
    }

    #[test]
    fn requests_have_the_wire_shape_the_javascript_sends() {
        let cases = [
            (
                r#"{"snapshot":{"url":"https://www.linkedin.com/in/a/","html":"<p>"}}"#,
                Request::Snapshot {
                    url: "https://www.linkedin.com/in/a/".into(),
                    html: "<p>".into(),
                },
            ),
            (
                r#"{"overlay":{"person":"linkedin:a"}}"#,
                Request::Overlay {
                    person: PersonKey::new(Site::Linkedin, "a"),
                },
            ),
            (
                r#"{"read":{"url":"https://www.linkedin.com/in/a/","reading":{"profile":null,"reason":"x","retry":true}}}"#,
                Request::Read {
                    url: "https://www.linkedin.com/in/a/".into(),
                    reading: Reading {
                        profile: None,
                        reason: Some("x".into()),
                        retry: true,
                    },
                },
            ),
            (
                r#"{"flag":{"name":"draft_premium","set":true}}"#,
                Request::Flag {
                    name: Flag::DraftPremium,
                    set: Some(true),
                },
            ),
            (
                r#"{"language":{"set":"nl"}}"#,
                Request::Language {
                    set: Some("nl".into()),
                },
            ),
        ];
        for (json, want) in cases {
            let got: Request = serde_json::from_str(json).unwrap();
            assert_eq!(got, want);
            assert_eq!(serde_json::to_string(&got).unwrap(), json);
        }
    }

    #[test]
    fn unknown_messages_are_rejected() {
        assert!(serde_json::from_str::<Request>(r#"{"delete_everything":{}}"#).is_err());
        assert!(serde_json::from_str::<Request>(r#"{"url":"x"}"#).is_err());
    }

    #[test]
    fn content_scripts_never_get_notes() {
        let person = PersonKey::new(Site::Linkedin, "a");
        let reads_notes = [
            Request::Overlay {
                person: person.clone(),
            },
            Request::SaveNote {
                person,
                text: "x".into(),
                tags: Vec::new(),
                source: None,
            },
        ];
        for request in &reads_notes {
            assert!(request.allowed_from(Caller::ExtensionPage), "{request:?}");
            assert!(!request.allowed_from(Caller::ContentScript), "{request:?}");
            assert!(!request.allowed_from(Caller::Stranger), "{request:?}");
        }
        let snapshot = Request::Snapshot {
            url: String::new(),
            html: String::new(),
        };
        assert!(snapshot.allowed_from(Caller::ContentScript));
        assert!(!snapshot.allowed_from(Caller::Stranger));
        assert!(!snapshot.allowed_from(Caller::PageReader));
    }

    #[test]
    fn only_the_page_reader_hands_over_a_reading() {
        let read = Request::Read {
            url: "https://www.linkedin.com/in/a/".into(),
            reading: Reading {
                profile: None,
                reason: None,
                retry: false,
            },
        };
        assert!(read.allowed_from(Caller::PageReader));
        for caller in [
            Caller::ContentScript,
            Caller::ExtensionPage,
            Caller::Stranger,
        ] {
            assert!(!read.allowed_from(caller), "{caller:?}");
        }
    }

    #[test]
    fn the_frame_fragment_names_the_person() {
        let ada = PersonKey::new(Site::Linkedin, "ada");
        assert_eq!(
            person_from_fragment("#p=linkedin%3Aada&r=3"),
            Some(ada.clone())
        );
        assert_eq!(person_from_fragment("r=1&p=linkedin%3Aada"), Some(ada));
        assert_eq!(
            person_from_fragment("#p=web%3Aexample.com%2F~j%26ne&r=1")
                .unwrap()
                .as_str(),
            "web:example.com/~j&ne"
        );
        assert_eq!(person_from_fragment("#r=1"), None);
        assert_eq!(
            token_from_fragment("#p=linkedin%3Aada&t=k3x9&r=2"),
            Some("k3x9")
        );
        assert_eq!(token_from_fragment("#p=linkedin%3Aada&t="), None);
        assert_eq!(token_from_fragment("#p=linkedin%3Aada"), None);
    }

    #[test]
    fn notes_are_trimmed_and_bounded() {
        assert_eq!(
            clean_note_text("  met at a meetup \n").unwrap(),
            "met at a meetup"
        );
        assert!(clean_note_text(" \n\t").is_err());
        assert!(clean_note_text(&"x".repeat(MAX_NOTE_CHARS)).is_ok());
        let long = clean_note_text(&"x".repeat(MAX_NOTE_CHARS + 1)).unwrap_err();
        let nl = crate::phrases::book(crate::phrases::Lang::from_code("nl").unwrap());
        assert_eq!(
            long.message(nl),
            "De notitie is 10.001 tekens lang; notities worden bewaard tot 10.000 tekens."
        );
    }

    /// The scripts send and the content script handles exactly the kinds the enum has.
    #[test]
    fn the_scripts_speak_the_tab_messages_of_the_enum() {
        let kinds: std::collections::BTreeSet<String> =
            ToContentScript::kinds().into_iter().collect();
        let script = |name: &str| {
            std::fs::read_to_string(format!("{}/extension/{name}", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
        };
        // `message.type === 'x'` in the content script, `sendMessage(tab.id, { type: 'x' }` in
        // the senders.
        let named = |text: &str, marker: &str| -> std::collections::BTreeSet<String> {
            text.split(marker)
                .skip(1)
                .filter_map(|rest| rest.strip_prefix('\''))
                .filter_map(|rest| rest.split('\'').next())
                .map(str::to_owned)
                .collect()
        };
        let handled = named(&script("content.js"), "message.type === ");
        assert_eq!(
            handled, kinds,
            "content.js handles other kinds than the enum has"
        );
        let sender = "sendMessage(tab.id, { type: ";
        let mut sent = named(&script("background.js"), sender);
        sent.extend(named(&script("panel.js"), sender));
        assert!(
            sent.is_subset(&kinds),
            "the scripts send {sent:?}, the enum has {kinds:?}"
        );
        assert!(!sent.is_empty());
    }
}

/// An automatic backup as the background writes it (`autobackup`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutoBackupFile {
    /// Within the downloads folder: `Common Ground/common-ground-<device>.json`.
    pub name: String,
    pub json: String,
    /// Where the backup before it goes, and its text (none before the first).
    pub previous_name: String,
    pub previous: Option<String>,
}
