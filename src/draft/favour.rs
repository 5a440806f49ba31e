//! The favour checker: where a message asks the recipient for something, in English and Dutch.
//!
//! The seeds' rule is that a first message connects and offers; it does not ask. This module
//! finds the asks — a job, a referral, an introduction, "pick your brain", a call, coffee or "15
//! minutes", feedback on the sender's work, a demo or a sale, "what can we do for each other"
//! and its Dutch forms, questions that claim the recipient's time — each with its span, a kind
//! and a short reason. Plain connection wording ("I'd be glad to connect", "Zullen we
//! connecten?") and offers ("happy to share my notes", "ik stel je graag voor aan Lotte") are not
//! asks.
//!
//! Spans are character offsets (Unicode scalar values) into the text, as `cg check-message`
//! prints them.
//!
//! ```
//! use common_ground::draft::favour::{check, Kind};
//! let findings = check("Leuk je te zien! Wat kunnen wij voor elkaar betekenen?");
//! assert_eq!(findings[0].kind, Kind::MutualBenefit);
//! assert!(check("Happy to share my notes from the meetup.").is_empty());
//! ```

use std::sync::OnceLock;

use regex_lite::Regex;
use serde::{Deserialize, Serialize};

/// What a message asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Job,
    Referral,
    Introduction,
    PickBrain,
    Meeting,
    Feedback,
    Sale,
    MutualBenefit,
    TimeClaim,
    Favour,
}

/// One ask: where it is (character offsets, end exclusive), what kind, and why it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub why: &'static str,
}

/// A pattern for one kind of ask, and whether an offer before it in the same sentence ("happy
/// to …", "ik kan …") turns it into an offer. A sale or a job stays an ask however it is
/// wrapped.
struct Rule {
    kind: Kind,
    why: &'static str,
    pattern: &'static str,
    offer_can_soften: bool,
}

