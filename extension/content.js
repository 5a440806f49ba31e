// Common Ground's courier inside the profile page. The page is hostile territory, so this script
// holds nothing: no Wasm, no storage, no notes. The one text it is ever given is a draft the user
// chose to put in LinkedIn's invite note. It hands the page to the core in the service
// worker, and mounts the overlay — one extension-origin frame, the only thing of Common Ground a
// page script can find — when the core says the page holds a profile. The frame has no `src`
// (it is sent to the overlay's address after it is in the page), so the page cannot read that
// address; it is a plain iframe, so asking it for a shadow root tells the page nothing; and the
// script leaves no performance mark or attribute behind. JavaScript because content scripts
// cannot compile Wasm on pages whose CSP lacks 'wasm-unsafe-eval'.
(() => {
  'use strict';

  // Put into a page a second time (the user asked again to read a page with no profile address
  // of its own): the courier already there reads it again.
  if (globalThis.commonGroundCourier) {
    globalThis.commonGroundCourier();
    return;
  }

  const WIDTH = 340; // px, the overlay's width when expanded
  const GAP = 12; // px between the overlay and the window's edges
  const COLLAPSED_HEIGHT = 48; // px, one line
  const TOP = location.hostname.endsWith('linkedin.com') ? 60 : GAP; // below LinkedIn's top bar
  const SETTLE_MS = 500; // wait for the page to stop changing before reading it again
  const GROWTH = 25; // elements added or removed before a shown profile is worth reading again

  let frame = null; // the one element this script puts in the page
  let person = null; // whom the overlay shows
  // This tab's overlay frame knows it from its own address, which the page cannot read: what is
  // posted to the frame with it comes from here (the page can post to the frame too).
  const token = Math.random().toString(36).slice(2);
  let revision = 0; // bumped on every stored reading, so the overlay asks the core again
  let shown = null; // what the frame was last told, `{shown: {person, token, revision}}`
  let preparedFor = null; // whom the frame's address names
  let collapsed = false;
  // Whether the overlay goes beside the page; off (trace-free), this script adds nothing to it.
  let beside = true;
  let pageMargin = null; // the page's own inline margin-right, restored on unmount
  let pageStyle = null; // <html>'s style attribute before space was reserved (null: it had none)
  // When the page was last handed over and the overlay last shown (ms since the epoch): posted
  // to the overlay frame, which keeps them for the benchmarks, instead of marks in the page.
  const times = { snapshot: 0, mounted: 0 };
  let timer = 0;
  let busy = false;
  // What the last reading saw: the address, the page's size, and whether waiting may help.
  let last = { url: null, size: 0, settled: false };
  const elements = document.getElementsByTagName('*'); // live; its length is cheap to read

  // Which addresses can hold a profile, as the core answered (LinkedIn is one application, so
  // this script is on all of it, and stays dormant away from profiles).
  const recognised = new Map();

  /**
   * What of the page the reader needs, as the core narrows it (`prune::focus_main`): on a
   * LinkedIn page with one `<main>`, the head, that `<main>` (every layout keeps the profile
   * there), and from the rest only hidden JSON naming this person and JSON-LD; any other page
   * whole. A logged-in profile carries several times as much outside `<main>` as in it.
   */
  function forReader(person) {
    const whole = () => document.documentElement.outerHTML;
    const handle = person && person.startsWith('linkedin:') ? person.slice('linkedin:'.length).toLowerCase() : '';
    const mains = document.getElementsByTagName('main');
    if (!handle || mains.length !== 1 || !document.head) return whole();
    const main = mains[0];
    // The <html> tag keeps its attributes (the page's `lang`).
    const shell = document.documentElement.cloneNode(false).outerHTML;
    const parts = [shell.slice(0, shell.lastIndexOf('</')), document.head.outerHTML, '<body>', main.outerHTML];
    for (const code of document.getElementsByTagName('code')) {
      if (!main.contains(code) && code.textContent.toLowerCase().includes(handle)) parts.push(code.outerHTML);
    }
    for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
      if (!main.contains(script) && !document.head.contains(script)) parts.push(script.outerHTML);
    }
    parts.push('</body></html>');
    return parts.join('');
  }

  async function snapshot() {
    if (busy) return;
    // Only a page the user has in front of them is read: a background tab, or a window the user
    // is not in, waits until it shows and has the focus (the overlay's frame counts as the page).
    if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
    busy = true;
    const url = location.href;
    last = { url, size: elements.length, settled: true };
    try {
      if (!recognised.has(url)) {
        const reply = await chrome.runtime.sendMessage({ recognise: { url } });
        recognised.set(url, reply && reply.profile_address ? { person: reply.person ?? null, beside: reply.beside !== false } : null);
      }
      const address = recognised.get(url);
      if (!address) {
        // Not a profile: nothing of this page leaves it. Wait for the next address.
        unmount();
        return;
      }
      // Load the overlay, hidden, while the core reads the page: its page and Wasm are ready
      // by the time the reading is stored.
      if (!frame && address.person && address.beside) prepare(address.person);
      times.snapshot = performance.timeOrigin + performance.now();
      const answer = await chrome.runtime.sendMessage({
        snapshot: { url, html: forReader(address.person) },
      });
      beside = address.beside;
      if (answer && answer.type === 'profile') {
        collapsed = answer.collapsed;
        show(answer.person);
      } else if (answer && answer.type === 'no_profile') {
        unmount();
        last.settled = !answer.retry;
      }
    } catch (_) {
      // The extension was reloaded or updated under this page; this script is orphaned.
      observer.disconnect();
    } finally {
      busy = false;
    }
  }

  function worthReading() {
    if (location.href !== last.url) return true; // navigated in place
    if (!last.settled) return true; // still loading: no name yet
    // A shown profile whose cards arrived (or a details list that grew).
    return person !== null && Math.abs(elements.length - last.size) >= GROWTH;
  }

  /** The frame, loading the overlay for `who`; hidden until mounted. */
  function prepare(who) {
    frame = document.createElement('iframe');
    frame.title = 'Common Ground';
    frame.allow = 'clipboard-write'; // the drafts' Copy button
    layout();
    frame.addEventListener('load', frameLoaded);
    preparedFor = who;
    document.documentElement.append(frame);
    // Sent to the overlay once in the page, never through `src`: the address (with the person's
    // key and this frame's token) is then the frame's own, which the page cannot read.
    frame.contentWindow.location.replace(
      chrome.runtime.getURL('overlay.html') + `#p=${encodeURIComponent(who)}&t=${token}`,
    );
  }

  /**
   * Shows the overlay for `who`. The frame (posted to its window) and the side panel, if open (a
   * runtime message, which only extension pages hear), learn that the tab now shows `who` with a
   * new reading stored, and ask the core again. Nothing about the person is in the message
   * beyond the key the page's own address gives. The frame's address is never changed from here: with `use_dynamic_url` its
   * real address is not the one this script set, so any change would reload it.
   */
  function mount(who) {
    if (!frame) prepare(who);
    person = who;
    layout();
    times.mounted = performance.timeOrigin + performance.now();
    tellFrameTheTimes();
    shown = { shown: { person: who, token, revision: ++revision } };
    tellFrame(shown);
    // The side panel, if open, hears it as a runtime message.
    chrome.runtime.sendMessage(shown).catch(() => {});
  }

  /**
   * Shows `who`: in the overlay beside the page, or, trace-free, only in the side panel (if
   * open), with nothing added to the page.
   */
  function show(who) {
    if (beside) return mount(who);
    unmount();
    person = who;
    shown = { shown: { person: who, token, revision: ++revision } };
    chrome.runtime.sendMessage(shown).catch(() => {});
  }

  /**
   * Posts `message` to the overlay frame alone, as `{commonGround: message}`. To any origin:
   * Chromium gives the frame a dynamic origin this script cannot name. Were the page to load a
   * document of its own into the frame, it would learn the token of a frame that no longer
   * exists, and the key its own address gives.
   */
  function tellFrame(message) {
    frame?.contentWindow?.postMessage({ commonGround: message }, '*');
  }

  /**
   * The frame has loaded: it shows whom its address names; if the tab moved on to someone else
   * while it loaded, it hears so now.
   */
  function frameLoaded() {
    tellFrameTheTimes();
    if (shown && shown.shown.person !== preparedFor) tellFrame(shown);
  }

  /**
   * Posts the last snapshot's and mount's times to the overlay frame (for the benchmarks), now
   * and again when the frame has loaded, whichever comes later. Posted to that one window: the
   * page's timeline gets no mark.
   */
  function tellFrameTheTimes() {
    if (frame && times.mounted > 0) {
      tellFrame({ times: { ...times } });
    }
  }

  function unmount() {
    if (!frame) return;
    frame.remove();
    frame = person = shown = preparedFor = null;
    reservePageSpace(false);
  }

  function layout() {
    if (!frame) return;
    const height = collapsed ? `${COLLAPSED_HEIGHT}px` : `calc(100vh - ${TOP + GAP}px)`;
    const shown = person !== null; // a prepared frame stays hidden until the page is read
    frame.setAttribute(
      'style',
      `all:initial;display:block;border:0;background:transparent;color-scheme:normal;` +
        `position:fixed;z-index:2147483647;top:${TOP}px;right:${GAP}px;` +
        `width:${WIDTH}px;height:${height};box-shadow:0 4px 18px rgba(0,0,0,.18);` +
        `border-radius:${collapsed ? 24 : 10}px;overflow:hidden` +
        (shown ? '' : ';visibility:hidden;pointer-events:none'),
    );
    reservePageSpace(shown && !collapsed);
  }

  // Makes room beside the page so the expanded overlay hides none of its content.
  function reservePageSpace(on) {
    const html = document.documentElement;
    if (on && pageMargin === null) {
      pageStyle = html.getAttribute('style');
      pageMargin = html.style.getPropertyValue('margin-right');
      html.style.setProperty('margin-right', `${WIDTH + 2 * GAP}px`, 'important');
    } else if (!on && pageMargin !== null) {
      html.style.setProperty('margin-right', pageMargin);
      // Nothing left behind: no empty style attribute unless the page wrote one.
      if (html.getAttribute('style') === '' && pageStyle !== '') html.removeAttribute('style');
      pageMargin = null;
    }
  }

  /**
   * The note box of LinkedIn's open invite dialog ("Add a note"), in the page or in the shadow
   * root LinkedIn renders its dialogs into; `null` when none is showing.
   */
  function inviteNoteBox() {
    const roots = [document];
    const outlet = document.getElementById('interop-outlet');
    if (outlet && outlet.shadowRoot) roots.unshift(outlet.shadowRoot);
    for (const root of roots) {
      for (const dialog of root.querySelectorAll('[role="dialog"]')) {
        const box = dialog.querySelector('textarea#custom-message, textarea[name="message"]');
        if (box && box.getClientRects().length > 0) return box;
      }
    }
    return null;
  }

  /**
   * Puts the user's draft in the invite dialog's note box, as if typed, and focuses it. Only the
   * box is touched: the user reads it over and presses Send; nothing is clicked or sent here.
   */
  function putInInviteNote(text) {
    const box = inviteNoteBox();
    if (!box) return { filled: false, open: false };
    const limit = box.maxLength > 0 ? box.maxLength : null;
    if (limit !== null && text.length > limit) return { filled: false, open: true, limit };
    // The prototype's setter, so that the page's framework sees a change it did not make.
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(box, text);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.dispatchEvent(new Event('change', { bubbles: true }));
    box.focus();
    return { filled: true, open: true, limit };
  }

  // Profile pages render late, load their cards lazily and navigate in place: read again once
  // the page settles after a change that matters.
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => worthReading() && snapshot(), SETTLE_MS);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && worthReading()) snapshot();
  });
  window.addEventListener('focus', () => {
    if (worthReading()) snapshot();
  });

  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message && message.type === 'layout') {
      collapsed = Boolean(message.collapsed);
      layout();
    } else if (message && message.type === 'who') {
      // The side panel asks whom this tab shows.
      sendResponse({ person });
    } else if (message && message.type === 'refresh') {
      // A note was saved from the context menu: the overlay (or the side panel) reads again.
      if (person) show(person);
    } else if (message && message.type === 'add_note') {
      // The keyboard shortcut: the overlay opens (if collapsed) and focuses its note box.
      if (!person || !frame) return sendResponse(false);
      collapsed = false;
      layout();
      tellFrame({ focus_note: { token } });
      sendResponse(true);
    } else if (message && message.type === 'invite_note') {
      // The user pressed "Put in invite note" on a draft.
      sendResponse(putInInviteNote(String(message.text ?? '')));
    }
  });

  // Lives in this extension's isolated world: the page's own scripts cannot see or call it.
  globalThis.commonGroundCourier = () => {
    last = { url: null, size: 0, settled: false };
    snapshot();
  };
  snapshot();
})();
