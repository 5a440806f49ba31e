// Loader for every extension page: instantiate the Wasm module the page names in
// <body data-module="…"> (`ui` unless it says otherwise: the overlay and side panel; `settings`
// for the options page; `importer` for the import page, so that the overlay never carries the
// zip and CSV readers or the backup) and start the view it names in <body data-view="…">.
const name = document.body.dataset.module || 'ui';
const module = await import(`./wasm/${name}.js`);
await module.default({ module_or_path: new URL(`./wasm/${name}_bg.wasm`, import.meta.url) });
module.start_ui(document.body.dataset.view);
