//! The user's LinkedIn data export → who they are ([`Export::me`]) and whom they know
//! ([`Export::contacts`], [`Export::conversations`], [`Export::invitations`]).
//!
//! Input is the export `.zip` or any of its CSV files, as bytes; output is plain data plus a
//! [`Report`] per file (rows, imported, and every skipped row with its line and why). Pure: no
//! browser, no storage, no clock. Every era of the files is read (see `table.rs` and `when.rs`):
//! 2018 (no preamble, no URL column, `1/8/18, 6:14 PM`), 2023+ (`Notes:` preamble,
//! `04 Jul 2023`), CRLF or LF, with or without a final newline. A file is recognised by its
//! header row, not its name, so renamed files still import.
//!
//! ```
//! use common_ground::import::{read_files, ExportFile};
//! let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
//!            Ada,Example,https://www.linkedin.com/in/ada-example,,Acme,Engineer,04 Jul 2023";
//! let export = read_files(vec![ExportFile::new("Connections.csv", csv.as_bytes().to_vec())]).unwrap();
//! assert_eq!(export.contacts[0].id, "linkedin:ada-example");
//! assert_eq!(export.report.files["Connections.csv"].imported, 1);
//! ```

pub mod sample;
pub mod table;
pub mod when;

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use serde::{Deserialize, Serialize};

use crate::model::{fold, Contact, Conversation, Education, Invitation, Position, Profile, Site};
use crate::phrases::Book;
pub use table::Why;
use table::{has_columns, Row, Skipped, Table};
use when::{parse_day, parse_month};

/// One file of the export.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl ExportFile {
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        ExportFile {
            name: name.into(),
            bytes,
        }
    }
}

/// Everything read from an export.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    /// The user, from `Profile.csv`, `Positions.csv` and `Education.csv`.
    pub me: Option<Profile>,
    pub contacts: Vec<Contact>,
    pub conversations: Vec<Conversation>,
    pub invitations: Vec<Invitation>,
    /// What happened to each file. The import page shows it; the store does not keep it, so it
    /// is not read back from JSON (which keeps its reading code out of the service worker).
    #[serde(skip_deserializing)]
    pub report: Report,
}

/// What happened to each file: `{"files": {"Connections.csv": {"rows", "imported", "skipped"}}}`.
/// Written (by `cg import`), never read back.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Report {
    pub files: BTreeMap<String, FileReport>,
}

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct FileReport {
    /// Data rows in the file (after the header; blank lines included).
    pub rows: usize,
    pub imported: usize,
    pub skipped: Vec<Skipped>,
    /// What was read, but perhaps not as the file meant (a column name given twice).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Skipped>,
    /// Which part of the export the file was read as.
    pub kind: String,
}

/// Why an export could not be read at all. Row-level problems are not errors: they are reported
/// per row in [`FileReport::skipped`].
#[derive(Debug)]
pub enum ImportError {
    /// Not a zip archive that can be read; `detail` is the zip reader's own words, for a bug
    /// report (the user is told what to do instead).
    BadZip {
        name: String,
        detail: String,
    },
    /// Larger than an export can be.
    TooLarge {
        name: String,
        size: Size,
    },
    NothingKnown {
        name: String,
    },
}

/// What makes an archive too large to be an export.
#[derive(Debug)]
pub enum Size {
    /// It has this many entries.
    Entries(usize),
    /// An entry (named) says it is this many megabytes.
    Declared { entry: String, mb: u64 },
    /// An entry (named) unpacks to more than this many megabytes.
    Unpacks { entry: String, mb: u64 },
    /// Its CSV files say they are this many megabytes together.
    DeclaredTotal { mb: u64 },
}

impl ImportError {
    /// What is wrong, for the user, in `t`'s language.
    pub fn message(&self, t: &Book) -> String {
        match self {
            ImportError::BadZip { name, .. } => t.say("import_error.bad_zip", &[("file", name)]),
            ImportError::TooLarge { name, size } => {
                let detail = match size {
                    Size::Entries(n) => {
                        t.say("import_error.entries", &[("entries", &t.number(*n as u64))])
                    }
                    Size::Declared { entry, mb } => t.say(
                        "import_error.declared",
                        &[("entry", entry), ("mb", &t.number(*mb))],
                    ),
                    Size::Unpacks { entry, mb } => t.say(
                        "import_error.unpacks",
                        &[("entry", entry), ("mb", &t.number(*mb))],
                    ),
                    Size::DeclaredTotal { mb } => {
                        t.say("import_error.declared_total", &[("mb", &t.number(*mb))])
                    }
                };
                t.say(
                    "import_error.too_large",
                    &[("file", name), ("detail", &detail)],
                )
            }
            ImportError::NothingKnown { name } => {
                t.say("import_error.nothing_known", &[("file", name)])
            }
        }
    }
}

