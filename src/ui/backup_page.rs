//! The options page's backup: download everything as one file, restore from one (after saying
//! what it holds and what a merge would change, the user merges it in or replaces everything
//! with it), and download the contacts as CSV or vCard 4.0. With a passphrase set, the file is
//! encrypted (`sealed`); the page never sees the passphrase again once it is saved.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

use super::{ask, by_id, failure, t};
use crate::autobackup::Every;
use crate::backup::{contacts_csv, contacts_vcard, parse, Backup, StoredContact};
use crate::calendar::date_of;
use crate::chrome::{local_time, local_today};
use crate::protocol::{Request, Response};
use crate::sealed::is_sealed;

struct View {
    document: Document,
    file: HtmlInputElement,
    confirm: HtmlElement,
    question: HtmlElement,
    changes: HtmlElement,
    status: HtmlElement,
    passphrase: HtmlInputElement,
    passphrase_status: HtmlElement,
    /// The file chosen to restore, read and checked, waiting for the user's yes.
    chosen: RefCell<Option<String>>,
}

pub(super) fn start(document: &Document) -> Result<(), JsValue> {
    let view = Rc::new(View {
        file: by_id(document, "restore-file")?,
        confirm: by_id(document, "restore-confirm")?,
        question: by_id(document, "restore-question")?,
        changes: by_id(document, "restore-changes")?,
        passphrase: by_id(document, "passphrase")?,
        passphrase_status: by_id(document, "passphrase-status")?,
        status: by_id(document, "backup-status")?,
        chosen: RefCell::new(None),
        document: document.clone(),
    });
    let on = |id: &str, handler: fn(Rc<View>)| -> Result<(), JsValue> {
        let v = view.clone();
        let button: HtmlButtonElement = by_id(&view.document, id)?;
        EventListener::new(&button, "click", move |_| handler(v.clone())).forget();
        Ok(())
    };
    on("backup-download", |v| {
        spawn_local(async move {
            v.say(t().text("backup.making"));
            if let Some(json) = current(&v, Request::BackupFile).await {
                let day = today();
                download(
                    &v,
                    &format!("common-ground-{day}.json"),
                    &json,
                    "application/json",
                );
                v.say(t().text(if is_sealed(&json) {
                    "backup.downloaded_encrypted"
                } else {
                    "backup.downloaded"
                }));
            }
        })
    })?;
    on("passphrase-save", |v| {
        let typed = v.passphrase.value();
        if typed.chars().count() < MIN_PASSPHRASE_CHARS {
            v.passphrase_status.set_text_content(Some(&t().say(
                "backup.passphrase_short",
                &[("min", &MIN_PASSPHRASE_CHARS.to_string())],
            )));
            return;
        }
        spawn_local(async move { set_passphrase(&v, Some(typed)).await });
    })?;
    on("passphrase-clear", |v| {
        spawn_local(async move { set_passphrase(&v, Some(String::new())).await });
    })?;
    spawn_local({
        let v = view.clone();
        async move { set_passphrase(&v, None).await }
    });
    let every: HtmlSelectElement = by_id(document, "backup-every")?;
    let last: HtmlElement = by_id(document, "backup-last")?;
    spawn_local({
        let (every, last) = (every.clone(), last.clone());
        async move {
            if let Some(chosen) = super::backup_state(&last, None).await {
                every.set_value(every_value(chosen));
            }
        }
    });
    EventListener::new(&every.clone(), "change", move |_| {
        let chosen = match every.value().as_str() {
            "week" => Every::Week,
            "never" => Every::Never,
            _ => Every::Day,
        };
        let last = last.clone();
        spawn_local(async move {
            super::backup_state(&last, Some(chosen)).await;
        });
    })
    .forget();
    on("contacts-csv", |v| {
        spawn_local(contacts_as(v, CSV));
    })?;
    on("contacts-vcard", |v| {
        spawn_local(contacts_as(v, VCARD));
    })?;
    on("restore-merge", |v| {
        let Some(text) = v.take_chosen("backup.merging") else {
            return;
        };
        spawn_local(async move {
            match ask(&Request::Merge {
                backup: text,
                apply: true,
                passphrase: v.typed_passphrase(),
            })
            .await
            {
                Response::Merged { did, .. } => v.say(&did),
                other => v.say(&failure(other)),
            }
            v.file.set_value("");
        });
    })?;
    on("restore-yes", |v| {
        let Some(text) = v.take_chosen("backup.restoring") else {
            return;
        };
        spawn_local(async move {
            let restore = Request::Restore {
                backup: text,
                passphrase: v.typed_passphrase(),
            };
            match ask(&restore).await {
                Response::Restored { summary } => {
                    v.say(&t().say("backup.restored", &[("summary", &summary)]));
                }
                other => v.say(&failure(other)),
            }
            v.file.set_value("");
        });
    })?;
    on("restore-no", |v| {
        v.chosen.replace(None);
        v.confirm.set_hidden(true);
        v.file.set_value("");
        v.say(t().text("backup.nothing_changed"));
    })?;
    let merge_files: HtmlInputElement = by_id(document, "merge-files")?;
    let v = view.clone();
    EventListener::new(&merge_files.clone(), "change", move |_| {
        let (v, input) = (v.clone(), merge_files.clone());
        spawn_local(async move { merge_all(&v, &input).await });
    })
    .forget();
    let v = view.clone();
    EventListener::new(&view.file, "change", move |_| {
        let v = v.clone();
        spawn_local(async move { choose(&v).await });
    })
    .forget();
    Ok(())
}

