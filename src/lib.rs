//! Common Ground: what you share with the person whose profile you are reading, kept on your
//! device.
//!
//! One crate. Natively it is the library behind the `cg` command line, the tests and the
//! benchmarks; compiled to `wasm32-unknown-unknown` it is the extension's core (in the service
//! worker) and its user interface (in extension pages).
//!
//! The thinking parts are pure functions over plain data and compile everywhere:
//! [`calendar`], [`model`], [`names`], [`extract`], [`history`], [`relationship`], [`people`],
//! [`rhythm`], [`network`], [`revive`], [`brokers`], [`describe`], [`draft`], [`backup`], [`import`], [`me`], [`protocol`], [`search`], [`phrases`] (every
//! sentence the interface shows, in English and Dutch). The browser shell — `store`
//! (IndexedDB), `background` (the service worker's router), `reader` (the service worker's page
//! reader) and `ui` — exists only on wasm32; the extension's five modules are this crate built
//! with the `background` and `reader` features (both in the service worker), `ui` (overlay and
//! side panel), `settings` (options page) and `importer` (import page). A pure module never imports the
//! shell. See `ARCHITECTURE.md` for the map.

pub mod autobackup;
pub mod backup;
pub mod brokers;
pub mod budget;
pub mod calendar;
pub mod describe;
pub mod draft;
pub mod extract;
pub mod history;
pub mod import;
pub mod invites;
pub mod me;
pub mod merge;
pub mod model;
pub mod names;
pub mod network;
pub mod people;
pub mod phrases;
pub mod protocol;
pub mod relationship;
pub mod revive;
pub mod rhythm;
pub mod sealed;
pub mod search;

#[cfg(all(target_arch = "wasm32", feature = "background"))]
pub mod background;
#[cfg(target_arch = "wasm32")]
mod chrome;
#[cfg(target_arch = "wasm32")]
pub mod crypto;
#[cfg(all(target_arch = "wasm32", feature = "reader"))]
pub mod reader;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(all(
    target_arch = "wasm32",
    any(feature = "ui", feature = "settings", feature = "importer")
))]
pub mod ui;

/// The longest start of `text` that fits in `bytes`, cut between characters: how the readers
/// bound what they look at (`str::floor_char_boundary` is newer than this crate's Rust).
pub(crate) fn within(text: &str, bytes: usize) -> &str {
    let end = (0..=bytes.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    &text[..end]
}
