//! The LinkedIn export import against every era of real files (when `../shared/fixtures` is
//! present), generated exports of full size, and broken input.

use std::path::Path;

use common_ground::import::{read_files, sample, ExportFile, ImportError};

fn folder(rel: &str) -> Option<Vec<ExportFile>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/linkedin-export")
        .join(rel);
    let entries = std::fs::read_dir(&dir).ok()?;
    let mut files: Vec<ExportFile> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| {
            ExportFile::new(
                p.file_name().unwrap().to_string_lossy(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Some(files)
}

#[test]
fn every_era_of_real_export_files() {
    // 2018: no preamble, no URL column.
    if let Some(files) = folder("real-2018-abhishekwebcode") {
        let export = read_files(files).unwrap();
        let me = export.me.unwrap();
        assert_eq!(me.name, "Abhishek Mathur");
        assert_eq!(me.positions.len(), 2);
        assert_eq!(me.positions[0].org, "Tache Technologies");
        assert_eq!(
            (
                me.positions[0].start.as_deref(),
                me.positions[0].end.as_deref()
            ),
            (Some("2018-06"), Some("2018-08"))
        );
        assert_eq!(me.education[0].school, "DLF Public School");
        assert_eq!(
            me.education[0].degree.as_deref(),
            Some("Matriculation,High School")
        );
        assert_eq!(
            export.report.files["Connections.HEADER-ONLY.csv"].kind,
            "connections"
        );
    }
    // 2023: preamble; a current position with no end; a school with a month.
    if let Some(files) = folder("real-2023-mohamedeways") {
        let export = read_files(files).unwrap();
        let me = export.me.unwrap();
        assert_eq!(me.name, "Muhammed Ewies");
        assert_eq!(
            me.headline.as_deref(),
            Some("Technical Application Support | CRM Developer")
        );
        assert!(me.positions[0].current);
        assert_eq!(me.positions[0].org, "Hmto - همتو");
        assert_eq!(me.education[1].start.as_deref(), Some("2021-11"));
        assert_eq!(
            export.report.files["Connections.PREAMBLE-AND-HEADER-ONLY.csv"].rows,
            0
        );
    }
    if let Some(files) = folder("real-2024-feynman10") {
        let export = read_files(files).unwrap();
        let me = export.me.unwrap();
        assert_eq!((me.positions.len(), me.education.len()), (13, 7));
        assert_eq!(
            export.report.files["messages.HEADER-ONLY.csv"].kind,
            "messages"
        );
    }
    // Duplicate names, an all-empty row carrying only a date, quoted commas.
    if let Some(files) = folder("synthetic-test-fixtures") {
        let export = read_files(files).unwrap();
        let six = &export.report.files["six-hops_Connections.csv"];
        assert_eq!((six.rows, six.imported), (5, 4));
        assert_eq!(six.skipped[0].line, 9);
        assert!(
            six.skipped[0].why.to_string().contains("only the date"),
            "{}",
            six.skipped[0].why
        );
        let priyas: Vec<_> = export
            .contacts
            .iter()
            .filter(|c| c.name() == "Priya Sharma")
            .collect();
        assert_eq!(priyas.len(), 2, "two people with one name stay two");
        let nestwise = export
            .contacts
            .iter()
            .find(|c| c.id == "linkedin:priyashah")
            .unwrap();
        assert_eq!(nestwise.company.as_deref(), Some("Nestwise, Inc."));
    }
    // CRLF, 1,869 connections, messages and invitations both ways.
    if let Some(files) = folder("synthetic-yangdb-linked-knowledge") {
        let export = read_files(files).unwrap();
        // The file repeats 73 addresses: 25 are the same person twice (merged into one), 48 are
        // another name under an address already used (the first kept, the clash reported).
        let report = &export.report.files["Connections.csv"];
        assert_eq!(export.contacts.len(), 1796);
        assert_eq!(
            (report.rows, report.imported, report.skipped.len()),
            (1869, 1821, 48)
        );
        let lily = report
            .skipped
            .iter()
            .find(|s| s.why.to_string().contains("(Lauren Robinson)"))
            .unwrap();
        assert!(
            lily.why
                .to_string()
                .starts_with("the same profile address as line 2 "),
            "{}",
            lily.why
        );
        assert_eq!(
            export.contacts[0].connected_on.as_deref(),
            Some("2010-01-21")
        );
        let laura = export
            .conversations
            .iter()
            .find(|c| c.person == "linkedin:lauracooper")
            .unwrap();
        assert!(laura.received >= 1);
        assert_eq!(export.invitations.len(), 20);
        let out = export
            .invitations
            .iter()
            .find(|i| i.person == "linkedin:stephanieyoung")
            .unwrap();
        assert!(out.outgoing);
        assert_eq!(out.sent_on.as_deref(), Some("2023-03-25"));
    }
}

#[test]
fn a_generated_export_of_30000_connections_and_100000_messages() {
    let zip = sample::export_zip(30_000, 100_000);
    let export = read_files(vec![ExportFile::new("Basic_LinkedInDataExport.zip", zip)]).unwrap();
    assert_eq!(export.contacts.len(), 30_000);
    let connections = &export.report.files["Connections.csv"];
    assert_eq!(
        (
            connections.rows,
            connections.imported,
            connections.skipped.len()
        ),
        (30_000, 30_000, 0)
    );
    assert_eq!(export.report.files["messages.csv"].imported, 100_000);
    let total: u32 = export.conversations.iter().map(|c| c.messages).sum();
    assert_eq!(total, 100_000);
    assert!(export
        .conversations
        .iter()
        .all(|c| c.sent + c.received == c.messages));
    assert_eq!(export.me.unwrap().name, "Sam Example");
    assert!(export
        .contacts
        .iter()
        .any(|c| c.company.as_deref() == Some("Brug & Co, B.V.")));
}

#[test]
fn the_2018_slashed_dates_and_a_missing_url_column() {
    let csv = "First Name,Last Name,Email Address,Company,Position,Connected On\r\nAda,Example,,Acme,CTO,\"1/8/18, 6:14 PM\"\r\nBob,Example,,,,13/13/18";
    let export = read_files(vec![ExportFile::new("Connections.csv", csv.into())]).unwrap();
    assert_eq!(export.contacts[0].id, "name:ada example|acme");
    assert_eq!(
        export.contacts[0].connected_on.as_deref(),
        Some("2018-01-08")
    );
    let report = &export.report.files["Connections.csv"];
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].line, 3);
    assert!(report.skipped[0].why.to_string().contains("13/13/18"));
}

