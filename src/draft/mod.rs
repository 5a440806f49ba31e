//! Give-first messages: drafts of a short, personal connection request (and five other purposes)
//! built on the common ground, and the favour checker ([`favour`]) for whatever the user writes.
//!
//! A draft is a greeting, sentences and a sign-off. Each sentence has a rank; to fit the limit
//! (LinkedIn counts UTF-16 code units: 200 on a free account, 300 on Premium) the least important
//! sentence goes first, and a word is never cut. Every fact a draft uses is listed with its
//! source ([`Fact`]), and no draft leaves here if the checker finds an ask in it.
//!
//! Pure: Me, the Profile, the annotation and the notes in; drafts out.
//!
//! ```
//! use common_ground::draft::utf16_len;
//! assert_eq!(utf16_len("Zoë 👋"), 6);
//! ```

pub mod facts;
pub mod favour;
mod words;

use serde::{Deserialize, Serialize};

pub use facts::{clean, Context, Fact, FactKind, Source};
use facts::{facts, last_contact, met_fact, new_role, role_or_headline, Detail};
use words::Words;

use crate::model::Profile;
use crate::phrases::Book;

/// The language of a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Nl,
}

impl Lang {
    /// Dutch for people in the Netherlands or Flanders, or whose profile is written in Dutch;
    /// English otherwise.
    pub fn guess(them: &Profile) -> Lang {
        let place = crate::model::fold(them.location.as_deref().unwrap_or_default());
        let dutch_place = DUTCH_PLACES.iter().any(|p| {
            place == *p
                || place.starts_with(&format!("{p} "))
                || place.ends_with(&format!(" {p}"))
                || place.contains(&format!(" {p} "))
        });
        let mut text = them.headline.clone().unwrap_or_default();
        for p in &them.positions {
            text.push(' ');
            text.push_str(p.title.as_deref().unwrap_or_default());
        }
        let text = crate::model::fold(&text);
        let dutch_words = DUTCH_WORDS
            .iter()
            .filter(|w| text.split(' ').any(|t| t == **w))
            .count();
        if dutch_place || dutch_words >= 2 {
            Lang::Nl
        } else {
            Lang::En
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "en" => Ok(Lang::En),
            "nl" => Ok(Lang::Nl),
            other => Err(format!("no language `{other}`: say en or nl")),
        }
    }
}

/// Places (folded) where a message in Dutch is the natural choice.
const DUTCH_PLACES: &[&str] = &[
    "netherlands",
    "nederland",
    "the netherlands",
    "holland",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "den haag",
    "the hague",
    "s gravenhage",
    "eindhoven",
    "groningen",
    "tilburg",
    "almere",
    "breda",
    "nijmegen",
    "arnhem",
    "haarlem",
    "enschede",
    "amersfoort",
    "apeldoorn",
    "zwolle",
    "leiden",
    "maastricht",
    "dordrecht",
    "delft",
    "den bosch",
    "s hertogenbosch",
    "leeuwarden",
    "hilversum",
    "noord holland",
    "zuid holland",
    "gelderland",
    "noord brabant",
    "overijssel",
    "friesland",
    "drenthe",
    "zeeland",
    "flevoland",
    "vlaanderen",
    "flanders",
    "antwerpen",
    "gent",
    "brugge",
    "leuven",
    "mechelen",
    "hasselt",
];

/// Common Dutch words in headlines and titles.
const DUTCH_WORDS: &[&str] = &[
    "bij",
    "en",
    "van",
    "voor",
    "het",
    "de",
    "een",
    "medewerker",
    "adviseur",
    "gemeente",
    "zelfstandig",
    "ondernemer",
    "beleidsmedewerker",
    "docent",
    "eigenaar",
];

/// What the message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// A first connection request.
    Connect,
    /// A new role noticed since the last visit.
    Congratulate,
    /// Give them something: a link or a topic the user names.
    Share,
    /// After they helped.
    Thank,
    /// Pick up a tie that went silent.
    Reconnect,
    /// After meeting them.
    FollowUp,
    /// The first message after they accepted the invitation: something given, nothing asked.
    FirstMessage,
}