crate::phrases::in_english!(ImportError);

impl std::error::Error for ImportError {}

/// The parts of an export, each told by the columns of its header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Connections,
    Profile,
    Positions,
    Education,
    Messages,
    Invitations,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::Connections,
        Kind::Messages,
        Kind::Invitations,
        Kind::Positions,
        Kind::Education,
        Kind::Profile,
    ];

    fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::Connections => &["first name", "last name", "connected on"],
            Kind::Profile => &["first name", "last name", "headline"],
            Kind::Positions => &["company name", "title", "started on"],
            Kind::Education => &["school name", "start date"],
            Kind::Messages => &["from", "to", "date", "content"],
            Kind::Invitations => &["from", "to", "sent at"],
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Connections => "connections",
            Kind::Profile => "profile",
            Kind::Positions => "positions",
            Kind::Education => "education",
            Kind::Messages => "messages",
            Kind::Invitations => "invitations",
        }
    }
}

/// Reads an export: a `.zip` (by its first bytes) or CSV files.
pub fn read_files(files: Vec<ExportFile>) -> Result<Export, ImportError> {
    let csvs = expand(files)?;
    let names: Vec<String> = csvs.iter().map(|f| f.name.clone()).collect();
    assemble(csvs.iter().filter_map(read_table).collect(), &names)
}

/// The CSV files among `files`, zips opened.
pub fn expand(files: Vec<ExportFile>) -> Result<Vec<ExportFile>, ImportError> {
    let mut csvs = Vec::new();
    for file in files {
        let zip = file.bytes.starts_with(b"PK\x03\x04")
            || file.name.to_ascii_lowercase().ends_with(".zip");
        if zip {
            csvs.extend(unzip(&file)?);
        } else {
            csvs.push(file);
        }
    }
    Ok(csvs)
}

/// One CSV file read as the part of the export its header says it is; `None` when it is none.
/// This is the costly step: a page runs it file by file to show progress.
pub fn read_table(file: &ExportFile) -> Option<ReadFile> {
    let text = table::decode(&file.bytes);
    Kind::ALL.iter().find_map(|&kind| {
        table::read(&text, has_columns(kind.columns())).map(|table| ReadFile {
            name: file.name.clone(),
            kind,
            table,
        })
    })
}

/// A file read by [`read_table`], waiting for [`assemble`].
pub struct ReadFile {
    name: String,
    kind: Kind,
    table: Table,
}

/// How much a zip may unpack to: each CSV file, and all of them together. The largest real
/// export seen is far below (30,000 connections are about 3 MB, 100,000 messages about 60 MB);
/// a bomb or a header that lies about sizes is refused before memory grows past these.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// How many entries a zip may list: a LinkedIn export has a few dozen.
pub const MAX_ENTRIES: usize = 10_000;