#[test]
fn a_spreadsheet_resaved_file_still_imports() {
    // Semicolons, a BOM, Windows-1252 bytes and mojibake, Excel's ="…" escapes.
    let mut bytes =
        b"\xEF\xBB\xBFFirst Name;Last Name;URL;Email Address;Company;Position;Connected On\r\n"
            .to_vec();
    bytes.extend(
        "JosÃ©;MÃ¼ller;https://www.linkedin.com/in/jose-muller;;=\"3M\";Engineer;7/4/2023\r\n"
            .as_bytes(),
    );
    let export = read_files(vec![ExportFile::new("Connections.csv", bytes)]).unwrap();
    let jose = &export.contacts[0];
    assert_eq!(
        (jose.first_name.as_str(), jose.last_name.as_str()),
        ("José", "Müller")
    );
    assert_eq!(jose.company.as_deref(), Some("3M"));
    assert_eq!(jose.connected_on.as_deref(), Some("2023-07-04"));
}

#[test]
fn a_truncated_csv_imports_what_is_whole_and_says_where_it_stops() {
    let full = sample::connections_csv(10);
    let cut = &full[..full.len() - 30];
    let export = read_files(vec![ExportFile::new(
        "Connections.csv",
        cut.as_bytes().to_vec(),
    )])
    .unwrap();
    let report = &export.report.files["Connections.csv"];
    assert_eq!(report.imported, 9);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(
        report.skipped[0].line, 14,
        "preamble (3 lines) + header + the 10th row"
    );
    assert!(
        report.skipped[0].why.to_string().contains("columns"),
        "{}",
        report.skipped[0].why
    );
}

