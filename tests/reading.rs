//! What the reader finds on real pages, counted field by field against what a person reads on
//! them: every page in `../shared/fixtures` that has an `.expected.json` beside it (written by
//! reading the rendered page; format in `shared/fixtures/README.md`), and the committed pages in
//! `tests/fixtures/pages` that have one.
//!
//! A field is one thing a person reads: the name, the headline, the location, each position's
//! organisation, title and dates, each school and its years, each named mutual connection and
//! their count, or the reason a page holds no profile. The test prints, per page, the fields found
//! of those expected and the fields read that the page does not say (wrong or invented), and
//! requires at least 95% found and at most 5% wrong over all pages.
//!
//! `CG_READING_DIRS` (paths separated by `:`) adds folders to read and report on separately, for
//! pages kept outside the project (held-out material); they print but do not fail the test.

use std::path::{Path, PathBuf};

use common_ground::extract::{extract, Extraction};
use common_ground::model::{Profile, Site};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    url: String,
    name: Option<String>,
    headline: Option<String>,
    location: Option<String>,
    #[serde(default)]
    positions: Vec<ExpectedPosition>,
    #[serde(default)]
    education: Vec<ExpectedSchool>,
    mutuals: Option<ExpectedMutuals>,
    no_profile_reason: Option<String>,
}

#[derive(Deserialize)]
struct ExpectedPosition {
    org: String,
    title: Option<String>,
    start: Option<String>,
    end: Option<String>,
}

#[derive(Deserialize)]
struct ExpectedSchool {
    school: String,
    start: Option<String>,
    end: Option<String>,
}

#[derive(Deserialize)]
struct ExpectedMutuals {
    names: Vec<String>,
    count: u32,
}

/// Found of expected, and read but not on the page.
#[derive(Default, Clone, Copy)]
struct Score {
    found: usize,
    expected: usize,
    wrong: usize,
}

impl Score {
    fn field(&mut self, expected: bool, found: bool) {
        self.expected += usize::from(expected);
        self.found += usize::from(expected && found);
    }

    fn add(&mut self, other: Score) {
        self.found += other.found;
        self.expected += other.expected;
        self.wrong += other.wrong;
    }
}

/// Text as a person compares it: case, spacing and a trailing stop do not count.
fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_lowercase()
}

fn same(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(norm) == b.map(norm)
}

fn score(want: &Expected, got: &Extraction, log: &mut Vec<String>) -> Score {
    let mut s = Score::default();
    let nobody = Profile::named(Site::Web, String::new(), String::new(), String::new());
    let profile = match (got, &want.no_profile_reason) {
        (Extraction::NoProfile { .. }, Some(_)) => {
            s.field(true, true);
            return s;
        }
        (Extraction::Profile(_), Some(reason)) => {
            s.field(true, false);
            s.wrong += 1;
            log.push(format!("read a profile on a page without one ({reason})"));
            return s;
        }
        (Extraction::NoProfile { reason, .. }, None) => {
            log.push(format!("no profile: {reason:?}"));
            &nobody
        }
        (Extraction::Profile(p), None) => &**p,
    };
    let scalar = |s: &mut Score,
                  log: &mut Vec<String>,
                  what: &str,
                  want: Option<&str>,
                  got: Option<&str>| {
        let got = got.filter(|g| !g.is_empty());
        let ok = same(want, got);
        s.field(want.is_some(), ok);
        if !ok {
            if got.is_some() {
                s.wrong += 1;
            }
            log.push(format!("{what}: want {want:?}, read {got:?}"));
        }
    };
    scalar(
        &mut s,
        log,
        "name",
        want.name.as_deref(),
        Some(&profile.name),
    );
    scalar(
        &mut s,
        log,
        "headline",
        want.headline.as_deref(),
        profile.headline.as_deref(),
    );
    scalar(
        &mut s,
        log,
        "location",
        want.location.as_deref(),
        profile.location.as_deref(),
    );

    // Positions: each expected one is matched to the unused read one of the same organisation
    // that agrees on most; read ones left over are wrong.
    let mut used = vec![false; profile.positions.len()];
    for w in &want.positions {
        // Whether a read position agrees on the title and on the dates.
        let agrees = |p: &common_ground::model::Position| {
            (
                same(w.title.as_deref(), p.title.as_deref()),
                w.start == p.start && w.end == p.end,
            )
        };
        let best = profile
            .positions
            .iter()
            .enumerate()
            .filter(|(i, p)| !used[*i] && norm(&p.org) == norm(&w.org))
            .max_by_key(|(i, p)| {
                let (title, dates) = agrees(p);
                (
                    usize::from(title) + usize::from(dates),
                    std::cmp::Reverse(*i),
                )
            });
        s.field(true, best.is_some());
        let (title_ok, dates_ok) = match best {
            Some((i, p)) => {
                used[i] = true;
                agrees(p)
            }
            None => (false, false),
        };
        s.field(w.title.is_some(), title_ok);
        s.field(w.start.is_some(), dates_ok);
        if !(best.is_some() && (title_ok || w.title.is_none()) && (dates_ok || w.start.is_none())) {
            let read = best.map(|(_, p)| (&p.title, &p.start, &p.end));
            log.push(format!(
                "position {} / {:?} {:?}–{:?}: read {read:?}",
                w.org, w.title, w.start, w.end
            ));
        }
    }
    for (p, _) in profile.positions.iter().zip(&used).filter(|(_, u)| !**u) {
        s.wrong += 1;
        log.push(format!(
            "position not on the page: {} / {:?}",
            p.org, p.title
        ));
    }

    let mut used = vec![false; profile.education.len()];
    for w in &want.education {
        let best = profile
            .education
            .iter()
            .enumerate()
            .find(|(i, e)| !used[*i] && norm(&e.school) == norm(&w.school));
        s.field(true, best.is_some());
        let years_ok = best.is_some_and(|(_, e)| {
            let year = |d: &Option<String>| d.as_deref().map(|d| d[..d.len().min(4)].to_owned());
            year(&e.start) == w.start && year(&e.end) == w.end
        });
        s.field(w.start.is_some(), years_ok);
        if let Some((i, _)) = best {
            used[i] = true;
        }
        if best.is_none() || (!years_ok && w.start.is_some()) {
            let read = best.map(|(_, e)| (&e.start, &e.end));
            log.push(format!(
                "school {} {:?}–{:?}: read {read:?}",
                w.school, w.start, w.end
            ));
        }
    }
    for (e, _) in profile.education.iter().zip(&used).filter(|(_, u)| !**u) {
        s.wrong += 1;
        log.push(format!("school not on the page: {}", e.school));
    }

    let names = &profile.mutuals.names;
    match &want.mutuals {
        Some(m) => {
            for name in &m.names {
                let ok = names.iter().any(|n| norm(n) == norm(name));
                s.field(true, ok);
                if !ok {
                    log.push(format!("mutual {name} not read"));
                }
            }
            s.field(true, profile.mutuals.count == m.count);
            if profile.mutuals.count != m.count {
                log.push(format!(
                    "mutual count: want {}, read {}",
                    m.count, profile.mutuals.count
                ));
            }
            for n in names
                .iter()
                .filter(|n| !m.names.iter().any(|w| norm(w) == norm(n)))
            {
                s.wrong += 1;
                log.push(format!("mutual not on the page: {n}"));
            }
        }
        None => {
            s.wrong += names.len();
            if !names.is_empty() {
                log.push(format!("mutuals not on the page: {names:?}"));
            }
        }
    }
    s
}

