//! A page as a person reads it: its visible text in order, one [`Line`] per block of text, each
//! marked with what every generation of LinkedIn's markup keeps — headings and their level, the
//! list items it sits in, whether it is a control (a button or a link styled as one) — and
//! nothing that depends on class names.
//!
//! What a reader does not see is left out: scripts, styles, templates, images, elements marked
//! `hidden` or `display: none`, and the screen-reader copies LinkedIn prints beside the visible
//! text (`visually-hidden` spans, and the same text twice in a row). The walk visits each node
//! once, so the work is linear in the page's size; it stops after [`MAX_LINES`] lines.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};

/// One block of visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub text: String,
    /// 1–6 for a heading (`h1`…`h6`, or `role=heading` with its `aria-level`, 2 when absent).
    pub heading: Option<u8>,
    /// The list items around the line, outermost first, each by its order on the page.
    pub items: Vec<u32>,
    /// Inside a `button`, a `role=button` or a `role=toolbar`.
    pub control: bool,
    /// The address of the link the line is in, when it is in one.
    pub link: Option<String>,
}

/// The most lines read from one page: a long real profile has about 2,000.
pub(crate) const MAX_LINES: usize = 50_000;

/// The longest line kept whole; longer text (an About section) is cut at a character boundary.
const MAX_LINE_BYTES: usize = 4_096;

/// How many list items around a line are remembered (entries sit one or two lists deep).
pub(crate) const MAX_ITEM_DEPTH: usize = 8;

/// Elements whose content is never visible text.
const UNSEEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "title", "img", "iframe", "select",
    "option", "textarea", "input", "video", "audio", "canvas", "object", "code", "math",
];

/// Elements that flow inside a line rather than start one.
const INLINE: &[&str] = &[
    "a", "b", "strong", "em", "i", "u", "small", "time", "abbr", "bdi", "bdo", "mark", "sup",
    "sub", "label", "font", "cite", "q", "s", "wbr", "data",
];

/// Classes that LinkedIn (and most sites) use for text meant only for screen readers.
const SCREEN_READER_ONLY: &[&str] = &[
    "visually-hidden",
    "sr-only",
    "a11y-text",
    "screen-reader-text",
];

/// The visible lines under `root`, in document order.
pub(crate) fn lines(root: ElementRef<'_>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut current = String::new();
    // Open elements that matter, as a stack of what each one set.
    let mut headings: Vec<(ego_tree::NodeId, u8)> = Vec::new();
    let mut items: Vec<ego_tree::NodeId> = Vec::new();
    let mut item_numbers: Vec<u32> = Vec::new();
    let mut controls: Vec<ego_tree::NodeId> = Vec::new();
    let mut links: Vec<(ego_tree::NodeId, String)> = Vec::new();
    let mut next_item = 0u32;
    let mut skipping: Option<ego_tree::NodeId> = None;

    let flush = |current: &mut String,
                 out: &mut Vec<Line>,
                 headings: &[(ego_tree::NodeId, u8)],
                 item_numbers: &[u32],
                 controls: &[ego_tree::NodeId],
                 links: &[(ego_tree::NodeId, String)]| {
        if current.is_empty() {
            return;
        }
        let text = std::mem::take(current);
        // The screen-reader copy printed right after the visible text.
        if out.last().is_some_and(|l| l.text == text) {
            return;
        }
        out.push(Line {
            text,
            heading: headings.last().map(|&(_, level)| level),
            items: item_numbers.iter().copied().take(MAX_ITEM_DEPTH).collect(),
            control: !controls.is_empty(),
            link: links.last().map(|(_, href)| href.clone()),
        });
    };

    for edge in root.traverse() {
        if out.len() >= MAX_LINES {
            break;
        }
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => {
                        for word in text.split_whitespace() {
                            if current.len() >= MAX_LINE_BYTES {
                                break;
                            }
                            if !current.is_empty() {
                                current.push(' ');
                            }
                            current.push_str(crate::within(word, MAX_LINE_BYTES));
                        }
                    }
                    Node::Element(element) => {
                        let name = element.name();
                        if is_unseen(element) {
                            skipping = Some(node.id());
                            continue;
                        }
                        if name == "br" || !INLINE.contains(&name) {
                            flush(
                                &mut current,
                                &mut out,
                                &headings,
                                &item_numbers,
                                &controls,
                                &links,
                            );
                        }
                        if let Some(level) = heading_level(element) {
                            headings.push((node.id(), level));
                        }
                        if name == "li" {
                            items.push(node.id());
                            item_numbers.push(next_item);
                            next_item += 1;
                        }
                        let role = element.attr("role").unwrap_or_default();
                        if name == "button" || role == "button" || role == "toolbar" {
                            controls.push(node.id());
                        }
                        if name == "a" {
                            let href = element.attr("href").unwrap_or_default();
                            links.push((node.id(), crate::within(href, 2048).to_owned()));
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                let Node::Element(element) = node.value() else {
                    continue;
                };
                if !INLINE.contains(&element.name()) {
                    flush(
                        &mut current,
                        &mut out,
                        &headings,
                        &item_numbers,
                        &controls,
                        &links,
                    );
                }
                let id = node.id();
                if headings.last().is_some_and(|&(h, _)| h == id) {
                    flush(
                        &mut current,
                        &mut out,
                        &headings,
                        &item_numbers,
                        &controls,
                        &links,
                    );
                    headings.pop();
                }
                if items.last() == Some(&id) {
                    items.pop();
                    item_numbers.pop();
                }
                if controls.last() == Some(&id) {
                    flush(
                        &mut current,
                        &mut out,
                        &headings,
                        &item_numbers,
                        &controls,
                        &links,
                    );
                    controls.pop();
                }
                if links.last().is_some_and(|(l, _)| *l == id) {
                    links.pop();
                }
            }
        }
    }
    flush(
        &mut current,
        &mut out,
        &headings,
        &item_numbers,
        &controls,
        &links,
    );
    out
}

