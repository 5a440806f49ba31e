// What Firefox has of its own, end to end in Firefox ESR: the toolbar button toggles the sidebar
// (nothing opens it by itself) and the sidebar follows the active tab; a selection saved from
// the real context menu becomes a note the overlay shows at once; the real keyboard shortcut
// opens the note box; the badge counts who is due; Copy puts the draft on the clipboard; "Put in
// invite note" reaches the page from a frame that has no tabs API. (The core loop runs in both
// browsers in both-browsers.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, SITE } from './harness.mjs';
import { launch, importSample, until } from './browsers.mjs';

const T = { timeout: 120_000 };
let site, browser, firefox, dir, profile, overlay;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-firefox-test-'));
  site = await startSite();
  browser = await launch('firefox', { port: site.port });
  firefox = browser.firefox;
  await importSample(browser, dir);
  profile = await browser.open(`${SITE}/in/sanne-de-vries/`);
  overlay = await profile.overlay();
  await overlay.waitForText('#summary', 'shared employers');
});

after(async () => {
  await browser?.close();
  site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the toolbar button toggles the sidebar, which follows the active tab', T, async () => {
  // Installing opened nothing: no sidebar (open_at_install is off), no page of the add-on.
  assert.equal((await firefox.sidebar()).open, false);
  assert.deepEqual(await browser.extensionTabs(), []);

  await firefox.pressToolbarButton();
  const shows = (handle) => firefox.sidebar().then((s) => s.open && s.address?.includes(`#p=linkedin%3A${handle}&`) && s);
  const open = await until(() => shows('sanne-de-vries'), 'the sidebar on Sanne');
  assert.equal(open.id, 'common-ground_common-ground_invalid-sidebar-action');
  assert.match(open.address, /^moz-extension:\/\/[^/]+\/panel\.html#/);

  await profile.goto(`${SITE}/in/lotte-jansen/`);
  await until(() => shows('lotte-jansen'), 'the sidebar on Lotte');
  await profile.goto(`${SITE}/in/sanne-de-vries/`);
  await until(() => shows('sanne-de-vries'), 'the sidebar on Sanne again');
  overlay = await profile.overlay();
  await overlay.waitForText('#summary', 'shared employers');

  await firefox.pressToolbarButton();
  await until(async () => !(await firefox.sidebar()).open, 'the sidebar closed');
});

test('a selection saved from the context menu is a note the overlay shows at once', T, async () => {
  await profile.evaluate(() => {
    const headline = document.querySelector('h1');
    const range = document.createRange();
    range.selectNodeContents(headline);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  const offered = await firefox.contextMenu(profile.context, 'h1', 'Save as a note about this person');
  assert.ok(offered.includes('Save as a note about this person'), offered.join(' | '));
  // No reload: the core tells the tab, and the tab its frame.
  const notes = await overlay.waitFor(() => {
    const shown = [...document.querySelectorAll('#notes li p:first-child')].map((p) => p.textContent);
    return shown.includes('Sanne de Vries') && shown;
  }, null, { what: 'the captured note in the overlay' });
  assert.deepEqual(notes, ['Sanne de Vries']);
});

test('the keyboard shortcut opens the note box', T, async () => {
  await profile.activate();
  assert.notEqual(await overlay.evaluate(() => document.activeElement?.id), 'note');
  await firefox.pressKey({ key: 'N', code: 'KeyN', keyCode: 78, alt: true, shift: true });
  await overlay.waitFor(() => document.activeElement?.id === 'note', null, { what: 'the note box focused' });
});

test('the badge counts a key person who is overdue', T, async () => {
  assert.equal(await firefox.badge(), '');
  // Pieter: one message, in 2019.
  const tab = await browser.open(`${SITE}/in/pieter-bakker/`);
  const frame = await tab.overlay();
  await frame.waitForText('#relationship', 'Last contact');
  await frame.click('#mark-key');
  await frame.waitForText('#relationship', 'Keep in touch every 4 to 6 weeks');
  await until(async () => (await firefox.badge()) === '1', 'the badge at 1');
  await tab.close();
  await profile.activate();
});

test('Copy puts the draft on the clipboard', T, async () => {
  await overlay.click('#draft-open');
  const drafts = await overlay.waitFor(() => {
    const boxes = [...document.querySelectorAll('#drafts li.draft textarea')];
    return boxes.length >= 2 && boxes.map((b) => b.value);
  });
  // A real click in the frame: Firefox lets a frame write the clipboard within a user gesture.
  const copies = await overlay.evaluate(() => [...document.querySelectorAll('#drafts li.draft button')].filter((b) => b.textContent === 'Copy').length);
  assert.ok(copies >= 2);
  await firefox.click(overlay.context, '#drafts li.draft:nth-of-type(2) .meta button');
  await overlay.waitForText('#status', 'Copied.');
  assert.equal(await firefox.clipboardText(), drafts[1]);
});

test('Put in invite note fills the open invite dialog from the frame, and presses nothing', T, async () => {
  const put = () => overlay.click('#drafts li.draft button', { text: 'Put in invite note' });
  await put();
  await overlay.waitForText('#status', "Open LinkedIn's invitation first");

  await profile.evaluate(() => {
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.innerHTML = '<textarea id="custom-message" maxlength="200"></textarea><button aria-label="Send invitation">Send</button>';
    document.body.append(dialog);
    window.seen = { inputs: 0, sent: 0 };
    dialog.querySelector('textarea').addEventListener('input', () => window.seen.inputs++);
    dialog.querySelector('button').addEventListener('click', () => window.seen.sent++);
  });
  const first = await overlay.evaluate(() => document.querySelector('#drafts li.draft textarea').value);
  await put();
  await overlay.waitForText('#status', 'Put in the invite note.');
  assert.equal(await profile.evaluate(() => document.getElementById('custom-message').value), first);
  assert.deepEqual(await profile.evaluate(() => window.seen), { inputs: 1, sent: 0 });
});
