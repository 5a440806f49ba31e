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
  const SETTLE_MS = 600; // wait for the page to stop changing before reading it again

  let host = null; // the element in the page that carries the shadow root
  let frame = null;
  let shown = null; // {url, person} the overlay shows now
  let collapsed = false;
  let pageMargin = null; // the page's own inline margin-right, restored on unmount
  let timer = 0;
  let asking = false;

  async function snapshot() {
    if (asking) return;
    asking = true;
    const url = location.href;
    try {
      const answer = await chrome.runtime.sendMessage({
        type: 'snapshot',
        url,
        html: document.documentElement.outerHTML,
      });
      if (answer && answer.type === 'profile') {
        collapsed = answer.collapsed;
        mount(url, answer.person);
      } else if (!answer || answer.type === 'no_profile') {
        unmount();
      }
    } catch (_) {
      // The extension was reloaded or updated under this page; this script is orphaned.
      observer.disconnect();
    } finally {
      asking = false;
    }
  }

  function mount(url, person) {
    if (!host) {
      host = document.createElement('div');
      const root = host.attachShadow({ mode: 'closed' });
      frame = document.createElement('iframe');
      frame.title = 'Common Ground';
      frame.setAttribute('style', 'border:0;width:100%;height:100%;display:block;background:transparent;color-scheme:normal');
      root.append(frame);
      document.documentElement.append(host);
    }
    const src = chrome.runtime.getURL('overlay.html') + '#' + encodeURIComponent(person);
    if (!shown || shown.person !== person) frame.src = src;
    shown = { url, person };
    layout();
  }

  function unmount() {
    if (!host) return;
    host.remove();
    host = frame = shown = null;
    reservePageSpace(false);
  }

  function layout() {
    if (!host) return;
    const height = collapsed ? `${COLLAPSED_HEIGHT}px` : `calc(100vh - ${TOP + GAP}px)`;
    host.setAttribute(
      'style',
      `all:initial;position:fixed;z-index:2147483647;top:${TOP}px;right:${GAP}px;` +
        `width:${WIDTH}px;height:${height};box-shadow:0 4px 18px rgba(0,0,0,.18);` +
        `border-radius:${collapsed ? 24 : 10}px;overflow:hidden`,
    );
    reservePageSpace(!collapsed);
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

  // Profile pages render late and navigate in place: read again when the address changes, and
  // while no profile has been seen, whenever the page settles after a change.
  const observer = new MutationObserver(() => {
    if (shown && shown.url === location.href) return;
    clearTimeout(timer);
    timer = setTimeout(snapshot, SETTLE_MS);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });

  chrome.runtime.onMessage.addListener((message) => {
    if (message && message.type === 'layout') {
      collapsed = Boolean(message.collapsed);
      layout();
    }
  });

  snapshot();
})();
