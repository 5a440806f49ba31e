// Module service worker: loads the Rust core and the page reader, hands a content script's page
// to the reader and every runtime message (a page as read) to the core. JavaScript only because a
// service worker must register its listeners synchronously at start, before the Wasm has been
// instantiated. Two modules because the HTML parser alone fills most of one's size budget.
import init, { handle_message } from './wasm/background.js';
import initReader, { read_page } from './wasm/reader.js';

const wasm = (name) => new URL(`./wasm/${name}_bg.wasm`, import.meta.url);
const ready = Promise.all([
  init({ module_or_path: wasm('background') }),
  initReader({ module_or_path: wasm('reader') }),
]);

// The toolbar button opens the side panel (Chromium; Firefox shows its sidebar instead).
chrome.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => handle_message(read(message), sender))
    .then(sendResponse, (error) => sendResponse({ type: 'error', message: String(error) }));
  return true; // the answer is sent asynchronously
});

/** A snapshot becomes the page as read: `{read: {url, reading}}`; other messages pass as they are. */
function read(message) {
  const snapshot = message && message.snapshot;
  if (!snapshot || typeof snapshot.url !== 'string' || typeof snapshot.html !== 'string') return message;
  return { read: { url: snapshot.url, reading: read_page(snapshot.url, snapshot.html) } };
}
