//! One CSV file of a LinkedIn export as rows of named fields, with the line each row came from.
//!
//! The files changed over the years and are often re-saved by spreadsheets, so this reader:
//! finds the header row by its content (2023+ files start with a `Notes:` preamble), takes the
//! delimiter from that header (`,`, or `;` and tab from European spreadsheets), drops a byte-order
//! mark, reads bytes that are not UTF-8 as Windows-1252, repairs UTF-8 that was read as Latin-1 and
//! saved again ("JosÃ©" → "José"), and unwraps spreadsheet escapes (`="007"`, a leading `'`).
//! Rows it cannot read are reported with their line and why; the rest is read.

use std::collections::HashMap;

use crate::phrases::Book;

/// A row: field values by lower-cased header name, and the file line it starts on (1-based).
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    fields: HashMap<String, String>,
}

impl Row {
    /// The trimmed value of the first of `names` that the file has and that is not empty.
    pub fn get(&self, names: &[&str]) -> Option<&str> {
        names
            .iter()
            .filter_map(|n| self.fields.get(&n.to_ascii_lowercase()))
            .map(|v| v.trim())
            .find(|v| !v.is_empty())
    }

    pub fn is_empty(&self) -> bool {
        self.fields.values().all(|v| v.trim().is_empty())
    }
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub line: usize,
    pub why: Why,
}

/// Why a row was not imported (or, for a warning, read other than the file may mean); said in
/// the interface's language by [`Why::message`], in English by `Display` and in JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    EmptyLine,
    /// The row has `has` of the header's `wants` columns.
    ShortRow {
        has: usize,
        wants: usize,
    },
    /// The CSV reader could not read the line (its own words kept for a bug report).
    UnreadableCsv(String),
    /// The header names `name` in `columns` (1-based, joined); the first is read.
    DuplicateColumn {
        name: String,
        columns: String,
        read: usize,
    },
    EmptyRow,
    NoProfileName,
    NoCompany,
    NoSchool,
    /// A connection's address is the one of line `line` (kept, as `name`) under another name.
    SameAddress {
        line: usize,
        name: String,
    },
    /// A connection who hides their details: only the date.
    HiddenConnection,
    NoNameNoAddress,
    NotADate(String),
    NoDate,
    DraftMessage,
    NoSenderOrRecipient,
    NoOtherSide,
}

impl Why {
    pub fn message(&self, t: &Book) -> String {
        let n = |v: usize| t.number(v as u64);
        match self {
            Why::EmptyLine => t.text("skipped.empty_line").to_owned(),
            Why::ShortRow { has, wants } => t.say(
                "skipped.short_row",
                &[("has", &n(*has)), ("wants", &n(*wants))],
            ),
            Why::UnreadableCsv(_) => t.text("skipped.unreadable_csv").to_owned(),
            Why::DuplicateColumn {
                name,
                columns,
                read,
            } => t.say(
                "skipped.duplicate_column",
                &[
                    ("name", name),
                    ("columns", columns),
                    ("read", &read.to_string()),
                ],
            ),
            Why::EmptyRow => t.text("skipped.empty_row").to_owned(),
            Why::NoProfileName => t.text("skipped.no_profile_name").to_owned(),
            Why::NoCompany => t.text("skipped.no_company").to_owned(),
            Why::NoSchool => t.text("skipped.no_school").to_owned(),
            Why::SameAddress { line, name } => t.say(
                "skipped.same_address",
                &[("line", &n(*line)), ("name", name)],
            ),
            Why::HiddenConnection => t.text("skipped.hidden_connection").to_owned(),
            Why::NoNameNoAddress => t.text("skipped.no_name_no_address").to_owned(),
            Why::NotADate(raw) => t.say("skipped.not_a_date", &[("date", raw)]),
            Why::NoDate => t.text("skipped.no_date").to_owned(),
            Why::DraftMessage => t.text("skipped.draft_message").to_owned(),
            Why::NoSenderOrRecipient => t.text("skipped.no_sender_or_recipient").to_owned(),
            Why::NoOtherSide => t.text("skipped.no_other_side").to_owned(),
        }
    }
}

