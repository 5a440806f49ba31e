// Loader for every extension page: instantiate the Wasm module the page names in
// <body data-module="…"> (`ui` unless it says otherwise: the overlay and side panel; `settings`
// for the options page; `importer` for the import page, so that the overlay never carries the
// zip and CSV readers or the backup) and start the view it names in <body data-view="…">.
// The overlay frame keeps when its courier last handed the page over and showed it (told in the
// `shown` message), for the benchmarks: measured here, in the extension's own frame, so that the
// page's timeline holds no mark of Common Ground.
const token = new URLSearchParams(location.hash.slice(1)).get('t');
if (token) {
  chrome.runtime.onMessage.addListener((message) => {
    const shown = message && message.shown;
    if (shown && shown.token === token) {
      globalThis.cgCourier = { snapshot: shown.snapshot_at, mounted: shown.mounted_at };
    }
  });
}
const name = document.body.dataset.module || 'ui';
const module = await import(`./wasm/${name}.js`);
await module.default({ module_or_path: new URL(`./wasm/${name}_bg.wasm`, import.meta.url) });
module.start_ui(document.body.dataset.view);
