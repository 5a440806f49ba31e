// What a script in the page's own world can learn of Common Ground, and what a page that invents
// people can get stored. The page is hostile: it may probe for the extension, and it may rewrite
// itself into a new "profile" every second (pushState and a new <main>).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startSite, launchBrowser, overlayFrame, overlayShown, bodyOf, SITE, PAGES, DIST } from './harness.mjs';

let site, browser;

before(async () => {
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
});

after(async () => {
  await browser?.close();
  site?.close();
});

const T = { timeout: 90_000 };

test('a page script finds one frame with no address, no shadow root, no marks', T, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await overlayShown(page, frame);
  const seen = await page.evaluate(() => {
    const added = [...document.documentElement.children].filter((e) => !['HEAD', 'BODY'].includes(e.tagName));
    const shadowError = (element) => {
      try {
        element.attachShadow({ mode: 'open' });
        return 'attached';
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    };
    return {
      added: added.map((e) => e.tagName),
      src: added.map((e) => e.getAttribute('src')),
      shadow: added.map(shadowError),
      freshIframe: shadowError(document.createElement('iframe')),
      marks: performance.getEntries()
        .map((e) => e.name)
        .filter((n) => /^cg-|common|chrome-extension/i.test(n)),
      pageText: document.documentElement.outerHTML.includes('chrome-extension://'),
    };
  });
  assert.deepEqual(seen.added, ['IFRAME'], 'the one element Common Ground adds');
  assert.deepEqual(seen.src, [null], 'its address is not in the page');
  assert.deepEqual(seen.shadow, [seen.freshIframe], 'it answers attachShadow as any iframe does');
  assert.deepEqual(seen.marks, []);
  assert.equal(seen.pageText, false);
  await page.close();
});

/** Every file of the built extension, as its path inside the package. */
function packaged(dir = DIST) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? packaged(join(dir, e.name)) : [relative(DIST, join(dir, e.name))]);
}

test("LinkedIn's probe, replayed: no file of the extension loads from its static address", T, async () => {
  const page = await browser.context.newPage();
  // LinkedIn's own policy lets its probe fetch; this page's would stop it before it tried.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Page.setBypassCSP', { enabled: true });
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  const files = packaged();
  assert.ok(files.includes('overlay.html') && files.length > 20, files.join(' '));
  const probed = await page.evaluate(async ({ id, files }) => {
    const tryFetch = (url) => fetch(url).then((r) => (r.ok ? 'loaded' : `status ${r.status}`), () => 'failed');
    const results = {};
    for (const file of files) results[file] = await tryFetch(`chrome-extension://${id}/${file}`);
    return { results, control: await tryFetch('/in/sanne-de-vries/') };
  }, { id: browser.extensionId, files });
  // The probe itself works from this page: a fetch of the site's own page loads.
  assert.equal(probed.control, 'loaded');
  const loaded = Object.entries(probed.results).filter(([, r]) => r !== 'failed');
  assert.deepEqual(loaded, [], 'every file answers the probe as if the extension were not there');
  await page.close();
});

test('when the overlay leaves, <html> is as the page had it', T, async () => {
  // <html> as served (read from the file: in the page the overlay may already be there).
  const served = readFileSync(join(PAGES, 'sanne-de-vries.html'), 'utf8').match(/<html([^>]*)>/i)[1];
  const before = [...served.matchAll(/([\w-]+)=/g)].map((m) => m[1].toLowerCase()).sort();
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  await (await overlayFrame(page)).getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.style.marginRight !== ''), 'room was made beside the page');
  // What LinkedIn's router does when the user opens the feed.
  const feed = readFileSync(join(PAGES, 'feed.html'), 'utf8');
  await page.evaluate((html) => {
    history.pushState({}, '', '/feed/');
    document.body.innerHTML = html.slice(html.indexOf('<body>') + 6, html.lastIndexOf('</body>'));
  }, feed);
  await page.waitForFunction(() => !document.querySelector('html > iframe'));
  const after = await page.evaluate(() => document.documentElement.getAttributeNames().sort());
  assert.deepEqual(after, before);
  await page.close();
});

test('a page that invents a new person every second has at most five stored a minute', T, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  const body = bodyOf('lotte-jansen');
  await page.evaluate(async (html) => {
    for (let n = 0; n < 20; n++) {
      history.pushState({}, '', `/in/invented-${n}/`);
      document.body.innerHTML = html.replaceAll('Lotte Jansen', `Invented Person ${n}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }, body);
  await page.waitForTimeout(1500);
  // Asked from an extension page, as the settings page asks for a backup.
  const settings = await browser.context.newPage();
  await settings.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const stored = await settings.evaluate(async () => {
    const answer = await chrome.runtime.sendMessage('backup');
    return JSON.parse(answer.json).profiles.map((p) => p.profile.handle);
  });
  const invented = stored.filter((h) => h.startsWith('invented-'));
  // Sanne's own page counts within the same minute.
  assert.ok(invented.length >= 1 && invented.length <= 4, `stored ${invented.length}: ${invented}`);
  await settings.close();
  await page.close();
});

test('a profile in a tab the user is not in is read only once they turn to it', T, async () => {
  // Playwright makes every page look focused; with its emulation off, only the front one is.
  const unfocused = async (page) => {
    const session = await browser.context.newCDPSession(page);
    await session.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  };
  // A page load turns the emulation back on, so the profile opens inside the application, as
  // LinkedIn opens one from the feed.
  const front = await browser.context.newPage();
  await front.goto(`${SITE}/feed/`);
  await unfocused(front);
  const behind = await browser.context.newPage();
  await behind.goto(`${SITE}/feed/`);
  await unfocused(behind);
  await front.bringToFront();
  const body = bodyOf('pieter-bakker');
  await behind.evaluate((html) => {
    history.pushState({}, '', '/in/pieter-bakker/');
    document.body.innerHTML = html;
  }, body);
  assert.equal(await behind.evaluate(() => document.hasFocus()), false);
  await behind.waitForTimeout(3000);
  assert.equal(behind.frames().some((f) => f.url().startsWith('chrome-extension://')), false,
    'no overlay, so nothing was read, while the tab is not in front of the user');
  await behind.bringToFront();
  const frame = await overlayFrame(behind);
  await frame.getByRole('heading', { name: 'Pieter Bakker' }).waitFor();
  await front.close();
  await behind.close();
});