const RULES: &[Rule] = &[
    Rule {
        kind: Kind::Job,
        why: "asks for a job",
        pattern: r"\b(looking for|seeking|in search of|searching for) (a |an |my next |new |a new )?(job|role|position|opportunit(y|ies)|work)\b|\b(are you|is your (team|company)|are you guys) hiring\b|\bany (openings|vacanc(y|ies)|open (positions|roles))\b|\bhire me\b|\bkeep me in mind for\b|\b(op zoek naar|zoek) (een |mijn )?(nieuwe |volgende )?(baan|job|functie|werkplek|vacature)\b|\b(heb(ben)? (jullie|je|u)|zijn er) (nog )?(een )?(open )?(vacatures?|plek)\b",
        offer_can_soften: false,
    },
    Rule {
        kind: Kind::Referral,
        why: "asks to be referred or recommended",
        pattern: r"\brefer me\b|\b(a|your) referral\b|\bput in a (good )?word\b|\brecommend me\b|\b(een )?goed woordje\b|\b(mij|me) (aanbevelen|doorverwijzen|aandragen)\b",
        offer_can_soften: false,
    },
    Rule {
        kind: Kind::Introduction,
        why: "asks for an introduction",
        pattern: r"\b(introduce|intro) me\b|\bput me in touch\b|\bconnect me (with|to)\b|\b(could|would|can) you introduce\b|\ban? (introduction|intro) to\b|\b(mij|me) (even )?(voorstellen|introduceren) aan\b|\b(mij|me) (\w+ ){0,2}in (contact|verbinding) (\w+ )?(brengen|zetten)\b|\b(kun|kan|kunt|wil|wilt|zou) (je|jij|u) (mij|me) (even )?(voorstellen|introduceren|koppelen)\b",
        offer_can_soften: true,
    },
    Rule {
        kind: Kind::PickBrain,
        why: "asks for their knowledge, for free",
        pattern: r"\bpick(ing)? your brains?\b|\b(get|ask|ask for|seek) your (advice|input|expertise|insights?)\b|\byour (advice|input|thoughts|expertise) on\b|\b(even )?sparren\b|\bje (brein|hersens)\b|\b(je|jouw|uw) (advies|expertise|kennis|input) (vragen|over)\b|\badvies vragen\b",
        offer_can_soften: true,
    },
    Rule {
        kind: Kind::Meeting,
        why: "asks for a call or a meeting: their time",
        pattern: r"\b(hop|jump|get) on a (quick |short )?(call|zoom|chat)\b|\b(quick|short|brief|phone|video|zoom|discovery|intro) call\b|\b(grab|have|get|buy you) (a |an )?(quick |virtual )?(coffee|lunch|drink|beer)\b|\bcoffee\b|\b(\d+|five|ten|fifteen|twenty|thirty|a few) (minutes|mins)\b|\bset up a (meeting|call|time)\b|\bschedule (a|some) (time|call|meeting)\b|\bcalendly\b|\bmeet (up|for)\b|\bkop(je)? koffie\b|\bkoffie\b|\b(bellen|belletje|telefoontje|videocall|videogesprek|kennismakingsgesprek|afspraakje)\b|\b(\d+|vijf|tien|vijftien|twintig|een paar) minuten\b|\bkwartiertje\b|\beven (spreken|afspreken|zitten|langskomen)\b|\b(een )?afspraak (maken|inplannen)\b",
        offer_can_soften: true,
    },
    Rule {
        kind: Kind::Feedback,
        why: "asks for feedback on the sender's own work",
        pattern: r"\b(feedback|thoughts|opinion|your take|a look) on (my|our)\b|\b(take|have) a (quick )?look at (my|our)\b|\b(review|check out|read) (my|our)\b|\b(feedback|je mening|uw mening|je oordeel) (op|over) (mijn|ons|onze)\b|\bwat (vind|vond) (je|jij|u) van (mijn|ons|onze)\b|\b(bekijken|bekijk|lezen|lees) (mijn|onze)\b|\b(mijn|onze) (\w+ ){1,2}(even )?(bekijken|lezen|doorlezen|nakijken)\b",
        offer_can_soften: false,
    },
    Rule {
        kind: Kind::Sale,
        why: "sells something",
        pattern: r"\b(a |quick |free |short )?demo\b|\bour (product|platform|solution|services?|tool|software|offering|agency)\b|\b(special|exclusive|limited) offer\b|\bdiscount\b|\bfree trial\b|\b(onze|ons) (product|platform|oplossing|diensten|dienstverlening|aanbod|software|bureau)\b|\bofferte\b|\bproefperiode\b|\bkorting\b",
        offer_can_soften: false,
    },
    Rule {
        kind: Kind::MutualBenefit,
        why: "\"what can we do for each other\": an ask in disguise",
        pattern: r"\bwhat (can|could|might) we do for each other\b|\bhow (can|could|might) we help each other\b|\bmutual(ly)? benefi(t|cial)\b|\bwin-win\b|\bsynerg(y|ies)\b|\bexplore (how we could |ways to )?(collaborat\w*|work together|partner\w*)\b|\bwat (kunnen|zouden|kunnen) (wij|we) voor elkaar betekenen\b|\bwat (wij|we) voor elkaar (kunnen|zouden kunnen) betekenen\b|\belkaar (kunnen )?versterken\b|\bsamenwerkingsmogelijkheden\b|\b(samen|elkaar) (kunnen )?(helpen|optrekken)\b",
        offer_can_soften: false,
    },
    Rule {
        kind: Kind::TimeClaim,
        why: "claims their time",
        pattern: r"\b(do|would|will) you have (some |a (few|little) |any )?(time|a moment|a minute|availability)\b|\bwhen (are you|would you be|is a good time)\b|\b(could|can) you spare\b|\b(are you|would you be) (open|available|free) (to|for)\b|\b(heb|hebt|heeft) (je|jij|u) (even |binnenkort |deze week |volgende week )?(tijd|ruimte)\b|\b(ben|bent) (je|jij|u) (binnenkort )?(beschikbaar|vrij)\b|\bwanneer (ben|heb|schikt|past|kan)\b|\bschikt het\b",
        offer_can_soften: true,
    },
    Rule {
        kind: Kind::Favour,
        why: "asks a favour",
        pattern: r"\b(could|can|would) you (please )?(help|assist|do me a favou?r)\b|\ba (small |quick |big |little )?favou?r\b|\bwould you mind\b|\bi was hoping you could\b|\b(kun|kan|kunt|wil|wilt|zou) (je|jij|u) (mij|me) (even |misschien )?helpen\b|\been (kleine )?gunst\b|\bik hoopte dat (je|u)\b",
        offer_can_soften: true,
    },
];

