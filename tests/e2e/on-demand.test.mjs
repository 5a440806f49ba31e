// Pages of no platform: nothing runs there until the user asks (the toolbar's context menu or
// the keyboard shortcut), and then the open tab alone is read, through activeTab.
//
// Headless Chromium has no toolbar to right-click and no way to press an extension's shortcut,
// and activeTab is granted only by that gesture. So this test loads a copy of the built
// extension whose manifest also lists the test site as a host permission (what the gesture would
// grant for this one tab), and calls the handler beneath the menu item and the shortcut.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, DIST, OTHER_SITE } from './harness.mjs';

let site, browser, dist;

before(async () => {
  dist = mkdtempSync(join(tmpdir(), 'cg-dist-'));
  cpSync(DIST, dist, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  assert.equal(manifest.host_permissions, undefined, 'the extension asks for no host permission');
  assert.ok(manifest.permissions.includes('activeTab'));
  manifest.host_permissions = [`${OTHER_SITE}/*`];
  writeFileSync(join(dist, 'manifest.json'), JSON.stringify(manifest));
  site = await startSite();
  browser = await launchBrowser({ port: site.port, dist });
});

after(async () => {
  await browser?.close();
  site?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

const T = { timeout: 60_000 };

test('a personal page with schema.org Person: no overlay until asked, then the person', T, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${OTHER_SITE}/schema-person/`);
  await page.waitForTimeout(1500);
  const frames = () => page.frames().filter((f) => f.url().startsWith('chrome-extension://')).length;
  assert.equal(frames(), 0, 'nothing runs on a site of no platform by itself');

  const read = () => browser.worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url: `${url}/*` });
    return globalThis.commonGround.readTab(tab);
  }, OTHER_SITE);
  assert.equal(await read(), true);
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Noor El Amrani' }).waitFor();

  // Asked again: the courier already there reads again; still one overlay.
  assert.equal(await read(), true);
  await frame.getByRole('heading', { name: 'Noor El Amrani' }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(frames(), 1);
  await page.close();
});

test('a page with no person on it, asked to be read: no overlay', T, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${OTHER_SITE}/feed/`);
  const read = await browser.worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url: `${url}/*` });
    return globalThis.commonGround.readTab(tab);
  }, OTHER_SITE);
  assert.equal(read, true);
  await page.waitForTimeout(1500);
  assert.equal(page.frames().filter((f) => f.url().startsWith('chrome-extension://')).length, 0);
  await page.close();
});
