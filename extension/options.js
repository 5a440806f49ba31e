// The options page's entry: the `settings` module.
import * as settings from './wasm/settings.js';
import { start } from './page.js';

await start(settings);
