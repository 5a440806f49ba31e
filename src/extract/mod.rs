//! Page → [`Profile`]: reads the person a profile page is about, or says why the page holds none.
//!
//! Input is the page's address and its HTML as the browser rendered it (or as saved to a file);
//! output is an [`Extraction`]. The site is chosen by the address; each site has its own file
//! (`linkedin.rs`, `github.rs`), and any other page is read for schema.org Person markup
//! (`schema_org.rs`). `dates.rs` reads date ranges in the languages the pages use. A details page
//! (`/in/x/details/experience/`) completes what the main page shows only partly: [`complete`]
//! merges the two readings.
//! Pure: no network, no browser, no storage — the same code runs natively in `cg extract` and in
//! the extension's service worker.
//!
//! ```
//! use common_ground::extract::{extract, Extraction};
//! let html = r#"<main><section><h1>Ada Example</h1></section></main>"#;
//! let Extraction::Profile(p) = extract("https://www.linkedin.com/in/ada-example/", html).unwrap()
//! else { panic!("a profile") };
//! assert_eq!((p.handle.as_str(), p.name.as_str()), ("ada-example", "Ada Example"));
//! ```
//!
//! Extraction never trusts the page: every string that comes out of it is plain text, to be
//! rendered with `textContent` and never as HTML.

pub mod address;
pub mod dates;
mod github;
mod linkedin;
mod outline;
pub mod prune;
pub mod schema_org;
mod text;

use address::Address;
use scraper::{ElementRef, Html, Selector};
use serde::{Deserialize, Serialize};

use crate::model::{Profile, Site};

/// What a page turned out to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Extraction {
    Profile(Box<Profile>),
    NoProfile {
        /// Always `null`, so that callers can test `profile` whichever way it went.
        profile: Option<()>,
        reason: NoProfile,
    },
}

impl Extraction {
    fn none(reason: NoProfile) -> Self {
        Extraction::NoProfile {
            profile: None,
            reason,
        }
    }

    pub fn profile(&self) -> Option<&Profile> {
        match self {
            Extraction::Profile(p) => Some(p),
            Extraction::NoProfile { .. } => None,
        }
    }
}

/// Why a page holds no profile. Serialised as a short sentence a person can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum NoProfile {
    #[error("this address is not a profile page Common Ground knows")]
    NotAProfileAddress,
    #[error("the site asks to log in before it shows the profile")]
    LoginWall,
    #[error("the site says this profile does not exist or is not visible")]
    NotFound,
    #[error("the site is limiting requests and shows no profile")]
    RateLimited,
    #[error("the page has not shown a name yet (still loading, or an unknown layout)")]
    NoName,
    #[error("the page carries no schema.org Person it is about")]
    NoPerson,
}

/// Errors about the input itself rather than about what the page holds.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("`{url}` is not a valid absolute address: {source}")]
    BadUrl {
        url: String,
        #[source]
        source: address::AddressError,
    },
}

/// Which part of a profile a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagePart {
    /// The profile itself: everything, but lists may be cut short.
    Main,
    /// A details page listing every position (and nothing else reliable).
    Experience,
    /// A details page listing every school.
    Education,
}

/// Reads the profile on the page at `url` whose HTML is `html`.
pub fn extract(url: &str, html: &str) -> Result<Extraction, ExtractError> {
    let parsed = parse_url(url)?;
    let result = if linkedin::is_linkedin(&parsed) {
        match linkedin::handle_from_url(&parsed) {
            Some(handle) => {
                let part = linkedin::page_part(&parsed);
                let focused = prune::focus_main(html, &handle);
                linkedin::read(&parse(&focused, &handle), &handle, part)
            }
            None => Err(NoProfile::NotAProfileAddress),
        }
    } else if github::is_github(&parsed) {
        match github::handle_from_url(&parsed) {
            Some(handle) => github::read(&parse(html, ""), &handle),
            None => Err(NoProfile::NotAProfileAddress),
        }
    } else {
        web_page(&parsed, &parse(html, ""))
    };
    Ok(match result {
        Ok(profile) => Extraction::Profile(Box::new(profile)),
        Err(reason) => Extraction::none(reason),
    })
}