impl Purpose {
    pub const ALL: [Purpose; 7] = [
        Purpose::Connect,
        Purpose::FirstMessage,
        Purpose::Congratulate,
        Purpose::Share,
        Purpose::Thank,
        Purpose::Reconnect,
        Purpose::FollowUp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Connect => "connect",
            Purpose::Congratulate => "congratulate",
            Purpose::Share => "share",
            Purpose::Thank => "thank",
            Purpose::Reconnect => "reconnect",
            Purpose::FollowUp => "follow-up",
            Purpose::FirstMessage => "first-message",
        }
    }

    /// How strictly the favour checker reads a draft for this purpose: a connection request
    /// asks nothing; a message to someone in touch may ask how they are.
    pub fn occasion(self) -> favour::Occasion {
        match self {
            Purpose::Connect | Purpose::FirstMessage => favour::Occasion::First,
            Purpose::Congratulate | Purpose::Thank | Purpose::FollowUp => {
                favour::Occasion::FollowUp
            }
            Purpose::Reconnect | Purpose::Share => favour::Occasion::KeepInTouch,
        }
    }
}

impl std::str::FromStr for Purpose {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Purpose::ALL
            .into_iter()
            .find(|p| p.as_str() == s || p.as_str().replace('-', "_") == s)
            .ok_or_else(|| {
                format!("no purpose `{s}`: say connect, first-message, congratulate, share, thank, reconnect or follow-up")
            })
    }
}

/// LinkedIn's limits on an invitation note, in UTF-16 code units.
pub const FREE_LIMIT: usize = 200;
pub const PREMIUM_LIMIT: usize = 300;

/// What to draft: the purpose, the language, "u" rather than "je", the limit, and what the user
/// gave (the link or topic to share, what to thank them for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brief {
    pub purpose: Purpose,
    pub lang: Lang,
    #[serde(default)]
    pub formal: bool,
    pub limit: usize,
    #[serde(default)]
    pub given: Option<String>,
}

/// One draft: its text, its length in UTF-16 code units (as LinkedIn counts), and the facts it
/// uses with their sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub text: String,
    pub chars: usize,
    pub facts: Vec<Fact>,
    /// It appreciates or offers something (every draft does; the tests hold it to that).
    #[serde(skip)]
    pub gives: bool,
}

/// Why there is no draft for a purpose; said in the interface's language by
/// [`DraftError::message`], in English by `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    NoNewRole(String),
    NotMet(String),
    NothingGiven(String),
    NotDormant(String),
    TooLong(usize),
    /// What the user gave reads as an ask of this kind.
    ReadsAsAsk(favour::Kind),
}

impl DraftError {
    /// What went wrong, for the user, in `t`'s language.
    pub fn message(&self, t: &Book) -> String {
        match self {
            DraftError::NoNewRole(name) => t.say("draft_error.no_new_role", &[("name", name)]),
            DraftError::NotMet(name) => t.say("draft_error.not_met", &[("name", name)]),
            DraftError::NothingGiven(name) => t.say("draft_error.nothing_given", &[("name", name)]),
            DraftError::NotDormant(name) => t.say("draft_error.not_dormant", &[("name", name)]),
            DraftError::TooLong(limit) => t.say(
                "draft_error.too_long",
                &[("limit", &t.number(*limit as u64))],
            ),
            DraftError::ReadsAsAsk(kind) => t.say(
                "draft_error.reads_as_ask",
                &[("why", t.text(favour::why_key(*kind)))],
            ),
        }
    }
}

crate::phrases::in_english!(DraftError);

impl std::error::Error for DraftError {}

/// The length LinkedIn counts: UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// A sentence of a draft: its text, the facts it uses, and how important it is (the least
/// important goes first when the draft is too long; [`KEEP`] never goes).
#[derive(Clone)]
struct Sentence {
    text: String,
    rank: u8,
    facts: Vec<Fact>,
    /// It appreciates or offers something.
    gives: bool,
    /// The sentence as it reads on its own, when it points back to the one before ("your work
    /// there").
    alone: Option<Box<Sentence>>,
}

/// `body` with its appreciations and offers ranked above every fact (said so that each stands
/// on its own), for when fitting it dropped them all.
fn promote_giving(body: Vec<Sentence>) -> Vec<Sentence> {
    body.into_iter()
        .map(|s| match s.alone {
            Some(alone) if s.gives => Sentence {
                rank: KEEP - 1,
                ..*alone
            },
            _ if s.gives => Sentence {
                rank: KEEP - 1,
                ..s
            },
            _ => s,
        })
        .collect()
}