/// The CSV files inside a zip, wherever they sit in it, within [`MAX_FILE_BYTES`] each and
/// [`MAX_TOTAL_BYTES`] together, whatever the zip's headers declare. A zip that lists more
/// than [`MAX_ENTRIES`] entries, or whose CSV files declare more than [`MAX_TOTAL_BYTES`]
/// together, is refused from its directory alone, before anything is unpacked.
pub fn unzip(file: &ExportFile) -> Result<Vec<ExportFile>, ImportError> {
    let bad = |detail: String| ImportError::BadZip {
        name: file.name.clone(),
        detail,
    };
    let too_large = |size: Size| ImportError::TooLarge {
        name: file.name.clone(),
        size,
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(&file.bytes)).map_err(|e| bad(e.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(too_large(Size::Entries(archive.len())));
    }
    let mut declared = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| bad(e.to_string()))?;
        if is_csv(&entry) {
            declared = declared.saturating_add(entry.size());
        }
    }
    if declared > MAX_TOTAL_BYTES {
        return Err(too_large(Size::DeclaredTotal {
            mb: declared / 1_000_000,
        }));
    }
    let mut out = Vec::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        if !is_csv(&archive.by_index_raw(i).map_err(|e| bad(e.to_string()))?) {
            continue;
        }
        let entry = archive.by_index(i).map_err(|e| bad(e.to_string()))?;
        let name = file_name(&entry).to_owned();
        let limit = MAX_FILE_BYTES.min(MAX_TOTAL_BYTES - total);
        if entry.size() > limit {
            return Err(too_large(Size::Declared {
                entry: name,
                mb: entry.size() / 1_000_000,
            }));
        }
        // The declared size is a hint, never trusted for more than it can be.
        let mut bytes = Vec::with_capacity(entry.size().min(limit).min(64 << 20) as usize);
        entry
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| bad(format!("{name} inside it: {e}")))?;
        if bytes.len() as u64 > limit {
            return Err(too_large(Size::Unpacks {
                entry: name,
                mb: limit / 1_000_000,
            }));
        }
        total += bytes.len() as u64;
        out.push(ExportFile::new(name, bytes));
    }
    Ok(out)
}

/// An entry's file name, without the folders it sits in.
fn file_name<'a, R: Read>(entry: &'a zip::read::ZipFile<'_, R>) -> &'a str {
    entry.name().rsplit('/').next().unwrap_or_default()
}

fn is_csv<R: Read>(entry: &zip::read::ZipFile<'_, R>) -> bool {
    !entry.is_dir() && file_name(entry).to_ascii_lowercase().ends_with(".csv")
}

/// Puts the read files together into one [`Export`]; `names` are all the files offered, for the
/// message when none of them was an export file.
pub fn assemble(files: Vec<ReadFile>, names: &[String]) -> Result<Export, ImportError> {
    let tables: Vec<(String, Kind, Table)> = files
        .into_iter()
        .map(|f| (f.name, f.kind, f.table))
        .collect();
    if tables.is_empty() {
        return Err(ImportError::NothingKnown {
            name: names.join(", "),
        });
    }
    let mut export = Export::default();
    let of = |kind: Kind| tables.iter().filter(move |(_, k, _)| *k == kind);

    // Me first: messages need the user's name to tell sent from received.
    let mut me: Option<Profile> = None;
    for (name, kind, table) in of(Kind::Profile) {
        each_row(&mut export.report, name, *kind, table, |row| {
            let first = row.get(&["first name"]).unwrap_or_default();
            let last = row.get(&["last name"]).unwrap_or_default();
            if first.is_empty() && last.is_empty() {
                return Err(Why::NoProfileName);
            }
            let name = format!("{first} {last}").trim().to_owned();
            let mut profile = Profile::named(Site::Linkedin, String::new(), String::new(), name);
            profile.headline = row.get(&["headline"]).map(str::to_owned);
            profile.location = row
                .get(&["geo location", "location", "address", "country"])
                .map(str::to_owned);
            me = Some(profile);
            Ok(())
        });
    }
    let mut positions = Vec::new();
    for (name, kind, table) in of(Kind::Positions) {
        each_row(&mut export.report, name, *kind, table, |row| {
            let org = row.get(&["company name"]).ok_or(Why::NoCompany)?;
            let end = row.get(&["finished on"]).and_then(parse_month);
            positions.push(Position {
                org: org.to_owned(),
                title: row.get(&["title"]).map(str::to_owned),
                start: row.get(&["started on"]).and_then(parse_month),
                current: end.is_none(),
                end,
                location: row.get(&["location"]).map(str::to_owned),
                org_url: None,
            });
            Ok(())
        });
    }
    let mut schools = Vec::new();
    for (name, kind, table) in of(Kind::Education) {
        each_row(&mut export.report, name, *kind, table, |row| {
            let school = row.get(&["school name"]).ok_or(Why::NoSchool)?;
            schools.push(Education {
                school: school.to_owned(),
                degree: row
                    .get(&["degree name"])
                    .map(|d| d.trim_matches([',', ' ']).to_owned()),
                start: row.get(&["start date"]).and_then(parse_month),
                end: row.get(&["end date"]).and_then(parse_month),
            });
            Ok(())
        });
    }
    if me.is_some() || !positions.is_empty() || !schools.is_empty() {
        let mut profile = me.unwrap_or_else(|| {
            Profile::named(Site::Linkedin, String::new(), String::new(), String::new())
        });
        profile.positions = positions;
        profile.education = schools;
        export.me = Some(profile);
    }

    let mut contacts: Vec<Contact> = Vec::new();
    let mut by_id: HashMap<String, (usize, usize)> = HashMap::new(); // id → (index, line)
    for (name, kind, table) in of(Kind::Connections) {
        each_row(&mut export.report, name, *kind, table, |row| {
            let contact = contact_of(row)?;
            match by_id.get(&contact.id) {
                // One address under two names is two people the file mixed up: keep the first
                // and say so, rather than let one silently replace the other.
                Some(&(i, line)) if fold(&contacts[i].name()) != fold(&contact.name()) => {
                    return Err(Why::SameAddress {
                        line,
                        name: contacts[i].name(),
                    });
                }
                // The same person twice: one contact, with the later row's details.
                Some(&(i, _)) => contacts[i] = contact,
                None => {
                    by_id.insert(contact.id.clone(), (contacts.len(), row.line));
                    contacts.push(contact);
                }
            }
            Ok(())
        });
    }
    export.contacts = contacts;

    let me_name = export
        .me
        .as_ref()
        .map(|m| fold(&m.name))
        .unwrap_or_default();
    let mut conversations: HashMap<String, Conversation> = HashMap::new();
    for (name, kind, table) in of(Kind::Messages) {
        each_row(&mut export.report, name, *kind, table, |row| {
            count_message(row, &me_name, &mut conversations)
        });
    }
    let mut conversations: Vec<Conversation> = conversations.into_values().collect();
    conversations.sort_by(|a, b| a.person.cmp(&b.person));
    export.conversations = conversations;

    for (name, kind, table) in of(Kind::Invitations) {
        let mut invitations = Vec::new();
        each_row(&mut export.report, name, *kind, table, |row| {
            invitations.push(invitation_of(row, &me_name)?);
            Ok(())
        });
        export.invitations.extend(invitations);
    }
    Ok(export)
}

