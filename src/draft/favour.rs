//! The favour checker: where a message asks the recipient for something, in English and Dutch,
//! and what to write instead.
//!
//! The seeds' rule is that a first message connects and gives; it does not ask. A list of
//! phrases cannot hold that rule on real messages ("Interesse in een korte call?" asks, "thanks
//! for the coffee chats" does not), so the checker reads what each sentence *does*:
//!
//! - a **question** to the recipient ("Heb je 15 minuten?", "Hoe genereren jullie nu nieuwe
//!   klanten?", also without a question mark: "Would you be open to a call") asks for their
//!   time, their knowledge or their interest, unless it only proposes to connect ("Zullen we
//!   connecten?") or offers something ("Shall I send you the slides?", "Interesse om 'm te
//!   ontvangen?");
//! - a **request** ("I'd appreciate your perspective", "Graag even sparren!", "Please call me",
//!   "Plannen kan hier", "30 minuten zou me enorm helpen") asks when what it wants is theirs: a
//!   call, a meeting, their advice, a role;
//! - a few acts are asks in any mood: being referred, introduced, hired or considered for a
//!   role, having their brain picked.
//!
//! What it asks for is read from the sentence (`Kind`). Thanks, congratulations, sharing,
//! farewells, statements about the sender and plain connecting are not asks, whatever nouns
//! they hold. The `Occasion` sets how strict: a first message (a connection request) is held to
//! the rule fully; after they accepted or met, and in a keep-in-touch message, asking how they
//! are doing is fine; in a keep-in-touch message a short question is too (the seeds suggest "een
//! korte vraag" every four to six weeks), while a call, a job or an introduction is always an
//! ask. Each finding carries a give-first rewrite in the message's language (`rewrites`).
//!
//! Pure: text in, findings out. Spans are character offsets (Unicode scalar values) into the
//! text, as `cg check-message` prints them; a finding spans the sentence that asks.
//!
//! ```
//! use common_ground::draft::favour::{check, check_for, Kind, Occasion};
//! let findings = check("Leuk je te zien! Wat kunnen wij voor elkaar betekenen?");
//! assert_eq!(findings[0].kind, Kind::MutualBenefit);
//! assert!(check("Happy to share my notes from the meetup.").is_empty());
//! assert!(check("Shall I send you the slides?").is_empty());
//! assert_eq!(check("Interesse in een korte call?")[0].kind, Kind::Meeting);
//! assert!(!check("How are you doing?").is_empty());
//! assert!(check_for("How are you doing?", Occasion::KeepInTouch).is_empty());
//! ```

use std::sync::OnceLock;

use regex_lite::Regex;
use serde::{Deserialize, Serialize};

/// What a message asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A job, a role, or being considered for one.
    Job,
    /// Being referred or recommended.
    Referral,
    /// An introduction to someone they know.
    Introduction,
    /// Their advice, opinion or expertise.
    Advice,
    /// Their time: a call, a meeting, coffee, a demo, "15 minutes".
    Meeting,
    /// Feedback on the sender's own work.
    Feedback,
    /// Their interest in a product or service.
    Sale,
    /// "What can we do for each other".
    MutualBenefit,
    /// A favour.
    Favour,
    /// A question about them or their work: their knowledge and their time.
    Question,
    /// How they are doing: fine once there is a tie, not in a first message.
    CheckIn,
}

/// What kind of message is being checked: how strict the rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Occasion {
    /// A connection request, or any first message: nothing may be asked.
    #[default]
    First,
    /// After they accepted or after meeting: asking how they are is fine.
    FollowUp,
    /// A light touch every few weeks: a short question about them is fine too.
    KeepInTouch,
}

impl Occasion {
    /// Parses `first`, `follow-up` or `keep-in-touch` (the command line's spelling).
    pub fn parse(text: &str) -> Option<Occasion> {
        match text {
            "first" => Some(Occasion::First),
            "follow-up" => Some(Occasion::FollowUp),
            "keep-in-touch" => Some(Occasion::KeepInTouch),
            _ => None,
        }
    }

    fn excuses(self, kind: Kind, words: usize) -> bool {
        match (self, kind) {
            (Occasion::First, _) => false,
            (_, Kind::CheckIn) => true,
            (Occasion::KeepInTouch, Kind::Question) => words <= SHORT_QUESTION_WORDS,
            _ => false,
        }
    }
}

/// A question of at most this many words counts as "een korte vraag" in a keep-in-touch note.
const SHORT_QUESTION_WORDS: usize = 14;

/// Longer text is checked up to here: LinkedIn's longest message is 8,000 characters.
const MAX_CHECKED_BYTES: usize = 32 * 1024;

/// One ask: where it is (character offsets, end exclusive), what kind, why it counts (in
/// English; [`why_key`] for the interface's language), how to turn it around and a sentence to
/// put in its place, both in the message's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub why: &'static str,
    pub advice: &'static str,
    pub suggestion: &'static str,
}

