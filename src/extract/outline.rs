//! A profile read from the page's visible text ([`text::lines`]) alone, whatever its markup: the
//! top card is the name and the lines that follow it, a section is what follows a heading that
//! names it (in the interface languages LinkedIn has), an entry is a list item of the section,
//! and a role grouped under a company is a list item inside an entry that holds a date range.
//!
//! This is what keeps working when LinkedIn changes its markup, as it does every few months; the
//! layout readers in `linkedin.rs` add what only markup tells (company links, the grouped-roles
//! markers of one generation) and fill what this one leaves empty.

use super::dates::{is_duration, parse_range};
use super::text::Line;

/// One entry of a list, as lines of visible text, with the roles grouped under it when a site
/// groups several roles at one company.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub lines: Vec<String>,
    pub roles: Vec<Entry>,
    /// The organisation's page on LinkedIn, when the entry links it.
    pub org_url: Option<String>,
}

/// Section headings, lower case, in English, Dutch, German, French, Spanish, Portuguese, Italian
/// and Russian.
pub(super) const EXPERIENCE: &[&str] = &[
    "experience",
    "work experience",
    "ervaring",
    "werkervaring",
    "berufserfahrung",
    "erfahrung",
    "expérience",
    "experiencia",
    "experiência",
    "esperienza",
    "опыт работы",
    "опыт",
];
pub(super) const EDUCATION: &[&str] = &[
    "education",
    "opleiding",
    "opleidingen",
    "ausbildung",
    "bildung",
    "formation",
    "educación",
    "formación",
    "formación académica",
    "formação acadêmica",
    "formação",
    "istruzione",
    "formazione",
    "образование",
];
/// Headings of the sections that follow the top card.
const AFTER_TOP_CARD: &[&str] = &[
    "about",
    "info",
    "over",
    "à propos",
    "acerca de",
    "sobre",
    "informazioni",
    "общие сведения",
    "highlights",
    "hoogtepunten",
    "activity",
    "activiteit",
    "aktivitäten",
    "aktivität",
    "activité",
    "actividad",
    "atividade",
    "attività",
    "действия",
    "featured",
    "uitgelicht",
    "im fokus",
    "sélection",
    "destacado",
    "destaque",
    "in primo piano",
    "рекомендации",
];

/// Whether a heading's text names one of `titles`.
pub(super) fn is_heading(text: &str, titles: &[&str]) -> bool {
    let lower = text.trim().to_lowercase();
    titles.contains(&lower.as_str())
}

/// Whether `text` is the title of one of a profile's sections (a details page's `h1` and
/// `<title>` name their section, not the person).
pub(super) fn is_section_title(text: &str) -> bool {
    [EXPERIENCE, EDUCATION, AFTER_TOP_CARD]
        .iter()
        .any(|titles| is_heading(text, titles))
}

/// The lines of the first section headed by one of `titles`: from the heading to the next heading
/// of the same or a higher level.
pub(super) fn section<'a>(lines: &'a [Line], titles: &[&str]) -> Option<&'a [Line]> {
    let (at, level) = lines.iter().enumerate().find_map(|(i, l)| {
        l.heading
            .filter(|_| !l.control && is_heading(&l.text, titles))
            .map(|h| (i, h))
    })?;
    let body = &lines[at + 1..];
    let end = body
        .iter()
        .position(|l| l.heading.is_some_and(|h| h <= level))
        .unwrap_or(body.len());
    Some(&body[..end])
}

/// The entries of a section: its outermost list items, each with the roles nested in it.
pub(super) fn entries(section: &[Line]) -> Vec<Entry> {
    let Some(depth) = section
        .iter()
        .map(|l| l.items.len())
        .filter(|&d| d > 0)
        .min()
    else {
        return entries_by_dates(section);
    };
    let section: Vec<&Line> = section.iter().collect();
    group(&section, depth)
        .into_iter()
        .map(|lines| entry(&lines, depth))
        .filter(|e| !e.lines.is_empty() || !e.roles.is_empty())
        .collect()
}

