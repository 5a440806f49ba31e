//! Who the user is, from up to three sources: their LinkedIn export (complete dates), their own
//! profile page ("This is me": current wording), and their corrections on the options page.
//!
//! Pure. The user's corrections win outright (they are the user's own word); otherwise the page
//! and the export are united: the page's name, headline and city when it has them, and every
//! position and school from either, without doubles.

use serde::{Deserialize, Serialize};

use crate::model::{fold, Profile};

/// The three records the store keeps, and what they add up to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub imported: Option<Profile>,
    pub page: Option<Profile>,
    pub manual: Option<Profile>,
}

impl Me {
    /// The user as Common Ground should see them; `None` until any source exists.
    pub fn effective(&self) -> Option<Profile> {
        if let Some(manual) = &self.manual {
            return Some(manual.clone());
        }
        match (&self.page, &self.imported) {
            (None, None) => None,
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (Some(page), Some(imported)) => {
                let mut me = page.clone();
                if me.name.is_empty() {
                    me.name.clone_from(&imported.name);
                }
                me.headline = page.headline.clone().or_else(|| imported.headline.clone());
                me.location = page.location.clone().or_else(|| imported.location.clone());
                // The export has every position with its dates: it leads; the page adds what the
                // export does not hold yet (a role added since the export was made).
                let mut positions = imported.positions.clone();
                for p in &page.positions {
                    if !positions.iter().any(|q| {
                        fold(&q.org) == fold(&p.org) && (q.start == p.start || p.start.is_none())
                    }) {
                        positions.push(p.clone());
                    }
                }
                let mut education = imported.education.clone();
                for e in &page.education {
                    if !education.iter().any(|f| fold(&f.school) == fold(&e.school)) {
                        education.push(e.clone());
                    }
                }
                me.positions = positions;
                me.education = education;
                Some(me)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Education, Position, Site};

    fn profile(name: &str, positions: &[(&str, Option<&str>)], schools: &[&str]) -> Profile {
        let mut p = Profile::named(Site::Linkedin, String::new(), String::new(), name.into());
        p.positions = positions
            .iter()
            .map(|(org, start)| Position {
                start: start.map(Into::into),
                ..Position::at(org.to_string(), false)
            })
            .collect();
        p.education = schools
            .iter()
            .map(|s| Education::at(s.to_string()))
            .collect();
        p
    }

    #[test]
    fn the_export_and_the_page_are_united_and_corrections_win() {
        let imported = profile(
            "Sam Example",
            &[
                ("Veldwerk Analytics", Some("2020-01")),
                ("Gemeente Utrecht", Some("2016-03")),
            ],
            &["Universiteit Utrecht"],
        );
        let mut page = profile(
            "Sam Example",
            &[
                ("Veldwerk Analytics", None),
                ("Kennislab Noord", Some("2024-05")),
            ],
            &["universiteit utrecht", "TU Delft"],
        );
        page.location = Some("Utrecht".into());
        let me = Me {
            imported: Some(imported.clone()),
            page: Some(page),
            manual: None,
        };
        let effective = me.effective().unwrap();
        let orgs: Vec<&str> = effective.positions.iter().map(|p| p.org.as_str()).collect();
        assert_eq!(
            orgs,
            ["Veldwerk Analytics", "Gemeente Utrecht", "Kennislab Noord"]
        );
        assert_eq!(effective.education.len(), 2);
        assert_eq!(effective.location.as_deref(), Some("Utrecht"));

        let manual = profile("Sam E.", &[("Only This", None)], &[]);
        let me = Me {
            manual: Some(manual.clone()),
            ..me
        };
        assert_eq!(me.effective(), Some(manual));
        assert_eq!(Me::default().effective(), None);
        assert_eq!(
            Me {
                imported: Some(imported.clone()),
                ..Me::default()
            }
            .effective(),
            Some(imported)
        );
    }
}