/// The asks in a first message (a connection request), in order.
pub fn check(text: &str) -> Vec<Finding> {
    check_for(text, Occasion::First)
}

/// The asks in `text` for `occasion`, in order, one per sentence.
pub fn check_for(text: &str, occasion: Occasion) -> Vec<Finding> {
    let text = crate::within(text, MAX_CHECKED_BYTES);
    let bank = rewrites::bank(text);
    let mut out = Vec::new();
    let mut chars_before = 0;
    let mut counted_to = 0;
    for (start, end) in sentences(text) {
        let sentence = &text[start..end];
        let Some(kind) = read_act(sentence) else {
            continue;
        };
        let words = sentence.split_whitespace().count();
        if occasion.excuses(kind, words) {
            continue;
        }
        chars_before += text[counted_to..start].chars().count();
        let length = sentence.chars().count();
        counted_to = end;
        let (advice, suggestion) = bank.rewrite(kind);
        out.push(Finding {
            start: chars_before,
            end: chars_before + length,
            kind,
            why: why(kind),
            advice,
            suggestion,
        });
        chars_before += length;
    }
    out
}

/// Why an ask of `kind` counts, in English (the interface says it in its own language through
/// [`why_key`]).
fn why(kind: Kind) -> &'static str {
    crate::phrases::book(crate::phrases::Lang::EN).text(why_key(kind))
}

/// The phrase that says why an ask of `kind` counts.
pub fn why_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Job => "asks.job",
        Kind::Referral => "asks.referral",
        Kind::Introduction => "asks.introduction",
        Kind::Advice => "asks.advice",
        Kind::Meeting => "asks.meeting",
        Kind::Feedback => "asks.feedback",
        Kind::Sale => "asks.sale",
        Kind::MutualBenefit => "asks.mutual_benefit",
        Kind::Favour => "asks.favour",
        Kind::Question => "asks.question",
        Kind::CheckIn => "asks.check_in",
    }
}

/// The sentences of `text` as byte ranges, trimmed: split after `.`, `!`, `?` or `…` followed
/// by a space, and at line breaks.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends = c == '\n'
            || (matches!(c, '.' | '!' | '?' | '…') && next.is_none_or(char::is_whitespace));
        if ends {
            push_trimmed(text, start, i + c.len_utf8(), &mut out);
            start = i + c.len_utf8();
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

/// What `sentence` asks for, if it asks.
fn read_act(sentence: &str) -> Option<Kind> {
    let p = patterns();
    // "Not looking for a job" rules out the job, not the rest of the sentence.
    let negated = p.negated.is_match(sentence);
    let counts = |kind: Kind| !(negated && kind == Kind::Job);
    if let Some(&(_, kind)) = p
        .always
        .iter()
        .find(|(re, kind)| counts(*kind) && re.is_match(sentence))
    {
        return Some(kind);
    }
    // "Discuss the ideas you raised" exchanges ideas; it books no one's time.
    let rest = p.exchange.replace_all(sentence, "");
    let object = p
        .objects
        .iter()
        .find(|(re, kind)| counts(*kind) && re.is_match(&rest))
        .map(|o| o.1);
    let scheduled = p.scheduled.is_match(sentence);
    if is_question(sentence) {
        if p.check_in.is_match(sentence) {
            return Some(Kind::CheckIn);
        }
        if p.offer_question.is_match(sentence) && !scheduled {
            return None;
        }
        if object.is_none() && p.connecting.is_match(sentence) {
            return None;
        }
        // "Past dinsdag of donderdag?" proposes a slot in their week.
        let slot = p.slot.is_match(sentence).then_some(Kind::Meeting);
        return Some(object.or(slot).unwrap_or(Kind::Question));
    }
    let offered = p.offer.is_match(sentence);
    if p.request.is_match(sentence) && !offered {
        return Some(object.unwrap_or(Kind::Question));
    }
    if offered {
        // An offer stays one ("happy to jump on a call"), unless what it offers books their
        // time: "Ik kan u een demo geven (15 min)".
        return scheduled.then_some(Kind::Meeting);
    }
    if p.wish.is_match(sentence) {
        // "I'd love to connect" wants nothing of theirs; "I'd love a quick call" does. Words
        // of interest and value ("relevant experience") say nothing about what is wanted.
        return object.filter(|&kind| kind != Kind::Sale);
    }
    // A booking link or "plannen kan hier" asks for a slot in their calendar.
    p.booking.is_match(sentence).then_some(Kind::Meeting)
}

/// A question: it ends with a question mark, or opens as one ("Would you be open to …",
/// "Heb je even tijd …") without it.
fn is_question(sentence: &str) -> bool {
    let end = sentence.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '*' | '!')
    });
    end.ends_with('?') || patterns().opens_question.is_match(sentence)
}

