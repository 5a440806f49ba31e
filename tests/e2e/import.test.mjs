// Importing the LinkedIn export through the import page, with a real file input, into the real
// store; and who the user is, from the export, their own profile page and their corrections.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, SITE } from './harness.mjs';

let site, browser, dir;
const T = { timeout: 120_000 };

/** A generated export (fictional people, the real 2024 format) from `cg sample-export`. */
function sampleExport(connections, messages) {
  const out = join(dir, `export-${connections}.zip`);
  execFileSync('cargo', ['run', '--quiet', '--bin', 'cg', '--', 'sample-export',
    '--connections', String(connections), '--messages', String(messages), out]);
  return out;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-import-'));
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
});

after(async () => {
  await browser?.close();
  site?.close();
});

const extensionPage = async (path) => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  return page;
};

async function importFiles(page, files) {
  await page.getByLabel('LinkedIn export').setInputFiles(files);
  await page.getByRole('button', { name: 'Import' }).click();
}

async function networkStatus() {
  const options = await extensionPage('options.html');
  const status = options.locator('#network-status');
  await status.filter({ hasText: /\w/ }).waitFor();
  const text = await status.innerText();
  await options.close();
  return text;
}

test('an export zip imports through the page, with counts on screen, and again without doubles', T, async () => {
  const zip = sampleExport(2000, 5000);
  const page = await extensionPage('import.html');
  await importFiles(page, zip);
  const status = page.getByRole('status');
  await status.filter({ hasText: 'Imported 2,000 contacts (2,000 new, 0 updated)' }).waitFor();
  assert.match(await status.innerText(), /Message history with [\d,]+ people\./);
  assert.equal(await page.locator('progress').evaluate((p) => p.value), 100);
  const row = page.getByRole('row', { name: /Connections\.csv/ });
  assert.deepEqual(await row.getByRole('cell').allInnerTexts(), ['Connections.csv', 'connections', '2,000', '2,000', '0']);
  assert.match(await networkStatus(), /^2,000 connections imported\./);

  await importFiles(page, zip);
  await status.filter({ hasText: 'Imported 2,000 contacts (0 new, 2,000 updated); you now have 2,000' }).waitFor();
  await page.close();
});

test('a corrupt zip is refused with a clear message and the store keeps what it had', T, async () => {
  const before = await networkStatus();
  const good = readFileSync(sampleExport(50, 10));
  const broken = join(dir, 'Basic_LinkedInDataExport_broken.zip');
  writeFileSync(broken, good.subarray(0, Math.floor(good.length / 2)));
  const page = await extensionPage('import.html');
  await importFiles(page, broken);
  const status = page.getByRole('status');
  await status.filter({ hasText: 'Basic_LinkedInDataExport_broken.zip is not a readable zip archive' }).waitFor();
  assert.match(await status.innerText(), /Nothing was imported\.$/);
  assert.equal(await networkStatus(), before);
  await page.close();
});

test('a zip whose headers claim 4 GB is refused before it is unpacked, and the store keeps what it had', T, async () => {
  const before = await networkStatus();
  // The sample export with every entry's uncompressed size, local and central, set to 4 GB.
  const zip = Buffer.from(readFileSync(sampleExport(50, 10)));
  for (let i = 0; i + 30 <= zip.length; i++) {
    const signature = zip.readUInt32LE(i);
    if (signature === 0x04034b50) zip.writeUInt32LE(0xffffffff, i + 22);
    if (signature === 0x02014b50) zip.writeUInt32LE(0xffffffff, i + 24);
  }
  const liar = join(dir, 'Basic_LinkedInDataExport_liar.zip');
  writeFileSync(liar, zip);
  const page = await extensionPage('import.html');
  await importFiles(page, liar);
  const status = page.getByRole('status');
  await status.filter({ hasText: 'Basic_LinkedInDataExport_liar.zip is larger than an export can be' }).waitFor();
  assert.match(await status.innerText(), /download the export again.*Nothing was imported\.$/s);
  assert.equal(await networkStatus(), before);
  await page.close();
});

