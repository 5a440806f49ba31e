// Give-first drafts end to end: after an import of a generated export (Sam, who worked at two of
// Sanne's employers) and a note saying where Sam met her, "Draft message" on Sanne's profile
// shows three drafts in Dutch (she lives in Utrecht) built on that meeting and that history,
// each within LinkedIn's limit; English is a click away; editing a draft into an ask marks the
// ask; Copy puts the draft on the clipboard; "Put in invite note" fills the note box of a fixture
// invite dialog (in LinkedIn's shadow root, and in the page) and never presses Send; the
// settings for Premium and "u" change the drafts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, overlayShown, SITE, PAGES } from './harness.mjs';

let site, browser, page, frame;
const T = { timeout: 180_000 };
const DIALOG = readFileSync(join(PAGES, 'assets', 'invite-dialog.html'), 'utf8');

before(async () => {
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: SITE });

  const zip = join(mkdtempSync(join(tmpdir(), 'cg-drafts-')), 'export.zip');
  execFileSync('cargo', ['run', '--quiet', '--bin', 'cg', '--', 'sample-export',
    '--connections', '40', '--messages', '20', zip]);
  const importer = await browser.context.newPage();
  await importer.goto(`chrome-extension://${browser.extensionId}/import.html`);
  await importer.getByLabel('LinkedIn export').setInputFiles(zip);
  await importer.getByRole('button', { name: 'Import' }).click();
  await importer.getByRole('status').filter({ hasText: 'Imported 40 contacts' }).waitFor();
  await importer.close();

  page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  frame = await overlayFrame(page);
  await overlayShown(page, frame);
  await frame.getByLabel('Note', { exact: true }).fill('Met at the Open Data meetup in Utrecht, she maps footpaths');
  await frame.getByLabel('Note', { exact: true }).press('Enter');
  await frame.getByRole('status').filter({ hasText: 'Note saved.' }).waitFor();
});

after(async () => {
  await browser?.close();
  site?.close();
});

/** The drafts on show: each box's text and its count line. */
async function drafts() {
  await frame.locator('#drafts li.draft').first().waitFor();
  return frame.locator('#drafts li.draft').evaluateAll((items) => items.map((li) => ({
    text: li.querySelector('textarea').value,
    count: li.querySelector('.count').textContent,
    uses: [...li.querySelectorAll('.uses li')].map((u) => u.textContent),
  })));
}

/** Inserts the fixture invite dialog: in LinkedIn's shadow root, or straight into the page. */
async function openInviteDialog({ shadow }) {
  await page.evaluate(({ html, shadow }) => {
    document.getElementById('interop-outlet')?.remove();
    document.getElementById('light-dialog')?.remove();
    const host = document.createElement('div');
    if (shadow) {
      host.id = 'interop-outlet';
      host.attachShadow({ mode: 'open' }).innerHTML = html;
    } else {
      host.id = 'light-dialog';
      host.innerHTML = html;
    }
    document.body.append(host);
    const root = shadow ? host.shadowRoot : host;
    // What the page itself sees: input events on the box, and any press of Send.
    window.seen = { inputs: 0, sent: 0 };
    root.querySelector('#custom-message').addEventListener('input', () => window.seen.inputs++);
    root.querySelector('[aria-label="Send invitation"]').addEventListener('click', () => window.seen.sent++);
  }, { html: DIALOG, shadow });
}

const noteBoxValue = () => page.evaluate(() => {
  const root = document.getElementById('interop-outlet')?.shadowRoot ?? document.getElementById('light-dialog');
  return root.querySelector('#custom-message').value;
});

const status = () => frame.locator('#status');