/// The entries of a section that is not a list: each entry holds one date range, with the lines
/// before it (title, organisation) and the place after it. The place goes with the entry above
/// only when enough lines follow it for the next entry's title and organisation.
fn entries_by_dates(section: &[Line]) -> Vec<Entry> {
    let lines: Vec<&Line> = section
        .iter()
        .filter(|l| l.heading.is_none_or(|h| h > 2) && is_entry_line(l) && !is_sentence(&l.text))
        .collect();
    let dated: Vec<usize> = (0..lines.len())
        .filter(|&i| parse_range(&lines[i].text).is_some())
        .collect();
    let mut out = Vec::new();
    let mut from = 0;
    for (k, &at) in dated.iter().enumerate() {
        let next = dated.get(k + 1).copied().unwrap_or(lines.len() + 3);
        let mut to = at + 1;
        while to < lines.len()
            && to < at + 3
            && next.saturating_sub(to + 1) >= 2
            && (is_duration(&lines[to].text) || looks_like_place(&lines[to].text))
        {
            to += 1;
        }
        // Title and organisation are the two lines above the dates; what lies between them
        // and the entry before is that entry's description.
        let first = from.max(at.saturating_sub(2));
        out.push(Entry {
            lines: lines[first..to].iter().map(|l| l.text.clone()).collect(),
            roles: vec![],
            org_url: lines[first..to]
                .iter()
                .find_map(|l| l.link.as_deref().and_then(company_page)),
        });
        from = to;
    }
    out
}

/// Splits `lines` by the list item they sit in at `depth` (lines outside any item at that depth
/// are dropped: buttons like "Show all experiences").
fn group<'a>(lines: &[&'a Line], depth: usize) -> Vec<Vec<&'a Line>> {
    let mut groups: Vec<Vec<&Line>> = Vec::new();
    let mut current: Option<u32> = None;
    for &line in lines.iter().filter(|l| l.items.len() >= depth) {
        let item = line.items[depth - 1];
        if current != Some(item) {
            groups.push(Vec::new());
            current = Some(item);
        }
        if let Some(g) = groups.last_mut() {
            g.push(line);
        }
    }
    groups
}

/// One entry: the lines at its own depth, and the roles among its nested items — a nested item
/// with a date range is a role; one without is its description, not read.
fn entry(lines: &[&Line], depth: usize) -> Entry {
    let own: Vec<String> = lines
        .iter()
        .filter(|l| l.items.len() == depth)
        .filter(|l| is_entry_line(l))
        .map(|l| l.text.clone())
        .collect();
    let org_url = lines
        .iter()
        .find_map(|l| l.link.as_deref().and_then(company_page));
    let nested: Vec<&Line> = lines
        .iter()
        .copied()
        .filter(|l| l.items.len() > depth)
        .collect();
    let roles = roles(&nested, depth + 1);
    Entry {
        lines: own,
        roles,
        org_url,
    }
}

/// The roles among nested items: items holding exactly one date range are roles; an item holding
/// several is a wrapper around them, read one level deeper.
fn roles(nested: &[&Line], depth: usize) -> Vec<Entry> {
    if nested.is_empty() || depth > super::text::MAX_ITEM_DEPTH {
        return vec![];
    }
    let mut out = Vec::new();
    for group in group(nested, depth) {
        let dated = group
            .iter()
            .filter(|l| is_entry_line(l) && parse_range(&l.text).is_some())
            .count();
        match dated {
            0 => {}
            1 => out.push(Entry {
                lines: group
                    .iter()
                    .filter(|l| l.items.len() == depth && is_entry_line(l))
                    .map(|l| l.text.clone())
                    .collect(),
                roles: vec![],
                org_url: None,
            }),
            _ => {
                let deeper: Vec<&Line> = group
                    .iter()
                    .copied()
                    .filter(|l| l.items.len() > depth)
                    .collect();
                out.extend(roles(&deeper, depth + 1));
            }
        }
    }
    out
}