/// Every `*.expected.json` under `dir`, with the page beside it.
fn pages_under(dir: &Path, out: &mut Vec<(PathBuf, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            pages_under(&path, out);
        } else if let Some(stem) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expected.json"))
        {
            let page = path.with_file_name(format!("{stem}.html"));
            if page.exists() {
                out.push((page, path));
            }
        }
    }
}

/// Reads every page under `dirs`, prints the table, and returns the total.
fn report(title: &str, dirs: &[PathBuf]) -> (Score, usize) {
    let mut pages = Vec::new();
    for dir in dirs {
        pages_under(dir, &mut pages);
    }
    let mut total = Score::default();
    eprintln!("\n{title}\n{:<52} {:>6} {:>6}", "page", "found", "wrong");
    for (page, expected) in &pages {
        let want: Expected = serde_json::from_slice(&std::fs::read(expected).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        let html = String::from_utf8_lossy(&std::fs::read(page).unwrap()).into_owned();
        let got = extract(&want.url, &html).unwrap();
        let mut log = Vec::new();
        let s = score(&want, &got, &mut log);
        let name = page.file_name().unwrap().to_string_lossy();
        eprintln!("{name:<52} {:>2}/{:<3} {:>6}", s.found, s.expected, s.wrong);
        for line in log {
            eprintln!("    {line}");
        }
        total.add(s);
    }
    let share = total.found as f64 / total.expected.max(1) as f64;
    eprintln!(
        "{:<52} {}/{} = {:.1}%, wrong {}",
        "all",
        total.found,
        total.expected,
        share * 100.0,
        total.wrong
    );
    (total, pages.len())
}

#[test]
fn real_pages_read_as_a_person_reads_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Ok(extra) = std::env::var("CG_READING_DIRS") {
        let dirs: Vec<PathBuf> = extra.split(':').map(PathBuf::from).collect();
        report("pages outside the project (reported, not required)", &dirs);
    }
    let mut dirs = vec![root.join("tests/fixtures/pages")];
    let shared = root.join("../shared/fixtures");
    if shared.exists() {
        dirs.push(shared);
    }
    let (total, pages) = report("pages with an expected reading", &dirs);
    assert!(pages > 0, "no page with an .expected.json was found");
    let share = total.found as f64 / total.expected as f64;
    assert!(
        share >= 0.95,
        "read {:.1}% of the fields, at least 95% required",
        share * 100.0
    );
    assert!(
        total.wrong * 20 <= total.expected,
        "{} fields read that the pages do not say, at most 5% allowed",
        total.wrong
    );
}