struct Patterns {
    /// Acts that are asks in any mood, with their kind.
    always: Vec<(Regex, Kind)>,
    /// What a question or a request asks for, in order of precedence.
    objects: Vec<(Regex, Kind)>,
    /// Their time booked: a duration, a demo given, a scheduling link or verb.
    scheduled: Regex,
    /// A scheduling link or verb.
    booking: Regex,
    /// A day or a week, which a question proposes as a slot.
    slot: Regex,
    /// Exchanging ideas or notes, which wants nothing of theirs.
    exchange: Regex,
    opens_question: Regex,
    check_in: Regex,
    /// A question that offers: "Shall I send you …", "Wil je de link?".
    offer_question: Regex,
    connecting: Regex,
    /// The sender offers: "happy to", "ik kan", "ik denk graag mee".
    offer: Regex,
    /// A request in the imperative or as a statement of need.
    request: Regex,
    /// The sender wants something: "I'd love to", "ik zou graag", "graag".
    wish: Regex,
    /// "Not looking for a job", "no need to reply".
    negated: Regex,
}

fn compile(pattern: &str) -> Regex {
    // The patterns are constants of this module; the unit test compiles every one.
    Regex::new(&format!("(?i){pattern}")).unwrap_or_else(|_| never())
}

/// A pattern that matches nothing, for a constant that failed to compile (tested never to).
fn never() -> Regex {
    Regex::new(r"[^\s\S]").expect("an empty class compiles")
}

fn patterns() -> &'static Patterns {
    static COMPILED: OnceLock<Patterns> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let pairs = |list: &[(&str, Kind)]| {
            list.iter()
                .map(|(p, k)| (compile(p), *k))
                .collect::<Vec<_>>()
        };
        Patterns {
            always: pairs(ALWAYS),
            objects: pairs(OBJECTS),
            scheduled: compile(&format!("{DURATION}|{BOOKING}")),
            booking: compile(BOOKING),
            slot: compile(SLOT),
            exchange: compile(EXCHANGE),
            opens_question: compile(OPENS_QUESTION),
            check_in: compile(CHECK_IN),
            offer_question: compile(OFFER_QUESTION),
            connecting: compile(CONNECTING),
            offer: compile(OFFER),
            request: compile(REQUEST),
            wish: compile(WISH),
            negated: compile(NEGATED),
        }
    })
}

// The patterns. `\b` is Unicode-aware in regex-lite only for ASCII word characters, which is
// enough here: every anchor word is ASCII.

const ALWAYS: &[(&str, Kind)] = &[
    (
        r"\brefer me\b|\b(a|your) referral\b|\bput in a (good )?word\b|\brecommend me\b|\bgoed woordje\b|\b(mij|me) (aanbevelen|doorverwijzen|aandragen)\b",
        Kind::Referral,
    ),
    (
        r"\b(introduce|intro) me\b|\bput me in touch\b|\bconnect me (with|to)\b|\benough to intro\b|\b(an? )?(intro|introduction) to\b|\b(mij|me) (even )?(voorstellen|introduceren) aan\b|\b(mij|me) (\w+ ){0,2}in (contact|verbinding) (\w+ )?(brengen|zetten)\b|\b(kun|kan|kunt|wil|wilt|zou) (je|jij|u) (mij|me) (even )?(voorstellen|introduceren|koppelen)\b|\been introductie\b",
        Kind::Introduction,
    ),
    (
        r"\bpick(ing)? your brains?\b|\b(even |graag |willen |over )sparren\b|\bje (brein|hersens) (even )?(lenen|pijnigen)\b|\b(wanted|want|like) to ask (you )?(a |one )?(quick )?(question|—|-|:|\[)|\bcurious to (hear|get|know) your\b",
        Kind::Advice,
    ),
    (
        r"\b(i am|i'm|im|as i am|ik ben|ben) (currently |now |actively )?(looking for|seeking|searching for|in search of|op zoek naar) (a |an |my next |my first |new |a new |een |een nieuwe |mijn volgende |nieuwe )?(job|role|position|opportunit(y|ies)|baan|functie|werkplek|uitdaging)\b|\b(are you|is your (team|company)) hiring\b|\bhire me\b|\bkeep me in mind\b|\b(love|like|want) to be considered\b|\bconsider me\b|\binterested in the (\S+ ){0,4}(role|position|vacancy|opening)\b|\b(heb(ben)? (jullie|je|u)|zijn er) (nog )?(een )?(open )?vacatures?\b",
        Kind::Job,
    ),
    (
        r"\b(quick|random|small|big) ask\b|\been (kleine |grote )?gunst\b|\bdo me a favou?r\b|\b(iets )?voor (mij|me) (kon|kan|kunt|zou kunnen) (betekenen|doen)\b|\bdo something for me\b",
        Kind::Favour,
    ),
    (
        r"\bwin-win\b|\bsynerg(y|ies)\b|\blet's explore how we\b|\bwat (we|wij) voor elkaar (kunnen|zouden kunnen) betekenen\b",
        Kind::MutualBenefit,
    ),
    (
        r"\b(stuur|send|make|maak|doe) (\w+ ){0,3}(een |a )?(offerte|quote|proposal)\b|\bkorting\b|\bdiscount\b|\bfree trial\b|\bproefperiode\b|\bspecial offer\b",
        Kind::Sale,
    ),
];

