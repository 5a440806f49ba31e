// Backup end to end, on a large generated dataset (30,000 contacts, 10,000 notes, 5,000 logged
// interactions): restored through the options page after a confirmation, then downloaded again,
// it compares equal; a corrupt file is refused with a message saying what and where, and
// changes nothing; the contacts download as CSV and as vCard 4.0.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser } from './harness.mjs';

let site, browser, options, dir, samplePath, sample;
const T = { timeout: 240_000 };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-backup-'));
  samplePath = join(dir, 'sample-backup.json');
  execFileSync('cargo', ['run', '--quiet', '--bin', 'cg', '--', 'sample-backup',
    '--contacts', '30000', '--notes', '10000', '--interactions', '5000', samplePath]);
  sample = JSON.parse(readFileSync(samplePath, 'utf8'));
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
  options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
});

after(async () => {
  await browser?.close();
  site?.close();
});

const status = (text) => options.locator('#backup-status').filter({ hasText: text }).waitFor({ timeout: 120_000 });

/** Downloads through `button` and returns the file's text. */
async function download(button) {
  const [file] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: button }).click(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

const withoutDate = (backup) => ({ ...backup, exported: 0 });

test('a large backup restores after a confirmation and downloads again equal', T, async () => {
  await options.getByLabel('Restore from a backup').setInputFiles(samplePath);
  const question = options.locator('#restore-question');
  await question.waitFor();
  assert.match(await question.innerText(),
    /^sample-backup\.json is a backup of .* with 30,000 contacts, 10,000 notes, 5,000 logged interactions, 3,000 profiles\. Restoring replaces everything/);
  await options.getByRole('button', { name: 'Replace everything with the backup' }).click();
  await status('Restored: 30,000 contacts, 10,000 notes, 5,000 logged interactions, 3,000 profiles.');
  assert.equal(await options.locator('#network-status').innerText().catch(() => ''), await options.locator('#network-status').innerText());

  const { name, text } = await download('Download a backup');
  assert.match(name, /^common-ground-\d{4}-\d{2}-\d{2}\.json$/);
  assert.deepEqual(withoutDate(JSON.parse(text)), withoutDate(sample));
});

test('a corrupt backup is refused with what and where, and changes nothing', T, async () => {
  const broken = join(dir, 'broken.json');
  const text = readFileSync(samplePath, 'utf8');
  writeFileSync(broken, text.slice(0, 5000));
  await options.getByLabel('Restore from a backup').setInputFiles(broken);
  await status('broken.json: This file is not JSON (line');
  assert.match(await options.locator('#backup-status').innerText(), /Nothing was changed\.$/);
  assert.equal(await options.locator('#restore-confirm').isVisible(), false);

  const damaged = join(dir, 'damaged.json');
  writeFileSync(damaged, text.replace('"person": "linkedin:sample-00007"', '"persoon": "linkedin:sample-00007"'));
  await options.getByLabel('Restore from a backup').setInputFiles(damaged);
  await status('damaged.json: The backup is damaged at line');
  assert.match(await options.locator('#backup-status').innerText(), /missing field `person`\. Nothing was changed\.$/);

  const { text: after } = await download('Download a backup');
  assert.deepEqual(withoutDate(JSON.parse(after)), withoutDate(sample));
});

test('the contacts download as CSV and as vCard 4.0', T, async () => {
  const csv = await download('Download as CSV');
  assert.equal(csv.name, 'common-ground-contacts.csv');
  const lines = csv.text.trimEnd().split('\n');
  assert.equal(lines[0], 'First Name,Last Name,URL,Email Address,Company,Position,Connected On,Tags');
  assert.equal(lines.length, 30_001);
  assert.equal(lines[1], 'Sam0,"Sample, Jr.",https://www.linkedin.com/in/sample-00000,sam0@example.org,Company 0,Engineer; data,2010-01-10,"key, group-0"');

  const vcard = await download('Download as vCard');
  assert.equal(vcard.name, 'common-ground-contacts.vcf');
  assert.equal(vcard.text.match(/^BEGIN:VCARD\r$/gm).length, 30_000);
  assert.ok(vcard.text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sam0 Sample\\, Jr.\r\nN:Sample\\, Jr.;Sam0;;;\r\n'));
});
