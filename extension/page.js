// Loader for every extension page: instantiate the Rust UI and start the view the page names in
// <body data-view="…">.
import init, { start_ui } from './wasm/ui.js';

init({ module_or_path: new URL('./wasm/ui_bg.wasm', import.meta.url) })
  .then(() => start_ui(document.body.dataset.view));