impl View {
    fn say(&self, message: &str) {
        self.status.set_text_content(Some(message));
    }

    /// The file chosen to restore, once the user has said how (the question goes, `doing` is
    /// said while it is done); `None` when nothing waits.
    fn take_chosen(&self, doing: &'static str) -> Option<String> {
        let text = self.chosen.borrow_mut().take()?;
        self.confirm.set_hidden(true);
        self.say(t().text(doing));
        Some(text)
    }

    /// The passphrase in the field, to open an encrypted file with before it is saved.
    fn typed_passphrase(&self) -> Option<String> {
        Some(self.passphrase.value()).filter(|p| !p.is_empty())
    }
}

fn every_value(every: Every) -> &'static str {
    match every {
        Every::Day => "day",
        Every::Week => "week",
        Every::Never => "never",
    }
}

/// The shortest passphrase taken: a file in a cloud folder can be guessed at offline.
const MIN_PASSPHRASE_CHARS: usize = 10;

/// Sets (`Some`), removes (`Some("")`) or only asks about (`None`) the passphrase, and says
/// whether backups are encrypted.
async fn set_passphrase(view: &View, passphrase: Option<String>) {
    let changing = passphrase.is_some();
    match ask(&Request::Passphrase { passphrase }).await {
        Response::Passphrase { set } => {
            if changing {
                view.passphrase.set_value("");
            }
            view.passphrase_status
                .set_text_content(Some(t().text(if set {
                    "backup.encrypted"
                } else {
                    "backup.not_encrypted"
                })));
        }
        other => view
            .passphrase_status
            .set_text_content(Some(&failure(other))),
    }
}

