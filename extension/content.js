// Common Ground's courier inside the profile page. The page is hostile territory, so this script
// holds nothing: no Wasm, no storage, no notes. It hands the page to the core in the service
// worker, and mounts the overlay — an extension-origin frame inside a closed shadow root — when
// the core says the page holds a profile. JavaScript because content scripts cannot compile Wasm
// on pages whose CSP lacks 'wasm-unsafe-eval'.
(() => {
  'use strict';

  const WIDTH = 340; // px, the overlay's width when expanded
  const GAP = 12; // px between the overlay and the window's edges
  const COLLAPSED_HEIGHT = 48; // px, one line
  const TOP = location.hostname.endsWith('linkedin.com') ? 60 : GAP; // below LinkedIn's top bar
  const SETTLE_MS = 500; // wait for the page to stop changing before reading it again
  const GROWTH = 25; // elements added or removed before a shown profile is worth reading again

  let host = null; // the element in the page that carries the shadow root
  let frame = null;
  let person = null; // whom the overlay shows
  // Names this tab's overlay frame among all extension pages that hear runtime messages.
  const token = Math.random().toString(36).slice(2);
  let revision = 0; // bumped on every stored reading, so the overlay asks the core again
  let collapsed = false;
  let pageMargin = null; // the page's own inline margin-right, restored on unmount
  let timer = 0;
  let busy = false;
  // What the last reading saw: the address, the page's size, and whether waiting may help.
  let last = { url: null, size: 0, settled: false };
  const elements = document.getElementsByTagName('*'); // live; its length is cheap to read

  // Which addresses can hold a profile, as the core answered (LinkedIn is one application, so
  // this script is on all of it, and stays dormant away from profiles).
  const recognised = new Map();

  async function snapshot() {
    if (busy) return;
    busy = true;
    const url = location.href;
    last = { url, size: elements.length, settled: true };
    try {
      if (!recognised.has(url)) {
        const reply = await chrome.runtime.sendMessage({ recognise: { url } });
        recognised.set(url, reply && reply.profile_address ? { person: reply.person ?? null } : null);
      }
      const address = recognised.get(url);
      if (!address) {
        // Not a profile: nothing of this page leaves it. Wait for the next address.
        unmount();
        return;
      }
      // Load the overlay, hidden, while the core reads the page: its page and Wasm are ready
      // by the time the reading is stored.
      if (!host && address.person) prepare(address.person);
      performance.mark('cg-snapshot'); // for the benchmark of snapshot to overlay painted
      const answer = await chrome.runtime.sendMessage({
        snapshot: { url, html: document.documentElement.outerHTML },
      });
      if (answer && answer.type === 'profile') {
        collapsed = answer.collapsed;
        mount(answer.person);
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

  /** The frame in its closed shadow root, loading the overlay for `who`; hidden until mounted. */
  function prepare(who) {
    host = document.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    frame = document.createElement('iframe');
    frame.title = 'Common Ground';
    frame.setAttribute('style', 'border:0;width:100%;height:100%;display:block;background:transparent;color-scheme:normal');
    frame.src = chrome.runtime.getURL('overlay.html') + `#p=${encodeURIComponent(who)}&t=${token}`;
    root.append(frame);
    document.documentElement.append(host);
    layout();
  }

  /**
   * Shows the overlay for `who`. The frame (and the side panel, if open) hear that the tab now
   * shows `who` with a new reading stored, and ask the core again. Only extension pages hear
   * runtime messages, and nothing about the person is in this one beyond the key the page's own
   * address gives. The frame's address is never changed from here: with `use_dynamic_url` its
   * real address is not the one this script set, so any change would reload it.
   */
  function mount(who) {
    if (!host) prepare(who);
    person = who;
    layout();
    performance.mark('cg-mounted'); // for the tests: the overlay's next render is the one seen
    chrome.runtime
      .sendMessage({ shown: { person: who, token, revision: ++revision } })
      .catch(() => {});
  }

  function unmount() {
    if (!host) return;
    host.remove();
    host = frame = person = null;
    reservePageSpace(false);
  }

  function layout() {
    if (!host) return;
    const height = collapsed ? `${COLLAPSED_HEIGHT}px` : `calc(100vh - ${TOP + GAP}px)`;
    const shown = person !== null; // a prepared frame stays hidden until the page is read
    host.setAttribute(
      'style',
      `all:initial;position:fixed;z-index:2147483647;top:${TOP}px;right:${GAP}px;` +
        `width:${WIDTH}px;height:${height};box-shadow:0 4px 18px rgba(0,0,0,.18);` +
        `border-radius:${collapsed ? 24 : 10}px;overflow:hidden` +
        (shown ? '' : ';visibility:hidden;pointer-events:none'),
    );
    reservePageSpace(shown && !collapsed);
  }

  // Makes room beside the page so the expanded overlay hides none of its content.
  function reservePageSpace(on) {
    const style = document.documentElement.style;
    if (on && pageMargin === null) {
      pageMargin = style.getPropertyValue('margin-right');
      style.setProperty('margin-right', `${WIDTH + 2 * GAP}px`, 'important');
    } else if (!on && pageMargin !== null) {
      style.setProperty('margin-right', pageMargin);
      pageMargin = null;
    }
  }

  // Profile pages render late, load their cards lazily and navigate in place: read again once
  // the page settles after a change that matters.
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => worthReading() && snapshot(), SETTLE_MS);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });

  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (message && message.type === 'layout') {
      collapsed = Boolean(message.collapsed);
      layout();
    } else if (message && message.type === 'who') {
      // The side panel asks whom this tab shows.
      sendResponse({ person });
    }
  });

  snapshot();
})();
