// The interface in the browser's language: Chromium started in Dutch (`--lang=nl`) shows every
// screen (import, overlay expanded and collapsed with a note, the log and the drafts, the side
// panel, the settings, a backup about to be restored) with no phrase of the English book and no
// date or number written the English way; started in English, the same screens show no Dutch.
// Then the Language setting overrides the browser's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, writeExport, ROOT, SITE } from './harness.mjs';

const T = { timeout: 180_000 };
let site;

before(async () => {
  site = await startSite();
});

after(() => site?.close());

/** A phrase book as key → text (`src/phrases/<code>.txt`). */
function book(code) {
  const text = readFileSync(join(ROOT, 'src', 'phrases', `${code}.txt`), 'utf8');
  return new Map(text.split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => [l.slice(0, l.indexOf(' = ')), l.slice(l.indexOf(' = ') + 3)]));
}

/**
 * The pieces of the other language's phrases that would give it away on a screen in `own`:
 * the text between the `{names}` of each phrase the two books word differently, at least eight
 * characters with a space in them, and in no phrase of the own book.
 */
function giveaways(own, other) {
  const mine = [...own.values()];
  const pieces = new Set();
  for (const [key, text] of other) {
    if (own.get(key) === text) continue;
    for (const piece of text.split(/\{[a-z_]+\}/)) {
      const p = piece.trim().replace(/^[·:,.;()]+|[·:,.;()]+$/g, '').trim();
      if (p.length >= 8 && p.includes(' ') && !mine.some((m) => m.includes(p))) pieces.add(p);
    }
  }
  return [...pieces];
}

/** Dates and numbers written as the other language writes them. */
const FOREIGN_STYLE = {
  nl: [
    /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/, // "Mar 2019"
    /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/, // "12 Feb"
    /\b\d{1,3}(,\d{3})+\b/, // "3,000"
  ],
  en: [
    /\b(jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\.? \d{4}\b/, // "mrt. 2019"
    /\b\d{1,3}(\.\d{3})+\b/, // "3.000"
  ],
};
/** Styles no screen uses in either language. */
const NO_STYLE = [/\b\d{4}-\d{2}-\d{2}\b/, /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/, /\b\d{1,2}-\d{1,2}-\d{4}\b/];

/**
 * What a screen shows: the text of every visible element, as written (not as a stylesheet
 * capitalises it), and the names, placeholders and titles it gives.
 */
async function shown(target) {
  return target.evaluate(() => {
    const visible = (e) => e.checkVisibility({ visibilityProperty: true });
    const lines = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (text && visible(node.parentElement)) lines.push(text);
    }
    for (const e of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!visible(e)) continue;
      for (const a of ['aria-label', 'placeholder', 'title']) if (e.getAttribute(a)) lines.push(e.getAttribute(a));
    }
    // What a stylesheet writes before or after an element.
    for (const e of document.body.querySelectorAll('*')) {
      if (!visible(e)) continue;
      for (const pseudo of ['::before', '::after']) {
        const content = getComputedStyle(e, pseudo).content;
        if (content.startsWith('"')) lines.push(JSON.parse(content));
      }
    }
    return [document.title, ...lines].join('\n');
  });
}

/** The screen `name` speaks only `lang`: nothing of the other book, no date of another style. */
function speaksOnly(lang, name, text) {
  const [own, other] = lang === 'nl' ? [book('nl'), book('en')] : [book('en'), book('nl')];
  const found = giveaways(own, other).filter((p) => text.includes(p));
  assert.deepEqual(found, [], `${name} in ${lang} shows ${found.map((f) => JSON.stringify(f)).join(', ')}:\n${text}`);
  for (const style of [...FOREIGN_STYLE[lang], ...NO_STYLE]) {
    assert.doesNotMatch(text, style, `${name} in ${lang}`);
  }
}