/// Reads and checks the chosen file, then says what it holds and what a merge would change,
/// and asks which.
async fn choose(view: &View) {
    view.confirm.set_hidden(true);
    let Some(file) = view.file.files().and_then(|f| f.get(0)) else {
        return;
    };
    let text = match JsFuture::from(file.text()).await {
        Ok(text) => text.as_string().unwrap_or_default(),
        Err(_) => {
            view.say(&t().say("backup.unreadable", &[("file", &file.name())]));
            return;
        }
    };
    // A plain file is checked here, so that its faults are named with the file; an encrypted
    // one is opened where the passphrase is kept.
    let plain = if is_sealed(&text) {
        None
    } else {
        match parse(&text) {
            Ok(backup) => Some(backup),
            Err(e) => {
                view.say(&t().say(
                    "backup.refused",
                    &[("file", &file.name()), ("why", &e.message(t()))],
                ));
                view.file.set_value("");
                return;
            }
        }
    };
    view.say(t().text("backup.reading"));
    let preview = Request::Merge {
        backup: text.clone(),
        apply: false,
        passphrase: view.typed_passphrase(),
    };
    match ask(&preview).await {
        Response::Merged {
            would,
            holds,
            exported,
            ..
        } => {
            let exported = plain.as_ref().map_or(exported, |b| b.exported);
            let (day, minute) = local_time(exported);
            let made = t().moment(day, minute, local_today());
            view.question.set_text_content(Some(&t().say(
                "backup.question",
                &[("file", &file.name()), ("made", &made), ("holds", &holds)],
            )));
            view.changes.set_text_content(Some(&would));
            view.chosen.replace(Some(text));
            view.confirm.set_hidden(false);
            view.say("");
            if let Ok(merge) = by_id::<HtmlButtonElement>(&view.document, "restore-merge") {
                let _ = merge.focus();
            }
        }
        other => {
            view.say(&t().say(
                "backup.refused",
                &[("file", &file.name()), ("why", &failure(other))],
            ));
            view.file.set_value("");
        }
    }
}

/// Merges every file picked (other browsers' backups, from a folder the user syncs) into what is
/// here, one after the other, and says what each changed.
async fn merge_all(view: &View, input: &HtmlInputElement) {
    let Some(files) = input.files() else {
        return;
    };
    let mut said = Vec::new();
    for i in 0..files.length() {
        let Some(file) = files.get(i) else {
            continue;
        };
        view.say(&t().say("backup.merging_file", &[("file", &file.name())]));
        let outcome = match JsFuture::from(file.text()).await {
            Ok(text) => {
                let merge = Request::Merge {
                    backup: text.as_string().unwrap_or_default(),
                    apply: true,
                    passphrase: view.typed_passphrase(),
                };
                match ask(&merge).await {
                    Response::Merged { did, .. } => did,
                    other => failure(other),
                }
            }
            Err(_) => t().say("backup.unreadable", &[("file", &file.name())]),
        };
        said.push(format!("{}: {outcome}", file.name()));
    }
    input.set_value("");
    view.say(&said.join("\n"));
}

/// A way to download the contacts: its name for the user, the file's name and type, and how.
struct Format {
    name: &'static str,
    file: &'static str,
    kind: &'static str,
    render: fn(&[StoredContact]) -> String,
}

const CSV: Format = Format {
    name: "CSV",
    file: "common-ground-contacts.csv",
    kind: "text/csv",
    render: contacts_csv,
};

const VCARD: Format = Format {
    name: "vCard",
    file: "common-ground-contacts.vcf",
    kind: "text/vcard",
    render: contacts_vcard,
};

/// Downloads the contacts stored now in `format`.
async fn contacts_as(view: Rc<View>, format: Format) {
    if let Some(backup) = current(&view, Request::Backup)
        .await
        .and_then(|j| checked(&view, &j))
    {
        let text = (format.render)(&backup.contacts);
        download(&view, format.file, &text, format.kind);
        view.say(&t().say(
            "backup.contacts_downloaded",
            &[
                (
                    "contacts",
                    &t().count("count.contacts", backup.contacts.len() as u64),
                ),
                ("format", format.name),
            ],
        ));
    }
}

/// Everything stored now, as the backup file's text (`Request::Backup` or `BackupFile`).
async fn current(view: &View, request: Request) -> Option<String> {
    match ask(&request).await {
        Response::Backup { json } => Some(json),
        other => {
            view.say(&failure(other));
            None
        }
    }
}

fn checked(view: &View, json: &str) -> Option<Backup> {
    parse(json).map_err(|e| view.say(&e.message(t()))).ok()
}

/// Offers `text` as a file called `name`.
fn download(view: &View, name: &str, text: &str, kind: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(kind);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = view.document.create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // The address is let go once the browser has surely taken the file.
    let release = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 60_000);
    }
}

/// The user's today as `YYYY-MM-DD`, for the backup file's name.
fn today() -> String {
    date_of(local_today())
}