#[test]
fn a_corrupt_zip_is_a_clear_error() {
    let mut zip = sample::export_zip(10, 10);
    let middle = zip.len() / 2;
    zip.truncate(middle);
    let err = read_files(vec![ExportFile::new("Basic_LinkedInDataExport.zip", zip)]).unwrap_err();
    assert!(matches!(err, ImportError::BadZip { .. }));
    assert!(
        err.to_string()
            .starts_with("Basic_LinkedInDataExport.zip is not a readable zip archive"),
        "{err}"
    );
    let err = read_files(vec![ExportFile::new("notes.txt", b"hello".to_vec())]).unwrap_err();
    assert!(
        err.to_string()
            .contains("notes.txt holds no LinkedIn export file"),
        "{err}"
    );
}

/// A zip whose CSV entries each claim a plausible size but together more than an export could
/// unpack to is refused from its directory, before any entry is unpacked.
#[test]
fn a_zip_declaring_too_much_in_all_is_refused_before_unpacking() {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for name in ["Connections.csv", "messages.csv", "Positions.csv"] {
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(b"First Name,Last Name\nA,B\n").unwrap();
    }
    let mut bytes = writer.finish().unwrap().into_inner();
    // Each central directory entry now says 200 MB uncompressed: under the bound for one file,
    // 600 MB together.
    let claimed = 200_000_000u32.to_le_bytes();
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(28) {
        if bytes[at..at + 4] == *b"PK\x01\x02" {
            bytes[at + 24..at + 28].copy_from_slice(&claimed);
            patched += 1;
        }
    }
    assert_eq!(patched, 3);
    let err = read_files(vec![ExportFile::new("export.zip", bytes)]).unwrap_err();
    assert!(
        err.to_string()
            .contains("its CSV files say they are 600 MB together"),
        "{err}"
    );
}

/// Thousands of small entries (2 MB of zip) read in time linear in their size.
#[test]
fn a_zip_of_thousands_of_small_files_reads_them_all() {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..5_000 {
        writer
            .start_file(
                format!("part/Connections_{i}.csv"),
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
        write!(
            writer,
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
             A{i},B{i},https://www.linkedin.com/in/a-{i},,Org {i},Dev,01 Jan 2020\n"
        )
        .unwrap();
    }
    let bytes = writer.finish().unwrap().into_inner();
    let export = read_files(vec![ExportFile::new("export.zip", bytes)]).unwrap();
    assert_eq!(export.contacts.len(), 5_000);
}

/// An imported contact is filed under the key its profile page is read under, whatever way the
/// export writes the address: percent-encoded letters, another LinkedIn host, no scheme.
#[test]
fn an_imported_address_gives_the_same_key_as_the_page() {
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
               Jörg,Müller,https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller/,,Acme,CTO,04 Jul 2023\n\
               Ada,Example,nl.linkedin.com/in/Ada-Example?trk=x,,Acme,CFO,04 Jul 2023\n";
    let export = read_files(vec![ExportFile::new(
        "Connections.csv",
        csv.as_bytes().to_vec(),
    )])
    .unwrap();
    let ids: Vec<&str> = export.contacts.iter().map(|c| c.id.as_str()).collect();
    let page = |url: &str| {
        common_ground::extract::person_at(url)
            .unwrap()
            .as_str()
            .to_owned()
    };
    assert_eq!(
        ids,
        [
            page("https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller/"),
            page("https://www.linkedin.com/in/ada-example/")
        ]
    );
    assert_eq!(ids[0], "linkedin:jörg-müller");
}
