//! The keep-in-touch rhythm the seeds describe: something of value every four to six weeks. A
//! rhythm has an *ideal* interval (from then on the person is coming due) and a *latest* one
//! (after it they are overdue). It is set per person (the overlay's choice), per tag (a rule such
//! as `#mentor: every 4 to 6 weeks` in the settings, for everyone with a note tagged `#mentor`),
//! or is the key person's four to six weeks, in that order.
//!
//! What resets it is contact: a message, any logged interaction (a draft the user says they
//! sent is one) and a note that says they spoke ("we spoke at…", "gebeld"). A note that only
//! records a fact ("moved to Adyen") does not.
//!
//! Pure: "today" is a parameter.
//!
//! ```
//! use common_ground::rhythm::{parse_rule, timing, Standing};
//! let rule = parse_rule("#mentor: every 4 to 6 weeks").unwrap();
//! assert_eq!((rule.tag.as_str(), rule.rhythm.ideal_days, rule.rhythm.latest_days), ("mentor", 28, 42));
//! let today = 20_000;
//! assert_eq!(timing(rule.rhythm, Some(today - 30), today).standing, Standing::ComingDue);
//! ```

use serde::{Deserialize, Serialize};

use crate::calendar::Day;
use crate::model::Marks;
use crate::phrases::Book;

/// The longest rhythm there is, in days (ten years; backups hold rhythms to the same bound).
pub const MAX_DAYS: u32 = 3650;

/// At most this many tag rules are kept.
pub const MAX_RULES: usize = 50;

/// How often to be in touch: from `ideal_days` on the person is coming due, after
/// `latest_days` overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rhythm {
    pub ideal_days: u32,
    pub latest_days: u32,
}

impl Rhythm {
    /// A key person's rhythm unless the user chose another: every four to six weeks.
    pub const KEY: Rhythm = Rhythm {
        ideal_days: 28,
        latest_days: 42,
    };

    /// `ideal` to `latest` days, when `1 <= ideal <= latest <= MAX_DAYS`.
    pub fn new(ideal: u32, latest: u32) -> Option<Rhythm> {
        (1 <= ideal && ideal <= latest && latest <= MAX_DAYS).then_some(Rhythm {
            ideal_days: ideal,
            latest_days: latest,
        })
    }

    /// A rhythm chosen as one number: that ideal, and half as long again as the latest
    /// (four weeks → four to six weeks, as the seeds put it).
    pub fn around(ideal: u32) -> Option<Rhythm> {
        Rhythm::new(ideal, (ideal + ideal / 2).min(MAX_DAYS))
    }
}

/// A rhythm for everyone with notes carrying one tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The tag without `#`, folded to lower case.
    pub tag: String,
    pub rhythm: Rhythm,
}

/// Whether a rule, however it arrived (the settings page, a backup), is one [`parse_rule`]
/// could have made: a tag of letters, digits, `-` and `_`, and an interval in range.
pub fn valid(rule: &Rule) -> bool {
    let tag_ok = !rule.tag.is_empty()
        && rule.tag.chars().count() <= 60
        && rule
            .tag
            .chars()
            .all(|c| (c.is_alphanumeric() && !c.is_uppercase()) || c == '-' || c == '_');
    tag_ok && Rhythm::new(rule.rhythm.ideal_days, rule.rhythm.latest_days) == Some(rule.rhythm)
}

/// Where a person's rhythm comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Chosen for this person.
    Person,
    /// A rule for a tag on their notes.
    Tag(String),
    /// They are a key person.
    Key,
}