/** Goes through every screen in a browser started in `lang`; returns what each showed. */
async function everyScreen(lang) {
  const dir = mkdtempSync(join(tmpdir(), `cg-${lang}-`));
  const browser = await launchBrowser({ port: site.port, lang });
  const screens = {};
  const extensionPage = async (file) => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
    return page;
  };
  try {
    const importer = await extensionPage('import.html');
    // The page is wired once it is in its language (it asks the core for the setting first).
    await importer.locator('#import').filter({ hasText: /\w/ }).waitFor();
    await importer.locator('#files').setInputFiles(writeExport(dir));
    await importer.locator('#import').click();
    await importer.locator('#report').waitFor();
    screens.import = await shown(importer);
    screens.importLang = await importer.evaluate(() => document.documentElement.lang);
    await importer.close();

    const page = await browser.context.newPage();
    await page.goto(`${SITE}/in/sanne-de-vries/`);
    const frame = await overlayFrame(page);
    await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
    await frame.locator('#summary').filter({ hasText: /\d/ }).waitFor();
    // What the user writes is in their own language.
    await frame.locator('#note').fill(lang === 'nl' ? 'Ontmoet op de Open Data-meetup in Utrecht.' : 'Met at the Open Data meetup in Utrecht.');
    await frame.locator('#save').click();
    await frame.locator('#notes li time').first().waitFor();
    await frame.locator('#log summary').click();
    await frame.locator('#log-kind').selectOption('introduced');
    await frame.locator('#log-save').click();
    await frame.locator('#interactions li').first().waitFor();
    // The drafts choose their language from the person (Dutch for Sanne): shown in the
    // interface's language here, so that the screen is in one language.
    await frame.locator('#draft-open').click();
    await frame.locator('#drafts li.draft').first().waitFor();
    await frame.locator(lang === 'nl' ? '#draft-nl' : '#draft-en').click();
    await frame.locator(`#draft-${lang === 'nl' ? 'nl' : 'en'}[aria-pressed="true"]`).waitFor();
    screens.overlay = await shown(frame);

    await frame.locator('#toggle').click();
    await frame.locator('body.collapsed').waitFor();
    screens.collapsed = await shown(frame);
    await frame.locator('#toggle').click();

    const panel = await extensionPage('panel.html');
    await page.bringToFront();
    await panel.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
    await panel.locator('#active').filter({ hasText: /\d/ }).waitFor();
    screens.panel = await shown(panel);
    await panel.close();

    const options = await extensionPage('options.html');
    await options.locator('#positions tbody tr').first().waitFor();
    await options.locator('#network-status').filter({ hasText: /\d/ }).waitFor();
    screens.settings = await shown(options);
    const [download] = await Promise.all([options.waitForEvent('download'), options.locator('#backup-download').click()]);
    const saved = join(dir, 'backup.json');
    await download.saveAs(saved);
    await options.locator('#restore-file').setInputFiles(saved);
    await options.locator('#restore-question').waitFor();
    screens.backup = await shown(options);
    await options.close();
    await page.close();
  } finally {
    await browser.close();
  }
  return screens;
}

test('Chromium in Dutch: every screen in Dutch, with Dutch dates and numbers', T, async () => {
  const screens = await everyScreen('nl');
  assert.equal(screens.importLang, 'nl');
  for (const [name, text] of Object.entries(screens)) speaksOnly('nl', name, text);
  // What a Dutch user reads, as a person who speaks it would write it.
  assert.match(screens.overlay, /Mensen die jullie allebei kennen/);
  assert.match(screens.overlay, /Daar gewerkt · .* samen/);
  assert.match(screens.overlay, /Aan iemand voorgesteld · vandaag/);
  assert.match(screens.overlay, /Gebracht 1×, gehaald 0×/);
  assert.match(screens.collapsed, /2 gedeelde werkgevers · 1 gedeelde opleiding/);
  assert.match(screens.panel, /Actieve contacten: \d+ van zo'n 150/);
  assert.match(screens.settings, /3 connecties geïmporteerd\./);
  assert.match(screens.backup, /is een back-up van vandaag \d\d:\d\d met 3 contacten, 1 notitie, 1 vastgelegd contactmoment,/);
  assert.match(screens.import, /3 contacten geïmporteerd \(3 nieuw, 0 bijgewerkt\)/);
});

test('Chromium in English: the same screens show no Dutch', T, async () => {
  const screens = await everyScreen('en-US');
  assert.equal(screens.importLang, 'en');
  for (const [name, text] of Object.entries(screens)) speaksOnly('en', name, text);
  assert.match(screens.overlay, /People you both know/);
  assert.match(screens.backup, /is a backup of today \d\d:\d\d with 3 contacts, 1 note, 1 logged interaction/);
});

test('the Language setting overrides the browser', T, async () => {
  const browser = await launchBrowser({ port: site.port, lang: 'nl' });
  try {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Taal', exact: true }).waitFor();
    assert.equal(await options.locator('#language').inputValue(), 'auto');
    await Promise.all([options.waitForEvent('load'), options.locator('#language').selectOption('en')]);
    await options.getByRole('heading', { name: 'Language', exact: true }).waitFor();
    assert.equal(await options.locator('#language').inputValue(), 'en');
    assert.equal(await options.evaluate(() => document.documentElement.lang), 'en');

    // The overlay follows the setting too, and so do the core's own messages.
    const page = await browser.context.newPage();
    await page.goto(`${SITE}/in/sanne-de-vries/`);
    const frame = await overlayFrame(page);
    await frame.getByRole('heading', { name: 'People you both know' }).waitFor();
    await frame.locator('#note').fill('   ');
    await frame.locator('#save').click();
    await frame.getByText('Write a note first.').waitFor();

    await options.bringToFront();
    await Promise.all([options.waitForEvent('load'), options.locator('#language').selectOption('auto')]);
    await options.getByRole('heading', { name: 'Taal', exact: true }).waitFor();
  } finally {
    await browser.close();
  }
});
