// What the end-to-end tests and the demo share: a loopback HTTPS server that poses as
// www.linkedin.com (and br.linkedin.com, github.com, people.example.org) and serves the bundled sample pages, and Debian's Chromium started with the
// built extension loaded and its host resolver pointed at that server.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join, dirname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

// Without this Playwright does not report requests made by service workers.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The unpacked extension for each browser, as ./build.sh writes them. */
export const DIST = join(ROOT, 'dist', 'chromium');
export const FIREFOX_DIST = join(ROOT, 'dist', 'firefox');
export const PAGES = join(ROOT, 'tests', 'fixtures', 'pages');
export const SITE = 'https://www.linkedin.com';
/** A personal site with schema.org Person markup: read only when the user asks (activeTab). */
export const OTHER_SITE = 'https://people.example.org';
// Every host the loopback server answers for: LinkedIn, one of its country subdomains for public
// profiles, GitHub, and a site of no platform at all.
export const HOSTS = ['www.linkedin.com', 'br.linkedin.com', 'github.com', 'people.example.org'];

// Like LinkedIn's, a CSP without 'wasm-unsafe-eval': the content script must not need Wasm.
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "frame-src 'self'; connect-src 'self'; object-src 'none'";

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript' };

/** A certificate for www.linkedin.com made on the fly (Chromium is told to accept it). */
function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'cg-cert-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=www.linkedin.com',
    '-addext', `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(',')}`,
  ], { stdio: 'ignore' });
  const pair = { key: readFileSync(key), cert: readFileSync(cert) };
  rmSync(dir, { recursive: true, force: true });
  return pair;
}

/**
 * Serves `pages/<handle>.html` at `/in/<handle>/`, `pages/<handle>.details-<part>.html` at
 * `/in/<handle>/details/<part>/`, `pages/assets/*` at
 * `/assets/*`, and LinkedIn's "Profile Not Found" page for unknown handles. Every request is
 * logged in `server.requests`, so tests can prove the extension fetched nothing.
 */
export async function startSite(pages = PAGES) {
  const requests = [];
  const server = createServer(makeCertificate(), (req, res) => {
    const path = new URL(req.url, SITE).pathname;
    requests.push(`${req.method} ${path}`);
    const send = (status, file) => {
      const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
      res.writeHead(status, { 'content-type': type, 'content-security-policy': PAGE_CSP });
      res.end(readFileSync(file));
    };
    // github.com/<user> → github-<user>.html (the same server answers for both hosts).
    const github = req.headers.host?.startsWith('github.com') && path.match(/^\/([\w-]+)\/?$/);
    if (github) {
      const file = join(pages, `github-${github[1]}.html`);
      return existsSync(file) ? send(200, file) : send(404, join(pages, 'not-found.html'));
    }
    if (path === '/feed/') return send(200, join(pages, 'feed.html'));
    // people.example.org/<page>/ → <page>.html: a site that is not a platform.
    const other = req.headers.host?.startsWith('people.example.org') && path.match(/^\/([\w-]+)\/?$/);
    if (other) {
      const file = join(pages, `${other[1]}.html`);
      return existsSync(file) ? send(200, file) : send(404, join(pages, 'not-found.html'));
    }
    const profile = path.match(/^\/in\/([^/]+)\/?(?:details\/([a-z]+)\/?)?$/);
    if (profile) {
      const name = decodeURIComponent(profile[1]) + (profile[2] ? `.details-${profile[2]}` : '');
      const file = join(pages, `${name}.html`);
      return existsSync(file) && normalize(file).startsWith(pages)
        ? send(200, file)
        : send(404, join(pages, 'not-found.html'));
    }
    const asset = normalize(join(pages, path));
    if (path.startsWith('/assets/') && asset.startsWith(pages) && existsSync(asset)) {
      return send(200, asset);
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: server.address().port, requests, close: () => server.close() };
}

/**
 * Debian's Chromium with dist/ loaded, resolving www.linkedin.com to the loopback site; `lang`
 * is the browser's own language (`nl`: what chrome.i18n.getUILanguage() says).
 * Returns the context, the extension's service worker and the extension's id.
 */
export async function launchBrowser({ port, headless = true, viewport = { width: 1440, height: 900 }, dist = DIST, lang = 'en-US', downloads }) {
  if (!existsSync(join(dist, 'manifest.json'))) {
    throw new Error(`no built extension in ${dist}: run ./build.sh first`);
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'cg-profile-'));
  if (downloads) {
    // The browser's own downloads folder, as a user sets it (see `useOwnDownloads`).
    mkdirSync(join(profileDir, 'Default'), { recursive: true });
    writeFileSync(join(profileDir, 'Default', 'Preferences'),
      JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false } }));
  }
  const context = await chromium.launchPersistentContext(profileDir, {
    locale: lang,
    env: { ...process.env, LANGUAGE: lang },
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless,
    viewport,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      ...(headless ? ['--headless=new'] : []),
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h}:443 127.0.0.1:${port}`).join(', ')}`,
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--no-first-run',
      `--lang=${lang}`,
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  };
  return { context, worker, extensionId, close };
}

