// The core loop, the same steps in Chromium and in Firefox ESR (tests/e2e/browsers.mjs gives
// both one interface): nothing opens by itself on install; the user's export goes in through the
// import page; a profile served as www.linkedin.com gets the overlay with the common ground; a
// note is kept across a reload and across a restart of the extension's background (Chromium's
// service worker stopped, Firefox's event page terminated, as each browser does when idle); a
// draft is written and copied; the side panel's page follows the active tab.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, bodyOf, SITE, DIST, FIREFOX_DIST } from './harness.mjs';
import { BROWSERS, importSample, launch } from './browsers.mjs';

const T = { timeout: 120_000 };

test('each browser gets a manifest of only what it reads', () => {
  const manifest = (dir) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const chromium = manifest(DIST);
  assert.equal(chromium.sidebar_action, undefined);
  assert.equal(chromium.browser_specific_settings, undefined);
  assert.deepEqual(chromium.background, { service_worker: 'background.js', type: 'module' });
  assert.ok(chromium.permissions.includes('sidePanel'));
  assert.equal(chromium.web_accessible_resources[0].use_dynamic_url, true);

  const firefox = manifest(FIREFOX_DIST);
  assert.equal(firefox.side_panel, undefined);
  assert.equal(firefox.permissions.includes('sidePanel'), false);
  assert.deepEqual(firefox.background, { scripts: ['background.js'], type: 'module' });
  assert.equal(firefox.web_accessible_resources[0].use_dynamic_url, undefined);
  assert.equal(firefox.sidebar_action.open_at_install, false);
  // Mozilla's add-on store asks what an add-on collects: nothing.
  assert.deepEqual(firefox.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  // Each has its own toolbar behaviour and nothing of the other's.
  assert.match(readFileSync(join(DIST, 'toolbar.js'), 'utf8'), /sidePanel\.setPanelBehavior/);
  assert.match(readFileSync(join(FIREFOX_DIST, 'toolbar.js'), 'utf8'), /sidebarAction\.toggle/);
});

for (const name of BROWSERS) {
  describe(name, () => {
    let site, browser, dir, profile, overlay;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), `cg-${name}-`));
      site = await startSite();
      browser = await launch(name, { port: site.port });
    });

    after(async () => {
      await browser?.close();
      site?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('nothing of the extension opens by itself on install', T, async () => {
      assert.deepEqual(await browser.extensionTabs(), []);
    });

    test('the export goes in through the import page', T, async () => {
      assert.match(await importSample(browser, dir), /^Imported 3 contacts/);
    });

    test('a LinkedIn profile gets the overlay with the common ground', T, async () => {
      profile = await browser.open(`${SITE}/in/sanne-de-vries/`);
      overlay = await profile.overlay();
      await overlay.waitForText('#name', 'Sanne de Vries');
      const summary = await overlay.waitForText('#summary', 'shared employers');
      assert.equal(summary, '2 shared employers · 1 shared school · 4 mutual · 1 contact works with them');
      assert.equal(await overlay.text('#introducer'), 'Best placed to introduce you: Lotte Jansen');
      assert.deepEqual((await overlay.texts('#mutuals li > span:first-child')), ['Lotte Jansen', 'Pieter Bakker', 'Noor Visser']);
      // Nothing of it in the page: the overlay is the extension's own document.
      assert.equal(await profile.evaluate(() => document.body.innerText.includes('Best placed to introduce you')), false);
    });

    test('moving to another profile without a reload moves the overlay with it', T, async () => {
      const tab = await browser.open(`${SITE}/in/sanne-de-vries/`);
      const frame = await tab.overlay();
      await frame.waitForText('#name', 'Sanne de Vries');
      // What LinkedIn's router does: a new address in history and a new page body, no load.
      await tab.evaluate((html) => {
        history.pushState({}, '', '/in/lotte-jansen/');
        document.body.innerHTML = html;
      }, bodyOf('lotte-jansen'));
      await frame.waitForText('#name', 'Lotte Jansen');
      await frame.waitForText('#current', 'Beleidsadviseur at Gemeente Amsterdam');
      await tab.close();
      await profile.activate();
    });

    test('a note is kept across a reload and a restart of the background', T, async () => {
      const note = `Met Sanne at the Open Data meetup (${name})`;
      await overlay.type('#note', note);
      await overlay.click('#save');
      await overlay.waitForText('#status', 'Note saved.');
      const notes = async () => (await profile.overlay()).waitFor((text) => {
        const shown = [...document.querySelectorAll('#notes li p:first-child')].map((p) => p.textContent);
        return shown.includes(text) && shown;
      }, note, { what: `the note “${note}”` });

      await profile.reload();
      assert.deepEqual(await notes(), [note]);

      assert.equal(await browser.stopBackground(), name === 'chromium' ? 'STOPPED' : 'stopped');
      await profile.reload();
      assert.deepEqual(await notes(), [note]);
      overlay = await profile.overlay();
      await overlay.waitForText('#summary', 'shared employers');
    });

    test('a draft is written from the common ground and copied', T, async () => {
      await overlay.click('#draft-open');
      const drafts = await overlay.waitFor(() => {
        const boxes = [...document.querySelectorAll('#drafts li.draft textarea')];
        return boxes.length >= 3 && boxes.map((b) => b.value);
      });
      for (const draft of drafts) assert.ok(draft.length > 0 && draft.length <= 200, `${draft.length}: ${draft}`);
      assert.ok(drafts.some((d) => d.includes('Veldwerk Analytics')), drafts.join(' | '));
      assert.equal(await overlay.evaluate(() => document.querySelectorAll('#drafts mark').length), 0, 'no draft asks for anything');
      await overlay.click('#drafts li.draft button', { text: 'Copy' });
      await overlay.waitForText('#status', 'Copied.');
    });

    test('a connection not yet written to gets the first message after they accepted', T, async () => {
      // Noor: a connection in the export, never written to.
      const tab = await browser.open(`${SITE}/in/noor-visser/`);
      const frame = await tab.overlay();
      await frame.waitForText('#name', 'Noor Visser');
      await frame.waitForText('#relationship', 'Connected');
      await frame.click('#draft-open');
      const drafts = await frame.waitFor(() => {
        const boxes = [...document.querySelectorAll('#drafts li.draft textarea')];
        return boxes.length >= 2 && boxes.map((b) => b.value);
      });
      assert.equal(await frame.evaluate(() => document.getElementById('draft-purpose').value), 'first-message');
      // She lives in Utrecht: the drafts are in Dutch.
      assert.match(drafts[0], /^Hoi Noor,\nDank je voor het connecten\./);
      for (const draft of drafts) assert.ok(!draft.includes('?') && !/connect\.$/m.test(draft), draft);
      assert.equal(await frame.evaluate(() => document.querySelectorAll('#drafts mark').length), 0);
      await tab.close();
      await profile.activate();
    });

    test('the side panel follows the active tab', T, async () => {
      const panel = await browser.extensionPage('panel.html');
      // The panel itself is the active tab now: no profile there.
      await panel.waitForText('#summary', 'Open a LinkedIn or GitHub profile');
      await profile.activate();
      await panel.waitForText('#name', 'Sanne de Vries');
      await panel.waitForText('#summary', '2 shared employers');
      await profile.goto(`${SITE}/in/lotte-jansen/`);
      await panel.waitForText('#name', 'Lotte Jansen');
      await panel.close();
      await profile.close();
    });
  });
}