const OBJECTS: &[(&str, Kind)] = &[
    (
        r"\b(for|voor) (each other|one another|elkaar)\b|\b(help|support) (each other|one another)\b|\belkaar (helpen|versterken|betekenen)\b|\bmutual(ly)? benefi",
        Kind::MutualBenefit,
    ),
    (
        r"\b(intro|introduce|introduction|introductie|voorstellen aan|in contact brengen)\b",
        Kind::Introduction,
    ),
    (r"\b(refer|referral|doorverwijz\w*)\b", Kind::Referral),
    (
        r"\b(job|jobs|role|position|hiring|opening|openings|vacancy|vacanc\w+|vacature\w*|baan|functie|resume|cv)\b",
        Kind::Job,
    ),
    (
        r"\b(call|calls|chat|meet|meeting|meetings|coffee|lunch|drinks?|minutes?|mins?|min|demo|session|discuss|discussion|speak (with|to) you|talk (with|to) you|interview|available|availability|time (to|for)|free (on|this|next)|gesprek\w*|koffie|bellen|belletje|afspraak|afspreken|kwartier\w*|minuten|sessie|kennismaking\w*|beschikbaar|tijd voor|moment prikken|spreken|langskomen)\b|\b\d+\s*-?\s*min|\bshow you (how|our|what)\b|\blaten zien (hoe|wat)\b",
        Kind::Meeting,
    ),
    (
        r"\b(interest|interested|interesse|geïnteresseerd|relevant|valuable|useful for you|worth (it|a look)|waardevol|interessant voor|nuttig voor|audit|scan|trial|offerte|quote|pricing|prijs|mogelijk is|possible for)\b",
        Kind::Sale,
    ),
    (
        r"\b(feedback|review|thoughts on|opinion on|a look at|mening over|oordeel over|bekijken|doorlezen) (\w+ ){0,2}(my|our|mijn|ons|onze)\b|\b(my|our|mijn|onze) (\w+ ){0,2}(bekijken|doorlezen|nakijken|reviewen)\b",
        Kind::Feedback,
    ),
    (
        r"\b(hear|hearing|get|getting|have|ask for|asking for|seek|seeking|appreciate|value|want|need|love|like|welcome|know) (\w+ )?(your|jouw|uw|je) (advice|perspective|thoughts|input|opinion|expertise|insights?|take|feedback)\b|\b(your|jouw|uw|je) (advice|advies|perspective|thoughts|input|opinion|mening|take|kijk) on\b|\b(je|jouw|uw) (advies|mening|kijk|input|expertise|kennis) (vragen|horen|over)\b",
        Kind::Advice,
    ),
    (
        r"\b(help me|help us|assist|favou?r|helpen|gunst)\b",
        Kind::Favour,
    ),
];

const DURATION: &str = r"\b\d+\s*-?\s*(min|minutes|minuten|mins)\b|\b(half an hour|an hour|kwartier\w*|half uur(tje)?|uurtje)\b|\bdemo\b (\w+ ){0,3}(geven|give|laten zien|show)\b|\b(give|show) you (a )?(quick |short )?demo\b";

const BOOKING: &str = r"\bcalendly\b|\bcal\.com\b|\bsavvycal\b|\b(inplannen|plannen kan|plan (ik|je|u|we) .*\bin\b|moment prikken|schedule (a|some)|set up a (call|meeting|time|chat)|book a (time|slot|call)|pick a (time|slot)|grab a (time|slot))";

const SLOT: &str = r"\b(maandag|dinsdag|woensdag|donderdag|vrijdag|monday|tuesday|wednesday|thursday|friday|volgende week|deze week|next week|this week|tomorrow|morgen)\b";

const EXCHANGE: &str = r"\b(discuss|exchange|share|swap|compare|trade) (some )?(of )?(the |your |our |these |those )?(ideas|notes|thoughts|perspectives|insights)\b|\bcontinue the conversation\b";

const OPENS_QUESTION: &str = r"^\W*(would|could|can|do|does|are|will|have|shall|may) (you|u)\b|^\W*(zou|zouden|kun|kan|kunt|wil|wilt|heb|hebt|heeft|ben|bent|doe|doen|zijn|hebben|staan|sta|mag) (je|jij|u|jullie)\b";

const CHECK_IN: &str = r"\bhow (are|have) you( been| doing| finding| liking| enjoying|\s*\?)|\bhow('s| is| are) (it going|things|life|the new|your new|the family|everything)\b|\bhow (was|did) (your|the) (trip|holiday|vacation|weekend|summer|conference|launch|move|first)\b|\bhoe (gaat|is) het( met (je|jou|u|jullie))?\s*[?!.]|\bhoe gaat het met (je|jou|u)\b|\balles goed\b|\bhoe bevalt\b|\bhoe was (je|jouw|uw) (vakantie|reis|weekend|eerste|verhuizing)\b";