/// The rank of a sentence that is the point of the message.
const KEEP: u8 = u8::MAX;

fn sentence(text: impl Into<String>, rank: u8) -> Sentence {
    Sentence {
        text: text.into(),
        rank,
        facts: Vec::new(),
        gives: false,
        alone: None,
    }
}

/// A sentence that appreciates or offers.
fn giving(text: impl Into<String>, rank: u8) -> Sentence {
    Sentence {
        gives: true,
        ..sentence(text, rank)
    }
}

/// A sentence built on `fact`: meeting them, their work and their new role are said as
/// appreciation.
fn with_fact((text, fact): (String, Fact), rank: u8) -> Sentence {
    Sentence {
        text,
        rank,
        gives: matches!(
            fact.kind,
            FactKind::Met | FactKind::Role | FactKind::Headline | FactKind::NewRole
        ),
        facts: vec![fact],
        alone: None,
    }
}

/// The drafts for `brief`, in order of preference: at least three for `connect` when the
/// profile has anything to build on, two or more for the others.
pub fn drafts(ctx: &Context, brief: &Brief) -> Result<Vec<Draft>, DraftError> {
    let w = Words {
        nl: brief.lang == Lang::Nl,
        formal: brief.formal,
    };
    let (first, full) = names(&ctx.them.name);
    let name_for_errors = if full.is_empty() {
        "them".to_owned()
    } else {
        full.clone()
    };
    let bodies = bodies(ctx, brief, w, &name_for_errors)?;
    let greeting = (!first.is_empty()).then(|| w.greeting(&first, &full));
    let sign_off = ctx
        .me
        .map(|me| names(&me.name))
        .and_then(|(first, full)| (!first.is_empty()).then(|| w.sign_off(&first, &full)));
    let mut out: Vec<Draft> = Vec::new();
    let mut too_long = false;
    let mut ask = None;
    let fit = |body| {
        fit(
            greeting.as_deref(),
            w.bare_greeting(),
            body,
            sign_off.as_deref(),
            brief.limit,
        )
    };
    for body in bodies {
        let mut fitted = fit(body.clone());
        // Squeezed to its facts alone, a draft keeps its appreciation or offer instead.
        if fitted.as_ref().is_some_and(|d| !d.gives) {
            fitted = fit(promote_giving(body));
        }
        let Some(draft) = fitted else {
            too_long = true;
            continue;
        };
        if let Some(finding) = favour::check_for(&draft.text, brief.purpose.occasion()).first() {
            ask = Some(finding.kind);
            continue;
        }
        if !out.iter().any(|d| d.text == draft.text) {
            out.push(draft);
        }
    }
    if out.is_empty() {
        return Err(match ask {
            Some(kind) => DraftError::ReadsAsAsk(kind),
            None if too_long => DraftError::TooLong(brief.limit),
            None => DraftError::NothingGiven(name_for_errors),
        });
    }
    Ok(out)
}