/// The visible text of the page as the reader sees it, one line per block (see `text.rs`): what
/// `cg extract --lines` prints, to see why a page reads as it does.
pub fn page_text(url: &str, html: &str) -> Result<String, ExtractError> {
    let parsed = parse_url(url)?;
    let handle = linkedin::handle_from_url(&parsed).unwrap_or_default();
    let focused = prune::focus_main(html, &handle);
    let document = parse(&focused, &handle);
    Ok(text::render(&text::lines(document.root_element())))
}

/// A page as read, in the shape the service worker's core stores it: the profile, or why there
/// is none and whether the page may still show one as it loads (worth reading again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    #[serde(default)]
    pub profile: Option<Profile>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub retry: bool,
}

/// [`extract`], said as a [`Reading`].
pub fn read(url: &str, html: &str) -> Reading {
    let none = |reason: String, retry| Reading {
        profile: None,
        reason: Some(reason),
        retry,
    };
    match extract(url, html) {
        Ok(Extraction::Profile(profile)) => Reading {
            profile: Some(*profile),
            reason: None,
            retry: false,
        },
        // A page still loading may yet show a name; the others will not change by waiting.
        Ok(Extraction::NoProfile { reason, .. }) => {
            none(reason.to_string(), reason == NoProfile::NoName)
        }
        Err(e) => none(e.to_string(), false),
    }
}

/// Parses the page without what cannot matter for `handle` (see [`prune`]): half of a logged-in
/// LinkedIn page is hidden JSON about other people and features. The work is bounded whatever
/// the page: at most [`MAX_PAGE_BYTES`] are read, nested at most [`prune::MAX_DEPTH`] deep.
fn parse(html: &str, handle: &str) -> Html {
    let html = crate::within(html, MAX_PAGE_BYTES);
    Html::parse_document(prune::bound_depth(&prune::prune(html, handle)))
}

/// How much of a page is read: ten times the largest real profile page seen (about 1.6 MB).
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// Whether the page at `url` can be a profile at all, by its address alone: LinkedIn's `/in/…`
/// pages, GitHub user pages, and any other site (schema.org may be anywhere). The content script
/// asks this before it hands over a page, so no other page's content ever leaves it.
pub fn is_profile_address(url: &str) -> bool {
    let Ok(parsed) = parse_url(url) else {
        return false;
    };
    if linkedin::is_linkedin(&parsed) {
        linkedin::handle_from_url(&parsed).is_some()
    } else if github::is_github(&parsed) {
        github::handle_from_url(&parsed).is_some()
    } else {
        true
    }
}

/// The person a LinkedIn or GitHub profile address is about (the key their profile will be
/// filed under), before the page is read; `None` for any other address.
pub fn person_at(url: &str) -> Option<crate::model::PersonKey> {
    use crate::model::{PersonKey, Site};
    let parsed = parse_url(url).ok()?;
    if linkedin::is_linkedin(&parsed) {
        linkedin::handle_from_url(&parsed).map(|h| PersonKey::new(Site::Linkedin, &h))
    } else if github::is_github(&parsed) {
        github::handle_from_url(&parsed).map(|h| PersonKey::new(Site::Github, &h))
    } else {
        None
    }
}

/// Which part of a profile the page at `url` shows.
pub fn page_part(url: &str) -> Result<PagePart, ExtractError> {
    let parsed = parse_url(url)?;
    Ok(match linkedin::handle_from_url(&parsed) {
        Some(_) => linkedin::page_part(&parsed),
        None => PagePart::Main,
    })
}

fn parse_url(url: &str) -> Result<Address, ExtractError> {
    Address::parse(url).map_err(|source| ExtractError::BadUrl {
        url: url.to_owned(),
        source,
    })
}

