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
use ego_tree::NodeId;
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
    let mut walk = Walk::default();
    // The subtree being left out (a script, a hidden element), by its root.
    let mut skipping: Option<NodeId> = None;
    for edge in root.traverse() {
        if walk.out.len() >= MAX_LINES {
            break;
        }
        match edge {
            Edge::Open(_) if skipping.is_some() => {}
            Edge::Open(node) => match node.value() {
                Node::Text(text) => walk.text(text),
                Node::Element(element) if is_unseen(element) => skipping = Some(node.id()),
                Node::Element(element) => walk.open(node.id(), element),
                _ => {}
            },
            Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
            Edge::Close(_) if skipping.is_some() => {}
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    walk.close(node.id(), element);
                }
            }
        }
    }
    walk.flush();
    walk.out
}

/// The walk's state: the lines so far, the one being read, and the open elements that matter,
/// each a stack of what the element set.
#[derive(Default)]
struct Walk {
    out: Vec<Line>,
    current: String,
    headings: Vec<(NodeId, u8)>,
    items: Vec<(NodeId, u32)>,
    controls: Vec<NodeId>,
    links: Vec<(NodeId, String)>,
    next_item: u32,
}

impl Walk {
    fn text(&mut self, text: &str) {
        for word in text.split_whitespace() {
            if self.current.len() >= MAX_LINE_BYTES {
                break;
            }
            if !self.current.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(crate::within(word, MAX_LINE_BYTES));
        }
    }

    fn open(&mut self, id: NodeId, element: &scraper::node::Element) {
        let name = element.name();
        if name == "br" || !INLINE.contains(&name) {
            self.flush();
        }
        if let Some(level) = heading_level(element) {
            self.headings.push((id, level));
        }
        if name == "li" {
            self.items.push((id, self.next_item));
            self.next_item += 1;
        }
        let role = element.attr("role").unwrap_or_default();
        if name == "button" || role == "button" || role == "toolbar" {
            self.controls.push(id);
        }
        if name == "a" {
            let href = element.attr("href").unwrap_or_default();
            self.links.push((id, crate::within(href, 2048).to_owned()));
        }
    }

    fn close(&mut self, id: NodeId, element: &scraper::node::Element) {
        // A heading's or a control's text ends with it, inline or not.
        let ends_heading = self.headings.last().is_some_and(|&(h, _)| h == id);
        let ends_control = self.controls.last() == Some(&id);
        if ends_heading || ends_control || !INLINE.contains(&element.name()) {
            self.flush();
        }
        if ends_heading {
            self.headings.pop();
        }
        if ends_control {
            self.controls.pop();
        }
        if self.items.last().is_some_and(|&(i, _)| i == id) {
            self.items.pop();
        }
        if self.links.last().is_some_and(|(l, _)| *l == id) {
            self.links.pop();
        }
    }

    /// Ends the line being read, unless it repeats the one before (a screen-reader copy).
    fn flush(&mut self) {
        if self.current.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.current);
        if self.out.last().is_some_and(|l| l.text == text) {
            return;
        }
        self.out.push(Line {
            text,
            heading: self.headings.last().map(|&(_, level)| level),
            items: self
                .items
                .iter()
                .map(|&(_, n)| n)
                .take(MAX_ITEM_DEPTH)
                .collect(),
            control: !self.controls.is_empty(),
            link: self.links.last().map(|(_, href)| href.clone()),
        });
    }
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