test('a zip of thousands of small files imports every one of them', T, async () => {
  // 5,000 CSV files of one connection each, and 3,000 other files: a shape no real export has,
  // read in time linear in its size (the page draws its progress every 50 ms, not per file).
  const zip = join(dir, 'thousands.zip');
  execFileSync('python3', ['-c', `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for i in range(5000):
        z.writestr(f'part/Connections_{i}.csv', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n'
                   f'Many{i},Files{i},https://www.linkedin.com/in/many-files-{i},,Org {i},Dev,01 Jan 2020\\n')
    for i in range(3000):
        z.writestr(f'other/readme_{i}.txt', 'not part of an export')
`, zip]);
  const page = await extensionPage('import.html');
  await importFiles(page, zip);
  await page.getByRole('status').filter({ hasText: 'Imported 5,000 contacts' }).waitFor({ timeout: 100_000 });
  await page.close();
});

test('rows that cannot be read are listed with file, line and why; the rest imports', T, async () => {
  const csv = join(dir, 'Connections.csv');
  writeFileSync(csv, 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n'
    + 'Ada,Example,https://www.linkedin.com/in/ada-example-e2e,,Acme,CTO,04 Jul 2023\n'
    + ',,,,,,01 Jan 2023\n'
    + 'Bob,Example,https://www.linkedin.com/in/bob-example-e2e,,Acme,CFO,31 Feb 2023');
  const page = await extensionPage('import.html');
  await importFiles(page, csv);
  await page.getByRole('status').filter({ hasText: 'Imported 1 contact (' }).waitFor();
  const skipped = await page.locator('#skipped li').allInnerTexts();
  assert.deepEqual(skipped, [
    'Connections.csv, line 3: a connection who hides their details: the export gives only the date',
    'Connections.csv, line 4: `31 Feb 2023` is not a date LinkedIn writes',
  ]);
  await page.close();
});

test('"This is me" on one\'s own profile, then corrections on the options page', T, async () => {
  const profile = await browser.context.newPage();
  await profile.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(profile);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  // It asks first, inside the frame; Escape (or Cancel) leaves who the user is as it was.
  await frame.getByRole('button', { name: 'This is me' }).click();
  const question = frame.getByRole('group', { name: /^Use this profile as yours\?/ });
  await question.waitFor();
  await frame.locator('body').press('Escape');
  await question.waitFor({ state: 'hidden' });
  assert.equal(await frame.getByText('This is you.').isVisible(), false);
  await frame.getByRole('button', { name: 'This is me' }).click();
  await frame.getByRole('button', { name: 'Yes, this is me' }).click();
  await frame.getByText('This is you.').waitFor();

  const options = await extensionPage('options.html');
  const name = options.getByLabel('Name', { exact: true });
  await options.getByRole('textbox', { name: 'Organisation 1', exact: true }).waitFor();
  // The imported export (Sam Example) and the page (Sanne de Vries) are united; the page's name
  // leads, and positions from both are listed.
  assert.equal(await name.inputValue(), 'Sanne de Vries');
  const orgs = await options.locator('#positions tbody tr td:first-child input').evaluateAll((xs) => xs.map((x) => x.value));
  assert.ok(orgs.includes('Veldwerk Analytics') && orgs.includes('Gemeente Utrecht'), orgs.join(', '));

  await options.getByRole('textbox', { name: 'City', exact: true }).fill('Amersfoort');
  await options.getByRole('button', { name: 'Add a school' }).click();
  const last = await options.locator('#schools tbody tr').count();
  await options.getByRole('textbox', { name: `School ${last}`, exact: true }).fill('Hogeschool Utrecht');
  await options.getByRole('button', { name: 'Save corrections' }).click();
  await options.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await options.reload();
  await options.getByRole('textbox', { name: `School ${last}`, exact: true }).waitFor();
  assert.equal(await options.getByRole('textbox', { name: 'City', exact: true }).inputValue(), 'Amersfoort');
  assert.equal(await options.getByRole('textbox', { name: `School ${last}`, exact: true }).inputValue(), 'Hogeschool Utrecht');
  await options.close();
  await profile.close();
});
