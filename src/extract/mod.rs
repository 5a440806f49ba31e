//! Page → [`Profile`]: reads the person a profile page is about, or says why the page holds none.
//!
//! Input is the page's address and its HTML as the browser rendered it (or as saved to a file);
//! output is an [`Extraction`]. The site is chosen by the address; each site has its own file.
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

mod linkedin;

use scraper::{ElementRef, Html, Selector};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::model::Profile;

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
}

/// Errors about the input itself rather than about what the page holds.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("`{url}` is not a valid absolute address: {source}")]
    BadUrl {
        url: String,
        #[source]
        source: url::ParseError,
    },
}

/// Reads the profile on the page at `url` whose HTML is `html`.
pub fn extract(url: &str, html: &str) -> Result<Extraction, ExtractError> {
    let parsed = Url::parse(url).map_err(|source| ExtractError::BadUrl {
        url: url.to_owned(),
        source,
    })?;
    let Some(handle) = linkedin::handle_from_url(&parsed) else {
        return Ok(Extraction::none(NoProfile::NotAProfileAddress));
    };
    let document = Html::parse_document(html);
    Ok(match linkedin::read(&document, &handle) {
        Ok(profile) => Extraction::Profile(Box::new(profile)),
        Err(reason) => Extraction::none(reason),
    })
}

/// The text of an element as a reader sees it: whitespace runs collapsed, ends trimmed.
pub(crate) fn visible_text(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    for piece in element.text() {
        for word in piece.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Parses a selector written in this crate. Selectors are constants in the source, never page
/// input, so a failure is a bug here that every test run would show at once.
pub(crate) fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selectors in the source are valid CSS")
}

/// The first non-empty text among the elements `css` selects, in document order.
pub(crate) fn first_text(document: &Html, css: &str) -> Option<String> {
    let sel = selector(css);
    document
        .select(&sel)
        .map(visible_text)
        .find(|t| !t.is_empty())
}
