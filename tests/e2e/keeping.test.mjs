// Remembering and keeping in touch, end to end: notes captured with `Add note` and Enter, with
// tags, edited in place, deleted and put back with Undo; two tabs saving notes about one person
// at the same moment lose nothing; interactions logged as giving or asking show in the balance;
// forgetting a person, after a confirmation, leaves nothing about them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launchBrowser, overlayFrame, overlayShown, SITE } from './harness.mjs';

let site, browser;
const T = { timeout: 120_000 };

before(async () => {
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
});

after(async () => {
  await browser?.close();
  site?.close();
});

async function open(handle) {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/${handle}/`);
  const frame = await overlayFrame(page);
  await overlayShown(page, frame);
  return { page, frame };
}

const noteTexts = (frame) => frame.locator('#notes li p:first-child').allInnerTexts();
const status = (frame, text) => frame.locator('#status').filter({ hasText: text }).waitFor();

test('Add note focuses the box; Enter saves the note with its tags', T, async () => {
  const { page, frame } = await open('lotte-jansen');
  await frame.getByRole('button', { name: 'Add note' }).click();
  assert.equal(await frame.evaluate(() => document.activeElement.id), 'note');
  await page.keyboard.type('Met at the Open Data meetup');
  await frame.getByLabel('Tags', { exact: true }).fill('Event, #open data');
  await frame.getByLabel('Tags', { exact: true }).press('Enter');
  await status(frame, 'Note saved.');
  assert.deepEqual(await noteTexts(frame), ['Met at the Open Data meetup']);
  assert.deepEqual(await frame.locator('#notes .tag').allInnerTexts(), ['#event', '#open-data']);
  assert.equal(await frame.getByLabel('Note', { exact: true }).inputValue(), '');
  await page.close();
});

test('a note is edited in place, deleted, and put back with Undo', T, async () => {
  const { page, frame } = await open('lotte-jansen');
  const item = frame.locator('#notes li').first();
  await item.getByRole('button', { name: 'Edit' }).click();
  await frame.getByLabel('Edit note').fill('Met at the Open Data meetup in Utrecht');
  await frame.getByLabel('Edit tags').fill('event');
  await frame.getByLabel('Edit note').press('Enter');
  await status(frame, 'Note changed.');
  assert.deepEqual(await noteTexts(frame), ['Met at the Open Data meetup in Utrecht']);
  assert.match(await frame.locator('#notes li .note-meta').first().innerText(), /edited/);
  assert.deepEqual(await frame.locator('#notes .tag').allInnerTexts(), ['#event']);

  await frame.locator('#notes li').first().getByRole('button', { name: 'Delete' }).click();
  await status(frame, 'Note deleted.');
  assert.deepEqual(await frame.locator('#notes li.empty').count(), 1);
  await frame.getByRole('button', { name: 'Undo' }).click();
  await status(frame, 'Note put back.');
  assert.deepEqual(await noteTexts(frame), ['Met at the Open Data meetup in Utrecht']);
  assert.deepEqual(await frame.locator('#notes .tag').allInnerTexts(), ['#event']);

  // After a reload the change is still there: it is stored, not only drawn.
  await page.reload();
  const again = await overlayFrame(page);
  await overlayShown(page, again);
  assert.deepEqual(await noteTexts(again), ['Met at the Open Data meetup in Utrecht']);
  await page.close();
});

test('two tabs saving a note about the same person at the same moment lose nothing', T, async () => {
  const one = await open('pieter-bakker');
  const two = await open('pieter-bakker');
  await one.frame.getByLabel('Note', { exact: true }).fill('From the first tab');
  await two.frame.getByLabel('Note', { exact: true }).fill('From the second tab');
  await Promise.all([
    one.frame.getByRole('button', { name: 'Save note' }).click(),
    two.frame.getByRole('button', { name: 'Save note' }).click(),
  ]);
  await status(one.frame, 'Note saved.');
  await status(two.frame, 'Note saved.');
  await one.page.reload();
  const frame = await overlayFrame(one.page);
  await overlayShown(one.page, frame);
  assert.deepEqual((await noteTexts(frame)).sort(), ['From the first tab', 'From the second tab']);
  await one.page.close();
  await two.page.close();
});

test('logged interactions show in the give/ask balance and can be removed', T, async () => {
  const { page, frame } = await open('pieter-bakker');
  await frame.getByText('Log an interaction').click();
  await frame.getByLabel('What happened').selectOption('introduced');
  assert.equal(await frame.getByLabel('Who gave').inputValue(), 'give', 'an introduction is a gift');
  await frame.getByLabel('Details').fill('to Lotte, about open data');
  await frame.getByRole('button', { name: 'Log it' }).click();
  await frame.locator('#relationship').filter({ hasText: 'You gave 1×, asked 0×' }).waitFor();
  await frame.getByLabel('What happened').selectOption('asked');
  assert.equal(await frame.getByLabel('Who gave').inputValue(), 'ask');
  await frame.getByRole('button', { name: 'Log it' }).click();
  await frame.locator('#relationship').filter({ hasText: 'You gave 1×, asked 1×' }).waitFor();
  const logged = await frame.locator('#interactions li span').allInnerTexts();
  assert.equal(logged.length, 2);
  assert.match(logged[1], /^Introduced them to someone · .* · to Lotte, about open data · you gave$/);

  await frame.locator('#interactions li').first().getByRole('button', { name: 'Remove' }).click();
  await frame.locator('#relationship').filter({ hasText: 'You gave 1×, asked 0×' }).waitFor();
  await page.close();
});

test('forgetting a person asks first, then leaves nothing about them', T, async () => {
  const { page, frame } = await open('pieter-bakker');
  await frame.getByRole('button', { name: 'Forget this person…' }).click();
  const question = await frame.locator('#forget-question').innerText();
  assert.match(question, /^Delete Pieter Bakker and everything kept about them: 2 notes, 1 logged interaction\?/);
  await frame.getByRole('button', { name: 'Keep' }).click();
  assert.equal(await frame.locator('#forget-confirm').isVisible(), false);

  await frame.getByRole('button', { name: 'Forget this person…' }).click();
  await frame.getByRole('button', { name: 'Delete everything about them' }).click();
  await status(frame, 'Forgot Pieter Bakker: 2 notes, 1 logged interaction.');
  assert.equal(await frame.locator('#notes').isVisible(), false);

  // Opened again, the profile is read anew: no notes, no log.
  await page.reload();
  const again = await overlayFrame(page);
  await overlayShown(page, again);
  assert.equal(await again.locator('#notes li.empty').count(), 1);
  assert.equal(await again.locator('#interactions li').count(), 0);
  await page.close();
});

/**
 * The tab `page` is in, as the service worker sees it: the active one once `page` is brought to
 * the front (without the "tabs" permission the worker cannot ask for a tab by its address).
 */
async function tabOf(page) {
  await page.bringToFront();
  return browser.worker.evaluate(async () => (await chrome.tabs.query({ active: true }))[0]);
}

test('a selection saved from the context menu becomes a note with the page address', T, async () => {
  const url = `${SITE}/in/jonas-berg/`;
  const { page, frame } = await open('jonas-berg');
  // The menu item exists (updating one that does not fails).
  await browser.worker.evaluate(() => chrome.contextMenus.update('cg-note', {}));
  // Headless Chromium cannot open a context menu: the test calls the click handler beneath it.
  const tab = await tabOf(page);
  const answer = await browser.worker.evaluate(([u, t]) => globalThis.commonGround.onContextMenu(
    { menuItemId: 'cg-note', selectionText: 'Leads the open-data team at Gemeente Delft', pageUrl: u }, t), [url, tab]);
  assert.equal(answer.type, 'note_saved');
  await frame.locator('#notes li p').filter({ hasText: 'Leads the open-data team at Gemeente Delft' }).waitFor();
  assert.equal(await frame.locator('#notes .note-meta span[title]').first().getAttribute('title'), url);

  // Not a profile: nothing saved, and a reason.
  const refused = await browser.worker.evaluate(() => globalThis.commonGround.onContextMenu(
    { menuItemId: 'cg-note', selectionText: 'x', pageUrl: 'https://www.linkedin.com/feed/' }, undefined));
  assert.equal(refused.type, 'error');
  assert.match(refused.message, /not a profile/);
  await page.close();
});

test('the keyboard shortcut opens a collapsed overlay and focuses the note box', T, async () => {
  // The command is registered with its suggested keys (headless Chromium assigns no shortcut,
  // so `shortcut` itself reads empty here).
  const commands = await browser.worker.evaluate(() => chrome.commands.getAll());
  assert.equal(commands.find((c) => c.name === 'add-note')?.description, 'Write a note about the person on this page');
  const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
  assert.equal(manifest.commands['add-note'].suggested_key.default, 'Alt+Shift+N');

  const { page, frame } = await open('jonas-berg');
  await frame.getByRole('button', { name: 'Collapse' }).click();
  await frame.getByRole('button', { name: 'Expand' }).waitFor();
  // Headless Chromium does not deliver extension shortcuts: the test calls their handler.
  const tab = await tabOf(page);
  assert.equal(await browser.worker.evaluate(([t]) => globalThis.commonGround.onCommand('add-note', t), [tab]), true);
  await frame.waitForFunction(() => document.activeElement && document.activeElement.id === 'note');
  assert.equal(await frame.getByRole('button', { name: 'Collapse' }).isVisible(), true);
  await page.close();
});
