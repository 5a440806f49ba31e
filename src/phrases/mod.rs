//! Every sentence the interface shows, in each language it speaks: one phrase book per language
//! (`src/phrases/en.txt`, `nl.txt`; `build.rs` finds them, so a third language is one more file),
//! with the numbers, dates, durations and relative times written as that language writes them.
//!
//! A book is lines of `key = text`; `#` starts a comment. `{name}` in a text is filled by
//! [`Book::say`]; a counted phrase has two keys, `key.one` and `key.other`, and `{n}` in it is
//! the count written with the book's digit grouping ([`Book::count`]). Both languages here use
//! "one" for exactly 1 and "other" for the rest; a language with more forms would add its rule
//! to [`Book::plural`]. The drafts are not here: they choose their own language from the person
//! (`draft::words`).
//!
//! Pure: the interface, the core's error messages and the command line get their text here, so
//! that the wording is tested natively.
//!
//! ```
//! use common_ground::phrases::{book, Lang};
//! let nl = book(Lang::choose(None, "nl-BE"));
//! assert_eq!(nl.count("count.contacts", 3000), "3.000 contacten");
//! assert_eq!(book(Lang::EN).count("count.contacts", 1), "1 contact");
//! ```

use std::sync::OnceLock;

use crate::calendar::{date_of, Day};

include!(concat!(env!("OUT_DIR"), "/books.rs"));

/// A language of the interface: which phrase book to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(usize);

impl Lang {
    /// English: what every book falls back to.
    pub const EN: Lang = Lang(0);

    /// Every language there is a book for, English first.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..BOOKS.len()).map(Lang)
    }

    /// The language of a code such as `nl`, `nl-BE` or `en_GB`, when there is a book for it.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        BOOKS.iter().position(|(c, _)| *c == primary).map(Lang)
    }

    /// The interface's language: the user's setting (`en`, `nl`; `None` or `auto` to follow the
    /// browser), else the browser's language (`chrome.i18n.getUILanguage()`), else English.
    pub fn choose(setting: Option<&str>, browser: &str) -> Lang {
        setting
            .filter(|s| *s != AUTO)
            .and_then(Lang::from_code)
            .or_else(|| Lang::from_code(browser))
            .unwrap_or(Lang::EN)
    }

    /// `en`, `nl`: the book's file name and the `lang` attribute of pages in it.
    pub fn code(self) -> &'static str {
        BOOKS[self.0].0
    }
}

/// The setting's value for "follow the browser".
pub const AUTO: &str = "auto";

/// One language's phrases, parsed.
#[derive(Debug)]
pub struct Book {
    lang: Lang,
    /// Sorted by key.
    phrases: Vec<(&'static str, &'static str)>,
}

/// The book of `lang`.
pub fn book(lang: Lang) -> &'static Book {
    static BOOKS_PARSED: OnceLock<Vec<Book>> = OnceLock::new();
    let books = BOOKS_PARSED.get_or_init(|| {
        BOOKS
            .iter()
            .enumerate()
            .map(|(i, (_, text))| Book {
                lang: Lang(i),
                phrases: parse(text),
            })
            .collect()
    });
    &books[lang.0]
}

/// `key = text` lines; the last of a key twice wins (a test forbids it).
fn parse(text: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut phrases: Vec<_> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (key, value) = l.split_once('=')?;
            Some((key.trim(), value.trim()))
        })
        .collect();
    phrases.sort_by_key(|(key, _)| *key);
    phrases
}