/// A line that can say what an entry is (title, organisation, dates, place), as opposed to its
/// description, a control, or an ellipsis.
fn is_entry_line(line: &Line) -> bool {
    let text = line.text.trim();
    !line.control
        && text.chars().count() <= 150
        && !matches!(text, "…" | "..." | "·" | "•")
        && !text.ends_with("see more")
        && !text.ends_with("… more")
        && !text.ends_with("...more")
}

/// A line that reads as prose (a description), not as a title or a name: five words or more
/// ending in a full stop, or more than fifteen words.
fn is_sentence(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words > 15 || words >= 5 && text.trim_end().ends_with(['.', '!', '?'])
}

/// `https://www.linkedin.com/company/<id>/` for a link to a company page.
pub(super) fn company_page(href: &str) -> Option<String> {
    let rest = &href[href.find("/company/")? + "/company/".len()..];
    let id = rest.split(['/', '?', '#']).next()?;
    (!id.is_empty()).then(|| format!("https://www.linkedin.com/company/{id}/"))
}

// ---------------------------------------------------------------------------------------------
// The top card

/// What the top of a profile says.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct TopCard {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub location: Option<String>,
    /// A line between the headline and the location: the current employer, as the 2026 layout
    /// prints it there.
    pub company: Option<String>,
}

/// How many lines after the name the top card can run to (the 2024 layout repeats its menu
/// between a sticky copy of the name and the card).
const CARD_LINES: usize = 30;
/// The headline is among the first lines under the name, the location a little further down.
const HEADLINE_WITHIN: usize = 8;
const PLACE_WITHIN: usize = 12;

/// The name line and what follows it up to the first section: the headline is the first line
/// under the name that is not a control, a degree, pronouns, a count or a prompt; the location
/// is the line a "Location" label names, or the place on the contact-info line, or the most
/// place-like line just above the contact-info link, or else the first place-like line after
/// the headline.
///
/// `title_name` is the name the page's `<title>` or `og:title` gives, which anchors the card when
/// the name is not a heading (2020) or not the first heading (a hidden toolbar before it).
pub(super) fn top_card(lines: &[Line], title_name: Option<&str>) -> TopCard {
    let anchor = title_name
        .and_then(|name| {
            let name = fold(name);
            lines.iter().position(|l| fold(&l.text) == name)
        })
        .or_else(|| {
            // A details page's h1 names its section, not the person.
            lines
                .iter()
                .position(|l| l.heading == Some(1) && !is_section_title(&l.text))
        });
    let Some(at) = anchor else {
        return TopCard {
            name: title_name.map(str::to_owned),
            ..TopCard::default()
        };
    };
    let name = lines[at].text.clone();
    let card: Vec<&Line> = lines[at + 1..]
        .iter()
        .take(CARD_LINES)
        .take_while(|l| !(l.heading.is_some() && is_section_title(&l.text)))
        .collect();
    let contact = card.iter().position(|l| is_contact_info(&l.text));
    let readable = |l: &&Line| !l.control && !is_noise(&l.text) && fold(&l.text) != fold(&name);
    // The place on the contact-info line itself ("Utrecht · Contact info").
    let on_contact_line =
        contact.filter(|&c| looks_like_place(&before_contact_info(&card[c].text)));
    // Older public pages label it: "Location" above "Palo Alto, California".
    let labelled = card
        .iter()
        .position(|l| is_heading(&l.text, LOCATION_LABELS))
        .map(|i| i + 1)
        .filter(|&i| {
            card.get(i)
                .is_some_and(|l| readable(l) && looks_like_place(&l.text))
        });
    // Before the contact link, the most place-like of the lines just above it: company and
    // school names read like places too, but rarely have a comma or end in "Area".
    let marked = labelled.or(on_contact_line).or_else(|| {
        contact.and_then(|c| {
            // On a tie the nearest to the link wins: `max_by_key` keeps the last.
            (c.saturating_sub(8)..c)
                .filter(|&i| readable(&card[i]) && looks_like_place(&card[i].text))
                .max_by_key(|&i| place_weight(card[i]))
        })
    });
    // The headline comes right under the name; a card with none goes on to prompts.
    let headline = card
        .iter()
        .enumerate()
        .take(HEADLINE_WITHIN)
        .take_while(|(i, l)| Some(*i) != marked && !is_contact_info(&l.text))
        .find(|(_, l)| readable(l))
        .map(|(_, l)| l.text.clone());
    let headline_at = headline
        .as_ref()
        .and_then(|h| card.iter().position(|l| &l.text == h));
    let location_at = marked.or_else(|| {
        let from = headline_at.map_or(0, |h| h + 1);
        (from..card.len().min(PLACE_WITHIN))
            .find(|&i| readable(&card[i]) && looks_like_place(&card[i].text))
    });
    let company = match (headline_at, location_at) {
        (Some(h), Some(l)) if h + 1 < l => card[h + 1..l]
            .iter()
            .find(|l| readable(l))
            .map(|l| l.text.clone()),
        _ => None,
    };
    TopCard {
        name: Some(name),
        headline,
        location: location_at.map(|i| before_contact_info(&card[i].text)),
        company,
    }
}

