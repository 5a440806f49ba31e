// Real saved LinkedIn pages written by others (../shared/fixtures, never committed), read by the
// extension as a user would meet them: each page with an `.expected.json` is served at its own
// address, and the overlay must name the person that file says a careful reader sees, with
// their headline when the page shows one. This is where what the content script hands over
// (the head, the one <main> and the hidden JSON about this person) is held to the whole page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, overlayShown, PAGES, ROOT } from './harness.mjs';

const SHARED = join(ROOT, '..', 'shared', 'fixtures', 'linkedin-html');
const T = { timeout: 60_000 };

/** Every real page with what it shows: [label, address, expected]. */
function realPages() {
  if (!existsSync(SHARED)) return [];
  const out = [];
  for (const era of readdirSync(SHARED)) {
    for (const file of readdirSync(join(SHARED, era))) {
      if (!file.endsWith('.expected.json')) continue;
      const expected = JSON.parse(readFileSync(join(SHARED, era, file), 'utf8'));
      if (!expected.name) continue;
      out.push([`${era}/${file.replace('.expected.json', '')}`, join(SHARED, era, file.replace('.expected.json', '.html')), expected]);
    }
  }
  return out;
}

const pages = realPages();
let site, browser, dir;

before(async () => {
  // The site serves pages/<handle>.html at /in/<handle>/ and <handle>.details-<part>.html at
  // /in/<handle>/details/<part>/: each real page goes where its address says.
  dir = mkdtempSync(join(tmpdir(), 'cg-real-pages-'));
  cpSync(PAGES, dir, { recursive: true });
  for (const [, html, expected] of pages) {
    const [, handle, part] = new URL(expected.url).pathname.match(/^\/in\/([^/]+)\/?(?:details\/([a-z]+)\/?)?$/);
    cpSync(html, join(dir, `${decodeURIComponent(handle)}${part ? `.details-${part}` : ''}.html`));
  }
  site = await startSite(dir);
  browser = await launchBrowser({ port: site.port });
});

after(async () => {
  await browser?.close();
  site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the real pages are there to read', () => {
  assert.ok(pages.length >= 6, `found ${pages.length} real pages with what they show in ${SHARED}`);
});

for (const [label, , expected] of pages) {
  test(`a real page, ${label}: the overlay names ${expected.name.split(' ')[0]}…`, T, async () => {
    const page = await browser.context.newPage();
    await page.goto(expected.url);
    const frame = await overlayFrame(page);
    await overlayShown(page, frame);
    await frame.waitForFunction(() => document.getElementById('name').textContent !== '');
    assert.equal(await frame.locator('#name').innerText(), expected.name);
    // A details page completes the main page's reading (the headline stays the main page's);
    // its own header is checked on a page of its own.
    if (expected.headline && !expected.url.includes('/details/')) {
      assert.equal(await frame.locator('#headline').innerText(), expected.headline);
    }
    await page.close();
  });
}