/// Runs `read` on every row of the file `name`, and files in `into` what imported and why the
/// rest did not.
fn each_row(
    into: &mut Report,
    name: &str,
    kind: Kind,
    table: &Table,
    mut read: impl FnMut(&Row) -> Result<(), Why>,
) {
    let mut report = FileReport {
        rows: table.rows.len() + table.skipped.len(),
        skipped: table.skipped.clone(),
        warnings: table.warnings.clone(),
        kind: kind.name().to_owned(),
        ..FileReport::default()
    };
    for row in &table.rows {
        if row.is_empty() {
            report.skipped.push(Skipped {
                line: row.line,
                why: Why::EmptyRow,
            });
            continue;
        }
        match read(row) {
            Ok(()) => report.imported += 1,
            Err(why) => report.skipped.push(Skipped {
                line: row.line,
                why,
            }),
        }
    }
    report.skipped.sort_by_key(|s| s.line);
    into.files.insert(name.to_owned(), report);
}

/// `linkedin:<handle>` from a profile address: the key the profile page's reader files the
/// person under (`extract::person_at`: percent-decoded, any LinkedIn host), also for an address
/// written without its scheme.
pub fn id_from_url(url: &str) -> Option<String> {
    let url = url.trim();
    let full = if url.contains("://") {
        url.to_owned()
    } else {
        format!("https://{url}")
    };
    crate::extract::person_at(&full)
        .filter(|key| key.as_str().starts_with("linkedin:"))
        .map(|key| key.as_str().to_owned())
}

/// `name:<folded name>|<folded company>`, for people the export gives no address for.
pub fn id_from_name(name: &str, company: Option<&str>) -> String {
    format!("name:{}|{}", fold(name), fold(company.unwrap_or_default()))
}

