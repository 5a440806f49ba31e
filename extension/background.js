// Module service worker: loads the Rust core and hands it every runtime message.
// JavaScript only because a service worker must register its listeners synchronously at start,
// before the Wasm has been instantiated.
import init, { handle_message } from './wasm/background.js';

const ready = init({ module_or_path: new URL('./wasm/background_bg.wasm', import.meta.url) });

// The toolbar button opens the side panel (Chromium; Firefox shows its sidebar instead).
chrome.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => handle_message(message, sender))
    .then(sendResponse, (error) => sendResponse({ type: 'error', message: String(error) }));
  return true; // the answer is sent asynchronously
});
