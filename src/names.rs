//! Names and keys: the key two spellings of one organisation share. A leaf, beside
//! `model::fold`, for every module that matches organisations.
//!
//! ```
//! use common_ground::names::org_key;
//! assert_eq!(org_key("Acme, Inc."), org_key("ACME Inc (formerly Acme Widgets)"));
//! assert_eq!(org_key("Brug & Co B.V."), org_key("brug & co"));
//! ```

use crate::model::fold;

/// Legal forms and filler words that do not tell organisations apart.
const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "bv",
    "nv",
    "vof",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "srl",
    "spa",
    "pty",
    "ab",
    "oy",
    "as",
    "group",
    "the",
];

/// The key two spellings of one organisation share: folded, "(formerly …)" dropped, legal forms
/// and "the" dropped ("B.V." folds to "b v", which counts as "bv").
pub fn org_key(name: &str) -> String {
    let without_note = name.split('(').next().unwrap_or(name);
    let folded = fold(without_note);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // Dotted legal forms fold into single letters: "b v", "n v", "s a".
        if i + 1 < words.len() && words[i].len() == 1 && words[i + 1].len() == 1 {
            let joined = format!("{}{}", words[i], words[i + 1]);
            if SUFFIXES.contains(&joined.as_str()) {
                i += 2;
                continue;
            }
        }
        // A legal form counts only after the name ("Company Inc" keeps "company"); "the" never.
        let filler = words[i] == "the" || (SUFFIXES.contains(&words[i]) && !kept.is_empty());
        if !filler {
            kept.push(words[i]);
        }
        i += 1;
    }
    if kept.is_empty() {
        return folded;
    }
    kept.join(" ")
}
/// A contact's address as a link the lists may show: `https:` to LinkedIn or GitHub only. An
/// imported or restored address is data from a file; `http:`, `javascript:` or another site
/// would open what the user did not ask for.
pub fn profile_link(url: &str) -> Option<String> {
    let rest = url.trim().strip_prefix("https://")?;
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let ours = ["linkedin.com", "github.com"]
        .iter()
        .any(|site| host == *site || host.ends_with(&format!(".{site}")));
    let clean = !url
        .trim()
        .chars()
        .any(|c| c.is_whitespace() || c.is_control());
    (ours && clean).then(|| url.trim().to_owned())
}
