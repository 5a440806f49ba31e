// What every extension page does at start, whichever Wasm module it runs: instantiate the module
// (its glue finds the .wasm file beside itself) and start the view named in <body data-view="…">.
// Each page has its own small entry script that imports its module statically (overlay.js for
// the overlay and side panel, import.js, options.js): the overlay never carries the zip and CSV
// readers or the backup, and no page loads code by a computed name.
//
// The overlay frame also keeps when its courier last handed the page over and showed it, for the
// benchmarks: the content script posts the two times to this frame alone, so that the page's own
// timeline holds no mark of Common Ground. Only times: nothing here trusts them for anything else.
window.addEventListener('message', (event) => {
  const times = event.source === window.parent && event.data?.commonGround?.times;
  if (times && Number.isFinite(times.snapshot) && Number.isFinite(times.mounted)) {
    globalThis.cgCourier = { snapshot: times.snapshot, mounted: times.mounted };
  }
});

/** Instantiates `module` (a wasm-bindgen glue module) and starts this page's view. */
export async function start(module) {
  await module.default();
  await module.start_ui(document.body.dataset.view);
}