/// The sentences of each draft for the purpose, before the greeting and sign-off.
fn bodies(
    ctx: &Context,
    brief: &Brief,
    w: Words,
    name: &str,
) -> Result<Vec<Vec<Sentence>>, DraftError> {
    let given = brief.given.as_deref().map(clean).filter(|g| !g.is_empty());
    let role = role_or_headline(ctx.them).filter(|f| f.kind == FactKind::Role);
    Ok(match brief.purpose {
        Purpose::Connect => connect(ctx, w),
        Purpose::Congratulate => {
            let new = new_role(ctx.annotation).ok_or_else(|| DraftError::NoNewRole(name.into()))?;
            let ground = facts(ctx)
                .into_iter()
                .find(|f| !matches!(f.kind, FactKind::Role | FactKind::Headline));
            let mut out = Vec::new();
            for i in 0..3 {
                let mut body = vec![with_fact(w.opener(&new), KEEP)];
                match (i, &ground) {
                    (1, Some(g)) => body.push(with_fact(w.opener(g), 60)),
                    (2, _) => body.push(giving(w.offer(0), 40)),
                    _ => {}
                }
                body.push(giving(w.wish(i), 50));
                out.push(body);
            }
            out
        }
        Purpose::Share => {
            let given = given.ok_or_else(|| DraftError::NothingGiven(name.into()))?;
            let link = given.starts_with("http://") || given.starts_with("https://");
            let given_fact = Fact {
                kind: FactKind::Given,
                value: given.clone(),
                source: Source::Given,
                detail: Detail::None,
            };
            (0..3)
                .map(|i| {
                    let mut body = vec![Sentence {
                        facts: vec![given_fact.clone()],
                        ..giving(w.share(&given, link, i), KEEP)
                    }];
                    if let (1, Some(role)) = (i, &role) {
                        body.insert(0, with_fact(w.relevant_to(role), 50));
                    }
                    body.push(sentence(w.no_reply_needed(), 40));
                    body
                })
                .collect()
        }
        Purpose::Thank => (0..2)
            .map(|i| {
                let mut first = giving(w.thank(given.as_deref(), i), KEEP);
                if let Some(given) = &given {
                    first.facts.push(Fact {
                        kind: FactKind::Given,
                        value: given.clone(),
                        source: Source::Thanked,
                        detail: Detail::None,
                    });
                }
                vec![
                    first,
                    giving(w.appreciate(), 50),
                    giving(w.in_return(), 40 + i as u8 * 20),
                ]
            })
            .collect(),
        Purpose::Reconnect => {
            let silence =
                last_contact(ctx.annotation).ok_or_else(|| DraftError::NotDormant(name.into()))?;
            let ground = facts(ctx)
                .into_iter()
                .find(|f| !matches!(f.kind, FactKind::Role | FactKind::Headline));
            (0..2)
                .map(|i| {
                    let mut body = vec![with_fact(w.opener(&silence), KEEP)];
                    match (i, &role, &ground) {
                        (0, Some(role), _) => body.push(with_fact(w.now_at(role), 60)),
                        (_, _, Some(g)) => body.push(with_fact(w.opener(g), 60)),
                        _ => {}
                    }
                    body.push(giving(w.how_are_you(i), 50));
                    body.push(giving(w.offer(i), 30));
                    body
                })
                .collect()
        }
        Purpose::FirstMessage => first_message(ctx, w, given.as_deref()),
        Purpose::FollowUp => {
            let met = met_fact(ctx).ok_or_else(|| DraftError::NotMet(name.into()))?;
            (0..2)
                .map(|i| {
                    let mut first = giving(w.after_meeting(&met, i), KEEP);
                    first.facts.push(met.clone());
                    vec![
                        first,
                        giving(w.offer(i), 50),
                        sentence(w.stay_in_touch(), 60),
                    ]
                })
                .collect()
        }
    })
}

/// Three connection requests: the strongest fact and the next; the strongest with an offer;
/// the facts after those (else the second) with another offer. Each appreciates or offers (a meeting remembered, their
/// work noticed, help offered) and ends in a plain wish to connect.
fn connect(ctx: &Context, w: Words) -> Vec<Vec<Sentence>> {
    let found = varied(facts(ctx));
    let open = |f: &Fact, rank: u8| with_fact(w.opener(f), rank);
    let offer = |i: usize| giving(w.offer(i), 60);
    let mut bodies: [Vec<Sentence>; 3] = Default::default();
    match found.as_slice() {
        [] => {
            bodies[0].push(giving(w.no_fact(), 60));
            bodies[1].push(offer(0));
            bodies[2].push(offer(1));
        }
        [only] => {
            bodies[0].push(open(only, 90));
            bodies[1].push(open(only, 90));
            bodies[1].push(offer(0));
            bodies[2].push(offer(1));
        }
        [top, next, rest @ ..] => {
            bodies[0].push(open(top, 90));
            bodies[0].push(open(next, 50));
            bodies[1].push(open(top, 90));
            bodies[1].push(offer(0));
            // The third leads with facts the first two did not use, while there are any.
            match rest {
                [] => bodies[2].push(open(next, 90)),
                [only] => bodies[2].push(open(only, 90)),
                [a, b, ..] => {
                    bodies[2].push(open(a, 90));
                    bodies[2].push(open(b, 50));
                }
            }
            bodies[2].push(offer(1));
        }
    }
    // The first draft offers nothing: when none of its facts is appreciation itself, it says
    // what of theirs caught the user's eye.
    if !bodies[0].iter().any(|s| s.gives) {
        let named: Vec<&Fact> = bodies[0].iter().flat_map(|s| &s.facts).collect();
        let role = found
            .iter()
            .find(|f| matches!(f.kind, FactKind::Role | FactKind::Headline))
            .filter(|r| !named.contains(r))
            .cloned();
        let role = role.as_ref();
        // Said right after the sentence that names their organisation, as "there".
        let org = role.and_then(|r| match &r.detail {
            Detail::At(org) => Some(org),
            _ => None,
        });
        let after = bodies[0]
            .iter()
            .position(|s| s.facts.iter().any(|f| Some(&f.value) == org));
        // "There" goes before the sentence it points back to; said on its own it can stay.
        let rank = after.map_or(60, |i| bodies[0][i].rank.min(61) - 1);
        let appreciation = match role {
            Some(role) => Sentence {
                alone: Some(Box::new(with_fact(w.appreciate_role(role, false), 60))),
                ..with_fact(w.appreciate_role(role, after.is_some()), rank)
            },
            None => giving(w.glad_to_find(), 60),
        };
        let at = after.map_or(bodies[0].len(), |i| i + 1);
        bodies[0].insert(at, appreciation);
    }
    for (i, body) in bodies.iter_mut().enumerate() {
        body.push(sentence(w.closing(i), KEEP));
    }
    bodies.into()
}