/// Words before an ask, in the same sentence, that make it an offer.
const OFFERS: &str = r"\b(happy to|glad to|gladly|i can|i could|i'd be happy|i would be happy|let me know if|if (it|that) (helps|is useful)|if you ever|ik kan|ik wil je|ik help (je|u) graag|ik (stel|breng) (je|u)|laat (het |me )?(even )?weten als|als (je|u) (er )?ooit)\b";

/// Words just before an ask that say it is not one ("not looking for a job").
const NEGATIONS: &str = r"\b(no need|not asking|not looking|no pressure|not|niet op zoek|geen behoefte|hoef je niet|niet)\b";

fn rules() -> &'static [(Regex, &'static Rule)] {
    static COMPILED: OnceLock<Vec<(Regex, &'static Rule)>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        RULES
            .iter()
            .filter_map(|rule| {
                Regex::new(&format!("(?i){}", rule.pattern))
                    .ok()
                    .map(|re| (re, rule))
            })
            .collect()
    })
}

fn offers() -> Option<&'static Regex> {
    static COMPILED: OnceLock<Option<Regex>> = OnceLock::new();
    COMPILED
        .get_or_init(|| Regex::new(&format!("(?i){OFFERS}")).ok())
        .as_ref()
}

fn negations() -> Option<&'static Regex> {
    static COMPILED: OnceLock<Option<Regex>> = OnceLock::new();
    COMPILED
        .get_or_init(|| Regex::new(&format!("(?i){NEGATIONS}")).ok())
        .as_ref()
}

/// The asks in `text`, in order; overlapping matches of one kind are reported once.
pub fn check(text: &str) -> Vec<Finding> {
    let mut found: Vec<(usize, usize, Kind, &'static str)> = Vec::new();
    for (re, rule) in rules() {
        for m in re.find_iter(text) {
            let sentence_start = text[..m.start()]
                .rfind(['.', '!', '?', ';', '\n'])
                .map_or(0, |i| i + 1);
            let before = &text[sentence_start..m.start()];
            let softened = offers().is_some_and(|s| s.is_match(before));
            // A negation counts only just before the ask ("not looking for a job"), not
            // anywhere in the sentence ("I'm not sure, but could you introduce me?").
            let near = &before[floor_char_boundary(before, before.len().saturating_sub(24))..];
            let negated = negations().is_some_and(|s| s.is_match(near));
            if negated || (softened && rule.offer_can_soften) {
                continue;
            }
            found.push((m.start(), m.end(), rule.kind, rule.why));
        }
    }
    found.sort_by_key(|f| (f.0, f.1));
    let mut out: Vec<Finding> = Vec::new();
    for (start, end, kind, why) in found {
        let start_char = text[..start].chars().count();
        let end_char = start_char + text[start..end].chars().count();
        if let Some(last) = out.last_mut() {
            if last.kind == kind && start_char <= last.end {
                last.end = last.end.max(end_char);
                continue;
            }
        }
        out.push(Finding {
            start: start_char,
            end: end_char,
            kind,
            why,
        });
    }
    out
}

/// The largest character boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(rules().len(), RULES.len());
        assert!(offers().is_some() && negations().is_some());
    }

    #[test]
    fn spans_are_character_offsets() {
        let text = "Zoë, héél fijn: heb je even tijd?";
        let f = check(text);
        assert_eq!(f.len(), 1, "{f:?}");
        let span: String = text
            .chars()
            .skip(f[0].start)
            .take(f[0].end - f[0].start)
            .collect();
        assert_eq!(span, "heb je even tijd");
        assert_eq!(f[0].kind, Kind::TimeClaim);
    }

    #[test]
    fn offers_and_plain_connecting_are_not_asks() {
        for text in [
            "I'd be glad to connect.",
            "Zullen we connecten?",
            "Happy to share my notes from the meetup.",
            "Happy to introduce you to Lotte if that helps.",
            "Ik stel je graag voor aan Lotte, als je dat wilt.",
            "No need to reply, I just wanted to say thanks.",
        ] {
            assert!(check(text).is_empty(), "{text}: {:?}", check(text));
        }
        // A negation far before the ask does not excuse it.
        let f =
            check("I'm not sure this is the right channel, but could you introduce me to Lotte?");
        assert_eq!(f[0].kind, Kind::Introduction);
    }
}