/**
 * Lets the browser save downloads as it does for a user (into the folder given to
 * `launchBrowser` as `downloads`, under the names asked for) rather than as Playwright's
 * numbered artifacts: what an extension writes with `chrome.downloads` can then be found.
 */
export async function useOwnDownloads(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
}

/** A note's identity on every device: its uid, or for one stored before uids, its number and
 * the time it was written (as `model::note_uid` makes it). */
export const noteUid = (n) => n.uid ?? `n${n.id}-${Math.trunc(n.created)}`;
const interactionUid = (i) => i.uid ?? `i${i.id}-${Math.trunc(i.at)}`;

/** What two devices' backups must agree on: the records, without each store's own numbering
 * or the time the file was made. */
export function records(backup) {
  const strip = (list, uid) => list.map((r) => ({ ...r, id: undefined, uid: uid(r) }))
    .sort((a, b) => a.uid.localeCompare(b.uid));
  return JSON.parse(JSON.stringify({
    ...backup,
    exported: 0,
    notes: strip(backup.notes, noteUid),
    interactions: strip(backup.interactions, interactionUid),
  }));
}

/** What a sample page's <body> holds, for a page script to put in place of its own. */
export function bodyOf(name) {
  const page = readFileSync(join(PAGES, `${name}.html`), 'utf8');
  return page.slice(page.indexOf('<body>') + 6, page.lastIndexOf('</body>'));
}

/** The overlay frame on `page` (found by its extension URL, which the page itself cannot read). */
export async function overlayFrame(page, { timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`no overlay frame on ${page.url()} after ${timeout} ms`);
    await page.waitForTimeout(50);
  }
}

/**
 * Waits until the overlay on `page` has drawn what the user sees (the frame loads hidden while
 * the page is read, and draws again once the reading is stored) and returns the absolute times
 * (ms since the epoch) of that round's marks: asked, answered, annotated, rendered; and of the
 * content script's last snapshot.
 */
export async function overlayShown(page, frame, { timeout = 30_000 } = {}) {
  const last = (name) => {
    const marks = performance.getEntriesByName(name);
    return marks.length ? performance.timeOrigin + marks[marks.length - 1].startTime : NaN;
  };
  // The content script tells its frame when it handed the page over and showed the overlay
  // (it leaves no mark in the page's own timeline).
  await frame.waitForFunction(() => globalThis.cgCourier?.mounted > 0, null, { timeout });
  const { mounted, snapshot } = await frame.evaluate(() => globalThis.cgCourier);
  await frame.waitForFunction(({ after }) => {
    const marks = performance.getEntriesByName('cg-overlay-rendered');
    return marks.length > 0 && performance.timeOrigin + marks[marks.length - 1].startTime > after
      && performance.timeOrigin + performance.getEntriesByName('cg-overlay-asked').at(-1).startTime > after;
  }, { after: mounted }, { timeout });
  const at = {};
  for (const name of ['asked', 'answered', 'annotated', 'rendered']) at[name] = await frame.evaluate(last, `cg-overlay-${name}`);
  return { ...at, snapshot, mounted };
}