/// The rhythm in force for a person: their own, else the tightest rule among their `tags`,
/// else the key person's, else none.
pub fn in_force(
    marks: Option<&Marks>,
    tags: &[String],
    rules: &[Rule],
) -> Option<(Rhythm, Origin)> {
    if let Some(own) = marks.and_then(|m| m.rhythm_days).and_then(Rhythm::around) {
        return Some((own, Origin::Person));
    }
    let by_tag = rules
        .iter()
        .filter(|r| tags.iter().any(|t| t.to_lowercase() == r.tag))
        .min_by_key(|r| (r.rhythm.ideal_days, r.rhythm.latest_days));
    if let Some(rule) = by_tag {
        return Some((rule.rhythm, Origin::Tag(rule.tag.clone())));
    }
    marks
        .is_some_and(|m| m.key)
        .then_some((Rhythm::KEY, Origin::Key))
}

/// Where a person stands in their rhythm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Less than the ideal interval since the last contact.
    Fine,
    /// Between the ideal and the latest interval: a good time to get in touch.
    ComingDue,
    /// Past the latest interval.
    Overdue,
}

/// A rhythm applied to the last contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    pub standing: Standing,
    /// Days until the ideal interval is reached; zero or less once it is.
    pub due_in_days: i64,
    /// Days until the latest interval has passed; below zero when overdue (by its absolute
    /// value).
    pub late_in_days: i64,
}

/// Where someone whose last contact was on `since` stands in `rhythm` on `today`. Nobody to
/// count from (never in touch, not a connection) is coming due: it is time, and nothing is late.
pub fn timing(rhythm: Rhythm, since: Option<Day>, today: Day) -> Timing {
    let Some(since) = since else {
        return Timing {
            standing: Standing::ComingDue,
            due_in_days: 0,
            late_in_days: i64::from(rhythm.latest_days - rhythm.ideal_days),
        };
    };
    let elapsed = (today - since).max(0);
    let due_in_days = i64::from(rhythm.ideal_days) - elapsed;
    let late_in_days = i64::from(rhythm.latest_days) - elapsed;
    let standing = if due_in_days > 0 {
        Standing::Fine
    } else if late_in_days >= 0 {
        Standing::ComingDue
    } else {
        Standing::Overdue
    };
    Timing {
        standing,
        due_in_days,
        late_in_days,
    }
}

/// Whether a note says the user met the person (in the past: "met at", "we spoke at",
/// "ontmoet op", "gesproken op"), and not that they have yet to ("haven't met yet", "nog niet
/// ontmoet"). Read word by word: a regular expression engine would more than double what the
/// service worker's module carries for it.
pub fn says_met(text: &str) -> bool {
    said(text, met_at)
}

/// Whether a note says the user and the person spoke: met, talked, called, had coffee ("we
/// spoke at the meetup", "gebeld over de vacature", "koffie gedronken"), in the past.
pub fn says_we_spoke(text: &str) -> bool {
    said(text, |w, i| met_at(w, i) || spoke_at(w, i))
}

/// Whether `found(words, i)` holds at some word `i` that no negation shortly before cancels.
fn said(text: &str, found: impl Fn(&[String], usize) -> bool) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    (0..words.len()).any(|i| found(&words, i) && !negated(&words, i))
}

fn met_at(w: &[String], i: usize) -> bool {
    let before = |set: &[&str]| i > 0 && set.contains(&w[i - 1].as_str());
    let after = |set: &[&str]| w.get(i + 1).is_some_and(|n| set.contains(&n.as_str()));
    match w[i].as_str() {
        "met" => {
            before(&["we", "i", "first", "have", "had", "just"])
                || after(&["at", "during", "on", "in", "her", "him", "them", "up"])
        }
        "spoke" | "talked" | "chatted" => after(&["to", "with", "at", "during"]),
        "ontmoet" | "gesproken" => true,
        "leren" => after(&["kennen"]),
        _ => false,
    }
}

fn spoke_at(w: &[String], i: usize) -> bool {
    let next = |k: usize| w.get(i + k).map_or("", String::as_str);
    match w[i].as_str() {
        "called" | "phoned" | "rang" | "videocalled" | "gebeld" | "belde" | "belden"
        | "geluncht" | "bijgepraat" => true,
        "video" => next(1) == "called",
        "caught" => next(1) == "up",
        "koffie" => next(1) == "gedronken",
        "had" => {
            let object = if matches!(next(1), "a" | "an") {
                next(2)
            } else {
                next(1)
            };
            matches!(object, "call" | "coffee" | "lunch" | "chat" | "catch-up")
        }
        word => word.starts_with("videobel"),
    }
}