/// Three first messages after they accepted: thanks, then something given — what of theirs
/// caught the user's eye and the strongest fact they share; an offer of help; an introduction
/// the user can make, with what the user gave to share when there is something. No closing
/// wish to connect (they are connected) and no question.
fn first_message(ctx: &Context, w: Words, given: Option<&str>) -> Vec<Vec<Sentence>> {
    let found = varied(facts(ctx));
    let role = found
        .iter()
        .find(|f| matches!(f.kind, FactKind::Role | FactKind::Headline));
    let ground = found
        .iter()
        .find(|f| !matches!(f.kind, FactKind::Role | FactKind::Headline));
    let mut bodies: [Vec<Sentence>; 3] = Default::default();
    bodies[0].push(giving(w.thanks_for_connecting(0), KEEP));
    if let Some(g) = ground {
        bodies[0].push(with_fact(w.opener(g), 60));
    }
    // Their work, said as "there" right after a sentence that named their organisation.
    let there = role.is_some_and(|r| match (&r.detail, ground) {
        (Detail::At(org), Some(g)) => *org == g.value,
        _ => false,
    });
    bodies[0].push(match role {
        Some(role) => Sentence {
            alone: Some(Box::new(with_fact(w.appreciate_role(role, false), 70))),
            ..with_fact(w.appreciate_role(role, there), if there { 59 } else { 70 })
        },
        None => giving(w.glad_to_find(), 70),
    });
    bodies[1].push(giving(w.thanks_for_connecting(1), KEEP));
    if let Some(g) = ground.or(role) {
        bodies[1].push(with_fact(w.opener(g), 60));
    }
    bodies[1].push(giving(w.offer(0), KEEP - 1));
    bodies[2].push(giving(w.thanks_for_connecting(0), KEEP));
    match given {
        Some(given) => {
            let link = given.starts_with("http://") || given.starts_with("https://");
            bodies[2].push(Sentence {
                facts: vec![Fact {
                    kind: FactKind::Given,
                    value: given.to_owned(),
                    source: Source::Given,
                    detail: Detail::None,
                }],
                ..giving(w.share(given, link, 0), KEEP - 1)
            });
            bodies[2].push(giving(w.introduce(), 50));
        }
        None => bodies[2].push(giving(w.introduce(), KEEP - 1)),
    }
    bodies.into()
}

/// Whether the sentence ends in a web address.
fn ends_in_link(text: &str) -> bool {
    text.rsplit(' ').next().is_some_and(|w| w.contains("://"))
}

/// The facts in order of strength, but each kind's strongest before any kind's second, so that
/// two facts side by side say different things ("we both worked at …" once, not twice).
fn varied(facts: Vec<Fact>) -> Vec<Fact> {
    let mut firsts = Vec::new();
    let mut seconds = Vec::new();
    for fact in facts {
        if firsts.iter().any(|f: &Fact| f.kind == fact.kind) {
            seconds.push(fact);
        } else {
            firsts.push(fact);
        }
    }
    firsts.extend(seconds);
    firsts
}

