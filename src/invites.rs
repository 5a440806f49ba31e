//! The monthly budget of personalised invitation notes. A free LinkedIn account gets about five
//! a month (LinkedIn Help; some report three), Premium no limit worth counting. `Put in invite
//! note` counts the notes the user put in; the drafts say how many are left, and when none is,
//! suggest sending the invitation without a note and keeping the draft for the first message
//! after they accept. Pure: the month is a parameter.
//!
//! ```
//! use common_ground::invites::{Budget, NotesPut};
//! let december = 2026 * 12 + 11;
//! let put = NotesPut::default().one_more(december).one_more(december);
//! let budget = Budget::of(&put, december, 5, false);
//! assert_eq!((budget.used, budget.allowed), (2, Some(5)));
//! assert_eq!(Budget::of(&put, december + 1, 5, false).used, 0, "a new month starts afresh");
//! ```

use serde::{Deserialize, Serialize};

use crate::calendar::Month;

/// What a free account gets, until the user says otherwise in the settings.
pub const FREE_NOTES_PER_MONTH: u32 = 5;
/// The most the setting takes (LinkedIn allows no more invitations a week than about this).
pub const MOST_NOTES_PER_MONTH: u32 = 100;

/// How many invitation notes were put in, and in which month (the count of an earlier month
/// is over; only the current one matters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesPut {
    pub month: Month,
    pub count: u32,
}

impl NotesPut {
    /// The notes put in during `month`.
    pub fn in_month(&self, month: Month) -> u32 {
        if self.month == month {
            self.count
        } else {
            0
        }
    }

    /// After one more note put in during `month`.
    pub fn one_more(self, month: Month) -> NotesPut {
        NotesPut {
            month,
            count: self.in_month(month).saturating_add(1),
        }
    }
}

/// This month's notes: how many were used, of how many (`None`: no limit, Premium).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub used: u32,
    pub allowed: Option<u32>,
}

impl Budget {
    /// The budget for `month`, with `per_month` notes a month on a free account.
    pub fn of(put: &NotesPut, month: Month, per_month: u32, premium: bool) -> Budget {
        Budget {
            used: put.in_month(month),
            allowed: (!premium).then_some(per_month),
        }
    }

    /// Whether every note of the month is used.
    pub fn spent(&self) -> bool {
        self.allowed.is_some_and(|allowed| self.used >= allowed)
    }
}

/// A number of notes a month the settings may store: 0 to [`MOST_NOTES_PER_MONTH`].
pub fn valid_per_month(n: u32) -> bool {
    n <= MOST_NOTES_PER_MONTH
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{day_of, month_of_day};

    fn month(date: &str) -> Month {
        month_of_day(day_of(date).unwrap())
    }

    #[test]
    fn the_count_is_per_calendar_month() {
        let nov = month("2026-11-30");
        let dec = month("2026-12-01");
        let mut put = NotesPut::default();
        for _ in 0..4 {
            put = put.one_more(nov);
        }
        assert_eq!(put.in_month(nov), 4);
        assert!(!Budget::of(&put, nov, 5, false).spent());
        put = put.one_more(nov);
        assert!(Budget::of(&put, nov, 5, false).spent());
        // The first of December: none used yet, and the next note starts the count again.
        assert_eq!(Budget::of(&put, dec, 5, false).used, 0);
        put = put.one_more(dec);
        assert_eq!(
            put,
            NotesPut {
                month: dec,
                count: 1
            }
        );
        // A year later, the same calendar month is another month.
        assert_eq!(put.in_month(month("2027-12-15")), 0);
        // December to January crosses a year.
        assert_eq!(month("2027-01-01") - dec, 1);
    }

    #[test]
    fn premium_has_no_limit_and_a_smaller_budget_is_spent_sooner() {
        let dec = month("2026-12-10");
        let put = NotesPut::default()
            .one_more(dec)
            .one_more(dec)
            .one_more(dec);
        let premium = Budget::of(&put, dec, 5, true);
        assert_eq!(premium.allowed, None);
        assert!(!premium.spent());
        assert!(Budget::of(&put, dec, 3, false).spent());
        assert!(Budget::of(&put, dec, 0, false).spent());
        assert!(valid_per_month(0) && valid_per_month(100) && !valid_per_month(101));
    }
}
