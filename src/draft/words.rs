//! The phrase bank: every sentence a draft can hold, written for each language as people write
//! it there, not translated. Dutch says "je" unless the user chose the formal "u".
//!
//! A sentence that carries a fact returns that fact with the exact words it used as its value,
//! so a draft's `facts` can be checked against its text.

use super::facts::{field_name, Detail, Fact, FactKind};

/// How a draft speaks: Dutch or English, and in Dutch "je" or "u".
#[derive(Debug, Clone, Copy)]
pub(super) struct Words {
    pub nl: bool,
    pub formal: bool,
}

impl Words {
    fn pick<'a>(&self, en: &'a str, je: &'a str, u: &'a str) -> &'a str {
        match (self.nl, self.formal) {
            (false, _) => en,
            (true, false) => je,
            (true, true) => u,
        }
    }

    /// "je" or "u".
    fn you(&self) -> &'static str {
        if self.formal {
            "u"
        } else {
            "je"
        }
    }

    /// "je" or "uw" (possessive), capitalised at the start of a sentence.
    fn your(&self, capital: bool) -> &'static str {
        match (self.formal, capital) {
            (false, false) => "je",
            (false, true) => "Je",
            (true, false) => "uw",
            (true, true) => "Uw",
        }
    }

    pub fn greeting(&self, first: &str, full: &str) -> String {
        match (self.nl, self.formal) {
            (false, false) => format!("Hi {first},"),
            (false, true) => format!("Hello {first},"),
            (true, false) => format!("Hoi {first},"),
            (true, true) => format!("Beste {full},"),
        }
    }

    /// The greeting when the name cannot be used (empty, or too long to fit).
    pub fn bare_greeting(&self) -> &'static str {
        match (self.nl, self.formal) {
            (false, false) => "Hi,",
            (false, true) => "Hello,",
            (true, false) => "Hoi,",
            (true, true) => "Goedendag,",
        }
    }

    pub fn sign_off(&self, first: &str, full: &str) -> String {
        match (self.nl, self.formal) {
            (false, _) => format!("Best, {first}"),
            (true, false) => format!("Groet, {first}"),
            (true, true) => format!("Met vriendelijke groet, {full}"),
        }
    }

    /// The sentence that opens a connection request with `fact`.
    pub fn opener(&self, fact: &Fact) -> (String, Fact) {
        let v = &fact.value;
        let mut used = fact.clone();
        let text = match (fact.kind, &fact.detail) {
            (FactKind::Met, Detail::Place { article, place }) => {
                let article = self.article(article.as_deref());
                if self.nl {
                    format!(
                        "{} {} te hebben ontmoet op {article}{place}.",
                        self.pick("", "Leuk", "Prettig"),
                        self.you()
                    )
                } else {
                    format!("It was good to meet you at {article}{place}.")
                }
            }
            (FactKind::Met, _) => self
                .pick(
                    "It was good to meet you.",
                    "Leuk dat we elkaar hebben ontmoet.",
                    "Prettig dat we elkaar hebben ontmoet.",
                )
                .to_owned(),
            (FactKind::SharedEmployer, Detail::Overlap(months)) if *months > 0 => {
                if self.nl {
                    format!(
                        "We hebben {} tegelijk bij {v} gewerkt.",
                        duration_nl(*months)
                    )
                } else {
                    format!("We overlapped at {v} for {}.", duration_en(*months))
                }
            }
            (FactKind::SharedEmployer, Detail::Apart) => self
                .pick(
                    &format!("We both worked at {v}, though not at the same time."),
                    &format!("We hebben allebei bij {v} gewerkt, al was het niet tegelijk."),
                    &format!("We hebben allebei bij {v} gewerkt, al was het niet tegelijk."),
                )
                .to_owned(),
            (FactKind::SharedEmployer, _) => {
                if self.nl {
                    format!("We hebben allebei bij {v} gewerkt.")
                } else {
                    format!("We both worked at {v}.")
                }
            }
            (FactKind::SharedSchool, detail) => {
                let together = matches!(detail, Detail::Overlap(m) if *m > 0);
                if self.nl {
                    let (prep, article) = school_nl(v);
                    if together {
                        format!("We studeerden tegelijk {prep} {article}{v}.")
                    } else {
                        format!("We hebben allebei {prep} {article}{v} gestudeerd.")
                    }
                } else {
                    let article = if v.to_lowercase().starts_with("university") {
                        "the "
                    } else {
                        ""
                    };
                    if together {
                        format!("We were at {article}{v} at the same time.")
                    } else {
                        format!("We both studied at {article}{v}.")
                    }
                }
            }
            (FactKind::Mutual, _) => {
                if self.nl {
                    format!("We kennen allebei {v}.")
                } else {
                    format!("We both know {v}.")
                }
            }
            (FactKind::SameCity, _) => {
                if self.nl {
                    format!("Ik zit ook in {v}.")
                } else {
                    format!("I'm based in {v} too.")
                }
            }
            (FactKind::SameField, _) => {
                used.value = field_name(v, self.nl);
                if self.nl {
                    format!("{} is ook mijn vakgebied.", used.value)
                } else {
                    format!("{} is my field too.", used.value)
                }
            }
            (FactKind::Role, _) => {
                let (role, value) = self.role(fact);
                used.value = value;
                if self.nl {
                    format!("{} werk {role} viel me op.", self.your(true))
                } else {
                    format!("Your work {role} caught my eye.")
                }
            }
            (FactKind::Headline, _) => {
                if self.nl {
                    format!("{} profiel viel me op ({v}).", self.your(true))
                } else {
                    format!("Your profile caught my eye ({v}).")
                }
            }
            (FactKind::NewRole, _) => {
                let (role, value) = self.role(fact);
                used.value = value;
                self.pick(
                    &format!("Congratulations on your new role {role}!"),
                    &format!("Gefeliciteerd met je nieuwe rol {role}!"),
                    &format!("Gefeliciteerd met uw nieuwe functie {role}!"),
                )
                .to_owned()
            }
            (FactKind::LastContact, _) => {
                let years: u32 = v.parse().unwrap_or(1);
                used.value = match (self.nl, years) {
                    (false, 1) => "a year".to_owned(),
                    (false, n) => format!("{n} years"),
                    (true, 1) => "een jaar".to_owned(),
                    (true, n) => format!("{n} jaar"),
                };
                if self.nl {
                    format!(
                        "Het is alweer {} geleden dat we contact hadden.",
                        used.value
                    )
                } else {
                    format!("It's been over {} since we were last in touch.", used.value)
                }
            }
            (FactKind::Given, _) => v.clone(),
        };
        (text, used)
    }

    /// "as Data engineer at Veldwerk" / "at Veldwerk" (or in Dutch "als … bij …"), and the
    /// words of it that are the fact.
    fn role(&self, fact: &Fact) -> (String, String) {
        let (at, by) = if self.nl {
            ("bij", "als")
        } else {
            ("at", "as")
        };
        match &fact.detail {
            Detail::At(org) => {
                let value = format!("{} {at} {org}", fact.value);
                (format!("{by} {value}"), value)
            }
            _ => (format!("{at} {}", fact.value), fact.value.clone()),
        }
    }

    /// "the " / "de " before a place of meeting that had an article in the note.
    fn article(&self, article: Option<&str>) -> &'static str {
        match (article.map(str::to_lowercase).as_deref(), self.nl) {
            (None, _) => "",
            (Some("a" | "an" | "een"), false) => "a ",
            (Some("a" | "an" | "een"), true) => "een ",
            (Some("het"), true) => "het ",
            (Some(_), false) => "the ",
            (Some(_), true) => "de ",
        }
    }

    /// When there is nothing to build on.
    pub fn no_fact(&self) -> &'static str {
        self.pick(
            "Your profile caught my eye.",
            "Je profiel viel me op.",
            "Uw profiel viel me op.",
        )
    }

    /// A plain word of appreciation, for when no fact is one.
    pub fn glad_to_find(&self) -> &'static str {
        self.pick(
            "Good to find you here.",
            "Leuk je hier tegen te komen.",
            "Prettig u hier tegen te komen.",
        )
    }

    /// Their role, appreciated; `there` when the sentence before named the organisation ("Your
    /// work there as Product Lead caught my eye").
    pub fn appreciate_role(&self, fact: &Fact, there: bool) -> (String, Fact) {
        match (&fact.detail, there) {
            (Detail::At(_), true) => {
                let title = &fact.value;
                let text = if self.nl {
                    format!("{} werk daar als {title} viel me op.", self.your(true))
                } else {
                    format!("Your work there as {title} caught my eye.")
                };
                (text, fact.clone())
            }
            _ => self.opener(fact),
        }
    }

    pub fn closing(&self, i: usize) -> &'static str {
        let en = [
            "I'd be glad to connect.",
            "Happy to connect here.",
            "Let's connect.",
        ];
        let je = [
            "Ik zou graag met je connecten.",
            "Zullen we connecten?",
            "Leuk om te connecten!",
        ];
        let u = [
            "Ik zou graag met u connecten.",
            "Graag voeg ik u toe aan mijn netwerk.",
            "Ik maak graag contact met u.",
        ];
        self.pick(en[i % 3], je[i % 3], u[i % 3])
    }

    /// The first line after they accepted the invitation.
    pub fn thanks_for_connecting(&self, i: usize) -> &'static str {
        let en = ["Thanks for connecting.", "Good to be connected now."];
        let je = [
            "Dank je voor het connecten.",
            "Leuk dat we nu verbonden zijn.",
        ];
        let u = [
            "Dank u voor het accepteren van mijn uitnodiging.",
            "Fijn dat we nu verbonden zijn.",
        ];
        self.pick(en[i % 2], je[i % 2], u[i % 2])
    }

    /// An introduction the user offers to make.
    pub fn introduce(&self) -> &'static str {
        self.pick(
            "If someone in my network could help you along, I'm happy to introduce you.",
            "Als iemand uit mijn netwerk iets voor je kan betekenen, stel ik je graag aan die persoon voor.",
            "Als iemand uit mijn netwerk iets voor u kan betekenen, stel ik u graag aan die persoon voor.",
        )
    }

    pub fn offer(&self, i: usize) -> &'static str {
        let en = [
            "If I can ever help with something, just say.",
            "Happy to share what I've learned along the way, if it's ever useful.",
        ];
        let je = [
            "Als ik ergens mee kan helpen, laat het gerust weten.",
            "Ik deel graag wat ik onderweg heb geleerd, als je daar iets aan hebt.",
        ];
        let u = [
            "Als ik ergens mee kan helpen, laat u het gerust weten.",
            "Ik deel graag wat ik onderweg heb geleerd, als u daar iets aan heeft.",
        ];
        self.pick(en[i % 2], je[i % 2], u[i % 2])
    }

    pub fn wish(&self, i: usize) -> &'static str {
        let en = ["Wishing you a great start.", "Enjoy the new challenge!"];
        let je = ["Veel succes en plezier!", "Een mooie stap."];
        let u = ["Ik wens u veel succes.", "Een mooie stap."];
        self.pick(en[i % 2], je[i % 2], u[i % 2])
    }

    /// Sharing a link (`link` true) or a topic.
    pub fn share(&self, given: &str, link: bool, i: usize) -> String {
        match (link, self.nl, i % 2) {
            (true, false, 0) => format!("This made me think of you: {given}"),
            (true, false, _) => format!("Thought this might interest you: {given}"),
            (true, true, 0) => format!("Dit deed me aan {} denken: {given}", self.jou()),
            (true, true, _) => format!("Misschien interessant voor {}: {given}", self.jou()),
            (false, false, 0) => format!("I wanted to share {given} with you."),
            (false, false, _) => format!("Sharing {given}, in case it is useful to you."),
            (false, true, 0) => format!("Ik wilde {given} graag met {} delen.", self.jou()),
            (false, true, _) => format!(
                "Ik deel graag {given} met {}, misschien heb {} er iets aan.",
                self.jou(),
                self.pick("", "je", "u")
            ),
        }
    }

    /// "je" as an object is "je" (or "jou"); formal "u".
    fn jou(&self) -> &'static str {
        if self.formal {
            "u"
        } else {
            "je"
        }
    }

    /// Why the shared thing fits them: their current role.
    pub fn relevant_to(&self, fact: &Fact) -> (String, Fact) {
        let (role, value) = self.role(fact);
        let mut used = fact.clone();
        used.value = value;
        let text = if self.nl {
            format!(
                "Het leek me relevant voor {} werk {role}.",
                self.your(false)
            )
        } else {
            format!("It seemed relevant to your work {role}.")
        };
        (text, used)
    }

    pub fn no_reply_needed(&self) -> &'static str {
        self.pick(
            "No need to reply.",
            "Reageren hoeft niet.",
            "U hoeft niet te reageren.",
        )
    }

    /// Thanks for `what` (the user's words), or for their help.
    pub fn thank(&self, what: Option<&str>, i: usize) -> String {
        let help = self.pick("your help", "je hulp", "uw hulp");
        let what = what.unwrap_or(help);
        match (self.nl, self.formal, i % 2) {
            (false, _, 0) => format!("Thank you for {what}."),
            (false, _, _) => format!("Thanks again for {what}."),
            (true, false, 0) => format!("Dank je wel voor {what}."),
            (true, true, 0) => format!("Hartelijk dank voor {what}."),
            (true, false, _) => format!("Nogmaals bedankt voor {what}."),
            (true, true, _) => format!("Nogmaals dank voor {what}."),
        }
    }

    pub fn appreciate(&self) -> &'static str {
        self.pick(
            "I really appreciate it.",
            "Ik waardeer het echt.",
            "Ik waardeer het zeer.",
        )
    }

    pub fn in_return(&self) -> &'static str {
        self.pick(
            "If I can ever return the help, just say.",
            "Als ik ooit iets terug kan doen, laat het gerust weten.",
            "Als ik ooit iets terug kan doen, laat u het gerust weten.",
        )
    }

    /// Their current role, said to someone the user knows already.
    pub fn now_at(&self, fact: &Fact) -> (String, Fact) {
        let (role, value) = self.role(fact);
        let mut used = fact.clone();
        used.value = value;
        let text = if self.nl {
            format!("Ik zie dat {} nu {role} werkt.", self.you())
        } else {
            format!("I see you're now working {role}.")
        };
        (text, used)
    }

    pub fn how_are_you(&self, i: usize) -> &'static str {
        let en = ["Hope you're doing well!", "I hope all is well with you."];
        let je = [
            "Hoe gaat het met je?",
            "Ik hoop dat alles goed met je gaat.",
        ];
        let u = ["Hoe gaat het met u?", "Ik hoop dat alles goed met u gaat."];
        self.pick(en[i % 2], je[i % 2], u[i % 2])
    }

    /// After meeting them: thanks for the conversation (where, when known).
    pub fn after_meeting(&self, fact: &Fact, i: usize) -> String {
        let place = match &fact.detail {
            Detail::Place { article, place } => {
                let at = if self.nl { "op" } else { "at" };
                format!(" {at} {}{place}", self.article(article.as_deref()))
            }
            _ => String::new(),
        };
        match (self.nl, self.formal, i % 2) {
            (false, _, 0) => format!("Good to meet you{place}."),
            (false, _, _) => format!("Thanks for the conversation{place}."),
            (true, false, 0) => format!("Leuk je te hebben gesproken{place}."),
            (true, true, 0) => format!("Prettig u te hebben gesproken{place}."),
            (true, _, _) => format!("Bedankt voor het gesprek{place}."),
        }
    }

    pub fn stay_in_touch(&self) -> &'static str {
        self.pick(
            "I'd be glad to stay in touch.",
            "Ik blijf graag in contact.",
            "Ik blijf graag met u in contact.",
        )
    }
}

