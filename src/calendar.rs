//! The calendar: a day as a count since 1970-01-01, read from and written as `YYYY-MM-DD`,
//! the day a moment falls on, and a month as a count since year 0 (`YYYY-MM`, or a year alone,
//! as positions and schools give them). A leaf: every module that counts days or months uses it.
//!
//! ```
//! use common_ground::calendar::{date_of, day_of};
//! assert_eq!(day_of("2026-02-12").map(date_of).as_deref(), Some("2026-02-12"));
//! assert_eq!(day_of("2026-02-31"), None);
//! ```

/// A day as a count since 1970-01-01.
pub type Day = i64;

pub const MS_PER_DAY: f64 = 86_400_000.0;

/// "2026-11-22" (or the date part of "2026-11-22 10:00:00 UTC") → that day; `None` for a day
/// the calendar does not have ("2026-02-31").
pub fn day_of(date: &str) -> Option<Day> {
    let date = date.get(..10)?;
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts
        .next()?
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let d: i64 = parts
        .next()?
        .parse()
        .ok()
        .filter(|d| (1..=31).contains(d))?;
    // Days from the civil calendar (proleptic Gregorian), counted from 1970-01-01.
    let year = if m <= 2 { y - 1 } else { y };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let day = era * 146_097 + doe - 719_468;
    // A day the month does not have (31 April, 29 February of 2026) is no date.
    (date_of(day) == format!("{y:04}-{m:02}-{d:02}")).then_some(day)
}

/// The day a timestamp (milliseconds since the epoch, UTC) falls on.
pub fn day_of_ms(ms: f64) -> Day {
    (ms / MS_PER_DAY).floor() as Day
}

/// A day written as `YYYY-MM-DD`.
pub fn date_of(day: Day) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A month as a count since year 0: comparable, subtractable.
pub type Month = i32;

/// "2021-11" → that month; "2021" → January (as a start) or December (as an end).
pub fn month_of(date: &str, end: bool) -> Option<Month> {
    let mut parts = date.trim().split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: i32 = match parts.next() {
        Some(m) => m.parse().ok().filter(|m| (1..=12).contains(m))?,
        None if end => 12,
        None => 1,
    };
    Some(year * 12 + month - 1)
}

/// The month a day falls in.
pub fn month_of_day(day: Day) -> Month {
    month_of(&date_of(day)[..7], false).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_through_the_calendar() {
        assert_eq!(day_of("1970-01-01"), Some(0));
        assert_eq!(
            day_of("2000-03-01").unwrap() - day_of("2000-02-28").unwrap(),
            2
        );
        assert_eq!(day_of("2026-11-22 10:00:00 UTC"), day_of("2026-11-22"));
        assert_eq!(day_of("2026-13-01"), None);
        assert_eq!(day_of("26-1-1"), None);
        for impossible in ["2026-02-31", "2026-02-29", "2025-04-31", "1900-02-29"] {
            assert_eq!(day_of(impossible), None, "{impossible}");
        }
        assert!(day_of("2024-02-29").is_some(), "a leap day");
        assert!(day_of("2000-02-29").is_some(), "a leap day of a 400th year");
        for day in [-1, 0, 11_016, 20_414, 40_000] {
            assert_eq!(day_of(&date_of(day)), Some(day));
        }
        assert_eq!(
            day_of_ms(1_795_000_000_000.0),
            day_of("2026-11-18").unwrap()
        );
    }
}
