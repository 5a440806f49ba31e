// The trace-free mode: with `Show beside the page` off in the settings, a profile is read and
// shown in the side panel, and the page is left exactly as it was: the same DOM, the same
// computed styles of <html> and <body>, no frame; switched back on, the overlay returns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launchBrowser, overlayFrame, SITE } from './harness.mjs';

let site, browser;
const T = { timeout: 90_000 };

before(async () => {
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
});

after(async () => {
  await browser?.close();
  site?.close();
});

async function setBeside(on) {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const box = options.getByLabel('Show beside the page');
  // What is stored arrives first: the other way round (on by default).
  await options.waitForFunction((stored) => document.getElementById('beside').checked === stored, !on);
  await box.setChecked(on);
  await options.locator('#beside-status').filter({ hasText: 'Saved' }).waitFor();
  await options.close();
}

/** What of the page an extension could change: its markup and the root elements' styles. */
function pageState() {
  const style = (e) => {
    const s = getComputedStyle(e);
    return [...s].map((p) => `${p}:${s.getPropertyValue(p)}`).join(';');
  };
  return {
    html: document.documentElement.outerHTML,
    styles: style(document.documentElement) + style(document.body),
    frames: document.querySelectorAll('iframe').length,
  };
}

test('trace-free: the person is in the side panel and the page is left as it was', T, async () => {
  await setBeside(false);
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  const page = await browser.context.newPage();
  // The page as it was before any content script ran (they run at document_idle, after this).
  await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => {
    window.before = (${pageState})();
  });`);
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  await page.bringToFront();
  await panel.locator('#name').filter({ hasText: 'Sanne de Vries' }).waitFor({ timeout: 30_000 });
  // The reading took place (the panel shows it); the page did not change.
  const before = await page.evaluate(() => window.before);
  const now = await page.evaluate(pageState);
  assert.equal(now.frames, 0);
  assert.equal(now.styles, before.styles);
  assert.equal(now.html, before.html);
  assert.equal(page.frames().filter((f) => f.url().startsWith('chrome-extension://')).length, 0);
  await page.close();
  await panel.close();
});

test('switched back on, the overlay is beside the page again', T, async () => {
  await setBeside(true);
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await page.close();
});
