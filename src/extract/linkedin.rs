//! LinkedIn profile pages (`https://www.linkedin.com/in/<handle>/`).
//!
//! For now this reads who the page is about (the name) and recognises the pages that hold no
//! profile: the login wall, "Profile Not Found" and the rate-limit redirect. Anchored on what
//! LinkedIn keeps stable — landmarks, headings, card ids, `og:` metadata — never on hashed class
//! names.
//!
//! Tested on: `tests/fixtures/pages/*.html` (committed), and when present
//! `../shared/fixtures/linkedin-html/{logged-in-2024,public-2024,legacy-2016}/*.html`.

use scraper::Html;
use url::Url;

use super::{first_text, selector, NoProfile};
use crate::model::{Profile, Site};

/// The public identifier in a profile address, also on its details pages
/// (`/in/<handle>/details/experience/`). `None` for any other address.
pub(super) fn handle_from_url(url: &Url) -> Option<String> {
    let host = url.host_str()?;
    if host != "linkedin.com" && !host.ends_with(".linkedin.com") {
        return None;
    }
    let mut segments = url.path_segments()?;
    if segments.next()? != "in" {
        return None;
    }
    let handle = segments.next().filter(|h| !h.is_empty())?;
    // Handles are percent-encoded in addresses when they hold non-ASCII letters.
    let decoded = percent_decode(handle);
    Some(decoded.trim().to_owned()).filter(|h| !h.is_empty())
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("h={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_owned())
}

/// Reads the profile of `handle` from a parsed LinkedIn page.
pub(super) fn read(document: &Html, handle: &str) -> Result<Profile, NoProfile> {
    if let Some(reason) = no_profile(document) {
        return Err(reason);
    }
    let name = read_name(document).ok_or(NoProfile::NoName)?;
    Ok(Profile {
        site: Site::Linkedin,
        url: format!("https://www.linkedin.com/in/{handle}/"),
        handle: handle.to_owned(),
        name,
        headline: None,
        location: None,
        positions: Vec::new(),
        education: Vec::new(),
        mutuals: Default::default(),
    })
}

/// Recognises the pages LinkedIn shows instead of a profile.
fn no_profile(document: &Html) -> Option<NoProfile> {
    let title = first_text(document, "title").unwrap_or_default();
    let lower = title.to_lowercase();
    if lower.contains("profile not found") || lower.contains("page not found") {
        return Some(NoProfile::NotFound);
    }
    if document
        .select(&selector(
            ".page-not-found__headline, [data-test-id='page-not-found']",
        ))
        .next()
        .is_some()
    {
        return Some(NoProfile::NotFound);
    }
    if lower.contains("log in or sign up")
        || lower.contains("sign up | linkedin")
        || lower.contains("sign in | linkedin")
    {
        return Some(NoProfile::LoginWall);
    }
    let has_heading = document.select(&selector("h1, h2")).next().is_some();
    let refreshes = document
        .select(&selector("meta[http-equiv='refresh' i]"))
        .next()
        .is_some();
    if refreshes && !has_heading {
        return Some(NoProfile::RateLimited);
    }
    None
}

/// The person's name, from the most specific place that has one.
fn read_name(document: &Html) -> Option<String> {
    // 2026 layout: the top card's only h2 (the sticky toolbar before it repeats the name, so the
    // selector is scoped to the card). 2024 logged in and public: the top card's h1.
    first_text(document, "div[id$='Topcard'] h2")
        .or_else(|| first_text(document, "main h1"))
        .or_else(|| first_text(document, "h1"))
        .or_else(|| og_title_name(document))
}

/// `og:title` reads "Name - Headline | LinkedIn" on public pages.
fn og_title_name(document: &Html) -> Option<String> {
    let sel = selector("meta[property='og:title']");
    let content = document.select(&sel).next()?.value().attr("content")?;
    let name = content
        .split(" | ")
        .next()?
        .split(" - ")
        .next()?
        .trim()
        .to_owned();
    Some(name).filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_come_from_profile_and_details_addresses_only() {
        let cases = [
            (
                "https://www.linkedin.com/in/ada-example/",
                Some("ada-example"),
            ),
            (
                "https://nl.linkedin.com/in/ada-example?trk=x",
                Some("ada-example"),
            ),
            (
                "https://www.linkedin.com/in/ada-example/details/experience/",
                Some("ada-example"),
            ),
            ("https://www.linkedin.com/in/j%C3%B6rg-m/", Some("jörg-m")),
            ("https://www.linkedin.com/feed/", None),
            ("https://www.linkedin.com/in/", None),
            ("https://linkedin.example.com/in/ada/", None),
        ];
        for (url, want) in cases {
            let got = handle_from_url(&Url::parse(url).unwrap());
            assert_eq!(got.as_deref(), want, "{url}");
        }
    }
}
