// Loader for the import page: its own Wasm module, so that the overlay never carries the zip
// and CSV readers.
import init, { start_ui } from './wasm/importer.js';

init({ module_or_path: new URL('./wasm/importer_bg.wasm', import.meta.url) })
  .then(() => start_ui(document.body.dataset.view));
