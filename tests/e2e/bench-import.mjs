// Importing a 30,000-row Connections.csv (the real 2024 format) in Chromium: the import page's
// reading step in Wasm, and the whole import (read, hand to the service worker, store in one
// IndexedDB transaction, answer on screen), next to Papa Parse parsing the same text in the same
// page. The browser half of `./build.sh bench`; prints a table, asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, DIST } from './harness.mjs';

const ROWS = 30_000;
const RUNS = 5;
const dir = mkdtempSync(join(tmpdir(), 'cg-bench-import-'));
const csv = join(dir, 'Connections.csv');
execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'cg', '--', 'sample-export', '--connections', String(ROWS), csv]);
const text = readFileSync(csv, 'utf8');
const papa = readFileSync(join(DIST, '..', 'node_modules', 'papaparse', 'papaparse.min.js'), 'utf8');

const site = await startSite();
const browser = await launchBrowser({ port: site.port });
try {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/import.html`);
  // Papa Parse into the same page (evaluated through the debugger, which the page's CSP allows).
  await page.evaluate(`(function () { ${papa}\n }).call(window)`);
  const parse = await page.evaluate(async ({ text, runs }) => {
    const core = await import('./wasm/importer.js');
    await core.default({ module_or_path: new URL('./wasm/importer_bg.wasm', location.href) });
    const bytes = new TextEncoder().encode(text);
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const time = (f) => {
      f();
      const xs = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        f();
        xs.push(performance.now() - t);
      }
      return median(xs);
    };
    let rows = 0;
    let papaRows = 0;
    return {
      wasm: time(() => { rows = core.read_export_file('Connections.csv', bytes); }),
      papa: time(() => { papaRows = window.Papa.parse(text, { header: true, skipEmptyLines: true }).data.length; }),
      rows,
      papaRows,
    };
  }, { text, runs: RUNS });

  // The whole import through the page, as a user does it: first into an empty store, then again.
  const whole = [];
  for (const label of ['into an empty store', 'again (30,000 updates)']) {
    await page.reload();
    await page.getByLabel('LinkedIn export').setInputFiles(csv);
    const t = Date.now();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('status').filter({ hasText: `Imported ${ROWS.toLocaleString('en')} contacts` }).waitFor({ timeout: 120_000 });
    whole.push([label, Date.now() - t]);
  }

  // The whole generated export: 30,000 connections and 100,000 messages in one zip.
  const zip = join(dir, 'export.zip');
  execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'cg', '--', 'sample-export',
    '--connections', String(ROWS), '--messages', '100000', zip]);
  await page.reload();
  await page.getByLabel('LinkedIn export').setInputFiles(zip);
  const t = Date.now();
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('status').filter({ hasText: `Imported ${ROWS.toLocaleString('en')} contacts` }).waitFor({ timeout: 120_000 });
  whole.push(['the whole export zip (30,000 connections, 100,000 messages)', Date.now() - t]);

  console.log(`Importing ${ROWS.toLocaleString('en')} connections (${Math.round(text.length / 1024)} KB) in Chromium, ms:`);
  console.log('| what | ms |');
  console.log('|---|---:|');
  console.log(`| reading the CSV in Wasm (median of ${RUNS}; ${parse.rows} contacts) | ${parse.wasm.toFixed(0)} |`);
  console.log(`| Papa Parse, same text, same page (median of ${RUNS}; ${parse.papaRows} rows) | ${parse.papa.toFixed(0)} |`);
  for (const [label, ms] of whole) console.log(`| whole import through the page, ${label} | ${ms} |`);
} finally {
  await browser.close();
  site.close();
}
