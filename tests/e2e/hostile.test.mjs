// Pages written to break the page reader, served as LinkedIn profiles: after each one the next
// ordinary profile still gets its overlay (a reader stuck for seconds or out of memory would
// leave every later page without one). The pages are built here, and the hostile ones in
// ../shared/fixtures/hostile are added when that folder is beside the checkout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, SITE, PAGES, ROOT } from './harness.mjs';

const SHARED = join(ROOT, '..', 'shared', 'fixtures', 'hostile');

/** LinkedIn's 2024 shape with roles nested `depth` deep in one experience entry. */
function nestedRoles(depth) {
  const role = '<div data-view-name="profile-component-entity"><span aria-hidden="true">Role</span>';
  return `<!DOCTYPE html><html><head><title>Exp | LinkedIn</title></head><body><main>
<section class="artdeco-card pv-top-card"><h1 class="text-heading-xlarge">Exp Onential</h1></section>
<section class="artdeco-card"><div id="experience"></div><h2><span aria-hidden="true">Experience</span></h2><ul><li>
<div data-view-name="profile-component-entity"><span aria-hidden="true">Acme</span>
<div class="pvs-entity__sub-components">${role.repeat(depth)}${'</div>'.repeat(depth)}</div></div></li></ul></section></main></body></html>`;
}

const pages = mkdtempSync(join(tmpdir(), 'cg-hostile-'));
const hostile = [];
function add(handle, html) {
  writeFileSync(join(pages, `${handle}.html`), html);
  hostile.push(handle);
}
copyFileSync(join(PAGES, 'sanne-de-vries.html'), join(pages, 'sanne-de-vries.html'));
copyFileSync(join(PAGES, 'not-found.html'), join(pages, 'not-found.html'));
add('roles-nested-27', nestedRoles(27));
add('divs-nested-50000', `<html><head><title>A B | LinkedIn</title></head><body><main><h1>A B</h1>${'<div>'.repeat(50_000)}</main></body></html>`);
add('code-unclosed-30000', `<html><head><title>A B | LinkedIn</title></head><body><main><h1>A B</h1>${'<code>x '.repeat(30_000)}</main></body></html>`);
if (existsSync(join(SHARED, 'fuzz-found'))) {
  for (const file of readdirSync(join(SHARED, 'fuzz-found')).filter((f) => f.endsWith('.bin'))) {
    const handle = `fuzz-${file.replace(/\.bin$/, '')}`;
    copyFileSync(join(SHARED, 'fuzz-found', file), join(pages, `${handle}.html`));
    hostile.push(handle);
  }
}

let site, browser;

before(async () => {
  site = await startSite(pages);
  browser = await launchBrowser({ port: site.port });
});

after(async () => {
  await browser?.close();
  site?.close();
  rmSync(pages, { recursive: true, force: true });
});

test('after every hostile page, the next profile still gets its overlay', { timeout: 600_000 }, async () => {
  assert.ok(hostile.length >= 3);
  const page = await browser.context.newPage();
  for (const handle of hostile) {
    await page.goto(`${SITE}/in/${handle}/`);
    // Give the reader the hostile page before moving on, as a user reading it would.
    await page.waitForTimeout(1500);
    await page.goto(`${SITE}/in/sanne-de-vries/`);
    const frame = await overlayFrame(page);
    await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor({ timeout: 20_000 })
      .catch((e) => { throw new Error(`after ${handle}: ${e.message}`); });
  }
  await page.close();
});

test('a trap in the page reader leaves it working for the next page', { timeout: 120_000 }, async () => {
  const trapped = await browser.worker.evaluate(() => globalThis.commonGround.trapReader());
  assert.match(trapped, /RuntimeError|unreachable/);
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor({ timeout: 20_000 });
  await page.close();
});
