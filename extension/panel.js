// The side panel follows the active tab: it asks that tab's content script whom it shows and
// names the person in this page's address fragment, which the Rust overlay view (loaded by
// page.js) reads. JavaScript because it only wires tab events to the address; the view is Rust.
async function follow() {
  let person = null;
  try {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    if (tab && tab.id !== undefined) {
      const reply = await chrome.tabs.sendMessage(tab.id, { type: 'who' }, { frameId: 0 });
      person = reply && reply.person;
    }
  } catch (_) {
    // No content script in that tab (not a profile site, or a browser page): nobody to show.
  }
  const fragment = person ? `p=${encodeURIComponent(person)}` : '';
  if (location.hash.slice(1).split('&r=')[0] !== fragment || !person) {
    location.hash = person ? `${fragment}&r=${Date.now()}` : 'none';
  }
}

chrome.tabs.onActivated.addListener(follow);
chrome.tabs.onUpdated.addListener((_id, change) => change.status === 'complete' && follow());
chrome.runtime.onMessage.addListener((message, sender) => {
  // A content script showed someone: follow if it is in the active tab. No answer is sent.
  if (message && message.shown && sender.tab && sender.tab.active) follow();
});
follow();