/// A "never", "not yet", "haven't", "nog niet" or "nooit" among the three words before `i`.
fn negated(w: &[String], i: usize) -> bool {
    w[i.saturating_sub(3)..i]
        .iter()
        .enumerate()
        .any(|(k, word)| {
            let at = i.saturating_sub(3) + k;
            match word.as_str() {
                "never" | "haven't" | "hasn't" | "hadn't" | "didn't" | "nooit" | "niet" => true,
                "not" => true,
                "have" | "has" => w.get(at + 1).is_some_and(|n| n == "not"),
                "nog" => w.get(at + 1).is_some_and(|n| n == "niet"),
                _ => false,
            }
        })
}

/// Why a rule line was not understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleError {
    /// No `#tag` at its start.
    NoTag,
    /// No interval in it ("every 4 weeks").
    NoInterval,
    /// The interval is outside 1 day to ten years, or the latest comes before the ideal.
    OutOfRange,
}

impl RuleError {
    /// The phrase key that says it.
    pub fn phrase(self) -> &'static str {
        match self {
            RuleError::NoTag => "rhythm.rule_error.no_tag",
            RuleError::NoInterval => "rhythm.rule_error.no_interval",
            RuleError::OutOfRange => "rhythm.rule_error.range",
        }
    }
}

/// Reads one rule, in English or Dutch: `#mentor: every 4 to 6 weeks`, `#oud-collega every 3
/// months`, `#klant: elke 2 tot 3 weken`, `#vriend iedere maand`, `#team: every 10-14 days`.
/// One number is the ideal, with half as long again as the latest.
pub fn parse_rule(line: &str) -> Result<Rule, RuleError> {
    let line = line.trim();
    let rest = line.strip_prefix('#').ok_or(RuleError::NoTag)?;
    let tag_end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let tag = rest[..tag_end].to_lowercase();
    if tag.is_empty() || tag.chars().count() > 60 {
        return Err(RuleError::NoTag);
    }
    let spaced = rest[tag_end..]
        .to_lowercase()
        .replace(['-', '–', '—'], " to ");
    let mut numbers = Vec::new();
    let mut unit = None;
    for word in spaced.split(|c: char| c.is_whitespace() || c == ':' || c == ',') {
        if let Ok(n) = word.parse::<u32>() {
            numbers.push(n);
        } else if let Some(days) = unit_days(word) {
            unit = Some(days);
            break;
        }
    }
    let unit = unit.ok_or(RuleError::NoInterval)?;
    let (ideal, latest) = match numbers[..] {
        [] => (unit, unit + unit / 2),
        [n] => {
            let ideal = n.saturating_mul(unit);
            (
                ideal,
                (ideal.saturating_add(ideal / 2)).min(MAX_DAYS.max(ideal)),
            )
        }
        [a, b, ..] => (a.saturating_mul(unit), b.saturating_mul(unit)),
    };
    let rhythm = Rhythm::new(ideal, latest).ok_or(RuleError::OutOfRange)?;
    Ok(Rule { tag, rhythm })
}

fn unit_days(word: &str) -> Option<u32> {
    Some(match word {
        "day" | "days" | "dag" | "dagen" => 1,
        "week" | "weeks" | "weken" => 7,
        "month" | "months" | "maand" | "maanden" => 30,
        "quarter" | "quarters" | "kwartaal" | "kwartalen" => 91,
        "year" | "years" | "jaar" | "jaren" => 365,
        _ => return None,
    })
}