fn contact_of(row: &Row) -> Result<Contact, Why> {
    let first = row.get(&["first name"]).unwrap_or_default().to_owned();
    let last = row.get(&["last name"]).unwrap_or_default().to_owned();
    let url = row.get(&["url", "profile url"]).map(str::to_owned);
    let company = row.get(&["company"]).map(str::to_owned);
    let connected_raw = row.get(&["connected on"]);
    if first.is_empty() && last.is_empty() && url.is_none() {
        return Err(match connected_raw {
            Some(_) => Why::HiddenConnection,
            None => Why::NoNameNoAddress,
        });
    }
    let connected_on = match connected_raw {
        Some(raw) => Some(parse_day(raw).ok_or_else(|| Why::NotADate(raw.to_owned()))?),
        None => None,
    };
    let name = format!("{first} {last}");
    let id = url
        .as_deref()
        .and_then(id_from_url)
        .unwrap_or_else(|| id_from_name(&name, company.as_deref()));
    Ok(Contact {
        id,
        first_name: first,
        last_name: last,
        url,
        email: row.get(&["email address", "email"]).map(str::to_owned),
        company,
        position: row.get(&["position"]).map(str::to_owned),
        connected_on,
    })
}

fn is_me(name: &str, url: Option<&str>, me_name: &str) -> bool {
    let folded = fold(name);
    folded == "you"
        || (!me_name.is_empty() && folded == me_name)
        || url.is_some_and(|u| u.ends_with("/in/you"))
}

fn count_message(
    row: &Row,
    me_name: &str,
    all: &mut HashMap<String, Conversation>,
) -> Result<(), Why> {
    let from = row.get(&["from"]).unwrap_or_default();
    let from_url = row.get(&["sender profile url"]);
    let to = row.get(&["to"]).unwrap_or_default();
    let to_urls = row.get(&["recipient profile urls"]);
    let date = row.get(&["date"]).ok_or(Why::NoDate)?;
    let date = parse_day(date).ok_or_else(|| Why::NotADate(date.to_owned()))?;
    if row
        .get(&["is message draft"])
        .is_some_and(|d| d.eq_ignore_ascii_case("true") || d.eq_ignore_ascii_case("yes"))
    {
        return Err(Why::DraftMessage);
    }
    let outgoing = match row.get(&["direction"]) {
        Some(d) => d.eq_ignore_ascii_case("outgoing"),
        None => is_me(from, from_url, me_name),
    };
    // The other side: the sender of what came in; every recipient of what went out.
    let others: Vec<(String, Option<String>)> = if outgoing {
        let names: Vec<&str> = to
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        let urls: Vec<&str> = to_urls
            .map(|u| u.split(',').map(str::trim).collect())
            .unwrap_or_default();
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), urls.get(i).map(|u| u.to_string())))
            .collect()
    } else {
        vec![(from.to_owned(), from_url.map(str::to_owned))]
    };
    if others.is_empty() || others.iter().all(|(n, u)| n.is_empty() && u.is_none()) {
        return Err(Why::NoSenderOrRecipient);
    }
    for (name, url) in others {
        if is_me(&name, url.as_deref(), me_name) {
            continue;
        }
        let person = url
            .as_deref()
            .and_then(id_from_url)
            .unwrap_or_else(|| id_from_name(&name, None));
        let entry = all.entry(person.clone()).or_insert_with(|| Conversation {
            person,
            name: name.clone(),
            messages: 0,
            sent: 0,
            received: 0,
            first: None,
            last: None,
        });
        entry.messages += 1;
        if outgoing {
            entry.sent += 1
        } else {
            entry.received += 1
        }
        if entry.first.as_ref().is_none_or(|f| date < *f) {
            entry.first = Some(date.clone());
        }
        if entry.last.as_ref().is_none_or(|l| date > *l) {
            entry.last = Some(date.clone());
        }
    }
    Ok(())
}

fn invitation_of(row: &Row, me_name: &str) -> Result<Invitation, Why> {
    let from = row.get(&["from"]).unwrap_or_default();
    let to = row.get(&["to"]).unwrap_or_default();
    let outgoing = match row.get(&["direction"]) {
        Some(d) => d.eq_ignore_ascii_case("outgoing"),
        None => is_me(from, row.get(&["inviterprofileurl"]), me_name),
    };
    let (name, url) = if outgoing {
        (to, row.get(&["inviteeprofileurl"]))
    } else {
        (from, row.get(&["inviterprofileurl"]))
    };
    if name.is_empty() && url.is_none() {
        return Err(Why::NoOtherSide);
    }
    Ok(Invitation {
        person: url
            .and_then(id_from_url)
            .unwrap_or_else(|| id_from_name(name, None)),
        name: name.to_owned(),
        outgoing,
        sent_on: row.get(&["sent at"]).and_then(parse_day),
        message: row.get(&["message"]).map(str::to_owned),
    })
}
