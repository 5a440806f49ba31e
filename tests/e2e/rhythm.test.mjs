// Keeping in touch, end to end in Chromium, on a small network written here with dates counted
// back from today: a key person silent past six weeks is overdue and one silent five weeks is
// coming due, apart; a rule typed in the settings ("#mentor: every 4 to 6 weeks") brings in
// everyone with a note tagged #mentor; the badge is red with who is overdue and its title says
// both; the dormant tie at an organisation new to the network comes before the familiar one,
// says why, gives a reconnect draft that Copy puts on the clipboard and "I sent it" logs (the
// tie is in touch again), and "Not now" sets the other aside across a reload; "I sent it" under
// a draft in the overlay starts a rhythm again; the contact named as a mutual connection on profiles at two
// organisations is listed as connecting the user to two groups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, overlayShown, SITE } from './harness.mjs';

let site, browser, panel;
const T = { timeout: 120_000 };
const DAY = 86_400_000;

/** The local day `n` days ago, as `YYYY-MM-DD`. */
function daysAgo(n) {
  const d = new Date(Date.now() - n * DAY);
  const pad = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function contact(handle, first, last, company, position) {
  const id = `linkedin:${handle}`;
  return {
    id,
    imported: { id, first_name: first, last_name: last, url: `https://www.linkedin.com/in/${handle}`, email: null, company, position, connected_on: '2015-03-01' },
    user: { tags: [], rhythm_days: null },
    first_imported: Date.now() - 10 * DAY,
    last_imported: Date.now() - 10 * DAY,
  };
}

function talked(handle, messages, last) {
  return { person: `linkedin:${handle}`, name: handle, messages, sent: messages / 2, received: messages / 2, first: '2015-03-01', last };
}

function visited(handle, name, org, mutuals) {
  return {
    person: `linkedin:${handle}`,
    profile: {
      site: 'linkedin', url: `https://www.linkedin.com/in/${handle}/`, handle, name, headline: null, location: null,
      positions: [{ org, title: 'Curator', start: '2020-01', end: null, current: true, location: null }],
      education: [], mutuals: { names: mutuals, count: mutuals.length },
    },
    first_seen: Date.now() - 20 * DAY, last_seen: Date.now() - 20 * DAY, previous: null, previous_seen: null,
  };
}

const network = {
  format: 'common-ground-backup',
  version: 2,
  exported: Date.now(),
  me: { imported: null, page: null, manual: null },
  profiles: [
    visited('vera-visited', 'Vera Visited', 'Rijksmuseum', ['Ann Active']),
    visited('walt-visited', 'Walt Visited', 'Adyen', ['Ann Active']),
  ],
  notes: [
    { id: 1, person: 'linkedin:tess-tagged', text: 'Reviews my conference talks', created: Date.now() - 200 * DAY, tags: ['mentor'] },
  ],
  interactions: [],
  contacts: [
    contact('olga-overdue', 'Olga', 'Overdue', 'Bol', 'Software Engineer'),
    contact('cora-coming', 'Cora', 'Coming', 'Bol', 'Software Engineer'),
    contact('tess-tagged', 'Tess', 'Tagged', 'Bol', 'Engineering Manager'),
    contact('ann-active', 'Ann', 'Active', 'Bol', 'Backend Developer'),
    contact('fay-familiar', 'Fay', 'Familiar', 'Bol', 'Software Engineer'),
    contact('rob-revive', 'Rob', 'Revive', 'Mollie', 'Account Executive'),
  ],
  conversations: [
    talked('olga-overdue', 6, daysAgo(60)),
    talked('cora-coming', 6, daysAgo(32)),
    talked('tess-tagged', 4, daysAgo(35)),
    talked('ann-active', 10, daysAgo(10)),
    talked('fay-familiar', 80, daysAgo(800)),
    talked('rob-revive', 12, daysAgo(1100)),
  ],
  invitations: [],
  settings: [],
  marks: [
    { person: 'linkedin:olga-overdue', name: 'Olga Overdue', key: true, rhythm_days: null, goals: [] },
    { person: 'linkedin:cora-coming', name: 'Cora Coming', key: true, rhythm_days: null, goals: [] },
  ],
};

before(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'cg-rhythm-')), 'network.json');
  writeFileSync(file, JSON.stringify(network));
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
  const origin = `chrome-extension://${browser.extensionId}`;
  // The clipboard is read back from a page of the site (an extension page's origin is opaque
  // to the grant).
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: SITE });
  const options = await browser.context.newPage();
  await options.goto(`${origin}/options.html`);
  await options.getByLabel('Restore from a backup').setInputFiles(file);
  await options.getByRole('button', { name: 'Replace everything' }).click();
  await options.locator('#backup-status').filter({ hasText: 'Restored:' }).waitFor();
  await options.close();
});

after(async () => {
  await browser?.close();
  site?.close();
});

