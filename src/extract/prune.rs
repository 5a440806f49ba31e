//! Cuts from a page what can hold nothing a reader uses, before the HTML parser sees it.
//!
//! A logged-in LinkedIn page is about half hidden `<code>` JSON (data of many people and
//! features), plus inline SVG icons and comments. Parsing is most of extraction's cost (see
//! `benches/extract.rs`), so one linear pass removes: `<code>` blocks that do not mention the
//! person's handle (the readers use only those, and only as a fallback), `<svg>`, `<style>`,
//! `<script>` other than JSON-LD, and comments. Everything else is copied as it is; malformed
//! input (an unclosed block) keeps the rest of the page rather than losing it.
//!
//! ```
//! use common_ground::extract::prune::prune;
//! let page = "<main><h1>Ada</h1><svg><path/></svg><code>{\"other\":1}</code></main>";
//! assert_eq!(prune(page, "ada"), "<main><h1>Ada</h1></main>");
//! ```

use std::borrow::Cow;

/// Blocks removed whole, with their end tag.
const BLOCKS: &[(&str, &str)] = &[
    ("<code", "</code>"),
    ("<svg", "</svg>"),
    ("<style", "</style>"),
    ("<script", "</script>"),
];

/// `html` without the blocks that cannot matter for reading `handle`'s profile.
pub fn prune<'a>(html: &'a str, handle: &str) -> Cow<'a, str> {
    let mut out: Option<String> = None;
    let mut copied = 0; // html[..copied] is already in `out` (or unchanged so far)
    for (start, end, keep) in blocks(html, handle) {
        if !keep {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
            out.push_str(&html[copied..start]);
            copied = end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

/// A LinkedIn page narrowed to what its readers look at: the head, the `<main>` element (every
/// layout keeps the profile there), and from the rest only what [`prune`] would keep (`<code>`
/// naming this person, JSON-LD). A page without one `<main>` element is returned whole. On a
/// logged-in page this leaves a third of the HTML to parse.
pub fn focus_main<'a>(html: &'a str, handle: &str) -> Cow<'a, str> {
    let start = html.find("<main").filter(|&i| {
        html.as_bytes()
            .get(i + 5)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>')
    });
    let (Some(start), Some(close)) = (start, html.rfind("</main>")) else {
        return Cow::Borrowed(html);
    };
    if close < start {
        return Cow::Borrowed(html);
    }
    let end = close + "</main>".len();
    let head_end = html[..start]
        .find("</head>")
        .map_or(0, |i| i + "</head>".len());
    let mut out = String::with_capacity(end - start + head_end + 1024);
    out.push_str(&html[..head_end]);
    out.push_str(&html[start..end]);
    for (from, to) in [(head_end, start), (end, html.len())] {
        let outside = &html[from..to];
        for (s, e, keep) in blocks(outside, handle) {
            if keep {
                out.push_str(&outside[s..e]);
            }
        }
    }
    Cow::Owned(out)
}

/// Every removable block in `html`, in order: (start, end, whether to keep it after all).
/// Linear: once a kind of block is found unclosed, no later one of that kind is looked for
/// (30,000 unclosed `<code>` tags would otherwise each search to the end of the page).
fn blocks<'a>(html: &'a str, handle: &'a str) -> impl Iterator<Item = (usize, usize, bool)> + 'a {
    let bytes = html.as_bytes();
    let mut at = 0;
    let mut unclosed = [false; BLOCKS.len()];
    std::iter::from_fn(move || {
        while let Some(offset) = html[at..].find('<') {
            let start = at + offset;
            match block_at(html, bytes, start, handle, &mut unclosed) {
                Some((end, keep)) => {
                    at = end;
                    return Some((start, end, keep));
                }
                None => at = start + 1,
            }
        }
        None
    })
}

/// If a removable block starts at `start`: where it ends, and whether to keep it after all.
/// `unclosed[k]` says that block kind `k` of [`BLOCKS`] has no end tag further on.
fn block_at(
    html: &str,
    bytes: &[u8],
    start: usize,
    handle: &str,
    unclosed: &mut [bool; BLOCKS.len()],
) -> Option<(usize, bool)> {
    if bytes[start..].starts_with(b"<!--") {
        let end = match html[start + 4..].find("-->") {
            Some(i) => start + 4 + i + 3,
            None => html.len(),
        };
        return Some((end, false));
    }
    let (kind, (open, close)) = BLOCKS.iter().enumerate().find(|(_, (open, _))| {
        starts_with_ignore_case(&bytes[start..], open.as_bytes())
            // `<code>` or `<code ` but not `<codex`.
            && bytes.get(start + open.len()).is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
    })?;
    if unclosed[kind] {
        return None;
    }
    let body_from = start + open.len();
    let Some(end) = find_ignore_case(&bytes[body_from..], close.as_bytes())
        .map(|i| body_from + i + close.len())
    else {
        unclosed[kind] = true; // unclosed: keep the rest of the page
        return None;
    };
    let block = &html[start..end];
    let keep = match *open {
        "<script" => {
            let tag_end = block.find('>').unwrap_or(block.len());
            block[..tag_end]
                .to_ascii_lowercase()
                .contains("application/ld+json")
        }
        "<code" => !handle.is_empty() && block.contains(handle),
        _ => false,
    };
    Some((end, keep))
}