test('Draft message shows three drafts in Dutch built on the note and the shared history, within 200 characters', T, async () => {
  await frame.getByRole('button', { name: 'Draft message' }).click();
  const list = await drafts();
  assert.ok(list.length >= 3, `${list.length} drafts`);
  assert.equal(await frame.getByRole('button', { name: 'Nederlands' }).getAttribute('aria-pressed'), 'true');
  assert.match(list[0].text, /^Hoi Sanne,\nLeuk je te hebben ontmoet op de Open Data meetup in Utrecht\. We hebben .* tegelijk bij Veldwerk Analytics gewerkt\./);
  const now = new Date();
  const month = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[now.getUTCMonth()];
  const today = `${now.getUTCDate()} ${month} ${now.getUTCFullYear()}`;
  assert.ok(list[0].uses.includes(`Open Data meetup in Utrecht — your note of ${today}`), list[0].uses.join(' | '));
  assert.ok(list.some((d) => d.text.includes('Universiteit Utrecht')), `the shared school is used: ${JSON.stringify(list.map((d) => d.text))}`);
  for (const d of list) {
    assert.ok(d.text.length <= 200, `${d.text.length}: ${d.text}`);
    assert.equal(d.count, `${d.text.length} / 200 characters`);
  }
  assert.equal(await frame.locator('#drafts mark').count(), 0, 'no draft asks for anything');
  assert.match(await frame.locator('#draft-limit').innerText(), /Up to 200 characters \(free account\) · Dutch: informal \(je\)/);

  await frame.getByRole('button', { name: 'English' }).click();
  const english = await drafts();
  assert.match(english[0].text, /^Hi Sanne,\nIt was good to meet you at the Open Data meetup in Utrecht\./);
  assert.equal(await frame.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
});

test('editing a draft into an ask marks the ask with a give-first rewrite, and taking the rewrite clears it', T, async () => {
  const box = frame.getByLabel('Draft', { exact: true }).first();
  const original = await box.inputValue();
  const ask = 'Do you have 15 minutes for a quick call?';
  await box.fill(`${ask}\n${original}`);
  const item = frame.locator('#drafts li.draft').first();
  const findings = item.locator('.findings li');
  await findings.first().waitFor();
  const said = await findings.allInnerTexts();
  assert.ok(said.some((f) => f.startsWith(`“${ask}”: asks for a call or a meeting`)), said.join(' | '));
  assert.deepEqual(await item.locator('mark').allInnerTexts(), [ask]);
  // The drafts are in English since the test before: so is the rewrite.
  const rewrite = await item.locator('.findings .rewrite').first().innerText();
  assert.match(rewrite, /^Offer something of yours .*: “Happy to send you my notes/, rewrite);
  const count = await item.locator('.count').innerText();
  assert.equal(count, `${(await box.inputValue()).length} / 200 characters`);

  await item.getByRole('button', { name: `Use this instead of “${ask}”` }).click();
  await findings.first().waitFor({ state: 'detached' });
  const taken = await box.inputValue();
  assert.ok(taken.endsWith(`\n${original}`) && !taken.includes('15 minutes') && taken.startsWith('Happy to send you'), taken);
  assert.equal(await item.locator('mark').count(), 0);
  assert.equal(await item.locator('.count').innerText(), `${taken.length} / 200 characters`);

  await box.fill(`${original}\nCould you introduce me to Lotte?`);
  await findings.first().waitFor();
  await box.fill(original);
  await findings.first().waitFor({ state: 'detached' });
  assert.equal(await item.locator('mark').count(), 0);
});

test('Copy puts the draft on the clipboard', T, async () => {
  const text = await frame.getByLabel('Draft', { exact: true }).nth(1).inputValue();
  await frame.locator('#drafts li.draft').nth(1).getByRole('button', { name: 'Copy' }).click();
  await status().filter({ hasText: 'Copied.' }).waitFor();
  await page.bringToFront();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
});

test('Put in invite note fills the open invite dialog and never presses Send', T, async () => {
  const put = (i) => frame.locator('#drafts li.draft').nth(i).getByRole('button', { name: 'Put in invite note' }).click();

  // No dialog open: the user is told how to open it, and nothing on the page changes.
  await put(0);
  await status().filter({ hasText: "Open LinkedIn's invitation first" }).waitFor();

  for (const shadow of [true, false]) {
    await openInviteDialog({ shadow });
    const text = await frame.getByLabel('Draft', { exact: true }).nth(2).inputValue();
    await put(2);
    await status().filter({ hasText: 'Put in the invite note.' }).waitFor();
    assert.equal(await noteBoxValue(), text, shadow ? 'in the shadow root' : 'in the page');
    assert.deepEqual(await page.evaluate(() => window.seen), { inputs: 1, sent: 0 });
    await status().evaluate((s) => { s.textContent = ''; });
  }

  // A draft longer than the box allows is not cut: the user is told.
  const box = frame.getByLabel('Draft', { exact: true }).first();
  await box.fill(`${await box.inputValue()} ${'Tot snel. '.repeat(8)}`.slice(0, 230));
  await put(0);
  await status().filter({ hasText: "LinkedIn's note box takes 200 characters and this draft has 230" }).waitFor();
  assert.notEqual((await noteBoxValue()).length, 230);
  assert.equal(await page.evaluate(() => window.seen.sent), 0);
});

test('the invite notes are counted per month; when they are used, a draft is kept for after they accept', T, async () => {
  // The test before put two drafts in the invitation note.
  await frame.locator('#draft-budget').filter({ hasText: '2 of 5 invitation notes used this month' }).waitFor();

  // Two notes a month, set in Settings: this month's are used.
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const field = options.getByLabel('Invitation notes a month on a free account');
  await options.waitForFunction(() => document.getElementById('invite-budget').value === '5');
  await field.fill('2');
  await field.press('Tab');
  await options.locator('#messages-status').filter({ hasText: 'Saved.' }).waitFor();
  await field.fill('500');
  await field.press('Tab');
  await options.locator('#messages-status').filter({ hasText: 'at most 100' }).waitFor();
  await options.reload();
  await options.waitForFunction(() => document.getElementById('invite-budget').value === '2');
  await options.close();

  await page.bringToFront();
  await frame.getByRole('button', { name: 'Draft message' }).click();
  await frame.getByRole('button', { name: 'Draft message' }).click();
  await frame.locator('#draft-budget').filter({ hasText: 'All 2 invitation notes of this month are used' }).waitFor();
  const item = frame.locator('#drafts li.draft').first();
  const text = await item.getByLabel('Draft', { exact: true }).inputValue();
  await item.getByRole('button', { name: 'Keep for after they accept' }).click();
  await status().filter({ hasText: 'Kept with your notes about Sanne de Vries' }).waitFor();
  await frame.locator('#notes li p').filter({ hasText: text.split('\n')[1] }).first().waitFor();
  assert.ok((await frame.locator('#notes .tag').allInnerTexts()).includes('#first-message'));
  // Nothing went into the page's note box.
  assert.equal(await page.evaluate(() => window.seen.inputs), 1);
});

test('Escape closes the drafts and gives the focus back to their button', T, async () => {
  const open = frame.getByRole('button', { name: 'Draft message' });
  if ((await open.getAttribute('aria-expanded')) !== 'true') await open.click();
  await frame.locator('#drafting').waitFor();
  await frame.locator('#draft-purpose').press('Escape');
  await frame.locator('#drafting').waitFor({ state: 'hidden' });
  assert.equal(await open.getAttribute('aria-expanded'), 'false');
  assert.equal(await frame.evaluate(() => document.activeElement.id), 'draft-open');
  await open.click();
  await frame.locator('#drafts li.draft').first().waitFor();
});

test('the purposes: congratulate needs a new role, share takes a link', T, async () => {
  const purpose = frame.getByLabel('What for');
  await purpose.selectOption('congratulate');
  await frame.locator('#draft-error').filter({ hasText: 'No new role noticed' }).waitFor();
  assert.equal(await frame.locator('#drafts li.draft').count(), 0);

  await purpose.selectOption('share');
  await frame.locator('#draft-error').filter({ hasText: 'Say what to share' }).waitFor();
  await frame.getByLabel('Link or topic to share').fill('https://example.org/footpaths-open-data');
  await frame.getByLabel('Link or topic to share').press('Enter');
  const list = await drafts();
  assert.ok(list.length >= 2);
  for (const d of list) assert.ok(d.text.includes('https://example.org/footpaths-open-data\n'), d.text);
  await purpose.selectOption('connect');
});

test('Premium and the formal "u", set in Settings, change the drafts', T, async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByLabel('I have LinkedIn Premium').check();
  await options.locator('#messages-status').filter({ hasText: 'Saved.' }).waitFor();
  await options.getByLabel('Write Dutch drafts formally').check();
  await options.locator('#messages-status').filter({ hasText: 'Saved.' }).waitFor();
  await options.reload();
  // Kept: the page, loaded again, shows it as stored.
  await options.waitForFunction(() => document.getElementById('premium').checked, null, { timeout: 10_000 });
  await options.close();

  await page.bringToFront();
  // Closed and opened again, the drafts read the settings again.
  await frame.getByRole('button', { name: 'Draft message' }).click();
  await frame.getByRole('button', { name: 'Draft message' }).click();
  await frame.getByRole('button', { name: 'Nederlands' }).click();
  const list = await drafts();
  assert.match(list[0].text, /^Beste Sanne de Vries,\nPrettig u te hebben ontmoet/);
  for (const d of list) assert.equal(d.count, `${d.text.length} / 300 characters`);
  assert.match(await frame.locator('#draft-limit').innerText(), /Up to 300 characters \(Premium\) · Dutch: formal \(u\)/);
});
