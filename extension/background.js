// The background (a module service worker in Chromium, a module background script in Firefox):
// loads the Rust core and the page reader, hands a content script's page to the reader and every
// runtime message (a page as read) to the core. JavaScript only because a background must
// register its listeners synchronously at start, before the Wasm has been instantiated. Two modules because the HTML parser alone fills most of one's size budget.
import init, { changes_what_is_kept, handle_message, handle_reading, phrase, reinstantiate as restartCore } from './wasm/background.js';
import initReader, { read_page, reinstantiate as restartReader, trap_for_tests } from './wasm/reader.js';
// What the toolbar button does differs by browser: the side panel (Chromium) or the sidebar
// (Firefox). build.sh puts the browser's own toolbar.js beside this script.
import './toolbar.js';

const wasm = (name) => new URL(`./wasm/${name}_bg.wasm`, import.meta.url);
const ready = Promise.all([
  init({ module_or_path: wasm('background') }),
  initReader({ module_or_path: wasm('reader') }),
]);


chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => (isSnapshot(message) ? handle_reading(read(message), sender) : handle_message(message, sender)))
    .catch((error) => {
      // A trap leaves a Wasm instance unusable: a fresh one of the same compiled module answers
      // the next request (the store is in IndexedDB; nothing of it lived only in the instance).
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      restartCore();
      return { type: 'error', message: phrase('error.restarted') };
    })
    .then((answer) => {
      sendResponse(answer);
      if (answer && CHANGES_WHO_IS_DUE.has(answer.type)) refreshBadge();
      if (answer && answer.type !== 'error' && !isSnapshot(message) && changes_what_is_kept(message)) {
        backUp().catch((e) => console.warn('Common Ground: backup', e));
      }
    }, (error) => {
      // The core did not start (or failed past recovery): only the browser's own sentences
      // are left to say so.
      console.warn('Common Ground:', error);
      sendResponse({ type: 'error', message: chrome.i18n.getMessage('errorCoreDown') });
    });
  return true; // the answer is sent asynchronously
});

// Keep in touch: once a day (and after every change that can move it) the toolbar badge counts
// the people whose keep-in-touch rhythm has come round: red with how many are overdue (past the
// latest interval), else green with how many are coming due (past the ideal one).
const CHANGES_WHO_IS_DUE = new Set(['marked', 'note_saved', 'note_deleted', 'interactions', 'imported', 'restored', 'forgotten', 'rhythm_rules']);
const DAILY = 'keep-in-touch';
chrome.alarms.get(DAILY).then((alarm) => alarm || chrome.alarms.create(DAILY, { periodInMinutes: 24 * 60, delayInMinutes: 1 }));
chrome.alarms.onAlarm.addListener((alarm) => alarm.name === DAILY && refreshBadge());
chrome.runtime.onStartup.addListener(() => refreshBadge());

/** Sets the badge to who is overdue, else who is coming due; returns both counts. */
async function refreshBadge() {
  await ready;
  const self = { id: chrome.runtime.id, url: chrome.runtime.getURL('background.js') };
  const answer = await handle_message('due_count', self);
  const ok = answer && answer.type === 'due_count';
  const overdue = ok ? answer.overdue : 0;
  const comingDue = ok ? answer.coming_due : 0;
  const shown = overdue || comingDue;
  await chrome.action.setBadgeText({ text: shown > 0 ? String(shown) : '' });
  await chrome.action.setBadgeBackgroundColor({ color: overdue > 0 ? '#b3261e' : '#0f7a5c' });
  const title = [chrome.i18n.getMessage('extName')];
  if (overdue > 0) title.push(chrome.i18n.getMessage('badgeOverdue', [String(overdue)]));
  if (comingDue > 0) title.push(chrome.i18n.getMessage('badgeComingDue', [String(comingDue)]));
  await chrome.action.setTitle({ title: title.join(' · ') });
  return { overdue, comingDue };
}

// Automatic backups: after the first change of a day on which one is due (every day unless the
// user chose every week or never), everything the user keeps is written without asking into
// `Common Ground/common-ground-<device>.json` in the downloads folder, the one before it kept
// beside it as `…-previous.json`. The core decides and makes the text; this writes the files.
let backingUp = null;

/** Writes the automatic backup if one is due; resolves to the backup state after, or null. */
function backUp() {
  // One at a time: changes that come while a backup is written wait for it (and find none due).
  backingUp = (backingUp || Promise.resolve()).then(writeBackup, writeBackup);
  return backingUp;
}

async function writeBackup() {
  await ready;
  const self = { id: chrome.runtime.id, url: chrome.runtime.getURL('background.js') };
  const answer = await handle_message({ auto_backup: { device: await deviceName() } }, self);
  if (!answer || answer.type !== 'auto_backup' || !answer.file) return null;
  const { file } = answer;
  if (file.previous) await download(file.previous_name, file.previous);
  if (!(await download(file.name, file.json))) return null;
  return handle_message({ backed_up: { at: Date.now() } }, self);
}

/** This browser's name in its backup file's name: "chromium-linux", "firefox-mac". */
async function deviceName() {
  const firefox = typeof browser !== 'undefined' && typeof browser.runtime.getBrowserInfo === 'function';
  const { os } = await chrome.runtime.getPlatformInfo();
  return `${firefox ? 'firefox' : 'chromium'}-${os}`;
}