crate::phrases::in_english!(Why);

impl serde::Serialize for Why {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

/// A file read as a table.
#[derive(Debug, Default)]
pub struct Table {
    /// Lower-cased header names, in order.
    pub header: Vec<String>,
    /// The line of the header row (1-based).
    pub header_line: usize,
    pub rows: Vec<Row>,
    pub skipped: Vec<Skipped>,
    /// What was read but not as the file may have meant: a column name given twice.
    pub warnings: Vec<Skipped>,
}

/// Decodes a file's bytes to text: UTF-8 (BOM dropped), else Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// "JosÃ© MÃ¼ller" (UTF-8 bytes once read as Latin-1/Windows-1252 and saved again) → "José Müller".
/// Text that does not decode that way is returned as it is.
pub fn repair_mojibake(text: &str) -> String {
    if !text.contains(['Ã', 'Â', 'â', 'Å', 'Ä']) {
        return text.to_owned();
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = u32::from(c);
        let byte = if code < 0x100 {
            code as u8
        } else {
            match (0x80u8..=0x9f).find(|&b| windows_1252(b) == c) {
                Some(b) => b,
                None => return text.to_owned(),
            }
        };
        bytes.push(byte);
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// `="007"` and `'007` (spreadsheet ways of keeping text as text) → `007`; mojibake repaired.
fn clean_field(raw: &str) -> String {
    let trimmed = raw.trim();
    let unwrapped = trimmed
        .strip_prefix("=\"")
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| trimmed.strip_prefix('\''))
        .unwrap_or(trimmed);
    repair_mojibake(unwrapped)
}

/// Reads `text`, taking as header the first row for which `is_header` holds.
/// `None` when no such row exists (not this kind of file).
pub fn read(text: &str, is_header: impl Fn(&[String]) -> bool) -> Option<Table> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (header_line, delimiter) = find_header(text, &is_header)?;
    // Everything from the header row on; line numbers are kept relative to the whole file.
    let offset: usize = text
        .split_inclusive('\n')
        .take(header_line - 1)
        .map(str::len)
        .sum();
    let body = &text.as_bytes()[offset..];
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(body);
    // The reader skips blank lines and reports a record as starting at the first of them, so
    // lines are counted here: up to the record's first character, from where the last one was.
    let mut counted = (0usize, header_line);
    let mut line_at = |byte: usize| {
        let mut start = byte.min(body.len());
        while start < body.len() && matches!(body[start], b'\r' | b'\n') {
            start += 1;
        }
        let from = counted.0.min(start);
        counted.1 += body[from..start].iter().filter(|&&b| b == b'\n').count();
        counted.0 = start;
        counted.1
    };
    let mut table = Table {
        header_line,
        ..Table::default()
    };
    let mut record = csv::StringRecord::new();
    let mut first = true;
    loop {
        let before = reader.position().byte() as usize;
        let result = reader.read_record(&mut record);
        let line = line_at(record.position().map_or(before, |p| p.byte() as usize));
        match result {
            Ok(false) => break,
            Ok(true) if first => {
                table.header = record
                    .iter()
                    .map(|h| h.trim().to_ascii_lowercase())
                    .collect();
                table.warnings = duplicate_columns(&table.header, line);
                first = false;
            }
            Ok(true) => {
                if record.len() == 1 && record[0].trim().is_empty() {
                    table.skipped.push(Skipped {
                        line,
                        why: Why::EmptyLine,
                    });
                    continue;
                }
                if record.len() < table.header.len() {
                    table.skipped.push(Skipped {
                        line,
                        why: Why::ShortRow {
                            has: record.len(),
                            wants: table.header.len(),
                        },
                    });
                    continue;
                }
                // A name given twice is read from its first column, as the warning says.
                let mut fields = HashMap::with_capacity(table.header.len());
                for (h, v) in table.header.iter().zip(record.iter()) {
                    fields.entry(h.clone()).or_insert_with(|| clean_field(v));
                }
                table.rows.push(Row { line, fields });
            }
            Err(e) => table.skipped.push(Skipped {
                line,
                why: Why::UnreadableCsv(e.to_string()),
            }),
        }
    }
    Some(table)
}

/// A warning for each column name the header gives more than once (blank names aside).
fn duplicate_columns(header: &[String], line: usize) -> Vec<Skipped> {
    let mut out = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if name.is_empty() || header[..i].contains(name) {
            continue;
        }
        let columns: Vec<String> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| *h == name)
            .map(|(j, _)| (j + 1).to_string())
            .collect();
        if columns.len() > 1 {
            out.push(Skipped {
                line,
                why: Why::DuplicateColumn {
                    name: name.clone(),
                    columns: columns.join(", "),
                    read: i + 1,
                },
            });
        }
    }
    out
}

