// Chromium's toolbar button opens the side panel: the browser does it on the click itself.
chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