/// How surely a place-like line is the location: a comma, a word like "Area", a heading of its
/// own (2018) each add to it.
fn place_weight(line: &Line) -> u8 {
    let lower = line.text.to_lowercase();
    let area = [
        "area",
        "region",
        "metropolitan",
        "greater",
        "regio",
        "omgeving",
        "umgebung",
        "région",
    ]
    .iter()
    .any(|w| lower.split_whitespace().any(|x| x == *w));
    2 * u8::from(line.text.contains(',')) + 2 * u8::from(area) + u8::from(line.heading.is_some())
}

/// "Amsterdam · Contact info" → "Amsterdam"; "Amsterdam" stays.
fn before_contact_info(text: &str) -> String {
    let mut rest = text.trim();
    let lower = rest.to_lowercase();
    // The longest phrase that ends the line: "See contact info" is all link.
    if let Some(phrase) = CONTACT_INFO
        .iter()
        .filter(|p| lower.ends_with(*p))
        .max_by_key(|p| p.len())
    {
        // Lower-casing keeps the byte length of these phrases' letters; `get` refuses a cut
        // that would not fall between characters.
        rest = rest
            .get(..rest.len() - phrase.len())
            .unwrap_or(rest)
            .trim_end();
    }
    rest.split(" · ")
        .next()
        .unwrap_or(rest)
        .trim_end_matches(['·', ' '])
        .to_owned()
}

/// Case and spacing folded, for comparing a line with a name.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

const CONTACT_INFO: &[&str] = &[
    "contact info",
    "see contact info",
    "contactgegevens",
    "contactinformatie",
    "kontaktinfo",
    "kontaktinformationen",
    "coordonnées",
    "información de contacto",
    "informações de contato",
    "informazioni di contatto",
    "контактные сведения",
];

/// A contact-info link, alone or at the end of the location line.
fn is_contact_info(text: &str) -> bool {
    let lower = text.trim().trim_start_matches('·').trim().to_lowercase();
    CONTACT_INFO
        .iter()
        .any(|p| lower == *p || lower.ends_with(&format!(" {p}")))
}

