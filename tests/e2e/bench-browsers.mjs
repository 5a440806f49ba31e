// The overlay in Chromium and in Firefox ESR on the same pages, after the same import: from the
// start of the navigation to the overlay drawn with the person (its `cg-overlay-rendered` mark),
// each page opened in a new tab again and again. Part of `./build.sh bench`; prints a table,
// asserts nothing. Real saved pages from ../shared/fixtures when they are there.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, PAGES, ROOT, SITE } from './harness.mjs';
import { BROWSERS, importSample, launch } from './browsers.mjs';

const RUNS = 15;
const SHARED = join(ROOT, '..', 'shared', 'fixtures', 'linkedin-html');
const pages = mkdtempSync(join(tmpdir(), 'cg-bench-pages-'));
cpSync(PAGES, pages, { recursive: true });
const handles = [['sample 2024 (sanne-de-vries)', 'sanne-de-vries'], ['sample 2026 (jonas-berg)', 'jonas-berg']];
for (const [label, file, handle] of [
  ['real logged-in 2024', 'logged-in-2024/profile1.html', 'bench-real-2024'],
  ['real logged-in 2026 (React)', 'logged-in-2026-sdui/li-2026-04-sdui-mutuals.html', 'bench-real-2026'],
]) {
  if (existsSync(join(SHARED, file))) {
    cpSync(join(SHARED, file), join(pages, `${handle}.html`));
    handles.push([label, handle]);
  }
}

const site = await startSite(pages);
const exportDir = mkdtempSync(join(tmpdir(), 'cg-bench-export-'));
const rows = [];
try {
  for (const name of BROWSERS) {
    const browser = await launch(name, { port: site.port });
    try {
      await importSample(browser, exportDir);
      for (const [label, handle] of handles) {
        const times = [];
        for (let run = 0; run < RUNS; run++) {
          const tab = await browser.open(`${SITE}/in/${handle}/`);
          const frame = await tab.overlay();
          const rendered = await frame.waitFor(() => {
            const marks = performance.getEntriesByName('cg-overlay-rendered');
            return document.getElementById('name').textContent !== '' && marks.length > 0
              && performance.timeOrigin + marks.at(-1).startTime;
          }, null, { what: `the overlay on ${handle}` });
          const navigated = await tab.evaluate(() => performance.timeOrigin);
          times.push(rendered - navigated);
          await tab.close();
        }
        times.sort((a, b) => a - b);
        rows.push({ browser: name, page: label, median: times[RUNS >> 1], min: times[0], max: times[RUNS - 1] });
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  site.close();
  rmSync(pages, { recursive: true, force: true });
  rmSync(exportDir, { recursive: true, force: true });
}

const ms = (v) => `${Math.round(v)} ms`.padStart(8);
console.log(`navigation start → overlay drawn, ${RUNS} runs each (median, fastest, slowest)`);
console.log(`${'browser'.padEnd(10)}${'page'.padEnd(32)}${'median'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}`);
for (const r of rows) console.log(`${r.browser.padEnd(10)}${r.page.padEnd(32)}${ms(r.median)}${ms(r.min)}${ms(r.max)}`);
