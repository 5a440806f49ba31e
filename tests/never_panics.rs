//! Extraction must survive anything a page can be: random text, random tags, and real-shaped
//! pages cut, spliced and repeated at random. It may find no profile; it must not panic.

use std::path::Path;

use common_ground::extract::{extract, Extraction};
use proptest::prelude::*;

const URLS: &[&str] = &[
    "https://www.linkedin.com/in/someone/",
    "https://www.linkedin.com/in/someone/details/experience/",
    "https://github.com/someone",
    "https://someone.example/about",
];

fn pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut pages: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    pages.sort();
    pages
}

/// Markup-ish fragments that stress the readers: unclosed tags, the markers they look for,
/// hostile strings.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<h1>".to_owned()),
        Just("</h2>".to_owned()),
        Just(r#"<div id="experience">"#.to_owned()),
        Just(r#"<div id="xTopcard"><h2>"#.to_owned()),
        Just(r#"<span aria-hidden="true">Jan 2020 - Present · 1 yr"#.to_owned()),
        Just(r#"<div data-view-name="profile-component-entity">"#.to_owned()),
        Just(r#"<div class="pvs-entity__sub-components">"#.to_owned()),
        Just("A, B, and 2 other mutual connections".to_owned()),
        Just(" en 9999999999 andere gemeenschappelijke connecties".to_owned()),
        Just(r#"<script type="application/ld+json">{"@type":"Person","name":"#.to_owned()),
        Just(r#"<code>{"publicIdentifier":"someone","firstName":"#.to_owned()),
        Just(
            r#"<p itemscope itemtype="http://schema.org/Person"><span itemprop="name">"#.to_owned()
        ),
        Just(r#"<div class="h-card"><a class="p-name">"#.to_owned()),
        Just("\u{202e}\u{0}\u{feff}🙂 ·–— mrt. heden".to_owned()),
        "[ -~]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_markup(parts in proptest::collection::vec(fragment(), 0..40), url in 0..URLS.len()) {
        let html: String = parts.concat();
        let _ = extract(URLS[url], &html).unwrap();
    }

    #[test]
    fn real_shaped_pages_cut_and_spliced(
        page in 0..8usize,
        cuts in proptest::collection::vec((0.0..1.0f64, 0.0..1.0f64, fragment()), 1..12),
        url in 0..URLS.len(),
    ) {
        let pages = pages();
        let mut html = pages[page % pages.len()].clone();
        for (at, len, insert) in cuts {
            let start = floor_char(&html, (at * html.len() as f64) as usize);
            let end = floor_char(&html, start + (len * 400.0) as usize);
            html.replace_range(start..end, &insert);
        }
        if let Extraction::Profile(p) = extract(URLS[url], &html).unwrap() {
            prop_assert!(!p.handle.is_empty());
        }
    }

    #[test]
    fn any_string_at_all(html in ".{0,2000}", url in 0..URLS.len()) {
        let _ = extract(URLS[url], &html).unwrap();
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
