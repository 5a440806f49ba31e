//! Dates as LinkedIn's export files write them, over the years and after spreadsheets had them:
//! "04 Jul 2023", "1/8/18, 6:14 PM", "Mar 25 2023 10:15 AM", "2023-11-15 14:30:00 UTC",
//! "7/4/2023" → `YYYY-MM-DD`; and "Jun 2018", "2004" (positions and schools) → `YYYY-MM`, `YYYY`.

use crate::extract::dates::parse_date;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn year(word: &str) -> Option<u32> {
    let y: u32 = word.parse().ok()?;
    match y {
        0..=69 if word.len() <= 2 => Some(2000 + y),
        70..=99 if word.len() <= 2 => Some(1900 + y),
        1900..=2200 => Some(y),
        _ => None,
    }
}

fn day(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&d)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A calendar day, `YYYY-MM-DD`, from any of the export's timestamp styles. Slashed dates are
/// read month first (LinkedIn writes them so), unless the first number cannot be a month.
pub fn parse_day(text: &str) -> Option<String> {
    let text = text.trim();
    // Drop the time: after a comma, a 'T', or the first word with a colon.
    let date_part: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        // ISO 8601's "2023-11-15T14:30:00Z": the day is before the T.
        .map(|w| match w.split_once('T') {
            Some((day, _)) if w.starts_with(|c: char| c.is_ascii_digit()) => day,
            _ => w,
        })
        .take_while(|w| !w.contains(':'))
        .collect();
    match date_part.as_slice() {
        [one] => {
            let one = one.split('T').next().unwrap_or(one);
            if let Some([y, m, d]) = numbers(one, '-').as_deref() {
                return day(year(y)?, m.parse().ok()?, d.parse().ok()?);
            }
            let parts = numbers(one, '/').or_else(|| numbers(one, '.'))?;
            let [a, b, y] = parts.as_slice() else {
                return None;
            };
            let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
            let y = year(y)?;
            if a > 12 {
                day(y, b, a)
            } else {
                day(y, a, b)
            }
        }
        // "04 Jul 2023" or "Jul 04 2023"
        [a, b, y] => {
            let y = year(y)?;
            match (month(a), month(b)) {
                (Some(m), None) => day(y, m, b.parse().ok()?),
                (None, Some(m)) => day(y, m, a.parse().ok()?),
                _ => None,
            }
        }
        _ => None,
    }
}

fn numbers(text: &str, sep: char) -> Option<Vec<&str>> {
    let parts: Vec<&str> = text.split(sep).collect();
    (parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())))
    .then_some(parts)
}

/// A month or year for a position or school: "Jun 2018" → "2018-06", "2004" → "2004"; a full
/// day is cut to its month.
pub fn parse_month(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    parse_date(text).or_else(|| parse_day(text).map(|d| d[..7].to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_timestamp_style_of_the_export_files() {
        let cases = [
            ("04 Jul 2023", Some("2023-07-04")),
            ("12 Mar 2021", Some("2021-03-12")),
            ("1/8/18, 6:14 PM", Some("2018-01-08")),
            ("Mar 25 2023 10:15 AM", Some("2023-03-25")),
            ("2023-11-15 14:30:00 UTC", Some("2023-11-15")),
            ("2023-11-15T14:30:00Z", Some("2023-11-15")),
            ("7/4/2023", Some("2023-07-04")),
            ("25/12/2022", Some("2022-12-25")),
            ("25.12.2022", Some("2022-12-25")),
            ("31 Feb 2023", None),
            ("", None),
            ("yesterday", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_day(text).as_deref(), want, "{text}");
        }
        assert_eq!(parse_month("Jun 2018").as_deref(), Some("2018-06"));
        assert_eq!(parse_month("2004").as_deref(), Some("2004"));
        assert_eq!(parse_month("2021-03-12").as_deref(), Some("2021-03"));
        assert_eq!(parse_month(" ").as_deref(), None);
    }
}
