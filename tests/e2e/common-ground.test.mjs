// The common ground on a profile page, end to end: a fresh install says what to do; after an
// import of the user's own export (CSV files through the real file input), the overlay on a
// fixture profile shows the shared employers with their overlap, the shared school, the mutual
// connections ranked by how well the user knows them and the best one to introduce; collapsed it
// is one line; the side panel follows the active tab and shows the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, writeExport, SITE } from './harness.mjs';

let site, browser, dir;
const T = { timeout: 120_000 };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-common-'));
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
});

after(async () => {
  await browser?.close();
  site?.close();
});

/** Months from November 2021 (Sanne joined Veldwerk Analytics) to this month, both counted. */
function monthsTogetherAtVeldwerk() {
  const now = new Date();
  return (now.getUTCFullYear() * 12 + now.getUTCMonth()) - (2021 * 12 + 10) + 1;
}

function duration(months) {
  const plural = (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const [y, m] = [Math.floor(months / 12), months % 12];
  if (y === 0) return plural(m, 'month');
  return m === 0 ? plural(y, 'year') : `${plural(y, 'year')} ${plural(m, 'month')}`;
}

const facts = (frame, list) => frame.locator(`#${list} li`).evaluateAll((items) =>
  items.map((li) => [...li.querySelectorAll('span')].map((s) => s.textContent)));

test('before any import the overlay says what to do', T, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await frame.locator('#summary').filter({ hasText: 'import your LinkedIn export to see shared history' }).waitFor();
  // The page's own count of mutual connections is there even before an import.
  assert.equal(await frame.locator('#summary').innerText(), '4 mutual · import your LinkedIn export to see shared history');
  const link = frame.getByRole('link', { name: 'Import your LinkedIn export' });
  assert.equal(await link.isVisible(), true);
  assert.match(await link.getAttribute('href'), /import\.html$/);
  assert.equal(await frame.locator('#mutuals-more').innerText(), 'and 2 more mutual connections the page does not name');
  await page.close();
});

test('after an import the overlay shows the shared history and whom to ask for an introduction', T, async () => {
  const importer = await browser.context.newPage();
  await importer.goto(`chrome-extension://${browser.extensionId}/import.html`);
  await importer.getByLabel('LinkedIn export').setInputFiles(writeExport(dir));
  await importer.getByRole('button', { name: 'Import' }).click();
  await importer.getByRole('status').filter({ hasText: 'Imported 3 contacts' }).waitFor();
  await importer.close();

  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  const summary = frame.locator('#summary');
  await summary.filter({ hasText: 'shared employers' }).waitFor();
  assert.equal(await summary.innerText(), '2 shared employers · 1 shared school · 4 mutual · 1 contact works with them');

  assert.deepEqual(await facts(frame, 'common'), [
    // November 2021 (Sanne joined) to this month; both worked in Utrecht.
    ['Veldwerk Analytics', `Worked there · together ${duration(monthsTogetherAtVeldwerk())} · in Utrecht`],
    // March 2017 (Sanne joined) to December 2019 (Sam left).
    ['Gemeente Utrecht', 'Worked there · together 2 years 10 months'],
    // 2012–2016 and 2015–2017: the years 2015 and 2016.
    ['Universiteit Utrecht', 'Studied there · together 2 years'],
    ['Utrecht', 'You both live here'],
  ]);

  const mutuals = await facts(frame, 'mutuals');
  assert.deepEqual(mutuals.map((m) => m[0]), ['Lotte Jansen', 'Pieter Bakker', 'Noor Visser']);
  assert.match(mutuals[0][1], /^close · last contact /);
  assert.match(mutuals[1][1], /^acquainted · last contact May 2019$/);
  assert.equal(mutuals[2][1], 'works at Veldwerk Analytics · connected, no history');
  assert.equal(await frame.locator('#introducer').innerText(), 'Best placed to introduce you: Lotte Jansen');
  assert.equal(await frame.locator('#mutuals-more').innerText(), 'and 2 more mutual connections the page does not name');
  assert.equal(await frame.locator('#import-hint').isVisible(), false);
  assert.equal(await frame.getByRole('heading', { name: 'You and Sanne' }).isVisible(), true);

  // Collapsed, the overlay is one line that still carries the summary.
  await frame.getByRole('button', { name: 'Collapse' }).click();
  await frame.getByRole('button', { name: 'Expand' }).waitFor();
  assert.equal(await summary.isVisible(), true);
  const [bottom, height] = await summary.evaluate((s) => [s.getBoundingClientRect().bottom, window.innerHeight]);
  assert.ok(bottom <= height, `the summary ends at ${bottom}px in a ${height}px frame`);
  assert.equal(height, 48);
  assert.equal(await frame.locator('#common').isVisible(), false);
  await frame.getByRole('button', { name: 'Expand' }).click();
  await frame.getByRole('button', { name: 'Collapse' }).waitFor();
  await page.close();
});

test('the side panel follows the active tab and shows the same common ground', T, async () => {
  const profile = await browser.context.newPage();
  await profile.goto(`${SITE}/in/sanne-de-vries/`);
  await (await overlayFrame(profile)).getByRole('heading', { name: 'Sanne de Vries' }).waitFor();

  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  // The panel itself is the active tab now: no profile there.
  await panel.locator('#summary').filter({ hasText: 'Open a LinkedIn or GitHub profile' }).waitFor();
  assert.equal(await panel.locator('#details').isVisible(), false);

  await profile.bringToFront();
  await panel.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await panel.locator('#summary').filter({ hasText: '2 shared employers' }).waitFor();
  assert.equal(await panel.locator('#introducer').innerText(), 'Best placed to introduce you: Lotte Jansen');
  assert.equal(await panel.locator('#toggle').isVisible(), false, 'the panel is never collapsed');

  // Another profile in the active tab: the panel follows.
  await profile.goto(`${SITE}/in/lotte-jansen/`);
  await panel.getByRole('heading', { name: 'Lotte Jansen' }).waitFor();
  await panel.close();
  await profile.close();
});
