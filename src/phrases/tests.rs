//! The books agree with each other and with the code: every key in every book, the same
//! `{name}`s in each language, every key the code or the HTML skeletons use in the books, and
//! no phrase that nothing uses.

use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::calendar::day_of;

fn en() -> &'static Book {
    book(Lang::EN)
}

fn nl() -> &'static Book {
    book(Lang::from_code("nl").expect("there is a Dutch book"))
}

/// Every book's raw text, with its code.
fn raw_books() -> impl Iterator<Item = (&'static str, &'static str)> {
    BOOKS.iter().copied()
}

#[test]
fn every_book_has_every_key_of_the_english_one_and_no_other() {
    let english: BTreeSet<_> = en().keys().collect();
    for lang in Lang::all() {
        let keys: BTreeSet<_> = book(lang).keys().collect();
        let missing: Vec<_> = english.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&english).collect();
        assert!(missing.is_empty(), "{}.txt lacks {missing:?}", lang.code());
        assert!(
            extra.is_empty(),
            "{}.txt has keys English lacks: {extra:?}",
            lang.code()
        );
    }
}

#[test]
fn no_key_is_written_twice_and_every_line_is_a_phrase() {
    for (code, text) in raw_books() {
        let mut seen = BTreeSet::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line
                .split_once(" = ")
                .unwrap_or_else(|| panic!("{code}.txt line {}: not `key = text`", i + 1));
            assert!(!value.trim().is_empty(), "{code}.txt line {}: empty", i + 1);
            assert!(seen.insert(key), "{code}.txt line {}: {key} again", i + 1);
        }
    }
}

#[test]
fn every_language_fills_the_same_names() {
    for lang in Lang::all() {
        for key in en().keys() {
            // A counted phrase may leave out its number ("every week").
            let names = |b: &Book| -> Vec<&str> {
                placeholders(b.text(key))
                    .into_iter()
                    .filter(|n| *n != "n")
                    .collect()
            };
            assert_eq!(
                names(en()),
                names(book(lang)),
                "{key} in {}.txt",
                lang.code()
            );
        }
    }
}

/// What follows the dot in a file name the code mentions ("import.html"), not a key.
const FILE_TYPES: &[&str] = &[
    "html", "css", "js", "json", "csv", "zip", "txt", "rs", "png",
];

/// The string literals of the `.rs` and `.js` files and the `data-t…` values of the HTML
/// skeletons that look like a phrase key: `namespace.rest`, the namespace one of the books'.
fn keys_used() -> BTreeSet<String> {
    let namespaces: BTreeSet<&str> = en().keys().filter_map(|k| k.split('.').next()).collect();
    let mut used = BTreeSet::new();
    let mut look = |text: &str, quote: char| {
        for (i, piece) in text.split(quote).enumerate() {
            let looks_like_key = i % 2 == 1
                && piece.split_once('.').is_some_and(|(ns, rest)| {
                    namespaces.contains(ns)
                        && !rest.is_empty()
                        && !FILE_TYPES.contains(&rest)
                        && rest
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                });
            if looks_like_key {
                used.insert(piece.to_owned());
            }
        }
    };
    let mut files = Vec::new();
    collect(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path(),
        &mut files,
    );
    collect(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("extension")
            .as_path(),
        &mut files,
    );
    for file in files {
        let name = file.to_string_lossy();
        let code = name.ends_with(".rs") && !name.ends_with("phrases/tests.rs");
        if code || name.ends_with(".html") || name.ends_with(".js") {
            let text = std::fs::read_to_string(&file).unwrap();
            look(&text, '"');
            if name.ends_with(".js") {
                // Line by line: an apostrophe in a comment pairs quotes only up to its line's end.
                for line in text.lines() {
                    look(line, '\'');
                }
            }
        }
    }
    used
}

/// The files under `extension/` whose name ends in `.<ext>`.
fn extension_files(ext: &str) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    collect(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("extension"),
        &mut files,
    );
    files.retain(|path| path.extension().is_some_and(|e| e == ext));
    files.sort();
    files
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_key_the_code_uses_is_in_the_books() {
    let missing: Vec<_> = keys_used()
        .into_iter()
        .filter(|k| {
            let counted = en().has(&format!("{k}.one")) && en().has(&format!("{k}.other"));
            !en().has(k) && !counted
        })
        .collect();
    assert!(missing.is_empty(), "used but in no book: {missing:?}");
}

#[test]
fn every_phrase_is_used_somewhere() {
    let used = keys_used();
    let unused: Vec<_> = en()
        .keys()
        .filter(|k| {
            let counted = k.strip_suffix(".one").or_else(|| k.strip_suffix(".other"));
            !used.contains(*k) && !counted.is_some_and(|c| used.contains(c))
        })
        .collect();
    assert!(unused.is_empty(), "in the books but never used: {unused:?}");
}

#[test]
fn the_language_follows_the_setting_then_the_browser() {
    let dutch = nl().lang();
    assert_eq!(Lang::choose(None, "nl"), dutch);
    assert_eq!(Lang::choose(None, "nl-NL"), dutch);
    assert_eq!(Lang::choose(None, "nl_BE"), dutch);
    assert_eq!(Lang::choose(Some(AUTO), "nl-BE"), dutch);
    assert_eq!(Lang::choose(None, "de-DE"), Lang::EN);
    assert_eq!(Lang::choose(None, ""), Lang::EN);
    assert_eq!(Lang::choose(Some("en"), "nl-NL"), Lang::EN);
    assert_eq!(Lang::choose(Some("nl"), "en-US"), dutch);
    assert_eq!(Lang::choose(Some("klingon"), "nl"), dutch);
    assert_eq!(dutch.code(), "nl");
}

