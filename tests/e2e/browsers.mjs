// One small interface over both browsers, so that a test file runs the same steps in Chromium
// (Playwright) and in Firefox ESR (WebDriver BiDi): open a tab, find the overlay, click, type,
// pick files, wait for what a page shows, stop the extension's background. Only what both can
// do honestly is here; what one browser alone has (Chromium's side panel API, Firefox's sidebar
// and toolbar button) the tests ask of that browser's own driver.
import { launchBrowser, overlayFrame, stopServiceWorker, writeExport } from './harness.mjs';
import { launchFirefox } from './firefox.mjs';

export const BROWSERS = ['chromium', 'firefox'];

/** `name`'s browser with the extension installed, resolving the sample site's hosts to `port`. */
export async function launch(name, { port, lang = 'en-US' }) {
  if (name === 'chromium') return new Chromium(await launchBrowser({ port, lang }));
  if (name === 'firefox') return new Gecko(await launchFirefox({ port, lang }));
  throw new Error(`no such browser: ${name}`);
}

/**
 * Imports the sample export (`writeExport`, written into `dir`) through the import page, as the
 * user does, and waits until it says so.
 */
export async function importSample(browser, dir) {
  const importer = await browser.extensionPage('import.html');
  // The page is wired once its words are in.
  await importer.waitFor(() => document.getElementById('import').textContent !== '');
  await importer.setFiles('#files', writeExport(dir));
  await importer.click('#import');
  const said = await importer.waitForText('#status', 'Imported 3 contacts');
  await importer.close();
  return said;
}

/** Polls `probe` until it gives a truthy value; `what` says what was awaited when it never does. */
export async function until(probe, what, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error; // a page that is navigating answers nothing for a moment
    }
    if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for ${what}; last: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What every tab and frame offers on top of `evaluate`. */
class Surface {
  /** Waits until `fn(arg)` is truthy in this document; returns its value. */
  waitFor(fn, arg, { timeout = 30_000, what = String(fn) } = {}) {
    return until(() => this.evaluate(fn, arg), what, timeout);
  }

  /** The text of the first element `selector` names ('' when there is none). */
  text(selector) {
    return this.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);
  }

  /** Waits until the element `selector` names holds `part`; returns its whole text. */
  async waitForText(selector, part, { timeout = 30_000 } = {}) {
    let text = '';
    try {
      return await until(async () => {
        text = await this.text(selector);
        return text.includes(part) && text;
      }, `“${part}” in ${selector}`, timeout);
    } catch (error) {
      throw new Error(`${error.message}; it said “${text}”`);
    }
  }

  /** The texts of every element `selector` names. */
  texts(selector) {
    return this.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent), selector);
  }
}

class Chromium {
  constructor(launched) {
    this.name = 'chromium';
    this.launched = launched;
    this.origin = `chrome-extension://${launched.extensionId}`;
  }

  async open(url) {
    const page = await this.launched.context.newPage();
    await page.goto(url);
    return new ChromiumTab(page, page.mainFrame());
  }

  async extensionPage(file) {
    return this.open(`${this.origin}/${file}`);
  }

  /** The addresses of the extension's pages open in tabs. */
  async extensionTabs() {
    return this.launched.context.pages().map((p) => p.url()).filter((u) => u.startsWith(this.origin));
  }

  async stopBackground() {
    const status = await stopServiceWorker(this.launched.context, this.launched.extensionId);
    return status();
  }

  close() {
    return this.launched.close();
  }
}

class ChromiumTab extends Surface {
  constructor(page, frame) {
    super();
    Object.assign(this, { page, frame });
  }

  evaluate(fn, arg) {
    return this.frame.evaluate(fn, arg);
  }

  async overlay() {
    return new ChromiumTab(this.page, await overlayFrame(this.page));
  }

  click(selector, { text } = {}) {
    const target = this.frame.locator(selector);
    if (text === undefined) return target.first().click();
    const exactly = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    return target.filter({ hasText: exactly }).first().click();
  }

  type(selector, text) {
    return this.frame.locator(selector).fill(text);
  }

  setFiles(selector, files) {
    return this.frame.locator(selector).setInputFiles(files);
  }

  activate() {
    return this.page.bringToFront();
  }

  goto(url) {
    return this.page.goto(url);
  }

  reload() {
    return this.page.reload();
  }

  close() {
    return this.page.close();
  }
}

class Gecko {
  constructor(firefox) {
    this.name = 'firefox';
    this.firefox = firefox;
    this.origin = firefox.origin;
  }

  async open(url) {
    return new GeckoTab(this.firefox, await this.firefox.open(url));
  }

  async extensionPage(file) {
    return new GeckoTab(this.firefox, await this.firefox.openExtensionPage(file));
  }

  async extensionTabs() {
    return this.firefox.chrome((origin) => gBrowser.tabs
      .map((tab) => tab.linkedBrowser.currentURI.spec)
      .filter((url) => url.startsWith(origin)), this.origin);
  }

  stopBackground() {
    return this.firefox.stopBackground();
  }

  close() {
    return this.firefox.close();
  }
}

class GeckoTab extends Surface {
  /** `context` is this document's; `tab` the top-level one it is in (itself for a tab). */
  constructor(firefox, context, tab = context) {
    super();
    Object.assign(this, { firefox, context, tab });
  }

  evaluate(fn, arg) {
    return this.firefox.evaluate(this.context, fn, arg);
  }

  async overlay() {
    const prefix = `${this.firefox.origin}/overlay.html`;
    const frame = await this.firefox.waitForContext((c) => c.url.startsWith(prefix), { root: this.tab });
    return new GeckoTab(this.firefox, frame, this.tab);
  }

  async click(selector, { text } = {}) {
    if (text === undefined) return this.firefox.click(this.context, selector);
    // The first of `selector`'s elements whose text is `text`.
    const index = await this.evaluate(([s, t]) => [...document.querySelectorAll(s)].findIndex((e) => e.textContent.trim() === t), [selector, text]);
    if (index < 0) throw new Error(`no ${selector} says “${text}”`);
    return this.firefox.click(this.context, selector, index);
  }

  type(selector, text) {
    return this.firefox.type(this.context, selector, text);
  }

  setFiles(selector, files) {
    return this.firefox.setFiles(this.context, selector, files);
  }

  activate() {
    return this.firefox.activate(this.tab);
  }

  goto(url) {
    return this.firefox.navigate(this.tab, url);
  }

  reload() {
    return this.firefox.reload(this.tab);
  }

  close() {
    return this.firefox.closeTab(this.tab);
  }
}