/// Lines in a top card that are not about the person: degrees, pronouns, counts, prompts,
/// masked text, separators.
pub(super) fn is_noise(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['·', '•']).trim();
    let lower = t.to_lowercase();
    if t.is_empty() || t.chars().all(|c| !c.is_alphanumeric()) || t.contains("***") {
        return true;
    }
    // "1st", "2nd", "3rd+", "2e", "2º", "2.", "degree connection"
    let degree = lower.trim_end_matches('+');
    if matches!(
        degree,
        "1st"
            | "2nd"
            | "3rd"
            | "1e"
            | "2e"
            | "3e"
            | "1º"
            | "2º"
            | "3º"
            | "1°"
            | "2°"
            | "3°"
            | "1."
            | "2."
            | "3."
            | "1er"
            | "2ème"
            | "3ème"
    ) || lower.contains("degree connection")
    {
        return true;
    }
    if is_pronouns(t) || is_contact_info(t) {
        return true;
    }
    // Counts: "500+ connections", "960 followers", "+ de 500 conexões", "17,457 followers".
    let has_digit = t.chars().any(|c| c.is_ascii_digit());
    let counted = [
        "connection",
        "follower",
        "connectie",
        "volger",
        "kontakt",
        "follower",
        "relation",
        "abonné",
        "conexion",
        "conexão",
        "conexões",
        "seguidor",
        "collegament",
        "контакт",
        "подписчик",
    ];
    if has_digit && counted.iter().any(|c| lower.contains(c)) {
        return true;
    }
    // "View Ada's full profile", "Contact Ada directly", "Sign in to view Ada's full profile".
    // Sales Navigator's "Ada and 2 others can introduce you to Bo" names other people.
    let about_the_profile = lower.contains("full profile")
        || lower.ends_with(" directly")
        || lower.contains("can introduce you");
    LABELS.contains(&lower.as_str())
        || LOCATION_LABELS.contains(&lower.as_str())
        || about_the_profile
        || PROMPTS.iter().any(|p| lower.starts_with(p))
}

/// The label older public pages print above the location.
const LOCATION_LABELS: &[&str] = &[
    "location",
    "locatie",
    "standort",
    "lieu",
    "ubicación",
    "localidade",
    "località",
];

/// Labels of the other facts a top card lists (older public pages), never a fact themselves.
const LABELS: &[&str] = &[
    "industry",
    "sector",
    "branche",
    "secteur",
    "current",
    "previous",
    "education",
    "huidig",
    "vorig",
];

/// Buttons, prompts and the headings of other people's cards, sometimes plain text.
const PROMPTS: &[&str] = &[
    "join linkedin",
    "see who you know",
    "get introduced",
    "view full profile",
    "people also viewed",
    "followed by",
    "gevolgd door",
    "gefolgt von",
    "suivi par",
    "people you may know",
    "other similar profiles",
    "see your mutual",
    "see all",
    "show all",
    "message",
    "connect",
    "follow",
    "more",
    "open to",
    "verified",
    "bericht",
    "verbinden",
    "volgen",
    "nachricht",
    "vernetzen",
    "folgen",
    "se connecter",
    "suivre",
    "enviar mensagem",
    "conectar",
    "seguir",
    "cadastre-se",
    "entre para",
    "sign in",
    "join now",
    "join to view",
    "inscreva-se",
    "regístrate",
    "iscriviti",
];

pub(super) fn is_pronouns(text: &str) -> bool {
    let t = text.trim_matches(['(', ')']).to_lowercase();
    t.len() <= 20 && t.contains('/') && !t.contains(' ') || t == "he/him" || t == "she/her"
}