#[test]
fn plurals_in_both_languages() {
    for (n, english, dutch) in [
        (0, "0 contacts", "0 contacten"),
        (1, "1 contact", "1 contact"),
        (2, "2 contacts", "2 contacten"),
        (1000, "1,000 contacts", "1.000 contacten"),
        (30_000, "30,000 contacts", "30.000 contacten"),
        (1_234_567, "1,234,567 contacts", "1.234.567 contacten"),
    ] {
        assert_eq!(en().count("count.contacts", n), english);
        assert_eq!(nl().count("count.contacts", n), dutch);
    }
    assert_eq!(en().count("count.notes", 1), "1 note");
    assert_eq!(nl().count("count.notes", 2), "2 notities");
    assert_eq!(en().number(999), "999");
    assert_eq!(nl().number(0), "0");
}

#[test]
fn dates_in_both_languages() {
    let day = day_of("2026-02-12").unwrap();
    assert_eq!(en().date(day), "12 Feb 2026");
    assert_eq!(nl().date(day), "12 feb. 2026");
    let may = day_of("2024-05-01").unwrap();
    assert_eq!(en().date(may), "1 May 2024");
    assert_eq!(nl().date(may), "1 mei 2024");
    assert_eq!(nl().month_year(2024, 3), "mrt. 2024");
    assert_eq!(en().month_year_of("2019-03"), "Mar 2019");
    assert_eq!(nl().month_year_of("2019-10-04"), "okt. 2019");
    assert_eq!(
        nl().month_year_of("2019"),
        "2019",
        "a year alone stays as it is"
    );
    assert_eq!(en().day(day, day), "today");
    assert_eq!(nl().day(day, day + 1), "gisteren");
    assert_eq!(nl().day(day, day + 2), "12 feb. 2026");
    assert_eq!(nl().moment(day, 9 * 60 + 14, day), "vandaag 09:14");
    assert_eq!(en().moment(day, 23 * 60 + 5, day + 30), "12 Feb 2026 23:05");
}

#[test]
fn relative_times_and_durations() {
    for (days, english, dutch) in [
        (0, "today", "vandaag"),
        (1, "yesterday", "gisteren"),
        (9, "9 days ago", "9 dagen geleden"),
        (14, "2 weeks ago", "2 weken geleden"),
        (240, "8 months ago", "8 maanden geleden"),
        (400, "13 months ago", "13 maanden geleden"),
        (730, "2 years ago", "2 jaar geleden"),
        (365 * 11, "11 years ago", "11 jaar geleden"),
    ] {
        assert_eq!(en().ago(days), english, "{days} days");
        assert_eq!(nl().ago(days), dutch, "{days} days");
    }
    assert_eq!(en().duration(1), "1 month");
    assert_eq!(en().duration(61), "5 years 1 month");
    assert_eq!(nl().duration(61), "5 jaar en 1 maand");
    assert_eq!(nl().duration(24), "2 jaar");
    assert_eq!(nl().duration(5), "5 maanden");
}

#[test]
fn a_missing_name_stays_visible_and_braces_do_not_confuse_filling() {
    assert_eq!(fill("{a} and {b}", &[("a", "x")]), "x and {b}");
    assert_eq!(fill("open { brace", &[]), "open { brace");
    assert_eq!(
        fill("{a}", &[("a", "{a}")]),
        "{a}",
        "values are not filled again"
    );
    assert_eq!(placeholders("{b} {a} {b}"), vec!["a", "b"]);
}

/// The HTML skeletons hold no text of their own: every word comes from a book.
#[test]
fn the_html_skeletons_carry_no_text() {
    for path in extension_files("html") {
        let html = scraper::Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for node in html.tree.nodes() {
            match node.value() {
                scraper::Node::Text(text) => {
                    let inside_code = node.ancestors().any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| matches!(e.name(), "script" | "style"))
                    });
                    assert!(
                        text.trim().is_empty() || inside_code,
                        "{name} has its own text {:?}",
                        text.trim()
                    );
                }
                scraper::Node::Element(e) => {
                    for attribute in ["aria-label", "placeholder", "title", "alt"] {
                        assert!(
                            e.attr(attribute).is_none(),
                            "{name}: <{} {attribute}=…> is text; use data-t-…",
                            e.name()
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

/// Nor do the stylesheets: generated content is a phrase (`attr(…)`), never words.
#[test]
fn the_stylesheets_carry_no_words() {
    for path in extension_files("css") {
        let css = std::fs::read_to_string(&path).unwrap();
        for (i, line) in css.lines().enumerate() {
            let Some((_, value)) = line.split_once("content:") else {
                continue;
            };
            let quoted: String = value.split('"').skip(1).step_by(2).collect();
            assert!(
                !quoted.chars().any(char::is_alphabetic),
                "{} line {}: content {quoted:?} is text; use attr() and a data-t-… phrase",
                path.display(),
                i + 1
            );
        }
    }
}