const OFFER_QUESTION: &str = r"^\W*(shall|should|can|may|could) i (send|share|forward|pass|email|drop|introduce|make an intro)\b|\bmind if i (send|share|forward|pass|make|introduce|connect you)\b|\b(want|would you like) me to (send|share|forward|pass|introduce)\b|\b(would you like|do you want|want) (a copy|the (link|slides|article|deck|notes|recording|report))\b|^\W*(zal|mag|kan) ik (je|jou|u) (\w+ ){0,4}(sturen|doorsturen|mailen|toesturen|delen|voorstellen)\b|^\W*(zal|mag|kan) ik ('m|hem|het|die|dat|deze) (\w+ ){0,2}(sturen|doorsturen|mailen|delen)\b|\bwil(t)? (je|jij|u) (de|het|die|dat|mijn) (link|artikel|slides|presentatie|rapport|aantekeningen|overzicht)\b|\b(interesse|interested|zin) (om|to) (\S+ ){0,3}(te )?(ontvangen|receive|get a copy|lezen|read)\b|\binterested in receiving\b";

const CONNECTING: &str =
    r"\b(connect|connecting|connected|connection|connecten|netwerk|network|toevoegen|linken)\b";

const OFFER: &str = r"\b(happy to|glad to|gladly|(i can|i could|i'll|i will) (help|share|send|introduce|offer|give|forward|pass|connect you|put you)|i'd be happy|i would be happy|if (it|that) (helps|is useful|would help)|if you ever|if there is anything|anything (that )?i can|ik kan (je|u|jullie)|ik wil je|ik help (je|u) graag|ik (stel|breng) (je|u)|als ik( (je|u|jullie))?( ooit)?( ergens)?( mee)? (kan|kun)|denk (ik )?graag (\w+ )?mee|ik deel graag|deel ik graag|stuur ik (je|u)|ik stuur (je|u)|als (je|u) (er )?ooit|als (je|u) (vragen|hulp)|mocht (je|u) (\w+ ){0,3}ooit)\b";

const REQUEST: &str = r"^\W*(please )?(call|ring|phone|email|text|book|schedule|send me|tell me|introduce|refer|check out|take a (quick )?look|have a (quick )?look|review|let me know (if|when|what|whether|your|how)|bel|stuur me|boek|prik|plan)\b|\bplease (call|contact|ring|reach out|send|let me know|introduce|refer|review|consider)\b|\b(laat|laten) (me|mij|het) (even |gerust )?weten (of|wanneer|hoe|wat|als)\b|\bplannen kan\b|\bkun (je|jij) (zo )?(een )?moment prikken\b|\bzou me (enorm|erg|echt|heel erg|veel|ontzettend) helpen\b|\bwould (really |greatly |hugely )?help me\b|\bi'd (really )?appreciate (it if you|your)\b|\bi would (really )?appreciate (it if you|your)\b|\b(ik ben|ben|i'm|i am) (erg |heel |wel |vooral )?(benieuwd|curious) (hoe|wat|welke|of|waar|wanneer|how|what|whether|if|which) (\w+ ){0,6}(je|jij|jullie|u|you)\b";

const WISH: &str = r"\b(i'd|i would|would|we'd|we would) (really |greatly )?(love|like|welcome|be keen|appreciate|value)\b|\b(it|that) would be (great|good|nice|wonderful|helpful) (to|if)\b|\bwould be great to\b|\bi('m| am| was)? hoping\b|\bi hoped\b|\bi hope (to|that you|you)\b|\b(ik zou|zou) (je|u|jullie)? ?graag\b|\bgraag\b|\bhet zou (mooi|fijn|leuk|top|geweldig) zijn\b|\bik hoop(te)? (dat (je|u|jullie)|je|u)\b|\b(ik wil|wil ik) (je|u|jullie)? ?(graag|even)\b";

const NEGATED: &str = r"\b(not asking for a job|i'm not looking for|i am not looking for|not looking for a|niet op zoek naar|geen behoefte aan)\b";

/// The give-first rewrites, per language and register.
mod rewrites {
    use super::Kind;

    /// The rewrites for one language and register.
    pub(super) struct Bank {
        rows: &'static [(Kind, &'static str, &'static str)],
    }

    impl Bank {
        /// How to turn an ask of `kind` around, and a sentence to put in its place.
        pub(super) fn rewrite(&self, kind: Kind) -> (&'static str, &'static str) {
            self.rows
                .iter()
                .find(|row| row.0 == kind)
                .or(self.rows.first())
                .map_or(("", ""), |row| (row.1, row.2))
        }
    }

    /// The bank for the language `text` is written in: Dutch when more of its words are
    /// Dutch than English, "u" when it addresses them so.
    pub(super) fn bank(text: &str) -> Bank {
        let (mut dutch, mut english, mut formal) = (0usize, 0usize, false);
        for word in text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
        {
            let word = word.to_lowercase();
            if DUTCH.contains(&word.as_str()) {
                dutch += 1;
            }
            if ENGLISH.contains(&word.as_str()) {
                english += 1;
            }
            formal |= word == "u" || word == "uw";
        }
        let rows = match (dutch > english, formal) {
            (true, true) => NL_U,
            (true, false) => NL_JE,
            (false, _) => EN,
        };
        Bank { rows }
    }

