//! Date ranges as profile pages write them → `YYYY-MM` / `YYYY` strings.
//!
//! Handles English, Dutch, German and French month names and abbreviations ("Nov 2021",
//! "mrt. 2019", "Jan. 2020", "janv. 2020"), year-only dates, the words for "now" ("Present",
//! "heden", "Heute", "aujourd’hui"), hyphen, en dash or "to"/"tot"/"bis" between the ends, and
//! ignores the duration LinkedIn appends after a middle dot ("· 3 yrs 1 mo").
//!
//! ```
//! use common_ground::extract::dates::{parse_range, DateRange};
//! assert_eq!(
//!     parse_range("jan. 2020 - heden · 4 jaar"),
//!     Some(DateRange { start: Some("2020-01".into()), end: None, current: true })
//! );
//! ```

/// A period as stored in the Profile schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    pub start: Option<String>,
    pub end: Option<String>,
    /// The period runs until today ("Present").
    pub current: bool,
}

const MONTHS: &[(&str, u8)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mrt", 3),
    ("mei", 5),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("oktober", 10),
    ("okt", 10),
    // German
    ("januar", 1),
    ("jän", 1),
    ("februar", 2),
    ("märz", 3),
    ("mär", 3),
    ("mai", 5),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("févr", 2),
    ("fév", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("déc", 12),
    // Spanish
    ("enero", 1),
    ("ene", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("abr", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("ago", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("dic", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("fev", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("set", 9),
    ("outubro", 10),
    ("out", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("gen", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("mag", 5),
    ("giugno", 6),
    ("giu", 6),
    ("luglio", 7),
    ("lug", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("ott", 10),
    ("dicembre", 12),
    // Russian, in the nominative and the genitive ("января 2020")
    ("январь", 1),
    ("января", 1),
    ("янв", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("фев", 2),
    ("март", 3),
    ("марта", 3),
    ("мар", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("апр", 4),
    ("май", 5),
    ("мая", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июн", 6),
    ("июль", 7),
    ("июля", 7),
    ("июл", 7),
    ("август", 8),
    ("августа", 8),
    ("авг", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("сен", 9),
    ("сент", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("окт", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("ноя", 11),
    ("нояб", 11),
    ("декабрь", 12),
    ("декабря", 12),
    ("дек", 12),
];

/// The longest text read as one date ("1 septiembre de 2020", "настоящее время" and room to
/// spare).
const MAX_DATE_BYTES: usize = 48;

/// Words that sit between a month and its year ("ene. de 2020", "janv. 2020", "янв. 2020 г.").
const FILLERS: &[&str] = &["de", "del", "г", "года"];

const NOW: &[&str] = &[
    "present",
    "now",
    "current",
    "heden",
    "nu",
    "huidig",
    "heute",
    "aktuell",
    "jetzt",
    "aujourd’hui",
    "aujourd'hui",
    "présent",
    "actuel",
    "actualidad",
    "presente",
    "o momento",
    "momento",
    "atual",
    "oggi",
    "настоящее время",
    "н.в",
];

/// Parses one end of a range: "Nov 2021", "mrt. 2019", "2015". `None` if it is not a date.
pub fn parse_date(text: &str) -> Option<String> {
    // A date is a few words: a longer text is not read word by word (a page can put kilobytes
    // where a date would be, and every line of an entry is asked).
    if text.len() > MAX_DATE_BYTES {
        return None;
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| !FILLERS.contains(&w.as_str()))
        .collect();
    match words.as_slice() {
        [year] => year_of(year).map(|y| y.to_string()),
        [month, year] => {
            let year = year_of(year)?;
            let month = month_of(month)?;
            Some(format!("{year}-{month:02}"))
        }
        // "1 jan. 2020" or "Jan 1, 2020": keep month and year.
        [a, b, year] => {
            let year = year_of(year)?;
            let month = month_of(a).or_else(|| month_of(b))?;
            Some(format!("{year}-{month:02}"))
        }
        _ => None,
    }
}

fn year_of(word: &str) -> Option<u16> {
    let year: u16 = word.parse().ok()?;
    (1900..=2200).contains(&year).then_some(year)
}

fn month_of(word: &str) -> Option<u8> {
    if let Ok(n) = word.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, m)| m)
}

fn is_now(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    NOW.contains(&t.as_str())
}

/// Parses "Nov 2021 - Present · 3 yrs 1 mo", "2015 – 2017", "Aug 2020 to Jun 2021", "2019".
/// `None` when the text holds no date at its start.
pub fn parse_range(text: &str) -> Option<DateRange> {
    // The duration after the middle dot is LinkedIn's own arithmetic; we keep the dates.
    let text = text.split(['·', '•']).next()?.trim();
    if text.len() > 2 * MAX_DATE_BYTES + 8 {
        return None;
    }
    let (from, to) = split_range(text);
    let start = parse_date(from)?;
    let Some(to) = to else {
        return Some(DateRange {
            start: Some(start.clone()),
            end: Some(start),
            current: false,
        });
    };
    // Public pages put the duration right after the end, with no dot: "Jun 2021 11 months".
    let words: Vec<&str> = to.split_whitespace().collect();
    if words.first().is_some_and(|w| is_now(w)) || is_now(to) {
        return Some(DateRange {
            start: Some(start),
            end: None,
            current: true,
        });
    }
    let end = (1..=words.len().min(3))
        .rev()
        .find_map(|n| parse_date(&words[..n].join(" ")));
    Some(DateRange {
        start: Some(start),
        end,
        current: false,
    })
}

/// "5 yrs 11 mos", "2 jaar 7 maanden": a group's total, not a date range.
pub fn is_duration(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower
        .split_whitespace()
        .next()
        .is_some_and(|w| w.parse::<u32>().is_ok())
        && [
            "yr", "mo", "year", "month", "jaar", "maand", "mnd", "jahr", "monat", "an", "mois",
            "año", "mes", "ano", "mês", "anno", "anni", "mese", "mesi", "год", "лет", "мес", "г.",
        ]
        .iter()
        .any(|u| lower.contains(u))
}

fn split_range(text: &str) -> (&str, Option<&str>) {
    for sep in [" - ", " – ", " — ", "-", "–", "—"] {
        if let Some((a, b)) = text.split_once(sep) {
            return (a.trim(), Some(b.trim()));
        }
    }
    for word in [" to ", " tot ", " bis ", " à ", " au "] {
        if let Some((a, b)) = text.split_once(word) {
            return (a.trim(), Some(b.trim()));
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: Option<&str>, end: Option<&str>, current: bool) -> Option<DateRange> {
        Some(DateRange {
            start: start.map(Into::into),
            end: end.map(Into::into),
            current,
        })
    }

    #[test]
    fn ranges_in_every_language_the_pages_use() {
        let cases = [
            (
                "Nov 2021 - Present · 3 yrs 1 mo",
                range(Some("2021-11"), None, true),
            ),
            (
                "Jul 2021 to Present · 3 yrs 1 mo",
                range(Some("2021-07"), None, true),
            ),
            (
                "Aug 2020 - Jun 2021 · 11 mos",
                range(Some("2020-08"), Some("2021-06"), false),
            ),
            ("2015 - 2017", range(Some("2015"), Some("2017"), false)),
            ("2015 – 2017", range(Some("2015"), Some("2017"), false)),
            (
                "jan. 2020 - heden · 4 jaar",
                range(Some("2020-01"), None, true),
            ),
            (
                "mrt. 2017 - okt. 2021 · 4 jaar 8 maanden",
                range(Some("2017-03"), Some("2021-10"), false),
            ),
            (
                "mei 2019 - dec. 2019",
                range(Some("2019-05"), Some("2019-12"), false),
            ),
            (
                "Jan. 2020 – Heute · 4 Jahre",
                range(Some("2020-01"), None, true),
            ),
            (
                "März 2018 - Dez. 2019",
                range(Some("2018-03"), Some("2019-12"), false),
            ),
            (
                "janv. 2020 - aujourd’hui · 4 ans",
                range(Some("2020-01"), None, true),
            ),
            (
                "févr. 2016 - août 2018",
                range(Some("2016-02"), Some("2018-08"), false),
            ),
            ("2019", range(Some("2019"), Some("2019"), false)),
            (
                "Aug 2020 - Jun 2021 11 months",
                range(Some("2020-08"), Some("2021-06"), false),
            ),
            (
                "Jul 2021 - Present 2 years 9 months",
                range(Some("2021-07"), None, true),
            ),
            ("Sep 2012", range(Some("2012-09"), Some("2012-09"), false)),
            (
                "ene. de 2020 - actualidad · 4 años",
                range(Some("2020-01"), None, true),
            ),
            (
                "jan. de 2019 - o momento · 5 anos 2 meses",
                range(Some("2019-01"), None, true),
            ),
            (
                "set. de 2016 - dez. de 2018",
                range(Some("2016-09"), Some("2018-12"), false),
            ),
            (
                "giu 2015 - Presente · 9 anni",
                range(Some("2015-06"), None, true),
            ),
            (
                "ott 2012 - mag 2014",
                range(Some("2012-10"), Some("2014-05"), false),
            ),
            (
                "янв. 2020 г. – настоящее время · 4 г. 3 мес.",
                range(Some("2020-01"), None, true),
            ),
            (
                "сент. 2014 г. – авг. 2016 г.",
                range(Some("2014-09"), Some("2016-08"), false),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse_range(text), want, "{text}");
        }
    }

    #[test]
    fn text_that_is_not_a_date_is_not_one() {
        for text in [
            "Full-time",
            "Stockholm Metropolitan Area",
            "",
            "·",
            "5 yrs 11 mos",
            "Mayday 2020",
            "Jan 20200",
        ] {
            assert_eq!(parse_range(text), None, "{text}");
        }
    }
}