/// Any other page: the person its schema.org markup is about, filed under its address. What the
/// page shows under the person's name completes thin markup (a name alone), and wins where the
/// markup says what the page nowhere shows (a headline left from an older version of the page).
fn web_page(url: &Address, document: &Html) -> Result<Profile, NoProfile> {
    let mut person = schema_org::read(document).ok_or(NoProfile::NoPerson)?;
    let lines = text::lines(document.root_element());
    let named = |l: &text::Line| l.text.trim().eq_ignore_ascii_case(person.name.trim());
    if lines.iter().any(named) {
        // The page's text as one string, spaced as a reader sees it ("Groningen , NL" is
        // "Groningen, NL"), to ask whether a value is on the page at all.
        let page: String = lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" ,", ",")
            .to_lowercase();
        let shown = |value: &str| page.contains(&value.trim().to_lowercase());
        let card = outline::top_card(&lines, Some(&person.name));
        for (slot, seen) in [
            (&mut person.headline, card.headline),
            (&mut person.location, card.location),
        ] {
            if seen.is_some() && slot.as_deref().is_none_or(|v| !shown(v)) {
                *slot = seen;
            }
        }
    }
    let handle = format!("{}{}", url.host(), url.path().trim_end_matches('/'));
    Ok(Profile {
        site: Site::Web,
        url: url.canonical(),
        handle,
        name: person.name,
        headline: person.headline,
        location: person.location,
        positions: person.positions,
        education: person.education,
        mutuals: Default::default(),
    })
}

/// Folds a new reading of a page into what was read of the same person before.
///
/// A main page replaces the scalar fields, and its lists are united with the stored ones (a main
/// page lists only the latest few entries, or none until its cards load); a details page replaces
/// the one list it shows in full. Returns `None` when a details page arrives before any main page
/// and does not name the person.
pub fn complete(stored: Option<&Profile>, fresh: Profile, part: PagePart) -> Option<Profile> {
    let Some(stored) = stored else {
        return (!fresh.name.is_empty()).then_some(fresh);
    };
    let mut merged = match part {
        PagePart::Main => {
            let mut merged = fresh;
            unite(&mut merged.positions, &stored.positions, |a, b| {
                same_text(&a.org, &b.org)
                    && (a.start == b.start || b.start.is_none() || a.start.is_none())
            });
            unite(&mut merged.education, &stored.education, |a, b| {
                same_text(&a.school, &b.school)
            });
            merged
        }
        PagePart::Experience => Profile {
            positions: fresh.positions,
            ..stored.clone()
        },
        PagePart::Education => Profile {
            education: fresh.education,
            ..stored.clone()
        },
    };
    if merged.name.is_empty() {
        merged.name.clone_from(&stored.name);
    }
    Some(merged)
}

/// Appends the entries of `older` that `fresh` does not already hold.
fn unite<T: Clone>(fresh: &mut Vec<T>, older: &[T], same: impl Fn(&T, &T) -> bool) {
    let missing: Vec<T> = older
        .iter()
        .filter(|o| !fresh.iter().any(|f| same(f, o)))
        .cloned()
        .collect();
    fresh.extend(missing);
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The text of an element as a reader sees it: whitespace runs collapsed, ends trimmed, and no
/// longer than [`MAX_TEXT_BYTES`] (no field is that long; an element nested in thousands of
/// others of its kind would otherwise have its whole text read once per ancestor).
pub(crate) fn visible_text(element: ElementRef<'_>) -> String {
    bounded_text(element, MAX_TEXT_BYTES)
}

/// The most text read from one element.
pub(crate) const MAX_TEXT_BYTES: usize = 8 * 1024;

/// [`visible_text`] read no further than `max` bytes.
pub(crate) fn bounded_text(element: ElementRef<'_>, max: usize) -> String {
    let mut out = String::new();
    for piece in element.text() {
        for word in piece.split_whitespace() {
            if out.len() + word.len() + 1 > max {
                return out;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// A CSS selector written in this crate, parsed once and kept: `sel!("main h1")`. Selectors are
/// constants in the source, never page input, so a parse failure is a bug here that every test
/// run would show at once.
macro_rules! sel {
    ($css:literal) => {{
        static SELECTOR: std::sync::OnceLock<scraper::Selector> = std::sync::OnceLock::new();
        SELECTOR.get_or_init(|| {
            scraper::Selector::parse($css).expect("selectors in the source are valid CSS")
        })
    }};
}
pub(crate) use sel;

/// The first non-empty text among the elements `selector` selects, in document order.
pub(crate) fn first_text(document: &Html, selector: &Selector) -> Option<String> {
    document
        .select(selector)
        .map(visible_text)
        .find(|t| !t.is_empty())
}