    const DUTCH: &[&str] = &[
        "de", "het", "een", "ik", "je", "jij", "jullie", "u", "uw", "en", "van", "met", "voor",
        "niet", "dat", "graag", "zou", "wij", "we", "ook", "maar", "bij", "naar", "om", "hoe",
        "wat", "heb", "hebt", "zijn", "leuk", "dank", "bedankt", "groet", "hoi", "hallo",
    ];
    const ENGLISH: &[&str] = &[
        "the", "you", "your", "i", "and", "to", "of", "with", "for", "is", "a", "it", "that",
        "would", "love", "thanks", "my", "our", "we", "are", "be", "on", "in", "how", "what", "hi",
        "hello", "best",
    ];

    // Each suggestion passes the checker itself (tested): it gives or offers, and asks for
    // nothing.
    const EN: &[(Kind, &str, &str)] = &[
        (Kind::Meeting, "Offer something of yours instead of asking for their time", "Happy to send you my notes on this, if they are useful to you."),
        (Kind::Job, "Show what you bring; let the role come up once there is a tie", "I enjoy following your team's work, and I am happy to share what I learned doing similar work."),
        (Kind::Referral, "Give first: a referral is a favour to earn, not to ask for", "If I come across something useful for your team, I will pass it on."),
        (Kind::Introduction, "Offer an introduction of your own instead", "If someone in my network could be useful to you, I am glad to introduce you."),
        (Kind::Advice, "Share what you know before asking for what they know", "Happy to share what I have learned about this, if it helps."),
        (Kind::Feedback, "Give them something to use rather than something to judge", "I wrote up a few lessons on this; happy to send them if useful."),
        (Kind::Sale, "Lead with value, not a pitch", "I put together a short overview of what works here; happy to share it if it helps."),
        (Kind::MutualBenefit, "Say what you can do for them, plainly", "Glad to be connected; tell me if I can ever help with something."),
        (Kind::Favour, "Offer your help before asking for theirs", "If there is ever something I can help you with, just say so."),
        (Kind::Question, "Give before you ask: share something of yours instead", "I came across something on this that you may find useful; happy to share it."),
        (Kind::CheckIn, "In a first message, a warm word does more than a question", "I hope all is well with you."),
    ];
    const NL_JE: &[(Kind, &str, &str)] = &[
        (Kind::Meeting, "Bied iets van jezelf aan in plaats van hun tijd te vragen", "Ik stuur je mijn aantekeningen hierover, als je daar iets aan hebt."),
        (Kind::Job, "Laat zien wat je meebrengt; een baan komt later ter sprake", "Ik volg jullie werk met plezier en deel wat ik zelf in dit vak geleerd heb."),
        (Kind::Referral, "Eerst brengen: een aanbeveling verdien je, die vraag je niet", "Als ik iets tegenkom dat nuttig is voor je team, stuur ik het je door."),
        (Kind::Introduction, "Bied zelf een introductie aan", "Als iemand uit mijn netwerk iets voor je kan betekenen, breng ik jullie met plezier samen."),
        (Kind::Advice, "Deel eerst wat jij weet, voordat je naar hun kennis vraagt", "Ik deel wat ik hierover geleerd heb, als je daar iets aan hebt."),
        (Kind::Feedback, "Geef ze iets om te gebruiken in plaats van iets om te beoordelen", "Ik heb een paar lessen hierover op papier gezet; ik stuur ze je als je wilt."),
        (Kind::Sale, "Begin met waarde, niet met een verkooppraatje", "Ik heb een kort overzicht gemaakt van wat hier werkt; ik deel het als je er iets aan hebt."),
        (Kind::MutualBenefit, "Zeg gewoon wat jij voor hen kunt doen", "Leuk om verbonden te zijn; als ik ooit ergens mee kan helpen, hoor ik het."),
        (Kind::Favour, "Bied je hulp aan voordat je om de hunne vraagt", "Als ik je ooit ergens mee kan helpen, hoor ik het graag."),
        (Kind::Question, "Eerst brengen: deel iets van jezelf in plaats van een vraag", "Ik kwam hier iets over tegen dat je misschien nuttig vindt; ik deel het met plezier."),
        (Kind::CheckIn, "In een eerste bericht doet een warm woord meer dan een vraag", "Ik hoop dat alles goed met je gaat."),
    ];
    const NL_U: &[(Kind, &str, &str)] = &[
        (Kind::Meeting, "Bied iets van uzelf aan in plaats van hun tijd te vragen", "Ik stuur u mijn aantekeningen hierover, als u daar iets aan hebt."),
        (Kind::Job, "Laat zien wat u meebrengt; een functie komt later ter sprake", "Ik volg uw werk met plezier en deel wat ik zelf in dit vak geleerd heb."),
        (Kind::Referral, "Eerst brengen: een aanbeveling verdient u, die vraagt u niet", "Als ik iets tegenkom dat nuttig is voor uw team, stuur ik het u door."),
        (Kind::Introduction, "Bied zelf een introductie aan", "Als iemand uit mijn netwerk iets voor u kan betekenen, breng ik u met plezier in contact."),
        (Kind::Advice, "Deel eerst wat u weet, voordat u naar hun kennis vraagt", "Ik deel wat ik hierover geleerd heb, als u daar iets aan hebt."),
        (Kind::Feedback, "Geef iets om te gebruiken in plaats van iets om te beoordelen", "Ik heb een paar lessen hierover op papier gezet; ik stuur ze u als u wilt."),
        (Kind::Sale, "Begin met waarde, niet met een verkooppraatje", "Ik heb een kort overzicht gemaakt van wat hier werkt; ik deel het als u er iets aan hebt."),
        (Kind::MutualBenefit, "Zeg gewoon wat u voor hen kunt doen", "Fijn om verbonden te zijn; als ik ooit ergens mee kan helpen, hoor ik het."),
        (Kind::Favour, "Bied uw hulp aan voordat u om de hunne vraagt", "Als ik u ooit ergens mee kan helpen, hoor ik het graag."),
        (Kind::Question, "Eerst brengen: deel iets van uzelf in plaats van een vraag", "Ik kwam hier iets over tegen dat u misschien nuttig vindt; ik deel het met plezier."),
        (Kind::CheckIn, "In een eerste bericht doet een warm woord meer dan een vraag", "Ik hoop dat alles goed met u gaat."),
    ];

