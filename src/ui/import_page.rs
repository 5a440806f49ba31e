//! The import page: the user picks their LinkedIn export (a zip or CSV files); this page reads it
//! here, file by file with a progress bar, and hands what it read to the service worker, which
//! stores it in one transaction. A file that cannot be read stops the import with a message and
//! leaves the store as it was.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlProgressElement};

use super::{ask, by_id, document, next_task, t, text_element};
use crate::import::{self, ExportFile, ImportError, Report};
use crate::protocol::{Request, Response};

struct View {
    document: Document,
    files: HtmlInputElement,
    import: HtmlButtonElement,
    progress: HtmlProgressElement,
    status: HtmlElement,
    report: HtmlElement,
    skipped: HtmlElement,
}

pub(super) fn start() -> Result<(), JsValue> {
    let document = document()?;
    let view = Rc::new(View {
        files: by_id(&document, "files")?,
        import: by_id(&document, "import")?,
        progress: by_id(&document, "progress")?,
        status: by_id(&document, "status")?,
        report: by_id(&document, "report")?,
        skipped: by_id(&document, "skipped")?,
        document,
    });
    let v = view.clone();
    EventListener::new(&view.import, "click", move |_| {
        let v = v.clone();
        spawn_local(async move {
            v.import.set_disabled(true);
            run(&v).await;
            v.import.set_disabled(false);
        });
    })
    .forget();
    Ok(())
}

fn say(view: &View, message: &str) {
    view.status.set_text_content(Some(message));
}

fn progress(view: &View, done: f64, total: f64) {
    view.progress.set_hidden(false);
    view.progress.set_value(100.0 * done / total.max(1.0));
}

/// How long the import reads before it lets the page draw its progress (ms).
const YIELD_MS: f64 = 50.0;

async fn run(view: &View) {
    let Some(list) = view.files.files().filter(|l| l.length() > 0) else {
        say(view, t().text("import.choose_first"));
        return;
    };
    view.report.set_hidden(true);
    view.skipped.set_hidden(true);
    say(view, t().text("import.reading_files"));
    progress(view, 0.0, 1.0);
    let mut files = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.item(i) else { continue };
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => files.push(ExportFile::new(
                file.name(),
                js_sys::Uint8Array::new(&buffer).to_vec(),
            )),
            Err(_) => {
                say(
                    view,
                    &t().say("import.unreadable", &[("file", &file.name())]),
                );
                return;
            }
        }
    }
    next_task().await;
    let csvs = match import::expand(files) {
        Ok(csvs) => csvs,
        Err(e) => return nothing_imported(view, &e),
    };
    let names: Vec<String> = csvs.iter().map(|f| f.name.clone()).collect();
    // Reading the files is the costly part: the bar moves with the bytes read (saving is the
    // last tenth), and the page is given back to the browser every YIELD_MS, not after every
    // file: an export of thousands of small files would otherwise wait thousands of times.
    let bytes = csvs.iter().map(|f| f.bytes.len()).sum::<usize>().max(1) as f64;
    let mut done = 0.0;
    let mut yielded = f64::NEG_INFINITY;
    let mut read = Vec::new();
    for (i, csv) in csvs.iter().enumerate() {
        if js_sys::Date::now() - yielded >= YIELD_MS {
            say(
                view,
                &t().say(
                    "import.reading_file",
                    &[
                        ("file", &csv.name),
                        ("number", &t().number(i as u64 + 1)),
                        ("of", &t().number(csvs.len() as u64)),
                    ],
                ),
            );
            progress(view, 0.9 * done, bytes);
            next_task().await;
            yielded = js_sys::Date::now();
        }
        read.extend(import::read_table(csv));
        done += csv.bytes.len() as f64;
    }
    let export = match import::assemble(read, &names) {
        Ok(export) => export,
        Err(e) => return nothing_imported(view, &e),
    };
    let report = export.report.clone();
    say(
        view,
        &t().count("import.saving", export.contacts.len() as u64),
    );
    progress(view, 0.9, 1.0);
    next_task().await;
    let export = match serde_json::to_string(&export) {
        Ok(json) => json,
        Err(e) => {
            web_sys::console::warn_1(&format!("Common Ground: {e}").into());
            return say(view, t().text("import.unprepared"));
        }
    };
    match ask(&Request::Import { export }).await {
        Response::Imported { summary, contacts } => {
            progress(view, 1.0, 1.0);
            let n = |v: usize| t().number(v as u64);
            let mut parts = vec![t().count_with(
                "import.imported_contacts",
                (summary.contacts_added + summary.contacts_updated) as u64,
                &[
                    ("new", &n(summary.contacts_added)),
                    ("updated", &n(summary.contacts_updated)),
                    ("total", &t().count("count.contacts", u64::from(contacts))),
                ],
            )];
            if summary.conversations > 0 {
                parts.push(t().count("import.conversations", summary.conversations as u64));
            }
            if summary.invitations > 0 {
                parts.push(t().count("import.invitations", summary.invitations as u64));
            }
            if summary.me {
                parts.push(t().text("import.me").to_owned());
            }
            say(view, &parts.join(" "));
            show_report(view, &report);
        }
        Response::Error { message } => {
            view.progress.set_hidden(true);
            say(view, &t().say("import.refused", &[("why", &message)]));
        }
        other => say(view, &super::failure(other)),
    }
}