/// How deep elements may nest before the rest of a page is left unread. Real profile pages
/// nest at most about 40 deep (LinkedIn's 2026 layout: 40, its 2025 one: 36); the HTML parser
/// and every walk up the tree cost in proportion to the depth.
pub const MAX_DEPTH: usize = 256;

/// Elements that never nest: void elements, and those whose end tag may be left out (the
/// parser closes them when the next one starts).
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "thead", "tbody", "tfoot", "rb", "rt", "rtc", "rp", "colgroup", "caption", "html", "head",
    "body",
];

/// Elements whose content is text, not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "noscript",
    "noembed",
    "noframes",
    "iframe",
    "plaintext",
];

/// `html` up to where its elements would nest deeper than [`MAX_DEPTH`]: what comes after is
/// not read. One linear pass over the tags, counting opened and closed elements.
pub fn bound_depth(html: &str) -> &str {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_from = start + 1 + usize::from(closing);
        let name_len = bytes[name_from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_from].is_ascii_alphabetic() {
            at = start + 1;
            continue;
        }
        let name = &html[name_from..name_from + name_len];
        let Some(tag_end) = html[name_from..].find('>').map(|i| name_from + i) else {
            break;
        };
        at = tag_end + 1;
        let is = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
        if is(FLAT) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if is(RAW_TEXT) {
            let close = format!("</{name}");
            match find_ignore_case(&bytes[at..], close.as_bytes()) {
                Some(i) => at += i,
                None => break,
            }
            continue;
        }
        if bytes[tag_end - 1] == b'/' {
            continue;
        }
        depth += 1;
        if depth > MAX_DEPTH {
            return &html[..start];
        }
    }
    html
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_keeps_head_main_and_what_prune_keeps_outside_main() {
        let page = "<html><head><title>T</title></head><body><nav>menu</nav><code>{\"publicIdentifier\":\"ada\"}</code>\
                    <main id=m><h1>Ada</h1></main><footer>f</footer><code>{\"other\":1}</code>\
                    <script type=\"application/ld+json\">{}</script></body></html>";
        assert_eq!(
            focus_main(page, "ada"),
            "<html><head><title>T</title></head><main id=m><h1>Ada</h1></main><code>{\"publicIdentifier\":\"ada\"}</code><script type=\"application/ld+json\">{}</script>"
        );
        for whole in [
            "<h1>no main</h1>",
            "</main><main>",
            "<mainframe>x</mainframe>",
        ] {
            assert_eq!(focus_main(whole, "ada"), whole);
        }
    }

    #[test]
    fn removes_what_no_reader_uses_and_keeps_the_rest() {
        let cases = [
            ("<p>a</p>", "<p>a</p>"),
            ("<p>a<!-- note --></p><!---->", "<p>a</p>"),
            (
                "<svg viewBox='0 0 1 1'><path d='M0'/></svg><h1>A</h1>",
                "<h1>A</h1>",
            ),
            (
                "<SCRIPT>x()</SCRIPT><script type=\"application/ld+json\">{}</script>",
                "<script type=\"application/ld+json\">{}</script>",
            ),
            (
                "<style>p{}</style><code id=a>{\"publicIdentifier\":\"ada\"}</code><code>{}</code>",
                "<code id=a>{\"publicIdentifier\":\"ada\"}</code>",
            ),
            // Unclosed blocks keep the rest of the page.
            (
                "<h1>A</h1><code>{never closed",
                "<h1>A</h1><code>{never closed",
            ),
            ("<h1>A</h1><!-- never closed", "<h1>A</h1>"),
            // Only whole tag names.
            (
                "<codex>a</codex><svgx>b</svgx>",
                "<codex>a</codex><svgx>b</svgx>",
            ),
            ("tail <", "tail <"),
            ("ü<svg>é</svg>ß", "üß"),
        ];
        for (html, want) in cases {
            assert_eq!(prune(html, "ada"), want, "{html}");
        }
        // Many unclosed blocks: each is kept, and the pass stays linear.
        let page = "<code>x".repeat(30_000);
        assert_eq!(prune(&page, "ada"), page);
    }

    #[test]
    fn nesting_deeper_than_the_bound_is_left_unread() {
        let deep = format!(
            "<main>{}x{}</main>",
            "<div>".repeat(MAX_DEPTH + 10),
            "</div>".repeat(MAX_DEPTH + 10)
        );
        let read = bound_depth(&deep);
        assert_eq!(read.matches("<div>").count(), MAX_DEPTH - 1);
        assert!(!read.contains('x'));
        // Closed, flat, void, self-closing and raw-text elements do not add up.
        let flat = format!(
            "{}{}{}{}",
            "<div>a</div>".repeat(1000),
            "<li><p>b<br><img src=x>".repeat(1000),
            "<span/>".repeat(1000),
            "<script>\"<div><div>\"</script>".repeat(1000)
        );
        assert_eq!(bound_depth(&flat), flat);
        for cut in ["<div", "<", "</", "<1>", "<script>never closed <div>"] {
            let page = format!("<h1>A</h1>{cut}");
            assert_eq!(bound_depth(&page), page);
        }
    }
}
