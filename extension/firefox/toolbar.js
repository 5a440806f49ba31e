// Firefox's toolbar button shows or hides the sidebar. `toggle()` is called within the click's
// handler, which is the user gesture Firefox asks for before it opens a sidebar.
chrome.action.onClicked.addListener(() => {
  browser.sidebarAction.toggle();
});
