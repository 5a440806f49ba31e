// Backup end to end, on a large generated dataset (30,000 contacts, 10,000 notes, 5,000 logged
// interactions): restored through the options page after a confirmation, then downloaded again,
// it compares equal; a corrupt file is refused with a message saying what and where, and
// changes nothing; the contacts download as CSV and as vCard 4.0; another device's file, with a
// note edited, one deleted and one added, merges in after saying what it would change, a second
// merge of it changes nothing, and merging back the other way ends with the same records.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, noteUid, records } from './harness.mjs';

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
    /^sample-backup\.json is a backup of .* with 30,000 contacts, 10,000 notes, 5,000 logged interactions, 3,000 profiles\.$/);
  await options.getByRole('button', { name: 'Replace everything' }).click();
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

async function choose(name, backup) {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(backup));
  await options.getByLabel('Restore from a backup').setInputFiles(path);
  await options.locator('#restore-question').filter({ hasText: name }).waitFor({ timeout: 120_000 });
  return options.locator('#restore-changes').innerText();
}

test('another device\'s backup merges in: newer edits, deletions and new notes, once', T, async () => {
  const { text } = await download('Download a backup');
  const here = JSON.parse(text);
  const now = Date.now();
  const desktop = structuredClone(here);
  const [edited, deleted] = desktop.notes;
  edited.text = 'edited on the desktop';
  edited.edited = now;
  desktop.notes.splice(1, 1);
  desktop.tombstones.push({ kind: 'note', id: noteUid(deleted), at: now });
  const highest = Math.max(...desktop.notes.map((n) => n.id));
  desktop.notes.push({ id: highest + 1, uid: 'desktop-1', person: edited.person, text: 'written on the desktop', created: now });

  assert.equal(await choose('desktop.json', desktop),
    'A merge would add 1 note; update 1 note; remove 1 note deleted elsewhere.');
  assert.equal(await options.getByRole('button', { name: 'Merge', exact: true }).evaluate((b) => b === document.activeElement), true);
  await options.getByRole('button', { name: 'Merge', exact: true }).click();
  await status('Merged: added 1 note; updated 1 note; removed 1 note deleted elsewhere.');

  const laptop = JSON.parse((await download('Download a backup')).text);
  assert.equal(laptop.notes.length, 10_000);
  assert.equal(laptop.notes.find((n) => noteUid(n) === noteUid(edited)).text, 'edited on the desktop');
  assert.equal(laptop.notes.some((n) => noteUid(n) === noteUid(deleted)), false);
  assert.equal(laptop.notes.filter((n) => n.text === 'written on the desktop').length, 1);
  assert.equal(laptop.contacts.length, 30_000);

  assert.equal(await choose('desktop-again.json', desktop),
    'A merge would change nothing: everything in this file is here already.');
  await options.getByRole('button', { name: 'Cancel' }).click();

  // The desktop takes the laptop's file: both end with the same records.
  await choose('desktop-itself.json', desktop);
  await options.getByRole('button', { name: 'Replace everything' }).click();
  await status('Restored:');
  await choose('laptop.json', laptop);
  await options.getByRole('button', { name: 'Merge', exact: true }).click();
  await status('Merged:');
  const desktopAfter = JSON.parse((await download('Download a backup')).text);
  assert.deepEqual(records(desktopAfter), records(laptop));
});

test('with a passphrase the backup is encrypted, and opens only with that passphrase', T, async () => {
  await options.getByLabel('Passphrase').fill('short');
  await options.getByRole('button', { name: 'Encrypt backups with it' }).click();
  await options.locator('#passphrase-status').filter({ hasText: 'at least 10 characters' }).waitFor();
  await options.getByLabel('Passphrase').fill('correct horse battery');
  await options.getByRole('button', { name: 'Encrypt backups with it' }).click();
  await options.locator('#passphrase-status').filter({ hasText: 'Backups are encrypted' }).waitFor();
  assert.equal(await options.getByLabel('Passphrase').inputValue(), '', 'the page does not keep it');

  const [file] = await Promise.all([options.waitForEvent('download'),
    options.getByRole('button', { name: 'Download a backup' }).click()]);
  await status('Encrypted backup downloaded.');
  const text = readFileSync(await file.path(), 'utf8');
  const sealed = JSON.parse(text);
  assert.equal(sealed.format, 'common-ground-backup-encrypted');
  assert.deepEqual({ ...sealed.kdf, salt: undefined }, { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000, salt: undefined });
  assert.equal(sealed.cipher.name, 'AES-GCM');
  assert.equal(text.includes('"first_name"'), false, 'no record in plain sight');

  // With the passphrase kept here, the file opens by itself.
  assert.equal(await choose('sealed.json', sealed),
    'A merge would change nothing: everything in this file is here already.');
  await options.getByRole('button', { name: 'Cancel' }).click();

  // Without it (a fresh browser), only the right passphrase typed opens it.
  await options.getByRole('button', { name: 'Stop encrypting' }).click();
  await options.locator('#passphrase-status').filter({ hasText: 'not encrypted' }).waitFor();
  const path = join(dir, 'sealed-elsewhere.json');
  writeFileSync(path, text);
  await options.getByLabel('Restore from a backup').setInputFiles(path);
  await status('sealed-elsewhere.json: This backup is encrypted. Type its passphrase under Passphrase');
  await options.getByLabel('Passphrase').fill('not the passphrase');
  await options.getByLabel('Restore from a backup').setInputFiles(path);
  await status('sealed-elsewhere.json: This passphrase does not open the encrypted backup.');
  assert.equal(await options.locator('#restore-confirm').isVisible(), false);
  await options.getByLabel('Passphrase').fill('correct horse battery');
  await options.getByLabel('Restore from a backup').setInputFiles(path);
  await options.locator('#restore-question').filter({ hasText: 'sealed-elsewhere.json is a backup of' }).waitFor({ timeout: 120_000 });
  assert.match(await options.locator('#restore-question').innerText(), /with 30,000 contacts, 10,000 notes/);
  await options.getByRole('button', { name: 'Replace everything' }).click();
  await status('Restored: 30,000 contacts, 10,000 notes');
});
