// The walking skeleton end to end: Debian's Chromium with the built extension, on sample pages
// served as https://www.linkedin.com from loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launchBrowser, overlayFrame, stopServiceWorker, SITE, overlayShown } from './harness.mjs';

let site, browser;
const extensionRequests = [];

before(async () => {
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
  // Every request the browser makes, the service worker's included.
  browser.context.on('request', (r) =>
    extensionRequests.push({ url: r.url(), fromWorker: Boolean(r.serviceWorker()) }));
});

after(async () => {
  await browser?.close();
  site?.close();
});

/** Opens a profile and waits until the overlay shows its heading. */
async function openProfile(handle, name) {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/${handle}/`);
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name, level: 1 }).waitFor();
  return { page, frame };
}

test('the overlay appears on a profile with the name read from the page', { timeout: 60_000 }, async (t) => {
  for (const [handle, name] of [['sanne-de-vries', 'Sanne de Vries'], ['jonas-berg', 'Jonas Berg']]) {
    const { page, frame } = await openProfile(handle, name);
    // A figure for the closing note, not a pass/fail: page load event to overlay rendered.
    const loaded = await page.evaluate(() =>
      performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventEnd);
    const { rendered } = await overlayShown(page, frame);
    t.diagnostic(`${handle}: page load → overlay rendered ${(rendered - loaded).toFixed(0)} ms`);
    const element = await frame.frameElement();
    assert.equal(await element.getAttribute('title'), 'Common Ground');
    // The host page cannot read the frame's address: it was never in the frame's attributes.
    const visibleToPage = await page.evaluate(() =>
      [...document.querySelectorAll('iframe')].map((f) => f.getAttribute('src')));
    assert.deepEqual(visibleToPage, [null]);
    await page.close();
  }
});

test('the expanded overlay hides none of the page, and collapses to one line', { timeout: 60_000 }, async () => {
  const { page, frame } = await openProfile('sanne-de-vries', 'Sanne de Vries');
  const overlay = await (await frame.frameElement()).boundingBox();
  const content = await page.locator('main').boundingBox();
  assert.ok(content.x + content.width <= overlay.x, `page content ends at ${content.x + content.width}, overlay starts at ${overlay.x}`);

  await frame.getByRole('button', { name: 'Collapse' }).click();
  await frame.getByRole('button', { name: 'Expand' }).waitFor();
  await page.waitForFunction(() => document.documentElement.style.marginRight === '');
  const collapsed = await (await frame.frameElement()).boundingBox();
  assert.ok(collapsed.height <= 60, `collapsed height ${collapsed.height}`);
  assert.equal(await frame.getByLabel('Note', { exact: true }).isVisible(), false);

  await frame.getByRole('button', { name: 'Expand' }).click();
  await frame.getByLabel('Note', { exact: true }).waitFor();
  await page.close();
});

test('a saved note survives a reload and a service-worker restart, and never reaches the page', { timeout: 60_000 }, async () => {
  const secret = `Met at the Open Data meetup ${Date.now()}`;
  let { page, frame } = await openProfile('sanne-de-vries', 'Sanne de Vries');
  await frame.getByLabel('Note', { exact: true }).fill(secret);
  await frame.getByRole('button', { name: 'Save note' }).click();
  await frame.getByText(secret).waitFor();
  assert.equal(await frame.getByLabel('Note', { exact: true }).inputValue(), '');

  await page.reload();
  frame = await overlayFrame(page);
  await frame.getByText(secret).waitFor();

  // Stop the service worker; the next message starts a fresh one, which must read the note
  // back from IndexedDB rather than from memory.
  const workerStatus = await stopServiceWorker(browser.context, browser.extensionId);
  assert.equal(await workerStatus(), 'STOPPED');
  await page.reload();
  frame = await overlayFrame(page);
  await frame.getByText(secret).waitFor();
  assert.equal(await workerStatus(), 'RUNNING', 'a fresh service worker answered');

  // A script in the page's main world looks for the note everywhere it can reach.
  const found = await page.evaluate(async (needle) => {
    const hits = [];
    if (document.documentElement.outerHTML.includes(needle)) hits.push('DOM');
    for (const { name, version } of await indexedDB.databases()) {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(name, version);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((ok) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => ok(r.result);
        });
        if (JSON.stringify(all).includes(needle)) hits.push(`indexedDB ${name}/${store}`);
      }
      db.close();
    }
    const databases = (await indexedDB.databases()).map((d) => d.name);
    return { hits, databases };
  }, secret);
  assert.deepEqual(found.hits, []);
  assert.ok(found.databases.includes('site-cache'), 'the search did reach the page origin\'s own IndexedDB');
  await page.close();
});

test('the extension makes no network request beyond its own files', { timeout: 60_000 }, async () => {
  const { page } = await openProfile('jonas-berg', 'Jonas Berg');
  await page.close();
  // chrome:// pages are the test's own visit to serviceworker-internals.
  const foreign = extensionRequests
    .map((r) => r.url)
    .filter((url) => !/^(chrome-extension|chrome):\/\//.test(url) && !url.startsWith(`${SITE}/`));
  assert.deepEqual(foreign, []);
  // The watch did see the service worker's own traffic (it loads the Wasm core).
  assert.ok(extensionRequests.some((r) => r.fromWorker && r.url.endsWith('.wasm')),
    'requests from the service worker are observed');
  // What reached the site is only what the pages themselves load.
  const unexpected = site.requests.filter(
    (r) => !/^GET \/(in\/[^/]+\/(details\/[a-z]+\/)?|assets\/[\w.-]+|favicon\.ico)$/.test(r));
  assert.deepEqual(unexpected, []);
});
