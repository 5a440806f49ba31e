// The common ground of one profile with a full store: 30,000 contacts (with 100,000 messages),
// 10,000 notes and 50,000 logged interactions. Part of `./build.sh bench`; prints figures,
// asserts nothing.
//
// The visited page is the sample 2024 profile (Sanne, at Veldwerk Analytics now): about one in
// eight generated contacts works there, so the colleague lookup meets ~3,750 candidates, the
// heavy case. Times come from performance marks in the overlay frame (asked, answered by the
// core, annotated, rendered) and the content script (snapshot sent), on one clock
// (timeOrigin + startTime).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, overlayShown, stopServiceWorker, SITE } from './harness.mjs';

const CONTACTS = 30_000;
const MESSAGES = 100_000;
const NOTES = 10_000;
const INTERACTIONS = 50_000;
const RUNS = 15;

const dir = mkdtempSync(join(tmpdir(), 'cg-bench-annotation-'));
const cg = (...args) => execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'cg', '--', ...args]);
cg('sample-export', '--connections', String(CONTACTS), '--messages', String(MESSAGES), join(dir, 'export.zip'));
cg('import', join(dir, 'export.zip'), '--json-out', join(dir, 'json'));
const json = (name) => readFileSync(join(dir, 'json', name), 'utf8');
const exportText = `{"me":${json('me.json')},"contacts":${json('contacts.json')},`
  + `"conversations":${json('conversations.json')},"invitations":${json('invitations.json')}}`;
const contactIds = JSON.parse(json('contacts.json')).map((c) => c.id);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

const site = await startSite();
const browser = await launchBrowser({ port: site.port });
try {
  // The store, filled through the core (contacts, messages, invitations, me) and, for notes and
  // interactions, written straight into the extension's database from an extension page.
  const seeder = await browser.context.newPage();
  await seeder.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const imported = await seeder.evaluate((text) => chrome.runtime.sendMessage({ import: { export: text } }), exportText);
  if (imported.type !== 'imported') throw new Error(`import failed: ${JSON.stringify(imported)}`);
  await seeder.evaluate(async ({ ids, notes, interactions }) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('common-ground');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    let seed = 42;
    const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const kinds = ['met', 'messaged', 'called', 'introduced', 'shared', 'congratulated', 'asked', 'other'];
    const balances = ['give', 'ask', 'neutral'];
    const now = Date.now();
    const tx = db.transaction(['notes', 'interactions'], 'readwrite');
    for (let i = 0; i < notes; i++) {
      tx.objectStore('notes').add({ person: ids[next(ids.length)], text: `note ${i}`, created: now - next(1000) * 86_400_000 });
    }
    for (let i = 0; i < interactions; i++) {
      tx.objectStore('interactions').add({
        person: ids[next(ids.length)], kind: kinds[next(kinds.length)], balance: balances[next(3)],
        text: `interaction ${i}`, at: now - next(1000) * 86_400_000,
      });
    }
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
  }, { ids: contactIds, notes: NOTES, interactions: INTERACTIONS });
  await seeder.close();

  const page = await browser.context.newPage();
  /** Opens the profile and reads the marks of the overlay's first render. */
  const visit = async () => {
    await page.goto(`${SITE}/in/sanne-de-vries/`);
    const frame = await overlayFrame(page);
    const at = await overlayShown(page, frame, { timeout: 60_000 });
    const mutuals = await frame.locator('#mutuals li').count();
    return {
      core: at.answered - at.asked,
      annotate: at.annotated - at.answered,
      render: at.rendered - at.annotated,
      painted: at.rendered - at.snapshot,
      mutuals,
    };
  };

  // Cold: a service worker that has just started (Wasm compiled, contacts not yet in memory).
  await stopServiceWorker(browser.context, browser.extensionId);
  const cold = await visit();
  const warm = [];
  for (let i = 0; i < RUNS; i++) warm.push(await visit());

  // The overlay's question alone, asked again and again from the frame: the core's part.
  const frame = await overlayFrame(page);
  const asked = await frame.evaluate(async (runs) => {
    const xs = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await chrome.runtime.sendMessage({ overlay: { person: 'linkedin:sanne-de-vries' } });
      xs.push(performance.now() - t);
    }
    return xs;
  }, 31);

  const column = (key) => warm.map((r) => r[key]);
  console.log(`Annotation of one profile with ${CONTACTS.toLocaleString('en')} contacts, ${MESSAGES.toLocaleString('en')} messages, `
    + `${NOTES.toLocaleString('en')} notes and ${INTERACTIONS.toLocaleString('en')} interactions stored `
    + `(${warm[0].mutuals} people both know listed). Median of ${RUNS} page loads (range), ms:`);
  console.log('| step | warm median | warm range | cold (worker just started) |');
  console.log('|---|---:|---:|---:|');
  const row = (label, key) => console.log(`| ${label} | ${median(column(key)).toFixed(1)} | ${range(column(key))} | ${cold[key].toFixed(1)} |`);
  row('core: Overlay request answered (lookups, IndexedDB, message)', 'core');
  row('overlay: annotation worked out (Wasm)', 'annotate');
  row('overlay: drawn', 'render');
  row('snapshot sent to overlay rendered', 'painted');
  const sums = warm.map((r) => r.core + r.annotate);
  console.log(`| annotation query (core + overlay) | ${median(sums).toFixed(1)} | ${range(sums)} | ${(cold.core + cold.annotate).toFixed(1)} |`);
  console.log(`The Overlay request alone, asked 31 times from the frame: median ${median(asked).toFixed(1)} ms (${range(asked)}).`);
} finally {
  await browser.close();
  site.close();
}
