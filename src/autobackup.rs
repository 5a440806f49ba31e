//! Backups the user does not have to remember: how often (every day by default, every week, or
//! never), when one is due, what the file is called, and how old the last one is.
//!
//! Pure: the background writes the file (`chrome.downloads`, into a `Common Ground` folder of the
//! downloads folder, the same name each time and the one before it beside it as `…-previous`)
//! after the first change of a day on which one is due.

use serde::{Deserialize, Serialize};

use crate::calendar::Day;
use crate::phrases::Book;

/// How often a backup is written by itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Every {
    #[default]
    Day,
    Week,
    Never,
}

impl Every {
    /// Days between two backups; `None` for never.
    pub fn days(self) -> Option<Day> {
        match self {
            Every::Day => Some(1),
            Every::Week => Some(7),
            Every::Never => None,
        }
    }
}

/// Whether a backup is due `today` (the user's day), the last made on `last` (their day too):
/// at most one a day, and one each `every`.
pub fn due(every: Every, last: Option<Day>, today: Day) -> bool {
    match (every.days(), last) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(days), Some(last)) => today - last >= days,
    }
}

/// Whether the last backup is older than the rhythm chosen and a day more: then the user is
/// warned. Never backing up is a choice, not a warning; before the first backup (nothing
/// changed yet since install) there is nothing to warn about.
pub fn stale(every: Every, last: Option<Day>, today: Day) -> bool {
    match (every.days(), last) {
        (None, _) | (_, None) => false,
        (Some(days), Some(last)) => today - last > days + 1,
    }
}

/// The most characters of a device's name in a file name.
pub const DEVICE_CHARS: usize = 40;

/// A device's name as a file name takes it: lower case letters, digits and hyphens; `browser`
/// when nothing is left.
pub fn device(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= DEVICE_CHARS {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "browser".to_owned()
    } else {
        out
    }
}

/// The file this device's automatic backups go to, within the downloads folder.
pub fn file_name(device_name: &str) -> String {
    format!("Common Ground/common-ground-{}.json", device(device_name))
}

/// The file the backup before it is kept in.
pub fn previous_name(device_name: &str) -> String {
    format!(
        "Common Ground/common-ground-{}-previous.json",
        device(device_name)
    )
}

/// "Last backup: today 09:14", "Last backup: 3 days ago", "No backup made yet.", in `t`'s
/// language; `last` is the day and minute of the day it was made (the user's time).
pub fn said(t: &Book, last: Option<(Day, u32)>, today: Day) -> String {
    match last {
        None => t.text("autobackup.none").to_owned(),
        Some((day, minute)) if today - day <= 1 => t.say(
            "autobackup.last",
            &[("when", &t.moment(day, minute, today))],
        ),
        Some((day, _)) => t.say(
            "autobackup.last",
            &[(
                "when",
                &t.ago((today - day).clamp(0, i64::from(u32::MAX)) as u32),
            )],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::{book, Lang};

    #[test]
    fn one_a_day_one_a_week_or_none() {
        assert!(due(Every::Day, None, 100));
        assert!(!due(Every::Day, Some(100), 100));
        assert!(due(Every::Day, Some(99), 100));
        assert!(!due(Every::Week, Some(94), 100));
        assert!(due(Every::Week, Some(93), 100));
        assert!(!due(Every::Never, None, 100));
        // A clock set back: nothing is written twice.
        assert!(!due(Every::Day, Some(101), 100));
    }

    #[test]
    fn a_warning_when_older_than_the_rhythm_and_a_day() {
        assert!(!stale(Every::Day, Some(98), 100));
        assert!(stale(Every::Day, Some(97), 100));
        assert!(!stale(Every::Week, Some(92), 100));
        assert!(stale(Every::Week, Some(91), 100));
        assert!(!stale(Every::Day, None, 100));
        assert!(!stale(Every::Never, None, 100));
    }

    #[test]
    fn the_file_is_named_after_the_device() {
        assert_eq!(
            file_name("Chromium on Linux"),
            "Common Ground/common-ground-chromium-on-linux.json"
        );
        assert_eq!(
            previous_name("  ../../etc  "),
            "Common Ground/common-ground-etc-previous.json"
        );
        assert_eq!(device("☃"), "browser");
        assert_eq!(device(&"a".repeat(100)).len(), DEVICE_CHARS);
    }

    #[test]
    fn when_the_last_backup_was_made_in_both_languages() {
        let en = book(Lang::EN);
        let nl = book(Lang::from_code("nl").unwrap());
        assert_eq!(
            said(en, Some((100, 9 * 60 + 14)), 100),
            "Last backup: today 09:14"
        );
        assert_eq!(
            said(nl, Some((100, 9 * 60 + 14)), 100),
            "Laatste back-up: vandaag 09:14"
        );
        assert_eq!(said(en, Some((97, 0)), 100), "Last backup: 3 days ago");
        assert_eq!(said(en, None, 100), "No backup made yet.");
    }
}