impl Book {
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The keys this book has, in order.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.phrases.iter().map(|(k, _)| *k)
    }

    /// Whether this book itself has `key` (no falling back).
    pub fn has(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    fn find(&self, key: &str) -> Option<&'static str> {
        self.phrases
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|i| self.phrases[i].1)
    }

    /// This book's phrase, else English's.
    fn lookup(&self, key: &str) -> Option<&'static str> {
        self.find(key).or_else(|| book(Lang::EN).find(key))
    }

    /// The phrase under `key`: this book's, else English's, else the key itself (a test makes
    /// sure every key the code uses is in every book).
    pub fn text(&self, key: &'static str) -> &'static str {
        self.lookup(key).unwrap_or(key)
    }

    /// The phrase under a key the code does not know in advance (an HTML skeleton's `data-t`).
    pub fn phrase(&self, key: &str) -> Option<&'static str> {
        self.lookup(key)
    }

    /// The phrase under `key` with each `{name}` replaced by its value.
    pub fn say(&self, key: &'static str, values: &[(&str, &str)]) -> String {
        fill(self.text(key), values)
    }

    /// Which of a counted phrase's forms `n` takes.
    fn plural(&self, n: u64) -> &'static str {
        if n == 1 {
            "one"
        } else {
            "other"
        }
    }

    /// The counted phrase `key` for `n` ("1 note", "3.000 contacten"), its `{n}` written with the
    /// book's digit grouping; more `{name}`s come from `values`.
    pub fn count_with(&self, key: &'static str, n: u64, values: &[(&str, &str)]) -> String {
        let form = format!("{key}.{}", self.plural(n));
        let number = self.number(n);
        let mut all = vec![("n", number.as_str())];
        all.extend_from_slice(values);
        fill(self.lookup(&form).unwrap_or(key), &all)
    }

    pub fn count(&self, key: &'static str, n: u64) -> String {
        self.count_with(key, n, &[])
    }

    /// Items as a sentence lists them: "a", "a and b", "a, b and c".
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.text("format.and")),
        }
    }

    /// `n` with the book's thousands separator: "3,000", "3.000".
    pub fn number(&self, n: u64) -> String {
        let digits = n.to_string();
        let separator = self.text("format.thousands");
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(separator);
            }
            out.push(c);
        }
        out
    }

    /// The short name of month `m` (1 to 12): "Feb", "feb.".
    pub fn month(&self, m: u32) -> &'static str {
        self.text("format.months")
            .split_whitespace()
            .nth((m.clamp(1, 12) - 1) as usize)
            .unwrap_or_default()
    }

    /// "Feb 2026", "feb. 2026".
    pub fn month_year(&self, year: i64, month: u32) -> String {
        self.say(
            "format.month_year",
            &[("month", self.month(month)), ("year", &year.to_string())],
        )
    }

    /// A `YYYY-MM…` date as month and year; anything else as it is.
    pub fn month_year_of(&self, date: &str) -> String {
        let mut parts = date.split('-');
        let year = parts.next().and_then(|y| y.parse::<i64>().ok());
        let month = parts.next().and_then(|m| m.parse::<u32>().ok());
        match (year, month) {
            (Some(y), Some(m @ 1..=12)) if date.len() >= 7 => self.month_year(y, m),
            _ => date.to_owned(),
        }
    }

    /// A day in full: "12 Feb 2026", "12 feb. 2026".
    pub fn date(&self, day: Day) -> String {
        let iso = date_of(day);
        let (y, m, d) = (&iso[..4], &iso[5..7], &iso[8..10]);
        let month = m.parse::<u32>().unwrap_or(1);
        let d = d.trim_start_matches('0');
        self.say(
            "format.date",
            &[("day", d), ("month", self.month(month)), ("year", y)],
        )
    }

    /// A day seen from `today`: "today", "yesterday", else the date.
    pub fn day(&self, day: Day, today: Day) -> String {
        match today - day {
            0 => self.text("time.today").to_owned(),
            1 => self.text("time.yesterday").to_owned(),
            _ => self.date(day),
        }
    }

    /// A moment seen from `today`, in the user's time: "today 09:14", "12 Feb 2026 09:14".
    /// `minute` is the minute of its (local) day.
    pub fn moment(&self, day: Day, minute: u32, today: Day) -> String {
        let time = format!("{:02}:{:02}", (minute / 60) % 24, minute % 60);
        self.say(
            "format.moment",
            &[("day", &self.day(day, today)), ("time", &time)],
        )
    }

    /// How long ago, in the unit that reads best: "today", "9 days ago", "8 months ago".
    pub fn ago(&self, days: u32) -> String {
        let (key, n) = match days {
            0 => return self.text("time.today").to_owned(),
            1 => return self.text("time.yesterday").to_owned(),
            2..=13 => ("time.days_ago", days),
            14..=60 => ("time.weeks_ago", days / 7),
            61..=729 => ("time.months_ago", days / 30),
            _ => ("time.years_ago", days / 365),
        };
        self.count(key, u64::from(n))
    }

    /// A length of time in months: "1 month", "5 years 1 month", "5 jaar en 1 maand".
    pub fn duration(&self, months: u32) -> String {
        let years = || self.count("time.years", u64::from(months / 12));
        let months_only = || self.count("time.months", u64::from(months % 12));
        match (months / 12, months % 12) {
            (0, _) => months_only(),
            (_, 0) => years(),
            _ => self.say(
                "time.years_and_months",
                &[("years", &years()), ("months", &months_only())],
            ),
        }
    }
}

/// `Display` for types that say themselves through a book (`fn message(&self, t: &Book)`): their
/// words in English, the command line's language.
macro_rules! in_english {
    ($($ty:ty),+ $(,)?) => {$(
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let english = $crate::phrases::book($crate::phrases::Lang::EN);
                f.write_str(&self.message(english))
            }
        }
    )+};
}
pub(crate) use in_english;

/// `template` with each `{name}` replaced; an unknown `{name}` stays as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s a phrase expects, in order.
pub fn placeholders(phrase: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = phrase;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests;
