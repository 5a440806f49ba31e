//! How many people one tab may have stored in a minute.
//!
//! A page script can rewrite its page and its address as often as it likes (`pushState` and a
//! new `<main>`), and each time the content script hands the page over. A person reads a few
//! profiles a minute at most; a page that shows twenty in twenty seconds is inventing them. So
//! each tab may store at most [`PER_MINUTE`] *different* people in any minute; reading the same
//! person again (their cards arriving, a details page) always counts as one.
//!
//! ```
//! use common_ground::budget::Budget;
//! use common_ground::model::{PersonKey, Site};
//! let mut budget = Budget::default();
//! let person = |n: u32| PersonKey::new(Site::Linkedin, &format!("p{n}"));
//! let stored = (0..20).filter(|&n| budget.allow(7, &person(n), f64::from(n) * 1000.0)).count();
//! assert_eq!(stored, common_ground::budget::PER_MINUTE);
//! ```

use std::collections::HashMap;

use crate::model::PersonKey;

/// Different people one tab may have stored in one minute.
pub const PER_MINUTE: usize = 5;

const MINUTE_MS: f64 = 60_000.0;

/// Tabs whose readings are remembered at once; the oldest tab is forgotten beyond this.
const MAX_TABS: usize = 256;

/// Per tab, the people stored in the last minute and when.
#[derive(Debug, Default)]
pub struct Budget {
    tabs: HashMap<i32, Vec<(PersonKey, f64)>>,
}

impl Budget {
    /// Whether tab `tab` may have `person` stored at `now` (ms since the epoch); counts it if so.
    pub fn allow(&mut self, tab: i32, person: &PersonKey, now: f64) -> bool {
        if !self.tabs.contains_key(&tab) && self.tabs.len() >= MAX_TABS {
            self.forget_quietest(now);
        }
        let recent = self.tabs.entry(tab).or_default();
        recent.retain(|(_, at)| now - at < MINUTE_MS && *at <= now);
        if let Some(seen) = recent.iter_mut().find(|(p, _)| p == person) {
            seen.1 = now;
            return true;
        }
        if recent.len() >= PER_MINUTE {
            return false;
        }
        recent.push((person.clone(), now));
        true
    }

    fn forget_quietest(&mut self, now: f64) {
        self.tabs
            .retain(|_, recent| recent.iter().any(|(_, at)| now - at < MINUTE_MS));
        if self.tabs.len() >= MAX_TABS {
            let quietest = self
                .tabs
                .iter()
                .map(|(tab, recent)| {
                    (
                        *tab,
                        recent.iter().map(|(_, at)| *at).fold(f64::MIN, f64::max),
                    )
                })
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(tab, _)| tab);
            if let Some(tab) = quietest {
                self.tabs.remove(&tab);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Site;
    use proptest::prelude::*;

    fn person(n: u32) -> PersonKey {
        PersonKey::new(Site::Linkedin, &format!("person-{n}"))
    }

    #[test]
    fn the_same_person_read_again_always_counts_once() {
        let mut budget = Budget::default();
        for n in 0..PER_MINUTE as u32 {
            assert!(budget.allow(1, &person(n), 0.0));
        }
        assert!(
            !budget.allow(1, &person(99), 1.0),
            "a sixth person in the minute"
        );
        for t in 0..100 {
            assert!(
                budget.allow(1, &person(0), f64::from(t)),
                "cards arriving for the first"
            );
        }
        assert!(
            budget.allow(2, &person(99), 1.0),
            "another tab has its own budget"
        );
        assert!(
            budget.allow(1, &person(99), MINUTE_MS + 200.0),
            "a minute later"
        );
    }

    proptest! {
        /// A page that rewrites itself into a new person every so often has at most
        /// PER_MINUTE of them stored in any minute.
        #[test]
        fn a_forged_burst_stores_at_most_the_bound(gaps in proptest::collection::vec(0u32..20_000, 1..300)) {
            let mut budget = Budget::default();
            let mut now = 0.0;
            let mut stored: Vec<f64> = Vec::new();
            for (n, gap) in gaps.iter().enumerate() {
                now += f64::from(*gap);
                if budget.allow(3, &person(n as u32), now) {
                    stored.push(now);
                }
            }
            for (i, start) in stored.iter().enumerate() {
                let within = stored[i..].iter().take_while(|t| **t - start < MINUTE_MS).count();
                prop_assert!(within <= PER_MINUTE, "{within} stored within a minute");
            }
        }
    }
}
