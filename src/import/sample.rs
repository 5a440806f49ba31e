//! Generates LinkedIn exports of any size in the real 2024 format, for tests, the import
//! benchmark and the end-to-end import: fictional people, deterministic for a given size.
//!
//! `Connections.csv` carries the `Notes:` preamble, a blank line, the 2024 header and
//! `04 Jul 2023` dates, LF endings and no final newline, exactly as LinkedIn writes it.

use std::io::Write;

const FIRST: &[&str] = &[
    "Ada", "Bram", "Chloé", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ilse", "Jonas", "Kiki",
    "Lars", "Maud", "Noor", "Olaf", "Priya", "Quinn", "Rosa", "Sem", "Tess", "Umar", "Vera",
    "Wout", "Xander", "Yara", "Zoë",
];
const LAST: &[&str] = &[
    "Achterberg",
    "Bakker",
    "Claes",
    "de Boer",
    "El Idrissi",
    "Frans",
    "Groot",
    "Hendriks",
    "IJzerman",
    "Jansen",
    "Kok",
    "Lindeman",
    "Mulder",
    "Nieuwenhuis",
    "Okafor",
    "Peeters",
    "Quist",
    "Rahman",
    "Smit",
    "Tran",
    "Uittenbogaard",
    "Visser",
    "Willems",
    "Yilmaz",
    "Zwart",
];
const COMPANIES: &[&str] = &[
    "Veldwerk Analytics",
    "Noordlicht Systems",
    "Gemeente Utrecht",
    "Kennislab Noord",
    "\"Brug & Co, B.V.\"",
    "Havenbedrijf Delta",
    "Open Data Coöperatie",
    "Fietsfabriek Oost",
];
const TITLES: &[&str] = &[
    "Data Engineer",
    "Product Lead",
    "Beleidsadviseur",
    "Software Engineer",
    "Designer",
    "Recruiter",
    "Founder",
    "Researcher",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A small deterministic generator (no randomness needed, only variety).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

fn person(i: usize) -> (String, String, String) {
    let first = FIRST[i % FIRST.len()];
    let last = LAST[(i / FIRST.len()) % LAST.len()];
    let handle = format!("{}-{}-{i}", first, last.replace(' ', ""))
        .to_lowercase()
        .replace(['é', 'ë'], "e");
    (first.to_owned(), last.to_owned(), handle)
}

/// `Connections.csv` with `n` people.
pub fn connections_csv(n: usize) -> String {
    let mut seq = Sequence(7);
    let mut out = String::from(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On",
    );
    for i in 0..n {
        let (first, last, handle) = person(i);
        let email = if seq.next(5) == 0 {
            format!("{handle}@example.org")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "\n{first},{last},https://www.linkedin.com/in/{handle},{email},{},{},{:02} {} {}",
            COMPANIES[seq.next(COMPANIES.len())],
            TITLES[seq.next(TITLES.len())],
            1 + seq.next(28),
            MONTHS[seq.next(12)],
            2008 + seq.next(17),
        ));
    }
    out
}

/// `messages.csv` (2024 columns) with `n` messages among the first `people` connections.
pub fn messages_csv(n: usize, people: usize) -> String {
    let mut seq = Sequence(11);
    let mut out = String::from(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT",
    );
    for i in 0..n {
        let other = seq.next(people.max(1));
        let (first, last, handle) = person(other);
        let them = format!("{first} {last}");
        let them_url = format!("https://www.linkedin.com/in/{handle}");
        let me_url = "https://www.linkedin.com/in/sam-example";
        let (from, from_url, to, to_url) = if seq.next(2) == 0 {
            (
                "Sam Example".to_owned(),
                me_url.to_owned(),
                them.clone(),
                them_url.clone(),
            )
        } else {
            (
                them.clone(),
                them_url.clone(),
                "Sam Example".to_owned(),
                me_url.to_owned(),
            )
        };
        out.push_str(&format!(
            "\nconv-{other},{them},{from},{from_url},{to},{to_url},{}-{:02}-{:02} {:02}:{:02}:00 UTC,,\"Message {i}, with a comma and \"\"quotes\"\"\",INBOX,false,false",
            2015 + seq.next(10),
            1 + seq.next(12),
            1 + seq.next(28),
            seq.next(24),
            seq.next(60),
        ));
    }
    out
}

const PROFILE: &str = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\nSam,Example,,,,Open data engineer,,Software,,\"Utrecht, Netherlands\",,,";
const POSITIONS: &str = "Company Name,Title,Description,Location,Started On,Finished On\nVeldwerk Analytics,Data Engineer,,\"Utrecht, Netherlands\",Jan 2020,\nGemeente Utrecht,Data Analyst,,Utrecht,Mar 2016,Dec 2019";
const EDUCATION: &str = "School Name,Start Date,End Date,Notes,Degree Name,Activities\nUniversiteit Utrecht,2012,2016,,MSc Data Science,";

/// A whole export as a zip: Profile, Positions, Education, `connections` connections and
/// `messages` messages.
pub fn export_zip(connections: usize, messages: usize) -> Vec<u8> {
    let files = [
        ("Profile.csv", PROFILE.to_owned()),
        ("Positions.csv", POSITIONS.to_owned()),
        ("Education.csv", EDUCATION.to_owned()),
        ("Connections.csv", connections_csv(connections)),
        (
            "messages.csv",
            messages_csv(messages, connections.min(5_000)),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        // Writing to memory cannot fail short of running out of it.
        zip.start_file(name, options).expect("zip entry in memory");
        zip.write_all(text.as_bytes()).expect("zip entry in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}