test('a rule per tag is typed in the settings; a line it cannot read is named and nothing is stored', T, async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const rules = options.getByLabel('One rule per line, for everyone with a note carrying the tag');
  await rules.fill('mentor every month');
  await options.getByRole('button', { name: 'Save rules' }).click();
  await options.locator('#rhythm-status').filter({ hasText: 'Line 1: a rule starts with a tag, such as #mentor.' }).waitFor();
  await rules.fill('\n#Mentor every 4-6 weeks\n');
  await options.getByRole('button', { name: 'Save rules' }).click();
  await options.locator('#rhythm-status').filter({ hasText: '1 rule saved.' }).waitFor();
  // Written back as the settings read it.
  assert.equal(await rules.inputValue(), '#mentor: every 4 to 6 weeks');
  await options.reload();
  await options.waitForFunction(() => document.getElementById('rhythm-rules').value !== '');
  assert.equal(await rules.inputValue(), '#mentor: every 4 to 6 weeks');
  await options.close();
});

test('the side panel shows who is overdue apart from who is coming due, and the badge says both', T, async () => {
  panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  await panel.locator('#overdue li').first().waitFor();
  assert.deepEqual(await panel.locator('#overdue li').allInnerTexts(), ['Olga Overdue · 18 days overdue']);
  // Tess is kept by the #mentor rule: 35 days since, at the latest in 7; Cora, 32 days, in 10.
  assert.deepEqual(await panel.locator('#due li').allInnerTexts(), [
    'Tess Tagged · last contact 5 weeks ago · at the latest in 7 days · #mentor',
    'Cora Coming · last contact 4 weeks ago · at the latest in 10 days',
  ]);
  const badge = await browser.worker.evaluate(async () => {
    const counts = await globalThis.commonGround.refreshBadge();
    return { counts, text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}), colour: await chrome.action.getBadgeBackgroundColor({}) };
  });
  assert.deepEqual(badge.counts, { overdue: 1, comingDue: 2 });
  assert.equal(badge.text, '1');
  assert.equal(badge.title, 'Common Ground · 1 overdue · 2 coming due');
  assert.deepEqual(badge.colour, [179, 38, 30, 255]);
});

test('worth reviving: the novel tie first, with why, a reconnect draft, and not now', T, async () => {
  const rows = panel.locator('#dormant li');
  await rows.first().waitFor();
  const texts = await rows.allInnerTexts();
  assert.equal(texts.length, 2, texts.join(' | '));
  assert.match(texts[0], /^Rob Revive · last in touch in \d{4} · now at Mollie, new to your network · in sales, a field new to your network · wrote both ways/);
  // Fay's organisation is where the user's active ties are: named, not new.
  assert.match(texts[1], /^Fay Familiar · was close in \d{4} · now at Bol · wrote both ways/);
  assert.doesNotMatch(texts[1], /new to your network/);

  await rows.first().getByRole('button', { name: 'Draft a message' }).click();
  const draft = rows.first().locator('textarea.revive-text');
  await draft.waitFor();
  const text = await draft.inputValue();
  assert.match(text, /^Hi Rob,\n/);
  assert.match(text, /Mollie/);
  assert.ok(!text.includes('?') || /How are you|how are things/i.test(text), text);
  await rows.first().getByRole('button', { name: 'Copy' }).click();
  await panel.locator('#revive-status').filter({ hasText: 'Copied. Paste it into a message to Rob Revive.' }).waitFor();
  const reader = await browser.context.newPage();
  await reader.goto(`${SITE}/feed/`);
  assert.equal(await reader.evaluate(() => navigator.clipboard.readText()), text);
  await reader.close();
  await panel.bringToFront();

  // Sent: logged as a message the user gave, Rob is in touch again and leaves the list.
  await rows.first().getByRole('button', { name: 'I sent it' }).click();
  await panel.locator('#revive-status').filter({ hasText: 'Logged as a message you sent' }).waitFor();
  await panel.waitForFunction(() => [...document.querySelectorAll('#dormant li .who')].map((e) => e.textContent).join() === 'Fay Familiar');

  await rows.first().getByRole('button', { name: 'Not now' }).click();
  await panel.locator('#revive-status').filter({ hasText: /^Fay Familiar is set aside until / }).waitFor();
  assert.equal(await rows.count(), 0);
  await panel.reload();
  await panel.locator('#active').filter({ hasText: 'Active relationships' }).waitFor();
  assert.equal(await panel.locator('#dormant li').count(), 0);
});

test('"I sent it" under a draft in the overlay starts the rhythm again', T, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/sanne-de-vries/`);
  const frame = await overlayFrame(page);
  await overlayShown(page, frame);
  await frame.getByLabel('Key person').check();
  await frame.locator('#relationship').filter({ hasText: /Keep in touch every 4 to 6 weeks: (due|\d+ days? overdue)/ }).waitFor();
  await frame.getByRole('button', { name: 'Draft message' }).click();
  await frame.locator('#drafts li.draft').first().waitFor();
  await frame.locator('#drafts li.draft').first().getByRole('button', { name: 'I sent it' }).click();
  await frame.locator('#relationship').filter({ hasText: 'Keep in touch every 4 to 6 weeks: next in 28 days' }).waitFor();
  await page.close();
});

test('who connects the user to other groups, from the mutual connections on the profiles opened', T, async () => {
  await panel.locator('#brokers-section summary').click();
  const broker = panel.locator('#brokers li');
  await broker.first().waitFor();
  assert.deepEqual(await broker.allInnerTexts(), ['Ann Active · connects you to 2 groups: Adyen, Rijksmuseum']);
});