/// A line that reads as a place: up to four comma-separated parts of a few capitalised words,
/// no digits and none of the marks headlines use ("|", "@", "+", " at ").
pub(super) fn looks_like_place(text: &str) -> bool {
    let t = text.split(" · ").next().unwrap_or(text).trim();
    if t.is_empty()
        || t.chars().count() > 80
        || t.chars()
            .any(|c| c.is_ascii_digit() || "|@+&/!?:;()".contains(c))
        || is_noise(t)
    {
        return false;
    }
    let parts: Vec<&str> = t.split(',').map(str::trim).collect();
    if parts.len() > 4 || parts.iter().any(|p| p.is_empty()) {
        return false;
    }
    const SMALL: &[&str] = &[
        "de", "do", "da", "dos", "das", "del", "di", "la", "le", "el", "am", "an", "der", "den",
        "im", "sur", "upon", "on", "and", "en", "et", "y", "e", "aan", "op", "bei",
    ];
    parts.iter().all(|part| {
        let words: Vec<&str> = part.split_whitespace().collect();
        words.len() <= 5
            && words.iter().all(|w| {
                SMALL.contains(&w.to_lowercase().as_str())
                    || w.chars().next().is_some_and(|c| c.is_uppercase())
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn lines_of(html: &str) -> Vec<Line> {
        super::super::text::lines(Html::parse_document(html).root_element())
    }

    #[test]
    fn places_and_what_is_not_one() {
        for place in [
            "Tokyo, Tokyo, Japan",
            "San Francisco Bay Area",
            "Curitiba, Paraná, Brasil",
            "Amsterdam",
            "Frankfurt am Main, Hessen, Deutschland",
            "Greater Amsterdam Area · Contact info",
        ] {
            assert!(looks_like_place(place), "{place}");
        }
        for not in [
            "APAC Lead - TA, Alexa + Amazon Science | Come and build the future with us!",
            "960 seguidores",
            "Contact info",
            "See your mutual connections",
            "******* ** ********** ** *****",
            "Software engineer at Acme",
            "500+ connections",
        ] {
            assert!(!looks_like_place(not), "{not}");
        }
    }

    #[test]
    fn a_top_card_in_any_markup() {
        let html = r#"<div role="toolbar" aria-hidden="true"><h2>Ada Example</h2><p>Engineer</p></div>
            <section><h2>Ada Example</h2><p>· 2nd</p><p>she/her</p>
            <p>Engineer at Acme | Open source</p><p>Acme</p>
            <p>Utrecht, Utrecht, Netherlands <a href="/overlay/contact-info/">Contact info</a></p>
            <p>500+ connections</p></section><section><h2>About</h2><p>Hi.</p></section>"#;
        let card = top_card(&lines_of(html), Some("Ada Example"));
        assert_eq!(
            card,
            TopCard {
                name: Some("Ada Example".into()),
                headline: Some("Engineer at Acme | Open source".into()),
                location: Some("Utrecht, Utrecht, Netherlands".into()),
                company: Some("Acme".into()),
            }
        );
        // A public page that shows no headline: the place is not taken for one.
        let html = r#"<h1>Ada E.</h1><h3>Utrecht, Netherlands</h3><h3><a href="/contact">See contact info</a></h3>
            <h3>960 followers</h3>"#;
        let card = top_card(&lines_of(html), None);
        assert_eq!(card.headline, None);
        assert_eq!(card.location.as_deref(), Some("Utrecht, Netherlands"));
    }

    #[test]
    fn sections_entries_and_grouped_roles() {
        let html = r#"<h1>Ada</h1><section><h2>Ervaring</h2><ul>
            <li><h3>Engineer</h3><p>Acme · Fulltime</p><p>jan. 2020 - heden · 4 jaar</p>
                <ul><li>Built things, a long description that is not an entry line.</li></ul></li>
            <li><p>Beta</p><p>5 jaar</p><ul><li><ul>
                <li><h3>Lead</h3><p>mrt. 2018 - dec. 2019</p></li>
                <li><h3>Developer</h3><p>2015 - 2018</p><ul><li>Wrote code.</li></ul></li>
            </ul></li></ul></li></ul><button>Alle ervaring tonen</button></section>
            <section><h2>Opleiding</h2><ul><li><h3>Universiteit Utrecht</h3><p>2010 - 2014</p></li></ul></section>"#;
        let lines = lines_of(html);
        let experience = entries(section(&lines, EXPERIENCE).unwrap());
        assert_eq!(experience.len(), 2);
        assert_eq!(
            experience[0].lines,
            ["Engineer", "Acme · Fulltime", "jan. 2020 - heden · 4 jaar"]
        );
        assert_eq!(experience[1].lines, ["Beta", "5 jaar"]);
        let roles: Vec<&[String]> = experience[1]
            .roles
            .iter()
            .map(|r| r.lines.as_slice())
            .collect();
        assert_eq!(
            roles,
            [
                &["Lead", "mrt. 2018 - dec. 2019"][..],
                &["Developer", "2015 - 2018"]
            ]
        );
        let education = entries(section(&lines, EDUCATION).unwrap());
        assert_eq!(education[0].lines, ["Universiteit Utrecht", "2010 - 2014"]);
    }
}