/// Reads the settings' rules, one per line; blank lines are skipped. The first line not
/// understood is refused with its number (from 1) and why.
pub fn parse_rules(text: &str) -> Result<Vec<Rule>, (usize, RuleError)> {
    let mut rules: Vec<Rule> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rule = parse_rule(line).map_err(|e| (i + 1, e))?;
        // A tag ruled twice: the later line wins.
        rules.retain(|r| r.tag != rule.tag);
        rules.push(rule);
    }
    rules.truncate(MAX_RULES);
    Ok(rules)
}

/// A rule as a line the settings show and [`parse_rule`] reads back: in weeks when both ends
/// are whole weeks, in months when both are whole months, else in days.
pub fn rule_line(t: &Book, rule: &Rule) -> String {
    format!("#{}: {}", rule.tag, interval(t, rule.rhythm))
}

/// "every 4 to 6 weeks", "elke 2 tot 3 maanden", "every 10 days".
pub fn interval(t: &Book, r: Rhythm) -> String {
    let (ideal, latest) = (u64::from(r.ideal_days), u64::from(r.latest_days));
    let (unit, divisor) = if ideal % 7 == 0 && latest % 7 == 0 {
        ("weeks", 7)
    } else if ideal % 30 == 0 && latest % 30 == 0 {
        ("months", 30)
    } else {
        ("days", 1)
    };
    let (a, b) = (ideal / divisor, latest / divisor);
    let key = match (unit, a == b) {
        ("weeks", true) => "rhythm.interval.weeks",
        ("weeks", false) => "rhythm.interval.weeks_range",
        ("months", true) => "rhythm.interval.months",
        ("months", false) => "rhythm.interval.months_range",
        (_, true) => "rhythm.interval.days",
        (_, false) => "rhythm.interval.days_range",
    };
    t.count_with(key, b, &[("from", &t.number(a))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::{book, Lang};

    #[test]
    fn rules_in_english_and_dutch() {
        let cases = [
            ("#mentor: every 4 to 6 weeks", "mentor", 28, 42),
            ("#Mentor every 4-6 weeks", "mentor", 28, 42),
            ("#oud-collega: every 3 months", "oud-collega", 90, 135),
            ("#klant: elke 2 tot 3 weken", "klant", 14, 21),
            ("#vriend iedere maand", "vriend", 30, 45),
            ("#team: every 10–14 days", "team", 10, 14),
            ("#investor: every quarter", "investor", 91, 136),
            ("#alumni: every year", "alumni", 365, 547),
        ];
        for (line, tag, ideal, latest) in cases {
            let rule = parse_rule(line).unwrap_or_else(|e| panic!("{line}: {e:?}"));
            assert_eq!(
                (
                    rule.tag.as_str(),
                    rule.rhythm.ideal_days,
                    rule.rhythm.latest_days
                ),
                (tag, ideal, latest),
                "{line}"
            );
        }
        assert_eq!(parse_rule("mentor: every 4 weeks"), Err(RuleError::NoTag));
        assert_eq!(parse_rule("#: every 4 weeks"), Err(RuleError::NoTag));
        assert_eq!(parse_rule("#mentor: often"), Err(RuleError::NoInterval));
        assert_eq!(
            parse_rule("#mentor: every 6 to 4 weeks"),
            Err(RuleError::OutOfRange)
        );
        assert_eq!(
            parse_rule("#mentor: every 0 days"),
            Err(RuleError::OutOfRange)
        );
        assert_eq!(
            parse_rule("#mentor: every 99 years"),
            Err(RuleError::OutOfRange)
        );
        assert_eq!(
            parse_rules("#a: every week\n\nnonsense\n"),
            Err((3, RuleError::NoTag))
        );
        let rules = parse_rules("#a: every week\n#b: every month\n#a: every 2 weeks").unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[1].rhythm.ideal_days, 14);
    }

    #[test]
    fn a_rule_reads_back_as_written_in_either_language() {
        for lang in Lang::all() {
            let t = book(lang);
            for line in [
                "#mentor: every 4 to 6 weeks",
                "#klant: every 2 months",
                "#team: every 10 to 14 days",
            ] {
                let rule = parse_rule(line).unwrap();
                let written = rule_line(t, &rule);
                assert_eq!(parse_rule(&written), Ok(rule), "{written}");
            }
        }
        let t = book(Lang::from_code("nl").unwrap());
        let rule = parse_rule("#mentor: every 4 to 6 weeks").unwrap();
        assert_eq!(rule_line(t, &rule), "#mentor: elke 4 tot 6 weken");
    }

    #[test]
    fn only_rules_the_parser_could_make_are_valid() {
        let good = parse_rule("#mentor: every 4 to 6 weeks").unwrap();
        assert!(valid(&good));
        for bad in [
            Rule {
                tag: "Mentor".into(),
                ..good.clone()
            },
            Rule {
                tag: String::new(),
                ..good.clone()
            },
            Rule {
                tag: "a b".into(),
                ..good.clone()
            },
            Rule {
                rhythm: Rhythm {
                    ideal_days: 42,
                    latest_days: 28,
                },
                ..good.clone()
            },
            Rule {
                rhythm: Rhythm {
                    ideal_days: 0,
                    latest_days: 0,
                },
                ..good.clone()
            },
        ] {
            assert!(!valid(&bad), "{bad:?}");
        }
    }

    #[test]
    fn standing_at_the_edges() {
        let r = Rhythm::KEY;
        let today: Day = 20_000;
        let at = |elapsed: Day| timing(r, Some(today - elapsed), today);
        assert_eq!(at(0).standing, Standing::Fine);
        assert_eq!(at(27).standing, Standing::Fine);
        assert_eq!(at(27).due_in_days, 1);
        // The ideal interval reached: coming due, through the latest day itself.
        assert_eq!(at(28).standing, Standing::ComingDue);
        assert_eq!(at(28).due_in_days, 0);
        assert_eq!(at(42).standing, Standing::ComingDue);
        assert_eq!(at(42).late_in_days, 0);
        assert_eq!(at(43).standing, Standing::Overdue);
        assert_eq!(at(43).late_in_days, -1);
        // A last contact in the future (a clock moved) counts as today.
        assert_eq!(timing(r, Some(today + 5), today).standing, Standing::Fine);
        // Nobody to count from: time to get in touch, nothing late.
        let never = timing(r, None, today);
        assert_eq!(
            (never.standing, never.due_in_days),
            (Standing::ComingDue, 0)
        );
    }

    #[test]
    fn the_person_first_then_the_tightest_tag_then_key() {
        let rules =
            parse_rules("#mentor: every 4 to 6 weeks\n#friend: every 2 to 3 weeks").unwrap();
        let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let own = Marks {
            person: "linkedin:a".into(),
            rhythm_days: Some(91),
            key: true,
            ..Marks::default()
        };
        assert_eq!(
            in_force(Some(&own), &tags(&["mentor"]), &rules),
            Some((Rhythm::around(91).unwrap(), Origin::Person))
        );
        let key = Marks {
            rhythm_days: None,
            ..own
        };
        assert_eq!(
            in_force(Some(&key), &tags(&["Mentor", "friend"]), &rules),
            Some((Rhythm::new(14, 21).unwrap(), Origin::Tag("friend".into())))
        );
        assert_eq!(
            in_force(Some(&key), &tags(&["other"]), &rules),
            Some((Rhythm::KEY, Origin::Key))
        );
        assert_eq!(in_force(None, &tags(&["other"]), &rules), None);
    }

    #[test]
    fn which_notes_say_they_spoke() {
        for yes in [
            "We spoke at the Rust meetup",
            "Called her about the opening",
            "had a coffee in Utrecht",
            "Gebeld over de vacature",
            "koffie gedronken bij Anne",
            "met at DevConf",
        ] {
            assert!(says_we_spoke(yes), "{yes}");
        }
        for no in [
            "Moved to Adyen in March",
            "Works on compilers",
            "have not met yet",
            "#mentor",
        ] {
            assert!(!says_we_spoke(no), "{no}");
        }
    }
}
