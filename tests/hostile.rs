//! Pages written to break the reader: every page in `../shared/fixtures/hostile/` (roles nested
//! N deep, pages found by fuzzing that aborted, hung or crawled), and the same shapes built here
//! deeper still, for a fresh clone. Each must get a clear answer under every kind of address.
//! A watchdog turns a hang into a failure instead of a stuck test run; it is a bound, not a
//! speed measurement (`./build.sh bench` measures speed).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use common_ground::extract::{extract, prune::MAX_DEPTH, Extraction};

const ADDRESSES: [&str; 3] = [
    "https://www.linkedin.com/in/exp-onential/",
    "https://github.com/exp-onential",
    "https://example.org/about",
];

/// Far more than any real page takes (the slowest hostile page reads in well under a second).
const WATCHDOG: Duration = Duration::from_secs(60);

/// Reads `html` at every kind of address on another thread; fails if any reading does not
/// answer within the watchdog.
fn read_everywhere(name: &str, html: String) -> Vec<Extraction> {
    let (sent, answers) = mpsc::channel();
    std::thread::spawn(move || {
        for url in ADDRESSES {
            let answer = extract(url, &html).map_err(|e| e.to_string());
            if sent.send(answer).is_err() {
                return;
            }
        }
    });
    ADDRESSES
        .iter()
        .map(|url| match answers.recv_timeout(WATCHDOG) {
            Ok(Ok(extraction)) => extraction,
            Ok(Err(e)) => panic!("{name} at {url}: {e}"),
            Err(_) => panic!("{name} at {url}: no answer within {WATCHDOG:?}"),
        })
        .collect()
}

/// LinkedIn's 2024 shape with roles nested `depth` deep in one experience entry.
fn nested_roles(depth: usize) -> String {
    let role =
        r#"<div data-view-name="profile-component-entity"><span aria-hidden="true">Role</span>"#;
    format!(
        r#"<!DOCTYPE html><html><head><title>Exp | LinkedIn</title></head><body><main>
<section class="artdeco-card pv-top-card"><h1 class="text-heading-xlarge">Exp Onential</h1></section>
<section class="artdeco-card"><div id="experience"></div><h2><span aria-hidden="true">Experience</span></h2><ul><li>
<div data-view-name="profile-component-entity"><span aria-hidden="true">Acme</span>
<div class="pvs-entity__sub-components">{}{}</div></div></li></ul></section></main></body></html>"#,
        role.repeat(depth),
        "</div>".repeat(depth)
    )
}

#[test]
fn roles_nested_deep_are_read_once_each() {
    for depth in [22, 27, 40, MAX_DEPTH * 2] {
        let answers = read_everywhere(&format!("roles nested {depth} deep"), nested_roles(depth));
        let Extraction::Profile(profile) = &answers[0] else {
            panic!("{depth}: no profile: {:?}", answers[0]);
        };
        assert_eq!(profile.name, "Exp Onential");
        // A role holds no roles: only the first nested one is Acme's.
        assert_eq!(
            profile.positions.len(),
            1,
            "{depth}: {:?}",
            profile.positions
        );
    }
}

#[test]
fn deep_and_unclosed_markup_is_bounded() {
    let pages = [
        ("50,000 nested divs", "<div>".repeat(50_000)),
        ("30,000 unclosed code blocks", "<code>x ".repeat(30_000)),
        ("nested lists", "<ul><li><div>".repeat(20_000)),
        (
            "nested sections",
            "<section><h2>Experience</h2><div componentkey=a>".repeat(10_000),
        ),
        // Found by `./build.sh fuzz`: an element naming 40,000 properties had its text read
        // once per name (7 s and 1.9 GB at 200 KB; this one, four times longer, ran for minutes).
        (
            "one element naming 160,000 properties",
            format!(
                r#"<p vocab="http://schema.org/" typeof="Person"><span property="name {}">A B</span>"#,
                "name ".repeat(160_000)
            ),
        ),
        (
            "properties nested in properties",
            format!(
                r#"<div itemscope itemtype="https://schema.org/Person">{}{}"#,
                r#"<span itemprop="name jobTitle">"#.repeat(200),
                "word ".repeat(200_000)
            ),
        ),
    ];
    for (name, body) in pages {
        let html = format!("<html><head><title>A B | LinkedIn</title></head><body><main><h1>A B</h1>{body}</main></body></html>");
        read_everywhere(name, html);
    }
}

