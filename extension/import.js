// The import page's entry: the `importer` module (the zip and CSV readers and the backup).
import * as importer from './wasm/importer.js';
import { start } from './page.js';

await start(importer);