fn is_unseen(element: &scraper::node::Element) -> bool {
    let name = element.name();
    if UNSEEN.contains(&name) || element.attr("hidden").is_some() {
        return true;
    }
    if element.classes().any(|c| SCREEN_READER_ONLY.contains(&c)) {
        return true;
    }
    if let Some(style) = element.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        let style = style.to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    // `aria-hidden` on a text span is LinkedIn's visible copy (the screen-reader one is beside
    // it); on a container it hides a duplicate, such as the sticky toolbar repeating the name.
    if element.attr("aria-hidden") == Some("true") && name != "span" {
        return true;
    }
    // Sign-in and other dialogs that a logged-out page keeps in its markup, shown only on a click.
    matches!(name, "dialog" | "form")
        || matches!(element.attr("role"), Some("dialog" | "alertdialog"))
        || element.attr("aria-modal") == Some("true")
}

fn heading_level(element: &scraper::node::Element) -> Option<u8> {
    let name = element.name();
    if let [b'h', digit] = name.as_bytes() {
        if (b'1'..=b'6').contains(digit) {
            return Some(digit - b'0');
        }
    }
    (element.attr("role") == Some("heading")).then(|| {
        element
            .attr("aria-level")
            .and_then(|l| l.parse::<u8>().ok())
            .filter(|l| (1..=6).contains(l))
            .unwrap_or(2)
    })
}

/// The lines as `cg extract --lines` prints them: `#2 ` before a heading, one `·` per list item
/// around the line, `[button]` before a control.
pub(crate) fn render(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(&"· ".repeat(line.items.len()));
        if let Some(level) = line.heading {
            out.push_str(&format!("#{level} "));
        }
        if line.control {
            out.push_str("[button] ");
        }
        out.push_str(&line.text);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn texts(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        lines(doc.root_element())
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn visible_text_in_order_without_screen_reader_copies() {
        let html = r#"<main><h1> Ada  Example </h1>
            <div><span aria-hidden="true">Engineer</span><span class="visually-hidden">Engineer</span></div>
            <div>Acme <b>Labs</b></div><div>Acme Labs</div>
            <script>var x = "no";</script><div hidden>gone</div><p style="display: none">gone</p>
            <span>Amsterdam</span><br>Netherlands</main>"#;
        assert_eq!(
            texts(html),
            [
                "Ada Example",
                "Engineer",
                "Acme Labs",
                "Amsterdam",
                "Netherlands"
            ]
        );
    }

    #[test]
    fn lines_know_their_heading_list_items_and_controls() {
        let html = r#"<section><h2>Experience</h2><ul>
            <li><div>Acme</div><ul><li>Engineer</li><li>Lead</li></ul></li>
            <li>Beta</li></ul><button>Show all</button>
            <div role="heading" aria-level="3">Sub</div><a href="/x">link</a></section>"#;
        let doc = Html::parse_document(html);
        let got: Vec<(String, Option<u8>, Vec<u32>, bool)> = lines(doc.root_element())
            .into_iter()
            .map(|l| (l.text, l.heading, l.items, l.control))
            .collect();
        let line = |t: &str, h, i: &[u32], c| (t.to_owned(), h, i.to_vec(), c);
        assert_eq!(
            got,
            [
                line("Experience", Some(2), &[], false),
                line("Acme", None, &[0], false),
                line("Engineer", None, &[0, 1], false),
                line("Lead", None, &[0, 2], false),
                line("Beta", None, &[3], false),
                line("Show all", None, &[], true),
                line("Sub", Some(3), &[], false),
                line("link", None, &[], false),
            ]
        );
    }

    #[test]
    fn the_walk_is_bounded() {
        let html: String = (0..MAX_LINES + 10).map(|i| format!("<p>{i}</p>")).collect();
        assert_eq!(texts(&html).len(), MAX_LINES);
    }
}
