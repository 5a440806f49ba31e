// ./build.sh demo: the built extension on the bundled sample profiles (fictional people), served
// as https://www.linkedin.com from loopback. With a display Chromium opens a real window and
// stays open until you close it; without one it runs headless. Either way it writes
// screenshots of the overlay to demo-screenshots/.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, SITE, ROOT } from './harness.mjs';

const OUT = join(ROOT, 'demo-screenshots');
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

mkdirSync(OUT, { recursive: true });
const site = await startSite();
const browser = await launchBrowser({ port: site.port, headless });
const shots = [];
async function shoot(page, name) {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  shots.push(path);
}

try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());

  // First, the user's own export: a generated one (fictional people, the real 2024 format),
  // through the import page. Sam, its owner, worked at two of Sanne's employers.
  const zip = join(OUT, 'sample-export.zip');
  execFileSync('cargo', ['run', '--quiet', '--bin', 'cg', '--', 'sample-export',
    '--connections', '1500', '--messages', '4000', zip]);
  const importer = await browser.context.newPage();
  await importer.goto(`chrome-extension://${browser.extensionId}/import.html`);
  await importer.getByLabel('LinkedIn export').setInputFiles(zip);
  await importer.getByRole('button', { name: 'Import' }).click();
  await importer.getByRole('status').filter({ hasText: 'Imported 1,500 contacts' }).waitFor();
  await shoot(importer, '1-import');
  await importer.close();

  await page.bringToFront();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  let frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await frame.locator('#summary').filter({ hasText: 'shared employers' }).waitFor();
  await shoot(page, '2-common-ground');

  await frame.getByLabel('Note', { exact: true }).fill(
    'Met at the Open Data meetup in Utrecht. She is looking for examples of open-data dashboards: send her the one from our city project.');
  await frame.getByRole('button', { name: 'Save note' }).click();
  await frame.getByText('Met at the Open Data meetup').waitFor();
  await frame.locator('#notes-title').scrollIntoViewIfNeeded();
  await shoot(page, '3-note-saved');

  // Drafts built on that note and the shared history; an ask typed into one is marked.
  await frame.getByRole('button', { name: 'Draft message' }).click();
  await frame.locator('#drafts li.draft').first().waitFor();
  await frame.locator('#message-section').scrollIntoViewIfNeeded();
  await shoot(page, '4-drafts');
  const draft = frame.getByLabel('Draft', { exact: true }).first();
  await draft.fill(`${await draft.inputValue()}\nHeb je binnenkort tijd voor een kop koffie?`);
  await frame.locator('#drafts .findings li').first().waitFor();
  await frame.locator('#drafts li.draft').first().scrollIntoViewIfNeeded();
  await shoot(page, '5-favour-check');
  await frame.getByRole('button', { name: 'Draft message' }).click();

  await page.goto(`${SITE}/in/jonas-berg/`);
  frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Jonas Berg' }).waitFor();
  await shoot(page, '6-overlay-2026-layout');

  await frame.getByRole('button', { name: 'Collapse' }).click();
  await page.waitForFunction(() => document.documentElement.style.marginRight === '');
  await shoot(page, '7-collapsed');
  await frame.getByRole('button', { name: 'Expand' }).click();

  // The side panel is the same view at full size, following the active tab.
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  await (await overlayFrame(page)).getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  await page.bringToFront();
  await panel.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await shoot(panel, '8-side-panel');
  await panel.close();

  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByRole('textbox', { name: 'Organisation 1', exact: true }).waitFor();
  await shoot(options, '9-options');

  // The same in Dutch: the Language setting (the browser's language unless chosen), then the
  // overlay and the side panel again.
  await Promise.all([options.waitForEvent('load'), options.locator('#language').selectOption('nl')]);
  await options.getByRole('heading', { name: 'Taal', exact: true }).waitFor();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Mensen die jullie allebei kennen' }).waitFor();
  await frame.locator('#summary').filter({ hasText: 'gedeelde werkgevers' }).waitFor();
  await shoot(page, '10-overlay-nl');
  const panelNl = await browser.context.newPage();
  await panelNl.setViewportSize({ width: 420, height: 900 });
  await panelNl.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  await page.bringToFront();
  await panelNl.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await panelNl.locator('#summary').filter({ hasText: 'gedeelde werkgevers' }).waitFor();
  await shoot(panelNl, '11-side-panel-nl');
  await panelNl.close();
  await options.bringToFront();
  await Promise.all([options.waitForEvent('load'), options.locator('#language').selectOption('auto')]);
  await options.close();

  console.log(`Screenshots in ${OUT}:`);
  for (const path of shots) console.log(`  ${path}`);
  if (!headless) {
    console.log('Chromium is open on the sample profiles; close its window to end the demo.');
    await page.goto(`${SITE}/in/sanne-de-vries/`);
    await new Promise((resolve) => browser.context.on('close', resolve));
  }
} finally {
  await browser.close().catch(() => {});
  site.close();
}