    #[cfg(test)]
    pub(super) fn all() -> impl Iterator<Item = (&'static str, Kind, &'static str, &'static str)> {
        [("en", EN), ("nl-je", NL_JE), ("nl-u", NL_U)]
            .into_iter()
            .flat_map(|(name, rows)| rows.iter().map(move |r| (name, r.0, r.1, r.2)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_KINDS: [Kind; 11] = [
        Kind::Job,
        Kind::Referral,
        Kind::Introduction,
        Kind::Advice,
        Kind::Meeting,
        Kind::Feedback,
        Kind::Sale,
        Kind::MutualBenefit,
        Kind::Favour,
        Kind::Question,
        Kind::CheckIn,
    ];

    #[test]
    fn every_pattern_compiles() {
        let all = ALWAYS.iter().chain(OBJECTS).map(|p| p.0).chain([
            DURATION,
            BOOKING,
            SLOT,
            EXCHANGE,
            OPENS_QUESTION,
            CHECK_IN,
            OFFER_QUESTION,
            CONNECTING,
            OFFER,
            REQUEST,
            WISH,
            NEGATED,
        ]);
        for pattern in all {
            assert!(Regex::new(&format!("(?i){pattern}")).is_ok(), "{pattern}");
        }
    }

    #[test]
    fn spans_are_character_offsets_of_the_asking_sentence() {
        let text = "Zoë, héél fijn je profiel te zien. Heb je even tijd?";
        let f = check(text);
        assert_eq!(f.len(), 1, "{f:?}");
        let span: String = text
            .chars()
            .skip(f[0].start)
            .take(f[0].end - f[0].start)
            .collect();
        assert_eq!(span, "Heb je even tijd?");
        assert_eq!(f[0].kind, Kind::Question);
    }

    #[test]
    fn every_kind_has_a_rewrite_in_every_language_that_asks_nothing() {
        let mut seen = std::collections::HashSet::new();
        for (lang, kind, advice, suggestion) in rewrites::all() {
            seen.insert((lang, kind));
            assert!(!advice.is_empty() && !suggestion.is_empty());
            for occasion in [Occasion::First, Occasion::FollowUp] {
                assert!(
                    check_for(suggestion, occasion).is_empty(),
                    "{lang} {kind:?}: {suggestion} {:?}",
                    check_for(suggestion, occasion)
                );
            }
        }
        for lang in ["en", "nl-je", "nl-u"] {
            for kind in ALL_KINDS {
                assert!(
                    seen.contains(&(lang, kind)),
                    "{lang} has no rewrite for {kind:?}"
                );
            }
        }
    }

    #[test]
    fn the_rewrite_speaks_the_message_language_and_register() {
        let en = check("Do you have 15 minutes for a call?");
        assert!(en[0].suggestion.starts_with("Happy to"), "{en:?}");
        let nl = check("Hoi Sanne, heb je 15 minuten voor een korte call?");
        assert!(nl[0].suggestion.contains(" je "), "{nl:?}");
        let u = check("Geachte heer Jansen, heeft u 15 minuten voor een kort gesprek?");
        assert!(u[0].suggestion.contains(" u "), "{u:?}");
    }

    /// Offers stay offers, also as questions; plain connecting and thanks are not asks.
    #[test]
    fn offers_and_plain_connecting_are_not_asks() {
        for text in [
            "I'd be glad to connect.",
            "Zullen we connecten?",
            "Would you like to connect?",
            "Can we connect?",
            "Happy to share my notes from the meetup.",
            "Happy to introduce you to Lotte if that helps.",
            "Ik stel je graag voor aan Lotte, als je dat wilt.",
            "No need to reply, I just wanted to say thanks.",
            "I'm not looking for a job, just wanted to say how much I liked your talk.",
            "Ik ben niet op zoek naar een nieuwe baan, maar je talk was erg goed.",
            "Shall I send you the slides?",
            "Can I send you the article I mentioned?",
            "Want me to forward the report?",
            "Zal ik het artikel doorsturen?",
            "Wil je de link?",
            "Interesse om 'm te ontvangen?",
            "Thanks for the coffee chats last year, they meant a lot.",
            "Bedankt voor het fijne gesprek van vanmiddag!",
            "Looking forward to our call on Tuesday.",
            "It was my last week; the demo recording is at example.org/demo if you ever need it.",
            "Let me know if there is anything I can help with.",
            "Laat het gerust weten als ik ergens mee kan helpen.",
            "Congratulations on the new role at Veldwerk!",
            "Gefeliciteerd met je nieuwe functie!",
            "Wie weet kunnen we ooit iets voor elkaar betekenen!",
        ] {
            assert!(check(text).is_empty(), "{text}: {:?}", check(text));
        }
    }

    #[test]
    fn asks_are_found_with_or_without_a_question_mark() {
        for (text, kind) in [
            ("Interesse in een korte call?", Kind::Meeting),
            ("Zou je open staan voor een kort gesprek", Kind::Meeting),
            (
                "Would a free 30-min audit be valuable for you?",
                Kind::Meeting,
            ),
            (
                "Would you be comfortable making an intro?",
                Kind::Introduction,
            ),
            (
                "Do you know Sam well enough to intro, or just LinkedIn-connected?",
                Kind::Introduction,
            ),
            (
                "I'm interested in the Operations Manager role and wanted to reach out.",
                Kind::Job,
            ),
            (
                "I'd love to connect and discuss how I can contribute.",
                Kind::Meeting,
            ),
            ("Hoe genereren jullie nu nieuwe klanten?", Kind::Question),
            ("Relevant voor uw cliënten?", Kind::Sale),
            ("Graag even sparren!", Kind::Advice),
            ("Plannen kan hier: example.org/demo.", Kind::Meeting),
            (
                "I'd appreciate your perspective on whether I fit.",
                Kind::Advice,
            ),
            ("Could you refer me for the opening?", Kind::Referral),
            ("Wat kunnen wij voor elkaar betekenen?", Kind::MutualBenefit),
            ("Please call me when you have a moment.", Kind::Meeting),
            (
                "Ik ben benieuwd hoe jullie dat nu aanpakken.",
                Kind::Question,
            ),
            ("Dan plan ik graag een kort gesprek in.", Kind::Meeting),
            (
                "I'm not looking for a job, but do you have 15 minutes for a call?",
                Kind::Meeting,
            ),
        ] {
            let found = check(text);
            assert_eq!(
                found.first().map(|f| f.kind),
                Some(kind),
                "{text}: {found:?}"
            );
        }
    }

    /// The occasion decides about questions on how they are doing and short questions; a call,
    /// a job or an introduction is an ask on every occasion.
    #[test]
    fn the_occasion_sets_how_strict() {
        use Occasion::*;
        for (text, first, follow_up, keep_in_touch) in [
            ("How are you doing?", true, false, false),
            ("Hoe gaat het met je?", true, false, false),
            ("How was the conference?", true, false, false),
            ("Hoe bevalt de nieuwe baan?", true, false, false),
            ("Did the launch go as planned?", true, true, false),
            ("Heb je nog tips voor Lissabon?", true, true, false),
            ("Heb je 15 minuten voor een call?", true, true, true),
            ("Could you introduce me to Lotte?", true, true, true),
            ("Are you hiring?", true, true, true),
            (
                "What is the biggest challenge your sales team faces with generating new qualified leads at this moment?",
                true,
                true,
                true,
            ),
            ("Happy to share my notes.", false, false, false),
        ] {
            for (occasion, expected) in [(First, first), (FollowUp, follow_up), (KeepInTouch, keep_in_touch)] {
                assert_eq!(
                    !check_for(text, occasion).is_empty(),
                    expected,
                    "{text} ({occasion:?}): {:?}",
                    check_for(text, occasion)
                );
            }
        }
    }

    #[test]
    fn long_text_is_checked_within_its_bound() {
        let text = "Could you refer me? ".repeat(10_000);
        let found = check(&text);
        assert!(!found.is_empty() && found.len() < 2_000, "{}", found.len());
        assert!(Occasion::parse("keep-in-touch") == Some(Occasion::KeepInTouch));
        assert!(Occasion::parse("later").is_none());
    }
}