/// "2 months", "a year", "over 2 years", "almost 3 years".
fn duration_en(months: u32) -> String {
    let (years, rest) = (months / 12, months % 12);
    match (years, rest) {
        (0, 1) => "a month".to_owned(),
        (0, m) => format!("{m} months"),
        (1, 0) => "a year".to_owned(),
        (y, 0) => format!("{y} years"),
        (1, r) if r < 6 => "over a year".to_owned(),
        (y, r) if r < 6 => format!("over {y} years"),
        (y, _) => format!("almost {} years", y + 1),
    }
}

/// "2 maanden", "een jaar", "ruim 2 jaar", "bijna 3 jaar".
fn duration_nl(months: u32) -> String {
    let (years, rest) = (months / 12, months % 12);
    match (years, rest) {
        (0, 1) => "een maand".to_owned(),
        (0, m) => format!("{m} maanden"),
        (1, 0) => "een jaar".to_owned(),
        (y, 0) => format!("{y} jaar"),
        (1, r) if r < 6 => "ruim een jaar".to_owned(),
        (y, r) if r < 6 => format!("ruim {y} jaar"),
        (y, _) => format!("bijna {} jaar", y + 1),
    }
}

/// How Dutch says "at" a school: "aan de Universiteit Utrecht", "op het Stedelijk Gymnasium"
/// (the article only where the name starts with the kind of school).
fn school_nl(school: &str) -> (&'static str, &'static str) {
    let lower = school.to_lowercase();
    let higher = [
        "universiteit",
        "university",
        "hogeschool",
        "academie",
        "college",
        "instituut",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let first = lower.split_whitespace().next().unwrap_or_default();
    let article = match first {
        "universiteit" | "hogeschool" | "rijksuniversiteit" | "technische" | "vrije"
        | "academie" => "de ",
        _ => "",
    };
    (if higher { "aan" } else { "op" }, article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_en(1), "a month");
        assert_eq!(duration_en(14), "over a year");
        assert_eq!(duration_en(34), "almost 3 years");
        assert_eq!(duration_nl(24), "2 jaar");
        assert_eq!(duration_nl(27), "ruim 2 jaar");
        assert_eq!(duration_nl(11), "11 maanden");
    }

    #[test]
    fn dutch_schools_take_their_preposition() {
        assert_eq!(school_nl("Universiteit Utrecht"), ("aan", "de "));
        assert_eq!(school_nl("Radboud Universiteit"), ("aan", ""));
        assert_eq!(school_nl("Stedelijk Gymnasium Leiden"), ("op", ""));
    }
}
