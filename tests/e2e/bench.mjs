// Extraction in Chromium's Wasm, next to DOMParser.parseFromString of the same page in the same
// run: the browser half of `./build.sh bench` (criterion measures the native half). Prints a
// table; asserts nothing.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSite, launchBrowser, PAGES, ROOT } from './harness.mjs';

const SHARED = join(ROOT, '..', 'shared', 'fixtures', 'linkedin-html');
const RUNS = 31;
const li = 'https://www.linkedin.com/in/someone/';
const candidates = [
  ['logged-in-2024/profile1', join(SHARED, 'logged-in-2024/profile1.html')],
  ['logged-in-2024/profile3', join(SHARED, 'logged-in-2024/profile3.html')],
  ['logged-in-2024/profile5', join(SHARED, 'logged-in-2024/profile5.html')],
  ['public-2024/profile1', join(SHARED, 'public-2024/profile1.html')],
  ['public-2024/profile3', join(SHARED, 'public-2024/profile3.html')],
  ['logged-in-2025 (hashed)', join(SHARED, 'logged-in-2025/li-2025-05-2nd-mutuals-hashed.html')],
  ['logged-in-2026 (React)', join(SHARED, 'logged-in-2026-sdui/li-2026-04-sdui-mutuals.html')],
  ['sample 2024 sanne-de-vries', join(PAGES, 'sanne-de-vries.html')],
  ['sample 2026 jonas-berg', join(PAGES, 'jonas-berg.html')],
];
const pages = candidates
  .filter(([, path]) => existsSync(path))
  .map(([label, path]) => ({ label, html: readFileSync(path, 'utf8') }));
pages.push({ label: 'generated 10 MB', html: tenMegabytes() });

/** As in benches/extract.rs: the sample 2024 page with its experience list repeated to 10 MB. */
function tenMegabytes() {
  const page = readFileSync(join(PAGES, 'sanne-de-vries.html'), 'utf8');
  const start = page.indexOf('<li class="artdeco-list__item');
  const end = page.indexOf('</ul>');
  const parts = [page.slice(0, start)];
  let size = start;
  while (size < 10 << 20) {
    parts.push(page.slice(start, end));
    size += end - start;
  }
  parts.push(page.slice(end));
  return parts.join('');
}

const site = await startSite();
const browser = await launchBrowser({ port: site.port });
try {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/overlay.html`);
  const rows = await page.evaluate(async ({ pages, runs, url }) => {
    const core = await import('./wasm/reader.js');
    await core.default({ module_or_path: new URL('./wasm/reader_bg.wasm', location.href) });
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const time = (f, big) => {
      for (let i = 0; i < (big ? 1 : 3); i++) f(); // warm up
      const xs = [];
      for (let i = 0; i < (big ? 3 : runs); i++) {
        const t = performance.now();
        f();
        xs.push(performance.now() - t);
      }
      return median(xs);
    };
    return pages.map(({ label, html }) => ({
      label,
      kb: Math.round(html.length / 1024),
      wasm: time(() => core.extract_page(url, html), html.length > 5e6),
      domparser: time(() => new DOMParser().parseFromString(html, 'text/html'), html.length > 5e6),
      name: core.extract_page(url, html).name ?? null,
    }));
  }, { pages, runs: RUNS, url: li });
  console.log(`Extraction in Chromium (median of ${RUNS} runs, 3 for the 10 MB page; ms), next to DOMParser on the same page:`);
  console.log('| page | KB | Wasm extract | DOMParser.parseFromString |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.kb} | ${r.wasm.toFixed(1)} | ${r.domparser.toFixed(1)} |`);
  }
} finally {
  await browser.close();
  site.close();
}
