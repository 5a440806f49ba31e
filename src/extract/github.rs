//! GitHub user pages (`https://github.com/<user>`, also with `?tab=…`).
//!
//! GitHub marks its profile sidebar as a schema.org Person (microdata) and an h-card, so the
//! reading is `schema_org.rs`'s; this file knows which addresses are user pages, the bio
//! (`p-note`), and GitHub's "@org" spelling of employers.
//!
//! Tested on: `../shared/fixtures/github-html/*.html` when present, and `tests/extract.rs`.

use super::address::Address;
use scraper::Html;

use super::{first_text, schema_org, sel, NoProfile};
use crate::model::{Profile, Site};

/// First path segments that are GitHub's own pages, not users.
const RESERVED: &[&str] = &[
    "about",
    "account",
    "apps",
    "blog",
    "codespaces",
    "collections",
    "contact",
    "customer-stories",
    "dashboard",
    "enterprise",
    "events",
    "explore",
    "features",
    "gist",
    "issues",
    "login",
    "logout",
    "marketplace",
    "new",
    "notifications",
    "orgs",
    "organizations",
    "pricing",
    "pulls",
    "search",
    "security",
    "settings",
    "signup",
    "site",
    "sponsors",
    "stars",
    "team",
    "topics",
    "trending",
];

pub(super) fn is_github(url: &Address) -> bool {
    url.host() == "github.com" || url.host() == "www.github.com"
}

/// The user of a profile address; `None` for repositories and GitHub's own pages.
pub(super) fn handle_from_url(url: &Address) -> Option<String> {
    let mut segments = url.segments();
    let user = segments.next()?;
    if segments.next().is_some() || RESERVED.contains(&user.to_ascii_lowercase().as_str()) {
        return None;
    }
    let valid = user.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    valid.then(|| user.to_owned())
}

pub(super) fn read(document: &Html, handle: &str) -> Result<Profile, NoProfile> {
    let title = first_text(document, sel!("title"))
        .unwrap_or_default()
        .to_lowercase();
    if title.starts_with("page not found") {
        return Err(NoProfile::NotFound);
    }
    let person = schema_org::read(document).ok_or(NoProfile::NoName)?;
    let bio = first_text(document, sel!(".p-note, .user-profile-bio"));
    Ok(Profile {
        site: Site::Github,
        url: format!("https://github.com/{handle}"),
        handle: handle.to_owned(),
        name: person.name,
        headline: bio.or(person.headline),
        location: person.location,
        positions: person.positions,
        education: person.education,
        mutuals: Default::default(),
    })
}