/// The draft within `limit`: the greeting (or the bare one, when the name would take a third
/// of the note), the sentences and the sign-off. While it is too long the least important
/// sentence goes (the sign-off first, the later of two equal ones); then what went is put back,
/// the most important first, wherever it still fits (a sentence that points back, only with the
/// one before it). `None` when even the sentences that must stay do not fit.
fn fit(
    greeting: Option<&str>,
    bare: &str,
    body: Vec<Sentence>,
    sign_off: Option<&str>,
    limit: usize,
) -> Option<Draft> {
    const SIGN_OFF: u8 = 1;
    let greeting = greeting
        .filter(|g| utf16_len(g) <= limit / 3)
        .unwrap_or(bare);
    let sign_off = sign_off.map(|s| sentence(s, SIGN_OFF));
    let render = |kept: &[bool]| -> String {
        let mut text = greeting.to_owned();
        text.push('\n');
        let mut after = None;
        for (s, _) in body.iter().zip(kept).filter(|(_, k)| **k) {
            if let Some(link) = after {
                // A link ends its line, so that nothing after it reads as part of it.
                text.push(if link { '\n' } else { ' ' });
            }
            text.push_str(&s.text);
            after = Some(ends_in_link(&s.text));
        }
        if let (Some(s), Some(true)) = (&sign_off, kept.get(body.len())) {
            text.push('\n');
            text.push_str(&s.text);
        }
        text
    };
    // Every sentence, then the sign-off, as one list of ranks.
    let ranks: Vec<u8> = body
        .iter()
        .map(|s| s.rank)
        .chain(sign_off.iter().map(|s| s.rank))
        .collect();
    let mut kept = vec![true; ranks.len()];
    let mut dropped = Vec::new();
    while utf16_len(&render(&kept)) > limit {
        let weakest = (0..ranks.len())
            .filter(|&i| kept[i] && ranks[i] != KEEP)
            .min_by_key(|&i| (ranks[i], usize::MAX - i))?;
        kept[weakest] = false;
        dropped.push(weakest);
    }
    for &i in dropped.iter().rev() {
        // A sentence that points back ("there") comes back only with the one before it.
        let points_back = body.get(i).is_some_and(|s| s.alone.is_some());
        if points_back && !(i > 0 && kept[i - 1]) {
            continue;
        }
        kept[i] = true;
        if utf16_len(&render(&kept)) > limit {
            kept[i] = false;
        }
    }
    let text = render(&kept);
    Some(Draft {
        chars: utf16_len(&text),
        text,
        gives: body.iter().zip(&kept).any(|(s, k)| *k && s.gives),
        facts: body
            .into_iter()
            .zip(&kept)
            .filter(|(_, k)| **k)
            .flat_map(|(s, _)| s.facts)
            .collect(),
    })
}