/** Writes `text` to `filename` in the downloads folder, replacing a file of that name; resolves
 * to whether the browser finished writing it (within five minutes). */
async function download(filename, text) {
  const blob = new Blob([text], { type: 'application/json' });
  // A service worker (Chromium) has no object URLs: the file goes as a data URL.
  const url = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(blob) : await dataUrl(blob);
  try {
    const id = await chrome.downloads.download({ url, filename, conflictAction: 'overwrite', saveAs: false });
    return await finished(id);
  } finally {
    if (url.startsWith('blob:')) URL.revokeObjectURL(url);
  }
}

function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function finished(id) {
  return new Promise((resolve) => {
    const done = (ok) => { chrome.downloads.onChanged.removeListener(changed); clearTimeout(timer); resolve(ok); };
    const changed = (delta) => {
      if (delta.id !== id || !delta.state) return;
      if (delta.state.current === 'complete') done(true);
      if (delta.state.current === 'interrupted') done(false);
    };
    const timer = setTimeout(() => done(false), 5 * 60_000);
    chrome.downloads.onChanged.addListener(changed);
    chrome.downloads.search({ id }).then(([item]) => {
      if (item && item.state === 'complete') done(true);
      if (item && item.state === 'interrupted') done(false);
    });
  });
}

// Capture. A selection on a profile page, saved from the context menu, becomes a note about the
// person with the page's address; the keyboard shortcut opens the overlay's note box.
const MENU = 'cg-note';
const READ_MENU = 'cg-read-page';
const PAGES = ['https://www.linkedin.com/*', 'https://*.linkedin.com/in/*', 'https://github.com/*'];
chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({
    id: MENU,
    title: chrome.i18n.getMessage('menuSaveNote'),
    contexts: ['selection'],
    documentUrlPatterns: PAGES,
  }, () => void chrome.runtime.lastError);
  // Any other page (a personal site, a team page with schema.org Person): read on request, with
  // the access the click grants to that one tab (activeTab), never a permission for every site.
  chrome.contextMenus.create({
    id: READ_MENU,
    title: chrome.i18n.getMessage('menuReadPage'),
    contexts: ['page', 'action'],
  }, () => void chrome.runtime.lastError);
});
chrome.contextMenus.onClicked.addListener((info, tab) => onContextMenu(info, tab));
chrome.commands.onCommand.addListener((command, tab) => onCommand(command, tab));

/**
 * Reads the page in `tab` on the user's request: the same courier as on LinkedIn, put into that
 * tab once (a second request makes it read again). Resolves to whether it could be put there.
 */
async function readTab(tab) {
  if (!tab || tab.id === undefined) return false;
  return chrome.scripting
    .executeScript({ target: { tabId: tab.id, frameIds: [0] }, files: ['content.js'] })
    .then(() => true, () => false);
}

/** The context menu's handler: the selection as a note, then the tab's overlay reads again. */
async function onContextMenu(info, tab) {
  if (info.menuItemId === READ_MENU) return readTab(tab);
  if (info.menuItemId !== MENU || !info.selectionText) return null;
  await ready;
  // The core takes this as a request from an extension page: it comes from the worker itself.
  const self = { id: chrome.runtime.id, url: chrome.runtime.getURL('background.js') };
  const answer = await handle_message({ capture: { url: info.pageUrl, text: info.selectionText } }, self);
  if (tab && tab.id !== undefined) {
    chrome.tabs.sendMessage(tab.id, { type: 'refresh' }, { frameId: 0 }).catch(() => {});
  }
  return answer;
}

/** The keyboard shortcuts' handler: read the page, or open the overlay's note box. */
async function onCommand(command, tab) {
  if (command === 'read-page') return readTab(tab);
  if (command !== 'add-note' || !tab || tab.id === undefined) return false;
  return chrome.tabs.sendMessage(tab.id, { type: 'add_note' }, { frameId: 0 }).then(Boolean, () => false);
}

// For the end-to-end tests: headless Chromium can neither open a context menu nor press an
// extension's shortcut, so the tests call the handlers beneath them.
// `trapReader` makes the reader trap, as a hostile page once did, to test the recovery.
globalThis.commonGround = {
  onContextMenu, onCommand, refreshBadge, readTab, backUp,
  trapReader: () => { try { trap_for_tests(); } catch (error) { restartReader(); return String(error); } return 'no trap'; },
};

/** Whether a message is a page handed over by a content script (`{snapshot: {url, html}}`). */
function isSnapshot(message) {
  const snapshot = message && message.snapshot;
  return Boolean(snapshot) && typeof snapshot.url === 'string' && typeof snapshot.html === 'string';
}

/** A snapshot becomes the page as read, `{read: {url, reading}}`, for `handle_reading`. */
function read(message) {
  const { url, html } = message.snapshot;
  return { read: { url, reading: readPage(url, html) } };
}

/**
 * The page reader, recovering from a trap (a page that ran it out of memory, say): that page gets
 * no profile, and a fresh instance reads the next one.
 */
function readPage(url, html) {
  try {
    return read_page(url, html);
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    restartReader();
    return { profile: null, reason: 'the page reader stopped on this page and was started again', retry: false };
  }
}