#[test]
fn every_hostile_page_in_the_shared_fixtures_gets_an_answer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/hostile");
    let Ok(top) = std::fs::read_dir(&dir) else {
        eprintln!("{} is not beside this checkout: skipped", dir.display());
        return;
    };
    let mut files: Vec<_> = top.flatten().map(|e| e.path()).collect();
    if let Ok(found) = std::fs::read_dir(dir.join("fuzz-found")) {
        files.extend(found.flatten().map(|e| e.path()));
    }
    let pages: Vec<_> = files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "bin"))
        .collect();
    assert!(pages.len() >= 10, "{} hostile pages", pages.len());
    for path in pages {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let html = String::from_utf8_lossy(&bytes).into_owned();
        read_everywhere(&path.display().to_string(), html);
    }
}

/// The backups `make-bad-files.py` writes (duplicate ids, profiles and marks, ids past what the
/// store can key, invalid person keys, a 20 MB note, a zero rhythm, truncated and newer files):
/// each is refused with a message for people, or, if it reads, it holds nothing the store
/// could not keep.
#[test]
fn every_hostile_backup_is_refused_clearly_or_is_whole() {
    use common_ground::backup::{parse, MAX_RECORD_ID};
    let Some(out) = bad_files() else {
        return;
    };
    let mut checked = 0;
    for entry in std::fs::read_dir(out).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("backup-") && name.ends_with(".json")) {
            continue;
        }
        checked += 1;
        let Ok(text) = String::from_utf8(std::fs::read(entry.path()).unwrap()) else {
            continue; // not text: refused before it is read (`cg check-backup` says so)
        };
        match parse(&text) {
            Err(e) => {
                let said = e.to_string();
                assert!(
                    said.contains("Nothing was changed") || said.contains("nothing was changed"),
                    "{name}: {said}"
                );
                assert!(
                    !said.contains("invalid type:") && !said.contains("internally tagged"),
                    "{name}: {said}"
                );
            }
            Ok(backup) => {
                let mut ids: Vec<_> = backup.notes.iter().filter_map(|n| n.id).collect();
                ids.sort_unstable();
                ids.dedup();
                assert_eq!(ids.len(), backup.notes.len(), "{name}");
                assert!(ids.iter().all(|&id| id <= MAX_RECORD_ID), "{name}");
                assert!(backup.notes.iter().all(|n| n.person.is_valid()), "{name}");
                let mut people: Vec<_> = backup
                    .profiles
                    .iter()
                    .map(|p| p.person.to_string())
                    .collect();
                people.sort();
                people.dedup();
                assert_eq!(people.len(), backup.profiles.len(), "{name}");
            }
        }
    }
    assert!(checked >= 10, "{checked} backups");
}

/// The zips `make-bad-files.py` writes (corrupt, truncated, a 225-byte zip declaring 4 GB, zip64
/// headers declaring exabytes, bombs of 600 MB and 1 GB, 20,000 entries): each but the good one
/// is refused with what to do, before memory grows past the import's bounds.
#[test]
fn every_hostile_zip_is_refused_clearly() {
    use common_ground::import::{expand, ExportFile};
    let Some(out) = bad_files() else {
        return;
    };
    let mut checked = 0;
    for entry in std::fs::read_dir(out).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".zip") {
            continue;
        }
        checked += 1;
        let bytes = std::fs::read(entry.path()).unwrap();
        let read = expand(vec![ExportFile::new(name.clone(), bytes)]);
        if name == "good.zip" {
            assert!(read.is_ok_and(|files| !files.is_empty()), "{name}");
        } else {
            let said = read.expect_err(&name).to_string();
            assert!(said.contains("download the export again"), "{name}: {said}");
        }
    }
    assert!(checked >= 8, "{checked} zips");
}

/// What `make-bad-files.py` writes, made once for the tests that read it; `None` (and the tests
/// skip) when `../shared/fixtures` is not beside this checkout.
fn bad_files() -> Option<&'static Path> {
    static MADE: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    MADE.get_or_init(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/fixtures/hostile/make-bad-files.py");
        if !script.exists() {
            eprintln!("{} is not beside this checkout: skipped", script.display());
            return None;
        }
        // Within target/, written anew each run: the bombs alone are 6 MB, the rest 230 MB.
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-files");
        let _ = std::fs::remove_dir_all(&out);
        let made = std::process::Command::new("python3")
            .env("CG", env!("CARGO_BIN_EXE_cg"))
            .arg(&script)
            .arg(&out)
            .output()
            .expect("python3 runs");
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        Some(out)
    })
    .as_deref()
}