/// The first name and the full name to greet someone by: honorifics and credentials left out
/// ("Dr. Sanne de Vries, PhD" → "Sanne", "Sanne de Vries"), and nothing that is not part of a
/// name (emoji, symbols). Empty when nothing usable is left.
fn names(name: &str) -> (String, String) {
    let name = clean(name);
    let main = name.split([',', '|', '(', '·']).next().unwrap_or_default();
    let honorific = |w: &str| {
        matches!(
            w.to_lowercase().trim_end_matches('.'),
            "dr" | "mr" | "mrs" | "ms" | "prof" | "ir" | "ing" | "drs" | "mevr" | "dhr"
        )
    };
    let words: Vec<String> = main
        .split_whitespace()
        .filter(|w| !honorific(w))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphabetic())
                .chars()
                .filter(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                .collect::<String>()
        })
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    // A name of a hundred words is not a name to greet anyone by.
    if words.is_empty() || words.len() > 6 {
        return (String::new(), String::new());
    }
    (words[0].clone(), words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_to_greet_by() {
        assert_eq!(
            names("Dr. Sanne de Vries, PhD"),
            ("Sanne".to_owned(), "Sanne de Vries".to_owned())
        );
        assert_eq!(
            names("🚀 Lotte Jansen 🚀"),
            ("Lotte".into(), "Lotte Jansen".into())
        );
        assert_eq!(
            names("Zoë O'Brien-Smith"),
            ("Zoë".into(), "Zoë O'Brien-Smith".into())
        );
        assert_eq!(names("🙂 | 🙃"), (String::new(), String::new()));
    }

    #[test]
    fn fitting_drops_the_least_important_sentence_and_never_cuts_a_word() {
        let body = vec![
            sentence("A".repeat(80), 90),
            sentence("B".repeat(80), 40),
            sentence("C".repeat(80), 70),
            sentence("Let's connect.", KEEP),
        ];
        let draft = fit(Some("Hi Sanne,"), "Hi,", body, Some("Best, Joost"), 200).unwrap();
        assert!(draft.text.contains(&"A".repeat(80)) && draft.text.contains(&"C".repeat(80)));
        assert!(!draft.text.contains("BBB"));
        assert!(draft.chars <= 200);
        // The sign-off went first, and came back once B was gone and there was room again.
        assert!(
            draft.text.ends_with("Let's connect.\nBest, Joost"),
            "{}",
            draft.text
        );
        let body = vec![
            sentence("A".repeat(100), 90),
            sentence("B".repeat(60), 40),
            sentence("Let's connect.", KEEP),
        ];
        let draft = fit(Some("Hi Sanne,"), "Hi,", body, Some("Best, Joost"), 130).unwrap();
        assert!(draft.text.ends_with("Let's connect."), "{}", draft.text);
    }

    fn profile(json: serde_json::Value) -> Profile {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn their_work_there_follows_the_organisation_it_points_back_to_or_goes() {
        let them = profile(serde_json::json!({
            "site": "linkedin", "url": "u", "handle": "ana", "name": "Ana Lima",
            "positions": [{"org": "Acme Robotics", "title": "Engineer", "start": "2022-01", "current": true}],
            "education": [{"school": "Delft University", "start": "2010", "end": "2014"}]
        }));
        let me = profile(serde_json::json!({
            "site": "linkedin", "url": "m", "handle": "me", "name": "Joost Bos",
            "positions": [{"org": "Acme Robotics", "start": "2015-01", "end": "2018-12"}],
            "education": [{"school": "Delft University", "start": "2011", "end": "2015"}]
        }));
        let annotation =
            crate::history::common_ground(&me, &them, &crate::people::People::default(), 2026 * 12);
        let ctx = Context {
            me: Some(&me),
            them: &them,
            annotation: &annotation,
            notes: &[],
            interactions: &[],
        };
        let w = Words {
            nl: false,
            formal: false,
        };
        let brief = |limit| Brief {
            purpose: Purpose::Connect,
            lang: Lang::En,
            formal: false,
            limit,
            given: None,
        };
        for limit in [300, 200, 150, 120, 100] {
            let draft = drafts(&ctx, &brief(limit)).unwrap().remove(0);
            assert!(draft.gives, "{}", draft.text);
            if let Some(there) = draft.text.find("Your work there") {
                let named = draft.text.find("Acme Robotics").expect(&draft.text);
                assert!(named < there, "{}", draft.text);
            }
        }
        let roomy = fit(
            Some("Hi Ana,"),
            "Hi,",
            connect(&ctx, w).remove(0),
            None,
            300,
        )
        .unwrap();
        assert_eq!(
            roomy.text,
            "Hi Ana,\nWe were at Delft University at the same time. We both worked at Acme Robotics, though not at the same time. Your work there as Engineer caught my eye. I'd be glad to connect."
        );
        // Squeezed, it keeps the appreciation, said on its own, over the second fact.
        assert_eq!(
            drafts(&ctx, &brief(150)).unwrap()[0].text,
            "Hi Ana,\nWe were at Delft University at the same time. Your work as Engineer at Acme Robotics caught my eye. I'd be glad to connect.\nBest, Joost"
        );
    }

    #[test]
    fn a_name_too_long_to_fit_leaves_the_greeting_bare() {
        let long = format!("Hi {},", "x".repeat(300));
        let draft = fit(
            Some(&long),
            "Hi,",
            vec![sentence("Let's connect.", KEEP)],
            None,
            200,
        )
        .unwrap();
        assert_eq!(draft.text, "Hi,\nLet's connect.");
    }

    #[test]
    fn what_must_stay_and_does_not_fit_gives_no_draft() {
        let body = vec![sentence("y".repeat(250), KEEP)];
        assert!(fit(Some("Hi,"), "Hi,", body, None, 200).is_none());
    }

    #[test]
    fn length_is_counted_in_utf16_units() {
        // An emoji is two units: 199 letters and one emoji are 201.
        let body = vec![sentence(format!("{}😀", "a".repeat(195)), KEEP)];
        assert!(fit(Some("Hi,"), "Hi,", body, None, 200).is_none());
    }
}
