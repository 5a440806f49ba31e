// Loader for every extension page: instantiate the Wasm module the page names in
// <body data-module="…"> (`ui` unless it says otherwise: the overlay and side panel; `settings`
// for the options page; `importer` for the import page, so that the overlay never carries the
// zip and CSV readers or the backup) and start the view it names in <body data-view="…">.
// The overlay frame keeps when its courier last handed the page over and showed it, for the
// benchmarks: the content script posts the two times to this frame alone, so that the page's own
// timeline holds no mark of Common Ground. Only times: nothing here trusts them for anything else.
window.addEventListener('message', (event) => {
  const times = event.source === window.parent && event.data && event.data.commonGroundTimes;
  if (times && Number.isFinite(times.snapshot) && Number.isFinite(times.mounted)) {
    globalThis.cgCourier = { snapshot: times.snapshot, mounted: times.mounted };
  }
});
const name = document.body.dataset.module || 'ui';
const module = await import(`./wasm/${name}.js`);
await module.default({ module_or_path: new URL(`./wasm/${name}_bg.wasm`, import.meta.url) });
await module.start_ui(document.body.dataset.view);