fn show_report(view: &View, report: &Report) {
    let Ok(Some(body)) = view.report.query_selector("tbody") else {
        return;
    };
    body.set_text_content(None);
    let Ok(Some(list)) = view.skipped.query_selector("ul") else {
        return;
    };
    list.set_text_content(None);
    let mut any_skipped = false;
    for (name, file) in &report.files {
        let Ok(row) = view.document.create_element("tr") else {
            continue;
        };
        let cells = [
            (name.clone(), false),
            (part_name(&file.kind).to_owned(), false),
            (t().number(file.rows as u64), true),
            (t().number(file.imported as u64), true),
            (t().number(file.skipped.len() as u64), true),
        ];
        for (text, numeric) in cells {
            if let Ok(cell) = text_element(&view.document, "td", &text) {
                if numeric {
                    let _ = cell.class_list().add_1("num");
                }
                let _ = row.append_child(&cell);
            }
        }
        let _ = body.append_child(&row);
        // The first few of each file; the counts say how many there are in all.
        for skipped in file.warnings.iter().chain(file.skipped.iter().take(25)) {
            any_skipped = true;
            let line = t().say(
                "import.skipped_line",
                &[
                    ("file", name),
                    ("line", &t().number(skipped.line as u64)),
                    ("why", &skipped.why.message(t())),
                ],
            );
            if let Ok(item) = text_element(&view.document, "li", &line) {
                let _ = list.append_child(&item);
            }
        }
    }
    view.report.set_hidden(false);
    view.skipped.set_hidden(!any_skipped);
}

/// The import could not go ahead: why, and that nothing changed (the detail, for a bug report,
/// to the console).
fn nothing_imported(view: &View, error: &ImportError) {
    web_sys::console::warn_1(&format!("Common Ground: {error:?}").into());
    let why = error.message(t());
    say(view, &t().say("import.nothing_imported", &[("why", &why)]));
}

/// The part of the export a file was read as (`FileReport::kind`), as the report names it.
fn part_name(kind: &str) -> &str {
    match kind {
        "connections" => t().text("import.part.connections"),
        "profile" => t().text("import.part.profile"),
        "positions" => t().text("import.part.positions"),
        "education" => t().text("import.part.education"),
        "messages" => t().text("import.part.messages"),
        "invitations" => t().text("import.part.invitations"),
        other => other,
    }
}

/// The import's reading step alone (decode, find the header, parse every row): how many contacts
/// a CSV file holds. For the benchmark next to Papa Parse (`tests/e2e/bench-import.mjs`).
#[wasm_bindgen]
pub fn read_export_file(name: &str, bytes: &[u8]) -> Result<usize, JsValue> {
    let file = ExportFile::new(name, bytes.to_vec());
    let read = import::read_table(&file).into_iter().collect();
    import::assemble(read, &[name.to_owned()])
        .map(|export| export.contacts.len())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}
