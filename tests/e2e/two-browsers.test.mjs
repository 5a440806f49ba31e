// Two browsers kept in step through the user's own files: two Chromium profiles (a laptop and a
// desktop) each write, edit and delete notes and log interactions about the same person, pass
// their backup files both ways with `Merge from another browser`, and end with the same records;
// a deletion made on one stays deleted on the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, overlayShown, records, SITE } from './harness.mjs';

let site, laptop, desktop, dir;
const T = { timeout: 180_000 };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-two-'));
  site = await startSite();
  laptop = await launchBrowser({ port: site.port });
  desktop = await launchBrowser({ port: site.port });
});

after(async () => {
  await laptop?.close();
  await desktop?.close();
  site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function overlay(browser, handle) {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/${handle}/`);
  const frame = await overlayFrame(page);
  await overlayShown(page, frame);
  return { page, frame };
}

async function addNote(frame, text) {
  await frame.getByRole('button', { name: 'Add note' }).click();
  await frame.getByLabel('Note', { exact: true }).fill(text);
  await frame.getByLabel('Note', { exact: true }).press('Enter');
  await frame.locator('#status').filter({ hasText: 'Note saved.' }).waitFor();
}

const notes = (frame) => frame.locator('#notes li p:first-child').allInnerTexts();

async function settings(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.locator('#passphrase-status').filter({ hasText: /\S/ }).waitFor();
  return page;
}

/** This browser's backup, saved as `name`, and its content. */
async function backupOf(browser, name) {
  const page = await settings(browser);
  const [file] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download a backup' }).click()]);
  const path = join(dir, name);
  await file.saveAs(path);
  await page.close();
  return { path, backup: JSON.parse(readFileSync(path, 'utf8')) };
}

async function mergeInto(browser, path) {
  const page = await settings(browser);
  await page.getByLabel('Merge from another browser').setInputFiles(path);
  const status = page.locator('#backup-status');
  await status.filter({ hasText: /Merged|could not|damaged|not/ }).waitFor({ timeout: 60_000 });
  const said = await status.innerText();
  await page.close();
  return said;
}

/** The records both must hold (see `records`); each browser's own profiles and settings aside. */
function kept(backup) {
  const { notes, interactions, marks, tombstones } = records(backup);
  return { notes, interactions, marks, tombstones };
}

const item = (frame, text) => frame.locator('#notes li').filter({ hasText: text });

test('a laptop and a desktop exchange their files both ways and end with the same records', T, async () => {
  const onLaptop = await overlay(laptop, 'lotte-jansen');
  await addNote(onLaptop.frame, 'Written on the laptop');
  await addNote(onLaptop.frame, 'Also from the laptop, deleted later on the desktop');
  const onDesktop = await overlay(desktop, 'lotte-jansen');
  await addNote(onDesktop.frame, 'Written on the desktop');

  const fromLaptop = await backupOf(laptop, 'laptop.json');
  assert.match(await mergeInto(desktop, fromLaptop.path), /^laptop\.json: Merged: added 2 notes/);
  await onDesktop.page.reload();
  await overlayShown(onDesktop.page, onDesktop.frame = await overlayFrame(onDesktop.page));
  assert.deepEqual((await notes(onDesktop.frame)).sort(), [
    'Also from the laptop, deleted later on the desktop', 'Written on the desktop', 'Written on the laptop']);

  // Each goes on alone: the desktop edits one of the laptop's notes and deletes the other; the
  // laptop writes one more.
  const desk = onDesktop.frame;
  await item(desk, 'Written on the laptop').getByRole('button', { name: 'Edit' }).click();
  await desk.getByLabel('Edit note').fill('Written on the laptop, edited on the desktop');
  await desk.getByLabel('Edit note').press('Enter');
  await desk.locator('#status').filter({ hasText: 'Note changed.' }).waitFor();
  await item(desk, 'deleted later on the desktop').getByRole('button', { name: 'Delete' }).click();
  await desk.locator('#status').filter({ hasText: 'Note deleted.' }).waitFor();
  await addNote(onLaptop.frame, 'Later on the laptop');

  const fromDesktop = await backupOf(desktop, 'desktop.json');
  assert.match(await mergeInto(laptop, fromDesktop.path),
    /^desktop\.json: Merged: added 1 note; updated 1 note and 1 profile; removed 1 note deleted elsewhere\.$/);
  await onLaptop.page.reload();
  await overlayShown(onLaptop.page, onLaptop.frame = await overlayFrame(onLaptop.page));
  assert.deepEqual((await notes(onLaptop.frame)).sort(), [
    'Later on the laptop', 'Written on the desktop', 'Written on the laptop, edited on the desktop']);

  const laptopNow = await backupOf(laptop, 'laptop-2.json');
  assert.match(await mergeInto(desktop, laptopNow.path), /^laptop-2\.json: Merged: added 1 note/);
  // Once more either way: nothing left to change.
  assert.equal(await mergeInto(desktop, laptopNow.path), 'laptop-2.json: Merged: everything in the file was here already.');
  const desktopNow = await backupOf(desktop, 'desktop-2.json');
  assert.deepEqual(kept(desktopNow.backup), kept(laptopNow.backup));
  assert.equal(desktopNow.backup.notes.length, 3);
  await onLaptop.page.close();
  await onDesktop.page.close();
});
