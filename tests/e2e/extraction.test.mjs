// Reading real-shaped pages in the browser: the overlay follows what the page shows, as it loads
// and as the user moves through it without reloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSite, launchBrowser, overlayFrame, bodyOf, SITE, PAGES } from './harness.mjs';

let site, browser;

before(async () => {
  site = await startSite();
  browser = await launchBrowser({ port: site.port });
});

after(async () => {
  await browser?.close();
  site?.close();
});

const T = { timeout: 60_000 };

async function open(path) {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}${path}`);
  return page;
}

test('a 2024 page: name, headline and current role in the overlay', T, async () => {
  const page = await open('/in/sanne-de-vries/');
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await frame.getByText('Product Lead at Veldwerk Analytics', { exact: true }).waitFor();
  await frame.getByText('Product Lead at Veldwerk Analytics · Open data and civic tech').waitFor();
  await page.close();
});

test('a 2026 page: the overlay picks up the experience cards when they load', T, async () => {
  const page = await open('/in/jonas-berg/');
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Jonas Berg' }).waitFor();
  // Before the cards: the top card's company.
  await frame.getByText('Noordlicht Systems', { exact: true }).waitFor();
  const cards = readFileSync(join(PAGES, 'jonas-berg.cards.html'), 'utf8');
  await page.evaluate((html) => {
    const anchor = document.querySelector('[componentkey^="profile_top_card_experience_lazy_anchor_"]');
    const holder = document.createElement('div');
    holder.innerHTML = html;
    anchor.replaceWith(...holder.childNodes);
  }, cards);
  await frame.getByText('Platform Engineer at Noordlicht Systems', { exact: true }).waitFor();
  assert.equal(page.frames().filter((f) => f.url().startsWith('chrome-extension://')).length, 1);
  await page.close();
});

test('a 2026 page in Dutch without a Topcard id: the name, read from the visible text', T, async () => {
  const page = await open('/in/sdui-2026-mila-de-graaf.nl/');
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Mila de Graaf' }).waitFor();
  await frame.getByText('Verpleegkundig specialist at Amsterdam UMC', { exact: true }).waitFor();
  await page.close();
});

test('a public profile on a country subdomain (br.linkedin.com) gets the overlay', T, async () => {
  const page = await browser.context.newPage();
  await page.goto('https://br.linkedin.com/in/public-2026-rafael-costa.pt/');
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Rafael C.' }).waitFor();
  // The masked headline of a logged-out page is not shown as if the person wrote it.
  assert.equal(await frame.getByText('*****').count(), 0);
  await page.close();
});

test('moving to another profile without a reload moves the overlay with it', T, async () => {
  const page = await open('/in/sanne-de-vries/');
  let frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  // What LinkedIn's router does: a new address in history and a new page body, no load.
  const body = bodyOf('lotte-jansen');
  await page.evaluate((html) => {
    history.pushState({}, '', '/in/lotte-jansen/');
    document.body.innerHTML = html;
  }, body);
  frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Lotte Jansen' }).waitFor();
  await frame.getByText('Beleidsadviseur at Gemeente Amsterdam', { exact: true }).waitFor();
  assert.equal(page.frames().filter((f) => f.url().startsWith('chrome-extension://')).length, 1);
  await page.close();
});

test('a details page completes the profile read from the main page', T, async () => {
  const page = await open('/in/sanne-de-vries/');
  await (await overlayFrame(page)).getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await page.goto(`${SITE}/in/sanne-de-vries/details/experience/`);
  const frame = await overlayFrame(page);
  // The details page names no one: the name comes from the stored main-page reading.
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await frame.getByText('Product Lead at Veldwerk Analytics', { exact: true }).waitFor();
  await page.close();
});

test('pages that hold no profile get no overlay', T, async () => {
  const missing = await open('/in/nobody-at-all/');
  // A profile opened at the same time is the yardstick: once its overlay is up, and the page
  // has had as long again to settle, the not-found page has long been answered.
  const started = Date.now();
  const control = await open('/in/pieter-bakker/');
  await (await overlayFrame(control)).getByRole('heading', { name: 'Pieter Bakker' }).waitFor();
  await missing.waitForTimeout(Math.max(1000, Date.now() - started));
  assert.equal(await missing.title(), 'Profile Not Found | LinkedIn');
  assert.deepEqual(missing.frames().filter((f) => f.url().startsWith('chrome-extension://')), []);
  await missing.close();
  await control.close();
});

test('a GitHub user page gets the overlay too', T, async () => {
  const page = await browser.context.newPage();
  await page.goto('https://github.com/ada-example');
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Ada Example' }).waitFor();
  await frame.getByText('Maintainer of small, boring, reliable tools.').waitFor();
  await frame.getByText('noordlicht', { exact: true }).waitFor();
  await page.close();
});

test('opening a profile from the feed, inside the application, brings the overlay', T, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/feed/`);
  // The feed is not a profile: the script there only asked whether the address is one.
  const body = bodyOf('sanne-de-vries');
  await page.evaluate((html) => {
    history.pushState({}, '', '/in/sanne-de-vries/');
    document.body.innerHTML = html;
  }, body);
  const frame = await overlayFrame(page);
  await frame.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  // And back to the feed: the overlay goes away.
  await page.evaluate(() => {
    history.pushState({}, '', '/feed/');
    document.body.innerHTML = '<main><h1>Feed</h1><p>Back in the feed.</p></main>';
  });
  await page.waitForFunction(() => document.documentElement.style.marginRight === '');
  await page.close();
});