/// The header row's line (1-based) and delimiter: the first of the first 20 lines that, split
/// by `,`, `;` or tab, satisfies `is_header`.
fn find_header(text: &str, is_header: &impl Fn(&[String]) -> bool) -> Option<(usize, u8)> {
    for (index, line) in text.lines().take(20).enumerate() {
        for delimiter in [b',', b';', b'\t'] {
            let cells: Vec<String> = line
                .split(char::from(delimiter))
                .map(|c| c.trim().trim_matches('"').trim().to_ascii_lowercase())
                .collect();
            if cells.len() > 1 && is_header(&cells) {
                return Some((index + 1, delimiter));
            }
        }
    }
    None
}

/// A header test: the row names all of `columns` (lower case).
pub fn has_columns<'a>(columns: &'a [&'a str]) -> impl Fn(&[String]) -> bool + 'a {
    move |cells| columns.iter().all(|c| cells.iter().any(|cell| cell == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_header_after_a_preamble_and_numbers_lines_in_the_file() {
        let text = "Notes:\n\"Some, text\"\n\nFirst Name,Last Name,Connected On\nAda,Example,04 Jul 2023\n\n,,\nBob,Example\n";
        let table = read(text, has_columns(&["first name", "connected on"])).unwrap();
        assert_eq!(table.header_line, 4);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].line, 5);
        assert_eq!(table.rows[0].get(&["First Name"]), Some("Ada"));
        assert!(table.rows[1].is_empty());
        assert_eq!(table.rows[1].line, 7);
        assert_eq!(table.skipped.len(), 1, "{:?}", table.skipped);
        assert_eq!(table.skipped[0].line, 8);
    }

    #[test]
    fn a_column_name_given_twice_is_read_from_its_first_column_and_said() {
        let text = "First Name,Email Address,Company,Email Address\nAda,ada@example.org,Acme,old@example.org\n";
        let table = read(text, has_columns(&["first name"])).unwrap();
        assert_eq!(
            table.rows[0].get(&["email address"]),
            Some("ada@example.org")
        );
        assert_eq!(table.warnings.len(), 1, "{:?}", table.warnings);
        assert_eq!(table.warnings[0].line, 1);
        assert!(
            table.warnings[0].why.to_string().contains("columns 2, 4"),
            "{}",
            table.warnings[0].why
        );
        assert!(table.skipped.is_empty());
    }

    #[test]
    fn spreadsheet_resaves_are_read_back() {
        let text = "\u{feff}First Name;Last Name;Company\r\nJosÃ©;=\"007\";'Müller & Co\r\n";
        let table = read(text, has_columns(&["first name", "company"])).unwrap();
        let row = &table.rows[0];
        assert_eq!(row.get(&["first name"]), Some("José"));
        assert_eq!(row.get(&["last name"]), Some("007"));
        assert_eq!(row.get(&["company"]), Some("Müller & Co"));
        assert_eq!(decode(b"Caf\xe9 \x80"), "Café €");
        assert_eq!(
            repair_mojibake("plain Ã text that is not mojibake 🙂"),
            "plain Ã text that is not mojibake 🙂"
        );
    }

    #[test]
    fn a_file_without_the_header_is_not_this_kind() {
        assert!(read("a,b\n1,2\n", has_columns(&["first name"])).is_none());
    }
}
