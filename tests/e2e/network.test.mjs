// Keeping in touch across the network, end to end, on a generated dataset (2,000 contacts,
// 10,000 notes, 2,000 logged interactions, every eleventh contact marked): the side panel
// searches every note and tag as the user types, lists who is overdue and who is coming due,
// and counts the active relationships against about 150; marking someone a key person in the
// overlay sets a four-to-six-week rhythm, and the toolbar badge, refreshed by the daily alarm's
// handler, counts who is due.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, overlayShown, SITE } from './harness.mjs';

let site, browser, panel;
const T = { timeout: 180_000 };

before(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'cg-network-')), 'network.json');
  execFileSync('cargo', ['run', '--quiet', '--bin', 'cg', '--', 'sample-backup',
    '--contacts', '2000', '--notes', '10000', '--interactions', '2000', file]);
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByLabel('Restore from a backup').setInputFiles(file);
  await options.getByRole('button', { name: 'Replace everything' }).click();
  await options.locator('#backup-status').filter({ hasText: 'Restored:' }).waitFor({ timeout: 60_000 });
  await options.close();
  panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${browser.extensionId}/panel.html`);
});

after(async () => {
  await browser?.close();
  site?.close();
});

test('the side panel searches 10,000 notes and their tags as the user types', T, async (t) => {
  const search = panel.getByRole('searchbox', { name: 'Search notes and tags' });
  await search.waitFor();
  // Every note of the sample says "met at meetup <n % 50>"; one in four is tagged #event.
  await panel.waitForFunction(() => document.getElementById('active').textContent !== '');
  await search.fill('quoted');
  await panel.locator('#search-count').filter({ hasText: 'notes match' }).waitFor();
  assert.equal(await panel.locator('#search-count').innerText(), '10,000 notes match; the newest 50 are shown.');
  assert.equal(await panel.locator('#search-results li').count(), 50);
  const first = await panel.locator('#search-results li').first().innerText();
  assert.match(first, /^Sam\d+ Sample/);
  assert.match(first, /Note 9999: met at meetup 49/, 'newest first');

  await search.fill('note 9998');
  await panel.locator('#search-count').filter({ hasText: '1 note matches.' }).waitFor();
  await search.fill('#event');
  await panel.locator('#search-count').filter({ hasText: '2,500 notes match' }).waitFor();

  await search.fill('#event note 9996');
  await panel.locator('#search-count').filter({ hasText: '1 note matches.' }).waitFor();
  const tagged = await panel.locator('#search-results li').allInnerTexts();
  assert.deepEqual(tagged.length, 1);
  assert.match(tagged[0], /Note 9996: met at meetup 46[^]*#event/);

  // A figure, not a test: keystroke to results drawn, in the page.
  const ms = await panel.evaluate(async () => {
    const box = document.getElementById('search');
    const times = [];
    for (const q of ['n', 'no', 'not', 'note', 'note 12', 'zz']) {
      const t0 = performance.now();
      box.value = q;
      box.dispatchEvent(new Event('input'));
      times.push(performance.now() - t0);
    }
    return times;
  });
  t.diagnostic(`search of 10,000 notes, per keystroke (ms): ${ms.map((m) => m.toFixed(1)).join(', ')}`);
  await search.fill('zzz-nothing');
  await panel.locator('#search-count').filter({ hasText: 'No note matches.' }).waitFor();
});

test('the panel lists who is due and which ties went quiet, and counts the active ones', T, async () => {
  const active = await panel.locator('#active').innerText();
  assert.match(active, /^Active relationships: [\d,]+ of about 150 \(in touch in the last year\)\.$/);
  const overdue = await panel.locator('#overdue li').allInnerTexts();
  const coming = await panel.locator('#due li').allInnerTexts();
  assert.ok(overdue.length + coming.length > 0, 'marked key people with old notes are due');
  assert.ok(overdue.every((d) => / · \d+ days? overdue$/.test(d)), overdue[0]);
  assert.ok(coming.every((d) => / · (no contact yet|last contact .*)$/.test(d)), coming[0]);
  const badge = await browser.worker.evaluate(async () => {
    const counts = await globalThis.commonGround.refreshBadge();
    return { counts, text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) };
  });
  assert.deepEqual(badge.counts, { overdue: overdue.length, comingDue: coming.length });
  // Red with who is overdue when anyone is, else who is coming due; the title says both.
  assert.equal(badge.text, String(overdue.length || coming.length));
  if (overdue.length) assert.match(badge.title, new RegExp(`${overdue.length} overdue`));
  if (coming.length) assert.match(badge.title, new RegExp(`${coming.length} coming due`));
  // The daily check is scheduled.
  const alarm = await browser.worker.evaluate(() => chrome.alarms.get('keep-in-touch'));
  assert.equal(alarm.periodInMinutes, 24 * 60);
});

test('a key person in the overlay gets a four-to-six-week rhythm, and the badge counts them', T, async () => {
  const due = async () => {
    const c = await browser.worker.evaluate(() => globalThis.commonGround.refreshBadge());
    return c.overdue + c.comingDue;
  };
  const before = await due();
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(page);
  await overlayShown(page, frame);
  await frame.getByLabel('Key person').check();
  await frame.locator('#relationship').filter({ hasText: /Keep in touch every 4 to 6 weeks: (due|\d+ days? overdue)/ }).waitFor();
  assert.equal(await frame.getByLabel('Keep in touch').inputValue(), '28');
  assert.equal(await due(), before + 1);

  await panel.reload();
  await panel.locator('#due li, #overdue li').filter({ hasText: 'Sanne de Vries' }).first().waitFor();
  await page.close();
});

test('a goal stated in the settings: people marked for it, and the panel filtered by it', T, async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByLabel('A new job', { exact: true }).check();
  await options.getByLabel('A new job, in your words').fill('data lead in Utrecht');
  await options.getByRole('button', { name: 'Save goals' }).click();
  await options.locator('#goals-status').filter({ hasText: 'Goals saved.' }).waitFor();
  await options.close();

  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(page);
  await overlayShown(page, frame);
  const relevant = frame.getByLabel('A new job: data lead in Utrecht');
  // The overlay reads the person again once the mark is stored: wait for that drawing.
  const drawn = () => frame.evaluate(() => performance.getEntriesByName('cg-overlay-rendered').length);
  const before = await drawn();
  await relevant.check();
  await frame.waitForFunction((n) => performance.getEntriesByName('cg-overlay-rendered').length > n, before);
  await page.reload();
  const again = await overlayFrame(page);
  await overlayShown(page, again);
  await again.getByLabel('A new job: data lead in Utrecht').waitFor();
  assert.equal(await again.getByLabel('A new job: data lead in Utrecht').isChecked(), true, 'kept');
  assert.equal(await again.getByLabel('Key person').isChecked(), true, 'the goal kept the key mark');
  await page.close();

  await panel.reload();
  await panel.locator('#goal-filter-row').waitFor();
  await panel.getByLabel('Goal').selectOption('new_job');
  // Sanne, and the sample's contacts marked for a new job.
  await panel.locator('#goal-people li').filter({ hasText: 'Sanne de Vries' }).waitFor();
  const people = await panel.locator('#goal-people li').allInnerTexts();
  assert.ok(people.length > 1, people.join(' | '));
  const due = await panel.locator('#due li, #overdue li').allInnerTexts();
  assert.ok(due.some((d) => d.startsWith('Sanne de Vries')), due.join(' | '));
  await panel.getByLabel('Goal').selectOption('');
  assert.equal(await panel.locator('#goal-section').isVisible(), false);
});
