// Automatic backups in Chromium: the first change of the day writes everything to
// `Common Ground/common-ground-<browser>.json` in the downloads folder without asking; a second
// change the same day writes nothing more; once the last backup is days old the settings and
// the side panel warn, and the next change writes a new one with the one before it beside it as
// `…-previous.json`. The files are found through the browser's own downloads list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, useOwnDownloads } from './harness.mjs';

let site, browser, options, downloads;
const T = { timeout: 120_000 };

before(async () => {
  downloads = mkdtempSync(join(tmpdir(), 'cg-downloads-'));
  site = await startSite();
  browser = await launchBrowser({ port: site.port, downloads });
  options = await browser.context.newPage();
  await useOwnDownloads(browser.context, options);
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
});

after(async () => {
  await browser?.close();
  site?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

/** The browser's finished downloads whose file name ends with `end`. */
const written = (end) => options.evaluate(async (end) => {
  const items = await chrome.downloads.search({ state: 'complete' });
  return items.filter((i) => i.filename.endsWith(end)).map((i) => ({ path: i.filename, id: i.id }));
}, end);

async function waitFor(end, count) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await written(end);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`no ${count} downloads of ${end}: ${JSON.stringify(found)}`);
    await options.waitForTimeout(200);
  }
}

async function saveRules(rules) {
  await options.locator('#rhythm-rules').fill(rules);
  await options.getByRole('button', { name: 'Save rules' }).click();
  await options.locator('#rhythm-status').filter({ hasText: /\S/ }).waitFor();
}

test('the first change of the day is backed up by itself, once', T, async () => {
  assert.equal(await options.getByLabel('Back up by itself').inputValue(), 'day');
  await options.locator('#backup-last').filter({ hasText: 'No backup made yet.' }).waitFor();
  await saveRules('#mentor: every 4 to 6 weeks');

  const [file] = await waitFor('common-ground-chromium-linux.json', 1);
  assert.equal(file.path, join(downloads, 'Common Ground', 'common-ground-chromium-linux.json'));
  const backup = JSON.parse(readFileSync(file.path, 'utf8'));
  assert.equal(backup.format, 'common-ground-backup');
  assert.ok(JSON.stringify(backup.settings).includes('mentor'), 'the change is in the file');
  assert.equal(existsSync(file.path.replace('.json', '-previous.json')), false);

  await options.reload();
  await options.locator('#backup-last').filter({ hasText: /^Last backup: today \d\d:\d\d$/ }).waitFor();
  // A second change the same day: nothing more is written.
  await saveRules('#mentor: every 3 to 5 weeks');
  await options.waitForTimeout(2000);
  assert.equal((await written('common-ground-chromium-linux.json')).length, 1);
});

test('a backup days old is warned about, and the next change writes it with the one before', T, async () => {
  const first = readFileSync((await written('common-ground-chromium-linux.json'))[0].path, 'utf8');
  // The last backup made three days ago, as the background records one.
  await options.evaluate(() => chrome.runtime.sendMessage({ backed_up: { at: Date.now() - 3 * 86_400_000 } }));
  await options.reload();
  const line = options.locator('#backup-last');
  await line.filter({ hasText: 'Last backup: 3 days ago. It is older than you chose' }).waitFor();
  assert.equal(await line.evaluate((e) => e.classList.contains('warning')), true);

  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  await panel.locator('#backup-last').filter({ hasText: 'Last backup: 3 days ago' }).waitFor();
  await panel.close();

  await saveRules('#mentor: every 2 to 3 weeks');
  const [previous] = await waitFor('common-ground-chromium-linux-previous.json', 1);
  assert.equal(readFileSync(previous.path, 'utf8'), first);
  const deadline = Date.now() + 30_000;
  let now;
  do {
    await options.waitForTimeout(200);
    now = readFileSync((await written('common-ground-chromium-linux.json')).at(-1).path, 'utf8');
  } while (now === first && Date.now() < deadline);
  assert.notEqual(now, first, 'the new backup replaced the one before');
  assert.equal(JSON.parse(now).settings.find((s) => s.name === 'rhythm_rules').value[0].rhythm.ideal_days, 14);
  await options.reload();
  await options.locator('#backup-last').filter({ hasText: /^Last backup: today/ }).waitFor();

  // Never: a change writes nothing.
  await options.getByLabel('Back up by itself').selectOption('never');
  await options.locator('#backup-last').filter({ hasText: /^Last backup: today/ }).waitFor();
  const before = (await written('.json')).length;
  await options.evaluate(() => chrome.runtime.sendMessage({ backed_up: { at: Date.now() - 30 * 86_400_000 } }));
  await saveRules('#mentor: every 6 weeks');
  await options.waitForTimeout(2000);
  assert.equal((await written('.json')).length, before);
});
