// Debian's Firefox ESR with the Firefox build of the extension installed, driven through the
// WebDriver BiDi protocol that Firefox itself serves (no driver binary): a WebSocket, JSON
// commands, and events. What Playwright does for the Chromium tests, in the few verbs the tests
// need. The loopback site is reached through a proxy that only answers for its hosts, so that
// Firefox asks for www.linkedin.com and gets the sample pages.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { FIREFOX_DIST, HOSTS } from './harness.mjs';

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
/** The add-on's id (the Firefox manifest's) and the moz-extension host the tests give it. */
export const ADDON_ID = 'common-ground@common-ground.invalid';
const UUID = '6f1c0b8e-2d4a-4c7e-9a51-3b8f0d2e7c14';
export const EXTENSION_ORIGIN = `moz-extension://${UUID}`;

/**
 * An HTTP proxy on loopback that tunnels `CONNECT <host>:443` to the sample site for the site's
 * hosts and refuses every other host (Firefox's own update and telemetry requests among them).
 */
async function startProxy(sitePort) {
  const refused = [];
  const proxy = createServer((_req, res) => res.writeHead(403).end());
  proxy.on('connect', (req, client) => {
    const [host, port] = req.url.split(':');
    if (!HOSTS.includes(host) || port !== '443') {
      refused.push(req.url);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(sitePort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const drop = () => { upstream.destroy(); client.destroy(); };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { port: proxy.address().port, refused, close: () => proxy.close() };
}

/** Preferences of a quiet test profile: no first-run pages, updates or reports. */
function preferences({ proxyPort, lang, downloads }) {
  return {
    // The add-on's moz-extension host is random per install; the tests fix it.
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'intl.locale.requested': lang,
    'intl.accept_languages': lang,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.page': 0,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.aboutwelcome.enabled': false,
    'browser.newtabpage.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'app.update.disabledForTesting': true,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'dom.disable_open_during_load': false,
    // What the add-on downloads (its automatic backup) goes to the test's own folder.
    'browser.download.folderList': 2,
    'browser.download.dir': downloads,
    'browser.download.useDownloadDir': true,
  };
}

/** One WebDriver BiDi connection: `send(method, params)` resolves to the result or throws. */
class Bidi {
  constructor(socket) {
    this.socket = socket;
    this.next = 1;
    this.pending = new Map();
    this.listeners = new Set();
    socket.on('message', (data) => {
      const message = JSON.parse(data);
      const waiting = message.id !== undefined && this.pending.get(message.id);
      if (waiting) {
        this.pending.delete(message.id);
        if (message.type === 'error') waiting.reject(new Error(`${waiting.method}: ${message.error}: ${message.message}`));
        else waiting.resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners) listener(message);
      }
    });
    socket.on('close', () => {
      for (const { reject, method } of this.pending.values()) reject(new Error(`${method}: Firefox closed the connection`));
      this.pending.clear();
    });
  }

  send(method, params = {}) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}

/** Starts Firefox and resolves to its BiDi address once it prints it. */
function startFirefox(profile, headless) {
  const child = spawn(FIREFOX, [
    ...(headless ? ['--headless'] : []),
    '--no-remote', '--profile', profile,
    '--remote-debugging-port', '0',
    // The tests reach into the browser's own window for what a page cannot do: press the
    // toolbar button, see the sidebar, stop the add-on's background as Firefox does when idle.
    '--remote-allow-system-access',
  ], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' } });
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not start in 60 s:\n${said}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      said += chunk;
      const address = said.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
      if (address) {
        clearTimeout(timer);
        resolve({ child, address: address[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`Firefox exited with ${code}:\n${said}`)));
  });
}

/** A function and its one argument as a BiDi call that answers in JSON. */
const call = (fn, arg) => ({
  functionDeclaration: `async (json) => JSON.stringify((await (${fn})(JSON.parse(json))) ?? null)`,
  arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
  awaitPromise: true,
});

/**
 * Firefox ESR with dist/firefox installed as a temporary add-on (unsigned builds can be, without
 * changing any signature setting), resolving the sample site's hosts to `port`.
 */
export async function launchFirefox({ port, lang = 'en-US', headless = true, dist = FIREFOX_DIST }) {
  if (!existsSync(join(dist, 'manifest.json'))) {
    throw new Error(`no built extension in ${dist}: run ./build.sh first`);
  }
  if (!existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX}: run ./build.sh setup`);
  const proxy = await startProxy(port);
  const profile = mkdtempSync(join(tmpdir(), 'cg-firefox-'));
  writeFileSync(join(profile, 'user.js'), Object.entries(preferences({ proxyPort: proxy.port, lang, downloads: join(profile, 'downloads') }))
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`).join(''));
  const { child, address } = await startFirefox(profile, headless);
  const socket = new WebSocket(`${address}/session`);
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
  const bidi = new Bidi(socket);
  await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  await bidi.send('webExtension.install', { extensionData: { type: 'path', path: dist } });
  const browser = new Firefox(bidi, child, proxy, profile);
  await browser.startup();
  return browser;
}

class Firefox {
  constructor(bidi, child, proxy, profile) {
    Object.assign(this, { bidi, child, proxy, profile });
    this.name = 'firefox';
    this.origin = EXTENSION_ORIGIN;
  }

  /** The browser window's own (privileged) context, and the first tab, which the tests leave alone. */
  async startup() {
    const { contexts } = await this.bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    this.window = contexts[0].context;
    const tabs = await this.bidi.send('browsingContext.getTree', { maxDepth: 0 });
    this.firstTab = tabs.contexts[0].context;
  }

  /** Runs `fn(arg)` in the browser window itself (privileged); returns its JSON-able result. */
  chrome(fn, arg) {
    return this.evaluate(this.window, fn, arg);
  }

  async evaluate(context, fn, arg) {
    const answer = await this.bidi.send('script.callFunction', { ...call(fn, arg), target: { context } });
    if (answer.type === 'exception') {
      const details = answer.exceptionDetails;
      throw new Error(`in ${context}: ${details.text}\n${JSON.stringify(details.stackTrace?.callFrames?.slice(0, 3))}`);
    }
    return JSON.parse(answer.result.value);
  }

  /** The `index`th DOM node that `selector` names in `context`, scrolled into view, as a BiDi reference. */
  async element(context, selector, index = 0) {
    const answer = await this.bidi.send('script.callFunction', {
      functionDeclaration: '(selector, index) => { const e = document.querySelectorAll(selector)[index]; if (!e) throw new Error(`no ${selector} [${index}]`); e.scrollIntoView({ block: "center" }); return e; }',
      arguments: [{ type: 'string', value: selector }, { type: 'number', value: index }],
      awaitPromise: false,
      target: { context },
    });
    if (answer.type === 'exception') throw new Error(`${answer.exceptionDetails.text} in ${context}`);
    return { sharedId: answer.result.sharedId };
  }

  /** A real click (the pointer moved onto the element, pressed and released). */
  async click(context, selector, index = 0) {
    await this.press(context, await this.element(context, selector, index), 0);
  }

  /** Moves the pointer onto `element` in `context` and presses `button` (0 left, 2 right). */
  async press(context, element, button) {
    await this.bidi.send('input.performActions', {
      context,
      actions: [{
        type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element } },
          { type: 'pointerDown', button },
          { type: 'pointerUp', button },
        ],
      }],
    });
    await this.bidi.send('input.releaseActions', { context });
  }

  /** Clicks into the field and types `text` key by key, after emptying it. */
  async type(context, selector, text) {
    await this.click(context, selector);
    await this.evaluate(context, (s) => { const e = document.querySelector(s); e.select?.(); }, selector);
    const keys = [{ type: 'keyDown', value: '\uE017' }, { type: 'keyUp', value: '\uE017' }]; // Delete
    for (const key of text) keys.push({ type: 'keyDown', value: key }, { type: 'keyUp', value: key });
    await this.bidi.send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions: keys }] });
  }

  async setFiles(context, selector, files) {
    const element = await this.element(context, selector);
    await this.bidi.send('input.setFiles', { context, element, files });
  }

  /** A new tab at `url`, loaded. */
  async open(url) {
    const { context } = await this.bidi.send('browsingContext.create', { type: 'tab' });
    await this.bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
    return context;
  }

  /**
   * A new tab with one of the extension's pages. BiDi may not navigate to moz-extension:
   * addresses, so the browser window opens it, as the add-ons manager would.
   */
  async openExtensionPage(file) {
    const url = `${this.origin}/${file}`;
    const { contexts } = await this.bidi.send('browsingContext.getTree', { maxDepth: 0 });
    const before = new Set(contexts.map((c) => c.context));
    await this.chrome((address) => {
      const tab = gBrowser.addTab(address, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
      gBrowser.selectedTab = tab;
    }, url);
    // A new tab at that page, whatever fragment the page has given itself since (the panel
    // names its person in it at once).
    return this.waitForContext((c) => c.parent === null && !before.has(c.context) && c.url.split('#')[0] === url);
  }

  /** Waits for a browsing context (a tab or frame) that `matches`; returns its id. */
  async waitForContext(matches, { root, timeout = 15_000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const { contexts } = await this.bidi.send('browsingContext.getTree', root ? { root } : {});
      const found = flatten(contexts).find(matches);
      if (found) return found.context;
      if (Date.now() > deadline) throw new Error(`no such browsing context after ${timeout} ms`);
      await sleep(50);
    }
  }

  navigate(context, url) {
    return this.bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
  }

  reload(context) {
    return this.bidi.send('browsingContext.reload', { context, wait: 'complete' });
  }

  activate(context) {
    return this.bidi.send('browsingContext.activate', { context });
  }

  closeTab(context) {
    return this.bidi.send('browsingContext.close', { context });
  }

  /** The add-on as Firefox's own window sees it: whether its background runs, and so on. */
  addon(fn) {
    return this.chrome(fn, ADDON_ID);
  }

  /**
   * Stops the add-on's background the way Firefox does when it idles (the event page is
   * terminated; the next event starts it again with nothing in memory) and waits until it is.
   */
  async stopBackground() {
    return this.addon(async (id) => {
      const extension = WebExtensionPolicy.getByID(id).extension;
      await extension.terminateBackground();
      return extension.backgroundState;
    });
  }

  /**
   * Presses the add-on's toolbar button as the user does: pinned to the toolbar, pressed with
   * the browser handling user input (what Firefox asks before a sidebar may open).
   */
  async pressToolbarButton() {
    await this.addon((id) => {
      const widget = `${id.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}-browser-action`;
      CustomizableUI.addWidgetToArea(widget, CustomizableUI.AREA_NAVBAR);
      const item = document.getElementById(widget);
      const button = item.querySelector('toolbarbutton') ?? item;
      const input = window.windowUtils.setHandlingUserInput(true);
      try {
        button.doCommand();
      } finally {
        input.destruct();
      }
    });
  }

  /** The toolbar button's badge text ('' when none). */
  badge() {
    return this.addon((id) => {
      const item = document.getElementById(`${id.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}-browser-action`);
      return item?.querySelector('toolbarbutton')?.getAttribute('badge') ?? '';
    });
  }

  /** Whether a sidebar is open, whose, and the address of the page in it. */
  sidebar() {
    return this.chrome(() => {
      const panel = SidebarController.isOpen
        ? SidebarController.browser.contentDocument?.getElementById('webext-panels-browser')
        : null;
      return { open: SidebarController.isOpen, id: SidebarController.currentID, address: panel?.currentURI?.spec ?? null };
    });
  }

  /**
   * Types a key with modifiers into the browser window, as the keyboard does (through the
   * window's input processor, so that the browser's own shortcut handling sees it).
   */
  pressKey({ key, code, keyCode, alt = false, shift = false }) {
    return this.chrome((k) => {
      const input = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!input.beginInputTransactionForTests(window)) throw new Error('no input transaction');
      const event = (init) => new KeyboardEvent('', init);
      const modifiers = [k.alt && { key: 'Alt', code: 'AltLeft' }, k.shift && { key: 'Shift', code: 'ShiftLeft' }].filter(Boolean);
      for (const m of modifiers) input.keydown(event(m));
      input.keydown(event({ key: k.key, code: k.code, keyCode: k.keyCode }));
      input.keyup(event({ key: k.key, code: k.code, keyCode: k.keyCode }));
      for (const m of modifiers.reverse()) input.keyup(event(m));
    }, { key, code, keyCode, alt, shift });
  }

  /**
   * Right-clicks the element `selector` names in `context` (a real pointer) and chooses the
   * item labelled `label` in the context menu that opens; resolves to the labels it offered.
   */
  async contextMenu(context, selector, label) {
    await this.press(context, await this.element(context, selector), 2);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const offered = await this.chrome((wanted) => {
        const menu = document.getElementById('contentAreaContextMenu');
        if (menu.state !== 'open') return null;
        const items = [...menu.querySelectorAll('menuitem')].filter((i) => !i.hidden && i.label);
        const item = items.find((i) => i.label === wanted);
        if (item) menu.activateItem(item);
        else menu.hidePopup();
        return items.map((i) => i.label);
      }, label);
      if (offered) return offered;
      if (Date.now() > deadline) throw new Error('no context menu opened');
      await sleep(50);
    }
  }

  /** What the clipboard holds as text. */
  clipboardText() {
    return this.chrome(() => navigator.clipboard.readText());
  }

  async close() {
    try {
      await this.bidi.send('browser.close');
    } catch (_) {
      // Already gone.
    }
    this.bidi.socket.close();
    await new Promise((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', resolve)));
    this.proxy.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

function flatten(contexts) {
  return contexts.flatMap((c) => [c, ...flatten(c.children ?? [])]);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
