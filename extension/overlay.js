// The overlay's and the side panel's entry: the `ui` module.
import * as ui from './wasm/ui.js';
import { start } from './page.js';

await start(ui);
