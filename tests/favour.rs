//! The favour checker against a labelled set of messages written for this project
//! (`tests/fixtures/messages/labelled.tsv`, English and Dutch, asks and non-asks, the tricky
//! ones): prints precision and recall, and holds them at 0.9 or better.

use common_ground::draft::favour::check;

struct Labelled {
    ask: bool,
    lang: String,
    text: String,
}

fn labelled() -> Vec<Labelled> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/messages/labelled.tsv"
    );
    let text = std::fs::read_to_string(path).expect("the labelled set is committed");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let mut parts = line.splitn(3, '\t');
            let label = parts.next().unwrap_or_default();
            assert!(label == "ask" || label == "ok", "bad label in: {line}");
            Labelled {
                ask: label == "ask",
                lang: parts.next().unwrap_or_default().to_owned(),
                text: parts.next().unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

#[test]
fn precision_and_recall_on_the_labelled_set() {
    let set = labelled();
    assert!(set.len() >= 80, "the set holds {} messages", set.len());
    let mut mistakes = Vec::new();
    println!("| messages | asks | precision | recall |");
    for lang in ["en", "nl", "all"] {
        let (mut tp, mut fp, mut fn_, mut n, mut asks) = (0, 0, 0, 0, 0);
        for m in set.iter().filter(|m| lang == "all" || m.lang == lang) {
            let flagged = !check(&m.text).is_empty();
            n += 1;
            asks += usize::from(m.ask);
            match (m.ask, flagged) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    if lang == "all" {
                        mistakes.push(format!(
                            "flagged but not an ask: {} {:?}",
                            m.text,
                            check(&m.text)
                        ));
                    }
                }
                (true, false) => {
                    fn_ += 1;
                    if lang == "all" {
                        mistakes.push(format!("missed ask: {}", m.text));
                    }
                }
                (false, false) => {}
            }
        }
        let precision = f64::from(tp) / f64::from((tp + fp).max(1));
        let recall = f64::from(tp) / f64::from((tp + fn_).max(1));
        println!("| {lang}: {n} | {asks} | {precision:.2} | {recall:.2} |");
        assert!(
            precision >= 0.9 && recall >= 0.9,
            "{lang}: precision {precision:.2}, recall {recall:.2}\n{}",
            mistakes.join("\n")
        );
    }
    for m in &mistakes {
        println!("{m}");
    }
}