/**
 * Stops the extension's service worker the way Chromium does when it idles, through
 * chrome://serviceworker-internals, and waits until that page reports it STOPPED. The next
 * runtime message starts a fresh one, with nothing in memory. Returns a function that reads the
 * worker's running status again (RUNNING, STOPPED, …).
 */
export async function stopServiceWorker(context, extensionId) {
  const internals = await context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  // The sample site registers no service worker, so the page lists exactly one: ours.
  await internals.getByText(`chrome-extension://${extensionId}/`).first().waitFor();
  const stop = internals.locator('[data-command="stop"]');
  if ((await stop.count()) !== 1) throw new Error('expected exactly one running service worker');
  const running = internals.locator('.serviceworker-running-status');
  const status = async () => {
    await internals.reload();
    await running.first().waitFor();
    return (await running.first().innerText()).replace(/^.*:\s*/, '').trim();
  };
  await stop.click();
  await running.filter({ hasText: 'STOPPED' }).first().waitFor();
  return status;
}

/** `YYYY-MM-DD HH:MM:SS UTC`, `days` before now, as messages.csv writes dates. */
const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

/**
 * The user's export as CSV files in `dir`: Sam Example, at Veldwerk Analytics since January 2020 and at
 * Gemeente Utrecht from March 2016 to December 2019, Universiteit Utrecht 2012–2016; three
 * connections: Lotte (30 messages both ways this season), Pieter (one message in 2019) and Noor
 * (a colleague of Sanne's at Veldwerk Analytics, never written to).
 */
export function writeExport(dir) {
  const me = 'https://www.linkedin.com/in/sam-example';
  const files = {
    'Profile.csv': 'First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n'
      + 'Sam,Example,,,,Open data engineer,,Software,,"Utrecht, Netherlands",,,',
    'Positions.csv': 'Company Name,Title,Description,Location,Started On,Finished On\n'
      + 'Veldwerk Analytics,Data Engineer,,"Utrecht, Netherlands",Jan 2020,\n'
      + 'Gemeente Utrecht,Data Analyst,,Utrecht,Mar 2016,Dec 2019',
    'Education.csv': 'School Name,Start Date,End Date,Notes,Degree Name,Activities\nUniversiteit Utrecht,2012,2016,,MSc Data Science,',
    'Connections.csv': 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n'
      + 'Lotte,Jansen,https://www.linkedin.com/in/lotte-jansen-e2e,,Kennislab Noord,Researcher,12 Mar 2019\n'
      + 'Pieter,Bakker,https://www.linkedin.com/in/pieter-bakker-e2e,,Havenbedrijf Delta,Designer,01 Feb 2015\n'
      + 'Noor,Visser,https://www.linkedin.com/in/noor-visser-e2e,,Veldwerk Analytics,Data Engineer,05 May 2021',
  };
  const rows = ['CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT'];
  const lotte = 'https://www.linkedin.com/in/lotte-jansen-e2e';
  for (let i = 0; i < 30; i++) {
    const [from, fromUrl, to, toUrl] = i % 2 ? ['Sam Example', me, 'Lotte Jansen', lotte] : ['Lotte Jansen', lotte, 'Sam Example', me];
    rows.push(`c-lotte,Lotte Jansen,${from},${fromUrl},${to},${toUrl},${daysAgo(3 + 2 * i)},,Message ${i},INBOX,false,false`);
  }
  rows.push(`c-pieter,Pieter Bakker,Sam Example,${me},Pieter Bakker,https://www.linkedin.com/in/pieter-bakker-e2e,2019-05-01 10:00:00 UTC,,Hello,INBOX,false,false`);
  files['messages.csv'] = rows.join('\n');
  return Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}
